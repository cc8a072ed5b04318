//! The records sections' lists: each record of a records section as a
//! page summary (title, link, one line of description), for
//! `section.html`.

use crate::model::content::{PageType, RecordKind};
use crate::render::pages::Pages;
use crate::render::views::PageSummary;

use crate::render::formats::{status_zh, when_zh};

impl Pages<'_> {
    /// The records of records section `section`, `take` of them from
    /// `skip`, or `None` when it is not a records section.
    pub(crate) fn record_summaries(
        &self,
        section: usize,
        skip: usize,
        take: usize,
    ) -> Option<Vec<PageSummary>> {
        let d = &self.site.directory;
        let (kind, list) = d.sections.get(&section)?;
        if *kind == RecordKind::Funds {
            // Funds rows have no pages: the section shows the funds index.
            return None;
        }
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
                        RecordKind::Funds => Default::default(),
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
                        RecordKind::Brand => {
                            let b = &d.brands.list[i];
                            let holder = b.holder.name.as_deref().or(b
                                .holder
                                .organization
                                .map(|o| d.organizations[o].name.as_str()));
                            (
                                b.name.clone(),
                                b.record.url.clone(),
                                format!(
                                    "{} · {} · {}年 · {}",
                                    b.kind.zh(),
                                    b.level.zh(),
                                    b.year,
                                    holder.unwrap_or_default()
                                ),
                            )
                        }
                    };
                    PageSummary {
                        title,
                        url,
                        date: None,
                        description,
                        kind: PageType::Page,
                        validity: None,
                    }
                })
                .collect(),
        )
    }
}
