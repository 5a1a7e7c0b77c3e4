//! How listeners of each language word what the voice model leaves to
//! Alexa: the built-in intents ("stop", "next", "yes") and opening a skill
//! by its invocation name ("open my jukebox", "öffne meine jukebox",
//! "マイジュークボックスを開いて"). Typed the way a listener says them,
//! lower case; `jukebox chat` reads them with the language's own word
//! splitting (character by character in Japanese).

use crate::locale::Language;

/// One language's phrasings.
#[derive(Debug)]
pub struct Phrasing {
    /// What wakes the device, dropped from the start of an utterance.
    pub wake: &'static [&'static str],
    /// Phrases of each built-in intent.
    pub built_in: &'static [(&'static str, &'static [&'static str])],
    /// Said just before the invocation name to open or ask the skill
    /// ("open", "ask", "frag", "demande à").
    pub open_before: &'static [&'static str],
    /// Said just after it to open the skill, in languages that put the
    /// verb last ("を開いて", "खोलो").
    pub open_after: &'static [&'static str],
    /// Joins the invocation to the request that follows ("ask my jukebox
    /// to play…", "マイジュークボックスで…").
    pub joiners: &'static [&'static str],
    /// Joins a request to the invocation that ends it ("play hey jude on
    /// my jukebox").
    pub trailing: &'static [&'static str],
    /// Words that never make a slot value on their own: speech recognition
    /// does not hand a carrier phrase's article over as a name.
    pub function_words: &'static [&'static str],
}

/// The phrasing of `language`.
pub fn of(language: Language) -> &'static Phrasing {
    match language {
        Language::Arabic => &ARABIC,
        Language::Dutch => &DUTCH,
        Language::English => &ENGLISH,
        Language::French => &FRENCH,
        Language::German => &GERMAN,
        Language::Hindi => &HINDI,
        Language::Italian => &ITALIAN,
        Language::Japanese => &JAPANESE,
        Language::Portuguese => &PORTUGUESE,
        Language::Spanish => &SPANISH,
    }
}

const ENGLISH: Phrasing = Phrasing {
    wake: &["alexa"],
    built_in: &[
        (
            "AMAZON.PauseIntent",
            &[
                "pause",
                "pause the music",
                "pause this",
                "pause playback",
                "hold on",
            ],
        ),
        (
            "AMAZON.ResumeIntent",
            &[
                "resume",
                "continue",
                "unpause",
                "keep playing",
                "resume the music",
                "carry on",
            ],
        ),
        (
            "AMAZON.NextIntent",
            &[
                "next",
                "skip",
                "next song",
                "next track",
                "skip this song",
                "skip this",
                "play the next song",
            ],
        ),
        (
            "AMAZON.PreviousIntent",
            &[
                "previous",
                "go back",
                "previous song",
                "previous track",
                "back",
                "play the previous song",
            ],
        ),
        (
            "AMAZON.StartOverIntent",
            &[
                "start over",
                "restart",
                "play from the beginning",
                "start from the beginning",
                "start this song over",
            ],
        ),
        (
            "AMAZON.RepeatIntent",
            &[
                "repeat",
                "repeat this song",
                "play it again",
                "say that again",
            ],
        ),
        (
            "AMAZON.LoopOnIntent",
            &["loop", "loop on", "turn on loop", "loop this", "repeat all"],
        ),
        (
            "AMAZON.LoopOffIntent",
            &["loop off", "turn off loop", "stop looping"],
        ),
        (
            "AMAZON.ShuffleOnIntent",
            &[
                "shuffle",
                "shuffle on",
                "turn on shuffle",
                "shuffle the music",
            ],
        ),
        (
            "AMAZON.ShuffleOffIntent",
            &["shuffle off", "turn off shuffle", "stop shuffling"],
        ),
        (
            "AMAZON.YesIntent",
            &[
                "yes",
                "yeah",
                "yep",
                "sure",
                "ok",
                "okay",
                "yes please",
                "please do",
            ],
        ),
        (
            "AMAZON.NoIntent",
            &["no", "nope", "no thanks", "no thank you"],
        ),
        (
            "AMAZON.HelpIntent",
            &["help", "help me", "what can i say", "what can you do"],
        ),
        (
            "AMAZON.StopIntent",
            &["stop", "quit", "exit", "off", "shut up", "stop the music"],
        ),
        (
            "AMAZON.CancelIntent",
            &["cancel", "never mind", "forget it"],
        ),
        (
            "AMAZON.NavigateHomeIntent",
            &["go home", "go to the home screen"],
        ),
    ],
    open_before: &[
        "open", "launch", "start", "begin", "load", "run", "use", "ask", "tell",
    ],
    open_after: &[],
    joiners: &["to", "for", "about", "if", "whether", "and"],
    trailing: &["on", "with", "using", "from", "in"],
    function_words: &["the", "a", "an", "my", "some", "this", "that", "to", "of"],
};

