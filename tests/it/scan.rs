//! `jukebox catalog scan` on a folder of real tagged files
//! (MP3 frames with ID3v2 tags, and M4A files built box by box with an
//! `ilst`, both tagged by the tag library at test time):
//! the rows it writes, stable ids, cover art, files without tags, files an
//! Echo cannot play, M3U playlists, and that the output passes `catalog
//! check`, imports from standard input and plays.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use jukebox::probe::sniff::mp3_frames;
use lofty::config::WriteOptions;
use lofty::prelude::*;
use lofty::tag::{ItemKey, Tag, TagType};
use serde_json::{json, Value};

use crate::support::m4a::{layout, m4a, tagged_m4a, M4aTags, SAMPLE_RATE};
use crate::support::Listener;

/// The M4A of [`library`] (its `moov` before the `mdat`, as after a "fast
/// start" pass): a title, a folder and an album that are not ASCII.
const LJOSID: M4aTags<'static> = M4aTags {
    title: "Ljósið",
    artist: "Ólafur Arnalds",
    album: "…And They Have Escaped the Weight of Darkness",
    track: (3, 12),
    year: 2010,
};
const LJOSID_PATH: &str =
    "Ólafur Arnalds/…And They Have Escaped the Weight of Darkness/03 Ljósið.m4a";
const LJOSID_MS: u64 = 7_000;

/// An MP3 of a few seconds at `path`, with these ID3v2 frames (none: no
/// tag); a track or disc number "N/M" is written as ID3 writes it (TRCK
/// "N/M", from number and total).
fn mp3(path: &Path, tags: &[(ItemKey, &str)]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, mp3_frames(128, 200)).unwrap();
    if tags.is_empty() {
        return;
    }
    let mut tag = Tag::new(TagType::Id3v2);
    for (key, value) in tags {
        let split = value
            .split_once('/')
            .map(|(n, of)| (n.parse().unwrap(), of.parse().unwrap()));
        match (key, split) {
            (ItemKey::TrackNumber, Some((n, of))) => {
                tag.set_track(n);
                tag.set_track_total(of);
            }
            (ItemKey::DiscNumber, Some((n, of))) => {
                tag.set_disk(n);
                tag.set_disk_total(of);
            }
            _ => {
                tag.insert_text(*key, value.to_string());
            }
        }
    }
    tag.save_to_path(path, WriteOptions::default()).unwrap();
}

fn library(root: &Path) {
    mp3(
        &root.join("Queen/A Night at the Opera/11 Bohemian Rhapsody.mp3"),
        &[
            (ItemKey::TrackTitle, "Bohemian Rhapsody"),
            (ItemKey::TrackArtist, "Queen"),
            (ItemKey::AlbumTitle, "A Night at the Opera"),
            (ItemKey::TrackNumber, "11/12"),
            (ItemKey::RecordingDate, "1975-10-31"),
            (ItemKey::Genre, "Rock"),
        ],
    );
    mp3(
        &root.join("Sigur Rós/Takk…/03 Hoppípolla.mp3"),
        &[
            (ItemKey::TrackTitle, "Hoppípolla"),
            (ItemKey::TrackArtist, "Sigur Rós"),
            (ItemKey::AlbumTitle, "Takk…"),
            (ItemKey::TrackNumber, "3/11"),
            (ItemKey::DiscNumber, "1/1"),
            (ItemKey::RecordingDate, "2005-09-12"),
            (ItemKey::Genre, "Post-Rock;Ambient"),
        ],
    );
    std::fs::write(
        root.join("Sigur Rós/Takk…/cover.jpg"),
        b"\xff\xd8\xff\xe0jpeg",
    )
    .unwrap();
    // Two artists, as ID3v2.4 lists them (one frame, two values).
    let duet = root.join("Queen/Hot Space/11 Under Pressure.mp3");
    mp3(&duet, &[(ItemKey::TrackTitle, "Under Pressure")]);
    let mut tagged = lofty::read_from_path(&duet).unwrap();
    let tag = tagged.primary_tag_mut().unwrap();
    for name in ["Queen", "David Bowie"] {
        tag.push(lofty::tag::TagItem::new(
            ItemKey::TrackArtist,
            lofty::tag::ItemValue::Text(name.into()),
        ));
    }
    tag.save_to_path(&duet, WriteOptions::default()).unwrap();
    // AAC in MP4, tagged with an `ilst`.
    tagged_m4a(&root.join(LJOSID_PATH), LJOSID_MS, false, &LJOSID);
    // No tags at all: the names of the file and its folders stand in.
    mp3(
        &root.join("The Harbour Lights/Driftwood/05 - Paper Boats.mp3"),
        &[],
    );
    // Not audio an Echo plays, and a file no tag library can read.
    std::fs::create_dir_all(root.join("lossless")).unwrap();
    std::fs::write(root.join("lossless/Song.flac"), b"fLaC").unwrap();
    std::fs::write(root.join("broken.mp3"), b"").unwrap();
    std::fs::write(root.join(".hidden.mp3"), b"").unwrap();
    std::fs::write(root.join("notes.txt"), b"not music").unwrap();
    std::fs::write(root.join("Empty.m3u"), b"").unwrap();
    std::fs::write(
        root.join("Evening Mix.m3u8"),
        "#EXTM3U\n#EXTINF:-1,Sigur Rós - Hoppípolla\nSigur Rós/Takk…/03 Hoppípolla.mp3\n\
         ./Queen/A Night at the Opera/11 Bohemian Rhapsody.mp3\n",
    )
    .unwrap();
}

