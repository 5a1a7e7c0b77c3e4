//! Shared test support: envelopes built the way Alexa sends them, and a
//! listener on one device that keeps the player context between requests.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jukebox::catalog::Track;
use jukebox::listeners::ListenerPolicy;
use jukebox::ports::{Catalog, PlaybackStore, Ports};
use jukebox::skill::{Skill, SkillConfig, SkillIdPolicy};
use jukebox::store::memory::{MemoryCatalog, MemoryPlaybackStore};
use serde_json::{json, Value};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;

pub const SKILL_ID: &str = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000";

pub fn events_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/events")
}

/// The envelope files directly in `tests/events/` (the ones we wrote; real
/// devices' captures are in `tests/events/real/`), sorted.
pub fn event_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(events_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// An envelope from `tests/events/`.
pub fn event(name: &str) -> Value {
    let path = events_dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// An envelope from `tests/events/` about the stream `token` at `offset_ms`,
/// as a device sends a player event.
pub fn event_about(name: &str, token: &str, offset_ms: u64) -> Value {
    let mut event = event(name);
    event["request"]["token"] = json!(token);
    event["request"]["offsetInMilliseconds"] = json!(offset_ms);
    event["context"]["AudioPlayer"]["token"] = json!(token);
    event["context"]["AudioPlayer"]["offsetInMilliseconds"] = json!(offset_ms);
    event
}

pub fn sample_tracks() -> Vec<Track> {
    MemoryCatalog::sample().all().to_vec()
}

/// A skill on the embedded stores, serving [`SKILL_ID`] only.
pub fn embedded_skill(tracks: Vec<Track>) -> Skill {
    skill_on(
        Arc::new(MemoryCatalog::new(tracks)),
        Arc::new(MemoryPlaybackStore::new()),
    )
}

/// A skill on this catalog and playback store, every other port embedded.
pub fn skill_on(catalog: Arc<dyn Catalog>, playback: Arc<dyn PlaybackStore>) -> Skill {
    Skill::new(
        SkillConfig::new(
            SkillIdPolicy::Only(SKILL_ID.to_string()),
            ListenerPolicy::Open,
        ),
        Ports {
            playback,
            ..jukebox::store::memory::ports(catalog)
        },
    )
}

/// One listener on one device: builds envelopes with the device's player
/// context (token, offset, activity), like an Echo does.
#[derive(Debug, Clone)]
pub struct Listener {
    pub user_id: String,
    pub device_id: String,
    pub token: Option<String>,
    pub offset_ms: i64,
    pub activity: &'static str,
    pub clock: u64,
    pub attributes: Option<Value>,
    /// The device draws APL (an Echo Show): it lists `Alexa.Presentation.APL`.
    pub apl: bool,
}

impl Listener {
    pub fn new(user: &str, device: &str) -> Self {
        Listener {
            user_id: format!("amzn1.ask.account.{user}"),
            device_id: format!("amzn1.ask.device.{device}"),
            token: None,
            offset_ms: 0,
            activity: "IDLE",
            clock: 0,
            attributes: None,
            apl: false,
        }
    }

    fn timestamp(&mut self) -> String {
        self.clock += 1;
        let (h, m, s) = (self.clock / 3600, (self.clock / 60) % 60, self.clock % 60);
        format!("2026-11-24T{:02}:{m:02}:{s:02}Z", 10 + h)
    }

    fn context(&self) -> Value {
        let mut player =
            json!({"offsetInMilliseconds": self.offset_ms, "playerActivity": self.activity});
        if let Some(token) = &self.token {
            player["token"] = json!(token);
        }
        let mut interfaces = json!({"AudioPlayer": {}});
        if self.apl {
            interfaces["Alexa.Presentation.APL"] =
                json!({"runtime": {"maxVersion": jukebox::alexa::apl::APL_VERSION}});
        }
        json!({
            "System": {
                "application": {"applicationId": SKILL_ID},
                "user": {"userId": self.user_id},
                "device": {"deviceId": self.device_id, "supportedInterfaces": interfaces},
                "apiEndpoint": "https://api.amazonalexa.com"
            },
            "AudioPlayer": player
        })
    }

    fn envelope(&mut self, request: Value, with_session: bool) -> Value {
        let mut request = request;
        request["requestId"] = json!(format!("amzn1.echo-api.request.{}", self.clock));
        request["timestamp"] = json!(self.timestamp());
        request["locale"] = json!("en-US");
        let mut envelope = json!({"version": "1.0", "context": self.context(), "request": request});
        if with_session {
            let mut session = json!({
                "new": self.attributes.is_none(),
                "sessionId": "amzn1.echo-api.session.test",
                "application": {"applicationId": SKILL_ID},
                "user": {"userId": self.user_id}
            });
            if let Some(attributes) = &self.attributes {
                session["attributes"] = attributes.clone();
            }
            envelope["session"] = session;
        }
        envelope
    }

    pub fn launch(&mut self) -> Value {
        self.envelope(json!({"type": "LaunchRequest"}), true)
    }

    pub fn intent(&mut self, name: &str, slots: &[(&str, Option<&str>)]) -> Value {
        let slots: serde_json::Map<String, Value> = slots
            .iter()
            .map(|(slot, value)| {
                let mut body = json!({"name": slot, "confirmationStatus": "NONE"});
                if let Some(value) = value {
                    body["value"] = json!(value);
                }
                (slot.to_string(), body)
            })
            .collect();
        self.envelope(
            json!({"type": "IntentRequest", "dialogState": "COMPLETED",
                   "intent": {"name": name, "confirmationStatus": "NONE", "slots": slots}}),
            true,
        )
    }

    pub fn play(&mut self, song: Option<&str>, artist: Option<&str>) -> Value {
        self.intent(
            "PlayMusicIntent",
            &[("songName", song), ("artistName", artist)],
        )
    }

    /// An AudioPlayer event for `token` at `offset_ms` (no session, as Alexa sends them).
    /// The device's player context moves with the events it reports, as on
    /// a real device: `context.AudioPlayer` names the stream and offset of
    /// the event.
    pub fn player_event(&mut self, kind: &str, token: &str, offset_ms: i64) -> Value {
        self.token = Some(token.to_string());
        self.offset_ms = offset_ms;
        self.activity = match kind {
            "PlaybackStopped" => "STOPPED",
            "PlaybackFinished" => "FINISHED",
            _ => "PLAYING",
        };
        self.envelope(
            json!({"type": format!("AudioPlayer.{kind}"), "token": token, "offsetInMilliseconds": offset_ms}),
            false,
        )
    }

    /// Any request without a session (player events), on this device.
    pub fn envelope_of(&mut self, request: Value) -> Value {
        self.envelope(request, false)
    }

    pub fn playback_failed(&mut self, token: &str) -> Value {
        self.envelope(
            json!({"type": "AudioPlayer.PlaybackFailed", "token": token,
                   "error": {"type": "MEDIA_ERROR_SERVICE_UNAVAILABLE", "message": "503 from the stream host"},
                   "currentPlaybackState": {"token": token, "offsetInMilliseconds": 0, "playerActivity": "PLAYING"}}),
            false,
        )
    }

    pub fn button(&mut self, command: &str) -> Value {
        self.envelope(
            json!({"type": format!("PlaybackController.{command}CommandIssued")}),
            false,
        )
    }

    /// Applies a response as the device would: the session's attributes,
    /// and the Play/Stop directives to the player context.
    pub fn apply(&mut self, response: &Value) {
        self.attributes = response.get("sessionAttributes").cloned();
        if response["response"]["shouldEndSession"] != json!(false) {
            self.attributes = None;
        }
        for directive in response["response"]["directives"]
            .as_array()
            .into_iter()
            .flatten()
        {
            match directive["type"].as_str() {
                Some("AudioPlayer.Play") if directive["playBehavior"] == "REPLACE_ALL" => {
                    let stream = &directive["audioItem"]["stream"];
                    self.token = stream["token"].as_str().map(str::to_string);
                    self.offset_ms = stream["offsetInMilliseconds"].as_i64().unwrap_or(0);
                    self.activity = "PLAYING";
                }
                Some("AudioPlayer.Stop") => self.activity = "STOPPED",
                _ => {}
            }
        }
    }
}

/// The Play directive of a response, if any.
pub fn play_directive(response: &Value) -> Option<&Value> {
    response["response"]["directives"]
        .as_array()?
        .iter()
        .find(|d| d["type"] == "AudioPlayer.Play")
}

/// The stream token of a response's Play directive.
pub fn played_token(response: &Value) -> Option<String> {
    play_directive(response)?["audioItem"]["stream"]["token"]
        .as_str()
        .map(str::to_string)
}

/// The track id a token names.
pub fn token_track(token: &str) -> String {
    jukebox::playback::StreamToken::parse(token)
        .map(|token| token.track_id)
        .unwrap_or_default()
}

/// The spoken words of a response, without SSML.
pub fn speech(response: &Value) -> Option<String> {
    response["response"]["outputSpeech"]["ssml"]
        .as_str()
        .map(jukebox::alexa::ssml::to_plain_text)
}

/// Asserts the rules for player-event responses: directives only, never
/// speech, card or reprompt, never `shouldEndSession: false`, and
/// `expectedPreviousToken` only with ENQUEUE.
/// Every rule Alexa holds a response to for a request of type `kind`: the
/// envelope version, the directive rules, and directives only for player
/// events, SessionEnded and System requests.
pub fn assert_rules_for(kind: &str, response: &Value) {
    assert_eq!(response["version"], "1.0", "{response}");
    assert_directive_rules(response);
    if kind.starts_with("AudioPlayer.")
        || kind.starts_with("PlaybackController.")
        || kind == "SessionEndedRequest"
        || kind.starts_with("System.")
    {
        assert_player_response(response);
    }
}

pub fn assert_player_response(response: &Value) {
    assert_eq!(response["version"], "1.0", "{response}");
    let body = &response["response"];
    assert!(
        body.get("outputSpeech").is_none(),
        "player response speaks: {response}"
    );
    assert!(
        body.get("card").is_none(),
        "player response has a card: {response}"
    );
    assert!(
        body.get("reprompt").is_none(),
        "player response reprompts: {response}"
    );
    assert_ne!(
        body.get("shouldEndSession"),
        Some(&json!(false)),
        "player response keeps a session: {response}"
    );
    // "Responses to AudioPlayer requests can only include AudioPlayer
    // directives" (AudioPlayer Interface Reference): no screen here.
    for directive in body["directives"].as_array().into_iter().flatten() {
        let kind = directive["type"].as_str().unwrap_or("");
        assert!(
            kind.starts_with("AudioPlayer."),
            "player response carries {kind}: {response}"
        );
    }
    assert_directive_rules(response);
}

/// A RenderDocument Alexa accepts, by the rules Amazon documents: the
/// directive has a `token` and a `document` ("Alexa.Presentation.APL
/// Interface Reference"); the document has `type: "APL"`, a version
/// Amazon documents, and `mainTemplate.items`; every component names a
/// type; every binding to the data source names one of its fields; and a
/// screen never goes without the `AudioPlayer.Play` (REPLACE_ALL) that
/// starts what it shows, before it.
pub fn assert_apl_rules(response: &Value) {
    const COMPONENTS: [&str; 6] = [
        "Container",
        "Image",
        "Text",
        "Sequence",
        "TouchWrapper",
        "Frame",
    ];
    fn components<'a>(item: &'a Value, out: &mut Vec<&'a Value>) {
        out.push(item);
        for child in item["items"].as_array().into_iter().flatten() {
            components(child, out);
        }
        if item.get("item").is_some() {
            components(&item["item"], out);
        }
    }
    fn bindings(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::String(text) => {
                let mut rest = text.as_str();
                while let Some(start) = rest.find("${") {
                    let end = rest[start..].find('}').expect("a closed binding") + start;
                    out.push(rest[start + 2..end].to_string());
                    rest = &rest[end + 1..];
                }
            }
            Value::Array(items) => items.iter().for_each(|v| bindings(v, out)),
            Value::Object(map) => map.values().for_each(|v| bindings(v, out)),
            _ => {}
        }
    }
    let directives = response["response"]["directives"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for (i, directive) in directives.iter().enumerate() {
        if directive["type"] != "Alexa.Presentation.APL.RenderDocument" {
            continue;
        }
        assert!(
            directives[..i]
                .iter()
                .any(|d| d["type"] == "AudioPlayer.Play" && d["playBehavior"] == "REPLACE_ALL"),
            "a screen without the Play before it: {response}"
        );
        assert!(!directive["token"].as_str().unwrap_or("").is_empty());
        let document = &directive["document"];
        assert_eq!(document["type"], "APL");
        assert_eq!(document["version"], "2024.3");
        assert_eq!(document["mainTemplate"]["parameters"], json!(["payload"]));
        let items = document["mainTemplate"]["items"].as_array().expect("items");
        assert!(!items.is_empty());
        let mut all = Vec::new();
        items.iter().for_each(|item| components(item, &mut all));
        for component in &all {
            let kind = component["type"].as_str().unwrap_or("");
            assert!(COMPONENTS.contains(&kind), "component {kind}");
            for command in component["onPress"].as_array().into_iter().flatten() {
                assert_eq!(command["type"], "SendEvent");
                assert!(command["arguments"].is_array());
            }
        }
        let data = &directive["datasources"]["nowPlaying"];
        assert!(data.is_object(), "{directive}");
        let mut names = Vec::new();
        bindings(document, &mut names);
        for name in names {
            for path in name
                .split(|c: char| !(c.is_alphanumeric() || c == '.'))
                .filter(|p| p.starts_with("payload.") || p.starts_with("data."))
            {
                let field = path.rsplit('.').next().unwrap();
                match path.strip_prefix("payload.nowPlaying.") {
                    Some(field) => assert!(data.get(field).is_some(), "no field {field}"),
                    None => {
                        // `data.X` binds each entry of the next tracks.
                        let next = data["next"].as_array().expect("next");
                        assert!(next.iter().all(|n| n.get(field).is_some()), "{field}");
                    }
                }
            }
        }
    }
    let size = serde_json::to_vec(response).unwrap().len();
    assert!(size <= 24_000, "response of {size} bytes");
}

/// `expectedPreviousToken` only on ENQUEUE, tokens ≤ 1024 characters, https URLs.
pub fn assert_directive_rules(response: &Value) {
    assert_apl_rules(response);
    for directive in response["response"]["directives"]
        .as_array()
        .into_iter()
        .flatten()
    {
        if directive["type"] == "AudioPlayer.Play" {
            let stream = &directive["audioItem"]["stream"];
            let enqueue = directive["playBehavior"] == "ENQUEUE";
            assert_eq!(
                stream.get("expectedPreviousToken").is_some(),
                enqueue,
                "{directive}"
            );
            assert!(stream["token"].as_str().unwrap().len() <= 1024);
            assert!(stream["url"].as_str().unwrap().starts_with("https://"));
        }
    }
    let text = response.to_string();
    assert!(!text.contains("null"), "a field is null: {text}");
}

const WORDS: &[&str] = &[
    "love", "night", "heart", "fire", "dream", "river", "light", "summer", "rain", "blue",
    "golden", "wild", "moon", "road", "home", "city", "ghost", "sweet", "broken", "paper",
    "silver", "ocean", "dance", "stone", "winter", "morning", "shadow", "electric", "lonely",
    "forever", "midnight", "angel", "thunder", "garden",
];

/// A deterministic synthetic catalog: `n` tracks by `n / 10` artists.
pub fn synthetic_catalog(n: usize) -> Vec<Track> {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut pick = move |count: usize| -> String {
        (0..count)
            .map(|_| WORDS[(next() % WORDS.len() as u64) as usize])
            .collect::<Vec<_>>()
            .join(" ")
    };
    (0..n)
        .map(|i| Track {
            id: format!("t{i:06}"),
            title: format!("{} {}", pick(2), i),
            artist: format!("The {} {}", WORDS[(i / 10) % WORDS.len()], i / 10),
            album: Some(format!("{} {}", WORDS[(i / 12) % WORDS.len()], i / 12)),
            url: format!("https://audio.example.com/bench/t{i:06}.mp3"),
            duration_ms: Some(200_000),
            image_url: None,
            rank: None,
            position: 0,
            ..Default::default()
        })
        .collect()
}

/// Every file under `root`, in path order.
pub fn files_under(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// A TLS-terminating proxy to `upstream` on a free loopback port: its
/// `https://` endpoint and the PEM of the CA that signed its certificate.
pub async fn tls_proxy(upstream: SocketAddr) -> (String, String) {
    let (ca_pem, config) = probe_server::certificates("jukebox test CA (TLS proxy)");
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(socket).await else {
                    return;
                };
                let Ok(mut plain) = TcpStream::connect(upstream).await else {
                    return;
                };
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
            });
        }
    });
    (format!("https://127.0.0.1:{port}"), ca_pem)
}

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts `command` (a shell command line that serves on `port`) under a
/// watchdog shell that stops it once this test process is gone, so no
/// server outlives the run; returns when the port accepts connections.
pub fn start_local_server(what: &str, command: &str, port: u16) -> std::process::Child {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let script = format!(
        "{command} & S=$!; \
         while kill -0 {parent} 2>/dev/null && kill -0 $S 2>/dev/null; do sleep 0.5; done; kill $S 2>/dev/null",
        parent = std::process::id(),
    );
    let watchdog = Command::new("sh")
        .arg("-c")
        .arg(script)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("sh cannot start {what}: {e}"));
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "{what} did not listen on port {port} within 60 s"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    watchdog
}

pub mod dynamodb;
pub mod lambda;
pub mod lwa_server;
pub mod m4a;
pub mod probe_server;
pub mod s3;
pub mod waiting;

/// An endpoint on 127.0.0.1 that accepts connections, reads, and never
/// answers (a stalled DynamoDB or CDN): `http://IP:PORT`, alive as long as
/// the calling test's runtime.
pub async fn stalling_endpoint() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    format!("http://{address}")
}
