//! Layers, one way (`../shared/DESIGN.md`, issue 15). The folders of `src/`
//! are the stages of the pipeline, and a module imports only from layers
//! below its own:
//!
//! ```text
//! 7  serve, init     the dev server and its incremental session; `gongkai init`
//! 6  build           the orchestration `build`, `check` and `serve` share
//! 5  write, search   staging, site files, open data, deploy; the index
//! 4  render          theme, typed views, markdown, policy and directory pages
//! 3  resolve         URLs, @/ links, relations, the directory's links
//! 2  load            disk → model: walk, front matter, tables
//! 1  model           types and pure functions
//! 0  base            diagnostics, escaping, files, YAML, slugs, timing, sinks
//! ```
//!
//! Checked here, over every `crate::` and `super::` path outside test
//! modules: no module imports from a higher layer (the list of allowed
//! exceptions, [`BACK_EDGES`], is empty and may only stay so or shrink), two
//! modules of the same layer do not import each other, and no two modules
//! (at the depth of `render::directory`, `model::policy`) import each other
//! through any chain.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each top-level module of `src/` and its layer.
const LAYERS: &[(&str, u8)] = &[
    ("base", 0),
    ("model", 1),
    ("load", 2),
    ("resolve", 3),
    ("render", 4),
    ("write", 5),
    ("search", 5),
    ("build", 6),
    ("serve", 7),
    ("init", 7),
    ("import", 7),
];

/// Imports allowed against the layers, as (from, to) top-level modules,
/// each with its reason. Empty: keep it so.
const BACK_EDGES: &[(&str, &str)] = &[];

/// A module path (`["render", "directory"]`) from a file under `src/`.
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" && stem != "main" {
        parts.push(stem.to_string());
    }
    parts
}

/// The code of a file that counts: before its test module, without line
/// comments.
fn code(text: &str) -> String {
    let before_tests = text.split("#[cfg(test)]").next().unwrap_or("");
    before_tests
        .lines()
        .map(|l| match l.trim_start().starts_with("//") {
            true => "",
            false => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The items of a `{a, b::c, d::{e, f}}` group: their first names.
fn group_heads(s: &str) -> Vec<String> {
    let mut heads = vec![];
    let mut depth = 0;
    let mut item_start = true;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => item_start = true,
            c if item_start && (c.is_alphanumeric() || c == '_') => {
                heads.push(ident(&s[i..]).to_string());
                item_start = false;
            }
            _ => {}
        }
    }
    heads
}

/// Every module path that a file's code names through `crate::` or
/// `super::`, as absolute module paths of at most two segments.
fn imports(module: &[String], code: &str) -> Vec<Vec<String>> {
    let mut found = vec![];
    for start in ["crate::", "super::"] {
        let mut rest = code;
        while let Some(at) = rest.find(start) {
            let before = rest[..at].chars().last();
            rest = &rest[at + start.len()..];
            // `$crate::` in a macro names the crate's public face (lib.rs's
            // re-exports, as the binary sees it), not a module's import.
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':' || c == '$') {
                continue;
            }
            let mut base: Vec<String> = if start == "crate::" {
                vec![]
            } else {
                // `super` of `a/b.rs` is `a`; of `a/b/mod.rs` is `a` too.
                module[..module.len().saturating_sub(1)].to_vec()
            };
            let mut path = rest;
            while let Some(after) = path.strip_prefix("super::") {
                base.pop();
                path = after;
            }
            let mut targets = vec![];
            if let Some(group) = path.strip_prefix('{') {
                for head in group_heads(group) {
                    let mut t = base.clone();
                    if head != "self" {
                        t.push(head);
                    }
                    targets.push(t);
                }
            } else {
                let mut t = base.clone();
                for segment in path.split("::").take(2) {
                    let name = ident(segment);
                    if name.is_empty() {
                        break;
                    }
                    t.push(name.to_string());
                    if segment.len() != name.len() {
                        break;
                    }
                }
                targets.push(t);
            }
            for mut t in targets {
                t.truncate(2);
                if !t.is_empty() {
                    found.push(t);
                }
            }
        }
    }
    found
}

/// Edges between modules (at most two segments deep), with a place each.
type Edges = BTreeMap<(Vec<String>, Vec<String>), String>;

fn edges(files: &[(std::path::PathBuf, String)]) -> Edges {
    let mut edges = Edges::new();
    for (rel, text) in files {
        let module = module_of(rel);
        let from: Vec<String> = module.iter().take(2).cloned().collect();
        for to in imports(&module, &code(text)) {
            if to != from {
                edges
                    .entry((from.clone(), to))
                    .or_insert_with(|| rel.display().to_string());
            }
        }
    }
    edges
}

fn layer(top: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == top).map(|&(_, l)| l)
}

