//! Incremental rebuilds of directory edits give exactly the output of a
//! full build: on a copy of the example portal, a shuffled sequence of
//! edits to its records (table cells: a phone, opening hours, a name; a
//! region's parent and name; an organization's type and parent; an
//! activity's dates between past and upcoming, and its organizer; a
//! markdown record's phone and name; a service's title and needs, an
//! organization type's hotline and name, the city's name, a brand, a funds
//! row; a row added and deleted) is applied to a
//! session, and after every edit the session's output is compared byte for
//! byte with a fresh full build. Edits that keep the directory's pages take
//! the partial path, and the test says so.

use crate::common::{self, serve_options};

use std::path::PathBuf;

use gongkai::{Rebuild, Session};

/// The first line of `text` that starts with `start`.
fn line_starting<'a>(text: &'a str, start: &str) -> &'a str {
    text.lines().find(|l| l.starts_with(start)).unwrap()
}

/// `text` with its first line that starts with `start` replaced by `line`.
fn replace_line(text: &str, start: &str, line: &str) -> String {
    text.replacen(line_starting(text, start), line, 1)
}

/// `text` with field `field` (0-based, before any quoted field) of the CSV
/// row whose id is `id` set to `value`.
fn set_cell(text: &str, id: &str, field: usize, value: &str) -> String {
    let prefix = format!("{id},");
    let mut found = false;
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            if !line.starts_with(&prefix) {
                return line.to_string();
            }
            found = true;
            let mut cells: Vec<&str> = line.splitn(field + 2, ',').collect();
            cells[field] = value;
            cells.join(",")
        })
        .collect();
    assert!(found, "no row {id}");
    lines.join("\n") + "\n"
}

