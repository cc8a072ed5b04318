//! The earlier texts of a policy bundle (`versions/2015-12-16.md`): each
//! file's date from its name and its optional front matter (`amended_by`,
//! `note`), attached to the policy. Their bodies are read and compared when
//! the site is resolved.

use std::path::Path;

use super::reference_of;
use super::walk::{Found, site_relative};
use crate::base::diagnostics::{Diagnostic, Diagnostics};
use crate::base::files::read_utf8;
use crate::load::front_matter::{self, VersionFrontMatter};
use crate::model::content::Page;
use crate::model::content::VersionFile;

/// Attach every version file found to its bundle's policy, in date order.
pub(super) fn attach(
    content_dir: &Path,
    found: &[Found],
    pages: &mut [Page],
    diagnostics: &mut Diagnostics,
) {
    for f in found {
        let Found::Version { file, bundle } = f else {
            continue;
        };
        let rel = format!("{bundle}/index.md");
        // A draft policy, left out, takes its versions with it.
        let Some(page) = pages.iter_mut().find(|p| p.rel == rel) else {
            continue;
        };
        let shown = site_relative(content_dir, file);
        let Some(meta) = page.policy_meta.as_mut() else {
            diagnostics.push(
                Diagnostic::in_file(&shown, msg!("version-not-policy"))
                    .with_help(msg!("version-not-policy-help")),
            );
            continue;
        };
        match read(&shown, file) {
            Ok(v) => meta.versions.push(v),
            Err(d) => diagnostics.push(d),
        }
    }
    for page in pages.iter_mut() {
        if let Some(meta) = page.policy_meta.as_mut() {
            meta.versions
                .sort_by(|a, b| a.date.cmp(&b.date).then(a.file.cmp(&b.file)));
        }
    }
}

fn read(shown: &Path, disk: &Path) -> Result<VersionFile, Diagnostic> {
    let text = read_utf8(disk, shown)?;
    let stem = disk
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let date = crate::load::front_matter::parse_date(stem)
        .ok()
        .filter(|d| d.to_string() == stem);
    let split = front_matter::split(shown, &text, &text)?;
    let fm: VersionFrontMatter = if split.yaml.trim().is_empty() {
        VersionFrontMatter::default()
    } else {
        front_matter::parse(shown, &text, &split)?
    };
    Ok(VersionFile {
        file: shown.to_path_buf(),
        disk: disk.to_path_buf(),
        date,
        amended_by: fm.amended_by.as_ref().map(|v| reference_of(v, &split)),
        note: fm.note,
    })
}
