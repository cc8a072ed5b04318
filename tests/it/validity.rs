//! Issue 18, parts 1 and 5, as a whole site (tests/fixtures/validity/,
//! sample texts marked 示例): a policy's validity (时效性) derived from its
//! written status, `effective` and `expires` and the build's today
//! (`SOURCE_DATE_EPOCH`), shown on the policy, its article pages, the
//! lists and in JSON-LD; pages dated after today left out of everything
//! until their day (or with `--future`); the policies section's feed of
//! changes; and bad dates reported with file and line, all in one run.

use std::path::{Path, PathBuf};

use crate::common::{gongkai, messages, text_of, tree};
use tempfile::TempDir;

/// 2026-06-01 08:00 in Shanghai.
const JUNE_2026: &str = "1780272000";
/// 2027-06-01 00:00 in Shanghai.
const JUNE_2027: &str = "1811779200";
/// 2028-01-01 00:00 in Shanghai: the day after `in-force.md` expires.
const JAN_2028: &str = "1830268800";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/validity")
}

struct Run {
    ok: bool,
    stderr: String,
}

fn run(command: &str, root: &Path, out: Option<&Path>, epoch: &str, extra: &[&str]) -> Run {
    let mut c = gongkai();
    c.arg(command).arg("--root").arg(root);
    if let Some(out) = out {
        c.arg("--output").arg(out);
    }
    let o = c
        .args(extra)
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .unwrap();
    Run {
        ok: o.status.success(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// Build the fixture at `epoch`; its output folder.
fn built(epoch: &str, extra: &[&str]) -> (TempDir, PathBuf) {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("out");
    let r = run("build", &fixture(), Some(&out), epoch, extra);
    assert!(r.ok, "build failed:\n{}", r.stderr);
    (tmp, out)
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path.as_ref())
        .unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
}

/// The JSON-LD of a built page.
fn jsonld(html: &str) -> serde_json::Value {
    let start = html.find("application/ld+json\">").unwrap() + "application/ld+json\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

/// The text of the `有效性` row of a policy's disclosure panel.
fn validity_row(html: &str) -> String {
    let at = html.find("<dt>有效性</dt>").expect("a validity row");
    let rest = &html[at..];
    text_of(&rest[..rest.find("</div>").unwrap()])
}

/// The files of `out` that mention `text`.
fn files_with(out: &Path, text: &str) -> Vec<PathBuf> {
    tree(out)
        .into_iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(text))
        .map(|(p, _)| p)
        .collect()
}

#[test]
fn validity_is_derived_from_status_dates_and_the_builds_today() {
    let (_tmp, out) = built(JUNE_2026, &[]);
    let page = |slug: &str| read(out.join("policies").join(slug).join("index.html"));

    // In force, with its dates in the panel.
    let in_force = page("in-force");
    assert_eq!(validity_row(&in_force), "有效性有效");
    let panel = text_of(&in_force);
    assert!(panel.contains("施行日期2026年2月1日"), "{panel}");
    assert!(panel.contains("有效期至2027年12月31日"), "{panel}");
    let ld = jsonld(&in_force);
    assert_eq!(ld["legislationLegalForce"], "https://schema.org/InForce");
    assert_eq!(ld["legislationDateOfApplicability"], "2026-02-01");
    assert_eq!(ld["expires"], "2027-12-31");
    assert!(!in_force.contains("class=\"status-banner\""));

    // Not yet in force: a banner with the day it takes effect.
    let not_yet = page("not-yet");
    assert_eq!(validity_row(&not_yet), "有效性尚未生效");
    assert!(
        text_of(&not_yet).contains("本文件尚未生效，将于2027年1月1日起施行。"),
        "{}",
        text_of(&not_yet)
    );
    assert_eq!(
        jsonld(&not_yet)["legislationLegalForce"],
        "https://schema.org/NotInForce"
    );
    // … and on each of its article pages.
    let article = read(out.join("policies/not-yet/art_1/index.html"));
    let text = text_of(&article);
    assert!(
        text.contains("本文件尚未生效，将于2027年1月1日起施行。"),
        "{text}"
    );
    assert_eq!(
        jsonld(&article)["legislationLegalForce"],
        "https://schema.org/NotInForce"
    );
    assert_eq!(
        jsonld(&article)["legislationDateOfApplicability"],
        "2027-01-01"
    );
    let article = read(out.join("policies/in-force/art_1/index.html"));
    assert!(article.contains("<span class=\"status status-in_force\">有效</span>"));

    // Amended and repealed, as written.
    let amended = page("amended");
    assert_eq!(validity_row(&amended), "有效性已修改");
    assert_eq!(
        jsonld(&amended)["legislationLegalForce"],
        "https://schema.org/PartiallyInForce"
    );
    let repealed = page("repealed");
    assert_eq!(validity_row(&repealed), "有效性已废止");
    assert_eq!(
        jsonld(&repealed)["legislationLegalForce"],
        "https://schema.org/NotInForce"
    );

    // An interpretation says it of the policy it explains.
    let guide = read(out.join("news/guide/index.html"));
    assert!(
        guide.contains("示例尚未施行条例（示例）</a> <span class=\"status status-not_yet_in_force\">尚未生效</span>"),
        "{guide}"
    );

    // Every list says it in words.
    for list in ["policies/index.html", "index.html"] {
        let html = read(out.join(list));
        for (slug, label) in [
            ("in-force", "有效"),
            ("not-yet", "尚未生效"),
            ("amended", "已修改"),
            ("repealed", "已废止"),
        ] {
            let at = html
                .find(&format!("href=\"/policies/{slug}/\""))
                .unwrap_or_else(|| panic!("{list} lists {slug}"));
            let item = &html[at..at + html[at..].find("</li>").unwrap()];
            assert!(
                item.contains(&format!("\">{label}</span>")),
                "{list}, {slug}: {item}"
            );
        }
    }
}

#[test]
fn validity_changes_with_the_day_of_the_build() {
    let (_a, out) = built(JUNE_2027, &[]);
    let html = read(out.join("policies/not-yet/index.html"));
    assert_eq!(validity_row(&html), "有效性有效");
    assert!(!html.contains("class=\"status-banner\""));
    let html = read(out.join("policies/in-force/index.html"));
    assert_eq!(
        validity_row(&html),
        "有效性有效",
        "expires is the last day in force"
    );

    let (_b, out) = built(JAN_2028, &[]);
    let html = read(out.join("policies/in-force/index.html"));
    assert_eq!(validity_row(&html), "有效性已失效");
    assert!(text_of(&html).contains("本文件已失效"));
    assert_eq!(
        jsonld(&html)["legislationLegalForce"],
        "https://schema.org/NotInForce"
    );
    let list = read(out.join("policies/index.html"));
    assert!(list.contains("\">已失效</span>"));
}

#[test]
fn pages_dated_after_today_wait_for_their_day() {
    let (_a, out) = built(JUNE_2026, &[]);
    assert!(!out.join("policies/future/index.html").exists());
    assert!(!out.join("news/future-news/index.html").exists());
    for title in ["示例待发布通知", "示例预告新闻"] {
        assert_eq!(files_with(&out, title), Vec::<PathBuf>::new(), "{title}");
    }
    for path in ["news/future-news/", "policies/future/"] {
        assert_eq!(files_with(&out, path), Vec::<PathBuf>::new(), "{path}");
    }
    // A page dated today (later in the day) is published.
    assert!(out.join("news/today-news/index.html").exists());
    assert!(read(out.join("sitemap.xml")).contains("news/today-news/"));
    assert!(read(out.join("atom.xml")).contains("示例当日新闻"));

    // With --future, everything is there: the page, lists, sitemap, feed,
    // search.
    let (_b, out) = built(JUNE_2026, &["--future"]);
    assert!(out.join("policies/future/index.html").exists());
    assert!(out.join("news/future-news/index.html").exists());
    let with = files_with(&out, "示例预告新闻");
    for f in ["sitemap.xml", "atom.xml", "news/index.html"] {
        let f = if f == "sitemap.xml" {
            assert!(read(out.join(f)).contains("news/future-news/"));
            continue;
        } else {
            PathBuf::from(f)
        };
        assert!(with.contains(&f), "{} in {with:?}", f.display());
    }
    assert!(
        with.iter().any(|p| p.starts_with("search")),
        "in the search index: {with:?}"
    );

    // On its day, without the flag.
    let (_c, out) = built(JUNE_2027, &[]);
    assert!(out.join("policies/future/index.html").exists());
    assert!(out.join("news/future-news/index.html").exists());
}

#[test]
fn the_policies_section_has_a_feed_of_changes() {
    let (_a, out) = built(JUNE_2026, &[]);
    let list = read(out.join("policies/index.html"));
    assert!(list.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"示例政策文件：发布、施行、修改、废止\" href=\"/policies/changes.xml\">"
    ));
    let xml = read(out.join("policies/changes.xml"));
    assert!(xml.contains(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"https://validity.example/policies/changes.xml\"/>"
    ));
    let titles: Vec<&str> = xml
        .split("<entry>")
        .skip(1)
        .map(|e| {
            let s = e.find("<title>").unwrap() + "<title>".len();
            &e[s..e.find("</title>").unwrap()]
        })
        .collect();
    assert_eq!(
        titles,
        [
            "发布：《示例尚未施行条例（示例）》于2026年5月10日发布",
            "修改：《示例被修改办法（示例）》经《示例修改决定（示例）》修改，自2026年4月1日起施行",
            "施行：《示例修改决定（示例）》自2026年4月1日起施行",
            "发布：《示例修改决定（示例）》于2026年3月2日发布",
            "废止：《示例已废止规定（示例）》由《示例有效期办法（示例）》废止，自2026年2月1日起失去效力",
            "施行：《示例有效期办法（示例）》自2026年2月1日起施行",
            "发布：《示例有效期办法（示例）》于2026年1月6日发布",
            "施行：《示例被修改办法（示例）》自2016年1月1日起施行",
            "发布：《示例被修改办法（示例）》于2015年12月10日发布",
            "施行：《示例已废止规定（示例）》自2010年5月1日起施行",
            "发布：《示例已废止规定（示例）》于2010年3月1日发布",
        ]
    );
    assert!(xml.contains("<published>2026-05-10T00:00:00+08:00</published>"));
    assert!(
        xml.contains("<id>https://validity.example/policies/not-yet/#published-2026-05-10</id>")
    );

    // Events take their place on their day: the expiry and the taking
    // effect of the policy not yet in force are not there before.
    let (_b, out) = built(JAN_2028, &[]);
    let xml = read(out.join("policies/changes.xml"));
    let first = xml.split("<entry>").nth(1).unwrap();
    assert!(
        first.contains("<title>失效：《示例有效期办法（示例）》有效期至2027年12月31日，自2028年1月1日起失效</title>"),
        "{first}"
    );
    assert!(xml.contains("施行：《示例尚未施行条例（示例）》自2027年1月1日起施行"));

    // Two builds of the same day are the same, byte for byte.
    let (_c, again) = built(JAN_2028, &[]);
    assert!(tree(&out) == tree(&again), "two builds at one epoch differ");
}

#[test]
fn bad_dates_are_reported_together_and_links_to_held_back_pages_refused() {
    let tmp = TempDir::new().unwrap();
    let root = tmp.path().join("site");
    for e in walkdir::WalkDir::new(fixture()) {
        let e = e.unwrap();
        let to = root.join(e.path().strip_prefix(fixture()).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
    let policy = |name: &str, dates: &str| {
        std::fs::write(
            root.join("content/policies").join(name),
            format!(
                "---\ntitle: 示例错误日期（示例）\ntype: policy\nissuer: 示例\nwritten: 2026-03-01\n{dates}\n---\n第一条　示例。\n"
            ),
        )
        .unwrap();
    };
    policy("effective-early.md", "effective: 2026-02-01");
    policy(
        "expires-early.md",
        "effective: 2026-04-01\nexpires: 2026-03-31",
    );
    policy("bad-date.md", "effective: 2026-02-30");
    // In force as written, past its `expires`: not an error (已失效).
    policy("expired.md", "expires: 2026-03-31");
    let r = run("check", &root, None, JUNE_2026, &[]);
    assert!(!r.ok);
    let m = messages(&r.stderr);
    for (place, message) in [
        (
            "content/policies/effective-early.md:6:12",
            "the policy takes effect (`effective: 2026-02-01`) before it was written (`written: 2026-03-01`)",
        ),
        (
            "content/policies/expires-early.md:7:10",
            "the policy expires (`expires: 2026-03-31`) before it takes effect (`effective: 2026-04-01`)",
        ),
        (
            "content/policies/bad-date.md:6:12",
            "`2026-02-30` is not a date",
        ),
    ] {
        assert!(r.stderr.contains(place), "{place} in:\n{}", r.stderr);
        assert!(m.contains(message), "{message} in:\n{m}");
    }
    assert!(!r.stderr.contains("expired.md"), "{}", r.stderr);

    // A link to a page held back for its date is an error (like a link to
    // a draft), found once the dates are right; with --future it is fine.
    for bad in ["effective-early.md", "expires-early.md", "bad-date.md"] {
        std::fs::remove_file(root.join("content/policies").join(bad)).unwrap();
    }
    std::fs::write(
        root.join("content/news/links-ahead.md"),
        "---\ntitle: 示例链接（示例）\ndate: 2026-05-01\n---\n见[预告](@/news/future-news.md)。\n",
    )
    .unwrap();
    let r = run("check", &root, None, JUNE_2026, &[]);
    assert!(!r.ok);
    assert!(
        r.stderr.contains("content/news/links-ahead.md:5:"),
        "{}",
        r.stderr
    );
    assert!(
        messages(&r.stderr).contains(
            "link to a page that is published only on 2026-09-01 (its date is after today): `@/news/future-news.md`"
        ),
        "{}",
        r.stderr
    );
    let r = run("check", &root, None, JUNE_2026, &["--future"]);
    assert!(r.ok, "{}", r.stderr);

    // A SOURCE_DATE_EPOCH that is not a number of seconds says so.
    let r = run("check", &fixture(), None, "tomorrow", &[]);
    assert!(!r.ok);
    assert!(
        messages(&r.stderr).contains("SOURCE_DATE_EPOCH is not a number of seconds"),
        "{}",
        r.stderr
    );
}

#[test]
fn build_check_and_serve_offer_future_in_the_runs_language() {
    for (lang, words) in [
        ("en", "Include pages dated after today"),
        ("zh-CN", "也生成日期在今天之后"),
    ] {
        for command in ["build", "check", "serve"] {
            let o = gongkai()
                .env("GONGKAI_LANG", lang)
                .arg(command)
                .arg("--help")
                .output()
                .unwrap();
            let help = String::from_utf8_lossy(&o.stdout);
            let line = help
                .lines()
                .find(|l| l.contains("--future"))
                .unwrap_or_else(|| panic!("{command} --help ({lang}):\n{help}"));
            assert!(line.contains(words), "{command} ({lang}): {line}");
        }
    }
}
