//! Two texts of one policy compared article by article: an article is the
//! same article in both when its id is (`art_6` is 第六条 in either text;
//! an inserted 第六条之一 is `art_6-1`), and it was added, deleted, changed
//! or left as it was. Which paragraphs (款) changed is said too, when the
//! article keeps its paragraphs.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Article, PolicyDocument};

/// What happened to an article from one text to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Deleted,
    Changed,
    Unchanged,
}

impl ChangeKind {
    /// Added, deleted or changed.
    pub fn is_change(self) -> bool {
        self != ChangeKind::Unchanged
    }
}

/// One article in a comparison of two texts.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleChange {
    pub eid: String,
    /// How to cite it (`第六条`), from the newer text when it has it.
    pub label: String,
    pub kind: ChangeKind,
    /// Index of the article in the older text.
    #[serde(skip)]
    pub old: Option<usize>,
    /// Index of the article in the newer text.
    #[serde(skip)]
    pub new: Option<usize>,
    /// The paragraphs (款, 1-based) that changed, when both texts have the
    /// same number of them and not all changed.
    pub paragraphs: Vec<usize>,
}

/// The words of an article as one text: its heading sentence, paragraphs
/// and items, one line each, without its number (`第六条`).
pub fn article_text(a: &Article) -> String {
    let mut lines: Vec<String> = vec![];
    for (i, p) in a.paragraphs.iter().enumerate() {
        lines.push(paragraph_text(a, i, p));
    }
    if a.paragraphs.is_empty() {
        lines.extend(a.heading.as_ref().map(|h| h.text.clone()));
    }
    lines.join("\n")
}

fn paragraph_text(a: &Article, i: usize, p: &super::document::Paragraph) -> String {
    let mut out = String::new();
    if i == 0 {
        if let Some(h) = &a.heading {
            out.push_str(&h.text);
        }
    }
    out.push_str(&p.text.text);
    for item in &p.items {
        out.push('\n');
        out.push_str(&item.num);
        out.push_str(&item.text.text);
        for sub in &item.items {
            out.push('\n');
            out.push_str(&sub.num);
            out.push_str(&sub.text.text);
        }
    }
    out
}

/// An article's place: its number, its 之一 number, its id.
type ArticleKey = (u32, u32, String);
/// Where an article is in the older and the newer text.
type Pair = (Option<usize>, Option<usize>);

/// Compare the main texts of `old` and `new`, article by article, in the
/// order of their numbers (a deleted article where it stood).
pub fn compare(old: &PolicyDocument, new: &PolicyDocument) -> Vec<ArticleChange> {
    let mut by_number: BTreeMap<ArticleKey, Pair> = BTreeMap::new();
    for (i, a) in old.articles.iter().enumerate() {
        by_number
            .entry((a.number, a.sub.unwrap_or(0), a.eid.clone()))
            .or_default()
            .0 = Some(i);
    }
    for (i, a) in new.articles.iter().enumerate() {
        by_number
            .entry((a.number, a.sub.unwrap_or(0), a.eid.clone()))
            .or_default()
            .1 = Some(i);
    }
    by_number
        .into_iter()
        .map(|((_, _, eid), (o, n))| {
            let (oa, na) = (o.map(|i| &old.articles[i]), n.map(|i| &new.articles[i]));
            let kind = match (oa, na) {
                (None, _) => ChangeKind::Added,
                (_, None) => ChangeKind::Deleted,
                (Some(a), Some(b)) if article_text(a) == article_text(b) => ChangeKind::Unchanged,
                _ => ChangeKind::Changed,
            };
            let paragraphs = match (oa, na) {
                (Some(a), Some(b))
                    if kind == ChangeKind::Changed
                        && a.paragraphs.len() == b.paragraphs.len()
                        && a.paragraphs.len() > 1 =>
                {
                    let changed: Vec<usize> = (0..a.paragraphs.len())
                        .filter(|&k| {
                            paragraph_text(a, k, &a.paragraphs[k])
                                != paragraph_text(b, k, &b.paragraphs[k])
                        })
                        .map(|k| k + 1)
                        .collect();
                    if changed.len() < a.paragraphs.len() {
                        changed
                    } else {
                        vec![]
                    }
                }
                _ => vec![],
            };
            ArticleChange {
                label: na.or(oa).map(|a| a.label.clone()).unwrap_or_default(),
                eid,
                kind,
                old: o,
                new: n,
                paragraphs,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::policy::parse;

    fn kinds(old: &str, new: &str) -> Vec<(String, ChangeKind, Vec<usize>)> {
        let (old, new) = (parse(old, 0).unwrap(), parse(new, 0).unwrap());
        compare(&old, &new)
            .into_iter()
            .map(|c| (c.eid, c.kind, c.paragraphs))
            .collect()
    }

    #[test]
    fn articles_are_matched_by_id_and_kept_in_number_order() {
        let old = "第一条　甲。\n第二条　乙。\n第三条　丙。\n示例第二款。\n";
        let new = "第一条　甲。\n第一条之一　新。\n第三条　丙。\n示例第二款改。\n";
        assert_eq!(
            kinds(old, new),
            vec![
                ("art_1".into(), ChangeKind::Unchanged, vec![]),
                ("art_1-1".into(), ChangeKind::Added, vec![]),
                ("art_2".into(), ChangeKind::Deleted, vec![]),
                ("art_3".into(), ChangeKind::Changed, vec![2]),
            ]
        );
    }

    #[test]
    fn the_article_number_is_not_part_of_its_text() {
        let a = parse("第六条　示例。\n（一）第一项；\n", 0).unwrap();
        assert_eq!(article_text(&a.articles[0]), "示例。\n（一）第一项；");
    }
}
