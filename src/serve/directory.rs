//! Directory records in `gongkai serve`'s incremental rebuilds: which
//! outputs show a record, so that an edit to a records file (a markdown
//! record, a CSV/YAML table, a spreadsheet) re-renders those and nothing
//! else.
//!
//! The site is loaded again and the old and new [`Directory`] compared
//! record by record, the records matched by kind and path ([`Matching`]:
//! by position when the directory has the same pages at the same paths,
//! checked by [`same_shape`]); a record added or removed counts as changed
//! in the directory that has it, and what shows it there re-renders. Only records read from the changed files are compared field
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

use crate::model::content::{CONTENT_DIR, Content, RecordKind};
use crate::model::directory::pages::DirPage;
use crate::model::directory::{Directory, Level, OrgType, Organization, Record, Region, Source};
use crate::render::pages::{Pages, Task};
use crate::write::open_data::Stale;

mod matching;

pub(crate) use matching::Matching;
use matching::Pairs;

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

/// The records that changed, on each side: in the old directory's
/// numbering and in the new one's.
#[derive(Debug, Default)]
struct Sides {
    old: Changed,
    new: Changed,
}

impl Sides {
    /// Mark old record `i` (of the set `set` picks) as changed, and its
    /// match `j` in the new directory; either may be missing (a record
    /// added or removed).
    fn mark(
        &mut self,
        set: fn(&mut Changed) -> &mut BTreeSet<usize>,
        i: Option<usize>,
        j: Option<usize>,
    ) {
        if let Some(i) = i {
            set(&mut self.old).insert(i);
        }
        if let Some(j) = j {
            set(&mut self.new).insert(j);
        }
    }

    /// Compare the records of one kind: `lists` and `own` say whether an
    /// old record and its match show the same; records added or removed
    /// count as changed in both ways.
    fn kind<T>(
        &mut self,
        old: &[T],
        new: &[T],
        pairs: &Pairs,
        sets: [fn(&mut Changed) -> &mut BTreeSet<usize>; 2],
        lists: impl Fn(&T, &T) -> bool,
        own: impl Fn(&T, &T) -> bool,
    ) {
        for (i, a) in old.iter().enumerate() {
            match pairs.to_new[i] {
                Some(j) => {
                    let b = &new[j];
                    if !lists(a, b) {
                        self.mark(sets[0], Some(i), Some(j));
                    }
                    if !own(a, b) {
                        self.mark(sets[1], Some(i), Some(j));
                    }
                }
                None => {
                    for set in sets {
                        self.mark(set, Some(i), None);
                    }
                }
            }
        }
        for j in pairs.added() {
            for set in sets {
                self.mark(set, None, Some(j));
            }
        }
    }
}

