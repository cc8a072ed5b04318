//! Resolving: what needs the whole site before any page is rendered. Every
//! page and section gets its URL; `@/` paths get a map to follow;
//! interpretations and their policies, and policies and their successors,
//! are linked both ways.

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

/// Resolve the loaded content.
pub fn resolve(
    config: &Config,
    content: &mut Content,
    urls: &Urls,
) -> Result<Resolved, Diagnostics> {
    assign_urls(content, urls);
    let links = link_map(content, urls);
    let mut diagnostics = Diagnostics::default();
    let n = content.pages.len();
    let mut interpretations = vec![Vec::new(); n];
    let mut interprets = vec![None; n];
    let mut successors = vec![None; n];
    // The page each policy's successor is, to find circles.
    let mut next: Vec<Option<(usize, &Reference)>> = vec![None; n];
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
                            next[i] = Some((t, r));
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
    diagnostics.extend(successor_circles(content, &next));
    let successor_pages = next.iter().map(|n| n.map(|(t, _)| t)).collect();
    let histories = versions::histories(content, &links, &mut diagnostics);
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

/// Policies whose successors lead back to themselves (A repealed by B and B
/// by A, or a longer circle): one error per circle, at the first policy's
/// successor, naming every file on the way. A policy that names itself is
/// reported where its front matter is read.
fn successor_circles(content: &Content, next: &[Option<(usize, &Reference)>]) -> Vec<Diagnostic> {
    let mut out = vec![];
    // 0: not seen, 1: on the current walk, 2: done.
    let mut state = vec![0u8; next.len()];
    for start in 0..next.len() {
        let mut walk = vec![];
        let mut at = Some(start);
        while let Some(i) = at {
            if state[i] != 0 {
                if state[i] == 1 {
                    let from = walk.iter().position(|&w| w == i).expect("on the walk");
                    let circle = &walk[from..];
                    if circle.len() > 1 {
                        out.push(circle_error(content, next, circle));
                    }
                }
                break;
            }
            state[i] = 1;
            walk.push(i);
            at = next[i].map(|(t, _)| t);
        }
        for i in walk {
            state[i] = 2;
        }
    }
    out
}

fn circle_error(
    content: &Content,
    next: &[Option<(usize, &Reference)>],
    circle: &[usize],
) -> Diagnostic {
    // Start the circle at its first file, so the report does not depend on
    // which policy the walk met first.
    let first = (0..circle.len())
        .min_by_key(|&k| &content.pages[circle[k]].file)
        .expect("a circle has policies");
    let mut names: Vec<String> = (0..=circle.len())
        .map(|k| {
            let page = &content.pages[circle[(first + k) % circle.len()]];
            format!("`{}`", page.file.display())
        })
        .collect();
    let head = circle[first];
    let (_, r) = next[head].expect("a policy on a circle has a successor");
    let message = if circle.len() == 2 {
        names.pop();
        msg!(
            "successors-each-other",
            first = &names[0],
            second = &names[1]
        )
    } else {
        msg!("successors-circle", policies = names.join(" → "))
    };
    at_reference(&content.pages[head], r, &message).with_help(msg!("successors-circle-help"))
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
