//! Bad input: every kind of broken site the issue lists gives a clear error
//! that names the file (and the line and column where there is one), exits
//! with status 1 without panicking, and leaves the previous output exactly
//! as it was.
//!
//! Each test starts from a fresh `gongkai init` site, builds it once into
//! `<tmp>/out` and snapshots that tree, then breaks the site in one way:
//! unterminated front matter, invalid YAML, a field of the wrong type
//! (including a non-strict boolean), an unknown field in policy metadata, a
//! date that does not parse, two pages with the same URL, a broken `@/` link
//! or anchor, a template syntax error or unclosed tag, a missing template, a
//! file that is not UTF-8, a symlink loop under `content/`, a slug with `..`
//! or `/`, and a YAML alias bomb. Both `build` and `check` must reject it,
//! the output must be byte-identical to the snapshot, and a later good build
//! into the same output must still succeed. Two tests break several files at
//! once and expect every problem in one report, and one positive test checks
//! that `title: NO` stays the string "NO" (YAML 1.2 booleans).

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

/// A file of the output (`Some(bytes)`) or a folder (`None`).
type Tree = BTreeMap<PathBuf, Option<Vec<u8>>>;

/// What one run of the binary did.
struct Run {
    what: String,
    code: Option<i32>,
    stderr: String,
}

impl Run {
    /// The diagnostic messages in stderr, without snippets or help, with
    /// miette's wrapping undone: each `×` line and its `│` continuation
    /// lines, trimmed and joined with single spaces, so that a key phrase
    /// split over two lines is still found (and a phrase that only appears
    /// in the quoted source is not).
    fn messages(&self) -> String {
        common::messages(&self.stderr)
    }
}

