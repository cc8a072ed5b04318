//! From raw records to the typed, linked directory: each kind's fields read
//! and checked (one reading for markdown records and table rows alike),
//! references between records resolved by id, and the relations both ways
//! (an organization's services, a region's children, an article's
//! services) computed.
//!
//! Here: the reading of every record, its common part (id, path, body), and
//! the checks that ids and pages are unique. Each kind's fields are read in
//! [`regions`], [`org_types`], [`organizations`], [`services`] and
//! [`activities`] and [`brands`], with the checks on contact details in [`contacts`];
//! references by id are resolved in [`references`], `implements` entries in
//! [`implements`]; [`relations`] and [`vocabulary`] compute the rest.

mod activities;
mod brands;
mod contacts;
mod funds;
mod implements;
mod org_types;
mod organizations;
mod references;
mod regions;
mod relations;
mod services;
mod vocabulary;

use std::collections::HashMap;

use super::index_ids;
use crate::base::diagnostics::{Diagnostic, Diagnostics};
use crate::load::directory::{Located, Raw, Reader};
use crate::model::config::Config;
use crate::model::content::{Content, RecordKind};
use crate::model::directory::{
    Activity, Brand, Directory, OrgType, Organization, Record, Region, Service, valid_id,
};
use crate::model::links::Urls;
use activities::activity;
use brands::brand;
use implements::Implements;
use org_types::org_type;
use organizations::organization;
use references::Known;
use regions::region;
use relations::relate;
use services::service;

/// What a record names, kept until every record is read.
#[derive(Default)]
struct Refs {
    parent: Option<Located<String>>,
    region: Option<Located<String>>,
    org_type: Option<Located<String>>,
    provider: Option<Located<String>>,
    organizers: Vec<Located<String>>,
    implements: Vec<Located<String>>,
    /// A brand's holder and services.
    holder: Option<Located<String>>,
    services: Vec<Located<String>>,
}

struct Pending<T> {
    item: T,
    refs: Refs,
}

