//! The rows of the funds tables (资金公开) read and checked: amounts that
//! are amounts and not negative, years from 1949 to the year after the
//! build, organizations that exist (with the nearest id when one does
//! not), reports that are web addresses or files beside the tables, and
//! no year whose uses exceed the funds available (raised plus opening
//! balances) without an explanation. Rows are grouped into one
//! [`Disclosure`] per organization and year.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use super::contacts::web_address_problem;
use super::references::{Known, lookup_at};
use crate::base::diagnostics::{Diagnostic, Diagnostics};
use crate::load::directory::{Located, Raw, Reader};
use crate::load::front_matter;
use crate::model::content::Content;
use crate::model::directory::Source;
use crate::model::directory::funds::{
    Amount, AmountProblem, Disclosure, FundKind, FundLine, Report,
};
use crate::model::links::Urls;

const FUND_FIELDS: &[&str] = &[
    "org",
    "year",
    "kind",
    "item",
    "amount",
    "opening",
    "closing",
    "explanation",
    "date",
    "report",
    "sample",
];

/// The first year a disclosure can be for.
const FIRST_YEAR: i16 = 1949;

/// A row read, before its organization is looked up.
struct Row {
    org: Located<String>,
    year: Option<i16>,
    section: usize,
    line: Option<FundLine>,
    /// Where the row starts, for a message about the whole year.
    source: Arc<Source>,
    offset: usize,
}

/// A row whose organization is found and whose year, kind and item are
/// good.
struct Read {
    org_id: String,
    section: usize,
    line: FundLine,
    source: Arc<Source>,
    offset: usize,
}

/// Every funds row of `raws` (with the index of its record file), checked
/// and grouped by organization and year, in organization then year order.
pub(super) fn disclosures(
    content: &Content,
    urls: &Urls,
    raws: Vec<(usize, Raw)>,
    orgs: &Known<'_>,
    build_year: i16,
    diagnostics: &mut Diagnostics,
) -> Vec<Disclosure> {
    let mut errors: Vec<Diagnostic> = vec![];
    let mut rows = vec![];
    for (file, mut raw) in raws {
        let f = &content.records[file];
        let folder = f.disk.parent().unwrap_or(Path::new(""));
        let section = &content.sections[f.section];
        let r = Reader {
            raw: &mut raw,
            errors: &mut errors,
        };
        if let Some(row) = read_row(r, f.section, folder, &section.path, urls, build_year) {
            rows.push(row);
        }
    }
    diagnostics.extend(errors);

    let mut by_year: BTreeMap<(usize, i16), Vec<Read>> = BTreeMap::new();
    for row in rows {
        let org = lookup_at(orgs, &row.source, &row.org, diagnostics);
        let (Some(org), Some(year), Some(line)) = (org, row.year, row.line) else {
            continue;
        };
        by_year.entry((org, year)).or_default().push(Read {
            org_id: row.org.value,
            section: row.section,
            line,
            source: row.source,
            offset: row.offset,
        });
    }
    let mut out = vec![];
    for ((org, year), rows) in by_year {
        let Some(first) = rows.first() else {
            continue;
        };
        let section = first.section;
        let org_id = first.org_id.clone();
        let path = format!("{}{org_id}/{year}/", content.sections[section].path);
        let mut d = Disclosure {
            org,
            year,
            section,
            url: urls.url(&path),
            path,
            raised: vec![],
            managed: vec![],
            used: vec![],
            oversight: vec![],
        };
        let mut first_use: Option<(Arc<Source>, usize)> = None;
        for row in rows {
            if row.line.kind == FundKind::Used && first_use.is_none() {
                first_use = Some((row.source.clone(), row.offset));
            }
            match row.line.kind {
                FundKind::Raised => d.raised.push(row.line),
                FundKind::Managed => d.managed.push(row.line),
                FundKind::Used => d.used.push(row.line),
                FundKind::Oversight => d.oversight.push(row.line),
            }
        }
        let explained = d.used.iter().any(|l| l.explanation.is_some());
        if let (Some((source, offset)), false) = (first_use, explained) {
            if d.used_total() > d.available() {
                diagnostics.push(
                    source
                        .diagnostic(
                            offset,
                            1,
                            msg!(
                                "funds-overspent",
                                org = org_id.as_str(),
                                year = i64::from(year),
                                used = d.used_total().zh(),
                                available = d.available().zh()
                            ),
                        )
                        .with_help(msg!("funds-overspent-help")),
                );
            }
        }
        out.push(d);
    }
    out
}

