//! Matching playlists to the catalog: which entries name a track, and
//! which playlists can play at all.

use std::collections::{HashMap, HashSet};

use super::{InvalidEntry, Playlist, PlaylistReport, PlaylistSource};
use crate::catalog::Track;

/// Most entries a playlist may hold.
pub const MAX_PLAYLIST_TRACKS: usize = 10_000;

/// Most entries all playlists together may hold. Each entry is a copy of
/// its track (an item in DynamoDB, a track in memory for `invoke` and
/// `chat`): ten full playlists' worth is far more than anyone listens to,
/// and bounded, where 200 full playlists took 644 MB in memory.
pub const MAX_PLAYLIST_ENTRIES_IN_ALL: usize = 100_000;

/// The longest entry a report quotes, in characters: a broken line can be
/// megabytes long, and the owner needs only enough to find it.
const MAX_ENTRY_SHOWN: usize = 120;

/// Longest playlist name, in characters: a name is said aloud, so it is short.
const MAX_NAME_LEN: usize = 200;

/// Matches each entry to a catalog track: by exact track id first, else by exact stream URL (`track.url`).
///
/// A playlist is refused as a whole when its name is empty, longer than 200
/// characters or not speakable, when an earlier playlist has a name Alexa
/// hears the same (the same [`crate::matching::playlist_key`]: "Road Trip",
/// "road-trip!" and "Röad Trip" are one name to a listener, so only one
/// could ever be asked for), when it has more than [`MAX_PLAYLIST_TRACKS`]
/// entries or would take all playlists past [`MAX_PLAYLIST_ENTRIES_IN_ALL`],
/// or when none of its entries names a track. Otherwise it keeps its good entries, in order, and each bad entry
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
    // Playlist key -> the name it was defined with, and where.
    let mut defined: HashMap<String, (String, String)> = HashMap::new();
    let mut entries_in_all = 0usize;
    for source in sources {
        let file = source.file.as_ref().map(|f| f.display().to_string());
        let name = source.name.trim();
        let shown = shorten_name(name);
        let invalid = |line: Option<usize>, entry: Option<&str>, reason: String| InvalidEntry {
            file: file.clone(),
            playlist: shown.clone(),
            line,
            entry: entry.map(shorten_entry),
            reason,
        };
        let mut refused = false;
        if let Err(reason) = check_name(name) {
            report.invalid.push(invalid(None, None, reason));
            refused = true;
        } else if let Some(key) = crate::matching::playlist_key(name) {
            let here = file
                .clone()
                .unwrap_or_else(|| "the catalog file's playlists".to_string());
            if let Some((first_name, first)) = defined.get(&key) {
                let reason = if first_name.to_lowercase() == name.to_lowercase() {
                    format!("a playlist named {name:?} is already defined in {first}")
                } else {
                    format!(
                        "sounds the same to Alexa as the playlist {:?} defined in {first}, so a \
                         listener could not ask for it; rename one",
                        shorten_name(first_name)
                    )
                };
                report.invalid.push(invalid(None, None, reason));
                refused = true;
            } else {
                defined.insert(key, (name.to_string(), here));
            }
        } else {
            report.invalid.push(invalid(
                None,
                None,
                "its name has nothing Alexa could say (no letter or digit)".to_string(),
            ));
            refused = true;
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
        if !refused && entries_in_all + source.entries.len() > MAX_PLAYLIST_ENTRIES_IN_ALL {
            report.invalid.push(invalid(
                None,
                None,
                format!(
                    "left out: with its {} entries the playlists would hold more than \
                     {MAX_PLAYLIST_ENTRIES_IN_ALL} entries in all",
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
            entries_in_all += source.entries.len();
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

/// An entry as reports quote it: a long one is cut.
fn shorten_entry(entry: &str) -> String {
    if entry.chars().count() > MAX_ENTRY_SHOWN {
        let kept: String = entry.chars().take(MAX_ENTRY_SHOWN).collect();
        format!("{kept}… ({} characters)", entry.chars().count())
    } else {
        entry.to_string()
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
    use std::path::PathBuf;

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
    fn names_alexa_hears_alike_are_refused_naming_both() {
        let sources = vec![
            source("Road Trip", Some("a.m3u"), &["a"]),
            source("Road-Trip", Some("b.m3u"), &["a"]),
            source("road trip!", Some("c.m3u"), &["a"]),
            source("Röad Trip", Some("d.m3u"), &["a"]),
            source("R.O.A.D. Trip", Some("e.m3u"), &["a"]),
            source("!!!", Some("f.m3u"), &["a"]),
        ];
        let report = resolve(sources, &catalog());
        let names: Vec<&str> = report.playlists.iter().map(|p| p.name.as_str()).collect();
        // Spelled out letter by letter, it sounds apart.
        assert_eq!(names, vec!["Road Trip", "R.O.A.D. Trip"]);
        let alike = |file: &str, name: &str| {
            format!(
                "{file}: playlist {name:?}: sounds the same to Alexa as the playlist \"Road Trip\" \
                 defined in a.m3u, so a listener could not ask for it; rename one"
            )
        };
        assert_eq!(
            messages(&report),
            vec![
                alike("b.m3u", "Road-Trip"),
                alike("c.m3u", "road trip!"),
                alike("d.m3u", "Röad Trip"),
                r#"f.m3u: playlist "!!!": its name has nothing Alexa could say (no letter or digit)"#
                    .to_string(),
            ]
        );
    }

    #[test]
    fn entries_in_all_playlists_are_bounded_and_long_entries_cut() {
        let full = vec!["a"; MAX_PLAYLIST_TRACKS];
        let sources: Vec<PlaylistSource> = (0..12)
            .map(|i| {
                let names = [
                    "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel",
                    "India", "Juliet", "Kilo", "Lima",
                ];
                source(names[i], None, &full)
            })
            .collect();
        let report = resolve(sources, &catalog());
        assert_eq!(report.playlists.len(), 10);
        let total: usize = report.playlists.iter().map(|p| p.track_ids.len()).sum();
        assert_eq!(total, MAX_PLAYLIST_ENTRIES_IN_ALL);
        assert_eq!(
            messages(&report)[0],
            "catalog playlists: playlist \"Kilo\": left out: with its 10000 entries the \
             playlists would hold more than 100000 entries in all"
        );
        assert_eq!(report.invalid.len(), 2);

        let long = format!("https://e.example/{}", "x".repeat(10_000_000));
        let report = resolve(
            vec![source("Long", Some("l.m3u"), &[&long, "a"])],
            &catalog(),
        );
        let shown = report.invalid[0].entry.as_deref().unwrap();
        assert!(shown.len() < 200, "{shown}");
        assert!(shown.ends_with("… (10000018 characters)"), "{shown}");
        assert!(messages(&report)[0].len() < 400);
    }
}
