//! The spoken-query development set (`tests/data/spoken-queries-dev.json`):
//! catalog rows and what speech recognition hands the skill. Prints top-1
//! accuracy, artist-queue correctness and false positives; fails below 100%.

use std::path::Path;

use jukebox::catalog::{parse_catalog, CatalogRules};
use jukebox::matching::{find, Found, SpokenQuery};
use jukebox::store::memory::MemoryCatalog;
use serde_json::Value;

#[tokio::test]
async fn the_development_set_is_matched_perfectly() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/spoken-queries-dev.json");
    let data: Value = serde_json::from_str(
        &std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
    .unwrap();
    let rows = serde_json::to_string(&data["tracks"]).unwrap();
    let report = parse_catalog(&rows, &CatalogRules::default()).unwrap();
    assert!(report.invalid.is_empty(), "{:?}", report.invalid);
    let catalog = MemoryCatalog::new(report.tracks);
    let text = |v: &Value| v.as_str().map(str::to_string);
    let ids = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|i| i.as_str().unwrap().to_string())
            .collect()
    };

    let mut failures = Vec::new();
    let queries = data["queries"].as_array().unwrap();
    let mut right = 0;
    for q in queries {
        let query = SpokenQuery::new(text(&q["song"]).as_deref(), text(&q["artist"]).as_deref());
        let expect = ids(&q["expect"]);
        match find(&catalog, &query).await.unwrap() {
            Found::Track { track, .. } if expect.contains(&track.id) => right += 1,
            other => failures.push(format!(
                "{query:?}: expected {expect:?}, got {}",
                describe(&other)
            )),
        }
    }
    let artists = data["artist_only"].as_array().unwrap();
    let mut queues = 0;
    for q in artists {
        let query = SpokenQuery::new(None, text(&q["artist"]).as_deref());
        let expect = ids(&q["expect_any_of"]);
        match find(&catalog, &query).await.unwrap() {
            Found::Artist { tracks, .. }
                if !tracks.is_empty() && expect.contains(&tracks[0].id) =>
            {
                queues += 1
            }
            other => failures.push(format!(
                "{query:?}: expected a queue starting with one of {expect:?}, got {}",
                describe(&other)
            )),
        }
    }
    let absent = data["no_match"].as_array().unwrap();
    let mut false_positives = 0;
    for q in absent {
        let query = SpokenQuery::new(text(&q["song"]).as_deref(), text(&q["artist"]).as_deref());
        let found = find(&catalog, &query).await.unwrap();
        if !matches!(found, Found::NotFound { .. }) {
            false_positives += 1;
            failures.push(format!(
                "{query:?}: must not match, got {}",
                describe(&found)
            ));
        }
    }
    println!(
        "top-1 accuracy {right}/{} ({:.1}%), artist queues {queues}/{} ({:.1}%), false positives {false_positives}/{}",
        queries.len(),
        100.0 * right as f64 / queries.len() as f64,
        artists.len(),
        100.0 * queues as f64 / artists.len() as f64,
        absent.len()
    );
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn describe(found: &Found) -> String {
    match found {
        Found::Track { track, .. } => {
            format!("track {} ({} by {})", track.id, track.title, track.artist)
        }
        Found::Artist { artist, tracks } => format!(
            "artist {artist} ({:?})",
            tracks.iter().map(|t| &t.id).collect::<Vec<_>>()
        ),
        Found::Album { album, tracks, .. } => format!("album {album} ({} tracks)", tracks.len()),
        Found::Genre { genre, .. } => format!("genre {genre}"),
        Found::PlaylistOffer { playlist } => format!("offer playlist {playlist}"),
        Found::Playlist {
            playlist, tracks, ..
        } => format!("playlist {playlist} ({} tracks)", tracks.len()),
        Found::NotFound { suggestion } => format!("not found (suggestion {suggestion:?})"),
    }
}
