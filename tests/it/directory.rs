//! The directory (docs/directory.md) end to end, on a small fixture site
//! written by `Site::new`: a policy with 第一条 to 第三条, regions (a 市, two
//! 区县, a 乡镇街道) in CSV, organization types in YAML, organizations in
//! markdown and CSV, services in markdown and YAML, activities in markdown
//! and CSV. Builds run at a fixed `SOURCE_DATE_EPOCH`.
//!
//! Bad input: each check of docs/directory.md fails the build (and
//! `check`) with status 1, naming the file and line (the row's, for CSV)
//! and saying what is wrong; the previous output stays byte-identical; the
//! fixed site builds again. Pages: every kind of directory page with its
//! content and JSON-LD, 找组织 in two clicks, upcoming and past activities,
//! iCalendar feeds read by a real parser, a markdown record and a CSV row
//! making the same page, the 示例数据 notice, and escaping of markup in
//! names and titles. Tests marked `` show product bugs.
//!
//! Spreadsheets: organizations from the two sheets of a workbook (.xlsx and
//! .ods, written by tests/fixtures/xlsx/make-xlsx.py), a bad cell named by
//! sheet, row and column, a title row above the header, a damaged and an
//! encrypted workbook, and a spreadsheet outside a records section.

use crate::common::{self, gongkai, tree};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tempfile::TempDir;

/// 2026-06-01 00:00 UTC: the March activity is past, the December ones
/// are upcoming.
const EPOCH: &str = "1780272000";

const FILES: &[(&str, &str)] = &[
    (
        "gongkai.yaml",
        "title: 测试群团网\nbase_url: https://example.org/\nlanguage: zh-CN\ndirectory:\n  policy: policies/p.md\n",
    ),
    ("content/_index.md", "---\ntitle: 首页\n---\n欢迎。\n"),
    ("content/policies/_index.md", "---\ntitle: 政策文件\n---\n"),
    (
        "content/policies/p.md",
        "---
title: 测试市群团工作实施办法
type: policy
issuer: 中共测试市委
written: 2015-12-16
---
# 关于印发《测试市群团工作实施办法》的通知
各区、县（市）党委：
现将《测试市群团工作实施办法》印发给你们，请结合实际，认真贯彻执行。
                      中共测试市委
2015年12月16日
# 测试市群团工作实施办法
第一章　加强和改进党委对群团工作的领导
第一条　坚持和完善党委领导群团组织的制度。工会、共青团、妇联等群团组织受同级党委和各自上级组织双重领导。
第二条　加快抢占网上阵地。探索建立群团组织网上综合服务平台，让群众能在网上找到组织、参加活动、满足需求。
第二章　推动群团组织发挥作用
第三条　积极促进民生事业发展。支持群团组织有针对性地开展创业就业、心理疏导、大病救助等服务。
",
    ),
    (
        "content/regions/_index.md",
        "---\ntitle: 区域\nrecords: region\n---\n",
    ),
    (
        "content/regions/regions.csv",
        "id,name,level,parent,code
city,测试市,市,,330600
east,东区,区县,city,330602
west,西县,区县,city,330603
east-town,东街道,乡镇街道,east,330602001
",
    ),
    (
        "content/org-types/_index.md",
        "---\ntitle: 组织类型\nrecords: org_type\n---\n",
    ),
    (
        "content/org-types/types.yaml",
        "- id: union
  name: 工会
  full_name: 总工会
  aliases: [工会组织]
  hotline: '12351'
  hotline_name: 职工服务热线
  body: 工会是职工自愿结合的群众组织。
- id: women
  name: 妇联
  full_name: 妇女联合会
",
    ),
    (
        "content/organizations/_index.md",
        "---\ntitle: 组织\nrecords: organization\n---\n",
    ),
    (
        "content/organizations/city-union.md",
        "---
name: 测试市总工会
type: union
region: city
address: 测试市示例路1号
phones:
  - 0575-0000-0001
  - '12351'
email: city-union@example.org
website: https://city-union.example/
hours:
  - 周一至周五 08:30-12:00,14:00-17:30
  - 周六 09:00-12:00
hours_note: 法定节假日休息
serves: [职工]
---
测试市总工会联系服务全市职工。
",
    ),
    (
        "content/organizations/orgs.csv",
        "id,name,type,region,parent,address,phones,email,website,hours,serves,body
east-union,东区总工会,union,east,city-union,东区示例路2号,0575-0000-0002;12351,east-union@example.org,https://east-union.example/,周一至周五 08:30-17:00,职工,东区总工会服务东区职工。
east-town-union,东街道总工会,union,east-town,east-union,东街道示例路3号,0575-0000-0003,,,\"周一至周五 08:30-12:00,14:00-17:00\",职工,
west-women,西县妇联,women,west,,西县示例路4号,0575-0000-0004,,,,妇女儿童,西县妇联维护妇女儿童权益。
",
    ),
    (
        "content/services/_index.md",
        "---\ntitle: 服务事项\nrecords: service\n---\n",
    ),
    (
        "content/services/city-legal.md",
        "---
title: 职工法律援助
provider: city-union
audiences: [职工]
needs: [法律援助]
eligibility: 在本市就业、合法权益受到侵害的职工。
documents:
  - 本人身份证
  - 劳动合同或工资单
steps:
  - 提交法律援助申请
  - 审查受理
  - 指派律师提供援助
channels:
  - 线下：测试市示例路1号
  - 电话：12351
  - 网上：https://city-union.example/legal/
cost: 免费
time_limit: 5个工作日内答复
implements:
  - art_1
  - art_3
---
律师每周二、四在职工服务中心坐班。
",
    ),
    (
        "content/services/services.yaml",
        "- id: west-women-counsel
  title: 妇女儿童心理疏导
  provider: west-women
  audiences: 妇女儿童
  needs: 心理疏导
  implements: art_3
",
    ),
    (
        "content/activities/_index.md",
        "---\ntitle: 活动\nrecords: activity\n---\n",
    ),
    (
        "content/activities/2026-03-spring.md",
        "---
title: 春季职工招聘会
organizers: [city-union]
start: 2026-03-01 09:00
end: 2026-03-01 11:00
place: 测试市职工服务中心
region: city
audiences: [职工]
---
招聘会。
",
    ),
    (
        "content/activities/2026-12-legal-day.md",
        "---
title: 宪法宣传日法律咨询
organizers: [city-union, east-union]
start: 2026-12-04 09:00
end: 2026-12-04 11:30
place: 测试市职工服务中心门前广场
region: city
audiences: [职工]
signup: 无需报名
---
律师现场解答。
",
    ),
    (
        "content/activities/activities.csv",
        "id,title,organizers,start,end,place,region,audiences,signup,capacity,status,body
2026-12-reading,东区职工读书会,east-union,2026-12-10 14:00,2026-12-10 16:00,东区图书馆,east,职工,电话报名,30,cancelled,读书分享。
",
    ),
];

/// A fixture site in a temporary folder, built into `<tmp>/out`.
struct Site {
    _tmp: TempDir,
    root: PathBuf,
    out: PathBuf,
    /// Files written beside `FILES` (a workbook), by path.
    binaries: Vec<(&'static str, &'static [u8])>,
}

impl Site {
    /// The fixture, not built yet.
    fn new() -> Site {
        Site::with(vec![])
    }

    /// The fixture with binary files besides (a workbook), not built yet.
    fn with(binaries: Vec<(&'static str, &'static [u8])>) -> Site {
        let tmp = TempDir::new().expect("temp dir");
        let root = tmp.path().join("site");
        let out = tmp.path().join("out");
        let site = Site {
            _tmp: tmp,
            root,
            out,
            binaries,
        };
        site.reset();
        site
    }

    /// The fixture, built.
    fn built() -> Site {
        Site::new().build_ok()
    }

