//! The lines of a policy body and what each one is: a chapter, section
//! or article heading, an item, a break, or free text (and which kind of
//! free block), read from its number as written (`第六条`, `一、`, `（一）`).

use super::amendment::is_amendment;
use super::document::{BlockKind, StructureError};
use super::numbers::{self, NumberError, is_chinese_numeral, is_digit, parse_number};

/// One line of the body, trimmed of the spaces real documents use; or
/// the rows of a table, which are one unit of the text.
#[derive(Clone, Copy)]
pub(super) struct Line<'a> {
    /// Trimmed content.
    pub(super) text: &'a str,
    /// Byte offset of `text` in the file.
    pub(super) offset: usize,
    /// Count of leading whitespace characters (to spot flush-right lines).
    pub(super) indent: usize,
    /// The rows of a markdown table (`| … |`), header and delimiter first.
    pub(super) table: bool,
}

pub(super) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}' | '\r' | '\u{feff}')
}

pub(super) fn lines(body: &str, body_offset: usize) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut offset = body_offset;
    for raw in body.split_inclusive('\n') {
        let without_newline = raw.trim_end_matches('\n');
        let start = without_newline.len() - without_newline.trim_start_matches(is_space).len();
        let text = without_newline.trim_matches(is_space);
        if !text.is_empty() {
            out.push(Line {
                text,
                offset: offset + start,
                indent: without_newline[..start].chars().count(),
                table: false,
            });
        }
        offset += raw.len();
    }
    out
}

/// A markdown table's delimiter row: `|---|:--:|`.
fn is_delimiter_row(text: &str) -> bool {
    let cells = text.trim_matches('|').split('|');
    text.starts_with('|')
        && cells
            .map(|c| c.trim_matches(is_space))
            .all(|c| c.contains('-') && c.chars().all(|ch| ch == '-' || ch == ':'))
}

/// The lines with each markdown table (a `| … |` row, a delimiter row and
/// the rows that follow on the next lines) made one unit, whose text is
/// the rows as written in `body` (which starts at `body_offset`).
pub(super) fn with_tables<'a>(
    lines: &[Line<'a>],
    body: &'a str,
    body_offset: usize,
) -> Vec<Line<'a>> {
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    // Rows of one table are on consecutive lines of the file.
    let next_line = |a: &Line<'_>, b: &Line<'_>| {
        let between = &body[a.offset + a.text.len() - body_offset..b.offset - body_offset];
        between.matches('\n').count() == 1
    };
    while i < lines.len() {
        let first = lines[i];
        let starts_table = first.text.starts_with('|')
            && lines
                .get(i + 1)
                .is_some_and(|d| is_delimiter_row(d.text) && next_line(&first, d));
        if !starts_table {
            out.push(first);
            i += 1;
            continue;
        }
        let mut last = i + 1;
        while lines
            .get(last + 1)
            .is_some_and(|r| r.text.starts_with('|') && next_line(&lines[last], r))
        {
            last += 1;
        }
        let end = lines[last].offset + lines[last].text.len() - body_offset;
        out.push(Line {
            text: &body[first.offset - body_offset..end],
            table: true,
            ..first
        });
        i = last + 1;
    }
    out
}

/// The characters of a line without the spaces set between them, as in
/// headings spaced out to the width of the page (`附　　则`).
fn unspaced(text: &str) -> String {
    text.chars().filter(|&c| !is_space(c)).collect()
}

/// A line that is only `word`, however spaced: `目　　录` for `目录`.
pub(super) fn is_word(text: &str, word: &str) -> bool {
    text.len() <= word.len() * 4 && unspaced(text) == word
}

/// Two heading lines that say the same (`第一章　总　　则` and `第一章 总则`):
/// where a pasted table of contents (目录) ends and the text begins.
pub(super) fn same_heading(a: &str, b: &str) -> bool {
    unspaced(a) == unspaced(b)
}

