//! A hostile site (tests/fixtures/hostile/: `<script>` and `</script>` in
//! titles, bodies, names and every data field, `onerror=` attributes,
//! `javascript:` links written every way, CSV formula cells, markup and
//! `..` in file names), plus a 50 MB markdown page and 10,000 nested list,
//! quote and `<div>` levels written by the test, builds; and nothing in its
//! output can run. Every HTML file is read by html5ever's tokenizer (the
//! browser's own tokenizing rules) and must have no event-handler attribute,
//! no `javascript:`/`vbscript:`/`data:text` URL, no frame, object, embed,
//! base or refresh, no style that loads anything, and no script but the
//! theme's own files and JSON-LD blocks that parse as JSON. Every JSON file
//! parses; no CSV cell starts a formula; nothing is written outside the
//! output folder. tests/browser/hostile.mjs opens the same pages in
//! Chromium and watches for dialogs.

use crate::common;

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

/// A copy of the fixture in `dir`, with the generated pages added.
fn site(dir: &Path) -> PathBuf {
    let site = dir.join("site");
    for e in walkdir::WalkDir::new(fixture()) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(fixture()).unwrap();
        let to = site.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
    // 50 MB of ordinary policy prose, with a payload every 1,000 paragraphs.
    let mut big = String::from("---\ntitle: 五十兆的页面\ndate: 2026-02-01\n---\n");
    let paragraph =
        "群团组织要坚持以人民为中心，**推动**基层组织建设，[了解更多](https://a.example/)。\n\n";
    let mut n = 0;
    while big.len() < 50 * 1024 * 1024 {
        if n % 1000 == 0 {
            big.push_str("<img src=x onerror=alert('big')> [x](javascript:alert('big'))\n\n");
        }
        big.push_str(paragraph);
        n += 1;
    }
    big.push_str("最后一段。\n");
    std::fs::write(site.join("content/news/big.md"), big).unwrap();
    // 10,000 levels of lists, of quotes, of raw HTML and of list items
    // indented one level deeper each.
    let deep = 10_000;
    let mut nested = String::from("---\ntitle: 一万层嵌套\ndate: 2026-02-02\n---\n");
    nested.push_str(&"- ".repeat(deep));
    nested.push_str("列表底\n\n");
    nested.push_str(&">".repeat(deep));
    nested.push_str(" 引用底\n\n");
    nested.push_str(&"<div>".repeat(deep));
    nested.push_str("<script>alert('deep')</script>");
    nested.push_str(&"</div>".repeat(deep));
    nested.push_str("\n\n");
    for i in 0..2_000 {
        nested.push_str(&"  ".repeat(i));
        nested.push_str(&format!("- 第{i}层\n"));
    }
    std::fs::write(site.join("content/news/nested.md"), nested).unwrap();
    site
}

/// What the tokenizer found wrong in one file.
#[derive(Default)]
struct Findings {
    problems: Vec<String>,
    /// Inside a `<script>`: its type, src and text so far.
    script: Option<(String, String, String)>,
    /// Inside a `<style>`: its text so far.
    style: Option<String>,
    json_ld: usize,
}

struct Scan(RefCell<Findings>);

/// URL attributes a browser follows or runs.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "xlink:href",
    "srcset",
    "ping",
    "cite",
    "longdesc",
    "manifest",
    "codebase",
    "dynsrc",
    "lowsrc",
];

fn dangerous_url(value: &str) -> bool {
    let v: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    v.starts_with("javascript:") || v.starts_with("vbscript:") || v.starts_with("data:text")
}

