//! M4A files made box by box for the tests: an `ftyp` (brand `M4A `), a
//! `moov` describing one AAC-LC track (44.1 kHz, stereo) down to its sample
//! tables, and an `mdat` of dummy frames about as large as a 128 kb/s
//! encode's (about 16 KB a second, so a few minutes make a few MB). The
//! container is complete and consistent (every chunk offset points at its
//! frames, in either layout); the frames' bytes are filler, not decodable
//! audio, which a tag reader never looks at. Tags are written by the tag
//! library, as on a real file.

use std::path::Path;

use lofty::config::WriteOptions;
use lofty::prelude::*;
use lofty::tag::{ItemKey, Tag, TagType};

/// The track's sample rate, and its `mdhd` timescale.
pub const SAMPLE_RATE: u32 = 44_100;
/// Samples per AAC-LC frame.
const FRAME_SAMPLES: u32 = 1024;
/// Frames per chunk: about half a second, as encoders interleave.
const CHUNK_FRAMES: u32 = 22;

/// An untagged M4A of `duration_ms` (rounded up to whole frames), its
/// `moov` after the `mdat` when `moov_at_end` (as many encoders write it
/// without a "fast start" pass), before it otherwise.
pub fn m4a(duration_ms: u64, moov_at_end: bool) -> Vec<u8> {
    let samples = duration_ms * u64::from(SAMPLE_RATE) / 1000;
    let frames = u32::try_from(samples.div_ceil(u64::from(FRAME_SAMPLES)).max(1)).unwrap();
    let sizes: Vec<u32> = (0..frames).map(frame_size).collect();
    let mut mdat_body = Vec::with_capacity(sizes.iter().map(|&s| s as usize).sum());
    for (i, &size) in sizes.iter().enumerate() {
        mdat_body.extend(dummy_frame(i as u32, size));
    }
    let mdat = atom(b"mdat", &mdat_body);
    let ftyp = atom(
        b"ftyp",
        &[b"M4A ", &0x200u32.to_be_bytes()[..], b"M4A mp42isom"].concat(),
    );
    let file = if moov_at_end {
        let first_frame = (ftyp.len() + 8) as u64;
        let moov = moov(&sizes, first_frame);
        [ftyp, mdat, moov].concat()
    } else {
        // The offsets' values do not change the size of the `moov`.
        let moov_len = moov(&sizes, 0).len();
        let first_frame = (ftyp.len() + moov_len + 8) as u64;
        let moov = moov(&sizes, first_frame);
        [ftyp, moov, mdat].concat()
    };
    assert!(
        u32::try_from(file.len()).is_ok(),
        "stco holds 32-bit offsets"
    );
    file
}

/// What [`tagged_m4a`] writes.
#[derive(Debug, Clone, Copy)]
pub struct M4aTags<'a> {
    pub title: &'a str,
    pub artist: &'a str,
    pub album: &'a str,
    /// Track `.0` of `.1` (the `trkn` atom, "3/12").
    pub track: (u32, u32),
    pub year: u16,
}

