//! A stand-in for Login with Amazon's profile API (`GET /user/profile` with
//! `Authorization: Bearer <token>`) on 127.0.0.1, over HTTPS with a test
//! certificate authority made at run time ([`super::probe_server::certificates`]).
//! The answer is chosen by the token, and every request is counted per
//! token, so a test can tell how many LWA calls a cache saved.
//!
//! Tokens and what they get:
//! - `anna`: 200, `{user_id, name: "Anna Berg", email: "anna@example.com"}`
//! - `minimal`: 200, a `user_id` and unknown fields, no name or email
//! - `agent`: 200, the request's `User-Agent` as the `user_id`
//! - `revoked`: 401 `{"error":"invalid_token"}`; `bad-400`: 400 invalid_token
//! - `bad-request`: 400 `{"error":"invalid_request"}`
//! - `html`: 200 `text/html`; `teapot`: 500; `redirect`: 302 to the profile again
//! - `no-user-id`: 200 `{"name":"x"}`
//! - `huge`: 200 with a 10 MB body (`Content-Length`); `huge-chunked`: the
//!   same, chunked, with no length
//! - `slow`: headers, then the body one byte at a time over 5 s
//! - `hang`: reads the request and never answers
//! - a token given to [`LwaServer::add_profile`]: 200 with that profile
//! - any other token: 400 invalid_token, as LWA answers a token it does not know.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

use super::probe_server::certificates;

/// Anna's profile, as the `anna` token gets it.
pub const ANNA_USER_ID: &str = "amzn1.account.AGXANNABERG";
pub const ANNA_NAME: &str = "Anna Berg";
pub const ANNA_EMAIL: &str = "anna@example.com";
/// The body of `huge` and `huge-chunked`.
pub const HUGE_BYTES: usize = 10 * 1024 * 1024;
/// How long `slow` takes to send its body.
/// How long the `late` token's answer waits.
pub const LATE: Duration = Duration::from_millis(500);

pub const SLOW_BODY: Duration = Duration::from_secs(5);

/// A running stand-in: its base URL (`LWA_API_URL`), the PEM of the CA that
/// signed it (`LWA_CA_FILE`'s content), and the requests it received.
pub struct LwaServer {
    pub base: String,
    pub ca_pem: String,
    calls: Arc<Mutex<HashMap<String, usize>>>,
    profiles: Arc<Mutex<HashMap<String, String>>>,
}

impl LwaServer {
    /// Requests received with `token` as the bearer token (`""`: without one).
    pub fn calls(&self, token: &str) -> usize {
        lock(&self.calls).get(token).copied().unwrap_or(0)
    }

    /// Requests received, whatever their token.
    pub fn total_calls(&self) -> usize {
        lock(&self.calls).values().sum()
    }

