//! The Lambda binary under a real Lambda Runtime API: cargo-lambda's
//! emulator started on a free port, the `jukebox-lambda` process with the
//! environment Lambda gives it, invocations over HTTP, stores in DynamoDB
//! Local. Shared by `tests/it/lambda_runtime.rs` and `benches/lambda_runtime.rs`.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// cargo-lambda from `.venv/` (or `CARGO_LAMBDA`), which also holds the
/// `python3` with `ziglang` that cargo-lambda expects first on PATH.
pub fn cargo_lambda() -> (PathBuf, String) {
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
pub fn free_port() -> u16 {
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
pub struct Process {
    name: &'static str,
    child: Child,
    stdout: PathBuf,
    stderr: PathBuf,
}

impl Process {
    pub fn spawn(name: &'static str, mut command: Command, dir: &Path) -> Self {
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

    pub fn output(&self) -> String {
        let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
        format!(
            "--- {} stdout\n{}--- {} stderr\n{}",
            self.name,
            read(&self.stdout),
            self.name,
            read(&self.stderr)
        )
    }

    pub fn stdout(&self) -> String {
        std::fs::read_to_string(&self.stdout).unwrap_or_default()
    }

    pub fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    pub fn id(&self) -> u32 {
        self.child.id()
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
pub struct Stores {
    pub env: Vec<(String, String)>,
}

pub async fn stores() -> Stores {
    let (catalog_table, playback_table) = super::dynamodb::create_tables().await;
    let aws_env: Vec<(String, String)> = super::dynamodb::aws_env()
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

/// Starts the Runtime API emulator on `port`, its output in `dir`, and
/// waits until it serves.
pub async fn start_emulator(port: u16, dir: &Path) -> Process {
    let (cargo_lambda, path) = cargo_lambda();
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
    let mut emulator = Process::spawn("cargo-lambda", watch, dir);
    wait_for_emulator(port, &mut emulator).await;
    emulator
}

/// The `jukebox-lambda` command polling the emulator on `port`, with the
/// environment Lambda sets (and template.yaml's logging), then `env`.
pub fn function_command(port: u16, env: &[(String, String)]) -> Command {
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
        .envs(env.iter().cloned());
    function
}

/// One invocation through the emulator's Invoke API: the response JSON, or
/// the HTTP status and body of a function error.
pub async fn invoke(
    http: &reqwest::Client,
    port: u16,
    payload: &Value,
) -> Result<Value, (u16, String)> {
    let url = format!("http://127.0.0.1:{port}/2015-03-31/functions/_/invocations");
    let response = http
        .post(&url)
        .json(payload)
        .send()
        .await
        .map_err(|err| (0, format!("invoke failed: {err}")))?;
    let status = response.status().as_u16();
    let body = response
        .text()
        .await
        .map_err(|err| (status, err.to_string()))?;
    match serde_json::from_str(&body) {
        Ok(json) if status == 200 => Ok(json),
        _ => Err((status, body)),
    }
}
