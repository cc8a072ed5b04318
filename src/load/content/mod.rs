//! Loading: walk `content/`, read every file once, split and parse front
//! matter, and build the in-memory model of sections, pages and bundle
//! assets with their URL paths. Everything here is about what the editor
//! wrote; links and relations are completed later by `resolve`.

mod page;
mod section;
mod versions;
mod walk;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use jiff::civil::Date;
use rayon::prelude::*;

use super::cache::{Looked, Shelf, fetch};
use super::front_matter::Split;
use crate::base::diagnostics::{Diagnostic, Diagnostics};
use crate::base::files::read_utf8;
use crate::base::{slug, yaml};
use crate::model::content::{
    Asset, CONTENT_DIR, Content, Page, RecordFile, RecordFormat, RecordKind, Reference, Section,
    SortBy, diagnostic_at, is_spreadsheet,
};
use walk::{AssetOwner, Found, site_relative, walk};

/// Which pages a build publishes.
#[derive(Debug, Clone, Copy)]
pub struct Publish {
    /// Include pages and sections marked `draft: true`.
    pub drafts: bool,
    /// Include pages whose publication date is after `today`.
    pub future: bool,
    /// The build's today: decides which pages are published yet and the
    /// validity of every policy.
    pub today: Date,
}

/// Load `root/content`. Drafts, and pages dated after the build's today,
/// are left out unless `publish` asks for them.
///
/// What did load is kept when some files did not: the content without the
/// files that failed (marked [`Content::incomplete`]), with their problems,
/// so that the stages after loading (the directory's tables) still report
/// their own problems in the same run. `Err` only when the content cannot
/// be placed at all (no content folder, a section that failed).
///
/// With a `cache` (the server's), sections and pages whose files did not
/// change since the last load are taken from it rather than read again.
pub fn load(
    root: &Path,
    publish: Publish,
    follow_symlinks: bool,
    cache: Option<&mut PageCache>,
) -> Result<(Content, Diagnostics), Diagnostics> {
    let content_dir = root.join(CONTENT_DIR);
    if !content_dir.is_dir() {
        return Err(Diagnostic::in_file(CONTENT_DIR, msg!("content-missing"))
            .with_help(msg!("content-missing-help"))
            .into());
    }
    let mut diagnostics = Diagnostics::default();
    let started = std::time::Instant::now();
    let found = walk(&content_dir, follow_symlinks, &mut diagnostics);
    crate::base::timing::timing("walk", started);
    let started = std::time::Instant::now();

    // Sections first: a section that holds records turns its pages and
    // tables into record files, read by `directory`.
    let shelf = cache.as_deref();
    let (mut loaded, mut looked): (Vec<Parsed>, Vec<Option<Looked<Parsed>>>) = found
        .par_iter()
        .filter(|f| matches!(f, Found::Section { .. }))
        .map(|f| load_one(root, f, shelf))
        .unzip();
    let records_dirs: HashMap<String, RecordKind> = loaded
        .iter()
        .filter_map(|l| match l {
            Ok(Loaded::Section(s, _)) => s.records.map(|k| (s.dir.clone(), k)),
            _ => None,
        })
        .collect();
    let mut record_files: Vec<(String, RecordFile)> = vec![];
    let mut found = found;
    found.retain(|f| {
        let (file, dir, is_page) = match f {
            Found::Page {
                file,
                section_dir,
                bundle: None,
            } => (file, section_dir, true),
            Found::Asset {
                file,
                owner: AssetOwner::Section(dir),
                ..
            } => (file, dir, false),
            _ => return true,
        };
        let Some(&kind) = records_dirs.get(dir) else {
            return true;
        };
        let ext = file
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        let format = match ext.to_ascii_lowercase().as_str() {
            _ if is_page => RecordFormat::Markdown,
            "csv" => RecordFormat::Csv,
            "yaml" | "yml" => RecordFormat::Yaml,
            "xlsx" | "xls" | "ods" => RecordFormat::Spreadsheet,
            _ => return true,
        };
        record_files.push((
            dir.clone(),
            RecordFile {
                kind,
                section: 0,
                file: site_relative(&content_dir, file),
                disk: file.clone(),
                format,
            },
        ));
        false
    });
    let shelf = cache.as_deref();
    let (pages_loaded, pages_looked): (Vec<Parsed>, Vec<Option<Looked<Parsed>>>) = found
        .par_iter()
        .filter(|f| matches!(f, Found::Page { .. }))
        .map(|f| load_one(root, f, shelf))
        .unzip();
    loaded.extend(pages_loaded);
    looked.extend(pages_looked);
    if let Some(cache) = cache {
        cache.keep(looked.into_iter().flatten());
    }

    crate::base::timing::timing("read", started);
    let mut sections: Vec<Section> = Vec::new();
    let mut pages: Vec<Page> = Vec::new();
    let mut page_slugs: Vec<(String, Option<String>)> = Vec::new(); // (section dir, segment)
    let mut section_slugs: HashMap<String, String> = HashMap::new();
    let mut draft_rels: Vec<String> = Vec::new();
    let mut future: Vec<(String, Date)> = Vec::new();
    let drafts = publish.drafts;
    for result in loaded {
        match result {
            Ok(Loaded::Section(section, segment)) => {
                section_slugs.insert(section.dir.clone(), segment);
                sections.push(*section);
            }
            Ok(Loaded::Page(mut page, section_dir, segment)) => {
                if page.draft && !drafts {
                    draft_rels.push(page.rel.clone());
                    continue;
                }
                // A page waits for its publication date (`date`, or a
                // policy's `published`): it is not in the build before.
                if let Some(day) = page.date.map(|d| d.date()) {
                    if day > publish.today && !publish.future {
                        future.push((page.rel.clone(), day));
                        continue;
                    }
                }
                if let Some(meta) = &mut page.policy_meta {
                    meta.validity = meta.validity_on(publish.today);
                }
                page_slugs.push((section_dir, Some(segment)));
                pages.push(*page);
            }
            Err(d) => diagnostics.push(d),
        }
    }

    // A section that could not be read (its error is in `diagnostics`)
    // leaves its pages and subsections without a place: stop here, with
    // every file's own errors, rather than place them.
    let sections_found = found
        .iter()
        .filter(|f| matches!(f, Found::Section { .. }))
        .count();
    if sections.len() < sections_found {
        diagnostics.sort();
        return Err(diagnostics);
    }

    // Draft sections, and everything under them, are left out.
    if !drafts {
        let draft_dirs: Vec<String> = sections
            .iter()
            .filter(|s| s.draft)
            .map(|s| s.dir.clone())
            .collect();
        let under = |dir: &str| {
            draft_dirs
                .iter()
                .any(|d| dir == d || d.is_empty() || dir.starts_with(&format!("{d}/")))
        };
        for s in sections.iter().filter(|s| under(&s.dir)) {
            draft_rels.push(if s.dir.is_empty() {
                "_index.md".into()
            } else {
                format!("{}/_index.md", s.dir)
            });
        }
        sections.retain(|s| !under(&s.dir));
        let keep: Vec<bool> = page_slugs.iter().map(|(dir, _)| !under(dir)).collect();
        for (page, keep) in pages.iter().zip(&keep) {
            if !keep {
                draft_rels.push(page.rel.clone());
            }
        }
        let mut i = 0;
        pages.retain(|_| {
            i += 1;
            keep[i - 1]
        });
        let mut i = 0;
        page_slugs.retain(|_| {
            i += 1;
            keep[i - 1]
        });
    }

    // Sections: paths from their parents, parents from folders.
    sections.sort_by(|a, b| a.dir.cmp(&b.dir));
    let by_dir: HashMap<String, usize> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.dir.clone(), i))
        .collect();
    for i in 0..sections.len() {
        let dir = sections[i].dir.clone();
        if dir.is_empty() {
            continue;
        }
        let parent_dir = dir.rsplit_once('/').map_or("", |(p, _)| p).to_string();
        let parent = by_dir[&parent_dir];
        sections[i].parent = Some(parent);
        let segment = &section_slugs[&dir];
        sections[i].path = format!("{}{}/", sections[parent].path, segment);
        sections[parent].subsections.push(i);
    }
    for (i, page) in pages.iter_mut().enumerate() {
        let (section_dir, segment) = &page_slugs[i];
        let section = by_dir[section_dir];
        page.section = section;
        page.path = format!(
            "{}{}/",
            sections[section].path,
            segment.as_deref().unwrap_or_default()
        );
    }
    pages.sort_by(|a, b| a.rel.cmp(&b.rel));
    for (i, page) in pages.iter().enumerate() {
        sections[page.section].pages.push(i);
    }
    for section in &mut sections {
        sort_pages(section.sort_by, &mut section.pages, &pages);
    }
    for i in 0..sections.len() {
        let mut subs = std::mem::take(&mut sections[i].subsections);
        subs.sort_by(|&a, &b| {
            (sections[a].weight.unwrap_or(i64::MAX), &sections[a].dir)
                .cmp(&(sections[b].weight.unwrap_or(i64::MAX), &sections[b].dir))
        });
        sections[i].subsections = subs;
    }

    // Assets go beside their page or section.
    let page_path_by_bundle: HashMap<String, String> = pages
        .iter()
        .filter_map(|p| {
            p.rel
                .strip_suffix("/index.md")
                .map(|dir| (dir.to_string(), p.path.clone()))
        })
        .collect();
    let mut assets = Vec::new();
    for f in &found {
        if let Found::Asset {
            file,
            output_rel,
            owner,
        } = f
        {
            let base = match owner {
                AssetOwner::Section(dir) => by_dir.get(dir).map(|&i| sections[i].path.clone()),
                AssetOwner::Bundle(dir) => page_path_by_bundle.get(dir).cloned(),
            };
            if is_spreadsheet(file) {
                diagnostics.push(walk::stray_spreadsheet(&content_dir, file));
                continue;
            }
            let is_svg = file
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("svg"));
            if is_svg {
                let shown = site_relative(&content_dir, file);
                match read_utf8(file, &shown) {
                    Ok(text) => {
                        if let Some((offset, message)) = super::svg::refusal(&text) {
                            diagnostics.push(
                                Diagnostic::at(&shown, &text, offset, 1, message)
                                    .with_help(msg!("svg-refused-help")),
                            );
                        }
                    }
                    Err(d) => diagnostics.push(d),
                }
            }
            if let Some(base) = base {
                assets.push(Asset {
                    source: file.clone(),
                    output: format!("{base}{output_rel}"),
                });
            }
        }
    }

    versions::attach(&content_dir, &found, &mut pages, &mut diagnostics);

    let records = record_files
        .into_iter()
        .filter_map(|(dir, mut f)| {
            f.section = *by_dir.get(&dir)?;
            Some(f)
        })
        .collect();
    check_unique_paths(&sections, &pages, &mut diagnostics);
    draft_rels.sort();
    future.sort();
    diagnostics.sort();
    let content = Content {
        sections,
        pages,
        assets,
        drafts: draft_rels,
        future,
        records,
        incomplete: !diagnostics.is_empty(),
    };
    Ok((content, diagnostics))
}

