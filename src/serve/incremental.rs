//! Incremental rebuilds, for `gongkai serve`. A [`Session`] keeps the
//! loaded site and what every render task found, and answers a batch of
//! changed files with the smallest rebuild its dependency rules allow:
//!
//! - an edit to a page's **body** (its front matter unchanged) re-renders
//!   that page (and, for a policy, its article pages); if the page's
//!   summary changed, also what shows the summary: the section list page
//!   that lists it, its previous and next pages, the home page, and the
//!   interpretations or policy it is linked with. Anchors into every page
//!   are checked again, and the sitemap, feed and robots.txt rewritten;
//! - an edit to **templates** (the site's or the theme's) parses the theme
//!   again and re-renders the tasks that used them, directly or through
//!   `extends`/`include` — every task when the header partial changed;
//! - an edit to a page's **front matter** loads the site again; if no page,
//!   section, URL or list page appeared or went, it re-renders the page,
//!   the pages and list pages of its section, the home page, and pages
//!   whose relations to it changed (a changed title is shown by the policy
//!   it succeeds, say);
//! - a **new, renamed or deleted page**, an edit to a section's
//!   `_index.md`, to a page that changes the site's shape, to a **policy
//!   with earlier texts** or to one of its `versions/*.md` files (added or
//!   deleted too), and a page bundle's files: the site is loaded again,
//!   pages are matched by file, the task table is made again and only
//!   what depends on the change renders; what went is removed (see
//!   [`reshape`], which also lists what still falls back to a full build);
//! - an edit to **directory records** (markdown records, CSV/YAML tables,
//!   spreadsheets, new or deleted ones too, and nothing else) loads the
//!   site again; if the directory has the same pages at the same paths, it
//!   re-renders what shows the records that changed (see
//!   [`crate::serve::directory`]), and splices the changed records' pieces
//!   into the open data and the site's calendar, rewriting only the files
//!   whose bytes changed (see [`OpenData`]; the sitemap and feeds list only
//!   paths, which stay); if records were
//!   added, deleted or renamed, or a month, need or brand kind came or
//!   went, records are matched by kind and path, new pages render, what
//!   showed or shows a changed record renders, what went is removed and the
//!   sitemap is written again (see [`records`]);
//! - an edit to **static files** copies them;
//! - anything else (the configuration, a section folder added or deleted)
//!   is a full build.
//!
//! Either way the result is byte-identical to a full build of the same
//! input (a test checks this over random edits), and a rebuild with errors
//! writes nothing: the last good site stays served.

mod records;
mod reshape;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::base::diagnostics::{Diagnostic, Diagnostics};
use crate::base::sink::Sink;
use crate::build::{Build, BuildOptions, BuildReport, LoadCache, Theming};
use crate::load::body::PageText;
use crate::load::front_matter;
use crate::model::content;
use crate::render::headers::Headers;
use crate::render::pages::{Outcome, Task};
use crate::serve::directory;
use crate::write::open_data::{OpenData, Stale};

/// What a rebuild did.
#[derive(Debug, Clone, PartialEq)]
pub enum Rebuild {
    /// A full build, and its report.
    Full(BuildReport),
    /// Only what the changed pages touch.
    Partial {
        /// Render tasks run (a page with its articles, or a list page).
        tasks: usize,
        /// Files whose bytes changed and were written.
        files_written: usize,
    },
}

/// A site kept in memory between rebuilds.
pub struct Session {
    options: BuildOptions,
    output: PathBuf,
    build: Build,
    tasks: Vec<Task>,
    outcomes: Vec<Outcome>,
    /// The task of each page.
    page_task: Vec<usize>,
    /// The task of each (section, list page number).
    section_task: HashMap<(usize, usize), usize>,
    /// Each page's file, canonical, to its index.
    by_path: HashMap<PathBuf, usize>,
    /// Whether an edit since the last full build or [`Session::refresh_search`]
    /// changed text that the search index holds.
    search_stale: bool,
    /// The files parsed by the last load, reused by the next where they did
    /// not change.
    cache: LoadCache,
    /// Files of edits whose rebuild failed since the last good one.
    unapplied: Vec<PathBuf>,
    /// Where each record's piece is in the open data and the site's
    /// calendar as last written, when known: a records edit splices them.
    open_data: Option<OpenData>,
    /// The document numbers of the served search index, kept across
    /// refreshes; `None` until the first refresh after a full build, which
    /// reads them from the index on disk.
    numbering: Option<crate::search::Numbering>,
}

