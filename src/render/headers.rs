//! What every page shares: the header (site title and navigation) in one
//! variant per navigation entry, the site-wide values every template sees,
//! and the check that the templates pages name exist.

use std::path::Path;

use serde::Serialize;
use tera::Context;

use crate::base::diagnostics::Diagnostics;
use crate::model::config::Config;
use crate::model::content::{self, Content};
use crate::model::directory::Directory;
use crate::model::links::Urls;
use crate::render::Renderer;

/// The page header (site title and navigation), rendered once per
/// top-level section instead of once per page: it only differs in which
/// navigation entry is current, and rendering it for every page was a
/// quarter of the render time. Like Hugo's `partialCached`.
pub struct Headers {
    /// One header per navigation entry (the directory's own pages, then
    /// the top-level sections), then one for pages outside all of them.
    pub html: Vec<tera::Value>,
    /// The path of the top-level section each variant marks as current.
    pub paths: Vec<String>,
    /// For each section, which variant its pages use.
    pub of_section: Vec<usize>,
}

impl Headers {
    pub const TEMPLATE: &str = "partials/header.html";

    pub fn render(
        content: &Content,
        directory: &Directory,
        renderer: &Renderer,
    ) -> Result<Headers, Diagnostics> {
        let nav: Vec<usize> = content
            .sections
            .first()
            .map(|home| {
                home.subsections
                    .iter()
                    .copied()
                    .filter(|&i| !content.sections[i].hidden)
                    .collect()
            })
            .unwrap_or_default();
        // The directory's own pages first, as in the navigation (`globals`).
        let own: &[&str] = if directory.is_empty() {
            &[]
        } else {
            &DIRECTORY_NAV.map(|(_, path)| path)
        };
        let mut paths: Vec<String> = own.iter().map(|p| p.to_string()).collect();
        paths.extend(nav.iter().map(|&i| content.sections[i].path.clone()));
        paths.push(String::new());
        let mut html = Vec::with_capacity(paths.len());
        for path in &paths {
            let text = if renderer.has(Self::TEMPLATE) {
                let mut ctx = Context::new();
                ctx.insert("current_section", path);
                String::from_utf8_lossy(&renderer.render(Self::TEMPLATE, &ctx)?).into_owned()
            } else {
                String::new()
            };
            html.push(tera::Value::safe_string(&text));
        }
        let none = paths.len() - 1;
        let of_section = (0..content.sections.len())
            .map(|mut i| {
                while let Some(parent) = content.sections[i].parent {
                    if content.sections[parent].parent.is_none() {
                        break;
                    }
                    i = parent;
                }
                nav.iter()
                    .position(|&n| n == i)
                    .map_or(none, |n| own.len() + n)
            })
            .collect();
        Ok(Headers {
            html,
            paths,
            of_section,
        })
    }

    /// The variant of a page outside the sections (the directory's
    /// generated pages: `find/…`, `calendar/…`): the navigation entry whose
    /// path its output path starts with, else none.
    pub fn of_path(&self, output: &str) -> usize {
        let none = self.paths.len() - 1;
        self.paths[..none]
            .iter()
            .position(|p| !p.is_empty() && output.starts_with(p.as_str()))
            .unwrap_or(none)
    }
}

/// The directory's own pages in the navigation, before the sections:
/// 找组织 first, as article 6 asks.
const DIRECTORY_NAV: [(&str, &str); 2] = [("找组织", "find/"), ("活动日历", "calendar/")];

#[derive(Serialize)]
struct NavEntry {
    title: String,
    url: String,
    path: String,
}

#[derive(Serialize)]
struct SiteGlobals<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    language: &'a str,
    publisher: &'a str,
    feed: bool,
    sample_data: bool,
    extra: &'a std::collections::BTreeMap<String, serde_json::Value>,
}

/// Site-wide values every template sees (Tera's global context).
pub fn globals(config: &Config, content: &Content, directory: &Directory, urls: &Urls) -> Context {
    let mut globals = Context::new();
    let mut nav: Vec<NavEntry> = content
        .sections
        .first()
        .map(|home| {
            home.subsections
                .iter()
                .filter(|&&i| !content.sections[i].hidden)
                .map(|&i| NavEntry {
                    title: content.sections[i].title.clone(),
                    url: content.sections[i].url.clone(),
                    path: content.sections[i].path.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    globals.insert(
        "site",
        &SiteGlobals {
            title: &config.title,
            description: &config.description,
            base_url: &config.base_url,
            base_path: urls.base_path(),
            language: &config.language,
            publisher: &config.publisher,
            feed: config.feed,
            sample_data: config.sample_data,
            extra: &config.extra,
        },
    );
    if !directory.is_empty() {
        let own = DIRECTORY_NAV.map(|(title, path)| NavEntry {
            title: title.to_string(),
            url: urls.url(path),
            path: path.to_string(),
        });
        nav.splice(0..0, own);
    }
    globals.insert("nav", &nav);
    // The footer links the pages directly under the home page (关于本站)
    // and the open data, which no section lists, so every page is reached
    // by following links from the home page.
    let mut footer: Vec<NavEntry> = content
        .sections
        .first()
        .map(|home| {
            home.pages
                .iter()
                .map(|&i| NavEntry {
                    title: content.pages[i].title.clone(),
                    url: content.pages[i].url.clone(),
                    path: String::new(),
                })
                .collect()
        })
        .unwrap_or_default();
    if !directory.is_empty() {
        footer.push(NavEntry {
            title: "开放数据".to_string(),
            url: urls.url("data/"),
            path: "data/".to_string(),
        });
    }
    globals.insert("footer", &footer);
    globals.insert("base_path", urls.base_path());
    globals
}

/// Templates named in front matter must exist.
pub fn check_templates(content: &Content, renderer: &Renderer) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    let mut check = |file: &Path, disk: Option<&Path>, r: &Option<content::Reference>| {
        if let Some(r) = r {
            if !renderer.has(&r.target) {
                diagnostics.push(
                    content::diagnostic_at(
                        file,
                        disk,
                        r.offset,
                        r.len,
                        msg!("render-template-missing", name = &r.target),
                    )
                    .with_help(msg!("render-template-missing-help")),
                );
            }
        }
    };
    for p in &content.pages {
        check(&p.file, Some(&p.disk), &p.template);
    }
    for s in &content.sections {
        check(&s.file, s.disk.as_deref(), &s.template);
        check(&s.file, s.disk.as_deref(), &s.page_template);
    }
    diagnostics
}