    /// From now on, `token` gets a 200 with this profile.
    pub fn add_profile(&self, token: &str, user_id: &str, name: Option<&str>, email: Option<&str>) {
        let mut profile = json!({ "user_id": user_id });
        if let Some(name) = name {
            profile["name"] = json!(name);
        }
        if let Some(email) = email {
            profile["email"] = json!(email);
        }
        lock(&self.profiles).insert(token.to_string(), profile.to_string());
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// What a request gets.
enum Answer {
    Full {
        status: &'static str,
        headers: Vec<(&'static str, String)>,
        body: Vec<u8>,
    },
    Chunked(usize),
    Trickled(Vec<u8>),
    /// The whole answer, after this wait.
    Late(Duration, Box<Answer>),
    Never,
}

fn json_answer(status: &'static str, body: impl Into<Vec<u8>>) -> Answer {
    Answer::Full {
        status,
        headers: vec![("Content-Type", "application/json;charset=UTF-8".into())],
        body: body.into(),
    }
}

fn invalid_token(status: &'static str) -> Answer {
    json_answer(
        status,
        r#"{"error_description":"The request has an invalid parameter : access_token","error":"invalid_token"}"#,
    )
}

fn answer(
    path: &str,
    token: &str,
    user_agent: &str,
    base: &str,
    profiles: &Mutex<HashMap<String, String>>,
) -> Answer {
    if path != "/user/profile" {
        return json_answer("404 Not Found", r#"{"error":"not_found"}"#);
    }
    if let Some(profile) = lock(profiles).get(token) {
        return json_answer("200 OK", profile.clone());
    }
    match token {
        "anna" => json_answer(
            "200 OK",
            json!({"user_id": ANNA_USER_ID, "name": ANNA_NAME, "email": ANNA_EMAIL}).to_string(),
        ),
        "minimal" => json_answer(
            "200 OK",
            json!({"user_id": "amzn1.account.MINIMAL", "postal_code": "98101", "extra": {"a": [1, 2]}})
                .to_string(),
        ),
        "agent" => json_answer("200 OK", json!({ "user_id": user_agent }).to_string()),
        "revoked" => invalid_token("401 Unauthorized"),
        "bad-400" => invalid_token("400 Bad Request"),
        "bad-request" => json_answer(
            "400 Bad Request",
            r#"{"error_description":"The request is missing a required parameter","error":"invalid_request"}"#,
        ),
        "html" => Answer::Full {
            status: "200 OK",
            headers: vec![("Content-Type", "text/html; charset=utf-8".into())],
            body: b"<!DOCTYPE html><html><body>Hello Anna Berg, anna@example.com</body></html>"
                .to_vec(),
        },
        "teapot" => Answer::Full {
            status: "500 Internal Server Error",
            headers: vec![("Content-Type", "text/plain".into())],
            body: b"internal error for anna@example.com".to_vec(),
        },
        "redirect" => Answer::Full {
            status: "302 Found",
            headers: vec![("Location", format!("{base}/user/profile"))],
            body: Vec::new(),
        },
        "no-user-id" => json_answer("200 OK", r#"{"name":"x"}"#),
        "huge" => {
            let mut body = br#"{"user_id":"amzn1.account.HUGE","pad":""#.to_vec();
            body.resize(HUGE_BYTES - 2, b'x');
            body.extend_from_slice(br#""}"#);
            json_answer("200 OK", body)
        }
        "huge-chunked" => Answer::Chunked(HUGE_BYTES),
        "slow" => Answer::Trickled(br#"{"user_id":"amzn1.account.SLOW","name":"Slow"}"#.to_vec()),
        "hang" => Answer::Never,
        // Slower than a greeting waits (300 ms), within the LWA timeout.
        "late" => Answer::Late(
            LATE,
            Box::new(json_answer(
                "200 OK",
                json!({"user_id": "amzn1.account.LATE", "name": "Lena Late"}).to_string(),
            )),
        ),
        _ => invalid_token("400 Bad Request"),
    }
}

/// The request head: up to the blank line, at most 64 KiB.
async fn read_head(stream: &mut (impl AsyncRead + Unpin)) -> Option<String> {
    let mut request = Vec::new();
    let mut buffer = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        if request.len() > 64 * 1024 {
            return None;
        }
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => request.extend_from_slice(&buffer[..n]),
        }
    }
    Some(String::from_utf8_lossy(&request).into_owned())
}

/// A header's value (the first one named `name`, any case).
fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().skip(1).find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then_some(value.trim())
    })
}

/// The bearer token of a request; `""` when it has none.
fn bearer(head: &str) -> String {
    header(head, "authorization")
        .and_then(|value| {
            let (scheme, token) = value.split_once(' ')?;
            scheme
                .eq_ignore_ascii_case("bearer")
                .then(|| token.trim().to_string())
        })
        .unwrap_or_default()
}

async fn respond(stream: &mut (impl AsyncWrite + Unpin), answer: Answer) {
    let answer = match answer {
        Answer::Late(wait, answer) => {
            tokio::time::sleep(wait).await;
            *answer
        }
        answer => answer,
    };
    match answer {
        Answer::Full {
            status,
            headers,
            body,
        } => super::probe_server::write_response(stream, status, &headers, &body).await,
        Answer::Chunked(total) => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
                        Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
            if stream.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            let chunk = vec![b' '; 16 * 1024];
            let mut sent = 0;
            while sent < total {
                let frame = [format!("{:x}\r\n", chunk.len()).as_bytes(), &chunk, b"\r\n"].concat();
                if stream.write_all(&frame).await.is_err() {
                    return;
                }
                sent += chunk.len();
            }
            let _ = stream.write_all(b"0\r\n\r\n").await;
        }
        Answer::Trickled(body) => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
                 Connection: close\r\n\r\n",
                body.len()
            );
            if stream.write_all(head.as_bytes()).await.is_err() || stream.flush().await.is_err() {
                return;
            }
            let pause = SLOW_BODY / body.len() as u32;
            for byte in body {
                tokio::time::sleep(pause).await;
                if stream.write_all(&[byte]).await.is_err() || stream.flush().await.is_err() {
                    return;
                }
            }
        }
        Answer::Late(..) => {}
        Answer::Never => {
            tokio::time::sleep(Duration::from_secs(300)).await;
            return;
        }
    }
    let _ = stream.flush().await;
    let _ = stream.shutdown().await;
}

/// Starts the stand-in on a free port of 127.0.0.1, on the calling test's
/// runtime; it runs until that runtime ends.
pub async fn start() -> LwaServer {
    let (ca_pem, config) = certificates("jukebox test LWA CA");
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let base = format!("https://127.0.0.1:{port}");
    let calls: Arc<Mutex<HashMap<String, usize>>> = Default::default();
    let profiles: Arc<Mutex<HashMap<String, String>>> = Default::default();
    let server = LwaServer {
        base: base.clone(),
        ca_pem,
        calls: Arc::clone(&calls),
        profiles: Arc::clone(&profiles),
    };
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                break;
            };
            let acceptor = acceptor.clone();
            let calls = Arc::clone(&calls);
            let profiles = Arc::clone(&profiles);
            let base = base.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(socket).await else {
                    return;
                };
                // One request per connection (`Connection: close`).
                let Some(head) = read_head(&mut tls).await else {
                    return;
                };
                let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
                let token = bearer(&head);
                let user_agent = header(&head, "user-agent").unwrap_or("").to_string();
                *lock(&calls).entry(token.clone()).or_default() += 1;
                let answer = answer(&path, &token, &user_agent, &base, &profiles);
                respond(&mut tls, answer).await;
            });
        }
    });
    server
}
