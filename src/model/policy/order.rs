//! The order of a document's articles: each follows the one before it
//! (第二条 after 第一条, 第十七条之一 after 第十七条, 第十八条 after
//! 第十七条之一). A number that skips or goes backwards is a warning, not
//! an error: published documents do renumber, and a typo in a number
//! should not stop a build.

use super::document::StructureError;
use super::line::Line;

/// The article read last: its number, its `之n` and its label.
#[derive(Default)]
pub(super) struct ArticleOrder {
    last: Option<(u32, Option<u32>, String)>,
}

impl ArticleOrder {
    /// Record the next article; a warning when it does not follow the last.
    pub(super) fn next(
        &mut self,
        number: u32,
        sub: Option<u32>,
        label: &str,
        line: &Line<'_>,
    ) -> Option<StructureError> {
        let this = (number, sub);
        let last = self.last.replace((number, sub, label.to_string()));
        let message = match last {
            None if this == (1, None) => return None,
            None => msg!("policy-first-article-not-one", label = label),
            Some((n, s, last_label)) => {
                let follows = this == (n.saturating_add(1), None)
                    || this == (n, Some(s.unwrap_or(0).saturating_add(1)));
                // The same number twice is already an error.
                if follows || this == (n, s) {
                    return None;
                }
                if this > (n, s) {
                    msg!("policy-articles-skip", label = label, last = &last_label)
                } else {
                    msg!(
                        "policy-articles-backwards",
                        label = label,
                        last = &last_label
                    )
                }
            }
        };
        Some(StructureError {
            message,
            offset: line.offset,
            len: line.text.len(),
            help: None,
        })
    }
}
