//! The model: the site as types and pure functions, without I/O or HTML.
//! `load` fills it, `resolve` completes it, and every later stage only
//! reads it.

pub mod clock;
pub mod config;
pub mod content;
pub mod directory;
pub mod library;
pub mod links;
pub mod policy;
pub mod site;
pub mod text;
pub mod validity;
pub mod versions;
