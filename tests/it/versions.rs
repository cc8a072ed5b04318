//! Issue 18, parts 2 and 3, as a whole site (tests/fixtures/policies/, the
//! sample 示例：某某办法 with its 2019 text in `versions/` and the sample
//! decision that amended it): each text has its pages, an article as it
//! stood on a date, 历史沿革 and the links both ways, 新旧对照 with
//! `<del>`/`<ins>` on exactly the changed characters, the amending
//! decision's links to the articles it changed, the sitemap and search;
//! bad versions reported together, each at its file and line; an amending
//! decision's instructions held against the texts (an article the policy
//! does not have is an error at the decision's line, a disagreement with
//! the comparison a warning); and circles of amendments of any length.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common::{self, gongkai, text_of};
use gongkai::search_index::{Filters, Index};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/policies")
}

/// The fixture, built once for this file's tests.
fn built() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = std::env::temp_dir().join(format!("gongkai-versions-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        common::build(&fixture(), &out, &[]);
        out
    })
}

fn page(path: &str) -> String {
    let file = built().join(path).join("index.html");
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// The text of the `<div class="policy-document">` of an article page.
fn article_text(path: &str) -> String {
    let html = page(path);
    let start = html.find("<div class=\"policy-document\">").unwrap();
    let end = html[start..].find("</div>").unwrap() + start;
    text_of(&html[start..end])
}

/// Screen-reader words taken out, to see the marks alone.
fn marks(html: &str) -> String {
    html.replace("<span class=\"visually-hidden\">删除：</span>", "")
        .replace("<span class=\"visually-hidden\">新增：</span>", "")
}

const POLICY: &str = "policies/sample-measures";
const COMPARE: &str = "policies/sample-measures/compare/2019-03-01..2023-06-01";

#[test]
fn each_text_has_its_pages_with_its_own_words() {
    // The text in force at the policy's address, the 2019 text at its date.
    assert!(article_text(&format!("{POLICY}/art_3")).contains("申请人应当在十五日内提交材料。"));
    let old = article_text(&format!("{POLICY}/2019-03-01/art_3"));
    assert!(old.contains("申请人应当在三十日内提交材料。"), "{old}");
    assert!(!old.contains("十五日"), "{old}");
    let whole = text_of(&page(&format!("{POLICY}/2019-03-01")));
    assert!(
        whole.contains("示例信息包括办理流程和办理时限。"),
        "{whole}"
    );
    assert!(
        !whole.contains("第三条之一　"),
        "an article added later is not in the 2019 text"
    );
    // Ids stay: the inserted article keeps art_3-1, and has no 2019 page.
    assert!(built().join(POLICY).join("art_3-1/index.html").is_file());
    assert!(!built().join(POLICY).join("2019-03-01/art_3-1").exists());
    // An earlier text says so, and links the text in force (the article's
    // own page from an article page).
    let old = page(&format!("{POLICY}/2019-03-01/art_3"));
    assert!(
        text_of(&old).contains("此为2019年3月1日起施行的文本"),
        "{old}"
    );
    assert!(
        old.contains("href=\"/policies/sample-measures/art_3/\""),
        "{old}"
    );
    // Each is its own canonical page.
    assert!(old.contains(
        "<link rel=\"canonical\" href=\"https://policies.example/policies/sample-measures/2019-03-01/art_3/\">"
    ));
    // The text in force has no banner.
    assert!(!page(POLICY).contains("version-banner"));
}

#[test]
fn the_history_lists_every_text_and_the_texts_link_each_other() {
    let html = page(POLICY);
    let start = html
        .find("<section class=\"policy-history\"")
        .expect("历史沿革");
    let history = &html[start..start + html[start..].find("</section>").unwrap()];
    let text = text_of(history);
    assert!(text.contains("历史沿革"));
    let first = text.find("2019年3月1日起施行").unwrap();
    let second = text.find("2023年6月1日起施行（现行文本）").unwrap();
    assert!(first < second, "oldest first: {text}");
    assert!(history.contains("href=\"/policies/sample-measures/2019-03-01/\""));
    assert!(history.contains("href=\"/policies/sample-measures-decision/\""));
    assert!(history.contains(&format!("href=\"/{COMPARE}/\"")));
    assert!(
        text.contains("第三条（修改）、第三条之一（新增）、第四条（修改第二款）"),
        "{text}"
    );
    // The older text links the newer one.
    let old = page(&format!("{POLICY}/2019-03-01"));
    assert!(old.contains("href=\"/policies/sample-measures/\""));
    // An article says when it last changed, by what, and links its texts.
    let art = text_of(&page(&format!("{POLICY}/art_3")));
    assert!(art.contains("本条最后修改于2023年6月1日：由示例：关于修改《示例：某某办法》的决定修改，自2023年6月1日起施行"), "{art}");
    let art = page(&format!("{POLICY}/art_3"));
    assert!(art.contains("href=\"/policies/sample-measures/2019-03-01/art_3/\""));
    assert!(text_of(&page(&format!("{POLICY}/art_1"))).contains("本条自最初文本以来未作修改"));
    assert!(text_of(&page(&format!("{POLICY}/art_3-1"))).contains("本条最后增加于2023年6月1日"));
    // The full text in force says under each changed article what changed
    // it and when, and nothing under the others.
    let notes: Vec<String> = html
        .split("<p class=\"article-note\">")
        .skip(1)
        .map(|n| text_of(&n[..n.find("</p>").unwrap()]))
        .collect();
    assert_eq!(
        notes,
        [
            "由示例：关于修改《示例：某某办法》的决定修改，自2023年6月1日起施行（新旧对照：第三条）",
            "由示例：关于修改《示例：某某办法》的决定增加，自2023年6月1日起施行（新旧对照：第三条之一）",
            "由示例：关于修改《示例：某某办法》的决定修改，自2023年6月1日起施行（新旧对照：第四条）",
        ]
    );
    assert!(html.contains(&format!("href=\"/{COMPARE}/#art_4\"")));
}

#[test]
fn the_comparison_marks_exactly_the_changed_characters() {
    let html = marks(&page(COMPARE));
    assert!(
        html.contains("<caption>修改的条款（3条）</caption>"),
        "{html}"
    );
    assert!(html.contains("<th scope=\"col\">修改前</th><th scope=\"col\">修改后</th>"));
    assert!(
        html.contains("申请人应当在<del>三十</del>日内提交材料。"),
        "{html}"
    );
    assert!(
        html.contains("申请人应当在<ins>十五</ins>日内提交材料。"),
        "{html}"
    );
    assert!(
        html.contains("<ins>申请人可以通过网上平台提交材料。</ins>"),
        "{html}"
    );
    assert!(html.contains("办理流程<del>和</del>办理时限。"), "{html}");
    assert!(
        html.contains("办理流程<ins>、</ins>办理时限<ins>和收费标准</ins>。"),
        "{html}"
    );
    // Nothing else is marked: three deletions and four insertions in all.
    assert_eq!(
        html.matches("<del>").count() - html.matches("<del>删除线</del>").count(),
        2
    );
    assert_eq!(
        html.matches("<ins>").count() - html.matches("<ins>下划线</ins>").count(),
        4
    );
    // Unchanged articles are listed, not compared.
    let text = text_of(&html);
    assert!(text.contains("未修改的条款（3条）"), "{text}");
    // Screen readers hear what changed.
    assert!(page(COMPARE).contains("<del><span class=\"visually-hidden\">删除：</span>三十</del>"));
}

#[test]
fn the_amending_decision_links_every_article_it_changed() {
    let html = page("policies/sample-measures-decision");
    let start = html
        .find("<section class=\"amends\"")
        .expect("本决定修改了");
    let amends = &html[start..start + html[start..].find("</section>").unwrap()];
    let text = text_of(amends);
    assert!(
        text.contains("本决定修改了《示例：某某办法（2019年版/2023年修正）》第三条（修改）、第三条之一（新增）、第四条（修改）"),
        "{text}"
    );
    for eid in ["art_3", "art_3-1", "art_4"] {
        assert!(
            amends.contains(&format!("href=\"/policies/sample-measures/{eid}/\"")),
            "{eid}"
        );
    }
    assert!(amends.contains(&format!("href=\"/{COMPARE}/\"")));
}

#[test]
fn every_text_is_in_the_sitemap_and_only_the_text_in_force_is_searched() {
    let sitemap = std::fs::read_to_string(built().join("sitemap.xml")).unwrap();
    for loc in [
        "policies/sample-measures/",
        "policies/sample-measures/2019-03-01/",
        "policies/sample-measures/2019-03-01/art_3/",
        "policies/sample-measures/compare/2019-03-01..2023-06-01/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://policies.example/{loc}</loc>")),
            "{loc}"
        );
    }
    let mut index = Index::open(&built().join("search")).unwrap();
    let r = index
        .search("申请人提交材料", &Filters::new(), 20, false)
        .unwrap();
    assert!(!r.results.is_empty());
    assert!(
        r.results[0].url.contains("/policies/sample-measures/"),
        "{:?}",
        r.results[0]
    );
    assert!(
        r.results
            .iter()
            .all(|h| !h.url.contains("2019-03-01") && !h.url.contains("/compare/")),
        "{:?}",
        r.results
    );
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A site with a home page and a `policies` section, for the policies a
/// test writes.
fn policies_site(root: &Path) {
    write(
        root,
        "gongkai.yaml",
        "title: 示例\nbase_url: https://example.org/\n",
    );
    write(root, "content/_index.md", "---\ntitle: 首页\n---\n");
    write(
        root,
        "content/policies/_index.md",
        "---\ntitle: 政策\n---\n",
    );
}

