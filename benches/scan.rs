//! `catalog scan` throughput: a generated folder of 10,000 MP3 files with
//! ID3v2 tags (written with lofty), laid out Artist/Album/NN Title.mp3,
//! scanned by `scan_folder`; prints files per second.
//!
//! Run: `cargo bench --bench scan` (a 300-file smoke pass under `cargo test`).

use std::path::Path;
use std::time::Instant;

use jukebox::catalog::scan::{scan_folder, ScanOptions};
use jukebox::probe::sniff::mp3_frames;
use lofty::config::WriteOptions;
use lofty::prelude::*;
use lofty::tag::{Tag, TagType};

fn library(root: &Path, files: usize) {
    let audio = mp3_frames(128, 20);
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
}
