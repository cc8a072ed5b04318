//! What is indexed: one [`Document`] per page, per policy, per policy
//! article (a result lands on `#art_6`), per organization type,
//! organization, service, activity and brand, with its fields (title, meta, body),
//! where it sits, its exact names and its facet values. Built from the
//! loaded site; page files are read again (texts are not kept in memory).
//!
//! Here: the [`Document`] and the kinds of result; the documents of pages
//! and policies are made in [`pages`], those of the directory's records in
//! [`directory`].

mod directory;
mod pages;

use rayon::prelude::*;

use crate::model::directory::BrandKind;
use crate::model::library::{LibraryFacet, LibraryValue};
use crate::model::site::Site;
use directory::{brand_documents, directory_documents};
pub(crate) use pages::fill;
use pages::page_documents;

/// The kinds of result, in facet order, with their labels.
pub const KINDS: &[(&str, &str)] = &[
    ("policy", "政策"),
    ("article", "条款"),
    ("org", "组织"),
    ("service", "服务"),
    ("activity", "活动"),
    ("page", "页面"),
    ("brand", "品牌荣誉"),
];

/// One search result to be.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Index into [`KINDS`].
    pub kind: usize,
    /// URL path with the base path (`/policies/x/#art_6`).
    pub url: String,
    pub title: String,
    /// Where it sits: region and organization, or policy and chapter.
    pub location: String,
    /// Names, places, headings: weighted between title and body.
    pub meta: String,
    /// Names in `meta` that also get pinyin (type names, organizers).
    pub names: Vec<String>,
    /// The title of an ordinary page or a policy: indexed by its
    /// characters only, without pinyin (pinyin is for the names and
    /// titles people type it for: records, types and article headings).
    pub prose_title: bool,
    pub body: String,
    /// Names that give the exact-name boost (organizations; needs and
    /// audiences on their browse pages).
    pub exact: Vec<String>,
    /// Organization type (index into `Directory::types`).
    pub org_type: Option<usize>,
    /// Region (index into `Directory::regions`); its ancestors count too.
    pub region: Option<usize>,
    pub audiences: Vec<String>,
    pub needs: Vec<String>,
    /// A brand's kind (青年文明号 …), for the `brand` facet.
    pub brand_kind: Option<BrandKind>,
    /// A policy's and its articles' values of the library's facets
    /// (发文机关, 成文年份, 主题分类, 时效性), as its library has them.
    pub library: Vec<(LibraryFacet, LibraryValue)>,
    /// An ordinary page whose text is read only when it is indexed: its
    /// index in the site's pages; [`fill`] reads it into `meta` and `body`.
    pub lazy: Option<usize>,
    /// A document's prior, in percent of its impacts: the city's
    /// organizations above a county's above a township's, browse pages
    /// below the records they list (100 = neutral).
    pub boost: u32,
}

/// Every document of the site, in no particular order.
pub fn collect(site: &Site) -> Vec<Document> {
    let content = &site.content;
    let mut docs: Vec<Document> = content
        .pages
        .par_iter()
        .enumerate()
        .filter(|(_, p)| !p.draft)
        .flat_map_iter(|(index, page)| {
            let section = content
                .sections
                .get(page.section)
                .map(|s| s.title.clone())
                .unwrap_or_default();
            page_documents(site, index, page, section)
        })
        .collect();
    directory_documents(&site.directory, &mut docs);
    brand_documents(&site.directory, &mut docs);
    // Texts built by pushing keep spare capacity; a large site holds
    // every document's text until it is indexed.
    docs.par_iter_mut().for_each(|d| {
        d.body.shrink_to_fit();
        d.meta.shrink_to_fit();
    });
    docs
}
