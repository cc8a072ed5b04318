//! The Atom writer: the site feed (`atom.xml`) of policy and news updates,
//! the newest dated pages, and each policies section's feed of changes
//! (`changes.xml`, see `changes`); times in China Standard Time (+08:00).

use std::fmt::Write;

use jiff::civil::DateTime;

use crate::base::escape::escape_xml;

/// One feed entry.
pub struct FeedEntry {
    /// The entry's unique, permanent id (an IRI).
    pub id: String,
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

/// What a feed is: its title, the page it is about (`link`, also its id)
/// and where the feed itself is served (`self_href`).
pub struct FeedHead<'a> {
    pub title: &'a str,
    pub link: &'a str,
    pub self_href: &'a str,
    pub author: &'a str,
    pub language: &'a str,
}

/// The site feed's XML. `entries` are newest first.
pub fn atom(title: &str, base_url: &str, language: &str, entries: &[FeedEntry]) -> String {
    let self_href = format!("{base_url}atom.xml");
    write_atom(
        &FeedHead {
            title,
            link: base_url,
            self_href: &self_href,
            author: title,
            language,
        },
        entries,
    )
}

/// A feed's XML. `entries` are newest first.
pub fn write_atom(head: &FeedHead<'_>, entries: &[FeedEntry]) -> String {
    let updated = entries
        .iter()
        .map(|e| e.updated)
        .max()
        .unwrap_or_else(|| DateTime::new(2000, 1, 1, 0, 0, 0, 0).expect("a valid date"));
    let mut xml = String::new();
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{}</id>\n  <link href=\"{}\"/>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n  <updated>{}</updated>\n  <author><name>{}</name></author>\n",
        escape_xml(head.language),
        escape_xml(head.title),
        escape_xml(head.link),
        escape_xml(head.link),
        escape_xml(head.self_href),
        rfc3339(updated),
        escape_xml(head.author),
    );
    for e in entries {
        let _ = write!(
            xml,
            "  <entry>\n    <title>{}</title>\n    <link href=\"{}\"/>\n    <id>{}</id>\n    <published>{}</published>\n    <updated>{}</updated>\n    <summary>{}</summary>\n  </entry>\n",
            escape_xml(&e.title),
            escape_xml(&e.permalink),
            escape_xml(&e.id),
            rfc3339(e.published),
            rfc3339(e.updated),
            escape_xml(&e.summary),
        );
    }
    xml.push_str("</feed>\n");
    xml
}
