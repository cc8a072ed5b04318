//! 资金公开 pages: an organization's disclosure for a year (the funds
//! raised, managed and used, and the third-party oversight, each as a
//! table, with bar charts of the sources and the uses), and the funds
//! section's index by year and organization type. Charts are SVG drawn
//! here at build time, inline in the page: no JavaScript; bars filled with
//! patterns and labelled with their amounts, so that they read without
//! colour; each chart is named by its figure's caption and has its figures
//! in a table beside it.

use serde::Serialize;
use tera::Context;

use crate::base::escape::escape_xml;
use crate::model::directory::Directory;
use crate::model::directory::funds::{Amount, Disclosure, FundLine, Report};
use crate::render::pages::Pages;
use crate::render::views::{self as page_views, DateView};

use super::views::OrgSummary;
use super::{Template, crumb};

/// A row of a disclosure's tables.
#[derive(Debug, Serialize)]
pub struct FundLineView<'a> {
    pub item: &'a str,
    pub amount: Option<String>,
    pub opening: Option<String>,
    pub closing: Option<String>,
    pub explanation: Option<&'a str>,
    pub date: Option<DateView>,
    pub report: Option<&'a Report>,
    pub sample: bool,
}

impl<'a> FundLineView<'a> {
    fn of(l: &'a FundLine) -> FundLineView<'a> {
        FundLineView {
            item: &l.item,
            amount: l.amount.map(Amount::zh),
            opening: l.opening.map(Amount::zh),
            closing: l.closing.map(Amount::zh),
            explanation: l.explanation.as_deref(),
            date: l.date.map(DateView::of),
            report: l.report.as_ref(),
            sample: l.sample,
        }
    }

    fn all(lines: &'a [FundLine]) -> Vec<FundLineView<'a>> {
        lines.iter().map(FundLineView::of).collect()
    }
}

/// A year of an organization's disclosures, as a link.
#[derive(Debug, Serialize)]
pub struct FundsYearLink<'a> {
    pub year: i16,
    pub url: &'a str,
}

impl<'a> FundsYearLink<'a> {
    /// The years organization `org` has disclosed, newest first.
    pub fn of_org(d: &'a Directory, org: usize) -> Vec<FundsYearLink<'a>> {
        let mut years: Vec<FundsYearLink<'a>> = d
            .funds
            .iter()
            .filter(|f| f.org == org)
            .map(|f| FundsYearLink {
                year: f.year,
                url: &f.url,
            })
            .collect();
        years.sort_by_key(|y| std::cmp::Reverse(y.year));
        years
    }
}

/// The totals of a disclosure, as pages show amounts.
#[derive(Debug, Serialize)]
pub struct FundsTotals {
    pub raised: String,
    pub opening: String,
    pub available: String,
    pub used: String,
    pub closing: String,
}

impl FundsTotals {
    fn of(f: &Disclosure) -> FundsTotals {
        FundsTotals {
            raised: f.raised_total().zh(),
            opening: f.opening_total().zh(),
            available: f.available().zh(),
            used: f.used_total().zh(),
            closing: f.closing_total().zh(),
        }
    }
}

/// An organization's disclosure for a year.
#[derive(Debug, Serialize)]
pub struct DisclosureView<'a> {
    pub organization: OrgSummary<'a>,
    pub year: i16,
    pub sample: bool,
    pub raised: Vec<FundLineView<'a>>,
    pub managed: Vec<FundLineView<'a>>,
    pub used: Vec<FundLineView<'a>>,
    pub oversight: Vec<FundLineView<'a>>,
    pub totals: FundsTotals,
    /// More used than available (explained in the table).
    pub overspent: bool,
    /// Inline SVG bar charts of the sources and the uses.
    pub raised_chart: Option<String>,
    pub used_chart: Option<String>,
    /// Every year the organization has disclosed, newest first.
    pub years: Vec<FundsYearLink<'a>>,
}

/// Disclosure `i`'s page.
pub(super) fn disclosure(pages: &Pages<'_>, i: usize, ctx: &mut Context) -> Template {
    let d = &pages.site.directory;
    let f = &d.funds[i];
    let bars = |lines: &[FundLine]| -> Vec<Bar> {
        lines
            .iter()
            .filter_map(|l| {
                l.amount.map(|a| Bar {
                    label: l.item.clone(),
                    amounts: vec![a],
                })
            })
            .collect()
    };
    let view = DisclosureView {
        organization: OrgSummary::of(d, f.org),
        year: f.year,
        sample: f.sample(),
        raised: FundLineView::all(&f.raised),
        managed: FundLineView::all(&f.managed),
        used: FundLineView::all(&f.used),
        oversight: FundLineView::all(&f.oversight),
        totals: FundsTotals::of(f),
        overspent: f.used_total() > f.available(),
        raised_chart: bar_chart("chart-raised", &bars(&f.raised), &[0]),
        used_chart: bar_chart("chart-used", &bars(&f.used), &[1]),
        years: FundsYearLink::of_org(d, f.org),
    };
    let o = &d.organizations[f.org];
    let mut crumbs = page_views::breadcrumbs(&pages.site.content, f.section);
    crumbs.push(crumb(&o.name, &o.record.url));
    ctx.insert("disclosure", &view);
    ctx.insert("breadcrumbs", &crumbs);
    ("directory/funds.html", Some(f.section))
}

/// An organization's totals for a year, in the index.
#[derive(Debug, Serialize)]
pub struct FundsIndexRow<'a> {
    pub name: &'a str,
    pub organization_url: &'a str,
    pub url: &'a str,
    pub raised: String,
    pub used: String,
    pub closing: String,
    pub oversight: usize,
    pub sample: bool,
}

