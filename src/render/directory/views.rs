//! What the directory templates see: a typed, serialisable view per page
//! kind. Views borrow names, lists and links from the [`Directory`]
//! instead of copying them; only text made for the page (rendered bodies,
//! formatted dates, URLs) is owned. The field names are the templates'
//! contract (see the README).
//!
//! [`Directory`]: crate::model::directory::Directory

use serde::Serialize;

use crate::model::directory::{Channel, Hotline, Level, Mode};
use crate::render::views::DateView;

pub use super::summaries::{
    ActivitySummary, NameUrl, OrgSummary, Phone, ServiceSummary, TermLink, TermSummary,
};

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
    /// 资金公开: the years disclosed, newest first.
    pub funds: Vec<super::funds::FundsYearLink<'a>>,
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
