//! The terms of one document: its fields' tokens with weighted
//! frequencies and the first positions of CJK bigrams, its synonyms,
//! pinyin and exact names, grouped by partition (docs/search.md, "Index
//! tokens").

use super::super::documents::Document;
use super::super::text;
use super::terms::{FastMap, Key, PARTITIONS, WORD, key, partition, word_key};

/// Positions kept per posting (CJK bigrams only): enough for the adjacency
/// bonus on a term's first occurrences.
const POSITIONS: usize = 2;

/// What one document gives the index: per term, its weighted frequency
/// and first positions (CJK bigrams only), grouped by partition: the terms
/// of partition `p` are `terms[parts[p]..parts[p + 1]]` (each partition's
/// thread reads only its own).
pub(super) struct Tokenized {
    pub(super) terms: Vec<(Key, u32, [u32; POSITIONS], u8)>,
    pub(super) parts: [u32; PARTITIONS + 1],
    /// The texts of its word keys that earlier batches did not give.
    pub(super) words: Vec<(Key, String)>,
    pub(super) length: u32,
}

/// The terms of one document, with weighted frequencies, the first
/// positions of CJK bigrams, and its length.
pub(super) fn tokenize(
    d: &Document,
    folded: &[Vec<String>],
    known: &FastMap<Key, String>,
) -> Tokenized {
    // About one distinct term per two characters of text: sized once
    // rather than grown (growing was a tenth of tokenizing).
    let mut terms: FastMap<Key, (u32, [u32; POSITIONS], u8)> = FastMap::with_capacity_and_hasher(
        (d.title.len() + d.meta.len() + d.body.len()) / 6 + 64,
        Default::default(),
    );
    let mut words: Vec<(Key, String)> = Vec::new();
    let mut length = 0u32;
    let mut position = 0u32;
    let mut field =
        |text: &str, names: &[String], unigrams: bool, weight: u32, position: &mut u32| {
            let mut add = |t: text::Term<'_>, p: u32| {
                let bigram = matches!(t, text::Term::Bigram(..));
                let k = key(&t);
                let e = terms.entry(k).or_insert_with(|| {
                    if k & WORD != 0 && !known.contains_key(&k) {
                        words.push((k, t.text()));
                    }
                    Default::default()
                });
                e.0 += weight;
                if bigram && usize::from(e.2) < POSITIONS {
                    e.1[usize::from(e.2)] = p;
                    e.2 += 1;
                }
            };
            let folded_text = text::fold_text(text);
            // The length counts the text's own tokens, not those derived
            // from it (synonyms, pinyin): a title's pinyin made a record
            // look several times longer than its text.
            text::folded_field_terms(&folded_text, unigrams, position, &mut |t, p| {
                length += 1;
                add(t, p)
            });
            for members in folded {
                if members
                    .iter()
                    .any(|m| !m.is_empty() && folded_text.contains(m.as_str()))
                {
                    for m in members {
                        *position += 1;
                        text::folded_field_terms(m, unigrams, position, &mut add);
                    }
                }
            }
            let mut pinyin = Vec::new();
            for name in names {
                pinyin.extend(text::pinyin_words(name));
            }
            text::word_list_terms(&pinyin, position, &mut add);
            *position += 8;
        };
    let title_names = if d.prose_title {
        &[][..]
    } else {
        std::slice::from_ref(&d.title)
    };
    field(&d.title, title_names, true, text::TITLE, &mut position);
    field(&d.meta, &d.names, true, text::META, &mut position);
    field(&d.body, &[], false, text::BODY, &mut position);
    for name in &d.exact {
        for k in exact_names(name) {
            let k = word_key(&format!("={k}"), &mut words);
            terms.entry(k).or_insert((1, [0; POSITIONS], 0));
        }
    }
    words.sort_unstable();
    words.dedup();
    // Grouped by partition in one counting pass (no sort).
    let mut parts = [0u32; PARTITIONS + 1];
    for k in terms.keys() {
        parts[partition(*k) + 1] += 1;
    }
    for p in 0..PARTITIONS {
        parts[p + 1] += parts[p];
    }
    let mut next = parts;
    let mut grouped = vec![(0, 0, [0; POSITIONS], 0); terms.len()];
    for (k, (w, p, c)) in terms {
        let at = &mut next[partition(k)];
        grouped[*at as usize] = (k, w, p, c);
        *at += 1;
    }
    Tokenized {
        terms: grouped,
        parts,
        words,
        length: length.max(1),
    }
}

/// The exact keys of a name.
fn exact_names(name: &str) -> Vec<String> {
    let key = text::exact_key(name);
    if key.chars().count() < 2 {
        return vec![];
    }
    vec![key]
}
