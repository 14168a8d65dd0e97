/*
 * Digest: lcspr digest writes one e-mail, a MIME message (RFC 5322,
 * 2045, 2046, 2047) listing the reviews added to the site in a period,
 * for a partnership to send through its mailing tool.  The content is
 * read and checked as lcspr check does.  The message is
 * multipart/alternative: a plain-text part from a small text writer,
 * then an HTML part built as a libxml2 tree (inline styles, a table
 * layout, no images or scripts) and serialised by libxml2.  Both are
 * quoted-printable, so no line is longer than 76 characters.  The HTML
 * part is kept under Gmail's clipping size: reviews that do not fit
 * are counted in a last line that links to the site.  The encoders
 * are in mime.c.
 */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

#define DIGEST_WIDTH	72	/* columns of the plain-text part */
#define DIGEST_HTMLMAX	100000	/* bytes of the HTML part as sent
				 * (encoded): Gmail clips at 102 KB */

/* GOV.UK's colours and fonts, inline: mail programs drop style sheets. */
#define DIGEST_FONT	"font-family:Arial,Helvetica,sans-serif;"
#define DIGEST_TEXT	"color:#0b0c0c;"
#define DIGEST_GREY	"color:#505a5f;"
#define DIGEST_LINK	"color:#1d70b8;text-decoration:underline;"
#define DIGEST_WRAP	"overflow-wrap:anywhere;word-break:break-word;"

static const char digest_usage[] =
"usage: lcspr digest --since YYYY-MM-DD [--until YYYY-MM-DD] [-o file]\n"
"                    [-C content-dir] [-q | -v]\n";

/* What one digest is about, and what it lists. */
struct digest {
	const struct site *site;	/* the site, read and checked */
	struct date	 since;		/* first day of the period */
	struct date	 until;		/* last day of the period */
	const struct review **revs;	/* owned array: the period's reviews,
					 * newest added first */
	size_t		 revsz;		/* number in the period */
	size_t		 shown;		/* how many of them fit in the e-mail */
	char		*name;		/* owned: partnership, else site title */
	char		*period;	/* owned: "1 to 30 November 2026" */
	char		*between;	/* owned: "between 1 November 2026 and
					 * 30 November 2026", or "on ..." */
	char		*subject;	/* owned: the Subject, decoded */
};

static int
digest_usagerr(void)
{
	fputs(digest_usage, stderr);
	return 2;
}

/*
 * Read the date of option opt into d.  Returns 0 after a message when
 * it is not a date written YYYY-MM-DD or not a real one.
 */
static int
digest_date(const char *opt, const char *arg, struct date *d)
{
	int	 rc;

	if ((rc = date_parse(arg, d)) == 1)
		return 1;
	fprintf(stderr, "lcspr: %s ", opt);
	if (rc == 0) {
		fputs("must be a date written YYYY-MM-DD, such as 2026-11-01, "
		    "not \"", stderr);
		diag_puts(stderr, arg);
		fputs("\"\n", stderr);
	} else
		fprintf(stderr, "is %s, which is not a real date\n", arg);
	return 0;
}

/*
 * The period in words: "1 to 30 November 2026", "15 October to 14
 * November 2026", "1 December 2025 to 28 February 2026", or one day.
 */
static char *
digest_period(const struct date *a, const struct date *b)
{
	char	 x[32], y[32];

	date_human(b, y, sizeof(y));
	if (date_cmp(a, b) == 0)
		return xstrdup(y);
	date_human(a, x, sizeof(x));
	if (a->year == b->year && a->month == b->month)
		return xasprintf("%d to %s", a->day, y);
	if (a->year == b->year)
		/* "15 October" of "15 October 2026" */
		return xasprintf("%.*s to %s", (int)(strrchr(x, ' ') - x), x,
		    y);
	return xasprintf("%s to %s", x, y);
}

/* "between 1 November 2026 and 30 November 2026", or "on 18 ...". */
static char *
digest_between(const struct date *a, const struct date *b)
{
	char	 x[32], y[32];

	date_human(a, x, sizeof(x));
	date_human(b, y, sizeof(y));
	if (date_cmp(a, b) == 0)
		return xasprintf("on %s", x);
	return xasprintf("between %s and %s", x, y);
}

