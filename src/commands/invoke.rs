//! `jukebox invoke`: envelopes through the skill, one response JSON per line.

use std::path::PathBuf;
use std::process::ExitCode;

use jukebox::invoke::{self, Source};
use jukebox::settings::Settings;
use jukebox::wiring::{build_skill, Host};

#[derive(clap::Args)]
pub struct InvokeArgs {
    /// Catalog file (JSON Lines, JSON array or CSV); the sample catalog when absent.
    #[arg(long, conflicts_with = "dynamodb")]
    catalog: Option<PathBuf>,
    /// Playlists: an M3U/M3U8 file or a folder of them, whose entries are the
    /// catalog's stream URLs or track ids (besides a JSON catalog's own `playlists`).
    #[arg(long, conflicts_with = "dynamodb")]
    playlists: Option<PathBuf>,
    /// Use the DynamoDB tables named by CATALOG_TABLE and PLAYBACK_TABLE.
    #[arg(long)]
    dynamodb: bool,
    /// The allow-list for the embedded store (one email address a line),
    /// honoured with LISTENERS=allow-list as the Lambda honours its table's.
    #[arg(long, conflicts_with = "dynamodb")]
    listeners: Option<PathBuf>,
    /// Login with Amazon's API base URL (https), instead of LWA_API_URL.
    #[arg(long)]
    lwa_url: Option<String>,
    /// Envelope files, or `-` to read JSON Lines from stdin.
    #[arg(required = true)]
    events: Vec<PathBuf>,
}

pub async fn run(args: InvokeArgs, settings: &Settings) -> anyhow::Result<ExitCode> {
    let skill = build_skill(
        &Host::Local {
            catalog: args.catalog,
            playlists: args.playlists,
            dynamodb: args.dynamodb,
            listeners: args.listeners,
            lwa_url: args.lwa_url,
        },
        settings,
    )
    .await?;
    let source = if args.events.len() == 1 && args.events[0].as_os_str() == "-" {
        Source::Stdin
    } else {
        Source::Files(args.events)
    };
    let summary = invoke::run(&skill, &source, &mut tokio::io::stdout()).await?;
    // The misses and plays of the last request, which no later one writes.
    skill.flush_insights().await;
    if summary.refused > 0 {
        eprintln!(
            "jukebox: {} of {} envelope(s) refused",
            summary.refused,
            summary.refused + summary.answered
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