fn gongkai(args: &[&std::ffi::OsStr]) -> Run {
    let mut command = common::gongkai();
    let output = command.args(args).output().expect("run gongkai");
    if args.first() == Some(&"check".as_ref()) && output.status.code() == Some(1) {
        common::assert_same_in_chinese(&command, Some(1), &String::from_utf8_lossy(&output.stderr));
    }
    Run {
        what: format!(
            "gongkai {}",
            args.iter()
                .map(|a| a.to_string_lossy())
                .collect::<Vec<_>>()
                .join(" ")
        ),
        code: output.status.code(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn init(dir: &Path) {
    let run = gongkai(&["init".as_ref(), dir.as_os_str()]);
    assert_eq!(run.code, Some(0), "{}:\n{}", run.what, run.stderr);
}

fn build(site: &Path, out: &Path) -> Run {
    gongkai(&[
        "build".as_ref(),
        "--root".as_ref(),
        site.as_os_str(),
        "--output".as_ref(),
        out.as_os_str(),
    ])
}

fn check(site: &Path) -> Run {
    gongkai(&["check".as_ref(), "--root".as_ref(), site.as_os_str()])
}

/// Every file and folder under `dir`, with the bytes of the files.
fn snapshot(dir: &Path) -> Tree {
    fn walk(root: &Path, dir: &Path, tree: &mut Tree) {
        let mut entries: Vec<_> = fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("read_dir entry").path())
            .collect();
        entries.sort();
        for path in entries {
            let rel = path.strip_prefix(root).expect("below root").to_path_buf();
            let meta = fs::symlink_metadata(&path).expect("metadata");
            if meta.is_dir() {
                tree.insert(rel, None);
                walk(root, &path, tree);
            } else {
                tree.insert(rel, Some(fs::read(&path).expect("read output file")));
            }
        }
    }
    let mut tree = Tree::new();
    walk(dir, dir, &mut tree);
    tree
}

/// A fresh `gongkai init` site in a temporary folder, built once into
/// `<tmp>/out`, with a snapshot of that output.
struct Fixture {
    tmp: TempDir,
    site: PathBuf,
    out: PathBuf,
    before: Tree,
}

impl Fixture {
    fn new() -> Fixture {
        let tmp = TempDir::new().expect("temp dir");
        let site = tmp.path().join("site");
        let out = tmp.path().join("out");
        init(&site);
        let run = build(&site, &out);
        assert_eq!(
            run.code,
            Some(0),
            "first build of the init site:\n{}",
            run.stderr
        );
        let before = snapshot(&out);
        assert!(
            before.contains_key(Path::new("index.html")),
            "the first build wrote no index.html"
        );
        Fixture {
            tmp,
            site,
            out,
            before,
        }
    }

    /// Write `bytes` at `rel` below the site root.
    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let path = self.site.join(rel);
        fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
        fs::write(&path, bytes).expect("write fixture");
    }

    fn build(&self) -> Run {
        build(&self.site, &self.out)
    }

    fn check(&self) -> Run {
        check(&self.site)
    }

    /// The output is byte for byte what the first build wrote.
    fn assert_output_untouched(&self) {
        let now = snapshot(&self.out);
        if now != self.before {
            let listing = |t: &Tree| t.keys().cloned().collect::<Vec<_>>();
            let changed: Vec<&PathBuf> = self
                .before
                .iter()
                .filter(|(p, b)| now.get(*p) != Some(*b))
                .map(|(p, _)| p)
                .collect();
            panic!(
                "the failed build changed the previous output\nchanged or missing: {changed:?}\nbefore: {:?}\nafter: {:?}",
                listing(&self.before),
                listing(&now)
            );
        }
    }

    /// A good site built into the same output still succeeds after the
    /// failed build (no leftover staging folder or lock gets in its way),
    /// and, builds being deterministic, writes the same tree again.
    fn assert_next_build_succeeds(&self) {
        let good = self.tmp.path().join("good");
        init(&good);
        let run = build(&good, &self.out);
        assert_eq!(
            run.code,
            Some(0),
            "a good build after the failed one failed:\n{}",
            run.stderr
        );
        assert!(
            snapshot(&self.out) == self.before,
            "a good build after the failed one wrote a different tree"
        );
    }
}

/// The run failed with status 1 and did not panic.
fn assert_rejected(run: &Run) {
    assert!(
        !run.stderr.contains("panicked"),
        "{} panicked:\n{}",
        run.what,
        run.stderr
    );
    assert_eq!(
        run.code,
        Some(1),
        "{} should exit with status 1 (content errors); stderr:\n{}",
        run.what,
        run.stderr
    );
}

/// Stderr shows `place:` (`content/a.md:3:9:` or, with no position,
/// `content/a.md:`) — the plain `path:line:column:` prefix of a diagnostic.
fn assert_place(run: &Run, place: &str) {
    assert!(
        run.stderr.contains(&format!("{place}:")),
        "{} should report the place `{place}`; stderr:\n{}",
        run.what,
        run.stderr
    );
}

/// The messages (unwrapped) say `phrase`, ignoring case.
fn assert_says(run: &Run, phrase: &str) {
    assert!(
        run.messages()
            .to_lowercase()
            .contains(&phrase.to_lowercase()),
        "{} should say `{phrase}`; stderr:\n{}",
        run.what,
        run.stderr
    );
}

/// The messages (unwrapped) say at least one of `phrases`, ignoring case.
fn assert_says_any(run: &Run, phrases: &[&str]) {
    let flat = run.messages().to_lowercase();
    assert!(
        phrases.iter().any(|p| flat.contains(&p.to_lowercase())),
        "{} should say one of {phrases:?}; stderr:\n{}",
        run.what,
        run.stderr
    );
}

/// The closing summary counts `n` problems.
fn assert_count(run: &Run, n: usize) {
    assert!(
        run.stderr.contains(&format!("error: {n} problems found")),
        "{} should count {n} problems; stderr:\n{}",
        run.what,
        run.stderr
    );
}

/// The messages do not repeat a position of their own: the place is in
/// the `path:line:column:` prefix, in the coordinates of the whole file.
fn assert_no_stray_position(run: &Run) {
    assert!(
        !run.messages().contains(" at line "),
        "{}: a message carries its own `at line` position (in other coordinates than the prefix); stderr:\n{}",
        run.what,
        run.stderr
    );
}

/// Break the site with `setup`, then: `build` and `check` both fail with
/// status 1, name every place in `places` and say every phrase in
/// `phrases`; the output is untouched; a later good build succeeds.
fn expect_rejected(setup: impl FnOnce(&Fixture), places: &[&str], phrases: &[&str]) -> Fixture {
    let f = Fixture::new();
    setup(&f);
    let runs = [f.build(), f.check()];
    for run in &runs {
        assert_rejected(run);
        for place in places {
            assert_place(run, place);
        }
        for phrase in phrases {
            assert_says(run, phrase);
        }
        assert_no_stray_position(run);
    }
    f.assert_output_untouched();
    f.assert_next_build_succeeds();
    f
}

/// The positions `(line, column)` reported for `file` in stderr.
fn positions_of(run: &Run, file: &str) -> Vec<(usize, usize)> {
    let needle = format!("{file}:");
    let mut found = vec![];
    for (i, _) in run.stderr.match_indices(&needle) {
        let rest = &run.stderr[i + needle.len()..];
        let mut parts = rest.splitn(3, ':');
        let (Some(line), Some(column)) = (parts.next(), parts.next()) else {
            continue;
        };
        if let (Ok(l), Ok(c)) = (line.parse(), column.parse()) {
            found.push((l, c));
        }
    }
    found
}

// ---------------------------------------------------------------------------
// Front matter

#[test]
fn unterminated_front_matter() {
    expect_rejected(
        |f| {
            f.write(
                "content/bad.md",
                "---\ntitle: x\n\nbody without a closing line\n",
            );
        },
        &["content/bad.md:1:1"],
        &["front matter is not terminated"],
    );
}

#[test]
fn invalid_yaml() {
    // `description: a: b` — the second `:` (column 15) is not allowed there.
    expect_rejected(
        |f| {
            f.write(
                "content/bad.md",
                "---\ntitle: x\ndescription: a: b\n---\nbody\n",
            );
        },
        &["content/bad.md:3:15"],
        &["mapping values are not allowed"],
    );
}

#[test]
fn field_of_the_wrong_type() {
    let f = expect_rejected(
        |f| {
            f.write(
                "content/bad.md",
                "---\ntitle: x\nweight: heavy\n---\nbody\n",
            );
        },
        &["content/bad.md:3:9"],
        &[],
    );
    // In words an editor understands, not Rust type names such as `i64`.
    for run in [f.build(), f.check()] {
        assert_says_any(&run, &["integer", "whole number", "number"]);
    }
}

#[test]
fn non_strict_boolean_is_the_wrong_type() {
    // YAML 1.1 would read `NO` as false; gongkai reads YAML 1.2 strictly.
    expect_rejected(
        |f| f.write("content/bad.md", "---\ntitle: x\ndraft: NO\n---\nbody\n"),
        &["content/bad.md:3:8"],
        &["true", "false"],
    );
}

#[test]
fn title_no_stays_a_string() {
    let f = Fixture::new();
    f.write("content/no.md", "---\ntitle: NO\n---\nbody\n");
    let run = f.build();
    assert_eq!(run.code, Some(0), "{}:\n{}", run.what, run.stderr);
    let html = fs::read_to_string(f.out.join("no/index.html")).expect("no/index.html");
    assert!(
        html.contains("<h1>NO</h1>"),
        "the title `NO` should stay the string NO:\n{html}"
    );
}

#[test]
fn unknown_field_in_policy_metadata() {
    expect_rejected(
        |f| {
            f.write(
                "content/policies/bad.md",
                "---\ntitle: x\ntype: policy\nissuer: 某单位\nwritten: 2015-12-16\nissuing_body: x\n---\n第一条　内容。\n",
            );
        },
        &["content/policies/bad.md:6:1"],
        &["unknown field", "issuing_body"],
    );
}

#[test]
fn date_that_does_not_parse() {
    expect_rejected(
        |f| {
            f.write(
                "content/bad.md",
                "---\ntitle: x\ndate: 2015-13-45\n---\nbody\n",
            );
        },
        &["content/bad.md:3:7"],
        &["`2015-13-45` is not a date"],
    );
}

#[test]
fn chinese_written_date_that_names_no_day() {
    // `2015年12月16日` is read; a day that does not exist is refused.
    // Columns count characters: `written: ` is nine, the value starts at 10.
    expect_rejected(
        |f| {
            f.write(
                "content/policies/bad.md",
                "---\ntitle: x\ntype: policy\nissuer: 某单位\nwritten: 2015年2月30日\n---\n第一条　内容。\n",
            );
        },
        &["content/policies/bad.md:5:10"],
        &["`2015年2月30日` is not a date"],
    );
}

// ---------------------------------------------------------------------------
// URLs, slugs and links

#[test]
fn two_pages_with_the_same_url() {
    // b.md asks for the slug of a.md; the error points at that `slug:` value
    // (line 3, column 7) and names the other file and the URL.
    expect_rejected(
        |f| {
            f.write("content/a.md", "---\ntitle: a\n---\nbody\n");
            f.write("content/b.md", "---\ntitle: b\nslug: a\n---\nbody\n");
        },
        &["content/b.md:3:7"],
        &["content/a.md", "/a/"],
    );
}

#[test]
fn slug_containing_dot_dot() {
    expect_rejected(
        |f| f.write("content/bad.md", "---\ntitle: x\nslug: ../etc\n---\nbody\n"),
        &["content/bad.md:3:7"],
        &["slug `../etc`"],
    );
}

#[test]
fn slug_that_is_dot_dot() {
    expect_rejected(
        |f| f.write("content/bad.md", "---\ntitle: x\nslug: ..\n---\nbody\n"),
        &["content/bad.md:3:7"],
        &["slug `..`", "`..`"],
    );
}

#[test]
fn slug_containing_slash() {
    expect_rejected(
        |f| f.write("content/bad.md", "---\ntitle: x\nslug: a/b\n---\nbody\n"),
        &["content/bad.md:3:7"],
        &["slug `a/b`", "one path segment"],
    );
}

#[test]
fn broken_link() {
    // Line 6: `see [x](@/missing.md) here`; the link starts at column 5.
    expect_rejected(
        |f| {
            f.write(
                "content/bad.md",
                "---\ntitle: x\n---\nfirst paragraph\n\nsee [x](@/missing.md) here\n",
            );
        },
        &["content/bad.md:6:5"],
        &["does not exist", "@/missing.md"],
    );
}

#[test]
fn broken_anchor() {
    // The init site's policy has art_1 to art_3 only.
    expect_rejected(
        |f| {
            f.write(
                "content/bad.md",
                "---\ntitle: x\n---\nfirst paragraph\n\nsee [x](@/policies/sample.md#art_99) here\n",
            );
        },
        &["content/bad.md:6:5"],
        &["anchor", "art_99"],
    );
}

#[test]
fn link_to_a_missing_attachment() {
    // Line 4: `[附件1](附件一.pdf)`, read from the page's address `/bad/`.
    expect_rejected(
        |f| {
            f.write(
                "content/bad.md",
                "---\ntitle: x\n---\n[附件1](附件一.pdf)\n\n见 ![图](img/a.png) 和 [表](../other/file.xlsx)\n",
            );
        },
        &[
            "content/bad.md:4:1",
            "content/bad.md:6:3",
            "content/bad.md:6:21",
        ],
        &[
            "not part of the site: `附件一.pdf`",
            "/bad/附件一.pdf",
            "/bad/img/a.png",
            "/other/file.xlsx",
        ],
    );
}

#[test]
fn link_in_raw_html_to_a_missing_file() {
    // The value of `href` starts at column 10 of line 4.
    expect_rejected(
        |f| {
            f.write(
                "content/bad.md",
                "---\ntitle: x\n---\n<a href=\"%E9%99%84%E4%BB%B6.pdf#page=2\">附件</a>\n",
            );
        },
        &["content/bad.md:4:10"],
        &["/bad/附件.pdf"],
    );
}

#[test]
fn links_to_attachments_that_are_published_build() {
    // A bundle's own file, a file of the section beside the page, a static
    // file by site path, a page and a folder by URL, a generated file, and
    // links that are not checked (other sites, mail, phone).
    let f = Fixture::new();
    f.write(
        "content/notice/index.md",
        "---\ntitle: 通知\n---\n[附件1](附件一.pdf) ![图](img/%E5%9B%BE.png) [表](../policies/表.pdf#p2)\n\n[下载](/downloads/a.pdf?v=2) [政策](/policies/) [样](/policies/sample) [订阅](/atom.xml)\n\n<a href=\"附件一.pdf\">附件</a> [网](https://example.org/x.pdf) [信](mailto:a@b.cn) [电](tel:0575-12345)\n",
    );
    f.write("content/notice/附件一.pdf", b"%PDF-1.4\n");
    f.write("content/notice/img/图.png", b"png");
    f.write("content/policies/表.pdf", b"%PDF-1.4\n");
    f.write("static/downloads/a.pdf", b"%PDF-1.4\n");
    let run = f.build();
    assert_eq!(run.code, Some(0), "{}:\n{}", run.what, run.stderr);
    let html = fs::read_to_string(f.out.join("notice/index.html")).expect("notice/index.html");
    assert!(html.contains(r#"href="附件一.pdf""#), "{html}");
    assert!(f.out.join("notice/附件一.pdf").is_file());
    assert!(f.out.join("policies/表.pdf").is_file());
    let run = f.check();
    assert_eq!(run.code, Some(0), "{}:\n{}", run.what, run.stderr);
}

// ---------------------------------------------------------------------------
// Templates

#[test]
fn template_syntax_error() {
    // Line 4: `{% if %}` — the condition is missing where `%}` (column 7) is.
    expect_rejected(
        |f| {
            f.write(
                "templates/page.html",
                "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n{% if %}empty{% endif %}\n{% endblock content %}\n",
            );
        },
        &["templates/page.html:4:7"],
        &["template error"],
    );
}

#[test]
fn template_with_an_unclosed_tag() {
    // `{% if %}` on line 4 is never closed; the parser meets `endblock`
    // (line 6, column 4) while it still expects `endif`.
    let f = Fixture::new();
    f.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n{% if page.date %}\n<p>dated</p>\n{% endblock content %}\n",
    );
    for run in [f.build(), f.check()] {
        assert_rejected(&run);
        let places = positions_of(&run, "templates/page.html");
        assert!(
            places.iter().any(|p| [(4, 1), (4, 4), (6, 4)].contains(p)),
            "{} should point at the unclosed `{{% if` (4:1 or 4:4) or where `endif` was expected (6:4), found {places:?}; stderr:\n{}",
            run.what,
            run.stderr
        );
        // Say what is wrong: the `if` needs closing.
        assert_says_any(&run, &["endif", "not closed", "unclosed", "never closed"]);
    }
    f.assert_output_untouched();
    f.assert_next_build_succeeds();
}

#[test]
fn missing_template() {
    // The error points at the value of `template:` (line 3, column 11).
    expect_rejected(
        |f| {
            f.write(
                "content/bad.md",
                "---\ntitle: x\ntemplate: nope.html\n---\nbody\n",
            );
        },
        &["content/bad.md:3:11"],
        &["`nope.html` does not exist"],
    );
}

// ---------------------------------------------------------------------------
// Files

#[test]
fn file_that_is_not_utf8() {
    // The first bad byte is the first byte of line 4.
    expect_rejected(
        |f| f.write("content/bad.md", b"---\ntitle: x\n---\n\xff\xfe bad"),
        &["content/bad.md:4:1"],
        &["UTF-8"],
    );
}

#[test]
fn symlink_loop_under_content() {
    expect_rejected(
        |f| {
            std::os::unix::fs::symlink("..", f.site.join("content/policies/back"))
                .expect("make symlink");
        },
        &["content/policies/back"],
        &["loop"],
    );
}

#[test]
fn symlink_to_its_own_folder() {
    expect_rejected(
        |f| {
            fs::create_dir_all(f.site.join("content/sub")).expect("mkdir");
            std::os::unix::fs::symlink("../sub", f.site.join("content/sub/again"))
                .expect("make symlink");
        },
        &["content/sub/again"],
        &["loop"],
    );
}

#[test]
fn yaml_alias_bomb() {
    // Billion laughs: nine levels of nine aliases under `extra:` (a free
    // map), 9^9 strings if expanded. File lines 4 to 12 hold the anchors.
    let mut lines = vec![
        "---".to_string(),
        "title: x".to_string(),
        "extra:".to_string(),
        format!("  a: &a [{}]", ["\"lol\""; 9].join(",")),
    ];
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for w in names.windows(2) {
        let aliases = vec![format!("*{}", w[0]); 9].join(",");
        lines.push(format!("  {}: &{} [{aliases}]", w[1], w[1]));
    }
    lines.extend(["---".to_string(), "body".to_string(), String::new()]);
    let yaml = lines.join("\n");

    let started = std::time::Instant::now();
    let f = expect_rejected(|f| f.write("content/bad.md", &yaml), &[], &["alias"]);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "the alias bomb took {:?}",
        started.elapsed()
    );
    let run = f.build();
    let places = positions_of(&run, "content/bad.md");
    assert!(
        places.iter().any(|(l, c)| (3..=12).contains(l) && *c >= 1),
        "the alias bomb should be reported at a line of `extra:` (3 to 12), found {places:?}; stderr:\n{}",
        run.stderr
    );
    // The message must read as a sentence, not a truncated library string.
    let flat = run.messages();
    assert_eq!(
        flat.matches('(').count(),
        flat.matches(')').count(),
        "unbalanced parentheses (a truncated message?); stderr:\n{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------
// Several problems at once

#[test]
fn reports_every_loading_error_in_one_run() {
    let f = Fixture::new();
    let files: &[(&str, &[u8])] = &[
        ("content/a.md", b"---\ntitle: a\nno closing line\n"),
        ("content/b.md", b"---\ntitle: b\ndescription: a: b\n---\nbody\n"),
        ("content/c.md", b"---\ntitle: c\nweight: heavy\n---\nbody\n"),
        ("content/d.md", b"---\ntitle: d\ndate: 2015-13-45\n---\nbody\n"),
        ("content/e.md", b"---\ntitle: e\nslug: a/b\n---\nbody\n"),
        (
            "content/policies/f.md",
            "---\ntitle: f\ntype: policy\nissuer: 某单位\nwritten: 2015-12-16\nissuing_body: x\n---\n第一条　内容。\n".as_bytes(),
        ),
        ("content/g.md", b"---\ntitle: g\n---\n\xff\xfe bad"),
        (
            "templates/page.html",
            b"{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n{% if %}empty{% endif %}\n{% endblock content %}\n",
        ),
    ];
    for (rel, bytes) in files {
        f.write(rel, bytes);
    }
    fs::create_dir_all(f.site.join("content/sub")).expect("mkdir");
    std::os::unix::fs::symlink("..", f.site.join("content/sub/back")).expect("make symlink");

    // The exact places of each kind are checked one by one above; here every
    // file must be named, at its place where that is unambiguous.
    let places = [
        "content/a.md:1:1",
        "content/b.md:3:15",
        "content/c.md:3:9",
        "content/d.md:3:7",
        "content/e.md:3:7",
        "content/policies/f.md:6:1",
        "content/g.md",
        "content/sub/back",
        "templates/page.html:4:7",
    ];
    assert_all_reported(&f, &places);
}

#[test]
fn reports_every_link_and_template_error_in_one_run() {
    let f = Fixture::new();
    f.write(
        "content/x.md",
        "---\ntitle: x\n---\nsee [one](@/missing.md)\n\nand [two](@/gone/away.md)\n\n[three](gone.pdf)\n",
    );
    f.write(
        "content/y.md",
        "---\ntitle: y\n---\nsee [x](@/policies/sample.md#art_99)\n",
    );
    f.write(
        "content/z.md",
        "---\ntitle: z\ntemplate: nope.html\n---\nbody\n",
    );
    let places = [
        "content/x.md:4:5",
        "content/x.md:6:5",
        "content/x.md:8:1",
        "content/y.md:4:5",
        "content/z.md:3:11",
    ];
    assert_all_reported(&f, &places);
}

/// `build` and `check` both reject the site and report exactly these
/// places; the output is untouched and a good build follows.
fn assert_all_reported(f: &Fixture, places: &[&str]) {
    for run in [f.build(), f.check()] {
        assert_rejected(&run);
        for place in places {
            assert_place(&run, place);
        }
        assert_count(&run, places.len());
    }
    f.assert_output_untouched();
    f.assert_next_build_succeeds();
}
