//! Directory records in `gongkai serve`'s incremental rebuilds: which
//! outputs show a record, so that an edit to a records file (a markdown
//! record, a CSV/YAML table, a spreadsheet) re-renders those and nothing
//! else.
//!
//! The site is loaded again and the old and new [`Directory`] compared
//! record by record, by position (the same directory pages at the same
//! paths, checked by [`same_shape`], mean the same ids at the same
//! positions). Only records read from the changed files are compared field
//! by field (where a record sits in its file does not count); what other
//! records derive from them (an organization's services, a region's
//! organizations, a need's services, the months, the brands by kind, the
//! articles services implement) is compared for every record, which is
//! cheap. An activity that passed from upcoming to past since the last load
//! counts as changed.
//!
//! A change then spreads to what shows the record ([`Shown::between`]):
//! a region's name to the regions, organizations and activities below it;
//! an organization type's to its organizations; an organization's to its
//! services, activities, brands and funds disclosures, since their lists
//! and pages show its name, region and contacts, and to its child
//! organizations' open data. Each changed record then names the pages that
//! show it, read from the renderers in `render/directory/` and the policy
//! pages' 落实情况, and the spread records are the ones whose open data is
//! serialized again ([`Shown::stale`]).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Debug;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::content::RecordKind;
use crate::model::directory::pages::DirPage;
use crate::model::directory::{Directory, Level, Record, Source};
use crate::render::pages::{Pages, Task};
use crate::write::open_data::Stale;

/// Whether two loads of a site have the same directory pages at the same
/// paths: the same records (by id) in the same order, the same needs,
/// audiences, months, brand kinds and funds disclosures, and the same
/// regions offered by 找组织. Then record `i` of one is record `i` of the
/// other, and the render tasks are the same.
pub fn same_shape(old: &Directory, new: &Directory) -> bool {
    fn paths<'a, T>(a: &'a [T], b: &'a [T], record: impl Fn(&'a T) -> &'a Record) -> bool {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| record(x).path == record(y).path)
    }
    let terms = |a: &[crate::model::directory::Term], b: &[crate::model::directory::Term]| {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.path == y.path)
    };
    old.is_empty() == new.is_empty()
        && paths(&old.regions, &new.regions, |r| &r.record)
        && paths(&old.types, &new.types, |t| &t.record)
        && paths(&old.organizations, &new.organizations, |o| &o.record)
        && paths(&old.services, &new.services, |s| &s.record)
        && paths(&old.activities, &new.activities, |a| &a.record)
        && paths(&old.brands.list, &new.brands.list, |b| &b.record)
        && terms(&old.needs, &new.needs)
        && terms(&old.audiences, &new.audiences)
        && old.find_regions() == new.find_regions()
        && old.months.len() == new.months.len()
        && old.months.iter().zip(&new.months).all(|(a, b)| a.0 == b.0)
        && old.brands.kinds.len() == new.brands.kinds.len()
        && old
            .brands
            .kinds
            .iter()
            .zip(&new.brands.kinds)
            .all(|(a, b)| a.0 == b.0)
        && old.funds.len() == new.funds.len()
        && old
            .funds
            .iter()
            .zip(&new.funds)
            .all(|(a, b)| a.path == b.path)
        && old.now.map(|n| n.date()) == new.now.map(|n| n.date())
}

/// The records that changed between two loads of the same shape, by
/// position. `regions` are regions whose own fields changed (name, level,
/// parent, code, description); `region_lists` those whose regions,
/// organizations or activities below changed.
#[derive(Debug, Default)]
struct Changed {
    regions: BTreeSet<usize>,
    region_lists: BTreeSet<usize>,
    types: BTreeSet<usize>,
    /// Types whose organizations changed (their page and entry count them).
    type_lists: BTreeSet<usize>,
    organizations: BTreeSet<usize>,
    /// Organizations whose organizations, services or activities below
    /// changed (their page lists them).
    organization_lists: BTreeSet<usize>,
    services: BTreeSet<usize>,
    activities: BTreeSet<usize>,
    brands: BTreeSet<usize>,
    funds: BTreeSet<usize>,
}

