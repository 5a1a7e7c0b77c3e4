//! `catalog check` and `catalog import` share one validation: a row check
//! passes is a row DynamoDB accepts. Property-tested with hostile rows
//! (text at and past the limits, four-byte letters, odd URLs) against
//! DynamoDB Local.

use crate::support;

use jukebox::catalog::{parse_catalog, Catalog, CatalogRules};
use jukebox::store::dynamodb::import::{import_tracks, ImportOptions};
use jukebox::store::dynamodb::{check_fits, ClientUse, DynamoCatalog};
use proptest::prelude::*;
use serde_json::{json, Value};
use support::dynamodb::{client, create_tables};

/// The rules both commands use (see `RuleArgs::rules`).
fn cli_rules() -> CatalogRules {
    CatalogRules {
        fits_storage: Some(check_fits),
        ..CatalogRules::default()
    }
}

/// Text from an alphabet that stresses byte counts and normalisation:
/// ASCII, accents, CJK, four-byte Gothic letters, separators and controls.
fn text(max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-z]{1,8}",
        Just(" ".to_string()),
        Just("é".to_string()),
        Just("日本".to_string()),
        Just("\u{10330}\u{10331}".to_string()),
        Just("#".to_string()),
        Just("\n".to_string()),
        Just("\u{7}".to_string()),
        Just("(feat. X)".to_string()),
    ];
    prop::collection::vec(piece, 0..max).prop_map(|pieces| pieces.concat())
}

fn url() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,12}".prop_map(|p| format!("https://cdn.example/{p}.mp3")),
        (1usize..9000).prop_map(|n| format!("https://cdn.example/{}", "a".repeat(n))),
        Just("http://cdn.example/a.mp3".to_string()),
        Just("https://user:pw@cdn.example/a.mp3".to_string()),
        Just("https://cdn.example:8443/a.mp3".to_string()),
        Just("https://10.0.0.1/a.mp3".to_string()),
        text(6).prop_map(|t| format!("https://cdn.example/{t}")),
    ]
}

fn row() -> impl Strategy<Value = Value> {
    (
        text(60),
        text(300),
        text(300),
        prop::option::of(text(300)),
        url(),
        prop::option::of(any::<i64>()),
    )
        .prop_map(|(id, title, artist, album, url, duration)| {
            json!({"id": id, "title": title, "artist": artist, "album": album,
                   "url": url, "duration_ms": duration})
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn every_row_check_accepts_is_written_by_import(rows in prop::collection::vec(row(), 1..6)) {
        let text: String = rows.iter().map(|r| r.to_string() + "\n").collect();
        let report = parse_catalog(&text, &cli_rules()).unwrap();
        prop_assert_eq!(report.tracks.len() + report.invalid.len(), rows.len());
        for invalid in &report.invalid {
            prop_assert!(!invalid.reasons.is_empty());
            prop_assert!(invalid.line >= 1 && invalid.line <= rows.len());
        }
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async {
            let (table, _) = create_tables().await;
            let summary = import_tracks(
                &client(ClientUse::Admin),
                &table,
                &report.tracks,
                &ImportOptions::default(),
                &|_| {},
            )
            .await;
            let summary = summary.map_err(|err| format!("{err:#}"));
            assert!(summary.is_ok(), "check passed what import cannot write: {summary:?}");
            let store = DynamoCatalog::new(client(ClientUse::Answering), &table);
            for track in &report.tracks {
                assert_eq!(store.track(&track.id).await.unwrap().as_ref(), Some(track));
            }
        });
    }
}
