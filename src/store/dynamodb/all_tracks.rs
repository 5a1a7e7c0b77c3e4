//! An administrator's reads of a whole catalog table: every track item, for
//! `catalog check --table` and for `catalog import --prune`. Never on a
//! listener's path: a listener's search is a bounded `Query` per key.

use anyhow::Context;
use aws_sdk_dynamodb::types::AttributeValue;
use aws_sdk_dynamodb::Client;

use super::items::{track_from, Item, TRACK_SK};
use crate::catalog::Track;

/// Every track item of the table, optionally projected: an
/// administrator's scan, never on a listener's path.
pub(crate) async fn scan_track_items(
    client: &Client,
    table: &str,
    keys_only: bool,
) -> anyhow::Result<Vec<Item>> {
    let mut scan = client
        .scan()
        .table_name(table)
        .filter_expression("sk = :track")
        .expression_attribute_values(":track", AttributeValue::S(TRACK_SK.to_string()));
    if keys_only {
        scan = scan
            .projection_expression("id, search_keys, #position, added_at")
            .expression_attribute_names("#position", "position");
    }
    let pages: Vec<_> = scan.into_paginator().send().collect().await;
    let mut items = Vec::new();
    for page in pages {
        items.extend(
            page.with_context(|| format!("Scan of {table} failed"))?
                .items()
                .iter()
                .cloned(),
        );
    }
    Ok(items)
}

/// Every track of a catalog table, in catalog order (for `catalog check --table`).
pub async fn read_all_tracks(client: &Client, table: &str) -> anyhow::Result<Vec<Track>> {
    let mut tracks = Vec::new();
    for item in scan_track_items(client, table, false).await? {
        tracks.push(
            track_from(&item).with_context(|| format!("a track item of {table} is malformed"))?,
        );
    }
    tracks.sort_by_key(|t| t.position);
    Ok(tracks)
}
