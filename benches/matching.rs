//! Matching latency on an embedded catalog of 100,000 tracks: a song +
//! artist query, a song-only query with a recognition error (the fuzzy
//! second round), an artist-only query, and a miss. Criterion gives the
//! median; a timed loop afterwards prints the p99.
//!
//! Then the cost of a listener's language: the multilingual development
//! catalog's tracks join the 100,000, and each language asks for one of
//! its own titles as its speakers say it, and for the misheard synthetic
//! title read in that language (every candidate of the fuzzy rounds read
//! with its rules), beside English asking for the same.
//!
//! Run: `cargo bench --bench matching`

// The tests' support, shared; each bench uses a part of it.
#[allow(dead_code)]
#[path = "../tests/it/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use jukebox::catalog::{parse_catalog, CatalogRules};
use jukebox::matching::{find, Found, Language, SpokenQuery};
use jukebox::store::memory::MemoryCatalog;

fn bench(c: &mut Criterion) {
    let mut tracks = support::synthetic_catalog(100_000);
    let wanted = tracks[54_321].clone();
    let multilingual = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/multilingual-catalog.json"
    ))
    .unwrap();
    tracks.extend(
        parse_catalog(&multilingual, &CatalogRules::default())
            .unwrap()
            .tracks,
    );
    let started = Instant::now();
    let catalog = MemoryCatalog::new(tracks);
    println!(
        "index_100k: {:.2} s to index {} tracks",
        started.elapsed().as_secs_f64(),
        100_104
    );
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
        // A forged megabyte slot of distinct words: cut to
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

/// Per language: one of its titles as its speakers say it (the track it
/// must find), and the misheard synthetic title read in it.
fn languages(c: &mut Criterion) {
    let mut tracks = support::synthetic_catalog(100_000);
    let wanted = tracks[54_321].clone();
    let multilingual = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/multilingual-catalog.json"
    ))
    .unwrap();
    tracks.extend(
        parse_catalog(&multilingual, &CatalogRules::default())
            .unwrap()
            .tracks,
    );
    let catalog = MemoryCatalog::new(tracks);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let title = wanted.title.to_lowercase();
    // As in `bench`: the first word's last letter dropped.
    let (first, rest) = title.split_once(' ').unwrap();
    let misheard = format!("{} {rest}", &first[..first.len() - 1]);
    let artist = wanted.artist.to_lowercase();
    let native: [(Language, &str, Option<&str>, &str); 10] = [
        (
            Language::English,
            "ninety nine luftballons",
            Some("nena"),
            "m020",
        ),
        (
            Language::German,
            "neunundneunzig luftballons",
            Some("nena"),
            "m020",
        ),
        (
            Language::French,
            "quatre vingt dix neuf luftballons",
            Some("nena"),
            "m020",
        ),
        (
            Language::Spanish,
            "noventa y nueve luftballons",
            Some("nena"),
            "m020",
        ),
        (
            Language::Italian,
            "novantanove luftballons",
            Some("nena"),
            "m020",
        ),
        (
            Language::Portuguese,
            "noventa e nove luftballons",
            Some("nena"),
            "m020",
        ),
        (
            Language::Dutch,
            "negenennegentig luftballons",
            Some("nena"),
            "m020",
        ),
        (Language::Japanese, "ボヘミアン・ラプソディ", None, "m002"),
        (Language::Hindi, "तुम ही हो", Some("अरिजीत सिंह"), "m150"),
        (
            Language::Arabic,
            "قارئه الفنجان",
            Some("عبد الحليم حافظ"),
            "m173",
        ),
    ];
    let mut queries = Vec::new();
    for (language, song, by, id) in native {
        let name = format!("{language:?}").to_lowercase();
        let own = SpokenQuery::new(Some(song), by).in_language(language);
        let slip = SpokenQuery::new(Some(&misheard), Some(&artist)).in_language(language);
        match runtime.block_on(find(&catalog, &own)).unwrap() {
            Found::Track { track, .. } if track.id == id => {}
            other => panic!("{name}: {other:?}"),
        }
        for (case, query) in [("own_title", &own), ("song_misheard", &slip)] {
            c.bench_function(&format!("match_100k_{name}_{case}"), |b| {
                b.iter(|| {
                    runtime
                        .block_on(find(&catalog, std::hint::black_box(query)))
                        .unwrap()
                })
            });
        }
        queries.push((name, own, slip));
    }
    // Interleaved rounds, every language in each: a busy machine slows
    // them all alike, so the ratios to English hold where the criterion
    // figures above wander.
    let mut samples: Vec<[Vec<Duration>; 2]> = vec![[Vec::new(), Vec::new()]; queries.len()];
    for _ in 0..1_000 {
        for (i, (_, own, slip)) in queries.iter().enumerate() {
            for (case, query) in [own, slip].into_iter().enumerate() {
                let started = Instant::now();
                std::hint::black_box(runtime.block_on(find(&catalog, query)).unwrap());
                samples[i][case].push(started.elapsed());
            }
        }
    }
    let median = |times: &mut Vec<Duration>| {
        times.sort();
        times[times.len() / 2].as_secs_f64() * 1e6
    };
    let english: Vec<f64> = samples[0].iter_mut().map(median).collect();
    for ((name, ..), times) in queries.iter().zip(samples.iter_mut()) {
        let [own, slip] = [median(&mut times[0]), median(&mut times[1])];
        println!(
            "language_{name}: own title median {own:.1} µs ({:.2}× English), \
             misheard median {slip:.1} µs ({:.2}× English) (1,000 interleaved runs)",
            own / english[0],
            slip / english[1]
        );
    }
}

criterion_group!(benches, bench, languages);
criterion_main!(benches);
