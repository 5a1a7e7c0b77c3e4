//! The embedded catalog: every track in memory with an inverted index of
//! search keys. The default for local runs (`jukebox invoke`, `jukebox chat`)
//! and a product feature in its own right for small catalogs.

use std::collections::HashMap;
use std::path::Path;

use async_trait::async_trait;

use crate::catalog::{parse_catalog, CatalogRules, Playlist, Track, SAMPLE_CATALOG};
use crate::error::StoreError;
use crate::matching;
use crate::ports::Catalog;

/// An in-memory catalog indexed by the same search keys DynamoDB stores.
#[derive(Debug, Default)]
pub struct MemoryCatalog {
    tracks: Vec<Track>,
    by_id: HashMap<String, usize>,
    by_key: HashMap<String, Vec<usize>>,
    /// Each playlist's entries in the owner's order, under the playlist's
    /// search key: copies of their tracks placed in the playlist.
    playlists: HashMap<String, Vec<Track>>,
    /// Positions of the dated tracks (no station), newest first.
    newest: Vec<usize>,
}

impl MemoryCatalog {
    /// Indexes validated tracks (see [`crate::catalog::parse_catalog`]).
    /// This store reads its catalog afresh at every start, so that is when
    /// it first sees a track: one without its own `added_at` is dated now.
    pub fn new(tracks: Vec<Track>) -> Self {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let mut catalog = MemoryCatalog {
            by_id: HashMap::with_capacity(tracks.len()),
            by_key: HashMap::new(),
            tracks: Vec::with_capacity(tracks.len()),
            playlists: HashMap::new(),
            newest: Vec::new(),
        };
        for (position, mut track) in tracks.into_iter().enumerate() {
            track.position = position as u32;
            if !track.live {
                track.added_at.get_or_insert(now);
                catalog.newest.push(position);
            }
            catalog.by_id.insert(track.id.clone(), position);
            for key in matching::index_keys(&track) {
                let slot = catalog.by_key.entry(key).or_default();
                if slot.last() != Some(&position) {
                    slot.push(position);
                }
            }
            catalog.tracks.push(track);
        }
        let tracks = &catalog.tracks;
        catalog
            .newest
            .sort_by_key(|&p| std::cmp::Reverse((tracks[p].added_at, p)));
        catalog
    }

    /// Adds the owner's playlists (resolved against this catalog: an id it
    /// does not hold is skipped). A playlist replaces one of the same key.
    pub fn with_playlists(mut self, playlists: &[Playlist]) -> Self {
        for playlist in playlists {
            let Some(key) = matching::playlist_key(&playlist.name) else {
                continue;
            };
            let entries = playlist
                .track_ids
                .iter()
                .filter_map(|id| self.by_id.get(id))
                .enumerate()
                .map(|(index, &p)| {
                    self.tracks[p]
                        .in_playlist(&playlist.name, u32::try_from(index).unwrap_or(u32::MAX))
                })
                .collect();
            self.playlists.insert(key, entries);
        }
        self
    }

    /// Loads a catalog file and its playlists (its own, and the M3U file or
    /// folder `playlists`), refusing them whole when any row or entry is bad.
    pub fn from_files(path: &Path, playlists: Option<&Path>) -> anyhow::Result<Self> {
        let (tracks, playlists) =
            crate::catalog::read_library(path, playlists, &CatalogRules::default())?
                .into_valid()?;
        Ok(Self::new(tracks).with_playlists(&playlists))
    }

    /// The sample catalog with the owner's M3U playlists of its tracks.
    pub fn sample_with_playlists(playlists: &Path) -> anyhow::Result<Self> {
        let sample = Self::sample();
        let sources = crate::catalog::playlist::read_playlists(playlists)?;
        let report = crate::catalog::playlist::resolve(sources, &sample.tracks);
        if let Some(first) = report.invalid.first() {
            anyhow::bail!(
                "{} bad playlist entr(ies), first: {first}",
                report.invalid.len()
            );
        }
        Ok(sample.with_playlists(&report.playlists))
    }

    /// The sample catalog that ships with jukebox.
    pub fn sample() -> Self {
        let tracks = parse_catalog(SAMPLE_CATALOG, &CatalogRules::default())
            .and_then(|report| report.into_valid())
            .unwrap_or_default();
        Self::new(tracks)
    }