fn read_row(
    mut r: Reader<'_>,
    section: usize,
    folder: &Path,
    section_path: &str,
    urls: &Urls,
    build_year: i16,
) -> Option<Row> {
    let org = r.required("org");
    let year = r.required("year").and_then(|y| {
        let value = y.value.trim_end_matches('年');
        match value.parse::<i16>() {
            Ok(n) if (FIRST_YEAR..=build_year + 1).contains(&n) => Some(n),
            Ok(_) => {
                let message = msg!(
                    "funds-year-range",
                    value = &y.value,
                    first = i64::from(FIRST_YEAR),
                    last = i64::from(build_year) + 1
                );
                r.at(&y, message);
                None
            }
            Err(_) => {
                r.at(&y, msg!("funds-year-bad", value = &y.value));
                None
            }
        }
    });
    let kind = r
        .required("kind")
        .and_then(|k| match FundKind::parse(&k.value) {
            Some(kind) => Some(kind),
            None => {
                let message = msg!(
                    "funds-kind-unknown",
                    value = &k.value,
                    kinds = FundKind::accepted()
                );
                r.at(&k, message);
                None
            }
        });
    let item = r.required("item");
    let amount_written = r.raw.fields.contains_key("amount");
    let amount = read_amount(&mut r, "amount");
    let opening = read_amount(&mut r, "opening");
    let closing = read_amount(&mut r, "closing");
    let explanation = r.text("explanation").map(|v| v.value);
    let date = r
        .text("date")
        .and_then(|v| match front_matter::parse_date(&v.value) {
            Ok(d) => Some(d),
            Err(m) => {
                r.at(&v, m);
                None
            }
        });
    let report = r
        .text("report")
        .and_then(|v| report(&mut r, &v, folder, section_path, urls));
    let sample = r.text("sample").and_then(|v| match v.value.as_str() {
        "是" | "示例" | "示例数据" | "true" | "yes" => Some(true),
        "否" | "false" | "no" => Some(false),
        _ => {
            r.at(&v, msg!("funds-sample-bad", value = &v.value));
            None
        }
    });
    if kind.is_some_and(|k| matches!(k, FundKind::Raised | FundKind::Used)) && !amount_written {
        let d = r.raw.diagnostic(msg!("field-required", key = "amount"));
        r.errors.push(d);
    }
    let file = r.raw.source.file.display().to_string();
    let line = r.raw.source.line_of(r.raw.offset);
    let source = r.raw.source.clone();
    let offset = r.raw.offset;
    r.finish(FUND_FIELDS);
    let line = match (kind, item) {
        (Some(kind), Some(item)) => Some(FundLine {
            kind,
            item: item.value,
            amount,
            opening,
            closing,
            explanation,
            date,
            report,
            sample: sample.unwrap_or(false),
            file,
            line,
        }),
        _ => None,
    };
    // The organization is looked up even when the rest of the row has
    // problems, so that every problem is reported in one run.
    Some(Row {
        org: org?,
        year,
        section,
        line,
        source,
        offset,
    })
}

/// The amount in column `key`, if one is written; a problem if what is
/// written is no amount or is negative.
fn read_amount(r: &mut Reader<'_>, key: &str) -> Option<Amount> {
    let v = r.text(key)?;
    match Amount::parse(&v.value) {
        Ok(a) => Some(a),
        Err(AmountProblem::Negative) => {
            r.at(
                &v,
                msg!("funds-amount-negative", key = key, value = &v.value),
            );
            None
        }
        Err(AmountProblem::NotAnAmount) => {
            r.at(&v, msg!("funds-amount-bad", key = key, value = &v.value));
            None
        }
    }
}

/// A report: a web address, or the name of a file in the tables' folder.
fn report(
    r: &mut Reader<'_>,
    v: &Located<String>,
    folder: &Path,
    section_path: &str,
    urls: &Urls,
) -> Option<Report> {
    if v.value.contains("://") {
        if let Some(why) = web_address_problem(&v.value) {
            r.at(v, msg!("dir-not-url", value = &v.value, reason = why));
            return None;
        }
        return Some(Report {
            url: v.value.clone(),
            file: None,
        });
    }
    let name = v.value.as_str();
    let plain = !name.contains(['/', '\\']) && !name.starts_with('.');
    if !plain || !folder.join(name).is_file() {
        r.at(v, msg!("funds-report-missing", value = name));
        return None;
    }
    Some(Report {
        url: urls.url(&format!("{section_path}{name}")),
        file: Some(name.to_string()),
    })
}
