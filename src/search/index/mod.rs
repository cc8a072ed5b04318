//! The index writer: numbers the documents, tokenizes their fields, turns
//! term frequencies into BM25 impacts, and writes the manifest, the term
//! shards, the fragment chunks and the region facet files described in
//! `docs/search.md`, as the types of [`super::format`].
//!
//! - [`terms`]: terms packed into 64-bit keys, and a term's postings while
//!   the index is made;
//! - [`tokenize`]: the terms of one document;
//! - [`fragments`]: what is shown of a document, kept aside for the cards;
//! - [`encode`]: a term's postings as the index stores them (impacts,
//!   head and tail, the documents of its cards);
//! - [`shards`]: the term shards' files, from postings held in memory;
//! - [`spill`]: a large site's postings on disk, and the shards from them;
//! - [`facets`]: the facets, the region files and document runs.

mod encode;
mod facets;
mod fragments;
mod shards;
mod spill;
mod terms;
#[cfg(test)]
mod tests;
mod tokenize;

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;

use super::documents::{Document, KINDS};
use super::format::{self, Fragment, Manifest, to_json};
use super::t2s;
use super::text;
use crate::model::directory::Directory;
use encode::{B, K1, encode};
use facets::{facets, region_chain};
use fragments::{FragmentStore, fragment};
use shards::in_memory_shards;
use spill::{SPILL_AT, Spill};
use terms::{FastMap, Key, PARTITIONS, TermBuf, WORD, cjk_text, put};
use tokenize::{Tokenized, tokenize};

/// Documents per fragment chunk.
const CHUNK: usize = 16;
/// Documents tokenized together before their postings are added.
const BATCH: usize = 1024;
const _: () = assert!(BATCH % CHUNK == 0);

/// A document's length with its four leading bits kept (the rest
/// zeroed): exact up to 15 tokens, then within 1/8 below the true length.
fn coarse_length(dl: u32) -> u32 {
    let bits = u32::BITS - dl.leading_zeros();
    if bits <= 4 {
        dl
    } else {
        let drop = bits - 4;
        (dl >> drop) << drop
    }
}

/// The pivot of length normalization: the (lower) median of the coarse
/// lengths rather than their mean. It is one of the lengths' few values
/// and moves only when an edit carries a document across it, where the
/// mean moves with every edit of any length.
fn median_length(lengths: &[(u32, u32)]) -> u32 {
    let mut all: Vec<u32> = lengths.iter().map(|&(l, _)| l).collect();
    if all.is_empty() {
        return 1;
    }
    let middle = (all.len() - 1) / 2;
    *all.select_nth_unstable(middle).1
}

/// The document numbers of an index written before (`gongkai serve` keeps
/// them across edits, docs/search.md, "Numbers and holes"): each
/// document's number by its URL, and the number of term shards.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Numbering {
    /// A document's number by its URL.
    pub by_url: HashMap<String, u32>,
    /// The term shards of that index.
    pub shards: u32,
}

impl Numbering {
    /// The numbering of the index in `dir` (the output's `search/`),
    /// read from its manifest and fragment chunks; `None` when there is
    /// no index there, or it cannot be read.
    pub fn read(dir: &std::path::Path) -> Option<Numbering> {
        let read = |name: String| std::fs::read_to_string(dir.join(name)).ok();
        let manifest: Manifest = serde_json::from_str(&read("manifest.json".into())?).ok()?;
        let chunk = manifest.chunk.max(1);
        let mut by_url = HashMap::new();
        for c in 0.. {
            let Some(text) = read(format!("f/{c}.json")) else {
                break;
            };
            let fragments: Vec<Option<Fragment>> = serde_json::from_str(&text).ok()?;
            for (i, f) in fragments.into_iter().enumerate() {
                if let Some(f) = f {
                    by_url.insert(f.u.into_owned(), c * chunk + i as u32);
                }
            }
        }
        Some(Numbering {
            by_url,
            shards: manifest.shards,
        })
    }
}

/// The documents in their slots: those of `keep` at their old numbers, new
/// ones (in `docs`'s order) in the first holes, then after the last; holes
/// at the end are let go.
fn number(docs: Vec<Document>, keep: &Numbering) -> Vec<Option<Document>> {
    let end = keep
        .by_url
        .values()
        .map(|&i| i as usize + 1)
        .max()
        .unwrap_or(0);
    let mut slots: Vec<Option<Document>> = (0..end).map(|_| None).collect();
    let mut fresh = Vec::new();
    for d in docs {
        match keep.by_url.get(&d.url) {
            Some(&i) if slots[i as usize].is_none() => slots[i as usize] = Some(d),
            _ => fresh.push(d),
        }
    }
    let mut holes = (0..slots.len())
        .filter(|&i| slots[i].is_none())
        .collect::<Vec<_>>()
        .into_iter();
    for d in fresh {
        match holes.next() {
            Some(h) => slots[h] = Some(d),
            None => slots.push(Some(d)),
        }
    }
    while matches!(slots.last(), Some(None)) {
        slots.pop();
    }
    slots
}

