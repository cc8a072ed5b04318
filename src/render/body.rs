//! Bodies: the markdown of a page or section, or a policy's structure,
//! rendered to HTML with `@/` links resolved. Rendered as each page is
//! written, so the build never holds every page's HTML at once; the anchors
//! each body defines and the anchored links it makes are returned for the
//! site-wide anchor check that follows.

use std::collections::HashSet;
use std::path::Path;

use crate::base::diagnostics::Diagnostic;
use crate::load::body::PageText;
use crate::model::policy::PolicyDocument;
use crate::model::site::Resolved;
use crate::render::markdown::{self, AnchorLink, Heading, Input, LocalLink};

/// A rendered body.
#[derive(Debug, Default)]
pub struct Body {
    pub html: String,
    pub toc: Vec<Heading>,
    pub policy: Option<PolicyDocument>,
    /// Every id the body defines.
    pub anchors: Vec<String>,
    /// Links with an anchor into other pages, to check once all are known.
    pub anchor_links: Vec<AnchorLink>,
    /// Links to local files, to check once every output file is known.
    pub local_links: Vec<LocalLink>,
    /// The `@/` paths it links to, found or not.
    pub links: Vec<String>,
    /// Problems that do not stop the build (a policy's article numbers
    /// that skip), to print beside its summary.
    pub warnings: Vec<Diagnostic>,
}

/// Render the body of a page's `text`. `page_url` is where the page is
/// served, for a policy's article links and the check of local links. Problems are pushed to `diagnostics`.
pub fn render(
    file: &Path,
    page_text: &PageText,
    is_policy: bool,
    page_url: &str,
    resolved: &Resolved,
    diagnostics: &mut Vec<Diagnostic>,
) -> Body {
    let (links, options) = (&resolved.links, resolved.markdown);
    let (text, body_offset) = (&page_text.text, page_text.offset);
    if !is_policy {
        let input = Input {
            file,
            source: text,
            text: page_text.body(),
            offset: body_offset,
            relative_base: None,
            page_url,
        };
        let mut used = HashSet::new();
        let r = markdown::render(&input, links, options, &mut used, diagnostics);
        let mut anchors: Vec<String> = r.anchors.into_iter().collect();
        anchors.sort();
        return Body {
            html: r.html,
            toc: r.toc,
            policy: None,
            anchors,
            anchor_links: r.anchor_links,
            local_links: r.local_links,
            links: r.links,
            warnings: vec![],
        };
    }
    let mut doc = match page_text.policy() {
        Ok(doc) => doc,
        Err(errors) => {
            for e in errors {
                let d = Diagnostic::at(file, text, e.offset, e.len, e.message);
                diagnostics.push(match e.help {
                    Some(help) => d.with_help(help),
                    None => d,
                });
            }
            return Body::default();
        }
    };
    let warnings = std::mem::take(&mut doc.warnings)
        .into_iter()
        .map(|w| Diagnostic::at(file, text, w.offset, w.len, w.message))
        .collect();
    let mut anchor_links = vec![];
    let notes = footnote_labels(&mut doc);
    let mut local_links = vec![];
    let mut at_links = vec![];
    for t in doc.texts_mut() {
        let line = &text[t.offset..t.offset + t.text.len()];
        // A footnote (`[^1]: …`, as `gongkai import` writes them): its
        // text, marked with its label and linked to from its references.
        if let Some((label, rest)) = footnote_definition(line) {
            let input = Input {
                file,
                source: text,
                text: rest,
                offset: t.offset + (line.len() - rest.len()),
                relative_base: Some(page_url),
                page_url,
            };
            let r = markdown::render_inline(&input, links, options, diagnostics);
            t.html = format!(
                "<span class=\"footnote-definition\" id=\"fn-{label}\"><sup class=\"footnote-definition-label\">{label}</sup> {}</span>",
                r.html
            );
            anchor_links.extend(r.anchor_links);
            local_links.extend(r.local_links);
            at_links.extend(r.links);
            continue;
        }
        // A line of official text is one paragraph: markdown block syntax at
        // its start (`-`, `>`, `1)`) is text. A backslash escapes it; the
        // offset moves back one byte so places still point into the file.
        let escaped = (!t.table && starts_like_block(line)).then(|| format!("\\{line}"));
        let input = Input {
            file,
            source: text,
            text: escaped.as_deref().unwrap_or(line),
            offset: if escaped.is_some() {
                t.offset.saturating_sub(1)
            } else {
                t.offset
            },
            relative_base: Some(page_url),
            page_url,
        };
        let r = if t.table {
            markdown::render(&input, links, options, &mut HashSet::new(), diagnostics)
        } else {
            markdown::render_inline(&input, links, options, diagnostics)
        };
        let mut html = r.html;
        for label in &notes {
            let reference = format!("[^{label}]");
            if html.contains(&reference) {
                html = html.replace(
                    &reference,
                    &format!(
                        "<sup class=\"footnote-reference\"><a href=\"{page_url}#fn-{label}\">{label}</a></sup>"
                    ),
                );
            }
        }
        t.html = html;
        anchor_links.extend(r.anchor_links);
        local_links.extend(r.local_links);
        at_links.extend(r.links);
    }
    let mut anchors = doc.eids();
    anchors.sort();
    let html = super::policy::document(&doc, &|a| format!("{page_url}{}/", a.eid));
    Body {
        html,
        toc: vec![],
        policy: Some(doc),
        anchors,
        anchor_links,
        local_links,
        links: at_links,
        warnings,
    }
}

/// `[^1]: text`: a footnote's label (letters, digits, `-`, `_`) and text.
fn footnote_definition(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix("[^")?;
    let end = rest.find("]:")?;
    let label = &rest[..end];
    let plain = !label.is_empty()
        && label
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    plain.then(|| (label, rest[end + 2..].trim_start()))
}

/// The labels of the footnotes a policy defines: each a line of its own,
/// one paragraph of the official text rendered alone, so references are
/// linked here rather than by the markdown renderer.
fn footnote_labels(doc: &mut PolicyDocument) -> Vec<String> {
    let mut labels: Vec<String> = doc
        .texts_mut()
        .into_iter()
        .filter_map(|t| footnote_definition(&t.text).map(|(l, _)| l.to_string()))
        .collect();
    labels.sort();
    labels.dedup();
    labels
}

/// Does a line start with something markdown would read as a block (a
/// list item, quote, heading, rule, or table)?
fn starts_like_block(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let second = chars.next();
    let spaced = second.is_none_or(char::is_whitespace);
    let rule = line.chars().all(|c| c == first || c == ' ');
    match first {
        '#' | '>' | '|' => true,
        '-' | '+' | '*' | '_' | '=' => spaced || rule,
        '`' | '~' => line.starts_with("```") || line.starts_with("~~~"),
        _ => {
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            digits > 0
                && matches!(line[digits..].chars().next(), Some('.' | ')'))
                && line[digits + 1..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_syntax_at_the_start_of_policy_text_stays_text() {
        assert!(starts_like_block("- 一项"));
        assert!(starts_like_block("3) 第三"));
        assert!(starts_like_block("***"));
        assert!(!starts_like_block("*重点*工作"));
        assert!(!starts_like_block("第三条"));
        assert!(!starts_like_block("2015年"));
    }

    #[test]
    fn footnote_definitions() {
        assert_eq!(footnote_definition("[^1]: 示例"), Some(("1", "示例")));
        assert_eq!(footnote_definition("[^a b]: 示例"), None);
        assert_eq!(footnote_definition("[^1] 示例"), None);
    }
}
