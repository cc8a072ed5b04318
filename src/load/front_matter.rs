//! Front matter: the YAML block between `---` lines at the top of a page or
//! section file, split from the body and parsed into typed fields. Dates are
//! checked here, with the line and column of the bad value.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use jiff::civil::{Date, DateTime, Time};
use serde::Deserialize;

use crate::base::diagnostics::Diagnostic;
use crate::base::width;
use crate::base::yaml::{self, Spanned};
use crate::model::content::{PageType, PolicyStatus, RecordKind, SortBy};

/// A file split into its front matter and its body.
pub struct Split<'a> {
    /// The YAML text (without the `---` lines).
    pub yaml: &'a str,
    /// Byte offset of the YAML in the file.
    pub yaml_offset: usize,
    /// The body after the closing `---` line.
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Split `text` at its `---` lines. A file without front matter is all body.
pub fn split<'a>(file: &Path, source: &Arc<str>, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[bom..];
    let first_line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_line_end].trim_end() != "---" {
        return Ok(Split {
            yaml: "",
            yaml_offset: bom,
            body: rest,
            body_offset: bom,
        });
    }
    let yaml_offset = bom + first_line_end;
    let mut offset = yaml_offset;
    for line in text[yaml_offset..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            let body_offset = offset + line.len();
            return Ok(Split {
                yaml: &text[yaml_offset..offset],
                yaml_offset,
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(
        Diagnostic::at(file, source, bom, 3, msg!("front-matter-unterminated"))
            .with_label(msg!("front-matter-unterminated-label"))
            .with_help(msg!("front-matter-unterminated-help")),
    )
}

/// The front matter of a page, as written.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PageFrontMatter {
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    pub date: Option<Spanned<String>>,
    pub updated: Option<Spanned<String>>,
    pub weight: Option<i64>,
    #[serde(default)]
    pub draft: bool,
    pub slug: Option<Spanned<String>>,
    pub template: Option<Spanned<String>>,
    #[serde(rename = "type", default)]
    pub page_type: Option<Spanned<PageType>>,
    /// For an interpretation: the policy it explains, as `@/path.md`.
    pub interprets: Option<Spanned<String>>,
    // Policy metadata (only with `type: policy`).
    /// 发文机关
    pub issuer: Option<Spanned<String>>,
    /// 发文字号
    pub doc_number: Option<Spanned<String>>,
    /// 成文日期
    pub written: Option<Spanned<String>>,
    /// 发布日期
    pub published: Option<Spanned<String>>,
    /// 主送
    pub addressee: Option<Spanned<String>>,
    /// 主题分类
    pub topics: Option<Spanned<Vec<String>>>,
    /// 有效性
    pub status: Option<Spanned<PolicyStatus>>,
    /// 施行日期
    pub effective: Option<Spanned<String>>,
    /// 有效期 (the last day in force)
    pub expires: Option<Spanned<String>>,
    pub amended_by: Option<Spanned<String>>,
    pub repealed_by: Option<Spanned<String>>,
    /// A short name people use for the policy.
    pub short_title: Option<Spanned<String>>,
    /// The date the text in force took effect, when the policy keeps its
    /// earlier texts in `versions/`.
    pub version_date: Option<Spanned<String>>,
    #[serde(default)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// The front matter of an earlier text of a policy
/// (`versions/2015-12-16.md`): all of it optional.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct VersionFrontMatter {
    /// The document that amended this text into the next one.
    pub amended_by: Option<Spanned<String>>,
    /// A note about this text.
    pub note: Option<String>,
}

/// The front matter of a section (`_index.md`).
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SectionFrontMatter {
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    pub weight: Option<i64>,
    #[serde(default)]
    pub sort_by: SortBy,
    pub paginate_by: Option<Spanned<usize>>,
    pub slug: Option<Spanned<String>>,
    pub template: Option<Spanned<String>>,
    pub page_template: Option<Spanned<String>>,
    /// The kind of directory record the section holds (`organization` …):
    /// its pages and tables are records, not pages.
    pub records: Option<RecordKind>,
    /// Leave the section out of the site navigation.
    #[serde(default)]
    pub hidden: bool,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// Parse front matter of type `T` from a split file.
pub fn parse<T: serde::de::DeserializeOwned>(
    file: &Path,
    source: &Arc<str>,
    split: &Split<'_>,
) -> Result<T, Diagnostic> {
    yaml::parse(file, source, split.yaml, split.yaml_offset)
}

/// A diagnostic at a front matter value.
pub fn error_at<T>(
    file: &Path,
    source: &Arc<str>,
    split: &Split<'_>,
    value: &Spanned<T>,
    message: impl Into<String>,
) -> Diagnostic {
    let (offset, len) = yaml::place(value, split.yaml, split.yaml_offset);
    Diagnostic::at(file, source, offset, len, message)
}

/// Parse a date or date-time as editors and Excel write them (local time,
/// Asia/Shanghai): `2015-12-16`, `2015-1-6`, `2015/12/16`, `2015年12月16日`,
/// each optionally followed by a time (`09:30`, `9:30`, `09:30:00`), and
/// the ISO forms `2015-12-16T09:30:00` and `2015-12-16T09:30:00+08:00`.
/// Full-width digits and separators are read as ASCII ones.
pub fn parse_datetime(text: &str) -> Result<DateTime, String> {
    let t = width::fold(text.trim());
    if let Some((date, time)) = editor_date(&t) {
        return Ok(date.to_datetime(time.unwrap_or(Time::midnight())));
    }
    let normal = t.replacen(' ', "T", 1);
    if let Ok(dt) = normal.parse::<DateTime>() {
        return Ok(dt);
    }
    if let Ok(ts) = normal.parse::<jiff::Timestamp>() {
        let offset = jiff::tz::offset(8);
        return Ok(offset.to_datetime(ts));
    }
    Err(msg!("not-a-datetime", text = text.trim()))
}

/// A date with no time (`2015-12-16`, `2015年12月16日`): an all-day event.
pub fn is_bare_date(text: &str) -> bool {
    let t = width::fold(text.trim());
    !t.contains([':', 'T', ' '])
}

/// Parse a calendar date (`2015-12-16`, `2015/12/16`, `2015年12月16日`).
pub fn parse_date(text: &str) -> Result<Date, String> {
    match editor_date(&width::fold(text.trim())) {
        Some((date, None)) => Ok(date),
        _ => Err(msg!("not-a-date", text = text.trim())),
    }
}

/// `year sep month sep day [日] [time]` with the separators `-`, `/` or
/// `年`/`月`; the time after a space, `T` or straight after `日`. `None`
/// when the text is not of that shape or names no real date or time
/// (`2027/13/1`, `25:00`).
fn editor_date(text: &str) -> Option<(Date, Option<Time>)> {
    let (year, rest) = leading_number(text, 4).filter(|(_, rest)| text.len() - rest.len() == 4)?;
    let sep = rest.chars().next()?;
    let rest = &rest[sep.len_utf8()..];
    let (month_end, day_end) = match sep {
        '-' => ('-', None),
        '/' => ('/', None),
        '年' => ('月', Some('日')),
        _ => return None,
    };
    let (month, rest) = leading_number(rest, 2)?;
    let rest = rest.strip_prefix(month_end)?;
    let (day, rest) = leading_number(rest, 2)?;
    let rest = match day_end {
        Some(end) => rest.strip_prefix(end)?,
        None => rest,
    };
    let date = Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()?;
    let rest = rest.trim_start();
    let rest = rest.strip_prefix('T').unwrap_or(rest);
    if rest.is_empty() {
        return Some((date, None));
    }
    let mut parts = rest.split(':');
    let hour = clock_number(parts.next()?, 1)?;
    let minute = clock_number(parts.next()?, 2)?;
    let second = match parts.next() {
        None => 0,
        Some(s) => clock_number(s, 2)?,
    };
    if parts.next().is_some() {
        return None;
    }
    Some((date, Some(Time::new(hour, minute, second, 0).ok()?)))
}

/// The digits at the start of `text` (one to `max`) as a number, and the
/// rest.
fn leading_number(text: &str, max: usize) -> Option<(u32, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > max {
        return None;
    }
    Some((text[..digits].parse().ok()?, &text[digits..]))
}

/// An hour, minute or second: `min` or two digits.
fn clock_number(text: &str, min: usize) -> Option<i8> {
    let ok = (min..=2).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| text.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(s: &str) -> Arc<str> {
        Arc::from(s)
    }

    #[test]
    fn splits_front_matter_and_body() {
        let s = src("---\ntitle: a\n---\nbody\n");
        let sp = split(Path::new("a.md"), &s, &s).unwrap();
        assert_eq!(sp.yaml, "title: a\n");
        assert_eq!(sp.body, "body\n");
        assert_eq!(&s[sp.body_offset..], "body\n");
    }

    #[test]
    fn unterminated_front_matter_is_an_error_at_line_one() {
        let s = src("---\ntitle: a\nbody\n");
        let e = split(Path::new("a.md"), &s, &s).err().unwrap();
        assert_eq!(e.location.unwrap().line, 1);
        assert!(e.message.contains("not terminated"));
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let s = src("# hi\n");
        let sp = split(Path::new("a.md"), &s, &s).unwrap();
        assert_eq!(sp.body, "# hi\n");
    }

    #[test]
    fn dates() {
        assert!(parse_datetime("2015-12-16").is_ok());
        assert!(parse_datetime("2015-12-16 09:30").is_ok());
        assert!(parse_datetime("2015-13-16").is_err());
        assert!(parse_datetime("2015-12-16T09:30:00+08:00").is_ok());
    }

    #[test]
    fn dates_as_chinese_offices_and_excel_write_them() {
        let day = |t: &str| parse_date(t).unwrap_or_else(|e| panic!("{t}: {e}"));
        let expected = jiff::civil::date(2027, 1, 15);
        for t in [
            "2027-01-15",
            "2027-1-15",
            "2027/1/15",
            "2027年1月15日",
            "２０２７年１月１５日",
        ] {
            assert_eq!(day(t), expected, "{t}");
            assert!(is_bare_date(t), "{t}");
        }
        let at_nine = jiff::civil::date(2027, 1, 15).at(9, 0, 0, 0);
        for t in [
            "2027/1/15 9:00",
            "2027-1-15 09:00",
            "2027年1月15日 9:00",
            "2027年1月15日9:00",
            "２０２７／１／１５\u{3000}９：００",
            "2027-01-15T09:00:00",
        ] {
            assert_eq!(parse_datetime(t), Ok(at_nine), "{t}");
            assert!(!is_bare_date(t), "{t}");
        }
        for bad in [
            "2027/13/1",
            "2027/2/30",
            "2027-1-15 25:00",
            "2027/1/15 9:60",
            "2027年1月15",
            "2027/1-15",
            "27/1/15",
            "2027/1/15 9",
            "2015-12-16 09:30",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
        for bad in [
            "2027/13/1",
            "2027-1-15 25:00",
            "2027/1/15 9:60",
            "2027年1月15",
        ] {
            assert!(parse_datetime(bad).is_err(), "{bad}");
        }
    }
}
