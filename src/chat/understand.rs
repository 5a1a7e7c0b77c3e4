//! Natural language understanding for `jukebox chat`: typed utterances are
//! matched against the deployed voice model (sample utterances with slots,
//! invocation phrases) plus the usual phrasings of Alexa's built-in intents,
//! the way Alexa would resolve them. Slot values are what the user typed.

use serde::Deserialize;

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

/// Phrasings of the built-in intents, as listeners say them.
const BUILT_IN_PHRASES: &[(&str, &[&str])] = &[
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
];

const LAUNCH_VERBS: &[&str] = &["open", "launch", "start", "begin", "load", "run", "use"];
const INVOKE_VERBS: &[&str] = &["ask", "tell"];
const INVOKE_JOINERS: &[&str] = &["to", "for", "about", "if", "whether", "and"];
const TRAILING_JOINERS: &[&str] = &["on", "with", "using", "from", "in"];

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
    invocation: Vec<String>,
    patterns: Vec<Pattern>,
}

/// Lowercase words, punctuation dropped (apostrophes kept inside words).
pub fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '.'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '.').to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

impl Understanding {
    pub fn new(model: &LanguageModel) -> Self {
        let mut patterns = Vec::new();
        for intent in &model.intents {
            let mut samples: Vec<String> = intent.samples.clone();
            if let Some((_, phrases)) = BUILT_IN_PHRASES
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
                            None => words(token).into_iter().map(Part::Word).collect(),
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
            invocation: words(&model.invocation_name),
            patterns,
        }
    }

    /// What Alexa would make of a typed utterance.
    pub fn understand(&self, utterance: &str) -> Understood {
        let mut tokens = words(utterance);
        if tokens.first().map(String::as_str) == Some("alexa") {
            tokens.remove(0);
        }
        let (rest, invoked) = self.strip_invocation(&tokens);
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

    /// Removes "open my jukebox", "ask my jukebox to …", "… on my jukebox".
    fn strip_invocation(&self, tokens: &[String]) -> (Vec<String>, bool) {
        let n = self.invocation.len();
        let at = (0..tokens.len()).find(|&i| tokens[i..].starts_with(&self.invocation));
        let Some(at) = at else {
            return (tokens.to_vec(), false);
        };
        let before = &tokens[..at];
        let mut after = &tokens[at + n..];
        match before {
            [] => {}
            [verb]
                if LAUNCH_VERBS.contains(&verb.as_str())
                    || INVOKE_VERBS.contains(&verb.as_str()) => {}
            _ => {
                // "play hey jude on my jukebox"
                if let Some((joiner, body)) = before.split_last() {
                    if TRAILING_JOINERS.contains(&joiner.as_str()) && after.is_empty() {
                        return (body.to_vec(), true);
                    }
                }
                return (tokens.to_vec(), false);
            }
        }
        if let Some(first) = after.first() {
            if INVOKE_JOINERS.contains(&first.as_str()) {
                after = &after[1..];
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
            if match_parts(&pattern.parts, tokens, min_words, &mut slots)
                && !slots.iter().any(|(_, value)| is_function_word(value))
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

/// Words that never make a slot value on their own.
fn is_function_word(value: &str) -> bool {
    matches!(
        value,
        "the" | "a" | "an" | "my" | "some" | "this" | "that" | "to" | "of"
    )
}

/// Matches parts against tokens; slots take `min_words` or more words.
fn match_parts(
    parts: &[Part],
    tokens: &[String],
    min_words: usize,
    slots: &mut Vec<(String, String)>,
) -> bool {
    match parts.split_first() {
        None => tokens.is_empty(),
        Some((Part::Word(word), rest)) => {
            tokens.first().is_some_and(|t| t == word)
                && match_parts(rest, &tokens[1..], min_words, slots)
        }
        Some((Part::Slot(name), rest)) => {
            for take in min_words..=tokens.len() {
                let mark = slots.len();
                slots.push((name.clone(), tokens[..take].join(" ")));
                if match_parts(rest, &tokens[take..], min_words, slots) {
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