fn jukebox(args: &[&str], stdin: Option<&str>) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jukebox"))
        .args(args)
        .env("RUST_LOG", "off")
        .env_remove("SKILL_ID")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    let output = child.wait_with_output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).to_string(),
        String::from_utf8_lossy(&output.stderr).to_string(),
    )
}

const BASE: &str = "https://cdn.example.com/music/";

fn rows(jsonl: &str) -> Vec<Value> {
    jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn without_id(row: &Value) -> Value {
    let mut row = row.clone();
    row.as_object_mut().unwrap().remove("id");
    row
}

#[test]
fn a_folder_becomes_a_catalog_that_passes_the_check_and_plays() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("music");
    library(&root);
    let root_arg = root.to_str().unwrap();
    let (code, out, err) = jukebox(&["catalog", "scan", root_arg, "--base-url", BASE], None);
    assert_eq!(code, Some(0), "{err}");
    let found = rows(&out);
    assert_eq!(found.len(), 5, "{out}");
    assert_eq!(
        without_id(&found[0]),
        json!({
            "title": "Bohemian Rhapsody", "artist": "Queen", "album": "A Night at the Opera",
            "url": "https://cdn.example.com/music/Queen/A%20Night%20at%20the%20Opera/11%20Bohemian%20Rhapsody.mp3",
            "duration_ms": found[0]["duration_ms"], "track_number": 11, "year": 1975,
            "genre": ["Rock"]
        })
    );
    assert!(
        found[0]["duration_ms"].as_u64().unwrap() > 4_000,
        "a duration read from the stream: {}",
        found[0]
    );
    assert_eq!(found[1]["artist"], "Queen & David Bowie", "both credited");
    assert_eq!(
        without_id(&found[2]),
        json!({
            "title": "Hoppípolla", "artist": "Sigur Rós", "album": "Takk…",
            "url": "https://cdn.example.com/music/Sigur%20R%C3%B3s/Takk%E2%80%A6/03%20Hopp%C3%ADpolla.mp3",
            "duration_ms": found[2]["duration_ms"], "track_number": 3, "disc_number": 1,
            "year": 2005, "genre": ["Post-Rock", "Ambient"],
            "image_url": "https://cdn.example.com/music/Sigur%20R%C3%B3s/Takk%E2%80%A6/cover.jpg"
        })
    );
    assert_eq!(
        without_id(&found[3]),
        json!({
            "title": "Paper Boats", "artist": "The Harbour Lights", "album": "Driftwood",
            "url": "https://cdn.example.com/music/The%20Harbour%20Lights/Driftwood/05%20-%20Paper%20Boats.mp3",
            "duration_ms": found[3]["duration_ms"]
        })
    );
    // The M4A: its `ilst` read ("3/12" is track 3), its duration from the
    // `mdhd`, its URL the percent-encoded path, `.m4a` kept (Echo plays AAC).
    assert_eq!(
        without_id(&found[4]),
        json!({
            "title": "Ljósið", "artist": "Ólafur Arnalds",
            "album": "…And They Have Escaped the Weight of Darkness",
            "url": "https://cdn.example.com/music/%C3%93lafur%20Arnalds/\
                    %E2%80%A6And%20They%20Have%20Escaped%20the%20Weight%20of%20Darkness/\
                    03%20Lj%C3%B3si%C3%B0.m4a",
            "duration_ms": found[4]["duration_ms"], "track_number": 3, "year": 2010
        })
    );
    let ljosid_ms = found[4]["duration_ms"].as_u64().unwrap();
    assert!(
        ljosid_ms.abs_diff(LJOSID_MS) < 50,
        "{ljosid_ms} ms read for a file of {LJOSID_MS} ms"
    );
    assert!(
        err.contains("skipped lossless/Song.flac: FLAC is not played by Echo devices"),
        "{err}"
    );
    assert!(
        err.contains("skipped broken.mp3: cannot read its tags"),
        "{err}"
    );
    assert!(
        err.contains(
            "no title tag, titled from its name: The Harbour Lights/Driftwood/05 - Paper Boats.mp3"
        ),
        "{err}"
    );
    assert!(
        err.contains("scanned 7 audio files: 5 tracks, 1 without tags, 2 skipped"),
        "{err}"
    );

    // The same files give the same ids on every scan.
    let (_, again, _) = jukebox(&["catalog", "scan", root_arg, "--base-url", BASE], None);
    assert_eq!(again, out, "a re-scan writes the same catalog");
    let ids: std::collections::HashSet<&str> =
        found.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 5);

    // The output passes the check unchanged, also from standard input.
    let catalog = dir.path().join("catalog.jsonl");
    std::fs::write(&catalog, &out).unwrap();
    let (code, check, _) = jukebox(&["catalog", "check", catalog.to_str().unwrap()], None);
    assert_eq!(code, Some(0), "{check}");
    assert!(check.contains("5 rows: 5 valid, 0 invalid"), "{check}");
    let (code, check, _) = jukebox(&["catalog", "check", "-"], Some(&out));
    assert_eq!(code, Some(0), "{check}");

    // And plays: the stream URL is the percent-encoded path.
    let envelope = Listener::new("owner", "echo").play(Some("hoppipolla"), None);
    let events = dir.path().join("play.json");
    std::fs::write(&events, envelope.to_string()).unwrap();
    let (code, played, err) = jukebox(
        &[
            "invoke",
            "--catalog",
            catalog.to_str().unwrap(),
            events.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code, Some(0), "{err}");
    let response: Value = serde_json::from_str(played.trim()).unwrap();
    assert_eq!(
        response["response"]["directives"][0]["audioItem"]["stream"]["url"],
        found[2]["url"]
    );
}

