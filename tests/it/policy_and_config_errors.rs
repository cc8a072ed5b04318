//! Issue 14, items 11 and 12, as whole sites: policy numbers read in full
//! (第一万条, 第廿条) or refused at their line (第4294967296条); a policy
//! repealed by itself, or policies that repeal each other, refused naming
//! the files; a repeated `implements` entry refused; configuration errors
//! (`paginate_by`, `search.head`, `theme`, `directory.policy`) placed at
//! their line in gongkai.yaml; a wrong web address told what is wrong with
//! it; YAML nesting and null errors in words; an over-long slug refused by
//! `check` and `build` alike, at the content file. Issue 17: a structure
//! error reported alone (no template or anchor error with it); article
//! numbers that skip or go backwards printed as warnings while the build
//! succeeds.
//!
//! Each test starts from a small site written here (the `gongkai init`
//! site, or a minimal directory), breaks it in one way and runs the binary.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{self, gongkai};
use tempfile::TempDir;

/// What one run of the binary did.
struct Run {
    code: Option<i32>,
    stderr: String,
}

impl Run {
    /// The diagnostic messages, unwrapped (see `common::messages`).
    fn messages(&self) -> String {
        common::messages(&self.stderr)
    }

    /// Failed with status 1 (content errors), without a panic.
    fn assert_rejected(&self) -> &Run {
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        assert_eq!(self.code, Some(1), "stderr:\n{}", self.stderr);
        self
    }

    /// Stderr shows the plain `place:` prefix of a diagnostic.
    fn assert_place(&self, place: &str) -> &Run {
        assert!(
            self.stderr.contains(&format!("{place}:")),
            "should report the place `{place}`; stderr:\n{}",
            self.stderr
        );
        self
    }

    fn assert_says(&self, phrase: &str) -> &Run {
        assert!(
            self.messages().contains(phrase),
            "should say `{phrase}`; stderr:\n{}",
            self.stderr
        );
        self
    }

    fn assert_count(&self, n: usize) -> &Run {
        let counted = if n == 1 {
            "error: 1 problem found".to_string()
        } else {
            format!("error: {n} problems found")
        };
        assert!(
            self.stderr.contains(&counted),
            "should count {n} problems; stderr:\n{}",
            self.stderr
        );
        self
    }
}

/// A site in a temporary folder.
struct Site {
    tmp: TempDir,
    root: PathBuf,
}

impl Site {
    /// The `gongkai init` site.
    fn init() -> Site {
        let tmp = TempDir::new().expect("temp dir");
        let root = tmp.path().join("site");
        let o = gongkai().arg("init").arg(&root).output().expect("run init");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        Site { tmp, root }
    }

