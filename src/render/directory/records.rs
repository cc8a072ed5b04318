//! The pages of the directory's records: a region, an organization type,
//! an organization (with its QR code and calendar), a service and an
//! activity. Each builds its typed view, its breadcrumbs and its JSON-LD.

use tera::Context;

use crate::base::sink::Sink;
use crate::model::directory::Level;
use crate::render::ics;
use crate::render::jsonld;
use crate::render::pages::{Outcome, Pages};
use crate::render::views::DateView;

use super::views::{
    ActivitySummary, ActivityView, ChannelView, ImplementsView, OrgSummary, OrgTypeView,
    OrganizationView, Phone, RegionChild, RegionGroup, RegionRef, RegionView, ServiceSummary,
    ServiceView, TermLink, TypeGroup, TypeRef,
};
use super::{Template, crumb, dir_url, record_body, record_crumbs, write_file};
use crate::render::formats::{iso, qr_svg, tel};

/// Region `i`: its regions below, its organizations by type, its upcoming
/// activities.
pub(super) fn region(
    pages: &Pages<'_>,
    i: usize,
    permalink: &str,
    ctx: &mut Context,
    out: &mut Outcome,
) -> Template {
    let d = &pages.site.directory;
    let g = &d.regions[i];
    let mut crumbs = record_crumbs(pages, &g.record);
    let mut chain = d.region_chain(i);
    chain.reverse();
    chain.pop();
    crumbs.extend(
        chain
            .iter()
            .map(|&r| crumb(&d.regions[r].name, &d.regions[r].record.url)),
    );
    // Organizations by type, in the order of the types.
    let organizations_by_type = d
        .types
        .iter()
        .enumerate()
        .filter_map(|(t, ty)| {
            let orgs: Vec<usize> = g
                .organizations
                .iter()
                .copied()
                .filter(|&o| d.organizations[o].org_type == t)
                .collect();
            (!orgs.is_empty()).then(|| TypeGroup {
                org_type: &ty.name,
                url: &ty.record.url,
                organizations: OrgSummary::all(d, &orgs),
            })
        })
        .collect();
    let now = d.now();
    let upcoming: Vec<usize> = g
        .activities
        .iter()
        .copied()
        .filter(|&a| d.activities[a].upcoming(now))
        .collect();
    let view = RegionView {
        id: &g.record.id,
        name: &g.name,
        level: g.level,
        level_zh: g.level.zh(),
        code: g.code.as_deref(),
        url: &g.record.url,
        content: record_body(pages, &g.record, out),
        path_names: d.region_names(i),
        children: g
            .children
            .iter()
            .map(|&c| RegionChild {
                name: &d.regions[c].name,
                url: &d.regions[c].record.url,
                organizations: d.regions[c].organizations.len(),
                level_zh: d.regions[c].level.zh(),
            })
            .collect(),
        organizations_by_type,
        activities: ActivitySummary::all(d, &upcoming),
    };
    ctx.insert("region", &view);
    ctx.insert("breadcrumbs", &crumbs);
    let ld = jsonld::directory::region(d, &pages.site.urls, i, permalink);
    ctx.insert("jsonld", &jsonld::to_script(&ld));
    ("directory/region.html", Some(g.record.section))
}

/// Organization type `i`: its organizations by region from the top (the
/// city, then each county with its townships and villages below).
pub(super) fn org_type(
    pages: &Pages<'_>,
    i: usize,
    permalink: &str,
    ctx: &mut Context,
    out: &mut Outcome,
) -> Template {
    let d = &pages.site.directory;
    let t = &d.types[i];
    let mut groups = vec![];
    for (r, region) in d.regions.iter().enumerate() {
        if region.level > Level::County {
            continue;
        }
        let mut orgs: Vec<usize> = vec![];
        let mut stack = vec![r];
        while let Some(x) = stack.pop() {
            orgs.extend(
                d.regions[x]
                    .organizations
                    .iter()
                    .filter(|&&o| d.organizations[o].org_type == i),
            );
            if region.level == Level::County {
                stack.extend(d.regions[x].children.iter().rev());
            }
        }
        if !orgs.is_empty() {
            groups.push(RegionGroup {
                region: &region.name,
                url: &region.record.url,
                organizations: OrgSummary::all(d, &orgs),
            });
        }
    }
    let view = OrgTypeView {
        id: &t.record.id,
        name: &t.name,
        full_name: &t.full_name,
        aliases: &t.aliases,
        hotline: t.hotline.as_ref(),
        content: record_body(pages, &t.record, out),
        count: t.organizations.len(),
        groups,
    };
    ctx.insert("org_type", &view);
    ctx.insert("breadcrumbs", &record_crumbs(pages, &t.record));
    let ld = jsonld::directory::org_type(d, i, permalink);
    ctx.insert("jsonld", &jsonld::to_script(&ld));
    ("directory/org-type.html", Some(t.record.section))
}

