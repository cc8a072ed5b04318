//! The index writer: numbers the documents, tokenizes their fields, turns
//! term frequencies into BM25 impacts, and writes the manifest, the term
//! shards, the fragment chunks and the region facet files described in
//! `docs/search.md`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use super::documents::{Document, KINDS};
use super::format::{self, Card, Facet, FacetValue, Fragment, Manifest, RegionFile, to_json};
use super::t2s;
use super::text;
use crate::directory::Directory;

/// Documents per fragment chunk.
pub const CHUNK: usize = 16;
/// Excerpt text kept per document, in characters.
pub const EXCERPT: usize = 480;
/// Aim for term shards of about this many bytes.
pub const SHARD_TARGET: usize = 24 * 1024;
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

/// The key of a term's text (what [`key`] gives for the term).
fn text_key(t: &str) -> Key {
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
fn route_of(t: &str, dfs: &FastMap<Key, u32>) -> String {
    text::routes(t)
        .into_iter()
        .enumerate()
        .min_by_key(|(i, r)| (dfs.get(&text_key(r)).copied().unwrap_or(0), *i))
        .map(|(_, r)| r)
        .unwrap_or_default()
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
/// and first positions (CJK bigrams only), grouped by partition: the terms
/// of partition `p` are `terms[parts[p]..parts[p + 1]]` (each partition's
/// thread reads only its own).
struct Tokenized {
    terms: Vec<(Key, u32, [u32; POSITIONS], u8)>,
    parts: [u32; PARTITIONS + 1],
    /// The texts of its word keys that earlier batches did not give.
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
/// few shards' text are in memory at once; a large site's postings go to
/// temporary files in runs (see [`Spill`]). An error is one of those files
/// failing.
pub fn write(
    docs: Vec<Document>,
    dir: &Directory,
    synonyms: &[Vec<String>],
    head: usize,
    fill: &(dyn Fn(&mut Document) + Sync),
    emit: &mut dyn FnMut(&str, &str),
) -> std::io::Result<()> {
    write_with(docs, dir, synonyms, head, fill, emit, SPILL_AT)
}

/// [`write`], with postings going to disk once more than `spill_at`
/// bytes of them are held.
#[allow(clippy::too_many_arguments)]
fn write_with(
    mut docs: Vec<Document>,
    dir: &Directory,
    synonyms: &[Vec<String>],
    head: usize,
    fill: &(dyn Fn(&mut Document) + Sync),
    emit: &mut dyn FnMut(&str, &str),
    spill_at: usize,
) -> std::io::Result<()> {
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
    let mut held = 0usize;
    let mut spill: Option<Spill> = None;
    // Every fragment again, for the cards of frequent and exact terms.
    let mut store = FragmentStore::new()?;
    // Wall-clock time of the steps below, for GONGKAI_TIMINGS.
    let mut spent = [std::time::Duration::ZERO; 4];
    let mut postings_added = 0usize;
    for (b, batch) in docs.chunks_mut(BATCH).enumerate() {
        let step = std::time::Instant::now();
        batch.par_iter_mut().for_each(fill);
        spent[0] += step.elapsed();
        let step = std::time::Instant::now();
        let tokenized: Vec<Tokenized> = batch
            .par_iter()
            .map(|d| tokenize(d, &folded, &words))
            .collect();
        spent[1] += step.elapsed();
        postings_added += tokenized.iter().map(|t| t.terms.len()).sum::<usize>();
        let step = std::time::Instant::now();
        // The batch's fragment chunks (BATCH is a multiple of CHUNK), then
        // its texts are let go: a large site's bodies are not all held
        // while its postings grow.
        let chunks: Vec<(String, Vec<Fragment>)> = batch
            .par_chunks(CHUNK)
            .map(|chunk| {
                let fragments: Vec<Fragment> = chunk.iter().map(fragment).collect();
                (to_json(&fragments), fragments)
            })
            .collect();
        for (c, (json, fragments)) in chunks.iter().enumerate() {
            let i = b * (BATCH / CHUNK) + c;
            emit(&format!("search/f/{i}.json"), json);
            for f in fragments {
                store.push(f)?;
            }
        }
        drop(chunks);
        for d in batch.iter_mut() {
            d.body = String::new();
            d.meta = String::new();
        }
        spent[2] += step.elapsed();
        let step = std::time::Instant::now();
        let batch = &*batch;
        for (t, d) in tokenized.iter().zip(batch) {
            lengths.push((t.length, if d.boost == 0 { 100 } else { d.boost }));
            for (k, w) in &t.words {
                words.entry(*k).or_insert_with(|| w.clone());
            }
        }
        held += partitions
            .par_iter_mut()
            .enumerate()
            .map(|(part, postings)| {
                let mut added = 0;
                for (i, t) in tokenized.iter().enumerate() {
                    let id = (b * BATCH + i) as u32;
                    let range = t.parts[part] as usize..t.parts[part + 1] as usize;
                    for &(k, wtf, positions, count) in &t.terms[range] {
                        let buf = postings.entry(k).or_default();
                        let before = buf.bytes.len();
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
                        added += buf.bytes.len() - before;
                    }
                }
                added
            })
            .sum::<usize>();
        spent[3] += step.elapsed();
        // A large site's postings go to disk in runs, so that they are not
        // all held until the shards are written.
        if held > spill_at {
            let s = match &mut spill {
                Some(s) => s,
                None => spill.insert(Spill::new(head)?),
            };
            s.run(&mut partitions)?;
            held = 0;
        }
    }
    let n = docs.len().max(1) as f64;
    let avgdl = (lengths.iter().map(|&(l, _)| f64::from(l)).sum::<f64>() / n).max(1.0);
    // Each document's BM25 length norm and prior, once rather than per
    // posting (see `encode`).
    let norms: Vec<(f64, f64)> = lengths
        .iter()
        .map(|&(dl, boost)| (K1 * (1.0 - B + B * f64::from(dl) / avgdl), f64::from(boost)))
        .collect();
    if std::env::var_os("GONGKAI_TIMINGS").is_some() {
        let bufs = || partitions.iter().flat_map(|p| p.values());
        eprintln!(
            "index: {} documents, {} postings; texts {:.1} s, tokens {:.1} s, fragments {:.1} s, postings {:.1} s; {} runs on disk; in memory {} terms, {} postings, {} MiB of postings ({} MiB allocated)",
            docs.len(),
            postings_added,
            spent[0].as_secs_f64(),
            spent[1].as_secs_f64(),
            spent[2].as_secs_f64(),
            spent[3].as_secs_f64(),
            spill.as_ref().map_or(0, |s| s.runs),
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
    let dense = (docs.len() / 8).max(1000) as u32;
    let mut chars: BTreeSet<char> = BTreeSet::new();
    let encode_term = |buf: &TermBuf, t: &str| encode(buf, t, n, &norms, buf.df <= dense, head);
    let store = store.finish()?;
    let shards = match spill {
        Some(spill) => spill.shards(
            partitions,
            &term_text,
            &mut chars,
            encode_term,
            &store,
            emit,
        )?,
        None => in_memory_shards(
            partitions,
            head,
            &term_text,
            &mut chars,
            encode_term,
            &store,
            emit,
        )?,
    };
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
    let manifest = Manifest {
        chunk: CHUNK as u32,
        constants: format::Constants::current(),
        documents: docs.len() as u64,
        facets,
        fold,
        kinds: KINDS
            .iter()
            .map(|(k, l)| (k.to_string(), l.to_string()))
            .collect(),
        shards,
        version: format::VERSION,
    };
    emit("search/manifest.json", &to_json(&manifest));
    Ok(())
}

/// Write the term shards from postings all held in memory (a site whose
/// postings never went to disk); returns the number of shards.
fn in_memory_shards(
    partitions: Vec<FastMap<Key, TermBuf>>,
    head: usize,
    term_text: &(dyn Fn(Key) -> String + Sync),
    chars: &mut BTreeSet<char>,
    encode: impl Fn(&TermBuf, &str) -> Entry + Sync,
    store: &Fragments,
    emit: &mut dyn FnMut(&str, &str),
) -> std::io::Result<u32> {
    // Shards: the encoded postings run about 1.3 characters per internal byte.
    let total: usize = partitions
        .iter()
        .flat_map(|p| p.values())
        .map(|b| shard_bytes(b, head))
        .sum();
    let shards = total.div_ceil(SHARD_TARGET).max(1) as u32;
    // Terms go to their shards as keys; their texts are made again when
    // the shard is written (millions of small strings otherwise).
    let mut by_shard: Vec<Vec<(Key, TermBuf)>> = (0..shards).map(|_| Vec::new()).collect();
    let dfs: FastMap<Key, u32> = partitions
        .iter()
        .flat_map(|p| p.iter().map(|(k, b)| (*k, b.df)))
        .collect();
    for (k, buf) in partitions.into_iter().flatten() {
        let t = term_text(k);
        if k & WORD == 0 {
            chars.extend(t.chars());
        }
        by_shard[text::shard(&route_of(&t, &dfs), shards) as usize].push((k, buf));
    }
    let mut shard_no = 0u32;
    let mut batches = by_shard.into_iter().peekable();
    while batches.peek().is_some() {
        let batch: Vec<Vec<(Key, TermBuf)>> = batches.by_ref().take(64).collect();
        let first = shard_no;
        let files: Vec<ShardFiles> = batch
            .into_par_iter()
            .enumerate()
            .map(|(i, terms)| {
                let encoded: BTreeMap<String, Entry> = terms
                    .into_iter()
                    .map(|(k, buf)| {
                        let t = term_text(k);
                        let e = encode(&buf, &t);
                        (t, e)
                    })
                    .collect();
                shard_files(first + i as u32, encoded, store)
            })
            .collect::<std::io::Result<_>>()?;
        for files in files {
            emit_shard(emit, shard_no, files);
            shard_no += 1;
        }
    }
    Ok(shards)
}

/// About how many bytes a term's postings take in its shard (the encoded
/// postings run about 1.3 characters per internal byte; a tail is not in
/// the shard; its cards are). An exact term's cards are not counted: its
/// key does not say that it is one.
fn shard_bytes(buf: &TermBuf, head: usize) -> usize {
    let df = (buf.df as usize).max(1);
    // A card is about 400 bytes.
    let cards = if buf.df > CARD_MIN { CARDS * 400 } else { 0 };
    buf.bytes.len() * df.min(head) / df * 13 / 10 + 16 + cards
}

/// Postings held in memory before they go to disk as a run (about 40,000
/// ordinary pages' worth; the example portal never spills).
const SPILL_AT: usize = 96 << 20;

/// Runs of postings on disk while a large index is made: one file per
/// partition, its runs appended in document order. Each run's list of a
/// term starts from document 0, so runs join by re-encoding the first
/// delta. The term shards are then written partition by partition through
/// group files (about 64), so only one partition's postings and one
/// group's text are in memory at a time.
struct Spill {
    dir: tempfile::TempDir,
    files: Vec<std::io::BufWriter<std::fs::File>>,
    runs: usize,
    /// The shards' size, estimated run by run.
    estimate: usize,
    /// Postings in a term's head.
    head: usize,
    /// Every term's document frequency, summed run by run.
    dfs: FastMap<Key, u32>,
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap_or_default())
}

/// Add a run's list of term `k` to `map`.
fn join(map: &mut FastMap<Key, TermBuf>, k: Key, df: u32, last: u32, run: &[u8]) {
    match map.entry(k) {
        std::collections::hash_map::Entry::Vacant(v) => {
            v.insert(TermBuf {
                last,
                df,
                bytes: run.to_vec(),
            });
        }
        std::collections::hash_map::Entry::Occupied(mut o) => {
            let buf = o.get_mut();
            let mut at = 0;
            let first = take(run, &mut at);
            put(&mut buf.bytes, first - buf.last);
            buf.bytes.extend_from_slice(&run[at..]);
            buf.last = last;
            buf.df += df;
        }
    }
}

impl Spill {
    fn new(head: usize) -> std::io::Result<Spill> {
        let dir = tempfile::Builder::new()
            .prefix("gongkai-index-")
            .tempdir()?;
        let files = (0..PARTITIONS)
            .map(|p| {
                std::fs::File::create(dir.path().join(format!("{p}.run")))
                    .map(|f| std::io::BufWriter::with_capacity(1 << 20, f))
            })
            .collect::<std::io::Result<_>>()?;
        Ok(Spill {
            dir,
            files,
            runs: 0,
            estimate: 0,
            head,
            dfs: FastMap::default(),
        })
    }

    /// Move the postings held in `partitions` to disk.
    fn run(&mut self, partitions: &mut [FastMap<Key, TermBuf>]) -> std::io::Result<()> {
        use std::io::Write;
        let estimates = partitions
            .par_iter_mut()
            .zip(self.files.par_iter_mut())
            .map(
                |(postings, out)| -> std::io::Result<(usize, Vec<(Key, u32)>)> {
                    let mut estimate = 0;
                    let mut dfs = Vec::with_capacity(postings.len());
                    for (k, buf) in postings.drain() {
                        dfs.push((k, buf.df));
                        out.write_all(&k.to_le_bytes())?;
                        out.write_all(&buf.df.to_le_bytes())?;
                        out.write_all(&buf.last.to_le_bytes())?;
                        out.write_all(&(buf.bytes.len() as u32).to_le_bytes())?;
                        out.write_all(&buf.bytes)?;
                        estimate += shard_bytes(&buf, self.head);
                    }
                    Ok((estimate, dfs))
                },
            )
            .collect::<std::io::Result<Vec<(usize, Vec<(Key, u32)>)>>>()?;
        for (estimate, dfs) in estimates {
            self.estimate += estimate;
            for (k, df) in dfs {
                *self.dfs.entry(k).or_default() += df;
            }
        }
        self.runs += 1;
        Ok(())
    }

    /// Write the term shards from the runs on disk and the postings still
    /// held; returns the number of shards.
    fn shards(
        mut self,
        mut partitions: Vec<FastMap<Key, TermBuf>>,
        term_text: &(dyn Fn(Key) -> String + Sync),
        chars: &mut BTreeSet<char>,
        encode: impl Fn(&TermBuf, &str) -> Entry + Sync,
        store: &Fragments,
        emit: &mut dyn FnMut(&str, &str),
    ) -> std::io::Result<u32> {
        use std::io::Write;
        self.run(&mut partitions)?;
        drop(partitions);
        for f in &mut self.files {
            f.flush()?;
        }
        let shards = self.estimate.div_ceil(SHARD_TARGET).max(1) as u32;
        let groups = (shards as usize).min(64);
        let group_of = |shard: u32| shard as usize * groups / shards as usize;
        let group_path = |g: usize| self.dir.path().join(format!("{g}.group"));
        let mut group_files = (0..groups)
            .map(|g| std::fs::File::create(group_path(g)).map(std::io::BufWriter::new))
            .collect::<std::io::Result<Vec<_>>>()?;
        let truncated = || std::io::Error::other("the index's postings on disk are truncated");
        for p in 0..PARTITIONS {
            let data = std::fs::read(self.dir.path().join(format!("{p}.run")))?;
            let mut map: FastMap<Key, TermBuf> = FastMap::default();
            let mut at = 0;
            while at < data.len() {
                if at + 20 > data.len() {
                    return Err(truncated());
                }
                let k = u64::from_le_bytes(data[at..at + 8].try_into().unwrap_or_default());
                let (df, last, len) = (
                    u32_at(&data, at + 8),
                    u32_at(&data, at + 12),
                    u32_at(&data, at + 16) as usize,
                );
                at += 20;
                let run = data.get(at..at + len).ok_or_else(truncated)?;
                join(&mut map, k, df, last, run);
                at += len;
            }
            drop(data);
            let encoded: Vec<(Key, u32, String, Entry)> = map
                .into_iter()
                .collect::<Vec<_>>()
                .into_par_iter()
                .map(|(k, buf)| {
                    let t = term_text(k);
                    let e = encode(&buf, &t);
                    (k, text::shard(&route_of(&t, &self.dfs), shards), t, e)
                })
                .collect();
            for (k, shard, t, e) in encoded {
                if k & WORD == 0 {
                    chars.extend(t.chars());
                }
                let out = &mut group_files[group_of(shard)];
                out.write_all(&shard.to_le_bytes())?;
                out.write_all(&e.idf.to_le_bytes())?;
                out.write_all(&e.df.to_le_bytes())?;
                out.write_all(&(e.cards.len() as u32).to_le_bytes())?;
                for c in &e.cards {
                    out.write_all(&c.to_le_bytes())?;
                }
                out.write_all(&(e.tail.len() as u32).to_le_bytes())?;
                for part in [&t, &e.head].into_iter().chain(&e.tail) {
                    out.write_all(&(part.len() as u32).to_le_bytes())?;
                    out.write_all(part.as_bytes())?;
                }
            }
        }
        for f in &mut group_files {
            f.flush()?;
        }
        drop(group_files);
        let mut shard_no = 0u32;
        for g in 0..groups {
            let data = std::fs::read(group_path(g))?;
            let mut by_shard: BTreeMap<u32, BTreeMap<String, Entry>> = BTreeMap::new();
            let mut at = 0;
            while at < data.len() {
                let mut field = |n: usize| -> std::io::Result<&[u8]> {
                    let f = data.get(at..at + n).ok_or_else(truncated)?;
                    at += n;
                    Ok(f)
                };
                let shard = u32::from_le_bytes(field(4)?.try_into().unwrap_or_default());
                let idf = i64::from_le_bytes(field(8)?.try_into().unwrap_or_default());
                let df = u32::from_le_bytes(field(4)?.try_into().unwrap_or_default());
                let n = u32::from_le_bytes(field(4)?.try_into().unwrap_or_default());
                let cards = (0..n)
                    .map(|_| Ok(u32::from_le_bytes(field(4)?.try_into().unwrap_or_default())))
                    .collect::<std::io::Result<Vec<u32>>>()?;
                let pieces = u32::from_le_bytes(field(4)?.try_into().unwrap_or_default());
                let mut string = || -> std::io::Result<String> {
                    let n = u32::from_le_bytes(field(4)?.try_into().unwrap_or_default());
                    String::from_utf8(field(n as usize)?.to_vec()).map_err(|_| truncated())
                };
                let t = string()?;
                let head = string()?;
                let tail = (0..pieces)
                    .map(|_| string())
                    .collect::<std::io::Result<_>>()?;
                by_shard.entry(shard).or_default().insert(
                    t,
                    Entry {
                        idf,
                        head,
                        df,
                        tail,
                        cards,
                    },
                );
            }
            // The group's shards are made in parallel (their cards are
            // read and cut), then written in order.
            let first = shard_no;
            while shard_no < shards && group_of(shard_no) == g {
                shard_no += 1;
            }
            let files = (first..shard_no)
                .map(|n| (n, by_shard.remove(&n).unwrap_or_default()))
                .collect::<Vec<_>>()
                .into_par_iter()
                .map(|(n, terms)| shard_files(n, terms, store))
                .collect::<std::io::Result<Vec<ShardFiles>>>()?;
            for (n, files) in (first..).zip(files) {
                emit_shard(emit, n, files);
            }
        }
        Ok(shards)
    }
}

/// Characters of postings per tail file at most (files stay under 1 MB).
const TAIL_PIECE: usize = 512 * 1024;

/// A term as the index stores it (docs/search.md, "Heads and tails"): its
/// idf and its head, which is every posting or, for a term in more than
/// `head` documents, the best `head` of them by impact; then its document
/// frequency and the rest of its postings (the tail), in pieces.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    idf: i64,
    head: String,
    df: u32,
    tail: Vec<String>,
    /// For a term in more than [`CARD_MIN`] documents, and for an exact
    /// term: its best [`CARDS`] documents by impact (ties to the lower id),
    /// whose cards go in the shard.
    cards: Vec<u32>,
}

/// Documents whose cards a frequent term's entry carries.
pub const CARDS: usize = 10;
/// Terms in more documents than this carry cards.
pub const CARD_MIN: u32 = 16;

/// The best [`CARDS`] of (impact, document) pairs given in document order:
/// by impact, ties to the lower document.
#[derive(Default)]
struct Best(Vec<(u64, u32)>);

impl Best {
    fn offer(&mut self, impact: u64, doc: u32) {
        if self.0.len() == CARDS && self.0[CARDS - 1].0 >= impact {
            return;
        }
        // After every pair of a higher impact, or of the same impact (a
        // lower document, offered earlier).
        let at = self.0.partition_point(|&(i, _)| i >= impact);
        self.0.insert(at, (impact, doc));
        self.0.truncate(CARDS);
    }

    fn docs(self) -> Vec<u32> {
        self.0.into_iter().map(|(_, d)| d).collect()
    }
}

/// Every document's fragment, in a temporary file while the index is
/// made, for the cards of frequent and exact terms.
struct FragmentStore {
    out: std::io::BufWriter<std::fs::File>,
    at: u64,
    offsets: Vec<(u64, u32)>,
}

/// The fragments written, to be read back.
struct Fragments {
    file: std::fs::File,
    offsets: Vec<(u64, u32)>,
}

impl FragmentStore {
    fn new() -> std::io::Result<FragmentStore> {
        Ok(FragmentStore {
            out: std::io::BufWriter::with_capacity(1 << 20, tempfile::tempfile()?),
            at: 0,
            offsets: Vec::new(),
        })
    }

    /// Keep a fragment's fields (`u`, `t`, `k`, `l`, `x`, each text after
    /// its length), not its JSON: a card is made from them without parsing.
    fn push(&mut self, f: &Fragment) -> std::io::Result<()> {
        use std::io::Write;
        let start = self.at;
        for text in [&f.u, &f.t, &f.k, &f.l, &f.x] {
            self.out.write_all(&(text.len() as u32).to_le_bytes())?;
            self.out.write_all(text.as_bytes())?;
            self.at += 4 + text.len() as u64;
        }
        self.offsets.push((start, (self.at - start) as u32));
        Ok(())
    }

    fn finish(self) -> std::io::Result<Fragments> {
        Ok(Fragments {
            file: self.out.into_inner().map_err(|e| e.into_error())?,
            offsets: self.offsets,
        })
    }
}

impl Fragments {
    /// Document `doc`'s card for `term` (docs/search.md, "Cards"): its
    /// fragment with the excerpt text cut to a window around the term.
    fn card(&self, doc: u32, term: &str) -> std::io::Result<Card> {
        use std::os::unix::fs::FileExt;
        let bad = || std::io::Error::other("the index's fragments on disk are truncated");
        let &(at, len) = self.offsets.get(doc as usize).ok_or_else(bad)?;
        let mut bytes = vec![0; len as usize];
        self.file.read_exact_at(&mut bytes, at)?;
        let mut rest = bytes.as_slice();
        let mut next = || -> std::io::Result<&str> {
            let (n, tail) = rest.split_first_chunk::<4>().ok_or_else(bad)?;
            let n = u32::from_le_bytes(*n) as usize;
            let text = std::str::from_utf8(tail.get(..n).ok_or_else(bad)?).map_err(|_| bad())?;
            rest = &tail[n..];
            Ok(text)
        };
        // In the order `push` wrote them.
        let (u, t, k, l) = (
            next()?.into(),
            next()?.into(),
            next()?.into(),
            next()?.into(),
        );
        let x = card_window(next()?, term);
        Ok(Card {
            i: doc,
            k,
            l,
            t,
            u,
            x,
        })
    }
}

/// Characters of a card's text before and after the term's first
/// occurrence.
const CARD_BEFORE: usize = 24;
const CARD_AFTER: usize = 64;

/// The part of `x` around the first occurrence of `term` (folded, as the
/// client's excerpt finds it; from the start when it is not there), with
/// `…` where text was cut.
fn card_window(x: &str, term: &str) -> String {
    let chars: Vec<char> = x.chars().collect();
    let needle: Vec<char> = term
        .trim_start_matches('=')
        .trim_end_matches('*')
        .chars()
        .collect();
    let first = if needle.is_empty() || needle.len() > chars.len() {
        None
    } else {
        chars
            .windows(needle.len())
            .position(|w| w.iter().zip(&needle).all(|(&c, &n)| text::fold(c) == n))
    };
    let start = first.map_or(0, |i| i.saturating_sub(CARD_BEFORE));
    let end = (start + CARD_BEFORE + CARD_AFTER).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    out
}

/// A posting decoded for the split into head and tail.
struct Posting {
    doc: u32,
    impact: u64,
    positions: std::ops::Range<usize>,
}

/// Varint postings of `list` (document order), each piece at most
/// `piece` characters and starting again from document 0.
fn postings_text(list: &[&Posting], positions: &[u32], piece: usize) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut last = 0u32;
    for p in list {
        let s = pieces.last_mut().expect("one piece at least");
        if s.len() >= piece {
            pieces.push(String::new());
            last = 0;
        }
        let s = pieces.last_mut().expect("one piece at least");
        text::push_varint(s, u64::from(p.doc - last));
        last = p.doc;
        text::push_varint(s, p.impact);
        text::push_varint(s, p.positions.len() as u64);
        for &d in &positions[p.positions.clone()] {
            text::push_varint(s, u64::from(d));
        }
    }
    pieces
}

/// A term's postings as the index stores them, with its idf and cards:
/// for a term in more than [`CARD_MIN`] documents, and for an exact term
/// (a name, in a few documents, which are the first results of a search
/// for it).
///
/// `norms`: per document, `k1 × (1 − b + b × dl / avgdl)` and its boost.
fn encode(
    buf: &TermBuf,
    term: &str,
    n: f64,
    norms: &[(f64, f64)],
    keep_positions: bool,
    head: usize,
) -> Entry {
    let df = f64::from(buf.df);
    let idf = (100.0 * (1.0 + (n - df + 0.5) / (df + 0.5)).ln()).round() as i64;
    let with_cards = buf.df > CARD_MIN || term.starts_with('=');
    let impact_of = |doc: u32, wtf: u32| {
        let wtf = f64::from(wtf);
        let (norm, boost) = norms[doc as usize];
        (boost * wtf * (K1 + 1.0) / (wtf + norm))
            .round()
            .clamp(1.0, 255.0) as u64
    };
    if buf.df as usize <= head {
        // Every posting in the head: written as it is read.
        let mut s = String::with_capacity(buf.bytes.len() * 13 / 10);
        let mut best = Best::default();
        let mut at = 0;
        let mut doc = 0u32;
        while at < buf.bytes.len() {
            let delta = take(&buf.bytes, &mut at);
            doc += delta;
            let impact = impact_of(doc, take(&buf.bytes, &mut at));
            if with_cards {
                best.offer(impact, doc);
            }
            let count = take(&buf.bytes, &mut at) as usize;
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
        return Entry {
            idf,
            head: s,
            df: buf.df,
            tail: Vec::new(),
            cards: best.docs(),
        };
    }
    let mut postings = Vec::with_capacity(buf.df as usize);
    let mut positions = Vec::new();
    let mut at = 0;
    let mut doc = 0u32;
    while at < buf.bytes.len() {
        doc += take(&buf.bytes, &mut at);
        let impact = impact_of(doc, take(&buf.bytes, &mut at));
        let count = take(&buf.bytes, &mut at) as usize;
        let from = positions.len();
        for _ in 0..count {
            let p = take(&buf.bytes, &mut at);
            if keep_positions {
                positions.push(p);
            }
        }
        postings.push(Posting {
            doc,
            impact,
            positions: from..positions.len(),
        });
    }
    // The head: the `head` best postings by impact, ties to the lower
    // document; all above a threshold impact, then the first ones at it.
    let mut at_least = [0usize; 257];
    for p in &postings {
        at_least[p.impact as usize] += 1;
    }
    for i in (0..256).rev() {
        at_least[i] += at_least[i + 1];
    }
    let threshold = (1..=255).find(|&i| at_least[i] <= head).unwrap_or(256);
    let mut room = head - at_least[threshold];
    let mut in_head = Vec::with_capacity(head);
    let mut in_tail = Vec::with_capacity(postings.len() - head);
    for p in &postings {
        let take_it =
            p.impact as usize >= threshold || (p.impact as usize == threshold - 1 && room > 0);
        if take_it {
            if (p.impact as usize) < threshold {
                room -= 1;
            }
            in_head.push(p);
        } else {
            in_tail.push(p);
        }
    }
    let mut best = Best::default();
    if with_cards {
        for p in &postings {
            best.offer(p.impact, p.doc);
        }
    }
    Entry {
        idf,
        head: postings_text(&in_head, &positions, usize::MAX).remove(0),
        df: buf.df,
        tail: postings_text(&in_tail, &positions, TAIL_PIECE),
        cards: best.docs(),
    }
}

/// Write shard `n` and its tail files, as [`shard_files`] made them.
fn emit_shard(emit: &mut dyn FnMut(&str, &str), n: u32, (text, tails): ShardFiles) {
    emit(&format!("search/t/{n}.json"), &text);
    for (path, text) in tails {
        emit(&path, &text);
    }
}

/// A shard's JSON, and its tail files as (path, text).
type ShardFiles = (String, Vec<(String, String)>);

/// A shard's JSON and its tail files (docs/search.md, "Term shards").
fn shard_files(
    shard: u32,
    terms: BTreeMap<String, Entry>,
    fragments: &Fragments,
) -> std::io::Result<ShardFiles> {
    let mut tails = Vec::new();
    let mut entries = format::Shard::new();
    for (t, e) in terms {
        let v = if e.tail.is_empty() && e.cards.is_empty() {
            format::Entry::Short(e.idf, e.head)
        } else {
            let from = tails.len();
            for piece in &e.tail {
                tails.push((
                    format!("search/x/{shard}-{}.json", tails.len()),
                    to_json(piece),
                ));
            }
            let cards = e
                .cards
                .iter()
                .map(|&d| fragments.card(d, &t))
                .collect::<std::io::Result<Vec<Card>>>()?;
            format::Entry::Long(
                e.idf,
                e.head,
                u64::from(e.df),
                from as u32,
                e.tail.len() as u32,
                cards,
            )
        };
        entries.insert(t, v);
    }
    Ok((to_json(&entries), tails))
}

/// The fragment of `d`.
fn fragment(d: &Document) -> Fragment<'_> {
    let text = if d.body.trim().is_empty() {
        d.meta.trim()
    } else {
        d.body.trim()
    };
    // The first EXCERPT characters of the text with its whitespace runs
    // made single spaces, read no further than needed.
    let mut x = String::new();
    let mut room = EXCERPT;
    'words: for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            if room == 0 {
                break;
            }
            x.push(' ');
            room -= 1;
        }
        for c in word.chars() {
            if room == 0 {
                break 'words;
            }
            x.push(c);
            room -= 1;
        }
    }
    Fragment {
        k: KINDS[d.kind].0.into(),
        l: d.location.as_str().into(),
        t: d.title.as_str().into(),
        u: d.url.as_str().into(),
        x: x.into(),
    }
}

