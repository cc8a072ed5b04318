//! gongkai (公开): a static site generator for policy documents and the
//! service directories of public organisations.
//!
//! The pipeline: [`content::load`] reads `content/` into the model,
//! [`resolve::resolve`] renders bodies and completes links and relations,
//! [`render`] turns the model into pages through the theme's templates, and
//! [`output`] writes them into a staging folder that replaces the output
//! only when everything succeeded.

pub mod config;
pub mod content;
pub mod diagnostics;
pub mod init;
pub mod markdown;
pub mod output;
pub mod policy;
pub mod render;
pub mod resolve;

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use config::Config;
use content::Content;
use content::front_matter::PageType;
use diagnostics::{Diagnostic, Diagnostics};
use output::Staging;
use output::feed::{self, FeedEntry};
use output::sitemap::{self, Entry};
use render::views::{
    self, ArticleView, ChapterView, PageSummary, PageView, Paginator, SectionView,
};
use render::{Renderer, jsonld, theme::Theme};
use resolve::{Resolved, Urls};

/// Print how long a stage took, when `GONGKAI_TIMINGS` is set (for the
/// benchmarks; never in normal output).
fn timing(stage: &str, since: Instant) {
    if std::env::var_os("GONGKAI_TIMINGS").is_some() {
        eprintln!(
            "timing: {stage:<10} {:>8.1} ms",
            since.elapsed().as_secs_f64() * 1000.0
        );
    }
}

/// What a build is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Where the site goes; `root/public` by default.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
        }
    }

    fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a build did.
#[derive(Debug, Default, Clone)]
pub struct BuildReport {
    pub pages: usize,
    pub sections: usize,
    pub articles: usize,
    pub files_written: usize,
    pub seconds: f64,
}

/// A loaded, resolved site, ready to render.
pub struct Site {
    pub config: Config,
    pub content: Content,
    pub resolved: Resolved,
    pub urls: Urls,
    renderer: Renderer,
    root: PathBuf,
    theme: Theme,
}

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
    extra: &'a std::collections::BTreeMap<String, serde_json::Value>,
}

