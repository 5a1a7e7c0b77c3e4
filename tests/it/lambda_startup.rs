//! The Lambda bootstrap refuses to start without a skill id, unless told
//! explicitly that it runs locally.

use std::process::Command;

#[test]
fn refuses_to_start_without_a_skill_id() {
    let output = Command::new(env!("CARGO_BIN_EXE_jukebox-lambda"))
        .env_remove("SKILL_ID")
        .env_remove("JUKEBOX_ACCEPT_ANY_SKILL")
        .env_remove("CATALOG_TABLE")
        .env_remove("PLAYBACK_TABLE")
        .env("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let logs = String::from_utf8_lossy(&output.stdout).to_string()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(logs.contains("SKILL_ID is not set"), "{logs}");
}
