//! Owner-defined playlists: M3U/M3U8 files, or the `playlists` of a catalog
//! file's JSON object form, matched entry by entry to the catalog's tracks.
//!
//! Reading and resolving are apart: [`parse_m3u`] and [`read_playlists`] only
//! say what the owner wrote, [`resolve`] says what of it can play. Like bad
//! catalog rows, every bad entry and playlist is collected in one report, so
//! the owner sees every problem at once and the caller decides whether to
//! refuse or skip.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::Track;

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

/// Most entries a playlist may hold.
pub const MAX_PLAYLIST_TRACKS: usize = 10_000;
/// Largest M3U file read (bytes).
pub const MAX_PLAYLIST_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Longest playlist name, in characters: a name is said aloud, so it is short.
const MAX_NAME_LEN: usize = 200;

/// Parses M3U/M3U8 text. `#EXTM3U` and `#EXTINF:` and every other `#` line are not entries;
/// `#PLAYLIST:Name` names the playlist (the first one wins); otherwise the name is `fallback_name`
/// (the caller passes the file stem). Blank lines are skipped; entries are trimmed; a UTF-8 BOM is ignored; CRLF ok.
pub fn parse_m3u(text: &str, fallback_name: &str, file: Option<&Path>) -> PlaylistSource {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut name = None;
    let mut entries = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if let Some(comment) = line.strip_prefix('#') {
            // `#playlist:` too: players differ in case, and guessing wrong
            // would silently name the playlist after its file.
            let directive = comment
                .get(..9)
                .filter(|d| d.eq_ignore_ascii_case("PLAYLIST:"));
            if directive.is_some() && name.is_none() {
                name = Some(comment[9..].trim().to_string());
            }
        } else if !line.is_empty() {
            entries.push((index + 1, line.to_string()));
        }
    }
    PlaylistSource {
        name: name.unwrap_or_else(|| fallback_name.to_string()),
        file: file.map(Path::to_path_buf),
        entries,
    }
}

/// Reads one .m3u/.m3u8 file, or every such file in a folder (recursively, extension case-insensitive,
/// sorted by path, hidden files/dirs skipped). Each file at most MAX_PLAYLIST_FILE_BYTES (clear error naming
/// the file otherwise). .m3u8 must be UTF-8 (error names file and line otherwise); .m3u is UTF-8 if valid,
/// else read as Latin-1 (ISO-8859-1, one char per byte) as M3U traditionally is. A folder with no playlist
/// file, or a path that does not exist, is an error naming the path.
///
/// An .m3u that opens with a UTF-8 byte order mark declares itself UTF-8, so
/// it is held to UTF-8 like an .m3u8. Symlinks are followed, each folder once.
pub fn read_playlists(path: &Path) -> anyhow::Result<Vec<PlaylistSource>> {
    let metadata = std::fs::metadata(path).map_err(|err| {
        if err.kind() == std::io::ErrorKind::NotFound {
            anyhow::anyhow!("playlist path {} does not exist", path.display())
        } else {
            anyhow::anyhow!("cannot read playlist path {}: {err}", path.display())
        }
    })?;
    let files = if metadata.is_dir() {
        let files = files_under(path, "playlist folder", &|file| {
            playlist_kind(file).is_some()
        })?;
        if files.is_empty() {
            anyhow::bail!(
                "folder {} holds no .m3u or .m3u8 playlist file",
                path.display()
            );
        }
        files
    } else {
        if playlist_kind(path).is_none() {
            anyhow::bail!(
                "{} is not a playlist file: its name must end in .m3u or .m3u8",
                path.display()
            );
        }
        vec![path.to_path_buf()]
    };
    files.iter().map(|file| read_playlist_file(file)).collect()
}

/// The two kinds of playlist file, told apart by extension: they differ in
/// the text encoding they may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `.m3u`: traditionally Latin-1, often UTF-8 nowadays.
    M3u,
    /// `.m3u8`: UTF-8 by definition (the "8").
    M3u8,
}

fn playlist_kind(path: &Path) -> Option<Kind> {
    let extension = path.extension()?.to_str()?;
    if extension.eq_ignore_ascii_case("m3u") {
        Some(Kind::M3u)
    } else if extension.eq_ignore_ascii_case("m3u8") {
        Some(Kind::M3u8)
    } else {
        None
    }
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with('.'))
}

