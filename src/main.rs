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
    /// The voice model: expand `interaction-model/` into the skill package, or check they agree.
    Model {
        #[command(subcommand)]
        action: ModelAction,
    },
    /// The ASK skill package (`skill-package/`).
    Skill {
        #[command(subcommand)]
        action: SkillAction,
    },
}

#[derive(Subcommand)]
enum ModelAction {
    /// Write skill-package/interactionModels/custom/<locale>.json from interaction-model/<locale>.json.
    Build {
        /// Repository root (holds interaction-model/ and skill-package/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Fail when the skill package's models differ from what `build` would write.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Subcommand)]
enum SkillAction {
    /// Point skill-package/skill.json's endpoint at the deployed Lambda function.
    SetEndpoint {
        /// The function ARN (the stack output `JukeboxFunctionArn`).
        function_arn: String,
        #[arg(long, default_value = jukebox::voice_model::MANIFEST_PATH)]
        manifest: PathBuf,
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
        Command::Model { action } => voice_model_command(action),
        Command::Skill {
            action:
                SkillAction::SetEndpoint {
                    function_arn,
                    manifest,
                },
        } => {
            let text = std::fs::read_to_string(&manifest)
                .with_context(|| format!("cannot read {}", manifest.display()))?;
            let updated = jukebox::voice_model::set_manifest_endpoint(&text, &function_arn)
                .with_context(|| format!("cannot set the endpoint in {}", manifest.display()))?;
            std::fs::write(&manifest, updated)
                .with_context(|| format!("cannot write {}", manifest.display()))?;
            eprintln!(
                "jukebox: {} now points at {}",
                manifest.display(),
                function_arn.trim()
            );
            Ok(std::process::ExitCode::SUCCESS)
        }
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

/// `jukebox model build|check`: one generated file per locale, compared byte for byte.
fn voice_model_command(action: ModelAction) -> anyhow::Result<std::process::ExitCode> {
    use jukebox::voice_model::{VoiceModel, LOCALES, PACKAGE_MODEL_DIR, SOURCE_DIR};
    let (root, write) = match action {
        ModelAction::Build { root } => (root, true),
        ModelAction::Check { root } => (root, false),
    };
    let mut drifted = Vec::new();
    for (locale, _) in LOCALES {
        let source = root.join(SOURCE_DIR).join(format!("{locale}.json"));
        let model = VoiceModel::from_file(locale, &source)
            .with_context(|| format!("invalid voice model {}", source.display()))?;
        let target = root.join(PACKAGE_MODEL_DIR).join(format!("{locale}.json"));
        let wanted = model.to_ask_file();
        let current = std::fs::read_to_string(&target).ok();
        if current.as_deref() == Some(wanted.as_str()) {
            continue;
        }
        if write {
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
            }
            std::fs::write(&target, wanted)
                .with_context(|| format!("cannot write {}", target.display()))?;
            eprintln!("jukebox: wrote {}", target.display());
        } else {
            drifted.push(target.display().to_string());
        }
    }
    if drifted.is_empty() {
        return Ok(std::process::ExitCode::SUCCESS);
    }
    eprintln!(
        "jukebox: out of date with {SOURCE_DIR}/: {} (run `jukebox model build`)",
        drifted.join(", ")
    );
    Ok(std::process::ExitCode::FAILURE)
}