/// The number of term shards: about [`SHARD_TARGET`] bytes each, or as
/// many as the index written before had while that is within a factor of
/// two (a different count routes nearly every term to another shard).
fn shard_count(estimate: usize, keep: Option<u32>) -> u32 {
    let fresh = estimate.div_ceil(shards::SHARD_TARGET).max(1) as u32;
    match keep {
        Some(k) if k > 0 && fresh <= 2 * k && 2 * fresh >= k => k,
        _ => fresh,
    }
}

/// [`write`] for `gongkai serve`: documents that `keep` numbers keep their
/// numbers, new ones take holes or come after the last, and a deleted one
/// leaves a hole. Returns the new numbering, or `None` when `stop` said so
/// between batches (nothing was emitted then).
#[allow(clippy::too_many_arguments)]
pub fn write_kept(
    mut docs: Vec<Document>,
    dir: &Directory,
    synonyms: &[Vec<String>],
    head: usize,
    fill: &(dyn Fn(&mut Document) + Sync),
    keep: &Numbering,
    stop: &dyn Fn() -> bool,
    emit: &mut dyn FnMut(&str, &str),
) -> std::io::Result<Option<Numbering>> {
    sort(&mut docs, dir);
    let slots = number(docs, keep);
    let by_url = slots
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.as_ref().map(|d| (d.url.clone(), i as u32)))
        .collect();
    let shards = write_slots(
        slots,
        dir,
        synonyms,
        head,
        fill,
        emit,
        SPILL_AT,
        Some(keep.shards),
        stop,
    )?;
    Ok(shards.map(|shards| Numbering { by_url, shards }))
}

/// Documents in the order that keeps related ones together (kind,
/// organization type, region, path).
fn sort(docs: &mut [Document], dir: &Directory) {
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
    sort(&mut docs, dir);
    let slots = docs.into_iter().map(Some).collect();
    write_slots(
        slots,
        dir,
        synonyms,
        head,
        fill,
        emit,
        spill_at,
        None,
        &|| false,
    )?;
    Ok(())
}

