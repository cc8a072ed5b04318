//! The directory's pages: a page per record (region, organization type,
//! organization, service, activity, brand), the browse pages (by need, by
//! audience, 找组织 in two steps, the calendar by month, the open-data
//! page, brands by kind), QR codes and iCalendar feeds.
//!
//! Every page is rendered from a typed view ([`views`], with the list
//! entries of `summaries`) that borrows from the [`Directory`]; its
//! schema.org JSON-LD comes from [`crate::render::jsonld::directory`].
//! `records` builds the record pages, `browse` the others, `lists` the
//! records sections' lists, and `crate::render::formats` the small formats (`tel:`, dates, QR).

mod brands;
mod browse;
mod funds;
mod lists;
mod records;
mod summaries;
pub mod views;

use std::collections::HashSet;

use tera::Context;

use crate::base::sink::Sink;
use crate::model::directory::Record;
use crate::model::directory::pages::DirPage;
use crate::render::markdown::{self, Input};
use crate::render::pages::{Outcome, Pages};
use crate::render::views::{self as page_views, Crumb};

/// The template a page renders with, and the section whose header it
/// shows (none: the header is chosen by the page's path).
type Template = (&'static str, Option<usize>);

impl Pages<'_> {
    /// Render one directory page (and, for an organization, its QR code and
    /// calendar).
    pub(crate) fn render_directory(&self, page: DirPage, sink: &dyn Sink, out: &mut Outcome) {
        let path = page.path(&self.site.directory);
        let mut ctx = Context::new();
        let permalink = self.site.urls.permalink(&path);
        ctx.insert("permalink", &permalink);
        let c = &mut ctx;
        let (template, section) = match page {
            DirPage::Region(i) => records::region(self, i, &permalink, c, out),
            DirPage::OrgType(i) => records::org_type(self, i, &permalink, c, out),
            DirPage::Organization(i) => records::organization(self, i, &permalink, c, sink, out),
            DirPage::Service(i) => records::service(self, i, c, out),
            DirPage::Activity(i) => records::activity(self, i, c, out),
            DirPage::Brand(i) => brands::brand(self, i, &permalink, c, out),
            DirPage::BrandKinds => brands::kinds(self, c),
            DirPage::BrandKind(k) => brands::kind(self, k, c),
            DirPage::FindStart | DirPage::FindNeed(_) | DirPage::FindAnswer(..) => {
                browse::find(self, page, c)
            }
            DirPage::Need(_) | DirPage::Audience(_) => browse::term(self, page, c),
            DirPage::Calendar | DirPage::Month(_) => browse::calendar(self, page, c),
            DirPage::Data => browse::data(self, c),
            DirPage::Funds(i) => funds::disclosure(self, i, c),
        };
        if let DirPage::Organization(_) | DirPage::Service(_) = page {
            brands::of_record(self, page, &mut ctx);
        }
        self.emit(
            template,
            &format!("{path}index.html"),
            section,
            &mut ctx,
            sink,
            out,
        );
    }
}

fn crumb(title: &str, url: &str) -> Crumb {
    Crumb {
        title: title.to_string(),
        url: url.to_string(),
    }
}

/// The site URL of a path of the directory.
fn dir_url(pages: &Pages<'_>, path: &str) -> String {
    pages.site.urls.url(path)
}

fn home_crumb(pages: &Pages<'_>) -> Crumb {
    crumb("首页", &dir_url(pages, ""))
}

/// The breadcrumbs of a record: its section's.
fn record_crumbs(pages: &Pages<'_>, r: &Record) -> Vec<Crumb> {
    page_views::breadcrumbs(&pages.site.content, r.section)
}

/// A record's markdown description, rendered.
fn record_body(pages: &Pages<'_>, r: &Record, out: &mut Outcome) -> String {
    let Some(body) = &r.body else {
        return String::new();
    };
    let input = Input {
        file: r.file(),
        source: &r.source.text,
        text: &body.text,
        offset: body.offset,
        relative_base: None,
        page_url: &r.url,
    };
    let rendered = markdown::render(
        &input,
        &pages.site.resolved.links,
        pages.site.resolved.markdown,
        &mut HashSet::new(),
        &mut out.diagnostics,
    );
    out.anchor_links.extend(rendered.anchor_links);
    out.local_links.extend(rendered.local_links);
    out.links.extend(rendered.links);
    rendered.html
}

/// Write a file beside a page, counting it.
fn write_file(path: &str, bytes: &[u8], sink: &dyn Sink, out: &mut Outcome) {
    match sink.write(path, bytes) {
        Ok(()) => out.files += 1,
        Err(d) => out.diagnostics.push(d),
    }
}
