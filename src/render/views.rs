//! What templates see: small serialisable views of pages, sections,
//! policies and articles, built per render from the model. Site-wide data
//! (config, navigation) lives in Tera's global context instead.

use jiff::civil::{Date, DateTime};
use serde::Serialize;

use crate::model::content::PageType;
use crate::model::content::{Content, Page, Section};
use crate::model::links::Urls;
use crate::model::policy::{Article, Chapter, Part, PolicyDocument};
use crate::model::site::{Link, Resolved};
use crate::model::validity::Validity;
use crate::render::body::Body;
use crate::render::markdown::Heading;

/// `2015年12月16日`
pub fn date_zh(d: Date) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// A date as `2015-12-16` and as `2015年12月16日`.
#[derive(Debug, Serialize, Clone)]
pub struct DateView {
    pub iso: String,
    pub zh: String,
}

impl DateView {
    pub fn of(d: Date) -> DateView {
        DateView {
            iso: d.to_string(),
            zh: date_zh(d),
        }
    }
    fn of_datetime(d: Option<DateTime>) -> Option<DateView> {
        d.map(|d| DateView::of(d.date()))
    }
}

#[derive(Debug, Serialize)]
pub struct PageSummary {
    pub title: String,
    pub url: String,
    pub date: Option<DateView>,
    pub description: String,
    pub kind: PageType,
    /// A policy's validity on the build's day, shown in words in lists.
    pub validity: Option<StatusView>,
}

impl PageSummary {
    pub fn of(content: &Content, i: usize) -> PageSummary {
        let p = &content.pages[i];
        PageSummary {
            title: p.title.clone(),
            url: p.url.clone(),
            date: DateView::of_datetime(p.date),
            description: p
                .description
                .clone()
                .unwrap_or_else(|| truncate(&p.summary, 120)),
            kind: p.page_type,
            validity: p.policy_meta.as_ref().map(|m| StatusView::of(m.validity)),
        }
    }
}

fn truncate(text: &str, chars: usize) -> String {
    let mut out: String = text.chars().take(chars).collect();
    if text.chars().count() > chars {
        out.push('…');
    }
    out
}

/// A policy's validity (时效性) on the build's day: its code (for the
/// class), its words, and whether it is plainly in force (no banner).
#[derive(Debug, Serialize)]
pub struct StatusView {
    pub code: Validity,
    pub zh: &'static str,
    pub in_force: bool,
    /// 尚未生效: the policy takes effect later (the banner says when).
    pub not_yet: bool,
}

impl StatusView {
    pub fn of(validity: Validity) -> StatusView {
        StatusView {
            code: validity,
            zh: validity.zh(),
            in_force: validity == Validity::InForce,
            not_yet: validity == Validity::NotYetInForce,
        }
    }
}