impl Changed {
    /// Compare `old` and `new`, field by field for the records read from
    /// `files` (paths relative to the site root, as records name them).
    fn between(old: &Directory, new: &Directory, files: &HashSet<PathBuf>) -> Changed {
        let blank = Arc::new(Source::new(PathBuf::new(), Arc::from("")));
        let mut changed = Changed::default();
        let from_files =
            |a: &Record, b: &Record| files.contains(a.file()) || files.contains(b.file());
        let compare = |set: &mut BTreeSet<usize>, i: usize, same: bool| {
            if !same {
                set.insert(i);
            }
        };
        for (i, (a, b)) in old.regions.iter().zip(&new.regions).enumerate() {
            let lists = a.children == b.children
                && a.organizations == b.organizations
                && a.activities == b.activities;
            compare(&mut changed.region_lists, i, lists);
            if from_files(&a.record, &b.record) {
                let own = |r: &crate::model::directory::Region| {
                    let mut r = r.clone();
                    (r.children, r.organizations, r.activities) = (vec![], vec![], vec![]);
                    signature(&r, |r| &mut r.record, &blank)
                };
                compare(&mut changed.regions, i, own(a) == own(b));
            }
        }
        for (i, (a, b)) in old.types.iter().zip(&new.types).enumerate() {
            compare(
                &mut changed.type_lists,
                i,
                a.organizations == b.organizations,
            );
            if from_files(&a.record, &b.record) {
                let own = |t: &crate::model::directory::OrgType| {
                    let mut t = t.clone();
                    t.organizations = vec![];
                    signature(&t, |t| &mut t.record, &blank)
                };
                compare(&mut changed.types, i, own(a) == own(b));
            }
        }
        for (i, (a, b)) in old.organizations.iter().zip(&new.organizations).enumerate() {
            let lists = a.children == b.children
                && a.services == b.services
                && a.activities == b.activities;
            compare(&mut changed.organization_lists, i, lists);
            if from_files(&a.record, &b.record) {
                let own = |o: &crate::model::directory::Organization| {
                    let mut o = o.clone();
                    (o.children, o.services, o.activities) = (vec![], vec![], vec![]);
                    signature(&o, |o| &mut o.record, &blank)
                };
                compare(&mut changed.organizations, i, own(a) == own(b));
            }
        }
        for (i, (a, b)) in old.services.iter().zip(&new.services).enumerate() {
            let same = !from_files(&a.record, &b.record)
                || signature(a, |s| &mut s.record, &blank)
                    == signature(b, |s| &mut s.record, &blank);
            compare(&mut changed.services, i, same);
        }
        let (was, is) = (old.now(), new.now());
        for (i, (a, b)) in old.activities.iter().zip(&new.activities).enumerate() {
            let same = a.upcoming(was) == b.upcoming(is)
                && (!from_files(&a.record, &b.record)
                    || signature(a, |a| &mut a.record, &blank)
                        == signature(b, |a| &mut a.record, &blank));
            compare(&mut changed.activities, i, same);
        }
        for (i, (a, b)) in old.brands.list.iter().zip(&new.brands.list).enumerate() {
            let same = !from_files(&a.record, &b.record)
                || signature(a, |b| &mut b.record, &blank)
                    == signature(b, |b| &mut b.record, &blank);
            compare(&mut changed.brands, i, same);
        }
        for (i, (a, b)) in old.funds.iter().zip(&new.funds).enumerate() {
            compare(&mut changed.funds, i, format!("{a:?}") == format!("{b:?}"));
        }
        changed
    }
}

/// A record's fields as text, without where it was written (its file's
/// text and its offset in it): moving a row down a table is no change.
fn signature<T: Clone + Debug>(
    item: &T,
    record: impl Fn(&mut T) -> &mut Record,
    blank: &Arc<Source>,
) -> String {
    let mut item = item.clone();
    let r = record(&mut item);
    r.source = Arc::clone(blank);
    r.offset = 0;
    if let Some(body) = &mut r.body {
        body.offset = 0;
    }
    format!("{item:?}")
}

