//! What the first bytes of a stream are: an MP3 frame (with its bitrate and
//! sample rate, after any ID3v2 tag), an MP4/M4A `ftyp` box, an HLS or M3U
//! playlist, a PLS playlist, or something an Echo cannot play; and what a
//! playlist says: whether an HLS playlist is live, which stream a PLS or
//! M3U file names.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sniffed {
    Mp3 {
        bitrate_kbps: Option<u32>,
        sample_rate: u32,
    },
    Mp4 {
        brand: String,
    },
    AacAdts {
        sample_rate: u32,
    },
    HlsPlaylist,
    M3uPlaylist,
    PlsPlaylist,
    Html,
    Unknown,
}

impl Sniffed {
    pub fn name(&self) -> &'static str {
        match self {
            Sniffed::Mp3 { .. } => "MP3",
            Sniffed::Mp4 { .. } => "MP4/M4A",
            Sniffed::AacAdts { .. } => "AAC (ADTS)",
            Sniffed::HlsPlaylist => "HLS playlist",
            Sniffed::M3uPlaylist => "M3U playlist",
            Sniffed::PlsPlaylist => "PLS playlist",
            Sniffed::Html => "a web page",
            Sniffed::Unknown => "unrecognised data",
        }
    }

    pub fn is_audio(&self) -> bool {
        !matches!(self, Sniffed::Html | Sniffed::Unknown)
    }
}

const MPEG1_L3_KBPS: [u32; 15] = [
    0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320,
];
const MPEG2_L3_KBPS: [u32; 15] = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];

/// An MPEG audio layer III frame header at `bytes[at..]`: (bitrate in kbps,
/// 0 for free format; sample rate; frame length in bytes when known).
fn mp3_header(bytes: &[u8], at: usize) -> Option<(u32, u32, Option<usize>)> {
    let h = bytes.get(at..at + 4)?;
    if h[0] != 0xFF || h[1] & 0xE0 != 0xE0 {
        return None;
    }
    let version = (h[1] >> 3) & 0b11; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
    let layer = (h[1] >> 1) & 0b11; // 1: layer III
    if version == 1 || layer != 1 {
        return None;
    }
    let bitrate_index = (h[2] >> 4) as usize;
    let rate_index = ((h[2] >> 2) & 0b11) as usize;
    if bitrate_index == 15 || rate_index == 3 {
        return None;
    }
    let padding = ((h[2] >> 1) & 1) as usize;
    let (bitrate, sample_rate, factor) = match version {
        3 => (
            MPEG1_L3_KBPS[bitrate_index],
            [44_100, 48_000, 32_000][rate_index],
            144,
        ),
        2 => (
            MPEG2_L3_KBPS[bitrate_index],
            [22_050, 24_000, 16_000][rate_index],
            72,
        ),
        _ => (
            MPEG2_L3_KBPS[bitrate_index],
            [11_025, 12_000, 8_000][rate_index],
            72,
        ),
    };
    let length =
        (bitrate > 0).then(|| factor * bitrate as usize * 1000 / sample_rate as usize + padding);
    Some((bitrate, sample_rate, length))
}

/// Length of an ID3v2 tag at the start, if any.
fn id3_length(bytes: &[u8]) -> usize {
    match bytes.get(..10) {
        Some(h) if &h[..3] == b"ID3" => {
            let size = h[6..10]
                .iter()
                .fold(0usize, |acc, b| (acc << 7) | (*b as usize & 0x7F));
            let footer = if h[5] & 0x10 != 0 { 10 } else { 0 };
            10 + size + footer
        }
        _ => 0,
    }
}

