//! From raw records to the typed, linked directory: each kind's fields read
//! and checked (one reading for markdown records and table rows alike),
//! references between records resolved by id, and the relations both ways
//! (an organization's services, a region's children, an article's
//! services) computed.

use std::collections::{BTreeMap, HashMap};

use super::*;
use crate::base::diagnostics::Diagnostic;
use crate::load::body::PageText;
use crate::load::directory::{Located, Raw, Reader};
use crate::load::front_matter::{self, parse_datetime};
use crate::model::content::{PageType, RecordKind};
use crate::model::directory::*;

/// What a record names, kept until every record is read.
#[derive(Default)]
struct Refs {
    parent: Option<Located<String>>,
    region: Option<Located<String>>,
    org_type: Option<Located<String>>,
    provider: Option<Located<String>>,
    organizers: Vec<Located<String>>,
    implements: Vec<Located<String>>,
}

struct Pending<T> {
    item: T,
    refs: Refs,
}

const REGION_FIELDS: &[&str] = &["id", "name", "level", "parent", "code"];
const TYPE_FIELDS: &[&str] = &[
    "id",
    "name",
    "full_name",
    "aliases",
    "hotline",
    "hotline_name",
    "body",
];
const ORG_FIELDS: &[&str] = &[
    "id",
    "name",
    "type",
    "region",
    "parent",
    "address",
    "phones",
    "email",
    "website",
    "wechat",
    "hours",
    "hours_note",
    "directions",
    "serves",
    "channels",
    "verified",
    "body",
];
const SERVICE_FIELDS: &[&str] = &[
    "id",
    "title",
    "provider",
    "audiences",
    "needs",
    "eligibility",
    "documents",
    "steps",
    "channels",
    "cost",
    "time_limit",
    "implements",
    "body",
];
const ACTIVITY_FIELDS: &[&str] = &[
    "id",
    "title",
    "organizers",
    "start",
    "end",
    "place",
    "region",
    "audiences",
    "signup",
    "capacity",
    "status",
    "body",
];

