//! What the outbound HTTPS clients (the stream probe, the LWA profile
//! client) share: the extra certificate authorities an owner names.

use anyhow::Context;

/// The certificates of a PEM bundle the owner named (`what`, for the
/// message): an error when it is not PEM or holds none, so a wrong file is
/// refused at once instead of trusting nothing more.
pub fn extra_certificates(pem: &[u8], what: &str) -> anyhow::Result<Vec<reqwest::Certificate>> {
    let certificates = reqwest::Certificate::from_pem_bundle(pem)
        .with_context(|| format!("{what} is not PEM certificates"))?;
    anyhow::ensure!(!certificates.is_empty(), "{what} holds no certificate");
    Ok(certificates)
}