#[test]
fn folder_playlists_and_transcoded_copies() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("music");
    library(&root);
    let output = dir.path().join("catalog.json");
    let (code, _, err) = jukebox(
        &[
            "catalog",
            "scan",
            root.to_str().unwrap(),
            "--base-url",
            BASE,
            "--playlists",
            "--transcoded-base-url",
            "https://cdn.example.com/mp3/",
            "-o",
            output.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code, Some(0), "{err}");
    let document: Value = serde_json::from_str(&std::fs::read_to_string(&output).unwrap()).unwrap();
    let tracks = document["tracks"].as_array().unwrap();
    let id_of = |title: &str| {
        tracks
            .iter()
            .find(|t| t["title"] == title)
            .map(|t| t["id"].clone())
            .unwrap()
    };
    assert_eq!(
        document["playlists"],
        json!([{"name": "Evening Mix", "tracks": [id_of("Hoppípolla"), id_of("Bohemian Rhapsody")]}])
    );
    // The FLAC file is not readable here (it is four bytes), so it is
    // reported; with a transcoded copy named it is no longer refused as FLAC.
    assert!(!err.contains("FLAC is not played"), "{err}");
    assert!(
        err.contains("skipped lossless/Song.flac: cannot read its tags"),
        "{err}"
    );
    assert!(
        err.contains("skipped Empty.m3u: the playlist holds no entries"),
        "an empty playlist is listed, not written: {err}"
    );
    let (code, check, _) = jukebox(&["catalog", "check", output.to_str().unwrap()], None);
    assert_eq!(code, Some(0), "{check}");
    assert!(check.contains("1 playlists (2 entries)"), "{check}");
}

