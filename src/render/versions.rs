//! The pages of a policy's history (历史沿革): each earlier text at
//! `/policies/<slug>/<YYYY-MM-DD>/` with its article pages, under a banner
//! that links the text in force; a comparison (新旧对照) of each pair of
//! consecutive texts at `/policies/<slug>/compare/<older>..<newer>/`; and
//! the typed views that the policy, article and amending document pages
//! show (the list of texts, when an article last changed, what a decision
//! amended).

use serde::Serialize;
use tera::Context;

use crate::base::sink::Sink;
use crate::load::body::PageText;
use crate::model::content::Content;
use crate::model::policy::{self, ArticleChange, ChangeKind, PolicyDocument};
use crate::model::site::Link;
use crate::model::versions::{AmendingDocument, Amendment, History};
use crate::render::body::{self, Body};
use crate::render::compare;
use crate::render::pages::{Outcome, Pages};
use crate::render::views::{DateView, PageView};

/// An article in a list of changes: `第六条（修改）`.
#[derive(Debug, Serialize)]
pub struct ChangeEntryView {
    pub eid: String,
    pub label: String,
    /// The article's page in the text the change produced (none for a
    /// deleted article).
    pub url: Option<String>,
    pub kind: ChangeKind,
    /// 新增, 删除, 修改
    pub kind_zh: &'static str,
    /// `第二款`: the paragraphs that changed, when not all did.
    pub paragraphs: String,
}

fn kind_zh(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Added => "新增",
        ChangeKind::Deleted => "删除",
        ChangeKind::Changed => "修改",
        ChangeKind::Unchanged => "未修改",
    }
}

/// `第二款、第三款`
fn paragraphs_zh(list: &[usize]) -> String {
    list.iter()
        .map(|&n| format!("第{}款", chinese_number(n)))
        .collect::<Vec<_>>()
        .join("、")
}

/// A small number in Chinese numerals, as 款 are cited (一 … 九十九).
fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", if n % 10 == 0 { "" } else { DIGITS[n % 10] }),
        20..=99 => format!(
            "{}十{}",
            DIGITS[n / 10],
            if n % 10 == 0 { "" } else { DIGITS[n % 10] }
        ),
        _ => n.to_string(),
    }
}

/// One text in the list of a policy's texts.
#[derive(Debug, Serialize)]
pub struct VersionEntryView {
    pub date: DateView,
    pub url: String,
    pub in_force: bool,
    /// The text this page shows.
    pub current: bool,
    /// The amending document that produced this text.
    pub by: Option<AmendingDocument>,
    pub note: Option<String>,
    /// The comparison with the text before it.
    pub compare_url: Option<String>,
    /// The articles that changed from the text before.
    pub changes: Vec<ChangeEntryView>,
}

/// 历史沿革 on a policy page: every text, oldest first.
#[derive(Debug, Serialize)]
pub struct HistoryView {
    pub versions: Vec<VersionEntryView>,
}

/// The banner of an earlier text: its date and the text in force.
#[derive(Debug, Serialize)]
pub struct VersionBannerView {
    pub date: DateView,
    /// Until when it was in force (the next text's date).
    pub until: Option<DateView>,
    pub in_force_url: String,
    pub in_force_date: DateView,
}

/// When an article last changed.
#[derive(Debug, Serialize)]
pub struct LastChangeView {
    pub date: DateView,
    pub by: Option<AmendingDocument>,
    pub compare_url: String,
    pub added: bool,
}

/// One text of an article: its date and page.
#[derive(Debug, Serialize)]
pub struct ArticleTextView {
    pub date: DateView,
    pub url: String,
    pub current: bool,
    pub in_force: bool,
}

/// On an article page: when it last changed, and every text of it.
#[derive(Debug, Serialize)]
pub struct ArticleHistoryView {
    pub last_changed: Option<LastChangeView>,
    pub texts: Vec<ArticleTextView>,
}

