//! The reading order of a text's units, once for every renderer (the page's
//! HTML and the Akoma Ntoso XML): parts with their chapters, then their
//! subparts (分编) with theirs; subparts outside any part; chapters outside
//! the parts of a code (its 附则); sections outside chapters; then the
//! articles outside all of them. A renderer implements [`Outline`] and is
//! walked through the units with their depth.

use super::document::{Article, Block, PolicyDocument, Text};

/// What a unit above the articles is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// 编
    Part,
    /// 分编
    Subpart,
    /// 章
    Chapter,
    /// 节
    Section,
}

/// A unit above the articles, as a renderer opens and closes it.
pub struct Unit<'a> {
    pub kind: UnitKind,
    pub eid: &'a str,
    /// The number as written (`第一编`, `一、`), possibly empty.
    pub num: &'a str,
    pub heading: &'a Text,
    pub intro: &'a [Block],
    /// It holds no units and no articles (only its heading and intro).
    pub empty: bool,
}

/// A renderer of the units of a text, in reading order.
pub trait Outline {
    /// A unit begins, `depth` units deep (0 at the top of the text).
    fn open(&mut self, unit: &Unit<'_>, depth: usize);
    /// The unit opened last ends.
    fn close(&mut self, unit: &Unit<'_>);
    fn article(&mut self, article: &Article);
}

/// Walk the units and articles of `doc` (not its preamble or closing
/// text) in reading order.
pub fn walk(doc: &PolicyDocument, o: &mut impl Outline) {
    let mut done = vec![false; doc.articles.len()];
    let in_parts: Vec<usize> = doc.parts.iter().flat_map(|p| p.subparts.clone()).collect();
    let loose_subparts = (0..doc.subparts.len()).filter(|s| !in_parts.contains(s));
    for (part, kind, subparts) in doc
        .parts
        .iter()
        .map(|p| (p, UnitKind::Part, &p.subparts[..]))
        .chain(loose_subparts.map(|s| (&doc.subparts[s], UnitKind::Subpart, &[][..])))
    {
        let unit = Unit {
            kind,
            eid: &part.eid,
            num: &part.num,
            heading: &part.heading,
            intro: &part.intro,
            empty: part.chapters.is_empty() && subparts.is_empty(),
        };
        o.open(&unit, 0);
        for &c in &part.chapters {
            chapter(doc, c, 1, o, &mut done);
        }
        for &s in subparts {
            let sub = &doc.subparts[s];
            let inner = Unit {
                kind: UnitKind::Subpart,
                eid: &sub.eid,
                num: &sub.num,
                heading: &sub.heading,
                intro: &sub.intro,
                empty: sub.chapters.is_empty(),
            };
            o.open(&inner, 1);
            for &c in &sub.chapters {
                chapter(doc, c, 2, o, &mut done);
            }
            o.close(&inner);
        }
        o.close(&unit);
    }
    for (c, _) in doc
        .chapters
        .iter()
        .enumerate()
        .filter(|(_, c)| c.part.is_none() && c.subpart.is_none())
    {
        chapter(doc, c, 0, o, &mut done);
    }
    for s in 0..doc.sections.len() {
        if doc.sections[s].chapter.is_none() {
            section(doc, s, 0, o, &mut done);
        }
    }
    for (i, a) in doc.articles.iter().enumerate() {
        if !done[i] {
            o.article(a);
        }
    }
}

fn chapter(doc: &PolicyDocument, c: usize, depth: usize, o: &mut impl Outline, done: &mut [bool]) {
    let ch = &doc.chapters[c];
    let unit = Unit {
        kind: UnitKind::Chapter,
        eid: &ch.eid,
        num: &ch.num,
        heading: &ch.heading,
        intro: &ch.intro,
        empty: ch.articles.is_empty() && ch.sections.is_empty(),
    };
    o.open(&unit, depth);
    for &a in ch
        .articles
        .iter()
        .filter(|&&a| doc.articles[a].section.is_none())
    {
        o.article(&doc.articles[a]);
        done[a] = true;
    }
    for &s in &ch.sections {
        section(doc, s, depth + 1, o, done);
    }
    o.close(&unit);
}

fn section(doc: &PolicyDocument, s: usize, depth: usize, o: &mut impl Outline, done: &mut [bool]) {
    let sec = &doc.sections[s];
    let unit = Unit {
        kind: UnitKind::Section,
        eid: &sec.eid,
        num: &sec.num,
        heading: &sec.heading,
        intro: &sec.intro,
        empty: sec.articles.is_empty(),
    };
    o.open(&unit, depth);
    for &a in &sec.articles {
        o.article(&doc.articles[a]);
        done[a] = true;
    }
    o.close(&unit);
}
