//! What an amending decision (修改决定) says it changes, held against the
//! texts it changed. A decision that an earlier text's `amended_by` names
//! is read as numbered instructions (`一、将第七条修改为：…`, `二、删去第十二条。`,
//! `三、在第十七条后增加一条，作为第十七条之一：…`; see
//! [`policy::instructions`]); each article an instruction names must be in
//! the text it amends (the text before the change; an inserted article in
//! the text after), or it is an error at the decision's line. Where the
//! decision and the comparison of the two texts disagree (an article
//! named that did not change, an article changed that no instruction
//! names), it is a warning: the texts may be right and the decision
//! summarised, or the other way round.
//!
//! A decision that amends several policies is read group by group: each
//! policy's instructions are those under a line that names it in 《》.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::base::diagnostics::Diagnostics;
use crate::load::body::PageText;
use crate::model::content::{Content, Page, diagnostic_at};
use crate::model::policy::{self, Instruction, NamedArticle, PolicyDocument, Role};
use crate::model::versions::{History, Version};

/// A policy's texts as resolved: its history and each text parsed (in the
/// order of the history's versions).
pub struct Texts {
    pub policy: usize,
    pub history: Arc<History>,
    pub docs: Vec<PolicyDocument>,
}

/// Check every amending decision of the site's pages against the texts it
/// changed.
pub fn check(
    content: &Content,
    texts: &[Texts],
    errors: &mut Diagnostics,
    warnings: &mut Diagnostics,
) {
    // Each decision, and the texts it amended: (policy's texts, version).
    let mut by_decision: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
    for (t, policy) in texts.iter().enumerate() {
        let versions = &policy.history.versions;
        for (k, v) in versions.iter().enumerate().take(versions.len() - 1) {
            if let Some(d) = v.amended_by_page {
                by_decision.entry(d).or_default().push((t, k));
            }
        }
    }
    for (d, amended) in by_decision {
        let decision = &content.pages[d];
        // A decision that cannot be read is reported when it is rendered.
        let Ok(text) = PageText::of_page(decision) else {
            continue;
        };
        let all = policy::instructions(text.body(), text.offset);
        for &(t, k) in &amended {
            let texts = &texts[t];
            let page = &content.pages[texts.policy];
            let mine: Vec<&Instruction> = all
                .iter()
                .filter(|i| {
                    amended.len() == 1
                        || i.policy
                            .as_deref()
                            .is_some_and(|p| names(page, &texts.docs[k], p))
                })
                .collect();
            if !mine.is_empty() {
                Check {
                    decision,
                    page,
                    texts,
                    k,
                }
                .run(&mine, errors, warnings);
            }
        }
    }
}

/// Whether the title `named` in 《》 is that of the policy `page`, whose
/// amended text is `doc`.
fn names(page: &Page, doc: &PolicyDocument, named: &str) -> bool {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let named = squeeze(named);
    let titles = [
        Some(page.title.as_str()),
        doc.title.as_ref().map(|t| t.text.as_str()),
    ];
    !named.is_empty()
        && titles.into_iter().flatten().any(|t| {
            let t = squeeze(t);
            t.contains(&named) || named.contains(&t)
        })
}

/// One decision against one policy's text before and after it.
struct Check<'a> {
    decision: &'a Page,
    page: &'a Page,
    texts: &'a Texts,
    /// The version the decision amended (`k + 1` is the one it produced).
    k: usize,
}

