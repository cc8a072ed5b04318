//! Safe builds (issue 14): the reproductions of an adversarial probe, one
//! test each. An output path never replaces the site's sources or a folder
//! gongkai did not write; two builds at once never publish an incomplete
//! site; a failed build leaves nothing behind; content never reads or
//! publishes what is outside the site, never hangs on a FIFO and never reads
//! a huge file; no content file replaces a generated one.

use crate::common::{self, gongkai, messages, tree};

use std::path::{Path, PathBuf};
use std::process::Output;

/// A site from `gongkai init`.
fn init(dir: &Path) -> PathBuf {
    let site = dir.join("site");
    let o = gongkai().arg("init").arg(&site).output().unwrap();
    assert!(o.status.success());
    site
}

/// `gongkai <verb> --root site <args>`, run in `cwd`.
fn run(cwd: &Path, verb: &str, site: &Path, args: &[&str]) -> Output {
    gongkai()
        .current_dir(cwd)
        .arg(verb)
        .arg("--root")
        .arg(site)
        .args(args)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// Every file and folder under `dir`, for "nothing changed" checks.
fn listing(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap().path().to_path_buf())
        .collect()
}

#[test]
fn an_output_with_dot_dot_never_replaces_the_sites_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let site = init(tmp.path());
    std::fs::create_dir_all(site.join("templates")).unwrap();
    std::fs::write(site.join("templates/keep.html"), "x").unwrap();
    let before = tree(&site);
    for output in [
        "x/../content",
        "x/../themes",
        "a/../b/../templates",
        "x/../content/sub",
        "q/../../site",
        "..",
        ".",
        "/",
    ] {
        let o = run(&site, "build", Path::new("."), &["--output", output]);
        assert_eq!(
            o.status.code(),
            Some(1),
            "--output {output}: {}",
            stderr(&o)
        );
        assert!(
            messages(&stderr(&o)).contains("refusing to build into"),
            "--output {output}: {}",
            stderr(&o)
        );
        assert_eq!(tree(&site), before, "--output {output} changed the site");
    }
    assert!(!site.join("x").exists() && !site.join("a").exists());
}

#[test]
fn an_existing_folder_that_gongkai_did_not_write_is_replaced_only_with_force() {
    let tmp = tempfile::tempdir().unwrap();
    let site = init(tmp.path());
    let docs = site.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("手册.md"), "编辑手册").unwrap();
    let o = run(&site, "build", Path::new("."), &["--output", "docs"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let m = messages(&stderr(&o));
    assert!(m.contains("gongkai did not write"), "{m}");
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(docs.join("手册.md")).unwrap(),
        "编辑手册"
    );

    // An empty folder and a previous output are fine; --force replaces docs/.
    std::fs::create_dir_all(site.join("empty")).unwrap();
    for output in ["empty", "empty", "public", "public"] {
        let o = run(&site, "build", Path::new("."), &["--output", output]);
        assert!(o.status.success(), "--output {output}: {}", stderr(&o));
        assert!(site.join(output).join(".gongkai-output").is_file());
    }
    let o = run(
        &site,
        "build",
        Path::new("."),
        &["--output", "docs", "--force"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!docs.join("手册.md").exists() && docs.join("index.html").is_file());
}

#[test]
fn a_failed_output_leaves_no_staging_folder_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let site = init(tmp.path());
    std::fs::write(site.join("afile"), "not a folder").unwrap();
    let before = listing(&site);
    let o = run(&site, "build", Path::new("."), &["--output", "afile"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        messages(&stderr(&o)).contains("is not a folder"),
        "{}",
        stderr(&o)
    );
    assert_eq!(listing(&site), before);
    // What a build of /dev/null could leave: `.null.gongkai-*` in /dev.
    let leftovers = || -> std::collections::BTreeSet<String> {
        std::fs::read_dir("/dev")
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.starts_with(".null.gongkai"))
            .collect()
    };
    let dev_before = leftovers();
    let o = run(&site, "build", Path::new("."), &["--output", "/dev/null"]);
    assert_eq!(o.status.code(), Some(1));
    let new: Vec<String> = leftovers().difference(&dev_before).cloned().collect();
    assert!(new.is_empty(), "left in /dev: {new:?}");
}

