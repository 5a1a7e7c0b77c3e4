//! The voice model: what listeners can say, from one source per locale.
//!
//! `interaction-model/<locale>.json` is the single source. Samples there are
//! written compactly: `(play|put on) {songName} [by {artistName}]` stands for
//! every combination, `(a|b)` meaning one of the alternatives and `[a]`
//! meaning optional, `[a|b]` one of them or nothing (groups nest). [`VoiceModel`] is the expanded model: what
//! `jukebox model build` writes into the ASK skill package, and what a typed
//! chat matches utterances against, so both hear the same phrasings.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Locales with a voice model, and their source compiled into the binary so
/// [`VoiceModel::load`] works from anywhere.
pub const LOCALES: &[(&str, &str)] = &[("en-US", include_str!("../interaction-model/en-US.json"))];

/// Where the sources live, relative to the repository root.
pub const SOURCE_DIR: &str = "interaction-model";

/// Where `jukebox model build` writes the ASK interaction models.
pub const PACKAGE_MODEL_DIR: &str = "skill-package/interactionModels/custom";

/// A voice model source that cannot be expanded.
#[derive(Debug, thiserror::Error)]
pub enum VoiceModelError {
    #[error("no voice model for locale {0:?} (known: {known})", known = known_locales())]
    UnknownLocale(String),
    #[error("the voice model source is not valid JSON of the expected shape: {0}")]
    Json(#[from] serde_json::Error),
    #[error("intent {intent}: sample {sample:?}: {problem}")]
    Sample {
        intent: String,
        sample: String,
        problem: String,
    },
    #[error("intent {intent}: sample {sample:?} refers to slot {{{slot}}}, which the intent does not declare")]
    UndeclaredSlot {
        intent: String,
        sample: String,
        slot: String,
    },
    #[error(
        "sample {sample:?} belongs to both {first} and {second}: Alexa cannot tell them apart"
    )]
    SharedSample {
        sample: String,
        first: String,
        second: String,
    },
    #[error("cannot read {path}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("intent {0} is declared twice")]
    DuplicateIntent(String),
}

fn known_locales() -> String {
    LOCALES
        .iter()
        .map(|(locale, _)| *locale)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A slot an intent captures, with its Alexa slot type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelSlot {
    pub name: String,
    #[serde(rename = "type")]
    pub slot_type: String,
}

/// One intent with its samples fully expanded (no `(a|b)` or `[a]` left).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelIntent {
    pub name: String,
    pub slots: Vec<ModelSlot>,
    /// Expanded samples, in source order, without duplicates. Empty for
    /// built-in intents whose phrasings Alexa provides.
    pub samples: Vec<String>,
}

impl ModelIntent {
    /// Built-in intents (`AMAZON.*`) come with Alexa's own phrasings.
    pub fn is_builtin(&self) -> bool {
        self.name.starts_with("AMAZON.")
    }
}

/// The expanded voice model of one locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoiceModel {
    pub locale: String,
    pub invocation_name: String,
    pub intents: Vec<ModelIntent>,
}

/// The source file's shape.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Source {
    #[serde(rename = "_about", default)]
    _about: Option<String>,
    invocation_name: String,
    intents: Vec<SourceIntent>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceIntent {
    name: String,
    #[serde(default)]
    slots: Vec<ModelSlot>,
    #[serde(default)]
    samples: Vec<String>,
}

impl VoiceModel {
    /// The model of `locale` from the source compiled into the binary.
    pub fn load(locale: &str) -> Result<Self, VoiceModelError> {
        let (_, source) = LOCALES
            .iter()
            .find(|(known, _)| *known == locale)
            .ok_or_else(|| VoiceModelError::UnknownLocale(locale.to_string()))?;
        Self::parse(locale, source)
    }

