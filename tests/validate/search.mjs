// The search page in Debian's Chromium (playwright-core), on a site
// built with "search: true" (its pagefind/ folder made by lcspr build).
// usage: node search.mjs SITE PHRASE SLUG WORD
// Serves SITE at / on 127.0.0.1 (a free port), then checks that
//  - with JavaScript, the search page for PHRASE (a phrase that is only
//    in the body of review SLUG) lists that review, the visible label
//    names Pagefind's input, and the count of results reaches the
//    aria-live region;
//  - the search box in the header of the home page leads there with
//    the words typed (?q=) and the same results;
//  - for WORD (found in reviews of several regions), choosing one
//    region in Pagefind's filters narrows the results, and each result
//    left is a review of that region;
//  - the page with results showing passes axe-core (WCAG 2.0, 2.1, 2.2
//    A and AA) at 1280 and 390 px;
//  - without JavaScript, the page says that search needs it, links the
//    pages to browse, shows no Pagefind interface, and passes axe.
// Prints "search: pass: WHAT" or "search: FAIL: WHAT" for each, then
// "N passed, N failed".  Stops the server and the browser on every path
// out.  Exits 0 when all pass.
import { createServer } from 'node:http';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync,
	statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('.', import.meta.url));
const AXE = readFileSync(join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css',
	'.js': 'text/javascript', '.json': 'application/json',
	'.svg': 'image/svg+xml', '.wasm': 'application/wasm' };

const [siteArg, phrase, slug, word] = process.argv.slice(2);
if (!siteArg || !phrase || !slug || !word) {
	console.log('search: usage: node search.mjs SITE PHRASE SLUG WORD');
	console.log('0 passed, 1 failed');
	process.exit(2);
}
const site = resolve(siteArg);
let passed = 0, failed = 0;
const pass = (what) => { passed++; console.log(`search: pass: ${what}`); };
const fail = (what) => { failed++; console.log(`search: FAIL: ${what}`); };
const check = (ok, what, why) => ok ? pass(what) : fail(why ? `${what}: ${why}` : what);

function serve(req, res) {
	let path;
	try {
		path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
	} catch {
		res.writeHead(400).end();
		return;
	}
	let file = join(site, normalize(path));
	if (file !== site && !file.startsWith(site + sep)) file = null;
	try {
		if (file && statSync(file).isDirectory()) file = join(file, 'index.html');
	} catch { /* not there */ }
	if (!file || !existsSync(file)) {
		res.writeHead(404).end('not found');
		return;
	}
	res.writeHead(200, { 'Content-Type':
	    TYPES[extname(file).toLowerCase()] || 'application/octet-stream' });
	createReadStream(file).pipe(res);
}

