//! `jukebox report misses|plays`: what listeners asked for and did not get,
//! and what they played, from the counters in the playback table
//! (`PLAYBACK_TABLE` or `--table`): one `Query` of the counters' index per
//! day of the window, never a scan.

use std::process::ExitCode;

use anyhow::Context;
use jukebox::catalog::Catalog;
use jukebox::insights::{self, Counts, Day, InsightsStore, Wanted, MAX_DAYS};
use jukebox::settings::Settings;
use jukebox::store::dynamodb::{client, ClientUse, DynamoCatalog, DynamoInsights};
use serde_json::json;

#[derive(clap::Subcommand)]
pub enum ReportCommand {
    /// The queries most often asked for and not played (not found, or only
    /// a "did you mean" offer), with the best suggestion and how often it was accepted.
    Misses(ReportArgs),
    /// The tracks most often started.
    Plays(PlaysArgs),
}

#[derive(clap::Args)]
pub struct ReportArgs {
    /// The window, in days up to today (UTC): `7d`, `30d` or a number; at most 90.
    #[arg(long, default_value = "7d", value_parser = parse_days)]
    since: u32,
    /// How many lines (1 to 10000).
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u16).range(1..=10_000))]
    limit: u16,
    /// One JSON document instead of a table.
    #[arg(long)]
    json: bool,
    /// The playback table, which holds the counters (default: PLAYBACK_TABLE).
    #[arg(long, env = "PLAYBACK_TABLE")]
    table: String,
}

#[derive(clap::Args)]
pub struct PlaysArgs {
    #[command(flatten)]
    report: ReportArgs,
    /// The catalog table, to name the tracks (default: CATALOG_TABLE; ids only without it).
    #[arg(long, env = "CATALOG_TABLE")]
    catalog_table: Option<String>,
}

fn parse_days(text: &str) -> Result<u32, String> {
    let text = text.trim();
    let digits = text.strip_suffix(['d', 'D']).unwrap_or(text);
    let days = match digits.bytes().all(|b| b.is_ascii_digit()) {
        true => digits.parse::<u32>().ok(),
        false => None,
    };
    match days {
        Some(days) if (1..=MAX_DAYS).contains(&days) => Ok(days),
        _ => Err(format!("a number of days from 1 to {MAX_DAYS}, like 7d")),
    }
}

/// `YYYY-MM-DD HH:MM` (UTC), or `-` for no time.
fn when(seconds: i64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(seconds) {
        Ok(t) if seconds > 0 => format!(
            "{:04}-{:02}-{:02} {:02}:{:02}",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute()
        ),
        _ => "-".to_string(),
    }
}

async fn read(
    args: &ReportArgs,
    wanted: Wanted,
    settings: &Settings,
) -> anyhow::Result<(Vec<Day>, Counts)> {
    let client = client(ClientUse::Admin, &settings.trust_roots).await?;
    let store = DynamoInsights::new(client, &args.table);
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let days = Day::of(now).window(args.since);
    let counts = store
        .read(&days, wanted)
        .await
        .with_context(|| format!("cannot read the counters in {}", args.table))?;
    Ok((days, counts))
}

fn window(days: &[Day]) -> String {
    match (days.last(), days.first()) {
        (Some(first), Some(last)) if first != last => format!("{first} to {last}"),
        (Some(day), _) => day.to_string(),
        _ => String::new(),
    }
}

pub async fn run(command: ReportCommand, settings: &Settings) -> anyhow::Result<ExitCode> {
    match command {
        ReportCommand::Misses(args) => misses(&args, settings).await,
        ReportCommand::Plays(args) => plays(&args, settings).await,
    }
}