/// One organization type's disclosures of a year.
#[derive(Debug, Serialize)]
pub struct FundsTypeGroup<'a> {
    #[serde(rename = "type")]
    pub org_type: &'a str,
    pub url: &'a str,
    pub rows: Vec<FundsIndexRow<'a>>,
    pub raised: String,
    pub used: String,
}

/// A year in the index.
#[derive(Debug, Serialize)]
pub struct FundsYear<'a> {
    pub year: i16,
    pub groups: Vec<FundsTypeGroup<'a>>,
    /// Raised and used by organization type.
    pub chart: Option<String>,
    pub sample: bool,
}

/// The funds section's index: the years, newest first, each with its
/// organizations by type.
#[derive(Debug, Serialize)]
pub struct FundsIndexView<'a> {
    pub years: Vec<FundsYear<'a>>,
    pub sample: bool,
}

impl Pages<'_> {
    /// The index of the funds section `section`.
    pub(crate) fn funds_index(&self, section: usize) -> FundsIndexView<'_> {
        let d = &self.site.directory;
        let mine: Vec<&Disclosure> = d.funds.iter().filter(|f| f.section == section).collect();
        let mut years: Vec<i16> = mine.iter().map(|f| f.year).collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        let years = years
            .into_iter()
            .map(|year| {
                let groups: Vec<FundsTypeGroup<'_>> = d
                    .types
                    .iter()
                    .enumerate()
                    .filter_map(|(t, ty)| {
                        let of_type: Vec<&&Disclosure> = mine
                            .iter()
                            .filter(|f| f.year == year && d.organizations[f.org].org_type == t)
                            .collect();
                        if of_type.is_empty() {
                            return None;
                        }
                        let raised = Amount::sum(of_type.iter().map(|f| f.raised_total()));
                        let used = Amount::sum(of_type.iter().map(|f| f.used_total()));
                        Some(FundsTypeGroup {
                            org_type: &ty.name,
                            url: &ty.record.url,
                            rows: of_type
                                .iter()
                                .map(|f| {
                                    let o = &d.organizations[f.org];
                                    FundsIndexRow {
                                        name: &o.name,
                                        organization_url: &o.record.url,
                                        url: &f.url,
                                        raised: f.raised_total().zh(),
                                        used: f.used_total().zh(),
                                        closing: f.closing_total().zh(),
                                        oversight: f.oversight.len(),
                                        sample: f.sample(),
                                    }
                                })
                                .collect(),
                            raised: raised.zh(),
                            used: used.zh(),
                        })
                    })
                    .collect();
                let bars: Vec<Bar> = d
                    .types
                    .iter()
                    .enumerate()
                    .filter_map(|(t, ty)| {
                        let of_type = mine
                            .iter()
                            .filter(|f| f.year == year && d.organizations[f.org].org_type == t);
                        let (mut raised, mut used, mut any) = (0, 0, false);
                        for f in of_type {
                            raised += f.raised_total().0;
                            used += f.used_total().0;
                            any = true;
                        }
                        any.then(|| Bar {
                            label: ty.name.clone(),
                            amounts: vec![Amount(raised), Amount(used)],
                        })
                    })
                    .collect();
                FundsYear {
                    year,
                    chart: bar_chart(&format!("chart-{year}"), &bars, &[0, 1]),
                    sample: groups.iter().any(|g| g.rows.iter().any(|r| r.sample)),
                    groups,
                }
            })
            .collect::<Vec<_>>();
        FundsIndexView {
            sample: years.iter().any(|y| y.sample),
            years,
        }
    }
}