/// The region and its ancestors, from the top down.
fn region_chain(dir: &Directory, region: usize) -> Vec<usize> {
    let mut chain = dir.region_chain(region);
    chain.reverse();
    chain
}

/// The terms of one document, with weighted frequencies, the first
/// positions of CJK bigrams, and its length.
fn tokenize(d: &Document, folded: &[Vec<String>], known: &FastMap<Key, String>) -> Tokenized {
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

/// The facets for the manifest, and the region files below its two levels.
fn facets(docs: &[Document], dir: &Directory) -> (Vec<Facet>, Vec<(String, String)>) {
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
    let value = |id: &str, label: &str, docs: &[u32]| FacetValue {
        docs: runs(docs),
        id: id.to_string(),
        label: label.to_string(),
        more: None,
        parent: None,
    };
    let kind_values: Vec<FacetValue> = KINDS
        .iter()
        .zip(&kinds)
        .filter(|(_, d)| !d.is_empty())
        .map(|((k, l), d)| value(k, l, d))
        .collect();
    let type_values: Vec<FacetValue> = dir
        .types
        .iter()
        .zip(&types)
        .filter(|(_, d)| !d.is_empty())
        .map(|(t, d)| value(&t.record.id, &t.name, d))
        .collect();
    let term_values = |vocabulary: &[crate::directory::Term],
                       found: &BTreeMap<&str, Vec<u32>>|
     -> Vec<FacetValue> {
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
        FacetValue {
            docs: runs(&regions[r]),
            id: reg.record.id.clone(),
            label: reg.name.clone(),
            more: Some(more && depth(r) >= 1),
            parent: Some(
                reg.parent
                    .map_or(String::new(), |p| dir.regions[p].record.id.clone()),
            ),
        }
    };
    let region_values: Vec<FacetValue> = (0..dir.regions.len())
        .filter(|&r| !regions[r].is_empty() && depth(r) <= 1)
        .map(region_value)
        .collect();
    let mut region_files = Vec::new();
    for r in 0..dir.regions.len() {
        if regions[r].is_empty() || depth(r) < 1 {
            continue;
        }
        let values: Vec<FacetValue> = dir.regions[r]
            .children
            .iter()
            .filter(|&&c| !regions[c].is_empty())
            .map(|&c| region_value(c))
            .collect();
        region_files.push((
            format!("search/r/{}.json", dir.regions[r].record.id),
            to_json(&RegionFile {
                own: region_value(r),
                values,
            }),
        ));
    }
    let facet = |name: &str, label: &str, values: Vec<FacetValue>| Facet {
        label: label.to_string(),
        name: name.to_string(),
        values,
    };
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
    use serde_json::Value;

    /// Every file written, by path.
    fn index_of(docs: Vec<Document>, head: usize, spill_at: usize) -> BTreeMap<String, String> {
        let mut files = BTreeMap::new();
        let fill = |_: &mut Document| {};
        write_with(
            docs,
            &Directory::default(),
            &[],
            head,
            &fill,
            &mut |path, text| {
                files.insert(path.to_string(), text.to_string());
            },
            spill_at,
        )
        .unwrap();
        files
    }

    /// Every term's postings, heads and tails joined, as
    /// (document, impact, positions) in document order, with its idf; and
    /// the head's postings apart.
    type Terms = BTreeMap<String, (i64, Vec<(u64, u64, Vec<u64>)>, Vec<(u64, u64, Vec<u64>)>)>;

    fn decoded(list: &str) -> Vec<(u64, u64, Vec<u64>)> {
        let v = text::varints(list).unwrap();
        let (mut out, mut i, mut doc) = (Vec::new(), 0, 0);
        while i < v.len() {
            doc += v[i];
            let n = v[i + 2] as usize;
            out.push((doc, v[i + 1], v[i + 3..i + 3 + n].to_vec()));
            i += 3 + n;
        }
        out
    }

    fn terms_of(files: &BTreeMap<String, String>) -> Terms {
        let mut terms = Terms::new();
        for (path, text) in files {
            let Some(shard) = path
                .strip_prefix("search/t/")
                .and_then(|p| p.strip_suffix(".json"))
            else {
                continue;
            };
            let entries: BTreeMap<String, Vec<Value>> = serde_json::from_str(text).unwrap();
            for (term, e) in entries {
                let head = decoded(e[1].as_str().unwrap());
                let mut all = head.clone();
                if e.len() == 6 {
                    let (from, count) = (e[3].as_u64().unwrap(), e[4].as_u64().unwrap());
                    for i in from..from + count {
                        let piece: String =
                            serde_json::from_str(&files[&format!("search/x/{shard}-{i}.json")])
                                .unwrap();
                        all.extend(decoded(&piece));
                    }
                    all.sort();
                    assert_eq!(all.len() as u64, e[2].as_u64().unwrap(), "{term}: df");
                }
                terms.insert(term, (e[0].as_i64().unwrap(), all, head));
            }
        }
        terms
    }

    fn sample() -> Vec<Document> {
        let words = [
            "工会",
            "法律援助",
            "心理疏导",
            "gonghui",
            "12351",
            "妇联",
            "志愿服务",
        ];
        (0..3500)
            .map(|i| Document {
                url: format!("/p/{i:05}/"),
                title: format!("第{i}号通知 {}", words[i % words.len()]),
                body: format!(
                    "群团组织{}服务群众，编号{i}，{}与{}。{}",
                    words[i % 3],
                    words[(i / 7) % words.len()],
                    words[(i / 11) % words.len()],
                    "服务".repeat(i % 5)
                ),
                ..Document::default()
            })
            .collect()
    }

    #[test]
    fn postings_spilled_to_disk_give_the_same_index() {
        let docs = sample();
        let held = index_of(docs.clone(), 100, usize::MAX);
        // Spilled after every batch of 1,024 documents: four runs.
        let spilled = index_of(docs, 100, 1);
        let (a, b) = (terms_of(&held), terms_of(&spilled));
        assert!(a.len() > 100, "{} terms", a.len());
        assert!(
            held.keys().any(|p| p.starts_with("search/x/")),
            "some terms have tails"
        );
        assert_eq!(a, b, "the same terms with the same postings and heads");
        let cards = |files: &BTreeMap<String, String>| -> BTreeMap<String, Value> {
            files
                .iter()
                .filter(|(p, _)| p.starts_with("search/t/"))
                .flat_map(|(_, t)| serde_json::from_str::<BTreeMap<String, Vec<Value>>>(t).unwrap())
                .map(|(term, e)| (term, e.get(5).cloned().unwrap_or_default()))
                .collect()
        };
        assert_eq!(cards(&held), cards(&spilled), "the same cards");
        // Everything else is the same, but for the number of shards.
        let rest = |files: &BTreeMap<String, String>| -> Vec<(String, String)> {
            files
                .iter()
                .filter(|(p, _)| !p.starts_with("search/t/") && !p.starts_with("search/x/"))
                .map(|(p, t)| {
                    let mut t = t.clone();
                    if p.ends_with("manifest.json") {
                        let mut m: Value = serde_json::from_str(&t).unwrap();
                        m["shards"] = Value::Null;
                        t = m.to_string();
                    }
                    (p.clone(), t)
                })
                .collect()
        };
        assert_eq!(rest(&held), rest(&spilled));
        let manifest: Value = serde_json::from_str(&spilled["search/manifest.json"]).unwrap();
        let shards = manifest["shards"].as_u64().unwrap() as usize;
        assert_eq!(
            spilled
                .keys()
                .filter(|p| p.starts_with("search/t/"))
                .count(),
            shards
        );
    }

    #[test]
    fn a_frequent_terms_head_holds_its_best_postings() {
        let docs = sample();
        let whole = terms_of(&index_of(docs.clone(), usize::MAX, usize::MAX));
        let files = index_of(docs, 100, usize::MAX);
        let split = terms_of(&files);
        let mut tailed = 0;
        for (term, (idf, all, head)) in &split {
            let (w_idf, w_all, w_head) = &whole[term];
            assert_eq!(
                (idf, all),
                (w_idf, w_all),
                "{term}: heads and tails join to every posting"
            );
            assert_eq!(w_all, w_head);
            if all.len() <= 100 {
                assert_eq!(head, all, "{term}: a term in few documents is all head");
                continue;
            }
            tailed += 1;
            assert_eq!(head.len(), 100, "{term}");
            // The head is the best 100 by impact, ties to the lower document.
            let mut best = all.clone();
            best.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
            best.truncate(100);
            best.sort();
            assert_eq!(head, &best, "{term}");
        }
        assert!(tailed > 10, "{tailed} terms with tails");
        // No file over 1 MB, and tail pieces are where the entries say.
        assert!(files.values().all(|t| t.len() <= 1_000_000));
    }

    #[test]
    fn frequent_terms_carry_the_cards_of_their_best_documents() {
        let files = index_of(sample(), 100, usize::MAX);
        let terms = terms_of(&files);
        let fragments: Vec<Value> = (0..)
            .map_while(|i| files.get(&format!("search/f/{i}.json")))
            .flat_map(|t| serde_json::from_str::<Vec<Value>>(t).unwrap())
            .collect();
        let mut carded = 0;
        for (path, text) in &files {
            if !path.starts_with("search/t/") {
                continue;
            }
            let entries: BTreeMap<String, Vec<Value>> = serde_json::from_str(text).unwrap();
            for (term, e) in entries {
                let all = &terms[&term].1;
                if all.len() <= CARD_MIN as usize {
                    assert!(
                        e.len() == 2 || e[5].as_array().unwrap().is_empty(),
                        "{term}"
                    );
                    continue;
                }
                carded += 1;
                let mut best = all.clone();
                best.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
                let want: Vec<u64> = best.iter().take(CARDS).map(|p| p.0).collect();
                let cards = e[5].as_array().unwrap();
                let got: Vec<u64> = cards.iter().map(|c| c["i"].as_u64().unwrap()).collect();
                assert_eq!(got, want, "{term}: the best documents, best first");
                for c in cards {
                    let f = &fragments[c["i"].as_u64().unwrap() as usize];
                    for k in ["u", "t", "k", "l"] {
                        assert_eq!(c[k], f[k], "{term}: {k}");
                    }
                    let x = c["x"].as_str().unwrap();
                    if text::fold_text(f["x"].as_str().unwrap()).contains(&term) {
                        assert!(text::fold_text(x).contains(&term), "{term} not in {x}");
                    }
                }
            }
        }
        assert!(carded > 20, "{carded} terms with cards");
    }

    #[test]
    fn a_terms_text_gives_its_key() {
        let mut words = Vec::new();
        let d = Document {
            title: "绍兴市妇联 gonghui 12351 侨".into(),
            body: "心理疏导 ab".into(),
            ..Document::default()
        };
        let t = tokenize(&d, &[], &FastMap::default());
        let texts: FastMap<Key, String> = t.words.iter().cloned().collect();
        for &(k, ..) in &t.terms {
            let text = if k & WORD == 0 {
                cjk_text(k)
            } else {
                texts[&k].clone()
            };
            assert_eq!(text_key(&text), k, "{text}");
        }
        assert_eq!(word_key("=绍兴市妇联", &mut words), text_key("=绍兴市妇联"));
        assert!(t.terms.len() > 20);
    }

    #[test]
    fn prose_titles_get_no_pinyin_and_derived_tokens_add_no_length() {
        let record = Document {
            title: "绍兴市妇联".into(),
            meta: "妇女联合会".into(),
            names: vec!["妇女联合会".into()],
            body: "维护妇女儿童合法权益".into(),
            exact: vec!["绍兴市妇联".into()],
            ..Document::default()
        };
        let page = Document {
            prose_title: true,
            names: Vec::new(),
            ..record.clone()
        };
        let known = FastMap::default();
        let (r, p) = (tokenize(&record, &[], &known), tokenize(&page, &[], &known));
        let has = |t: &Tokenized, term: &str| t.terms.iter().any(|x| x.0 == text_key(term));
        // The record's title and names have pinyin, full and initials.
        for term in [
            "shaoxingshifulian",
            "sxsfl",
            "fulian",
            "fu*",
            "funvlianhehui",
        ] {
            assert!(has(&r, term), "{term}");
        }
        // The page's title has its characters, not their pinyin.
        assert!(has(&p, "妇联") && has(&p, "绍"));
        for term in ["shaoxingshifulian", "sxsfl", "fulian", "fu*"] {
            assert!(!has(&p, term), "{term}");
        }
        // Both are as long as their text: pinyin, synonyms and exact names
        // add terms, not length.
        let synonyms = vec![vec!["妇联".to_string(), "娘家人".to_string()]];
        let with_synonyms = tokenize(&record, &synonyms, &known);
        assert_eq!(r.length, p.length);
        assert_eq!(with_synonyms.length, r.length);
        assert!(with_synonyms.terms.len() > r.terms.len());
        // 4 bigrams and 5 characters in the title, as many in the meta, 9
        // bigrams in the body (which has no single characters).
        assert_eq!(r.length, 4 + 5 + 4 + 5 + 9);
    }

    #[test]
    fn a_fragments_excerpt_is_the_start_of_its_text_with_spaces_collapsed() {
        let long = "工会 ".repeat(400);
        for (body, meta) in [
            ("  第一段\n\n  第二段\t第三段  ", ""),
            ("", "  只有 meta  "),
            (long.as_str(), ""),
            ("字".repeat(EXCERPT + 5).as_str(), ""),
            ("", ""),
        ] {
            let d = Document {
                body: body.into(),
                meta: meta.into(),
                ..Document::default()
            };
            let text = if body.trim().is_empty() { meta } else { body };
            let expected: String = text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .take(EXCERPT)
                .collect();
            assert_eq!(fragment(&d).x, expected, "{body:?} {meta:?}");
        }
    }

    #[test]
    fn a_cards_text_is_cut_around_the_term() {
        let x: String = "甲".repeat(100) + "工会" + &"乙".repeat(200);
        let w = card_window(&x, "工会");
        assert!(w.starts_with('…') && w.ends_with('…'), "{w}");
        assert_eq!(w.chars().count(), 1 + CARD_BEFORE + CARD_AFTER + 1);
        assert_eq!(w.chars().position(|c| c == '工'), Some(1 + CARD_BEFORE));
        // Folded like the client's excerpt; from the start when absent.
        assert!(card_window("關於工會的通知", "工会").starts_with("關於工會"));
        assert_eq!(card_window("短文本", "gonghui"), "短文本");
        assert!(card_window(&x, "=工会").starts_with('…'));
        assert_eq!(card_window("", "工会"), "");
    }

    #[test]
    fn runs_encode_gaps_and_lengths() {
        let s = runs(&[0, 1, 2, 5, 9, 10]);
        assert_eq!(text::varints(&s).unwrap(), [0, 3, 2, 1, 3, 2]);
        assert_eq!(runs(&[]), "");
    }
}
