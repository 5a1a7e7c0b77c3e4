//! The voice model, from its single source in `interaction-model/`.
//!
//! The source is compact JSON: samples use `(a|b)` for alternatives and
//! `[x]` for optional words. [`VoiceModel::interaction_model`] expands it
//! into the ASK interaction model that `skill-package/` deploys, and
//! `jukebox chat` understands utterances with the same expansion, so what
//! is tried locally is what is deployed.

use std::collections::{BTreeMap, HashMap};

use anyhow::Context;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::skill::{ARTIST_SLOT, ROUTED_INTENTS, SONG_SLOT};
use crate::voice_catalog::{
    FittedValues, SlotKind, SlotValue, MAX_MODEL_BYTES, MAX_SLOT_VALUES, MAX_VALUE_CHARS,
};

/// Alexa's built-in slot types and the locales each is offered in, as data
/// with its sources named inside (Amazon's slot type reference).
const BUILTIN_SLOT_TYPES: &str = include_str!("../interaction-model/builtin-slot-types.json");

/// What listeners say to reach each standard built-in intent (Amazon's
/// "Standard Built-in Intents"). A custom sample that also fits one of these
/// phrases wins over the built-in intent ("Find Utterance Conflicts"):
/// `start {songName}` would hear "start over" as a song called "over".
const BUILTIN_INTENT_PHRASES: &str =
    include_str!("../interaction-model/builtin-intent-phrases.json");

/// Every locale Alexa offers custom skills in; each has a voice model.
pub const LOCALES: [&str; 17] = [
    "ar-SA", "de-DE", "en-AU", "en-CA", "en-GB", "en-IN", "en-US", "es-ES", "es-MX", "es-US",
    "fr-CA", "fr-FR", "hi-IN", "it-IT", "ja-JP", "nl-NL", "pt-BR",
];

/// The source files, one per language (the locales of a language share
/// their samples), compiled in so every command works from any directory.
const SOURCES: &[(&str, &str)] = &[
    ("ar", include_str!("../interaction-model/ar.json")),
    ("de", include_str!("../interaction-model/de.json")),
    ("en", include_str!("../interaction-model/en.json")),
    ("es", include_str!("../interaction-model/es.json")),
    ("fr", include_str!("../interaction-model/fr.json")),
    ("hi", include_str!("../interaction-model/hi.json")),
    ("it", include_str!("../interaction-model/it.json")),
    ("ja", include_str!("../interaction-model/ja.json")),
    ("nl", include_str!("../interaction-model/nl.json")),
    ("pt", include_str!("../interaction-model/pt.json")),
];

/// Where the expanded model of a locale is written for the ASK CLI.
pub fn skill_package_path(locale: &str) -> String {
    format!("skill-package/interactionModels/custom/{locale}.json")
}

/// The language of a locale (`de` of `de-DE`), which names its source file.
pub fn language(locale: &str) -> &str {
    locale.split('-').next().unwrap_or(locale)
}

/// The source file of a locale, relative to the repository root.
pub fn source_path(locale: &str) -> String {
    format!("interaction-model/{}.json", language(locale))
}

