// Check 1, HTML: every .html file of one or more sites (and their .css
// and .svg files) through the Nu Html Checker, in one Java run for all
// of them (its start-up is most of its time).
// usage: node vnu.mjs SITE [SITE ...]
// Prints "html: FILE:LINE.COL: error: MESSAGE" for each error or
// warning and a closing "html: N files checked, N errors, N warnings"
// line for each site; with several sites, each site's lines come after
// a line "html: == SITE".  Exits 0 when the checker ran over every file
// and found no error or warning, 1 when it found any, 2 when it could
// not run or its report cannot be trusted (no output, a file it did not
// check).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const jar = process.env.VNU_JAR ||
	join(here, 'node_modules/vnu-jar/build/dist/vnu.jar');
const java = process.env.JAVA || 'java';

function walk(dir, out) {
	for (const e of readdirSync(dir, { withFileTypes: true })) {
		const p = join(dir, e.name);
		if (e.isDirectory()) walk(p, out);
		else if (/\.(html|css|svg)$/.test(e.name)) out.push(p);
	}
	return out;
}

function die(msg) {
	console.log(`html: ${msg}`);
	process.exit(2);
}

const sites = process.argv.slice(2);
if (sites.length === 0) die('usage: node vnu.mjs SITE [SITE ...]');
const bySite = sites.map((site) => {
	let files;
	try {
		files = walk(site, []).sort();
	} catch (e) {
		die(`cannot read ${site}: ${e.message}`);
	}
	const pages = files.filter((f) => f.endsWith('.html'));
	if (pages.length === 0) die(`${site}: no HTML files to check`);
	return { site, files, pages, lines: [], errors: 0, warnings: 0, bad: 0 };
});
const owner = new Map();
for (const s of bySite)
	for (const f of s.files) owner.set(resolve(f), s);
const files = bySite.flatMap((s) => s.files);

// Two runs side by side: HTML and SVG, then CSS on its own (with
// --also-check-css, vnu 26.9.27 reports HTML lines one too low).
function check(list, opts) {
	return new Promise((done) => {
		if (list.length === 0) {
			done([]);
			return;
		}
		const p = spawn(java, ['-Xss2m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', jar, '--format', 'json',
		    '--verbose', ...opts, ...list]);
		let out = '', err = '';
		p.stdout.setEncoding('utf8').on('data', (d) => out += d);
		p.stderr.setEncoding('utf8').on('data', (d) => err += d);
		p.on('error', (e) => die(`cannot run ${java}: ${e.message}`));
		p.on('close', (status, signal) => {
			if (signal) die(`the checker was killed by ${signal}`);
			let report;
			try {
				report = JSON.parse(err);
			} catch {
				die(`the checker gave no report (exit ${status}): ` +
				    `${err.trim().slice(0, 400) || 'no output'}`);
			}
			if (!report || !Array.isArray(report.messages))
				die('the checker report has no messages array');
			// --verbose lists every file it checked on stdout.
			const checked = new Set(out.split('\n').filter(Boolean));
			const missed = list.filter((f) => !checked.has(f));
			if (missed.length > 0)
				die(`the checker did not check ${missed.length} files, such as ${missed[0]}`);
			done(report.messages);
		});
	});
}

const css = files.filter((f) => f.endsWith('.css'));
const rest = files.filter((f) => !f.endsWith('.css'));
const messages = (await Promise.all([check(rest, ['--also-check-svg']),
    check(css, ['--css'])])).flat();

for (const m of messages) {
	let file = m.url;
	let where = [];
	if (file && file.startsWith('file:')) {
		file = fileURLToPath(file);
		const s = owner.get(resolve(file));
		if (s) where = [s];
		file = relative(process.cwd(), file);
	}
	/* A message of no file of ours is every site's concern. */
	if (where.length === 0) where = bySite;
	const line = m.firstLine ?? m.lastLine;
	const col = m.firstColumn ?? m.lastColumn;
	for (const s of where) {
		const at = file || s.site;
		const place = line !== undefined ? `${at}:${line}.${col ?? 1}` : at;
		let kind;
		if (m.type === 'error') kind = 'error', s.errors++;
		else if (m.type === 'non-document-error') kind = 'error', s.bad++;
		else if (m.type === 'info' && m.subType === 'warning') kind = 'warning', s.warnings++;
		else continue;	/* plain information, such as trailing slashes */
		const extract = m.extract ? `  [${m.extract.replace(/\s+/g, ' ').trim()}]` : '';
		s.lines.push(`html: ${place}: ${kind}: ${m.message}${extract}`);
	}
}
let found = 0, bad = 0;
for (const s of bySite) {
	if (bySite.length > 1) console.log(`html: == ${s.site}`);
	for (const l of s.lines) console.log(l);
	console.log(`html: ${s.pages.length} HTML files and ${s.files.length - s.pages.length} ` +
	    `CSS/SVG files checked, ${s.errors + s.bad} errors, ${s.warnings} warnings`);
	found += s.errors + s.warnings;
	bad += s.bad;
}
if (bad > 0) process.exit(2);
process.exit(found > 0 ? 1 : 0);