/// Every file under `dir` that `keep` accepts, in path order: hidden files
/// and folders are skipped, symlinks followed, each folder read once (so a
/// link loop ends). `what` names the folder in errors ("playlist folder").
pub(crate) fn files_under(
    dir: &Path,
    what: &str,
    keep: &dyn Fn(&Path) -> bool,
) -> anyhow::Result<Vec<PathBuf>> {
    fn collect(
        dir: &Path,
        what: &str,
        keep: &dyn Fn(&Path) -> bool,
        files: &mut Vec<PathBuf>,
        visited: &mut HashSet<PathBuf>,
    ) -> anyhow::Result<()> {
        let canonical = dir
            .canonicalize()
            .with_context(|| format!("cannot read {what} {}", dir.display()))?;
        if !visited.insert(canonical) {
            return Ok(());
        }
        let entries = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read {what} {}", dir.display()))?;
        for entry in entries {
            let path = entry
                .with_context(|| format!("cannot read {what} {}", dir.display()))?
                .path();
            if is_hidden(&path) {
                continue;
            }
            // Follows symlinks; a dangling one is no file.
            let Ok(metadata) = std::fs::metadata(&path) else {
                continue;
            };
            if metadata.is_dir() {
                collect(&path, what, keep, files, visited)?;
            } else if metadata.is_file() && keep(&path) {
                files.push(path);
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    collect(dir, what, keep, &mut files, &mut HashSet::new())?;
    files.sort();
    Ok(files)
}

/// One playlist file, size-capped and decoded as its extension says.
fn read_playlist_file(path: &Path) -> anyhow::Result<PlaylistSource> {
    use std::io::Read;
    let file = std::fs::File::open(path)
        .with_context(|| format!("cannot read playlist file {}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(MAX_PLAYLIST_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read playlist file {}", path.display()))?;
    if bytes.len() as u64 > MAX_PLAYLIST_FILE_BYTES {
        anyhow::bail!(
            "playlist file {} is larger than {MAX_PLAYLIST_FILE_BYTES} bytes (16 MiB)",
            path.display()
        );
    }
    playlist_from_bytes(path, bytes)
}

/// A playlist file's bytes, decoded as its extension says (`path` names it
/// in messages and gives its fallback name).
pub fn playlist_from_bytes(path: &Path, bytes: Vec<u8>) -> anyhow::Result<PlaylistSource> {
    let text = match playlist_kind(path) {
        Some(Kind::M3u) if !bytes.starts_with(b"\xef\xbb\xbf") => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => latin1(err.as_bytes()),
        },
        _ => {
            utf8(bytes).with_context(|| format!("cannot read playlist file {}", path.display()))?
        }
    };
    let stem = path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(parse_m3u(&text, &stem, Some(path)))
}

/// ISO-8859-1: each byte is the character of the same number.
fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// The file as UTF-8 text, or the line and column where it stops being so.
fn utf8(bytes: Vec<u8>) -> anyhow::Result<String> {
    String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let before = &err.as_bytes()[..valid];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = valid
            - before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1)
            + 1;
        anyhow::anyhow!(
            "line {line} is not UTF-8 (invalid byte at column {column}); save the file as \
             UTF-8, or as Latin-1 with the extension .m3u"
        )
    })
}

