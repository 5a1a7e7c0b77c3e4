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
    language, locales, set_manifest_endpoints, skill_package_path, source_path, AlexaRegion,
    VoiceModel,
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

/// Writes the request `ask smapi update-account-linking-info` takes: the
/// committed `account-linking.json` with the owner's LWA security profile
/// filled in. The secret comes from `LWA_CLIENT_SECRET` (never a command
/// line argument: shells keep history), the file is created owner-only, and
/// neither value is printed.
pub fn account_linking(
    template: &Path,
    client_id: &str,
    out: &Path,
    settings: &Settings,
) -> anyhow::Result<ExitCode> {
    let secret = settings
        .lwa_client_secret
        .clone()
        .context("set LWA_CLIENT_SECRET to the client secret of your LWA security profile")?;
    let client_id = client_id.trim();
    anyhow::ensure!(
        client_id.starts_with("amzn1.application-oa2-client."),
        "an LWA client id starts with amzn1.application-oa2-client. (Login with Amazon console, Web Settings)"
    );
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
    write_private(out, body.as_bytes())
        .with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!(
        "jukebox: wrote {} (it holds your client secret: delete it after `ask smapi update-account-linking-info`)",
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Creates `path` readable by its owner only (replacing a previous file).
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    file.write_all(bytes)
}
