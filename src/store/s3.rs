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
use crate::ports::MediaSigner;
use crate::settings::StreamUrls;

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
    /// Whether the client, once built, addresses buckets by path ([`client`]).
    path_style: bool,
}

impl S3Signer {
    /// A signer whose client is built from the standard AWS settings on
    /// first use; `urls` as the settings read them (`STREAM_URL_EXPIRY_SECONDS`,
    /// `MUSIC_BUCKET`).
    pub fn new(urls: StreamUrls, path_style: bool) -> Self {
        S3Signer {
            client: OnceCell::new(),
            expiry: urls.expiry,
            bucket: urls.bucket,
            path_style,
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
            path_style: false,
        }
    }

    async fn client(&self) -> &aws_sdk_s3::Client {
        self.client.get_or_init(|| client(self.path_style)).await
    }
}

/// An S3 client from the standard AWS settings; with `path_style`
/// addressing for a stand-in such as MinIO or moto, which answer on one
/// host (the settings' `s3_path_style`: `AWS_ENDPOINT_URL_S3` or
/// `AWS_ENDPOINT_URL` set).
pub async fn client(path_style: bool) -> aws_sdk_s3::Client {
    let shared = aws_config::defaults(BehaviorVersion::latest()).load().await;
    let config = aws_sdk_s3::config::Builder::from(&shared)
        .force_path_style(path_style)
        .build();
    aws_sdk_s3::Client::from_conf(config)
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

/// A bucket's prefix as `catalog scan s3://BUCKET/PREFIX` reads it: the
/// objects listed, and each file's tags read with ranged GETs of the parts
/// the tag library asks for (the start for ID3v2, FLAC and Ogg, the end for
/// an MP4 whose `moov` comes last), never the whole object. Blocking: call
/// it from a blocking thread (`spawn_blocking`), as the tag library is.
pub struct Bucket {
    client: aws_sdk_s3::Client,
    bucket: String,
    /// The key prefix, ending in `/` unless empty.
    prefix: String,
    runtime: tokio::runtime::Handle,
    /// Every object under the prefix, by path relative to it, with its size.
    objects: std::collections::BTreeMap<std::path::PathBuf, u64>,
    /// Bytes fetched so far (what a test checks stays far below the total).
    pub fetched: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

/// The size of one ranged GET.
const BLOCK: u64 = 16 * 1024;

impl Bucket {
    /// Lists `s3://bucket/prefix` (every page).
    pub fn open(
        client: aws_sdk_s3::Client,
        bucket: &str,
        prefix: &str,
        runtime: tokio::runtime::Handle,
    ) -> anyhow::Result<Self> {
        use anyhow::Context;
        let prefix = match prefix.trim_start_matches('/') {
            "" => String::new(),
            p if p.ends_with('/') => p.to_string(),
            p => format!("{p}/"),
        };
        let mut objects = std::collections::BTreeMap::new();
        let mut token = None;
        loop {
            let page = runtime
                .block_on(
                    client
                        .list_objects_v2()
                        .bucket(bucket)
                        .prefix(&prefix)
                        .set_continuation_token(token.take())
                        .send(),
                )
                .with_context(|| format!("cannot list s3://{bucket}/{prefix}"))?;
            for object in page.contents() {
                let (Some(key), Some(size)) = (object.key(), object.size()) else {
                    continue;
                };
                let relative = key.strip_prefix(&prefix).unwrap_or(key);
                if !relative.is_empty() && !relative.ends_with('/') {
                    objects.insert(
                        std::path::PathBuf::from(relative),
                        u64::try_from(size).unwrap_or(0),
                    );
                }
            }
            match page.next_continuation_token() {
                Some(next) if page.is_truncated() == Some(true) => token = Some(next.to_string()),
                _ => break,
            }
        }
        Ok(Bucket {
            client,
            bucket: bucket.to_string(),
            prefix,
            runtime,
            objects,
            fetched: Default::default(),
        })
    }

    fn key(&self, relative: &std::path::Path) -> String {
        format!(
            "{}{}",
            self.prefix,
            relative.to_string_lossy().replace('\\', "/")
        )
    }

    /// Bytes `start..end` of an object.
    fn range(&self, key: &str, start: u64, end: u64) -> std::io::Result<Vec<u8>> {
        let output = self
            .runtime
            .block_on(async {
                let object = self
                    .client
                    .get_object()
                    .bucket(&self.bucket)
                    .key(key)
                    .range(format!("bytes={start}-{}", end.saturating_sub(1)))
                    .send()
                    .await
                    .map_err(|err| std::io::Error::other(crate::error::chain(&err)))?;
                object
                    .body
                    .collect()
                    .await
                    .map_err(|err| std::io::Error::other(err.to_string()))
            })?
            .into_bytes()
            .to_vec();
        self.fetched
            .fetch_add(output.len() as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(output)
    }
}

/// One object read on demand, a block at a time, for the tag library.
struct RangedObject<'a> {
    bucket: &'a Bucket,
    key: String,
    size: u64,
    position: u64,
    blocks: std::collections::HashMap<u64, Vec<u8>>,
}

impl std::io::Read for RangedObject<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.position >= self.size || out.is_empty() {
            return Ok(0);
        }
        let block = self.position / BLOCK;
        if !self.blocks.contains_key(&block) {
            let start = block * BLOCK;
            let end = (start + BLOCK).min(self.size);
            let bytes = self.bucket.range(&self.key, start, end)?;
            self.blocks.insert(block, bytes);
        }
        let bytes = &self.blocks[&block];
        let offset = usize::try_from(self.position - block * BLOCK).unwrap_or(usize::MAX);
        let available = bytes.get(offset..).unwrap_or_default();
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.position += n as u64;
        Ok(n)
    }
}

impl std::io::Seek for RangedObject<'_> {
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        let target = match to {
            std::io::SeekFrom::Start(n) => Some(n),
            std::io::SeekFrom::End(n) => self.size.checked_add_signed(n),
            std::io::SeekFrom::Current(n) => self.position.checked_add_signed(n),
        };
        self.position = target.ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "seek before the start")
        })?;
        Ok(self.position)
    }
}

impl crate::ports::Files for Bucket {
    /// Every object but hidden ones (`.DS_Store`, `._song.mp3`), as the
    /// folder walk skips them.
    fn list(&self) -> anyhow::Result<Vec<std::path::PathBuf>> {
        let hidden = |path: &std::path::Path| {
            path.components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        };
        Ok(self
            .objects
            .keys()
            .filter(|p| !hidden(p))
            .cloned()
            .collect())
    }

    fn tags(&self, relative: &std::path::Path) -> Result<lofty::file::TaggedFile, String> {
        let size = self.objects.get(relative).copied().unwrap_or(0);
        let reader = RangedObject {
            bucket: self,
            key: self.key(relative),
            size,
            position: 0,
            blocks: Default::default(),
        };
        crate::catalog::tags::read_tags(reader)
    }

    fn exists(&self, relative: &std::path::Path) -> bool {
        self.objects.contains_key(relative)
    }

    fn read(&self, relative: &std::path::Path) -> anyhow::Result<Vec<u8>> {
        let size = self.objects.get(relative).copied().unwrap_or(0);
        anyhow::ensure!(
            size <= crate::catalog::MAX_PLAYLIST_FILE_BYTES,
            "{} is larger than {} bytes",
            relative.display(),
            crate::catalog::MAX_PLAYLIST_FILE_BYTES
        );
        if size == 0 {
            return Ok(Vec::new());
        }
        Ok(self.range(&self.key(relative), 0, size)?)
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
