//! The HTTP headers each object is stored with: `Content-Type` by extension
//! (text types with `charset=utf-8`; the types `docs/hosting.md` asks of a
//! web server, such as `application/atom+xml` for the feed), and `Cache-Control` by rule: short
//! for what changes with the content (HTML, feeds, the search index, open
//! data), a year and `immutable` for fingerprinted file names, a day for
//! the other static assets and attachments.
//!
//! `deploy.headers` in `gongkai.yaml` adds rules by glob, tried in order
//! before the defaults; the first rule that sets a header decides it.

use crate::model::config::HeaderRule;
use crate::write::media_type::media_type;

/// For what changes whenever the content does (pages, feeds, the search
/// index and its manifest, open data): a CDN and a browser recheck after a
/// minute.
pub const SHORT: &str = "public, max-age=60";
/// For static assets and attachments whose names do not change with their
/// bytes (`css/site.css`, an attachment's PDF).
pub const DAY: &str = "public, max-age=86400";
/// For fingerprinted file names (`site.3f9a0c1e.css`): their bytes never
/// change under that name.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The headers of one object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headers {
    pub content_type: String,
    pub cache_control: String,
}

impl Headers {
    /// A short digest of the headers, kept in the deploy manifest so that a
    /// changed rule re-uploads the objects it changes.
    pub fn digest(&self) -> String {
        let text = format!("{}\n{}", self.content_type, self.cache_control);
        super::local::md5_hex(text.as_bytes())[..8].to_string()
    }
}

/// The rules of `deploy.headers` and the defaults after them.
#[derive(Debug, Clone, Default)]
pub struct HeaderRules {
    rules: Vec<HeaderRule>,
}

impl HeaderRules {
    /// Check each rule's glob; an empty or malformed glob is an error that
    /// names it.
    pub fn new(rules: &[HeaderRule]) -> Result<HeaderRules, String> {
        for r in rules {
            if r.glob.trim().is_empty()
                || r.glob.matches('{').count() != r.glob.matches('}').count()
            {
                return Err(msg!("deploy-headers-bad-glob", glob = &r.glob));
            }
            if r.cache_control.is_none() && r.content_type.is_none() {
                return Err(msg!("deploy-headers-empty-rule", glob = &r.glob));
            }
        }
        Ok(HeaderRules {
            rules: rules.to_vec(),
        })
    }

    /// The headers of the site file at `path` (`zhengce/index.html`).
    pub fn for_path(&self, path: &str) -> Headers {
        let mut content_type = None;
        let mut cache_control = None;
        for r in self.rules.iter().filter(|r| matches(&r.glob, path)) {
            content_type = content_type.or_else(|| r.content_type.clone());
            cache_control = cache_control.or_else(|| r.cache_control.clone());
        }
        Headers {
            content_type: content_type.unwrap_or_else(|| media_type(path).to_string()),
            cache_control: cache_control.unwrap_or_else(|| default_cache_control(path).to_string()),
        }
    }
}

/// Cache-Control when no rule sets it.
fn default_cache_control(path: &str) -> &'static str {
    let ext = crate::write::media_type::extension(path);
    if is_fingerprinted(path) {
        IMMUTABLE
    } else if path.starts_with("search/")
        || path.starts_with("data/")
        || matches!(
            ext.as_str(),
            "html" | "htm" | "xml" | "ics" | "json" | "txt" | "csv" | "webmanifest" | ""
        )
    {
        SHORT
    } else {
        DAY
    }
}