async fn misses(args: &ReportArgs, settings: &Settings) -> anyhow::Result<ExitCode> {
    let (days, counts) = read(args, Wanted::Misses, settings).await?;
    let lines = insights::top_misses(&counts, usize::from(args.limit));
    let rate = |accepted: u64, offered: u64| {
        (offered > 0).then(|| (accepted as f64 / offered as f64).min(1.0))
    };
    if args.json {
        let rows: Vec<_> = lines
            .iter()
            .map(|line| {
                let c = &line.counts;
                json!({
                    "kind": line.query.asked.as_str(),
                    "query": line.query.text,
                    "count": c.missed,
                    "offered": c.offered,
                    "accepted": c.accepted,
                    "acceptance_rate": rate(c.accepted, c.offered),
                    "best_suggestion": c.suggestion,
                    "last_seen": when(c.last_seen),
                    "locales": c.locales,
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(
                &json!({"since": args.since, "days": window(&days), "misses": rows})
            )?
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "What listeners asked for and did not get, {}:",
        window(&days)
    );
    if lines.is_empty() {
        println!("  nothing missed");
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{:>6}  {:<16}  {:<8}  {:<40}  {:<32}  {:>8}  locales",
        "count", "last seen", "kind", "query", "best suggestion", "accepted"
    );
    for line in &lines {
        let c = &line.counts;
        let accepted = match rate(c.accepted, c.offered) {
            Some(rate) => format!("{:.0} %", rate * 100.0),
            None => "-".to_string(),
        };
        let locales = if c.locales.is_empty() {
            "-".to_string()
        } else {
            c.locales.iter().cloned().collect::<Vec<_>>().join(" ")
        };
        println!(
            "{:>6}  {:<16}  {:<8}  {:<40}  {:<32}  {:>8}  {locales}",
            c.missed,
            when(c.last_seen),
            line.query.asked.as_str(),
            line.query.text,
            c.suggestion.as_deref().unwrap_or("-"),
            accepted
        );
    }
    Ok(ExitCode::SUCCESS)
}

async fn plays(args: &PlaysArgs, settings: &Settings) -> anyhow::Result<ExitCode> {
    let (days, counts) = read(&args.report, Wanted::Plays, settings).await?;
    let lines = insights::top_plays(&counts, usize::from(args.report.limit));
    // Names for the listed tracks only: one GetItem each, at once.
    let names: Vec<Option<(String, String)>> = match &args.catalog_table {
        Some(table) => {
            let catalog = DynamoCatalog::new(
                client(ClientUse::Admin, &settings.trust_roots).await?,
                table,
            );
            let lookups = lines.iter().map(|(id, _)| catalog.track(id));
            futures::future::join_all(lookups)
                .await
                .into_iter()
                .map(|found| found.ok().flatten().map(|t| (t.title, t.artist)))
                .collect()
        }
        None => vec![None; lines.len()],
    };
    if args.report.json {
        let rows: Vec<_> = lines
            .iter()
            .zip(&names)
            .map(|((id, c), name)| {
                json!({
                    "track_id": id,
                    "title": name.as_ref().map(|n| &n.0),
                    "artist": name.as_ref().map(|n| &n.1),
                    "plays": c.plays,
                    "last_seen": when(c.last_seen),
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(
                &json!({"since": args.report.since, "days": window(&days), "plays": rows})
            )?
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!("What listeners played, {}:", window(&days));
    if lines.is_empty() {
        println!("  nothing played");
        return Ok(ExitCode::SUCCESS);
    }
    println!("{:>6}  {:<16}  {:<24}  track", "plays", "last seen", "id");
    for ((id, c), name) in lines.iter().zip(&names) {
        let track = match name {
            Some((title, artist)) => format!("{title} by {artist}"),
            None => "-".to_string(),
        };
        println!(
            "{:>6}  {:<16}  {:<24}  {track}",
            c.plays,
            when(c.last_seen),
            id
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::parse_days;

    #[test]
    fn a_window_is_a_plain_number_of_days() {
        for (text, days) in [("7d", 7), ("7D", 7), ("30", 30), (" 90d ", 90), ("1d", 1)] {
            assert_eq!(parse_days(text), Ok(days), "{text:?}");
        }
        for text in ["7dd", "+7", "-7", "0d", "91d", "", "d", "7 d", "7w", "٧d"] {
            assert!(parse_days(text).is_err(), "{text:?}");
        }
    }
}
