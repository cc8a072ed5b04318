//! Edits that change the site's shape, or a policy's earlier texts: a new,
//! renamed or deleted page, a section's `_index.md`, a versioned policy's
//! `index.md` or one of its `versions/*.md` files (added or deleted too),
//! and files of a page bundle.
//!
//! The site is loaded again and its pages are matched with the old ones by
//! file (`rel`); sections must be the same folders with the same URLs. The
//! task table is made again (a task keeps what it found when it has a match
//! and nothing it shows changed), and these tasks render again:
//!
//! - the changed pages (`C`: edited, new, deleted, or owning a changed
//!   version or bundle file);
//! - pages whose previous or next page changed, or is in `C`;
//! - every list page of a section whose list changed or holds a page of
//!   `C`, and of its parents up to the home page when its count changed;
//!   the home page always (recent pages, policies). A section's first list
//!   page writes its policy library (`<section>/library/…`);
//! - for an edited `_index.md`, the section and everything below it (their
//!   breadcrumbs and templates), and its parents;
//! - pages related to a page of `C`, before or after (interpretations, the
//!   policy a page succeeds, the amending documents a policy names and the
//!   policies a decision amends), and pages whose relations changed;
//! - every task whose bodies link to a page or section of `C` with `@/`
//!   (a link to a deleted page is the error a full build reports).
//!
//! The sitemap, feeds (`atom.xml`, `changes.xml`) and robots.txt are
//! written again, the search index marked stale. What went is removed: a
//! deleted or moved page's folder (its article, version and comparison
//! pages, its AKN files and bundle files), list pages past the new last
//! one, files of a rendered policy or policy library that the new render
//! did not write, feeds of changes of sections that no longer list
//! policies, sitemap parts past the last; bundle files are copied.
//!
//! A full build instead, for: a file outside `content/` (the
//! configuration, data), a file of a records section (the directory's own
//! path), a section folder added or deleted or a section's URL changed, a
//! changed navigation or footer (a top-level section's title, a page
//! directly under the home page) or page headers, a changed set of
//! directory pages, a changed policy that directory services implement, a
//! page whose URL another page, section or list page already has (a full
//! build reports the clash), and a page folder that another page's folder
//! is inside of.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::base::diagnostics::{Diagnostic, Diagnostics};
use crate::base::timing::timing;
use crate::build::Build;
use crate::model::content::{Content, VERSIONS_DIR};
use crate::model::links::Target;
use crate::model::site::Site;
use crate::render::headers;
use crate::render::pages::{Outcome, Task};
use crate::render::views::pager_path;
use crate::serve::directory::canonical_or_parent;

use super::{Rebuild, Session, copy_if_changed};

/// What the changed files are, as paths below `content/`.
#[derive(Default)]
struct Edits {
    /// Pages (or would-be pages: drafts, files held back) by `rel`.
    pages: BTreeSet<String>,
    /// Sections whose `_index.md` changed, by folder (`news`, `` for home).
    sections: BTreeSet<String>,
    /// Other files (bundle files, section files), by `rel`.
    others: BTreeSet<String>,
}

/// The session's state, kept to put back when a rebuild fails.
pub(super) struct Saved {
    pub(super) build: Build,
    pub(super) tasks: Vec<Task>,
    pub(super) outcomes: Vec<Outcome>,
    pub(super) page_task: Vec<usize>,
    pub(super) section_task: HashMap<(usize, usize), usize>,
    pub(super) by_path: HashMap<PathBuf, usize>,
}

