//! Markdown to HTML with pulldown-cmark: tables, footnotes, strikethrough,
//! task lists; heading ids (explicit `{#id}` or generated, unique within a
//! page) and a table of contents; `@/path.md#anchor` links resolved to URLs;
//! fenced code highlighted by syntect into class-based spans that themes
//! style; raw HTML sanitised (ammonia) unless the site trusts its editors.

pub mod highlight;
pub mod sanitize;

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::base::diagnostics::Diagnostic;
use crate::model::links::{LinkMap, Target, local_target};
use crate::model::site::MarkdownOptions;
use crate::model::text::parser_options;

/// One heading, for the table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A link with an anchor into another page, checked once every page's
/// anchors are known.
#[derive(Debug, Clone)]
pub struct AnchorLink {
    pub target: Target,
    pub anchor: String,
    pub link: String,
    /// Byte offset and length of the link in the file.
    pub offset: usize,
    pub len: usize,
}

/// A link to a local file or folder (`附件一.pdf`, `/downloads/a.pdf`),
/// checked against the files the build writes once all are known.
#[derive(Debug, Clone)]
pub struct LocalLink {
    /// The output path it leads to, decoded, below the base path
    /// (`policies/a/附件一.pdf`; `policies/x/` for a folder).
    pub path: String,
    /// The link as written.
    pub link: String,
    /// Where the body is served, which relative links are read from.
    pub page_url: String,
    /// The file it is written in, its text, and the link's byte span.
    pub file: std::path::PathBuf,
    pub source: Arc<str>,
    pub offset: usize,
    pub len: usize,
}

impl LocalLink {
    /// The error for this link when nothing is written at its path.
    pub fn missing(&self) -> Diagnostic {
        let message = msg!("md-link-missing", link = &self.link, path = &self.path);
        let help = if self.path.ends_with(".md") {
            msg!("md-link-missing-page-help")
        } else {
            msg!(
                "md-link-missing-file-help",
                address = percent_encoding::percent_decode_str(&self.page_url).decode_utf8_lossy()
            )
        };
        Diagnostic::at(&self.file, &self.source, self.offset, self.len, message).with_help(help)
    }
}

/// The result of rendering one body.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<Heading>,
    /// Every id this body defines.
    pub anchors: HashSet<String>,
    pub anchor_links: Vec<AnchorLink>,
    /// Links to local files, to check once every output file is known.
    pub local_links: Vec<LocalLink>,
    /// The `@/` paths it links to (`news/a.md`), found or not.
    pub links: Vec<String>,
}

/// Everything a render needs to report errors against the right file.
pub struct Input<'a> {
    pub file: &'a Path,
    pub source: &'a Arc<str>,
    /// The markdown, a slice of `source` starting at `offset`.
    pub text: &'a str,
    pub offset: usize,
    /// Make relative links absolute against this URL (policy text, which
    /// is also shown on each article's own page, one folder deeper).
    pub relative_base: Option<&'a str>,
    /// Where the body is served (`/policies/a/`): local links are read
    /// from it and checked.
    pub page_url: &'a str,
}

