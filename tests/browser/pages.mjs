// The default theme in headless Chromium: every kind of page, on a phone and
// on a desktop, with and without JavaScript, in 长辈模式 (elderly mode).
//
//   node tests/browser/pages.mjs [SITE_DIR] [--root DIR] [--gongkai BIN]
//        [--chromium BIN] [--screenshots DIR]
//
// SITE_DIR is a built site (`gongkai build --base-url http://x/portal/`);
// without it the site at --root (default: this repository, the example
// site) is built into a temporary folder under the sub-path /portal/ and
// served by a tiny static server. Checks:
//   - page weight: every HTML page of the site, with the stylesheets,
//     scripts, icon and images it links, at most 100 KB gzipped (the search index
//     is not counted); the theme's CSS and JavaScript together at most
//     30 KB gzipped;
//   - for a sample of every kind of page (home, section, page, policy,
//     article, interpretation, organization, service, activity, calendar,
//     资金公开 (the funds index and an organization's year),
//     region, 找组织 and a 找组织 answer, search with results, 404):
//     axe-core finds no WCAG 2.1 A/AA violation (at 375 px and 1280 px;
//     in elderly mode for some); no console error, no page error, no
//     request that leaves the site; no horizontal scrolling at 375 and
//     320 px;
//     the header's controls are tap-sized; screenshots at 375 and 1280 px
//     (target/screenshots/<width>/<kind>.png, elderly mode in
//     target/screenshots/375-elder/);
//   - search by keyboard alone, from the top of the home page;
//   - the elderly-mode switch: text at least 1.3× larger, stronger
//     contrast, applied before the body is parsed, remembered across pages
//     and page loads, switched off again;
//   - 朗读 (read aloud) on an article page, with the speech API observed:
//     by keyboard, it speaks the article's text (not the navigation) in
//     zh-CN, a sentence or so at a time; pause, resume and stop work; the
//     buttons are larger in elderly mode; no button where the browser
//     cannot speak;
//   - without JavaScript: the navigation is there, nothing is hidden that
//     the page shows with JavaScript (but search results), no switch and
//     no 朗读 button.
// Exit status 1 on any failure.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { builtSite, options, serve } from './serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.join(here, '..', '..');
const args = process.argv.slice(2);
const opt = options(args);
const root = path.resolve(opt('--root', repo));
const gongkai = path.resolve(opt('--gongkai', path.join(repo, 'target', 'release', 'gongkai')));
const chromiumPath = opt('--chromium', process.env.CHROMIUM || '/usr/bin/chromium');
const shots = path.resolve(opt('--screenshots', path.join(repo, 'target', 'screenshots')));
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let site = args[0] ? path.resolve(args[0]) : null;

const PAGE_LIMIT = 100 * 1024;
const THEME_LIMIT = 30 * 1024;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const WIDTHS = [375, 1280];

const failures = [];
const fail = (what) => {
  failures.push(what);
  console.log('FAIL ' + what);
};

// ---- The site ----

const built = builtSite({ gongkai, root, site, prefix: 'gongkai-pages-' });
site = built.site;
const basePath = built.basePath;

// ---- Page weight: every HTML file, with what it links ----

