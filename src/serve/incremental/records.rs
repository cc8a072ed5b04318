//! Directory edits that change the directory's pages: a record (a row, a
//! markdown record file, a whole table) added, deleted or renamed, a
//! region or organization type added or deleted, an activity that moves
//! into a month that had none or out of one that then has none, a need
//! or brand kind that comes or goes.
//!
//! The site is loaded again; its pages and sections must be the same (a
//! records edit changes only the directory). The records of the two loads
//! are matched by kind and page path ([`directory::Matching`]); the task
//! table is made again and each task keeps what it found when it has a
//! match. These render again:
//!
//! - new pages (a new record's, a new month's, a new need's and its 找组织
//!   answers …);
//! - whatever shows a record that changed, came or went, before or after
//!   ([`directory::Shown`], which reads added records as changed in the
//!   new directory and removed ones as changed in the old): its region
//!   chain, its type, its parent organization, its organization's lists,
//!   needs and audiences, 找组织 answers and counts, the calendar and its
//!   months, brand kinds, funds pages, the records sections' list pages
//!   (all of a section whose list changed), the policies' 落实情况, the
//!   open-data page's counts.
//!
//! What went is removed: the folder of each old page without a match (a
//! record's page, an organization's QR code and calendar with it), list
//! pages past a records section's new last one, sitemap parts past the
//! last, and an organization's calendar when it has no activities left.
//! The sitemap is written again when pages came or went; the open data
//! and the site's calendar by [`Session::directory_files`]; the search
//! index is marked stale.
//!
//! A full build instead when the pages, sections or headers changed, the
//! directory became empty or not, the build's day changed, a new page's
//! path is a page's, a section's or inside a section's list or library
//! folder (a full build reports the clash), a page that went held a page
//! or section, or a page links (a local link) into a page that went (a
//! full build reports the broken link).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;

use crate::base::diagnostics::Diagnostics;
use crate::base::timing::timing;
use crate::build::Build;
use crate::model::directory::pages::DirPage;
use crate::model::site::Site;
use crate::render::pages::{Outcome, Task};
use crate::render::views::pager_path;
use crate::serve::directory::{Matching, Shown};

use super::reshape::{Kept, Saved, prune_empty, remove, stale_files};
use super::{Rebuild, Session, WriteChanged};

impl Session {
    /// Directory records changed the directory's pages: see the module's
    /// comment. `build` is the site loaded again.
    pub(super) fn reshape_records(
        &mut self,
        files: &HashSet<PathBuf>,
        build: Build,
    ) -> Result<Rebuild, Diagnostics> {
        let started = Instant::now();
        let (old, new) = (self.build.site(), build.site());
        let (was, is) = (self.build.pages().headers, build.pages().headers);
        let same_headers =
            was.html == is.html && was.paths == is.paths && was.of_section == is.of_section;
        let (od, nd) = (&old.directory, &new.directory);
        if !same_headers
            || !same_content(old, new)
            || od.is_empty() != nd.is_empty()
            || od.now.map(|n| n.date()) != nd.now.map(|n| n.date())
        {
            return self.full_with(build);
        }
        let m = Matching::between(od, nd);

        // The new task table, with each task's match in the old one.
        let tasks = build.pages().tasks();
        let old_directory: HashMap<DirPage, usize> = self
            .tasks
            .iter()
            .enumerate()
            .filter_map(|(t, task)| match task {
                Task::Directory(p) => Some((*p, t)),
                _ => None,
            })
            .collect();
        let position = |wanted: Task| self.tasks.iter().position(|t| *t == wanted);
        let matched: Vec<Option<usize>> = tasks
            .iter()
            .map(|task| match *task {
                Task::NotFound | Task::Search => position(*task),
                Task::Section { index, pager } => self.section_task.get(&(index, pager)).copied(),
                Task::Page(i) => Some(self.page_task[i]),
                Task::Directory(p) => m.to_old(p, od).and_then(|q| old_directory.get(&q).copied()),
            })
            .collect();
        let (page_task, section_task) = super::index_tasks(&tasks, new.content.pages.len());

        // Old pages without a match: their folders go.
        let gone: Vec<String> = old_directory
            .keys()
            .filter(|p| m.to_new(**p, nd).is_none())
            .map(|p| p.path(od))
            .collect();
        let added: Vec<String> = tasks
            .iter()
            .zip(&matched)
            .filter_map(|(task, m)| match (task, m) {
                (Task::Directory(p), None) => Some(p.path(nd)),
                _ => None,
            })
            .collect();
        if !safe_paths(new, &gone, &added) || links_into(&self.outcomes, &gone) {
            return self.full_with(build);
        }

        let shown = Shown::between(od, nd, files, &m);
        let mut dirty: BTreeSet<usize> = shown
            .tasks(&build.pages(), &tasks, &section_task, &page_task)
            .into_iter()
            .collect();
        dirty.extend((0..tasks.len()).filter(|&t| matched[t].is_none()));
        let outcomes: Vec<Outcome> = matched
            .iter()
            .map(|m| m.map(|o| self.outcomes[o].clone()).unwrap_or_default())
            .collect();
        let old_pagers =
            super::reshape::pager_counts(&self.section_task, old.content.sections.len());
        let pages_changed = !gone.is_empty() || !added.is_empty();
        timing("dir-plan", started);

        let started = Instant::now();
        let saved = Saved {
            build: std::mem::replace(&mut self.build, build),
            tasks: std::mem::replace(&mut self.tasks, tasks),
            outcomes: std::mem::replace(&mut self.outcomes, outcomes),
            page_task: std::mem::replace(&mut self.page_task, page_task),
            section_task: std::mem::replace(&mut self.section_task, section_task),
            by_path: self.by_path.clone(),
        };
        let rebuild = match self.rerender(dirty.into_iter().collect(), false, true) {
            Ok(rebuild) => rebuild,
            Err(e) => {
                self.restore(saved);
                return Err(e);
            }
        };
        drop(saved);
        timing("rerender", started);
        let Rebuild::Partial {
            tasks: rendered,
            files_written,
        } = rebuild
        else {
            return Ok(rebuild);
        };
        let mut written = files_written;

        // What went.
        let started = Instant::now();
        let mut removed: Vec<PathBuf> = gone.iter().map(|g| self.output.join(g)).collect();
        removed.extend(shown.calendars_gone.iter().map(|c| self.output.join(c)));
        let content = &self.build.site().content;
        let new_pagers = super::reshape::pager_counts(&self.section_task, content.sections.len());
        for (s, section) in content.sections.iter().enumerate() {
            for n in new_pagers[s] + 1..=old_pagers[s] {
                removed.push(self.output.join(pager_path(&section.path, n)));
            }
        }
        if pages_changed {
            written += self.sitemap(&mut removed)?;
        }
        for path in &removed {
            if path.exists() {
                remove(path)?;
                prune_empty(&self.output, path);
                written += 1;
            }
        }
        timing("dir-removed", started);
        let started = Instant::now();
        // Records came or went: the open data's pieces move to their
        // records' new positions, and only the added and changed records'
        // are serialized.
        if let Some(open_data) = &mut self.open_data {
            open_data.renumber(
                &m.organizations.to_new,
                &m.services.to_new,
                &m.activities.to_new,
                &m.funds.to_new,
            );
        }
        written += self.directory_files(&shown.stale)?;
        timing("dir-files", started);
        Ok(Rebuild::Partial {
            tasks: rendered,
            files_written: written,
        })
    }

