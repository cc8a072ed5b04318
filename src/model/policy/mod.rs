//! Policy documents (政策文件): detect the structure of an official text
//! pasted as published — the notice (通知) that issued it, chapters
//! (`一、`, `第X章`), sections (`第X节`), articles (`第X条`, or numbered
//! paragraphs `1．`/`1.` at article level), paragraphs (款) and items
//! (`（一）`, `(1)`) — and give every unit a stable id in the Akoma Ntoso
//! naming convention (`chp_2`, `art_6`, `art_6__para_2`, `art_6__item_1`).
//!
//! One line of the body is one paragraph of the official text. Markdown
//! structure that editors add: a level-1 heading (`# …`) for the notice's
//! title and another for the title of the main text, and an optional
//! thematic break (`***`) before closing text that follows the last article.

pub mod numbers;

use std::collections::HashSet;

use serde::Serialize;

use numbers::{NumberError, is_chinese_numeral, is_digit, parse_number};

/// A span of the official text: its words and where they are in the file.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Text {
    pub text: String,
    /// Byte offset in the file.
    #[serde(skip)]
    pub offset: usize,
    /// Rendered inline HTML (filled after parsing).
    pub html: String,
}

/// How a block of free text is set in the published document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Paragraph,
    /// 主送: the line that names whom the notice is sent to, ending in `：`.
    Addressee,
    /// The issuer's name set flush right under the text.
    Signature,
    /// The date line (`2015年12月16日`).
    Date,
}

#[derive(Debug, Clone, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    pub text: Text,
}

/// The notice (通知) that issued the document.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Notice {
    /// Lines above the notice title (the issuer's banner).
    pub header: Vec<Block>,
    pub title: Option<Text>,
    pub blocks: Vec<Block>,
}

/// How articles are marked in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleStyle {
    /// `第六条　…`
    Tiao,
    /// `6．…`: numbered paragraphs, each opening with a heading sentence.
    Numbered,
}

#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub eid: String,
    pub number: u32,
    /// The number as written: `（一）`, `(1)`.
    pub num: String,
    pub text: Text,
    pub items: Vec<Item>,
}

/// A paragraph (款) of an article, with its items (项).
#[derive(Debug, Clone, Serialize)]
pub struct Paragraph {
    /// Set when the article has more than one paragraph.
    pub eid: Option<String>,
    pub text: Text,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Article {
    pub eid: String,
    pub number: u32,
    /// The number as written: `6．`, `第六条`.
    pub num: String,
    /// How to cite it: `第6条`, `第六条`.
    pub label: String,
    /// The heading sentence of a numbered article (`加快抢占网上阵地。`).
    pub heading: Option<Text>,
    pub paragraphs: Vec<Paragraph>,
    pub chapter: Option<usize>,
    pub section: Option<usize>,
}

impl Article {
    /// The heading without its closing full stop, for titles and lists.
    pub fn short_heading(&self) -> Option<&str> {
        self.heading
            .as_ref()
            .map(|h| h.text.trim_end_matches(['。', '.', '：', ':']))
    }

