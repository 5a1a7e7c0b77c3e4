//! The Lambda bootstrap: parses its configuration and builds the stores once
//! per container, then serves every invocation through
//! [`jukebox::skill::Skill::handle_json`].

use std::sync::Arc;

use jukebox::catalog::MemoryCatalog;
use jukebox::skill::{Skill, SkillConfig, SkillIdPolicy};
use jukebox::store::{StoreConfig, Stores};
use lambda_runtime::{service_fn, Diagnostic, Error, LambdaEvent};
use serde_json::Value;

/// System CA bundles, one file each: Amazon Linux 2023 (Lambda's
/// `provided.al2023`), then Debian and Ubuntu.
const CA_BUNDLES: &[&str] = &[
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/ssl/certs/ca-certificates.crt",
];

fn main() -> Result<(), Error> {
    // The SDK's HTTPS client reads the system's root certificates at start-up;
    // pointed at the one bundle file it skips scanning the certificate
    // directory file by file, which halves the cold start. Set before any
    // thread exists, and only when the operator has not chosen.
    if std::env::var_os("SSL_CERT_FILE").is_none() && std::env::var_os("SSL_CERT_DIR").is_none() {
        if let Some(bundle) = CA_BUNDLES
            .iter()
            .find(|path| std::path::Path::new(path).is_file())
        {
            std::env::set_var("SSL_CERT_FILE", bundle);
        }
    }
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(serve())
}

async fn serve() -> Result<(), Error> {
    lambda_runtime::tracing::init_default_subscriber();
    let skill_id = match SkillIdPolicy::from_env() {
        Some(policy) => policy,
        None if std::env::var("JUKEBOX_ACCEPT_ANY_SKILL").as_deref() == Ok("1") => {
            tracing::warn!("SKILL_ID is unset and JUKEBOX_ACCEPT_ANY_SKILL=1: accepting requests for any skill (local use only)");
            SkillIdPolicy::AcceptAny
        }
        None => {
            tracing::error!("SKILL_ID is not set: refusing to start (set JUKEBOX_ACCEPT_ANY_SKILL=1 for local use only)");
            return Err("SKILL_ID is not set".into());
        }
    };
    let stores = match StoreConfig::from_env() {
        Ok(StoreConfig::DynamoDb {
            catalog_table,
            playback_table,
        }) => {
            tracing::info!(%catalog_table, %playback_table, "using DynamoDB");
            Stores::dynamodb(&catalog_table, &playback_table).await
        }
        Ok(StoreConfig::Embedded) => {
            tracing::warn!("CATALOG_TABLE and PLAYBACK_TABLE are unset: serving the embedded sample catalog with in-memory state");
            Stores::embedded(MemoryCatalog::sample())
        }
        Err(err) => {
            tracing::error!(error = %err, "invalid store configuration: refusing to start");
            return Err(err.into());
        }
    };
    let skill = Arc::new(Skill::new(
        SkillConfig::new(skill_id),
        stores.catalog,
        stores.playback,
    ));
    lambda_runtime::run(service_fn(move |event: LambdaEvent<Value>| {
        let skill = Arc::clone(&skill);
        async move {
            skill
                .handle_json(event.payload)
                .await
                .map_err(Diagnostic::from)
        }
    }))
    .await
}