/// What shows the records that changed: directory pages, entries of the
/// records sections' lists, the funds index and policy pages (their
/// 落实情况), and organizations' calendars that went.
#[derive(Debug, Default)]
pub struct Shown {
    pub pages: BTreeSet<DirPage>,
    /// Entries of records sections' lists, as (section, position).
    pub entries: BTreeSet<(usize, usize)>,
    /// Records sections whose order changed: every list page of them.
    pub reordered: BTreeSet<usize>,
    /// The funds sections' index (it lists every disclosure).
    pub funds_index: bool,
    /// Policy pages whose 落实情况 lists show a changed service.
    pub policies: BTreeSet<usize>,
    /// Organizations' calendars (`…/calendar.ics`) that went: the
    /// organization has no activities any more.
    pub calendars_gone: Vec<String>,
    /// The records whose piece of the open data and the site's calendar
    /// can have changed: the spread records, and the organizations whose
    /// parent changed.
    pub stale: Stale,
}

/// The changed records after the change spread to what shows them: a
/// region's name is shown below it, a type's on its organizations, an
/// organization's on its services, activities, brands and disclosures,
/// and on its child organizations' open data (their parent's name).
#[derive(Debug, Default)]
struct Spread {
    regions: BTreeSet<usize>,
    types: BTreeSet<usize>,
    organizations: BTreeSet<usize>,
    services: BTreeSet<usize>,
    activities: BTreeSet<usize>,
    brands: BTreeSet<usize>,
    funds: BTreeSet<usize>,
    /// The child organizations of `organizations`: their open data names
    /// their parent (their pages are shown with their parent's).
    children: BTreeSet<usize>,
}

impl Spread {
    fn of(d: &Directory, index: &Index, changed: &Changed) -> Spread {
        let mut s = Spread {
            types: changed.types.clone(),
            organizations: changed.organizations.clone(),
            services: changed.services.clone(),
            activities: changed.activities.clone(),
            brands: changed.brands.clone(),
            funds: changed.funds.clone(),
            ..Spread::default()
        };
        // A region's name and chain show on every region, organization and
        // activity below it.
        let mut stack: Vec<usize> = changed.regions.iter().copied().collect();
        while let Some(r) = stack.pop() {
            if s.regions.insert(r) {
                stack.extend(&d.regions[r].children);
                s.organizations.extend(&d.regions[r].organizations);
                s.activities.extend(&d.regions[r].activities);
            }
        }
        for &t in &changed.types {
            s.organizations.extend(&d.types[t].organizations);
        }
        for &o in &s.organizations {
            s.services.extend(&d.organizations[o].services);
            s.activities.extend(&d.organizations[o].activities);
            s.brands
                .extend(d.brands.of_organization.get(&o).into_iter().flatten());
            s.funds.extend(index.funds.get(&o).into_iter().flatten());
            s.children.extend(&d.organizations[o].children);
        }
        s
    }

    /// The records whose open-data pieces show a spread record (see the
    /// `Export` of `write::open_data`): an organization's shows its type,
    /// its region's chain and its parent's name; a service's its
    /// provider's name and region; an activity's its organizers' names and
    /// its region's chain; a disclosure's its organization's name and type.
    fn stale(&self) -> Stale {
        Stale {
            organizations: self.organizations.union(&self.children).copied().collect(),
            services: self.services.clone(),
            activities: self.activities.clone(),
            funds: self.funds.clone(),
        }
    }
}

impl Shown {
    /// What shows the records that changed from `old` to `new` (of the
    /// same shape), the records of `files` compared field by field.
    pub fn between(old: &Directory, new: &Directory, files: &HashSet<PathBuf>) -> Shown {
        let changed = Changed::between(old, new, files);
        let mut shown = Shown::default();
        for d in [old, new] {
            shown.add(d, &changed);
        }
        shown.derived(old, new, &changed);
        shown
    }

