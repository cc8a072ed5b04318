//! The index writer: numbers the documents, tokenizes their fields, turns
//! term frequencies into BM25 impacts, and writes the manifest, the term
//! shards, the fragment chunks and the region facet files described in
//! `docs/search.md`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};

use super::documents::{Document, KINDS};
use super::t2s;
use super::text;
use crate::directory::Directory;

pub const VERSION: u32 = 1;
/// Documents per fragment chunk.
pub const CHUNK: usize = 16;
/// Excerpt text kept per document, in characters.
pub const EXCERPT: usize = 480;
/// Aim for term shards of about this many bytes.
pub const SHARD_TARGET: usize = 48 * 1024;
/// Partitions of the postings, filled in parallel.
const PARTITIONS: usize = 8;

/// The partition of a key (its low bits are well mixed: a CJK character
/// or a hash).
fn partition(k: Key) -> usize {
    ((k ^ (k >> 21)) % PARTITIONS as u64) as usize
}

/// Documents tokenized together before their postings are added.
const BATCH: usize = 1024;
const _: () = assert!(BATCH % CHUNK == 0);
/// Positions kept per posting (CJK bigrams only): enough for the adjacency
/// bonus on a term's first occurrences.
pub const POSITIONS: usize = 2;
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// A term packed into 64 bits: a CJK bigram or unigram exactly
/// (`a << 21 | b`, `b` = 0 for a unigram), anything else as a 63-bit FNV-1a
/// hash of its text with the top bit set (the text kept aside). Packing
/// keeps the hundreds of millions of postings of a large site from each
/// owning a string.
type Key = u64;
/// Maps keyed by packed terms: foldhash, several times faster than the
/// standard SipHash on integer keys; iteration order never reaches a file.
type FastMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;
const WORD: Key = 1 << 63;

