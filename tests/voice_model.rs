//! The voice model against the code that answers it, Alexa's rules and the
//! skill package it is deployed from.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use jukebox::skill::{ARTIST_SLOT, ROUTED_INTENTS, SONG_SLOT};
use jukebox::voice_model::{slot_references, VoiceModel, LOCALES, PACKAGE_MODEL_DIR, SOURCE_DIR};
use serde_json::Value;

const LOCALE: &str = "en-US";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn model() -> VoiceModel {
    VoiceModel::load(LOCALE).expect("the en-US voice model expands")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_routed_intent_is_in_the_model_and_every_model_intent_is_routed() {
    let model = model();
    let in_model: HashSet<&str> = model.intents.iter().map(|i| i.name.as_str()).collect();
    let routed: HashSet<&str> = ROUTED_INTENTS.iter().map(|(name, _)| *name).collect();
    let missing: Vec<_> = routed.difference(&in_model).collect();
    let unrouted: Vec<_> = in_model.difference(&routed).collect();
    assert!(
        missing.is_empty(),
        "routed but not in the voice model: {missing:?}"
    );
    assert!(
        unrouted.is_empty(),
        "in the voice model but not routed: {unrouted:?}"
    );
    assert_eq!(model.intents.len(), ROUTED_INTENTS.len());
}

#[test]
fn slots_have_the_types_the_handlers_expect() {
    let model = model();
    let play = model.intent("PlayMusicIntent").expect("PlayMusicIntent");
    let types: HashMap<&str, &str> = play
        .slots
        .iter()
        .map(|s| (s.name.as_str(), s.slot_type.as_str()))
        .collect();
    assert_eq!(
        types,
        HashMap::from([
            (SONG_SLOT, "AMAZON.MusicCreativeWork"),
            (ARTIST_SLOT, "AMAZON.Artist")
        ])
    );
    for intent in model.intents.iter().filter(|i| i.name != "PlayMusicIntent") {
        assert!(intent.slots.is_empty(), "{} has slots", intent.name);
    }
    // Every declared slot is used by some sample, or Alexa never fills it.
    for slot in &play.slots {
        assert!(
            play.samples
                .iter()
                .any(|s| slot_references(s).contains(&slot.name.as_str())),
            "slot {} appears in no sample",
            slot.name
        );
    }
}

#[test]
fn custom_intents_have_the_phrasings_listeners_use() {
    let model = model();
    let play = &model.intent("PlayMusicIntent").unwrap().samples;
    for expected in [
        "play {songName}",
        "play {songName} by {artistName}",
        "play some {artistName}",
        "put on {songName}",
        "put on {songName} by {artistName}",
        "i want to hear {songName}",
        "play the album {songName}",
        "play music by {artistName}",
    ] {
        assert!(
            play.iter().any(|s| s == expected),
            "PlayMusicIntent lacks {expected:?}"
        );
    }
    assert!(
        play.len() >= 50,
        "only {} PlayMusicIntent samples",
        play.len()
    );
    let now = &model.intent("NowPlayingIntent").unwrap().samples;
    for expected in ["what's playing", "what song is this", "who sings this"] {
        assert!(
            now.iter().any(|s| s == expected),
            "NowPlayingIntent lacks {expected:?}"
        );
    }
}

/// Alexa's sample rules: letters, spaces, apostrophes, periods in
/// abbreviations, hyphens; slots as `{name}` standing alone between spaces.
#[test]
fn samples_follow_alexas_rules_and_no_sample_belongs_to_two_intents() {
    let model = model();
    let mut owner: HashMap<&str, &str> = HashMap::new();
    for intent in &model.intents {
        for sample in &intent.samples {
            if let Some(first) = owner.insert(sample.as_str(), intent.name.as_str()) {
                panic!("{sample:?} is in {first} and {}", intent.name);
            }
            assert!(sample.len() <= 200, "{sample:?} is too long");
            assert_eq!(sample, sample.trim(), "{sample:?} has outer spaces");
            assert!(!sample.contains("  "), "{sample:?} has a double space");
            for word in sample.split(' ') {
                let is_slot = word.starts_with('{') && word.ends_with('}') && word.len() > 2;
                let is_slot_possessive = word.starts_with('{') && word.ends_with("}'s");
                let plain = word
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || matches!(c, '\'' | '.' | '-'));
                assert!(
                    is_slot || is_slot_possessive || (plain && !word.is_empty()),
                    "{sample:?}: {word:?} is not a lowercase word or a lone slot"
                );
            }
        }
    }
}

