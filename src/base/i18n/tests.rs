//! The catalogs and the code kept in step: every `msg!` id is in both
//! catalogs, every catalog id is used, arguments and variables agree, and
//! both catalogs parse and have the same ids.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast;

use super::*;

/// Every message of a catalog with the variables (`$name`) it uses.
fn variables(catalog: &str, name: &str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = match fluent_syntax::parser::parse(catalog) {
        Ok(r) => r,
        Err((_, errors)) => panic!("{name} does not parse: {errors:?}"),
    };
    let mut out = BTreeMap::new();
    for entry in resource.body {
        match entry {
            ast::Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern_variables(p, &mut vars);
                }
                assert!(m.value.is_some(), "{name}: {} has no value", m.id.name);
                assert!(
                    out.insert(m.id.name.to_string(), vars).is_none(),
                    "{name}: {} is defined twice",
                    m.id.name
                );
            }
            ast::Entry::Junk { content } => panic!("{name}: junk: {content}"),
            _ => {}
        }
    }
    out
}

fn pattern_variables(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for e in &p.elements {
        if let ast::PatternElement::Placeable { expression } = e {
            expression_variables(expression, vars);
        }
    }
}

fn expression_variables(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, vars);
            for v in variants {
                pattern_variables(&v.value, vars);
            }
        }
        ast::Expression::Inline(i) => inline_variables(i, vars),
    }
}

fn inline_variables(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_variables(a, vars);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, vars),
        _ => {}
    }
}

/// One `msg!` call in the source: where, the id, the argument names.
#[derive(Debug)]
struct Call {
    place: String,
    id: String,
    args: BTreeSet<String>,
}

/// Every `msg!("id", name = …)` call in `src/` (this module's own files,
/// which show the macro in prose, left out).
fn calls() -> Vec<Call> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = vec![];
    let mut files = vec![];
    collect_rs(&src, &mut files);
    for file in files {
        let rel = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel == "base/i18n.rs" || rel.starts_with("base/i18n/") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let mut from = 0;
        while let Some(i) = text[from..].find("msg!(") {
            let start = from + i + "msg!(".len();
            from = start;
            let line = text[..start].matches('\n').count() + 1;
            let place = format!("src/{rel}:{line}");
            let body = &text[start..];
            let Some(end) = closing(body) else {
                panic!("{place}: msg! without its closing parenthesis")
            };
            let parts = split_top(&body[..end]);
            let id = parts[0].trim();
            assert!(
                id.starts_with('"') && id.ends_with('"') && id.len() > 2,
                "{place}: the id of msg! must be a string literal, not {id}"
            );
            let id = id[1..id.len() - 1].to_string();
            let mut args = BTreeSet::new();
            for p in &parts[1..] {
                let p = p.trim();
                if p.is_empty() {
                    continue;
                }
                let (name, _) = p
                    .split_once('=')
                    .unwrap_or_else(|| panic!("{place}: argument {p} is not name = value"));
                args.insert(name.trim().to_string());
            }
            out.push(Call { place, id, args });
        }
    }
    out
}

