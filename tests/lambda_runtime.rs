//! End to end through the real Lambda runtime: the `jukebox-lambda` binary
//! cargo built for these tests, polling cargo-lambda's Runtime API emulator
//! (`cargo lambda watch --only-lambda-apis`), invoked over HTTP the way
//! Lambda's Invoke API is, with its stores in DynamoDB Local holding the
//! sample catalog imported by `jukebox catalog import`. Nothing is skipped:
//! without cargo-lambda (installed into `.venv/` by `scripts/test`) or
//! DynamoDB Local these tests fail.

mod support;

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::{
    assert_player_response, event, event_about, events_dir, play_directive, speech, SKILL_ID,
};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// cargo-lambda from `.venv/` (or `CARGO_LAMBDA`), which also holds the
/// `python3` with `ziglang` that cargo-lambda expects first on PATH.
fn cargo_lambda() -> (PathBuf, String) {
    let venv_bin = root().join(".venv/bin");
    let program = std::env::var_os("CARGO_LAMBDA")
        .map(PathBuf::from)
        .unwrap_or_else(|| venv_bin.join("cargo-lambda"));
    assert!(
        program.exists(),
        "cargo-lambda not found at {}: run ./scripts/test, which installs it into .venv/",
        program.display()
    );
    let path = format!(
        "{}:{}",
        venv_bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    (program, path)
}

/// A free local port not handed to another test of this process: Linux may
/// give the same ephemeral port to two quick `bind(0)`s, and two functions
/// polling one emulator would share (and split) its invocations.
fn free_port() -> u16 {
    static GIVEN: std::sync::Mutex<Vec<u16>> = std::sync::Mutex::new(Vec::new());
    let mut given = GIVEN.lock().unwrap();
    loop {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free local port");
        if !given.contains(&port) {
            given.push(port);
            return port;
        }
    }
}

/// A child process killed (by its own id) when the test ends, its output in files.
struct Process {
    name: &'static str,
    child: Child,
    stdout: PathBuf,
    stderr: PathBuf,
}

impl Process {
    fn spawn(name: &'static str, mut command: Command, dir: &Path) -> Self {
        let stdout = dir.join(format!("{name}.stdout"));
        let stderr = dir.join(format!("{name}.stderr"));
        let child = command
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&stdout).unwrap())
            .stderr(std::fs::File::create(&stderr).unwrap())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {name}: {e}"));
        Process {
            name,
            child,
            stdout,
            stderr,
        }
    }

    fn output(&self) -> String {
        let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
        format!(
            "--- {} stdout\n{}--- {} stderr\n{}",
            self.name,
            read(&self.stdout),
            self.name,
            read(&self.stderr)
        )
    }

    fn stdout(&self) -> String {
        std::fs::read_to_string(&self.stdout).unwrap_or_default()
    }

    fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().ok().flatten()
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Where the function finds its stores: DynamoDB Local, with fresh tables
/// and the sample catalog imported by `jukebox catalog import FILE --table
/// NAME`, the command the deploy guide uses. The function gets the same
/// environment it gets on Lambda (`CATALOG_TABLE`, `PLAYBACK_TABLE`), plus
/// the endpoint and fake credentials of DynamoDB Local.
struct Stores {
    env: Vec<(String, String)>,
}

async fn stores() -> Stores {
    let (catalog_table, playback_table) = support::dynamodb::create_tables().await;
    let aws_env: Vec<(String, String)> = support::dynamodb::aws_env()
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    let import = Command::new(env!("CARGO_BIN_EXE_jukebox"))
        .args(["catalog", "import", "catalog/sample.jsonl", "--table"])
        .arg(&catalog_table)
        .current_dir(root())
        .envs(aws_env.iter().cloned())
        .output()
        .expect("jukebox catalog import runs");
    assert!(
        import.status.success(),
        "jukebox catalog import failed:\n{}{}",
        String::from_utf8_lossy(&import.stdout),
        String::from_utf8_lossy(&import.stderr)
    );
    let mut env = aws_env;
    env.push(("CATALOG_TABLE".to_string(), catalog_table));
    env.push(("PLAYBACK_TABLE".to_string(), playback_table));
    Stores { env }
}

/// The emulator and the function polling it.
struct Lambda {
    port: u16,
    emulator: Process,
    function: Process,
    http: reqwest::Client,
    _stores: Stores,
    _dir: tempfile::TempDir,
}

impl Lambda {
    async fn start() -> Self {
        Self::start_with(vec![("SKILL_ID".to_string(), SKILL_ID.to_string())]).await
    }

