//! Issue 18, parts 2 and 3, as a whole site (tests/fixtures/policies/, the
//! sample 示例：某某办法 with its 2019 text in `versions/` and the sample
//! decision that amended it): each text has its pages, an article as it
//! stood on a date, 历史沿革 and the links both ways, 新旧对照 with
//! `<del>`/`<ins>` on exactly the changed characters, the amending
//! decision's links to the articles it changed, the sitemap and search;
//! and bad versions reported together, each at its file and line.

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

const POLICY_FRONT: &str = "type: policy\nissuer: 示例机关\nwritten: 2020-01-01\n";

#[test]
fn bad_versions_are_reported_together_at_their_file_and_line() {
    let tmp = tempfile::TempDir::new().unwrap();
    let root = tmp.path();
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