impl Session {
    /// A full build into `options.output` (required), kept for later edits.
    pub fn start(options: BuildOptions) -> Result<(Session, BuildReport), Diagnostics> {
        let output = options
            .output
            .clone()
            .ok_or_else(|| Diagnostic::new(msg!("serve-needs-output")))?;
        let mut cache = LoadCache::default();
        let site = Build::load_with(&options, &mut cache)?;
        Session::build(options, output, site, cache)
    }

    /// A full build of a loaded site into `output`, kept as a session.
    fn build(
        options: BuildOptions,
        output: PathBuf,
        build: Build,
        cache: LoadCache,
    ) -> Result<(Session, BuildReport), Diagnostics> {
        let rendered = build.write_all(&output)?;
        let report = rendered.report.clone();
        let mut session = Session::new(options, output, build, rendered.tasks, rendered.outcomes);
        session.cache = cache;
        session.open_data = rendered.open_data;
        Ok((session, report))
    }

    fn new(
        options: BuildOptions,
        output: PathBuf,
        build: Build,
        tasks: Vec<Task>,
        outcomes: Vec<Outcome>,
    ) -> Session {
        let (page_task, section_task) = index_tasks(&tasks, build.site().content.pages.len());
        let by_path = build
            .site()
            .content
            .pages
            .iter()
            .enumerate()
            .filter_map(|(i, p)| std::fs::canonicalize(&p.disk).ok().map(|d| (d, i)))
            .collect();
        Session {
            options,
            output,
            build,
            tasks,
            outcomes,
            page_task,
            section_task,
            by_path,
            search_stale: false,
            cache: LoadCache::default(),
            unapplied: Vec::new(),
            open_data: None,
            numbering: None,
        }
    }

    /// What the session keeps of the files it loaded (for tests: what the
    /// last load read again).
    pub fn load_cache(&self) -> &LoadCache {
        &self.cache
    }

    /// Load the site again, through the session's cache.
    fn load(&mut self) -> Result<Build, Diagnostics> {
        Build::load_with(&self.options, &mut self.cache)
    }

    /// Write the search index again if an edit left it stale; the number of
    /// its files that changed or went. Incremental rebuilds leave this for after
    /// the pages are written and the browser told: the index is made from
    /// every document (seconds on a large site), and a preview should not
    /// wait for it.
    pub fn refresh_search(&mut self) -> Result<usize, Diagnostics> {
        Ok(self.refresh_search_unless(&|| false)?.unwrap_or(0))
    }

