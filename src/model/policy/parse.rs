//! The parser: assembles the lines of a policy body, as classified, into
//! a [`PolicyDocument`] (notice, title, chapters, sections, articles,
//! paragraphs, items), gives every unit its id, and reports structural
//! errors; and the summary of a policy for lists and feeds.

use std::collections::HashSet;

use super::amendment::{is_amendment, quoted_lines};
use super::document::{
    Article, ArticleStyle, Attachment, Block, BlockKind, Chapter, Item, Notice, Paragraph, Part,
    PolicyDocument, PolicySection, StructureError, Text,
};
use super::line::{
    Kind, Line, Ordinal, Seen, attachment_list, attachment_marker, bad_number, block_kind,
    classify, enumerator, is_date, is_space, is_title_heading, is_word, lines, ordinal,
    same_heading, with_tables,
};
use super::numbers::{is_chinese_numeral, is_digit};
use super::order::ArticleOrder;

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
        table: line.table,
    }
}

/// A line as a block of free text.
fn block(line: &Line<'_>, in_notice: bool) -> Block {
    Block {
        kind: block_kind(line, in_notice),
        text: text_at(line.text, line),
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
            message: msg!("policy-too-many-titles"),
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
    let main: Vec<Line<'_>> = all[main_start..]
        .iter()
        .filter(|l| !is_title_heading(l.text))
        .copied()
        .collect();
    let main = with_tables(&main, body, body_offset);
    // Lines inside a quotation are text, never structure; so is the list
    // of attachments.
    let (mut quoted, unclosed) = quoted_lines(&main);
    for (q, listed) in quoted.iter_mut().zip(attachment_list(&main)) {
        *q |= listed;
    }
    if let Some(i) = unclosed {
        doc.warnings.push(StructureError {
            message: msg!("policy-quotation-unclosed"),
            offset: main[i].offset,
            len: main[i].text.len(),
            help: None,
        });
    }
    // Attachments (附件, 附表) follow the main text, each from its marker.
    let starts: Vec<usize> = (0..main.len())
        .filter(|&i| !quoted[i] && !main[i].table && attachment_marker(main[i].text).is_some())
        .collect();
    let end = starts.first().copied().unwrap_or(main.len());
    structure(&mut doc, &main[..end], &quoted[..end], &mut errors);
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(main.len());
        let attachment = attachment(k + 1, &main[start..end], &quoted[start..end], &mut errors);
        doc.warnings
            .extend(attachment.body.warnings.iter().cloned());
        doc.attachments.push(attachment);
    }
    if errors.is_empty() {
        Ok(doc)
    } else {
        Err(errors)
    }
}

/// An attachment: its marker line, its title (on the marker line after a
/// colon, or the short line under it), and its text, parsed as a
/// document of its own whose ids start with `att_N__`.
fn attachment(
    number: usize,
    lines: &[Line<'_>],
    quoted: &[bool],
    errors: &mut Vec<StructureError>,
) -> Attachment {
    let marker = &lines[0];
    let found = attachment_marker(marker.text).expect("an attachment starts at its marker");
    let title_line = |l: &Line<'_>| {
        !l.table
            && l.text.chars().count() <= 60
            && !l.text.ends_with(['。', '；', ';', '：', ':'])
            && classify(l.text, &Seen::default()) == Kind::Text
    };
    let (title, first) = match found.title {
        Some(t) => (Some(text_at(t, marker)), 1),
        None => match lines.get(1) {
            Some(l) if !quoted[1] && title_line(l) => (Some(text_at(l.text, l)), 2),
            _ => (None, 1),
        },
    };
    let eid = format!("att_{number}");
    let mut body = PolicyDocument {
        prefix: format!("{eid}__"),
        ..PolicyDocument::default()
    };
    structure(&mut body, &lines[first..], &quoted[first..], errors);
    Attachment {
        eid,
        num: found.num.to_string(),
        title,
        body,
    }
}

/// Where a pasted table of contents (目录) is: not yet seen, being read
/// (with its first entry, which the text repeats where it begins), or over.
#[derive(PartialEq)]
enum Contents {
    Before,
    Reading(Option<String>),
    Done,
}

