//! `jukebox`: the developer's command line.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};
use jukebox::catalog::MemoryCatalog;
use jukebox::invoke::{self, Source};
use jukebox::skill::{Skill, SkillConfig, SkillIdPolicy};
use jukebox::store::{StoreConfig, Stores};

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
        #[arg(long, conflicts_with = "dynamodb")]
        catalog: Option<PathBuf>,
        /// Use the DynamoDB tables named by CATALOG_TABLE and PLAYBACK_TABLE.
        #[arg(long)]
        dynamodb: bool,
        /// Envelope files, or `-` to read JSON Lines from stdin.
        #[arg(required = true)]
        events: Vec<PathBuf>,
    },
    /// DynamoDB tables for local development: `tables create`.
    Tables {
        #[command(subcommand)]
        command: TablesCommand,
    },
    /// The owner's catalog: import it into DynamoDB.
    Catalog {
        #[command(subcommand)]
        command: CatalogCommand,
    },
    /// The voice model: build `skill-package/` from `interaction-model/`, or check they agree.
    Model {
        #[command(subcommand)]
        command: ModelCommand,
    },
    /// Talk to the skill as if you had an Echo: type what you would say.
    Chat {
        /// Catalog file (JSON Lines, JSON array or CSV); the sample catalog when absent.
        #[arg(long, conflicts_with = "dynamodb")]
        catalog: Option<PathBuf>,
        /// Use the DynamoDB tables named by CATALOG_TABLE and PLAYBACK_TABLE.
        #[arg(long)]
        dynamodb: bool,
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
enum TablesCommand {
    /// Create the catalog and playback tables (CATALOG_TABLE, PLAYBACK_TABLE) where
    /// the standard AWS settings point, and wait until they are active.
    Create,
}

#[derive(Subcommand)]
enum CatalogCommand {
    /// Validate a catalog file, then write it into the catalog table.
    Import(ImportArgs),
    /// Validate a catalog file; with --probe, check that every stream will play on an Echo.
    Check(CheckArgs),
}

#[derive(clap::Args)]
struct ProbeArgs {
    /// Fetch the start of every stream and cover image as an Echo would, and check it will play.
    #[arg(long)]
    probe: bool,
    /// Seconds to wait for one server before calling it stalled.
    #[arg(long, default_value_t = 10)]
    timeout: u64,
    /// Extra certificate authorities to trust (PEM), for private hosting.
    #[arg(long)]
    ca_file: Option<PathBuf>,
}

impl ProbeArgs {
    fn options(&self, concurrency: usize) -> anyhow::Result<jukebox::probe::ProbeOptions> {
        let extra_ca_pem = match &self.ca_file {
            Some(path) => Some(
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?,
            ),
            None => None,
        };
        Ok(jukebox::probe::ProbeOptions {
            concurrency,
            timeout: std::time::Duration::from_secs(self.timeout.max(1)),
            extra_ca_pem,
            ..jukebox::probe::ProbeOptions::default()
        })
    }
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Catalog file: JSON Lines, a JSON array or CSV with a header.
    #[arg(required_unless_present = "table")]
    file: Option<PathBuf>,
    /// Check the tracks of a deployed catalog table instead of a file.
    #[arg(long, conflicts_with = "file")]
    table: Option<String>,
    #[command(flatten)]
    probe: ProbeArgs,
    /// Streams probed at once (at most 4 at once on one host).
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    /// Print a machine-readable JSON report instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
struct ImportArgs {
    /// Catalog file: JSON Lines, a JSON array or CSV with a header.
    file: PathBuf,
    /// The catalog table (default: CATALOG_TABLE).
    #[arg(long, env = "CATALOG_TABLE")]
    table: String,
    /// Import the valid rows and list the invalid ones, instead of refusing the file.
    #[arg(long)]
    skip_invalid: bool,
    /// Delete tracks that are in the table but no longer in the file.
    #[arg(long)]
    prune: bool,
    /// BatchWriteItem requests in flight at once.
    #[arg(long, default_value_t = 8)]
    concurrency: usize,
    /// With --probe, rows whose stream would fail on a device are refused
    /// (or, with --skip-invalid, skipped).
    #[command(flatten)]
    probe: ProbeArgs,
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

/// The stores of a local run: DynamoDB from the environment, or embedded.
async fn local_stores(catalog: Option<&PathBuf>, dynamodb: bool) -> anyhow::Result<Stores> {
    if dynamodb {
        let (catalog_table, playback_table) = StoreConfig::require_dynamodb()?;
        return Ok(Stores::dynamodb(&catalog_table, &playback_table).await);
    }
    let catalog = match catalog {
        Some(path) => MemoryCatalog::from_file(path).context("cannot load the catalog")?,
        None => MemoryCatalog::sample(),
    };
    Ok(Stores::embedded(catalog))
}

async fn tables_create() -> anyhow::Result<std::process::ExitCode> {
    use jukebox::store::dynamodb::{client_from_env, tables, Profile};
    let (catalog_table, playback_table) = StoreConfig::require_dynamodb()?;
    let client = client_from_env(Profile::Admin).await;
    for (name, spec) in [
        (&catalog_table, tables::catalog_spec()),
        (&playback_table, tables::playback_spec()),
    ] {
        let outcome = tables::ensure_table(&client, name, &spec).await?;
        match outcome {
            tables::Outcome::Created => println!("created table {name}"),
            tables::Outcome::AlreadyExisted => {
                println!("table {name} already exists with the right schema")
            }
        }
    }
    Ok(std::process::ExitCode::SUCCESS)
}

async fn catalog_import(args: ImportArgs) -> anyhow::Result<std::process::ExitCode> {
    use jukebox::store::dynamodb::{client_from_env, import, Profile};
    let report = jukebox::catalog::read_catalog_file(&args.file)?;
    let mut invalid = report.invalid.len();
    let mut tracks = if args.skip_invalid {
        for row in &report.invalid {
            eprintln!("skipped {row}");
        }
        report.tracks
    } else {
        report.into_valid().context("nothing was imported")?
    };
    if args.probe.probe {
        let reports = probe_with_progress(&tracks, &args.probe.options(16)?).await?;
        let failing: Vec<&jukebox::probe::TrackReport> =
            reports.iter().filter(|r| r.fails_on_device()).collect();
        if !failing.is_empty() && !args.skip_invalid {
            let lines: Vec<String> = failing
                .iter()
                .map(|r| format!("  {}: {}", r.id, r.reasons()))
                .collect();
            anyhow::bail!(
                "{} stream(s) would fail on a device; nothing was imported (--skip-invalid imports the rest):\n{}",
                failing.len(),
                lines.join("\n")
            );
        }
        for report in &failing {
            eprintln!("skipped {}: {}", report.id, report.reasons());
        }
        invalid += failing.len();
        let failing: std::collections::HashSet<&str> =
            failing.iter().map(|r| r.id.as_str()).collect();
        tracks.retain(|t| !failing.contains(t.id.as_str()));
    }
    let client = client_from_env(Profile::Admin).await;
    let options = import::ImportOptions {
        concurrency: args.concurrency,
        prune: args.prune,
        progress: true,
    };
    let started = std::time::Instant::now();
    let summary = import::import_tracks(&client, &args.table, &tracks, &options).await?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "imported {} tracks ({} search items) into {} in {seconds:.1} s ({:.0} tracks/s); \
         {} stale search items removed, {} tracks pruned, {} invalid rows skipped; \
         {} BatchWriteItem requests, {} retried for unprocessed items",
        summary.tracks,
        summary.search_items,
        args.table,
        summary.tracks as f64 / seconds.max(0.001),
        summary.stale_search_items_removed,
        summary.pruned_tracks,
        invalid,
        summary.write_requests,
        summary.retried_batches,
    );
    Ok(std::process::ExitCode::SUCCESS)
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
        Command::Invoke {
            catalog,
            dynamodb,
            events,
        } => {
            let stores = local_stores(catalog.as_ref(), dynamodb).await?;
            let skill = Skill::new(
                SkillConfig::new(local_skill_id()),
                stores.catalog,
                stores.playback,
            );
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
        Command::Tables {
            command: TablesCommand::Create,
        } => tables_create().await,
        Command::Catalog {
            command: CatalogCommand::Import(args),
        } => catalog_import(args).await,
        Command::Catalog {
            command: CatalogCommand::Check(args),
        } => catalog_check(args).await,
        Command::Chat {
            catalog,
            dynamodb,
            locale,
            model,
            verbose,
        } => {
            let stores = local_stores(catalog.as_ref(), dynamodb).await?;
            let skill = Arc::new(Skill::new(
                SkillConfig::new(local_skill_id()),
                stores.catalog,
                stores.playback,
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

/// Probes tracks with a progress bar on a terminal.
async fn probe_with_progress(
    tracks: &[jukebox::catalog::Track],
    options: &jukebox::probe::ProbeOptions,
) -> anyhow::Result<Vec<jukebox::probe::TrackReport>> {
    let bar = jukebox::progress::bar(tracks.len() as u64, "streams", true);
    let reports = jukebox::probe::probe_tracks(tracks, options, &|| bar.inc(1)).await?;
    bar.finish_and_clear();
    Ok(reports)
}

async fn catalog_check(args: CheckArgs) -> anyhow::Result<std::process::ExitCode> {
    use jukebox::probe::Verdict;
    let (source, report) = match (&args.file, &args.table) {
        (Some(file), _) => (
            file.display().to_string(),
            jukebox::catalog::read_catalog_file(file)?,
        ),
        (None, Some(table)) => {
            use jukebox::store::dynamodb::{client_from_env, import, Profile};
            let client = client_from_env(Profile::Admin).await;
            let tracks = import::read_all_tracks(&client, table).await?;
            (
                format!("table {table}"),
                jukebox::catalog::ParseReport {
                    tracks,
                    invalid: Vec::new(),
                },
            )
        }
        (None, None) => anyhow::bail!("name a catalog file or --table"),
    };
    let probes = if args.probe.probe {
        Some(probe_with_progress(&report.tracks, &args.probe.options(args.concurrency)?).await?)
    } else {
        None
    };
    let failing = probes
        .iter()
        .flatten()
        .filter(|r| r.fails_on_device())
        .count();
    let warnings = probes
        .iter()
        .flatten()
        .filter(|r| r.verdict == Verdict::Warning)
        .count();
    let ok = report.invalid.is_empty() && failing == 0;
    if args.json {
        let invalid: Vec<serde_json::Value> = report
            .invalid
            .iter()
            .map(|row| serde_json::json!({"line": row.line, "id": row.id, "reasons": row.reasons}))
            .collect();
        let document = serde_json::json!({
            "source": source,
            "valid_rows": report.tracks.len(),
            "invalid_rows": invalid,
            "probed": probes.as_ref().map(|p| p.len()),
            "streams_failing": probes.as_ref().map(|_| failing),
            "streams_with_warnings": probes.as_ref().map(|_| warnings),
            "tracks": probes,
            "ok": ok,
        });
        println!("{}", serde_json::to_string_pretty(&document)?);
    } else {
        for row in &report.invalid {
            println!("invalid {row}");
        }
        for probe in probes.iter().flatten() {
            let verdict = match probe.verdict {
                Verdict::Ok => "ok     ",
                Verdict::Warning => "warning",
                Verdict::Error => "error  ",
            };
            let reasons = probe.reasons();
            if reasons.is_empty() {
                println!(
                    "{verdict} {} ({})",
                    probe.id,
                    probe.stream.format.as_deref().unwrap_or("?")
                );
            } else {
                println!("{verdict} {}: {reasons}", probe.id);
            }
        }
        let mut summary = format!(
            "{} rows: {} valid, {} invalid",
            report.tracks.len() + report.invalid.len(),
            report.tracks.len(),
            report.invalid.len()
        );
        if let Some(probes) = &probes {
            summary.push_str(&format!(
                "; {} streams probed: {} ok, {warnings} with warnings, {failing} would fail on a device",
                probes.len(),
                probes.len() - warnings - failing
            ));
        }
        println!("{summary}");
    }
    Ok(if ok {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
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
