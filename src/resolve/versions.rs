//! The histories of policies that keep their earlier texts: every text
//! read and parsed, consecutive texts compared article by article, each
//! version's amending document followed, and for each amending document the
//! articles it changed. Problems are reported at the version file: a date
//! not older than the text in force, a text without articles, an amending
//! document that cannot be found. What each amending decision says it
//! changes is checked against the texts in [`super::amendments`]; circles
//! of amendments are found in [`super::circles`].

use std::sync::Arc;

use jiff::civil::Date;

use crate::base::diagnostics::{Diagnostic, Diagnostics};
use crate::load::body::PageText;
use crate::model::content::VersionFile;
use crate::model::content::{Content, Page, Reference, diagnostic_at};
use crate::model::links::{LinkMap, Target};
use crate::model::policy::{self, PolicyDocument};
use crate::model::versions::{AmendingDocument, Amendment, History, Version};

use super::amendments::{self, Texts};

/// What resolving the versions gives the site.
pub struct Histories {
    pub histories: Vec<Option<Arc<History>>>,
    pub amendments: Vec<Vec<Amendment>>,
}

/// The date the text in force took effect: `version_date`, else the date
/// the policy was published, else written.
pub fn in_force_date(page: &Page) -> Option<Date> {
    let meta = page.policy_meta.as_ref()?;
    Some(meta.version_date.or(meta.published).unwrap_or(meta.written))
}

/// Read, parse and compare every policy's texts, and check each amending
/// decision against the texts it changed (disagreements go to `warnings`).
pub fn histories(
    content: &Content,
    links: &LinkMap,
    diagnostics: &mut Diagnostics,
    warnings: &mut Diagnostics,
) -> Histories {
    let n = content.pages.len();
    let mut out = Histories {
        histories: vec![None; n],
        amendments: vec![Vec::new(); n],
    };
    let mut texts: Vec<Texts> = vec![];
    for (i, page) in content.pages.iter().enumerate() {
        let Some(meta) = &page.policy_meta else {
            continue;
        };
        if meta.versions.is_empty() {
            continue;
        }
        let Some((history, docs)) = history(content, links, i, diagnostics) else {
            continue;
        };
        for (k, v) in history.versions.iter().enumerate() {
            if let (Some(t), Some(changes)) = (v.amended_by_page, history.changes.get(k)) {
                out.amendments[t].push(Amendment {
                    policy: i,
                    version: k + 1,
                    articles: changes
                        .iter()
                        .filter(|c| c.kind.is_change())
                        .cloned()
                        .collect(),
                });
            }
        }
        let history = Arc::new(history);
        out.histories[i] = Some(Arc::clone(&history));
        texts.push(Texts {
            policy: i,
            history,
            docs,
        });
    }
    amendments::check(content, &texts, diagnostics, warnings);
    for list in &mut out.amendments {
        list.sort_by_key(|a| (a.policy, a.version));
    }
    out
}

