//! Whole-site behaviour: the Shaoxing portal publishes the 2015 measures
//! word for word and article by article; builds are deterministic; links
//! work at the root and under a sub-path; sections, bundles, drafts,
//! pagination, Chinese slugs, theme overrides and the site-wide outputs
//! behave as the README documents.

use crate::common::{build, gongkai, text_of, tree};

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path.as_ref())
        .unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// A new site from `gongkai init`.
fn init_site(dir: &Path) -> PathBuf {
    let site = dir.join("site");
    let o = gongkai().arg("init").arg(&site).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    site
}

fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!("{attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

/// Every root-relative `href`/`src` in every HTML file must start with
/// `base_path` and lead to a file of the output (and to an id on it).
fn assert_links_resolve(out: &Path, base_path: &str) -> usize {
    let mut checked = 0;
    for (rel, bytes) in tree(out) {
        if rel.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for link in attr_values(&html, "href")
            .into_iter()
            .chain(attr_values(&html, "src"))
        {
            if link.starts_with("http")
                || link.starts_with('#')
                || link.starts_with("mailto:")
                || link.starts_with("tel:")
            {
                continue;
            }
            let (path, anchor) = link.split_once('#').unwrap_or((link, ""));
            let (base, path) = if path.starts_with('/') {
                assert!(
                    link.starts_with(base_path),
                    "{}: link {link} does not start with {base_path}",
                    rel.display()
                );
                (out.to_path_buf(), &path[base_path.len()..])
            } else {
                (out.join(rel.parent().unwrap()), path)
            };
            let decoded = percent_encoding::percent_decode_str(path)
                .decode_utf8()
                .unwrap()
                .to_string();
            let mut file = base.join(&decoded);
            if decoded.is_empty() || decoded.ends_with('/') {
                file = file.join("index.html");
            }
            assert!(
                file.is_file(),
                "{}: link {link} leads to no file ({})",
                rel.display(),
                file.display()
            );
            if !anchor.is_empty() {
                let target = read(&file);
                assert!(
                    target.contains(&format!("id=\"{anchor}\"")),
                    "{}: anchor #{anchor} missing in {}",
                    rel.display(),
                    file.display()
                );
            }
            checked += 1;
        }
    }
    checked
}

#[test]
fn the_portal_publishes_the_measures_word_for_word() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&repo(), &out, &[]);
    let page = read(out.join("policies/shaoxing-measures-2015/index.html"));
    let text = text_of(&page);

    let source = read(repo().join("../shared/source/shaoxing-measures-2015.txt"));
    let mut lines: Vec<String> = source
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    // The notice's title is set on two lines in the source; it is one title.
    let i = lines
        .iter()
        .position(|l| l == "印发《关于加强和改进党的群团工作的")
        .unwrap();
    let joined = format!("{}{}", lines[i], lines[i + 1]);
    lines.splice(i..i + 2, [joined]);
    assert!(lines.len() > 40);
    for line in &lines {
        assert!(text.contains(line.as_str()), "published text lacks: {line}");
    }

    // Structure: 6 chapters, 30 articles, the notice, each with its id.
    assert_eq!(page.matches("class=\"chapter\"").count(), 6);
    assert_eq!(page.matches("class=\"article\"").count(), 30);
    for n in 1..=30 {
        assert!(page.contains(&format!("id=\"art_{n}\"")));
        let art = read(out.join(format!(
            "policies/shaoxing-measures-2015/art_{n}/index.html"
        )));
        assert!(art.contains(&format!("id=\"art_{n}\"")));
        assert_eq!(
            art.contains("rel=\"prev\""),
            n > 1,
            "article {n} previous link"
        );
        assert_eq!(
            art.contains("rel=\"next\""),
            n < 30,
            "article {n} next link"
        );
    }
    assert!(page.contains("id=\"notice\""));
    let art6 = text_of(&read(
        out.join("policies/shaoxing-measures-2015/art_6/index.html"),
    ));
    assert!(art6.contains("第6条 加快抢占网上阵地"));
    assert!(
        art6.contains("二、推动群团组织改革创新、增强活力"),
        "the article page names its chapter"
    );
    assert!(art6.contains("让群众能在网上找到组织、参加活动、满足需求"));

    // The disclosure panel.
    for (label, value) in [
        ("发文机关", "中共绍兴市委"),
        ("成文日期", "2015年12月16日"),
        (
            "主送",
            "各区、县（市）党委，市级各部门、各单位党委（党组、工委）",
        ),
        ("有效性", "有效"),
    ] {
        assert!(
            text.contains(&format!("{label}{value}")),
            "panel shows {label}: {value}"
        );
    }

    // schema.org Legislation with an @id for every article.
    let start = page.find("application/ld+json\">").unwrap() + "application/ld+json\">".len();
    let json = &page[start..start + page[start..].find("</script>").unwrap()];
    let ld: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(ld["@type"], "Legislation");
    assert_eq!(ld["legislationDate"], "2015-12-16");
    assert_eq!(ld["legislationPassedBy"]["name"], "中共绍兴市委");
    assert_eq!(ld["legislationLegalForce"], "https://schema.org/InForce");
    let parts = ld["hasPart"].as_array().unwrap();
    assert_eq!(parts.len(), 30);
    assert_eq!(
        parts[5]["@id"],
        "https://qt.shaoxing.example/policies/shaoxing-measures-2015/#art_6"
    );

    // The interpretation and its policy link each other.
    let guide = read(out.join("interpretations/measures-2015-guide/index.html"));
    assert!(guide.contains("href=\"/policies/shaoxing-measures-2015/\""));
    assert!(page.contains("href=\"/interpretations/measures-2015-guide/\""));

    assert!(assert_links_resolve(&out, "/") > 100);
}

