// Search benchmark, the browser side (run by bench/search.sh; see
// bench/README.md, "Search").
//
//   node measure.mjs compare --site DIR --relevance FILE [--json OUT]
//       DIR is a built site with gongkai's index under search/ and Pagefind's
//       bundle under pagefind/. For every relevance query, in a fresh
//       browser context each: gongkai's module search() and Pagefind's
//       search() + data() of the first 3 results. Prints hit@1, hit@3, MRR,
//       bytes and requests of the first query, and the engines' code once.
//
//   node measure.mjs scale --site DIR --queries FILE --label NAME
//        [--build-log LOG] [--json OUT]
//       DIR is a built site (gongkai only). Prints the index's size on disk,
//       files, largest file, the build figures read from LOG (the output of
//       `GONGKAI_TIMINGS=1 /usr/bin/time -v gongkai build`), and bytes and
//       requests of a first query and of a second one in the same page, for
//       each query of FILE (one per line, # comments).
//
//   node measure.mjs summary OUT.json…
//       The summary table and a verdict per target.
//
// Bytes are counted by the static server below: the response body as it
// leaves the server (after gzip when the client accepts it and the type is
// text/html, text/css, application/json or text/javascript; Pagefind's
// .pf_* and .pagefind files are already gzip-compressed and go out as they
// are), without HTTP headers. That counts the requests of Pagefind's web
// worker too, which a page's DevTools session does not see. A blank page on
// the same origin is loaded first and not counted.
//
// Options: --chromium BIN (default $CHROMIUM or /usr/bin/chromium),
// --gzip-level N (default 6; nginx's default gzip_comp_level is 1).

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import YAML from 'yaml';

const argv = process.argv.slice(2);
const mode = argv.shift();
const opt = (name, fallback) => {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const v = argv[i + 1];
  argv.splice(i, 2);
  return v;
};
const chromiumPath = opt('--chromium', process.env.CHROMIUM || '/usr/bin/chromium');
const gzipLevel = Number(opt('--gzip-level', '6'));
const BLANK = '/__bench_blank__.html';
const SETTLE_MS = 100;

// ---- Small helpers ----

const kb = (n) => (n / 1000).toFixed(1); // kB: 1,000 bytes (so 150 kB = 150,000 bytes, 1 MB = 10^6)
const median = (xs) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const max = (xs) => (xs.length ? Math.max(...xs) : 0);
const pct = (xs, p) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const decode = (u) => {
  try {
    return decodeURI(u);
  } catch {
    return u;
  }
};

// ---- A static server that gzips like nginx with `gzip on` ----

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.xml': 'application/xml',
  '.ics': 'text/calendar; charset=utf-8', '.csv': 'text/csv; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2',
  '.pagefind': 'application/wasm', '.pf_meta': 'application/octet-stream', '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream', '.pf_filter': 'application/octet-stream',
};
const GZIP_TYPES = /^(text\/html|text\/css|text\/javascript|application\/json)\b/;

