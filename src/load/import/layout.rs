//! The parts of an official document laid out by GB/T 9704-2012, found in
//! the paragraphs of a Word file: 份号, 密级 and 紧急程度 and the
//! 发文机关标志 above the 发文字号; the 标题 and the 主送机关; the 正文;
//! then 附件说明, 发文机关署名, 成文日期 and 附注; the 附件 on pages of
//! their own; and the 版记 (抄送, 印发机关和印发日期) at the very end.
//! Each part is found by how the standard sets it, never by guessing at
//! words in the body.

use std::ops::Range;

use super::docx::{Block, WordDocument};
use crate::model::policy::numbers;

/// Where each part is, as indices into the document's blocks.
#[derive(Debug, Default, Clone)]
pub struct Layout {
    /// 份号, 密级和保密期限, 紧急程度.
    pub front: Vec<usize>,
    /// 发文机关标志.
    pub mark: Vec<usize>,
    /// 发文字号: the paragraph and the number.
    pub doc_number: Option<(usize, String)>,
    /// 标题 (a long title takes two or three paragraphs).
    pub title: Vec<usize>,
    /// 主送机关.
    pub addressee: Option<usize>,
    /// 正文.
    pub body: Range<usize>,
    /// 附件说明.
    pub attachment_note: Vec<usize>,
    /// 发文机关署名.
    pub signature: Vec<usize>,
    /// 成文日期: the paragraph and the date (`2015-12-16`).
    pub date: Option<(usize, String)>,
    /// 附注.
    pub annotation: Option<usize>,
    /// 附件.
    pub attachments: Range<usize>,
    /// 版记.
    pub imprint: Range<usize>,
    /// 抄送机关 (the line).
    pub cc: Option<usize>,
    /// 印发机关和印发日期 (the line).
    pub printed: Option<usize>,
    /// The text a notice issues, when it follows the notice.
    pub issued: Option<Issued>,
}

/// The text issued by a notice (`关于印发《示例办法》的通知` and then
/// 示例办法 itself), as indices into the document's blocks.
#[derive(Debug, Default, Clone)]
pub struct Issued {
    /// Its title (one to three lines).
    pub title: Vec<usize>,
    /// Its body, up to its attachments or the 版记.
    pub body: Range<usize>,
}

/// The text of block `i` as one line (line breaks taken out), or `None`
/// for a table.
fn line(doc: &WordDocument, i: usize) -> Option<String> {
    match doc.blocks.get(i)? {
        Block::Paragraph(p) => Some(
            p.plain()
                .replace('\n', "")
                .trim_matches(is_space)
                .to_string(),
        ),
        Block::Table(_) => None,
    }
}

/// The lines of block `i`: a paragraph's, or a table's rows, each with its
/// cells' text joined by a full-width space.
pub fn lines_of(doc: &WordDocument, i: usize) -> Vec<String> {
    match doc.blocks.get(i) {
        Some(Block::Table(t)) => t
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|c| {
                        c.paragraphs
                            .iter()
                            .map(|p| {
                                p.plain()
                                    .replace('\n', "")
                                    .trim_matches(is_space)
                                    .to_string()
                            })
                            .collect::<String>()
                    })
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join("\u{3000}")
            })
            .filter(|t| !t.is_empty())
            .collect(),
        Some(Block::Paragraph(_)) => line(doc, i).into_iter().collect(),
        None => vec![],
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

fn centered(doc: &WordDocument, i: usize) -> bool {
    matches!(doc.blocks.get(i), Some(Block::Paragraph(p)) if p.centered)
}

fn page_break(doc: &WordDocument, i: usize) -> bool {
    matches!(doc.blocks.get(i), Some(Block::Paragraph(p)) if p.page_break_before)
}

fn numbered(doc: &WordDocument, i: usize) -> bool {
    matches!(doc.blocks.get(i), Some(Block::Paragraph(p)) if p.label.is_some())
}

fn is_digit(c: char) -> bool {
    numbers::is_digit(c)
}