impl Session {
    /// Rebuild after `changed` content files changed the site's shape or a
    /// policy's texts; `loaded` is the site already loaded again, if it was.
    pub(super) fn reshape(
        &mut self,
        changed: &[PathBuf],
        loaded: Option<Build>,
    ) -> Result<Rebuild, Diagnostics> {
        let Some(edits) = self.content_edits(changed) else {
            return match loaded {
                Some(build) => self.full_with(build),
                None => self.full(),
            };
        };
        let started = Instant::now();
        let build = match loaded {
            Some(b) => b,
            None => self.load()?,
        };
        timing("reload", started);
        let started = Instant::now();
        let (old, new) = (self.build.site(), build.site());
        let (was, is) = (self.build.pages().headers, build.pages().headers);
        let same_headers =
            was.html == is.html && was.paths == is.paths && was.of_section == is.of_section;
        if !same_headers || !same_frame(old, new, &edits) {
            return self.full_with(build);
        }
        let (old_rel, new_rel) = (by_rel(&old.content), by_rel(&new.content));
        // C: the changed pages, by rel.
        let mut changed_pages: BTreeSet<String> = edits.pages.clone();
        for other in &edits.others {
            if let Some(owner) = bundle_owner(other, &old_rel, &new_rel) {
                changed_pages.insert(owner);
            }
        }
        changed_pages.extend(
            old_rel
                .keys()
                .filter(|r| !new_rel.contains_key(*r))
                .map(|r| r.to_string()),
        );
        changed_pages.extend(
            new_rel
                .keys()
                .filter(|r| !old_rel.contains_key(*r))
                .map(|r| r.to_string()),
        );
        let in_c_old: Vec<bool> = old
            .content
            .pages
            .iter()
            .map(|p| changed_pages.contains(&p.rel))
            .collect();
        let in_c_new: Vec<bool> = new
            .content
            .pages
            .iter()
            .map(|p| changed_pages.contains(&p.rel))
            .collect();
        // Services implement articles of policies: only a whole load checks them.
        let implemented = |site: &Site, in_c: &[bool]| {
            site.directory
                .implemented_by
                .keys()
                .any(|(policy, _)| in_c[*policy])
        };
        if implemented(old, &in_c_old) || implemented(new, &in_c_new) {
            return self.full_with(build);
        }
        let Some(gone) = gone_folders(&old.content, &new.content, &in_c_new) else {
            return self.full_with(build);
        };

        // The new task table, with each task's match in the old one.
        let tasks = build.pages().tasks();
        let matched: Vec<Option<usize>> = {
            let old_page_task = &self.page_task;
            tasks
                .iter()
                .map(|task| match *task {
                    Task::NotFound => Some(0),
                    Task::Search => Some(1),
                    Task::Section { index, pager } => {
                        self.section_task.get(&(index, pager)).copied()
                    }
                    Task::Page(i) => old_rel
                        .get(new.content.pages[i].rel.as_str())
                        .map(|&o| old_page_task[o]),
                    Task::Directory(_) => None,
                })
                .collect()
        };
        // Directory tasks keep their places (the directory is the same).
        let first_directory = tasks
            .iter()
            .position(|t| matches!(t, Task::Directory(_)))
            .unwrap_or(tasks.len());
        let old_first_directory = self
            .tasks
            .iter()
            .position(|t| matches!(t, Task::Directory(_)))
            .unwrap_or(self.tasks.len());
        let matched: Vec<Option<usize>> = matched
            .into_iter()
            .enumerate()
            .map(|(t, m)| {
                if t >= first_directory {
                    Some(old_first_directory + (t - first_directory))
                } else {
                    m
                }
            })
            .collect();

        let (page_task, section_task) = super::index_tasks(&tasks, new.content.pages.len());
        let mut dirty: BTreeSet<usize> = BTreeSet::new();
        for (t, m) in matched.iter().enumerate() {
            if m.is_none() {
                dirty.insert(t);
            }
        }
        // The changed pages themselves.
        for (j, &c) in in_c_new.iter().enumerate() {
            if c {
                dirty.insert(page_task[j]);
            }
        }
        // Neighbours.
        let (old_neighbours, new_neighbours) = (neighbours(&old.content), neighbours(&new.content));
        for j in 0..new.content.pages.len() {
            let Some(&o) = old_rel.get(new.content.pages[j].rel.as_str()) else {
                continue;
            };
            let (now, was) = (new_neighbours[j], old_neighbours[o]);
            let shows_changed = [now.0, now.1]
                .into_iter()
                .flatten()
                .any(|r| changed_pages.contains(r));
            if now != was || shows_changed {
                dirty.insert(page_task[j]);
            }
        }
        // Sections: their lists, their parents' counts, edited ones' subtrees.
        let mut whole_sections: BTreeSet<usize> = BTreeSet::new();
        let mut pages_of: BTreeSet<usize> = BTreeSet::new();
        for (s, (was, is)) in old
            .content
            .sections
            .iter()
            .zip(&new.content.sections)
            .enumerate()
        {
            let rels = |content: &Content, list: &[usize]| -> Vec<String> {
                list.iter().map(|&p| content.pages[p].rel.clone()).collect()
            };
            let list_changed = rels(&old.content, &was.pages) != rels(&new.content, &is.pages)
                || was.pages.iter().any(|&p| in_c_old[p]);
            let edited = edits.sections.contains(&is.dir);
            if list_changed || edited || is.parent.is_none() {
                whole_sections.insert(s);
            }
            if edited {
                // Everything below shows its title (breadcrumbs) or
                // follows its front matter (templates, order).
                let mut below = vec![s];
                while let Some(k) = below.pop() {
                    whole_sections.insert(k);
                    pages_of.insert(k);
                    below.extend(&new.content.sections[k].subsections);
                }
            }
            if was.pages.len() != is.pages.len() || edited {
                let mut up = is.parent;
                while let Some(k) = up {
                    whole_sections.insert(k);
                    up = new.content.sections[k].parent;
                }
            }
        }
        for (&(s, _), &t) in &section_task {
            if whole_sections.contains(&s) {
                dirty.insert(t);
            }
        }
        for &s in &pages_of {
            dirty.extend(new.content.sections[s].pages.iter().map(|&p| page_task[p]));
        }
        // Relations, before and after.
        let old_relations = relations(old);
        for (j, now) in relations(new).into_iter().enumerate() {
            let was = old_rel
                .get(new.content.pages[j].rel.as_str())
                .map(|&o| &old_relations[o]);
            if was != Some(&now) || now.iter().any(|r| changed_pages.contains(*r)) {
                dirty.insert(page_task[j]);
            }
            if in_c_new[j] {
                dirty.extend(
                    now.iter()
                        .filter_map(|r| new_rel.get(r))
                        .map(|&k| page_task[k]),
                );
            }
        }
        for (o, list) in old_relations.iter().enumerate() {
            if in_c_old[o] {
                dirty.extend(
                    list.iter()
                        .filter_map(|r| new_rel.get(r))
                        .map(|&k| page_task[k]),
                );
            }
        }
        // `@/` links to what changed.
        let mut linked: HashSet<String> = changed_pages.iter().cloned().collect();
        for dir in &edits.sections {
            linked.insert(if dir.is_empty() {
                "_index.md".to_string()
            } else {
                format!("{dir}/_index.md")
            });
        }
        for (t, m) in matched.iter().enumerate() {
            if let Some(o) = m {
                if self.outcomes[*o].links.iter().any(|l| linked.contains(l)) {
                    dirty.insert(t);
                }
            }
        }

        // Outcomes move to their new places; page numbers in them follow.
        let index_of: Vec<Option<usize>> = old
            .content
            .pages
            .iter()
            .map(|p| new_rel.get(p.rel.as_str()).copied())
            .collect();
        let mut outcomes: Vec<Outcome> = Vec::with_capacity(tasks.len());
        for (t, m) in matched.iter().enumerate() {
            // A task rendered again keeps its old outcome until then: the
            // article pages a policy no longer has are found from it.
            let outcome = match m {
                Some(o) => match remap(&self.outcomes[*o], &index_of) {
                    Some(outcome) => outcome,
                    None => {
                        dirty.insert(t);
                        Outcome::default()
                    }
                },
                None => Outcome::default(),
            };
            outcomes.push(outcome);
        }
        // Kept for what must go once the new site is written.
        let old_pagers = pager_counts(&self.section_task, old.content.sections.len());
        let old_feeds: BTreeSet<String> = (0..old.content.sections.len())
            .filter_map(|s| old.content.changes_feed(s))
            .collect();
        let old_assets: HashMap<String, PathBuf> = old
            .content
            .assets
            .iter()
            .map(|a| (a.output.clone(), a.source.clone()))
            .collect();
        let had_history: BTreeSet<String> = old
            .content
            .pages
            .iter()
            .enumerate()
            .filter(|(i, _)| old.resolved.histories[*i].is_some())
            .map(|(_, p)| p.rel.clone())
            .collect();

        let by_path = self.paths_of(&build, &old_rel);
        let saved = Saved {
            build: std::mem::replace(&mut self.build, build),
            tasks: std::mem::replace(&mut self.tasks, tasks),
            outcomes: std::mem::replace(&mut self.outcomes, outcomes),
            page_task: std::mem::replace(&mut self.page_task, page_task),
            section_task: std::mem::replace(&mut self.section_task, section_task),
            by_path: std::mem::replace(&mut self.by_path, by_path),
        };
        timing("plan", started);
        let started = Instant::now();
        let (rebuild, written) =
            match self.rerender_files(dirty.iter().copied().collect(), true, true) {
                Ok(done) => done,
                Err(e) => {
                    self.restore(saved);
                    return Err(e);
                }
            };
        let Rebuild::Partial {
            tasks: rendered,
            files_written,
        } = rebuild
        else {
            return Ok(rebuild);
        };
        let mut written_count = files_written;

        // What went.
        let mut removed: Vec<PathBuf> = gone.iter().map(|g| self.output.join(g)).collect();
        let content = &self.build.site().content;
        let new_pagers = pager_counts(&self.section_task, content.sections.len());
        for (s, section) in content.sections.iter().enumerate() {
            for n in new_pagers[s] + 1..=old_pagers[s] {
                removed.push(self.output.join(pager_path(&section.path, n)));
            }
        }
        let new_feeds: BTreeSet<String> = (0..content.sections.len())
            .filter_map(|s| content.changes_feed(s))
            .collect();
        removed.extend(
            old_feeds
                .difference(&new_feeds)
                .map(|f| self.output.join(f)),
        );
        let new_assets: HashMap<&str, &Path> = content
            .assets
            .iter()
            .map(|a| (a.output.as_str(), a.source.as_path()))
            .collect();
        removed.extend(
            old_assets
                .keys()
                .filter(|o| !new_assets.contains_key(o.as_str()))
                .map(|o| self.output.join(o)),
        );
        // Folders whose files the new render wrote all of: a policy's (its
        // versions and comparisons) and a policy library.
        let mut owned: Vec<String> = Vec::new();
        for &t in &dirty {
            match self.tasks[t] {
                Task::Page(i) => {
                    let p = &content.pages[i];
                    if self.build.site().resolved.histories[i].is_some()
                        || had_history.contains(&p.rel)
                    {
                        owned.push(p.path.clone());
                    }
                }
                Task::Section { index, pager: 1 } => {
                    owned.push(format!("{}library/", content.sections[index].path));
                }
                _ => {}
            }
        }
        owned.push(String::new()); // the root, for sitemap parts only
        let live: HashSet<&str> = content
            .pages
            .iter()
            .map(|p| p.path.as_str())
            .chain(content.sections.iter().map(|s| s.path.as_str()))
            .collect();
        let kept = Kept {
            written: &written,
            assets: &new_assets,
            live: &live,
        };
        for folder in &owned {
            stale_files(&self.output, folder, &kept, &mut removed);
        }
        for path in &removed {
            remove(path)?;
            prune_empty(&self.output, path);
            written_count += 1;
        }
        // Bundle and section files: new ones, and changed ones.
        let changed_sources: HashSet<PathBuf> = changed
            .iter()
            .filter_map(|p| std::fs::canonicalize(self.options.root.join(p)).ok())
            .collect();
        for (out, source) in &new_assets {
            let is_new = old_assets.get(*out).is_none_or(|s| s != source);
            let edited = std::fs::canonicalize(source).is_ok_and(|s| changed_sources.contains(&s));
            if (is_new || edited) && copy_if_changed(&self.output, out, source)? {
                written_count += 1;
            }
        }
        timing("rerender", started);
        drop(saved);
        Ok(Rebuild::Partial {
            tasks: rendered,
            files_written: written_count,
        })
    }

