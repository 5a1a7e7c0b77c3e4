//! The owner's playlists in the catalog table, written by `catalog import
//! --playlists`. A playlist is a search key of its own (`p:` and the sound
//! of its name) whose items are its entries in order (`sk` =
//! `<place in the playlist>#<id>`, the track's fields copied in), so the
//! skill reads a playlist exactly as it reads an artist: a `Query` for the
//! first page, then a little more as the queue reaches it. A registry item
//! per playlist (`pk = playlists`, `sk` = its key) lets `--prune` find the
//! playlists the owner no longer has.

use std::collections::{HashMap, HashSet};

use anyhow::Context;
use aws_sdk_dynamodb::types::AttributeValue;
use aws_sdk_dynamodb::Client;

use super::import::{delete, put, write_phases, ImportOptions, ImportProgress};
use super::items::{key_pk, key_sk, search_item, Item};
use crate::catalog::{Playlist, Track};
use crate::matching;

/// The partition of the registry items.
pub(crate) const REGISTRY_PK: &str = "playlists";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlaylistSummary {
    pub playlists: usize,
    pub entries: usize,
    pub stale_entries_removed: usize,
    pub pruned_playlists: usize,
}

/// A playlist import refused before anything was written.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PlaylistsRefused {
    #[error(
        "the playlists \"{first}\" and \"{second}\" sound the same to Alexa; \
         rename one (nothing was written)"
    )]
    SoundAlike { first: String, second: String },
    #[error(
        "the playlist name \"{0}\" has nothing Alexa could say; rename it (nothing was written)"
    )]
    Unspeakable(String),
}

/// Writes `playlists` (resolved against `tracks`, the file's tracks) into
/// `table`: each playlist's entries, then the removal of entries it no
/// longer has, then its registry item; with `options.prune`, the playlists
/// of the table the owner no longer has are removed last.
pub async fn import_playlists(
    client: &Client,
    table: &str,
    playlists: &[Playlist],
    tracks: &[Track],
    options: &ImportOptions,
    progress: &(dyn Fn(ImportProgress) + Sync),
) -> anyhow::Result<PlaylistSummary> {
    let keyed = keyed(playlists)?;
    let by_id: HashMap<&str, &Track> = tracks.iter().map(|t| (t.id.as_str(), t)).collect();
    let mut summary = PlaylistSummary {
        playlists: keyed.len(),
        ..PlaylistSummary::default()
    };
    let mut entries = Vec::new();
    let mut stale = Vec::new();
    let mut registry = Vec::new();
    for (key, playlist) in &keyed {
        let mut wanted = HashSet::new();
        let placed = playlist
            .track_ids
            .iter()
            .filter_map(|id| by_id.get(id.as_str()))
            .enumerate();
        for (index, track) in placed {
            let index = u32::try_from(index).context("a playlist longer than 4 billion tracks")?;
            let entry = track.in_playlist(&playlist.name, index);
            wanted.insert(key_sk(index, &track.id));
            entries.push(put(search_item(&entry, key, index)));
        }
        for sk in stored_sort_keys(client, table, &key_pk(key)).await? {
            if !wanted.contains(&sk) {
                stale.push(delete(&key_pk(key), &sk));
            }
        }
        registry.push(put(registry_item(key, playlist, wanted.len())));
    }
    summary.entries = entries.len();
    summary.stale_entries_removed = stale.len();

    let mut pruned = Vec::new();
    if options.prune {
        let kept: HashSet<&str> = keyed.iter().map(|(key, _)| key.as_str()).collect();
        for key in stored_sort_keys(client, table, REGISTRY_PK).await? {
            if kept.contains(key.as_str()) {
                continue;
            }
            summary.pruned_playlists += 1;
            for sk in stored_sort_keys(client, table, &key_pk(&key)).await? {
                pruned.push(delete(&key_pk(&key), &sk));
            }
            pruned.push(delete(REGISTRY_PK, &key));
        }
    }

    write_phases(
        client,
        table,
        [entries, stale, registry, pruned],
        options.concurrency,
        progress,
    )
    .await?;
    Ok(summary)
}

/// Each playlist with its search key, refusing two that Alexa could not
/// tell apart (their keys would be one).
fn keyed(playlists: &[Playlist]) -> Result<Vec<(String, &Playlist)>, PlaylistsRefused> {
    let mut seen: HashMap<String, &str> = HashMap::new();
    let mut keyed = Vec::new();
    for playlist in playlists {
        let key = matching::playlist_key(&playlist.name)
            .ok_or_else(|| PlaylistsRefused::Unspeakable(playlist.name.clone()))?;
        if let Some(first) = seen.insert(key.clone(), &playlist.name) {
            return Err(PlaylistsRefused::SoundAlike {
                first: first.to_string(),
                second: playlist.name.clone(),
            });
        }
        keyed.push((key, playlist));
    }
    Ok(keyed)
}

fn registry_item(key: &str, playlist: &Playlist, entries: usize) -> Item {
    HashMap::from([
        ("pk".to_string(), AttributeValue::S(REGISTRY_PK.to_string())),
        ("sk".to_string(), AttributeValue::S(key.to_string())),
        ("name".to_string(), AttributeValue::S(playlist.name.clone())),
        (
            "entries".to_string(),
            AttributeValue::N(entries.to_string()),
        ),
    ])
}

/// Every sort key stored under `pk` (an administrator's paged `Query`,
/// keys only).
async fn stored_sort_keys(client: &Client, table: &str, pk: &str) -> anyhow::Result<Vec<String>> {
    let mut keys = Vec::new();
    let mut start: Option<HashMap<String, AttributeValue>> = None;
    loop {
        let output = client
            .query()
            .table_name(table)
            .key_condition_expression("pk = :pk")
            .expression_attribute_values(":pk", AttributeValue::S(pk.to_string()))
            .projection_expression("sk")
            .set_exclusive_start_key(start.take())
            .send()
            .await
            .with_context(|| format!("Query on {table} failed"))?;
        keys.extend(
            output
                .items()
                .iter()
                .filter_map(|item| match item.get("sk") {
                    Some(AttributeValue::S(sk)) => Some(sk.clone()),
                    _ => None,
                }),
        );
        match output.last_evaluated_key() {
            Some(last) if !last.is_empty() => start = Some(last.clone()),
            _ => return Ok(keys),
        }
    }
}
