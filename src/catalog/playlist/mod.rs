//! Owner-defined playlists: M3U/M3U8 files, or the `playlists` of a catalog
//! file's JSON object form, matched entry by entry to the catalog's tracks.
//!
//! Reading and resolving are apart: [`parse_m3u`] and [`read_playlists`] only
//! say what the owner wrote, [`resolve`] says what of it can play. Like bad
//! catalog rows, every bad entry and playlist is collected in one report, so
//! the owner sees every problem at once and the caller decides whether to
//! refuse or skip.

mod json;
mod m3u;
mod resolve;

use std::fmt;
use std::path::PathBuf;

pub(super) use json::json_playlists;
pub use m3u::{
    parse_m3u, playlist_from_bytes, read_playlists, read_playlists_reporting,
    MAX_PLAYLIST_FILE_BYTES,
};
pub use resolve::{resolve, MAX_PLAYLIST_ENTRIES_IN_ALL, MAX_PLAYLIST_TRACKS};

/// A playlist as the owner wrote it, before its entries are matched to tracks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaylistSource {
    pub name: String,
    /// The M3U file it came from; `None` for the catalog file's own `playlists`.
    pub file: Option<PathBuf>,
    /// Each entry (a track id or a stream URL) with where it is: the 1-based line in the M3U
    /// file, or the 1-based index in the JSON playlist's `tracks` list.
    pub entries: Vec<(usize, String)>,
}

/// A playlist ready to play: its name as written, and its tracks' ids in order (a track may come twice).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Playlist {
    pub name: String,
    pub track_ids: Vec<String>,
}

/// An entry, or a whole playlist, that cannot be used: where it is and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InvalidEntry {
    /// The M3U file (display form), or None for the catalog file's `playlists`.
    pub file: Option<String>,
    pub playlist: String,
    /// The line in the M3U file, or the entry's index in the JSON list; None for the playlist as a whole.
    pub line: Option<usize>,
    /// The entry as written, when the problem is one entry.
    pub entry: Option<String>,
    pub reason: String,
}

impl fmt::Display for InvalidEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.line) {
            (Some(file), Some(line)) => write!(f, "{file} line {line}")?,
            (Some(file), None) => write!(f, "{file}")?,
            (None, Some(index)) => write!(f, "catalog playlists, entry {index}")?,
            (None, None) => write!(f, "catalog playlists")?,
        }
        write!(f, ": playlist {:?}: ", self.playlist)?;
        if let Some(entry) = &self.entry {
            write!(f, "{entry:?} ")?;
        }
        f.write_str(&self.reason)
    }
}

/// Every playlist that can play, and every entry or playlist that cannot.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlaylistReport {
    pub playlists: Vec<Playlist>,
    pub invalid: Vec<InvalidEntry>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_playlist_serializes_as_plain_data() {
        let playlist = Playlist {
            name: "Road Trip".to_string(),
            track_ids: vec!["a".to_string(), "a".to_string()],
        };
        let json = serde_json::to_value(&playlist).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"name": "Road Trip", "track_ids": ["a", "a"]})
        );
        assert_eq!(serde_json::from_value::<Playlist>(json).unwrap(), playlist);
    }
}