impl TokenSink for Scan {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let mut f = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                if tag.kind == TagKind::EndTag {
                    if name == "script" {
                        if let Some((kind, src, text)) = f.script.take() {
                            check_script(&mut f, line, &kind, &src, &text);
                        }
                    }
                    if name == "style" {
                        if let Some(text) = f.style.take() {
                            if text.contains("url(") || text.contains("@import") {
                                f.problems
                                    .push(format!("line {line}: a style loads something"));
                            }
                        }
                    }
                    return TokenSinkResult::Continue;
                }
                for a in &tag.attrs {
                    let attr = a.name.local.to_ascii_lowercase().to_string();
                    let value = a.value.to_string();
                    if attr.starts_with("on") {
                        f.problems.push(format!("line {line}: <{name} {attr}=…>"));
                    }
                    if URL_ATTRIBUTES.contains(&attr.as_str()) && dangerous_url(&value) {
                        f.problems
                            .push(format!("line {line}: <{name} {attr}=\"{value}\">"));
                    }
                    if attr == "style" {
                        let v = value.to_ascii_lowercase();
                        if v.contains("url(") || v.contains("expression(") {
                            f.problems.push(format!("line {line}: style=\"{value}\""));
                        }
                    }
                }
                let attr = |n: &str| {
                    tag.attrs
                        .iter()
                        .find(|a| &*a.name.local == n)
                        .map(|a| a.value.to_string())
                        .unwrap_or_default()
                };
                match name.as_str() {
                    "iframe" | "frame" | "frameset" | "object" | "embed" | "applet" | "base"
                    | "portal" => f.problems.push(format!("line {line}: <{name}>")),
                    "meta" if attr("http-equiv").eq_ignore_ascii_case("refresh") => f
                        .problems
                        .push(format!("line {line}: <meta http-equiv=refresh>")),
                    "script" => {
                        f.script = Some((attr("type"), attr("src"), String::new()));
                        return TokenSinkResult::RawData(RawKind::ScriptData);
                    }
                    "style" => {
                        f.style = Some(String::new());
                        return TokenSinkResult::RawData(RawKind::Rawtext);
                    }
                    "title" | "textarea" => return TokenSinkResult::RawData(RawKind::Rcdata),
                    "noscript" | "xmp" | "noembed" | "noframes" => {
                        return TokenSinkResult::RawData(RawKind::Rawtext);
                    }
                    _ => {}
                }
            }
            Token::CharacterTokens(text) => {
                if let Some((_, _, buf)) = &mut f.script {
                    buf.push_str(&text);
                } else if let Some(buf) = &mut f.style {
                    buf.push_str(&text);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// A script is the theme's own file, a JSON-LD block that parses, or
/// the theme's inline snippet (which never calls `alert`).
fn check_script(f: &mut Findings, line: u64, kind: &str, src: &str, text: &str) {
    if kind == "application/ld+json" {
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(_) => f.json_ld += 1,
            Err(e) => f
                .problems
                .push(format!("line {line}: JSON-LD does not parse: {e}")),
        }
        if text.to_ascii_lowercase().contains("</script") {
            f.problems
                .push(format!("line {line}: `</script` inside JSON-LD"));
        }
    } else if !src.is_empty() {
        if !src.starts_with("/js/") || !text.trim().is_empty() {
            f.problems
                .push(format!("line {line}: <script src=\"{src}\">"));
        }
    } else if text.contains("alert") || text.contains("onerror") {
        f.problems
            .push(format!("line {line}: an inline script runs `{text}`"));
    }
}

fn scan(html: &str) -> Findings {
    let tokenizer = Tokenizer::new(Scan(RefCell::default()), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.take()
}

#[test]
fn the_scanner_sees_what_it_must() {
    let bad = r#"<a href=" JaVa&#x09;Script:alert(1)">x</a><img src=x onerror=alert(1)><script>alert(1)</script><iframe src=//x></iframe><p style="background:url(x)">"#;
    let f = scan(bad);
    assert_eq!(f.problems.len(), 5, "{:?}", f.problems);
    let good = r#"<script type="application/ld+json">{"@type":"Thing","name":"\u003c/script\u003e"}</script><script src="/js/search.js" type="module"></script><p title="onerror=alert(1)">&lt;script&gt;alert(1)&lt;/script&gt;</p><a href="javascript-guide/">x</a>"#;
    let f = scan(good);
    assert!(f.problems.is_empty(), "{:?}", f.problems);
    assert_eq!(f.json_ld, 1);
}

#[test]
fn a_hostile_site_builds_to_output_where_nothing_can_run() {
    let tmp = tempfile::tempdir().unwrap();
    let root = site(tmp.path());
    let out = tmp.path().join("public");
    common::build(&root, &out, &[]);
    // Nothing beside the site and its output (no file escaped the folder)
    // but the output's lock file.
    let mut beside: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".public.gongkai-lock")
        .collect();
    beside.sort();
    assert_eq!(beside, ["public", "site"]);

    let (mut pages, mut json, mut csv, mut json_ld) = (0, 0, 0, 0);
    let mut problems = vec![];
    for e in walkdir::WalkDir::new(&out) {
        let e = e.unwrap();
        let path = e.path();
        let rel = path.strip_prefix(&out).unwrap().display().to_string();
        assert!(
            e.path_is_symlink() || path.starts_with(&out),
            "{rel} outside"
        );
        match path.extension().and_then(|x| x.to_str()) {
            Some("html") => {
                pages += 1;
                let html = std::fs::read_to_string(path).unwrap();
                let f = scan(&html);
                json_ld += f.json_ld;
                problems.extend(f.problems.into_iter().map(|p| format!("{rel}: {p}")));
            }
            Some("json") => {
                json += 1;
                let text = std::fs::read_to_string(path).unwrap();
                if let Err(e) = serde_json::from_str::<serde_json::Value>(&text) {
                    problems.push(format!("{rel}: not JSON: {e}"));
                }
            }
            Some("csv") => {
                csv += 1;
                let text = std::fs::read_to_string(path).unwrap();
                let mut reader = csv_reader(text.trim_start_matches('\u{feff}'));
                for record in reader.records() {
                    for cell in record.unwrap().iter() {
                        if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                            problems.push(format!("{rel}: formula cell `{cell}`"));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    println!(
        "hostile site: {pages} HTML pages, {json_ld} JSON-LD blocks, {json} JSON and {csv} CSV files checked; {} problems",
        problems.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        pages >= 30 && json_ld >= 10 && csv == 4,
        "{pages} {json_ld} {csv}"
    );

    // The payloads are there, as text: nothing was silently lost.
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("<b>粗体保留</b>"), "safe markup kept");
    assert!(home.contains(
        "<title>&lt;/title&gt;&lt;script&gt;alert(&#39;site title&#39;)&lt;/script&gt;</title>"
    ));
    let org = std::fs::read_to_string(out.join("organizations/city-union/index.html")).unwrap();
    assert!(org.contains("测试市总工会&lt;/script&gt;&lt;script&gt;alert("));
    let big = std::fs::read_to_string(out.join("news/big/index.html")).unwrap();
    assert!(big.contains("最后一段。"), "the 50 MB page is complete");
    let nested = std::fs::read_to_string(out.join("news/nested/index.html")).unwrap();
    for end in ["列表底", "引用底", "第1999层"] {
        assert!(nested.contains(end), "{end} missing from the nested page");
    }
    // 资金公开: names in the chart's SVG and the tables are text.
    let funds = std::fs::read_to_string(out.join("funds/city-union/2025/index.html")).unwrap();
    assert!(funds.contains("&lt;/desc&gt;&lt;/svg&gt;&lt;script&gt;alert("));
    let funds_csv = std::fs::read_to_string(out.join("data/funds.csv")).unwrap();
    assert!(
        funds_csv.contains("'=cmd"),
        "formula cell kept, neutralised"
    );
    let organizations = std::fs::read_to_string(out.join("data/organizations.csv")).unwrap();
    assert!(
        organizations.contains("'@SUM(1+1)"),
        "formula cell kept, neutralised"
    );
}

fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
}