// ---------------------------------------------------------------------------
// Bar charts

/// A bar, or a group of bars (one per series), with its label.
#[derive(Debug)]
struct Bar {
    label: String,
    amounts: Vec<Amount>,
}

/// The series' fills: dark enough for 3:1 against white (WCAG 1.4.11),
/// each with its own pattern (diagonal lines, dots) in white.
const SERIES: [(&str, &str); 2] = [("#1d4f91", "lines"), ("#1b6e3a", "dots")];

/// The series' names, for the legend of a chart with more than one.
const SERIES_NAMES: [&str; 2] = ["筹集", "使用"];

const FONT: f64 = 14.0;
const BAR_HEIGHT: f64 = 22.0;
const GAP: f64 = 12.0;
const BAR_AREA: f64 = 300.0;

/// The width text takes, roughly: a CJK character is a square, other
/// characters about half as wide.
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { FONT * 0.6 } else { FONT })
        .sum()
}

/// A horizontal bar chart as inline SVG, named by the element
/// `{id}-caption` (the figure's caption in the template), with each bar's
/// label and amount written beside it and a `<desc>` with every figure.
/// `series` are the indices (in [`SERIES`]) of the fills of each bar's
/// amounts. `None` when there is nothing to draw.
fn bar_chart(id: &str, bars: &[Bar], fills: &[usize]) -> Option<String> {
    if bars.is_empty() || fills.is_empty() {
        return None;
    }
    let series = fills.len();
    let max = bars
        .iter()
        .flat_map(|b| &b.amounts)
        .map(|a| a.0)
        .max()
        .unwrap_or(0)
        .max(1);
    let label_width = bars
        .iter()
        .map(|b| text_width(&b.label))
        .fold(0.0, f64::max)
        .min(224.0)
        + 12.0;
    let amount_width = bars
        .iter()
        .flat_map(|b| &b.amounts)
        .map(|a| text_width(&a.zh()))
        .fold(0.0, f64::max);
    let legend = if series > 1 { FONT + GAP * 1.5 } else { 0.0 };
    let group = BAR_HEIGHT * series as f64 + GAP;
    let width = (label_width + BAR_AREA + 8.0 + amount_width + 8.0).ceil();
    let height = (legend + group * bars.len() as f64 + GAP / 2.0).ceil();
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {width} {height}\" \
         width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-caption\" \
         aria-describedby=\"{id}-desc\" font-size=\"{FONT}\">"
    );
    let desc: Vec<String> = bars
        .iter()
        .map(|b| {
            let amounts: Vec<String> = b
                .amounts
                .iter()
                .enumerate()
                .map(|(s, a)| {
                    if series > 1 {
                        format!("{} {}", SERIES_NAMES[fills[s] % SERIES.len()], a.zh())
                    } else {
                        a.zh()
                    }
                })
                .collect();
            format!("{}：{}", b.label, amounts.join("，"))
        })
        .collect();
    svg.push_str(&format!(
        "<desc id=\"{id}-desc\">{}</desc><defs>",
        escape_xml(&desc.join("；"))
    ));
    for (s, &fill) in fills.iter().enumerate() {
        let (colour, pattern) = SERIES[fill % SERIES.len()];
        let marks = match pattern {
            "lines" => {
                "<path d=\"M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4\" stroke=\"#fff\" stroke-width=\"1.5\"/>"
            }
            _ => "<circle cx=\"4\" cy=\"4\" r=\"1.5\" fill=\"#fff\"/>",
        };
        svg.push_str(&format!(
            "<pattern id=\"{id}-s{s}\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\">\
             <rect width=\"8\" height=\"8\" fill=\"{colour}\"/>{marks}</pattern>"
        ));
    }
    svg.push_str("</defs>");
    if series > 1 {
        let mut x = label_width;
        for (s, &fill) in fills.iter().enumerate() {
            let name = SERIES_NAMES[fill % SERIES.len()];
            svg.push_str(&format!(
                "<rect x=\"{x}\" y=\"2\" width=\"{FONT}\" height=\"{FONT}\" fill=\"url(#{id}-s{s})\" stroke=\"#000\"/>\
                 <text x=\"{}\" y=\"{}\" fill=\"#1a1a1a\">{name}</text>",
                x + FONT + 6.0,
                FONT
            ));
            x += FONT + 6.0 + text_width(name) + 24.0;
        }
    }
    for (i, bar) in bars.iter().enumerate() {
        let top = legend + GAP / 2.0 + group * i as f64;
        let mid = top + BAR_HEIGHT * series as f64 / 2.0 + FONT * 0.35;
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{mid:.1}\" text-anchor=\"end\" fill=\"#1a1a1a\">{}</text>",
            label_width - 8.0,
            escape_xml(&fit(&bar.label, label_width - 12.0))
        ));
        for (s, amount) in bar.amounts.iter().take(series).enumerate() {
            let y = top + BAR_HEIGHT * s as f64;
            let w = (amount.0 as f64 / max as f64 * BAR_AREA).max(1.0);
            svg.push_str(&format!(
                "<rect x=\"{label_width}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"url(#{id}-s{s})\" stroke=\"#000\" stroke-width=\"1\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" fill=\"#1a1a1a\">{}</text>",
                BAR_HEIGHT - 4.0,
                label_width + w + 6.0,
                y + BAR_HEIGHT / 2.0 + FONT * 0.3,
                escape_xml(&amount.zh())
            ));
        }
    }
    svg.push_str("</svg>");
    Some(svg)
}