    pub(super) fn restore(&mut self, saved: Saved) {
        self.build = saved.build;
        self.tasks = saved.tasks;
        self.outcomes = saved.outcomes;
        self.page_task = saved.page_task;
        self.section_task = saved.section_task;
        self.by_path = saved.by_path;
    }

    /// Each page's file, canonical, to its index in `build`: the old ones
    /// kept, new ones looked up.
    fn paths_of(&self, build: &Build, old_rel: &HashMap<&str, usize>) -> HashMap<PathBuf, usize> {
        let known: HashMap<usize, &PathBuf> = self.by_path.iter().map(|(p, &i)| (i, p)).collect();
        build
            .site()
            .content
            .pages
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let path = match old_rel.get(p.rel.as_str()).and_then(|o| known.get(o)) {
                    Some(path) => (*path).clone(),
                    None => std::fs::canonicalize(&p.disk).ok()?,
                };
                Some((path, i))
            })
            .collect()
    }

    /// The changed files as paths below `content/`; `None` when one is
    /// elsewhere, or in a records section.
    fn content_edits(&self, changed: &[PathBuf]) -> Option<Edits> {
        let root = std::fs::canonicalize(&self.options.root).ok()?;
        let content_dir = root.join("content");
        let sections = &self.build.site().content.sections;
        let mut edits = Edits::default();
        for path in changed {
            let absolute = canonical_or_parent(&self.options.root.join(path))?;
            let rel = absolute.strip_prefix(&content_dir).ok()?;
            let rel = rel.to_str()?.replace('\\', "/");
            // The directory's files are its own path's.
            let in_records = sections.iter().any(|s| {
                s.records.is_some() && (rel == s.dir || rel.starts_with(&format!("{}/", s.dir)))
            });
            if in_records || rel.is_empty() {
                return None;
            }
            let name = rel.rsplit('/').next().unwrap_or(&rel);
            if name == "_index.md" {
                let dir = rel.strip_suffix("_index.md")?.trim_end_matches('/');
                edits.sections.insert(dir.to_string());
            } else if name.ends_with(".md") && !rel.contains(&format!("/{VERSIONS_DIR}/")) {
                edits.pages.insert(rel);
            } else {
                edits.others.insert(rel);
            }
        }
        Some(edits)
    }
}