    /// `第6条 加快抢占网上阵地`, or just the label.
    pub fn title(&self) -> String {
        match self.short_heading() {
            Some(h) => format!("{} {h}", self.label),
            None => self.label.clone(),
        }
    }
}

/// A section (节) inside a chapter.
#[derive(Debug, Clone, Serialize)]
pub struct PolicySection {
    pub eid: String,
    pub number: u32,
    pub num: String,
    pub heading: Text,
    pub intro: Vec<Block>,
    pub chapter: Option<usize>,
    /// Indices into the document's `articles`.
    pub articles: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Chapter {
    pub eid: String,
    pub number: u32,
    /// The number as written: `一、`, `第二章`.
    pub num: String,
    pub heading: Text,
    pub intro: Vec<Block>,
    /// Indices into the document's `sections`.
    pub sections: Vec<usize>,
    /// Indices into the document's `articles`, in order.
    pub articles: Vec<usize>,
}

/// A whole policy document, in reading order.
#[derive(Debug, Clone, Serialize, Default)]
pub struct PolicyDocument {
    pub notice: Option<Notice>,
    /// The title of the main text.
    pub title: Option<Text>,
    pub preamble: Vec<Block>,
    pub chapters: Vec<Chapter>,
    pub sections: Vec<PolicySection>,
    pub articles: Vec<Article>,
    /// Closing text after the last article.
    pub conclusions: Vec<Block>,
    pub style: Option<ArticleStyle>,
}

/// A structural problem, with the byte offset of its line.
#[derive(Debug, Clone, PartialEq)]
pub struct StructureError {
    pub message: String,
    pub offset: usize,
    pub len: usize,
    /// How to fix it, when there is more to say than the message.
    pub help: Option<String>,
}

/// One line of the body, trimmed of the spaces real documents use.
struct Line<'a> {
    /// Trimmed content.
    text: &'a str,
    /// Byte offset of `text` in the file.
    offset: usize,
    /// Count of leading whitespace characters (to spot flush-right lines).
    indent: usize,
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}' | '\r' | '\u{feff}')
}

fn lines(body: &str, body_offset: usize) -> Vec<Line<'_>> {
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
            });
        }
        offset += raw.len();
    }
    out
}

/// What a line of the main text is.
#[derive(Debug, PartialEq)]
enum Kind<'a> {
    Chapter {
        number: u32,
        num: &'a str,
        rest: &'a str,
    },
    Section {
        number: u32,
        num: &'a str,
        rest: &'a str,
    },
    Article {
        number: u32,
        num: &'a str,
        rest: &'a str,
    },
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
        unit: char,
        error: NumberError,
    },
    Break,
    Text,
}

/// A heading number as written (`第六条`), its value, and the text after it.
type Ordinal<'a> = (u32, &'a str, &'a str);

/// `第X章`, `第X节`, `第X条` at the start of a line: `None` when the line
/// is not one, `Some(Err((num, why)))` when it is one whose number cannot be
/// read (`第4294967296条`, `第十十条`).
#[allow(clippy::type_complexity)]
fn ordinal(text: &str, unit: char) -> Option<Result<Ordinal<'_>, (&str, NumberError)>> {
    let rest = text.strip_prefix('第')?;
    let digits_len: usize = rest
        .chars()
        .take_while(|&c| is_chinese_numeral(c) || is_digit(c))
        .map(char::len_utf8)
        .sum();
    if digits_len == 0 {
        return None;
    }
    let after = rest[digits_len..].strip_prefix(unit)?;
    let num_len = text.len() - after.len();
    let num = &text[..num_len];
    Some(match numbers::parse(&rest[..digits_len]) {
        Ok(number) => Ok((number, num, after.trim_start_matches(is_space))),
        Err(e) => Err((num, e)),
    })
}