    /// A site of just these files.
    fn of(files: &[(&str, &str)]) -> Site {
        let tmp = TempDir::new().expect("temp dir");
        let root = tmp.path().join("site");
        let site = Site { tmp, root };
        for (rel, text) in files {
            site.write(rel, text);
        }
        site
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.root.join(rel);
        fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
        fs::write(path, text).expect("write fixture");
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root.join(rel)).expect("read fixture")
    }

    /// Replace `from` by `to` in the file `rel` (which must hold it).
    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} has no `{from}`");
        self.write(rel, &text.replacen(from, to, 1));
    }

    fn out(&self) -> PathBuf {
        self.tmp.path().join("out")
    }

    fn run(&self, command: &str) -> Run {
        let mut c = gongkai();
        c.arg(command).arg("--root").arg(&self.root);
        if command == "build" {
            c.arg("--output").arg(self.out());
        }
        c.env("SOURCE_DATE_EPOCH", "1780272000");
        let o = c.output().expect("run gongkai");
        if command == "check" && o.status.code() == Some(1) {
            common::assert_same_in_chinese(&c, Some(1), &String::from_utf8_lossy(&o.stderr));
        }
        Run {
            code: o.status.code(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }

    /// `check` and `build` both.
    fn check_and_build(&self) -> [Run; 2] {
        [self.run("check"), self.run("build")]
    }
}

/// The 1-based line of the first line of `text` that starts with `start`.
fn line_of(text: &str, start: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starts with `{start}`"))
        + 1
}

const SAMPLE: &str = "content/policies/sample.md";
const LAST_ARTICLE: &str = "第三条　本办法自发布之日起施行。";

// ---------------------------------------------------------------------------
// Article numbers

#[test]
fn articles_numbered_with_wan_nian_and_sa_are_articles_of_their_own() {
    let site = Site::init();
    site.edit(
        SAMPLE,
        LAST_ARTICLE,
        &format!("{LAST_ARTICLE}\n第廿条　廿条的内容。\n第卅一条　卅一条的内容。\n第一万条　一万条的内容。"),
    );
    let run = site.run("build");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let out = site.out();
    for eid in ["art_3", "art_20", "art_31", "art_10000"] {
        assert!(
            out.join("policies/sample")
                .join(eid)
                .join("index.html")
                .is_file(),
            "no page for {eid}"
        );
    }
    let art_3 = fs::read_to_string(out.join("policies/sample/art_3/index.html")).unwrap();
    assert!(
        !art_3.contains("一万条的内容"),
        "第一万条 was merged into 第三条"
    );
}

#[test]
fn an_article_number_that_overflows_is_an_error_at_its_line() {
    let site = Site::init();
    site.edit(
        SAMPLE,
        LAST_ARTICLE,
        &format!("{LAST_ARTICLE}\n第4294967296条　大。"),
    );
    let line = line_of(&site.read(SAMPLE), "第4294967296条");
    for run in site.check_and_build() {
        run.assert_rejected()
            .assert_place(&format!("{SAMPLE}:{line}:1"))
            .assert_says("`第4294967296条`: the article number is too large");
        assert!(run.stderr.contains("help:"), "{}", run.stderr);
        // The policy's templates are not rendered without its document.
        assert!(!run.stderr.contains("template error"), "{}", run.stderr);
    }
}

/// The diagnostic lines of stderr (`× place: message`), each once.
fn diagnostic_lines(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter_map(|l| l.trim().strip_prefix('×'))
        .map(|l| l.trim().to_string())
        .collect()
}

#[test]
fn a_structure_error_is_reported_alone() {
    // The init site's about.md links `#art_2` of the sample: with the
    // policy's structure broken, neither a template error nor an anchor
    // error may join its structure error.
    let site = Site::init();
    site.edit(SAMPLE, LAST_ARTICLE, "第二条　本办法自发布之日起施行。");
    let line = line_of(&site.read(SAMPLE), "第二条　本办法自");
    for run in site.check_and_build() {
        run.assert_rejected().assert_count(1);
        assert_eq!(
            diagnostic_lines(&run.stderr),
            [format!(
                "{SAMPLE}:{line}:1: `art_2` appears twice: each part, chapter, section and article number must be unique, or its permanent link would be ambiguous"
            )],
            "{}",
            run.stderr
        );
    }
}

#[test]
fn skipped_or_backward_article_numbers_are_warnings_and_the_build_succeeds() {
    let site = Site::init();
    site.edit(
        SAMPLE,
        LAST_ARTICLE,
        "第五条　本办法自发布之日起施行。\n第四条　顺序颠倒的一条。\n第五条之一　插入的一条。",
    );
    let text = site.read(SAMPLE);
    let (five, four) = (line_of(&text, "第五条　"), line_of(&text, "第四条"));
    for run in site.check_and_build() {
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let warnings: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| l.starts_with("warning:"))
            .collect();
        assert_eq!(
            warnings,
            [
                format!(
                    "warning: {SAMPLE}:{five}:1: `第五条` follows `第二条`: the article numbers skip; check that no article is missing"
                ),
                format!(
                    "warning: {SAMPLE}:{four}:1: `第四条` follows `第五条`: the article numbers go backwards; check their order"
                ),
                format!(
                    "warning: {SAMPLE}:{}:1: `第五条之一` follows `第四条`: the article numbers skip; check that no article is missing",
                    four + 1
                ),
            ],
            "{}",
            run.stderr
        );
    }
    let page = site.out().join("policies/sample/art_5-1/index.html");
    assert!(fs::read_to_string(page).unwrap().contains("插入的一条。"));
}