    /// Back to the fixture as written in `FILES` (the fix after a break).
    fn reset(&self) {
        let content = self.root.join("content");
        if content.is_dir() {
            std::fs::remove_dir_all(&content).expect("remove content");
        }
        for (rel, text) in FILES {
            self.write(rel, text);
        }
        for (rel, bytes) in &self.binaries {
            std::fs::write(self.root.join(rel), bytes).unwrap();
        }
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// Replace the one occurrence of `from` in the site file `rel`.
    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = read(self.root.join(rel));
        assert_eq!(
            text.matches(from).count(),
            1,
            "`{from}` should occur once in {rel}"
        );
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// Add `line` (and a newline) at the end of the site file `rel`.
    fn append(&self, rel: &str, line: &str) {
        let text = read(self.root.join(rel));
        self.write(rel, &format!("{text}{line}\n"));
    }

    fn build_at(&self, epoch: &str) -> Run {
        run(
            "build",
            gongkai()
                .env("SOURCE_DATE_EPOCH", epoch)
                .arg("build")
                .arg("--root")
                .arg(&self.root)
                .arg("--output")
                .arg(&self.out),
        )
    }

    fn build(&self) -> Run {
        self.build_at(EPOCH)
    }

    fn check(&self) -> Run {
        run(
            "check",
            gongkai()
                .env("SOURCE_DATE_EPOCH", EPOCH)
                .arg("check")
                .arg("--root")
                .arg(&self.root),
        )
    }

    fn build_ok(self) -> Site {
        let r = self.build();
        assert_eq!(r.code, Some(0), "build failed:\n{}", r.stderr);
        self
    }

    /// The output file `rel`.
    fn file(&self, rel: &str) -> String {
        read(self.out.join(rel))
    }

    /// The page at the URL path `path` (`organizations/city-union/`).
    fn page(&self, path: &str) -> String {
        self.file(&format!("{path}index.html"))
    }

    /// Every HTML file of the output, by path.
    fn html_files(&self) -> Vec<(String, String)> {
        tree(&self.out)
            .into_iter()
            .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
            .map(|(p, b)| {
                (
                    p.to_string_lossy().into_owned(),
                    String::from_utf8(b).expect("HTML is UTF-8"),
                )
            })
            .collect()
    }

    /// The site is broken now: `build` and `check` both fail with status 1,
    /// name every place in `places` (`file:line:` or `file:line:column:`)
    /// and say every phrase of `phrases`; the output of the good build
    /// before is untouched; after the fix (the fixture again) the build
    /// succeeds and writes the same tree as before.
    fn rejects(&self, places: &[&str], phrases: &[&str]) -> Run {
        let before = tree(&self.out);
        assert!(!before.is_empty(), "build the good site first");
        let runs = [self.build(), self.check()];
        for r in &runs {
            assert_rejected(r);
            for place in places {
                assert!(
                    r.stderr.contains(&format!("{place}:")),
                    "{} should name `{place}`; stderr:\n{}",
                    r.what,
                    r.stderr
                );
            }
            for phrase in phrases {
                assert!(
                    r.messages().contains(phrase),
                    "{} should say `{phrase}`; stderr:\n{}",
                    r.what,
                    r.stderr
                );
            }
        }
        assert!(
            tree(&self.out) == before,
            "the failed build changed the previous output"
        );
        self.reset();
        let r = self.build();
        assert_eq!(
            r.code,
            Some(0),
            "the fixed site should build:\n{}",
            r.stderr
        );
        assert!(
            tree(&self.out) == before,
            "the fixed site should build to the same output as before"
        );
        let [build, _] = runs;
        build
    }
}

/// What one run of the binary did.
struct Run {
    what: &'static str,
    code: Option<i32>,
    stderr: String,
}

impl Run {
    /// The diagnostic messages without snippets, miette's wrapping undone
    /// (as in tests/it/bad_input.rs).
    fn messages(&self) -> String {
        common::messages(&self.stderr)
    }

    /// How many problems the run reported.
    fn problems(&self) -> usize {
        self.stderr
            .lines()
            .filter(|l| l.trim().starts_with('×'))
            .count()
    }
}

fn run(what: &'static str, c: &mut std::process::Command) -> Run {
    let o = c.output().expect("run gongkai");
    if what == "check" && o.status.code() == Some(1) {
        common::assert_same_in_chinese(c, Some(1), &String::from_utf8_lossy(&o.stderr));
    }
    Run {
        what,
        code: o.status.code(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn assert_rejected(r: &Run) {
    assert!(
        !r.stderr.contains("panicked"),
        "{} panicked:\n{}",
        r.what,
        r.stderr
    );
    assert_eq!(
        r.code,
        Some(1),
        "{} should fail with status 1; stderr:\n{}",
        r.what,
        r.stderr
    );
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path.as_ref())
        .unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
}

/// The JSON-LD blocks of a page, parsed.
fn jsonld(html: &str) -> Vec<Value> {
    const OPEN: &str = "<script type=\"application/ld+json\">";
    html.match_indices(OPEN)
        .map(|(i, _)| {
            let rest = &html[i + OPEN.len()..];
            let text = &rest[..rest.find("</script>").expect("closed script")];
            serde_json::from_str(text).unwrap_or_else(|e| panic!("JSON-LD: {e}\n{text}"))
        })
        .collect()
}

/// The one JSON-LD block of `type_` on a page.
fn jsonld_of(html: &str, type_: &str) -> Value {
    let blocks: Vec<Value> = jsonld(html)
        .into_iter()
        .filter(|v| v["@type"] == type_)
        .collect();
    assert_eq!(blocks.len(), 1, "one {type_} block expected:\n{html}");
    blocks.into_iter().next().unwrap()
}

/// `<main>…</main>` of a page.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("<main>");
    let end = html.find("</main>").expect("</main>") + "</main>".len();
    &html[start..end]
}

/// The part of a page from `from` to the next `</section>`.
fn section<'a>(html: &'a str, from: &str) -> &'a str {
    let start = html
        .find(from)
        .unwrap_or_else(|| panic!("`{from}` not found:\n{html}"));
    let rest = &html[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

/// The target of the link whose text is `text`, percent-decoded.
fn href_of(html: &str, text: &str) -> String {
    let close = format!("\">{text}</a>");
    let end = html
        .find(&close)
        .unwrap_or_else(|| panic!("no link `{text}`:\n{html}"));
    let start = html[..end].rfind("href=\"").expect("href") + "href=\"".len();
    percent_encoding::percent_decode_str(&html[start..end])
        .decode_utf8()
        .expect("UTF-8 link")
        .into_owned()
}

/// The events of an iCalendar text, read by the `icalendar` crate's
/// parser, each as its properties (name → unescaped value).
fn ics_events(text: &str) -> Vec<BTreeMap<String, String>> {
    let unfolded = icalendar::parser::unfold(text);
    let calendar = icalendar::parser::read_calendar(&unfolded)
        .unwrap_or_else(|e| panic!("not iCalendar: {e}\n{text}"));
    assert!(
        calendar.properties.iter().any(|p| p.name == "VERSION"),
        "no VCALENDAR with a VERSION:\n{text}"
    );
    calendar
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .map(|c| {
            c.properties
                .iter()
                .map(|p| (p.name.as_str().to_string(), p.val.as_str().to_string()))
                .collect()
        })
        .collect()
}

/// The event whose UID starts with `id@`.
fn event<'a>(events: &'a [BTreeMap<String, String>], id: &str) -> &'a BTreeMap<String, String> {
    events
        .iter()
        .find(|e| e["UID"].starts_with(&format!("{id}@")))
        .unwrap_or_else(|| panic!("no event {id} in {events:?}"))
}

