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
        let english = strip_location_suffix(&plain);
        let message = plain_words(&e).unwrap_or_else(|| in_words(english));
        let at = e
            .location()
            .filter(|l| l.line() > 0)
            .map(|l| Location::from_line_column(yaml, l.line() as usize, l.column() as usize));
        let cause = cause(yaml, at.map(|l| l.offset), english);
        let d = match (cause.as_ref().and_then(|c| c.at), at) {
            (Some(local), _) => Diagnostic::at(file, source, offset + local, 1, message),
            (None, Some(local)) => Diagnostic::at(file, source, offset + local.offset, 1, message),
            (None, None) => Diagnostic::in_file(file, message),
        };
        match cause {
            Some(c) => d.with_help(c.help),
            None => d,
        }
    })
}

/// What probably caused a YAML error, and how to fix it.
struct Cause {
    help: String,
    /// Where the fault is, when it is not where the parser noticed it
    /// (a full-width colon makes the error appear lines later).
    at: Option<usize>,
}

/// The cause of a YAML error `message` noticed at byte `at` of `yaml`:
/// a full-width colon after a key, a tab in the indentation, a line
/// indented out of step, a `: ` inside a value, a value starting with `@`
/// or a backtick. `None` when it is none of these.
fn cause(yaml: &str, at: Option<usize>, message: &str) -> Option<Cause> {
    let mut start = 0;
    for line in yaml.split_inclusive('\n') {
        let body = line.trim_start_matches([' ', '\t']);
        let indent = &line[..line.len() - body.len()];
        let key = body.strip_prefix("- ").unwrap_or(body).trim_start();
        let name_len = key
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(key.len());
        if name_len > 0 && key[name_len..].trim_start_matches(' ').starts_with('：') {
            let colon = start
                + (line.len() - key.len())
                + key[name_len..].find('：').unwrap_or(0)
                + name_len;
            return Some(Cause {
                help: msg!("yaml-cause-full-width-colon", key = &key[..name_len]),
                at: Some(colon),
            });
        }
        if let Some(tab) = indent.find('\t') {
            return Some(Cause {
                help: msg!("yaml-cause-tab"),
                at: Some(start + tab),
            });
        }
        start += line.len();
    }
    let at = at?;
    let line_start = yaml[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &yaml[line_start..at];
    let help = if message.contains("mapping values are not allowed") && before.contains(": ") {
        msg!("yaml-cause-colon-in-value")
    } else if message.contains("mapping values are not allowed")
        || message.contains("did not find expected")
    {
        msg!("yaml-cause-indentation")
    } else if message.contains("cannot start any plain token")
        || message.starts_with("unexpected character")
    {
        msg!("yaml-cause-quote-value")
    } else {
        return None;
    };
    Some(Cause { help, at: None })
}

/// A located value's place in the whole file, for later diagnostics.
/// For many values of one YAML text (a table's cells), make [`Places`]
/// once instead.
pub fn place<T>(value: &Spanned<T>, yaml: &str, offset: usize) -> (usize, usize) {
    Places::new(yaml).place(value, offset)
}

/// The places of values in one YAML text: where its lines start, found
/// once, so that placing each cell of a long table does not count the
/// lines before it again.
pub struct Places<'a> {
    yaml: &'a str,
    /// The byte offset of each line's start (after each `\n`).
    line_starts: Vec<usize>,
}

