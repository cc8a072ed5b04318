//! Issue 18, item 4: the policy library (政策文件库) of a section that
//! lists policies: every policy with 发文字号, 发文机关, 成文日期 and 时效性,
//! texts in force first, and static filter pages by 发文机关, 成文年份,
//! 主题分类 and 时效性 with counts, plain links that work without
//! JavaScript. On the validity fixture built on 2026-06-01.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::common::{gongkai, text_of};

fn build(out: &Path) {
    let site = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/validity");
    let o = gongkai()
        .env("SOURCE_DATE_EPOCH", "1780272000")
        .args(["build", "--root"])
        .arg(&site)
        .arg("--output")
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn page(out: &Path, path: &str) -> String {
    let file = out.join(path).join("index.html");
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// The titles of the table's rows, in order.
fn rows(html: &str) -> Vec<String> {
    html.split("<tr><th scope=\"row\">")
        .skip(1)
        .map(|r| text_of(r.split("</th>").next().unwrap()))
        .collect()
}

#[test]
fn every_policy_with_its_facets_in_force_first() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build(&out);
    let library = page(&out, "policies/library");
    // Five policies (the one dated after the build's day is not there):
    // in force first, newest first within each validity.
    assert_eq!(
        rows(&library),
        [
            "示例修改决定（示例）",
            "示例有效期办法（示例）",
            "示例被修改办法（示例）",
            "示例尚未施行条例（示例）",
            "示例已废止规定（示例）",
        ]
    );
    let text = text_of(&library);
    assert!(text.contains("示例〔2026〕1号"), "{text}");
    assert!(!text.contains("示例待发布通知"), "{text}");
    // Each facet's values with their counts.
    for said in [
        "示例市人民政府（4）",
        "示例市人民代表大会常务委员会（1）",
        "2026年（3）",
        "2010年（1）",
        "有效（2）",
        "已修改（1）",
        "尚未生效（1）",
        "已废止（1）",
    ] {
        assert!(text.contains(said), "no `{said}` in\n{text}");
    }
    // A filter is a page of its own, reached by a plain link.
    assert!(library.contains("<a href=\"/policies/library/validity/in_force/\">有效</a>"));
    let in_force = page(&out, "policies/library/validity/in_force");
    assert_eq!(
        rows(&in_force),
        ["示例修改决定（示例）", "示例有效期办法（示例）"]
    );
    assert!(
        in_force
            .contains("<a href=\"/policies/library/validity/in_force/\" aria-current=\"page\">"),
        "the current value is marked"
    );
    let congress = page(&out, "policies/library/issuer/示例市人民代表大会常务委员会");
    assert_eq!(rows(&congress), ["示例尚未施行条例（示例）"]);
    assert!(text_of(&congress).contains("政策文件库（发文机关：示例市人民代表大会常务委员会）"));
    let year = page(&out, "policies/library/year/2010");
    assert_eq!(rows(&year), ["示例已废止规定（示例）"]);
    // The section links its library.
    assert!(page(&out, "policies").contains("<a href=\"/policies/library/\">"));
}

#[test]
fn search_ranks_texts_in_force_first() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build(&out);
    let search = |q: &str| -> Vec<String> {
        let o = gongkai()
            .args(["search", "--kind", "policy", "--json", "--output"])
            .arg(&out)
            .arg(q)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["url"].as_str().unwrap().to_string())
            .collect()
    };
    // Without the prior of its 时效性, the amended text (more of the
    // query's words in a shorter text) came first for both queries.
    assert_eq!(
        search("办法"),
        [
            "/policies/in-force/",
            "/policies/amended/",
            "/policies/amending/"
        ]
    );
    assert_eq!(
        search("示例"),
        [
            "/policies/in-force/",
            "/policies/amending/",
            "/policies/not-yet/",
            "/policies/amended/",
            "/policies/repealed/",
        ]
    );
}

/// A filter page's policies: the URLs of its table's rows.
fn row_urls(html: &str) -> BTreeSet<String> {
    html.split("<tr><th scope=\"row\"><a href=\"")
        .skip(1)
        .map(|r| r.split('"').next().unwrap().to_string())
        .collect()
}

