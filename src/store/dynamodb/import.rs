//! `jukebox catalog import`: writes a validated catalog into the catalog
//! table with `BatchWriteItem` (25 items a request), a bounded number of
//! requests in flight, and retries of unprocessed items with backoff.
//!
//! Idempotent and safe to interrupt: search items are written first, then
//! the stale search items of changed tracks are deleted, then the track item
//! (which records its search keys) is written. Until a track's item is
//! rewritten, a re-run still knows its old keys, so nothing is ever lost or
//! left behind, whatever the point of interruption.
//!
//! Dates: the first import of a track id records when it was added
//! ([`Track::added_at`]: the row's own `added_at`, else the import's
//! time); every later import keeps the stored one. The import already
//! reads each track's stored item (`BatchGetItem`, 100 ids a request) to
//! find its stale keys, so keeping the date costs no request more. (A
//! conditional `SET added_at = if_not_exists(added_at, :now)` would need
//! an `UpdateItem` per track: `BatchWriteItem` only puts or deletes whole
//! items; its API reference says it "cannot update items".) Each dated
//! track also has one item in the newest-first index
//! ([`NEW_PK`](super::items::NEW_PK)), keyed by its date and position:
//! written only after its track item (which the key is computed from), so
//! an interrupted import never leaves an entry a re-run could not find.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::Context;
use aws_sdk_dynamodb::types::{
    AttributeValue, DeleteRequest, KeysAndAttributes, PutRequest, WriteRequest,
};
use aws_sdk_dynamodb::Client;
use futures::stream::{self, TryStreamExt};

use super::all_tracks::scan_track_items;
use super::items::{
    key_of, key_pk, key_sk, new_item, recorded_key, search_item_key, search_items, stored_keys,
    track_item, track_pk, Item, StoredKeys, TRACK_SK,
};
use crate::catalog::Track;
use crate::matching;

/// Items a `BatchWriteItem` request may carry.
pub const BATCH_SIZE: usize = 25;
/// Keys a `BatchGetItem` request may carry.
const GET_BATCH_SIZE: usize = 100;
/// Attempts for one batch before the import gives up (it can be re-run).
const MAX_ATTEMPTS: u32 = 12;

#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// `BatchWriteItem` requests in flight at once.
    pub concurrency: usize,
    /// Delete tracks that are in the table but not in the file.
    pub prune: bool,
    /// Ids pruning never deletes: tracks the file names whose rows could
    /// not be imported this time (skipped, or their host was unreachable).
    pub keep: HashSet<String>,
    /// Let a prune leave the table with no track at all. Without it such an
    /// import is refused before anything is written.
    pub allow_empty: bool,
    /// The import's time, seconds since 1970-01-01 UTC: the `added_at` of a
    /// track this import is the first to see, unless its row has its own.
    pub now: u64,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            concurrency: 8,
            prune: false,
            keep: HashSet::new(),
            allow_empty: false,
            now: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        }
    }
}

/// An import refused before anything was written.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ImportRefused {
    #[error(
        "pruning would leave the table with no track ({existing} track(s) in it, \
         none to import); nothing was written (allow it explicitly to empty the table)"
    )]
    WouldEmptyTable { existing: usize },
    #[error(
        "{count} row(s) carry an added_at more than a day after this import's time, \
         the first {id:?}: a date once stored is kept, so a typo would stay the \
         newest for good; nothing was written (fix the date, or leave it out)"
    )]
    DatedInTheFuture { count: usize, id: String },
}

/// How far after the import's own time a row's `added_at` may be: clocks
/// and time zones disagree by hours, never by days.
const ADDED_AT_SLACK_SECS: u64 = 86_400;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub tracks: usize,
    pub search_items: usize,
    pub stale_search_items_removed: usize,
    /// Tracks this import was the first to see, dated now or by their row.
    pub new_tracks: usize,
    pub pruned_tracks: usize,
    pub write_requests: usize,
    /// Batch requests re-sent because DynamoDB left items unprocessed.
    pub retried_batches: usize,
}