/// RFC 5545 3.1: CRLF line ends, no line longer than 75 octets.
fn assert_ics_lines(name: &str, text: &str) {
    assert!(text.ends_with("\r\n"), "{name}: ends without CRLF");
    for line in text.split("\r\n") {
        assert!(!line.contains('\n'), "{name}: a bare LF in {line:?}");
        assert!(!line.contains('\r'), "{name}: a bare CR in {line:?}");
        assert!(
            line.len() <= 75,
            "{name}: a line of {} octets: {line:?}",
            line.len()
        );
    }
}

// ---------------------------------------------------------------------------
// Bad input

#[test]
fn organization_in_a_region_that_does_not_exist() {
    let s = Site::built();
    s.edit(
        "content/organizations/city-union.md",
        "region: city",
        "region: nowhere",
    );
    s.rejects(
        &["content/organizations/city-union.md:4:9"],
        &["there is no region with id `nowhere`"],
    );
}

#[test]
fn unknown_ids_suggest_the_nearest_id_or_the_id_of_a_name() {
    let s = Site::built();
    // A typing slip in a markdown record, a region's name in a table, a
    // type's full name in another row.
    s.edit(
        "content/organizations/city-union.md",
        "region: city",
        "region: ciyt",
    );
    s.edit(
        "content/organizations/orgs.csv",
        "west-women,西县妇联,women,west,",
        "west-women,西县妇联,妇女联合会,西县,",
    );
    let r = s.rejects(
        &[
            "content/organizations/city-union.md:4:9",
            "content/organizations/orgs.csv:4:17",
            "content/organizations/orgs.csv:4:23",
        ],
        &[
            "there is no region with id `ciyt`",
            "there is no organization type with id `妇女联合会`",
            "there is no region with id `西县`",
        ],
    );
    for help in [
        "help: did you mean `city`?",
        "help: `西县` is the name of region `west`; a reference names the id: write `west`",
        "help: `妇女联合会` is the name of organization type `women`",
        // The caret in a table's row names the cell's column.
        "column `type`",
        "column `region`",
    ] {
        assert!(r.stderr.contains(help), "`{help}` missing:\n{}", r.stderr);
    }
}

#[test]
fn yaml_table_errors_get_help_that_fits_the_cause() {
    let s = Site::built();
    // One space too many before `needs` (line 5): indentation, not the
    // shape of the table.
    s.edit("content/services/services.yaml", "  needs:", "   needs:");
    let r = s.rejects(&["content/services/services.yaml:5"], &[]);
    assert!(
        r.stderr.contains("check the indentation") && !r.stderr.contains("list of records"),
        "{}",
        r.stderr
    );
    // A full-width colon after `provider` (line 3, column 11).
    s.edit(
        "content/services/services.yaml",
        "provider: west-women",
        "provider：west-women",
    );
    let r = s.rejects(&["content/services/services.yaml:3:11"], &[]);
    assert!(
        r.stderr.contains("use a half-width colon `:`"),
        "{}",
        r.stderr
    );
}

#[test]
fn organization_of_a_type_that_does_not_exist() {
    let s = Site::built();
    // A CSV row: the place is the row's line (the column is the cell's).
    s.edit(
        "content/organizations/orgs.csv",
        "west-women,西县妇联,women,",
        "west-women,西县妇联,nosuch,",
    );
    s.rejects(
        &["content/organizations/orgs.csv:4"],
        &["there is no organization type with id `nosuch`"],
    );
}

#[test]
fn organization_whose_parent_does_not_exist() {
    let s = Site::built();
    s.edit(
        "content/organizations/orgs.csv",
        "union,east,city-union,",
        "union,east,nobody,",
    );
    s.rejects(
        &["content/organizations/orgs.csv:2"],
        &["there is no organization with id `nobody`"],
    );
}

#[test]
fn a_cycle_of_parent_organizations() {
    // city-union → east-union → city-union.
    let s = Site::built();
    s.edit(
        "content/organizations/city-union.md",
        "type: union\n",
        "type: union\nparent: east-union\n",
    );
    let r = s.rejects(
        &[
            "content/organizations/city-union.md:4:9",
            "content/organizations/orgs.csv:2",
        ],
        &["organization `city-union` is its own ancestor", "circle"],
    );
    assert!(
        r.messages()
            .contains("organization `east-union` is its own ancestor")
    );
}

#[test]
fn service_implementing_an_article_that_does_not_exist() {
    let s = Site::built();
    s.edit("content/services/city-legal.md", "  - art_1", "  - art_99");
    s.rejects(
        &["content/services/city-legal.md:21"],
        &["`art_99` is not an article of policies/p.md"],
    );
}

#[test]
fn activity_that_ends_before_it_starts() {
    let s = Site::built();
    s.edit(
        "content/activities/2026-03-spring.md",
        "end: 2026-03-01 11:00",
        "end: 2026-02-28 11:00",
    );
    s.rejects(
        &["content/activities/2026-03-spring.md:5:6"],
        &["this activity ends (2026-02-28 11:00) before it starts (2026-03-01 09:00)"],
    );
}

#[test]

fn activity_that_ends_before_it_starts_on_the_same_day() {
    let s = Site::built();
    s.edit(
        "content/activities/2026-12-legal-day.md",
        "end: 2026-12-04 11:30",
        "end: 2026-12-04 08:00",
    );
    s.rejects(
        &["content/activities/2026-12-legal-day.md:5:6"],
        &["before it starts"],
    );
}

#[test]
fn duplicate_ids_name_both_places() {
    // city-union is a markdown record; a CSV row takes its id.
    let s = Site::built();
    s.append(
        "content/organizations/orgs.csv",
        "city-union,重复的总工会,union,city,,,,,,,,",
    );
    s.rejects(
        &["content/organizations/orgs.csv:5:1"],
        &["organization id `city-union` is already used at content/organizations/city-union.md:1"],
    );
}

#[test]
fn opening_hours_that_do_not_parse() {
    let s = Site::built();
    s.edit(
        "content/organizations/city-union.md",
        "周一至周五 08:30-12:00,14:00-17:30",
        "周八 25:00-26:00",
    );
    s.rejects(
        &["content/organizations/city-union.md:12"],
        &["opening hours `周八 25:00-26:00`"],
    );
}

#[test]

fn a_problem_in_a_later_list_item_names_its_own_line() {
    // The second opening-hours entry (line 13) and the second article
    // (line 22).
    let s = Site::built();
    s.edit(
        "content/organizations/city-union.md",
        "周六 09:00-12:00",
        "周八 25:00-26:00",
    );
    s.edit("content/services/city-legal.md", "  - art_3", "  - art_99");
    s.rejects(
        &[
            "content/organizations/city-union.md:13:5",
            "content/services/city-legal.md:22:5",
        ],
        &[
            "opening hours `周八 25:00-26:00`",
            "`art_99` is not an article",
        ],
    );
}

#[test]
fn csv_row_with_the_wrong_number_of_columns() {
    let s = Site::built();
    s.append(
        "content/activities/activities.csv",
        "2026-12-short,少了几列,east-union",
    );
    s.rejects(
        &["content/activities/activities.csv:3:1"],
        &["row on line 3 has 3 columns, but the header row has 12"],
    );
}

#[test]

fn a_bad_csv_row_does_not_drop_the_good_rows_of_its_table() {
    // orgs.csv holds east-union and west-women, which an activity, a
    // service and the activities table refer to. Only the bad row is a
    // problem.
    let s = Site::built();
    s.append(
        "content/organizations/orgs.csv",
        "short-row,少了几列,union,east",
    );
    let r = s.rejects(
        &["content/organizations/orgs.csv:5:1"],
        &["row on line 5 has 4 columns, but the header row has 12"],
    );
    assert!(
        !r.messages().contains("there is no organization with id"),
        "the good rows of orgs.csv are reported missing:\n{}",
        r.stderr
    );
    assert_eq!(r.problems(), 1, "{}", r.stderr);
}