/// Problems with the layers: back-edges and imports within a layer.
fn layer_problems(edges: &Edges) -> Vec<String> {
    let mut problems = vec![];
    let mut tops: BTreeSet<(String, String)> = BTreeSet::new();
    for ((from, to), at) in edges {
        let (Some(f), Some(t)) = (from.first(), to.first()) else {
            continue;
        };
        if f == t || !tops.insert((f.clone(), t.clone())) {
            continue;
        }
        let (Some(lf), Some(lt)) = (layer(f), layer(t)) else {
            problems.push(format!("{at}: `{f}` or `{t}` has no layer in LAYERS"));
            continue;
        };
        let allowed = BACK_EDGES.contains(&(f.as_str(), t.as_str()));
        if lt > lf && !allowed {
            problems.push(format!(
                "{at}: `{f}` (layer {lf}) imports `{t}` (layer {lt}), a higher layer"
            ));
        } else if lt == lf {
            problems.push(format!(
                "{at}: `{f}` imports `{t}`, of the same layer ({lf})"
            ));
        }
    }
    problems
}

/// The cycles among modules (strongly connected components of more than
/// one module), each as its sorted module names.
fn cycles(edges: &Edges) -> Vec<Vec<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, to) in edges.keys() {
        graph
            .entry(from.join("::"))
            .or_default()
            .insert(to.join("::"));
        graph.entry(to.join("::")).or_default();
    }
    // Tarjan's algorithm, iteratively: small graphs, but no recursion limit.
    let names: Vec<String> = graph.keys().cloned().collect();
    let index_of: BTreeMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let succ: Vec<Vec<usize>> = names
        .iter()
        .map(|n| graph[n].iter().map(|m| index_of[m.as_str()]).collect())
        .collect();
    let n = names.len();
    let (mut index, mut low) = (vec![usize::MAX; n], vec![0; n]);
    let (mut on_stack, mut stack) = (vec![false; n], vec![]);
    let mut next = 0;
    let mut found = vec![];
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        while let Some(&mut (v, ref mut child)) = work.last_mut() {
            if *child == 0 && index[v] == usize::MAX {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = succ[v].get(*child) {
                *child += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = vec![];
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(names[w].clone());
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    found.push(component);
                }
            }
        }
    }
    found
}

fn source_files() -> Vec<(std::path::PathBuf, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![];
    let mut dirs = vec![src.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(&src).unwrap().to_path_buf();
                // `main.rs` is the binary; `tests.rs` files are test modules.
                if rel == Path::new("main.rs") || rel.file_name().is_some_and(|n| n == "tests.rs") {
                    continue;
                }
                files.push((rel, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn imports_run_only_downward_and_never_in_a_circle() {
    let files = source_files();
    let edges = edges(&files);
    // The parse sees the pipeline (so that an empty result means something).
    for (from, to) in [
        ("build", "render"),
        ("render", "model"),
        ("load", "model"),
        ("serve", "build"),
    ] {
        assert!(
            edges
                .keys()
                .any(|(f, t)| f.first().is_some_and(|f| f == from) && t[0] == to),
            "the layer check no longer sees `{from}` → `{to}`"
        );
    }
    // Every top-level module has a layer.
    for (rel, _) in &files {
        let module = module_of(rel);
        if let Some(top) = module.first() {
            assert!(
                layer(top).is_some(),
                "{}: `{top}` has no layer",
                rel.display()
            );
        }
    }
    let problems = layer_problems(&edges);
    assert!(
        problems.is_empty(),
        "imports against the layers:\n{}",
        problems.join("\n")
    );
    let cycles = cycles(&edges);
    assert!(
        cycles.is_empty(),
        "modules that import each other through a chain:\n{}",
        cycles
            .iter()
            .map(|c| c.join(" ⇄ "))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The check itself: a back-edge, an import within a layer and a cycle are
/// each found.
#[test]
fn the_layer_check_finds_back_edges_and_cycles() {
    let file = |path: &str, text: &str| (std::path::PathBuf::from(path), text.to_string());
    let files = vec![
        file("model/content.rs", "use crate::render::views::PageView;\n"),
        file(
            "write/open_data.rs",
            "use crate::{base::sink::Emit, search};\n",
        ),
        file(
            "render/jsonld/mod.rs",
            "use crate::render::directory::text;\n",
        ),
        file(
            "render/directory/mod.rs",
            "use super::jsonld::{self, page};\n",
        ),
        file(
            "load/content.rs",
            "// use crate::serve::x;\n#[cfg(test)]\nuse crate::serve::y;\n",
        ),
    ];
    let edges = edges(&files);
    let problems = layer_problems(&edges);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("`model` (layer 1) imports `render` (layer 4)"));
    assert!(problems[1].contains("`write` imports `search`, of the same layer"));
    assert_eq!(
        cycles(&edges),
        vec![vec![
            "render::directory".to_string(),
            "render::jsonld".to_string()
        ]]
    );
}
