//! Issue 18, item 4: the policy library (政策文件库) of a section that
//! lists policies: every policy with 发文字号, 发文机关, 成文日期 and 时效性,
//! texts in force first, and static filter pages by 发文机关, 成文年份,
//! 主题分类 and 时效性 with counts, plain links that work without
//! JavaScript. On the validity fixture built on 2026-06-01.

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
