//! The owner's playlists, by voice, on both stores, and through
//! the command line (M3U files checked and imported, a bad entry named with
//! its file and line).

use std::sync::Arc;

use jukebox::catalog::{Playlist, Track};
use jukebox::skill::Skill;
use jukebox::store::dynamodb::import::ImportOptions;
use jukebox::store::dynamodb::playlists::import_playlists;
use jukebox::store::dynamodb::{ClientUse, DynamoCatalog, DynamoPlaybackStore};
use jukebox::store::memory::{MemoryCatalog, MemoryPlaybackStore};
use serde_json::Value;

use crate::dynamodb::jukebox_status;
use crate::support::dynamodb::{client, tables_holding};
use crate::support::*;

/// Thirty tracks by three artists, so a playlist order is never catalog order.
fn catalog() -> Vec<Track> {
    (0..30)
        .map(|i| Track {
            id: format!("t{i:02}"),
            title: format!("Song Number {}", number_word(i)),
            artist: ["Ada Lane", "The Tidewater", "Mira Sol"][i % 3].to_string(),
            url: format!("https://audio.example.com/t{i:02}.mp3"),
            duration_ms: Some(180_000),
            ..Default::default()
        })
        .collect()
}

fn number_word(i: usize) -> String {
    const WORDS: [&str; 10] = [
        "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine",
    ];
    format!("{} {}", WORDS[i / 10], WORDS[i % 10])
}

fn playlists() -> Vec<Playlist> {
    vec![
        Playlist {
            name: "Road-Trip".into(),
            track_ids: vec!["t17".into(), "t03".into(), "t25".into()],
        },
        // Longer than the first page: the queue reads on as it plays.
        Playlist {
            name: "Long Drive".into(),
            track_ids: (0..25).rev().map(|i| format!("t{i:02}")).collect(),
        },
        // Longer than a queue holds at once (MAX_QUEUE): it drops what
        // played long ago, and loop on reads the next lap.
        Playlist {
            name: "Marathon".into(),
            track_ids: (0..130).map(|i| format!("t{:02}", (i * 7) % 30)).collect(),
        },
    ]
}

fn embedded() -> Skill {
    skill_on(
        Arc::new(MemoryCatalog::new(catalog()).with_playlists(&playlists())),
        Arc::new(MemoryPlaybackStore::new()),
    )
}

async fn on_dynamodb() -> Skill {
    let tracks = catalog();
    let (catalog_table, playback_table) = tables_holding(&tracks).await;
    import_playlists(
        &client(ClientUse::Admin),
        &catalog_table,
        &playlists(),
        &tracks,
        &ImportOptions::default(),
        &|_| {},
    )
    .await
    .unwrap();
    let listener = client(ClientUse::Answering);
    skill_on(
        Arc::new(DynamoCatalog::new(listener.clone(), &catalog_table)),
        Arc::new(DynamoPlaybackStore::new(listener, &playback_table)),
    )
}

