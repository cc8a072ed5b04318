//! The query engine over a built index (`gongkai search`): the same
//! groups, integer scores, order, partial-match fallback and filters as the
//! JavaScript client, read from the files the client reads.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::format::{self, Entry, FacetValue, Fragment, Manifest, RegionFile, Shard, run_ids};
use super::text;
use crate::base::words;

/// A group's score in a document and the positions of its term there
/// (`None`: the document lacks the group).
type GroupScore = Option<(i64, Vec<u32>)>;

/// One term's postings: per document, its impact and stored positions.
type Postings = BTreeMap<u32, (u32, Vec<u32>)>;

/// A term's postings as one pass of a query sees them.
struct TermPostings {
    idf: i64,
    /// Documents having the term (all of them, not only the head's).
    df: u64,
    /// The term has a tail, and `list` is only its head.
    tailed: bool,
    list: Postings,
}

/// A loaded index; shards and fragments are read as queries need them.
pub struct Index {
    dir: PathBuf,
    manifest: Manifest,
    shards: HashMap<u32, Shard>,
}

/// Matches of a query in one pass: (groups matched, score, document),
/// ordered; whether they are partial; whether a term's tail was left out.
struct Ranked {
    hits: Vec<(usize, i64, u32)>,
    partial: bool,
    tailed: bool,
}

fn decode_postings(list: &str, out: &mut Postings) -> Result<(), String> {
    let v = text::varints(list).ok_or_else(|| msg!("query-malformed-postings"))?;
    let mut i = 0;
    let mut doc = 0u64;
    while i < v.len() {
        let (delta, impact, n) = match (v.get(i), v.get(i + 1), v.get(i + 2)) {
            (Some(d), Some(m), Some(n)) => (*d, *m, *n as usize),
            _ => return Err(msg!("query-malformed-postings")),
        };
        doc += delta;
        let mut positions = Vec::with_capacity(n);
        let mut p = 0u64;
        for k in 0..n {
            let d = *v
                .get(i + 3 + k)
                .ok_or_else(|| msg!("query-malformed-postings"))?;
            p = if k == 0 { d } else { p + d };
            positions.push(p as u32);
        }
        out.insert(doc as u32, (impact as u32, positions));
        i += 3 + n;
    }
    Ok(())
}

/// Filters: facet name → value id.
pub type Filters = BTreeMap<String, String>;

/// One result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub id: u32,
    pub url: String,
    pub title: String,
    pub kind: String,
    pub location: String,
    pub score: i64,
}

/// A facet value's count under the other facets' filters.
#[derive(Debug, Clone, Serialize)]
pub struct Count {
    pub id: String,
    pub label: String,
    pub count: usize,
}

/// What a search found.
#[derive(Debug, Clone, Serialize)]
pub struct Results {
    pub total: usize,
    pub partial: bool,
    /// Every posting was used (false: the heads gave a page of results
    /// and the terms' tails were left out).
    pub complete: bool,
    pub results: Vec<Hit>,
    pub facets: BTreeMap<String, Vec<Count>>,
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: {}", path.display(), words::io_error(&e)))?;
    serde_json::from_str(&text)
        .map_err(|e| format!("{}: {}", path.display(), words::quoted(&e.to_string())))
}

impl Index {
    /// Open the index in `dir` (the output's `search/` folder).
    pub fn open(dir: &Path) -> Result<Index, String> {
        let path = dir.join("manifest.json");
        let version: format::Version = read_json(&path)?;
        if version.version != format::VERSION {
            return Err(msg!(
                "query-index-version",
                path = dir.display(),
                found = version.version,
                expected = format::VERSION
            ));
        }
        let manifest: Manifest = read_json(&path)?;
        Ok(Index {
            dir: dir.to_path_buf(),
            manifest,
            shards: HashMap::new(),
        })
    }

