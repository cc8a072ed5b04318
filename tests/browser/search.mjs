// The search client in headless Chromium, against the Rust engine.
//
//   node tests/browser/search.mjs [SITE_DIR] [--root DIR] [--gongkai BIN]
//        [--relevance FILE] [--chromium BIN] [--base /sub/path/]
//
// SITE_DIR is a built site (`gongkai build --base-url http://x/portal/`);
// without it the site at --root is built into a temporary folder under
// the sub-path /portal/. The built site is served by a tiny static server
// under its base path (read from the search page's data-index, or --base),
// and for every query of tests/search/relevance.yaml:
//   - the module's exported search() (dynamic import in the page),
//   - the search page /search/?q=… (the links in <ol id="search-results">),
//   - `gongkai search --json --limit 10`
// must give the same top 3 URLs in order, and the same total and partial.
// Prints hit@1, hit@3 and MRR of the JavaScript results against `expect`.
// Then: filters against the Rust engine's --kind/--type/--region/…,
// hostile input (nothing injected, no error, no dialog, a message), paging
// with 更多结果, filter links and the back button, and the keyboard path.
// Writes nothing outside the system's temporary folder. Exit status 1 on
// any failure.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { builtSite, options, serve } from './serve.mjs';
import YAML from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = options(args);
const root = path.resolve(opt('--root', path.join(here, '..', '..')));
const gongkai = path.resolve(opt('--gongkai', path.join(here, '..', '..', 'target', 'release', 'gongkai')));
// The CLI's messages in English: the checks below read them (the site is a
// zh-CN site, which speaks Chinese by default).
process.env.GONGKAI_LANG = 'en';
const relevance = path.resolve(opt('--relevance', path.join(here, '..', 'search', 'relevance.yaml')));
const chromiumPath = opt('--chromium', process.env.CHROMIUM || '/usr/bin/chromium');
let basePath = opt('--base', null);
let site = args[0] ? path.resolve(args[0]) : null;

const failures = [];
const fail = (what) => {
  failures.push(what);
  console.log('FAIL ' + what);
};

// ---- The site ----

const built = builtSite({ gongkai, root, site, basePath, prefix: 'gongkai-browser-' });
site = built.site;
basePath = built.basePath;

// ---- A tiny static server under the base path ----

const { origin, close: closeServer } = await serve(site, basePath);
const searchPage = origin + basePath + 'search/';
const indexURL = basePath + 'search/';
const moduleURL = basePath + 'js/search.js';

// ---- The Rust engine ----

function rust(query, filters = {}, at = { root, site }, all = false) {
  const a = ['search', '--root', at.root, '--output', at.site, '--json', '--limit', '10'];
  for (const [k, v] of Object.entries(filters)) a.push('--' + k, v);
  if (all) a.push('--all');
  a.push('--', query);
  return JSON.parse(execFileSync(gongkai, a, { encoding: 'utf8', maxBuffer: 1 << 26 }));
}

// ---- The browser ----

const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
const context = await browser.newContext();
const page = await context.newPage();
const pageErrors = [];
const dialogs = [];
page.on('pageerror', (e) => pageErrors.push(String(e)));
page.on('dialog', (d) => {
  dialogs.push(d.message());
  d.dismiss().catch(() => {});
});

async function openSearch(query, raw) {
  const url = searchPage + (raw != null ? raw : query ? '?q=' + encodeURIComponent(query) : '');
  await page.goto(url);
  await page.waitForSelector('[data-index][data-state="done"]', { timeout: 10000 });
}
const pageLinks = () => page.$$eval('#search-results a', (as) => as.map((a) => a.getAttribute('href')));
const status = () => page.textContent('[role="status"]');

// A page of the site, for the module's search().
await page.goto(origin + basePath);
// `index`: the search/ folder of the site the page is on.
async function moduleSearch(query, filters = {}, options = {}, index = indexURL) {
  return page.evaluate(async ([mod, base, q, f, o]) => {
    const m = await import(mod);
    return m.search(base, q, f, o);
  }, [index.replace(/search\/$/, 'js/search.js'), index, query, filters, options]);
}