/// On an amending document's page: what it changed in one policy.
#[derive(Debug, Serialize)]
pub struct AmendsView {
    pub policy: Link,
    /// The date the text it produced took effect.
    pub date: DateView,
    pub compare_url: String,
    pub articles: Vec<ChangeEntryView>,
}

/// One article in a comparison.
#[derive(Debug, Serialize)]
pub struct CompareRow {
    pub eid: String,
    pub label: String,
    pub kind: ChangeKind,
    pub kind_zh: &'static str,
    pub paragraphs: String,
    /// The older text, with `<del>` around what was deleted.
    pub before: String,
    /// The newer text, with `<ins>` around what was inserted.
    pub after: String,
}

/// 新旧对照 of two consecutive texts.
#[derive(Debug, Serialize)]
pub struct CompareView {
    pub title: String,
    pub policy: Link,
    pub older: VersionRef,
    pub newer: VersionRef,
    pub by: Option<AmendingDocument>,
    /// The articles added, deleted or changed.
    pub rows: Vec<CompareRow>,
    /// The articles left as they were.
    pub unchanged: Vec<Link>,
    pub permalink: String,
}

#[derive(Debug, Serialize)]
pub struct VersionRef {
    pub date: DateView,
    pub url: String,
}

/// The URL of version `k` of policy `page_url`.
fn version_url(page_url: &str, h: &History, k: usize) -> String {
    format!("{page_url}{}", h.version_path(k))
}

fn change_entries(
    page_url: &str,
    h: &History,
    k: usize,
    changes: &[ArticleChange],
) -> Vec<ChangeEntryView> {
    changes
        .iter()
        .filter(|c| c.kind.is_change())
        .map(|c| ChangeEntryView {
            eid: c.eid.clone(),
            label: c.label.clone(),
            url: (c.kind != ChangeKind::Deleted)
                .then(|| format!("{}{}/", version_url(page_url, h, k), c.eid)),
            kind: c.kind,
            kind_zh: kind_zh(c.kind),
            paragraphs: paragraphs_zh(&c.paragraphs),
        })
        .collect()
}

/// 历史沿革 as policy `page_url` shows it, with text `current` marked.
pub fn history_view(page_url: &str, h: &History, current: usize) -> HistoryView {
    HistoryView {
        versions: h
            .versions
            .iter()
            .enumerate()
            .map(|(k, v)| VersionEntryView {
                date: DateView::of(v.date),
                url: version_url(page_url, h, k),
                in_force: v.in_force,
                current: k == current,
                by: h.produced_by(k).cloned(),
                note: v.note.clone(),
                compare_url: k
                    .checked_sub(1)
                    .map(|j| format!("{page_url}{}", h.compare_path(j))),
                changes: k
                    .checked_sub(1)
                    .map(|j| change_entries(page_url, h, k, &h.changes[j]))
                    .unwrap_or_default(),
            })
            .collect(),
    }
}

/// An article's history as text `current` of policy `page_url` shows it.
pub fn article_history(
    page_url: &str,
    h: &History,
    current: usize,
    eid: &str,
) -> ArticleHistoryView {
    let last_changed = h.last_change(eid, current).map(|c| LastChangeView {
        date: DateView::of(h.versions[c.version].date),
        by: h.produced_by(c.version).cloned(),
        compare_url: format!("{page_url}{}", h.compare_path(c.version - 1)),
        added: c.added,
    });
    let texts = h
        .versions
        .iter()
        .enumerate()
        .filter(|(_, v)| v.articles.iter().any(|(e, _)| e == eid))
        .map(|(k, v)| ArticleTextView {
            date: DateView::of(v.date),
            url: format!("{}{eid}/", version_url(page_url, h, k)),
            current: k == current,
            in_force: v.in_force,
        })
        .collect();
    ArticleHistoryView {
        last_changed,
        texts,
    }
}

