//! Text that talks about structure without being structure: quotations
//! (`将第七条修改为：“第七条　……”`, possibly over several lines until the
//! closing quote) and the numbered instructions of an amending decision
//! (`一、将第七条修改为：…`, `1.删去第九条。`), which are items of the text
//! they sit in, never chapters or articles of the document; and what those
//! instructions say they change ([`instructions`]): the articles each one
//! names outside its quoted new text.

use super::line::{Line, enumerator, lines, ordinal, parenthesised};
use super::numbers::{is_chinese_numeral, is_digit};

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

/// How an instruction of an amending decision names an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The article it changes or deletes (`将第七条修改为`, `删去第九条`):
    /// an article of the text before the change.
    Amended,
    /// The article a new one is inserted after (`在第十七条后增加一条`): an
    /// article of the text before, not itself changed.
    After,
    /// The article it inserts (`作为第十七条之一`): an article of the text
    /// after the change.
    Inserted,
}

/// An article that an instruction names, where it names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedArticle {
    pub number: u32,
    /// `Some(1)` for `第十七条之一`.
    pub sub: Option<u32>,
    /// As written: `第十七条之一`.
    pub label: String,
    /// Byte offset and length of `label` in the file.
    pub offset: usize,
    pub len: usize,
    pub role: Role,
    /// The end of a range whose start is the article named before it
    /// (`删去第九条至第十一条`): the articles between are named too.
    pub through: bool,
}

impl NamedArticle {
    /// The article's id in the policy's text: `art_17`, `art_17-1`.
    pub fn eid(&self) -> String {
        match self.sub {
            Some(sub) => format!("art_{}-{sub}", self.number),
            None => format!("art_{}", self.number),
        }
    }

    /// Its place in the order of articles: 第十七条之一 after 第十七条.
    pub fn key(&self) -> (u32, u32) {
        (self.number, self.sub.unwrap_or(0))
    }
}

/// One numbered instruction of an amending decision (`一、将第七条修改为：…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instruction {
    /// The title in 《》 of the document it amends, when the decision names
    /// one: in the instruction itself, or in the line above it that opens
    /// its group (`一、对《示例条例》作出修改`, `…决定对《示例办法》作如下修改：`).
    pub policy: Option<String>,
    /// The articles it names, in order: the first article outside quoted
    /// text, those listed with it (`第九条、第十条`, `第九条至第十一条`),
    /// and the article it inserts (`作为第十七条之一`).
    pub articles: Vec<NamedArticle>,
}

/// The numbered instructions of an amending decision's body (`body` starts
/// at `body_offset` in its file), in order. Lines inside quoted new text
/// are never instructions, and articles inside quotes are never named.
pub fn instructions(body: &str, body_offset: usize) -> Vec<Instruction> {
    let all = lines(body, body_offset);
    let (quoted, _) = quoted_lines(&all);
    let mut policy: Option<String> = None;
    let mut out = vec![];
    for (line, quoted) in all.iter().zip(quoted) {
        if quoted {
            continue;
        }
        let rest = enumerator(line.text, is_chinese_numeral, &['、'])
            .or_else(|| enumerator(line.text, is_digit, &['．', '.', '、']))
            .map(|(_, _, rest)| rest)
            .or_else(|| parenthesised(line.text).map(|(_, _, _, rest)| rest))
            .filter(|rest| is_amendment(rest));
        let Some(rest) = rest else {
            if let Some(title) = title_in(line.text) {
                policy = Some(title);
            }
            continue;
        };
        let offset = line.offset + (rest.as_ptr() as usize - line.text.as_ptr() as usize);
        let articles = named_articles(rest, offset);
        if !articles.is_empty() {
            out.push(Instruction {
                policy: title_in(rest).or_else(|| policy.clone()),
                articles,
            });
        }
    }
    out
}

/// The pieces of `text` outside quotation marks, with their byte offsets.
fn unquoted(text: &str) -> Vec<(usize, &str)> {
    let mut out = vec![];
    let mut open: Option<char> = None;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match open {
            Some(close) if c == close => {
                open = None;
                start = i + c.len_utf8();
            }
            Some(_) => {}
            None => {
                if let Some(&(_, close)) = QUOTES.iter().find(|(o, _)| *o == c) {
                    out.push((start, &text[start..i]));
                    open = Some(close);
                }
            }
        }
    }
    if open.is_none() {
        out.push((start, &text[start..]));
    }
    out
}

/// The first title in 《》 outside quotes.
fn title_in(text: &str) -> Option<String> {
    unquoted(text).into_iter().find_map(|(_, piece)| {
        let start = piece.find('《')? + '《'.len_utf8();
        let end = piece[start..].find('》')? + start;
        Some(piece[start..end].to_string())
    })
}

/// An article as an instruction writes it, outside quotes: where it is in
/// the instruction, the text before it since the last article, and the
/// text right after it.
struct Mention<'a> {
    start: usize,
    end: usize,
    number: u32,
    sub: Option<u32>,
    before: &'a str,
    after: &'a str,
}

