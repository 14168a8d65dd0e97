// Checks 4, 5 and 6, accessibility, screenshots and layout, in Debian's
// Chromium driven by playwright-core.
// usage: node axe.mjs SITE BASEPATH SHOTDIR
// Serves SITE under BASEPATH on 127.0.0.1 (a free port) with a small
// static server of its own, then
//  - runs axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules on the
//    home page, every index page kind, the standalone pages, 404.html
//    and the first, middle and last review, the monthly updates (updates/,
//    its page 2, the oldest and newest month), at desktop (1280 px) and
//    phone (390 px) widths; a page that loads a file of the site that
//    is not there (status 400 or more) is a finding too;
//  - checks the layout of the same pages at the same widths
//    (layout.mjs): nothing reaches past the right edge of the window
//    except inside a scrolling region that takes the keyboard focus, and
//    no chart label is cut off by its SVG;
//  - writes full-page screenshots of the home page, a review page and a
//    theme page at both widths into SHOTDIR.
// Prints "axe: FILE:LINE: RULE (IMPACT): HELP: TARGET" for each
// violation, "layout: FILE[:LINE]: [WIDTH]: WHAT" for each layout
// finding, "axe: ...", "layout: ..." and "shots: ..." summaries, and
// last the lines "result axe pass|fail", "result shots pass|fail" and
// "result layout pass|fail".  Stops the server and the browser on every
// path out, failure included.  Exits 0 when all three pass, 1
// otherwise.
import { createServer } from 'node:http';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync,
	readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { layout } from './layout.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const AXE = join(here, 'node_modules/axe-core/axe.min.js');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const WIDTHS = [{ name: 'desktop', width: 1280, height: 800 },
	{ name: 'phone', width: 390, height: 844 }];
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css',
	'.xml': 'application/rss+xml', '.svg': 'image/svg+xml',
	'.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
	'.gif': 'image/gif', '.webp': 'image/webp', '.ico': 'image/x-icon',
	'.js': 'text/javascript', '.txt': 'text/plain; charset=utf-8',
	'.pdf': 'application/pdf', '.woff2': 'font/woff2' };

const [siteArg, baseArg, shotDir] = process.argv.slice(2);
if (!siteArg || !baseArg || !shotDir) {
	console.log('axe: usage: node axe.mjs SITE BASEPATH SHOTDIR');
	console.log('result axe fail\nresult shots fail\nresult layout fail');
	process.exit(2);
}
const site = resolve(siteArg);
const base = baseArg.endsWith('/') ? baseArg : baseArg + '/';
const shown = (f) => relative(process.cwd(), f) || '.';

// The static server: BASEPATH maps to SITE; a folder serves its
// index.html; anything else is 404 with the site's 404.html.
function serve(req, res) {
	let path;
	try {
		path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
	} catch {
		res.writeHead(400).end();
		return;
	}
	let file = null;
	if (path.startsWith(base) || path + '/' === base) {
		const rel = normalize(path.slice(base.length) || '.');
		const full = join(site, rel);
		if (full === site || full.startsWith(site + sep)) {
			try {
				const st = statSync(full);
				if (st.isDirectory()) {
					if (!path.endsWith('/')) {
						res.writeHead(301, { Location: path + '/' }).end();
						return;
					}
					if (existsSync(join(full, 'index.html')))
						file = join(full, 'index.html');
				} else if (st.isFile()) {
					file = full;
				}
			} catch { /* not there */ }
		}
	}
	if (file === null) {
		const nf = join(site, '404.html');
		res.writeHead(404, { 'Content-Type': TYPES['.html'] });
		if (existsSync(nf)) createReadStream(nf).pipe(res);
		else res.end('not found');
		return;
	}
	res.writeHead(200, { 'Content-Type':
	    TYPES[extname(file).toLowerCase()] || 'application/octet-stream' });
	if (req.method === 'HEAD') res.end();
	else createReadStream(file).pipe(res);
}

