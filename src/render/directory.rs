//! The directory's pages: a page per record (region, organization type,
//! organization, service, activity), the browse pages (by need, by
//! audience, 找组织 in two steps, the calendar by month, the open-data page),
//! their schema.org JSON-LD, QR codes and iCalendar feeds. Contexts are
//! small JSON values built per page from the directory; see the README for
//! what each template sees.

use std::collections::HashSet;

use serde_json::{Value, json};
use tera::Context;

use crate::directory::{
    Activity, ActivityStatus, Directory, Level, Organization, Record, Service, export, hours, ics,
};
use crate::markdown::{self, Input};
use crate::render::jsonld;
use crate::render::views::{self, Crumb};
use crate::{Emit, Outcome, Sink, Site};

/// One directory page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirPage {
    Region(usize),
    OrgType(usize),
    Organization(usize),
    Service(usize),
    Activity(usize),
    /// 找组织 step 1: the needs.
    FindStart,
    /// Step 2: where you live, for a need.
    FindNeed(usize),
    /// The answer for a need and a region.
    FindAnswer(usize, usize),
    Need(usize),
    Audience(usize),
    Calendar,
    Month(usize),
    Data,
}

impl DirPage {
    /// Every page of the directory.
    pub fn all(dir: &Directory) -> Vec<DirPage> {
        if dir.is_empty() {
            return vec![];
        }
        let mut pages = vec![];
        pages.extend((0..dir.regions.len()).map(DirPage::Region));
        pages.extend((0..dir.types.len()).map(DirPage::OrgType));
        pages.extend((0..dir.organizations.len()).map(DirPage::Organization));
        pages.extend((0..dir.services.len()).map(DirPage::Service));
        pages.extend((0..dir.activities.len()).map(DirPage::Activity));
        pages.push(DirPage::FindStart);
        let regions = dir.find_regions();
        for n in 0..dir.needs.len() {
            pages.push(DirPage::FindNeed(n));
            pages.extend(regions.iter().map(|&r| DirPage::FindAnswer(n, r)));
            pages.push(DirPage::Need(n));
        }
        pages.extend((0..dir.audiences.len()).map(DirPage::Audience));
        pages.push(DirPage::Calendar);
        pages.extend((0..dir.months.len()).map(DirPage::Month));
        pages.push(DirPage::Data);
        pages
    }

    /// Its URL path.
    pub fn path(self, dir: &Directory) -> String {
        match self {
            DirPage::Region(i) => dir.regions[i].record.path.clone(),
            DirPage::OrgType(i) => dir.types[i].record.path.clone(),
            DirPage::Organization(i) => dir.organizations[i].record.path.clone(),
            DirPage::Service(i) => dir.services[i].record.path.clone(),
            DirPage::Activity(i) => dir.activities[i].record.path.clone(),
            DirPage::FindStart => "find/".into(),
            DirPage::FindNeed(n) => format!("find/{}/", dir.needs[n].name),
            DirPage::FindAnswer(n, r) => {
                format!("find/{}/{}/", dir.needs[n].name, dir.regions[r].record.id)
            }
            DirPage::Need(n) => dir.needs[n].path.clone(),
            DirPage::Audience(a) => dir.audiences[a].path.clone(),
            DirPage::Calendar => "calendar/".into(),
            DirPage::Month(m) => format!("calendar/{}/", dir.months[m].0),
            DirPage::Data => "data/".into(),
        }
    }
}

fn crumb(title: &str, url: &str) -> Crumb {
    Crumb {
        title: title.to_string(),
        url: url.to_string(),
    }
}

impl Site {
    fn dir_url(&self, path: &str) -> String {
        self.urls.url(path)
    }

    fn home_crumb(&self) -> Crumb {
        crumb("首页", &self.dir_url(""))
    }

    /// The breadcrumbs of a record: its section's, then (for a region) its
    /// ancestors.
    fn record_crumbs(&self, r: &Record) -> Vec<Crumb> {
        views::breadcrumbs(&self.content, r.section)
    }

    fn org_summary(&self, i: usize) -> Value {
        let d = &self.directory;
        let o = &d.organizations[i];
        json!({
            "id": o.record.id,
            "name": o.name,
            "url": o.record.url,
            "type": d.types[o.org_type].name,
            "region": d.regions[o.region].name,
            "address": o.address,
            "phones": o.phones,
        })
    }

