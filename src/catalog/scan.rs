//! `jukebox catalog scan`: a folder of music becomes a catalog. Each audio
//! file's tags are read with `lofty` (ID3v1/v2, MP4, FLAC, Vorbis
//! comments); the stream URL is the base URL plus the file's percent-encoded
//! path; ids are stable across re-scans (a hash of the path). Every row and
//! playlist the scan writes is validated exactly as `catalog check`
//! validates it, so its output always passes the check.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use lofty::prelude::*;
use lofty::tag::ItemKey;
use serde_json::{json, Map, Value};
use url::Url;

use super::playlist::{resolve, InvalidEntry, Playlist, PlaylistSource};
use super::{parse_catalog, CatalogRules, InvalidRow, Track};

/// What Alexa's AudioPlayer plays (the AudioPlayer interface reference,
/// "Audio stream requirements": AAC/MP4, MP3, HLS, PLS, M3U): the
/// extensions a scan puts in the catalog as they are.
const PLAYABLE: &[&str] = &["mp3", "m4a", "mp4", "aac"];
/// Audio an Echo does not play from a skill: listed, left out (unless a
/// transcoded copy is named with `--transcoded-base-url`).
const NOT_PLAYABLE: &[&str] = &[
    "flac", "ogg", "oga", "opus", "wav", "aif", "aiff", "wma", "ape", "alac", "dsf",
];
/// Pictures beside the files that serve as the album's cover, in order.
const COVERS: &[&str] = &[
    "cover.jpg",
    "cover.jpeg",
    "cover.png",
    "folder.jpg",
    "folder.jpeg",
    "folder.png",
];

/// How to turn files into rows.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// Where the folder is published: a file's URL is this plus its path.
    pub base_url: Url,
    /// Where a transcoded copy of the folder is published (same paths, the
    /// extension [`ScanOptions::transcoded_extension`]): files an Echo
    /// cannot play get that URL instead of being left out.
    pub transcoded_base_url: Option<Url>,
    pub transcoded_extension: String,
    /// A folder inside the scanned one where embedded cover pictures are
    /// written, one per album, published with the music.
    pub art_dir: Option<PathBuf>,
    /// Read M3U/M3U8 files of the folder as playlists.
    pub playlists: bool,
    /// The rules rows are held to: those of `catalog check` (its ports,
    /// its store's size limits), so what a scan writes the check accepts.
    pub rules: CatalogRules,
}

/// The fields a row can do without: one that breaks a rule is left out
/// (and the owner told), and the track kept.
const OPTIONAL_FIELDS: [&str; 7] = [
    "album",
    "duration_ms",
    "image_url",
    "genre",
    "disc_number",
    "track_number",
    "year",
];

/// Why a file is not in the catalog.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SkippedFile {
    pub path: PathBuf,
    pub reason: String,
}

/// What a scan found.
#[derive(Debug, Clone, Default)]
pub struct ScanReport {
    /// Catalog rows, validated, in path order.
    pub rows: Vec<Map<String, Value>>,
    /// The rows as tracks (what `catalog check` would read from them).
    pub tracks: Vec<Track>,
    /// Audio files read: in the catalog, or skipped.
    pub audio_files: usize,
    /// Files that had no title tag (titled from the file name).
    pub untagged: Vec<PathBuf>,
    pub skipped: Vec<SkippedFile>,
    /// Tracks kept without a field that broke a rule: the file, and which
    /// field was left out and why.
    pub warnings: Vec<SkippedFile>,
    /// M3U playlists of the folder, resolved as `catalog check` resolves
    /// them: each entry a track id.
    pub playlists: Vec<Playlist>,
    /// Playlist entries (and whole playlists) left out, with the reason.
    pub invalid_playlist_entries: Vec<InvalidEntry>,
}

/// Whether `extension` can name a transcoded copy: letters and digits only
/// (`mp3`, `m4a`), so a file's copy stays beside it under the copy's base URL.
pub fn check_extension(extension: &str) -> anyhow::Result<()> {
    anyhow::ensure!(
        !extension.is_empty()
            && extension.len() <= 10
            && extension.chars().all(|c| c.is_ascii_alphanumeric()),
        "--transcoded-ext must be a file extension such as mp3 or m4a (letters and digits, \
         without the dot), not {extension:?}"
    );
    Ok(())
}

