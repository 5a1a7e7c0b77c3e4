//! `jukebox listeners allow|deny|list`: the owner's allow-list, kept in the
//! playback table (`PLAYBACK_TABLE`, or `--table`). Addresses are stored
//! normalised (trimmed, lower case) and shown back so the owner sees what
//! the skill compares; they are printed for the owner, never logged.

use std::process::ExitCode;

use anyhow::Context;
use jukebox::listeners::{AllowList, Email, ListChange, MAX_LISTENERS};
use jukebox::settings::Settings;
use jukebox::store::dynamodb::{client, ClientUse, DynamoAllowList};

#[derive(clap::Subcommand)]
pub enum ListenersCommand {
    /// Let the listener whose Amazon account has this email address play.
    Allow(EmailArgs),
    /// Take an address off the allow-list.
    Deny(EmailArgs),
    /// Print every address on the allow-list, one a line.
    List(TableArgs),
}

#[derive(clap::Args)]
pub struct EmailArgs {
    /// The email address of the listener's Amazon account.
    email: String,
    #[command(flatten)]
    table: TableArgs,
}

#[derive(clap::Args)]
pub struct TableArgs {
    /// The playback table (default: PLAYBACK_TABLE).
    #[arg(long, env = "PLAYBACK_TABLE")]
    table: String,
}

async fn allow_list(table: &TableArgs, settings: &Settings) -> anyhow::Result<DynamoAllowList> {
    let client = client(ClientUse::Admin, &settings.trust_roots).await?;
    Ok(DynamoAllowList::new(client, &table.table))
}

pub async fn run(command: ListenersCommand, settings: &Settings) -> anyhow::Result<ExitCode> {
    match command {
        ListenersCommand::Allow(args) => {
            let email = Email::parse(&args.email)?;
            let list = allow_list(&args.table, settings).await?;
            let change = list
                .allow(&email)
                .await
                .with_context(|| format!("cannot update the allow-list in {}", args.table.table))?;
            match change {
                ListChange::Changed => println!("allowed {}", email.as_str()),
                ListChange::Unchanged => println!("{} was already allowed", email.as_str()),
                ListChange::Full => {
                    eprintln!(
                        "jukebox: the allow-list is full ({MAX_LISTENERS} addresses); deny one first"
                    );
                    return Ok(ExitCode::FAILURE);
                }
            }
        }
        ListenersCommand::Deny(args) => {
            let email = Email::parse(&args.email)?;
            let list = allow_list(&args.table, settings).await?;
            let change = list
                .deny(&email)
                .await
                .with_context(|| format!("cannot update the allow-list in {}", args.table.table))?;
            match change {
                ListChange::Changed => println!("denied {}", email.as_str()),
                ListChange::Unchanged | ListChange::Full => {
                    println!("{} was not on the allow-list", email.as_str())
                }
            }
        }
        ListenersCommand::List(table) => {
            let list = allow_list(&table, settings).await?;
            let emails = list
                .list()
                .await
                .with_context(|| format!("cannot read the allow-list in {}", table.table))?;
            for email in &emails {
                println!("{}", email.as_str());
            }
            eprintln!(
                "{} listener{} allowed",
                emails.len(),
                if emails.len() == 1 { "" } else { "s" }
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
