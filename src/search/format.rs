//! The search index's files as types, one definition for the writer
//! ([`super::index`]) and the engine ([`super::query`]): the manifest, the
//! facet values and region files, the term shards' entries with their
//! cards, and the fragment chunks (`docs/search.md`, "Files"), with the
//! document runs of facet values written and read here too. The
//! manifest also carries [`Constants`]: the numbers and the alphabet the
//! JavaScript client needs to read the index and rank as the engine does,
//! so that `search.js` takes them from the index instead of repeating them.
//!
//! Fields are declared in the order of their names: that is the order in
//! which every version of the index has written them.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::text;

/// The version of the index format; a reader refuses any other.
pub const VERSION: u32 = 2;

/// Results in a query's head pass that make its terms' tails unneeded
/// (docs/search.md, "Passes"): a page.
pub const ENOUGH: usize = 10;

/// Added to the score of a document that has the query's exact term
/// (docs/search.md, "Ranking").
pub const EXACT_BONUS: i64 = 1_000_000;

/// An adjacent pair found in a document adds the two groups' scores
/// divided by this, rounded down (docs/search.md, "Ranking").
pub const ADJACENT_DIVISOR: i64 = 4;

/// `search/manifest.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Documents per fragment chunk.
    pub chunk: u32,
    /// For the client; the engine has its own. A manifest written before
    /// they were added reads as having this build's.
    #[serde(default = "Constants::current")]
    pub constants: Constants,
    /// How many documents the index holds.
    pub documents: u64,
    /// The filters, in display order.
    pub facets: Vec<Facet>,
    /// Traditional → Simplified pairs whose Simplified side is indexed.
    pub fold: String,
    /// Kind id → label.
    pub kinds: BTreeMap<String, String>,
    /// How many term shards (`t/<n>.json`) there are.
    pub shards: u32,
    /// The format's version ([`VERSION`]).
    pub version: u32,
}

/// The manifest's version alone: read first, so that an index of another
/// version is reported as such rather than as a missing field.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct Version {
    /// The format's version.
    pub version: u32,
}

/// What the client needs besides the rules of `docs/search.md` to read an
/// index and rank as the engine does (docs/search.md, "`manifest.json`").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Constants {
    /// See [`ADJACENT_DIVISOR`].
    pub adjacent_divisor: i64,
    /// The 64 characters of the varint encoding, digit 0 first.
    pub alphabet: String,
    /// See [`ENOUGH`].
    pub enough: usize,
    /// See [`EXACT_BONUS`].
    pub exact_bonus: i64,
    /// Characters of a word's longest prefix term (the index has no
    /// longer ones, so a query's prefix is cut to this).
    pub prefix_max: usize,
    /// Code points of a query kept before anything else.
    pub query_max: usize,
}

impl Constants {
    /// The constants of this build of gongkai.
    pub fn current() -> Constants {
        Constants {
            adjacent_divisor: ADJACENT_DIVISOR,
            alphabet: String::from_utf8_lossy(text::ALPHABET).into_owned(),
            enough: ENOUGH,
            exact_bonus: EXACT_BONUS,
            prefix_max: text::PREFIX_MAX,
            query_max: text::QUERY_MAX,
        }
    }
}

/// A facet of the manifest: its values in display order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Facet {
    /// What the filter is called on the page.
    pub label: String,
    /// `kind`, `type`, `region`, `audience` or `need`.
    pub name: String,
    /// Its values, in display order.
    pub values: Vec<FacetValue>,
}

/// A facet value: its documents as runs. A region's value also says its
/// parent (`""` at the top) and whether its children hold documents
/// (`more`); other values have neither.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FacetValue {
    /// Its documents, as [`runs`].
    pub docs: String,
    /// What a query names it by.
    pub id: String,
    /// What the page shows.
    pub label: String,
    /// A region: whether its child regions hold documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub more: Option<bool>,
    /// A region: its parent region's id (`""` at the top).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

impl FacetValue {
    /// The parent region's id; `""` at the top and for other facets.
    pub fn parent(&self) -> &str {
        self.parent.as_deref().unwrap_or("")
    }
}

/// `search/r/<region>.json`: a region's own value and its children's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionFile {
    /// The region's own value.
    #[serde(rename = "self")]
    pub own: FacetValue,
    /// Its child regions' values.
    pub values: Vec<FacetValue>,
}

/// A term shard `search/t/<n>.json`: term → entry, in term order.
pub type Shard = BTreeMap<String, Entry>;

/// A term's entry in its shard (docs/search.md, "Term shards"):
/// `[idf, postings]`, or `[idf, head, df, from, count, cards]` for a term
/// with a tail (`count` pieces from `x/<shard>-<from>.json`) or cards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Entry {
    /// A term with a tail or cards: idf, head, df, from, count, cards.
    Long(i64, String, u64, u32, u32, Vec<Card>),
    /// A term whose postings fit its entry: idf, postings.
    Short(i64, String),
}

