//! DynamoDB adapters: the catalog (read-only for the Lambda) and the
//! playback state (conditional writes), the table definitions shared by
//! `jukebox tables create` and `template.yaml`, and the catalog import.
//!
//! Table design (see `docs/dynamodb.md`): the catalog table holds a track
//! item per track (`pk = track#<id>`, `sk = track`) and one search item per
//! search key of the track (`pk = key#<key>`, `sk = <position>#<id>`) with
//! the track's fields copied in, so a search is one `Query` per key that
//! returns whole tracks in catalog order; and one item per dated track in
//! the newest-first index (`pk = new`, `sk = <added_at>#<position>#<id>`).
//! The playback table holds one item
//! per listener and device, with a version for optimistic concurrency and
//! `expires_at` for TTL.

pub mod all_tracks;
mod catalog;
pub mod copy;
mod favourites;
pub mod import;
mod insights;
mod items;
mod listeners;
mod playback;
pub mod playlists;
mod string_set;
pub mod tables;
pub mod timing;
pub mod tls;

pub use catalog::DynamoCatalog;
pub use favourites::DynamoFavourites;
pub use insights::DynamoInsights;
pub use items::check_fits;
pub use listeners::{DynamoAllowList, DynamoProfileCache};
pub use playback::DynamoPlaybackStore;
pub use tls::TrustRoots;

use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::BehaviorVersion;
use aws_sdk_dynamodb::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_dynamodb::Client;

use crate::error::StoreError;

/// What a client is for, which sets its timeouts and retries: answering a
/// listener within Alexa's 8 s, or an administrator's bulk work that may
/// take its time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientUse {
    /// Tight timeouts and few retries: a slow, throttling or unreachable
    /// DynamoDB still leaves time to apologise well inside Alexa's deadline
    /// (worst case per request ≈ 2.5 s; a request makes at most two
    /// sequential DynamoDB calls on its critical path plus a retry on conflict).
    Answering,
    /// Patient timeouts and more retries, for import and table creation.
    Admin,
}

impl ClientUse {
    pub fn timeouts(self) -> TimeoutConfig {
        match self {
            ClientUse::Answering => TimeoutConfig::builder()
                .connect_timeout(Duration::from_millis(500))
                .read_timeout(Duration::from_millis(1000))
                .operation_attempt_timeout(Duration::from_millis(1000))
                .operation_timeout(Duration::from_millis(2500))
                .build(),
            ClientUse::Admin => TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(3))
                .operation_attempt_timeout(Duration::from_secs(20))
                .operation_timeout(Duration::from_secs(120))
                .build(),
        }
    }

    pub fn retries(self) -> RetryConfig {
        match self {
            ClientUse::Answering => RetryConfig::standard()
                .with_max_attempts(3)
                .with_initial_backoff(Duration::from_millis(25))
                .with_max_backoff(Duration::from_millis(400)),
            ClientUse::Admin => RetryConfig::standard()
                .with_max_attempts(8)
                .with_max_backoff(Duration::from_secs(5)),
        }
    }
}

/// A client from the standard AWS settings (region, credentials,
/// `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_DYNAMODB`, which `aws-config`
/// reads) trusting `roots`, built once per process.
pub async fn client(client_use: ClientUse, roots: &TrustRoots) -> anyhow::Result<Client> {
    let http_client = roots.http_client()?;
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .http_client(http_client)
        .timeout_config(client_use.timeouts())
        .retry_config(client_use.retries());
    if client_use == ClientUse::Answering {
        // The attempt timeout (1 s) already bounds a stalled response; the
        // stalled-stream monitor only adds a timer to every small request.
        loader = loader.stalled_stream_protection(
            aws_config::stalled_stream_protection::StalledStreamProtectionConfig::disabled(),
        );
    }
    // Every operation timed for the request's metrics (`timing`).
    let sdk_config = loader.load().await;
    let config = timing::with_timing(aws_sdk_dynamodb::config::Builder::from(&sdk_config));
    Ok(Client::from_conf(config.build()))
}

/// Maps an SDK error to the domain's store error, keeping the SDK's error
/// (code, message, request id) as its source.
pub(crate) fn store_error<E, R>(operation: &str, table: &str, err: SdkError<E, R>) -> StoreError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    let operation = format!("{operation} on {table}");
    let throttled = matches!(
        &err,
        SdkError::ServiceError(service) if matches!(
            service.err().code(),
            Some("ProvisionedThroughputExceededException" | "ThrottlingException" | "RequestLimitExceeded")
        )
    );
    let timed_out = match &err {
        SdkError::TimeoutError(_) => true,
        SdkError::DispatchFailure(failure) => failure.is_timeout(),
        _ => false,
    };
    let source = Box::new(err);
    if timed_out {
        StoreError::Timeout { operation, source }
    } else if throttled {
        StoreError::Throttled { operation, source }
    } else {
        StoreError::Unavailable { operation, source }
    }
}