impl<'a> Places<'a> {
    pub fn new(yaml: &'a str) -> Places<'a> {
        let line_starts = std::iter::once(0)
            .chain(yaml.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Places { yaml, line_starts }
    }

    /// A located value's place in the whole file, the YAML text starting
    /// at byte `offset` of it: as [`Location::from_line_column`] finds it
    /// (a line past the end is the end).
    pub fn place<T>(&self, value: &Spanned<T>, offset: usize) -> (usize, usize) {
        let l = &value.referenced;
        let (line, column) = (l.line() as usize, l.column() as usize);
        let local = match line.checked_sub(1).and_then(|i| self.line_starts.get(i)) {
            Some(&start) => {
                let text = &self.yaml[start..];
                let text = text.split_inclusive('\n').next().unwrap_or(text);
                let column_bytes: usize = text
                    .chars()
                    .take(column.saturating_sub(1))
                    .map(char::len_utf8)
                    .sum();
                start + column_bytes
            }
            None => self.yaml.len(),
        };
        (offset + local, (l.span().len() as usize).max(1))
    }
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
/// prefix, counted in the whole file).
fn strip_location_suffix(message: &str) -> &str {
    match message.find(" at line ") {
        Some(i) if message[i..].contains(", column ") => &message[..i],
        _ => message,
    }
}

/// The text between the first pair of backticks: the key in serde's
/// `unknown field `titel`, expected …`.
fn quoted(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(&message[start..start + len])
}

/// A message of serde-saphyr (or of serde, which it passes on) in words
/// an editor knows, in the run's language: the common ones (a missing or
/// unknown key, a value of the wrong kind, a key where none can be) each
/// by their own message; any other under a sentence that says it is the
/// YAML that is wrong.
fn in_words(message: &str) -> String {
    if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
        let key = key.split(',').next().unwrap_or(key).trim();
        return msg!("yaml-duplicate-key", key = key);
    }
    if let Some(field) = message
        .strip_prefix("missing field ")
        .and_then(|_| quoted(message))
    {
        return msg!("yaml-missing-field", field = field);
    }
    for (prefix, id) in [("unknown field ", "field"), ("unknown variant ", "variant")] {
        let Some(name) = message.strip_prefix(prefix).and_then(|_| quoted(message)) else {
            continue;
        };
        let listed = message
            .split_once(", expected ")
            .map(|(_, e)| e.trim_start_matches("one of ").replace('`', ""))
            .unwrap_or_default();
        let known: Vec<&str> = listed.split(',').map(str::trim).collect();
        let expected = super::words::code_list(known.iter().copied());
        let nearest = super::suggest::nearest(name, known.iter().copied());
        return match (id, nearest) {
            ("field", Some(n)) => msg!(
                "yaml-unknown-field-near",
                field = name,
                expected = &expected,
                nearest = n
            ),
            ("field", None) => msg!("yaml-unknown-field", field = name, expected = &expected),
            (_, Some(n)) => msg!(
                "yaml-unknown-value-near",
                value = name,
                expected = &expected,
                nearest = n
            ),
            (_, None) => msg!("yaml-unknown-value", value = name, expected = &expected),
        };
    }
    if let Some((found, expected)) = message
        .strip_prefix("invalid type: ")
        .and_then(|r| r.split_once(", expected "))
    {
        return msg!(
            "yaml-invalid-type",
            found = kind_in_words(found),
            expected = kind_in_words(expected)
        );
    }
    if message.starts_with("mapping values are not allowed") {
        return msg!("yaml-mapping-not-allowed");
    }
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
        if let Some(rest) = message.strip_prefix(rust) {
            return format!("{words}{rest}");
        }
    }
    parser_in_words(message)
}

/// A kind of value as serde names it (`string "abc"`, `a sequence`,
/// `u32`, `struct Config`), in words; what has none is quoted.
fn kind_in_words(kind: &str) -> String {
    let k = kind.trim();
    // serde's found side: `string "abc"`, `integer `5``, `floating point `1.5``.
    let (name, value) = match k.split_once([' ', '`']) {
        Some((n, v)) if ["string", "integer", "boolean", "character"].contains(&n) => {
            (n, Some(v.trim().trim_matches(['`', '"'])))
        }
        _ => (k, None),
    };
    let words = match name.trim_start_matches("a ").trim_start_matches("an ") {
        "string" | "str" | "String" => msg!("yaml-kind-text"),
        "integer" | "i64" | "i32" | "u64" | "u32" | "usize" | "u16" | "u8" => {
            msg!("yaml-kind-integer")
        }
        "floating point" | "f64" | "f32" => msg!("yaml-kind-number"),
        "boolean" | "bool" => msg!("yaml-kind-boolean"),
        "sequence" | "list" => msg!("yaml-kind-list"),
        "map" | "mapping" => msg!("yaml-kind-mapping"),
        "unit value" | "null" | "unit" => msg!("yaml-kind-empty"),
        n if n.starts_with("struct ") => msg!("yaml-kind-mapping"),
        _ => return super::words::quoted(k),
    };
    match value {
        Some(v) if !v.is_empty() => format!("{words} {}", super::words::quoted(v)),
        _ => words,
    }
}

/// The YAML parser's own complaints, by family: a missing colon, a tab, an
/// unclosed quote or bracket, a structure (indentation) error, too many
/// aliases, a stray character; anything else quoted as the parser said it.
fn parser_in_words(message: &str) -> String {
    let m = message.to_ascii_lowercase();
    let has = |parts: &[&str]| parts.iter().any(|p| m.contains(p));
    if has(&["simple key", "could not find expected ':'"]) {
        msg!("yaml-expected-colon")
    } else if has(&["tab cannot", "tabs disallowed", "with a tab"]) {
        msg!("yaml-tab")
    } else if has(&[
        "unclosed",
        "unexpected eof",
        "unexpected end",
        "expected ',' or",
    ]) {
        msg!("yaml-unclosed")
    } else if has(&[
        "indentation",
        "did not find expected key",
        "did not find expected '-'",
        "not allowed in this context",
        "did not find expected node content",
    ]) {
        msg!("yaml-structure")
    } else if has(&["expected mapping"]) {
        msg!("yaml-expected-mapping")
    } else if has(&["replay limit", "recursion limit", "budget"]) {
        msg!("yaml-too-large")
    } else if has(&["unexpected character", "cannot start any token"]) {
        msg!("yaml-bad-character")
    } else {
        msg!("yaml-other", detail = super::words::quoted(message))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[test]
    fn places_from_the_line_index_are_those_counted_from_the_start() {
        let text = "- id: a\n  名称: 甲\n- id: b\r\n  name: \"乙 丙\"\n";
        let rows: Vec<Spanned<std::collections::BTreeMap<String, Spanned<String>>>> =
            parse(Path::new("t.yaml"), &Arc::from(text), text, 0).unwrap();
        let places = Places::new(text);
        for row in &rows {
            for v in row.value.values() {
                let l = &v.referenced;
                let counted =
                    Location::from_line_column(text, l.line() as usize, l.column() as usize);
                assert_eq!(places.place(v, 7).0, counted.offset + 7);
            }
        }
        assert_eq!(
            places.place(&rows[1].value["name"], 0).0,
            text.find('"').unwrap()
        );
    }

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
            in_words(strip_location_suffix("invalid i64 at line 2, column 9")),
            "expected a whole number"
        );
        assert_eq!(
            in_words(strip_location_suffix(
                "alias replay limit exceeded: n=1 > 0 at line 3, column 40 (defined at line 6, column 9) (used at line 1, column 1)"
            )),
            "the YAML is too large or too complex to read safely (too many values, aliases or characters)"
        );
        // The parser's own complaints by family; anything else quoted.
        assert_eq!(
            in_words("simple key expected ':'"),
            "a colon is needed here: write `key: value` (a half-width colon and a space)"
        );
        assert_eq!(
            in_words("expected mapping start"),
            "`key: value` lines are needed here"
        );
        assert_eq!(in_words("something new"), "`something new`");
        // serde's own messages, each by a message of the catalogs, with
        // the nearest known key when one is close.
        assert_eq!(
            in_words("unknown field `titel`, expected one of `title`, `date`"),
            "unknown field `titel` (did you mean `title`?), expected one of `title`, `date`"
        );
        assert_eq!(
            in_words("unknown field `colour`, expected `title`"),
            "unknown field `colour`, expected one of `title`"
        );
        assert_eq!(
            in_words("unknown variant `in-force`, expected one of `in_force`, `amended`"),
            "unknown variant `in-force` (did you mean `in_force`?), expected one of `in_force`, `amended`"
        );
        assert_eq!(
            in_words("missing field `base_url`"),
            "missing field `base_url`"
        );
        assert_eq!(
            in_words("invalid type: sequence, expected a string"),
            "a value of the wrong kind: a list (each item starting with `- `) is written here, text is needed"
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

    fn table(yaml: &str) -> Diagnostic {
        let src: Arc<str> = Arc::from(yaml);
        parse::<Vec<std::collections::BTreeMap<String, serde_json::Value>>>(
            Path::new("t.yaml"),
            &src,
            yaml,
            0,
        )
        .unwrap_err()
    }

    #[test]
    fn help_fits_the_cause() {
        let cases = [
            // A full-width colon: the caret moves to it.
            (
                "- id: a\n  name：x\n  type: y\n",
                "t.yaml:2:7",
                "half-width colon `:`",
            ),
            ("- id：a\n  name: x\n", "t.yaml:1:5", "after the key `id`"),
            ("- id: a\n\tname: x\n", "t.yaml:2:1", "spaces only"),
            (
                "- id: a\n  name: x\n   region: y\n",
                "t.yaml:3:10",
                "indentation",
            ),
            ("- id: a\n name: x\n", "t.yaml:2:2", "indentation"),
            ("- id: a\n  name: a: b\n", "t.yaml:2:10", "double quotes"),
            ("- id: a\n  x: @/p.md\n", "t.yaml:2:6", "`@`"),
        ];
        for (yaml, place, help) in cases {
            let d = table(yaml);
            assert!(
                d.to_string().starts_with(&format!("{place}:")),
                "{yaml:?}: {d}"
            );
            let h = d.help().unwrap_or_default();
            assert!(h.contains(help), "{yaml:?}: {d}: help {h:?}");
        }
        // A value with a full-width colon in it is fine.
        let src: Arc<str> = Arc::from("title: 通知：关于\n");
        let doc: Doc = parse(Path::new("a.md"), &src, "title: 通知：关于\n", 0).unwrap();
        assert_eq!(doc.title, "通知：关于");
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