    /// The model of `locale` from a source file on disk (for `jukebox model build`).
    pub fn from_file(locale: &str, path: &Path) -> Result<Self, VoiceModelError> {
        let text = std::fs::read_to_string(path).map_err(|source| VoiceModelError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Self::parse(locale, &text)
    }

    /// Expands a source text: every sample written out, checked for slots
    /// the intent does not declare and for samples two intents share.
    pub fn parse(locale: &str, source: &str) -> Result<Self, VoiceModelError> {
        let source: Source = serde_json::from_str(source)?;
        let mut owner: HashMap<String, String> = HashMap::new();
        let mut intents: Vec<ModelIntent> = Vec::new();
        for intent in source.intents {
            if intents.iter().any(|known| known.name == intent.name) {
                return Err(VoiceModelError::DuplicateIntent(intent.name));
            }
            let mut samples: Vec<String> = Vec::new();
            for pattern in &intent.samples {
                let expanded = expand(pattern).map_err(|problem| VoiceModelError::Sample {
                    intent: intent.name.clone(),
                    sample: pattern.clone(),
                    problem,
                })?;
                for sample in expanded {
                    check_slots(&intent.name, &intent.slots, &sample)?;
                    match owner.get(&sample) {
                        Some(first) if *first != intent.name => {
                            return Err(VoiceModelError::SharedSample {
                                sample,
                                first: first.clone(),
                                second: intent.name.clone(),
                            })
                        }
                        Some(_) => {}
                        None => {
                            owner.insert(sample.clone(), intent.name.clone());
                            samples.push(sample);
                        }
                    }
                }
            }
            intents.push(ModelIntent {
                name: intent.name,
                slots: intent.slots,
                samples,
            });
        }
        Ok(VoiceModel {
            locale: locale.to_string(),
            invocation_name: source.invocation_name,
            intents,
        })
    }

    pub fn intent(&self, name: &str) -> Option<&ModelIntent> {
        self.intents.iter().find(|intent| intent.name == name)
    }

    /// The model as the Alexa Skill Management API takes it
    /// (`InteractionModelData`).
    pub fn to_ask_json(&self) -> Value {
        let intents: Vec<Value> = self
            .intents
            .iter()
            .map(|intent| {
                let mut value = json!({ "name": intent.name, "samples": intent.samples });
                if !intent.slots.is_empty() {
                    value["slots"] = json!(intent.slots);
                }
                value
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

    /// The file `jukebox model build` writes: pretty JSON, newline-terminated.
    pub fn to_ask_file(&self) -> String {
        canonical_json(&self.to_ask_json())
    }
}

/// Every slot a sample names must be declared by its intent.
fn check_slots(intent: &str, slots: &[ModelSlot], sample: &str) -> Result<(), VoiceModelError> {
    for slot in slot_references(sample) {
        if !slots.iter().any(|declared| declared.name == slot) {
            return Err(VoiceModelError::UndeclaredSlot {
                intent: intent.to_string(),
                sample: sample.to_string(),
                slot: slot.to_string(),
            });
        }
    }
    Ok(())
}

/// The slot names a sample refers to (`{songName}` gives `songName`).
pub fn slot_references(sample: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = sample;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                names.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    names
}

/// Expands `(a|b)` alternatives and `[a]` optional parts into every sample
/// they stand for, with spaces collapsed. Errors name the problem.
pub fn expand(pattern: &str) -> Result<Vec<String>, String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut pos = 0;
    let variants = parse_sequence(&chars, &mut pos, None)?;
    if pos != chars.len() {
        return Err(format!("unexpected {:?} at position {pos}", chars[pos]));
    }
    let mut out: Vec<String> = Vec::new();
    for variant in variants {
        let sample = variant.split_whitespace().collect::<Vec<_>>().join(" ");
        if sample.is_empty() {
            return Err("an alternative expands to an empty sample".to_string());
        }
        if !out.contains(&sample) {
            out.push(sample);
        }
    }
    Ok(out)
}

/// Parses alternatives separated by `|` until `close` (or the end), returning
/// every string they expand to.
fn parse_sequence(
    chars: &[char],
    pos: &mut usize,
    close: Option<char>,
) -> Result<Vec<String>, String> {
    let mut alternatives: Vec<String> = Vec::new();
    let mut current: Vec<String> = vec![String::new()];
    loop {
        let Some(&c) = chars.get(*pos) else {
            if let Some(close) = close {
                return Err(format!("missing {close:?}"));
            }
            alternatives.extend(current);
            return Ok(alternatives);
        };
        match c {
            '(' | '[' => {
                *pos += 1;
                let inner_close = if c == '(' { ')' } else { ']' };
                let mut inner = parse_sequence(chars, pos, Some(inner_close))?;
                if c == '[' {
                    inner.push(String::new());
                }
                current = current
                    .iter()
                    .flat_map(|prefix| inner.iter().map(move |part| format!("{prefix}{part}")))
                    .collect();
            }
            ')' | ']' => {
                if close != Some(c) {
                    return Err(format!("unexpected {c:?} at position {}", *pos));
                }
                *pos += 1;
                alternatives.extend(current);
                return Ok(alternatives);
            }
            '|' => {
                if close.is_none() {
                    return Err(format!(
                        "'|' at position {} is outside a (…) or […] group",
                        *pos
                    ));
                }
                *pos += 1;
                alternatives.append(&mut current);
                current = vec![String::new()];
            }
            _ => {
                *pos += 1;
                for prefix in &mut current {
                    prefix.push(c);
                }
            }
        }
    }
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
    fn expands_alternatives_and_optional_parts() {
        assert_eq!(
            expand("(play|put on) {songName} [by {artistName}]").unwrap(),
            vec![
                "play {songName} by {artistName}",
                "play {songName}",
                "put on {songName} by {artistName}",
                "put on {songName}",
            ]
        );
        assert_eq!(
            expand("who [(sings|plays)] this").unwrap(),
            vec!["who sings this", "who plays this", "who this"]
        );
    }

    #[test]
    fn refuses_unbalanced_groups() {
        assert!(expand("(play {songName}").unwrap_err().contains("missing"));
        assert!(expand("play {songName}]")
            .unwrap_err()
            .contains("unexpected"));
        assert!(expand("play|put on").unwrap_err().contains("outside"));
        assert!(expand("[play]").unwrap_err().contains("empty"));
    }

    #[test]
    fn refuses_a_sample_two_intents_share() {
        let source = r#"{"invocationName": "my jukebox", "intents": [
            {"name": "A", "samples": ["(what's|what is) playing"]},
            {"name": "B", "samples": ["what is playing"]}]}"#;
        let err = VoiceModel::parse("en-US", source).unwrap_err();
        assert!(
            matches!(err, VoiceModelError::SharedSample { ref sample, .. } if sample == "what is playing"),
            "{err}"
        );
    }

    #[test]
    fn refuses_an_undeclared_slot() {
        let source = r#"{"invocationName": "my jukebox", "intents": [
            {"name": "A", "slots": [{"name": "songName", "type": "AMAZON.MusicCreativeWork"}],
             "samples": ["play {song}"]}]}"#;
        let err = VoiceModel::parse("en-US", source).unwrap_err();
        assert!(err.to_string().contains("{song}"), "{err}");
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
    fn unknown_locale_is_a_clear_error() {
        let err = VoiceModel::load("xx-XX").unwrap_err();
        assert!(err.to_string().contains("en-US"), "{err}");
    }
}