/// Whether the new site keeps what a partial rebuild relies on: the same
/// section folders with the same URLs, the same navigation, footer and
/// headers, and the same directory pages.
fn same_frame(old: &Site, new: &Site, edits: &Edits) -> bool {
    let (a, b) = (&old.content, &new.content);
    let sections = a.sections.len() == b.sections.len()
        && a.sections
            .iter()
            .zip(&b.sections)
            .all(|(x, y)| x.dir == y.dir && x.path == y.path && x.records == y.records);
    if !sections
        || edits
            .sections
            .iter()
            .any(|d| !b.sections.iter().any(|s| &s.dir == d))
    {
        return false;
    }
    let globals = |s: &Site| headers::globals(&s.config, &s.content, &s.directory, &s.urls);
    if globals(old) != globals(new) {
        return false;
    }
    let directory = |s: &Site| crate::model::directory::pages::DirPage::all(&s.directory);
    if directory(old) != directory(new) {
        return false;
    }
    // A page's URL that something else has: a full build reports it.
    let mut taken: HashSet<&str> = HashSet::new();
    for s in &b.sections {
        taken.insert(&s.path);
    }
    // A section's own folders: its list pages and its policy library.
    let own: Vec<String> = b
        .sections
        .iter()
        .flat_map(|s| [format!("{}page/", s.path), format!("{}library/", s.path)])
        .collect();
    for p in &b.pages {
        if !taken.insert(&p.path) || own.iter().any(|o| p.path.starts_with(o.as_str())) {
            return false;
        }
    }
    true
}

