//! Open data: the directory as JSON and CSV, and as an Open Referral HSDS
//! 3.0 export.
//!
//! - `data/{organizations,services,activities}.json`: one object per record,
//!   in directory order, with every field of the record; references to other
//!   records are their ids (with names beside them for people reading the
//!   file). The structs below (`OrganizationData` …) are the field list.
//! - `data/*.csv`: the same, one row per record; lists joined with `;`;
//!   cells that a spreadsheet would run as a formula are defused.
//! - `data/hsds/{organizations,services}.json`: arrays of HSDS 3.0
//!   `organization` and `service` objects, valid against the specification's
//!   compiled schemas (`tests/it/open_data.rs` checks them). HSDS ids are UUIDs:
//!   version 5 (name-based) UUIDs in a namespace made from the site's base
//!   URL, so a rebuild gives the same ids, byte for byte.
//!
//! - `data/funds.{json,csv}`: 资金公开, one row per row of the funds
//!   tables, by organization and year (`FundData`).
//!
//! Every file is deterministic: records in directory order, no map
//! iteration reaches the output. Each file is one piece per record in a
//! frame, written whole or spliced by [`files`] (with the site's
//! calendar); this module says what a record's piece holds.

use std::io::Write;

use serde::{Serialize, Serializer};
use uuid::Uuid;

use crate::model::content::Content;
use crate::model::directory::hours::{self, OpeningHours};
use crate::model::directory::{
    self as model, Activity, Directory, Level, Mode, Organization, Service,
};
use crate::model::links::Urls;

mod files;

pub(crate) use files::write_files;
pub use files::{OpenData, Stale};

// ---------------------------------------------------------------------------
// The plain exports: what each record holds, field by field.

/// An organization in `data/organizations.json`. Absent values are `null`,
/// absent lists `[]`, so every object has every key.
#[derive(Debug, Serialize)]
struct OrganizationData<'a> {
    id: &'a str,
    name: &'a str,
    /// The organization's page.
    url: String,
    /// The `org_type` id (`fulian`) and its short and full names.
    type_id: &'a str,
    type_name: &'a str,
    type_full_name: &'a str,
    /// The `region` id, its name, and the names from the top region down
    /// (`["绍兴市", "诸暨市"]`).
    region_id: &'a str,
    region_name: &'a str,
    region_path: Vec<String>,
    parent_id: Option<&'a str>,
    parent_name: Option<&'a str>,
    address: Option<&'a str>,
    phones: &'a [String],
    email: Option<&'a str>,
    website: Option<&'a str>,
    wechat: Option<&'a str>,
    /// One entry per time range: English day names, `HH:MM` local times
    /// (Asia/Shanghai); `closes` may be `24:00`.
    hours: Vec<HoursData<'a>>,
    /// The same as written on the page: `周一至周五 08:30–12:00、14:00–17:30`.
    hours_text: Vec<String>,
    hours_note: Option<&'a str>,
    directions: Option<&'a str>,
    serves: &'a [String],
    channels: &'a [model::Channel],
    /// `YYYY-MM-DD`.
    verified: Option<String>,
    /// The record's description (its markdown body) as plain text.
    description: Option<String>,
}

#[derive(Debug, Serialize)]
struct HoursData<'a> {
    days: Vec<&'static str>,
    opens: &'a str,
    closes: &'a str,
}

/// A service in `data/services.json`.
#[derive(Debug, Serialize)]
struct ServiceData<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
    provider_id: &'a str,
    provider_name: &'a str,
    audiences: &'a [String],
    needs: &'a [String],
    eligibility: Option<&'a str>,
    documents: &'a [String],
    /// In order.
    steps: &'a [String],
    /// `mode` is `in_person`, `phone` or `online`; `url` is the link of an
    /// online channel or `tel:` for a phone.
    channels: &'a [model::ServiceChannel],
    cost: Option<&'a str>,
    time_limit: Option<&'a str>,
    implements: Vec<ImplementsData<'a>>,
    description: Option<String>,
}

/// An article a service carries out.
#[derive(Debug, Serialize)]
struct ImplementsData<'a> {
    /// The policy's page.
    policy: String,
    policy_title: &'a str,
    /// The article's id in the policy (`art_15`).
    eid: &'a str,
    /// `第十五条`
    label: &'a str,
    heading: Option<&'a str>,
    /// The article's page.
    url: String,
}

/// An activity in `data/activities.json`.
#[derive(Debug, Serialize)]
struct ActivityData<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
    /// The main organizer first.
    organizer_ids: Vec<&'a str>,
    organizer_names: Vec<&'a str>,
    /// ISO 8601 with the offset (`2026-12-04T09:00:00+08:00`), or a date
    /// (`2026-12-04`) for a whole-day activity, whose `end` is its last day.
    start: String,
    end: String,
    all_day: bool,
    place: &'a str,
    region_id: &'a str,
    region_name: &'a str,
    region_path: Vec<String>,
    audiences: &'a [String],
    signup: Option<&'a str>,
    capacity: Option<u32>,
    /// `scheduled`, `cancelled` or `full`.
    status: model::ActivityStatus,
    /// Not ended when the site was built.
    upcoming: bool,
    description: Option<String>,
}