    fn service_summary(&self, i: usize) -> Value {
        let d = &self.directory;
        let s = &d.services[i];
        let p = &d.organizations[s.provider];
        json!({
            "id": s.record.id,
            "title": s.title,
            "url": s.record.url,
            "provider": p.name,
            "provider_url": p.record.url,
            "region": d.regions[p.region].name,
            "needs": s.needs,
            "audiences": s.audiences,
            "cost": s.cost,
        })
    }

    fn activity_summary(&self, i: usize) -> Value {
        let d = &self.directory;
        let a = &d.activities[i];
        json!({
            "id": a.record.id,
            "title": a.title,
            "url": a.record.url,
            "when": when_zh(a),
            "start": iso(a, a.start),
            "place": a.place,
            "region": d.regions[a.region].name,
            "status": a.status,
            "status_zh": status_zh(a.status),
            "upcoming": a.upcoming(d.now()),
            "organizers": a.organizers.iter().map(|&o| d.organizations[o].name.clone()).collect::<Vec<_>>(),
        })
    }

    fn term_summary(&self, t: &crate::directory::Term) -> Value {
        json!({ "name": t.name, "url": t.url, "services": t.services.len(), "organizations": t.organizations.len() })
    }

    /// A record's markdown description, rendered.
    fn record_body(&self, r: &Record, out: &mut Outcome) -> String {
        let Some(body) = &r.body else {
            return String::new();
        };
        let input = Input {
            file: r.file(),
            source: &r.source.text,
            text: &body.text,
            offset: body.offset,
            relative_base: None,
        };
        let rendered = markdown::render(
            &input,
            &self.resolved.links,
            self.resolved.markdown,
            &mut HashSet::new(),
            &mut out.diagnostics,
        );
        out.anchor_links.extend(rendered.anchor_links);
        rendered.html
    }