// The region of a review, from its page.
function regionOf(rel) {
	const html = readFileSync(join(site, rel.replace(/^\//, ''), 'index.html'), 'utf8');
	const m = /data-pagefind-filter="Region"[^>]*>([^<]*)</.exec(html);
	return m ? m[1] : null;
}

async function axe(page, what) {
	await page.evaluate(AXE);
	const res = await page.evaluate((tags) => window.axe.run(document, {
		runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
	}), TAGS);
	const found = res.violations.flatMap((v) => v.nodes.map((n) =>
	    `${v.id} (${v.impact}): ${v.help}: ${n.target.join(' ')}`));
	check(found.length === 0, `axe: ${what}`, found.join('; '));
}

// The links of the results once Pagefind has shown them, and its message.
async function results(page) {
	await page.waitForSelector('.pagefind-ui__result-link', { timeout: 15000 });
	await page.waitForTimeout(300);
	return page.evaluate(() => ({
		links: [...document.querySelectorAll('.pagefind-ui__result-link')]
		    .map((a) => new URL(a.href).pathname),
		message: document.querySelector('.pagefind-ui__message')?.textContent || '',
	}));
}

let server = null, context = null, userDir = null, browser = null;

async function main() {
	server = createServer(serve);
	await new Promise((ok, no) => {
		server.once('error', no);
		server.listen(0, '127.0.0.1', ok);
	});
	const origin = `http://127.0.0.1:${server.address().port}`;
	userDir = mkdtempSync(join(tmpdir(), 'lcspr-chromium-'));
	context = await chromium.launchPersistentContext(userDir, {
		executablePath: CHROMIUM, headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
		    '--disable-background-networking', '--disable-component-update',
		    '--disable-sync'],
		viewport: { width: 1280, height: 800 }, timeout: 60000,
	});
	const page = context.pages()[0] || await context.newPage();
	page.setDefaultTimeout(30000);
	await page.route('**/*', (route) =>
	    route.request().url().startsWith(origin + '/') ?
		route.continue() : route.abort('blockedbyclient'));
	const errors = [];
	page.on('pageerror', (e) => errors.push(String(e)));

	// A phrase only in one review's body.
	await page.goto(`${origin}/search/?q=${encodeURIComponent(phrase)}`);
	let r = await results(page);
	check(r.links.includes(`/reviews/${slug}/`),
	    `"${phrase}" finds reviews/${slug}/`, `results: ${r.links.join(' ') || 'none'}`);
	check(/\b1 result/.test(r.message), `the count says one result ("${r.message}")`);
	const named = await page.evaluate(() => {
		const i = document.querySelector('#lcspr-search-ui input');
		const l = document.getElementById('lcspr-search-label');
		return i && l && l.htmlFor === i.id && l.offsetHeight > 0 &&
		    document.getElementById('lcspr-search-form').hidden;
	});
	check(named, 'the visible label names Pagefind\'s input, and the plain form is hidden');
	await page.waitForFunction(() => /result/.test(
	    document.getElementById('lcspr-search-status').textContent), null, { timeout: 5000 })
	    .catch(() => {});
	const live = await page.evaluate(() => {
		const s = document.getElementById('lcspr-search-status');
		return `${s.getAttribute('aria-live')}|${s.textContent}`;
	});
	check(/^polite\|.*1 result/.test(live), 'the count is in the aria-live region', live);
	for (const w of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
		await page.setViewportSize(w);
		await axe(page, `search page with results at ${w.width} px`);
	}
	await page.setViewportSize({ width: 1280, height: 800 });

	// The header's search box.
	await page.goto(`${origin}/`);
	await page.fill('#lcspr-header-search', phrase);
	await Promise.all([page.waitForURL(/\/search\/\?q=/), page.press('#lcspr-header-search', 'Enter')]);
	r = await results(page);
	check(r.links.includes(`/reviews/${slug}/`), 'the header\'s search box leads to the results',
	    `${page.url()}: ${r.links.join(' ')}`);

	// The region filter narrows the results (Pagefind shows five at
	// first: its message has the count).
	const count = (m) => Number((/(\d+) results?/.exec(m) || [])[1] || 0);
	await page.goto(`${origin}/search/?q=${encodeURIComponent(word)}`);
	r = await results(page);
	const total = count(r.message);
	const regions = [...new Set(r.links.map(regionOf))].filter(Boolean).sort();
	check(regions.length > 1 && total > 1,
	    `"${word}" finds ${total} reviews, in ${regions.length} regions or more`, r.message);
	const opened = await page.evaluate(() => {
		for (const d of document.querySelectorAll('.pagefind-ui__filter-block'))
			d.open = true;
		return document.querySelectorAll('.pagefind-ui__filter-block').length;
	});
	check(opened >= 5, `Pagefind shows the filters (${opened}: theme, region, year, review type, age group)`);
	const region = regions[0];
	await page.locator('.pagefind-ui__filter-block', { hasText: 'Region' })
	    .locator('label', { hasText: region }).first().click();
	await page.waitForFunction((n) => {
		const m = document.querySelector('.pagefind-ui__message');
		const k = m && /(\d+) results?/.exec(m.textContent);
		return k && Number(k[1]) < n;
	}, total, { timeout: 10000 }).catch(() => {});
	r = await results(page);
	check(count(r.message) > 0 && count(r.message) < total &&
	    r.links.every((l) => regionOf(l) === region),
	    `the region filter "${region}" narrows ${total} results to ${count(r.message)}, all in ${region}`,
	    `${r.message}: ${r.links.map((l) => `${l} (${regionOf(l)})`).join(' ')}`);
	check(errors.length === 0, 'no script errors', errors.join('; '));

	// Without JavaScript.
	browser = await chromium.launch({ executablePath: CHROMIUM, headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu'] });
	const nojs = await browser.newContext({ javaScriptEnabled: false });
	const p2 = await nojs.newPage();
	{
		await p2.route('**/*', (route) =>
		    route.request().url().startsWith(origin + '/') ?
			route.continue() : route.abort('blockedbyclient'));
		await p2.goto(`${origin}/search/?q=${encodeURIComponent(phrase)}`);
		const s = await p2.evaluate(() => ({
			why: document.getElementById('lcspr-search-why')?.textContent || '',
			browse: [...document.querySelectorAll('.lcspr-search__browse a')]
			    .map((a) => new URL(a.href).pathname),
			ui: document.getElementById('lcspr-search-ui').hidden,
		}));
		check(/needs JavaScript/.test(s.why) && s.ui &&
		    ['/themes/', '/regions/', '/years/'].every((b) => s.browse.includes(b)),
		    'without JavaScript the page says so and links the pages to browse',
		    JSON.stringify(s));
		await nojs.close();
	}
	// axe itself needs JavaScript: the page as a browser without it
	// shows it, its scripts taken out.
	await page.route(`${origin}/search/`, async (route) => {
		const res = await route.fetch();
		const body = (await res.text()).replace(/<script\b[\s\S]*?<\/script>/g, '');
		await route.fulfill({ response: res, body });
	});
	await page.goto(`${origin}/search/`);
	const still = await page.evaluate(() => document.scripts.length);
	check(still === 0 && await page.isVisible('#lcspr-search-why'),
	    'the page without its scripts shows the explanation', `${still} scripts`);
	for (const w of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
		await page.setViewportSize(w);
		await axe(page, `search page without JavaScript at ${w.width} px`);
	}
}

async function cleanup() {
	if (context) await context.close().catch(() => {});
	context = null;
	if (browser) await browser.close().catch(() => {});
	browser = null;
	if (server) {
		server.closeAllConnections?.();
		await new Promise((ok) => server.close(ok));
		server = null;
	}
	if (userDir) rmSync(userDir, { recursive: true, force: true });
	userDir = null;
}

const watchdog = setTimeout(async () => {
	console.log('search: FAIL: gave up after 120 seconds');
	await cleanup();
	console.log(`${passed} passed, ${failed + 1} failed`);
	process.exit(1);
}, 120000);
watchdog.unref();

try {
	await main();
} catch (e) {
	fail(`crashed: ${String((e && e.message) || e).split('\n').slice(0, 8).join(' ')}`);
} finally {
	await cleanup();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