#[test]
fn csv_table_saved_as_gb18030_is_read_with_a_warning() {
    // What Excel on a Chinese Windows writes for “CSV (逗号分隔)”.
    let s = Site::built();
    s.append(
        "content/organizations/orgs.csv",
        "east-women,东区妇联,women,east,,东区示例路5号,0575-0000-0005,,,,妇女儿童,东区妇联联系服务东区妇女。",
    );
    let rel = "content/organizations/orgs.csv";
    let text = read(s.root.join(rel));
    let (gbk, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&gbk).is_err(),
        "the fixture must not be UTF-8"
    );
    std::fs::write(s.root.join(rel), &gbk).unwrap();
    let r = s.build();
    assert_eq!(r.code, Some(0), "build failed:\n{}", r.stderr);
    assert!(
        r.stderr
            .contains(&format!("warning: {rel}: this CSV table is not UTF-8"))
            && r.stderr.contains("CSV UTF-8 (逗号分隔)"),
        "the warning should name the file and say how to save it:\n{}",
        r.stderr
    );
    let html = s.page("organizations/east-women/");
    let main = main_of(&html);
    for want in [
        "<h1>东区妇联</h1>",
        "东区示例路5号",
        "东区妇联联系服务东区妇女。",
    ] {
        assert!(main.contains(want), "`{want}` missing:\n{main}");
    }
    // The region, read from the UTF-8 regions table, and the type.
    assert!(
        main.contains("测试市 › 东区</a>") && main.contains(">妇联</a>"),
        "the region's and the type's names should show:\n{main}"
    );
    // The rows that were there before are read as well.
    assert!(
        s.page("organizations/west-women/")
            .contains("<h1>西县妇联</h1>")
    );
}

#[test]
fn csv_table_neither_utf8_nor_gb18030_is_an_error_at_its_byte() {
    let s = Site::built();
    let rel = "content/organizations/orgs.csv";
    let mut bytes = read(s.root.join(rel)).into_bytes();
    // Line 5, column 4: `\xff` is no lead byte in either encoding.
    bytes.extend_from_slice(b"bad\xff\xfe,x\n");
    std::fs::write(s.root.join(rel), &bytes).unwrap();
    s.rejects(
        &[&format!("{rel}:5:4")],
        &["not valid UTF-8", "cannot be read"],
    );
}

#[test]
fn malformed_phone_is_an_error() {
    let s = Site::built();
    s.edit(
        "content/organizations/orgs.csv",
        "0575-0000-0004",
        "电话0575-0000-0004",
    );
    s.rejects(
        &["content/organizations/orgs.csv:4"],
        &["`电话0575-0000-0004` is not a phone number"],
    );
}

#[test]
fn malformed_email_is_an_error() {
    let s = Site::built();
    s.edit(
        "content/organizations/city-union.md",
        "email: city-union@example.org",
        "email: city-union.example.org",
    );
    s.rejects(
        &["content/organizations/city-union.md:9:8"],
        &["`city-union.example.org` is not an email address"],
    );
}

#[test]
fn malformed_url_is_an_error() {
    let s = Site::built();
    s.edit(
        "content/organizations/city-union.md",
        "website: https://city-union.example/",
        "website: city-union.example",
    );
    s.rejects(
        &["content/organizations/city-union.md:10:10"],
        &["`city-union.example` is not a web address"],
    );
}

#[test]
fn unknown_field_suggests_the_right_name() {
    let s = Site::built();
    s.edit("content/organizations/city-union.md", "address:", "adress:");
    s.rejects(
        &["content/organizations/city-union.md:5"],
        &["unknown field `adress` (did you mean `address`?)"],
    );
}

#[test]
fn several_problems_are_reported_together() {
    let s = Site::built();
    s.edit(
        "content/organizations/city-union.md",
        "region: city",
        "region: nowhere",
    );
    s.edit(
        "content/organizations/orgs.csv",
        "周一至周五 08:30-17:00",
        "周八 25:00-26:00",
    );
    s.edit("content/services/city-legal.md", "  - art_1", "  - art_99");
    s.append("content/services/services.yaml", "  adress: 西县示例路4号");
    s.edit(
        "content/activities/2026-03-spring.md",
        "end: 2026-03-01 11:00",
        "end: 2026-02-28 11:00",
    );
    s.append(
        "content/activities/activities.csv",
        "2026-12-legal-day,重复的活动,east-union,2026-12-11 14:00,2026-12-11 16:00,东区图书馆,east,,,,,",
    );
    s.append("content/regions/regions.csv", "north,北区,区县,nowhere,");
    let places = [
        "content/organizations/city-union.md:4:9",
        "content/organizations/orgs.csv:2",
        "content/services/city-legal.md:21",
        "content/services/services.yaml:7",
        "content/activities/2026-03-spring.md:5:6",
        "content/activities/activities.csv:3",
        "content/regions/regions.csv:6",
    ];
    let r = s.rejects(
        &places,
        &[
            "there is no region with id `nowhere`",
            "opening hours `周八 25:00-26:00`",
            "`art_99` is not an article",
            "unknown field `adress`",
            "before it starts",
            "activity id `2026-12-legal-day` is already used at content/activities/2026-12-legal-day.md:1",
        ],
    );
    assert_eq!(r.problems(), places.len(), "{}", r.stderr);
    assert!(
        r.stderr
            .contains(&format!("error: {} problems found", places.len())),
        "{}",
        r.stderr
    );
}

#[test]
fn a_bad_date_in_a_page_does_not_hide_an_unknown_region_in_a_table() {
    // Loading the page fails; the tables are still read and checked in the
    // same run, and nothing that follows from the missing page is reported.
    let s = Site::built();
    s.write(
        "content/news.md",
        "---\ntitle: 新闻\ndate: 2015-13-45\n---\n正文。\n",
    );
    s.edit(
        "content/organizations/orgs.csv",
        "west-women,西县妇联,women,west,",
        "west-women,西县妇联,women,nowhere,",
    );
    let r = s.rejects(
        &["content/news.md:3:7", "content/organizations/orgs.csv:4:23"],
        &[
            "`2015-13-45` is not a date",
            "there is no region with id `nowhere`",
        ],
    );
    assert_eq!(r.problems(), 2, "{}", r.stderr);
}

#[test]
fn a_broken_policy_page_does_not_make_implements_errors() {
    // The policy fails to load: the services that implement its articles
    // are not reported (the policy's own error is), a table error is.
    let s = Site::built();
    s.edit(
        "content/policies/p.md",
        "written: 2015-12-16",
        "written: 2015-13-45",
    );
    s.edit(
        "content/organizations/orgs.csv",
        "west-women,西县妇联,women,west,",
        "west-women,西县妇联,women,nowhere,",
    );
    let r = s.rejects(
        &[
            "content/policies/p.md:5:10",
            "content/organizations/orgs.csv:4:23",
        ],
        &[
            "`2015-13-45` is not a date",
            "there is no region with id `nowhere`",
        ],
    );
    assert_eq!(r.problems(), 2, "{}", r.stderr);
}

#[test]
fn an_invalid_need_is_reported_beside_an_unknown_provider() {
    let s = Site::built();
    s.append("gongkai.yaml", "  needs: [法律援助, 心理疏导]");
    s.edit(
        "content/services/city-legal.md",
        "provider: city-union",
        "provider: nobody",
    );
    s.edit(
        "content/services/city-legal.md",
        "needs: [法律援助]",
        "needs: [法律咨询]",
    );
    let r = s.rejects(
        &[
            "content/services/city-legal.md:3:11",
            "content/services/city-legal.md:1",
        ],
        &[
            "there is no organization with id `nobody`",
            "`法律咨询` is not one of the needs in gongkai.yaml",
        ],
    );
    assert_eq!(r.problems(), 2, "{}", r.stderr);
}