pub(super) fn build(
    config: &Config,
    content: &Content,
    urls: &Urls,
    raws: Vec<(usize, Raw)>,
    diagnostics: &mut Diagnostics,
) -> Directory {
    let mut errors: Vec<Diagnostic> = vec![];
    let mut regions = vec![];
    let mut types = vec![];
    let mut orgs = vec![];
    let mut services = vec![];
    let mut activities = vec![];
    for (file, mut raw) in raws {
        let f = &content.records[file];
        let section = &content.sections[f.section];
        let mut r = Reader {
            raw: &mut raw,
            errors: &mut errors,
        };
        let Some(record) = record(&mut r, f.section, &section.path, urls) else {
            continue;
        };
        match f.kind {
            RecordKind::Region => regions.extend(region(r, record)),
            RecordKind::OrgType => types.extend(org_type(r, record)),
            RecordKind::Organization => orgs.extend(organization(r, record)),
            RecordKind::Service => services.extend(service(r, record)),
            RecordKind::Activity => activities.extend(activity(r, record)),
        }
    }
    diagnostics.extend(errors);

    let mut dir = Directory::default();
    let region_ids = index_ids(
        regions.iter().map(|p: &Pending<Region>| &p.item.record),
        "region",
        diagnostics,
    );
    let type_ids = index_ids(
        types.iter().map(|p: &Pending<OrgType>| &p.item.record),
        "organization type",
        diagnostics,
    );
    let org_ids = index_ids(
        orgs.iter().map(|p: &Pending<Organization>| &p.item.record),
        "organization",
        diagnostics,
    );
    index_ids(
        services.iter().map(|p: &Pending<Service>| &p.item.record),
        "service",
        diagnostics,
    );
    index_ids(
        activities
            .iter()
            .map(|p: &Pending<Activity>| &p.item.record),
        "activity",
        diagnostics,
    );
    check_section_paths(
        content,
        &regions,
        &types,
        &orgs,
        &services,
        &activities,
        diagnostics,
    );

    let lookup = |map: &HashMap<String, usize>,
                  what: &str,
                  r: &Record,
                  v: &Located<String>,
                  diagnostics: &mut Diagnostics|
     -> Option<usize> {
        let found = map.get(&v.value).copied();
        if found.is_none() {
            diagnostics.push(
                r.source
                    .diagnostic(
                        v.offset,
                        v.len,
                        format!("there is no {what} with id `{}`", v.value),
                    )
                    .with_help(format!(
                        "{what} ids are given by the `id` of {what} records"
                    )),
            );
        }
        found
    };

    // Regions: a parent is one level up or more, so regions cannot loop.
    for p in &mut regions {
        if let Some(v) = &p.refs.parent {
            p.item.parent = lookup(&region_ids, "region", &p.item.record, v, diagnostics);
        } else if p.item.level != Level::City {
            diagnostics.push(p.item.record.diagnostic(format!(
                "region `{}` ({}) needs a `parent`: only a 市 stands alone",
                p.item.record.id,
                p.item.level.zh()
            )));
        }
    }
    let levels: Vec<Level> = regions.iter().map(|p| p.item.level).collect();
    for p in &regions {
        if let (Some(parent), Some(v)) = (p.item.parent, &p.refs.parent) {
            if levels[parent] >= p.item.level {
                diagnostics.push(p.item.record.source.diagnostic(
                    v.offset,
                    v.len,
                    format!(
                        "region `{}` ({}) cannot be under `{}` ({}): a parent is a higher level",
                        p.item.record.id,
                        p.item.level.zh(),
                        v.value,
                        levels[parent].zh()
                    ),
                ));
            }
        }
    }
    dir.regions = regions.into_iter().map(|p| p.item).collect();
    dir.types = types.into_iter().map(|p| p.item).collect();

    for p in &mut orgs {
        let r = &p.item.record;
        let t = p
            .refs
            .org_type
            .as_ref()
            .and_then(|v| lookup(&type_ids, "organization type", r, v, diagnostics));
        let g = p
            .refs
            .region
            .as_ref()
            .and_then(|v| lookup(&region_ids, "region", r, v, diagnostics));
        let parent = p
            .refs
            .parent
            .as_ref()
            .and_then(|v| lookup(&org_ids, "organization", r, v, diagnostics));
        p.item.org_type = t.unwrap_or(usize::MAX);
        p.item.region = g.unwrap_or(usize::MAX);
        p.item.parent = parent;
    }
    // Parent cycles.
    let parents: Vec<Option<usize>> = orgs.iter().map(|p| p.item.parent).collect();
    for (i, p) in orgs.iter().enumerate() {
        let mut at = parents[i];
        let mut steps = 0;
        while let Some(j) = at {
            if j == i {
                let v = p.refs.parent.as_ref().expect("has a parent");
                diagnostics.push(
                    p.item.record.source.diagnostic(
                        v.offset,
                        v.len,
                        format!(
                            "organization `{}` is its own ancestor: its parents go round in a circle",
                            p.item.record.id
                        ),
                    )
                    .with_help("follow the `parent` fields from here and break the circle"),
                );
                break;
            }
            steps += 1;
            if steps > parents.len() {
                break;
            }
            at = parents[j];
        }
    }
    let complete = diagnostics.is_empty();
    dir.organizations = orgs.into_iter().map(|p| p.item).collect();

    // Services.
    let policies = Policies::new(config, content);
    let mut articles_cache: HashMap<usize, Option<Vec<ArticleRef>>> = HashMap::new();
    for p in &mut services {
        let r = &p.item.record;
        p.item.provider = p
            .refs
            .provider
            .as_ref()
            .and_then(|v| lookup(&org_ids, "organization", r, v, diagnostics))
            .unwrap_or(usize::MAX);
        // Each article once: the entry that first named it, by article.
        let mut named: HashMap<(usize, String), &Located<String>> = HashMap::new();
        for v in &p.refs.implements {
            match policies.resolve(&v.value) {
                Err(None) => {}
                Err(Some(m)) => diagnostics.push(r.source.diagnostic(v.offset, v.len, m)),
                Ok((policy, eid)) => {
                    if let Some(first) = named.get(&(policy, eid.clone())) {
                        let message = if first.value == v.value {
                            format!("`{}` is listed twice in `implements`", v.value)
                        } else {
                            format!(
                                "`{}` names the same article as `{}` earlier in `implements`",
                                v.value, first.value
                            )
                        };
                        diagnostics.push(r.source.diagnostic(v.offset, v.len, message).with_help(
                            "a service implements an article once: remove one of the two entries",
                        ));
                        continue;
                    }
                    named.insert((policy, eid.clone()), v);
                    let articles = articles_cache
                        .entry(policy)
                        .or_insert_with(|| policy_articles(content, policy));
                    let Some(articles) = articles else { continue };
                    match articles.iter().find(|a| a.eid == eid) {
                        Some(a) => p.item.implements.push(Implementation {
                            policy,
                            eid: a.eid.clone(),
                            label: a.label.clone(),
                            heading: a.heading.clone(),
                        }),
                        None => diagnostics.push(
                            r.source
                                .diagnostic(
                                    v.offset,
                                    v.len,
                                    format!(
                                        "`{}` is not an article of {}",
                                        v.value, content.pages[policy].rel
                                    ),
                                )
                                .with_help(format!(
                                    "its articles are art_1 … art_{}",
                                    articles.len()
                                )),
                        ),
                    }
                }
            }
        }
    }
    dir.services = services.into_iter().map(|p| p.item).collect();

    // Activities.
    for p in &mut activities {
        let r = &p.item.record;
        p.item.region = p
            .refs
            .region
            .as_ref()
            .and_then(|v| lookup(&region_ids, "region", r, v, diagnostics))
            .unwrap_or(usize::MAX);
        for v in &p.refs.organizers {
            if let Some(o) = lookup(&org_ids, "organization", r, v, diagnostics) {
                p.item.organizers.push(o);
            }
        }
    }
    dir.activities = activities.into_iter().map(|p| p.item).collect();

    if !complete || !diagnostics.is_empty() {
        return dir;
    }
    relate(config, urls, &mut dir, diagnostics);
    dir
}

