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

/// Alexa's built-in slot types and the locales each is offered in, as data
/// with its sources named inside (Amazon's slot type reference).
const BUILTIN_SLOT_TYPES: &str = include_str!("../interaction-model/builtin-slot-types.json");

/// What listeners say to reach each standard built-in intent (Amazon's
/// "Standard Built-in Intents"). A custom sample that also fits one of these
/// phrases wins over the built-in intent ("Find Utterance Conflicts"):
/// `start {songName}` would hear "start over" as a song called "over".
const BUILTIN_INTENT_PHRASES: &str =
    include_str!("../interaction-model/builtin-intent-phrases.json");

/// The source files, compiled in so every command works from any directory.
const SOURCES: &[(&str, &str)] = &[("en-US", include_str!("../interaction-model/en-US.json"))];

/// Where the expanded model of a locale is written for the ASK CLI.
pub fn skill_package_path(locale: &str) -> String {
    format!("skill-package/interactionModels/custom/{locale}.json")
}

/// The locales with a voice model.
pub fn locales() -> impl Iterator<Item = &'static str> {
    SOURCES.iter().map(|(locale, _)| *locale)
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Source {
    invocation_name: String,
    intents: BTreeMap<String, SourceIntent>,
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

/// The phrases of each built-in intent, lowercase.
pub fn builtin_intent_phrases() -> BTreeMap<String, Vec<String>> {
    #[derive(Deserialize)]
    struct Phrases {
        intents: BTreeMap<String, Vec<String>>,
    }
    serde_json::from_str::<Phrases>(BUILTIN_INTENT_PHRASES)
        .map(|p| p.intents)
        .unwrap_or_default()
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
        let (_, text) = SOURCES
            .iter()
            .find(|(l, _)| *l == locale)
            .with_context(|| {
                format!(
                    "no voice model for locale {locale} (have: {})",
                    locales().collect::<Vec<_>>().join(", ")
                )
            })?;
        Self::parse(locale, text)
    }

    /// Parses and expands a source document.
    pub fn parse(locale: &str, text: &str) -> anyhow::Result<Self> {
        let source: Source = serde_json::from_str(text)
            .with_context(|| format!("interaction-model/{locale}.json is malformed"))?;
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
                slots: intent.slots.into_iter().collect(),
                samples,
            });
        }
        Ok(VoiceModel {
            locale: locale.to_string(),
            invocation_name: source.invocation_name,
            intents,
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
        json!({
            "interactionModel": {
                "languageModel": {
                    "invocationName": self.invocation_name,
                    "intents": intents,
                    "types": []
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

    /// What Alexa's build would reject, or what the code and the model disagree on.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        problems.extend(invocation_name_problems(&self.invocation_name));
        if self.invocation_name != crate::INVOCATION_NAME {
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
        let phrases = builtin_intent_phrases();
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
                if !is_builtin_slot_type(kind, &self.locale) {
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
        match self.intents.iter().find(|i| i.name == "PlayMusicIntent") {
            Some(play) => {
                let expected = [
                    (ARTIST_SLOT.to_string(), "AMAZON.Artist".to_string()),
                    (SONG_SLOT.to_string(), "AMAZON.MusicRecording".to_string()),
                ];
                if play.slots != expected {
                    problems.push(format!(
                        "PlayMusicIntent slots must be {expected:?}, found {:?}",
                        play.slots
                    ));
                }
            }
            None => problems.push("PlayMusicIntent is missing".to_string()),
        }
        problems
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

/// Alexa's rules for invocation names (custom skills).
pub fn invocation_name_problems(name: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let words: Vec<&str> = name.split(' ').collect();
    if name.len() < 2 || name.len() > 50 {
        problems.push("the invocation name must be 2 to 50 characters".to_string());
    }
    if words.len() < 2 {
        problems.push(
            "the invocation name must have at least two words (one word only for a brand name)"
                .to_string(),
        );
    }
    if words.iter().any(|w| w.is_empty()) {
        problems.push("the invocation name has extra spaces".to_string());
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c == ' ' || c == '\'' || c == '.')
    {
        problems.push(
            "the invocation name may hold only lowercase letters, spaces, apostrophes and periods"
                .to_string(),
        );
    }
    const LAUNCH_WORDS: &[&str] = &[
        "ask", "tell", "open", "launch", "load", "begin", "enable", "start", "run", "resume",
        "use", "play", "talk", "alexa", "amazon", "echo", "computer", "skill", "app", "to", "from",
        "by", "if", "and", "whether",
    ];
    for word in &words {
        if LAUNCH_WORDS.contains(word) && (word == &words[0] || word == words.last().unwrap_or(&""))
        {
            problems.push(format!(
                "the invocation name may not start or end with {word:?}"
            ));
        }
        if ["alexa", "amazon", "echo", "computer", "skill", "app"].contains(word) {
            problems.push(format!(
                "the invocation name may not contain the wake word or {word:?}"
            ));
        }
    }
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
    if bare
        .chars()
        .any(|c| !(c.is_alphanumeric() || c == ' ' || c == '\'' || c == '.'))
    {
        problems.push(format!(
            "{intent}: sample {sample:?} has characters Alexa refuses"
        ));
    }
    if sample.split_whitespace().count() == 0 || sample.contains("  ") || sample != sample.trim() {
        problems.push(format!("{intent}: sample {sample:?} has stray spaces"));
    }
    if sample.len() > 200 {
        problems.push(format!(
            "{intent}: sample {sample:?} is longer than 200 characters"
        ));
    }
    problems
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
}

/// Points the manifest's custom skill endpoint at a Lambda function and
/// returns the manifest in its canonical form (pretty JSON, keys sorted),
/// so the change is the only diff.
pub fn set_manifest_endpoint(manifest: &str, function_arn: &str) -> Result<String, ManifestError> {
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
    let mut manifest: Value = serde_json::from_str(manifest)?;
    let custom = manifest
        .pointer_mut("/manifest/apis/custom")
        .and_then(Value::as_object_mut)
        .ok_or(ManifestError::NotACustomSkill)?;
    custom.insert("endpoint".to_string(), json!({ "uri": arn }));
    Ok(canonical_json(&manifest))
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
        assert!(invocation_name_problems("my jukebox").is_empty());
        assert!(!invocation_name_problems("jukebox").is_empty());
        assert!(!invocation_name_problems("My Jukebox").is_empty());
        assert!(!invocation_name_problems("open jukebox").is_empty());
        assert!(!invocation_name_problems("jukebox skill").is_empty());
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
}