    /// The track at catalog position `position` as `key` holds it: under a
    /// ranked key, numbered by its rank there (as DynamoDB stores it).
    fn placed(&self, key: &str, rank: usize, position: usize) -> Track {
        let mut track = self.tracks[position].clone();
        if matching::is_ranked(key) {
            track.position = u32::try_from(rank).unwrap_or(u32::MAX);
        }
        track
    }

    pub fn len(&self) -> usize {
        self.tracks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tracks.is_empty()
    }

    pub fn all(&self) -> &[Track] {
        &self.tracks
    }
}

#[async_trait]
impl Catalog for MemoryCatalog {
    async fn lookup(
        &self,
        keys: &[String],
        per_key_limit: usize,
    ) -> Result<Vec<Track>, StoreError> {
        let mut positions: Vec<usize> = Vec::new();
        let mut listed: Vec<Track> = Vec::new();
        for key in keys {
            if let Some(entries) = self.playlists.get(key) {
                for entry in entries.iter().take(per_key_limit) {
                    if !listed.iter().any(|t| t.id == entry.id) {
                        listed.push(entry.clone());
                    }
                }
            } else if let Some(hits) = self.by_key.get(key) {
                for (rank, &position) in hits.iter().enumerate().take(per_key_limit) {
                    if matching::is_ranked(key) {
                        if !listed.iter().any(|t| t.id == self.tracks[position].id) {
                            listed.push(self.placed(key, rank, position));
                        }
                    } else if !positions.contains(&position) {
                        positions.push(position);
                    }
                }
            }
        }
        listed.extend(positions.into_iter().map(|p| self.tracks[p].clone()));
        Ok(listed)
    }

    async fn track(&self, id: &str) -> Result<Option<Track>, StoreError> {
        Ok(self.by_id.get(id).map(|&p| self.tracks[p].clone()))
    }

    async fn playlist_names(&self) -> Result<Vec<String>, StoreError> {
        let mut names: Vec<String> = self
            .playlists
            .values()
            .filter_map(|entries| entries.first()?.playlist.clone())
            .collect();
        names.sort();
        names.truncate(crate::catalog::MAX_PLAYLIST_NAMES);
        Ok(names)
    }

    async fn last(&self, key: &str) -> Result<Option<Track>, StoreError> {
        if let Some(entries) = self.playlists.get(key) {
            return Ok(entries.last().cloned());
        }
        let Some(hits) = self.by_key.get(key) else {
            return Ok(None);
        };
        Ok(hits.last().map(|&p| self.placed(key, hits.len() - 1, p)))
    }

    async fn tracks_from(
        &self,
        key: &str,
        from: u32,
        limit: usize,
    ) -> Result<Vec<Track>, StoreError> {
        if let Some(entries) = self.playlists.get(key) {
            let from = usize::try_from(from).unwrap_or(usize::MAX);
            return Ok(entries.iter().skip(from).take(limit).cloned().collect());
        }
        let Some(hits) = self.by_key.get(key) else {
            return Ok(Vec::new());
        };
        if matching::is_ranked(key) {
            let from = usize::try_from(from).unwrap_or(usize::MAX);
            return Ok(hits
                .iter()
                .enumerate()
                .skip(from)
                .take(limit)
                .map(|(rank, &p)| self.placed(key, rank, p))
                .collect());
        }
        // Positions in a key's list ascend: start where `from` would go.
        let start = hits.partition_point(|&p| (p as u64) < u64::from(from));
        Ok(hits[start..]
            .iter()
            .take(limit)
            .map(|&p| self.tracks[p].clone())
            .collect())
    }

    async fn newest(&self, limit: usize) -> Result<Vec<Track>, StoreError> {
        Ok(self
            .newest
            .iter()
            .take(limit)
            .map(|&p| self.tracks[p].clone())
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_catalog_is_valid() {
        let report = parse_catalog(SAMPLE_CATALOG, &CatalogRules::default()).unwrap();
        assert!(report.invalid.is_empty(), "{:?}", report.invalid);
        assert!(report.tracks.len() >= 10);
        assert_eq!(MemoryCatalog::sample().len(), report.tracks.len());
    }
}
