//! The embedded catalog: every track in memory with an inverted index of
//! search keys. The default for local runs (`jukebox invoke`, `jukebox chat`)
//! and a product feature in its own right for small catalogs.

use std::collections::HashMap;
use std::path::Path;

use async_trait::async_trait;

use crate::catalog::{
    parse_catalog, read_catalog_file, Catalog, CatalogRules, Track, SAMPLE_CATALOG,
};
use crate::error::StoreError;
use crate::matching;

/// An in-memory catalog indexed by the same search keys DynamoDB stores.
#[derive(Debug, Default)]
pub struct MemoryCatalog {
    tracks: Vec<Track>,
    by_id: HashMap<String, usize>,
    by_key: HashMap<String, Vec<usize>>,
}

impl MemoryCatalog {
    /// Indexes validated tracks (see [`crate::catalog::parse_catalog`]).
    pub fn new(tracks: Vec<Track>) -> Self {
        let mut catalog = MemoryCatalog {
            by_id: HashMap::with_capacity(tracks.len()),
            by_key: HashMap::new(),
            tracks: Vec::with_capacity(tracks.len()),
        };
        for (position, mut track) in tracks.into_iter().enumerate() {
            track.position = position as u32;
            catalog.by_id.insert(track.id.clone(), position);
            for key in matching::index_keys(&track) {
                let slot = catalog.by_key.entry(key).or_default();
                if slot.last() != Some(&position) {
                    slot.push(position);
                }
            }
            catalog.tracks.push(track);
        }
        catalog
    }

    /// Loads a catalog file, refusing it whole when any row is bad.
    pub fn from_file(path: &Path) -> anyhow::Result<Self> {
        let tracks = read_catalog_file(path, &CatalogRules::default())?.into_valid()?;
        Ok(Self::new(tracks))
    }

    /// The sample catalog that ships with jukebox.
    pub fn sample() -> Self {
        let tracks = parse_catalog(SAMPLE_CATALOG, &CatalogRules::default())
            .and_then(|report| report.into_valid())
            .unwrap_or_default();
        Self::new(tracks)
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
        for key in keys {
            if let Some(hits) = self.by_key.get(key) {
                for &position in hits.iter().take(per_key_limit) {
                    if !positions.contains(&position) {
                        positions.push(position);
                    }
                }
            }
        }
        Ok(positions
            .into_iter()
            .map(|p| self.tracks[p].clone())
            .collect())
    }

    async fn track(&self, id: &str) -> Result<Option<Track>, StoreError> {
        Ok(self.by_id.get(id).map(|&p| self.tracks[p].clone()))
    }

    async fn size(&self) -> Result<u32, StoreError> {
        Ok(u32::try_from(self.tracks.len()).unwrap_or(u32::MAX))
    }

    async fn tracks_from(
        &self,
        key: &str,
        from: u32,
        limit: usize,
    ) -> Result<Vec<Track>, StoreError> {
        let Some(hits) = self.by_key.get(key) else {
            return Ok(Vec::new());
        };
        // Positions in a key's list ascend: start where `from` would go.
        let start = hits.partition_point(|&p| (p as u64) < u64::from(from));
        Ok(hits[start..]
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