impl Changed {
    /// Compare `old` and `new` (their records matched by `m`), field by
    /// field for the records read from `files` (paths relative to the site
    /// root, as records name them); what changed, on each side.
    fn between(old: &Directory, new: &Directory, files: &HashSet<PathBuf>, m: &Matching) -> Sides {
        let blank = Arc::new(Source::new(PathBuf::new(), Arc::from("")));
        let mut sides = Sides::default();
        let from_files =
            |a: &Record, b: &Record| files.contains(a.file()) || files.contains(b.file());
        // An old record's references in the new numbering, so that two
        // records compare by what they name, not where it sits.
        let remap = !m.identity();
        let at = |p: &Pairs, i: usize| if remap { p.at(i) } else { i };
        let list = |p: &Pairs, l: &mut Vec<usize>| {
            if remap {
                *l = p.list(l);
            }
        };

        sides.kind(
            &old.regions,
            &new.regions,
            &m.regions,
            [|c| &mut c.region_lists, |c| &mut c.regions],
            |a, b| {
                m.regions.same_list(&a.children, &b.children)
                    && m.organizations
                        .same_list(&a.organizations, &b.organizations)
                    && m.activities.same_list(&a.activities, &b.activities)
            },
            |a, b| {
                !from_files(&a.record, &b.record) || {
                    let clear = |r: &mut Region| {
                        (r.children, r.organizations, r.activities) = (vec![], vec![], vec![]);
                    };
                    signature(
                        a,
                        |r| {
                            clear(r);
                            r.parent = r.parent.map(|p| at(&m.regions, p));
                        },
                        |r| &mut r.record,
                        &blank,
                    ) == signature(b, clear, |r| &mut r.record, &blank)
                }
            },
        );
        sides.kind(
            &old.types,
            &new.types,
            &m.types,
            [|c| &mut c.type_lists, |c| &mut c.types],
            |a, b| {
                m.organizations
                    .same_list(&a.organizations, &b.organizations)
            },
            |a, b| {
                let clear = |t: &mut OrgType| t.organizations = vec![];
                !from_files(&a.record, &b.record)
                    || signature(a, clear, |t| &mut t.record, &blank)
                        == signature(b, clear, |t| &mut t.record, &blank)
            },
        );
        sides.kind(
            &old.organizations,
            &new.organizations,
            &m.organizations,
            [|c| &mut c.organization_lists, |c| &mut c.organizations],
            |a, b| {
                m.organizations.same_list(&a.children, &b.children)
                    && m.services.same_list(&a.services, &b.services)
                    && m.activities.same_list(&a.activities, &b.activities)
            },
            |a, b| {
                !from_files(&a.record, &b.record) || {
                    let clear = |o: &mut Organization| {
                        (o.children, o.services, o.activities) = (vec![], vec![], vec![]);
                    };
                    signature(
                        a,
                        |o| {
                            clear(o);
                            o.org_type = at(&m.types, o.org_type);
                            o.region = at(&m.regions, o.region);
                            o.parent = o.parent.map(|p| at(&m.organizations, p));
                        },
                        |o| &mut o.record,
                        &blank,
                    ) == signature(b, clear, |o| &mut o.record, &blank)
                }
            },
        );
        sides.kind(
            &old.services,
            &new.services,
            &m.services,
            [|c| &mut c.services, |c| &mut c.services],
            |_, _| true,
            |a, b| {
                !from_files(&a.record, &b.record)
                    || signature(
                        a,
                        |s| s.provider = at(&m.organizations, s.provider),
                        |s| &mut s.record,
                        &blank,
                    ) == signature(b, |_| {}, |s| &mut s.record, &blank)
            },
        );
        let (was, is) = (old.now(), new.now());
        sides.kind(
            &old.activities,
            &new.activities,
            &m.activities,
            [|c| &mut c.activities, |c| &mut c.activities],
            |a, b| a.upcoming(was) == b.upcoming(is),
            |a, b| {
                !from_files(&a.record, &b.record)
                    || signature(
                        a,
                        |a| {
                            list(&m.organizations, &mut a.organizers);
                            a.region = at(&m.regions, a.region);
                        },
                        |a| &mut a.record,
                        &blank,
                    ) == signature(b, |_| {}, |a| &mut a.record, &blank)
            },
        );
        sides.kind(
            &old.brands.list,
            &new.brands.list,
            &m.brands,
            [|c| &mut c.brands, |c| &mut c.brands],
            |_, _| true,
            |a, b| {
                !from_files(&a.record, &b.record)
                    || signature(
                        a,
                        |b| {
                            b.holder.organization =
                                b.holder.organization.map(|o| at(&m.organizations, o));
                            list(&m.services, &mut b.services);
                        },
                        |b| &mut b.record,
                        &blank,
                    ) == signature(b, |_| {}, |b| &mut b.record, &blank)
            },
        );
        sides.kind(
            &old.funds,
            &new.funds,
            &m.funds,
            [|c| &mut c.funds, |c| &mut c.funds],
            |_, _| true,
            |a, b| {
                let mut a = a.clone();
                a.org = at(&m.organizations, a.org);
                format!("{a:?}") == format!("{b:?}")
            },
        );
        sides
    }
}

