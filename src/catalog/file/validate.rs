//! The rules a row must pass to become a track: required fields, text
//! Alexa can say, URLs an Echo will fetch, numbers in range, ids used once.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::{CatalogRules, InvalidRow, ParseReport, RawRow};
use crate::catalog::Track;
use crate::matching::MAX_ALIASES;

/// Every row checked: the good ones become tracks (numbered in file order),
/// the others are reported with every reason at once.
pub(super) fn validate_rows(rows: Vec<RawRow>, rules: &CatalogRules) -> ParseReport {
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

/// `aliases`: other names of the title (a kana reading, a transliteration),
/// as `genre` is written: text, several separated by `;`, or in JSON an
/// array of text. Each becomes search keys, so they are few and short.
fn aliases_field(map: &Map<String, Value>) -> Result<Vec<String>, String> {
    let names: Vec<String> = match map.get("aliases") {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::String(text)) => text.split(';').map(str::to_string).collect(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| match item {
                Value::String(text) => Ok(text.clone()),
                other => Err(format!(
                    "aliases must hold text, found {}",
                    json_kind(other)
                )),
            })
            .collect::<Result<_, _>>()?,
        Some(other) => {
            return Err(format!(
                "aliases must be text or a list of text, found {}",
                json_kind(other)
            ))
        }
    };
    let mut aliases: Vec<String> = Vec::new();
    for name in names {
        let name = name.trim();
        if name.is_empty() || aliases.iter().any(|a| a == name) {
            continue;
        }
        if name.chars().count() > MAX_TEXT_LEN
            || name
                .chars()
                .any(|c| c.is_control() || !crate::alexa::ssml::is_speakable(c))
        {
            return Err(format!(
                "alias {:?} must be at most {MAX_TEXT_LEN} characters of speakable text",
                shorten_for_message(name)
            ));
        }
        aliases.push(name.to_string());
    }
    if aliases.len() > MAX_ALIASES {
        return Err(format!("at most {MAX_ALIASES} aliases a track"));
    }
    Ok(aliases)
}

