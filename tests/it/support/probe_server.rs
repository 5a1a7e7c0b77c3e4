//! A local HTTPS server for the probe's tests and benchmark: a test
//! certificate authority made at run time, a certificate for 127.0.0.1 it
//! signs, and one route for each kind of stream a catalog may hold,
//! live radio among them (an Icecast stream that never ends, a body that
//! never ends, HLS live and on-demand playlists, a PLS file).

use std::sync::Arc;

use jukebox::probe::sniff::mp3_frames;
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::rustls;
use tokio_rustls::TlsAcceptor;

/// A running server: its base URL and the PEM of the CA that signed it.
pub struct ProbeServer {
    pub base: String,
    /// The server's port: catalog commands need `--stream-port` for it.
    pub port: u16,
    pub ca_pem: String,
}

/// A certificate authority and a server certificate for 127.0.0.1 and localhost.
pub fn certificates(common_name: &str) -> (String, rustls::ServerConfig) {
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, common_name);
    let ca_cert = ca_params.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca_params, ca_key);
    let key = KeyPair::generate().unwrap();
    let params =
        CertificateParams::new(vec!["127.0.0.1".to_string(), "localhost".to_string()]).unwrap();
    let cert = params.signed_by(&key, &issuer).unwrap();
    let key_der = rustls::pki_types::PrivateKeyDer::try_from(key.serialize_der()).unwrap();
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert.der().clone(), ca_cert.der().clone()], key_der)
        .unwrap();
    (ca_cert.pem(), config)
}

/// What a route answers.
struct Answer {
    status: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    ranges: bool,
}

fn audio(content_type: &str, body: Vec<u8>) -> Answer {
    Answer {
        status: "200 OK",
        headers: vec![("Content-Type", content_type.to_string())],
        body,
        ranges: true,
    }
}

/// Seconds of audio behind `/hifi.mp3`: with a 512 kbps body, the probe's
/// average-bitrate rule must catch it (frame headers stop at 320 kbps).
pub const HIFI_SECONDS: u64 = 4;

