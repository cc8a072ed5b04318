// Validity and hosting of a built site.
//
//   node tests/validate/validate.mjs [--root DIR] [--gongkai BIN]
//        [--nginx BIN] [--java BIN] [--keep]
//
// Builds the site at --root (default: the repository, the example site)
// twice into a temporary folder: for the root of a host
// (--base-url http://127.0.0.1:P1/) and for a sub-path
// (--base-url http://127.0.0.1:P2/portal/). Then, with no network:
//
//  1. HTML: every page (and inline CSS and SVG) of both builds through the
//     Nu HTML Checker (npm vnu-jar, java -jar), and every SVG file (the
//     organizations' QR codes); zero errors. The theme's CSS files are
//     checked too and their messages printed, but they do not fail the run:
//     the checker's CSS profile lags what browsers accept.
//  2. sitemap.xml against the sitemaps.org XSD (schema/sitemap.xsd, vendored)
//     with xmllint; every <loc> under the base URL and a file of the build.
//  3. atom.xml: well-formed (fast-xml-parser's validator) and the elements
//     RFC 4287 requires; calendar.ics and every organization's calendar.ics
//     parsed by ical.js (Mozilla's, as in Thunderbird) plus what RFC 5545
//     requires that a lenient parser does not check (CRLF, 75-octet lines,
//     VERSION, PRODID, UID, DTSTAMP, DTSTART, TZID with a VTIMEZONE).
//     A parser independent of the Rust writer (which formats the calendars
//     by hand) is the point: it shares none of its assumptions.
//  4. JSON-LD: every <script type="application/ld+json"> parses, has a
//     schema.org @context, no null values, the properties a table below
//     requires for its @type (Google's required properties where Google has
//     them), dates in ISO 8601, internal URLs that are files of the build,
//     a top-level url equal to the page's own address, and @id references
//     that some page declares.
//  5. Hosting: Debian's nginx, unprivileged, on 127.0.0.1, configured from
//     the blocks of docs/hosting.md (only the port and the folder changed),
//     one server per mount so that a link escaping the sub-path is a miss.
//     A crawler follows every link (a/area/link href, script/img/source/
//     iframe src, srcset, GET form action) from the home page, then fetches
//     every sitemap URL and every other file of the build: zero broken
//     links and fragments, the Content-Type each extension needs, gzip for
//     text, redirects to the slash form, and the site's 404 page with status
//     404 for misses.
//
// Exit status 1 on any failure. nginx is stopped however the run ends; the
// temporary folder is removed unless --keep.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Parser } from 'htmlparser2';
import ICAL from 'ical.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.join(here, '..', '..');
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return false;
  args.splice(i, 1);
  return true;
};
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const root = path.resolve(opt('--root', repo));
const gongkai = path.resolve(opt('--gongkai', path.join(repo, 'target', 'release', 'gongkai')));
const nginxBin = opt('--nginx', fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx');
const javaBin = opt('--java', 'java');
const keep = flag('--keep');
if (args.length) {
  console.error('unknown arguments: ' + args.join(' '));
  process.exit(2);
}

const started = Date.now();
const failures = [];
const MAX_SHOWN = 15;
const shown = new Map();
const fail = (section, what) => {
  failures.push(`${section}: ${what}`);
  const n = (shown.get(section) || 0) + 1;
  shown.set(section, n);
  if (n <= MAX_SHOWN) console.log(`FAIL [${section}] ${what}`);
  else if (n === MAX_SHOWN + 1) console.log(`FAIL [${section}] … (more below the first ${MAX_SHOWN} not shown)`);
};
const figure = (line) => console.log('   ' + line);
const seconds = (t0) => ((Date.now() - t0) / 1000).toFixed(1) + ' s';

// ---- Clean-up, however the run ends ----

let tmp = null;
let nginx = null;
const children = new Set();
function cleanup() {
  for (const c of children) {
    try {
      c.kill('SIGKILL');
    } catch {}
  }
  if (nginx && nginx.exitCode === null && nginx.signalCode === null) {
    try {
      process.kill(nginx.pid, 'SIGTERM');
    } catch {}
  }
  if (tmp && !keep) fs.rmSync(tmp, { recursive: true, force: true });
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    console.log(`\n${sig}: stopping`);
    process.exit(1);
  });
}
process.on('uncaughtException', (e) => {
  console.log('FAIL uncaught: ' + (e && e.stack ? e.stack : e));
  process.exit(1);
});
process.on('unhandledRejection', (e) => {
  console.log('FAIL unhandled: ' + (e && e.stack ? e.stack : e));
  process.exit(1);
});

// ---- Files ----

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

// The file a URL path (already decoded, relative to the mount) names.
function fileOf(site, rel) {
  let p = path.join(site, rel);
  if (!p.startsWith(site)) return null;
  if (rel === '' || rel.endsWith('/')) p = path.join(p, 'index.html');
  return fs.existsSync(p) && fs.statSync(p).isFile() ? p : null;
}

// Decoded path of an absolute URL below a base URL, or null outside it.
function below(base, url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const b = new URL(base);
  if (u.origin !== b.origin || !u.pathname.startsWith(b.pathname)) return null;
  try {
    return decodeURIComponent(u.pathname.slice(b.pathname.length));
  } catch {
    return null;
  }
}

// ---- Ports and builds ----

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-validate-'));
// As root, nginx's workers run as nobody: the folder must be readable.
fs.chmodSync(tmp, 0o755);
const ports = [await freePort(), await freePort()];
while (ports[1] === ports[0]) ports[1] = await freePort();
const mounts = [
  { name: '/', port: ports[0], prefix: '/', site: path.join(tmp, 'root') },
  { name: '/portal/', port: ports[1], prefix: '/portal/', site: path.join(tmp, 'portal') },
];
for (const m of mounts) {
  m.base = `http://127.0.0.1:${m.port}${m.prefix}`;
  m.origin = `http://127.0.0.1:${m.port}`;
}