/// Matches each entry to a catalog track: by exact track id first, else by exact stream URL (`track.url`).
///
/// A playlist is refused as a whole when its name is empty, longer than 200
/// characters or not speakable, when an earlier playlist has the same name
/// (ignoring case and surrounding space), when it has more than
/// [`MAX_PLAYLIST_TRACKS`] entries, or when none of its entries names a
/// track. Otherwise it keeps its good entries, in order, and each bad entry
/// is reported; entries are checked even in a playlist refused for its name,
/// so fixing the name reveals nothing new.
pub fn resolve(sources: Vec<PlaylistSource>, tracks: &[Track]) -> PlaylistReport {
    let ids: HashSet<&str> = tracks.iter().map(|t| t.id.as_str()).collect();
    // Two tracks may share a stream URL: the first in the catalog wins.
    let mut by_url: HashMap<&str, &str> = HashMap::new();
    for track in tracks {
        by_url
            .entry(track.url.as_str())
            .or_insert(track.id.as_str());
    }
    let mut report = PlaylistReport::default();
    // Lower-cased name -> where the playlist of that name was defined.
    let mut defined: HashMap<String, String> = HashMap::new();
    for source in sources {
        let file = source.file.as_ref().map(|f| f.display().to_string());
        let name = source.name.trim();
        let shown = shorten_name(name);
        let invalid = |line: Option<usize>, entry: Option<&str>, reason: String| InvalidEntry {
            file: file.clone(),
            playlist: shown.clone(),
            line,
            entry: entry.map(str::to_string),
            reason,
        };
        let mut refused = false;
        if let Err(reason) = check_name(name) {
            report.invalid.push(invalid(None, None, reason));
            refused = true;
        } else {
            let here = file
                .clone()
                .unwrap_or_else(|| "the catalog file's playlists".to_string());
            if let Some(first) = defined.get(&name.to_lowercase()) {
                report.invalid.push(invalid(
                    None,
                    None,
                    format!("a playlist named {name:?} is already defined in {first}"),
                ));
                refused = true;
            } else {
                defined.insert(name.to_lowercase(), here);
            }
        }
        if source.entries.len() > MAX_PLAYLIST_TRACKS {
            report.invalid.push(invalid(
                None,
                None,
                format!(
                    "has {} entries; a playlist holds at most {MAX_PLAYLIST_TRACKS}",
                    source.entries.len()
                ),
            ));
            continue;
        }
        let mut track_ids = Vec::new();
        for (line, entry) in &source.entries {
            let found = ids
                .get(entry.as_str())
                .or_else(|| by_url.get(entry.as_str()));
            match found {
                Some(id) => track_ids.push(id.to_string()),
                None => {
                    let reason = if is_local_path(entry) {
                        let what = if source.file.is_some() {
                            "M3U entries"
                        } else {
                            "playlist entries"
                        };
                        format!(
                            "is a local file; {what} must be the catalog's stream URLs or \
                             track ids, not local files"
                        )
                    } else {
                        "names no catalog track (no track has this id or stream URL)".to_string()
                    };
                    report
                        .invalid
                        .push(invalid(Some(*line), Some(entry), reason));
                }
            }
        }
        if track_ids.is_empty() {
            let reason = if source.entries.is_empty() {
                "holds no entries, so it has nothing to play"
            } else {
                "none of its entries names a catalog track, so it has nothing to play"
            };
            report.invalid.push(invalid(None, None, reason.to_string()));
            continue;
        }
        if !refused {
            report.playlists.push(Playlist {
                name: name.to_string(),
                track_ids,
            });
        }
    }
    report
}

/// Why a (trimmed) playlist name cannot be used, if it cannot: Alexa says
/// it, and a listener asks for it by voice.
fn check_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("has no name (write #PLAYLIST:Name in an M3U file, \"name\" in JSON)".into());
    }
    if name.chars().count() > MAX_NAME_LEN {
        return Err(format!("its name is longer than {MAX_NAME_LEN} characters"));
    }
    if let Some(bad) = name
        .chars()
        .find(|&c| c.is_control() || !crate::alexa::ssml::is_speakable(c))
    {
        return Err(format!(
            "its name contains U+{:04X}, a control character or one XML forbids \
             (Alexa cannot say it)",
            bad as u32
        ));
    }
    Ok(())
}

/// The name as reports show it: an over-long one is cut, so one bad name
/// does not flood the report.
fn shorten_name(name: &str) -> String {
    if name.chars().count() > MAX_NAME_LEN {
        name.chars().take(60).chain(['…']).collect()
    } else {
        name.to_string()
    }
}