const gz = (buf) => zlib.gzipSync(buf, { level: 6 }).length;
const COMPRESSED = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.woff2', '.ico']);
const sizeCache = new Map();
function transferred(file) {
  if (!sizeCache.has(file)) {
    const buf = fs.readFileSync(file);
    sizeCache.set(file, COMPRESSED.has(path.extname(file)) ? buf.length : gz(buf));
  }
  return sizeCache.get(file);
}
function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
const files = walk(site);
// The theme's CSS and JavaScript: what the built site serves from css/ and js/.
const themeAssets = files.filter((f) => /^(css|js)\//.test(path.relative(site, f).split(path.sep).join('/')));
const themeTotal = themeAssets.reduce((n, f) => n + transferred(f), 0);
console.log(`theme CSS + JavaScript: ${kb(themeTotal)} gzipped (limit ${kb(THEME_LIMIT)})`);
for (const f of themeAssets.sort()) console.log(`  ${path.relative(site, f)}: ${kb(transferred(f))}`);
if (themeTotal > THEME_LIMIT) fail(`the theme's CSS and JavaScript are ${kb(themeTotal)} gzipped, over ${kb(THEME_LIMIT)}`);

const linked = (html) => {
  const refs = [];
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    if (/rel="(stylesheet|icon)"/.test(m[0])) refs.push((m[0].match(/href="([^"]*)"/) || [])[1]);
  }
  for (const m of html.matchAll(/<(?:script|img)\b[^>]*\bsrc="([^"]*)"/g)) refs.push(m[1]);
  return refs.filter(Boolean);
};
const fileOf = (url) => {
  let p = url.replace(/^https?:\/\/[^/]+/, '').split(/[?#]/)[0];
  if (!p.startsWith(basePath)) return null;
  try {
    p = decodeURIComponent(p.slice(basePath.length));
  } catch {
    return null;
  }
  const f = path.join(site, p);
  return fs.existsSync(f) && fs.statSync(f).isFile() ? f : null;
};
let heaviest = { page: '', bytes: 0, html: 0 };
let htmlPages = 0;
for (const f of files.filter((x) => x.endsWith('.html'))) {
  htmlPages++;
  const html = fs.readFileSync(f, 'utf8');
  let bytes = transferred(f);
  const seen = new Set();
  for (const ref of linked(html)) {
    const r = fileOf(ref);
    if (!r && !ref.startsWith('data:')) fail(`${path.relative(site, f)}: loads ${ref}, which is not a file of the site`);
    if (r && !seen.has(r)) {
      seen.add(r);
      bytes += transferred(r);
    }
  }
  const rel = path.relative(site, f);
  if (bytes > heaviest.bytes) heaviest = { page: rel, bytes, html: transferred(f) };
  if (bytes > PAGE_LIMIT) fail(`page weight: ${rel} is ${kb(bytes)} gzipped with its CSS, JavaScript and images, over ${kb(PAGE_LIMIT)}`);
}
console.log(`page weight: ${htmlPages} pages; the heaviest, ${heaviest.page}, is ${kb(heaviest.bytes)} gzipped (its HTML ${kb(heaviest.html)}; limit ${kb(PAGE_LIMIT)})`);

// ---- The pages to open: one of every kind ----

const firstDir = (dir, prefer) => {
  const d = path.join(site, dir);
  if (!fs.existsSync(d)) return null;
  const names = fs.readdirSync(d, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'page' && fs.existsSync(path.join(d, e.name, 'index.html')))
    .map((e) => e.name)
    .sort();
  const name = names.find((n) => prefer && prefer.test(n)) || names[0];
  return name ? dir + name + '/' : null;
};
const policy = firstDir('policies/', /^shaoxing-/);
const amended = firstDir('policies/', /^sample-measures$/);
const samples = [
  ['home', ''],
  ['section', 'organizations/'],
  ['page', 'about/'],
  ['policy', policy],
  ['article', policy && policy + 'art_6/'],
  ['policy-version', amended && amended + '2019-03-01/'],
  ['article-version', amended && amended + '2019-03-01/art_3/'],
  ['policy-compare', amended && amended + 'compare/2019-03-01..2023-06-01/'],
  ['policy-library', 'policies/library/'],
  ['policy-library-filter', 'policies/library/validity/in_force/'],
  ['interpretation', firstDir('interpretations/')],
  ['news', firstDir('news/')],
  ['organization', firstDir('organizations/', /^shaoxing-gonghui$/)],
  ['service', firstDir('services/', /^shaoxing-/)],
  ['activity', firstDir('activities/')],
  ['calendar', 'calendar/'],
  ['brand', firstDir('brands/', /^shaoxing-fulian-12338-chuangkou$/)],
  ['brand-kind', firstDir('brand-kinds/', /^jinguo-wenminggang$/)],
  ['brand-kinds', 'brand-kinds/'],
  ['region', firstDir('regions/', /^shaoxing$/)],
  ['funds-index', 'funds/'],
  // An organization's folder under funds/ holds only its years' pages.
  ['funds', (() => {
    const d = path.join(site, 'funds', 'shaoxing-hongshizihui');
    if (!fs.existsSync(d)) return null;
    const years = fs.readdirSync(d).filter((n) => /^\d{4}$/.test(n)).sort();
    return years.length ? `funds/shaoxing-hongshizihui/${years[years.length - 1]}/` : null;
  })()],
  ['find', 'find/'],
  ['find-answer', (() => {
    const need = firstDir('find/', /^法律援助$/);
    return need && firstDir(need, /^keqiao$/);
  })()],
  ['search', 'search/?q=' + encodeURIComponent('工会')],
  ['404', 'no-such-page/'],
].filter(([kind, p]) => {
  if (p == null) {
    fail(`no ${kind} page in the site`);
    return false;
  }
  if (kind !== '404' && !fs.existsSync(path.join(site, p.split('?')[0], 'index.html'))) {
    fail(`no ${kind} page at ${p}`);
    return false;
  }
  return true;
});
const ELDER_AXE = new Set(['home', 'policy', 'organization', 'search', 'find-answer']);

// ---- A tiny static server under the base path ----

const { origin, close: closeServer } = await serve(site, basePath);
const urlOf = (p) => origin + basePath + p;

// ---- The browser ----

const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });

/** A page that records console errors, page errors and requests leaving the site. */
async function open(context, label) {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    // The 404 page is served with status 404, which Chromium reports.
    if (label.startsWith('404') && /status of 404/.test(text)) return;
    fail(`${label}: console error: ${text}`);
  });
  page.on('pageerror', (e) => fail(`${label}: page error: ${e}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('about:')) fail(`${label}: a request leaves the site: ${u}`);
  });
  return page;
}
async function settle(page, p) {
  if (p.startsWith('search/')) await page.waitForSelector('[data-index][data-state="done"]', { timeout: 10000 });
}

let axeRuns = 0;
let axeViolations = 0;
async function axe(page, label) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 160), summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
  axeRuns++;
  axeViolations += result.length;
  for (const v of result) {
    fail(`${label}: axe ${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map((n) => `      ${n.target}\n        ${n.html}\n        ${(n.summary || '').replace(/\n/g, '\n        ')}`).join('\n'));
  }
  return result.length;
}