/// The line that starts an attachment (附件 or 附表) after the main text:
/// the word, a number if there are several, and a title after a colon
/// (`附件1`, `附件一：`, `附表2：示例统计表`, `附件`). `附件：1．…` is not one:
/// that is the list of attachments (附件说明) in the text.
pub(super) struct AttachmentMarker<'a> {
    /// The marker as written, without the colon: `附件1`.
    pub(super) num: &'a str,
    pub(super) title: Option<&'a str>,
}

pub(super) fn attachment_marker(text: &str) -> Option<AttachmentMarker<'_>> {
    let rest = text
        .strip_prefix("附件")
        .or_else(|| text.strip_prefix("附表"))?;
    let digits: usize = rest
        .chars()
        .take_while(|&c| is_digit(c) || is_chinese_numeral(c))
        .map(char::len_utf8)
        .sum();
    let num = &text[..text.len() - rest.len() + digits];
    let after = &rest[digits..];
    if after.is_empty() {
        return Some(AttachmentMarker { num, title: None });
    }
    let title = after
        .strip_prefix(['：', ':'])?
        .trim_start_matches(is_space);
    match (title.is_empty(), digits) {
        (true, _) => Some(AttachmentMarker { num, title: None }),
        (false, 0) => None,
        (false, _) => Some(AttachmentMarker {
            num,
            title: Some(title),
        }),
    }
}

/// The lines of the list of attachments in the text (附件说明:
/// `附件：1．示例办法` and the `2．…` lines under it), which are text, not
/// numbered articles.
pub(super) fn attachment_list(lines: &[Line<'_>]) -> Vec<bool> {
    let mut listed = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let first = lines[i]
            .text
            .strip_prefix("附件")
            .and_then(|r| r.strip_prefix(['：', ':']))
            .map(|r| r.trim_start_matches(is_space))
            .and_then(|r| enumerator(r, is_digit, &['．', '.', '、']));
        let Some((mut last, _, _)) = first else {
            i += 1;
            continue;
        };
        listed[i] = true;
        i += 1;
        while let Some((n, _, _)) = lines
            .get(i)
            .and_then(|l| enumerator(l.text, is_digit, &['．', '.', '、']))
            .filter(|&(n, _, _)| n == last + 1)
        {
            listed[i] = true;
            last = n;
            i += 1;
        }
    }
    listed
}

/// What a line of the main text is.
#[derive(Debug, PartialEq)]
pub(super) enum Kind<'a> {
    Part(Ordinal<'a>),
    /// 分编: a part of a part (`第一分编`), above its chapters.
    Subpart(Ordinal<'a>),
    Chapter(Ordinal<'a>),
    Section(Ordinal<'a>),
    Article(Ordinal<'a>),
    Item {
        level: u8,
        number: u32,
        num: &'a str,
        rest: &'a str,
    },
    /// `第X章`, `第X节` or `第X条` whose number cannot be read: an error,
    /// never a paragraph of the unit before it.
    BadNumber {
        num: &'a str,
        unit: &'static str,
        error: NumberError,
    },
    Break,
    /// A table: the rows of a markdown table, one unit.
    Table,
    Text,
}

/// A heading number as written (`第六条`, `第十七条之一`), its value, the
/// number of an inserted unit (`之一` → 1), and the text after it.
#[derive(Debug, PartialEq)]
pub(super) struct Ordinal<'a> {
    pub(super) number: u32,
    /// `Some(n)` for the unit inserted as `之n` after the one numbered `number`.
    pub(super) sub: Option<u32>,
    pub(super) num: &'a str,
    pub(super) rest: &'a str,
}

impl Ordinal<'_> {
    /// The unit's id: `art_17`, or `art_17-1` for `第十七条之一` (an
    /// inserted unit, Akoma Ntoso style).
    pub(super) fn eid(&self, prefix: &str) -> String {
        match self.sub {
            Some(sub) => format!("{prefix}_{}-{sub}", self.number),
            None => format!("{prefix}_{}", self.number),
        }
    }
}

/// `之一`, `之二` … right after a heading number: the number of a unit
/// inserted after the one it names, and the length of the suffix.
fn inserted(after: &str) -> Option<(u32, usize)> {
    let rest = after.strip_prefix('之')?;
    let len: usize = rest
        .chars()
        .take_while(|&c| is_chinese_numeral(c) || is_digit(c))
        .map(char::len_utf8)
        .sum();
    let sub = numbers::parse(&rest[..len]).ok().filter(|&n| n > 0)?;
    Some((sub, '之'.len_utf8() + len))
}

/// `第X章`, `第X节`, `第X条` at the start of a line: `None` when the line
/// is not one, `Some(Err((num, why)))` when it is one whose number cannot be
/// read (`第4294967296条`, `第十十条`).
#[allow(clippy::type_complexity)]
pub(super) fn ordinal<'a>(
    text: &'a str,
    unit: &str,
) -> Option<Result<Ordinal<'a>, (&'a str, NumberError)>> {
    let rest = text.strip_prefix('第')?;
    let digits_len: usize = rest
        .chars()
        .take_while(|&c| is_chinese_numeral(c) || is_digit(c))
        .map(char::len_utf8)
        .sum();
    if digits_len == 0 {
        return None;
    }
    let mut after = rest[digits_len..].strip_prefix(unit)?;
    let sub = inserted(after).map(|(sub, len)| {
        after = &after[len..];
        sub
    });
    let num_len = text.len() - after.len();
    let num = &text[..num_len];
    Some(match numbers::parse(&rest[..digits_len]) {
        Ok(number) => Ok(Ordinal {
            number,
            sub,
            num,
            rest: after.trim_start_matches(is_space),
        }),
        Err(e) => Err((num, e)),
    })
}

