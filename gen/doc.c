/*
 * Reading a content file: reviews, the theme and region intros and
 * the standalone pages all go read, split, load the front matter,
 * check the text, check and render the body.  What a kind of file
 * does with its front matter and with the result is all that differs
 * (struct dockind).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

/*
 * Report the numeric character reference at text[i] ("&#1;",
 * "&#xFFFE;") when it stands for a character no page or feed may hold:
 * cmark 0.30 writes a control character as it is, and U+FFFE or U+FFFF
 * as a byte that is not UTF-8.  ls is the offset where its line starts.
 * Returns 1 when reported.
 */
static int
doc_charref(struct diag *d, const char *path, const char *text,
    size_t len, size_t i, size_t ls, size_t line)
{
	size_t		 j = i + 2, k, col;
	unsigned long	 v = 0;
	int		 hex, digits;

	hex = j < len && (text[j] == 'x' || text[j] == 'X');
	j += hex;
	for (k = j; k < len && k - j < (hex ? 6u : 7u); k++)
		if (hex && isxdigit((unsigned char)text[k]))
			v = v * 16 + (unsigned long)(isdigit((unsigned char)
			    text[k]) ? text[k] - '0' :
			    tolower((unsigned char)text[k]) - 'a' + 10);
		else if (!hex && isdigit((unsigned char)text[k]))
			v = v * 10 + (unsigned long)(text[k] - '0');
		else
			break;
	digits = k > j;
	if (!digits || k >= len || text[k] != ';')
		return 0;
	if (!((v >= 1 && v < 0x20 && v != '\t' && v != '\n' && v != '\r') ||
	    v == 0xfffe || v == 0xffff))
		return 0;
	for (col = 1; ls < i; ls++)
		col += ((unsigned char)text[ls] & 0xc0) != 0x80;
	if (v < 0x20)
		diag_finding(d, 1, path, line, col, "\"%.*s\" stands for the "
		    "invisible control character \\x%02lx, which is not "
		    "allowed in text (no feed reader would read the feeds): "
		    "remove it", (int)(k + 1 - i), text + i, v);
	else
		diag_finding(d, 1, path, line, col, "\"%.*s\" stands for "
		    "\\u%04lX, which is not a character and is not allowed in "
		    "text (no feed reader would read the feeds): remove it",
		    (int)(k + 1 - i), text + i, v);
	return 1;
}

/*
 * Check a Markdown text (len bytes, its first line at line0 of path)
 * before cmark reads it: at most MARKDOWN_BRACKETS "[" (cmark 0.30's
 * link parser takes time that grows with the square of the brackets,
 * as in "![[]()"), and no numeric character reference to a character
 * no page or feed may hold.  One pass.  Returns 1 if good, 0 when
 * reported.  Also for a recommendation's evidence (recs.c).
 */
int
doc_body(struct diag *d, const char *path, const char *text,
    size_t len, size_t line0)
{
	size_t		 i, ls = 0, line = line0, brackets = 0, refs = 0;
	int		 ok = 1;

	for (i = 0; i < len; i++)
		switch (text[i]) {
		case '\n':
			line++;
			ls = i + 1;
			break;
		case '[':
			if (++brackets == MARKDOWN_BRACKETS + 1) {
				diag_error(d, path, line, "more than %d square "
				    "brackets ([) in the text, which is more "
				    "than lcspr reads: split the text, or remove "
				    "brackets that are not links",
				    MARKDOWN_BRACKETS);
				ok = 0;
			}
			break;
		case '&':
			if (i + 1 < len && text[i + 1] == '#' && refs < 10 &&
			    doc_charref(d, path, text, len, i, ls, line)) {
				refs++;
				ok = 0;
			}
			break;
		}
	return ok;
}

/*
 * Read, check and render the content file path of kind k for the
 * object arg (a review, a term, a page): k->fields reads the front
 * matter into arg, k->done takes the rendered body (d->html, NULL when
 * the body had errors).  Every problem is reported, not just the
 * first.  Returns 1 on success, 0 when problems were reported.
 */
int
doc_read(struct site *s, const struct dockind *k, const char *path,
    void *arg)
{
	struct doc	 d;
	struct mdlinks	 ml;
	int		 ok = 1, bodyok, linksok;

	memset(&d, 0, sizeof(d));
	d.path = path;
	if (!scan_read(s->diag, s->re, path, &d.text, &d.len))
		return 0;
	if (k->front) {
		if (!front_split(s->diag, path, d.text, d.len, &d.f)) {
			free(d.text);
			return 0;
		}
		ok = front_load(s->diag, &d.f);
		ok = k->fields(s, &d, arg, ok);
		/* A draft may keep its placeholders until it is published. */
		if (!d.draft)
			scan_marks(s->diag, path, d.text, d.len, 0);
		d.body = d.f.body;
		d.bodysz = d.f.bodysz;
		d.bodyline = d.f.bodyline;
	} else {
		scan_marks(s->diag, path, d.text, d.len, 0);
		d.body = d.text;
		d.bodysz = d.len;
		d.bodyline = 1;
	}
	ok &= check_text(s, path, d.text, d.len, k->front ? &d.f : NULL,
	    d.allow, d.allowsz);
	if (k->stale)
		check_stale(s, path, d.allow, d.allowsz);
	if (k->notext != NULL &&
	    d.body[strspn(d.body, " \t\r\n")] == '\0') {
		diag_error(s->diag, path, d.bodyline, "%s", k->notext);
		bodyok = 0;
	} else
		bodyok = doc_body(s->diag, path, d.body, d.bodysz,
		    d.bodyline);
	ok &= bodyok;
	/* Unless the kind is strict, rendered even when fields are wrong:
	 * its links are reported in the same run. */
	if (bodyok && (ok || !k->strict)) {
		ml.site = s;
		ml.path = path;
		ml.line0 = d.bodyline;
		ml.prefix = k->prefix;
		ml.from = d.from;
		ml.col0 = 0;
		d.html = markdown_render(d.body, d.bodysz, s->allow_raw_html,
		    d.wantpara ? &d.para : NULL, NULL, &ml, &linksok);
		ok &= linksok;
	}
	ok = k->done(s, &d, arg, ok);
	if (k->front)
		front_free(&d.f);
	free(d.text);
	return ok;
}