/// A record's fields as text, once `normalize` cleared what is compared
/// apart (its lists) and moved its references to the new numbering, and
/// without where it was written (its file's text and its offset in it):
/// moving a row down a table is no change.
fn signature<T: Clone + Debug>(
    item: &T,
    normalize: impl Fn(&mut T),
    record: impl Fn(&mut T) -> &mut Record,
    blank: &Arc<Source>,
) -> String {
    let mut item = item.clone();
    normalize(&mut item);
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
    /// What shows the records that changed from `old` to `new`, their
    /// records matched by `m`, the records of `files` compared field by
    /// field. Pages are the new directory's; old pages that went are not
    /// in it (see [`Matching::to_new`]).
    pub fn between(
        old: &Directory,
        new: &Directory,
        files: &HashSet<PathBuf>,
        m: &Matching,
    ) -> Shown {
        let sides = Changed::between(old, new, files, m);
        let mut shown = Shown::default();
        shown.add(new, &sides.new);
        // What showed them before: an organization that moved shows on its
        // old region's page and on its new one's.
        let mut before = Shown::default();
        before.add(old, &sides.old);
        if m.identity() {
            shown.pages.append(&mut before.pages);
        } else {
            shown
                .pages
                .extend(before.pages.into_iter().filter_map(|p| m.to_new(p, new)));
        }
        // A list whose records came or went is reordered (see `derived`):
        // its old positions count only when it kept its records.
        shown.entries.append(&mut before.entries);
        shown.policies.append(&mut before.policies);
        shown.funds_index |= before.funds_index;
        shown.derived(old, new, &sides, m);
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
    /// months, the brands by kind, the articles services implement, the
    /// records sections' order and the open-data page's counts.
    fn derived(&mut self, old: &Directory, new: &Directory, sides: &Sides, m: &Matching) {
        let (lists, counts) = terms_changed(&old.needs, &new.needs, &m.needs, m);
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
        let (lists, counts) = terms_changed(&old.audiences, &new.audiences, &m.audiences, m);
        self.pages.extend(lists.into_iter().map(DirPage::Audience));
        if counts {
            self.pages
                .extend((0..new.audiences.len()).map(DirPage::Audience));
        }
        // 找组织 step 2 counts each need's services by region: a service
        // whose provider's region changed (or its needs), or that came or
        // went, moves the counts.
        let need_pages = |pages: &mut BTreeSet<DirPage>, names: &[String]| {
            pages.extend(
                term_indices(&new.needs, names)
                    .into_iter()
                    .map(DirPage::FindNeed),
            );
        };
        for &j in &sides.new.services {
            let (b, region) = (&new.services[j], |d: &Directory, p: usize| {
                d.organizations[p].region
            });
            match m.services.to_old[j] {
                Some(i) => {
                    let a = &old.services[i];
                    let moved = m.regions.at(region(old, a.provider)) != region(new, b.provider);
                    if moved || a.needs != b.needs {
                        need_pages(&mut self.pages, &a.needs);
                        need_pages(&mut self.pages, &b.needs);
                    }
                }
                None => need_pages(&mut self.pages, &b.needs),
            }
        }
        for i in m.services.removed() {
            need_pages(&mut self.pages, &old.services[i].needs);
        }
        let same_lists = |a: &[(String, Vec<usize>)], b: &[(String, Vec<usize>)], p: &Pairs| {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|(x, y)| x.0 == y.0 && p.same_list(&x.1, &y.1))
        };
        if !same_lists(&old.months, &new.months, &m.activities) {
            self.pages.insert(DirPage::Calendar);
            self.pages.extend((0..new.months.len()).map(DirPage::Month));
        }
        let kinds = |k: &[(crate::model::directory::BrandKind, Vec<usize>)]| {
            k.iter()
                .map(|(kind, list)| (kind.id().to_string(), list.clone()))
                .collect::<Vec<_>>()
        };
        if !same_lists(
            &kinds(&old.brands.kinds),
            &kinds(&new.brands.kinds),
            &m.brands,
        ) && !new.brands.kinds.is_empty()
        {
            self.pages.insert(DirPage::BrandKinds);
            self.pages
                .extend((0..new.brands.kinds.len()).map(DirPage::BrandKind));
        }
        for (key, services) in &new.implemented_by {
            match old.implemented_by.get(key) {
                Some(was) if m.services.same_list(was, services) => {}
                _ => {
                    self.policies.insert(key.0);
                }
            }
        }
        for key in old.implemented_by.keys() {
            if !new.implemented_by.contains_key(key) {
                self.policies.insert(key.0);
            }
        }
        for (section, (kind, list)) in &new.sections {
            let pairs = match kind {
                RecordKind::Region => &m.regions,
                RecordKind::OrgType => &m.types,
                RecordKind::Organization => &m.organizations,
                RecordKind::Service => &m.services,
                RecordKind::Activity => &m.activities,
                RecordKind::Brand => &m.brands,
                RecordKind::Funds => &m.funds,
            };
            let same = old
                .sections
                .get(section)
                .is_some_and(|(_, was)| pairs.same_list(was, list));
            if !same {
                self.reordered.insert(*section);
            }
        }
        for (o, b) in new.organizations.iter().enumerate() {
            let had = m.organizations.to_old[o]
                .is_some_and(|i| !old.organizations[i].activities.is_empty());
            if had && b.activities.is_empty() {
                self.calendars_gone
                    .push(format!("{}calendar.ics", b.record.path));
            }
        }
        // The open-data page counts organizations, services and activities.
        let counts = |d: &Directory| (d.organizations.len(), d.services.len(), d.activities.len());
        if counts(old) != counts(new) {
            self.pages.insert(DirPage::Data);
        }
    }
}