/// Render a markdown body. `used_ids` holds ids already taken on the page
/// (policy eIds); generated heading ids avoid them.
pub fn render(
    input: &Input<'_>,
    links: &LinkMap,
    options: MarkdownOptions,
    used_ids: &mut HashSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Rendered {
    let mut out = Rendered::default();
    let mut html = String::new();
    let mut parser = Parser::new_ext(input.text, parser_options()).into_offset_iter();
    // Events stream from the parser to the HTML writer (a 50 MB page never
    // holds all its events at once); only a heading's events wait, until
    // its end gives the text its id is made from.
    let mut held: Vec<Event<'_>> = Vec::new();
    let mut ready: std::collections::VecDeque<Event<'_>> = Default::default();
    let mut heading: Option<(usize, HeadingLevel, Option<String>)> = None; // (index in held, level, explicit id)
    let mut heading_text = String::new();
    let mut code: Option<(String, String)> = None; // (lang, text)
    let mut raw_html = false;

    let events = std::iter::from_fn(|| {
        loop {
            if let Some(event) = ready.pop_front() {
                return Some(event);
            }
            let (event, range) = parser.next()?;
            let event = match event {
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    heading = Some((held.len(), level, id.map(|i| i.to_string())));
                    heading_text.clear();
                    Event::Start(Tag::Heading {
                        level,
                        id: None,
                        classes,
                        attrs,
                    })
                }
                Event::End(TagEnd::Heading(level)) => {
                    if let Some((index, _, explicit)) = heading.take() {
                        let id = match explicit {
                            Some(id) => {
                                if !used_ids.insert(id.clone()) {
                                    diagnostics.push(Diagnostic::at(
                                        input.file,
                                        input.source,
                                        input.offset + range.start,
                                        range.len(),
                                        msg!("md-heading-id-twice", id = &id),
                                    ));
                                }
                                id
                            }
                            None => {
                                unique_id(&crate::base::slug::anchor_id(&heading_text), used_ids)
                            }
                        };
                        if let Event::Start(Tag::Heading { id: slot, .. }) = &mut held[index] {
                            *slot = Some(CowStr::from(id.clone()));
                        }
                        out.anchors.insert(id.clone());
                        out.toc.push(Heading {
                            level: level as u8,
                            id,
                            title: heading_text.trim().to_string(),
                        });
                    }
                    Event::End(TagEnd::Heading(level))
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let lang = match kind {
                        CodeBlockKind::Fenced(info) => {
                            info.split_whitespace().next().unwrap_or("").to_string()
                        }
                        CodeBlockKind::Indented => String::new(),
                    };
                    code = Some((lang, String::new()));
                    continue;
                }
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, text) = code.take().unwrap_or_default();
                    Event::Html(CowStr::from(highlight::code_block(&lang, &text)))
                }
                Event::Text(text) if code.is_some() => {
                    if let Some((_, buf)) = &mut code {
                        buf.push_str(&text);
                    }
                    continue;
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest = rewrite_link(input, links, &dest_url, &range, &mut out, diagnostics);
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url: dest,
                        title,
                        id,
                    })
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest = rewrite_link(input, links, &dest_url, &range, &mut out, diagnostics);
                    Event::Start(Tag::Image {
                        link_type,
                        dest_url: dest,
                        title,
                        id,
                    })
                }
                Event::Html(_) | Event::InlineHtml(_) => {
                    // The source of the event, not its text: offsets stay
                    // those of the file.
                    if let Some(html) = input.text.get(range.clone()) {
                        for (at, len) in html_links(html) {
                            let dest = &html[at..at + len];
                            let decoded = decode_entities(dest);
                            if is_dangerous_url(&decoded) {
                                continue;
                            }
                            if let Some(path) =
                                local_target(&decoded, input.page_url, &links.base_path)
                            {
                                out.local_links.push(LocalLink {
                                    path,
                                    link: decoded.into_owned(),
                                    page_url: input.page_url.to_string(),
                                    file: input.file.to_path_buf(),
                                    source: Arc::clone(input.source),
                                    offset: input.offset + range.start + at,
                                    len,
                                });
                            }
                        }
                    }
                    raw_html |= !options.allow_raw_html;
                    event
                }
                other => other,
            };
            if let Event::Text(t) | Event::Code(t) = &event {
                if heading.is_some() {
                    heading_text.push_str(t);
                }
            }
            if heading.is_some() {
                held.push(event);
                continue;
            }
            if !held.is_empty() {
                // The heading's end: its start now has its id.
                held.push(event);
                ready.extend(held.drain(..));
                continue;
            }
            return Some(event);
        }
    });
    pulldown_cmark::html::push_html(&mut html, events);
    out.html = html;
    // Without raw HTML, pulldown-cmark's output is safe as it is (text is
    // escaped, dangerous link targets were dropped above); with it, the
    // whole body goes through the sanitiser, so that an opening tag in one
    // event and its closing tag in another are judged together.
    if raw_html {
        out.html = sanitize::clean(&out.html);
    }
    out
}

