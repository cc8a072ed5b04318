//! The directory's browse pages: 找组织 in steps (a need, then where you
//! live, then who helps), a page per need and per audience, the activity
//! calendar and its months, and the open-data page.

use std::collections::HashSet;

use tera::Context;

use crate::model::directory::Level;
use crate::model::directory::pages::DirPage;
use crate::model::links::Urls;
use crate::render::pages::Pages;
use crate::render::views::Crumb;

use super::views::{
    ActivitySummary, CalendarView, DataCounts, FindAnswer, FindNeed, FindNeedLink, FindView,
    HotlineView, MonthLink, NameUrl, OrgSummary, RegionTree, ServiceSummary, TermSummary, TermView,
};
use super::{Template, crumb, dir_url, home_crumb};
use crate::render::formats::{month_zh, tel};

/// 找组织 at its step: the needs (`FindStart`), the regions for a need
/// (`FindNeed`), or who helps with a need in a region (`FindAnswer`).
pub(super) fn find(pages: &Pages<'_>, page: DirPage, ctx: &mut Context) -> Template {
    let d = &pages.site.directory;
    let find_url = dir_url(pages, "find/");
    let need_url = |n: usize| dir_url(pages, &format!("find/{}/", d.needs[n].name));
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
    let mut crumbs = vec![home_crumb(pages)];
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
            .map(|r| region_tree(pages, n, r))
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
        answer: need.zip(region).map(|(n, r)| answer(pages, n, r)),
    };
    ctx.insert("find", &view);
    ctx.insert("breadcrumbs", &crumbs);
    ("directory/find.html", None)
}

/// Region `r` and the regions below it down to the townships, each with
/// the number of services for need `n` that reach it.
fn region_tree<'a>(pages: &Pages<'a>, n: usize, r: usize) -> RegionTree<'a> {
    let d = &pages.site.directory;
    let g = &d.regions[r];
    RegionTree {
        name: &g.name,
        url: dir_url(pages, &DirPage::FindAnswer(n, r).path(d)),
        count: d.services_for(n, r).len(),
        children: g
            .children
            .iter()
            .filter(|&&c| d.regions[c].level <= Level::Township)
            .map(|&c| region_tree(pages, n, c))
            .collect(),
    }
}

/// The services for need `n` that reach region `r`, nearest first, their
/// organizations and their types' national hotlines.
fn answer<'a>(pages: &Pages<'a>, n: usize, r: usize) -> FindAnswer<'a> {
    let d = &pages.site.directory;
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
pub(super) fn term(pages: &Pages<'_>, page: DirPage, ctx: &mut Context) -> Template {
    let d = &pages.site.directory;
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
        find_url: (kind == "need").then(|| dir_url(pages, &format!("find/{}/", t.name))),
        others: terms.iter().map(TermSummary::of).collect(),
    };
    ctx.insert("term", &view);
    let crumbs: Vec<Crumb> = vec![home_crumb(pages), crumb("找组织", &dir_url(pages, "find/"))];
    ctx.insert("breadcrumbs", &crumbs);
    ("directory/term.html", None)
}

/// The calendar (the next 50 activities) or one month of it.
pub(super) fn calendar(pages: &Pages<'_>, page: DirPage, ctx: &mut Context) -> Template {
    let d = &pages.site.directory;
    let now = d.now();
    let months = d
        .months
        .iter()
        .map(|(m, list)| MonthLink {
            month: m,
            zh: month_zh(m),
            url: dir_url(pages, &format!("calendar/{m}/")),
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
        ics: dir_url(pages, "calendar.ics"),
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
    let mut crumbs = vec![home_crumb(pages)];
    if month.is_some() {
        crumbs.push(crumb("活动日历", &dir_url(pages, "calendar/")));
    }
    ctx.insert("breadcrumbs", &crumbs);
    ("directory/calendar.html", None)
}

/// The open-data page: the files and how many records they hold.
pub(super) fn data(pages: &Pages<'_>, ctx: &mut Context) -> Template {
    let d = &pages.site.directory;
    ctx.insert("files", &described(&pages.site.urls));
    let counts = DataCounts {
        organizations: d.organizations.len(),
        services: d.services.len(),
        activities: d.activities.len(),
    };
    ctx.insert("counts", &counts);
    ctx.insert("breadcrumbs", &vec![home_crumb(pages)]);
    ("directory/data.html", None)
}

/// One open-data file, for the open-data page.
#[derive(Debug, serde::Serialize)]
pub struct Described {
    pub path: String,
    pub url: String,
    pub format: &'static str,
    pub description: &'static str,
}

/// The open-data files with what each holds, in the order the page lists them.
pub fn described(urls: &Urls) -> Vec<Described> {
    [
        ("data/organizations.json", "JSON", "全部组织：编号、名称、类型、所在区域、上级组织、地址、电话、邮箱、网站、微信公众号、办公时间（结构化）、服务对象、网上渠道、核实日期、页面地址。"),
        ("data/organizations.csv", "CSV", "同上，每个组织一行；多个值用“;”分隔。"),
        ("data/services.json", "JSON", "全部服务事项：编号、名称、提供组织、服务对象、需求类别、申请条件、所需材料、办理流程、办理渠道、收费、办理时限、落实的政策条款。"),
        ("data/services.csv", "CSV", "同上，每个服务事项一行。"),
        ("data/activities.json", "JSON", "全部活动：编号、名称、主办组织、开始和结束时间（北京时间，ISO 8601）、地点、区域、对象、报名方式、名额、状态。"),
        ("data/activities.csv", "CSV", "同上，每个活动一行。"),
        ("data/funds.json", "JSON", "资金公开：各组织每年筹集（按来源）、管理（期初和期末余额）、使用（按用途）的资金和第三方监督评价，每行一条；金额以元为单位，写作两位小数的文本（如 \"1234567.50\"）。"),
        ("data/funds.csv", "CSV", "同上，每行一条。"),
        ("data/hsds/organizations.json", "HSDS 3.0 JSON", "按 Open Referral 人类服务数据规范（HSDS）3.0 导出的组织列表，每个组织含其地点、地址、电话和办公时间；可用规范的 organization 架构校验。"),
        ("data/hsds/services.json", "HSDS 3.0 JSON", "按 HSDS 3.0 导出的服务列表，含提供组织、电话、所需材料和对象；可用规范的 service 架构校验。"),
        ("calendar.ics", "iCalendar", "全部活动的日历订阅（RFC 5545），可导入手机日历；每个组织页面另有该组织的日历。"),
    ]
    .into_iter()
    .map(|(path, format, description)| Described {
        path: path.to_string(),
        url: urls.url(path),
        format,
        description,
    })
    .collect()
}
