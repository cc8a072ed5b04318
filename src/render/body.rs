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
    let mut local_links = vec![];
    for t in doc.texts_mut() {
        let line = &text[t.offset..t.offset + t.text.len()];
        // A line of official text is one paragraph: markdown block syntax at
        // its start (`-`, `>`, `1)`) is text. A backslash escapes it; the
        // offset moves back one byte so places still point into the file.
        let escaped = starts_like_block(line).then(|| format!("\\{line}"));
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
        let r = markdown::render_inline(&input, links, options, diagnostics);
        t.html = r.html;
        anchor_links.extend(r.anchor_links);
        local_links.extend(r.local_links);
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
        warnings,
    }
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
}
