//! 资金公开 (docs/directory.md, "funds") end to end, on a copy of the example
//! portal, whose `content/funds/` holds sample figures for three Shaoxing
//! organizations over 2024 and 2025.
//!
//! Pages: an organization's disclosure per year with its totals, its
//! tables (caption, `th scope`, amounts right-aligned and written
//! `1,234,567.00 元`) and its bar charts (inline SVG, well-formed XML, named
//! by the figure's caption, each bar labelled with its amount), the
//! section's index by year and organization type, the link from the
//! organization's page, the 示例数据 marks; a report attached as a file; a
//! funds sheet of a workbook (tests/fixtures/xlsx/资金.xlsx).
//! Open data: `data/funds.json` and `data/funds.csv`, listed on the
//! open-data page. Bad input: every kind of check fails the same build,
//! each with its file and line, and the previous output stays as it was.

use crate::common::{self, gongkai, tree};

use std::path::Path;

use serde_json::Value;
use tempfile::TempDir;

fn read(out: &Path, path: &str) -> String {
    std::fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every inline `<svg>…</svg>` of a page.
fn svgs(html: &str) -> Vec<&str> {
    let mut out = vec![];
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        let end = rest[start..].find("</svg>").expect("an <svg> is closed") + start + 6;
        out.push(&rest[start..end]);
        rest = &rest[end..];
    }
    out
}