/// The note under an article of the text in force that an amendment
/// changed: `由《…》修改，自2023年6月1日起施行（新旧对照）`, as HTML.
pub fn article_note(page_url: &str, h: &History, eid: &str, label: &str) -> Option<String> {
    use crate::base::escape::escape_html;
    let c = h.last_change(eid, h.versions.len() - 1)?;
    let verb = if c.added { "增加" } else { "修改" };
    let date = crate::render::views::date_zh(h.versions[c.version].date);
    let by = h
        .produced_by(c.version)
        .map(|d| {
            format!(
                "由<a href=\"{}\">{}</a>{verb}，",
                escape_html(&d.url),
                escape_html(&d.title)
            )
        })
        .unwrap_or_else(|| format!("本条{verb}，"));
    Some(format!(
        "{by}自{date}起施行（<a href=\"{page_url}{}#{eid}\">新旧对照<span class=\"visually-hidden\">：{}</span></a>）",
        h.compare_path(c.version - 1),
        escape_html(label)
    ))
}

/// What an amending document changed, for its page.
pub fn amends_views(
    content: &Content,
    histories: &[Option<std::sync::Arc<History>>],
    list: &[Amendment],
) -> Vec<AmendsView> {
    list.iter()
        .filter_map(|a| {
            let h = histories[a.policy].as_ref()?;
            let p = &content.pages[a.policy];
            Some(AmendsView {
                policy: Link {
                    title: p.title.clone(),
                    url: p.url.clone(),
                },
                date: DateView::of(h.versions[a.version].date),
                compare_url: format!("{}{}", p.url, h.compare_path(a.version - 1)),
                articles: change_entries(&p.url, h, a.version, &a.articles),
            })
        })
        .collect()
}

