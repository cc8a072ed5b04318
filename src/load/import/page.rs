//! The policy page written from a Word document: front matter filled from
//! the parts found, and a body that the policy parser reads as the page
//! guide describes (one line one paragraph, `# ` before the title, `***`
//! before the closing text), with the numbers Word drew written out,
//! tables as pipe tables, bold and italic as `**` and `*`, footnotes as
//! `[^1]`, and a link to the original file.

use super::docx::{Block, Paragraph, Run, Table, WordDocument, label_separator};
use super::layout::{Layout, lines_of};
use super::messages;

/// Escape markdown's inline syntax in official text.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '~' | '&' | '|'
        ) {
            out.push('\\');
        }
        out.push(if c == '\t' { '\u{3000}' } else { c });
    }
    out
}

fn is_edge(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || (!c.is_alphanumeric() && !c.is_ascii())
}

/// Emphasis around `text`, with the spaces and punctuation at its edges
/// left outside (`**重点。**下文` is no emphasis to CommonMark).
fn emphasised(text: &str, marker: &str) -> String {
    let start = text.len() - text.trim_start_matches(is_edge).len();
    let inner = text.trim_matches(is_edge);
    if inner.is_empty() {
        return escape(text);
    }
    let end = start + inner.len();
    format!(
        "{}{marker}{}{marker}{}",
        escape(&text[..start]),
        escape(inner),
        escape(&text[end..])
    )
}