/// Render one paragraph of inline markdown (policy text) without the `<p>`.
pub fn render_inline(
    input: &Input<'_>,
    links: &LinkMap,
    options: MarkdownOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> Rendered {
    let mut used = HashSet::new();
    let mut r = render(input, links, options, &mut used, diagnostics);
    let html = r.html.trim_end();
    r.html = html
        .strip_prefix("<p>")
        .and_then(|h| h.strip_suffix("</p>"))
        .unwrap_or(html)
        .to_string();
    r
}

fn unique_id(base: &str, used: &mut HashSet<String>) -> String {
    let mut id = base.to_string();
    let mut n = 1;
    while !used.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

fn rewrite_link<'a>(
    input: &Input<'_>,
    links: &LinkMap,
    dest: &CowStr<'a>,
    range: &std::ops::Range<usize>,
    out: &mut Rendered,
    diagnostics: &mut Vec<Diagnostic>,
) -> CowStr<'a> {
    if dest.starts_with("@/") {
        out.links.push(LinkMap::rel(dest));
        return match links.resolve(dest) {
            Ok((target, anchor, href)) => {
                if let Some(anchor) = anchor {
                    out.anchor_links.push(AnchorLink {
                        target,
                        anchor: anchor.to_string(),
                        link: dest.to_string(),
                        offset: input.offset + range.start,
                        len: range.len(),
                    });
                }
                CowStr::from(href)
            }
            Err(message) => {
                diagnostics.push(
                    Diagnostic::at(
                        input.file,
                        input.source,
                        input.offset + range.start,
                        range.len(),
                        message,
                    )
                    .with_help(msg!("md-internal-link-help")),
                );
                CowStr::from("#")
            }
        };
    }
    if is_dangerous_url(dest) {
        return CowStr::from("#");
    }
    if let Some(path) = local_target(dest, input.page_url, &links.base_path) {
        out.local_links.push(LocalLink {
            path,
            link: dest.to_string(),
            page_url: input.page_url.to_string(),
            file: input.file.to_path_buf(),
            source: Arc::clone(input.source),
            offset: input.offset + range.start,
            len: range.len(),
        });
    }
    if let Some(base) = input.relative_base {
        let has_scheme = dest
            .split('/')
            .next()
            .is_some_and(|first| first.contains(':'));
        if !dest.is_empty() && !dest.starts_with(['/', '#', '?']) && !has_scheme {
            return CowStr::from(format!("{base}{dest}"));
        }
    }
    dest.clone()
}

