//! The owner's catalog: what a track is, how a catalog file is read and
//! validated, and the [`Catalog`] port every store implements.
//!
//! The port speaks in *search keys* (strings the [`crate::matching`] module
//! derives from a track at load/import time and from a spoken query at search
//! time). A store only has to answer "which tracks carry this key", which is
//! a bounded lookup in memory and a bounded `Query` in DynamoDB: no store ever
//! scans the catalog to answer a listener.

pub mod cache;
mod file;
mod library;
pub mod playlist;
pub mod s3;
pub mod scan;
pub mod tags;
mod walk;

pub use library::{read_library, Library};
pub use playlist::{
    parse_m3u, read_playlists, read_playlists_reporting, resolve, InvalidEntry, Playlist,
    PlaylistReport, PlaylistSource, MAX_PLAYLIST_ENTRIES_IN_ALL, MAX_PLAYLIST_FILE_BYTES,
    MAX_PLAYLIST_TRACKS,
};

/// The most playlist names a near miss is compared with.
pub const MAX_PLAYLIST_NAMES: usize = 1_000;

pub use file::{
    check_https_url, parse_catalog, read_catalog_file, CatalogFormat, CatalogRules, InvalidRow,
    ParseReport,
};

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::error::StoreError;

/// The sample catalog shipped with jukebox, used when no file is given.
pub const SAMPLE_CATALOG: &str = include_str!("../../catalog/sample.jsonl");

/// One playable track of the owner's catalog, as validated at load or import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Track {
    /// Owner-chosen unique id; re-importing a row with the same id overwrites it.
    pub id: String,
    pub title: String,
    /// As written in the catalog; may name several artists ("Queen & David Bowie").
    pub artist: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub album: Option<String>,
    /// Always `https://` (Alexa refuses anything else); never altered or escaped.
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<u64>,
    /// Cover art for screen devices, `https://` when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    /// Optional popularity (lower is more popular) used to break ties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
    /// Position of the row in the catalog file: the order albums and artist
    /// queues are played in, and the last tie-breaker.
    #[serde(default)]
    pub position: u32,
    /// Other names the title may be asked by: a reading in kana, a
    /// transliteration, a translation (at most [`crate::matching::MAX_ALIASES`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Genres as the owner names them ("Hip-Hop", "Jazz").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub genres: Vec<String>,
    /// Disc and track number on its album: the order an album plays in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disc_number: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track_number: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u32>,
    /// When the track joined the catalog, in seconds since 1970-01-01 UTC:
    /// the first import of its id records it (or the file's own
    /// `added_at`, on that first import), and no later import changes it.
    /// What "play something new" orders by, newest first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added_at: Option<u64>,
    /// Set only on a playlist's copy of a track: the playlist's name as the
    /// owner wrote it (its `position` is then its place in the playlist).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub playlist: Option<String>,
    /// A live station (the JSON catalog's `stations`): an endless stream
    /// with no duration, found only by its station key
    /// ([`crate::matching::station_key`]) and played as a queue of one with
    /// nothing before or after it. Only a station row sets it: no track
    /// row and no scanned file ever does.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub live: bool,
}

impl Track {
    /// This track as entry `index` of the playlist `name`: what a
    /// playlist's search key holds, in the playlist's order.
    pub fn in_playlist(&self, name: &str, index: u32) -> Track {
        Track {
            position: index,
            playlist: Some(name.to_string()),
            ..self.clone()
        }
    }
}

/// The catalog port: bounded lookups by precomputed search key.
#[async_trait]
pub trait Catalog: Send + Sync {
    /// Tracks carrying any of `keys`, at most `per_key_limit` per key, in
    /// catalog order within a key; a track found by two keys appears once.
    async fn lookup(&self, keys: &[String], per_key_limit: usize)
        -> Result<Vec<Track>, StoreError>;

    /// One track by id.
    async fn track(&self, id: &str) -> Result<Option<Track>, StoreError>;

    /// The track of `key` with the highest position: for a ranked key
    /// ([`crate::matching::is_ranked`]) its position plus one is how many
    /// tracks the key holds, the range a shuffle of it orders.
    async fn last(&self, key: &str) -> Result<Option<Track>, StoreError>;

    /// The names of the owner's playlists, as written (at most
    /// [`MAX_PLAYLIST_NAMES`]): what a name heard wrong is compared with,
    /// only after its own key found nothing.
    async fn playlist_names(&self) -> Result<Vec<String>, StoreError>;

    /// Tracks carrying `key` from catalog position `from` on, in catalog
    /// order, at most `limit`: how a queue reads its rest a little at a time.
    async fn tracks_from(
        &self,
        key: &str,
        from: u32,
        limit: usize,
    ) -> Result<Vec<Track>, StoreError>;

    /// The `limit` most recently added tracks ([`Track::added_at`]), newest
    /// first; tracks added at the same second, the later in the catalog
    /// first. Never a station, never a track without a date. One bounded
    /// read whatever the catalog's size.
    async fn newest(&self, limit: usize) -> Result<Vec<Track>, StoreError>;
}