pub(super) fn build(
    config: &Config,
    content: &Content,
    urls: &Urls,
    raws: Vec<(usize, Raw)>,
    build_year: i16,
    diagnostics: &mut Diagnostics,
) -> Directory {
    let mut errors: Vec<Diagnostic> = vec![];
    let mut regions = vec![];
    let mut types = vec![];
    let mut orgs = vec![];
    let mut services = vec![];
    let mut activities = vec![];
    let mut fund_rows = vec![];
    let mut brands = vec![];
    let this_year = i32::from(build_year);
    for (file, mut raw) in raws {
        let f = &content.records[file];
        if f.kind == RecordKind::Funds {
            fund_rows.push((file, raw));
            continue;
        }
        let section = &content.sections[f.section];
        let mut r = Reader {
            raw: &mut raw,
            errors: &mut errors,
        };
        let Some(record) = record(&mut r, f.section, &section.path, urls) else {
            continue;
        };
        match f.kind {
            RecordKind::Region => regions.extend(region(r, record)),
            RecordKind::OrgType => types.extend(org_type(r, record)),
            RecordKind::Organization => orgs.extend(organization(r, record)),
            RecordKind::Service => services.extend(service(r, record)),
            RecordKind::Activity => activities.extend(activity(r, record)),
            RecordKind::Funds => {}
            RecordKind::Brand => brands.extend(brand(r, record, this_year)),
        }
    }
    diagnostics.extend(errors);

    let mut dir = Directory::default();
    let region_ids = index_ids(
        regions.iter().map(|p: &Pending<Region>| &p.item.record),
        "region",
        diagnostics,
    );
    let type_ids = index_ids(
        types.iter().map(|p: &Pending<OrgType>| &p.item.record),
        "organization type",
        diagnostics,
    );
    let org_ids = index_ids(
        orgs.iter().map(|p: &Pending<Organization>| &p.item.record),
        "organization",
        diagnostics,
    );
    let service_ids = index_ids(
        services.iter().map(|p: &Pending<Service>| &p.item.record),
        "service",
        diagnostics,
    );
    index_ids(
        activities
            .iter()
            .map(|p: &Pending<Activity>| &p.item.record),
        "activity",
        diagnostics,
    );
    index_ids(
        brands.iter().map(|p: &Pending<Brand>| &p.item.record),
        "brand",
        diagnostics,
    );
    let records = regions
        .iter()
        .map(|p| &p.item.record)
        .chain(types.iter().map(|p| &p.item.record))
        .chain(orgs.iter().map(|p| &p.item.record))
        .chain(services.iter().map(|p| &p.item.record))
        .chain(activities.iter().map(|p| &p.item.record))
        .chain(brands.iter().map(|p| &p.item.record));
    check_section_paths(content, records, diagnostics);

    let region_ids = Known {
        what: "region",
        ids: &region_ids,
        names: regions
            .iter()
            .map(|p| (p.item.name.clone(), p.item.record.id.clone()))
            .collect(),
    };
    let type_ids = Known {
        what: "organization type",
        ids: &type_ids,
        names: types
            .iter()
            .flat_map(|p| {
                let t = &p.item;
                [&t.name, &t.full_name]
                    .into_iter()
                    .chain(&t.aliases)
                    .map(|n| (n.clone(), t.record.id.clone()))
            })
            .collect(),
    };
    let org_ids = Known {
        what: "organization",
        ids: &org_ids,
        names: orgs
            .iter()
            .map(|p| (p.item.name.clone(), p.item.record.id.clone()))
            .collect(),
    };
    // Regions: a parent is one level up or more, so regions cannot loop.
    references::link_regions(&mut regions, &region_ids, diagnostics);
    dir.regions = regions.into_iter().map(|p| p.item).collect();
    dir.types = types.into_iter().map(|p| p.item).collect();

    references::link_organizations(&mut orgs, &type_ids, &region_ids, &org_ids, diagnostics);
    let complete = diagnostics.is_empty();
    dir.funds = funds::disclosures(content, urls, fund_rows, &org_ids, build_year, diagnostics);
    dir.organizations = orgs.into_iter().map(|p| p.item).collect();

    // Services.
    let mut implements = Implements::new(config, content);
    references::link_services(&mut services, &org_ids, &mut implements, diagnostics);
    dir.services = services.into_iter().map(|p| p.item).collect();

    // Activities.
    references::link_activities(&mut activities, &region_ids, &org_ids, diagnostics);
    dir.activities = activities.into_iter().map(|p| p.item).collect();

    // Brands.
    let service_ids = Known {
        what: "service",
        ids: &service_ids,
        names: dir
            .services
            .iter()
            .map(|s| (s.title.clone(), s.record.id.clone()))
            .collect(),
    };
    references::link_brands(&mut brands, &org_ids, &service_ids, diagnostics);
    dir.brands.list = brands.into_iter().map(|p| p.item).collect();

    if !complete || !diagnostics.is_empty() {
        // No relations over unresolved references; the terms are still
        // checked, each record on its own.
        relations::terms(config, urls, &dir, diagnostics);
        return dir;
    }
    relate(config, urls, &mut dir, diagnostics);
    dir
}

/// The common part: id, path, body.
fn record(r: &mut Reader<'_>, section: usize, section_path: &str, urls: &Urls) -> Option<Record> {
    let id = match r.text("id") {
        Some(id) => {
            if !valid_id(&id.value) {
                r.at(&id, msg!("dir-bad-id", id = &id.value));
                return None;
            }
            id.value
        }
        None => match r.raw.default_id.clone() {
            Some(id) if valid_id(&id) => id,
            Some(id) => {
                let d = r.raw.diagnostic(msg!("dir-file-name-not-id", id = &id));
                r.errors.push(d);
                return None;
            }
            None => {
                let d = r.raw.diagnostic(msg!("dir-no-id"));
                r.errors.push(d);
                return None;
            }
        },
    };
    let path = format!("{section_path}{id}/");
    Some(Record {
        url: urls.url(&path),
        path,
        id,
        section,
        source: r.raw.source.clone(),
        offset: r.raw.offset,
        body: r.raw.body.clone(),
    })
}

/// A record's page must not land on a page or section of the site.
fn check_section_paths<'a>(
    content: &Content,
    records: impl Iterator<Item = &'a Record>,
    diagnostics: &mut Diagnostics,
) {
    let taken: HashMap<&str, &std::path::Path> = content
        .sections
        .iter()
        .map(|s| (s.path.as_str(), s.file.as_path()))
        .chain(
            content
                .pages
                .iter()
                .map(|p| (p.path.as_str(), p.file.as_path())),
        )
        .collect();
    for r in records {
        if let Some(file) = taken.get(r.path.as_str()) {
            diagnostics.push(r.diagnostic(msg!(
                "dir-page-taken",
                path = &r.path,
                file = file.display()
            )));
        }
    }
}
