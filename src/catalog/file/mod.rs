//! Reading a catalog file: JSON Lines, a JSON array (or an object with a
//! `tracks` array, and optionally `playlists`), or CSV with a header row.
//! The whole file is validated before anything is used, so a bad file is
//! refused with every bad row named, and nothing is ever half-loaded.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::playlist::{InvalidEntry, PlaylistSource};
use super::Track;

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

/// Whether text opens a JSON object whose first key is `tracks` or
/// `playlists`: no track row starts that way.
fn opens_object_form(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('{') else {
        return false;
    };
    let rest = rest.trim_start();
    ["\"tracks\"", "\"playlists\""].iter().any(|key| {
        rest.strip_prefix(key)
            .is_some_and(|after| after.trim_start().starts_with(':'))
    })
}

/// Parses and validates catalog text. Only an unreadable file (broken JSON
/// syntax, broken CSV) is an error; bad rows are collected in the report.
pub fn parse_catalog(text: &str, rules: &CatalogRules) -> anyhow::Result<ParseReport> {
    let text = text.trim_start_matches('\u{feff}');
    let (rows, playlists) = match detect_format(text) {
        CatalogFormat::JsonLines => (json_lines_rows(text)?, None),
        CatalogFormat::JsonArray => json_array_rows(text)?,
        CatalogFormat::Csv => (csv_rows(text)?, None),
    };
    let mut report = validate_rows(rows, rules);
    if let Some(playlists) = playlists {
        (report.playlists, report.invalid_playlists) = json_playlists(playlists);
    }
    Ok(report)
}

/// A row before validation: its line and its fields, or why it is not even a row.
type RawRow = (usize, Result<Map<String, Value>, String>);

fn json_lines_rows(text: &str) -> anyhow::Result<Vec<RawRow>> {
    let rows: Vec<RawRow> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| (index + 1, json_row(line)))
        .collect();
    if rows.iter().all(|(_, row)| row.is_err()) {
        if let Some(objects) = pretty_printed_objects(text) {
            anyhow::bail!(
                "this is pretty-printed JSON ({objects} objects over {} lines): JSON Lines \
                 needs each track on one line (or write a JSON array: [ {{...}}, {{...}} ])",
                text.lines().count()
            );
        }
    }
    Ok(rows)
}

/// How many JSON objects the text holds, when it is nothing but objects
/// and they spread over more lines than one each.
fn pretty_printed_objects(text: &str) -> Option<usize> {
    let mut count = 0;
    for value in serde_json::Deserializer::from_str(text).into_iter::<Value>() {
        if !value.ok()?.is_object() {
            return None;
        }
        count += 1;
    }
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    (count > 0 && lines > count).then_some(count)
}

/// One row's fields from its JSON text, refusing a key given twice (serde
/// would silently keep the last).
fn json_row(text: &str) -> Result<Map<String, Value>, String> {
    match serde_json::from_str::<UniqueKeys>(text) {
        Ok(UniqueKeys(map)) => Ok(map),
        Err(err) if err.is_data() && err.to_string().starts_with(DUPLICATE) => Err(err
            .to_string()
            .split(" at line")
            .next()
            .unwrap_or_default()
            .to_string()),
        Err(err) if err.is_data() => Err("not a JSON object".to_string()),
        Err(err) => Err(format!("not valid JSON: {err}")),
    }
}

const DUPLICATE: &str = "the field";

/// A JSON object whose keys are all different.
struct UniqueKeys(Map<String, Value>);

impl<'de> serde::Deserialize<'de> for UniqueKeys {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = UniqueKeys;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut access: A,
            ) -> Result<UniqueKeys, A::Error> {
                let mut map = Map::new();
                while let Some((key, value)) = access.next_entry::<String, Value>()? {
                    if map.contains_key(&key) {
                        return Err(serde::de::Error::custom(format!(
                            "{DUPLICATE} {key:?} is given twice"
                        )));
                    }
                    map.insert(key, value);
                }
                Ok(UniqueKeys(map))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// The rows of a JSON array, or of the object form's `tracks`, with the
/// object form's `playlists` as written (unchecked) when it has them.
fn json_array_rows(text: &str) -> anyhow::Result<(Vec<RawRow>, Option<&RawValue>)> {
    #[derive(serde::Deserialize)]
    struct Document<'a> {
        #[serde(borrow)]
        tracks: Vec<&'a RawValue>,
        /// Kept raw (`null` included) so a wrong shape is reported, not fatal.
        #[serde(default, borrow, deserialize_with = "present")]
        playlists: Option<&'a RawValue>,
    }
    fn present<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<&'de RawValue>, D::Error> {
        serde::Deserialize::deserialize(deserializer).map(Some)
    }
    let (items, playlists): (Vec<&RawValue>, _) = if text.trim_start().starts_with('[') {
        let items = serde_json::from_str(text)
            .map_err(|err| anyhow::anyhow!("not a JSON array of tracks: {err}"))?;
        (items, None)
    } else {
        let document = serde_json::from_str::<Document>(text)
            .map_err(|err| anyhow::anyhow!("not a JSON object with a \"tracks\" array: {err}"))?;
        (document.tracks, document.playlists)
    };
    let base = text.as_ptr() as usize;
    let rows = items
        .into_iter()
        .map(|raw| {
            let offset = raw.get().as_ptr() as usize - base;
            let line = text[..offset].bytes().filter(|b| *b == b'\n').count() + 1;
            (line, json_row(raw.get()))
        })
        .collect();
    Ok((rows, playlists))
}

