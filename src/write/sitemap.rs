//! `sitemap.xml`, split into numbered sitemaps under a sitemap index when
//! there are more than 50,000 URLs, as the sitemaps protocol requires.

use std::fmt::Write;

use crate::base::escape::escape_xml;

/// The protocol's limit of URLs per sitemap file.
pub const MAX_URLS: usize = 50_000;

/// One URL of the site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    pub loc: String,
    pub lastmod: Option<String>,
}

/// The files to write: `(name, xml)`. `base_url` ends with `/`.
pub fn files(mut entries: Vec<Entry>, base_url: &str) -> Vec<(String, String)> {
    entries.sort();
    entries.dedup_by(|a, b| a.loc == b.loc);
    if entries.len() <= MAX_URLS {
        return vec![("sitemap.xml".to_string(), urlset(&entries))];
    }
    let mut out = vec![];
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in entries.chunks(MAX_URLS).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        let _ = writeln!(
            index,
            "  <sitemap>\n    <loc>{}{name}</loc>\n  </sitemap>",
            escape_xml(base_url)
        );
        out.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    out.push(("sitemap.xml".to_string(), index));
    out
}

fn urlset(entries: &[Entry]) -> String {
    let mut xml = String::with_capacity(entries.len() * 100 + 200);
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for e in entries {
        let _ = write!(xml, "  <url>\n    <loc>{}</loc>\n", escape_xml(&e.loc));
        if let Some(m) = &e.lastmod {
            let _ = writeln!(xml, "    <lastmod>{m}</lastmod>");
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_sites_get_one_file() {
        let f = files(
            vec![Entry {
                loc: "https://a.org/x/".into(),
                lastmod: None,
            }],
            "https://a.org/",
        );
        assert_eq!(f.len(), 1);
        assert!(f[0].1.contains("<loc>https://a.org/x/</loc>"));
    }

    #[test]
    fn large_sites_get_an_index() {
        let entries = (0..MAX_URLS + 1)
            .map(|i| Entry {
                loc: format!("https://a.org/{i}/"),
                lastmod: None,
            })
            .collect();
        let f = files(entries, "https://a.org/");
        assert_eq!(f.len(), 3);
        assert_eq!(f[2].0, "sitemap.xml");
        assert!(f[2].1.contains("<sitemapindex"));
        assert!(f[2].1.contains("https://a.org/sitemap-2.xml"));
        assert_eq!(f[1].1.matches("<url>").count(), 1);
    }
}
