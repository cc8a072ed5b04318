//! The directory's list entries and links, shared by its pages: an
//! organization, a service, an activity or a term in a list, a term named
//! by a record, a phone number. They borrow from the [`Directory`].

use serde::Serialize;

use crate::model::directory::{ActivityStatus, Directory, Term};

use crate::render::formats::{iso, status_zh, when_zh};

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
