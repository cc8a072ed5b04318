//! What the client shows of a document (its fragment, docs/search.md,
//! "Fragment chunks"), and every fragment kept aside in a temporary file
//! while the index is made, for the cards of frequent and exact terms
//! ("Cards").

use super::super::documents::{Document, KINDS};
use super::super::format::{Card, Fragment};
use super::super::text;

/// Excerpt text kept per document, in characters.
pub(super) const EXCERPT: usize = 480;

/// Every document's fragment, in a temporary file while the index is
/// made, for the cards of frequent and exact terms.
pub(super) struct FragmentStore {
    out: std::io::BufWriter<std::fs::File>,
    at: u64,
    offsets: Vec<(u64, u32)>,
}

/// The fragments written, to be read back.
pub(super) struct Fragments {
    file: std::fs::File,
    offsets: Vec<(u64, u32)>,
}

impl FragmentStore {
    pub(super) fn new() -> std::io::Result<FragmentStore> {
        Ok(FragmentStore {
            out: std::io::BufWriter::with_capacity(1 << 20, tempfile::tempfile()?),
            at: 0,
            offsets: Vec::new(),
        })
    }

    /// Keep a fragment's fields (`u`, `t`, `k`, `l`, `x`, each text after
    /// its length), not its JSON: a card is made from them without parsing.
    pub(super) fn push(&mut self, f: &Fragment) -> std::io::Result<()> {
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

    /// Keep the place of a hole (docs/search.md, "Numbers and holes"): it
    /// has no fragment, and no card asks for one.
    pub(super) fn hole(&mut self) {
        self.offsets.push((self.at, 0));
    }

    pub(super) fn finish(self) -> std::io::Result<Fragments> {
        Ok(Fragments {
            file: self.out.into_inner().map_err(|e| e.into_error())?,
            offsets: self.offsets,
        })
    }
}

impl Fragments {
    /// Document `doc`'s card for `term` (docs/search.md, "Cards"): its
    /// fragment with the excerpt text cut to a window around the term.
    pub(super) fn card(&self, doc: u32, term: &str) -> std::io::Result<Card> {
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
pub(super) const CARD_BEFORE: usize = 24;
pub(super) const CARD_AFTER: usize = 64;

/// The part of `x` around the first occurrence of `term` (folded, as the
/// client's excerpt finds it; from the start when it is not there), with
/// `…` where text was cut.
pub(super) fn card_window(x: &str, term: &str) -> String {
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

/// The fragment of `d`.
pub(super) fn fragment(d: &Document) -> Fragment<'_> {
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