    /// [`Session::refresh_search`], given up when `stop` says so (a save
    /// arrived: it is not held up by the index). `None` then: nothing was
    /// written and the index stays stale, to be refreshed at the next
    /// pause.
    ///
    /// Documents keep their numbers from the index on disk (an edited one
    /// keeps its number, a new one takes a hole or comes last, a deleted
    /// one leaves a hole; see `crate::search::write_kept`), so that an edit
    /// changes the bytes of few files; only those are written. The served
    /// index then answers as a full build's does, though its bytes may
    /// differ.
    pub fn refresh_search_unless(
        &mut self,
        stop: &dyn Fn() -> bool,
    ) -> Result<Option<usize>, Diagnostics> {
        if !self.search_stale {
            return Ok(Some(0));
        }
        let output = self.output.clone();
        let keep = match self.numbering.take() {
            Some(n) => n,
            None => crate::search::Numbering::read(&output.join("search")).unwrap_or_default(),
        };
        let mut index: HashSet<PathBuf> = HashSet::new();
        // Files whose bytes changed, written once the index is made (it
        // may be given up before).
        let mut changed: Vec<(String, Vec<u8>)> = Vec::new();
        let result =
            crate::search::write_kept(self.build.site(), &keep, stop, &mut |name, text| {
                index.insert(output.join(name));
                if std::fs::read(output.join(name)).is_ok_and(|old| old == text.as_bytes()) {
                    return;
                }
                changed.push((name.to_string(), text.as_bytes().to_vec()));
            });
        let numbering = match result {
            Err(e) => {
                return Err(Diagnostic::new(msg!(
                    "search-index-temporary-failed",
                    error = crate::base::words::io_error(&e)
                ))
                .into());
            }
            Ok(None) => {
                self.numbering = Some(keep);
                return Ok(None);
            }
            Ok(Some(numbering)) => numbering,
        };
        let mut written = 0;
        for (name, bytes) in &changed {
            written += usize::from(write_if_changed(&output, name, bytes)?);
        }
        // Files of the old index that the new one does not have (an edit
        // can change the number of shards): a full build would not have them.
        for folder in ["t", "x", "f", "r"] {
            let dir = output.join("search").join(folder);
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if !index.contains(&path) {
                    std::fs::remove_file(&path).map_err(|e| {
                        Diagnostics::from(Diagnostic::in_file(
                            &path,
                            msg!("cannot-remove", error = crate::base::words::io_error(&e)),
                        ))
                    })?;
                    written += 1;
                }
            }
        }
        self.numbering = Some(numbering);
        self.search_stale = false;
        Ok(Some(written))
    }

    /// Rebuild after `changed` files changed. On error nothing is written
    /// and the session keeps the last good site; the files of that edit
    /// count as changed again with the next one (it still differs from the
    /// site kept). The search index is brought up to date by
    /// [`Session::refresh_search`].
    pub fn apply(&mut self, changed: &[PathBuf]) -> Result<Rebuild, Diagnostics> {
        // Read again whatever the stamps say: two writes within one tick
        // of the clock may leave a file's stamp as it was.
        for path in changed {
            self.cache.invalidate(&self.options.root, path);
        }
        let mut all = std::mem::take(&mut self.unapplied);
        for path in changed {
            if !all.contains(path) {
                all.push(path.clone());
            }
        }
        let result = self.apply_all(&all);
        if result.is_err() {
            self.unapplied = all;
        }
        result
    }

    fn apply_all(&mut self, changed: &[PathBuf]) -> Result<Rebuild, Diagnostics> {
        if let Some(names) = self.templates_only(changed) {
            return self.templates(&names);
        }
        if let Some(files) = self.statics_only(changed) {
            return self.statics(&files);
        }
        if let Some(files) =
            directory::records_files(&self.options.root, &self.build.site().content, changed)
        {
            return self.records(&files);
        }
        let Some(pages) = self.known_pages(changed) else {
            return self.reshape(changed, None);
        };
        // A policy's text in force is compared with its earlier texts when
        // the site is resolved, and what changed shows on other pages (its
        // amending documents), and an amending document's instructions are
        // checked against those texts: the site is loaded again.
        let resolved = &self.build.site().resolved;
        if pages
            .iter()
            .any(|&i| resolved.histories[i].is_some() || !resolved.amendments[i].is_empty())
        {
            return self.reshape(changed, None);
        }
        if self.bodies_only(&pages) && !self.implemented(&pages) {
            self.partial(&pages)
        } else {
            self.front_matter(changed, &pages)
        }
    }

    /// The pages the changed files are, when every one is a known page.
    fn known_pages(&self, changed: &[PathBuf]) -> Option<Vec<usize>> {
        let mut pages = BTreeSet::new();
        for path in changed {
            // Paths may be given relative to the site root (as the watcher does).
            let canonical = std::fs::canonicalize(self.options.root.join(path)).ok()?;
            pages.insert(*self.by_path.get(&canonical)?);
        }
        (!pages.is_empty()).then(|| pages.into_iter().collect())
    }

    /// Whether a page is a policy whose articles directory services
    /// implement: its text decides which `implements` are valid, which only
    /// loading the whole site checks.
    fn implemented(&self, pages: &[usize]) -> bool {
        self.build
            .site()
            .directory
            .implemented_by
            .keys()
            .any(|(policy, _)| pages.contains(policy))
    }

    /// Whether the pages' front matter is as it was (only bodies changed).
    fn bodies_only(&self, pages: &[usize]) -> bool {
        pages.iter().all(|&i| {
            let page = &self.build.site().content.pages[i];
            let Ok(text) = page.read() else { return false };
            front_matter::split(&page.file, &text, &text)
                .is_ok_and(|split| content::hash_text(split.yaml) == page.front_hash)
        })
    }

    /// Front matter changed: load the site again, and when its shape (pages,
    /// sections, URLs, list pages) is the same, re-render the changed pages,
    /// every page of their sections (order and neighbours may change), the
    /// list pages of those sections, the home page, and every page whose
    /// relations (interpretations, successors) changed. Otherwise see
    /// [`reshape`].
    fn front_matter(
        &mut self,
        changed: &[PathBuf],
        pages: &[usize],
    ) -> Result<Rebuild, Diagnostics> {
        let build = self.load()?;
        let (old, new) = (&self.build.site().content, &build.site().content);
        let same_shape = old.pages.len() == new.pages.len()
            && old.sections.len() == new.sections.len()
            && old
                .pages
                .iter()
                .zip(&new.pages)
                .all(|(a, b)| a.rel == b.rel && a.path == b.path)
            && old
                .sections
                .iter()
                .zip(&new.sections)
                .all(|(a, b)| a.path == b.path)
            && build.pages().tasks() == self.tasks;
        if !same_shape {
            return self.reshape(changed, Some(build));
        }
        let mut tasks = BTreeSet::new();
        for &i in pages {
            let s = new.pages[i].section;
            tasks.extend(new.sections[s].pages.iter().map(|&p| self.page_task[p]));
            tasks.extend(
                self.section_task
                    .iter()
                    .filter(|((section, _), _)| {
                        *section == s || new.sections[*section].parent.is_none()
                    })
                    .map(|(_, &t)| t),
            );
        }
        let (was, is) = (&self.build.site().resolved, &build.site().resolved);
        for j in 0..new.pages.len() {
            let changed = was.interprets[j] != is.interprets[j]
                || was.interpretations[j] != is.interpretations[j]
                || was.successors[j].as_ref().map(|l| (&l.title, &l.url))
                    != is.successors[j].as_ref().map(|l| (&l.title, &l.url))
                || is.interprets[j].is_some_and(|t| pages.contains(&t))
                || is.interpretations[j].iter().any(|t| pages.contains(t));
            if changed {
                tasks.insert(self.page_task[j]);
            }
        }
        let previous = std::mem::replace(&mut self.build, build);
        let result = self.rerender(tasks.into_iter().collect(), true, true);
        if result.is_err() {
            self.build = previous;
        }
        result
    }

    /// Directory records changed, and nothing else: load the site again
    /// and, when its directory has the same pages, re-render what shows the
    /// changed records ([`directory::Shown`]) and splice their pieces into
    /// the directory's site files (open data, the site's calendar); else a
    /// full build.
    fn records(&mut self, files: &HashSet<PathBuf>) -> Result<Rebuild, Diagnostics> {
        let build = self.load()?;
        let started = std::time::Instant::now();
        let (old, new) = (&self.build.site().directory, &build.site().directory);
        if !directory::same_shape(old, new) || build.pages().tasks() != self.tasks {
            return self.reshape_records(files, build);
        }
        let matching = directory::Matching::between(old, new);
        let shown = directory::Shown::between(old, new, files, &matching);
        let tasks = shown.tasks(
            &build.pages(),
            &self.tasks,
            &self.section_task,
            &self.page_task,
        );
        crate::base::timing::timing("dir-compare", started);
        let started = std::time::Instant::now();
        let previous = std::mem::replace(&mut self.build, build);
        // The sitemap, feeds and robots.txt list pages and their paths,
        // which stay: only the directory's own site files are written.
        let result = self.rerender(tasks, false, true);
        crate::base::timing::timing("rerender", started);
        let Ok(Rebuild::Partial {
            tasks,
            files_written,
        }) = result
        else {
            self.build = previous;
            return result;
        };
        let started = std::time::Instant::now();
        let files_written = files_written + self.directory_files(&shown.stale)?;
        crate::base::timing::timing("dir-files", started);
        for gone in &shown.calendars_gone {
            let path = self.output.join(gone);
            if path.exists() {
                std::fs::remove_file(&path).map_err(|e| {
                    Diagnostics::from(Diagnostic::in_file(
                        &path,
                        msg!("cannot-remove", error = crate::base::words::io_error(&e)),
                    ))
                })?;
            }
        }
        Ok(Rebuild::Partial {
            tasks,
            files_written,
        })
    }

    /// Write the directory's site-wide files (the site's calendar, the
    /// open data) where they changed, after an edit to records (pieces
    /// already renumbered if records came or went); how many did. Where
    /// each record's piece is known, only the `stale` records (and records
    /// new to the files) are serialized again and spliced
    /// in ([`OpenData::splice`]); else every file is made whole and
    /// written where its bytes changed.
    fn directory_files(&mut self, stale: &Stale) -> Result<usize, Diagnostics> {
        if let Some(open_data) = &mut self.open_data {
            let spliced = open_data.splice(self.build.site(), stale, &self.output);
            if spliced.is_err() {
                self.open_data = None;
            }
            return Ok(spliced?);
        }
        // Written as each is made: the open data of a province is hundreds
        // of megabytes, and the pages are already written.
        let changed = WriteChanged {
            output: &self.output,
            written: AtomicUsize::new(0),
        };
        let mut emit = crate::base::sink::Emit {
            sink: &changed,
            written: 0,
            diagnostics: Vec::new(),
        };
        let open_data = crate::write::site_files::directory_files(self.build.site(), &mut emit);
        if !emit.diagnostics.is_empty() {
            return Err(Diagnostics(emit.diagnostics));
        }
        self.open_data = open_data;
        Ok(changed.written.into_inner())
    }

    fn full(&mut self) -> Result<Rebuild, Diagnostics> {
        let build = self.load()?;
        self.full_with(build)
    }

    /// A full build of a site already loaded.
    fn full_with(&mut self, build: Build) -> Result<Rebuild, Diagnostics> {
        let rendered = build.write_all(&self.output)?;
        let report = rendered.report.clone();
        let mut session = Session::new(
            self.options.clone(),
            self.output.clone(),
            build,
            rendered.tasks,
            rendered.outcomes,
        );
        session.cache = std::mem::take(&mut self.cache);
        *self = session;
        Ok(Rebuild::Full(report))
    }

    fn partial(&mut self, pages: &[usize]) -> Result<Rebuild, Diagnostics> {
        // New summaries first: list pages and neighbours show them.
        let mut old_summaries = Vec::new();
        let mut tasks = BTreeSet::new();
        for &i in pages {
            tasks.insert(self.page_task[i]);
            let page = &self.build.site().content.pages[i];
            let text = PageText::of_page(page).map_err(Diagnostics::from)?;
            let summary = page.page_type.summary(text.body());
            if summary != page.summary {
                self.summary_dependents(i, &mut tasks);
                let old =
                    std::mem::replace(&mut self.build.site_mut().content.pages[i].summary, summary);
                old_summaries.push((i, old));
            }
        }

        let summaries_changed = !old_summaries.is_empty();
        // The search index holds the bodies: a body edit rewrites it.
        let result = self.rerender(tasks.into_iter().collect(), summaries_changed, true);
        if result.is_err() {
            for (i, summary) in old_summaries {
                self.build.site_mut().content.pages[i].summary = summary;
            }
        }
        result
    }

    /// Render `tasks` again into memory, check anchors site-wide, and write
    /// what changed; on error restore the tasks' old outcomes and write
    /// nothing. The sitemap and feed are written again with
    /// `site_files_changed`, or when a policy's articles changed; with
    /// either or `text_changed` the search index is marked stale.
    fn rerender(
        &mut self,
        tasks: Vec<usize>,
        site_files_changed: bool,
        text_changed: bool,
    ) -> Result<Rebuild, Diagnostics> {
        self.rerender_files(tasks, site_files_changed, text_changed)
            .map(|(rebuild, _)| rebuild)
    }

    /// [`Session::rerender`], with the output paths of every file rendered
    /// (whether its bytes changed or not).
    fn rerender_files(
        &mut self,
        tasks: Vec<usize>,
        site_files_changed: bool,
        text_changed: bool,
    ) -> Result<(Rebuild, BTreeSet<String>), Diagnostics> {
        let sink = Collected::default();
        let fresh: Vec<Outcome> = tasks
            .par_iter()
            .map(|&t| self.build.pages().render_task(&self.tasks[t], &sink))
            .collect();
        let mut previous: Vec<(usize, Outcome)> = Vec::with_capacity(tasks.len());
        for (&t, outcome) in tasks.iter().zip(fresh) {
            previous.push((t, std::mem::replace(&mut self.outcomes[t], outcome)));
        }
        let articles_changed = previous
            .iter()
            .any(|(t, old)| old.articles != self.outcomes[*t].articles);
        let site_files = articles_changed || site_files_changed;
        let open_data = match self.build.finish(&self.outcomes, &sink, site_files, false) {
            Ok((_, open_data)) => open_data,
            Err(diagnostics) => {
                for (t, outcome) in previous {
                    self.outcomes[t] = outcome;
                }
                return Err(diagnostics);
            }
        };

        self.search_stale |= site_files || text_changed;

        // Article pages a policy no longer has.
        for (t, old) in &previous {
            if let Task::Page(i) = self.tasks[*t] {
                let path = &self.build.site().content.pages[i].path;
                for eid in old
                    .articles
                    .iter()
                    .filter(|e| !self.outcomes[*t].articles.contains(e))
                {
                    let dir = self.output.join(path).join(eid);
                    std::fs::remove_dir_all(&dir).map_err(|e| {
                        Diagnostics::from(Diagnostic::in_file(
                            &dir,
                            msg!("cannot-remove", error = crate::base::words::io_error(&e)),
                        ))
                    })?;
                }
            }
        }
        let files = sink.into_files()?;
        if site_files {
            // The open data is written with the other files (the layout is
            // kept once they are).
            self.open_data = None;
        }
        let written = write_changed(&self.output, &files)?;
        if site_files {
            self.open_data = open_data;
        }
        let rendered = files.into_iter().map(|(rel, _)| rel).collect();
        Ok((
            Rebuild::Partial {
                tasks: tasks.len(),
                files_written: written,
            },
            rendered,
        ))
    }

    /// The changed static files (output name, source), when every change
    /// is a static file of the site or its theme that still exists and is
    /// not shadowed by the site's own file of the same name.
    fn statics_only(&self, changed: &[PathBuf]) -> Option<Vec<(String, PathBuf)>> {
        let root = std::fs::canonicalize(&self.options.root).ok()?;
        let mut files = Vec::new();
        for path in changed {
            let (name, from_site) = self.theme_file(&root, path, "static")?;
            let absolute = root.join(path);
            let shadowed = !from_site && root.join("static").join(&name).is_file();
            if !absolute.is_file() || shadowed {
                return None;
            }
            files.push((name, absolute));
        }
        (!files.is_empty()).then_some(files)
    }

    /// The name of `path` inside the site's `folder` (`templates`, `static`)
    /// or the theme's, and whether it is the site's own.
    fn theme_file(&self, root: &Path, path: &Path, folder: &str) -> Option<(String, bool)> {
        let absolute = root.join(path);
        let rel = absolute.strip_prefix(root).ok()?;
        let theme = Path::new("themes")
            .join(&self.build.site().config.theme)
            .join(folder);
        let (name, from_site) = match rel.strip_prefix(folder) {
            Ok(name) => (name, true),
            Err(_) => (rel.strip_prefix(&theme).ok()?, false),
        };
        Some((name.to_str()?.replace('\\', "/"), from_site))
    }

    /// Static files changed: copy them; nothing renders.
    fn statics(&mut self, files: &[(String, PathBuf)]) -> Result<Rebuild, Diagnostics> {
        let mut written = 0;
        for (name, source) in files {
            written += usize::from(copy_if_changed(&self.output, name, source)?);
        }
        Ok(Rebuild::Partial {
            tasks: 0,
            files_written: written,
        })
    }

    /// The names of the changed templates, when every change is a template
    /// (of the site, or of its theme).
    fn templates_only(&self, changed: &[PathBuf]) -> Option<Vec<String>> {
        let root = std::fs::canonicalize(&self.options.root).ok()?;
        let names: Option<Vec<String>> = changed
            .iter()
            .map(|path| {
                self.theme_file(&root, path, "templates")
                    .map(|(name, _)| name)
            })
            .collect();
        names.filter(|n| !n.is_empty())
    }

    /// Templates changed: parse the theme again, and render again every task
    /// that used a changed template, directly or through `extends` and
    /// `include` (all of them when the header partial changed).
    fn templates(&mut self, names: &[String]) -> Result<Rebuild, Diagnostics> {
        let theming = Theming::reload(self.build.root(), self.build.site())?;
        let renderer = &theming.renderer;
        let affected: BTreeSet<String> = names.iter().flat_map(|n| renderer.users_of(n)).collect();
        let everything = affected.contains(Headers::TEMPLATE);
        let tasks: Vec<usize> = (0..self.tasks.len())
            .filter(|&t| {
                everything
                    || self.outcomes[t]
                        .templates
                        .iter()
                        .any(|u| affected.contains(u))
            })
            .collect();
        let old = self.build.replace_theming(theming);
        let result = self.rerender(tasks, false, false);
        if result.is_err() {
            self.build.replace_theming(old);
        }
        result
    }

    /// Tasks that show page `i`'s summary.
    fn summary_dependents(&self, i: usize, tasks: &mut BTreeSet<usize>) {
        let content = &self.build.site().content;
        let page = &content.pages[i];
        let section = &content.sections[page.section];
        if let Some(position) = section.pages.iter().position(|&p| p == i) {
            let pager = position / self.build.pages().per_pager(section) + 1;
            tasks.extend(self.section_task.get(&(page.section, pager)));
            if position > 0 {
                tasks.insert(self.page_task[section.pages[position - 1]]);
            }
            if let Some(&next) = section.pages.get(position + 1) {
                tasks.insert(self.page_task[next]);
            }
        }
        // The home page lists recent pages and policies.
        for (&(s, _), &t) in &self.section_task {
            if content.sections[s].parent.is_none() {
                tasks.insert(t);
            }
        }
        let resolved = &self.build.site().resolved;
        tasks.extend(resolved.interprets[i].map(|j| self.page_task[j]));
        tasks.extend(
            resolved.interpretations[i]
                .iter()
                .map(|&j| self.page_task[j]),
        );
    }
}

