//! `jukebox catalog check --probe` against a local HTTPS server whose test
//! certificate authority the test trusts explicitly: every kind of stream
//! gets the right verdict and reason, and an untrusted certificate is
//! reported as such.

use crate::support;

use std::process::Command;
use std::time::{Duration, Instant};

use jukebox::catalog::Track;
use jukebox::probe::{
    probe_tracks, Finding, Live, ProbeOptions, TrackReport, Verdict, ENDLESS_BYTES,
};
use serde_json::Value;
use support::probe_server::{start, HIFI_SECONDS};

fn track(id: &str, url: &str, image: Option<&str>, duration_ms: Option<u64>) -> Track {
    Track {
        id: id.into(),
        title: id.into(),
        artist: "Test".into(),
        album: None,
        url: url.into(),
        duration_ms,
        image_url: image.map(str::to_string),
        rank: None,
        position: 0,
        ..Default::default()
    }
}

fn options(ca_pem: &str) -> ProbeOptions {
    ProbeOptions {
        timeout: Duration::from_secs(2),
        extra_ca_pem: Some(ca_pem.as_bytes().to_vec()),
        ..ProbeOptions::default()
    }
}

fn report<'a>(reports: &'a [TrackReport], id: &str) -> &'a TrackReport {
    reports.iter().find(|r| r.id == id).unwrap()
}

#[tokio::test]
async fn every_kind_of_stream_gets_the_right_verdict() {
    let server = start("jukebox test CA").await;
    let url = |path: &str| format!("{}{path}", server.base);
    let cover = url("/cover.png");
    let tracks = vec![
        track("good-mp3", &url("/good.mp3"), Some(&cover), Some(200_000)),
        track("good-m4a", &url("/good.m4a"), None, None),
        track("hls", &url("/playlist.m3u8"), None, None),
        track("html", &url("/page.html"), None, None),
        track("disguised", &url("/disguised.mp3"), None, None),
        track("missing", &url("/missing.mp3"), None, None),
        track("to-http", &url("/redirect-to-http.mp3"), None, None),
        track("redirected", &url("/redirect-ok.mp3"), None, None),
        track("no-range", &url("/no-range.mp3"), None, None),
        track("hifi", &url("/hifi.mp3"), None, Some(HIFI_SECONDS * 1000)),
        track("low", &url("/low.mp3"), None, None),
        track(
            "hostile-range",
            &url("/hostile-range.mp3"),
            None,
            Some(200_000),
        ),
        track("stall", &url("/stall.mp3"), None, None),
        track("bad-art", &url("/good.mp3"), Some(&url("/page.html")), None),
    ];
    let started = Instant::now();
    let reports = probe_tracks(&tracks, &options(&server.ca_pem), &|| {})
        .await
        .unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "the stalled server held up the run: {:?}",
        started.elapsed()
    );

    let good = report(&reports, "good-mp3");
    assert_eq!(good.verdict, Verdict::Ok, "{}", good.reasons());
    assert_eq!(good.stream.format.as_deref(), Some("MP3"));
    assert_eq!(
        (good.stream.bitrate_kbps, good.stream.sample_rate),
        (Some(128), Some(44_100))
    );
    assert_eq!(good.stream.range_support, Some(true));
    assert!(good.stream.content_length.unwrap() > 20_000);
    assert_eq!(good.image.as_ref().unwrap().verdict(), Verdict::Ok);

    for (id, format) in [
        ("good-m4a", "MP4/M4A"),
        ("hls", "HLS playlist"),
        ("redirected", "MP3"),
    ] {
        let r = report(&reports, id);
        assert_eq!(r.verdict, Verdict::Ok, "{id}: {}", r.reasons());
        assert_eq!(r.stream.format.as_deref(), Some(format), "{id}");
    }
    assert_eq!(
        report(&reports, "redirected").stream.redirects,
        vec![url("/good.mp3")]
    );

    let errors = [
        ("html", "serves a web page (text/html), not audio"),
        ("disguised", "serves a web page (text/html), not audio"),
        ("missing", "answers 404 Not Found"),
        ("to-http", "which is not https: an Echo will not follow it"),
        ("hifi", "averages 512 kbps"),
        ("low", "MP3 at 8 kbps; an Echo plays 16 to 384 kbps"),
        // A Content-Range whose arithmetic would overflow: a report, not a panic.
        ("hostile-range", "averages 4294967295 kbps"),
        ("stall", "did not answer in time"),
    ];
    for (id, reason) in errors {
        let r = report(&reports, id);
        assert_eq!(r.verdict, Verdict::Error, "{id}: {}", r.reasons());
        assert!(r.fails_on_device());
        assert!(r.reasons().contains(reason), "{id}: {}", r.reasons());
        assert_eq!(
            r.unreachable(),
            id == "stall",
            "{id}: only a server out of reach is not the row's fault"
        );
    }
    let no_range = report(&reports, "no-range");
    assert_eq!(no_range.verdict, Verdict::Warning);
    assert!(
        no_range.reasons().contains("ignores range requests"),
        "{}",
        no_range.reasons()
    );
    assert!(!no_range.fails_on_device());
    let bad_art = report(&reports, "bad-art");
    assert_eq!(
        bad_art.verdict,
        Verdict::Warning,
        "a broken cover only warns: {}",
        bad_art.reasons()
    );
    assert!(
        bad_art
            .reasons()
            .contains("cover art: is not an image (text/html"),
        "{}",
        bad_art.reasons()
    );
}