/* Choose the published reviews added in the period, newest first. */
static void
digest_choose(struct digest *d)
{
	const struct site *s = d->site;
	const struct review *r;
	size_t		 i;

	d->revs = xcalloc(s->pubsz > 0 ? s->pubsz : 1, sizeof(*d->revs));
	for (i = 0; i < s->pubsz; i++) {
		r = s->pub[i];
		if (date_cmp(&r->added, &d->since) >= 0 &&
		    date_cmp(&r->added, &d->until) <= 0)
			d->revs[d->revsz++] = r;
	}
	index_recent(d->revs, d->revsz);
}

/* The plain-text writer. */

/* Columns of the UTF-8 text p (len bytes): one per character. */
static size_t
digest_cols(const char *p, size_t len)
{
	size_t	 i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)p[i] & 0xc0) != 0x80;
	return n;
}

/*
 * Add text to b as a paragraph wrapped at DIGEST_WIDTH columns, after
 * label (or NULL), and end the line.  Runs of spaces, tabs and line
 * breaks (and any control character) are one space; a word longer
 * than a line goes on a line of its own, whole.
 */
static void
digest_para(struct buf *b, const char *label, const char *text)
{
	const char	*p = text, *w;
	size_t		 col = 0, n, wl;
	int		 first = 1;

	if (label != NULL) {
		buf_puts(b, label);
		col = digest_cols(label, strlen(label));
	}
	for (;;) {
		while (*p != '\0' && (unsigned char)*p <= ' ')
			p++;
		if (*p == '\0')
			break;
		for (w = p; *p != '\0' && (unsigned char)*p > ' '; p++)
			;
		wl = (size_t)(p - w);
		n = digest_cols(w, wl);
		if (col > 0 && col + !first + n > DIGEST_WIDTH) {
			/* A label's own space does not end the line. */
			if (first && b->len > 0 && b->data[b->len - 1] == ' ')
				b->data[--b->len] = '\0';
			buf_puts(b, "\n");
			col = 0;
		} else if (col > 0 && !first) {
			buf_puts(b, " ");
			col++;
		}
		/* 0x7f is a control character too. */
		for (; w < p; w++)
			buf_add(b, *w == 0x7f ? " " : w, 1);
		col += n;
		first = 0;
	}
	buf_puts(b, "\n");
}

/* The names of r's themes, "A, B, C"; the caller frees it. */
static char *
digest_themes(const struct review *r)
{
	struct buf	 b;
	size_t		 i;

	memset(&b, 0, sizeof(b));
	for (i = 0; i < r->themesz; i++) {
		if (i > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, r->themes[i]->name);
	}
	return b.data != NULL ? b.data : xstrdup("");
}

/* "12 March 2026", or "12 March 2026, added to the site 3 ...". */
static char *
digest_dates(const struct review *r)
{
	char	 p[32], a[32];

	date_human(&r->published, p, sizeof(p));
	if (date_cmp(&r->published, &r->added) == 0)
		return xstrdup(p);
	date_human(&r->added, a, sizeof(a));
	return xasprintf("%s, added to the site %s", p, a);
}

/* The sentence that says how many reviews the period had. */
static char *
digest_count(const struct digest *d)
{
	return xasprintf("%zu review%s %s added to %s %s.", d->revsz,
	    d->revsz == 1 ? "" : "s", d->revsz == 1 ? "was" : "were",
	    d->site->title, d->between);
}

/* "And 3 more reviews: see ..." when not all fitted. */
static char *
digest_more(size_t n)
{
	return xasprintf("And %zu more review%s: see", n, n == 1 ? "" : "s");
}

/* Where the e-mail came from. */
static char *
digest_source(const struct digest *d)
{
	char	 today[32];

	date_human(&d->site->today, today, sizeof(today));
	return xasprintf("This e-mail lists the reviews added to %s %s. It "
	    "was made from the site's content on %s.", d->site->title,
	    d->between, today);
}

/* A rule across the plain-text part, between blank lines. */
static void
digest_rule(struct buf *b)
{
	size_t	 k;

	buf_puts(b, "\n");
	for (k = 0; k < DIGEST_WIDTH; k++)
		buf_puts(b, "-");
	buf_puts(b, "\n\n");
}