/// The common part: id, path, body.
fn record(r: &mut Reader<'_>, section: usize, section_path: &str, urls: &Urls) -> Option<Record> {
    let id = match r.text("id") {
        Some(id) => {
            if !valid_id(&id.value) {
                r.at(
                    &id,
                    format!(
                        "id `{}` may only use lowercase letters a–z, digits and `-`",
                        id.value
                    ),
                );
                return None;
            }
            id.value
        }
        None => match r.raw.default_id.clone() {
            Some(id) if valid_id(&id) => id,
            Some(id) => {
                let d = r.raw.diagnostic(format!(
                    "this record needs an `id`: its file name `{id}` is not one (lowercase letters a–z, digits and `-`)"
                ));
                r.errors.push(d);
                return None;
            }
            None => {
                let d = r.raw.diagnostic("this record has no `id`, which it needs");
                r.errors.push(d);
                return None;
            }
        },
    };
    let path = format!("{section_path}{id}/");
    Some(Record {
        url: urls.url(&path),
        path,
        id,
        section,
        source: r.raw.source.clone(),
        offset: r.raw.offset,
        body: r.raw.body.clone(),
    })
}

fn region(mut r: Reader<'_>, record: Record) -> Option<Pending<Region>> {
    let name = r.required("name");
    let level = r.required("level");
    let parent = r.text("parent");
    let code = r.text("code");
    if let Some(c) = &code {
        if !(matches!(c.value.len(), 6 | 9 | 12) && c.value.bytes().all(|b| b.is_ascii_digit())) {
            r.at(
                c,
                format!(
                    "region code `{}` must be 6, 9 or 12 digits (统计用区划代码)",
                    c.value
                ),
            );
        }
    }
    let level_value = level.as_ref().and_then(|l| {
        let v = Level::parse(&l.value);
        if v.is_none() {
            r.at(
                l,
                format!("level `{}` must be 市, 区县, 乡镇街道 or 村社区", l.value),
            );
        }
        v
    });
    r.finish(REGION_FIELDS);
    Some(Pending {
        item: Region {
            record,
            name: name?.value,
            level: level_value?,
            parent: None,
            code: code.map(|c| c.value),
            children: vec![],
            organizations: vec![],
            activities: vec![],
        },
        refs: Refs {
            parent,
            ..Refs::default()
        },
    })
}

fn org_type(mut r: Reader<'_>, record: Record) -> Option<Pending<OrgType>> {
    let name = r.required("name");
    let full_name = r.required("full_name");
    let aliases = r.list("aliases");
    let hotline = r.text("hotline");
    let hotline_name = r.text("hotline_name");
    if let Some(h) = &hotline {
        check_phone(&mut r, h);
    }
    let hotline = match (hotline, hotline_name) {
        (Some(h), Some(n)) => Some(Hotline {
            number: h.value,
            name: n.value,
        }),
        (Some(h), None) => {
            r.at(&h, "a `hotline` needs a `hotline_name` (职工服务热线)");
            None
        }
        (None, Some(n)) => {
            r.at(&n, "`hotline_name` is given without a `hotline`");
            None
        }
        (None, None) => None,
    };
    r.finish(TYPE_FIELDS);
    Some(Pending {
        item: OrgType {
            record,
            name: name?.value,
            full_name: full_name?.value,
            aliases: aliases.into_iter().map(|a| a.value).collect(),
            hotline,
            organizations: vec![],
        },
        refs: Refs::default(),
    })
}