fn sort_pages(sort_by: SortBy, list: &mut [usize], pages: &[Page]) {
    match sort_by {
        SortBy::Date => list.sort_by(|&a, &b| {
            let (pa, pb) = (&pages[a], &pages[b]);
            pb.date
                .is_some()
                .cmp(&pa.date.is_some())
                .then(pb.date.cmp(&pa.date))
                .then(pa.weight.cmp(&pb.weight))
                .then(pa.rel.cmp(&pb.rel))
        }),
        SortBy::Weight => list.sort_by(|&a, &b| {
            let (pa, pb) = (&pages[a], &pages[b]);
            (pa.weight.unwrap_or(i64::MAX), &pa.rel).cmp(&(pb.weight.unwrap_or(i64::MAX), &pb.rel))
        }),
        SortBy::Title => list.sort_by(|&a, &b| {
            (&pages[a].title, &pages[a].rel).cmp(&(&pages[b].title, &pages[b].rel))
        }),
    }
}

fn check_unique_paths(sections: &[Section], pages: &[Page], diagnostics: &mut Diagnostics) {
    let mut seen: HashMap<&str, &Path> = HashMap::new();
    let all = sections
        .iter()
        .map(|s| {
            (
                s.path.as_str(),
                s.file.as_path(),
                s.disk.as_deref(),
                &s.slug_at,
            )
        })
        .chain(pages.iter().map(|p| {
            (
                p.path.as_str(),
                p.file.as_path(),
                Some(p.disk.as_path()),
                &p.slug_at,
            )
        }));
    for (path, file, disk, slug_at) in all {
        if let Some(first) = seen.insert(path, file) {
            let message = msg!("url-taken", path = path.to_string(), first = first);
            let d = match slug_at {
                Some(r) => diagnostic_at(file, disk, r.offset, r.len, message),
                None => Diagnostic::in_file(file, message),
            };
            diagnostics.push(d.with_help(msg!("url-taken-help")));
        }
    }
}