/// Where `art_dir` really is, refused unless it lies inside `root`: `..`
/// and symlinks are resolved first (the part that does not exist yet is
/// taken as written, with its `..` applied), so neither can lead out.
pub fn art_dir_inside(root: &Path, art_dir: &Path) -> anyhow::Result<PathBuf> {
    let root = root
        .canonicalize()
        .map_err(|err| anyhow::anyhow!("cannot read {}: {err}", root.display()))?;
    let absolute = std::path::absolute(art_dir)?;
    // The longest part that exists, resolved on disk; the rest lexically.
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    let resolved = loop {
        match existing.canonicalize() {
            Ok(resolved) => break resolved,
            Err(_) => {
                rest.push(existing.file_name().map(|n| n.to_os_string()));
                existing = existing
                    .parent()
                    .ok_or_else(|| anyhow::anyhow!("cannot resolve {}", art_dir.display()))?;
            }
        }
    };
    let mut resolved = resolved;
    for part in rest.into_iter().rev() {
        match part {
            Some(name) => resolved.push(name),
            // `..` as the last part has no file name.
            None => {
                resolved.pop();
            }
        }
    }
    let resolved = normalize(&resolved).unwrap_or_default();
    anyhow::ensure!(
        resolved.starts_with(&root) && resolved.is_absolute(),
        "--art-dir must lie inside {} (it is published with the music); {} is {}",
        root.display(),
        art_dir.display(),
        resolved.display()
    );
    Ok(resolved)
}

/// Scans `root`, telling `progress` each time a file is done.
pub fn scan_folder(
    root: &Path,
    options: &ScanOptions,
    progress: &(dyn Fn(u64) + Sync),
) -> anyhow::Result<ScanReport> {
    anyhow::ensure!(root.is_dir(), "{} is not a folder", root.display());
    let root = root
        .canonicalize()
        .map_err(|err| anyhow::anyhow!("cannot read {}: {err}", root.display()))?;
    let mut options = options.clone();
    if let Some(art_dir) = &options.art_dir {
        options.art_dir = Some(art_dir_inside(&root, art_dir)?);
    }
    scan(&Folder { root: &root }, &options, progress)
}

/// Where a scan reads: a folder on disk, or a bucket's prefix (the S3
/// adapter implements it for a bucket).
pub trait Files {
    /// Every file, relative to the scanned root.
    fn list(&self) -> anyhow::Result<Vec<PathBuf>>;
    /// [`Files::list`], with what could not be listed (an unreadable
    /// folder, a link leading out) and why.
    fn list_reporting(&self) -> anyhow::Result<(Vec<PathBuf>, Vec<SkippedFile>)> {
        Ok((self.list()?, Vec::new()))
    }
    /// A file's tags and audio properties.
    fn tags(&self, relative: &Path) -> Result<lofty::file::TaggedFile, String>;
    /// Whether a file is there (a cover picture beside the music).
    fn exists(&self, relative: &Path) -> bool;
    /// A small file's bytes (a playlist).
    fn read(&self, relative: &Path) -> anyhow::Result<Vec<u8>>;
    /// The folder on disk, where embedded pictures can be written.
    fn folder(&self) -> Option<&Path> {
        None
    }
}

struct Folder<'a> {
    root: &'a Path,
}

impl Files for Folder<'_> {
    fn list(&self) -> anyhow::Result<Vec<PathBuf>> {
        Ok(self.list_reporting()?.0)
    }

    fn list_reporting(&self) -> anyhow::Result<(Vec<PathBuf>, Vec<SkippedFile>)> {
        let walk = super::walk::files_under(self.root, "folder", &|_| true)?;
        let relative = |p: PathBuf| match p.strip_prefix(self.root) {
            Ok(inside) => inside.to_path_buf(),
            Err(_) => p,
        };
        let skipped = walk
            .skipped
            .into_iter()
            .map(|(path, reason)| SkippedFile {
                path: relative(path),
                reason,
            })
            .collect();
        Ok((walk.files.into_iter().map(relative).collect(), skipped))
    }

    fn tags(&self, relative: &Path) -> Result<lofty::file::TaggedFile, String> {
        let file = std::fs::File::open(self.root.join(relative))
            .map_err(|err| format!("cannot open it: {}", super::tags::io_reason(&err)))?;
        super::tags::read_tags(file)
    }

    fn exists(&self, relative: &Path) -> bool {
        self.root.join(relative).is_file()
    }

    fn read(&self, relative: &Path) -> anyhow::Result<Vec<u8>> {
        use anyhow::Context;
        let path = self.root.join(relative);
        let size = std::fs::metadata(&path)?.len();
        anyhow::ensure!(
            size <= super::MAX_PLAYLIST_FILE_BYTES,
            "{} is larger than {} bytes",
            relative.display(),
            super::MAX_PLAYLIST_FILE_BYTES
        );
        std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))
    }

    fn folder(&self) -> Option<&Path> {
        Some(self.root)
    }
}