/// Many pairs of builds of one site into one output, the second started
/// while the first runs: each pair leaves a complete output (every file of
/// a reference build, byte for byte), and a build that ran into the other
/// says so and exits 1 instead of publishing part of a site.
#[test]
fn two_builds_at_once_never_publish_an_incomplete_site() {
    let tmp = tempfile::tempdir().unwrap();
    let site = init(tmp.path());
    let news = site.join("content/news");
    std::fs::create_dir_all(&news).unwrap();
    std::fs::write(news.join("_index.md"), "---\ntitle: 示例新闻\n---\n").unwrap();
    let body = "示例：群团组织服务群众。".repeat(60);
    for i in 0..300 {
        let text = format!("---\ntitle: 示例通知{i}\ndate: 2025-01-01\n---\n{body}\n");
        std::fs::write(news.join(format!("p{i:03}.md")), text).unwrap();
    }
    let reference = tmp.path().join("reference");
    common::build(&site, &reference, &[]);
    let expected = tree(&reference);
    let out = tmp.path().join("out");
    let (mut both, mut refused) = (0, 0);
    for pair in 0..12 {
        let first = gongkai()
            .args(["build", "--output"])
            .arg(&out)
            .arg("--root")
            .arg(&site)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(40 * (pair % 6)));
        let second = run(
            tmp.path(),
            "build",
            &site,
            &["--output", out.to_str().unwrap()],
        );
        let first = first.wait_with_output().unwrap();
        for o in [&first, &second] {
            if !o.status.success() {
                assert_eq!(o.status.code(), Some(1));
                let m = messages(&stderr(o));
                assert!(
                    m.contains("another gongkai build is writing"),
                    "{}",
                    stderr(o)
                );
                refused += 1;
            }
        }
        if first.status.success() && second.status.success() {
            both += 1;
        }
        assert!(first.status.success() || second.status.success());
        assert!(
            tree(&out) == expected,
            "pair {pair}: the output is not the whole site"
        );
    }
    // Both kinds of pairs happened, or the test proved nothing about overlap.
    assert!(refused > 0, "no pair overlapped (both {both})");
    // Previous outputs are removed in the background: give that a moment.
    let leftovers = || -> Vec<String> {
        std::fs::read_dir(tmp.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.contains("staging"))
            .collect()
    };
    for _ in 0..100 {
        if leftovers().is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(leftovers().is_empty(), "{:?}", leftovers());
}

/// `build` and `check` on `site` both fail with `phrase` in their messages;
/// the previous output is left as it was.
fn both_refuse(site: &Path, phrase: &str) -> String {
    let out = site.parent().unwrap().join("out");
    let before = tree(&out);
    let mut all = String::new();
    for verb in ["check", "build"] {
        let mut c = gongkai();
        c.arg(verb).arg("--root").arg(site);
        if verb == "build" {
            c.arg("--output").arg(&out);
        }
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(c.output().unwrap());
        });
        let o = rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("`gongkai {verb}` hangs"));
        assert_eq!(o.status.code(), Some(1), "{verb}: {}", stderr(&o));
        let m = messages(&stderr(&o));
        assert!(m.contains(phrase), "{verb}: {}", stderr(&o));
        all.push_str(&stderr(&o));
    }
    assert!(tree(&out) == before, "the previous output changed");
    all
}

/// A site with one good build in `out`, beside it.
fn built_site(dir: &Path) -> PathBuf {
    let site = init(dir);
    common::build(&site, &dir.join("out"), &[]);
    site
}

#[test]
fn symlinks_that_lead_outside_the_site_publish_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let site = built_site(tmp.path());
    let secret = tmp.path().join("secret");
    std::fs::create_dir_all(&secret).unwrap();
    std::fs::write(secret.join("password.txt"), "root:x:0:0").unwrap();
    let link = site.join("content/pw.txt");
    std::os::unix::fs::symlink(secret.join("password.txt"), &link).unwrap();
    let stderr = both_refuse(&site, "symbolic link leads outside the site");
    assert!(stderr.contains("content/pw.txt"), "{stderr}");
    assert!(stderr.contains("follow_symlinks"), "{stderr}");
    std::fs::remove_file(&link).unwrap();

    // A linked folder, and a link in the theme's static files.
    std::os::unix::fs::symlink(&secret, site.join("content/linked")).unwrap();
    both_refuse(&site, "symbolic link leads outside the site");
    std::fs::remove_file(site.join("content/linked")).unwrap();
    std::fs::create_dir_all(site.join("static")).unwrap();
    std::os::unix::fs::symlink(secret.join("password.txt"), site.join("static/pw.txt")).unwrap();
    both_refuse(&site, "symbolic link leads outside the site");
    std::fs::remove_file(site.join("static/pw.txt")).unwrap();

    // A link inside the site is fine; `follow_symlinks: true` allows the rest.
    std::fs::write(site.join("notes.txt"), "示例").unwrap();
    std::os::unix::fs::symlink(site.join("notes.txt"), site.join("content/notes.txt")).unwrap();
    std::os::unix::fs::symlink(secret.join("password.txt"), &link).unwrap();
    let yaml = std::fs::read_to_string(site.join("gongkai.yaml")).unwrap();
    std::fs::write(
        site.join("gongkai.yaml"),
        format!("{yaml}\nfollow_symlinks: true\n"),
    )
    .unwrap();
    let out = tmp.path().join("out");
    common::build(&site, &out, &[]);
    assert_eq!(
        std::fs::read_to_string(out.join("pw.txt")).unwrap(),
        "root:x:0:0"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "示例"
    );
}

