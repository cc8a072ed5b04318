//! What `gongkai serve` keeps between loads of the site: the parsed files
//! of `content/` (sections and pages, record files: see
//! [`crate::load::cache`]) and the theme's parsed templates, reused
//! while no template file changed. What the templates are given (the
//! site-wide globals, the rendered headers) depends on the content, the
//! configuration and the directory, and is made again by every load.

use std::path::{Path, PathBuf};

use crate::base::diagnostics::Diagnostics;
use crate::load::cache::Stamp;
use crate::load::content::PageCache;
use crate::load::directory::RecordCache;
use crate::model::content::CONTENT_DIR;
use crate::render::Renderer;
use crate::render::theme::{Origin, Theme};

/// The server's load cache (see the module's comment).
#[derive(Default)]
pub struct LoadCache {
    pages: PageCache,
    records: RecordCache,
    templates: TemplateCache,
    /// The size limit the kept files were read under (`max_file_mb`): a
    /// file too large under one limit may not be under another.
    max_file_mb: Option<u64>,
}

/// What the last load through a [`LoadCache`] read and reused.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CacheCounts {
    /// Sections' `_index.md` and pages read and parsed.
    pub pages_read: usize,
    /// Sections' `_index.md` and pages taken from the cache.
    pub pages_reused: usize,
    /// Record files (markdown records, tables, spreadsheets) read.
    pub records_read: usize,
    /// Record files taken from the cache.
    pub records_reused: usize,
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
    /// How many files the last load read and reused.
    pub fn counts(&self) -> CacheCounts {
        CacheCounts {
            pages_read: self.pages.read_last().len(),
            pages_reused: self.pages.reused_last(),
            records_read: self.records.read_last().len(),
            records_reused: self.records.reused_last(),
        }
    }

    /// The files the last load read rather than reused (absolute, sorted).
    pub fn read_last(&self) -> Vec<PathBuf> {
        let mut all: Vec<PathBuf> = self
            .pages
            .read_last()
            .iter()
            .chain(self.records.read_last())
            .cloned()
            .collect();
        all.sort();
        all
    }

    /// Forget every file when the size limit changed.
    pub(crate) fn limit(&mut self, max_file_mb: u64) {
        if self.max_file_mb != Some(max_file_mb) {
            self.pages.clear();
            self.records.clear();
            self.max_file_mb = Some(max_file_mb);
        }
    }

    /// How many times the theme's templates were parsed (not reused).
    pub fn templates_parsed(&self) -> usize {
        self.templates.parsed
    }

    /// The two halves, to use side by side.
    pub(crate) fn split(&mut self) -> (&mut PageCache, &mut RecordCache, &mut TemplateCache) {
        (&mut self.pages, &mut self.records, &mut self.templates)
    }

    /// Forget `path` (relative to the site at `root`, or absolute): it is
    /// read again by the next load whatever its stamp. A file outside
    /// `content/` may be a template: the templates are parsed again.
    pub fn invalidate(&mut self, root: &Path, path: &Path) {
        let path = root.join(path);
        self.pages.invalidate(&path);
        self.records.invalidate(&path);
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
