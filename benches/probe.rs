//! Probing 1,000 streams on the local HTTPS test server with the default
//! concurrency (16 at once, 4 per host): streams per second.
//!
//! Run: `cargo bench --bench probe`

// The tests' support, shared; each bench uses a part of it.
#[allow(dead_code)]
#[path = "../tests/it/support/mod.rs"]
mod support;

use std::time::Instant;

use jukebox::catalog::Track;
use jukebox::probe::{probe_tracks, ProbeOptions, Verdict};

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let count = if full { 1_000 } else { 50 };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let server = support::probe_server::start("jukebox bench CA").await;
        let tracks: Vec<Track> = (0..count)
            .map(|i| Track {
                id: format!("b{i}"),
                title: format!("Bench {i}"),
                artist: "Bench".into(),
                album: None,
                url: format!("{}/bench/{i}.mp3", server.base),
                duration_ms: Some(200_000),
                image_url: None,
                rank: None,
                position: i as u32,
                ..Default::default()
            })
            .collect();
        for (label, per_host) in [("default (16 at once, 4 per host)", 4), ("16 at once, 16 per host", 16)] {
            let options = ProbeOptions {
                extra_ca_pem: Some(server.ca_pem.as_bytes().to_vec()),
                per_host,
                ..ProbeOptions::default()
            };
            let started = Instant::now();
            let reports = probe_tracks(&tracks, &options, &|| {}).await.unwrap();
            let seconds = started.elapsed().as_secs_f64();
            assert!(reports.iter().all(|r| r.verdict == Verdict::Ok), "{:?}", reports[0].reasons());
            println!(
                "probed {count} streams, {label}: {seconds:.2} s, {:.0} streams/s (one TLS connection and one ranged GET each)",
                count as f64 / seconds
            );
        }
    });
}
