//! The pages of brands and honours: a page per brand (its holder, the
//! services it offers), the brands by kind (品牌荣誉分类) and one kind's
//! brands by level and year, and the brands an organization's or a
//! service's page shows.
//! Each builds its typed view; the brand page's JSON-LD comes from
//! [`crate::render::jsonld::directory::brand`].

use serde::Serialize;
use tera::Context;

use crate::model::directory::pages::DirPage;
use crate::model::directory::{BrandKind, BrandLevel, Directory};
use crate::render::jsonld;
use crate::render::pages::{Outcome, Pages};

use super::views::{OrgSummary, ServiceSummary};
use super::{Template, crumb, dir_url, record_body, record_crumbs};

/// A brand in a list (`brand-list.html`, the kind pages' tables).
#[derive(Debug, Serialize)]
pub struct BrandSummary<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: &'a str,
    pub kind: &'static str,
    pub kind_url: String,
    pub level: &'static str,
    pub year: i32,
    /// The holder: the unit in words, or the organization's name.
    pub holder: &'a str,
    /// The holder organization's page, when it is in the directory.
    pub holder_url: Option<&'a str>,
}

impl<'a> BrandSummary<'a> {
    fn of(pages: &Pages<'_>, d: &'a Directory, i: usize) -> BrandSummary<'a> {
        let b = &d.brands.list[i];
        let org = b.holder.organization.map(|o| &d.organizations[o]);
        BrandSummary {
            id: &b.record.id,
            name: &b.name,
            url: &b.record.url,
            kind: b.kind.zh(),
            kind_url: kind_url(pages, b.kind),
            level: b.level.zh(),
            year: b.year,
            holder: b
                .holder
                .name
                .as_deref()
                .or(org.map(|o| o.name.as_str()))
                .unwrap_or_default(),
            holder_url: org.map(|o| o.record.url.as_str()),
        }
    }

    fn all(pages: &Pages<'_>, d: &'a Directory, list: &[usize]) -> Vec<BrandSummary<'a>> {
        list.iter()
            .map(|&i| BrandSummary::of(pages, d, i))
            .collect()
    }
}

/// A brand's page.
#[derive(Debug, Serialize)]
pub struct BrandView<'a> {
    #[serde(flatten)]
    pub summary: BrandSummary<'a>,
    /// The unit in words, when the holder is one (or a part of an
    /// organization).
    pub unit: Option<&'a str>,
    pub organization: Option<OrgSummary<'a>>,
    pub services: Vec<ServiceSummary<'a>>,
    pub content: String,
    pub kinds_url: String,
}

/// A kind with brands, as a link.
#[derive(Debug, Serialize)]
pub struct KindLink {
    pub name: &'static str,
    pub url: String,
    pub count: usize,
}

/// One level's brands on a kind's page.
#[derive(Debug, Serialize)]
pub struct LevelGroup<'a> {
    pub level: &'static str,
    pub brands: Vec<BrandSummary<'a>>,
}

/// One kind's page: its brands by level, then year.
#[derive(Debug, Serialize)]
pub struct BrandKindView<'a> {
    pub id: &'static str,
    pub name: &'static str,
    pub count: usize,
    pub levels: Vec<LevelGroup<'a>>,
    pub kinds: Vec<KindLink>,
    pub kinds_url: String,
}

/// 品牌荣誉分类: every kind with its brands.
#[derive(Debug, Serialize)]
pub struct BrandKindsView<'a> {
    pub count: usize,
    pub kinds: Vec<KindGroup<'a>>,
}

/// A kind and its brands, on the kinds page.
#[derive(Debug, Serialize)]
pub struct KindGroup<'a> {
    #[serde(flatten)]
    pub link: KindLink,
    pub id: &'static str,
    pub brands: Vec<BrandSummary<'a>>,
}

fn kind_url(pages: &Pages<'_>, kind: BrandKind) -> String {
    dir_url(pages, &format!("brand-kinds/{}/", kind.id()))
}

fn kind_links(pages: &Pages<'_>, d: &Directory) -> Vec<KindLink> {
    d.brands
        .kinds
        .iter()
        .map(|(k, list)| KindLink {
            name: k.zh(),
            url: kind_url(pages, *k),
            count: list.len(),
        })
        .collect()
}

