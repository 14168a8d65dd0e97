// Check 6, layout: nothing wider than the window, no clipped chart
// label.  Imported by axe.mjs, which runs it on every audited page at
// both widths in the same browser.
//
// layout(page) measures the page loaded in the Playwright page and
// returns its findings, each { what, html } (html: the start of the
// element's markup, to find its line in the file):
//  - the document is wider than the window
//    (document.documentElement.scrollWidth > clientWidth);
//  - an element's box reaches past the right edge of the window, unless
//    an ancestor clips it (overflow-x hidden or clip, as an SVG does) or
//    scrolls sideways (overflow-x auto or scroll) and can take the
//    keyboard focus (tabindex="0": WCAG 2.1.1 asks that a scrolling
//    region be reachable without a mouse); an element inside one already
//    reported is not reported again;
//  - an SVG <text> element's box reaches outside its SVG's viewBox or
//    box, so part of the label is cut off.
// Each finding names the element by a short CSS path and says by how
// many CSS pixels it overflows.

// Runs in the page.  At most MAX findings of each kind, then a count.
function measure(MAX) {
	const out = [];
	const view = document.documentElement.clientWidth;
	const slack = 0.5;
	const px = (v) => Math.ceil(v - 0.001);
	const path = (el) => {
		const parts = [];
		for (let e = el; e && e.nodeType === 1 && parts.length < 4;
		    e = e.parentElement) {
			const tag = e.localName;
			if (e.id) {
				parts.unshift(`${tag}#${e.id}`);
				break;
			}
			let s = tag;
			const cls = typeof e.className === 'string' ?
			    e.className.trim().split(/\s+/)[0] :
			    (e.getAttribute('class') || '').trim().split(/\s+/)[0];
			if (cls) s += `.${cls}`;
			const p = e.parentElement;
			if (p) {
				const same = [...p.children].filter((c) => c.localName === tag);
				if (same.length > 1)
					s += `:nth-of-type(${same.indexOf(e) + 1})`;
			}
			parts.unshift(s);
			if (tag === 'body' || tag === 'html') break;
		}
		return parts.join(' > ');
	};
	const start = (el) => el.outerHTML.slice(0, 160);

	const sw = document.documentElement.scrollWidth;
	if (sw > view + slack)
		out.push({ what: `the page is ${sw} px wide, ${px(sw - view)} px ` +
		    `wider than the window`, html: '' });

	// Elements past the right edge.
	let over = 0;
	let last = null;	// document order: its descendants come next
	for (const el of document.body ? document.body.querySelectorAll('*') : []) {
		if (last && last.contains(el)) continue;
		const r = el.getBoundingClientRect();
		if (r.width === 0 && r.height === 0) continue;
		const right = r.right + window.scrollX;
		if (right <= view + slack) continue;
		let exempt = false, unfocusable = null;
		for (let a = el.parentElement; a && a !== document.documentElement;
		    a = a.parentElement) {
			const ox = getComputedStyle(a).overflowX;
			if (ox === 'hidden' || ox === 'clip') {
				exempt = true;
				break;
			}
			if (ox === 'auto' || ox === 'scroll') {
				if (a.tabIndex >= 0 && a.getAttribute('tabindex') !== null) {
					exempt = true;
				} else {
					unfocusable = a;
				}
				break;
			}
		}
		if (exempt) continue;
		last = el;
		if (++over > MAX) continue;
		out.push({ what: `${path(el)} reaches ${px(right - view)} px past ` +
		    `the right edge of the window` + (unfocusable ?
		    `, inside a scrolling region that cannot take the keyboard ` +
		    `focus (${path(unfocusable)}: add tabindex="0")` : ''),
		    html: start(el) });
	}
	if (over > MAX)
		out.push({ what: `and ${over - MAX} more elements past the right edge`,
		    html: '' });

	// Chart labels cut off by their SVG.
	let cut = 0;
	for (const svg of document.querySelectorAll('svg')) {
		const b = svg.getBoundingClientRect();
		if (b.width === 0 || b.height === 0) continue;
		let box = { left: b.left, top: b.top, right: b.right, bottom: b.bottom };
		const vb = svg.viewBox && svg.viewBox.baseVal;
		const m = svg.getScreenCTM();
		if (vb && vb.width > 0 && vb.height > 0 && m) {
			const p = (x, y) => new DOMPoint(x, y).matrixTransform(m);
			const a = p(vb.x, vb.y), z = p(vb.x + vb.width, vb.y + vb.height);
			box = { left: Math.max(box.left, Math.min(a.x, z.x)),
			    top: Math.max(box.top, Math.min(a.y, z.y)),
			    right: Math.min(box.right, Math.max(a.x, z.x)),
			    bottom: Math.min(box.bottom, Math.max(a.y, z.y)) };
		}
		for (const t of svg.querySelectorAll('text')) {
			if (t.closest('svg') !== svg) continue;
			const r = t.getBoundingClientRect();
			if (r.width === 0 && r.height === 0) continue;
			const sides = [['left', box.left - r.left], ['right', r.right - box.right],
			    ['top', box.top - r.top], ['bottom', r.bottom - box.bottom]]
			    .filter(([, d]) => d > slack);
			if (sides.length === 0) continue;
			if (++cut > MAX) continue;
			const text = t.textContent.trim().replace(/\s+/g, ' ');
			out.push({ what: `the chart label "${text.slice(0, 60)}" ` +
			    `(${path(t)}) is cut off by its SVG (${path(svg)}) by ` +
			    sides.map(([s, d]) => `${px(d)} px at the ${s}`).join(', '),
			    html: start(t) });
		}
	}
	if (cut > MAX)
		out.push({ what: `and ${cut - MAX} more chart labels cut off`, html: '' });
	return out;
}

/*
 * The layout findings of the page loaded in page (a Playwright page),
 * at most max of each kind.
 */
export async function layout(page, max = 10) {
	return page.evaluate(measure, max);
}
