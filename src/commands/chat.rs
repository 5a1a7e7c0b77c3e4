//! `jukebox chat`: a prompt on a terminal, a script on stdin otherwise.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use jukebox::chat::{Chat, LanguageModel};
use jukebox::settings::Settings;
use jukebox::skill::Skill;
use jukebox::wiring::build_skill;

#[derive(clap::Args)]
pub struct ChatArgs {
    #[command(flatten)]
    skill: super::LocalSkillArgs,
    /// Send this account-linking token with every request, as Alexa does
    /// for a listener who linked their account (try the linked experience).
    #[arg(long)]
    access_token: Option<String>,
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
}

pub async fn run(args: ChatArgs, settings: &Settings) -> anyhow::Result<ExitCode> {
    let skill = Arc::new(build_skill(&args.skill.host(), settings).await?);
    let model = match &args.model {
        Some(path) => jukebox::chat::read_model_file(path)?,
        None => jukebox::chat::voice_model(&args.locale)?,
    };
    converse(
        Arc::clone(&skill),
        &model,
        &args.locale,
        args.verbose,
        args.access_token,
    )
    .await?;
    skill.flush_insights().await;
    Ok(ExitCode::SUCCESS)
}

/// The chat loop: a prompt on a terminal, plain line-by-line reading otherwise.
async fn converse(
    skill: Arc<Skill>,
    model: &LanguageModel,
    locale: &str,
    verbose: bool,
    access_token: Option<String>,
) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    use tokio::io::AsyncBufReadExt;
    let interactive = std::io::stdin().is_terminal();
    let mut chat = Chat::new(skill, model, locale, verbose).with_access_token(access_token);
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
