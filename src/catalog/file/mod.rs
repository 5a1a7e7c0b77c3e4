//! Reading a catalog file: JSON Lines, a JSON array (or an object with a
//! `tracks` array, and optionally `playlists` and `stations`), or CSV with a header row.
//! The whole file is validated before anything is used, so a bad file is
//! refused with every bad row named, and nothing is ever half-loaded.
//!
//! Here: telling the formats apart and the entry points. Each format turns
//! its text into rows in a module of its own ([`jsonl`], [`json`], [`csv`];
//! [`duplicate_keys`] reads a JSON object with every key once), and
//! [`validate`] holds the rules a row must pass to become a track. The
//! object form's `playlists` are read by [`super::playlist`].

mod csv;
mod duplicate_keys;
mod json;
mod jsonl;
mod validate;

use std::fmt;
use std::path::Path;

use serde_json::{Map, Value};

use super::playlist::{InvalidEntry, PlaylistSource};
use super::Track;

pub(super) use duplicate_keys::{json_row, DUPLICATE};
pub use validate::check_https_url;
pub(super) use validate::{json_kind, shorten_for_message};

/// The file formats a catalog can come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogFormat {
    JsonLines,
    JsonArray,
    Csv,
}

/// A store's check that a valid track fits it: `Err` says why not.
pub type StorageCheck = fn(&Track) -> Result<(), String>;

/// What catalog rows must satisfy beyond their shape, where the owner may
/// decide: built once from the command line and handed to every parse.
#[derive(Debug, Clone, Default)]
pub struct CatalogRules {
    /// Ports besides 443 that stream and image URLs may name
    /// (`--stream-port`). Alexa serves skills on 443 only and Amazon
    /// documents no Echo playing audio from another port, so any other port
    /// is refused unless the owner vouches for it (a test server, a device
    /// setup they have tried).
    pub extra_ports: Vec<u16>,
    /// Whether a valid track fits the store it is headed for (DynamoDB's
    /// item and key sizes, computed from the items an import writes): the
    /// store's own check, so the catalog stays free of storage types.
    pub fits_storage: Option<StorageCheck>,
    /// The largest catalog file read, in bytes (`None`: [`DEFAULT_MAX_FILE_BYTES`]):
    /// an endless pipe or `/dev/zero` stops here with a clear message.
    pub max_file_bytes: Option<u64>,
}

/// The default cap on a catalog file: 256 MiB, some 800,000 tracks.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

impl CatalogRules {
    fn allows_port(&self, port: u16) -> bool {
        port == 443 || self.extra_ports.contains(&port)
    }
}

/// A row that cannot become a track, with where it is and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InvalidRow {
    /// 1-based line of the file where the row starts.
    pub line: usize,
    /// The row's id when it has one, to help the owner find it.
    pub id: Option<String>,
    pub reasons: Vec<String>,
}

impl fmt::Display for InvalidRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.line)?;
        if let Some(id) = &self.id {
            write!(f, " (id {id})")?;
        }
        write!(f, ": {}", self.reasons.join("; "))
    }
}

/// Everything a catalog file held: the good tracks and every bad row.
#[derive(Debug, Clone, Default)]
pub struct ParseReport {
    pub tracks: Vec<Track>,
    pub invalid: Vec<InvalidRow>,
    /// The JSON object form's `playlists`, as written (entries numbered by
    /// their 1-based index); no other format has playlists. Matching them to
    /// tracks is [`super::playlist::resolve`]'s job.
    pub playlists: Vec<PlaylistSource>,
    /// Playlists (or their entries) whose JSON shape is wrong: reported, not
    /// fatal, so the owner sees every problem at once.
    pub invalid_playlists: Vec<InvalidEntry>,
}

impl ParseReport {
    /// The tracks, or an error naming every bad row when there is any.
    pub fn into_valid(self) -> anyhow::Result<Vec<Track>> {
        if self.invalid.is_empty() {
            return Ok(self.tracks);
        }
        let mut message = format!("{} invalid row(s):", self.invalid.len());
        for row in &self.invalid {
            message.push_str("\n  ");
            message.push_str(&row.to_string());
        }
        anyhow::bail!(message)
    }
}

/// Reads and validates a catalog file; the format comes from the content.
/// At most [`CatalogRules::max_file_bytes`] are read, so an endless pipe
/// cannot exhaust memory.
pub fn read_catalog_file(path: &Path, rules: &CatalogRules) -> anyhow::Result<ParseReport> {
    use anyhow::Context;
    use std::io::Read;
    let limit = rules.max_file_bytes.unwrap_or(DEFAULT_MAX_FILE_BYTES);
    // `-` is standard input: `jukebox catalog scan … | jukebox catalog import -`.
    let file: Box<dyn Read> = if path == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(
            std::fs::File::open(path)
                .with_context(|| format!("cannot read catalog file {}", path.display()))?,
        )
    };
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read catalog file {}", path.display()))?;
    if bytes.len() as u64 > limit {
        anyhow::bail!(
            "catalog file {} is larger than {limit} bytes (--max-file-mb raises the limit)",
            path.display()
        );
    }
    let text =
        decode(bytes).with_context(|| format!("cannot read catalog file {}", path.display()))?;
    parse_catalog(&text, rules)
        .with_context(|| format!("cannot parse catalog file {}", path.display()))
}

