//! Incremental rebuilds of directory edits give exactly the output of a
//! full build: on a copy of the example portal, a shuffled sequence of
//! edits to its records (table cells: a phone, opening hours, a name; a
//! region's parent and name; an organization's type, parent and county;
//! an activity's dates between past and upcoming, into and out of a month
//! of its own, and its organizer; a markdown record; a service's title and
//! needs, an organization type's hotline and name, the city's name, a
//! brand, a funds row; rows, a township, an
//! organization type, a service and a funds disclosure added and deleted;
//! a markdown record file added and deleted; an organization's id renamed
//! with its references) is applied to a session, and after every edit the
//! session's output is compared byte for byte with a fresh full build.
//! Every edit takes the partial path, and the test says so. An edit that
//! breaks a reference fails as a full build does and keeps the site.

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

/// An edit to one file's text: its new text at `step`, from its text.
type TextEdit = fn(&str, usize) -> String;

/// An edit to a file that may be missing (`None`) or go (`None` back).
type FileEdit = fn(Option<&str>, usize) -> Option<String>;

/// How one file (below the site) changes.
#[derive(Clone, Copy)]
enum How {
    Text(TextEdit),
    File(FileEdit),
}

/// One kind of edit: the files it changes together (saved at once, as an
/// editor's tool that renames an id does), and whether it takes the
/// partial path.
type Edit = (Vec<(&'static str, How)>, bool);

const SERVICES: &str = "content/services/services.yaml";
const ORG_TYPES: &str = "content/org-types/org-types.yaml";
const FUNDS: &str = "content/funds/2025.csv";
const MARKDOWN_RECORD: &str = "content/organizations/yuecheng-shili-md.md";
const ALONE_IN_FEBRUARY: &str = "content/activities/2027-02-chunfeng-zhaopin.md";

/// `text` with `row` (a line) added at its end, or taken away if it has it.
fn toggle_row(text: &str, row: &str) -> String {
    let line = format!("{row}\n");
    if text.contains(&line) {
        text.replacen(&line, "", 1)
    } else {
        format!("{text}{line}")
    }
}

/// `text` with `from` replaced by `to`, or `to` by `from` if it has `to`.
fn swap(text: &str, from: &str, to: &str) -> String {
    if text.contains(to) {
        text.replacen(to, from, 1)
    } else {
        assert!(text.contains(from), "no {from:?}");
        text.replacen(from, to, 1)
    }
}

/// Edits that add, delete or rename records, and move them between
/// regions and months: the directory's pages change, and the partial path
/// still gives a full build's output.
fn reshaping_edits() -> Vec<Edit> {
    vec![
        // A township added, then deleted: 找组织 answers for it come and go.
        (
            vec![(
                REGIONS,
                How::Text(|t, _| toggle_row(t, "yuecheng-shili,示例街道,乡镇街道,yuecheng,")),
            )],
            true,
        ),
        // An organization type added, then deleted.
        (
            vec![(
                ORG_TYPES,
                How::Text(|t, _| {
                    let block = "\n- id: shili-leixing\n  name: 示例类型\n  full_name: 示例组织类型\n  body: 示例数据。\n";
                    if t.contains(block) {
                        t.replacen(block, "", 1)
                    } else {
                        format!("{t}{block}")
                    }
                }),
            )],
            true,
        ),
        // A markdown record file added, then deleted.
        (
            vec![(
                MARKDOWN_RECORD,
                How::File(|t, _| {
                    match t {
                    Some(_) => None,
                    None => Some(
                        "---\nid: yuecheng-shili-md\nname: 越城区示例促进会\ntype: kexie\nregion: yuecheng-fushan\nparent: yuecheng-kexie\nphones:\n  - 0575-0000-2999\n---\n示例数据：一个虚构的组织。\n"
                            .to_string(),
                    ),
                }
                }),
            )],
            true,
        ),
        // An organization's id renamed, with the service and activity that
        // name it: its page goes, a new one comes, the policies its service
        // implements list it under its new address.
        (
            vec![
                (
                    COUNTIES,
                    How::Text(|t, _| swap(t, "\nxinchang-kexie,", "\nxinchang-kexie-x,")),
                ),
                (
                    SERVICES,
                    How::Text(|t, _| {
                        swap(
                            t,
                            "  provider: xinchang-kexie\n",
                            "  provider: xinchang-kexie-x\n",
                        )
                    }),
                ),
                (
                    ACTIVITIES,
                    How::Text(|t, _| swap(t, ",xinchang-kexie,", ",xinchang-kexie-x,")),
                ),
            ],
            true,
        ),
        // An organization moves to another county.
        (
            vec![(
                COUNTIES,
                How::Text(|t, _| {
                    let line = line_starting(t, "yuecheng-gongqingtuan,");
                    let to = if line.contains(",gongqingtuan,yuecheng,") {
                        "keqiao"
                    } else {
                        "yuecheng"
                    };
                    set_cell(t, "yuecheng-gongqingtuan", 3, to)
                }),
            )],
            true,
        ),
        // The only activity of February 2027 moves to a month with none:
        // one month page goes, another comes.
        (
            vec![(
                ALONE_IN_FEBRUARY,
                How::Text(|t, _| {
                    let t = swap(t, "start: 2027-02-20 09:00\n", "start: 2030-05-20 09:00\n");
                    swap(&t, "end: 2027-02-20 12:30\n", "end: 2030-05-20 12:30\n")
                }),
            )],
            true,
        ),
        // A service added, then deleted: it implements an article (the
        // policy's 落实情况 counts it) and counts for a need (its page and
        // 找组织 answers).
        (
            vec![(
                SERVICES,
                How::Text(|t, _| {
                    let block = "\n- id: shili-fuwu\n  title: 示例服务\n  provider: yuecheng-gonghui\n  audiences:\n    - 职工\n  needs:\n    - 心理疏导\n  implements:\n    - art_8\n  body: 示例数据。\n";
                    if t.contains(block) {
                        t.replacen(block, "", 1)
                    } else {
                        format!("{t}{block}")
                    }
                }),
            )],
            true,
        ),
        // A funds row for an organization without a disclosure: its
        // disclosure page comes, then goes.
        (
            vec![(
                FUNDS,
                How::Text(|t, _| {
                    toggle_row(t, "yuecheng-gonghui,2025,筹集,财政拨款,1000.00,,,,,,是")
                }),
            )],
            true,
        ),
    ]
}

const COUNTIES: &str = "content/organizations/counties.csv";
const REGIONS: &str = "content/regions/regions.csv";
const ACTIVITIES: &str = "content/activities/activities.csv";

fn edits() -> Vec<Edit> {
    let cells: Vec<(&'static str, TextEdit, bool)> = vec![
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
            true,
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
            true,
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
    ];
    let mut edits: Vec<Edit> = cells
        .into_iter()
        .map(|(file, edit, partial)| (vec![(file, How::Text(edit))], partial))
        .collect();
    edits.extend(reshaping_edits());
    edits
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
        let (files, partial) = &edits[kind];
        let mut changed = Vec::new();
        for &(file, how) in files {
            let path = site.join(file);
            let text = std::fs::read_to_string(&path).ok();
            let new = match how {
                How::Text(edit) => Some(edit(text.as_deref().unwrap(), step)),
                How::File(edit) => edit(text.as_deref(), step),
            };
            assert_ne!(new, text, "step {step}: edit {kind} changes {file}");
            match &new {
                Some(new) => std::fs::write(&path, new).unwrap(),
                None => std::fs::remove_file(&path).unwrap(),
            }
            changed.push(PathBuf::from(file));
        }
        let file = files[0].0;
        let rebuild = session
            .apply(&changed)
            .unwrap_or_else(|d| panic!("step {step} (edit {kind} of {file}): {d}"));
        assert_eq!(
            matches!(rebuild, Rebuild::Partial { .. }),
            *partial,
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

/// The error a full build of `site` gives, as text.
fn full_build_error(site: &std::path::Path, scratch: &std::path::Path) -> String {
    let out = scratch.join("full-build-error");
    let error = gongkai::build(&serve_options(site, &out))
        .expect_err("the full build fails too")
        .to_string();
    let _ = std::fs::remove_dir_all(&out);
    error
}

#[test]
fn an_edit_that_breaks_a_reference_fails_as_a_full_build_and_keeps_the_site() {
    let tmp = tempfile::tempdir().unwrap();
    let site = common::portal(tmp.path());
    let served = tmp.path().join("served");
    let (mut session, _) = Session::start(serve_options(&site, &served)).unwrap();
    let before = common::tree(&served);
    let edit = |file: &str, change: &dyn Fn(&str) -> String| {
        let path = site.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let new = change(&text);
        assert_ne!(new, text);
        std::fs::write(&path, new).unwrap();
    };

    // A township deleted that organizations and an activity are in, and a
    // county renamed in the same save.
    edit(REGIONS, &|t| {
        let t = t.replacen("xinchang-shaxi,沙溪镇,乡镇街道,xinchang,\n", "", 1);
        set_cell(&t, "yuecheng", 1, "越城区（改）")
    });
    let error = session.apply(&[PathBuf::from(REGIONS)]).unwrap_err();
    assert!(error.to_string().contains("xinchang-shaxi"), "{error}");
    assert_eq!(error.to_string(), full_build_error(&site, tmp.path()));
    assert!(common::tree(&served) == before, "the served site stays");

    // The references mended in other files: the township's deletion and
    // the county's new name (saved before, in a file not saved now) show.
    const TOWNSHIPS: &str = "content/organizations/townships.yaml";
    edit(TOWNSHIPS, &|t| {
        t.replace("  region: xinchang-shaxi\n", "  region: xinchang\n")
    });
    edit(ACTIVITIES, &|t| {
        t.replacen(",xinchang-shaxi,", ",xinchang,", 1)
    });
    let rebuild = session
        .apply(&[PathBuf::from(TOWNSHIPS), PathBuf::from(ACTIVITIES)])
        .unwrap();
    assert!(matches!(rebuild, Rebuild::Partial { .. }), "{rebuild:?}");
    common::assert_served_as_built(&mut session, &served, &site, tmp.path(), "mended");
    let county = std::fs::read_to_string(served.join("regions/yuecheng/index.html")).unwrap();
    assert!(county.contains("越城区（改）"));
    assert!(!served.join("regions/xinchang-shaxi").exists());

    // An organization's id renamed without its references: an error, then
    // put back.
    let before = common::tree(&served);
    edit(COUNTIES, &|t| {
        t.replacen("\nxinchang-kexie,", "\nxinchang-kexie-y,", 1)
    });
    let error = session.apply(&[PathBuf::from(COUNTIES)]).unwrap_err();
    assert_eq!(error.to_string(), full_build_error(&site, tmp.path()));
    assert!(common::tree(&served) == before, "the served site stays");
    edit(COUNTIES, &|t| {
        t.replacen("\nxinchang-kexie-y,", "\nxinchang-kexie,", 1)
    });
    let rebuild = session.apply(&[PathBuf::from(COUNTIES)]).unwrap();
    assert!(matches!(rebuild, Rebuild::Partial { .. }), "{rebuild:?}");
    common::assert_served_as_built(&mut session, &served, &site, tmp.path(), "put back");
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