    /// Render one directory page (and, for an organization, its QR code and
    /// calendar).
    pub(crate) fn render_directory(&self, page: DirPage, sink: &dyn Sink, out: &mut Outcome) {
        let d = &self.directory;
        let path = page.path(d);
        let mut ctx = Context::new();
        let permalink = self.urls.permalink(&path);
        ctx.insert("permalink", &permalink);
        let (template, section) = match page {
            DirPage::Region(i) => {
                let g = &d.regions[i];
                let mut crumbs = self.record_crumbs(&g.record);
                let mut chain = d.region_chain(i);
                chain.reverse();
                chain.pop();
                crumbs.extend(
                    chain
                        .iter()
                        .map(|&r| crumb(&d.regions[r].name, &d.regions[r].record.url)),
                );
                // Organizations by type, in the order of the types.
                let mut by_type: Vec<Value> = vec![];
                for (t, ty) in d.types.iter().enumerate() {
                    let orgs: Vec<Value> = g
                        .organizations
                        .iter()
                        .filter(|&&o| d.organizations[o].org_type == t)
                        .map(|&o| self.org_summary(o))
                        .collect();
                    if !orgs.is_empty() {
                        by_type.push(
                            json!({"type": ty.name, "url": ty.record.url, "organizations": orgs}),
                        );
                    }
                }
                let now = d.now();
                ctx.insert(
                    "region",
                    &json!({
                        "id": g.record.id,
                        "name": g.name,
                        "level": g.level,
                        "level_zh": g.level.zh(),
                        "code": g.code,
                        "url": g.record.url,
                        "content": self.record_body(&g.record, out),
                        "path_names": d.region_names(i),
                        "children": g.children.iter().map(|&c| json!({
                            "name": d.regions[c].name,
                            "url": d.regions[c].record.url,
                            "organizations": d.regions[c].organizations.len(),
                            "level_zh": d.regions[c].level.zh(),
                        })).collect::<Vec<_>>(),
                        "organizations_by_type": by_type,
                        "activities": g.activities.iter().filter(|&&a| d.activities[a].upcoming(now)).map(|&a| self.activity_summary(a)).collect::<Vec<_>>(),
                    }),
                );
                ctx.insert("breadcrumbs", &crumbs);
                // Absent code or parent: no property (not `null`).
                let mut ld = json!({
                    "@context": "https://schema.org",
                    "@type": "AdministrativeArea",
                    "@id": format!("{permalink}#area"),
                    "name": g.name,
                    "url": permalink,
                });
                if let Some(code) = &g.code {
                    ld["identifier"] = json!(code);
                }
                if let Some(p) = g.parent {
                    ld["containedInPlace"] = json!({"@type": "AdministrativeArea", "name": d.regions[p].name, "url": self.urls.permalink(&d.regions[p].record.path)});
                }
                ctx.insert("jsonld", &jsonld::to_script(&ld));
                ("directory/region.html", Some(g.record.section))
            }
            DirPage::OrgType(i) => {
                let t = &d.types[i];
                // By region from the top: the city, then each county with
                // its townships and villages below.
                let mut groups: Vec<Value> = vec![];
                for (r, region) in d.regions.iter().enumerate() {
                    if region.level > Level::County {
                        continue;
                    }
                    let mut orgs: Vec<usize> = vec![];
                    let mut stack = vec![r];
                    while let Some(x) = stack.pop() {
                        orgs.extend(
                            d.regions[x]
                                .organizations
                                .iter()
                                .filter(|&&o| d.organizations[o].org_type == i),
                        );
                        if region.level == Level::County {
                            stack.extend(d.regions[x].children.iter().rev());
                        }
                    }
                    if !orgs.is_empty() {
                        groups.push(json!({
                            "region": region.name,
                            "url": region.record.url,
                            "organizations": orgs.iter().map(|&o| self.org_summary(o)).collect::<Vec<_>>(),
                        }));
                    }
                }
                ctx.insert(
                    "org_type",
                    &json!({
                        "id": t.record.id,
                        "name": t.name,
                        "full_name": t.full_name,
                        "aliases": t.aliases,
                        "hotline": t.hotline,
                        "content": self.record_body(&t.record, out),
                        "count": t.organizations.len(),
                        "groups": groups,
                    }),
                );
                ctx.insert("breadcrumbs", &self.record_crumbs(&t.record));
                ctx.insert(
                    "jsonld",
                    &jsonld::to_script(&json!({
                        "@context": "https://schema.org",
                        "@type": "CollectionPage",
                        "name": t.full_name,
                        "url": permalink,
                        "alternateName": t.aliases,
                    })),
                );
                ("directory/org-type.html", Some(t.record.section))
            }
            DirPage::Organization(i) => {
                let o = &d.organizations[i];
                let now = d.now();
                let upcoming: Vec<usize> = o
                    .activities
                    .iter()
                    .copied()
                    .filter(|&a| d.activities[a].upcoming(now))
                    .collect();
                let t = &d.types[o.org_type];
                ctx.insert(
                    "organization",
                    &json!({
                        "id": o.record.id,
                        "name": o.name,
                        "url": o.record.url,
                        "type": {"name": t.name, "full_name": t.full_name, "url": t.record.url, "hotline": t.hotline},
                        "region": {"name": d.regions[o.region].name, "url": d.regions[o.region].record.url, "path_names": d.region_names(o.region)},
                        "parent": o.parent.map(|p| self.org_summary(p)),
                        "children": o.children.iter().map(|&c| self.org_summary(c)).collect::<Vec<_>>(),
                        "address": o.address,
                        "phones": o.phones.iter().map(|p| json!({"number": p, "tel": tel(p)})).collect::<Vec<_>>(),
                        "email": o.email,
                        "website": o.website,
                        "wechat": o.wechat,
                        "hours": o.hours.iter().map(|h| h.to_zh()).collect::<Vec<_>>(),
                        "hours_note": o.hours_note,
                        "directions": o.directions,
                        "serves": o.serves,
                        "channels": o.channels,
                        "verified": o.verified.map(views::DateView::of),
                        "content": self.record_body(&o.record, out),
                        "services": o.services.iter().map(|&s| self.service_summary(s)).collect::<Vec<_>>(),
                        "activities": upcoming.iter().map(|&a| self.activity_summary(a)).collect::<Vec<_>>(),
                        "qr": format!("{}qr.svg", o.record.url),
                        "calendar": (!o.activities.is_empty()).then(|| format!("{}calendar.ics", o.record.url)),
                    }),
                );
                ctx.insert("breadcrumbs", &self.record_crumbs(&o.record));
                ctx.insert("jsonld", &jsonld::to_script(&self.organization_ld(i)));
                self.write_file(
                    &format!("{}qr.svg", o.record.path),
                    qr_svg(&permalink).as_bytes(),
                    sink,
                    out,
                );
                if !o.activities.is_empty() {
                    let ics = ics::calendar(&o.name, d, &o.activities, &self.urls, self.host());
                    self.write_file(
                        &format!("{}calendar.ics", o.record.path),
                        ics.as_bytes(),
                        sink,
                        out,
                    );
                }
                ("directory/organization.html", Some(o.record.section))
            }
            DirPage::Service(i) => {
                let s = &d.services[i];
                let p = &d.organizations[s.provider];
                let t = &d.types[p.org_type];
                ctx.insert(
                    "service",
                    &json!({
                        "id": s.record.id,
                        "title": s.title,
                        "url": s.record.url,
                        "provider": self.org_summary(s.provider),
                        "hotline": t.hotline,
                        "audiences": s.audiences.iter().map(|a| self.term_link(&d.audiences, a)).collect::<Vec<_>>(),
                        "needs": s.needs.iter().map(|n| self.term_link(&d.needs, n)).collect::<Vec<_>>(),
                        "eligibility": s.eligibility,
                        "documents": s.documents,
                        "steps": s.steps,
                        "channels": s.channels.iter().map(|c| json!({"mode": c.mode, "mode_zh": c.mode.zh(), "detail": c.detail, "url": c.url})).collect::<Vec<_>>(),
                        "cost": s.cost,
                        "time_limit": s.time_limit,
                        "implements": s.implements.iter().map(|a| {
                            let policy = &self.content.pages[a.policy];
                            json!({
                                "eid": a.eid,
                                "label": a.label,
                                "heading": a.heading,
                                "url": format!("{}{}/", policy.url, a.eid),
                                "policy": policy.title,
                                "policy_url": policy.url,
                            })
                        }).collect::<Vec<_>>(),
                        "content": self.record_body(&s.record, out),
                    }),
                );
                ctx.insert("breadcrumbs", &self.record_crumbs(&s.record));
                ctx.insert("jsonld", &jsonld::to_script(&self.service_ld(i)));
                ("directory/service.html", Some(s.record.section))
            }
            DirPage::Activity(i) => {
                let a = &d.activities[i];
                let mut summary = self.activity_summary(i);
                summary["end"] = json!(iso(a, a.end));
                summary["organizers"] = json!(
                    a.organizers
                        .iter()
                        .map(|&o| self.org_summary(o))
                        .collect::<Vec<_>>()
                );
                summary["region_url"] = json!(d.regions[a.region].record.url);
                summary["audiences"] = json!(a.audiences);
                summary["signup"] = json!(a.signup);
                summary["capacity"] = json!(a.capacity);
                summary["content"] = json!(self.record_body(&a.record, out));
                summary["month_url"] = json!(self.dir_url(&format!(
                    "calendar/{:04}-{:02}/",
                    a.start.year(),
                    a.start.month()
                )));
                ctx.insert("activity", &summary);
                ctx.insert("breadcrumbs", &self.record_crumbs(&a.record));
                ctx.insert("jsonld", &jsonld::to_script(&self.activity_ld(i)));
                ("directory/activity.html", Some(a.record.section))
            }
            DirPage::FindStart | DirPage::FindNeed(_) | DirPage::FindAnswer(..) => {
                self.find_context(page, &mut ctx);
                ("directory/find.html", None)
            }
            DirPage::Need(n) | DirPage::Audience(n) => {
                let (kind, kind_zh, terms) = match page {
                    DirPage::Need(_) => ("need", "按需求", &d.needs),
                    _ => ("audience", "按人群", &d.audiences),
                };
                let t = &terms[n];
                ctx.insert(
                    "term",
                    &json!({
                        "kind": kind,
                        "kind_zh": kind_zh,
                        "name": t.name,
                        "services": t.services.iter().map(|&s| self.service_summary(s)).collect::<Vec<_>>(),
                        "organizations": t.organizations.iter().map(|&o| self.org_summary(o)).collect::<Vec<_>>(),
                        "find_url": (kind == "need").then(|| self.dir_url(&format!("find/{}/", t.name))),
                        "others": terms.iter().map(|x| self.term_summary(x)).collect::<Vec<_>>(),
                    }),
                );
                ctx.insert(
                    "breadcrumbs",
                    &vec![self.home_crumb(), crumb("找组织", &self.dir_url("find/"))],
                );
                ("directory/term.html", None)
            }
            DirPage::Calendar | DirPage::Month(_) => {
                let now = d.now();
                let months: Vec<Value> = d
                    .months
                    .iter()
                    .map(|(m, list)| json!({"month": m, "zh": month_zh(m), "url": self.dir_url(&format!("calendar/{m}/")), "count": list.len()}))
                    .collect();
                let (title, list): (String, Vec<usize>) = match page {
                    DirPage::Month(m) => (
                        format!("{}活动", month_zh(&d.months[m].0)),
                        d.months[m].1.clone(),
                    ),
                    _ => {
                        let mut upcoming: Vec<usize> = d
                            .months
                            .iter()
                            .flat_map(|(_, l)| l.iter().copied())
                            .filter(|&a| d.activities[a].upcoming(now))
                            .collect();
                        upcoming.truncate(50);
                        ("活动日历".into(), upcoming)
                    }
                };
                ctx.insert(
                    "calendar",
                    &json!({
                        "title": title,
                        "is_month": matches!(page, DirPage::Month(_)),
                        "months": months,
                        "current": match page { DirPage::Month(m) => Some(d.months[m].0.clone()), _ => None },
                        "activities": list.iter().map(|&a| self.activity_summary(a)).collect::<Vec<_>>(),
                        "ics": self.dir_url("calendar.ics"),
                        "regions": d.regions.iter().filter(|r| r.level <= Level::County).map(|r| json!({"name": r.name, "url": r.record.url})).collect::<Vec<_>>(),
                    }),
                );
                let mut crumbs = vec![self.home_crumb()];
                if matches!(page, DirPage::Month(_)) {
                    crumbs.push(crumb("活动日历", &self.dir_url("calendar/")));
                }
                ctx.insert("breadcrumbs", &crumbs);
                ("directory/calendar.html", None)
            }
            DirPage::Data => {
                ctx.insert("files", &export::described(&self.urls));
                ctx.insert(
                    "counts",
                    &json!({
                        "organizations": d.organizations.len(),
                        "services": d.services.len(),
                        "activities": d.activities.len(),
                    }),
                );
                ctx.insert("breadcrumbs", &vec![self.home_crumb()]);
                ("directory/data.html", None)
            }
        };
        self.emit(
            template,
            &format!("{path}index.html"),
            section,
            &mut ctx,
            sink,
            out,
        );
    }

