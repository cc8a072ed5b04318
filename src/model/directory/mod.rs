//! The directory: regions, organization types, organizations, services,
//! activities and brands (honours), read from the records sections of `content/` (markdown
//! records and CSV/YAML tables alike), checked, and linked to each other and
//! to the articles of the measures they implement. What `render` and the
//! exports read. The format is documented in `docs/directory.md`.

pub mod brands;
pub mod funds;
pub mod hours;
pub mod pages;
pub mod source;

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::DateTime;

use serde::Serialize;

use crate::base::diagnostics::Diagnostic;
use crate::model::content::RecordKind;
pub use brands::{Brand, BrandKind, BrandLevel, Brands, Holder};
pub use hours::OpeningHours;
pub use source::{CellPlace, CsvColumns, Field, Markdown, SheetPlaces, Source};

/// What every record has: its id, its page, where it was written.
#[derive(Debug, Clone)]
pub struct Record {
    pub id: String,
    /// URL path below the base URL (`organizations/zhuji-fulian/`).
    pub path: String,
    pub url: String,
    pub section: usize,
    /// The file it was written in (kept for messages about it).
    pub source: Arc<Source>,
    /// Where the record starts in that file.
    pub offset: usize,
    /// The markdown description.
    pub body: Option<Markdown>,
}

impl Record {
    pub fn file(&self) -> &std::path::Path {
        &self.source.file
    }

    /// The 1-based line the record starts on.
    pub fn line(&self) -> usize {
        self.source.line_of(self.offset)
    }

    pub fn diagnostic(&self, message: impl Into<String>) -> Diagnostic {
        self.source.diagnostic(self.offset, 1, message)
    }
}

/// 市 → 区县 → 乡镇街道 → 村社区.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    City,
    County,
    Township,
    Village,
}