fn organization(mut r: Reader<'_>, record: Record) -> Option<Pending<Organization>> {
    let name = r.required("name");
    let org_type = r.required("type");
    let region = r.required("region");
    let parent = r.text("parent");
    let address = r.text("address");
    let phones = r.list("phones");
    for p in &phones {
        check_phone(&mut r, p);
    }
    let email = r.text("email");
    if let Some(e) = &email {
        if !valid_email(&e.value) {
            r.at(e, format!("`{}` is not an email address", e.value));
        }
    }
    let website = r.text("website");
    if let Some(w) = &website {
        check_url(&mut r, w);
    }
    let wechat = r.text("wechat");
    let mut hours = vec![];
    for h in r.list("hours") {
        match hours::parse(&h.value) {
            Ok(v) => hours.push(v),
            Err(m) => r.at(&h, m),
        }
    }
    let hours_note = r.text("hours_note");
    let directions = r.text("directions");
    let serves = r.list("serves");
    let mut channels = vec![];
    for c in r.list("channels") {
        let (name, url) = match c.value.rsplit_once(char::is_whitespace) {
            Some((name, url)) if url.contains("://") => (name.trim().to_string(), Some(url)),
            _ if c.value.contains("://") => (String::new(), Some(c.value.as_str())),
            _ => (c.value.clone(), None),
        };
        if let Some(u) = url {
            if let Some(why) = web_address_problem(u) {
                r.at(&c, format!("`{u}` is not a web address: {why}"));
                continue;
            }
        }
        channels.push(Channel {
            name: if name.is_empty() {
                url.unwrap_or_default().to_string()
            } else {
                name
            },
            url: url.map(str::to_string),
        });
    }
    let verified = r
        .text("verified")
        .and_then(|v| match front_matter::parse_date(&v.value) {
            Ok(d) => Some(d),
            Err(m) => {
                r.at(&v, m);
                None
            }
        });
    r.finish(ORG_FIELDS);
    Some(Pending {
        item: Organization {
            record,
            name: name?.value,
            org_type: usize::MAX,
            region: usize::MAX,
            parent: None,
            children: vec![],
            address: address.map(|v| v.value),
            phones: phones.into_iter().map(|v| v.value).collect(),
            email: email.map(|v| v.value),
            website: website.map(|v| v.value),
            wechat: wechat.map(|v| v.value),
            hours,
            hours_note: hours_note.map(|v| v.value),
            directions: directions.map(|v| v.value),
            serves: serves.into_iter().map(|v| v.value).collect(),
            channels,
            verified,
            services: vec![],
            activities: vec![],
        },
        refs: Refs {
            parent,
            region: Some(region?),
            org_type: Some(org_type?),
            ..Refs::default()
        },
    })
}

fn service(mut r: Reader<'_>, record: Record) -> Option<Pending<Service>> {
    let title = r.required("title");
    let provider = r.required("provider");
    let audiences = r.list("audiences");
    let needs = r.list("needs");
    if audiences.is_empty() {
        let d = r
            .raw
            .diagnostic("this service has no `audiences`: say who it is for");
        r.errors.push(d);
    }
    if needs.is_empty() {
        let d = r
            .raw
            .diagnostic("this service has no `needs`: say what needs it meets");
        r.errors.push(d);
    }
    let eligibility = r.text("eligibility");
    let documents = r.list("documents");
    let steps = r.list("steps");
    let mut channels = vec![];
    for c in r.list("channels") {
        match service_channel(&c.value) {
            Ok(ch) => {
                if let (Mode::Online, Some(u)) = (ch.mode, &ch.url) {
                    if let Some(why) = web_address_problem(u) {
                        r.at(&c, format!("`{u}` is not a web address: {why}"));
                        continue;
                    }
                }
                channels.push(ch)
            }
            Err(m) => r.at(&c, m),
        }
    }
    let cost = r.text("cost");
    let time_limit = r.text("time_limit");
    let implements = r.list("implements");
    r.finish(SERVICE_FIELDS);
    Some(Pending {
        item: Service {
            record,
            title: title?.value,
            provider: usize::MAX,
            audiences: audiences.into_iter().map(|v| v.value).collect(),
            needs: needs.into_iter().map(|v| v.value).collect(),
            eligibility: eligibility.map(|v| v.value),
            documents: documents.into_iter().map(|v| v.value).collect(),
            steps: steps.into_iter().map(|v| v.value).collect(),
            channels,
            cost: cost.map(|v| v.value),
            time_limit: time_limit.map(|v| v.value),
            implements: vec![],
        },
        refs: Refs {
            provider: Some(provider?),
            implements,
            ..Refs::default()
        },
    })
}