const GERMAN: Phrasing = Phrasing {
    wake: &["alexa"],
    built_in: &[
        (
            "AMAZON.PauseIntent",
            &["pause", "pausiere", "pausieren", "anhalten", "halt an"],
        ),
        (
            "AMAZON.ResumeIntent",
            &[
                "fortsetzen",
                "setz fort",
                "weiterspielen",
                "spiel weiter",
                "mach weiter",
            ],
        ),
        (
            "AMAZON.NextIntent",
            &[
                "weiter",
                "nächster",
                "nächstes lied",
                "nächster song",
                "überspringen",
                "überspring das",
            ],
        ),
        (
            "AMAZON.PreviousIntent",
            &[
                "zurück",
                "vorheriges lied",
                "vorheriger song",
                "voriges lied",
            ],
        ),
        (
            "AMAZON.StartOverIntent",
            &["von vorne", "neu starten", "noch mal von vorne"],
        ),
        (
            "AMAZON.RepeatIntent",
            &["wiederhole das", "sag das noch mal", "noch mal bitte"],
        ),
        (
            "AMAZON.LoopOnIntent",
            &[
                "wiederholen",
                "wiederholung an",
                "endlosschleife an",
                "schleife an",
            ],
        ),
        (
            "AMAZON.LoopOffIntent",
            &["wiederholung aus", "endlosschleife aus", "schleife aus"],
        ),
        (
            "AMAZON.ShuffleOnIntent",
            &[
                "zufällig",
                "zufallswiedergabe an",
                "zufallswiedergabe",
                "mischen",
            ],
        ),
        (
            "AMAZON.ShuffleOffIntent",
            &["zufallswiedergabe aus", "nicht mehr mischen"],
        ),
        (
            "AMAZON.YesIntent",
            &["ja", "ja bitte", "gerne", "klar", "okay", "ok", "genau"],
        ),
        ("AMAZON.NoIntent", &["nein", "nein danke", "nö"]),
        (
            "AMAZON.HelpIntent",
            &["hilfe", "hilf mir", "was kann ich sagen", "was kannst du"],
        ),
        (
            "AMAZON.StopIntent",
            &["stopp", "stop", "halt", "aus", "beenden", "sei still"],
        ),
        ("AMAZON.CancelIntent", &["abbrechen", "vergiss es", "egal"]),
        (
            "AMAZON.NavigateHomeIntent",
            &["startseite", "zum startbildschirm"],
        ),
    ],
    open_before: &[
        "öffne", "öffnen", "starte", "starten", "frag", "frage", "sag", "sage", "benutze",
    ],
    open_after: &[],
    joiners: &["nach", "ob", "zu", "und", "dass"],
    trailing: &["auf", "mit", "in", "über"],
    function_words: &[
        "der", "die", "das", "den", "dem", "ein", "eine", "einen", "mein", "meine", "etwas", "was",
    ],
};

