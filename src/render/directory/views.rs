//! What the directory templates see: typed, serialisable views of records
//! and browse pages. They borrow names, lists and links from the
//! [`Directory`] instead of copying them; only text made for the page
//! (rendered bodies, formatted dates, URLs) is owned. The field names are
//! the templates' contract (see the README).

use serde::Serialize;

use crate::directory::{ActivityStatus, Channel, Directory, Hotline, Level, Mode, Term};
use crate::render::views::DateView;

use super::text::{iso, status_zh, when_zh};

/// An organization in a list (`org-list.html`).
#[derive(Debug, Serialize)]
pub struct OrgSummary<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: &'a str,
    #[serde(rename = "type")]
    pub org_type: &'a str,
    pub region: &'a str,
    pub address: Option<&'a str>,
    pub phones: &'a [String],
}

impl<'a> OrgSummary<'a> {
    pub fn of(d: &'a Directory, i: usize) -> OrgSummary<'a> {
        let o = &d.organizations[i];
        OrgSummary {
            id: &o.record.id,
            name: &o.name,
            url: &o.record.url,
            org_type: &d.types[o.org_type].name,
            region: &d.regions[o.region].name,
            address: o.address.as_deref(),
            phones: &o.phones,
        }
    }

    /// The summaries of `list`, in its order.
    pub fn all(d: &'a Directory, list: &[usize]) -> Vec<OrgSummary<'a>> {
        list.iter().map(|&o| OrgSummary::of(d, o)).collect()
    }
}

/// A service in a list (`service-list.html`).
#[derive(Debug, Serialize)]
pub struct ServiceSummary<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub provider: &'a str,
    pub provider_url: &'a str,
    pub region: &'a str,
    pub needs: &'a [String],
    pub audiences: &'a [String],
    pub cost: Option<&'a str>,
}

impl<'a> ServiceSummary<'a> {
    pub fn of(d: &'a Directory, i: usize) -> ServiceSummary<'a> {
        let s = &d.services[i];
        let p = &d.organizations[s.provider];
        ServiceSummary {
            id: &s.record.id,
            title: &s.title,
            url: &s.record.url,
            provider: &p.name,
            provider_url: &p.record.url,
            region: &d.regions[p.region].name,
            needs: &s.needs,
            audiences: &s.audiences,
            cost: s.cost.as_deref(),
        }
    }

    /// The summaries of `list`, in its order.
    pub fn all(d: &'a Directory, list: &[usize]) -> Vec<ServiceSummary<'a>> {
        list.iter().map(|&s| ServiceSummary::of(d, s)).collect()
    }
}

/// An activity in a list (`activity-list.html`), with its organizers'
/// names; the activity's own page has the organizers as summaries.
#[derive(Debug, Serialize)]
pub struct ActivitySummary<'a, O = &'a str> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub when: String,
    pub start: String,
    pub place: &'a str,
    pub region: &'a str,
    pub status: ActivityStatus,
    pub status_zh: Option<&'static str>,
    pub upcoming: bool,
    pub organizers: Vec<O>,
}

impl<'a, O> ActivitySummary<'a, O> {
    /// Activity `i`, with each organizer seen through `organizer`.
    pub fn with(
        d: &'a Directory,
        i: usize,
        organizer: impl Fn(usize) -> O,
    ) -> ActivitySummary<'a, O> {
        let a = &d.activities[i];
        ActivitySummary {
            id: &a.record.id,
            title: &a.title,
            url: &a.record.url,
            when: when_zh(a),
            start: iso(a, a.start),
            place: &a.place,
            region: &d.regions[a.region].name,
            status: a.status,
            status_zh: status_zh(a.status),
            upcoming: a.upcoming(d.now()),
            organizers: a.organizers.iter().map(|&o| organizer(o)).collect(),
        }
    }
}

impl<'a> ActivitySummary<'a> {
    pub fn of(d: &'a Directory, i: usize) -> ActivitySummary<'a> {
        ActivitySummary::with(d, i, |o| d.organizations[o].name.as_str())
    }

    /// The summaries of `list`, in its order.
    pub fn all(d: &'a Directory, list: &[usize]) -> Vec<ActivitySummary<'a>> {
        list.iter().map(|&a| ActivitySummary::of(d, a)).collect()
    }
}

/// A need or an audience among the others.
#[derive(Debug, Serialize)]
pub struct TermSummary<'a> {
    pub name: &'a str,
    pub url: &'a str,
    pub services: usize,
    pub organizations: usize,
}

impl<'a> TermSummary<'a> {
    pub fn of(t: &'a Term) -> TermSummary<'a> {
        TermSummary {
            name: &t.name,
            url: &t.url,
            services: t.services.len(),
            organizations: t.organizations.len(),
        }
    }
}

/// A need or an audience named by a record, linked when it has a page.
#[derive(Debug, Serialize)]
pub struct TermLink<'a> {
    pub name: &'a str,
    pub url: Option<&'a str>,
}

impl<'a> TermLink<'a> {
    pub fn of(terms: &'a [Term], name: &'a str) -> TermLink<'a> {
        let url = terms
            .iter()
            .find(|t| t.name == name)
            .map(|t| t.url.as_str());
        TermLink { name, url }
    }
}

/// A name and a link.
#[derive(Debug, Serialize)]
pub struct NameUrl<'a> {
    pub name: &'a str,
    pub url: &'a str,
}

