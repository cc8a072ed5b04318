// What the browser tests share: their command-line options and a tiny
// static server for a built site under its base path (what any static web
// server does for it: index.html for folders, the site's 404.html with
// status 404 for misses, nothing outside the site).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

/** `--name value` options taken out of `args` (what is left are positional). */
export function options(args) {
  return (name, fallback) => {
    const i = args.indexOf(name);
    if (i < 0) return fallback;
    const v = args[i + 1];
    args.splice(i, 2);
    return v;
  };
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.xml': 'application/xml',
  '.ics': 'text/calendar; charset=utf-8', '.csv': 'text/csv; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2',
};

/**
 * Serve `site` under `basePath` (`/` or `/portal/`) on 127.0.0.1.
 * Resolves to `{ origin, close() }`.
 */
export async function serve(site, basePath = '/') {
  const server = http.createServer({ maxHeaderSize: 1 << 20 }, (req, res) => {
    const send = (status, file) => {
      res.writeHead(status, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
    };
    let p;
    try {
      p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (!p.startsWith(basePath)) {
      res.writeHead(404).end();
      return;
    }
    let file = path.join(site, p.slice(basePath.length));
    if (file !== site && !file.startsWith(site + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (fs.existsSync(file)) send(200, file);
    else if (fs.existsSync(path.join(site, '404.html'))) send(404, path.join(site, '404.html'));
    else res.writeHead(404).end();
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { origin: 'http://127.0.0.1:' + server.address().port, close: () => server.close() };
}

/**
 * The built site to test: `site` when given, else the site at `root`
 * built by `gongkai` into a temporary folder under the sub-path /portal/.
 * Resolves the base path from the search page's `data-index` unless
 * `basePath` is given. Returns `{ site, basePath, cleanup() }`.
 */
export function builtSite({ gongkai, root, site = null, basePath = null, prefix = 'gongkai-browser-' }) {
  let tmp = null;
  if (!site) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    site = path.join(tmp, 'site');
    execFileSync(gongkai, ['build', '--root', root, '--output', site, '--base-url', 'http://127.0.0.1/portal/'], { stdio: 'inherit' });
  }
  if (!basePath) {
    const searchPage = path.join(site, 'search', 'index.html');
    const m = fs.readFileSync(searchPage, 'utf8').match(/data-index="([^"]*)search\/"/);
    if (!m) throw new Error('no data-index on ' + searchPage);
    basePath = m[1];
  }
  if (!basePath.endsWith('/')) basePath += '/';
  return { site, basePath, cleanup: () => tmp && fs.rmSync(tmp, { recursive: true, force: true }) };
}
