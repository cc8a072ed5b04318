//! A large site's postings on disk while the index is made, in runs, and
//! the term shards written from them a partition and a group at a time.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use super::super::text;
use super::encode::Entry;
use super::fragments::Fragments;
use super::shards::{ShardFiles, emit_shard, shard_bytes, shard_files};
use super::terms::{FastMap, Key, PARTITIONS, TermBuf, WORD, put, route_of, take};

/// Postings held in memory before they go to disk as a run (about 40,000
/// ordinary pages' worth; the example portal never spills).
pub(super) const SPILL_AT: usize = 96 << 20;

/// Runs of postings on disk while a large index is made: one file per
/// partition, its runs appended in document order. Each run's list of a
/// term starts from document 0, so runs join by re-encoding the first
/// delta. The term shards are then written partition by partition through
/// group files (about 64), so only one partition's postings and one
/// group's text are in memory at a time.
pub(super) struct Spill {
    dir: tempfile::TempDir,
    files: Vec<std::io::BufWriter<std::fs::File>>,
    pub(super) runs: usize,
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
    pub(super) fn new(head: usize) -> std::io::Result<Spill> {
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
    pub(super) fn run(&mut self, partitions: &mut [FastMap<Key, TermBuf>]) -> std::io::Result<()> {
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
    #[allow(clippy::too_many_arguments)]
    pub(super) fn shards(
        mut self,
        mut partitions: Vec<FastMap<Key, TermBuf>>,
        keep: Option<u32>,
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
        let shards = super::shard_count(self.estimate, keep);
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