/// The task of each page, and of each (section, list page number).
fn index_tasks(tasks: &[Task], pages: usize) -> (Vec<usize>, HashMap<(usize, usize), usize>) {
    let mut page_task = vec![0; pages];
    let mut section_task = HashMap::new();
    for (t, task) in tasks.iter().enumerate() {
        match *task {
            Task::Page(i) => page_task[i] = t,
            Task::Section { index, pager } => {
                section_task.insert((index, pager), t);
            }
            Task::NotFound | Task::Search | Task::Directory(_) => {}
        }
    }
    (page_task, section_task)
}

/// Files rendered into memory, written only once the rebuild is known to
/// have no errors.
#[derive(Default)]
struct Collected(Mutex<Vec<(String, Vec<u8>)>>);

impl Sink for Collected {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.0
            .lock()
            .map_err(|_| Diagnostic::new(msg!("render-thread-failed")))?
            .push((rel.to_string(), bytes.to_vec()));
        Ok(())
    }
}

impl Collected {
    fn into_files(self) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
        self.0
            .into_inner()
            .map_err(|_| Diagnostic::new(msg!("render-thread-failed")).into())
    }
}

/// Writes each file straight to the output where its bytes changed
/// ([`write_if_changed`]), counting those it wrote.
struct WriteChanged<'a> {
    output: &'a Path,
    written: AtomicUsize,
}