/// A number followed by one of `seps` at the start of a line (`一、`, `1．`).
fn enumerator<'a>(
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
fn parenthesised(text: &str) -> Option<(u8, u32, &str, &str)> {
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
fn is_title_heading(text: &str) -> bool {
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
struct Seen {
    has_zhang: bool,
    has_tiao: bool,
    chapters: usize,
}

fn classify<'a>(text: &'a str, seen: &Seen) -> Kind<'a> {
    let Seen {
        has_zhang,
        has_tiao,
        ..
    } = *seen;
    if is_thematic_break(text) {
        return Kind::Break;
    }
    for unit in ['章', '节', '条'] {
        match ordinal(text, unit) {
            None => {}
            Some(Err((num, error))) => return Kind::BadNumber { num, unit, error },
            Some(Ok((number, num, rest))) => {
                return match unit {
                    '章' => Kind::Chapter { number, num, rest },
                    '节' => Kind::Section { number, num, rest },
                    _ => Kind::Article { number, num, rest },
                };
            }
        }
    }
    if let Some((number, num, rest)) = enumerator(text, is_chinese_numeral, &['、', '．', '.']) {
        // `一、` is a part of the document, unless the document has 第X章
        // parts, or uses 第X条 articles and this line reads like an item
        // (ends with punctuation, or does not continue the parts' count).
        let item_like = rest.ends_with(['。', '；', ';', '，', ',', '：', ':'])
            || number as usize != seen.chapters + 1;
        return if has_zhang || (has_tiao && item_like) {
            Kind::Item {
                level: 1,
                number,
                num,
                rest,
            }
        } else {
            Kind::Chapter { number, num, rest }
        };
    }
    if let Some((number, num, rest)) = enumerator(text, is_digit, &['．', '.', '、']) {
        return if has_tiao {
            Kind::Item {
                level: 2,
                number,
                num,
                rest,
            }
        } else {
            Kind::Article { number, num, rest }
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

/// The heading sentence of a numbered article: up to the first `。` when it
/// is short enough to be a heading.
fn split_heading(rest: &str) -> (Option<&str>, &str) {
    match rest.find('。') {
        Some(i) if rest[..i].chars().count() <= 40 => {
            let end = i + '。'.len_utf8();
            (Some(&rest[..end]), &rest[end..])
        }
        _ => (None, rest),
    }
}

fn text_at(text: &str, line: &Line<'_>) -> Text {
    let start = text.as_ptr() as usize - line.text.as_ptr() as usize;
    Text {
        text: text.to_string(),
        offset: line.offset + start,
        html: String::new(),
    }
}

/// A line as a block of free text.
fn block(line: &Line<'_>, in_notice: bool) -> Block {
    Block {
        kind: block_kind(line, in_notice),
        text: text_at(line.text, line),
    }
}

fn block_kind(line: &Line<'_>, in_notice: bool) -> BlockKind {
    let t = line.text;
    let is_date = {
        let parts: Vec<&str> = t.split(['年', '月', '日']).collect();
        t.ends_with('日')
            && t.contains('年')
            && t.contains('月')
            && parts.len() == 4
            && parts[..3]
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| is_digit(c) || is_chinese_numeral(c)))
    };
    if is_date {
        BlockKind::Date
    } else if line.indent >= 8 && t.chars().count() <= 30 {
        BlockKind::Signature
    } else if in_notice && (t.ends_with('：') || t.ends_with(':')) && t.chars().count() <= 120 {
        BlockKind::Addressee
    } else {
        BlockKind::Paragraph
    }
}

/// Parse a policy body. `body_offset` is where the body starts in the file.
pub fn parse(body: &str, body_offset: usize) -> Result<PolicyDocument, Vec<StructureError>> {
    let all = lines(body, body_offset);
    let mut doc = PolicyDocument::default();
    let mut errors = Vec::new();

    // The notice and the title come from level-1 headings.
    let h1: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|(_, l)| is_title_heading(l.text))
        .map(|(i, _)| i)
        .collect();
    if h1.len() > 2 {
        let l = &all[h1[2]];
        errors.push(StructureError {
            message: "a policy has at most two level-1 headings: the notice's title and the title of the main text".into(),
            offset: l.offset,
            len: l.text.len(),
            help: None,
        });
    }
    let heading_text = |l: &Line<'_>| -> Text {
        let t = l.text.trim_start_matches('#').trim_start_matches(is_space);
        text_at(t, l)
    };
    let main_start = match h1.as_slice() {
        [] => 0,
        [title] => {
            if *title > 0 {
                let blocks = all[..*title].iter().map(|l| block(l, true)).collect();
                doc.notice = Some(Notice {
                    header: vec![],
                    title: None,
                    blocks,
                });
            }
            doc.title = Some(heading_text(&all[*title]));
            title + 1
        }
        [notice, title, ..] => {
            let header = all[..*notice].iter().map(|l| block(l, false)).collect();
            let blocks = all[notice + 1..*title]
                .iter()
                .map(|l| block(l, true))
                .collect();
            doc.notice = Some(Notice {
                header,
                title: Some(heading_text(&all[*notice])),
                blocks,
            });
            doc.title = Some(heading_text(&all[*title]));
            title + 1
        }
    };
    let main = &all[main_start..];
    let main: Vec<&Line<'_>> = main.iter().filter(|l| !is_title_heading(l.text)).collect();

    let has_zhang = main.iter().any(|l| ordinal(l.text, '章').is_some());
    let has_tiao = main.iter().any(|l| ordinal(l.text, '条').is_some());
    doc.style = if has_tiao {
        Some(ArticleStyle::Tiao)
    } else if main
        .iter()
        .any(|l| enumerator(l.text, is_digit, &['．', '.', '、']).is_some())
    {
        Some(ArticleStyle::Numbered)
    } else {
        None
    };

    let mut ids: HashSet<String> = HashSet::new();
    let mut claim = |id: &str, line: &Line<'_>, errors: &mut Vec<StructureError>| {
        if !ids.insert(id.to_string()) {
            errors.push(StructureError {
                message: format!("`{id}` appears twice: each chapter, section and article number must be unique, or its permanent link would be ambiguous"),
                offset: line.offset,
                len: line.text.len(),
                help: None,
            });
        }
    };
    let mut chapter: Option<usize> = None;
    let mut section: Option<usize> = None;
    let mut article: Option<usize> = None;
    let mut in_conclusions = false;
    // Free text that follows a numbered article waits here: it is the
    // article's next paragraph, or the closing text if no article follows.
    let mut pending: Vec<&Line<'_>> = Vec::new();

    fn flush_pending(
        doc: &mut PolicyDocument,
        article: Option<usize>,
        pending: &mut Vec<&Line<'_>>,
    ) {
        if let Some(a) = article {
            for l in pending.drain(..) {
                doc.articles[a].paragraphs.push(Paragraph {
                    eid: None,
                    text: text_at(l.text, l),
                    items: vec![],
                });
            }
        }
    }

    for line in main {
        if in_conclusions {
            doc.conclusions.push(block(line, false));
            continue;
        }
        let seen = Seen {
            has_zhang,
            has_tiao,
            chapters: doc.chapters.len(),
        };
        match classify(line.text, &seen) {
            Kind::Break => {
                flush_pending(&mut doc, article, &mut pending);
                in_conclusions = true;
            }
            Kind::BadNumber { num, unit, error } => {
                errors.push(bad_number(num, unit, error, line));
            }
            Kind::Chapter { number, num, rest } => {
                flush_pending(&mut doc, article, &mut pending);
                let eid = format!("chp_{number}");
                claim(&eid, line, &mut errors);
                doc.chapters.push(Chapter {
                    eid,
                    number,
                    num: num.to_string(),
                    heading: text_at(rest, line),
                    intro: vec![],
                    sections: vec![],
                    articles: vec![],
                });
                chapter = Some(doc.chapters.len() - 1);
                section = None;
                article = None;
            }
            Kind::Section { number, num, rest } => {
                flush_pending(&mut doc, article, &mut pending);
                let eid = match chapter {
                    Some(c) => format!("{}__sec_{number}", doc.chapters[c].eid),
                    None => format!("sec_{number}"),
                };
                claim(&eid, line, &mut errors);
                doc.sections.push(PolicySection {
                    eid,
                    number,
                    num: num.to_string(),
                    heading: text_at(rest, line),
                    intro: vec![],
                    chapter,
                    articles: vec![],
                });
                let s = doc.sections.len() - 1;
                if let Some(c) = chapter {
                    doc.chapters[c].sections.push(s);
                }
                section = Some(s);
                article = None;
            }
            Kind::Article { number, num, rest } => {
                flush_pending(&mut doc, article, &mut pending);
                let eid = format!("art_{number}");
                claim(&eid, line, &mut errors);
                let numbered = doc.style == Some(ArticleStyle::Numbered);
                let (heading, body) = if numbered {
                    split_heading(rest)
                } else {
                    (None, rest)
                };
                let label = if numbered {
                    format!("第{number}条")
                } else {
                    num.to_string()
                };
                let mut paragraphs = vec![];
                if !body.is_empty() || heading.is_none() {
                    paragraphs.push(Paragraph {
                        eid: None,
                        text: text_at(body, line),
                        items: vec![],
                    });
                }
                doc.articles.push(Article {
                    eid,
                    number,
                    num: num.to_string(),
                    label,
                    heading: heading.map(|h| text_at(h, line)),
                    paragraphs,
                    chapter,
                    section,
                });
                let a = doc.articles.len() - 1;
                if let Some(c) = chapter {
                    doc.chapters[c].articles.push(a);
                }
                if let Some(s) = section {
                    doc.sections[s].articles.push(a);
                }
                article = Some(a);
            }
            Kind::Item {
                level,
                number,
                num,
                rest,
            } => {
                flush_pending(&mut doc, article, &mut pending);
                let Some(a) = article else {
                    push_intro(&mut doc, chapter, section, line);
                    continue;
                };
                let art = &mut doc.articles[a];
                if art.paragraphs.is_empty() {
                    art.paragraphs.push(Paragraph {
                        eid: None,
                        text: Text::default(),
                        items: vec![],
                    });
                }
                let para = art
                    .paragraphs
                    .last_mut()
                    .expect("an article has a paragraph");
                let item = Item {
                    eid: String::new(),
                    number,
                    num: num.to_string(),
                    text: text_at(rest, line),
                    items: vec![],
                };
                match (level, para.items.last_mut()) {
                    (2, Some(parent)) if parent.num.chars().any(is_chinese_numeral) => {
                        parent.items.push(item)
                    }
                    _ => para.items.push(item),
                }
            }
            Kind::Text => match article {
                Some(_) if doc.style == Some(ArticleStyle::Numbered) => pending.push(line),
                Some(a) => doc.articles[a].paragraphs.push(Paragraph {
                    eid: None,
                    text: text_at(line.text, line),
                    items: vec![],
                }),
                None => push_intro(&mut doc, chapter, section, line),
            },
        }
    }
    // Free text after the last numbered article closes the document.
    for l in pending.drain(..) {
        doc.conclusions.push(block(l, false));
    }
    assign_eids(&mut doc);
    if errors.is_empty() {
        Ok(doc)
    } else {
        Err(errors)
    }
}