/// The lines of a paragraph in markdown (a line break starts a line).
pub fn paragraph_lines(p: &Paragraph) -> Vec<String> {
    let mut lines = vec![String::new()];
    if let Some(label) = &p.label {
        lines[0].push_str(&escape(&label.text));
        lines[0].push_str(label_separator(label));
    }
    // Emphasis over the whole paragraph is how it is set, not emphasis
    // (a bold heading); emphasis over a number that opens the paragraph
    // (`**第一条**`) would hide the number from the policy parser.
    let texts = || {
        p.runs.iter().filter_map(|r| match r {
            Run::Text { text, bold, italic } if !text.trim().is_empty() => Some((*bold, *italic)),
            _ => None,
        })
    };
    let whole = texts().all(|(b, _)| b) || texts().all(|(_, i)| i);
    let numbered = starts_structural(p.plain().trim_start_matches(is_edge));
    for (k, r) in p.runs.iter().enumerate() {
        let current = lines.last_mut().expect("one line at least");
        let plain = whole || (numbered && k == 0 && p.label.is_none());
        match r {
            Run::Text { text, .. } if plain => current.push_str(&escape(text)),
            Run::Text { text, bold, italic } => {
                let marker = match (bold, italic) {
                    (true, true) => "***",
                    (true, false) => "**",
                    (false, true) => "*",
                    (false, false) => "",
                };
                if marker.is_empty() {
                    current.push_str(&escape(text));
                } else {
                    current.push_str(&emphasised(text, marker));
                }
            }
            Run::Break => lines.push(String::new()),
            Run::Note(i) => current.push_str(&format!("[^{}]", i + 1)),
        }
    }
    lines
        .into_iter()
        .map(|l| {
            l.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
                .to_string()
        })
        .map(|l| {
            if l.starts_with('#') {
                format!("\\{l}")
            } else {
                l
            }
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// A line that opens with a number the policy parser reads: `第一条`,
/// `第二章`, `一、`, `（一）`, `1．`.
fn starts_structural(text: &str) -> bool {
    use crate::model::policy::numbers::{is_chinese_numeral, is_digit};
    let numeral = |c: char| is_chinese_numeral(c) || is_digit(c);
    if let Some(rest) = text.strip_prefix('第') {
        let after = rest.trim_start_matches(numeral);
        return after.len() < rest.len() && after.starts_with(['章', '节', '条', '编']);
    }
    if let Some(rest) = text.strip_prefix(['（', '(']) {
        let after = rest.trim_start_matches(numeral);
        return after.len() < rest.len() && after.starts_with(['）', ')']);
    }
    let after = text.trim_start_matches(numeral);
    after.len() < text.len() && after.starts_with(['、', '．', '.'])
}

/// A paragraph as plain lines, for the parts of the layout (the mark,
/// the 发文字号, the signature …), which carry no emphasis.
fn plain_lines(p: &Paragraph) -> Vec<String> {
    p.plain()
        .lines()
        .map(|l| escape(l.trim_matches(is_edge_space)))
        .filter(|l| !l.is_empty())
        .collect()
}

fn is_edge_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

/// A table as a pipe table (merged cells split, their text in the first).
pub fn table_lines(t: &Table) -> Vec<String> {
    let rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![];
            for c in row {
                let text = if c.merged_above {
                    String::new()
                } else {
                    c.paragraphs
                        .iter()
                        .flat_map(paragraph_lines)
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                cells.push(text);
                for _ in 1..c.span {
                    cells.push(String::new());
                }
            }
            cells
        })
        .filter(|r| !r.is_empty())
        .collect();
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return vec![];
    }
    let line = |r: &Vec<String>| {
        let mut cells = r.clone();
        cells.resize(width, String::new());
        format!("| {} |", cells.join(" | "))
    };
    let mut out = vec![String::new(), line(&rows[0])];
    out.push(format!("|{}", " --- |".repeat(width)));
    out.extend(rows[1..].iter().map(line));
    out.push(String::new());
    out
}

fn block_lines(doc: &WordDocument, i: usize) -> Vec<String> {
    match &doc.blocks[i] {
        Block::Paragraph(p) => paragraph_lines(p),
        Block::Table(t) => table_lines(t),
    }
}

/// A part of the layout: plain lines (a table, as a 版记 is often drawn,
/// a line per row).
fn part_lines(doc: &WordDocument, i: usize) -> Vec<String> {
    match &doc.blocks[i] {
        Block::Paragraph(p) => plain_lines(p),
        Block::Table(_) => lines_of(doc, i).iter().map(|l| escape(l)).collect(),
    }
}

/// A YAML double-quoted string.
fn quoted(value: &str) -> String {
    let mut s = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            c if c.is_control() => {}
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

/// The front matter values found.
#[derive(Debug, Default, Clone)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub issuer: Option<String>,
    pub doc_number: Option<String>,
    pub written: Option<String>,
    pub addressee: Option<String>,
}

impl FrontMatter {
    /// What the layout gives.
    pub fn of(doc: &WordDocument, layout: &Layout) -> FrontMatter {
        FrontMatter {
            // The text a notice issues is the policy, as the guide shows.
            title: layout.issued_title(doc).or_else(|| layout.title_text(doc)),
            issuer: layout.issuer(doc),
            doc_number: layout.doc_number.as_ref().map(|(_, n)| n.clone()),
            written: layout.date.as_ref().map(|(_, d)| d.clone()),
            addressee: layout.addressee_text(doc),
        }
    }

    fn yaml(&self) -> String {
        let mut s = String::from("---\n");
        let mut field = |key: &str, value: &Option<String>, quote: bool| match value {
            Some(v) if quote => s.push_str(&format!("{key}: {}\n", quoted(v))),
            Some(v) => s.push_str(&format!("{key}: {v}\n")),
            None => s.push_str(&format!("# {key}: {}\n", messages::FILL_IN)),
        };
        field("title", &self.title, true);
        field("type", &Some("policy".into()), false);
        field("issuer", &self.issuer, true);
        if self.doc_number.is_some() {
            field("doc_number", &self.doc_number, true);
        }
        field("written", &self.written, false);
        if self.addressee.is_some() {
            field("addressee", &self.addressee, true);
        }
        s.push_str("---\n");
        s
    }
}

/// The whole page: front matter and body.
pub fn page(doc: &WordDocument, layout: &Layout, download: &str) -> String {
    let front = FrontMatter::of(doc, layout);
    let mut lines: Vec<String> = vec![];
    let all = |lines: &mut Vec<String>, indices: &[usize]| {
        for &i in indices {
            lines.extend(part_lines(doc, i));
        }
    };
    all(&mut lines, &layout.front);
    all(&mut lines, &layout.mark);
    if let Some((i, _)) = &layout.doc_number {
        lines.extend(part_lines(doc, *i));
    }
    // Anything before the title that was not placed stays above it.
    let head_end = layout.title.first().copied().unwrap_or(layout.body.start);
    let placed_head: Vec<usize> = layout
        .front
        .iter()
        .chain(&layout.mark)
        .copied()
        .chain(layout.doc_number.as_ref().map(|(i, _)| *i))
        .collect();
    for i in 0..head_end {
        if !placed_head.contains(&i) {
            lines.extend(block_lines(doc, i));
        }
    }
    if let Some(title) = layout.title_text(doc) {
        lines.push(format!("# {}", escape(&title)));
    }
    if let Some(i) = layout.addressee {
        lines.extend(part_lines(doc, i));
    }
    let body_start = layout
        .addressee
        .map(|i| i + 1)
        .or(layout.title.last().map(|i| i + 1))
        .unwrap_or(layout.body.start)
        .min(layout.body.start);
    for i in body_start..layout.body.end {
        lines.extend(block_lines(doc, i));
    }
    // The closing text, the attachments and the imprint, in order.
    let parts: Vec<usize> = layout
        .attachment_note
        .iter()
        .chain(&layout.signature)
        .copied()
        .chain(layout.date.as_ref().map(|(i, _)| *i))
        .chain(layout.annotation)
        .chain(layout.imprint.clone())
        .collect();
    let closing = |lines: &mut Vec<String>, i: usize| {
        let block = if parts.contains(&i) {
            part_lines(doc, i)
        } else {
            block_lines(doc, i)
        };
        let signature = layout.signature.contains(&i);
        for l in block {
            lines.push(if signature {
                format!("{}{l}", " ".repeat(20))
            } else {
                l
            });
        }
    };
    // A notice that issues a text: the notice closes, then the text with
    // its own title.
    let rest = match &layout.issued {
        Some(issued) => {
            let title_start = issued.title.first().copied().unwrap_or(issued.body.start);
            for i in layout.body.end..title_start {
                closing(&mut lines, i);
            }
            if let Some(title) = layout.issued_title(doc) {
                lines.push(format!("# {}", escape(&title)));
            }
            for i in issued.body.clone() {
                lines.extend(block_lines(doc, i));
            }
            issued.body.end
        }
        None => layout.body.end,
    };
    lines.push(String::new());
    lines.push("***".into());
    for i in rest..doc.blocks.len() {
        closing(&mut lines, i);
    }
    if !doc.notes.is_empty() {
        lines.push(String::new());
        for (k, note) in doc.notes.iter().enumerate() {
            let p = Paragraph {
                runs: note.runs.clone(),
                ..Paragraph::default()
            };
            let text = paragraph_lines(&p).join(" ");
            lines.push(format!("[^{}]: {text}", k + 1));
        }
    }
    lines.push(String::new());
    lines.push(messages::download_line(download));
    // No run of blank lines, none at the start.
    let mut body = String::new();
    let mut blank = true;
    for l in lines {
        if l.is_empty() {
            if !blank {
                body.push('\n');
            }
            blank = true;
        } else {
            body.push_str(&l);
            body.push('\n');
            blank = false;
        }
    }
    format!("{}{body}", front.yaml())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_leaves_punctuation_outside() {
        assert_eq!(emphasised("重点。", "**"), "**重点**。");
        assert_eq!(emphasised("　示例", "*"), "　*示例*");
        assert_eq!(escape("a*b[c]|"), "a\\*b\\[c\\]\\|");
    }

    fn bold(text: &str) -> Run {
        Run::Text {
            text: text.into(),
            bold: true,
            italic: false,
        }
    }

    fn plain(text: &str) -> Run {
        Run::Text {
            text: text.into(),
            bold: false,
            italic: false,
        }
    }

    #[test]
    fn emphasis_never_hides_a_number_or_sets_a_whole_paragraph() {
        let p = |runs| Paragraph {
            runs,
            ..Paragraph::default()
        };
        assert_eq!(
            paragraph_lines(&p(vec![bold("一、总体要求")])),
            ["一、总体要求"]
        );
        assert_eq!(
            paragraph_lines(&p(vec![bold("第一条"), plain("　为了示例。")])),
            ["第一条　为了示例。"]
        );
        assert_eq!(
            paragraph_lines(&p(vec![plain("为了"), bold("示例"), plain("。")])),
            ["为了**示例**。"]
        );
        assert!(starts_structural("（十二）示例"));
        assert!(starts_structural("3．示例"));
        assert!(!starts_structural("第一批示例"));
    }
}
