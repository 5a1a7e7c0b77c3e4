//! DynamoDB figures on AWS's DynamoDB Local (started by the bench itself):
//! import throughput, and for catalogs of 1,000, 10,000 and 100,000 tracks
//! the DynamoDB requests and median latency of a PlayMusicIntent (song +
//! artist, song only, artist only) and of the shuffles (the whole catalog,
//! a genre of one track in twenty, and NearlyFinished inside them), then the
//! requests and latency of each player event.
//!
//! Run: `cargo bench --bench dynamodb` (prints a table; takes a few minutes).

// The tests' support, shared; each bench uses a part of it.
#[allow(dead_code)]
#[path = "../tests/it/support/mod.rs"]
mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use jukebox::store::dynamodb::{import, ClientUse, DynamoCatalog, DynamoPlaybackStore};
use serde_json::Value;
use support::dynamodb::{client, create_tables, local};
use support::{played_token, skill_on, synthetic_catalog, Listener};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

struct Setup {
    catalog: DynamoCatalog,
    playback: DynamoPlaybackStore,
}

impl Setup {
    fn skill(&self) -> jukebox::skill::Skill {
        skill_on(
            Arc::new(self.catalog.clone()),
            Arc::new(self.playback.clone()),
        )
    }

    /// Requests sent so far: catalog, state reads, state writes.
    fn requests(&self) -> (u64, u64, u64) {
        let (reads, writes) = self.playback.requests_made();
        (self.catalog.requests_made(), reads, writes)
    }
}

async fn import_catalog(tracks: &[jukebox::catalog::Track]) -> (Setup, f64) {
    let admin = client(ClientUse::Admin);
    let (catalog, playback) = create_tables().await;
    let options = import::ImportOptions {
        concurrency: 8,
        ..import::ImportOptions::default()
    };
    let started = Instant::now();
    let summary = import::import_tracks(&admin, &catalog, tracks, &options, &|_| {})
        .await
        .unwrap();
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "import {:>7} tracks: {seconds:>6.1} s, {:>6.0} tracks/s, {:>7.0} items/s ({} search items, {} requests, {} retried)",
        tracks.len(),
        tracks.len() as f64 / seconds,
        (tracks.len() + summary.search_items) as f64 / seconds,
        summary.search_items,
        summary.write_requests,
        summary.retried_batches
    );
    let listener = client(ClientUse::Answering);
    let setup = Setup {
        catalog: DynamoCatalog::new(listener.clone(), &catalog),
        playback: DynamoPlaybackStore::new(listener, &playback),
    };
    (setup, tracks.len() as f64 / seconds)
}

async fn play_figures(setup: &Setup, size: usize, tracks: &[jukebox::catalog::Track], print: bool) {
    let skill = setup.skill();
    let target = &tracks[size / 2];
    let (title, artist) = (target.title.to_lowercase(), target.artist.to_lowercase());
    for (label, song, who) in [
        ("song + artist", Some(title.as_str()), Some(artist.as_str())),
        ("song only", Some(title.as_str()), None),
        ("artist only", None, Some(artist.as_str())),
    ] {
        let mut latencies = Vec::new();
        let mut cost = (0, 0, 0);
        for i in 0..100 {
            let mut listener = Listener::new(&format!("bench{i}"), "echo");
            let envelope = listener.play(song, who);
            let before = setup.requests();
            let started = Instant::now();
            let response = skill.handle_json(envelope).await.unwrap();
            latencies.push(started.elapsed());
            let after = setup.requests();
            cost = (after.0 - before.0, after.1 - before.1, after.2 - before.2);
            assert!(played_token(&response).is_some(), "{label}: {response}");
        }
        if !print {
            continue;
        }
        println!(
            "{size:>7} tracks  PlayMusicIntent {label:<14} catalog requests {}  state reads {}  state writes {}  median {}",
            cost.0,
            cost.1,
            cost.2,
            ms(median(latencies))
        );
    }
}

/// ShuffleAllIntent and PlayGenreIntent (a genre of one track in twenty:
/// 5,000 of 100,000), then NearlyFinished inside each shuffle: requests
/// and median latency, the same at every catalog size.
async fn shuffle_figures(setup: &Setup, size: usize) {
    let skill = setup.skill();
    for (label, intent, slots) in [
        ("ShuffleAllIntent", "ShuffleAllIntent", vec![]),
        (
            "PlayGenreIntent",
            "PlayGenreIntent",
            vec![("genreName", Some("jazz"))],
        ),
    ] {
        let (mut starts, mut nexts) = (Vec::new(), Vec::new());
        let (mut start_cost, mut next_cost) = ((0, 0, 0), (0, 0, 0));
        for i in 0..30 {
            let mut listener = Listener::new(&format!("shuffle{i}"), "echo");
            let envelope = listener.intent(intent, &slots);
            let (response, took, cost) = timed(setup, &skill, envelope).await;
            listener.apply(&response);
            starts.push(took);
            start_cost = cost;
            let token = played_token(&response).expect("a Play directive");
            let started = listener.player_event("PlaybackStarted", &token, 0);
            listener.apply(&skill.handle_json(started).await.unwrap());
            let nearly = listener.player_event("PlaybackNearlyFinished", &token, 1_000);
            let (response, took, cost) = timed(setup, &skill, nearly).await;
            assert!(played_token(&response).is_some(), "{label}: an ENQUEUE");
            nexts.push(took);
            next_cost = cost;
        }
        println!(
            "{size:>7} tracks  {label:<16} catalog requests {}  state reads {}  state writes {}  median {}   then NearlyFinished: catalog {}  reads {}  writes {}  median {}",
            start_cost.0,
            start_cost.1,
            start_cost.2,
            ms(median(starts)),
            next_cost.0,
            next_cost.1,
            next_cost.2,
            ms(median(nexts))
        );
    }
}