async fn ask(skill: &Skill, listener: &mut Listener, envelope: Value) -> Value {
    let kind = envelope["request"]["type"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let response = skill.handle_json(envelope).await.expect("answered");
    assert_rules_for(&kind, &response);
    listener.apply(&response);
    response
}

/// Plays through the queue the device's way (started, nearly finished and
/// its ENQUEUE, finished): the tracks in the order they played.
async fn play_through(skill: &Skill, listener: &mut Listener, first: String) -> Vec<String> {
    play_on(skill, listener, first, 200).await
}

/// [`play_through`], at most `steps` tracks after the first.
async fn play_on(
    skill: &Skill,
    listener: &mut Listener,
    first: String,
    steps: usize,
) -> Vec<String> {
    play_on_enqueued(skill, listener, first, None, steps).await
}

/// The token a response's Play directive streams.
fn streamed(response: &Value) -> Option<String> {
    play_directive(response).map(|play| {
        play["audioItem"]["stream"]["token"]
            .as_str()
            .unwrap()
            .to_string()
    })
}

/// [`play_on`], with `pending` already enqueued after the first track (by
/// the answer to a voice request): the first NearlyFinished then enqueues
/// nothing more.
async fn play_on_enqueued(
    skill: &Skill,
    listener: &mut Listener,
    first: String,
    mut pending: Option<String>,
    steps: usize,
) -> Vec<String> {
    let mut token = first;
    let mut played = vec![token_track(&token)];
    for _ in 0..steps {
        let started = listener.player_event("PlaybackStarted", &token, 0);
        ask(skill, listener, started).await;
        let nearly = listener.player_event("PlaybackNearlyFinished", &token, 170_000);
        let response = ask(skill, listener, nearly).await;
        let next = match pending.take() {
            Some(already) => {
                assert_eq!(streamed(&response), None, "enqueued twice");
                Some(already)
            }
            None => streamed(&response),
        };
        let Some(next) = next else {
            break;
        };
        let finished = listener.player_event("PlaybackFinished", &token, 180_000);
        ask(skill, listener, finished).await;
        token = next;
        played.push(token_track(&token));
    }
    played
}

async fn playlists_by_voice(skill: Skill) {
    let mut listener = Listener::new("pat", "car");
    let play = |l: &mut Listener, name: &str| {
        l.intent("PlayPlaylistIntent", &[("playlistName", Some(name))])
    };

    // Heard as speech recognition writes it: spaces for the hyphen, the
    // word "play list" inside the slot.
    let response = {
        let envelope = play(&mut listener, "road trip play list");
        ask(&skill, &mut listener, envelope).await
    };
    assert_eq!(
        speech(&response).unwrap(),
        "Playing the playlist Road-Trip."
    );
    let first = played_token(&response).expect("a Play directive");
    assert_eq!(
        play_through(&skill, &mut listener, first).await,
        ["t17", "t03", "t25"],
        "the owner's order, then the end"
    );

    let response = {
        let envelope = play(&mut listener, "long drive");
        ask(&skill, &mut listener, envelope).await
    };
    let first = played_token(&response).expect("a Play directive");
    let expected: Vec<String> = (0..25).rev().map(|i| format!("t{i:02}")).collect();
    assert_eq!(play_through(&skill, &mut listener, first).await, expected);

    let response = {
        let envelope = play(&mut listener, "marathon");
        ask(&skill, &mut listener, envelope).await
    };
    let first = played_token(&response).expect("a Play directive");
    let marathon: Vec<String> = (0..130).map(|i| format!("t{:02}", (i * 7) % 30)).collect();
    assert_eq!(
        play_through(&skill, &mut listener, first).await,
        marathon,
        "all 130, past what a queue holds at once"
    );
    let response = {
        let envelope = play(&mut listener, "marathon");
        ask(&skill, &mut listener, envelope).await
    };
    let loop_on = listener.intent("AMAZON.LoopOnIntent", &[]);
    let on = ask(&skill, &mut listener, loop_on).await;
    // Nothing was enqueued yet: loop on enqueues the next track at once.
    let pending = streamed(&on);
    assert!(pending.is_some(), "{on}");
    let first = played_token(&response).expect("a Play directive");
    let two_laps = play_on_enqueued(&skill, &mut listener, first, pending, 139).await;
    assert_eq!(two_laps[..130], marathon[..], "the first lap");
    assert_eq!(
        two_laps[130..],
        marathon[..10],
        "loop on: the second lap begins"
    );

    // A playlist named in the song slot plays, after titles and artists miss.
    let response = {
        let envelope = listener.play(Some("road trip"), None);
        ask(&skill, &mut listener, envelope).await
    };
    assert_eq!(
        speech(&response).unwrap(),
        "Playing the playlist Road-Trip."
    );
    assert_eq!(token_track(&played_token(&response).unwrap()), "t17");

    // Heard wrong: a vowel off sounds the same, close enough to play...
    let response = {
        let envelope = play(&mut listener, "marathin");
        ask(&skill, &mut listener, envelope).await
    };
    assert_eq!(speech(&response).unwrap(), "Playing the playlist Marathon.");
    // ...a word off is only close enough to offer, and "yes" plays the offer.
    let offer = {
        let envelope = play(&mut listener, "long trip");
        ask(&skill, &mut listener, envelope).await
    };
    assert!(play_directive(&offer).is_none());
    assert_eq!(
        speech(&offer).unwrap(),
        "I couldn't find a playlist called long trip. Did you mean the playlist Long Drive?",
        "{offer}"
    );
    listener.attributes = offer["sessionAttributes"].clone().into();
    let yes = listener.intent("AMAZON.YesIntent", &[]);
    let response = ask(&skill, &mut listener, yes).await;
    assert_eq!(
        speech(&response).unwrap(),
        "Playing the playlist Long Drive."
    );
    assert_eq!(token_track(&played_token(&response).unwrap()), "t24");

    let missing = {
        let envelope = play(&mut listener, "polka party");
        ask(&skill, &mut listener, envelope).await
    };
    assert!(play_directive(&missing).is_none());
    assert_eq!(
        speech(&missing).unwrap(),
        "I couldn't find a playlist called polka party. What would you like to hear?"
    );
}

#[tokio::test]
async fn playlists_by_voice_in_memory() {
    playlists_by_voice(embedded()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn playlists_by_voice_on_dynamodb() {
    playlists_by_voice(on_dynamodb().await).await;
}

/// `catalog check` and `catalog import --playlists`: an M3U entry that
/// names no track is reported with its file and line and refuses the
/// import; `--skip-invalid` imports the rest (status 2); the imported
/// playlist then plays from DynamoDB through `jukebox invoke --dynamodb`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn m3u_playlists_checked_imported_and_played() {
    let dir = tempfile::tempdir().unwrap();
    let catalog_file = write_catalog(dir.path());
    let lists = dir.path().join("playlists");
    std::fs::create_dir(&lists).unwrap();
    std::fs::write(
        lists.join("road-trip.m3u8"),
        "#EXTM3U\n#PLAYLIST:Road Trip\n#EXTINF:180,Ada Lane - Song\nhttps://audio.example.com/t17.mp3\n\
         t03\nhttps://audio.example.com/missing.mp3\n",
    )
    .unwrap();
    let catalog_path = catalog_file.to_str().unwrap();
    let lists_path = lists.to_str().unwrap();

    let (code, out, _) = jukebox_status(
        &["catalog", "check", catalog_path, "--playlists", lists_path],
        &[],
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("road-trip.m3u8") && out.contains("line 6") && out.contains("missing.mp3"),
        "the bad entry with its file and line: {out}"
    );

    let (catalog_table, playback_table) = tables_holding(&[]).await;
    let import = |extra: &[&str]| {
        let mut args = vec![
            "catalog",
            "import",
            catalog_path,
            "--table",
            catalog_table.as_str(),
            "--playlists",
            lists_path,
        ];
        args.extend_from_slice(extra);
        jukebox_status(&args, &[])
    };
    let (code, _, err) = import(&[]);
    assert_eq!(code, Some(1), "refused: {err}");
    assert!(
        err.contains("missing.mp3") && err.contains("nothing was imported"),
        "{err}"
    );
    let (code, out, err) = import(&["--skip-invalid"]);
    assert_eq!(code, Some(2), "a partial import: {out}{err}");
    assert!(out.contains("imported 1 playlist(s) (2 entries)"), "{out}");

    let envelope = Listener::new("pat", "car")
        .intent("PlayPlaylistIntent", &[("playlistName", Some("road trip"))]);
    let events = dir.path().join("play.json");
    std::fs::write(&events, envelope.to_string()).unwrap();
    let (code, out, err) = jukebox_status(
        &["invoke", "--dynamodb", events.to_str().unwrap()],
        &[
            ("CATALOG_TABLE", catalog_table.clone()),
            ("PLAYBACK_TABLE", playback_table.clone()),
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let response: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(
        speech(&response).unwrap(),
        "Playing the playlist Road Trip."
    );
    assert_eq!(token_track(&played_token(&response).unwrap()), "t17");
}

/// Re-importing a changed playlist removes the entries it no longer has;
/// `--prune` removes the playlists the import no longer defines, and
/// nothing else; two names Alexa hears alike are refused before writing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reimport_and_prune_keep_playlists_exact() {
    use jukebox::catalog::Catalog;
    use jukebox::matching::playlist_key;
    let tracks = catalog();
    let (table, _) = tables_holding(&tracks).await;
    let admin = client(ClientUse::Admin);
    let import = |lists: Vec<Playlist>, prune: bool| {
        let admin = admin.clone();
        let table = table.clone();
        let tracks = tracks.clone();
        async move {
            let options = ImportOptions {
                prune,
                ..ImportOptions::default()
            };
            import_playlists(&admin, &table, &lists, &tracks, &options, &|_| {}).await
        }
    };
    import(playlists(), false).await.unwrap();
    let shorter = Playlist {
        name: "Road Trip".into(),
        track_ids: vec!["t03".into()],
    };
    let summary = import(vec![shorter], true).await.unwrap();
    // Its three old entries sat at other places (t03 was second): all stale;
    // Long Drive and Marathon are no longer defined.
    assert_eq!(
        (summary.stale_entries_removed, summary.pruned_playlists),
        (3, 2),
        "{summary:?}"
    );
    let catalog = DynamoCatalog::new(client(ClientUse::Answering), &table);
    let ids = |found: Vec<Track>| found.into_iter().map(|t| t.id).collect::<Vec<_>>();
    let road = playlist_key("road trip").unwrap();
    assert_eq!(
        ids(catalog.tracks_from(&road, 0, 100).await.unwrap()),
        ["t03"]
    );
    let long = playlist_key("long drive").unwrap();
    assert!(catalog.tracks_from(&long, 0, 100).await.unwrap().is_empty());
    // The tracks themselves are untouched.
    let last = catalog.last("all").await.unwrap().unwrap();
    assert_eq!(last.position, 29);

    let alike = vec![
        Playlist {
            name: "Road Trip".into(),
            track_ids: vec!["t01".into()],
        },
        Playlist {
            name: "road-trip!".into(),
            track_ids: vec!["t02".into()],
        },
    ];
    let err = import(alike, false).await.unwrap_err();
    assert!(err.to_string().contains("sound the same"), "{err}");
    assert_eq!(
        ids(catalog.tracks_from(&road, 0, 100).await.unwrap()),
        ["t03"]
    );
}

/// `jukebox` without DynamoDB: the command's status, output and errors.
fn jukebox_offline(args: &[&str]) -> (Option<i32>, String, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_jukebox"))
        .args(args)
        .env("RUST_LOG", "off")
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).to_string(),
        String::from_utf8_lossy(&output.stderr).to_string(),
    )
}

/// The test catalog as a JSON Lines file in `dir`.
fn write_catalog(dir: &std::path::Path) -> std::path::PathBuf {
    let catalog_file = dir.join("catalog.jsonl");
    let rows: Vec<String> = catalog()
        .iter()
        .map(|t| {
            serde_json::json!({"id": t.id, "title": t.title, "artist": t.artist, "url": t.url})
                .to_string()
        })
        .collect();
    std::fs::write(&catalog_file, rows.join("\n") + "\n").unwrap();
    catalog_file
}

/// A folder of playlists as owners' players write them, good and hostile:
/// names Alexa hears alike (the same playlist key), UTF-16 and CR-only files, a file that is not
/// text, an entry of megabytes. Each problem is named; the rest is read.
#[test]
fn a_folder_of_hostile_playlists_is_reported_file_by_file() {
    let dir = tempfile::tempdir().unwrap();
    let catalog_file = write_catalog(dir.path());
    let lists = dir.path().join("playlists");
    std::fs::create_dir(&lists).unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(lists.join(name), bytes).unwrap();
    for (i, name) in [
        "Road Trip",
        "Road-Trip",
        "road trip!",
        "Röad Trip",
        "R.O.A.D. Trip",
    ]
    .iter()
    .enumerate()
    {
        write(
            &format!("a{i}.m3u8"),
            format!("#PLAYLIST:{name}\nt0{i}\n").as_bytes(),
        );
    }
    let mut utf16 = vec![0xff, 0xfe];
    for unit in "#PLAYLIST:Sixteen\r\nt10\r\nt11\r\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    write("b-utf16.m3u", &utf16);
    write("c-cr.m3u", b"#PLAYLIST:Carriage\rt12\rt13\rt14\r");
    write("d-broken.m3u8", b"#PLAYLIST:Broken\nt15\xff\n");
    let long = format!("https://audio.example.com/{}.mp3", "x".repeat(10_000_000));
    write(
        "e-long.m3u8",
        format!("#PLAYLIST:Long\n{long}\nt16\n").as_bytes(),
    );

    let catalog_path = catalog_file.to_str().unwrap();
    let lists_path = lists.to_str().unwrap();
    let (code, out, err) =
        jukebox_offline(&["catalog", "check", catalog_path, "--playlists", lists_path]);
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(out.len() < 10_000, "{} bytes of output", out.len());
    for said in [
        "a1.m3u8: playlist \"Road-Trip\": sounds the same to Alexa as the playlist \"Road Trip\" defined in",
        "a2.m3u8: playlist \"road trip!\": sounds the same",
        "a3.m3u8: playlist \"Röad Trip\": sounds the same",
        "d-broken.m3u8: playlist \"d-broken\": cannot read playlist file",
        "e-long.m3u8 line 2: playlist \"Long\"",
        "characters)\" names no catalog track",
        "5 playlists (8 entries)",
    ] {
        assert!(out.contains(said), "{said}: {out}");
    }
    let (code, json, _) = jukebox_offline(&[
        "catalog",
        "check",
        catalog_path,
        "--playlists",
        lists_path,
        "--json",
    ]);
    assert_eq!(code, Some(1));
    assert!(json.len() < 20_000, "{} bytes of JSON", json.len());
    let report: Value = serde_json::from_str(&json).unwrap();
    // Road Trip, R.O.A.D. Trip (spelled out, it sounds apart), Sixteen,
    // Carriage, Long.
    assert_eq!(report["playlists"], 5);
    assert!(!json.contains("\"R.O.A.D. Trip\""), "{json}");
}
