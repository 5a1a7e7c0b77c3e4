//! `catalog scan` throughput: a generated folder of 10,000 MP3 files with
//! ID3v2 tags (written with lofty), laid out Artist/Album/NN Title.mp3,
//! scanned by `scan_folder`; then 300 files of a realistic length (a minute
//! of 128 kbps audio, about 1 MB) uploaded to an S3 server (moto_server on
//! a free loopback port) and scanned from the bucket with ranged GETs.
//! Prints files per second and the share of the bytes fetched.
//!
//! Run: `cargo bench --bench scan` (a 300-file smoke pass under `cargo test`).

// The tests' support (the S3 server), shared; the bench uses a part of it.
#[allow(dead_code)]
#[path = "../tests/it/support/mod.rs"]
mod support;

use std::path::Path;
use std::time::Instant;

use jukebox::catalog::scan::{scan_folder, ScanOptions};
use jukebox::probe::sniff::mp3_frames;
use lofty::config::WriteOptions;
use lofty::prelude::*;
use lofty::tag::{Tag, TagType};

fn library(root: &Path, files: usize) {
    library_of(root, files, 20);
}

/// `files` tagged MP3s of `frames` frames each (128 kbps: 38 a second).
fn library_of(root: &Path, files: usize, frames: usize) {
    let audio = mp3_frames(128, frames);
    for i in 0..files {
        let (artist, album) = (format!("Artist {}", i / 100), format!("Album {}", i / 10));
        let path = root
            .join(&artist)
            .join(&album)
            .join(format!("{:02} Song {i}.mp3", i % 10 + 1));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &audio).unwrap();
        let mut tag = Tag::new(TagType::Id3v2);
        tag.set_title(format!("Song {i}"));
        tag.set_artist(artist);
        tag.set_album(album);
        tag.set_track((i % 10 + 1) as u32);
        tag.set_genre("Rock".to_string());
        tag.save_to_path(&path, WriteOptions::default()).unwrap();
    }
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let files = if full { 10_000 } else { 300 };
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    library(dir.path(), files);
    println!(
        "generated {files} tagged MP3 files in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let options = ScanOptions {
        base_url: url::Url::parse("https://cdn.example.com/music/").unwrap(),
        transcoded_base_url: None,
        transcoded_extension: "mp3".into(),
        art_dir: None,
        playlists: false,
        rules: jukebox::catalog::CatalogRules::default(),
    };
    for run in ["first", "second"] {
        let started = Instant::now();
        let report = scan_folder(dir.path(), &options, &|_| {}).unwrap();
        let seconds = started.elapsed().as_secs_f64();
        assert_eq!(report.rows.len(), files, "{:?}", report.skipped.first());
        println!(
            "scan {files} files ({run} run): {seconds:.2} s, {:.0} files/s",
            files as f64 / seconds
        );
    }
    let long = tempfile::tempdir().unwrap();
    let count = if full { 300 } else { 20 };
    library_of(long.path(), count, 2_300);
    bucket_figures(long.path(), count);
}

/// Uploads the first `count` files to the S3 server, then scans the bucket.
fn bucket_figures(root: &Path, count: usize) {
    use jukebox::catalog::scan::{scan, Files};
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let client = support::s3::client();
    let bucket = "jukebox-scan-bench";
    let mut paths = support::files_under(root);
    paths.truncate(count);
    let total: u64 = runtime.block_on(async {
        client.create_bucket().bucket(bucket).send().await.unwrap();
        let mut total = 0;
        for path in &paths {
            let bytes = std::fs::read(path).unwrap();
            total += bytes.len() as u64;
            let key = format!("library/{}", path.strip_prefix(root).unwrap().display());
            client
                .put_object()
                .bucket(bucket)
                .key(key)
                .body(bytes.into())
                .send()
                .await
                .unwrap();
        }
        total
    });
    let handle = runtime.handle().clone();
    let options = ScanOptions {
        base_url: url::Url::parse("s3://jukebox-scan-bench/library/").unwrap(),
        transcoded_base_url: None,
        transcoded_extension: "mp3".into(),
        art_dir: None,
        playlists: false,
        rules: jukebox::catalog::CatalogRules::default(),
    };
    let started = Instant::now();
    let bucket = jukebox::store::s3::Bucket::open(client, bucket, "library", handle).unwrap();
    let listed = bucket.list().unwrap().len();
    let report = scan(&bucket, &options, &|_| {}).unwrap();
    let seconds = started.elapsed().as_secs_f64();
    assert_eq!(report.rows.len(), count, "{:?}", report.skipped.first());
    let fetched = bucket.fetched.load(std::sync::atomic::Ordering::Relaxed);
    println!(
        "scan s3://…/library, {listed} objects: {seconds:.2} s, {:.0} files/s; \
         {fetched} of {total} bytes fetched ({:.1} %)",
        count as f64 / seconds,
        fetched as f64 * 100.0 / total as f64
    );
}
