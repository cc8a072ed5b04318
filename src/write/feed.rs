//! The Atom feed (`atom.xml`) of policy and news updates: the newest dated
//! pages, times in China Standard Time (+08:00).

use std::fmt::Write;

use jiff::civil::DateTime;

use crate::base::escape::escape_xml;

/// One feed entry.
pub struct FeedEntry {
    pub title: String,
    pub permalink: String,
    pub published: DateTime,
    pub updated: DateTime,
    pub summary: String,
}

/// RFC 3339 in China Standard Time.
pub fn rfc3339(d: DateTime) -> String {
    format!("{}+08:00", d.strftime("%Y-%m-%dT%H:%M:%S"))
}

/// The feed's XML. `entries` are newest first.
pub fn atom(title: &str, base_url: &str, language: &str, entries: &[FeedEntry]) -> String {
    let updated = entries
        .iter()
        .map(|e| e.updated)
        .max()
        .unwrap_or_else(|| DateTime::new(2000, 1, 1, 0, 0, 0, 0).expect("a valid date"));
    let mut xml = String::new();
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{}</id>\n  <link href=\"{}\"/>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}atom.xml\"/>\n  <updated>{}</updated>\n  <author><name>{}</name></author>\n",
        escape_xml(language),
        escape_xml(title),
        escape_xml(base_url),
        escape_xml(base_url),
        escape_xml(base_url),
        rfc3339(updated),
        escape_xml(title),
    );
    for e in entries {
        let _ = write!(
            xml,
            "  <entry>\n    <title>{}</title>\n    <link href=\"{}\"/>\n    <id>{}</id>\n    <published>{}</published>\n    <updated>{}</updated>\n    <summary>{}</summary>\n  </entry>\n",
            escape_xml(&e.title),
            escape_xml(&e.permalink),
            escape_xml(&e.permalink),
            rfc3339(e.published),
            rfc3339(e.updated),
            escape_xml(&e.summary),
        );
    }
    xml.push_str("</feed>\n");
    xml
}