/// What the exports read, and the namespace of the HSDS ids.
struct Export<'a> {
    dir: &'a Directory,
    content: &'a Content,
    urls: &'a Urls,
    namespace: Uuid,
}

impl<'a> Export<'a> {
    fn organization(&self, o: &'a Organization) -> OrganizationData<'a> {
        let d = self.dir;
        let t = &d.types[o.org_type];
        let parent = o.parent.map(|p| &d.organizations[p]);
        OrganizationData {
            id: &o.record.id,
            name: &o.name,
            url: self.urls.permalink(&o.record.path),
            type_id: &t.record.id,
            type_name: &t.name,
            type_full_name: &t.full_name,
            region_id: &d.regions[o.region].record.id,
            region_name: &d.regions[o.region].name,
            region_path: d.region_names(o.region),
            parent_id: parent.map(|p| p.record.id.as_str()),
            parent_name: parent.map(|p| p.name.as_str()),
            address: o.address.as_deref(),
            phones: &o.phones,
            email: o.email.as_deref(),
            website: o.website.as_deref(),
            wechat: o.wechat.as_deref(),
            hours: o
                .hours
                .iter()
                .flat_map(|h| {
                    h.times.iter().map(|t| HoursData {
                        days: h.days.iter().map(|&d| hours::DAYS_EN[d as usize]).collect(),
                        opens: &t.opens,
                        closes: &t.closes,
                    })
                })
                .collect(),
            hours_text: o.hours.iter().map(OpeningHours::to_zh).collect(),
            hours_note: o.hours_note.as_deref(),
            directions: o.directions.as_deref(),
            serves: &o.serves,
            channels: &o.channels,
            verified: o.verified.map(|v| v.to_string()),
            description: description(&o.record),
        }
    }

    fn service(&self, s: &'a Service) -> ServiceData<'a> {
        let provider = &self.dir.organizations[s.provider];
        ServiceData {
            id: &s.record.id,
            title: &s.title,
            url: self.urls.permalink(&s.record.path),
            provider_id: &provider.record.id,
            provider_name: &provider.name,
            audiences: &s.audiences,
            needs: &s.needs,
            eligibility: s.eligibility.as_deref(),
            documents: &s.documents,
            steps: &s.steps,
            channels: &s.channels,
            cost: s.cost.as_deref(),
            time_limit: s.time_limit.as_deref(),
            implements: s
                .implements
                .iter()
                .map(|i| {
                    let page = &self.content.pages[i.policy];
                    let policy = self.urls.permalink(&page.path);
                    ImplementsData {
                        url: format!("{policy}{}/", i.eid),
                        policy,
                        policy_title: &page.title,
                        eid: &i.eid,
                        label: &i.label,
                        heading: i.heading.as_deref(),
                    }
                })
                .collect(),
            description: description(&s.record),
        }
    }

    fn activity(&self, a: &'a Activity) -> ActivityData<'a> {
        let d = self.dir;
        let when = |t: jiff::civil::DateTime| {
            if a.all_day {
                t.date().to_string()
            } else {
                format!("{}+08:00", t.strftime("%Y-%m-%dT%H:%M:%S"))
            }
        };
        ActivityData {
            id: &a.record.id,
            title: &a.title,
            url: self.urls.permalink(&a.record.path),
            organizer_ids: a
                .organizers
                .iter()
                .map(|&o| d.organizations[o].record.id.as_str())
                .collect(),
            organizer_names: a
                .organizers
                .iter()
                .map(|&o| d.organizations[o].name.as_str())
                .collect(),
            start: when(a.start),
            end: when(a.end),
            all_day: a.all_day,
            place: &a.place,
            region_id: &d.regions[a.region].record.id,
            region_name: &d.regions[a.region].name,
            region_path: d.region_names(a.region),
            audiences: &a.audiences,
            signup: a.signup.as_deref(),
            capacity: a.capacity,
            status: a.status,
            upcoming: a.upcoming(d.now()),
            description: description(&a.record),
        }
    }
}

/// A record's markdown body as plain text: blocks on their own lines,
/// markup and raw HTML left out.
fn description(record: &model::Record) -> Option<String> {
    let body = record.body.as_ref()?;
    let text = crate::model::text::plain_text(&body.text);
    (!text.is_empty()).then_some(text)
}

/// `value` as pretty JSON, escaped by [`Escaped`].
#[cfg(test)]
fn json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = Escaped {
        out: Vec::new(),
        carry: Vec::new(),
    };
    serde_json::to_writer_pretty(&mut out, value).expect("JSON in memory");
    out.finish().expect("JSON in memory");
    out.out
}

/// Writes JSON text with `<`, `>`, `&`, U+2028 and U+2029 escaped, so that
/// the file is also safe inside HTML and as JavaScript source. The three
/// characters only occur inside strings in serde_json's output; the two
/// line separators arrive as the bytes E2 80 A8/A9, which may be split
/// across writes (kept in `carry`).
struct Escaped<W: Write> {
    out: W,
    carry: Vec<u8>,
}

impl<W: Write> Escaped<W> {
    fn push(&mut self, b: u8) -> std::io::Result<()> {
        if !self.carry.is_empty() {
            self.carry.push(b);
            match self.carry.as_slice() {
                [0xE2] | [0xE2, 0x80] => return Ok(()),
                [0xE2, 0x80, 0xA8] => self.out.write_all(b"\\u2028")?,
                [0xE2, 0x80, 0xA9] => self.out.write_all(b"\\u2029")?,
                other => self.out.write_all(other)?,
            }
            self.carry.clear();
            return Ok(());
        }
        match b {
            b'<' => self.out.write_all(b"\\u003c"),
            b'>' => self.out.write_all(b"\\u003e"),
            b'&' => self.out.write_all(b"\\u0026"),
            0xE2 => {
                self.carry.push(b);
                Ok(())
            }
            b => self.out.write_all(&[b]),
        }
    }

    /// Write out what is left in `carry` (only at the end of the text).
    fn finish(&mut self) -> std::io::Result<()> {
        let carry = std::mem::take(&mut self.carry);
        self.out.write_all(&carry)
    }
}

impl<W: Write> Write for Escaped<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // Runs without special bytes go through in one write.
        let mut start = 0;
        for (i, &b) in buf.iter().enumerate() {
            if self.carry.is_empty() && !matches!(b, b'<' | b'>' | b'&' | 0xE2) {
                continue;
            }
            self.out.write_all(&buf[start..i])?;
            self.push(b)?;
            start = i + 1;
        }
        self.out.write_all(&buf[start..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

// ---------------------------------------------------------------------------
// CSV

/// A CSV cell of text. A cell starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return is a formula to Excel and LibreOffice (CSV injection,
/// CWE-1236); as OWASP advises, such a cell gets a leading `'`, which makes
/// the spreadsheet show it as text. Every text cell goes through this type,
/// so no field can be forgotten.
#[derive(Debug, Default)]
struct Cell(String);

impl Cell {
    fn new(text: impl Into<String>) -> Cell {
        let text = text.into();
        if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            Cell(format!("'{text}"))
        } else {
            Cell(text)
        }
    }

    fn opt(text: Option<&str>) -> Option<Cell> {
        text.map(Cell::new)
    }

    /// A list, joined with `;`.
    fn list<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Cell {
        let items: Vec<S> = items.into_iter().collect();
        let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
        Cell::new(items.join(";"))
    }
}

impl Serialize for Cell {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// A row of `data/organizations.csv`: the fields of [`OrganizationData`],
/// flattened.
#[derive(Debug, Default, Serialize)]
struct OrganizationCsv {
    id: Cell,
    name: Cell,
    url: Cell,
    type_id: Cell,
    type_name: Cell,
    region_id: Cell,
    region_name: Cell,
    region_path: Cell,
    parent_id: Option<Cell>,
    parent_name: Option<Cell>,
    address: Option<Cell>,
    phones: Cell,
    email: Option<Cell>,
    website: Option<Cell>,
    wechat: Option<Cell>,
    /// `hours_text`, joined with `;`.
    hours: Cell,
    hours_note: Option<Cell>,
    directions: Option<Cell>,
    serves: Cell,
    /// Each `name url` (or the name alone), joined with `;`.
    channels: Cell,
    verified: Option<Cell>,
    description: Option<Cell>,
}

impl OrganizationData<'_> {
    fn csv(&self) -> OrganizationCsv {
        OrganizationCsv {
            id: Cell::new(self.id),
            name: Cell::new(self.name),
            url: Cell::new(&*self.url),
            type_id: Cell::new(self.type_id),
            type_name: Cell::new(self.type_name),
            region_id: Cell::new(self.region_id),
            region_name: Cell::new(self.region_name),
            region_path: Cell::list(&self.region_path),
            parent_id: Cell::opt(self.parent_id),
            parent_name: Cell::opt(self.parent_name),
            address: Cell::opt(self.address),
            phones: Cell::list(self.phones),
            email: Cell::opt(self.email),
            website: Cell::opt(self.website),
            wechat: Cell::opt(self.wechat),
            hours: Cell::list(&self.hours_text),
            hours_note: Cell::opt(self.hours_note),
            directions: Cell::opt(self.directions),
            serves: Cell::list(self.serves),
            channels: Cell::list(self.channels.iter().map(|c| match &c.url {
                Some(url) if !c.name.is_empty() => format!("{} {url}", c.name),
                Some(url) => url.clone(),
                None => c.name.clone(),
            })),
            verified: Cell::opt(self.verified.as_deref()),
            description: Cell::opt(self.description.as_deref()),
        }
    }
}

/// A row of `data/services.csv`.
#[derive(Debug, Default, Serialize)]
struct ServiceCsv {
    id: Cell,
    title: Cell,
    url: Cell,
    provider_id: Cell,
    provider_name: Cell,
    audiences: Cell,
    needs: Cell,
    eligibility: Option<Cell>,
    documents: Cell,
    steps: Cell,
    /// Each `线下：…`, `电话：…` or `网上：…` as written, joined with `;`.
    channels: Cell,
    cost: Option<Cell>,
    time_limit: Option<Cell>,
    /// Each `《policy》第十五条`, joined with `;`.
    implements: Cell,
    /// The articles' pages, in the same order.
    implements_urls: Cell,
    description: Option<Cell>,
}

impl ServiceData<'_> {
    fn csv(&self) -> ServiceCsv {
        ServiceCsv {
            id: Cell::new(self.id),
            title: Cell::new(self.title),
            url: Cell::new(&*self.url),
            provider_id: Cell::new(self.provider_id),
            provider_name: Cell::new(self.provider_name),
            audiences: Cell::list(self.audiences),
            needs: Cell::list(self.needs),
            eligibility: Cell::opt(self.eligibility),
            documents: Cell::list(self.documents),
            steps: Cell::list(self.steps),
            channels: Cell::list(
                self.channels
                    .iter()
                    .map(|c| format!("{}：{}", c.mode.zh(), c.detail)),
            ),
            cost: Cell::opt(self.cost),
            time_limit: Cell::opt(self.time_limit),
            implements: Cell::list(
                self.implements
                    .iter()
                    .map(|i| format!("《{}》{}", i.policy_title, i.label)),
            ),
            implements_urls: Cell::list(self.implements.iter().map(|i| &i.url)),
            description: Cell::opt(self.description.as_deref()),
        }
    }
}

/// A row of `data/activities.csv`.
#[derive(Debug, Default, Serialize)]
struct ActivityCsv {
    id: Cell,
    title: Cell,
    url: Cell,
    organizer_ids: Cell,
    organizer_names: Cell,
    start: Cell,
    end: Cell,
    all_day: bool,
    place: Cell,
    region_id: Cell,
    region_name: Cell,
    region_path: Cell,
    audiences: Cell,
    signup: Option<Cell>,
    capacity: Option<u32>,
    status: Cell,
    upcoming: bool,
    description: Option<Cell>,
}

impl ActivityData<'_> {
    fn csv(&self) -> ActivityCsv {
        ActivityCsv {
            id: Cell::new(self.id),
            title: Cell::new(self.title),
            url: Cell::new(&*self.url),
            organizer_ids: Cell::list(&self.organizer_ids),
            organizer_names: Cell::list(&self.organizer_names),
            start: Cell::new(&*self.start),
            end: Cell::new(&*self.end),
            all_day: self.all_day,
            place: Cell::new(self.place),
            region_id: Cell::new(self.region_id),
            region_name: Cell::new(self.region_name),
            region_path: Cell::list(&self.region_path),
            audiences: Cell::list(self.audiences),
            signup: Cell::opt(self.signup),
            capacity: self.capacity,
            status: Cell::new(match self.status {
                model::ActivityStatus::Scheduled => "scheduled",
                model::ActivityStatus::Cancelled => "cancelled",
                model::ActivityStatus::Full => "full",
            }),
            upcoming: self.upcoming,
            description: Cell::opt(self.description.as_deref()),
        }
    }
}

// ---------------------------------------------------------------------------
// 资金公开: one row per row of the funds tables

/// A row of `data/funds.json` and `data/funds.csv`: an organization's
/// funds raised, managed or used, or a third-party oversight, for a year.
/// Amounts are yuan as exact decimal text with two decimals (`1234567.50`),
/// never a binary float.
#[derive(Debug, Serialize, Default)]
struct FundData<'a> {
    organization_id: &'a str,
    organization_name: &'a str,
    type_id: &'a str,
    year: i16,
    /// `raised`, `managed`, `used` or `oversight`.
    kind: &'static str,
    /// 筹集, 管理, 使用 or 监督.
    kind_name: &'static str,
    /// The source, the fund, the purpose or the auditor.
    item: &'a str,
    amount: Option<String>,
    opening: Option<String>,
    closing: Option<String>,
    explanation: Option<&'a str>,
    date: Option<String>,
    /// The report's web address (a file of the site as its full address).
    report: Option<String>,
    /// Marked 示例数据 in the tables.
    sample: bool,
    /// The disclosure's page.
    url: String,
    /// The table and line it was written on.
    source: String,
}

