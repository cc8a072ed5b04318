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
use super::text::{self, Token};
use crate::directory::Directory;

pub const VERSION: u32 = 1;
/// Documents per fragment chunk.
pub const CHUNK: usize = 16;
/// Excerpt text kept per document, in characters.
pub const EXCERPT: usize = 480;
/// Aim for term shards of about this many bytes.
pub const SHARD_TARGET: usize = 48 * 1024;
/// Positions kept per posting (CJK bigrams only).
pub const POSITIONS: usize = 3;
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// One posting before encoding.
struct Posting {
    doc: u32,
    wtf: u32,
    positions: Vec<u32>,
}

/// What a document gives the index.
struct Tokenized {
    terms: Vec<(String, u32, Vec<u32>)>,
    length: u32,
}

/// Figures about a written index, for the build report and benchmarks.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Stats {
    pub documents: usize,
    pub terms: usize,
    pub shards: usize,
    pub bytes: usize,
    pub largest_file: usize,
}

/// The index's files as (path under the output, text).
pub fn files(
    mut docs: Vec<Document>,
    dir: &Directory,
    synonyms: &[Vec<String>],
) -> (Vec<(String, String)>, Stats) {
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
    let tokenized: Vec<Tokenized> = docs.par_iter().map(|d| tokenize(d, synonyms)).collect();
    let n = docs.len().max(1) as f64;
    let avgdl = tokenized.iter().map(|t| f64::from(t.length)).sum::<f64>() / n;
    let avgdl = avgdl.max(1.0);

    let mut postings: HashMap<String, Vec<Posting>> = HashMap::new();
    for (id, t) in tokenized.iter().enumerate() {
        for (term, wtf, positions) in &t.terms {
            postings.entry(term.clone()).or_default().push(Posting {
                doc: id as u32,
                wtf: *wtf,
                positions: positions.clone(),
            });
        }
    }
    let lengths: Vec<(u32, u32)> = tokenized
        .iter()
        .zip(&docs)
        .map(|(t, d)| (t.length, if d.boost == 0 { 100 } else { d.boost }))
        .collect();
    drop(tokenized);
    let dense = (docs.len() / 8).max(1000);
    let mut encoded: Vec<(String, i64, String)> = postings
        .into_par_iter()
        .map(|(term, list)| {
            let df = list.len() as f64;
            let idf = (100.0 * (1.0 + (n - df + 0.5) / (df + 0.5)).ln()).round() as i64;
            let keep_positions = list.len() <= dense;
            let mut s = String::new();
            let mut previous = 0u32;
            for p in &list {
                let (dl, boost) = lengths[p.doc as usize];
                let dl = f64::from(dl);
                let wtf = f64::from(p.wtf);
                let impact = (f64::from(boost) * wtf * (K1 + 1.0)
                    / (wtf + K1 * (1.0 - B + B * dl / avgdl)))
                    .round()
                    .clamp(1.0, 255.0) as u64;
                text::push_varint(&mut s, u64::from(p.doc - previous));
                previous = p.doc;
                text::push_varint(&mut s, impact);
                let positions: &[u32] = if keep_positions { &p.positions } else { &[] };
                text::push_varint(&mut s, positions.len() as u64);
                let mut last = 0u32;
                for (i, &pos) in positions.iter().enumerate() {
                    text::push_varint(&mut s, u64::from(if i == 0 { pos } else { pos - last }));
                    last = pos;
                }
            }
            (term, idf, s)
        })
        .collect();
    encoded.par_sort_by(|a, b| a.0.cmp(&b.0));
    let total: usize = encoded.iter().map(|(t, _, p)| t.len() + p.len() + 12).sum();
    let shards = total.div_ceil(SHARD_TARGET).max(1) as u32;

    let mut files: Vec<(String, String)> = Vec::new();
    let mut by_shard: Vec<BTreeMap<&str, (i64, &str)>> = vec![BTreeMap::new(); shards as usize];
    let mut chars: BTreeSet<char> = BTreeSet::new();
    for (term, idf, list) in &encoded {
        by_shard[text::shard(term, shards) as usize].insert(term, (*idf, list));
        chars.extend(term.chars().filter(|&c| text::class(c) == text::Class::Cjk));
    }
    let shard_files: Vec<(String, String)> = by_shard
        .par_iter()
        .enumerate()
        .map(|(i, terms)| (format!("search/t/{i}.json"), to_json(terms)))
        .collect();
    files.extend(shard_files);
    for (i, chunk) in docs.chunks(CHUNK).enumerate() {
        let fragments: Vec<Value> = chunk
            .iter()
            .map(|d| {
                let mut x = d.body.trim().to_string();
                if x.is_empty() {
                    x = d.meta.trim().to_string();
                }
                let x: String = x.split_whitespace().collect::<Vec<_>>().join(" ");
                json!({
                    "u": d.url,
                    "t": d.title,
                    "k": KINDS[d.kind].0,
                    "l": d.location,
                    "x": x.chars().take(EXCERPT).collect::<String>(),
                })
            })
            .collect();
        files.push((format!("search/f/{i}.json"), to_json(&fragments)));
    }
    let fold: String = t2s::pairs()
        .iter()
        .filter(|(_, s)| chars.contains(s))
        .flat_map(|(t, s)| [*t, *s])
        .collect();
    let (facets, region_files) = facets(&docs, dir);
    files.extend(region_files);
    let manifest = json!({
        "version": VERSION,
        "documents": docs.len(),
        "shards": shards,
        "chunk": CHUNK,
        "fold": fold,
        "kinds": KINDS.iter().map(|(k, l)| (k.to_string(), Value::from(*l))).collect::<serde_json::Map<_, _>>(),
        "facets": facets,
    });
    files.push(("search/manifest.json".into(), to_json(&manifest)));
    let stats = Stats {
        documents: docs.len(),
        terms: encoded.len(),
        shards: shards as usize,
        bytes: files.iter().map(|(_, t)| t.len()).sum(),
        largest_file: files.iter().map(|(_, t)| t.len()).max().unwrap_or(0),
    };
    (files, stats)
}

