//! The synonym groups the index uses: the editors' table
//! (`crate::load::synonyms`) and one group per organization type.

use crate::model::directory::Directory;

/// The editors' groups plus one per organization type (its name, full
/// name and aliases).
pub fn with_types(groups: &[Vec<String>], dir: &Directory) -> Vec<Vec<String>> {
    let mut all = groups.to_vec();
    for t in &dir.types {
        let mut group = vec![t.name.clone(), t.full_name.clone()];
        group.extend(t.aliases.iter().cloned());
        group.retain(|m| !m.trim().is_empty());
        group.dedup();
        if group.len() >= 2 {
            all.push(group);
        }
    }
    all
}
