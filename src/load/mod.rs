//! Disk → model: the walk of `content/`, front matter, the directory's
//! tables and records, and the site's own files (`gongkai.yaml`,
//! `synonyms.yaml`).

pub mod body;
pub mod config;
pub mod content;
pub mod directory;
pub mod front_matter;
pub mod svg;
pub mod synonyms;
