//! Pages, sections and the files of a site's `content/`, as the model
//! holds them: what was written, with where it was written, so that later
//! stages can point at it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::{Date, DateTime};
use serde::Deserialize;

use crate::base::diagnostics::Diagnostic;
use crate::base::files::read_utf8;
use crate::model::validity::Validity;

/// The folder under the site root that holds the content.
pub const CONTENT_DIR: &str = "content";

/// A value written in front matter that points somewhere (`@/x.md` or a
/// URL), kept with its place so that a broken one can be reported.
#[derive(Debug, Clone)]
pub struct Reference {
    pub target: String,
    pub offset: usize,
    pub len: usize,
}

/// A file copied to the output unchanged (a bundle's image, a PDF beside a
/// section).
#[derive(Debug, Clone)]
pub struct Asset {
    pub source: PathBuf,
    /// Where it goes, relative to the output root, with `/` separators.
    pub output: String,
}

/// The folder of a policy bundle that holds its earlier texts.
pub const VERSIONS_DIR: &str = "versions";

/// An earlier text of a policy, as loaded: `versions/2015-12-16.md`.
#[derive(Debug, Clone)]
pub struct VersionFile {
    /// Path relative to the site root, for messages.
    pub file: PathBuf,
    pub disk: PathBuf,
    /// The date the text took effect, from the file's name (`None` when
    /// the name is not a date: reported when the versions are resolved,
    /// with the site's other problems).
    pub date: Option<Date>,
    /// The document that amended this text into the next one.
    pub amended_by: Option<Reference>,
    /// A note the editor wrote about this text.
    pub note: Option<String>,
}

/// The disclosure metadata of a policy document.
#[derive(Debug, Clone)]
pub struct PolicyMeta {
    /// 发文机关
    pub issuer: String,
    /// 发文字号
    pub doc_number: Option<String>,
    /// 成文日期
    pub written: Date,
    /// 发布日期
    pub published: Option<Date>,
    /// 主送
    pub addressee: Option<String>,
    /// 主题分类
    pub topics: Vec<String>,
    /// 有效性, as written
    pub status: PolicyStatus,
    /// 施行日期: the day it takes effect.
    pub effective: Option<Date>,
    /// 有效期: the last day it is in force.
    pub expires: Option<Date>,
    /// 时效性 on the build's day, from `status`, the dates and the build's
    /// today (set when the content is loaded).
    pub validity: Validity,
    pub amended_by: Option<Reference>,
    pub repealed_by: Option<Reference>,
    pub short_title: Option<String>,
    /// The date the text in force took effect (`version_date`), when the
    /// policy has earlier texts; otherwise its publication date stands.
    pub version_date: Option<Date>,
    /// The earlier texts (`versions/2015-12-16.md` in the bundle), by date.
    pub versions: Vec<VersionFile>,
}

/// A page: one markdown file, or the `index.md` of a bundle.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to the site root (`content/policies/a.md`), for messages.
    pub file: PathBuf,
    /// Path relative to `content/` with `/` separators (`policies/a.md`),
    /// the form `@/` links use.
    pub rel: String,
    /// Where to read the file. Texts are read again when the page is
    /// rendered rather than kept: a large site would otherwise hold every
    /// file in memory for the whole build.
    pub disk: PathBuf,
    /// Plain text of the body's first paragraph, for lists and feeds.
    pub summary: String,
    /// A hash of the front matter as written: an edit that leaves it alone
    /// changes only the body (see `incremental`).
    pub front_hash: u64,
    pub title: String,
    pub description: Option<String>,
    pub date: Option<DateTime>,
    pub updated: Option<DateTime>,
    pub weight: Option<i64>,
    pub draft: bool,
    pub template: Option<Reference>,
    /// Where `slug:` was written, if it was.
    pub slug_at: Option<Reference>,
    pub page_type: PageType,
    pub policy_meta: Option<PolicyMeta>,
    pub interprets: Option<Reference>,
    pub extra: BTreeMap<String, serde_json::Value>,
    /// URL path below the base URL, ending in `/` (`policies/a/`).
    pub path: String,
    /// The link to the page: base path plus the percent-encoded path
    /// (set when the site is resolved).
    pub url: String,
    /// Index of the section that lists this page.
    pub section: usize,
}

impl Page {
    /// Read the file again (to render it, or to show a snippet). Texts
    /// are not kept from loading: measured, keeping them did not make
    /// builds faster, and it made memory grow with the site.
    pub fn read(&self) -> Result<Arc<str>, Diagnostic> {
        read_utf8(&self.disk, &self.file)
    }

    /// A diagnostic at a place in the file.
    pub fn diagnostic(&self, offset: usize, len: usize, message: impl Into<String>) -> Diagnostic {
        diagnostic_at(&self.file, Some(&self.disk), offset, len, message)
    }
}

/// A diagnostic at a byte span of a file that is read again to show the
/// snippet (only when there is a problem to show).
pub fn diagnostic_at(
    file: &Path,
    disk: Option<&Path>,
    offset: usize,
    len: usize,
    message: impl Into<String>,
) -> Diagnostic {
    match disk.map(|d| read_utf8(d, file)) {
        Some(Ok(text)) => Diagnostic::at(file, &text, offset, len, message),
        _ => Diagnostic::in_file(file, message),
    }
}

