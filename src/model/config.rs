//! `gongkai.yaml`: the site's configuration, read once at the start of a
//! build. Unknown keys are errors (a typo must not silently change nothing).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::base::diagnostics::Diagnostic;
use crate::base::yaml::{self, Spanned};

/// The file name of the configuration at the site root.
pub const CONFIG_FILE: &str = "gongkai.yaml";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site's name, shown in every page header.
    pub title: String,
    /// One line that says what the site is, for the home page and feeds.
    #[serde(default)]
    pub description: String,
    /// The absolute URL the site is served from, with a path if it is served
    /// under one (`https://example.org/portal/`).
    pub base_url: String,
    /// BCP 47 language tag of the content.
    #[serde(default = "default_language")]
    pub language: String,
    /// The theme under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Write `atom.xml`.
    #[serde(default = "yes")]
    pub feed: bool,
    /// Write `sitemap.xml` (and a sitemap index above 50,000 URLs).
    #[serde(default = "yes")]
    pub sitemap: bool,
    /// How many entries the feed holds.
    #[serde(default = "default_feed_limit")]
    pub feed_limit: usize,
    /// Default page size of section lists (a section's `paginate_by` wins).
    #[serde(default = "default_paginate_by")]
    pub paginate_by: usize,
    /// Pass raw HTML in markdown through unchanged (trusted editors only);
    /// otherwise it is shown as text.
    #[serde(default)]
    pub allow_raw_html: bool,
    /// The organisation that runs the site, for page footers.
    #[serde(default)]
    pub publisher: String,
    /// Put a visible 示例数据 (sample data) notice on every directory page.
    #[serde(default)]
    pub sample_data: bool,
    /// Settings of the directory (see `docs/directory.md`).
    #[serde(default)]
    pub directory: DirectoryConfig,
    /// Settings of the search index (see `docs/search.md`).
    #[serde(default)]
    pub search: SearchConfig,
    /// Publish files that symbolic links under `content/`, `static/` or the
    /// theme lead to outside the site (refused by default).
    #[serde(default)]
    pub follow_symlinks: bool,
    /// The largest file gongkai reads, in megabytes.
    #[serde(default = "default_max_file_mb")]
    pub max_file_mb: u64,
    /// Settings of `gongkai deploy` (see `docs/hosting.md`, "Deploying to
    /// object storage"); never credentials.
    #[serde(default)]
    pub deploy: DeployConfig,
    /// Free-form values for templates, as `config.extra.<key>`.
    #[serde(default)]
    pub extra: BTreeMap<String, serde_json::Value>,
    /// Where values were written in `gongkai.yaml`, for checks made after
    /// it is read (a theme that does not exist, a `directory.policy` that
    /// is not a policy).
    #[serde(skip)]
    places: Places,
}

/// The text of `gongkai.yaml` and where some of its values are, by key
/// (`theme`, `search.head`).
#[derive(Debug, Clone, Default)]
struct Places {
    source: Option<Arc<str>>,
    spans: BTreeMap<&'static str, (usize, usize)>,
}

/// The values whose place later checks need, read again from the same
/// text with their spans (unknown keys ignored: the full read checked them).
#[derive(Deserialize)]
struct Spans {
    base_url: Option<Spanned<String>>,
    theme: Option<Spanned<String>>,
    paginate_by: Option<Spanned<usize>>,
    search: Option<SearchSpans>,
    directory: Option<DirectorySpans>,
}

#[derive(Deserialize)]
struct SearchSpans {
    head: Option<Spanned<usize>>,
}

#[derive(Deserialize)]
struct DirectorySpans {
    policy: Option<Spanned<String>>,
}

impl Places {
    fn read(source: &Arc<str>) -> Places {
        let mut spans = BTreeMap::new();
        if let Ok(s) = yaml::parse::<Spans>(Path::new(CONFIG_FILE), source, source, 0) {
            let mut put = |key: &'static str, place: Option<(usize, usize)>| {
                if let Some(p) = place {
                    spans.insert(key, p);
                }
            };
            let at = |v: &Spanned<String>| yaml::place(v, source, 0);
            let at_number = |v: &Spanned<usize>| yaml::place(v, source, 0);
            put("base_url", s.base_url.as_ref().map(at));
            put("theme", s.theme.as_ref().map(at));
            put("paginate_by", s.paginate_by.as_ref().map(at_number));
            put(
                "search.head",
                s.search.and_then(|s| s.head).as_ref().map(at_number),
            );
            put(
                "directory.policy",
                s.directory.and_then(|d| d.policy).as_ref().map(at),
            );
        }
        Places {
            source: Some(source.clone()),
            spans,
        }
    }
}

