//! The one place that parses YAML (front matter, `gongkai.yaml`), through
//! serde-saphyr with the options this project relies on: YAML 1.2 strict
//! booleans (so `NO` stays a string), duplicate keys rejected, and a budget
//! that stops alias bombs and pathological input. Errors become
//! [`Diagnostic`]s that point at the line and column in the whole file, not
//! just in the YAML block.

use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::base::diagnostics::{Diagnostic, Location};

/// A YAML value with the place it was written, for checks made after parsing
/// (dates, links, slugs) that must still point at the right line.
pub type Spanned<T> = serde_saphyr::Spanned<T>;

/// How deeply mappings and lists may nest.
const MAX_DEPTH: usize = 64;

fn options() -> serde_saphyr::Options {
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::Error;
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_DEPTH;
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = 10_000;
    options.alias_limits.max_alias_expansions_per_anchor = 100;
    options
}

/// Parse `yaml`, which starts at byte `offset` of `source` (the whole file).
/// Empty YAML is an empty mapping.
pub fn parse<T: DeserializeOwned>(
    file: &Path,
    source: &Arc<str>,
    yaml: &str,
    offset: usize,
) -> Result<T, Diagnostic> {
    let blank = yaml
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    let text = if blank { "{}" } else { yaml };
    serde_saphyr::from_str_with_options::<T>(text, options()).map_err(|e| {
        let plain = e.render_with_options(serde_saphyr::render_options! {
            snippets: serde_saphyr::SnippetMode::Off,
        });
        let message = plain_words(&e).unwrap_or_else(|| strip_location_suffix(&plain));
        match e.location() {
            Some(l) if l.line() > 0 => {
                let local =
                    Location::from_line_column(yaml, l.line() as usize, l.column() as usize);
                Diagnostic::at(file, source, offset + local.offset, 1, message)
            }
            _ => Diagnostic::in_file(file, message),
        }
    })
}

/// A located value's place in the whole file, for later diagnostics.
pub fn place<T>(value: &Spanned<T>, yaml: &str, offset: usize) -> (usize, usize) {
    let l = &value.referenced;
    let local = Location::from_line_column(yaml, l.line() as usize, l.column() as usize);
    (offset + local.offset, (l.span().len() as usize).max(1))
}

/// Errors whose serde-saphyr text is written for a Rust programmer
/// (`budget breached: Depth { depth: 65 }`, `use Option<String>`), in words
/// for an editor. `None` for the others.
fn plain_words(error: &serde_saphyr::Error) -> Option<String> {
    use serde_saphyr::Error;
    use serde_saphyr::budget::BudgetBreach;
    let mut e = error;
    while let Error::WithSnippet { error, .. } | Error::AliasError { error, .. } = e {
        e = error;
    }
    Some(match e {
        Error::Budget {
            breach: BudgetBreach::Depth { .. },
            ..
        } => msg!("yaml-too-deep", levels = MAX_DEPTH),
        Error::Budget { .. } => msg!("yaml-too-large"),
        Error::NullIntoString { .. } | Error::InvalidCharNull { .. } => msg!("yaml-null"),
        _ => return None,
    })
}

/// serde-saphyr's message without its own positions (ours are in the
/// prefix, counted in the whole file) and in words an editor knows.
fn strip_location_suffix(message: &str) -> String {
    let message = match message.find(" at line ") {
        Some(i) if message[i..].contains(", column ") => &message[..i],
        _ => message,
    };
    if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
        let key = key.split(',').next().unwrap_or(key).trim();
        return msg!("yaml-duplicate-key", key = key);
    }
    let mut out = message.to_string();
    for (rust, words) in [
        ("invalid i64", msg!("yaml-expected-integer")),
        ("invalid u64", msg!("yaml-expected-count")),
        ("invalid usize", msg!("yaml-expected-count")),
        ("invalid i32", msg!("yaml-expected-integer")),
        ("invalid u32", msg!("yaml-expected-count")),
        ("invalid f64", msg!("yaml-expected-number")),
        (
            "invalid boolean (strict mode expects true/false)",
            msg!("yaml-expected-boolean"),
        ),
    ] {
        if out.starts_with(rust) {
            out = format!("{words}{}", &out[rust.len()..]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        title: String,
        #[serde(default)]
        #[allow(dead_code)]
        extra: Option<serde_json::Value>,
    }

    fn run(yaml: &str) -> Result<Doc, Diagnostic> {
        let src: Arc<str> = Arc::from(format!("---\n{yaml}---\n"));
        parse::<Doc>(Path::new("a.md"), &src, yaml, 4)
    }

    #[test]
    fn no_stays_a_string() {
        assert_eq!(run("title: NO\n").unwrap().title, "NO");
    }

    #[test]
    fn error_points_into_the_whole_file() {
        let e = run("title: a\nnope: 1\n").unwrap_err();
        assert_eq!(e.location.unwrap().line, 3);
        assert!(e.message.contains("unknown field `nope`"), "{}", e.message);
        assert!(!e.message.contains("at line"));
    }

    #[test]
    fn duplicate_keys_are_rejected() {
        let e = run("title: a\ntitle: b\n").unwrap_err();
        assert_eq!(
            e.message,
            "duplicate key `title`: each key may appear only once"
        );
    }

    #[test]
    fn messages_are_in_words() {
        assert_eq!(
            strip_location_suffix("invalid i64 at line 2, column 9"),
            "expected a whole number"
        );
        assert_eq!(
            strip_location_suffix(
                "alias replay limit exceeded: n=1 > 0 at line 3, column 40 (defined at line 6, column 9) (used at line 1, column 1)"
            ),
            "alias replay limit exceeded: n=1 > 0"
        );
    }

    #[test]
    fn too_deep_and_null_are_said_in_words_at_their_place() {
        let mut deep = String::from("title: x\nextra:\n");
        for i in 1..=70 {
            deep.push_str(&format!("{}a:\n", "  ".repeat(i)));
        }
        let e = run(&deep).unwrap_err();
        assert_eq!(
            e.message,
            "the YAML is nested too deeply (more than 64 levels of lists and mappings)"
        );
        assert!(e.location.unwrap().line > 60);
        let e = run("title: ~\n").unwrap_err();
        assert_eq!(
            e.message,
            "this value is empty (null) but text is expected; write a value or remove the key"
        );
        assert_eq!(
            (e.location.unwrap().line, e.location.unwrap().column),
            (2, 8)
        );
    }

    #[test]
    fn alias_bomb_is_stopped() {
        let mut y = String::from("title: x\nextra:\n  a: &a [1,1,1,1,1,1,1,1,1]\n");
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        for w in names.windows(2) {
            let r = format!("*{}", w[0]);
            y.push_str(&format!(
                "  {}: &{} [{}]\n",
                w[1],
                w[1],
                vec![r; 9].join(",")
            ));
        }
        let e = run(&y).unwrap_err();
        assert!(e.location.is_some() || e.file.is_some());
    }
}
