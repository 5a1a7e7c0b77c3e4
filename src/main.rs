//! `jukebox`: the developer's command line. Parsing and dispatch only; each
//! command family lives in `src/commands/` (part of this binary, not of the
//! library), and the skill itself is built by [`jukebox::wiring`] exactly as
//! the Lambda builds it.

mod commands;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use jukebox::settings::Settings;

use commands::catalog::{CheckArgs, ImportArgs, ScanArgs};
use commands::chat::ChatArgs;
use commands::invoke::InvokeArgs;

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
    Invoke(InvokeArgs),
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
    Chat(ChatArgs),
    /// Who may play when LISTENERS=allow-list: the owner's allow-list in the playback table.
    Listeners {
        #[command(subcommand)]
        command: commands::listeners::ListenersCommand,
    },
    /// What listeners asked for and did not get, and what they played.
    Report {
        #[command(subcommand)]
        command: commands::report::ReportCommand,
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
        /// The function ARN (the stack output `JukeboxFunctionArn`): the
        /// default endpoint, for every region not given below.
        function_arn: String,
        /// The function for North America's listeners (a stack in us-east-1).
        #[arg(long)]
        na: Option<String>,
        /// The function for Europe's and India's listeners (a stack in eu-west-1).
        #[arg(long)]
        eu: Option<String>,
        /// The function for the Far East's listeners: Japan, Australia (a stack in us-west-2).
        #[arg(long)]
        fe: Option<String>,
        #[arg(long, default_value = jukebox::voice_model::MANIFEST_PATH)]
        manifest: PathBuf,
    },
    /// Write the account-linking request for `ask smapi update-account-linking-info`:
    /// account-linking.json with your LWA client id and LWA_CLIENT_SECRET filled in;
    /// and declare account linking in the manifest for certification.
    AccountLinking {
        /// The LWA security profile's client id (amzn1.application-oa2-client.…).
        #[arg(long)]
        client_id: String,
        /// Where to write the request (created readable by you only).
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value = "account-linking.json")]
        template: PathBuf,
        /// The skill manifest to declare account linking in (personal
        /// information used, testing instructions for certification).
        #[arg(long, default_value = jukebox::voice_model::MANIFEST_PATH)]
        manifest: PathBuf,
    },
}

#[derive(Subcommand)]
enum TablesCommand {
    /// Create the catalog and playback tables (CATALOG_TABLE, PLAYBACK_TABLE) where
    /// the standard AWS settings point, and wait until they are active.
    Create,
    /// Copy every item of one table into another (replacing items with the
    /// same key): favourites and the allow-list back from a point-in-time
    /// restore or a table a deleted stack kept.
    Copy {
        /// The table to read (a restored or retained table).
        #[arg(long)]
        from: String,
        /// The table to write (the stack's playback table).
        #[arg(long)]
        to: String,
    },
}

#[derive(Subcommand)]
enum CatalogCommand {
    /// Validate a catalog file, then write it into the catalog table.
    Import(ImportArgs),
    /// Validate a catalog file; with --probe, check that every stream will play on an Echo.
    Check(CheckArgs),
    /// Write a catalog from a folder of music: tags, durations, cover art, playlists.
    Scan(ScanArgs),
}

#[derive(Subcommand)]
enum ModelCommand {
    /// Write `skill-package/interactionModels/custom/<locale>.json` for every locale.
    Build(ModelBuildArgs),
    /// Fail when `skill-package/` differs from `interaction-model/` or the model breaks Alexa's rules.
    Check,
}

/// Where `model build` takes the owner's catalog values from (none: the
/// committed model, with example values only).
#[derive(clap::Args)]
struct ModelBuildArgs {
    /// List this catalog file's songs, artists, albums, playlists and genres
    /// as slot values (with entity ids and spoken synonyms).
    #[arg(long, conflicts_with = "table")]
    catalog: Option<PathBuf>,
    /// Take the values from this catalog table instead (its tracks; playlists
    /// come only with --catalog).
    #[arg(long)]
    table: Option<String>,
    /// Playlists for --catalog: an M3U/M3U8 file or a folder of them.
    #[arg(long, requires = "catalog")]
    playlists: Option<PathBuf>,
    /// Play counts (`jukebox report plays --json` saved to a file): over
    /// Alexa's limits, the most played values are kept after the ranked ones.
    #[arg(long)]
    plays: Option<PathBuf>,
}