    async fn start_with(env: Vec<(String, String)>) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let (cargo_lambda, path) = cargo_lambda();
        let port = free_port();
        let mut watch = Command::new(cargo_lambda);
        watch
            .args([
                "lambda",
                "watch",
                "--only-lambda-apis",
                "-A",
                "127.0.0.1",
                "-P",
            ])
            .arg(port.to_string())
            .current_dir(root())
            .env("PATH", path)
            .env("NO_COLOR", "1");
        let mut emulator = Process::spawn("cargo-lambda", watch, dir.path());
        wait_for_emulator(port, &mut emulator).await;

        let stores = stores().await;
        let mut function = Command::new(env!("CARGO_BIN_EXE_jukebox-lambda"));
        function
            .env_remove("JUKEBOX_ACCEPT_ANY_SKILL")
            .env_remove("SKILL_ID")
            .env_remove("CATALOG_TABLE")
            .env_remove("PLAYBACK_TABLE")
            .env_remove("RUST_LOG")
            // What cargo-lambda says the function needs, as Lambda sets them.
            .env(
                "AWS_LAMBDA_RUNTIME_API",
                format!("http://127.0.0.1:{port}/.rt"),
            )
            .env("AWS_LAMBDA_FUNCTION_NAME", "_")
            .env("AWS_LAMBDA_FUNCTION_VERSION", "1")
            .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256")
            // What template.yaml's LoggingConfig makes Lambda set.
            .env("AWS_LAMBDA_LOG_FORMAT", "JSON")
            .env("AWS_LAMBDA_LOG_LEVEL", "INFO")
            .envs(stores.env.iter().cloned())
            .envs(env);
        let function = Process::spawn("jukebox-lambda", function, dir.path());
        Lambda {
            port,
            emulator,
            function,
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(20))
                .build()
                .unwrap(),
            _stores: stores,
            _dir: dir,
        }
    }

    /// One invocation through the emulator's Invoke API: the response JSON,
    /// or the HTTP status and body of a function error.
    async fn invoke(&mut self, payload: &Value) -> Result<Value, (u16, Value)> {
        let url = format!(
            "http://127.0.0.1:{}/2015-03-31/functions/_/invocations",
            self.port
        );
        let response = match self.http.post(&url).json(payload).send().await {
            Ok(response) => response,
            Err(err) => panic!("invoke failed: {err}\n{}", self.logs()),
        };
        let status = response.status().as_u16();
        let body = response.text().await.unwrap();
        let json: Value = serde_json::from_str(&body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {body}\n{}", self.logs()));
        if status == 200 {
            Ok(json)
        } else {
            Err((status, json))
        }
    }

    async fn answer(&mut self, payload: &Value) -> Value {
        match self.invoke(payload).await {
            Ok(response) => response,
            Err((status, body)) => panic!("function error {status}: {body}\n{}", self.logs()),
        }
    }

    fn logs(&mut self) -> String {
        let exited = self
            .function
            .exited()
            .map(|s| format!("jukebox-lambda exited: {s}\n"))
            .unwrap_or_default();
        format!(
            "{exited}{}\n{}",
            self.function.output(),
            self.emulator.output()
        )
    }
}