/// The needs or audiences whose services or organizations changed (or
/// that are new), and whether any of their counts did (or a term came or
/// went: every term's page lists the others).
fn terms_changed(
    old: &[crate::model::directory::Term],
    new: &[crate::model::directory::Term],
    pairs: &Pairs,
    m: &Matching,
) -> (Vec<usize>, bool) {
    let mut counts = pairs.removed().next().is_some();
    let lists: Vec<usize> = (0..new.len())
        .filter(|&t| match pairs.to_old[t] {
            Some(o) => {
                let (a, b) = (&old[o], &new[t]);
                if a.services.len() != b.services.len()
                    || a.organizations.len() != b.organizations.len()
                {
                    counts = true;
                }
                !m.services.same_list(&a.services, &b.services)
                    || !m
                        .organizations
                        .same_list(&a.organizations, &b.organizations)
            }
            None => {
                counts = true;
                true
            }
        })
        .collect();
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
/// to the root): files the site read records from (edited or deleted),
/// and new files that a load reads records from (a markdown record or a
/// table directly in a records section's folder); `None` when any changed
/// file is neither.
pub fn records_files(
    root: &Path,
    content: &Content,
    changed: &[PathBuf],
) -> Option<HashSet<PathBuf>> {
    let root = std::fs::canonicalize(root).ok()?;
    let known: HashSet<&Path> = content.records.iter().map(|f| f.file.as_path()).collect();
    let folders: HashSet<PathBuf> = content
        .sections
        .iter()
        .filter(|s| s.records.is_some())
        .map(|s| Path::new(CONTENT_DIR).join(&s.dir))
        .collect();
    let mut files = HashSet::new();
    for path in changed {
        let canonical = canonical_or_parent(&root.join(path))?;
        let rel = canonical.strip_prefix(&root).ok()?;
        if !known.contains(rel) {
            let name = rel.file_name()?.to_str()?;
            let extension = Path::new(name)
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or_default()
                .to_ascii_lowercase();
            // As `load` reads a records section's files.
            let records = matches!(
                extension.as_str(),
                "md" | "csv" | "yaml" | "yml" | "xlsx" | "xls" | "ods"
            );
            if !records || name == "_index.md" || !folders.contains(rel.parent()?) {
                return None;
            }
        }
        files.insert(rel.to_path_buf());
    }
    (!files.is_empty()).then_some(files)
}

/// The file at `path` if it exists, else the nearest folder above that does,
/// with the rest appended: a deleted file's place, canonical.
pub(crate) fn canonical_or_parent(path: &Path) -> Option<PathBuf> {
    if let Ok(c) = std::fs::canonicalize(path) {
        return Some(c);
    }
    let parent = path.parent()?;
    Some(canonical_or_parent(parent)?.join(path.file_name()?))
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