fn mkfifo(path: &Path) {
    let o = std::process::Command::new("mkfifo")
        .arg(path)
        .output()
        .unwrap();
    assert!(o.status.success());
}

#[test]
fn fifos_devices_and_huge_files_are_refused_without_being_read() {
    let tmp = tempfile::tempdir().unwrap();
    let site = built_site(tmp.path());
    for name in ["content/fifo.md", "content/pipe.png", "synonyms.yaml"] {
        let path = site.join(name);
        mkfifo(&path);
        let stderr = both_refuse(&site, "named pipe (FIFO)");
        assert!(stderr.contains(name), "{stderr}");
        std::fs::remove_file(&path).unwrap();
    }
    // /dev/zero through a link: outside the site, so refused at once.
    std::os::unix::fs::symlink("/dev/zero", site.join("content/zero.md")).unwrap();
    both_refuse(&site, "symbolic link leads outside the site");
    std::fs::remove_file(site.join("content/zero.md")).unwrap();

    // A 2 GB sparse page is refused by its size, before it is read.
    let big = std::fs::File::create(site.join("content/big.md")).unwrap();
    big.set_len(2 << 30).unwrap();
    let stderr = both_refuse(
        &site,
        "too large to read: 2048 MB, over the limit of 100 MB",
    );
    assert!(stderr.contains("max_file_mb"), "{stderr}");
}

/// Put `text` at `rel` under `site`, check that both commands refuse it
/// with a message naming `rel` and `phrase`, then take it away again.
fn refused_file(site: &Path, rel: &str, text: &str, phrase: &str) -> String {
    let path = site.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    let stderr = both_refuse(site, phrase);
    let shown = rel.trim_end_matches("/_index.md");
    assert!(stderr.contains(shown), "{rel}: {stderr}");
    std::fs::remove_file(&path).unwrap();
    // Folders it made are sections: take them away too.
    let mut dir = path.parent().unwrap();
    while dir != site && std::fs::remove_dir(dir).is_ok() {
        dir = dir.parent().unwrap();
    }
    stderr
}

#[test]
fn content_files_never_replace_generated_files() {
    let tmp = tempfile::tempdir().unwrap();
    let site = built_site(tmp.path());
    let script = "<script>alert(document.domain)</script>";
    for (rel, generated) in [
        ("content/index.html", "content/_index.md"),
        ("content/404.html", "the 404 page"),
        ("content/sitemap.xml", "a file gongkai generates"),
        ("content/robots.txt", "a file gongkai generates"),
        ("content/atom.xml", "a file gongkai generates"),
        ("content/favicon.svg", "favicon.svg"),
        ("content/search/index.html", "the search page"),
        ("content/policies/index.html", "content/policies/_index.md"),
    ] {
        let url = rel.trim_start_matches("content");
        // An SVG with a script is refused for that before its URL is looked at.
        let text = if rel.ends_with(".svg") {
            r#"<svg xmlns="http://www.w3.org/2000/svg"/>"#
        } else {
            script
        };
        let stderr = refused_file(
            &site,
            rel,
            text,
            &format!("two sources would write the same file `{url}`"),
        );
        assert!(messages(&stderr).contains(generated), "{rel}: {stderr}");
    }
    // A section that claims the search page's URL.
    refused_file(
        &site,
        "content/search/_index.md",
        "---\ntitle: 搜索\n---\n",
        "two sources would write the same file `/search/index.html`",
    );
    // A bundle file that claims a policy's article page.
    let sample = std::fs::read_to_string(site.join("content/policies/sample.md")).unwrap();
    std::fs::create_dir_all(site.join("content/policies/sample")).unwrap();
    std::fs::rename(
        site.join("content/policies/sample.md"),
        site.join("content/policies/sample/index.md"),
    )
    .unwrap();
    refused_file(
        &site,
        "content/policies/sample/art_1/index.html",
        script,
        "two sources would write the same file `/policies/sample/art_1/index.html`",
    );
    std::fs::remove_dir_all(site.join("content/policies/sample")).unwrap();
    std::fs::write(site.join("content/policies/sample.md"), sample).unwrap();
}

