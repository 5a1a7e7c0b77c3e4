//! `jukebox catalog import`: validate the whole file (and with `--probe`
//! every stream), then write it into the catalog table.
//!
//! Nothing is lost by accident: `--prune` refuses to run when any row was
//! skipped (its track would be deleted) and never empties the table unless
//! told to; a stream whose host was out of reach is not a bad row; an
//! import that skipped rows exits with status 2.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use jukebox::catalog::read_library;
use jukebox::probe::TrackReport;
use jukebox::settings::Settings;
use jukebox::store::dynamodb::import::{
    import_tracks, ImportOptions, ImportProgress, ImportRefused,
};
use jukebox::store::dynamodb::playlists::{import_playlists, PlaylistsRefused};
use jukebox::store::dynamodb::{client, ClientUse};
use jukebox::voice_catalog::{staleness, BuildRecord, CatalogValues};

use super::{probe_with_progress, ProbeArgs, RuleArgs};

#[derive(clap::Args)]
pub struct ImportArgs {
    /// Catalog file: JSON Lines, a JSON array or CSV with a header.
    file: PathBuf,
    /// Playlists: an M3U/M3U8 file or a folder of them, whose entries are the
    /// catalog's stream URLs or track ids (besides a JSON catalog's own
    /// `playlists`). With --prune, playlists the table holds and this import
    /// does not define are deleted (only when the import defines any).
    #[arg(long)]
    playlists: Option<PathBuf>,
    /// The catalog table (default: CATALOG_TABLE).
    #[arg(long, env = "CATALOG_TABLE")]
    table: String,
    /// Import the valid rows and list the invalid ones, instead of refusing the file.
    #[arg(long)]
    skip_invalid: bool,
    /// Exit 0 even when rows were skipped (default: status 2, a partial import).
    #[arg(long, requires = "skip_invalid")]
    exit_zero_if_skipped: bool,
    /// Delete tracks that are in the table but not in the file. Refused when
    /// any row was skipped, and never leaves the table empty.
    #[arg(long)]
    prune: bool,
    /// Prune even though rows were skipped (tracks the skipped rows name are still kept).
    #[arg(long, requires = "prune")]
    prune_even_if_skipped: bool,
    /// Let --prune delete every track of the table (an empty file empties it).
    #[arg(long, requires = "prune")]
    allow_empty: bool,
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

/// Exit status of an import that wrote the valid rows but skipped others.
const PARTIAL_IMPORT: u8 = 2;

/// Rows left out of this import, and the track ids they name (kept by prune).
#[derive(Default)]
struct Skipped {
    rows: usize,
    /// Rows whose stream host was out of reach: not known to be bad.
    unreachable: usize,
    /// Ids the skipped rows name: their tracks stay as they are in the table.
    ids: HashSet<String>,
    /// Playlist entries left out (they name no track, or are malformed).
    entries: usize,
}

pub async fn run(args: ImportArgs, settings: &Settings) -> anyhow::Result<ExitCode> {
    let library = read_library(&args.file, args.playlists.as_deref(), &args.rules.rules())?;
    let defines_playlists =
        !library.playlists.playlists.is_empty() || library.invalid_entries().next().is_some();
    let mut skipped = Skipped::default();
    let (mut tracks, playlists) = if args.skip_invalid {
        for row in &library.report.invalid {
            eprintln!("skipped {row}");
            skipped.rows += 1;
            skipped.ids.extend(row.id.clone());
        }
        for entry in library.invalid_entries() {
            eprintln!("skipped playlist entry: {entry}");
            skipped.entries += 1;
        }
        (library.report.tracks, library.playlists.playlists)
    } else {
        library.into_valid().context("nothing was imported")?
    };
    if args.probe.probe {
        let reports = probe_with_progress(&tracks, &args.probe.options(16)?, settings).await?;
        let failing: Vec<&TrackReport> = reports.iter().filter(|r| r.fails_on_device()).collect();
        let unreachable = failing.iter().filter(|r| r.unreachable()).count();
        if !failing.is_empty() && !args.skip_invalid {
            let lines: Vec<String> = failing
                .iter()
                .map(|r| format!("  {}: {}", r.id, r.reasons()))
                .collect();
            let network = if unreachable > 0 {
                format!(
                    " ({unreachable} of them could not be reached at all: check the \
                     network or the host, then run again)"
                )
            } else {
                String::new()
            };
            anyhow::bail!(
                "{} stream(s) would fail on a device{network}; nothing was imported \
                 (--skip-invalid imports the rest):\n{}",
                failing.len(),
                lines.join("\n")
            );
        }
        for report in &failing {
            let why = if report.unreachable() {
                "host out of reach, kept as it is in the table"
            } else {
                "stream would fail"
            };
            eprintln!("skipped {} ({why}): {}", report.id, report.reasons());
        }
        skipped.rows += failing.len();
        skipped.unreachable += unreachable;
        skipped.ids.extend(failing.iter().map(|r| r.id.clone()));
        tracks.retain(|t| !skipped.ids.contains(&t.id));
    }
    if args.prune && skipped.rows > 0 && !args.prune_even_if_skipped {
        anyhow::bail!(
            "--prune with {} skipped row(s) could delete the tracks those rows stand for; \
             nothing was imported (fix the rows, or pass --prune-even-if-skipped)",
            skipped.rows
        );
    }
    let client = client(ClientUse::Admin, &settings.trust_roots).await?;
    let options = ImportOptions {
        concurrency: args.concurrency,
        prune: args.prune,
        keep: skipped.ids.clone(),
        allow_empty: args.allow_empty,
        ..ImportOptions::default()
    };
    let bar = jukebox::progress::bar(0, "items", true);
    let progress = |step: ImportProgress| match step {
        ImportProgress::Planned { items } => bar.set_length(items),
        ImportProgress::Written { items } => bar.inc(items),
    };
    let started = std::time::Instant::now();
    let summary = import_tracks(&client, &args.table, &tracks, &options, &progress).await;
    bar.finish_and_clear();
    let summary = summary.map_err(|err| {
        if err.is::<ImportRefused>() {
            err
        } else {
            // Interrupted part-way: the import is idempotent (see its module).
            err.context("the import stopped part-way; running it again is safe")
        }
    })?;
    let lists = if defines_playlists {
        let lists = import_playlists(&client, &args.table, &playlists, &tracks, &options, &|_| {})
            .await
            .map_err(|err| {
                if err.is::<PlaylistsRefused>() {
                    err.context("the tracks were imported, the playlists were not")
                } else {
                    err.context("the playlists stopped part-way; running the import again is safe")
                }
            })?;
        Some(lists)
    } else {
        None
    };
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "imported {} tracks ({} search items) into {} in {seconds:.1} s ({:.0} tracks/s); \
         {} new to the table (dated by their row or now), \
         {} stale search items removed, {} tracks pruned; \
         {} BatchWriteItem requests, {} retried for unprocessed items",
        summary.tracks,
        summary.search_items,
        args.table,
        summary.tracks as f64 / seconds.max(0.001),
        summary.new_tracks,
        summary.stale_search_items_removed,
        summary.pruned_tracks,
        summary.write_requests,
        summary.retried_batches,
    );
    if let Some(lists) = lists {
        println!(
            "imported {} playlist(s) ({} entries); {} stale entries removed, {} playlists pruned",
            lists.playlists, lists.entries, lists.stale_entries_removed, lists.pruned_playlists
        );
    }
    // The voice model lists the catalog's values only as of the last
    // `model build --catalog`: say when this import made it stale.
    let imported = CatalogValues::new(&tracks, &playlists, &HashMap::new()).fingerprint();
    let record = BuildRecord::read(Path::new("."))?;
    if let Some(advice) = staleness(&imported, record.as_ref(), &args.file.display().to_string()) {
        eprintln!("jukebox: {advice}");
    }
    if skipped.rows == 0 && skipped.entries == 0 {
        return Ok(ExitCode::SUCCESS);
    }
    if skipped.entries > 0 {
        println!("skipped {} playlist entr(ies)", skipped.entries);
    }
    if skipped.rows == 0 {
        return Ok(if args.exit_zero_if_skipped {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(PARTIAL_IMPORT)
        });
    }
    println!(
        "skipped {} row(s) ({} with a host out of reach); the {} track(s) they name \
         were left as they are in the table",
        skipped.rows,
        skipped.unreachable,
        skipped.ids.len(),
    );
    Ok(if args.exit_zero_if_skipped {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(PARTIAL_IMPORT)
    })
}