/// The invocation name requirements of the Alexa Skills Kit.
#[test]
fn the_invocation_name_follows_alexas_rules() {
    let model = model();
    let name = model.invocation_name.as_str();
    assert_eq!(
        name,
        jukebox::INVOCATION_NAME,
        "the code and the model disagree"
    );
    assert!(
        name.chars()
            .all(|c| c.is_ascii_lowercase() || matches!(c, ' ' | '\'' | '.')),
        "{name:?}: only lowercase letters, spaces, apostrophes and periods"
    );
    let words: Vec<&str> = name.split(' ').collect();
    assert!(
        words.iter().all(|w| !w.is_empty()),
        "{name:?}: single spaces between words"
    );
    assert!(
        words.len() >= 2,
        "{name:?}: one-word names need brand proof"
    );
    const LAUNCH_AND_WAKE_WORDS: &[&str] = &[
        "ask", "begin", "launch", "load", "open", "play", "resume", "run", "start", "tell", "use",
        "enable", "talk", "alexa", "amazon", "echo", "computer", "ziggy", "skill", "app",
    ];
    for word in &words {
        assert!(
            !LAUNCH_AND_WAKE_WORDS.contains(word),
            "{name:?} contains {word:?}"
        );
    }
    if words.len() == 2 {
        const CONNECTORS: &[&str] = &["a", "an", "the", "for", "to", "of", "by", "in", "on"];
        assert!(
            !words.iter().any(|w| CONNECTORS.contains(w)),
            "{name:?}: a two-word name has no articles or connecting words"
        );
    }
}

#[test]
fn the_skill_package_model_is_generated_from_the_source() {
    for (locale, _) in LOCALES {
        let source = root().join(SOURCE_DIR).join(format!("{locale}.json"));
        let from_disk = VoiceModel::from_file(locale, &source).unwrap();
        assert_eq!(from_disk, VoiceModel::load(locale).unwrap());
        let package = root()
            .join(PACKAGE_MODEL_DIR)
            .join(format!("{locale}.json"));
        let written = std::fs::read_to_string(&package).unwrap();
        assert!(
            written == from_disk.to_ask_file(),
            "{} drifted from {}: run `cargo run -- model build`",
            package.display(),
            source.display()
        );
    }
}

/// `jukebox model check` fails on drift and `jukebox model build` repairs it.
#[test]
fn model_check_fails_on_drift_and_build_repairs_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(SOURCE_DIR)).unwrap();
    let source = dir.path().join(SOURCE_DIR).join("en-US.json");
    std::fs::copy(root().join(SOURCE_DIR).join("en-US.json"), &source).unwrap();
    let jukebox = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_jukebox"))
            .args(args)
            .arg("--root")
            .arg(dir.path())
            .output()
            .unwrap()
    };

    let missing = jukebox(&["model", "check"]);
    assert!(
        !missing.status.success(),
        "check passes without a generated model"
    );
    assert!(jukebox(&["model", "build"]).status.success());
    assert!(jukebox(&["model", "check"]).status.success());

    let text = std::fs::read_to_string(&source).unwrap().replace(
        "\"let me hear {songName}\"",
        "\"let me listen to {songName}\"",
    );
    std::fs::write(&source, text).unwrap();
    let drifted = jukebox(&["model", "check"]);
    assert!(
        !drifted.status.success(),
        "check passes after the source changed"
    );
    assert!(String::from_utf8_lossy(&drifted.stderr).contains("model build"));
    assert!(jukebox(&["model", "build"]).status.success());
    assert!(jukebox(&["model", "check"]).status.success());
    let built = read_json(&dir.path().join(PACKAGE_MODEL_DIR).join("en-US.json"));
    assert!(built.to_string().contains("let me listen to {songName}"));

    std::fs::write(&source, "{\"invocationName\": \"my jukebox\", \"intents\": [{\"name\": \"A\", \"samples\": [\"(play\"]}]}").unwrap();
    let broken = jukebox(&["model", "build"]);
    assert!(!broken.status.success());
    assert!(String::from_utf8_lossy(&broken.stderr).contains("missing"));
}

