//! Walking a folder tree for the files it holds: a folder of playlists, a
//! folder of music to scan.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::Context;

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with('.'))
}

/// Every file under `dir` that `keep` accepts, in path order: hidden files
/// and folders are skipped, symlinks followed, each folder read once (so a
/// link loop ends). `what` names the folder in errors ("playlist folder").
pub(crate) fn files_under(
    dir: &Path,
    what: &str,
    keep: &dyn Fn(&Path) -> bool,
) -> anyhow::Result<Vec<PathBuf>> {
    fn collect(
        dir: &Path,
        what: &str,
        keep: &dyn Fn(&Path) -> bool,
        files: &mut Vec<PathBuf>,
        visited: &mut HashSet<PathBuf>,
    ) -> anyhow::Result<()> {
        let canonical = dir
            .canonicalize()
            .with_context(|| format!("cannot read {what} {}", dir.display()))?;
        if !visited.insert(canonical) {
            return Ok(());
        }
        let entries = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read {what} {}", dir.display()))?;
        for entry in entries {
            let path = entry
                .with_context(|| format!("cannot read {what} {}", dir.display()))?
                .path();
            if is_hidden(&path) {
                continue;
            }
            // Follows symlinks; a dangling one is no file.
            let Ok(metadata) = std::fs::metadata(&path) else {
                continue;
            };
            if metadata.is_dir() {
                collect(&path, what, keep, files, visited)?;
            } else if metadata.is_file() && keep(&path) {
                files.push(path);
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    collect(dir, what, keep, &mut files, &mut HashSet::new())?;
    files.sort();
    Ok(files)
}