/// A hash of a text, stable within one run.
pub fn hash_text(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// A section: a folder under `content/`, described by its `_index.md`.
#[derive(Debug, Clone)]
pub struct Section {
    /// `content/policies/_index.md`, or the folder when there is no `_index.md`.
    pub file: PathBuf,
    /// Where to read `_index.md`, if there is one.
    pub disk: Option<PathBuf>,
    /// Folder relative to `content/` (`policies`, or `` for the root).
    pub dir: String,
    pub title: String,
    pub description: Option<String>,
    pub weight: Option<i64>,
    pub sort_by: SortBy,
    pub paginate_by: Option<usize>,
    pub template: Option<Reference>,
    pub page_template: Option<Reference>,
    pub slug_at: Option<Reference>,
    pub hidden: bool,
    pub draft: bool,
    /// The kind of directory record this section holds, if it does.
    pub records: Option<RecordKind>,
    pub extra: BTreeMap<String, serde_json::Value>,
    pub path: String,
    /// The link to the section (set when the site is resolved).
    pub url: String,
    pub parent: Option<usize>,
    pub subsections: Vec<usize>,
    /// Pages in display order.
    pub pages: Vec<usize>,
}

impl Section {
    /// Read `_index.md` again (empty when the folder has none).
    pub fn read(&self) -> Result<Arc<str>, Diagnostic> {
        match &self.disk {
            Some(d) => read_utf8(d, &self.file),
            None => Ok(Arc::from("")),
        }
    }

    /// A diagnostic at a place in `_index.md`.
    pub fn diagnostic(&self, offset: usize, len: usize, message: impl Into<String>) -> Diagnostic {
        diagnostic_at(&self.file, self.disk.as_deref(), offset, len, message)
    }
}

/// Everything loaded from `content/`.
#[derive(Debug, Default)]
pub struct Content {
    pub sections: Vec<Section>,
    pub pages: Vec<Page>,
    pub assets: Vec<Asset>,
    /// `@/` paths of drafts left out of this build, for clearer messages.
    pub drafts: Vec<String>,
    /// `@/` paths of pages held back because their publication date is
    /// after the build's today, with that date.
    pub future: Vec<(String, Date)>,
    /// The files of records sections (markdown records and tables), read
    /// by `directory`.
    pub records: Vec<RecordFile>,
    /// Some files failed to load and are missing here (their problems are
    /// reported): a reference to a page that is not found may be one of
    /// them, and is not reported again.
    pub incomplete: bool,
}

/// The file name of the feed of changes (published, taking effect,
/// amended, repealed, expired) of a section that lists policies.
pub const CHANGES_FEED: &str = "changes.xml";

impl Content {
    /// The output path of section `i`'s feed of changes
    /// (`policies/changes.xml`): every section that lists policies has one.
    pub fn changes_feed(&self, i: usize) -> Option<String> {
        let s = &self.sections[i];
        s.pages
            .iter()
            .any(|&p| self.pages[p].page_type == PageType::Policy)
            .then(|| format!("{}{CHANGES_FEED}", s.path))
    }
}

/// A file in a records section: one markdown record, or a table.
#[derive(Debug, Clone)]
pub struct RecordFile {
    pub kind: RecordKind,
    /// Index of the section.
    pub section: usize,
    /// Path relative to the site root, for messages.
    pub file: PathBuf,
    pub disk: PathBuf,
    pub format: RecordFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordFormat {
    Markdown,
    Csv,
    Yaml,
    /// A workbook (`.xlsx`, `.xls`, `.ods`): each sheet a table.
    Spreadsheet,
}

/// The extensions of spreadsheet files (lower case): read as tables in a
/// records section (`.xlsx`, `.xls`, `.ods`), refused anywhere else so that
/// a working file is never published by mistake.
pub const SPREADSHEET_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods", "et"];

/// Whether `path` is a spreadsheet, by its extension (in any case).
pub fn is_spreadsheet(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SPREADSHEET_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// What kind of page a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum PageType {
    /// An ordinary page.
    #[default]
    Page,
    /// A policy document (政策文件), parsed into chapters and articles.
    Policy,
    /// An interpretation (政策解读) of a policy.
    Interpretation,
}

impl PageType {
    /// The summary of a body of this kind, for lists and feeds: a policy's
    /// first provision, otherwise the first paragraph.
    pub fn summary(self, body: &str) -> String {
        match self {
            PageType::Policy => super::policy::summary(body),
            PageType::Page | PageType::Interpretation => super::text::summary(body),
        }
    }
}

/// The validity of a policy (有效性).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PolicyStatus {
    /// 有效
    #[default]
    InForce,
    /// 已修改
    Amended,
    /// 已废止
    Repealed,
    /// 已失效
    Expired,
}

impl PolicyStatus {
    /// The validity the status states, before the dates are considered.
    pub fn as_written(self) -> Validity {
        match self {
            PolicyStatus::InForce => Validity::InForce,
            PolicyStatus::Amended => Validity::Amended,
            PolicyStatus::Repealed => Validity::Repealed,
            PolicyStatus::Expired => Validity::Expired,
        }
    }
}

impl PolicyMeta {
    /// The day the policy applies from: when it takes effect, else when
    /// it was published, else when it was written (the day an amendment
    /// or a repeal it makes counts from).
    pub fn applies_from(&self) -> Date {
        self.effective.or(self.published).unwrap_or(self.written)
    }

    /// The policy's validity on `today`.
    pub fn validity_on(&self, today: Date) -> Validity {
        Validity::on(
            today,
            self.status.as_written(),
            self.effective,
            self.expires,
        )
    }
}

/// How a section orders its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    /// Newest first; undated pages last.
    #[default]
    Date,
    /// Lowest weight first.
    Weight,
    /// By title.
    Title,
}

/// The kinds of directory record (see `docs/directory.md`).
#[derive(
    Debug, Deserialize, serde::Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Region,
    OrgType,
    Organization,
    Service,
    Activity,
    /// 资金公开: rows of funds tables, not records with pages of their own.
    Funds,
    Brand,
}