const FRENCH: Phrasing = Phrasing {
    wake: &["alexa"],
    built_in: &[
        (
            "AMAZON.PauseIntent",
            &["pause", "mets en pause", "pause la musique"],
        ),
        (
            "AMAZON.ResumeIntent",
            &["reprendre", "reprends", "continue", "reprends la lecture"],
        ),
        (
            "AMAZON.NextIntent",
            &["suivant", "chanson suivante", "morceau suivant", "passe"],
        ),
        (
            "AMAZON.PreviousIntent",
            &[
                "précédent",
                "chanson précédente",
                "morceau précédent",
                "reviens en arrière",
            ],
        ),
        (
            "AMAZON.StartOverIntent",
            &["recommence", "depuis le début", "reprends depuis le début"],
        ),
        ("AMAZON.RepeatIntent", &["répète", "tu peux répéter"]),
        (
            "AMAZON.LoopOnIntent",
            &["répéter", "répétition", "active la répétition", "boucle"],
        ),
        (
            "AMAZON.LoopOffIntent",
            &["désactive la répétition", "arrête la répétition"],
        ),
        (
            "AMAZON.ShuffleOnIntent",
            &[
                "aléatoire",
                "lecture aléatoire",
                "active la lecture aléatoire",
                "mélange",
            ],
        ),
        (
            "AMAZON.ShuffleOffIntent",
            &[
                "désactive la lecture aléatoire",
                "arrête la lecture aléatoire",
            ],
        ),
        (
            "AMAZON.YesIntent",
            &[
                "oui",
                "oui s'il te plaît",
                "oui s'il vous plaît",
                "d'accord",
                "ok",
                "vas-y",
                "volontiers",
            ],
        ),
        ("AMAZON.NoIntent", &["non", "non merci"]),
        (
            "AMAZON.HelpIntent",
            &["aide", "aide-moi", "à l'aide", "qu'est-ce que je peux dire"],
        ),
        (
            "AMAZON.StopIntent",
            &["stop", "arrête", "arrêter", "tais-toi"],
        ),
        (
            "AMAZON.CancelIntent",
            &["annule", "annuler", "laisse tomber"],
        ),
        (
            "AMAZON.NavigateHomeIntent",
            &["accueil", "retour à l'accueil"],
        ),
    ],
    open_before: &["ouvre", "lance", "démarre", "demande à", "dis à", "utilise"],
    open_after: &[],
    joiners: &["de", "d'", "si"],
    trailing: &["sur", "avec", "dans"],
    function_words: &[
        "le", "la", "les", "l'", "un", "une", "du", "de", "des", "mon", "ma", "mes",
    ],
};

const SPANISH: Phrasing = Phrasing {
    wake: &["alexa"],
    built_in: &[
        (
            "AMAZON.PauseIntent",
            &["pausa", "pon pausa", "pausa la música"],
        ),
        (
            "AMAZON.ResumeIntent",
            &["continúa", "continuar", "reanuda", "sigue"],
        ),
        (
            "AMAZON.NextIntent",
            &[
                "siguiente",
                "siguiente canción",
                "salta",
                "pasa a la siguiente",
            ],
        ),
        (
            "AMAZON.PreviousIntent",
            &["anterior", "canción anterior", "vuelve atrás"],
        ),
        (
            "AMAZON.StartOverIntent",
            &["empieza de nuevo", "desde el principio", "vuelve a empezar"],
        ),
        ("AMAZON.RepeatIntent", &["repite", "repítelo"]),
        (
            "AMAZON.LoopOnIntent",
            &["repetir", "activa la repetición", "repetir todo"],
        ),
        (
            "AMAZON.LoopOffIntent",
            &["desactiva la repetición", "quita la repetición"],
        ),
        (
            "AMAZON.ShuffleOnIntent",
            &["aleatorio", "modo aleatorio", "activa el modo aleatorio"],
        ),
        (
            "AMAZON.ShuffleOffIntent",
            &["desactiva el modo aleatorio", "quita el modo aleatorio"],
        ),
        (
            "AMAZON.YesIntent",
            &[
                "sí",
                "sí por favor",
                "claro",
                "vale",
                "de acuerdo",
                "ok",
                "dale",
            ],
        ),
        ("AMAZON.NoIntent", &["no", "no gracias"]),
        (
            "AMAZON.HelpIntent",
            &["ayuda", "ayúdame", "qué puedo decir"],
        ),
        (
            "AMAZON.StopIntent",
            &["para", "detente", "stop", "apaga", "cállate"],
        ),
        ("AMAZON.CancelIntent", &["cancela", "cancelar", "olvídalo"]),
        ("AMAZON.NavigateHomeIntent", &["inicio", "ve al inicio"]),
    ],
    open_before: &[
        "abre",
        "inicia",
        "pide a",
        "pídele a",
        "dile a",
        "pregunta a",
        "usa",
    ],
    open_after: &[],
    joiners: &["que", "por", "si"],
    trailing: &["en", "con"],
    function_words: &[
        "el", "la", "los", "las", "un", "una", "mi", "mis", "de", "del", "algo",
    ],
};

