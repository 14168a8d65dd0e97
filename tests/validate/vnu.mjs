// Check 1, HTML: every .html file of a site (and its .css and .svg
// files) through the Nu Html Checker, in one Java run per site.
// usage: node vnu.mjs SITE
// Prints "html: FILE:LINE.COL: error: MESSAGE" for each error or
// warning and a closing "html: N files checked, N errors, N warnings"
// line.  Exits 0 when the checker ran over every file and found no
// error or warning, 1 when it found any, 2 when it could not run or
// its report cannot be trusted (no output, a file it did not check).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
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

const site = process.argv[2];
if (!site) die('usage: node vnu.mjs SITE');
let files;
try {
	files = walk(site, []).sort();
} catch (e) {
	die(`cannot read ${site}: ${e.message}`);
}
const pages = files.filter((f) => f.endsWith('.html'));
if (pages.length === 0) die(`${site}: no HTML files to check`);

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

let errors = 0, warnings = 0, bad = 0;
for (const m of messages) {
	let file = m.url || site;
	if (file.startsWith('file:')) file = relative(process.cwd(), fileURLToPath(file));
	const line = m.firstLine ?? m.lastLine;
	const col = m.firstColumn ?? m.lastColumn;
	const where = line !== undefined ? `${file}:${line}.${col ?? 1}` : file;
	let kind;
	if (m.type === 'error') kind = 'error', errors++;
	else if (m.type === 'non-document-error') kind = 'error', bad++;
	else if (m.type === 'info' && m.subType === 'warning') kind = 'warning', warnings++;
	else continue;	/* plain information, such as trailing slashes */
	const extract = m.extract ? `  [${m.extract.replace(/\s+/g, ' ').trim()}]` : '';
	console.log(`html: ${where}: ${kind}: ${m.message}${extract}`);
}
console.log(`html: ${pages.length} HTML files and ${files.length - pages.length} ` +
    `CSS/SVG files checked, ${errors + bad} errors, ${warnings} warnings`);
if (bad > 0) process.exit(2);
process.exit(errors + warnings > 0 ? 1 : 0);
