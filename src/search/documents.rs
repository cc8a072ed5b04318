//! What is indexed: one [`Document`] per page, per policy, per policy
//! article (a result lands on `#art_6`), per organization type,
//! organization, service and activity, with its fields (title, meta, body),
//! where it sits, its exact names and its facet values. Built from the
//! loaded site; page files are read again (texts are not kept in memory).

use rayon::prelude::*;

use crate::load::body::PageText;
use crate::model::content::PageType;
use crate::model::directory::Directory;
use crate::model::site::Site;
use crate::model::text::{plain_text, plain_text_and_headings};

/// The kinds of result, in facet order, with their labels.
pub const KINDS: &[(&str, &str)] = &[
    ("policy", "政策"),
    ("article", "条款"),
    ("org", "组织"),
    ("service", "服务"),
    ("activity", "活动"),
    ("page", "页面"),
];

/// One search result to be.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Index into [`KINDS`].
    pub kind: usize,
    /// URL path with the base path (`/policies/x/#art_6`).
    pub url: String,
    pub title: String,
    /// Where it sits: region and organization, or policy and chapter.
    pub location: String,
    /// Names, places, headings: weighted between title and body.
    pub meta: String,
    /// Names in `meta` that also get pinyin (type names, organizers).
    pub names: Vec<String>,
    /// The title of an ordinary page or a policy: indexed by its
    /// characters only, without pinyin (pinyin is for the names and
    /// titles people type it for: records, types and article headings).
    pub prose_title: bool,
    pub body: String,
    /// Names that give the exact-name boost (organizations; needs and
    /// audiences on their browse pages).
    pub exact: Vec<String>,
    /// Organization type (index into `Directory::types`).
    pub org_type: Option<usize>,
    /// Region (index into `Directory::regions`); its ancestors count too.
    pub region: Option<usize>,
    pub audiences: Vec<String>,
    pub needs: Vec<String>,
    /// An ordinary page whose text is read only when it is indexed: its
    /// index in the site's pages; [`fill`] reads it into `meta` and `body`.
    pub lazy: Option<usize>,
    /// A document's prior, in percent of its impacts: the city's
    /// organizations above a county's above a township's, browse pages
    /// below the records they list (100 = neutral).
    pub boost: u32,
}

/// Every document of the site, in no particular order.
pub fn collect(site: &Site) -> Vec<Document> {
    let content = &site.content;
    let mut docs: Vec<Document> = content
        .pages
        .par_iter()
        .enumerate()
        .filter(|(_, p)| !p.draft)
        .flat_map_iter(|(index, page)| {
            let section = content
                .sections
                .get(page.section)
                .map(|s| s.title.clone())
                .unwrap_or_default();
            page_documents(site, index, page, section)
        })
        .collect();
    directory_documents(&site.directory, &mut docs);
    // Texts built by pushing keep spare capacity; a large site holds
    // every document's text until it is indexed.
    docs.par_iter_mut().for_each(|d| {
        d.body.shrink_to_fit();
        d.meta.shrink_to_fit();
    });
    docs
}