#[test]
fn two_builds_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    build(&repo(), &tmp.path().join("a"), &[]);
    build(&repo(), &tmp.path().join("b"), &[]);
    let (a, b) = (tree(&tmp.path().join("a")), tree(&tmp.path().join("b")));
    assert!(a.len() > 40);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        assert!(v == &b[k], "{} differs between builds", k.display());
    }
}

#[test]
fn a_sub_path_base_url_gives_working_links() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("portal");
    build(
        &repo(),
        &out,
        &["--base-url", "http://127.0.0.1:8080/portal/"],
    );
    assert!(assert_links_resolve(&out, "/portal/") > 100);
    let sitemap = read(out.join("sitemap.xml"));
    assert!(sitemap.contains(
        "<loc>http://127.0.0.1:8080/portal/policies/shaoxing-measures-2015/art_6/</loc>"
    ));
    assert!(
        read(out.join("robots.txt")).contains("Sitemap: http://127.0.0.1:8080/portal/sitemap.xml")
    );
}

#[test]
fn a_new_site_builds_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let site = init_site(tmp.path());
    let out = tmp.path().join("out");
    build(&site, &out, &[]);
    assert!(out.join("policies/sample/art_2/index.html").is_file());
    assert!(read(out.join("about/index.html")).contains("href=\"/policies/sample/#art_2\""));
    assert_links_resolve(&out, "/");
    // init refuses to overwrite.
    let again = gongkai().arg("init").arg(&site).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn sections_bundles_drafts_pagination_and_chinese_slugs() {
    let tmp = tempfile::tempdir().unwrap();
    let site = init_site(tmp.path());
    write(
        &site,
        "content/新闻/_index.md",
        "---\ntitle: 新闻\nsort_by: weight\npaginate_by: 2\n---\n",
    );
    for (name, weight) in [("甲", 3), ("乙", 1), ("丙", 2), ("丁", 5), ("戊", 4)] {
        write(
            &site,
            &format!("content/新闻/{name}.md"),
            &format!("---\ntitle: 新闻{name}\nweight: {weight}\n---\n正文{name}\n"),
        );
    }
    write(
        &site,
        "content/新闻/草稿.md",
        "---\ntitle: 草稿\ndraft: true\n---\n",
    );
    write(
        &site,
        "content/新闻/报告/index.md",
        "---\ntitle: 年度报告\nslug: annual-report\nweight: 9\n---\n![图](chart.svg)\n",
    );
    write(
        &site,
        "content/新闻/报告/chart.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    write(&site, "content/新闻/附件.pdf", "%PDF-1.4");
    let out = tmp.path().join("out");
    build(&site, &out, &[]);

    // Chinese paths on disk, percent-encoded in links.
    assert!(out.join("新闻/甲/index.html").is_file());
    let list1 = read(out.join("新闻/index.html"));
    assert!(
        list1.contains("href=\"/%E6%96%B0%E9%97%BB/%E4%B9%99/\""),
        "{list1}"
    );
    // Weight order, two per page: 乙(1) 丙(2) | 甲(3) 戊(4) | 丁(5) 年度报告(9)
    assert!(list1.find("新闻乙").unwrap() < list1.find("新闻丙").unwrap());
    assert!(!list1.contains("新闻甲"));
    let list2 = read(out.join("新闻/page/2/index.html"));
    assert!(list2.contains("新闻甲") && list2.contains("新闻戊"));
    assert!(out.join("新闻/page/3/index.html").is_file());
    assert!(!out.join("新闻/page/4").exists());
    // Drafts are left out unless asked for.
    assert!(!out.join("新闻/草稿").exists());
    // Bundles: explicit slug, assets copied beside the page; section assets too.
    assert!(out.join("新闻/annual-report/index.html").is_file());
    assert!(out.join("新闻/annual-report/chart.svg").is_file());
    assert!(out.join("新闻/附件.pdf").is_file());
    assert_links_resolve(&out, "/");

    let out2 = tmp.path().join("out2");
    build(&site, &out2, &["--drafts"]);
    assert!(out2.join("新闻/草稿/index.html").is_file());
}

#[test]
fn policies_status_banners_interpretations_and_items() {
    let tmp = tempfile::tempdir().unwrap();
    let site = init_site(tmp.path());
    write(
        &site,
        "content/policies/old.md",
        "---\ntitle: 旧办法\ntype: policy\nissuer: 示例单位\nwritten: 2010-01-01\nstatus: repealed\nrepealed_by: \"@/policies/sample.md\"\n---\n第一条\u{3000}旧的规定。\n",
    );
    write(
        &site,
        "content/解读.md",
        "---\ntitle: 示例办法解读\ntype: interpretation\ninterprets: \"@/policies/sample.md\"\ndate: 2025-01-05\n---\n见[第二条第一项](@/policies/sample.md#art_2__item_1)。\n",
    );
    let out = tmp.path().join("out");
    build(&site, &out, &[]);
    let old = read(out.join("policies/old/index.html"));
    assert!(old.contains("class=\"status-banner\""));
    assert!(text_of(&old).contains("本文件已废止，请查阅：示例管理办法"));
    assert!(old.contains("href=\"/policies/sample/\""));
    assert!(old.contains("https://schema.org/NotInForce"));
    let sample = read(out.join("policies/sample/index.html"));
    assert!(!sample.contains("class=\"status-banner\""));
    assert!(sample.contains("id=\"art_2__item_1\""));
    assert!(
        sample.contains("href=\"/%E8%A7%A3%E8%AF%BB/\""),
        "the policy lists its interpretation"
    );
    let interp = read(out.join("解读/index.html"));
    assert!(interp.contains("href=\"/policies/sample/#art_2__item_1\""));
    assert!(interp.contains("\"@type\":\"Article\""));
}

#[test]
fn relative_links_in_policy_text_work_on_article_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let site = init_site(tmp.path());
    write(
        &site,
        "content/policies/bundle/index.md",
        "---\ntitle: 带附件的办法\ntype: policy\nissuer: 示例单位\nwritten: 2025-01-01\n---\n第一条　见[附件1](附件1.pdf)。\n- 以短横线开头的原文\n",
    );
    write(&site, "content/policies/bundle/附件1.pdf", "%PDF-1.4");
    let out = tmp.path().join("out");
    build(&site, &out, &[]);
    let article = read(out.join("policies/bundle/art_1/index.html"));
    assert!(
        article.contains("href=\"/policies/bundle/%E9%99%84%E4%BB%B61.pdf\""),
        "{article}"
    );
    let full = read(out.join("policies/bundle/index.html"));
    assert!(
        full.contains("\">- 以短横线开头的原文</p>"),
        "a line of official text stays text"
    );
    assert_links_resolve(&out, "/");
}

