//! Walking a folder tree for the files it holds: a folder of playlists, a
//! folder of music to scan.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::tags::io_reason;

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with('.'))
}

/// What a walk found: the files, and what it could not or would not enter.
#[derive(Debug, Default)]
pub(crate) struct Walk {
    pub files: Vec<PathBuf>,
    /// A folder or file that could not be read, or a link that leaves the
    /// folder, with the reason.
    pub skipped: Vec<(PathBuf, String)>,
}

/// Every file under `dir` that `keep` accepts, in path order: hidden files
/// and folders are skipped; symlinks are followed while they stay inside
/// `dir` (one that leads out is listed in [`Walk::skipped`], as is a
/// folder that cannot be read), each folder read once (so a link loop
/// ends). Only `dir` itself failing is an error; `what` names it there
/// ("playlist folder").
pub(crate) fn files_under(
    dir: &Path,
    what: &str,
    keep: &dyn Fn(&Path) -> bool,
) -> anyhow::Result<Walk> {
    let root = dir
        .canonicalize()
        .with_context(|| format!("cannot read {what} {}", dir.display()))?;
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot read {what} {}", dir.display()))?;
    drop(entries);
    let mut walk = Walk::default();
    let mut visited = HashSet::new();
    collect(dir, &root, keep, &mut walk, &mut visited);
    walk.files.sort();
    walk.skipped.sort();
    Ok(walk)
}

fn collect(
    dir: &Path,
    root: &Path,
    keep: &dyn Fn(&Path) -> bool,
    walk: &mut Walk,
    visited: &mut HashSet<PathBuf>,
) {
    let canonical = match dir.canonicalize() {
        Ok(canonical) => canonical,
        Err(err) => {
            let reason = format!("cannot read this folder: {}", io_reason(&err));
            walk.skipped.push((dir.to_path_buf(), reason));
            return;
        }
    };
    if !visited.insert(canonical) {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            let reason = format!("cannot read this folder: {}", io_reason(&err));
            walk.skipped.push((dir.to_path_buf(), reason));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let reason = format!("cannot read this folder: {}", io_reason(&err));
                walk.skipped.push((dir.to_path_buf(), reason));
                return;
            }
        };
        let path = entry.path();
        if is_hidden(&path) {
            continue;
        }
        let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
        if is_link {
            // A dangling link is no file; one that leads out of the folder
            // would put files in the catalog that are not published with it.
            let Ok(target) = path.canonicalize() else {
                continue;
            };
            if !target.starts_with(root) {
                walk.skipped.push((
                    path,
                    format!(
                        "is a link to {}, outside the folder: not followed",
                        target.display()
                    ),
                ));
                continue;
            }
        }
        let Ok(metadata) = std::fs::metadata(&path) else {
            continue;
        };
        if metadata.is_dir() {
            collect(&path, root, keep, walk, visited);
        } else if metadata.is_file() && keep(&path) {
            walk.files.push(path);
        }
    }
}
