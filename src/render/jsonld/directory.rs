//! schema.org JSON-LD for the directory's record pages:
//! `AdministrativeArea` for a region, `CollectionPage` for an organization
//! type, `GovernmentOrganization` (with contact points and opening hours),
//! `GovernmentService`, `Event`, and for a brand a `WebPage` about its
//! holder with the honour as `award`. An absent value leaves its property out
//! rather than writing `null`.

use serde_json::{Value, json};

use crate::model::directory::{ActivityStatus, Directory, Mode, hours};
use crate::model::links::Urls;
use crate::render::formats::{iso, when_zh};

/// JSON-LD for region `i`, whose page is at `permalink`.
pub fn region(d: &Directory, urls: &Urls, i: usize, permalink: &str) -> Value {
    let g = &d.regions[i];
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "AdministrativeArea",
        "@id": format!("{permalink}#area"),
        "name": g.name,
        "url": permalink,
    });
    if let Some(code) = &g.code {
        ld["identifier"] = json!(code);
    }
    if let Some(p) = g.parent {
        ld["containedInPlace"] = json!({"@type": "AdministrativeArea", "name": d.regions[p].name, "url": urls.permalink(&d.regions[p].record.path)});
    }
    ld
}

/// JSON-LD for organization type `i`, whose page is at `permalink`.
pub fn org_type(d: &Directory, i: usize, permalink: &str) -> Value {
    let t = &d.types[i];
    json!({
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": t.full_name,
        "url": permalink,
        "alternateName": t.aliases,
    })
}

/// A reference to organization `i` from another record's JSON-LD.
fn org_ref(d: &Directory, urls: &Urls, i: usize) -> Value {
    let o = &d.organizations[i];
    let permalink = urls.permalink(&o.record.path);
    json!({"@type": "GovernmentOrganization", "@id": format!("{permalink}#org"), "name": o.name, "url": permalink})
}

/// JSON-LD for organization `i`.
pub fn organization(d: &Directory, urls: &Urls, i: usize) -> Value {
    let o = &d.organizations[i];
    let permalink = urls.permalink(&o.record.path);
    let t = &d.types[o.org_type];
    let mut contact: Vec<Value> = o
        .phones
        .iter()
        .map(|p| json!({"@type": "ContactPoint", "telephone": p, "contactType": "咨询", "areaServed": d.regions[o.region].name, "availableLanguage": "zh-CN"}))
        .collect();
    if let Some(h) = &t.hotline {
        if !o.phones.contains(&h.number) {
            contact.push(json!({"@type": "ContactPoint", "telephone": h.number, "contactType": h.name, "areaServed": "CN"}));
        }
    }
    let hours: Vec<Value> = o
        .hours
        .iter()
        .flat_map(|h| {
            h.times.iter().map(|t| {
                json!({
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": h.days.iter().map(|&d| format!("https://schema.org/{}", hours::DAYS_EN[d as usize])).collect::<Vec<_>>(),
                    "opens": t.opens,
                    "closes": t.closes,
                })
            })
        })
        .collect();
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "@id": format!("{permalink}#org"),
        "name": o.name,
        "url": permalink,
        "areaServed": {"@type": "AdministrativeArea", "name": d.regions[o.region].name},
        "knowsAbout": t.full_name,
        "logo": urls.permalink(&format!("{}qr.svg", o.record.path)),
    });
    if let Some(a) = &o.address {
        ld["address"] = json!({"@type": "PostalAddress", "streetAddress": a, "addressLocality": d.region_names(o.region).join(""), "addressCountry": "CN"});
    }
    if let Some(p) = o.phones.first() {
        ld["telephone"] = json!(p);
    }
    if let Some(e) = &o.email {
        ld["email"] = json!(e);
    }
    if let Some(w) = &o.website {
        ld["sameAs"] = json!(w);
    }
    if !contact.is_empty() {
        ld["contactPoint"] = json!(contact);
    }
    if !hours.is_empty() {
        ld["openingHoursSpecification"] = json!(hours);
    }
    if let Some(p) = o.parent {
        ld["parentOrganization"] = org_ref(d, urls, p);
    }
    brand_awards(d, i, &mut ld);
    if !o.children.is_empty() {
        ld["subOrganization"] = json!(
            o.children
                .iter()
                .map(|&c| org_ref(d, urls, c))
                .collect::<Vec<_>>()
        );
    }
    ld
}

