//! Incremental rebuilds give exactly the output of a full build: a seeded
//! sequence of random edits (page bodies that change summaries, headings
//! and links; policy articles added and removed; front matter; a broken
//! link and its fix) is applied to a session, and after every edit the
//! session's output is compared byte for byte with a fresh full build.

use crate::common::{self, gongkai, tree};

use std::path::{Path, PathBuf};

use gongkai::BuildOptions;
use gongkai::{Rebuild, Session};

/// A small deterministic generator (xorshift64*).
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }
}

const NEWS: usize = 12;

fn news_page(i: usize, day: usize, first: &str, heading: &str, extra: &str) -> String {
    format!(
        "---\ntitle: 新闻{i}\ndate: 2025-01-{day:02}\n---\n{first}\n\n## {heading}\n\n正文{i}。{extra}\n"
    )
}

fn setup(dir: &Path) -> PathBuf {
    let site = dir.join("site");
    let o = gongkai().arg("init").arg(&site).output().unwrap();
    assert!(o.status.success());
    std::fs::create_dir_all(site.join("content/news")).unwrap();
    std::fs::write(
        site.join("content/news/_index.md"),
        "---\ntitle: 新闻\npaginate_by: 5\n---\n",
    )
    .unwrap();
    for i in 0..NEWS {
        let text = news_page(i, i + 1, &format!("第{i}篇的摘要。"), "小标题", "");
        std::fs::write(site.join(format!("content/news/n{i:02}.md")), text).unwrap();
    }
    std::fs::write(
        site.join("content/解读.md"),
        "---\ntitle: 示例办法解读\ntype: interpretation\ninterprets: \"@/policies/sample.md\"\ndate: 2025-02-01\n---\n解读的摘要。\n",
    )
    .unwrap();
    site
}

fn options(site: &Path, out: &Path) -> BuildOptions {
    BuildOptions {
        root: site.to_path_buf(),
        output: Some(out.to_path_buf()),
        base_url: None,
        drafts: false,
        future: false,
        force: false,
    }
}

