//! Search that works for Chinese: the index `gongkai build` writes under
//! `search/` and the engine `gongkai search` runs over it. The format and
//! the ranking are specified in `docs/search.md`, which the JavaScript
//! client (`themes/default/static/js/search.js`) follows too.
//!
//! - [`text`]: the one tokenizer (folding, bigrams, words and prefixes,
//!   pinyin, query groups, routing, encodings);
//! - [`t2s`]: the Traditional → Simplified table;
//! - [`synonyms`]: the editors' synonym table and the type aliases;
//! - [`documents`]: what is indexed;
//! - [`format`]: the index's files as types, shared by the writer and
//!   the engine, and the constants the client reads from the manifest;
//! - [`index`]: the writer; [`query`]: the engine.

pub mod documents;
pub mod format;
pub mod index;
pub mod query;
pub mod synonyms;
pub mod t2s;
pub mod text;

use crate::model::site::Site;
pub use index::Numbering;

/// Write the index of `site` through `emit` (path under the output, text).
/// A large site's postings pass through temporary files; failing to use
/// them is the error.
pub fn write(site: &Site, emit: &mut dyn FnMut(&str, &str)) -> std::io::Result<()> {
    let started = std::time::Instant::now();
    let docs = documents::collect(site);
    crate::base::timing::timing("s-collect", started);
    let groups = synonyms::with_types(&site.synonyms, &site.directory);
    let fill = |d: &mut documents::Document| documents::fill(site, d);
    let head = site.config.search.head;
    index::write(docs, &site.directory, &groups, head, &fill, emit)
}

/// Write the index of `site` as [`write`] does, but with the document
/// numbers of `keep` (the index written before, for `gongkai serve`):
/// an edited document keeps its number, a new one takes a hole or comes
/// last, a deleted one leaves a hole (docs/search.md, "Numbers and
/// holes"), so that an edit changes the bytes of few files. Returns the
/// new numbering, or `None` when `stop` said so before anything was
/// emitted.
pub fn write_kept(
    site: &Site,
    keep: &Numbering,
    stop: &dyn Fn() -> bool,
    emit: &mut dyn FnMut(&str, &str),
) -> std::io::Result<Option<Numbering>> {
    let docs = documents::collect(site);
    let groups = synonyms::with_types(&site.synonyms, &site.directory);
    let fill = |d: &mut documents::Document| documents::fill(site, d);
    let head = site.config.search.head;
    index::write_kept(
        docs,
        &site.directory,
        &groups,
        head,
        &fill,
        keep,
        stop,
        emit,
    )
}