    fn term_link(&self, terms: &[crate::directory::Term], name: &str) -> Value {
        let url = terms.iter().find(|t| t.name == name).map(|t| t.url.clone());
        json!({"name": name, "url": url})
    }

    fn find_context(&self, page: DirPage, ctx: &mut Context) {
        let d = &self.directory;
        let find_url = self.dir_url("find/");
        let needs: Vec<Value> = d
            .needs
            .iter()
            .map(|t| json!({"name": t.name, "url": self.dir_url(&format!("find/{}/", t.name)), "services": t.services.len()}))
            .collect();
        let mut crumbs = vec![self.home_crumb()];
        let (step, need, region) = match page {
            DirPage::FindStart => (1, None, None),
            DirPage::FindNeed(n) => (2, Some(n), None),
            DirPage::FindAnswer(n, r) => (3, Some(n), Some(r)),
            _ => unreachable!("find pages only"),
        };
        if step > 1 {
            crumbs.push(crumb("找组织", &find_url));
        }
        if let (Some(n), Some(_)) = (need, region) {
            crumbs.push(crumb(
                &d.needs[n].name,
                &self.dir_url(&format!("find/{}/", d.needs[n].name)),
            ));
        }
        // Step 2: regions as a tree (市 › 区县 › 乡镇街道).
        // Only step 2 shows the tree (building it for every answer page made
        // the 找组织 pages quadratic in the number of regions).
        let regions = need.filter(|_| step == 2).map(|n| {
            let top: Vec<usize> = (0..d.regions.len()).filter(|&r| d.regions[r].parent.is_none()).collect();
            fn tree(site: &Site, n: usize, r: usize) -> Value {
                let d = &site.directory;
                let g = &d.regions[r];
                json!({
                    "name": g.name,
                    "url": site.dir_url(&DirPage::FindAnswer(n, r).path(d)),
                    "count": d.services_for(n, r).len(),
                    "children": g.children.iter().filter(|&&c| d.regions[c].level <= Level::Township).map(|&c| tree(site, n, c)).collect::<Vec<_>>(),
                })
            }
            top.into_iter().map(|r| tree(self, n, r)).collect::<Vec<_>>()
        });
        let answer = need.zip(region).map(|(n, r)| {
            let services = d.services_for(n, r);
            let mut hotlines: Vec<Value> = vec![];
            for &s in &services {
                let t = &d.types[d.organizations[d.services[s].provider].org_type];
                if let Some(h) = &t.hotline {
                    let v = json!({"number": h.number, "name": h.name, "type": t.name, "tel": tel(&h.number)});
                    if !hotlines.contains(&v) {
                        hotlines.push(v);
                    }
                }
            }
            let mut orgs: Vec<usize> = services.iter().map(|&s| d.services[s].provider).collect();
            let mut seen = HashSet::new();
            orgs.retain(|o| seen.insert(*o));
            json!({
                "region": d.regions[r].name,
                "region_url": d.regions[r].record.url,
                "path_names": d.region_names(r),
                "services": services.iter().map(|&s| self.service_summary(s)).collect::<Vec<_>>(),
                "organizations": orgs.iter().map(|&o| self.org_summary(o)).collect::<Vec<_>>(),
                "hotlines": hotlines,
            })
        });
        ctx.insert(
            "find",
            &json!({
                "step": step,
                "url": find_url,
                "needs": needs,
                "need": need.map(|n| json!({"name": d.needs[n].name, "url": self.dir_url(&format!("find/{}/", d.needs[n].name)), "browse_url": d.needs[n].url})),
                "regions": regions,
                "answer": answer,
            }),
        );
        ctx.insert("breadcrumbs", &crumbs);
    }