#[test]
fn site_templates_and_static_files_override_the_theme_file_by_file() {
    let tmp = tempfile::tempdir().unwrap();
    let site = init_site(tmp.path());
    write(
        &site,
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p id=\"custom\">{{ page.title }}</p>{% endblock content %}",
    );
    write(&site, "static/css/site.css", "body{color:#000}");
    write(&site, "static/robots-extra.txt", "x");
    let out = tmp.path().join("out");
    build(&site, &out, &[]);
    assert!(read(out.join("about/index.html")).contains("<p id=\"custom\">关于本站</p>"));
    assert!(
        read(out.join("policies/sample/index.html")).contains("class=\"policy-meta\""),
        "other templates still come from the theme"
    );
    assert_eq!(read(out.join("css/site.css")), "body{color:#000}");
    assert!(out.join("css/print.css").is_file());
    assert!(out.join("robots-extra.txt").is_file());
}

#[test]
fn site_wide_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&repo(), &out, &[]);
    let sitemap = read(out.join("sitemap.xml"));
    assert!(sitemap.starts_with("<?xml"));
    // Every page is in the sitemap: sections, pages, articles and the
    // directory's pages; only the 404 page, the search page, later list
    // pages and the policy library's pages (which list the same policies
    // again, by facet) are not.
    let pages = tree(&out)
        .into_iter()
        .filter(|(rel, _)| {
            let rel = rel.to_string_lossy();
            rel.ends_with("index.html")
                && !rel.contains("/page/")
                && !rel.contains("/library/")
                && rel != "search/index.html"
        })
        .count();
    assert!(pages > 4 + 4 + 30 + 239, "{pages} pages");
    assert_eq!(
        sitemap.matches("<url>").count(),
        pages,
        "sections, pages, articles and directory pages"
    );
    let feed = read(out.join("atom.xml"));
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    assert!(feed.contains("<title>关于加强和改进党的群团工作的实施办法</title>"));
    assert!(feed.contains("<published>2015-12-16T00:00:00+08:00</published>"));
    assert!(read(out.join("404.html")).contains("页面未找到"));
    assert!(read(out.join("robots.txt")).starts_with("User-agent: *"));
    assert!(out.join("css/site.css").is_file());
    let home = read(out.join("index.html"));
    assert!(home.contains("<html lang=\"zh-CN\">"));
    assert!(home.contains("关于加强和改进党的群团工作的实施办法"));
}

#[test]
fn check_validates_without_writing() {
    let tmp = tempfile::tempdir().unwrap();
    let site = init_site(tmp.path());
    let o = gongkai()
        .arg("check")
        .arg("--root")
        .arg(&site)
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(!site.join("public").exists());
}

#[test]
fn usage_errors_exit_with_2() {
    let o = gongkai()
        .arg("build")
        .arg("--no-such-flag")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = gongkai().output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn building_into_the_site_itself_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let site = init_site(tmp.path());
    for bad in [site.clone(), site.join("content")] {
        let o = gongkai()
            .arg("build")
            .arg("--root")
            .arg(&site)
            .arg("--output")
            .arg(&bad)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&o.stderr).contains("refusing to build into the site"));
    }
    assert!(site.join("content/policies/sample.md").is_file());
}