/// A section or page as its file alone makes it, before the build's day
/// decides whether it is published: what the load cache keeps.
#[derive(Clone)]
pub enum Loaded {
    Section(Box<Section>, String),
    Page(Box<Page>, String, String),
}

/// A section or page file loaded, or its problem.
pub type Parsed = Result<Loaded, Diagnostic>;

/// The server's parsed sections and pages, kept between loads (see
/// [`super::cache`]).
pub type PageCache = Shelf<Parsed>;

/// Load one section or page, through `shelf` when there is one.
fn load_one(
    root: &Path,
    found: &Found,
    shelf: Option<&Shelf<Parsed>>,
) -> (Parsed, Option<Looked<Parsed>>) {
    let content_dir = root.join(CONTENT_DIR);
    match found {
        Found::Section {
            dir,
            index: Some(file),
        } => fetch(
            shelf,
            file,
            || dir.clone(),
            || section::load(&content_dir, dir, &Some(file.clone())),
        ),
        Found::Section { dir, index: None } => (section::load(&content_dir, dir, &None), None),
        Found::Page {
            file,
            section_dir,
            bundle,
        } => fetch(
            shelf,
            file,
            || format!("{section_dir}\0{bundle:?}"),
            || page::load(&content_dir, file, section_dir, bundle),
        ),
        Found::Asset { .. } | Found::Version { .. } => {
            unreachable!("assets and versions are filtered out before loading")
        }
    }
}

/// The URL segment of a page or section: its `slug` when the front matter
/// sets one (checked), otherwise made from its file or folder name.
fn url_segment(
    shown: &Path,
    text: &Arc<str>,
    split: &Split<'_>,
    slug: Option<&yaml::Spanned<String>>,
    default_name: &str,
) -> Result<String, Diagnostic> {
    match slug {
        Some(s) => {
            slug::check_slug(&s.value)
                .map_err(|m| super::front_matter::error_at(shown, text, split, s, m))?;
            Ok(s.value.clone())
        }
        None => {
            let segment = slug::from_file_name(default_name);
            slug::check_length(&segment).map_err(|m| Diagnostic::in_file(shown, m))?;
            Ok(segment)
        }
    }
}

fn reference_of(value: &yaml::Spanned<String>, split: &Split<'_>) -> Reference {
    let (offset, len) = yaml::place(value, split.yaml, split.yaml_offset);
    Reference {
        target: value.value.trim().to_string(),
        offset,
        len,
    }
}