fn route(path: &str, base: &str) -> Option<Answer> {
    let mut id3 = b"ID3\x04\x00\x00\x00\x00\x00\x0a".to_vec();
    id3.extend_from_slice(&[0u8; 10]);
    Some(match path {
        p if p.starts_with("/good.mp3") || p.starts_with("/bench/") => {
            let mut body = id3;
            body.extend(mp3_frames(128, 60));
            audio("audio/mpeg", body)
        }
        "/good.m4a" => {
            let mut body =
                b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00M4A mp42isom\x00\x00\x00\x00".to_vec();
            body.extend(vec![0u8; 4096]);
            audio("audio/mp4", body)
        }
        "/playlist.m3u8" => Answer {
            ranges: false,
            ..audio(
                "application/vnd.apple.mpegurl",
                b"#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nseg1.aac\n#EXT-X-ENDLIST\n"
                    .to_vec(),
            )
        },
        "/live.m3u8" => Answer {
            ranges: false,
            ..audio(
                "application/vnd.apple.mpegurl",
                b"#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:6\n#EXT-X-MEDIA-SEQUENCE:4711\n#EXTINF:6.0,\ns4711.aac\n#EXTINF:6.0,\ns4712.aac\n"
                    .to_vec(),
            )
        },
        "/master.m3u8" => Answer {
            ranges: false,
            ..audio(
                "application/vnd.apple.mpegurl",
                b"#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=128000,CODECS=\"mp4a.40.2\"\nlive.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=320000\nhigh/live.m3u8\n"
                    .to_vec(),
            )
        },
        // An on-demand playlist longer than the probe's first read: its
        // #EXT-X-ENDLIST comes after 16 KiB.
        "/long-vod.m3u8" => {
            let mut text = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n".to_string();
            for segment in 0..2000 {
                text.push_str(&format!("#EXTINF:10.0,\nsegment-{segment:05}.aac\n"));
            }
            text.push_str("#EXT-X-ENDLIST\n");
            audio("application/vnd.apple.mpegurl", text.into_bytes())
        }
        // An on-demand playlist longer than all the probe reads (a day of
        // segments with long signed names): its end is never seen.
        "/huge-vod.m3u8" => {
            let mut text = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n".to_string();
            for segment in 0..8640 {
                text.push_str(&format!(
                    "#EXTINF:10.0,\nsegment-{segment:05}.aac?signature={}\n",
                    "s".repeat(40)
                ));
            }
            text.push_str("#EXT-X-ENDLIST\n");
            audio("application/vnd.apple.mpegurl", text.into_bytes())
        }
        "/radio.pls" => Answer {
            ranges: false,
            ..audio(
                "audio/x-scpls",
                format!("[playlist]\nNumberOfEntries=1\nFile1={base}/icy.mp3\nTitle1=Jukebox Test FM\nLength1=-1\nVersion=2\n")
                    .into_bytes(),
            )
        },
        "/page.html" => Answer {
            ranges: false,
            ..audio(
                "text/html; charset=utf-8",
                b"<!DOCTYPE html><html><body>Please log in</body></html>".to_vec(),
            )
        },
        "/disguised.mp3" => Answer {
            ranges: false,
            ..audio(
                "audio/mpeg",
                b"<html><body>Not found</body></html>".to_vec(),
            )
        },
        "/missing.mp3" => Answer {
            status: "404 Not Found",
            ..audio("text/plain", b"no such file".to_vec())
        },
        "/redirect-to-http.mp3" => Answer {
            status: "302 Found",
            headers: vec![(
                "Location",
                format!("{}/good.mp3", base.replace("https://", "http://")),
            )],
            body: Vec::new(),
            ranges: false,
        },
        "/redirect-ok.mp3" => Answer {
            status: "301 Moved Permanently",
            headers: vec![("Location", "/good.mp3".to_string())],
            body: Vec::new(),
            ranges: false,
        },
        "/no-range.mp3" => Answer {
            ranges: false,
            ..audio("audio/mpeg", mp3_frames(128, 60))
        },
        "/hifi.mp3" => {
            let bytes = (512 * 1000 / 8 * HIFI_SECONDS) as usize;
            let mut body = mp3_frames(320, bytes / 1044 + 1);
            body.truncate(bytes);
            audio("audio/mpeg", body)
        }
        "/low.mp3" => audio("audio/mpeg", low_bitrate_frames()),
        // A total length no file has: the probe's arithmetic must not overflow.
        "/hostile-range.mp3" => Answer {
            status: "206 Partial Content",
            headers: vec![(
                "Content-Range",
                "bytes 0-16383/3000000000000000000".to_string(),
            )],
            ranges: false,
            ..audio("audio/mpeg", mp3_frames(128, 16))
        },
        "/cover.png" => audio(
            "image/png",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec(),
        ),
        "/stall.mp3" => return None,
        _ => Answer {
            status: "404 Not Found",
            ..audio("text/plain", Vec::new())
        },
    })
}

/// The routes whose body never ends: a status line and headers, no length.
fn endless(path: &str) -> Option<(&'static str, Vec<(&'static str, String)>)> {
    let audio = ("Content-Type", "audio/mpeg".to_string());
    Some(match path {
        // An Icecast server: HTTP/1.0, `icy-*` and `ice-audio-info` headers.
        "/icy.mp3" => (
            "HTTP/1.0 200 OK",
            vec![
                audio,
                ("icy-name", "Jukebox Test FM".to_string()),
                ("icy-br", "128".to_string()),
                ("icy-genre", "Jazz".to_string()),
                ("ice-audio-info", "bitrate=128;samplerate=44100".to_string()),
                ("Cache-Control", "no-cache".to_string()),
            ],
        ),
        // A live stream from a server that says nothing about it (sent
        // as fast as the client reads, or at a trickle).
        "/endless.mp3" | "/trickle.mp3" => ("HTTP/1.1 200 OK", vec![audio]),
        // A SHOUTcast 1 server: not even an HTTP status line.
        "/icy-status.mp3" => (
            "ICY 200 OK",
            vec![audio, ("icy-name", "Old Shoutcast".to_string())],
        ),
        _ => return None,
    })
}