/// One kind of edit: the file it changes (below the site) and its new text
/// at `step`, from the file's text; and whether the directory keeps its
/// pages (the edit takes the partial path).
type Edit = (&'static str, fn(&str, usize) -> String, bool);

const COUNTIES: &str = "content/organizations/counties.csv";
const REGIONS: &str = "content/regions/regions.csv";
const ACTIVITIES: &str = "content/activities/activities.csv";

fn edits() -> Vec<Edit> {
    vec![
        // A phone number cell.
        (
            COUNTIES,
            |t, step| {
                set_cell(
                    t,
                    "yuecheng-gonghui",
                    6,
                    &format!("0575-0000-{step:04};12351"),
                )
            },
            true,
        ),
        // Opening hours, quoted in the table (a cell with a comma).
        (
            COUNTIES,
            |t, step| {
                let hours = [
                    "\"周一至周五 08:30-12:00,14:00-17:30\"",
                    "周一至周六 09:00-17:00",
                ];
                let line = line_starting(t, "keqiao-gonghui,");
                let now = hours.iter().position(|h| line.contains(h)).unwrap();
                let _ = step;
                t.replacen(line, &line.replacen(hours[now], hours[1 - now], 1), 1)
            },
            true,
        ),
        // An organization's name: its lists, services, activities, brands.
        (
            COUNTIES,
            |t, step| set_cell(t, "yuecheng-fulian", 1, &format!("越城区妇女联合会{step}")),
            true,
        ),
        // An organization's type.
        (
            COUNTIES,
            |t, _| {
                let line = line_starting(t, "yuecheng-kexie,");
                let to = if line.contains(",kexie,") {
                    "wenlian"
                } else {
                    "kexie"
                };
                set_cell(t, "yuecheng-kexie", 2, to)
            },
            true,
        ),
        // An organization's parent, given and taken away.
        (
            COUNTIES,
            |t, _| {
                let line = line_starting(t, "xinchang-fulian,");
                let to = if line.contains(",shaoxing-fulian,") {
                    ""
                } else {
                    "shaoxing-fulian"
                };
                set_cell(t, "xinchang-fulian", 4, to)
            },
            true,
        ),
        // An activity's organizer: the one it had loses its only activity,
        // and its calendar goes.
        (
            ACTIVITIES,
            |t, _| {
                let line = line_starting(t, "2026-09-qiaojie-zhongqiu,");
                let to = if line.contains(",shaoxing-qiaolian,") {
                    "shaoxing-wenlian"
                } else {
                    "shaoxing-qiaolian"
                };
                set_cell(t, "2026-09-qiaojie-zhongqiu", 2, to)
            },
            true,
        ),
        // A service's needs: the needs' pages count their services.
        (
            "content/services/services.yaml",
            |t, _| {
                if t.contains("    - 大病救助\n    - 困难帮扶\n") {
                    t.replacen(
                        "    - 大病救助\n    - 困难帮扶\n",
                        "    - 助学\n    - 困难帮扶\n",
                        1,
                    )
                } else {
                    t.replacen(
                        "    - 助学\n    - 困难帮扶\n",
                        "    - 大病救助\n    - 困难帮扶\n",
                        1,
                    )
                }
            },
            true,
        ),
        // A row added, then deleted: a full build.
        (
            COUNTIES,
            |t, _| {
                let row = "yuecheng-shili,越城区示例协会,kexie,yuecheng,,,,,,,,,,,,,示例数据。";
                if t.contains(row) {
                    t.replace(&format!("{row}\n"), "")
                } else {
                    format!("{t}{row}\n")
                }
            },
            false,
        ),
        // A township moves to another county.
        (
            REGIONS,
            |t, _| {
                let line = line_starting(t, "zhuji-fengqiao,");
                let to = if line.contains(",zhuji,") {
                    "shengzhou"
                } else {
                    "zhuji"
                };
                set_cell(t, "zhuji-fengqiao", 3, to)
            },
            true,
        ),
        // A county's name: every region, organization and activity below.
        (
            REGIONS,
            |t, step| set_cell(t, "yuecheng", 1, &format!("越城区{step}")),
            true,
        ),
        // An activity moves between past (September) and upcoming (the
        // month after the build's, which has other activities).
        (
            ACTIVITIES,
            |t, _| {
                let line = line_starting(t, "2026-09-qiaojie-zhongqiu,");
                let (start, end) = if line.contains(",2026-09-24 14:30,") {
                    ("2027-03-24 14:30", "2027-03-24 17:00")
                } else {
                    ("2026-09-24 14:30", "2026-09-24 17:00")
                };
                let t = set_cell(t, "2026-09-qiaojie-zhongqiu", 3, start);
                set_cell(&t, "2026-09-qiaojie-zhongqiu", 4, end)
            },
            true,
        ),
        // An activity moves to a month with no other: a new calendar page.
        (
            ACTIVITIES,
            |t, _| {
                let line = line_starting(t, "2026-08-song-qingliang,");
                let day = if line.contains(",2026-08-06,") {
                    "2030-01-06"
                } else {
                    "2026-08-06"
                };
                let t = set_cell(t, "2026-08-song-qingliang", 3, day);
                set_cell(&t, "2026-08-song-qingliang", 4, day)
            },
            false,
        ),
        // A markdown record's phone.
        (
            "content/organizations/shaoxing-hongshizihui.md",
            |t, step| replace_line(t, "  - 0575-0000-", &format!("  - 0575-0000-{step:04}")),
            true,
        ),
        // A service's title (shown by the policies it implements).
        (
            "content/services/services.yaml",
            |t, step| {
                replace_line(
                    t,
                    "  title: 职工医疗互助保障",
                    &format!("  title: 职工医疗互助保障{step}"),
                )
            },
            true,
        ),
        // An organization type's hotline name.
        (
            "content/org-types/org-types.yaml",
            |t, step| {
                replace_line(
                    t,
                    "  hotline_name: 职工服务热线",
                    &format!("  hotline_name: 职工服务热线{step}"),
                )
            },
            true,
        ),
        // A brand's name.
        (
            "content/brands/brands.yaml",
            |t, step| {
                replace_line(
                    t,
                    "  name: 12338热线服务窗口",
                    &format!("  name: 12338热线服务窗口{step}（示例）"),
                )
            },
            true,
        ),
        // A markdown record's name, an organization with child
        // organizations (the open data of each names its parent),
        // services, activities it organizes with another, and funds.
        (
            "content/organizations/shaoxing-gonghui.md",
            |t, step| {
                replace_line(
                    t,
                    "name: 绍兴市总工会",
                    &format!("name: 绍兴市总工会{step}"),
                )
            },
            true,
        ),
        // An organization type's name: in its organizations' open data.
        (
            "content/org-types/org-types.yaml",
            |t, step| replace_line(t, "  name: 工会", &format!("  name: 工会{step}")),
            true,
        ),
        // The city's name: in the open data of every record below it (the
        // HSDS addresses' city, the region paths, the service areas).
        (
            REGIONS,
            |t, step| set_cell(t, "shaoxing", 1, &format!("绍兴市{step}")),
            true,
        ),
        // A funds amount.
        (
            "content/funds/2025.csv",
            |t, step| {
                replace_line(
                    t,
                    "shaoxing-hongshizihui,2025,筹集,财政拨款,",
                    &format!("shaoxing-hongshizihui,2025,筹集,财政拨款,12500{step:02}.00,,,,,,是"),
                )
            },
            true,
        ),
    ]
}

#[test]
fn random_directory_edits_give_the_output_of_a_full_build() {
    let tmp = tempfile::tempdir().unwrap();
    let site = common::portal(tmp.path());
    let served = tmp.path().join("served");
    let (mut session, _) = Session::start(serve_options(&site, &served)).unwrap();
    let edits = edits();
    // Each kind of edit twice (the second mostly undoes the first), in a
    // shuffled order.
    let mut order: Vec<usize> = (0..edits.len()).chain(0..edits.len()).collect();
    let mut random = common::Random(0x2545_f491_4f6c_dd1d);
    for i in (1..order.len()).rev() {
        order.swap(i, random.below(i + 1));
    }

    for (step, &kind) in order.iter().enumerate() {
        let (file, edit, partial) = edits[kind];
        let path = site.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let new = edit(&text, step);
        assert_ne!(new, text, "step {step}: edit {kind} changes its file");
        std::fs::write(&path, &new).unwrap();
        let rebuild = session
            .apply(&[PathBuf::from(file)])
            .unwrap_or_else(|d| panic!("step {step} (edit {kind} of {file}): {d}"));
        assert_eq!(
            matches!(rebuild, Rebuild::Partial { .. }),
            partial,
            "step {step}: edit {kind} of {file} took {rebuild:?}"
        );
        common::assert_served_as_built(
            &mut session,
            &served,
            &site,
            tmp.path(),
            &format!("step {step}: edit {kind} of {file}"),
        );
    }
}

#[test]
fn a_cell_edit_renders_only_what_shows_the_organization() {
    let tmp = tempfile::tempdir().unwrap();
    let site = common::portal(tmp.path());
    let served = tmp.path().join("served");
    let (mut session, report) = Session::start(serve_options(&site, &served)).unwrap();
    let path = site.join(COUNTIES);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        set_cell(&text, "xinchang-kexie", 6, "0575-0000-9999"),
    )
    .unwrap();
    let Rebuild::Partial {
        tasks,
        files_written,
    } = session.apply(&[path]).unwrap()
    else {
        panic!("a phone number edit must not rebuild everything");
    };
    // Its page, its region's and county's, its type's, its parent's, its
    // list page, the pages of needs and audiences and answers that list it:
    // a few dozen of the site's pages, and the files that changed.
    assert!(tasks < 60, "{tasks} tasks");
    assert!(
        files_written < report.files_written / 10,
        "{files_written} files"
    );
    let page =
        std::fs::read_to_string(served.join("organizations/xinchang-kexie/index.html")).unwrap();
    assert!(page.contains("0575-0000-9999"));
    let data = std::fs::read_to_string(served.join("data/organizations.csv")).unwrap();
    assert!(data.contains("0575-0000-9999"), "open data rewritten");
}