fn service_channel(text: &str) -> Result<ServiceChannel, String> {
    let (kind, detail) = text
        .split_once(['：', ':'])
        .map(|(k, d)| (k.trim(), d.trim()))
        .ok_or_else(|| {
            format!("channel `{text}` must start with 线下：, 电话： or 网上： and say how")
        })?;
    let mode = match kind {
        "线下" | "到场" | "现场" | "窗口" => Mode::InPerson,
        "电话" | "热线" => Mode::Phone,
        "网上" | "在线" | "线上" => Mode::Online,
        _ => {
            return Err(format!(
                "channel `{text}`: `{kind}` is not 线下, 电话 or 网上"
            ));
        }
    };
    let url = match mode {
        Mode::Online => detail
            .split_whitespace()
            .find(|w| w.contains("://"))
            .map(str::to_string),
        Mode::Phone => detail
            .split(|c: char| !(c.is_ascii_digit() || c == '-'))
            .find(|w| w.chars().filter(char::is_ascii_digit).count() >= 3)
            .map(|n| format!("tel:{}", n.trim_matches('-'))),
        Mode::InPerson => None,
    };
    Ok(ServiceChannel {
        mode,
        detail: detail.to_string(),
        url,
    })
}

fn activity(mut r: Reader<'_>, record: Record) -> Option<Pending<Activity>> {
    let title = r.required("title");
    let organizers = r.list("organizers");
    if organizers.is_empty() {
        let d = r
            .raw
            .diagnostic("this activity has no `organizers`, which it needs");
        r.errors.push(d);
    }
    let start = r.required("start");
    let end = r.text("end");
    let place = r.required("place");
    let region = r.required("region");
    let audiences = r.list("audiences");
    let signup = r.text("signup");
    let capacity = r.count("capacity");
    let status = match r.text("status") {
        None => ActivityStatus::Scheduled,
        Some(s) => match s.value.as_str() {
            "scheduled" | "正常" => ActivityStatus::Scheduled,
            "cancelled" | "canceled" | "已取消" | "取消" => ActivityStatus::Cancelled,
            "full" | "已满" | "满员" | "报满" => ActivityStatus::Full,
            other => {
                r.at(
                    &s,
                    format!("status `{other}` must be scheduled, cancelled or full"),
                );
                ActivityStatus::Scheduled
            }
        },
    };
    let time = |r: &mut Reader<'_>, v: &Located<String>| match parse_datetime(&v.value) {
        Ok(t) => Some((t, front_matter::is_bare_date(&v.value))),
        Err(m) => {
            r.at(v, m);
            None
        }
    };
    let start_at = start.as_ref().and_then(|s| time(&mut r, s));
    let end_at = match &end {
        Some(e) => time(&mut r, e),
        None => match start_at {
            Some((s, true)) => Some((s, true)),
            Some(_) => {
                let d = r
                    .raw
                    .diagnostic("this activity has no `end`: a timed activity needs one");
                r.errors.push(d);
                None
            }
            None => None,
        },
    };
    if let (Some((s, sd)), Some((e, ed)), Some(ev)) = (start_at, end_at, &end) {
        if e < s {
            r.at(
                ev,
                format!(
                    "this activity ends ({}) before it starts ({})",
                    ev.value,
                    start.as_ref().map_or("", |s| s.value.as_str())
                ),
            );
        } else if sd != ed {
            r.at(
                ev,
                "`start` and `end` must both be dates, or both dates with times",
            );
        }
    }
    r.finish(ACTIVITY_FIELDS);
    let (start, all_day) = start_at?;
    let (end, _) = end_at?;
    Some(Pending {
        item: Activity {
            record,
            title: title?.value,
            organizers: vec![],
            start,
            end,
            all_day,
            place: place?.value,
            region: usize::MAX,
            audiences: audiences.into_iter().map(|v| v.value).collect(),
            signup: signup.map(|v| v.value),
            capacity,
            status,
        },
        refs: Refs {
            region: Some(region?),
            organizers,
            ..Refs::default()
        },
    })
}

fn check_phone(r: &mut Reader<'_>, v: &Located<String>) {
    if !valid_phone(&v.value) {
        r.at(
            v,
            format!(
                "`{}` is not a phone number: digits with `-` or spaces, such as 0575-8512 3456 or 12351",
                v.value
            ),
        );
    }
}

/// Digits with `-` or spaces, an optional leading `+`, an optional `转`
/// extension: 0575-85123456, 12351, +86 575 8512 3456, 0575-85123456转8001.
pub fn valid_phone(text: &str) -> bool {
    let (main, ext) = match text.split_once('转') {
        Some((m, e)) => (m.trim(), Some(e.trim())),
        None => (text.trim(), None),
    };
    let main = main.strip_prefix('+').unwrap_or(main);
    let digits = main.chars().filter(char::is_ascii_digit).count();
    main.chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == ' ')
        && main.starts_with(|c: char| c.is_ascii_digit())
        && main.ends_with(|c: char| c.is_ascii_digit())
        && (3..=20).contains(&digits)
        && ext
            .is_none_or(|e| !e.is_empty() && e.len() <= 8 && e.bytes().all(|b| b.is_ascii_digit()))
}