/// A 发文字号 in `text`: issuer's abbreviation, year in brackets, number,
/// 号 (`绍市委办〔2015〕12号`).
pub fn find_doc_number(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    for i in 0..chars.len() {
        let Some(close) = (match chars[i] {
            '〔' => Some('〕'),
            '[' => Some(']'),
            '［' => Some('］'),
            '(' => Some(')'),
            '（' => Some('）'),
            '【' => Some('】'),
            _ => None,
        }) else {
            continue;
        };
        let year = chars.get(i + 1..i + 5)?;
        if !year.iter().all(|&c| is_digit(c)) || chars.get(i + 5) != Some(&close) {
            continue;
        }
        let mut j = i + 6;
        while chars.get(j).is_some_and(|&c| is_digit(c)) {
            j += 1;
        }
        if j == i + 6 || chars.get(j) != Some(&'号') {
            continue;
        }
        let mut start = i;
        while start > 0 && {
            let c = chars[start - 1];
            !is_space(c) && !matches!(c, '：' | ':' | '，' | ',' | '。' | '；')
        } {
            start -= 1;
        }
        if start == i || i - start > 16 {
            continue;
        }
        return Some(chars[start..=j].iter().collect());
    }
    None
}

/// The first date in `text` (`2015年12月16日`, `二〇一五年十二月十六日`):
/// its character range and ISO form.
pub fn find_date(text: &str) -> Option<(Range<usize>, String)> {
    let chars: Vec<char> = text.chars().collect();
    let numeral = |c: char| is_digit(c) || numbers::is_chinese_numeral(c) || c == '〇';
    for (y, _) in chars.iter().enumerate().filter(|&(_, &c)| c == '年') {
        let mut start = y;
        while start > 0 && numeral(chars[start - 1]) {
            start -= 1;
        }
        if y - start != 4 {
            continue;
        }
        let take = |from: usize, unit: char| -> Option<(u32, usize)> {
            let mut k = from;
            while chars.get(k).is_some_and(|&c| numeral(c)) {
                k += 1;
            }
            if k == from || chars.get(k) != Some(&unit) {
                return None;
            }
            let s: String = chars[from..k].iter().collect();
            Some((numbers::parse(&s).ok()?, k + 1))
        };
        let year: String = chars[start..y].iter().collect();
        let Ok(year) = numbers::parse(&year) else {
            continue;
        };
        let Some((month, after_month)) = take(y + 1, '月') else {
            continue;
        };
        let Some((day, end)) = take(after_month, '日') else {
            continue;
        };
        let valid = i16::try_from(year)
            .ok()
            .zip(i8::try_from(month).ok())
            .zip(i8::try_from(day).ok())
            .is_some_and(|((y, m), d)| jiff::civil::Date::new(y, m, d).is_ok());
        if valid {
            return Some((start..end, format!("{year:04}-{month:02}-{day:02}")));
        }
    }
    None
}

/// A line that is only a date.
fn date_line(text: &str) -> Option<String> {
    let compact: String = text.chars().filter(|&c| !is_space(c)).collect();
    let (range, iso) = find_date(&compact)?;
    (range.start == 0 && range.end == compact.chars().count()).then_some(iso)
}

/// 份号 (six digits), 密级和保密期限, 紧急程度.
fn is_front(text: &str) -> bool {
    let t: String = text.chars().filter(|&c| !is_space(c)).collect();
    (t.chars().count() == 6 && t.chars().all(is_digit))
        || ((t.contains("秘密") || t.contains("机密") || t.contains("绝密"))
            && t.chars().count() <= 16)
        || matches!(t.as_str(), "特急" | "加急" | "特提" | "平急")
}

/// `（此件公开发布）`, `（联系人：…）`: a whole line in brackets.
fn is_annotation(text: &str) -> bool {
    let open = text.starts_with('（') || text.starts_with('(');
    let close = text.ends_with('）') || text.ends_with(')');
    open && close && text.chars().count() <= 80
}

/// The line that opens an attachment: `附件`, `附件1`, `附件2-1`, `附件一`.
fn is_attachment_heading(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("附件") else {
        return false;
    };
    rest.chars().count() <= 6
        && rest
            .chars()
            .all(|c| is_digit(c) || numbers::is_chinese_numeral(c) || matches!(c, '-' | '－' | '—'))
}

fn is_attachment_note(text: &str) -> bool {
    text.starts_with("附件：") || text.starts_with("附件:")
}

/// `2．…`: a numbered line (of the 附件说明), never a signature.
fn starts_numbered(text: &str) -> bool {
    let rest = text.trim_start_matches(is_digit);
    rest.len() < text.len() && rest.starts_with(['．', '.', '、'])
}

/// `XX办公室　　2015年12月17日印发`.
fn is_printed_line(text: &str) -> bool {
    text.trim_end_matches(is_space).ends_with("印发") && find_date(text).is_some()
}