/// A section paginated by one and a page at its second list page's URL
/// both claim `/y/page/2/`: always an error, never a race.
#[test]
fn pagination_and_a_page_never_race_for_a_url() {
    let tmp = tempfile::tempdir().unwrap();
    let site = built_site(tmp.path());
    let y = site.join("content/y");
    std::fs::create_dir_all(y.join("page")).unwrap();
    std::fs::write(
        y.join("_index.md"),
        "---\ntitle: 示例\npaginate_by: 1\n---\n",
    )
    .unwrap();
    for i in 0..3 {
        std::fs::write(
            y.join(format!("p{i}.md")),
            format!("---\ntitle: 示例{i}\ndate: 2025-01-0{}\n---\n正文\n", i + 1),
        )
        .unwrap();
    }
    std::fs::write(y.join("page/2.md"), "---\ntitle: 第二页\n---\n正文\n").unwrap();
    for _ in 0..3 {
        let stderr = both_refuse(
            &site,
            "two sources would write the same file `/y/page/2/index.html`",
        );
        assert!(stderr.contains("content/y/page/2.md"), "{stderr}");
        assert!(
            stderr.contains("page 2 of the list of content/y/_index.md"),
            "{stderr}"
        );
    }
}

#[test]
fn needs_that_are_not_safe_file_names_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let site = common::portal(tmp.path());
    common::build(&site, &tmp.path().join("out"), &[]);
    let yaml = std::fs::read_to_string(site.join("gongkai.yaml")).unwrap();
    for (bad, phrase) in [(".", "`.`"), ("法律/援助", "`法律/援助`"), ("..", "`..`")] {
        let changed = yaml.replacen(
            "needs: [法律援助,",
            &format!("needs: [\"{bad}\", 法律援助,"),
            1,
        );
        assert_ne!(changed, yaml);
        std::fs::write(site.join("gongkai.yaml"), &changed).unwrap();
        let stderr = both_refuse(&site, phrase);
        assert!(stderr.contains("gongkai.yaml"), "{stderr}");
    }
    std::fs::write(site.join("gongkai.yaml"), &yaml).unwrap();
    // Open data cannot be replaced by a content file either.
    refused_file(
        &site,
        "content/data/organizations.json",
        "[]",
        "two sources would write the same file `/data/organizations.json`",
    );
}

#[test]
fn a_base_url_that_is_not_a_plain_address_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let site = built_site(tmp.path());
    let hostile = "https://example.org/\"><script>alert(1)</script>/";
    for verb in ["check", "build"] {
        let o = run(tmp.path(), verb, &site, &["--base-url", hostile]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(
            messages(&stderr(&o)).contains("which a URL cannot hold"),
            "{}",
            stderr(&o)
        );
    }
    let yaml = std::fs::read_to_string(site.join("gongkai.yaml")).unwrap();
    let changed = yaml.replace(
        "base_url: https://example.org/",
        "base_url: 'https://example.org/\"><script>alert(1)</script>/'",
    );
    assert_ne!(changed, yaml);
    std::fs::write(site.join("gongkai.yaml"), changed).unwrap();
    let stderr = both_refuse(&site, "which a URL cannot hold");
    assert!(stderr.contains("gongkai.yaml:"), "{stderr}");
}

#[test]
fn control_characters_in_titles_never_reach_xml() {
    let tmp = tempfile::tempdir().unwrap();
    let site = init(tmp.path());
    std::fs::write(
        site.join("content/about.md"),
        "---\ntitle: \"示例\\x01关于\\x1b本站\"\ndate: 2025-01-01\n---\n正文\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    common::build(&site, &out, &[]);
    for file in ["atom.xml", "sitemap.xml"] {
        let xml = std::fs::read_to_string(out.join(file)).unwrap();
        let bad: Vec<char> = xml
            .chars()
            .filter(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            .collect();
        assert!(bad.is_empty(), "{file}: {bad:?}");
    }
    let atom = std::fs::read_to_string(out.join("atom.xml")).unwrap();
    assert!(atom.contains("<title>示例关于本站</title>"), "{atom}");
}

#[test]
fn svg_files_with_scripts_are_refused_and_plain_drawings_published() {
    let tmp = tempfile::tempdir().unwrap();
    let site = built_site(tmp.path());
    for svg in [
        r#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"/>"#,
        r#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#,
    ] {
        let path = site.join("content/policies/logo.svg");
        std::fs::write(&path, svg).unwrap();
        let stderr = both_refuse(&site, "this SVG has");
        assert!(stderr.contains("content/policies/logo.svg:1:"), "{stderr}");
    }
    let drawing = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><rect width="2" height="2" fill="#c00"/></svg>"##;
    std::fs::write(site.join("content/policies/logo.svg"), drawing).unwrap();
    let out = tmp.path().join("out");
    common::build(&site, &out, &[]);
    assert_eq!(
        std::fs::read_to_string(out.join("policies/logo.svg")).unwrap(),
        drawing
    );
}