const POLICY_FRONT: &str = "type: policy\nissuer: 示例机关\nwritten: 2020-01-01\n";

#[test]
fn bad_versions_are_reported_together_at_their_file_and_line() {
    let tmp = tempfile::TempDir::new().unwrap();
    let root = tmp.path();
    policies_site(root);
    let text = "第一条　示例。\n第二条　示例。\n";
    write(
        root,
        "content/policies/a/index.md",
        &format!("---\ntitle: 示例甲\n{POLICY_FRONT}version_date: 2020-01-01\n---\n{text}"),
    );
    // The same date as the text in force.
    write(root, "content/policies/a/versions/2020-01-01.md", text);
    // A name that is not a date.
    write(root, "content/policies/a/versions/2019-13-01.md", text);
    // Not a policy text.
    write(
        root,
        "content/policies/a/versions/2018-01-01.md",
        "---\nnote: 示例\n---\n这是一段说明，不是政策正文。\n",
    );
    // A and B amend each other.
    write(
        root,
        "content/policies/b/index.md",
        &format!("---\ntitle: 示例乙\n{POLICY_FRONT}---\n{text}"),
    );
    write(
        root,
        "content/policies/b/versions/2019-01-01.md",
        &format!("---\nnote: 示例\namended_by: \"@/policies/c.md\"\n---\n{text}"),
    );
    write(
        root,
        "content/policies/c.md",
        &format!(
            "---\ntitle: 示例丙\n{POLICY_FRONT}status: amended\namended_by: \"@/policies/b/index.md\"\n---\n{text}"
        ),
    );
    let o = gongkai()
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(root.join("out"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    // `check` finds the same, in both languages.
    let (code, checked) = check(root);
    assert_eq!(code, Some(1));
    assert_eq!(common::places(&checked), common::places(&stderr));
    assert!(!stderr.contains("panicked"), "{stderr}");
    let messages = common::messages(&stderr);
    for (place, says) in [
        (
            "content/policies/a/versions/2019-13-01.md:1:1:",
            "is not a date",
        ),
        (
            "content/policies/a/versions/2020-01-01.md:1:1:",
            "has the same date as the text in force",
        ),
        (
            "content/policies/a/versions/2018-01-01.md:4:1:",
            "has no articles",
        ),
        (
            "content/policies/b/versions/2019-01-01.md:3:13:",
            "amend each other",
        ),
    ] {
        assert!(stderr.contains(place), "{place}\n{stderr}");
        assert!(messages.contains(says), "{says}\n{stderr}");
    }
}

/// A copy of the fixture to change.
fn copy_fixture(dir: &Path) -> PathBuf {
    let site = dir.join("site");
    crate::common::copy_tree(&fixture(), &site);
    site
}

#[test]
fn serve_keeps_the_comparison_and_the_decision_in_step_with_the_text_in_force() {
    let tmp = tempfile::TempDir::new().unwrap();
    let site = copy_fixture(tmp.path());
    let out = tmp.path().join("served");
    let options = gongkai::BuildOptions {
        root: site.clone(),
        output: Some(out.clone()),
        base_url: None,
        drafts: false,
        future: false,
        force: false,
    };
    let (mut session, _) = gongkai::Session::start(options).unwrap();
    // The body of the text in force changes: article 2 now differs too.
    let file = site.join("content/policies/sample-measures/index.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("本市行政区域内", "本市行政区域内（示例）"),
    )
    .unwrap();
    session
        .apply(&[PathBuf::from("content/policies/sample-measures/index.md")])
        .unwrap();
    let read = |p: &str| std::fs::read_to_string(out.join(p).join("index.html")).unwrap();
    let compare = marks(&read(COMPARE));
    assert!(
        compare.contains("本市行政区域内<ins>（示例）</ins>的示例事项"),
        "{compare}"
    );
    let decision = text_of(&read("policies/sample-measures-decision"));
    assert!(decision.contains("第二条（修改）"), "{decision}");
    // And the same as a full build.
    let full = tmp.path().join("full");
    common::build(&site, &full, &[]);
    assert_eq!(
        std::fs::read(out.join(COMPARE).join("index.html")).unwrap(),
        std::fs::read(full.join(COMPARE).join("index.html")).unwrap()
    );
}

/// `gongkai check` of `root`: its exit status and what it printed, held to
/// the same run in Chinese (the same status and places, no English).
fn check(root: &Path) -> (Option<i32>, String) {
    let mut c = gongkai();
    c.args(["check", "--root"]).arg(root);
    let o = c.output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    common::assert_same_in_chinese(&c, o.status.code(), &stderr);
    (o.status.code(), stderr)
}

/// A site with the policy 示例办法 (`content/policies/p/`) of twenty
/// articles, whose 2020 text was amended by `content/policies/decision.md`
/// (its instructions `items`, from line 8) into the text in force: 第七条
/// changed, 第十七条之一 inserted, 第二十条 deleted.
fn amended_site(items: &str) -> tempfile::TempDir {
    const NUMBERS: [&str; 20] = [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
        "十五", "十六", "十七", "十八", "十九", "二十",
    ];
    let tmp = tempfile::TempDir::new().unwrap();
    let root = tmp.path();
    policies_site(root);
    let old: String = NUMBERS
        .iter()
        .map(|n| format!("第{n}条　示例第{n}条。\n"))
        .collect();
    let new = old
        .replace("示例第七条。", "示例第七条（修改）。")
        .replace(
            "第十七条　示例第十七条。\n",
            "第十七条　示例第十七条。\n第十七条之一　示例新增。\n",
        )
        .replace("第二十条　示例第二十条。\n", "");
    write(
        root,
        "content/policies/p/index.md",
        &format!("---\ntitle: 示例办法\n{POLICY_FRONT}version_date: 2024-02-01\n---\n{new}"),
    );
    write(
        root,
        "content/policies/p/versions/2020-01-01.md",
        &format!("---\namended_by: \"@/policies/decision.md\"\n---\n{old}"),
    );
    write(
        root,
        "content/policies/decision.md",
        &format!(
            "---\ntitle: 示例决定\n{POLICY_FRONT}---\n示例机关决定对《示例办法》作如下修改：\n{items}本决定自2024年2月1日起施行。\n"
        ),
    );
    tmp
}

/// Instructions that say exactly what changed between the two texts.
const AGREEING: &str = "一、将第七条修改为：“第七条　示例第七条（修改）。”\n\
    二、在第十七条后增加一条，作为第十七条之一：“第十七条之一　示例新增。”\n\
    三、删去第二十条。\n";

fn warnings(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect()
}

#[test]
fn a_decision_whose_items_agree_with_the_texts_passes_without_a_warning() {
    let site = amended_site(AGREEING);
    let (code, stderr) = check(site.path());
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(warnings(&stderr), Vec::<&str>::new(), "{stderr}");
    // Nor does the example site's own decision disagree with its texts.
    let (code, stderr) = check(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert_eq!(code, Some(0), "{stderr}");
    let sample: Vec<&str> = warnings(&stderr)
        .into_iter()
        .filter(|w| w.contains("sample-measures"))
        .collect();
    assert_eq!(sample, Vec::<&str>::new(), "{stderr}");
}

#[test]
fn an_item_naming_an_article_the_policy_does_not_have_is_an_error_at_its_line() {
    let site = amended_site(&format!(
        "一、将第九十九条修改为：“第九十九条　示例。”\n二、删去第三十条。\n{AGREEING}"
    ));
    let (code, stderr) = check(site.path());
    assert_eq!(code, Some(1), "{stderr}");
    // Without spaces: miette wraps a long message where it likes, and
    // Chinese has no spaces to wrap at.
    let squeeze = |s: &str| s.replace([' ', '\n'], "");
    let messages = squeeze(&common::messages(&stderr));
    let text = "its text of 2020-01-01 (`content/policies/p/versions/2020-01-01.md`), which this decision amended";
    for (place, says) in [
        (
            "content/policies/decision.md:8:4:",
            format!("第九十九条 is not an article of 《示例办法》: {text}, has no 第九十九条"),
        ),
        (
            "content/policies/decision.md:9:5:",
            format!("第三十条 is not an article of 《示例办法》: {text}, has no 第三十条"),
        ),
    ] {
        assert!(stderr.contains(place), "{place}\n{stderr}");
        assert!(messages.contains(&squeeze(&says)), "{says}\n{stderr}");
    }
    assert!(
        stderr.contains("that text has 20 articles, 第一条 to 第二十条"),
        "{stderr}"
    );
    assert_eq!(common::places(&stderr).len(), 2, "{stderr}");
    // An inserted article is looked for in the text the decision produced.
    let site = amended_site("一、增加一条，作为第十八条之一：“第十八条之一　示例。”\n");
    let (code, stderr) = check(site.path());
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("content/policies/decision.md:8:10:"),
        "{stderr}"
    );
    assert!(
        squeeze(&common::messages(&stderr)).contains(&squeeze("this item inserts 第十八条之一 into 《示例办法》, but the text of 2024-02-01 (`content/policies/p/index.md`), which this decision produced, has no 第十八条之一")),
        "{stderr}"
    );
}

#[test]
fn a_decision_that_disagrees_with_the_texts_is_a_warning_at_each_place() {
    // 第八条 did not change; 第二十条 was deleted but no item says so.
    let site = amended_site(
        "一、将第七条修改为：“第七条　示例第七条（修改）。”\n\
         二、将第八条修改为：“第八条　示例第八条。”\n\
         三、在第十七条后增加一条，作为第十七条之一：“第十七条之一　示例新增。”\n",
    );
    let (code, stderr) = check(site.path());
    assert_eq!(
        code,
        Some(0),
        "a disagreement does not stop the build:\n{stderr}"
    );
    assert_eq!(
        warnings(&stderr),
        [
            "warning: content/policies/decision.md:9:4: this item names 第八条 of 《示例办法》, but 第八条 is the same in its texts of 2020-01-01 and 2024-02-01",
            "warning: content/policies/p/versions/2020-01-01.md:23:1: 第二十条 of 《示例办法》 differs between its texts of 2020-01-01 and 2024-02-01, but no item of the amending decision `content/policies/decision.md` names it",
        ],
        "{stderr}"
    );
}

#[test]
fn a_circle_of_three_amendments_is_an_error_naming_every_document_in_order() {
    let tmp = tempfile::TempDir::new().unwrap();
    let root = tmp.path();
    policies_site(root);
    let text = "第一条　示例。\n第二条　示例。\n";
    // 甲's earlier text amended by 乙, 乙's by 丙, and 丙 by 甲.
    for (name, title, by) in [("a", "示例甲", "b/index.md"), ("b", "示例乙", "c.md")] {
        write(
            root,
            &format!("content/policies/{name}/index.md"),
            &format!("---\ntitle: {title}\n{POLICY_FRONT}---\n{text}"),
        );
        write(
            root,
            &format!("content/policies/{name}/versions/2019-01-01.md"),
            &format!("---\namended_by: \"@/policies/{by}\"\n---\n{text}"),
        );
    }
    write(
        root,
        "content/policies/c.md",
        &format!(
            "---\ntitle: 示例丙\n{POLICY_FRONT}status: amended\namended_by: \"@/policies/a/index.md\"\n---\n{text}"
        ),
    );
    let (code, stderr) = check(root);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(
        common::places(&stderr),
        ["content/policies/a/versions/2019-01-01.md:2:13"],
        "one error for the circle:\n{stderr}"
    );
    let says = "these documents amend each other in a circle: `content/policies/a/versions/2019-01-01.md` → `content/policies/b/versions/2019-01-01.md` → `content/policies/c.md` → `content/policies/a/versions/2019-01-01.md`";
    assert!(common::messages(&stderr).contains(says), "{stderr}");
}

#[test]
fn serve_checks_an_edited_decision_against_the_texts_again() {
    let tmp = tempfile::TempDir::new().unwrap();
    let site = copy_fixture(tmp.path());
    let options = gongkai::BuildOptions {
        root: site.clone(),
        output: Some(tmp.path().join("served")),
        base_url: None,
        drafts: false,
        future: false,
        force: false,
    };
    let (mut session, _) = gongkai::Session::start(options).unwrap();
    // Only the decision's body changes: it now names an article the 2019
    // text does not have.
    let rel = "content/policies/sample-measures-decision.md";
    let file = site.join(rel);
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("将第四条第二款", "将第九十九条第二款")).unwrap();
    let Err(errors) = session.apply(&[PathBuf::from(rel)]) else {
        panic!("the edited decision was accepted");
    };
    let places: Vec<String> = errors.0.iter().filter_map(|d| d.place()).collect();
    assert_eq!(places, [format!("{rel}:14:4")], "{errors:?}");
}

#[test]
fn a_decision_that_amends_two_policies_is_checked_group_by_group() {
    // 示例办法 has twenty articles, 示例规定 two: 第七条 is 示例办法's, and
    // under the line that names 示例规定 it is an error.
    let site = amended_site(&format!(
        "一、对《示例办法》作出修改\n{AGREEING}二、对《示例规定》作出修改\n（一）将第七条修改为：“第七条　示例。”\n"
    ));
    let root = site.path();
    let text = "第一条　示例。\n第二条　示例。\n";
    write(
        root,
        "content/policies/q/index.md",
        &format!("---\ntitle: 示例规定\n{POLICY_FRONT}version_date: 2024-02-01\n---\n{text}"),
    );
    write(
        root,
        "content/policies/q/versions/2020-01-01.md",
        &format!("---\namended_by: \"@/policies/decision.md\"\n---\n{text}"),
    );
    let (code, stderr) = check(root);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(
        common::places(&stderr),
        ["content/policies/decision.md:13:5"],
        "{stderr}"
    );
    assert!(
        common::messages(&stderr).contains("第七条 is not an article of 《示例规定》"),
        "{stderr}"
    );
}
