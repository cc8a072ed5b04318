//! The one orchestration that `build`, `check` and `serve` share: load
//! and resolve the model, load the theme, render every page task in
//! parallel through a sink, then the files that need the whole site, and
//! write through a staging folder that replaces the output only when
//! everything succeeded.

mod cache;
mod clock;
mod options;
mod sinks;

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::base::diagnostics::{Diagnostic, Diagnostics};
use crate::base::sink::{Emit, Sink};
use crate::base::timing::timing;
use crate::load::synonyms;
use crate::model::links::{Target, Urls};
use crate::model::site::Site;
use crate::render::Renderer;
use crate::render::headers::{self, Headers};
use crate::render::pages::{Outcome, Pages, Task};
use crate::render::theme::{self, Theme};
use crate::write::Staging;
use crate::write::claims::{Claims, Owner};
use crate::write::open_data::OpenData;
use crate::{load, resolve, search, write};

pub use cache::{CacheCounts, LoadCache};
pub use options::{BuildOptions, BuildReport};
use sinks::{Claimed, Discard};

/// A site loaded with its theme: what a build renders, and what `serve`
/// keeps between edits.
pub struct Build {
    site: Site,
    theming: Theming,
    /// Problems found before rendering that rendering should still add to.
    pending: Diagnostics,
    /// Problems found while loading that do not stop the build, reported
    /// with rendering's warnings.
    warnings: Diagnostics,
    root: PathBuf,
    /// See [`BuildOptions::force`].
    force: bool,
}

/// The theme, its parsed templates and the page headers rendered with them.
pub struct Theming {
    pub theme: Theme,
    pub renderer: Renderer,
    pub headers: Headers,
}

impl Theming {
    /// Load the theme of `site` again (its files changed). Templates that
    /// front matter names and that no longer exist are the error.
    pub fn reload(root: &Path, site: &Site) -> Result<Theming, Diagnostics> {
        let theme = Theme::load(root, &site.config)?;
        let mut renderer = Renderer::new(&theme)?;
        renderer.set_globals(headers::globals(
            &site.config,
            &site.content,
            &site.directory,
            &site.urls,
        ));
        let pending = headers::check_templates(&site.content, &renderer);
        if !pending.is_empty() {
            return Err(pending);
        }
        let headers = Headers::render(&site.content, &site.directory, &renderer)?;
        Ok(Theming {
            theme,
            renderer,
            headers,
        })
    }
}

impl Build {
    /// Load and resolve the site at `options.root`: everything `build`
    /// validates, without writing.
    pub fn load(options: &BuildOptions) -> Result<Build, Diagnostics> {
        Build::load_cached(options, None)
    }

    /// [`Build::load`] through the server's `cache`: files that did not
    /// change since the last load, and the theme's templates when none
    /// changed, are not read and parsed again. The result is the same.
    pub fn load_with(options: &BuildOptions, cache: &mut LoadCache) -> Result<Build, Diagnostics> {
        Build::load_cached(options, Some(cache))
    }

