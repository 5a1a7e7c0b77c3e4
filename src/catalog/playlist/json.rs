//! The `playlists` of a catalog file's JSON object form, read as the owner
//! wrote them; matching their entries to tracks is [`super::resolve()`]'s job.

use serde_json::value::RawValue;
use serde_json::Value;

use super::{InvalidEntry, PlaylistSource};
use crate::catalog::file::{json_kind, json_row, shorten_for_message, DUPLICATE};

/// The keys a playlist object may have.
const PLAYLIST_KEYS: [&str; 2] = ["name", "tracks"];

/// The object form's `playlists`: `[{"name": "Road Trip", "tracks": ["id1",
/// "https://…"]}]`. A playlist whose shape is wrong (not an object, a key
/// given twice, no text `name`, no list of `tracks`) is reported and left
/// out; an unknown key or an entry that is not text is reported while the
/// rest of the playlist is kept, so its entries are still checked.
pub(crate) fn json_playlists(raw: &RawValue) -> (Vec<PlaylistSource>, Vec<InvalidEntry>) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::file::{detect_format, CatalogFormat};
    use crate::catalog::{parse_catalog, CatalogRules, ParseReport};

    fn parse(text: &str) -> anyhow::Result<ParseReport> {
        parse_catalog(text, &CatalogRules::default())
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
        // Playlist problems leave the tracks to be accepted or refused on
        // their own.
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
}