/// `catalog scan s3://BUCKET/PREFIX` against an S3 server (moto): the tags
/// of every file are read with ranged GETs, far fewer bytes than the files
/// hold; the rows name `s3://` URLs, the cover beside the files is found in
/// the listing, and the output passes `catalog check`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bucket_is_scanned_with_ranged_gets() {
    use crate::support::s3::{client, server};
    let s3 = client();
    let bucket = "jukebox-scan-bucket";
    s3.create_bucket().bucket(bucket).send().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("music");
    library(&root);
    // Long files, as real ones are: a ranged read must not fetch them.
    let long = root.join("Queen/A Night at the Opera/12 God Save the Queen.mp3");
    std::fs::write(&long, mp3_frames(128, 4_000)).unwrap();
    let mut tag = Tag::new(TagType::Id3v2);
    tag.insert_text(ItemKey::TrackTitle, "God Save the Queen".into());
    tag.insert_text(ItemKey::TrackArtist, "Queen".into());
    tag.save_to_path(&long, WriteOptions::default()).unwrap();
    // A long M4A whose `moov` (tags, duration, sample tables) comes after
    // its `mdat`, at the end of the object: read from the end, not downloaded.
    let long_m4a = root.join("Ólafur Arnalds/Living Room Songs/01 Fyrsta.m4a");
    tagged_m4a(
        &long_m4a,
        300_000,
        true,
        &M4aTags {
            title: "Fyrsta",
            artist: "Ólafur Arnalds",
            album: "Living Room Songs",
            track: (1, 7),
            year: 2011,
        },
    );
    let long_m4a_size = std::fs::metadata(&long_m4a).unwrap().len();
    assert!(long_m4a_size > 4_000_000, "{long_m4a_size} bytes");
    let mut total = 0u64;
    for path in crate::support::files_under(&root) {
        let key = format!("library/{}", path.strip_prefix(&root).unwrap().display());
        let bytes = std::fs::read(&path).unwrap();
        total += bytes.len() as u64;
        s3.put_object()
            .bucket(bucket)
            .key(key)
            .body(bytes.into())
            .send()
            .await
            .unwrap();
    }
    let env = [
        ("AWS_ENDPOINT_URL_S3", server().endpoint.clone()),
        ("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE".to_string()),
        (
            "AWS_SECRET_ACCESS_KEY",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".to_string(),
        ),
        ("AWS_REGION", "us-east-1".to_string()),
        ("AWS_EC2_METADATA_DISABLED", "true".to_string()),
    ];
    let output = Command::new(env!("CARGO_BIN_EXE_jukebox"))
        .args([
            "catalog",
            "scan",
            &format!("s3://{bucket}/library"),
            "--playlists",
        ])
        .env("RUST_LOG", "off")
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_ENDPOINT_URL")
        .envs(env)
        .output()
        .unwrap();
    let (out, err) = (
        String::from_utf8_lossy(&output.stdout).to_string(),
        String::from_utf8_lossy(&output.stderr).to_string(),
    );
    assert!(output.status.success(), "{err}");
    let document: Value = serde_json::from_str(&out).unwrap();
    let tracks = document["tracks"].as_array().unwrap();
    let by_title = |title: &str| tracks.iter().find(|t| t["title"] == title).unwrap().clone();
    let hoppipolla = by_title("Hoppípolla");
    assert_eq!(
        hoppipolla["url"],
        "s3://jukebox-scan-bucket/library/Sigur Rós/Takk…/03 Hoppípolla.mp3"
    );
    assert_eq!(
        hoppipolla["image_url"],
        "s3://jukebox-scan-bucket/library/Sigur Rós/Takk…/cover.jpg"
    );
    assert_eq!(hoppipolla["track_number"], 3);
    assert_eq!(by_title("Under Pressure")["artist"], "Queen & David Bowie");
    let god_save = by_title("God Save the Queen");
    assert!(
        god_save["duration_ms"].as_u64().unwrap() > 100_000,
        "{god_save}"
    );
    let fyrsta = by_title("Fyrsta");
    assert_eq!(
        fyrsta["url"],
        "s3://jukebox-scan-bucket/library/Ólafur Arnalds/Living Room Songs/01 Fyrsta.m4a"
    );
    assert_eq!(
        (&fyrsta["artist"], &fyrsta["track_number"], &fyrsta["year"]),
        (&json!("Ólafur Arnalds"), &json!(1), &json!(2011))
    );
    let fyrsta_ms = fyrsta["duration_ms"].as_u64().unwrap();
    assert!(fyrsta_ms.abs_diff(300_000) < 50, "{fyrsta}");
    let ljosid = by_title("Ljósið");
    assert!(
        ljosid["duration_ms"].as_u64().unwrap().abs_diff(LJOSID_MS) < 50,
        "{ljosid}"
    );
    assert_eq!(document["playlists"][0]["name"], "Evening Mix");
    assert_eq!(document["playlists"][0]["tracks"][0], hoppipolla["id"]);
    // The bytes fetched, as the scan reports them: a small part of the files.
    let fetched: u64 = err
        .lines()
        .find_map(|l| {
            l.strip_prefix("read ")?
                .strip_suffix(" bytes from the bucket (ranged GETs)")
        })
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no byte count: {err}"));
    assert!(
        fetched * 4 < total,
        "fetched {fetched} of {total} bytes: whole files were downloaded"
    );
    // The whole scan reads less than a tenth of the long M4A alone: its
    // `moov` is read from the end of the object, past an `mdat` never fetched.
    assert!(
        fetched * 10 < long_m4a_size,
        "fetched {fetched} bytes for a scan holding a {long_m4a_size}-byte M4A"
    );
    let catalog = dir.path().join("bucket.json");
    std::fs::write(&catalog, &out).unwrap();
    let (code, check, _) = jukebox(&["catalog", "check", catalog.to_str().unwrap()], None);
    assert_eq!(code, Some(0), "{check}");
}

