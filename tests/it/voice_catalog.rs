//! The owner's catalog in the voice model: `model build --catalog` from the
//! sample catalog and from a 100,000-track one gives every locale a model
//! that passes `model check` and the SMAPI schema, within Amazon's bounds,
//! with ids and synonyms; `catalog import` says when the model is stale.

use std::path::{Path, PathBuf};
use std::process::Command;

use jukebox::voice_catalog::{MAX_MODEL_BYTES, MAX_SLOT_VALUES, MAX_VALUE_CHARS, RECORD_PATH};
use jukebox::voice_model::{locales, skill_package_path};
use serde_json::Value;

use crate::support::dynamodb::{aws_env, create_tables};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the CLI in `dir` (where it reads and writes `skill-package/` and
/// the build record): its exit code, stdout and stderr.
fn jukebox_in(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_jukebox"))
        .current_dir(dir)
        .args(args)
        .env("RUST_LOG", "off")
        .env_remove("AWS_ENDPOINT_URL")
        .env_remove("AWS_PROFILE")
        .envs(aws_env())
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).to_string(),
        String::from_utf8_lossy(&output.stderr).to_string(),
    )
}

/// A working directory with a copy of the skill manifest, as an owner's
/// checkout has.
fn workdir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("skill-package")).unwrap();
    std::fs::copy(
        root().join("skill-package/skill.json"),
        dir.path().join("skill-package/skill.json"),
    )
    .unwrap();
    dir
}

