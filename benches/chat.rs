//! `jukebox chat` latency: one typed utterance, understood against the
//! voice model, run through the skill and played on the virtual Echo, on the
//! sample catalog (the README's quick start). Target: under 100 ms.
//!
//! Run: `cargo bench --bench chat`

use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion};
use jukebox::chat::{voice_model, Chat};
use jukebox::listeners::ListenerPolicy;
use jukebox::skill::{Skill, SkillConfig, SkillIdPolicy};
use jukebox::store::memory::{self, MemoryCatalog};

fn bench(c: &mut Criterion) {
    let model = voice_model("en-US").unwrap();
    let skill = Arc::new(Skill::new(
        SkillConfig::new(SkillIdPolicy::AcceptAny, ListenerPolicy::Open),
        memory::ports(Arc::new(MemoryCatalog::sample())),
    ));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut chat = Chat::new(Arc::clone(&skill), &model, "en-US", false);
    let mut sink = Vec::new();
    runtime
        .block_on(chat.line("play hey jude by the beatles", &mut sink))
        .unwrap();
    assert!(String::from_utf8_lossy(&sink).contains("Playing Hey Jude by The Beatles."));

    c.bench_function("chat_play_utterance", |b| {
        b.iter(|| {
            sink.clear();
            runtime
                .block_on(chat.line(
                    "ask my jukebox to play bohemian rhapsody by queen",
                    &mut sink,
                ))
                .unwrap();
        })
    });
    c.bench_function("chat_start_and_first_answer", |b| {
        b.iter(|| {
            let model = voice_model("en-US").unwrap();
            let skill = Arc::new(Skill::new(
                SkillConfig::new(SkillIdPolicy::AcceptAny, ListenerPolicy::Open),
                memory::ports(Arc::new(MemoryCatalog::sample())),
            ));
            let mut chat = Chat::new(skill, &model, "en-US", false);
            sink.clear();
            runtime
                .block_on(chat.line("play hey jude by the beatles", &mut sink))
                .unwrap();
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
