//! `jukebox catalog check --probe`: fetches the start of every stream (and
//! its cover art) the way an Echo would, and says in plain words whether it
//! will play: HTTPS all the way through redirects with a trusted
//! certificate, an audio content type, range support for resuming, a format
//! an Echo plays (MP3 at 16–384 kbps, AAC/MP4, HLS, M3U, PLS).

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
use sniff::{sniff, Sniffed};

/// Bytes fetched from the start of each stream to sniff its format.
const SNIFF_BYTES: u64 = 16 * 1024;
/// Redirects followed before giving up.
const MAX_REDIRECTS: usize = 10;
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
                    probe_stream(client, &track.url, track.duration_ms).await
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
    body: Vec<u8>,
}

/// GET with `Range: bytes=0-…`, following redirects by hand; every hop must be HTTPS.
async fn fetch_start(
    client: &reqwest::Client,
    report: &mut UrlReport,
    wanted: u64,
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
        let mut body = Vec::new();
        let mut response = response;
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    body.extend_from_slice(&chunk);
                    if body.len() as u64 >= wanted {
                        body.truncate(wanted as usize);
                        break;
                    }
                }
                Ok(None) => break,
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

/// Probes a stream URL.
pub async fn probe_stream(
    client: &reqwest::Client,
    url: &str,
    duration_ms: Option<u64>,
) -> UrlReport {
    let mut report = UrlReport {
        url: url.to_string(),
        ..UrlReport::default()
    };
    let Some(fetched) = fetch_start(client, &mut report, SNIFF_BYTES).await else {
        return report;
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
        return report;
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
        return report;
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
        return report;
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
    if !ranges && !playlist {
        report.add(
            Verdict::Warning,
            "ignores range requests: resuming after a pause will start the track over",
        );
    }
    if report.content_length.is_none() && !playlist {
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
    report
}

/// Probes a cover-art URL: reachable, an image.
pub async fn probe_image(client: &reqwest::Client, url: &str) -> UrlReport {
    let mut report = UrlReport {
        url: url.to_string(),
        ..UrlReport::default()
    };
    let Some(fetched) = fetch_start(client, &mut report, 1024).await else {
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