pub fn valid_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let bad = |s: &str| {
        s.chars()
            .any(|c| c.is_whitespace() || "<>\"'(),;:@[]\\".contains(c))
    };
    !local.is_empty()
        && !bad(local)
        && !bad(domain)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

/// Why `text` is not an http(s) address a page may link to, in words for
/// the editor; `None` when it is one. The address is parsed (WHATWG URL
/// rules), not only looked at: `https://exa mple.org/` and
/// `https://a.example:99999/` are refused with their reason.
pub fn web_address_problem(text: &str) -> Option<String> {
    let Some(rest) = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
    else {
        return Some("it must start with http:// or https://".to_string());
    };
    if let Some(c) = rest
        .chars()
        .find(|&c| c.is_whitespace() || c.is_control() || "<>\"'`\\".contains(c))
    {
        return Some(if c.is_whitespace() {
            "it contains a space; write %20 or leave the space out".to_string()
        } else if c.is_control() {
            "it contains a control character".to_string()
        } else {
            format!("it contains the character {c}, which an address cannot have")
        });
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() {
        return Some("there is no host name after the //".to_string());
    }
    match url::Url::parse(text) {
        Ok(_) => None,
        Err(e) => Some(match e {
            url::ParseError::InvalidPort => {
                "the port (after the `:`) is not a number from 0 to 65535".to_string()
            }
            url::ParseError::InvalidIpv4Address | url::ParseError::InvalidIpv6Address => {
                "the IP address is not valid".to_string()
            }
            url::ParseError::EmptyHost => "there is no host name after the //".to_string(),
            _ => "the host name is not valid (a host name is letters, digits, hyphens and dots, such as www.example.org)".to_string(),
        }),
    }
}

fn check_url(r: &mut Reader<'_>, v: &Located<String>) {
    if let Some(why) = web_address_problem(&v.value) {
        r.at(v, format!("`{}` is not a web address: {why}", v.value));
    }
}

/// A record's page must not land on a page or section of the site.
fn check_section_paths(
    content: &Content,
    regions: &[Pending<Region>],
    types: &[Pending<OrgType>],
    orgs: &[Pending<Organization>],
    services: &[Pending<Service>],
    activities: &[Pending<Activity>],
    diagnostics: &mut Diagnostics,
) {
    let taken: HashMap<&str, &std::path::Path> = content
        .sections
        .iter()
        .map(|s| (s.path.as_str(), s.file.as_path()))
        .chain(
            content
                .pages
                .iter()
                .map(|p| (p.path.as_str(), p.file.as_path())),
        )
        .collect();
    let all = regions
        .iter()
        .map(|p| &p.item.record)
        .chain(types.iter().map(|p| &p.item.record))
        .chain(orgs.iter().map(|p| &p.item.record))
        .chain(services.iter().map(|p| &p.item.record))
        .chain(activities.iter().map(|p| &p.item.record));
    for r in all {
        if let Some(file) = taken.get(r.path.as_str()) {
            diagnostics.push(r.diagnostic(format!(
                "this record's page /{} is already the page of {}",
                r.path,
                file.display()
            )));
        }
    }
}

struct ArticleRef {
    eid: String,
    label: String,
    heading: Option<String>,
}

/// The articles of a policy page, read from its text (the same parser the
/// page is rendered with). `None` when the policy's text has problems, which
/// its own page reports.
fn policy_articles(content: &Content, page: usize) -> Option<Vec<ArticleRef>> {
    let doc = PageText::of_page(&content.pages[page])
        .ok()?
        .policy()
        .ok()?;
    Some(
        doc.articles
            .iter()
            .map(|a| ArticleRef {
                eid: a.eid.clone(),
                label: a.label.clone(),
                heading: a.short_heading().map(str::to_string),
            })
            .collect(),
    )
}

/// Which policy an `implements` entry means.
struct Policies {
    /// The policy a short id (`art_15`) means; `Err(None)` when
    /// `directory.policy` is wrong, which is reported once at its line in
    /// gongkai.yaml (by `resolve`) rather than at every short id.
    default: Result<usize, Option<String>>,
    by_rel: HashMap<String, usize>,
}

impl Policies {
    fn new(config: &Config, content: &Content) -> Policies {
        let by_rel: HashMap<String, usize> = content
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.page_type == PageType::Policy)
            .map(|(i, p)| (p.rel.clone(), i))
            .collect();
        let default = match crate::resolve::directory_policy(config, content) {
            Ok(Some(page)) => Ok(page),
            Err(_) => Err(None),
            Ok(None) if by_rel.len() == 1 => Ok(*by_rel.values().next().expect("one")),
            Ok(None) => Err(Some(
                "a short article id needs `directory.policy` in gongkai.yaml to say which policy it means (the site has more than one, or none); or write @/path.md#art_15".to_string(),
            )),
        };
        Policies { default, by_rel }
    }

    /// The policy and article an entry names; `Err(None)` when the problem
    /// was already reported elsewhere.
    fn resolve(&self, text: &str) -> Result<(usize, String), Option<String>> {
        match text.strip_prefix("@/") {
            Some(rest) => {
                let (rel, eid) = rest.split_once('#').ok_or_else(|| {
                    Some(format!(
                        "`{text}` names a policy but no article: add #art_N"
                    ))
                })?;
                let page =
                    self.by_rel.get(rel).copied().ok_or_else(|| {
                        Some(format!("`{rel}` is not a policy page under content/"))
                    })?;
                Ok((page, eid.to_string()))
            }
            None => Ok((self.default.clone()?, text.to_string())),
        }
    }
}