console.log(`== building ${root} twice with ${path.relative(process.cwd(), gongkai) || gongkai}`);
for (const m of mounts) {
  const t0 = Date.now();
  execFileSync(gongkai, ['build', '--root', root, '--output', m.site, '--base-url', m.base], { stdio: ['ignore', 'inherit', 'inherit'] });
  m.files = walk(m.site).sort();
  m.html = m.files.filter((f) => f.endsWith('.html'));
  figure(`${m.base}: ${m.files.length} files, ${m.html.length} HTML (${seconds(t0)})`);
}

// ---- 1. Nu HTML Checker ----

const vnuJar = path.join(here, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
// One checker run over folders, keeping the files of one kind (html, svg,
// css: by extension). Style attributes and inline SVG are checked as part of
// HTML. (--also-check-svg would add the SVG files to an HTML run, ten times
// slower than a run of their own.)
function vnu(mode, dirs) {
  return new Promise((resolve, reject) => {
    const child = spawn(javaBin, ['-Xss8m', '-jar', vnuJar, '--format', 'json', '--stdout', `--skip-non-${mode}`, ...dirs], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => {
      children.delete(child);
      try {
        resolve(JSON.parse(stdout).messages);
      } catch {
        reject(new Error(`vnu (${mode}) printed no JSON (status ${status}): ${stderr.slice(0, 2000)}`));
      }
    });
  });
}
function vnuSummary(section, messages, gating) {
  const errors = messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
  const warnings = messages.filter((m) => m.type === 'info' && m.subType === 'warning');
  const byMessage = new Map();
  for (const m of errors) {
    const k = m.message;
    if (!byMessage.has(k)) byMessage.set(k, []);
    byMessage.get(k).push(m);
  }
  for (const [msg, list] of [...byMessage].sort((a, b) => b[1].length - a[1].length)) {
    const first = list[0];
    const where = `${(first.url || '').replace(/^file:/, '').replace(tmp + '/', '')}:${first.lastLine ?? '?'}`;
    const line = `${list.length}× ${msg} (first: ${where}${first.extract ? ' «' + first.extract.replace(/\s+/g, ' ').trim() + '»' : ''})`;
    if (gating) fail(section, line);
    else console.log(`NOTE [${section}] ${line}`);
  }
  return { errors: errors.length, warnings: warnings.length };
}
{
  console.log('== 1. Nu HTML Checker (vnu-jar)');
  const t0 = Date.now();
  const sites = mounts.map((m) => m.site);
  // The CSS is the same in both builds.
  const [htmlMessages, svgMessages, cssMessages] = await Promise.all([vnu('html', sites), vnu('svg', sites), vnu('css', [mounts[0].site])]);
  const html = vnuSummary('vnu html', htmlMessages, true);
  const svgFiles = mounts.reduce((n, m) => n + m.files.filter((f) => f.endsWith('.svg')).length, 0);
  const svg = vnuSummary('vnu svg', svgMessages, true);
  const cssFiles = mounts[0].files.filter((f) => f.endsWith('.css')).length;
  const css = vnuSummary('vnu css', cssMessages, false);
  const htmlFiles = mounts.reduce((n, m) => n + m.html.length, 0);
  figure(`${htmlFiles} HTML files: ${html.errors} errors, ${html.warnings} warnings`);
  figure(`${svgFiles} SVG files: ${svg.errors} errors, ${svg.warnings} warnings`);
  figure(`${cssFiles} CSS files: ${css.errors} errors, ${css.warnings} warnings (reported, not failing)`);
  figure(`(${seconds(t0)})`);
}

// ---- 2. Sitemap ----

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ['url', 'sitemap', 'entry', 'link', 'author', 'contributor', 'category'].includes(name),
});
const text = (v) => (v === undefined || v === null ? '' : typeof v === 'object' ? String(v['#text'] ?? '') : String(v));
const W3C_DATETIME = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

const sitemapUrls = new Map(); // mount name -> [loc]
{
  console.log('== 2. sitemap.xml against the sitemaps.org XSD (xmllint)');
  const xsd = path.join(here, 'schema', 'sitemap.xsd');
  for (const m of mounts) {
    const section = `sitemap ${m.name}`;
    const file = path.join(m.site, 'sitemap.xml');
    if (!fs.existsSync(file)) {
      fail(section, 'no sitemap.xml');
      continue;
    }
    const doc = xml.parse(fs.readFileSync(file, 'utf8'));
    let sitemaps = [file];
    if (doc.sitemapindex) {
      sitemaps = (doc.sitemapindex.sitemap || []).map((s) => {
        const rel = below(m.base, text(s.loc));
        if (rel === null || !fileOf(m.site, rel)) fail(section, `index entry ${text(s.loc)} is not a file of the build`);
        return rel === null ? null : path.join(m.site, rel);
      }).filter(Boolean);
    }
    const locs = [];
    for (const f of sitemaps) {
      const r = spawnSync('xmllint', ['--noout', '--schema', xsd, f], { encoding: 'utf8' });
      if (r.error) throw r.error;
      if (r.status !== 0) fail(section, `${path.basename(f)} does not validate: ${r.stderr.trim().split('\n').slice(0, 5).join(' | ')}`);
      const d = xml.parse(fs.readFileSync(f, 'utf8'));
      for (const u of d.urlset?.url || []) {
        const loc = text(u.loc);
        locs.push(loc);
        const rel = below(m.base, loc);
        if (rel === null) fail(section, `<loc>${loc}</loc> is outside ${m.base}`);
        else if (!fileOf(m.site, rel)) fail(section, `<loc>${loc}</loc> is not a file of the build`);
        if (u.lastmod !== undefined && !W3C_DATETIME.test(text(u.lastmod))) fail(section, `<lastmod>${text(u.lastmod)}</lastmod> is not a W3C datetime`);
      }
    }
    const dup = locs.length - new Set(locs).size;
    if (dup) fail(section, `${dup} duplicate <loc>`);
    sitemapUrls.set(m.name, locs);
    const pages = m.html.filter((f) => !f.endsWith(`${path.sep}404.html`)).length;
    figure(`${m.base}sitemap.xml: ${sitemaps.length} file(s) valid against sitemap.xsd, ${locs.length} URLs (of ${pages} HTML pages besides 404.html)`);
  }
}

