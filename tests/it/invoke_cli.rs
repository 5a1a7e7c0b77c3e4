//! `jukebox invoke` as another program uses it: a conversation over stdin,
//! answered line by line, and catalog files refused whole.

use crate::support;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use serde_json::{json, Value};
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

/// Runs `jukebox invoke -` on `input`: its exit code and output lines.
fn invoke_stdin(input: &[u8]) -> (Option<i32>, Vec<String>) {
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
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    (
        output.status.code(),
        text.lines().map(str::to_string).collect(),
    )
}

/// The README promises one output line per input line: a blank line
/// (empty, spaces, a lone CR) gets its error line too.
#[test]
fn a_blank_line_gets_its_own_error_line() {
    let launch = event("launch-request.json").to_string();
    let input = format!("{launch}\n\n   \n\r\n{launch}\n");
    let (code, lines) = invoke_stdin(input.as_bytes());
    assert_eq!(lines.len(), 5, "{lines:?}");
    let answers: Vec<Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(answers[0]["response"].is_object());
    for (i, answer) in answers[1..4].iter().enumerate() {
        assert_eq!(
            answer["error"],
            format!("line {} is blank: one envelope a line", i + 2)
        );
    }
    assert_eq!(answers[4], answers[0], "the stream went on");
    assert_eq!(
        code,
        Some(1),
        "a refused line makes the exit status non-zero"
    );
}

/// One line that is not UTF-8 must not stop the whole stream, and a line
/// of any length must not be held whole in memory.
#[test]
fn an_unreadable_or_endless_line_gets_its_own_error_and_the_stream_goes_on() {
    let launch = event("launch-request.json").to_string();
    let mut input = Vec::new();
    input.extend_from_slice(launch.as_bytes());
    input.extend_from_slice(b"\n{\"version\": \"1.0\", \"x\": \"\xff\xfe\"}\n");
    input.extend(std::iter::repeat_n(b'x', 7 * 1024 * 1024));
    input.push(b'\n');
    input.extend_from_slice(launch.as_bytes());
    input.extend_from_slice(b"\r\n");
    let (code, lines) = invoke_stdin(&input);
    assert_eq!(lines.len(), 4, "{lines:?}");
    let answers: Vec<Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(answers[0]["response"].is_object());
    assert_eq!(
        answers[1]["error"],
        "line 2 is not UTF-8 (invalid byte at 25)"
    );
    assert_eq!(
        answers[2]["error"],
        "line 3 is longer than an envelope may be (6291456 bytes)"
    );
    assert_eq!(answers[3], answers[0], "the stream went on");
    assert_eq!(code, Some(1), "refused lines make the exit status non-zero");
}

mod arbitrary_bytes {
    use super::*;
    use proptest::prelude::*;

    /// A line as a hostile or broken client might send it: random bytes, or
    /// a real envelope with a few bytes overwritten.
    fn line() -> impl Strategy<Value = Vec<u8>> {
        let envelope = event("play-music-song-and-artist.json")
            .to_string()
            .into_bytes();
        let mutated = prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6)
            .prop_map(move |edits| {
                let mut bytes = envelope.clone();
                for (at, byte) in edits {
                    let i = at.index(bytes.len());
                    bytes[i] = byte;
                }
                bytes
            });
        prop_oneof![prop::collection::vec(any::<u8>(), 0..120), mutated].prop_map(|mut bytes| {
            bytes.retain(|&b| b != b'\n');
            bytes
        })
    }

    /// How many lines `invoke` reads from `lines` joined by newlines: every
    /// one (blank ones too), but an empty last one, which is only the end
    /// of the input after a final newline.
    fn lines_read(lines: &[Vec<u8>]) -> usize {
        lines.len() - usize::from(lines.last().is_some_and(Vec::is_empty))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Arbitrary bytes, line by line: one JSON line out per
        /// line in, and never a panic.
        #[test]
        fn one_json_answer_per_line_whatever_the_bytes(lines in prop::collection::vec(line(), 1..8)) {
            let input = lines.join(&b'\n');
            let skill = embedded_skill(sample_tracks());
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            let mut out = Vec::new();
            let summary = runtime
                .block_on(jukebox::invoke::run_lines(&skill, &input[..], &mut out))
                .unwrap();
            let expected = lines_read(&lines);
            let text = String::from_utf8(out).unwrap();
            let outputs: Vec<&str> = text.lines().collect();
            prop_assert_eq!(outputs.len(), expected);
            prop_assert_eq!(summary.answered + summary.refused, expected);
            for output in outputs {
                let value: Value = serde_json::from_str(output).unwrap();
                prop_assert!(value["response"].is_object() || value["error"].is_string(), "{}", output);
            }
        }
    }
}

/// Values from a request are never logged raw: a request type holding a
/// newline and an escape sequence must not forge a log record.
#[test]
fn a_request_cannot_forge_a_log_record() {
    let mut envelope = event("launch-request.json");
    envelope["request"]["type"] = json!("Evil\n\u{1b}[31mERROR forged record\r\nINFO another");
    let mut wrong_skill = event("launch-request.json");
    wrong_skill["context"]["System"]["application"]["applicationId"] =
        json!("amzn1.ask.skill.x\nERROR forged");
    wrong_skill["session"]["application"]["applicationId"] =
        json!("amzn1.ask.skill.x\nERROR forged");
    let mut child = Command::new(env!("CARGO_BIN_EXE_jukebox"))
        .args(["invoke", "-"])
        .env("SKILL_ID", SKILL_ID)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{envelope}\n{wrong_skill}").unwrap();
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains('\u{1b}'), "no raw escape: {stderr:?}");
    assert!(!stderr.contains('\r'), "{stderr:?}");
    let records: Vec<&str> = stderr.lines().filter(|l| l.contains(" WARN ")).collect();
    assert_eq!(records.len(), 2, "one record per request: {stderr}");
    assert!(
        records[0].contains("unknown request type"),
        "{}",
        records[0]
    );
    assert!(
        records[0].contains(r#"Evil\n\u{1b}[31mERROR forged record"#),
        "{}",
        records[0]
    );
    assert!(records[1].contains("refused request"), "{}", records[1]);
    assert!(
        stderr
            .lines()
            .all(|l| !l.starts_with("ERROR") && !l.starts_with("INFO")),
        "{stderr}"
    );
}

/// A request type jukebox does not know is logged by a bounded prefix of
/// its name: a 100 kB type is not a 100 kB log line.
#[test]
fn an_endless_request_type_is_logged_as_a_prefix() {
    let mut envelope = event("launch-request.json");
    envelope["request"]["type"] = json!(format!("Alexa.Future.{}", "x".repeat(100_000)));
    let mut child = Command::new(env!("CARGO_BIN_EXE_jukebox"))
        .args(["invoke", "-"])
        .env("SKILL_ID", SKILL_ID)
        .env("RUST_LOG", "info")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{envelope}").unwrap();
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("unknown request type"), "{stderr}");
    assert!(stderr.contains(&format!("Alexa.Future.{}", "x".repeat(87))));
    for line in stderr.lines() {
        assert!(
            line.len() < 1_000,
            "{} bytes: {}…",
            line.len(),
            &line[..200]
        );
    }
}
