//! Music in a private S3 bucket. A catalog row's `s3://` URL is
//! signed into a presigned HTTPS GET URL whenever a device is told to play
//! it; the URL really downloads the object from an S3 server (moto,
//! started on a free loopback port); a skill without a signer, or a
//! bucket other than the function's, gets an apology, never an `s3://`
//! URL Alexa would reject.

use std::sync::Arc;

use jukebox::catalog::Track;
use jukebox::skill::Skill;
use jukebox::store::memory::{MemoryCatalog, MemoryPlaybackStore};
use jukebox::store::s3::{S3Signer, DEFAULT_EXPIRY};
use serde_json::Value;

use crate::support::s3::client;
use crate::support::*;

fn catalog(bucket: &str) -> Vec<Track> {
    vec![Track {
        id: "bo-rhap".into(),
        title: "Bohemian Rhapsody".into(),
        artist: "Queen".into(),
        url: format!("s3://{bucket}/Queen/A Night at the Opera/11 Bohemian Rhapsody.mp3"),
        image_url: Some(format!(
            "s3://{bucket}/Queen/A Night at the Opera/cover.jpg"
        )),
        duration_ms: Some(354_000),
        ..Default::default()
    }]
}

fn skill(bucket: &str, signer: Option<S3Signer>) -> Skill {
    let skill = skill_on(
        Arc::new(MemoryCatalog::new(catalog(bucket))),
        Arc::new(MemoryPlaybackStore::new()),
    );
    match signer {
        Some(signer) => skill.with_media_signer(Arc::new(signer)),
        None => skill,
    }
}

fn urls(response: &Value) -> (String, String) {
    let item = &play_directive(response).expect("a Play directive")["audioItem"];
    (
        item["stream"]["url"].as_str().unwrap().to_string(),
        item["metadata"]["art"]["sources"][0]["url"]
            .as_str()
            .unwrap()
            .to_string(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_private_object_plays_through_a_presigned_url() {
    let s3 = client();
    let bucket = "jukebox-private-music";
    s3.create_bucket().bucket(bucket).send().await.unwrap();
    let audio = jukebox::probe::sniff::mp3_frames(128, 50);
    s3.put_object()
        .bucket(bucket)
        .key("Queen/A Night at the Opera/11 Bohemian Rhapsody.mp3")
        .body(audio.clone().into())
        .send()
        .await
        .unwrap();
    s3.put_object()
        .bucket(bucket)
        .key("Queen/A Night at the Opera/cover.jpg")
        .body(b"\xff\xd8\xff\xe0cover".to_vec().into())
        .send()
        .await
        .unwrap();
    let skill = skill(
        bucket,
        Some(S3Signer::with_client(
            client(),
            DEFAULT_EXPIRY,
            Some(bucket.into()),
        )),
    );
    let mut listener = Listener::new("owner", "echo");
    let play = listener.play(Some("bohemian rhapsody"), None);
    let response = skill.handle_json(play).await.unwrap();
    assert_eq!(
        speech(&response).unwrap(),
        "Playing Bohemian Rhapsody by Queen."
    );
    let (stream, art) = urls(&response);
    for url in [&stream, &art] {
        assert!(!url.starts_with("s3://"), "{url}");
        assert!(url.contains("X-Amz-Signature="), "{url}");
        assert!(url.contains("X-Amz-Expires=21600"), "{url}");
    }
    assert!(
        stream.contains("/jukebox-private-music/Queen/A%20Night%20at%20the%20Opera/11%20Bohemian%20Rhapsody.mp3?"),
        "{stream}"
    );
    // The device's GET: the object itself, from the server.
    let body = reqwest::get(&stream).await.unwrap();
    assert_eq!(body.status(), 200);
    assert_eq!(body.bytes().await.unwrap().to_vec(), audio);
    let cover = reqwest::get(&art).await.unwrap();
    assert_eq!(
        cover.bytes().await.unwrap().as_ref(),
        b"\xff\xd8\xff\xe0cover"
    );
}

#[tokio::test]
async fn without_a_signer_or_for_another_bucket_the_listener_hears_an_apology() {
    let other = S3Signer::with_client(client(), DEFAULT_EXPIRY, Some("my-music".into()));
    for skill in [
        skill("their-music", None),
        skill("their-music", Some(other)),
    ] {
        let play = Listener::new("owner", "echo").play(Some("bohemian rhapsody"), None);
        let response = skill.handle_json(play).await.unwrap();
        assert!(play_directive(&response).is_none(), "{response}");
        assert!(!response.to_string().contains("s3://"), "{response}");
        assert!(
            speech(&response).unwrap().starts_with("Sorry"),
            "{response}"
        );
    }
}

/// The bytes one connection's client sent, as they arrive.
type Sent = Arc<std::sync::Mutex<Vec<u8>>>;

/// A plain TCP relay to `upstream` that keeps, connection by connection,
/// every byte its clients sent: the requests exactly as the server got them.
async fn tap(
    upstream: std::net::SocketAddr,
) -> (std::net::SocketAddr, Arc<std::sync::Mutex<Vec<Sent>>>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let connections: Arc<std::sync::Mutex<Vec<Sent>>> = Default::default();
    let record = Arc::clone(&connections);
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let sent: Sent = Default::default();
            record.lock().unwrap().push(Arc::clone(&sent));
            tokio::spawn(async move {
                let Ok(server) = tokio::net::TcpStream::connect(upstream).await else {
                    return;
                };
                let (mut from_client, mut to_client) = client.into_split();
                let (mut from_server, mut to_server) = server.into_split();
                let requests = async {
                    let mut buffer = vec![0u8; 16 * 1024];
                    while let Ok(n @ 1..) = from_client.read(&mut buffer).await {
                        sent.lock().unwrap().extend_from_slice(&buffer[..n]);
                        if to_server.write_all(&buffer[..n]).await.is_err() {
                            break;
                        }
                    }
                    let _ = to_server.shutdown().await;
                };
                let answers = async {
                    let _ = tokio::io::copy(&mut from_server, &mut to_client).await;
                    let _ = to_client.shutdown().await;
                };
                tokio::join!(requests, answers);
            });
        }
    });
    (address, connections)
}