/// A phone number and its `tel:` link.
#[derive(Debug, Serialize)]
pub struct Phone<'a> {
    pub number: &'a str,
    pub tel: String,
}

// ---- Records ----

/// A region's page.
#[derive(Debug, Serialize)]
pub struct RegionView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub level: Level,
    pub level_zh: &'static str,
    pub code: Option<&'a str>,
    pub url: &'a str,
    pub content: String,
    pub path_names: Vec<String>,
    pub children: Vec<RegionChild<'a>>,
    pub organizations_by_type: Vec<TypeGroup<'a>>,
    pub activities: Vec<ActivitySummary<'a>>,
}

/// A region below the region of the page.
#[derive(Debug, Serialize)]
pub struct RegionChild<'a> {
    pub name: &'a str,
    pub url: &'a str,
    pub organizations: usize,
    pub level_zh: &'static str,
}

/// A region's organizations of one type.
#[derive(Debug, Serialize)]
pub struct TypeGroup<'a> {
    #[serde(rename = "type")]
    pub org_type: &'a str,
    pub url: &'a str,
    pub organizations: Vec<OrgSummary<'a>>,
}

/// An organization type's page.
#[derive(Debug, Serialize)]
pub struct OrgTypeView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub full_name: &'a str,
    pub aliases: &'a [String],
    pub hotline: Option<&'a Hotline>,
    pub content: String,
    pub count: usize,
    pub groups: Vec<RegionGroup<'a>>,
}

/// An organization type's organizations in one region (and below it).
#[derive(Debug, Serialize)]
pub struct RegionGroup<'a> {
    pub region: &'a str,
    pub url: &'a str,
    pub organizations: Vec<OrgSummary<'a>>,
}

/// An organization's page.
#[derive(Debug, Serialize)]
pub struct OrganizationView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: &'a str,
    #[serde(rename = "type")]
    pub org_type: TypeRef<'a>,
    pub region: RegionRef<'a>,
    pub parent: Option<OrgSummary<'a>>,
    pub children: Vec<OrgSummary<'a>>,
    pub address: Option<&'a str>,
    pub phones: Vec<Phone<'a>>,
    pub email: Option<&'a str>,
    pub website: Option<&'a str>,
    pub wechat: Option<&'a str>,
    pub hours: Vec<String>,
    pub hours_note: Option<&'a str>,
    pub directions: Option<&'a str>,
    pub serves: &'a [String],
    pub channels: &'a [Channel],
    pub verified: Option<DateView>,
    pub content: String,
    pub services: Vec<ServiceSummary<'a>>,
    pub activities: Vec<ActivitySummary<'a>>,
    pub qr: String,
    pub calendar: Option<String>,
}

/// An organization's type, as its page shows it.
#[derive(Debug, Serialize)]
pub struct TypeRef<'a> {
    pub name: &'a str,
    pub full_name: &'a str,
    pub url: &'a str,
    pub hotline: Option<&'a Hotline>,
}

/// An organization's region, as its page shows it.
#[derive(Debug, Serialize)]
pub struct RegionRef<'a> {
    pub name: &'a str,
    pub url: &'a str,
    pub path_names: Vec<String>,
}