#[test]
fn random_edits_give_the_output_of_a_full_build() {
    let tmp = tempfile::tempdir().unwrap();
    let site = setup(tmp.path());
    let served = tmp.path().join("served");
    let (mut session, _) = Session::start(options(&site, &served)).unwrap();
    let policy = site.join("content/policies/sample.md");
    let policy_text = std::fs::read_to_string(&policy).unwrap();
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let mut partial = 0;
    let mut full = 0;

    for step in 0..40 {
        let which = random.below(NEWS);
        let news = site.join(format!("content/news/n{which:02}.md"));
        let (path, text, broken) = match random.below(10) {
            // A new page: a full build.
            9 => {
                let path = site.join(format!("content/news/extra{step}.md"));
                (
                    path,
                    news_page(100 + step, 15, &format!("新页面{step}。"), "小标题", ""),
                    false,
                )
            }
            // A template: the pages that use it, or all of them for the header.
            7 => {
                let name = [
                    "partials/breadcrumbs.html",
                    "article.html",
                    "partials/header.html",
                    "section.html",
                ][random.below(4)];
                let path = site.join("themes/default/templates").join(name);
                let text = std::fs::read_to_string(&path).unwrap();
                let marker = format!("<!-- {step} -->");
                let text = if text.contains("{% extends") {
                    // A child template: only blocks may hold content.
                    text.replacen(
                        "{% block content %}",
                        &format!("{{% block content %}}{marker}"),
                        1,
                    )
                } else {
                    format!("{text}{marker}\n")
                };
                (path, text, false)
            }
            // A site template overriding the theme's, created or changed.
            8 => {
                let path = site.join("templates/page.html");
                let theme =
                    std::fs::read_to_string(site.join("themes/default/templates/page.html"))
                        .unwrap();
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                if !path.exists() {
                    std::fs::write(&path, &theme).unwrap();
                }
                (
                    path,
                    theme.replace("<article>", &format!("<article data-step=\"{step}\">")),
                    false,
                )
            }
            // A new first paragraph: the summary changes.
            0 => (
                news,
                news_page(which, which + 1, &format!("新摘要{step}。"), "小标题", ""),
                false,
            ),
            // A new heading: the page's anchors change.
            1 => (
                news,
                news_page(
                    which,
                    which + 1,
                    &format!("第{which}篇的摘要。"),
                    &format!("标题{step}"),
                    "",
                ),
                false,
            ),
            // A link into the policy's articles.
            2 => {
                let art = random.below(3) + 1;
                let extra = format!("见[第{art}条](@/policies/sample.md#art_{art})。");
                (
                    news,
                    news_page(
                        which,
                        which + 1,
                        &format!("第{which}篇的摘要。"),
                        "小标题",
                        &extra,
                    ),
                    false,
                )
            }
            // The policy gains or loses an article.
            3 => {
                let text = if step % 2 == 0 {
                    policy_text.replace(
                        "第三条　本办法自发布之日起施行。",
                        "第三条　本办法自发布之日起施行。\n第四条　新增的一条。",
                    )
                } else {
                    policy_text.clone()
                };
                (policy.clone(), text, false)
            }
            // Front matter: the date moves the page in its list.
            4 => (
                news,
                news_page(
                    which,
                    28 - which,
                    &format!("第{which}篇的摘要。"),
                    "小标题",
                    "",
                ),
                false,
            ),
            // A broken link: the rebuild fails and changes nothing.
            5 => (
                news,
                news_page(
                    which,
                    which + 1,
                    "坏链接。",
                    "小标题",
                    "[x](@/policies/sample.md#art_99)",
                ),
                true,
            ),
            // The same text again: nothing to do but stay identical.
            _ => {
                let same = std::fs::read_to_string(&news).unwrap();
                (news, same, false)
            }
        };
        let before = std::fs::read_to_string(&path).unwrap_or_default();
        std::fs::write(&path, &text).unwrap();
        let result = session.apply(std::slice::from_ref(&path));
        if broken {
            assert!(
                result.is_err(),
                "step {step}: a broken link must fail the rebuild"
            );
            // Undo, as an editor fixing the link would.
            std::fs::write(&path, &before).unwrap();
            session.apply(std::slice::from_ref(&path)).unwrap();
        } else {
            match result.unwrap_or_else(|d| panic!("step {step}: {d}")) {
                Rebuild::Full(_) => full += 1,
                Rebuild::Partial { .. } => partial += 1,
            }
        }
        let reference = tmp.path().join(format!("full-{step}"));
        gongkai::build(&options(&site, &reference)).unwrap();
        session.refresh_search().unwrap();
        let (got, want) = (tree(&served), tree(&reference));
        assert_eq!(
            got.keys().collect::<Vec<_>>(),
            want.keys().collect::<Vec<_>>(),
            "step {step}: the same files"
        );
        for (rel, bytes) in &want {
            assert!(
                &got[rel] == bytes,
                "step {step}: {} differs from a full build",
                rel.display()
            );
        }
        std::fs::remove_dir_all(&reference).unwrap();
    }
    assert!(
        partial >= 20,
        "body, front matter and template edits must rebuild incrementally ({partial} partial, {full} full)"
    );
    assert!(
        full >= 2,
        "new pages must rebuild fully ({partial} partial, {full} full)"
    );
}

