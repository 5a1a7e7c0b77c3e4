//! The rest of a queue, read a little at a time: the tracks carrying a
//! search key (an artist's), starting after the track the queue began with
//! and wrapping once to the key's first track. A request that plays a song
//! then writes one track and this small reference, not the artist's whole
//! list; the queue reads on as it reaches its end.

use serde::{Deserialize, Serialize};

use super::Shuffle;
use crate::catalog::{Catalog, Track};
use crate::error::StoreError;

/// Where the unread rest of a listener's queue is in the catalog, stored
/// with the queue ([`PlaybackState::unread`](super::PlaybackState::unread)).
/// The `serde` names are the stored ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rest {
    /// The search key whose tracks the listener hears next (an artist's, a
    /// genre's, a playlist's, the whole catalog's).
    #[serde(rename = "key")]
    pub search_key: String,
    /// The catalog position to read from next (for a shuffled rest: the
    /// place in its order).
    #[serde(rename = "from")]
    pub read_from: u32,
    /// The catalog position of the track the listener's queue began with:
    /// skipped, and where reading stops after wrapping.
    #[serde(rename = "start")]
    pub began_at: u32,
    /// Whether reading has wrapped to the key's first track.
    #[serde(default)]
    pub wrapped: bool,
    /// Whether everything the listener asked for has been read into the
    /// queue: nothing is left to read.
    #[serde(rename = "done", default)]
    pub all_read: bool,
    /// Set when the listener hears the key's tracks in a shuffled order
    /// (the whole catalog, a genre): `read_from` then counts the places of
    /// the order already read, and place `k` is the track at catalog
    /// position `shuffled_order.at(k)`.
    #[serde(rename = "shuffle", default, skip_serializing_if = "Option::is_none")]
    pub shuffled_order: Option<Box<Shuffle>>,
}

/// The start of a shuffled source: its first track (place 0 of the order),
/// the rest to read as the queue goes on, and the source's last track by
/// rank (what it is called, for a genre).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShuffledStart {
    pub first: Track,
    pub rest: Rest,
    pub last: Track,
}

/// The tracks of the ranked key `key` in a fresh order keyed by `seed`
/// (`None` when the key holds no track). Two requests, one after the
/// other: the key's last track, whose rank says how many it holds, then
/// the track at the order's first place.
pub async fn shuffled(
    catalog: &dyn Catalog,
    key: &str,
    seed: u64,
) -> Result<Option<ShuffledStart>, StoreError> {
    let Some(last) = catalog.last(key).await? else {
        return Ok(None);
    };
    let shuffle = Shuffle::new(last.position.saturating_add(1), seed);
    let Some(place) = shuffle.at(0) else {
        return Ok(None);
    };
    let first = catalog.tracks_from(key, place, 1).await?.pop();
    Ok(first.map(|first| ShuffledStart {
        first,
        rest: Rest::shuffled(key.to_string(), shuffle),
        last,
    }))
}

/// The `began_at` of a rest that began with no track of its own: nothing is
/// skipped, and it ends at the key's end without wrapping.
const NO_START: u32 = u32::MAX;

/// Reads at most this many tracks a request from a shuffled rest, where a
/// catalog with gaps in its positions (imported without `--prune`) leaves
/// some places empty.
const MAX_SHUFFLED_READS: usize = 8;

impl Rest {
    /// The rest of `key`'s tracks around the one at catalog position `start`.
    pub fn after(key: String, start: u32) -> Self {
        Rest {
            search_key: key,
            read_from: start.saturating_add(1),
            began_at: start,
            wrapped: false,
            all_read: false,
            shuffled_order: None,
        }
    }

    /// The next cycle of a shuffled rest that has been read through (loop
    /// on): every track again, in a new order keyed by `seed`.
    pub fn next_cycle(&mut self, seed: u64) {
        if let Some(shuffle) = self.shuffled_order.as_deref_mut() {
            shuffle.seed = seed;
            self.read_from = 0;
            self.all_read = shuffle.count == 0;
        }
    }

    /// The tracks of `key` from position `from` to its end, no wrapping:
    /// a playlist after its first page, or a long queue's next lap.
    pub fn from_position(key: String, from: u32) -> Self {
        Rest {
            search_key: key,
            read_from: from,
            began_at: NO_START,
            wrapped: false,
            all_read: false,
            shuffled_order: None,
        }
    }

    /// The tracks of `key`, whose catalog positions run from 0 to
    /// `shuffle.count` (the whole catalog's key), in the shuffled order after
    /// its first place, which the queue begins with.
    pub fn shuffled(key: String, shuffle: Shuffle) -> Self {
        Rest {
            search_key: key,
            read_from: 1,
            began_at: shuffle.at(0).unwrap_or(0),
            wrapped: false,
            all_read: shuffle.count <= 1,
            shuffled_order: Some(Box::new(shuffle)),
        }
    }

    /// Reads the next tracks, at most `limit` a request: at least one, or
    /// none because the rest is [`all_read`](Rest::all_read).
    pub async fn read_more(
        &mut self,
        catalog: &dyn Catalog,
        limit: usize,
    ) -> Result<Vec<Track>, StoreError> {
        let limit = limit.max(1);
        if let Some(shuffle) = self.shuffled_order.as_deref().copied() {
            return self.read_shuffled(shuffle, catalog, limit).await;
        }
        let mut found = Vec::new();
        while !self.all_read && found.is_empty() {
            let batch = catalog
                .tracks_from(&self.search_key, self.read_from, limit)
                .await?;
            let last_page = batch.len() < limit;
            for track in batch {
                if self.wrapped && track.position >= self.began_at {
                    self.all_read = true;
                    return Ok(found);
                }
                self.read_from = track.position.saturating_add(1);
                if track.position != self.began_at {
                    found.push(track);
                }
            }
            if last_page {
                if self.wrapped || self.began_at == 0 || self.began_at == NO_START {
                    self.all_read = true;
                } else {
                    self.wrapped = true;
                    self.read_from = 0;
                }
            }
        }
        Ok(found)
    }

    /// The next `limit` places of a shuffled order (one request each; a
    /// place whose position holds no track is skipped, a few at most).
    async fn read_shuffled(
        &mut self,
        shuffle: Shuffle,
        catalog: &dyn Catalog,
        limit: usize,
    ) -> Result<Vec<Track>, StoreError> {
        let mut found = Vec::new();
        let mut reads = 0;
        while !self.all_read && found.len() < limit && reads < MAX_SHUFFLED_READS {
            let Some(position) = shuffle.at(self.read_from) else {
                self.all_read = true;
                break;
            };
            reads += 1;
            let track = catalog
                .tracks_from(&self.search_key, position, 1)
                .await?
                .pop();
            self.read_from = self.read_from.saturating_add(1);
            self.all_read = self.read_from >= shuffle.count;
            found.extend(track.filter(|track| track.position == position));
        }
        Ok(found)
    }
}
