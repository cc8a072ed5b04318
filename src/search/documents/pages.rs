//! The documents of the site's pages: an ordinary page (its text read only
//! when it is indexed, by [`fill`]), and a policy with one document for
//! itself and one per article.

use super::Document;
use crate::load::body::PageText;
use crate::model::content::PageType;
use crate::model::library::{LibraryFacet, LibraryValue};
use crate::model::site::Site;
use crate::model::text::plain_text_and_headings;
use crate::model::validity::Validity;

pub(super) fn page_documents(
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
    let Ok(mut policy) = policy else {
        return vec![];
    };
    // Texts in force first: a policy not in force on the build's day, and
    // its articles, weigh less.
    let boost = page
        .policy_meta
        .as_ref()
        .map_or(0, |m| validity_prior(m.validity));
    // The library's facets, with the values its filter pages have.
    let library: Vec<(LibraryFacet, LibraryValue)> = page
        .policy_meta
        .as_ref()
        .map(|m| {
            LibraryFacet::ALL
                .iter()
                .flat_map(|&f| f.values(m).into_iter().map(move |v| (f, v)))
                .collect()
        })
        .unwrap_or_default();
    let meta = page.policy_meta.as_ref().map_or(String::new(), |m| {
        [m.issuer.as_str(), m.doc_number.as_deref().unwrap_or("")].join(" ")
    });
    let mut intro: Vec<String> = Vec::new();
    if let Some(n) = &policy.notice {
        intro.extend(n.header.iter().map(|b| b.text.text.clone()));
        intro.extend(n.blocks.iter().map(|b| b.text.text.clone()));
    }
    intro.extend(policy.preamble.iter().map(|b| b.text.text.clone()));
    for p in &policy.parts {
        intro.extend(p.intro.iter().map(|b| b.text.text.clone()));
    }
    for c in &policy.chapters {
        intro.extend(c.intro.iter().map(|b| b.text.text.clone()));
    }
    // Attachments have no pages of their own: their words find the policy.
    for a in &mut policy.attachments {
        intro.push(a.num.clone());
        intro.extend(a.title.as_ref().map(|t| t.text.clone()));
        intro.extend(a.body.texts_mut().into_iter().map(|t| t.text.clone()));
    }
    let chapters: Vec<String> = policy
        .parts
        .iter()
        .map(|p| format!("{} {}", p.num, p.heading.text))
        .chain(
            policy
                .chapters
                .iter()
                .map(|c| format!("{} {}", c.num, c.heading.text)),
        )
        .collect();
    let mut docs = vec![Document {
        kind: 0,
        url: page.url.clone(),
        title: page.title.clone(),
        location: section,
        meta: format!("{meta} {}", chapters.join(" ")),
        body: intro.join("\n"),
        prose_title: true,
        boost,
        library: library.clone(),
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
                "第{}条{} {chapter_text} {}",
                numeral(a.number),
                a.sub
                    .map(|s| format!("之{}", numeral(s)))
                    .unwrap_or_default(),
                implementers.join(" ")
            ),
            body: body.join("\n"),
            boost,
            library: library.clone(),
            ..Document::default()
        });
    }
    docs
}

/// A policy's prior in search by its 时效性 (100 = neutral): in force,
/// then not yet in force, then amended, then expired or repealed.
fn validity_prior(v: Validity) -> u32 {
    match v {
        Validity::InForce => 100,
        Validity::NotYetInForce => 90,
        Validity::Amended => 75,
        Validity::Expired | Validity::Repealed => 50,
    }
}

/// 1 → 一, 12 → 十二, 30 → 三十, 105 → 一百零五 (article numbers as people say them).
fn numeral(n: u32) -> String {
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
pub(crate) fn fill(site: &Site, d: &mut Document) {
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