    fn host(&self) -> &str {
        let after = self.config.base_url.find("://").map_or(0, |i| i + 3);
        let rest = &self.config.base_url[after..];
        rest.split(['/', ':']).next().unwrap_or(rest)
    }

    fn write_file(&self, path: &str, bytes: &[u8], sink: &dyn Sink, out: &mut Outcome) {
        match sink.write(path, bytes) {
            Ok(()) => out.files += 1,
            Err(d) => out.diagnostics.push(d),
        }
    }

    /// The records sections' lists: (title, url, description) of each record.
    pub(crate) fn record_summaries(
        &self,
        section: usize,
        skip: usize,
        take: usize,
    ) -> Option<Vec<views::PageSummary>> {
        use crate::content::front_matter::{PageType, RecordKind};
        let d = &self.directory;
        let (kind, list) = d.sections.get(&section)?;
        Some(
            list.iter()
                .skip(skip)
                .take(take)
                .map(|&i| {
                    let (title, url, description) = match kind {
                        RecordKind::Region => {
                            let r = &d.regions[i];
                            (
                                r.name.clone(),
                                r.record.url.clone(),
                                format!("{} · {}", r.level.zh(), d.region_names(i).join(" › ")),
                            )
                        }
                        RecordKind::OrgType => {
                            let t = &d.types[i];
                            (
                                t.name.clone(),
                                t.record.url.clone(),
                                format!("{}，共 {} 个组织", t.full_name, t.organizations.len()),
                            )
                        }
                        RecordKind::Organization => {
                            let o = &d.organizations[i];
                            (
                                o.name.clone(),
                                o.record.url.clone(),
                                format!(
                                    "{} · {}",
                                    d.types[o.org_type].name, d.regions[o.region].name
                                ),
                            )
                        }
                        RecordKind::Service => {
                            let s = &d.services[i];
                            (
                                s.title.clone(),
                                s.record.url.clone(),
                                format!(
                                    "{} · {}",
                                    d.organizations[s.provider].name,
                                    s.needs.join("、")
                                ),
                            )
                        }
                        RecordKind::Activity => {
                            let a = &d.activities[i];
                            (
                                a.title.clone(),
                                a.record.url.clone(),
                                format!(
                                    "{} · {}{}",
                                    when_zh(a),
                                    a.place,
                                    status_zh(a.status)
                                        .map(|s| format!(" · {s}"))
                                        .unwrap_or_default()
                                ),
                            )
                        }
                    };
                    views::PageSummary {
                        title,
                        url,
                        date: None,
                        description,
                        kind: PageType::Page,
                    }
                })
                .collect(),
        )
    }

