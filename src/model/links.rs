//! Where things are: the site's URLs, and where every `@/` path leads.

use std::collections::{HashMap, HashSet};

use crate::base::slug;
use crate::model::config::Config;

/// What an `@/` link can point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Page(usize),
    Section(usize),
}

/// The site-wide facts markdown needs: where every `@/` path leads.
pub struct LinkMap {
    /// `policies/a.md` (and `policies/_index.md`) → target and its URL
    /// (already percent-encoded, with the base path).
    pub by_rel: HashMap<String, (Target, String)>,
    /// Drafts left out of this build.
    pub drafts: HashSet<String>,
}

impl LinkMap {
    /// Resolve `@/x.md#a` to (target, anchor, href); `Err` says why not.
    pub fn resolve<'a>(&self, link: &'a str) -> Result<(Target, Option<&'a str>, String), String> {
        let rest = link.trim_start_matches("@/");
        let (path, anchor) = match rest.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (rest, None),
        };
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        match self.by_rel.get(decoded.as_ref()) {
            Some((target, url)) => {
                let href = match anchor {
                    Some(a) => format!("{url}#{a}"),
                    None => url.clone(),
                };
                Ok((*target, anchor, href))
            }
            None if self.drafts.contains(decoded.as_ref()) => {
                Err(msg!("link-to-draft", link = link))
            }
            None => Err(msg!("link-missing", link = link)),
        }
    }
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
