//! gongkai (公开): a static site generator for policy documents and the
//! service directories of public organisations.
//!
//! The folders are the stages of one pipeline, and imports run only
//! downward (`tests/it/layers.rs` checks it):
//!
//! ```text
//! serve, init     the dev server and its incremental rebuilds; `gongkai init`,
//!                 `gongkai import` (a Word file into a policy page)
//! build           one orchestration for build, check and serve
//! write, search   staging and swap, site files, open data, deploy; the index
//! render          theme, typed views, markdown, policy and directory pages
//! resolve         URLs, @/ links, relations
//! load            disk → model: walk, front matter, tables, records, Word files
//! model           types and pure functions: pages, policies, the directory
//! base            diagnostics, localised messages, escaping, file reading, YAML, slugs, timing
//! ```

#![warn(missing_docs)]

#[macro_use]
mod base;
mod build;
mod import;
mod init;
mod load;
mod model;
mod render;
mod resolve;
mod search;
mod serve;
mod write;

pub use base::diagnostics::{Diagnostic, Diagnostics};
pub use base::i18n;
pub use base::words;
pub use build::{BuildOptions, BuildReport, CacheCounts, LoadCache, build, check};
pub use import::{ImportOptions, import_docx};
pub use init::init;
pub use render::markdown::highlight::theme_css;
pub use serve::incremental::{Rebuild, Session};
pub use serve::{Reporter, ServeOptions, run as serve};
pub use write::deploy::{DeployOptions, DeployReport, Progress, URL_REFRESH_LIMIT, deploy};

/// The search index: its format (shared by the writer and the engine) and
/// the engine `gongkai search` runs.
pub mod search_index {
    pub use crate::search::format;
    pub use crate::search::query::{Filters, Index};
}