// ---------------------------------------------------------------------------
// Pages

#[test]
fn organization_page() {
    let s = Site::built();
    let html = s.page("organizations/city-union/");
    let main = main_of(&html);
    for want in [
        "<h1>测试市总工会</h1>",
        "<dd>测试市示例路1号</dd>",
        "<a href=\"tel:057500000001\">0575-0000-0001</a>",
        "<a href=\"mailto:city-union@example.org\">",
        "周一至周五 08:30–12:00、14:00–17:30；周六 09:00–12:00（法定节假日休息）",
        "<a href=\"/services/city-legal/\">职工法律援助</a>",
        "<a href=\"/organizations/east-union/\">东区总工会</a>",
        "<img src=\"/organizations/city-union/qr.svg\"",
        "<a href=\"/organizations/city-union/calendar.ics\">",
        "<p>测试市总工会联系服务全市职工。</p>",
    ] {
        assert!(main.contains(want), "`{want}` missing:\n{main}");
    }
    let children = section(main, "id=\"children-heading\"");
    assert!(
        children.contains("/organizations/east-union/"),
        "{children}"
    );

    let qr = s.file("organizations/city-union/qr.svg");
    assert!(
        qr.contains("<svg") && qr.trim_end().ends_with("</svg>"),
        "{qr}"
    );

    let ld = jsonld_of(&html, "GovernmentOrganization");
    assert_eq!(ld["name"], "测试市总工会");
    assert_eq!(ld["url"], "https://example.org/organizations/city-union/");
    assert_eq!(ld["address"]["@type"], "PostalAddress");
    assert_eq!(ld["address"]["streetAddress"], "测试市示例路1号");
    let phones: Vec<&Value> = ld["contactPoint"]
        .as_array()
        .expect("contactPoint")
        .iter()
        .map(|c| &c["telephone"])
        .collect();
    assert!(
        phones.contains(&&Value::from("0575-0000-0001")),
        "{phones:?}"
    );
    let hours = ld["openingHoursSpecification"].as_array().expect("hours");
    assert_eq!(hours.len(), 3, "{hours:?}");
    assert_eq!(hours[0]["@type"], "OpeningHoursSpecification");
    assert_eq!(hours[0]["opens"], "08:30");
    assert_eq!(hours[0]["closes"], "12:00");
    assert_eq!(hours[0]["dayOfWeek"].as_array().unwrap().len(), 5);
    assert_eq!(hours[2]["dayOfWeek"][0], "https://schema.org/Saturday");
    assert_eq!(
        ld["subOrganization"][0]["@id"],
        "https://example.org/organizations/east-union/#org"
    );
    assert!(ld.get("parentOrganization").is_none());

    // The middle of the chain has both a parent and a child.
    let html = s.page("organizations/east-union/");
    let main = main_of(&html);
    assert!(
        main.contains(
            "<dt>上级组织</dt><dd><a href=\"/organizations/city-union/\">测试市总工会</a></dd>"
        ),
        "{main}"
    );
    let children = section(main, "id=\"children-heading\"");
    assert!(
        children.contains("<a href=\"/organizations/east-town-union/\">东街道总工会</a>"),
        "{children}"
    );
    let ld = jsonld_of(&html, "GovernmentOrganization");
    assert_eq!(
        ld["parentOrganization"]["@id"],
        "https://example.org/organizations/city-union/#org"
    );
    assert_eq!(ld["parentOrganization"]["name"], "测试市总工会");
    assert_eq!(ld["subOrganization"][0]["name"], "东街道总工会");
}

#[test]
fn service_page_and_the_articles_it_implements() {
    let s = Site::built();
    let html = s.page("services/city-legal/");
    let main = main_of(&html);
    for want in [
        "<h1>职工法律援助</h1>",
        "<a href=\"/organizations/city-union/\">测试市总工会</a>",
        "<h2>申请条件</h2><p>在本市就业、合法权益受到侵害的职工。</p>",
        "<h2>所需材料</h2><ul><li>本人身份证</li><li>劳动合同或工资单</li></ul>",
        "<h2>办理流程</h2><ol class=\"steps\"><li>提交法律援助申请</li><li>审查受理</li><li>指派律师提供援助</li></ol>",
        "<a href=\"tel:12351\">12351</a>",
        "<a href=\"/policies/p/art_1/\">测试市群团工作实施办法 第一条</a>",
        "<a href=\"/policies/p/art_3/\">测试市群团工作实施办法 第三条</a>",
    ] {
        assert!(main.contains(want), "`{want}` missing:\n{main}");
    }
    let ld = jsonld_of(&html, "GovernmentService");
    assert_eq!(ld["name"], "职工法律援助");
    assert_eq!(ld["provider"]["@type"], "GovernmentOrganization");
    assert_eq!(ld["provider"]["name"], "测试市总工会");
    assert_eq!(ld["serviceType"], "法律援助");
    assert_eq!(ld["audience"][0]["audienceType"], "职工");
    assert_eq!(ld["availableChannel"].as_array().unwrap().len(), 3);

    // 落实情况 on the article pages: the services and their organizations.
    let art1 = s.page("policies/p/art_1/");
    let progress = section(&art1, "<h2 id=\"impl-heading\">落实情况</h2>");
    assert!(
        progress.contains("<a href=\"/services/city-legal/\">职工法律援助</a>"),
        "{progress}"
    );
    assert!(
        progress.contains("<a href=\"/organizations/city-union/\">测试市总工会</a>（测试市）"),
        "{progress}"
    );
    let art3 = s.page("policies/p/art_3/");
    let progress = section(&art3, "<h2 id=\"impl-heading\">落实情况</h2>");
    assert!(progress.contains("以下 2 项服务落实本条规定"), "{progress}");
    assert!(
        progress.contains("<a href=\"/services/west-women-counsel/\">妇女儿童心理疏导</a>"),
        "{progress}"
    );
    assert!(
        progress.contains("<a href=\"/organizations/west-women/\">西县妇联</a>（西县）"),
        "{progress}"
    );
    // Article 2 is implemented by nothing.
    assert!(!s.page("policies/p/art_2/").contains("落实情况"));
}

#[test]
fn activity_page() {
    let s = Site::built();
    let html = s.page("activities/2026-12-legal-day/");
    let main = main_of(&html);
    for want in [
        "<h1>宪法宣传日法律咨询</h1>",
        "测试市职工服务中心门前广场（<a href=\"/regions/city/\">测试市</a>）",
        "<a href=\"/organizations/city-union/\">测试市总工会</a>、<a href=\"/organizations/east-union/\">东区总工会</a>",
        "<dd>无需报名</dd>",
        "<a href=\"/calendar/2026-12/\">查看当月全部活动</a>",
    ] {
        assert!(main.contains(want), "`{want}` missing:\n{main}");
    }
    assert!(
        !main.contains("已结束") && !main.contains("已取消"),
        "{main}"
    );
    let ld = jsonld_of(&html, "Event");
    assert_eq!(ld["name"], "宪法宣传日法律咨询");
    assert_eq!(ld["location"]["name"], "测试市职工服务中心门前广场");
    assert_eq!(ld["organizer"][0]["name"], "测试市总工会");
    assert_eq!(ld["eventStatus"], "https://schema.org/EventScheduled");
    assert!(
        ld["startDate"].as_str().unwrap().starts_with("2026-12-04"),
        "{ld}"
    );
}

#[test]

