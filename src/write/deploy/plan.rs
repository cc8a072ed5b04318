//! What a deploy does and in what order: the built files compared with
//! what the bucket holds, the changed ones put into upload groups, and the
//! objects no longer built marked for deletion.
//!
//! The order keeps every published page's links working while the deploy
//! runs: what is linked to goes up before what links to it. Static assets
//! and attachments first, then the search index's shards, then detail
//! pages, then list pages (section indexes and their pagination), then the
//! home page and 404, feeds, sitemaps, and the search manifest last (it
//! names the shards, so it must never point at shards not yet there).
//! Deletions come after every upload.

use std::collections::HashSet;

use super::headers::{HeaderRules, Headers};
use super::local::SiteFiles;
use super::manifest::Manifest;

/// An upload group; groups go up one after the other, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// CSS, scripts, images, attachments, open data: anything not below.
    Assets,
    /// `search/…` shards (not the search page, not the manifest).
    SearchIndex,
    /// Pages that no other page is below.
    DetailPages,
    /// Section index pages and their `page/N/` pagination.
    ListPages,
    /// `index.html` at the root and `404.html`.
    Home,
    /// `atom.xml` and iCalendar feeds.
    Feeds,
    /// `sitemap.xml` and the sitemap index's parts.
    Sitemaps,
    /// `search/manifest.json`.
    SearchManifest,
}

impl Group {
    /// Every group, in upload order.
    pub const ALL: [Group; 8] = [
        Group::Assets,
        Group::SearchIndex,
        Group::DetailPages,
        Group::ListPages,
        Group::Home,
        Group::Feeds,
        Group::Sitemaps,
        Group::SearchManifest,
    ];

    /// The group's name in progress lines and `--dry-run` output.
    pub fn name(self) -> &'static str {
        match self {
            Group::Assets => "assets",
            Group::SearchIndex => "search index",
            Group::DetailPages => "detail pages",
            Group::ListPages => "list pages",
            Group::Home => "home page",
            Group::Feeds => "feeds",
            Group::Sitemaps => "sitemaps",
            Group::SearchManifest => "search manifest",
        }
    }
}

/// One file to upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub path: String,
    pub group: Group,
    pub size: u64,
    pub md5: String,
    pub headers: Headers,
}

/// Everything a deploy will do.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The changed and new files, by group, then by path.
    pub uploads: Vec<Upload>,
    /// The paths to delete, sorted.
    pub deletes: Vec<String>,
    /// How many built files the bucket already holds as they are.
    pub unchanged: usize,
}

impl Plan {
    /// Compare the built files with what the bucket holds.
    pub fn new(local: &SiteFiles, stored: &Manifest, rules: &HeaderRules) -> Plan {
        let sections = sections(local);
        let mut plan = Plan::default();
        for (path, file) in local {
            let headers = rules.for_path(path);
            let same = stored.objects.get(path).is_some_and(|o| {
                o.md5 == file.md5
                    && o.size == file.size
                    && (o.headers.is_empty() || o.headers == headers.digest())
            });
            if same {
                plan.unchanged += 1;
            } else {
                plan.uploads.push(Upload {
                    path: path.clone(),
                    group: classify(path, &sections),
                    size: file.size,
                    md5: file.md5.clone(),
                    headers,
                });
            }
        }
        plan.uploads
            .sort_by(|a, b| (a.group, &a.path).cmp(&(b.group, &b.path)));
        plan.deletes = stored
            .objects
            .keys()
            .filter(|p| !local.contains_key(*p))
            .cloned()
            .collect();
        plan
    }

    /// The bytes the uploads send.
    pub fn upload_bytes(&self) -> u64 {
        self.uploads.iter().map(|u| u.size).sum()
    }
}

/// The folders that have pages below them at any depth (`zhengce` for
/// `zhengce/a/index.html`, and the root): their `index.html` is a list.
fn sections(local: &SiteFiles) -> HashSet<&str> {
    let mut sections = HashSet::new();
    for path in local.keys().filter(|p| p.ends_with(".html")) {
        let Some((dir, _)) = path.rsplit_once('/') else {
            continue;
        };
        sections.insert("");
        let mut d = dir;
        while let Some((up, _)) = d.rsplit_once('/') {
            sections.insert(up);
            d = up;
        }
    }
    sections
}