/// The `directory:` block of `gongkai.yaml`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DirectoryConfig {
    /// The policy whose article ids (`art_15`) services' `implements` name,
    /// as a path under `content/` (`policies/measures.md`).
    pub policy: Option<String>,
    /// The allowed needs, in display order (any value when empty).
    #[serde(default)]
    pub needs: Vec<String>,
    /// The allowed audiences, in display order (any value when empty).
    #[serde(default)]
    pub audiences: Vec<String>,
}

/// The `deploy:` block of `gongkai.yaml`: where `gongkai deploy` publishes
/// and with which headers. The command line's flags win over it.
/// Credentials come only from the environment, never from here.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeployConfig {
    /// `s3://BUCKET` or `s3://BUCKET/PREFIX`.
    pub target: Option<String>,
    /// The S3-compatible endpoint (`https://oss-cn-hangzhou.aliyuncs.com`).
    pub endpoint: Option<String>,
    /// The signing region (`cn-hangzhou`).
    pub region: Option<String>,
    /// Address the bucket as `ENDPOINT/BUCKET` instead of `BUCKET.ENDPOINT`.
    #[serde(default)]
    pub path_style: bool,
    /// Refuse a deploy that would delete more objects than this (256 when
    /// not set).
    pub max_deletes: Option<usize>,
    /// Header rules by glob, tried in order before the defaults.
    #[serde(default)]
    pub headers: Vec<HeaderRule>,
}

/// One rule of `deploy.headers`: the headers of the files matching `glob`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderRule {
    /// `*.pdf` (a file name in any folder) or `css/**` (a path from the
    /// output's root); `*` and `?` stay within a folder, `**` crosses
    /// folders, `{a,b}` is either.
    pub glob: String,
    /// The `Cache-Control` header (`public, max-age=600`).
    pub cache_control: Option<String>,
    /// The `Content-Type` header (`application/pdf`).
    pub content_type: Option<String>,
}

/// The `search:` block of `gongkai.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    /// How many of a term's postings (its best, by impact) a query loads
    /// first; a term in more documents keeps the rest in tail files that a
    /// query loads only when the heads give too few results
    /// (`docs/search.md`, "Heads and tails").
    #[serde(default = "default_search_head")]
    pub head: usize,
}

impl Default for SearchConfig {
    fn default() -> SearchConfig {
        SearchConfig {
            head: default_search_head(),
        }
    }
}

fn default_search_head() -> usize {
    4096
}

fn default_language() -> String {
    "zh-CN".to_string()
}
fn default_max_file_mb() -> u64 {
    crate::base::files::DEFAULT_MAX_FILE_MB
}

fn default_theme() -> String {
    "default".to_string()
}
fn yes() -> bool {
    true
}
fn default_feed_limit() -> usize {
    20
}
fn default_paginate_by() -> usize {
    20
}

impl Config {
    /// Parse and validate the text of `gongkai.yaml` (`load::config` reads
    /// it). `source` is shared so that a diagnostic can show its snippet.
    pub fn parse(source: &Arc<str>) -> Result<Config, Diagnostic> {
        let mut config: Config = yaml::parse(Path::new(CONFIG_FILE), source, source, 0)?;
        config.places = Places::read(source);
        config.base_url =
            normalise_base_url(&config.base_url).map_err(|m| config.error_at("base_url", m))?;
        if config.paginate_by == 0 {
            return Err(config
                .error_at("paginate_by", msg!("paginate-by-zero"))
                .with_help(msg!("config-paginate-by-help")));
        }
        if config.search.head == 0 {
            return Err(config
                .error_at("search.head", msg!("search-head-zero"))
                .with_help(msg!("search-head-zero-help")));
        }
        for (key, names) in [
            ("needs", &config.directory.needs),
            ("audiences", &config.directory.audiences),
        ] {
            for name in names {
                let bad = crate::base::slug::check_slug(name).err().or_else(|| {
                    name.contains(['?', '#', '%'])
                        .then(|| msg!("config-name-special", name = name))
                });
                if let Some(why) = bad {
                    let at = source.find(name.as_str()).unwrap_or(0);
                    return Err(Diagnostic::at(
                        CONFIG_FILE,
                        source,
                        at,
                        name.len(),
                        msg!("config-bad-page-name", key = key, name = name, reason = why),
                    )
                    .with_help(msg!("config-bad-page-name-help")));
                }
            }
        }
        if config.theme.contains(['/', '\\']) || config.theme.contains("..") {
            return Err(config.error_at("theme", msg!("config-theme-name", theme = &config.theme)));
        }
        Ok(config)
    }

    /// A problem with the value of `key` (`theme`, `search.head`), placed at
    /// its line and column in `gongkai.yaml` when it is written there, else
    /// on the file as a whole.
    pub fn error_at(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        match (&self.places.source, self.places.spans.get(key)) {
            (Some(source), Some(&(offset, len))) => {
                Diagnostic::at(CONFIG_FILE, source, offset, len, message)
            }
            _ => Diagnostic::in_file(CONFIG_FILE, message),
        }
    }

