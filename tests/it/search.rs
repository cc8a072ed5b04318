//! Search over the example site: the relevance set (tests/search/relevance.yaml)
//! through the Rust engine, with hit@1, hit@3 and MRR printed and hit@3 at
//! least 0.95; hostile queries; the index's shape; the synonym table.

use crate::common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use gongkai::search_index::{Filters, Index};

/// The example site, built once for this file's tests.
fn built() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = std::env::temp_dir().join(format!("gongkai-search-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        common::build(Path::new(env!("CARGO_MANIFEST_DIR")), &out, &[]);
        out
    })
}

fn index() -> Index {
    Index::open(&built().join("search")).unwrap()
}

fn decoded(url: &str) -> String {
    percent_encoding::percent_decode_str(url)
        .decode_utf8_lossy()
        .to_string()
}

#[derive(serde::Deserialize)]
struct Case {
    query: String,
    expect: String,
    why: String,
}

#[test]
fn relevance_set_hit_at_3_is_at_least_095() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search/relevance.yaml"),
    )
    .unwrap();
    let cases: Vec<Case> = serde_saphyr::from_str(&text).unwrap();
    assert!(
        cases.len() >= 60,
        "the relevance set has {} queries",
        cases.len()
    );
    let mut index = index();
    let (mut hit1, mut hit3, mut rr) = (0usize, 0usize, 0.0f64);
    let mut misses = Vec::new();
    for c in &cases {
        let r = index.search(&c.query, &Filters::new(), 10, false).unwrap();
        let urls: Vec<String> = r.results.iter().map(|h| decoded(&h.url)).collect();
        match urls.iter().position(|u| *u == c.expect) {
            Some(rank) => {
                hit1 += usize::from(rank == 0);
                hit3 += usize::from(rank < 3);
                rr += 1.0 / (rank as f64 + 1.0);
                if rank >= 3 {
                    misses.push(format!("{} (rank {}) [{}]", c.query, rank + 1, c.why));
                }
            }
            None => misses.push(format!(
                "{} → {:?} [{}]",
                c.query,
                &urls[..urls.len().min(3)],
                c.why
            )),
        }
    }
    let n = cases.len() as f64;
    println!(
        "relevance: {} queries, hit@1 {:.3}, hit@3 {:.3}, MRR {:.3}",
        cases.len(),
        hit1 as f64 / n,
        hit3 as f64 / n,
        rr / n
    );
    for m in &misses {
        println!("  miss: {m}");
    }
    assert!(
        hit3 as f64 / n >= 0.95,
        "hit@3 {:.3} is below 0.95; misses:\n{}",
        hit3 as f64 / n,
        misses.join("\n")
    );
}

#[test]
fn hostile_queries_find_nothing_and_do_not_fail() {
    let mut index = index();
    let long = "工会".repeat(5_000);
    for q in [
        "",
        "   ",
        "!!!。。。",
        "😀🎉",
        "<script>alert(1)</script>",
        ".*+?()[]{}|\\^$",
        "%E5%",
        long.as_str(),
    ] {
        let r = index.search(q, &Filters::new(), 10, false);
        assert!(r.is_ok(), "{q:?}: {r:?}");
    }
    assert_eq!(
        index.search("", &Filters::new(), 10, false).unwrap().total,
        0
    );
    assert_eq!(
        index
            .search("😀🎉", &Filters::new(), 10, false)
            .unwrap()
            .total,
        0
    );
}

#[test]
fn articles_are_results_of_their_own_with_number_and_heading() {
    let mut index = index();
    let r = index
        .search("网上找到组织", &Filters::new(), 3, false)
        .unwrap();
    let top = r
        .results
        .iter()
        .find(|h| h.kind == "article")
        .expect("an article in the top 3");
    assert!(
        top.url.ends_with("/policies/shaoxing-measures-2015/#art_6"),
        "{top:?}"
    );
    assert_eq!(top.kind, "article");
    assert!(top.title.starts_with("第6条"), "{}", top.title);
    assert!(top.location.contains("实施办法"), "{}", top.location);
}