fn is_cc_line(text: &str) -> bool {
    text.starts_with("抄送") || text.starts_with("主题词")
}

/// Find the parts.
pub fn layout(doc: &WordDocument) -> Layout {
    let n = doc.blocks.len();
    let mut l = Layout::default();
    let filled: Vec<usize> = (0..n)
        .filter(|&i| line(doc, i).is_none_or(|t| !t.is_empty()))
        .collect();
    let text = |i: usize| line(doc, i).unwrap_or_default();

    // The head: front lines, the mark, the 发文字号.
    let mut pos = 0; // index into `filled` where the title search starts
    let mut candidates = vec![];
    for (k, &i) in filled.iter().enumerate().take(12) {
        let Some(t) = line(doc, i) else { break };
        // The line is the number (with 签发人 beside it, in a report to
        // a higher office), never a sentence that cites one.
        let found = find_doc_number(&t)
            .filter(|n| t.chars().count() <= n.chars().count() + 16 && !t.ends_with('。'));
        if let Some(number) = found {
            l.doc_number = Some((i, number));
            l.mark = std::mem::take(&mut candidates);
            pos = k + 1;
            break;
        }
        if is_front(&t) {
            l.front.push(i);
        } else {
            candidates.push(i);
        }
    }
    if l.doc_number.is_none() {
        // No 发文字号: the mark is the lines ending in 文件 at the top.
        l.front.clear();
        pos = 0;
        for (k, &i) in filled.iter().enumerate().take(12) {
            let t = text(i);
            if is_front(&t) {
                l.front.push(i);
            } else if t.ends_with("文件") && t.chars().count() <= 40 {
                l.mark.push(i);
            } else {
                break;
            }
            pos = k + 1;
        }
    }

    // The title: the next paragraph, with the centred ones after it.
    if let Some(&first) = filled.get(pos) {
        if line(doc, first).is_some() {
            l.title.push(first);
            pos += 1;
            if centered(doc, first) {
                while let Some(&i) = filled.get(pos) {
                    let Some(t) = line(doc, i) else { break };
                    if l.title.len() >= 3
                        || !centered(doc, i)
                        || t.ends_with('：')
                        || t.ends_with(':')
                        || date_line(&t).is_some()
                        || numbered(doc, i)
                    {
                        break;
                    }
                    l.title.push(i);
                    pos += 1;
                }
            }
        }
    }
    // The addressee.
    if let Some(&i) = filled.get(pos) {
        if let Some(t) = line(doc, i) {
            if (t.ends_with('：') || t.ends_with(':'))
                && t.chars().count() <= 120
                && !numbered(doc, i)
                && !t.starts_with('第')
            {
                l.addressee = Some(i);
                pos += 1;
            }
        }
    }
    let body_start = filled.get(pos).copied().unwrap_or(n);

    // The imprint at the very end.
    let tail: Vec<usize> = filled
        .iter()
        .copied()
        .filter(|&i| i >= body_start)
        .rev()
        .take(8)
        .collect();
    // A table of its own (ruled lines drawn as borders) counts by its rows.
    for &i in &tail {
        let lines = lines_of(doc, i);
        if l.printed.is_none() && lines.iter().any(|t| is_printed_line(t)) {
            l.printed = Some(i);
        }
        if lines.iter().any(|t| is_cc_line(t)) {
            l.cc = Some(i);
        }
    }
    if l.printed.is_none() {
        l.cc = None;
    }
    let imprint_start = match (l.cc, l.printed) {
        (Some(c), Some(p)) => c.min(p),
        (None, Some(p)) => p,
        _ => n,
    };
    l.imprint = imprint_start..n;

    // A notice that issues a text (`关于印发《示例办法》的通知`) followed
    // by that text: the notice closes before it, the text is the body.
    let name = l.title_text(doc).and_then(|t| issued_name(&t));
    if let Some((title, heading)) = name
        .as_deref()
        .and_then(|name| find_issued(doc, &filled, name, body_start, imprint_start))
    {
        let notice_end = heading.unwrap_or(title[0]);
        let end = closing(doc, &filled, body_start, notice_end, &mut l);
        l.body = body_start..end;
        let text_start = title.last().map_or(notice_end, |&t| t + 1);
        let attachments_start = attachments_from(doc, &filled, text_start, imprint_start);
        l.attachments = attachments_start..imprint_start;
        l.issued = Some(Issued {
            title,
            body: text_start..attachments_start,
        });
        return l;
    }

    let attachments_start = attachments_from(doc, &filled, body_start, imprint_start);
    l.attachments = attachments_start..imprint_start;
    let end = closing(doc, &filled, body_start, attachments_start, &mut l);
    l.body = body_start..end;
    l
}