/// A records edit splices the changed records' pieces into the open data,
/// copying the rest from the file written before (which the server wrote:
/// a byte changed there behind its back stays), and writes a file whole
/// again when it is not the length the server noted.
#[test]
fn a_cell_edit_splices_the_open_data() {
    let tmp = tempfile::tempdir().unwrap();
    let site = common::portal(tmp.path());
    let served = tmp.path().join("served");
    let (mut session, _) = Session::start(serve_options(&site, &served)).unwrap();
    let data = |name: &str| std::fs::read_to_string(served.join("data").join(name)).unwrap();
    // Another organization's name, the same length.
    let json = data("organizations.json");
    assert!(json.contains("\"越城区总工会\""));
    std::fs::write(
        served.join("data/organizations.json"),
        json.replacen("\"越城区总工会\"", "\"越城区总工汇\"", 1),
    )
    .unwrap();
    // Longer.
    let csv = data("organizations.csv");
    std::fs::write(
        served.join("data/organizations.csv"),
        csv.replacen(",越城区总工会,", ",越城区总工会（改）,", 1),
    )
    .unwrap();

    let path = site.join(COUNTIES);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        set_cell(&text, "xinchang-kexie", 6, "0575-0000-9999"),
    )
    .unwrap();
    assert!(matches!(
        session.apply(&[path]).unwrap(),
        Rebuild::Partial { .. }
    ));
    let (json, csv) = (data("organizations.json"), data("organizations.csv"));
    assert!(json.contains("0575-0000-9999") && csv.contains("0575-0000-9999"));
    assert!(json.contains("\"越城区总工汇\""), "the other pieces copied");
    assert!(
        csv.contains(",越城区总工会,") && !csv.contains("（改）"),
        "a file of another length written whole"
    );
}