/// A file name with a hash part of 8 or more hexadecimal digits between
/// dots or after a hyphen (`site.3f9a0c1e.css`, `app-3f9a0c1e.js`).
fn is_fingerprinted(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let Some((stem, _)) = name.rsplit_once('.') else {
        return false;
    };
    stem.split(['.', '-'])
        .skip(1)
        .any(|part| part.len() >= 8 && part.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Whether `path` matches `glob`. A glob without `/` matches the file name
/// in any folder (`*.pdf`); one with `/` matches the whole path from the
/// output's root (`css/**`, `search/manifest.json`). `*` and `?` stay inside
/// a folder name, `**` crosses folders, `{a,b}` is either.
pub fn matches(glob: &str, path: &str) -> bool {
    let glob = glob.trim().trim_start_matches('/');
    if !glob.contains('/') {
        let name = path.rsplit('/').next().unwrap_or(path);
        return expand(glob)
            .iter()
            .any(|g| match_here(g.as_bytes(), name.as_bytes()));
    }
    expand(glob)
        .iter()
        .any(|g| match_here(g.as_bytes(), path.as_bytes()))
}

/// The globs that `{a,b}` alternatives stand for (no nesting).
fn expand(glob: &str) -> Vec<String> {
    let (Some(open), Some(close)) = (glob.find('{'), glob.find('}')) else {
        return vec![glob.to_string()];
    };
    if close < open {
        return vec![glob.to_string()];
    }
    let (head, tail) = (&glob[..open], &glob[close + 1..]);
    glob[open + 1..close]
        .split(',')
        .flat_map(|alt| expand(&format!("{head}{alt}{tail}")))
        .collect()
}

fn match_here(glob: &[u8], path: &[u8]) -> bool {
    match glob {
        [] => path.is_empty(),
        [b'*', b'*', b'/', rest @ ..] => {
            // `**/` matches no folder or any number of them.
            match_here(rest, path)
                || (0..path.len())
                    .filter(|&i| path[i] == b'/')
                    .any(|i| match_here(rest, &path[i + 1..]))
        }
        [b'*', b'*', rest @ ..] => (0..=path.len()).any(|i| match_here(rest, &path[i..])),
        [b'*', rest @ ..] => {
            let end = path.iter().position(|&b| b == b'/').unwrap_or(path.len());
            (0..=end).any(|i| match_here(rest, &path[i..]))
        }
        [b'?', rest @ ..] => {
            // One character, which in UTF-8 is one lead byte and its
            // continuation bytes.
            match path.first() {
                Some(&b) if b != b'/' => {
                    let len = path[1..].iter().take_while(|&&c| c & 0xC0 == 0x80).count() + 1;
                    match_here(rest, &path[len..])
                }
                _ => false,
            }
        }
        [c, rest @ ..] => path.first() == Some(c) && match_here(rest, &path[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(glob: &str, cache: Option<&str>, ctype: Option<&str>) -> HeaderRule {
        HeaderRule {
            glob: glob.into(),
            cache_control: cache.map(Into::into),
            content_type: ctype.map(Into::into),
        }
    }

    #[test]
    fn content_types_of_text_say_utf8() {
        for (path, want) in [
            ("index.html", "text/html; charset=utf-8"),
            ("css/site.css", "text/css; charset=utf-8"),
            ("js/search.js", "text/javascript; charset=utf-8"),
            ("search/manifest.json", "application/json; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("atom.xml", "application/atom+xml; charset=utf-8"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("data/services.csv", "text/csv; charset=utf-8"),
            ("calendar.ics", "text/calendar; charset=utf-8"),
            ("favicon.svg", "image/svg+xml; charset=utf-8"),
            ("附件/通知.PDF", "application/pdf"),
            ("LICENSE", "application/octet-stream"),
            (".hidden", "application/octet-stream"),
        ] {
            assert_eq!(media_type(path), want, "{path}");
        }
    }

    #[test]
    fn cache_control_is_short_for_content_and_long_for_assets() {
        let rules = HeaderRules::default();
        let cc = |p: &str| rules.for_path(p).cache_control;
        assert_eq!(cc("index.html"), SHORT);
        assert_eq!(cc("zhengce/a/index.html"), SHORT);
        assert_eq!(cc("search/manifest.json"), SHORT);
        assert_eq!(cc("search/t/3.json"), SHORT);
        assert_eq!(cc("atom.xml"), SHORT);
        assert_eq!(cc("data/services.csv"), SHORT);
        assert_eq!(cc("css/site.css"), DAY);
        assert_eq!(cc("attachments/通知.pdf"), DAY);
        assert_eq!(cc("css/site.3f9a0c1e.css"), IMMUTABLE);
        assert_eq!(cc("js/app-3f9a0c1e4b.js"), IMMUTABLE);
        assert_eq!(cc("js/deadbeef.js"), DAY, "a hash alone is no fingerprint");
    }

    #[test]
    fn rules_come_first_and_each_header_is_decided_once() {
        let rules = HeaderRules::new(&[
            rule("*.pdf", Some("public, max-age=600"), None),
            rule(
                "attachments/**",
                Some("no-cache"),
                Some("application/x-test"),
            ),
        ])
        .unwrap();
        let h = rules.for_path("attachments/2026/通知.pdf");
        assert_eq!(h.cache_control, "public, max-age=600");
        assert_eq!(h.content_type, "application/x-test");
        assert_eq!(rules.for_path("index.html").cache_control, SHORT);
        assert!(HeaderRules::new(&[rule("*.pdf", None, None)]).is_err());
        assert!(HeaderRules::new(&[rule("{a", Some("x"), None)]).is_err());
    }

    #[test]
    fn globs() {
        assert!(matches("*.pdf", "a/b/c.pdf"));
        assert!(!matches("*.pdf", "a/b/c.pdfx"));
        assert!(matches("css/*", "css/site.css"));
        assert!(!matches("css/*", "css/x/site.css"));
        assert!(matches("css/**", "css/x/site.css"));
        assert!(matches("**/index.html", "index.html"));
        assert!(matches("**/index.html", "a/b/index.html"));
        assert!(matches("search/**/*.json", "search/t/1.json"));
        assert!(matches("/search/manifest.json", "search/manifest.json"));
        assert!(matches("*.{png,jpg}", "img/a.jpg"));
        assert!(matches("政策/?.html", "政策/一.html"));
        assert!(!matches("政策/?.html", "政策/一二.html"));
    }

    #[test]
    fn digest_follows_the_headers() {
        let rules = HeaderRules::default();
        let a = rules.for_path("a.html").digest();
        assert_eq!(a.len(), 8);
        assert_eq!(a, rules.for_path("b.html").digest());
        assert_ne!(a, rules.for_path("a.css").digest());
    }
}