/// How many list pages each section has.
pub(super) fn pager_counts(
    section_task: &HashMap<(usize, usize), usize>,
    sections: usize,
) -> Vec<usize> {
    let mut counts = vec![1; sections];
    for &(s, n) in section_task.keys() {
        counts[s] = counts[s].max(n);
    }
    counts
}

/// The page that a bundle file (`policies/a/versions/2020-01-01.md`,
/// `policies/a/附件.pdf`) belongs to, by `rel`.
fn bundle_owner(
    rel: &str,
    old: &HashMap<&str, usize>,
    new: &HashMap<&str, usize>,
) -> Option<String> {
    let mut dir = rel;
    loop {
        let owner = format!("{dir}/index.md");
        if old.contains_key(owner.as_str()) || new.contains_key(owner.as_str()) {
            return Some(owner);
        }
        dir = &dir[..dir.rfind('/')?];
    }
}

/// The pages related to each page (by `rel`): the policy it interprets and
/// its interpretations, the page that succeeds it and the pages it
/// succeeds, the documents that amended its texts, and the policies it
/// amends.
fn relations(site: &Site) -> Vec<Vec<&str>> {
    let pages = &site.content.pages;
    let r = &site.resolved;
    let rel = |j: usize| pages[j].rel.as_str();
    let mut out: Vec<Vec<&str>> = (0..pages.len())
        .map(|i| {
            let mut list: Vec<&str> = Vec::new();
            list.extend(r.interprets[i].map(rel));
            list.extend(r.interpretations[i].iter().map(|&j| rel(j)));
            list.extend(r.successor_pages[i].map(rel));
            if let Some(h) = &r.histories[i] {
                list.extend(h.versions.iter().filter_map(|v| v.amended_by_page).map(rel));
            }
            list.extend(r.amendments[i].iter().map(|a| rel(a.policy)));
            list
        })
        .collect();
    for (j, s) in r.successor_pages.iter().enumerate() {
        if let Some(i) = s {
            out[*i].push(rel(j));
        }
    }
    out
}

