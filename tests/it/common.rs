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
    for folder in ["content", "themes"] {
        copy_tree(&root.join(folder), &site.join(folder));
    }
    for f in ["gongkai.yaml", "synonyms.yaml"] {
        if root.join(f).exists() {
            std::fs::copy(root.join(f), site.join(f)).unwrap();
        }
    }
    site
}

/// Copy the folder `from` and everything in it to `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
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

/// Run `english` (a command of the `gongkai` binary, as a test built it)
/// again with `GONGKAI_LANG=zh-CN` and hold the two runs to each other:
/// the same exit status, the same problems at the same places in the same
/// order, and a Chinese report without an English sentence in it (outside
/// code spans, quoted source and paths). `english_stderr` is what the
/// English run printed. Every bad-input test calls this, so that each
/// class of message is checked in both languages.
pub fn assert_same_in_chinese(english: &Command, english_code: Option<i32>, english_stderr: &str) {
    let mut zh = Command::new(english.get_program());
    zh.args(english.get_args());
    if let Some(dir) = english.get_current_dir() {
        zh.current_dir(dir);
    }
    for (k, v) in english.get_envs() {
        match v {
            Some(v) => zh.env(k, v),
            None => zh.env_remove(k),
        };
    }
    let o = zh
        .env("GONGKAI_LANG", "zh-CN")
        .output()
        .expect("run gongkai");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        o.status.code(),
        english_code,
        "the Chinese run ended otherwise:\n{stderr}"
    );
    assert_eq!(
        places(&stderr),
        places(english_stderr),
        "the Chinese run reports other places:\n{stderr}\n--- English:\n{english_stderr}"
    );
    if let Some(words) = english_sentence(&stderr) {
        panic!("English words `{words}` in the Chinese report:\n{stderr}");
    }
}

/// The places that the diagnostics in `stderr` name (`content/a.md:4:9`,
/// or a path alone), in the order printed.
pub fn places(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter_map(|l| {
            let t = l.trim_start();
            t.strip_prefix('×').or_else(|| t.strip_prefix('⚠'))
        })
        .filter_map(|m| m.trim().split_once(": ").map(|(place, _)| place.to_owned()))
        .collect()
}

/// The first three English words in a row in what a report says (not in
/// its quoted source lines, code spans or paths), if there are any.
fn english_sentence(stderr: &str) -> Option<String> {
    for line in stderr.lines() {
        let t = line.trim_start();
        let quoted_source = t.starts_with(|c: char| c.is_ascii_digit() && t.contains(" │"))
            || t.starts_with(['·', '╭', '╰', '│']) && !t.starts_with("│ ");
        if quoted_source {
            continue;
        }
        // Code spans hold names the editor wrote or must write (`title`).
        let mut prose = String::new();
        for (i, part) in t.split('`').enumerate() {
            if i % 2 == 0 {
                prose.push_str(part);
                prose.push(' ');
            }
        }
        let mut run: Vec<&str> = vec![];
        for word in prose.split(|c: char| c.is_whitespace() || "，。：；,;()（）".contains(c))
        {
            let is_word = word.len() > 1
                && word.chars().all(|c| c.is_ascii_alphabetic() || c == '\'')
                && !word.contains('/');
            if is_word {
                run.push(word);
                if run.len() == 3 {
                    return Some(run.join(" "));
                }
            } else if !word.is_empty() {
                run.clear();
            }
        }
    }
    None
}

/// Build options for a serve session of `site` into `out`.
pub fn serve_options(site: &Path, out: &Path) -> gongkai::BuildOptions {
    gongkai::BuildOptions {
        root: site.to_path_buf(),
        output: Some(out.to_path_buf()),
        base_url: None,
        drafts: false,
        future: false,
        force: false,
    }
}

/// The served tree, its search index brought up to date, is byte for byte
/// a fresh full build of `site` (made in `scratch`, then removed); `step`
/// names the edit in a failure.
pub fn assert_served_as_built(
    session: &mut gongkai::Session,
    served: &Path,
    site: &Path,
    scratch: &Path,
    step: &str,
) {
    let reference = scratch.join("full-build");
    gongkai::build(&serve_options(site, &reference)).unwrap();
    session.refresh_search().unwrap();
    // The search index keeps its document numbers across edits, so its
    // bytes may differ from a full build's: it must give the same answers.
    let outside_search = |t: BTreeMap<PathBuf, Vec<u8>>| -> BTreeMap<PathBuf, Vec<u8>> {
        t.into_iter()
            .filter(|(rel, _)| !rel.starts_with("search"))
            .collect()
    };
    let (got, want) = (
        outside_search(tree(served)),
        outside_search(tree(&reference)),
    );
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>(),
        "{step}: the same files"
    );
    for (rel, bytes) in &want {
        assert!(
            &got[rel] == bytes,
            "{step}: {} differs from a full build",
            rel.display()
        );
    }
    assert_same_answers(&served.join("search"), &reference.join("search"), step);
    std::fs::remove_dir_all(&reference).unwrap();
}

/// Every document of the search index in `dir`: its number and its
/// fragment (`u`, `t`, `x`), from the fragment chunks (a hole is `null`).
pub fn search_documents(dir: &Path) -> BTreeMap<u32, (String, String, String)> {
    let mut docs = BTreeMap::new();
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    let chunk = manifest["chunk"].as_u64().unwrap() as u32;
    for c in 0.. {
        let Ok(text) = std::fs::read_to_string(dir.join(format!("f/{c}.json"))) else {
            break;
        };
        let list: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
        for (i, f) in list.iter().enumerate() {
            if f.is_null() {
                continue;
            }
            let field = |k: &str| f[k].as_str().unwrap().to_string();
            docs.insert(c * chunk + i as u32, (field("u"), field("t"), field("x")));
        }
    }
    docs
}