/// Sends an event, returning the response, its latency and its DynamoDB cost.
async fn timed(
    setup: &Setup,
    skill: &jukebox::skill::Skill,
    envelope: Value,
) -> (Value, Duration, (u64, u64, u64)) {
    let before = setup.requests();
    let started = Instant::now();
    let response = skill.handle_json(envelope).await.unwrap();
    let took = started.elapsed();
    let after = setup.requests();
    (
        response,
        took,
        (after.0 - before.0, after.1 - before.1, after.2 - before.2),
    )
}

async fn event_figures(setup: &Setup, tracks: &[jukebox::catalog::Track]) {
    let skill = setup.skill();
    let artist = tracks[10].artist.to_lowercase();
    let names = [
        "PlaybackStarted",
        "PlaybackNearlyFinished",
        "PlaybackFinished",
        "PlaybackStopped",
        "PlaybackFailed",
        "PlayCommandIssued",
        "NextCommandIssued",
        "PreviousCommandIssued",
        "PauseCommandIssued",
    ];
    let mut figures: Vec<(Vec<Duration>, (u64, u64, u64))> =
        names.iter().map(|_| (Vec::new(), (0, 0, 0))).collect();
    for i in 0..30 {
        let mut listener = Listener::new(&format!("events{i}"), "echo");
        let play = skill
            .handle_json(listener.play(None, Some(&artist)))
            .await
            .unwrap();
        let first = played_token(&play).unwrap();
        let mut record = |index: usize, took: Duration, cost: (u64, u64, u64)| {
            figures[index].0.push(took);
            figures[index].1 = cost;
        };
        let (_, t, c) = timed(
            setup,
            &skill,
            listener.player_event("PlaybackStarted", &first, 0),
        )
        .await;
        record(0, t, c);
        let (r, t, c) = timed(
            setup,
            &skill,
            listener.player_event("PlaybackNearlyFinished", &first, 170_000),
        )
        .await;
        record(1, t, c);
        let next = support::play_directive(&r).unwrap()["audioItem"]["stream"]["token"]
            .as_str()
            .unwrap()
            .to_string();
        let (_, t, c) = timed(
            setup,
            &skill,
            listener.player_event("PlaybackFinished", &first, 180_000),
        )
        .await;
        record(2, t, c);
        timed(
            setup,
            &skill,
            listener.player_event("PlaybackStarted", &next, 0),
        )
        .await;
        let (_, t, c) = timed(
            setup,
            &skill,
            listener.player_event("PlaybackStopped", &next, 5_000),
        )
        .await;
        record(3, t, c);
        let (r, t, c) = timed(setup, &skill, listener.playback_failed(&next)).await;
        record(4, t, c);
        listener.token = played_token(&r);
        let (_, t, c) = timed(setup, &skill, listener.button("Play")).await;
        record(5, t, c);
        let (_, t, c) = timed(setup, &skill, listener.button("Next")).await;
        record(6, t, c);
        let (_, t, c) = timed(setup, &skill, listener.button("Previous")).await;
        record(7, t, c);
        let (_, t, c) = timed(setup, &skill, listener.button("Pause")).await;
        record(8, t, c);
    }
    for (name, (latencies, cost)) in names.iter().zip(figures) {
        println!(
            "event {name:<24} catalog requests {}  state reads {}  state writes {}  median {}",
            cost.0,
            cost.1,
            cost.2,
            ms(median(latencies))
        );
    }
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --all-targets` runs a small smoke pass.
    let full = std::env::args().any(|a| a == "--bench");
    let sizes: &[usize] = if full {
        &[1_000, 10_000, 100_000]
    } else {
        &[300]
    };
    if std::env::var("JUKEBOX_DYNAMODB_LOCAL_HEAP").is_err() {
        std::env::set_var("JUKEBOX_DYNAMODB_LOCAL_HEAP", "3g");
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    println!("DynamoDB Local at {}", local().endpoint);
    runtime.block_on(async {
        // A round trip to DynamoDB Local itself, for reference.
        let (_, playback) = create_tables().await;
        let probe = client(ClientUse::Answering);
        let mut latencies = Vec::new();
        for _ in 0..50 {
            let started = Instant::now();
            probe
                .get_item()
                .table_name(&playback)
                .key(
                    "pk",
                    aws_sdk_dynamodb::types::AttributeValue::S("nobody".into()),
                )
                .send()
                .await
                .unwrap();
            latencies.push(started.elapsed());
        }
        println!(
            "DynamoDB Local GetItem round trip: median {}",
            ms(median(latencies))
        );

        // Import every size first, then warm DynamoDB Local's JVM up, so the
        // latencies of the sizes compare like with like.
        let mut setups = Vec::new();
        for &size in sizes {
            let mut tracks = synthetic_catalog(size);
            for track in tracks.iter_mut().step_by(20) {
                track.genres = vec!["Jazz".to_string()];
            }
            let (setup, _) = import_catalog(&tracks).await;
            setups.push((size, tracks, setup));
        }
        let (_, warm_tracks, warm_setup) = &setups[0];
        for _ in 0..if full { 3 } else { 1 } {
            play_figures(warm_setup, warm_tracks.len(), warm_tracks, false).await;
        }
        for (size, tracks, setup) in &setups {
            play_figures(setup, *size, tracks, true).await;
        }
        for (size, _, setup) in &setups {
            shuffle_figures(setup, *size).await;
        }
        event_figures(&setups[0].2, &setups[0].1).await;
    });
}
