//! Relations both ways, once every reference is resolved: a region's
//! children, an organization's services, the services that implement an
//! article, activities by month, brands by kind and holder, the needs and audiences, and each records
//! section's list.

use std::collections::BTreeMap;

use super::vocabulary::Vocabulary;
use crate::base::diagnostics::Diagnostics;
use crate::model::config::Config;
use crate::model::content::RecordKind;
use crate::model::directory::{BrandKind, Directory};
use crate::model::links::Urls;

/// Relations both ways, terms, months, section lists.
pub(super) fn relate(
    config: &Config,
    urls: &Urls,
    dir: &mut Directory,
    diagnostics: &mut Diagnostics,
) {
    for i in 0..dir.regions.len() {
        if let Some(p) = dir.regions[i].parent {
            dir.regions[p].children.push(i);
        }
    }
    for i in 0..dir.organizations.len() {
        let o = &dir.organizations[i];
        let (t, g, parent) = (o.org_type, o.region, o.parent);
        dir.types[t].organizations.push(i);
        dir.regions[g].organizations.push(i);
        if let Some(p) = parent {
            dir.organizations[p].children.push(i);
        }
    }
    for i in 0..dir.services.len() {
        let p = dir.services[i].provider;
        dir.organizations[p].services.push(i);
        for a in &dir.services[i].implements {
            dir.implemented_by
                .entry((a.policy, a.eid.clone()))
                .or_default()
                .push(i);
        }
    }
    // Activities in time order.
    let mut order: Vec<usize> = (0..dir.activities.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&dir.activities[a], &dir.activities[b]);
        (x.start, &x.record.id).cmp(&(y.start, &y.record.id))
    });
    let mut months: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &i in &order {
        let a = &dir.activities[i];
        dir.regions[a.region].activities.push(i);
        for &o in &a.organizers {
            if !dir.organizations[o].activities.contains(&i) {
                dir.organizations[o].activities.push(i);
            }
        }
        months
            .entry(format!("{:04}-{:02}", a.start.year(), a.start.month()))
            .or_default()
            .push(i);
    }
    dir.months = months.into_iter().collect();
    brands(dir);

    let (mut needs, audiences) = terms(config, urls, dir, diagnostics);
    // An organization meets the needs its services meet.
    for term in &mut needs.terms {
        let mut orgs: Vec<usize> = term
            .services
            .iter()
            .map(|&s| dir.services[s].provider)
            .collect();
        orgs.sort_unstable();
        orgs.dedup();
        term.organizations = orgs;
    }
    dir.needs = needs.terms;
    dir.audiences = audiences.terms;

    // Each records section's list.
    let mut sections: BTreeMap<usize, (RecordKind, Vec<usize>)> = BTreeMap::new();
    let mut add = |kind: RecordKind, records: &mut dyn Iterator<Item = (usize, usize)>| {
        for (section, i) in records {
            sections.entry(section).or_insert((kind, vec![])).1.push(i);
        }
    };
    add(
        RecordKind::Region,
        &mut dir
            .regions
            .iter()
            .enumerate()
            .map(|(i, r)| (r.record.section, i)),
    );
    add(
        RecordKind::OrgType,
        &mut dir
            .types
            .iter()
            .enumerate()
            .map(|(i, r)| (r.record.section, i)),
    );
    add(
        RecordKind::Organization,
        &mut dir
            .organizations
            .iter()
            .enumerate()
            .map(|(i, r)| (r.record.section, i)),
    );
    add(
        RecordKind::Service,
        &mut dir
            .services
            .iter()
            .enumerate()
            .map(|(i, r)| (r.record.section, i)),
    );
    add(
        RecordKind::Activity,
        &mut order.iter().map(|&i| (dir.activities[i].record.section, i)),
    );
    add(
        RecordKind::Brand,
        &mut dir
            .brands
            .kinds
            .iter()
            .flat_map(|(_, list)| list.iter().map(|&i| (dir.brands.list[i].record.section, i))),
    );
    dir.sections = sections;
}

/// The brands by kind, by holder and by service, each list by level, then year.
fn brands(dir: &mut Directory) {
    let b = &mut dir.brands;
    let mut kinds: BTreeMap<BrandKind, Vec<usize>> = BTreeMap::new();
    let mut of_organization: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut of_service: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, brand) in b.list.iter().enumerate() {
        kinds.entry(brand.kind).or_default().push(i);
        if let Some(o) = brand.holder.organization {
            of_organization.entry(o).or_default().push(i);
        }
        for &s in &brand.services {
            of_service.entry(s).or_default().push(i);
        }
    }
    for list in kinds
        .values_mut()
        .chain(of_organization.values_mut())
        .chain(of_service.values_mut())
    {
        b.sort(list);
    }
    b.kinds = kinds.into_iter().collect();
    b.of_organization = of_organization;
    b.of_service = of_service;
}

/// The needs and audiences of the records, each checked against the
/// configured lists. Also run when references have problems (and no
/// relations are computed), so that an invalid need is reported beside an
/// unknown provider of the same record.
pub(super) fn terms<'a>(
    config: &Config,
    urls: &'a Urls,
    dir: &Directory,
    diagnostics: &mut Diagnostics,
) -> (Vocabulary<'a>, Vocabulary<'a>) {
    let mut needs = Vocabulary::new("needs", &config.directory.needs, urls);
    let mut audiences = Vocabulary::new("audiences", &config.directory.audiences, urls);
    for (i, s) in dir.services.iter().enumerate() {
        for n in &s.needs {
            needs.add(n, Some(i), None, &s.record, diagnostics);
        }
        for a in &s.audiences {
            audiences.add(a, Some(i), None, &s.record, diagnostics);
        }
    }
    for (i, o) in dir.organizations.iter().enumerate() {
        for a in &o.serves {
            audiences.add(a, None, Some(i), &o.record, diagnostics);
        }
    }
    for a in &dir.activities {
        for x in &a.audiences {
            audiences.add(x, None, None, &a.record, diagnostics);
        }
    }
    (needs, audiences)
}
