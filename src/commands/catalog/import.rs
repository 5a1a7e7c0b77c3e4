//! `jukebox catalog import`: validate the whole file (and with `--probe`
//! every stream), then write it into the catalog table.

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use jukebox::catalog::read_catalog_file;
use jukebox::probe::TrackReport;
use jukebox::store::dynamodb::import::{import_tracks, ImportOptions, ImportProgress};
use jukebox::store::dynamodb::{client_from_env, Profile};

use super::{probe_with_progress, ProbeArgs, RuleArgs};

#[derive(clap::Args)]
pub struct ImportArgs {
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
    #[command(flatten)]
    rules: RuleArgs,
    /// With --probe, rows whose stream would fail on a device are refused
    /// (or, with --skip-invalid, skipped).
    #[command(flatten)]
    probe: ProbeArgs,
}

pub async fn run(args: ImportArgs) -> anyhow::Result<ExitCode> {
    let report = read_catalog_file(&args.file, &args.rules.rules())?;
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
        let failing: Vec<&TrackReport> = reports.iter().filter(|r| r.fails_on_device()).collect();
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
        let failing: HashSet<&str> = failing.iter().map(|r| r.id.as_str()).collect();
        tracks.retain(|t| !failing.contains(t.id.as_str()));
    }
    let client = client_from_env(Profile::Admin).await;
    let options = ImportOptions {
        concurrency: args.concurrency,
        prune: args.prune,
    };
    let bar = jukebox::progress::bar(0, "items", true);
    let progress = |step: ImportProgress| match step {
        ImportProgress::Planned { items } => bar.set_length(items),
        ImportProgress::Written { items } => bar.inc(items),
    };
    let started = std::time::Instant::now();
    let summary = import_tracks(&client, &args.table, &tracks, &options, &progress).await?;
    bar.finish_and_clear();
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
    Ok(ExitCode::SUCCESS)
}