/// Does `utterance` fit `sample`, each `{slot}` standing for one or more words?
fn fits(sample: &[&str], utterance: &[&str]) -> bool {
    match (sample.split_first(), utterance.split_first()) {
        (None, None) => true,
        (None, Some(_)) | (Some(_), None) => false,
        (Some((word, rest)), _) if word.starts_with('{') => {
            (1..=utterance.len()).any(|taken| fits(rest, &utterance[taken..]))
        }
        (Some((word, rest)), Some((heard, heard_rest))) => word == heard && fits(rest, heard_rest),
    }
}

/// Example phrases must come from the samples, or certification fails.
#[test]
fn the_manifest_example_phrases_are_in_the_model() {
    let manifest = read_json(&root().join("skill-package/skill.json"));
    let locales = manifest["manifest"]["publishingInformation"]["locales"]
        .as_object()
        .unwrap();
    for (locale, info) in locales {
        let model = VoiceModel::load(locale).unwrap();
        let phrases = info["examplePhrases"].as_array().unwrap();
        assert!(!phrases.is_empty(), "{locale}: no example phrases");
        for phrase in phrases {
            let phrase = phrase.as_str().unwrap().to_lowercase();
            let cleaned: String = phrase
                .chars()
                .filter(|c| !matches!(c, ',' | '?' | '!'))
                .collect();
            let cleaned = cleaned.trim_end_matches('.');
            let open = format!("alexa open {}", model.invocation_name);
            if cleaned == open {
                continue;
            }
            let ask = format!("alexa ask {} ", model.invocation_name);
            let utterance = cleaned
                .strip_prefix(&ask)
                .unwrap_or_else(|| panic!("{phrase:?} does not start with {ask:?}"));
            let utterance = utterance.strip_prefix("to ").unwrap_or(utterance);
            let words: Vec<&str> = utterance.split(' ').collect();
            let matched = model.intents.iter().flat_map(|i| &i.samples).any(|sample| {
                let sample: Vec<&str> = sample.split(' ').collect();
                fits(&sample, &words)
            });
            assert!(matched, "{locale}: {phrase:?} matches no sample");
        }
    }
}

/// `jukebox skill set-endpoint` rewrites the manifest in this form; keeping
/// the file in it means setting the endpoint changes one line only.
#[test]
fn the_manifest_is_canonical_and_set_endpoint_only_adds_the_endpoint() {
    let path = root().join("skill-package/skill.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        text,
        jukebox::voice_model::canonical_json(&value),
        "not canonical"
    );

    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("skill.json");
    std::fs::write(&copy, &text).unwrap();
    let arn = "arn:aws:lambda:us-east-1:123456789012:function:jukebox-JukeboxFunction-Ab12";
    let status = Command::new(env!("CARGO_BIN_EXE_jukebox"))
        .args(["skill", "set-endpoint", arn, "--manifest"])
        .arg(&copy)
        .status()
        .unwrap();
    assert!(status.success());
    let mut updated = read_json(&copy);
    assert_eq!(
        updated["manifest"]["apis"]["custom"]["endpoint"]["uri"],
        arn
    );
    updated["manifest"]["apis"]["custom"]
        .as_object_mut()
        .unwrap()
        .remove("endpoint");
    let mut original = value.clone();
    original["manifest"]["apis"]["custom"]
        .as_object_mut()
        .unwrap()
        .remove("endpoint");
    assert_eq!(updated, original);

    let refused = Command::new(env!("CARGO_BIN_EXE_jukebox"))
        .args(["skill", "set-endpoint", "not-an-arn", "--manifest"])
        .arg(&copy)
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not a Lambda function ARN"));
}