/** Language, landmarks, the skip link, breadcrumbs, one h1. */
async function structure(page, kind, label) {
  const s = await page.evaluate(() => {
    const skip = document.querySelector('a.skip-link');
    const target = skip && document.getElementById((skip.getAttribute('href') || '').slice(1));
    return {
      lang: document.documentElement.lang,
      skipFirst: skip && skip === document.querySelector('body a, body button, body input'),
      skipTarget: !!target && target.tagName === 'MAIN',
      mains: document.querySelectorAll('main').length,
      banner: document.querySelectorAll('body > header, [role="banner"]').length,
      footer: document.querySelectorAll('body > footer, [role="contentinfo"]').length,
      nav: !!document.querySelector('nav.site-nav[aria-label]'),
      crumbs: !!document.querySelector('nav.breadcrumbs [aria-current="page"]'),
      h1: document.querySelectorAll('h1').length,
      current: [...document.querySelectorAll('.site-nav a[aria-current]')].map((a) => a.textContent),
    };
  });
  const problems = [];
  if (s.lang !== 'zh-CN') problems.push(`lang="${s.lang}"`);
  if (!s.skipFirst || !s.skipTarget) problems.push('no skip link to <main> first');
  if (s.mains !== 1) problems.push(`${s.mains} <main>`);
  if (s.banner !== 1 || s.footer !== 1) problems.push(`${s.banner} banners, ${s.footer} content infos`);
  if (!s.nav) problems.push('no labelled main navigation');
  if (!s.crumbs && !['home', '404'].includes(kind)) problems.push('no breadcrumbs');
  if (s.h1 !== 1) problems.push(`${s.h1} h1`);
  if (s.current.length > 1) problems.push(`${s.current.length} navigation entries marked current`);
  if (['find', 'find-answer', 'calendar', 'organization', 'policy'].includes(kind) && s.current.length !== 1) problems.push('no navigation entry marked current');
  if (problems.length) fail(`${label}: ${problems.join('; ')}`);
}

