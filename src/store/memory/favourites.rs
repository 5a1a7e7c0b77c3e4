//! Favourites in memory: a set of track ids per owner.

use std::collections::{BTreeSet, HashMap};
use std::sync::Mutex;

use async_trait::async_trait;

use super::lock;
use crate::error::StoreError;
use crate::favourites::{Liked, Owner, MAX_FAVOURITES};
use crate::ports::FavouritesStore;

#[derive(Debug, Default)]
pub struct MemoryFavourites {
    sets: Mutex<HashMap<String, BTreeSet<String>>>,
}

impl MemoryFavourites {
    pub fn new() -> Self {
        Self::default()
    }
}

#[async_trait]
impl FavouritesStore for MemoryFavourites {
    async fn favourites(&self, owner: &Owner) -> Result<Vec<String>, StoreError> {
        let sets = lock(&self.sets, "favourites")?;
        Ok(sets
            .get(&owner.storage_key())
            .map(|set| set.iter().cloned().collect())
            .unwrap_or_default())
    }

    async fn like(&self, owner: &Owner, track_id: &str) -> Result<Liked, StoreError> {
        let mut sets = lock(&self.sets, "favourites")?;
        let set = sets.entry(owner.storage_key()).or_default();
        if set.contains(track_id) {
            return Ok(Liked::AlreadyThere);
        }
        if set.len() >= MAX_FAVOURITES {
            return Ok(Liked::Full);
        }
        set.insert(track_id.to_string());
        Ok(Liked::Added)
    }

    async fn unlike(&self, owner: &Owner, track_id: &str) -> Result<bool, StoreError> {
        let mut sets = lock(&self.sets, "favourites")?;
        Ok(sets
            .get_mut(&owner.storage_key())
            .is_some_and(|set| set.remove(track_id)))
    }
}