/// Parse `svg` as XML (names of end tags checked), returning its element
/// names; panics when it is not well-formed.
fn xml_elements(svg: &str) -> Vec<String> {
    let mut reader = xml::Reader::from_str(svg);
    let mut names = vec![];
    let mut depth = 0i32;
    loop {
        match reader.read_event() {
            Ok(xml::events::Event::Start(e)) => {
                depth += 1;
                names.push(String::from_utf8_lossy(e.name().as_ref()).to_string());
            }
            Ok(xml::events::Event::Empty(e)) => {
                names.push(String::from_utf8_lossy(e.name().as_ref()).to_string());
            }
            Ok(xml::events::Event::End(_)) => depth -= 1,
            Ok(xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed XML: {e}\n{svg}"),
        }
    }
    assert_eq!(depth, 0, "every element is closed: {svg}");
    names
}

#[test]
fn disclosures_indexes_charts_and_open_data_of_the_example_portal() {
    let tmp = TempDir::new().unwrap();
    let site = common::portal(tmp.path());
    // A report attached as a file beside the tables.
    std::fs::write(
        site.join("content/funds/shenji-2025.pdf"),
        b"%PDF-1.4 sample",
    )
    .unwrap();
    std::fs::write(
        site.join("content/funds/extra.yaml"),
        "- org: shaoxing-gonghui\n  year: 2025\n  kind: 筹集\n  item: 会费\n  amount: 1,234,567\n  sample: 是\n\
         - org: shaoxing-gonghui\n  year: 2025\n  kind: 监督\n  item: 示例审计所（虚构）\n  date: 2026-03-01\n  report: shenji-2025.pdf\n  sample: 是\n",
    )
    .unwrap();
    // A workbook: a funds sheet keyed by `org`, amounts typed as numbers.
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/xlsx/资金.xlsx"),
        site.join("content/funds/资金.xlsx"),
    )
    .unwrap();
    let out = tmp.path().join("out");
    common::build(&site, &out, &[]);

    // An organization's year.
    let page = read(&out, "funds/shaoxing-hongshizihui/2024/index.html");
    let text = common::text_of(&page);
    assert!(text.contains("绍兴市红十字会 2024 年资金公开"), "{text}");
    for figure in [
        "4,810,420.50 元", // raised
        "2,170,000.00 元", // opening balances
        "6,980,420.50 元", // available
        "4,566,000.00 元", // used
        "3,568,420.50 元", // 社会捐赠
    ] {
        assert!(text.contains(figure), "{figure} in {text}");
    }
    assert!(text.contains("示例数据"), "marked as sample data");
    for caption in [
        "年资金筹集（按来源）",
        "年管理的资金、基金和账户",
        "年资金使用（按用途或项目）",
        "年第三方审计和评价",
    ] {
        assert!(
            page.contains(&format!("<caption>2024 {caption}</caption>")),
            "{caption}"
        );
    }
    assert!(page.contains(r#"<th scope="col" class="amount">金额</th>"#));
    assert!(page.contains(r#"<td class="amount">1,200,000.00 元</td>"#));
    assert!(page.contains(r#"<th scope="row">财政拨款"#));
    let css = read(&out, "css/site.css");
    assert!(css.contains(".funds-table .amount { text-align: right;"));
    // Two charts: sources and uses, each well-formed, named by its caption,
    // a patterned bar and the amount written for each row.
    let charts = svgs(&page);
    assert_eq!(charts.len(), 2, "{page}");
    for (chart, id, bars) in [(charts[0], "chart-raised", 3), (charts[1], "chart-used", 3)] {
        let names = xml_elements(chart);
        assert!(names.contains(&"desc".to_string()) && names.contains(&"pattern".to_string()));
        assert!(chart.contains(r#"role="img""#));
        assert!(chart.contains(&format!(r#"aria-labelledby="{id}-caption""#)));
        assert!(page.contains(&format!(r#"<figcaption id="{id}-caption">"#)));
        assert_eq!(
            chart.matches(&format!("fill=\"url(#{id}-s")).count(),
            bars,
            "{chart}"
        );
        assert_eq!(chart.matches(" 元</text>").count(), bars, "{chart}");
    }
    assert!(charts[0].contains("社会捐赠：3,568,420.50 元"));
    assert!(charts[1].contains("大病救助：2,150,000.00 元"));
    // The other year is linked.
    assert!(page.contains(r#"href="/funds/shaoxing-hongshizihui/2025/""#));

    // The organization's page links its years.
    let org = read(&out, "organizations/shaoxing-fulian/index.html");
    assert!(org.contains(r#"<h2 id="funds-heading">资金公开</h2>"#));
    assert!(org.contains(r#"href="/funds/shaoxing-fulian/2025/""#));
    assert!(org.contains(r#"href="/funds/shaoxing-fulian/2024/""#));
    let no_funds = read(&out, "organizations/shaoxing-qiaolian/index.html");
    assert!(!no_funds.contains("funds-heading"));

    // The index: years newest first, organizations by type, a chart a year.
    let index = read(&out, "funds/index.html");
    let (y2025, y2024) = (
        index.find(r#"<h2 id="year-2025">"#).unwrap(),
        index.find(r#"<h2 id="year-2024">"#).unwrap(),
    );
    assert!(y2025 < y2024, "newest year first");
    assert!(index.contains("<caption>2024 年工会资金公开</caption>"));
    assert!(index.contains("<caption>2025 年妇联资金公开</caption>"));
    assert!(index.contains(r#"href="/funds/shaoxing-gonghui/2024/""#));
    assert!(index.contains("示例数据"));
    let index_charts = svgs(&index);
    assert_eq!(index_charts.len(), 2);
    for c in &index_charts {
        xml_elements(c);
    }
    assert!(
        index_charts[0].contains("筹集") && index_charts[0].contains("使用"),
        "a legend"
    );

    // The attached report is published and linked.
    assert_eq!(
        std::fs::read(out.join("funds/shenji-2025.pdf")).unwrap(),
        b"%PDF-1.4 sample"
    );
    let gonghui = read(&out, "funds/shaoxing-gonghui/2025/index.html");
    assert!(
        gonghui.contains(r#"href="/funds/shenji-2025.pdf""#),
        "{gonghui}"
    );
    assert!(gonghui.contains("1,234,567.00 元"));

    // The workbook's sheet.
    let kexie = common::text_of(&read(&out, "funds/shaoxing-kexie/2025/index.html"));
    for figure in [
        "320,000.00 元",
        "15,000.50 元",
        "20,000.00 元",
        "315,000.50 元",
    ] {
        assert!(kexie.contains(figure), "{figure} in {kexie}");
    }

    // Open data.
    let json: Value = serde_json::from_str(&read(&out, "data/funds.json")).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 24 + 16 + 2 + 3);
    let donation = rows
        .iter()
        .find(|r| {
            r["organization_id"] == "shaoxing-hongshizihui"
                && r["year"] == 2024
                && r["item"] == "社会捐赠"
        })
        .unwrap();
    assert_eq!(donation["amount"], "3568420.50");
    assert_eq!(donation["kind"], "raised");
    assert_eq!(donation["sample"], true);
    assert_eq!(donation["source"], "content/funds/2024.csv:3");
    assert_eq!(
        donation["url"],
        "https://qt.shaoxing.example/funds/shaoxing-hongshizihui/2024/"
    );
    assert!(
        rows.iter()
            .any(|r| r["report"] == "https://qt.shaoxing.example/funds/shenji-2025.pdf"),
        "an attached report by its full address"
    );
    let csv = read(&out, "data/funds.csv");
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .contains("organization_id,organization_name,type_id,year,kind")
    );
    assert_eq!(lines.count(), rows.len());
    let data = read(&out, "data/index.html");
    assert!(
        data.contains(r#"href="/data/funds.json""#) && data.contains(r#"href="/data/funds.csv""#)
    );
}

#[test]
fn every_kind_of_funds_problem_is_reported_in_one_run_with_its_line() {
    let tmp = TempDir::new().unwrap();
    let site = common::portal(tmp.path());
    let out = tmp.path().join("out");
    common::build(&site, &out, &[]);
    let before = tree(&out);
    std::fs::write(
        site.join("content/funds/bad.csv"),
        "org,year,kind,item,amount,opening,closing,explanation,date,report,sample\n\
         shaoxing-kexie,2025,筹集,财政拨款,一千元,,,,,,\n\
         shaoxing-kexie,2025,使用,科普,-300,,,,,,\n\
         shaoxing-kexie,1900,筹集,会费,100,,,,,,\n\
         shaoxing-fulain,2025,筹集,会费,100,,,,,,\n\
         shaoxing-qiaolian,2025,筹集,会费,100,,,,,,\n\
         shaoxing-qiaolian,2025,使用,侨界帮扶,500,,,,,,\n\
         shaoxing-qiaolian,2025,管理,侨爱基金,,50,abc,,,,\n\
         shaoxing-qiaolian,2025,支援,其他,1,,,,,,\n",
    )
    .unwrap();
    let o = gongkai()
        .arg("build")
        .arg("--root")
        .arg(&site)
        .arg("--output")
        .arg(&out)
        .env("SOURCE_DATE_EPOCH", "1780272000")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    let messages = common::messages(&stderr);
    for (place, what) in [
        (
            "bad.csv:2:",
            "`一千元` in `amount` is not an amount in yuan",
        ),
        ("bad.csv:3:", "the amount `-300` in `amount` is negative"),
        (
            "bad.csv:4:",
            "the year 1900 is out of range: funds can be disclosed for 1949 to 2027",
        ),
        (
            "bad.csv:5:",
            "there is no organization with id `shaoxing-fulain`",
        ),
        (
            "bad.csv:7:",
            "shaoxing-qiaolian used 500.00 元 in 2025, more than was available (150.00 元",
        ),
        ("bad.csv:8:", "`abc` in `closing` is not an amount"),
        ("bad.csv:9:", "`支援` is not a kind of funds row"),
    ] {
        assert!(
            messages.contains(place) && messages.contains(what),
            "{place} {what} in:\n{stderr}"
        );
        let at = messages.find(what).unwrap();
        let before_what = &messages[..at];
        assert!(
            before_what
                .rfind("content/funds/")
                .is_some_and(|i| before_what[i..].starts_with(&format!("content/funds/{place}"))),
            "{what} is reported at {place}:\n{stderr}"
        );
    }
    // The kinds a row may have are listed, by name and id.
    assert!(
        messages
            .contains("`筹集`, `raised`, `管理`, `managed`, `使用`, `used`, `监督`, `oversight`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("did you mean `shaoxing-fulian`?"),
        "{stderr}"
    );
    assert_eq!(tree(&out), before, "the previous output is untouched");

    // Explained, the overspending is accepted; fixed, the site builds.
    std::fs::write(
        site.join("content/funds/bad.csv"),
        "org,year,kind,item,amount,explanation\n\
         shaoxing-qiaolian,2025,筹集,会费,100,\n\
         shaoxing-qiaolian,2025,使用,侨界帮扶,500,使用2024年结转资金（示例）\n",
    )
    .unwrap();
    common::build(&site, &out, &[]);
    let page = read(&out, "funds/shaoxing-qiaolian/2025/index.html");
    assert!(page.contains("本年使用资金超过可用资金"));
    assert!(page.contains("使用2024年结转资金（示例）"));
}