    /// What shows the changed records in one of the two directories (both
    /// are asked: an organization that moved shows on its old region's page
    /// and on its new one's).
    fn add(&mut self, d: &Directory, changed: &Changed) {
        let index = Index::of(d);
        let spread = Spread::of(d, &index, changed);
        self.stale.extend(&spread.stale());
        let mut answered: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut entries: BTreeSet<(RecordKind, usize)> = BTreeSet::new();
        let pages = &mut self.pages;
        let region_and_parent = |pages: &mut BTreeSet<DirPage>, r: usize| {
            pages.insert(DirPage::Region(r));
            pages.extend(d.regions[r].parent.map(DirPage::Region));
        };

        for &r in &changed.region_lists {
            // Its page lists what is below it; its parent's counts it.
            region_and_parent(pages, r);
        }
        for &r in &spread.regions {
            region_and_parent(pages, r);
            entries.insert((RecordKind::Region, r));
            if d.regions[r].level <= Level::Township {
                pages.extend((0..d.needs.len()).map(|n| DirPage::FindAnswer(n, r)));
            }
        }
        if !spread.regions.is_empty() {
            // 找组织 step 2 shows the regions as a tree; the type pages group
            // organizations by region; the calendar names the counties.
            pages.extend((0..d.needs.len()).map(DirPage::FindNeed));
            pages.extend((0..d.types.len()).map(DirPage::OrgType));
            pages.insert(DirPage::Calendar);
            pages.extend((0..d.months.len()).map(DirPage::Month));
        }
        for &t in &changed.type_lists {
            pages.insert(DirPage::OrgType(t));
            entries.insert((RecordKind::OrgType, t));
        }
        for &o in &changed.organization_lists {
            pages.insert(DirPage::Organization(o));
        }
        for &t in &spread.types {
            pages.insert(DirPage::OrgType(t));
            entries.insert((RecordKind::OrgType, t));
            self.funds_index = true;
        }
        for &o in &spread.organizations {
            let org = &d.organizations[o];
            pages.insert(DirPage::Organization(o));
            pages.extend(org.parent.map(DirPage::Organization));
            pages.extend(org.children.iter().map(|&c| DirPage::Organization(c)));
            region_and_parent(pages, org.region);
            pages.insert(DirPage::OrgType(org.org_type));
            entries.insert((RecordKind::Organization, o));
            // The type's entry counts its organizations.
            entries.insert((RecordKind::OrgType, org.org_type));
            for &n in index.needs.get(&o).into_iter().flatten() {
                pages.insert(DirPage::Need(n));
            }
            for &a in index.audiences.get(&o).into_iter().flatten() {
                pages.insert(DirPage::Audience(a));
            }
            if index.funds.contains_key(&o) {
                self.funds_index = true;
            }
        }
        for &s in &spread.services {
            let service = &d.services[s];
            let provider = &d.organizations[service.provider];
            pages.insert(DirPage::Service(s));
            pages.insert(DirPage::Organization(service.provider));
            entries.insert((RecordKind::Service, s));
            let needs: Vec<usize> = term_indices(&d.needs, &service.needs);
            pages.extend(needs.iter().map(|&n| DirPage::Need(n)));
            pages.extend(
                term_indices(&d.audiences, &service.audiences)
                    .into_iter()
                    .map(DirPage::Audience),
            );
            // Every answer of its needs for a region at or below its
            // provider's.
            let regions = answered
                .entry(provider.region)
                .or_insert_with(|| find_regions_below(d, provider.region));
            for &r in regions.iter() {
                pages.extend(needs.iter().map(|&n| DirPage::FindAnswer(n, r)));
            }
            pages.extend(
                d.brands
                    .of_service
                    .get(&s)
                    .into_iter()
                    .flatten()
                    .map(|&b| DirPage::Brand(b)),
            );
            self.policies
                .extend(service.implements.iter().map(|i| i.policy));
        }
        for &a in &spread.activities {
            let activity = &d.activities[a];
            pages.insert(DirPage::Activity(a));
            pages.extend(
                activity
                    .organizers
                    .iter()
                    .map(|&o| DirPage::Organization(o)),
            );
            pages.insert(DirPage::Region(activity.region));
            pages.insert(DirPage::Calendar);
            pages.extend(
                (0..d.months.len())
                    .filter(|&m| d.months[m].1.contains(&a))
                    .map(DirPage::Month),
            );
            entries.insert((RecordKind::Activity, a));
        }
        for &b in &spread.brands {
            let brand = &d.brands.list[b];
            pages.insert(DirPage::Brand(b));
            pages.insert(DirPage::BrandKinds);
            pages.extend(
                (0..d.brands.kinds.len())
                    .filter(|&k| d.brands.kinds[k].1.contains(&b))
                    .map(DirPage::BrandKind),
            );
            pages.extend(brand.holder.organization.map(DirPage::Organization));
            pages.extend(brand.services.iter().map(|&s| DirPage::Service(s)));
            entries.insert((RecordKind::Brand, b));
        }
        for &f in &spread.funds {
            let org = d.funds[f].org;
            pages.insert(DirPage::Organization(org));
            // Each of the organization's disclosures links its other years.
            pages.extend(
                index
                    .funds
                    .get(&org)
                    .into_iter()
                    .flatten()
                    .map(|&g| DirPage::Funds(g)),
            );
            self.funds_index = true;
        }

        // Where the entries are in their sections' lists.
        for (&section, (kind, list)) in &d.sections {
            for (position, &i) in list.iter().enumerate() {
                if entries.contains(&(*kind, i)) {
                    self.entries.insert((section, position));
                }
            }
        }
    }