    /// Files made from the whole directory, the site calendar and open
    /// data, handed to `emit` one at a time.
    pub(crate) fn directory_files(&self, emit: &mut Emit<'_>) {
        let d = &self.directory;
        if d.is_empty() {
            return;
        }
        let all: Vec<usize> = d
            .months
            .iter()
            .flat_map(|(_, l)| l.iter().copied())
            .collect();
        emit.bytes(
            "calendar.ics",
            ics::calendar(
                &format!("{} 活动", self.config.title),
                d,
                &all,
                &self.urls,
                self.host(),
            )
            .as_bytes(),
        );
        export::files(d, &self.content, &self.urls, &self.config, emit);
    }

    fn org_ref(&self, i: usize) -> Value {
        let o = &self.directory.organizations[i];
        let permalink = self.urls.permalink(&o.record.path);
        json!({"@type": "GovernmentOrganization", "@id": format!("{permalink}#org"), "name": o.name, "url": permalink})
    }

    fn organization_ld(&self, i: usize) -> Value {
        let d = &self.directory;
        let o: &Organization = &d.organizations[i];
        let permalink = self.urls.permalink(&o.record.path);
        let t = &d.types[o.org_type];
        let mut contact: Vec<Value> = o
            .phones
            .iter()
            .map(|p| json!({"@type": "ContactPoint", "telephone": p, "contactType": "咨询", "areaServed": d.regions[o.region].name, "availableLanguage": "zh-CN"}))
            .collect();
        if let Some(h) = &t.hotline {
            if !o.phones.contains(&h.number) {
                contact.push(json!({"@type": "ContactPoint", "telephone": h.number, "contactType": h.name, "areaServed": "CN"}));
            }
        }
        let hours: Vec<Value> = o
            .hours
            .iter()
            .flat_map(|h| {
                h.times.iter().map(|t| {
                    json!({
                        "@type": "OpeningHoursSpecification",
                        "dayOfWeek": h.days.iter().map(|&d| format!("https://schema.org/{}", hours::DAYS_EN[d as usize])).collect::<Vec<_>>(),
                        "opens": t.opens,
                        "closes": t.closes,
                    })
                })
            })
            .collect();
        let mut ld = json!({
            "@context": "https://schema.org",
            "@type": "GovernmentOrganization",
            "@id": format!("{permalink}#org"),
            "name": o.name,
            "url": permalink,
            "areaServed": {"@type": "AdministrativeArea", "name": d.regions[o.region].name},
            "knowsAbout": t.full_name,
            "logo": self.urls.permalink(&format!("{}qr.svg", o.record.path)),
        });
        if let Some(a) = &o.address {
            ld["address"] = json!({"@type": "PostalAddress", "streetAddress": a, "addressLocality": d.region_names(o.region).join(""), "addressCountry": "CN"});
        }
        if let Some(p) = o.phones.first() {
            ld["telephone"] = json!(p);
        }
        if let Some(e) = &o.email {
            ld["email"] = json!(e);
        }
        if let Some(w) = &o.website {
            ld["sameAs"] = json!(w);
        }
        if !contact.is_empty() {
            ld["contactPoint"] = json!(contact);
        }
        if !hours.is_empty() {
            ld["openingHoursSpecification"] = json!(hours);
        }
        if let Some(p) = o.parent {
            ld["parentOrganization"] = self.org_ref(p);
        }
        if !o.children.is_empty() {
            ld["subOrganization"] = json!(
                o.children
                    .iter()
                    .map(|&c| self.org_ref(c))
                    .collect::<Vec<_>>()
            );
        }
        ld
    }

