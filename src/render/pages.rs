//! The render context: the model, the theme's templates and the page
//! headers, borrowed together, and the tasks a build renders (each one
//! output page, or a policy with its article pages).

use tera::Context;

use crate::base::diagnostics::Diagnostic;
use crate::base::sink::Sink;
use crate::model::content::Section;
use crate::model::directory::pages::DirPage;
use crate::model::links::Target;
use crate::model::site::Site;
use crate::render::Renderer;
use crate::render::headers::Headers;
use crate::render::markdown::{AnchorLink, LocalLink};

/// Everything rendering reads: the model and the theme, borrowed.
#[derive(Clone, Copy)]
pub struct Pages<'a> {
    pub site: &'a Site,
    pub renderer: &'a Renderer,
    pub headers: &'a Headers,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Task {
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
    Directory(DirPage),
}

/// What rendering one task found.
#[derive(Default, Clone)]
pub struct Outcome {
    /// The page or section whose body was rendered.
    pub source: Option<Target>,
    pub anchors: Vec<String>,
    pub anchor_links: Vec<AnchorLink>,
    /// Links to local files, checked against the files the build writes.
    pub local_links: Vec<LocalLink>,
    /// The `@/` paths its bodies link to (`news/a.md`, `news/_index.md`),
    /// found or not: what it shows of them changes when they come, go or
    /// move (see `serve`).
    pub links: Vec<String>,
    /// The source's anchors are unknown (a policy whose structure has
    /// errors): links into it are not checked, so that its structure error
    /// is reported alone.
    pub anchors_unknown: bool,
    /// A policy's article ids.
    pub articles: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// Problems that do not stop the build.
    pub warnings: Vec<Diagnostic>,
    pub files: usize,
    /// The templates this task rendered with.
    pub templates: Vec<String>,
}

impl Pages<'_> {
    /// Every page task of the site.
    pub fn tasks(&self) -> Vec<Task> {
        let mut tasks = vec![Task::NotFound, Task::Search];
        for (i, s) in self.site.content.sections.iter().enumerate() {
            for n in 1..=self.pager_count(s) {
                tasks.push(Task::Section { index: i, pager: n });
            }
        }
        tasks.extend((0..self.site.content.pages.len()).map(Task::Page));
        tasks.extend(
            DirPage::all(&self.site.directory)
                .into_iter()
                .map(Task::Directory),
        );
        tasks
    }

    pub fn per_pager(&self, s: &Section) -> usize {
        s.paginate_by.unwrap_or(self.site.config.paginate_by).max(1)
    }

    pub(super) fn pager_count(&self, s: &Section) -> usize {
        self.list_len(s).div_ceil(self.per_pager(s)).max(1)
    }

    /// How many entries a section lists: its pages, or its records.
    pub(super) fn list_len(&self, s: &Section) -> usize {
        match s.records {
            Some(_) => self
                .site
                .directory
                .sections
                .get(&self.section_index(s))
                .map_or(0, |(_, l)| l.len()),
            None => s.pages.len(),
        }
    }

    fn section_index(&self, s: &Section) -> usize {
        self.site
            .content
            .sections
            .iter()
            .position(|x| std::ptr::eq(x, s))
            .unwrap_or(usize::MAX)
    }

    /// Render one template into one file, counting it.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn emit(
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

    /// Render one task through `sink`.
    pub fn render_task(&self, task: &Task, sink: &dyn Sink) -> Outcome {
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
                ctx.insert(
                    "search_index",
                    &format!("{}search/", self.site.urls.base_path()),
                );
                ctx.insert("page_title", "搜索");
                // The policy libraries: the search's library facets as
                // static pages, without JavaScript.
                ctx.insert("libraries", &self.libraries());
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
}
