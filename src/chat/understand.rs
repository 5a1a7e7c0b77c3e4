//! Natural language understanding for `jukebox chat`: typed utterances are
//! matched against the deployed voice model (sample utterances with slots,
//! invocation phrases) plus the usual phrasings of Alexa's built-in intents,
//! the way Alexa would resolve them. Slot values are what the user typed.

use serde::Deserialize;

use super::phrasing::{self, Phrasing};
use crate::locale::Language;

/// The part of an ASK interaction model chat needs (`interactionModel.languageModel`).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct LanguageModel {
    pub invocation_name: String,
    pub intents: Vec<ModelIntent>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct ModelIntent {
    pub name: String,
    #[serde(default)]
    pub slots: Vec<ModelSlot>,
    #[serde(default)]
    pub samples: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct ModelSlot {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
}

/// What an utterance means to Alexa.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Understood {
    /// "open my jukebox": a LaunchRequest.
    Launch,
    /// An intent with its slot values as typed.
    Intent {
        name: String,
        slots: Vec<(String, String)>,
        invoked: bool,
    },
}

/// Slot names with the words they captured.
type SlotValues = Vec<(String, String)>;

/// A sample compiled into words and slot holes.
#[derive(Debug, Clone)]
enum Part {
    Word(String),
    Slot(String),
}

#[derive(Debug, Clone)]
struct Pattern {
    intent: String,
    parts: Vec<Part>,
}

/// The compiled voice model: ready to understand utterances.
#[derive(Debug, Clone)]
pub struct Understanding {
    language: Language,
    phrasing: &'static Phrasing,
    invocation: Vec<String>,
    patterns: Vec<Pattern>,
}

/// Lowercase words, punctuation dropped (apostrophes kept inside words).
pub fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(is_word_char(c) || c == '\'' || c == '.'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '.').to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// A letter or digit, or a mark that belongs to one (a Devanagari vowel
/// sign or virama, an Arabic vowel mark, a combining accent).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c, '\u{0300}'..='\u{036F}' | '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}' | '\u{0951}'..='\u{0957}' | '\u{0962}'..='\u{0963}' | '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// Whether `c` is written in a script without spaces between words
/// (kana and kanji), so it is a word of its own.
fn is_unspaced(c: char) -> bool {
    matches!(c, '\u{3005}' | '\u{3041}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF66}'..='\u{FF9F}')
}

/// The tokens of `text` in `language`: [`words`], except that in Japanese
/// each kana or kanji is a token of its own (no spaces tell where a word
/// ends), while a run of Latin letters or digits stays one word.
pub fn tokens(text: &str, language: Language) -> Vec<String> {
    let mut out = Vec::new();
    for word in words(text) {
        if !language.is_unspaced() || !word.chars().any(is_unspaced) {
            out.push(word);
            continue;
        }
        let mut run = String::new();
        for c in word.chars() {
            if is_unspaced(c) {
                if !run.is_empty() {
                    out.push(std::mem::take(&mut run));
                }
                out.push(c.to_string());
            } else {
                run.push(c);
            }
        }
        if !run.is_empty() {
            out.push(run);
        }
    }
    out
}

/// Tokens joined back into the text a slot heard: with spaces, except
/// around a kana or kanji in Japanese ("bohemian rhapsody", "上を向いて歩こう").
fn join(tokens: &[String], language: Language) -> String {
    if !language.is_unspaced() {
        return tokens.join(" ");
    }
    let mut out = String::new();
    for (i, token) in tokens.iter().enumerate() {
        let glued = |t: &String| t.chars().any(is_unspaced);
        if i > 0 && !glued(token) && !glued(&tokens[i - 1]) {
            out.push(' ');
        }
        out.push_str(token);
    }
    out
}

impl Understanding {
    /// The voice model of an English locale.
    pub fn new(model: &LanguageModel) -> Self {
        Understanding::in_language(model, Language::English)
    }