#[test]
fn an_article_number_against_the_rules_is_an_error_at_its_line() {
    let site = Site::init();
    site.edit(
        SAMPLE,
        LAST_ARTICLE,
        &format!("{LAST_ARTICLE}\n第十十条　重。"),
    );
    let line = line_of(&site.read(SAMPLE), "第十十条");
    for run in site.check_and_build() {
        run.assert_rejected()
            .assert_place(&format!("{SAMPLE}:{line}:1"))
            .assert_says("`第十十条`: the article number cannot be read");
    }
}

// ---------------------------------------------------------------------------
// Successors

#[test]
fn a_policy_repealed_by_itself_is_refused() {
    let site = Site::init();
    site.edit(
        SAMPLE,
        "status: in_force",
        "status: repealed\nrepealed_by: \"@/policies/sample.md\"",
    );
    let line = line_of(&site.read(SAMPLE), "repealed_by:");
    for run in site.check_and_build() {
        run.assert_rejected()
            .assert_place(&format!("{SAMPLE}:{line}:14"))
            .assert_says("`repealed_by` names this policy itself");
    }
}

#[test]
fn policy_metadata_on_an_ordinary_page_is_refused_at_its_key() {
    for (field, value) in [
        ("issuer", "某单位"),
        ("topics", "[群团工作]"),
        ("status", "in_force"),
    ] {
        let site = Site::init();
        site.write(
            "content/plain.md",
            &format!("---\ntitle: 示例\n{field}: {value}\n---\n正文。\n"),
        );
        for run in site.check_and_build() {
            run.assert_rejected()
                .assert_place(&format!("content/plain.md:3:{}", field.len() + 3))
                .assert_says(&format!(
                    "`{field}` is policy metadata: it is only allowed with `type: policy`"
                ));
        }
    }
}

#[test]
fn a_repealed_or_amended_policy_names_its_successor() {
    for (status, says) in [
        (
            "repealed",
            "a repealed policy needs `repealed_by`: the policy that repealed it",
        ),
        (
            "amended",
            "an amended policy needs `amended_by`: the policy that amended it",
        ),
    ] {
        let site = Site::init();
        site.edit(SAMPLE, "status: in_force", &format!("status: {status}"));
        let line = line_of(&site.read(SAMPLE), "status:");
        for run in site.check_and_build() {
            run.assert_rejected()
                .assert_place(&format!("{SAMPLE}:{line}:9"))
                .assert_says(says);
        }
    }
}

#[test]
fn a_policy_amended_by_itself_is_refused() {
    let site = Site::init();
    site.edit(
        SAMPLE,
        "status: in_force",
        "status: amended\namended_by: \"@/policies/sample.md\"",
    );
    for run in site.check_and_build() {
        run.assert_rejected()
            .assert_place(SAMPLE)
            .assert_says("`amended_by` names this policy itself");
    }
}

/// A policy page `name` repealed by `by`.
fn repealed_policy(name: &str, by: &str) -> String {
    format!(
        "---\ntitle: {name}办法\ntype: policy\nissuer: 示例单位\nwritten: 2024-01-01\nstatus: repealed\nrepealed_by: \"@/policies/{by}.md\"\n---\n第一条　{name}。\n"
    )
}

#[test]
fn two_policies_repealed_by_each_other_are_refused_naming_both_files() {
    let site = Site::init();
    site.write("content/policies/a.md", &repealed_policy("甲", "b"));
    site.write("content/policies/b.md", &repealed_policy("乙", "a"));
    for run in site.check_and_build() {
        run.assert_rejected()
            .assert_place("content/policies/a.md:7:14")
            .assert_says(
                "`content/policies/a.md` and `content/policies/b.md` name each other as successor",
            )
            .assert_count(1);
    }
}

