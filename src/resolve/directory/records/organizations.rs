//! An organization record: its fields read and checked (contacts, opening
//! hours, channels, the date it was verified).

use super::contacts::{check_phone, check_url, valid_email, web_address_problem};
use super::{Pending, Refs};
use crate::load::directory::Reader;
use crate::load::front_matter;
use crate::model::directory::{Channel, Organization, Record, hours};

const ORG_FIELDS: &[&str] = &[
    "id",
    "name",
    "type",
    "region",
    "parent",
    "address",
    "phones",
    "email",
    "website",
    "wechat",
    "hours",
    "hours_note",
    "directions",
    "serves",
    "channels",
    "verified",
    "body",
];

pub(super) fn organization(mut r: Reader<'_>, record: Record) -> Option<Pending<Organization>> {
    let name = r.required("name");
    let org_type = r.required("type");
    let region = r.required("region");
    let parent = r.text("parent");
    let address = r.text("address");
    let phones = r.list("phones");
    for p in &phones {
        check_phone(&mut r, p);
    }
    let email = r.text("email");
    if let Some(e) = &email {
        if !valid_email(&e.value) {
            r.at(e, msg!("dir-not-email", value = &e.value));
        }
    }
    let website = r.text("website");
    if let Some(w) = &website {
        check_url(&mut r, w);
    }
    let wechat = r.text("wechat");
    let mut hours = vec![];
    for h in r.list("hours") {
        match hours::parse(&h.value) {
            Ok(v) => hours.push(v),
            Err(m) => r.at(&h, m),
        }
    }
    let hours_note = r.text("hours_note");
    let directions = r.text("directions");
    let serves = r.list("serves");
    let mut channels = vec![];
    for c in r.list("channels") {
        let (name, url) = match c.value.rsplit_once(char::is_whitespace) {
            Some((name, url)) if url.contains("://") => (name.trim().to_string(), Some(url)),
            _ if c.value.contains("://") => (String::new(), Some(c.value.as_str())),
            _ => (c.value.clone(), None),
        };
        if let Some(u) = url {
            if let Some(why) = web_address_problem(u) {
                r.at(&c, msg!("dir-not-url", value = u, reason = why));
                continue;
            }
        }
        channels.push(Channel {
            name: if name.is_empty() {
                url.unwrap_or_default().to_string()
            } else {
                name
            },
            url: url.map(str::to_string),
        });
    }
    let verified = r
        .text("verified")
        .and_then(|v| match front_matter::parse_date(&v.value) {
            Ok(d) => Some(d),
            Err(m) => {
                r.at(&v, m);
                None
            }
        });
    r.finish(ORG_FIELDS);
    Some(Pending {
        item: Organization {
            record,
            name: name?.value,
            org_type: usize::MAX,
            region: usize::MAX,
            parent: None,
            children: vec![],
            address: address.map(|v| v.value),
            phones: phones.into_iter().map(|v| v.value).collect(),
            email: email.map(|v| v.value),
            website: website.map(|v| v.value),
            wechat: wechat.map(|v| v.value),
            hours,
            hours_note: hours_note.map(|v| v.value),
            directions: directions.map(|v| v.value),
            serves: serves.into_iter().map(|v| v.value).collect(),
            channels,
            verified,
            services: vec![],
            activities: vec![],
        },
        refs: Refs {
            parent,
            region: Some(region?),
            org_type: Some(org_type?),
            ..Refs::default()
        },
    })
}