/** What a reader on a phone runs into: sideways scrolling, small controls, a tall header. */
async function phoneChecks(page, label) {
  const r = await page.evaluate(() => {
    const doc = document.documentElement;
    const small = [];
    for (const el of document.querySelectorAll('.site-header a, .site-header button, .site-header input, .skip-link')) {
      const b = el.getBoundingClientRect();
      if (b.width === 0 || el.classList.contains('skip-link')) continue;
      if (b.height < 24 || b.width < 24) small.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('placeholder') || '').trim()}" ${Math.round(b.width)}×${Math.round(b.height)}`);
    }
    const wide = [];
    if (doc.scrollWidth > doc.clientWidth) {
      for (const el of document.body.querySelectorAll('*')) {
        const b = el.getBoundingClientRect();
        if (b.right > doc.clientWidth + 1 && b.width > 0 && getComputedStyle(el).position !== 'absolute') {
          wide.push(`${el.tagName.toLowerCase()}.${el.className} right=${Math.round(b.right)}`);
          if (wide.length > 4) break;
        }
      }
    }
    const header = document.querySelector('.site-header');
    return { scroll: doc.scrollWidth, client: doc.clientWidth, small, wide, header: header ? header.getBoundingClientRect().height : 0 };
  });
  if (r.scroll > r.client) fail(`${label}: scrolls sideways (${r.scroll} > ${r.client} px): ${r.wide.join(', ')}`);
  if (r.small.length) fail(`${label}: header controls smaller than 24×24 px: ${r.small.join('; ')}`);
  return r;
}

const rows = [];
const mainText = new Map();
for (const width of WIDTHS) {
  const context = await browser.newContext({ viewport: { width, height: width < 600 ? 812 : 900 } });
  fs.mkdirSync(path.join(shots, String(width)), { recursive: true });
  for (const [kind, p] of samples) {
    const label = `${kind} at ${width} px`;
    const page = await open(context, label);
    const response = await page.goto(urlOf(p));
    if (kind === '404' ? response.status() !== 404 : !response.ok()) fail(`${label}: status ${response.status()}`);
    await settle(page, p);
    const violations = await axe(page, label);
    if (width < 600) await structure(page, kind, label);
    const row = { kind, width, axe: violations };
    if (width < 600) Object.assign(row, await phoneChecks(page, label));
    // The text a reader gets, without the controls only JavaScript makes work.
    const text = await page.evaluate(() => {
      const main = document.querySelector('main') || document.body;
      const controls = [...main.querySelectorAll('.read-aloud')].map((c) => c.innerText.length);
      return main.innerText.length - controls.reduce((a, b) => a + b, 0);
    });
    mainText.set(kind, text);
    await page.screenshot({ path: path.join(shots, String(width), kind + '.png'), fullPage: true });
    if (width < 600) {
      await page.setViewportSize({ width: 320, height: 700 });
      await phoneChecks(page, `${kind} at 320 px`);
    }
    rows.push(row);
    await page.close();
  }
  await context.close();
}

// ---- 长辈模式 ----