#[test]
fn traditional_pinyin_initials_and_aliases_find_the_same_organization() {
    let mut index = index();
    for q in ["妇联", "婦聯", "fulian", "绍兴市妇女联合会", "市妇联"] {
        let r = index.search(q, &Filters::new(), 10, false).unwrap();
        let urls: Vec<String> = r.results.iter().map(|h| h.url.clone()).collect();
        assert!(
            urls.iter()
                .take(3)
                .any(|u| u.ends_with("/organizations/shaoxing-fulian/")),
            "{q}: {urls:?}"
        );
    }
    // Exact name first.
    let r = index
        .search("绍兴市妇女联合会", &Filters::new(), 1, false)
        .unwrap();
    assert!(
        r.results[0]
            .url
            .ends_with("/organizations/shaoxing-fulian/")
    );
    // Alias of a type: 红会 finds the Red Cross.
    let r = index.search("红会", &Filters::new(), 5, false).unwrap();
    assert!(
        r.results.iter().any(|h| h.title.contains("红十字会")),
        "{:?}",
        r.results
    );
    // Prefix of the last word.
    let r = index.search("gongh", &Filters::new(), 10, false).unwrap();
    assert!(
        r.results.iter().any(|h| h.title.contains("工会")),
        "{:?}",
        r.results
    );
}

#[test]
fn filters_narrow_and_counts_add_up() {
    let mut index = index();
    let all = index.search("妇联", &Filters::new(), 100, false).unwrap();
    let kinds = &all.facets["kind"];
    let total: usize = kinds.iter().map(|c| c.count).sum();
    assert_eq!(total, all.total, "{kinds:?}");
    let mut f = Filters::new();
    f.insert("kind".into(), "org".into());
    let orgs = index.search("妇联", &f, 100, false).unwrap();
    assert!(orgs.total > 0 && orgs.total < all.total);
    assert!(orgs.results.iter().all(|h| h.kind == "org"));
    let expected = kinds.iter().find(|c| c.id == "org").unwrap().count;
    assert_eq!(orgs.total, expected);
    // A region filter includes the regions below it.
    let mut f = Filters::new();
    f.insert("region".into(), "zhuji".into());
    let zhuji = index.search("妇联", &f, 100, false).unwrap();
    assert!(zhuji.total > 1, "{zhuji:?}");
    assert!(
        zhuji.results.iter().all(|h| h.location.contains("诸暨")),
        "{:?}",
        zhuji.results
    );
    // An unknown value matches nothing rather than failing.
    let mut f = Filters::new();
    f.insert("region".into(), "../../etc".into());
    assert_eq!(index.search("妇联", &f, 10, false).unwrap().total, 0);
}

#[test]
fn the_index_is_sharded_and_no_file_is_over_1_mb() {
    let dir = built().join("search");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    let shards = manifest["shards"].as_u64().unwrap();
    assert!(shards >= 1);
    for e in walkdir::WalkDir::new(&dir) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let len = e.metadata().unwrap().len();
            assert!(len <= 1 << 20, "{} is {len} bytes", e.path().display());
        }
    }
    // The fold table holds 妇 (folded from 婦) because the index has it.
    assert!(manifest["fold"].as_str().unwrap().contains("婦妇"));
}

