// The site search client: reads the static index that `gongkai build`
// writes under search/ and ranks results exactly as the Rust engine does.
// docs/search.md is the contract; tests/browser/search.mjs checks the two
// against each other. No dependencies, no build step.
//
// Safety: indexed and query text reaches the page only through
// textContent, createElement and setAttribute; links only from the
// index's paths that start with a single "/".
//
// The numbers the two engines must share (the query length limit, the
// prefix length, the varint alphabet, the exact-name bonus, the adjacency
// divisor, the head pass's "enough") are not repeated here: they come
// from the manifest's `constants`, read into `rules` (see rulesOf).

const PAGE = 10;
const EXCERPT = 80;
const FACETS = ['kind', 'type', 'region', 'audience', 'need', 'brand', 'issuer', 'year', 'topic', 'validity'];

// ---- The manifest's constants ----

const isCount = (n) => Number.isInteger(n) && n > 0;

/**
 * The rules of an index, from its manifest: `{table, queryMax, prefixMax,
 * digit, exactBonus, adjacentDivisor, enough}` (`digit`: the value of each
 * ASCII code in the varint alphabet, -1 for none). Null when the manifest
 * lacks them.
 */
export function rulesOf(m) {
  const c = m && m.constants;
  if (!c || typeof c !== 'object') return null;
  const { alphabet } = c;
  if (typeof alphabet !== 'string' || alphabet.length !== 64 || !/^[\x21-\x7e]+$/.test(alphabet)) return null;
  if (![c.query_max, c.prefix_max, c.exact_bonus, c.adjacent_divisor, c.enough].every(isCount)) return null;
  const digit = new Int8Array(128).fill(-1);
  for (let i = 0; i < 64; i++) digit[alphabet.charCodeAt(i)] = i;
  return {
    table: foldTable(m.fold),
    queryMax: c.query_max,
    prefixMax: c.prefix_max,
    digit,
    exactBonus: c.exact_bonus,
    adjacentDivisor: c.adjacent_divisor,
    enough: c.enough,
  };
}

// ---- Text: folding, classes, runs (docs/search.md, "Text") ----

/** The Traditional → Simplified map of a manifest's `fold` string. */
export function foldTable(pairs) {
  const map = new Map();
  const cps = Array.from(typeof pairs === 'string' ? pairs : '');
  for (let i = 0; i + 1 < cps.length; i += 2) map.set(cps[i].codePointAt(0), cps[i + 1].codePointAt(0));
  return map;
}

/** Fold one code point (a number) to one code point. */
export function fold(c, table) {
  if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
  else if (c === 0x3000) c = 0x20;
  else if (table && table.has(c)) c = table.get(c);
  return c >= 0x41 && c <= 0x5a ? c + 32 : c;
}

const SEP = 0;
const CJK = 1;
const WORD = 2;

/** The class of a folded code point. */
export function charClass(c) {
  if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x323af)) return CJK;
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) return WORD;
  return SEP;
}

const codePoints = (s) => Array.from(s, (ch) => ch.codePointAt(0));
const str = (cps) => String.fromCodePoint(...cps);

/** The folded code points of a string. */
export function foldText(s, table) {
  return codePoints(s).map((c) => fold(c, table));
}

/** Runs of one class; separators are kept (consecutive ones once) so the
 * last word can be told apart from a word followed by a separator. */
function runsOf(folded) {
  const runs = [];
  let trailing = false;
  for (const c of folded) {
    const k = charClass(c);
    trailing = k === SEP;
    const last = runs[runs.length - 1];
    if (last && last.k === k) {
      if (k !== SEP) last.cs.push(c);
    } else runs.push({ k, cs: k === SEP ? [] : [c] });
  }
  return { runs, trailing };
}

/**
 * The groups of a query (docs/search.md, "Query groups"):
 * `{groups: [term], adjacent: [[first, second, offset]], exact}`.
 * `rules`: the index's (rulesOf); `prefix`: whether the last word may be a
 * prefix.
 */