// ---- 3. Feeds: Atom and iCalendar ----

{
  console.log('== 3. atom.xml (fast-xml-parser + RFC 4287) and calendars (ical.js + RFC 5545)');
  // The site feed, and each policies section's feed of changes
  // (`policies/changes.xml`).
  const feeds = [];
  for (const m of mounts) {
    feeds.push({ m, rel: 'atom.xml' });
    for (const e of fs.readdirSync(m.site, { recursive: true })) {
      if (path.basename(e) === 'changes.xml') feeds.push({ m, rel: e.split(path.sep).join('/') });
    }
  }
  for (const { m, rel } of feeds) {
    const section = `atom ${m.name} ${rel}`;
    const file = path.join(m.site, rel);
    if (!fs.existsSync(file)) {
      fail(section, `no ${rel}`);
      continue;
    }
    const src = fs.readFileSync(file, 'utf8');
    const valid = XMLValidator.validate(src);
    if (valid !== true) {
      fail(section, `not well-formed: ${JSON.stringify(valid.err)}`);
      continue;
    }
    const feed = xml.parse(src).feed;
    if (!feed) {
      fail(section, 'the root element is not <feed>');
      continue;
    }
    if (feed['@_xmlns'] !== 'http://www.w3.org/2005/Atom') fail(section, `<feed> is not in the Atom namespace (${feed['@_xmlns']})`);
    const one = (node, name, where) => {
      const v = node[name];
      if (v === undefined) fail(section, `${where} has no <${name}>`);
      else if (Array.isArray(v)) fail(section, `${where} has ${v.length} <${name}>`);
      else if (!text(v)) fail(section, `${where} has an empty <${name}>`);
      return text(v);
    };
    const date = (node, name, where, required) => {
      if (node[name] === undefined && !required) return null;
      const v = one(node, name, where);
      if (v && !RFC3339.test(v)) fail(section, `${where} <${name}>${v}</${name}> is not an RFC 3339 date-time`);
      return v ? Date.parse(v) : null;
    };
    const iri = (v, where) => {
      try {
        new URL(v);
      } catch {
        fail(section, `${where} is not an absolute IRI: ${v}`);
      }
    };
    one(feed, 'title', '<feed>');
    iri(one(feed, 'id', '<feed>'), '<feed> <id>');
    const feedUpdated = date(feed, 'updated', '<feed>', true);
    const links = feed.link || [];
    const self = links.find((l) => l['@_rel'] === 'self');
    if (!self) fail(section, '<feed> has no <link rel="self">');
    else if (self['@_href'] !== m.base + rel) fail(section, `<link rel="self"> is ${self['@_href']}, not ${m.base}${rel}`);
    const alternates = links.filter((l) => (l['@_rel'] || 'alternate') === 'alternate');
    if (alternates.length > 1 && new Set(alternates.map((l) => `${l['@_type']}|${l['@_hreflang']}`)).size < alternates.length)
      fail(section, '<feed> has two rel="alternate" links with the same type and hreflang');
    const feedAuthor = (feed.author || []).some((a) => text(a.name));
    const entries = feed.entry || [];
    const ids = new Set();
    for (const [i, e] of entries.entries()) {
      const where = `<entry> ${i + 1}`;
      one(e, 'title', where);
      const id = one(e, 'id', where);
      iri(id, `${where} <id>`);
      if (ids.has(id)) fail(section, `${where} repeats the id ${id}`);
      ids.add(id);
      const updated = date(e, 'updated', where, true);
      date(e, 'published', where, false);
      if (feedUpdated !== null && updated !== null && updated > feedUpdated) fail(section, `${where} is updated after the feed`);
      if (!feedAuthor && !(e.author || []).some((a) => text(a.name))) fail(section, `${where} has no <author> and neither has the feed`);
      const alt = (e.link || []).filter((l) => (l['@_rel'] || 'alternate') === 'alternate');
      if (!alt.length && e.content === undefined) fail(section, `${where} has neither <content> nor <link rel="alternate">`);
      for (const l of alt) {
        const rel = below(m.base, l['@_href']);
        if (rel === null || !fileOf(m.site, rel)) fail(section, `${where} links ${l['@_href']}, not a page of the build`);
      }
    }
    figure(`${m.base}${rel}: well-formed, ${entries.length} entries with id, title, updated and a link to a page of the build`);
  }

  for (const m of mounts) {
    const section = `ics ${m.name}`;
    const files = m.files.filter((f) => f.endsWith('.ics'));
    let events = 0;
    for (const f of files) {
      const rel = path.relative(m.site, f);
      const raw = fs.readFileSync(f);
      const src = raw.toString('utf8');
      // RFC 5545 3.1: CRLF line breaks, lines of at most 75 octets.
      const lines = src.split('\r\n');
      if (lines.pop() !== '') fail(section, `${rel} does not end with CRLF`);
      if (lines.some((l) => l.includes('\n'))) fail(section, `${rel} has a bare LF`);
      const long = lines.findIndex((l) => Buffer.byteLength(l) > 75);
      if (long >= 0) fail(section, `${rel}:${long + 1} is ${Buffer.byteLength(lines[long])} octets (75 at most)`);
      let cal;
      try {
        cal = new ICAL.Component(ICAL.parse(src));
      } catch (e) {
        fail(section, `${rel} does not parse: ${e.message}`);
        continue;
      }
      if (cal.name !== 'vcalendar') fail(section, `${rel}: the component is ${cal.name}`);
      if (cal.getFirstPropertyValue('version') !== '2.0') fail(section, `${rel}: VERSION is not 2.0`);
      if (!cal.getFirstPropertyValue('prodid')) fail(section, `${rel}: no PRODID`);
      const zones = new Set(cal.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid')));
      const uids = new Set();
      for (const ev of cal.getAllSubcomponents('vevent')) {
        events++;
        const uid = ev.getFirstPropertyValue('uid');
        const where = `${rel} VEVENT ${uid || '(no UID)'}`;
        if (!uid) fail(section, `${where}: no UID`);
        else if (uids.has(uid)) fail(section, `${where}: UID repeated`);
        uids.add(uid);
        if (!ev.getFirstPropertyValue('dtstamp')) fail(section, `${where}: no DTSTAMP`);
        const start = ev.getFirstPropertyValue('dtstart');
        const end = ev.getFirstPropertyValue('dtend');
        if (!start) fail(section, `${where}: no DTSTART`);
        if (end && ev.getFirstPropertyValue('duration')) fail(section, `${where}: both DTEND and DURATION`);
        if (start && end) {
          if (start.isDate !== end.isDate) fail(section, `${where}: DTSTART and DTEND of different value types`);
          if (end.compare(start) < 0 || (start.isDate && end.compare(start) === 0)) fail(section, `${where}: DTEND not after DTSTART`);
        }
        for (const name of ['dtstart', 'dtend']) {
          const tzid = ev.getFirstProperty(name)?.getParameter('tzid');
          if (tzid && !zones.has(tzid)) fail(section, `${where}: ${name.toUpperCase()} names TZID ${tzid} without a VTIMEZONE`);
        }
        if (!ev.getFirstPropertyValue('summary')) fail(section, `${where}: no SUMMARY`);
        const url = ev.getFirstPropertyValue('url');
        if (url) {
          const r = below(m.base, url);
          if (r === null || !fileOf(m.site, r)) fail(section, `${where}: URL ${url} is not a page of the build`);
        }
      }
    }
    figure(`${m.base}: ${files.length} calendars parsed by ical.js, ${events} events`);
  }
}

// ---- 4. JSON-LD ----

// Required properties by @type: each entry is a list of alternatives
// (["url", "@id"]: one of them). Google's required properties where Google
// documents the type (Event: name, startDate, location, and an address for
// its Place), otherwise what the page needs to mean anything. A type missing
// here fails, so a new type gets its row.
const REQUIRED = {
  WebPage: [['name'], ['url']],
  CollectionPage: [['name'], ['url']],
  Article: [['headline'], ['url']],
  Legislation: [['name'], ['@id', 'url']],
  GovernmentOrganization: [['name'], ['url']],
  Organization: [['name']],
  GovernmentService: [['name'], ['provider']],
  Event: [['name'], ['startDate'], ['location']],
  Place: [['name', 'address']],
  PostalAddress: [['streetAddress', 'addressLocality', 'addressRegion', 'postalCode', 'addressCountry']],
  AdministrativeArea: [['name']],
  ContactPoint: [['telephone', 'email', 'url']],
  OpeningHoursSpecification: [['dayOfWeek'], ['opens'], ['closes']],
  Offer: [['availability'], ['price'], ['priceCurrency']],
  Audience: [['audienceType']],
  ServiceChannel: [['name', 'serviceUrl', 'servicePhone', 'serviceLocation']],
};
// Properties whose value must be a node with a name (an organization).
const AGENTS = ['provider', 'organizer', 'legislationPassedBy', 'parentOrganization', 'subOrganization'];
const DATES = ['startDate', 'endDate', 'datePublished', 'dateModified', 'legislationDate'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const URL_PROPS = ['url', '@id', 'sameAs', 'logo', 'serviceUrl', 'legislationIdentifier'];

function scripts(html) {
  const found = [];
  let inside = false;
  let buf = '';
  const p = new Parser(
    {
      onopentag(name, a) {
        if (name === 'script' && (a.type || '').trim().toLowerCase() === 'application/ld+json') {
          inside = true;
          buf = '';
        }
      },
      ontext(t) {
        if (inside) buf += t;
      },
      onclosetag(name) {
        if (name === 'script' && inside) {
          inside = false;
          found.push(buf);
        }
      },
    },
    { decodeEntities: true },
  );
  p.write(html);
  p.end();
  return found;
}

{
  console.log('== 4. JSON-LD');
  for (const m of mounts) {
    const section = `json-ld ${m.name}`;
    let blocks = 0;
    let pagesWith = 0;
    const types = new Map();
    const declared = new Set();
    const references = [];
    for (const f of m.html) {
      const rel = path.relative(m.site, f);
      const own = m.base + encodeURI(rel.replace(/(^|\/)index\.html$/, '$1'));
      const found = scripts(fs.readFileSync(f, 'utf8'));
      if (found.length) pagesWith++;
      for (const [bi, body] of found.entries()) {
        blocks++;
        const where = found.length > 1 ? `${rel} block ${bi + 1}` : rel;
        let ld;
        try {
          ld = JSON.parse(body);
        } catch (e) {
          fail(section, `${where}: not JSON: ${e.message}`);
          continue;
        }
        const tops = Array.isArray(ld) ? ld : ld['@graph'] ? ld['@graph'] : [ld];
        const context = Array.isArray(ld) ? null : ld['@context'];
        for (const top of tops) {
          const ctx = context ?? top['@context'];
          if (!/^https?:\/\/schema\.org\/?$/.test(String(ctx))) fail(section, `${where}: @context is ${JSON.stringify(ctx)}, not https://schema.org`);
          if (top['@id']) declared.add(top['@id']);
          if (top.url !== undefined && decodeURI(top.url) !== decodeURI(own)) fail(section, `${where}: url is ${top.url}, the page is ${own}`);
        }
        const visit = (node, at, depth) => {
          if (node === null) {
            fail(section, `${where}: ${at} is null`);
            return;
          }
          if (Array.isArray(node)) {
            if (!node.length && depth > 0) fail(section, `${where}: ${at} is an empty list`);
            node.forEach((n, i) => visit(n, `${at}[${i}]`, depth));
            return;
          }
          if (typeof node !== 'object') return;
          const type = node['@type'];
          if (depth === 0 || type !== undefined) {
            if (typeof type !== 'string') {
              fail(section, `${where}: ${at || 'the top node'} has no single @type`);
            } else {
              types.set(type, (types.get(type) || 0) + 1);
              const req = REQUIRED[type];
              if (!req) fail(section, `${where}: @type ${type} has no row in the table of required properties`);
              for (const alternatives of req || []) {
                const ok = alternatives.some((k) => {
                  const v = node[k];
                  return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && !v.length);
                });
                if (!ok) fail(section, `${where}: ${type} ${at || ''} lacks ${alternatives.join(' or ')}`);
              }
              if (type === 'Event') {
                const loc = node.location;
                if (loc && typeof loc === 'object' && loc['@type'] === 'Place' && !loc.address) fail(section, `${where}: the Event's Place has no address`);
                if (node.startDate && node.endDate && Date.parse(node.endDate) < Date.parse(node.startDate)) fail(section, `${where}: endDate before startDate`);
              }
            }
            if (depth > 0 && typeof node['@id'] === 'string' && node['@id'].startsWith(m.base)) references.push([node['@id'], where]);
          }
          for (const [k, v] of Object.entries(node)) {
            const here = at ? `${at}.${k}` : k;
            if (DATES.includes(k) && (typeof v !== 'string' || !ISO_DATE.test(v) || Number.isNaN(Date.parse(v)))) fail(section, `${where}: ${here} ${JSON.stringify(v)} is not an ISO 8601 date`);
            if (AGENTS.includes(k)) {
              for (const a of Array.isArray(v) ? v : [v]) {
                if (!a || typeof a !== 'object' || !a.name) fail(section, `${where}: ${here} is not a named node`);
              }
            }
            if (URL_PROPS.includes(k) && typeof v === 'string' && /^https?:/.test(v)) {
              let u;
              try {
                u = new URL(v);
              } catch {
                fail(section, `${where}: ${here} is not a URL: ${v}`);
              }
              if (u && k !== '@id' && k !== 'legislationIdentifier' && v.startsWith(m.base)) {
                const r = below(m.base, v);
                if (r === null || !fileOf(m.site, r)) fail(section, `${where}: ${here} ${v} is not a file of the build`);
              }
            } else if (k === 'url' && typeof v === 'string') {
              fail(section, `${where}: ${here} is not an absolute URL: ${v}`);
            }
            visit(v, here, depth + 1);
          }
        };
        for (const top of tops) visit(top, '', 0);
      }
    }
    for (const [id, where] of references) {
      if (!declared.has(id)) fail(section, `${where}: refers to @id ${id}, which no page declares`);
    }
    const list = [...types].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`).join(', ');
    figure(`${m.base}: ${blocks} blocks on ${pagesWith} of ${m.html.length} pages parsed and checked; ${references.length} @id references resolved`);
    figure(`  nodes by type: ${list}`);
  }
}

// ---- 5. Hosting with nginx ----

// The ```nginx blocks of docs/hosting.md, in order: the shared snippet, the
// root server, the sub-path server. Each replacement must apply, so a change
// of the document's shape fails here rather than testing something else.
function nginxBlocks() {
  const doc = fs.readFileSync(path.join(repo, 'docs', 'hosting.md'), 'utf8');
  const blocks = [...doc.matchAll(/```nginx\n([\s\S]*?)```/g)].map((x) => x[1]);
  if (blocks.length !== 3) throw new Error(`docs/hosting.md has ${blocks.length} nginx blocks, not 3 (snippet, root server, sub-path server)`);
  return blocks;
}
function replaceAll(block, pairs, what) {
  for (const [from, to] of pairs) {
    if (!block.includes(from)) throw new Error(`docs/hosting.md, ${what}: no «${from}» to replace`);
    block = block.split(from).join(to);
  }
  return block;
}

const nginxDir = path.join(tmp, 'nginx');
function startNginx() {
  const [snippet, rootServer, subServer] = nginxBlocks();
  fs.mkdirSync(path.join(nginxDir, 'conf', 'snippets'), { recursive: true });
  fs.mkdirSync(path.join(nginxDir, 'logs'), { recursive: true });
  fs.writeFileSync(path.join(nginxDir, 'conf', 'snippets', 'gongkai.conf'), snippet);
  const [a, b] = mounts;
  const servers = [
    replaceAll(rootServer, [['listen 80;', `listen 127.0.0.1:${a.port};`], ['/srv/gongkai/public', a.site]], 'root server'),
    replaceAll(subServer, [['listen 80;', `listen 127.0.0.1:${b.port};`], ['/srv/gongkai/public/', b.site + '/']], 'sub-path server'),
  ];
  const t = (name) => path.join(nginxDir, name);
  const conf = [
    `# Generated by tests/validate/validate.mjs from docs/hosting.md.`,
    process.getuid && process.getuid() === 0 ? 'user nobody nogroup;' : '',
    'worker_processes 1;',
    `pid ${t('nginx.pid')};`,
    `error_log ${t('logs/error.log')} warn;`,
    'events { worker_connections 256; }',
    'http {',
    `    access_log ${t('logs/access.log')};`,
    `    client_body_temp_path ${t('client_body')};`,
    `    proxy_temp_path ${t('proxy')};`,
    `    fastcgi_temp_path ${t('fastcgi')};`,
    `    uwsgi_temp_path ${t('uwsgi')};`,
    `    scgi_temp_path ${t('scgi')};`,
    '    default_type application/octet-stream;',
    ...servers,
    '}',
    '',
  ].join('\n');
  const confFile = path.join(nginxDir, 'conf', 'nginx.conf');
  fs.writeFileSync(confFile, conf);
  const common = ['-p', nginxDir + '/', '-e', t('logs/error.log'), '-c', confFile];
  const test = spawnSync(nginxBin, [...common, '-t'], { encoding: 'utf8' });
  if (test.error) throw test.error;
  if (test.status !== 0) throw new Error(`nginx -t rejects the configuration from docs/hosting.md:\n${test.stderr}`);
  nginx = spawn(nginxBin, [...common, '-g', 'daemon off;'], { stdio: ['ignore', 'inherit', 'inherit'] });
  nginx.on('exit', (code, sig) => {
    if (!stopping) {
      console.log(`FAIL nginx exited early (${code ?? sig}); ${t('logs/error.log')}:`);
      try {
        console.log(fs.readFileSync(t('logs/error.log'), 'utf8'));
      } catch {}
      process.exit(1);
    }
  });
}
let stopping = false;

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { 'accept-encoding': 'identity', ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(10000, () => req.destroy(new Error('timeout: ' + url)));
  });
}
async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try {
      return await get(url);
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error('nginx did not answer on ' + url);
}

// What each extension must be served as. `charset: true`: with
// "; charset=utf-8".
function expectedType(pathname) {
  const ext = pathname.endsWith('/') ? '.html' : path.posix.extname(pathname).toLowerCase();
  const base = path.posix.basename(pathname);
  if (base === 'atom.xml' || base === 'changes.xml') return { types: ['application/atom+xml', 'application/xml'], charset: true };
  return {
    '.html': { types: ['text/html'], charset: true, exact: 'text/html; charset=utf-8' },
    '.css': { types: ['text/css'], charset: true },
    '.js': { types: ['application/javascript', 'text/javascript'], charset: true },
    '.mjs': { types: ['application/javascript', 'text/javascript'], charset: true },
    '.json': { types: ['application/json'] },
    '.ics': { types: ['text/calendar'], charset: true },
    '.xml': { types: ['application/xml', 'text/xml'] },
    '.svg': { types: ['image/svg+xml'] },
    '.csv': { types: ['text/csv'], charset: true },
    '.txt': { types: ['text/plain'], charset: true },
    '.png': { types: ['image/png'] },
    '.jpg': { types: ['image/jpeg'] },
    '.jpeg': { types: ['image/jpeg'] },
    '.gif': { types: ['image/gif'] },
    '.webp': { types: ['image/webp'] },
    '.ico': { types: ['image/x-icon', 'image/vnd.microsoft.icon'] },
    '.woff2': { types: ['font/woff2'] },
  }[ext];
}

const LINK_ATTRS = {
  a: ['href'], area: ['href'], link: ['href'],
  script: ['src'], img: ['src', 'srcset'], source: ['src', 'srcset'], iframe: ['src'],
  video: ['src', 'poster'], audio: ['src'], track: ['src'], embed: ['src'], object: ['data'],
  input: ['src'], form: ['action'],
};
// Links and ids of an HTML page.
function parsePage(html) {
  const links = [];
  const ids = new Set();
  const p = new Parser(
    {
      onopentag(name, a) {
        if (a.id) ids.add(a.id);
        if (name === 'a' && a.name) ids.add(a.name);
        for (const attr of LINK_ATTRS[name] || []) {
          const v = a[attr];
          if (v === undefined) continue;
          if (name === 'form' && (a.method || 'get').toLowerCase() !== 'get') continue;
          if (attr === 'srcset') {
            for (const candidate of v.split(',')) {
              const u = candidate.trim().split(/\s+/)[0];
              if (u) links.push({ tag: name, attr, url: u });
            }
          } else {
            links.push({ tag: name, attr, url: v.trim() });
          }
        }
      },
    },
    { decodeEntities: true },
  );
  p.write(html);
  p.end();
  return { links, ids };
}

async function crawl(m) {
  const section = `hosting ${m.name}`;
  const t0 = Date.now();
  const fetched = new Map(); // url without fragment -> { status, type, ids }
  const typesSeen = new Map(); // content-type -> count
  let linksChecked = 0;
  let external = 0;
  let other = 0;
  let broken = 0;
  // A broken link of the theme is on every page: one line per link and
  // reason, with the number of pages and the first.
  const brokenLinks = new Map();
  const brokenLink = (pageUrl, l, reason) => {
    broken++;
    const key = `<${l.tag} ${l.attr}="${l.url}"> ${reason}`;
    const b = brokenLinks.get(key) || { pages: new Set(), first: new URL(pageUrl).pathname };
    b.pages.add(pageUrl);
    brokenLinks.set(key, b);
  };
  const fragmentChecks = []; // [url, fragment, from]
  let pages = 0;
  let redirects = 0;
  let fragments = 0;

  // One request per URL, however many links name it at once.
  const pending = new Map();
  const check = (url) => {
    if (!pending.has(url)) pending.set(url, fetchOne(url));
    return pending.get(url);
  };
  const fetchOne = async (url) => {
    const entry = { status: 0, ids: null, links: [] };
    const r = await get(url);
    entry.status = r.status;
    const ct = r.headers['content-type'] || '(none)';
    const pathname = new URL(url).pathname;
    if (r.status === 200) {
      typesSeen.set(ct, (typesSeen.get(ct) || 0) + 1);
      const want = expectedType(pathname);
      const [mime, ...params] = ct.split(';').map((s) => s.trim().toLowerCase());
      if (!want) fail(section, `${pathname}: no expected Content-Type for this extension (served as ${ct})`);
      else if (want.exact ? ct !== want.exact : !want.types.includes(mime) || (want.charset && !params.includes('charset=utf-8')))
        fail(section, `${pathname} served as «${ct}», expected ${want.exact || want.types.join(' or ') + (want.charset ? '; charset=utf-8' : '')}`);
      if (r.headers['x-content-type-options'] !== 'nosniff') fail(section, `${pathname}: no X-Content-Type-Options: nosniff`);
      if (mime === 'text/html') {
        pages++;
        const { links, ids } = parsePage(r.body.toString('utf8'));
        entry.ids = ids;
        entry.links = links;
      }
    } else if (r.status === 301 || r.status === 302) {
      redirects++;
      entry.location = r.headers.location;
    }
    fetched.set(url, entry);
    return entry;
  };

  // Follows the links of a page fetched at pageUrl (with the ids ids).
  const follow = async (pageUrl, links, ids) => {
    const targets = [];
    for (const l of links) {
      linksChecked++;
      if (l.url.startsWith('#')) {
        // Within the page itself, whatever its address (a miss's 404 page).
        const fragment = decodeURIComponent(l.url.slice(1));
        fragments++;
        if (fragment && !ids.has(fragment)) brokenLink(pageUrl, l, ': no such id on the page');
        continue;
      }
      if (/^(mailto|tel|sms|javascript|data):/i.test(l.url)) {
        other++;
        continue;
      }
      let u;
      try {
        u = new URL(l.url, pageUrl);
      } catch {
        brokenLink(pageUrl, l, 'is not a URL');
        continue;
      }
      if (u.protocol !== 'http:' && u.protocol !== 'https:') {
        other++;
        continue;
      }
      if (u.origin !== m.origin) {
        external++;
        continue;
      }
      const fragment = u.hash ? decodeURIComponent(u.hash.slice(1)) : '';
      u.hash = '';
      const target = u.href;
      if (!u.pathname.startsWith(m.prefix)) {
        brokenLink(pageUrl, l, `leaves the mount ${m.prefix}`);
        continue;
      }
      targets.push({ target, fragment, l });
    }
    await pool(targets, async ({ target, fragment, l }) => {
      let e = await check(target);
      if (e.status === 301 || e.status === 302) {
        // A redirect is followed once (about -> about/), then must land.
        const next = new URL(e.location, target).href;
        e = await check(next);
      }
      if (e.status !== 200) {
        brokenLink(pageUrl, l, `→ ${e.status}`);
      } else if (fragment && l.tag !== 'link') {
        fragmentChecks.push([target, fragment, pageUrl, l]);
      }
    });
  };

  // Breadth-first from the home page.
  let frontier = [m.base];
  const crawled = new Set();
  const home = await check(m.base);
  if (home.status !== 200) fail(section, `the home page ${m.base} → ${home.status}`);
  while (frontier.length) {
    const next = [];
    for (const url of frontier) {
      if (crawled.has(url)) continue;
      crawled.add(url);
      const e = fetched.get(url) || (await check(url));
      if (e.ids) {
        await follow(url, e.links, e.ids);
        for (const l of e.links) {
          try {
            const u = new URL(l.url, url);
            u.hash = '';
            const f = fetched.get(u.href);
            const final = f && (f.status === 301 || f.status === 302) ? new URL(f.location, u.href).href : u.href;
            if (fetched.get(final)?.ids && !crawled.has(final)) next.push(final);
          } catch {}
        }
      }
    }
    frontier = next;
  }
  const fromLinks = { pages, links: linksChecked, urls: fetched.size };

  // Fragments: the target page has the id.
  for (const [target, fragment, from, l] of fragmentChecks) {
    fragments++;
    const e = fetched.get(target);
    if (e.ids && !e.ids.has(fragment)) brokenLink(from, l, `: no id «${fragment}» on ${new URL(target).pathname}`);
  }

  // Misses: the site's 404 page with status 404, wherever they are.
  const page404 = fs.readFileSync(path.join(m.site, '404.html'));
  const misses = ['no-such-page/', 'policies/no-such-policy/art_99/', 'css/no-such.css', 'no-such.html', '%E4%B8%8D%E5%AD%98%E5%9C%A8/'];
  for (const miss of misses) {
    const url = m.base + miss;
    const r = await get(url);
    if (r.status !== 404) fail(section, `${url} → ${r.status}, not 404`);
    else if (!r.body.equals(page404)) fail(section, `${url}: 404 with a body other than the site's 404.html`);
    else if (r.headers['content-type'] !== 'text/html; charset=utf-8') fail(section, `${url}: the 404 page served as ${r.headers['content-type']}`);
    // The 404 page's links work from a deep miss.
    if (r.status === 404) {
      const { links, ids } = parsePage(r.body.toString('utf8'));
      await follow(url, links, ids);
    }
  }

  for (const [key, b] of [...brokenLinks].sort((x, y) => y[1].pages.size - x[1].pages.size)) {
    fail(section, `${key} on ${b.pages.size} page(s) (first: ${b.first})`);
  }

  // Redirects to the slash form, as a path.
  // A page's folder without its slash: about/ where the site has one.
  const folders = (sitemapUrls.get(m.name) || []).map((l) => new URL(l).href).filter((l) => l !== m.base && l.endsWith('/'));
  const folder = folders.find((l) => l === m.base + 'about/') || folders[0] || m.base + 'about/';
  const dirs = [folder.replace(/\/$/, '')];
  if (m.prefix !== '/') dirs.push(m.base.replace(/\/$/, ''));
  for (const url of dirs) {
    const r = await get(url);
    const to = r.headers.location ? new URL(r.headers.location, url).href : '';
    if (r.status !== 301 || to !== url + '/') fail(section, `${url} → ${r.status} ${to}, expected 301 to ${url}/`);
  }

  // Every sitemap URL, then every file of the build not reached by links.
  const locs = (sitemapUrls.get(m.name) || []).map((l) => new URL(l).href);
  const notLinked = [];
  await pool(locs, async (loc) => {
    if (!fetched.has(loc)) notLinked.push(decodeURI(new URL(loc).pathname));
    const e = await check(loc);
    if (e.status !== 200) fail(section, `sitemap URL ${loc} → ${e.status}`);
  });
  // Hidden files (the .gongkai-output marker) are not served: 404.
  const hidden = m.files.filter((f) => path.relative(m.site, f).split(path.sep).some((p) => p.startsWith('.')));
  if (hidden.length === 0) fail(section, 'no .gongkai-output marker in the build');
  await pool(hidden, async (f) => {
    const rel = path.relative(m.site, f).split(path.sep).join('/');
    const e = await check(m.base + rel.split('/').map(encodeURIComponent).join('/'));
    if (e.status !== 404) fail(section, `${rel}: a hidden file is served (${e.status}), not 404`);
  });
  const unreached = m.files.filter((f) => !hidden.includes(f)).filter((f) => {
    const rel = path.relative(m.site, f).split(path.sep).join('/');
    const url = m.base + rel.split('/').map(encodeURIComponent).join('/');
    const dirUrl = url.replace(/(^|\/)index\.html$/, '$1');
    return !fetched.has(url) && !fetched.has(dirUrl);
  });
  const unreachedHtml = unreached.filter((f) => f.endsWith('.html') && !f.endsWith(`${path.sep}404.html`) && path.relative(m.site, f) !== '404.html');
  await pool(unreached, async (f) => {
    const rel = path.relative(m.site, f).split(path.sep).join('/');
    const url = m.base + rel.split('/').map(encodeURIComponent).join('/');
    const e = await check(url);
    if (e.status !== 200) fail(section, `${url} (a file of the build) → ${e.status}`);
  });

  // gzip for text above gzip_min_length, one file per type.
  const gzipped = [];
  const byType = new Map();
  for (const f of m.files) {
    const ext = path.extname(f);
    if (['.html', '.css', '.js', '.json', '.ics', '.csv', '.svg', '.xml'].includes(ext) && fs.statSync(f).size > 2048 && !byType.has(ext)) byType.set(ext, f);
  }
  for (const [ext, f] of byType) {
    const rel = path.relative(m.site, f).split(path.sep).join('/');
    const r = await get(m.base + rel.split('/').map(encodeURIComponent).join('/'), { 'accept-encoding': 'gzip' });
    if (r.headers['content-encoding'] !== 'gzip') fail(section, `${rel}: not gzipped for a client that accepts gzip`);
    else gzipped.push(ext);
    if (!/accept-encoding/i.test(r.headers.vary || '')) fail(section, `${rel}: no Vary: Accept-Encoding`);
  }

  figure(`${m.base}: ${fromLinks.pages} pages crawled from the home page, ${fromLinks.links} links checked (${fromLinks.urls} distinct URLs, ${external} external not fetched, ${other} mailto/tel), ${fragments} fragments checked, ${redirects} redirects, broken: ${broken}`);
  const inSitemap = new Set(locs);
  const notInSitemap = [...crawled].filter((u) => fetched.get(u)?.ids && !inSitemap.has(u)).map((u) => decodeURI(new URL(u).pathname)).sort();
  figure(`  then ${locs.length} sitemap URLs (${notLinked.length} not linked from pages: ${notLinked.sort().join(' ') || '-'}) and ${unreached.length} files not reached by links (${unreachedHtml.length} HTML): all fetched`);
  figure(`  pages linked but not in the sitemap: ${notInSitemap.length} (${notInSitemap.join(' ')})`);
  figure(`  ${misses.length} misses → the site's 404 page with 404; ${dirs.length} redirects to the slash form; gzip for ${gzipped.join(' ')}`);
  const types = [...typesSeen].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ×${n}`).join(', ');
  figure(`  content types: ${types}`);
  figure(`  (${seconds(t0)})`);
}

async function pool(items, fn, width = 8) {
  let i = 0;
  const workers = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (i < items.length) await fn(items[i++]);
  });
  await Promise.all(workers);
}

{
  console.log(`== 5. hosting: ${nginxBin} from docs/hosting.md on 127.0.0.1:${mounts[0].port} (/) and :${mounts[1].port} (/portal/)`);
  startNginx();
  for (const m of mounts) await waitForServer(m.base);
  for (const m of mounts) await crawl(m);
  stopping = true;
  const errorLog = path.join(nginxDir, 'logs', 'error.log');
  const log = fs.existsSync(errorLog) ? fs.readFileSync(errorLog, 'utf8') : '';
  const serious = log.split('\n').filter((l) => /\[(error|crit|alert|emerg)\]/.test(l) && !/No such file or directory|is not found|failed \(2:/.test(l));
  for (const l of serious.slice(0, 5)) fail('nginx', 'error.log: ' + l);
  process.kill(nginx.pid, 'SIGTERM');
  await new Promise((r) => (nginx.exitCode !== null || nginx.signalCode !== null ? r() : nginx.once('exit', r)));
  agent.destroy();
}

console.log(`== ${failures.length ? failures.length + ' failures' : 'all checks passed'} (${seconds(started)})`);
process.exit(failures.length ? 1 : 0);