impl<'a> FundData<'a> {
    fn of(
        export: &Export<'a>,
        f: &'a model::funds::Disclosure,
        l: &'a model::funds::FundLine,
    ) -> FundData<'a> {
        let dir = export.dir;
        let o = &dir.organizations[f.org];
        let report = l.report.as_ref().map(|r| match &r.file {
            Some(file) => export.urls.permalink(&format!(
                "{}{file}",
                export.content.sections[f.section].path
            )),
            None => r.url.clone(),
        });
        FundData {
            organization_id: &o.record.id,
            organization_name: &o.name,
            type_id: &dir.types[o.org_type].record.id,
            year: f.year,
            kind: l.kind.id(),
            kind_name: l.kind.zh(),
            item: &l.item,
            amount: l.amount.map(model::funds::Amount::plain),
            opening: l.opening.map(model::funds::Amount::plain),
            closing: l.closing.map(model::funds::Amount::plain),
            explanation: l.explanation.as_deref(),
            date: l.date.map(|d| d.to_string()),
            report,
            sample: l.sample,
            url: export.urls.permalink(&f.path),
            source: format!("{}:{}", l.file, l.line),
        }
    }

    fn csv(self) -> FundCsv {
        FundCsv {
            organization_id: Cell::new(self.organization_id),
            organization_name: Cell::new(self.organization_name),
            type_id: Cell::new(self.type_id),
            year: self.year,
            kind: self.kind,
            kind_name: self.kind_name,
            item: Cell::new(self.item),
            amount: self.amount,
            opening: self.opening,
            closing: self.closing,
            explanation: Cell::opt(self.explanation),
            date: self.date,
            report: Cell::opt(self.report.as_deref()),
            sample: self.sample,
            url: Cell::new(self.url),
            source: Cell::new(self.source),
        }
    }
}

