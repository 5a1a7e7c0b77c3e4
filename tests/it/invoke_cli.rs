//! `jukebox invoke` as another program uses it: a conversation over stdin,
//! answered line by line, and catalog files refused whole.

use crate::support;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use serde_json::Value;
use support::*;

#[test]
fn stdin_is_answered_line_by_line_as_it_arrives() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jukebox"))
        .args(["invoke", "-"])
        .env("SKILL_ID", SKILL_ID)
        .env("RUST_LOG", "off")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut listener = Listener::new("pipe", "echo");

    // Each answer is read before the next request is written: nothing waits for EOF.
    let mut ask = |envelope: Value| -> Value {
        writeln!(stdin, "{envelope}").unwrap();
        stdin.flush().unwrap();
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        serde_json::from_str(&line).unwrap()
    };
    let play = ask(listener.play(Some("hey jude"), Some("the beatles")));
    let token = played_token(&play).unwrap();
    assert_eq!(token_track(&token), "beatles-hey-jude");
    let started = ask(listener.player_event("PlaybackStarted", &token, 0));
    assert_eq!(
        started,
        serde_json::json!({"version": "1.0", "response": {}})
    );
    // State is kept across the lines of one run.
    let nearly = ask(listener.player_event("PlaybackNearlyFinished", &token, 400_000));
    assert_eq!(play_directive(&nearly).unwrap()["playBehavior"], "ENQUEUE");
    let garbage = ask(Value::String("{not json".into()));
    let error = garbage["error"].as_str().unwrap();
    assert!(
        error.starts_with("not an Alexa request envelope"),
        "{error}"
    );
    // A line that is not JSON at all is refused on its own line too.
    writeln!(stdin, "{{not json").unwrap();
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let refused: Value = serde_json::from_str(&line).unwrap();
    assert!(
        refused["error"].as_str().unwrap().starts_with("not JSON"),
        "{refused}"
    );
    drop(stdin);
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "a refused line makes the exit status non-zero"
    );
}

#[test]
fn a_catalog_with_bad_rows_is_refused_with_every_row_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalog.jsonl");
    std::fs::write(
        &path,
        concat!(
            r#"{"id":"a","title":"Good","artist":"Band","url":"https://e.example/a.mp3"}"#, "\n",
            r#"{"id":"b","title":"Plain","artist":"Band","url":"http://e.example/b.mp3"}"#, "\n",
            r#"{"id":"c","title":"No artist","url":"https://e.example/c.mp3","image_url":"ftp://x"}"#, "\n",
        ),
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_jukebox"))
        .args(["invoke", "--catalog"])
        .arg(&path)
        .arg(events_dir().join("launch-request.json"))
        .env("RUST_LOG", "off")
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(
        output.stdout.is_empty(),
        "nothing is answered from a half-loaded catalog"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("2 invalid row(s)"), "{stderr}");
    assert!(stderr.contains("line 2 (id b): url is http://"), "{stderr}");
    assert!(
        stderr.contains("line 3 (id c): artist is missing; image_url is not an https:// URL"),
        "{stderr}"
    );
}

#[test]
fn without_skill_id_local_runs_accept_any_and_say_so() {
    let output = Command::new(env!("CARGO_BIN_EXE_jukebox"))
        .arg("invoke")
        .arg(events_dir().join("wrong-skill-id.json"))
        .env_remove("SKILL_ID")
        .env("RUST_LOG", "off")
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("SKILL_ID is not set; accepting requests for any skill id"),
        "{stderr}"
    );
    let response: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(speech(&response).unwrap().starts_with("Welcome to jukebox"));
}