fn page_documents(
    site: &Site,
    index: usize,
    page: &crate::model::content::Page,
    section: String,
) -> Vec<Document> {
    if page.page_type != PageType::Policy {
        // Read when it is indexed (see `fill`): a large site's texts are
        // then never all in memory at once.
        return vec![Document {
            kind: 5,
            url: page.url.clone(),
            title: page.title.clone(),
            location: section,
            meta: page.description.clone().unwrap_or_default(),
            lazy: Some(index),
            prose_title: true,
            ..Document::default()
        }];
    }
    // A page that cannot be read again was reported by the render.
    let Ok(policy) = PageText::of_page(page).map(|t| t.policy()) else {
        return vec![];
    };
    let Ok(policy) = policy else {
        return vec![];
    };
    let meta = page.policy_meta.as_ref().map_or(String::new(), |m| {
        [m.issuer.as_str(), m.doc_number.as_deref().unwrap_or("")].join(" ")
    });
    let mut intro: Vec<String> = Vec::new();
    if let Some(n) = &policy.notice {
        intro.extend(n.header.iter().map(|b| b.text.text.clone()));
        intro.extend(n.blocks.iter().map(|b| b.text.text.clone()));
    }
    intro.extend(policy.preamble.iter().map(|b| b.text.text.clone()));
    for c in &policy.chapters {
        intro.extend(c.intro.iter().map(|b| b.text.text.clone()));
    }
    let chapters: Vec<String> = policy
        .chapters
        .iter()
        .map(|c| format!("{} {}", c.num, c.heading.text))
        .collect();
    let mut docs = vec![Document {
        kind: 0,
        url: page.url.clone(),
        title: page.title.clone(),
        location: section,
        meta: format!("{meta} {}", chapters.join(" ")),
        body: intro.join("\n"),
        prose_title: true,
        ..Document::default()
    }];
    let implemented = &site.directory.implemented_by;
    for a in &policy.articles {
        let chapter = a.chapter.and_then(|c| policy.chapters.get(c));
        let chapter_text =
            chapter.map_or(String::new(), |c| format!("{} {}", c.num, c.heading.text));
        let heading = a.heading.as_ref().map_or(String::new(), |h| h.text.clone());
        let mut body: Vec<String> = Vec::new();
        for p in &a.paragraphs {
            body.push(p.text.text.clone());
            push_items(&p.items, &mut body);
        }
        let mut location = page.title.clone();
        if !chapter_text.is_empty() {
            location.push_str(" › ");
            location.push_str(&chapter_text);
        }
        // Who carries the article out (落实情况) helps find it.
        let implementers: Vec<String> = implemented
            .get(&(index, a.eid.clone()))
            .map(|services| {
                services
                    .iter()
                    .map(|&s| site.directory.services[s].title.clone())
                    .collect()
            })
            .unwrap_or_default();
        docs.push(Document {
            kind: 1,
            url: format!("{}#{}", page.url, a.eid),
            title: if heading.is_empty() {
                a.label.clone()
            } else {
                format!("{} {}", a.label, heading)
            },
            location,
            meta: format!(
                "第{}条 {chapter_text} {}",
                numeral(a.number),
                implementers.join(" ")
            ),
            body: body.join("\n"),
            ..Document::default()
        });
    }
    docs
}

/// 1 → 一, 12 → 十二, 30 → 三十, 105 → 一百零五 (article numbers as people say them).
pub fn numeral(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n as usize].to_string(),
        10..=19 => format!(
            "十{}",
            if n == 10 {
                ""
            } else {
                DIGITS[(n % 10) as usize]
            }
        ),
        20..=99 => format!(
            "{}十{}",
            DIGITS[(n / 10) as usize],
            if n % 10 == 0 {
                ""
            } else {
                DIGITS[(n % 10) as usize]
            }
        ),
        100..=999 => {
            let rest = n % 100;
            let tail = match rest {
                0 => String::new(),
                1..=9 => format!("零{}", DIGITS[rest as usize]),
                10..=19 => format!("一{}", numeral(rest)),
                _ => numeral(rest),
            };
            format!("{}百{tail}", DIGITS[(n / 100) as usize])
        }
        _ => n.to_string(),
    }
}

/// Read a lazy document's text: its headings join `meta`, its text is
/// `body`. A page that cannot be read was reported by the render; it is
/// indexed by its title then.
pub fn fill(site: &Site, d: &mut Document) {
    let Some(page) = d.lazy.take().and_then(|i| site.content.pages.get(i)) else {
        return;
    };
    let Ok(text) = PageText::of_page(page) else {
        return;
    };
    let (headings, plain) = plain_text_and_headings(text.body());
    if !headings.is_empty() {
        d.meta.push(' ');
        d.meta.push_str(&headings);
    }
    d.body = plain;
}

fn push_items(items: &[crate::model::policy::Item], out: &mut Vec<String>) {
    for i in items {
        out.push(i.text.text.clone());
        push_items(&i.items, out);
    }
}

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

fn directory_documents(d: &Directory, docs: &mut Vec<Document>) {
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