impl Level {
    pub fn zh(self) -> &'static str {
        match self {
            Level::City => "市",
            Level::County => "区县",
            Level::Township => "乡镇街道",
            Level::Village => "村社区",
        }
    }

    pub fn parse(text: &str) -> Option<Level> {
        Some(match text {
            "市" | "city" => Level::City,
            "区县" | "区/县(市)" | "县" | "区" | "county" => Level::County,
            "乡镇街道" | "乡镇" | "街道" | "township" => Level::Township,
            "村社区" | "村" | "社区" | "village" => Level::Village,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Region {
    pub record: Record,
    pub name: String,
    pub level: Level,
    pub parent: Option<usize>,
    pub code: Option<String>,
    pub children: Vec<usize>,
    pub organizations: Vec<usize>,
    pub activities: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Hotline {
    pub number: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct OrgType {
    pub record: Record,
    pub name: String,
    pub full_name: String,
    pub aliases: Vec<String>,
    pub hotline: Option<Hotline>,
    pub organizations: Vec<usize>,
}

/// An online channel: a name, and a link when it has one.
#[derive(Debug, Clone, Serialize)]
pub struct Channel {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Organization {
    pub record: Record,
    pub name: String,
    pub org_type: usize,
    pub region: usize,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub address: Option<String>,
    pub phones: Vec<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub wechat: Option<String>,
    pub hours: Vec<OpeningHours>,
    pub hours_note: Option<String>,
    pub directions: Option<String>,
    pub serves: Vec<String>,
    pub channels: Vec<Channel>,
    pub verified: Option<jiff::civil::Date>,
    pub services: Vec<usize>,
    pub activities: Vec<usize>,
}

/// How a service is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    InPerson,
    Phone,
    Online,
}

impl Mode {
    pub fn zh(self) -> &'static str {
        match self {
            Mode::InPerson => "线下",
            Mode::Phone => "电话",
            Mode::Online => "网上",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ServiceChannel {
    pub mode: Mode,
    pub detail: String,
    /// The link for an online channel that gives one, or `tel:` for a phone.
    pub url: Option<String>,
}

/// An article a service carries out.
#[derive(Debug, Clone)]
pub struct Implementation {
    /// The policy page.
    pub policy: usize,
    pub eid: String,
    /// `第十五条`
    pub label: String,
    pub heading: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Service {
    pub record: Record,
    pub title: String,
    pub provider: usize,
    pub audiences: Vec<String>,
    pub needs: Vec<String>,
    pub eligibility: Option<String>,
    pub documents: Vec<String>,
    pub steps: Vec<String>,
    pub channels: Vec<ServiceChannel>,
    pub cost: Option<String>,
    pub time_limit: Option<String>,
    pub implements: Vec<Implementation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityStatus {
    Scheduled,
    Cancelled,
    Full,
}

#[derive(Debug, Clone)]
pub struct Activity {
    pub record: Record,
    pub title: String,
    pub organizers: Vec<usize>,
    /// Local time in Asia/Shanghai (UTC+8, no daylight saving).
    pub start: DateTime,
    /// For a whole-day activity, the start of its last day.
    pub end: DateTime,
    pub all_day: bool,
    pub place: String,
    pub region: usize,
    pub audiences: Vec<String>,
    pub signup: Option<String>,
    pub capacity: Option<u32>,
    pub status: ActivityStatus,
}

impl Activity {
    /// Whether it has not ended at `now`.
    pub fn upcoming(&self, now: DateTime) -> bool {
        let end = if self.all_day {
            self.end
                .date()
                .tomorrow()
                .map_or(self.end, |d| d.to_datetime(jiff::civil::Time::midnight()))
        } else {
            self.end
        };
        end > now
    }
}

/// A need or an audience, with what serves it.
#[derive(Debug, Clone)]
pub struct Term {
    pub name: String,
    /// URL path (`needs/法律援助/`).
    pub path: String,
    pub url: String,
    pub services: Vec<usize>,
    pub organizations: Vec<usize>,
}

/// The whole directory, with its relations both ways.
#[derive(Debug, Default)]
pub struct Directory {
    pub regions: Vec<Region>,
    pub types: Vec<OrgType>,
    pub organizations: Vec<Organization>,
    pub services: Vec<Service>,
    pub activities: Vec<Activity>,
    /// Service brands and honours.
    pub brands: Brands,
    pub needs: Vec<Term>,
    pub audiences: Vec<Term>,
    /// Each records section's records, in display order.
    pub sections: BTreeMap<usize, (RecordKind, Vec<usize>)>,
    /// The services that implement each article: (policy page, eid).
    pub implemented_by: BTreeMap<(usize, String), Vec<usize>>,
    /// Months (`2026-12`) with activities, ascending, with their activities.
    pub months: Vec<(String, Vec<usize>)>,
    /// When the site is built (Asia/Shanghai), which decides what is upcoming.
    pub now: Option<DateTime>,
    /// 资金公开: each organization's disclosure per year, by organization
    /// then year.
    pub funds: Vec<funds::Disclosure>,
}

impl Directory {
    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
            && self.types.is_empty()
            && self.organizations.is_empty()
            && self.services.is_empty()
            && self.activities.is_empty()
            && self.brands.list.is_empty()
    }

    /// How many records there are.
    pub fn len(&self) -> usize {
        self.regions.len()
            + self.types.len()
            + self.organizations.len()
            + self.services.len()
            + self.activities.len()
            + self.brands.list.len()
    }

    pub fn now(&self) -> DateTime {
        self.now.unwrap_or_default()
    }

    /// A region and its ancestors, nearest first.
    pub fn region_chain(&self, region: usize) -> Vec<usize> {
        let mut chain = vec![region];
        let mut at = self.regions[region].parent;
        while let Some(r) = at {
            if chain.contains(&r) {
                break;
            }
            chain.push(r);
            at = self.regions[r].parent;
        }
        chain
    }

    /// `浙江省 › 诸暨市 › 枫桥镇` from the top down, as names.
    pub fn region_names(&self, region: usize) -> Vec<String> {
        let mut chain: Vec<String> = self
            .region_chain(region)
            .into_iter()
            .map(|r| self.regions[r].name.clone())
            .collect();
        chain.reverse();
        chain
    }

    /// The services for `need` that reach someone living in `region`:
    /// those whose provider is in the region or above it, nearest first.
    pub fn services_for(&self, need: usize, region: usize) -> Vec<usize> {
        let chain = self.region_chain(region);
        let mut found: Vec<(usize, usize)> = self.needs[need]
            .services
            .iter()
            .filter_map(|&s| {
                let r = self.organizations[self.services[s].provider].region;
                chain.iter().position(|&c| c == r).map(|depth| (depth, s))
            })
            .collect();
        found.sort();
        found.into_iter().map(|(_, s)| s).collect()
    }

    /// Regions offered in the 找组织 step 2 (市, 区县, 乡镇街道): villages
    /// are served by their township's answer.
    pub fn find_regions(&self) -> Vec<usize> {
        (0..self.regions.len())
            .filter(|&r| self.regions[r].level <= Level::Township)
            .collect()
    }
}

/// Is `id` a valid record id?
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
}