/// The group of one built file.
fn classify(path: &str, sections: &HashSet<&str>) -> Group {
    let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
    if path == "search/manifest.json" {
        return Group::SearchManifest;
    }
    if dir.is_empty() && name.starts_with("sitemap") && name.ends_with(".xml") {
        return Group::Sitemaps;
    }
    if name == "atom.xml"
        || name == "rss.xml"
        || name == crate::model::content::CHANGES_FEED
        || name.ends_with(".ics")
    {
        return Group::Feeds;
    }
    if path == "index.html" || path == "404.html" {
        return Group::Home;
    }
    if !(name.ends_with(".html") || name.ends_with(".htm")) {
        return if dir == "search" || dir.starts_with("search/") {
            Group::SearchIndex
        } else {
            Group::Assets
        };
    }
    let mut segments = dir.rsplit('/');
    let paginated = matches!(
        (segments.next(), segments.next()),
        (Some(n), Some("page")) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
    );
    if name == "index.html" && (sections.contains(dir) || paginated) {
        Group::ListPages
    } else {
        Group::DetailPages
    }
}

#[cfg(test)]
mod tests {
    use super::super::local::SiteFile;
    use super::super::manifest::StoredObject;
    use super::*;

    fn site(paths: &[&str]) -> SiteFiles {
        paths
            .iter()
            .map(|p| {
                let file = SiteFile {
                    size: p.len() as u64,
                    md5: super::super::local::md5_hex(p.as_bytes()),
                };
                (p.to_string(), file)
            })
            .collect()
    }

    #[test]
    fn groups_follow_the_safe_order() {
        let local = site(&[
            "index.html",
            "404.html",
            "atom.xml",
            "calendar.ics",
            "activities/a/event.ics",
            "sitemap.xml",
            "sitemap-1.xml",
            "search/manifest.json",
            "search/t/0.json",
            "search/index.html",
            "css/site.css",
            "data/services.csv",
            "policies/index.html",
            "policies/page/2/index.html",
            "policies/a/index.html",
            "policies/a/attachment.pdf",
            "about/index.html",
            "org/x/y/index.html",
        ]);
        let plan = Plan::new(&local, &Manifest::default(), &HeaderRules::default());
        let order: Vec<(Group, &str)> = plan
            .uploads
            .iter()
            .map(|u| (u.group, u.path.as_str()))
            .collect();
        use Group::*;
        assert_eq!(
            order,
            [
                (Assets, "css/site.css"),
                (Assets, "data/services.csv"),
                (Assets, "policies/a/attachment.pdf"),
                (SearchIndex, "search/t/0.json"),
                (DetailPages, "about/index.html"),
                (DetailPages, "org/x/y/index.html"),
                (DetailPages, "policies/a/index.html"),
                (DetailPages, "search/index.html"),
                (ListPages, "policies/index.html"),
                (ListPages, "policies/page/2/index.html"),
                (Home, "404.html"),
                (Home, "index.html"),
                (Feeds, "activities/a/event.ics"),
                (Feeds, "atom.xml"),
                (Feeds, "calendar.ics"),
                (Sitemaps, "sitemap-1.xml"),
                (Sitemaps, "sitemap.xml"),
                (SearchManifest, "search/manifest.json"),
            ]
        );
    }

    #[test]
    fn only_changed_files_upload_and_missing_ones_delete() {
        let local = site(&["index.html", "a/index.html", "b/index.html"]);
        let rules = HeaderRules::default();
        let mut stored = Manifest::default();
        for (path, f) in &local {
            stored.objects.insert(
                path.clone(),
                StoredObject {
                    md5: f.md5.clone(),
                    size: f.size,
                    headers: rules.for_path(path).digest(),
                },
            );
        }
        stored.objects.get_mut("a/index.html").unwrap().md5 = "0".repeat(32);
        // From a listing: headers unknown, ETag not an MD5.
        stored
            .objects
            .get_mut("b/index.html")
            .unwrap()
            .headers
            .clear();
        stored.objects.insert(
            "gone/index.html".into(),
            StoredObject {
                md5: String::new(),
                size: 1,
                headers: String::new(),
            },
        );
        let plan = Plan::new(&local, &stored, &rules);
        let up: Vec<&str> = plan.uploads.iter().map(|u| u.path.as_str()).collect();
        assert_eq!(up, ["a/index.html"]);
        assert_eq!(plan.deletes, ["gone/index.html"]);
        assert_eq!(plan.unchanged, 2);

        // A changed header rule re-uploads what it changes.
        stored.objects.get_mut("index.html").unwrap().headers = "ffffffff".into();
        let plan = Plan::new(&local, &stored, &rules);
        assert_eq!(plan.uploads.len(), 2);
    }
}
