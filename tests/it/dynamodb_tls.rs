//! The DynamoDB client's trust roots on a real TLS connection: a proxy with a
//! certificate from a test CA (made at run time) in front of DynamoDB Local.
//! With the default roots (Amazon Trust Services only) the client refuses
//! that certificate, as it would a network that intercepts the connection;
//! with the test CA named as the bundle (`AWS_CA_BUNDLE`) the same read
//! goes through to the real table.

use std::net::SocketAddr;

use jukebox::catalog::Catalog;
use jukebox::error::StoreError;
use jukebox::store::dynamodb::{ClientUse, DynamoCatalog, TrustRoots};

use crate::support::dynamodb::{client_at_trusting, local, tables_holding};
use crate::support::{sample_tracks, tls_proxy};

fn upstream() -> SocketAddr {
    let endpoint = &local().endpoint;
    endpoint
        .trim_start_matches("http://")
        .parse()
        .unwrap_or_else(|_| panic!("DynamoDB Local endpoint {endpoint} is not http://IP:PORT"))
}

/// A catalog table holding the sample tracks; its name.
async fn catalog_table() -> String {
    tables_holding(&sample_tracks()).await.0
}

/// Every message in an error's chain, outermost first.
fn chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(next) = source {
        text.push_str(" / ");
        text.push_str(&format!("{next} {next:?}"));
        source = next.source();
    }
    text
}

#[tokio::test]
async fn amazon_roots_refuse_a_certificate_from_another_authority() {
    let table = catalog_table().await;
    let (endpoint, _) = tls_proxy(upstream()).await;
    let client = client_at_trusting(
        &endpoint,
        ClientUse::Answering,
        &TrustRoots::AmazonTrustServices,
    );
    let catalog = DynamoCatalog::new(client, &table);
    let first = sample_tracks().remove(0);

    let err = catalog
        .track(&first.id)
        .await
        .expect_err("a certificate outside Amazon Trust Services must be refused");
    assert!(
        matches!(err, StoreError::Unavailable { .. }),
        "a refused certificate is an unavailable store (the listener hears an apology): {err:?}"
    );
    let text = chain(&err);
    assert!(
        text.contains("UnknownIssuer"),
        "the refusal names the unknown issuer: {text}"
    );
}

#[tokio::test]
async fn a_ca_bundle_lets_the_same_read_through_the_proxy() {
    let table = catalog_table().await;
    let (endpoint, ca_pem) = tls_proxy(upstream()).await;
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("proxy-ca.pem");
    std::fs::write(&bundle, ca_pem).unwrap();
    let client = client_at_trusting(&endpoint, ClientUse::Answering, &TrustRoots::Bundle(bundle));
    let catalog = DynamoCatalog::new(client, &table);
    let first = sample_tracks().remove(0);

    let found = catalog
        .track(&first.id)
        .await
        .expect("the proxy's CA is trusted")
        .expect("the track is in the table");
    assert_eq!(found.id, first.id);
    assert_eq!(found.title, first.title);
    assert_eq!(found.url, first.url);
}