fn history(
    content: &Content,
    links: &LinkMap,
    i: usize,
    diagnostics: &mut Diagnostics,
) -> Option<(History, Vec<PolicyDocument>)> {
    let page = &content.pages[i];
    let meta = page.policy_meta.as_ref()?;
    let current_date = in_force_date(page)?;
    let mut ok = true;
    let mut docs: Vec<PolicyDocument> = vec![];
    let mut versions: Vec<Version> = vec![];
    for v in &meta.versions {
        let text = match PageText::of_file(&v.file, &v.disk) {
            Ok(t) => t,
            Err(d) => {
                diagnostics.push(d);
                ok = false;
                continue;
            }
        };
        let Some(date) = v.date else {
            let stem = v.file.file_stem().unwrap_or_default().to_string_lossy();
            diagnostics.push(
                Diagnostic::at(
                    &v.file,
                    &text.text,
                    0,
                    0,
                    msg!("version-name-not-date", name = stem.as_ref()),
                )
                .with_help(msg!("version-name-not-date-help")),
            );
            ok = false;
            continue;
        };
        if date >= current_date {
            let (shown, policy) = (date.to_string(), page.file.display().to_string());
            let message = if date == current_date {
                msg!(
                    "version-same-date",
                    date = shown.clone(),
                    policy = policy.clone()
                )
            } else {
                msg!("version-newer-than-in-force", date = shown, policy = policy)
            };
            diagnostics.push(
                Diagnostic::at(&v.file, &text.text, 0, 0, message)
                    .with_help(msg!("version-date-help")),
            );
            ok = false;
        }
        match text.policy() {
            Ok(doc) if doc.articles.is_empty() => {
                diagnostics.push(
                    Diagnostic::at(
                        &v.file,
                        &text.text,
                        text.offset,
                        0,
                        msg!("version-no-articles"),
                    )
                    .with_help(msg!("version-no-articles-help")),
                );
                ok = false;
            }
            Ok(doc) => docs.push(doc),
            Err(errors) => {
                for e in errors {
                    diagnostics.push(Diagnostic::at(
                        &v.file, &text.text, e.offset, e.len, e.message,
                    ));
                }
                ok = false;
            }
        }
        let (amended_by, amended_by_page) = amending(content, links, i, v, diagnostics);
        versions.push(Version {
            date,
            file: v.file.clone(),
            disk: v.disk.clone(),
            note: v.note.clone(),
            amended_by,
            amended_by_page,
            articles: vec![],
            in_force: false,
        });
    }
    // The text in force: its structure errors are reported when it is
    // rendered.
    let current = PageText::of_page(page).ok()?.policy().ok()?;
    if !ok {
        return None;
    }
    docs.push(current);
    let successor = meta.amended_by.as_ref().map(|r| {
        let (t, url) = match links.resolve(&r.target) {
            Ok((Target::Page(t), _, url)) => (Some(t), url),
            _ => (None, r.target.clone()),
        };
        (
            AmendingDocument {
                title: t.map_or_else(|| r.target.clone(), |t| content.pages[t].title.clone()),
                url,
            },
            t,
        )
    });
    versions.push(Version {
        date: current_date,
        file: page.file.clone(),
        disk: page.disk.clone(),
        note: None,
        amended_by: successor.as_ref().map(|(l, _)| l.clone()),
        amended_by_page: successor.and_then(|(_, t)| t),
        articles: vec![],
        in_force: true,
    });
    for (v, doc) in versions.iter_mut().zip(&docs) {
        v.articles = doc
            .articles
            .iter()
            .map(|a| (a.eid.clone(), a.label.clone()))
            .collect();
    }
    let changes = docs
        .windows(2)
        .map(|w| policy::compare(&w[0], &w[1]))
        .collect();
    Some((History { versions, changes }, docs))
}

/// The amending document a version names, followed: its link, and its page
/// when it is one of the site.
fn amending(
    content: &Content,
    links: &LinkMap,
    policy: usize,
    v: &VersionFile,
    diagnostics: &mut Diagnostics,
) -> (Option<AmendingDocument>, Option<usize>) {
    let Some(r) = &v.amended_by else {
        return (None, None);
    };
    let at = |r: &Reference, m: String| diagnostic_at(&v.file, Some(&v.disk), r.offset, r.len, m);
    if r.target.starts_with("https://") || r.target.starts_with("http://") {
        let link = AmendingDocument {
            title: r.target.clone(),
            url: r.target.clone(),
        };
        return (Some(link), None);
    }
    if !r.target.starts_with("@/") {
        diagnostics.push(at(r, msg!("successor-form")));
        return (None, None);
    }
    match links.resolve(&r.target) {
        Ok((Target::Page(t), _, url)) => {
            if t == policy {
                diagnostics.push(at(r, msg!("version-amended-by-self")));
                return (None, None);
            }
            let link = AmendingDocument {
                title: content.pages[t].title.clone(),
                url,
            };
            (Some(link), Some(t))
        }
        Ok((Target::Section(_), _, _)) => {
            diagnostics.push(at(r, msg!("successor-is-section")));
            (None, None)
        }
        Err(m) => {
            diagnostics.push(at(r, m));
            (None, None)
        }
    }
}