const ITALIAN: Phrasing = Phrasing {
    wake: &["alexa"],
    built_in: &[
        ("AMAZON.PauseIntent", &["pausa", "metti in pausa"]),
        (
            "AMAZON.ResumeIntent",
            &["riprendi", "continua", "riprendi la musica"],
        ),
        (
            "AMAZON.NextIntent",
            &[
                "avanti",
                "prossima",
                "prossima canzone",
                "successiva",
                "salta",
            ],
        ),
        (
            "AMAZON.PreviousIntent",
            &["indietro", "precedente", "canzone precedente"],
        ),
        (
            "AMAZON.StartOverIntent",
            &["ricomincia", "dall'inizio", "ricomincia da capo"],
        ),
        ("AMAZON.RepeatIntent", &["puoi ripetere", "ripetilo"]),
        (
            "AMAZON.LoopOnIntent",
            &["ripeti", "ripetizione", "attiva la ripetizione"],
        ),
        (
            "AMAZON.LoopOffIntent",
            &["disattiva la ripetizione", "togli la ripetizione"],
        ),
        (
            "AMAZON.ShuffleOnIntent",
            &[
                "casuale",
                "riproduzione casuale",
                "attiva la riproduzione casuale",
            ],
        ),
        (
            "AMAZON.ShuffleOffIntent",
            &["disattiva la riproduzione casuale"],
        ),
        (
            "AMAZON.YesIntent",
            &["sì", "sì grazie", "certo", "va bene", "ok", "volentieri"],
        ),
        ("AMAZON.NoIntent", &["no", "no grazie"]),
        (
            "AMAZON.HelpIntent",
            &["aiuto", "aiutami", "cosa posso dire"],
        ),
        ("AMAZON.StopIntent", &["stop", "basta", "fermati", "ferma"]),
        ("AMAZON.CancelIntent", &["annulla", "lascia perdere"]),
        ("AMAZON.NavigateHomeIntent", &["home", "vai alla home"]),
    ],
    open_before: &["apri", "avvia", "lancia", "chiedi a", "di' a", "usa"],
    open_after: &[],
    joiners: &["di", "se"],
    trailing: &["su", "con"],
    function_words: &[
        "il", "lo", "la", "i", "gli", "le", "l'", "un", "una", "di", "mio", "mia", "qualcosa",
    ],
};

const DUTCH: Phrasing = Phrasing {
    wake: &["alexa"],
    built_in: &[
        ("AMAZON.PauseIntent", &["pauze", "pauzeer", "zet op pauze"]),
        (
            "AMAZON.ResumeIntent",
            &["hervat", "ga verder", "verder spelen", "doorgaan"],
        ),
        (
            "AMAZON.NextIntent",
            &["volgende", "volgend nummer", "sla over", "skip"],
        ),
        (
            "AMAZON.PreviousIntent",
            &["vorige", "vorig nummer", "ga terug"],
        ),
        (
            "AMAZON.StartOverIntent",
            &["begin opnieuw", "opnieuw beginnen", "vanaf het begin"],
        ),
        ("AMAZON.RepeatIntent", &["herhaal dat", "zeg dat nog eens"]),
        (
            "AMAZON.LoopOnIntent",
            &["herhalen", "herhalen aan", "zet herhalen aan"],
        ),
        (
            "AMAZON.LoopOffIntent",
            &["herhalen uit", "zet herhalen uit"],
        ),
        (
            "AMAZON.ShuffleOnIntent",
            &["shuffle", "shuffle aan", "willekeurige volgorde"],
        ),
        (
            "AMAZON.ShuffleOffIntent",
            &["shuffle uit", "zet shuffle uit"],
        ),
        (
            "AMAZON.YesIntent",
            &["ja", "ja graag", "graag", "prima", "oké", "ok", "goed"],
        ),
        ("AMAZON.NoIntent", &["nee", "nee dank je", "nee bedankt"]),
        ("AMAZON.HelpIntent", &["help", "hulp", "wat kan ik zeggen"]),
        ("AMAZON.StopIntent", &["stop", "stoppen", "uit", "hou op"]),
        (
            "AMAZON.CancelIntent",
            &["annuleer", "annuleren", "laat maar"],
        ),
        (
            "AMAZON.NavigateHomeIntent",
            &["startscherm", "ga naar start"],
        ),
    ],
    open_before: &[
        "open",
        "start",
        "vraag",
        "vraag aan",
        "zeg tegen",
        "gebruik",
    ],
    open_after: &[],
    joiners: &["om", "of", "naar"],
    trailing: &["op", "met", "via"],
    function_words: &["de", "het", "een", "mijn", "wat", "iets"],
};

