//! `jukebox catalog check`: every row validated as import does; with
//! `--probe`, every stream fetched as an Echo would. Text or a JSON report.

use std::path::PathBuf;
use std::process::ExitCode;

use jukebox::catalog::{read_library, InvalidEntry, InvalidRow, Library, ParseReport};
use jukebox::probe::{TrackReport, Verdict};
use jukebox::settings::Settings;
use jukebox::store::dynamodb::{all_tracks, client, ClientUse};
use serde::Serialize;

use super::{probe_with_progress, ProbeArgs, RuleArgs};

#[derive(clap::Args)]
pub struct CheckArgs {
    /// Catalog file: JSON Lines, a JSON array or CSV with a header.
    #[arg(required_unless_present = "table")]
    file: Option<PathBuf>,
    /// Check the tracks of a deployed catalog table instead of a file.
    #[arg(long, conflicts_with = "file")]
    table: Option<String>,
    /// Playlists: an M3U/M3U8 file or a folder of them, whose entries are the
    /// catalog's stream URLs or track ids; each entry that names no track of
    /// the file is reported with its file and line.
    #[arg(long, conflicts_with = "table")]
    playlists: Option<PathBuf>,
    #[command(flatten)]
    rules: RuleArgs,
    #[command(flatten)]
    probe: ProbeArgs,
    /// Streams probed at once (at most 4 at once on one host).
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    /// Print a machine-readable JSON report instead of text.
    #[arg(long)]
    json: bool,
}

/// The `--json` report. Probe figures are `null` when nothing was probed.
#[derive(Serialize)]
struct Report<'a> {
    source: String,
    valid_rows: usize,
    invalid_rows: &'a [InvalidRow],
    playlists: usize,
    invalid_playlist_entries: Vec<&'a InvalidEntry>,
    probed: Option<usize>,
    streams_failing: Option<usize>,
    streams_with_warnings: Option<usize>,
    /// Streams found live (stations, or track rows that should be).
    live_streams: Option<usize>,
    tracks: Option<&'a [TrackReport]>,
    ok: bool,
}

pub async fn run(args: CheckArgs, settings: &Settings) -> anyhow::Result<ExitCode> {
    let (source, library) = match (&args.file, &args.table) {
        (Some(file), _) => (
            file.display().to_string(),
            read_library(file, args.playlists.as_deref(), &args.rules.rules())?,
        ),
        (None, Some(table)) => {
            let client = client(ClientUse::Admin, &settings.trust_roots).await?;
            let tracks = all_tracks::read_all_tracks(&client, table).await?;
            (
                format!("table {table}"),
                Library {
                    report: ParseReport {
                        tracks,
                        ..ParseReport::default()
                    },
                    ..Library::default()
                },
            )
        }
        (None, None) => anyhow::bail!("name a catalog file or --table"),
    };
    let report = &library.report;
    let bad_entries: Vec<&InvalidEntry> = library.invalid_entries().collect();
    let probes = if args.probe.probe {
        Some(
            probe_with_progress(
                &report.tracks,
                &args.probe.options(args.concurrency)?,
                settings,
            )
            .await?,
        )
    } else {
        None
    };
    let all = probes.as_deref().unwrap_or_default();
    let failing = all.iter().filter(|r| r.fails_on_device()).count();
    let warnings = all.iter().filter(|r| r.verdict == Verdict::Warning).count();
    let live = all.iter().filter(|r| r.stream.live.is_some()).count();
    let ok = report.invalid.is_empty() && bad_entries.is_empty() && failing == 0;
    if args.json {
        let document = Report {
            source,
            valid_rows: report.tracks.len(),
            invalid_rows: &report.invalid,
            playlists: library.playlists.playlists.len(),
            invalid_playlist_entries: bad_entries,
            probed: probes.as_ref().map(Vec::len),
            streams_failing: probes.as_ref().map(|_| failing),
            streams_with_warnings: probes.as_ref().map(|_| warnings),
            live_streams: probes.as_ref().map(|_| live),
            tracks: probes.as_deref(),
            ok,
        };
        println!("{}", serde_json::to_string_pretty(&document)?);
    } else {
        print_text(&library, probes.as_deref(), failing, warnings, live);
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn print_text(
    library: &Library,
    probes: Option<&[TrackReport]>,
    failing: usize,
    warnings: usize,
    live: usize,
) {
    let report = &library.report;
    for row in &report.invalid {
        println!("invalid {row}");
    }
    for entry in library.invalid_entries() {
        println!("invalid playlist entry {entry}");
    }
    for probe in probes.unwrap_or_default() {
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
    let playlists = &library.playlists.playlists;
    let bad_entries = library.invalid_entries().count();
    if !playlists.is_empty() || bad_entries > 0 {
        let entries: usize = playlists.iter().map(|p| p.track_ids.len()).sum();
        summary.push_str(&format!(
            "; {} playlists ({entries} entries), {bad_entries} invalid playlist entries",
            playlists.len()
        ));
    }
    if let Some(probes) = probes {
        summary.push_str(&format!(
            "; {} streams probed: {} ok, {warnings} with warnings, {failing} would fail on a device",
            probes.len(),
            probes.len() - warnings - failing
        ));
        if live > 0 {
            summary.push_str(&format!(", {live} live"));
        }
    }
    println!("{summary}");
}