const elder = await browser.newContext({ viewport: { width: 375, height: 812 } });
fs.mkdirSync(path.join(shots, '375-elder'), { recursive: true });
// Record whether the mode is on when <body> is first parsed (before any paint).
await elder.addInitScript(() => {
  new MutationObserver((records, observer) => {
    if (document.body) {
      window.__elderAtBody = document.documentElement.classList.contains('elder');
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
});
const measure = (page) => page.evaluate(() => {
  const p = document.querySelector('main p') || document.body;
  const s = getComputedStyle(p);
  const toggle = document.querySelector('[data-elder-toggle]');
  return {
    on: document.documentElement.classList.contains('elder'),
    atBody: window.__elderAtBody,
    body: parseFloat(getComputedStyle(document.body).fontSize),
    text: parseFloat(s.fontSize),
    color: s.color,
    pressed: toggle && toggle.getAttribute('aria-pressed'),
    visible: !!toggle && !toggle.hidden && toggle.getBoundingClientRect().width > 0,
    stored: localStorage.getItem('gongkai-elder'),
  };
});
const luminance = (rgb) => {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) || [0, 0, 0]).slice(0, 3).map((x) => {
    const c = Number(x) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
let elderFigures = '';
{
  const page = await open(elder, 'elderly mode');
  await page.goto(urlOf(''));
  const before = await measure(page);
  if (!before.visible) fail('elderly mode: the switch is not visible with JavaScript');
  if (before.on || before.pressed !== 'false') fail(`elderly mode: on before it was switched on (${JSON.stringify(before)})`);
  // By keyboard: the switch is a button in the header.
  await page.focus('[data-elder-toggle]');
  await page.keyboard.press('Enter');
  const after = await measure(page);
  const ratio = after.text / before.text;
  const bodyRatio = after.body / before.body;
  elderFigures = `text ${before.text} → ${after.text} px (${ratio.toFixed(2)}×), body ${before.body} → ${after.body} px`;
  if (!after.on || after.pressed !== 'true') fail(`elderly mode: not on after the switch (${JSON.stringify(after)})`);
  if (ratio < 1.3 || bodyRatio < 1.3) fail(`elderly mode: text only ${ratio.toFixed(2)}× (body ${bodyRatio.toFixed(2)}×), expected at least 1.3×`);
  if (luminance(after.color) > luminance(before.color)) fail(`elderly mode: text lighter (${before.color} → ${after.color})`);
  if (after.stored !== '1') fail('elderly mode: not stored');
  // Another page, by a link.
  await Promise.all([page.waitForNavigation(), page.click(`.site-nav a[href="${basePath}policies/"]`)]);
  const nav = await measure(page);
  if (!nav.on || nav.pressed !== 'true' || !nav.atBody) fail(`elderly mode: not kept after following a link (${JSON.stringify(nav)})`);
  await page.close();
  // A new page load, in a new tab of the same browser profile.
  for (const [kind, p] of samples) {
    const label = `${kind} in elderly mode`;
    const tab = await open(elder, label);
    await tab.goto(urlOf(p));
    await settle(tab, p);
    const m = await measure(tab);
    if (!m.on || !m.atBody) fail(`${label}: not on at load (on ${m.on}, before the body ${m.atBody})`);
    await phoneChecks(tab, label + ' at 375 px');
    if (ELDER_AXE.has(kind)) await axe(tab, label);
    await tab.screenshot({ path: path.join(shots, '375-elder', kind + '.png'), fullPage: true });
    // WCAG reflow: 320 CSS px without sideways scrolling.
    await tab.setViewportSize({ width: 320, height: 700 });
    await phoneChecks(tab, label + ' at 320 px');
    await tab.close();
  }
  // Switched off again, and remembered as off.
  const last = await open(elder, 'elderly mode off');
  await last.goto(urlOf('find/'));
  await last.click('[data-elder-toggle]');
  const off = await measure(last);
  if (off.on || off.pressed !== 'false' || off.stored !== null) fail(`elderly mode: still on after switching off (${JSON.stringify(off)})`);
  await last.reload();
  const reloaded = await measure(last);
  if (reloaded.on || reloaded.atBody) fail('elderly mode: on again after a reload');
  await last.close();
}
await elder.close();
console.log(`\nelderly mode: ${elderFigures}`);

// ---- Search by keyboard alone ----

let keyboardFigures = '';
{
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await open(context, 'keyboard');
  await page.goto(urlOf(''));
  const tabTo = async (predicate, max) => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(predicate)) return i + 1;
    }
    return 0;
  };
  // The first Tab reaches the skip link.
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => document.activeElement.className);
  if (first !== 'skip-link') fail(`keyboard: the first Tab reaches "${first}", not the skip link`);
  const focusStyle = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { outline: s.outlineStyle, left: document.activeElement.getBoundingClientRect().left };
  });
  if (focusStyle.outline === 'none' || focusStyle.left < 0) fail(`keyboard: the focused skip link is not visible (${JSON.stringify(focusStyle)})`);
  const toBox = await tabTo(() => document.activeElement && document.activeElement.id === 'header-search-input', 40);
  if (!toBox) fail('keyboard: Tab never reached the header search box');
  else {
    await page.keyboard.type('工会');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await page.waitForSelector('[data-index][data-state="done"]', { timeout: 10000 });
    const toResult = await tabTo(() => document.activeElement === document.querySelector('#search-results a'), 40);
    if (!toResult) fail('keyboard: Tab never reached the first result');
    else {
      const href = await page.evaluate(() => document.activeElement.href);
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      if (outline === 'none') fail('keyboard: the focused result has no visible outline');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      if (page.url() !== href) fail(`keyboard: Enter on the first result went to ${page.url()}, not ${href}`);
      keyboardFigures = `${toBox + 1} Tabs to the header search box, Enter, ${toResult} Tabs to the first result, Enter opens it`;
    }
  }
  await context.close();
}
console.log(`keyboard: ${keyboardFigures || 'failed'}`);