/// The breadcrumbs of the kind pages: the brands section's, the first
/// brand's section standing for it.
fn kinds_crumbs(pages: &Pages<'_>, d: &Directory) -> (Vec<crate::render::views::Crumb>, usize) {
    let first = &d.brands.list[d.brands.kinds[0].1[0]].record;
    let mut crumbs = record_crumbs(pages, first);
    if crumbs.is_empty() {
        crumbs.push(super::home_crumb(pages));
    }
    (crumbs, first.section)
}

/// Brand `i`: its kind, level and year, its holder, its services.
pub(super) fn brand(
    pages: &Pages<'_>,
    i: usize,
    permalink: &str,
    ctx: &mut Context,
    out: &mut Outcome,
) -> Template {
    let d = &pages.site.directory;
    let b = &d.brands.list[i];
    let view = BrandView {
        summary: BrandSummary::of(pages, d, i),
        unit: b.holder.name.as_deref(),
        organization: b.holder.organization.map(|o| OrgSummary::of(d, o)),
        services: ServiceSummary::all(d, &b.services),
        content: record_body(pages, &b.record, out),
        kinds_url: dir_url(pages, "brand-kinds/"),
    };
    ctx.insert("brand", &view);
    ctx.insert("breadcrumbs", &record_crumbs(pages, &b.record));
    let ld = jsonld::directory::brand(d, &pages.site.urls, i, permalink);
    ctx.insert("jsonld", &jsonld::to_script(&ld));
    ("directory/brand.html", Some(b.record.section))
}

/// 品牌荣誉分类: every kind with its brands.
pub(super) fn kinds(pages: &Pages<'_>, ctx: &mut Context) -> Template {
    let d = &pages.site.directory;
    let kinds = d
        .brands
        .kinds
        .iter()
        .zip(kind_links(pages, d))
        .map(|((k, list), link)| KindGroup {
            link,
            id: k.id(),
            brands: BrandSummary::all(pages, d, list),
        })
        .collect();
    let view = BrandKindsView {
        count: d.brands.list.len(),
        kinds,
    };
    let (crumbs, section) = kinds_crumbs(pages, d);
    ctx.insert("kinds", &view);
    ctx.insert("breadcrumbs", &crumbs);
    ("directory/brand-kinds.html", Some(section))
}

/// Kind `k`'s brands by level (国家级 first), then year (newest first).
pub(super) fn kind(pages: &Pages<'_>, k: usize, ctx: &mut Context) -> Template {
    let d = &pages.site.directory;
    let (kind, list) = &d.brands.kinds[k];
    let levels = BrandLevel::ALL
        .iter()
        .filter_map(|&level| {
            let of_level: Vec<usize> = list
                .iter()
                .copied()
                .filter(|&i| d.brands.list[i].level == level)
                .collect();
            (!of_level.is_empty()).then(|| LevelGroup {
                level: level.zh(),
                brands: BrandSummary::all(pages, d, &of_level),
            })
        })
        .collect();
    let kinds_url = dir_url(pages, "brand-kinds/");
    let view = BrandKindView {
        id: kind.id(),
        name: kind.zh(),
        count: list.len(),
        levels,
        kinds: kind_links(pages, d),
        kinds_url: kinds_url.clone(),
    };
    let (mut crumbs, section) = kinds_crumbs(pages, d);
    crumbs.push(crumb("品牌荣誉分类", &kinds_url));
    ctx.insert("brand_kind", &view);
    ctx.insert("breadcrumbs", &crumbs);
    ("directory/brand-kind.html", Some(section))
}

/// The brands an organization holds or a service is offered under, for
/// its page (`brands`).
pub(super) fn of_record(pages: &Pages<'_>, page: DirPage, ctx: &mut Context) {
    let d = &pages.site.directory;
    let list = match page {
        DirPage::Organization(o) => d.brands.of_organization.get(&o),
        DirPage::Service(s) => d.brands.of_service.get(&s),
        _ => None,
    };
    let list = list.map_or(&[][..], Vec::as_slice);
    ctx.insert("brands", &BrandSummary::all(pages, d, list));
}