/// Whether an entry names a file on the owner's computer (as players write
/// M3U files): an Echo can only fetch the catalog's https streams.
fn is_local_path(entry: &str) -> bool {
    let bytes = entry.as_bytes();
    let drive = bytes.len() >= 3
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && matches!(bytes[2], b'\\' | b'/');
    drive
        || ["/", "./", "../", ".\\", "..\\", "\\", "~"]
            .iter()
            .any(|prefix| entry.starts_with(prefix))
        || entry
            .get(..5)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("file:"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn track(id: &str, url: &str) -> Track {
        Track {
            id: id.to_string(),
            title: format!("Title {id}"),
            artist: "Artist".to_string(),
            url: url.to_string(),
            ..Track::default()
        }
    }

    fn catalog() -> Vec<Track> {
        vec![
            track("a", "https://e.example/a.mp3"),
            track("b", "https://e.example/b.mp3"),
            // Same stream as `a`: a URL entry means the first track with it.
            track("a2", "https://e.example/a.mp3"),
            // An id that looks like another track's URL: ids match first.
            track("https://e.example/b.mp3", "https://e.example/c.mp3"),
        ]
    }

    fn source(name: &str, file: Option<&str>, entries: &[&str]) -> PlaylistSource {
        PlaylistSource {
            name: name.to_string(),
            file: file.map(PathBuf::from),
            entries: entries
                .iter()
                .enumerate()
                .map(|(i, e)| (i + 1, e.to_string()))
                .collect(),
        }
    }

    fn messages(report: &PlaylistReport) -> Vec<String> {
        report.invalid.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn m3u_directives_comments_crlf_and_bom() {
        let text = "\u{feff}#EXTM3U\r\n\
                    #PLAYLIST:  Road Trip \r\n\
                    #EXTINF:215,Queen - Bohemian Rhapsody\r\n\
                    \x20 https://e.example/a.mp3 \t\r\n\
                    \r\n\
                    # a comment\r\n\
                    #PLAYLIST:Not This One\r\n\
                    b\r\n\
                    #EXT-X-ENDLIST";
        let parsed = parse_m3u(text, "road-trip", Some(Path::new("lists/road-trip.m3u")));
        assert_eq!(
            parsed,
            PlaylistSource {
                name: "Road Trip".to_string(),
                file: Some(PathBuf::from("lists/road-trip.m3u")),
                entries: vec![
                    (4, "https://e.example/a.mp3".to_string()),
                    (8, "b".to_string()),
                ],
            }
        );
    }

    #[test]
    fn m3u_without_a_name_takes_the_fallback() {
        assert_eq!(
            parse_m3u("#EXTM3U\na\n\n  \nb\n", "Sunday Morning", None),
            PlaylistSource {
                name: "Sunday Morning".to_string(),
                file: None,
                entries: vec![(2, "a".to_string()), (5, "b".to_string())],
            }
        );
        assert_eq!(
            parse_m3u("", "Empty", None),
            PlaylistSource {
                name: "Empty".to_string(),
                file: None,
                entries: vec![],
            }
        );
        // The directive in another case still names it; an empty one is
        // kept as written (and refused by `resolve`), not replaced.
        assert_eq!(parse_m3u("#playlist:Jazz\na", "x", None).name, "Jazz");
        assert_eq!(parse_m3u("#PLAYLIST:\n#PLAYLIST:B\na", "x", None).name, "");
        // `#PLAYLIST` without a colon is just a comment.
        assert_eq!(parse_m3u("#PLAYLISTS\na", "x", None).name, "x");
    }

    #[test]
    fn an_m3u_file_is_utf8_when_it_can_be_else_latin1() {
        let dir = tempfile::tempdir().unwrap();
        let latin1 = dir.path().join("cafe.m3u");
        std::fs::write(&latin1, b"#PLAYLIST:Caf\xe9\r\nid\xe9\r\n").unwrap();
        let utf8 = dir.path().join("utf8.m3u");
        std::fs::write(&utf8, "#PLAYLIST:Café\nidé\n").unwrap();
        for path in [&latin1, &utf8] {
            assert_eq!(
                read_playlists(path).unwrap(),
                vec![PlaylistSource {
                    name: "Café".to_string(),
                    file: Some(path.clone()),
                    entries: vec![(2, "idé".to_string())],
                }]
            );
        }
        // A byte order mark says UTF-8: a bad byte after it is an error.
        let marked = dir.path().join("marked.m3u");
        std::fs::write(&marked, b"\xef\xbb\xbfa\nid\xe9\n").unwrap();
        assert_eq!(
            format!("{:#}", read_playlists(&marked).unwrap_err()),
            format!(
                "cannot read playlist file {}: line 2 is not UTF-8 (invalid byte at column 3); \
                 save the file as UTF-8, or as Latin-1 with the extension .m3u",
                marked.display()
            )
        );
    }

    #[test]
    fn an_m3u8_file_must_be_utf8() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Mix.M3U8");
        std::fs::write(&path, b"\xef\xbb\xbf#EXTM3U\nok\r\nnot\xe9ok\n").unwrap();
        assert_eq!(
            format!("{:#}", read_playlists(&path).unwrap_err()),
            format!(
                "cannot read playlist file {}: line 3 is not UTF-8 (invalid byte at column 4); \
                 save the file as UTF-8, or as Latin-1 with the extension .m3u",
                path.display()
            )
        );
        std::fs::write(&path, "\u{feff}#EXTM3U\nÅngström\n").unwrap();
        assert_eq!(
            read_playlists(&path).unwrap(),
            vec![PlaylistSource {
                name: "Mix".to_string(),
                file: Some(path.clone()),
                entries: vec![(2, "Ångström".to_string())],
            }]
        );
    }

    #[test]
    fn a_folder_gives_its_playlist_files_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::write(root.join("sub/Chill.M3U8"), "#PLAYLIST:Chill\nb\n").unwrap();
        std::fs::write(root.join("road-trip.m3u"), "a\n").unwrap();
        std::fs::write(root.join("notes.txt"), "not a playlist\n").unwrap();
        std::fs::write(root.join(".hidden.m3u"), "hidden\n").unwrap();
        std::fs::write(root.join(".git/inside.m3u"), "hidden\n").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(root, root.join("sub/loop")).unwrap();
        assert_eq!(
            read_playlists(root).unwrap(),
            vec![
                PlaylistSource {
                    name: "road-trip".to_string(),
                    file: Some(root.join("road-trip.m3u")),
                    entries: vec![(1, "a".to_string())],
                },
                PlaylistSource {
                    name: "Chill".to_string(),
                    file: Some(root.join("sub/Chill.M3U8")),
                    entries: vec![(2, "b".to_string())],
                },
            ]
        );
    }

    #[test]
    fn missing_empty_wrong_or_oversized_paths_are_errors_naming_them() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let err = |path: &Path| format!("{:#}", read_playlists(path).unwrap_err());

        let missing = root.join("nope");
        assert_eq!(
            err(&missing),
            format!("playlist path {} does not exist", missing.display())
        );

        std::fs::write(root.join("notes.txt"), "a\n").unwrap();
        std::fs::write(root.join(".hidden.m3u"), "a\n").unwrap();
        assert_eq!(
            err(root),
            format!(
                "folder {} holds no .m3u or .m3u8 playlist file",
                root.display()
            )
        );
        assert_eq!(
            err(&root.join("notes.txt")),
            format!(
                "{} is not a playlist file: its name must end in .m3u or .m3u8",
                root.join("notes.txt").display()
            )
        );

        let big = root.join("big.m3u");
        let file = std::fs::File::create(&big).unwrap();
        file.set_len(MAX_PLAYLIST_FILE_BYTES + 1).unwrap();
        assert_eq!(
            err(&big),
            format!(
                "playlist file {} is larger than 16777216 bytes (16 MiB)",
                big.display()
            )
        );
        // Exactly the limit is fine (a file of NUL bytes is one odd entry).
        file.set_len(MAX_PLAYLIST_FILE_BYTES).unwrap();
        assert_eq!(read_playlists(&big).unwrap()[0].entries.len(), 1);
    }

    #[test]
    fn entries_match_by_id_then_by_stream_url_and_bad_ones_are_named() {
        let sources = vec![
            source(
                " Road Trip ",
                Some("road-trip.m3u"),
                &[
                    "b",
                    "https://e.example/a.mp3",
                    "https://x/y.mp3",
                    "https://e.example/b.mp3",
                    "a",
                    "b",
                ],
            ),
            source("Jazz", None, &["a2", "B"]),
        ];
        let report = resolve(sources, &catalog());
        assert_eq!(
            report.playlists,
            vec![
                Playlist {
                    name: "Road Trip".to_string(),
                    track_ids: vec!["b", "a", "https://e.example/b.mp3", "a", "b"]
                        .into_iter()
                        .map(String::from)
                        .collect(),
                },
                Playlist {
                    name: "Jazz".to_string(),
                    track_ids: vec!["a2".to_string()],
                },
            ]
        );
        assert_eq!(
            report.invalid,
            vec![
                InvalidEntry {
                    file: Some("road-trip.m3u".to_string()),
                    playlist: "Road Trip".to_string(),
                    line: Some(3),
                    entry: Some("https://x/y.mp3".to_string()),
                    reason: "names no catalog track (no track has this id or stream URL)"
                        .to_string(),
                },
                InvalidEntry {
                    file: None,
                    playlist: "Jazz".to_string(),
                    line: Some(2),
                    entry: Some("B".to_string()),
                    reason: "names no catalog track (no track has this id or stream URL)"
                        .to_string(),
                },
            ]
        );
        assert_eq!(
            messages(&report),
            vec![
                r#"road-trip.m3u line 3: playlist "Road Trip": "https://x/y.mp3" names no catalog track (no track has this id or stream URL)"#,
                r#"catalog playlists, entry 2: playlist "Jazz": "B" names no catalog track (no track has this id or stream URL)"#,
            ]
        );
    }

    #[test]
    fn local_files_are_explained() {
        let local = [
            "/home/me/Music/a.mp3",
            "./a.mp3",
            "../Music/a.mp3",
            "file:///home/me/a.mp3",
            "FILE:a.mp3",
            "~/Music/a.mp3",
            r"C:\Music\a.mp3",
            "d:/Music/a.mp3",
            r"\\server\share\a.mp3",
            r"..\a.mp3",
        ];
        let mut entries = local.to_vec();
        entries.push("a");
        let report = resolve(
            vec![source("Local", Some("local.m3u"), &entries)],
            &catalog(),
        );
        let reasons: Vec<(Option<usize>, &str)> = report
            .invalid
            .iter()
            .map(|e| (e.line, e.reason.as_str()))
            .collect();
        let expected: Vec<(Option<usize>, &str)> = (1..=local.len())
            .map(|line| {
                (
                    Some(line),
                    "is a local file; M3U entries must be the catalog's stream URLs or track \
                     ids, not local files",
                )
            })
            .collect();
        assert_eq!(reasons, expected);
        assert_eq!(report.playlists[0].track_ids, vec!["a"]);

        // In the catalog file's playlists the reason does not speak of M3U.
        let report = resolve(vec![source("Local", None, &["/a.mp3", "a"])], &catalog());
        assert_eq!(
            messages(&report),
            vec![
                r#"catalog playlists, entry 1: playlist "Local": "/a.mp3" is a local file; playlist entries must be the catalog's stream URLs or track ids, not local files"#
            ]
        );

        // Not local: a relative name with no path mark, a drive-less colon,
        // and an id that starts like a path (ids match first).
        let with_slash_id = vec![track("/odd-id", "https://e.example/o.mp3")];
        let report = resolve(
            vec![source("X", None, &["Music/a.mp3", "C:a", "/odd-id"])],
            &with_slash_id,
        );
        let reasons: Vec<&str> = report.invalid.iter().map(|e| e.reason.as_str()).collect();
        assert_eq!(
            reasons,
            vec![
                "names no catalog track (no track has this id or stream URL)",
                "names no catalog track (no track has this id or stream URL)",
            ]
        );
        assert_eq!(report.playlists[0].track_ids, vec!["/odd-id"]);
    }

    #[test]
    fn a_later_playlist_with_the_same_name_is_refused() {
        let sources = vec![
            source("Road Trip", None, &["a"]),
            source("  road TRIP ", Some("lists/rt.m3u"), &["b"]),
            source("Chill", Some("chill.m3u"), &["a"]),
            source("CHILL", Some("chill2.m3u8"), &["nope"]),
        ];
        let report = resolve(sources, &catalog());
        let names: Vec<&str> = report.playlists.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["Road Trip", "Chill"]);
        assert_eq!(
            messages(&report),
            vec![
                r#"lists/rt.m3u: playlist "road TRIP": a playlist named "road TRIP" is already defined in the catalog file's playlists"#,
                r#"chill2.m3u8: playlist "CHILL": a playlist named "CHILL" is already defined in chill.m3u"#,
                r#"chill2.m3u8 line 1: playlist "CHILL": "nope" names no catalog track (no track has this id or stream URL)"#,
                r#"chill2.m3u8: playlist "CHILL": none of its entries names a catalog track, so it has nothing to play"#,
            ]
        );
    }

    #[test]
    fn too_many_entries_refuse_the_playlist_without_listing_them() {
        let many = vec!["nope"; MAX_PLAYLIST_TRACKS + 1];
        let most = vec!["a"; MAX_PLAYLIST_TRACKS];
        let report = resolve(
            vec![
                source("Huge", Some("huge.m3u"), &many),
                source("Big", Some("big.m3u"), &most),
            ],
            &catalog(),
        );
        assert_eq!(
            messages(&report),
            vec![r#"huge.m3u: playlist "Huge": has 10001 entries; a playlist holds at most 10000"#]
        );
        assert_eq!(report.playlists.len(), 1);
        assert_eq!(report.playlists[0].name, "Big");
        assert_eq!(report.playlists[0].track_ids.len(), MAX_PLAYLIST_TRACKS);
    }

    #[test]
    fn a_playlist_with_nothing_to_play_is_refused_and_its_entries_named() {
        let report = resolve(
            vec![
                source("Empty", Some("empty.m3u"), &[]),
                source("Bad", Some("bad.m3u"), &["x", "/y.mp3"]),
            ],
            &catalog(),
        );
        assert_eq!(report.playlists, vec![]);
        assert_eq!(
            messages(&report),
            vec![
                r#"empty.m3u: playlist "Empty": holds no entries, so it has nothing to play"#,
                r#"bad.m3u line 1: playlist "Bad": "x" names no catalog track (no track has this id or stream URL)"#,
                r#"bad.m3u line 2: playlist "Bad": "/y.mp3" is a local file; M3U entries must be the catalog's stream URLs or track ids, not local files"#,
                r#"bad.m3u: playlist "Bad": none of its entries names a catalog track, so it has nothing to play"#,
            ]
        );
        assert_eq!(resolve(vec![], &catalog()), PlaylistReport::default());
        // No catalog at all: nothing matches, nothing panics.
        assert_eq!(
            resolve(vec![source("A", None, &["a"])], &[]).playlists,
            vec![]
        );
    }

    #[test]
    fn a_name_alexa_cannot_say_refuses_the_playlist() {
        let long = "x".repeat(MAX_NAME_LEN + 1);
        let report = resolve(
            vec![
                source("Bell\u{7}", Some("bell.m3u"), &["a"]),
                source("Bad\u{FFFF}", None, &["a"]),
                source("Two\nLines", None, &["a"]),
                source("   ", Some("blank.m3u"), &["a", "nope"]),
                source(&long, None, &["a"]),
                // Exactly the limit, in letters beyond ASCII, is fine.
                source(&"é".repeat(MAX_NAME_LEN), None, &["a"]),
            ],
            &catalog(),
        );
        assert_eq!(report.playlists.len(), 1);
        assert_eq!(report.playlists[0].name, "é".repeat(MAX_NAME_LEN));
        let shown = format!("{}…", "x".repeat(60));
        assert_eq!(
            messages(&report),
            vec![
                r#"bell.m3u: playlist "Bell\u{7}": its name contains U+0007, a control character or one XML forbids (Alexa cannot say it)"#.to_string(),
                r#"catalog playlists: playlist "Bad\u{ffff}": its name contains U+FFFF, a control character or one XML forbids (Alexa cannot say it)"#.to_string(),
                r#"catalog playlists: playlist "Two\nLines": its name contains U+000A, a control character or one XML forbids (Alexa cannot say it)"#.to_string(),
                r#"blank.m3u: playlist "": has no name (write #PLAYLIST:Name in an M3U file, "name" in JSON)"#.to_string(),
                r#"blank.m3u line 2: playlist "": "nope" names no catalog track (no track has this id or stream URL)"#.to_string(),
                format!("catalog playlists: playlist {shown:?}: its name is longer than 200 characters"),
            ]
        );
    }

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
