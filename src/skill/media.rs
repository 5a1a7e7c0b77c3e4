//! The owner's private media: a catalog's `s3://` URLs become short-lived
//! `https://` URLs in the directives a device receives, signed anew each
//! time a device is told to play (a paused track resumes with a fresh one).
//! Signing is local (SigV4 with the function's own credentials): no request.

use std::sync::Arc;

use async_trait::async_trait;

use super::HandlerError;
use crate::alexa::response::ResponseEnvelope;
use crate::catalog::s3::S3Object;
use crate::error::StoreError;

/// Signs a URL for one object of the owner's bucket.
#[async_trait]
pub trait MediaSigner: Send + Sync {
    /// An `https://` URL a device can GET for `object` for a while.
    async fn sign(&self, object: &S3Object) -> Result<String, StoreError>;
}

/// What a skill without a signer does with an `s3://` URL: refuse it, with
/// the reason in the log (the listener hears an apology).
pub struct NoSigner;

#[async_trait]
impl MediaSigner for NoSigner {
    async fn sign(&self, object: &S3Object) -> Result<String, StoreError> {
        Err(StoreError::Unavailable {
            operation: format!("sign s3://{}/…", object.bucket),
            source: "no S3 signer is configured for this process".into(),
        })
    }
}

/// Replaces every `s3://` stream and art URL of the response's Play
/// directives with a signed one.
pub(crate) async fn sign_media(
    signer: &Arc<dyn MediaSigner>,
    response: &mut ResponseEnvelope,
) -> Result<(), HandlerError> {
    for url in response.media_urls_mut() {
        if !url.starts_with("s3://") {
            continue;
        }
        let object = S3Object::parse(url).map_err(|reason| {
            HandlerError::Catalog(StoreError::corrupt(format!("stream URL that {reason}")))
        })?;
        *url = signer.sign(&object).await.map_err(HandlerError::Catalog)?;
    }
    Ok(())
}
