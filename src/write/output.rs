//! Which folder may be the output: the path an editor gives, made
//! absolute and resolved, refused when replacing it could lose the site's
//! sources or files that gongkai did not write.

use std::path::{Path, PathBuf};

use crate::base::diagnostics::Diagnostic;

/// The name of the marker file every output holds: it says the folder is a
/// gongkai output, so that a later build may replace it.
pub const MARKER: &str = ".gongkai-output";

/// The site's own folders: never an output, nor inside one of them.
const SITE_FOLDERS: [&str; 4] = ["content", "themes", "static", "templates"];

/// The output folder as every later step will use it, after checking that
/// replacing it loses nothing: `output` is made absolute and its `..`
/// resolved lexically, then the part of it that exists is resolved on disk
/// (symlinks included). Refused: the filesystem root, the site root and its
/// parents, the site's own folders and anything inside them, a path that is
/// not a folder, and an existing folder that holds files but no gongkai
/// [`MARKER`] (unless `force`).
pub fn resolve_output(root: &Path, output: &Path, force: bool) -> Result<PathBuf, Diagnostic> {
    let resolved = on_disk(&lexical(output));
    let root = on_disk(&lexical(root));
    let refuse = |message: String| {
        Diagnostic::in_file(output, message).with_help(msg!("output-refused-help"))
    };
    if resolved.parent().is_none() {
        return Err(refuse(msg!("output-refused-root")));
    }
    if root.starts_with(&resolved) {
        return Err(refuse(msg!("output-refused-site")));
    }
    if let Some(own) = SITE_FOLDERS
        .iter()
        .find(|f| resolved.starts_with(root.join(f)))
    {
        return Err(refuse(msg!("output-refused-own-folder", folder = *own)));
    }
    match std::fs::symlink_metadata(&resolved) {
        Err(_) => Ok(resolved),
        Ok(m) if !m.is_dir() => Err(Diagnostic::in_file(output, msg!("output-not-folder"))
            .with_help(msg!("output-not-folder-help"))),
        Ok(m) if m.permissions().readonly() => {
            Err(Diagnostic::in_file(output, msg!("output-read-only")))
        }
        Ok(_) if force || resolved.join(MARKER).is_file() || is_empty_dir(&resolved) => {
            Ok(resolved)
        }
        Ok(_) => Err(Diagnostic::in_file(output, msg!("output-foreign-files"))
            .with_help(msg!("output-foreign-files-help", marker = MARKER))),
    }
}

/// `path` made absolute with `.` and `..` resolved by name, as a person
/// reads it (`x/../content` is `content`, whether or not `x` exists).
fn lexical(path: &Path) -> PathBuf {
    use std::path::Component;
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for c in absolute.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// A `..`-free absolute path with its existing part resolved on disk, so
/// that a symlinked parent is seen for what it is.
fn on_disk(path: &Path) -> PathBuf {
    let mut existing = path;
    let mut rest = vec![];
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            let mut out = real;
            out.extend(rest.iter().rev());
            return out;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name);
                existing = parent;
            }
            _ => return path.to_path_buf(),
        }
    }
}

fn is_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}