// ---- Print: the policy text with its article numbers, no navigation ----

let printFigures = '';
{
  const context = await browser.newContext({ viewport: { width: 800, height: 1100 } });
  for (const kind of ['policy', 'article']) {
    const p = (samples.find(([k]) => k === kind) || [])[1];
    if (!p) continue;
    const label = `${kind} printed`;
    const page = await open(context, label);
    await page.goto(urlOf(p));
    await page.emulateMedia({ media: 'print' });
    const r = await page.evaluate(() => {
      const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
      return {
        navigation: [...document.querySelectorAll('.site-header, .site-nav, .breadcrumbs, .site-footer, .toc, .elder-toggle, .skip-link')].filter(shown).map((e) => e.className),
        numbers: [...document.querySelectorAll('.article .num')].filter(shown).length,
        articles: document.querySelectorAll('.article').length,
        fontSize: getComputedStyle(document.body).fontSize,
      };
    });
    if (r.navigation.length) fail(`${label}: navigation printed: ${r.navigation.join(', ')}`);
    if (!r.articles || r.numbers < r.articles) fail(`${label}: ${r.numbers} article numbers printed for ${r.articles} articles`);
    printFigures += `${kind}: ${r.articles} articles, ${r.numbers} numbers printed; `;
    await page.close();
  }
  await context.close();
}
console.log(`print: ${printFigures || 'failed'}`);

// ---- 朗读 (read aloud): the article's text, in zh-CN, with pause and stop ----

