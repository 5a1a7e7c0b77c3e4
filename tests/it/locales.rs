//! Every Alexa locale, in its own language: the skill answers a launch, a
//! song, "help" and "what's playing?" from the request's `locale`, and
//! `jukebox chat --locale` holds a whole session in that language. Titles
//! stay as the catalog writes them.

use crate::chat::{answer, chat_with};
use crate::support::*;

use jukebox::alexa::ssml::to_plain_text;
use serde_json::{json, Value};

/// What one locale's listener says and hears.
struct Locale {
    locale: &'static str,
    /// Typed into `jukebox chat`: open the skill, play Bohemian Rhapsody
    /// by Queen, ask what's playing, stop (the voice model's phrasings).
    said: [&'static str; 4],
    /// The welcome: whole, or a word only that language uses.
    welcome: Expect,
    /// The answer to the song.
    playing: &'static str,
    /// The answer to "what's playing?".
    now_playing: &'static str,
    /// The help: whole, or a word only that language uses.
    help: Expect,
}

enum Expect {
    Exactly(&'static str),
    Contains(&'static str),
}

impl Expect {
    fn check(&self, heard: &str, what: &str) {
        match self {
            Expect::Exactly(expected) => assert_eq!(heard, *expected, "{what}"),
            Expect::Contains(word) => assert!(heard.contains(word), "{what}: {heard}"),
        }
    }
}

use Expect::{Contains, Exactly};

const GERMAN_HELP: &str = "Du kannst sagen: spiele einen Song von einem Künstler, spiele ein Album, spiele eine Playlist, spiele etwas Jazz, spiele alles zufällig, oder spiele meine Favoriten. Während Musik läuft, sag: weiter, zurück, Pause, fortsetzen, wiederholen oder zufällig, ich mag dieses Lied, oder frag, was gerade läuft. Was möchtest du hören?";
const FRENCH_HELP: &str = "Vous pouvez dire : joue une chanson d'un artiste, joue un album, joue une playlist, mets du jazz, mélange ma musique, ou joue mes favoris. Pendant la musique, dites suivant, précédent, pause, reprendre, répéter ou aléatoire, j'aime cette chanson, ou demandez ce qui passe. Que voulez-vous écouter ?";
const SPANISH_HELP: &str = "Puedes decir: pon una canción de un artista, pon un álbum, pon una playlist, pon un poco de jazz, mezcla mi música, o pon mis favoritos. Mientras suena la música, di siguiente, anterior, pausa, continúa, repetir o aleatorio, me gusta esta canción, o pregunta qué suena. ¿Qué te gustaría escuchar?";
const JAPANESE_HELP: &str = "「アーティストの曲をかけて」、「アルバムをかけて」、「プレイリストをかけて」、「ジャズ系の曲をかけて」、「全部の曲をシャッフルして」、「お気に入りをかけて」のように言ってください。再生中は「次」、「前」、「一時停止」、「再開」、「リピート」、「シャッフル」、「この曲が好き」、「今かかっている曲は何」と言えます。何を聴きますか？";

fn english(locale: &'static str) -> Locale {
    Locale {
        locale,
        said: [
            "open my jukebox",
            "play Bohemian Rhapsody by Queen",
            "what's playing",
            "stop",
        ],
        welcome: Exactly("Welcome to jukebox. Ask for a song, an album or an artist, for example: play Bohemian Rhapsody by Queen. What would you like to hear?"),
        playing: "Playing Bohemian Rhapsody by Queen.",
        now_playing: "This is Bohemian Rhapsody by Queen.",
        help: Contains("You can say: play a song by an artist"),
    }
}

fn french(locale: &'static str) -> Locale {
    Locale {
        locale,
        said: [
            "ouvre mon jukebox",
            "joue Bohemian Rhapsody de Queen",
            "qu'est ce qui passe",
            "stop",
        ],
        welcome: Exactly("Bienvenue dans votre jukebox. Demandez une chanson, un album ou un artiste, par exemple : joue Bohemian Rhapsody de Queen. Que voulez-vous écouter ?"),
        playing: "Je lance Bohemian Rhapsody de Queen.",
        now_playing: "C'est Bohemian Rhapsody de Queen.",
        help: Exactly(FRENCH_HELP),
    }
}

fn spanish(locale: &'static str, jukebox: &'static str) -> Locale {
    Locale {
        locale,
        said: [
            if jukebox == "gramola" {
                "abre mi gramola"
            } else {
                "abre mi rocola"
            },
            "pon Bohemian Rhapsody de Queen",
            "¿qué suena ahora?",
            "para",
        ],
        welcome: if jukebox == "gramola" {
            Exactly("Te doy la bienvenida a tu gramola. Pide una canción, un álbum o un artista, por ejemplo: pon Bohemian Rhapsody de Queen. ¿Qué te gustaría escuchar?")
        } else {
            Exactly("Te doy la bienvenida a tu rocola. Pide una canción, un álbum o un artista, por ejemplo: pon Bohemian Rhapsody de Queen. ¿Qué te gustaría escuchar?")
        },
        playing: "Reproduciendo Bohemian Rhapsody de Queen.",
        now_playing: "Está sonando Bohemian Rhapsody de Queen.",
        help: Exactly(SPANISH_HELP),
    }
}

fn locales() -> Vec<Locale> {
    vec![
        Locale {
            locale: "ar-SA",
            said: [
                "افتح صندوق الموسيقى",
                "شغل Bohemian Rhapsody لفرقة Queen",
                "وش اللي يشتغل الحين",
                "توقف",
            ],
            welcome: Contains("مرحبًا بك في صندوق الموسيقى."),
            playing: "جارٍ تشغيل Bohemian Rhapsody لـ Queen.",
            now_playing: "يُشغَّل الآن Bohemian Rhapsody لـ Queen.",
            help: Contains("يمكنك أن تقول"),
        },
        Locale {
            locale: "de-DE",
            said: [
                "öffne meine jukebox",
                "spiele Bohemian Rhapsody von Queen",
                "was läuft gerade",
                "stopp",
            ],
            welcome: Exactly("Willkommen bei deiner Jukebox. Wünsch dir einen Song, ein Album oder einen Künstler, zum Beispiel: spiele Bohemian Rhapsody von Queen. Was möchtest du hören?"),
            playing: "Ich spiele Bohemian Rhapsody von Queen.",
            now_playing: "Das ist Bohemian Rhapsody von Queen.",
            help: Exactly(GERMAN_HELP),
        },
        english("en-AU"),
        english("en-CA"),
        english("en-GB"),
        english("en-IN"),
        english("en-US"),
        spanish("es-ES", "gramola"),
        spanish("es-MX", "rocola"),
        spanish("es-US", "rocola"),
        french("fr-CA"),
        french("fr-FR"),
        Locale {
            locale: "hi-IN",
            said: [
                "ज्यूकबॉक्स प्लेयर खोलो",
                "Queen का Bohemian Rhapsody चलाओ",
                "अभी क्या चल रहा है",
                "बंद करो",
            ],
            welcome: Contains("ज्यूकबॉक्स प्लेयर में आपका स्वागत है।"),
            playing: "Queen का Bohemian Rhapsody चला रही हूँ।",
            now_playing: "यह Queen का Bohemian Rhapsody है।",
            help: Contains("आप कह सकते हैं"),
        },
        Locale {
            locale: "it-IT",
            said: [
                "apri jukebox di casa",
                "metti Bohemian Rhapsody di Queen",
                "cosa sta suonando",
                "stop",
            ],
            welcome: Contains("Ti do il benvenuto"),
            playing: "Ecco Bohemian Rhapsody di Queen.",
            now_playing: "Stai ascoltando Bohemian Rhapsody di Queen.",
            help: Contains("Puoi dire"),
        },
        Locale {
            locale: "ja-JP",
            said: [
                "マイジュークボックスを開いて",
                "QueenのBohemian Rhapsodyをかけて",
                "今かかっている曲は何",
                "ストップ",
            ],
            welcome: Exactly("マイジュークボックスへようこそ。曲名、アルバム、アーティストを言ってください。たとえば「クイーンのボヘミアンラプソディをかけて」のように言えます。何を聴きますか？"),
            playing: "QueenのBohemian Rhapsodyを再生します。",
            now_playing: "QueenのBohemian Rhapsodyです。",
            help: Exactly(JAPANESE_HELP),
        },
        Locale {
            locale: "nl-NL",
            said: [
                "open mijn jukebox",
                "speel Bohemian Rhapsody van Queen",
                "wat speelt er nu",
                "stop",
            ],
            welcome: Contains("Welkom bij je jukebox."),
            playing: "Ik speel Bohemian Rhapsody van Queen.",
            now_playing: "Dit is Bohemian Rhapsody van Queen.",
            help: Contains("Je kunt zeggen"),
        },
        Locale {
            locale: "pt-BR",
            said: [
                "abra minha jukebox",
                "toca Bohemian Rhapsody do Queen",
                "o que está tocando",
                "parar",
            ],
            welcome: Contains("Boas-vindas à sua jukebox."),
            playing: "Tocando Bohemian Rhapsody de Queen.",
            now_playing: "Está tocando Bohemian Rhapsody de Queen.",
            help: Contains("Você pode dizer"),
        },
    ]
}

fn in_locale(mut envelope: Value, locale: &str) -> Value {
    envelope["request"]["locale"] = json!(locale);
    envelope
}

fn heard(response: &Value) -> String {
    to_plain_text(
        response["response"]["outputSpeech"]["ssml"]
            .as_str()
            .unwrap_or_else(|| panic!("no speech in {response}")),
    )
}

#[tokio::test]
async fn every_locale_answers_launch_play_help_and_now_playing_in_its_language() {
    let skill = embedded_skill(sample_tracks());
    let all = locales();
    assert_eq!(
        all.iter().map(|l| l.locale).collect::<Vec<_>>(),
        jukebox::voice_model::LOCALES
    );
    for expected in all {
        let locale = expected.locale;
        let mut listener = Listener::new(locale, locale);
        let ask = async |envelope: Value, listener: &mut Listener| {
            let response = skill
                .handle_json(in_locale(envelope, locale))
                .await
                .unwrap();
            listener.apply(&response);
            response
        };
        let launch = listener.launch();
        let welcome = ask(launch, &mut listener).await;
        expected
            .welcome
            .check(&heard(&welcome), &format!("{locale} welcome"));

        // Bohemian Rhapsody by Queen, as the locale's slot values carry it.
        let play = listener.play(Some("Bohemian Rhapsody"), Some("Queen"));
        let played = ask(play, &mut listener).await;
        assert_eq!(heard(&played), expected.playing, "{locale} play");
        let token = played_token(&played).unwrap();
        assert_eq!(token_track(&token), "queen-bohemian-rhapsody", "{locale}");
        let started = listener.player_event("PlaybackStarted", &token, 0);
        ask(started, &mut listener).await;

        let now = listener.intent("NowPlayingIntent", &[]);
        let now = ask(now, &mut listener).await;
        assert_eq!(heard(&now), expected.now_playing, "{locale} now playing");

        let help = listener.intent("AMAZON.HelpIntent", &[]);
        let help = ask(help, &mut listener).await;
        expected
            .help
            .check(&heard(&help), &format!("{locale} help"));
        assert_eq!(help["response"]["shouldEndSession"], json!(false));
    }
}

/// A title with markup characters stays whole and escaped in every
/// language's sentence.
#[tokio::test]
async fn titles_are_said_as_the_catalog_writes_them_in_every_locale() {
    let skill = embedded_skill(sample_tracks());
    for locale in jukebox::voice_model::LOCALES {
        let mut listener = Listener::new(locale, "titles");
        let play = listener.play(Some("The Sound of Silence"), Some("Simon & Garfunkel"));
        let response = skill.handle_json(in_locale(play, locale)).await.unwrap();
        let ssml = response["response"]["outputSpeech"]["ssml"]
            .as_str()
            .unwrap();
        assert!(
            ssml.contains("The Sound of Silence") && ssml.contains("Simon &amp; Garfunkel"),
            "{locale}: {ssml}"
        );
        assert!(!ssml.contains(['\u{2068}', '\u{2069}']), "{locale}: {ssml}");
    }
}

/// A locale the skill has no words for, and a request without one, hear
/// English.
#[tokio::test]
async fn an_unknown_locale_hears_english() {
    let skill = embedded_skill(sample_tracks());
    let mut listener = Listener::new("sv", "sv");
    let help = listener.intent("AMAZON.HelpIntent", &[]);
    let response = skill.handle_json(in_locale(help, "sv-SE")).await.unwrap();
    assert!(heard(&response).starts_with("You can say:"));
    let mut help = listener.intent("AMAZON.HelpIntent", &[]);
    help["request"].as_object_mut().unwrap().remove("locale");
    let response = skill.handle_json(help).await.unwrap();
    assert!(heard(&response).starts_with("You can say:"));
}

/// `jukebox chat --locale` for every locale: open, play a song in the
/// language's own phrasing, ask what's playing, stop.
#[test]
fn chat_holds_a_whole_session_in_every_locale() {
    for expected in locales() {
        let locale = expected.locale;
        let [open, play, now, stop] = expected.said;
        let script = format!("{open}\n{play}\n{now}\n{stop}\n");
        let transcript = chat_with(&["--locale", locale], &script);
        let said = |typed: &str| {
            answer(&transcript, typed, 0)
                .first()
                .and_then(|line| line.strip_prefix("Alexa: "))
                .unwrap_or_else(|| panic!("{locale}: no answer to {typed}:\n{transcript}"))
                .to_string()
        };
        expected
            .welcome
            .check(&said(open), &format!("{locale} chat welcome"));
        assert_eq!(said(play), expected.playing, "{locale}:\n{transcript}");
        assert_eq!(said(now), expected.now_playing, "{locale}:\n{transcript}");
        // Stop answers with the player's Stop alone, as Alexa wants: the
        // music holds its place.
        let stopped = answer(&transcript, stop, 0);
        assert!(
            stopped.iter().all(|line| !line.starts_with("Alexa: ")),
            "{locale}: {stopped:?}"
        );
        assert!(
            stopped.iter().any(|line| line.ends_with("paused")),
            "{locale}: {stopped:?}"
        );
    }
}

/// "Play something new" in every locale: the newest track named in the
/// locale's own sentence (the embedded store dates the sample catalog as it
/// loads it, so its last row is the newest).
#[tokio::test]
async fn something_new_is_said_in_every_locale() {
    let skill = embedded_skill(sample_tracks());
    for locale in jukebox::voice_model::LOCALES {
        let mut listener = Listener::new(locale, "new");
        let ask = listener.intent("PlayNewIntent", &[]);
        let response = skill.handle_json(in_locale(ask, locale)).await.unwrap();
        let said = heard(&response);
        assert!(
            said.contains("Knockin' on Heaven's Door") && said.contains("Guns N' Roses"),
            "{locale}: {said}"
        );
        let token = played_token(&response).unwrap();
        assert_eq!(token_track(&token), "gnr-knockin", "{locale}");
        let expected = match locale {
            "de-DE" => Some("Ich spiele deine zuletzt hinzugefügte Musik"),
            "ja-JP" => Some("最近追加された曲を新しい順に再生します。"),
            "fr-FR" => Some("Je lance votre musique ajoutée récemment"),
            _ => None,
        };
        if let Some(start) = expected {
            assert!(said.starts_with(start), "{locale}: {said}");
        }
    }
}
