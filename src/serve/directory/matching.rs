//! The records of two loads of a directory matched by kind and page path
//! (a record's path is its section's and its id), not by position: a row
//! added, deleted or renamed shifts the positions of the records after it,
//! not their identity. Needs and audiences are matched by path, months by
//! month, brand kinds by kind, funds disclosures by path.
//!
//! A [`Matching`] turns a directory page of one load into the same page
//! of the other ([`Matching::to_new`], [`Matching::to_old`]; `None`: the
//! page went or is new), and an old record's references to other records
//! into the new numbering, so that two records are compared by what they
//! say, not by where the records they name sit.

use std::collections::HashMap;
use std::hash::Hash;

use crate::model::directory::pages::DirPage;
use crate::model::directory::{Directory, Level};

/// The records of one kind, matched both ways.
#[derive(Debug, Default)]
pub(crate) struct Pairs {
    /// Each old record's new position, if it is still there.
    pub to_new: Vec<Option<usize>>,
    /// Each new record's old position, if it was there.
    pub to_old: Vec<Option<usize>>,
    /// Every record is where it was.
    pub identity: bool,
}

/// What an old index becomes when its record went: no new record has it.
pub(crate) const GONE: usize = usize::MAX;

impl Pairs {
    /// Match the `old` and `new` keys (unique within each list).
    fn by<K: Eq + Hash>(old: Vec<K>, new: Vec<K>) -> Pairs {
        if old == new {
            let n = old.len();
            return Pairs {
                to_new: (0..n).map(Some).collect(),
                to_old: (0..n).map(Some).collect(),
                identity: true,
            };
        }
        let at: HashMap<&K, usize> = new.iter().enumerate().map(|(j, k)| (k, j)).collect();
        let to_new: Vec<Option<usize>> = old.iter().map(|k| at.get(k).copied()).collect();
        let mut to_old = vec![None; new.len()];
        for (i, j) in to_new.iter().enumerate() {
            if let Some(j) = j {
                to_old[*j] = Some(i);
            }
        }
        Pairs {
            to_new,
            to_old,
            identity: false,
        }
    }

    /// Old index `i` in the new numbering ([`GONE`] when it went).
    pub fn at(&self, i: usize) -> usize {
        self.to_new.get(i).copied().flatten().unwrap_or(GONE)
    }

    /// Whether the old list `old` names the records of the new list `new`,
    /// in the same order.
    pub fn same_list(&self, old: &[usize], new: &[usize]) -> bool {
        old.len() == new.len() && old.iter().zip(new).all(|(&a, &b)| self.at(a) == b)
    }

    /// The old list `old` in the new numbering.
    pub fn list(&self, old: &[usize]) -> Vec<usize> {
        old.iter().map(|&i| self.at(i)).collect()
    }

    /// Records added: new positions without an old one.
    pub fn added(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.to_old.len()).filter(|&j| self.to_old[j].is_none())
    }

    /// Records removed: old positions without a new one.
    pub fn removed(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.to_new.len()).filter(|&i| self.to_new[i].is_none())
    }
}

/// The two loads' records of every kind, matched.
#[derive(Debug, Default)]
pub(crate) struct Matching {
    pub regions: Pairs,
    pub types: Pairs,
    pub organizations: Pairs,
    pub services: Pairs,
    pub activities: Pairs,
    pub brands: Pairs,
    pub funds: Pairs,
    pub needs: Pairs,
    pub audiences: Pairs,
    pub months: Pairs,
    pub brand_kinds: Pairs,
}

impl Matching {
    pub fn between(old: &Directory, new: &Directory) -> Matching {
        fn paths<T>(list: &[T], path: impl Fn(&T) -> &str) -> Vec<&str> {
            list.iter().map(path).collect()
        }
        let pairs = |a: Vec<&str>, b: Vec<&str>| Pairs::by(a, b);
        Matching {
            regions: pairs(
                paths(&old.regions, |r| &r.record.path),
                paths(&new.regions, |r| &r.record.path),
            ),
            types: pairs(
                paths(&old.types, |t| &t.record.path),
                paths(&new.types, |t| &t.record.path),
            ),
            organizations: pairs(
                paths(&old.organizations, |o| &o.record.path),
                paths(&new.organizations, |o| &o.record.path),
            ),
            services: pairs(
                paths(&old.services, |s| &s.record.path),
                paths(&new.services, |s| &s.record.path),
            ),
            activities: pairs(
                paths(&old.activities, |a| &a.record.path),
                paths(&new.activities, |a| &a.record.path),
            ),
            brands: pairs(
                paths(&old.brands.list, |b| &b.record.path),
                paths(&new.brands.list, |b| &b.record.path),
            ),
            funds: pairs(
                paths(&old.funds, |f| &f.path),
                paths(&new.funds, |f| &f.path),
            ),
            needs: pairs(
                paths(&old.needs, |t| &t.path),
                paths(&new.needs, |t| &t.path),
            ),
            audiences: pairs(
                paths(&old.audiences, |t| &t.path),
                paths(&new.audiences, |t| &t.path),
            ),
            months: pairs(paths(&old.months, |m| &m.0), paths(&new.months, |m| &m.0)),
            brand_kinds: pairs(
                paths(&old.brands.kinds, |k| k.0.id()),
                paths(&new.brands.kinds, |k| k.0.id()),
            ),
        }
    }