    /// Replace the base URL (the `--base-url` flag).
    pub fn set_base_url(&mut self, url: &str) -> Result<(), Diagnostic> {
        self.base_url = normalise_base_url(url).map_err(Diagnostic::new)?;
        Ok(())
    }

    /// The path part of the base URL, always starting and ending with `/`:
    /// `/` for a site at the root, `/portal/` under a sub-path.
    /// The host of `base_url`, for the UIDs of iCalendar events.
    pub fn host(&self) -> &str {
        let after = self.base_url.find("://").map_or(0, |i| i + 3);
        let rest = &self.base_url[after..];
        rest.split(['/', ':']).next().unwrap_or(rest)
    }

    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.find("://").map_or(0, |i| i + 3);
        match self.base_url[after_scheme..].find('/') {
            Some(i) => &self.base_url[after_scheme + i..],
            None => "/",
        }
    }
}

/// Check a base URL and make it end with exactly one `/`.
fn normalise_base_url(url: &str) -> Result<String, String> {
    let text = url.trim();
    if let Some(c) = text
        .chars()
        .find(|&c| c.is_whitespace() || c.is_control() || "\"<>\\^`{|}".contains(c))
    {
        return Err(msg!(
            "base-url-character",
            url = text,
            character = c.escape_default().to_string()
        ));
    }
    let parsed = url::Url::parse(text).map_err(|e| {
        msg!(
            "base-url-not-absolute",
            url = text,
            error = crate::base::words::url_error(&e)
        )
    })?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(msg!("base-url-scheme", url = text));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() || text.contains(['?', '#']) {
        return Err(msg!("base-url-query", url = text));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(msg!("base-url-user", url = text));
    }
    // The parser's form: host in lower case, non-ASCII path percent-encoded.
    Ok(format!("{}/", parsed.as_str().trim_end_matches('/')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_that_are_not_plain_http_addresses_are_refused() {
        for bad in [
            "https://example.org/\"><script>alert(1)</script>/",
            "https://example.org/a b/",
            "ftp://example.org/",
            "https://",
            "example.org",
            "https://example.org/?q=1",
            "https://u:p@example.org/",
        ] {
            assert!(normalise_base_url(bad).is_err(), "{bad}");
        }
        assert_eq!(
            normalise_base_url("https://Example.org:8443/门户").unwrap(),
            "https://example.org:8443/%E9%97%A8%E6%88%B7/"
        );
    }

    #[test]
    fn base_path_of_root_and_sub_path() {
        let mut c: Config =
            serde_json::from_str(r#"{"title":"t","base_url":"https://example.org"}"#).unwrap();
        c.set_base_url("https://example.org").unwrap();
        assert_eq!(c.base_url, "https://example.org/");
        assert_eq!(c.base_path(), "/");
        c.set_base_url("http://127.0.0.1:8080/portal").unwrap();
        assert_eq!(c.base_path(), "/portal/");
    }

    /// A minimal `gongkai.yaml` with `extra` added.
    fn parse(extra: &str) -> Result<Config, Diagnostic> {
        Config::parse(&Arc::from(format!(
            "title: t\nbase_url: https://example.org/\n{extra}"
        )))
    }

    #[test]
    fn search_head_defaults_and_must_be_positive() {
        assert_eq!(parse("").unwrap().search.head, 4096);
        assert_eq!(parse("search:\n  head: 12\n").unwrap().search.head, 12);
        let e = parse("search:\n  head: 0\n").unwrap_err();
        assert!(format!("{e:?}").contains("search.head"), "{e:?}");
        assert!(
            parse("search:\n  heads: 12\n").is_err(),
            "unknown keys are errors"
        );
    }

    #[test]
    fn deploy_block_is_optional_and_strict() {
        let c = parse("").unwrap();
        assert!(c.deploy.target.is_none() && c.deploy.headers.is_empty());
        let c = parse(
            "deploy:\n  target: s3://portal/sx\n  path_style: true\n  max_deletes: 10\n  headers:\n    - glob: \"*.pdf\"\n      cache_control: public, max-age=600\n",
        )
        .unwrap();
        assert_eq!(c.deploy.target.as_deref(), Some("s3://portal/sx"));
        assert!(c.deploy.path_style);
        assert_eq!(c.deploy.max_deletes, Some(10));
        assert_eq!(c.deploy.headers[0].glob, "*.pdf");
        assert!(
            parse("deploy:\n  secret_key: x\n").is_err(),
            "unknown keys are errors"
        );
    }

    #[test]
    fn relative_base_url_is_refused() {
        assert!(normalise_base_url("/portal/").is_err());
    }
}