/// A value cut short enough to quote in a message.
pub(crate) fn shorten_for_message(text: &str) -> String {
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

/// The latest `added_at` a row may carry: 2999-12-31T23:59:59Z, so it
/// always fits the eleven digits the store orders it by.
pub const MAX_ADDED_AT: u64 = 32_503_680_000 - 1;

/// When the owner says the track joined the catalog: an RFC 3339 time
/// (`2024-05-01T18:30:00Z`, any offset), a date (`2024-05-01`, midnight
/// UTC) or whole seconds since 1970-01-01 UTC; kept as seconds, UTC.
fn added_at_field(map: &Map<String, Value>) -> Result<Option<u64>, String> {
    use time::format_description::well_known::Rfc3339;
    let expected = "added_at must be an RFC 3339 time (2024-05-01T18:30:00Z), a date \
                    (2024-05-01) or seconds since 1970-01-01 UTC";
    let seconds = match map.get("added_at") {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => return Ok(None),
        Some(Value::Number(n)) => n.as_u64().ok_or_else(|| format!("{expected}, found {n}"))?,
        Some(Value::String(s)) => {
            let text = s.trim();
            if let Ok(n) = text.parse::<u64>() {
                n
            } else {
                // A date alone is that day's midnight, UTC.
                let full = if text.len() == 10 {
                    format!("{text}T00:00:00Z")
                } else {
                    text.to_string()
                };
                let at = time::OffsetDateTime::parse(&full, &Rfc3339)
                    .map_err(|_| format!("{expected}, found {text:?}"))?;
                u64::try_from(at.unix_timestamp())
                    .map_err(|_| format!("added_at must be from 1970 on, found {text:?}"))?
            }
        }
        Some(other) => return Err(format!("{expected}, found {}", json_kind(other))),
    };
    if seconds > MAX_ADDED_AT {
        return Err(format!(
            "added_at must be before the year 3000, found {seconds}"
        ));
    }
    Ok(Some(seconds))
}

/// What a JSON value is, as a message names it ("found a number").
pub(crate) fn json_kind(value: &Value) -> &'static str {
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
        return crate::catalog::s3::S3Object::parse(url).map(|_| ());
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

/// The JSON catalog's `stations`, checked like track rows and added after
/// the tracks as live tracks ([`Track::live`]): `{id, name, url}` with an
/// optional `genre` and `image_url`, and never a duration (a live stream
/// has none). An id a track or another station already uses is refused.
pub(super) fn validate_stations(rows: Vec<RawRow>, rules: &CatalogRules, report: &mut ParseReport) {
    let mut seen: HashMap<String, ()> = report
        .tracks
        .iter()
        .map(|track| (track.id.clone(), ()))
        .collect();
    for (line, row) in rows {
        let checked = row
            .map_err(|reason| (None, vec![reason]))
            .and_then(|map| {
                let position = report.tracks.len() as u32;
                validate_station(&map, position, rules)
            })
            .and_then(
                |station| match rules.fits_storage.map_or(Ok(()), |fits| fits(&station)) {
                    Ok(()) => Ok(station),
                    Err(reason) => Err((Some(station.id), vec![reason])),
                },
            );
        match checked {
            Ok(station) if seen.contains_key(&station.id) => report.invalid.push(InvalidRow {
                line,
                id: Some(station.id),
                reasons: vec!["duplicate id: a track or station already uses it".to_string()],
            }),
            Ok(station) => {
                seen.insert(station.id.clone(), ());
                report.tracks.push(station);
            }
            Err((id, reasons)) => report.invalid.push(InvalidRow { line, id, reasons }),
        }
    }
}

/// One station: a track row's rules on its id, name (its title), URLs and
/// genre; no artist, album, numbers or duration.
fn validate_station(
    map: &Map<String, Value>,
    position: u32,
    rules: &CatalogRules,
) -> Result<Track, (Option<String>, Vec<String>)> {
    let mut reasons = Vec::new();
    const KNOWN: [&str; 5] = ["id", "name", "url", "genre", "image_url"];
    for field in map.keys() {
        if field.starts_with("duration") {
            reasons.push(format!(
                "{field}: a station is a live stream and has no duration"
            ));
        } else if !KNOWN.contains(&field.as_str()) {
            reasons.push(format!(
                "a station has no {field} (it takes id, name, url, genre and image_url)"
            ));
        }
    }
    // A station row is a track row with its name as the title and no artist.
    let mut row = Map::new();
    for (from, to) in [
        ("id", "id"),
        ("name", "title"),
        ("url", "url"),
        ("genre", "genre"),
        ("image_url", "image_url"),
    ] {
        if let Some(value) = map.get(from) {
            row.insert(to.to_string(), value.clone());
        }
    }
    row.insert("artist".to_string(), Value::String("-".to_string()));
    let checked = validate_row(&row, position, rules).map_err(|(id, found)| {
        let renamed = found.into_iter().map(|reason| {
            reason
                .replace("title is", "name is")
                .replace("title contains", "name contains")
        });
        (id, renamed.collect::<Vec<_>>())
    });
    match checked {
        Ok(track) if reasons.is_empty() => Ok(Track {
            artist: String::new(),
            live: true,
            ..track
        }),
        Ok(track) => Err((Some(track.id), reasons)),
        Err((id, found)) => {
            reasons.extend(found);
            Err((id, reasons))
        }
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
    let added_at = added_at_field(map).unwrap_or_else(|reason| {
        reasons.push(reason);
        None
    });
    let genres = genre_field(map).unwrap_or_else(|reason| {
        reasons.push(reason);
        Vec::new()
    });
    let aliases = aliases_field(map).unwrap_or_else(|reason| {
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
            aliases,
            genres,
            disc_number,
            track_number,
            year,
            added_at,
            playlist: None,
            live: false,
        }),
        (id, ..) => Err((id, vec!["required fields are missing".to_string()])),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::parse;
    use super::super::{parse_catalog, CatalogRules};
    use super::MAX_TEXT_LEN;
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
        // Speech and screens are XML: what XML forbids is refused by its
        // code point, wherever it is.
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

    #[test]
    fn genres_and_album_numbers_in_every_format() {
        // Optional genre (text, `;`-separated, or a JSON array),
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

    #[test]
    fn https_check() {
        assert!(check_https_url("https://a.example/x.mp3?sig=a&b=c").is_ok());
        assert!(check_https_url("https:///x").is_err());
        assert!(check_https_url("https://a.example/x y").is_err());
        assert!(check_https_url("HTTP://a").is_err());
        // Parsed as a URL, not by prefix: a URL that starts right can still
        // carry credentials, an IP address or a bad port.
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

    #[test]
    fn aliases_are_text_a_few_and_short() {
        let row = |aliases: &str| {
            format!(
                r#"{{"id":"a","title":"Bohemian Rhapsody","artist":"Queen","url":"https://e.com/1.mp3","aliases":{aliases}}}"#
            )
        };
        let rules = CatalogRules::default();
        let report = parse_catalog(
            &row(r#"["ボヘミアン・ラプソディ", " ", "ボヘミアン・ラプソディ"]"#),
            &rules,
        )
        .unwrap();
        assert_eq!(report.tracks[0].aliases, vec!["ボヘミアン・ラプソディ"]);
        // As CSV writes several: separated by ';'.
        let report = parse_catalog(&row(r#""ボヘミアン・ラプソディ; Bo Rhap""#), &rules).unwrap();
        assert_eq!(
            report.tracks[0].aliases,
            vec!["ボヘミアン・ラプソディ", "Bo Rhap"]
        );
        let nine: Vec<String> = (0..=super::MAX_ALIASES)
            .map(|i| format!("\"a{i}\""))
            .collect();
        let report = parse_catalog(&row(&format!("[{}]", nine.join(","))), &rules).unwrap();
        assert_eq!(report.invalid[0].reasons, vec!["at most 8 aliases a track"]);
        let long = format!("[\"{}\"]", "x".repeat(MAX_TEXT_LEN + 1));
        let report = parse_catalog(&row(&long), &rules).unwrap();
        assert!(report.invalid[0].reasons[0].contains("at most 500 characters"));
        let report = parse_catalog(&row("3"), &rules).unwrap();
        assert_eq!(
            report.invalid[0].reasons,
            vec!["aliases must be text or a list of text, found a number"]
        );
    }

    #[test]
    fn added_at_takes_a_time_a_date_or_seconds_and_names_a_bad_one() {
        let url = "https://e.example/a.mp3";
        let row = |id: &str, at: serde_json::Value| {
            json!({"id": id, "title": id, "artist": "B", "url": url, "added_at": at}).to_string()
        };
        let text = [
            row("a", json!("2024-05-01T18:30:00Z")),
            row("b", json!("2024-05-01T20:30:00+02:00")),
            row("c", json!("2024-05-01")),
            row("d", json!(1_714_588_200u64)),
            row("e", json!("")),
            row("f", json!("yesterday")),
            row("g", json!("3000-01-01")),
            row("h", json!(-5)),
        ]
        .join("\n");
        let report = parse(&text).unwrap();
        let at: Vec<Option<u64>> = report.tracks.iter().map(|t| t.added_at).collect();
        assert_eq!(
            at,
            [
                Some(1_714_588_200),
                Some(1_714_588_200),
                Some(1_714_521_600),
                Some(1_714_588_200),
                None
            ]
        );
        let reasons: Vec<String> = report.invalid.iter().map(|r| r.to_string()).collect();
        assert_eq!(reasons.len(), 3, "{reasons:?}");
        assert!(
            reasons[0].starts_with("line 6 (id f): added_at must be an RFC 3339 time")
                && reasons[0].ends_with("found \"yesterday\""),
            "{reasons:?}"
        );
        assert!(reasons[1].contains("before the year 3000"), "{reasons:?}");
        assert!(reasons[2].contains("found -5"), "{reasons:?}");
        // CSV carries it as text.
        let csv = format!("id,title,artist,url,added_at\nz,Z,B,{url},2024-05-01\n");
        assert_eq!(parse(&csv).unwrap().tracks[0].added_at, Some(1_714_521_600));
    }
}