const top3 = (urls) => urls.slice(0, 3).join('  ');
// A result's URL as relevance.yaml writes it: without the base path, not percent-encoded.
const strip = (u) => {
  if (!u) return u;
  if (u.startsWith(basePath)) u = '/' + u.slice(basePath.length);
  try {
    return decodeURI(u);
  } catch {
    return u;
  }
};

// ---- 1. Relevance queries: JS module, search page and Rust agree ----

const cases = YAML.parse(fs.readFileSync(relevance, 'utf8')) || [];
let hit1 = 0;
let hit3 = 0;
let mrr = 0;
const misses = [];
let agree = 0;
for (const c of cases) {
  const query = String(c.query);
  const r = rust(query);
  const rustUrls = r.results.map((x) => x.url);
  const js = await moduleSearch(query);
  const jsUrls = js.results.map((x) => x.url);
  await openSearch(query);
  const shown = await pageLinks();
  let ok = true;
  if (top3(jsUrls) !== top3(rustUrls)) {
    ok = false;
    fail(`top 3 differ (module vs Rust) for ${JSON.stringify(query)}\n    JS:   ${top3(jsUrls) || '(none)'}\n    Rust: ${top3(rustUrls) || '(none)'}`);
  }
  if (top3(shown) !== top3(rustUrls)) {
    ok = false;
    fail(`top 3 differ (page vs Rust) for ${JSON.stringify(query)}\n    page: ${top3(shown) || '(none)'}\n    Rust: ${top3(rustUrls) || '(none)'}`);
  }
  if (js.total !== r.total || js.partial !== r.partial || js.complete !== r.complete) {
    ok = false;
    fail(`total/partial differ for ${JSON.stringify(query)}: JS ${js.total}/${js.partial}, Rust ${r.total}/${r.partial}`);
  }
  if (ok) agree++;
  const rank = jsUrls.slice(0, 10).map(strip).indexOf(strip(String(c.expect)));
  if (rank === 0) hit1++;
  if (rank >= 0 && rank < 3) hit3++;
  else misses.push(`${query} → expected ${c.expect} (rank ${rank < 0 ? '>10' : rank + 1}); JS top 3: ${top3(jsUrls.map(strip)) || '(none)'}`);
  if (rank >= 0) mrr += 1 / (rank + 1);
}
const n = cases.length || 1;
console.log(`\n${cases.length} relevance queries: ${agree} agree (module, page, Rust)`);
console.log(`JS against expect: hit@1 ${(hit1 / n).toFixed(3)} (${hit1})  hit@3 ${(hit3 / n).toFixed(3)} (${hit3})  MRR ${(mrr / n).toFixed(3)}`);
if (misses.length) console.log('not in the top 3:\n  ' + misses.join('\n  '));

// ---- 1b. Queries sampled from the index's own text: all of the first 10 ----
// (seeded, so a failure can be rerun): substrings of titles and excerpts,
// some with a second word, some in upper case with a trailing space.

const chunkDir = path.join(site, 'search', 'f');
const fragments = fs.readdirSync(chunkDir).sort().flatMap((f) => JSON.parse(fs.readFileSync(path.join(chunkDir, f), 'utf8')));
let seed = 20261126;
const random = (n) => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed % n;
};
const sampled = [];
while (fragments.length && sampled.length < 150) {
  const f = fragments[random(fragments.length)];
  const text = Array.from(String((random(3) ? f.x : f.t) || ''));
  if (!text.length) continue;
  const len = 1 + random(7);
  const at = random(Math.max(1, text.length - len));
  let q = text.slice(at, at + len).join('');
  if (random(5) === 0) q += ' ' + Array.from(String(fragments[random(fragments.length)].t || '')).slice(0, 2 + random(3)).join('');
  if (random(8) === 0) q = q.toUpperCase() + ' ';
  sampled.push(q);
}
let sampledAgree = 0;
for (const q of sampled) {
  const r = rust(q);
  const js = await moduleSearch(q);
  // Titles and locations too: the module takes them from cards or fragments, Rust from fragments.
  const a = js.results.map((x) => `${x.url} ${x.score} ${x.title} ${x.location}`).join('\n      ');
  const b = r.results.map((x) => `${x.url} ${x.score} ${x.title} ${x.location}`).join('\n      ');
  if (a !== b || js.total !== r.total || js.partial !== r.partial) {
    fail(`sampled query ${JSON.stringify(q)}: JS ${js.total}/${js.partial}, Rust ${r.total}/${r.partial}\n    JS:\n      ${a || '(none)'}\n    Rust:\n      ${b || '(none)'}`);
  } else sampledAgree++;
}
console.log(`\n${sampled.length} sampled queries: ${sampledAgree} agree with Rust on the first 10 (URLs and scores), total and partial`);

