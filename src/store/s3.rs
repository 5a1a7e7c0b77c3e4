//! The S3 adapter of [`MediaSigner`]: presigned `GetObject` URLs from the
//! AWS SDK, signed locally with the process's credentials (the function's
//! role on Lambda). The client is built on first use, so a catalog of
//! `https://` URLs never pays for it, not even at a cold start.

use std::time::Duration;

use async_trait::async_trait;
use aws_config::BehaviorVersion;
use aws_sdk_s3::presigning::PresigningConfig;
use tokio::sync::OnceCell;

use crate::catalog::s3::S3Object;
use crate::error::StoreError;
use crate::skill::MediaSigner;

/// How long a signed URL stays valid unless `STREAM_URL_EXPIRY_SECONDS`
/// says otherwise: a long track plus a long pause (a resume signs anew).
pub const DEFAULT_EXPIRY: Duration = Duration::from_secs(6 * 3600);
/// SigV4's limit for a presigned URL.
pub const MAX_EXPIRY: Duration = Duration::from_secs(7 * 24 * 3600);

pub struct S3Signer {
    client: OnceCell<aws_sdk_s3::Client>,
    expiry: Duration,
    /// `MUSIC_BUCKET`: the one bucket the function may read; another
    /// bucket's URL is refused with a log line rather than signed into a
    /// URL the device would get a 403 for.
    bucket: Option<String>,
}

impl S3Signer {
    /// A signer whose client is built from the standard AWS settings on first use.
    pub fn new(expiry: Duration, bucket: Option<String>) -> Self {
        S3Signer {
            client: OnceCell::new(),
            expiry,
            bucket,
        }
    }

    /// A signer on a given client (tests, a custom endpoint).
    pub fn with_client(
        client: aws_sdk_s3::Client,
        expiry: Duration,
        bucket: Option<String>,
    ) -> Self {
        S3Signer {
            client: OnceCell::new_with(Some(client)),
            expiry,
            bucket,
        }
    }

    /// From `STREAM_URL_EXPIRY_SECONDS` (60 s to 7 days; default 6 h) and
    /// `MUSIC_BUCKET`.
    pub fn from_env() -> anyhow::Result<Self> {
        let expiry = match std::env::var("STREAM_URL_EXPIRY_SECONDS") {
            Ok(text) => {
                let seconds: u64 = text.trim().parse().map_err(|_| {
                    anyhow::anyhow!("STREAM_URL_EXPIRY_SECONDS={text:?} is not a number of seconds")
                })?;
                let expiry = Duration::from_secs(seconds);
                anyhow::ensure!(
                    (Duration::from_secs(60)..=MAX_EXPIRY).contains(&expiry),
                    "STREAM_URL_EXPIRY_SECONDS must lie between 60 and {} (7 days)",
                    MAX_EXPIRY.as_secs()
                );
                expiry
            }
            Err(_) => DEFAULT_EXPIRY,
        };
        let bucket = std::env::var("MUSIC_BUCKET").ok().filter(|b| !b.is_empty());
        Ok(S3Signer::new(expiry, bucket))
    }

    async fn client(&self) -> &aws_sdk_s3::Client {
        self.client
            .get_or_init(|| async {
                let shared = aws_config::defaults(BehaviorVersion::latest()).load().await;
                // A stand-in for S3 (MinIO, moto) answers on one host: path-style URLs.
                let stand_in = std::env::var_os("AWS_ENDPOINT_URL_S3").is_some()
                    || std::env::var_os("AWS_ENDPOINT_URL").is_some();
                let config = aws_sdk_s3::config::Builder::from(&shared)
                    .force_path_style(stand_in)
                    .build();
                aws_sdk_s3::Client::from_conf(config)
            })
            .await
    }
}

#[async_trait]
impl MediaSigner for S3Signer {
    async fn sign(&self, object: &S3Object) -> Result<String, StoreError> {
        let operation = || format!("presign GetObject s3://{}/…", object.bucket);
        if let Some(bucket) = self.bucket.as_deref().filter(|b| *b != object.bucket) {
            return Err(StoreError::Unavailable {
                operation: operation(),
                source: format!(
                    "the function may read only MUSIC_BUCKET ({bucket}), not {}",
                    object.bucket
                )
                .into(),
            });
        }
        let config =
            PresigningConfig::expires_in(self.expiry).map_err(|err| StoreError::Unavailable {
                operation: operation(),
                source: err.into(),
            })?;
        let request = self
            .client()
            .await
            .get_object()
            .bucket(&object.bucket)
            .key(&object.key)
            .presigned(config)
            .await
            .map_err(|err| StoreError::Unavailable {
                operation: operation(),
                source: err.into(),
            })?;
        Ok(request.uri().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_s3::config::{Credentials, Region};

    /// Lambda hands a function temporary credentials: its session token
    /// is long (about a thousand characters), and rides in every URL.
    #[tokio::test]
    async fn a_signed_url_fits_alexa_with_a_real_session_token() {
        let token = "IQoJb3JpZ2luX2VjE".repeat(70);
        assert!(token.len() > 1_000);
        let config = aws_sdk_s3::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("eu-west-1"))
            .credentials_provider(Credentials::new(
                "ASIAEXAMPLEEXAMPLE12",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                Some(token.clone()),
                None,
                "test",
            ))
            .build();
        let signer = S3Signer::with_client(
            aws_sdk_s3::Client::from_conf(config),
            DEFAULT_EXPIRY,
            Some("my-music".into()),
        );
        let key = format!(
            "{}/Ünïcödé & spaces #1?.mp3",
            "Very Long Artist Name".repeat(20)
        );
        let url = signer
            .sign(&S3Object {
                bucket: "my-music".into(),
                key: key.clone(),
            })
            .await
            .unwrap();
        assert!(
            url.starts_with("https://my-music.s3.eu-west-1.amazonaws.com/"),
            "{url}"
        );
        assert!(url.contains("X-Amz-Security-Token="), "{url}");
        assert!(url.contains("X-Amz-Expires=21600"), "{url}");
        // Alexa's limit for a stream URL (AudioPlayer.Play: url, at most 8000 characters).
        assert!(url.len() < 8_000, "{} characters", url.len());
        assert!(crate::catalog::check_https_url(&url, &Default::default()).is_ok());

        let other = signer
            .sign(&S3Object {
                bucket: "someone-elses".into(),
                key,
            })
            .await
            .unwrap_err();
        assert!(crate::error::chain(&other).contains("only MUSIC_BUCKET (my-music)"));
    }
}
