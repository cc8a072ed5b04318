//! A build that is killed, or that cannot write its output, leaves the
//! previous output exactly as it was, and the next build succeeds.

use crate::common::{gongkai, tree};

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// A site from `gongkai init` with `pages` extra pages, so a build takes a while.
fn site(dir: &Path, pages: usize) -> PathBuf {
    let site = dir.join("site");
    let o = gongkai().arg("init").arg(&site).output().unwrap();
    assert!(o.status.success());
    let news = site.join("content/news");
    std::fs::create_dir_all(&news).unwrap();
    std::fs::write(news.join("_index.md"), "---\ntitle: 新闻\n---\n").unwrap();
    let body = "群团组织服务群众，推动基层组织建设。".repeat(40);
    for i in 0..pages {
        let text = format!(
            "---\ntitle: 第{i}号通知\ndate: 2025-01-01\n---\n## 一\n\n{body}\n\n## 二\n\n{body}\n"
        );
        std::fs::write(news.join(format!("p{i:05}.md")), text).unwrap();
    }
    site
}

fn build(site: &Path, out: &Path) -> std::process::Output {
    gongkai()
        .arg("build")
        .arg("--root")
        .arg(site)
        .arg("--output")
        .arg(out)
        .output()
        .unwrap()
}

fn staging_of(out: &Path) -> Option<PathBuf> {
    let name = out.file_name()?.to_string_lossy().to_string();
    std::fs::read_dir(out.parent()?)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name().is_some_and(|n| {
                n.to_string_lossy()
                    .starts_with(&format!(".{name}.gongkai-staging-"))
            })
        })
}

#[test]
fn a_killed_build_leaves_the_previous_output_complete() {
    let tmp = tempfile::tempdir().unwrap();
    let site = site(tmp.path(), 3000);
    let out = tmp.path().join("public");
    assert!(build(&site, &out).status.success());
    let before = tree(&out);
    assert!(before.len() > 3000);

    // Change every page, start a build, and kill it once it is writing.
    for i in 0..3000 {
        let p = site.join(format!("content/news/p{i:05}.md"));
        let text = std::fs::read_to_string(&p).unwrap().replace("第一", "第二");
        std::fs::write(&p, text.replace("## 一", "## 改")).unwrap();
    }
    let mut child = gongkai()
        .arg("build")
        .arg("--root")
        .arg(&site)
        .arg("--output")
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut killed_while_writing = false;
    while started.elapsed() < Duration::from_secs(30) {
        if let Some(staging) = staging_of(&out) {
            if walkdir::WalkDir::new(&staging)
                .into_iter()
                .flatten()
                .count()
                > 50
            {
                child.kill().unwrap(); // SIGKILL
                killed_while_writing = true;
                break;
            }
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let _ = child.wait();
    assert!(
        killed_while_writing,
        "the build finished before it could be killed; make the site larger"
    );
    assert_eq!(
        tree(&out),
        before,
        "the killed build changed the previous output"
    );

    // The next build succeeds and sweeps the leftover staging folder.
    let o = build(&site, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = std::fs::read_to_string(out.join("news/p00000/index.html")).unwrap();
    assert!(page.contains(">改</h2>"), "the next build has the new text");
}

#[test]
fn an_output_that_cannot_be_written_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let site = site(tmp.path(), 1);
    // The output's parent is a file: no folder can be made there, even as root.
    let blocker = tmp.path().join("blocker");
    std::fs::write(&blocker, "a file").unwrap();
    let o = build(&site, &blocker.join("public"));
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("blocker"), "{stderr}");
    assert!(stderr.contains("cannot"), "{stderr}");
    assert!(!stderr.contains("panicked"));

    // An output path that is a file is refused, and the file is kept.
    let o = build(&site, &blocker);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a folder"));
    assert_eq!(std::fs::read_to_string(&blocker).unwrap(), "a file");
}
