//! Resolving: everything that needs the whole site. Bodies are rendered
//! (markdown, or a policy's structure) with `@/` links turned into URLs;
//! anchors into other pages are checked once every page's ids are known;
//! interpretations and their policies, and policies and their successors,
//! are linked both ways.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::front_matter::PageType;
use crate::content::{Content, Page, Reference, slug};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{self, AnchorLink, Heading, Input, LinkMap, MarkdownOptions, Target};
use crate::policy::{self, PolicyDocument};

/// A rendered body.
#[derive(Debug, Default)]
pub struct Body {
    pub html: String,
    pub toc: Vec<Heading>,
    pub summary: String,
    pub policy: Option<PolicyDocument>,
}

/// A link to another page of the site, or to an outside URL.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// The site with everything resolved; what rendering reads.
pub struct Resolved {
    pub page_bodies: Vec<Body>,
    pub section_bodies: Vec<Body>,
    /// For each page, the interpretations that explain it.
    pub interpretations: Vec<Vec<usize>>,
    /// For each interpretation, the policy it explains.
    pub interprets: Vec<Option<usize>>,
    /// For each policy that is no longer in force, what replaced it.
    pub successors: Vec<Option<Link>>,
}

/// URLs of the site: root-relative (with the base path) and absolute.
pub struct Urls {
    base_path: String,
    base_url: String,
}

impl Urls {
    pub fn new(config: &Config) -> Urls {
        Urls {
            base_path: config.base_path().to_string(),
            base_url: config.base_url.clone(),
        }
    }

    /// `/portal/政策/` → `/portal/%E6%94%BF%E7%AD%96/`
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_path, slug::encode_path(path))
    }

    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.base_url, slug::encode_path(path))
    }

    pub fn base_path(&self) -> &str {
        &self.base_path
    }
}

/// Give every page and section its URL, once.
pub fn assign_urls(content: &mut Content, urls: &Urls) {
    for p in &mut content.pages {
        p.url = urls.url(&p.path);
    }
    for s in &mut content.sections {
        s.url = urls.url(&s.path);
    }
}

/// Where every `@/` path leads.
pub fn link_map(content: &Content) -> LinkMap {
    let mut by_rel = HashMap::new();
    for (i, p) in content.pages.iter().enumerate() {
        by_rel.insert(p.rel.clone(), (Target::Page(i), p.url.clone()));
    }
    for (i, s) in content.sections.iter().enumerate() {
        let rel = if s.dir.is_empty() {
            "_index.md".to_string()
        } else {
            format!("{}/_index.md", s.dir)
        };
        by_rel.insert(rel, (Target::Section(i), s.url.clone()));
    }
    LinkMap {
        by_rel,
        drafts: content.drafts.iter().cloned().collect(),
    }
}

struct Rendered {
    body: Body,
    anchors: HashSet<String>,
    anchor_links: Vec<AnchorLink>,
    diagnostics: Vec<Diagnostic>,
}

fn render_body(
    file: &Path,
    text: &Arc<str>,
    body_offset: usize,
    is_policy: bool,
    page_url: &str,
    links: &LinkMap,
    options: MarkdownOptions,
) -> Rendered {
    let mut diagnostics = Vec::new();
    let body = &text[body_offset..];
    if is_policy {
        let first_line = text[..body_offset].matches('\n').count() + 1;
        match policy::parse(body, body_offset, first_line) {
            Ok(mut doc) => {
                let mut anchor_links = vec![];
                for t in doc.texts_mut() {
                    let input = Input {
                        file,
                        source: text,
                        text: &text[t.offset..t.offset + t.text.len()],
                        offset: t.offset,
                        relative_base: Some(page_url),
                    };
                    let (html, found) =
                        markdown::render_inline(&input, links, options, &mut diagnostics);
                    t.html = html;
                    anchor_links.extend(found);
                }
                let anchors: HashSet<String> = doc.eids().into_iter().collect();
                let html = policy::html::document(&doc, &|a| format!("{page_url}{}/", a.eid));
                let summary = doc
                    .preamble
                    .first()
                    .map(|b| b.text.text.clone())
                    .unwrap_or_default();
                Rendered {
                    body: Body {
                        html,
                        toc: vec![],
                        summary,
                        policy: Some(doc),
                    },
                    anchors,
                    anchor_links,
                    diagnostics,
                }
            }
            Err(errors) => {
                for e in errors {
                    diagnostics.push(Diagnostic::at(file, text, e.offset, e.len, e.message));
                }
                Rendered {
                    body: Body::default(),
                    anchors: HashSet::new(),
                    anchor_links: vec![],
                    diagnostics,
                }
            }
        }
    } else {
        let input = Input {
            file,
            source: text,
            text: body,
            offset: body_offset,
            relative_base: None,
        };
        let mut used = HashSet::new();
        let r = markdown::render(&input, links, options, &mut used, &mut diagnostics);
        Rendered {
            body: Body {
                html: r.html,
                toc: r.toc,
                summary: r.summary,
                policy: None,
            },
            anchors: r.anchors,
            anchor_links: r.anchor_links,
            diagnostics,
        }
    }
}

