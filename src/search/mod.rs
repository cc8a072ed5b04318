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
//! - [`index`]: the writer; [`query`]: the engine.

pub mod documents;
pub mod index;
pub mod query;
pub mod synonyms;
pub mod t2s;
pub mod text;

use crate::Site;

/// The index's files for `site`, as (path under the output, text).
pub fn files(site: &Site) -> (Vec<(String, String)>, index::Stats) {
    let docs = documents::collect(site);
    let groups = synonyms::with_types(&site.synonyms, &site.directory);
    index::files(docs, &site.directory, &groups)
}
