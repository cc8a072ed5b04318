//! The model of a whole site once it is loaded and resolved: what every
//! later stage (render, write, search) reads, and never changes.

use crate::model::clock::BuildTime;
use crate::model::config::Config;
use crate::model::content::Content;
use crate::model::directory::Directory;
use crate::model::links::{LinkMap, Urls};

/// A loaded and resolved site.
pub struct Site {
    pub config: Config,
    pub content: Content,
    pub resolved: Resolved,
    pub urls: Urls,
    pub directory: Directory,
    /// The editors' synonym groups (`synonyms.yaml`), for the search index.
    pub synonyms: Vec<Vec<String>>,
    /// When the build runs: its today decides what is published and in
    /// force.
    pub time: BuildTime,
}

/// Options that apply to all markdown of a site.
#[derive(Debug, Clone, Copy)]
pub struct MarkdownOptions {
    pub allow_raw_html: bool,
}

/// A link to another page of the site, or to an outside URL.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// The site-wide relations that rendering reads.
pub struct Resolved {
    pub links: LinkMap,
    pub markdown: MarkdownOptions,
    /// For each page, the interpretations that explain it.
    pub interpretations: Vec<Vec<usize>>,
    /// For each interpretation, the policy it explains.
    pub interprets: Vec<Option<usize>>,
    /// For each policy that is no longer in force, what replaced it.
    pub successors: Vec<Option<Link>>,
    /// For each policy, the page of this site that replaced it, if one did.
    pub successor_pages: Vec<Option<usize>>,
    /// For each policy with earlier texts, its dated texts and what
    /// changed between them.
    pub histories: Vec<Option<std::sync::Arc<crate::model::versions::History>>>,
    /// For each amending document, the policies and articles it changed.
    pub amendments: Vec<Vec<crate::model::versions::Amendment>>,
}