/* The plain-text part, "\n" line ends, into b. */
static void
digest_text(const struct digest *d, struct buf *b)
{
	const struct site *s = d->site;
	const struct review *r;
	size_t		 i;
	char		*t, *u;

	digest_para(b, NULL, d->name);
	t = xasprintf("Reviews added %s", d->period);
	digest_para(b, NULL, t);
	free(t);
	buf_puts(b, "\n");
	t = digest_count(d);
	digest_para(b, NULL, t);
	free(t);
	buf_puts(b, "\n");
	digest_para(b, "Content note: ", s->content_note);
	for (i = 0; i < d->shown; i++) {
		r = d->revs[i];
		digest_rule(b);
		digest_para(b, NULL, r->title);
		buf_puts(b, "\n");
		if (r->summary != NULL && *r->summary != '\0') {
			digest_para(b, NULL, r->summary);
			buf_puts(b, "\n");
		}
		t = digest_themes(r);
		digest_para(b, r->themesz == 1 ? "Theme: " : "Themes: ", t);
		free(t);
		digest_para(b, "Region: ", r->region->name);
		t = digest_dates(r);
		digest_para(b, "Published: ", t);
		free(t);
		t = xasprintf("%sreviews/%s/", s->base_url, r->slug);
		digest_para(b, "Read the review: ", t);
		free(t);
	}
	digest_rule(b);
	if (d->shown < d->revsz) {
		t = digest_more(d->revsz - d->shown);
		u = xasprintf("%s all reviews on the site, %sreviews/", t,
		    s->base_url);
		digest_para(b, NULL, u);
		free(u);
		free(t);
		buf_puts(b, "\n");
	}
	t = digest_source(d);
	digest_para(b, NULL, t);
	free(t);
	digest_para(b, NULL, s->base_url);
}

/* The HTML part. */

/* A child element of parent as html_el makes it, with an inline style. */
static xmlNodePtr
digest_el(xmlNodePtr parent, const char *name, const char *style,
    const char *text)
{
	xmlNodePtr	 n;

	n = html_el(parent, name, text);
	if (style != NULL)
		html_attr(n, "style", style);
	return n;
}

/* Add text to n as a text node: the serialiser escapes it. */
static void
digest_add(xmlNodePtr n, const char *text)
{
	xmlAddChild(n, xmlNewText((const xmlChar *)text));
}

/* A link to href, with text, in n. */
static void
digest_link(xmlNodePtr n, const char *href, const char *text)
{
	xmlNodePtr	 a;

	a = digest_el(n, "a", DIGEST_LINK, text);
	html_attr(a, "href", href);
}

/* A layout table: mail programs lay out tables, not CSS boxes. */
static xmlNodePtr
digest_table(xmlNodePtr parent, const char *width, const char *style)
{
	xmlNodePtr	 t;

	t = digest_el(parent, "table", style, NULL);
	html_attr(t, "role", "presentation");
	html_attr(t, "width", width);
	html_attr(t, "cellpadding", "0");
	html_attr(t, "cellspacing", "0");
	html_attr(t, "border", "0");
	return t;
}

/* A new row of the main table, before next (or at the end): its cell. */
static xmlNodePtr
digest_row(xmlNodePtr table, xmlNodePtr next, const char *style)
{
	xmlNodePtr	 tr;

	tr = html_el(table, "tr", NULL);
	if (next != NULL)
		xmlAddPrevSibling(next, tr);	/* moves it */
	return digest_el(tr, "td", style, NULL);
}

static int
digest_sink(void *ctx, const char *p, int len)
{
	buf_add(ctx, p, (size_t)len);
	return len;
}

/* Serialise node n (the document when n is NULL) to b, in UTF-8. */
static void
digest_dump(xmlDocPtr doc, xmlNodePtr n, struct buf *b)
{
	xmlOutputBufferPtr ob;

	ob = xmlOutputBufferCreateIO(digest_sink, NULL, b, NULL);
	if (n == NULL)
		htmlDocContentDumpFormatOutput(ob, doc, "UTF-8", 0);
	else
		htmlNodeDumpFormatOutput(ob, doc, n, "UTF-8", 0);
	xmlOutputBufferClose(ob);
}

