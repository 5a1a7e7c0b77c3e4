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
            "{} drifted from {}: run `cargo run -- model build`",
            path.display(),
            jukebox::voice_model::source_path(locale)
        );
    }
}

#[test]
fn the_model_follows_alexa_rules_and_the_code() {
    for locale in locales() {
        let model = VoiceModel::load(locale).unwrap();
        assert_eq!(model.problems(), Vec::<String>::new(), "{locale}");
        for (name, _) in jukebox::skill::ROUTED_INTENTS {
            let intent = model.intents.iter().find(|i| i.name == *name);
            let intent = intent.unwrap_or_else(|| panic!("{locale}: {name} missing"));
            assert!(
                name.starts_with("AMAZON.") || !intent.samples.is_empty(),
                "{locale}: {name} has no samples"
            );
        }
        let play = model
            .intents
            .iter()
            .find(|i| i.name == "PlayMusicIntent")
            .unwrap();
        assert!(
            play.samples.len() >= 20,
            "{locale}: PlayMusicIntent has {} samples",
            play.samples.len()
        );
        if !locale.starts_with("en-") {
            continue;
        }
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

/// Every Alexa locale has a model, and a slot gets a built-in type only
/// where the data says Alexa offers it there; elsewhere the custom type
/// standing for it, which the deployed model defines.
#[test]
fn every_locale_has_a_model_with_types_it_may_use() {
    assert_eq!(locales().count(), 17);
    let slot_type = |locale: &str, intent: &str, slot: &str| -> String {
        let model = VoiceModel::load(locale).unwrap();
        let intent = model.intents.iter().find(|i| i.name == intent).unwrap();
        intent
            .slots
            .iter()
            .find(|(s, _)| s == slot)
            .unwrap()
            .1
            .clone()
    };
    assert_eq!(
        slot_type("en-US", "PlayMusicIntent", "songName"),
        "AMAZON.MusicRecording"
    );
    assert_eq!(
        slot_type("en-GB", "PlayMusicIntent", "songName"),
        "JUKEBOX_SONG"
    );
    assert_eq!(
        slot_type("de-DE", "PlayMusicIntent", "artistName"),
        "AMAZON.Artist"
    );
    assert_eq!(
        slot_type("ja-JP", "PlayMusicIntent", "artistName"),
        "JUKEBOX_ARTIST"
    );
    assert_eq!(
        slot_type("es-US", "PlayGenreIntent", "genreName"),
        "JUKEBOX_GENRE"
    );
    for locale in locales() {
        let model = VoiceModel::load(locale).unwrap();
        for intent in &model.intents {
            for (slot, kind) in &intent.slots {
                let custom = model.types.iter().any(|t| &t.name == kind);
                assert!(
                    custom || jukebox::voice_model::is_builtin_slot_type(kind, locale),
                    "{locale}: {}.{slot} has type {kind}",
                    intent.name
                );
            }
        }
        let deployed = read_json(&repo_file(&skill_package_path(locale)));
        let types = deployed["interactionModel"]["languageModel"]["types"]
            .as_array()
            .unwrap();
        assert_eq!(types.len(), model.types.len(), "{locale}");
    }
    assert!(VoiceModel::load("xx-XX").is_err());
}

/// A locale's own rules: a built-in type the locale lacks is refused unless
/// the source has a custom type standing for it.
#[test]
fn a_built_in_type_a_locale_lacks_is_refused() {
    let source = r#"{
        "locales": {"ja-JP": {"invocationName": "マイジュークボックス"}},
        "intents": {
            "PlayMusicIntent": {"slots": {"songName": "AMAZON.MusicRecording", "artistName": "AMAZON.Artist"},
                                "samples": ["{artistName} の {songName} をかけて"]}
        },
        "slotTypes": {"JUKEBOX_SONG": {"standsFor": "AMAZON.MusicRecording", "values": ["レモン"]}}
    }"#;
    let model = VoiceModel::parse("ja-JP", source).unwrap();
    let problems = model.problems().join("\n");
    assert!(
        problems.contains("slot {artistName} has type AMAZON.Artist, which is not a custom type of this model nor a built-in slot type Alexa offers in ja-JP"),
        "{problems}"
    );
    assert!(!problems.contains("{songName} has type"), "{problems}");
    assert!(!problems.contains("invocation name"), "{problems}");
    assert!(
        VoiceModel::parse("de-DE", source).is_err(),
        "a locale the file does not declare"
    );
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

fn repo_file(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn read_json(path: &std::path::Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn jukebox_in(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_jukebox"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// `jukebox model check` (run by CI) fails on a hand-edited skill package,
/// and `jukebox model build` repairs it.
#[test]
fn model_check_fails_on_drift_and_build_repairs_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = jukebox_in(dir.path(), &["model", "check"]);
    assert!(!missing.status.success(), "check passes without a model");

    assert!(jukebox_in(dir.path(), &["model", "build"]).status.success());
    assert!(jukebox_in(dir.path(), &["model", "check"]).status.success());
    let path = dir.path().join(skill_package_path("en-US"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        std::fs::read_to_string(repo_file(&skill_package_path("en-US"))).unwrap()
    );

    let edited =
        std::fs::read_to_string(&path)
            .unwrap()
            .replacen("\"what's playing\"", "\"what is on\"", 1);
    std::fs::write(&path, edited).unwrap();
    let drifted = jukebox_in(dir.path(), &["model", "check"]);
    assert!(
        !drifted.status.success(),
        "check passes on a hand-edited model"
    );
    assert!(String::from_utf8_lossy(&drifted.stderr).contains("model build"));
    assert!(jukebox_in(dir.path(), &["model", "build"]).status.success());
    assert!(jukebox_in(dir.path(), &["model", "check"]).status.success());
}

/// Does `utterance` fit `sample`, each `{slot}` standing for one or more words?
fn fits(sample: &[&str], utterance: &[&str]) -> bool {
    match (sample.split_first(), utterance.split_first()) {
        (None, None) => true,
        (None, Some(_)) | (Some(_), None) => false,
        (Some((word, rest)), _) if word.starts_with('{') => {
            (1..=utterance.len()).any(|taken| fits(rest, &utterance[taken..]))
        }
        (Some((word, rest)), Some((heard, heard_rest))) => {
            word.eq_ignore_ascii_case(heard) && fits(rest, heard_rest)
        }
    }
}

/// Does `utterance` fit `sample` letter by letter, spaces ignored, each
/// `{slot}` standing for one or more letters? For Japanese, which writes no
/// spaces between words while the samples set slots apart with one.
fn fits_unspaced(sample: &str, utterance: &str) -> bool {
    fn go(sample: &[char], utterance: &[char]) -> bool {
        match sample.split_first() {
            None => utterance.is_empty(),
            Some(('{', _)) => {
                let close = sample.iter().position(|c| *c == '}').unwrap();
                let rest = &sample[close + 1..];
                (1..=utterance.len()).any(|taken| go(rest, &utterance[taken..]))
            }
            Some((c, rest)) => utterance
                .split_first()
                .is_some_and(|(heard, after)| heard == c && go(rest, after)),
        }
    }
    let sample: Vec<char> = sample.chars().filter(|c| !c.is_whitespace()).collect();
    let utterance: Vec<char> = utterance.chars().filter(|c| !c.is_whitespace()).collect();
    go(&sample, &utterance)
}

/// How listeners of a language open a skill and ask it something
/// ("Understanding How Users Invoke Custom Skills", and the invocation
/// examples of "Choose the Invocation Name for a Custom Skill"): `{inv}`
/// stands for the invocation name; what follows an ask form is an
/// utterance of the model.
fn launch_forms(language: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match language {
        "en" => (
            &["alexa open {inv}"],
            &["alexa ask {inv} to ", "alexa ask {inv} "],
        ),
        "de" => (
            &["alexa öffne {inv}", "alexa starte {inv}"],
            &["alexa frage {inv} ", "alexa frag {inv} "],
        ),
        "fr" => (
            &["alexa ouvre {inv}", "alexa lance {inv}"],
            &["alexa demande à {inv} "],
        ),
        "es" => (
            &["alexa abre {inv}"],
            &["alexa pídele a {inv} que ", "alexa pregúntale a {inv} "],
        ),
        "it" => (&["alexa apri {inv}"], &["alexa chiedi a {inv} "]),
        "pt" => (
            &["alexa abra {inv}", "alexa abre {inv}"],
            &["alexa pede para {inv} ", "alexa pergunte para {inv} "],
        ),
        "nl" => (
            &["alexa open {inv}", "alexa start {inv}"],
            &["alexa vraag {inv} om ", "alexa vraag {inv} "],
        ),
        "ja" => (
            &["アレクサ {inv}を開いて", "アレクサ {inv}を起動して"],
            &["アレクサ {inv}で"],
        ),
        "hi" => (
            &["alexa {inv} खोलो", "एलेक्सा {inv} खोलो"],
            &[
                "alexa {inv} से पूछो कि ",
                "alexa {inv} से पूछो ",
                "एलेक्सा {inv} से पूछो कि ",
            ],
        ),
        "ar" => (
            &["اليكسا افتح {inv}"],
            &["اليكسا اسأل {inv} ", "اليكسا من فضلك أبغى أسأل {inv} "],
        ),
        other => panic!("no launch forms for {other}"),
    }
}

/// Certification requires the example phrases to come from the samples.
#[test]
fn the_manifest_example_phrases_are_in_the_model() {
    let manifest = read_json(&repo_file("skill-package/skill.json"));
    let locales = manifest["manifest"]["publishingInformation"]["locales"]
        .as_object()
        .unwrap();
    assert!(!locales.is_empty());
    for (locale, info) in locales {
        let model = VoiceModel::load(locale).unwrap();
        let language = jukebox::voice_model::language(locale);
        let (opens, asks) = launch_forms(language);
        let phrases = info["examplePhrases"].as_array().unwrap();
        assert!(!phrases.is_empty(), "{locale}: no example phrases");
        for phrase in phrases {
            let phrase = phrase.as_str().unwrap().to_lowercase();
            // Punctuation separates like a space: "アレクサ、…" has no other.
            let cleaned: String = phrase
                .chars()
                .map(|c| {
                    if matches!(
                        c,
                        ',' | '?' | '!' | ':' | '、' | '。' | '？' | '！' | '،' | '؟'
                    ) {
                        ' '
                    } else {
                        c
                    }
                })
                .collect();
            let cleaned = cleaned
                .trim_end_matches('.')
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let inv = model.invocation_name.as_str();
            if opens
                .iter()
                .any(|open| open.replace("{inv}", inv) == cleaned)
            {
                continue;
            }
            let utterance = asks
                .iter()
                .find_map(|ask| cleaned.strip_prefix(&ask.replace("{inv}", inv)))
                .unwrap_or_else(|| panic!("{locale}: {phrase:?} does not open or ask {inv:?}"));
            let words: Vec<&str> = utterance.split(' ').collect();
            let matched = model.intents.iter().flat_map(|i| &i.samples).any(|sample| {
                if language == "ja" {
                    return fits_unspaced(sample, utterance);
                }
                let sample = sample.to_lowercase();
                let sample: Vec<&str> = sample.split(' ').collect();
                fits(&sample, &words)
            });
            assert!(matched, "{locale}: {phrase:?} matches no sample");
        }
    }
    assert!(fits(
        &["play", "{songName}", "by", "{artistName}"],
        &["play", "we", "will", "rock", "you", "by", "queen"]
    ));
    assert!(!fits(&["play", "{songName}"], &["play"]));
    assert!(fits_unspaced(
        "{artistName} の {songName} をかけて",
        "クイーンのボヘミアン・ラプソディをかけて"
    ));
    assert!(!fits_unspaced("{songName} をかけて", "をかけて"));
}

/// Each locale is published with its own name, descriptions, examples and
/// keywords, and privacy links; the countries of the locales are listed.
#[test]
fn the_manifest_publishes_every_locale() {
    let manifest = read_json(&repo_file("skill-package/skill.json"));
    let publishing = &manifest["manifest"]["publishingInformation"];
    let privacy = &manifest["manifest"]["privacyAndCompliance"]["locales"];
    let countries: Vec<&str> = publishing["distributionCountries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    for locale in locales() {
        let info = &publishing["locales"][locale];
        for field in ["name", "summary", "description"] {
            assert!(
                info[field].as_str().is_some_and(|t| !t.is_empty()),
                "{locale}: {field} missing"
            );
        }
        for list in ["examplePhrases", "keywords"] {
            assert!(
                info[list].as_array().is_some_and(|l| !l.is_empty()),
                "{locale}: {list} missing"
            );
        }
        assert!(
            privacy[locale]["privacyPolicyUrl"].is_string(),
            "{locale}: privacy"
        );
        let country = locale.split('-').nth(1).unwrap();
        let country = if country == "US" || locale == "es-US" {
            "US"
        } else {
            country
        };
        assert!(
            countries.contains(&country),
            "{locale}: {country} not distributed"
        );
    }
    assert_eq!(
        publishing["locales"].as_object().unwrap().len(),
        locales().count()
    );
}

/// `jukebox skill set-endpoint` writes the manifest in canonical form; the
/// file is kept in it, so setting the endpoint is a one-line diff.
#[test]
fn the_manifest_is_canonical_and_set_endpoint_only_adds_the_endpoint() {
    let path = repo_file("skill-package/skill.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        text,
        jukebox::voice_model::canonical_json(&value),
        "not canonical"
    );

    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("skill.json");
    std::fs::write(&copy, &text).unwrap();
    let arn = "arn:aws:lambda:us-east-1:123456789012:function:jukebox-JukeboxFunction-Ab12";
    let copy_arg = copy.to_str().unwrap();
    let set = jukebox_in(
        dir.path(),
        &["skill", "set-endpoint", arn, "--manifest", copy_arg],
    );
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    let mut updated = read_json(&copy);
    assert_eq!(
        updated["manifest"]["apis"]["custom"]["endpoint"]["uri"],
        arn
    );
    let mut original = value.clone();
    for manifest in [&mut updated, &mut original] {
        manifest["manifest"]["apis"]["custom"]
            .as_object_mut()
            .unwrap()
            .remove("endpoint");
    }
    assert_eq!(
        updated, original,
        "set-endpoint changed more than the endpoint"
    );

    let refused = jukebox_in(
        dir.path(),
        &[
            "skill",
            "set-endpoint",
            "not-an-arn",
            "--manifest",
            copy_arg,
        ],
    );
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not a Lambda function ARN"));

    // A stack in each Alexa region: regional endpoints beside the default,
    // a warning for a function far from its region's listeners.
    let eu = "arn:aws:lambda:eu-west-1:123456789012:function:jukebox-eu";
    let fe = "arn:aws:lambda:eu-central-1:123456789012:function:jukebox-fe";
    let set = jukebox_in(
        dir.path(),
        &[
            "skill",
            "set-endpoint",
            arn,
            "--na",
            arn,
            "--eu",
            eu,
            "--fe",
            fe,
            "--manifest",
            copy_arg,
        ],
    );
    assert!(set.status.success());
    let stderr = String::from_utf8_lossy(&set.stderr);
    assert!(
        stderr.contains("the FE function is in eu-central-1; us-west-2 is nearest"),
        "{stderr}"
    );
    assert!(!stderr.contains("the EU function"), "{stderr}");
    let regional = read_json(&copy);
    let custom = &regional["manifest"]["apis"]["custom"];
    assert_eq!(custom["endpoint"]["uri"], arn);
    assert_eq!(custom["regions"]["NA"]["endpoint"]["uri"], arn);
    assert_eq!(custom["regions"]["EU"]["endpoint"]["uri"], eu);
    assert_eq!(custom["regions"]["FE"]["endpoint"]["uri"], fe);
    let bad = jukebox_in(
        dir.path(),
        &[
            "skill",
            "set-endpoint",
            arn,
            "--eu",
            "nope",
            "--manifest",
            copy_arg,
        ],
    );
    assert!(!bad.status.success());
    assert_eq!(read_json(&copy), regional, "a refused call writes nothing");
    // Without regional functions, the regions go again.
    let set = jukebox_in(
        dir.path(),
        &["skill", "set-endpoint", arn, "--manifest", copy_arg],
    );
    assert!(set.status.success());
    assert!(read_json(&copy)["manifest"]["apis"]["custom"]
        .get("regions")
        .is_none());
}

/// Every locale's listeners have an Alexa region, and so a nearest AWS region.
#[test]
fn every_locale_has_a_nearest_region() {
    use jukebox::voice_model::AlexaRegion;
    assert_eq!(
        AlexaRegion::of_locale("de-DE").nearest_aws_region(),
        "eu-west-1"
    );
    assert_eq!(
        AlexaRegion::of_locale("hi-IN").nearest_aws_region(),
        "eu-west-1"
    );
    assert_eq!(
        AlexaRegion::of_locale("pt-BR").nearest_aws_region(),
        "us-east-1"
    );
    assert_eq!(
        AlexaRegion::of_locale("ja-JP").nearest_aws_region(),
        "us-west-2"
    );
    assert_eq!(
        AlexaRegion::of_locale("en-AU").nearest_aws_region(),
        "us-west-2"
    );
}

/// `AMAZON.MusicCreativeWork` is not a slot type at all (it names the object
/// of built-in intents such as `AMAZON.SearchAction<object@MusicCreativeWork>`),
/// so a song slot typed with it never builds. Any type that is neither custom
/// nor built-in for the locale is refused; so is a sample that would take a
/// built-in intent's phrase.
#[test]
fn unknown_slot_types_and_samples_that_take_built_in_phrases_are_refused() {
    let broken = r#"{
        "invocationName": "my jukebox",
        "intents": {
            "PlayMusicIntent": {"slots": {"songName": "AMAZON.MusicCreativeWork", "artistName": "AMAZON.Artist"},
                                "samples": ["start {songName}", "play {songName}", "{songName} please"]},
            "NowPlayingIntent": {"slots": {"when": "AMAZON.US_CITY"}, "samples": ["what's playing"]},
            "AMAZON.StartOverIntent": {},
            "AMAZON.PauseIntent": {}
        }
    }"#;
    let problems = VoiceModel::parse("en-US", broken)
        .unwrap()
        .problems()
        .join("\n");
    for expected in [
        "slot {songName} has type AMAZON.MusicCreativeWork, which is not a custom type of this model nor a built-in slot type Alexa offers in en-US",
        "sample \"start {songName}\" would take \"start over\" from AMAZON.StartOverIntent",
        "sample \"start {songName}\" would take \"start again\" from AMAZON.StartOverIntent",
    ] {
        assert!(problems.contains(expected), "{expected:?} not reported in:\n{problems}");
    }
    // Real types of the locale pass; "play {songName}" takes no built-in phrase.
    assert!(!problems.contains("AMAZON.Artist, which"), "{problems}");
    assert!(!problems.contains("AMAZON.US_CITY, which"), "{problems}");
    assert!(
        !problems.contains("\"play {songName}\" would take"),
        "{problems}"
    );
    // A type Alexa does not offer in this locale is refused too.
    assert!(!jukebox::voice_model::is_builtin_slot_type(
        "AMAZON.MusicCreativeWork",
        "en-US"
    ));
    assert!(jukebox::voice_model::is_builtin_slot_type(
        "AMAZON.MusicRecording",
        "en-US"
    ));
    assert!(jukebox::voice_model::is_builtin_slot_type(
        "AMAZON.MusicAlbum",
        "en-US"
    ));
    assert!(!jukebox::voice_model::is_builtin_slot_type(
        "AMAZON.US_CITY",
        "ja-JP"
    ));
}

#[test]
fn the_deployed_model_uses_real_slot_types_and_the_manifest_has_icons() {
    let model = read_json(&repo_file(&skill_package_path("en-US")));
    let intents = model["interactionModel"]["languageModel"]["intents"]
        .as_array()
        .unwrap();
    let play = intents
        .iter()
        .find(|i| i["name"] == "PlayMusicIntent")
        .unwrap();
    let types: Vec<&str> = play["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["AMAZON.Artist", "AMAZON.MusicRecording"]);
    let manifest = read_json(&repo_file("skill-package/skill.json"));
    for locale in locales() {
        manifest_icons_are_pngs(&manifest["manifest"]["publishingInformation"]["locales"][locale]);
    }
}

fn manifest_icons_are_pngs(locale: &serde_json::Value) {
    for (field, size) in [("smallIconUri", 108), ("largeIconUri", 512)] {
        let uri = locale[field]
            .as_str()
            .unwrap_or_else(|| panic!("{field} missing"));
        let path = uri
            .strip_prefix("file://")
            .expect("a file in the skill package");
        let png = std::fs::read(repo_file(&format!("skill-package/{path}"))).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{field} is a PNG");
        // IHDR: width and height, big-endian, right after the chunk header.
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert_eq!((width, height), (size, size), "{field}");
    }
}

/// Without the skill personalization permission Alexa sends no
/// `context.System.person`, so favourites could only ever be the account's
/// ("Add Personalization to Your Alexa Skill": the skill requests
/// `alexa::person_id:read` in its manifest's `permissions`).
#[test]
fn the_manifest_asks_for_the_person_id_per_person_favourites_need() {
    let manifest = read_json(&repo_file("skill-package/skill.json"));
    let permissions: Vec<&str> = manifest["manifest"]["permissions"]
        .as_array()
        .expect("a permissions list")
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(permissions, ["alexa::person_id:read"]);
}