let readFigures = '';
{
  const p = (samples.find(([k]) => k === 'article') || [])[1];
  // The speech API observed: utterances are recorded and end when the test
  // says so, so that pause and stop can be pressed while one is spoken.
  const observe = () => {
    const log = { spoken: [], calls: [], pending: [] };
    window.__speech = log;
    const fake = {
      speaking: false,
      paused: false,
      pending: false,
      getVoices: () => [],
      speak(u) {
        log.calls.push('speak');
        log.spoken.push({ text: u.text, lang: u.lang });
        log.pending.push(u);
      },
      pause() { log.calls.push('pause'); },
      resume() { log.calls.push('resume'); },
      cancel() { log.calls.push('cancel'); log.pending.length = 0; },
      addEventListener() {},
      removeEventListener() {},
    };
    Object.defineProperty(window, 'speechSynthesis', { value: fake, configurable: true });
    log.end = () => {
      const u = log.pending.shift();
      if (u && u.onend) u.onend(new Event('end'));
      return !!u;
    };
  };
  const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
  await context.addInitScript(observe);
  const page = await open(context, 'read aloud');
  await page.goto(urlOf(p));
  const state = () => page.evaluate(() => ({
    shown: !!document.querySelector('.read-aloud') && document.querySelector('.read-aloud').getBoundingClientRect().height > 0,
    status: document.querySelector('[data-read-status]').textContent,
    pause: document.querySelector('[data-read-pause]').textContent,
    focused: document.activeElement && [...document.activeElement.attributes].map((a) => a.name).find((n) => n.startsWith('data-read-')),
    calls: window.__speech.calls.join(' '),
    spoken: window.__speech.spoken,
  }));
  const s0 = await state();
  if (!s0.shown) fail('read aloud: no 朗读 button on an article page where the browser can speak');
  // By keyboard: Tab-reachable buttons, pressed with Enter and Space.
  await page.focus('[data-read-start]');
  await page.keyboard.press('Enter');
  const s1 = await state();
  if (s1.calls !== 'cancel speak' || s1.status !== '正在朗读') fail(`read aloud: 朗读 did not start speaking (${JSON.stringify(s1)})`);
  if (s1.spoken[0] && s1.spoken[0].lang !== 'zh-CN') fail(`read aloud: spoken in ${s1.spoken[0].lang}, not zh-CN`);
  if (s1.focused !== 'data-read-pause') fail(`read aloud: the focus went to ${s1.focused}, not to 暂停`);
  await page.keyboard.press(' ');
  const s2 = await state();
  if (!s2.calls.endsWith('pause') || s2.pause !== '继续' || s2.status !== '已暂停') fail(`read aloud: 暂停 did not pause (${JSON.stringify(s2)})`);
  await page.keyboard.press('Enter');
  const s3 = await state();
  if (!s3.calls.endsWith('resume') || s3.pause !== '暂停') fail(`read aloud: 继续 did not resume (${JSON.stringify(s3)})`);
  // Let every utterance end: the whole article is read, and nothing else.
  await page.evaluate(() => { while (window.__speech.end()); });
  const s4 = await state();
  const expected = await page.evaluate(() => {
    const copy = document.querySelector('.single-article > .policy-document').cloneNode(true);
    copy.querySelectorAll('.article-link, .visually-hidden').forEach((e) => e.remove());
    return copy.textContent;
  });
  const squash = (t) => t.replace(/\s+/g, '');
  const heard = s4.spoken.map((u) => u.text).join('');
  if (squash(heard) !== squash(expected)) fail(`read aloud: read «${heard.slice(0, 80)}…», not the article's text «${squash(expected).slice(0, 80)}…»`);
  if (s4.status !== '朗读完毕') fail(`read aloud: at the end the status is "${s4.status}"`);
  if (s4.spoken.some((u) => u.text.length > 200)) fail('read aloud: an utterance longer than 200 characters (Chromium cuts those off)');
  // Stop in the middle.
  await page.click('[data-read-start]');
  await page.click('[data-read-stop]');
  const s5 = await state();
  if (!s5.calls.endsWith('cancel') || s5.status !== '' || s5.focused !== 'data-read-start') fail(`read aloud: 停止 did not stop (${JSON.stringify(s5)})`);
  const after = s5.spoken.length;
  await page.evaluate(() => window.__speech.end());
  if ((await state()).spoken.length !== after) fail('read aloud: still speaking after 停止');
  readFigures = `${s4.spoken.length} utterances (longest ${Math.max(...s4.spoken.map((u) => u.text.length))} characters), ${squash(heard).length} characters read, pause, resume and stop observed`;
  await page.close();
  // In 长辈模式 the buttons are larger.
  const elderPage = await open(context, 'read aloud in elderly mode');
  await elderPage.addInitScript(() => localStorage.setItem('gongkai-elder', '1'));
  await elderPage.goto(urlOf(p));
  const height = await elderPage.evaluate(() => document.querySelector('[data-read-start]').getBoundingClientRect().height);
  if (height < 56) fail(`read aloud: the 朗读 button is ${height}px high in elderly mode, expected at least 56`);
  readFigures += `; ${Math.round(height)}px high in elderly mode`;
  await elderPage.close();
  await context.close();
  // A browser without speech synthesis shows no button.
  const mute = await browser.newContext({ viewport: { width: 375, height: 812 } });
  await mute.addInitScript(() => Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true }));
  const mutePage = await open(mute, 'read aloud without speech');
  await mutePage.goto(urlOf(p));
  if (await mutePage.evaluate(() => document.querySelector('.read-aloud').getBoundingClientRect().height > 0)) fail('read aloud: the button shows in a browser that cannot speak');
  await mute.close();
}
console.log(`read aloud: ${readFigures || 'failed'}`);

