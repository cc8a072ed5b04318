//! The directory's browse pages: 找组织 in steps (a need, then where you
//! live, then who helps), a page per need and per audience, the activity
//! calendar and its months, and the open-data page.

use std::collections::HashSet;

use tera::Context;

use crate::Site;
use crate::directory::{Level, export};
use crate::render::views::Crumb;

use super::text::{month_zh, tel};
use super::views::{
    ActivitySummary, CalendarView, DataCounts, FindAnswer, FindNeed, FindNeedLink, FindView,
    HotlineView, MonthLink, NameUrl, OrgSummary, RegionTree, ServiceSummary, TermSummary, TermView,
};
use super::{DirPage, Template, crumb, dir_url, home_crumb};

/// 找组织 at its step: the needs (`FindStart`), the regions for a need
/// (`FindNeed`), or who helps with a need in a region (`FindAnswer`).
pub(super) fn find(site: &Site, page: DirPage, ctx: &mut Context) -> Template {
    let d = &site.directory;
    let find_url = dir_url(site, "find/");
    let need_url = |n: usize| dir_url(site, &format!("find/{}/", d.needs[n].name));
    let needs = d
        .needs
        .iter()
        .enumerate()
        .map(|(n, t)| FindNeedLink {
            name: &t.name,
            url: need_url(n),
            services: t.services.len(),
        })
        .collect();
    let mut crumbs = vec![home_crumb(site)];
    let (step, need, region) = match page {
        DirPage::FindStart => (1, None, None),
        DirPage::FindNeed(n) => (2, Some(n), None),
        DirPage::FindAnswer(n, r) => (3, Some(n), Some(r)),
        _ => unreachable!("find pages only"),
    };
    if step > 1 {
        crumbs.push(crumb("找组织", &find_url));
    }
    if let (Some(n), Some(_)) = (need, region) {
        crumbs.push(crumb(&d.needs[n].name, &need_url(n)));
    }
    // Step 2: regions as a tree (市 › 区县 › 乡镇街道).
    // Only step 2 shows the tree (building it for every answer page made
    // the 找组织 pages quadratic in the number of regions).
    let regions = need.filter(|_| step == 2).map(|n| {
        (0..d.regions.len())
            .filter(|&r| d.regions[r].parent.is_none())
            .map(|r| region_tree(site, n, r))
            .collect()
    });
    let view = FindView {
        step,
        url: find_url,
        needs,
        need: need.map(|n| FindNeed {
            name: &d.needs[n].name,
            url: need_url(n),
            browse_url: &d.needs[n].url,
        }),
        regions,
        answer: need.zip(region).map(|(n, r)| answer(site, n, r)),
    };
    ctx.insert("find", &view);
    ctx.insert("breadcrumbs", &crumbs);
    ("directory/find.html", None)
}

/// Region `r` and the regions below it down to the townships, each with
/// the number of services for need `n` that reach it.
fn region_tree(site: &Site, n: usize, r: usize) -> RegionTree<'_> {
    let d = &site.directory;
    let g = &d.regions[r];
    RegionTree {
        name: &g.name,
        url: dir_url(site, &DirPage::FindAnswer(n, r).path(d)),
        count: d.services_for(n, r).len(),
        children: g
            .children
            .iter()
            .filter(|&&c| d.regions[c].level <= Level::Township)
            .map(|&c| region_tree(site, n, c))
            .collect(),
    }
}