impl Check<'_> {
    fn run(
        &self,
        instructions: &[&Instruction],
        errors: &mut Diagnostics,
        warnings: &mut Diagnostics,
    ) {
        let k = self.k;
        let (before, after) = (&self.texts.docs[k], &self.texts.docs[k + 1]);
        let changes = &self.texts.history.changes[k];
        let (from, to) = (self.version(k), self.version(k + 1));
        let (from_date, to_date) = (from.date.to_string(), to.date.to_string());
        let policy = self.page.title.as_str();
        let key = |c: &policy::ArticleChange| {
            let a = c
                .new
                .map(|j| &after.articles[j])
                .or_else(|| c.old.map(|j| &before.articles[j]))
                .expect("a compared article is in one of the texts");
            (a.number, a.sub.unwrap_or(0))
        };
        let mut named: BTreeSet<&str> = BTreeSet::new();
        let mut failed = false;
        for instruction in instructions {
            let mut previous: Option<&NamedArticle> = None;
            for a in &instruction.articles {
                let eid = a.eid();
                let inserted = a.role == Role::Inserted;
                let (doc, version) = if inserted {
                    (after, to)
                } else {
                    (before, from)
                };
                if !doc.articles.iter().any(|x| x.eid == eid) {
                    failed = true;
                    errors.push(self.missing(a, doc, version));
                    previous = Some(a);
                    continue;
                }
                if a.role != Role::After {
                    let change = changes.iter().find(|c| c.eid == eid);
                    if let Some(c) = change {
                        named.insert(&c.eid);
                    }
                    if let (true, Some(p)) = (a.through, previous) {
                        for c in changes {
                            if (p.key()..=a.key()).contains(&key(c)) {
                                named.insert(&c.eid);
                            }
                        }
                    } else if change.is_some_and(|c| !c.kind.is_change()) {
                        warnings.push(self.decision.diagnostic(
                            a.offset,
                            a.len,
                            msg!(
                                "amend-article-unchanged",
                                article = a.label.as_str(),
                                policy = policy,
                                from = from_date.as_str(),
                                to = to_date.as_str()
                            ),
                        ));
                    }
                }
                previous = Some(a);
            }
        }
        if failed {
            return;
        }
        for c in changes {
            if !c.kind.is_change() || named.contains(c.eid.as_str()) {
                continue;
            }
            // At the article in the newer text; a deleted one in the older.
            let (version, article) = match (c.new, c.old) {
                (Some(j), _) => (to, &after.articles[j]),
                (None, Some(j)) => (from, &before.articles[j]),
                (None, None) => continue,
            };
            warnings.push(diagnostic_at(
                &version.file,
                Some(&version.disk),
                article.offset,
                article.num.len(),
                msg!(
                    "amend-change-not-named",
                    article = c.label.as_str(),
                    policy = policy,
                    from = from_date.as_str(),
                    to = to_date.as_str(),
                    decision = self.decision.file.display().to_string()
                ),
            ));
        }
    }

    fn version(&self, k: usize) -> &Version {
        &self.texts.history.versions[k]
    }

    /// An instruction names an article that the text it amends (or, for an
    /// inserted article, the text it produced) does not have.
    fn missing(
        &self,
        a: &NamedArticle,
        doc: &PolicyDocument,
        version: &Version,
    ) -> crate::base::diagnostics::Diagnostic {
        let (date, file) = (version.date.to_string(), version.file.display().to_string());
        let policy = self.page.title.as_str();
        let article = a.label.as_str();
        let (message, help) = if a.role == Role::Inserted {
            (
                msg!(
                    "amend-inserted-missing",
                    article = article,
                    policy = policy,
                    date = date.as_str(),
                    file = file.as_str()
                ),
                msg!(
                    "amend-inserted-missing-help",
                    article = article,
                    file = file.as_str()
                ),
            )
        } else {
            fn label(a: Option<&policy::Article>) -> &str {
                a.map_or("", |a| a.label.as_str())
            }
            (
                msg!(
                    "amend-article-missing",
                    article = article,
                    policy = policy,
                    date = date.as_str(),
                    file = file.as_str()
                ),
                msg!(
                    "amend-article-missing-help",
                    count = doc.articles.len(),
                    first = label(doc.articles.first()),
                    last = label(doc.articles.last()),
                    file = file.as_str()
                ),
            )
        };
        self.decision
            .diagnostic(a.offset, a.len, message)
            .with_help(help)
    }
}
