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
    /// Pages held back until their publication date, with that date.
    pub future: HashMap<String, jiff::civil::Date>,
    /// The site's base path (`/` or `/portal/`), below which local links
    /// are checked against the files a build writes.
    pub base_path: String,
}

impl LinkMap {
    /// The path an `@/` link names, decoded, without its anchor:
    /// `@/policies/a.md#art_1` → `policies/a.md`.
    pub fn rel(link: &str) -> String {
        let rest = link.trim_start_matches("@/");
        let path = rest.split_once('#').map_or(rest, |(p, _)| p);
        percent_encoding::percent_decode_str(path)
            .decode_utf8_lossy()
            .into_owned()
    }

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
            None if self.future.contains_key(decoded.as_ref()) => Err(msg!(
                "link-to-future",
                link = link,
                date = self.future[decoded.as_ref()].to_string()
            )),
            None => Err(msg!("link-missing", link = link)),
        }
    }
}

/// Where a local link in a body leads: the output path it names
/// (percent-decoded, below the base path, without `#fragment` or `?query`:
/// `policies/a/附件一.pdf`, or `policies/x/` for a folder), read from
/// `page_url` (where the body is served) as a browser would.
///
/// `None` for what is not checked: links with a scheme (`http:`,
/// `mailto:`, `tel:`), to another host (`//cdn…`), to a place on the page
/// (`#x`, `?q`), and site paths outside `base_path` (other sites on the
/// same host).
pub fn local_target(dest: &str, page_url: &str, base_path: &str) -> Option<String> {
    let path = dest.split(['#', '?']).next().unwrap_or("").trim();
    let has_scheme = path.split('/').next().is_some_and(|s| s.contains(':'));
    if path.is_empty() || has_scheme || path.starts_with("//") || path.starts_with('\\') {
        return None;
    }
    let joined = if path.starts_with('/') {
        path.to_string()
    } else {
        let dir = page_url.rfind('/').map_or("/", |i| &page_url[..=i]);
        format!("{dir}{path}")
    };
    // `.` and `..` as a browser reads them; `..` above the root stays at it.
    let mut segments: Vec<&str> = vec![];
    let folder = joined.ends_with('/') || joined.ends_with("/.") || joined.ends_with("/..");
    for segment in joined.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let mut normal = format!("/{}", segments.join("/"));
    if folder && !segments.is_empty() {
        normal.push('/');
    }
    let decoded = percent_encoding::percent_decode_str(&normal).decode_utf8_lossy();
    let base = percent_encoding::percent_decode_str(base_path).decode_utf8_lossy();
    let rest = if base.ends_with('/') {
        decoded.strip_prefix(base.as_ref())
    } else {
        decoded
            .strip_prefix(base.as_ref())
            .and_then(|r| r.strip_prefix('/'))
    };
    match rest {
        Some(rest) => Some(rest.to_string()),
        // The base path itself without its closing `/`.
        None if format!("{decoded}/") == base => Some(String::new()),
        None => None,
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

#[cfg(test)]
mod tests {
    use super::local_target;

    #[test]
    fn local_links_are_read_from_the_page_address() {
        let at = |dest: &str| local_target(dest, "/policies/a/", "/");
        assert_eq!(at("附件一.pdf").as_deref(), Some("policies/a/附件一.pdf"));
        assert_eq!(at("img/a.png").as_deref(), Some("policies/a/img/a.png"));
        assert_eq!(
            at("../other/file.xlsx").as_deref(),
            Some("policies/other/file.xlsx")
        );
        assert_eq!(at("../../../x.pdf").as_deref(), Some("x.pdf"));
        assert_eq!(at("/downloads/a.pdf").as_deref(), Some("downloads/a.pdf"));
        assert_eq!(at("/policies/x/").as_deref(), Some("policies/x/"));
        assert_eq!(at("..").as_deref(), Some("policies/"));
        assert_eq!(at("/").as_deref(), Some(""));
        assert_eq!(
            at("%E9%99%84%E4%BB%B6.pdf#page=2").as_deref(),
            Some("policies/a/附件.pdf")
        );
        assert_eq!(at("a.pdf?v=2").as_deref(), Some("policies/a/a.pdf"));
        for unchecked in [
            "https://example.org/a.pdf",
            "http://x",
            "mailto:a@b.cn",
            "tel:0575-1234",
            "//cdn.example.org/a.js",
            "#art_3",
            "?page=2",
            "",
        ] {
            assert_eq!(at(unchecked), None, "{unchecked}");
        }
    }

    #[test]
    fn site_paths_are_read_below_the_base_path() {
        let at = |dest: &str| local_target(dest, "/portal/policies/a/", "/portal/");
        assert_eq!(at("a.pdf").as_deref(), Some("policies/a/a.pdf"));
        assert_eq!(at("/portal/static/a.pdf").as_deref(), Some("static/a.pdf"));
        assert_eq!(at("/portal").as_deref(), Some(""));
        assert_eq!(at("/other-app/x.pdf"), None);
    }
}