fn timed_activities_keep_their_time() {
    let s = Site::built();
    let html = s.page("activities/2026-12-legal-day/");
    let ld = jsonld_of(&html, "Event");
    assert_eq!(ld["startDate"], "2026-12-04T09:00+08:00", "{ld}");
    assert_eq!(ld["endDate"], "2026-12-04T11:30+08:00", "{ld}");
    assert!(
        main_of(&html).contains("2026年12月4日 09:00–11:30"),
        "{}",
        main_of(&html)
    );
    for ics in ["calendar.ics", "organizations/city-union/calendar.ics"] {
        let events = ics_events(&s.file(ics));
        let e = event(&events, "2026-12-legal-day");
        assert_eq!(e["DTSTART"], "20261204T010000Z", "{ics}: {e:?}");
        assert_eq!(e["DTEND"], "20261204T033000Z", "{ics}: {e:?}");
    }
    // A CSV row's times as well.
    let events = ics_events(&s.file("calendar.ics"));
    assert_eq!(
        event(&events, "2026-12-reading")["DTSTART"],
        "20261210T060000Z"
    );
}

#[test]
fn region_and_org_type_pages() {
    let s = Site::built();
    let main = s.page("regions/east/");
    let main = main_of(&main);
    assert!(main.contains("<h1>东区</h1>"), "{main}");
    assert!(main.contains("区县 · 区划代码 330602"), "{main}");
    let children = section(main, "id=\"children-heading\"");
    assert!(
        children.contains("<a href=\"/regions/east-town/\">东街道</a>（1 个组织）"),
        "{children}"
    );
    let orgs = section(main, "id=\"orgs-heading\"");
    assert!(
        orgs.contains("<a href=\"/organizations/east-union/\">东区总工会</a>"),
        "{orgs}"
    );
    assert!(!orgs.contains("east-town-union"), "{orgs}");
    let city = s.page("regions/city/");
    let children = section(main_of(&city), "id=\"children-heading\"");
    assert!(children.contains("/regions/east/") && children.contains("/regions/west/"));

    let t = s.page("org-types/union/");
    let main = main_of(&t);
    for want in [
        "<h1>工会</h1>",
        "总工会 · 又称 工会组织",
        "职工服务热线：<a href=\"tel:12351\">12351</a>",
        "各地工会（共 3 个）",
        "/organizations/city-union/",
        "/organizations/east-union/",
        "/organizations/east-town-union/",
    ] {
        assert!(main.contains(want), "`{want}` missing:\n{main}");
    }
    assert!(!main.contains("west-women"), "{main}");
    let women = s.page("org-types/women/");
    assert!(main_of(&women).contains("<a href=\"/organizations/west-women/\">西县妇联</a>"));
}

#[test]
fn find_answers_in_two_clicks() {
    let s = Site::built();
    let start = s.page("find/");
    // Click 1: the need.
    let need = href_of(&start, "法律援助");
    assert_eq!(need, "/find/法律援助/");
    let step2 = s.page(need.trim_start_matches('/'));
    assert!(step2.contains("法律援助：您在哪里？"), "{step2}");
    // Click 2: where I live, a township two levels below the provider.
    let place = href_of(&step2, "东街道");
    assert_eq!(place, "/find/法律援助/east-town/");
    let answer = s.page(place.trim_start_matches('/'));
    let main = main_of(&answer);
    assert!(main.contains("测试市 › 东区 › 东街道 · 法律援助"), "{main}");
    assert!(
        main.contains("<a href=\"/services/city-legal/\">职工法律援助</a>"),
        "the service of the city's union reaches the township:\n{main}"
    );
    assert!(
        main.contains("<a href=\"/organizations/city-union/\">测试市总工会</a>"),
        "{main}"
    );
    // Another county is not below the west county's women's federation.
    let other = s.page("find/心理疏导/east-town/");
    assert!(!main_of(&other).contains("west-women-counsel"), "{other}");
    assert!(main_of(&other).contains("本地区暂无登记的“心理疏导”服务"));
    assert!(main_of(&s.page("find/心理疏导/west/")).contains("/services/west-women-counsel/"));
}

/// The main navigation marks the entry a page belongs to, generated
/// directory pages included (find/…, calendar/…), and only that one.
#[test]
fn navigation_marks_the_current_entry_on_generated_pages() {
    let s = Site::built();
    let current = |path: &str| -> Vec<String> {
        let html = s.page(path);
        let nav = section(&html, "<nav class=\"site-nav\"");
        let nav = &nav[..nav.find("</nav>").unwrap_or(nav.len())];
        nav.match_indices("aria-current=\"true\">")
            .map(|(i, m)| {
                let rest = &nav[i + m.len()..];
                rest[..rest.find('<').unwrap_or(rest.len())].to_string()
            })
            .collect()
    };
    assert_eq!(current("find/"), ["找组织"]);
    assert_eq!(current("find/法律援助/east-town/"), ["找组织"]);
    assert_eq!(current("calendar/"), ["活动日历"]);
    assert_eq!(current("calendar/2026-03/"), ["活动日历"]);
    assert_eq!(current("organizations/city-union/"), ["组织"]);
    assert!(current("data/").is_empty());
    assert!(current("").is_empty());
}

#[test]
fn need_audience_calendar_and_data_pages() {
    let s = Site::built();
    let need = s.page("needs/法律援助/");
    let main = main_of(&need);
    assert!(main.contains("<h1>法律援助</h1>"), "{main}");
    assert!(main.contains("/services/city-legal/"), "{main}");
    assert!(!main.contains("/services/west-women-counsel/"), "{main}");

    let audience = s.page("audiences/妇女儿童/");
    let main = main_of(&audience);
    assert!(main.contains("<h1>妇女儿童</h1>"), "{main}");
    assert!(main.contains("/services/west-women-counsel/"), "{main}");
    assert!(main.contains("/organizations/west-women/"), "{main}");
    assert!(!main.contains("/services/city-legal/"), "{main}");

    let calendar = s.page("calendar/");
    let main = main_of(&calendar);
    assert!(
        main.contains("<a href=\"/calendar/2026-03/\">2026年3月</a>（1）"),
        "{main}"
    );
    assert!(
        main.contains("<a href=\"/calendar/2026-12/\">2026年12月</a>（2）"),
        "{main}"
    );
    assert!(main.contains("/activities/2026-12-legal-day/"), "{main}");
    assert!(main.contains("<a href=\"/calendar.ics\">"), "{main}");
    let march = s.page("calendar/2026-03/");
    assert!(main_of(&march).contains("/activities/2026-03-spring/"));
    assert!(!main_of(&march).contains("/activities/2026-12-legal-day/"));
    let december = s.page("calendar/2026-12/");
    assert!(main_of(&december).contains("/activities/2026-12-legal-day/"));
    assert!(main_of(&december).contains("/activities/2026-12-reading/"));

    let data = s.page("data/");
    let main = main_of(&data);
    assert!(main.contains("<h1>开放数据</h1>"), "{main}");
    assert!(
        main.contains("组织（4 个）、服务事项（2 项）和活动（3 个）"),
        "{main}"
    );
    for f in [
        "data/organizations.json",
        "data/organizations.csv",
        "data/services.json",
        "data/services.csv",
        "data/activities.json",
        "data/activities.csv",
        "data/hsds/organizations.json",
        "data/hsds/services.json",
    ] {
        assert!(
            main.contains(&format!("<a href=\"/{f}\">{f}</a>")),
            "{f}:\n{main}"
        );
        assert!(s.out.join(f).is_file(), "{f}");
    }
}