#[tokio::test]
async fn a_certificate_from_an_untrusted_authority_is_reported() {
    let server = start("untrusted CA").await;
    let other = start("the CA we trust").await;
    let tracks = vec![track(
        "untrusted",
        &format!("{}/good.mp3", server.base),
        None,
        None,
    )];
    // Trusting another CA (and the system's) does not make this one trusted.
    let reports = probe_tracks(&tracks, &options(&other.ca_pem), &|| {})
        .await
        .unwrap();
    assert_eq!(reports[0].verdict, Verdict::Error);
    assert!(
        reports[0]
            .reasons()
            .contains("the TLS certificate is not trusted"),
        "{}",
        reports[0].reasons()
    );
    // Without --ca-file the real trust store is used, and it does not know the test CA either.
    let plain = ProbeOptions {
        timeout: Duration::from_secs(2),
        ..ProbeOptions::default()
    };
    let reports = probe_tracks(&tracks, &plain, &|| {}).await.unwrap();
    assert!(
        reports[0]
            .reasons()
            .contains("the TLS certificate is not trusted"),
        "{}",
        reports[0].reasons()
    );
}

#[tokio::test]
async fn the_cli_reports_as_json_and_fails_when_a_stream_would() {
    let server = start("jukebox test CA").await;
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, &server.ca_pem).unwrap();
    let catalog = dir.path().join("catalog.jsonl");
    let row = |id: &str, path: &str| {
        serde_json::json!({"id": id, "title": id, "artist": "Test", "url": format!("{}{path}", server.base)}).to_string()
    };
    std::fs::write(
        &catalog,
        [row("fine", "/good.mp3"), row("broken", "/missing.mp3")].join("\n"),
    )
    .unwrap();
    let port = server.port.to_string();
    let without_port = Command::new(env!("CARGO_BIN_EXE_jukebox"))
        .args(["catalog", "check", "--json"])
        .arg(&catalog)
        .output()
        .unwrap();
    assert!(!without_port.status.success());
    let document: Value = serde_json::from_slice(&without_port.stdout).unwrap();
    let reasons = document["invalid_rows"][0]["reasons"][0].as_str().unwrap();
    assert!(
        reasons.contains(&format!("names port {port}")) && reasons.contains("--stream-port"),
        "a port other than 443 needs the owner's word: {reasons}"
    );
    let run = move |file: &std::path::Path| {
        Command::new(env!("CARGO_BIN_EXE_jukebox"))
            .args([
                "catalog",
                "check",
                "--probe",
                "--json",
                "--timeout",
                "3",
                "--stream-port",
                &port,
                "--ca-file",
            ])
            .arg(&ca)
            .arg(file)
            .output()
            .unwrap()
    };
    let output = tokio::task::spawn_blocking({
        let (catalog, run) = (catalog.clone(), run.clone());
        move || run(&catalog)
    })
    .await
    .unwrap();
    assert!(
        !output.status.success(),
        "a stream that would fail makes the exit status non-zero"
    );
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["streams_failing"], 1);
    assert_eq!(document["tracks"][0]["id"], "fine");
    assert_eq!(document["tracks"][0]["verdict"], "ok");
    assert_eq!(document["tracks"][1]["verdict"], "error");
    assert_eq!(document["tracks"][1]["stream"]["status"], 404);

    std::fs::write(&catalog, row("fine", "/good.mp3")).unwrap();
    let output = tokio::task::spawn_blocking(move || run(&catalog))
        .await
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );

    // Offline, the check validates rows as import does.
    let offline = dir.path().join("offline.jsonl");
    std::fs::write(
        &offline,
        "{\"id\":\"a\",\"title\":\"A\",\"artist\":\"B\",\"url\":\"http://e.example/a.mp3\"}\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_jukebox"))
        .args(["catalog", "check"])
        .arg(&offline)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("invalid line 1 (id a): url is http://"),
        "{text}"
    );
    assert!(text.contains("1 rows: 0 valid, 1 invalid"), "{text}");
}

