//! The feed of changes of each section that lists policies
//! (`policies/changes.xml`): one Atom entry per event in a policy's life,
//! dated from the front matter — published (发布), taking effect (施行),
//! amended (修改) and repealed (废止) by another policy, and expired
//! (失效, the day after `expires`). Events after the build's today are left
//! out until a build on or after their day. Newest first; ties by kind,
//! then by file, so the feed is the same for the same content and day.

use jiff::ToSpan;
use jiff::civil::{Date, Time};

use crate::model::content::{CHANGES_FEED, Content, Page, PolicyStatus, Reference};
use crate::model::links::Target;
use crate::model::site::Site;
use crate::write::feed::{FeedEntry, FeedHead, write_atom};

/// What happened to a policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum ChangeKind {
    // In the order events of one day are listed (after sorting newest
    // first): the end of a policy before its amendment, before it takes
    // effect, before it is published.
    Expired,
    Repealed,
    Amended,
    Effective,
    Published,
}

impl ChangeKind {
    /// For the entry's id.
    fn code(self) -> &'static str {
        match self {
            ChangeKind::Published => "published",
            ChangeKind::Effective => "effective",
            ChangeKind::Amended => "amended",
            ChangeKind::Repealed => "repealed",
            ChangeKind::Expired => "expired",
        }
    }
}

/// One event.
struct Change {
    date: Date,
    kind: ChangeKind,
    /// The policy it happened to.
    page: usize,
    /// Its title in words: `施行：《…》自2016年1月1日起施行`.
    title: String,
}

/// The feed of changes of every section that lists policies, as (output
/// path, XML).
pub fn feeds(site: &Site) -> Vec<(String, String)> {
    let content = &site.content;
    (0..content.sections.len())
        .filter_map(|i| {
            let path = content.changes_feed(i)?;
            Some((path, feed(site, i)))
        })
        .collect()
}

fn feed(site: &Site, section: usize) -> String {
    let content = &site.content;
    let s = &content.sections[section];
    let today = site.time.today();
    let mut changes: Vec<Change> = s
        .pages
        .iter()
        .flat_map(|&i| changes_of(site, i))
        .filter(|c| c.date <= today)
        .collect();
    changes.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then(a.kind.cmp(&b.kind))
            .then(content.pages[a.page].rel.cmp(&content.pages[b.page].rel))
    });
    let entries: Vec<FeedEntry> = changes
        .iter()
        .map(|c| {
            let p = &content.pages[c.page];
            let permalink = site.urls.permalink(&p.path);
            let at = c.date.to_datetime(Time::midnight());
            FeedEntry {
                id: format!("{permalink}#{}-{}", c.kind.code(), c.date),
                title: c.title.clone(),
                permalink,
                published: at,
                updated: at,
                summary: p.description.clone().unwrap_or_else(|| p.summary.clone()),
            }
        })
        .collect();
    let title = format!("{}：发布、施行、修改、废止", s.title);
    let link = site.urls.permalink(&s.path);
    let self_href = format!("{link}{CHANGES_FEED}");
    write_atom(
        &FeedHead {
            title: &title,
            link: &link,
            self_href: &self_href,
            author: &site.config.title,
            language: &site.config.language,
        },
        &entries,
    )
}

/// `2016年1月1日`
fn zh(d: Date) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// The events of page `i`, if it is a policy (in any order, future ones
/// included).
fn changes_of(site: &Site, i: usize) -> Vec<Change> {
    let p = &site.content.pages[i];
    let Some(meta) = &p.policy_meta else {
        return vec![];
    };
    let name = format!("《{}》", p.title);
    let mut out = vec![];
    let mut push = |date: Date, kind: ChangeKind, title: String| {
        out.push(Change {
            date,
            kind,
            page: i,
            title,
        })
    };
    let published = meta.published.unwrap_or(meta.written);
    push(
        published,
        ChangeKind::Published,
        format!("发布：{name}于{}发布", zh(published)),
    );
    if let Some(e) = meta.effective {
        push(
            e,
            ChangeKind::Effective,
            format!("施行：{name}自{}起施行", zh(e)),
        );
    }
    // Amended or repealed by a policy of this site: on the day that one
    // takes effect (or, without a date of effect, is published). A
    // successor outside the site has no date here, and no event.
    let by = |r: &Option<Reference>| {
        let (_, q) = successor(&site.content, site, r.as_ref()?)?;
        Some((q, day_of(q)?))
    };
    match meta.status {
        PolicyStatus::Amended => {
            if let Some((q, d)) = by(&meta.amended_by) {
                push(
                    d,
                    ChangeKind::Amended,
                    format!("修改：{name}经《{}》修改，自{}起施行", q.title, zh(d)),
                );
            }
        }
        PolicyStatus::Repealed => {
            if let Some((q, d)) = by(&meta.repealed_by) {
                push(
                    d,
                    ChangeKind::Repealed,
                    format!("废止：{name}由《{}》废止，自{}起失去效力", q.title, zh(d)),
                );
            }
        }
        PolicyStatus::InForce | PolicyStatus::Expired => {}
    }
    // `expires` is the last day in force: it has expired the day after.
    if let Some(x) = meta.expires {
        if let Ok(after) = x.checked_add(1.day()) {
            push(
                after,
                ChangeKind::Expired,
                format!("失效：{name}有效期至{}，自{}起失效", zh(x), zh(after)),
            );
        }
    }
    out
}

/// The page an `@/` successor names.
fn successor<'a>(content: &'a Content, site: &Site, r: &Reference) -> Option<(usize, &'a Page)> {
    match site.resolved.links.resolve(&r.target) {
        Ok((Target::Page(t), _, _)) => Some((t, &content.pages[t])),
        _ => None,
    }
}

/// The day a page's change applies: when it takes effect, else when it was
/// published.
fn day_of(p: &Page) -> Option<Date> {
    match &p.policy_meta {
        Some(m) => Some(m.applies_from()),
        None => p.date.map(|d| d.date()),
    }
}