#[test]
fn upcoming_past_and_cancelled_activities() {
    let s = Site::built();
    let org = s.page("organizations/city-union/");
    let recent = section(&org, "<h2 id=\"activities-heading\">近期活动</h2>");
    assert!(
        recent.contains("/activities/2026-12-legal-day/"),
        "{recent}"
    );
    assert!(!recent.contains("/activities/2026-03-spring/"), "{recent}");

    let past = s.page("activities/2026-03-spring/");
    assert!(main_of(&past).contains("本活动已结束。"), "{past}");
    let upcoming = s.page("activities/2026-12-legal-day/");
    assert!(!main_of(&upcoming).contains("已结束"));

    let cancelled = s.page("activities/2026-12-reading/");
    assert!(
        main_of(&cancelled).contains("本活动已取消。"),
        "{cancelled}"
    );
    assert_eq!(
        jsonld_of(&cancelled, "Event")["eventStatus"],
        "https://schema.org/EventCancelled"
    );
    let region = s.page("regions/east/");
    assert!(
        main_of(&region).contains(
            "<a href=\"/activities/2026-12-reading/\">东区职工读书会</a> <span class=\"tag tag-warn\">已取消</span>"
        ),
        "{region}"
    );
    for ics in ["calendar.ics", "organizations/east-union/calendar.ics"] {
        let events = ics_events(&s.file(ics));
        assert_eq!(event(&events, "2026-12-reading")["STATUS"], "CANCELLED");
        assert_eq!(event(&events, "2026-12-legal-day")["STATUS"], "CONFIRMED");
    }

    // The build time decides: in 2027 nothing is upcoming any more.
    let r = s.build_at("1798761600"); // 2027-01-01 00:00 UTC
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let org = s.page("organizations/city-union/");
    let recent = section(&org, "<h2 id=\"activities-heading\">近期活动</h2>");
    assert!(recent.contains("近期没有活动。"), "{recent}");
    assert!(main_of(&s.page("activities/2026-12-legal-day/")).contains("本活动已结束。"));
}

#[test]
fn calendar_feeds_parse_with_their_events() {
    let s = Site::built();
    for (ics, ids) in [
        (
            "calendar.ics",
            &["2026-03-spring", "2026-12-legal-day", "2026-12-reading"][..],
        ),
        (
            "organizations/city-union/calendar.ics",
            &["2026-03-spring", "2026-12-legal-day"][..],
        ),
        (
            "organizations/east-union/calendar.ics",
            &["2026-12-legal-day", "2026-12-reading"][..],
        ),
    ] {
        let text = s.file(ics);
        assert_ics_lines(ics, &text);
        let events = ics_events(&text);
        assert_eq!(events.len(), ids.len(), "{ics}:\n{text}");
        for id in ids {
            let e = event(&events, id);
            assert_eq!(
                e["URL"],
                format!("https://example.org/activities/{id}/"),
                "{ics}"
            );
            assert!(
                e.contains_key("DTSTART") && e.contains_key("DTSTAMP"),
                "{e:?}"
            );
        }
        assert_eq!(
            event(&events, "2026-12-legal-day")["SUMMARY"],
            "宪法宣传日法律咨询"
        );
    }
    // No calendar for an organization without activities.
    assert!(!s.out.join("organizations/west-women/calendar.ics").exists());
}

#[test]
fn a_markdown_record_and_a_csv_row_make_the_same_page() {
    const MARKDOWN: &str = "---
name: 东街道妇联
type: women
region: east-town
parent: west-women
address: 东街道示例路5号
phones:
  - 0575-0000-0005
  - 0575-0000-0006转8001
email: x-women@example.org
website: https://x-women.example/
wechat: 东街道妇联（示例）
hours:
  - 周一至周五 08:30-12:00,14:00-17:30
  - 周六 09:00-12:00
hours_note: 法定节假日休息
directions: 乘公交1路至示例站
serves: [妇女儿童]
channels:
  - 网上妇女之家 https://x-women.example/home/
  - 微信公众号
verified: '2026-05-01'
---
东街道妇联维护妇女儿童权益，提供**婚姻家庭**咨询。
";
    const CSV: &str = "id,name,type,region,parent,address,phones,email,website,wechat,hours,hours_note,directions,serves,channels,verified,body
x-women,东街道妇联,women,east-town,west-women,东街道示例路5号,0575-0000-0005;0575-0000-0006转8001,x-women@example.org,https://x-women.example/,东街道妇联（示例）,\"周一至周五 08:30-12:00,14:00-17:30;周六 09:00-12:00\",法定节假日休息,乘公交1路至示例站,妇女儿童,网上妇女之家 https://x-women.example/home/;微信公众号,2026-05-01,东街道妇联维护妇女儿童权益，提供**婚姻家庭**咨询。
";
    let a = Site::new();
    a.write("content/organizations/x-women.md", MARKDOWN);
    let a = a.build_ok();
    let b = Site::new();
    b.write("content/organizations/x.csv", CSV);
    let b = b.build_ok();
    let page_a = a.page("organizations/x-women/");
    let page_b = b.page("organizations/x-women/");
    // The page shows every field, so the comparison means something.
    for want in [
        "<a href=\"tel:057500000006,8001\">0575-0000-0006转8001</a>",
        "周一至周五 08:30–12:00、14:00–17:30；周六 09:00–12:00（法定节假日休息）",
        "<a href=\"https://x-women.example/home/\" rel=\"noopener\">网上妇女之家</a>、微信公众号",
        "<a href=\"/organizations/west-women/\">西县妇联</a>",
        "<strong>婚姻家庭</strong>",
        "2026年5月1日",
    ] {
        assert!(main_of(&page_a).contains(want), "`{want}`:\n{page_a}");
    }
    assert_eq!(main_of(&page_a), main_of(&page_b));
    assert_eq!(
        jsonld_of(&page_a, "GovernmentOrganization"),
        jsonld_of(&page_b, "GovernmentOrganization")
    );
}

/// The pages the directory makes (not the records sections' lists).
fn directory_pages(s: &Site) -> Vec<(String, String)> {
    let sections = [
        "regions/",
        "org-types/",
        "organizations/",
        "services/",
        "activities/",
    ];
    let generated = ["find/", "needs/", "audiences/", "calendar/", "data/"];
    s.html_files()
        .into_iter()
        .filter(|(p, _)| {
            p.ends_with("/index.html")
                && (generated.iter().any(|g| p.starts_with(g))
                    || sections
                        .iter()
                        .any(|sec| p.starts_with(sec) && *p != format!("{sec}index.html")))
        })
        .collect()
}

#[test]
fn sample_data_notice_on_every_directory_page() {
    let s = Site::new();
    s.edit(
        "gongkai.yaml",
        "language: zh-CN\n",
        "language: zh-CN\nsample_data: true\n",
    );
    let s = s.build_ok();
    let pages = directory_pages(&s);
    // 4 regions, 2 types, 4 organizations, 2 services, 3 activities; 找组织
    // (1 + 2 needs × (1 + 4 regions)); 2 needs; 2 audiences; the calendar
    // and 2 months; the data page.
    assert_eq!(
        pages.len(),
        15 + 11 + 2 + 2 + 3 + 1,
        "{:?}",
        pages.iter().map(|p| &p.0).collect::<Vec<_>>()
    );
    for (path, html) in &pages {
        assert!(
            main_of(html).contains("<strong>示例数据</strong>"),
            "{path} has no 示例数据 notice"
        );
    }

    let s = Site::built();
    for (path, html) in s.html_files() {
        assert!(!html.contains("示例数据"), "{path} says 示例数据");
    }
}