/// The error for a heading whose number cannot be read.
fn bad_number(num: &str, unit: char, error: NumberError, line: &Line<'_>) -> StructureError {
    let (what, a_what) = match unit {
        '章' => ("chapter", "a chapter"),
        '节' => ("section", "a section"),
        _ => ("article", "an article"),
    };
    let (message, help) = match error {
        NumberError::TooLarge => (
            format!("`{num}`: the {what} number is too large (the largest is 4294967295)"),
            format!(
                "check the number; a line that starts with 第…{unit} is read as {a_what} heading"
            ),
        ),
        NumberError::Invalid => (
            format!("`{num}`: the {what} number cannot be read"),
            format!(
                "write it as Chinese numerals (第一百零五{unit}, 第一万{unit}, 第廿{unit}) or as digits (第105{unit}); a line that starts with 第…{unit} is read as {a_what} heading"
            ),
        ),
    };
    StructureError {
        message,
        offset: line.offset,
        len: num.len(),
        help: Some(help),
    }
}

fn push_intro(
    doc: &mut PolicyDocument,
    chapter: Option<usize>,
    section: Option<usize>,
    line: &Line<'_>,
) {
    let block = block(line, false);
    match (section, chapter) {
        (Some(s), _) => doc.sections[s].intro.push(block),
        (None, Some(c)) => doc.chapters[c].intro.push(block),
        (None, None) => doc.preamble.push(block),
    }
}