/// How far an import is, for a progress bar the caller draws (or not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportProgress {
    /// The number of items the import will write or delete.
    Planned { items: u64 },
    /// That many more items were written or deleted.
    Written { items: u64 },
}

/// Imports validated tracks (positions as in the file) into `table`,
/// telling `progress` how far it is.
pub async fn import_tracks(
    client: &Client,
    table: &str,
    tracks: &[Track],
    options: &ImportOptions,
    progress: &(dyn Fn(ImportProgress) + Sync),
) -> anyhow::Result<ImportSummary> {
    let latest = options.now.saturating_add(ADDED_AT_SLACK_SECS);
    let future: Vec<&Track> = tracks
        .iter()
        .filter(|t| t.added_at.is_some_and(|at| at > latest))
        .collect();
    if let Some(first) = future.first() {
        return Err(ImportRefused::DatedInTheFuture {
            count: future.len(),
            id: first.id.chars().take(100).collect(),
        }
        .into());
    }
    let mut summary = ImportSummary {
        tracks: tracks.len(),
        ..ImportSummary::default()
    };
    let old = read_track_items(client, table, tracks.iter().map(|t| t.id.as_str())).await?;
    // A stored date wins over the row's; a track seen for the first time
    // takes the row's, else now.
    let dated: Vec<Track> = tracks
        .iter()
        .map(|track| {
            let stored = old.get(&track.id).and_then(|o| o.added_at);
            if stored.is_none() && !track.live {
                summary.new_tracks += 1;
            }
            Track {
                added_at: (!track.live).then(|| stored.or(track.added_at).unwrap_or(options.now)),
                ..track.clone()
            }
        })
        .collect();
    let keyed = placed_keys(&dated);

    let mut searches = Vec::new();
    let mut stale = Vec::new();
    for (track, keys) in &keyed {
        let wanted: HashSet<(String, String)> = keys
            .iter()
            .map(|(key, place)| (key_pk(key), key_sk(*place, &track.id)))
            .collect();
        if let Some(stored) = old.get(&track.id) {
            for key in &stored.search_keys {
                let pair = search_item_key(key, stored.position, &track.id);
                if !wanted.contains(&pair) {
                    stale.push(delete(&pair.0, &pair.1));
                }
            }
            // Moved in the catalog (or now a station): its old entry in the
            // newest-first index goes.
            let now_at = new_item(track).and_then(|item| item.get("sk").cloned());
            if let Some((pk, sk)) = stored.new_item_key(&track.id) {
                if now_at.as_ref().and_then(|v| v.as_s().ok()) != Some(&sk) {
                    stale.push(delete(&pk, &sk));
                }
            }
        }
        searches.extend(search_items(track, keys).map(put));
    }
    summary.search_items = searches.len();
    summary.stale_search_items_removed = stale.len();
    let track_items: Vec<WriteRequest> = keyed
        .iter()
        .map(|(t, keys)| {
            let recorded: Vec<String> = keys.iter().map(|(k, p)| recorded_key(k, *p)).collect();
            put(track_item(t, &recorded))
        })
        .collect();
    let newest: Vec<WriteRequest> = dated.iter().filter_map(new_item).map(put).collect();

    // What a pruned track owns goes before its track item: an import
    // stopped between the two finds the track item still there and
    // prunes the rest on its next run.
    let mut pruned = Vec::new();
    let mut pruned_tracks = Vec::new();
    if options.prune {
        let wanted: HashSet<&str> = tracks
            .iter()
            .map(|t| t.id.as_str())
            .chain(options.keep.iter().map(String::as_str))
            .collect();
        let existing = scan_track_items(client, table, true).await?;
        let existing_count = existing.len();
        for item in existing {
            let Some(AttributeValue::S(id)) = item.get("id") else {
                continue;
            };
            let stored = stored_keys(&item);
            if !wanted.contains(id.as_str()) {
                summary.pruned_tracks += 1;
                pruned.extend(stored.search_keys.iter().map(|k| {
                    let (pk, sk) = search_item_key(k, stored.position, id);
                    delete(&pk, &sk)
                }));
                if let Some((pk, sk)) = stored.new_item_key(id) {
                    pruned.push(delete(&pk, &sk));
                }
                pruned_tracks.push(delete(&track_pk(id), TRACK_SK));
            }
        }
        let left = existing_count - summary.pruned_tracks + tracks.len();
        if left == 0 && existing_count > 0 && !options.allow_empty {
            return Err(ImportRefused::WouldEmptyTable {
                existing: existing_count,
            }
            .into());
        }
    }

    // Order matters for safe interruption: see the module documentation.
    let counters = write_phases(
        client,
        table,
        [searches, stale, track_items, newest, pruned, pruned_tracks],
        options.concurrency,
        progress,
    )
    .await?;
    summary.write_requests = counters.requests.load(Ordering::Relaxed);
    summary.retried_batches = counters.retries.load(Ordering::Relaxed);
    Ok(summary)
}