/// A document's fragment as a frequent or exact term's entry carries it
/// (docs/search.md, "Cards"): `i` the document, `x` cut around the term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    /// The document's number.
    pub i: u32,
    /// Its kind id.
    pub k: String,
    /// Its place: the region names, or the policy and chapter.
    pub l: String,
    /// Its title.
    pub t: String,
    /// Its URL.
    pub u: String,
    /// The excerpt, cut around the term.
    pub x: String,
}

/// What the client shows of a document (docs/search.md, "Fragment
/// chunks"); a chunk `search/f/<n>.json` is an array of them. Borrowed
/// where the writer has the text; owned when read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fragment<'a> {
    /// Its kind id.
    pub k: Cow<'a, str>,
    /// Its place: the region names, or the policy and chapter.
    pub l: Cow<'a, str>,
    /// Its title.
    pub t: Cow<'a, str>,
    /// Its URL.
    pub u: Cow<'a, str>,
    /// The start of its text, for the excerpt.
    pub x: Cow<'a, str>,
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

/// Runs as the sorted list of their ids; an error when malformed.
pub fn run_ids(runs: &str) -> Result<Vec<u32>, String> {
    let v = text::varints(runs).ok_or("malformed runs in the index")?;
    let mut ids = Vec::new();
    let mut end = 0u64;
    for pair in v.chunks(2) {
        let [gap, len] = pair else {
            return Err("malformed runs in the index".into());
        };
        let start = end + gap;
        ids.extend((start..start + len).map(|i| i as u32));
        end = start + len;
    }
    Ok(ids)
}

/// `value` as the index writes it.
pub fn to_json<T: Serialize>(value: &T) -> String {
    // Plain structs, maps, strings and numbers: serializing cannot fail.
    serde_json::to_string(value).expect("search index serializes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_encode_gaps_and_lengths() {
        let s = runs(&[0, 1, 2, 5, 9, 10]);
        assert_eq!(text::varints(&s).unwrap(), [0, 3, 2, 1, 3, 2]);
        assert_eq!(runs(&[]), "");
        assert_eq!(run_ids(&s).unwrap(), [0, 1, 2, 5, 9, 10]);
        assert!(run_ids("A").is_err(), "a gap without a length");
    }

    #[test]
    fn entries_are_arrays_short_or_long() {
        let short = Entry::Short(612, "BCA".into());
        assert_eq!(to_json(&short), r#"[612,"BCA"]"#);
        let card = Card {
            i: 3,
            k: "org".into(),
            l: "绍兴市".into(),
            t: "市总工会".into(),
            u: "/o/3/".into(),
            x: "…".into(),
        };
        let long = Entry::Long(35, "BCA".into(), 144038, 0, 1, vec![card]);
        let json = to_json(&long);
        assert_eq!(
            json,
            r#"[35,"BCA",144038,0,1,[{"i":3,"k":"org","l":"绍兴市","t":"市总工会","u":"/o/3/","x":"…"}]]"#
        );
        for e in [short, long] {
            let back: Entry = serde_json::from_str(&to_json(&e)).unwrap();
            assert_eq!(back, e);
        }
    }

    #[test]
    fn only_region_values_have_a_parent_and_more() {
        let value = FacetValue {
            docs: "BC".into(),
            id: "org".into(),
            label: "组织".into(),
            more: None,
            parent: None,
        };
        assert_eq!(
            to_json(&value),
            r#"{"docs":"BC","id":"org","label":"组织"}"#
        );
        let region = FacetValue {
            more: Some(true),
            parent: Some(String::new()),
            ..value
        };
        assert_eq!(
            to_json(&region),
            r#"{"docs":"BC","id":"org","label":"组织","more":true,"parent":""}"#
        );
        assert_eq!(region.parent(), "");
    }

    #[test]
    fn a_manifest_written_before_the_constants_reads_with_this_builds() {
        let old =
            r#"{"chunk":16,"documents":0,"facets":[],"fold":"","kinds":{},"shards":1,"version":2}"#;
        let m: Manifest = serde_json::from_str(old).unwrap();
        assert_eq!(m.constants, Constants::current());
    }

    #[test]
    fn the_constants_are_those_of_the_tokenizer_and_the_engine() {
        let c = Constants::current();
        assert_eq!(c.alphabet.len(), 64);
        assert_eq!(
            text::varints(&c.alphabet[..32].chars().rev().collect::<String>())
                .unwrap()
                .len(),
            32,
            "the first 32 characters are single digits"
        );
        assert_eq!(c.query_max, text::QUERY_MAX);
        assert_eq!(c.prefix_max, text::PREFIX_MAX);
        assert_eq!(
            to_json(&c),
            format!(
                r#"{{"adjacent_divisor":4,"alphabet":"{}","enough":10,"exact_bonus":1000000,"prefix_max":12,"query_max":256}}"#,
                c.alphabet
            )
        );
    }
}