/// The `href` of `<a>` and the `src` of `<img>` in a piece of raw HTML,
/// as (byte offset, length): the links that stay after sanitising, and
/// that the browser follows as it does the markdown ones. Tags of other
/// names (`<embed src>`, removed by the sanitiser) are not looked at.
fn html_links(html: &str) -> Vec<(usize, usize)> {
    let mut found = vec![];
    let lower = html.to_ascii_lowercase();
    let bytes = html.as_bytes();
    for (open, _) in lower.match_indices('<') {
        let name_end = lower[open + 1..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .map_or(lower.len(), |n| open + 1 + n);
        let attribute = match &lower[open + 1..name_end] {
            "a" => "href",
            "img" => "src",
            _ => continue,
        };
        let tag_end = lower[name_end..]
            .find('>')
            .map_or(lower.len(), |n| name_end + n);
        for (k, _) in lower[name_end..tag_end].match_indices(attribute) {
            let i = name_end + k;
            // An attribute name: after a space, followed by `=`.
            if !bytes[i - 1].is_ascii_whitespace() {
                continue;
            }
            let mut j = i + attribute.len();
            while j < tag_end && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            if bytes.get(j) != Some(&b'=') {
                continue;
            }
            j += 1;
            while j < tag_end && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let (start, end) = match bytes.get(j) {
                Some(&q @ (b'"' | b'\'')) => {
                    let Some(n) = html[j + 1..].find(q as char) else {
                        continue;
                    };
                    (j + 1, j + 1 + n)
                }
                Some(_) => {
                    let n = html[j..]
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .unwrap_or(html.len() - j);
                    (j, j + n)
                }
                None => continue,
            };
            found.push((start, end - start));
        }
    }
    found
}

/// The character references (`&amp;`, `&#106;`, `&#x6A;`) of a URL in an
/// attribute, decoded as the browser decodes them.
fn decode_entities(value: &str) -> std::borrow::Cow<'_, str> {
    if !value.contains('&') {
        return value.into();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            match name {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                _ => {
                    let n = name.strip_prefix('#')?;
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => n.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// `javascript:`, `vbscript:` and `data:` (other than images) never become links.
pub fn is_dangerous_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    cleaned.starts_with("javascript:")
        || cleaned.starts_with("vbscript:")
        || (cleaned.starts_with("data:") && !cleaned.starts_with("data:image/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn links() -> LinkMap {
        let mut by_rel = HashMap::new();
        by_rel.insert("a.md".to_string(), (Target::Page(0), "/a/".to_string()));
        LinkMap {
            by_rel,
            drafts: HashSet::new(),
            future: Default::default(),
            base_path: "/".to_string(),
        }
    }

    fn run(md: &str) -> (Rendered, Vec<Diagnostic>) {
        let source: Arc<str> = Arc::from(md);
        let input = Input {
            file: Path::new("x.md"),
            source: &source,
            text: md,
            offset: 0,
            relative_base: None,
            page_url: "/x/",
        };
        let mut d = vec![];
        let r = render(
            &input,
            &links(),
            MarkdownOptions {
                allow_raw_html: false,
            },
            &mut HashSet::new(),
            &mut d,
        );
        (r, d)
    }

    #[test]
    fn local_links_are_collected_with_their_place() {
        let (r, d) = run(
            "[a](附件一.pdf) ![b](img/a.png \"t\")\n\n<a href=\"x.pdf\">x</a> <img\n src='y.png'>\n\n[c](https://e.org/a.pdf) [d](mailto:a@b.cn) [e](#top)\n",
        );
        assert!(d.is_empty());
        let found: Vec<(&str, usize)> = r
            .local_links
            .iter()
            .map(|l| (l.path.as_str(), l.offset))
            .collect();
        assert_eq!(
            found,
            [
                ("x/附件一.pdf", 0),
                ("x/img/a.png", 19),
                ("x/x.pdf", 49),
                ("x/y.png", 73)
            ]
        );
        // Only what the sanitiser keeps, and character references decoded.
        let (r2, _) = run(
            "<embed src=\"x.swf\"> <a href=\"&#106;avascript:alert(1)\">j</a> <a href=\"a&#x2E;pdf\">p</a>\n",
        );
        let paths: Vec<&str> = r2.local_links.iter().map(|l| l.path.as_str()).collect();
        assert_eq!(paths, ["x/a.pdf"]);
        let missing = r.local_links[0].missing().to_string();
        assert!(missing.starts_with("x.md:1:1: link to a file"), "{missing}");
    }

    #[test]
    fn headings_get_unique_ids() {
        let (r, _) = run("# 概述\n\n## 概述\n\n## Custom {#mine}\n");
        assert!(r.html.contains(r#"<h1 id="概述">"#), "{}", r.html);
        assert!(r.html.contains(r#"<h2 id="概述-1">"#));
        assert!(r.html.contains(r#"<h2 id="mine">"#));
        assert_eq!(r.toc.len(), 3);
    }

    #[test]
    fn at_links_resolve_and_missing_ones_are_errors() {
        let (r, d) = run("see [a](@/a.md#x) and\n[b](@/b.md)\n");
        assert!(r.html.contains(r#"href="/a/#x""#));
        assert_eq!(r.anchor_links.len(), 1);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].location.unwrap().line, 2);
    }

    #[test]
    fn extensions_work() {
        let (r, _) = run("|a|b|\n|-|-|\n|1|2|\n\n~~x~~\n\n- [x] done\n\nnote[^1]\n\n[^1]: foot\n");
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>x</del>"));
        assert!(r.html.contains("checkbox"));
        assert!(r.html.contains("footnote"));
    }

    #[test]
    fn raw_html_is_sanitised_and_javascript_links_are_dropped() {
        let src = "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b onclick=\"alert(2)\">粗</b>\n\n<img src=x onerror=alert(3)>\n";
        let (r, _) = run(src);
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("javascript:"), "{}", r.html);
        assert!(
            !r.html.contains("onclick") && !r.html.contains("onerror"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<b>粗</b>"), "{}", r.html);
        assert!(r.html.contains(r#"<img src="x">"#), "{}", r.html);
        // Trusted editors' HTML passes as written.
        let mut used = HashSet::new();
        let mut diagnostics = vec![];
        let source: Arc<str> = Arc::from(src);
        let input = Input {
            file: Path::new("t.md"),
            source: &source,
            text: src,
            offset: 0,
            relative_base: None,
            page_url: "/x/",
        };
        let trusted = render(
            &input,
            &links(),
            MarkdownOptions {
                allow_raw_html: true,
            },
            &mut used,
            &mut diagnostics,
        );
        assert!(trusted.html.contains("<script>alert(1)</script>"));
        assert!(trusted.html.contains(r#"onclick="alert(2)""#));
    }

    #[test]
    fn code_is_highlighted_with_classes() {
        let (r, _) = run("```rust\nfn main() {}\n```\n");
        assert!(
            r.html.contains(r#"class="hl-"#) || r.html.contains("hl-source"),
            "{}",
            r.html
        );
    }
}
