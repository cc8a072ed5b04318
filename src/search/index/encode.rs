//! A term's postings as the index stores them: BM25 impacts, the head
//! (its best postings) and the tail in pieces, and the documents whose
//! cards its entry carries (docs/search.md, "Heads and tails", "Ranking").

use super::super::text;
use super::terms::{TermBuf, take};

/// BM25's parameters (docs/search.md, "Ranking").
pub(super) const K1: f64 = 1.2;
pub(super) const B: f64 = 0.75;

/// Characters of postings per tail file at most (files stay under 1 MB).
const TAIL_PIECE: usize = 512 * 1024;

/// A term as the index stores it (docs/search.md, "Heads and tails"): its
/// idf and its head, which is every posting or, for a term in more than
/// `head` documents, the best `head` of them by impact; then its document
/// frequency and the rest of its postings (the tail), in pieces.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Entry {
    pub(super) idf: i64,
    pub(super) head: String,
    pub(super) df: u32,
    pub(super) tail: Vec<String>,
    /// For a term in more than [`CARD_MIN`] documents, and for an exact
    /// term: its best [`CARDS`] documents by impact (ties to the lower id),
    /// whose cards go in the shard.
    pub(super) cards: Vec<u32>,
}

/// Documents whose cards a frequent term's entry carries.
pub(super) const CARDS: usize = 10;
/// Terms in more documents than this carry cards.
pub(super) const CARD_MIN: u32 = 16;

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
pub(super) fn encode(
    buf: &TermBuf,
    term: &str,
    n: f64,
    norms: &[(f64, f64)],
    keep_positions: bool,
    head: usize,
) -> Entry {
    let df = f64::from(buf.df);
    // The coarse `n` can be below `df`: the idf is then that of `n = df`.
    let idf = (100.0 * (1.0 + ((n - df).max(0.0) + 0.5) / (df + 0.5)).ln()).round() as i64;
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