impl Sink for WriteChanged<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        if write_if_changed(self.output, rel, bytes)? {
            self.written.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }
}

/// Write each of `files` whose bytes changed ([`write_if_changed`]); how
/// many were written.
fn write_changed(output: &Path, files: &[(String, Vec<u8>)]) -> Result<usize, Diagnostics> {
    let mut written = 0;
    for (rel, bytes) in files {
        written += usize::from(write_if_changed(output, rel, bytes)?);
    }
    Ok(written)
}

/// Copy the file `source` to `rel` below `output` unless the copy there is
/// the same; whether it wrote.
fn copy_if_changed(output: &Path, rel: &str, source: &Path) -> Result<bool, Diagnostics> {
    let bytes = std::fs::read(source).map_err(|e| {
        Diagnostics::from(Diagnostic::in_file(
            source,
            msg!("cannot-read", error = crate::base::words::io_error(&e)),
        ))
    })?;
    Ok(write_if_changed(output, rel, &bytes)?)
}

/// Write `bytes` at `rel` below `output` unless the file already holds them;
/// through a temporary file and a rename, so a reader never sees half a
/// page. Returns whether it wrote.
fn write_if_changed(output: &Path, rel: &str, bytes: &[u8]) -> Result<bool, Diagnostic> {
    let path = output.join(rel);
    if std::fs::read(&path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    let failed = |e: std::io::Error| {
        Diagnostic::in_file(
            &path,
            msg!("cannot-write", error = crate::base::words::io_error(&e)),
        )
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(failed)?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.gongkai-tmp"));
    std::fs::write(&temporary, bytes).map_err(failed)?;
    std::fs::rename(&temporary, &path).map_err(failed)?;
    Ok(true)
}