fn to_json<T: Serialize>(value: &T) -> String {
    // Plain maps, strings and numbers: serializing cannot fail.
    serde_json::to_string(value).expect("search index serializes")
}

fn region_chain(dir: &Directory, region: usize) -> Vec<usize> {
    let mut chain = vec![region];
    let mut r = dir.regions[region].parent;
    while let Some(p) = r {
        chain.push(p);
        r = dir.regions[p].parent;
    }
    chain.reverse();
    chain
}

/// The tokens of one document, with weighted frequencies, the first
/// positions of CJK bigrams, and its length.
fn tokenize(d: &Document, synonyms: &[Vec<String>]) -> Tokenized {
    let mut tokens: Vec<(Token, u32)> = Vec::new();
    let mut position = 0u32;
    let mut field =
        |text: &str, names: &[String], unigrams: bool, weight: u32, position: &mut u32| {
            let mut out = Vec::new();
            text::field_tokens(text, unigrams, position, &mut out);
            let folded: String = text.chars().map(text::fold).collect();
            for group in synonyms {
                let found = group.iter().any(|m| {
                    let m: String = m.chars().map(text::fold).collect();
                    !m.is_empty() && folded.contains(&m)
                });
                if found {
                    for m in group {
                        *position += 1;
                        text::field_tokens(m, unigrams, position, &mut out);
                    }
                }
            }
            let mut words = Vec::new();
            for name in names {
                words.extend(text::pinyin_words(name));
            }
            text::word_list_tokens(&words, position, &mut out);
            *position += 8;
            tokens.extend(out.into_iter().map(|t| (t, weight)));
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
    let length = tokens.len() as u32;
    let mut terms: HashMap<String, (u32, Vec<u32>)> = HashMap::new();
    for (t, weight) in tokens {
        let is_bigram = t.term.chars().count() == 2
            && t.term.chars().all(|c| text::class(c) == text::Class::Cjk);
        let e = terms.entry(t.term).or_default();
        e.0 += weight;
        if is_bigram && e.1.len() < POSITIONS {
            e.1.push(t.position);
        }
    }
    for name in &d.exact {
        for key in exact_names(name) {
            terms.entry(format!("={key}")).or_insert((1, Vec::new()));
        }
    }
    Tokenized {
        terms: terms.into_iter().map(|(t, (w, p))| (t, w, p)).collect(),
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
