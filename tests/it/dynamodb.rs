//! The DynamoDB adapters against AWS's DynamoDB Local: tables, import,
//! bounded searches, conditional writes, and a DynamoDB that is down or stalls.

use crate::support;

use std::collections::BTreeMap;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use aws_sdk_dynamodb::types::AttributeValue;
use jukebox::catalog::{Catalog, Track};
use jukebox::matching::{self, Found, SpokenQuery};
use jukebox::playback::{ListenerKey, PlaybackState, PlaybackStore, QueuedTrack, SaveError};
use jukebox::store::dynamodb::{tables, ClientUse, DynamoCatalog, DynamoPlaybackStore};
use serde_json::{json, Value};
use support::dynamodb::*;
use support::*;

fn jukebox(args: &[&str], env: &[(&str, String)]) -> (bool, String, String) {
    let (code, out, err) = jukebox_status(args, env);
    (code == Some(0), out, err)
}

/// Runs the CLI: its exit code, stdout and stderr.
pub(crate) fn jukebox_status(
    args: &[&str],
    env: &[(&str, String)],
) -> (Option<i32>, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_jukebox"));
    command
        .args(args)
        .env("RUST_LOG", "off")
        .env_remove("AWS_ENDPOINT_URL")
        .env_remove("AWS_PROFILE");
    for (name, value) in aws_env() {
        command.env(name, value);
    }
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).to_string(),
        String::from_utf8_lossy(&output.stderr).to_string(),
    )
}

fn track(id: &str, title: &str, artist: &str) -> Track {
    Track {
        id: id.into(),
        title: title.into(),
        artist: artist.into(),
        album: Some("Album".into()),
        url: format!("https://audio.example.com/{id}.mp3"),
        duration_ms: Some(180_000),
        image_url: None,
        rank: None,
        position: 0,
        ..Default::default()
    }
}

/// Every item of a table, as sorted JSON: to compare whole tables.
async fn table_contents(table: &str) -> Vec<String> {
    let pages: Vec<_> = client(ClientUse::Admin)
        .scan()
        .table_name(table)
        .into_paginator()
        .send()
        .collect()
        .await;
    let mut items: Vec<String> = pages
        .into_iter()
        .flat_map(|page| page.unwrap().items().to_vec())
        .map(|item| {
            let sorted: BTreeMap<String, String> = item
                .into_iter()
                .map(|(k, v)| (k, format!("{v:?}")))
                .collect();
            format!("{sorted:?}")
        })
        .collect();
    items.sort();
    items
}

/// Rows carry a fixed `added_at` (the track's, else 2024-01-01), so a
/// table imported later compares equal to one imported earlier.
fn write_catalog(dir: &tempfile::TempDir, name: &str, tracks: &[Track]) -> String {
    let path = dir.path().join(name);
    let lines: Vec<String> = tracks
        .iter()
        .map(|t| json!({"id": t.id, "title": t.title, "artist": t.artist, "album": t.album, "url": t.url, "duration_ms": t.duration_ms, "added_at": t.added_at.unwrap_or(1_704_067_200)}).to_string())
        .collect();
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path.display().to_string()
}

#[tokio::test]
async fn tables_create_is_idempotent_and_refuses_another_schema() {
    let catalog = unique_name("cli-catalog");
    let playback = unique_name("cli-playback");
    let env = [
        ("CATALOG_TABLE", catalog.clone()),
        ("PLAYBACK_TABLE", playback.clone()),
    ];
    let (ok, out, err) = jukebox(&["tables", "create"], &env);
    assert!(ok, "{err}");
    assert_eq!(
        out,
        format!("created table {catalog}\ncreated table {playback}\n")
    );
    let (ok, out, _) = jukebox(&["tables", "create"], &env);
    assert!(ok);
    assert!(
        out.contains(&format!(
            "table {playback} already exists with the right schema"
        )),
        "{out}"
    );

    let ttl = client(ClientUse::Admin)
        .describe_time_to_live()
        .table_name(&playback)
        .send()
        .await
        .unwrap();
    assert_eq!(
        ttl.time_to_live_description().unwrap().attribute_name(),
        Some("expires_at")
    );

    // A playback table made before the insights index gets it added, its
    // items kept.
    let older = unique_name("older-playback");
    let mut before_insights = tables::playback_spec();
    before_insights.indexes.clear();
    tables::ensure_table(&client(ClientUse::Admin), &older, &before_insights)
        .await
        .unwrap();
    client(ClientUse::Admin)
        .put_item()
        .table_name(&older)
        .item("pk", AttributeValue::S("user|device".into()))
        .send()
        .await
        .unwrap();
    let (ok, out, err) = jukebox(
        &["tables", "create"],
        &[
            ("CATALOG_TABLE", catalog.clone()),
            ("PLAYBACK_TABLE", older.clone()),
        ],
    );
    assert!(ok, "{err}");
    assert!(
        out.contains(&format!(
            "table {older} already existed: added the index it lacked"
        )),
        "{out}"
    );
    let described = client(ClientUse::Admin)
        .describe_table()
        .table_name(&older)
        .send()
        .await
        .unwrap();
    let indexes: Vec<&str> = described
        .table()
        .unwrap()
        .global_secondary_indexes()
        .iter()
        .filter_map(|i| i.index_name())
        .collect();
    assert_eq!(indexes, ["insights"]);
    assert_eq!(table_contents(&older).await.len(), 1);

    // A table of that name with another key schema is refused, not reused.
    let wrong = unique_name("wrong");
    tables::ensure_table(&client(ClientUse::Admin), &wrong, &tables::playback_spec())
        .await
        .unwrap();
    let (ok, _, err) = jukebox(
        &["tables", "create"],
        &[
            ("CATALOG_TABLE", wrong.clone()),
            ("PLAYBACK_TABLE", playback),
        ],
    );
    assert!(!ok);
    assert!(
        err.contains(&format!("table {wrong} exists with key schema")),
        "{err}"
    );
}