#[tokio::test]
async fn import_with_probe_refuses_or_skips_streams_that_would_fail() {
    use jukebox::catalog::Catalog;
    use jukebox::store::dynamodb::{ClientUse, DynamoCatalog};
    use support::dynamodb::{aws_env, client, create_tables};

    let server = start("jukebox test CA").await;
    let (table, _) = create_tables().await;
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, &server.ca_pem).unwrap();
    let catalog = dir.path().join("catalog.jsonl");
    let row = |id: &str, path: &str| {
        serde_json::json!({"id": id, "title": id, "artist": "Test", "url": format!("{}{path}", server.base)}).to_string()
    };
    std::fs::write(
        &catalog,
        [row("fine", "/good.mp3"), row("login-page", "/page.html")].join("\n"),
    )
    .unwrap();
    let table_name = table.clone();
    let ca_path = ca.clone();
    let port = server.port.to_string();
    let import = move |extra: &[&str]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_jukebox"));
        command
            .args([
                "catalog",
                "import",
                "--probe",
                "--timeout",
                "3",
                "--table",
                &table,
                "--stream-port",
                &port,
                "--ca-file",
            ])
            .arg(&ca)
            .arg(&catalog)
            .args(extra);
        for (name, value) in aws_env() {
            command.env(name, value);
        }
        command.output().unwrap()
    };
    let refused = tokio::task::spawn_blocking({
        let import = import.clone();
        move || import(&[])
    })
    .await
    .unwrap();
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("1 stream(s) would fail on a device; nothing was imported"),
        "{stderr}"
    );
    assert!(stderr.contains("login-page: serves a web page"), "{stderr}");
    let store = DynamoCatalog::new(client(ClientUse::Answering), &table_name);
    assert!(
        store.track("fine").await.unwrap().is_none(),
        "a refused import writes nothing"
    );

    let output = tokio::task::spawn_blocking(move || import(&["--skip-invalid"]))
        .await
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(2),
        "a partial import: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stderr)
        .contains("skipped login-page (stream would fail): serves a web page"));
    assert!(String::from_utf8_lossy(&output.stdout).contains("imported 1 tracks"));
    assert!(store.track("fine").await.unwrap().is_some());
    assert!(store.track("login-page").await.unwrap().is_none());

    // The deployed table can be probed too.
    let mut command = Command::new(env!("CARGO_BIN_EXE_jukebox"));
    command
        .args([
            "catalog",
            "check",
            "--probe",
            "--json",
            "--table",
            &table_name,
            "--ca-file",
        ])
        .arg(&ca_path);
    for (name, value) in aws_env() {
        command.env(name, value);
    }
    let output = tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["source"], format!("table {table_name}"));
    assert_eq!(document["tracks"][0]["id"], "fine");
    assert_eq!(document["tracks"][0]["verdict"], "ok");
}

fn station(id: &str, url: &str) -> Track {
    Track {
        live: true,
        artist: String::new(),
        ..track(id, url, None, None)
    }
}

/// Body bytes a probe may read of a stream that never ends: its bound,
/// and one more read of at most a TLS record.
const READ_BOUND: u64 = ENDLESS_BYTES + 16 * 1024 + 1024;

