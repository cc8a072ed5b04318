//! Rendering: the Tera 2 environment built from the resolved theme, page
//! contexts that borrow site-wide data through Tera's global context (no
//! per-page copy of the site), and JSON-LD. Template errors name the
//! template file, line and column.

pub mod akn;
pub mod body;
pub mod compare;
pub mod directory;
pub mod formats;
pub mod headers;
pub mod ics;
pub mod jsonld;
mod library;
pub mod markdown;
pub mod page;
pub mod pages;
pub mod policy;
mod tera_words;
pub mod theme;
pub mod versions;
pub mod views;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use tera::{Context, Tera};

use crate::base::diagnostics::{Diagnostic, Diagnostics, Location};
use theme::Theme;

/// The templates a template names in `{% extends "…" %}` and
/// `{% include "…" %}`.
fn uses(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut at = 0;
    while let Some(start) = text[at..].find("{%").map(|i| i + at) {
        let Some(end) = text[start..].find("%}").map(|i| i + start) else {
            break;
        };
        at = end + 2;
        let inner = text[start + 2..end].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let Some(rest) = inner
            .strip_prefix("extends")
            .or_else(|| inner.strip_prefix("include"))
        else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        if let Some(close) = rest[1..].find(quote) {
            names.push(&rest[1..1 + close]);
        }
    }
    names
}

/// Find a block tag that is never closed, or an end tag that closes
/// nothing, for a clearer message than the parser's. Returns the byte
/// offset and length of the tag and what is wrong.
pub fn unbalanced_tag(text: &str) -> Option<(usize, usize, String)> {
    const BLOCKS: &[&str] = &[
        "if",
        "for",
        "block",
        "macro",
        "filter",
        "raw",
        "set",
        "component",
    ];
    let mut open: Vec<(&str, usize, usize)> = Vec::new();
    let mut at = 0;
    while let Some(start) = text[at..].find("{%").map(|i| i + at) {
        let Some(end) = text[start..].find("%}").map(|i| i + start + 2) else {
            return Some((start, 2, msg!("render-tag-unclosed")));
        };
        let inner = text[start + 2..end - 2].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let word = inner
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .next()
            .unwrap_or("");
        at = end;
        if let Some(&(name, _, _)) = open.last() {
            if name == "raw" && word != "endraw" {
                continue;
            }
        }
        if BLOCKS.contains(&word) {
            if word == "set" && inner.contains('=') {
                continue;
            }
            open.push((word, start, end - start));
        } else if let Some(closed) = word.strip_prefix("end") {
            match open.pop() {
                Some((name, _, _)) if name == closed => {}
                Some((name, o, l)) => {
                    let line = text[..start].matches('\n').count() + 1;
                    return Some((
                        o,
                        l,
                        msg!(
                            "render-block-unclosed-before",
                            name = name,
                            closed = closed,
                            line = line
                        ),
                    ));
                }
                None => {
                    return Some((
                        start,
                        end - start,
                        msg!("render-end-closes-nothing", closed = closed),
                    ));
                }
            }
        }
    }
    open.pop()
        .map(|(name, offset, len)| (offset, len, msg!("render-block-unclosed", name = name)))
}

/// The templates of a theme, ready to render.
#[derive(Clone)]
pub struct Renderer {
    tera: Tera,
    sources: HashMap<String, (PathBuf, Arc<str>)>,
}

/// Templates every theme must have.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "section.html",
    "page.html",
    "policy.html",
    "article.html",
    "404.html",
];

impl Renderer {
    /// Parse every template of `theme`.
    pub fn new(theme: &Theme) -> Result<Renderer, Diagnostics> {
        let mut diagnostics = Diagnostics::default();
        let mut sources = HashMap::new();
        for (name, file) in &theme.templates {
            match file.text() {
                Ok(text) => {
                    sources.insert(name.clone(), (file.shown.clone(), text));
                }
                Err(d) => diagnostics.push(d),
            }
        }
        let mut renderer = Renderer {
            tera: Tera::new(),
            sources,
        };
        let mut all: Vec<(&String, &Arc<str>)> =
            renderer.sources.iter().map(|(n, (_, t))| (n, t)).collect();
        all.sort();
        let added = renderer
            .tera
            .add_raw_templates(all.iter().map(|(n, t)| (n.as_str(), t.as_ref())));
        if let Err(e) = added {
            // Tera stops at the first error; parse one by one to report
            // every syntax error (only on this failing path).
            for (name, (_, text)) in &renderer.sources {
                let mut probe = Tera::new();
                if let Err(e) = probe.add_raw_template(name, text) {
                    if matches!(e.kind(), tera::ErrorKind::SyntaxError(_)) {
                        diagnostics.push(renderer.diagnostic(&e, name));
                    }
                }
            }
            if diagnostics.is_empty() {
                diagnostics.push(renderer.diagnostic(&e, ""));
            }
            diagnostics.sort();
            return Err(diagnostics);
        }
        for name in REQUIRED_TEMPLATES {
            if !renderer.sources.contains_key(*name) {
                diagnostics.push(Diagnostic::new(msg!(
                    "render-template-required",
                    name = *name
                )));
            }
        }
        diagnostics.into_result(renderer)
    }