/// What [`search_answers`] gives: the total, partial, complete, the URLs of
/// each score, the facet counts.
pub type Answers = (usize, bool, bool, Vec<(i64, Vec<String>)>, String);

/// The answers of the search index in `dir` to `query` with `filters`,
/// through the engine of `gongkai search`, with every match (`--all`): the
/// total, whether partial and complete, the results as the URLs of each
/// score from the highest (documents of equal scores are ordered by
/// number, which may differ), and the facet counts.
pub fn search_answers(dir: &Path, query: &str, filters: &[(&str, &str)]) -> Answers {
    let mut index = gongkai::search_index::Index::open(dir).unwrap();
    answers(&mut index, query, filters)
}

/// [`search_answers`] from an open index (which keeps the shards it read).
pub fn answers(
    index: &mut gongkai::search_index::Index,
    query: &str,
    filters: &[(&str, &str)],
) -> Answers {
    let filters: gongkai::search_index::Filters = filters
        .iter()
        .map(|(f, v)| (f.to_string(), v.to_string()))
        .collect();
    let r = index.search(query, &filters, usize::MAX, true).unwrap();
    let mut by_score: Vec<(i64, Vec<String>)> = Vec::new();
    for hit in &r.results {
        match by_score.last_mut() {
            Some((score, urls)) if *score == hit.score => urls.push(hit.url.clone()),
            _ => by_score.push((hit.score, vec![hit.url.clone()])),
        }
    }
    for (_, urls) in &mut by_score {
        urls.sort();
    }
    let facets = serde_json::to_string(&r.facets).unwrap();
    (r.total, r.partial, r.complete, by_score, facets)
}

/// The search indexes in `got` and `want` give the same answers: the same
/// documents, the same facet values (by the URLs of their documents), and
/// the same results for the titles and excerpt words of every document
/// they disagree on, of every third document, for a few common words,
/// and for a common word under each facet value.
pub fn assert_same_answers(got: &Path, want: &Path, step: &str) {
    let (got_docs, want_docs) = (search_documents(got), search_documents(want));
    let by_url = |docs: &BTreeMap<u32, (String, String, String)>| {
        docs.values()
            .map(|(u, t, x)| (u.clone(), (t.clone(), x.clone())))
            .collect::<BTreeMap<_, _>>()
    };
    let (got_urls, want_urls) = (by_url(&got_docs), by_url(&want_docs));
    assert_eq!(
        got_urls.keys().collect::<Vec<_>>(),
        want_urls.keys().collect::<Vec<_>>(),
        "{step}: the search index holds the same documents"
    );
    assert_eq!(
        got_urls.len(),
        got_docs.len(),
        "{step}: one number per document"
    );
    // The manifests, with facet values' documents as URLs.
    let manifest = |dir: &Path, docs: &BTreeMap<u32, (String, String, String)>| {
        let text = std::fs::read_to_string(dir.join("manifest.json")).unwrap();
        let mut m: serde_json::Value = serde_json::from_str(&text).unwrap();
        m.as_object_mut().unwrap().remove("shards");
        for facet in m["facets"].as_array_mut().unwrap() {
            for value in facet["values"].as_array_mut().unwrap() {
                let ids = gongkai::search_index::format::run_ids(value["docs"].as_str().unwrap())
                    .unwrap();
                let mut urls: Vec<&str> = ids.iter().map(|i| docs[i].0.as_str()).collect();
                urls.sort();
                value["docs"] = serde_json::json!(urls);
            }
        }
        m
    };
    assert_eq!(
        manifest(got, &got_docs),
        manifest(want, &want_docs),
        "{step}: the search manifests agree"
    );
    let mut queries: std::collections::BTreeSet<String> =
        ["示例", "服务", "工会", "政策", "gonghui", "fulian"]
            .iter()
            .map(|q| q.to_string())
            .collect();
    for (i, (url, (title, x))) in want_urls.iter().enumerate() {
        let differs = got_urls.get(url) != Some(&(title.clone(), x.clone()));
        if differs || i % 3 == 0 {
            queries.insert(title.clone());
            let chars: Vec<char> = x.chars().collect();
            for at in [0, 20, 60, 200, 400] {
                if at < chars.len() {
                    queries.insert(chars[at..(at + 6).min(chars.len())].iter().collect());
                }
            }
        }
    }
    let mut got_index = gongkai::search_index::Index::open(got).unwrap();
    let mut want_index = gongkai::search_index::Index::open(want).unwrap();
    for q in &queries {
        assert_eq!(
            answers(&mut got_index, q, &[]),
            answers(&mut want_index, q, &[]),
            "{step}: the served search index answers {q:?} as a full build's"
        );
    }
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(want.join("manifest.json")).unwrap())
            .unwrap();
    for facet in m["facets"].as_array().unwrap() {
        for value in facet["values"].as_array().unwrap() {
            let filter = [(
                facet["name"].as_str().unwrap(),
                value["id"].as_str().unwrap(),
            )];
            assert_eq!(
                answers(&mut got_index, "示例", &filter),
                answers(&mut want_index, "示例", &filter),
                "{step}: the served search index answers 示例 with {filter:?} as a full build's"
            );
        }
    }
}

/// A small deterministic generator (xorshift64*), for tests that shuffle
/// their edits the same way every run.
pub struct Random(pub u64);

impl Random {
    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }
}
