//! The dated texts of a policy (历史沿革): the text in force, written in
//! the policy's own file, and each earlier text, written in a file of the
//! bundle's `versions/` folder named by the date it took effect. Loading
//! finds the files (`content::VersionFile`); resolving reads them, parses each as
//! a policy text and compares consecutive texts article by article
//! ([`History`]).

use std::path::PathBuf;

use jiff::civil::Date;
use serde::Serialize;

use crate::model::policy::ArticleChange;

/// The document that amended a text: a page of the site or an address.
#[derive(Debug, Clone, Serialize)]
pub struct AmendingDocument {
    pub title: String,
    pub url: String,
}

/// One dated text of a policy, resolved.
#[derive(Debug, Clone)]
pub struct Version {
    pub date: Date,
    /// The file the text is read from (the policy's own for the text in
    /// force).
    pub file: PathBuf,
    pub disk: PathBuf,
    pub note: Option<String>,
    /// The document that amended this text into the next one.
    pub amended_by: Option<AmendingDocument>,
    /// That document's page, when it is one of the site.
    pub amended_by_page: Option<usize>,
    /// The ids and labels of the text's articles, in order.
    pub articles: Vec<(String, String)>,
    /// The text in force (the newest).
    pub in_force: bool,
}

/// Every dated text of a policy, oldest first (the last one is in force),
/// with what changed from each to the next.
#[derive(Debug, Clone)]
pub struct History {
    pub versions: Vec<Version>,
    /// `changes[k]`: from `versions[k]` to `versions[k + 1]`, every article
    /// of either text in order (unchanged ones too).
    pub changes: Vec<Vec<ArticleChange>>,
}

/// When an article last changed: the date of the text that changed it, and
/// the document that made the change.
#[derive(Debug, Clone)]
pub struct LastChange {
    /// Index of the version that first has the article as it is now.
    pub version: usize,
    pub added: bool,
}

impl History {
    /// The date path segment of a version: `2015-12-16`.
    pub fn date_segment(date: Date) -> String {
        date.to_string()
    }

    /// The URL path of version `k` below the policy's path (`2015-12-16/`),
    /// or `` for the text in force.
    pub fn version_path(&self, k: usize) -> String {
        if self.versions[k].in_force {
            String::new()
        } else {
            format!("{}/", Self::date_segment(self.versions[k].date))
        }
    }

    /// The URL path of the comparison of version `k` with the next one,
    /// below the policy's path.
    pub fn compare_path(&self, k: usize) -> String {
        format!(
            "compare/{}..{}/",
            self.versions[k].date,
            self.versions[k + 1].date
        )
    }

    /// The amending document that produced version `k` (the one named by
    /// the text before it).
    pub fn produced_by(&self, k: usize) -> Option<&AmendingDocument> {
        k.checked_sub(1)
            .and_then(|j| self.versions[j].amended_by.as_ref())
    }

    /// The newest version, at or before version `upto`, in which article
    /// `eid` was added or changed; `None` when it is as in the first text.
    pub fn last_change(&self, eid: &str, upto: usize) -> Option<LastChange> {
        (0..upto.min(self.changes.len())).rev().find_map(|k| {
            let c = self.changes[k].iter().find(|c| c.eid == eid)?;
            c.kind.is_change().then_some(LastChange {
                version: k + 1,
                added: c.kind == crate::model::policy::ChangeKind::Added,
            })
        })
    }
}

/// What an amending document changed in one policy: the text it produced
/// and the articles that changed.
#[derive(Debug, Clone)]
pub struct Amendment {
    /// The policy's page.
    pub policy: usize,
    /// The version of the policy the amendment produced.
    pub version: usize,
    /// The articles added, deleted or changed.
    pub articles: Vec<ArticleChange>,
}
