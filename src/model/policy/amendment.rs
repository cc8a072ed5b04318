//! Text that talks about structure without being structure: quotations
//! (`将第七条修改为：“第七条　……”`, possibly over several lines until the
//! closing quote) and the numbered instructions of an amending decision
//! (`一、将第七条修改为：…`, `1.删去第九条。`), which are items of the text
//! they sit in, never chapters or articles of the document.

use super::line::Line;

/// Verbs that make a numbered line an amending instruction.
const AMENDING: [&str; 12] = [
    "修改为",
    "改为",
    "修改",
    "删去",
    "删除",
    "增加",
    "增写",
    "增设",
    "调整为",
    "替换为",
    "作为第",
    "合并为",
];

/// How an amending instruction starts: `将第七条…`, `删去第九条`,
/// `在第十条后增加一款`, `第七条修改为`, `把…改为…`.
const OPENINGS: [&str; 8] = ["将", "把", "删去", "删除", "增加", "增写", "在", "第"];

/// Is the text after an enumerator (`一、`, `1.`) an amending instruction?
pub(super) fn is_amendment(rest: &str) -> bool {
    OPENINGS.iter().any(|o| rest.starts_with(o)) && AMENDING.iter().any(|v| rest.contains(v))
}

/// Quotation marks whose text is never structure: the opening mark and
/// its closing mark. A straight `"` cannot tell opening from closing and is
/// left alone.
const QUOTES: [(char, char); 3] = [('“', '”'), ('「', '」'), ('『', '』')];

/// Where the quotations of the lines are: for each line, whether it starts
/// inside a quotation opened on an earlier line; and the index of the line
/// whose quotation is never closed, if one is not.
///
/// A quotation of several paragraphs opens each paragraph with the opening
/// mark and closes only the last (the Chinese convention), so an opening
/// mark inside an open quotation of the same kind does not nest.
pub(super) fn quoted_lines(lines: &[Line<'_>]) -> (Vec<bool>, Option<usize>) {
    let mut quoted = Vec::with_capacity(lines.len());
    // The closing mark awaited, and the line that opened the quotation.
    let mut open: Option<(char, usize)> = None;
    for (i, line) in lines.iter().enumerate() {
        quoted.push(open.is_some());
        for c in line.text.chars() {
            match open {
                Some((close, _)) if c == close => open = None,
                Some(_) => {}
                None => {
                    if let Some(&(_, close)) = QUOTES.iter().find(|(o, _)| *o == c) {
                        open = Some((close, i));
                    }
                }
            }
        }
    }
    (quoted, open.map(|(_, line)| line))
}

#[cfg(test)]
mod tests {
    use super::super::line::lines;
    use super::*;

    #[test]
    fn amending_instructions() {
        assert!(is_amendment("将第七条修改为：“第七条　……。”"));
        assert!(is_amendment("删去第九条。"));
        assert!(is_amendment("在第十条后增加一款，作为第二款："));
        assert!(is_amendment("第七条第二款修改为："));
        assert!(!is_amendment("加强组织领导。"));
        assert!(!is_amendment("将群团工作纳入党建工作总体部署。"));
    }

    #[test]
    fn quotations_over_several_lines() {
        let body = "将第七条修改为：“第七条　甲。\n“乙。\n第八条　丙。”\n第九条　丁。\n引用「戊\n";
        let all = lines(body, 0);
        let (quoted, unclosed) = quoted_lines(&all);
        assert_eq!(quoted, [false, true, true, false, false]);
        assert_eq!(unclosed, Some(4));
    }
}