/// A track's search keys, each with the track's place under it.
type PlacedKeys<'a> = (&'a Track, Vec<(String, u32)>);

/// Each track with its search keys and its place under each: a ranked key
/// numbers its tracks 0, 1, 2… in catalog order (the track item records
/// the rank, [`recorded_key`]), the others place it at its catalog position.
fn placed_keys(tracks: &[Track]) -> Vec<PlacedKeys<'_>> {
    let mut order: Vec<usize> = (0..tracks.len()).collect();
    order.sort_by_key(|&i| tracks[i].position);
    let mut next_rank: HashMap<String, u32> = HashMap::new();
    let mut keyed: Vec<Option<PlacedKeys>> = vec![None; tracks.len()];
    for i in order {
        let track = &tracks[i];
        let mut seen = HashSet::new();
        let keys = matching::index_keys(track)
            .into_iter()
            .filter(|k| seen.insert(k.clone()))
            .map(|key| {
                let place = if matching::is_ranked(&key) {
                    let rank = next_rank.entry(key.clone()).or_default();
                    let place = *rank;
                    *rank = rank.saturating_add(1);
                    place
                } else {
                    track.position
                };
                (key, place)
            })
            .collect();
        keyed[i] = Some((track, keys));
    }
    keyed.into_iter().flatten().collect()
}

pub(super) fn put(item: Item) -> WriteRequest {
    WriteRequest::builder()
        .put_request(
            PutRequest::builder()
                .set_item(Some(item))
                .build()
                .expect("item is set"),
        )
        .build()
}

pub(super) fn delete(pk: &str, sk: &str) -> WriteRequest {
    WriteRequest::builder()
        .delete_request(
            DeleteRequest::builder()
                .set_key(Some(key_of(pk, sk)))
                .build()
                .expect("key is set"),
        )
        .build()
}

#[derive(Default)]
pub(super) struct Counters {
    pub(super) requests: AtomicUsize,
    pub(super) retries: AtomicUsize,
}

/// Writes the phases one after the other (each may only start once the one
/// before is written), after telling `progress` how many items in all.
pub(super) async fn write_phases<const N: usize>(
    client: &Client,
    table: &str,
    phases: [Vec<WriteRequest>; N],
    concurrency: usize,
    progress: &(dyn Fn(ImportProgress) + Sync),
) -> anyhow::Result<Counters> {
    let total: usize = phases.iter().map(Vec::len).sum();
    progress(ImportProgress::Planned {
        items: total as u64,
    });
    let counters = Counters::default();
    for phase in phases {
        write_all(client, table, phase, concurrency, progress, &counters).await?;
    }
    Ok(counters)
}