function serve(site) {
  let log = [];
  const gz = new Map();
  const server = http.createServer((req, res) => {
    let p;
    try {
      p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (p === BLANK) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end('<!doctype html><meta charset="utf-8"><title>bench</title><link rel="icon" href="data:,">');
      return;
    }
    let file = path.join(site, p);
    if (file !== site && !file.startsWith(site + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    } catch {
      log.push({ path: p, status: 404, bytes: 0, raw: 0 });
      res.writeHead(404).end();
      return;
    }
    let body;
    try {
      body = fs.readFileSync(file);
    } catch {
      log.push({ path: p, status: 404, bytes: 0, raw: 0 });
      res.writeHead(404).end();
      return;
    }
    const type = TYPES[path.extname(file)] || 'application/octet-stream';
    const headers = { 'content-type': type };
    let sent = body;
    if (GZIP_TYPES.test(type) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      sent = gz.get(file);
      if (!sent) {
        sent = zlib.gzipSync(body, { level: gzipLevel });
        gz.set(file, sent);
      }
      headers['content-encoding'] = 'gzip';
      headers.vary = 'Accept-Encoding';
    }
    headers['content-length'] = sent.length;
    log.push({ path: p, status: 200, bytes: sent.length, raw: body.length });
    res.writeHead(200, headers);
    res.end(sent);
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () =>
      ok({
        origin: 'http://127.0.0.1:' + server.address().port,
        reset: () => {
          log = [];
        },
        take: () => {
          const l = log;
          log = [];
          return l;
        },
        close: () => server.close(),
      }),
    ),
  );
}

const settle = () => new Promise((ok) => setTimeout(ok, SETTLE_MS));

// A request is the engine's code (loaded once, whatever the query) or index data.
const isCode = (p) => /\.m?js$/.test(p) || /\.pagefind$/.test(p);
function split(reqs) {
  const code = reqs.filter((r) => isCode(r.path));
  const data = reqs.filter((r) => !isCode(r.path));
  const sum = (l) => l.reduce((a, r) => a + r.bytes, 0);
  return {
    codeBytes: sum(code), codeRequests: code.length,
    dataBytes: sum(data), dataRequests: data.length,
    kinds: {
      shards: data.filter((r) => /\/search\/t\/|\.pf_index$/.test(r.path)).length,
      fragments: data.filter((r) => /\/search\/f\/|\.pf_fragment$/.test(r.path)).length,
      other: data.filter((r) => !/\/search\/[tf]\/|\.pf_index$|\.pf_fragment$/.test(r.path)).length,
    },
    missing: reqs.filter((r) => r.status !== 200).map((r) => r.path),
    paths: reqs.map((r) => `${r.path} ${r.bytes}`),
  };
}

// ---- The engines, each query in a fresh browser context ----

function gongkaiBase(site) {
  const page = fs.readFileSync(path.join(site, 'search', 'index.html'), 'utf8');
  const m = page.match(/data-index="([^"]*)search\/"/);
  const base = m ? m[1] : '/';
  return { index: base + 'search/', module: base + 'js/search.js', base };
}

// `queries`: the first query, and optionally a second one run after it in
// the same page (what it costs once the first query's files are loaded).
async function gongkai(browser, srv, where, queries, limit = 10) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(srv.origin + BLANK);
  srv.reset();
  const out = [];
  for (const q of queries) {
    const t0 = performance.now();
    const r = await page.evaluate(async ([mod, base, query, n]) => {
      const m = await import(mod);
      const res = await m.search(base, query, {}, { offset: 0, limit: n });
      return { total: res.total, urls: res.results.map((x) => x.url) };
    }, [where.module, where.index, q, limit]);
    const ms = performance.now() - t0;
    await settle();
    out.push({ query: q, total: r.total, urls: r.urls, ms, ...split(srv.take()) });
  }
  await ctx.close();
  return out;
}

async function pagefind(browser, srv, queries) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(srv.origin + BLANK);
  srv.reset();
  const out = [];
  for (const q of queries) {
    const t0 = performance.now();
    const r = await page.evaluate(async (query) => {
      const pf = await import('/pagefind/pagefind.js');
      const s = await pf.search(query);
      const data = await Promise.all(s.results.slice(0, 3).map((x) => x.data()));
      return { total: s.results.length, urls: data.map((d) => d.url) };
    }, q);
    const ms = performance.now() - t0;
    await settle();
    const measured = split(srv.take());
    // Results 4–10 for MRR only (not counted: the first screen shows 3).
    const more = await page.evaluate(async (query) => {
      const pf = await import('/pagefind/pagefind.js');
      const s = await pf.search(query);
      return Promise.all(s.results.slice(3, 10).map(async (x) => (await x.data()).url));
    }, q);
    await settle();
    srv.reset();
    out.push({ query: q, total: r.total, urls: r.urls.concat(more), ms, ...measured });
  }
  await ctx.close();
  return out;
}

// ---- compare: gongkai against Pagefind on the relevance set ----

