//! The rest of a queue, read a little at a time: the tracks carrying a
//! search key (an artist's), starting after the track the queue began with
//! and wrapping once to the key's first track. A request that plays a song
//! then writes one track and this small reference, not the artist's whole
//! list; the queue reads on as it reaches its end.

use serde::{Deserialize, Serialize};

use super::{Catalog, Shuffle, Track};
use crate::error::StoreError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rest {
    /// The search key whose tracks follow.
    pub key: String,
    /// Catalog position to read from next.
    pub from: u32,
    /// Catalog position of the track the queue began with: skipped, and
    /// where reading stops after wrapping.
    pub start: u32,
    /// Whether reading has wrapped to the key's first track.
    #[serde(default)]
    pub wrapped: bool,
    /// Nothing is left to read.
    #[serde(default)]
    pub done: bool,
    /// Set when the rest is the key's tracks in a shuffled order (the whole
    /// catalog, shuffled): `from` then counts the places of the order
    /// already read, and place `k` is the track at catalog position
    /// `shuffle.at(k)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shuffle: Option<Box<Shuffle>>,
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

/// The `start` of a rest that began with no track of its own: nothing is
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
            key,
            from: start.saturating_add(1),
            start,
            wrapped: false,
            done: false,
            shuffle: None,
        }
    }

    /// The next cycle of a shuffled rest that has been read through (loop
    /// on): every track again, in a new order keyed by `seed`.
    pub fn next_cycle(&mut self, seed: u64) {
        if let Some(shuffle) = self.shuffle.as_deref_mut() {
            shuffle.seed = seed;
            self.from = 0;
            self.done = shuffle.n == 0;
        }
    }

    /// The tracks of `key` from position `from` to its end, no wrapping:
    /// a playlist after its first page, or a long queue's next lap.
    pub fn from_position(key: String, from: u32) -> Self {
        Rest {
            key,
            from,
            start: NO_START,
            wrapped: false,
            done: false,
            shuffle: None,
        }
    }

    /// The tracks of `key`, whose catalog positions run from 0 to
    /// `shuffle.n` (the whole catalog's key), in the shuffled order after
    /// its first place, which the queue begins with.
    pub fn shuffled(key: String, shuffle: Shuffle) -> Self {
        Rest {
            key,
            from: 1,
            start: shuffle.at(0).unwrap_or(0),
            wrapped: false,
            done: shuffle.n <= 1,
            shuffle: Some(Box::new(shuffle)),
        }
    }

    /// Reads the next tracks, at most `limit` a request: at least one, or
    /// none because the rest is [`done`](Rest::done).
    pub async fn read_more(
        &mut self,
        catalog: &dyn Catalog,
        limit: usize,
    ) -> Result<Vec<Track>, StoreError> {
        let limit = limit.max(1);
        if let Some(shuffle) = self.shuffle.as_deref().copied() {
            return self.read_shuffled(shuffle, catalog, limit).await;
        }
        let mut found = Vec::new();
        while !self.done && found.is_empty() {
            let batch = catalog.tracks_from(&self.key, self.from, limit).await?;
            let last_page = batch.len() < limit;
            for track in batch {
                if self.wrapped && track.position >= self.start {
                    self.done = true;
                    return Ok(found);
                }
                self.from = track.position.saturating_add(1);
                if track.position != self.start {
                    found.push(track);
                }
            }
            if last_page {
                if self.wrapped || self.start == 0 || self.start == NO_START {
                    self.done = true;
                } else {
                    self.wrapped = true;
                    self.from = 0;
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
        while !self.done && found.len() < limit && reads < MAX_SHUFFLED_READS {
            let Some(position) = shuffle.at(self.from) else {
                self.done = true;
                break;
            };
            reads += 1;
            let track = catalog.tracks_from(&self.key, position, 1).await?.pop();
            self.from = self.from.saturating_add(1);
            self.done = self.from >= shuffle.n;
            found.extend(track.filter(|track| track.position == position));
        }
        Ok(found)
    }
}