/// Waits until this emulator (not some other process) serves `port`.
async fn wait_for_emulator(port: u16, emulator: &mut Process) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let listening = format!("runtime_addr=127.0.0.1:{port}");
    while !emulator.output().contains(&listening)
        || TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err()
    {
        if let Some(status) = emulator.exited() {
            panic!(
                "the Runtime API emulator exited ({status}):\n{}",
                emulator.output()
            );
        }
        assert!(
            Instant::now() < deadline,
            "the Runtime API emulator did not listen on {port} within 60 s:\n{}",
            emulator.output()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn play_then_started_then_nearly_finished_through_the_runtime() {
    let mut lambda = Lambda::start().await;

    let play = lambda
        .answer(&event("play-music-song-and-artist.json"))
        .await;
    let directive = play_directive(&play).expect("a Play directive");
    assert_eq!(directive["playBehavior"], "REPLACE_ALL", "{play}");
    let stream = &directive["audioItem"]["stream"];
    let token = stream["token"].as_str().unwrap().to_string();
    assert!(
        stream["url"].as_str().unwrap().starts_with("https://"),
        "{play}"
    );
    assert!(
        speech(&play)
            .unwrap_or_default()
            .contains("Bohemian Rhapsody"),
        "{play}"
    );

    let started = lambda
        .answer(&event_about("playback-started.json", &token, 0))
        .await;
    assert_player_response(&started);

    let nearly = lambda
        .answer(&event_about(
            "playback-nearly-finished.json",
            &token,
            340_000,
        ))
        .await;
    assert_player_response(&nearly);
    let next = play_directive(&nearly).expect("a Play directive");
    assert_eq!(next["playBehavior"], "ENQUEUE", "{nearly}");
    let next_stream = &next["audioItem"]["stream"];
    assert_eq!(
        next_stream["expectedPreviousToken"],
        json!(token),
        "{nearly}"
    );
    let next_token = next_stream["token"].as_str().unwrap();
    assert_ne!(next_token, token);
    assert!(next_stream["url"].as_str().unwrap().starts_with("https://"));

    // Alexa may send the same event twice: the next track is enqueued once.
    let again = lambda
        .answer(&event_about(
            "playback-nearly-finished.json",
            &token,
            340_000,
        ))
        .await;
    assert_player_response(&again);
    assert!(!has_directives(&again), "enqueued twice: {again}");

    let now_playing = lambda.answer(&event("now-playing-intent.json")).await;
    assert!(
        speech(&now_playing)
            .unwrap_or_default()
            .contains("Bohemian Rhapsody"),
        "{now_playing}"
    );

    // The function logged JSON (as LoggingConfig asks) and never a full user id.
    let user_id = event("play-music-song-and-artist.json")["context"]["System"]["user"]["userId"]
        .as_str()
        .unwrap()
        .to_string();
    let logs = lambda.function.stdout();
    let lines: Vec<&str> = logs.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(!lines.is_empty(), "no logs:\n{}", lambda.logs());
    assert!(
        logs.contains("using DynamoDB"),
        "the function did not use the DynamoDB tables:\n{}",
        lambda.logs()
    );
    for line in lines {
        let record: Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("log line is not JSON ({e}): {line}"));
        assert!(record.get("level").is_some(), "{line}");
        assert!(
            !line.contains(&user_id),
            "a full user id in the logs: {line}"
        );
    }
}

#[tokio::test]
async fn every_envelope_in_tests_events_is_answered_through_the_runtime() {
    let mut lambda = Lambda::start().await;
    let mut names: Vec<String> = std::fs::read_dir(events_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    assert!(names.len() >= 20, "only {} envelopes", names.len());
    for name in &names {
        let envelope = event(name);
        if name.contains("wrong-skill") {
            let refused = lambda.invoke(&envelope).await;
            assert!(refused.is_err(), "{name} answered: {refused:?}");
            continue;
        }
        let response = lambda.answer(&envelope).await;
        assert_eq!(response["version"], "1.0", "{name}: {response}");
        assert!(response["response"].is_object(), "{name}: {response}");
        let kind = envelope["request"]["type"].as_str().unwrap();
        if kind.starts_with("AudioPlayer.") || kind.starts_with("PlaybackController.") {
            assert_player_response(&response);
        }
        if kind == "LaunchRequest" || kind == "IntentRequest" {
            assert!(
                !speech(&response).unwrap_or_default().is_empty() || has_directives(&response),
                "{name}: {response}"
            );
        }
    }
}

fn has_directives(response: &Value) -> bool {
    response["response"]["directives"]
        .as_array()
        .is_some_and(|d| !d.is_empty())
}

#[tokio::test]
async fn a_request_for_another_skill_is_a_lambda_error_and_the_function_keeps_serving() {
    let mut lambda = Lambda::start().await;
    let other_skill = "amzn1.ask.skill.11111111-2222-3333-4444-555555555555";
    let mut envelope = event("launch-request.json");
    envelope["session"]["application"]["applicationId"] = json!(other_skill);
    envelope["context"]["System"]["application"]["applicationId"] = json!(other_skill);

    let (status, error) = lambda
        .invoke(&envelope)
        .await
        .expect_err("a request for another skill must fail");
    assert!(status >= 400, "{status}");
    let message = error["errorMessage"].as_str().unwrap_or_default();
    assert!(message.contains("request is for skill"), "{error}");
    assert!(!message.contains(other_skill), "full skill id in {error}");
    assert_eq!(error["errorType"], "WrongSkillId", "{error}");

    let (_, error) = lambda
        .invoke(&json!({"hello": "world"}))
        .await
        .expect_err("a non-envelope must fail");
    assert!(
        error["errorMessage"]
            .as_str()
            .unwrap_or_default()
            .contains("not an Alexa request envelope"),
        "{error}"
    );
    assert_eq!(error["errorType"], "NotAnAlexaEnvelope", "{error}");

    let launch = lambda.answer(&event("launch-request.json")).await;
    assert!(!speech(&launch).unwrap_or_default().is_empty(), "{launch}");
}

#[tokio::test]
async fn without_a_skill_id_the_function_does_not_start() {
    let mut lambda = Lambda::start_with(Vec::new()).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = lambda.function.exited() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "still running:\n{}",
            lambda.logs()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(!status.success());
    assert!(
        lambda.function.output().contains("SKILL_ID is not set"),
        "{}",
        lambda.logs()
    );
}
