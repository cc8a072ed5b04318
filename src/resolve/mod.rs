//! Resolving: what needs the whole site before any page is rendered. Every
//! page and section gets its URL; `@/` paths get a map to follow;
//! interpretations and their policies, and policies and their successors,
//! are linked both ways; policies' earlier texts are compared, amending
//! decisions checked against them, and circles of successors and
//! amendments found.

mod amendments;
mod circles;
pub mod directory;
pub mod versions;

use std::collections::HashMap;

use crate::base::diagnostics::{Diagnostic, Diagnostics};
use crate::model::config::Config;
use crate::model::content::PageType;
use crate::model::content::{Content, Page, Reference};
use crate::model::links::{LinkMap, Target, Urls};
use crate::model::site::{Link, MarkdownOptions, Resolved};

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
pub fn link_map(content: &Content, urls: &Urls) -> LinkMap {
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
        future: content.future.iter().cloned().collect(),
        base_path: urls.base_path().to_string(),
    }
}

/// Resolve the loaded content. Problems that do not stop the build go to
/// `warnings`.
pub fn resolve(
    config: &Config,
    content: &mut Content,
    urls: &Urls,
    warnings: &mut Diagnostics,
) -> Result<Resolved, Diagnostics> {
    assign_urls(content, urls);
    let links = link_map(content, urls);
    let mut diagnostics = Diagnostics::default();
    let n = content.pages.len();
    let mut interpretations = vec![Vec::new(); n];
    let mut interprets = vec![None; n];
    let mut successors = vec![None; n];
    // The page each policy's successor is.
    let mut next: Vec<Option<usize>> = vec![None; n];
    for (i, page) in content.pages.iter().enumerate() {
        if let Some(r) = &page.interprets {
            match resolve_page(&links, r, page) {
                Ok(Target::Page(t)) if content.pages[t].page_type == PageType::Policy => {
                    interprets[i] = Some(t);
                    interpretations[t].push(i);
                }
                Ok(_) => diagnostics.push(at_reference(page, r, &msg!("interprets-not-policy"))),
                Err(d) => diagnostics.push(d),
            }
        }
        if let Some(meta) = &page.policy_meta {
            for (key, r) in [
                ("repealed_by", &meta.repealed_by),
                ("amended_by", &meta.amended_by),
            ] {
                let Some(r) = r else { continue };
                if let Ok(Target::Page(t)) = resolve_page(&links, r, page) {
                    if t == i {
                        diagnostics.push(
                            at_reference(page, r, &msg!("successor-is-self", key = key))
                                .with_help(msg!("successor-is-self-help", key = key)),
                        );
                    }
                }
            }
            let successor = meta.repealed_by.as_ref().or(meta.amended_by.as_ref());
            if let Some(r) = successor {
                if r.target.starts_with("@/") {
                    match resolve_page(&links, r, page) {
                        Ok(Target::Page(t)) => {
                            next[i] = Some(t);
                            successors[i] = Some(Link {
                                title: content.pages[t].title.clone(),
                                url: content.pages[t].url.clone(),
                            })
                        }
                        Ok(Target::Section(_)) => {
                            diagnostics.push(at_reference(page, r, &msg!("successor-is-section")))
                        }
                        Err(d) => diagnostics.push(d),
                    }
                } else if r.target.starts_with("https://") || r.target.starts_with("http://") {
                    successors[i] = Some(Link {
                        title: r.target.clone(),
                        url: r.target.clone(),
                    });
                } else {
                    diagnostics.push(at_reference(page, r, &msg!("successor-form")));
                }
            }
        }
    }
    diagnostics.extend(circles::circles(content, &links));
    let successor_pages = next;
    let histories = versions::histories(content, &links, &mut diagnostics, warnings);
    if let Err(d) = directory_policy(config, content) {
        diagnostics.push(d);
    }
    for list in &mut interpretations {
        list.sort_by(|&a, &b| {
            content.pages[b]
                .date
                .cmp(&content.pages[a].date)
                .then(a.cmp(&b))
        });
    }
    diagnostics.into_result(Resolved {
        links,
        markdown: MarkdownOptions {
            allow_raw_html: config.allow_raw_html,
        },
        interpretations,
        interprets,
        successors,
        successor_pages,
        histories: histories.histories,
        amendments: histories.amendments,
    })
}

/// The policy that `directory.policy` in gongkai.yaml names: `Ok(None)` when
/// it is not set, an error at its line when it is not a policy page.
pub fn directory_policy(config: &Config, content: &Content) -> Result<Option<usize>, Diagnostic> {
    let Some(configured) = &config.directory.policy else {
        return Ok(None);
    };
    let rel = configured.trim_start_matches("@/");
    content
        .pages
        .iter()
        .position(|p| p.rel == rel && p.page_type == PageType::Policy)
        .map(Some)
        .ok_or_else(|| {
            let message = if content.pages.iter().any(|p| p.rel == rel) {
                msg!("directory-policy-not-policy", path = rel)
            } else {
                msg!("directory-policy-missing", path = rel)
            };
            config
                .error_at("directory.policy", message)
                .with_help(msg!("directory-policy-help"))
        })
}

fn at_reference(page: &Page, r: &Reference, message: &str) -> Diagnostic {
    page.diagnostic(r.offset, r.len, message)
}

fn resolve_page(links: &LinkMap, r: &Reference, page: &Page) -> Result<Target, Diagnostic> {
    if !r.target.starts_with("@/") {
        return Err(at_reference(page, r, &msg!("reference-form")));
    }
    links
        .resolve(&r.target)
        .map(|(t, _, _)| t)
        .map_err(|m| at_reference(page, r, &m))
}