/// Words that join articles named together: `第九条、第十条`.
const JOINS: [&str; 4] = ["、", "和", "及", "以及"];

/// The articles an instruction (`text`, at `offset` in its file) names.
fn named_articles(text: &str, offset: usize) -> Vec<NamedArticle> {
    let mut mentions: Vec<Mention<'_>> = vec![];
    for (piece_start, piece) in unquoted(text) {
        let mut last = 0;
        let mut i = 0;
        while i < piece.len() {
            let found = piece[i..]
                .starts_with('第')
                .then(|| ordinal(&piece[i..], "条"))
                .flatten();
            match found {
                Some(Ok(o)) => {
                    let end = i + o.num.len();
                    mentions.push(Mention {
                        start: piece_start + i,
                        end: piece_start + end,
                        number: o.number,
                        sub: o.sub,
                        before: &piece[last..i],
                        after: &piece[end..],
                    });
                    last = end;
                    i = end;
                }
                _ => i += piece[i..].chars().next().map_or(1, char::len_utf8),
            }
        }
    }
    let inserts = |m: &Mention<'_>| m.before.ends_with("作为");
    let inserting = mentions.iter().any(inserts);
    let mut out: Vec<NamedArticle> = vec![];
    for (k, m) in mentions.iter().enumerate() {
        let listed = k > 0
            && out
                .last()
                .is_some_and(|n| n.offset == offset + mentions[k - 1].start)
            && (JOINS.contains(&m.before) || m.before == "至");
        let role = if inserts(m) {
            Role::Inserted
        } else if k == 0 || listed {
            if inserting && m.after.starts_with('后') {
                Role::After
            } else {
                Role::Amended
            }
        } else {
            continue;
        };
        out.push(NamedArticle {
            number: m.number,
            sub: m.sub,
            label: text[m.start..m.end].to_string(),
            offset: offset + m.start,
            len: m.end - m.start,
            role,
            through: listed && m.before == "至",
        });
    }
    out
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

    /// (label, role, through) of each article each instruction names.
    fn named(body: &str) -> Vec<Vec<(String, Role, bool)>> {
        instructions(body, 0)
            .into_iter()
            .map(|i| {
                i.articles
                    .into_iter()
                    .map(|a| (a.label, a.role, a.through))
                    .collect()
            })
            .collect()
    }

    fn one(label: &str, role: Role) -> Vec<(String, Role, bool)> {
        vec![(label.to_string(), role, false)]
    }

    #[test]
    fn the_articles_each_instruction_names() {
        let body = "示例决定对《示例条例》作如下修改：\n\
            一、将第七条修改为：“第七条　示例。”\n\
            二、删去第十二条。\n\
            三、在第十七条后增加一条，作为第十七条之一：“第十七条之一　示例，依照第九条办理。”\n\
            四、第五条第二款修改为：\n\
            “第八条　引文里的条号不算。”\n\
            五、将第三条中的“第四条”修改为“第六条”。\n\
            1.删去第九条、第十条。\n\
            （一）删去第二十条至第二十二条。\n\
            六、增加一条，作为第三条之一：“第三条之一　示例。”\n\
            本决定自2026年3月1日起施行。\n";
        assert_eq!(
            named(body),
            vec![
                one("第七条", Role::Amended),
                one("第十二条", Role::Amended),
                vec![
                    ("第十七条".into(), Role::After, false),
                    ("第十七条之一".into(), Role::Inserted, false),
                ],
                one("第五条", Role::Amended),
                one("第三条", Role::Amended),
                vec![
                    ("第九条".into(), Role::Amended, false),
                    ("第十条".into(), Role::Amended, false),
                ],
                vec![
                    ("第二十条".into(), Role::Amended, false),
                    ("第二十二条".into(), Role::Amended, true),
                ],
                one("第三条之一", Role::Inserted),
            ]
        );
    }

    #[test]
    fn instructions_know_the_policy_and_where_each_article_is() {
        let body = "一、对《示例甲办法》作出修改\n（一）将第七条修改为：“示例。”\n二、将《示例乙办法》第二条修改为：“示例。”\n";
        let all = instructions(body, 100);
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].policy.as_deref(), Some("示例甲办法"));
        assert_eq!(all[1].policy.as_deref(), Some("示例乙办法"));
        let a = &all[0].articles[0];
        assert_eq!(&body[a.offset - 100..a.offset - 100 + a.len], "第七条");
        assert_eq!((a.eid(), a.key()), ("art_7".to_string(), (7, 0)));
        // Only the first article that is not inserted: a renumbering names
        // the article it moves.
        assert_eq!(
            named("一、将第二十条改为第二十一条。\n"),
            vec![one("第二十条", Role::Amended)]
        );
        // A line of the text that is not an instruction names nothing.
        assert!(named("第一条　依照第九条办理。\n一、加强组织领导。\n").is_empty());
    }
}
