//! End to end through the real Lambda runtime: the `jukebox-lambda` binary
//! cargo built for these tests, polling cargo-lambda's Runtime API emulator
//! (`cargo lambda watch --only-lambda-apis`), invoked over HTTP the way
//! Lambda's Invoke API is, with its stores in DynamoDB Local holding the
//! sample catalog imported by `jukebox catalog import`. Nothing is skipped:
//! without cargo-lambda (installed into `.venv/` by `scripts/test`) or
//! DynamoDB Local these tests fail.

use crate::support;

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::lambda::{free_port, function_command, start_emulator, stores, Process, Stores};
use support::{assert_player_response, event, event_about, play_directive, speech, SKILL_ID};

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
        let port = free_port();
        let emulator = start_emulator(port, dir.path()).await;
        let stores = stores().await;
        let mut function = function_command(port, &stores.env);
        function.envs(env);
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
        match support::lambda::invoke(&self.http, self.port, payload).await {
            Ok(response) => Ok(response),
            Err((0, err)) => panic!("{err}\n{}", self.logs()),
            Err((status, body)) => match serde_json::from_str(&body) {
                Ok(json) => Err((status, json)),
                Err(e) => panic!("not JSON ({e}): {body}\n{}", self.logs()),
            },
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
            .map(|s| format!("jukebox-lambda (pid {}) exited: {s}\n", self.function.id()))
            .unwrap_or_default();
        format!(
            "{exited}{}\n{}",
            self.function.output(),
            self.emulator.output()
        )
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

    // The device reports the stream it plays with the request.
    let mut asked = event("now-playing-intent.json");
    asked["context"]["AudioPlayer"] =
        json!({"token": token, "offsetInMilliseconds": 341_000, "playerActivity": "PLAYING"});
    let now_playing = lambda.answer(&asked).await;
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
    let mut metrics = Vec::new();
    for line in lines {
        let record: Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("log line is not JSON ({e}): {line}"));
        assert!(
            !line.contains(&user_id),
            "a full user id in the logs: {line}"
        );
        // One CloudWatch EMF record per request, beside the logs.
        if record.get("_aws").is_some() {
            crate::metrics::validate_emf(line).unwrap_or_else(|e| panic!("{e}: {line}"));
            metrics.push(record);
        } else {
            assert!(record.get("level").is_some(), "{line}");
        }
    }
    let kinds: Vec<&str> = metrics
        .iter()
        .map(|m| m["RequestType"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "PlayMusicIntent",
            "AudioPlayer.PlaybackStarted",
            "AudioPlayer.PlaybackNearlyFinished",
            "AudioPlayer.PlaybackNearlyFinished",
            "NowPlayingIntent"
        ]
    );
    for record in &metrics {
        assert_eq!(
            record["Function"], "_",
            "AWS_LAMBDA_FUNCTION_NAME: {record}"
        );
        assert_eq!(record["Requests"], 1);
        assert_eq!(record["HandlerErrors"], 0);
        assert!(record["DynamoDbCalls"].as_u64().unwrap() >= 1, "{record}");
        assert_eq!(record["DynamoDbErrors"], 0);
        assert!(record["HandlerLatency"].as_f64().unwrap() > 0.0);
    }
    assert_eq!(
        metrics[1]["PlaysStarted"], 1,
        "the start of a track is a play"
    );
    assert_eq!(metrics[0]["PlaysStarted"], 0);
}

#[tokio::test]
async fn every_envelope_in_tests_events_is_answered_through_the_runtime() {
    let mut lambda = Lambda::start().await;
    let mut names: Vec<String> = support::event_files()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
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

/// At the most talkative level the template allows (TRACE), the function's
/// log still holds no access token and no full user id: the runtime's and
/// the AWS SDK's own TRACE lines (the raw event, DynamoDB bodies) are held
/// at INFO.
#[tokio::test]
async fn at_trace_level_the_log_holds_no_token_and_no_user_id() {
    let mut lambda = Lambda::start_with(vec![
        ("SKILL_ID".to_string(), SKILL_ID.to_string()),
        ("AWS_LAMBDA_LOG_LEVEL".to_string(), "TRACE".to_string()),
        ("AWS_LAMBDA_LOG_FORMAT".to_string(), "JSON".to_string()),
    ])
    .await;
    let token = "Atza|IwEBIsecret-access-token-4711";
    let user = "amzn1.ask.account.AFULLUSERIDTHATMUSTNOTBELOGGED";
    let mut envelope = event("play-music-song-and-artist.json");
    envelope["context"]["System"]["user"]["userId"] = json!(user);
    envelope["context"]["System"]["user"]["accessToken"] = json!(token);
    envelope["session"]["user"]["userId"] = json!(user);
    envelope["session"]["user"]["accessToken"] = json!(token);
    let response = lambda.answer(&envelope).await;
    assert!(play_directive(&response).is_some(), "{response}");
    // The metric record is written after the answer: wait for it, so the
    // log read below holds the whole invocation.
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut logs = lambda.logs();
    while !logs.contains("CloudWatchMetrics") && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
        logs = lambda.logs();
    }
    assert!(logs.contains("CloudWatchMetrics"), "{logs}");
    for secret in [
        token,
        "secret-access-token",
        user,
        "AFULLUSERIDTHATMUSTNOTBELOGGED",
    ] {
        assert!(!logs.contains(secret), "{secret} in the log:\n{logs}");
    }
}