/// Organization `i`, and beside its page its QR code and (when it has
/// activities) its calendar.
pub(super) fn organization(
    pages: &Pages<'_>,
    i: usize,
    permalink: &str,
    ctx: &mut Context,
    sink: &dyn Sink,
    out: &mut Outcome,
) -> Template {
    let d = &pages.site.directory;
    let o = &d.organizations[i];
    let now = d.now();
    let upcoming: Vec<usize> = o
        .activities
        .iter()
        .copied()
        .filter(|&a| d.activities[a].upcoming(now))
        .collect();
    let t = &d.types[o.org_type];
    let view = OrganizationView {
        id: &o.record.id,
        name: &o.name,
        url: &o.record.url,
        org_type: TypeRef {
            name: &t.name,
            full_name: &t.full_name,
            url: &t.record.url,
            hotline: t.hotline.as_ref(),
        },
        region: RegionRef {
            name: &d.regions[o.region].name,
            url: &d.regions[o.region].record.url,
            path_names: d.region_names(o.region),
        },
        parent: o.parent.map(|p| OrgSummary::of(d, p)),
        children: OrgSummary::all(d, &o.children),
        address: o.address.as_deref(),
        phones: o
            .phones
            .iter()
            .map(|p| Phone {
                number: p,
                tel: tel(p),
            })
            .collect(),
        email: o.email.as_deref(),
        website: o.website.as_deref(),
        wechat: o.wechat.as_deref(),
        hours: o.hours.iter().map(|h| h.to_zh()).collect(),
        hours_note: o.hours_note.as_deref(),
        directions: o.directions.as_deref(),
        serves: &o.serves,
        channels: &o.channels,
        verified: o.verified.map(DateView::of),
        content: record_body(pages, &o.record, out),
        services: ServiceSummary::all(d, &o.services),
        activities: ActivitySummary::all(d, &upcoming),
        qr: format!("{}qr.svg", o.record.url),
        calendar: (!o.activities.is_empty()).then(|| format!("{}calendar.ics", o.record.url)),
        funds: super::funds::FundsYearLink::of_org(d, i),
    };
    ctx.insert("organization", &view);
    ctx.insert("breadcrumbs", &record_crumbs(pages, &o.record));
    let ld = jsonld::directory::organization(d, &pages.site.urls, i);
    ctx.insert("jsonld", &jsonld::to_script(&ld));
    write_file(
        &format!("{}qr.svg", o.record.path),
        qr_svg(permalink).as_bytes(),
        sink,
        out,
    );
    if !o.activities.is_empty() {
        let ics = ics::calendar(
            &o.name,
            d,
            &o.activities,
            &pages.site.urls,
            pages.site.config.host(),
        );
        write_file(
            &format!("{}calendar.ics", o.record.path),
            ics.as_bytes(),
            sink,
            out,
        );
    }
    ("directory/organization.html", Some(o.record.section))
}

/// Service `i`: its provider, who it is for, how to reach it, the
/// articles it carries out.
pub(super) fn service(
    pages: &Pages<'_>,
    i: usize,
    ctx: &mut Context,
    out: &mut Outcome,
) -> Template {
    let d = &pages.site.directory;
    let s = &d.services[i];
    let p = &d.organizations[s.provider];
    let t = &d.types[p.org_type];
    let view = ServiceView {
        id: &s.record.id,
        title: &s.title,
        url: &s.record.url,
        provider: OrgSummary::of(d, s.provider),
        hotline: t.hotline.as_ref(),
        audiences: s
            .audiences
            .iter()
            .map(|a| TermLink::of(&d.audiences, a))
            .collect(),
        needs: s.needs.iter().map(|n| TermLink::of(&d.needs, n)).collect(),
        eligibility: s.eligibility.as_deref(),
        documents: &s.documents,
        steps: &s.steps,
        channels: s
            .channels
            .iter()
            .map(|c| ChannelView {
                mode: c.mode,
                mode_zh: c.mode.zh(),
                detail: &c.detail,
                url: c.url.as_deref(),
            })
            .collect(),
        cost: s.cost.as_deref(),
        time_limit: s.time_limit.as_deref(),
        implements: s
            .implements
            .iter()
            .map(|a| {
                let policy = &pages.site.content.pages[a.policy];
                ImplementsView {
                    eid: &a.eid,
                    label: &a.label,
                    heading: a.heading.as_deref(),
                    url: format!("{}{}/", policy.url, a.eid),
                    policy: &policy.title,
                    policy_url: &policy.url,
                }
            })
            .collect(),
        content: record_body(pages, &s.record, out),
    };
    ctx.insert("service", &view);
    ctx.insert("breadcrumbs", &record_crumbs(pages, &s.record));
    let ld = jsonld::directory::service(d, &pages.site.urls, i);
    ctx.insert("jsonld", &jsonld::to_script(&ld));
    ("directory/service.html", Some(s.record.section))
}

/// Activity `i`: its summary with the organizers in full, where and when,
/// and its month in the calendar.
pub(super) fn activity(
    pages: &Pages<'_>,
    i: usize,
    ctx: &mut Context,
    out: &mut Outcome,
) -> Template {
    let d = &pages.site.directory;
    let a = &d.activities[i];
    let view = ActivityView {
        summary: ActivitySummary::with(d, i, |o| OrgSummary::of(d, o)),
        end: iso(a, a.end),
        region_url: &d.regions[a.region].record.url,
        audiences: &a.audiences,
        signup: a.signup.as_deref(),
        capacity: a.capacity,
        content: record_body(pages, &a.record, out),
        month_url: dir_url(
            pages,
            &format!("calendar/{:04}-{:02}/", a.start.year(), a.start.month()),
        ),
    };
    ctx.insert("activity", &view);
    ctx.insert("breadcrumbs", &record_crumbs(pages, &a.record));
    let ld = jsonld::directory::activity(d, &pages.site.urls, i);
    ctx.insert("jsonld", &jsonld::to_script(&ld));
    ("directory/activity.html", Some(a.record.section))
}
