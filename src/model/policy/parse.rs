//! The parser: assembles the lines of a policy body, as classified, into
//! a [`PolicyDocument`] (notice, title, chapters, sections, articles,
//! paragraphs, items), gives every unit its id, and reports structural
//! errors; and the summary of a policy for lists and feeds.

use std::collections::HashSet;

use super::amendment::{is_amendment, quoted_lines};
use super::document::{
    Article, ArticleStyle, Block, Chapter, Item, Notice, Paragraph, PolicyDocument, PolicySection,
    StructureError, Text,
};
use super::line::{
    Kind, Line, Seen, bad_number, block_kind, classify, enumerator, is_space, is_title_heading,
    lines, ordinal,
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
    // Lines inside a quotation are text, never structure.
    let (quoted, unclosed) = quoted_lines(&main);
    if let Some(i) = unclosed {
        doc.warnings.push(StructureError {
            message: "a quotation opened on this line is never closed: the lines after it are read as quoted text, not as chapters or articles".into(),
            offset: main[i].offset,
            len: main[i].text.len(),
            help: None,
        });
    }
    let structural = || {
        main.iter()
            .zip(&quoted)
            .filter(|(_, q)| !**q)
            .map(|(l, _)| l)
    };

    let has_zhang = structural().any(|l| ordinal(l.text, '章').is_some());
    let has_tiao = structural().any(|l| ordinal(l.text, '条').is_some());
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

    let mut order = ArticleOrder::default();
    for (&line, quoted) in main.iter().zip(quoted) {
        if in_conclusions {
            doc.conclusions.push(block(line, false));
            continue;
        }
        let seen = Seen {
            has_zhang,
            has_tiao,
            chapters: doc.chapters.len(),
        };
        let kind = if quoted {
            Kind::Text
        } else {
            classify(line.text, &seen)
        };
        match kind {
            Kind::Break => {
                flush_pending(&mut doc, article, &mut pending);
                in_conclusions = true;
            }
            Kind::BadNumber { num, unit, error } => {
                errors.push(bad_number(num, unit, error, line));
            }
            Kind::Chapter(o) => {
                flush_pending(&mut doc, article, &mut pending);
                let eid = o.eid("chp");
                claim(&eid, line, &mut errors);
                doc.chapters.push(Chapter {
                    eid,
                    number: o.number,
                    num: o.num.to_string(),
                    heading: text_at(o.rest, line),
                    intro: vec![],
                    sections: vec![],
                    articles: vec![],
                });
                chapter = Some(doc.chapters.len() - 1);
                section = None;
                article = None;
            }
            Kind::Section(o) => {
                flush_pending(&mut doc, article, &mut pending);
                let eid = match chapter {
                    Some(c) => format!("{}__{}", doc.chapters[c].eid, o.eid("sec")),
                    None => o.eid("sec"),
                };
                claim(&eid, line, &mut errors);
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
                flush_pending(&mut doc, article, &mut pending);
                let eid = o.eid("art");
                claim(&eid, line, &mut errors);
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