/// The locales with a voice model.
pub fn locales() -> impl Iterator<Item = &'static str> {
    LOCALES.iter().copied()
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Source {
    /// The invocation name of a source written for one locale.
    #[serde(default)]
    invocation_name: Option<String>,
    /// What differs between the locales sharing the file.
    #[serde(default)]
    locales: BTreeMap<String, SourceLocale>,
    intents: BTreeMap<String, SourceIntent>,
    /// Custom slot types; a locale uses one when a slot names a built-in
    /// type it `standsFor` that Alexa does not offer in that locale.
    #[serde(default)]
    slot_types: BTreeMap<String, SourceSlotType>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SourceLocale {
    invocation_name: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SourceSlotType {
    #[serde(default)]
    stands_for: Option<String>,
    #[serde(default)]
    values: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct BuiltinSlotTypes {
    types: Vec<BuiltinSlotType>,
}

#[derive(Debug, Deserialize)]
struct BuiltinSlotType {
    name: String,
    /// `"all"`, a list of locales, or `null` when the reference does not say.
    locales: Value,
}

/// Whether Alexa offers the built-in slot type `name` in `locale`.
pub fn is_builtin_slot_type(name: &str, locale: &str) -> bool {
    let Ok(list) = serde_json::from_str::<BuiltinSlotTypes>(BUILTIN_SLOT_TYPES) else {
        return false;
    };
    list.types.iter().any(|t| {
        t.name == name
            && match &t.locales {
                Value::String(all) => all == "all",
                Value::Array(locales) => locales.iter().any(|l| l.as_str() == Some(locale)),
                _ => false,
            }
    })
}

/// The phrases of each built-in intent, lowercase, in the language the
/// data holds them for.
pub fn builtin_intent_phrases() -> BTreeMap<String, Vec<String>> {
    builtin_phrase_data().intents
}

/// The phrases of each built-in intent in `locale`'s language; empty when
/// the data has no phrases in that language.
pub fn builtin_intent_phrases_for(locale: &str) -> BTreeMap<String, Vec<String>> {
    let data = builtin_phrase_data();
    if data.language == language(locale) {
        data.intents
    } else {
        BTreeMap::new()
    }
}

#[derive(Default, Deserialize)]
struct BuiltinPhrases {
    language: String,
    intents: BTreeMap<String, Vec<String>>,
}

fn builtin_phrase_data() -> BuiltinPhrases {
    serde_json::from_str(BUILTIN_INTENT_PHRASES).unwrap_or_default()
}

/// Whether `sample` (each `{slot}` standing for one or more words) could
/// be heard in `phrase`: then the custom intent would take the phrase from
/// the built-in one.
pub fn sample_fits_phrase(sample: &str, phrase: &str) -> bool {
    fn fits(sample: &[&str], phrase: &[&str]) -> bool {
        match sample.split_first() {
            None => phrase.is_empty(),
            Some((word, rest)) if word.starts_with('{') => {
                (1..=phrase.len()).any(|taken| fits(rest, &phrase[taken..]))
            }
            Some((word, rest)) => phrase.split_first().is_some_and(|(first, after)| {
                first.eq_ignore_ascii_case(word) && fits(rest, after)
            }),
        }
    }
    let sample: Vec<&str> = sample.split_whitespace().collect();
    let phrase: Vec<&str> = phrase.split_whitespace().collect();
    fits(&sample, &phrase)
}

#[derive(Debug, Default, Deserialize)]
struct SourceIntent {
    #[serde(default)]
    slots: BTreeMap<String, String>,
    #[serde(default)]
    samples: Vec<String>,
}

/// A locale's voice model, with every sample expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoiceModel {
    pub locale: String,
    pub invocation_name: String,
    pub intents: Vec<IntentModel>,
    /// The custom slot types the intents use, in name order.
    pub types: Vec<CustomSlotType>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomSlotType {
    pub name: String,
    /// The built-in type it replaces where Alexa does not offer that one.
    pub stands_for: Option<String>,
    pub values: Vec<String>,
    /// The owner's catalog values (`model build --catalog`), with ids and
    /// synonyms; when present they replace the example `values`.
    pub catalog: Vec<SlotValue>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntentModel {
    pub name: String,
    /// Slot name and slot type, in name order.
    pub slots: Vec<(String, String)>,
    pub samples: Vec<String>,
}

impl VoiceModel {
    /// The model of a locale, from the compiled-in source.
    pub fn load(locale: &str) -> anyhow::Result<Self> {
        let text = SOURCES
            .iter()
            .find(|(language_file, _)| {
                LOCALES.contains(&locale) && *language_file == language(locale)
            })
            .map(|(_, text)| text)
            .with_context(|| {
                format!(
                    "no voice model for locale {locale} (have: {})",
                    locales().collect::<Vec<_>>().join(", ")
                )
            })?;
        Self::parse(locale, text)
    }

    /// Parses and expands a source document for one of its locales. Each
    /// slot gets the built-in type it names where Alexa offers that type in
    /// the locale, and otherwise the source's custom type standing for it.
    pub fn parse(locale: &str, text: &str) -> anyhow::Result<Self> {
        let path = source_path(locale);
        let source: Source =
            serde_json::from_str(text).with_context(|| format!("{path} is malformed"))?;
        let invocation_name = match (source.locales.get(locale), &source.invocation_name) {
            (Some(entry), _) => entry.invocation_name.clone(),
            (None, Some(name)) if source.locales.is_empty() => name.clone(),
            _ => anyhow::bail!("{path} has no entry for locale {locale}"),
        };
        let resolve = |kind: &String| -> String {
            if is_builtin_slot_type(kind, locale) {
                return kind.clone();
            }
            source
                .slot_types
                .iter()
                .find(|(_, custom)| custom.stands_for.as_ref() == Some(kind))
                .map(|(name, _)| name.clone())
                .unwrap_or_else(|| kind.clone())
        };
        let mut intents = Vec::new();
        for (name, intent) in source.intents {
            let mut samples = Vec::new();
            for pattern in &intent.samples {
                let expanded = expand(pattern)
                    .map_err(|e| anyhow::anyhow!("{name}: sample {pattern:?}: {e}"))?;
                for sample in expanded {
                    if !samples.contains(&sample) {
                        samples.push(sample);
                    }
                }
            }
            intents.push(IntentModel {
                name,
                slots: intent
                    .slots
                    .iter()
                    .map(|(slot, kind)| (slot.clone(), resolve(kind)))
                    .collect(),
                samples,
            });
        }
        let types = source
            .slot_types
            .into_iter()
            .filter(|(name, _)| {
                intents
                    .iter()
                    .any(|i| i.slots.iter().any(|(_, kind)| kind == name))
            })
            .map(|(name, custom)| CustomSlotType {
                name,
                stands_for: custom.stands_for,
                values: custom.values,
                catalog: Vec::new(),
            })
            .collect();
        Ok(VoiceModel {
            locale: locale.to_string(),
            invocation_name,
            intents,
            types,
        })
    }

    /// The ASK interaction model document that `skill-package/` deploys.
    pub fn interaction_model(&self) -> Value {
        let intents: Vec<Value> = self
            .intents
            .iter()
            .map(|intent| {
                let slots: Vec<Value> = intent
                    .slots
                    .iter()
                    .map(|(name, kind)| json!({"name": name, "type": kind}))
                    .collect();
                json!({"name": intent.name, "slots": slots, "samples": intent.samples})
            })
            .collect();
        let types: Vec<Value> = self
            .types
            .iter()
            .map(|custom| {
                let values: Vec<Value> = if custom.catalog.is_empty() {
                    custom
                        .values
                        .iter()
                        // The SMAPI model requires at least one synonym per
                        // value; the value itself is the one that changes nothing.
                        .map(|value| json!({"name": {"value": value, "synonyms": [value]}}))
                        .collect()
                } else {
                    custom.catalog.iter().map(SlotValue::to_json).collect()
                };
                json!({"name": custom.name, "values": values})
            })
            .collect();
        json!({
            "interactionModel": {
                "languageModel": {
                    "invocationName": self.invocation_name,
                    "intents": intents,
                    "types": types
                }
            }
        })
    }

    /// The expanded model as the file `skill-package/` holds: pretty JSON and a newline.
    pub fn interaction_model_file(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.interaction_model()).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The expanded model as compact JSON and a newline: how a model with
    /// the owner's catalog values is written, since indentation alone
    /// would take a third of the size Alexa accepts.
    pub fn interaction_model_compact(&self) -> String {
        let mut text = self.interaction_model().to_string();
        text.push('\n');
        text
    }

    /// The slot values the model lists already (examples of custom types),
    /// each name and synonym counted as Amazon counts slot values.
    pub fn slot_value_count(&self) -> usize {
        self.types
            .iter()
            .map(|t| {
                if t.catalog.is_empty() {
                    2 * t.values.len()
                } else {
                    t.catalog.iter().map(SlotValue::count).sum()
                }
            })
            .sum()
    }

    /// The slot kinds this model's intents use, each with the slot type
    /// that carries it here (built-in or custom).
    pub fn slot_kinds(&self) -> Vec<(SlotKind, String)> {
        let mut kinds: Vec<(SlotKind, String)> = Vec::new();
        for (_, kind) in self.intents.iter().flat_map(|i| &i.slots) {
            let Some(slot_kind) = SlotKind::of_slot_type(kind) else {
                continue;
            };
            if !kinds.iter().any(|(k, _)| *k == slot_kind) {
                kinds.push((slot_kind, kind.clone()));
            }
        }
        kinds.sort();
        kinds
    }

    /// This model with the owner's catalog values: they extend the built-in
    /// music types where Alexa offers them in the locale, and replace the
    /// examples of jukebox's custom types elsewhere. A kind the catalog has
    /// no value of keeps the examples (a custom type needs one value).
    pub fn with_catalog(&self, fitted: &FittedValues) -> VoiceModel {
        let mut model = self.clone();
        for (kind, slot_type) in self.slot_kinds() {
            let values = fitted.of(kind);
            if values.is_empty() {
                continue;
            }
            match model.types.iter_mut().find(|t| t.name == slot_type) {
                Some(custom) => custom.catalog = values.to_vec(),
                None => model.types.push(CustomSlotType {
                    name: slot_type,
                    stands_for: None,
                    values: Vec::new(),
                    catalog: values.to_vec(),
                }),
            }
        }
        model.types.sort_by(|a, b| a.name.cmp(&b.name));
        model
    }

    /// Amazon's bounds on slot values and model size (see [`crate::voice_catalog`]).
    fn limit_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for custom in &self.types {
            let names = custom
                .catalog
                .iter()
                .flat_map(|v| std::iter::once(&v.name).chain(&v.synonyms));
            for name in names.chain(&custom.values) {
                if name.chars().count() > MAX_VALUE_CHARS {
                    problems.push(format!(
                        "{}: value {name:?} is longer than {MAX_VALUE_CHARS} characters",
                        custom.name
                    ));
                }
            }
        }
        let count = self.slot_value_count();
        if count > MAX_SLOT_VALUES {
            problems.push(format!(
                "the model lists {count} slot values and synonyms; Alexa takes at most {MAX_SLOT_VALUES}"
            ));
        }
        let bytes = self.interaction_model_compact().len();
        if bytes > MAX_MODEL_BYTES {
            problems.push(format!(
                "the model is {bytes} bytes; the most jukebox writes is {MAX_MODEL_BYTES}"
            ));
        }
        problems
    }

    /// What Alexa's build would reject, or what the code and the model disagree on.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = self.limit_problems();
        problems.extend(invocation_name_problems(
            &self.invocation_name,
            &self.locale,
        ));
        // The skill speaks English; its help names the English invocation.
        if language(&self.locale) == "en" && self.invocation_name != crate::INVOCATION_NAME {
            problems.push(format!(
                "invocation name {:?} differs from the one the skill says in help ({:?})",
                self.invocation_name,
                crate::INVOCATION_NAME
            ));
        }
        for (name, _) in ROUTED_INTENTS {
            if !self.intents.iter().any(|i| i.name == *name) {
                problems.push(format!(
                    "{name} is routed by the skill but missing from the model"
                ));
            }
        }
        let phrases = builtin_intent_phrases_for(&self.locale);
        let mut owner: HashMap<String, &str> = HashMap::new();
        for intent in &self.intents {
            if !ROUTED_INTENTS.iter().any(|(name, _)| *name == intent.name) {
                problems.push(format!(
                    "{} is in the model but the skill does not route it",
                    intent.name
                ));
            }
            if !intent.name.starts_with("AMAZON.") && intent.samples.is_empty() {
                problems.push(format!("{} has no samples", intent.name));
            }
            for (slot, kind) in &intent.slots {
                if !is_builtin_slot_type(kind, &self.locale)
                    && !self.types.iter().any(|t| &t.name == kind)
                {
                    problems.push(format!(
                        "{}: slot {{{slot}}} has type {kind}, which is not a custom type of this model nor a built-in slot type Alexa offers in {} (interaction-model/builtin-slot-types.json)",
                        intent.name, self.locale
                    ));
                }
            }
            for sample in &intent.samples {
                problems.extend(sample_problems(&intent.name, sample, &intent.slots));
                if !intent.name.starts_with("AMAZON.") {
                    problems.extend(builtin_conflicts(
                        &intent.name,
                        sample,
                        &self.intents,
                        &phrases,
                    ));
                }
                let key = sample.to_lowercase();
                match owner.get(&key) {
                    Some(other) if *other != intent.name => problems.push(format!(
                        "sample {sample:?} is in both {other} and {}",
                        intent.name
                    )),
                    Some(_) => problems.push(format!(
                        "sample {sample:?} appears twice in {}",
                        intent.name
                    )),
                    None => {
                        owner.insert(key, &intent.name);
                    }
                }
            }
        }
        for custom in &self.types {
            if custom.values.is_empty() && custom.catalog.is_empty() {
                problems.push(format!(
                    "custom slot type {} has no values (Alexa does not build a type without any)",
                    custom.name
                ));
            }
            // The music types are extensible: listing one with values adds
            // them to Alexa's own, where Alexa offers the type.
            let extends_builtin = SlotKind::of_slot_type(&custom.name)
                .is_some_and(|kind| kind.builtin_type() == Some(custom.name.as_str()))
                && is_builtin_slot_type(&custom.name, &self.locale);
            if custom.name.starts_with("AMAZON.") && !extends_builtin {
                problems.push(format!(
                    "custom slot type {} may not use the AMAZON. namespace",
                    custom.name
                ));
            }
        }
        match self.intents.iter().find(|i| i.name == "PlayMusicIntent") {
            Some(play) => {
                let expected = [
                    (ARTIST_SLOT, "AMAZON.Artist"),
                    (SONG_SLOT, "AMAZON.MusicRecording"),
                ];
                let fits =
                    play.slots.len() == expected.len()
                        && play.slots.iter().zip(expected).all(
                            |((slot, kind), (name, builtin))| {
                                slot == name && self.is_type_for(kind, builtin)
                            },
                        );
                if !fits {
                    problems.push(format!(
                        "PlayMusicIntent slots must be {expected:?} (or custom types standing for them), found {:?}",
                        play.slots
                    ));
                }
            }
            None => problems.push("PlayMusicIntent is missing".to_string()),
        }
        problems
    }

    /// Whether a slot typed `kind` holds what the built-in type `builtin` holds.
    fn is_type_for(&self, kind: &str, builtin: &str) -> bool {
        kind == builtin
            || self
                .types
                .iter()
                .any(|t| t.name == kind && t.stands_for.as_deref() == Some(builtin))
    }
}

/// A custom sample that would take a built-in intent's phrase.
fn builtin_conflicts(
    intent: &str,
    sample: &str,
    model: &[IntentModel],
    phrases: &BTreeMap<String, Vec<String>>,
) -> Vec<String> {
    phrases
        .iter()
        .filter(|(builtin, _)| model.iter().any(|i| &i.name == *builtin))
        .flat_map(|(builtin, phrases)| {
            phrases
                .iter()
                .filter(|phrase| sample_fits_phrase(sample, phrase))
                .map(move |phrase| {
                    format!("{intent}: sample {sample:?} would take {phrase:?} from {builtin}")
                })
        })
        .collect()
}

/// Words a listener says around an invocation name to open or ask a skill,
/// and the wake words, per language: an invocation name may not start or
/// end with one ("Understanding How Users Invoke Custom Skills" lists the
/// launch phrases of each language; the lists below hold the common ones).
fn launch_words(language: &str) -> &'static [&'static str] {
    match language {
        "en" => &[
            "ask", "tell", "open", "launch", "load", "begin", "enable", "start", "run", "resume",
            "use", "play", "talk", "to", "from", "by", "if", "and", "whether",
        ],
        "de" => &[
            "öffne",
            "öffnen",
            "starte",
            "starten",
            "frage",
            "frag",
            "sage",
            "sag",
            "spiele",
            "spiel",
            "beginne",
            "aktiviere",
            "lade",
            "nutze",
            "benutze",
            "verwende",
            "bitte",
            "zu",
            "nach",
            "von",
            "mit",
            "ob",
            "und",
        ],
        "fr" => &[
            "ouvre", "ouvrir", "lance", "lancer", "demande", "demander", "dis", "dire", "démarre",
            "commence", "joue", "active", "utilise", "parle", "à", "de", "par", "et", "si",
        ],
        "es" => &[
            "abre",
            "abrir",
            "pide",
            "pídele",
            "pregunta",
            "pregúntale",
            "dile",
            "inicia",
            "iniciar",
            "empieza",
            "comienza",
            "lanza",
            "juega",
            "pon",
            "activa",
            "usa",
            "habla",
            "a",
            "de",
            "por",
            "y",
            "si",
        ],
        "it" => &[
            "apri", "aprire", "chiedi", "chiedere", "dì", "avvia", "avviare", "inizia", "lancia",
            "gioca", "attiva", "usa", "parla", "a", "da", "per", "e", "se",
        ],
        "pt" => &[
            "abra", "abre", "abrir", "pergunte", "pergunta", "peça", "pede", "diga", "fala",
            "inicie", "inicia", "comece", "lance", "jogue", "ative", "use", "a", "de", "para",
            "por", "e", "se",
        ],
        "nl" => &[
            "open", "openen", "vraag", "zeg", "vertel", "start", "begin", "speel", "activeer",
            "gebruik", "aan", "van", "naar", "door", "en", "of",
        ],
        "hi" => &["खोलो", "खोलें", "शुरू", "चलाओ", "पूछो", "बोलो", "कहो", "से", "को"],
        "ar" => &[
            "افتح",
            "افتحي",
            "اسأل",
            "اسألي",
            "شغل",
            "شغلي",
            "ابدأ",
            "قل",
            "من",
            "إلى",
        ],
        _ => &[],
    }
}

/// Wake words and words that name Alexa itself, which no invocation name
/// may contain, in every script a locale's listeners use.
const WAKE_WORDS: &[&str] = &[
    "alexa",
    "amazon",
    "echo",
    "computer",
    "skill",
    "app",
    "アレクサ",
    "アマゾン",
    "エコー",
    "コンピューター",
    "スキル",
    "アプリ",
    "एलेक्सा",
    "अलेक्सा",
    "अमेज़न",
    "अमेजन",
    "इको",
    "कंप्यूटर",
    "स्किल",
    "ऐप",
    "اليكسا",
    "أليكسا",
    "أمازون",
    "امازون",
    "ايكو",
    "إيكو",
    "كمبيوتر",
];

/// Which characters an invocation name of the language may hold: lowercase
/// letters of its script, spaces, apostrophes and periods. Japanese names
/// are written in kana and kanji; Hindi names in Devanagari (English words
/// in lowercase Latin letters); Arabic names in Arabic letters.
fn invocation_char_allowed(language: &str, c: char) -> bool {
    let latin = c.is_alphabetic() && c.is_lowercase();
    let punctuation = c == ' ' || c == '\'' || c == '.';
    match language {
        "ja" => {
            matches!(c, '\u{3041}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
        }
        "hi" => matches!(c, '\u{0900}'..='\u{097F}') || latin || punctuation,
        "ar" => matches!(c, '\u{0620}'..='\u{064A}' | '\u{0671}'..='\u{06D3}') || c == ' ',
        _ => latin || punctuation,
    }
}

/// Alexa's rules for invocation names (custom skills), for a locale.
pub fn invocation_name_problems(name: &str, locale: &str) -> Vec<String> {
    let language = language(locale);
    let mut problems = Vec::new();
    let words: Vec<&str> = name.split(' ').collect();
    let length = name.chars().count();
    if !(2..=50).contains(&length) {
        problems.push("the invocation name must be 2 to 50 characters".to_string());
    }
    // Japanese writes no spaces between words, so the two-word rule is
    // about the words a name is made of, which this check cannot see.
    if words.len() < 2 && language != "ja" {
        problems.push(
            "the invocation name must have at least two words (one word only for a brand name)"
                .to_string(),
        );
    }
    if words.iter().any(|w| w.is_empty()) {
        problems.push("the invocation name has extra spaces".to_string());
    }
    if !name.chars().all(|c| invocation_char_allowed(language, c)) {
        problems.push(match language {
            "ja" => "the invocation name may hold only hiragana, katakana and kanji".to_string(),
            "hi" => "the invocation name may hold only Devanagari, lowercase Latin letters, spaces, apostrophes and periods".to_string(),
            "ar" => "the invocation name may hold only Arabic letters and spaces".to_string(),
            _ => "the invocation name may hold only lowercase letters, spaces, apostrophes and periods".to_string(),
        });
    }
    let launch = launch_words(language);
    let edges = [words.first(), words.last()];
    for word in launch.iter().chain(launch_words("en")) {
        if edges.contains(&Some(word)) {
            problems.push(format!(
                "the invocation name may not start or end with {word:?}"
            ));
        }
    }
    for wake in WAKE_WORDS {
        if words.contains(wake) || (language == "ja" && name.contains(wake)) {
            problems.push(format!(
                "the invocation name may not contain the wake word or {wake:?}"
            ));
        }
    }
    problems.dedup();
    problems
}

/// Alexa's rules for sample utterances.
fn sample_problems(intent: &str, sample: &str, slots: &[(String, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut rest = sample;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            problems.push(format!("{intent}: sample {sample:?} has an unclosed slot"));
            break;
        };
        let slot = &rest[open + 1..open + close];
        if !slots.iter().any(|(name, _)| name == slot) {
            problems.push(format!(
                "{intent}: sample {sample:?} uses undeclared slot {{{slot}}}"
            ));
        }
        rest = &rest[open + close + 1..];
    }
    let bare: String = sample
        .split(['{', '}'])
        .enumerate()
        .filter(|(i, _)| i % 2 == 0)
        .map(|(_, part)| part)
        .collect();
    if bare.chars().any(|c| {
        !(c.is_alphanumeric() || c == ' ' || c == '\'' || c == '.' || is_combining_mark(c))
    }) {
        problems.push(format!(
            "{intent}: sample {sample:?} has characters Alexa refuses"
        ));
    }
    if sample.split_whitespace().count() == 0 || sample.contains("  ") || sample != sample.trim() {
        problems.push(format!("{intent}: sample {sample:?} has stray spaces"));
    }
    if sample.chars().count() > 200 {
        problems.push(format!(
            "{intent}: sample {sample:?} is longer than 200 characters"
        ));
    }
    problems
}

/// Vowel signs, viramas and nuktas of Devanagari and the vowel marks of
/// Arabic: parts of a written word, though not letters on their own.
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}' | '\u{0951}'..='\u{0957}' | '\u{0962}'..='\u{0963}' | '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// Expands `(a|b)` alternatives and `[x]` optional parts into every sample.
pub fn expand(pattern: &str) -> Result<Vec<String>, String> {
    let mut results = vec![String::new()];
    let mut rest = pattern;
    while !rest.is_empty() {
        let (choices, after): (Vec<String>, &str) = if let Some(inner) = rest.strip_prefix('(') {
            let close = inner.find(')').ok_or("an unclosed '('")?;
            (
                inner[..close].split('|').map(str::to_string).collect(),
                &inner[close + 1..],
            )
        } else if let Some(inner) = rest.strip_prefix('[') {
            let close = inner.find(']').ok_or("an unclosed '['")?;
            (
                vec![inner[..close].to_string(), String::new()],
                &inner[close + 1..],
            )
        } else {
            let end = rest.find(['(', '[']).unwrap_or(rest.len());
            if rest[..end].contains([')', ']', '|']) {
                return Err("a stray ')', ']' or '|'".to_string());
            }
            (vec![rest[..end].to_string()], &rest[end..])
        };
        results = results
            .iter()
            .flat_map(|prefix| {
                choices
                    .iter()
                    .map(move |choice| format!("{prefix}{choice}"))
            })
            .collect();
        rest = after;
    }
    Ok(results
        .into_iter()
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect())
}

/// Where the skill manifest lives, relative to the repository root.
pub const MANIFEST_PATH: &str = "skill-package/skill.json";

/// A skill manifest whose endpoint cannot be set.
#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    #[error("{0:?} is not a Lambda function ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME)")]
    NotALambdaArn(String),
    #[error("the manifest is not JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the manifest has no manifest.apis.custom object")]
    NotACustomSkill,
    #[error("the manifest has no manifest.{0} object")]
    Missing(&'static str),
}

/// What the certification tester reads about account linking, appended to
/// the manifest's testing instructions by `jukebox skill account-linking`.
/// Amazon's certification team links the skill itself and needs to know
/// how to get past the link, so a skill with account linking says so in
/// `publishingInformation.testingInstructions` (skill manifest schema:
/// https://developer.amazon.com/docs/smapi/skill-manifest.html; account
/// linking in certification:
/// https://developer.amazon.com/docs/custom-skills/functional-testing-for-a-custom-skill.html#cert-account-linking).
/// It starts with [`ACCOUNT_LINKING_HEADING`], by which a second run finds
/// and replaces it.
pub const ACCOUNT_LINKING_TESTING: &str = "Account linking: this skill links \
the listener's Amazon account with Login with Amazon (profile scope: the name \
it greets with and the email address that decides access). Music plays only \
for linked accounts whose email address the developer has put on the skill's \
allow-list. To test: 1) in the Alexa app, enable the skill and link it with \
your test Amazon account; 2) the developer must have added that account's \
email address to the allow-list: if you hear \"This jukebox is private\", \
please ask the developer (contact details of this submission) to allow the \
address, then try again; 3) say: Alexa, open my jukebox. A linked listener \
is greeted by first name. An account that is not linked is asked to link it \
and gets a link card in the Alexa app.";

/// The first words of [`ACCOUNT_LINKING_TESTING`].
pub const ACCOUNT_LINKING_HEADING: &str = "Account linking:";

/// Declares account linking in the manifest and returns it canonical:
/// `privacyAndCompliance.usesPersonalInfo` is true (the skill receives and
/// caches the listener's name and email address from Login with Amazon),
/// and the testing instructions end with [`ACCOUNT_LINKING_TESTING`] once,
/// however often this runs.
pub fn set_manifest_account_linking(manifest: &str) -> Result<String, ManifestError> {
    let mut manifest: Value = serde_json::from_str(manifest)?;
    let privacy = manifest
        .pointer_mut("/manifest/privacyAndCompliance")
        .and_then(Value::as_object_mut)
        .ok_or(ManifestError::Missing("privacyAndCompliance"))?;
    privacy.insert("usesPersonalInfo".to_string(), Value::Bool(true));
    let publishing = manifest
        .pointer_mut("/manifest/publishingInformation")
        .and_then(Value::as_object_mut)
        .ok_or(ManifestError::Missing("publishingInformation"))?;
    let current = publishing
        .get("testingInstructions")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let mut paragraphs: Vec<&str> = current
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty() && !p.starts_with(ACCOUNT_LINKING_HEADING))
        .collect();
    paragraphs.push(ACCOUNT_LINKING_TESTING);
    publishing.insert(
        "testingInstructions".to_string(),
        Value::String(paragraphs.join("\n\n")),
    );
    Ok(canonical_json(&manifest))
}

