//! The embedded playback store: a map behind a mutex, with the same
//! version check as DynamoDB's conditional writes.

use std::collections::HashMap;
use std::sync::Mutex;

use async_trait::async_trait;

use super::lock;
use crate::error::StoreError;
use crate::playback::{ListenerKey, PlaybackState, SaveError, Versioned};
use crate::ports::PlaybackStore;

/// In-memory playback state. A std `Mutex` is right: it is never held
/// across an `.await`.
#[derive(Debug, Default)]
pub struct MemoryPlaybackStore {
    states: Mutex<HashMap<String, Versioned>>,
}

impl MemoryPlaybackStore {
    pub fn new() -> Self {
        Self::default()
    }
}

#[async_trait]
impl PlaybackStore for MemoryPlaybackStore {
    async fn load(&self, key: &ListenerKey) -> Result<Option<Versioned>, StoreError> {
        let states = lock(&self.states, "playback state")?;
        Ok(states.get(&key.storage_key()).cloned())
    }

    async fn save(
        &self,
        key: &ListenerKey,
        state: &PlaybackState,
        expected: Option<u64>,
    ) -> Result<u64, SaveError> {
        let mut states = lock(&self.states, "playback state")?;
        let slot = states.get(&key.storage_key());
        if slot.map(|v| v.version) != expected {
            return Err(SaveError::Conflict);
        }
        let version = expected.unwrap_or(0) + 1;
        states.insert(
            key.storage_key(),
            Versioned {
                state: state.clone(),
                version,
            },
        );
        Ok(version)
    }

    async fn replace(
        &self,
        key: &ListenerKey,
        state: &PlaybackState,
    ) -> Result<(Option<PlaybackState>, u64), StoreError> {
        let mut states = lock(&self.states, "playback state")?;
        let old = states.remove(&key.storage_key());
        let version = old.as_ref().map_or(0, |v| v.version) + 1;
        states.insert(
            key.storage_key(),
            Versioned {
                state: state.clone(),
                version,
            },
        );
        Ok((old.map(|v| v.state), version))
    }
}
