//! Layers, one way (DESIGN.md). First step: the base layer.
//!
//! ```text
//! main, serve
//! build (lib.rs, incremental)
//! output, search, deploy
//! render, policy, markdown, directory
//! resolve
//! content, config, init
//! base        diagnostics, escape, files, yaml, slug, timing, sink
//! ```
//!
//! Checked here: nothing in `src/base/` names a module of the crate outside
//! `base` (outside `#[cfg(test)]` modules). The check of every other
//! back-edge and cycle is still to come.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn base_imports_nothing_else_of_the_crate() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/base"),
        &mut files,
    );
    assert!(!files.is_empty());
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        // Test modules come last in each file; they may import anything.
        let code = text.split("#[cfg(test)]").next().unwrap();
        for (n, line) in code.lines().enumerate() {
            let line = line.trim_start();
            if line.starts_with("//") {
                continue;
            }
            let mut rest = line;
            while let Some(at) = rest.find("crate::") {
                rest = &rest[at + "crate::".len()..];
                if !rest.starts_with("base") {
                    found.push(format!("{}:{}: {line}", file.display(), n + 1));
                }
            }
            if line.contains("super::super") {
                found.push(format!("{}:{}: {line}", file.display(), n + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "base imports upward:\n{}",
        found.join("\n")
    );
}