/// A row of `data/funds.csv`: the fields of [`FundData`], text defused.
#[derive(Debug, Serialize, Default)]
struct FundCsv {
    organization_id: Cell,
    organization_name: Cell,
    type_id: Cell,
    year: i16,
    kind: &'static str,
    kind_name: &'static str,
    item: Cell,
    amount: Option<String>,
    opening: Option<String>,
    closing: Option<String>,
    explanation: Option<Cell>,
    date: Option<String>,
    report: Option<Cell>,
    sample: bool,
    url: Cell,
    source: Cell,
}

// ---------------------------------------------------------------------------
// Open Referral HSDS 3.0

/// The HSDS 3.0 objects written, with the fields this export fills. Field
/// names, types, formats and enums follow `schema/compiled/organization.json`
/// and `schema/compiled/service.json` of the specification; optional
/// fields without a value are left out (the schemas do not allow `null`).
mod hsds {
    use serde::Serialize;

    #[derive(Debug, Serialize)]
    pub struct Organization {
        pub id: String,
        pub name: String,
        /// Required by HSDS.
        pub description: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub email: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub website: Option<String>,
        /// The organization's page on the site: its persistent identifier.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub uri: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub parent_organization_id: Option<String>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub phones: Vec<Phone>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub locations: Vec<Location>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub attributes: Vec<Attribute>,
    }

