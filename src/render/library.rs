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
use crate::model::content::{Content, PageType};
use crate::model::validity::Validity;
use crate::render::pages::{Outcome, Pages};
use crate::render::views::{DateView, StatusView};

/// A facet: its path segment and its label.
const FACETS: [(&str, &str); 4] = [
    ("issuer", "发文机关"),
    ("year", "成文年份"),
    ("topic", "主题分类"),
    ("validity", "时效性"),
];

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

/// A policy's values of a facet (a policy has several topics).
fn values_of(content: &Content, i: usize, facet: &str) -> Vec<(String, String)> {
    let Some(m) = &content.pages[i].policy_meta else {
        return vec![];
    };
    match facet {
        "issuer" => vec![(segment(&m.issuer), m.issuer.clone())],
        "year" => {
            let y = m.written.year().to_string();
            vec![(y.clone(), format!("{y}年"))]
        }
        "topic" => m.topics.iter().map(|t| (segment(t), t.clone())).collect(),
        _ => vec![(code(m.validity).to_string(), m.validity.zh().to_string())],
    }
}

/// A value as a path segment: its words, with what a path cannot hold
/// replaced.
fn segment(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| {
            if "/\\?#%".contains(c) || c.is_whitespace() {
                '-'
            } else {
                c
            }
        })
        .collect()
}

fn code(v: Validity) -> &'static str {
    match v {
        Validity::NotYetInForce => "not_yet_in_force",
        Validity::InForce => "in_force",
        Validity::Amended => "amended",
        Validity::Repealed => "repealed",
        Validity::Expired => "expired",
    }
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
        let facets: Vec<(&str, &str, Values)> = FACETS
            .iter()
            .map(|&(name, label)| {
                let mut values = Values::new();
                for &i in &policies {
                    for (seg, shown) in values_of(content, i, name) {
                        values.entry(seg).or_insert((shown, vec![])).1.push(i);
                    }
                }
                (name, label, values)
            })
            .collect();
        let facet_views = |current: Option<(&str, &str)>| -> Vec<FacetView> {
            facets
                .iter()
                .map(|(name, label, values)| {
                    let mut list: Vec<ValueView> = values
                        .iter()
                        .map(|(seg, (shown, docs))| ValueView {
                            label: shown.clone(),
                            count: docs.len(),
                            url: self.site.urls.url(&format!("{base}{name}/{seg}/")),
                            current: current == Some((name, seg.as_str())),
                        })
                        .collect();
                    // Years newest first; the rest by how many, then name.
                    if *name == "year" {
                        list.reverse();
                    } else {
                        list.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
                    }
                    FacetView {
                        name,
                        label,
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
        for (name, label, values) in &facets {
            for (seg, (shown, docs)) in values {
                // `docs` is in the library's order already.
                emit(
                    format!("{base}{name}/{seg}/index.html"),
                    view(
                        Some(format!("{label}：{shown}")),
                        Some((*name, seg.as_str())),
                        docs,
                    ),
                );
            }
        }
    }
}
