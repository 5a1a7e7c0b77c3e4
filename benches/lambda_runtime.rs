//! The Lambda binary through the real Lambda runtime: cold start (process
//! start to first response, through cargo-lambda's Runtime API emulator),
//! warm latency per event, and peak memory, on the embedded stores and on
//! DynamoDB Local (with DynamoDB Local's own request latency for reference).
//! Prints figures; run manually:
//!
//! ```sh
//! ./scripts/test   # once: installs cargo-lambda into .venv/
//! cargo bench --bench lambda_runtime
//! ```
//!
//! Targets: cold start < 15 ms, warm median < 1 ms above the
//! store's own latency, peak memory < 30 MB.

use std::time::{Duration, Instant};

use serde_json::Value;

// The tests' support, shared: this bench uses the Lambda and DynamoDB parts.
#[allow(dead_code)]
#[path = "../tests/it/support/mod.rs"]
mod support;

use support::lambda::{free_port, function_command, start_emulator, stores, Process};
use support::{dynamodb, event, event_about, SKILL_ID};

/// Rounds under `cargo bench`; `cargo test --all-targets` (no `--bench`
/// argument) runs one quick round of everything instead, so CI keeps this
/// bench working without paying for it.
fn rounds() -> (usize, usize) {
    if std::env::args().any(|a| a == "--bench") {
        (30, 300)
    } else {
        (1, 3)
    }
}

/// DynamoDB Local's own latency: a GetItem and a Query through the SDK, as
/// the Lambda's client makes them.
async fn dynamodb_baseline(env: &[(String, String)]) {
    use aws_sdk_dynamodb::types::AttributeValue;
    let table = |name: &str| {
        env.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .expect("table name")
    };
    let client = dynamodb::client(jukebox::store::dynamodb::ClientUse::Answering);
    let (catalog, playback) = (table("CATALOG_TABLE"), table("PLAYBACK_TABLE"));
    let mut get = Vec::new();
    let mut query = Vec::new();
    for _ in 0..rounds().1 {
        let t = Instant::now();
        client
            .get_item()
            .table_name(&playback)
            .key("pk", AttributeValue::S("nobody".into()))
            .send()
            .await
            .expect("GetItem");
        get.push(t.elapsed());
        let t = Instant::now();
        client
            .query()
            .table_name(&catalog)
            .key_condition_expression("pk = :pk")
            .expression_attribute_values(":pk", AttributeValue::S("a:queen".into()))
            .limit(25)
            .send()
            .await
            .expect("Query");
        query.push(t.elapsed());
    }
    println!("DynamoDB Local's own latency (SDK, same machine):");
    println!("  {:<36} {}", "GetItem", stats(get));
    println!("  {:<36} {}", "Query (25 items max)", stats(query));
}

/// The function process, polling the emulator on `port`, its output in `dir`.
fn start_function(port: u16, store_env: &[(String, String)], dir: &std::path::Path) -> Process {
    let mut command = function_command(port, store_env);
    command.env("SKILL_ID", SKILL_ID);
    Process::spawn("jukebox-lambda", command, dir)
}

async fn invoke(http: &reqwest::Client, port: u16, payload: &Value) -> Value {
    match support::lambda::invoke(http, port, payload).await {
        Ok(response) => response,
        Err((status, body)) => panic!("invoke failed ({status}): {body}"),
    }
}

fn peak_rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn stats(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    format!(
        "median {:>8.3} ms  p95 {:>8.3} ms  min {:>8.3} ms  (n={})",
        at(0.5).as_secs_f64() * 1e3,
        at(0.95).as_secs_f64() * 1e3,
        samples[0].as_secs_f64() * 1e3,
        samples.len()
    )
}

fn token_of(response: &Value) -> String {
    response["response"]["directives"][0]["audioItem"]["stream"]["token"]
        .as_str()
        .expect("a Play directive")
        .to_string()
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let port = free_port();
    let _emulator = start_emulator(port, dir.path()).await;
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .expect("HTTP client");
    let binary = std::path::Path::new(env!("CARGO_BIN_EXE_jukebox-lambda"));
    println!(
        "binary {} ({} bytes)",
        binary.display(),
        std::fs::metadata(binary).map(|m| m.len()).unwrap_or(0)
    );
    println!("\n== embedded stores (CATALOG_TABLE unset)");
    run(&http, port, &[], dir.path()).await;
    let env = stores().await.env;
    println!("\n== DynamoDB Local (catalog imported by jukebox catalog import)");
    dynamodb_baseline(&env).await;
    run(&http, port, &env, dir.path()).await;
}

async fn run(
    http: &reqwest::Client,
    port: u16,
    store_env: &[(String, String)],
    dir: &std::path::Path,
) {
    // Cold start: the invocation is already waiting when the process starts,
    // as on Lambda; timed from spawn to the response.
    let launch = event("launch-request.json");
    let mut cold = Vec::new();
    for _ in 0..rounds().0 {
        let pending = {
            let http = http.clone();
            let launch = launch.clone();
            tokio::spawn(async move { invoke(&http, port, &launch).await })
        };
        tokio::time::sleep(Duration::from_millis(20)).await;
        let started = Instant::now();
        let function = start_function(port, store_env, dir);
        pending.await.expect("invoke task");
        cold.push(started.elapsed());
        drop(function);
    }
    println!(
        "cold start (spawn -> first response, LaunchRequest): {}",
        stats(cold)
    );

    // Warm: one process, many events.
    let function = start_function(port, store_env, dir);
    invoke(http, port, &launch).await;
    let play = event("play-music-song-and-artist.json");
    let mut rows: Vec<(&str, Vec<Duration>)> = Vec::new();
    let time = |name: &'static str, rows: &mut Vec<(&str, Vec<Duration>)>, d: Duration| match rows
        .iter_mut()
        .find(|(n, _)| *n == name)
    {
        Some((_, v)) => v.push(d),
        None => rows.push((name, vec![d])),
    };
    for _ in 0..rounds().1 {
        let t = Instant::now();
        invoke(http, port, &launch).await;
        time("LaunchRequest", &mut rows, t.elapsed());

        let t = Instant::now();
        let played = invoke(http, port, &play).await;
        time("PlayMusicIntent (song + artist)", &mut rows, t.elapsed());
        let token = token_of(&played);

        let started = event_about("playback-started.json", &token, 0);
        let t = Instant::now();
        invoke(http, port, &started).await;
        time("AudioPlayer.PlaybackStarted", &mut rows, t.elapsed());

        let nearly = event_about("playback-nearly-finished.json", &token, 340_000);
        let t = Instant::now();
        let enqueued = invoke(http, port, &nearly).await;
        time("AudioPlayer.PlaybackNearlyFinished", &mut rows, t.elapsed());
        assert_eq!(
            enqueued["response"]["directives"][0]["playBehavior"],
            "ENQUEUE"
        );

        let now = event("now-playing-intent.json");
        let t = Instant::now();
        invoke(http, port, &now).await;
        time("NowPlayingIntent", &mut rows, t.elapsed());
    }
    println!("warm, per event, through the emulator (HTTP invoke + runtime poll + handler):");
    for (name, samples) in rows {
        println!("  {name:<36} {}", stats(samples));
    }
    let pid = function.id();
    println!(
        "peak memory of the function process (VmHWM): {:.1} MB",
        peak_rss_kb(pid) as f64 / 1024.0
    );
}
