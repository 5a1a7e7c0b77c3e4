//! Matching latency on an embedded catalog of 100,000 tracks: a song +
//! artist query, a song-only query with a recognition error (the fuzzy
//! second round), an artist-only query, and a miss. Criterion gives the
//! median; a timed loop afterwards prints the p99.
//!
//! Run: `cargo bench --bench matching`

// The tests' support, shared; each bench uses a part of it.
#[allow(dead_code)]
#[path = "../tests/it/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use jukebox::matching::{find, Found, SpokenQuery};
use jukebox::store::memory::MemoryCatalog;

fn bench(c: &mut Criterion) {
    let tracks = support::synthetic_catalog(100_000);
    let wanted = tracks[54_321].clone();
    let catalog = MemoryCatalog::new(tracks);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let title = wanted.title.to_lowercase();
    let artist = wanted.artist.to_lowercase();
    // The title with its last letter dropped: a recognition slip.
    let misheard = {
        let mut words: Vec<&str> = title.split(' ').collect();
        let first = words[0].to_string();
        let shorter = first[..first.len() - 1].to_string();
        words[0] = &shorter;
        words.join(" ")
    };
    let junk: String = (0..150_000).map(|i| format!(" w{i}")).collect();
    let queries = [
        (
            "song_and_artist",
            SpokenQuery::new(Some(&title), Some(&artist)),
        ),
        (
            "song_misheard",
            SpokenQuery::new(Some(&misheard), Some(&artist)),
        ),
        ("artist_only", SpokenQuery::new(None, Some(&artist))),
        ("miss", SpokenQuery::new(Some("stairway to heaven"), None)),
        // A forged megabyte slot of distinct words (issue 13): cut to
        // what speech could hold, so it costs what a long request costs.
        (
            "hostile_1mb_slot",
            SpokenQuery::new(Some(&junk), Some(&junk)),
        ),
    ];
    for (name, query) in &queries {
        let found = runtime.block_on(find(&catalog, query)).unwrap();
        match (*name, &found) {
            ("miss" | "hostile_1mb_slot", Found::NotFound { .. })
            | ("artist_only", Found::Artist { .. }) => {}
            (_, Found::Track { track, .. }) if track.id == wanted.id => {}
            _ => panic!("{name}: {found:?}"),
        }
        c.bench_function(&format!("match_100k_{name}"), |b| {
            b.iter(|| {
                runtime
                    .block_on(find(&catalog, std::hint::black_box(query)))
                    .unwrap()
            })
        });
    }
    for (name, query) in &queries {
        let mut samples: Vec<Duration> = (0..2_000)
            .map(|_| {
                let started = Instant::now();
                std::hint::black_box(runtime.block_on(find(&catalog, query)).unwrap());
                started.elapsed()
            })
            .collect();
        samples.sort();
        println!(
            "match_100k_{name}: median {:.1} µs, p99 {:.1} µs (2,000 runs)",
            samples[1_000].as_secs_f64() * 1e6,
            samples[1_980].as_secs_f64() * 1e6
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