/// The first page that opens with 附件… after `from`, else `stop`.
fn attachments_from(doc: &WordDocument, filled: &[usize], from: usize, stop: usize) -> usize {
    filled
        .iter()
        .copied()
        .filter(|&i| i > from && i < stop)
        .find(|&i| {
            let t = line(doc, i).unwrap_or_default();
            is_attachment_heading(&t) && (page_break(doc, i) || t.chars().count() <= 4)
        })
        .unwrap_or(stop)
}

/// `关于印发《示例办法》的通知` → `示例办法`.
fn issued_name(title: &str) -> Option<String> {
    if !title.contains("印发") && !title.contains("转发") {
        return None;
    }
    let open = title.find('《')? + '《'.len_utf8();
    let close = open + title[open..].find('》')?;
    let name = &title[open..close];
    (!name.is_empty()).then(|| name.to_string())
}

/// The title of the issued text (its lines) after the notice, and a
/// `附件` line just before it.
fn find_issued(
    doc: &WordDocument,
    filled: &[usize],
    name: &str,
    from: usize,
    stop: usize,
) -> Option<(Vec<usize>, Option<usize>)> {
    let squeeze = |t: &str| -> String { t.chars().filter(|&c| !is_space(c)).collect() };
    let name = squeeze(name);
    let candidates: Vec<usize> = filled
        .iter()
        .copied()
        .filter(|&i| i > from && i < stop)
        .collect();
    for k in 0..candidates.len() {
        let mut joined = String::new();
        let mut lines = vec![];
        for &j in candidates[k..].iter().take(3) {
            let Some(t) = line(doc, j) else { break };
            if !lines.is_empty() && !centered(doc, j) {
                break;
            }
            joined.push_str(&squeeze(&t));
            lines.push(j);
            if joined == name {
                let heading = k
                    .checked_sub(1)
                    .map(|p| candidates[p])
                    .filter(|&p| is_attachment_heading(&line(doc, p).unwrap_or_default()));
                return Some((lines, heading));
            }
            if !name.starts_with(&joined) {
                break;
            }
        }
    }
    None
}

/// The closing of a text that ends before `stop`, found from its end
/// (附件说明, 署名, 成文日期, 附注, filled into `l`); where its body ends.
fn closing(
    doc: &WordDocument,
    filled: &[usize],
    body_start: usize,
    stop: usize,
    l: &mut Layout,
) -> usize {
    let text = |i: usize| line(doc, i).unwrap_or_default();
    let mut closing: Vec<usize> = filled
        .iter()
        .copied()
        .filter(|&i| i >= body_start && i < stop)
        .collect();
    let mut end = stop;
    let last_text = |c: &Vec<usize>| c.last().and_then(|&i| line(doc, i));
    if let Some(t) = last_text(&closing) {
        let before_last = closing
            .len()
            .checked_sub(2)
            .and_then(|k| line(doc, closing[k]));
        if is_annotation(&t) && before_last.as_deref().and_then(date_line).is_some() {
            l.annotation = closing.pop();
        }
    }
    if let Some(t) = last_text(&closing) {
        if let Some(iso) = date_line(&t) {
            let i = closing.pop().unwrap_or_default();
            l.date = Some((i, iso));
            end = i;
            while l.signature.len() < 3 {
                let Some(t) = last_text(&closing) else { break };
                let k = closing[closing.len() - 1];
                if t.chars().count() > 30
                    || t.ends_with(['。', '；', '，', '：', ';', ',', ':'])
                    || is_attachment_note(&t)
                    || numbered(doc, k)
                    || t.starts_with('第')
                    || starts_numbered(&t)
                {
                    break;
                }
                l.signature.insert(0, k);
                closing.pop();
                end = k;
            }
        }
    }
    // 附件说明: from a line `附件：…` to the signature.
    if let Some(k) = closing
        .iter()
        .rev()
        .take(12)
        .copied()
        .find(|&i| is_attachment_note(&text(i)))
    {
        l.attachment_note = closing.iter().copied().filter(|&i| i >= k).collect();
        end = k;
    }
    if l.date.is_none() && l.attachment_note.is_empty() {
        end = stop;
    }
    end.max(body_start)
}