/// Paragraph and item ids, once each article's shape is known.
fn assign_eids(doc: &mut PolicyDocument) {
    for article in &mut doc.articles {
        let several = article.paragraphs.len() > 1;
        for (p, para) in article.paragraphs.iter_mut().enumerate() {
            let base = if several {
                let id = format!("{}__para_{}", article.eid, p + 1);
                para.eid = Some(id.clone());
                id
            } else {
                article.eid.clone()
            };
            for (i, item) in para.items.iter_mut().enumerate() {
                item.eid = format!("{base}__item_{}", i + 1);
                for (j, sub) in item.items.iter_mut().enumerate() {
                    sub.eid = format!("{}__item_{}", item.eid, j + 1);
                }
            }
        }
    }
}

/// The first paragraph of a policy's own words (its preamble, else its
/// first article), at most 200 characters, for lists and feeds.
pub fn summary(body: &str) -> String {
    let Ok(doc) = parse(body, 0) else {
        return String::new();
    };
    let first = doc
        .preamble
        .first()
        .map(|b| b.text.text.clone())
        .or_else(|| {
            let a = doc.articles.first()?;
            let mut t = a
                .heading
                .as_ref()
                .map(|h| h.text.clone())
                .unwrap_or_default();
            t.push_str(&a.paragraphs.first()?.text.text);
            Some(t)
        })
        .unwrap_or_default();
    first.chars().take(200).collect()
}