/* The row of review r, before next, in table. */
static xmlNodePtr
digest_htmlreview(const struct digest *d, xmlNodePtr table, xmlNodePtr next,
    const struct review *r)
{
	xmlNodePtr	 td, h, p;
	char		*t;

	td = digest_row(table, next, "padding:16px 24px;"
	    "border-top:1px solid #b1b4b6;" DIGEST_FONT DIGEST_TEXT
	    DIGEST_WRAP);
	h = digest_el(td, "h2", "margin:0 0 8px 0;font-size:22px;"
	    "line-height:1.3;font-weight:bold;", NULL);
	t = xasprintf("%sreviews/%s/", d->site->base_url, r->slug);
	digest_link(h, t, r->title);
	free(t);
	if (r->summary != NULL && *r->summary != '\0')
		digest_el(td, "p", "margin:0 0 8px 0;font-size:16px;"
		    "line-height:1.5;", r->summary);
	p = digest_el(td, "p", "margin:0;font-size:14px;line-height:1.5;"
	    DIGEST_GREY, r->themesz == 1 ? "Theme: " : "Themes: ");
	t = digest_themes(r);
	digest_add(p, t);
	free(t);
	html_el(p, "br", NULL);
	digest_add(p, "Region: ");
	digest_add(p, r->region->name);
	html_el(p, "br", NULL);
	digest_add(p, "Published: ");
	t = digest_dates(r);
	digest_add(p, t);
	free(t);
	return td->parent;
}

/* The row that says how many more reviews there are, before next. */
static xmlNodePtr
digest_htmlmore(const struct digest *d, xmlNodePtr table, xmlNodePtr next,
    size_t n)
{
	xmlNodePtr	 td, p;
	char		*t, *url;

	td = digest_row(table, next, "padding:16px 24px;"
	    "border-top:1px solid #b1b4b6;" DIGEST_FONT DIGEST_TEXT
	    DIGEST_WRAP);
	t = digest_more(n);
	p = digest_el(td, "p", "margin:0;font-size:16px;line-height:1.5;"
	    "font-weight:bold;", t);
	free(t);
	digest_add(p, " ");
	url = xasprintf("%sreviews/", d->site->base_url);
	digest_link(p, url, "all reviews on the site");
	free(url);
	digest_add(p, ".");
	return td->parent;
}

/*
 * The HTML part into b: every review of the period that fits under
 * DIGEST_HTMLMAX bytes as sent; d->shown says how many.  Each row is
 * serialised once to measure it, so the work is linear.
 */
static void
digest_html(struct digest *d, struct buf *b)
{
	const struct site *s = d->site;
	xmlDocPtr	 doc;
	xmlNodePtr	 html, head, meta, body, outer, td, table, cell, foot;
	xmlNodePtr	 more, row;
	struct buf	 m;
	size_t		 used, cost, i;
	char		*t;

	doc = htmlNewDocNoDtD(NULL, NULL);
	xmlCreateIntSubset(doc, (const xmlChar *)"html", NULL, NULL);
	html = xmlNewDocNode(doc, NULL, (const xmlChar *)"html", NULL);
	xmlDocSetRootElement(doc, html);
	html_attr(html, "lang", s->language);
	head = html_el(html, "head", NULL);
	meta = html_el(head, "meta", NULL);
	html_attr(meta, "http-equiv", "Content-Type");
	html_attr(meta, "content", "text/html; charset=UTF-8");
	meta = html_el(head, "meta", NULL);
	html_attr(meta, "name", "viewport");
	html_attr(meta, "content", "width=device-width, initial-scale=1");
	html_el(head, "title", d->subject);
	body = digest_el(html, "body", "margin:0;padding:0;"
	    "background-color:#f3f2f1;", NULL);
	outer = digest_table(body, "100%", "background-color:#f3f2f1;");
	td = digest_el(html_el(outer, "tr", NULL), "td", "padding:16px 8px;",
	    NULL);
	html_attr(td, "align", "center");
	table = digest_table(td, "600", "width:100%;max-width:600px;"
	    "background-color:#ffffff;border-top:8px solid #1d70b8;"
	    "text-align:left;");

	/* The heading, the period and the content note. */
	cell = digest_row(table, NULL, "padding:24px 24px 16px 24px;"
	    DIGEST_FONT DIGEST_TEXT DIGEST_WRAP);
	digest_el(cell, "p", "margin:0 0 8px 0;font-size:16px;line-height:1.4;"
	    DIGEST_GREY, d->name);
	t = xasprintf("Reviews added %s", d->period);
	digest_el(cell, "h1", "margin:0 0 16px 0;font-size:28px;"
	    "line-height:1.2;font-weight:bold;", t);
	free(t);
	t = digest_count(d);
	digest_el(cell, "p", "margin:0 0 16px 0;font-size:19px;"
	    "line-height:1.4;", t);
	free(t);
	meta = digest_el(cell, "p", "margin:0;padding:12px 16px;"
	    "border-left:5px solid #1d70b8;background-color:#f3f2f1;"
	    "font-size:16px;line-height:1.4;", NULL);
	html_el(meta, "strong", "Content note:");
	digest_add(meta, " ");
	digest_add(meta, s->content_note);

	/* Where it came from, last. */
	foot = digest_row(table, NULL, "padding:16px 24px 24px 24px;"
	    "border-top:1px solid #b1b4b6;" DIGEST_FONT DIGEST_GREY
	    DIGEST_WRAP);
	t = digest_source(d);
	meta = digest_el(foot, "p", "margin:0;font-size:14px;line-height:1.5;",
	    t);
	free(t);
	digest_add(meta, " ");
	digest_link(meta, s->base_url, s->base_url);
	foot = foot->parent;

	/* The frame, with the longest "more" row it could have. */
	more = digest_htmlmore(d, table, foot, d->revsz);
	memset(&m, 0, sizeof(m));
	digest_dump(doc, NULL, &m);
	used = mime_qplen(m.data, m.len);
	xmlUnlinkNode(more);
	xmlFreeNode(more);
	for (i = 0; i < d->revsz; i++) {
		row = digest_htmlreview(d, table, foot, d->revs[i]);
		m.len = 0;
		digest_dump(doc, row, &m);
		cost = mime_qplen(m.data, m.len);
		if (used + cost > DIGEST_HTMLMAX) {
			xmlUnlinkNode(row);
			xmlFreeNode(row);
			break;
		}
		used += cost;
	}
	d->shown = i;
	if (d->shown < d->revsz)
		digest_htmlmore(d, table, foot, d->revsz - d->shown);
	buf_free(&m);
	digest_dump(doc, NULL, b);
	xmlFreeDoc(doc);
}