export function parseQuery(text, rules, prefix = true) {
  const table = rules.table;
  const folded = codePoints(String(text)).slice(0, rules.queryMax).map((c) => fold(c, table));
  const { runs, trailing } = runsOf(folded);
  const groups = [];
  const adjacent = [];
  const add = (term) => {
    const i = groups.indexOf(term);
    if (i >= 0) return i;
    groups.push(term);
    return groups.length - 1;
  };
  let lastContent = -1;
  runs.forEach((r, i) => { if (r.k !== SEP) lastContent = i; });
  runs.forEach((r, ri) => {
    const cs = r.cs;
    if (r.k === CJK) {
      const n = cs.length;
      if (n === 1) { add(str(cs)); return; }
      const starts = [];
      for (let s = 0; s < n - 1; s += 2) starts.push(s);
      if (n % 2 === 1) starts.push(n - 2);
      let prev = null;
      for (const s of starts) {
        const g = add(str(cs.slice(s, s + 2)));
        if (prev && prev[0] !== g) adjacent.push([prev[0], g, s - prev[1]]);
        prev = [g, s];
      }
    } else if (r.k === WORD) {
      if (prefix && ri === lastContent && !trailing && cs.length >= 2) add(str(cs.slice(0, rules.prefixMax)) + '*');
      else add(str(cs));
    }
  });
  const key = folded.filter((c) => charClass(c) !== SEP);
  return { groups, adjacent, exact: key.length >= 2 ? '=' + str(key) : null };
}

const encoder = new TextEncoder();

/** FNV-1a, 32 bits, over UTF-8. */
export function fnv1a32(s) {
  let h = 0x811c9dc5;
  for (const b of encoder.encode(s)) h = Math.imul(h ^ b, 16777619);
  return h >>> 0;
}

/**
 * What a term may be routed by: itself, or for `=key` the groups of key
 * (the writer picks the one in fewest documents; readers look in each).
 */
export function routes(term, rules) {
  if (term[0] !== '=') return [term];
  const g = parseQuery(term.slice(1), rules, false).groups;
  return g.length ? g : [term];
}

export function shardOf(route, shards) {
  return fnv1a32(route) % Math.max(1, shards);
}

// ---- Integer encodings ----

/** A varint string's numbers, or null when it is malformed (`digit`: rulesOf). */
export function varints(s, digit) {
  const out = [];
  let v = 0;
  let m = 1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const d = c < 128 ? digit[c] : -1;
    if (d < 0) return null;
    v += (d & 31) * m;
    if (d >= 32) {
      m *= 32;
      if (m > 2 ** 50) return null;
    } else {
      out.push(v);
      v = 0;
      m = 1;
    }
  }
  return m === 1 ? out : null;
}

/** Postings: `{ids, imp, pos}` in ascending id order (empty when malformed). */
export function decodePostings(s, digit) {
  const ids = [];
  const imp = [];
  const pos = [];
  const v = typeof s === 'string' ? varints(s, digit) : null;
  if (!v) return { ids, imp, pos };
  let id = 0;
  for (let i = 0; i < v.length;) {
    if (i + 3 > v.length) break;
    id += v[i];
    const n = v[i + 2];
    if (i + 3 + n > v.length) break;
    const p = [];
    for (let j = 0; j < n; j++) p.push(j ? p[j - 1] + v[i + 3 + j] : v[i + 3]);
    ids.push(id);
    imp.push(v[i + 1]);
    pos.push(p);
    i += 3 + n;
  }
  return { ids, imp, pos };
}

/** Runs `(gap, length)` as flat half-open ranges [s0, e0, s1, e1, …]. */
export function decodeRuns(s, digit) {
  const v = typeof s === 'string' ? varints(s, digit) : null;
  const out = [];
  let end = 0;
  if (v) {
    for (let i = 0; i + 1 < v.length; i += 2) {
      const start = end + v[i];
      end = start + v[i + 1];
      out.push(start, end);
    }
  }
  return out;
}

function inRanges(r, id) {
  let lo = 0;
  let hi = r.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (r[2 * mid + 1] <= id) lo = mid + 1;
    else hi = mid;
  }
  return lo < r.length / 2 && r[2 * lo] <= id;
}

// ---- Loading, with everything kept for later queries ----

const indexes = new Map();

async function getJSON(url, missingOk) {
  const res = await fetch(url);
  if (!res.ok) {
    if (missingOk && res.status === 404) return null;
    throw new Error('search index: ' + res.status + ' ' + url);
  }
  return res.json();
}