// ---- 2. Filters: the module against the Rust engine ----

const manifest = JSON.parse(fs.readFileSync(path.join(site, 'search', 'manifest.json'), 'utf8'));
const facetValues = (name) => ((manifest.facets || []).find((f) => f.name === name) || { values: [] }).values;
const filterCases = [];
for (const q of ['工会', '服务', '法律援助', '妇联', '活动', '文明']) {
  for (const name of ['kind', 'type', 'audience', 'need', 'brand']) {
    for (const v of facetValues(name).slice(0, 3)) filterCases.push([q, { [name]: v.id }]);
  }
  for (const v of facetValues('region').slice(0, 4)) filterCases.push([q, { region: v.id }]);
}
// A region below the manifest's two levels (from an r/ file), and two facets at once.
const rDir = path.join(site, 'search', 'r');
const deep = fs.existsSync(rDir) ? fs.readdirSync(rDir).sort() : [];
for (const f of deep.slice(0, 3)) {
  const values = JSON.parse(fs.readFileSync(path.join(rDir, f), 'utf8')).values || [];
  if (values[0]) filterCases.push(['工会', { region: values[0].id }], ['服务', { region: values[0].id }]);
}
for (const f of deep) {
  const leaf = (JSON.parse(fs.readFileSync(path.join(rDir, f), 'utf8')).values || []).find((v) => !v.more);
  if (leaf) {
    filterCases.push(['工会', { region: leaf.id }]);
    break;
  }
}
if (facetValues('type')[0]) filterCases.push(['服务', { kind: 'service', type: facetValues('type')[0].id }]);
// The policy library's facets, on queries that find policies and articles.
for (const q of ['群团', '示例', '办法']) {
  for (const name of ['issuer', 'year', 'topic', 'validity']) {
    for (const v of facetValues(name).slice(0, 3)) filterCases.push([q, { [name]: v.id }]);
  }
}
if (facetValues('topic')[0]) filterCases.push(['群团', { kind: 'article', topic: facetValues('topic')[0].id }]);
// Unknown values: the page's client matches nothing; the CLI refuses them
// as a usage error (exit 2) that names the accepted values.
for (const f of [{ kind: 'nosuchkind' }, { region: 'nosuchregion' }, { region: '../manifest' }]) {
  const js = await moduleSearch('工会', f);
  if (js.total !== 0) fail(`unknown filter ${JSON.stringify(f)}: the client found ${js.total}`);
  let status = 0;
  try {
    rust('工会', f);
  } catch (e) {
    status = e.status;
    if (!String(e.stderr).includes('use one of')) fail(`unknown filter ${JSON.stringify(f)}: ${e.stderr}`);
  }
  if (status !== 2) fail(`unknown filter ${JSON.stringify(f)}: the CLI exited ${status}, not 2`);
}
let filterAgree = 0;
for (const [q, f] of filterCases) {
  const r = rust(q, f);
  const js = await moduleSearch(q, f);
  const a = js.results.map((x) => x.url);
  const b = r.results.map((x) => x.url);
  if (top3(a) !== top3(b) || js.total !== r.total) {
    fail(`filter ${JSON.stringify(f)} on ${JSON.stringify(q)}: JS ${js.total} ${top3(a) || '(none)'}; Rust ${r.total} ${top3(b) || '(none)'}`);
  } else filterAgree++;
  // Disjunctive counts: a value's count is what choosing it gives.
  const name = Object.keys(f)[0];
  const facet = js.facets.find((x) => x.name === name);
  const chosen = facet && facet.values.find((v) => v.selected);
  if (js.total && (!chosen || chosen.count !== js.total)) fail(`facet count of ${JSON.stringify(f)} on ${JSON.stringify(q)}: ${chosen ? chosen.count : 'not shown'} ≠ total ${js.total}`);
}
console.log(`\n${filterCases.length} filtered searches: ${filterAgree} agree with Rust`);