/// Sniffs the first bytes of a response body.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    let text_start: String = String::from_utf8_lossy(&bytes[..bytes.len().min(512)])
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_lowercase();
    if text_start.starts_with("#extm3u") {
        return if text_start.contains("#ext-x-") {
            Sniffed::HlsPlaylist
        } else {
            Sniffed::M3uPlaylist
        };
    }
    if text_start.starts_with("[playlist]") {
        return Sniffed::PlsPlaylist;
    }
    if text_start.starts_with("<!doctype html")
        || text_start.starts_with("<html")
        || text_start.starts_with("<?xml")
        || text_start.starts_with("<head")
    {
        return Sniffed::Html;
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Sniffed::Mp4 {
            brand: String::from_utf8_lossy(&bytes[8..12]).trim().to_string(),
        };
    }
    let start = id3_length(bytes);
    // Look for two consecutive frames (one frame alone may be a false sync).
    let limit = bytes.len().min(start + 8_192);
    for at in start..limit {
        if let Some((bitrate, sample_rate, length)) = mp3_header(bytes, at) {
            let confirmed = match length {
                Some(length) if at + length + 4 <= bytes.len() => {
                    mp3_header(bytes, at + length).is_some()
                }
                Some(_) => true,
                None => true,
            };
            if confirmed {
                return Sniffed::Mp3 {
                    bitrate_kbps: (bitrate > 0).then_some(bitrate),
                    sample_rate,
                };
            }
        }
        // ADTS AAC: 12-bit sync 0xFFF with layer 00.
        if bytes[at] == 0xFF && bytes.get(at + 1).is_some_and(|b| b & 0xF6 == 0xF0) {
            if let Some(b) = bytes.get(at + 2) {
                let index = ((b >> 2) & 0x0F) as usize;
                const RATES: [u32; 13] = [
                    96_000, 88_200, 64_000, 48_000, 44_100, 32_000, 24_000, 22_050, 16_000, 12_000,
                    11_025, 8_000, 7_350,
                ];
                if let Some(rate) = RATES.get(index) {
                    return Sniffed::AacAdts { sample_rate: *rate };
                }
            }
        }
    }
    Sniffed::Unknown
}

/// What an HLS playlist says about itself (RFC 8216).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hls {
    /// A master playlist (`#EXT-X-STREAM-INF`): variants, no segments; the
    /// URI of its first variant, as written.
    Master { variant: Option<String> },
    /// A media playlist that ends: `#EXT-X-ENDLIST` (RFC 8216 4.3.3.4: no
    /// more segments will be added), or `#EXT-X-PLAYLIST-TYPE:VOD`, which
    /// promises it (4.3.3.5) and is read near the top of a long playlist.
    OnDemand,
    /// A media playlist without an end: the player reloads it for new
    /// segments (RFC 8216 6.3.4), a live stream.
    Live,
}

/// Reads an HLS playlist's text (the whole playlist, or as much as was read).
pub fn hls(text: &str) -> Hls {
    let mut lines = text.lines().map(str::trim);
    let mut live_tags = false;
    while let Some(line) = lines.next() {
        let upper = line.to_ascii_uppercase();
        if upper.starts_with("#EXT-X-STREAM-INF") {
            let variant = lines
                .find(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string);
            return Hls::Master { variant };
        }
        if upper.starts_with("#EXT-X-ENDLIST") || upper.starts_with("#EXT-X-PLAYLIST-TYPE:VOD") {
            return Hls::OnDemand;
        }
        live_tags |= upper.starts_with("#EXT-X-TARGETDURATION")
            || upper.starts_with("#EXT-X-MEDIA-SEQUENCE")
            || upper.starts_with("#EXTINF");
    }
    // Segments (or the tags of a media playlist) and no end: live.
    if live_tags {
        Hls::Live
    } else {
        Hls::OnDemand
    }
}