/// The keys a playlist object may have.
const PLAYLIST_KEYS: [&str; 2] = ["name", "tracks"];

/// The object form's `playlists`: `[{"name": "Road Trip", "tracks": ["id1",
/// "https://…"]}]`. A playlist whose shape is wrong (not an object, a key
/// given twice, no text `name`, no list of `tracks`) is reported and left
/// out; an unknown key or an entry that is not text is reported while the
/// rest of the playlist is kept, so its entries are still checked.
fn json_playlists(raw: &RawValue) -> (Vec<PlaylistSource>, Vec<InvalidEntry>) {
    let mut sources = Vec::new();
    let mut invalid = Vec::new();
    let problem = |playlist: &str, line: Option<usize>, reason: String| InvalidEntry {
        file: None,
        playlist: playlist.to_string(),
        line,
        entry: None,
        reason,
    };
    let items: Vec<&RawValue> = match serde_json::from_str(raw.get()) {
        Ok(items) => items,
        Err(_) => {
            let found = serde_json::from_str::<Value>(raw.get())
                .map_or("something else", |value| json_kind(&value));
            invalid.push(problem(
                "playlists",
                None,
                format!(
                    "\"playlists\" must be a list of {{\"name\": ..., \"tracks\": [...]}} \
                     objects, found {found}"
                ),
            ));
            return (sources, invalid);
        }
    };
    for (index, item) in items.into_iter().enumerate() {
        let placeholder = format!("playlists[{}]", index + 1);
        let map = match json_row(item.get()) {
            Ok(map) => map,
            Err(reason) if reason.starts_with(DUPLICATE) => {
                // The name, when it can be read, says which playlist it is.
                let name = serde_json::from_str::<Value>(item.get())
                    .ok()
                    .and_then(|v| v.get("name").and_then(Value::as_str).map(str::to_string));
                invalid.push(problem(
                    name.as_deref().unwrap_or(&placeholder),
                    None,
                    reason,
                ));
                continue;
            }
            Err(_) => {
                let found = serde_json::from_str::<Value>(item.get())
                    .map_or("something else", |value| json_kind(&value));
                invalid.push(problem(
                    &placeholder,
                    None,
                    format!(
                        "a playlist must be an object {{\"name\": ..., \"tracks\": [...]}}, \
                         found {found}"
                    ),
                ));
                continue;
            }
        };
        let name = match map.get("name") {
            Some(Value::String(name)) => Some(name.clone()),
            None => {
                invalid.push(problem(&placeholder, None, "has no \"name\"".to_string()));
                None
            }
            Some(other) => {
                invalid.push(problem(
                    &placeholder,
                    None,
                    format!("\"name\" must be text, found {}", json_kind(other)),
                ));
                None
            }
        };
        let shown = name.as_deref().unwrap_or(&placeholder);
        for key in map.keys().filter(|k| !PLAYLIST_KEYS.contains(&k.as_str())) {
            invalid.push(problem(
                shown,
                None,
                format!("unknown key {key:?} (a playlist has \"name\" and \"tracks\")"),
            ));
        }
        let entries = match map.get("tracks") {
            Some(Value::Array(items)) => {
                let mut entries = Vec::new();
                for (index, item) in items.iter().enumerate() {
                    match item {
                        Value::String(entry) => entries.push((index + 1, entry.trim().to_string())),
                        // A row's numeric id ("id": 7) is the track "7": so is an entry 7.
                        Value::Number(number) if number.is_u64() || number.is_i64() => {
                            entries.push((index + 1, number.to_string()))
                        }
                        other => {
                            let value = match other {
                                Value::Null => String::new(),
                                _ => format!(" ({})", shorten_for_message(&other.to_string())),
                            };
                            invalid.push(problem(
                                shown,
                                Some(index + 1),
                                format!(
                                    "an entry must be a track id or stream URL as text, found {}{value}",
                                    json_kind(other),
                                ),
                            ))
                        }
                    }
                }
                Some(entries)
            }
            None => {
                invalid.push(problem(
                    shown,
                    None,
                    "has no \"tracks\" list of track ids or stream URLs".to_string(),
                ));
                None
            }
            Some(other) => {
                invalid.push(problem(
                    shown,
                    None,
                    format!(
                        "\"tracks\" must be a list of track ids or stream URLs, found {}",
                        json_kind(other)
                    ),
                ));
                None
            }
        };
        if let (Some(name), Some(entries)) = (name, entries) {
            sources.push(PlaylistSource {
                name,
                file: None,
                entries,
            });
        }
    }
    (sources, invalid)
}