#[tokio::test]
async fn live_streams_are_recognised_and_judged_by_the_row_they_are_on() {
    let server = start("jukebox test CA").await;
    let url = |path: &str| format!("{}{path}", server.base);
    let tracks = vec![
        track("icy-track", &url("/icy.mp3"), None, None),
        station("icy-station", &url("/icy.mp3")),
        track("endless-track", &url("/endless.mp3"), None, None),
        station("endless-station", &url("/endless.mp3")),
        station("trickle", &url("/trickle.mp3")),
        station("hls-live", &url("/live.m3u8")),
        track("hls-live-track", &url("/live.m3u8"), None, None),
        track("hls-vod", &url("/playlist.m3u8"), None, None),
        track("long-vod", &url("/long-vod.m3u8"), None, None),
        track("huge-vod", &url("/huge-vod.m3u8"), None, None),
        station("vod-station", &url("/playlist.m3u8")),
        station("master", &url("/master.m3u8")),
        station("pls", &url("/radio.pls")),
        track("pls-track", &url("/radio.pls"), None, None),
        station("file-station", &url("/good.mp3")),
        station("icy-status", &url("/icy-status.mp3")),
    ];
    let reports = probe_tracks(&tracks, &options(&server.ca_pem), &|| {})
        .await
        .unwrap();
    let icy = Live::Icy {
        headers: vec![
            "icy-name: Jukebox Test FM".to_string(),
            "ice-audio-info: bitrate=128;samplerate=44100".to_string(),
            "icy-br: 128".to_string(),
            "icy-genre: Jazz".to_string(),
        ],
    };
    let icy_words = "Icecast/SHOUTcast headers icy-name: Jukebox Test FM, ice-audio-info: bitrate=128;samplerate=44100, icy-br: 128, icy-genre: Jazz";
    let finding = |verdict: Verdict, reason: &str| Finding {
        verdict,
        reason: reason.to_string(),
    };
    let on_a_track = |how: &str| {
        format!("is a live stream ({how}) on a track row: an Echo would play it without end, with no duration, the next track would never come and next or previous would make no sense; move it to `stations`")
    };
    let as_a_station =
        |how: &str| format!("live ({how}): an Echo plays it as a station, without end");
    let endless_words = format!(
        "no length, and still sending when the probe stopped reading at {} KiB or 2 s",
        ENDLESS_BYTES / 1024
    );
    let hls_words = "an HLS playlist without #EXT-X-ENDLIST";
    let expect = |id: &str, verdict: Verdict, live: Option<&Live>, findings: Vec<Finding>| {
        let r = report(&reports, id);
        assert_eq!(r.verdict, verdict, "{id}: {}", r.reasons());
        assert_eq!(r.stream.live.as_ref(), live, "{id}");
        assert_eq!(r.stream.findings, findings, "{id}");
    };

    // (a) Icecast headers, (b) a body that never ends: bounded reads.
    expect(
        "icy-track",
        Verdict::Error,
        Some(&icy),
        vec![finding(Verdict::Error, &on_a_track(icy_words))],
    );
    expect(
        "icy-station",
        Verdict::Ok,
        Some(&icy),
        vec![finding(Verdict::Ok, &as_a_station(icy_words))],
    );
    expect("endless-track", Verdict::Warning, Some(&Live::EndlessBody), vec![finding(
        Verdict::Warning,
        &format!("looks live ({endless_words}), or is a very large file sent without a length; if it is live, move it to `stations`: on a track row the next track would never come"),
    )]);
    expect(
        "endless-station",
        Verdict::Ok,
        Some(&Live::EndlessBody),
        vec![finding(Verdict::Ok, &as_a_station(&endless_words))],
    );
    // A stream that trickles stops the read by time, well before the bytes.
    expect(
        "trickle",
        Verdict::Ok,
        Some(&Live::EndlessBody),
        vec![finding(Verdict::Ok, &as_a_station(&endless_words))],
    );
    let trickled = report(&reports, "trickle").stream.bytes_read;
    assert!(
        (1..ENDLESS_BYTES / 2).contains(&trickled),
        "read {trickled} bytes of a trickle"
    );
    for id in [
        "icy-track",
        "icy-station",
        "endless-track",
        "endless-station",
    ] {
        let read = report(&reports, id).stream.bytes_read;
        assert!(
            (ENDLESS_BYTES..=READ_BOUND).contains(&read),
            "{id}: read {read} bytes of an endless body"
        );
    }

    // (c) HLS: live without #EXT-X-ENDLIST, on demand with it (also past
    // the first read), a master playlist followed to its first variant.
    expect(
        "hls-live",
        Verdict::Ok,
        Some(&Live::HlsLive),
        vec![finding(Verdict::Ok, &as_a_station(hls_words))],
    );
    expect(
        "hls-live-track",
        Verdict::Error,
        Some(&Live::HlsLive),
        vec![finding(Verdict::Error, &on_a_track(hls_words))],
    );
    expect("hls-vod", Verdict::Ok, None, vec![]);
    expect("long-vod", Verdict::Ok, None, vec![]);
    assert!(report(&reports, "long-vod").stream.bytes_read > 16 * 1024);
    // Past the probe's 256 KiB the end is not seen: not called live.
    expect(
        "huge-vod",
        Verdict::Warning,
        None,
        vec![finding(
            Verdict::Warning,
            "is an HLS playlist longer than the 256 KiB the probe reads: whether it ends (on demand) or goes on (live) could not be told",
        )],
    );
    expect(
        "vod-station",
        Verdict::Warning,
        None,
        vec![finding(
            Verdict::Warning,
            "is a station, but its stream does not look live (HLS playlist, 86 bytes): an Echo will play it once and stop",
        )],
    );
    let variant = url("/live.m3u8");
    expect(
        "master",
        Verdict::Ok,
        Some(&Live::HlsLive),
        vec![
            finding(
                Verdict::Ok,
                &format!("is an HLS master playlist: an Echo picks a variant; the first, {variant}, was checked"),
            ),
            finding(Verdict::Ok, &as_a_station(hls_words)),
        ],
    );
    assert_eq!(
        report(&reports, "master")
            .stream
            .inner
            .as_ref()
            .unwrap()
            .url,
        variant
    );

    // (d) A PLS file: what it names is shown and probed.
    let named = url("/icy.mp3");
    let pls_words = format!("is a PLS playlist: an Echo plays the stream it names first, {named}");
    expect(
        "pls",
        Verdict::Ok,
        Some(&icy),
        vec![
            finding(Verdict::Ok, &pls_words),
            finding(Verdict::Ok, &as_a_station(icy_words)),
        ],
    );
    expect(
        "pls-track",
        Verdict::Error,
        Some(&icy),
        vec![
            finding(Verdict::Ok, &pls_words),
            finding(Verdict::Error, &on_a_track(icy_words)),
        ],
    );
    let inner = report(&reports, "pls").stream.inner.clone().unwrap();
    assert_eq!(inner.url, named);
    assert!((ENDLESS_BYTES..=READ_BOUND).contains(&inner.bytes_read));

    // A station that is a file; a status line that is not HTTP.
    expect(
        "file-station",
        Verdict::Warning,
        None,
        vec![finding(
            Verdict::Warning,
            "is a station, but its stream does not look live (MP3, 25040 bytes): an Echo will play it once and stop",
        )],
    );
    expect("icy-status", Verdict::Warning, None, vec![finding(
        Verdict::Warning,
        "answers with a status line that is not HTTP (a SHOUTcast 1 server answers `ICY 200 OK`): the probe cannot check it; Amazon lists SHOUTcast streams as playable, so try it on a device, or serve it from Icecast or SHOUTcast 2, which answer in HTTP",
    )]);
    assert!(!report(&reports, "icy-status").unreachable());
}

