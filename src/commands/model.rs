//! `jukebox model build|check` and `jukebox skill set-endpoint`: the skill
//! package that the ASK CLI deploys, generated from `interaction-model/`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use jukebox::settings::Settings;
use jukebox::voice_model::{
    locales, set_manifest_endpoints, skill_package_path, source_path, AlexaRegion, VoiceModel,
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
                if actual != expected {
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