#[test]
fn a_body_edit_renders_only_what_depends_on_it() {
    let tmp = tempfile::tempdir().unwrap();
    let site = setup(tmp.path());
    let served = tmp.path().join("served");
    let (mut session, _) = Session::start(options(&site, &served)).unwrap();
    let page = site.join("content/news/n03.md");

    let sitemap = std::fs::read(served.join("sitemap.xml")).unwrap();
    // The summary stays: only the page itself. (Paths relative to the site
    // root, as the watcher gives them, work too.)
    std::fs::write(&page, news_page(3, 4, "第3篇的摘要。", "别的标题", "")).unwrap();
    let r = session
        .apply(&[PathBuf::from("content/news/n03.md")])
        .unwrap();
    assert_eq!(
        r,
        Rebuild::Partial {
            tasks: 1,
            files_written: 1
        }
    );
    assert_eq!(sitemap, std::fs::read(served.join("sitemap.xml")).unwrap());
    // Then the search index, which holds the body: only its files that
    // hold the page's terms change; a second refresh has nothing to do.
    let index_files = common::tree(&served.join("search")).len() - 1; // less the search page
    let changed = session.refresh_search().unwrap();
    assert!(
        (1..=index_files).contains(&changed),
        "{changed} of {index_files}"
    );
    assert_eq!(session.refresh_search().unwrap(), 0);

    // A new summary: the page, its list page, its two neighbours, the home page.
    std::fs::write(&page, news_page(3, 4, "全新的摘要。", "别的标题", "")).unwrap();
    match session.apply(std::slice::from_ref(&page)).unwrap() {
        Rebuild::Partial { tasks, .. } => assert_eq!(tasks, 5),
        Rebuild::Full(_) => panic!("a body edit must not rebuild everything"),
    }

    // A shard the new index does not have (an edit can change how many
    // there are) goes, so the index is what a full build writes.
    // So does a tail piece of a frequent term that is no longer there.
    let stray = served.join("search/t/999.json");
    std::fs::write(&stray, "{}").unwrap();
    let stray_tail = served.join("search/x/999-0.json");
    std::fs::create_dir_all(stray_tail.parent().unwrap()).unwrap();
    std::fs::write(&stray_tail, "\"\"").unwrap();
    std::fs::write(&page, news_page(3, 4, "全新的摘要。", "又一个标题", "")).unwrap();
    session.apply(std::slice::from_ref(&page)).unwrap();
    session.refresh_search().unwrap();
    assert!(!stray.exists());
    assert!(!stray_tail.exists());
    let reference = tmp.path().join("full");
    gongkai::build(&options(&site, &reference)).unwrap();
    assert_eq!(
        common::tree(&served.join("search")),
        common::tree(&reference.join("search"))
    );
}

#[test]
fn a_policy_that_loses_an_article_loses_its_page() {
    let tmp = tempfile::tempdir().unwrap();
    let site = setup(tmp.path());
    let served = tmp.path().join("served");
    let (mut session, _) = Session::start(options(&site, &served)).unwrap();
    let policy = site.join("content/policies/sample.md");
    let original = std::fs::read_to_string(&policy).unwrap();
    let longer = original.replace(
        "第三条　本办法自发布之日起施行。",
        "第三条　本办法自发布之日起施行。\n第四条　新增的一条。",
    );
    assert_ne!(longer, original);

    std::fs::write(&policy, &longer).unwrap();
    assert!(matches!(
        session.apply(std::slice::from_ref(&policy)).unwrap(),
        Rebuild::Partial { .. }
    ));
    assert!(served.join("policies/sample/art_4/index.html").is_file());

    std::fs::write(&policy, &original).unwrap();
    assert!(matches!(
        session.apply(std::slice::from_ref(&policy)).unwrap(),
        Rebuild::Partial { .. }
    ));
    assert!(!served.join("policies/sample/art_4").exists());

    let reference = tmp.path().join("full");
    gongkai::build(&options(&site, &reference)).unwrap();
    session.refresh_search().unwrap();
    assert_eq!(tree(&served), tree(&reference));
}

#[test]
fn a_template_edit_renders_only_the_pages_that_use_it() {
    let tmp = tempfile::tempdir().unwrap();
    let site = setup(tmp.path());
    let served = tmp.path().join("served");
    let (mut session, _) = Session::start(options(&site, &served)).unwrap();

    // article.html renders only the articles of the one policy.
    let article = site.join("themes/default/templates/article.html");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(
        &article,
        text.replace("在全文中查看本条", "查看全文中的本条"),
    )
    .unwrap();
    let r = session
        .apply(&[PathBuf::from("themes/default/templates/article.html")])
        .unwrap();
    assert_eq!(
        r,
        Rebuild::Partial {
            tasks: 1,
            files_written: 3
        }
    );
    let page = std::fs::read_to_string(served.join("policies/sample/art_1/index.html")).unwrap();
    assert!(page.contains("查看全文中的本条"));

    // A partial included by other templates: the pages of those.
    let crumbs = site.join("themes/default/templates/partials/breadcrumbs.html");
    let text = std::fs::read_to_string(&crumbs).unwrap();
    std::fs::write(&crumbs, text.replace("当前位置", "您的位置")).unwrap();
    match session.apply(std::slice::from_ref(&crumbs)).unwrap() {
        Rebuild::Partial { tasks, .. } => assert!(tasks > 10, "{tasks} tasks"),
        Rebuild::Full(_) => panic!("a template edit must not reload the content"),
    }
    let listed = std::fs::read_to_string(served.join("news/index.html")).unwrap();
    assert!(listed.contains("您的位置"));

    // The header partial is on every page.
    let header = site.join("themes/default/templates/partials/header.html");
    let text = std::fs::read_to_string(&header).unwrap();
    std::fs::write(&header, text.replace("主导航", "网站导航")).unwrap();
    match session.apply(std::slice::from_ref(&header)).unwrap() {
        Rebuild::Partial { files_written, .. } => assert!(files_written > 20),
        Rebuild::Full(_) => panic!("a template edit must not reload the content"),
    }

    // A syntax error keeps the last good site.
    std::fs::write(&header, "{% if %}").unwrap();
    assert!(session.apply(std::slice::from_ref(&header)).is_err());
    let reference = tmp.path().join("full");
    std::fs::write(&header, text.replace("主导航", "网站导航")).unwrap();
    gongkai::build(&options(&site, &reference)).unwrap();
    session.refresh_search().unwrap();
    assert_eq!(tree(&served), tree(&reference));
}

