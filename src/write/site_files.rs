//! The files that need the whole site: sitemap, Atom feed, robots.txt, the
//! site calendar and the open data.

use crate::base::sink::Emit;
use crate::model::directory::pages::DirPage;
use crate::model::site::Site;
use crate::write::changes;
use crate::write::feed::{self, FeedEntry};
use crate::write::open_data;
use crate::write::sitemap::{self, Entry};

/// sitemap, feed and robots.txt, and the [`directory_files`] (whose
/// layout it returns). `articles` holds each policy's article ids.
pub fn site_files(
    site: &Site,
    articles: &[Vec<String>],
    emit: &mut Emit<'_>,
) -> Option<open_data::OpenData> {
    let mut files: Vec<(String, String)> = sitemap(site, articles);
    let c = &site.content;
    if site.config.feed {
        let mut dated: Vec<usize> = (0..c.pages.len())
            .filter(|&i| c.pages[i].date.is_some())
            .collect();
        dated.sort_by(|&a, &b| {
            let key = |i: usize| c.pages[i].updated.or(c.pages[i].date);
            key(b)
                .cmp(&key(a))
                .then(c.pages[a].rel.cmp(&c.pages[b].rel))
        });
        dated.truncate(site.config.feed_limit);
        let entries: Vec<FeedEntry> = dated
            .into_iter()
            .map(|i| {
                let p = &c.pages[i];
                let published = p.date.expect("filtered to dated pages");
                FeedEntry {
                    id: site.urls.permalink(&p.path),
                    title: p.title.clone(),
                    permalink: site.urls.permalink(&p.path),
                    published,
                    updated: p.updated.unwrap_or(published),
                    summary: p.description.clone().unwrap_or_else(|| p.summary.clone()),
                }
            })
            .collect();
        files.push((
            "atom.xml".into(),
            feed::atom(
                &site.config.title,
                &site.config.base_url,
                &site.config.language,
                &entries,
            ),
        ));
    }
    if site.config.feed {
        files.extend(changes::feeds(site));
    }
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    if site.config.sitemap {
        robots.push_str(&format!("Sitemap: {}sitemap.xml\n", site.config.base_url));
    }
    files.push(("robots.txt".into(), robots));
    for (name, text) in files {
        emit.bytes(&name, text.as_bytes());
    }
    directory_files(site, emit)
}

/// The sitemap (in parts, when it is long): every page's and section's
/// address; none when the configuration turns it off. `articles` holds
/// each policy's article ids.
pub fn sitemap(site: &Site, articles: &[Vec<String>]) -> Vec<(String, String)> {
    if !site.config.sitemap {
        return vec![];
    }
    let c = &site.content;
    let mut entries = vec![];
    for s in &c.sections {
        entries.push(Entry {
            loc: site.urls.permalink(&s.path),
            lastmod: None,
        });
    }
    for (i, p) in c.pages.iter().enumerate() {
        let lastmod = p.updated.or(p.date).map(|d| d.date().to_string());
        entries.push(Entry {
            loc: site.urls.permalink(&p.path),
            lastmod: lastmod.clone(),
        });
        for eid in &articles[i] {
            entries.push(Entry {
                loc: site.urls.permalink(&format!("{}{eid}/", p.path)),
                lastmod: lastmod.clone(),
            });
        }
        // Earlier texts are pages of their own (each its own canonical,
        // as legislation.gov.uk keeps every version findable), and so is
        // each comparison; only the text in force is in the search index.
        if let Some(h) = &site.resolved.histories[i] {
            for (k, v) in h.versions.iter().enumerate() {
                if k + 1 < h.versions.len() {
                    entries.push(Entry {
                        loc: site
                            .urls
                            .permalink(&format!("{}{}", p.path, h.compare_path(k))),
                        lastmod: None,
                    });
                }
                if v.in_force {
                    continue;
                }
                let base = format!("{}{}", p.path, h.version_path(k));
                entries.push(Entry {
                    loc: site.urls.permalink(&base),
                    lastmod: None,
                });
                for (eid, _) in &v.articles {
                    entries.push(Entry {
                        loc: site.urls.permalink(&format!("{base}{eid}/")),
                        lastmod: None,
                    });
                }
            }
        }
    }
    for page in DirPage::all(&site.directory) {
        entries.push(Entry {
            loc: site.urls.permalink(&page.path(&site.directory)),
            lastmod: None,
        });
    }
    sitemap::files(entries, &site.config.base_url)
}

/// Files made from the whole directory, the site calendar and open
/// data, handed to `emit` one at a time; where each record's piece went in
/// them (see [`open_data::OpenData`]), or `None` when a file was not made.
pub fn directory_files(site: &Site, emit: &mut Emit<'_>) -> Option<open_data::OpenData> {
    open_data::write_files(site, emit)
}