/// Writes every request in batches of 25, `concurrency` batches at a time.
async fn write_all(
    client: &Client,
    table: &str,
    requests: Vec<WriteRequest>,
    concurrency: usize,
    progress: &(dyn Fn(ImportProgress) + Sync),
    counters: &Counters,
) -> anyhow::Result<()> {
    // Moved into their batches, never copied: an import of 100,000 tracks
    // holds about a million items.
    let mut requests = requests.into_iter();
    let batches = std::iter::from_fn(move || {
        let batch: Vec<WriteRequest> = requests.by_ref().take(BATCH_SIZE).collect();
        (!batch.is_empty()).then_some(batch)
    });
    stream::iter(batches.map(Ok::<_, anyhow::Error>))
        .try_for_each_concurrent(concurrency.max(1), |batch| async move {
            let size = batch.len() as u64;
            write_batch(client, table, batch, counters).await?;
            progress(ImportProgress::Written { items: size });
            Ok(())
        })
        .await
}

/// One batch, re-sending unprocessed items with exponential backoff and jitter.
async fn write_batch(
    client: &Client,
    table: &str,
    mut batch: Vec<WriteRequest>,
    counters: &Counters,
) -> anyhow::Result<()> {
    for attempt in 0..MAX_ATTEMPTS {
        counters.requests.fetch_add(1, Ordering::Relaxed);
        let output = client
            .batch_write_item()
            // An error ends the import: only what DynamoDB leaves
            // unprocessed is sent again, from its answer.
            .request_items(table, std::mem::take(&mut batch))
            .send()
            .await
            .with_context(|| format!("BatchWriteItem on {table} failed"))?;
        batch = output
            .unprocessed_items()
            .and_then(|u| u.get(table))
            .cloned()
            .unwrap_or_default();
        if batch.is_empty() {
            return Ok(());
        }
        counters.retries.fetch_add(1, Ordering::Relaxed);
        tokio::time::sleep(backoff(attempt)).await;
    }
    anyhow::bail!(
        "DynamoDB left {} items unprocessed after {MAX_ATTEMPTS} attempts; run the import again",
        batch.len()
    )
}

/// 50 ms doubling to 5 s, with full jitter.
fn backoff(attempt: u32) -> Duration {
    use rand::Rng;
    let cap = (50u64 << attempt.min(7)).min(5_000);
    Duration::from_millis(rand::rng().random_range(cap / 2..=cap))
}

/// The stored search keys, position and date of the given tracks, where
/// stored.
async fn read_track_items<'a>(
    client: &Client,
    table: &str,
    ids: impl Iterator<Item = &'a str>,
) -> anyhow::Result<HashMap<String, StoredKeys>> {
    let ids: Vec<&str> = ids.collect();
    let mut found = HashMap::new();
    for chunk in ids.chunks(GET_BATCH_SIZE) {
        let mut keys: Vec<Item> = chunk
            .iter()
            .map(|id| key_of(&track_pk(id), TRACK_SK))
            .collect();
        for attempt in 0..MAX_ATTEMPTS {
            if keys.is_empty() {
                break;
            }
            // Strongly consistent: an import run again at once must see
            // what the last one wrote, or it would date known tracks anew.
            let request = KeysAndAttributes::builder()
                .set_keys(Some(keys.clone()))
                .consistent_read(true)
                .projection_expression("id, search_keys, #position, added_at")
                .expression_attribute_names("#position", "position")
                .build()?;
            let output = client
                .batch_get_item()
                .request_items(table, request)
                .send()
                .await
                .with_context(|| format!("BatchGetItem on {table} failed"))?;
            for item in output
                .responses()
                .and_then(|r| r.get(table))
                .into_iter()
                .flatten()
            {
                if let Some(AttributeValue::S(id)) = item.get("id") {
                    found.insert(id.clone(), stored_keys(item));
                }
            }
            keys = output
                .unprocessed_keys()
                .and_then(|u| u.get(table))
                .map(|k| k.keys().to_vec())
                .unwrap_or_default();
            if !keys.is_empty() {
                tokio::time::sleep(backoff(attempt)).await;
            }
        }
        // A track left unread would be taken for a new one: its date reset,
        // its old entry in the newest-first index left behind.
        if !keys.is_empty() {
            anyhow::bail!(
                "{} stored tracks of {table} could not be read (throttled): run the import again",
                keys.len()
            );
        }
    }
    Ok(found)
}