/// Alexa's three service regions, each with the AWS region its own
/// Lambda functions are nearest to: "North America" (us-east-1), "Europe and
/// India" (eu-west-1), "Far East" (us-west-2) (the regional endpoints of a
/// custom skill, `apis.custom.regions` in the skill manifest).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlexaRegion {
    Na,
    Eu,
    Fe,
}

impl AlexaRegion {
    /// The manifest's key for the region.
    pub fn key(self) -> &'static str {
        match self {
            AlexaRegion::Na => "NA",
            AlexaRegion::Eu => "EU",
            AlexaRegion::Fe => "FE",
        }
    }

    /// The AWS region nearest to the region's listeners.
    pub fn nearest_aws_region(self) -> &'static str {
        match self {
            AlexaRegion::Na => "us-east-1",
            AlexaRegion::Eu => "eu-west-1",
            AlexaRegion::Fe => "us-west-2",
        }
    }

    /// The Alexa region whose listeners a locale's are: the Americas in
    /// North America, Europe, India and the Middle East in Europe, Japan
    /// and Australia in the Far East.
    pub fn of_locale(locale: &str) -> Self {
        match locale {
            "ja-JP" | "en-AU" => AlexaRegion::Fe,
            "en-US" | "en-CA" | "es-US" | "es-MX" | "fr-CA" | "pt-BR" => AlexaRegion::Na,
            _ => AlexaRegion::Eu,
        }
    }
}

