//! The directory's pages: a page per record (region, organization type,
//! organization, service, activity), the browse pages (by need, by
//! audience, 找组织 in two steps, the calendar by month, the open-data
//! page), QR codes and iCalendar feeds.
//!
//! Every page is rendered from a typed view ([`views`], with the list
//! entries of `summaries`) that borrows from the [`Directory`]; its
//! schema.org JSON-LD comes from [`crate::render::jsonld::directory`].
//! `records` builds the record pages, `browse` the others, `lists` the
//! records sections' lists, [`text`] the small formats (`tel:`, dates, QR).

mod browse;
mod lists;
mod records;
mod summaries;
pub mod text;
pub mod views;

use std::collections::HashSet;

use tera::Context;

use crate::base::sink::{Emit, Sink};
use crate::directory::{Directory, Record, export, ics};
use crate::markdown::{self, Input};
use crate::render::views::{self as page_views, Crumb};
use crate::{Outcome, Site};

pub use text::{qr_svg, tel, when_zh};

/// One directory page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirPage {
    Region(usize),
    OrgType(usize),
    Organization(usize),
    Service(usize),
    Activity(usize),
    /// 找组织 step 1: the needs.
    FindStart,
    /// Step 2: where you live, for a need.
    FindNeed(usize),
    /// The answer for a need and a region.
    FindAnswer(usize, usize),
    Need(usize),
    Audience(usize),
    Calendar,
    Month(usize),
    Data,
}

impl DirPage {
    /// Every page of the directory.
    pub fn all(dir: &Directory) -> Vec<DirPage> {
        if dir.is_empty() {
            return vec![];
        }
        let mut pages = vec![];
        pages.extend((0..dir.regions.len()).map(DirPage::Region));
        pages.extend((0..dir.types.len()).map(DirPage::OrgType));
        pages.extend((0..dir.organizations.len()).map(DirPage::Organization));
        pages.extend((0..dir.services.len()).map(DirPage::Service));
        pages.extend((0..dir.activities.len()).map(DirPage::Activity));
        pages.push(DirPage::FindStart);
        let regions = dir.find_regions();
        for n in 0..dir.needs.len() {
            pages.push(DirPage::FindNeed(n));
            pages.extend(regions.iter().map(|&r| DirPage::FindAnswer(n, r)));
            pages.push(DirPage::Need(n));
        }
        pages.extend((0..dir.audiences.len()).map(DirPage::Audience));
        pages.push(DirPage::Calendar);
        pages.extend((0..dir.months.len()).map(DirPage::Month));
        pages.push(DirPage::Data);
        pages
    }

    /// Its URL path.
    pub fn path(self, dir: &Directory) -> String {
        match self {
            DirPage::Region(i) => dir.regions[i].record.path.clone(),
            DirPage::OrgType(i) => dir.types[i].record.path.clone(),
            DirPage::Organization(i) => dir.organizations[i].record.path.clone(),
            DirPage::Service(i) => dir.services[i].record.path.clone(),
            DirPage::Activity(i) => dir.activities[i].record.path.clone(),
            DirPage::FindStart => "find/".into(),
            DirPage::FindNeed(n) => format!("find/{}/", dir.needs[n].name),
            DirPage::FindAnswer(n, r) => {
                format!("find/{}/{}/", dir.needs[n].name, dir.regions[r].record.id)
            }
            DirPage::Need(n) => dir.needs[n].path.clone(),
            DirPage::Audience(a) => dir.audiences[a].path.clone(),
            DirPage::Calendar => "calendar/".into(),
            DirPage::Month(m) => format!("calendar/{}/", dir.months[m].0),
            DirPage::Data => "data/".into(),
        }
    }
}

/// The template a page renders with, and the section whose header it
/// shows (none: the header is chosen by the page's path).
type Template = (&'static str, Option<usize>);

impl Site {
    /// Render one directory page (and, for an organization, its QR code and
    /// calendar).
    pub(crate) fn render_directory(&self, page: DirPage, sink: &dyn Sink, out: &mut Outcome) {
        let path = page.path(&self.directory);
        let mut ctx = Context::new();
        let permalink = self.urls.permalink(&path);
        ctx.insert("permalink", &permalink);
        let c = &mut ctx;
        let (template, section) = match page {
            DirPage::Region(i) => records::region(self, i, &permalink, c, out),
            DirPage::OrgType(i) => records::org_type(self, i, &permalink, c, out),
            DirPage::Organization(i) => records::organization(self, i, &permalink, c, sink, out),
            DirPage::Service(i) => records::service(self, i, c, out),
            DirPage::Activity(i) => records::activity(self, i, c, out),
            DirPage::FindStart | DirPage::FindNeed(_) | DirPage::FindAnswer(..) => {
                browse::find(self, page, c)
            }
            DirPage::Need(_) | DirPage::Audience(_) => browse::term(self, page, c),
            DirPage::Calendar | DirPage::Month(_) => browse::calendar(self, page, c),
            DirPage::Data => browse::data(self, c),
        };
        self.emit(
            template,
            &format!("{path}index.html"),
            section,
            &mut ctx,
            sink,
            out,
        );
    }

    /// The host of `base_url`, for the UIDs of iCalendar events.
    fn host(&self) -> &str {
        let after = self.config.base_url.find("://").map_or(0, |i| i + 3);
        let rest = &self.config.base_url[after..];
        rest.split(['/', ':']).next().unwrap_or(rest)
    }

    /// Files made from the whole directory, the site calendar and open
    /// data, handed to `emit` one at a time.
    pub(crate) fn directory_files(&self, emit: &mut Emit<'_>) {
        let d = &self.directory;
        if d.is_empty() {
            return;
        }
        let all: Vec<usize> = d
            .months
            .iter()
            .flat_map(|(_, l)| l.iter().copied())
            .collect();
        emit.bytes(
            "calendar.ics",
            ics::calendar(
                &format!("{} 活动", self.config.title),
                d,
                &all,
                &self.urls,
                self.host(),
            )
            .as_bytes(),
        );
        export::files(d, &self.content, &self.urls, &self.config, emit);
    }
}

fn crumb(title: &str, url: &str) -> Crumb {
    Crumb {
        title: title.to_string(),
        url: url.to_string(),
    }
}

/// The site URL of a path of the directory.
fn dir_url(site: &Site, path: &str) -> String {
    site.urls.url(path)
}

fn home_crumb(site: &Site) -> Crumb {
    crumb("首页", &dir_url(site, ""))
}

/// The breadcrumbs of a record: its section's.
fn record_crumbs(site: &Site, r: &Record) -> Vec<Crumb> {
    page_views::breadcrumbs(&site.content, r.section)
}

/// A record's markdown description, rendered.
fn record_body(site: &Site, r: &Record, out: &mut Outcome) -> String {
    let Some(body) = &r.body else {
        return String::new();
    };
    let input = Input {
        file: r.file(),
        source: &r.source.text,
        text: &body.text,
        offset: body.offset,
        relative_base: None,
    };
    let rendered = markdown::render(
        &input,
        &site.resolved.links,
        site.resolved.markdown,
        &mut HashSet::new(),
        &mut out.diagnostics,
    );
    out.anchor_links.extend(rendered.anchor_links);
    rendered.html
}

/// Write a file beside a page, counting it.
fn write_file(path: &str, bytes: &[u8], sink: &dyn Sink, out: &mut Outcome) {
    match sink.write(path, bytes) {
        Ok(()) => out.files += 1,
        Err(d) => out.diagnostics.push(d),
    }
}