/// The file as text, or the line where it stops being UTF-8.
fn decode(bytes: Vec<u8>) -> anyhow::Result<String> {
    String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let bytes = err.as_bytes();
        let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
        let column = valid
            - bytes[..valid]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1)
            + 1;
        anyhow::anyhow!(
            "line {line} is not UTF-8 (invalid byte at column {column}); save the file as UTF-8"
        )
    })
}

/// Detects the format of catalog text: `[` or `{"tracks"` (or
/// `{"playlists"`) open JSON, `{` opens JSON Lines, anything else is CSV
/// with a header.
pub fn detect_format(text: &str) -> CatalogFormat {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('[') {
        CatalogFormat::JsonArray
    } else if trimmed.starts_with('{') {
        // A single JSON object holding a `tracks` array counts as an array,
        // and so does one opening with a `tracks` or `playlists` key even
        // when it is broken (one error with its line, not every line a bad
        // row); anything else opening with `{` is JSON Lines, even when its
        // first line is broken (that line is then reported, not the whole file).
        let first_line = trimmed.lines().next().unwrap_or("");
        let holds_tracks = |value: &Value| value.get("tracks").is_some_and(Value::is_array);
        match serde_json::from_str::<Value>(first_line) {
            Ok(value) if holds_tracks(&value) => CatalogFormat::JsonArray,
            _ if opens_object_form(trimmed) => CatalogFormat::JsonArray,
            Ok(_) => CatalogFormat::JsonLines,
            Err(_) => match serde_json::from_str::<Value>(trimmed) {
                Ok(value) if holds_tracks(&value) => CatalogFormat::JsonArray,
                _ => CatalogFormat::JsonLines,
            },
        }
    } else {
        CatalogFormat::Csv
    }
}

/// Whether text opens a JSON object whose first key is `tracks`,
/// `playlists` or `stations`: no track row starts that way.
fn opens_object_form(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('{') else {
        return false;
    };
    let rest = rest.trim_start();
    ["\"tracks\"", "\"playlists\"", "\"stations\""]
        .iter()
        .any(|key| {
            rest.strip_prefix(key)
                .is_some_and(|after| after.trim_start().starts_with(':'))
        })
}

/// Parses and validates catalog text. Only an unreadable file (broken JSON
/// syntax, broken CSV) is an error; bad rows are collected in the report.
pub fn parse_catalog(text: &str, rules: &CatalogRules) -> anyhow::Result<ParseReport> {
    let text = text.trim_start_matches('\u{feff}');
    let (rows, sections) = match detect_format(text) {
        CatalogFormat::JsonLines => (jsonl::rows(text)?, json::Sections::default()),
        CatalogFormat::JsonArray => json::rows(text)?,
        CatalogFormat::Csv => (csv::rows(text)?, json::Sections::default()),
    };
    let mut report = validate::validate_rows(rows, rules);
    // Stations come after every track: the tracks' positions are the same
    // with or without them.
    validate::validate_stations(sections.stations, rules, &mut report);
    if let Some(playlists) = sections.playlists {
        (report.playlists, report.invalid_playlists) = super::playlist::json_playlists(playlists);
    }
    Ok(report)
}

/// A row before validation: its line and its fields, or why it is not even a row.
type RawRow = (usize, Result<Map<String, Value>, String>);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    pub(super) fn parse(text: &str) -> anyhow::Result<ParseReport> {
        parse_catalog(text, &CatalogRules::default())
    }

    pub(super) const ROW: &str =
        r#"{"id":"a","title":"A","artist":"B","url":"https://e.example/a.mp3"}"#;

    #[test]
    fn invalid_utf8_names_its_line_and_the_file_size_is_capped() {
        let dir = std::env::temp_dir().join(format!("jukebox-file-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("latin1.jsonl");
        let mut bytes = format!("{ROW}\n").into_bytes();
        bytes.extend_from_slice(b"{\"id\":\"b\",\"title\":\"Caf\xe9\"}\n");
        std::fs::write(&path, &bytes).unwrap();
        let err = format!(
            "{:#}",
            read_catalog_file(&path, &CatalogRules::default()).unwrap_err()
        );
        assert!(
            err.contains("line 2 is not UTF-8 (invalid byte at column 23)"),
            "{err}"
        );

        let small = CatalogRules {
            max_file_bytes: Some(10),
            ..CatalogRules::default()
        };
        let err = format!("{:#}", read_catalog_file(&path, &small).unwrap_err());
        assert!(
            err.contains("is larger than 10 bytes (--max-file-mb raises the limit)"),
            "{err}"
        );
        // An endless source stops at the cap instead of exhausting memory.
        let err = format!(
            "{:#}",
            read_catalog_file(Path::new("/dev/zero"), &small).unwrap_err()
        );
        assert!(err.contains("is larger than 10 bytes"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn only_the_object_form_has_playlists() {
        let jsonl = format!(
            "{}\n",
            json!({"id": "a", "title": "A", "artist": "B", "url": "https://e.example/a.mp3",
                   "playlists": [{"name": "P", "tracks": ["a"]}]})
        );
        let csv = "id,title,artist,url,playlists\na,A,B,https://e.example/a.mp3,P\n";
        let array = format!("[{ROW}]");
        for text in [jsonl.as_str(), csv, &array] {
            let report = parse(text).unwrap();
            assert_eq!(report.tracks.len(), 1, "{text}");
            assert!(report.invalid.is_empty(), "{text}: {:?}", report.invalid);
            assert_eq!(report.playlists, vec![], "{text}");
            assert_eq!(report.invalid_playlists, vec![], "{text}");
        }
    }
}