// ---- 3. Hostile input ----

const hostile = [
  ['empty', ''],
  ['10 KB', '工会'.repeat(1200) + 'a'.repeat(7600)],
  ['punctuation', '！？。，、…——“”!?.,;:\'"'],
  ['emoji', '😀🎉👍🏽'],
  ['script', '<script>alert(1)</script>'],
  ['img', '"><img src=x onerror=alert(1)>'],
  ['regex', '.*+?()[]{}|\\^$'],
  ['regex and text', '工会.*(妇联|[a-z]+)$'],
];
const injected = () => page.evaluate(() => {
  const areas = document.querySelectorAll('#search-results, [role="status"], [data-search-filters]');
  let bad = 0;
  for (const a of areas) bad += a.querySelectorAll('script, img, iframe, svg, object, embed, style, link').length;
  return { bad, scripts: document.scripts.length, imgs: document.images.length };
});
await openSearch('');
const baseline = await injected();
async function checkHostile(label, run) {
  const e0 = pageErrors.length;
  const d0 = dialogs.length;
  await run();
  const inj = await injected();
  const msg = (await status()).trim();
  if (pageErrors.length > e0) fail(`${label}: page error ${pageErrors.slice(e0).join('; ')}`);
  if (dialogs.length > d0) fail(`${label}: a dialog opened`);
  if (inj.bad || inj.scripts !== baseline.scripts || inj.imgs !== baseline.imgs) fail(`${label}: elements injected ${JSON.stringify(inj)}`);
  if (!msg) fail(`${label}: no status message`);
  return msg;
}
for (const [label, q] of hostile) {
  const msg = await checkHostile(`URL ${label}`, () => openSearch(q));
  console.log(`  ${label}: ${msg.slice(0, 60)}`);
  await checkHostile(`form ${label}`, async () => {
    await page.fill('#search-input', q);
    await page.press('#search-input', 'Enter');
    await page.waitForSelector('[data-index][data-state="done"]');
  });
  try {
    await moduleSearch(q);
  } catch (e) {
    fail(`module search(${label}) threw ${e}`);
  }
}
for (const raw of ['?q=%E5%', '?q=%', '?q=%ZZ&kind=%E5', '?q=%3Cscript%3E&region=%3Cimg%20src%3Dx%3E', '?kind=org']) {
  const msg = await checkHostile(`raw ${raw}`, () => openSearch(null, raw));
  console.log(`  ${raw}: ${msg.slice(0, 60)}`);
}

// ---- 4. Paging, filter links, the back button ----