/// The library's filters: facet name → (value id, label, count), the id
/// being the last segment of the filter page's path.
fn library_filters(html: &str) -> BTreeMap<String, Vec<(String, String, usize)>> {
    let mut out = BTreeMap::new();
    for name in ["issuer", "year", "topic", "validity"] {
        let list = html
            .split(&format!("<ul aria-labelledby=\"facet-{name}\">"))
            .nth(1)
            .unwrap_or_else(|| panic!("no {name} filters"))
            .split("</ul>")
            .next()
            .unwrap();
        let values = list
            .split("<li><a href=\"")
            .skip(1)
            .map(|li| {
                let url = li.split('"').next().unwrap();
                let prefix = format!("/policies/library/{name}/");
                let id = url.strip_prefix(&prefix).unwrap().trim_end_matches('/');
                let id = percent_encoding::percent_decode_str(id)
                    .decode_utf8_lossy()
                    .to_string();
                let label = text_of(li.split_once('>').unwrap().1.split("</a>").next().unwrap());
                let count = li
                    .rsplit('（')
                    .next()
                    .unwrap()
                    .trim_end_matches("）</li>\n");
                (id, label, count.trim_end_matches('）').parse().unwrap())
            })
            .collect();
        out.insert(name.to_string(), values);
    }
    out
}

#[test]
fn search_has_the_library_facets_with_its_filters_and_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build(&out);
    let search = |args: &[&str]| -> serde_json::Value {
        let o = gongkai()
            .args(["search", "--json", "--limit", "1000", "--output"])
            .arg(&out)
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let urls = |v: &serde_json::Value| -> BTreeSet<String> {
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["url"].as_str().unwrap().to_string())
            .collect()
    };
    let library = library_filters(&page(&out, "policies/library"));
    // Every title has 示例: the query finds every policy.
    let policies = search(&["--kind", "policy", "示例"]);
    assert_eq!(policies["total"], 5);
    // Every article's title has 条.
    let articles = search(&["--kind", "article", "条"]);
    assert!(articles["total"].as_u64().unwrap() > 5, "{articles}");
    let mut checked = 0;
    for (name, values) in &library {
        // The search's counts of policies are the library's, value by value
        // and in its order.
        let counts: Vec<(String, String, usize)> = policies["facets"][name]
            .as_array()
            .unwrap_or_else(|| panic!("no {name} facet in {policies}"))
            .iter()
            .map(|c| {
                let s = |k: &str| c[k].as_str().unwrap().to_string();
                (s("id"), s("label"), c["count"].as_u64().unwrap() as usize)
            })
            .collect();
        assert_eq!(&counts, values, "{name}");
        for (id, _, count) in values {
            // Filtered by the value: the policies of its filter page.
            let filter_page = page(&out, &format!("policies/library/{name}/{id}"));
            let listed = row_urls(&filter_page);
            assert_eq!(listed.len(), *count, "{name}={id}");
            let flag = format!("--{name}");
            let found = search(&["--kind", "policy", &flag, id, "示例"]);
            assert_eq!(urls(&found), listed, "{name}={id}");
            // And their articles, none other.
            let of_policies: BTreeSet<String> = urls(&articles)
                .into_iter()
                .filter(|u| listed.contains(u.split('#').next().unwrap()))
                .collect();
            let found = search(&["--kind", "article", &flag, id, "条"]);
            assert_eq!(urls(&found), of_policies, "articles of {name}={id}");
            checked += 1;
        }
    }
    // 2 issuers, 3 years, 2 topics, 4 validities.
    assert_eq!(checked, 11);
    // A topic whose words are not a path segment as they stand.
    assert!(
        library["topic"]
            .iter()
            .any(|(id, label, _)| id == "示例分类-二" && label == "示例分类 二")
    );
    // The validity on the build's day: the policy dated to take effect
    // after 2026-06-01 is 尚未生效, found by its label too.
    let not_yet = search(&["--validity", "尚未生效", "--kind", "policy", "示例"]);
    assert_eq!(
        urls(&not_yet),
        BTreeSet::from(["/policies/not-yet/".to_string()])
    );
    let by_year = search(&["--year", "2010年", "--kind", "policy", "示例"]);
    assert_eq!(
        urls(&by_year),
        BTreeSet::from(["/policies/repealed/".to_string()])
    );
    // An unknown value: exit 2, the accepted values, in the run's language.
    for (lang, said) in [
        ("en", "`已失效` is not a validity of this site; use one of:"),
        ("zh-CN", "`已失效` 不是这个网站的 validity；可以用："),
    ] {
        let o = gongkai()
            .args(["--lang", lang, "search", "--validity", "已失效", "--output"])
            .arg(&out)
            .arg("示例")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(stderr.contains(said), "{stderr}");
        assert!(
            stderr.contains("in_force") && stderr.contains("amended"),
            "{stderr}"
        );
    }
    // Without JavaScript, the search page links the library's filter pages.
    let search_page = page(&out, "search");
    assert!(
        search_page.contains("<a href=\"/policies/library/\">示例政策文件：政策文件库</a>"),
        "{search_page}"
    );
}
