//! `jukebox model build|check` and `jukebox skill set-endpoint`: the skill
//! package that the ASK CLI deploys, generated from `interaction-model/`
//! (and, with `--catalog` or `--table`, the owner's catalog values).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use jukebox::catalog::{read_library, CatalogRules};
use jukebox::settings::Settings;
use jukebox::store::dynamodb::all_tracks::read_all_tracks;
use jukebox::store::dynamodb::{client, ClientUse};
use jukebox::voice_catalog::{
    digest, fit, BuildRecord, CatalogValues, SlotKind, MAX_MODEL_BYTES, RECORD_PATH,
};
use jukebox::voice_model::{
    language, locales, set_manifest_account_linking, set_manifest_endpoints, skill_package_path,
    source_path, AlexaRegion, VoiceModel,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write the generated model files.
    Build,
    /// Compare them with what would be generated.
    Check,
}

/// Builds or checks every locale's model; fails when any model breaks
/// Alexa's rules or (in check mode) `skill-package/` is out of date.
pub fn build_or_check(mode: Mode) -> anyhow::Result<ExitCode> {
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
        match mode {
            Mode::Build => {
                if let Some(dir) = Path::new(&path).parent() {
                    std::fs::create_dir_all(dir)
                        .with_context(|| format!("cannot create {}", dir.display()))?;
                }
                std::fs::write(&path, &expected).with_context(|| format!("cannot write {path}"))?;
                println!("wrote {path} ({} intents)", model.intents.len());
            }
            Mode::Check => {
                let actual = std::fs::read_to_string(&path).unwrap_or_default();
                if actual != expected && is_catalog_build(locale, &actual, &expected)? {
                    println!(
                        "{path} is {} with the owner's catalog values",
                        source_path(locale)
                    );
                } else if actual != expected {
                    eprintln!(
                        "jukebox: {path} is out of date with {}: run `cargo run -- model build`",
                        source_path(locale)
                    );
                    failed = true;
                } else {
                    println!("{path} matches {}", source_path(locale));
                }
            }
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Whether `actual` is what `model build --catalog` wrote for `locale` on
/// top of today's `expected` model: the owner's values do not make the
/// committed model out of date, a changed source does.
fn is_catalog_build(locale: &str, actual: &str, expected: &str) -> anyhow::Result<bool> {
    let Some(record) = BuildRecord::read(Path::new("."))? else {
        return Ok(false);
    };
    Ok(record.models.get(locale) == Some(&digest(actual))
        && record.bases.get(locale) == Some(&digest(expected)))
}

/// Where `model build --catalog|--table` reads the owner's values.
pub enum CatalogSource {
    File {
        catalog: PathBuf,
        playlists: Option<PathBuf>,
    },
    Table(String),
}

/// Play counts by track id from `jukebox report plays --json`.
fn read_plays(path: &Path) -> anyhow::Result<HashMap<String, u64>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let report: serde_json::Value = serde_json::from_str(&text).with_context(|| {
        format!(
            "{} is not the JSON of `report plays --json`",
            path.display()
        )
    })?;
    let rows = report
        .get("plays")
        .and_then(serde_json::Value::as_array)
        .with_context(|| format!("{} has no \"plays\" list", path.display()))?;
    Ok(rows
        .iter()
        .filter_map(|row| {
            let id = row.get("id")?.as_str()?;
            let plays = row.get("plays")?.as_u64()?;
            Some((id.to_string(), plays))
        })
        .collect())
}

/// The catalog's values, and what they were read from.
pub async fn read_values(
    source: &CatalogSource,
    plays: Option<&Path>,
    settings: &Settings,
) -> anyhow::Result<(CatalogValues, String)> {
    let plays = plays.map(read_plays).transpose()?.unwrap_or_default();
    match source {
        CatalogSource::File { catalog, playlists } => {
            let library = read_library(catalog, playlists.as_deref(), &CatalogRules::default())?;
            for problem in library.problems() {
                eprintln!("jukebox: skipped {problem}");
            }
            let values =
                CatalogValues::new(&library.report.tracks, &library.playlists.playlists, &plays);
            Ok((values, format!("catalog {}", catalog.display())))
        }
        CatalogSource::Table(table) => {
            let client = client(ClientUse::Admin, &settings.trust_roots).await?;
            let tracks = read_all_tracks(&client, table).await?;
            let values = CatalogValues::new(&tracks, &[], &plays);
            Ok((values, format!("table {table}")))
        }
    }
}

/// Writes every locale's model with the owner's catalog values (within
/// Amazon's bounds, the most useful first) and records the build in
/// [`RECORD_PATH`] for `model check` and `catalog import`.
pub fn build_with_catalog(values: &CatalogValues, source: &str) -> anyhow::Result<ExitCode> {
    let mut failed = false;
    let mut record = BuildRecord {
        fingerprint: values.fingerprint(),
        source: source.to_string(),
        values: values
            .counts()
            .into_iter()
            .map(|(kind, n)| (kind.name().to_string(), n))
            .collect(),
        ..BuildRecord::default()
    };
    for locale in locales() {
        let base = VoiceModel::load(locale)?;
        let base_file = base.interaction_model_file();
        // A little room for the type objects the values open (`{"name":
        // "AMAZON.Artist","values":[…]}`) beside the values themselves.
        let budget = MAX_MODEL_BYTES
            .saturating_sub(base.interaction_model_compact().len())
            .saturating_sub(1024);
        let fitted = fit(values, language(locale), base.slot_value_count(), budget);
        let model = base.with_catalog(&fitted);
        let problems = model.problems();
        for problem in &problems {
            eprintln!("jukebox: {locale}: {problem}");
        }
        failed |= !problems.is_empty();
        let text = model.interaction_model_compact();
        let path = skill_package_path(locale);
        if let Some(dir) = Path::new(&path).parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        std::fs::write(&path, &text).with_context(|| format!("cannot write {path}"))?;
        let kept: Vec<String> = SlotKind::ALL
            .into_iter()
            .map(|kind| format!("{} {}", fitted.of(kind).len(), kind.name()))
            .collect();
        let mut line = format!("wrote {path} ({}; {} bytes)", kept.join(", "), text.len());
        if fitted.left_out > 0 {
            line.push_str(&format!(
                "; {} value(s) left out to stay within Alexa's limits",
                fitted.left_out
            ));
        }
        println!("{line}");
        record.left_out = record.left_out.max(fitted.left_out);
        record.models.insert(locale.to_string(), digest(&text));
        record.bases.insert(locale.to_string(), digest(&base_file));
    }
    let mut text = serde_json::to_string_pretty(&record)?;
    text.push('\n');
    std::fs::write(RECORD_PATH, text).with_context(|| format!("cannot write {RECORD_PATH}"))?;
    println!(
        "recorded catalog values {} in {RECORD_PATH}; deploy the model with `ask deploy --target skill-metadata`",
        record.fingerprint
    );
    if record.left_out > 0 {
        println!(
            "{} of {} values left out (the least played and lowest ranked); they are still found by the matcher",
            record.left_out,
            values.entities.len()
        );
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Points the manifest's endpoint at the deployed function, nothing else.
pub fn set_endpoint(
    function_arn: &str,
    regional: &[(AlexaRegion, String)],
    manifest: &Path,
) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(manifest)
        .with_context(|| format!("cannot read {}", manifest.display()))?;
    let (updated, warnings) = set_manifest_endpoints(&text, function_arn, regional)
        .with_context(|| format!("cannot set the endpoint in {}", manifest.display()))?;
    for warning in warnings {
        eprintln!("jukebox: warning: {warning}");
    }
    std::fs::write(manifest, updated)
        .with_context(|| format!("cannot write {}", manifest.display()))?;
    eprintln!(
        "jukebox: {} now points at {}",
        manifest.display(),
        function_arn.trim()
    );
    Ok(ExitCode::SUCCESS)
}

/// The longest client id taken: LWA's are about 64 characters
/// (`amzn1.application-oa2-client.` and 32 hex digits).
const MAX_CLIENT_ID_BYTES: usize = 256;

const CLIENT_ID_PREFIX: &str = "amzn1.application-oa2-client.";

/// Writes the request `ask smapi update-account-linking-info` takes: the
/// committed `account-linking.json` with the owner's LWA security profile
/// filled in. The secret comes from `LWA_CLIENT_SECRET` (never a command
/// line argument: shells keep history), the file is created owner-only, and
/// neither value is printed. The manifest is declared to match: personal
/// information used, and testing instructions for the certification team.
/// Neither file is written through a symbolic link: a link at `out` would
/// otherwise put the secret wherever it points.
pub fn account_linking(
    template: &Path,
    client_id: &str,
    out: &Path,
    manifest: &Path,
    settings: &Settings,
) -> anyhow::Result<ExitCode> {
    let secret = settings
        .lwa_client_secret
        .clone()
        .context("set LWA_CLIENT_SECRET to the client secret of your LWA security profile")?;
    let client_id = checked_client_id(client_id)?;
    let text = std::fs::read_to_string(template)
        .with_context(|| format!("cannot read {}", template.display()))?;
    let mut request: serde_json::Value = serde_json::from_str(&text)
        .with_context(|| format!("{} is not JSON", template.display()))?;
    let payload = request
        .get_mut("accountLinkingRequest")
        .and_then(serde_json::Value::as_object_mut)
        .with_context(|| format!("{} has no accountLinkingRequest", template.display()))?;
    payload.insert("clientId".into(), client_id.into());
    payload.insert("clientSecret".into(), secret.into());
    let body = serde_json::to_string_pretty(&request)?;
    refuse_link(manifest)?;
    let declared = std::fs::read_to_string(manifest)
        .with_context(|| format!("cannot read {}", manifest.display()))
        .and_then(|text| {
            set_manifest_account_linking(&text).with_context(|| {
                format!("cannot declare account linking in {}", manifest.display())
            })
        })?;
    replace_file(out, body.as_bytes(), Some(0o600))
        .with_context(|| format!("cannot write {}", out.display()))?;
    replace_file(manifest, declared.as_bytes(), None)
        .with_context(|| format!("cannot write {}", manifest.display()))?;
    eprintln!(
        "jukebox: wrote {} (it holds your client secret: delete it after `ask smapi update-account-linking-info`)",
        out.display()
    );
    eprintln!(
        "jukebox: {} now says the skill uses personal information and tells the certification tester how to get past the allow-list",
        manifest.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The client id, trimmed, when it can be an LWA client id: the prefix and
/// a non-empty rest of visible ASCII, no longer than [`MAX_CLIENT_ID_BYTES`].
fn checked_client_id(raw: &str) -> anyhow::Result<&str> {
    let client_id = raw.trim();
    let hint = "Login with Amazon console, Web Settings";
    anyhow::ensure!(
        client_id.len() <= MAX_CLIENT_ID_BYTES,
        "an LWA client id is about 64 characters, not {} bytes ({hint})",
        client_id.len()
    );
    let rest = client_id
        .strip_prefix(CLIENT_ID_PREFIX)
        .with_context(|| format!("an LWA client id starts with {CLIENT_ID_PREFIX} ({hint})"))?;
    anyhow::ensure!(
        !rest.is_empty(),
        "an LWA client id has its identifier after {CLIENT_ID_PREFIX} ({hint})"
    );
    anyhow::ensure!(
        rest.chars().all(|c| c.is_ascii_graphic()),
        "an LWA client id is letters, digits and punctuation, without spaces or control characters ({hint})"
    );
    Ok(client_id)
}

/// Refuses a path that is a symbolic link (a dangling one too).
fn refuse_link(path: &Path) -> anyhow::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => anyhow::bail!(
            "{} is a symbolic link: give the path of a regular file",
            path.display()
        ),
        _ => Ok(()),
    }
}

/// Replaces `path` with `bytes` without ever following a link: a new file
/// is created beside it (`create_new`, which opens no existing file and no
/// link) and renamed over it, which replaces a link itself, never its
/// target. `mode` sets the new file's permissions; without it, those of the
/// file replaced are kept (0644 for a new one).
fn replace_file(path: &Path, bytes: &[u8], mode: Option<u32>) -> anyhow::Result<()> {
    use std::io::Write;
    refuse_link(path)?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .with_context(|| format!("{} names no file", path.display()))?;
    let kept_mode = std::fs::metadata(path).ok().map(|meta| {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            meta.permissions().mode() & 0o777
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            0o644
        }
    });
    let mode = mode.or(kept_mode).unwrap_or(0o644);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(mode);
    }
    let mut attempt = 0u32;
    let (temp, mut file) = loop {
        let temp = dir.join(format!(
            ".{}.{}.{attempt}.tmp",
            name.to_string_lossy(),
            std::process::id()
        ));
        match options.open(&temp) {
            Ok(file) => break (temp, file),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(err) => {
                return Err(err).with_context(|| format!("cannot create {}", temp.display()))
            }
        }
    };
    let written = (|| -> std::io::Result<()> {
        #[cfg(unix)]
        {
            // The umask may have taken bits off; the mode asked for is exact.
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(mode))?;
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    Ok(written?)
}