    fn service_ld(&self, i: usize) -> Value {
        let d = &self.directory;
        let s: &Service = &d.services[i];
        let permalink = self.urls.permalink(&s.record.path);
        let p = &d.organizations[s.provider];
        let channels: Vec<Value> = s
            .channels
            .iter()
            .map(|c| {
                let mut v = json!({"@type": "ServiceChannel", "name": format!("{}：{}", c.mode.zh(), c.detail)});
                match (c.mode, &c.url) {
                    (crate::directory::Mode::Online, Some(u)) => v["serviceUrl"] = json!(u),
                    (crate::directory::Mode::Phone, Some(u)) => {
                        v["servicePhone"] = json!({"@type": "ContactPoint", "telephone": u.trim_start_matches("tel:")})
                    }
                    (crate::directory::Mode::InPerson, _) => {
                        v["serviceLocation"] = json!({"@type": "Place", "name": p.name});
                        if let Some(a) = &p.address {
                            v["serviceLocation"]["address"] = json!(a);
                        }
                    }
                    _ => {}
                }
                v
            })
            .collect();
        json!({
            "@context": "https://schema.org",
            "@type": "GovernmentService",
            "@id": format!("{permalink}#service"),
            "name": s.title,
            "url": permalink,
            "serviceType": s.needs.join("、"),
            "provider": self.org_ref(s.provider),
            "areaServed": {"@type": "AdministrativeArea", "name": d.regions[p.region].name},
            "audience": s.audiences.iter().map(|a| json!({"@type": "Audience", "audienceType": a})).collect::<Vec<_>>(),
            "availableChannel": channels,
        })
    }