/// Relations both ways, terms, months, section lists.
fn relate(config: &Config, urls: &Urls, dir: &mut Directory, diagnostics: &mut Diagnostics) {
    for i in 0..dir.regions.len() {
        if let Some(p) = dir.regions[i].parent {
            dir.regions[p].children.push(i);
        }
    }
    for i in 0..dir.organizations.len() {
        let o = &dir.organizations[i];
        let (t, g, parent) = (o.org_type, o.region, o.parent);
        dir.types[t].organizations.push(i);
        dir.regions[g].organizations.push(i);
        if let Some(p) = parent {
            dir.organizations[p].children.push(i);
        }
    }
    for i in 0..dir.services.len() {
        let p = dir.services[i].provider;
        dir.organizations[p].services.push(i);
        for a in &dir.services[i].implements {
            dir.implemented_by
                .entry((a.policy, a.eid.clone()))
                .or_default()
                .push(i);
        }
    }
    // Activities in time order.
    let mut order: Vec<usize> = (0..dir.activities.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&dir.activities[a], &dir.activities[b]);
        (x.start, &x.record.id).cmp(&(y.start, &y.record.id))
    });
    let mut months: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &i in &order {
        let a = &dir.activities[i];
        dir.regions[a.region].activities.push(i);
        for &o in &a.organizers {
            if !dir.organizations[o].activities.contains(&i) {
                dir.organizations[o].activities.push(i);
            }
        }
        months
            .entry(format!("{:04}-{:02}", a.start.year(), a.start.month()))
            .or_default()
            .push(i);
    }
    dir.months = months.into_iter().collect();

    // Needs and audiences.
    let mut needs = Vocabulary::new("needs", &config.directory.needs, urls);
    let mut audiences = Vocabulary::new("audiences", &config.directory.audiences, urls);
    for (i, s) in dir.services.iter().enumerate() {
        for n in &s.needs {
            needs.add(n, Some(i), None, &s.record, diagnostics);
        }
        for a in &s.audiences {
            audiences.add(a, Some(i), None, &s.record, diagnostics);
        }
    }
    for (i, o) in dir.organizations.iter().enumerate() {
        for a in &o.serves {
            audiences.add(a, None, Some(i), &o.record, diagnostics);
        }
    }
    for a in &dir.activities {
        for x in &a.audiences {
            audiences.add(x, None, None, &a.record, diagnostics);
        }
    }
    // An organization meets the needs its services meet.
    for term in &mut needs.terms {
        let mut orgs: Vec<usize> = term
            .services
            .iter()
            .map(|&s| dir.services[s].provider)
            .collect();
        orgs.sort_unstable();
        orgs.dedup();
        term.organizations = orgs;
    }
    dir.needs = needs.terms;
    dir.audiences = audiences.terms;

    // Each records section's list.
    let mut sections: BTreeMap<usize, (RecordKind, Vec<usize>)> = BTreeMap::new();
    let mut add = |kind: RecordKind, records: &mut dyn Iterator<Item = (usize, usize)>| {
        for (section, i) in records {
            sections.entry(section).or_insert((kind, vec![])).1.push(i);
        }
    };
    add(
        RecordKind::Region,
        &mut dir
            .regions
            .iter()
            .enumerate()
            .map(|(i, r)| (r.record.section, i)),
    );
    add(
        RecordKind::OrgType,
        &mut dir
            .types
            .iter()
            .enumerate()
            .map(|(i, r)| (r.record.section, i)),
    );
    add(
        RecordKind::Organization,
        &mut dir
            .organizations
            .iter()
            .enumerate()
            .map(|(i, r)| (r.record.section, i)),
    );
    add(
        RecordKind::Service,
        &mut dir
            .services
            .iter()
            .enumerate()
            .map(|(i, r)| (r.record.section, i)),
    );
    add(
        RecordKind::Activity,
        &mut order.iter().map(|&i| (dir.activities[i].record.section, i)),
    );
    dir.sections = sections;
}