/// An index as declared: its name, its keys (attribute, type), its projection.
type IndexShape = (String, Vec<(String, String)>, String);

#[test]
fn template_declares_the_same_tables_as_tables_create() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("template.yaml");
    let text = std::fs::read_to_string(&path).expect("template.yaml");
    let template: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    for (resource, spec) in [
        ("CatalogTable", tables::catalog_spec()),
        ("PlaybackTable", tables::playback_spec()),
    ] {
        let properties = &template["Resources"][resource]["Properties"];
        assert_eq!(
            template["Resources"][resource]["Type"].as_str(),
            Some("AWS::DynamoDB::Table"),
            "{resource}"
        );
        assert_eq!(
            properties["BillingMode"].as_str(),
            Some("PAY_PER_REQUEST"),
            "{resource}"
        );
        let keys: Vec<(String, String)> = properties["KeySchema"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|k| {
                (
                    k["AttributeName"].as_str().unwrap().to_string(),
                    k["KeyType"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let expected: Vec<(String, String)> = spec
            .keys
            .iter()
            .map(|(a, k)| (a.to_string(), k.to_string()))
            .collect();
        assert_eq!(keys, expected, "{resource} key schema");
        let definitions: Vec<(String, String)> = properties["AttributeDefinitions"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["AttributeName"].as_str().unwrap().to_string(),
                    d["AttributeType"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let expected: Vec<(String, String)> = spec
            .key_attributes()
            .iter()
            .map(|a| (a.to_string(), "S".to_string()))
            .collect();
        assert_eq!(definitions, expected, "{resource} attribute definitions");
        let indexes: Vec<IndexShape> = properties["GlobalSecondaryIndexes"]
            .as_sequence()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|index| {
                (
                    index["IndexName"].as_str().unwrap().to_string(),
                    index["KeySchema"]
                        .as_sequence()
                        .unwrap()
                        .iter()
                        .map(|k| {
                            (
                                k["AttributeName"].as_str().unwrap().to_string(),
                                k["KeyType"].as_str().unwrap().to_string(),
                            )
                        })
                        .collect(),
                    index["Projection"]["ProjectionType"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                )
            })
            .collect();
        let expected: Vec<IndexShape> = spec
            .indexes
            .iter()
            .map(|index| {
                (
                    index.name.to_string(),
                    index
                        .keys
                        .iter()
                        .map(|(a, k)| (a.to_string(), k.to_string()))
                        .collect(),
                    "ALL".to_string(),
                )
            })
            .collect();
        assert_eq!(indexes, expected, "{resource} indexes");
        match spec.ttl_attribute {
            Some(attribute) => {
                assert_eq!(
                    properties["TimeToLiveSpecification"]["AttributeName"].as_str(),
                    Some(attribute)
                );
                assert_eq!(
                    properties["TimeToLiveSpecification"]["Enabled"].as_bool(),
                    Some(true)
                );
            }
            None => assert!(
                properties["TimeToLiveSpecification"].is_null(),
                "{resource}"
            ),
        }
    }
}

#[tokio::test]
async fn import_validates_first_and_skip_invalid_lists_the_rest() {
    let (catalog, _) = create_tables().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mixed.jsonl");
    std::fs::write(
        &path,
        concat!(
            r#"{"id":"a","title":"Alpha","artist":"Band","url":"https://e.example/a.mp3"}"#,
            "\n",
            r#"{"id":"b","title":"Bravo","artist":"Band","url":"http://e.example/b.mp3"}"#,
            "\n",
            r#"{"id":"c","title":"Charlie","artist":"Band","url":"https://e.example/c.mp3"}"#,
            "\n",
        ),
    )
    .unwrap();
    let file = path.display().to_string();
    let (ok, _, err) = jukebox(&["catalog", "import", &file, "--table", &catalog], &[]);
    assert!(!ok);
    assert!(err.contains("line 2 (id b): url is http://"), "{err}");
    assert!(
        table_contents(&catalog).await.is_empty(),
        "a refused file writes nothing"
    );

    let (code, out, err) = jukebox_status(
        &[
            "catalog",
            "import",
            &file,
            "--table",
            &catalog,
            "--skip-invalid",
        ],
        &[],
    );
    assert_eq!(code, Some(2), "a partial import is not a success: {err}");
    assert!(
        err.contains("skipped line 2 (id b): url is http://"),
        "{err}"
    );
    assert!(out.contains("imported 2 tracks"), "{out}");
    assert!(
        out.contains("skipped 1 row(s) (0 with a host out of reach); the 1 track(s) they name were left as they are"),
        "{out}"
    );
    let store = DynamoCatalog::new(client(ClientUse::Answering), &catalog);
    assert_eq!(store.track("a").await.unwrap().unwrap().title, "Alpha");
    assert!(store.track("b").await.unwrap().is_none());
}

#[tokio::test]
async fn reimport_is_idempotent_removes_stale_keys_and_prunes() {
    let (catalog, _) = create_tables().await;
    let dir = tempfile::tempdir().unwrap();
    let v1 = vec![
        track("a", "Morning Tide", "Harbour"),
        track("b", "Lanterns", "Harbour"),
        track("c", "Gone Soon", "Harbour"),
    ];
    let file = write_catalog(&dir, "v1.jsonl", &v1);
    assert!(jukebox(&["catalog", "import", &file, "--table", &catalog], &[]).0);
    let first = table_contents(&catalog).await;
    assert!(jukebox(&["catalog", "import", &file, "--table", &catalog], &[]).0);
    assert_eq!(
        table_contents(&catalog).await,
        first,
        "the same file twice gives the same table"
    );

    // "a" is retitled and "c" leaves the catalog.
    let v2 = vec![
        track("a", "Evening Tide", "Harbour"),
        track("b", "Lanterns", "Harbour"),
    ];
    let file = write_catalog(&dir, "v2.jsonl", &v2);
    let (ok, out, err) = jukebox(
        &["catalog", "import", &file, "--table", &catalog, "--prune"],
        &[],
    );
    assert!(ok, "{err}");
    assert!(out.contains("1 tracks pruned"), "{out}");
    let store = DynamoCatalog::new(client(ClientUse::Answering), &catalog);
    let old = matching::find(&store, &SpokenQuery::new(Some("morning tide"), None))
        .await
        .unwrap();
    assert!(
        matches!(old, Found::NotFound { .. }),
        "the old title no longer finds the track: {old:?}"
    );
    let new = matching::find(&store, &SpokenQuery::new(Some("evening tide"), None))
        .await
        .unwrap();
    assert!(
        matches!(new, Found::Track { ref track, .. } if track.id == "a"),
        "{new:?}"
    );
    assert!(store.track("c").await.unwrap().is_none());
    let gone = matching::find(&store, &SpokenQuery::new(Some("gone soon"), None))
        .await
        .unwrap();
    assert!(matches!(gone, Found::NotFound { .. }), "{gone:?}");

    // The result is exactly what importing v2 into an empty table gives.
    let (fresh, _) = create_tables().await;
    assert!(jukebox(&["catalog", "import", &file, "--table", &fresh], &[]).0);
    assert_eq!(table_contents(&catalog).await, table_contents(&fresh).await);
}

/// The first import of an id dates it (its row's `added_at`, else the
/// import's time); a re-import keeps the stored date whatever the row says
/// now, a track new to the table takes the later import's time and becomes
/// the newest, and a track moved or pruned leaves the newest-first index.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reimports_keep_added_at_and_the_newest_come_first() {
    use jukebox::store::dynamodb::import::{import_tracks, ImportOptions};
    let (table, _) = create_tables().await;
    let import = |tracks: Vec<Track>, now: u64| {
        let table = table.clone();
        async move {
            let tracks: Vec<Track> = tracks
                .into_iter()
                .enumerate()
                .map(|(i, t)| Track {
                    position: i as u32,
                    ..t
                })
                .collect();
            let options = ImportOptions {
                now,
                prune: true,
                ..ImportOptions::default()
            };
            import_tracks(
                &client(ClientUse::Admin),
                &table,
                &tracks,
                &options,
                &|_| {},
            )
            .await
            .unwrap()
        }
    };
    let dated = |id: &str, at: u64| Track {
        added_at: Some(at),
        ..track(id, &format!("Song {id}"), "Band")
    };
    let undated = |id: &str| track(id, &format!("Song {id}"), "Band");
    let catalog = DynamoCatalog::new(client(ClientUse::Answering), &table);
    let newest = async || {
        catalog
            .newest(10)
            .await
            .unwrap()
            .into_iter()
            .map(|t| (t.id, t.added_at.unwrap()))
            .collect::<Vec<_>>()
    };
    let stored = async |id: &str| catalog.track(id).await.unwrap().unwrap().added_at;

    let first = import(vec![undated("a"), dated("b", 500), undated("c")], 1_000).await;
    assert_eq!(first.new_tracks, 3);
    assert_eq!(
        newest().await,
        [("c".into(), 1_000), ("a".into(), 1_000), ("b".into(), 500)]
    );
    assert_eq!(stored("a").await, Some(1_000));

    // Imported again later, b's row with another date, c gone, d new,
    // and a moved after b.
    let second = import(vec![dated("b", 9_999), undated("a"), undated("d")], 2_000).await;
    assert_eq!(second.new_tracks, 1);
    assert_eq!(stored("a").await, Some(1_000), "a re-import keeps the date");
    assert_eq!(
        stored("b").await,
        Some(500),
        "the stored date wins over the row"
    );
    assert_eq!(
        newest().await,
        [("d".into(), 2_000), ("a".into(), 1_000), ("b".into(), 500)],
        "the new track first, the moved one once, the pruned one gone"
    );
    assert_eq!(catalog.newest(1).await.unwrap()[0].id, "d");

    // A row dated more than a day after the import (a typo for another
    // year) is refused before anything is written.
    let refused = import_tracks(
        &client(ClientUse::Admin),
        &table,
        &[dated("e", 2_000 + 86_401), dated("a", 1_000)],
        &ImportOptions {
            now: 2_000,
            ..ImportOptions::default()
        },
        &|_| {},
    )
    .await
    .unwrap_err()
    .to_string();
    assert!(
        refused.contains("1 row(s) carry an added_at more than a day after"),
        "{refused}"
    );
    assert!(catalog.track("e").await.unwrap().is_none());

    // An entry left behind under an older date (an import stopped at the
    // wrong moment): the track still plays once, at its newest place.
    client(ClientUse::Admin)
        .put_item()
        .table_name(&table)
        .item("pk", AttributeValue::S("new".into()))
        .item("sk", AttributeValue::S("00000000100#0000000000#d".into()))
        .item("id", AttributeValue::S("d".into()))
        .item("title", AttributeValue::S("Song d".into()))
        .item("artist", AttributeValue::S("Band".into()))
        .item(
            "url",
            AttributeValue::S("https://audio.example.com/d.mp3".into()),
        )
        .item("added_at", AttributeValue::N("100".into()))
        .send()
        .await
        .unwrap();
    assert_eq!(
        newest().await,
        [("d".into(), 2_000), ("a".into(), 1_000), ("b".into(), 500)],
    );
}

/// A table imported before tracks were dated holds no `new` item: "play
/// something new" says so honestly (and an empty table says it is empty);
/// the next import dates every track and the newest play.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_table_imported_before_dates_says_so_until_the_next_import() {
    use jukebox::store::dynamodb::import::{import_tracks, ImportOptions};
    let tracks: Vec<Track> = (0..3)
        .map(|i| Track {
            position: i,
            ..track(&format!("t{i}"), &format!("Song {i}"), "Band")
        })
        .collect();
    let (table, playback) = tables_holding(&tracks).await;
    let admin = client(ClientUse::Admin);
    // Undo the dating: the items an older import never wrote.
    let dated = admin
        .query()
        .table_name(&table)
        .key_condition_expression("pk = :pk")
        .expression_attribute_values(":pk", AttributeValue::S("new".into()))
        .send()
        .await
        .unwrap();
    assert_eq!(dated.items().len(), 3);
    for item in dated.items() {
        admin
            .delete_item()
            .table_name(&table)
            .key("pk", item["pk"].clone())
            .key("sk", item["sk"].clone())
            .send()
            .await
            .unwrap();
    }
    for id in ["t0", "t1", "t2"] {
        admin
            .update_item()
            .table_name(&table)
            .key("pk", AttributeValue::S(format!("track#{id}")))
            .key("sk", AttributeValue::S("track".into()))
            .update_expression("REMOVE added_at")
            .send()
            .await
            .unwrap();
    }
    let answering = client(ClientUse::Answering);
    let skill = skill_on(
        Arc::new(DynamoCatalog::new(answering.clone(), &table)),
        Arc::new(DynamoPlaybackStore::new(answering.clone(), &playback)),
    );
    let mut listener = Listener::new("old", "table");
    let ask = |l: &mut Listener| l.intent("PlayNewIntent", &[]);
    let response = skill.handle_json(ask(&mut listener)).await.unwrap();
    assert!(played_token(&response).is_none(), "{response}");
    assert!(
        speech(&response)
            .unwrap()
            .starts_with("I don't know yet when your music was added"),
        "{response}"
    );
    assert_eq!(response["response"]["shouldEndSession"], json!(false));

    let summary = import_tracks(&admin, &table, &tracks, &ImportOptions::default(), &|_| {})
        .await
        .unwrap();
    assert_eq!(summary.new_tracks, 3, "every undated track is dated");
    let response = skill.handle_json(ask(&mut listener)).await.unwrap();
    assert_eq!(token_track(&played_token(&response).unwrap()), "t2");

    let (empty, playback) = create_tables().await;
    let skill = skill_on(
        Arc::new(DynamoCatalog::new(answering.clone(), &empty)),
        Arc::new(DynamoPlaybackStore::new(answering, &playback)),
    );
    let response = skill.handle_json(ask(&mut listener)).await.unwrap();
    assert!(
        speech(&response)
            .unwrap()
            .starts_with("Your music library is empty"),
        "{response}"
    );
}

#[tokio::test]
async fn an_interrupted_import_loses_nothing_when_run_again() {
    let dir = tempfile::tempdir().unwrap();
    let before: Vec<Track> = (0..1500)
        .map(|i| track(&format!("t{i}"), &format!("Song Number {i}"), "Band"))
        .collect();
    let after: Vec<Track> = (0..1500)
        .map(|i| {
            track(
                &format!("t{i}"),
                &format!("Renamed Song {i}"),
                &format!("Band {}", i % 7),
            )
        })
        .collect();
    let v1 = write_catalog(&dir, "v1.jsonl", &before);
    let v2 = write_catalog(&dir, "v2.jsonl", &after);
    let (catalog, _) = create_tables().await;
    assert!(jukebox(&["catalog", "import", &v1, "--table", &catalog], &[]).0);

    // Kill the re-import part-way through, then run it again.
    let mut command = Command::new(env!("CARGO_BIN_EXE_jukebox"));
    command.args([
        "catalog",
        "import",
        &v2,
        "--table",
        &catalog,
        "--concurrency",
        "2",
    ]);
    for (name, value) in aws_env() {
        command.env(name, value);
    }
    let mut child = command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    tokio::time::sleep(Duration::from_millis(700)).await;
    let interrupted = child.try_wait().unwrap().is_none();
    assert!(
        interrupted,
        "the import finished before it could be interrupted"
    );
    child.kill().ok();
    child.wait().unwrap();
    assert!(jukebox(&["catalog", "import", &v2, "--table", &catalog], &[]).0);

    let (fresh, _) = create_tables().await;
    assert!(jukebox(&["catalog", "import", &v2, "--table", &fresh], &[]).0);
    assert_eq!(table_contents(&catalog).await, table_contents(&fresh).await);
}

#[tokio::test]
async fn a_search_costs_the_same_requests_at_any_catalog_size() {
    let small: Vec<Track> = (0..200)
        .map(|i| {
            track(
                &format!("s{i}"),
                &format!("Tune {i}"),
                &format!("Artist {}", i % 20),
            )
        })
        .collect();
    let mut large: Vec<Track> = (0..3000)
        .map(|i| {
            track(
                &format!("l{i}"),
                &format!("Tune {i}"),
                &format!("Artist {}", i % 300),
            )
        })
        .collect();
    large[42] = track("l42", "Tune 42", "Artist 2");
    let (small_catalog, _) = dynamodb_tables(&small).await;
    let (large_catalog, _) = dynamodb_tables(&large).await;
    for (song, artist) in [
        (Some("tune 42"), Some("artist 2")),
        (Some("tune 42"), None),
        (None, Some("artist 2")),
    ] {
        let query = SpokenQuery::new(song, artist);
        let before = (small_catalog.requests_made(), large_catalog.requests_made());
        let a = matching::find(&small_catalog, &query).await.unwrap();
        let b = matching::find(&large_catalog, &query).await.unwrap();
        assert!(
            !matches!(a, Found::NotFound { .. }) && !matches!(b, Found::NotFound { .. }),
            "{query:?}"
        );
        let spent = (
            small_catalog.requests_made() - before.0,
            large_catalog.requests_made() - before.1,
        );
        assert_eq!(
            spent.0, spent.1,
            "requests for {query:?} at 200 vs 3000 tracks"
        );
        assert!(spent.0 <= 8, "{query:?} cost {} requests", spent.0);
    }
}

#[tokio::test]
async fn racing_writers_cannot_both_win() {
    let (_, playback) = create_tables().await;
    let store = DynamoPlaybackStore::new(client(ClientUse::Answering), &playback);
    let key = ListenerKey {
        user_id: "amzn1.ask.account.race".into(),
        device_id: "amzn1.ask.device.race".into(),
    };
    let queued = QueuedTrack {
        id: "a".into(),
        title: "A".into(),
        artist: "B".into(),
        url: "https://e.example/a".into(),
        image_url: None,
        live: false,
    };
    let state = PlaybackState::new_queue(vec![queued], 1);
    assert_eq!(store.save(&key, &state, None).await.unwrap(), 1);
    assert!(matches!(
        store.save(&key, &state, None).await,
        Err(SaveError::Conflict)
    ));
    let mut first = state.clone();
    first.offset_ms = 1000;
    let mut second = state.clone();
    second.loop_on = true;
    let (a, b) = tokio::join!(
        store.save(&key, &first, Some(1)),
        store.save(&key, &second, Some(1))
    );
    assert!(
        a.is_ok() ^ b.is_ok(),
        "exactly one of two writers on version 1 wins: {a:?} {b:?}"
    );
    let stored = store.load(&key).await.unwrap().unwrap();
    assert_eq!(stored.version, 2);
    assert!(stored.state == first || stored.state == second);
    let item = client(ClientUse::Admin)
        .get_item()
        .table_name(&playback)
        .key("pk", AttributeValue::S(key.storage_key()))
        .send()
        .await
        .unwrap();
    let expires: u64 = item.item().unwrap()["expires_at"]
        .as_n()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        expires > jukebox::playback::now_secs() + 86_400,
        "state expires in the future, by TTL"
    );
}

/// A PlayMusicIntent and a player event against a broken DynamoDB: a short
/// apology and an empty response, in well under Alexa's 8 s.
async fn answers_despite(endpoint: &str) {
    let listener = client_at(endpoint, ClientUse::Answering);
    let skill = skill_on(
        Arc::new(DynamoCatalog::new(listener.clone(), "catalog")),
        Arc::new(DynamoPlaybackStore::new(listener, "playback")),
    );
    let started = Instant::now();
    let response = skill
        .handle_json(event("play-music-song-and-artist.json"))
        .await
        .unwrap();
    let took = started.elapsed();
    assert_eq!(
        speech(&response).unwrap(),
        "Sorry, something went wrong on my side. Please try again in a moment."
    );
    assert_eq!(response["response"]["shouldEndSession"], true);
    assert!(took < Duration::from_secs(6), "took {took:?}");
    let started = Instant::now();
    let event_response: Value = skill
        .handle_json(event("playback-nearly-finished.json"))
        .await
        .unwrap();
    assert_eq!(event_response, json!({"version": "1.0", "response": {}}));
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn an_unreachable_dynamodb_gets_an_apology_in_time() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    answers_despite(&format!("http://127.0.0.1:{port}")).await;
}

#[tokio::test]
async fn a_stalling_dynamodb_gets_an_apology_in_time() {
    let endpoint = crate::support::stalling_endpoint().await;
    answers_despite(&endpoint).await;
}

#[tokio::test]
async fn invoke_and_the_lambda_config_use_dynamodb_from_the_environment() {
    let (catalog, playback) = create_tables().await;
    let dir = tempfile::tempdir().unwrap();
    let file = write_catalog(
        &dir,
        "one.jsonl",
        &[track("only", "Only Song", "Solo Artist")],
    );
    assert!(jukebox(&["catalog", "import", &file, "--table", &catalog], &[]).0);
    let mut listener = Listener::new("env", "echo");
    let envelope = listener.play(Some("only song"), None);
    let path = dir.path().join("play.json");
    std::fs::write(&path, envelope.to_string()).unwrap();
    let env = [
        ("CATALOG_TABLE", catalog.clone()),
        ("PLAYBACK_TABLE", playback.clone()),
    ];
    let (ok, out, err) = jukebox(&["invoke", "--dynamodb", &path.display().to_string()], &env);
    assert!(ok, "{err}");
    let response: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(
        play_directive(&response).unwrap()["audioItem"]["stream"]["url"],
        "https://audio.example.com/only.mp3"
    );
    // A song asked for writes nothing; the device's PlaybackStarted stores
    // the queue its token carries in the playback table (beside the play's
    // count for `report plays`).
    let queues = async || {
        client(ClientUse::Admin)
            .scan()
            .table_name(&playback)
            .send()
            .await
            .unwrap()
            .items()
            .iter()
            .filter(|item| {
                item.get("pk")
                    .and_then(|pk| pk.as_s().ok())
                    .is_some_and(|pk| !pk.starts_with("insights|"))
            })
            .count()
    };
    assert_eq!(queues().await, 0);
    let token = played_token(&response).unwrap();
    let started = listener.player_event("PlaybackStarted", &token, 0);
    let started_path = dir.path().join("started.json");
    std::fs::write(&started_path, started.to_string()).unwrap();
    let (ok, out, err) = jukebox(
        &["invoke", "--dynamodb", &started_path.display().to_string()],
        &env,
    );
    assert!(ok, "{err}");
    let answer: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(
        answer,
        serde_json::json!({"version": "1.0", "response": {}})
    );
    assert_eq!(queues().await, 1);
    let (ok, _, err) = jukebox(
        &["invoke", "--dynamodb", &path.display().to_string()],
        &[("CATALOG_TABLE", catalog)],
    );
    assert!(!ok);
    assert!(
        err.contains("CATALOG_TABLE is set but PLAYBACK_TABLE is not"),
        "{err}"
    );
}

/// A loopback port nothing listens on: connecting is refused at once, as
/// during a CDN or DNS outage.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

fn rows_on(port: u16, ids: &[&str]) -> String {
    ids.iter()
        .map(|id| {
            json!({"id": id, "title": format!("Song {id}"), "artist": "Band",
                   "url": format!("https://localhost:{port}/{id}.mp3")})
            .to_string()
                + "\n"
        })
        .collect()
}

/// An outage during `--probe --skip-invalid --prune` skips every row; that
/// must not prune every track and exit 0: the import refuses, and even
/// when told to prune anyway, keeps the tracks whose rows were skipped.
#[tokio::test]
async fn an_outage_during_a_probed_import_loses_no_track() {
    let (catalog, _) = create_tables().await;
    let dir = tempfile::tempdir().unwrap();
    let port = closed_port();
    let port_text = port.to_string();
    let path = dir.path().join("catalog.jsonl");
    std::fs::write(&path, rows_on(port, &["a", "b", "c"])).unwrap();
    let file = path.display().to_string();
    let base = [
        "catalog",
        "import",
        &file,
        "--table",
        &catalog,
        "--stream-port",
        &port_text,
    ];
    let (ok, _, err) = jukebox(&base, &[]);
    assert!(ok, "{err}");
    let before = table_contents(&catalog).await;
    assert!(!before.is_empty());

    let probed = |extra: &[&str]| {
        let mut args = base.to_vec();
        args.extend(["--probe", "--timeout", "2", "--skip-invalid", "--prune"]);
        args.extend(extra);
        jukebox_status(&args, &[])
    };
    let (code, _, err) = probed(&[]);
    assert_ne!(code, Some(0));
    assert!(
        err.contains("--prune with 3 skipped row(s)") && err.contains("nothing was imported"),
        "{err}"
    );
    assert!(err.contains("skipped a (host out of reach"), "{err}");
    assert_eq!(table_contents(&catalog).await, before, "nothing deleted");

    // Even when told to prune anyway, tracks whose rows were skipped stay.
    let (code, out, err) = probed(&["--prune-even-if-skipped"]);
    assert_eq!(code, Some(2), "{out}{err}");
    assert!(out.contains("0 tracks pruned"), "{out}");
    assert!(
        out.contains("skipped 3 row(s) (3 with a host out of reach)"),
        "{out}"
    );
    assert_eq!(table_contents(&catalog).await, before, "nothing deleted");

    // Without --skip-invalid the outage refuses the file and says why.
    let mut args = base.to_vec();
    args.extend(["--probe", "--timeout", "2"]);
    let (code, _, err) = jukebox_status(&args, &[]);
    assert_ne!(code, Some(0));
    assert!(
        err.contains("3 of them could not be reached at all"),
        "{err}"
    );
}

#[tokio::test]
async fn prune_never_empties_the_table_unless_told_and_never_follows_refused_rows() {
    let (catalog, _) = create_tables().await;
    let dir = tempfile::tempdir().unwrap();
    let good = write_catalog(
        &dir,
        "good.jsonl",
        &[track("a", "Alpha", "Band"), track("b", "Bravo", "Band")],
    );
    assert!(jukebox(&["catalog", "import", &good, "--table", &catalog], &[]).0);
    let before = table_contents(&catalog).await;

    // A CSV with only its header row.
    let header_only = dir.path().join("empty.csv");
    std::fs::write(&header_only, "id,title,artist,url\n").unwrap();
    let header_only = header_only.display().to_string();
    let (code, _, err) = jukebox_status(
        &[
            "catalog",
            "import",
            &header_only,
            "--table",
            &catalog,
            "--prune",
        ],
        &[],
    );
    assert_ne!(code, Some(0));
    assert!(
        err.contains("pruning would leave the table with no track (2 track(s) in it"),
        "{err}"
    );
    assert_eq!(
        table_contents(&catalog).await,
        before,
        "refused before writing"
    );

    // A file whose every row is refused, skipped, with --prune.
    let refused = dir.path().join("refused.jsonl");
    std::fs::write(
        &refused,
        "{\"id\":\"a\",\"title\":\"Alpha\",\"artist\":\"Band\",\"url\":\"http://e.example/a.mp3\"}\nnot json\n",
    )
    .unwrap();
    let refused = refused.display().to_string();
    let (code, _, err) = jukebox_status(
        &[
            "catalog",
            "import",
            &refused,
            "--table",
            &catalog,
            "--skip-invalid",
            "--prune",
        ],
        &[],
    );
    assert_ne!(code, Some(0));
    assert!(err.contains("--prune with 2 skipped row(s)"), "{err}");
    assert_eq!(table_contents(&catalog).await, before);

    // Said explicitly, an empty file empties the table.
    let (code, out, err) = jukebox_status(
        &[
            "catalog",
            "import",
            &header_only,
            "--table",
            &catalog,
            "--prune",
            "--allow-empty",
        ],
        &[],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("2 tracks pruned"), "{out}");
    assert!(table_contents(&catalog).await.is_empty());
}

/// A genre's tracks are numbered 0, 1, 2… in catalog order with
/// no gap (what a shuffle indexes), and stay so when a re-import moves a
/// track to another genre: its old rank item is deleted, the others are
/// renumbered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn genre_ranks_stay_dense_across_reimports() {
    use jukebox::matching::genre_key_of;
    let tagged = |id: &str, genre: &str, position: u32| Track {
        genres: vec![genre.to_string()],
        position,
        ..track(id, &format!("Song {id}"), "Artist")
    };
    let (catalog_table, _) = create_tables().await;
    let import = |tracks: Vec<Track>| {
        let table = catalog_table.clone();
        async move {
            jukebox::store::dynamodb::import::import_tracks(
                &client(ClientUse::Admin),
                &table,
                &tracks,
                &jukebox::store::dynamodb::import::ImportOptions::default(),
                &|_| {},
            )
            .await
            .unwrap()
        }
    };
    let catalog = DynamoCatalog::new(client(ClientUse::Answering), &catalog_table);
    let rock = genre_key_of("Rock").unwrap();
    let jazz = genre_key_of("Jazz").unwrap();
    let placed = |found: Vec<Track>| {
        found
            .into_iter()
            .map(|t| (t.id, t.position))
            .collect::<Vec<_>>()
    };

    import(vec![
        tagged("a", "Rock", 0),
        tagged("b", "Rock", 1),
        tagged("c", "Rock", 2),
    ])
    .await;
    assert_eq!(
        placed(catalog.tracks_from(&rock, 0, 10).await.unwrap()),
        [("a".into(), 0), ("b".into(), 1), ("c".into(), 2)]
    );

    let summary = import(vec![
        tagged("a", "Rock", 0),
        tagged("b", "Jazz", 1),
        tagged("c", "Rock", 2),
    ])
    .await;
    assert_eq!(
        placed(catalog.tracks_from(&rock, 0, 10).await.unwrap()),
        [("a".into(), 0), ("c".into(), 1)],
        "renumbered without a gap"
    );
    assert_eq!(catalog.last(&rock).await.unwrap().unwrap().position, 1);
    assert_eq!(
        placed(catalog.tracks_from(&jazz, 0, 10).await.unwrap()),
        [("b".into(), 0)]
    );
    // b's Rock rank and c's old rank (2) went; the other stale items are
    // the words and sound keys that changed with nothing else.
    assert!(summary.stale_search_items_removed >= 2, "{summary:?}");
}

/// Favourites and the allow-list come back from a restored or retained
/// table: every item is copied across pages and batches, an item with the
/// same key is replaced, the destination's other items stay.
#[tokio::test]
async fn tables_copy_brings_every_item_back_into_the_stacks_table() {
    let catalog = unique_name("copy-catalog");
    let restored = unique_name("copy-restored");
    let env = [
        ("CATALOG_TABLE", catalog.clone()),
        ("PLAYBACK_TABLE", restored.clone()),
    ];
    let (ok, _, err) = jukebox(&["tables", "create"], &env);
    assert!(ok, "{err}");
    let current = unique_name("copy-current");
    tables::ensure_table(
        &client(ClientUse::Admin),
        &current,
        &tables::playback_spec(),
    )
    .await
    .unwrap();

    // 70 items of 20 kB: more than one 1 MB scan page, three batches.
    let admin = client(ClientUse::Admin);
    let filler = "x".repeat(20_000);
    for n in 0..70 {
        admin
            .put_item()
            .table_name(&restored)
            .item("pk", AttributeValue::S(format!("fav|person|p{n}")))
            .item("tracks", AttributeValue::Ss(vec![format!("t{n}")]))
            .item("pad", AttributeValue::S(filler.clone()))
            .send()
            .await
            .unwrap();
    }
    for (pk, value) in [("fav|person|p3", "stale"), ("only-in-current", "kept")] {
        admin
            .put_item()
            .table_name(&current)
            .item("pk", AttributeValue::S(pk.into()))
            .item("note", AttributeValue::S(value.into()))
            .send()
            .await
            .unwrap();
    }

    let (ok, out, err) = jukebox(
        &["tables", "copy", "--from", &restored, "--to", &current],
        &[],
    );
    assert!(ok, "{err}");
    assert_eq!(
        out,
        format!("copied 70 items from {restored} to {current}\n")
    );
    let mut expected = table_contents(&restored).await;
    let after = table_contents(&current).await;
    assert_eq!(after.len(), 71);
    let kept: Vec<&String> = after
        .iter()
        .filter(|item| item.contains("only-in-current"))
        .collect();
    assert_eq!(kept.len(), 1);
    expected.push(kept[0].clone());
    expected.sort();
    assert_eq!(
        after, expected,
        "the stale item was replaced, the rest copied"
    );

    let (code, _, err) = jukebox_status(
        &["tables", "copy", "--from", &current, "--to", &current],
        &[],
    );
    assert_ne!(code, Some(0));
    assert!(err.contains("name the same table"), "{err}");
    let (code, _, err) = jukebox_status(
        &[
            "tables",
            "copy",
            "--from",
            "no-such-table",
            "--to",
            &current,
        ],
        &[],
    );
    assert_ne!(code, Some(0));
    assert!(err.contains("cannot read table no-such-table"), "{err}");
}
