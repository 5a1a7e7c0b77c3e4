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
    /// The voice model: build `skill-package/` from `interaction-model/`, or check they agree.
    Model {
        #[command(subcommand)]
        command: ModelCommand,
    },
    /// Talk to the skill as if you had an Echo: type what you would say.
    Chat {
        /// Catalog file (JSON Lines, JSON array or CSV); the sample catalog when absent.
        #[arg(long)]
        catalog: Option<PathBuf>,
        /// The locale of the voice model and of the requests.
        #[arg(long, default_value = "en-US")]
        locale: String,
        /// An ASK interaction model JSON to understand utterances with,
        /// instead of the voice model built from `interaction-model/`.
        #[arg(long)]
        model: Option<PathBuf>,
        /// Print every request and response envelope.
        #[arg(long, short)]
        verbose: bool,
    },
    /// The ASK skill package (`skill-package/`).
    Skill {
        #[command(subcommand)]
        action: SkillAction,
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

#[derive(Subcommand)]
enum ModelCommand {
    /// Write `skill-package/interactionModels/custom/<locale>.json` for every locale.
    Build,
    /// Fail when `skill-package/` differs from `interaction-model/` or the model breaks Alexa's rules.
    Check,
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
        Command::Model { command } => model_command(command),
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
        Command::Chat {
            catalog,
            locale,
            model,
            verbose,
        } => {
            let catalog = memory_catalog(catalog.as_ref()).context("cannot load the catalog")?;
            let playback: Arc<dyn PlaybackStore> = Arc::new(MemoryPlaybackStore::new());
            let skill = Arc::new(Skill::new(
                SkillConfig::new(local_skill_id()),
                catalog,
                playback,
            ));
            let model = match model {
                Some(path) => jukebox::chat::read_model_file(&path)?,
                None => jukebox::chat::voice_model(&locale)?,
            };
            run_chat(skill, &model, &locale, verbose).await?;
            Ok(std::process::ExitCode::SUCCESS)
        }
    }
}

fn model_command(command: ModelCommand) -> anyhow::Result<std::process::ExitCode> {
    use jukebox::voice_model::{locales, skill_package_path, VoiceModel};
    let mut failed = false;
    for locale in locales() {
        let model = VoiceModel::load(locale)?;
        let problems = model.problems();
        for problem in &problems {
            eprintln!("jukebox: {locale}: {problem}");
        }
        failed |= !problems.is_empty();
        let path = skill_package_path(locale);
        let expected = model.interaction_model_file();
        match command {
            ModelCommand::Build => {
                if let Some(dir) = std::path::Path::new(&path).parent() {
                    std::fs::create_dir_all(dir)
                        .with_context(|| format!("cannot create {}", dir.display()))?;
                }
                std::fs::write(&path, &expected).with_context(|| format!("cannot write {path}"))?;
                println!("wrote {path} ({} intents)", model.intents.len());
            }
            ModelCommand::Check => {
                let actual = std::fs::read_to_string(&path).unwrap_or_default();
                if actual != expected {
                    eprintln!("jukebox: {path} is out of date with interaction-model/{locale}.json: run `cargo run -- model build`");
                    failed = true;
                } else {
                    println!("{path} matches interaction-model/{locale}.json");
                }
            }
        }
    }
    Ok(if failed {
        std::process::ExitCode::FAILURE
    } else {
        std::process::ExitCode::SUCCESS
    })
}

/// The chat loop: a prompt on a terminal, plain line-by-line reading otherwise.
async fn run_chat(
    skill: Arc<Skill>,
    model: &jukebox::chat::LanguageModel,
    locale: &str,
    verbose: bool,
) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    use tokio::io::AsyncBufReadExt;
    let interactive = std::io::stdin().is_terminal();
    let mut chat = jukebox::chat::Chat::new(skill, model, locale, verbose);
    let mut lines = tokio::io::BufReader::new(tokio::io::stdin()).lines();
    let mut out = std::io::stdout();
    if interactive {
        println!("jukebox chat: type what you would say to Alexa (\":help\" for commands, \":quit\" to leave).");
    }
    loop {
        if interactive {
            print!("you> ");
            std::io::Write::flush(&mut out)?;
        }
        let Some(line) = lines.next_line().await.context("cannot read stdin")? else {
            break;
        };
        if !interactive && !line.trim().is_empty() {
            println!("you> {}", line.trim());
        }
        match chat.line(&line, &mut out).await {
            Ok(true) => {}
            Ok(false) => break,
            Err(err) => println!("  (error: {err:#})"),
        }
        std::io::Write::flush(&mut out)?;
    }
    Ok(())
}
