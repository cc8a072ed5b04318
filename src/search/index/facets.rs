//! The facets of the manifest (kind, organization type, region, audience,
//! need, brand kind, and the policy library's issuer, year, topic and
//! validity) and the region files below its two levels (docs/search.md,
//! "`manifest.json`").

use std::collections::BTreeMap;

use super::super::documents::{Document, KINDS};
use super::super::format::{Facet, FacetValue, RegionFile, runs, to_json};
use crate::model::directory::{BrandKind, Directory};
use crate::model::library::LibraryFacet;

/// A library facet's values: id → (label, documents, policies).
type LibraryValues<'a> = BTreeMap<&'a str, (&'a str, Vec<u32>, usize)>;

/// The region and its ancestors, from the top down.
pub(super) fn region_chain(dir: &Directory, region: usize) -> Vec<usize> {
    let mut chain = dir.region_chain(region);
    chain.reverse();
    chain
}

/// The facets for the manifest, and the region files below its two levels.
pub(super) fn facets(
    docs: &[Option<Document>],
    dir: &Directory,
) -> (Vec<Facet>, Vec<(String, String)>) {
    let mut kinds: Vec<Vec<u32>> = vec![Vec::new(); KINDS.len()];
    let mut types: Vec<Vec<u32>> = vec![Vec::new(); dir.types.len()];
    let mut regions: Vec<Vec<u32>> = vec![Vec::new(); dir.regions.len()];
    let mut audiences: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    let mut needs: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    let mut brands: BTreeMap<BrandKind, Vec<u32>> = BTreeMap::new();
    let mut library: BTreeMap<LibraryFacet, LibraryValues> = BTreeMap::new();
    for (id, d) in docs.iter().enumerate() {
        let Some(d) = d else { continue };
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
        if let Some(k) = d.brand_kind {
            brands.entry(k).or_default().push(id);
        }
        for (f, v) in &d.library {
            let entry = library.entry(*f).or_default();
            let (_, ids, policies) = entry.entry(&v.id).or_insert((&v.label, vec![], 0));
            ids.push(id);
            *policies += usize::from(KINDS[d.kind].0 == "policy");
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
    let term_values = |vocabulary: &[crate::model::directory::Term],
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
    let brand_values: Vec<FacetValue> = brands
        .iter()
        .map(|(k, d)| value(k.id(), k.zh(), d))
        .collect();
    if !brand_values.is_empty() {
        out.push(facet("brand", "荣誉类别", brand_values));
    }
    // In the order the library lists them (by its count of policies, not
    // of documents, which counts articles too).
    for (f, found) in &library {
        let mut values: Vec<(FacetValue, usize)> = found
            .iter()
            .map(|(id, (label, d, policies))| (value(id, label, d), *policies))
            .collect();
        f.display_order(&mut values, |v| &v.0.label, |v| v.1);
        out.push(facet(
            f.name(),
            f.label(),
            values.into_iter().map(|(v, _)| v).collect(),
        ));
    }
    (out, region_files)
}
