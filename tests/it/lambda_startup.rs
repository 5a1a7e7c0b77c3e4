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
    // Plain text (Lambda's text log format): no ANSI colour codes, which
    // CloudWatch would show as `[31mERROR[0m`.
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("ERROR SKILL_ID is not set"), "{stdout}");
    assert!(
        !stdout.contains('\u{1b}'),
        "ANSI codes in the logs: {stdout:?}"
    );
}

#[test]
fn refuses_to_start_with_an_unusable_ca_bundle_and_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("proxy-ca.pem");
    std::fs::write(&bundle, "this is not a certificate\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_jukebox-lambda"))
        .env("SKILL_ID", "amzn1.ask.skill.test")
        .env("CATALOG_TABLE", "catalog")
        .env("PLAYBACK_TABLE", "playback")
        .env("AWS_CA_BUNDLE", &bundle)
        .env("AWS_REGION", "us-east-1")
        .env("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("cannot set up DynamoDB")
            && stdout.contains(&bundle.display().to_string())
            && stdout.contains("no PEM certificate"),
        "{stdout}"
    );
}

/// A mistyped `LISTENERS` must not leave a private jukebox open,
/// nor an LWA setting that cannot work go unnoticed until a listener links.
#[test]
fn refuses_to_start_with_unusable_listener_settings() {
    for (name, value, said) in [
        (
            "LISTENERS",
            "allowlist",
            "LISTENERS must be `open` or `allow-list`",
        ),
        ("LWA_API_URL", "http://api.amazon.com", "LWA_API_URL"),
        ("LWA_TIMEOUT_MS", "5000", "LWA_TIMEOUT_MS"),
        (
            "LWA_CA_FILE",
            "/nonexistent/lwa-ca.pem",
            "/nonexistent/lwa-ca.pem",
        ),
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_jukebox-lambda"))
            .env("SKILL_ID", "amzn1.ask.skill.test")
            .env_remove("CATALOG_TABLE")
            .env_remove("PLAYBACK_TABLE")
            .env_remove("LISTENERS")
            .env_remove("LWA_API_URL")
            .env_remove("LWA_TIMEOUT_MS")
            .env_remove("LWA_CA_FILE")
            .env(name, value)
            .env("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9")
            .output()
            .unwrap();
        assert!(!output.status.success(), "{name}={value} started");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            stdout.contains("invalid listener settings: refusing to start")
                && stdout.contains(said),
            "{name}={value}: {stdout}"
        );
    }
}