await openSearch('工会');
const total = (await moduleSearch('工会')).total;
let items = await page.$$eval('#search-results > li', (l) => l.length);
if (items !== Math.min(10, total)) fail(`工会: ${items} results shown first, expected ${Math.min(10, total)}`);
if (total > 10) {
  await page.click('[data-search-more]');
  await page.waitForFunction((n) => document.querySelectorAll('#search-results > li').length > n, items);
  const after = await page.$$eval('#search-results > li', (l) => l.length);
  if (after !== Math.min(20, total)) fail(`更多结果: ${after} results, expected ${Math.min(20, total)}`);
  const focused = await page.evaluate(() => {
    const links = [...document.querySelectorAll('#search-results a')];
    return links.indexOf(document.activeElement);
  });
  if (focused !== 10) fail(`更多结果: focus on result ${focused}, expected the first new one (10)`);
  const pages = await moduleSearch('工会', {});
  const second = await page.evaluate(async ([mod, base]) => (await import(mod)).search(base, '工会', {}, { offset: 10, limit: 10 }), [moduleURL, indexURL]);
  const shownSecond = (await pageLinks()).slice(10, 20);
  if (second.results.map((r) => r.url).join() !== shownSecond.join()) fail('更多结果: the second page differs from search(offset 10)');
  if (pages.results.length !== 10) fail('search(): not 10 results on the first page');
}
const kindLink = await page.$('[data-search-filters] a[data-facet="kind"][data-value="org"]');
if (!kindLink) fail('工会: no filter link for kind=org');
else {
  await kindLink.click();
  await page.waitForSelector('[data-index][data-state="done"]');
  if (!page.url().includes('kind=org')) fail(`filter link: URL ${page.url()} has no kind=org`);
  const want = rust('工会', { kind: 'org' });
  const got = await pageLinks();
  if (top3(got) !== top3(want.results.map((r) => r.url))) fail(`filter link kind=org: page ${top3(got)}; Rust ${top3(want.results.map((r) => r.url))}`);
  const current = await page.$eval('[data-search-filters] a[aria-current][data-facet="kind"]', (a) => a.getAttribute('data-value')).catch(() => null);
  if (current !== 'org') fail(`filter link: the chosen kind is marked ${current}`);
  await page.goBack();
  const expected = Math.min(10, total);
  const back = await page.waitForFunction((n) => !location.search.includes('kind=') &&
    document.querySelector('[data-index]').getAttribute('data-state') === 'done' &&
    document.querySelectorAll('#search-results > li').length === n, expected, { timeout: 5000 }).catch(() => null);
  if (!back) fail(`back button: not back to the ${expected} results of 工会 without the filter`);
}

// A library facet in the page: 群团工作 narrows 群团 to one policy and its
// articles, as the Rust engine does, and the link is marked as chosen.
await openSearch('群团');
const topicLink = await page.$('[data-search-filters] a[data-facet="topic"][data-value="群团工作"]');
if (!topicLink) fail('群团: no filter link for topic=群团工作');
else {
  await topicLink.click();
  await page.waitForSelector('[data-index][data-state="done"]');
  if (!decodeURIComponent(page.url()).includes('topic=群团工作')) fail(`topic filter link: URL ${page.url()}`);
  const want = rust('群团', { topic: '群团工作' });
  const got = await pageLinks();
  if (!got.length || top3(got) !== top3(want.results.map((r) => r.url))) fail(`filter link topic=群团工作: page ${top3(got)}; Rust ${top3(want.results.map((r) => r.url))}`);
  const current = await page.$eval('[data-search-filters] a[aria-current][data-facet="topic"]', (a) => a.getAttribute('data-value')).catch(() => null);
  if (current !== '群团工作') fail(`topic filter link: the chosen topic is marked ${current}`);
}

// ---- 5. The keyboard ----

async function tabTo(predicate, max) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(predicate)) return i + 1;
  }
  return 0;
}
await openSearch('');
await page.evaluate(() => document.activeElement && document.activeElement.blur());
const toInput = await tabTo(() => document.activeElement && document.activeElement.id === 'search-input', 60);
if (!toInput) fail('keyboard: Tab never reached the search input');
else {
  await page.keyboard.type('工会');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.search.includes('q='));
  await page.waitForSelector('[data-index][data-state="done"]');
  const toResult = await tabTo(() => document.activeElement === document.querySelector('#search-results a'), 10);
  if (!toResult) fail('keyboard: Tab never reached the first result');
  else {
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    if (outline === 'none') fail('keyboard: the focused result has no visible outline');
    console.log(`\nkeyboard: ${toInput} Tabs to the search input, Enter, ${toResult} Tabs to the first result`);
  }
}
// The skip link (a jump to #main-content) keeps the results as they are.
await openSearch('工会');
await page.evaluate(() => document.querySelector('#search-results > li').setAttribute('data-before', ''));
await page.evaluate(() => document.activeElement && document.activeElement.blur());
await page.keyboard.press('Tab');
await page.keyboard.press('Enter');
await page.waitForFunction(() => location.hash === '#main-content');
await page.waitForTimeout(200);
if (!(await page.$('#search-results > li[data-before]'))) fail('skip link: the results were rendered again');

