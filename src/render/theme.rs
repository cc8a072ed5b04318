//! Theme resolution: a theme is `themes/<name>/templates/` and
//! `themes/<name>/static/`; the site's own `templates/` and `static/`
//! override it file by file. The default theme is also built into the
//! binary, so `gongkai init` can write it and a site without a `themes/`
//! folder still builds.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::base::diagnostics::Diagnostic;

/// Where a theme file comes from.
#[derive(Debug, Clone)]
pub enum Origin {
    File(PathBuf),
    Builtin(&'static [u8]),
}

/// One file of the resolved theme.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// Path shown in messages (`themes/default/templates/page.html`).
    pub shown: PathBuf,
    pub origin: Origin,
}

/// The resolved templates and static files, keyed by their name inside
/// `templates/` or `static/`.
#[derive(Debug, Default)]
pub struct Theme {
    pub templates: BTreeMap<String, ThemeFile>,
    pub statics: BTreeMap<String, ThemeFile>,
}

macro_rules! builtin {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/", $path)) as &[u8])),*]
    };
}

/// The default theme, as shipped in the binary (a test keeps this list in
/// step with `themes/default/`).
pub const DEFAULT_THEME: &[(&str, &[u8])] = builtin![
    "templates/base.html",
    "templates/index.html",
    "templates/section.html",
    "templates/library.html",
    "templates/page.html",
    "templates/policy.html",
    "templates/article.html",
    "templates/policy-compare.html",
    "templates/404.html",
    "templates/search.html",
    "templates/partials/header.html",
    "templates/partials/footer.html",
    "templates/partials/breadcrumbs.html",
    "templates/partials/page-list.html",
    "templates/partials/policy-meta.html",
    "templates/partials/validity-banner.html",
    "templates/partials/read-aloud.html",
    "templates/partials/version-banner.html",
    "templates/partials/history.html",
    "templates/partials/amends.html",
    "templates/directory/notice.html",
    "templates/directory/crumbs.html",
    "templates/directory/org-list.html",
    "templates/directory/service-list.html",
    "templates/directory/activity-list.html",
    "templates/directory/organization.html",
    "templates/directory/service.html",
    "templates/directory/activity.html",
    "templates/directory/region.html",
    "templates/directory/org-type.html",
    "templates/directory/find.html",
    "templates/directory/term.html",
    "templates/directory/calendar.html",
    "templates/directory/data.html",
    "templates/directory/funds.html",
    "templates/directory/funds-index.html",
    "templates/directory/brand.html",
    "templates/directory/brand-kind.html",
    "templates/directory/brand-kinds.html",
    "templates/directory/brand-list.html",
    "templates/directory/brand-notice.html",
    "templates/directory/brand-section.html",
    "static/css/site.css",
    "static/css/print.css",
    "static/css/syntax.css",
    "static/js/search.js",
    "static/js/mode.js",
    "static/js/read-aloud.js",
    "static/favicon.svg",
];

impl Theme {
    /// Resolve the theme that `config` names for the site at `root`.
    pub fn load(root: &Path, config: &crate::model::config::Config) -> Result<Theme, Diagnostic> {
        let name = config.theme.as_str();
        let follow_symlinks = config.follow_symlinks;
        let mut theme = Theme::default();
        let theme_dir = root.join("themes").join(name);
        if theme_dir.is_dir() {
            collect(
                root,
                &theme_dir.join("templates"),
                &mut theme.templates,
                follow_symlinks,
            )?;
            collect(
                root,
                &theme_dir.join("static"),
                &mut theme.statics,
                follow_symlinks,
            )?;
        } else if name == "default" {
            for (path, bytes) in DEFAULT_THEME {
                let (kind, rel) = path.split_once('/').expect("builtin paths have a folder");
                let file = ThemeFile {
                    shown: PathBuf::from(msg!("render-builtin-theme-file", path = *path)),
                    origin: Origin::Builtin(bytes),
                };
                let map = if kind == "templates" {
                    &mut theme.templates
                } else {
                    &mut theme.statics
                };
                map.insert(rel.to_string(), file);
            }
        } else {
            return Err(config
                .error_at("theme", msg!("render-theme-not-found", name = name))
                .with_help(msg!("render-theme-not-found-help")));
        }
        collect(
            root,
            &root.join("templates"),
            &mut theme.templates,
            follow_symlinks,
        )?;
        collect(
            root,
            &root.join("static"),
            &mut theme.statics,
            follow_symlinks,
        )?;
        Ok(theme)
    }
}

fn collect(
    root: &Path,
    dir: &Path,
    into: &mut BTreeMap<String, ThemeFile>,
    follow_symlinks: bool,
) -> Result<(), Diagnostic> {
    if !dir.is_dir() {
        return Ok(());
    }
    let site = std::fs::canonicalize(root).unwrap_or_default();
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| {
            let shown = e
                .path()
                .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
                .unwrap_or_default();
            Diagnostic::in_file(
                shown,
                msg!(
                    "render-theme-file-unreadable",
                    error = crate::base::words::walk_error(&e)
                ),
            )
        })?;
        if let Some((message, help)) = crate::base::files::refusal(
            entry.path(),
            entry.path_is_symlink(),
            entry.file_type(),
            &site,
            follow_symlinks,
        ) {
            let shown = entry.path().strip_prefix(root).unwrap_or(entry.path());
            return Err(Diagnostic::in_file(shown, message).with_help(help));
        }
        if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let Some(name) = rel.to_str() else { continue };
        into.insert(
            name.replace('\\', "/"),
            ThemeFile {
                shown: entry
                    .path()
                    .strip_prefix(root)
                    .unwrap_or(entry.path())
                    .to_path_buf(),
                origin: Origin::File(entry.path().to_path_buf()),
            },
        );
    }
    Ok(())
}

impl ThemeFile {
    /// The file's text (templates), or a diagnostic naming it.
    pub fn text(&self) -> Result<Arc<str>, Diagnostic> {
        match &self.origin {
            Origin::File(path) => crate::base::files::read_utf8(path, &self.shown),
            Origin::Builtin(bytes) => Ok(Arc::from(String::from_utf8_lossy(bytes).as_ref())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file of `themes/default/` is built in, and nothing else: a new
    /// theme file must be added to `DEFAULT_THEME`.
    #[test]
    fn the_built_in_theme_lists_every_file_of_themes_default() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(&dir)
                    .ok()?
                    .to_str()?
                    .replace('\\', "/");
                (!rel.split('/').any(|s| s.starts_with('.'))).then_some(rel)
            })
            .collect();
        on_disk.sort();
        let mut built_in: Vec<String> = DEFAULT_THEME.iter().map(|(p, _)| p.to_string()).collect();
        built_in.sort();
        assert_eq!(built_in, on_disk);
    }
}
