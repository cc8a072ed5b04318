//! The documents of the directory: one per organization type,
//! organization, service, activity and brand, and one per need and audience that
//! has a browse page, with the names people search them by.

use super::Document;
use crate::model::directory::Directory;
use crate::model::text::plain_text;

fn region_depth(d: &Directory, region: usize) -> usize {
    d.region_chain(region).len() - 1
}

/// 绍兴市 › 诸暨市 › 枫桥镇
fn region_names(d: &Directory, region: usize) -> String {
    d.region_names(region).join(" › ")
}

/// An organization's name and the short names people use: the type's
/// full name replaced by its short one (绍兴市妇女联合会 → 绍兴市妇联), and
/// that without the city or county stem (市妇联). The name comes first.
fn short_names(d: &Directory, o: &crate::model::directory::Organization) -> Vec<String> {
    let t = &d.types[o.org_type];
    let mut names = vec![o.name.clone()];
    if !t.full_name.is_empty() && o.name.contains(&t.full_name) {
        names.push(o.name.replace(&t.full_name, &t.name));
    }
    // Only the top region's stem: 诸暨市妇联 minus 诸暨 would also be 市妇联,
    // and 市妇联 means the city's.
    let region = &d.regions[o.region];
    let stem = region.name.trim_end_matches(['市', '区', '县', '镇', '乡']);
    if region.parent.is_none() && stem.chars().count() >= 2 {
        for n in names.clone() {
            if let Some(rest) = n.strip_prefix(stem) {
                if rest.chars().count() >= 2 {
                    names.push(rest.to_string());
                }
            }
        }
    }
    // 诸暨妇联, 绍兴妇联: the place's stem and the type's short name.
    let any_stem = region
        .name
        .trim_end_matches("街道")
        .trim_end_matches(['市', '区', '县', '镇', '乡']);
    if any_stem.chars().count() >= 2 {
        names.push(format!("{any_stem}{}", t.name));
    }
    names.dedup();
    names
}

fn record_text(r: &crate::model::directory::Record) -> String {
    r.body
        .as_ref()
        .map(|b| plain_text(&b.text))
        .unwrap_or_default()
}

