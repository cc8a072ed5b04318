//! The pages of `content/`: a section's list (one file per pager), a page,
//! and a policy with a page for each of its articles.

use tera::Context;

use crate::base::sink::Sink;
use crate::load::body::PageText;
use crate::model::content::{PageType, PolicyMeta, RecordKind};
use crate::model::links::Target;
use crate::model::policy::{Article, PolicyDocument};
use crate::model::versions::History;
use crate::render::body::{self, Body};
use crate::render::pages::{Outcome, Pages};
use crate::render::views::{
    self, ArticleView, ChapterView, ImplementationView, PageSummary, PageView, Paginator,
    ProgressView, SectionView,
};
use crate::render::{akn, jsonld, policy, versions};

impl Pages<'_> {
    pub(super) fn render_section(
        &self,
        index: usize,
        pager: usize,
        sink: &dyn Sink,
        out: &mut Outcome,
    ) {
        let content = &self.site.content;
        let s = &content.sections[index];
        let mut diagnostics = Vec::new();
        let body = match PageText::of_section(s) {
            Ok(text) => body::render(
                &s.file,
                &text,
                false,
                &s.url,
                &self.site.resolved,
                &mut diagnostics,
            ),
            Err(d) => {
                diagnostics.push(d);
                Body::default()
            }
        };
        // The body's problems and anchors are reported once, by page 1.
        if pager == 1 {
            out.source = Some(Target::Section(index));
            out.diagnostics = diagnostics;
            out.anchors.clone_from(&body.anchors);
            out.anchor_links.clone_from(&body.anchor_links);
            out.local_links.clone_from(&body.local_links);
        }
        // Every list page shows the body.
        out.links.clone_from(&body.links);
        let per = self.per_pager(s);
        let total_pages = self.pager_count(s);
        let listed = match self.record_summaries(index, (pager - 1) * per, per) {
            Some(records) => records,
            None => s
                .pages
                .iter()
                .skip((pager - 1) * per)
                .take(per)
                .map(|&p| PageSummary::of(content, p))
                .collect(),
        };
        let paginator = Paginator {
            pages: listed,
            current: pager,
            total: self.list_len(s),
            total_pages,
            previous: (pager > 1)
                .then(|| self.site.urls.url(&views::pager_path(&s.path, pager - 1))),
            next: (pager < total_pages)
                .then(|| self.site.urls.url(&views::pager_path(&s.path, pager + 1))),
            first: s.url.clone(),
            last: self.site.urls.url(&views::pager_path(&s.path, total_pages)),
        };
        let mut ctx = Context::new();
        ctx.insert(
            "section",
            &SectionView::of(content, &self.site.urls, index, &body.html),
        );
        ctx.insert("paginator", &paginator);
        let funds = s.records == Some(RecordKind::Funds);
        if funds {
            ctx.insert("funds", &self.funds_index(index));
        }
        let template = match &s.template {
            Some(t) => t.target.clone(),
            None if funds => "directory/funds-index.html".into(),
            None if s.parent.is_none() => {
                ctx.insert("recent", &self.recent(10));
                ctx.insert("policies", &self.policies());
                "index.html".into()
            }
            None => "section.html".into(),
        };
        let lists_policies = self.lists_policies(index);
        if lists_policies {
            ctx.insert(
                "library_url",
                &self.site.urls.url(&format!("{}library/", s.path)),
            );
        }
        let path = format!("{}index.html", views::pager_path(&s.path, pager));
        self.emit(&template, &path, Some(index), &mut ctx, sink, out);
        if pager == 1 && lists_policies {
            self.render_library(index, sink, out);
        }
    }

    /// A page, and for a policy the page of each of its articles.
    pub(super) fn render_page(&self, i: usize, sink: &dyn Sink, out: &mut Outcome) {
        let content = &self.site.content;
        let lang = &self.site.config.language;
        let p = &content.pages[i];
        out.source = Some(Target::Page(i));
        let text = match PageText::of_page(p) {
            Ok(t) => t,
            Err(d) => return out.diagnostics.push(d),
        };
        let is_policy = p.page_type == PageType::Policy;
        let mut body = body::render(
            &p.file,
            &text,
            is_policy,
            &p.url,
            &self.site.resolved,
            &mut out.diagnostics,
        );
        drop(text);
        // The text in force of a policy with earlier texts: a note under
        // each article an amendment changed.
        if let (Some(doc), Some(h)) = (&body.policy, &self.site.resolved.histories[i]) {
            body.html =
                policy::document_with_notes(doc, &|a| format!("{}{}/", p.url, a.eid), &|a| {
                    versions::article_note(&p.url, h, &a.eid, &a.label)
                });
        }
        out.warnings.clone_from(&body.warnings);
        // A policy whose structure has errors (reported by the body) has no
        // document for its templates, which would only add a template error.
        if is_policy && body.policy.is_none() {
            out.anchors_unknown = true;
            return;
        }

        let view = PageView::of(
            content,
            &self.site.resolved,
            &self.site.urls,
            i,
            &body,
            true,
        );
        let ld = match &body.policy {
            Some(doc) if is_policy => jsonld::policy(p, doc, &view.permalink, lang),
            _ => jsonld::page(content, &self.site.resolved, &self.site.urls, i, lang),
        };
        let mut ctx = Context::new();
        ctx.insert("jsonld", &jsonld::to_script(&ld));
        ctx.insert("page", &view);
        if let Some(doc) = &body.policy {
            // 落实情况: each article that services implement, with how many.
            let progress: Vec<ProgressView<'_>> = doc
                .articles
                .iter()
                .filter_map(|a| {
                    let services = self
                        .site
                        .directory
                        .implemented_by
                        .get(&(i, a.eid.clone()))?;
                    Some(ProgressView {
                        eid: &a.eid,
                        title: a.title(),
                        url: format!("{}{}/", p.url, a.eid),
                        services: services.len(),
                    })
                })
                .collect();
            ctx.insert("implementation_progress", &progress);
            if let Some(h) = &self.site.resolved.histories[i] {
                ctx.insert(
                    "history",
                    &versions::history_view(&p.url, h, h.versions.len() - 1),
                );
            }
        }
        let amends = versions::amends_views(
            content,
            &self.site.resolved.histories,
            &self.site.resolved.amendments[i],
        );
        if !amends.is_empty() {
            ctx.insert("amends", &amends);
        }
        let template = match (&p.template, &content.sections[p.section].page_template) {
            (Some(t), _) => t.target.clone(),
            (None, _) if is_policy => "policy.html".into(),
            (None, Some(t)) => t.target.clone(),
            (None, None) => "page.html".into(),
        };
        self.emit(
            &template,
            &format!("{}index.html", p.path),
            Some(p.section),
            &mut ctx,
            sink,
            out,
        );

        if let (Some(doc), Some(meta)) = (&body.policy, &p.policy_meta) {
            let history = self.site.resolved.histories[i].as_ref();
            let version = history.map(|h| (&**h, h.versions.len() - 1));
            self.write_akn(i, meta, doc, version, sink, out);
        }
        if let Some(doc) = &body.policy {
            let view = PageView::of(
                content,
                &self.site.resolved,
                &self.site.urls,
                i,
                &body,
                false,
            );
            let history = self.site.resolved.histories[i].clone();
            let extra = |a: &Article, ctx: &mut Context| {
                if let Some(h) = &history {
                    let last = h.versions.len() - 1;
                    ctx.insert(
                        "article_history",
                        &versions::article_history(&p.url, h, last, &a.eid),
                    );
                }
            };
            self.article_pages(i, doc, &view, &p.path, &extra, sink, out, true);
            if let Some(h) = &history {
                self.render_history(i, h, &body, sink, out);
            }
        }
        out.anchors = body.anchors;
        out.anchor_links = body.anchor_links;
        out.local_links = body.local_links;
        out.links.extend(body.links);
    }

    /// The policy's Akoma Ntoso beside its page, with the document that
    /// amended or repealed it (when the site has it) in its lifecycle.
    pub(super) fn write_akn(
        &self,
        i: usize,
        meta: &PolicyMeta,
        doc: &PolicyDocument,
        version: Option<(&History, usize)>,
        sink: &dyn Sink,
        out: &mut Outcome,
    ) {
        let content = &self.site.content;
        let p = &content.pages[i];
        // The page that replaced it, as resolve found it; its change counts
        // from the day it applies (as in the feed of changes).
        let replaced_by = self.site.resolved.successor_pages[i].map(|t| &content.pages[t]);
        let change = self.site.resolved.successors[i]
            .as_ref()
            .map(|link| akn::Change {
                url: &link.url,
                title: &link.title,
                date: replaced_by
                    .and_then(|o| o.policy_meta.as_ref())
                    .map(|m| m.applies_from()),
                repeal: meta.repealed_by.is_some(),
            });
        // A text of a policy with earlier texts: dated by when it took
        // effect, with what the amendment that produced it changed.
        let produced = version.and_then(|(h, k)| {
            Some(akn::Produced {
                by: h.produced_by(k)?,
                date: h.versions[k].date,
                articles: &h.changes[k - 1],
            })
        });
        let id = akn::Identity {
            page: p,
            meta,
            work: version.map_or(meta.written, |(h, _)| h.versions[0].date.min(meta.written)),
            expression: version.map_or(meta.written, |(h, k)| h.versions[k].date),
            generated: self.site.time.today(),
            // Only the text in force was amended or repealed by what its
            // front matter names; an earlier text was followed by the next.
            change: change.filter(|_| version.is_none_or(|(h, k)| h.versions[k].in_force)),
            produced,
        };
        let xml = akn::policy(&id, doc);
        let path = match version {
            Some((h, k)) => format!("{}{}", p.path, h.version_path(k)),
            None => p.path.clone(),
        };
        match sink.write(&format!("{path}{}", akn::FILE), xml.as_bytes()) {
            Ok(()) => out.files += 1,
            Err(d) => out.diagnostics.push(d),
        }
    }

    /// The page of each article of `doc`, a text of policy `i` whose pages
    /// are under `base_path`; `extra` adds to each article's context.
    /// `in_force` records the articles for the sitemap and the anchor check.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn article_pages(
        &self,
        i: usize,
        doc: &PolicyDocument,
        view: &PageView<'_>,
        base_path: &str,
        extra: &dyn Fn(&Article, &mut Context),
        sink: &dyn Sink,
        out: &mut Outcome,
        in_force: bool,
    ) {
        let p = &self.site.content.pages[i];
        let lang = &self.site.config.language;
        // Serialised once and shared by every article page of the policy.
        let page_value = tera::Value::from_serializable(view);
        for (k, a) in doc.articles.iter().enumerate() {
            let mut html = String::new();
            policy::article(&mut html, a, None);
            let path = format!("{base_path}{}/", a.eid);
            let entry = |j: usize| views::article_entry(&doc.articles[j], &view.url);
            let mut ctx = Context::new();
            ctx.insert(
                "article",
                &ArticleView {
                    eid: a.eid.clone(),
                    label: a.label.clone(),
                    title: a.title(),
                    heading: a.short_heading().map(str::to_string),
                    html,
                    url: self.site.urls.url(&path),
                    permalink: self.site.urls.permalink(&path),
                    anchor_url: format!("{}#{}", view.url, a.eid),
                },
            );
            ctx.insert(
                "chapter",
                &a.chapter.map(|c| {
                    let c = &doc.chapters[c];
                    ChapterView {
                        eid: c.eid.clone(),
                        num: c.num.clone(),
                        heading: c.heading.text.clone(),
                        url: format!("{}#{}", view.url, c.eid),
                    }
                }),
            );
            ctx.insert("implementations", &self.implementations(i, &a.eid));
            ctx.insert("previous", &k.checked_sub(1).map(entry));
            ctx.insert("next", &(k + 1 < doc.articles.len()).then(|| entry(k + 1)));
            ctx.insert(
                "jsonld",
                &jsonld::to_script(&jsonld::article(p, a, &view.permalink, lang)),
            );
            ctx.insert_value("page", page_value.clone());
            extra(a, &mut ctx);
            self.emit(
                "article.html",
                &format!("{path}index.html"),
                Some(p.section),
                &mut ctx,
                sink,
                out,
            );
            if in_force {
                out.articles.push(a.eid.clone());
            }
        }
    }

    /// 落实情况 of an article: the services that implement it, with their
    /// organizations.
    fn implementations(&self, policy: usize, eid: &str) -> Vec<ImplementationView<'_>> {
        let d = &self.site.directory;
        d.implemented_by
            .get(&(policy, eid.to_string()))
            .map(|services| {
                services
                    .iter()
                    .map(|&s| {
                        let s = &d.services[s];
                        let o = &d.organizations[s.provider];
                        ImplementationView {
                            title: &s.title,
                            url: &s.record.url,
                            organization: &o.name,
                            organization_url: &o.record.url,
                            region: &d.regions[o.region].name,
                        }
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn recent(&self, n: usize) -> Vec<PageSummary> {
        let mut dated: Vec<usize> = (0..self.site.content.pages.len())
            .filter(|&i| self.site.content.pages[i].date.is_some())
            .collect();
        dated.sort_by(|&a, &b| {
            let (pa, pb) = (&self.site.content.pages[a], &self.site.content.pages[b]);
            pb.date.cmp(&pa.date).then(pa.rel.cmp(&pb.rel))
        });
        dated.truncate(n);
        dated
            .into_iter()
            .map(|i| PageSummary::of(&self.site.content, i))
            .collect()
    }

    fn policies(&self) -> Vec<PageSummary> {
        let mut list: Vec<usize> = (0..self.site.content.pages.len())
            .filter(|&i| self.site.content.pages[i].page_type == PageType::Policy)
            .collect();
        list.sort_by(|&a, &b| {
            self.site.content.pages[b]
                .date
                .cmp(&self.site.content.pages[a].date)
                .then(a.cmp(&b))
        });
        list.truncate(10);
        list.into_iter()
            .map(|i| PageSummary::of(&self.site.content, i))
            .collect()
    }
}