/// Write the index of the documents in `slots` (a document's number is its
/// slot; an empty slot is a hole); the number of term shards, or `None`
/// when `stop` said so before anything was emitted. `shards`: the count of
/// the index written before, kept while it fits ([`shard_count`]).
#[allow(clippy::too_many_arguments)]
fn write_slots(
    mut docs: Vec<Option<Document>>,
    dir: &Directory,
    synonyms: &[Vec<String>],
    head: usize,
    fill: &(dyn Fn(&mut Document) + Sync),
    emit: &mut dyn FnMut(&str, &str),
    spill_at: usize,
    shards: Option<u32>,
    stop: &dyn Fn() -> bool,
) -> std::io::Result<Option<u32>> {
    let live = docs.iter().flatten().count();
    let folded: Vec<Vec<String>> = synonyms
        .iter()
        .map(|g| g.iter().map(|m| text::fold_text(m)).collect())
        .collect();
    // Tokenize a batch of documents in parallel, then add its postings in
    // document order; only one batch's token lists are held at a time.
    let started = std::time::Instant::now();
    let mut lengths: Vec<Option<(u32, u32)>> = Vec::with_capacity(docs.len());
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
    // The fragment chunks, held back when the index may be stopped (serve)
    // until it no longer can.
    let mut held_back: Vec<(String, String)> = Vec::new();
    let hold = shards.is_some();
    for (b, batch) in docs.chunks_mut(BATCH).enumerate() {
        if stop() {
            return Ok(None);
        }
        let step = std::time::Instant::now();
        batch.par_iter_mut().flatten().for_each(fill);
        spent[0] += step.elapsed();
        let step = std::time::Instant::now();
        let tokenized: Vec<Option<Tokenized>> = batch
            .par_iter()
            .map(|d| d.as_ref().map(|d| tokenize(d, &folded, &words)))
            .collect();
        spent[1] += step.elapsed();
        postings_added += tokenized
            .iter()
            .flatten()
            .map(|t| t.terms.len())
            .sum::<usize>();
        let step = std::time::Instant::now();
        // The batch's fragment chunks (BATCH is a multiple of CHUNK), then
        // its texts are let go: a large site's bodies are not all held
        // while its postings grow.
        // A hole is `null`.
        let chunks: Vec<(String, Vec<Option<Fragment>>)> = batch
            .par_chunks(CHUNK)
            .map(|chunk| {
                let fragments: Vec<Option<Fragment>> =
                    chunk.iter().map(|d| d.as_ref().map(fragment)).collect();
                (to_json(&fragments), fragments)
            })
            .collect();
        for (c, (json, fragments)) in chunks.into_iter().enumerate() {
            let i = b * (BATCH / CHUNK) + c;
            for f in &fragments {
                match f {
                    Some(f) => store.push(f)?,
                    None => store.hole(),
                }
            }
            let path = format!("search/f/{i}.json");
            if hold {
                held_back.push((path, json));
            } else {
                emit(&path, &json);
            }
        }
        for d in batch.iter_mut().flatten() {
            d.body = String::new();
            d.meta = String::new();
        }
        spent[2] += step.elapsed();
        let step = std::time::Instant::now();
        let batch = &*batch;
        for (t, d) in tokenized.iter().zip(batch) {
            let (Some(t), Some(d)) = (t, d) else {
                lengths.push(None);
                continue;
            };
            lengths.push(Some((t.length, if d.boost == 0 { 100 } else { d.boost })));
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
                    let Some(t) = t else { continue };
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
    if stop() {
        return Ok(None);
    }
    for (path, json) in held_back {
        emit(&path, &json);
    }
    // The number of documents in every idf is kept coarse too, as the
    // lengths are: one page more or less then changes no idf but those of
    // its own terms (the exact count moved about a third of the idfs of a
    // site of 300 documents, and so every shard). See "Ranking".
    let n = f64::from(coarse_length(live.max(1) as u32));
    // Lengths are kept coarse, as Lucene keeps its norms in a byte, and
    // normalized by their median: a small edit of one document then changes
    // the impacts of the terms it added or removed only, not every impact
    // of the document (its length) or of the site (the mean), so that serve rewrites a few shards
    // rather than all of them (issue 16). See "Ranking" in docs/search.md.
    // A hole has no length (it is not counted in the median) and no norm.
    let lengths: Vec<Option<(u32, u32)>> = lengths
        .into_iter()
        .map(|l| l.map(|(dl, boost)| (coarse_length(dl), boost)))
        .collect();
    let live_lengths: Vec<(u32, u32)> = lengths.iter().flatten().copied().collect();
    let avgdl = f64::from(median_length(&live_lengths)).max(1.0);
    // Each document's BM25 length norm and prior, once rather than per
    // posting (see `encode`).
    let norms: Vec<(f64, f64)> = lengths
        .iter()
        .map(|l| match *l {
            Some((dl, boost)) => (K1 * (1.0 - B + B * f64::from(dl) / avgdl), f64::from(boost)),
            None => (0.0, 0.0),
        })
        .collect();
    if std::env::var_os("GONGKAI_TIMINGS").is_some() {
        let bufs = || partitions.iter().flat_map(|p| p.values());
        eprintln!(
            "index: {} documents, {} postings; texts {:.1} s, tokens {:.1} s, fragments {:.1} s, postings {:.1} s; {} runs on disk; in memory {} terms, {} postings, {} MiB of postings ({} MiB allocated)",
            live,
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
    crate::base::timing::timing("s-merge", started);
    let started = std::time::Instant::now();
    let term_text = |k: Key| -> String {
        if k & WORD == 0 {
            cjk_text(k)
        } else {
            words.get(&k).cloned().unwrap_or_default()
        }
    };
    let dense = (live / 8).max(1000) as u32;
    let mut chars: BTreeSet<char> = BTreeSet::new();
    let encode_term = |buf: &TermBuf, t: &str| encode(buf, t, n, &norms, buf.df <= dense, head);
    let store = store.finish()?;
    let shards = match spill {
        Some(spill) => spill.shards(
            partitions,
            shards,
            &term_text,
            &mut chars,
            encode_term,
            &store,
            emit,
        )?,
        None => in_memory_shards(
            partitions,
            head,
            shards,
            &term_text,
            &mut chars,
            encode_term,
            &store,
            emit,
        )?,
    };
    crate::base::timing::timing("s-shards", started);
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
        documents: live as u64,
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
    Ok(Some(shards))
}
