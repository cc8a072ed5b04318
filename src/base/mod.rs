//! The base layer: utilities every stage shares (diagnostics, escaping,
//! file reading, YAML, slugs, suggestions of the nearest name, timing,
//! full-width folding, outside errors in words, and the sinks rendered files
//! go to).
//!
//! It imports nothing else of the crate: no path in `base/` names a module
//! outside `base/` (`tests/it/layers.rs` checks it).

#[macro_use]
pub mod i18n;
pub mod diagnostics;
pub mod escape;
pub mod files;
pub(crate) mod sink;
pub mod slug;
pub mod suggest;
pub(crate) mod timing;
pub mod width;
pub mod words;
pub mod yaml;