impl Site {
    /// Load and resolve the site at `options.root`: everything `build`
    /// validates, without writing.
    pub fn load(options: &BuildOptions) -> Result<Site, Diagnostics> {
        let started = Instant::now();
        let root = options.root.clone();
        let mut config = Config::load(&root)?;
        if let Some(url) = &options.base_url {
            config.set_base_url(url)?;
        }
        let urls = Urls::new(&config);
        let theme = Theme::load(&root, &config.theme)?;
        let (content, renderer) = rayon::join(
            || content::load(&root, options.drafts),
            || Renderer::new(&theme),
        );
        // Report content and template problems together.
        let (mut content, mut renderer) = match (content, renderer) {
            (Ok(c), Ok(r)) => (c, r),
            (c, r) => {
                let mut all = Diagnostics::default();
                if let Err(d) = c {
                    all.extend(d.0);
                }
                if let Err(d) = r {
                    all.extend(d.0);
                }
                all.sort();
                return Err(all);
            }
        };
        timing("load", started);
        let started = Instant::now();
        // Missing templates and broken links are reported together.
        let template_errors = check_templates(&content, &renderer);
        let resolved = match (
            resolve::resolve(&config, &mut content, &urls),
            template_errors,
        ) {
            (Ok(r), Ok(())) => r,
            (r, t) => {
                let mut all = Diagnostics::default();
                all.extend(r.err().map(|d| d.0).unwrap_or_default());
                all.extend(t.err().map(|d| d.0).unwrap_or_default());
                all.sort();
                return Err(all);
            }
        };
        timing("resolve", started);
        {
            let mut globals = Context::new();
            let nav: Vec<NavEntry> = content
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
                    extra: &config.extra,
                },
            );
            globals.insert("nav", &nav);
            globals.insert("base_path", urls.base_path());
            renderer.set_globals(globals);
        }
        Ok(Site {
            config,
            content,
            resolved,
            urls,
            renderer,
            root,
            theme,
        })
    }

    /// Render every output file and hand it to `sink` (in parallel).
    fn render_all(&self, sink: &Sink<'_>) -> Result<BuildReport, Diagnostics> {
        let content = &self.content;
        let tasks: Vec<Task> = self.tasks();
        let results: Vec<Result<(), Diagnostic>> = tasks
            .par_iter()
            .map(|t| self.render_task(t, sink))
            .collect();
        let mut diagnostics = Diagnostics::default();
        for r in results {
            if let Err(d) = r {
                diagnostics.push(d);
            }
        }
        // Files that need the whole site.
        let extra: Vec<(String, String)> = self.site_files();
        for (name, text) in extra {
            if let Err(d) = sink(&name, text.as_bytes()) {
                diagnostics.push(d);
            }
        }
        let articles = self
            .resolved
            .page_bodies
            .iter()
            .filter_map(|b| b.policy.as_ref())
            .map(|d| d.articles.len())
            .sum();
        diagnostics.into_result(BuildReport {
            pages: content.pages.len(),
            sections: content.sections.len(),
            articles,
            files_written: tasks.len(),
            seconds: 0.0,
        })
    }

    fn tasks(&self) -> Vec<Task> {
        let mut tasks = vec![Task::NotFound];
        for (i, s) in self.content.sections.iter().enumerate() {
            let per = s.paginate_by.unwrap_or(self.config.paginate_by).max(1);
            let total_pages = s.pages.len().div_ceil(per).max(1);
            for n in 1..=total_pages {
                tasks.push(Task::Section { index: i, pager: n });
            }
        }
        for (i, b) in self.resolved.page_bodies.iter().enumerate() {
            tasks.push(Task::Page(i));
            if let Some(doc) = &b.policy {
                tasks.extend((0..doc.articles.len()).map(|a| Task::Article {
                    page: i,
                    article: a,
                }));
            }
        }
        tasks
    }

    fn render_task(&self, task: &Task, sink: &Sink<'_>) -> Result<(), Diagnostic> {
        let content = &self.content;
        let lang = &self.config.language;
        let mut ctx = Context::new();
        let (template, path): (String, String) = match *task {
            Task::NotFound => ("404.html".into(), "404.html".into()),
            Task::Section { index, pager } => {
                let s = &content.sections[index];
                let per = s.paginate_by.unwrap_or(self.config.paginate_by).max(1);
                let total_pages = s.pages.len().div_ceil(per).max(1);
                let list = s.pages.iter().skip((pager - 1) * per).take(per);
                let paginator = Paginator {
                    pages: list
                        .map(|&p| PageSummary::of(content, &self.resolved, p))
                        .collect(),
                    current: pager,
                    total: s.pages.len(),
                    total_pages,
                    previous: (pager > 1)
                        .then(|| self.urls.url(&views::pager_path(&s.path, pager - 1))),
                    next: (pager < total_pages)
                        .then(|| self.urls.url(&views::pager_path(&s.path, pager + 1))),
                    first: s.url.clone(),
                    last: self.urls.url(&views::pager_path(&s.path, total_pages)),
                };
                ctx.insert(
                    "section",
                    &SectionView::of(content, &self.resolved, &self.urls, index),
                );
                ctx.insert("paginator", &paginator);
                let template = match &s.template {
                    Some(t) => t.target.clone(),
                    None if s.parent.is_none() => {
                        ctx.insert("recent", &self.recent(10));
                        ctx.insert("policies", &self.policies());
                        "index.html".into()
                    }
                    None => "section.html".into(),
                };
                let path = format!("{}index.html", views::pager_path(&s.path, pager));
                (template, path)
            }
            Task::Page(i) => {
                let p = &content.pages[i];
                let view = PageView::of(content, &self.resolved, &self.urls, i, true);
                let ld = match &self.resolved.page_bodies[i].policy {
                    Some(doc) if p.page_type == PageType::Policy => {
                        jsonld::policy(p, doc, &view.permalink, lang)
                    }
                    _ => jsonld::page(content, &self.resolved, &self.urls, i, lang),
                };
                ctx.insert("jsonld", &jsonld::to_script(&ld));
                ctx.insert("page", &view);
                let template = match (&p.template, &content.sections[p.section].page_template) {
                    (Some(t), _) => t.target.clone(),
                    (None, _) if p.page_type == PageType::Policy => "policy.html".into(),
                    (None, Some(t)) => t.target.clone(),
                    (None, None) => "page.html".into(),
                };
                (template, format!("{}index.html", p.path))
            }
            Task::Article { page, article } => {
                let p = &content.pages[page];
                let doc = self.resolved.page_bodies[page]
                    .policy
                    .as_ref()
                    .expect("article tasks come from policies");
                let a = &doc.articles[article];
                let view = PageView::of(content, &self.resolved, &self.urls, page, false);
                let mut html = String::new();
                policy::html::article(&mut html, a, None);
                let path = format!("{}{}/", p.path, a.eid);
                let entry = |j: usize| views::article_entry(&doc.articles[j], &view.url);
                ctx.insert(
                    "article",
                    &ArticleView {
                        eid: a.eid.clone(),
                        label: a.label.clone(),
                        title: a.title(),
                        heading: a.short_heading().map(str::to_string),
                        html,
                        url: self.urls.url(&path),
                        permalink: self.urls.permalink(&path),
                        anchor_url: format!("{}#{}", view.url, a.eid),
                    },
                );
                ctx.insert(
                    "chapter",
                    &a.chapter.map(|c| {
                        let c = &doc.chapters[c];
                        ChapterView {
                            eid: c.eid.clone(),
                            num: c.num.clone(),
                            heading: c.heading.text.clone(),
                            url: format!("{}#{}", view.url, c.eid),
                        }
                    }),
                );
                ctx.insert("previous", &article.checked_sub(1).map(entry));
                ctx.insert(
                    "next",
                    &(article + 1 < doc.articles.len()).then(|| entry(article + 1)),
                );
                let ld = jsonld::article(p, a, &view.permalink, lang);
                ctx.insert("jsonld", &jsonld::to_script(&ld));
                ctx.insert("page", &view);
                ("article.html".into(), format!("{path}index.html"))
            }
        };
        ctx.insert("current_path", &path);
        let html = self.renderer.render(&template, &ctx)?;
        sink(&path, &html)
    }

    fn recent(&self, n: usize) -> Vec<PageSummary> {
        let mut dated: Vec<usize> = (0..self.content.pages.len())
            .filter(|&i| self.content.pages[i].date.is_some())
            .collect();
        dated.sort_by(|&a, &b| {
            let (pa, pb) = (&self.content.pages[a], &self.content.pages[b]);
            pb.date.cmp(&pa.date).then(pa.rel.cmp(&pb.rel))
        });
        dated.truncate(n);
        dated
            .into_iter()
            .map(|i| PageSummary::of(&self.content, &self.resolved, i))
            .collect()
    }

    fn policies(&self) -> Vec<PageSummary> {
        let mut list: Vec<usize> = (0..self.content.pages.len())
            .filter(|&i| self.content.pages[i].page_type == PageType::Policy)
            .collect();
        list.sort_by(|&a, &b| {
            self.content.pages[b]
                .date
                .cmp(&self.content.pages[a].date)
                .then(a.cmp(&b))
        });
        list.truncate(10);
        list.into_iter()
            .map(|i| PageSummary::of(&self.content, &self.resolved, i))
            .collect()
    }

    /// sitemap, feed and robots.txt.
    fn site_files(&self) -> Vec<(String, String)> {
        let mut files = vec![];
        let c = &self.content;
        if self.config.sitemap {
            let mut entries = vec![];
            for s in &c.sections {
                entries.push(Entry {
                    loc: self.urls.permalink(&s.path),
                    lastmod: None,
                });
            }
            for (i, p) in c.pages.iter().enumerate() {
                let lastmod = p.updated.or(p.date).map(|d| d.date().to_string());
                entries.push(Entry {
                    loc: self.urls.permalink(&p.path),
                    lastmod: lastmod.clone(),
                });
                if let Some(doc) = &self.resolved.page_bodies[i].policy {
                    for a in &doc.articles {
                        entries.push(Entry {
                            loc: self.urls.permalink(&format!("{}{}/", p.path, a.eid)),
                            lastmod: lastmod.clone(),
                        });
                    }
                }
            }
            files.extend(sitemap::files(entries, &self.config.base_url));
        }
        if self.config.feed {
            let mut dated: Vec<usize> = (0..c.pages.len())
                .filter(|&i| c.pages[i].date.is_some())
                .collect();
            dated.sort_by(|&a, &b| {
                let key = |i: usize| c.pages[i].updated.or(c.pages[i].date);
                key(b)
                    .cmp(&key(a))
                    .then(c.pages[a].rel.cmp(&c.pages[b].rel))
            });
            dated.truncate(self.config.feed_limit);
            let entries: Vec<FeedEntry> = dated
                .into_iter()
                .map(|i| {
                    let p = &c.pages[i];
                    let published = p.date.expect("filtered to dated pages");
                    FeedEntry {
                        title: p.title.clone(),
                        permalink: self.urls.permalink(&p.path),
                        published,
                        updated: p.updated.unwrap_or(published),
                        summary: p
                            .description
                            .clone()
                            .unwrap_or_else(|| self.resolved.page_bodies[i].summary.clone()),
                    }
                })
                .collect();
            files.push((
                "atom.xml".into(),
                feed::atom(
                    &self.config.title,
                    &self.config.base_url,
                    &self.config.language,
                    &entries,
                ),
            ));
        }
        let mut robots = String::from("User-agent: *\nAllow: /\n");
        if self.config.sitemap {
            robots.push_str(&format!("Sitemap: {}sitemap.xml\n", self.config.base_url));
        }
        files.push(("robots.txt".into(), robots));
        files
    }

    /// Check everything a build checks, rendering every page in memory.
    pub fn check(&self) -> Result<BuildReport, Diagnostics> {
        self.render_all(&|_, _| Ok(()))
    }

    /// Render and write the site to `output` through a staging folder.
    pub fn write(&self, output: &Path) -> Result<BuildReport, Diagnostics> {
        let root = std::fs::canonicalize(&self.root).unwrap_or_else(|_| self.root.clone());
        let out_abs = absolute(output);
        if root.starts_with(&out_abs)
            || out_abs.starts_with(root.join("content"))
            || out_abs.starts_with(root.join("themes"))
            || out_abs.starts_with(root.join("static"))
            || out_abs.starts_with(root.join("templates"))
        {
            return Err(Diagnostic::in_file(
                output,
                "refusing to build into the site's own folders: choose an output such as public/",
            )
            .into());
        }
        let started = Instant::now();
        let staging = Staging::create(output)?;
        let report = self.render_all(&|rel, bytes| staging.write(rel, bytes))?;
        timing("render", started);
        let started = Instant::now();
        let mut diagnostics = Diagnostics::default();
        let mut copies: std::collections::BTreeMap<String, PathBuf> =
            std::collections::BTreeMap::new();
        for (name, file) in &self.theme.statics {
            match &file.origin {
                render::theme::Origin::File(p) => {
                    copies.insert(name.clone(), p.clone());
                }
                render::theme::Origin::Builtin(bytes) => {
                    if let Err(d) = staging.write(name, bytes) {
                        diagnostics.push(d);
                    }
                }
            }
        }
        for a in &self.content.assets {
            copies.insert(a.output.clone(), a.source.clone());
        }
        let results: Vec<Result<(), Diagnostic>> = copies
            .par_iter()
            .map(|(rel, from)| staging.copy(rel, from))
            .collect();
        for r in results {
            if let Err(d) = r {
                diagnostics.push(d);
            }
        }
        let report = diagnostics.into_result(report)?;
        timing("copy", started);
        let started = Instant::now();
        staging.commit()?;
        timing("swap", started);
        Ok(report)
    }
}

fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    match (abs.parent(), abs.file_name()) {
        (Some(parent), Some(name)) => std::fs::canonicalize(parent)
            .map(|p| p.join(name))
            .unwrap_or(abs),
        _ => abs,
    }
}

/// Where rendered files go: the staging folder, or nowhere (`check`).
type Sink<'a> = dyn Fn(&str, &[u8]) -> Result<(), Diagnostic> + Sync + 'a;

enum Task {
    NotFound,
    Section { index: usize, pager: usize },
    Page(usize),
    Article { page: usize, article: usize },
}

/// Templates named in front matter must exist.
fn check_templates(content: &Content, renderer: &Renderer) -> Result<(), Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut check = |file: &Path, text: &std::sync::Arc<str>, r: &Option<content::Reference>| {
        if let Some(r) = r {
            if !renderer.has(&r.target) {
                diagnostics.push(
                    Diagnostic::at(file, text, r.offset, r.len, format!("template `{}` does not exist", r.target))
                        .with_help("templates live in the theme's templates/ folder or the site's templates/ folder"),
                );
            }
        }
    };
    for p in &content.pages {
        check(&p.file, &p.text, &p.template);
    }
    for s in &content.sections {
        check(&s.file, &s.text, &s.template);
        check(&s.file, &s.text, &s.page_template);
    }
    diagnostics.into_result(())
}

/// Build the site: load, resolve, render, write.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let started = Instant::now();
    let site = Site::load(options)?;
    let mut report = site.write(&options.output_dir())?;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Check the site without writing anything.
pub fn check(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let started = Instant::now();
    let site = Site::load(options)?;
    let mut report = site.check()?;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}