    #[derive(Debug, Serialize)]
    pub struct Phone {
        pub id: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub organization_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub service_id: Option<String>,
        pub number: String,
        /// A number in HSDS: only extensions without a leading zero are
        /// written here; others stay in `number` (`…转0801`).
        #[serde(skip_serializing_if = "Option::is_none")]
        pub extension: Option<u64>,
        /// RFC 6350 type: `voice`.
        #[serde(rename = "type")]
        pub kind: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
    }

    #[derive(Debug, Serialize)]
    pub struct Location {
        pub id: String,
        /// `physical`
        pub location_type: &'static str,
        pub organization_id: String,
        pub name: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub transportation: Option<String>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub addresses: Vec<Address>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub schedules: Vec<Schedule>,
    }

    #[derive(Debug, Serialize)]
    pub struct Address {
        pub id: String,
        pub location_id: String,
        pub address_1: String,
        /// The 市 (prefecture-level city) the address is in.
        pub city: String,
        /// The 区县 the address is in, when the organization's region is
        /// one or below one.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub region: Option<String>,
        /// The province, from the first two digits of a region's
        /// administrative division code; empty when no region has a code.
        pub state_province: String,
        /// Required by HSDS, but the directory does not record postal
        /// codes: always empty.
        pub postal_code: String,
        /// ISO 3166-1 alpha-2: `CN`.
        pub country: &'static str,
        /// `physical`
        pub address_type: &'static str,
    }

    /// One weekly time range.
    #[derive(Debug, Serialize)]
    pub struct Schedule {
        pub id: String,
        pub location_id: String,
        /// `WEEKLY`
        pub freq: &'static str,
        /// `MO`
        pub wkst: &'static str,
        /// iCalendar days: `MO,TU,WE,TH,FR`.
        pub byday: String,
        /// `HH:MM` with the UTC offset, as HSDS asks: `08:30+08:00`.
        pub opens_at: String,
        pub closes_at: String,
        /// The UTC offset in hours: 8.
        pub timezone: i32,
        /// The hours as on the page: `周一至周五 08:30–12:00、14:00–17:30`.
        pub description: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub notes: Option<String>,
    }

    #[derive(Debug, Serialize)]
    pub struct Service {
        pub id: String,
        pub organization_id: String,
        pub name: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
        /// The first online channel's link.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub url: Option<String>,
        /// `active`
        pub status: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub eligibility_description: Option<String>,
        /// The steps, numbered, one per line.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub application_process: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub fees_description: Option<String>,
        /// The 办理时限.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub wait_time: Option<String>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub phones: Vec<Phone>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub service_areas: Vec<ServiceArea>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub required_documents: Vec<RequiredDocument>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub attributes: Vec<Attribute>,
    }

