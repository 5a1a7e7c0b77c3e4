//! decode → route → match → encode for a PlayMusicIntent, on an embedded
//! catalog of 10,000 tracks: the whole path of `Skill::handle_json` from the
//! raw JSON the Lambda receives to the JSON it returns.
//!
//! Run: `cargo bench --bench play_intent`

use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion};
use jukebox::catalog::{MemoryCatalog, Track};
use jukebox::playback::MemoryPlaybackStore;
use jukebox::skill::{Skill, SkillConfig, SkillIdPolicy};

const SKILL_ID: &str = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000";

const WORDS: &[&str] = &[
    "love", "night", "heart", "fire", "dream", "river", "light", "summer", "rain", "blue",
    "golden", "wild", "moon", "road", "home", "city", "ghost", "sweet", "broken", "paper",
    "silver", "ocean", "dance", "stone", "winter", "morning", "shadow", "electric", "lonely",
    "forever", "midnight", "angel", "thunder", "garden",
];

/// A deterministic synthetic catalog: `n` tracks by `n / 10` artists.
fn synthetic_catalog(n: usize) -> Vec<Track> {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut pick = move |count: usize| -> String {
        (0..count)
            .map(|_| WORDS[(next() % WORDS.len() as u64) as usize])
            .collect::<Vec<_>>()
            .join(" ")
    };
    (0..n)
        .map(|i| Track {
            id: format!("t{i:06}"),
            title: format!("{} {}", pick(2), i),
            artist: format!("The {} {}", pick(1), i / 10),
            album: Some(format!("{} {}", pick(2), i / 12)),
            url: format!("https://audio.example.com/bench/t{i:06}.mp3"),
            duration_ms: Some(200_000),
            image_url: None,
            rank: None,
            position: 0,
        })
        .collect()
}

fn envelope(song: &str, artist: &str) -> serde_json::Value {
    serde_json::json!({
        "version": "1.0",
        "session": {"new": true, "sessionId": "s", "application": {"applicationId": SKILL_ID}, "user": {"userId": "u"}},
        "context": {"System": {"application": {"applicationId": SKILL_ID}, "user": {"userId": "amzn1.ask.account.bench"},
            "device": {"deviceId": "amzn1.ask.device.bench", "supportedInterfaces": {"AudioPlayer": {}}}}},
        "request": {"type": "IntentRequest", "requestId": "r", "timestamp": "2026-11-24T12:00:00Z", "locale": "en-US",
            "intent": {"name": "PlayMusicIntent", "confirmationStatus": "NONE", "slots": {
                "songName": {"name": "songName", "value": song, "confirmationStatus": "NONE"},
                "artistName": {"name": "artistName", "value": artist, "confirmationStatus": "NONE"}}}}
    })
}

fn bench(c: &mut Criterion) {
    let tracks = synthetic_catalog(10_000);
    let wanted = tracks[4_321].clone();
    let skill = Skill::new(
        SkillConfig::new(SkillIdPolicy::Only(SKILL_ID.to_string())),
        Arc::new(MemoryCatalog::new(tracks)),
        Arc::new(MemoryPlaybackStore::new()),
    );
    let raw = serde_json::to_string(&envelope(
        &wanted.title.to_lowercase(),
        &wanted.artist.to_lowercase(),
    ))
    .unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // The path must really find the track, or the figure means nothing.
    let check: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let response = runtime.block_on(skill.handle_json(check)).unwrap();
    assert_eq!(
        response["response"]["directives"][0]["audioItem"]["stream"]["url"],
        wanted.url.as_str()
    );

    c.bench_function("play_intent_10k_embedded", |b| {
        b.iter(|| {
            let event: serde_json::Value =
                serde_json::from_str(std::hint::black_box(&raw)).unwrap();
            let response = runtime.block_on(skill.handle_json(event)).unwrap();
            std::hint::black_box(serde_json::to_vec(&response).unwrap())
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