/// A service's page.
#[derive(Debug, Serialize)]
pub struct ServiceView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub provider: OrgSummary<'a>,
    pub hotline: Option<&'a Hotline>,
    pub audiences: Vec<TermLink<'a>>,
    pub needs: Vec<TermLink<'a>>,
    pub eligibility: Option<&'a str>,
    pub documents: &'a [String],
    pub steps: &'a [String],
    pub channels: Vec<ChannelView<'a>>,
    pub cost: Option<&'a str>,
    pub time_limit: Option<&'a str>,
    pub implements: Vec<ImplementsView<'a>>,
    pub content: String,
}

/// How a service is reached.
#[derive(Debug, Serialize)]
pub struct ChannelView<'a> {
    pub mode: Mode,
    pub mode_zh: &'static str,
    pub detail: &'a str,
    pub url: Option<&'a str>,
}

/// An article a service carries out, linked.
#[derive(Debug, Serialize)]
pub struct ImplementsView<'a> {
    pub eid: &'a str,
    pub label: &'a str,
    pub heading: Option<&'a str>,
    pub url: String,
    pub policy: &'a str,
    pub policy_url: &'a str,
}

/// An activity's page: its summary with the organizers in full, and more.
#[derive(Debug, Serialize)]
pub struct ActivityView<'a> {
    #[serde(flatten)]
    pub summary: ActivitySummary<'a, OrgSummary<'a>>,
    pub end: String,
    pub region_url: &'a str,
    pub audiences: &'a [String],
    pub signup: Option<&'a str>,
    pub capacity: Option<u32>,
    pub content: String,
    pub month_url: String,
}

// ---- Browse pages ----

/// 找组织, at any of its steps.
#[derive(Debug, Serialize)]
pub struct FindView<'a> {
    pub step: u32,
    pub url: String,
    pub needs: Vec<FindNeedLink<'a>>,
    pub need: Option<FindNeed<'a>>,
    pub regions: Option<Vec<RegionTree<'a>>>,
    pub answer: Option<FindAnswer<'a>>,
}

/// A need to choose at step 1.
#[derive(Debug, Serialize)]
pub struct FindNeedLink<'a> {
    pub name: &'a str,
    pub url: String,
    pub services: usize,
}

/// The need chosen.
#[derive(Debug, Serialize)]
pub struct FindNeed<'a> {
    pub name: &'a str,
    pub url: String,
    pub browse_url: &'a str,
}

/// A region to choose at step 2, with its regions below.
#[derive(Debug, Serialize)]
pub struct RegionTree<'a> {
    pub name: &'a str,
    pub url: String,
    pub count: usize,
    pub children: Vec<RegionTree<'a>>,
}

/// Who helps with a need in a region.
#[derive(Debug, Serialize)]
pub struct FindAnswer<'a> {
    pub region: &'a str,
    pub region_url: &'a str,
    pub path_names: Vec<String>,
    pub services: Vec<ServiceSummary<'a>>,
    pub organizations: Vec<OrgSummary<'a>>,
    pub hotlines: Vec<HotlineView<'a>>,
}

/// A national hotline of an organization type.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct HotlineView<'a> {
    pub number: &'a str,
    pub name: &'a str,
    #[serde(rename = "type")]
    pub org_type: &'a str,
    pub tel: String,
}

/// A need's or an audience's page.
#[derive(Debug, Serialize)]
pub struct TermView<'a> {
    pub kind: &'static str,
    pub kind_zh: &'static str,
    pub name: &'a str,
    pub services: Vec<ServiceSummary<'a>>,
    pub organizations: Vec<OrgSummary<'a>>,
    pub find_url: Option<String>,
    pub others: Vec<TermSummary<'a>>,
}

/// The calendar, or one month of it.
#[derive(Debug, Serialize)]
pub struct CalendarView<'a> {
    pub title: String,
    pub is_month: bool,
    pub months: Vec<MonthLink<'a>>,
    pub current: Option<&'a str>,
    pub activities: Vec<ActivitySummary<'a>>,
    pub ics: String,
    pub regions: Vec<NameUrl<'a>>,
}

/// A month with activities.
#[derive(Debug, Serialize)]
pub struct MonthLink<'a> {
    pub month: &'a str,
    pub zh: String,
    pub url: String,
    pub count: usize,
}

/// The open-data page's figures.
#[derive(Debug, Serialize)]
pub struct DataCounts {
    pub organizations: usize,
    pub services: usize,
    pub activities: usize,
}