fn csv_rows(text: &str) -> anyhow::Result<Vec<RawRow>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|err| anyhow::anyhow!("cannot read the CSV header: {err}"))?
        .iter()
        .map(|h| h.to_ascii_lowercase())
        .collect();
    let mut columns = std::collections::HashSet::new();
    if let Some(twice) = headers
        .iter()
        .find(|h| !h.is_empty() && !columns.insert(*h))
    {
        anyhow::bail!("the CSV header names the column {twice:?} twice");
    }
    if !headers.iter().any(|h| h == "id") || !headers.iter().any(|h| h == "url") {
        anyhow::bail!(
            "the CSV header must name at least the columns id, title, artist and url (found: {})",
            headers.join(", ")
        );
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line() as usize);
                // A field with a line break: the csv crate reads an
                // unterminated quote to the end of the file, swallowing
                // every row after it. Titles never hold line breaks.
                if record.iter().any(|field| field.contains(['\n', '\r'])) {
                    anyhow::bail!(
                        "line {line}: a quoted field runs on over several lines (an \
                         unterminated quote?); no field may hold a line break"
                    );
                }
                let mut map = Map::new();
                for (header, value) in headers.iter().zip(record.iter()) {
                    if !value.is_empty() {
                        map.insert(header.clone(), Value::String(value.to_string()));
                    }
                }
                let row = if record.len() > headers.len() {
                    Err(format!(
                        "{} fields, the header has {}",
                        record.len(),
                        headers.len()
                    ))
                } else {
                    Ok(map)
                };
                rows.push((line, row));
            }
            Err(err) => {
                let line = err.position().map_or(0, |p| p.line() as usize);
                rows.push((line, Err(format!("unreadable CSV row: {err}"))));
            }
        }
    }
    Ok(rows)
}

fn validate_rows(rows: Vec<RawRow>, rules: &CatalogRules) -> ParseReport {
    let mut report = ParseReport::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (line, row) in rows {
        let map = match row {
            Ok(map) => map,
            Err(reason) => {
                report.invalid.push(InvalidRow {
                    line,
                    id: None,
                    reasons: vec![reason],
                });
                continue;
            }
        };
        let checked = validate_row(&map, report.tracks.len() as u32, rules).and_then(|track| {
            match rules.fits_storage.map_or(Ok(()), |fits| fits(&track)) {
                Ok(()) => Ok(track),
                Err(reason) => Err((Some(track.id), vec![reason])),
            }
        });
        match checked {
            Ok(track) => {
                if let Some(first) = seen.get(&track.id) {
                    report.invalid.push(InvalidRow {
                        line,
                        id: Some(track.id.clone()),
                        reasons: vec![format!("duplicate id, first used on line {first}")],
                    });
                } else {
                    seen.insert(track.id.clone(), line);
                    report.tracks.push(track);
                }
            }
            Err((id, reasons)) => report.invalid.push(InvalidRow { line, id, reasons }),
        }
    }
    report
}

/// Text of a field that may be a JSON string or number; `None` when absent or blank.
fn text_field(map: &Map<String, Value>, name: &str) -> Result<Option<String>, String> {
    match map.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_string())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(other) => Err(format!("{name} must be text, found {}", json_kind(other))),
    }
}

/// The most genres a track may carry, and the longest genre name.
const MAX_GENRES: usize = 10;
const MAX_GENRE_LEN: usize = 100;

/// `genre`: a string (several separated by `;`, as CSV writes them) or, in
/// JSON, an array of strings.
fn genre_field(map: &Map<String, Value>) -> Result<Vec<String>, String> {
    let names: Vec<String> = match map.get("genre") {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::String(text)) => text.split(';').map(str::to_string).collect(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| match item {
                Value::String(text) => Ok(text.clone()),
                other => Err(format!("genre must hold text, found {}", json_kind(other))),
            })
            .collect::<Result<_, _>>()?,
        Some(other) => {
            return Err(format!(
                "genre must be text or a list of text, found {}",
                json_kind(other)
            ))
        }
    };
    let mut genres: Vec<String> = Vec::new();
    for name in names {
        let name = name.trim();
        if name.is_empty() || genres.iter().any(|g| g.eq_ignore_ascii_case(name)) {
            continue;
        }
        if name.chars().count() > MAX_GENRE_LEN
            || name
                .chars()
                .any(|c| c.is_control() || !crate::alexa::ssml::is_speakable(c))
        {
            return Err(format!(
                "genre {:?} must be at most {MAX_GENRE_LEN} characters of speakable text",
                shorten_for_message(name)
            ));
        }
        genres.push(name.to_string());
    }
    if genres.len() > MAX_GENRES {
        return Err(format!("at most {MAX_GENRES} genres a track"));
    }
    Ok(genres)
}

fn shorten_for_message(text: &str) -> String {
    text.chars().take(40).collect()
}