/// Both layouts read with the tag library: the duration from `mdhd`,
/// the codec from `esds`, about 16 KB a second; tags written by the
/// library read back, and its rewrite keeps the chunk offsets right
/// (it moves the `mdat` when the `moov` comes first and grows).
#[test]
fn m4a_fixtures_read_with_the_tag_library_in_both_layouts() {
    let dir = tempfile::tempdir().unwrap();
    for (duration_ms, moov_at_end) in [
        (3_000, false),
        (3_000, true),
        (300_000, false),
        (300_000, true),
    ] {
        let bytes = m4a(duration_ms, moov_at_end);
        let before = layout(&bytes);
        assert_eq!(before.moov > before.mdat, moov_at_end);
        let per_second = bytes.len() as u64 * 1000 / duration_ms;
        assert!((15_000..17_000).contains(&per_second), "{per_second} B/s");

        let path = dir.path().join(format!("{duration_ms}-{moov_at_end}.m4a"));
        std::fs::write(&path, &bytes).unwrap();
        let file = lofty::read_from_path(&path).unwrap();
        assert_eq!(file.file_type(), lofty::file::FileType::Mp4);
        let read = file.properties().duration().as_millis() as u64;
        assert!(
            read.abs_diff(duration_ms) < 30,
            "{read} ms for {duration_ms}"
        );
        assert_eq!(file.properties().sample_rate(), Some(SAMPLE_RATE));
        assert_eq!(file.properties().channels(), Some(2));
        assert!(file.primary_tag().is_none());
        let mp4 = lofty::mp4::Mp4File::read_from(
            &mut std::fs::File::open(&path).unwrap(),
            lofty::config::ParseOptions::new(),
        )
        .unwrap();
        assert_eq!(mp4.properties().ftyp(), "M4A ");
        assert_eq!(
            mp4.properties().audio_object_type(),
            Some(lofty::mp4::AudioObjectType::AacLowComplexity)
        );
        assert_eq!(mp4.properties().codec(), Some(lofty::mp4::Mp4Codec::AAC));

        tagged_m4a(
            &path,
            duration_ms,
            moov_at_end,
            &M4aTags {
                title: "Ljósið",
                artist: "Ólafur Arnalds",
                album: "…And They Have Escaped the Weight of Darkness",
                track: (3, 12),
                year: 2010,
            },
        );
        let tagged_bytes = std::fs::read(&path).unwrap();
        let after = layout(&tagged_bytes);
        assert_eq!(after.moov > after.mdat, moov_at_end);
        assert_eq!(after.mdat_len, before.mdat_len);
        let file = lofty::read_from_path(&path).unwrap();
        let tag = file.primary_tag().expect("an ilst");
        assert_eq!(tag.tag_type(), TagType::Mp4Ilst);
        assert_eq!(tag.title().as_deref(), Some("Ljósið"));
        assert_eq!(tag.artist().as_deref(), Some("Ólafur Arnalds"));
        assert_eq!(
            tag.album().as_deref(),
            Some("…And They Have Escaped the Weight of Darkness")
        );
        assert_eq!((tag.track(), tag.track_total()), (Some(3), Some(12)));
        assert_eq!(tag.date().map(|d| d.year), Some(2010));
        let read = file.properties().duration().as_millis() as u64;
        assert!(
            read.abs_diff(duration_ms) < 30,
            "{read} ms for {duration_ms}"
        );
    }
}

/// `jukebox` with `RUST_LOG` as the owner leaves it (unset).
fn jukebox_logging(args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_jukebox"))
        .args(args)
        .env_remove("RUST_LOG")
        .env_remove("SKILL_ID")
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).to_string(),
        String::from_utf8_lossy(&output.stderr).to_string(),
    )
}

fn scan_args<'a>(root: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["catalog", "scan", root, "--base-url", BASE];
    args.extend_from_slice(extra);
    args
}

#[test]
fn a_transcoded_extension_with_a_path_is_refused_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("music");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("Song.flac"), b"fLaC").unwrap();
    for ext in ["x/y", "../../x", "", ".mp3"] {
        let (code, _, err) = jukebox(
            &scan_args(
                root.to_str().unwrap(),
                &[
                    "--transcoded-base-url",
                    "https://cdn.example.com/mp3/",
                    "--transcoded-ext",
                    ext,
                ],
            ),
            None,
        );
        assert_eq!(code, Some(1), "{ext}: {err}");
        assert!(
            err.contains("--transcoded-ext must be a file extension such as mp3 or m4a"),
            "{ext}: {err}"
        );
    }
}

/// An MP3 tagged with a title, artist, album and an embedded front cover.
fn mp3_with_cover(path: &Path, title: &str) {
    mp3(
        path,
        &[
            (ItemKey::TrackTitle, title),
            (ItemKey::TrackArtist, "Queen"),
            (ItemKey::AlbumTitle, "Jazz"),
        ],
    );
    let mut tagged = lofty::read_from_path(path).unwrap();
    let tag = tagged.primary_tag_mut().unwrap();
    tag.push_picture(
        lofty::picture::Picture::unchecked(b"\xff\xd8\xff\xe0cover".to_vec())
            .pic_type(lofty::picture::PictureType::CoverFront)
            .mime_type(lofty::picture::MimeType::Jpeg)
            .build(),
    );
    tag.save_to_path(path, WriteOptions::default()).unwrap();
}

