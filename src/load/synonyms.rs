//! The editors' synonym table: `synonyms.yaml` at the site root, a list of
//! groups of words that mean the same (`- [红十字会, 红会]`). A document
//! containing any member of a group is also found by the others
//! (`crate::search::synonyms` adds the organization types' aliases).

use std::path::Path;
use std::sync::Arc;

use crate::base::diagnostics::Diagnostic;

/// The table's file, relative to the site root.
pub const FILE: &str = "synonyms.yaml";

/// Read `synonyms.yaml` if the site has one. Each group needs two or more
/// non-empty members.
pub fn load(root: &Path) -> Result<Vec<Vec<String>>, Diagnostic> {
    let path = root.join(FILE);
    if !path.exists() {
        return Ok(vec![]);
    }
    let text = crate::base::files::read_utf8(&path, Path::new(FILE))?;
    let source: Arc<str> = text.clone();
    let groups: Vec<Vec<String>> = crate::base::yaml::parse(Path::new(FILE), &source, &text, 0)
        .map_err(|d| d.with_help(msg!("synonyms-help")))?;
    let mut out = Vec::new();
    for (i, group) in groups.into_iter().enumerate() {
        let members: Vec<String> = group
            .into_iter()
            .map(|m| m.trim().to_string())
            .filter(|m| !m.is_empty())
            .collect();
        if members.len() < 2 {
            // Point at the group's line: the i-th top-level `-`.
            let offset = text
                .match_indices('-')
                .filter(|(at, _)| *at == 0 || text[..*at].ends_with('\n'))
                .nth(i)
                .map_or(0, |(at, _)| at);
            return Err(Diagnostic::at(
                Path::new(FILE),
                &source,
                offset,
                1,
                msg!("synonyms-group-short"),
            ));
        }
        out.push(members);
    }
    Ok(out)
}
