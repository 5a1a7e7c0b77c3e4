//! `jukebox invoke`: envelopes through the skill, one response JSON per line.

use std::path::PathBuf;
use std::process::ExitCode;

use jukebox::invoke::{self, Source};
use jukebox::settings::Settings;
use jukebox::wiring::build_skill;

#[derive(clap::Args)]
pub struct InvokeArgs {
    #[command(flatten)]
    skill: super::LocalSkillArgs,
    /// Envelope files, or `-` to read JSON Lines from stdin.
    #[arg(required = true)]
    events: Vec<PathBuf>,
}

pub async fn run(args: InvokeArgs, settings: &Settings) -> anyhow::Result<ExitCode> {
    let skill = build_skill(&args.skill.host(), settings).await?;
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