// The pages to audit, as paths relative to the site.
function pick() {
	const isPage = (rel) => existsSync(join(site, rel));
	const dirs = (rel) => {
		try {
			return readdirSync(join(site, rel), { withFileTypes: true })
			    .filter((e) => e.isDirectory() &&
				existsSync(join(site, rel, e.name, 'index.html')))
			    .map((e) => e.name).sort();
		} catch {
			return [];
		}
	};
	const pages = [], missing = [];
	for (const p of ['index.html', 'themes/index.html',
	    'regions/index.html', 'years/index.html', '404.html'])
		(isPage(p) ? pages : missing).push(p);
	/* The insights page: audited whenever the site has one. */
	if (isPage('insights/index.html'))
		pages.push('insights/index.html');
	/* All reviews (the validators' own sites have none), and a second
	 * page of it, with the pagination, when the site has one. */
	for (const p of ['reviews/index.html', 'reviews/page/2/index.html'])
		if (isPage(p))
			pages.push(p);
	for (const kind of ['themes', 'regions', 'years']) {
		const d = dirs(kind);
		if (d.length > 0) pages.push(`${kind}/${d[0]}/index.html`);
	}
	/* A theme in a region and in a year, the first there is. */
	for (const kind of ['regions', 'years'])
		for (const t of dirs('themes')) {
			const o = dirs(`themes/${t}/${kind}`);
			if (o.length > 0) {
				pages.push(`themes/${t}/${kind}/${o[0]}/index.html`);
				break;
			}
		}
	/* The monthly updates: updates/, its second page, the oldest and
	 * the newest month's page (maybe one still going on). */
	for (const p of ['updates/index.html', 'updates/page/2/index.html'])
		if (isPage(p))
			pages.push(p);
	const m = dirs('updates').filter((d) => /^\d{4}-\d{2}$/.test(d));
	for (const d of [...new Set([m[0], m[m.length - 1]])])
		if (d !== undefined)
			pages.push(`updates/${d}/index.html`);
	const reserved = new Set(['themes', 'regions', 'years', 'reviews', 'assets',
	    'insights', 'data', 'updates']);
	for (const d of dirs('.'))
		if (!reserved.has(d)) pages.push(`${d}/index.html`);
	const r = dirs('reviews');
	for (const i of [...new Set([0, Math.floor((r.length - 1) / 2), r.length - 1])])
		if (r.length > 0) pages.push(`reviews/${r[i]}/index.html`);
	return { pages, missing, review: r[0], theme: dirs('themes')[0] };
}

// The line of the file that holds the start of a node's HTML.
function lineOf(file, html) {
	let text;
	try {
		text = readFileSync(join(site, file), 'utf8');
	} catch {
		return 1;
	}
	const tag = (html || '').split('>')[0];
	for (const needle of [tag, tag.slice(0, 40), tag.split(' ')[0] + ' ']) {
		const at = needle.length > 2 ? text.indexOf(needle) : -1;
		if (at >= 0) return text.slice(0, at).split('\n').length;
	}
	return 1;
}

// The line of an element reported by the layout check: its markup up
// to the end of its first text, else its start tag (lineOf).
function layoutLine(file, html) {
	let text;
	try {
		text = readFileSync(join(site, file), 'utf8');
	} catch {
		return 1;
	}
	const m = /^<[^>]*>[^<]*/.exec(html);
	if (m && m[0].length > m[0].indexOf('>') + 1) {
		const at = text.indexOf(m[0]);
		if (at >= 0) return text.slice(0, at).split('\n').length;
	}
	return lineOf(file, html);
}

const urlOf = (origin, rel) =>
	origin + base + rel.replace(/(^|\/)index\.html$/, '$1');

let server = null, context = null, userDir = null;
let axeOk = false, shotsOk = false, layoutOk = false;

