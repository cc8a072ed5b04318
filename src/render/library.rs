//! The policy library (政策文件库) of a section that lists policies, as
//! the State Council's policy library has it: every policy with its
//! 发文字号, 发文机关, 成文日期 and 时效性, and static filter pages by
//! 发文机关, 成文年份, 主题分类 and 时效性, each value with its count, that
//! work without JavaScript (`<section>/library/` and
//! `<section>/library/<facet>/<value>/`). Written with the section's
//! first page, from the same pages.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use crate::base::sink::Sink;
use crate::model::content::PageType;
use crate::model::library::LibraryFacet;
use crate::model::validity::Validity;
use crate::render::pages::{Outcome, Pages};
use crate::render::views::{DateView, StatusView};

/// A facet's values: path segment → (the value as shown, its policies).
type Values = BTreeMap<String, (String, Vec<usize>)>;

/// One policy's row in the library's table.
#[derive(Serialize)]
struct Row {
    title: String,
    url: String,
    doc_number: Option<String>,
    issuer: String,
    written: DateView,
    validity: StatusView,
}

#[derive(Serialize)]
struct ValueView {
    label: String,
    count: usize,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct FacetView {
    name: &'static str,
    label: &'static str,
    values: Vec<ValueView>,
}

/// What `library.html` shows.
#[derive(Serialize)]
struct LibraryView {
    section_title: String,
    section_url: String,
    /// The library's own page (no filter).
    url: String,
    /// `发文机关：中共绍兴市委`, on a filter page.
    filter: Option<String>,
    facets: Vec<FacetView>,
    rows: Vec<Row>,
    total: usize,
}

/// A link to a section's library, for the search page: its static filter
/// pages are the search's library facets without JavaScript.
#[derive(Serialize)]
pub(super) struct LibraryLink {
    /// The section's title.
    title: String,
    url: String,
}

/// Ranks of validity in the table: texts in force first.
fn rank(v: Validity) -> u8 {
    match v {
        Validity::InForce => 0,
        Validity::Amended => 1,
        Validity::NotYetInForce => 2,
        Validity::Expired => 3,
        Validity::Repealed => 4,
    }
}

impl Pages<'_> {
    /// Whether section `index` lists policies (and so has a library).
    pub(super) fn lists_policies(&self, index: usize) -> bool {
        let content = &self.site.content;
        content.sections[index]
            .pages
            .iter()
            .any(|&i| content.pages[i].page_type == PageType::Policy)
    }

    /// Every section's library, in the order of the sections.
    pub(super) fn libraries(&self) -> Vec<LibraryLink> {
        let sections = &self.site.content.sections;
        (0..sections.len())
            .filter(|&i| self.lists_policies(i))
            .map(|i| LibraryLink {
                title: sections[i].title.clone(),
                url: self.site.urls.url(&format!("{}library/", sections[i].path)),
            })
            .collect()
    }

    /// The library of section `index` and its filter pages, if it lists
    /// policies.
    pub(super) fn render_library(&self, index: usize, sink: &dyn Sink, out: &mut Outcome) {
        let content = &self.site.content;
        let s = &content.sections[index];
        let mut policies: Vec<usize> = s
            .pages
            .iter()
            .copied()
            .filter(|&i| content.pages[i].page_type == PageType::Policy)
            .collect();
        if policies.is_empty() {
            return;
        }
        // In force first, then newest first.
        policies.sort_by_key(|&i| {
            let m = content.pages[i].policy_meta.as_ref().expect("a policy");
            (rank(m.validity), std::cmp::Reverse(m.written), i)
        });
        let base = format!("{}library/", s.path);
        // Every facet's values: path segment → (label, the policies).
        let facets: Vec<(LibraryFacet, Values)> = LibraryFacet::ALL
            .iter()
            .map(|&facet| {
                let mut values = Values::new();
                for &i in &policies {
                    let m = content.pages[i].policy_meta.as_ref().expect("a policy");
                    for v in facet.values(m) {
                        values.entry(v.id).or_insert((v.label, vec![])).1.push(i);
                    }
                }
                (facet, values)
            })
            .collect();
        let facet_views = |current: Option<(&str, &str)>| -> Vec<FacetView> {
            facets
                .iter()
                .map(|(facet, values)| {
                    let name = facet.name();
                    let mut list: Vec<ValueView> = values
                        .iter()
                        .map(|(seg, (shown, docs))| ValueView {
                            label: shown.clone(),
                            count: docs.len(),
                            url: self.site.urls.url(&format!("{base}{name}/{seg}/")),
                            current: current == Some((name, seg.as_str())),
                        })
                        .collect();
                    facet.display_order(&mut list, |v| &v.label, |v| v.count);
                    FacetView {
                        name,
                        label: facet.label(),
                        values: list,
                    }
                })
                .collect()
        };
        let rows = |list: &[usize]| -> Vec<Row> {
            list.iter()
                .map(|&i| {
                    let p = &content.pages[i];
                    let m = p.policy_meta.as_ref().expect("a policy");
                    Row {
                        title: p.title.clone(),
                        url: p.url.clone(),
                        doc_number: m.doc_number.clone(),
                        issuer: m.issuer.clone(),
                        written: DateView::of(m.written),
                        validity: StatusView::of(m.validity),
                    }
                })
                .collect()
        };
        let view = |filter: Option<String>, current, list: &[usize]| LibraryView {
            section_title: s.title.clone(),
            section_url: s.url.clone(),
            url: self.site.urls.url(&base),
            filter,
            facets: facet_views(current),
            rows: rows(list),
            total: list.len(),
        };
        let mut emit = |path: String, library: LibraryView| {
            let mut ctx = Context::new();
            ctx.insert("library", &library);
            self.emit("library.html", &path, Some(index), &mut ctx, sink, out);
        };
        emit(format!("{base}index.html"), view(None, None, &policies));
        for (facet, values) in &facets {
            let (name, label) = (facet.name(), facet.label());
            for (seg, (shown, docs)) in values {
                // `docs` is in the library's order already.
                emit(
                    format!("{base}{name}/{seg}/index.html"),
                    view(
                        Some(format!("{label}：{shown}")),
                        Some((name, seg.as_str())),
                        docs,
                    ),
                );
            }
        }
    }
}
