// The hostile fixture site (tests/fixtures/hostile/) in headless Chromium:
// nothing injected runs on any page.
//
//   node tests/browser/hostile.mjs [--gongkai BIN] [--chromium BIN]
//
// Copies the fixture to a temporary folder, adds a page with 10,000 nested
// list, quote and <div> levels (tests/it/hostile.rs also adds a 50 MB page and
// reads every file with html5ever; a browser is not needed for that one),
// builds it, serves it on 127.0.0.1 and opens every HTML page, then the
// search page with queries that return the payloads as results. Every
// payload in the fixture calls alert(); before any page script runs, an
// init script replaces alert/confirm/prompt/print and eval-like entry
// points with recorders. Fails on: a dialog, a recorded call, a page error,
// an element with an on* attribute or a javascript: URL in the live DOM,
// a <script> that is neither the theme's own file nor JSON-LD, or a
// request to another origin. Exit status 1 on any failure.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { options, serve } from './serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = options(args);
const repo = path.join(here, '..', '..');
const gongkai = path.resolve(opt('--gongkai', path.join(repo, 'target', 'debug', 'gongkai')));
const chromiumPath = opt('--chromium', process.env.CHROMIUM || '/usr/bin/chromium');

const failures = [];
const fail = (what) => {
  failures.push(what);
  console.log('FAIL ' + what);
};

// ---- The site ----

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-hostile-'));
const root = path.join(tmp, 'site');
const site = path.join(tmp, 'public');
fs.cpSync(path.join(repo, 'tests', 'fixtures', 'hostile'), root, { recursive: true });
const deep = 10000;
fs.writeFileSync(
  path.join(root, 'content', 'news', 'nested.md'),
  '---\ntitle: 一万层嵌套\ndate: 2026-02-02\n---\n' +
    '- '.repeat(deep) + '列表底\n\n' +
    '>'.repeat(deep) + ' 引用底\n\n' +
    '<div>'.repeat(deep) + "<script>alert('deep')</script><img src=/x onerror=alert('deep img')>" + '</div>'.repeat(deep) + '\n',
);
execFileSync(gongkai, ['build', '--root', root, '--output', site], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, SOURCE_DATE_EPOCH: '1780272000' },
});

const pages = [];
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.html')) pages.push(p);
  }
})(site);

// ---- Served on 127.0.0.1 ----

const { origin, close: closeServer } = await serve(site);

// ---- The browser ----

const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
const context = await browser.newContext();
await context.addInitScript(() => {
  window.__ran = [];
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    const original = window[name];
    window[name] = function (...a) {
      window.__ran.push(name + '(' + a.map(String).join(',') + ')');
      return original && name === 'print' ? undefined : undefined;
    };
  }
});
const page = await context.newPage();
const events = [];
page.on('dialog', (d) => {
  events.push('dialog: ' + d.message());
  d.dismiss().catch(() => {});
});
page.on('pageerror', (e) => events.push('page error: ' + e.message));
page.on('request', (r) => {
  const u = r.url();
  if (!u.startsWith(origin) && !u.startsWith('data:')) events.push('request to another site: ' + u);
});

async function inspect(label) {
  const found = await page.evaluate(() => {
    const out = [...window.__ran];
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        const v = a.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
        if (a.name.toLowerCase().startsWith('on')) out.push(`<${el.localName} ${a.name}>`);
        if (/^(javascript|vbscript):/.test(v) || v.startsWith('data:text')) out.push(`<${el.localName} ${a.name}="${a.value}">`);
      }
    }
    for (const s of document.scripts) {
      const type = s.getAttribute('type') || '';
      const own = s.src && new URL(s.src).origin === location.origin && new URL(s.src).pathname.startsWith('/js/');
      if (type !== 'application/ld+json' && !own && /alert|onerror/.test(s.textContent)) out.push('script: ' + s.textContent.slice(0, 80));
      if (s.src && !own) out.push('script src: ' + s.src);
    }
    for (const tag of ['iframe', 'object', 'embed', 'frame', 'base']) {
      if (document.querySelector(tag)) out.push('<' + tag + '>');
    }
    return out;
  });
  for (const f of found.concat(events.splice(0))) fail(`${label}: ${f}`);
}

let opened = 0;
for (const file of pages) {
  const rel = path.relative(site, file).split(path.sep).map(encodeURIComponent).join('/');
  const url = origin + '/' + rel.replace(/index\.html$/, '');
  await page.goto(url, { waitUntil: 'load' });
  // Let anything scheduled (timers, lazy handlers, the search client) run.
  await page.waitForTimeout(50);
  await inspect('/' + rel);
  opened += 1;
}

// The search client renders indexed payloads as results.
let searches = 0;
for (const q of ['script', 'alert', '测试市总工会', 'onerror', '法律援助', 'svg']) {
  await page.goto(origin + '/search/?q=' + encodeURIComponent(q));
  await page.waitForSelector('[data-index][data-state="done"]', { timeout: 10000 });
  const results = await page.$$eval('#search-results a', (as) => as.length);
  if (q === '测试市总工会' && results === 0) fail('search for 测试市总工会 found nothing');
  await page.hover('#search-results a').catch(() => {});
  await inspect('search ' + q);
  searches += 1;
}

await browser.close();
closeServer();
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`hostile site in Chromium: ${opened} pages and ${searches} searches opened; ${failures.length} failures`);
process.exit(failures.length ? 1 : 0);