const PORTUGUESE: Phrasing = Phrasing {
    wake: &["alexa"],
    built_in: &[
        ("AMAZON.PauseIntent", &["pausar", "pausa", "pause"]),
        (
            "AMAZON.ResumeIntent",
            &["continuar", "continua", "retomar", "volta a tocar"],
        ),
        (
            "AMAZON.NextIntent",
            &["próxima", "próxima música", "pular", "pula"],
        ),
        (
            "AMAZON.PreviousIntent",
            &["anterior", "música anterior", "volta"],
        ),
        (
            "AMAZON.StartOverIntent",
            &["começar de novo", "do início", "recomeçar"],
        ),
        (
            "AMAZON.RepeatIntent",
            &["pode repetir", "repete o que você disse"],
        ),
        (
            "AMAZON.LoopOnIntent",
            &["repetir", "ativar repetição", "repetir tudo"],
        ),
        (
            "AMAZON.LoopOffIntent",
            &["desativar repetição", "desligar repetição"],
        ),
        (
            "AMAZON.ShuffleOnIntent",
            &["aleatório", "modo aleatório", "ativar aleatório"],
        ),
        (
            "AMAZON.ShuffleOffIntent",
            &["desativar aleatório", "desligar aleatório"],
        ),
        (
            "AMAZON.YesIntent",
            &["sim", "sim por favor", "claro", "pode ser", "ok", "beleza"],
        ),
        ("AMAZON.NoIntent", &["não", "não obrigado", "não obrigada"]),
        (
            "AMAZON.HelpIntent",
            &["ajuda", "me ajuda", "o que eu posso dizer"],
        ),
        ("AMAZON.StopIntent", &["parar", "para", "pare", "chega"]),
        ("AMAZON.CancelIntent", &["cancelar", "cancela", "esquece"]),
        (
            "AMAZON.NavigateHomeIntent",
            &["início", "vai para o início"],
        ),
    ],
    open_before: &[
        "abra",
        "abre",
        "abrir",
        "inicie",
        "inicia",
        "pergunte a",
        "peça a",
        "peça para",
        "pede pra",
    ],
    open_after: &[],
    joiners: &["para", "pra", "se"],
    trailing: &["na", "no", "em", "com"],
    function_words: &[
        "o", "a", "os", "as", "um", "uma", "meu", "minha", "de", "do", "da",
    ],
};

const JAPANESE: Phrasing = Phrasing {
    wake: &["alexa", "アレクサ"],
    built_in: &[
        (
            "AMAZON.PauseIntent",
            &["一時停止", "一時停止して", "ポーズ"],
        ),
        ("AMAZON.ResumeIntent", &["再開", "再開して", "続けて"]),
        ("AMAZON.NextIntent", &["次", "次の曲", "次へ", "スキップ"]),
        ("AMAZON.PreviousIntent", &["前", "前の曲", "前へ", "戻って"]),
        ("AMAZON.StartOverIntent", &["最初から", "最初から再生して"]),
        ("AMAZON.RepeatIntent", &["もう一度言って"]),
        (
            "AMAZON.LoopOnIntent",
            &["リピート", "リピートして", "リピートをオン"],
        ),
        ("AMAZON.LoopOffIntent", &["リピートをオフ", "リピート解除"]),
        (
            "AMAZON.ShuffleOnIntent",
            &["シャッフル", "シャッフルして", "シャッフルをオン"],
        ),
        (
            "AMAZON.ShuffleOffIntent",
            &["シャッフルをオフ", "シャッフル解除"],
        ),
        (
            "AMAZON.YesIntent",
            &[
                "はい",
                "うん",
                "お願い",
                "お願いします",
                "いいよ",
                "オッケー",
            ],
        ),
        (
            "AMAZON.NoIntent",
            &["いいえ", "いや", "ううん", "大丈夫です"],
        ),
        (
            "AMAZON.HelpIntent",
            &["ヘルプ", "助けて", "使い方を教えて", "何ができるの"],
        ),
        ("AMAZON.StopIntent", &["ストップ", "停止", "止めて", "終了"]),
        ("AMAZON.CancelIntent", &["キャンセル", "やめて"]),
        ("AMAZON.NavigateHomeIntent", &["ホーム", "ホームに戻って"]),
    ],
    open_before: &[],
    open_after: &["を開いて", "をひらいて", "を起動して", "開いて", "起動して"],
    joiners: &["で"],
    trailing: &[],
    function_words: &["を", "の", "が", "は"],
};

