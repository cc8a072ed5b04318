//! The vocabularies of needs and audiences: fixed in gongkai.yaml, or
//! gathered from the terms records use.

use std::collections::HashMap;

use crate::base::diagnostics::Diagnostics;
use crate::model::directory::{Record, Term};
use crate::model::links::Urls;

/// The needs or the audiences: fixed by the configuration, or gathered
/// from what records use.
pub(super) struct Vocabulary<'a> {
    what: &'static str,
    fixed: bool,
    pub(super) terms: Vec<Term>,
    index: HashMap<String, usize>,
    urls: &'a Urls,
}

impl<'a> Vocabulary<'a> {
    pub(super) fn new(what: &'static str, fixed: &[String], urls: &'a Urls) -> Vocabulary<'a> {
        let mut v = Vocabulary {
            what,
            fixed: !fixed.is_empty(),
            terms: vec![],
            index: HashMap::new(),
            urls,
        };
        for name in fixed {
            v.insert(name);
        }
        v
    }

    fn insert(&mut self, name: &str) -> usize {
        let path = format!("{}/{}/", self.what, name);
        self.terms.push(Term {
            name: name.to_string(),
            url: self.urls.url(&path),
            path,
            services: vec![],
            organizations: vec![],
        });
        self.index.insert(name.to_string(), self.terms.len() - 1);
        self.terms.len() - 1
    }

    pub(super) fn add(
        &mut self,
        name: &str,
        service: Option<usize>,
        org: Option<usize>,
        record: &Record,
        diagnostics: &mut Diagnostics,
    ) {
        let i = match self.index.get(name) {
            Some(&i) => i,
            None if self.fixed => {
                diagnostics.push(
                    record
                        .diagnostic(msg!("dir-term-unknown", term = name, field = self.what))
                        .with_help(msg!(
                            "dir-term-unknown-help",
                            terms = self
                                .terms
                                .iter()
                                .map(|t| t.name.as_str())
                                .collect::<Vec<_>>()
                                .join("、"),
                            field = self.what
                        )),
                );
                return;
            }
            None => {
                if name.contains(['/', '?', '#', '%', '\\']) || name.starts_with('.') {
                    diagnostics.push(record.diagnostic(msg!("dir-term-bad-name", term = name)));
                    return;
                }
                self.insert(name)
            }
        };
        let t = &mut self.terms[i];
        if let Some(s) = service {
            if t.services.last() != Some(&s) {
                t.services.push(s);
            }
        }
        if let Some(o) = org {
            if t.organizations.last() != Some(&o) {
                t.organizations.push(o);
            }
        }
    }
}