/// Writes [`m4a`] at `path` and tags it with the tag library (an `ilst`),
/// as a file an owner's tagger wrote.
pub fn tagged_m4a(path: &Path, duration_ms: u64, moov_at_end: bool, tags: &M4aTags<'_>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, m4a(duration_ms, moov_at_end)).unwrap();
    let mut tag = Tag::new(TagType::Mp4Ilst);
    tag.set_title(tags.title.to_string());
    tag.set_artist(tags.artist.to_string());
    tag.set_album(tags.album.to_string());
    tag.set_track(tags.track.0);
    tag.set_track_total(tags.track.1);
    tag.insert_text(ItemKey::RecordingDate, tags.year.to_string());
    tag.save_to_path(path, WriteOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// Frame `i`'s size: 360 to 384 bytes, about 372 on average (43 frames a
/// second make about 16 KB/s, 128 kb/s).
fn frame_size(i: u32) -> u32 {
    360 + (i * 7) % 25
}

/// Filler of `size` bytes, opening as a stereo frame does (a CPE element).
fn dummy_frame(i: u32, size: u32) -> Vec<u8> {
    let mut state = i.wrapping_mul(0x9E37_79B9) | 1;
    let mut frame = vec![0x21, 0x1b];
    frame.extend((2..size).map(|_| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state as u8
    }));
    frame
}

fn atom(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let size = u32::try_from(8 + body.len()).unwrap();
    [&size.to_be_bytes()[..], kind, body].concat()
}

fn full_atom(kind: &[u8; 4], version: u8, flags: u32, body: &[u8]) -> Vec<u8> {
    let head = (u32::from(version) << 24) | (flags & 0x00ff_ffff);
    atom(kind, &[&head.to_be_bytes()[..], body].concat())
}

/// An MPEG-4 descriptor (ISO 14496-1), its size in four bytes as iTunes writes it.
fn descriptor(tag: u8, body: &[u8]) -> Vec<u8> {
    let n = u32::try_from(body.len()).unwrap();
    assert!(n < 1 << 28);
    let size = [
        0x80 | (n >> 21) as u8,
        0x80 | ((n >> 14) & 0x7f) as u8,
        0x80 | ((n >> 7) & 0x7f) as u8,
        (n & 0x7f) as u8,
    ];
    [&[tag][..], &size, body].concat()
}

fn be32(values: &[u32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_be_bytes()).collect()
}

/// The unity matrix of `mvhd` and `tkhd`.
fn matrix() -> Vec<u8> {
    be32(&[0x0001_0000, 0, 0, 0, 0x0001_0000, 0, 0, 0, 0x4000_0000])
}

/// The `moov` of frames `sizes`, the first at file offset `first_frame`.
fn moov(sizes: &[u32], first_frame: u64) -> Vec<u8> {
    let frames = u32::try_from(sizes.len()).unwrap();
    let media_duration = frames * FRAME_SAMPLES;
    let movie_duration =
        u32::try_from((u64::from(media_duration) * 1000).div_ceil(u64::from(SAMPLE_RATE))).unwrap();
    let bytes: u64 = sizes.iter().map(|&s| u64::from(s)).sum();
    let average_bitrate = u32::try_from(bytes * 8 * 1000 / u64::from(movie_duration)).unwrap();
    let max_bitrate = 384 * 8 * SAMPLE_RATE / FRAME_SAMPLES;

    let mvhd = full_atom(
        b"mvhd",
        0,
        0,
        &[
            be32(&[0, 0, 1000, movie_duration, 0x0001_0000]),
            vec![0x01, 0x00],
            vec![0; 10],
            matrix(),
            vec![0; 24],
            be32(&[2]),
        ]
        .concat(),
    );
    let tkhd = full_atom(
        b"tkhd",
        0,
        0x7,
        &[
            be32(&[0, 0, 1, 0, movie_duration, 0, 0]),
            vec![0, 0, 0, 1, 0x01, 0x00, 0, 0],
            matrix(),
            be32(&[0, 0]),
        ]
        .concat(),
    );
    // Language "und", packed as three 5-bit letters.
    let mdhd = full_atom(
        b"mdhd",
        0,
        0,
        &[
            be32(&[0, 0, SAMPLE_RATE, media_duration]),
            vec![0x55, 0xc4, 0, 0],
        ]
        .concat(),
    );
    let hdlr = full_atom(
        b"hdlr",
        0,
        0,
        &[&be32(&[0])[..], b"soun", &[0; 12], b"SoundHandler\0"].concat(),
    );
    let smhd = full_atom(b"smhd", 0, 0, &[0; 4]);
    let dinf = atom(
        b"dinf",
        &full_atom(
            b"dref",
            0,
            0,
            &[be32(&[1]), full_atom(b"url ", 0, 1, &[])].concat(),
        ),
    );

    // AudioSpecificConfig: AAC LC (2), 44.1 kHz (index 4), two channels.
    let audio_specific_config = [0x12, 0x10];
    let decoder_config = descriptor(
        0x04,
        &[
            &[0x40, 0x15][..],
            &[0x00, 0x06, 0x00],
            &be32(&[max_bitrate, average_bitrate]),
            &descriptor(0x05, &audio_specific_config),
        ]
        .concat(),
    );
    let es = descriptor(
        0x03,
        &[&[0, 0, 0][..], &decoder_config, &descriptor(0x06, &[0x02])].concat(),
    );
    let esds = full_atom(b"esds", 0, 0, &es);
    let mp4a = atom(
        b"mp4a",
        &[
            &[0, 0, 0, 0, 0, 0, 0, 1][..],
            &[0; 8],
            &[0, 2, 0, 16, 0, 0, 0, 0],
            &be32(&[SAMPLE_RATE << 16]),
            &esds,
        ]
        .concat(),
    );
    let stsd = full_atom(b"stsd", 0, 0, &[be32(&[1]), mp4a].concat());
    let stts = full_atom(b"stts", 0, 0, &be32(&[1, frames, FRAME_SAMPLES]));

    let chunks: Vec<&[u32]> = sizes.chunks(CHUNK_FRAMES as usize).collect();
    let chunk_count = u32::try_from(chunks.len()).unwrap();
    let last = u32::try_from(chunks[chunks.len() - 1].len()).unwrap();
    let mut stsc_entries = vec![1, CHUNK_FRAMES.min(frames), 1];
    if chunk_count > 1 && last != CHUNK_FRAMES {
        stsc_entries.extend([chunk_count, last, 1]);
    }
    let stsc_body = [
        be32(&[(stsc_entries.len() / 3) as u32]),
        be32(&stsc_entries),
    ]
    .concat();
    let stsc = full_atom(b"stsc", 0, 0, &stsc_body);
    let stsz = full_atom(b"stsz", 0, 0, &[be32(&[0, frames]), be32(sizes)].concat());
    let mut offsets = Vec::with_capacity(chunks.len());
    let mut offset = first_frame;
    for chunk in &chunks {
        offsets.push(u32::try_from(offset).unwrap_or(u32::MAX));
        offset += chunk.iter().map(|&s| u64::from(s)).sum::<u64>();
    }
    let stco = full_atom(
        b"stco",
        0,
        0,
        &[be32(&[chunk_count]), be32(&offsets)].concat(),
    );

    let stbl = atom(b"stbl", &[stsd, stts, stsc, stsz, stco].concat());
    let minf = atom(b"minf", &[smhd, dinf, stbl].concat());
    let mdia = atom(b"mdia", &[mdhd, hdlr, minf].concat());
    let trak = atom(b"trak", &[tkhd, mdia].concat());
    atom(b"moov", &[mvhd, trak].concat())
}

/// Where a file's `moov` and `mdat` lie, after checking that its sample
/// tables agree with its `mdat`: every chunk offset points inside it, the
/// chunks follow each other, and the frames fill it exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub moov: usize,
    pub mdat: usize,
    pub mdat_len: usize,
}