/// The parts of a Lambda function ARN that matter here: its AWS region.
fn lambda_arn_region(function_arn: &str) -> Result<&str, ManifestError> {
    let arn = function_arn.trim();
    let parts: Vec<&str> = arn.split(':').collect();
    let looks_right = parts.len() >= 7
        && parts[0] == "arn"
        && parts[1].starts_with("aws")
        && parts[2] == "lambda"
        && !parts[3].is_empty()
        && parts[4].len() == 12
        && parts[4].chars().all(|c| c.is_ascii_digit())
        && parts[5] == "function"
        && !parts[6].is_empty();
    if !looks_right {
        return Err(ManifestError::NotALambdaArn(function_arn.to_string()));
    }
    Ok(parts[3])
}

/// Points the manifest's custom skill endpoint at a Lambda function and
/// returns the manifest in its canonical form (pretty JSON, keys sorted),
/// so the change is the only diff.
pub fn set_manifest_endpoint(manifest: &str, function_arn: &str) -> Result<String, ManifestError> {
    set_manifest_endpoints(manifest, function_arn, &[]).map(|(text, _)| text)
}

/// [`set_manifest_endpoint`], plus a function per Alexa region for an
/// owner who deployed the stack in more than one AWS region: listeners of
/// each region are then served by the nearest copy, everyone else by the
/// default. Regions not named keep no regional entry. Also returns a
/// warning for each regional function that is not in its region's nearest
/// AWS region (allowed, just slower).
pub fn set_manifest_endpoints(
    manifest: &str,
    function_arn: &str,
    regional: &[(AlexaRegion, String)],
) -> Result<(String, Vec<String>), ManifestError> {
    lambda_arn_region(function_arn)?;
    let mut warnings = Vec::new();
    let mut regions = serde_json::Map::new();
    for (region, arn) in regional {
        let aws_region = lambda_arn_region(arn)?;
        if aws_region != region.nearest_aws_region() {
            warnings.push(format!(
                "the {} function is in {aws_region}; {} is nearest to that region's listeners",
                region.key(),
                region.nearest_aws_region()
            ));
        }
        regions.insert(
            region.key().to_string(),
            json!({ "endpoint": { "uri": arn.trim() } }),
        );
    }
    let mut manifest: Value = serde_json::from_str(manifest)?;
    let custom = manifest
        .pointer_mut("/manifest/apis/custom")
        .and_then(Value::as_object_mut)
        .ok_or(ManifestError::NotACustomSkill)?;
    custom.insert(
        "endpoint".to_string(),
        json!({ "uri": function_arn.trim() }),
    );
    if regions.is_empty() {
        custom.remove("regions");
    } else {
        custom.insert("regions".to_string(), Value::Object(regions));
    }
    Ok((canonical_json(&manifest), warnings))
}

