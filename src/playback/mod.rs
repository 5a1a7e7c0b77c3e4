//! Each listener's playback state: the queue, where in it they are, and the
//! player settings, keyed by listener and device (two Echos in one home play
//! independently). Stores implement [`PlaybackStore`] with optimistic
//! concurrency: every save names the version it read, so two events racing
//! for one listener can never silently lose an update.

mod queue;
pub mod stamp;
pub mod token;

pub use queue::{Cue, Requeue};
pub use token::StreamToken;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

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
}

/// What the listener's player is doing, as far as jukebox knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    /// A Play directive was sent; the device has not confirmed it yet.
    #[default]
    Requested,
    Playing,
    /// Stopped or paused by the listener: resume continues at `offset_ms`.
    Stopped,
    /// The queue ran out.
    Finished,
}

/// A listener's queue and position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaybackState {
    /// Changes whenever a new queue is built, so tokens of an old queue are
    /// recognised as stale.
    pub queue_id: String,
    /// The queued tracks in the order they were asked for (album or artist
    /// order). Kept whole, so events need no catalog read.
    pub tracks: Vec<QueuedTrack>,
    /// The play order: indexes into `tracks` (shuffled or in order).
    pub order: Vec<usize>,
    /// Position of the current track in the play order, counted from the
    /// queue's first track (tokens name it), dropped tracks included.
    pub position: usize,
    /// How many played tracks a long queue (a whole-catalog shuffle) has
    /// dropped from its front so the state stays small: `order[i]` is the
    /// track at position `dropped + i`.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub dropped: usize,
    /// The play number in the current track's token (see [`StreamToken`]).
    #[serde(default)]
    pub play: u64,
    /// Play numbers handed out so far in this queue: the next stream sent
    /// gets `plays + 1`, so no two streams of a queue share a token.
    #[serde(default)]
    pub plays: u64,
    /// The play number of the stream the last jump sent with REPLACE_ALL,
    /// which replaced every stream of the queue sent before it: their
    /// events are stale (see [`PlaybackState::own_token`]). State written
    /// before this was kept reads as 0: no stream is held stale.
    #[serde(default)]
    pub live_from: u64,
    /// Where the current track was stopped, in milliseconds.
    pub offset_ms: i64,
    pub activity: Activity,
    #[serde(default)]
    pub loop_on: bool,
    #[serde(default)]
    pub shuffle_on: bool,
    /// The token already sent with ENQUEUE for the next track, if any: a
    /// second PlaybackNearlyFinished for the same track enqueues nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enqueued: Option<String>,
    /// Consecutive tracks that failed to play: stops a queue of broken
    /// streams from looping forever.
    #[serde(default)]
    pub failures: usize,
    /// The rest of the queue not read yet (a song's artist's other tracks),
    /// read as the queue reaches its end; `None` when `tracks` is all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub more: Option<crate::catalog::Rest>,
    /// When the newest player event applied happened (RFC 3339, see
    /// [`stamp`]): older ones arriving late are recognised and ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_event_at: Option<String>,
    /// Seconds since the Unix epoch of the last change.
    pub updated_at: u64,
}

/// A track as the queue keeps it: what a Play directive and "what's playing" need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuedTrack {
    pub id: String,
    pub title: String,
    pub artist: String,
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
}

impl From<&crate::catalog::Track> for QueuedTrack {
    fn from(track: &crate::catalog::Track) -> Self {
        QueuedTrack {
            id: track.id.clone(),
            title: track.title.clone(),
            artist: track.artist.clone(),
            url: track.url.clone(),
            image_url: track.image_url.clone(),
        }
    }
}

impl PlaybackState {
    /// A fresh queue of `tracks` in order, starting at the first.
    pub fn new_queue(tracks: Vec<QueuedTrack>, now: u64) -> Self {
        let order = (0..tracks.len()).collect();
        PlaybackState {
            queue_id: token::new_queue_id(),
            tracks,
            order,
            position: 0,
            dropped: 0,
            play: 0,
            plays: 0,
            live_from: 0,
            offset_ms: 0,
            activity: Activity::Requested,
            loop_on: false,
            shuffle_on: false,
            enqueued: None,
            failures: 0,
            more: None,
            last_event_at: None,
            updated_at: now,
        }
    }

    /// The current track.
    pub fn current_track(&self) -> Option<&QueuedTrack> {
        self.track_at(self.position)
    }

    /// The track at a position of the play order.
    pub fn track_at(&self, position: usize) -> Option<&QueuedTrack> {
        let index = position.checked_sub(self.dropped)?;
        self.order.get(index).and_then(|&i| self.tracks.get(i))
    }

    /// The position after the last track the queue holds.
    pub fn end(&self) -> usize {
        self.dropped + self.order.len()
    }

    /// Drops the played tracks more than `keep_behind` before the current
    /// one, when the queue plays in the order it was read (a shuffled
    /// source already is): positions, and so tokens, stay as they were.
    pub fn drop_played(&mut self, keep_behind: usize) {
        let in_order = self.order.iter().enumerate().all(|(i, &t)| i == t);
        let index = self.position.saturating_sub(self.dropped);
        let cut = index.saturating_sub(keep_behind).min(self.tracks.len());
        if !in_order || cut == 0 {
            return;
        }
        self.tracks.drain(..cut);
        self.order = (0..self.tracks.len()).collect();
        self.dropped += cut;
    }

    /// Adds tracks read from the rest of the queue to its end, in order.
    pub fn append(&mut self, tracks: impl IntoIterator<Item = QueuedTrack>) {
        for track in tracks {
            self.order.push(self.tracks.len());
            self.tracks.push(track);
        }
    }

    /// Whether the queue holds all of itself (nothing left to read).
    pub fn is_whole(&self) -> bool {
        self.more.as_ref().is_none_or(|rest| rest.done)
    }

    /// The stream token for play number `play` of the track at a position
    /// of the play order.
    pub fn token_at(&self, position: usize, play: u64) -> Option<StreamToken> {
        self.track_at(position).map(|track| StreamToken {
            queue_id: self.queue_id.clone(),
            play,
            position,
            track_id: track.id.clone(),
        })
    }

    /// The stream token of the current track, as last sent to the device.
    pub fn current_token(&self) -> Option<StreamToken> {
        self.token_at(self.position, self.play)
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
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

/// Seconds since the Unix epoch.
pub fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
