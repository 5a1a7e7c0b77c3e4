//! decode → route → match → encode for a PlayMusicIntent, on an embedded
//! catalog of 10,000 tracks: the whole path of `Skill::handle_json` from the
//! raw JSON the Lambda receives to the JSON it returns.
//!
//! Run: `cargo bench --bench play_intent`

use std::sync::Arc;

// The tests' support, shared; each bench uses a part of it.
#[allow(dead_code)]
#[path = "../tests/it/support/mod.rs"]
mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use jukebox::listeners::ListenerPolicy;
use jukebox::skill::{Skill, SkillConfig, SkillIdPolicy};
use jukebox::store::memory::{self, MemoryCatalog};

const SKILL_ID: &str = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000";

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
    let tracks = support::synthetic_catalog(10_000);
    let wanted = tracks[4_321].clone();
    let skill = Skill::new(
        SkillConfig::new(
            SkillIdPolicy::Only(SKILL_ID.to_string()),
            ListenerPolicy::Open,
        ),
        memory::ports(Arc::new(MemoryCatalog::new(tracks))),
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

    // A first ask: the catalog makes every read wait once, as a network
    // does, so the queue's write goes out beside the search and the answer
    // fills it in (the path `jukebox-first` takes in the peers run).
    let first_ask = support::waiting::waiting_skill(support::synthetic_catalog(10_000));
    let check: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let response = runtime.block_on(first_ask.handle_json(check)).unwrap();
    assert_eq!(
        response["response"]["directives"][0]["audioItem"]["stream"]["url"],
        wanted.url.as_str()
    );
    c.bench_function("play_intent_10k_embedded_first_ask", |b| {
        b.iter(|| {
            let event: serde_json::Value =
                serde_json::from_str(std::hint::black_box(&raw)).unwrap();
            let response = runtime.block_on(first_ask.handle_json(event)).unwrap();
            std::hint::black_box(serde_json::to_vec(&response).unwrap())
        })
    });

    // The same with the Lambda's EMF record written for every request
    // (into a sink: the formatting and the write, not a pipe).
    let measured = Skill::new(
        SkillConfig::new(
            SkillIdPolicy::Only(SKILL_ID.to_string()),
            ListenerPolicy::Open,
        ),
        memory::ports(Arc::new(MemoryCatalog::new(support::synthetic_catalog(
            10_000,
        )))),
    )
    .with_metrics(Arc::new(jukebox::metrics::EmfLog::new(
        "jukebox".to_string(),
        Box::new(std::io::sink()),
    )));
    c.bench_function("play_intent_10k_embedded_with_emf", |b| {
        b.iter(|| {
            let event: serde_json::Value =
                serde_json::from_str(std::hint::black_box(&raw)).unwrap();
            let response = runtime.block_on(measured.handle_json(event)).unwrap();
            std::hint::black_box(serde_json::to_vec(&response).unwrap())
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
