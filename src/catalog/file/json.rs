//! A JSON array of tracks, or an object with a `tracks` array (and
//! optionally `playlists` and `stations`). Either is one JSON document, so broken syntax
//! is one error for the whole file; each row still carries its line.

use serde_json::value::RawValue;

use super::duplicate_keys::json_row;
use super::RawRow;

/// What a JSON catalog holds besides its track rows.
#[derive(Default)]
pub(super) struct Sections<'a> {
    /// The object form's `playlists`, as written (unchecked).
    pub playlists: Option<&'a RawValue>,
    /// The object form's `stations`, one row each (with its line).
    pub stations: Vec<RawRow>,
}

/// The rows of a JSON array, or of the object form's `tracks`, with the
/// object form's other sections when it has them.
pub(super) fn rows(text: &str) -> anyhow::Result<(Vec<RawRow>, Sections<'_>)> {
    #[derive(serde::Deserialize)]
    struct Document<'a> {
        #[serde(borrow)]
        tracks: Vec<&'a RawValue>,
        /// Kept raw (`null` included) so a wrong shape is reported, not fatal.
        #[serde(default, borrow, deserialize_with = "present")]
        playlists: Option<&'a RawValue>,
        #[serde(default, borrow)]
        stations: Vec<&'a RawValue>,
    }
    fn present<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<&'de RawValue>, D::Error> {
        serde::Deserialize::deserialize(deserializer).map(Some)
    }
    let (items, playlists, stations): (Vec<&RawValue>, _, _) = if text.trim_start().starts_with('[')
    {
        let items = serde_json::from_str(text)
            .map_err(|err| anyhow::anyhow!("not a JSON array of tracks: {err}"))?;
        (items, None, Vec::new())
    } else {
        let document = serde_json::from_str::<Document>(text)
            .map_err(|err| anyhow::anyhow!("not a JSON object with a \"tracks\" array: {err}"))?;
        (document.tracks, document.playlists, document.stations)
    };
    let base = text.as_ptr() as usize;
    let numbered = |items: Vec<&RawValue>| -> Vec<RawRow> {
        items
            .into_iter()
            .map(|raw| {
                let offset = raw.get().as_ptr() as usize - base;
                let line = text[..offset].bytes().filter(|b| *b == b'\n').count() + 1;
                (line, json_row(raw.get()))
            })
            .collect()
    };
    Ok((
        numbered(items),
        Sections {
            playlists,
            stations: numbered(stations),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{parse, ROW};
    use super::super::{detect_format, parse_catalog, CatalogFormat, CatalogRules};
    use crate::catalog::PlaylistSource;

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
    fn stations_are_live_rows_after_the_tracks_and_checked_as_stations() {
        let text = r#"{
  "stations": [
    {"id": "rp", "name": "Radio Paradise", "url": "https://stream.radioparadise.com/aac-320", "genre": "Eclectic", "image_url": "https://e.example/rp.png"},
    {"id": "bad", "name": "Plain", "url": "http://e.example/live"},
    {"id": "long", "name": "Timed", "url": "https://e.example/live", "duration_ms": 1000},
    {"id": "a", "name": "Twice", "url": "https://e.example/twice"},
    {"id": "odd", "name": "Odd", "url": "https://e.example/odd", "artist": "Someone"}
  ],
  "tracks": [{"id": "a", "title": "A", "artist": "B", "url": "https://e.example/a.mp3"}]
}"#;
        let report = parse(text).unwrap();
        assert_eq!(report.tracks.len(), 2);
        assert!(!report.tracks[0].live);
        let station = &report.tracks[1];
        assert!(station.live);
        assert_eq!(
            (
                station.id.as_str(),
                station.title.as_str(),
                station.artist.as_str()
            ),
            ("rp", "Radio Paradise", "")
        );
        assert_eq!(station.genres, vec!["Eclectic".to_string()]);
        assert_eq!(station.duration_ms, None);
        assert_eq!(station.position, 1);
        let invalid: Vec<(usize, Option<&str>, String)> = report
            .invalid
            .iter()
            .map(|row| (row.line, row.id.as_deref(), row.reasons.join("; ")))
            .collect();
        assert_eq!(invalid.len(), 4, "{invalid:?}");
        assert_eq!(invalid[0].0, 4);
        assert!(invalid[0].2.contains("only plays https://"), "{invalid:?}");
        assert!(
            invalid[1]
                .2
                .contains("a station is a live stream and has no duration"),
            "{invalid:?}"
        );
        assert_eq!(invalid[2].1, Some("a"));
        assert!(invalid[2].2.contains("duplicate id"), "{invalid:?}");
        assert!(
            invalid[3].2.contains("a station has no artist"),
            "{invalid:?}"
        );
        // An object opening with `stations` is the object form.
        assert_eq!(detect_format(text), CatalogFormat::JsonArray);
        // A track row cannot make itself live.
        let sneaky =
            r#"[{"id":"x","title":"T","artist":"A","url":"https://e.example/x","live":true}]"#;
        assert!(!parse(sneaky).unwrap().tracks[0].live);
    }
}