    /// The voice model of a locale of `language`, with its phrasings of
    /// the built-in intents and of opening the skill.
    pub fn in_language(model: &LanguageModel, language: Language) -> Self {
        let phrasing = phrasing::of(language);
        let mut patterns = Vec::new();
        for intent in &model.intents {
            let mut samples: Vec<String> = intent.samples.clone();
            if let Some((_, phrases)) = phrasing
                .built_in
                .iter()
                .find(|(name, _)| *name == intent.name)
            {
                samples.extend(phrases.iter().map(|p| p.to_string()));
            }
            for sample in samples {
                let parts = sample
                    .split_whitespace()
                    .flat_map(|token| {
                        match token.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                            // Slot names keep their case: they name the slot in the request.
                            Some(slot) => vec![Part::Slot(slot.to_string())],
                            None => tokens(token, language)
                                .into_iter()
                                .map(Part::Word)
                                .collect(),
                        }
                    })
                    .collect();
                patterns.push(Pattern {
                    intent: intent.name.clone(),
                    parts,
                });
            }
        }
        Understanding {
            language,
            phrasing,
            invocation: tokens(&model.invocation_name, language),
            patterns,
        }
    }

    /// Whether `said` is one of `phrases`, in this language's tokens.
    fn is_one_of(&self, said: &[String], phrases: &[&str]) -> bool {
        phrases
            .iter()
            .any(|phrase| tokens(phrase, self.language) == said)
    }

    /// What Alexa would make of a typed utterance.
    pub fn understand(&self, utterance: &str) -> Understood {
        let mut said = tokens(utterance, self.language);
        for wake in self.phrasing.wake {
            let wake = tokens(wake, self.language);
            if said.starts_with(&wake) {
                said.drain(..wake.len());
                break;
            }
        }
        let (rest, invoked) = self.strip_invocation(&said);
        if invoked && rest.is_empty() {
            return Understood::Launch;
        }
        // Slots may be left unsaid, as Alexa leaves them: "play the
        // playlist" is the playlist intent with no name (its sample has
        // the most words in common), never a playlist called "the".
        match self.best_match(&rest, 0) {
            Some((intent, slots)) => Understood::Intent {
                name: intent,
                slots,
                invoked,
            },
            None => Understood::Intent {
                name: "AMAZON.FallbackIntent".to_string(),
                slots: vec![],
                invoked,
            },
        }
    }

    /// Removes "open my jukebox", "ask my jukebox to …", "… on my jukebox"
    /// (and "マイジュークボックスを開いて", "ज्यूकबॉक्स प्लेयर खोलो").
    fn strip_invocation(&self, tokens: &[String]) -> (Vec<String>, bool) {
        let n = self.invocation.len();
        let at = (0..tokens.len()).find(|&i| tokens[i..].starts_with(&self.invocation));
        let Some(at) = at else {
            return (tokens.to_vec(), false);
        };
        let before = &tokens[..at];
        let mut after = &tokens[at + n..];
        if !(before.is_empty() || self.is_one_of(before, self.phrasing.open_before)) {
            // "play hey jude on my jukebox"
            if let Some((joiner, body)) = before.split_last() {
                if self.phrasing.trailing.contains(&joiner.as_str()) && after.is_empty() {
                    return (body.to_vec(), true);
                }
            }
            return (tokens.to_vec(), false);
        }
        if self.is_one_of(after, self.phrasing.open_after) {
            return (Vec::new(), true);
        }
        for joiner in self.phrasing.joiners {
            let joiner = crate::chat::understand::tokens(joiner, self.language);
            if !joiner.is_empty() && after.starts_with(&joiner) {
                after = &after[joiner.len()..];
                break;
            }
        }
        (after.to_vec(), true)
    }

    /// The most specific sample that matches: most literal words, then
    /// fewest slots. Each slot takes at least `min_words` words, and none
    /// is only a function word ("the", "a", "my", "some"): speech
    /// recognition does not hand a carrier phrase's article over as a name.
    fn best_match(&self, tokens: &[String], min_words: usize) -> Option<(String, SlotValues)> {
        let mut best: Option<(usize, usize, &Pattern, SlotValues)> = None;
        for pattern in &self.patterns {
            let mut slots = Vec::new();
            if match_parts(&pattern.parts, tokens, min_words, self.language, &mut slots)
                && !slots
                    .iter()
                    .any(|(_, value)| self.phrasing.function_words.contains(&value.as_str()))
            {
                slots.retain(|(_, value)| !value.is_empty());
                let literals = pattern
                    .parts
                    .iter()
                    .filter(|p| matches!(p, Part::Word(_)))
                    .count();
                let holes = pattern.parts.len() - literals;
                let better = match &best {
                    None => true,
                    Some((l, h, _, _)) => literals > *l || (literals == *l && holes < *h),
                };
                if better {
                    best = Some((literals, holes, pattern, slots));
                }
            }
        }
        best.map(|(_, _, pattern, slots)| (pattern.intent.clone(), slots))
    }
}