/// The boxes of `data` from `start` to `end`: (type, box start, body start, box end).
fn boxes(data: &[u8], start: usize, end: usize) -> Vec<([u8; 4], usize, usize, usize)> {
    let mut found = Vec::new();
    let mut at = start;
    while at + 8 <= end {
        let size = u32::from_be_bytes(data[at..at + 4].try_into().unwrap()) as usize;
        let kind: [u8; 4] = data[at + 4..at + 8].try_into().unwrap();
        assert!(size >= 8 && at + size <= end, "a bad box size at {at}");
        found.push((kind, at, at + 8, at + size));
        at += size;
    }
    assert_eq!(at, end, "boxes do not fill their parent");
    found
}

fn child(data: &[u8], parent: (usize, usize), kind: &[u8; 4]) -> (usize, usize) {
    boxes(data, parent.0, parent.1)
        .into_iter()
        .find(|b| &b.0 == kind)
        .map(|b| (b.2, b.3))
        .unwrap_or_else(|| panic!("no {} box", String::from_utf8_lossy(kind)))
}

fn u32_at(data: &[u8], at: usize) -> u32 {
    u32::from_be_bytes(data[at..at + 4].try_into().unwrap())
}

/// Checks the sample tables of `data` against its `mdat` (see [`Layout`]).
pub fn layout(data: &[u8]) -> Layout {
    let top = boxes(data, 0, data.len());
    assert_eq!(&top[0].0, b"ftyp");
    let moov = top.iter().find(|b| &b.0 == b"moov").expect("a moov");
    let mdat = top.iter().find(|b| &b.0 == b"mdat").expect("an mdat");
    let mut stbl = (moov.2, moov.3);
    for kind in [b"trak", b"mdia", b"minf", b"stbl"] {
        stbl = child(data, stbl, kind);
    }
    let stsz = child(data, stbl, b"stsz").0;
    assert_eq!(u32_at(data, stsz + 4), 0, "one size per frame");
    let frames = u32_at(data, stsz + 8) as usize;
    let sizes: Vec<usize> = (0..frames)
        .map(|i| u32_at(data, stsz + 12 + 4 * i) as usize)
        .collect();
    let stsc = child(data, stbl, b"stsc").0;
    let runs: Vec<(usize, usize)> = (0..u32_at(data, stsc + 4) as usize)
        .map(|i| {
            let entry = stsc + 8 + 12 * i;
            (
                u32_at(data, entry) as usize,
                u32_at(data, entry + 4) as usize,
            )
        })
        .collect();
    let stco = child(data, stbl, b"stco").0;
    let chunks = u32_at(data, stco + 4) as usize;
    let mut frame = 0;
    let mut expected = mdat.2;
    for chunk in 1..=chunks {
        let per_chunk = runs.iter().rev().find(|r| r.0 <= chunk).unwrap().1;
        let offset = u32_at(data, stco + 8 + 4 * (chunk - 1)) as usize;
        assert_eq!(
            offset, expected,
            "chunk {chunk} is not where its frames are"
        );
        expected += sizes[frame..frame + per_chunk].iter().sum::<usize>();
        frame += per_chunk;
    }
    assert_eq!(frame, frames, "the chunks hold every frame");
    assert_eq!(expected, mdat.3, "the frames fill the mdat");
    Layout {
        moov: moov.1,
        mdat: mdat.1,
        mdat_len: mdat.3 - mdat.1,
    }
}
