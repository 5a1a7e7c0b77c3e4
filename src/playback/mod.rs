//! Each listener's playback state: the queue, where in it they are, and the
//! player settings ([`queue`]), keyed by listener and device (two Echos in
//! one home play independently). Stores implement [`PlaybackStore`] with
//! optimistic concurrency: every save names the version it read, so two
//! events racing for one listener can never silently lose an update.

pub mod queue;
pub mod stamp;
pub mod token;

pub use queue::{
    Activity, Cue, DevicePlayer, DeviceReport, PlaybackState, QueuedTrack, Requeue, ShuffleSet,
};
pub use token::StreamToken;

use async_trait::async_trait;

use crate::error::StoreError;

/// Whose state: the listener (Alexa user, or recognised person) on a device.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListenerKey {
    pub user_id: String,
    pub device_id: String,
}

impl ListenerKey {
    /// The key as stored: `user|device`.
    pub fn storage_key(&self) -> String {
        format!("{}|{}", self.user_id, self.device_id)
    }

    /// A short, stable fingerprint for logs: never the full user id.
    pub fn log_id(&self) -> String {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.storage_key().hash(&mut hasher);
        format!("{:016x}", hasher.finish())
    }

    /// Six base-36 characters from this key, the same in every build (FNV-1a
    /// of the stored key): a first ask's queue id carries them, so its
    /// token opens a queue for this listener on this device only
    /// ([`PlaybackState::opened_by`]), not for another endpoint that
    /// reports the same stream (a speaker group's).
    pub fn ask_tag(&self) -> String {
        let hash = self
            .storage_key()
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
                (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
            });
        token::base36(hash % 36_u64.pow(6), 6)
    }
}

/// A state as read, with the version a save must name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Versioned {
    pub state: PlaybackState,
    pub version: u64,
}

/// Why a save did not happen.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Someone saved since we read: read again and redo the change.
    #[error("the playback state changed since it was read")]
    Conflict,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The playback state port.
#[async_trait]
pub trait PlaybackStore: Send + Sync {
    async fn load(&self, key: &ListenerKey) -> Result<Option<Versioned>, StoreError>;

    /// Saves `state` if the stored version is still `expected` (`None`: no
    /// state stored yet). Returns the new version.
    async fn save(
        &self,
        key: &ListenerKey,
        state: &PlaybackState,
        expected: Option<u64>,
    ) -> Result<u64, SaveError>;

    /// Stores `state` in place of whatever is stored, without a read first
    /// (a new queue owes the old one nothing but its settings), moving the
    /// version on so that every save still naming the old version fails
    /// and retries. Returns the state it replaced and the new version.
    async fn replace(
        &self,
        key: &ListenerKey,
        state: &PlaybackState,
    ) -> Result<(Option<PlaybackState>, u64), StoreError>;
}

/// Microseconds since the Unix epoch: when a new queue was asked for,
/// which orders two asks of one listener, handled in one function instance
/// or in two (whose clocks agree to within a few milliseconds: nobody asks
/// twice that fast).
pub fn now_micros() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_micros()).unwrap_or(u64::MAX))
}

/// Seconds since the Unix epoch.
pub fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
