//! `jukebox catalog check --probe`: fetches the start of every stream (and
//! its cover art) the way an Echo would, and says in plain words whether it
//! will play: HTTPS all the way through redirects with a trusted
//! certificate, an audio content type, range support for resuming, a format
//! an Echo plays (MP3 at 16–384 kbps, AAC/MP4, HLS, M3U, PLS); and whether
//! the stream is live (ICY headers, a body that does not end, a live HLS
//! playlist), which only a station row may be.
//!
//! The formats are Amazon's list for `AudioPlayer.Play` ("AAC/MP4, MP3,
//! PLS, M3U/M3U8, HLS", developer.amazon.com/en-US/docs/alexa/custom-skills/use-long-form-audio.html);
//! Amazon's media support list for Alexa devices names SHOUTcast/Icecast
//! streams, HLS on demand and HLS live, and PLS and M3U playlists whose
//! entries are such streams
//! (developer.amazon.com/docs/alexa-voice-service/recommended-media-support.html).

pub mod sniff;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use futures::stream::{self, StreamExt};
use reqwest::header::{
    HeaderMap, ACCEPT_RANGES, CONTENT_LENGTH, CONTENT_RANGE, CONTENT_TYPE, LOCATION, RANGE,
};
use serde::Serialize;
use tokio::sync::Semaphore;

use crate::catalog::Track;
use sniff::{hls, playlist_entry, sniff, Hls, Sniffed};

/// Bytes fetched from the start of each stream to sniff its format.
const SNIFF_BYTES: u64 = 16 * 1024;
/// Redirects followed before giving up.
const MAX_REDIRECTS: usize = 10;
/// Bytes read, at most, from a body that sends no length before calling
/// it endless: a live stream never ends, and a probe must.
pub const ENDLESS_BYTES: u64 = 128 * 1024;
/// Longest wait for more of a body that sends no length, once some came: a
/// live stream trickles at its bitrate (16 KB/s at 128 kbps) after the
/// first burst, so bytes alone would take most of the timeout.
const ENDLESS_WAIT: Duration = Duration::from_secs(2);
/// Bytes read of a playlist cut short by the first read: a long on-demand
/// HLS playlist ends with `#EXT-X-ENDLIST` after thousands of lines.
const PLAYLIST_BYTES: u64 = 256 * 1024;
/// Bitrates an Echo plays for MP3 (kbps).
const MP3_KBPS: std::ops::RangeInclusive<u32> = 16..=384;

#[derive(Debug, Clone)]
pub struct ProbeOptions {
    /// Streams probed at once.
    pub concurrency: usize,
    /// Streams probed at once on one host: polite to small servers.
    pub per_host: usize,
    /// Longest wait for one request, connection to last byte needed.
    pub timeout: Duration,
    /// Extra certificate authorities to trust (PEM), for private hosting and tests.
    pub extra_ca_pem: Option<Vec<u8>>,
}

impl Default for ProbeOptions {
    fn default() -> Self {
        ProbeOptions {
            concurrency: 16,
            per_host: 4,
            timeout: Duration::from_secs(10),
            extra_ca_pem: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Ok,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub verdict: Verdict,
    pub reason: String,
}

/// What the row is meant to be: an Echo treats a live stream differently
/// (no duration, no `PlaybackNearlyFinished`, nothing before or after it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Track,
    Station,
}

/// How a stream showed itself to be live.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Live {
    /// Icecast/SHOUTcast response headers (`icy-name`, `icy-br`,
    /// `icy-metaint`, `ice-audio-info`, …), each as `name: value`.
    Icy { headers: Vec<String> },
    /// No length, and the body was still coming when the probe stopped
    /// reading it (after [`ENDLESS_BYTES`] or a short wait).
    EndlessBody,
    /// An HLS media playlist without `#EXT-X-ENDLIST`.
    HlsLive,
}