// Rank (0-based) of the expected path among `urls`, or -1. For Pagefind,
// an article `/x/#art_N` counts as found at `/x/` (the policy page) or
// `/x/art_N/` (the article's own page): Pagefind indexes pages, not
// fragments.
function rankOf(urls, expect, pagesOnly) {
  const want = decode(expect);
  const ok = new Set([want]);
  const m = want.match(/^(.*\/)#(art_\d+)$/);
  if (m && pagesOnly) {
    ok.add(m[1]);
    ok.add(m[1] + m[2] + '/');
  }
  return urls.slice(0, 10).map((u) => decode(String(u || '')).replace(/index\.html$/, '')).findIndex((u) => ok.has(u));
}

function scores(rows, cases, pagesOnly) {
  let h1 = 0;
  let h3 = 0;
  let mrr = 0;
  rows.forEach((r, i) => {
    const k = rankOf(r.urls, String(cases[i].expect), pagesOnly);
    r.rank = k;
    if (k === 0) h1++;
    if (k >= 0 && k < 3) h3++;
    if (k >= 0) mrr += 1 / (k + 1);
  });
  const n = rows.length || 1;
  return { hit1: h1 / n, hit3: h3 / n, mrr: mrr / n, n: rows.length };
}

function costs(rows) {
  const first = rows.map((r) => r[0]);
  const second = rows.map((r) => r[1]).filter(Boolean);
  const again = rows.map((r) => r[2]).filter(Boolean);
  return {
    dataBytes: { median: median(first.map((r) => r.dataBytes)), p90: pct(first.map((r) => r.dataBytes), 90), max: max(first.map((r) => r.dataBytes)) },
    dataRequests: { median: median(first.map((r) => r.dataRequests)), max: max(first.map((r) => r.dataRequests)) },
    kinds: Object.fromEntries(['shards', 'fragments', 'other'].map((k) => [k, { median: median(first.map((r) => r.kinds[k])), max: max(first.map((r) => r.kinds[k])) }])),
    codeBytes: max(first.map((r) => r.codeBytes)),
    codeRequests: max(first.map((r) => r.codeRequests)),
    totalBytes: { median: median(first.map((r) => r.dataBytes + r.codeBytes)), max: max(first.map((r) => r.dataBytes + r.codeBytes)) },
    totalRequests: { median: median(first.map((r) => r.dataRequests + r.codeRequests)), max: max(first.map((r) => r.dataRequests + r.codeRequests)) },
    ms: { median: median(first.map((r) => r.ms)), max: max(first.map((r) => r.ms)) },
    second: second.length
      ? {
          dataBytes: { median: median(second.map((r) => r.dataBytes)), max: max(second.map((r) => r.dataBytes)) },
          dataRequests: { median: median(second.map((r) => r.dataRequests)), max: max(second.map((r) => r.dataRequests)) },
          codeRequests: max(second.map((r) => r.codeRequests)),
          otherRequests: max(second.map((r) => r.kinds.other)),
          ms: { median: median(second.map((r) => r.ms)) },
        }
      : null,
    again: again.length ? { bytes: max(again.map((r) => r.dataBytes + r.codeBytes)), requests: max(again.map((r) => r.dataRequests + r.codeRequests)) } : null,
    missing: [...new Set(rows.flat().flatMap((r) => r.missing))],
  };
}

function printFirst3(c) {
  console.log(`  gongkai with search(…, {limit: 3}) (3 results described, like Pagefind's first 3; one more fresh context per query):`);
  console.log(`    first query, index data: median ${kb(c.dataBytes.median)} kB, max ${kb(c.dataBytes.max)} kB; requests median ${c.dataRequests.median}, max ${c.dataRequests.max} (fragment files median ${c.kinds.fragments.median}, max ${c.kinds.fragments.max})`);
}

function printCosts(name, c) {
  console.log(`  ${name}:`);
  console.log(`    first query, index data: median ${kb(c.dataBytes.median)} kB, p90 ${kb(c.dataBytes.p90)} kB, max ${kb(c.dataBytes.max)} kB; requests median ${c.dataRequests.median}, max ${c.dataRequests.max}`);
  console.log(`    of which term shards / index chunks: median ${c.kinds.shards.median}, max ${c.kinds.shards.max}; fragment files: median ${c.kinds.fragments.median}, max ${c.kinds.fragments.max}; other (manifest, meta, filters, regions): median ${c.kinds.other.median}, max ${c.kinds.other.max}`);
  console.log(`    engine code (once): ${kb(c.codeBytes)} kB in ${c.codeRequests} requests`);
  console.log(`    first query with code: median ${kb(c.totalBytes.median)} kB, max ${kb(c.totalBytes.max)} kB; requests median ${c.totalRequests.median}, max ${c.totalRequests.max}`);
  if (c.second) {
    console.log(`    second query in the same page: index data median ${kb(c.second.dataBytes.median)} kB, max ${kb(c.second.dataBytes.max)} kB; requests median ${c.second.dataRequests.median}, max ${c.second.dataRequests.max}; code requests ${c.second.codeRequests}`);
  }
  if (c.again) console.log(`    the first query once more in the same page: at most ${kb(c.again.bytes)} kB in ${c.again.requests} requests`);
  console.log(`    time to results (local server, no network delay): first query median ${c.ms.median.toFixed(0)} ms, max ${c.ms.max.toFixed(0)} ms` +
    (c.second ? `; second query median ${c.second.ms.median.toFixed(0)} ms` : ''));
  if (c.missing.length) console.log(`    requests answered 404: ${c.missing.slice(0, 5).join(', ')}`);
}

async function compare() {
  const site = path.resolve(opt('--site'));
  const relevance = path.resolve(opt('--relevance'));
  const jsonOut = opt('--json', null);
  const cases = YAML.parse(fs.readFileSync(relevance, 'utf8')) || [];
  const where = gongkaiBase(site);
  if (where.base !== '/') throw new Error('compare: build the site at / (Pagefind is served from /pagefind/)');
  const srv = await serve(site);
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
  const gk = [];
  const gk3 = [];
  const pf = [];
  const t0 = performance.now();
  for (let i = 0; i < cases.length; i++) {
    const q = String(cases[i].query);
    const next = String(cases[(i + 1) % cases.length].query);
    gk.push(await gongkai(browser, srv, where, [q, next, q]));
    gk3.push(await gongkai(browser, srv, where, [q], 3));
    pf.push(await pagefind(browser, srv, [q, next, q]));
  }
  await browser.close();
  srv.close();
  const gs = scores(gk.map((r) => r[0]), cases, false);
  const ps = scores(pf.map((r) => r[0]), cases, true);
  const gc = costs(gk);
  const pc = costs(pf);
  console.log(`\n${cases.length} relevance queries, each in a fresh browser context (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  console.log(`  ${pad('engine', 10)} ${lpad('hit@1', 6)} ${lpad('hit@3', 6)} ${lpad('MRR', 6)}`);
  console.log(`  ${pad('gongkai', 10)} ${lpad(gs.hit1.toFixed(3), 6)} ${lpad(gs.hit3.toFixed(3), 6)} ${lpad(gs.mrr.toFixed(3), 6)}`);
  console.log(`  ${pad('Pagefind', 10)} ${lpad(ps.hit1.toFixed(3), 6)} ${lpad(ps.hit3.toFixed(3), 6)} ${lpad(ps.mrr.toFixed(3), 6)}`);
  console.log('  (MRR over the first 10 results; an article /x/#art_N counts for Pagefind at /x/ or /x/art_N/)');
  printCosts('gongkai (search(), 10 results described)', gc);
  const gc3 = costs(gk3);
  printFirst3(gc3);
  printCosts('Pagefind (search() + data() of the first 3)', pc);
  const both = gk.map((r, i) => [r[0], pf[i][0], cases[i]]);
  const gOnly = both.filter(([g, p]) => g.rank >= 0 && g.rank < 3 && !(p.rank >= 0 && p.rank < 3));
  const pOnly = both.filter(([g, p]) => p.rank >= 0 && p.rank < 3 && !(g.rank >= 0 && g.rank < 3));
  console.log(`  in the top 3 of gongkai only: ${gOnly.length}; of Pagefind only: ${pOnly.length}; of neither: ${both.filter(([g, p]) => !(g.rank >= 0 && g.rank < 3) && !(p.rank >= 0 && p.rank < 3)).length}`);
  for (const [, p, c] of pOnly.slice(0, 10)) console.log(`    Pagefind only: ${c.query} → ${c.expect}`);
  const example = gk[0][0];
  console.log(`  requests of the first query ${JSON.stringify(example.query)}: gongkai ${example.paths.join(', ')}`);
  console.log(`    Pagefind ${pf[0][0].paths.join(', ')}`);
  const sizeOf = (dir) => {
    let bytes = 0;
    let files = 0;
    const walk = (d) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else {
          bytes += fs.statSync(p).size;
          files++;
        }
      }
    };
    walk(dir);
    return { bytes, files };
  };
  const gDisk = sizeOf(path.join(site, 'search'));
  const pDisk = sizeOf(path.join(site, 'pagefind'));
  console.log(`  on disk: gongkai search/ ${kb(gDisk.bytes)} kB in ${gDisk.files} files; Pagefind pagefind/ ${kb(pDisk.bytes)} kB in ${pDisk.files} files (including its UI bundles)`);
  const result = { kind: 'compare', queries: cases.length, gongkai: { ...gs, ...gc, disk: gDisk, first3: gc3 }, pagefind: { ...ps, ...pc, disk: pDisk } };
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(result, null, 1));
}

// ---- scale: one large site ----

function parseBuildLog(file) {
  if (!file || !fs.existsSync(file)) return null;
  const text = fs.readFileSync(file, 'utf8');
  const stages = {};
  for (const m of text.matchAll(/^timing: (\S+)\s+([\d.]+) ms/gm)) stages[m[1]] = Number(m[2]);
  const wall = text.match(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/);
  const seconds = wall ? Number(wall[1] || 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : null;
  const rss = text.match(/Maximum resident set size \(kbytes\): (\d+)/);
  const report = (text.match(/^built .*$/m) || [''])[0];
  const peakBefore = (text.match(/^timing: tasks .*peak\s+(\d+) MiB/m) || [])[1];
  const peakAfter = (text.match(/^timing: search .*peak\s+(\d+) MiB/m) || [])[1];
  return {
    seconds, peakMiB: rss ? Number(rss[1]) / 1024 : null, stages, report,
    peakBeforeSearchMiB: peakBefore ? Number(peakBefore) : null, peakAfterSearchMiB: peakAfter ? Number(peakAfter) : null,
  };
}

function indexFiles(site) {
  const dir = path.join(site, 'search');
  const files = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.json')) files.push({ path: path.relative(site, p), size: fs.statSync(p).size });
    }
  };
  walk(dir);
  files.sort((a, b) => b.size - a.size);
  const bytes = files.reduce((a, f) => a + f.size, 0);
  return {
    bytes, files: files.length, largest: files[0] || null,
    over1MB: files.filter((f) => f.size > 1000000).length,
    over1MiB: files.filter((f) => f.size > 1048576).length,
    byDir: Object.fromEntries(['t', 'x', 'f', 'r'].map((d) => [d, files.filter((f) => f.path.startsWith(`search/${d}/`)).length])),
    manifest: (files.find((f) => f.path === 'search/manifest.json') || {}).size || 0,
  };
}

async function scale() {
  const site = path.resolve(opt('--site'));
  const label = opt('--label', path.basename(site));
  const queriesFile = opt('--queries');
  const buildLog = opt('--build-log', null);
  const jsonOut = opt('--json', null);
  const queries = fs.readFileSync(queriesFile, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const build = parseBuildLog(buildLog);
  const disk = indexFiles(site);
  console.log(`\n${label}`);
  if (build) {
    const s = build.stages.search;
    console.log(`  ${build.report}`);
    console.log(`  build: ${build.seconds.toFixed(2)} s wall, peak RSS ${build.peakMiB.toFixed(0)} MiB (peak before the search stage ${build.peakBeforeSearchMiB ?? '?'} MiB, after ${build.peakAfterSearchMiB ?? '?'} MiB)`);
    console.log(`  stages (ms): ${Object.entries(build.stages).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
    if (s != null) console.log(`  search stage: ${(s / 1000).toFixed(2)} s = ${((100 * s) / 1000 / build.seconds).toFixed(1)}% of the build; the build without it would take ${(build.seconds - s / 1000).toFixed(2)} s, so the index adds ${((100 * s) / 1000 / (build.seconds - s / 1000)).toFixed(1)}%`);
  }
  console.log(`  index on disk: ${(disk.bytes / 1e6).toFixed(1)} MB in ${disk.files} files (${disk.byDir.t} term shards, ${disk.byDir.x} tail pieces, ${disk.byDir.f} fragment chunks, ${disk.byDir.r} region files, manifest ${kb(disk.manifest)} kB); largest ${disk.largest ? `${disk.largest.path} ${disk.largest.size} bytes` : '-'}; files over 1 MB (10^6 bytes): ${disk.over1MB}, over 1 MiB: ${disk.over1MiB}`);
  const where = gongkaiBase(site);
  const srv = await serve(site);
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
  const rows = [];
  const rows3 = [];
  for (let i = 0; i < queries.length; i++) {
    rows.push(await gongkai(browser, srv, where, [queries[i], queries[(i + 1) % queries.length], queries[i]]));
    rows3.push(await gongkai(browser, srv, where, [queries[i]], 3));
  }
  await browser.close();
  srv.close();
  console.log(`  ${queries.length} queries, first query in a fresh browser context, then the next query in the same page (gzip level ${gzipLevel}):`);
  console.log(`    ${pad('query', 24)} ${lpad('total', 7)} ${lpad('1st kB', 7)} ${lpad('req', 4)} ${lpad('2nd kB', 7)} ${lpad('req', 4)} ${lpad('ms', 5)} ${lpad('3 res kB', 9)} ${lpad('req', 4)}`);
  rows.forEach(([a, b], i) => {
    const t = rows3[i][0];
    console.log(`    ${pad(a.query, 24 - [...a.query].filter((c) => c.charCodeAt(0) > 0x2e80).length)} ${lpad(a.total, 7)} ${lpad(kb(a.dataBytes), 7)} ${lpad(a.dataRequests, 4)} ${lpad(kb(b.dataBytes), 7)} ${lpad(b.dataRequests, 4)} ${lpad(a.ms.toFixed(0), 5)} ${lpad(kb(t.dataBytes), 9)} ${lpad(t.dataRequests, 4)}`);
  });
  console.log('    (1st: the query in a fresh context, 10 results described; 2nd: the next query in the same page; 3 res: the query in another fresh context with {limit: 3})');
  const c = costs(rows);
  printCosts('gongkai', c);
  const c3 = costs(rows3);
  printFirst3(c3);
  const worst = rows.map((r) => r[0]).reduce((a, b) => (b.dataRequests > a.dataRequests ? b : a));
  console.log(`    requests of the first query with the most (${JSON.stringify(worst.query)}): ${worst.paths.join(', ')}`);
  const result = { kind: 'scale', label, build, disk, queries: queries.length, ...c, first3: c3 };
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(result, null, 1));
}

// ---- summary ----

function summary() {
  const results = argv.filter((f) => fs.existsSync(f)).map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
  const verdict = (ok) => (ok ? 'met' : 'NOT MET');
  const cmp = results.find((r) => r.kind === 'compare');
  console.log('\n=== Summary ===');
  if (cmp) {
    console.log(`\nExample site, ${cmp.queries} relevance queries (first query, fresh context; kB gzip as served):`);
    console.log(`  ${pad('engine', 9)} ${lpad('hit@1', 6)} ${lpad('hit@3', 6)} ${lpad('MRR', 6)} ${lpad('data kB med', 12)} ${lpad('max', 7)} ${lpad('req med', 8)} ${lpad('max', 4)} ${lpad('code kB', 8)} ${lpad('code req', 9)} ${lpad('2nd kB med', 11)}`);
    for (const [name, r] of [['gongkai', cmp.gongkai], ['Pagefind', cmp.pagefind]]) {
      console.log(`  ${pad(name, 9)} ${lpad(r.hit1.toFixed(3), 6)} ${lpad(r.hit3.toFixed(3), 6)} ${lpad(r.mrr.toFixed(3), 6)} ${lpad(kb(r.dataBytes.median), 12)} ${lpad(kb(r.dataBytes.max), 7)} ${lpad(r.dataRequests.median, 8)} ${lpad(r.dataRequests.max, 4)} ${lpad(kb(r.codeBytes), 8)} ${lpad(r.codeRequests, 9)} ${lpad(r.second ? kb(r.second.dataBytes.median) : '-', 11)}`);
    }
    const g3 = cmp.gongkai.first3;
    if (g3) console.log(`  ${pad('gongkai, {limit: 3}', 30)} ${lpad(kb(g3.dataBytes.median), 12)} ${lpad(kb(g3.dataBytes.max), 7)} ${lpad(g3.dataRequests.median, 8)} ${lpad(g3.dataRequests.max, 4)}`);
    console.log('  (gongkai describes 10 results, as its search page shows; Pagefind the first 3, as its UI first shows)');
  }
  const scales = results.filter((r) => r.kind === 'scale');
  if (scales.length) {
    console.log('\nScale (gongkai; first query = index data, gzip as served; +code = with js/search.js):');
    console.log(`  ${pad('corpus', 22)} ${lpad('build s', 8)} ${lpad('search s', 9)} ${lpad('adds', 6)} ${lpad('peak MiB', 9)} ${lpad('index MB', 10)} ${lpad('files', 7)} ${lpad('largest kB', 11)} ${lpad('1st kB med', 11)} ${lpad('max', 7)} ${lpad('req max', 8)} ${lpad('+code max', 10)} ${lpad('2nd kB med', 11)}`);
    for (const r of scales) {
      const b = r.build || {};
      const s = b.stages && b.stages.search != null ? b.stages.search / 1000 : null;
      const adds = s != null && b.seconds ? (100 * s) / (b.seconds - s) : null;
      console.log(`  ${pad(r.label, 22)} ${lpad(b.seconds != null ? b.seconds.toFixed(1) : '-', 8)} ${lpad(s != null ? s.toFixed(1) : '-', 9)} ${lpad(adds != null ? adds.toFixed(0) + '%' : '-', 6)} ${lpad(b.peakMiB != null ? b.peakMiB.toFixed(0) : '-', 9)} ${lpad((r.disk.bytes / 1e6).toFixed(1), 10)} ${lpad(r.disk.files, 7)} ${lpad(r.disk.largest ? kb(r.disk.largest.size) : '-', 11)} ${lpad(kb(r.dataBytes.median), 11)} ${lpad(kb(r.dataBytes.max), 7)} ${lpad(r.dataRequests.max, 8)} ${lpad(kb(r.totalBytes.max) + '/' + r.totalRequests.max, 10)} ${lpad(r.second ? kb(r.second.dataBytes.median) : '-', 11)}`);
    }
    console.log('\nTargets:');
    for (const r of scales) {
      const b = r.build || {};
      const s = b.stages && b.stages.search != null ? b.stages.search / 1000 : null;
      if (s != null && b.seconds) {
        const adds = (100 * s) / (b.seconds - s);
        console.log(`  ${pad(r.label, 22)} index adds at most 20% to the build: ${adds.toFixed(0)}% (${s.toFixed(1)} s of ${b.seconds.toFixed(1)} s) — ${verdict(adds <= 20)}`);
      }
      console.log(`  ${pad(r.label, 22)} no index file over 1 MB: largest ${r.disk.largest ? r.disk.largest.size : 0} bytes, ${r.disk.over1MB} over 10^6 bytes (${r.disk.over1MiB} over 1 MiB) — ${verdict(r.disk.over1MB === 0)}`);
      const okData = r.dataBytes.max <= 150000 && r.dataRequests.max <= 6;
      console.log(`  ${pad(r.label, 22)} first query ≤ 150 kB in ≤ 6 requests (index data, worst of ${r.queries}): ${kb(r.dataBytes.max)} kB, ${r.dataRequests.max} requests — ${verdict(okData)}`);
      const okAll = r.totalBytes.max <= 150000 && r.totalRequests.max <= 6;
      console.log(`  ${pad(r.label, 22)}   the same with js/search.js counted: ${kb(r.totalBytes.max)} kB, ${r.totalRequests.max} requests — ${verdict(okAll)}`);
      if (r.first3) {
        const ok3 = r.first3.dataBytes.max <= 150000 && r.first3.dataRequests.max <= 6;
        console.log(`  ${pad(r.label, 22)}   (not the target, for comparison: with {limit: 3}: ${kb(r.first3.dataBytes.max)} kB, ${r.first3.dataRequests.max} requests — would be ${verdict(ok3)})`);
      }
      if (r.second) {
        const reused = r.second.codeRequests === 0 && r.second.otherRequests === 0 && (!r.again || r.again.requests === 0);
        console.log(`  ${pad(r.label, 22)} a second query reuses what is loaded (no new search.js or manifest request: ${r.second.codeRequests + r.second.otherRequests} such requests; the same query again: ${r.again ? `${kb(r.again.bytes)} kB in ${r.again.requests} requests` : '-'}) — ${reused ? 'yes' : 'NO'}; a different second query still costs median ${kb(r.second.dataBytes.median)} kB, max ${kb(r.second.dataBytes.max)} kB in at most ${r.second.dataRequests.max} requests`);
      }
    }
  }
}

if (mode === 'compare') await compare();
else if (mode === 'scale') await scale();
else if (mode === 'summary') summary();
else {
  console.error('usage: node measure.mjs compare|scale|summary … (see the top of this file)');
  process.exit(2);
}