/// The packed key of a term, without making its text (the text of a word
/// is kept aside only the first time a document has it).
fn key(term: &text::Term<'_>) -> Key {
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

fn word_key(text: &str, words: &mut Vec<(Key, String)>) -> Key {
    let k = fnv_key(text.bytes());
    words.push((k, text.to_string()));
    k
}

/// The text of a packed CJK key.
fn cjk_text(k: Key) -> String {
    let a = char::from_u32((k >> 21) as u32).unwrap_or('\u{fffd}');
    match (k & 0x1F_FFFF) as u32 {
        0 => a.to_string(),
        b => [a, char::from_u32(b).unwrap_or('\u{fffd}')]
            .iter()
            .collect(),
    }
}

/// What one document gives the index: per term, its weighted frequency
/// and first positions (CJK bigrams only).
struct Tokenized {
    terms: Vec<(Key, u32, [u32; POSITIONS], u8)>,
    words: Vec<(Key, String)>,
    length: u32,
}

/// A term's postings while the index is made: internal varints (document
/// delta, weighted frequency, positions count, positions).
#[derive(Default)]
struct TermBuf {
    last: u32,
    df: u32,
    bytes: Vec<u8>,
}

fn put(bytes: &mut Vec<u8>, mut v: u32) {
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

fn take(bytes: &[u8], at: &mut usize) -> u32 {
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

/// Write the index's files through `emit` (path under the output, text),
/// term shards a batch at a time, so that only the compact postings and a
/// few shards' text are in memory at once.
pub fn write(
    mut docs: Vec<Document>,
    dir: &Directory,
    synonyms: &[Vec<String>],
    fill: &(dyn Fn(&mut Document) + Sync),
    emit: &mut dyn FnMut(&str, &str),
) {
    let order = |d: &Document| {
        let chain = d.region.map(|r| region_chain(dir, r)).unwrap_or_default();
        (
            d.kind,
            d.org_type.unwrap_or(usize::MAX),
            chain,
            d.url.clone(),
        )
    };
    docs.par_sort_by_cached_key(order);
    let folded: Vec<Vec<String>> = synonyms
        .iter()
        .map(|g| g.iter().map(|m| text::fold_text(m)).collect())
        .collect();
    // Tokenize a batch of documents in parallel, then add its postings in
    // document order; only one batch's token lists are held at a time.
    let started = std::time::Instant::now();
    let mut lengths: Vec<(u32, u32)> = Vec::with_capacity(docs.len());
    // Postings in partitions by key, each filled by one thread, in
    // document order (adding postings is most of the indexing time).
    let mut partitions: Vec<FastMap<Key, TermBuf>> =
        (0..PARTITIONS).map(|_| FastMap::default()).collect();
    let mut words: FastMap<Key, String> = FastMap::default();
    for (b, batch) in docs.chunks_mut(BATCH).enumerate() {
        batch.par_iter_mut().for_each(fill);
        let tokenized: Vec<Tokenized> = batch.par_iter().map(|d| tokenize(d, &folded)).collect();
        // The batch's fragment chunks (BATCH is a multiple of CHUNK), then
        // its texts are let go: a large site's bodies are not all held
        // while its postings grow.
        for (c, chunk) in batch.chunks(CHUNK).enumerate() {
            let fragments: Vec<Value> = chunk.iter().map(fragment).collect();
            let i = b * (BATCH / CHUNK) + c;
            emit(&format!("search/f/{i}.json"), &to_json(&fragments));
        }
        for d in batch.iter_mut() {
            d.body = String::new();
            d.meta = String::new();
        }
        let batch = &*batch;
        for (t, d) in tokenized.iter().zip(batch) {
            lengths.push((t.length, if d.boost == 0 { 100 } else { d.boost }));
            for (k, w) in &t.words {
                words.entry(*k).or_insert_with(|| w.clone());
            }
        }
        partitions
            .par_iter_mut()
            .enumerate()
            .for_each(|(part, postings)| {
                for (i, t) in tokenized.iter().enumerate() {
                    let id = (b * BATCH + i) as u32;
                    for &(k, wtf, positions, count) in &t.terms {
                        if partition(k) != part {
                            continue;
                        }
                        let buf = postings.entry(k).or_default();
                        put(&mut buf.bytes, id - buf.last);
                        buf.last = id;
                        buf.df += 1;
                        put(&mut buf.bytes, wtf);
                        put(&mut buf.bytes, u32::from(count));
                        let mut last = 0;
                        for &p in &positions[..usize::from(count)] {
                            put(&mut buf.bytes, p - last);
                            last = p;
                        }
                    }
                }
            });
    }
    let n = docs.len().max(1) as f64;
    let avgdl = (lengths.iter().map(|&(l, _)| f64::from(l)).sum::<f64>() / n).max(1.0);
    if std::env::var_os("GONGKAI_TIMINGS").is_some() {
        let bufs = || partitions.iter().flat_map(|p| p.values());
        eprintln!(
            "index: {} terms, {} postings, {} MiB of postings ({} MiB allocated)",
            partitions.iter().map(|p| p.len()).sum::<usize>(),
            bufs().map(|b| u64::from(b.df)).sum::<u64>(),
            bufs().map(|b| b.bytes.len()).sum::<usize>() >> 20,
            bufs().map(|b| b.bytes.capacity()).sum::<usize>() >> 20,
        );
    }
    crate::timing("s-merge", started);
    let started = std::time::Instant::now();
    let term_text = |k: Key| -> String {
        if k & WORD == 0 {
            cjk_text(k)
        } else {
            words.get(&k).cloned().unwrap_or_default()
        }
    };
    // Shards: the encoded postings run about 1.3 characters per internal byte.
    let total: usize = partitions
        .iter()
        .flat_map(|p| p.values())
        .map(|b| b.bytes.len() * 13 / 10 + 16)
        .sum();
    let shards = total.div_ceil(SHARD_TARGET).max(1) as u32;
    let dense = (docs.len() / 8).max(1000) as u32;
    let mut chars: BTreeSet<char> = BTreeSet::new();
    // Terms go to their shards as keys; their texts are made again when
    // the shard is written (millions of small strings otherwise).
    let mut by_shard: Vec<Vec<(Key, TermBuf)>> = (0..shards).map(|_| Vec::new()).collect();
    for (k, buf) in partitions.into_iter().flatten() {
        let t = term_text(k);
        if k & WORD == 0 {
            chars.extend(t.chars());
        }
        by_shard[text::shard(&t, shards) as usize].push((k, buf));
    }
    let mut shard_no = 0usize;
    let mut batches = by_shard.into_iter().peekable();
    while batches.peek().is_some() {
        let batch: Vec<Vec<(Key, TermBuf)>> = batches.by_ref().take(64).collect();
        let texts: Vec<String> = batch
            .into_par_iter()
            .map(|terms| {
                let encoded: BTreeMap<String, (i64, String)> = terms
                    .into_iter()
                    .map(|(k, buf)| {
                        let e = encode(&buf, n, avgdl, &lengths, buf.df <= dense);
                        (term_text(k), e)
                    })
                    .collect();
                to_json(&encoded)
            })
            .collect();
        for text in texts {
            emit(&format!("search/t/{shard_no}.json"), &text);
            shard_no += 1;
        }
    }
    crate::timing("s-shards", started);
    let fold: String = t2s::pairs()
        .iter()
        .filter(|(_, s)| chars.contains(s))
        .flat_map(|(t, s)| [*t, *s])
        .collect();
    let (facets, region_files) = facets(&docs, dir);
    for (path, text) in &region_files {
        emit(path, text);
    }
    let manifest = json!({
        "version": VERSION,
        "documents": docs.len(),
        "shards": shards,
        "chunk": CHUNK,
        "fold": fold,
        "kinds": KINDS.iter().map(|(k, l)| (k.to_string(), Value::from(*l))).collect::<serde_json::Map<_, _>>(),
        "facets": facets,
    });
    emit("search/manifest.json", &to_json(&manifest));
}

/// A term's postings as the index stores them, with its idf.
fn encode(
    buf: &TermBuf,
    n: f64,
    avgdl: f64,
    lengths: &[(u32, u32)],
    keep_positions: bool,
) -> (i64, String) {
    let df = f64::from(buf.df);
    let idf = (100.0 * (1.0 + (n - df + 0.5) / (df + 0.5)).ln()).round() as i64;
    let mut s = String::with_capacity(buf.bytes.len() * 13 / 10);
    let mut at = 0;
    let mut doc = 0u32;
    while at < buf.bytes.len() {
        let delta = take(&buf.bytes, &mut at);
        doc += delta;
        let wtf = f64::from(take(&buf.bytes, &mut at));
        let count = take(&buf.bytes, &mut at) as usize;
        let (dl, boost) = lengths[doc as usize];
        let impact = (f64::from(boost) * wtf * (K1 + 1.0)
            / (wtf + K1 * (1.0 - B + B * f64::from(dl) / avgdl)))
            .round()
            .clamp(1.0, 255.0) as u64;
        text::push_varint(&mut s, u64::from(delta));
        text::push_varint(&mut s, impact);
        text::push_varint(&mut s, if keep_positions { count as u64 } else { 0 });
        for _ in 0..count {
            let p = take(&buf.bytes, &mut at);
            if keep_positions {
                text::push_varint(&mut s, u64::from(p));
            }
        }
    }
    (idf, s)
}

/// What the client shows of a document (docs/search.md, "Fragment chunks").
fn fragment(d: &Document) -> Value {
    let text = if d.body.trim().is_empty() {
        d.meta.trim()
    } else {
        d.body.trim()
    };
    let x: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(EXCERPT)
        .collect();
    json!({
        "u": d.url,
        "t": d.title,
        "k": KINDS[d.kind].0,
        "l": d.location,
        "x": x,
    })
}

fn to_json<T: Serialize>(value: &T) -> String {
    // Plain maps, strings and numbers: serializing cannot fail.
    serde_json::to_string(value).expect("search index serializes")
}

/// The region and its ancestors, from the top down.
fn region_chain(dir: &Directory, region: usize) -> Vec<usize> {
    let mut chain = dir.region_chain(region);
    chain.reverse();
    chain
}

/// The terms of one document, with weighted frequencies, the first
/// positions of CJK bigrams, and its length.
fn tokenize(d: &Document, folded: &[Vec<String>]) -> Tokenized {
    let mut terms: FastMap<Key, (u32, [u32; POSITIONS], u8)> = FastMap::default();
    let mut words: Vec<(Key, String)> = Vec::new();
    let mut length = 0u32;
    let mut position = 0u32;
    let mut field =
        |text: &str, names: &[String], unigrams: bool, weight: u32, position: &mut u32| {
            let mut add = |t: text::Term<'_>, p: u32| {
                length += 1;
                let bigram = matches!(t, text::Term::Bigram(..));
                let k = key(&t);
                let e = terms.entry(k).or_insert_with(|| {
                    if k & WORD != 0 {
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
            text::folded_field_terms(&folded_text, unigrams, position, &mut add);
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
    field(
        &d.title,
        std::slice::from_ref(&d.title),
        true,
        text::TITLE,
        &mut position,
    );
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
    Tokenized {
        terms: terms
            .into_iter()
            .map(|(k, (w, p, c))| (k, w, p, c))
            .collect(),
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

/// The facets for the manifest, and the region files below its two levels.
fn facets(docs: &[Document], dir: &Directory) -> (Vec<Value>, Vec<(String, String)>) {
    let mut kinds: Vec<Vec<u32>> = vec![Vec::new(); KINDS.len()];
    let mut types: Vec<Vec<u32>> = vec![Vec::new(); dir.types.len()];
    let mut regions: Vec<Vec<u32>> = vec![Vec::new(); dir.regions.len()];
    let mut audiences: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    let mut needs: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for (id, d) in docs.iter().enumerate() {
        let id = id as u32;
        kinds[d.kind].push(id);
        if let Some(t) = d.org_type {
            types[t].push(id);
        }
        if let Some(r) = d.region {
            for r in region_chain(dir, r) {
                regions[r].push(id);
            }
        }
        for a in &d.audiences {
            audiences.entry(a).or_default().push(id);
        }
        for n in &d.needs {
            needs.entry(n).or_default().push(id);
        }
    }
    let value =
        |id: &str, label: &str, docs: &[u32]| json!({"id": id, "label": label, "docs": runs(docs)});
    let kind_values: Vec<Value> = KINDS
        .iter()
        .zip(&kinds)
        .filter(|(_, d)| !d.is_empty())
        .map(|((k, l), d)| value(k, l, d))
        .collect();
    let type_values: Vec<Value> = dir
        .types
        .iter()
        .zip(&types)
        .filter(|(_, d)| !d.is_empty())
        .map(|(t, d)| value(&t.record.id, &t.name, d))
        .collect();
    let term_values =
        |vocabulary: &[crate::directory::Term], found: &BTreeMap<&str, Vec<u32>>| -> Vec<Value> {
            vocabulary
                .iter()
                .filter_map(|t| {
                    found
                        .get(t.name.as_str())
                        .map(|d| value(&t.name, &t.name, d))
                })
                .collect()
        };
    let depth = |r: usize| region_chain(dir, r).len() - 1;
    let region_value = |r: usize| {
        let reg = &dir.regions[r];
        let more = reg.children.iter().any(|&c| !regions[c].is_empty());
        json!({
            "id": reg.record.id,
            "label": reg.name,
            "parent": reg.parent.map_or(String::new(), |p| dir.regions[p].record.id.clone()),
            "docs": runs(&regions[r]),
            "more": more && depth(r) >= 1,
        })
    };
    let region_values: Vec<Value> = (0..dir.regions.len())
        .filter(|&r| !regions[r].is_empty() && depth(r) <= 1)
        .map(region_value)
        .collect();
    let mut region_files = Vec::new();
    for r in 0..dir.regions.len() {
        if regions[r].is_empty() || depth(r) < 1 {
            continue;
        }
        let children: Vec<Value> = dir.regions[r]
            .children
            .iter()
            .filter(|&&c| !regions[c].is_empty())
            .map(|&c| region_value(c))
            .collect();
        region_files.push((
            format!("search/r/{}.json", dir.regions[r].record.id),
            to_json(&json!({"self": region_value(r), "values": children})),
        ));
    }
    let facet = |name: &str, label: &str, values: Vec<Value>| json!({"name": name, "label": label, "values": values});
    let mut out = vec![facet("kind", "类别", kind_values)];
    if !type_values.is_empty() {
        out.push(facet("type", "组织类型", type_values));
    }
    if !region_values.is_empty() {
        out.push(facet("region", "地区", region_values));
    }
    let audience_values = term_values(&dir.audiences, &audiences);
    if !audience_values.is_empty() {
        out.push(facet("audience", "服务对象", audience_values));
    }
    let need_values = term_values(&dir.needs, &needs);
    if !need_values.is_empty() {
        out.push(facet("need", "需求", need_values));
    }
    (out, region_files)
}

/// Sorted document ids as runs: pairs (gap after the previous run, length).
pub fn runs(ids: &[u32]) -> String {
    let mut s = String::new();
    let mut end = 0u32;
    let mut i = 0;
    while i < ids.len() {
        let start = ids[i];
        let mut j = i + 1;
        while j < ids.len() && ids[j] == ids[j - 1] + 1 {
            j += 1;
        }
        text::push_varint(&mut s, u64::from(start - end));
        text::push_varint(&mut s, (j - i) as u64);
        end = start + (j - i) as u32;
        i = j;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_encode_gaps_and_lengths() {
        let s = runs(&[0, 1, 2, 5, 9, 10]);
        assert_eq!(text::varints(&s).unwrap(), [0, 3, 2, 1, 3, 2]);
        assert_eq!(runs(&[]), "");
    }
}
