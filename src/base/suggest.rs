//! "Did you mean …?": the nearest of the known names to a mistyped one, by
//! edit distance. A few lines rather than a crate (strsim): ids and field
//! names are short, and one function is all that is needed.

/// The edit distance between `a` and `b`, counted in characters: a
/// character added, removed or changed, or two neighbours swapped, is one
/// edit (Damerau–Levenshtein, optimal string alignment).
pub fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // d[i][j]: the distance between a[..i] and b[..j].
    let mut d = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    d[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// The candidate nearest to `value`, when it is close enough to be the
/// one meant: at most two edits, and at most a third of its length (so
/// that `east` is not offered for `nowhere`). Of two as near, the one
/// first in alphabetical order.
pub fn nearest<'a>(value: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = distance(value, c);
        let len = value.chars().count().max(c.chars().count());
        if d == 0 || d > 2 || d * 3 > len {
            continue;
        }
        // The nearest, then the first in order: the same answer whatever
        // order the candidates come in (a hash map's keys).
        if best.is_none_or(|(b, bc)| (d, c) < (b, bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("yuechen", "yuecheng"), 1);
        assert_eq!(distance("越城区", "越城"), 1);
        assert_eq!(distance("", "ab"), 2);
        assert_eq!(distance("ciyt", "city"), 1);
    }

    #[test]
    fn only_close_names_are_suggested() {
        let ids = ["yuecheng", "keqiao", "shangyu", "east", "west"];
        assert_eq!(nearest("yuechen", ids), Some("yuecheng"));
        assert_eq!(nearest("keqaio", ids), Some("keqiao"));
        assert_eq!(nearest("ease", ids), Some("east"));
        assert_eq!(nearest("aest", ["west", "east"]), Some("east"));
        assert_eq!(nearest("nowhere", ids), None);
        assert_eq!(nearest("ab", ["xy"]), None);
        assert_eq!(
            nearest("yuecheng", ids),
            None,
            "an exact match is no suggestion"
        );
    }
}