/// Matches parts against tokens; slots take `min_words` or more words.
fn match_parts(
    parts: &[Part],
    tokens: &[String],
    min_words: usize,
    language: Language,
    slots: &mut Vec<(String, String)>,
) -> bool {
    match parts.split_first() {
        None => tokens.is_empty(),
        Some((Part::Word(word), rest)) => {
            tokens.first().is_some_and(|t| t == word)
                && match_parts(rest, &tokens[1..], min_words, language, slots)
        }
        Some((Part::Slot(name), rest)) => {
            for take in min_words..=tokens.len() {
                let mark = slots.len();
                slots.push((name.clone(), join(&tokens[..take], language)));
                if match_parts(rest, &tokens[take..], min_words, language, slots) {
                    return true;
                }
                slots.truncate(mark);
            }
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> LanguageModel {
        let intent = |name: &str, samples: &[&str]| ModelIntent {
            name: name.to_string(),
            slots: vec![],
            samples: samples.iter().map(|s| s.to_string()).collect(),
        };
        LanguageModel {
            invocation_name: "my jukebox".into(),
            intents: vec![
                intent(
                    "PlayMusicIntent",
                    &[
                        "play {songName}",
                        "play {songName} by {artistName}",
                        "play something by {artistName}",
                    ],
                ),
                intent("NowPlayingIntent", &["what's playing"]),
                intent("AMAZON.PauseIntent", &[]),
                intent("AMAZON.FallbackIntent", &[]),
            ],
        }
    }

    /// A carrier phrase with its slot unsaid is that intent with no value,
    /// never a value made of the phrase's article.
    #[test]
    fn a_slot_left_unsaid_is_empty_not_an_article() {
        let understanding = Understanding::new(&crate::chat::voice_model("en-US").unwrap());
        for (said, name) in [
            ("play the playlist", "PlayPlaylistIntent"),
            ("play the album", "PlayAlbumIntent"),
        ] {
            assert_eq!(
                understanding.understand(said),
                intent(name, &[], false),
                "{said}"
            );
        }
        assert_eq!(
            understanding.understand("play the road trip playlist"),
            intent(
                "PlayPlaylistIntent",
                &[("playlistName", "road trip")],
                false
            )
        );
        assert_eq!(
            understanding.understand("play the beatles"),
            intent("PlayMusicIntent", &[("songName", "the beatles")], false)
        );
    }

    /// Each locale's listener, in their own words: open the skill, play a
    /// song by an artist, ask what's playing, stop.
    #[test]
    fn every_locale_is_understood_in_its_own_words() {
        let sessions: [(&str, [&str; 4], (&str, &str)); 17] = [
            (
                "ar-SA",
                [
                    "افتح صندوق الموسيقى",
                    "شغل Bohemian Rhapsody لفرقة Queen",
                    "وش اللي يشتغل الحين",
                    "توقف",
                ],
                ("bohemian rhapsody", "queen"),
            ),
            (
                "de-DE",
                [
                    "Öffne meine Jukebox",
                    "Spiele Bohemian Rhapsody von Queen",
                    "Was läuft gerade?",
                    "Stopp",
                ],
                ("bohemian rhapsody", "queen"),
            ),
            (
                "en-AU",
                [
                    "open my jukebox",
                    "play Bohemian Rhapsody by Queen",
                    "what's playing",
                    "stop",
                ],
                ("bohemian rhapsody", "queen"),
            ),
            (
                "en-CA",
                [
                    "open my jukebox",
                    "play Bohemian Rhapsody by Queen",
                    "what's playing",
                    "stop",
                ],
                ("bohemian rhapsody", "queen"),
            ),
            (
                "en-GB",
                [
                    "open my jukebox",
                    "play Bohemian Rhapsody by Queen",
                    "what's playing",
                    "stop",
                ],
                ("bohemian rhapsody", "queen"),
            ),
            (
                "en-IN",
                [
                    "open my jukebox",
                    "play Bohemian Rhapsody by Queen",
                    "what's playing",
                    "stop",
                ],
                ("bohemian rhapsody", "queen"),
            ),
            (
                "en-US",
                [
                    "open my jukebox",
                    "play Bohemian Rhapsody by Queen",
                    "what's playing",
                    "stop",
                ],
                ("bohemian rhapsody", "queen"),
            ),
            (
                "es-ES",
                [
                    "abre mi gramola",
                    "pon Bohemian Rhapsody de Queen",
                    "¿qué suena ahora?",
                    "para",
                ],
                ("bohemian rhapsody", "queen"),
            ),
            (
                "es-MX",
                [
                    "abre mi rocola",
                    "pon Bohemian Rhapsody de Queen",
                    "¿qué suena ahora?",
                    "para",
                ],
                ("bohemian rhapsody", "queen"),
            ),
            (
                "es-US",
                [
                    "abre mi rocola",
                    "pon Bohemian Rhapsody de Queen",
                    "¿qué suena ahora?",
                    "para",
                ],
                ("bohemian rhapsody", "queen"),
            ),
            (
                "fr-CA",
                [
                    "ouvre mon jukebox",
                    "joue Bohemian Rhapsody de Queen",
                    "qu'est ce qui passe",
                    "stop",
                ],
                ("bohemian rhapsody", "queen"),
            ),
            (
                "fr-FR",
                [
                    "ouvre mon jukebox",
                    "joue Bohemian Rhapsody de Queen",
                    "qu'est ce qui passe",
                    "stop",
                ],
                ("bohemian rhapsody", "queen"),
            ),
            (
                "hi-IN",
                [
                    "ज्यूकबॉक्स प्लेयर खोलो",
                    "Queen का Bohemian Rhapsody चलाओ",
                    "अभी क्या चल रहा है",
                    "बंद करो",
                ],
                ("bohemian rhapsody", "queen"),
            ),
            (
                "it-IT",
                [
                    "apri jukebox di casa",
                    "metti Bohemian Rhapsody di Queen",
                    "cosa sta suonando",
                    "stop",
                ],
                ("bohemian rhapsody", "queen"),
            ),
            (
                "ja-JP",
                [
                    "マイジュークボックスを開いて",
                    "QueenのBohemian Rhapsodyをかけて",
                    "今かかっている曲は何？",
                    "ストップ",
                ],
                ("bohemian rhapsody", "queen"),
            ),
            (
                "nl-NL",
                [
                    "open mijn jukebox",
                    "speel Bohemian Rhapsody van Queen",
                    "wat speelt er nu",
                    "stop",
                ],
                ("bohemian rhapsody", "queen"),
            ),
            (
                "pt-BR",
                [
                    "abra minha jukebox",
                    "toca Bohemian Rhapsody do Queen",
                    "o que está tocando",
                    "parar",
                ],
                ("bohemian rhapsody", "queen"),
            ),
        ];
        for (locale, [open, play, now, stop], (song, artist)) in sessions {
            let nlu = Understanding::in_language(
                &crate::chat::voice_model(locale).unwrap(),
                Language::of_locale(Some(locale)),
            );
            assert_eq!(nlu.understand(open), Understood::Launch, "{locale}: {open}");
            let Understood::Intent {
                name, mut slots, ..
            } = nlu.understand(play)
            else {
                panic!("{locale}: {play} is a launch");
            };
            slots.sort();
            assert_eq!(
                (name.as_str(), slots),
                (
                    "PlayMusicIntent",
                    vec![
                        ("artistName".to_string(), artist.to_string()),
                        ("songName".to_string(), song.to_string())
                    ]
                ),
                "{locale}: {play}"
            );
            assert_eq!(
                nlu.understand(now),
                intent("NowPlayingIntent", &[], false),
                "{locale}: {now}"
            );
            assert_eq!(
                nlu.understand(stop),
                intent("AMAZON.StopIntent", &[], false),
                "{locale}: {stop}"
            );
        }
    }

    /// Japanese runs its words together: a song in kana is heard whole,
    /// and the skill can be asked through its name.
    #[test]
    fn japanese_is_read_character_by_character() {
        let nlu = Understanding::in_language(
            &crate::chat::voice_model("ja-JP").unwrap(),
            Language::Japanese,
        );
        assert_eq!(
            nlu.understand("上を向いて歩こうをかけて"),
            intent(
                "PlayMusicIntent",
                &[("songName", "上を向いて歩こう")],
                false
            )
        );
        assert_eq!(
            nlu.understand("アレクサ、マイジュークボックスでボヘミアンラプソディを再生して"),
            intent(
                "PlayMusicIntent",
                &[("songName", "ボヘミアンラプソディ")],
                true
            )
        );
        assert_eq!(
            nlu.understand("次の曲"),
            intent("AMAZON.NextIntent", &[], false)
        );
        assert_eq!(
            tokens("Hey Judeをかけて", Language::Japanese),
            ["hey", "jude", "を", "か", "け", "て"]
        );
        assert_eq!(
            join(
                &tokens("Hey Jude上を", Language::Japanese),
                Language::Japanese
            ),
            "hey jude上を"
        );
    }

    fn intent(name: &str, slots: &[(&str, &str)], invoked: bool) -> Understood {
        Understood::Intent {
            name: name.into(),
            slots: slots
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            invoked,
        }
    }

    #[test]
    fn understands_samples_invocations_and_built_ins() {
        let nlu = Understanding::new(&model());
        assert_eq!(nlu.understand("open my jukebox"), Understood::Launch);
        assert_eq!(nlu.understand("Alexa, my jukebox"), Understood::Launch);
        assert_eq!(
            nlu.understand("play Hey Jude by The Beatles"),
            intent(
                "PlayMusicIntent",
                &[("songName", "hey jude"), ("artistName", "the beatles")],
                false
            )
        );
        assert_eq!(
            nlu.understand("Alexa, ask my jukebox to play something by queen"),
            intent("PlayMusicIntent", &[("artistName", "queen")], true)
        );
        assert_eq!(
            nlu.understand("play bohemian rhapsody on my jukebox"),
            intent(
                "PlayMusicIntent",
                &[("songName", "bohemian rhapsody")],
                true
            )
        );
        assert_eq!(
            nlu.understand("What's playing?"),
            intent("NowPlayingIntent", &[], false)
        );
        assert_eq!(
            nlu.understand("pause"),
            intent("AMAZON.PauseIntent", &[], false)
        );
        assert_eq!(
            nlu.understand("make me a sandwich"),
            intent("AMAZON.FallbackIntent", &[], false)
        );
        // A built-in intent not in the model is not understood.
        assert_eq!(
            nlu.understand("next"),
            intent("AMAZON.FallbackIntent", &[], false)
        );
    }
}
