//! The writer's unit tests: spilled and held postings give the same
//! index, heads, cards, keys, tokens and fragments.

use std::collections::BTreeMap;

use serde_json::Value;

use super::encode::{CARD_MIN, CARDS};
use super::fragments::{CARD_AFTER, CARD_BEFORE, EXCERPT, card_window};
use super::terms::{text_key, word_key};
use super::*;

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
fn lengths_are_coarse_so_that_a_small_edit_changes_few_files() {
    assert_eq!(coarse_length(15), 15);
    assert_eq!(coarse_length(16), 16);
    assert_eq!(coarse_length(300), 288);
    assert_eq!(coarse_length(310), 288);
    assert_eq!(median_length(&[(5, 100), (1, 100), (9, 100), (7, 100)]), 5);
    // A page of some length among 3,500 documents gets one more word:
    // the files that change are the shards of the word's terms (and the
    // page's fragment chunk if the edit is in its excerpt), not every shard (each document's length and the mean
    // length are in every impact). A very short document crosses a step of
    // its coarse length with almost any edit; a page of a few hundred
    // words seldom does.
    let mut docs = sample();
    docs[1234].body = "群团组织服务群众，推进示例工作。".repeat(40);
    let before = index_of(docs.clone(), 100, usize::MAX);
    let mut edited = docs;
    edited[1234].body.push_str("另有示例。");
    let after = index_of(edited, 100, usize::MAX);
    let changed: Vec<&String> = before
        .iter()
        .filter(|(p, t)| after.get(*p) != Some(t))
        .map(|(p, _)| p)
        .collect();
    let shards = before.keys().filter(|p| p.starts_with("search/t/")).count();
    assert!(
        changed.len() <= 10,
        "{} of {shards} shards: {changed:?}",
        changed.len()
    );
    assert!(!changed.is_empty(), "the new word is in the index");
}