impl Live {
    /// In plain words, for a finding.
    pub fn describe(&self) -> String {
        match self {
            Live::Icy { headers } => format!("Icecast/SHOUTcast headers {}", headers.join(", ")),
            Live::EndlessBody => format!(
                "no length, and still sending when the probe stopped reading at {} KiB or {} s",
                ENDLESS_BYTES / 1024,
                ENDLESS_WAIT.as_secs()
            ),
            Live::HlsLive => "an HLS playlist without #EXT-X-ENDLIST".to_string(),
        }
    }
}

/// What probing one URL found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UrlReport {
    pub url: String,
    /// Every redirect target, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub redirects: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_length: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range_support: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bitrate_kbps: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sample_rate: Option<u32>,
    pub findings: Vec<Finding>,
    /// Body bytes read: bounded even when the stream never ends.
    pub bytes_read: u64,
    /// How the stream showed itself live, when it did (for a playlist: the
    /// stream it names).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub live: Option<Live>,
    /// The stream a PLS or M3U playlist names, or an HLS master playlist's
    /// first variant, probed in turn (one step, never further).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inner: Option<Box<UrlReport>>,
    /// The server could not be reached or was down (DNS, connection,
    /// timeout, 502/503/504): says nothing about the row itself, so an
    /// import must not treat it as a bad row.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unreachable: bool,
}

impl UrlReport {
    pub fn verdict(&self) -> Verdict {
        self.findings
            .iter()
            .map(|f| f.verdict)
            .max()
            .unwrap_or(Verdict::Ok)
    }

    fn add(&mut self, verdict: Verdict, reason: impl Into<String>) {
        self.findings.push(Finding {
            verdict,
            reason: reason.into(),
        });
    }
}

/// What probing one track found: its stream and its cover art.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrackReport {
    pub id: String,
    pub title: String,
    pub verdict: Verdict,
    pub stream: UrlReport,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<UrlReport>,
}

impl TrackReport {
    /// Whether the stream would fail on a device (art problems only warn).
    pub fn fails_on_device(&self) -> bool {
        self.stream.verdict() == Verdict::Error
    }

    /// Whether the stream could not be checked because its server was out of
    /// reach: the network's fault or the host's, not proof the row is bad.
    pub fn unreachable(&self) -> bool {
        self.stream.unreachable
    }