    /// A term's postings: its head, or with `tails` all of them.
    fn postings(&mut self, term: &str, tails: bool) -> Result<Option<TermPostings>, String> {
        // An exact term is in the shard of one of its routes.
        let mut found = None;
        for route in text::routes(term) {
            let s = text::shard(&route, self.manifest.shards);
            if !self.shards.contains_key(&s) {
                let shard: Shard = read_json(&self.dir.join(format!("t/{s}.json")))?;
                self.shards.insert(s, shard);
            }
            if self.shards[&s].contains_key(term) {
                found = Some(s);
                break;
            }
        }
        let Some(s) = found else {
            return Ok(None);
        };
        let mut list = Postings::new();
        // The engine reads fragments, not cards (they hold the same
        // title, URL, kind and location).
        Ok(Some(match &self.shards[&s][term] {
            Entry::Short(idf, head) => {
                decode_postings(head, &mut list)?;
                TermPostings {
                    idf: *idf,
                    df: list.len() as u64,
                    tailed: false,
                    list,
                }
            }
            &Entry::Long(idf, ref head, df, from, count, _) => {
                decode_postings(head, &mut list)?;
                if tails {
                    for i in from..from.saturating_add(count) {
                        let piece: String = read_json(&self.dir.join(format!("x/{s}-{i}.json")))?;
                        decode_postings(&piece, &mut list)?;
                    }
                }
                TermPostings {
                    idf,
                    df,
                    tailed: !tails && count > 0,
                    list,
                }
            }
        }))
    }

    /// One pass of a query over the terms' heads, or with `tails` over all
    /// their postings.
    fn rank(&mut self, q: &text::Query, tails: bool) -> Result<Ranked, String> {
        let mut lists = Vec::with_capacity(q.groups.len());
        for group in &q.groups {
            lists.push(self.postings(&group.term, false)?);
        }
        // Groups of the query's rarest tier are required; the others are
        // common: they add score, from their heads only. Tiers: a term
        // without a tail, with one, in more than half the documents.
        let documents = self.manifest.documents;
        let tier = |l: &Option<TermPostings>| match l {
            Some(p) if p.df * 2 > documents => 2,
            Some(p) if p.tailed => 1,
            _ => 0,
        };
        let lowest = lists.iter().map(tier).min().unwrap_or(0);
        let common: Vec<bool> = lists.iter().map(|l| tier(l) > lowest).collect();
        if tails {
            for (g, group) in q.groups.iter().enumerate() {
                if !common[g] && lists[g].as_ref().is_some_and(|p| p.tailed) {
                    lists[g] = self.postings(&group.term, true)?;
                }
            }
        }
        let exact = match &q.exact {
            Some(term) => self.postings(term, tails)?,
            None => None,
        };
        let tailed = lists
            .iter()
            .zip(&common)
            .any(|(l, c)| !c && l.as_ref().is_some_and(|p| p.tailed))
            || exact.as_ref().is_some_and(|p| p.tailed);
        let groups = q.groups.len();
        // Per document: per-group score and positions.
        let mut scores: HashMap<u32, Vec<GroupScore>> = HashMap::new();
        for pass in [false, true] {
            for (g, l) in lists.iter().enumerate() {
                let Some(p) = l else { continue };
                if common[g] != pass {
                    continue;
                }
                for (&doc, (impact, positions)) in &p.list {
                    let entry = if pass {
                        match scores.get_mut(&doc) {
                            Some(e) => e,
                            None => continue,
                        }
                    } else {
                        scores.entry(doc).or_insert_with(|| vec![None; groups])
                    };
                    entry[g] = Some((p.idf * i64::from(*impact), positions.clone()));
                }
            }
        }
        let mut hits: Vec<(usize, i64, u32)> = scores
            .iter()
            .map(|(&doc, per)| {
                let matched = per
                    .iter()
                    .zip(&common)
                    .filter(|(s, c)| s.is_some() && !**c)
                    .count();
                let mut score: i64 = per.iter().flatten().map(|(s, _)| s).sum();
                for a in &q.adjacent {
                    if let (Some((sa, pa)), Some((sb, pb))) = (&per[a.first], &per[a.second]) {
                        if pa.iter().any(|p| pb.contains(&(p + a.offset))) {
                            score += (sa + sb).div_euclid(format::ADJACENT_DIVISOR);
                        }
                    }
                }
                if exact.as_ref().is_some_and(|e| e.list.contains_key(&doc)) {
                    score += format::EXACT_BONUS;
                }
                (matched, score, doc)
            })
            .collect();
        let best = hits.iter().map(|r| r.0).max().unwrap_or(0);
        hits.retain(|r| r.0 == best && best > 0);
        hits.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        Ok(Ranked {
            hits,
            partial: best > 0 && best < common.iter().filter(|c| !**c).count(),
            tailed,
        })
    }

