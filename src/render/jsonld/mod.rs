//! All of the site's schema.org JSON-LD: here `Legislation` for policies
//! (with an `@id` for every article in `hasPart`) and their articles,
//! `Article` for interpretations, `WebPage` otherwise; the directory's
//! records in [`directory`]. The JSON is made safe to embed in a
//! `<script>` element.

pub mod directory;

use serde_json::{Value, json};

use crate::model::content::{Content, Page, PolicyMeta};
use crate::model::links::Urls;
use crate::model::policy::{Article, PolicyDocument};
use crate::model::site::Resolved;
use crate::model::validity::Validity;

/// Serialise for a `<script type="application/ld+json">` block: `<`, `>`
/// and `&` are escaped so no text can close the element.
pub fn to_script(value: &Value) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "{}".to_string());
    if !json.contains(['<', '>', '&']) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            _ => out.push(c),
        }
    }
    out
}

/// schema.org's legal force for a policy's validity on the build's day:
/// amended is in force as amended (partially), not yet in force is not in
/// force.
pub fn legal_force(validity: Validity) -> &'static str {
    match validity {
        Validity::InForce => "https://schema.org/InForce",
        Validity::Amended => "https://schema.org/PartiallyInForce",
        Validity::NotYetInForce | Validity::Repealed | Validity::Expired => {
            "https://schema.org/NotInForce"
        }
    }
}

/// The dates of validity: `legislationDateOfApplicability` (施行日期) and
/// CreativeWork's `expires` (有效期), when written.
fn validity_dates(v: &mut Value, meta: &PolicyMeta) {
    if let Some(e) = meta.effective {
        v["legislationDateOfApplicability"] = json!(e.to_string());
    }
    if let Some(x) = meta.expires {
        v["expires"] = json!(x.to_string());
    }
}

fn article_part(a: &Article, permalink: &str) -> Value {
    json!({
        "@type": "Legislation",
        "@id": format!("{permalink}#{}", a.eid),
        "name": a.title(),
        "legislationIdentifier": format!("{permalink}#{}", a.eid),
        "url": format!("{permalink}{}/", a.eid),
    })
}

/// JSON-LD for a policy page.
pub fn policy(page: &Page, doc: &PolicyDocument, permalink: &str, language: &str) -> Value {
    let meta = page.policy_meta.as_ref().expect("policies have metadata");
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "Legislation",
        "@id": permalink,
        "url": permalink,
        "name": page.title,
        "inLanguage": language,
        "legislationIdentifier": meta.doc_number.clone().unwrap_or_else(|| permalink.to_string()),
        "legislationDate": meta.written.to_string(),
        "legislationPassedBy": { "@type": "Organization", "name": meta.issuer },
        "legislationLegalForce": legal_force(meta.validity),
    });
    validity_dates(&mut v, meta);
    // Its articles, each declared on its own page; a text without
    // articles (an amending decision) has no parts to list.
    let parts: Vec<Value> = doc
        .articles
        .iter()
        .map(|a| article_part(a, permalink))
        .collect();
    if !parts.is_empty() {
        v["hasPart"] = json!(parts);
    }
    if let Some(p) = meta.published {
        v["datePublished"] = json!(p.to_string());
    }
    if let Some(s) = &meta.short_title {
        v["alternateName"] = json!(s);
    }
    if !meta.topics.is_empty() {
        v["keywords"] = json!(meta.topics.join(","));
    }
    v
}

/// JSON-LD for an article's own page.
pub fn article(page: &Page, a: &Article, policy_permalink: &str, language: &str) -> Value {
    let meta = page.policy_meta.as_ref().expect("policies have metadata");
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "Legislation",
        "@id": format!("{policy_permalink}#{}", a.eid),
        "url": format!("{policy_permalink}{}/", a.eid),
        "name": format!("{} {}", page.title, a.title()),
        "inLanguage": language,
        "legislationIdentifier": format!("{policy_permalink}#{}", a.eid),
        "legislationDate": meta.written.to_string(),
        "legislationPassedBy": { "@type": "Organization", "name": meta.issuer },
        "legislationLegalForce": legal_force(meta.validity),
        "isPartOf": { "@type": "Legislation", "@id": policy_permalink, "name": page.title },
    });
    validity_dates(&mut v, meta);
    v
}

/// JSON-LD for any other page.
pub fn page(
    content: &Content,
    resolved: &Resolved,
    urls: &Urls,
    i: usize,
    language: &str,
) -> Value {
    let p = &content.pages[i];
    let permalink = urls.permalink(&p.path);
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": if resolved.interprets[i].is_some() { "Article" } else { "WebPage" },
        "@id": permalink,
        "url": permalink,
        "name": p.title,
        "inLanguage": language,
    });
    if resolved.interprets[i].is_some() {
        v["headline"] = json!(p.title);
    }
    if let Some(d) = p.date {
        v["datePublished"] = json!(d.date().to_string());
    }
    if let Some(d) = p.updated {
        v["dateModified"] = json!(d.date().to_string());
    }
    if let Some(desc) = &p.description {
        v["description"] = json!(desc);
    }
    if let Some(t) = resolved.interprets[i] {
        v["about"] = json!({ "@type": "Legislation", "@id": urls.permalink(&content.pages[t].path), "name": content.pages[t].title });
    }
    v
}

#[cfg(test)]
mod tests {
    #[test]
    fn script_text_cannot_close_the_element() {
        let v = serde_json::json!({"name": "</script><b>&"});
        let s = super::to_script(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }
}