    /// Site-wide values every template sees, shared rather than copied.
    pub fn set_globals(&mut self, globals: Context) {
        *self.tera.global_context() = globals;
    }

    /// Whether a template of this name exists.
    pub fn has(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    /// `name` and every template that uses it, directly or through other
    /// templates, by `{% extends %}` or `{% include %}`: what must render
    /// again when `name` changes.
    pub fn users_of(&self, name: &str) -> std::collections::BTreeSet<String> {
        let mut users = std::collections::BTreeSet::from([name.to_string()]);
        loop {
            let before = users.len();
            for (template, (_, text)) in &self.sources {
                if !users.contains(template) && uses(text).iter().any(|u| users.contains(*u)) {
                    users.insert(template.clone());
                }
            }
            if users.len() == before {
                return users;
            }
        }
    }

    /// Render `template` with `context` into bytes (no UTF-8 re-check of
    /// the whole page, which showed in profiles).
    pub fn render(&self, template: &str, context: &Context) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(template, context, &mut out)
            .map_err(|e| self.diagnostic(&e, template))?;
        Ok(out)
    }

    /// A diagnostic for a Tera error, pointing into the template file.
    fn diagnostic(&self, error: &tera::Error, template: &str) -> Diagnostic {
        match error.kind() {
            tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                let name = if report.filename().is_empty() {
                    template
                } else {
                    report.filename()
                };
                let syntax = matches!(error.kind(), tera::ErrorKind::SyntaxError(_));
                match self.sources.get(name) {
                    Some((shown, text)) if syntax && unbalanced_tag(text).is_some() => {
                        let (offset, len, message) = unbalanced_tag(text).expect("checked above");
                        Diagnostic::at(
                            shown,
                            text,
                            offset,
                            len,
                            msg!("render-template-error", message = message),
                        )
                    }
                    Some((shown, text)) => {
                        let span = report.span();
                        let at = Location::from_line_column(
                            text,
                            span.start_line.max(1),
                            span.start_col + 1,
                        );
                        let len = if span.end_line == span.start_line {
                            span.end_col.saturating_sub(span.start_col).max(1)
                        } else {
                            1
                        };
                        let mut d = Diagnostic::at(
                            shown,
                            text,
                            at.offset,
                            len,
                            msg!(
                                "render-template-error",
                                message = tera_words::in_words(report.message())
                            ),
                        );
                        d.location = Some(Location { len, ..at });
                        d
                    }
                    None => Diagnostic::new(msg!(
                        "render-template-error-in",
                        name = name,
                        message = tera_words::in_words(report.message())
                    )),
                }
            }
            other => {
                let shown = self
                    .sources
                    .get(template)
                    .map(|(s, _)| s.clone())
                    .unwrap_or_else(|| PathBuf::from(format!("templates/{template}")));
                Diagnostic::in_file(
                    shown,
                    msg!(
                        "render-template-error",
                        message = tera_words::in_words(&other.to_string())
                    ),
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extends_and_includes_are_found() {
        let t = "{% extends \"base.html\" %}{%- include 'partials/x.html' -%}{% if a %}{% endif %}";
        assert_eq!(uses(t), ["base.html", "partials/x.html"]);
    }

    #[test]
    fn unclosed_tags_are_found() {
        let t = "a\n{% if x %}\n{% for y in z %}{% endfor %}\n";
        let (offset, _, m) = unbalanced_tag(t).unwrap();
        assert_eq!(offset, 2);
        assert!(m.contains("endif"), "{m}");
        assert!(unbalanced_tag("{% if a %}{% set b = 1 %}{% endif %}").is_none());
        assert!(unbalanced_tag("{% raw %}{% if %}{% endraw %}").is_none());
        assert!(
            unbalanced_tag("{% endif %}")
                .unwrap()
                .2
                .contains("closes nothing")
        );
    }
}