/// The canonical text of a JSON file we write: pretty, keys sorted, newline-terminated.
pub fn canonical_json(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("a JSON value serializes");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_alternatives_and_optional_words() {
        assert_eq!(
            expand("(play|put on) [some] music by {artistName}").unwrap(),
            vec![
                "play some music by {artistName}",
                "play music by {artistName}",
                "put on some music by {artistName}",
                "put on music by {artistName}"
            ]
        );
        assert!(expand("(play|put on {songName}").is_err());
        assert!(expand("play) {songName}").is_err());
    }

    #[test]
    fn invocation_name_rules() {
        assert!(invocation_name_problems("my jukebox", "en-US").is_empty());
        assert!(!invocation_name_problems("jukebox", "en-US").is_empty());
        assert!(!invocation_name_problems("My Jukebox", "en-US").is_empty());
        assert!(!invocation_name_problems("open jukebox", "en-US").is_empty());
        assert!(!invocation_name_problems("jukebox skill", "en-US").is_empty());
        // Each language's own launch words, letters and wake words.
        assert!(invocation_name_problems("meine jukebox", "de-DE").is_empty());
        assert!(!invocation_name_problems("öffne jukebox", "de-DE").is_empty());
        assert!(!invocation_name_problems("Meine Jukebox", "de-DE").is_empty());
        assert!(invocation_name_problems("mon jukebox", "fr-FR").is_empty());
        assert!(!invocation_name_problems("ouvre jukebox", "fr-CA").is_empty());
        assert!(invocation_name_problems("マイジュークボックス", "ja-JP").is_empty());
        assert!(!invocation_name_problems("my jukebox", "ja-JP").is_empty());
        assert!(!invocation_name_problems("アレクサジュークボックス", "ja-JP").is_empty());
        assert!(invocation_name_problems("ज्यूकबॉक्स प्लेयर", "hi-IN").is_empty());
        assert!(invocation_name_problems("صندوق الموسيقى", "ar-SA").is_empty());
        assert!(!invocation_name_problems("افتح الموسيقى", "ar-SA").is_empty());
    }

    #[test]
    fn sets_the_endpoint_of_a_custom_skill_manifest() {
        let manifest = r#"{"manifest": {"apis": {"custom": {"interfaces": []}}}}"#;
        let arn = "arn:aws:lambda:us-east-1:123456789012:function:jukebox-Jukebox-AbC";
        let written = set_manifest_endpoint(manifest, arn).unwrap();
        let value: Value = serde_json::from_str(&written).unwrap();
        assert_eq!(value["manifest"]["apis"]["custom"]["endpoint"]["uri"], arn);
        assert!(matches!(
            set_manifest_endpoint(manifest, "arn:aws:s3:::bucket"),
            Err(ManifestError::NotALambdaArn(_))
        ));
        assert!(matches!(
            set_manifest_endpoint(r#"{"manifest": {}}"#, arn),
            Err(ManifestError::NotACustomSkill)
        ));
    }
    #[test]
    fn account_linking_replaces_its_own_paragraph_only() {
        let manifest = json!({"manifest": {
            "privacyAndCompliance": {"usesPersonalInfo": false},
            "publishingInformation": {
                "testingInstructions": "Say: Alexa, open my jukebox.\n\nAccount linking: an older wording."
            }
        }});
        let once = set_manifest_account_linking(&manifest.to_string()).unwrap();
        let value: Value = serde_json::from_str(&once).unwrap();
        assert_eq!(
            value["manifest"]["publishingInformation"]["testingInstructions"],
            format!("Say: Alexa, open my jukebox.\n\n{ACCOUNT_LINKING_TESTING}")
        );
        assert_eq!(
            value["manifest"]["privacyAndCompliance"]["usesPersonalInfo"],
            true
        );
        assert_eq!(set_manifest_account_linking(&once).unwrap(), once);
        // No instructions yet: the paragraph is all of them.
        let bare = json!({"manifest": {"privacyAndCompliance": {}, "publishingInformation": {}}});
        let value: Value =
            serde_json::from_str(&set_manifest_account_linking(&bare.to_string()).unwrap())
                .unwrap();
        assert_eq!(
            value["manifest"]["publishingInformation"]["testingInstructions"],
            ACCOUNT_LINKING_TESTING
        );
        assert!(set_manifest_account_linking(r#"{"manifest": {}}"#).is_err());
    }
}