/// Each page's previous and next page in its section, by `rel`.
fn neighbours(content: &Content) -> Vec<(Option<&str>, Option<&str>)> {
    let mut out = vec![(None, None); content.pages.len()];
    for s in &content.sections {
        for (k, &i) in s.pages.iter().enumerate() {
            let previous = k
                .checked_sub(1)
                .map(|a| content.pages[s.pages[a]].rel.as_str());
            let next = s.pages.get(k + 1).map(|&n| content.pages[n].rel.as_str());
            out[i] = (previous, next);
        }
    }
    out
}

/// The output folders of old pages that no new page has (deleted or moved
/// pages); `None` when a new page or section lives inside one, or a
/// changed page's folder holds another's.
fn gone_folders(old: &Content, new: &Content, in_c_new: &[bool]) -> Option<Vec<String>> {
    let now: HashSet<&str> = new.pages.iter().map(|p| p.path.as_str()).collect();
    let mut gone = Vec::new();
    for p in &old.pages {
        if now.contains(p.path.as_str()) {
            continue;
        }
        let holds = |path: &str| path != p.path && path.starts_with(&p.path);
        if p.path.is_empty()
            || new.pages.iter().any(|q| holds(&q.path))
            || new
                .sections
                .iter()
                .any(|s| holds(&s.path) || s.path == p.path)
        {
            return None;
        }
        gone.push(p.path.clone());
    }
    for (j, p) in new.pages.iter().enumerate() {
        let holds = |path: &str| path != p.path && path.starts_with(&p.path);
        if in_c_new[j]
            && (p.path.is_empty()
                || new.pages.iter().any(|q| holds(&q.path))
                || new.sections.iter().any(|s| holds(&s.path)))
        {
            return None;
        }
    }
    Some(gone)
}

/// A kept task's outcome with page numbers moved to the new site's;
/// `None` when it points at a page that went.
fn remap(outcome: &Outcome, index_of: &[Option<usize>]) -> Option<Outcome> {
    let map = |t: Target| match t {
        Target::Page(i) => index_of[i].map(Target::Page),
        section => Some(section),
    };
    let mut out = outcome.clone();
    out.source = match outcome.source {
        Some(t) => Some(map(t)?),
        None => None,
    };
    for link in &mut out.anchor_links {
        link.target = map(link.target)?;
    }
    Some(out)
}

/// What stays in a folder whose files a rebuild rendered again.
pub(super) struct Kept<'a> {
    /// Every file the rebuild rendered (changed or not).
    pub(super) written: &'a BTreeSet<String>,
    /// Copied files, by output path.
    pub(super) assets: &'a HashMap<&'a str, &'a Path>,
    /// The folders of pages and sections (`news/a/`).
    pub(super) live: &'a HashSet<&'a str>,
}

/// Files below `output/folder` that this rebuild did not write and that
/// are no copied file nor inside another page's or section's folder: what
/// a full build would not have. At the root only sitemap parts
/// (`sitemap-3.xml`) are looked at.
pub(super) fn stale_files(
    output: &Path,
    folder: &str,
    kept: &Kept<'_>,
    removed: &mut Vec<PathBuf>,
) {
    let written = kept.written;
    if folder.is_empty() {
        for entry in std::fs::read_dir(output).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            let part = name
                .strip_prefix("sitemap-")
                .and_then(|n| n.strip_suffix(".xml"))
                .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
            if part && !written.contains(&name) {
                removed.push(entry.path());
            }
        }
        return;
    }
    let base = output.join(folder);
    for entry in walkdir::WalkDir::new(&base).into_iter().flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(output) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        // Inside another page's or section's folder: not this one's.
        let elsewhere = rel
            .match_indices('/')
            .map(|(k, _)| &rel[..=k])
            .any(|dir| dir.len() > folder.len() && kept.live.contains(dir));
        if !written.contains(&rel) && !kept.assets.contains_key(rel.as_str()) && !elsewhere {
            removed.push(entry.path().to_path_buf());
        }
    }
}

/// Remove the folders above `path` that are left empty, up to `output`:
/// a full build has no empty folders.
pub(super) fn prune_empty(output: &Path, path: &Path) {
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == output || !d.starts_with(output) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// Remove a file or a folder with what it holds; gone already is fine.
pub(super) fn remove(path: &Path) -> Result<(), Diagnostics> {
    let result = if path.is_dir() {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    };
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Diagnostics::from(Diagnostic::in_file(
            path,
            msg!("cannot-remove", error = crate::base::words::io_error(&e)),
        ))),
    }
}

/// Each page's index, by its file relative to `content/`.
fn by_rel(content: &Content) -> HashMap<&str, usize> {
    content
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.rel.as_str(), i))
        .collect()
}
