//! `jukebox`: the developer's command line.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};
use jukebox::catalog::{Catalog, MemoryCatalog};
use jukebox::invoke::{self, Source};
use jukebox::playback::{MemoryPlaybackStore, PlaybackStore};
use jukebox::skill::{Skill, SkillConfig, SkillIdPolicy};

#[derive(Parser)]
#[command(
    name = "jukebox",
    version,
    about = "An Alexa music skill backend: run it locally, manage its catalog and tables."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run Alexa request envelopes through the skill, one response JSON per line.
    Invoke {
        /// Catalog file (JSON Lines, JSON array or CSV); the sample catalog when absent.
        #[arg(long)]
        catalog: Option<PathBuf>,
        /// Envelope files, or `-` to read JSON Lines from stdin.
        #[arg(required = true)]
        events: Vec<PathBuf>,
    },
}

/// The skill id policy of local commands: `SKILL_ID` when set, else any (said on stderr).
fn local_skill_id() -> SkillIdPolicy {
    SkillIdPolicy::from_env().unwrap_or_else(|| {
        eprintln!("jukebox: SKILL_ID is not set; accepting requests for any skill id (local use).");
        SkillIdPolicy::AcceptAny
    })
}

fn memory_catalog(path: Option<&PathBuf>) -> anyhow::Result<Arc<dyn Catalog>> {
    Ok(match path {
        Some(path) => Arc::new(MemoryCatalog::from_file(path)?),
        None => Arc::new(MemoryCatalog::sample()),
    })
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("RUST_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    init_logging();
    match run(Cli::parse()).await {
        Ok(code) => code,
        Err(err) => {
            eprintln!("jukebox: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<std::process::ExitCode> {
    match cli.command {
        Command::Invoke { catalog, events } => {
            let catalog = memory_catalog(catalog.as_ref()).context("cannot load the catalog")?;
            let playback: Arc<dyn PlaybackStore> = Arc::new(MemoryPlaybackStore::new());
            let skill = Skill::new(SkillConfig::new(local_skill_id()), catalog, playback);
            let source = if events.len() == 1 && events[0].as_os_str() == "-" {
                Source::Stdin
            } else {
                Source::Files(events)
            };
            let summary = invoke::run(&skill, &source, &mut tokio::io::stdout()).await?;
            if summary.refused > 0 {
                eprintln!(
                    "jukebox: {} of {} envelope(s) refused",
                    summary.refused,
                    summary.refused + summary.answered
                );
                return Ok(std::process::ExitCode::FAILURE);
            }
            Ok(std::process::ExitCode::SUCCESS)
        }
    }
}