/// One search format: every file of the index reads as the types the
/// writer and the engine share, and the manifest carries the constants the
/// JavaScript client needs, which the client does not repeat.
#[test]
fn every_index_file_reads_as_the_shared_types_and_the_client_takes_its_constants_from_the_manifest()
{
    use gongkai::search_index::format::{self, Constants, Fragment, Manifest, RegionFile, Shard};
    let dir = built().join("search");
    let read = |p: &Path| std::fs::read_to_string(p).unwrap();
    let manifest: Manifest = serde_json::from_str(&read(&dir.join("manifest.json"))).unwrap();
    assert_eq!(manifest.version, format::VERSION);
    assert_eq!(manifest.constants, Constants::current());
    // Written back, each file is the same text: no field is lost or reordered.
    assert_eq!(format::to_json(&manifest), read(&dir.join("manifest.json")));
    let mut seen = [0; 4];
    for e in walkdir::WalkDir::new(&dir) {
        let e = e.unwrap();
        let folder = e.path().parent().and_then(|p| p.file_name());
        let Some(folder) = folder.filter(|_| e.file_type().is_file()) else {
            continue;
        };
        let text = read(e.path());
        let again = match folder.to_str().unwrap() {
            "t" => {
                seen[0] += 1;
                format::to_json(&serde_json::from_str::<Shard>(&text).unwrap())
            }
            "f" => {
                seen[1] += 1;
                format::to_json(&serde_json::from_str::<Vec<Fragment>>(&text).unwrap())
            }
            "r" => {
                seen[2] += 1;
                format::to_json(&serde_json::from_str::<RegionFile>(&text).unwrap())
            }
            "x" => {
                seen[3] += 1;
                format::to_json(&serde_json::from_str::<String>(&text).unwrap())
            }
            _ => continue,
        };
        assert_eq!(again, text, "{}", e.path().display());
    }
    assert!(seen[..3].iter().all(|&n| n > 0), "{seen:?}");
    // The client reads them from the manifest rather than repeating them.
    let js =
        read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/js/search.js"));
    let c = Constants::current();
    assert!(js.contains("m.constants"));
    for repeated in [
        c.alphabet.clone(),
        c.exact_bonus.to_string(),
        format!("= {};", c.query_max),
        "QUERY_MAX".into(),
        "PREFIX_MAX".into(),
        "ENOUGH".into(),
    ] {
        assert!(!js.contains(&repeated), "search.js repeats {repeated}");
    }
}