/// Scans every file `files` lists.
pub fn scan(
    files: &dyn Files,
    options: &ScanOptions,
    progress: &(dyn Fn(u64) + Sync),
) -> anyhow::Result<ScanReport> {
    check_extension(&options.transcoded_extension)?;
    let (mut files_found, unlisted) = files.list_reporting()?;
    files_found.sort();
    let mut report = ScanReport {
        skipped: unlisted,
        ..ScanReport::default()
    };
    let mut art_written: HashMap<String, String> = HashMap::new();
    let mut candidates: Vec<(PathBuf, Map<String, Value>)> = Vec::new();
    let mut ids: HashSet<String> = HashSet::new();
    let mut playlist_files = Vec::new();
    for relative in files_found {
        let extension = extension_of(&relative);
        if options.playlists && matches!(extension.as_str(), "m3u" | "m3u8") {
            playlist_files.push(relative);
            continue;
        }
        let playable = PLAYABLE.contains(&extension.as_str());
        if !playable && !NOT_PLAYABLE.contains(&extension.as_str()) {
            continue;
        }
        report.audio_files += 1;
        progress(1);
        let url = match (&options.transcoded_base_url, playable) {
            (_, true) => file_url(&options.base_url, &relative),
            (Some(base), false) => file_url(
                base,
                &relative.with_extension(&options.transcoded_extension),
            ),
            (None, false) => Err(format!(
                "{} is not played by Echo devices (AudioPlayer plays AAC/MP4, MP3, \
                 HLS, PLS and M3U): publish a transcoded copy and pass \
                 --transcoded-base-url",
                extension.to_uppercase()
            )),
        };
        let url = match url {
            Ok(url) => url,
            Err(reason) => {
                report.skipped.push(SkippedFile {
                    path: relative,
                    reason,
                });
                continue;
            }
        };
        let row = files
            .tags(&relative)
            .map(|tagged| read_row(files, &tagged, &relative, url, options, &mut art_written));
        match row {
            Ok((mut row, tagged)) => {
                if !tagged {
                    report.untagged.push(relative.clone());
                }
                let id = unique_id(&relative, &mut ids);
                row.insert("id".into(), json!(id));
                candidates.push((relative, row));
            }
            Err(reason) => report.skipped.push(SkippedFile {
                path: relative,
                reason,
            }),
        }
    }
    let kept = validate(&mut report, candidates, &options.rules);
    if options.playlists {
        let by_path: HashMap<&Path, &str> = kept
            .iter()
            .zip(&report.tracks)
            .map(|(path, track)| (path.as_path(), track.id.as_str()))
            .collect();
        let mut sources = Vec::new();
        for relative in playlist_files {
            // An unreadable playlist is listed, like an unreadable track.
            match playlist(files, &relative, &by_path) {
                Ok(found) if found.entries.is_empty() => report.skipped.push(SkippedFile {
                    path: relative,
                    reason: "the playlist holds no entries".to_string(),
                }),
                Ok(found) => sources.push(found),
                Err(err) => report.skipped.push(SkippedFile {
                    path: relative,
                    reason: format!("{err:#}"),
                }),
            }
        }
        // Held to the rules `catalog check` holds them to: what names no
        // track, a name Alexa cannot say or hears twice, too many entries.
        let resolved = resolve(sources, &report.tracks);
        report.playlists = resolved.playlists;
        report.invalid_playlist_entries = resolved.invalid;
    }
    Ok(report)
}