fn init_logging() {
    let mut filter = tracing_subscriber::EnvFilter::try_from_env("RUST_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    // The tag library warns about details of nearly every file it reads
    // (one line per MP3 of a scan); `catalog scan` reports what matters per
    // file itself. RUST_LOG=lofty=warn shows them.
    let asks_for_lofty = std::env::var("RUST_LOG").is_ok_and(|v| v.contains("lofty"));
    if !asks_for_lofty {
        if let Ok(quiet) = "lofty=error".parse() {
            filter = filter.add_directive(quiet);
        }
    }
    // Colour only on a terminal: a log file or a pipe gets plain records.
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(terminal)
        .with_writer(std::io::stderr)
        .init();
}

#[tokio::main]
async fn main() -> ExitCode {
    init_logging();
    match run(Cli::parse()).await {
        Ok(code) => code,
        Err(err) => {
            eprintln!("jukebox: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // Every environment variable, read once; each command checks the
    // settings it uses.
    let settings = Settings::from_env();
    match cli.command {
        Command::Invoke(args) => commands::invoke::run(args, &settings).await,
        Command::Chat(args) => commands::chat::run(args, &settings).await,
        Command::Listeners { command } => commands::listeners::run(command, &settings).await,
        Command::Report { command } => commands::report::run(command, &settings).await,
        Command::Tables {
            command: TablesCommand::Create,
        } => commands::tables::create(&settings).await,
        Command::Tables {
            command: TablesCommand::Copy { from, to },
        } => commands::tables::copy(&from, &to, &settings).await,
        Command::Catalog {
            command: CatalogCommand::Import(args),
        } => commands::catalog::import::run(args, &settings).await,
        Command::Catalog {
            command: CatalogCommand::Check(args),
        } => commands::catalog::check::run(args, &settings).await,
        Command::Catalog {
            command: CatalogCommand::Scan(args),
        } => commands::catalog::scan::run(args, &settings).await,
        Command::Model {
            command: ModelCommand::Build(args),
        } => {
            use commands::model::CatalogSource;
            let source = match (args.catalog, args.table) {
                (Some(catalog), _) => Some(CatalogSource::File {
                    catalog,
                    playlists: args.playlists,
                }),
                (None, Some(table)) => Some(CatalogSource::Table(table)),
                (None, None) => None,
            };
            match source {
                Some(source) => {
                    let (values, from) =
                        commands::model::read_values(&source, args.plays.as_deref(), &settings)
                            .await?;
                    commands::model::build_with_catalog(&values, &from)
                }
                None => commands::model::build_or_check(commands::model::Mode::Build),
            }
        }
        Command::Model {
            command: ModelCommand::Check,
        } => commands::model::build_or_check(commands::model::Mode::Check),
        Command::Skill {
            action:
                SkillAction::SetEndpoint {
                    function_arn,
                    na,
                    eu,
                    fe,
                    manifest,
                },
        } => {
            use jukebox::voice_model::AlexaRegion;
            let regional: Vec<(AlexaRegion, String)> = [
                (AlexaRegion::Na, na),
                (AlexaRegion::Eu, eu),
                (AlexaRegion::Fe, fe),
            ]
            .into_iter()
            .filter_map(|(region, arn)| arn.map(|arn| (region, arn)))
            .collect();
            commands::model::set_endpoint(&function_arn, &regional, &manifest)
        }
        Command::Skill {
            action:
                SkillAction::AccountLinking {
                    client_id,
                    out,
                    template,
                    manifest,
                },
        } => commands::model::account_linking(&template, &client_id, &out, &manifest, &settings),
    }
}