#[cfg(unix)]
#[test]
fn the_art_folder_never_leads_out_nor_writes_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("music");
    mp3_with_cover(&root.join("Queen/Jazz/01 Mustapha.mp3"), "Mustapha");
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::os::unix::fs::symlink(&outside, root.join("link")).unwrap();
    let root_arg = root.to_str().unwrap();
    for art in [
        format!("{root_arg}/../outside"),
        format!("{root_arg}/../../../outside"),
        format!("{root_arg}/link"),
        format!("{root_arg}/link/deeper"),
        format!("{root_arg}/new/../../outside"),
    ] {
        let (code, _, err) = jukebox(&scan_args(root_arg, &["--art-dir", &art]), None);
        assert_eq!(code, Some(1), "{art}: {err}");
        assert!(err.contains("--art-dir must lie inside"), "{art}: {err}");
    }
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);

    let art = format!("{root_arg}/art");
    let (code, out, err) = jukebox(&scan_args(root_arg, &["--art-dir", &art]), None);
    assert_eq!(code, Some(0), "{err}");
    let image = rows(&out)[0]["image_url"].as_str().unwrap().to_string();
    let name = image
        .strip_prefix("https://cdn.example.com/music/art/")
        .unwrap_or_else(|| panic!("{image}"));
    let written = root.join("art").join(name);
    assert_eq!(std::fs::read(&written).unwrap(), b"\xff\xd8\xff\xe0cover");
    // A link put at the picture's name: replaced, its target untouched.
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    std::fs::remove_file(&written).unwrap();
    std::os::unix::fs::symlink(&victim, &written).unwrap();
    let (code, again, err) = jukebox(&scan_args(root_arg, &["--art-dir", &art]), None);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(again, out);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    let metadata = std::fs::symlink_metadata(&written).unwrap();
    assert!(metadata.file_type().is_file(), "{metadata:?}");
    assert_eq!(std::fs::read(&written).unwrap(), b"\xff\xd8\xff\xe0cover");
}

#[cfg(unix)]
#[test]
fn every_file_name_gets_a_url_of_its_own() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("music");
    let names: [(&[u8], &str); 5] = [
        (b"song.mp3", "Plain Song"),
        (b"so\tng.mp3", "Tab Song"),
        (b"so\rng.mp3", "Return Song"),
        (b"so\nng.mp3", "Newline Song"),
        (b"caf\xe9.mp3", "Latin Song"),
    ];
    for (name, title) in names {
        let path = root.join(std::ffi::OsStr::from_bytes(name));
        mp3(
            &path,
            &[(ItemKey::TrackTitle, title), (ItemKey::TrackArtist, "X")],
        );
    }
    let (code, out, err) = jukebox(&scan_args(root.to_str().unwrap(), &[]), None);
    assert_eq!(code, Some(0), "{err}");
    let found = rows(&out);
    let url_of = |title: &str| {
        found
            .iter()
            .find(|r| r["title"] == title)
            .unwrap_or_else(|| panic!("{title}: {out}"))["url"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(url_of("Plain Song"), format!("{BASE}song.mp3"));
    assert_eq!(url_of("Tab Song"), format!("{BASE}so%09ng.mp3"));
    assert_eq!(url_of("Return Song"), format!("{BASE}so%0Dng.mp3"));
    assert_eq!(url_of("Newline Song"), format!("{BASE}so%0Ang.mp3"));
    assert_eq!(url_of("Latin Song"), format!("{BASE}caf%E9.mp3"));
}

#[test]
fn a_scan_that_keeps_nothing_fails_and_names_a_flag_it_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let output = dir.path().join("catalog.jsonl");
    std::fs::write(&output, "an earlier catalog\n").unwrap();
    let (code, out, err) = jukebox(
        &scan_args(empty.to_str().unwrap(), &["-o", output.to_str().unwrap()]),
        None,
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("nothing to write"), "{err}");
    assert_eq!(out, "");
    assert_eq!(
        std::fs::read_to_string(&output).unwrap(),
        "an earlier catalog\n",
        "left as it was"
    );

    let root = dir.path().join("music");
    mp3(
        &root.join("a.mp3"),
        &[(ItemKey::TrackTitle, "A"), (ItemKey::TrackArtist, "B")],
    );
    let root_arg = root.to_str().unwrap();
    let port = "https://cdn.example.com:8443/music/";
    let (code, out, err) = jukebox(&["catalog", "scan", root_arg, "--base-url", port], None);
    assert_eq!(code, Some(1), "every file skipped: {err}");
    assert_eq!(out, "");
    assert!(err.contains("--stream-port 8443"), "{err}");
    let (code, out, err) = jukebox(
        &[
            "catalog",
            "scan",
            root_arg,
            "--base-url",
            port,
            "--stream-port",
            "8443",
        ],
        None,
    );
    assert_eq!(code, Some(0), "the flag it suggests: {err}");
    assert_eq!(rows(&out).len(), 1);
}