#[test]
fn a_circle_of_three_successors_is_refused_naming_every_file() {
    let site = Site::init();
    site.write("content/policies/a.md", &repealed_policy("甲", "b"));
    site.write("content/policies/b.md", &repealed_policy("乙", "c"));
    site.write("content/policies/c.md", &repealed_policy("丙", "a"));
    for run in site.check_and_build() {
        run.assert_rejected()
            .assert_place("content/policies/a.md:7:14")
            .assert_says(
                "go round in a circle: `content/policies/a.md` → `content/policies/b.md` → `content/policies/c.md` → `content/policies/a.md`",
            )
            .assert_count(1);
    }
}

// ---------------------------------------------------------------------------
// The directory: implements, directory.policy, web addresses

/// A directory of one region, type, organization and service; the service
/// implements `implements` (YAML lines under `implements:`).
fn directory_site(config_extra: &str, implements: &str, website: &str) -> Site {
    Site::of(&[
        (
            "gongkai.yaml",
            &format!("title: 测试\nbase_url: https://example.org/\n{config_extra}"),
        ),
        ("content/_index.md", "---\ntitle: 首页\n---\n"),
        ("content/policies/_index.md", "---\ntitle: 政策\n---\n"),
        (
            "content/policies/p.md",
            "---\ntitle: 测试办法\ntype: policy\nissuer: 测试单位\nwritten: 2024-01-01\n---\n第一条　甲。\n第二条　乙。\n",
        ),
        ("content/news/_index.md", "---\ntitle: 新闻\n---\n"),
        (
            "content/news/n.md",
            "---\ntitle: 一则新闻\ndate: 2024-01-02\n---\n新闻。\n",
        ),
        (
            "content/regions/_index.md",
            "---\ntitle: 区域\nrecords: region\n---\n",
        ),
        (
            "content/regions/r.csv",
            "id,name,level,parent,code\ncity,测试市,市,,330600\n",
        ),
        (
            "content/org-types/_index.md",
            "---\ntitle: 类型\nrecords: org_type\n---\n",
        ),
        (
            "content/org-types/t.yaml",
            "- id: union\n  name: 工会\n  full_name: 总工会\n",
        ),
        (
            "content/organizations/_index.md",
            "---\ntitle: 组织\nrecords: organization\n---\n",
        ),
        (
            "content/organizations/u.md",
            &format!(
                "---\nname: 测试市总工会\ntype: union\nregion: city\naddress: 示例路1号\nphones: ['12351']\nwebsite: {website}\n---\n"
            ),
        ),
        (
            "content/services/_index.md",
            "---\ntitle: 服务\nrecords: service\n---\n",
        ),
        (
            "content/services/s.md",
            &format!(
                "---\ntitle: 法律援助\nprovider: u\naudiences: [职工]\nneeds: [法律援助]\nimplements:\n{implements}---\n"
            ),
        ),
        (
            "content/services/more.yaml",
            "- id: t\n  title: 技能培训\n  provider: u\n  audiences: 职工\n  needs: 技能培训\n  implements: [art_1, art_2]\n",
        ),
    ])
}

const SERVICE: &str = "content/services/s.md";