function once(cache, key, load) {
  let p = cache.get(key);
  if (!p) {
    p = load();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

function index(base) {
  base = String(base || '/search/');
  if (!base.endsWith('/')) base += '/';
  let ix = indexes.get(base);
  if (!ix) {
    ix = { base, files: new Map(), postings: new Map(), regions: new Map(), children: new Map() };
    indexes.set(base, ix);
  }
  return ix;
}

function manifest(ix) {
  return once(ix.files, 'm', async () => {
    const m = await getJSON(ix.base + 'manifest.json');
    if (!m || m.version !== 2) throw new Error('search index: unknown version');
    ix.rules = rulesOf(m);
    if (!ix.rules) throw new Error('search index: no constants in the manifest');
    for (const f of m.facets || []) {
      if (f.name !== 'region') continue;
      addRegions(ix, f.values || []);
    }
    return m;
  });
}

function addRegions(ix, values) {
  for (const v of values) {
    if (!v || typeof v.id !== 'string' || ix.regions.has(v.id)) continue;
    ix.regions.set(v.id, v);
    const p = v.parent || '';
    if (!ix.children.has(p)) ix.children.set(p, []);
    ix.children.get(p).push(v);
  }
}

const shard = (ix, n) => once(ix.files, 't' + n, () => getJSON(ix.base + 't/' + n + '.json', true).then((s) => s || {}));
const tailPiece = (ix, n, i) => once(ix.files, 'x' + n + '-' + i, () => getJSON(ix.base + 'x/' + n + '-' + i + '.json', true).then((t) => (typeof t === 'string' ? t : '')));
const chunk = (ix, n) => once(ix.files, 'f' + n, () => getJSON(ix.base + 'f/' + n + '.json', true).then((c) => (Array.isArray(c) ? c : [])));

/** The r/ file of a region: its children, and its own value as `self`. */
function regionFile(ix, id) {
  return once(ix.files, 'r' + id, async () => {
    const r = /^[\p{Alphabetic}\p{N}_-]+$/u.test(id) ? await getJSON(ix.base + 'r/' + id + '.json', true) : null;
    if (r && r.self && r.self.id === id) addRegions(ix, [r.self]);
    addRegions(ix, (r && Array.isArray(r.values) ? r.values : []).map((c) => ({ ...c, parent: c.parent || id })));
    if (!ix.children.has(id)) ix.children.set(id, []);
    return ix.children.get(id);
  });
}

/** The children of a region value, from the manifest or its r/ file. */
function regionChildren(ix, v) {
  const known = ix.children.get(v.id);
  return known ? Promise.resolve(known) : v.more ? regionFile(ix, v.id) : Promise.resolve([]);
}

/** A region value by id: from the manifest, its own r/ file (with the
 * regions above it), or else breadth first through the levels. */
async function findRegion(ix, id) {
  if (!ix.regions.has(id)) await regionFile(ix, id);
  for (let v = ix.regions.get(id), i = 0; v && v.parent && i < 16; v = ix.regions.get(v.parent), i++) {
    if (!ix.regions.has(v.parent)) await regionFile(ix, v.parent);
  }
  const queue = [...(ix.children.get('') || [])];
  for (let loads = 0; !ix.regions.has(id) && queue.length && loads < 64;) {
    const v = queue.shift();
    if (v.more && !ix.children.has(v.id)) loads++;
    queue.push(...(await regionChildren(ix, v)));
  }
  return ix.regions.get(id) || null;
}

const NO_POSTINGS = { idf: 0, df: 0, tail: null, cards: [], ids: [], imp: [], pos: [] };

/**
 * A term's head: `{idf, df, tail: [shard, from, count] | null, cards, ids,
 * imp, pos}`; `cards` are fragments (with `i`, the document) of its best
 * documents.
 */
async function termHead(ix, m, term) {
  const key = 'h' + term;
  if (ix.postings.has(key)) return ix.postings.get(key);
  // An exact term is in the shard of one of its routes.
  let n = -1;
  let e = null;
  for (const r of routes(term, ix.rules)) {
    n = shardOf(r, m.shards);
    const s = await shard(ix, n);
    e = Object.prototype.hasOwnProperty.call(s, term) ? s[term] : null;
    if (e) break;
  }
  let p = NO_POSTINGS;
  if (Array.isArray(e) && typeof e[0] === 'number') {
    const head = decodePostings(e[1], ix.rules.digit);
    const long = e.length === 6 && [2, 3, 4].every((i) => Number.isInteger(e[i]) && e[i] >= 0);
    const cards = long && Array.isArray(e[5]) ? e[5].filter((c) => c && typeof c === 'object' && Number.isInteger(c.i)) : [];
    p = { idf: e[0], df: long ? e[2] : head.ids.length, tail: long && e[4] > 0 ? [n, e[3], e[4]] : null, cards, ...head };
  }
  ix.postings.set(key, p);
  return p;
}

/** A term's postings: its head, or with `tails` all of them (docs/search.md, "Heads and tails"). */
async function termPostings(ix, m, term, tails) {
  const h = await termHead(ix, m, term);
  if (!tails || !h.tail) return { ...h, tailed: !!h.tail };
  const key = 'a' + term;
  if (ix.postings.has(key)) return ix.postings.get(key);
  const [n, from, count] = h.tail;
  const pieces = await Promise.all(Array.from({ length: Math.min(count, 4096) }, (_, i) => tailPiece(ix, n, from + i)));
  // Head and tail are each in document order: merge them.
  const parts = [h, ...pieces.map((s) => decodePostings(s, ix.rules.digit))];
  const all = { idf: h.idf, df: h.df, tail: null, tailed: false, cards: h.cards, ids: [], imp: [], pos: [] };
  const at = parts.map(() => 0);
  for (;;) {
    let best = -1;
    parts.forEach((p, k) => {
      if (at[k] < p.ids.length && (best < 0 || p.ids[at[k]] < parts[best].ids[at[best]])) best = k;
    });
    if (best < 0) break;
    const p = parts[best];
    const i = at[best]++;
    if (all.ids.length && all.ids[all.ids.length - 1] === p.ids[i]) continue;
    all.ids.push(p.ids[i]);
    all.imp.push(p.imp[i]);
    all.pos.push(p.pos[i]);
  }
  ix.postings.set(key, all);
  return all;
}

const ranges = (ix, v) => v._r || (v._r = decodeRuns(v.docs, ix.rules.digit));

/** Fragments `{u, t, k, l, x}` of documents, by id. */
async function fragments(ix, m, ids) {
  const size = Math.max(1, m.chunk || 1);
  const chunks = await Promise.all(ids.map((id) => chunk(ix, Math.floor(id / size))));
  return ids.map((id, i) => {
    const f = chunks[i][id % size];
    return f && typeof f === 'object' ? f : {};
  });
}

// ---- Matching and ranking (docs/search.md, "Ranking") ----

/**
 * One pass over the query's postings, the terms' heads or with `tails` all
 * of them: `{partial, tailed, hits: [{id, n, score}]}` in order.
 */
async function rank(ix, m, q, tails) {
  const G = q.groups.length;
  if (!G) return { partial: false, tailed: false, hits: [], cards: new Map() };
  const heads = await Promise.all(q.groups.map((t) => termPostings(ix, m, t, false)));
  // Groups of the query's rarest tier are required; the others are
  // common: they add score, from their heads only. Tiers: a term without a
  // tail, with one, in more than half the documents.
  const tier = (p) => (p.df * 2 > m.documents ? 2 : p.tailed ? 1 : 0);
  const lowest = Math.min(...heads.map(tier));
  const common = heads.map((p) => tier(p) > lowest);
  const lists = await Promise.all(q.groups.map((t, g) => (common[g] ? heads[g] : termPostings(ix, m, t, tails))));
  const exact = q.exact ? await termPostings(ix, m, q.exact, tails) : null;
  const tailed = lists.some((p, g) => !common[g] && p.tailed) || !!(exact && exact.tailed);
  const docs = new Map();
  for (const pass of [false, true]) {
    lists.forEach((p, g) => {
      if (common[g] !== pass) return;
      p.ids.forEach((id, i) => {
        let d = docs.get(id);
        if (!d) {
          if (pass) return;
          docs.set(id, (d = { id, n: 0, score: 0, at: new Array(G).fill(-1) }));
        }
        if (!pass) d.n++;
        d.score += p.idf * p.imp[i];
        d.at[g] = i;
      });
    });
  }
  let best = 0;
  for (const d of docs.values()) if (d.n > best) best = d.n;
  if (!best) return { partial: false, tailed, hits: [], cards: new Map() };
  const exactIds = new Set(exact ? exact.ids : []);
  const hits = [];
  for (const d of docs.values()) {
    if (d.n !== best) continue;
    for (const [a, b, off] of q.adjacent) {
      const ia = d.at[a];
      const ib = d.at[b];
      if (ia < 0 || ib < 0) continue;
      const pb = lists[b].pos[ib];
      if (lists[a].pos[ia].some((p) => pb.includes(p + off))) {
        d.score += Math.floor((lists[a].idf * lists[a].imp[ia] + lists[b].idf * lists[b].imp[ib]) / ix.rules.adjacentDivisor);
      }
    }
    if (exactIds.has(d.id)) d.score += ix.rules.exactBonus;
    hits.push({ id: d.id, n: d.n, score: d.score });
  }
  hits.sort((x, y) => y.n - x.n || y.score - x.score || x.id - y.id);
  // Cards of the query's terms describe results without fragment chunks
  // (the first group's card first: its text is cut around that group).
  const cards = new Map();
  for (const p of [...heads, exact || NO_POSTINGS]) for (const c of p.cards) if (!cards.has(c.i)) cards.set(c.i, c);
  return { partial: best < common.filter((c) => !c).length, tailed, hits, cards };
}

// ---- Filters and disjunctive facet counts ----

function countIn(sortedIds, r) {
  let n = 0;
  let j = 0;
  for (const id of sortedIds) {
    while (j < r.length && r[j + 1] <= id) j += 2;
    if (j >= r.length) break;
    if (r[j] <= id) n++;
  }
  return n;
}

/** The selected value of every facet: `{name: {value, test(id)}}`. */
async function selection(ix, m, filters) {
  const sel = {};
  for (const name of FACETS) {
    const want = filters && typeof filters[name] === 'string' ? filters[name] : '';
    if (!want) continue;
    const f = (m.facets || []).find((x) => x.name === name) || { name };
    let v = null;
    if (name === 'region') v = await findRegion(ix, want);
    else v = (f.values || []).find((x) => x.id === want) || null;
    if (!v) {
      // An unknown value matches nothing (as in the Rust engine).
      sel[name] = { value: null, test: () => false };
      continue;
    }
    // A region filter includes its descendants (the ones loaded so far;
    // a region's own runs are expected to cover them already).
    const sets = [ranges(ix, v)];
    if (f.name === 'region') {
      const stack = [...(ix.children.get(v.id) || [])];
      while (stack.length) {
        const c = stack.pop();
        sets.push(ranges(ix, c));
        stack.push(...(ix.children.get(c.id) || []));
      }
    }
    sel[f.name] = { value: v, test: (id) => sets.some((r) => inRanges(r, id)) };
  }
  return sel;
}

async function facetCounts(ix, m, hits, sel) {
  const out = [];
  for (const f of m.facets || []) {
    const others = Object.keys(sel).filter((k) => k !== f.name).map((k) => sel[k].test);
    const ids = hits.filter((h) => others.every((t) => t(h.id))).map((h) => h.id).sort((a, b) => a - b);
    const chosen = sel[f.name] ? sel[f.name].value : null;
    let values = f.values || [];
    if (f.name === 'region') {
      // The path to the chosen region, then its children; or the top two levels.
      values = [];
      if (chosen) {
        const path = [];
        for (let v = chosen; v; v = ix.regions.get(v.parent || '')) {
          if (path.includes(v)) break;
          path.unshift(v);
        }
        values.push(...path, ...(await regionChildren(ix, chosen)));
      } else {
        for (const top of ix.children.get('') || []) values.push(top, ...(ix.children.get(top.id) || []));
      }
    }
    out.push({
      name: f.name,
      label: String(f.label || f.name),
      values: values.map((v) => ({
        id: v.id,
        label: String(v.label || v.id),
        parent: v.parent || '',
        count: countIn(ids, ranges(ix, v)),
        selected: v === chosen,
      })),
    });
  }
  return out;
}

/** Only paths on this site: "/…" but not "//…" or "/\…". */
export function safePath(u) {
  return typeof u === 'string' && /^\/(?![/\\])[^\s\\<>"]*$/.test(u) ? u : null;
}

async function run(base, query, filters, all) {
  const ix = index(base);
  const m = await manifest(ix);
  const q = parseQuery(typeof query === 'string' ? query : '', ix.rules);
  const sel = await selection(ix, m, filters || {});
  const tests = Object.values(sel).map((s) => s.test);
  const pass = (h) => tests.every((t) => t(h.id));
  let r = await rank(ix, m, q, !!all);
  if (r.tailed && (r.partial || r.hits.filter(pass).length < ix.rules.enough)) r = await rank(ix, m, q, true);
  const kept = r.hits.filter(pass);
  const facets = q.groups.length ? await facetCounts(ix, m, r.hits, sel) : [];
  return { ix, m, q, partial: r.partial, complete: !r.tailed, hits: kept, all: r.hits.length, facets, cards: r.cards };
}

async function describe(r, from, to) {
  const slice = r.hits.slice(from, to);
  const missing = slice.filter((h) => !r.cards.has(h.id)).map((h) => h.id);
  const loaded = await fragments(r.ix, r.m, missing);
  const byId = new Map(missing.map((id, i) => [id, loaded[i]]));
  const frags = slice.map((h) => r.cards.get(h.id) || byId.get(h.id));
  return slice.map((h, i) => {
    const f = frags[i];
    return {
      id: h.id,
      url: safePath(f.u),
      title: String(f.t || ''),
      kind: String(f.k || ''),
      location: String(f.l || ''),
      text: String(f.x || ''),
      score: h.score,
    };
  });
}

/**
 * Search the index at `base` (the URL of the search/ folder). `filters`:
 * `{kind, type, region, audience, need, brand, issuer, year, topic,
 * validity}`, each a value id. Returns
 * `{total, partial, complete, results: [{id, url, title, kind, location,
 * score}], facets}`; `results` are `options.offset` … `offset + limit`
 * (default the first 10). `complete` is false when a page of results came
 * from the heads of frequent terms and their tails were not loaded;
 * `options.all` loads them.
 */
export async function search(base, query, filters, options) {
  const { offset = 0, limit = PAGE, all = false } = options || {};
  const r = await run(base, query, filters, all);
  const results = (await describe(r, offset, offset + limit)).map(({ text, ...rest }) => rest);
  return { total: r.hits.length, partial: r.partial, complete: r.complete, results, facets: r.facets };
}

// ---- Excerpts ----

/**
 * The excerpt of `text` for the query's groups: about 80 characters around
 * the first occurrence of any group, as `[[text, marked], …]`.
 */
export function excerpt(text, groups, table) {
  const cps = codePoints(String(text));
  const folded = cps.map((c) => fold(c, table));
  const needles = groups.map((g) => foldText(g.replace(/\*$/, ''), table)).filter((n) => n.length);
  const mark = new Uint8Array(cps.length);
  let first = -1;
  for (let i = 0; i < folded.length; i++) {
    for (const n of needles) {
      let j = 0;
      while (j < n.length && folded[i + j] === n[j]) j++;
      if (j === n.length) {
        if (first < 0) first = i;
        mark.fill(1, i, i + n.length);
      }
    }
  }
  let start = Math.max(0, Math.min(first - 24, cps.length - EXCERPT));
  if (first < 0) start = 0;
  const end = Math.min(cps.length, start + EXCERPT);
  const parts = [];
  if (start > 0) parts.push(['…', 0]);
  for (let i = start; i < end;) {
    let j = i;
    while (j < end && mark[j] === mark[i]) j++;
    parts.push([str(cps.slice(i, j)), mark[i]]);
    i = j;
  }
  if (end < cps.length) parts.push(['…', 0]);
  return parts;
}

// ---- The page ----

const el = (name, attrs, text) => {
  const e = document.createElement(name);
  for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
  if (text != null) e.textContent = text;
  return e;
};

/** The query and filters of a URL's search string (never throws). */
export function readState(search) {
  let p;
  try {
    p = new URLSearchParams(search);
  } catch {
    p = new URLSearchParams();
  }
  const state = { q: (p.get('q') || '').slice(0, 10000), filters: {} };
  for (const f of FACETS) {
    const v = p.get(f);
    if (v) state.filters[f] = v.slice(0, 200);
  }
  return state;
}

function stateURL(path, q, filters) {
  const p = new URLSearchParams();
  if (q) p.set('q', q);
  for (const f of FACETS) if (filters[f]) p.set(f, filters[f]);
  const s = p.toString();
  return path + (s ? '?' + s : '');
}

const short = (q) => {
  const c = Array.from(q.trim());
  return c.length > 30 ? c.slice(0, 30).join('') + '…' : c.join('');
};

let app = null;

/** Wire the search page: the form, the URL, the results, the filters. */
export function init(root) {
  root = root || document.querySelector('[data-index]');
  if (!root || app) return;
  const form = root.querySelector('form');
  const input = root.querySelector('input[name="q"]');
  const status = root.querySelector('[role="status"]');
  const list = root.querySelector('#search-results');
  const more = root.querySelector('[data-search-more]');
  const facetsBox = root.querySelector('[data-search-filters]');
  if (!form || !input || !status || !list) return;
  const base = root.getAttribute('data-index') || '/search/';
  const title = document.title;
  let seq = 0;
  let current = null;
  app = { root };

  const moreLabel = more ? more.textContent : '';
  const show = async (r, from, focusFirst, count = PAGE) => {
    const items = await describe(r, from, from + count);
    if (r !== current) return;
    let firstLink = null;
    for (const it of items) {
      const li = el('li', { class: 'search-result' });
      const h = el('h3', { class: 'search-result-title' });
      const a = it.url ? el('a', { href: it.url }, it.title || it.url) : el('span', null, it.title);
      if (it.url && !firstLink) firstLink = a;
      h.append(a);
      li.append(h);
      const meta = el('p', { class: 'search-result-meta' });
      const kind = r.m.kinds && typeof r.m.kinds[it.kind] === 'string' ? r.m.kinds[it.kind] : '';
      if (kind) meta.append(el('span', { class: 'search-result-kind' }, kind));
      if (it.location) meta.append(el('span', { class: 'search-result-location' }, it.location));
      if (meta.firstChild) li.append(meta);
      const parts = excerpt(it.text, r.q.groups, r.ix.rules.table);
      if (parts.length) {
        const p = el('p', { class: 'search-result-excerpt' });
        for (const [t, marked] of parts) p.append(marked ? el('mark', null, t) : document.createTextNode(t));
        li.append(p);
      }
      list.append(li);
    }
    const shown = list.children.length;
    if (more) {
      // At the end of what the heads gave: offer every match.
      const end = shown >= r.hits.length;
      more.hidden = end && r.complete;
      more.textContent = end ? '显示全部匹配结果' : moreLabel;
    }
    if (focusFirst && firstLink) firstLink.focus();
  };

  const renderFacets = (r, state) => {
    if (!facetsBox) return;
    facetsBox.replaceChildren();
    const path = location.pathname;
    facetsBox.append(el('h2', { class: 'search-filters-title' }, '筛选'));
    if (FACETS.some((f) => state.filters[f])) {
      const p = el('p', { class: 'search-clear' });
      p.append(el('a', { href: stateURL(path, state.q, {}), 'data-facet': '', 'data-value': '' }, '清除全部筛选'));
      facetsBox.append(p);
    }
    for (const f of r.facets) {
      const chosen = f.values.find((v) => v.selected);
      const visible = f.values.filter((v) => v.count > 0 || v.selected);
      if (!visible.length) continue;
      const sec = el('section', { class: 'search-facet search-facet-' + f.name, 'aria-labelledby': 'facet-' + f.name });
      sec.append(el('h3', { id: 'facet-' + f.name }, f.label));
      const ul = el('ul');
      const link = (label, value, count, current, depth) => {
        const filters = { ...state.filters, [f.name]: value };
        const a = el('a', { href: stateURL(path, state.q, filters), 'data-facet': f.name, 'data-value': value }, label);
        if (count != null) a.append(' ', el('span', { class: 'count' }, '(' + count + ')'));
        if (current) a.setAttribute('aria-current', 'true');
        const li = el('li', depth ? { class: 'depth-' + Math.min(depth, 3) } : null);
        li.append(a);
        ul.append(li);
      };
      link('全部', '', null, !chosen, 0);
      const depth = new Map();
      for (const v of visible) {
        const d = f.name === 'region' ? (depth.has(v.parent) ? depth.get(v.parent) + 1 : 0) : 0;
        depth.set(v.id, d);
        link(v.label, v.id, v.count, v.selected, d);
      }
      sec.append(ul);
      facetsBox.append(sec);
    }
    facetsBox.hidden = facetsBox.children.length < 2;
  };

  let rendered = null;
  // `all`: every posting, not only the heads of frequent terms; `keep`:
  // results already shown (the focus goes to the first one after them).
  const go = async (focus, all = false, keep = 0) => {
    const my = ++seq;
    current = null;
    rendered = location.search;
    const state = readState(location.search);
    input.value = state.q;
    list.replaceChildren();
    if (more) more.hidden = true;
    if (facetsBox) {
      facetsBox.replaceChildren();
      facetsBox.hidden = true;
    }
    root.setAttribute('data-state', 'busy');
    status.textContent = '';
    let message;
    try {
      const r = await run(base, state.q, state.filters, all);
      if (my !== seq) return;
      current = r;
      const n = r.hits.length;
      const q = short(state.q);
      if (!q) message = '请输入要搜索的内容。';
      else if (!r.q.groups.length) message = '请输入汉字、字母或数字进行搜索。';
      else if (!n && r.all) message = '“' + q + '”的 ' + r.all + ' 条结果都不符合所选的筛选条件。';
      else if (!n) message = '没有找到与“' + q + '”相关的结果。可以换个说法，或浏览下面的栏目。';
      else if (r.partial) message = '没有完全符合“' + q + '”的结果，以下是部分符合的 ' + n + ' 条结果。';
      else if (!r.complete) message = '找到 ' + n + ' 条最相关的结果。';
      else message = '找到 ' + n + ' 条结果。';
      document.title = q ? '搜索：' + q + ' - ' + title : title;
      renderFacets(r, state);
      await show(r, 0, false, keep + PAGE);
      if (my !== seq) return;
      if (keep) {
        const next = list.children[keep] && list.children[keep].querySelector('a');
        if (next) next.focus();
      }
      if (focus && facetsBox) {
        const again = facetsBox.querySelector('a[data-facet="' + CSS.escape(focus[0]) + '"][data-value="' + CSS.escape(focus[1]) + '"]');
        (again || input).focus();
      }
    } catch (e) {
      if (my !== seq) return;
      message = '搜索暂时不可用，请浏览下面的栏目。';
    }
    status.textContent = message;
    root.setAttribute('data-state', 'done');
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const state = readState(location.search);
    const url = stateURL(location.pathname, input.value.slice(0, 10000), state.filters);
    if (url === location.pathname + location.search) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    go();
  });
  if (facetsBox) {
    facetsBox.addEventListener('click', (e) => {
      const a = e.target.closest && e.target.closest('a[data-facet]');
      if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button) return;
      e.preventDefault();
      history.pushState(null, '', a.getAttribute('href'));
      go([a.getAttribute('data-facet'), a.getAttribute('data-value')]);
    });
  }
  if (more) {
    more.addEventListener('click', async () => {
      if (!current) return;
      const r = current;
      more.disabled = true;
      try {
        if (list.children.length >= r.hits.length && !r.complete) await go(null, true, list.children.length);
        else await show(r, list.children.length, true);
      } catch {
        status.textContent = '加载更多结果失败，请稍后再试。';
      }
      more.disabled = false;
    });
  }
  // Back and forward; not a jump to an anchor (the skip link) on the same search.
  window.addEventListener('popstate', () => {
    if (location.search !== rendered) go();
  });
  go();
}

if (typeof document !== 'undefined' && document.querySelector('[data-index]')) init();
