//! `jukebox catalog check|import`: the owner's catalog, validated (and with
//! `--probe`, every stream fetched as an Echo would) before listeners meet it.

pub mod check;
pub mod import;
pub mod scan;

pub use check::CheckArgs;
pub use import::ImportArgs;
pub use scan::ScanArgs;

use std::path::PathBuf;

use anyhow::Context;
use jukebox::catalog::{CatalogRules, Track};
use jukebox::probe::{probe_tracks, ProbeOptions, TrackReport};
use jukebox::settings::Settings;

/// The tracks with their `s3://` URLs signed, as the skill signs them for a
/// device: the probe then sees what the Echo will see (with this machine's
/// AWS credentials rather than the function's role).
async fn signed(tracks: &[Track], settings: &Settings) -> anyhow::Result<Vec<Track>> {
    use jukebox::catalog::s3::S3Object;
    use jukebox::ports::MediaSigner;
    let signer =
        jukebox::store::s3::S3Signer::new(settings.stream_urls.clone()?, settings.s3_path_style);
    let mut out = Vec::with_capacity(tracks.len());
    for track in tracks {
        let mut track = track.clone();
        for url in std::iter::once(&mut track.url).chain(track.image_url.as_mut()) {
            if let Ok(object) = S3Object::parse(url) {
                *url = signer.sign(&object).await.map_err(|err| {
                    anyhow::anyhow!(
                        "cannot sign {url} to probe it: {}",
                        jukebox::error::chain(&err)
                    )
                })?;
            }
        }
        out.push(track);
    }
    Ok(out)
}

/// The row rules' flags, shared by check and import.
#[derive(clap::Args)]
pub struct RuleArgs {
    /// Also accept stream and image URLs on this port (repeatable). Only 443
    /// is known to play on Echo devices: vouch for another after trying it.
    #[arg(long = "stream-port", value_name = "PORT")]
    stream_ports: Vec<u16>,
    /// The largest catalog file read, in MiB (an endless pipe stops there).
    #[arg(long, value_name = "MIB", default_value_t = 256)]
    max_file_mb: u64,
}

impl RuleArgs {
    /// The rules check and import share: a row `catalog check` passes is a
    /// row `catalog import` writes.
    pub fn rules(&self) -> CatalogRules {
        CatalogRules {
            extra_ports: self.stream_ports.clone(),
            fits_storage: Some(jukebox::store::dynamodb::check_fits),
            max_file_bytes: Some(self.max_file_mb.saturating_mul(1024 * 1024)),
        }
    }
}

/// The probe's flags, shared by check and import.
#[derive(clap::Args)]
pub struct ProbeArgs {
    /// Fetch the start of every stream and cover image as an Echo would, and check it will play.
    #[arg(long)]
    pub probe: bool,
    /// Seconds to wait for one server before calling it stalled.
    #[arg(long, default_value_t = 10)]
    timeout: u64,
    /// Extra certificate authorities to trust (PEM), for private hosting.
    #[arg(long)]
    ca_file: Option<PathBuf>,
}

impl ProbeArgs {
    pub fn options(&self, concurrency: usize) -> anyhow::Result<ProbeOptions> {
        let extra_ca_pem = match &self.ca_file {
            Some(path) => Some(
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?,
            ),
            None => None,
        };
        Ok(ProbeOptions {
            concurrency,
            timeout: std::time::Duration::from_secs(self.timeout.max(1)),
            extra_ca_pem,
            ..ProbeOptions::default()
        })
    }
}

/// Probes tracks with a progress bar on a terminal.
pub async fn probe_with_progress(
    tracks: &[Track],
    options: &ProbeOptions,
    settings: &Settings,
) -> anyhow::Result<Vec<TrackReport>> {
    let signed = signed(tracks, settings).await?;
    let bar = jukebox::progress::bar(tracks.len() as u64, "streams", true);
    let mut reports = probe_tracks(&signed, options, &|| bar.inc(1)).await?;
    bar.finish_and_clear();
    // Reports name the catalog's own URLs, never a signed one (its query
    // grants hours of access to the object).
    for (report, track) in reports.iter_mut().zip(tracks) {
        report.stream.url = track.url.clone();
        if let (Some(image), Some(url)) = (report.image.as_mut(), &track.image_url) {
            image.url = url.clone();
        }
    }
    Ok(reports)
}