#[test]
fn scanned_playlists_are_held_to_the_checks_rules() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("music");
    library(&root);
    mp3(
        &root.join("a.mp3"),
        &[(ItemKey::TrackTitle, "Alpha"), (ItemKey::TrackArtist, "X")],
    );
    let lists = root.join("lists");
    std::fs::create_dir_all(&lists).unwrap();
    let write = |name: &str, text: &str| std::fs::write(lists.join(name), text).unwrap();
    write(
        "escape.m3u8",
        "#PLAYLIST:Escape\n../../../../a.mp3\n/etc/passwd\nfile:///a.mp3\n\
         https://foreign.example/x.mp3\n../a.mp3\n",
    );
    write("control.m3u8", "#PLAYLIST:Bad\u{1}Name\n../a.mp3\n");
    write("nonchar.m3u8", "#PLAYLIST:Bad\u{ffff}Name\n../a.mp3\n");
    write("chill.m3u8", "#PLAYLIST:Chill\n../a.mp3\n");
    write("chill2.m3u8", "#PLAYLIST:CHILL\n../a.mp3\n");
    write("road1.m3u8", "#PLAYLIST:Road Trip\n../a.mp3\n");
    write("road2.m3u8", "#PLAYLIST:Road-Trip\n../a.mp3\n");
    let output = dir.path().join("catalog.json");
    let (code, _, err) = jukebox(
        &scan_args(
            root.to_str().unwrap(),
            &["--playlists", "-o", output.to_str().unwrap()],
        ),
        None,
    );
    assert_eq!(code, Some(0), "{err}");
    let document: Value = serde_json::from_str(&std::fs::read_to_string(&output).unwrap()).unwrap();
    let alpha = document["tracks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["title"] == "Alpha")
        .unwrap()["id"]
        .clone();
    let names: Vec<&str> = document["playlists"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Evening Mix", "Chill", "Escape", "Road Trip"]);
    // Only the entry that stays in the folder: `../../../../a.mp3` climbs
    // out of it and is not taken for the file at the top.
    assert_eq!(document["playlists"][2]["tracks"], json!([alpha]));
    for said in [
        "\"../../../../a.mp3\"",
        "\"/etc/passwd\" is a local file",
        "\"file:///a.mp3\" is a local file",
        "\"https://foreign.example/x.mp3\" names no catalog track",
        "its name contains U+0001",
        "its name contains U+FFFF",
        "a playlist named \"CHILL\" is already defined",
        "playlist \"Road-Trip\": sounds the same to Alexa as the playlist \"Road Trip\"",
    ] {
        assert!(err.contains(said), "{said}: {err}");
    }
    let (code, check, _) = jukebox(&["catalog", "check", output.to_str().unwrap()], None);
    assert_eq!(code, Some(0), "{check}");
}

/// Runs the scan as an unprivileged user when the tests run as root (root
/// reads any file, whatever its mode).
#[cfg(unix)]
#[test]
fn unreadable_folders_and_links_out_are_skipped_with_the_real_reason() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path();
    std::fs::set_permissions(top, std::fs::Permissions::from_mode(0o755)).unwrap();
    let root = top.join("music");
    let tagged = |path: &Path, title: &str| {
        mp3(
            path,
            &[(ItemKey::TrackTitle, title), (ItemKey::TrackArtist, "X")],
        )
    };
    tagged(&root.join("good.mp3"), "Good");
    tagged(&root.join("locked/inside.mp3"), "Inside");
    tagged(&root.join("secret.mp3"), "Secret");
    tagged(&top.join("elsewhere/other.mp3"), "Other");
    std::os::unix::fs::symlink(top.join("elsewhere"), root.join("ext")).unwrap();
    std::os::unix::fs::symlink("..", root.join("loop")).unwrap();
    std::fs::create_dir_all(root.join("sub")).unwrap();
    std::os::unix::fs::symlink("..", root.join("sub/back")).unwrap();
    for path in [top.join("music"), root.join("sub"), top.join("elsewhere")] {
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    for path in ["good.mp3", "../elsewhere/other.mp3"] {
        std::fs::set_permissions(root.join(path), std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    std::fs::set_permissions(root.join("locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(
        root.join("secret.mp3"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_jukebox"));
    command
        .args(scan_args(root.to_str().unwrap(), &[]))
        .env("RUST_LOG", "off");
    if std::fs::metadata(top).unwrap().uid() == 0 {
        command.uid(65534).gid(65534);
    }
    let output = command.output().unwrap();
    std::fs::set_permissions(root.join("locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let (out, err) = (
        String::from_utf8_lossy(&output.stdout).to_string(),
        String::from_utf8_lossy(&output.stderr).to_string(),
    );
    assert_eq!(output.status.code(), Some(0), "{err}");
    let titles: Vec<Value> = rows(&out).iter().map(|r| r["title"].clone()).collect();
    assert_eq!(titles, [json!("Good")], "{out}");
    for said in [
        "skipped locked: cannot read this folder: permission denied",
        "skipped secret.mp3: cannot open it: permission denied",
        "skipped ext: is a link to",
        "skipped loop: is a link to",
    ] {
        assert!(err.contains(said), "{said}: {err}");
    }
    assert!(
        !err.contains("sub/back"),
        "a link inside is no problem: {err}"
    );
}

#[test]
fn a_bad_optional_tag_costs_its_field_not_the_track() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("music");
    let long_genre = "g".repeat(150);
    mp3(
        &root.join("future.mp3"),
        &[
            (ItemKey::TrackTitle, "Future"),
            (ItemKey::TrackArtist, "X"),
            (ItemKey::RecordingDate, "3000"),
            (ItemKey::TrackNumber, "4294967295"),
            (ItemKey::Genre, &long_genre),
        ],
    );
    // Year 1, and two genres as ID3v2.4 lists them (one frame, two values).
    let both = root.join("both.mp3");
    mp3(
        &both,
        &[
            (ItemKey::TrackTitle, "Both"),
            (ItemKey::TrackArtist, "X"),
            (ItemKey::RecordingDate, "0001"),
        ],
    );
    let mut tagged = lofty::read_from_path(&both).unwrap();
    let tag = tagged.primary_tag_mut().unwrap();
    for genre in ["Jazz", "Blues"] {
        tag.push(lofty::tag::TagItem::new(
            ItemKey::Genre,
            lofty::tag::ItemValue::Text(genre.into()),
        ));
    }
    tag.save_to_path(&both, WriteOptions::default()).unwrap();
    let (code, out, err) = jukebox(&scan_args(root.to_str().unwrap(), &[]), None);
    assert_eq!(code, Some(0), "{err}");
    let found = rows(&out);
    assert_eq!(found.len(), 2, "{out}{err}");
    assert_eq!(
        without_id(&found[0]),
        json!({"title": "Both", "artist": "X", "url": format!("{BASE}both.mp3"),
               "duration_ms": found[0]["duration_ms"], "genre": ["Jazz", "Blues"]})
    );
    assert_eq!(
        without_id(&found[1]),
        json!({"title": "Future", "artist": "X", "url": format!("{BASE}future.mp3"),
               "duration_ms": found[1]["duration_ms"]})
    );
    for said in [
        "warning both.mp3: left out its year: year must be from 1000 to 2999, found 1",
        "warning future.mp3: left out its genre: genre",
        "warning future.mp3: left out its track_number: track_number must be from 1 to 9999, found 4294967295",
        "warning future.mp3: left out its year: year must be from 1000 to 2999, found 3000",
    ] {
        assert!(err.contains(said), "{said}: {err}");
    }
}

/// An ID3v2.4 tag of `count` TXXX frames.
fn id3_with_frames(count: usize) -> Vec<u8> {
    let mut body = Vec::new();
    for i in 0..count {
        let data = format!("\u{3}key{i}\u{0}value");
        body.extend_from_slice(b"TXXX");
        let size = data.len() as u32;
        body.extend((0..4).rev().map(|i| ((size >> (7 * i)) & 0x7f) as u8));
        body.extend_from_slice(&[0, 0]);
        body.extend_from_slice(data.as_bytes());
    }
    let size = body.len() as u32;
    let mut tag = b"ID3\x04\x00\x00".to_vec();
    tag.extend((0..4).rev().map(|i| ((size >> (7 * i)) & 0x7f) as u8));
    tag.extend(body);
    tag
}

#[test]
fn a_tag_of_thousands_of_frames_is_skipped_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("music");
    std::fs::create_dir_all(&root).unwrap();
    let mut bytes = id3_with_frames(5_000);
    bytes.extend(mp3_frames(128, 200));
    std::fs::write(root.join("heavy.mp3"), &bytes).unwrap();
    let mut bytes = id3_with_frames(50);
    bytes.extend(mp3_frames(128, 200));
    std::fs::write(root.join("light.mp3"), &bytes).unwrap();
    let started = std::time::Instant::now();
    let (code, out, err) = jukebox(&scan_args(root.to_str().unwrap(), &[]), None);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(rows(&out).len(), 1, "{out}");
    assert!(
        err.contains("skipped heavy.mp3: its ID3v2 tag holds more than 2000 frames"),
        "{err}"
    );
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}

#[test]
fn the_tag_librarys_warnings_do_not_flood_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("music");
    library(&root);
    for i in 0..20 {
        mp3(&root.join(format!("many/{i:02}.mp3")), &[]);
    }
    let (code, _, err) = jukebox_logging(&scan_args(root.to_str().unwrap(), &[]));
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains("lofty"), "{err}");
    assert!(!err.contains("WARN"), "{err}");
}