    /// Every finding in one line, most severe first.
    pub fn reasons(&self) -> String {
        let mut findings: Vec<(Verdict, String)> = self
            .stream
            .findings
            .iter()
            .map(|f| (f.verdict, f.reason.clone()))
            .collect();
        if let Some(image) = &self.image {
            findings.extend(
                image
                    .findings
                    .iter()
                    .map(|f| (f.verdict, format!("cover art: {}", f.reason))),
            );
        }
        findings.sort_by_key(|f| std::cmp::Reverse(f.0));
        findings
            .into_iter()
            .map(|(_, r)| r)
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// An HTTP client as strict as an Echo: certificates verified against the
/// system's trust store (plus `extra_ca_pem`), redirects followed by hand
/// so that every hop can be checked.
pub fn client(options: &ProbeOptions) -> anyhow::Result<reqwest::Client> {
    let mut builder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(options.timeout)
        .timeout(options.timeout)
        .user_agent(concat!("jukebox-catalog-check/", env!("CARGO_PKG_VERSION")));
    if let Some(pem) = &options.extra_ca_pem {
        builder = builder.tls_certs_merge(crate::https::extra_certificates(pem, "the CA file")?);
    }
    builder.build().context("cannot build the HTTP client")
}

/// Probes every track's stream and cover art, `concurrency` at a time and at
/// most `per_host` at once on one host; `progress` is called after each track.
pub async fn probe_tracks(
    tracks: &[Track],
    options: &ProbeOptions,
    progress: &(dyn Fn() + Sync),
) -> anyhow::Result<Vec<TrackReport>> {
    let client = client(options)?;
    let hosts: std::sync::Mutex<HashMap<String, Arc<Semaphore>>> = Default::default();
    let host_gate = |url: &str| {
        let host = host_of(url);
        let mut hosts = hosts.lock().unwrap_or_else(|e| e.into_inner());
        Arc::clone(
            hosts
                .entry(host)
                .or_insert_with(|| Arc::new(Semaphore::new(options.per_host.max(1)))),
        )
    };
    let reports = stream::iter(tracks.iter().enumerate())
        .map(|(index, track)| {
            let client = &client;
            let host_gate = &host_gate;
            async move {
                let stream = {
                    let gate = host_gate(&track.url);
                    let _permit = gate.acquire().await;
                    let kind = if track.live {
                        RowKind::Station
                    } else {
                        RowKind::Track
                    };
                    probe_stream(client, &track.url, track.duration_ms, kind).await
                };
                let image = match &track.image_url {
                    Some(url) => {
                        let gate = host_gate(url);
                        let _permit = gate.acquire().await;
                        Some(probe_image(client, url).await)
                    }
                    None => None,
                };
                let verdict = stream.verdict().max(
                    image
                        .as_ref()
                        .map_or(Verdict::Ok, |i| i.verdict().min(Verdict::Warning)),
                );
                progress();
                (
                    index,
                    TrackReport {
                        id: track.id.clone(),
                        title: track.title.clone(),
                        verdict,
                        stream,
                        image,
                    },
                )
            }
        })
        .buffer_unordered(options.concurrency.max(1))
        .collect::<Vec<_>>()
        .await;
    let mut reports = reports;
    reports.sort_by_key(|(index, _)| *index);
    Ok(reports.into_iter().map(|(_, report)| report).collect())
}

fn host_of(url: &str) -> String {
    url.split("://")
        .nth(1)
        .unwrap_or(url)
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// The response to a ranged GET after following redirects, with its first bytes.
struct Fetched {
    status: u16,
    headers: HeaderMap,
    /// The start of the body: what was asked for, or, of a body without a
    /// length, what was read to see whether it ends.
    body: Vec<u8>,
    /// `body` is the whole body.
    complete: bool,
    /// The body sends no length and was still coming when reading stopped.
    endless: bool,
}

/// GET with `Range: bytes=0-…`, following redirects by hand; every hop must be HTTPS.
async fn fetch_start(
    client: &reqwest::Client,
    report: &mut UrlReport,
    wanted: u64,
    watch_end: bool,
) -> Option<Fetched> {
    let mut url = report.url.clone();
    for hop in 0..=MAX_REDIRECTS {
        if !url.starts_with("https://") {
            let reason = if hop == 0 {
                "is not https: an Echo only plays https:// streams".to_string()
            } else {
                format!("redirects to {url} (hop {hop}), which is not https: an Echo will not follow it")
            };
            report.add(Verdict::Error, reason);
            return None;
        }
        let response = match client
            .get(&url)
            .header(RANGE, format!("bytes=0-{}", wanted - 1))
            .send()
            .await
        {
            Ok(response) => response,
            // hyper refuses a status line that is not HTTP/1.x, and does
            // not show it: from a stream URL, most likely a SHOUTcast 1
            // server's `ICY 200 OK`.
            Err(err) if error_chain(&err).contains("invalid HTTP version") => {
                report.add(
                    Verdict::Warning,
                    "answers with a status line that is not HTTP (a SHOUTcast 1 server answers `ICY 200 OK`): the probe cannot check it; Amazon lists SHOUTcast streams as playable, so try it on a device, or serve it from Icecast or SHOUTcast 2, which answer in HTTP",
                );
                return None;
            }
            Err(err) => {
                let (reason, unreachable) = explain(&err);
                report.add(Verdict::Error, reason);
                report.unreachable = unreachable;
                return None;
            }
        };
        let status = response.status();
        if status.is_redirection() {
            let Some(location) = response
                .headers()
                .get(LOCATION)
                .and_then(|l| l.to_str().ok())
            else {
                report.add(
                    Verdict::Error,
                    format!("answers {status} without a Location to go to"),
                );
                return None;
            };
            url = match reqwest::Url::parse(&url).and_then(|base| base.join(location)) {
                Ok(next) => next.to_string(),
                Err(_) => {
                    report.add(
                        Verdict::Error,
                        format!("redirects to an invalid address {location:?}"),
                    );
                    return None;
                }
            };
            report.redirects.push(url.clone());
            continue;
        }
        let headers = response.headers().clone();
        // A whole answer (200) without a length may never end: read on, to
        // a bound in bytes and in time, to see whether it does.
        let open_ended =
            watch_end && status == reqwest::StatusCode::OK && !headers.contains_key(CONTENT_LENGTH);
        let limit = if open_ended {
            wanted.max(ENDLESS_BYTES)
        } else {
            wanted
        };
        let deadline = tokio::time::Instant::now() + ENDLESS_WAIT;
        let mut body = Vec::new();
        let mut response = response;
        let (mut complete, mut endless) = (false, false);
        loop {
            let next = if open_ended && !body.is_empty() {
                match tokio::time::timeout_at(deadline, response.chunk()).await {
                    Ok(next) => next,
                    Err(_) => {
                        endless = true;
                        break;
                    }
                }
            } else {
                response.chunk().await
            };
            match next {
                Ok(Some(chunk)) => {
                    body.extend_from_slice(&chunk);
                    report.bytes_read += chunk.len() as u64;
                    if body.len() as u64 >= limit {
                        body.truncate(limit as usize);
                        endless = open_ended;
                        break;
                    }
                }
                Ok(None) => {
                    complete = true;
                    break;
                }
                // The client's own timeout in the middle of a body that
                // was coming: still coming, not a stalled server.
                Err(err) if open_ended && err.is_timeout() && !body.is_empty() => {
                    endless = true;
                    break;
                }
                Err(err) => {
                    let (reason, unreachable) = explain(&err);
                    report.add(Verdict::Error, reason);
                    report.unreachable = unreachable;
                    return None;
                }
            }
        }
        return Some(Fetched {
            status: status.as_u16(),
            headers,
            body,
            complete,
            endless,
        });
    }
    report.add(
        Verdict::Error,
        format!("more than {MAX_REDIRECTS} redirects"),
    );
    None
}

/// A request error in the words a catalog owner needs, and whether it means
/// the server was out of reach (DNS, connection, timeout) rather than wrong.
fn explain(err: &reqwest::Error) -> (String, bool) {
    let chain = error_chain(err);
    let lower = chain.to_lowercase();
    if err.is_timeout() || lower.contains("timed out") {
        (
            "did not answer in time (a stalled or very slow server)".to_string(),
            true,
        )
    } else if lower.contains("certificate")
        || lower.contains("unknownissuer")
        || lower.contains("invalid peer")
    {
        (
            format!("the TLS certificate is not trusted, an Echo will refuse it ({chain})"),
            false,
        )
    } else if err.is_connect() {
        (format!("cannot connect ({chain})"), true)
    } else {
        (format!("the request failed ({chain})"), false)
    }
}

/// A request error and its causes in one line.
fn error_chain(err: &reqwest::Error) -> String {
    // reqwest names the URL in its message: without its query, which may
    // hold a signature (a presigned s3:// stream is valid for hours).
    let mut chain = match err.url() {
        Some(url) if url.query().is_some() => {
            let mut shown = url.clone();
            shown.set_query(None);
            err.to_string().replace(url.as_str(), shown.as_str())
        }
        _ => err.to_string(),
    };
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        chain.push_str(": ");
        chain.push_str(&cause.to_string());
        source = cause.source();
    }
    chain
}

fn header(headers: &HeaderMap, name: reqwest::header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_string())
}

/// The total length: from `Content-Range: bytes 0-n/TOTAL`, else `Content-Length` of a 200.
fn total_length(fetched: &Fetched) -> Option<u64> {
    if fetched.status == 206 {
        header(&fetched.headers, CONTENT_RANGE)
            .and_then(|r| r.rsplit('/').next().and_then(|t| t.parse().ok()))
    } else {
        header(&fetched.headers, CONTENT_LENGTH).and_then(|l| l.parse().ok())
    }
}

/// Probes a stream URL, and says what an Echo will do with it as a track
/// row or as a station: a playlist (PLS, M3U, an HLS master) is followed
/// one step to the stream it names.
pub async fn probe_stream(
    client: &reqwest::Client,
    url: &str,
    duration_ms: Option<u64>,
    kind: RowKind,
) -> UrlReport {
    let (mut report, next) = probe_one(client, url, duration_ms).await;
    if let Some(next) = next {
        let (inner, _) = probe_one(client, &next, duration_ms).await;
        for finding in &inner.findings {
            report.add(
                finding.verdict,
                format!("its stream {}: {}", inner.url, finding.reason),
            );
        }
        report.unreachable |= inner.unreachable;
        report.live = inner.live.clone();
        report.inner = Some(Box::new(inner));
    }
    judge_live(&mut report, kind);
    report
}

/// What an Echo does with a live stream, or with a station that is not one.
fn judge_live(report: &mut UrlReport, kind: RowKind) {
    let answered = report.status.is_some_and(|s| (200..300).contains(&s))
        && report.verdict() != Verdict::Error;
    match (kind, &report.live) {
        (RowKind::Station, Some(live)) => report.add(
            Verdict::Ok,
            format!(
                "live ({}): an Echo plays it as a station, without end",
                live.describe()
            ),
        ),
        // Headers or a playlist that say "live": no doubt about it. A track
        // row plays in a queue, and a queue moves on when a track nearly
        // finishes, which an endless stream never does.
        (RowKind::Track, Some(live @ (Live::Icy { .. } | Live::HlsLive))) => report.add(
            Verdict::Error,
            format!(
                "is a live stream ({}) on a track row: an Echo would play it without end, with no duration, the next track would never come and next or previous would make no sense; move it to `stations`",
                live.describe()
            ),
        ),
        // A body that did not end may also be a very large file sent
        // without a length.
        (RowKind::Track, Some(live @ Live::EndlessBody)) => report.add(
            Verdict::Warning,
            format!(
                "looks live ({}), or is a very large file sent without a length; if it is live, move it to `stations`: on a track row the next track would never come",
                live.describe()
            ),
        ),
        (RowKind::Station, None) if answered => report.add(
            Verdict::Warning,
            format!(
                "is a station, but its stream does not look live ({}{}): an Echo will play it once and stop",
                report.inner.as_deref().and_then(|i| i.format.as_deref()).or(report.format.as_deref()).unwrap_or("unknown format"),
                match report.inner.as_deref().unwrap_or(report).content_length {
                    Some(length) => format!(", {length} bytes"),
                    None => ", it ended".to_string(),
                }
            ),
        ),
        (RowKind::Track, None) | (RowKind::Station, None) => {}
    }
}

/// The `icy-*` and `ice-*` headers of an Icecast or SHOUTcast server, as
/// `name: value` (long values cut). The probe does not send
/// `Icy-MetaData: 1`, which asks for song titles spliced into the audio
/// every `icy-metaint` bytes: the sniffed bytes stay plain audio, and the
/// server still names itself (`icy-name`, `icy-br`, `ice-audio-info`).
fn icy_headers(headers: &HeaderMap) -> Vec<String> {
    let mut found: Vec<String> = headers
        .iter()
        .filter(|(name, _)| {
            let name = name.as_str();
            name.starts_with("icy-") || name.starts_with("ice-")
        })
        .map(|(name, value)| {
            let value: String = String::from_utf8_lossy(value.as_bytes())
                .trim()
                .chars()
                .take(60)
                .collect();
            format!("{name}: {value}")
        })
        .collect();
    // The station's own name first, then the rest in a stable order.
    found.sort_by_key(|h| (!h.starts_with("icy-name:"), h.clone()));
    found
}

/// Probes one URL, without following a playlist; returns the stream a
/// playlist names (resolved against the URL), for the caller to follow.
async fn probe_one(
    client: &reqwest::Client,
    url: &str,
    duration_ms: Option<u64>,
) -> (UrlReport, Option<String>) {
    let mut report = UrlReport {
        url: url.to_string(),
        ..UrlReport::default()
    };
    let Some(mut fetched) = fetch_start(client, &mut report, SNIFF_BYTES, true).await else {
        return (report, None);
    };
    report.status = Some(fetched.status);
    report.content_type = header(&fetched.headers, CONTENT_TYPE);
    report.content_length = total_length(&fetched);
    if !(200..300).contains(&fetched.status) {
        let reason = reqwest::StatusCode::from_u16(fetched.status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("");
        report.add(
            Verdict::Error,
            format!("answers {} {reason}", fetched.status),
        );
        // A gateway or an overloaded host: the server is down for now.
        report.unreachable = matches!(fetched.status, 502..=504);
        return (report, None);
    }
    let ranges = fetched.status == 206
        || header(&fetched.headers, ACCEPT_RANGES)
            .is_some_and(|v| v.to_lowercase().contains("bytes"));
    report.range_support = Some(ranges);

    let content_type = report
        .content_type
        .clone()
        .unwrap_or_default()
        .to_lowercase();
    let sniffed = sniff(&fetched.body);
    report.format = Some(sniffed.name().to_string());
    if content_type.starts_with("text/html") || sniffed == Sniffed::Html {
        report.add(
            Verdict::Error,
            "serves a web page (text/html), not audio: an Echo cannot play it",
        );
        return (report, None);
    }
    if !sniffed.is_audio() {
        report.add(
            Verdict::Error,
            format!(
                "does not start like audio ({} bytes of {}); an Echo cannot play it",
                fetched.body.len(),
                if content_type.is_empty() {
                    "unknown type"
                } else {
                    &content_type
                }
            ),
        );
        return (report, None);
    }
    let declared_audio = content_type.starts_with("audio/")
        || content_type.contains("mpegurl")
        || content_type.starts_with("application/vnd.apple")
        || content_type.starts_with("video/mp4");
    if content_type.is_empty() {
        report.add(
            Verdict::Warning,
            format!(
                "sends no Content-Type; the data looks like {}",
                sniffed.name()
            ),
        );
    } else if !declared_audio {
        report.add(
            Verdict::Warning,
            format!(
                "sends Content-Type {content_type}, not an audio type; the data looks like {}",
                sniffed.name()
            ),
        );
    }
    let playlist = matches!(
        sniffed,
        Sniffed::HlsPlaylist | Sniffed::M3uPlaylist | Sniffed::PlsPlaylist
    );
    let icy = icy_headers(&fetched.headers);
    if !icy.is_empty() {
        report.live = Some(Live::Icy { headers: icy });
    } else if fetched.endless && !playlist {
        report.live = Some(Live::EndlessBody);
    }
    let mut next = None;
    if playlist {
        if !fetched.complete && (fetched.body.len() as u64) < PLAYLIST_BYTES {
            let mut again = UrlReport {
                url: url.to_string(),
                ..UrlReport::default()
            };
            if let Some(longer) = fetch_start(client, &mut again, PLAYLIST_BYTES, true).await {
                fetched = longer;
            }
            report.bytes_read += again.bytes_read;
        }
        let text = String::from_utf8_lossy(&fetched.body);
        let base = report.redirects.last().map_or(url, String::as_str);
        let resolve = |entry: &str| {
            reqwest::Url::parse(base)
                .and_then(|base| base.join(entry))
                .map(String::from)
                .unwrap_or_else(|_| entry.to_string())
        };
        match (&sniffed, hls(&text)) {
            // The end of a playlist longer than the probe reads was never
            // seen: a missing `#EXT-X-ENDLIST` there says nothing.
            (Sniffed::HlsPlaylist, Hls::Live) if !fetched.complete => report.add(
                Verdict::Warning,
                format!(
                    "is an HLS playlist longer than the {} KiB the probe reads: \
                     whether it ends (on demand) or goes on (live) could not be told",
                    PLAYLIST_BYTES / 1024
                ),
            ),
            (Sniffed::HlsPlaylist, Hls::Live) => report.live = Some(Live::HlsLive),
            (Sniffed::HlsPlaylist, Hls::OnDemand) => {}
            (
                Sniffed::HlsPlaylist,
                Hls::Master {
                    variant: Some(variant),
                },
            ) => {
                let variant = resolve(&variant);
                report.add(
                    Verdict::Ok,
                    format!("is an HLS master playlist: an Echo picks a variant; the first, {variant}, was checked"),
                );
                next = Some(variant);
            }
            (Sniffed::HlsPlaylist, Hls::Master { variant: None }) => report.add(
                Verdict::Error,
                "is an HLS master playlist that names no variant: an Echo has nothing to play",
            ),
            // PLS and M3U are formats `AudioPlayer.Play` takes: the Echo
            // opens the playlist and plays the stream it names.
            _ => match playlist_entry(&text) {
                Some(entry) => {
                    let entry = resolve(&entry);
                    report.add(
                        Verdict::Ok,
                        format!(
                            "is a {}: an Echo plays the stream it names first, {entry}",
                            sniffed.name()
                        ),
                    );
                    next = Some(entry);
                }
                None => report.add(
                    Verdict::Error,
                    format!(
                        "is a {} that names no stream: an Echo has nothing to play",
                        sniffed.name()
                    ),
                ),
            },
        }
    }
    // A live stream has no length and nothing to resume into: those
    // warnings are for files.
    let live = report.live.is_some();
    if !ranges && !playlist && !live {
        report.add(
            Verdict::Warning,
            "ignores range requests: resuming after a pause will start the track over",
        );
    }
    if report.content_length.is_none() && !playlist && !live {
        report.add(
            Verdict::Warning,
            "sends no length: devices cannot show progress or seek",
        );
    }
    if let Sniffed::Mp3 {
        bitrate_kbps,
        sample_rate,
    } = &sniffed
    {
        report.sample_rate = Some(*sample_rate);
        report.bitrate_kbps = *bitrate_kbps;
        match bitrate_kbps {
            Some(kbps) if !MP3_KBPS.contains(kbps) => report.add(
                Verdict::Error,
                format!("MP3 at {kbps} kbps; an Echo plays 16 to 384 kbps"),
            ),
            Some(_) => {}
            None => report.add(
                Verdict::Warning,
                "free-format MP3: its bitrate cannot be checked",
            ),
        }
        // The average bitrate from size and duration catches what frame
        // headers cannot say (free format, or a header table maxing at 320).
        if let (Some(length), Some(duration)) =
            (report.content_length, duration_ms.filter(|d| *d >= 1000))
        {
            // Both numbers come from outside (a header, a catalog row):
            // saturate rather than overflow on a hostile Content-Range.
            let average = u32::try_from(length.saturating_mul(8) / duration).unwrap_or(u32::MAX);
            if average > *MP3_KBPS.end() + 16 {
                report.add(Verdict::Error, format!("averages {average} kbps ({length} bytes over {} s); an Echo plays MP3 up to 384 kbps", duration / 1000));
            }
        }
    }
    if let Sniffed::AacAdts { sample_rate } | Sniffed::Mp3 { sample_rate, .. } = &sniffed {
        report.sample_rate = Some(*sample_rate);
        if *sample_rate < 16_000 {
            report.add(
                Verdict::Warning,
                format!("sampled at {sample_rate} Hz: it will sound poor"),
            );
        }
    }
    (report, next)
}

/// Probes a cover-art URL: reachable, an image.
pub async fn probe_image(client: &reqwest::Client, url: &str) -> UrlReport {
    let mut report = UrlReport {
        url: url.to_string(),
        ..UrlReport::default()
    };
    let Some(fetched) = fetch_start(client, &mut report, 1024, false).await else {
        return report;
    };
    report.status = Some(fetched.status);
    report.content_type = header(&fetched.headers, CONTENT_TYPE);
    if !(200..300).contains(&fetched.status) {
        report.add(Verdict::Error, format!("answers {}", fetched.status));
    } else if !report
        .content_type
        .as_deref()
        .unwrap_or("")
        .to_lowercase()
        .starts_with("image/")
    {
        report.add(
            Verdict::Error,
            format!(
                "is not an image ({})",
                report.content_type.as_deref().unwrap_or("no Content-Type")
            ),
        );
    }
    report
}
