//! The voice model: `skill-package/` never drifts from `interaction-model/`,
//! and the model agrees with what the code routes.

use jukebox::voice_model::{locales, skill_package_path, VoiceModel};

#[test]
fn skill_package_matches_its_source() {
    for locale in locales() {
        let model = VoiceModel::load(locale).unwrap();
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(skill_package_path(locale));
        let deployed =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            deployed == model.interaction_model_file(),
            "{} drifted from interaction-model/{locale}.json: run `cargo run -- model build`",
            path.display()
        );
    }
}

#[test]
fn the_model_follows_alexa_rules_and_the_code() {
    for locale in locales() {
        let model = VoiceModel::load(locale).unwrap();
        assert_eq!(model.problems(), Vec::<String>::new(), "{locale}");
        let play = model
            .intents
            .iter()
            .find(|i| i.name == "PlayMusicIntent")
            .unwrap();
        for wanted in [
            "play {songName}",
            "play {songName} by {artistName}",
            "play some {artistName}",
            "put on {songName}",
            "I want to hear {songName}",
        ] {
            assert!(
                play.samples.iter().any(|s| s == wanted),
                "missing sample {wanted:?}"
            );
        }
        assert!(
            play.samples.len() >= 40,
            "PlayMusicIntent has {} samples",
            play.samples.len()
        );
    }
}

#[test]
fn drift_and_rule_breaks_are_caught() {
    let broken = r#"{
        "invocationName": "open jukebox",
        "intents": {
            "PlayMusicIntent": {"slots": {"songName": "AMAZON.SearchQuery", "artistName": "AMAZON.Artist"},
                                "samples": ["play {songName}", "play {album}", "what's playing"]},
            "NowPlayingIntent": {"samples": ["what's playing"]},
            "RetiredIntent": {"samples": ["do the old thing"]}
        }
    }"#;
    let problems = VoiceModel::parse("en-US", broken)
        .unwrap()
        .problems()
        .join("\n");
    for expected in [
        "may not start or end with \"open\"",
        "AMAZON.PauseIntent is routed by the skill but missing from the model",
        "RetiredIntent is in the model but the skill does not route it",
        "sample \"what's playing\" is in both",
        "uses undeclared slot {album}",
        "PlayMusicIntent slots must be",
    ] {
        assert!(
            problems.contains(expected),
            "{expected:?} not reported in:\n{problems}"
        );
    }
}
