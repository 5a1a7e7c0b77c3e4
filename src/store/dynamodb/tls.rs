//! Which certificate authorities the DynamoDB client trusts.
//!
//! Every AWS endpoint presents a certificate from Amazon Trust Services, so
//! by default the client trusts exactly its five roots, compiled in. That is
//! also what keeps a cold start short: the system's bundle is ~140 roots in a
//! 200 KB file read and parsed before the first request (about 1 ms of the
//! Lambda's ~15 ms cold start, `BENCHMARKS.md`), and it trusts authorities
//! that have no business vouching for DynamoDB.

use std::path::PathBuf;

use anyhow::Context;
use aws_sdk_dynamodb::config::SharedHttpClient;
use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode, TlsContext, TrustStore};
use aws_smithy_http_client::Builder;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::CertificateDer;

/// Amazon Root CA 1–4 and Starfield Services Root Certificate Authority G2,
/// with their published key hashes in the file's header.
pub const AMAZON_TRUST_SERVICES_PEM: &str = include_str!("amazon-trust-services.pem");

/// The roots the client checks DynamoDB's certificate against, as the
/// settings chose them ([`crate::settings::Settings::trust_roots`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrustRoots {
    /// Amazon Trust Services' five roots (the default).
    AmazonTrustServices,
    /// The PEM bundle named by `AWS_CA_BUNDLE`, alone, as the AWS CLI reads
    /// it: a TLS-inspecting proxy, an HTTPS stand-in for DynamoDB.
    Bundle(PathBuf),
    /// The system's roots (`SSL_CERT_FILE`/`SSL_CERT_DIR`, else the
    /// platform's): the China regions, whose endpoints are not certified by
    /// Amazon Trust Services, or `JUKEBOX_TRUST_ROOTS=system`.
    System,
}

impl TrustRoots {
    /// The HTTPS client for the SDK. A bundle is read and checked here, so
    /// a bad one stops the process at start with its path, instead of the
    /// SDK panicking on it at the first request.
    pub fn http_client(&self) -> anyhow::Result<SharedHttpClient> {
        let store = match self {
            TrustRoots::AmazonTrustServices => {
                TrustStore::empty().with_pem_certificate(AMAZON_TRUST_SERVICES_PEM.as_bytes())
            }
            TrustRoots::Bundle(path) => {
                let pem = std::fs::read(path)
                    .with_context(|| format!("cannot read AWS_CA_BUNDLE {}", path.display()))?;
                let count = check_bundle(&pem)
                    .with_context(|| format!("AWS_CA_BUNDLE {} is not usable", path.display()))?;
                tracing::debug!(certificates = count, "trusting AWS_CA_BUNDLE for DynamoDB");
                TrustStore::empty().with_pem_certificate(pem)
            }
            TrustRoots::System => TrustStore::default(),
        };
        let context = TlsContext::builder()
            .with_trust_store(store)
            .build()
            .context("cannot configure TLS for DynamoDB")?;
        Ok(Builder::new()
            .tls_provider(tls::Provider::Rustls(CryptoMode::AwsLc))
            .tls_context(context)
            .build_https())
    }
}

/// The number of root certificates in a PEM bundle, each one a certificate
/// rustls accepts as a trust anchor; an error names the first bad one.
pub fn check_bundle(pem: &[u8]) -> anyhow::Result<usize> {
    let mut roots = rustls::RootCertStore::empty();
    for (index, der) in CertificateDer::pem_slice_iter(pem).enumerate() {
        let der = der.with_context(|| format!("certificate {} is not valid PEM", index + 1))?;
        roots
            .add(der)
            .with_context(|| format!("certificate {} is not a usable root", index + 1))?;
    }
    anyhow::ensure!(!roots.is_empty(), "it holds no PEM certificate");
    Ok(roots.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_roots_are_amazon_trust_services_five() {
        use sha2::{Digest, Sha256};
        // SHA-256 of each certificate, in the file's order (computed from the
        // certificates whose key hashes amazontrust.com publishes).
        let expected = [
            "8ecde6884f3d87b1125ba31ac3fcb13d7016de7f57cc904fe1cb97c6ae98196e",
            "1ba5b2aa8c65401a82960118f80bec4f62304d83cec4713a19c39c011ea46db4",
            "18ce6cfe7bf14e60b2e347b8dfe868cb31d02ebb3ada271569f50343b46db3a4",
            "e35d28419ed02025cfa69038cd623962458da5c695fbdea3c22b0bfb25897092",
            "568d6905a2c88708a4b3025190edcfedb1974a606a13c6e5290fcb2ae63edab5",
        ];
        let found: Vec<String> =
            CertificateDer::pem_slice_iter(AMAZON_TRUST_SERVICES_PEM.as_bytes())
                .map(|der| {
                    Sha256::digest(der.unwrap().as_ref())
                        .iter()
                        .map(|byte| format!("{byte:02x}"))
                        .collect()
                })
                .collect();
        assert_eq!(found, expected);
        assert_eq!(
            check_bundle(AMAZON_TRUST_SERVICES_PEM.as_bytes()).unwrap(),
            5
        );
    }

    #[test]
    fn a_bad_bundle_is_refused_with_a_reason() {
        let none = check_bundle(b"not a certificate\n").unwrap_err();
        assert!(
            format!("{none:#}").contains("no PEM certificate"),
            "{none:#}"
        );
        let garbage = b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        let bad = check_bundle(garbage).unwrap_err();
        assert!(format!("{bad:#}").contains("certificate 1"), "{bad:#}");
    }

    #[test]
    fn an_unreadable_bundle_names_its_path() {
        let err = TrustRoots::Bundle(PathBuf::from("/nonexistent/ca.pem"))
            .http_client()
            .unwrap_err();
        assert!(
            format!("{err:#}").contains("/nonexistent/ca.pem"),
            "{err:#}"
        );
    }
}
