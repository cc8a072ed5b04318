//! Markdown as plain text: the one parser configuration that rendering
//! uses too, a body's summary for lists and feeds, and its text for the
//! open data.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The markdown features gongkai turns on, for rendering and for text alike
/// (so that a table is cells everywhere, never `|` text).
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The plain text of the first paragraph of `body` (at most 200
/// characters), for lists and feeds. The paragraph is found by scanning
/// lines (skipping headings, fences, lists, quotes, tables and HTML), and
/// only it goes through the parser, which reads all of its input before
/// the first event.
pub fn summary(body: &str) -> String {
    let mut paragraph = String::new();
    let mut in_fence = false;
    for line in body.lines() {
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            if !paragraph.is_empty() {
                break;
            }
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        if !paragraph.is_empty() {
            if t.is_empty() {
                break;
            }
            paragraph.push_str(line);
            paragraph.push('\n');
            continue;
        }
        let block = t.is_empty()
            || line.starts_with("    ")
            || line.starts_with('\t')
            || t.starts_with(['#', '|', '<', '>', '-', '*', '+', '='])
            || t.split_once(['.', ')'])
                .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if !block {
            paragraph.push_str(line);
            paragraph.push('\n');
        }
    }
    let mut out = String::new();
    for event in Parser::new_ext(&paragraph, parser_options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
        if out.len() >= 800 {
            break;
        }
    }
    out.trim().chars().take(200).collect()
}

/// A markdown body as plain text, parsed with the options rendering uses
/// (so a table is cells, not `|` text): blocks on their own lines, table
/// cells apart, markup and raw HTML left out. A line break inside a
/// Chinese paragraph is not a space. For the open data.
pub fn plain_text(markdown: &str) -> String {
    walk(markdown, None)
}

/// [`plain_text`] with the headings apart (space-separated) instead of on
/// lines of their own in the text. For the search index, where headings
/// weigh more than the body.
pub fn plain_text_and_headings(markdown: &str) -> (String, String) {
    let mut headings = String::new();
    let text = walk(markdown, Some(&mut headings));
    (headings.trim().to_string(), text)
}

/// The one walk over a markdown text: into `headings` when given,
/// otherwise headings are lines of the text.
fn walk(markdown: &str, mut headings: Option<&mut String>) -> String {
    let mut out = String::new();
    let mut in_heading = false;
    for event in Parser::new_ext(markdown, parser_options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => in_heading = headings.is_some(),
            Event::End(TagEnd::Heading(_)) if in_heading => {
                in_heading = false;
                if let Some(h) = headings.as_deref_mut() {
                    h.push(' ');
                }
            }
            Event::Text(t) | Event::Code(t) if in_heading => {
                if let Some(h) = headings.as_deref_mut() {
                    h.push_str(&t);
                }
            }
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak if out.chars().last().is_some_and(|c| c.is_ascii()) => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::TableHead,
            ) if !out.ends_with('\n') => out.push('\n'),
            Event::End(TagEnd::TableCell) => out.push(' '),
            _ => {}
        }
    }
    // Cells end with a space before their row's line break.
    let lines: Vec<&str> = out.lines().map(str::trim_end).collect();
    lines.join("\n").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_of_markdown() {
        assert_eq!(
            plain_text("# 标题\n\n第一段\n续行，**粗体**。\n\n- 甲\n- 乙"),
            "标题\n第一段续行，粗体。\n甲\n乙"
        );
        assert_eq!(
            plain_text("服务时间：\n\n| 日期 | 时间 |\n|---|---|\n| 周一 | 08:30 |\n"),
            "服务时间：\n日期 时间\n周一 08:30"
        );
    }

    #[test]
    fn plain_text_keeps_headings_apart_when_asked() {
        let markdown = "# 标题\n\n正文**加粗**，[链接](https://a.example)。\n\n## 小节\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n";
        let (headings, text) = plain_text_and_headings(markdown);
        assert_eq!(headings, "标题 小节");
        assert_eq!(text, "正文加粗，链接。\n甲 乙\n1 2");
        assert_eq!(
            plain_text(markdown),
            "标题\n正文加粗，链接。\n小节\n甲 乙\n1 2"
        );
    }

    #[test]
    fn summary_is_the_first_paragraph() {
        assert_eq!(
            summary("# 标题\n\n第一段\n接着。\n\n第二段\n"),
            "第一段 接着。"
        );
        let long = format!("{}\n\n后面", "长".repeat(3000));
        assert_eq!(summary(&long).chars().count(), 200);
    }
}