    fn region_value(&self, id: &str) -> Result<Option<FacetValue>, String> {
        if let Some(v) = self
            .manifest
            .facets
            .iter()
            .filter(|f| f.name == "region")
            .flat_map(|f| &f.values)
            .find(|v| v.id == id)
        {
            return Ok(Some(v.clone()));
        }
        let path = self.dir.join(format!("r/{id}.json"));
        if !valid_id(id) || !path.exists() {
            return Ok(None);
        }
        let file: RegionFile = read_json(&path)?;
        Ok(Some(file.own))
    }

    /// The id of a filter value written as its id or as the label a page
    /// shows (`policy` or `政策`, `fulian` or `妇联`). A value that is neither
    /// is an error that names the accepted ones, so that a mistyped filter
    /// is not mistaken for "0 results".
    pub fn filter_value(&self, facet: &str, text: &str) -> Result<String, String> {
        let text = text.trim();
        if facet == "region" && self.region_value(text)?.is_some() {
            return Ok(text.to_string());
        }
        let values: Vec<(&str, &str)> = if facet == "kind" {
            let kinds = self.manifest.kinds.iter();
            kinds
                .map(|(id, label)| (id.as_str(), label.as_str()))
                .collect()
        } else {
            let facets = self.manifest.facets.iter().filter(|f| f.name == facet);
            let values = facets.flat_map(|f| &f.values);
            values.map(|v| (v.id.as_str(), v.label.as_str())).collect()
        };
        if let Some((id, _)) = values.iter().find(|(id, _)| *id == text) {
            return Ok(id.to_string());
        }
        let by_label: Vec<&str> = values
            .iter()
            .filter(|(_, label)| *label == text)
            .map(|(id, _)| *id)
            .collect();
        if let [id] = by_label[..] {
            return Ok(id.to_string());
        }
        let accepted: Vec<String> = values
            .iter()
            .take(20)
            .map(|(id, label)| match id == label {
                true => id.to_string(),
                false => format!("{id} ({label})"),
            })
            .collect();
        let more = if values.len() > accepted.len() {
            "…"
        } else {
            ""
        };
        Err(match (by_label.len(), accepted.is_empty()) {
            (0, true) => msg!("filter-no-values", facet = facet),
            (0, false) => msg!(
                "filter-unknown",
                value = text,
                facet = facet,
                accepted = format!("{}{more}", accepted.join(", "))
            ),
            _ => msg!(
                "filter-ambiguous",
                value = text,
                facet = facet,
                values = by_label.join(", ")
            ),
        })
    }

    /// The documents of a filter value; `None` when the value is unknown
    /// (which matches nothing).
    fn filter_docs(&self, facet: &str, id: &str) -> Result<Option<Vec<u32>>, String> {
        if facet == "region" {
            return self.region_value(id)?.map(|v| run_ids(&v.docs)).transpose();
        }
        let value = self
            .manifest
            .facets
            .iter()
            .filter(|f| f.name == facet)
            .flat_map(|f| &f.values)
            .find(|v| v.id == id);
        value.map(|v| run_ids(&v.docs)).transpose()
    }