#[test]
fn the_directory_fixture_builds() {
    let site = directory_site("", "  - art_1\n", "https://u.example/");
    let run = site.run("build");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[test]
fn a_repeated_implements_entry_is_refused() {
    let site = directory_site(
        "",
        "  - art_1\n  - art_2\n  - art_1\n",
        "https://u.example/",
    );
    for run in site.check_and_build() {
        run.assert_rejected()
            .assert_place(&format!("{SERVICE}:9:5"))
            .assert_says("`art_1` is listed twice in `implements`")
            .assert_count(1);
    }
}

#[test]
fn two_implements_entries_for_one_article_are_refused() {
    let site = directory_site(
        "",
        "  - art_2\n  - \"@/policies/p.md#art_2\"\n",
        "https://u.example/",
    );
    for run in site.check_and_build() {
        run.assert_rejected()
            .assert_place(&format!("{SERVICE}:8:6"))
            .assert_says("`@/policies/p.md#art_2` names the same article as `art_2`");
    }
}

#[test]
fn a_wrong_directory_policy_is_one_error_at_its_line_in_gongkai_yaml() {
    // Two services name short article ids; the bad setting is reported once,
    // at gongkai.yaml, not at each id.
    for (policy, what) in [
        ("policies/nope.md", "which is not a page under content/"),
        ("news/n.md", "which is a page but not a policy"),
    ] {
        let site = directory_site(
            &format!("directory:\n  policy: {policy}\n"),
            "  - art_1\n",
            "https://u.example/",
        );
        for run in site.check_and_build() {
            run.assert_rejected()
                .assert_place("gongkai.yaml:4:11")
                .assert_says(&format!("directory.policy names `{policy}`, {what}"))
                .assert_count(1);
            assert!(!run.stderr.contains(SERVICE), "{}", run.stderr);
        }
    }
}

#[test]
fn a_wrong_directory_policy_is_an_error_without_a_directory_too() {
    let site = Site::init();
    let config = site.read("gongkai.yaml");
    site.write(
        "gongkai.yaml",
        &format!("{config}directory:\n  policy: policies/nope.md\n"),
    );
    let line = config.lines().count() + 2;
    for run in site.check_and_build() {
        run.assert_rejected()
            .assert_place(&format!("gongkai.yaml:{line}:11"))
            .assert_count(1);
    }
}

#[test]
fn a_wrong_https_address_is_not_told_to_start_with_http() {
    for (website, why) in [
        ("https://exa mple.org/", "it contains a space"),
        ("https://u.example:99999/", "the port"),
        ("https://", "there is no host name"),
    ] {
        let site = directory_site("", "  - art_1\n", &format!("\"{website}\""));
        let run = site.run("check");
        run.assert_rejected()
            .assert_place("content/organizations/u.md:7:10")
            .assert_says(&format!("`{website}` is not a web address: {why}"));
        assert!(
            !run.messages().contains("must start with"),
            "{}",
            run.stderr
        );
    }
    let site = directory_site("", "  - art_1\n", "ftp://u.example/");
    site.run("check")
        .assert_rejected()
        .assert_says("must start with http:// or https://");
}

// ---------------------------------------------------------------------------
// gongkai.yaml

/// The init site with `key: value` lines changed or added in gongkai.yaml;
/// the 1-based line of the first changed line.
fn with_config(site: &Site, lines: &str) -> usize {
    let config = site.read("gongkai.yaml");
    let first = lines.lines().next().unwrap();
    let key = first.split(':').next().unwrap();
    if let Some(old) = config.lines().find(|l| l.starts_with(&format!("{key}:"))) {
        site.edit("gongkai.yaml", old, lines.trim_end());
        line_of(&site.read("gongkai.yaml"), first)
    } else {
        site.write("gongkai.yaml", &format!("{config}{lines}"));
        config.lines().count() + 1
    }
}

#[test]
fn configuration_errors_point_at_their_line_in_gongkai_yaml() {
    for (lines, line_offset, column, phrase) in [
        ("paginate_by: 0\n", 0, 14, "paginate_by must be at least 1"),
        ("paginate_by: many\n", 0, 14, "expected a whole number"),
        (
            "search:\n  head: 0\n",
            1,
            9,
            "search.head must be at least 1",
        ),
        ("theme: nosuch\n", 0, 8, "theme `nosuch` not found"),
        ("theme: ../x\n", 0, 8, "must be a folder name under themes/"),
        (
            "base_url: /portal/\n",
            0,
            11,
            "must be an absolute http(s) URL",
        ),
    ] {
        let site = Site::init();
        let line = with_config(&site, lines) + line_offset;
        for run in site.check_and_build() {
            run.assert_rejected()
                .assert_place(&format!("gongkai.yaml:{line}:{column}"))
                .assert_says(phrase);
        }
    }
}

#[test]
fn a_section_paginate_by_of_zero_is_an_error_at_its_line() {
    let site = Site::init();
    site.write(
        "content/policies/_index.md",
        "---\ntitle: 政策文件\npaginate_by: 0\n---\n",
    );
    for run in site.check_and_build() {
        run.assert_rejected()
            .assert_place("content/policies/_index.md:3:14")
            .assert_says("paginate_by must be at least 1");
    }
}

// ---------------------------------------------------------------------------
// YAML in words

/// 70 levels of nested mappings under `key:`, as YAML lines.
fn deep_yaml(key: &str) -> String {
    let mut y = format!("{key}:\n");
    for i in 1..=70 {
        y.push_str(&format!("{}a:\n", "  ".repeat(i)));
    }
    y
}

const TOO_DEEP: &str = "the YAML is nested too deeply (more than 64 levels";
const NULL: &str = "this value is empty (null) but text is expected";

fn assert_plain(run: &Run) {
    for internal in ["budget breached", "Depth {", "Option<", "deserialize"] {
        assert!(
            !run.stderr.contains(internal),
            "`{internal}` shown:\n{}",
            run.stderr
        );
    }
}

#[test]
fn yaml_nested_too_deeply_is_said_in_words_in_front_matter_and_gongkai_yaml() {
    let site = Site::init();
    site.write(
        "content/deep.md",
        &format!("---\ntitle: 深\n{}---\n正文。\n", deep_yaml("extra")),
    );
    for run in site.check_and_build() {
        run.assert_rejected()
            .assert_place("content/deep.md:67")
            .assert_says(TOO_DEEP);
        assert_plain(&run);
    }
    let site = Site::init();
    let config = site.read("gongkai.yaml");
    site.write("gongkai.yaml", &format!("{config}{}", deep_yaml("extra")));
    let line = config.lines().count() + 65;
    for run in site.check_and_build() {
        run.assert_rejected()
            .assert_place(&format!("gongkai.yaml:{line}"))
            .assert_says(TOO_DEEP);
        assert_plain(&run);
    }
}

#[test]
fn a_null_where_text_is_expected_is_said_in_words_in_front_matter_and_gongkai_yaml() {
    let site = Site::init();
    site.write(
        "content/null.md",
        "---\ntitle: 空\ntopics: [~]\n---\n正文。\n",
    );
    for run in site.check_and_build() {
        run.assert_rejected()
            .assert_place("content/null.md:3:10")
            .assert_says(NULL);
        assert_plain(&run);
    }
    let site = Site::init();
    let line = with_config(&site, "title: ~\n");
    for run in site.check_and_build() {
        run.assert_rejected()
            .assert_place(&format!("gongkai.yaml:{line}:8"))
            .assert_says(NULL);
        assert_plain(&run);
    }
}

// ---------------------------------------------------------------------------
// Slugs

#[test]
fn an_over_long_slug_gets_the_same_verdict_from_check_and_build_at_the_content_file() {
    let site = Site::init();
    let slug = "a".repeat(300);
    site.write(
        "content/long.md",
        &format!("---\ntitle: 长\nslug: {slug}\n---\n正文。\n"),
    );
    let [check, build] = site.check_and_build();
    assert_eq!(
        check.code, build.code,
        "check:\n{}\nbuild:\n{}",
        check.stderr, build.stderr
    );
    for run in [&check, &build] {
        run.assert_rejected()
            .assert_place("content/long.md:3:7")
            .assert_says("is 300 bytes long; the most is 255 bytes");
        assert!(!run.stderr.contains("staging"), "{}", run.stderr);
    }
    assert!(!Path::new(&site.out()).join("index.html").exists());
}

#[test]
fn a_bad_section_slug_is_an_error_at_its_index_file_not_a_panic() {
    // A section that cannot be read used to leave its pages without a
    // place, and the build panicked placing them.
    for (slug, phrase) in [
        ("政".repeat(100), "is 300 bytes long; the most is 255 bytes"),
        ("../a".to_string(), "must be one path segment"),
    ] {
        let site = Site::init();
        site.write(
            "content/policies/_index.md",
            &format!("---\ntitle: 政策文件\nslug: {slug}\n---\n"),
        );
        for run in site.check_and_build() {
            run.assert_rejected()
                .assert_place("content/policies/_index.md:3:7")
                .assert_says(phrase);
        }
    }
}