impl Pages<'_> {
    /// The earlier texts of policy `i` with their article pages, and the
    /// comparison of each pair of consecutive texts. `current` is the text
    /// in force, already rendered.
    pub(super) fn render_history(
        &self,
        i: usize,
        h: &History,
        current: &Body,
        sink: &dyn Sink,
        out: &mut Outcome,
    ) {
        let content = &self.site.content;
        let p = &content.pages[i];
        let last = h.versions.len() - 1;
        // Every earlier text, rendered.
        let mut bodies: Vec<Body> = Vec::with_capacity(last);
        for (k, v) in h.versions[..last].iter().enumerate() {
            let url = version_url(&p.url, h, k);
            let text = match PageText::of_file(&v.file, &v.disk) {
                Ok(t) => t,
                Err(d) => return out.diagnostics.push(d),
            };
            let b = body::render(
                &v.file,
                &text,
                true,
                &url,
                &self.site.resolved,
                &mut out.diagnostics,
            );
            out.links.extend(b.links.iter().cloned());
            if b.policy.is_none() {
                return;
            }
            bodies.push(b);
        }
        for (k, b) in bodies.iter().enumerate() {
            self.render_version(i, h, k, b, sink, out);
        }
        let docs: Vec<&PolicyDocument> = bodies
            .iter()
            .chain(std::iter::once(current))
            .filter_map(|b| b.policy.as_ref())
            .collect();
        if docs.len() != h.versions.len() {
            return;
        }
        for k in 0..last {
            self.render_compare(i, h, k, docs[k], docs[k + 1], sink, out);
        }
    }

    fn render_version(
        &self,
        i: usize,
        h: &History,
        k: usize,
        b: &Body,
        sink: &dyn Sink,
        out: &mut Outcome,
    ) {
        let content = &self.site.content;
        let lang = &self.site.config.language;
        let p = &content.pages[i];
        let Some(doc) = &b.policy else { return };
        let path = format!("{}{}", p.path, h.version_path(k));
        let last = h.versions.len() - 1;
        let banner = VersionBannerView {
            date: DateView::of(h.versions[k].date),
            until: h.versions.get(k + 1).map(|v| DateView::of(v.date)),
            in_force_url: p.url.clone(),
            in_force_date: DateView::of(h.versions[last].date),
        };
        let mut view = PageView::of(content, &self.site.resolved, &self.site.urls, i, b, true);
        view.url = self.site.urls.url(&path);
        view.permalink = self.site.urls.permalink(&path);
        let mut ctx = Context::new();
        ctx.insert(
            "jsonld",
            &crate::render::jsonld::to_script(&crate::render::jsonld::policy(
                p,
                doc,
                &view.permalink,
                lang,
            )),
        );
        ctx.insert("page", &view);
        ctx.insert("history", &history_view(&p.url, h, k));
        ctx.insert("version", &banner);
        self.emit(
            "policy.html",
            &format!("{path}index.html"),
            Some(p.section),
            &mut ctx,
            sink,
            out,
        );

        let mut view = PageView::of(content, &self.site.resolved, &self.site.urls, i, b, false);
        view.url = self.site.urls.url(&path);
        view.permalink = self.site.urls.permalink(&path);
        if let Some(meta) = &p.policy_meta {
            self.write_akn(i, meta, doc, Some((h, k)), sink, out);
        }
        let extra = |a: &policy::Article, ctx: &mut Context| {
            ctx.insert("article_history", &article_history(&p.url, h, k, &a.eid));
            ctx.insert("version", &banner);
            let in_force = h.versions[last].articles.iter().any(|(e, _)| *e == a.eid);
            ctx.insert("article_in_force", &in_force);
        };
        self.article_pages(i, doc, &view, &path, &extra, sink, out, false);
    }

    #[allow(clippy::too_many_arguments)]
    fn render_compare(
        &self,
        i: usize,
        h: &History,
        k: usize,
        old: &PolicyDocument,
        new: &PolicyDocument,
        sink: &dyn Sink,
        out: &mut Outcome,
    ) {
        let p = &self.site.content.pages[i];
        let mut rows = vec![];
        let mut unchanged = vec![];
        for c in &h.changes[k] {
            let before = c
                .old
                .map(|j| policy::article_text(&old.articles[j]))
                .unwrap_or_default();
            let after = c
                .new
                .map(|j| policy::article_text(&new.articles[j]))
                .unwrap_or_default();
            let (before, after) = match c.kind {
                ChangeKind::Unchanged => {
                    unchanged.push(Link {
                        title: c.label.clone(),
                        url: format!("{}{}/", version_url(&p.url, h, k + 1), c.eid),
                    });
                    continue;
                }
                ChangeKind::Changed => compare::diff_html(&before, &after),
                ChangeKind::Added => (String::new(), compare::diff_html("", &after).1),
                ChangeKind::Deleted => (compare::diff_html(&before, "").0, String::new()),
            };
            rows.push(CompareRow {
                eid: c.eid.clone(),
                label: c.label.clone(),
                kind: c.kind,
                kind_zh: kind_zh(c.kind),
                paragraphs: paragraphs_zh(&c.paragraphs),
                before,
                after,
            });
        }
        let path = format!("{}{}", p.path, h.compare_path(k));
        let (older, newer) = (&h.versions[k], &h.versions[k + 1]);
        let view = CompareView {
            title: format!(
                "{}（{}文本与{}文本对照）",
                p.title,
                crate::render::views::date_zh(older.date),
                crate::render::views::date_zh(newer.date)
            ),
            policy: Link {
                title: p.title.clone(),
                url: p.url.clone(),
            },
            older: VersionRef {
                date: DateView::of(older.date),
                url: version_url(&p.url, h, k),
            },
            newer: VersionRef {
                date: DateView::of(newer.date),
                url: version_url(&p.url, h, k + 1),
            },
            by: h.produced_by(k + 1).cloned(),
            rows,
            unchanged,
            permalink: self.site.urls.permalink(&path),
        };
        let mut ctx = Context::new();
        ctx.insert("compare", &view);
        ctx.insert(
            "breadcrumbs",
            &crate::render::views::breadcrumbs(&self.site.content, p.section),
        );
        self.emit(
            "policy-compare.html",
            &format!("{path}index.html"),
            Some(p.section),
            &mut ctx,
            sink,
            out,
        );
    }
}
