//! The term shards' files: how many shards, which terms go in each, and
//! each shard's JSON with its tail pieces, from postings held in memory
//! (a large site's go through [`super::spill`]).

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use super::super::format::{self, Card, to_json};
use super::super::text;
use super::encode::{CARD_MIN, CARDS, Entry};
use super::fragments::Fragments;
use super::terms::{FastMap, Key, TermBuf, WORD, route_of};

/// Aim for term shards of about this many bytes.
pub(super) const SHARD_TARGET: usize = 24 * 1024;

/// Write the term shards from postings all held in memory (a site whose
/// postings never went to disk); returns the number of shards.
#[allow(clippy::too_many_arguments)]
pub(super) fn in_memory_shards(
    partitions: Vec<FastMap<Key, TermBuf>>,
    head: usize,
    keep: Option<u32>,
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
    let shards = super::shard_count(total, keep);
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
pub(super) fn shard_bytes(buf: &TermBuf, head: usize) -> usize {
    let df = (buf.df as usize).max(1);
    // A card is about 400 bytes.
    let cards = if buf.df > CARD_MIN { CARDS * 400 } else { 0 };
    buf.bytes.len() * df.min(head) / df * 13 / 10 + 16 + cards
}

/// Write shard `n` and its tail files, as [`shard_files`] made them.
pub(super) fn emit_shard(emit: &mut dyn FnMut(&str, &str), n: u32, (text, tails): ShardFiles) {
    emit(&format!("search/t/{n}.json"), &text);
    for (path, text) in tails {
        emit(&path, &text);
    }
}

/// A shard's JSON, and its tail files as (path, text).
pub(super) type ShardFiles = (String, Vec<(String, String)>);

/// A shard's JSON and its tail files (docs/search.md, "Term shards").
pub(super) fn shard_files(
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
