//! `jukebox catalog scan DIR --base-url URL`: a folder of music becomes a
//! catalog file that `catalog check` accepts as it is.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use jukebox::catalog::scan::{art_dir_inside, check_extension, scan_folder, ScanOptions};
use jukebox::catalog::CatalogRules;
use jukebox::settings::Settings;
use serde_json::{json, Value};
use url::Url;

#[derive(clap::Args)]
pub struct ScanArgs {
    /// The folder of music, or s3://BUCKET/PREFIX to read the tags straight
    /// from your bucket (ranged GETs: never whole files).
    dir: PathBuf,
    /// Where the folder is published: https://HOST/PATH/ (a file's stream
    /// URL is this plus its path, percent-encoded), or s3://BUCKET/PREFIX/
    /// for a copy of the folder in your private bucket (signed at play time).
    /// Required for a folder; for s3://BUCKET/PREFIX it defaults to that.
    #[arg(long)]
    base_url: Option<Url>,
    /// The catalog file to write (JSON Lines; with --playlists a JSON
    /// object with tracks and playlists); standard output when absent.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Read the folder's M3U/M3U8 files as playlists.
    #[arg(long)]
    playlists: bool,
    /// A folder inside DIR to write embedded cover pictures into, one per
    /// album, published with the music (a cover.jpg or folder.jpg beside
    /// the files is used as it is).
    #[arg(long)]
    art_dir: Option<PathBuf>,
    /// Where a transcoded copy of the folder is published (same paths):
    /// FLAC, Ogg, WAV… files, which an Echo does not play, get this URL
    /// with the extension --transcoded-ext instead of being left out.
    #[arg(long)]
    transcoded_base_url: Option<Url>,
    #[arg(long, default_value = "mp3", requires = "transcoded_base_url")]
    transcoded_ext: String,
    /// Also accept stream and image URLs on this port (repeatable), as
    /// `catalog check` and `catalog import` do: give them the same flag.
    #[arg(long = "stream-port", value_name = "PORT")]
    stream_ports: Vec<u16>,
}

pub async fn run(args: ScanArgs, settings: &Settings) -> anyhow::Result<ExitCode> {
    let source = args.dir.to_string_lossy().to_string();
    let bucket = source.strip_prefix("s3://").map(|rest| {
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        (bucket.to_string(), prefix.to_string())
    });
    let base_url = match (&args.base_url, &bucket) {
        (Some(url), _) => url.clone(),
        (None, Some((bucket, prefix))) => {
            let prefix = prefix.trim_matches('/');
            let base = if prefix.is_empty() {
                format!("s3://{bucket}/")
            } else {
                format!("s3://{bucket}/{prefix}/")
            };
            Url::parse(&base).with_context(|| format!("{base} is not a bucket URL"))?
        }
        (None, None) => {
            anyhow::bail!("--base-url is required for a folder (where it is published)")
        }
    };
    for url in std::iter::once(&base_url).chain(&args.transcoded_base_url) {
        anyhow::ensure!(
            matches!(url.scheme(), "https" | "s3"),
            "{url} is neither https:// nor s3://BUCKET/PREFIX/: Alexa only plays https:// streams"
        );
    }
    if let (Some(_), Some(_)) = (&args.art_dir, &bucket) {
        anyhow::bail!("--art-dir writes into a folder: it does not apply to a bucket");
    }
    check_extension(&args.transcoded_ext)?;
    let art_dir = match &args.art_dir {
        Some(art) => Some(art_dir_inside(&args.dir, art)?),
        None => None,
    };
    let options = ScanOptions {
        base_url,
        transcoded_base_url: args.transcoded_base_url.clone(),
        transcoded_extension: args.transcoded_ext.clone(),
        art_dir,
        playlists: args.playlists,
        // The rules `catalog check` and `catalog import` apply.
        rules: CatalogRules {
            extra_ports: args.stream_ports.clone(),
            fits_storage: Some(jukebox::store::dynamodb::check_fits),
            max_file_bytes: None,
        },
    };
    let bar = jukebox::progress::bar(0, "files", true);
    let report = match bucket {
        None => scan_folder(&args.dir, &options, &|n| bar.inc(n))?,
        Some((name, prefix)) => {
            let client = jukebox::store::s3::client(settings.s3_path_style).await;
            let runtime = tokio::runtime::Handle::current();
            let progress = bar.clone();
            // The tag library reads synchronously: ranged GETs from a blocking thread.
            tokio::task::spawn_blocking(move || {
                let bucket = jukebox::store::s3::Bucket::open(client, &name, &prefix, runtime)?;
                let report = jukebox::catalog::scan::scan(&bucket, &options, &|n| progress.inc(n))?;
                let fetched = bucket.fetched.load(std::sync::atomic::Ordering::Relaxed);
                eprintln!("read {fetched} bytes from the bucket (ranged GETs)");
                anyhow::Ok(report)
            })
            .await??
        }
    };
    bar.finish_and_clear();

    let text = if args.playlists {
        let playlists: Vec<Value> = report
            .playlists
            .iter()
            .map(|p| json!({"name": p.name, "tracks": p.track_ids}))
            .collect();
        let document = json!({"tracks": report.rows, "playlists": playlists});
        serde_json::to_string_pretty(&document)? + "\n"
    } else {
        report
            .rows
            .iter()
            .map(|row| Value::Object(row.clone()).to_string() + "\n")
            .collect()
    };
    // A scan that keeps nothing writes nothing: an empty catalog imported
    // would play nothing, and would replace a good file of the same name.
    let kept_any = !report.rows.is_empty();
    match &args.output {
        Some(path) if kept_any => std::fs::write(path, text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None if kept_any => std::io::stdout().lock().write_all(text.as_bytes())?,
        _ => {}
    }
    for skipped in &report.skipped {
        eprintln!("skipped {}: {}", skipped.path.display(), skipped.reason);
    }
    for warning in &report.warnings {
        eprintln!("warning {}: {}", warning.path.display(), warning.reason);
    }
    for entry in &report.invalid_playlist_entries {
        eprintln!("skipped playlist entry {entry}");
    }
    for path in &report.untagged {
        eprintln!("no title tag, titled from its name: {}", path.display());
    }
    eprintln!(
        "scanned {} audio files: {} tracks, {} without tags, {} skipped{}",
        report.audio_files,
        report.rows.len(),
        report.untagged.len(),
        report.skipped.len(),
        if args.playlists {
            format!(", {} playlists", report.playlists.len())
        } else {
            String::new()
        }
    );
    if !kept_any {
        eprintln!(
            "nothing to write: no file of {} became a track (see the reasons above)",
            args.dir.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
