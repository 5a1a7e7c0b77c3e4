//! The embedded catalog as a network would serve it: every read waits once
//! before it answers. The skill writes a new queue beside a search only
//! when the catalog makes it wait (an answer already at hand is written
//! whole, after it), so this is how the embedded stores take the path a
//! first ask takes on DynamoDB.

use std::sync::Arc;

use async_trait::async_trait;
use jukebox::catalog::{Catalog, Track};
use jukebox::error::StoreError;
use jukebox::skill::Skill;
use jukebox::store::memory::{MemoryCatalog, MemoryPlaybackStore};

pub struct WaitingCatalog(pub Arc<dyn Catalog>);

#[async_trait]
impl Catalog for WaitingCatalog {
    async fn lookup(&self, keys: &[String], limit: usize) -> Result<Vec<Track>, StoreError> {
        tokio::task::yield_now().await;
        self.0.lookup(keys, limit).await
    }
    async fn track(&self, id: &str) -> Result<Option<Track>, StoreError> {
        tokio::task::yield_now().await;
        self.0.track(id).await
    }
    async fn playlist_names(&self) -> Result<Vec<String>, StoreError> {
        tokio::task::yield_now().await;
        self.0.playlist_names().await
    }
    async fn last(&self, key: &str) -> Result<Option<Track>, StoreError> {
        tokio::task::yield_now().await;
        self.0.last(key).await
    }
    async fn tracks_from(
        &self,
        key: &str,
        from: u32,
        limit: usize,
    ) -> Result<Vec<Track>, StoreError> {
        tokio::task::yield_now().await;
        self.0.tracks_from(key, from, limit).await
    }
    async fn newest(&self, limit: usize) -> Result<Vec<Track>, StoreError> {
        tokio::task::yield_now().await;
        self.0.newest(limit).await
    }
}

/// The embedded skill with a catalog that waits: every first ask writes
/// its queue beside the search.
pub fn waiting_skill(tracks: Vec<Track>) -> Skill {
    super::skill_on(
        Arc::new(WaitingCatalog(Arc::new(MemoryCatalog::new(tracks)))),
        Arc::new(MemoryPlaybackStore::new()),
    )
}
