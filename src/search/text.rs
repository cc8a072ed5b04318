//! The one tokenizer: folding, character classes, the tokens a field gives
//! the index, the groups a query asks for, routing and the integer
//! encodings. `docs/search.md` is the contract; the JavaScript client
//! (`themes/default/static/js/search.js`) implements the same rules and a
//! browser test keeps the two in step.

use pinyin::ToPinyin;

use super::t2s;

/// Field weights for the weighted term frequency (see docs/search.md).
pub const TITLE: u32 = 8;
pub const META: u32 = 3;
pub const BODY: u32 = 1;

/// Word prefixes are indexed up to this many characters.
pub const PREFIX_MAX: usize = 12;

/// Fold one code point: full-width ASCII to ASCII, Traditional to
/// Simplified, ASCII upper case to lower case. Always one code point.
pub fn fold(c: char) -> char {
    match c as u32 {
        0..=0x7F => c.to_ascii_lowercase(),
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0)
            .unwrap_or(c)
            .to_ascii_lowercase(),
        0x3000 => ' ',
        n @ DENSE_FIRST..=DENSE_LAST => dense()[(n - DENSE_FIRST) as usize],
        n if n < DENSE_FIRST => c,
        _ => t2s::fold(c),
    }
}

/// The common CJK blocks (Extension A and the Unified Ideographs), where
/// almost every character of a text is: folded through a direct table
/// rather than a search (tokenizing is most of the index's build time).
const DENSE_FIRST: u32 = 0x3400;
const DENSE_LAST: u32 = 0x9FFF;

fn dense() -> &'static [char] {
    static DENSE: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    DENSE.get_or_init(|| {
        (DENSE_FIRST..=DENSE_LAST)
            .map(|n| char::from_u32(n).map_or('\u{fffd}', t2s::fold))
            .collect()
    })
}

/// `text` folded, code point by code point.
pub fn fold_text(text: &str) -> String {
    text.chars().map(fold).collect()
}

/// What a folded code point is to the tokenizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Cjk,
    Word,
    Separator,
}

pub fn class(c: char) -> Class {
    match c as u32 {
        0x3040..=0x30FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0x20000..=0x323AF => Class::Cjk,
        _ if c.is_ascii_lowercase() || c.is_ascii_digit() => Class::Word,
        _ => Class::Separator,
    }
}

/// A run of folded text of one class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub class: Class,
    pub chars: Vec<char>,
}

/// The runs of `text` after folding, and whether the text ended in a
/// separator (for the query's prefix rule).
pub fn runs(text: &str) -> (Vec<Run>, bool) {
    runs_of_folded(&fold_text(text))
}

/// [`runs`] of text that is already folded.
pub fn runs_of_folded(text: &str) -> (Vec<Run>, bool) {
    let mut runs: Vec<Run> = Vec::new();
    let mut trailing_separator = false;
    for c in text.chars() {
        let k = class(c);
        trailing_separator = k == Class::Separator;
        if k == Class::Separator {
            runs.push(Run {
                class: Class::Separator,
                chars: Vec::new(),
            });
            continue;
        }
        match runs.last_mut() {
            Some(r) if r.class == k => r.chars.push(c),
            _ => runs.push(Run {
                class: k,
                chars: vec![c],
            }),
        }
    }
    // Separators stay as empty runs so positions can advance; consecutive
    // ones count once.
    runs.dedup_by(|b, a| a.class == Class::Separator && b.class == Class::Separator);
    (runs, trailing_separator)
}

/// The folded text with separators removed: the key of exact names.
pub fn exact_key(text: &str) -> String {
    text.chars()
        .map(fold)
        .filter(|&c| class(c) != Class::Separator)
        .collect()
}

