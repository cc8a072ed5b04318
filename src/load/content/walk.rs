//! The walk of `content/`: which files are sections, pages, bundles and
//! assets, before any is read; and the paths the loader names them by.

use std::path::{Path, PathBuf};

use crate::base::diagnostics::{Diagnostic, Diagnostics};
use crate::base::files;
use crate::model::content::CONTENT_DIR;

/// One file found by the walk, before it is read.
pub(super) enum Found {
    Section {
        dir: String,
        index: Option<PathBuf>,
    },
    Page {
        file: PathBuf,
        section_dir: String,
        bundle: Option<String>,
    },
    Asset {
        file: PathBuf,
        output_rel: String,
        owner: AssetOwner,
    },
    /// An earlier text of the bundle's policy (`versions/2015-12-16.md`):
    /// read with its policy, never published as a file.
    Version {
        file: PathBuf,
        bundle: String,
    },
}

#[derive(Clone)]
pub(super) enum AssetOwner {
    Section(String),
    Bundle(String),
}

/// Walk the content folder: sections, pages, bundles, assets. Hidden files
/// and editor leftovers are skipped; symlink loops and unreadable entries
/// are diagnostics.
pub(super) fn walk(
    content_dir: &Path,
    follow_symlinks: bool,
    diagnostics: &mut Diagnostics,
) -> Vec<Found> {
    let mut found = vec![];
    let mut bundles: Vec<String> = vec![];
    // The site root as it is on disk, to tell where a link leads.
    let site = content_dir
        .parent()
        .and_then(|r| std::fs::canonicalize(r).ok())
        .unwrap_or_default();
    let mut walker = walkdir::WalkDir::new(content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name()));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| site_relative(content_dir, p))
                    .unwrap_or_else(|| PathBuf::from(CONTENT_DIR));
                let message = if e.loop_ancestor().is_some() {
                    msg!("symlink-loop")
                } else {
                    msg!("cannot-read", error = crate::base::words::walk_error(&e))
                };
                diagnostics.push(Diagnostic::in_file(path, message));
                continue;
            }
        };
        if let Some((message, help)) = files::refusal(
            entry.path(),
            entry.path_is_symlink(),
            entry.file_type(),
            &site,
            follow_symlinks,
        ) {
            diagnostics.push(
                Diagnostic::in_file(site_relative(content_dir, entry.path()), message)
                    .with_help(help),
            );
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        let Some(rel) = relative_name(content_dir, entry.path()) else {
            diagnostics.push(Diagnostic::in_file(
                site_relative(content_dir, entry.path()),
                msg!("file-name-not-utf8"),
            ));
            continue;
        };
        let in_bundle = bundles
            .iter()
            .find(|b| rel.starts_with(&format!("{b}/")))
            .cloned();
        if entry.file_type().is_dir() {
            if in_bundle.is_some() {
                continue;
            }
            if entry.path().join("index.md").is_file() {
                bundles.push(rel.clone());
                let section_dir = rel.rsplit_once('/').map_or("", |(p, _)| p).to_string();
                found.push(Found::Page {
                    file: entry.path().join("index.md"),
                    section_dir,
                    bundle: Some(rel),
                });
                continue;
            }
            let index = entry.path().join("_index.md");
            found.push(Found::Section {
                dir: rel,
                index: index.is_file().then_some(index),
            });
            continue;
        }
        let (dir, name) = match rel.rsplit_once('/') {
            Some((d, n)) => (d.to_string(), n.to_string()),
            None => (String::new(), rel.clone()),
        };
        if let Some(bundle) = in_bundle {
            if rel == format!("{bundle}/index.md") {
                continue;
            }
            let output_rel = rel[bundle.len() + 1..].to_string();
            let is_version = output_rel
                .strip_prefix(crate::model::content::VERSIONS_DIR)
                .and_then(|r| r.strip_prefix('/'))
                .is_some_and(|name| name.ends_with(".md") && !name.contains('/'));
            if is_version {
                found.push(Found::Version {
                    file: entry.path().to_path_buf(),
                    bundle,
                });
                continue;
            }
            found.push(Found::Asset {
                file: entry.path().to_path_buf(),
                output_rel,
                owner: AssetOwner::Bundle(bundle),
            });
        } else if name == "_index.md" {
            continue;
        } else if name.ends_with(".md") {
            found.push(Found::Page {
                file: entry.path().to_path_buf(),
                section_dir: dir,
                bundle: None,
            });
        } else {
            found.push(Found::Asset {
                file: entry.path().to_path_buf(),
                output_rel: name,
                owner: AssetOwner::Section(dir),
            });
        }
    }
    found
}

/// A spreadsheet outside a records section: an error, never a download.
/// Workbooks are working files (names, phone numbers, notes in hidden
/// sheets); one put in `content/` is meant as a table far more often than
/// as an attachment, and publishing it by mistake cannot be undone.
pub(super) fn stray_spreadsheet(content_dir: &Path, file: &Path) -> Diagnostic {
    Diagnostic::in_file(site_relative(content_dir, file), msg!("stray-spreadsheet"))
        .with_help(msg!("stray-spreadsheet-help"))
}

/// Hidden files and editor leftovers, including the `~$组织.xlsx` owner
/// file that Excel and Word keep beside a document while it is open.
fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.starts_with("~$") || name.ends_with('~') || name.ends_with(".swp")
}

pub(super) fn relative_name(content_dir: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(content_dir).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

/// A path for messages: relative to the site root (`content/...`).
pub(super) fn site_relative(content_dir: &Path, path: &Path) -> PathBuf {
    match path.strip_prefix(content_dir) {
        Ok(rel) => Path::new(CONTENT_DIR).join(rel),
        Err(_) => path.to_path_buf(),
    }
}