#[test]
fn markup_in_names_and_titles_is_escaped() {
    const NAME: &str = "</script><script>alert(1)</script>";
    const TITLE: &str = "<img src=x onerror=alert(1)>讲座, 第一讲; 维权与心理健康：职工权益保护系列活动（报名从速）";
    let s = Site::new();
    s.write(
        "content/organizations/evil.md",
        "---\nname: \"</script><script>alert(1)</script>\"\ntype: union\nregion: east\nparent: east-union\n---\n",
    );
    s.write(
        "content/activities/2026-12-evil.md",
        &format!(
            "---\ntitle: \"{TITLE}\"\norganizers: [evil, city-union]\nstart: 2026-12-20 14:00\nend: 2026-12-20 16:00\nplace: \"东区<b>礼堂</b>, 二楼; 东侧\"\nregion: east\n---\n"
        ),
    );
    let s = s.build_ok();

    let files = s.html_files();
    assert!(files.len() > 40, "{}", files.len());
    for (path, html) in &files {
        for raw in ["<script>alert", "<img src=x", "<b>礼堂"] {
            assert!(!html.contains(raw), "{path} has raw `{raw}`");
        }
        // Every JSON-LD block still parses (none was cut short by `</script>`).
        jsonld(html);
    }
    let org = s.page("organizations/evil/");
    assert!(
        org.contains("&lt;&#x2F;script&gt;") || org.contains("&lt;/script&gt;"),
        "{org}"
    );
    assert_eq!(jsonld_of(&org, "GovernmentOrganization")["name"], NAME);
    let activity = s.page("activities/2026-12-evil/");
    let ld = jsonld_of(&activity, "Event");
    assert_eq!(ld["name"], TITLE);
    assert_eq!(ld["organizer"][0]["name"], NAME);
    assert_eq!(
        jsonld_of(
            &s.page("organizations/east-union/"),
            "GovernmentOrganization"
        )["subOrganization"][0]["name"],
        NAME
    );

    for ics in ["calendar.ics", "organizations/evil/calendar.ics"] {
        let text = s.file(ics);
        assert_ics_lines(ics, &text);
        let unfolded = text.replace("\r\n ", "");
        assert!(
            unfolded.contains("SUMMARY:<img src=x onerror=alert(1)>讲座\\, 第一讲\\; 维权"),
            "{ics}: `,` and `;` are escaped:\n{text}"
        );
        assert!(
            text.contains("\r\n "),
            "{ics}: the long SUMMARY is folded:\n{text}"
        );
        let events = ics_events(&text);
        let e = event(&events, "2026-12-evil");
        assert_eq!(e["SUMMARY"], TITLE, "{ics}");
        assert_eq!(e["LOCATION"], "东区<b>礼堂</b>, 二楼; 东侧", "{ics}");
        assert!(e["DESCRIPTION"].contains(NAME), "{ics}: {e:?}");
    }
}

/// The workbook of tests/fixtures/xlsx/make-xlsx.py: sheets 市本级 and 东区
/// of organizations (a phone typed as a number, a date cell, a name with
/// full-width spaces around it), an empty Sheet3 and a hidden sheet of
/// notes (neither read).
const WORKBOOK: &[u8] = include_bytes!("../fixtures/xlsx/组织.xlsx");
/// The same, with opening hours `周八 25:00-26:00` in sheet 东区, row 3.
const WORKBOOK_BAD_CELL: &[u8] = include_bytes!("../fixtures/xlsx/组织-坏.xlsx");
/// The same, with a title row above the header of sheet 东区.
const WORKBOOK_TITLE_ROW: &[u8] = include_bytes!("../fixtures/xlsx/组织-标题行.xlsx");
const WORKBOOK_PATH: &str = "content/organizations/组织.xlsx";

fn workbook_site() -> Site {
    Site::with(vec![(WORKBOOK_PATH, WORKBOOK)]).build_ok()
}

/// The row of `id` in the output's data/organizations.csv, by column.
fn organization_row(s: &Site, id: &str) -> BTreeMap<String, String> {
    let text = s.file("data/organizations.csv");
    let mut reader = csv_rows(&text);
    let header = reader.remove(0);
    let row = reader
        .into_iter()
        .find(|r| r[0] == id)
        .unwrap_or_else(|| panic!("no row `{id}` in data/organizations.csv:\n{text}"));
    header.into_iter().zip(row).collect()
}

/// A CSV text's rows, split by a small reader of quoted cells (the open
/// data's CSV quotes only cells with commas, quotes or line breaks).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let text = text.trim_start_matches('\u{feff}');
    let mut rows = vec![];
    let (mut row, mut cell, mut quoted) = (vec![], String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            ('\r', false) => {}
            (c, _) => cell.push(c),
        }
    }
    rows
}

#[test]
fn organizations_from_the_sheets_of_a_workbook() {
    let s = Site::with(vec![
        (WORKBOOK_PATH, WORKBOOK),
        // The owner file Excel keeps beside a workbook while it is open.
        ("content/organizations/~$组织.xlsx", b"\x0cEditor Name"),
    ])
    .build_ok();
    assert_workbook_organizations(&s);
}

#[test]
fn organizations_from_an_opendocument_spreadsheet() {
    let ods = include_bytes!("../fixtures/xlsx/组织.ods");
    let s = Site::with(vec![("content/organizations/组织.ods", ods)]).build_ok();
    assert_workbook_organizations(&s);
}

/// The organizations of the fixture workbook (as .xlsx or .ods), on their
/// pages and in the open data, with their cells as Excel shows them.
fn assert_workbook_organizations(s: &Site) {
    let city = organization_row(s, "xlsx-city-women");
    assert_eq!(city["name"], "测试市妇联（示例）");
    assert_eq!(city["region_id"], "city");
    assert_eq!(city["phones"], "13800000000", "a phone typed as a number");
    assert_eq!(city["verified"], "2025-03-01", "a date cell");
    let east = organization_row(s, "xlsx-east-women");
    assert_eq!(
        east["name"], "东区妇联（示例）",
        "full-width spaces trimmed"
    );
    assert_eq!(east["parent_id"], "xlsx-city-women");
    let town = organization_row(s, "xlsx-east-town-women");
    assert_eq!(town["phones"], "12338");
    assert_eq!(town["parent_id"], "xlsx-east-women");
    let page = s.page("organizations/xlsx-east-women/");
    assert!(page.contains("东区妇联（示例）"), "{page}");
    assert!(page.contains("0575-0000-0011"), "{page}");
    assert!(
        s.page("organizations/xlsx-city-women/")
            .contains("13800000000")
    );
    assert!(
        !tree(&s.out)
            .keys()
            .any(|p| p.to_string_lossy().contains(".xlsx")),
        "the workbook is data, not a download"
    );
}

#[test]
fn a_bad_cell_of_a_workbook_names_its_sheet_row_and_column() {
    let s = workbook_site();
    std::fs::write(s.root.join(WORKBOOK_PATH), WORKBOOK_BAD_CELL).unwrap();
    s.rejects(
        &[WORKBOOK_PATH],
        &["sheet 东区, row 3, column hours: opening hours `周八 25:00-26:00`"],
    );
}

#[test]
fn a_sheet_whose_first_row_is_not_a_header_is_an_error() {
    let s = workbook_site();
    std::fs::write(s.root.join(WORKBOOK_PATH), WORKBOOK_TITLE_ROW).unwrap();
    s.rejects(
        &[WORKBOOK_PATH],
        &["sheet 东区, row 1: the first row has no `id` column"],
    );
}

#[test]
fn a_damaged_or_encrypted_workbook_is_an_error_naming_it() {
    let s = workbook_site();
    std::fs::write(s.root.join(WORKBOOK_PATH), b"PK\x03\x04 not a workbook").unwrap();
    s.rejects(&[WORKBOOK_PATH], &["this workbook cannot be read"]);
    // An encrypted .xlsx is an OLE compound file, not a zip.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    std::fs::write(s.root.join(WORKBOOK_PATH), ole).unwrap();
    s.rejects(&[WORKBOOK_PATH], &["protected by a password"]);
}

#[test]
fn a_spreadsheet_outside_a_records_section_is_an_error() {
    let s = workbook_site();
    std::fs::write(s.root.join("content/policies/名单.xlsx"), WORKBOOK).unwrap();
    let r = s.rejects(
        &["content/policies/名单.xlsx"],
        &["is not read as a directory table"],
    );
    assert!(r.stderr.contains("records: organization"), "{}", r.stderr);
}
