//! Helpers shared by the whole-site tests.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The `gongkai` binary, with plain (uncoloured) messages in English
/// (`GONGKAI_LANG=en`: the fixture sites are zh-CN sites, which speak
/// Chinese by default; tests of the Chinese messages set it themselves).
pub fn gongkai() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gongkai"));
    c.env("NO_COLOR", "1").env("GONGKAI_LANG", "en");
    c
}

/// Every file under `dir` with its bytes, by path relative to `dir`.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            files.insert(rel, std::fs::read(e.path()).unwrap());
        }
    }
    files
}

/// The diagnostic messages in `stderr`, without snippets or help, with
/// miette's wrapping undone: each `×` line and its `│` continuation lines,
/// trimmed and joined with single spaces, so that a key phrase split over
/// two lines is still found (and a phrase that only appears in the quoted
/// source is not).
pub fn messages(stderr: &str) -> String {
    let mut out: Vec<&str> = vec![];
    let mut inside = false;
    for line in stderr.lines() {
        let t = line.trim();
        if let Some(rest) = t.strip_prefix('×') {
            inside = true;
            out.push(rest.trim());
        } else if let (true, Some(rest)) = (inside, t.strip_prefix('│')) {
            out.push(rest.trim());
        } else {
            inside = false;
        }
    }
    out.join(" ")
}

/// Build `root` into `out` with `extra` arguments; panic with stderr if it
/// fails.
pub fn build(root: &Path, out: &Path, extra: &[&str]) {
    let o = gongkai()
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--output")
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// A copy of the example portal (the repository's own site, with its
/// directory) in `dir/portal`, to change without touching the repository.
pub fn portal(dir: &Path) -> PathBuf {
    let site = dir.join("portal");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let folders = ["content", "themes"].map(|f| walkdir::WalkDir::new(root.join(f)));
    for e in folders.into_iter().flatten() {
        let e = e.unwrap();
        let to = site.join(e.path().strip_prefix(root).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
    for f in ["gongkai.yaml", "synonyms.yaml"] {
        if root.join(f).exists() {
            std::fs::copy(root.join(f), site.join(f)).unwrap();
        }
    }
    site
}

/// The text of an HTML document: tags removed, entities decoded.
pub fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