/// A number followed by one of `seps` at the start of a line (`一、`, `1．`).
pub(super) fn enumerator<'a>(
    text: &'a str,
    digit: fn(char) -> bool,
    seps: &[char],
) -> Option<(u32, &'a str, &'a str)> {
    let digits_len: usize = text
        .chars()
        .take_while(|&c| digit(c))
        .map(char::len_utf8)
        .sum();
    if digits_len == 0 {
        return None;
    }
    let after_digits = &text[digits_len..];
    let sep = after_digits.chars().next()?;
    if !seps.contains(&sep) {
        return None;
    }
    let after = &after_digits[sep.len_utf8()..];
    // `1.5倍` is a number, not an enumerator.
    if after
        .chars()
        .next()
        .is_some_and(|c| is_digit(c) || c == '%')
    {
        return None;
    }
    let number = parse_number(&text[..digits_len])?;
    Some((
        number,
        &text[..digits_len + sep.len_utf8()],
        after.trim_start_matches(is_space),
    ))
}

/// `（一）`, `(一)`, `（1）`, `(1)` at the start of a line.
pub(super) fn parenthesised(text: &str) -> Option<(u8, u32, &str, &str)> {
    let open = text.chars().next()?;
    if open != '（' && open != '(' {
        return None;
    }
    let inner = &text[open.len_utf8()..];
    let digits_len: usize = inner
        .chars()
        .take_while(|&c| is_chinese_numeral(c) || is_digit(c))
        .map(char::len_utf8)
        .sum();
    if digits_len == 0 {
        return None;
    }
    let digits = &inner[..digits_len];
    let after = &inner[digits_len..];
    let close = after.chars().next()?;
    if close != '）' && close != ')' {
        return None;
    }
    let number = parse_number(digits)?;
    let level = if digits.chars().all(is_digit) { 2 } else { 1 };
    let num_len = open.len_utf8() + digits_len + close.len_utf8();
    Some((
        level,
        number,
        &text[..num_len],
        text[num_len..].trim_start_matches(is_space),
    ))
}

/// A level-1 heading line: `#` then the title, with or without a space
/// (half-width or full-width) between them; `##` is not one.
pub(super) fn is_title_heading(text: &str) -> bool {
    text.starts_with('#') && !text.starts_with("##")
}

fn is_thematic_break(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    t.len() >= 3
        && (t.chars().all(|c| c == '*')
            || t.chars().all(|c| c == '-')
            || t.chars().all(|c| c == '_'))
}

