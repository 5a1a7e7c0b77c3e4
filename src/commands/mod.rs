//! The `jukebox` binary's commands, one module per family (as mini-redis
//! keeps one per command). Each takes its parsed arguments and returns the
//! process's exit code; errors carry their context for the one line
//! `main` prints.

pub mod catalog;
pub mod chat;
pub mod invoke;
pub mod listeners;
pub mod model;
pub mod report;
pub mod tables;

use std::path::PathBuf;

use jukebox::wiring::Host;

/// Where a local run's skill finds its catalog and state: the options
/// `invoke` and `chat` share.
#[derive(clap::Args)]
pub struct LocalSkillArgs {
    /// Catalog file (JSON Lines, JSON array or CSV); the sample catalog when absent.
    #[arg(long, conflicts_with = "dynamodb")]
    pub catalog: Option<PathBuf>,
    /// Playlists: an M3U/M3U8 file or a folder of them, whose entries are the
    /// catalog's stream URLs or track ids (besides a JSON catalog's own `playlists`).
    #[arg(long, conflicts_with = "dynamodb")]
    pub playlists: Option<PathBuf>,
    /// Use the DynamoDB tables named by CATALOG_TABLE and PLAYBACK_TABLE.
    #[arg(long)]
    pub dynamodb: bool,
    /// The allow-list for the embedded store (one email address a line),
    /// honoured with LISTENERS=allow-list as the Lambda honours its table's.
    #[arg(long, conflicts_with = "dynamodb")]
    pub listeners: Option<PathBuf>,
    /// Login with Amazon's API base URL (https), instead of LWA_API_URL.
    #[arg(long)]
    pub lwa_url: Option<String>,
}

impl LocalSkillArgs {
    /// The host a local run builds its skill for.
    pub fn host(self) -> Host {
        Host::Local {
            catalog: self.catalog,
            playlists: self.playlists,
            dynamodb: self.dynamodb,
            listeners: self.listeners,
            lwa_url: self.lwa_url,
        }
    }
}
