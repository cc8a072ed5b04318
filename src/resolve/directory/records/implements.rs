//! 落实情况: the `implements` entries of services, each resolved to the
//! policy it means and checked against the articles of that policy.

use std::collections::HashMap;

use crate::base::diagnostics::Diagnostics;
use crate::load::body::PageText;
use crate::load::directory::Located;
use crate::model::config::Config;
use crate::model::content::{Content, PageType};
use crate::model::directory::{Implementation, Record};

struct ArticleRef {
    eid: String,
    label: String,
    heading: Option<String>,
}

/// The articles of a policy page, read from its text (the same parser the
/// page is rendered with). `None` when the policy's text has problems, which
/// its own page reports.
fn policy_articles(content: &Content, page: usize) -> Option<Vec<ArticleRef>> {
    let doc = PageText::of_page(&content.pages[page])
        .ok()?
        .policy()
        .ok()?;
    Some(
        doc.articles
            .iter()
            .map(|a| ArticleRef {
                eid: a.eid.clone(),
                label: a.label.clone(),
                heading: a.short_heading().map(str::to_string),
            })
            .collect(),
    )
}

/// Which policy an `implements` entry means.
struct Policies {
    /// The policy a short id (`art_15`) means; `Err(None)` when
    /// `directory.policy` is wrong, which is reported once at its line in
    /// gongkai.yaml (by `resolve`) rather than at every short id.
    default: Result<usize, Option<String>>,
    by_rel: HashMap<String, usize>,
    /// Some pages failed to load: a policy not found may be one of them.
    incomplete: bool,
}

impl Policies {
    fn new(config: &Config, content: &Content) -> Policies {
        let by_rel: HashMap<String, usize> = content
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.page_type == PageType::Policy)
            .map(|(i, p)| (p.rel.clone(), i))
            .collect();
        let default = match crate::resolve::directory_policy(config, content) {
            Ok(Some(page)) => Ok(page),
            Err(_) => Err(None),
            // The only policy that loaded may not be the only policy.
            Ok(None) if content.incomplete => Err(None),
            Ok(None) if by_rel.len() == 1 => Ok(*by_rel.values().next().expect("one")),
            Ok(None) => Err(Some(msg!("dir-implements-no-default"))),
        };
        Policies {
            default,
            by_rel,
            incomplete: content.incomplete,
        }
    }

    /// The policy and article an entry names; `Err(None)` when the problem
    /// was already reported elsewhere.
    fn resolve(&self, text: &str) -> Result<(usize, String), Option<String>> {
        match text.strip_prefix("@/") {
            Some(rest) => {
                let (rel, eid) = rest
                    .split_once('#')
                    .ok_or_else(|| Some(msg!("dir-implements-no-article", value = text)))?;
                let page = self.by_rel.get(rel).copied().ok_or_else(|| {
                    (!self.incomplete).then(|| msg!("dir-implements-not-policy", page = rel))
                })?;
                Ok((page, eid.to_string()))
            }
            None => Ok((self.default.clone()?, text.to_string())),
        }
    }
}

/// What services' `implements` entries name: which policy each entry
/// means, and each policy's articles, read once.
pub(super) struct Implements<'a> {
    content: &'a Content,
    policies: Policies,
    articles: HashMap<usize, Option<Vec<ArticleRef>>>,
}

impl<'a> Implements<'a> {
    pub(super) fn new(config: &Config, content: &'a Content) -> Implements<'a> {
        Implements {
            content,
            policies: Policies::new(config, content),
            articles: HashMap::new(),
        }
    }

    /// The articles the `implements` entries of `r` name, pushed to `out`;
    /// an entry that names no article, or one already named, is reported.
    pub(super) fn link(
        &mut self,
        r: &Record,
        entries: &[Located<String>],
        out: &mut Vec<Implementation>,
        diagnostics: &mut Diagnostics,
    ) {
        // Each article once: the entry that first named it, by article.
        let mut named: HashMap<(usize, String), &Located<String>> = HashMap::new();
        for v in entries {
            match self.policies.resolve(&v.value) {
                Err(None) => {}
                Err(Some(m)) => diagnostics.push(r.source.diagnostic(v.offset, v.len, m)),
                Ok((policy, eid)) => {
                    if let Some(first) = named.get(&(policy, eid.clone())) {
                        let message = if first.value == v.value {
                            msg!("dir-implements-twice", value = &v.value)
                        } else {
                            msg!(
                                "dir-implements-same-article",
                                value = &v.value,
                                first = &first.value
                            )
                        };
                        diagnostics.push(
                            r.source
                                .diagnostic(v.offset, v.len, message)
                                .with_help(msg!("dir-implements-twice-help")),
                        );
                        continue;
                    }
                    named.insert((policy, eid.clone()), v);
                    let articles = self
                        .articles
                        .entry(policy)
                        .or_insert_with(|| policy_articles(self.content, policy));
                    let Some(articles) = articles else { continue };
                    match articles.iter().find(|a| a.eid == eid) {
                        Some(a) => out.push(Implementation {
                            policy,
                            eid: a.eid.clone(),
                            label: a.label.clone(),
                            heading: a.heading.clone(),
                        }),
                        None => diagnostics.push(
                            r.source
                                .diagnostic(
                                    v.offset,
                                    v.len,
                                    msg!(
                                        "dir-implements-no-such-article",
                                        value = &v.value,
                                        page = &self.content.pages[policy].rel
                                    ),
                                )
                                .with_help(match (articles.first(), articles.last()) {
                                    (Some(first), Some(last)) => {
                                        msg!(
                                            "dir-implements-articles",
                                            first = &first.eid,
                                            last = &last.eid
                                        )
                                    }
                                    _ => msg!("dir-implements-no-articles"),
                                }),
                        ),
                    }
                }
            }
        }
    }
}