/// Context that decides what an ambiguous line is.
#[derive(Default)]
pub(super) struct Seen {
    pub(super) has_zhang: bool,
    pub(super) has_tiao: bool,
    pub(super) chapters: usize,
}

pub(super) fn classify<'a>(text: &'a str, seen: &Seen) -> Kind<'a> {
    let Seen {
        has_zhang,
        has_tiao,
        ..
    } = *seen;
    if is_thematic_break(text) {
        return Kind::Break;
    }
    for unit in ["编", "分编", "章", "节", "条"] {
        match ordinal(text, unit) {
            None => {}
            Some(Err((num, error))) => return Kind::BadNumber { num, unit, error },
            Some(Ok(ordinal)) => {
                return match unit {
                    "编" => Kind::Part(ordinal),
                    "分编" => Kind::Subpart(ordinal),
                    "章" => Kind::Chapter(ordinal),
                    "节" => Kind::Section(ordinal),
                    _ => Kind::Article(ordinal),
                };
            }
        }
    }
    if let Some((number, num, rest)) = enumerator(text, is_chinese_numeral, &['、', '．', '.']) {
        // `一、` is a part of the document, unless the document has 第X章
        // parts, or uses 第X条 articles and this line reads like an item
        // (ends with punctuation, or does not continue the parts' count).
        // An amending instruction (`一、将第七条修改为：…`) is always an item.
        let item_like = rest.ends_with(['。', '；', ';', '，', ',', '：', ':'])
            || number as usize != seen.chapters + 1;
        return if has_zhang || (has_tiao && item_like) || is_amendment(rest) {
            Kind::Item {
                level: 1,
                number,
                num,
                rest,
            }
        } else {
            Kind::Chapter(Ordinal {
                number,
                sub: None,
                num,
                rest,
            })
        };
    }
    if let Some((number, num, rest)) = enumerator(text, is_digit, &['．', '.', '、']) {
        return if has_tiao || is_amendment(rest) {
            Kind::Item {
                level: 2,
                number,
                num,
                rest,
            }
        } else {
            Kind::Article(Ordinal {
                number,
                sub: None,
                num,
                rest,
            })
        };
    }
    if let Some((level, number, num, rest)) = parenthesised(text) {
        return Kind::Item {
            level,
            number,
            num,
            rest,
        };
    }
    Kind::Text
}

/// A date line as set under a document: `2015年12月16日`, `二〇一五年十二月十六日`.
pub(super) fn is_date(t: &str) -> bool {
    let parts: Vec<&str> = t.split(['年', '月', '日']).collect();
    t.ends_with('日')
        && parts.len() == 4
        && parts[..3]
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| is_digit(c) || is_chinese_numeral(c)))
}

pub(super) fn block_kind(line: &Line<'_>, in_notice: bool) -> BlockKind {
    if line.table {
        return BlockKind::Table;
    }
    let t = line.text;
    if is_date(t) {
        BlockKind::Date
    } else if line.indent >= 8 && t.chars().count() <= 30 {
        BlockKind::Signature
    } else if in_notice && (t.ends_with('：') || t.ends_with(':')) && t.chars().count() <= 120 {
        BlockKind::Addressee
    } else {
        BlockKind::Paragraph
    }
}

/// The error for a heading whose number cannot be read.
pub(super) fn bad_number(
    num: &str,
    unit: &str,
    error: NumberError,
    line: &Line<'_>,
) -> StructureError {
    let kind = match unit {
        "编" => "part",
        "分编" => "subpart",
        "章" => "chapter",
        "节" => "section",
        _ => "article",
    };
    let (message, help) = match error {
        NumberError::TooLarge => (
            msg!("policy-number-too-large", num = num, kind = kind),
            msg!("policy-number-too-large-help", unit = unit, kind = kind),
        ),
        NumberError::Invalid => (
            msg!("policy-number-unreadable", num = num, kind = kind),
            msg!("policy-number-unreadable-help", unit = unit, kind = kind),
        ),
    };
    StructureError {
        message,
        offset: line.offset,
        len: num.len(),
        help: Some(help),
    }
}
