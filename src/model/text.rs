//! Markdown as plain text: the one parser configuration that rendering
//! uses too, a body's summary for lists and feeds, and its text for the
//! open data.

use pulldown_cmark::{Event, Options, Parser, TagEnd};

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
    let mut out = String::new();
    for event in Parser::new_ext(markdown, parser_options()) {
        match event {
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
    fn summary_is_the_first_paragraph() {
        assert_eq!(
            summary("# 标题\n\n第一段\n接着。\n\n第二段\n"),
            "第一段 接着。"
        );
        let long = format!("{}\n\n后面", "长".repeat(3000));
        assert_eq!(summary(&long).chars().count(), 200);
    }
}
