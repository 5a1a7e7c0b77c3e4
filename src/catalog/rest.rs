//! The rest of a queue, read a little at a time: the tracks carrying a
//! search key (an artist's), starting after the track the queue began with
//! and wrapping once to the key's first track. A request that plays a song
//! then writes one track and this small reference, not the artist's whole
//! list; the queue reads on as it reaches its end.

use serde::{Deserialize, Serialize};

use super::{Catalog, Track};
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
}

impl Rest {
    /// The rest of `key`'s tracks around the one at catalog position `start`.
    pub fn after(key: String, start: u32) -> Self {
        Rest {
            key,
            from: start.saturating_add(1),
            start,
            wrapped: false,
            done: false,
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
}