/// The services for need `n` that reach region `r`, nearest first, their
/// organizations and their types' national hotlines.
fn answer(site: &Site, n: usize, r: usize) -> FindAnswer<'_> {
    let d = &site.directory;
    let services = d.services_for(n, r);
    let mut hotlines: Vec<HotlineView<'_>> = vec![];
    for &s in &services {
        let t = &d.types[d.organizations[d.services[s].provider].org_type];
        if let Some(h) = &t.hotline {
            let v = HotlineView {
                number: &h.number,
                name: &h.name,
                org_type: &t.name,
                tel: tel(&h.number),
            };
            if !hotlines.contains(&v) {
                hotlines.push(v);
            }
        }
    }
    let mut orgs: Vec<usize> = services.iter().map(|&s| d.services[s].provider).collect();
    let mut seen = HashSet::new();
    orgs.retain(|o| seen.insert(*o));
    FindAnswer {
        region: &d.regions[r].name,
        region_url: &d.regions[r].record.url,
        path_names: d.region_names(r),
        services: ServiceSummary::all(d, &services),
        organizations: OrgSummary::all(d, &orgs),
        hotlines,
    }
}

/// A need's or an audience's page: its services and organizations, and
/// the other terms of its kind.
pub(super) fn term(site: &Site, page: DirPage, ctx: &mut Context) -> Template {
    let d = &site.directory;
    let (kind, kind_zh, terms, n) = match page {
        DirPage::Need(n) => ("need", "按需求", &d.needs, n),
        DirPage::Audience(n) => ("audience", "按人群", &d.audiences, n),
        _ => unreachable!("term pages only"),
    };
    let t = &terms[n];
    let view = TermView {
        kind,
        kind_zh,
        name: &t.name,
        services: ServiceSummary::all(d, &t.services),
        organizations: OrgSummary::all(d, &t.organizations),
        find_url: (kind == "need").then(|| dir_url(site, &format!("find/{}/", t.name))),
        others: terms.iter().map(TermSummary::of).collect(),
    };
    ctx.insert("term", &view);
    let crumbs: Vec<Crumb> = vec![home_crumb(site), crumb("找组织", &dir_url(site, "find/"))];
    ctx.insert("breadcrumbs", &crumbs);
    ("directory/term.html", None)
}

/// The calendar (the next 50 activities) or one month of it.
pub(super) fn calendar(site: &Site, page: DirPage, ctx: &mut Context) -> Template {
    let d = &site.directory;
    let now = d.now();
    let months = d
        .months
        .iter()
        .map(|(m, list)| MonthLink {
            month: m,
            zh: month_zh(m),
            url: dir_url(site, &format!("calendar/{m}/")),
            count: list.len(),
        })
        .collect();
    let month = match page {
        DirPage::Month(m) => Some(m),
        _ => None,
    };
    let (title, activities) = match month {
        Some(m) => (
            format!("{}活动", month_zh(&d.months[m].0)),
            ActivitySummary::all(d, &d.months[m].1),
        ),
        None => (
            "活动日历".to_string(),
            d.months
                .iter()
                .flat_map(|(_, l)| l.iter().copied())
                .filter(|&a| d.activities[a].upcoming(now))
                .take(50)
                .map(|a| ActivitySummary::of(d, a))
                .collect(),
        ),
    };
    let view = CalendarView {
        title,
        is_month: month.is_some(),
        months,
        current: month.map(|m| d.months[m].0.as_str()),
        activities,
        ics: dir_url(site, "calendar.ics"),
        regions: d
            .regions
            .iter()
            .filter(|r| r.level <= Level::County)
            .map(|r| NameUrl {
                name: &r.name,
                url: &r.record.url,
            })
            .collect(),
    };
    ctx.insert("calendar", &view);
    let mut crumbs = vec![home_crumb(site)];
    if month.is_some() {
        crumbs.push(crumb("活动日历", &dir_url(site, "calendar/")));
    }
    ctx.insert("breadcrumbs", &crumbs);
    ("directory/calendar.html", None)
}

/// The open-data page: the files and how many records they hold.
pub(super) fn data(site: &Site, ctx: &mut Context) -> Template {
    let d = &site.directory;
    ctx.insert("files", &export::described(&site.urls));
    let counts = DataCounts {
        organizations: d.organizations.len(),
        services: d.services.len(),
        activities: d.activities.len(),
    };
    ctx.insert("counts", &counts);
    ctx.insert("breadcrumbs", &vec![home_crumb(site)]);
    ("directory/data.html", None)
}
