//! Incremental rebuilds give exactly the output of a full build: a seeded
//! sequence of random edits (page bodies that change summaries, headings
//! and links; policy articles added and removed; front matter; a broken
//! link and its fix; pages added, renamed and deleted in a paginated
//! section, and links to them; a section's `_index.md`; a policy with an
//! earlier text, its version files added, edited and deleted) is applied
//! to a session, and after every edit the session's output is compared
//! byte for byte with a fresh full build.

use crate::common::{self, gongkai, serve_options};

use std::path::{Path, PathBuf};

use gongkai::{Rebuild, Session};

/// A file to write, or to delete (`None`).
type FileEdit = (PathBuf, Option<String>);

const NEWS: usize = 12;

fn news_page(i: usize, day: usize, first: &str, heading: &str, extra: &str) -> String {
    format!(
        "---\ntitle: 新闻{i}\ndate: 2025-01-{day:02}\n---\n{first}\n\n## {heading}\n\n正文{i}。{extra}\n"
    )
}

/// A news page that links to another page by `@/`.
fn linking_page(i: usize, target: &str) -> String {
    news_page(
        i,
        i + 1,
        &format!("第{i}篇的摘要。"),
        "小标题",
        &format!("见[另一篇](@/{target})。"),
    )
}

/// The sample policy with an earlier text and its amending decision, from
/// the policy fixture (示例 texts). The decision is put in another section
/// than the policy, so that it is not also the policy's neighbour.
fn add_versioned_policy(site: &Path) {
    let from =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/policies/content/policies");
    let to = site.join("content/policies/sample-measures");
    std::fs::create_dir_all(to.join("versions")).unwrap();
    std::fs::copy(from.join("sample-measures/index.md"), to.join("index.md")).unwrap();
    let version = std::fs::read_to_string(from.join("sample-measures/versions/2019-03-01.md"))
        .unwrap()
        .replace(
            "@/policies/sample-measures-decision.md",
            "@/sample-measures-decision.md",
        );
    std::fs::write(to.join("versions/2019-03-01.md"), version).unwrap();
    std::fs::copy(
        from.join("sample-measures-decision.md"),
        site.join("content/sample-measures-decision.md"),
    )
    .unwrap();
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

#[test]
fn random_edits_give_the_output_of_a_full_build() {
    let tmp = tempfile::tempdir().unwrap();
    let site = setup(tmp.path());
    let served = tmp.path().join("served");
    let policy = site.join("content/policies/sample.md");
    let policy_text = std::fs::read_to_string(&policy).unwrap();
    let mut random = common::Random(0x9e37_79b9_7f4a_7c15);
    let mut partial = 0;
    let mut full = 0;

    add_versioned_policy(&site);
    let (mut session, _) = Session::start(serve_options(&site, &served)).unwrap();
    let versioned = site.join("content/policies/sample-measures/index.md");
    let versioned_text = std::fs::read_to_string(&versioned).unwrap();
    let version = site.join("content/policies/sample-measures/versions/2019-03-01.md");
    let version_text = std::fs::read_to_string(&version).unwrap();
    let earliest = site.join("content/policies/sample-measures/versions/2016-01-01.md");
    let index = site.join("content/news/_index.md");
    // Pages added to the news (by number), and which news page links to which.
    let mut extras: Vec<usize> = Vec::new();
    let mut links: std::collections::BTreeMap<usize, usize> = Default::default();
    let mut reshaped = 0;

    for step in 0..90 {
        let which = random.below(NEWS);
        let news = site.join(format!("content/news/n{which:02}.md"));
        let extra_path = |n: usize| site.join(format!("content/news/extra{n}.md"));
        let extra_page =
            |n: usize| news_page(100 + n, 10 + n % 15, &format!("新页面{n}。"), "小标题", "");
        // Edits that change the site's shape or a policy's texts: the
        // files to write (None: delete), and whether the rebuild fails.
        let shaped: Option<(Vec<FileEdit>, bool)> = match random.below(19) {
            // A new page in the paginated section.
            9 | 10 => {
                extras.push(step);
                Some((vec![(extra_path(step), Some(extra_page(step)))], false))
            }
            // A page renamed: the old file goes, the new one comes.
            11 if !extras.is_empty() => {
                let k = random.below(extras.len());
                let (from, to) = (extras[k], step);
                extras[k] = to;
                let linked = links.values().any(|&e| e == from);
                if linked {
                    extras[k] = from;
                }
                Some((
                    vec![
                        (extra_path(from), None),
                        (extra_path(to), Some(extra_page(to))),
                    ],
                    linked,
                ))
            }
            // A page deleted: an error while a page links to it.
            12 if !extras.is_empty() => {
                let k = random.below(extras.len());
                let gone = extras[k];
                let linked = links.values().any(|&e| e == gone);
                if !linked {
                    extras.remove(k);
                }
                Some((vec![(extra_path(gone), None)], linked))
            }
            // A news page links to an added one.
            13 if !extras.is_empty() => {
                let target = extras[random.below(extras.len())];
                links.insert(which, target);
                Some((
                    vec![(
                        news.clone(),
                        Some(linking_page(which, &format!("news/extra{target}.md"))),
                    )],
                    false,
                ))
            }
            // The section's _index.md: its pagination and text.
            14 => {
                let per = 3 + random.below(4);
                Some((
                    vec![(
                        index.clone(),
                        Some(format!(
                            "---\ntitle: 新闻\npaginate_by: {per}\n---\n第{step}次修改的新闻栏目说明。\n"
                        )),
                    )],
                    false,
                ))
            }
            // The earlier text of the versioned policy.
            15 => {
                let days = ["三十日", "二十日", "四十日"][random.below(3)];
                Some((
                    vec![(version.clone(), Some(version_text.replace("三十日", days)))],
                    false,
                ))
            }
            // Its text in force: an article's words, or an article more.
            16 => {
                let text = match random.below(3) {
                    0 => versioned_text.clone(),
                    1 => versioned_text.replace("十五日", "十日"),
                    _ => versioned_text.replace(
                        "第五条　本办法自2019年3月1日起施行。",
                        "第五条　本办法自2019年3月1日起施行。\n第六条　示例新增的一条。",
                    ),
                };
                Some((vec![(versioned.clone(), Some(text))], false))
            }
            // An even earlier text, added or deleted.
            17 | 18 => {
                let text = (!earliest.exists()).then(|| {
                    version_text
                        .replace("amended_by: \"@/sample-measures-decision.md\"\n", "")
                        .replace("示例：原始文本", "示例：更早的文本")
                        .replace("三十日", "六十日")
                });
                Some((vec![(earliest.clone(), text)], false))
            }
            _ => None,
        };
        if let Some((files, broken)) = shaped {
            let before: Vec<Option<String>> = files
                .iter()
                .map(|(p, _)| std::fs::read_to_string(p).ok())
                .collect();
            for (path, text) in &files {
                match text {
                    Some(t) => std::fs::write(path, t).unwrap(),
                    None => std::fs::remove_file(path).unwrap(),
                }
            }
            let paths: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
            let result = session.apply(&paths);
            if broken {
                assert!(
                    result.is_err(),
                    "step {step}: deleting a linked page must fail the rebuild"
                );
                for ((path, _), text) in files.iter().zip(&before) {
                    match text {
                        Some(t) => std::fs::write(path, t).unwrap(),
                        None => std::fs::remove_file(path).unwrap(),
                    }
                }
                session.apply(&paths).unwrap();
            } else {
                match result.unwrap_or_else(|d| panic!("step {step}: {d}")) {
                    Rebuild::Partial { .. } => reshaped += 1,
                    Rebuild::Full(_) => panic!("step {step}: {paths:?} must rebuild partially"),
                }
            }
            common::assert_served_as_built(
                &mut session,
                &served,
                &site,
                tmp.path(),
                &format!("step {step}"),
            );
            continue;
        }
        let (path, text, broken) = match random.below(10) {
            9 => {
                // The same text again.
                let same = std::fs::read_to_string(&news).unwrap();
                (news.clone(), same, false)
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
        if path == site.join(format!("content/news/n{which:02}.md")) && !broken && text != before {
            links.remove(&which);
        }
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
        common::assert_served_as_built(
            &mut session,
            &served,
            &site,
            tmp.path(),
            &format!("step {step}"),
        );
    }
    assert!(
        partial >= 20,
        "body, front matter and template edits must rebuild incrementally ({partial} partial, {full} full)"
    );
    assert!(
        reshaped >= 25,
        "added, renamed and deleted pages, sections and versions: {reshaped} partial"
    );
}

#[test]
fn a_body_edit_renders_only_what_depends_on_it() {
    let tmp = tempfile::tempdir().unwrap();
    let site = setup(tmp.path());
    let served = tmp.path().join("served");
    let (mut session, _) = Session::start(serve_options(&site, &served)).unwrap();
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
    gongkai::build(&serve_options(&site, &reference)).unwrap();
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
    let (mut session, _) = Session::start(serve_options(&site, &served)).unwrap();
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

    common::assert_served_as_built(&mut session, &served, &site, tmp.path(), "after the edits");
}

#[test]
fn a_template_edit_renders_only_the_pages_that_use_it() {
    let tmp = tempfile::tempdir().unwrap();
    let site = setup(tmp.path());
    let served = tmp.path().join("served");
    let (mut session, _) = Session::start(serve_options(&site, &served)).unwrap();

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
    std::fs::write(&header, text.replace("主导航", "网站导航")).unwrap();
    common::assert_served_as_built(&mut session, &served, &site, tmp.path(), "last good site");
}

#[test]
fn added_and_deleted_pages_leave_no_stale_output() {
    let tmp = tempfile::tempdir().unwrap();
    let site = setup(tmp.path());
    let served = tmp.path().join("served");
    let (mut session, _) = Session::start(serve_options(&site, &served)).unwrap();
    let partial = |r: Rebuild| match r {
        Rebuild::Partial { tasks, .. } => tasks,
        Rebuild::Full(_) => panic!("must rebuild partially"),
    };

    // Twelve news pages, five a page: a thirteenth needs no new list page,
    // a fourth list page comes with the sixteenth.
    let added = site.join("content/news/new.md");
    std::fs::write(&added, news_page(99, 20, "新增的页面。", "小标题", "")).unwrap();
    let tasks = partial(session.apply(std::slice::from_ref(&added)).unwrap());
    assert!(tasks < 15, "{tasks} tasks for one new page");
    assert!(served.join("news/new/index.html").is_file());
    let more: Vec<PathBuf> = (0..3)
        .map(|k| site.join(format!("content/news/more{k}.md")))
        .collect();
    for (k, path) in more.iter().enumerate() {
        std::fs::write(path, news_page(90 + k, 21 + k, "又一篇。", "小标题", "")).unwrap();
    }
    partial(session.apply(&more).unwrap());
    assert!(served.join("news/page/4/index.html").is_file());

    // Renamed: the old page's output goes, the list pages follow.
    let renamed = site.join("content/news/renamed.md");
    std::fs::rename(&added, &renamed).unwrap();
    partial(session.apply(&[added.clone(), renamed.clone()]).unwrap());
    assert!(!served.join("news/new").exists());
    assert!(served.join("news/renamed/index.html").is_file());

    // Deleted, with the list page that no longer has pages.
    let deleted = site.join("content/news/n05.md");
    std::fs::remove_file(&deleted).unwrap();
    partial(session.apply(std::slice::from_ref(&deleted)).unwrap());
    assert!(
        !served.join("news/n05").exists(),
        "a deleted page's output is gone"
    );
    assert!(
        !served.join("news/page/4").exists(),
        "so is its last list page"
    );

    // A page that another links to cannot go: the error a full build
    // gives, and the last good site stays.
    std::fs::write(
        site.join("content/news/n01.md"),
        linking_page(1, "news/renamed.md"),
    )
    .unwrap();
    partial(session.apply(&[site.join("content/news/n01.md")]).unwrap());
    std::fs::remove_file(&renamed).unwrap();
    let error = match session.apply(std::slice::from_ref(&renamed)) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("deleting a linked page must fail"),
    };
    assert!(error.contains("news/renamed.md"), "{error}");
    assert!(served.join("news/renamed/index.html").is_file());
    std::fs::write(&renamed, news_page(99, 20, "新增的页面。", "小标题", "")).unwrap();
    partial(session.apply(std::slice::from_ref(&renamed)).unwrap());

    // A section's _index.md: its pages and list pages, as a full build.
    let index = site.join("content/news/_index.md");
    std::fs::write(
        &index,
        "---\ntitle: 新闻\npaginate_by: 3\n---\n栏目说明。\n",
    )
    .unwrap();
    partial(session.apply(std::slice::from_ref(&index)).unwrap());
    assert!(served.join("news/page/5/index.html").is_file());

    // A new section folder is a full build.
    let folder = site.join("content/notices");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("_index.md"), "---\ntitle: 通知\n---\n").unwrap();
    std::fs::write(folder.join("a.md"), news_page(1, 2, "通知。", "小标题", "")).unwrap();
    assert!(matches!(
        session
            .apply(&[folder.join("_index.md"), folder.join("a.md")])
            .unwrap(),
        Rebuild::Full(_)
    ));

    common::assert_served_as_built(&mut session, &served, &site, tmp.path(), "after the edits");
}

#[test]
fn a_versioned_policy_edit_renders_its_texts_comparisons_and_decision() {
    let tmp = tempfile::tempdir().unwrap();
    let site = setup(tmp.path());
    add_versioned_policy(&site);
    let served = tmp.path().join("served");
    let (mut session, _) = Session::start(serve_options(&site, &served)).unwrap();
    let bundle = site.join("content/policies/sample-measures");
    let compare = served.join("policies/sample-measures/compare/2019-03-01..2023-06-01/index.html");
    let compared = std::fs::read(&compare).unwrap();

    // The earlier text: its pages, the comparison, not the whole site.
    let version = bundle.join("versions/2019-03-01.md");
    let text = std::fs::read_to_string(&version).unwrap();
    std::fs::write(&version, text.replace("三十日", "二十日")).unwrap();
    match session.apply(std::slice::from_ref(&version)).unwrap() {
        Rebuild::Partial { tasks, .. } => assert!(tasks < 10, "{tasks} tasks"),
        Rebuild::Full(_) => panic!("a version edit must not rebuild everything"),
    }
    assert_ne!(
        std::fs::read(&compare).unwrap(),
        compared,
        "the comparison changed"
    );
    let old_article = served.join("policies/sample-measures/2019-03-01/art_3/index.html");
    assert!(
        std::fs::read_to_string(&old_article)
            .unwrap()
            .contains("二十日")
    );

    // The text in force gains an article: the decision lists it.
    let index = bundle.join("index.md");
    let text = std::fs::read_to_string(&index).unwrap();
    std::fs::write(
        &index,
        text.replace(
            "第五条　本办法自2019年3月1日起施行。",
            "第五条　本办法自2019年3月1日起施行。\n第六条　示例新增的一条。",
        ),
    )
    .unwrap();
    assert!(matches!(
        session.apply(std::slice::from_ref(&index)).unwrap(),
        Rebuild::Partial { .. }
    ));
    let decision =
        std::fs::read_to_string(served.join("sample-measures-decision/index.html")).unwrap();
    assert!(
        decision.contains("第六条"),
        "the decision lists the new article"
    );

    // An earlier text added, then deleted: its pages come and go.
    let earliest = bundle.join("versions/2016-01-01.md");
    std::fs::write(
        &earliest,
        std::fs::read_to_string(&version)
            .unwrap()
            .replace("amended_by: \"@/sample-measures-decision.md\"\n", "")
            .replace("二十日", "六十日"),
    )
    .unwrap();
    assert!(matches!(
        session.apply(std::slice::from_ref(&earliest)).unwrap(),
        Rebuild::Partial { .. }
    ));
    assert!(
        served
            .join("policies/sample-measures/2016-01-01/index.html")
            .is_file()
    );
    std::fs::remove_file(&earliest).unwrap();
    assert!(matches!(
        session.apply(std::slice::from_ref(&earliest)).unwrap(),
        Rebuild::Partial { .. }
    ));
    assert!(!served.join("policies/sample-measures/2016-01-01").exists());
    assert!(
        !served
            .join("policies/sample-measures/compare/2016-01-01..2019-03-01")
            .exists()
    );

    common::assert_served_as_built(&mut session, &served, &site, tmp.path(), "after the edits");
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
    let (mut session, _) = Session::start(serve_options(&site, &served)).unwrap();

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
    common::assert_served_as_built(&mut session, &served, &site, tmp.path(), "after the edits");
}

#[test]
fn a_stylesheet_edit_copies_only_the_stylesheet() {
    let tmp = tempfile::tempdir().unwrap();
    let site = setup(tmp.path());
    let served = tmp.path().join("served");
    let (mut session, _) = Session::start(serve_options(&site, &served)).unwrap();
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

    common::assert_served_as_built(&mut session, &served, &site, tmp.path(), "after the edits");
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
    let (mut session, _) = Session::start(serve_options(&site, &served)).unwrap();
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
    common::assert_served_as_built(&mut session, &served, &site, tmp.path(), "after the edits");

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
    common::assert_served_as_built(&mut session, &served, &site, tmp.path(), "article restored");
}

/// The search refresh keeps document numbers (docs/search.md, "Numbers and
/// holes"): on the example portal a body edit rewrites at most 10 of its
/// files and a short new page the shards of its own terms; a deleted page
/// leaves a hole and no longer shows in results, a new page takes the
/// hole, and after each the served index answers as a full build's.
#[test]
fn the_search_refresh_keeps_numbers_and_writes_few_files() {
    let tmp = tempfile::tempdir().unwrap();
    let site = common::portal(tmp.path());
    let served = tmp.path().join("served");
    let index = served.join("search");
    let (mut session, _) = Session::start(serve_options(&site, &served)).unwrap();
    let apply = |session: &mut Session, path: &Path, text: Option<&str>| -> usize {
        match text {
            Some(t) => std::fs::write(path, t).unwrap(),
            None => std::fs::remove_file(path).unwrap(),
        }
        session.apply(&[path.to_path_buf()]).unwrap();
        session.refresh_search().unwrap()
    };
    let numbers = |dir: &Path| -> std::collections::BTreeMap<String, u32> {
        common::search_documents(dir)
            .into_iter()
            .map(|(i, (u, _, _))| (u, i))
            .collect()
    };
    let before = numbers(&index);

    // A body edit.
    let about = site.join("content/about.md");
    let text = std::fs::read_to_string(&about).unwrap();
    let written = apply(
        &mut session,
        &about,
        Some(&format!("{text}\n另附示例说明。\n")),
    );
    assert!(
        (1..=10).contains(&written),
        "a body edit wrote {written} search files"
    );
    eprintln!("a body edit: {written} search files written");
    common::assert_served_as_built(&mut session, &served, &site, tmp.path(), "body edit");
    assert_eq!(numbers(&index), before, "a body edit renumbers nothing");

    // Two new pages: each comes after the last document.
    let page = |i: usize| {
        format!("---\ntitle: 示例公告{i}\ndate: 2026-11-0{i}\n---\n示例数据：测试词甲乙{i}。\n")
    };
    let first = site.join("content/news/shili-1.md");
    let written = apply(&mut session, &first, Some(&page(1)));
    eprintln!("a new page: {written} search files written");
    // The shards of its own terms (about 15 here: title unigrams and
    // bigrams, body bigrams), its fragment chunk and the manifest; every
    // one of the 150 shards before numbers and N were kept.
    assert!(
        (1..=20).contains(&written),
        "a new page wrote {written} search files"
    );
    let second = site.join("content/news/shili-2.md");
    apply(&mut session, &second, Some(&page(2)));
    let after = numbers(&index);
    for (url, i) in &before {
        assert_eq!(after.get(url), Some(i), "{url} keeps its number");
    }
    let last = *before.values().max().unwrap();
    let first_number = after["/news/shili-1/"];
    assert!(first_number > last);
    common::assert_served_as_built(&mut session, &served, &site, tmp.path(), "new pages");

    // The first deleted: a hole (`null` in its fragment chunk) that no
    // answer shows.
    let written = apply(&mut session, &first, None);
    eprintln!("a deleted page: {written} search files written");
    let holes = numbers(&index);
    assert!(!holes.contains_key("/news/shili-1/"));
    assert_eq!(holes["/news/shili-2/"], after["/news/shili-2/"]);
    let chunk =
        std::fs::read_to_string(index.join(format!("f/{}.json", first_number / 16))).unwrap();
    assert!(chunk.contains("null"), "the hole is null: {chunk}");
    let found = |query: &str| -> Vec<String> {
        let (_, _, _, results, _) = common::search_answers(&index, query, &[]);
        results.into_iter().flat_map(|(_, urls)| urls).collect()
    };
    assert!(!found("示例公告1 测试词甲乙").contains(&"/news/shili-1/".to_string()));
    assert!(found("示例公告2 测试词甲乙").contains(&"/news/shili-2/".to_string()));
    common::assert_served_as_built(&mut session, &served, &site, tmp.path(), "deleted page");

    // A new page takes the hole.
    let third = site.join("content/news/shili-3.md");
    apply(&mut session, &third, Some(&page(3)));
    assert_eq!(numbers(&index)["/news/shili-3/"], first_number);
    common::assert_served_as_built(&mut session, &served, &site, tmp.path(), "hole taken");
}