/// The structure of a text (the main text, or an attachment's): its
/// preamble, parts, chapters, sections, articles and closing text, each
/// id starting with the document's `prefix`.
fn structure(
    doc: &mut PolicyDocument,
    main: &[Line<'_>],
    quoted: &[bool],
    errors: &mut Vec<StructureError>,
) {
    let prefix = doc.prefix.clone();
    let structural = || {
        main.iter()
            .zip(quoted)
            .filter(|(l, q)| !**q && !l.table)
            .map(|(l, _)| l)
    };

    let has_zhang = structural().any(|l| ordinal(l.text, "章").is_some());
    let has_tiao = structural().any(|l| ordinal(l.text, "条").is_some());
    doc.style = if has_tiao {
        Some(ArticleStyle::Tiao)
    } else if structural().any(|l| {
        enumerator(l.text, is_digit, &['．', '.', '、']).is_some_and(|(_, _, r)| !is_amendment(r))
    }) {
        Some(ArticleStyle::Numbered)
    } else {
        None
    };

    let mut ids: HashSet<String> = HashSet::new();
    let mut claim = |id: &str, line: &Line<'_>, errors: &mut Vec<StructureError>| {
        if !ids.insert(id.to_string()) {
            errors.push(StructureError {
                message: msg!("policy-id-twice", id = id),
                offset: line.offset,
                len: line.text.len(),
                help: None,
            });
        }
    };
    let mut part: Option<usize> = None;
    let mut subpart: Option<usize> = None;
    let mut chapter: Option<usize> = None;
    let mut section: Option<usize> = None;
    let mut article: Option<usize> = None;
    let mut in_conclusions = false;
    let mut contents = Contents::Before;
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

    let mut order = ArticleOrder::default();
    for (line, &quoted) in main.iter().zip(quoted) {
        if in_conclusions {
            doc.conclusions.push(block(line, false));
            continue;
        }
        let seen = Seen {
            has_zhang,
            has_tiao,
            chapters: doc.chapters.len(),
        };
        let kind = if line.table {
            Kind::Table
        } else if quoted {
            Kind::Text
        } else {
            classify(line.text, &seen)
        };
        let nothing_yet =
            doc.parts.is_empty() && doc.chapters.is_empty() && doc.articles.is_empty();
        // A table of contents lists headings, then the text begins by
        // repeating the first of them.
        if let Contents::Reading(first) = &mut contents {
            let heading = matches!(
                kind,
                Kind::Part(_) | Kind::Subpart(_) | Kind::Chapter(_) | Kind::Section(_)
            ) || ["序言", "附则"].iter().any(|w| is_word(line.text, w));
            match first {
                Some(f) if heading && !same_heading(f, line.text) => {
                    doc.contents.push(block(line, false));
                    continue;
                }
                None if heading => {
                    *first = Some(line.text.to_string());
                    doc.contents.push(block(line, false));
                    continue;
                }
                _ => contents = Contents::Done,
            }
        }
        if !quoted && nothing_yet && contents == Contents::Before && is_word(line.text, "目录") {
            doc.contents.push(block(line, false));
            contents = Contents::Reading(None);
            continue;
        }
        if !quoted && nothing_yet && doc.preamble.is_empty() && is_word(line.text, "序言") {
            doc.preamble_heading = Some(text_at(line.text, line));
            continue;
        }
        let kind = if !quoted && is_word(line.text, "附则") {
            Kind::Chapter(Ordinal {
                number: 0,
                sub: None,
                num: "",
                rest: line.text,
            })
        } else {
            kind
        };
        match kind {
            Kind::Break => {
                flush_pending(doc, article, &mut pending);
                in_conclusions = true;
            }
            Kind::BadNumber { num, unit, error } => {
                errors.push(bad_number(num, unit, error, line));
            }
            Kind::Part(o) => {
                flush_pending(doc, article, &mut pending);
                let eid = format!("{prefix}{}", o.eid("part"));
                claim(&eid, line, errors);
                doc.parts.push(part_at(eid, &o, line));
                part = Some(doc.parts.len() - 1);
                subpart = None;
                chapter = None;
                section = None;
                article = None;
            }
            Kind::Subpart(o) => {
                flush_pending(doc, article, &mut pending);
                let eid = match part {
                    Some(p) => format!("{}__{}", doc.parts[p].eid, o.eid("subpart")),
                    None => format!("{prefix}{}", o.eid("subpart")),
                };
                claim(&eid, line, errors);
                doc.subparts.push(part_at(eid, &o, line));
                subpart = Some(doc.subparts.len() - 1);
                if let Some(p) = part {
                    doc.parts[p].subparts.push(doc.subparts.len() - 1);
                }
                chapter = None;
                section = None;
                article = None;
            }
            Kind::Chapter(o) => {
                flush_pending(doc, article, &mut pending);
                // An unnumbered 附则 is the supplementary chapter, after
                // the parts of a code, not in the last of them.
                let own = if o.num.is_empty() {
                    part = None;
                    subpart = None;
                    "chp_supplementary".to_string()
                } else {
                    o.eid("chp")
                };
                let eid = match part {
                    Some(p) => format!("{}__{own}", doc.parts[p].eid),
                    None => format!("{prefix}{own}"),
                };
                claim(&eid, line, errors);
                doc.chapters.push(Chapter {
                    eid,
                    number: o.number,
                    num: o.num.to_string(),
                    heading: text_at(o.rest, line),
                    intro: vec![],
                    sections: vec![],
                    articles: vec![],
                    part,
                    subpart,
                });
                let c = doc.chapters.len() - 1;
                match (subpart, part) {
                    (Some(s), _) => doc.subparts[s].chapters.push(c),
                    (None, Some(p)) => doc.parts[p].chapters.push(c),
                    (None, None) => {}
                }
                chapter = Some(c);
                section = None;
                article = None;
            }
            Kind::Section(o) => {
                flush_pending(doc, article, &mut pending);
                let eid = match chapter {
                    Some(c) => format!("{}__{}", doc.chapters[c].eid, o.eid("sec")),
                    None => format!("{prefix}{}", o.eid("sec")),
                };
                claim(&eid, line, errors);
                doc.sections.push(PolicySection {
                    eid,
                    number: o.number,
                    num: o.num.to_string(),
                    heading: text_at(o.rest, line),
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
            Kind::Article(o) => {
                flush_pending(doc, article, &mut pending);
                let eid = format!("{prefix}{}", o.eid("art"));
                claim(&eid, line, errors);
                let numbered = doc.style == Some(ArticleStyle::Numbered);
                let (heading, body) = if numbered {
                    split_heading(o.rest)
                } else {
                    (None, o.rest)
                };
                let label = if numbered {
                    format!("第{}条", o.number)
                } else {
                    o.num.to_string()
                };
                doc.warnings
                    .extend(order.next(o.number, o.sub, &label, line));
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
                    number: o.number,
                    sub: o.sub,
                    num: o.num.to_string(),
                    label,
                    offset: line.offset,
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
                flush_pending(doc, article, &mut pending);
                let Some(a) = article else {
                    push_intro(doc, part, subpart, chapter, section, line);
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
            Kind::Text | Kind::Table => match article {
                Some(_) if doc.style == Some(ArticleStyle::Numbered) => pending.push(line),
                Some(a) => doc.articles[a].paragraphs.push(Paragraph {
                    eid: None,
                    text: text_at(line.text, line),
                    items: vec![],
                }),
                None => push_intro(doc, part, subpart, chapter, section, line),
            },
        }
    }
    // Free text after the last numbered article closes the document.
    for l in pending.drain(..) {
        doc.conclusions.push(block(l, false));
    }
    closing_lines(doc);
    assign_eids(doc);
}

/// The closing lines of a text pasted without `***` after its last
/// article: a date line at the very end, and the issuer's name and the
/// list of attachments above it, are the closing text, not paragraphs
/// (款) of the last article.
fn closing_lines(doc: &mut PolicyDocument) {
    let Some(last) = doc.articles.last_mut() else {
        return;
    };
    if !doc.conclusions.is_empty() {
        return;
    }
    let paragraphs = &last.paragraphs;
    let closing = |p: &Paragraph| {
        let t = &p.text.text;
        p.items.is_empty()
            && !p.text.table
            && (t.starts_with("附件")
                || (t.chars().count() <= 40
                    && !t.ends_with(['。', '；', ';', '：', ':', '，', ','])))
    };
    let n = paragraphs.len();
    if n < 2 || !closing(&paragraphs[n - 1]) || !is_date(&paragraphs[n - 1].text.text) {
        return;
    }
    let mut start = n - 1;
    while start > 1 && closing(&paragraphs[start - 1]) {
        start -= 1;
    }
    for (i, p) in last.paragraphs.drain(start..).enumerate() {
        let kind = if is_date(&p.text.text) {
            BlockKind::Date
        } else if i + start == n - 2 && !p.text.text.starts_with("附件") {
            BlockKind::Signature
        } else {
            BlockKind::Paragraph
        };
        doc.conclusions.push(Block { kind, text: p.text });
    }
}

/// A part (编) or subpart (分编) as its heading line opens it.
fn part_at(eid: String, o: &Ordinal<'_>, line: &Line<'_>) -> Part {
    Part {
        eid,
        number: o.number,
        num: o.num.to_string(),
        heading: text_at(o.rest, line),
        intro: vec![],
        chapters: vec![],
        subparts: vec![],
    }
}

/// Free text before the first article of the innermost unit it is in.
fn push_intro(
    doc: &mut PolicyDocument,
    part: Option<usize>,
    subpart: Option<usize>,
    chapter: Option<usize>,
    section: Option<usize>,
    line: &Line<'_>,
) {
    let block = block(line, false);
    let intro = match (section, chapter, subpart, part) {
        (Some(s), ..) => &mut doc.sections[s].intro,
        (None, Some(c), ..) => &mut doc.chapters[c].intro,
        (None, None, Some(s), _) => &mut doc.subparts[s].intro,
        (None, None, None, Some(p)) => &mut doc.parts[p].intro,
        (None, None, None, None) => &mut doc.preamble,
    };
    intro.push(block);
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