/* The host of base_url, for the Message-ID; the caller frees it. */
static char *
digest_host(const char *url)
{
	const char	*p;
	size_t		 n;

	if ((p = strstr(url, "://")) != NULL)
		url = p + 3;
	n = strcspn(url, "/:?#");
	for (p = url; p < url + n; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '-'))
			return xstrdup("lcspr.invalid");
	return n > 0 ? xstrndup(url, n) : xstrdup("lcspr.invalid");
}

/*
 * The whole message into b: headers, then the two parts.  The
 * boundary starts "=_", which quoted-printable never writes, so it
 * cannot occur in either part.
 */
static void
digest_mime(const struct digest *d, const struct buf *text,
    const struct buf *html, struct buf *b)
{
	uint64_t	 h;
	char		 date[64], bound[64], *t, *host;

	h = util_fnv(UTIL_FNV0, text->data, text->len);
	h = util_fnv(h, html->data, html->len);
	snprintf(bound, sizeof(bound), "=_lcspr_%016llx",
	    (unsigned long long)h);
	buf_puts(b, "MIME-Version: 1.0\r\n");
	date_rfc822_time(d->site->now, date, sizeof(date));
	buf_puts(b, "Date: ");
	buf_puts(b, date);
	buf_puts(b, "\r\n");
	mime_header(b, "Subject", d->subject);
	host = digest_host(d->site->base_url);
	t = xasprintf("Message-ID: <lcspr-digest.%016llx@%s>\r\n",
	    (unsigned long long)h, host);
	buf_puts(b, t);
	free(t);
	free(host);
	buf_puts(b, "Content-Type: multipart/alternative;\r\n boundary=\"");
	buf_puts(b, bound);
	buf_puts(b, "\"\r\n\r\nThis is a message in MIME format: your mail "
	    "program shows one of its\r\ntwo parts, plain text or HTML.\r\n");
	buf_puts(b, "\r\n--");
	buf_puts(b, bound);
	buf_puts(b, "\r\nContent-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
	mime_qp(b, text->data, text->len);
	buf_puts(b, "\r\n--");
	buf_puts(b, bound);
	buf_puts(b, "\r\nContent-Type: text/html; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
	mime_qp(b, html->data, html->len);
	buf_puts(b, "\r\n--");
	buf_puts(b, bound);
	buf_puts(b, "--\r\n");
}

/*
 * Write msg to path atomically: a temporary file beside it, renamed
 * into place once whole, so a failure leaves no half file.  Returns 1
 * on success, else 0 after a message (nothing left behind).
 */
static int
digest_write(struct site *s, const char *path, const struct buf *msg)
{
	char		*tmp, *slash;
	size_t		 off = 0;
	ssize_t		 n;
	mode_t		 mask;
	int		 fd, e = 0;

	slash = strrchr(path, '/');
	tmp = slash == NULL ? xasprintf(".%s.XXXXXX", path) :
	    xasprintf("%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1);
	if ((fd = mkstemp(tmp)) == -1) {
		if (errno == ENOENT)
			diag_error(s->diag, path, 0, "cannot write the "
			    "digest: the folder \"%.*s\" does not exist; "
			    "make it first, or give -o a file in a folder "
			    "that exists", slash == NULL ? 1 :
			    (int)(slash - path), slash == NULL ? "." : path);
		else if (errno == ENOTDIR)
			diag_error(s->diag, path, 0, "cannot write the "
			    "digest: part of \"%.*s\" is a file, not a "
			    "folder; give -o a file in a folder", slash ==
			    NULL ? 1 : (int)(slash - path), slash == NULL ?
			    "." : path);
		else
			diag_error(s->diag, path, 0, "cannot write the "
			    "digest: %s; give -o a file in a folder you can "
			    "write to", strerror(errno));
		free(tmp);
		return 0;
	}
	/* As any new file: 0666 less the umask (mkstemp gives 0600). */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) == -1)
		e = errno;
	while (e == 0 && off < msg->len)
		if ((n = write(fd, msg->data + off, msg->len - off)) != -1)
			off += (size_t)n;
		else if (errno != EINTR)
			e = errno;
	/* Closed on every path; the first error is the one told. */
	if (close(fd) == -1 && e == 0)
		e = errno;
	if (e == 0 && rename(tmp, path) == -1)
		e = errno;
	if (e != 0) {
		diag_error(s->diag, path, 0, "cannot write the digest: %s",
		    strerror(e));
		unlink(tmp);
	}
	free(tmp);
	return e == 0;
}

/* Free what d owns. */
static void
digest_free(struct digest *d)
{
	free(d->revs);
	free(d->name);
	free(d->period);
	free(d->between);
	free(d->subject);
}

/*
 * Make the digest of site s for the period of d, and write it to out
 * (NULL: standard output).  Returns the exit status.
 */
static int
digest_make(struct site *s, struct digest *d, const char *out)
{
	struct buf	 text, html, msg;
	FILE		*f;
	int		 rc = 1;

	d->site = s;
	d->name = xstrdup(s->partnership != NULL ? s->partnership : s->title);
	d->period = digest_period(&d->since, &d->until);
	d->between = digest_between(&d->since, &d->until);
	d->subject = xasprintf("%s: reviews added %s%s", d->name,
	    date_cmp(&d->since, &d->until) == 0 ? "on " : "", d->period);
	digest_choose(d);
	if (d->revsz == 0) {
		fprintf(stderr, "lcspr: no reviews were added %s, so no "
		    "digest was written; choose other dates with --since "
		    "and --until\n", d->between);
		return 1;
	}
	memset(&text, 0, sizeof(text));
	memset(&html, 0, sizeof(html));
	memset(&msg, 0, sizeof(msg));
	digest_html(d, &html);
	digest_text(d, &text);
	digest_mime(d, &text, &html, &msg);
	if (out != NULL) {
		if (digest_write(s, out, &msg))
			rc = 0;
	} else if (fwrite(msg.data, 1, msg.len, stdout) == msg.len &&
	    fflush(stdout) == 0 && !ferror(stdout))
		rc = 0;
	else
		fprintf(stderr, "lcspr: cannot write the digest to standard "
		    "output: %s\n", strerror(errno));
	diag_flush(s->diag, stderr);
	/* On stderr when the e-mail is on stdout. */
	f = out != NULL ? stdout : stderr;
	if (rc == 0 && s->opts->verbose >= 0) {
		fputs("lcspr: wrote ", f);
		if (out != NULL)
			diag_puts(f, out);
		else
			fputs("the digest", f);
		if (d->shown < d->revsz)
			fprintf(f, ": %zu of the %zu reviews added %s (the "
			    "others would make the e-mail too long for Gmail: "
			    "it links to the site for them)\n", d->shown,
			    d->revsz, d->between);
		else
			fprintf(f, ": %zu review%s added %s\n", d->revsz,
			    d->revsz == 1 ? "" : "s", d->between);
	}
	buf_free(&text);
	buf_free(&html);
	buf_free(&msg);
	return rc;
}

/*
 * lcspr digest --since YYYY-MM-DD [--until YYYY-MM-DD] [-o file]
 * [-C content-dir] [-q | -v]: argv[0] is "digest".  Returns
 * the exit status: 0 written, 1 when the content has errors or no
 * review was added in the period (reported; nothing written), 2 for a
 * usage error.
 */
int
digest_cmd(int argc, char *argv[])
{
	static char	 name[] = "lcspr digest";
	struct opts	 o;
	struct site	 s;
	struct digest	 d;
	const char	*out = NULL;
	int		 c, rc = 1, since = 0, until = 0;
	enum { OPT_SINCE = 256, OPT_UNTIL, OPT_HELP };
	static const struct option lopts[] = {
		{ "since", required_argument, NULL, OPT_SINCE },
		{ "until", required_argument, NULL, OPT_UNTIL },
		{ "help", no_argument, NULL, OPT_HELP },
		{ NULL, 0, NULL, 0 },
	};

	/* Not main_defaults nor main_jobs: the unit tests link every file
	 * but main.c.  Threads as build's default: one a processor. */
	memset(&o, 0, sizeof(o));
	memset(&d, 0, sizeof(d));
	o.contentdir = "content";
	o.outdir = "site";
	o.jobs = 1;
	if ((c = (int)sysconf(_SC_NPROCESSORS_ONLN)) > 1)
		o.jobs = c > 16 ? 16 : c;
	/* Read and check as lcspr check: no site theme. */
	o.checkonly = 1;
	argv[0] = name;
	while ((c = getopt_long(argc, argv, "C:o:qv", lopts, NULL)) != -1)
		switch (c) {
		case 'C':
			o.contentdir = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'q':
			o.verbose = -1;
			break;
		case 'v':
			o.verbose = 1;
			break;
		case OPT_SINCE:
			if (!digest_date("--since", optarg, &d.since))
				return digest_usagerr();
			since = 1;
			break;
		case OPT_UNTIL:
			if (!digest_date("--until", optarg, &d.until))
				return digest_usagerr();
			until = 1;
			break;
		case OPT_HELP:
			fputs(digest_usage, stdout);
			return 0;
		default:
			return digest_usagerr();
		}
	if (optind < argc) {
		fputs("lcspr: unexpected argument \"", stderr);
		diag_puts(stderr, argv[optind]);
		fputs("\"\n", stderr);
		return digest_usagerr();
	}
	if (!since) {
		fprintf(stderr, "lcspr: digest needs --since YYYY-MM-DD, the "
		    "first day of the period, such as --since 2026-11-01\n");
		return digest_usagerr();
	}
	if (*o.contentdir == '\0' || (out != NULL && *out == '\0'))
		return digest_usagerr();
	if (until && date_cmp(&d.since, &d.until) > 0) {
		fprintf(stderr, "lcspr: --since (%04d-%02d-%02d) is after "
		    "--until (%04d-%02d-%02d): give the first day of the "
		    "period with --since and the last with --until\n",
		    d.since.year, d.since.month, d.since.day, d.until.year,
		    d.until.month, d.until.day);
		return digest_usagerr();
	}
	if (!build_start(&s, &o))
		return 2;
	if (!build_load(&s)) {
		fprintf(stderr, "lcspr: %zu error%s; no digest was written\n",
		    s.diag->errors, s.diag->errors == 1 ? "" : "s");
		goto out;
	}
	if (!until)
		d.until = s.today;
	if (date_cmp(&d.since, &d.until) > 0) {
		fprintf(stderr, "lcspr: --since (%04d-%02d-%02d) is after "
		    "today (%04d-%02d-%02d), the default for --until: give an "
		    "earlier --since\n", d.since.year, d.since.month,
		    d.since.day, d.until.year, d.until.month, d.until.day);
		rc = digest_usagerr();
		goto out;
	}
	rc = digest_make(&s, &d, out);
out:
	digest_free(&d);
	build_free(&s);
	return rc;
}
