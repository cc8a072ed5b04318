//! What `gongkai serve` keeps between loads of the site: the parsed files
//! of `content/` ([`FileCache`]) and the theme's parsed templates, reused
//! while no template file changed. What the templates are given (the
//! site-wide globals, the rendered headers) depends on the content, the
//! configuration and the directory, and is made again by every load.

use std::path::{Path, PathBuf};

use crate::base::diagnostics::Diagnostics;
use crate::load::cache::{FileCache, Stamp};
use crate::model::content::CONTENT_DIR;
use crate::render::Renderer;
use crate::render::theme::{Origin, Theme};

/// The server's load cache (see the module's comment).
#[derive(Default)]
pub struct LoadCache {
    files: FileCache,
    templates: TemplateCache,
}

/// The theme's templates, parsed.
#[derive(Default)]
pub(crate) struct TemplateCache {
    kept: Option<Templates>,
    /// How many times the templates were parsed through this cache.
    parsed: usize,
}

/// The theme's templates parsed, with what they were parsed from.
struct Templates {
    /// Each template's name, file and stamp (`None` for a built-in one).
    from: Vec<(String, PathBuf, Option<Stamp>)>,
    renderer: Renderer,
}

impl LoadCache {
    /// The site's parsed files.
    pub fn files(&self) -> &FileCache {
        &self.files
    }

    /// How many times the theme's templates were parsed (not reused).
    pub fn templates_parsed(&self) -> usize {
        self.templates.parsed
    }

    /// The two halves, to use side by side.
    pub(crate) fn split(&mut self) -> (&mut FileCache, &mut TemplateCache) {
        (&mut self.files, &mut self.templates)
    }

    /// Forget `path` (relative to the site at `root`, or absolute): it is
    /// read again by the next load whatever its stamp. A file outside
    /// `content/` may be a template: the templates are parsed again.
    pub fn invalidate(&mut self, root: &Path, path: &Path) {
        let path = root.join(path);
        self.files.invalidate(&path);
        let in_content = match (
            std::path::absolute(root.join(CONTENT_DIR)),
            std::path::absolute(&path),
        ) {
            (Ok(content), Ok(path)) => path.starts_with(content),
            _ => false,
        };
        if !in_content {
            self.templates.kept = None;
        }
    }
}

impl TemplateCache {
    /// The templates of `theme` parsed, taken from the cache when they are
    /// the same files with the same stamps; globals are not set.
    pub(crate) fn renderer(&mut self, theme: &Theme) -> Result<Renderer, Diagnostics> {
        // Stamps before the files are read (see `load::cache`).
        let from: Vec<(String, PathBuf, Option<Stamp>)> = theme
            .templates
            .iter()
            .map(|(name, file)| match &file.origin {
                Origin::File(p) => (name.clone(), p.clone(), Stamp::of(p)),
                Origin::Builtin(_) => (name.clone(), file.shown.clone(), None),
            })
            .collect();
        let builtin = |name: &str| {
            matches!(
                theme.templates.get(name).map(|f| &f.origin),
                Some(Origin::Builtin(_))
            )
        };
        // A file whose stamp cannot be had is parsed every time.
        let stamped = from.iter().all(|(n, _, s)| s.is_some() || builtin(n));
        if let Some(t) = &self.kept {
            if stamped && t.from == from {
                return Ok(t.renderer.clone());
            }
        }
        self.parsed += 1;
        let renderer = Renderer::new(theme)?;
        self.kept = stamped.then(|| Templates {
            from,
            renderer: renderer.clone(),
        });
        Ok(renderer)
    }
}