impl PolicyDocument {
    /// Every id the document defines, for `@/…#anchor` checks.
    pub fn eids(&self) -> Vec<String> {
        let mut ids = vec![];
        if self.notice.is_some() {
            ids.push("notice".to_string());
        }
        if !self.preamble.is_empty() {
            ids.push("preamble".to_string());
        }
        if !self.conclusions.is_empty() {
            ids.push("conclusions".to_string());
        }
        for c in &self.chapters {
            ids.push(c.eid.clone());
        }
        for s in &self.sections {
            ids.push(s.eid.clone());
        }
        for a in &self.articles {
            ids.push(a.eid.clone());
            for p in &a.paragraphs {
                ids.extend(p.eid.clone());
                for i in &p.items {
                    ids.push(i.eid.clone());
                    ids.extend(i.items.iter().map(|s| s.eid.clone()));
                }
            }
        }
        ids
    }

    /// Every text of the document, to render its inline markdown.
    pub fn texts_mut(&mut self) -> Vec<&mut Text> {
        let mut out: Vec<&mut Text> = vec![];
        if let Some(n) = &mut self.notice {
            out.extend(n.header.iter_mut().map(|b| &mut b.text));
            out.extend(n.title.as_mut());
            out.extend(n.blocks.iter_mut().map(|b| &mut b.text));
        }
        out.extend(self.title.as_mut());
        out.extend(self.preamble.iter_mut().map(|b| &mut b.text));
        for c in &mut self.chapters {
            out.push(&mut c.heading);
            out.extend(c.intro.iter_mut().map(|b| &mut b.text));
        }
        for s in &mut self.sections {
            out.push(&mut s.heading);
            out.extend(s.intro.iter_mut().map(|b| &mut b.text));
        }
        for a in &mut self.articles {
            out.extend(a.heading.as_mut());
            for p in &mut a.paragraphs {
                out.push(&mut p.text);
                for i in &mut p.items {
                    out.push(&mut i.text);
                    out.extend(i.items.iter_mut().map(|s| &mut s.text));
                }
            }
        }
        out.extend(self.conclusions.iter_mut().map(|b| &mut b.text));
        out
    }

    /// The addressee line of the notice (主送), if there is one.
    pub fn addressee(&self) -> Option<&str> {
        self.notice
            .as_ref()?
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::Addressee)
            .map(|b| b.text.text.trim_end_matches(['：', ':']))
    }
}

#[cfg(test)]
mod tests;
