//! What a build is asked to do, and what it did.

use std::path::PathBuf;

/// What a build is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site's root: the folder of `gongkai.yaml`.
    pub root: PathBuf,
    /// Where the site goes; `root/public` by default.
    pub output: Option<PathBuf>,
    /// Serve the site from this address instead of `base_url`.
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    pub drafts: bool,
    /// Include pages whose publication date is after the build's today.
    pub future: bool,
    /// Replace an existing output folder that gongkai did not write.
    pub force: bool,
}

impl BuildOptions {
    /// Build the site at `root` into `root/public`, without drafts or pages
    /// dated after today.
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
            future: false,
            force: false,
        }
    }

    pub(super) fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a build did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct BuildReport {
    /// Content pages.
    pub pages: usize,
    /// Sections (`_index.md` folders).
    pub sections: usize,
    /// Policy articles, each a page of its own.
    pub articles: usize,
    /// Directory records (regions, types, organizations, services, activities).
    pub records: usize,
    /// Files the build put in the output.
    pub files_written: usize,
    /// Wall time of the build.
    pub seconds: f64,
    /// Problems that did not stop the build, sorted by file and place,
    /// each `file:line:column: message`.
    pub warnings: Vec<String>,
}
