//! Terms packed into 64-bit keys (a CJK bigram or unigram exactly, a
//! word as a hash with its text kept aside), their routes, and a term's
//! postings while the index is made, as internal varints.

use std::collections::HashMap;

use super::super::text;

/// Partitions of the postings, filled in parallel.
pub(super) const PARTITIONS: usize = 8;

/// The partition of a key (its low bits are well mixed: a CJK character
/// or a hash).
pub(super) fn partition(k: Key) -> usize {
    ((k ^ (k >> 21)) % PARTITIONS as u64) as usize
}

/// A term packed into 64 bits: a CJK bigram or unigram exactly
/// (`a << 21 | b`, `b` = 0 for a unigram), anything else as a 63-bit FNV-1a
/// hash of its text with the top bit set (the text kept aside). Packing
/// keeps the hundreds of millions of postings of a large site from each
/// owning a string.
pub(super) type Key = u64;
/// Maps keyed by packed terms: foldhash, several times faster than the
/// standard SipHash on integer keys; iteration order never reaches a file.
pub(super) type FastMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;
pub(super) const WORD: Key = 1 << 63;

/// The packed key of a term, without making its text (the text of a word
/// is kept aside only the first time a document has it).
pub(super) fn key(term: &text::Term<'_>) -> Key {
    match *term {
        text::Term::Bigram(a, b) => (u64::from(a) << 21) | u64::from(b),
        text::Term::Unigram(c) => u64::from(c) << 21,
        text::Term::Word(w) => fnv_key(w.bytes()),
        text::Term::Prefix(w, n) => {
            let end = w.char_indices().nth(n).map_or(w.len(), |(i, _)| i);
            fnv_key(w[..end].bytes().chain(std::iter::once(b'*')))
        }
    }
}

/// A word's key: the 63-bit FNV-1a hash of its text, top bit set.
fn fnv_key(bytes: impl Iterator<Item = u8>) -> Key {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h | WORD
}

/// The key of a term's text (what [`key`] gives for the term).
pub(super) fn text_key(t: &str) -> Key {
    let cjk = |c: char| text::class(c) == text::Class::Cjk;
    let mut cs = t.chars();
    match (cs.next(), cs.next(), cs.next()) {
        (Some(a), None, _) if cjk(a) => u64::from(a) << 21,
        (Some(a), Some(b), None) if cjk(a) && cjk(b) => (u64::from(a) << 21) | u64::from(b),
        _ => fnv_key(t.bytes()),
    }
}

/// What a term is routed by (docs/search.md, "Routing"): itself, or for an
/// exact term the group term of its key in fewest documents (the first of
/// equals), so that exact terms spread over the shards of their rare words.
pub(super) fn route_of(t: &str, dfs: &FastMap<Key, u32>) -> String {
    text::routes(t)
        .into_iter()
        .enumerate()
        .min_by_key(|(i, r)| (dfs.get(&text_key(r)).copied().unwrap_or(0), *i))
        .map(|(_, r)| r)
        .unwrap_or_default()
}

pub(super) fn word_key(text: &str, words: &mut Vec<(Key, String)>) -> Key {
    let k = fnv_key(text.bytes());
    words.push((k, text.to_string()));
    k
}

/// The text of a packed CJK key.
pub(super) fn cjk_text(k: Key) -> String {
    let a = char::from_u32((k >> 21) as u32).unwrap_or('\u{fffd}');
    match (k & 0x1F_FFFF) as u32 {
        0 => a.to_string(),
        b => [a, char::from_u32(b).unwrap_or('\u{fffd}')]
            .iter()
            .collect(),
    }
}

/// A term's postings while the index is made: internal varints (document
/// delta, weighted frequency, positions count, positions).
#[derive(Default)]
pub(super) struct TermBuf {
    pub(super) last: u32,
    pub(super) df: u32,
    pub(super) bytes: Vec<u8>,
}

pub(super) fn put(bytes: &mut Vec<u8>, mut v: u32) {
    // Postings grow by a quarter, not double: at 100,000 pages the held
    // postings are the largest structure of the build, and doubling left
    // a third of their allocation unused.
    if bytes.capacity() - bytes.len() < 5 {
        bytes.reserve_exact((bytes.capacity() / 4).max(16));
    }
    while v >= 0x80 {
        bytes.push((v as u8) | 0x80);
        v >>= 7;
    }
    bytes.push(v as u8);
}

pub(super) fn take(bytes: &[u8], at: &mut usize) -> u32 {
    let mut v = 0u32;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        v |= u32::from(b & 0x7F) << shift;
        if b < 0x80 {
            break;
        }
        shift += 7;
    }
    v
}
