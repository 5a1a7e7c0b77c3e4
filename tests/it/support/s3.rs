//! An S3 server for the tests: `moto_server` (PyPI `moto[server]`,
//! installed into `.venv/` by `scripts/test`) on a free port of 127.0.0.1,
//! started once per test binary, stopped with it.

use std::path::PathBuf;
use std::sync::OnceLock;

use aws_sdk_s3::config::{BehaviorVersion, Credentials, Region};

pub struct S3Server {
    pub endpoint: String,
    _watchdog: std::process::Child,
}

static SERVER: OnceLock<S3Server> = OnceLock::new();

/// The test binary's S3 server, started on first use.
pub fn server() -> &'static S3Server {
    SERVER.get_or_init(start)
}

fn start() -> S3Server {
    let binary = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/moto_server");
    assert!(
        binary.exists(),
        "{} is missing: run ./scripts/test (it installs moto[server])",
        binary.display()
    );
    let port = super::free_port();
    let command = format!("'{}' -H 127.0.0.1 -p {port}", binary.display());
    let watchdog = super::start_local_server("moto_server", &command, port);
    S3Server {
        endpoint: format!("http://127.0.0.1:{port}"),
        _watchdog: watchdog,
    }
}

/// A client of the server (path-style, fake credentials with a session token).
pub fn client() -> aws_sdk_s3::Client {
    let config = aws_sdk_s3::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(&server().endpoint)
        .force_path_style(true)
        .credentials_provider(Credentials::new(
            "AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            Some("FwoGZXIvYXdzEXAMPLESESSIONTOKEN".into()),
            None,
            "tests",
        ))
        .build();
    aws_sdk_s3::Client::from_conf(config)
}
