//! `gongkai import FILE.docx`: a Word file becomes a policy page bundle,
//! `content/<section>/<slug>/index.md` with the original `.docx` beside it
//! as a download. An existing page is kept unless `--force`; nothing is
//! written when the file cannot be read.

use std::path::{Path, PathBuf};

use crate::base::diagnostics::Diagnostic;
use crate::base::slug::check_slug;
use crate::load::import::{self, messages};

/// What `gongkai import` is asked to do.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The Word file.
    pub file: PathBuf,
    /// The site root (where gongkai.yaml is).
    pub root: PathBuf,
    /// The section folder under `content/` (`policies`).
    pub section: String,
    /// The page's folder name; from the file name when it is plain ASCII.
    pub slug: Option<String>,
    /// Replace an existing page.
    pub force: bool,
}

/// A slug from a file name: ASCII letters, digits and hyphens only.
fn slug_of(stem: &str) -> Option<String> {
    let mut s = String::new();
    for c in stem.chars() {
        match c {
            'a'..='z' | '0'..='9' => s.push(c),
            'A'..='Z' => s.push(c.to_ascii_lowercase()),
            '-' | '_' | ' ' | '.' => {
                if !s.ends_with('-') {
                    s.push('-');
                }
            }
            _ => return None,
        }
    }
    let s = s.trim_matches('-').to_string();
    (!s.is_empty()).then_some(s)
}

/// Import the Word file; the text of the report to print on success.
pub fn import_docx(options: &ImportOptions) -> Result<String, Diagnostic> {
    let root = &options.root;
    if !root.join("gongkai.yaml").is_file() {
        return Err(
            Diagnostic::in_file(root, messages::no_site()).with_help(messages::no_site_help())
        );
    }
    let file = &options.file;
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    // The format first: a .doc with a Chinese name hears about .docx first.
    let download = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "original.docx".into());
    let imported = import::import(file, &download)?;
    let slug = match &options.slug {
        Some(s) => {
            check_slug(s).map_err(|e| Diagnostic::new(messages::bad_slug(&e)))?;
            s.clone()
        }
        None => slug_of(&stem).ok_or_else(|| {
            Diagnostic::in_file(file, messages::no_slug(&stem)).with_help(messages::no_slug_help())
        })?,
    };
    // A section may be nested (`policies/2025`): each folder a segment.
    let mut section = root.join("content");
    for segment in options.section.split('/').filter(|s| !s.is_empty()) {
        check_slug(segment).map_err(|e| Diagnostic::new(messages::bad_section(&e)))?;
        section.push(segment);
    }
    let dir = section.join(&slug);
    let page = dir.join("index.md");
    let rel = |p: &Path| {
        p.strip_prefix(root)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let single = section.join(format!("{slug}.md"));
    for existing in [&page, &single] {
        if existing.exists() && !options.force {
            return Err(Diagnostic::in_file(file, messages::exists(&rel(existing)))
                .with_help(messages::exists_help()));
        }
    }
    let copy = dir.join(&download);
    let write =
        |path: &Path, e: std::io::Error| Diagnostic::in_file(path, messages::cannot_write(&e));
    let created = !dir.exists();
    let written = (|| {
        std::fs::create_dir_all(&dir).map_err(|e| write(&dir, e))?;
        std::fs::copy(file, &copy).map_err(|e| write(&copy, e))?;
        // Written beside, then renamed: a page is whole or absent.
        let partial = dir.join(".index.md.partial");
        std::fs::write(&partial, &imported.markdown).map_err(|e| write(&partial, e))?;
        std::fs::rename(&partial, &page).map_err(|e| {
            let _ = std::fs::remove_file(&partial);
            write(&page, e)
        })
    })();
    if let Err(e) = written {
        // Nothing half-written stays: the folder made for the page goes.
        if created {
            let _ = std::fs::remove_dir_all(&dir);
        }
        return Err(e);
    }
    if options.force && single.exists() {
        std::fs::remove_file(&single).map_err(|e| write(&single, e))?;
    }
    Ok(messages::report(&imported.report, &rel(&page), &rel(&copy)))
}

#[cfg(test)]
mod tests {
    use super::slug_of;

    #[test]
    fn slugs_from_file_names() {
        assert_eq!(slug_of("Notice_2025 3").as_deref(), Some("notice-2025-3"));
        assert_eq!(slug_of("关于印发的通知"), None);
        assert_eq!(slug_of("--"), None);
    }
}
