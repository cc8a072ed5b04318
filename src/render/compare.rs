//! 新旧对照: two texts of an article diffed grapheme by grapheme (Chinese
//! has no spaces between words, so a word diff would see whole sentences),
//! with the `similar` crate; short unchanged runs between two changes are
//! folded into the change so that a reader sees 十五日 replace 三十日, not
//! 十 kept between two edits. Deleted text is `<del>`, inserted text
//! `<ins>`, each opened by words for screen readers (删除：/新增：), so
//! the change reads without colour.

use similar::{ChangeTag, TextDiff};

use crate::base::escape::escape_html;

/// A run of graphemes with one tag.
#[derive(Debug, Clone, PartialEq)]
struct Run {
    tag: ChangeTag,
    text: String,
}

/// The runs of a diff of `old` and `new`, by grapheme, merged.
fn runs(old: &str, new: &str) -> Vec<Run> {
    let diff = TextDiff::configure()
        .timeout(std::time::Duration::from_secs(1))
        .diff_graphemes(old, new);
    let mut out: Vec<Run> = vec![];
    for change in diff.iter_all_changes() {
        let tag = change.tag();
        match out.last_mut() {
            Some(last) if last.tag == tag => last.text.push_str(change.value()),
            _ => out.push(Run {
                tag,
                text: change.value().to_string(),
            }),
        }
    }
    merge_short_equal_runs(out)
}

/// Fold an unchanged run of one grapheme between changes into them: it
/// becomes deleted and inserted again, so that the change reads as one.
fn merge_short_equal_runs(runs: Vec<Run>) -> Vec<Run> {
    let is_change = |r: Option<&Run>| r.is_some_and(|r| r.tag != ChangeTag::Equal);
    let mut out: Vec<Run> = vec![];
    for (k, r) in runs.iter().enumerate() {
        let short = r.tag == ChangeTag::Equal
            && r.text.chars().count() == 1
            && r.text != "\n"
            && is_change(k.checked_sub(1).and_then(|j| runs.get(j)))
            && is_change(runs.get(k + 1));
        if short {
            push(&mut out, ChangeTag::Delete, &r.text);
            push(&mut out, ChangeTag::Insert, &r.text);
        } else {
            push(&mut out, r.tag, &r.text);
        }
    }
    // Deletions before insertions in each changed stretch.
    let mut sorted: Vec<Run> = vec![];
    let mut stretch: Vec<Run> = vec![];
    for r in out {
        if r.tag == ChangeTag::Equal {
            flush(&mut sorted, &mut stretch);
            sorted.push(r);
        } else {
            stretch.push(r);
        }
    }
    flush(&mut sorted, &mut stretch);
    sorted
}

fn flush(out: &mut Vec<Run>, stretch: &mut Vec<Run>) {
    for tag in [ChangeTag::Delete, ChangeTag::Insert] {
        let text: String = stretch
            .iter()
            .filter(|r| r.tag == tag)
            .map(|r| r.text.as_str())
            .collect();
        if !text.is_empty() {
            out.push(Run { tag, text });
        }
    }
    stretch.clear();
}

fn push(out: &mut Vec<Run>, tag: ChangeTag, text: &str) {
    match out.last_mut() {
        Some(last) if last.tag == tag => last.text.push_str(text),
        _ => out.push(Run {
            tag,
            text: text.to_string(),
        }),
    }
}

/// Text as HTML, a line break for each line.
fn lines_html(text: &str) -> String {
    escape_html(text).replace('\n', "<br>")
}

/// The older and the newer text as HTML, with `<del>` in the older and
/// `<ins>` in the newer around exactly what changed.
pub fn diff_html(old: &str, new: &str) -> (String, String) {
    let (mut before, mut after) = (String::new(), String::new());
    for r in runs(old, new) {
        let html = lines_html(&r.text);
        match r.tag {
            ChangeTag::Equal => {
                before.push_str(&html);
                after.push_str(&html);
            }
            ChangeTag::Delete => before.push_str(&format!(
                "<del><span class=\"visually-hidden\">删除：</span>{html}</del>"
            )),
            ChangeTag::Insert => after.push_str(&format!(
                "<ins><span class=\"visually-hidden\">新增：</span>{html}</ins>"
            )),
        }
    }
    (before, after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(html: &str) -> String {
        html.replace("<span class=\"visually-hidden\">删除：</span>", "")
            .replace("<span class=\"visually-hidden\">新增：</span>", "")
    }

    #[test]
    fn marks_exactly_the_changed_characters() {
        let (before, after) = diff_html("应当在三十日内答复。", "应当在十五日内答复。");
        assert_eq!(strip(&before), "应当在<del>三十</del>日内答复。");
        assert_eq!(strip(&after), "应当在<ins>十五</ins>日内答复。");
    }

    #[test]
    fn an_unchanged_character_between_changes_joins_them() {
        let (before, after) = diff_html("甲乙丙", "丁乙戊");
        assert_eq!(strip(&before), "<del>甲乙丙</del>");
        assert_eq!(strip(&after), "<ins>丁乙戊</ins>");
    }

    #[test]
    fn screen_readers_hear_what_changed() {
        let (before, after) = diff_html("a", "b");
        assert!(before.contains("<del><span class=\"visually-hidden\">删除：</span>a</del>"));
        assert!(after.contains("<ins><span class=\"visually-hidden\">新增：</span>b</ins>"));
    }
}