    /// What is derived from many records and compared whole: the needs'
    /// and audiences' lists (their pages list each other with counts), the
    /// months, the brands by kind, the articles services implement and the
    /// records sections' order.
    fn derived(&mut self, old: &Directory, new: &Directory, changed: &Changed) {
        let (lists, counts) = terms_changed(&old.needs, &new.needs);
        self.pages.extend(lists.iter().map(|&n| DirPage::Need(n)));
        self.pages
            .extend(lists.iter().map(|&n| DirPage::FindNeed(n)));
        if counts {
            // Every need's page lists the others with their counts, and so
            // does every step of 找组织.
            self.pages.extend((0..new.needs.len()).map(DirPage::Need));
            self.pages.insert(DirPage::FindStart);
            for n in 0..new.needs.len() {
                self.pages.insert(DirPage::FindNeed(n));
                self.pages.extend(
                    new.find_regions()
                        .into_iter()
                        .map(|r| DirPage::FindAnswer(n, r)),
                );
            }
        }
        let (lists, counts) = terms_changed(&old.audiences, &new.audiences);
        self.pages.extend(lists.into_iter().map(DirPage::Audience));
        if counts {
            self.pages
                .extend((0..new.audiences.len()).map(DirPage::Audience));
        }
        // 找组织 step 2 counts each need's services by region: a service
        // whose provider's region changed (or its needs) moves the counts.
        for &s in &changed.services {
            let region = |d: &Directory| d.organizations[d.services[s].provider].region;
            if region(old) != region(new) || old.services[s].needs != new.services[s].needs {
                for d in [old, new] {
                    self.pages.extend(
                        term_indices(&d.needs, &d.services[s].needs)
                            .into_iter()
                            .map(DirPage::FindNeed),
                    );
                }
            }
        }
        if old.months != new.months {
            self.pages.insert(DirPage::Calendar);
            self.pages.extend((0..new.months.len()).map(DirPage::Month));
        }
        if old.brands.kinds != new.brands.kinds {
            self.pages.insert(DirPage::BrandKinds);
            self.pages
                .extend((0..new.brands.kinds.len()).map(DirPage::BrandKind));
        }
        for d in [old, new] {
            let other = if std::ptr::eq(d, old) { new } else { old };
            for (key, services) in &d.implemented_by {
                if other.implemented_by.get(key) != Some(services) {
                    self.policies.insert(key.0);
                }
            }
        }
        for (section, (_, list)) in &new.sections {
            if old.sections.get(section).map(|(_, l)| l) != Some(list) {
                self.reordered.insert(*section);
            }
        }
        for (o, (a, b)) in old.organizations.iter().zip(&new.organizations).enumerate() {
            if !a.activities.is_empty() && b.activities.is_empty() {
                self.calendars_gone
                    .push(format!("{}calendar.ics", new.organizations[o].record.path));
            }
        }
    }
}

/// The needs or audiences whose services or organizations changed, and
/// whether any of their counts did.
fn terms_changed(
    old: &[crate::model::directory::Term],
    new: &[crate::model::directory::Term],
) -> (Vec<usize>, bool) {
    let lists: Vec<usize> = (0..new.len())
        .filter(|&t| {
            old[t].services != new[t].services || old[t].organizations != new[t].organizations
        })
        .collect();
    let counts = lists.iter().any(|&t| {
        old[t].services.len() != new[t].services.len()
            || old[t].organizations.len() != new[t].organizations.len()
    });
    (lists, counts)
}