pub(super) fn directory_documents(d: &Directory, docs: &mut Vec<Document>) {
    for t in &d.types {
        let mut names = vec![t.name.clone(), t.full_name.clone()];
        names.extend(t.aliases.iter().cloned());
        let hotline = t
            .hotline
            .as_ref()
            .map_or(String::new(), |h| format!("{} {}", h.number, h.name));
        docs.push(Document {
            kind: 5,
            url: t.record.url.clone(),
            title: t.name.clone(),
            location: "组织类型".into(),
            meta: format!("{} {hotline}", names.join(" ")),
            names,
            body: record_text(&t.record),
            org_type: Some(
                d.types
                    .iter()
                    .position(|x| x.record.id == t.record.id)
                    .unwrap_or(0),
            ),
            boost: 90,
            ..Document::default()
        });
    }
    for (terms, label) in [(&d.needs, "需求"), (&d.audiences, "服务对象")] {
        for term in terms
            .iter()
            .filter(|t| !t.services.is_empty() || !t.organizations.is_empty())
        {
            let services: Vec<&str> = term
                .services
                .iter()
                .map(|&s| d.services[s].title.as_str())
                .collect();
            docs.push(Document {
                kind: 5,
                url: term.url.clone(),
                title: term.name.clone(),
                location: label.into(),
                meta: term.name.clone(),
                body: services.join("；"),
                // Asking for a need by its name: its page lists every service.
                exact: vec![term.name.clone()],
                boost: 90,
                ..Document::default()
            });
        }
    }
    for o in &d.organizations {
        let t = &d.types[o.org_type];
        let mut names = vec![t.name.clone(), t.full_name.clone()];
        names.extend(t.aliases.iter().cloned());
        let region = region_names(d, o.region);
        let services: Vec<&str> = o
            .services
            .iter()
            .map(|&s| d.services[s].title.as_str())
            .collect();
        let mut body = record_text(&o.record);
        body.push('\n');
        body.push_str(&o.phones.join(" "));
        for extra in [&o.address, &o.directions, &o.hours_note]
            .into_iter()
            .flatten()
        {
            body.push('\n');
            body.push_str(extra);
        }
        docs.push(Document {
            kind: 2,
            url: o.record.url.clone(),
            title: o.name.clone(),
            location: format!("{region} · {}", t.name),
            meta: format!(
                "{} {} {} {} {}",
                short_names(d, o)[1..].join(" "),
                d.regions[o.region].name,
                names.join(" "),
                o.serves.join(" "),
                services.join(" ")
            ),
            names: {
                let mut n = short_names(d, o);
                n.push(t.name.clone());
                n.push(d.regions[o.region].name.clone());
                n
            },
            body,
            exact: short_names(d, o),
            boost: match region_depth(d, o.region) {
                0 => 130,
                1 => 110,
                2 => 100,
                _ => 90,
            },
            org_type: Some(o.org_type),
            region: Some(o.region),
            audiences: o.serves.clone(),
            ..Document::default()
        });
    }
    for s in &d.services {
        let o = &d.organizations[s.provider];
        let t = &d.types[o.org_type];
        let mut body = vec![record_text(&s.record)];
        body.extend(s.eligibility.iter().cloned());
        body.extend(s.documents.iter().cloned());
        body.extend(s.steps.iter().cloned());
        body.extend(s.cost.iter().cloned());
        docs.push(Document {
            kind: 3,
            url: s.record.url.clone(),
            title: s.title.clone(),
            location: format!("{} · {}", region_names(d, o.region), o.name),
            meta: format!(
                "{} {} {} {} {}",
                o.name,
                t.name,
                d.regions[o.region].name,
                s.needs.join(" "),
                s.audiences.join(" ")
            ),
            names: vec![o.name.clone(), t.name.clone()],
            body: body.join("\n"),
            org_type: Some(o.org_type),
            region: Some(o.region),
            audiences: s.audiences.clone(),
            needs: s.needs.clone(),
            ..Document::default()
        });
    }
    for a in &d.activities {
        let organizers: Vec<String> = a
            .organizers
            .iter()
            .map(|&o| d.organizations[o].name.clone())
            .collect();
        let org_type = a.organizers.first().map(|&o| d.organizations[o].org_type);
        let date = a.start.date();
        let mut body = record_text(&a.record);
        body.push('\n');
        body.push_str(&a.place);
        docs.push(Document {
            kind: 4,
            url: a.record.url.clone(),
            title: a.title.clone(),
            location: format!(
                "{} · {}年{}月{}日",
                organizers.join("、"),
                date.year(),
                date.month(),
                date.day()
            ),
            meta: format!(
                "{} {} {}",
                organizers.join(" "),
                d.regions[a.region].name,
                a.audiences.join(" ")
            ),
            names: organizers,
            body,
            org_type,
            region: Some(a.region),
            audiences: a.audiences.clone(),
            ..Document::default()
        });
    }
}

/// One document per brand: its name, kind, level and year and its holder
/// (weighted as meta), its description; the holder organization's type
/// and region filter it too. No pinyin names, not the titles of its
/// services, and a low prior, so that a brand does not push the holder's
/// own page and services down.
pub(super) fn brand_documents(d: &Directory, docs: &mut Vec<Document>) {
    for b in &d.brands.list {
        let org = b.holder.organization.map(|o| &d.organizations[o]);
        let holder = b
            .holder
            .name
            .clone()
            .or(org.map(|o| o.name.clone()))
            .unwrap_or_default();
        docs.push(Document {
            kind: 6,
            url: b.record.url.clone(),
            title: b.name.clone(),
            location: match org {
                Some(o) => format!(
                    "{} · {holder} · {}{} · {}年",
                    region_names(d, o.region),
                    b.level.zh(),
                    b.kind.zh(),
                    b.year
                ),
                None => format!("{holder} · {}{} · {}年", b.level.zh(), b.kind.zh(), b.year),
            },
            meta: format!("{} {} {holder}", b.kind.zh(), b.level.zh()),
            body: record_text(&b.record),
            // Below the organizations and services it names: a brand is
            // found by its name and kind, not instead of the service.
            boost: 60,
            org_type: org.map(|o| o.org_type),
            region: org.map(|o| o.region),
            brand_kind: Some(b.kind),
            ..Document::default()
        });
    }
}