/// Resolve the loaded content. Page texts are released once rendered.
pub fn resolve(
    config: &Config,
    content: &mut Content,
    urls: &Urls,
) -> Result<Resolved, Diagnostics> {
    assign_urls(content, urls);
    let links = link_map(content);
    let options = MarkdownOptions {
        allow_raw_html: config.allow_raw_html,
    };
    let mut diagnostics = Diagnostics::default();

    let pages: Vec<Rendered> = content
        .pages
        .par_iter()
        .map(|p| {
            render_body(
                &p.file,
                &p.text,
                p.body_offset,
                p.page_type == PageType::Policy,
                &p.url,
                &links,
                options,
            )
        })
        .collect();
    let sections: Vec<Rendered> = content
        .sections
        .par_iter()
        .map(|s| {
            render_body(
                &s.file,
                &s.text,
                s.body_offset,
                false,
                &s.url,
                &links,
                options,
            )
        })
        .collect();

    // Anchors into other pages must exist.
    let anchors_of = |t: Target| -> &HashSet<String> {
        match t {
            Target::Page(i) => &pages[i].anchors,
            Target::Section(i) => &sections[i].anchors,
        }
    };
    let files: Vec<(&Path, &Arc<str>)> = content
        .pages
        .iter()
        .map(|p| (p.file.as_path(), &p.text))
        .chain(content.sections.iter().map(|s| (s.file.as_path(), &s.text)))
        .collect();
    for (i, r) in pages.iter().chain(sections.iter()).enumerate() {
        diagnostics.extend(r.diagnostics.iter().cloned());
        for link in &r.anchor_links {
            if !anchors_of(link.target).contains(&link.anchor) {
                let (file, text) = files[i];
                diagnostics.push(
                    Diagnostic::at(
                        file,
                        text,
                        link.offset,
                        link.len,
                        format!("link to an anchor that does not exist: `{}`", link.link),
                    )
                    .with_help(
                        "anchors are heading ids, or article ids such as #art_6 on a policy",
                    ),
                );
            }
        }
    }

    // Interpretations ↔ policies, and successors of policies.
    let n = content.pages.len();
    let mut interpretations = vec![Vec::new(); n];
    let mut interprets = vec![None; n];
    let mut successors = vec![None; n];
    for (i, page) in content.pages.iter().enumerate() {
        if let Some(r) = &page.interprets {
            match resolve_page(&links, r, page) {
                Ok(Target::Page(t)) if content.pages[t].page_type == PageType::Policy => {
                    interprets[i] = Some(t);
                    interpretations[t].push(i);
                }
                Ok(_) => diagnostics.push(at_reference(
                    page,
                    r,
                    "`interprets` must point at a policy page (type: policy)",
                )),
                Err(d) => diagnostics.push(d),
            }
        }
        if let Some(meta) = &page.policy_meta {
            let successor = meta.repealed_by.as_ref().or(meta.amended_by.as_ref());
            if let Some(r) = successor {
                if r.target.starts_with("@/") {
                    match resolve_page(&links, r, page) {
                        Ok(Target::Page(t)) => {
                            successors[i] = Some(Link {
                                title: content.pages[t].title.clone(),
                                url: content.pages[t].url.clone(),
                            })
                        }
                        Ok(Target::Section(_)) => diagnostics.push(at_reference(
                            page,
                            r,
                            "a successor must be a page, not a section",
                        )),
                        Err(d) => diagnostics.push(d),
                    }
                } else if r.target.starts_with("https://") || r.target.starts_with("http://") {
                    successors[i] = Some(Link {
                        title: r.target.clone(),
                        url: r.target.clone(),
                    });
                } else {
                    diagnostics.push(at_reference(
                        page,
                        r,
                        "write the successor as `@/path/to/policy.md` or as an http(s) URL",
                    ));
                }
            }
        }
    }
    for list in &mut interpretations {
        list.sort_by(|&a, &b| {
            content.pages[b]
                .date
                .cmp(&content.pages[a].date)
                .then(a.cmp(&b))
        });
    }
    if !diagnostics.is_empty() {
        diagnostics.sort();
        return Err(diagnostics);
    }

    // The texts are no longer needed; keep memory flat on large sites.
    for p in &mut content.pages {
        p.text = Arc::from("");
        p.body_offset = 0;
    }
    Ok(Resolved {
        page_bodies: pages.into_iter().map(|r| r.body).collect(),
        section_bodies: sections.into_iter().map(|r| r.body).collect(),
        interpretations,
        interprets,
        successors,
    })
}

fn at_reference(page: &Page, r: &Reference, message: &str) -> Diagnostic {
    Diagnostic::at(&page.file, &page.text, r.offset, r.len, message)
}

fn resolve_page(links: &LinkMap, r: &Reference, page: &Page) -> Result<Target, Diagnostic> {
    if !r.target.starts_with("@/") {
        return Err(at_reference(
            page,
            r,
            "write this as an `@/` path from content/, e.g. `@/policies/measures.md`",
        ));
    }
    links
        .resolve(&r.target)
        .map(|(t, _, _)| t)
        .map_err(|m| at_reference(page, r, &m))
}
