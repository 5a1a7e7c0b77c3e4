//! Copying every item of one table into another: how an owner brings back
//! favourites and the allow-list from a point-in-time restore or from a
//! table a deleted stack left behind, into the table the stack now uses.

use std::time::Duration;

use anyhow::Context;
use aws_sdk_dynamodb::types::{AttributeValue, PutRequest, WriteRequest};
use aws_sdk_dynamodb::Client;

/// A `BatchWriteItem` takes at most 25 puts.
const BATCH: usize = 25;

/// How often a batch's unprocessed puts are sent again before the copy
/// gives up (each wait doubles from 50 ms, so about 25 s in all).
const MAX_RETRIES: u32 = 9;

/// What a copy did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Copied {
    pub items: u64,
}

/// Copies every item of `from` into `to` as it is (keys, TTL and all): an
/// item already in `to` with the same key is replaced, every other item of
/// `to` stays. Reads with consistent `Scan` pages and writes each page in
/// batches of 25, so memory stays at one page whatever the table's size.
pub async fn copy_items(client: &Client, from: &str, to: &str) -> anyhow::Result<Copied> {
    anyhow::ensure!(from != to, "--from and --to name the same table ({from})");
    let mut copied = 0u64;
    let mut start: Option<std::collections::HashMap<String, AttributeValue>> = None;
    loop {
        let page = client
            .scan()
            .table_name(from)
            .consistent_read(true)
            .set_exclusive_start_key(start.take())
            .send()
            .await
            .with_context(|| format!("cannot read table {from}"))?;
        let items = page.items.unwrap_or_default();
        for chunk in items.chunks(BATCH) {
            write_batch(client, to, chunk).await?;
            copied += chunk.len() as u64;
        }
        match page.last_evaluated_key {
            Some(key) if !key.is_empty() => start = Some(key),
            _ => break,
        }
    }
    Ok(Copied { items: copied })
}

async fn write_batch(
    client: &Client,
    table: &str,
    items: &[std::collections::HashMap<String, AttributeValue>],
) -> anyhow::Result<()> {
    let mut pending: Vec<WriteRequest> = items
        .iter()
        .map(|item| {
            Ok(WriteRequest::builder()
                .put_request(PutRequest::builder().set_item(Some(item.clone())).build()?)
                .build())
        })
        .collect::<anyhow::Result<_>>()?;
    let mut wait = Duration::from_millis(50);
    for attempt in 0..=MAX_RETRIES {
        let answer = client
            .batch_write_item()
            .request_items(table, pending)
            .send()
            .await
            .with_context(|| format!("cannot write to table {table}"))?;
        pending = answer
            .unprocessed_items
            .and_then(|mut left| left.remove(table))
            .unwrap_or_default();
        if pending.is_empty() {
            return Ok(());
        }
        if attempt < MAX_RETRIES {
            tokio::time::sleep(wait).await;
            wait *= 2;
        }
    }
    anyhow::bail!(
        "{} items stayed unprocessed by {table} after {MAX_RETRIES} retries (throttled): run the copy again, it is safe to repeat",
        pending.len()
    )
}