#[test]
fn added_and_deleted_pages_leave_no_stale_output() {
    let tmp = tempfile::tempdir().unwrap();
    let site = setup(tmp.path());
    let served = tmp.path().join("served");
    let (mut session, _) = Session::start(options(&site, &served)).unwrap();

    let added = site.join("content/news/new.md");
    std::fs::write(&added, news_page(99, 20, "新增的页面。", "小标题", "")).unwrap();
    assert!(matches!(
        session.apply(std::slice::from_ref(&added)).unwrap(),
        Rebuild::Full(_)
    ));
    assert!(served.join("news/new/index.html").is_file());

    let deleted = site.join("content/news/n05.md");
    std::fs::remove_file(&deleted).unwrap();
    assert!(matches!(
        session.apply(std::slice::from_ref(&deleted)).unwrap(),
        Rebuild::Full(_)
    ));
    assert!(
        !served.join("news/n05").exists(),
        "a deleted page's output is gone"
    );

    let reference = tmp.path().join("full");
    gongkai::build(&options(&site, &reference)).unwrap();
    session.refresh_search().unwrap();
    assert_eq!(tree(&served), tree(&reference));
}

#[test]
fn a_front_matter_edit_updates_the_pages_that_show_it() {
    let tmp = tempfile::tempdir().unwrap();
    let site = setup(tmp.path());
    std::fs::write(
        site.join("content/policies/old.md"),
        "---\ntitle: 旧办法\ntype: policy\nissuer: 示例单位\nwritten: 2010-01-01\nstatus: repealed\nrepealed_by: \"@/policies/sample.md\"\n---\n第一条　旧的规定。\n",
    )
    .unwrap();
    let served = tmp.path().join("served");
    let (mut session, _) = Session::start(options(&site, &served)).unwrap();

    // The policy's title is shown by its interpretation and by the banner
    // of the policy it replaced.
    let policy = site.join("content/policies/sample.md");
    let text = std::fs::read_to_string(&policy).unwrap();
    std::fs::write(
        &policy,
        text.replacen("title: 示例管理办法", "title: 改名后的办法", 1),
    )
    .unwrap();
    assert!(matches!(
        session.apply(std::slice::from_ref(&policy)).unwrap(),
        Rebuild::Partial { .. }
    ));
    for shown in ["解读/index.html", "policies/old/index.html"] {
        let page = std::fs::read_to_string(served.join(shown)).unwrap();
        assert!(page.contains("改名后的办法"), "{shown} shows the new title");
    }
    let reference = tmp.path().join("full");
    gongkai::build(&options(&site, &reference)).unwrap();
    session.refresh_search().unwrap();
    assert_eq!(tree(&served), tree(&reference));
}

