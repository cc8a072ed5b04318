//! Service brands and honours (docs/directory.md, "brand"), on a copy of the
//! example portal: a page per brand with its holder, services and JSON-LD,
//! the pages per kind (by level, then year) and of every kind, the brands on
//! the holder organization's page (and its JSON-LD `award`) and on the
//! pages of the services they offer, the search
//! documents with their `brand` facet; and bad input: each check of a brand
//! record reported with its file and line, all of them in one run.

use crate::common::{self, gongkai};

use std::path::Path;

use serde_json::Value;
use tempfile::TempDir;

fn read(out: &Path, page: &str) -> String {
    std::fs::read_to_string(out.join(page).join("index.html"))
        .unwrap_or_else(|e| panic!("{page}: {e}"))
}

/// The JSON-LD of a page.
fn jsonld(html: &str) -> Value {
    let start = html
        .find(r#"<script type="application/ld+json">"#)
        .expect("a JSON-LD script")
        + r#"<script type="application/ld+json">"#.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).expect("valid JSON-LD")
}

fn built_portal() -> (TempDir, std::path::PathBuf) {
    let tmp = TempDir::new().unwrap();
    let site = common::portal(tmp.path());
    let out = tmp.path().join("out");
    common::build(&site, &out, &[]);
    (tmp, out)
}

#[test]
fn brands_have_pages_by_brand_kind_and_holder_and_are_searchable() {
    let (_tmp, out) = built_portal();

    // A brand's page: kind, level, year, the unit and its organization,
    // the services it offers, the sample notice, JSON-LD about its holder.
    let page = read(&out, "brands/shaoxing-fulian-12338-chuangkou");
    let text = common::text_of(&page);
    for phrase in [
        "12338热线服务窗口（示例）",
        "巾帼文明岗",
        "省级",
        "2021年",
        "绍兴市妇联12338热线服务窗口（示例单位）",
        "示例数据",
        "妇女维权法律咨询",
    ] {
        assert!(text.contains(phrase), "brand page lacks {phrase}: {text}");
    }
    assert!(page.contains(r#"href="/organizations/shaoxing-fulian/""#));
    assert!(page.contains(r#"href="/services/shaoxing-fulian-weiquan/""#));
    assert!(page.contains(r#"href="/brand-kinds/jinguo-wenminggang/""#));
    let ld = jsonld(&page);
    assert_eq!(ld["@type"], "WebPage");
    assert_eq!(ld["about"]["@type"], "Organization");
    assert_eq!(
        ld["about"]["award"],
        "2021年省级巾帼文明岗：12338热线服务窗口（示例）"
    );
    assert_eq!(
        ld["about"]["parentOrganization"]["name"],
        "绍兴市妇女联合会"
    );
    // A holder named in words only: no organization link.
    let unit = read(&out, "brands/shili-yiyuan-erke-bingqu");
    assert!(common::text_of(&unit).contains("示例医院儿科病区（虚构单位，不在本目录中）"));
    let article = &unit[unit.find("<article").unwrap()..];
    assert!(!article.contains("/organizations/"), "{article}");
    // A markdown record makes a page like a table row.
    let md = common::text_of(&read(&out, "brands/shaoxing-gonghui-huzhu-pinpai"));
    assert!(md.contains("职工医疗互助保障（示例品牌）") && md.contains("服务品牌"));

    // A kind's page: its brands by level (省级 before 县级), in tables.
    let kind = read(&out, "brand-kinds/jinguo-wenminggang");
    let provincial = kind.find("12338热线服务窗口（示例）").unwrap();
    let county = kind.find("婚姻家庭纠纷调解站（示例）").unwrap();
    assert!(provincial < county, "省级 first");
    assert!(
        kind.contains("<caption>省级巾帼文明岗（1 项）</caption>"),
        "{kind}"
    );
    assert!(kind.contains("<caption>县级巾帼文明岗（1 项）</caption>"));
    assert!(!kind.contains("示例医院儿科病区"), "another kind's brand");
    // Every kind, and the kinds index.
    for k in [
        "qingnian-wenminghao",
        "jinguo-wenminggang",
        "gongren-xianfenghao",
        "fuwu-pinpai",
    ] {
        assert!(out.join("brand-kinds").join(k).join("index.html").is_file());
    }
    let kinds = common::text_of(&read(&out, "brand-kinds"));
    assert!(kinds.contains("青年文明号（2）") && kinds.contains("工人先锋号（2）"));
    // The records section lists every brand.
    let section = common::text_of(&read(&out, "brands"));
    assert!(section.contains("示例银行越城支行营业部（示例）"));
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("/brand-kinds/fuwu-pinpai/"));

    // The holder's organization page lists its brands, with `award`.
    let org = read(&out, "organizations/shaoxing-gonghui");
    let org_text = common::text_of(&org);
    assert!(org_text.contains("品牌与荣誉"), "{org_text}");
    assert!(org.contains(r#"href="/brands/shaoxing-gonghui-huzhu-pinpai/""#));
    assert!(org.contains(r#"href="/brands/shaoxing-gonghui-falv-yuanzhu-tuandui/""#));
    let awards = jsonld(&org)["award"].clone();
    assert_eq!(
        awards,
        serde_json::json!([
            "2019年市级工人先锋号：职工法律援助律师团（示例）",
            "2018年市级服务品牌：职工医疗互助保障（示例品牌）"
        ])
    );
    // A service offered under a brand links it.
    let service = read(&out, "services/shaoxing-gonghui-huzhu");
    assert!(common::text_of(&service).contains("品牌与荣誉"));
    assert!(service.contains(r#"href="/brands/shaoxing-gonghui-huzhu-pinpai/""#));
    let none = read(&out, "organizations/shaoxing-kexie");
    assert!(!none.contains("品牌与荣誉"));
    assert!(jsonld(&none).get("award").is_none());

    // Search: brands are documents of the kind `brand`, with a facet.
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(out.join("search/manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["kinds"]["brand"], "品牌荣誉");
    let facet = manifest["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "brand")
        .expect("a brand facet");
    let ids: Vec<&str> = facet["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "qingnian-wenminghao",
            "jinguo-wenminggang",
            "gongren-xianfenghao",
            "fuwu-pinpai"
        ]
    );
    let search = |args: &[&str]| {
        let o = gongkai()
            .arg("search")
            .arg("--output")
            .arg(&out)
            .arg("--json")
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["url"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let mut found = search(&["--brand", "巾帼文明岗", "妇联"]);
    found.sort();
    assert_eq!(
        found,
        [
            "/brands/shaoxing-fulian-12338-chuangkou/",
            "/brands/yuecheng-fulian-jiating-zhan/"
        ]
    );
    let youth = search(&["--kind", "brand", "青年文明号"]);
    assert!(youth.contains(&"/brands/shili-yiyuan-erke-bingqu/".to_string()));
    assert!(youth.iter().all(|u| u.starts_with("/brands/")), "{youth:?}");
}

#[test]
fn bad_brand_records_are_reported_with_file_and_line_in_one_run() {
    let tmp = TempDir::new().unwrap();
    let site = common::portal(tmp.path());
    let bad = "\
- id: bad-holder
  name: 甲
  kind: 巾帼文明岗
  level: 省级
  year: 2021
  holder: shaoxing-fulain
  services: shaoxing-fulian-weiquan; shaoxing-nosuch-service
- id: bad-kind
  name: 乙
  kind: 文明岗
  level: 部级
  year: 二〇二一
  holder_name: 某单位
- id: bad-year
  name: 丙
  kind: 服务品牌
  level: 市级
  year: 1900
  holder: shaoxing-gonghui
- id: no-holder
  name: 丁
  kind: 服务品牌
  level: 市级
  year: 2020
";
    std::fs::write(site.join("content/brands/bad.yaml"), bad).unwrap();
    let o = gongkai()
        .arg("build")
        .arg("--root")
        .arg(&site)
        .arg("--output")
        .arg(tmp.path().join("out"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let messages = common::messages(&stderr);
    let file = Path::new("content").join("brands").join("bad.yaml");
    let file = file.display();
    for (line, phrase) in [
        (6, "there is no organization with id `shaoxing-fulain`"),
        (7, "there is no service with id `shaoxing-nosuch-service`"),
        (10, "`文明岗` is not a kind of brand or honour"),
        (11, "`部级` is not a level of award"),
        (12, "`二〇二一` is not a year"),
        (18, "the year 1900 is out of range"),
        (20, "a brand needs its holder"),
    ] {
        assert!(
            stderr.contains(&format!("{file}:{line}:")),
            "no place {file}:{line} for {phrase}:\n{stderr}"
        );
        assert!(messages.contains(phrase), "no `{phrase}`:\n{stderr}");
    }
    // The accepted values are listed, the nearest id suggested.
    assert!(
        messages.contains("`青年文明号`, `qingnian-wenminghao`"),
        "{stderr}"
    );
    assert!(
        messages.contains("`国家级`, `省级`, `市级`, `县级`"),
        "{stderr}"
    );
    assert!(stderr.contains("shaoxing-fulian`"), "{stderr}");
}