fn number_field(map: &Map<String, Value>, name: &str) -> Result<Option<u64>, String> {
    match map.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_u64()
            .map(Some)
            .ok_or_else(|| format!("{name} must be a whole number of 0 or more, found {n}")),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => s
            .trim()
            .parse::<u64>()
            .map(Some)
            .map_err(|_| format!("{name} must be a whole number of 0 or more, found {s:?}")),
        Some(other) => Err(format!(
            "{name} must be a number, found {}",
            json_kind(other)
        )),
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The longest title, artist or album a row may have: far more than any
/// real one, small enough that items and responses stay within limits.
pub const MAX_TEXT_LEN: usize = 500;

/// Checks that a URL is one an Echo will fetch and that leaks nothing:
/// parsed as a URL (not by prefix), `https` (Amazon's audio stream
/// requirements: HTTPS with a trusted certificate), a host name (a
/// certificate names hosts, not IP literals), no credentials (they would be
/// sent to every listener's device), no spaces or control characters, at
/// most 8,000 characters (Alexa's limit on a stream URL).
pub fn check_https_url(url: &str, rules: &CatalogRules) -> Result<(), String> {
    if url.starts_with("s3://") {
        // The owner's private bucket: signed into an https:// URL at play time.
        return super::s3::S3Object::parse(url).map(|_| ());
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("contains spaces or control characters".to_string());
    }
    let Some(rest) = url.strip_prefix("https://") else {
        return Err(if url.starts_with("http://") {
            "is http://; Alexa only plays https:// streams".to_string()
        } else {
            "is not an https:// URL (or an s3://BUCKET/KEY of your bucket)".to_string()
        });
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty() {
        return Err("has no host".to_string());
    }
    if url.len() > 8000 {
        return Err("is longer than 8000 characters".to_string());
    }
    let parsed = url::Url::parse(url).map_err(|err| format!("is not a valid URL ({err})"))?;
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(
            "carries credentials (user:password@), which every listener's device would receive"
                .to_string(),
        );
    }
    if let Some(port) = parsed.port().filter(|&port| !rules.allows_port(port)) {
        return Err(format!(
            "names port {port}; Echo devices are only known to play https on port 443 \
             (--stream-port {port} accepts it if you have tried it on a device)"
        ));
    }
    match parsed.host() {
        None | Some(url::Host::Domain("")) => Err("has no host".to_string()),
        Some(url::Host::Ipv4(_) | url::Host::Ipv6(_)) => Err(
            "names an IP address; an Echo needs a host name with a trusted certificate".to_string(),
        ),
        Some(url::Host::Domain(_)) => Ok(()),
    }
}

fn validate_row(
    map: &Map<String, Value>,
    position: u32,
    rules: &CatalogRules,
) -> Result<Track, (Option<String>, Vec<String>)> {
    let mut reasons = Vec::new();
    let mut take = |result: Result<Option<String>, String>| match result {
        Ok(value) => value,
        Err(reason) => {
            reasons.push(reason);
            None
        }
    };
    let id = take(text_field(map, "id"));
    let title = take(text_field(map, "title"));
    let artist = take(text_field(map, "artist"));
    let album = take(text_field(map, "album"));
    let url = take(text_field(map, "url"));
    let image_url = take(text_field(map, "image_url"));
    let mut required = |value: &Option<String>, name: &str| {
        if value.is_none() {
            reasons.push(format!("{name} is missing"));
        }
    };
    required(&id, "id");
    required(&title, "title");
    required(&artist, "artist");
    required(&url, "url");
    if let Some(id) = &id {
        if id.len() > 200 || id.contains('#') || id.chars().any(char::is_control) {
            reasons.push(
                "id must be at most 200 characters without '#' or control characters".to_string(),
            );
        }
    }
    for (name, value) in [("title", &title), ("artist", &artist), ("album", &album)] {
        if let Some(bad) = value.as_deref().and_then(|v| {
            v.chars()
                .find(|&c| c.is_control() || !crate::alexa::ssml::is_speakable(c))
        }) {
            reasons.push(format!(
                "{name} contains U+{:04X}, a control character or one XML forbids \
                 (speech and screens cannot carry it)",
                bad as u32
            ));
        }
    }
    for (name, value) in [("title", &title), ("artist", &artist), ("album", &album)] {
        if value
            .as_ref()
            .is_some_and(|v| v.chars().count() > MAX_TEXT_LEN)
        {
            reasons.push(format!("{name} is longer than {MAX_TEXT_LEN} characters"));
        }
    }
    if let Some(url) = &url {
        if let Err(reason) = check_https_url(url, rules) {
            reasons.push(format!("url {reason}"));
        }
    }
    if let Some(image) = &image_url {
        if let Err(reason) = check_https_url(image, rules) {
            reasons.push(format!("image_url {reason}"));
        }
    }
    let duration_ms = number_field(map, "duration_ms").unwrap_or_else(|reason| {
        reasons.push(reason);
        None
    });
    let mut bounded =
        |name: &str, range: std::ops::RangeInclusive<u32>| match number_field(map, name) {
            Ok(Some(n)) if n >= u64::from(*range.start()) && n <= u64::from(*range.end()) => {
                Some(n as u32)
            }
            Ok(Some(n)) => {
                reasons.push(format!(
                    "{name} must be from {} to {}, found {n}",
                    range.start(),
                    range.end()
                ));
                None
            }
            Ok(None) => None,
            Err(reason) => {
                reasons.push(reason);
                None
            }
        };
    let disc_number = bounded("disc_number", 1..=99);
    let track_number = bounded("track_number", 1..=9999);
    let year = bounded("year", 1000..=2999);
    let genres = genre_field(map).unwrap_or_else(|reason| {
        reasons.push(reason);
        Vec::new()
    });
    let rank = match number_field(map, "rank") {
        Ok(Some(rank)) if rank > u64::from(u32::MAX) => {
            reasons.push("rank is too large".to_string());
            None
        }
        Ok(rank) => rank.map(|r| r as u32),
        Err(reason) => {
            reasons.push(reason);
            None
        }
    };
    if !reasons.is_empty() {
        return Err((id, reasons));
    }
    match (id, title, artist, url) {
        (Some(id), Some(title), Some(artist), Some(url)) => Ok(Track {
            id,
            title,
            artist,
            album,
            url,
            duration_ms,
            image_url,
            rank,
            position,
            genres,
            disc_number,
            track_number,
            year,
            playlist: None,
        }),
        (id, ..) => Err((id, vec!["required fields are missing".to_string()])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_lines_with_every_bad_row_named() {
        let text = concat!(
            r#"{"id":"a","title":"One","artist":"X","url":"https://e.com/1.mp3"}"#,
            "\n",
            r#"{"id":"b","title":"Two","artist":"X","url":"http://e.com/2.mp3"}"#,
            "\n",
            "\n",
            r#"{"id":"a","title":"Dup","artist":"X","url":"https://e.com/3.mp3"}"#,
            "\n",
            r#"{"title":"No id","url":"https://e.com/4.mp3","duration_ms":"x"}"#,
            "\n",
            "not json\n",
        );
        let report = parse_catalog(text, &CatalogRules::default()).unwrap();
        assert_eq!(report.tracks.len(), 1);
        let lines: Vec<usize> = report.invalid.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![2, 4, 5, 6]);
        assert!(report.invalid[0].reasons[0].contains("http://"));
        assert!(report.invalid[1].reasons[0].contains("duplicate id, first used on line 1"));
        let missing = &report.invalid[2].reasons;
        assert!(missing.iter().any(|r| r == "id is missing"));
        assert!(missing.iter().any(|r| r == "artist is missing"));
        assert!(missing.iter().any(|r| r.contains("duration_ms")));
        let err = parse_catalog(text, &CatalogRules::default())
            .unwrap()
            .into_valid()
            .unwrap_err()
            .to_string();
        assert!(err.contains("4 invalid row(s)"), "{err}");
    }

    #[test]
    fn json_array_reports_lines() {
        let text = "[\n {\"id\":\"a\",\"title\":\"T\",\"artist\":\"A\",\"url\":\"https://e.com/a\"},\n {\"id\":\"b\",\"title\":\"T\",\"artist\":\"A\",\"url\":\"ftp://e.com/b\"}\n]";
        let report = parse_catalog(text, &CatalogRules::default()).unwrap();
        assert_eq!(report.tracks.len(), 1);
        assert_eq!(report.invalid[0].line, 3);
        assert_eq!(report.invalid[0].id.as_deref(), Some("b"));
    }

    #[test]
    fn object_with_tracks_array() {
        let text = "{\"tracks\": [{\"id\":1,\"title\":\"T\",\"artist\":\"A\",\"url\":\"https://e.com/a\",\"rank\":3}]}";
        let report = parse_catalog(text, &CatalogRules::default()).unwrap();
        assert_eq!(report.tracks[0].id, "1");
        assert_eq!(report.tracks[0].rank, Some(3));
    }

    #[test]
    fn csv_with_header() {
        let text = "id,title,artist,album,url,duration_ms\n\
                    1,\"Simon & Garfunkel, live\",S&G,,https://e.com/1.mp3,1000\n\
                    2,T,A,,https://e.com/2.mp3,abc\n";
        let report = parse_catalog(text, &CatalogRules::default()).unwrap();
        assert_eq!(report.tracks.len(), 1);
        assert_eq!(report.tracks[0].title, "Simon & Garfunkel, live");
        assert_eq!(report.tracks[0].album, None);
        assert_eq!(report.tracks[0].duration_ms, Some(1000));
        assert_eq!(report.invalid[0].line, 3);
    }

    #[test]
    fn over_long_text_is_refused_with_its_field() {
        let row = |title: &str| {
            format!(r#"{{"id":"a","title":"{title}","artist":"X","url":"https://e.com/1.mp3"}}"#)
        };
        let report = parse_catalog(
            &row(&"t".repeat(MAX_TEXT_LEN + 1)),
            &CatalogRules::default(),
        )
        .unwrap();
        assert_eq!(report.invalid.len(), 1);
        assert_eq!(
            report.invalid[0].reasons,
            vec![format!("title is longer than {MAX_TEXT_LEN} characters")]
        );
        let report =
            parse_catalog(&row(&"é".repeat(MAX_TEXT_LEN)), &CatalogRules::default()).unwrap();
        assert!(report.invalid.is_empty(), "{:?}", report.invalid);
    }

    fn check_https_url(url: &str) -> Result<(), String> {
        super::check_https_url(url, &CatalogRules::default())
    }

    #[test]
    fn control_and_xml_forbidden_characters_are_refused() {
        // Issue 13, items 7 and 11.
        let rows = concat!(
            r#"{"id":"a\u0001b","title":"T","artist":"A","url":"https://e.example/a.mp3"}"#,
            "\n",
            r#"{"id":"c","title":"Halo\uffff","artist":"A","url":"https://e.example/c.mp3"}"#,
            "\n",
            r#"{"id":"d","title":"T","artist":"Bj\u00f6\u0085rk","url":"https://e.example/d.mp3"}"#,
            "\n",
            r#"{"id":"e","title":"Caf\u00e9 \ud800\udf30","artist":"A","url":"https://e.example/e.mp3"}"#,
            "\n",
        );
        let report = parse_catalog(rows, &CatalogRules::default()).unwrap();
        let reasons: Vec<String> = report.invalid.iter().map(|r| r.to_string()).collect();
        assert_eq!(
            reasons,
            vec![
                "line 1 (id a\u{1}b): id must be at most 200 characters without '#' or control characters",
                "line 2 (id c): title contains U+FFFF, a control character or one XML forbids (speech and screens cannot carry it)",
                "line 3 (id d): artist contains U+0085, a control character or one XML forbids (speech and screens cannot carry it)",
            ]
        );
        assert_eq!(report.tracks.len(), 1, "a four-byte letter is fine");
    }

    fn parse(text: &str) -> anyhow::Result<ParseReport> {
        parse_catalog(text, &CatalogRules::default())
    }

    const ROW: &str = r#"{"id":"a","title":"A","artist":"B","url":"https://e.example/a.mp3"}"#;

    #[test]
    fn a_broken_or_pretty_printed_json_lines_file_says_which_line() {
        // Issue 13, item 11: one misleading whole-file error before.
        let broken_first = format!("{{\"id\": \"x\",\n{ROW}\n");
        let report = parse(&broken_first).unwrap();
        assert_eq!(report.tracks.len(), 1);
        assert_eq!(report.invalid[0].line, 1);
        assert!(
            report.invalid[0].reasons[0].starts_with("not valid JSON"),
            "{:?}",
            report.invalid
        );

        let pretty = "{\n  \"id\": \"a\",\n  \"title\": \"A\"\n}\n{\n  \"id\": \"b\"\n}\n";
        let err = parse(pretty).unwrap_err().to_string();
        assert!(
            err.starts_with("this is pretty-printed JSON (2 objects over 7 lines)"),
            "{err}"
        );
    }

    #[test]
    fn a_key_or_column_given_twice_is_refused() {
        let twice =
            r#"{"id":"a","title":"A","artist":"B","url":"https://e.example/a.mp3","title":"Z"}"#;
        let report = parse(twice).unwrap();
        assert_eq!(report.tracks.len(), 0);
        assert_eq!(
            report.invalid[0].reasons,
            vec![r#"the field "title" is given twice"#]
        );
        let array = format!("[{twice}]");
        assert_eq!(
            parse(&array).unwrap().invalid[0].reasons,
            report.invalid[0].reasons
        );
        let csv = "id,title,artist,url,Title\na,A,B,https://e.example/a.mp3,Z\n";
        let err = parse(csv).unwrap_err().to_string();
        assert_eq!(err, r#"the CSV header names the column "title" twice"#);
    }

    #[test]
    fn an_unterminated_csv_quote_is_refused_with_its_line() {
        let csv = "id,title,artist,url\n\
                   a,\"Open quote,B,https://e.example/a.mp3\n\
                   b,Fine,B,https://e.example/b.mp3\n\
                   c,Fine,B,https://e.example/c.mp3\n";
        let err = parse(csv).unwrap_err().to_string();
        assert!(
            err.starts_with("line 2: a quoted field runs on over several lines"),
            "{err}"
        );
    }

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
    fn genres_and_album_numbers_in_every_format() {
        // Issue 15: optional genre (text, `;`-separated, or a JSON array),
        // disc and track numbers and year, validated.
        let url = "https://e.example/a.mp3";
        let jsonl = format!(
            "{}\n{}\n",
            json!({"id": "a", "title": "A", "artist": "B", "url": url,
                   "genre": ["Jazz", "Bebop", "jazz"], "disc_number": 2, "track_number": "7", "year": 1959}),
            json!({"id": "b", "title": "B", "artist": "B", "url": url, "genre": "Hip-Hop; Rap"}),
        );
        let report = parse(&jsonl).unwrap();
        assert!(report.invalid.is_empty(), "{:?}", report.invalid);
        let a = &report.tracks[0];
        assert_eq!(a.genres, vec!["Jazz", "Bebop"], "a repeat is dropped");
        assert_eq!(
            (a.disc_number, a.track_number, a.year),
            (Some(2), Some(7), Some(1959))
        );
        assert_eq!(report.tracks[1].genres, vec!["Hip-Hop", "Rap"]);

        let csv = format!("id,title,artist,url,genre,track_number\nc,C,D,{url},Rock;Pop,3\n");
        let report = parse(&csv).unwrap();
        assert_eq!(report.tracks[0].genres, vec!["Rock", "Pop"]);
        assert_eq!(report.tracks[0].track_number, Some(3));

        let bad = format!(
            "{}\n{}\n{}\n",
            json!({"id": "x", "title": "X", "artist": "Y", "url": url, "year": 99}),
            json!({"id": "y", "title": "X", "artist": "Y", "url": url, "genre": [1]}),
            json!({"id": "z", "title": "X", "artist": "Y", "url": url, "disc_number": 0, "genre": {"a": 1}}),
        );
        let reasons: Vec<String> = parse(&bad)
            .unwrap()
            .invalid
            .iter()
            .map(|r| r.to_string())
            .collect();
        assert_eq!(
            reasons,
            vec![
                "line 1 (id x): year must be from 1000 to 2999, found 99",
                "line 2 (id y): genre must hold text, found a number",
                "line 3 (id z): disc_number must be from 1 to 99, found 0; genre must be text or a list of text, found an object",
            ]
        );
    }

    fn shown(report: &ParseReport) -> Vec<String> {
        report
            .invalid_playlists
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn object_form_playlists_good_and_malformed() {
        let text = r#"{
  "playlists": [
    {"name": "Road Trip", "tracks": ["a", " https://e.example/b.mp3 ", "a"]},
    "just text",
    {"tracks": ["a"]},
    {"name": 7, "tracks": "a"},
    {"name": "Chill", "tracks": ["a", 3.5, null, 42], "mood": "calm"},
    {"name": "Twice", "tracks": [], "name": "Again"},
    {"name": "Solo"},
    {"name": " ", "tracks": []}
  ],
  "tracks": [
    {"id": "a", "title": "A", "artist": "B", "url": "https://e.example/a.mp3"}
  ]
}"#;
        assert_eq!(detect_format(text), CatalogFormat::JsonArray);
        let report = parse(text).unwrap();
        assert_eq!(report.tracks.len(), 1);
        assert_eq!(report.tracks[0].id, "a");
        assert_eq!(report.tracks[0].playlist, None);
        assert!(report.invalid.is_empty(), "{:?}", report.invalid);
        assert_eq!(
            report.playlists,
            vec![
                PlaylistSource {
                    name: "Road Trip".to_string(),
                    file: None,
                    entries: vec![
                        (1, "a".to_string()),
                        (2, "https://e.example/b.mp3".to_string()),
                        (3, "a".to_string()),
                    ],
                },
                // A whole number is an id, as a row's numeric "id" is.
                PlaylistSource {
                    name: "Chill".to_string(),
                    file: None,
                    entries: vec![(1, "a".to_string()), (4, "42".to_string())],
                },
                // Kept as written: `resolve` refuses the blank name.
                PlaylistSource {
                    name: " ".to_string(),
                    file: None,
                    entries: vec![],
                },
            ]
        );
        assert_eq!(
            shown(&report),
            vec![
                r#"catalog playlists: playlist "playlists[2]": a playlist must be an object {"name": ..., "tracks": [...]}, found text"#,
                r#"catalog playlists: playlist "playlists[3]": has no "name""#,
                r#"catalog playlists: playlist "playlists[4]": "name" must be text, found a number"#,
                r#"catalog playlists: playlist "playlists[4]": "tracks" must be a list of track ids or stream URLs, found text"#,
                r#"catalog playlists: playlist "Chill": unknown key "mood" (a playlist has "name" and "tracks")"#,
                r#"catalog playlists, entry 2: playlist "Chill": an entry must be a track id or stream URL as text, found a number (3.5)"#,
                r#"catalog playlists, entry 3: playlist "Chill": an entry must be a track id or stream URL as text, found null"#,
                r#"catalog playlists: playlist "Again": the field "name" is given twice"#,
                r#"catalog playlists: playlist "Solo": has no "tracks" list of track ids or stream URLs"#,
            ]
        );
        assert_eq!(
            report.invalid_playlists[5],
            InvalidEntry {
                file: None,
                playlist: "Chill".to_string(),
                line: Some(2),
                entry: None,
                reason: "an entry must be a track id or stream URL as text, found a number (3.5)"
                    .to_string(),
            }
        );
        // Tracks are still refused or accepted as before.
        assert_eq!(report.into_valid().unwrap().len(), 1);
    }

    #[test]
    fn a_playlists_value_that_is_not_a_list_is_reported_not_fatal() {
        let tracks = r#""tracks": [{"id": "a", "title": "A", "artist": "B", "url": "https://e.example/a.mp3"}]"#;
        for (playlists, found) in [
            (r#"{"name": "x", "tracks": []}"#, "an object"),
            ("null", "null"),
            ("\"Road Trip\"", "text"),
        ] {
            let report = parse(&format!("{{{tracks}, \"playlists\": {playlists}}}")).unwrap();
            assert_eq!(report.tracks.len(), 1);
            assert_eq!(report.playlists, vec![]);
            assert_eq!(
                shown(&report),
                vec![format!(
                    r#"catalog playlists: playlist "playlists": "playlists" must be a list of {{"name": ..., "tracks": [...]}} objects, found {found}"#
                )]
            );
        }
        // No `playlists`, or an empty list: nothing to report.
        for text in [
            format!("{{{tracks}}}"),
            format!("{{{tracks}, \"playlists\": []}}"),
        ] {
            let report = parse(&text).unwrap();
            assert_eq!(
                (report.playlists, report.invalid_playlists),
                (vec![], vec![])
            );
        }
    }

    #[test]
    fn an_object_opening_with_playlists_is_the_object_form() {
        let one_line = r#"{"playlists": [{"name": "P", "tracks": ["a"]}], "tracks": [{"id": "a", "title": "A", "artist": "B", "url": "https://e.example/a.mp3"}]}"#;
        let many_lines = "{\n  \"playlists\": [\n    {\"name\": \"P\", \"tracks\": [\"a\"]}\n  ],\n  \"tracks\": [\n    {\"id\": \"a\", \"title\": \"A\", \"artist\": \"B\", \"url\": \"https://e.example/a.mp3\"}\n  ]\n}\n";
        for text in [one_line, many_lines, &format!("\u{feff}  {many_lines}")] {
            assert_eq!(detect_format(text), CatalogFormat::JsonArray, "{text}");
            let report = parse(text).unwrap();
            assert_eq!(report.tracks.len(), 1);
            assert_eq!(
                report.playlists,
                vec![PlaylistSource {
                    name: "P".to_string(),
                    file: None,
                    entries: vec![(1, "a".to_string())],
                }]
            );
            assert_eq!(report.invalid_playlists, vec![]);
        }
        // Broken, or without tracks: one error about the object, not a bad
        // row a line.
        let broken = "{\n  \"playlists\": [\n    {\"name\": \"P\", \"tracks\": [\"a\"]\n  ],\n  \"tracks\": []\n}\n";
        assert_eq!(detect_format(broken), CatalogFormat::JsonArray);
        assert_eq!(
            parse(broken).unwrap_err().to_string(),
            "not a JSON object with a \"tracks\" array: expected `,` or `}` at line 4 column 3"
        );
        let no_tracks = r#"{"playlists": []}"#;
        assert_eq!(detect_format(no_tracks), CatalogFormat::JsonArray);
        assert_eq!(
            parse(no_tracks).unwrap_err().to_string(),
            "not a JSON object with a \"tracks\" array: missing field `tracks` at line 1 column 17"
        );
        // A track row is still JSON Lines.
        assert_eq!(detect_format(ROW), CatalogFormat::JsonLines);
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

    #[test]
    fn https_check() {
        assert!(check_https_url("https://a.example/x.mp3?sig=a&b=c").is_ok());
        assert!(check_https_url("https:///x").is_err());
        assert!(check_https_url("https://a.example/x y").is_err());
        assert!(check_https_url("HTTP://a").is_err());
        // Issue 12: parsed as a URL, not by prefix.
        for (bad, why) in [
            ("https://user:secret@cdn.example/a.mp3", "credentials"),
            ("https://token@cdn.example/a.mp3", "credentials"),
            ("https://203.0.113.7/a.mp3", "IP address"),
            ("https://[2001:db8::1]/a.mp3", "IP address"),
            ("https://cdn.example/a\u{7}.mp3", "control characters"),
            ("https://cdn.exa mple/a.mp3", "spaces"),
            ("https://cdn.example:99999/a.mp3", "not a valid URL"),
        ] {
            let err = check_https_url(bad).expect_err(bad);
            assert!(err.contains(why), "{bad}: {err}");
        }
        assert!(check_https_url("https://cdn.example:443/a.mp3").is_ok());
        let err = check_https_url("https://cdn.example:8443/a.mp3").unwrap_err();
        assert!(err.contains("port 8443"), "{err}");
        let vouched = CatalogRules {
            extra_ports: vec![8443],
            ..CatalogRules::default()
        };
        assert!(super::check_https_url("https://cdn.example:8443/a.mp3", &vouched).is_ok());
        assert!(super::check_https_url("https://cdn.example:8080/a.mp3", &vouched).is_err());
        assert!(check_https_url("https://cdn.example/Caf%C3%A9.mp3?sig=a%2Fb&x=1").is_ok());
    }
}