#[test]
fn a_stylesheet_edit_copies_only_the_stylesheet() {
    let tmp = tempfile::tempdir().unwrap();
    let site = setup(tmp.path());
    let served = tmp.path().join("served");
    let (mut session, _) = Session::start(options(&site, &served)).unwrap();
    let css = site.join("themes/default/static/css/site.css");
    let text = std::fs::read_to_string(&css).unwrap();
    std::fs::write(&css, format!("{text}\n.new {{ color: #000; }}\n")).unwrap();
    let r = session.apply(std::slice::from_ref(&css)).unwrap();
    assert_eq!(
        r,
        Rebuild::Partial {
            tasks: 0,
            files_written: 1
        }
    );

    // The site's own file of the same name wins over the theme's.
    let own = site.join("static/css/site.css");
    std::fs::create_dir_all(own.parent().unwrap()).unwrap();
    std::fs::write(&own, "body{}").unwrap();
    session.apply(std::slice::from_ref(&own)).unwrap();
    std::fs::write(&css, &text).unwrap();
    session.apply(std::slice::from_ref(&css)).unwrap();
    assert_eq!(
        std::fs::read_to_string(served.join("css/site.css")).unwrap(),
        "body{}"
    );

    let reference = tmp.path().join("full");
    gongkai::build(&options(&site, &reference)).unwrap();
    session.refresh_search().unwrap();
    assert_eq!(tree(&served), tree(&reference));
}

/// A minimal directory on top of the test site: two regions, a type, two
/// organizations (one markdown, one CSV row) and a service implementing
/// article 3 of the sample policy.
fn add_directory(site: &Path) {
    let write = |rel: &str, text: &str| {
        let path = site.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "content/regions/_index.md",
        "---\ntitle: 区域\nrecords: region\n---\n",
    );
    write(
        "content/regions/regions.csv",
        "id,name,level,parent\nshi,示例市,市,\nqu,示例区,区县,shi\n",
    );
    write(
        "content/types/_index.md",
        "---\ntitle: 类型\nrecords: org_type\n---\n",
    );
    write(
        "content/types/types.yaml",
        "- id: gonghui\n  name: 工会\n  full_name: 总工会\n",
    );
    write(
        "content/orgs/_index.md",
        "---\ntitle: 组织\nrecords: organization\n---\n",
    );
    write(
        "content/orgs/shi-gonghui.md",
        "---\nname: 示例市总工会\ntype: gonghui\nregion: shi\n---\n市总工会。\n",
    );
    write(
        "content/orgs/rows.csv",
        "id,name,type,region,parent\nqu-gonghui,示例区总工会,gonghui,qu,shi-gonghui\n",
    );
    write(
        "content/services/_index.md",
        "---\ntitle: 服务\nrecords: service\n---\n",
    );
    write(
        "content/services/s.yaml",
        "- id: help\n  title: 职工帮扶\n  provider: qu-gonghui\n  audiences: 职工\n  needs: 困难帮扶\n  implements: art_3\n",
    );
}

#[test]
fn directory_edits_rebuild_what_they_touch_and_stay_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let site = setup(tmp.path());
    add_directory(&site);
    let served = tmp.path().join("served");
    let (mut session, _) = Session::start(options(&site, &served)).unwrap();
    assert!(served.join("orgs/qu-gonghui/index.html").is_file());

    // A table row edit shows on the organization's page and everywhere it
    // is listed, as a full build would.
    let rows = site.join("content/orgs/rows.csv");
    std::fs::write(
        &rows,
        "id,name,type,region,parent\nqu-gonghui,示例区职工总会,gonghui,qu,shi-gonghui\n",
    )
    .unwrap();
    session.apply(std::slice::from_ref(&rows)).unwrap();
    let page = std::fs::read_to_string(served.join("orgs/qu-gonghui/index.html")).unwrap();
    assert!(page.contains("示例区职工总会"));
    let reference = tmp.path().join("full");
    gongkai::build(&options(&site, &reference)).unwrap();
    session.refresh_search().unwrap();
    assert_eq!(tree(&served), tree(&reference));

    // A policy body edit that removes the article a service implements is
    // an error, not a partial rebuild that leaves a dead link.
    let policy = site.join("content/policies/sample.md");
    let original = std::fs::read_to_string(&policy).unwrap();
    let shorter = original.replace("第三条　本办法自发布之日起施行。\n", "");
    assert_ne!(shorter, original);
    std::fs::write(&policy, &shorter).unwrap();
    let error = match session.apply(std::slice::from_ref(&policy)) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("removing an implemented article must fail"),
    };
    assert!(error.contains("art_3"), "{error}");
    std::fs::write(&policy, &original).unwrap();
    session.apply(std::slice::from_ref(&policy)).unwrap();
    session.refresh_search().unwrap();
    assert_eq!(tree(&served), tree(&reference));
}