/// Writes a status line, headers and MP3 frames until the client goes
/// away, with a `pause` between batches of frames when given.
async fn write_endless(
    stream: &mut (impl tokio::io::AsyncWrite + Unpin),
    status_line: &str,
    headers: &[(&'static str, String)],
    pause: Option<std::time::Duration>,
) {
    let mut head = format!("{status_line}\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    if stream.write_all(head.as_bytes()).await.is_err() {
        return;
    }
    let frames = mp3_frames(128, 16);
    while stream.write_all(&frames).await.is_ok() && stream.flush().await.is_ok() {
        if let Some(pause) = pause {
            tokio::time::sleep(pause).await;
        }
    }
}

/// MPEG-2 Layer III frames at 8 kbps, 22.05 kHz: below what an Echo plays.
fn low_bitrate_frames() -> Vec<u8> {
    let length = 72 * 8 * 1000 / 22_050;
    let mut out = Vec::new();
    for _ in 0..40 {
        let mut frame = vec![0u8; length];
        frame[..4].copy_from_slice(&[0xFF, 0xF3, 0x10, 0x44]);
        out.extend_from_slice(&frame);
    }
    out
}

/// Starts the server on a free port of 127.0.0.1 (URLs name `localhost`: catalog
/// rows may not name IP addresses); it runs until the test process ends.
pub async fn start(common_name: &str) -> ProbeServer {
    let (ca_pem, config) = certificates(common_name);
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let base = format!("https://localhost:{port}");
    let server_base = base.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                break;
            };
            let acceptor = acceptor.clone();
            let base = server_base.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(socket).await else {
                    return;
                };
                // One request per connection is enough for the probe.
                let mut request = Vec::new();
                let mut buffer = [0u8; 2048];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buffer[..n]),
                    }
                }
                let text = String::from_utf8_lossy(&request).to_string();
                let path = text.split_whitespace().nth(1).unwrap_or("/").to_string();
                let range = text
                    .lines()
                    .find(|l| l.to_lowercase().starts_with("range: bytes="))
                    .and_then(|l| l.split('=').nth(1))
                    .and_then(|r| {
                        r.trim()
                            .split('-')
                            .nth(1)
                            .and_then(|end| end.parse::<usize>().ok())
                    });
                if let Some((status_line, headers)) = endless(&path) {
                    let pause =
                        (path == "/trickle.mp3").then(|| std::time::Duration::from_millis(400));
                    write_endless(&mut tls, status_line, &headers, pause).await;
                    return;
                }
                let Some(answer) = route(&path, &base) else {
                    // A stalled server: holds the connection, never answers.
                    tokio::time::sleep(std::time::Duration::from_secs(300)).await;
                    return;
                };
                let total = answer.body.len();
                let (status, body, mut headers) = match (range, answer.ranges) {
                    (Some(end), true) if total > 0 && answer.status.starts_with("200") => {
                        let end = end.min(total - 1);
                        let headers = vec![
                            ("Content-Range", format!("bytes 0-{end}/{total}")),
                            ("Accept-Ranges", "bytes".to_string()),
                        ];
                        ("206 Partial Content", answer.body[..=end].to_vec(), headers)
                    }
                    _ => (answer.status, answer.body, Vec::new()),
                };
                headers.extend(answer.headers);
                write_response(&mut tls, status, &headers, &body).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    ProbeServer { base, port, ca_pem }
}

/// Writes one whole HTTP/1.1 response (its length, `Connection: close`,
/// these headers, the body); a client that went away is not an error.
pub async fn write_response(
    stream: &mut (impl tokio::io::AsyncWrite + Unpin),
    status: &str,
    headers: &[(&'static str, String)],
    body: &[u8],
) {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(body).await;
}
