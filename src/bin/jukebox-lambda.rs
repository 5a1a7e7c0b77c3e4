//! The Lambda bootstrap: reads the settings once
//! ([`jukebox::settings::Settings::from_env`]), builds the skill once per
//! container with [`jukebox::wiring::build_skill`] (the same wiring the CLI
//! uses), then serves every invocation through
//! [`jukebox::skill::Skill::handle_json`].

use std::sync::Arc;

use jukebox::settings::{LambdaLogs, Settings};
use jukebox::skill::Refusal;
use jukebox::wiring::{build_skill, Host};
use lambda_runtime::{service_fn, Diagnostic, Error, LambdaEvent};
use serde_json::Value;

/// System CA bundles, one file each: Amazon Linux 2023 (Lambda's
/// `provided.al2023`), then Debian and Ubuntu.
const CA_BUNDLES: &[&str] = &[
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/ssl/certs/ca-certificates.crt",
];

fn main() -> Result<(), Error> {
    let settings = Settings::from_env();
    // Where the DynamoDB client trusts the system's roots (the China
    // regions, `JUKEBOX_TRUST_ROOTS=system`; store/dynamodb/tls.rs), it reads
    // them at start-up; pointed at the one bundle file it skips scanning the
    // certificate directory file by file, which halved the cold start. Set
    // before any thread exists, and only when the operator has not chosen;
    // what it sets is read by the TLS library, not by jukebox's settings.
    if !settings.system_roots_chosen {
        if let Some(bundle) = CA_BUNDLES
            .iter()
            .find(|path| std::path::Path::new(path).is_file())
        {
            std::env::set_var("SSL_CERT_FILE", bundle);
        }
    }
    // One thread: Lambda hands an execution environment one invocation at a
    // time, and the requests of one invocation run concurrently on it
    // without waking other threads (measurably faster against DynamoDB).
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(serve(settings))
}

/// A refused request as Lambda reports it: `errorType` names the refusal.
fn diagnostic(refusal: Refusal) -> Diagnostic {
    Diagnostic {
        error_type: refusal.kind().to_string(),
        error_message: refusal.to_string(),
    }
}

/// Logs as `lambda_runtime`'s default subscriber writes them (Lambda's
/// `AWS_LAMBDA_LOG_FORMAT` and `AWS_LAMBDA_LOG_LEVEL`, else `RUST_LOG`,
/// else INFO), but in colour only on a terminal: CloudWatch shows ANSI
/// colour codes as text (`[32m INFO[0m`) in the plain-text log format.
///
/// DEBUG and TRACE apply to jukebox's own lines only; every other crate
/// stays at INFO at most. At TRACE, `lambda_runtime` logs each raw event
/// (the listener's access token, the full user id) and the AWS SDK each
/// DynamoDB body (cached names and e-mail addresses, the allow-list): none
/// of that may reach CloudWatch.
fn init_logs(settings: &LambdaLogs) {
    let logs = tracing_subscriber::fmt()
        .with_target(false)
        .without_time()
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .with_env_filter(log_filter(settings.level.as_deref()));
    if settings.json {
        logs.json().init();
    } else {
        logs.init();
    }
}

/// The filter for `level` (a level name; anything else means INFO): that
/// level for jukebox's crates, at most INFO for the rest.
fn log_filter(level: Option<&str>) -> tracing_subscriber::EnvFilter {
    use tracing_subscriber::filter::{Directive, EnvFilter, LevelFilter};
    let level = level
        .and_then(|level| level.trim().parse::<LevelFilter>().ok())
        .unwrap_or(LevelFilter::INFO);
    let mut filter =
        EnvFilter::default().add_directive(Directive::from(level.min(LevelFilter::INFO)));
    for own in ["jukebox", "jukebox_lambda"] {
        if let Ok(directive) = format!("{own}={level}").parse::<Directive>() {
            filter = filter.add_directive(directive);
        }
    }
    filter
}

async fn serve(settings: Settings) -> Result<(), Error> {
    init_logs(&settings.lambda_logs);
    let skill = Arc::new(build_skill(&Host::Lambda, &settings).await?);
    lambda_runtime::run(service_fn(move |event: LambdaEvent<Value>| {
        let skill = Arc::clone(&skill);
        async move { skill.handle_json(event.payload).await.map_err(diagnostic) }
    }))
    .await
}