#[tokio::test]
async fn the_cli_says_in_plain_words_what_an_echo_does_with_a_live_stream() {
    let server = start("jukebox test CA").await;
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, &server.ca_pem).unwrap();
    let catalog = dir.path().join("catalog.json");
    let document = serde_json::json!({
        "tracks": [{"id": "on-air", "title": "On Air", "artist": "Test", "url": format!("{}/icy.mp3", server.base)}],
        "stations": [{"id": "test-fm", "name": "Test FM", "url": format!("{}/radio.pls", server.base)}],
    });
    std::fs::write(&catalog, document.to_string()).unwrap();
    let port = server.port.to_string();
    let output = tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_jukebox"))
            .args([
                "catalog",
                "check",
                "--probe",
                "--timeout",
                "3",
                "--stream-port",
                &port,
                "--ca-file",
            ])
            .arg(&ca)
            .arg(&catalog)
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        !output.status.success(),
        "a live stream on a track row fails: {text}"
    );
    assert!(
        text.contains("error   on-air: is a live stream (Icecast/SHOUTcast headers icy-name: Jukebox Test FM,")
            && text.contains("move it to `stations`"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "ok      test-fm: is a PLS playlist: an Echo plays the stream it names first, {}/icy.mp3; live (Icecast/SHOUTcast headers icy-name: Jukebox Test FM,",
            server.base
        )) && text.contains("an Echo plays it as a station, without end"),
        "{text}"
    );
    assert!(
        text.contains("2 streams probed: 1 ok, 0 with warnings, 1 would fail on a device, 2 live"),
        "{text}"
    );
}