    /// The provider's region: a service reaches people living in it and
    /// below it.
    #[derive(Debug, Serialize)]
    pub struct ServiceArea {
        pub id: String,
        pub service_id: String,
        pub name: String,
        pub description: String,
    }

    #[derive(Debug, Serialize)]
    pub struct RequiredDocument {
        pub id: String,
        pub service_id: String,
        pub document: String,
    }

    /// A term of one of the site's vocabularies (organization types, needs,
    /// audiences) attached to an organization or a service.
    #[derive(Debug, Serialize)]
    pub struct Attribute {
        pub id: String,
        pub link_id: String,
        /// What the term says about the entity: `organization_type`,
        /// `need`, `audience`.
        pub link_type: &'static str,
        /// `organization` or `service`.
        pub link_entity: &'static str,
        pub taxonomy_term_id: String,
        pub taxonomy_term: TaxonomyTerm,
    }

    #[derive(Debug, Serialize)]
    pub struct TaxonomyTerm {
        pub id: String,
        pub code: String,
        pub name: String,
        pub description: String,
        /// The vocabulary: `gongkai:organization-types`, `gongkai:needs`,
        /// `gongkai:audiences`.
        pub taxonomy: &'static str,
    }
}

/// iCalendar day codes, Monday first.
const BYDAY: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