/// A term as the tokenizer produces it, before it becomes a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term<'a> {
    /// Two CJK characters.
    Bigram(char, char),
    /// One CJK character.
    Unigram(char),
    /// A word (`gonghui`, `12351`).
    Word(&'a str),
    /// The first `n` characters of a word, written `w[..n]*`.
    Prefix(&'a str, usize),
}

impl Term<'_> {
    /// The term as the index writes it.
    pub fn text(&self) -> String {
        match *self {
            Term::Bigram(a, b) => [a, b].iter().collect(),
            Term::Unigram(c) => c.to_string(),
            Term::Word(w) => w.to_string(),
            Term::Prefix(w, n) => {
                let mut t: String = w.chars().take(n).collect();
                t.push('*');
                t
            }
        }
    }
}

/// Hands the tokens of one field's text to `emit` with their positions,
/// starting at `*position`, which is left after the text. `unigrams`:
/// whether CJK characters are also indexed one by one (title and meta,
/// not body). The definition the tests check the one-pass reading against.
#[cfg(test)]
pub fn field_terms(
    text: &str,
    unigrams: bool,
    position: &mut u32,
    emit: &mut impl FnMut(Term<'_>, u32),
) {
    folded_field_terms(&fold_text(text), unigrams, position, emit);
}

/// [`field_terms`] of text that is already folded, in one pass over the
/// characters: the tokens and positions of the runs of [`runs_of_folded`]
/// (a separator, or several in a row, advances by one; a CJK run by its
/// length; a word by one), without making them. The sink is generic, so
/// that the index's per-token closure is inlined: a dynamic call per token
/// was about a quarter of tokenizing 100,000 pages.
pub fn folded_field_terms(
    text: &str,
    unigrams: bool,
    position: &mut u32,
    emit: &mut impl FnMut(Term<'_>, u32),
) {
    let mut run = RunInProgress {
        class: Class::Separator,
        length: 0,
        last: '\0',
        word: String::new(),
    };
    let mut after_separator = false;
    for c in text.chars() {
        let k = class(c);
        if k == Class::Separator {
            run.finish(unigrams, position, emit);
            if !after_separator {
                *position += 1;
            }
            after_separator = true;
            continue;
        }
        after_separator = false;
        if k != run.class {
            run.finish(unigrams, position, emit);
            run.class = k;
        }
        if k == Class::Cjk {
            // Each character gives its bigram with the next one, then
            // itself: both are emitted when the next one is seen.
            if run.length > 0 {
                let p = *position + run.length - 1;
                emit(Term::Bigram(run.last, c), p);
                if unigrams {
                    emit(Term::Unigram(run.last), p);
                }
            }
            run.last = c;
        } else {
            run.word.push(c);
        }
        run.length += 1;
    }
    run.finish(unigrams, position, emit);
}

/// The run [`folded_field_terms`] is reading.
struct RunInProgress {
    class: Class,
    /// Characters so far.
    length: u32,
    /// The last CJK character.
    last: char,
    /// A word's text.
    word: String,
}

impl RunInProgress {
    /// Emit what the run still owes and advance the position past it.
    fn finish(&mut self, unigrams: bool, position: &mut u32, emit: &mut impl FnMut(Term<'_>, u32)) {
        match self.class {
            Class::Cjk => {
                if unigrams && self.length > 0 {
                    emit(Term::Unigram(self.last), *position + self.length - 1);
                }
                *position += self.length;
            }
            Class::Word => {
                word_terms(&self.word, *position, emit);
                self.word.clear();
                *position += 1;
            }
            Class::Separator => {}
        }
        self.class = Class::Separator;
        self.length = 0;
    }
}

/// A word and its prefixes `w[..j]*`, j = 2 … min(len, 12).
fn word_terms(word: &str, position: u32, emit: &mut impl FnMut(Term<'_>, u32)) {
    let len = word.chars().count();
    for j in 2..=len.min(PREFIX_MAX) {
        emit(Term::Prefix(word, j), position);
    }
    emit(Term::Word(word), position);
}

/// The pinyin words of a name or title: per CJK run, the syllables,
/// adjacent pairs joined (`gonghui`), initials of adjacent pairs (`gh`),
/// the whole run's pinyin and initials. Characters without a reading are
/// skipped; ü is written `v`, as pinyin keyboards type it.
pub fn pinyin_words(text: &str) -> Vec<String> {
    let (runs, _) = runs(text);
    let mut words = Vec::new();
    for run in runs.iter().filter(|r| r.class == Class::Cjk) {
        let syllables: Vec<String> = run
            .chars
            .iter()
            .filter_map(|c| c.to_pinyin())
            .map(|p| p.plain().replace('ü', "v"))
            .filter(|s| !s.is_empty())
            .collect();
        if syllables.is_empty() {
            continue;
        }
        words.extend(syllables.iter().cloned());
        for pair in syllables.windows(2) {
            words.push(format!("{}{}", pair[0], pair[1]));
            words.push(initials(pair));
        }
        if syllables.len() > 2 {
            words.push(syllables.concat());
            words.push(initials(&syllables));
        }
    }
    words
}

fn initials(syllables: &[String]) -> String {
    syllables.iter().filter_map(|s| s.chars().next()).collect()
}

/// Derived words (pinyin), each with its prefixes, at consecutive
/// positions after `*position`.
pub fn word_list_terms(words: &[String], position: &mut u32, emit: &mut impl FnMut(Term<'_>, u32)) {
    for w in words {
        *position += 1;
        word_terms(w, *position, emit);
    }
    *position += 1;
}

/// One group of a query: the term a document must have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub term: String,
}

/// A pair of groups whose terms should sit `offset` apart in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Adjacent {
    pub first: usize,
    pub second: usize,
    pub offset: u32,
}

/// What a query asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub groups: Vec<Group>,
    pub adjacent: Vec<Adjacent>,
    /// `=` + the folded query without separators, when 2+ characters.
    pub exact: Option<String>,
}

/// Queries are cut to this many code points before anything else.
pub const QUERY_MAX: usize = 256;

/// The groups of a query (docs/search.md, "Query groups"). `prefix`:
/// whether the last word may be a prefix (false when routing exact names).
pub fn query(text: &str, prefix: bool) -> Query {
    let text: String = text.chars().take(QUERY_MAX).collect();
    let (runs, trailing_separator) = runs(&text);
    let mut q = Query::default();
    let last_content = runs.iter().rposition(|r| r.class != Class::Separator);
    for (ri, run) in runs.iter().enumerate() {
        match run.class {
            Class::Separator => {}
            Class::Cjk if run.chars.len() == 1 => {
                add_group(&mut q, run.chars[0].to_string());
            }
            Class::Cjk => {
                let n = run.chars.len();
                let mut starts: Vec<usize> = (0..n - 1).step_by(2).collect();
                if n % 2 == 1 {
                    starts.push(n - 2);
                }
                let mut previous: Option<(usize, usize)> = None;
                for s in starts {
                    let g = add_group(&mut q, run.chars[s..s + 2].iter().collect());
                    if let Some((pg, ps)) = previous {
                        if pg != g {
                            q.adjacent.push(Adjacent {
                                first: pg,
                                second: g,
                                offset: (s - ps) as u32,
                            });
                        }
                    }
                    previous = Some((g, s));
                }
            }
            Class::Word => {
                let mut word: String = run.chars.iter().collect();
                if prefix && Some(ri) == last_content && !trailing_separator && run.chars.len() >= 2
                {
                    word = run.chars.iter().take(PREFIX_MAX).collect();
                    word.push('*');
                }
                add_group(&mut q, word);
            }
        }
    }
    let key = exact_key(&text);
    if key.chars().count() >= 2 {
        q.exact = Some(format!("={key}"));
    }
    q
}

/// Add a group unless it repeats one; its index either way.
fn add_group(q: &mut Query, term: String) -> usize {
    if let Some(i) = q.groups.iter().position(|g| g.term == term) {
        return i;
    }
    q.groups.push(Group { term });
    q.groups.len() - 1
}

/// FNV-1a, 32 bits, over UTF-8.
pub fn fnv1a32(text: &str) -> u32 {
    let mut h: u32 = 2_166_136_261;
    for b in text.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(16_777_619);
    }
    h
}

/// What a term may be routed by: itself; for an exact term `=key`, the
/// group terms of `key` as a query without prefix (the writer routes it by
/// the one in fewest documents, and a reader looks in each of their
/// shards).
pub fn routes(term: &str) -> Vec<String> {
    match term.strip_prefix('=') {
        Some(key) => {
            let groups: Vec<String> = query(key, false)
                .groups
                .into_iter()
                .map(|g| g.term)
                .collect();
            if groups.is_empty() {
                vec![term.to_string()]
            } else {
                groups
            }
        }
        None => vec![term.to_string()],
    }
}

/// The shard of a route.
pub fn shard(route: &str, shards: u32) -> u32 {
    fnv1a32(route) % shards.max(1)
}

/// The digits of the varint encoding (docs/search.md, "Integer encodings").
pub const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Append `v` as a varint string.
pub fn push_varint(out: &mut String, mut v: u64) {
    while v >= 32 {
        out.push(ALPHABET[32 + (v & 31) as usize] as char);
        v >>= 5;
    }
    out.push(ALPHABET[v as usize] as char);
}

/// Decode a varint string; `None` when it is malformed.
pub fn varints(text: &str) -> Option<Vec<u64>> {
    let mut out = Vec::new();
    let mut value: u64 = 0;
    let mut shift = 0u32;
    for b in text.bytes() {
        let d = ALPHABET.iter().position(|&a| a == b)? as u64;
        if shift > 60 {
            return None;
        }
        value |= (d & 31) << shift;
        if d >= 32 {
            shift += 5;
        } else {
            out.push(value);
            value = 0;
            shift = 0;
        }
    }
    (shift == 0).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str, unigrams: bool) -> Vec<(String, u32)> {
        let mut out = Vec::new();
        field_terms(text, unigrams, &mut 0, &mut |t, p| out.push((t.text(), p)));
        out
    }

    /// The tokens of a field as the runs of [`runs_of_folded`] give them:
    /// the definition that the one-pass [`folded_field_terms`] follows.
    fn terms_by_runs(text: &str, unigrams: bool) -> Vec<(String, u32)> {
        let mut out = Vec::new();
        let mut emit = |t: Term<'_>, p: u32| out.push((t.text(), p));
        let mut position = 0;
        let (runs, _) = runs(text);
        for run in &runs {
            match run.class {
                Class::Separator => position += 1,
                Class::Cjk => {
                    for (i, c) in run.chars.iter().enumerate() {
                        let p = position + i as u32;
                        if let Some(next) = run.chars.get(i + 1) {
                            emit(Term::Bigram(*c, *next), p);
                        }
                        if unigrams {
                            emit(Term::Unigram(*c), p);
                        }
                    }
                    position += run.chars.len() as u32;
                }
                Class::Word => {
                    let word: String = run.chars.iter().collect();
                    word_terms(&word, position, &mut emit);
                    position += 1;
                }
            }
        }
        out.push(("end".into(), position));
        out
    }

    #[test]
    fn one_pass_tokens_are_those_of_the_runs() {
        for text in [
            "",
            "工会",
            "侨",
            "  工会，，法律援助 gonghui12351 ab 婦聯GH  ",
            "第6条：让群众能在网上“找到组织”。",
            "abc工会def 心 理 ... 2万元",
            "……",
            "x",
            "グループ 한국어 𠀀𠀁",
        ] {
            for unigrams in [true, false] {
                let mut got = Vec::new();
                let mut position = 0;
                field_terms(text, unigrams, &mut position, &mut |t, p| {
                    got.push((t.text(), p))
                });
                got.push(("end".into(), position));
                assert_eq!(got, terms_by_runs(text, unigrams), "{text:?} {unigrams}");
            }
        }
    }

    #[test]
    fn folds_full_width_traditional_and_case() {
        let folded: String = "ＡＢｃ１２　婦聯GH".chars().map(fold).collect();
        assert_eq!(folded, "abc12 妇联gh");
        // The direct table agrees with the character table everywhere.
        for (t, s) in t2s::pairs() {
            assert_eq!(fold(*t), *s, "{t}");
        }
        assert_eq!(fold('妇'), '妇');
    }

    #[test]
    fn cjk_runs_give_bigrams_and_unigrams_where_asked() {
        assert_eq!(
            terms("工会", true),
            [("工会", 0), ("工", 0), ("会", 1)].map(|(t, p)| (t.to_string(), p))
        );
        assert_eq!(terms("法律援助", false).len(), 3);
        assert!(terms("侨", false).is_empty());
    }

    #[test]
    fn words_are_lower_case_with_prefixes_and_separators_advance() {
        let t = terms("Go 12351", false);
        assert!(t.contains(&("go".into(), 0)));
        assert!(t.contains(&("go*".into(), 0)));
        assert!(t.contains(&("12351".into(), 2)));
        assert!(t.contains(&("123*".into(), 2)));
        // 2026年: a word then CJK, positions consecutive.
        let t = terms("2026年活动", false);
        assert!(t.contains(&("2026".into(), 0)));
        assert!(t.contains(&("年活".into(), 1)));
    }

    #[test]
    fn queries_cover_with_bigrams_and_keep_adjacency() {
        let q = query("找到组织", true);
        let g: Vec<&str> = q.groups.iter().map(|g| g.term.as_str()).collect();
        assert_eq!(g, ["找到", "组织"]);
        assert_eq!(
            q.adjacent,
            [Adjacent {
                first: 0,
                second: 1,
                offset: 2
            }]
        );
        assert_eq!(q.exact.as_deref(), Some("=找到组织"));
        let q = query("四必到", true);
        let g: Vec<&str> = q.groups.iter().map(|g| g.term.as_str()).collect();
        assert_eq!(g, ["四必", "必到"]);
        assert_eq!(q.adjacent[0].offset, 1);
        let q = query("侨", true);
        assert_eq!(q.groups[0].term, "侨");
        assert_eq!(q.exact, None);
    }

    #[test]
    fn the_last_word_is_a_prefix_unless_followed_by_a_separator() {
        let q = query("gonghui fali", true);
        let g: Vec<&str> = q.groups.iter().map(|g| g.term.as_str()).collect();
        assert_eq!(g, ["gonghui", "fali*"]);
        let q = query("gonghui ", true);
        assert_eq!(q.groups[0].term, "gonghui");
        let q = query("婦聯 g", true);
        assert_eq!(q.groups[1].term, "g");
        assert_eq!(query("工会 工会", true).groups.len(), 1);
    }

    #[test]
    fn hostile_queries_give_no_groups() {
        for q in ["", "   ", "!!!？？", "😀😀", ".*+?()[]{}|\\^$"] {
            assert!(query(q, true).groups.is_empty(), "{q}");
        }
        let long = "工".repeat(10_000);
        assert_eq!(query(&long, true).groups.len(), 1);
        let q = query("<script>alert(1)</script>", true);
        assert!(q.groups.iter().all(|g| {
            g.term
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '*')
        }));
    }

    #[test]
    fn pinyin_gives_syllables_pairs_and_initials() {
        let w = pinyin_words("总工会");
        for expected in ["zong", "gong", "hui", "gonghui", "gh", "zonggonghui", "zgh"] {
            assert!(w.iter().any(|x| x == expected), "{expected} in {w:?}");
        }
        assert!(pinyin_words("妇女").iter().any(|x| x == "funv"));
    }

    #[test]
    fn exact_terms_route_with_the_query() {
        assert_eq!(routes("=绍兴市妇联"), ["绍兴", "市妇", "妇联"]);
        assert_eq!(routes("=绍兴市妇联会"), ["绍兴", "市妇", "联会"]);
        assert_eq!(routes("工会"), ["工会"]);
        assert_eq!(fnv1a32(""), 2_166_136_261);
        assert_eq!(fnv1a32("a"), 0xe40c292c);
    }

    #[test]
    fn varints_round_trip() {
        let mut s = String::new();
        for v in [0u64, 1, 31, 32, 1000, 1 << 40] {
            push_varint(&mut s, v);
        }
        assert_eq!(varints(&s).unwrap(), [0, 1, 31, 32, 1000, 1 << 40]);
        assert_eq!(varints("!"), None);
        assert_eq!(varints("g"), None);
    }
}