    fn activity_ld(&self, i: usize) -> Value {
        let d = &self.directory;
        let a: &Activity = &d.activities[i];
        let permalink = self.urls.permalink(&a.record.path);
        let mut ld = json!({
            "@context": "https://schema.org",
            "@type": "Event",
            "@id": format!("{permalink}#event"),
            "name": a.title,
            "url": permalink,
            "startDate": iso(a, a.start),
            "endDate": iso(a, a.end),
            "eventStatus": match a.status {
                ActivityStatus::Cancelled => "https://schema.org/EventCancelled",
                _ => "https://schema.org/EventScheduled",
            },
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": {"@type": "Place", "name": a.place, "address": {"@type": "PostalAddress", "addressLocality": d.region_names(a.region).join(""), "addressCountry": "CN"}},
            "organizer": a.organizers.iter().map(|&o| self.org_ref(o)).collect::<Vec<_>>(),
            "description": format!("{} · {}", when_zh(a), a.place),
        });
        if let Some(c) = a.capacity {
            ld["maximumAttendeeCapacity"] = json!(c);
        }
        if a.status == ActivityStatus::Full {
            ld["offers"] = json!({"@type": "Offer", "availability": "https://schema.org/SoldOut", "price": 0, "priceCurrency": "CNY", "url": permalink});
        }
        ld
    }
}

/// `tel:` link of a phone number (digits and `+` only; an extension after `转`
/// as `,`).
pub fn tel(number: &str) -> String {
    let (main, ext) = number.split_once('转').unwrap_or((number, ""));
    let mut out: String = main
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    if !ext.is_empty() {
        out.push(',');
        out.extend(ext.chars().filter(char::is_ascii_digit));
    }
    format!("tel:{out}")
}

/// ISO 8601 with +08:00, or a date for a whole-day activity.
fn iso(a: &Activity, t: jiff::civil::DateTime) -> String {
    if a.all_day {
        t.date().to_string()
    } else {
        format!("{}+08:00", t.strftime("%Y-%m-%dT%H:%M"))
    }
}

/// `2026年12月4日 09:00–11:30`, `2026年12月4日至5日`.
pub fn when_zh(a: &Activity) -> String {
    let (s, e) = (a.start, a.end);
    let day = |d: jiff::civil::Date| views::date_zh(d);
    if a.all_day {
        if s.date() == e.date() {
            format!("{}（全天）", day(s.date()))
        } else {
            format!("{}至{}", day(s.date()), day(e.date()))
        }
    } else if s.date() == e.date() {
        format!(
            "{} {}–{}",
            day(s.date()),
            s.strftime("%H:%M"),
            e.strftime("%H:%M")
        )
    } else {
        format!(
            "{} {}至{} {}",
            day(s.date()),
            s.strftime("%H:%M"),
            day(e.date()),
            e.strftime("%H:%M")
        )
    }
}

fn status_zh(s: ActivityStatus) -> Option<&'static str> {
    match s {
        ActivityStatus::Scheduled => None,
        ActivityStatus::Cancelled => Some("已取消"),
        ActivityStatus::Full => Some("名额已满"),
    }
}

fn month_zh(m: &str) -> String {
    match m.split_once('-') {
        Some((y, mo)) => format!("{y}年{}月", mo.trim_start_matches('0')),
        None => m.to_string(),
    }
}

/// A QR code of `url` as SVG, for printing on notice boards.
pub fn qr_svg(url: &str) -> String {
    match qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M) {
        Ok(code) => code
            .render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build(),
        // Only a URL longer than a QR code holds (about 2,300 bytes).
        Err(_) => String::from(r#"<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>"#),
    }
}