impl Layout {
    /// 发文机关 from the mark (`…文件` taken off; several issuers joined
    /// with 、), else from the signature.
    pub fn issuer(&self, doc: &WordDocument) -> Option<String> {
        let from = |lines: &[usize], strip: bool| -> Option<String> {
            let names: Vec<String> = lines
                .iter()
                .filter_map(|&i| line(doc, i))
                .map(|t| {
                    if strip {
                        t.trim_end_matches("文件")
                            .trim_matches(is_space)
                            .to_string()
                    } else {
                        t
                    }
                })
                .filter(|t| !t.is_empty())
                .collect();
            (!names.is_empty()).then(|| names.join("、"))
        };
        from(&self.mark, true).or_else(|| from(&self.signature, false))
    }

    /// The title as one line.
    pub fn title_text(&self, doc: &WordDocument) -> Option<String> {
        let t: String = self.title.iter().filter_map(|&i| line(doc, i)).collect();
        (!t.is_empty()).then_some(t)
    }

    /// The title of the text a notice issues, as one line.
    pub fn issued_title(&self, doc: &WordDocument) -> Option<String> {
        let t: String = self
            .issued
            .as_ref()?
            .title
            .iter()
            .filter_map(|&i| line(doc, i))
            .collect();
        (!t.is_empty()).then_some(t)
    }

    /// The addressee without its colon.
    pub fn addressee_text(&self, doc: &WordDocument) -> Option<String> {
        let t = line(doc, self.addressee?)?;
        Some(t.trim_end_matches(['：', ':']).to_string())
    }

    /// One part's line, as printed (a table's rows joined).
    pub fn text(&self, doc: &WordDocument, i: usize) -> String {
        lines_of(doc, i).join(" / ")
    }

    /// The 抄送 line.
    pub fn cc_text(&self, doc: &WordDocument) -> Option<String> {
        lines_of(doc, self.cc?).into_iter().find(|t| is_cc_line(t))
    }

    /// The 印发 line split: the office and the ISO date.
    pub fn printed_by(&self, doc: &WordDocument) -> Option<(String, String)> {
        let t = lines_of(doc, self.printed?)
            .into_iter()
            .find(|t| is_printed_line(t))?;
        let (range, iso) = find_date(&t)?;
        let office: String = t.chars().take(range.start).collect();
        Some((office.trim_matches(is_space).to_string(), iso))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_numbers() {
        assert_eq!(
            find_doc_number("绍市委办〔2015〕12号").as_deref(),
            Some("绍市委办〔2015〕12号")
        );
        assert_eq!(
            find_doc_number("签发人：张三　示例发[2025]3号").as_deref(),
            Some("示例发[2025]3号")
        );
        assert_eq!(find_doc_number("（2015）"), None);
        assert_eq!(find_doc_number("〔2015〕12号"), None);
    }

    #[test]
    fn a_sentence_that_cites_a_doc_number_is_not_the_header() {
        use super::super::docx::{Paragraph, Run};
        let p = |t: &str| {
            Block::Paragraph(Paragraph {
                runs: vec![Run::Text {
                    text: t.into(),
                    bold: false,
                    italic: false,
                }],
                ..Paragraph::default()
            })
        };
        let doc = WordDocument {
            blocks: vec![
                p("示例办法"),
                p("根据《示例通知》（示例发〔2020〕1号）精神，制定本办法。"),
            ],
            ..WordDocument::default()
        };
        let l = layout(&doc);
        assert_eq!(l.doc_number, None);
        assert_eq!(l.title, [0]);
        assert_eq!(l.body, 1..2);
    }

    #[test]
    fn dates() {
        assert_eq!(date_line("2015年12月16日").as_deref(), Some("2015-12-16"));
        assert_eq!(
            date_line("二〇一五年十二月十六日").as_deref(),
            Some("2015-12-16")
        );
        assert_eq!(date_line("2015年2月30日"), None);
        assert_eq!(date_line("自2015年12月16日起施行"), None);
        let (_, iso) = find_date("示例市人民政府办公室　　2025年3月2日印发").unwrap();
        assert_eq!(iso, "2025-03-02");
    }

    #[test]
    fn attachment_headings() {
        assert!(is_attachment_heading("附件1"));
        assert!(is_attachment_heading("附件"));
        assert!(is_attachment_heading("附件2-1"));
        assert!(!is_attachment_heading("附件：1．示例表"));
    }
}
