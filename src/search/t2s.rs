//! Traditional → Simplified Chinese folding of single characters, for the
//! search tokenizer: 婦 and 妇 must find each other.
//!
//! The table is `t2s.txt` beside this file: OpenCC's
//! `data/dictionary/TSCharacters.txt` (Apache-2.0, see `t2s.LICENSE` and the
//! file's header), reduced to one simplified character per traditional one.
//! It is compiled in with `include_str!` and parsed once, on first use, into a
//! vector sorted by the traditional character; lookups are binary searches.
//!
//! Folding is per character and knows no context: OpenCC's phrase tables,
//! which pick between candidates such as 乾 → 干/乾, are not used. That is
//! the right trade for search, where both the index and the query are folded
//! the same way.

use std::sync::OnceLock;

/// The table's text: `#` comment lines, then `T<TAB>S` lines.
const DATA: &str = include_str!("t2s.txt");

/// The simplified form of `c`, or `c` itself when the table has no entry
/// (simplified characters, characters the same in both scripts, non-Chinese).
#[must_use]
pub fn fold(c: char) -> char {
    let table = pairs();
    match table.binary_search_by_key(&c, |&(t, _)| t) {
        Ok(i) => table[i].1,
        Err(_) => c,
    }
}

/// Every (traditional, simplified) pair, sorted by the traditional character.
pub fn pairs() -> &'static [(char, char)] {
    static TABLE: OnceLock<Vec<(char, char)>> = OnceLock::new();
    TABLE.get_or_init(|| parse(DATA))
}

/// Reads `T<TAB>S` lines, skipping blank and `#` lines and any line that is
/// not exactly one character on each side, and sorts the result.
fn parse(text: &str) -> Vec<(char, char)> {
    let mut table: Vec<(char, char)> = text
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let (t, s) = line.split_once('\t')?;
            Some((single_char(t)?, single_char(s)?))
        })
        .collect();
    table.sort_unstable();
    table.dedup_by_key(|&mut (t, _)| t);
    table
}

/// The only character of `s`, or `None` if `s` has zero or several.
fn single_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_traditional_to_simplified() {
        assert_eq!(fold('婦'), '妇');
        assert_eq!(fold('聯'), '联');
        assert_eq!(fold('會'), '会');
        assert_eq!(fold('團'), '团');
        assert_eq!(fold('紅'), '红');
    }

    #[test]
    fn leaves_other_characters_unchanged() {
        assert_eq!(fold('字'), '字');
        assert_eq!(fold('工'), '工');
        assert_eq!(fold('a'), 'a');
        assert_eq!(fold('妇'), '妇');
    }

    #[test]
    fn table_is_sorted_and_large() {
        let table = pairs();
        assert!(table.len() > 2_000, "only {} entries", table.len());
        assert!(table.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn no_entry_maps_to_itself() {
        assert!(pairs().iter().all(|&(t, s)| t != s));
    }

    #[test]
    fn every_data_line_is_an_entry() {
        let lines = DATA
            .lines()
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .count();
        assert_eq!(pairs().len(), lines);
    }
}
