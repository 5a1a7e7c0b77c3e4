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

    /// The tracks of `key` from position `from` to its end, no wrapping:
    /// a playlist after its first page.
    pub fn from_position(key: String, from: u32) -> Self {
        Rest {
            key,
            from,
            start: 0,
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
                if self.wrapped || self.start == 0 {
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