// ---- Without JavaScript ----

{
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 812 } });
  const navCount = (fs.readFileSync(path.join(site, 'index.html'), 'utf8').match(/<nav class="site-nav"[\s\S]*?<\/nav>/) || [''])[0].split('<li>').length - 1;
  for (const [kind, p] of samples) {
    const label = `${kind} without JavaScript`;
    const page = await open(context, label);
    await page.goto(urlOf(p));
    const r = await page.evaluate(() => ({
      nav: [...document.querySelectorAll('.site-nav a')].filter((a) => a.getBoundingClientRect().height > 0).length,
      toggle: [...document.querySelectorAll('[data-elder-toggle]')].some((b) => b.getBoundingClientRect().width > 0),
      readAloud: [...document.querySelectorAll('.read-aloud')].some((b) => b.getBoundingClientRect().width > 0),
      main: (document.querySelector('main') || document.body).innerText.length,
      search: !!document.querySelector('.site-header form[role="search"] input[name="q"]'),
    }));
    if (r.nav !== navCount || navCount === 0) fail(`${label}: ${r.nav} navigation links visible, expected ${navCount}`);
    if (r.toggle) fail(`${label}: the elderly-mode switch shows, but cannot work`);
    if (r.readAloud) fail(`${label}: the 朗读 button shows, but cannot work`);
    if (!r.search) fail(`${label}: no search box in the header`);
    const withJs = mainText.get(kind) || 0;
    if (kind !== 'search' && r.main < withJs * 0.95) fail(`${label}: main shows ${r.main} characters, ${withJs} with JavaScript`);
    await phoneChecks(page, label);
    await page.close();
  }
  await context.close();
}

await browser.close();
closeServer();
built.cleanup();

// ---- Summary ----

console.log('\npage                 width  axe  header  sideways');
for (const r of rows) {
  console.log(`${r.kind.padEnd(20)} ${String(r.width).padStart(5)}  ${String(r.axe).padStart(3)}  ${r.header ? String(Math.round(r.header)).padStart(4) + 'px' : '     -'}  ${r.scroll ? (r.scroll > r.client ? 'yes' : 'no') : '-'}`);
}
console.log(`\naxe-core (${AXE_TAGS.join(', ')}): ${axeRuns} runs, ${axeViolations} violations`);
console.log(`theme CSS + JavaScript ${kb(themeTotal)} gzipped; heaviest page ${heaviest.page} ${kb(heaviest.bytes)}`);
console.log(`screenshots: ${shots}/{${WIDTHS.join(',')},375-elder}/<kind>.png`);
console.log(failures.length ? `\n${failures.length} failures` : '\nall page checks passed');
process.exit(failures.length ? 1 : 0);