/// `label`, cut with `…` to fit `width` (the table beside the chart has it
/// in full).
fn fit(label: &str, width: f64) -> String {
    if text_width(label) <= width {
        return label.to_string();
    }
    let mut out = String::new();
    for c in label.chars() {
        if text_width(&out) + text_width(&c.to_string()) + FONT > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_has_a_bar_and_a_label_for_each_figure() {
        let bars = [
            Bar {
                label: "财政拨款".into(),
                amounts: vec![Amount(123456700)],
            },
            Bar {
                label: "社会捐赠 <示例>".into(),
                amounts: vec![Amount(50000)],
            },
        ];
        let svg = bar_chart("c", &bars, &[0]).unwrap();
        assert_eq!(svg.matches("<rect x=").count(), 2, "{svg}");
        assert!(svg.contains("1,234,567.00 元") && svg.contains("500.00 元"));
        assert!(svg.contains("&lt;示例&gt;"), "labels are escaped");
        assert!(svg.contains("aria-labelledby=\"c-caption\""));
        assert!(bar_chart("c", &[], &[0]).is_none());
    }

    #[test]
    fn long_labels_are_cut() {
        let long = "一".repeat(40);
        let cut = fit(&long, 100.0);
        assert!(cut.ends_with('…') && text_width(&cut) <= 100.0 + FONT);
    }
}