    /// Write the sitemap where it changed; its parts that went are added
    /// to `removed`. How many files were written.
    fn sitemap(&self, removed: &mut Vec<PathBuf>) -> Result<usize, Diagnostics> {
        let site = self.build.site();
        let mut articles: Vec<Vec<String>> = vec![Vec::new(); site.content.pages.len()];
        for o in &self.outcomes {
            if let Some(crate::model::links::Target::Page(i)) = o.source {
                articles[i].clone_from(&o.articles);
            }
        }
        let sink = WriteChanged {
            output: &self.output,
            written: std::sync::atomic::AtomicUsize::new(0),
        };
        let mut names: BTreeSet<String> = BTreeSet::new();
        for (name, text) in crate::write::site_files::sitemap(site, &articles) {
            crate::base::sink::Sink::write(&sink, &name, text.as_bytes())
                .map_err(Diagnostics::from)?;
            names.insert(name);
        }
        let none = HashMap::new();
        let live = HashSet::new();
        let kept = Kept {
            written: &names,
            assets: &none,
            live: &live,
        };
        stale_files(&self.output, "", &kept, removed);
        Ok(sink.written.into_inner())
    }
}

/// Whether two loads have the same pages and sections at the same paths:
/// only the directory changed.
fn same_content(old: &Site, new: &Site) -> bool {
    let (a, b) = (&old.content, &new.content);
    a.pages.len() == b.pages.len()
        && a.sections.len() == b.sections.len()
        && a.pages
            .iter()
            .zip(&b.pages)
            .all(|(x, y)| x.rel == y.rel && x.path == y.path)
        && a.sections
            .iter()
            .zip(&b.sections)
            .all(|(x, y)| x.dir == y.dir && x.path == y.path && x.records == y.records)
}

/// Whether the pages that came and went can be written and removed
/// without touching another's files: no new page where a page or section
/// is or inside a section's list pages or policy library (a full build
/// reports the clash), no page that went holding a page or section.
fn safe_paths(new: &Site, gone: &[String], added: &[String]) -> bool {
    let c = &new.content;
    let taken: HashSet<&str> = c
        .pages
        .iter()
        .map(|p| p.path.as_str())
        .chain(c.sections.iter().map(|s| s.path.as_str()))
        .collect();
    let own: Vec<String> = c
        .sections
        .iter()
        .flat_map(|s| [format!("{}page/", s.path), format!("{}library/", s.path)])
        .collect();
    let clash = added.iter().any(|p| {
        p.is_empty() || taken.contains(p.as_str()) || own.iter().any(|o| p.starts_with(o))
    });
    let holds = gone
        .iter()
        .any(|g| g.is_empty() || taken.iter().any(|t| t.starts_with(g.as_str())));
    !clash && !holds
}

/// Whether a body links (a local link) to a file inside a folder that went.
fn links_into(outcomes: &[Outcome], gone: &[String]) -> bool {
    if gone.is_empty() {
        return false;
    }
    outcomes.iter().any(|o| {
        o.local_links.iter().any(|l| {
            let path = if l.path.ends_with('/') || l.path.is_empty() {
                l.path.clone()
            } else {
                format!("{}/", l.path)
            };
            gone.iter().any(|g| path.starts_with(g.as_str()))
        })
    })
}