fn collect_rs(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect_rs(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The index of the `)` closing a call whose body starts `text`, skipping
/// strings, characters and nested brackets.
fn closing(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                while let Some((_, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                if depth == 0 {
                    return Some(i);
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    None
}

/// `text` split at the commas outside brackets and strings.
fn split_top(text: &str) -> Vec<&str> {
    let mut parts = vec![];
    let (mut depth, mut start, mut in_string, mut escaped) = (0usize, 0, false, false);
    for (i, c) in text.char_indices() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

#[test]
fn catalogs_parse_and_have_the_same_ids() {
    let zh = variables(ZH_CN_CATALOG, "zh-CN");
    let en = variables(EN_CATALOG, "en");
    let zh_ids: BTreeSet<_> = zh.keys().collect();
    let en_ids: BTreeSet<_> = en.keys().collect();
    assert_eq!(
        zh_ids.difference(&en_ids).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "in zh-CN only"
    );
    assert_eq!(
        en_ids.difference(&zh_ids).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "in en only"
    );
    // The runtime bundles take both catalogs without errors.
    for l in [Language::ZhCn, Language::En] {
        assert!(FluentResource::try_new(l.catalog().to_string()).is_ok());
    }
}

#[test]
fn every_message_the_code_uses_is_in_both_catalogs_with_the_same_arguments() {
    let catalogs = [
        ("zh-CN", variables(ZH_CN_CATALOG, "zh-CN")),
        ("en", variables(EN_CATALOG, "en")),
    ];
    let calls = calls();
    assert!(calls.len() > 20, "found only {} msg! calls", calls.len());
    let mut problems = vec![];
    for call in &calls {
        for (name, catalog) in &catalogs {
            let Some(vars) = catalog.get(&call.id) else {
                problems.push(format!(
                    "{}: {} is not in the {name} catalog",
                    call.place, call.id
                ));
                continue;
            };
            for v in vars.difference(&call.args) {
                problems.push(format!(
                    "{}: {} in {name} uses ${v}, which the code does not pass",
                    call.place, call.id
                ));
            }
            for a in call.args.difference(vars) {
                problems.push(format!(
                    "{}: the code passes {a} to {}, which {name} does not use",
                    call.place, call.id
                ));
            }
        }
    }
    let used: BTreeSet<&str> = calls.iter().map(|c| c.id.as_str()).collect();
    for (name, catalog) in &catalogs {
        for id in catalog.keys() {
            if !used.contains(id.as_str()) {
                problems.push(format!(
                    "{id} of the {name} catalog is used nowhere in src/"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn both_languages_say_real_messages() {
    let args = |n: usize| [("count", Arg::from(n))];
    assert_eq!(
        format_as(Language::En, "errors-found", &args(1)),
        "error: 1 problem found; nothing was written"
    );
    assert_eq!(
        format_as(Language::En, "errors-found", &args(3)),
        "error: 3 problems found; nothing was written"
    );
    assert_eq!(
        format_as(Language::ZhCn, "errors-found", &args(3)),
        "错误：发现 3 个问题，没有写入任何文件"
    );
    let summary = [
        (
            "done",
            Arg::from(format_as(Language::En, "summary-built", &[])),
        ),
        ("pages", Arg::from(8usize)),
        ("sections", Arg::from(2usize)),
        ("articles", Arg::from(0usize)),
        ("records", Arg::from(5usize)),
        ("files", Arg::from(40usize)),
        ("seconds", fixed(0.5, 2)),
    ];
    assert_eq!(
        format_as(Language::En, "summary", &summary),
        "built 8 pages, 2 sections, 0 policy articles and 5 directory records (40 files) in 0.50 s"
    );
    let mut summary = summary;
    summary[0].1 = Arg::from(format_as(Language::ZhCn, "summary-built", &[]));
    assert_eq!(
        format_as(Language::ZhCn, "summary", &summary),
        "已生成 8 个页面、2 个栏目、0 条政策条款和 5 条名录记录（共 40 个文件），用时 0.50 秒"
    );
    // No isolation marks around arguments.
    assert!(!format_as(Language::ZhCn, "summary", &summary).contains('\u{2068}'));
}

#[test]
fn a_missing_message_falls_back_to_its_id() {
    assert_eq!(
        format_as(Language::ZhCn, "no-such-message", &[]),
        "no-such-message"
    );
}

#[test]
fn languages_from_tags_and_locales() {
    for (tag, l) in [
        ("zh-CN", Some(Language::ZhCn)),
        ("zh_CN.UTF-8", Some(Language::ZhCn)),
        ("zh", Some(Language::ZhCn)),
        ("en", Some(Language::En)),
        ("en_GB.UTF-8", Some(Language::En)),
        ("C", None),
        ("POSIX", None),
        ("C.UTF-8", None),
        ("fr_FR.UTF-8", None),
        ("", None),
    ] {
        assert_eq!(Language::parse(tag), l, "{tag}");
    }
    // The flag wins over anything in the environment.
    assert_eq!(Language::from_environment(Some("en")), Some(Language::En));
    assert_eq!(
        Language::from_environment(Some("zh-CN")),
        Some(Language::ZhCn)
    );
}

/// Whether `text` matches `pieces` joined by wildcards (each wildcard one
/// or more characters: an argument of the message).
fn glob(pieces: &[&str], text: &str) -> bool {
    let Some((first, rest)) = pieces.split_first() else {
        return text.is_empty();
    };
    let Some(mut text) = text.strip_prefix(first) else {
        return false;
    };
    if rest.is_empty() {
        return text.is_empty();
    }
    // The first wildcard takes at least one character.
    loop {
        let mut chars = text.chars();
        if chars.next().is_none() {
            return false;
        }
        text = chars.as_str();
        if glob(rest, text) {
            return true;
        }
    }
}

/// The messages the editors' guide quotes: in its ```text blocks, the
/// lines that start with `× ` (after the `file:line:column: ` place), with
/// `提示：` (the help label) or `help: `, with `错误：` or with `警告：`.
fn quoted_in_guide(guide: &str) -> Vec<(usize, String)> {
    let mut out = vec![];
    let mut in_text = false;
    for (n, line) in guide.lines().enumerate() {
        let t = line.trim();
        if t.starts_with("```") {
            in_text = !in_text && t == "```text";
            continue;
        }
        if !in_text {
            continue;
        }
        let quoted = if let Some(rest) = t.strip_prefix("× ") {
            // `content/a.md:5:7: message`: the place ends at the first `: `.
            rest.split_once(": ").map(|(_, m)| m.to_string())
        } else if let Some(rest) = t
            .strip_prefix("提示：")
            .or_else(|| t.strip_prefix("help: "))
        {
            Some(rest.to_string())
        } else if t.starts_with("错误：") || t.starts_with("警告：") {
            Some(t.to_string())
        } else {
            None
        };
        if let Some(q) = quoted {
            out.push((n + 1, q));
        }
    }
    out
}

#[test]
fn every_message_the_guide_quotes_is_in_the_zh_cn_catalog() {
    let guide_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/编辑指南.md");
    let guide = std::fs::read_to_string(guide_path).unwrap();
    let quoted = quoted_in_guide(&guide);
    assert!(quoted.len() >= 5, "the guide quotes only {quoted:?}");
    // Each message with every argument a marker, cut at the markers.
    const MARK: &str = "\u{e000}";
    let messages: Vec<(String, String)> = variables(ZH_CN_CATALOG, "zh-CN")
        .into_iter()
        .map(|(id, vars)| {
            let args: Vec<(&str, Arg)> =
                vars.iter().map(|v| (v.as_str(), Arg::from(MARK))).collect();
            let text = format_as(Language::ZhCn, &id, &args);
            (id, text)
        })
        .collect();
    let mut missing = vec![];
    for (line, q) in &quoted {
        let found = messages.iter().any(|(_, text)| {
            let pieces: Vec<&str> = text.split(MARK).collect();
            glob(&pieces, q)
        });
        if !found {
            missing.push(format!("docs/编辑指南.md:{line}: {q}"));
        }
    }
    assert!(
        missing.is_empty(),
        "quoted in the guide but not in i18n/zh-CN/gongkai.ftl:\n{}",
        missing.join("\n")
    );
}

#[test]
fn glob_matches_arguments() {
    assert!(glob(&["a ", " b"], "a x b"));
    assert!(!glob(&["a ", " b"], "a  b"));
    assert!(glob(&["x"], "x"));
    assert!(!glob(&["x"], "xy"));
    assert!(glob(&["", "：", ""], "错误：x"));
}
