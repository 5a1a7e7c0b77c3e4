//! `jukebox model build|check` and `jukebox skill set-endpoint`: the skill
//! package that the ASK CLI deploys, generated from `interaction-model/`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use jukebox::voice_model::{locales, set_manifest_endpoint, skill_package_path, VoiceModel};

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
                    eprintln!("jukebox: {path} is out of date with interaction-model/{locale}.json: run `cargo run -- model build`");
                    failed = true;
                } else {
                    println!("{path} matches interaction-model/{locale}.json");
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
pub fn set_endpoint(function_arn: &str, manifest: &Path) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(manifest)
        .with_context(|| format!("cannot read {}", manifest.display()))?;
    let updated = set_manifest_endpoint(&text, function_arn)
        .with_context(|| format!("cannot set the endpoint in {}", manifest.display()))?;
    std::fs::write(manifest, updated)
        .with_context(|| format!("cannot write {}", manifest.display()))?;
    eprintln!(
        "jukebox: {} now points at {}",
        manifest.display(),
        function_arn.trim()
    );
    Ok(ExitCode::SUCCESS)
}