/// JSON-LD for service `i`.
pub fn service(d: &Directory, urls: &Urls, i: usize) -> Value {
    let s = &d.services[i];
    let permalink = urls.permalink(&s.record.path);
    let p = &d.organizations[s.provider];
    let channels: Vec<Value> = s
        .channels
        .iter()
        .map(|c| {
            let mut v = json!({"@type": "ServiceChannel", "name": format!("{}：{}", c.mode.zh(), c.detail)});
            match (c.mode, &c.url) {
                (Mode::Online, Some(u)) => v["serviceUrl"] = json!(u),
                (Mode::Phone, Some(u)) => {
                    v["servicePhone"] = json!({"@type": "ContactPoint", "telephone": u.trim_start_matches("tel:")})
                }
                (Mode::InPerson, _) => {
                    v["serviceLocation"] = json!({"@type": "Place", "name": p.name});
                    if let Some(a) = &p.address {
                        v["serviceLocation"]["address"] = json!(a);
                    }
                }
                _ => {}
            }
            v
        })
        .collect();
    json!({
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "@id": format!("{permalink}#service"),
        "name": s.title,
        "url": permalink,
        "serviceType": s.needs.join("、"),
        "provider": org_ref(d, urls, s.provider),
        "areaServed": {"@type": "AdministrativeArea", "name": d.regions[p.region].name},
        "audience": s.audiences.iter().map(|a| json!({"@type": "Audience", "audienceType": a})).collect::<Vec<_>>(),
        "availableChannel": channels,
    })
}

/// JSON-LD for activity `i`.
pub fn activity(d: &Directory, urls: &Urls, i: usize) -> Value {
    let a = &d.activities[i];
    let permalink = urls.permalink(&a.record.path);
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": format!("{permalink}#event"),
        "name": a.title,
        "url": permalink,
        "startDate": iso(a, a.start),
        "endDate": iso(a, a.end),
        "eventStatus": match a.status {
            ActivityStatus::Cancelled => "https://schema.org/EventCancelled",
            _ => "https://schema.org/EventScheduled",
        },
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": a.place, "address": {"@type": "PostalAddress", "addressLocality": d.region_names(a.region).join(""), "addressCountry": "CN"}},
        "organizer": a.organizers.iter().map(|&o| org_ref(d, urls, o)).collect::<Vec<_>>(),
        "description": format!("{} · {}", when_zh(a), a.place),
    });
    if let Some(c) = a.capacity {
        ld["maximumAttendeeCapacity"] = json!(c);
    }
    if a.status == ActivityStatus::Full {
        ld["offers"] = json!({"@type": "Offer", "availability": "https://schema.org/SoldOut", "price": 0, "priceCurrency": "CNY", "url": permalink});
    }
    ld
}

/// An honour as schema.org's `award` text: `2023年省级青年文明号：名称`,
/// for an organization's `award` (`of_organization`) with the unit of it
/// that holds the honour.
fn award(d: &Directory, b: usize, of_organization: bool) -> String {
    let b = &d.brands.list[b];
    let unit = b
        .holder
        .name
        .as_ref()
        .filter(|_| of_organization && b.holder.organization.is_some())
        .map(|u| format!("（{u}）"))
        .unwrap_or_default();
    format!(
        "{}年{}{}：{}{unit}",
        b.year,
        b.level.zh(),
        b.kind.zh(),
        b.name
    )
}

/// The organization's brands and honours as `award`.
fn brand_awards(d: &Directory, i: usize, ld: &mut Value) {
    if let Some(list) = d.brands.of_organization.get(&i) {
        ld["award"] = json!(list.iter().map(|&b| award(d, b, true)).collect::<Vec<_>>());
    }
}

/// JSON-LD for brand `i`, whose page is at `permalink`: schema.org has no
/// type for an honour, so the page is a `WebPage` about its holder, an
/// organization with the honour as its `award`.
pub fn brand(d: &Directory, urls: &Urls, i: usize, permalink: &str) -> Value {
    let b = &d.brands.list[i];
    let holder = match (&b.holder.name, b.holder.organization) {
        (None, Some(o)) => {
            let mut h = org_ref(d, urls, o);
            h["award"] = json!(award(d, i, true));
            h
        }
        (name, org) => {
            let mut h = json!({"@type": "Organization", "name": name, "award": award(d, i, false)});
            if let Some(o) = org {
                h["parentOrganization"] = org_ref(d, urls, o);
            }
            h
        }
    };
    json!({
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": b.name,
        "url": permalink,
        "about": holder,
    })
}
