//! A catalog file and the owner's playlists, read and resolved together:
//! the playlists of the file's JSON object form and of `--playlists` (M3U
//! files), each entry matched to a track of the file.

use std::path::Path;

use super::playlist::{read_playlists_reporting, resolve, InvalidEntry, Playlist, PlaylistReport};
use super::{read_catalog_file, CatalogRules, ParseReport, Track};

/// Everything read: the tracks and bad rows, the playlists and bad entries.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub report: ParseReport,
    pub playlists: PlaylistReport,
}

impl Library {
    /// Every bad row and every bad playlist entry, for one message.
    pub fn problems(&self) -> Vec<String> {
        let rows = self.report.invalid.iter().map(ToString::to_string);
        let entries = self.invalid_entries().map(ToString::to_string);
        rows.chain(entries).collect()
    }

    /// The playlists' bad entries: malformed ones in the catalog file, and
    /// entries that name no track.
    pub fn invalid_entries(&self) -> impl Iterator<Item = &InvalidEntry> {
        self.report
            .invalid_playlists
            .iter()
            .chain(&self.playlists.invalid)
    }

    /// The tracks and playlists, or an error naming every bad row and entry.
    pub fn into_valid(self) -> anyhow::Result<(Vec<Track>, Vec<Playlist>)> {
        let problems = self.problems();
        if !problems.is_empty() {
            let rows = self.report.invalid.len();
            let entries = problems.len() - rows;
            let counts: Vec<String> = [
                (rows, "invalid row(s)"),
                (entries, "invalid playlist entr(ies)"),
            ]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{n} {what}"))
            .collect();
            anyhow::bail!("{}:\n  {}", counts.join(", "), problems.join("\n  "));
        }
        Ok((self.report.tracks, self.playlists.playlists))
    }
}

/// Reads the catalog file, then the playlists of its object form and of
/// `playlists` (an M3U file or a folder of them), resolved against the
/// file's valid tracks.
pub fn read_library(
    catalog: &Path,
    playlists: Option<&Path>,
    rules: &CatalogRules,
) -> anyhow::Result<Library> {
    let mut report = read_catalog_file(catalog, rules)?;
    let mut sources = std::mem::take(&mut report.playlists);
    let mut unreadable = Vec::new();
    if let Some(path) = playlists {
        let (read, problems) = read_playlists_reporting(path)?;
        sources.extend(read);
        unreadable = problems;
    }
    let mut playlists = resolve(sources, &report.tracks);
    // A playlist file that could not be read is reported with the others.
    playlists.invalid.splice(0..0, unreadable);
    Ok(Library { report, playlists })
}
