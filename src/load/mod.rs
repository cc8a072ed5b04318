//! Disk → model: the walk of `content/`, front matter, the directory's
//! tables and records, the site's own files (`gongkai.yaml`,
//! `synonyms.yaml`), and Word files imported as policy pages.

pub mod body;
pub mod cache;
pub mod config;
pub mod content;
pub mod directory;
pub mod front_matter;
pub mod import;
pub mod svg;
pub mod synonyms;