/// The disclosure panel of a policy.
#[derive(Debug, Serialize)]
pub struct PolicyMetaView {
    pub issuer: String,
    pub doc_number: Option<String>,
    pub written: DateView,
    pub published: Option<DateView>,
    /// 施行日期
    pub effective: Option<DateView>,
    /// 有效期: the last day in force.
    pub expires: Option<DateView>,
    pub addressee: Option<String>,
    pub topics: Vec<String>,
    /// 时效性 on the build's day.
    pub status: StatusView,
    pub successor: Option<Link>,
    pub short_title: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ArticleEntry {
    pub eid: String,
    pub label: String,
    pub heading: Option<String>,
    pub title: String,
    /// `#art_6` on the full text.
    pub anchor: String,
    /// The article's own page.
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct ChapterEntry {
    pub eid: String,
    pub num: String,
    pub heading: String,
    pub anchor: String,
    pub articles: Vec<ArticleEntry>,
    /// A part's (编's) chapters; empty for a chapter.
    pub chapters: Vec<ChapterEntry>,
}

/// An attachment in a policy's contents: `附件1 示例名单`.
#[derive(Debug, Serialize)]
pub struct AttachmentEntry {
    pub num: String,
    pub title: Option<String>,
    pub anchor: String,
}

#[derive(Debug, Serialize)]
pub struct PolicyView {
    pub meta: PolicyMetaView,
    /// Parts (with their chapters) and the chapters outside any part.
    pub toc: Vec<ChapterEntry>,
    pub attachments: Vec<AttachmentEntry>,
    /// Articles outside any chapter.
    pub loose_articles: Vec<ArticleEntry>,
    pub has_notice: bool,
    pub chapter_count: usize,
    pub article_count: usize,
    pub interpretations: Vec<PageSummary>,
}

pub fn article_entry(a: &Article, page_url: &str) -> ArticleEntry {
    ArticleEntry {
        eid: a.eid.clone(),
        label: a.label.clone(),
        heading: a.short_heading().map(str::to_string),
        title: a.title(),
        anchor: format!("#{}", a.eid),
        url: format!("{page_url}{}/", a.eid),
    }
}

impl PolicyView {
    pub fn of(
        content: &Content,
        resolved: &Resolved,
        i: usize,
        doc: &PolicyDocument,
        whole: bool,
    ) -> Option<PolicyView> {
        let page = &content.pages[i];
        let meta = page.policy_meta.as_ref()?;
        let url = page.url.clone();
        let chapter = |c: &Chapter| ChapterEntry {
            eid: c.eid.clone(),
            num: c.num.clone(),
            heading: c.heading.text.clone(),
            anchor: format!("#{}", c.eid),
            articles: c
                .articles
                .iter()
                .map(|&a| article_entry(&doc.articles[a], &url))
                .collect(),
            chapters: vec![],
        };
        // A part lists its chapters, then its subparts with theirs.
        let part = |p: &Part, subparts: Vec<ChapterEntry>| ChapterEntry {
            eid: p.eid.clone(),
            num: p.num.clone(),
            heading: p.heading.text.clone(),
            anchor: format!("#{}", p.eid),
            articles: vec![],
            chapters: p
                .chapters
                .iter()
                .map(|&c| chapter(&doc.chapters[c]))
                .chain(subparts)
                .collect(),
        };
        let parts = doc.parts.iter().map(|p| {
            let subparts = p
                .subparts
                .iter()
                .map(|&s| part(&doc.subparts[s], vec![]))
                .collect();
            part(p, subparts)
        });
        let toc = parts
            .chain(
                doc.chapters
                    .iter()
                    .filter(|c| c.part.is_none() && c.subpart.is_none())
                    .map(chapter),
            )
            .filter(|_| whole)
            .collect();
        let attachments = doc
            .attachments
            .iter()
            .filter(|_| whole)
            .map(|a| AttachmentEntry {
                num: a.num.clone(),
                title: a.title.as_ref().map(|t| t.text.clone()),
                anchor: format!("#{}", a.eid),
            })
            .collect();
        let loose_articles = doc
            .articles
            .iter()
            .filter(|a| whole && a.chapter.is_none())
            .map(|a| article_entry(a, &url))
            .collect();
        Some(PolicyView {
            meta: PolicyMetaView {
                issuer: meta.issuer.clone(),
                doc_number: meta.doc_number.clone(),
                written: DateView::of(meta.written),
                published: meta.published.map(DateView::of),
                effective: meta.effective.map(DateView::of),
                expires: meta.expires.map(DateView::of),
                addressee: meta
                    .addressee
                    .clone()
                    .or_else(|| doc.addressee().map(str::to_string)),
                topics: meta.topics.clone(),
                status: StatusView::of(meta.validity),
                successor: resolved.successors[i].clone(),
                short_title: meta.short_title.clone(),
            },
            toc,
            attachments,
            loose_articles,
            has_notice: doc.notice.is_some(),
            chapter_count: doc.chapters.len(),
            article_count: doc.articles.len(),
            interpretations: resolved.interpretations[i]
                .iter()
                .filter(|_| whole)
                .map(|&j| PageSummary::of(content, j))
                .collect(),
        })
    }
}

#[derive(Debug, Serialize)]
pub struct Crumb {
    pub title: String,
    pub url: String,
}

/// The chain of sections from the home page down to `section` (inclusive).
pub fn breadcrumbs(content: &Content, section: usize) -> Vec<Crumb> {
    let mut chain = vec![];
    let mut at = Some(section);
    while let Some(i) = at {
        let s: &Section = &content.sections[i];
        chain.push(Crumb {
            title: s.title.clone(),
            url: s.url.clone(),
        });
        at = s.parent;
    }
    chain.reverse();
    if let Some(first) = chain.first_mut() {
        first.title = "首页".to_string();
    }
    chain
}

#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub url: String,
    pub permalink: String,
    pub path: &'a str,
    pub date: Option<DateView>,
    pub updated: Option<DateView>,
    pub kind: PageType,
    pub content: &'a str,
    pub toc: &'a [Heading],
    pub summary: &'a str,
    pub extra: &'a std::collections::BTreeMap<String, serde_json::Value>,
    pub section: Crumb,
    pub breadcrumbs: Vec<Crumb>,
    /// The neighbours in the section's order.
    pub previous: Option<PageSummary>,
    pub next: Option<PageSummary>,
    pub policy: Option<PolicyView>,
    /// For an interpretation: the policy it explains.
    pub interprets: Option<PageSummary>,
}

impl<'a> PageView<'a> {
    /// The view of page `i`. With `whole: false` (a policy's article pages)
    /// the body, table of contents and neighbours are left out: an article
    /// page shows one article, and copying the whole policy into each of
    /// its article pages would make a policy's cost grow with the square of
    /// its length.
    pub fn of(
        content: &'a Content,
        resolved: &'a Resolved,
        urls: &Urls,
        i: usize,
        body: &'a Body,
        whole: bool,
    ) -> PageView<'a> {
        let page: &Page = &content.pages[i];
        let section = &content.sections[page.section];
        let position = section.pages.iter().position(|&p| p == i);
        let neighbour = |offset: isize| {
            let at = position? as isize + offset;
            let &j = section.pages.get(usize::try_from(at).ok()?)?;
            Some(PageSummary::of(content, j))
        };
        PageView {
            title: &page.title,
            description: page.description.as_deref(),
            url: page.url.clone(),
            permalink: urls.permalink(&page.path),
            path: &page.path,
            date: DateView::of_datetime(page.date),
            updated: DateView::of_datetime(page.updated),
            kind: page.page_type,
            content: if whole { &body.html } else { "" },
            toc: if whole { &body.toc } else { &[] },
            summary: &page.summary,
            extra: &page.extra,
            section: Crumb {
                title: section.title.clone(),
                url: section.url.clone(),
            },
            breadcrumbs: breadcrumbs(content, page.section),
            previous: neighbour(-1),
            next: neighbour(1),
            policy: body
                .policy
                .as_ref()
                .and_then(|doc| PolicyView::of(content, resolved, i, doc, whole)),
            interprets: resolved.interprets[i].map(|j| PageSummary::of(content, j)),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct SectionEntry {
    pub title: String,
    pub url: String,
    pub description: Option<String>,
    pub page_count: usize,
}

#[derive(Debug, Serialize)]
pub struct SectionView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub url: String,
    pub permalink: String,
    pub content: &'a str,
    pub extra: &'a std::collections::BTreeMap<String, serde_json::Value>,
    pub subsections: Vec<SectionEntry>,
    pub breadcrumbs: Vec<Crumb>,
    pub is_home: bool,
    /// The section holds directory records (its list shows them).
    pub records: bool,
    /// The feed of changes of the policies it lists, if it lists any.
    pub changes_feed: Option<String>,
}

impl<'a> SectionView<'a> {
    pub fn of(content: &'a Content, urls: &Urls, i: usize, body: &'a str) -> SectionView<'a> {
        let s = &content.sections[i];
        SectionView {
            title: &s.title,
            description: s.description.as_deref(),
            url: s.url.clone(),
            permalink: urls.permalink(&s.path),
            content: body,
            extra: &s.extra,
            subsections: s
                .subsections
                .iter()
                .map(|&j| {
                    let sub = &content.sections[j];
                    SectionEntry {
                        title: sub.title.clone(),
                        url: sub.url.clone(),
                        description: sub.description.clone(),
                        page_count: sub.pages.len(),
                    }
                })
                .collect(),
            breadcrumbs: breadcrumbs(content, i),
            is_home: s.parent.is_none(),
            records: s.records.is_some(),
            changes_feed: content.changes_feed(i).map(|path| urls.url(&path)),
        }
    }
}

/// One page of a paginated list.
#[derive(Debug, Serialize)]
pub struct Paginator {
    pub pages: Vec<PageSummary>,
    /// 1-based.
    pub current: usize,
    pub total: usize,
    pub total_pages: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub first: String,
    pub last: String,
}

/// The URL path of page `n` (1-based) of a section's list.
pub fn pager_path(section_path: &str, n: usize) -> String {
    if n <= 1 {
        section_path.to_string()
    } else {
        format!("{section_path}page/{n}/")
    }
}

#[derive(Debug, Serialize)]
pub struct ArticleView {
    pub eid: String,
    pub label: String,
    pub title: String,
    pub heading: Option<String>,
    pub html: String,
    pub url: String,
    pub permalink: String,
    pub anchor_url: String,
}

#[derive(Debug, Serialize)]
pub struct ChapterView {
    pub eid: String,
    pub num: String,
    pub heading: String,
    pub url: String,
}

/// 落实情况 on a policy page: an article that services implement, and how
/// many do.
#[derive(Serialize)]
pub struct ProgressView<'a> {
    pub eid: &'a str,
    pub title: String,
    pub url: String,
    pub services: usize,
}

/// 落实情况 on an article page: a service that implements the article,
/// with its organization.
#[derive(Serialize)]
pub struct ImplementationView<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub organization: &'a str,
    pub organization_url: &'a str,
    pub region: &'a str,
}