impl Export<'_> {
    /// A deterministic HSDS id: a v5 UUID of `name` (`organization/<id>`)
    /// in the site's namespace.
    fn uuid(&self, name: &str) -> String {
        Uuid::new_v5(&self.namespace, name.as_bytes()).to_string()
    }

    fn hsds_organization(&self, o: &Organization) -> hsds::Organization {
        let d = self.dir;
        let key = format!("organization/{}", o.record.id);
        let id = self.uuid(&key);
        let t = &d.types[o.org_type];
        let region: String = d.region_names(o.region).concat();
        let description = description(&o.record)
            .unwrap_or_else(|| format!("{}，{}，位于{region}。", o.name, t.full_name));
        let phones = o
            .phones
            .iter()
            .enumerate()
            .map(|(n, p)| {
                let mut phone = self.hsds_phone(&format!("phone/{}/{n}", o.record.id), p);
                phone.organization_id = Some(id.clone());
                if let Some(h) = t.hotline.as_ref().filter(|h| h.number == *p) {
                    phone.description = Some(h.name.clone());
                }
                phone
            })
            .collect();
        let mut locations = vec![];
        if o.address.is_some() || !o.hours.is_empty() || o.directions.is_some() {
            let location_id = self.uuid(&format!("location/{}", o.record.id));
            let addresses = o
                .address
                .iter()
                .map(|a| self.hsds_address(o, a, &location_id))
                .collect();
            let schedules = o
                .hours
                .iter()
                .flat_map(|h| h.times.iter().map(move |t| (h, t)))
                .enumerate()
                .map(|(n, (h, t))| hsds::Schedule {
                    id: self.uuid(&format!("schedule/{}/{n}", o.record.id)),
                    location_id: location_id.clone(),
                    freq: "WEEKLY",
                    wkst: "MO",
                    byday: h
                        .days
                        .iter()
                        .map(|&d| BYDAY[d as usize])
                        .collect::<Vec<_>>()
                        .join(","),
                    opens_at: format!("{}+08:00", t.opens),
                    closes_at: format!("{}+08:00", t.closes),
                    timezone: 8,
                    description: h.to_zh(),
                    notes: o.hours_note.clone(),
                })
                .collect();
            locations.push(hsds::Location {
                id: location_id,
                location_type: "physical",
                organization_id: id.clone(),
                name: o.name.clone(),
                transportation: o.directions.clone(),
                addresses,
                schedules,
            });
        }
        let attributes = vec![self.hsds_attribute(
            &key,
            &id,
            "organization",
            "organization_type",
            "gongkai:organization-types",
            &t.record.id,
            &t.full_name,
            description_of_type(t),
        )];
        hsds::Organization {
            name: o.name.clone(),
            description,
            email: o
                .email
                .as_deref()
                .filter(|e| hsds_email(e))
                .map(str::to_string),
            website: o.website.as_deref().and_then(uri),
            uri: uri(&self.urls.permalink(&o.record.path)),
            parent_organization_id: o
                .parent
                .map(|p| self.uuid(&format!("organization/{}", d.organizations[p].record.id))),
            phones,
            locations,
            attributes,
            id,
        }
    }

    fn hsds_address(&self, o: &Organization, address: &str, location_id: &str) -> hsds::Address {
        let d = self.dir;
        let chain = d.region_chain(o.region);
        let at = |level: Level| chain.iter().find(|&&r| d.regions[r].level == level);
        // The 市, or the top region when the regions start lower.
        let city = at(Level::City)
            .or(chain.last())
            .copied()
            .unwrap_or(o.region);
        let province = chain
            .iter()
            .find_map(|&r| d.regions[r].code.as_deref().and_then(province_of_code));
        hsds::Address {
            id: self.uuid(&format!("address/{}", o.record.id)),
            location_id: location_id.to_string(),
            address_1: address.to_string(),
            city: d.regions[city].name.clone(),
            region: at(Level::County).map(|&r| d.regions[r].name.clone()),
            state_province: province.unwrap_or_default().to_string(),
            postal_code: String::new(),
            country: "CN",
            address_type: "physical",
        }
    }

    /// A phone number as written (`0575-85123456转8001`), split into the
    /// number and a numeric extension.
    fn hsds_phone(&self, key: &str, text: &str) -> hsds::Phone {
        let text = text.trim();
        let (number, extension) = match text.split_once('转') {
            Some((main, ext)) if !ext.trim().starts_with('0') => match ext.trim().parse::<u64>() {
                Ok(ext) => (main.trim(), Some(ext)),
                Err(_) => (text, None),
            },
            _ => (text, None),
        };
        hsds::Phone {
            id: self.uuid(key),
            organization_id: None,
            service_id: None,
            number: number.to_string(),
            extension,
            kind: "voice",
            description: None,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn hsds_attribute(
        &self,
        entity_key: &str,
        entity_id: &str,
        link_entity: &'static str,
        link_type: &'static str,
        taxonomy: &'static str,
        code: &str,
        name: &str,
        term_description: String,
    ) -> hsds::Attribute {
        let term_id = self.uuid(&format!("taxonomy-term/{taxonomy}/{code}"));
        hsds::Attribute {
            id: self.uuid(&format!("attribute/{entity_key}/{taxonomy}/{code}")),
            link_id: entity_id.to_string(),
            link_type,
            link_entity,
            taxonomy_term_id: term_id.clone(),
            taxonomy_term: hsds::TaxonomyTerm {
                id: term_id,
                code: code.to_string(),
                name: name.to_string(),
                description: term_description,
                taxonomy,
            },
        }
    }

    fn hsds_service(&self, s: &Service) -> hsds::Service {
        let d = self.dir;
        let provider = &d.organizations[s.provider];
        let key = format!("service/{}", s.record.id);
        let id = self.uuid(&key);
        let phones = s
            .channels
            .iter()
            .filter(|c| c.mode == Mode::Phone)
            .filter_map(|c| Some((c.url.as_deref()?.strip_prefix("tel:")?, &c.detail)))
            .enumerate()
            .map(|(n, (number, detail))| {
                let mut phone = self.hsds_phone(&format!("phone/{key}/{n}"), number);
                phone.service_id = Some(id.clone());
                if detail.trim() != number {
                    phone.description = Some(detail.clone());
                }
                phone
            })
            .collect();
        let required_documents = s
            .documents
            .iter()
            .enumerate()
            .map(|(n, doc)| hsds::RequiredDocument {
                id: self.uuid(&format!("required-document/{}/{n}", s.record.id)),
                service_id: id.clone(),
                document: doc.clone(),
            })
            .collect();
        let region = d.region_names(provider.region).concat();
        let service_areas = vec![hsds::ServiceArea {
            id: self.uuid(&format!("service-area/{}", s.record.id)),
            service_id: id.clone(),
            description: format!("{region}及其下辖区域"),
            name: region,
        }];
        let mut attributes = vec![];
        for (terms, link_type, taxonomy, what) in [
            (&s.needs, "need", "gongkai:needs", "需求类别"),
            (&s.audiences, "audience", "gongkai:audiences", "服务对象"),
        ] {
            for term in terms {
                attributes.push(self.hsds_attribute(
                    &key,
                    &id,
                    "service",
                    link_type,
                    taxonomy,
                    term,
                    term,
                    format!("{what}：{term}"),
                ));
            }
        }
        let steps = (!s.steps.is_empty()).then(|| {
            s.steps
                .iter()
                .enumerate()
                .map(|(n, step)| format!("{}. {step}", n + 1))
                .collect::<Vec<_>>()
                .join("\n")
        });
        hsds::Service {
            organization_id: self.uuid(&format!("organization/{}", provider.record.id)),
            name: s.title.clone(),
            description: description(&s.record)
                .or_else(|| Some(format!("{}，由{}提供。", s.title, provider.name))),
            url: s
                .channels
                .iter()
                .filter(|c| c.mode == Mode::Online)
                .find_map(|c| c.url.as_deref().and_then(uri)),
            status: "active",
            eligibility_description: s.eligibility.clone(),
            application_process: steps,
            fees_description: s.cost.clone(),
            wait_time: s.time_limit.clone(),
            phones,
            service_areas,
            required_documents,
            attributes,
            id,
        }
    }
}

fn description_of_type(t: &model::OrgType) -> String {
    description(&t.record).unwrap_or_else(|| format!("组织类型：{}", t.full_name))
}

/// An `http(s)` URL as an RFC 3986 URI (JSON Schema `format: uri`), or
/// `None` when it cannot be one. Characters a URI may not hold (Chinese
/// in a path, `|`, `{` …) are percent-encoded as UTF-8, the IRI-to-URI
/// mapping of RFC 3987; a host must already be ASCII (an internationalised
/// domain name would need Punycode, which is not done here).
fn uri(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if !matches!(scheme, "http" | "https") {
        return None;
    }
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(host_end);
    let host_ok = !authority.is_empty()
        && authority
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~:[]@".contains(&b));
    if !host_ok {
        return None;
    }
    let mut out = format!("{scheme}://{authority}");
    let bytes = tail.as_bytes();
    let mut fragment = false;
    for (i, &b) in bytes.iter().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || b"-._~!$&'()*+,;=:@/?".contains(&b)
            || (b == b'#' && !fragment)
            || (b == b'%'
                && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit));
        if b == b'#' {
            fragment = true;
        }
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Some(out)
}