// The header's box on another page submits to the search page (no JavaScript needed for that).
await page.goto(origin + basePath);
const toHeader = await tabTo(() => document.activeElement && document.activeElement.name === 'q', 60);
if (!toHeader) fail('keyboard: Tab never reached the header search box');
else {
  await page.keyboard.type('妇联');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await page.waitForSelector('[data-index][data-state="done"]');
  if (!page.url().startsWith(searchPage)) fail(`header box went to ${page.url()}`);
  if (!(await pageLinks()).length) fail('header box: no results for 妇联');
}

// ---- 6. Heads and tails: the same site with `search.head: 12` ----
// Nearly every term then has a tail, so the head pass, the full pass when
// the heads give fewer than 10 results, and 显示全部匹配结果 all run; the
// module and the Rust engine must still agree, pass for pass.

const headsRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-heads-'));
for (const name of ['gongkai.yaml', 'synonyms.yaml', 'content', 'themes', 'static']) {
  if (fs.existsSync(path.join(root, name))) fs.cpSync(path.join(root, name), path.join(headsRoot, name), { recursive: true });
}
fs.appendFileSync(path.join(headsRoot, 'gongkai.yaml'), '\nsearch:\n  head: 12\n');
const heads = builtSite({ gongkai, root: headsRoot, prefix: 'gongkai-heads-site-' });
const at = { root: headsRoot, site: heads.site };
if (!fs.readdirSync(path.join(heads.site, 'search')).includes('x')) fail('search.head 12: no tail files written');
// The second site is served beside the first, under another base path.
const headsServer = await serve(heads.site, heads.basePath);
const headsIndex = heads.basePath + 'search/';
await page.goto(headsServer.origin + heads.basePath);
const line = (r) => r.results.map((x) => `${x.url} ${x.score} ${x.title} ${x.location}`).join('\n      ') || '(none)';
const headQueries = [...cases.map((c) => String(c.query)), ...sampled];
const passes = { headOnly: 0, full: 0 };
for (const q of headQueries) {
  for (const all of [false, true]) {
    const r = rust(q, {}, at, all);
    const js = await moduleSearch(q, {}, { all }, headsIndex);
    if (line(js) !== line(r) || js.total !== r.total || js.partial !== r.partial || js.complete !== r.complete) {
      fail(`search.head 12, ${all ? 'every posting' : 'first pass'}, ${JSON.stringify(q)}: JS ${js.total}/${js.partial}/${js.complete}, Rust ${r.total}/${r.partial}/${r.complete}\n    JS:\n      ${line(js)}\n    Rust:\n      ${line(r)}`);
    }
    if (all && !js.complete) fail(`search.head 12: ${JSON.stringify(q)} with every posting is not complete`);
    if (!all) passes[js.complete ? 'full' : 'headOnly']++;
  }
}
console.log(`\nsearch.head 12: ${headQueries.length} queries agree with Rust, first pass and every posting; ${passes.headOnly} stood on the heads, ${passes.full} used every posting`);
if (passes.headOnly < 10 || passes.full < 10) fail(`search.head 12: both passes should run (${passes.headOnly} head passes, ${passes.full} full)`);
// Filters decide the pass too: kind=org on 服务 leaves fewer head results.
for (const [q, f] of [['服务', { kind: 'org' }], ['工会', { region: facetValues('region')[0]?.id || '' }], ['妇联', { kind: 'service' }]]) {
  const r = rust(q, f, at);
  const js = await moduleSearch(q, f, {}, headsIndex);
  if (line(js) !== line(r) || js.total !== r.total || js.complete !== r.complete) fail(`search.head 12, filter ${JSON.stringify(f)} on ${q}: JS ${js.total}/${js.complete}, Rust ${r.total}/${r.complete}`);
}
// The page: 最相关 in the status, then 显示全部匹配结果 at the end of the
// heads' results gives every match, as `gongkai search --all` does.
const incomplete = headQueries.find((q) => {
  const r = rust(q, {}, at);
  return !r.complete && r.total >= 10 && r.total < 20;
});
if (!incomplete) fail('search.head 12: no query whose heads give 10–19 results');
else {
  await page.goto(headsServer.origin + headsIndex + '?q=' + encodeURIComponent(incomplete));
  await page.waitForSelector('[data-index][data-state="done"]');
  const said = await status();
  if (!said.includes('最相关')) fail(`search.head 12, ${incomplete}: the status says ${JSON.stringify(said)}`);
  let clicks = 0;
  while ((await page.textContent('[data-search-more]')) !== '显示全部匹配结果' && clicks++ < 3) {
    const before = await page.$$eval('#search-results > li', (l) => l.length);
    await page.click('[data-search-more]');
    await page.waitForFunction((n) => document.querySelectorAll('#search-results > li').length > n, before);
  }
  const shown = await page.$$eval('#search-results > li', (l) => l.length);
  if (!(await page.isVisible('[data-search-more]'))) fail(`search.head 12, ${incomplete}: no 显示全部匹配结果 button`);
  else {
    await page.click('[data-search-more]');
    await page.waitForFunction(() => /^找到 \d+ 条结果/.test(document.querySelector('[role="status"]').textContent));
    const full = rust(incomplete, {}, at, true);
    const links = await pageLinks();
    if (top3(links) !== top3(full.results.map((x) => x.url))) fail(`显示全部匹配结果 on ${incomplete}: ${top3(links)}; Rust --all ${top3(full.results.map((x) => x.url))}`);
    if (links.length !== Math.min(full.total, shown + 10)) fail(`显示全部匹配结果 on ${incomplete}: ${links.length} results shown, expected ${Math.min(full.total, shown + 10)}`);
    const focused = await page.evaluate(() => [...document.querySelectorAll('#search-results a')].indexOf(document.activeElement));
    if (full.total > shown && focused !== shown) fail(`显示全部匹配结果: focus on result ${focused}, expected ${shown}`);
    console.log(`page, search.head 12: ${JSON.stringify(incomplete)} showed ${shown} results from the heads, then every match (${full.total})`);
  }
}
headsServer.close();
heads.cleanup();
fs.rmSync(headsRoot, { recursive: true, force: true });

// ---- 7. Without JavaScript: the page offers the browse pages ----

const noScript = await browser.newContext({ javaScriptEnabled: false });
const plain = await noScript.newPage();
await plain.goto(searchPage + '?q=' + encodeURIComponent('工会'));
const browse = await plain.$$eval('.search-browse a', (as) => as.map((a) => a.getAttribute('href')));
for (const p of ['find/', 'org-types/', 'regions/', 'services/', 'calendar/', 'policies/']) {
  if (!browse.includes(basePath + p)) fail(`without JavaScript: no link to ${basePath + p} on the search page`);
}
if (!(await plain.isVisible('.search-browse'))) fail('without JavaScript: the browse links are not visible');
if (!(await plain.isVisible('.search-noscript'))) fail('without JavaScript: no note that search needs JavaScript');
const action = await plain.$eval('form[role="search"] input[name="q"]', (i) => i.form.getAttribute('action'));
if (action !== basePath + 'search/') fail(`the search form submits to ${action}`);
await noScript.close();

if (pageErrors.length) fail('page errors: ' + pageErrors.join('; '));
await browser.close();
closeServer();
built.cleanup();
console.log(failures.length ? `\n${failures.length} failures` : '\nall browser checks passed');
process.exit(failures.length ? 1 : 0);