async function main() {
	const { pages, missing, review, theme } = pick();
	const axeSource = readFileSync(AXE, 'utf8');
	let violations = 0, runs = 0, findings = 0, measured = 0;
	for (const m of missing) {
		console.log(`axe: ${shown(join(site, m))}: page missing, cannot be audited`);
		violations++;
	}
	server = createServer(serve);
	await new Promise((ok, no) => {
		server.once('error', no);
		server.listen(0, '127.0.0.1', ok);
	});
	const origin = `http://127.0.0.1:${server.address().port}`;
	userDir = mkdtempSync(join(tmpdir(), 'lcspr-chromium-'));
	context = await chromium.launchPersistentContext(userDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu',
		    '--no-first-run', '--disable-background-networking',
		    '--disable-component-update', '--disable-sync'],
		viewport: { width: 1280, height: 800 },
		timeout: 60000,
	});
	const page = context.pages()[0] || await context.newPage();
	page.setDefaultTimeout(30000);
	// Only our own server is ever asked for anything.
	await page.route('**/*', (route) =>
	    route.request().url().startsWith(origin + '/') ?
		route.continue() : route.abort('blockedbyclient'));
	let current = null;
	const broken = [];
	page.on('response', (r) => {
		if (r.status() >= 400 && current && r.url() !== current.url)
			broken.push(`${r.url().slice(origin.length)} (status ${r.status()})`);
	});
	// A request aborted because the page was left (the search page's
	// index, still loading) is not a missing file: those answer 404.
	page.on('requestfailed', (r) => {
		if (current && r.url().startsWith(origin + '/') &&
		    r.failure()?.errorText !== 'net::ERR_ABORTED')
			broken.push(`${r.url().slice(origin.length)} (${r.failure()?.errorText})`);
	});

	for (const vp of WIDTHS) {
		await page.setViewportSize({ width: vp.width, height: vp.height });
		for (const rel of pages) {
			const url = urlOf(origin, rel);
			current = { url };
			broken.length = 0;
			const resp = await page.goto(url, { waitUntil: 'load' });
			const where = shown(join(site, rel));
			if (!resp || resp.status() !== 200) {
				console.log(`axe: ${where}: the server answered ${resp?.status()} for ${url.slice(origin.length)}`);
				violations++;
				continue;
			}
			await page.evaluate(axeSource);
			const res = await page.evaluate((tags) => window.axe.run(document, {
				runOnly: { type: 'tag', values: tags },
				resultTypes: ['violations'],
			}), TAGS);
			runs++;
			current = null;
			for (const f of await layout(page)) {
				findings++;
				const line = f.html ? `:${layoutLine(rel, f.html)}` : '';
				console.log(`layout: ${where}${line}: [${vp.name} ${vp.width} px]: ${f.what}`);
			}
			measured++;
			for (const b of broken) {
				console.log(`axe: ${where}: [${vp.name}] loads a missing file: ${b}`);
				violations++;
			}
			for (const v of res.violations) {
				for (const n of v.nodes) {
					violations++;
					const line = lineOf(rel, n.html);
					const detail = (n.failureSummary || '').split('\n').slice(1)
					    .map((s) => s.trim()).filter(Boolean).join(' ');
					console.log(`axe: ${where}:${line}: ${v.id} (${v.impact}) ` +
					    `[${vp.name}]: ${v.help}: ${n.target.join(' ')}` +
					    (detail ? ` -- ${detail}` : ''));
				}
			}
		}
	}
	console.log(`axe: ${pages.length} pages audited at ${WIDTHS.length} widths ` +
	    `(${runs} runs: ${pages.join(' ')}), ${violations} violations`);
	axeOk = violations === 0 && runs === pages.length * WIDTHS.length && runs > 0;
	console.log(`layout: ${pages.length} pages measured at ${WIDTHS.length} widths ` +
	    `(${WIDTHS.map((w) => `${w.width} px`).join(' and ')}), ${findings} findings`);
	layoutOk = findings === 0 && missing.length === 0 &&
	    measured === pages.length * WIDTHS.length && measured > 0;

	// Screenshots.
	mkdirSync(shotDir, { recursive: true });
	const want = [['home', 'index.html'],
	    ['review', review && `reviews/${review}/index.html`],
	    ['theme', theme && `themes/${theme}/index.html`]];
	let shots = 0, shotFail = 0, none = 0;
	for (const [name, rel] of want) {
		if (!rel && (name === 'review' || !review)) {
			/* A site with nothing published yet has no review page,
			 * nor a theme page unless a theme has an introduction. */
			console.log(`shots: ${shown(site)}: no review published, no ${name} page to photograph`);
			none++;
			continue;
		}
		if (!rel) {
			console.log(`shots: ${shown(site)}: no ${name} page to photograph`);
			shotFail++;
			continue;
		}
		for (const vp of WIDTHS) {
			await page.setViewportSize({ width: vp.width, height: vp.height });
			await page.goto(urlOf(origin, rel), { waitUntil: 'load' });
			const file = join(shotDir, `${name}-${vp.name}-${vp.width}.png`);
			rmSync(file, { force: true });
			await page.screenshot({ path: file, fullPage: true });
			if (existsSync(file) && statSync(file).size > 1000) {
				shots++;
				console.log(`shots: ${shown(file)}`);
			} else {
				console.log(`shots: ${shown(file)}: not written`);
				shotFail++;
			}
		}
	}
	shotsOk = shotFail === 0 && shots === (want.length - none) * WIDTHS.length;
}

async function cleanup() {
	if (context) await context.close().catch(() => {});
	context = null;
	if (server) {
		server.closeAllConnections?.();
		await new Promise((ok) => server.close(ok));
		server = null;
	}
	if (userDir) rmSync(userDir, { recursive: true, force: true });
	userDir = null;
}

const watchdog = setTimeout(async () => {
	console.log('axe: gave up after 240 seconds');
	await cleanup();
	console.log('result axe fail\nresult shots fail\nresult layout fail');
	process.exit(1);
}, 240000);
watchdog.unref();
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'])
	process.once(sig, async () => {
		console.log(`axe: stopped by ${sig}`);
		await cleanup();
		console.log('result axe fail\nresult shots fail\nresult layout fail');
		process.exit(1);
	});

let code = 0;
try {
	await main();
} catch (e) {
	// The first lines say why; Chromium's log of D-Bus noise does not.
	const why = String((e && e.message) || e).split('\n')
	    .filter((l) => !/dbus|^\s*$/.test(l)).slice(0, 12);
	console.log(`axe: crashed: ${why.join('\n    ')}`);
} finally {
	await cleanup();
}
console.log(`result axe ${axeOk ? 'pass' : 'fail'}`);
console.log(`result shots ${shotsOk ? 'pass' : 'fail'}`);
console.log(`result layout ${layoutOk ? 'pass' : 'fail'}`);
code = axeOk && shotsOk && layoutOk ? 0 : 1;
process.exit(code);