#[test]
fn the_cli_prints_the_same_results_as_json() {
    let o = common::gongkai()
        .args(["search", "--root", env!("CARGO_MANIFEST_DIR"), "--output"])
        .arg(built())
        .args(["--json", "--limit", "3", "诸暨 妇联"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut index = index();
    let r = index
        .search("诸暨 妇联", &Filters::new(), 3, false)
        .unwrap();
    assert_eq!(v["results"][0]["url"], r.results[0].url);
    assert_eq!(v["total"], r.total);
    // Without a built index: a clear error and exit 1.
    let o = common::gongkai()
        .args(["search", "--root", "/nonexistent-site", "工会"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("build the site first"));
}

#[test]
fn the_cli_takes_filters_by_their_chinese_names_and_names_the_accepted_ones() {
    let search = |args: &[&str]| {
        common::gongkai()
            .args(["search", "--root", env!("CARGO_MANIFEST_DIR"), "--output"])
            .arg(built())
            .args(args)
            .output()
            .unwrap()
    };
    let json = |args: &[&str]| {
        let o = search(args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()
    };
    for (id, name, query) in [
        ("policy", "政策", "群团"),
        ("article", "条款", "群团"),
        ("org", "组织", "妇联"),
    ] {
        let by_id = json(&["--json", "--kind", id, query]);
        let by_name = json(&["--json", "--kind", name, query]);
        assert!(by_id["total"].as_u64().unwrap() > 0, "{id}: {by_id}");
        assert_eq!(by_id, by_name, "--kind {name}");
    }
    // The type filter takes the label the search page shows, too.
    let by_id = json(&["--json", "--type", "fulian", "妇联"]);
    let label = by_id["facets"]["type"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "fulian")
        .unwrap()["label"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(label, "fulian");
    assert_eq!(
        json(&["--json", "--type", &label, "妇联"]),
        by_id,
        "{label}"
    );
    // An unknown name: exit 2 and the accepted values, not "0 results".
    let o = search(&["--kind", "政策文件", "群团"]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("`政策文件` is not a kind")
            && stderr.contains("policy (政策)")
            && stderr.contains("page (页面)"),
        "{stderr}"
    );
}

#[test]
fn a_synonym_table_is_read_and_a_bad_one_is_an_error_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("gongkai.yaml"),
        "title: 测试\nbase_url: https://t.example/\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("content/_index.md"), "---\ntitle: 首页\n---\n").unwrap();
    std::fs::write(
        root.join("content/laodong.md"),
        "---\ntitle: 劳动争议调解\n---\n\n调解劳动纠纷。\n",
    )
    .unwrap();
    std::fs::write(root.join("synonyms.yaml"), "- [讨薪, 劳动争议]\n").unwrap();
    let out = root.join("public");
    common::build(root, &out, &[]);
    let mut index = Index::open(&out.join("search")).unwrap();
    let r = index.search("讨薪", &Filters::new(), 3, false).unwrap();
    assert_eq!(r.results.len(), 1, "{r:?}");
    assert!(r.results[0].url.ends_with("/laodong/"));

    std::fs::write(root.join("synonyms.yaml"), "- [讨薪, 劳动争议]\n- [孤单]\n").unwrap();
    let o = common::gongkai()
        .arg("build")
        .arg("--root")
        .arg(root)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let msg = common::messages(&String::from_utf8_lossy(&o.stderr));
    assert!(msg.contains("synonyms.yaml:2:1"), "{msg}");
    assert!(msg.contains("at least two words"), "{msg}");
}

#[test]
fn an_exact_name_carries_the_card_of_its_organization() {
    // The exact term is in the shard of one of its name's group terms.
    let shards = std::fs::read_dir(built().join("search/t")).unwrap();
    let mut found = None;
    for f in shards {
        let text = std::fs::read_to_string(f.unwrap().path()).unwrap();
        let entries: std::collections::BTreeMap<String, serde_json::Value> =
            serde_json::from_str(&text).unwrap();
        if let Some(e) = entries.get("=绍兴市妇女联合会") {
            found = Some(e.clone());
        }
    }
    let e = found.expect("the exact term of 绍兴市妇女联合会");
    let cards = e[5].as_array().expect("an exact term has the long form");
    assert!(
        cards.iter().any(|c| c["u"]
            .as_str()
            .unwrap()
            .ends_with("/organizations/shaoxing-fulian/")),
        "{cards:?}"
    );
}

#[test]
fn the_library_facets_filter_policies_and_their_articles_as_the_library_does() {
    let mut index = index();
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(built().join("search/manifest.json")).unwrap(),
    )
    .unwrap();
    let names: Vec<&str> = manifest["facets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    for name in ["issuer", "year", "topic", "validity"] {
        assert!(names.contains(&name), "no {name} facet in {names:?}");
    }
    // The library's page of the topic 群团工作 lists one policy; the search
    // filtered by it finds that policy and its articles, nothing else.
    let topic_page =
        std::fs::read_to_string(built().join("policies/library/topic/群团工作/index.html"))
            .unwrap();
    let listed: Vec<&str> = topic_page
        .split("<tr><th scope=\"row\"><a href=\"")
        .skip(1)
        .map(|r| r.split('"').next().unwrap())
        .collect();
    assert_eq!(listed, ["/policies/shaoxing-measures-2015/"]);
    let mut f = Filters::new();
    f.insert("topic".into(), "群团工作".into());
    let found = index.search("群团", &f, 100, false).unwrap();
    assert!(found.total > 1, "{found:?}");
    assert!(
        found.results.iter().all(|h| h.url.starts_with(listed[0])),
        "{:?}",
        found.results
    );
    let kinds = &found.facets["kind"];
    let policies = kinds.iter().find(|c| c.id == "policy").unwrap().count;
    assert_eq!(policies, listed.len());
    // Without the filter, the topic's count is the same and another topic
    // finds other policies (the sample ones are 示例数据).
    let all = index.search("群团", &Filters::new(), 100, false).unwrap();
    let count = all.facets["topic"]
        .iter()
        .find(|c| c.id == "群团工作")
        .map_or(0, |c| c.count);
    assert_eq!(count, found.total);
    assert!(all.total > found.total);
}