const HINDI: Phrasing = Phrasing {
    wake: &["alexa", "एलेक्सा", "अलेक्सा"],
    built_in: &[
        ("AMAZON.PauseIntent", &["रोको", "रोक दो", "पॉज़", "पॉज़ करो"]),
        (
            "AMAZON.ResumeIntent",
            &["फिर से चलाओ", "जारी रखो", "दोबारा शुरू करो", "रिज़्यूम करो"],
        ),
        (
            "AMAZON.NextIntent",
            &["अगला", "अगला गाना", "आगे", "स्किप करो"],
        ),
        ("AMAZON.PreviousIntent", &["पिछला", "पिछला गाना", "पीछे"]),
        ("AMAZON.StartOverIntent", &["शुरू से", "शुरू से चलाओ"]),
        ("AMAZON.RepeatIntent", &["फिर से बोलो", "दोबारा बोलो"]),
        ("AMAZON.LoopOnIntent", &["दोहराओ", "लूप चालू करो", "रिपीट"]),
        ("AMAZON.LoopOffIntent", &["लूप बंद करो", "दोहराना बंद करो"]),
        ("AMAZON.ShuffleOnIntent", &["शफल", "शफल करो", "शफल चालू करो"]),
        ("AMAZON.ShuffleOffIntent", &["शफल बंद करो"]),
        ("AMAZON.YesIntent", &["हाँ", "हां", "जी हाँ", "ठीक है", "ज़रूर"]),
        ("AMAZON.NoIntent", &["नहीं", "ना", "नहीं धन्यवाद"]),
        (
            "AMAZON.HelpIntent",
            &["मदद", "मदद करो", "मैं क्या बोल सकता हूँ", "मैं क्या बोल सकती हूँ"],
        ),
        ("AMAZON.StopIntent", &["बंद करो", "बंद", "स्टॉप", "बस करो"]),
        ("AMAZON.CancelIntent", &["रद्द करो", "कैंसल", "छोड़ो"]),
        ("AMAZON.NavigateHomeIntent", &["होम", "होम पर जाओ"]),
    ],
    open_before: &[],
    open_after: &["खोलो", "खोलें", "शुरू करो"],
    joiners: &["पर", "में", "से"],
    trailing: &[],
    function_words: &["का", "की", "के", "कुछ", "मेरे", "मेरी"],
};

const ARABIC: Phrasing = Phrasing {
    wake: &["alexa", "أليكسا", "اليكسا"],
    built_in: &[
        (
            "AMAZON.PauseIntent",
            &["إيقاف مؤقت", "وقف مؤقت", "أوقف مؤقتا"],
        ),
        ("AMAZON.ResumeIntent", &["استئناف", "كمل", "أكمل", "استمر"]),
        (
            "AMAZON.NextIntent",
            &["التالي", "الأغنية التالية", "اللي بعده", "تخطي"],
        ),
        (
            "AMAZON.PreviousIntent",
            &["السابق", "الأغنية السابقة", "اللي قبله", "ارجع"],
        ),
        ("AMAZON.StartOverIntent", &["من البداية", "ابدأ من جديد"]),
        ("AMAZON.RepeatIntent", &["أعد ما قلت", "عيد"]),
        ("AMAZON.LoopOnIntent", &["تكرار", "كرر", "شغل التكرار"]),
        ("AMAZON.LoopOffIntent", &["أوقف التكرار", "إلغاء التكرار"]),
        (
            "AMAZON.ShuffleOnIntent",
            &["عشوائي", "تشغيل عشوائي", "شغل عشوائي"],
        ),
        (
            "AMAZON.ShuffleOffIntent",
            &["أوقف العشوائي", "إلغاء العشوائي"],
        ),
        (
            "AMAZON.YesIntent",
            &["نعم", "أيوه", "ايوه", "طيب", "أكيد", "تمام"],
        ),
        ("AMAZON.NoIntent", &["لا", "لا شكرا", "لا شكرًا"]),
        (
            "AMAZON.HelpIntent",
            &["مساعدة", "ساعدني", "وش أقدر أقول", "ماذا يمكنني أن أقول"],
        ),
        ("AMAZON.StopIntent", &["توقف", "وقف", "قف", "إيقاف", "اسكت"]),
        ("AMAZON.CancelIntent", &["إلغاء", "الغاء", "انس الموضوع"]),
        ("AMAZON.NavigateHomeIntent", &["الرئيسية", "ارجع للرئيسية"]),
    ],
    open_before: &["افتح", "افتحي", "شغل", "شغلي", "ابدأ", "اسأل", "اطلب من"],
    open_after: &[],
    joiners: &["أن", "ان"],
    trailing: &["على", "في"],
    function_words: &["من", "لي"],
};