/// The first stream a PLS (`File1=…`) or plain M3U (the first line that is
/// not a comment) playlist names, as written.
pub fn playlist_entry(text: &str) -> Option<String> {
    let text = text.trim_start_matches('\u{feff}');
    let lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    if text
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("[playlist]")
    {
        let mut files: Vec<(u32, String)> = lines
            .filter_map(|line| {
                let (key, value) = line.split_once('=')?;
                let number = key
                    .trim()
                    .to_ascii_lowercase()
                    .strip_prefix("file")?
                    .parse()
                    .ok()?;
                Some((number, value.trim().to_string()))
            })
            .filter(|(_, value)| !value.is_empty())
            .collect();
        files.sort_by_key(|(number, _)| *number);
        return files.into_iter().next().map(|(_, value)| value);
    }
    lines
        .filter(|l| !l.starts_with('#'))
        .map(str::to_string)
        .next()
}

/// MPEG-1 Layer III frames (44.1 kHz, no padding) at a bitrate: test data
/// for the probe and its tests.
pub fn mp3_frames(bitrate_kbps: u32, frames: usize) -> Vec<u8> {
    let index = MPEG1_L3_KBPS
        .iter()
        .position(|b| *b == bitrate_kbps)
        .unwrap_or(9) as u8;
    let length = 144 * bitrate_kbps.max(32) as usize * 1000 / 44_100;
    let mut out = Vec::with_capacity(length * frames);
    for _ in 0..frames {
        let mut frame = vec![0u8; length];
        frame[..4].copy_from_slice(&[0xFF, 0xFB, index << 4, 0x44]);
        out.extend_from_slice(&frame);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_formats() {
        assert_eq!(
            sniff(&mp3_frames(128, 4)),
            Sniffed::Mp3 {
                bitrate_kbps: Some(128),
                sample_rate: 44_100
            }
        );
        let mut tagged = b"ID3\x04\x00\x00\x00\x00\x00\x0a".to_vec();
        tagged.extend_from_slice(&[0u8; 10]);
        tagged.extend(mp3_frames(320, 3));
        assert_eq!(
            sniff(&tagged),
            Sniffed::Mp3 {
                bitrate_kbps: Some(320),
                sample_rate: 44_100
            }
        );
        assert_eq!(
            sniff(b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00"),
            Sniffed::Mp4 {
                brand: "M4A".into()
            }
        );
        assert_eq!(
            sniff(b"#EXTM3U\n#EXT-X-VERSION:3\n#EXTINF:10,\na.ts\n"),
            Sniffed::HlsPlaylist
        );
        assert_eq!(
            sniff(b"#EXTM3U\n#EXTINF:123,Song\nhttps://e/a.mp3\n"),
            Sniffed::M3uPlaylist
        );
        assert_eq!(
            sniff(b"[playlist]\nFile1=https://e/a.mp3\n"),
            Sniffed::PlsPlaylist
        );
        assert_eq!(
            sniff(b"<!DOCTYPE html><html><body>Login</body></html>"),
            Sniffed::Html
        );
        assert_eq!(sniff(b"plain text that is not audio"), Sniffed::Unknown);
    }

    #[test]
    fn reads_what_a_playlist_says() {
        let live =
            "#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXT-X-MEDIA-SEQUENCE:812\n#EXTINF:6,\ns812.aac\n";
        assert_eq!(hls(live), Hls::Live);
        assert_eq!(hls(&format!("{live}#EXT-X-ENDLIST\n")), Hls::OnDemand);
        assert_eq!(
            hls("#EXTM3U\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\na.ts\n"),
            Hls::OnDemand
        );
        assert_eq!(
            hls("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=128000,CODECS=\"mp4a.40.2\"\n\nlow/index.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=320000\nhigh/index.m3u8\n"),
            Hls::Master { variant: Some("low/index.m3u8".into()) }
        );
        assert_eq!(
            playlist_entry("[playlist]\nNumberOfEntries=2\nFile2=https://b/x\nTitle1=A\nFile1=https://a/live\n"),
            Some("https://a/live".into())
        );
        assert_eq!(
            playlist_entry("#EXTM3U\n#EXTINF:-1,Radio\nhttps://a/stream.mp3\n"),
            Some("https://a/stream.mp3".into())
        );
        assert_eq!(playlist_entry("[playlist]\nNumberOfEntries=0\n"), None);
    }
}
