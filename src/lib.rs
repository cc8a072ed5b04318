//! gongkai (公开): a static site generator for policy documents and the
//! service directories of public organisations.
//!
//! The pipeline: [`content::load`] reads `content/` into the model,
//! [`resolve::resolve`] renders bodies and completes links and relations,
//! [`render`] turns the model into pages through the theme's templates, and
//! [`output`] writes them into a staging folder that replaces the output
//! only when everything succeeded.

pub mod base;
pub mod config;
pub mod content;
pub mod deploy;
pub mod directory;
pub mod incremental;
pub mod init;
pub mod markdown;
pub mod output;
pub mod policy;
pub mod render;
pub mod resolve;
pub mod search;
pub mod serve;

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use base::diagnostics::{Diagnostic, Diagnostics};
use base::sink::{Emit, Fill, Sink};
use base::timing::timing;
use config::Config;
use content::Content;
use content::front_matter::PageType;
use markdown::Target;
use output::Staging;
use output::claims::{Claims, Owner};
use output::feed::{self, FeedEntry};
use output::sitemap::{self, Entry};
use render::body::{self, Body};
use render::views::{
    self, ArticleView, ChapterView, PageSummary, PageView, Paginator, SectionView,
};
use render::{Renderer, jsonld, theme::Theme};
use resolve::{Resolved, Urls};

/// What a build is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Where the site goes; `root/public` by default.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Replace an existing output folder that gongkai did not write.
    pub force: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
            force: false,
        }
    }

    fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a build did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct BuildReport {
    pub pages: usize,
    pub sections: usize,
    pub articles: usize,
    /// Directory records (regions, types, organizations, services, activities).
    pub records: usize,
    pub files_written: usize,
    pub seconds: f64,
}

/// A loaded, resolved site, ready to render.
pub struct Site {
    pub config: Config,
    pub content: Content,
    pub resolved: Resolved,
    pub urls: Urls,
    pub directory: directory::Directory,
    /// The editors' synonym groups (`synonyms.yaml`), for the search index.
    pub synonyms: Vec<Vec<String>>,
    renderer: Renderer,
    root: PathBuf,
    theme: Theme,
    /// Problems found before rendering that rendering should still add to.
    pending: Diagnostics,
    headers: Headers,
    /// See [`BuildOptions::force`].
    force: bool,
}

/// The page header (site title and navigation), rendered once per
/// top-level section instead of once per page: it only differs in which
/// navigation entry is current, and rendering it for every page was a
/// quarter of the render time. Like Hugo's `partialCached`.
struct Headers {
    /// One header per navigation entry (the directory's own pages, then
    /// the top-level sections), then one for pages outside all of them.
    html: Vec<tera::Value>,
    /// The path of the top-level section each variant marks as current.
    paths: Vec<String>,
    /// For each section, which variant its pages use.
    of_section: Vec<usize>,
}

impl Headers {
    const TEMPLATE: &str = "partials/header.html";

