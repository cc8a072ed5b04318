//! A section from its folder and its `_index.md`: front matter, the URL
//! segment its folder name or `slug:` gives it, and its checks.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::walk::site_relative;
use super::{Loaded, reference_of, url_segment};
use crate::base::diagnostics::Diagnostic;
use crate::base::files::read_utf8;
use crate::base::yaml;
use crate::load::front_matter::{self, SectionFrontMatter};
use crate::model::content::Section;

/// Read the section of folder `dir` (relative to `content/`), from its
/// `_index.md` when it has one.
pub(super) fn load(
    content_dir: &Path,
    dir: &str,
    index: &Option<PathBuf>,
) -> Result<Loaded, Diagnostic> {
    let shown = match index {
        Some(p) => site_relative(content_dir, p),
        None => site_relative(content_dir, &content_dir.join(dir)),
    };
    let text: Arc<str> = match index {
        Some(p) => read_utf8(p, &shown)?,
        None => Arc::from(""),
    };
    let split = front_matter::split(&shown, &text, &text)?;
    let fm: SectionFrontMatter = front_matter::parse(&shown, &text, &split)?;
    let default_name = dir.rsplit('/').next().unwrap_or_default();
    let segment = url_segment(&shown, &text, &split, fm.slug.as_ref(), default_name)?;
    if let Some(v) = fm.paginate_by.as_ref().filter(|v| v.value == 0) {
        return Err(
            front_matter::error_at(&shown, &text, &split, v, msg!("paginate-by-zero"))
                .with_help(msg!("paginate-by-zero-help")),
        );
    }
    let reference = |v: &Option<yaml::Spanned<String>>| v.as_ref().map(|s| reference_of(s, &split));
    let section = Section {
        file: shown.clone(),
        dir: dir.to_string(),
        title: fm.title.clone().unwrap_or_else(|| default_name.to_string()),
        description: fm.description.clone(),
        weight: fm.weight,
        sort_by: fm.sort_by,
        paginate_by: fm.paginate_by.as_ref().map(|v| v.value),
        template: reference(&fm.template),
        page_template: reference(&fm.page_template),
        slug_at: reference(&fm.slug),
        hidden: fm.hidden,
        draft: fm.draft,
        records: fm.records,
        extra: fm.extra.clone(),
        path: String::new(),
        url: String::new(),
        parent: None,
        subsections: vec![],
        pages: vec![],
        disk: index.clone(),
    };
    Ok(Loaded::Section(Box::new(section), segment))
}
