//! References between records, resolved by id: a region's parent, an
//! organization's type, region and parent, a service's provider (and,
//! through [`Implements`], the articles it implements), an activity's
//! region and organizers, a brand's holder and services. Regions cannot loop (a parent is a higher level);
//! organizations' parents are checked for circles.

use std::collections::HashMap;

use super::super::kind_name;
use super::Pending;
use super::implements::Implements;
use crate::base::diagnostics::Diagnostics;
use crate::load::directory::Located;
use crate::model::directory::{
    Activity, Brand, Level, Organization, Record, Region, Service, Source,
};

/// The records of one kind that references can name: their ids, and the
/// names an editor may write instead (a region's `name`, a type's
/// `full_name` and aliases), to suggest the id.
pub(super) struct Known<'a> {
    /// `region`, `organization type`, `organization`.
    pub what: &'static str,
    pub ids: &'a HashMap<String, usize>,
    /// (name, id).
    pub names: Vec<(String, String)>,
}

impl Known<'_> {
    /// How to fix a reference to `value`, which is no id: the id whose
    /// name it is, or the nearest id.
    fn help(&self, value: &str) -> String {
        let what = kind_name(self.what);
        if let Some((_, id)) = self.names.iter().find(|(name, _)| name == value) {
            return msg!("dir-ref-is-name", value = value, kind = what, id = id);
        }
        let ids = self.ids.keys().map(String::as_str);
        match crate::base::suggest::nearest(value, ids) {
            Some(id) => msg!("dir-ref-did-you-mean", id = id),
            None => msg!("dir-ref-ids-help", kind = what),
        }
    }
}

/// The record with id `v` in `known`, or a diagnostic at `v` saying there
/// is no such record, with the id that was probably meant.
fn lookup(
    known: &Known<'_>,
    r: &Record,
    v: &Located<String>,
    diagnostics: &mut Diagnostics,
) -> Option<usize> {
    lookup_at(known, &r.source, v, diagnostics)
}

/// The record with id `v` in `known`, for a value read from `source`
/// that belongs to no record (a row of a funds table).
pub(super) fn lookup_at(
    known: &Known<'_>,
    source: &Source,
    v: &Located<String>,
    diagnostics: &mut Diagnostics,
) -> Option<usize> {
    let found = known.ids.get(&v.value).copied();
    if found.is_none() {
        diagnostics.push(
            source
                .diagnostic(
                    v.offset,
                    v.len,
                    msg!(
                        "dir-ref-unknown",
                        kind = kind_name(known.what),
                        id = &v.value
                    ),
                )
                .with_help(known.help(&v.value)),
        );
    }
    found
}

/// Each region's parent: one level up or more, so regions cannot loop.
pub(super) fn link_regions(
    regions: &mut [Pending<Region>],
    region_ids: &Known<'_>,
    diagnostics: &mut Diagnostics,
) {
    for p in regions.iter_mut() {
        if let Some(v) = &p.refs.parent {
            p.item.parent = lookup(region_ids, &p.item.record, v, diagnostics);
        } else if p.item.level != Level::City {
            diagnostics.push(p.item.record.diagnostic(msg!(
                "dir-region-no-parent",
                id = &p.item.record.id,
                level = p.item.level.zh()
            )));
        }
    }
    let levels: Vec<Level> = regions.iter().map(|p| p.item.level).collect();
    for p in regions.iter() {
        if let (Some(parent), Some(v)) = (p.item.parent, &p.refs.parent) {
            if levels[parent] >= p.item.level {
                diagnostics.push(p.item.record.source.diagnostic(
                    v.offset,
                    v.len,
                    msg!(
                        "dir-region-parent-level",
                        id = &p.item.record.id,
                        level = p.item.level.zh(),
                        parent = &v.value,
                        parent_level = levels[parent].zh()
                    ),
                ));
            }
        }
    }
}

/// Each organization's type, region and parent; parents that go round in
/// a circle are reported.
pub(super) fn link_organizations(
    orgs: &mut [Pending<Organization>],
    type_ids: &Known<'_>,
    region_ids: &Known<'_>,
    org_ids: &Known<'_>,
    diagnostics: &mut Diagnostics,
) {
    for p in orgs.iter_mut() {
        let r = &p.item.record;
        let t = p
            .refs
            .org_type
            .as_ref()
            .and_then(|v| lookup(type_ids, r, v, diagnostics));
        let g = p
            .refs
            .region
            .as_ref()
            .and_then(|v| lookup(region_ids, r, v, diagnostics));
        let parent = p
            .refs
            .parent
            .as_ref()
            .and_then(|v| lookup(org_ids, r, v, diagnostics));
        p.item.org_type = t.unwrap_or(usize::MAX);
        p.item.region = g.unwrap_or(usize::MAX);
        p.item.parent = parent;
    }
    // Parent cycles.
    let parents: Vec<Option<usize>> = orgs.iter().map(|p| p.item.parent).collect();
    for (i, p) in orgs.iter().enumerate() {
        let mut at = parents[i];
        let mut steps = 0;
        while let Some(j) = at {
            if j == i {
                let v = p.refs.parent.as_ref().expect("has a parent");
                diagnostics.push(
                    p.item
                        .record
                        .source
                        .diagnostic(
                            v.offset,
                            v.len,
                            msg!("dir-org-circle", id = &p.item.record.id),
                        )
                        .with_help(msg!("dir-org-circle-help")),
                );
                break;
            }
            steps += 1;
            if steps > parents.len() {
                break;
            }
            at = parents[j];
        }
    }
}

/// Each service's provider and the articles it implements.
pub(super) fn link_services(
    services: &mut [Pending<Service>],
    org_ids: &Known<'_>,
    implements: &mut Implements<'_>,
    diagnostics: &mut Diagnostics,
) {
    for p in services.iter_mut() {
        let r = &p.item.record;
        p.item.provider = p
            .refs
            .provider
            .as_ref()
            .and_then(|v| lookup(org_ids, r, v, diagnostics))
            .unwrap_or(usize::MAX);
        implements.link(r, &p.refs.implements, &mut p.item.implements, diagnostics);
    }
}

/// Each activity's region and organizers.
pub(super) fn link_activities(
    activities: &mut [Pending<Activity>],
    region_ids: &Known<'_>,
    org_ids: &Known<'_>,
    diagnostics: &mut Diagnostics,
) {
    for p in activities.iter_mut() {
        let r = &p.item.record;
        p.item.region = p
            .refs
            .region
            .as_ref()
            .and_then(|v| lookup(region_ids, r, v, diagnostics))
            .unwrap_or(usize::MAX);
        for v in &p.refs.organizers {
            if let Some(o) = lookup(org_ids, r, v, diagnostics) {
                p.item.organizers.push(o);
            }
        }
    }
}

/// Each brand's holder organization and services.
pub(super) fn link_brands(
    brands: &mut [Pending<Brand>],
    org_ids: &Known<'_>,
    service_ids: &Known<'_>,
    diagnostics: &mut Diagnostics,
) {
    for p in brands.iter_mut() {
        let r = &p.item.record;
        p.item.holder.organization = p
            .refs
            .holder
            .as_ref()
            .and_then(|v| lookup(org_ids, r, v, diagnostics));
        for v in &p.refs.services {
            if let Some(s) = lookup(service_ids, r, v, diagnostics) {
                if !p.item.services.contains(&s) {
                    p.item.services.push(s);
                }
            }
        }
    }
}