/// Whether an email address is one JSON Schema's `format: email` accepts
/// (RFC 5321 `Mailbox`, ASCII only): the directory also accepts
/// internationalised addresses, which HSDS cannot hold.
fn hsds_email(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    let atext = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~-".contains(&b);
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local
            .split('.')
            .all(|part| !part.is_empty() && part.bytes().all(atext));
    let domain_ok = domain.len() <= 253
        && domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    local_ok && domain_ok
}

/// The province of a GB/T 2260 administrative division code (`330600` →
/// 浙江省), from its first two digits.
fn province_of_code(code: &str) -> Option<&'static str> {
    const PROVINCES: [(&str, &str); 34] = [
        ("11", "北京市"),
        ("12", "天津市"),
        ("13", "河北省"),
        ("14", "山西省"),
        ("15", "内蒙古自治区"),
        ("21", "辽宁省"),
        ("22", "吉林省"),
        ("23", "黑龙江省"),
        ("31", "上海市"),
        ("32", "江苏省"),
        ("33", "浙江省"),
        ("34", "安徽省"),
        ("35", "福建省"),
        ("36", "江西省"),
        ("37", "山东省"),
        ("41", "河南省"),
        ("42", "湖北省"),
        ("43", "湖南省"),
        ("44", "广东省"),
        ("45", "广西壮族自治区"),
        ("46", "海南省"),
        ("50", "重庆市"),
        ("51", "四川省"),
        ("52", "贵州省"),
        ("53", "云南省"),
        ("54", "西藏自治区"),
        ("61", "陕西省"),
        ("62", "甘肃省"),
        ("63", "青海省"),
        ("64", "宁夏回族自治区"),
        ("65", "新疆维吾尔自治区"),
        ("71", "台湾省"),
        ("81", "香港特别行政区"),
        ("82", "澳门特别行政区"),
    ];
    let prefix = code.get(..2)?;
    PROVINCES
        .iter()
        .find(|(p, _)| *p == prefix)
        .map(|(_, name)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_defused() {
        for bad in ["=1+1", "+1", "-1", "@SUM(1)", "\tx", "\rx"] {
            assert_eq!(Cell::new(bad).0, format!("'{bad}"));
        }
        assert_eq!(Cell::new("0575-0000-1003").0, "0575-0000-1003");
        assert_eq!(Cell::list(["a", "=b"]).0, "a;=b");
        assert_eq!(Cell::list(["=a", "b"]).0, "'=a;b");
    }

    #[test]
    fn json_cannot_close_a_script() {
        let bytes = json(&["</script><script>alert(1)</script> & \u{2028}"]);
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(!text.contains('<') && !text.contains('&'));
        let back: Vec<String> = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(back[0], "</script><script>alert(1)</script> & \u{2028}");
        assert!(text.contains("\\u2028"));
    }

    #[test]
    fn line_separators_split_across_writes_are_escaped() {
        use std::io::Write;
        let text = "a\u{2028}b\u{2029}c—妇联\u{2028}";
        let mut out = Escaped {
            out: Vec::new(),
            carry: Vec::new(),
        };
        for b in text.as_bytes() {
            out.write_all(&[*b]).unwrap();
        }
        out.finish().unwrap();
        assert_eq!(
            String::from_utf8(out.out).unwrap(),
            "a\\u2028b\\u2029c—妇联\\u2028"
        );
    }

    #[test]
    fn urls_become_uris() {
        assert_eq!(
            uri("https://a.example/路径?q=一#x").as_deref(),
            Some("https://a.example/%E8%B7%AF%E5%BE%84?q=%E4%B8%80#x")
        );
        assert_eq!(
            uri("https://a.example/a|b").as_deref(),
            Some("https://a.example/a%7Cb")
        );
        assert_eq!(
            uri("https://a.example/%E8").as_deref(),
            Some("https://a.example/%E8")
        );
        assert_eq!(uri("https://例子.中国/"), None);
        assert_eq!(uri("ftp://a.example/"), None);
    }

    #[test]
    fn hsds_emails_are_ascii_mailboxes() {
        assert!(hsds_email("shaoxing-fulian@example.org"));
        assert!(!hsds_email("妇联@example.org"));
        assert!(!hsds_email("a..b@example.org"));
        assert!(!hsds_email("a@-x.org"));
    }

    #[test]
    fn provinces_from_codes() {
        assert_eq!(province_of_code("330600"), Some("浙江省"));
        assert_eq!(province_of_code("99"), None);
        assert_eq!(province_of_code("3"), None);
    }
}