/// The SMAPI schema's verdict on a package (scripts/validate-skill-package.py).
fn smapi_problems(package: &Path) -> Option<String> {
    let python = root().join(".venv/bin/python");
    let spec = root().join("node_modules/ask-smapi-model/spec.json");
    if !python.exists() || !spec.exists() {
        eprintln!("skipping the SMAPI schema: run ./scripts/test once to install it");
        return None;
    }
    let output = Command::new(python)
        .arg(root().join("scripts/validate-skill-package.py"))
        .arg("--package")
        .arg(package)
        .output()
        .unwrap();
    (!output.status.success()).then(|| {
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// Checks every locale's model written in `dir`; returns the en-US and
/// de-DE values of the song types for closer looks.
fn check_models(dir: &Path) -> Vec<(String, Vec<Value>)> {
    let (code, out, err) = jukebox_in(dir, &["model", "check"]);
    assert_eq!(code, Some(0), "model check: {out}{err}");
    if let Some(problems) = smapi_problems(&dir.join("skill-package")) {
        panic!("the SMAPI schema refuses the models: {problems}");
    }
    let mut songs = Vec::new();
    for locale in locales() {
        let text = std::fs::read_to_string(dir.join(skill_package_path(locale))).unwrap();
        assert!(
            text.len() <= MAX_MODEL_BYTES,
            "{locale}: {} bytes",
            text.len()
        );
        let model: Value = serde_json::from_str(&text).unwrap();
        let types = model["interactionModel"]["languageModel"]["types"]
            .as_array()
            .unwrap();
        let mut count = 0;
        for slot_type in types {
            for value in slot_type["values"].as_array().unwrap() {
                let name = value["name"]["value"].as_str().unwrap();
                let synonyms = value["name"]["synonyms"].as_array().unwrap();
                assert!(name.chars().count() <= MAX_VALUE_CHARS);
                assert!(!synonyms.is_empty());
                count += 1 + synonyms.len();
            }
        }
        assert!(count <= MAX_SLOT_VALUES, "{locale}: {count} slot values");
        let song_type = if locale == "en-US" {
            "AMAZON.MusicRecording"
        } else {
            "JUKEBOX_SONG"
        };
        let values = types
            .iter()
            .find(|t| t["name"] == song_type)
            .unwrap_or_else(|| panic!("{locale}: no {song_type}"))["values"]
            .as_array()
            .unwrap()
            .clone();
        songs.push((locale.to_string(), values));
    }
    songs
}

#[test]
fn the_sample_catalog_fills_every_locale_model() {
    let dir = workdir();
    let catalog = root().join("catalog/sample.jsonl");
    let playlists = root().join("catalog/playlists");
    let (code, out, err) = jukebox_in(
        dir.path(),
        &[
            "model",
            "build",
            "--catalog",
            catalog.to_str().unwrap(),
            "--playlists",
            playlists.to_str().unwrap(),
        ],
    );
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("ask deploy --target skill-metadata"), "{out}");
    assert!(dir.path().join(RECORD_PATH).exists());
    for (locale, songs) in check_models(dir.path()) {
        let rhapsody = songs
            .iter()
            .find(|v| v["name"]["value"] == "Bohemian Rhapsody")
            .unwrap_or_else(|| panic!("{locale}: no Bohemian Rhapsody"));
        assert_eq!(rhapsody["id"], "queen-bohemian-rhapsody");
    }
    let en = std::fs::read_to_string(dir.path().join(skill_package_path("en-US"))).unwrap();
    let en: Value = serde_json::from_str(&en).unwrap();
    let playlists = en["interactionModel"]["languageModel"]["types"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "AMAZON.MusicPlaylist")
        .expect("the built-in playlist type, extended");
    assert!(playlists["values"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v["name"]["value"] == "Road Trip" && v["id"] == "p:rtrp"));
}

/// A catalog as large as an owner's: titles with numbers, initialisms,
/// featured artists and remaster notes, ranked in part.
fn synthetic_catalog(path: &Path, tracks: usize) {
    use std::fmt::Write;
    let mut text = String::with_capacity(tracks * 160);
    for i in 0..tracks {
        let artist = match i % 3 {
            0 => format!("Band {}", i / 10),
            1 => format!("A.B.{} & The Crew", i / 50),
            _ => format!("Singer {} feat. Guest {}", i / 20, i % 7),
        };
        let title = match i % 4 {
            0 => format!("Song {i}"),
            1 => format!("{} Problems {i}", i % 100),
            2 => format!("Track {i} (feat. Someone)"),
            _ => format!("Tune {i} - 2015 Remaster"),
        };
        let rank = if i % 1000 == 0 {
            format!(r#", "rank": {}"#, i / 1000)
        } else {
            String::new()
        };
        writeln!(
            text,
            r#"{{"id": "t{i}", "title": "{title}", "artist": "{artist}", "album": "Album {}", "url": "https://audio.example.com/{i}.mp3", "genre": ["Genre {}"]{rank}}}"#,
            i / 12,
            i % 40
        )
        .unwrap();
    }
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_hundred_thousand_tracks_stay_within_alexa_limits() {
    let dir = workdir();
    let catalog = dir.path().join("large.jsonl");
    synthetic_catalog(&catalog, 100_000);
    let started = std::time::Instant::now();
    let (code, out, err) = jukebox_in(
        dir.path(),
        &["model", "build", "--catalog", catalog.to_str().unwrap()],
    );
    assert_eq!(code, Some(0), "{out}{err}");
    eprintln!("model build of 100,000 tracks: {:?}", started.elapsed());
    assert!(
        out.contains("left out to stay within Alexa's limits"),
        "the command says how many were left out: {out}"
    );
    for (locale, songs) in check_models(dir.path()) {
        assert!(!songs.is_empty(), "{locale}");
        // Ranked tracks come first.
        assert_eq!(songs[0]["id"], "t0", "{locale}");
        assert_eq!(songs[1]["id"], "t1000", "{locale}");
        assert!(
            songs.iter().any(|v| v["name"]["synonyms"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s != &v["name"]["value"])),
            "{locale}: no value has a synonym of its own"
        );
    }
    let en = std::fs::read_to_string(dir.path().join(skill_package_path("en-US"))).unwrap();
    assert!(
        en.contains(r#""value":"Track 2 (feat. Someone)""#),
        "{}",
        &en[..2000]
    );
    assert!(
        en.contains(r#""Track 2""#),
        "a title without its featured artist"
    );
    assert!(
        en.contains(r#""a b 0 and The Crew""#),
        "an initialism spelled"
    );
    let de = std::fs::read_to_string(dir.path().join(skill_package_path("de-DE"))).unwrap();
    assert!(de.contains("einundzwanzig Problems 21"), "German numbers");
}

#[tokio::test]
async fn import_says_when_the_voice_model_is_stale() {
    let (table, _) = create_tables().await;
    let dir = workdir();
    let first = dir.path().join("first.jsonl");
    std::fs::write(
        &first,
        concat!(
            r#"{"id":"a","title":"Morning Tide","artist":"Harbour","url":"https://e.example/a.mp3"}"#,
            "\n"
        ),
    )
    .unwrap();
    let file = first.to_str().unwrap();
    let (code, _, err) = jukebox_in(dir.path(), &["catalog", "import", file, "--table", &table]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("the voice model lists none of this catalog")
            && err.contains("jukebox model build --catalog"),
        "a new owner learns the model lacks the catalog: {err}"
    );

    let (code, out, err) = jukebox_in(dir.path(), &["model", "build", "--catalog", file]);
    assert_eq!(code, Some(0), "{out}{err}");
    let (code, _, err) = jukebox_in(dir.path(), &["catalog", "import", file, "--table", &table]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        !err.contains("voice model"),
        "in sync, nothing to say: {err}"
    );

    let second = dir.path().join("second.jsonl");
    std::fs::write(
        &second,
        concat!(
            r#"{"id":"a","title":"Morning Tide","artist":"Harbour","url":"https://e.example/a.mp3"}"#,
            "\n",
            r#"{"id":"b","title":"Lanterns","artist":"Harbour","url":"https://e.example/b.mp3"}"#,
            "\n"
        ),
    )
    .unwrap();
    let file = second.to_str().unwrap();
    let (code, _, err) = jukebox_in(dir.path(), &["catalog", "import", file, "--table", &table]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("warning: the voice model was built from another catalog")
            && err.contains(&format!("jukebox model build --catalog {file}"))
            && err.contains("ask deploy --target skill-metadata"),
        "{err}"
    );
}

#[test]
fn a_catalogs_stations_fill_the_station_type_of_every_locale() {
    let dir = workdir();
    let catalog = dir.path().join("catalog.json");
    let document = serde_json::json!({
        "tracks": [
            {"id": "t1", "title": "Harbour Lights", "artist": "The Quays", "url": "https://e.example/t1.mp3"},
        ],
        "stations": [
            {"id": "harbour-fm", "name": "Harbour FM", "url": "https://e.example/harbour", "genre": "Jazz"},
            {"id": "kxyz", "name": "KXYZ 99", "url": "https://e.example/kxyz.pls"},
        ],
    });
    std::fs::write(&catalog, document.to_string()).unwrap();
    let (code, out, err) = jukebox_in(
        dir.path(),
        &["model", "build", "--catalog", catalog.to_str().unwrap()],
    );
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("2 stations"), "{out}");
    for (locale, songs) in check_models(dir.path()) {
        assert!(
            songs
                .iter()
                .all(|v| v["id"] != "harbour-fm" && v["id"] != "kxyz"),
            "{locale}: a station is not a song"
        );
        let text = std::fs::read_to_string(dir.path().join(skill_package_path(&locale))).unwrap();
        let model: Value = serde_json::from_str(&text).unwrap();
        let stations = model["interactionModel"]["languageModel"]["types"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == "JUKEBOX_STATION")
            .unwrap_or_else(|| panic!("{locale}: no JUKEBOX_STATION"))["values"]
            .as_array()
            .unwrap()
            .clone();
        let listed: Vec<(&str, &str)> = stations
            .iter()
            .map(|v| {
                (
                    v["id"].as_str().unwrap_or(""),
                    v["name"]["value"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            listed,
            vec![("harbour-fm", "Harbour FM"), ("kxyz", "KXYZ 99")],
            "{locale}: the catalog's stations, with their ids, instead of the examples"
        );
    }
}