fn extension_of(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The base URL plus each path segment, percent-encoded byte by byte (so
/// a name with a tab, a line break or bytes that are not UTF-8 gets a URL
/// of its own, which addresses exactly that file); for an `s3://` base, the
/// object key as it is (S3 keys are not URL-encoded: the signer encodes
/// them when it signs), which must be UTF-8 text.
pub fn file_url(base: &Url, relative: &Path) -> Result<String, String> {
    if base.scheme() == "s3" {
        let prefix = base.as_str().trim_end_matches('/');
        let key = relative
            .components()
            .map(|c| c.as_os_str().to_str())
            .collect::<Option<Vec<&str>>>()
            .ok_or_else(|| {
                "its name is not UTF-8 text, which an S3 object key must be: rename it".to_string()
            })?;
        return Ok(format!("{prefix}/{}", key.join("/")));
    }
    let mut path = base
        .path()
        .strip_suffix('/')
        .unwrap_or(base.path())
        .to_string();
    for part in relative.components() {
        path.push('/');
        for &byte in part.as_os_str().as_encoded_bytes() {
            if encoded_in_segment(byte) {
                path.push_str(&format!("%{byte:02X}"));
            } else {
                path.push(char::from(byte));
            }
        }
    }
    let mut url = base.clone();
    url.set_path(&path);
    Ok(url.to_string())
}

/// The bytes a URL path segment carries percent-encoded: the URL
/// standard's path-segment set (controls, space, `"#<>?\`{}/%\\`) and every
/// byte beyond ASCII.
fn encoded_in_segment(byte: u8) -> bool {
    !(0x20..0x7f).contains(&byte) || b" \"#<>?`{}/%\\".contains(&byte)
}

/// A stable id from the file's path (FNV-1a, 64 bits over the name's bytes:
/// the same file gets the same id on every scan, on every machine), made
/// unique if two paths ever hash alike.
fn unique_id(relative: &Path, taken: &mut HashSet<String>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in relative.as_os_str().as_encoded_bytes() {
        let byte = if byte == b'\\' { b'/' } else { byte };
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    let base = format!("f{hash:016x}");
    let mut id = base.clone();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// One file's row (without its id) and whether it had a title tag.
fn read_row(
    files: &dyn Files,
    file: &lofty::file::TaggedFile,
    relative: &Path,
    url: String,
    options: &ScanOptions,
    art_written: &mut HashMap<String, String>,
) -> (Map<String, Value>, bool) {
    let tag = file.primary_tag().or_else(|| file.first_tag());
    let text = |key: ItemKey| {
        tag.and_then(|t| t.get_string(key))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let title = tag
        .and_then(|t| t.title().map(|s| s.trim().to_string()))
        .filter(|s| !s.is_empty());
    let tagged = title.is_some();
    let folders: Vec<String> = relative
        .parent()
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy().to_string())
                .collect()
        })
        .unwrap_or_default();
    let title = title.unwrap_or_else(|| title_from_file_name(relative));
    // Artist/Album/01 Song.mp3 is how most libraries are laid out: the
    // folders name what the tags do not.
    // Several artists (ID3v2.4 and Vorbis comments hold a list) are
    // credited as one ("Queen & David Bowie"), which matching splits again.
    let artists = |key: ItemKey| {
        let names: Vec<&str> = tag
            .map(|t| {
                t.get_strings(key)
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        (!names.is_empty()).then(|| names.join(" & "))
    };
    let artist = artists(ItemKey::TrackArtist)
        .or_else(|| artists(ItemKey::TrackArtists))
        .or_else(|| text(ItemKey::AlbumArtist))
        .or_else(|| folders.len().checked_sub(2).map(|i| folders[i].clone()))
        .unwrap_or_else(|| "Unknown Artist".to_string());
    let album = tag
        .and_then(|t| t.album().map(|s| s.trim().to_string()))
        .filter(|s| !s.is_empty())
        .or_else(|| folders.last().cloned());
    let mut row = Map::new();
    row.insert("title".into(), json!(title));
    row.insert("artist".into(), json!(artist));
    if let Some(album) = &album {
        row.insert("album".into(), json!(album));
    }
    row.insert("url".into(), json!(url));
    let millis = file.properties().duration().as_millis();
    if millis > 0 {
        row.insert(
            "duration_ms".into(),
            json!(u64::try_from(millis).unwrap_or(u64::MAX)),
        );
    }
    if let Some(tag) = tag {
        // "3/12" is how ID3 writes track 3 of 12: the leading number.
        let leading = |key: ItemKey| {
            let text = tag.get_string(key)?;
            let digits: String = text
                .trim()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse::<u32>().ok()
        };
        let track = tag.track().or_else(|| leading(ItemKey::TrackNumber));
        if let Some(track) = track.filter(|&n| n > 0) {
            row.insert("track_number".into(), json!(track));
        }
        let disc = tag.disk().or_else(|| leading(ItemKey::DiscNumber));
        if let Some(disc) = disc.filter(|&n| n > 0) {
            row.insert("disc_number".into(), json!(disc));
        }
        if let Some(year) = tag.date().map(|d| d.year).filter(|&y| y > 0) {
            row.insert("year".into(), json!(year));
        }
        // ID3v2.4 and Vorbis comments hold several genres as several values.
        let genres: Vec<String> = tag
            .get_strings(ItemKey::Genre)
            .flat_map(|g| g.split([';', '\0', '/']))
            .map(str::trim)
            .filter(|g| !g.is_empty())
            .map(str::to_string)
            .collect();
        if !genres.is_empty() {
            row.insert("genre".into(), json!(genres));
        }
    }
    let dir = relative.parent().unwrap_or(Path::new(""));
    // The first of the usual cover pictures beside the file.
    let cover = COVERS
        .iter()
        .map(|name| dir.join(name))
        .find(|path| files.exists(path))
        .and_then(|cover| file_url(&options.base_url, &cover).ok());
    let embedded = || {
        let root = files.folder()?;
        embedded_art(tag, album.as_deref(), &artist, root, options, art_written)
    };
    if let Some(image) = cover.or_else(embedded) {
        row.insert("image_url".into(), json!(image));
    }
    (row, tagged)
}

/// "03 - Paper Boats.mp3" is titled "Paper Boats".
fn title_from_file_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let trimmed = stem
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches([' ', '-', '.', '_'])
        .trim();
    let title = if trimmed.is_empty() {
        stem.trim()
    } else {
        trimmed
    };
    title.replace('_', " ")
}

/// The file's embedded picture, written once per album into the art
/// folder (which lies inside the scanned one, so it is published with it).
fn embedded_art(
    tag: Option<&lofty::tag::Tag>,
    album: Option<&str>,
    artist: &str,
    root: &Path,
    options: &ScanOptions,
    written: &mut HashMap<String, String>,
) -> Option<String> {
    let art_dir = options.art_dir.as_ref()?;
    let album_key = format!("{artist}\u{1f}{}", album.unwrap_or(""));
    if let Some(url) = written.get(&album_key) {
        return Some(url.clone());
    }
    let picture = tag?.pictures().first()?;
    let extension = match picture.mime_type() {
        Some(lofty::picture::MimeType::Png) => "png",
        _ => "jpg",
    };
    let mut taken = HashSet::new();
    let name = format!(
        "{}.{extension}",
        unique_id(Path::new(&album_key), &mut taken)
    );
    let target = art_dir.join(&name);
    std::fs::create_dir_all(art_dir).ok()?;
    // Checked again once it exists: a link put in its way meanwhile would
    // lead the picture out of the folder.
    if !art_dir.canonicalize().ok()?.starts_with(root) {
        return None;
    }
    write_replacing(art_dir, &name, picture.data()).ok()?;
    let relative = target.strip_prefix(root).ok()?;
    let url = file_url(&options.base_url, relative).ok()?;
    written.insert(album_key, url.clone());
    Some(url)
}

/// Writes `bytes` as `dir/name` through a new file renamed over the old
/// one: whatever `name` was (a link to a file elsewhere, a hard link), only
/// the folder's entry is replaced, and nothing outside is written.
fn write_replacing(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let temporary = dir.join(format!(".{name}.{}.partial", std::process::id()));
    // A leftover of an earlier run (even a link) is removed, not followed.
    match std::fs::remove_file(&temporary) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => return Err(err),
        _ => {}
    }
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .and_then(|mut file| file.write_all(bytes));
    match written.and_then(|()| std::fs::rename(&temporary, dir.join(name))) {
        Ok(()) => Ok(()),
        Err(err) => {
            let _ = std::fs::remove_file(&temporary);
            Err(err)
        }
    }
}

/// Keeps the rows `catalog check` accepts (run through the same parser),
/// each without the optional fields that break its rules (each such field
/// is a warning); the others become skipped files with the check's
/// reasons. Returns the path of each kept row, in order.
fn validate(
    report: &mut ScanReport,
    candidates: Vec<(PathBuf, Map<String, Value>)>,
    rules: &CatalogRules,
) -> Vec<PathBuf> {
    let Some(first) = check_rows(report, &candidates, rules) else {
        return Vec::new();
    };
    let bad: HashSet<usize> = first.invalid.iter().map(|r| r.line).collect();
    let candidates: Vec<(PathBuf, Map<String, Value>)> = candidates
        .into_iter()
        .enumerate()
        .map(|(line, (path, row))| {
            if !bad.contains(&(line + 1)) {
                return (path, row);
            }
            let (row, dropped) = without_bad_fields(row, rules);
            for reason in dropped {
                report.warnings.push(SkippedFile {
                    path: path.clone(),
                    reason,
                });
            }
            (path, row)
        })
        .collect();
    let Some(parsed) = check_rows(report, &candidates, rules) else {
        return Vec::new();
    };
    let bad: BTreeMap<usize, &InvalidRow> = parsed.invalid.iter().map(|r| (r.line, r)).collect();
    let mut tracks = parsed.tracks.into_iter();
    let mut kept = Vec::new();
    for (line, (path, row)) in candidates.into_iter().enumerate() {
        match bad.get(&(line + 1)) {
            Some(invalid) => report.skipped.push(SkippedFile {
                path,
                reason: invalid.reasons.join("; "),
            }),
            None => {
                if let Some(track) = tracks.next() {
                    report.tracks.push(track);
                    report.rows.push(row);
                    kept.push(path);
                }
            }
        }
    }
    kept
}

/// The rows as `catalog check` parses them, one a line; when the parser
/// refuses them all, each becomes a skipped file with its reason.
fn check_rows(
    report: &mut ScanReport,
    candidates: &[(PathBuf, Map<String, Value>)],
    rules: &CatalogRules,
) -> Option<super::ParseReport> {
    let text: String = candidates
        .iter()
        .map(|(_, row)| Value::Object(row.clone()).to_string() + "\n")
        .collect();
    match parse_catalog(&text, rules) {
        Ok(parsed) => Some(parsed),
        Err(err) => {
            for (path, _) in candidates {
                report.skipped.push(SkippedFile {
                    path: path.clone(),
                    reason: format!("{err:#}"),
                });
            }
            None
        }
    }
}

/// The row without each optional field that the check refuses on its own
/// (a year 3000, a track number of four billion, a genre of a hundred
/// letters), and a message for each: a bad tag costs that field, not the
/// track. Required fields are left as they are; the caller's check then
/// refuses the row if one of them is bad.
fn without_bad_fields(
    mut row: Map<String, Value>,
    rules: &CatalogRules,
) -> (Map<String, Value>, Vec<String>) {
    let mut bare = row.clone();
    for field in OPTIONAL_FIELDS {
        bare.remove(field);
    }
    let reasons = |row: Map<String, Value>| -> Option<Vec<String>> {
        let parsed = parse_catalog(&Value::Object(row).to_string(), rules).ok()?;
        Some(parsed.invalid.into_iter().flat_map(|r| r.reasons).collect())
    };
    let bare_reasons = reasons(bare.clone()).unwrap_or_default();
    let mut dropped = Vec::new();
    for field in OPTIONAL_FIELDS {
        let Some(value) = row.get(field) else {
            continue;
        };
        let mut alone = bare.clone();
        alone.insert(field.to_string(), value.clone());
        let Some(with_field) = reasons(alone) else {
            continue;
        };
        // Only what this field adds to the reasons the bare row has.
        let own: Vec<String> = with_field
            .into_iter()
            .filter(|reason| !bare_reasons.contains(reason))
            .collect();
        if !own.is_empty() {
            row.remove(field);
            dropped.push(format!("left out its {field}: {}", own.join("; ")));
        }
    }
    (row, dropped)
}

/// An M3U of the folder, its entries (paths relative to it, or URLs)
/// rewritten to the ids of the tracks they name.
fn playlist(
    files: &dyn Files,
    relative: &Path,
    by_path: &HashMap<&Path, &str>,
) -> anyhow::Result<PlaylistSource> {
    let mut source = super::playlist::playlist_from_bytes(relative, files.read(relative)?)?;
    let dir = relative.parent().unwrap_or(Path::new(""));
    for (_, entry) in &mut source.entries {
        // Only a relative path that stays in the folder names a file of it;
        // anything else is left for `resolve` to match as an id or a URL,
        // or to refuse with its reason.
        let written = Path::new(entry.as_str());
        if written.is_absolute() || entry.starts_with(['/', '\\']) || entry.contains(':') {
            continue;
        }
        let Some(normal) = normalize(&dir.join(entry.replace('\\', "/"))) else {
            continue;
        };
        if let Some(id) = by_path.get(normal.as_path()) {
            *entry = (*id).to_string();
        }
    }
    Ok(source)
}

/// `a/./b/../c` as `a/c`, without touching the disk; `None` when a `..`
/// climbs above the start.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            other => out.push(other),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_encode_each_segment() {
        let base = Url::parse("https://cdn.example.com/music/").unwrap();
        assert_eq!(
            file_url(&base, Path::new("Sigur Rós/Takk…/03 Hoppípolla #1?.mp3")).unwrap(),
            "https://cdn.example.com/music/Sigur%20R%C3%B3s/Takk%E2%80%A6/03%20Hopp%C3%ADpolla%20%231%3F.mp3"
        );
        let bucket = Url::parse("s3://my-music/library/").unwrap();
        assert_eq!(
            file_url(&bucket, Path::new("Sigur Rós/03 Hoppípolla.mp3")).unwrap(),
            "s3://my-music/library/Sigur Rós/03 Hoppípolla.mp3"
        );
        let bare = Url::parse("https://cdn.example.com").unwrap();
        assert_eq!(
            file_url(&bare, Path::new("a b.mp3")).unwrap(),
            "https://cdn.example.com/a%20b.mp3"
        );
    }

    #[test]
    fn each_name_gets_the_url_of_its_own_bytes() {
        let base = Url::parse("https://cdn.example.com/music/").unwrap();
        let url = |name: &str| file_url(&base, Path::new(name)).unwrap();
        let plain = url("song.mp3");
        let odd: Vec<String> = ["so\tng.mp3", "so\rng.mp3", "so\nng.mp3", "so\u{7f}ng.mp3"]
            .into_iter()
            .map(url)
            .collect();
        assert_eq!(
            odd,
            [
                "https://cdn.example.com/music/so%09ng.mp3",
                "https://cdn.example.com/music/so%0Dng.mp3",
                "https://cdn.example.com/music/so%0Ang.mp3",
                "https://cdn.example.com/music/so%7Fng.mp3",
            ]
        );
        assert!(!odd.contains(&plain));
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let latin1 = Path::new(std::ffi::OsStr::from_bytes(b"caf\xe9.mp3"));
            assert_eq!(
                file_url(&base, latin1).unwrap(),
                "https://cdn.example.com/music/caf%E9.mp3"
            );
            let bucket = Url::parse("s3://my-music/library/").unwrap();
            assert!(file_url(&bucket, latin1).unwrap_err().contains("not UTF-8"));
            // Two such names hash apart (not both as U+FFFD).
            let other = Path::new(std::ffi::OsStr::from_bytes(b"caf\xe8.mp3"));
            assert_ne!(
                unique_id(latin1, &mut HashSet::new()),
                unique_id(other, &mut HashSet::new())
            );
        }
    }

    #[test]
    fn ids_are_stable_and_unique() {
        let mut taken = HashSet::new();
        let a = unique_id(Path::new("Queen/Opera/01.mp3"), &mut taken);
        assert_eq!(
            a,
            unique_id(Path::new("Queen/Opera/01.mp3"), &mut HashSet::new())
        );
        let again = unique_id(Path::new("Queen/Opera/01.mp3"), &mut taken);
        assert_eq!(again, format!("{a}-2"));
        assert_ne!(a, unique_id(Path::new("Queen/Opera/02.mp3"), &mut taken));
    }

    #[test]
    fn titles_from_file_names() {
        for (name, title) in [
            ("03 - Paper Boats.mp3", "Paper Boats"),
            ("07_Tin_Roof_Rain.m4a", "Tin Roof Rain"),
            ("1999.mp3", "1999"),
            ("Lanterns.mp3", "Lanterns"),
        ] {
            assert_eq!(title_from_file_name(Path::new(name)), title, "{name}");
        }
    }
}
