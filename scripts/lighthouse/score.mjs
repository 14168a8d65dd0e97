// score.mjs SITE NAME=PATH... -- Lighthouse's mobile performance score
// of pages of a built site, for scripts/bench (a benchmark, never a
// test).  Serves SITE on 127.0.0.1 (a folder means its index.html;
// without compression, as some hosts serve: the cautious case), runs
// Lighthouse 12 (pinned in package-lock.json; install with
// scripts/install-bench-deps) in one headless Chromium (CHROME_PATH, else
// /usr/bin/chromium) with its default mobile settings (simulated slow 4G,
// a mid-range phone), and prints one line per page:
//   lighthouse NAME: SCORE (largest contentful paint N s, N DOM elements, N KB) PATH
// Exits 1 if a page cannot be scored.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const [site, ...pages] = process.argv.slice(2);
if (!site || pages.length === 0 || pages.some(p => !p.includes('='))) {
  console.error('usage: score.mjs SITE NAME=PATH...');
  process.exit(2);
}

const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.mjs': 'text/javascript', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp',
  '.xml': 'application/xml', '.wasm': 'application/wasm', '.pdf': 'application/pdf',
};

const server = createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  p = normalize(join(site, p));
  try {
    if (statSync(p).isDirectory()) p = join(p, 'index.html');
    statSync(p);
  } catch {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': types[extname(p)] || 'application/octet-stream' });
  createReadStream(p).pipe(res);
});
await new Promise(ok => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});
let failed = 0;
try {
  for (const arg of pages) {
    const i = arg.indexOf('=');
    const name = arg.slice(0, i), path = arg.slice(i + 1);
    try {
      const r = await lighthouse(base + path, {
        port: chrome.port, onlyCategories: ['performance'], logLevel: 'error', output: 'json',
      });
      const a = r.lhr.audits;
      const lcp = a['largest-contentful-paint']?.numericValue;
      const dom = a['dom-size']?.numericValue;
      const kb = a['total-byte-weight']?.numericValue;
      const score = r.lhr.categories.performance.score;
      if (score === null || score === undefined)
        throw new Error(r.lhr.runtimeError?.message || 'no score');
      console.log(`lighthouse ${name}: ${Math.round(score * 100)} (largest contentful paint ` +
        `${(lcp / 1000).toFixed(1)} s, ${dom ?? '?'} DOM elements, ` +
        `${Math.round((kb ?? 0) / 1024)} KB) ${path}`);
    } catch (e) {
      console.log(`lighthouse ${name}: failed (${e.message}) ${path}`);
      failed++;
    }
  }
} finally {
  await chrome.kill();
  server.close();
}
process.exit(failed ? 1 : 0);