/// The positions of the terms named `names`.
fn term_indices(terms: &[crate::model::directory::Term], names: &[String]) -> Vec<usize> {
    names
        .iter()
        .filter_map(|n| terms.iter().position(|t| &t.name == n))
        .collect()
}

/// Region `r` and the regions below it that 找组织 offers (down to the
/// townships): the answers that list what `r`'s organizations provide.
fn find_regions_below(d: &Directory, r: usize) -> Vec<usize> {
    let mut found = vec![];
    let mut seen = HashSet::new();
    let mut stack = vec![r];
    while let Some(x) = stack.pop() {
        if seen.insert(x) {
            if d.regions[x].level <= Level::Township {
                found.push(x);
            }
            stack.extend(&d.regions[x].children);
        }
    }
    found
}

/// Who lists an organization, the other way round: the needs and
/// audiences whose pages list it, and its funds disclosures.
struct Index {
    needs: HashMap<usize, Vec<usize>>,
    audiences: HashMap<usize, Vec<usize>>,
    funds: HashMap<usize, Vec<usize>>,
}

impl Index {
    fn of(d: &Directory) -> Index {
        let by_organization = |terms: &[crate::model::directory::Term]| {
            let mut map: HashMap<usize, Vec<usize>> = HashMap::new();
            for (t, term) in terms.iter().enumerate() {
                for &o in &term.organizations {
                    map.entry(o).or_default().push(t);
                }
            }
            map
        };
        let mut funds: HashMap<usize, Vec<usize>> = HashMap::new();
        for (f, disclosure) in d.funds.iter().enumerate() {
            funds.entry(disclosure.org).or_default().push(f);
        }
        Index {
            needs: by_organization(&d.needs),
            audiences: by_organization(&d.audiences),
            funds,
        }
    }
}

/// The records files among `changed` (paths as the watcher gives them,
/// relative to `root` or absolute), as records name their files (relative
/// to the root); `None` when any changed file is not one (or is gone).
pub fn records_files(
    root: &Path,
    known: &[crate::model::content::RecordFile],
    changed: &[PathBuf],
) -> Option<HashSet<PathBuf>> {
    let root = std::fs::canonicalize(root).ok()?;
    let known: HashMap<&Path, &Path> = known
        .iter()
        .map(|f| (f.file.as_path(), f.file.as_path()))
        .collect();
    let mut files = HashSet::new();
    for path in changed {
        let canonical = std::fs::canonicalize(root.join(path)).ok()?;
        let rel = canonical.strip_prefix(&root).ok()?;
        files.insert(known.get(rel)?.to_path_buf());
    }
    (!files.is_empty()).then_some(files)
}

impl Shown {
    /// The render tasks of what is shown: the directory pages, the list
    /// pages of records sections that hold a changed entry (all of them
    /// when the section's order changed, and the funds index), and the
    /// policy pages. `section_task` maps (section, list page) and
    /// `page_task` each page to its task.
    pub fn tasks(
        &self,
        pages: &Pages<'_>,
        tasks: &[Task],
        section_task: &HashMap<(usize, usize), usize>,
        page_task: &[usize],
    ) -> Vec<usize> {
        let mut found: BTreeSet<usize> = tasks
            .iter()
            .enumerate()
            .filter(|(_, task)| matches!(task, Task::Directory(p) if self.pages.contains(p)))
            .map(|(t, _)| t)
            .collect();
        let sections = &pages.site.content.sections;
        for &(section, position) in &self.entries {
            let pager = position / pages.per_pager(&sections[section]) + 1;
            found.extend(section_task.get(&(section, pager)));
        }
        for (&(section, _), &t) in section_task {
            let funds = sections[section].records == Some(RecordKind::Funds);
            if self.reordered.contains(&section) || (self.funds_index && funds) {
                found.insert(t);
            }
        }
        found.extend(self.policies.iter().map(|&p| page_task[p]));
        found.into_iter().collect()
    }
}
