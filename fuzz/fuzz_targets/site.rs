//! The site every fuzz target checks: fuzz/site/ (a policy with articles,
//! regions, organization types, organizations, services and activities)
//! copied once per process into a temporary folder (on /dev/shm when there
//! is one); each input is written to one file of it and the whole pipeline
//! runs as `gongkai check` does (load, resolve, render into nothing), then
//! every diagnostic is rendered as the CLI renders it. A panic anywhere,
//! a hang (libFuzzer's -timeout) or a blow-up (-rss_limit_mb) is a finding.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// The per-process copy of fuzz/site/.
pub fn root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let base = if Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        let root = base.join(format!("gongkai-fuzz-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("site"), &root);
        root
    })
}

/// Write `bytes` to `rel` in the site, check the site, render its
/// problems, and take the file away again.
pub fn check_with(rel: &str, bytes: &[u8]) {
    let root = root();
    let file = root.join(rel);
    std::fs::write(&file, bytes).unwrap();
    let result = gongkai::check(&gongkai::BuildOptions::new(root));
    if let Err(diagnostics) = result {
        let handler =
            miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
                .without_primary_span_start();
        for d in &diagnostics.0 {
            let mut text = String::new();
            let _ = handler.render_report(&mut text, d);
            let _ = d.place();
        }
    }
    std::fs::remove_file(&file).unwrap();
}