    fn render(
        content: &Content,
        directory: &directory::Directory,
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
    fn of_path(&self, output: &str) -> usize {
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
        base::files::set_max_file_mb(config.max_file_mb);
        let urls = Urls::new(&config);
        let theme = Theme::load(&root, &config)?;
        let (content, renderer) = rayon::join(
            || content::load(&root, options.drafts, config.follow_symlinks),
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
        // Missing templates are reported with the problems rendering finds
        // (broken links), not instead of them.
        let pending = check_templates(&content, &renderer);
        let resolved = resolve::resolve(&config, &mut content, &urls);
        let directory = directory::load(&config, &content, &urls);
        let synonyms = search::synonyms::load(&root);
        let (resolved, directory, synonyms) = match (resolved, directory, synonyms) {
            (Ok(r), Ok(d), Ok(s)) => (r, d, s),
            (r, d, s) => {
                let mut all = Diagnostics::default();
                if let Err(e) = r {
                    all.extend(e.0);
                }
                if let Err(e) = d {
                    all.extend(e.0);
                }
                if let Err(e) = s {
                    all.push(e);
                }
                all.sort();
                return Err(all);
            }
        };
        timing("resolve", started);
        renderer.set_globals(globals(&config, &content, &directory, &urls));
        let headers = Headers::render(&content, &directory, &renderer)?;
        Ok(Site {
            config,
            content,
            resolved,
            urls,
            directory,
            synonyms,
            renderer,
            root,
            theme,
            pending,
            headers,
            force: options.force,
        })
    }

    /// Render every output file and hand it to `sink` (in parallel), then
    /// check the anchors that bodies link to. Any problem fails the whole
    /// run; what was handed to `sink` is then discarded by the caller.
    ///
    /// Every file is claimed in `claims` by its source first (see
    /// [`output::claims`]); the files to copy are claimed too, so that
    /// `check` and `build` agree.
    fn render_all(&self, sink: &dyn Sink, claims: &Claims) -> Result<Rendered, Diagnostics> {
        let started = Instant::now();
        let tasks: Vec<Task> = self.tasks();
        let outcomes: Vec<Outcome> = tasks
            .par_iter()
            .map(|t| {
                let owner = self.owner_of(t);
                self.render_task(
                    t,
                    &Claimed {
                        sink,
                        claims,
                        owner: &owner,
                    },
                )
            })
            .collect();
        timing("tasks", started);
        let generated = Claimed {
            sink,
            claims,
            owner: &Owner::generated("a file gongkai generates"),
        };
        let mut report = self.finish(&outcomes, &generated, true, true);
        let copies = self.copies();
        let mut conflicts = Diagnostics::default();
        for (rel, _, owner) in &copies {
            if let Err(d) = claims.claim(rel, owner) {
                conflicts.push(d);
            }
        }
        if !conflicts.is_empty() {
            if let Err(d) = report {
                conflicts.extend(d.0);
            }
            report = conflicts.into_result(BuildReport::default());
        }
        let report = report?;
        Ok(Rendered {
            report,
            tasks,
            outcomes,
        })
    }

    /// After the tasks: check anchors across pages and, with `site_files`,
    /// write the files that need the whole site (sitemap, feed, robots.txt,
    /// open data), and with `search` the search index.
    fn finish(
        &self,
        outcomes: &[Outcome],
        sink: &dyn Sink,
        site_files: bool,
        search: bool,
    ) -> Result<BuildReport, Diagnostics> {
        let content = &self.content;
        let mut diagnostics = self.pending.clone();
        let mut page_anchors: Vec<Vec<String>> = vec![Vec::new(); content.pages.len()];
        let mut section_anchors: Vec<Vec<String>> = vec![Vec::new(); content.sections.len()];
        let mut articles: Vec<Vec<String>> = vec![Vec::new(); content.pages.len()];
        let mut files_written = 0;
        for o in outcomes {
            files_written += o.files;
            match o.source {
                Some(Target::Page(i)) => {
                    page_anchors[i].clone_from(&o.anchors);
                    articles[i].clone_from(&o.articles);
                }
                Some(Target::Section(i)) => section_anchors[i].clone_from(&o.anchors),
                None => {}
            }
        }
        for o in outcomes {
            diagnostics.extend(o.diagnostics.iter().cloned());
            for link in &o.anchor_links {
                let anchors = match link.target {
                    Target::Page(i) => &page_anchors[i],
                    Target::Section(i) => &section_anchors[i],
                };
                if anchors.binary_search(&link.anchor).is_err() {
                    let message = format!("link to an anchor that does not exist: `{}`", link.link);
                    let d = match o.source {
                        Some(Target::Page(i)) => {
                            content.pages[i].diagnostic(link.offset, link.len, message)
                        }
                        Some(Target::Section(i)) => {
                            content.sections[i].diagnostic(link.offset, link.len, message)
                        }
                        None => Diagnostic::new(message),
                    };
                    diagnostics.push(d.with_help(
                        "anchors are heading ids, or article ids such as #art_6 on a policy",
                    ));
                }
            }
        }
        // Files that need the whole site.
        let mut emit = Emit {
            sink,
            written: 0,
            diagnostics: Vec::new(),
        };
        if site_files {
            self.site_files(&articles, &mut emit);
        }
        if search {
            let started = Instant::now();
            if let Err(e) = search::write(self, &mut |name, text| emit.bytes(name, text.as_bytes()))
            {
                diagnostics.push(Diagnostic::new(format!(
                    "cannot write the search index: its temporary files failed: {e}"
                )));
            }
            timing("search", started);
        }
        files_written += emit.written;
        diagnostics.extend(emit.diagnostics);
        diagnostics.into_result(BuildReport {
            pages: content.pages.len(),
            sections: content.sections.len(),
            articles: articles.iter().map(Vec::len).sum(),
            records: self.directory.len(),
            files_written,
            seconds: 0.0,
        })
    }

    fn tasks(&self) -> Vec<Task> {
        let mut tasks = vec![Task::NotFound, Task::Search];
        for (i, s) in self.content.sections.iter().enumerate() {
            for n in 1..=self.pager_count(s) {
                tasks.push(Task::Section { index: i, pager: n });
            }
        }
        tasks.extend((0..self.content.pages.len()).map(Task::Page));
        tasks.extend(
            render::directory::DirPage::all(&self.directory)
                .into_iter()
                .map(Task::Directory),
        );
        tasks
    }

    fn per_pager(&self, s: &content::Section) -> usize {
        s.paginate_by.unwrap_or(self.config.paginate_by).max(1)
    }

    fn pager_count(&self, s: &content::Section) -> usize {
        self.list_len(s).div_ceil(self.per_pager(s)).max(1)
    }

    /// How many entries a section lists: its pages, or its records.
    fn list_len(&self, s: &content::Section) -> usize {
        match s.records {
            Some(_) => self
                .directory
                .sections
                .get(&self.section_index(s))
                .map_or(0, |(_, l)| l.len()),
            None => s.pages.len(),
        }
    }

    fn section_index(&self, s: &content::Section) -> usize {
        self.content
            .sections
            .iter()
            .position(|x| std::ptr::eq(x, s))
            .unwrap_or(usize::MAX)
    }

    /// Render one template into one file, counting it.
    #[allow(clippy::too_many_arguments)]
    fn emit(
        &self,
        template: &str,
        path: &str,
        section: Option<usize>,
        ctx: &mut Context,
        sink: &dyn Sink,
        out: &mut Outcome,
    ) {
        if !self.renderer.has(template) {
            // Already reported, at the front matter that names it.
            return;
        }
        if !out.templates.iter().any(|t| t == template) {
            out.templates.push(template.to_string());
        }
        let variant = section.map_or_else(
            || self.headers.of_path(path),
            |s| self.headers.of_section[s],
        );
        ctx.insert_value("header", self.headers.html[variant].clone());
        ctx.insert("current_section", &self.headers.paths[variant]);
        ctx.insert("current_path", path);
        let result = self
            .renderer
            .render(template, ctx)
            .and_then(|html| sink.write(path, &html));
        match result {
            Ok(()) => out.files += 1,
            Err(d) => out.diagnostics.push(d),
        }
    }

    fn render_task(&self, task: &Task, sink: &dyn Sink) -> Outcome {
        let mut out = Outcome::default();
        match *task {
            Task::NotFound => self.emit(
                "404.html",
                "404.html",
                None,
                &mut Context::new(),
                sink,
                &mut out,
            ),
            Task::Search => {
                let mut ctx = Context::new();
                ctx.insert("search_index", &format!("{}search/", self.urls.base_path()));
                ctx.insert("page_title", "搜索");
                self.emit(
                    "search.html",
                    "search/index.html",
                    None,
                    &mut ctx,
                    sink,
                    &mut out,
                )
            }
            Task::Section { index, pager } => self.render_section(index, pager, sink, &mut out),
            Task::Page(i) => self.render_page(i, sink, &mut out),
            Task::Directory(page) => self.render_directory(page, sink, &mut out),
        }
        out
    }

    fn render_section(&self, index: usize, pager: usize, sink: &dyn Sink, out: &mut Outcome) {
        let content = &self.content;
        let s = &content.sections[index];
        let mut diagnostics = Vec::new();
        let body = match s
            .read()
            .and_then(|text| Ok((content::body_of(&s.file, &text)?, text)))
        {
            Ok((offset, text)) => body::render(
                &s.file,
                &text,
                offset,
                false,
                &s.url,
                &self.resolved,
                &mut diagnostics,
            ),
            Err(d) => {
                diagnostics.push(d);
                Body::default()
            }
        };
        // The body's problems and anchors are reported once, by page 1.
        if pager == 1 {
            out.source = Some(Target::Section(index));
            out.diagnostics = diagnostics;
            out.anchors.clone_from(&body.anchors);
            out.anchor_links.clone_from(&body.anchor_links);
        }
        let per = self.per_pager(s);
        let total_pages = self.pager_count(s);
        let listed = match self.record_summaries(index, (pager - 1) * per, per) {
            Some(records) => records,
            None => s
                .pages
                .iter()
                .skip((pager - 1) * per)
                .take(per)
                .map(|&p| PageSummary::of(content, p))
                .collect(),
        };
        let paginator = Paginator {
            pages: listed,
            current: pager,
            total: self.list_len(s),
            total_pages,
            previous: (pager > 1).then(|| self.urls.url(&views::pager_path(&s.path, pager - 1))),
            next: (pager < total_pages)
                .then(|| self.urls.url(&views::pager_path(&s.path, pager + 1))),
            first: s.url.clone(),
            last: self.urls.url(&views::pager_path(&s.path, total_pages)),
        };
        let mut ctx = Context::new();
        ctx.insert(
            "section",
            &SectionView::of(content, &self.urls, index, &body.html),
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
        self.emit(&template, &path, Some(index), &mut ctx, sink, out);
    }

    /// A page, and for a policy the page of each of its articles.
    fn render_page(&self, i: usize, sink: &dyn Sink, out: &mut Outcome) {
        let content = &self.content;
        let lang = &self.config.language;
        let p = &content.pages[i];
        out.source = Some(Target::Page(i));
        let text = match p.read() {
            Ok(t) => t,
            Err(d) => return out.diagnostics.push(d),
        };
        let offset = match content::body_of(&p.file, &text) {
            Ok(o) => o,
            Err(d) => return out.diagnostics.push(d),
        };
        let is_policy = p.page_type == PageType::Policy;
        let body = body::render(
            &p.file,
            &text,
            offset,
            is_policy,
            &p.url,
            &self.resolved,
            &mut out.diagnostics,
        );
        drop(text);
        // A policy whose structure has errors (reported by the body) has no
        // document for its templates, which would only add a template error.
        if is_policy && body.policy.is_none() {
            return;
        }

        let view = PageView::of(content, &self.resolved, &self.urls, i, &body, true);
        let ld = match &body.policy {
            Some(doc) if is_policy => jsonld::policy(p, doc, &view.permalink, lang),
            _ => jsonld::page(content, &self.resolved, &self.urls, i, lang),
        };
        let mut ctx = Context::new();
        ctx.insert("jsonld", &jsonld::to_script(&ld));
        ctx.insert("page", &view);
        if let Some(doc) = &body.policy {
            // 落实情况: each article that services implement, with how many.
            let progress: Vec<serde_json::Value> = doc
                .articles
                .iter()
                .filter_map(|a| {
                    let services = self.directory.implemented_by.get(&(i, a.eid.clone()))?;
                    Some(serde_json::json!({
                        "eid": a.eid,
                        "title": a.title(),
                        "url": format!("{}{}/", p.url, a.eid),
                        "services": services.len(),
                    }))
                })
                .collect();
            ctx.insert("implementation_progress", &progress);
        }
        let template = match (&p.template, &content.sections[p.section].page_template) {
            (Some(t), _) => t.target.clone(),
            (None, _) if is_policy => "policy.html".into(),
            (None, Some(t)) => t.target.clone(),
            (None, None) => "page.html".into(),
        };
        self.emit(
            &template,
            &format!("{}index.html", p.path),
            Some(p.section),
            &mut ctx,
            sink,
            out,
        );

        if let Some(doc) = &body.policy {
            let view = PageView::of(content, &self.resolved, &self.urls, i, &body, false);
            // Serialised once and shared by every article page of the policy.
            let page_value = tera::Value::from_serializable(&view);
            for (k, a) in doc.articles.iter().enumerate() {
                let mut html = String::new();
                policy::html::article(&mut html, a, None);
                let path = format!("{}{}/", p.path, a.eid);
                let entry = |j: usize| views::article_entry(&doc.articles[j], &view.url);
                let mut ctx = Context::new();
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
                ctx.insert("implementations", &self.implementations(i, &a.eid));
                ctx.insert("previous", &k.checked_sub(1).map(entry));
                ctx.insert("next", &(k + 1 < doc.articles.len()).then(|| entry(k + 1)));
                ctx.insert(
                    "jsonld",
                    &jsonld::to_script(&jsonld::article(p, a, &view.permalink, lang)),
                );
                ctx.insert_value("page", page_value.clone());
                self.emit(
                    "article.html",
                    &format!("{path}index.html"),
                    Some(p.section),
                    &mut ctx,
                    sink,
                    out,
                );
                out.articles.push(a.eid.clone());
            }
        }
        out.anchors = body.anchors;
        out.anchor_links = body.anchor_links;
    }

    /// 落实情况 of an article: the services that implement it, with their
    /// organizations.
    fn implementations(&self, policy: usize, eid: &str) -> Vec<serde_json::Value> {
        let d = &self.directory;
        d.implemented_by
            .get(&(policy, eid.to_string()))
            .map(|services| {
                services
                    .iter()
                    .map(|&s| {
                        let s = &d.services[s];
                        let o = &d.organizations[s.provider];
                        serde_json::json!({
                            "title": s.title,
                            "url": s.record.url,
                            "organization": o.name,
                            "organization_url": o.record.url,
                            "region": d.regions[o.region].name,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default()
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
            .map(|i| PageSummary::of(&self.content, i))
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
            .map(|i| PageSummary::of(&self.content, i))
            .collect()
    }

    /// sitemap, feed and robots.txt. `articles` holds each policy's article ids.
    fn site_files(&self, articles: &[Vec<String>], emit: &mut Emit<'_>) {
        let mut files: Vec<(String, String)> = vec![];
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
                for eid in &articles[i] {
                    entries.push(Entry {
                        loc: self.urls.permalink(&format!("{}{eid}/", p.path)),
                        lastmod: lastmod.clone(),
                    });
                }
            }
            for page in render::directory::DirPage::all(&self.directory) {
                entries.push(Entry {
                    loc: self.urls.permalink(&page.path(&self.directory)),
                    lastmod: None,
                });
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
                        summary: p.description.clone().unwrap_or_else(|| p.summary.clone()),
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
        for (name, text) in files {
            emit.bytes(&name, text.as_bytes());
        }
        self.directory_files(emit);
    }

    /// Check everything a build checks, rendering every page in memory.
    pub fn check(&self) -> Result<BuildReport, Diagnostics> {
        self.render_all(&Discard, &Claims::default())
            .map(|r| r.report)
    }

    /// Who writes a task's files, for the URL table.
    fn owner_of(&self, task: &Task) -> Owner {
        match *task {
            Task::NotFound => Owner::generated("the 404 page"),
            Task::Search => Owner::generated("the search page"),
            Task::Section { index, pager } => {
                let s = &self.content.sections[index];
                let what = if pager > 1 {
                    format!("page {pager} of the list of {}", s.file.display())
                } else {
                    s.file.display().to_string()
                };
                Owner::file(&s.file, what)
            }
            Task::Page(i) => {
                let p = &self.content.pages[i];
                Owner::file(&p.file, p.file.display().to_string())
            }
            Task::Directory(page) => Owner::generated(format!(
                "the directory page /{}",
                page.path(&self.directory)
            )),
        }
    }

    /// The files copied as they are: theme and site static files, and the
    /// files of `content/` that are not pages, with their output paths.
    fn copies(&self) -> Vec<(&str, Copy<'_>, Owner)> {
        let mut copies = vec![];
        for (name, file) in &self.theme.statics {
            let owner = Owner::file(&file.shown, file.shown.display().to_string());
            let copy = match &file.origin {
                render::theme::Origin::File(p) => Copy::File(p),
                render::theme::Origin::Builtin(bytes) => Copy::Bytes(bytes),
            };
            copies.push((name.as_str(), copy, owner));
        }
        for a in &self.content.assets {
            let shown = a.source.strip_prefix(&self.root).unwrap_or(&a.source);
            let owner = Owner::file(shown, shown.display().to_string());
            copies.push((a.output.as_str(), Copy::File(&a.source), owner));
        }
        copies
    }

    /// Render and write the site to `output` through a staging folder.
    pub fn write(&self, output: &Path) -> Result<BuildReport, Diagnostics> {
        self.write_all(output).map(|r| r.report)
    }

    /// [`Site::write`], keeping what each task found (for incremental rebuilds).
    fn write_all(&self, output: &Path) -> Result<Rendered, Diagnostics> {
        let output = &output::resolve_output(&self.root, output, self.force)?;
        let started = Instant::now();
        let staging = Staging::create(output)?;
        let rendered = self.render_all(&staging, &Claims::default())?;
        timing("render", started);
        let started = Instant::now();
        let mut diagnostics = Diagnostics::default();
        let results: Vec<Result<(), Diagnostic>> = self
            .copies()
            .par_iter()
            .map(|(rel, copy, _)| match copy {
                Copy::File(from) => staging.copy(rel, from),
                Copy::Bytes(bytes) => staging.write(rel, bytes),
            })
            .collect();
        for r in results {
            if let Err(d) = r {
                diagnostics.push(d);
            }
        }
        let rendered = diagnostics.into_result(rendered)?;
        timing("copy", started);
        let started = Instant::now();
        staging.commit()?;
        timing("swap", started);
        Ok(rendered)
    }
}

impl Sink for output::Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        output::Staging::write(self, rel, bytes)
    }

    fn stream(&self, rel: &str, fill: &mut Fill<'_>) -> Result<(), Diagnostic> {
        output::Staging::stream(self, rel, fill)
    }
}

/// A file copied into the output as it is.
enum Copy<'a> {
    File(&'a Path),
    Bytes(&'static [u8]),
}

/// A sink that claims every path for `owner` before writing it.
struct Claimed<'a> {
    sink: &'a dyn Sink,
    claims: &'a Claims,
    owner: &'a Owner,
}

impl Sink for Claimed<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.claims.claim(rel, self.owner)?;
        self.sink.write(rel, bytes)
    }

    fn stream(&self, rel: &str, fill: &mut Fill<'_>) -> Result<(), Diagnostic> {
        self.claims.claim(rel, self.owner)?;
        self.sink.stream(rel, fill)
    }
}

/// `check`'s sink: renders everything, keeps nothing.
struct Discard;

impl Sink for Discard {
    fn write(&self, _: &str, _: &[u8]) -> Result<(), Diagnostic> {
        Ok(())
    }

    fn stream(&self, rel: &str, fill: &mut Fill<'_>) -> Result<(), Diagnostic> {
        fill(&mut std::io::sink()).map_err(|e| Diagnostic::new(format!("cannot make {rel}: {e}")))
    }
}

/// A finished render: the report, and what each task found.
struct Rendered {
    report: BuildReport,
    tasks: Vec<Task>,
    outcomes: Vec<Outcome>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Task {
    NotFound,
    /// The search page, `/search/`.
    Search,
    Section {
        index: usize,
        pager: usize,
    },
    /// A page, with its article pages if it is a policy.
    Page(usize),
    /// A page of the directory.
    Directory(render::directory::DirPage),
}

/// What rendering one task found.
#[derive(Default, Clone)]
struct Outcome {
    /// The page or section whose body was rendered.
    source: Option<Target>,
    anchors: Vec<String>,
    anchor_links: Vec<markdown::AnchorLink>,
    /// A policy's article ids.
    articles: Vec<String>,
    diagnostics: Vec<Diagnostic>,
    files: usize,
    /// The templates this task rendered with.
    templates: Vec<String>,
}

/// Site-wide values every template sees (Tera's global context).
fn globals(
    config: &Config,
    content: &Content,
    directory: &directory::Directory,
    urls: &Urls,
) -> Context {
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
fn check_templates(content: &Content, renderer: &Renderer) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    let mut check = |file: &Path, disk: Option<&Path>, r: &Option<content::Reference>| {
        if let Some(r) = r {
            if !renderer.has(&r.target) {
                diagnostics.push(
                    content::diagnostic_at(file, disk, r.offset, r.len, format!("template `{}` does not exist", r.target))
                        .with_help("templates live in the theme's templates/ folder or the site's templates/ folder"),
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

/// Build the site: load, resolve, render, write.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let started = Instant::now();
    // Refuse a wrong output before the site is loaded.
    output::resolve_output(&options.root, &options.output_dir(), options.force)?;
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
