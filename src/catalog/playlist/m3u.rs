//! M3U and M3U8 playlist files: read from a file or a folder, decoded as
//! their extension says, parsed into what the owner wrote.

use std::path::Path;

use anyhow::Context;

use super::{InvalidEntry, PlaylistSource};
use crate::catalog::walk::files_under;

/// Largest M3U file read (bytes).
pub const MAX_PLAYLIST_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Parses M3U/M3U8 text. `#EXTM3U` and `#EXTINF:` and every other `#` line are not entries;
/// `#PLAYLIST:Name` names the playlist (the first one wins); otherwise the name is `fallback_name`
/// (the caller passes the file stem). Blank lines are skipped; entries are trimmed; a UTF-8 BOM is ignored.
/// Lines end in LF, CRLF or a lone CR (as old Mac players write them).
pub fn parse_m3u(text: &str, fallback_name: &str, file: Option<&Path>) -> PlaylistSource {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n");
    let mut name = None;
    let mut entries = Vec::new();
    for (index, line) in text.split(['\n', '\r']).enumerate() {
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
/// it is held to UTF-8 like an .m3u8; a UTF-16 byte order mark says UTF-16,
/// in either byte order. Symlinks are followed while they stay in the
/// folder, each folder once.
pub fn read_playlists(path: &Path) -> anyhow::Result<Vec<PlaylistSource>> {
    let (sources, problems) = read_playlists_reporting(path)?;
    match problems.into_iter().next() {
        None => Ok(sources),
        Some(problem) => Err(anyhow::anyhow!(problem.reason)),
    }
}

/// [`read_playlists`], except that in a folder a playlist file that cannot
/// be read or decoded (or a subfolder that cannot be read) is reported, as
/// a bad entry is, and the other files are still read: one bad file does
/// not hide the rest.
pub fn read_playlists_reporting(
    path: &Path,
) -> anyhow::Result<(Vec<PlaylistSource>, Vec<InvalidEntry>)> {
    let metadata = std::fs::metadata(path).map_err(|err| {
        if err.kind() == std::io::ErrorKind::NotFound {
            anyhow::anyhow!("playlist path {} does not exist", path.display())
        } else {
            anyhow::anyhow!("cannot read playlist path {}: {err}", path.display())
        }
    })?;
    if metadata.is_dir() {
        let walk = files_under(path, "playlist folder", &|file| {
            playlist_kind(file).is_some()
        })?;
        if walk.files.is_empty() && walk.skipped.is_empty() {
            anyhow::bail!(
                "folder {} holds no .m3u or .m3u8 playlist file",
                path.display()
            );
        }
        let mut problems: Vec<InvalidEntry> = walk
            .skipped
            .into_iter()
            .map(|(place, reason)| unreadable(&place, reason))
            .collect();
        let mut sources = Vec::new();
        for file in &walk.files {
            match read_playlist_file(file) {
                Ok(source) => sources.push(source),
                Err(err) => problems.push(unreadable(file, format!("{err:#}"))),
            }
        }
        return Ok((sources, problems));
    }
    if playlist_kind(path).is_none() {
        anyhow::bail!(
            "{} is not a playlist file: its name must end in .m3u or .m3u8",
            path.display()
        );
    }
    Ok((vec![read_playlist_file(path)?], Vec::new()))
}

/// A playlist file (or folder) left out, as a report shows it.
fn unreadable(place: &Path, reason: String) -> InvalidEntry {
    InvalidEntry {
        file: Some(place.display().to_string()),
        playlist: place
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default(),
        line: None,
        entry: None,
        reason,
    }
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
    let utf16 = match bytes.get(..2) {
        Some([0xff, 0xfe]) => Some(u16::from_le_bytes as fn([u8; 2]) -> u16),
        Some([0xfe, 0xff]) => Some(u16::from_be_bytes as fn([u8; 2]) -> u16),
        _ => None,
    };
    let text = match playlist_kind(path) {
        _ if utf16.is_some() => utf16_text(&bytes[2..], utf16.unwrap_or(u16::from_le_bytes))
            .with_context(|| format!("cannot read playlist file {}", path.display()))?,
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

/// UTF-16 text (after its byte order mark), or where it is broken.
fn utf16_text(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> anyhow::Result<String> {
    anyhow::ensure!(
        bytes.len().is_multiple_of(2),
        "the file says it is UTF-16 but holds an odd number of bytes"
    );
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|err| {
            anyhow::anyhow!(
                "the file says it is UTF-16 but holds an unpaired surrogate (U+{:04X}); save it \
                 as UTF-8",
                err.unpaired_surrogate()
            )
        })
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

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

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
}