    fn load_cached(
        options: &BuildOptions,
        mut cache: Option<&mut LoadCache>,
    ) -> Result<Build, Diagnostics> {
        let started = Instant::now();
        let root = options.root.clone();
        let mut config = crate::load::config::load(&root)?;
        if let Some(url) = &options.base_url {
            config.set_base_url(url)?;
        }
        crate::base::files::set_max_file_mb(config.max_file_mb);
        if let Some(c) = cache.as_deref_mut() {
            c.limit(config.max_file_mb);
        }
        let urls = Urls::new(&config);
        // The one reading of the clock for this build.
        let time = clock::build_time()?;
        let publish = load::content::Publish {
            drafts: options.drafts,
            future: options.future,
            today: time.today(),
        };
        let theme = Theme::load(&root, &config)?;
        let (pages, mut records, templates) = match cache {
            Some(c) => {
                let (pages, records, templates) = c.split();
                (Some(pages), Some(records), Some(templates))
            }
            None => (None, None, None),
        };
        let (content, renderer) = rayon::join(
            || load::content::load(&root, publish, config.follow_symlinks, pages),
            || match templates {
                Some(t) => t.renderer(&theme),
                None => Renderer::new(&theme),
            },
        );
        // Report content and template problems together, and with them
        // the problems of the directory's tables, read from the content
        // that did load (a bad date in one page does not hide an unknown
        // region in a table).
        let mut all = Diagnostics::default();
        let content = match content {
            Ok((c, errors)) => {
                all.extend(errors.0);
                Some(c)
            }
            Err(e) => {
                all.extend(e.0);
                None
            }
        };
        let renderer = renderer.map_err(|e| all.extend(e.0)).ok();
        let (mut content, mut renderer) = match (content, renderer) {
            (Some(c), Some(r)) if all.is_empty() => (c, r),
            (content, _) => {
                if let Some(c) = &content {
                    let mut ignored = Diagnostics::default();
                    if let Err(e) = resolve::directory::directory(
                        &config,
                        c,
                        &urls,
                        time,
                        records.as_deref_mut(),
                        &mut ignored,
                    ) {
                        all.extend(e.0);
                    }
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
        let pending = headers::check_templates(&content, &renderer);
        let mut warnings = Diagnostics::default();
        let resolved = resolve::resolve(&config, &mut content, &urls, &mut warnings);
        let directory =
            resolve::directory::directory(&config, &content, &urls, time, records, &mut warnings);
        let synonyms = synonyms::load(&root);
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
        renderer.set_globals(headers::globals(&config, &content, &directory, &urls));
        let headers = Headers::render(&content, &directory, &renderer)?;
        Ok(Build {
            site: Site {
                config,
                content,
                resolved,
                urls,
                directory,
                synonyms,
                time,
            },
            theming: Theming {
                theme,
                renderer,
                headers,
            },
            root,
            pending,
            warnings,
            force: options.force,
        })
    }

    /// The model.
    pub fn site(&self) -> &Site {
        &self.site
    }

    /// The model, to change in place (a page's summary after an edit).
    pub fn site_mut(&mut self) -> &mut Site {
        &mut self.site
    }

    /// The site's root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The render context: the model with the theme.
    pub fn pages(&self) -> Pages<'_> {
        Pages {
            site: &self.site,
            renderer: &self.theming.renderer,
            headers: &self.theming.headers,
        }
    }

    /// Put `theming` in place of the current one, and return the old.
    pub fn replace_theming(&mut self, theming: Theming) -> Theming {
        std::mem::replace(&mut self.theming, theming)
    }

    /// Render every output file and hand it to `sink` (in parallel), then
    /// check the anchors that bodies link to. Any problem fails the whole
    /// run; what was handed to `sink` is then discarded by the caller.
    ///
    /// Every file is claimed in `claims` by its source first (see
    /// [`write::claims`]); the files to copy are claimed too, so that
    /// `check` and `build` agree.
    fn render_all(&self, sink: &dyn Sink, claims: &Claims) -> Result<Rendered, Diagnostics> {
        let started = Instant::now();
        let pages = self.pages();
        let tasks: Vec<Task> = pages.tasks();
        let outcomes: Vec<Outcome> = tasks
            .par_iter()
            .map(|t| {
                let owner = self.owner_of(t);
                pages.render_task(
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
            owner: &Owner::generated(msg!("owner-generated-file")),
        };
        let mut finished = self.finish(&outcomes, &generated, true, true);
        let copies = self.copies();
        let mut conflicts = Diagnostics::default();
        for (rel, _, owner) in &copies {
            if let Err(d) = claims.claim(rel, owner) {
                conflicts.push(d);
            }
        }
        // Every file is claimed now: local links can be checked.
        for o in &outcomes {
            for link in &o.local_links {
                if !claims.serves(&link.path) {
                    conflicts.push(link.missing());
                }
            }
        }
        if !conflicts.is_empty() {
            if let Err(d) = finished {
                conflicts.extend(d.0);
            }
            finished = conflicts.into_result((BuildReport::default(), None));
        }
        let (report, open_data) = finished?;
        Ok(Rendered {
            report,
            tasks,
            outcomes,
            open_data,
        })
    }

    /// After the tasks: check anchors across pages and, with `site_files`,
    /// write the files that need the whole site (sitemap, feed, robots.txt,
    /// open data), and with `search` the search index. With `site_files`,
    /// also where each record went in the open data (for `serve`).
    pub fn finish(
        &self,
        outcomes: &[Outcome],
        sink: &dyn Sink,
        site_files: bool,
        search: bool,
    ) -> Result<(BuildReport, Option<OpenData>), Diagnostics> {
        let content = &self.site.content;
        let mut diagnostics = self.pending.clone();
        let mut page_anchors: Vec<Vec<String>> = vec![Vec::new(); content.pages.len()];
        let mut section_anchors: Vec<Vec<String>> = vec![Vec::new(); content.sections.len()];
        let mut articles: Vec<Vec<String>> = vec![Vec::new(); content.pages.len()];
        let mut unknown_anchors: Vec<bool> = vec![false; content.pages.len()];
        let mut files_written = 0;
        for o in outcomes {
            files_written += o.files;
            match o.source {
                Some(Target::Page(i)) => {
                    page_anchors[i].clone_from(&o.anchors);
                    articles[i].clone_from(&o.articles);
                    unknown_anchors[i] = o.anchors_unknown;
                }
                Some(Target::Section(i)) => section_anchors[i].clone_from(&o.anchors),
                None => {}
            }
        }
        let mut warnings = self.warnings.clone();
        for o in outcomes {
            warnings.extend(o.warnings.iter().cloned());
            diagnostics.extend(o.diagnostics.iter().cloned());
            for link in &o.anchor_links {
                let anchors = match link.target {
                    // Its structure errors are reported instead.
                    Target::Page(i) if unknown_anchors[i] => continue,
                    Target::Page(i) => &page_anchors[i],
                    Target::Section(i) => &section_anchors[i],
                };
                if anchors.binary_search(&link.anchor).is_err() {
                    let message = msg!("anchor-missing", link = &link.link);
                    let d = match o.source {
                        Some(Target::Page(i)) => {
                            content.pages[i].diagnostic(link.offset, link.len, message)
                        }
                        Some(Target::Section(i)) => {
                            content.sections[i].diagnostic(link.offset, link.len, message)
                        }
                        None => Diagnostic::new(message),
                    };
                    diagnostics.push(d.with_help(msg!("anchor-missing-help")));
                }
            }
        }
        // Files that need the whole site, and the search index: the two
        // read the site only and write different files, so they run side
        // by side (the open data of a province directory, 330 MB, is
        // written by one thread).
        let emit = || Emit {
            sink,
            written: 0,
            diagnostics: Vec::new(),
        };
        let (mut files, mut index) = (emit(), emit());
        let mut open_data = None;
        let (_, search_failed) = rayon::join(
            || {
                if site_files {
                    let started = Instant::now();
                    open_data = write::site_files::site_files(&self.site, &articles, &mut files);
                    timing("site-files", started);
                }
            },
            || {
                if !search {
                    return None;
                }
                let started = Instant::now();
                let result = search::write(&self.site, &mut |name, text| {
                    index.bytes(name, text.as_bytes())
                });
                timing("search", started);
                result.err()
            },
        );
        if let Some(e) = search_failed {
            diagnostics.push(Diagnostic::new(msg!(
                "search-index-temporary-failed",
                error = crate::base::words::io_error(&e)
            )));
        }
        for emitted in [files, index] {
            files_written += emitted.written;
            diagnostics.extend(emitted.diagnostics);
        }
        warnings.sort();
        let report = BuildReport {
            pages: content.pages.len(),
            sections: content.sections.len(),
            articles: articles.iter().map(Vec::len).sum(),
            records: self.site.directory.len(),
            files_written,
            seconds: 0.0,
            warnings: warnings.0.iter().map(ToString::to_string).collect(),
        };
        diagnostics.into_result((report, open_data))
    }

    /// Check everything a build checks, rendering every page in memory.
    pub fn check(&self) -> Result<BuildReport, Diagnostics> {
        self.render_all(&Discard, &Claims::default())
            .map(|r| r.report)
    }

    /// Who writes a task's files, for the URL table.
    fn owner_of(&self, task: &Task) -> Owner {
        match *task {
            Task::NotFound => Owner::generated(msg!("owner-not-found-page")),
            Task::Search => Owner::generated(msg!("owner-search-page")),
            Task::Section { index, pager } => {
                let s = &self.site.content.sections[index];
                let what = if pager > 1 {
                    msg!("owner-list-page", pager = pager, file = &s.file)
                } else {
                    s.file.display().to_string()
                };
                Owner::file(&s.file, what)
            }
            Task::Page(i) => {
                let p = &self.site.content.pages[i];
                Owner::file(&p.file, p.file.display().to_string())
            }
            Task::Directory(page) => Owner::generated(msg!(
                "owner-directory-page",
                path = page.path(&self.site.directory).to_string()
            )),
        }
    }

    /// The files copied as they are: theme and site static files, and the
    /// files of `content/` that are not pages, with their output paths.
    fn copies(&self) -> Vec<(&str, Copy<'_>, Owner)> {
        let mut copies = vec![];
        for (name, file) in &self.theming.theme.statics {
            let owner = Owner::file(&file.shown, file.shown.display().to_string());
            let copy = match &file.origin {
                theme::Origin::File(p) => Copy::File(p),
                theme::Origin::Builtin(bytes) => Copy::Bytes(bytes),
            };
            copies.push((name.as_str(), copy, owner));
        }
        for a in &self.site.content.assets {
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

    /// [`Build::write`], keeping what each task found (for incremental rebuilds).
    pub fn write_all(&self, output: &Path) -> Result<Rendered, Diagnostics> {
        let output = &write::resolve_output(&self.root, output, self.force)?;
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

/// A file copied into the output as it is.
enum Copy<'a> {
    File(&'a Path),
    Bytes(&'static [u8]),
}

/// A finished render: the report, what each task found, and where each
/// record went in the open data.
pub struct Rendered {
    pub report: BuildReport,
    pub tasks: Vec<Task>,
    pub outcomes: Vec<Outcome>,
    pub open_data: Option<OpenData>,
}

/// Build the site: load, resolve, render, write.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let started = Instant::now();
    // Refuse a wrong output before the site is loaded.
    write::resolve_output(&options.root, &options.output_dir(), options.force)?;
    let site = Build::load(options)?;
    let mut report = site.write(&options.output_dir())?;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Check the site without writing anything.
pub fn check(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let started = Instant::now();
    let site = Build::load(options)?;
    let mut report = site.check()?;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}