    /// Search: the first `limit` results, with counts. Without `all`, a
    /// query whose head pass finds a page of results after filters stops
    /// there (docs/search.md, "Heads and tails"); with it, or otherwise,
    /// every posting is used.
    pub fn search(
        &mut self,
        query: &str,
        filters: &Filters,
        limit: usize,
        all: bool,
    ) -> Result<Results, String> {
        let q = text::query(query, true);
        let mut empty = Results {
            total: 0,
            partial: false,
            complete: true,
            results: vec![],
            facets: BTreeMap::new(),
        };
        if q.groups.is_empty() {
            return Ok(empty);
        }
        // Filters and disjunctive counts.
        let mut sets: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (facet, id) in filters {
            let docs = self.filter_docs(facet, id)?.unwrap_or_default();
            sets.insert(facet.clone(), docs);
        }
        let passes = |doc: u32, except: Option<&str>| {
            sets.iter()
                .filter(|(f, _)| Some(f.as_str()) != except)
                .all(|(_, d)| d.binary_search(&doc).is_ok())
        };
        let mut ranked = self.rank(&q, all)?;
        if ranked.tailed
            && (ranked.partial
                || ranked.hits.iter().filter(|r| passes(r.2, None)).count() < format::ENOUGH)
        {
            ranked = self.rank(&q, true)?;
        }
        empty.partial = ranked.partial;
        empty.complete = !ranked.tailed;
        let ranked = ranked.hits;

        for facet in &self.manifest.facets {
            let base: Vec<u32> = ranked
                .iter()
                .map(|r| r.2)
                .filter(|&d| passes(d, Some(&facet.name)))
                .collect();
            let mut values = facet.values.clone();
            if facet.name == "region" {
                if let Some(id) = filters.get("region") {
                    let path = self.dir.join(format!("r/{id}.json"));
                    if valid_id(id) && path.exists() {
                        values = read_json::<RegionFile>(&path)?.values;
                    }
                } else {
                    // Without a region filter: the top level and its children.
                    values.retain(|v| {
                        v.parent().is_empty()
                            || facet
                                .values
                                .iter()
                                .any(|p| p.id == v.parent() && p.parent().is_empty())
                    });
                }
            }
            let mut counts = Vec::new();
            for v in values {
                let ids = run_ids(&v.docs)?;
                let count = base.iter().filter(|d| ids.binary_search(d).is_ok()).count();
                if count > 0 {
                    counts.push(Count {
                        id: v.id,
                        label: v.label,
                        count,
                    });
                }
            }
            empty.facets.insert(facet.name.clone(), counts);
        }
        let hits: Vec<(u32, i64)> = ranked
            .iter()
            .filter(|r| passes(r.2, None))
            .map(|r| (r.2, r.1))
            .collect();
        empty.total = hits.len();
        // A hole is `null` (docs/search.md, "Numbers and holes"); no
        // posting or facet names one.
        let mut chunks: HashMap<u32, Vec<Option<Fragment<'static>>>> = HashMap::new();
        for &(doc, score) in hits.iter().take(limit) {
            let c = doc / self.manifest.chunk.max(1);
            let list = match chunks.entry(c) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(read_json(&self.dir.join(format!("f/{c}.json")))?)
                }
            };
            let f = list
                .get((doc % self.manifest.chunk.max(1)) as usize)
                .and_then(Option::as_ref)
                .ok_or_else(|| msg!("query-fragment-missing"))?;
            empty.results.push(Hit {
                id: doc,
                url: f.u.to_string(),
                title: f.t.to_string(),
                kind: f.k.to_string(),
                location: f.l.to_string(),
                score,
            });
        }
        Ok(empty)
    }
}

/// Region ids are slugs; anything else is not looked up on disk.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}