/// The needs or the audiences: fixed by the configuration, or gathered
/// from what records use.
struct Vocabulary<'a> {
    what: &'static str,
    fixed: bool,
    terms: Vec<Term>,
    index: HashMap<String, usize>,
    urls: &'a Urls,
}

impl<'a> Vocabulary<'a> {
    fn new(what: &'static str, fixed: &[String], urls: &'a Urls) -> Vocabulary<'a> {
        let mut v = Vocabulary {
            what,
            fixed: !fixed.is_empty(),
            terms: vec![],
            index: HashMap::new(),
            urls,
        };
        for name in fixed {
            v.insert(name);
        }
        v
    }

    fn insert(&mut self, name: &str) -> usize {
        let path = format!("{}/{}/", self.what, name);
        self.terms.push(Term {
            name: name.to_string(),
            url: self.urls.url(&path),
            path,
            services: vec![],
            organizations: vec![],
        });
        self.index.insert(name.to_string(), self.terms.len() - 1);
        self.terms.len() - 1
    }

    fn add(
        &mut self,
        name: &str,
        service: Option<usize>,
        org: Option<usize>,
        record: &Record,
        diagnostics: &mut Diagnostics,
    ) {
        let i = match self.index.get(name) {
            Some(&i) => i,
            None if self.fixed => {
                diagnostics.push(
                    record
                        .diagnostic(format!(
                            "`{name}` is not one of the {} in gongkai.yaml",
                            self.what
                        ))
                        .with_help(format!(
                            "use one of: {}; or add it to directory.{} in gongkai.yaml",
                            self.terms
                                .iter()
                                .map(|t| t.name.as_str())
                                .collect::<Vec<_>>()
                                .join("、"),
                            self.what
                        )),
                );
                return;
            }
            None => {
                if name.contains(['/', '?', '#', '%', '\\']) || name.starts_with('.') {
                    diagnostics.push(record.diagnostic(format!(
                        "`{name}` cannot name a page: leave out / ? # % \\ and a leading ."
                    )));
                    return;
                }
                self.insert(name)
            }
        };
        let t = &mut self.terms[i];
        if let Some(s) = service {
            if t.services.last() != Some(&s) {
                t.services.push(s);
            }
        }
        if let Some(o) = org {
            if t.organizations.last() != Some(&o) {
                t.organizations.push(o);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_emails_urls() {
        for ok in [
            "0575-85123456",
            "12351",
            "+86 575 8512 3456",
            "0575-0000-0101转8001",
        ] {
            assert!(valid_phone(ok), "{ok}");
        }
        for bad in [
            "电话",
            "0575_851",
            "12",
            "0575-8512345转",
            "javascript:alert(1)",
        ] {
            assert!(!valid_phone(bad), "{bad}");
        }
        assert!(valid_email("a@example.org"));
        assert!(!valid_email("a@b"));
        assert!(!valid_email("a b@example.org"));
        assert!(web_address_problem("https://zhuji-fulian.example/").is_none());
        assert!(web_address_problem("javascript:alert(1)").is_some());
        assert!(web_address_problem("https://x.example/\"onerror=1").is_some());
    }

    #[test]
    fn web_addresses_are_parsed_and_the_reason_fits_the_address() {
        assert_eq!(web_address_problem("https://a.example/x?q=1#f"), None);
        assert_eq!(web_address_problem("http://127.0.0.1:8080/"), None);
        assert_eq!(web_address_problem("https://绍兴.example/"), None);
        let scheme = "it must start with http:// or https://";
        assert_eq!(
            web_address_problem("ftp://a.example/").as_deref(),
            Some(scheme)
        );
        assert_eq!(
            web_address_problem("www.example.org").as_deref(),
            Some(scheme)
        );
        // An https address that is wrong is not told to start with http://.
        for bad in [
            "https://exa mple.org/",
            "https://",
            "https:///path",
            "https://a.example:99999/",
            "https://a_b%zz.example/",
            "https://[::1/",
            "https://a.example/<x>",
        ] {
            let why = web_address_problem(bad).unwrap_or_else(|| panic!("{bad} passed"));
            assert!(!why.contains("must start with"), "{bad}: {why}");
        }
    }

    #[test]
    fn service_channels() {
        let c = service_channel("电话：12351（工作日）").unwrap();
        assert_eq!((c.mode, c.url.as_deref()), (Mode::Phone, Some("tel:12351")));
        let c = service_channel("网上: https://a.example/x 预约").unwrap();
        assert_eq!(c.url.as_deref(), Some("https://a.example/x"));
        assert!(service_channel("邮寄：某地").is_err());
    }
}
