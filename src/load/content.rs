//! Loading: walk `content/`, read every file once, split and parse front
//! matter, and build the in-memory model of sections, pages and bundle
//! assets with their URL paths. Everything here is about what the editor
//! wrote; links and relations are completed later by `resolve`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::{Date, DateTime};
use rayon::prelude::*;

use super::front_matter::{self, PageFrontMatter, SectionFrontMatter, Split};
use crate::base::diagnostics::{Diagnostic, Diagnostics};
use crate::base::files::{self, read_utf8};
use crate::base::{slug, yaml};
use crate::model::content::{
    Asset, CONTENT_DIR, Content, Page, PageType, PolicyMeta, PolicyStatus, RecordFile,
    RecordFormat, RecordKind, Reference, Section, SortBy, diagnostic_at, hash_text,
};

/// One file found by the walk, before it is read.
enum Found {
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
}

#[derive(Clone)]
enum AssetOwner {
    Section(String),
    Bundle(String),
}

/// Load `root/content`. Drafts are left out unless `drafts`.
pub fn load(root: &Path, drafts: bool, follow_symlinks: bool) -> Result<Content, Diagnostics> {
    let content_dir = root.join(CONTENT_DIR);
    if !content_dir.is_dir() {
        return Err(
            Diagnostic::in_file(CONTENT_DIR, "the content folder is missing")
                .with_help("a site keeps its pages in content/; `gongkai init DIR` makes one")
                .into(),
        );
    }
    let mut diagnostics = Diagnostics::default();
    let started = std::time::Instant::now();
    let found = walk(&content_dir, follow_symlinks, &mut diagnostics);
    crate::base::timing::timing("walk", started);
    let started = std::time::Instant::now();

    // Sections first: a section that holds records turns its pages and
    // tables into record files, read by `directory`.
    let mut loaded: Vec<Result<Loaded, Diagnostic>> = found
        .par_iter()
        .filter(|f| matches!(f, Found::Section { .. }))
        .map(|f| load_one(root, f))
        .collect();
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
        let format = match ext {
            _ if is_page => RecordFormat::Markdown,
            "csv" => RecordFormat::Csv,
            "yaml" | "yml" => RecordFormat::Yaml,
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
    loaded.par_extend(
        found
            .par_iter()
            .filter(|f| matches!(f, Found::Page { .. }))
            .map(|f| load_one(root, f)),
    );

    crate::base::timing::timing("read", started);
    let mut sections: Vec<Section> = Vec::new();
    let mut pages: Vec<Page> = Vec::new();
    let mut page_slugs: Vec<(String, Option<String>)> = Vec::new(); // (section dir, segment)
    let mut section_slugs: HashMap<String, String> = HashMap::new();
    let mut draft_rels: Vec<String> = Vec::new();
    for result in loaded {
        match result {
            Ok(Loaded::Section(section, segment)) => {
                section_slugs.insert(section.dir.clone(), segment);
                sections.push(*section);
            }
            Ok(Loaded::Page(page, section_dir, segment)) => {
                if page.draft && !drafts {
                    draft_rels.push(page.rel.clone());
                    continue;
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
            let is_svg = file
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("svg"));
            if is_svg {
                let shown = site_relative(&content_dir, file);
                match read_utf8(file, &shown) {
                    Ok(text) => {
                        if let Some((offset, message)) = super::svg::refusal(&text) {
                            diagnostics.push(
                                Diagnostic::at(&shown, &text, offset, 1, message).with_help(
                                    "SVG files are published only without scripts, event handlers and outside links; save a plain drawing, or a PNG",
                                ),
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

    let records = record_files
        .into_iter()
        .filter_map(|(dir, mut f)| {
            f.section = *by_dir.get(&dir)?;
            Some(f)
        })
        .collect();
    check_unique_paths(&sections, &pages, &mut diagnostics);
    draft_rels.sort();
    diagnostics.into_result(Content {
        sections,
        pages,
        assets,
        drafts: draft_rels,
        records,
    })
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
            let message = format!(
                "this page resolves to the URL /{path}, which {} already has",
                first.display()
            );
            let d = match slug_at {
                Some(r) => diagnostic_at(file, disk, r.offset, r.len, message),
                None => Diagnostic::in_file(file, message),
            };
            diagnostics.push(d.with_help("give one of them a different file name or `slug:`"));
        }
    }
}

/// Walk the content folder: sections, pages, bundles, assets. Hidden files
/// and editor leftovers are skipped; symlink loops and unreadable entries
/// are diagnostics.
fn walk(content_dir: &Path, follow_symlinks: bool, diagnostics: &mut Diagnostics) -> Vec<Found> {
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
                    "symbolic link loop: this link points back to a folder that contains it"
                        .to_string()
                } else {
                    format!("cannot read: {e}")
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
                "file name is not valid UTF-8",
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

fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp")
}

fn relative_name(content_dir: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(content_dir).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

/// A path for messages: relative to the site root (`content/...`).
fn site_relative(content_dir: &Path, path: &Path) -> PathBuf {
    match path.strip_prefix(content_dir) {
        Ok(rel) => Path::new(CONTENT_DIR).join(rel),
        Err(_) => path.to_path_buf(),
    }
}

enum Loaded {
    Section(Box<Section>, String),
    Page(Box<Page>, String, String),
}

fn load_one(root: &Path, found: &Found) -> Result<Loaded, Diagnostic> {
    let content_dir = root.join(CONTENT_DIR);
    match found {
        Found::Section { dir, index } => {
            let shown = match index {
                Some(p) => site_relative(&content_dir, p),
                None => site_relative(&content_dir, &content_dir.join(dir)),
            };
            let text: Arc<str> = match index {
                Some(p) => read_utf8(p, &shown)?,
                None => Arc::from(""),
            };
            let split = front_matter::split(&shown, &text, &text)?;
            let fm: SectionFrontMatter = front_matter::parse(&shown, &text, &split)?;
            let default_name = dir.rsplit('/').next().unwrap_or_default();
            let segment = match &fm.slug {
                Some(s) => {
                    slug::check_slug(&s.value)
                        .map_err(|m| front_matter::error_at(&shown, &text, &split, s, m))?;
                    s.value.clone()
                }
                None => {
                    let segment = slug::from_file_name(default_name);
                    slug::check_length(&segment).map_err(|m| Diagnostic::in_file(&shown, m))?;
                    segment
                }
            };
            if let Some(v) = fm.paginate_by.as_ref().filter(|v| v.value == 0) {
                return Err(front_matter::error_at(
                    &shown,
                    &text,
                    &split,
                    v,
                    "paginate_by must be at least 1",
                )
                .with_help("it is how many entries a page of this section's list shows, e.g. 20"));
            }
            let reference =
                |v: &Option<yaml::Spanned<String>>| v.as_ref().map(|s| reference_of(s, &split));
            let section = Section {
                file: shown.clone(),
                dir: dir.clone(),
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
        Found::Page {
            file,
            section_dir,
            bundle,
        } => {
            let shown = site_relative(&content_dir, file);
            let rel = relative_name(&content_dir, file).unwrap_or_default();
            let text = read_utf8(file, &shown)?;
            let split = front_matter::split(&shown, &text, &text)?;
            let fm: PageFrontMatter = front_matter::parse(&shown, &text, &split)?;
            let default_name = match bundle {
                Some(b) => b.rsplit('/').next().unwrap_or_default().to_string(),
                None => rel
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .trim_end_matches(".md")
                    .to_string(),
            };
            let segment = match &fm.slug {
                Some(s) => {
                    slug::check_slug(&s.value)
                        .map_err(|m| front_matter::error_at(&shown, &text, &split, s, m))?;
                    s.value.clone()
                }
                None => {
                    let segment = slug::from_file_name(&default_name);
                    slug::check_length(&segment).map_err(|m| Diagnostic::in_file(&shown, m))?;
                    segment
                }
            };
            let mut page = page_from(fm, &shown, rel, &text, &split)?;
            page.disk = file.clone();
            page.front_hash = hash_text(split.yaml);
            page.summary = page.page_type.summary(split.body);
            Ok(Loaded::Page(Box::new(page), section_dir.clone(), segment))
        }
        Found::Asset { .. } => unreachable!("assets are filtered out before loading"),
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

fn page_from(
    fm: PageFrontMatter,
    shown: &Path,
    rel: String,
    text: &Arc<str>,
    split: &Split<'_>,
) -> Result<Page, Diagnostic> {
    let at =
        |v: &yaml::Spanned<String>, m: String| front_matter::error_at(shown, text, split, v, m);
    let datetime = |v: &Option<yaml::Spanned<String>>| -> Result<Option<DateTime>, Diagnostic> {
        match v {
            Some(s) => front_matter::parse_datetime(&s.value)
                .map(Some)
                .map_err(|m| at(s, m)),
            None => Ok(None),
        }
    };
    let date_only = |v: &Option<yaml::Spanned<String>>| -> Result<Option<Date>, Diagnostic> {
        match v {
            Some(s) => front_matter::parse_date(&s.value)
                .map(Some)
                .map_err(|m| at(s, m)),
            None => Ok(None),
        }
    };
    let page_type = fm.page_type.as_ref().map(|t| t.value).unwrap_or_default();
    let date = datetime(&fm.date)?;
    let updated = datetime(&fm.updated)?;
    let written = date_only(&fm.written)?;
    let published = date_only(&fm.published)?;

    // Policy metadata belongs to policies only.
    let policy_fields: [(&str, Option<&yaml::Spanned<String>>); 8] = [
        ("issuer", fm.issuer.as_ref()),
        ("doc_number", fm.doc_number.as_ref()),
        ("written", fm.written.as_ref()),
        ("published", fm.published.as_ref()),
        ("addressee", fm.addressee.as_ref()),
        ("amended_by", fm.amended_by.as_ref()),
        ("repealed_by", fm.repealed_by.as_ref()),
        ("short_title", fm.short_title.as_ref()),
    ];
    if page_type != PageType::Policy {
        if let Some((name, Some(v))) = policy_fields.iter().find(|(_, v)| v.is_some()) {
            return Err(at(
                v,
                format!("`{name}` is policy metadata: it is only allowed with `type: policy`"),
            ));
        }
    }
    if page_type != PageType::Policy {
        if let Some(v) = &fm.topics {
            let (offset, len) = yaml::place(v, split.yaml, split.yaml_offset);
            return Err(Diagnostic::at(
                shown,
                text,
                offset,
                len,
                "`topics` is policy metadata: it is only allowed with `type: policy`",
            ));
        }
    }
    if page_type != PageType::Interpretation {
        if let Some(v) = &fm.interprets {
            return Err(at(
                v,
                "`interprets` is only allowed with `type: interpretation`".into(),
            ));
        }
    }

    let policy_meta = if page_type == PageType::Policy {
        let missing = |field: &str| {
            Diagnostic::at(
                shown,
                text,
                split.yaml_offset.saturating_sub(4),
                3,
                format!("a policy needs `{field}` in its front matter"),
            )
            .with_help("see the front matter reference in README.md (policy metadata)")
        };
        let issuer = fm.issuer.as_ref().ok_or_else(|| missing("issuer"))?;
        let written = written.ok_or_else(|| missing("written"))?;
        let status = fm.status.as_ref().map(|s| s.value).unwrap_or_default();
        let policy = PolicyMeta {
            issuer: issuer.value.clone(),
            doc_number: fm.doc_number.as_ref().map(|v| v.value.clone()),
            written,
            published,
            addressee: fm.addressee.as_ref().map(|v| v.value.clone()),
            topics: fm
                .topics
                .as_ref()
                .map(|v| v.value.clone())
                .unwrap_or_default(),
            status,
            amended_by: fm.amended_by.as_ref().map(|v| reference_of(v, split)),
            repealed_by: fm.repealed_by.as_ref().map(|v| reference_of(v, split)),
            short_title: fm.short_title.as_ref().map(|v| v.value.clone()),
        };
        for (field, value, needs) in [
            ("amended_by", &fm.amended_by, PolicyStatus::Amended),
            ("repealed_by", &fm.repealed_by, PolicyStatus::Repealed),
        ] {
            if let Some(v) = value {
                if status != needs {
                    let word = if needs == PolicyStatus::Amended {
                        "amended"
                    } else {
                        "repealed"
                    };
                    return Err(at(
                        v,
                        format!("`{field}` is set, so `status` must be `{word}`"),
                    ));
                }
            }
        }
        if status == PolicyStatus::Repealed && policy.repealed_by.is_none() {
            if let Some(s) = &fm.status {
                let (offset, len) = yaml::place(s, split.yaml, split.yaml_offset);
                return Err(Diagnostic::at(
                    shown,
                    text,
                    offset,
                    len,
                    "a repealed policy needs `repealed_by`: the policy that repealed it",
                )
                .with_help("write `repealed_by: \"@/policies/new.md\"` or a URL"));
            }
        }
        if status == PolicyStatus::Amended && policy.amended_by.is_none() {
            if let Some(s) = &fm.status {
                let (offset, len) = yaml::place(s, split.yaml, split.yaml_offset);
                return Err(Diagnostic::at(
                    shown,
                    text,
                    offset,
                    len,
                    "an amended policy needs `amended_by`: the policy that amended it",
                )
                .with_help("write `amended_by: \"@/policies/new.md\"` or a URL"));
            }
        }
        Some(policy)
    } else {
        if let Some(s) = &fm.status {
            let (offset, len) = yaml::place(s, split.yaml, split.yaml_offset);
            return Err(Diagnostic::at(
                shown,
                text,
                offset,
                len,
                "`status` is policy metadata: it is only allowed with `type: policy`",
            ));
        }
        None
    };
    let interprets = match (page_type, &fm.interprets) {
        (PageType::Interpretation, Some(v)) => Some(reference_of(v, split)),
        (PageType::Interpretation, None) => {
            return Err(Diagnostic::at(
                shown,
                text,
                split.yaml_offset,
                1,
                "an interpretation needs `interprets: \"@/policies/<policy>.md\"`",
            ));
        }
        _ => None,
    };
    let title = fm.title.clone().unwrap_or_default();
    if title.trim().is_empty() {
        return Err(Diagnostic::at(
            shown,
            text,
            split.yaml_offset.saturating_sub(4),
            3,
            "a page needs a `title`",
        ));
    }
    // Policy dates stand in for the page date.
    let date = date.or_else(|| {
        policy_meta.as_ref().map(|m| {
            m.published
                .unwrap_or(m.written)
                .to_datetime(jiff::civil::Time::midnight())
        })
    });
    Ok(Page {
        file: shown.to_path_buf(),
        disk: PathBuf::new(),
        summary: String::new(),
        front_hash: 0,
        rel,
        title,
        description: fm.description.clone(),
        date,
        updated,
        weight: fm.weight,
        draft: fm.draft,
        template: fm.template.as_ref().map(|v| reference_of(v, split)),
        slug_at: fm.slug.as_ref().map(|v| reference_of(v, split)),
        page_type,
        policy_meta,
        interprets,
        extra: fm.extra,
        path: String::new(),
        url: String::new(),
        section: 0,
    })
}