/// `catalog check --probe` on `s3://` rows: each is signed with this
/// machine's credentials and probed through the presigned HTTPS URL, as an
/// Echo would fetch it. The S3 server is moto behind a TLS proxy whose test
/// CA the check is told to trust (`--ca-file`), with a tap between the two
/// that sees the requests moto really got.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_probes_s3_rows_through_presigned_urls() {
    use crate::support::s3::server;
    let s3 = client();
    let bucket = "jukebox-probe-bucket";
    s3.create_bucket().bucket(bucket).send().await.unwrap();
    let audio = jukebox::probe::sniff::mp3_frames(128, 400);
    s3.put_object()
        .bucket(bucket)
        .key("Queen/good.mp3")
        .content_type("audio/mpeg")
        .body(audio.into())
        .send()
        .await
        .unwrap();
    s3.put_object()
        .bucket(bucket)
        .key("Queen/cover.jpg")
        .content_type("image/jpeg")
        .body(b"\xff\xd8\xff\xe0cover".to_vec().into())
        .send()
        .await
        .unwrap();
    let moto: std::net::SocketAddr = server()
        .endpoint
        .trim_start_matches("http://")
        .parse()
        .unwrap();
    let (tapped, requests) = tap(moto).await;
    let (endpoint, ca_pem) = crate::support::tls_proxy(tapped).await;

    let dir = tempfile::tempdir().unwrap();
    let ca_file = dir.path().join("proxy-ca.pem");
    std::fs::write(&ca_file, ca_pem).unwrap();
    let catalog = dir.path().join("catalog.jsonl");
    // 400 frames of 417 bytes at 128 kbps: about 10.4 s.
    let rows = [
        serde_json::json!({
            "id": "good", "title": "Good", "artist": "Queen",
            "url": format!("s3://{bucket}/Queen/good.mp3"),
            "image_url": format!("s3://{bucket}/Queen/cover.jpg"),
            "duration_ms": 10_400,
        }),
        serde_json::json!({
            "id": "missing", "title": "Missing", "artist": "Queen",
            "url": format!("s3://{bucket}/Queen/missing.mp3"),
        }),
    ];
    let lines: Vec<String> = rows.iter().map(Value::to_string).collect();
    std::fs::write(&catalog, lines.join("\n") + "\n").unwrap();

    let check = |extra: &[&str]| {
        let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_jukebox"));
        command
            .args(["catalog", "check", "--probe", "--timeout", "5"])
            .args(extra)
            .arg(&catalog)
            .env("RUST_LOG", "off")
            .env("AWS_ENDPOINT_URL_S3", &endpoint)
            .env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
            .env(
                "AWS_SECRET_ACCESS_KEY",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            )
            .env("AWS_REGION", "us-east-1")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("MUSIC_BUCKET", bucket)
            .env_remove("AWS_ENDPOINT_URL")
            .env_remove("AWS_PROFILE")
            .env_remove("AWS_SESSION_TOKEN")
            .env_remove("STREAM_URL_EXPIRY_SECONDS");
        async move {
            let output = command.output().await.unwrap();
            (
                output.status,
                String::from_utf8_lossy(&output.stdout).to_string(),
                String::from_utf8_lossy(&output.stderr).to_string(),
            )
        }
    };

    let ca = ["--ca-file", ca_file.to_str().unwrap()];
    let (status, out, err) = check(&ca).await;
    assert_eq!(
        status.code(),
        Some(1),
        "a failing stream fails the check: {out}{err}"
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            // The stream and its cover art both passed: no reasons, and the
            // format sniffed from the bytes moto sent back.
            "ok      good (MP3)",
            "error   missing: answers 404 Not Found",
            "2 rows: 2 valid, 0 invalid; 2 streams probed: 1 ok, 0 with warnings, 1 would fail on a device",
        ],
        "{out}{err}"
    );
    for secret in [
        "X-Amz-Signature",
        "X-Amz-Credential",
        "AKIAIOSFODNN7EXAMPLE",
    ] {
        assert!(
            !out.contains(secret) && !err.contains(secret),
            "{secret} printed: {out}{err}"
        );
    }

    // What moto got: one GET per URL (no redirect, no retry), each the
    // presigned URL of the row's object (path-style, the default expiry)
    // with the probe's range.
    let sent: Vec<String> = requests
        .lock()
        .unwrap()
        .iter()
        .map(|c| String::from_utf8_lossy(&c.lock().unwrap()).to_string())
        .collect();
    let gets: Vec<&str> = sent
        .iter()
        .flat_map(|c| c.split("\r\n\r\n"))
        .filter(|request| request.starts_with("GET "))
        .collect();
    assert_eq!(gets.len(), 3, "{sent:#?}");
    for (key, range) in [
        ("good.mp3", "bytes=0-16383"),
        ("missing.mp3", "bytes=0-16383"),
        ("cover.jpg", "bytes=0-1023"),
    ] {
        let target = format!("GET /{bucket}/Queen/{key}?");
        let request = gets
            .iter()
            .find(|r| r.starts_with(&target))
            .unwrap_or_else(|| panic!("no {target}: {sent:#?}"));
        let line = request.lines().next().unwrap();
        assert!(line.contains("X-Amz-Signature="), "{line}");
        assert!(line.contains("X-Amz-Expires=21600"), "{line}");
        assert!(
            request
                .to_lowercase()
                .contains(&format!("\r\nrange: {range}")),
            "{request}"
        );
    }

    // Without the proxy's CA the same rows fail as an Echo would fail them:
    // the probe verifies the certificate of the signed URL's host.
    let (status, out, err) = check(&[]).await;
    assert_eq!(status.code(), Some(1), "{out}{err}");
    assert!(
        out.lines().any(|l| l.starts_with(
            "error   good: the TLS certificate is not trusted, an Echo will refuse it"
        )),
        "{out}{err}"
    );
    assert!(
        out.contains("2 streams probed: 0 ok, 0 with warnings, 2 would fail on a device"),
        "{out}"
    );
    // A signed URL is never printed, neither in a transport error's reason
    // nor in the JSON report (which names the rows' own s3:// URLs): its
    // query grants hours of access to the object.
    let (_, json, err_json) = check(&[&["--json"][..], &ca[..]].concat()).await;
    for (what, printed) in [("text", out + &err), ("json", json.clone() + &err_json)] {
        for secret in [
            "X-Amz-Signature",
            "X-Amz-Credential",
            "AKIAIOSFODNN7EXAMPLE",
        ] {
            assert!(
                !printed.contains(secret),
                "{what}: {secret} printed: {printed}"
            );
        }
    }
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let urls: Vec<&str> = report["tracks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["stream"]["url"].as_str().unwrap())
        .collect();
    assert_eq!(
        urls,
        [
            format!("s3://{bucket}/Queen/good.mp3"),
            format!("s3://{bucket}/Queen/missing.mp3")
        ]
    );
}