    /// Every record, need, month and kind is where it was.
    pub fn identity(&self) -> bool {
        [
            &self.regions,
            &self.types,
            &self.organizations,
            &self.services,
            &self.activities,
            &self.brands,
            &self.funds,
            &self.needs,
            &self.audiences,
            &self.months,
            &self.brand_kinds,
        ]
        .iter()
        .all(|p| p.identity)
    }

    /// An old directory's page in the new one (`new`), if it is still there.
    pub fn to_new(&self, page: DirPage, new: &Directory) -> Option<DirPage> {
        self.map(page, new, |p: &Pairs, i| p.to_new.get(i).copied().flatten())
    }

    /// A new directory's page in the old one (`old`), if it was there.
    pub fn to_old(&self, page: DirPage, old: &Directory) -> Option<DirPage> {
        self.map(page, old, |p: &Pairs, i| p.to_old.get(i).copied().flatten())
    }

    /// `page` in directory `to`, each index moved by `at`.
    fn map(
        &self,
        page: DirPage,
        to: &Directory,
        at: impl Fn(&Pairs, usize) -> Option<usize>,
    ) -> Option<DirPage> {
        if to.is_empty() {
            return None;
        }
        Some(match page {
            DirPage::Region(i) => DirPage::Region(at(&self.regions, i)?),
            DirPage::OrgType(i) => DirPage::OrgType(at(&self.types, i)?),
            DirPage::Organization(i) => DirPage::Organization(at(&self.organizations, i)?),
            DirPage::Service(i) => DirPage::Service(at(&self.services, i)?),
            DirPage::Activity(i) => DirPage::Activity(at(&self.activities, i)?),
            DirPage::Brand(i) => DirPage::Brand(at(&self.brands, i)?),
            DirPage::BrandKinds if to.brands.kinds.is_empty() => return None,
            DirPage::BrandKind(k) => DirPage::BrandKind(at(&self.brand_kinds, k)?),
            DirPage::FindNeed(n) => DirPage::FindNeed(at(&self.needs, n)?),
            DirPage::FindAnswer(n, r) => {
                let r = at(&self.regions, r)?;
                // 找组织 answers only down to the townships.
                if to.regions[r].level > Level::Township {
                    return None;
                }
                DirPage::FindAnswer(at(&self.needs, n)?, r)
            }
            DirPage::Need(n) => DirPage::Need(at(&self.needs, n)?),
            DirPage::Audience(a) => DirPage::Audience(at(&self.audiences, a)?),
            DirPage::Month(m) => DirPage::Month(at(&self.months, m)?),
            DirPage::Funds(f) => DirPage::Funds(at(&self.funds, f)?),
            page @ (DirPage::BrandKinds
            | DirPage::FindStart
            | DirPage::Calendar
            | DirPage::Data) => page,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_match_by_key_not_position() {
        let p = Pairs::by(vec!["a", "b", "c"], vec!["a", "x", "c", "b"]);
        assert!(!p.identity);
        assert_eq!(p.to_new, vec![Some(0), Some(3), Some(2)]);
        assert_eq!(p.to_old, vec![Some(0), None, Some(2), Some(1)]);
        assert_eq!(p.added().collect::<Vec<_>>(), vec![1]);
        assert!(p.removed().next().is_none());
        assert!(p.same_list(&[0, 2], &[0, 2]));
        assert!(!p.same_list(&[1], &[1]));
        let q = Pairs::by(vec!["a", "b"], vec!["b"]);
        assert_eq!(q.list(&[0, 1]), vec![GONE, 0]);
        assert_eq!(q.removed().collect::<Vec<_>>(), vec![0]);
        assert!(Pairs::by(vec!["a"], vec!["a"]).identity);
    }
}
