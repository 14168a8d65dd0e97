/*
 * The text a reader sees, for the content checks: one linear pass
 * over a file that decodes the escapes of YAML double-quoted values
 * ("\x40", "\u00a0"), HTML entities (&nbsp; &#64; &#x40;) and Markdown
 * backslash escapes (\@), turns every Unicode space and the tab into
 * an ASCII space, and drops zero-width and other invisible characters
 * (U+200B, U+2060, U+FEFF, the soft hyphen).  Each byte of the result
 * keeps the range of the file it came from, so a finding is reported
 * at the file's line and column, and the file's text is masked.
 */
#include <libxml/HTMLparser.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

/*
 * HTML5 entities that HTML 4 (libxml2's htmlEntityLookup) lacks and
 * that could hide a detail: punctuation used in addresses and numbers,
 * spaces and invisible characters.  Sorted for bsearch (strcmp).
 */
static const struct normentity {
	const char	*name;		/* the name between & and ; */
	uint32_t	 cp;		/* its code point */
} norm_html5[] = {
	{ "MediumSpace", 0x205f },
	{ "NegativeMediumSpace", 0x200b },
	{ "NegativeThickSpace", 0x200b },
	{ "NegativeThinSpace", 0x200b },
	{ "NegativeVeryThinSpace", 0x200b },
	{ "NewLine", 0x0a },
	{ "NoBreak", 0x2060 },
	{ "NonBreakingSpace", 0xa0 },
	{ "Tab", 0x09 },
	{ "ThinSpace", 0x2009 },
	{ "VeryThinSpace", 0x200a },
	{ "ZeroWidthSpace", 0x200b },
	{ "apos", 0x27 },
	{ "ast", 0x2a },
	{ "bsol", 0x5c },
	{ "colon", 0x3a },
	{ "comma", 0x2c },
	{ "commat", 0x40 },
	{ "dash", 0x2010 },
	{ "dollar", 0x24 },
	{ "emsp13", 0x2004 },
	{ "emsp14", 0x2005 },
	{ "equals", 0x3d },
	{ "excl", 0x21 },
	{ "grave", 0x60 },
	{ "hairsp", 0x200a },
	{ "horbar", 0x2015 },
	{ "hyphen", 0x2010 },
	{ "lcub", 0x7b },
	{ "lowbar", 0x5f },
	{ "lpar", 0x28 },
	{ "lsqb", 0x5b },
	{ "midast", 0x2a },
	{ "num", 0x23 },
	{ "numsp", 0x2007 },
	{ "percnt", 0x25 },
	{ "period", 0x2e },
	{ "plus", 0x2b },
	{ "puncsp", 0x2008 },
	{ "quest", 0x3f },
	{ "rcub", 0x7d },
	{ "rpar", 0x29 },
	{ "rsqb", 0x5d },
	{ "semi", 0x3b },
	{ "sol", 0x2f },
	{ "verbar", 0x7c },
	{ "vert", 0x7c },
	{ "zwsp", 0x200b },	/* not HTML, but written for U+200B */
};
#define NORM_HTML5SZ	(sizeof(norm_html5) / sizeof(norm_html5[0]))

#define NORM_DROP	0xffffffffu	/* a character the reader cannot see */

/* A double-quoted YAML scalar: file offsets of its quotes. */
struct normspan {
	size_t		 start;		/* the opening quote */
	size_t		 end;		/* after the closing quote */
};

/* The output being built. */
struct normout {
	struct norm	*n;		/* the result */
	size_t		 max;		/* bytes allocated */
};

/* What the reader sees for code point cp: itself, a space, or nothing. */
static uint32_t
norm_map(uint32_t cp)
{
	if (cp == '\t' || cp == 0xa0 || cp == 0x1680 ||
	    (cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f ||
	    cp == 0x205f || cp == 0x3000 || cp == 0x85 || cp == 0x2028 ||
	    cp == 0x2029)
		return ' ';
	if (cp == 0xad || cp == 0x34f || cp == 0x61c || cp == 0x180e ||
	    (cp >= 0x200b && cp <= 0x200f) ||
	    (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2060 && cp <= 0x2064) ||
	    (cp >= 0x2066 && cp <= 0x206f) ||
	    (cp >= 0xfe00 && cp <= 0xfe0f) || cp == 0xfeff)
		return NORM_DROP;
	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0xfffd;
	return cp;
}

/* Append what the reader sees of cp, which came from file [from, to). */
static void
norm_put(struct normout *o, uint32_t cp, size_t from, size_t to)
{
	struct norm	*n = o->n;
	unsigned char	 u[4];
	size_t		 k, i;

	if ((cp = norm_map(cp)) == NORM_DROP)
		return;
	if (cp < 0x80) {
		u[0] = cp;
		k = 1;
	} else if (cp < 0x800) {
		u[0] = 0xc0 | (cp >> 6);
		u[1] = 0x80 | (cp & 0x3f);
		k = 2;
	} else if (cp < 0x10000) {
		u[0] = 0xe0 | (cp >> 12);
		u[1] = 0x80 | ((cp >> 6) & 0x3f);
		u[2] = 0x80 | (cp & 0x3f);
		k = 3;
	} else {
		u[0] = 0xf0 | (cp >> 18);
		u[1] = 0x80 | ((cp >> 12) & 0x3f);
		u[2] = 0x80 | ((cp >> 6) & 0x3f);
		u[3] = 0x80 | (cp & 0x3f);
		k = 4;
	}
	if (n->len + k > o->max) {
		o->max = (o->max + k) * 2;
		n->buf = xreallocarray(n->buf, o->max + 1, 1);
		n->from = xreallocarray(n->from, o->max, sizeof(*n->from));
		n->to = xreallocarray(n->to, o->max, sizeof(*n->to));
	}
	for (i = 0; i < k; i++) {
		n->buf[n->len] = (char)u[i];
		n->from[n->len] = from;
		n->to[n->len++] = to;
	}
}

/* The code point of the UTF-8 character at p[i]; its length in *k. */
static uint32_t
norm_utf8(const char *p, size_t len, size_t i, size_t *k)
{
	const unsigned char *u = (const unsigned char *)p + i;
	size_t		 need, j;
	uint32_t	 cp;

	if (u[0] < 0x80) {
		*k = 1;
		return u[0];
	}
	if (u[0] >= 0xf0 && u[0] < 0xf8)
		need = 4, cp = u[0] & 0x07;
	else if (u[0] >= 0xe0)
		need = 3, cp = u[0] & 0x0f;
	else if (u[0] >= 0xc0)
		need = 2, cp = u[0] & 0x1f;
	else
		need = 0, cp = 0;
	if (need == 0 || u[0] >= 0xf8 || i + need > len) {
		*k = 1;			/* not UTF-8: the byte as it is */
		return 0xfffd;
	}
	for (j = 1; j < need; j++) {
		if ((u[j] & 0xc0) != 0x80) {
			*k = 1;
			return 0xfffd;
		}
		cp = (cp << 6) | (u[j] & 0x3f);
	}
	*k = need;
	return cp;
}

static int
norm_html5cmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/* The value of n hexadecimal (base 16) or decimal digits at p. */
static uint32_t
norm_num(const char *p, size_t n, int base)
{
	uint32_t v = 0;
	size_t	 i;
	int	 c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)p[i];
		c = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
		v = v * base + c;
	}
	return v;
}

/* How many hexadecimal (or decimal) digits start p, at most max. */
static size_t
norm_digits(const char *p, size_t len, size_t max, int hex)
{
	size_t	 i;

	for (i = 0; i < len && i < max; i++)
		if (!(p[i] >= '0' && p[i] <= '9') && !(hex &&
		    ((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'f')))
			break;
	return i;
}

/*
 * An HTML entity at p (a '&'), as CommonMark reads one: its code
 * point, and its length in *k; 0 when it is none.
 */
static uint32_t
norm_entity(const char *p, size_t len, size_t *k)
{
	const htmlEntityDesc *e;
	const struct normentity *f;
	char		 name[40];
	size_t		 i, d;
	uint32_t	 v;
	int		 hex;

	if (len > 2 && p[1] == '#') {
		hex = p[2] == 'x' || p[2] == 'X';
		i = 2 + hex;
		d = norm_digits(p + i, len - i, hex ? 6 : 7, hex);
		if (d == 0 || i + d >= len || p[i + d] != ';')
			return 0;
		*k = i + d + 1;
		v = norm_num(p + i, d, hex ? 16 : 10);
		return v == 0 ? 0xfffd : v;
	}
	for (i = 1; i < len && i < sizeof(name) &&
	    ((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z') ||
	    (i > 1 && p[i] >= '0' && p[i] <= '9')); i++)
		name[i - 1] = p[i];
	if (i == 1 || i >= len || p[i] != ';')
		return 0;
	name[i - 1] = '\0';
	if ((e = htmlEntityLookup((const xmlChar *)name)) != NULL) {
		*k = i + 1;
		return e->value;
	}
	f = bsearch(name, norm_html5, NORM_HTML5SZ, sizeof(norm_html5[0]),
	    norm_html5cmp);
	if (f == NULL)
		return 0;
	*k = i + 1;
	return f->cp;
}

/*
 * A YAML escape at p (a '\\' in a double-quoted scalar): its code
 * point (NORM_DROP for an escaped line break, which joins the lines)
 * and its length in *k; 0 when it is none.
 */
static uint32_t
norm_yaml(const char *p, size_t len, size_t *k)
{
	static const char from[] = "0abt\tnvfre \"/\\N_LP";
	static const uint32_t to[] = { 0, 7, 8, 9, 9, 10, 11, 12, 13, 27,
	    ' ', '"', '/', '\\', 0x85, 0xa0, 0x2028, 0x2029 };
	const char	*c;
	size_t		 d, want, i;

	if (len < 2)
		return 0;
	if (p[1] == '\n' || p[1] == '\r') {
		i = 1 + (p[1] == '\r' && len > 2 && p[2] == '\n') + 1;
		while (i < len && (p[i] == ' ' || p[i] == '\t'))
			i++;
		*k = i;
		return NORM_DROP;
	}
	want = p[1] == 'x' ? 2 : p[1] == 'u' ? 4 : p[1] == 'U' ? 8 : 0;
	if (want > 0) {
		d = norm_digits(p + 2, len - 2, want, 1);
		if (d != want)
			return 0;
		*k = 2 + want;
		return norm_num(p + 2, want, 16);
	}
	if (p[1] == '\0' || (c = strchr(from, p[1])) == NULL)
		return 0;
	*k = 2;
	return to[c - from] == 0 ? 0xfffd : to[c - from];
}

static int
norm_spancmp(const void *a, const void *b)
{
	const struct normspan *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * The double-quoted scalars of the loaded front matter f (of text,
 * len bytes) as file offsets, in order; the caller owns the array.
 */
static size_t
norm_spans(const char *text, size_t len, const struct front *f,
    struct normspan **out)
{
	struct normspan	*v = NULL;
	yaml_node_t	*nd;
	size_t		 n = 0, i, base, k, ci, bi, *idx;

	*out = NULL;
	if (f == NULL || !f->loaded || f->yaml < text ||
	    f->yaml + f->yamlsz > text + len)
		return 0;
	for (nd = f->doc.nodes.start; nd < f->doc.nodes.top; nd++)
		if (nd->type == YAML_SCALAR_NODE &&
		    nd->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
			n++;
	if (n == 0)
		return 0;
	v = xcalloc(n, sizeof(*v));
	n = 0;
	for (nd = f->doc.nodes.start; nd < f->doc.nodes.top; nd++)
		if (nd->type == YAML_SCALAR_NODE &&
		    nd->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) {
			/* Character indexes for now (as libyaml counts). */
			v[n].start = nd->start_mark.index;
			v[n++].end = nd->end_mark.index;
		}
	qsort(v, n, sizeof(*v), norm_spancmp);
	/* Characters to bytes in one walk: libyaml skips a BOM. */
	base = (size_t)(f->yaml - text);
	bi = f->yamlsz >= 3 && memcmp(f->yaml, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	idx = xcalloc(2 * n, sizeof(*idx));
	for (ci = 0, i = 0; i < 2 * n; i++) {
		k = i % 2 == 0 ? v[i / 2].start : v[i / 2].end;
		if (k < ci) {		/* overlapping scalars: cannot be */
			idx[i] = SIZE_MAX;
			continue;
		}
		for (; ci < k && bi < f->yamlsz; ci++)
			do
				bi++;
			while (bi < f->yamlsz &&
			    ((unsigned char)f->yaml[bi] & 0xc0) == 0x80);
		idx[i] = ci == k ? base + bi : SIZE_MAX;
	}
	for (k = 0, i = 0; i < n; i++) {
		v[k].start = idx[2 * i];
		v[k].end = idx[2 * i + 1];
		/* Only what is surely a quoted scalar is decoded. */
		if (v[k].start != SIZE_MAX && v[k].end != SIZE_MAX &&
		    v[k].end >= v[k].start + 2 && text[v[k].start] == '"' &&
		    text[v[k].end - 1] == '"')
			k++;
	}
	free(idx);
	*out = v;
	return k;
}

/* Does text need a copy: an '&', '\\', a tab or a byte >= 0x80? */
static int
norm_needed(const char *text, size_t len)
{
	const unsigned char *u = (const unsigned char *)text;
	size_t	 i;

	for (i = 0; i < len; i++)
		if (u[i] >= 0x80 || u[i] == '&' || u[i] == '\\' ||
		    u[i] == '\t')
			return 1;
	return 0;
}

/*
 * Make n the text the reader sees of text (len bytes, a whole file;
 * f its front matter once loaded, or NULL).  When nothing changes,
 * n->text is text itself and nothing is allocated.  Free with
 * norm_free.
 */
void
norm_text(struct norm *n, const char *text, size_t len,
    const struct front *f)
{
	struct normout	 o;
	struct normspan	*sp;
	size_t		 spsz, s = 0, i, k;
	uint32_t	 cp;
	int		 inq;

	memset(n, 0, sizeof(*n));
	n->text = text;
	n->len = n->srclen = len;
	if (!norm_needed(text, len))
		return;
	spsz = norm_spans(text, len, f, &sp);
	o.n = n;
	o.max = len;
	n->buf = xmalloc(len + 1);
	n->from = xcalloc(len > 0 ? len : 1, sizeof(*n->from));
	n->to = xcalloc(len > 0 ? len : 1, sizeof(*n->to));
	n->len = 0;
	for (i = 0; i < len; i += k) {
		while (s < spsz && sp[s].end <= i)
			s++;
		inq = s < spsz && sp[s].start < i && i + 1 < sp[s].end;
		k = 0;
		if (inq && text[i] == '\\')
			cp = norm_yaml(text + i, sp[s].end - 1 - i, &k);
		else if (text[i] == '&')
			cp = norm_entity(text + i, len - i, &k);
		else if (!inq && text[i] == '\\' && i + 1 < len &&
		    strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
		    text[i + 1]) != NULL && text[i + 1] != '\0') {
			/* A Markdown escape: the reader sees the mark. */
			cp = (unsigned char)text[i + 1];
			k = 2;
		} else
			cp = 0;
		if (k == 0)
			cp = norm_utf8(text, len, i, &k);
		if (cp != NORM_DROP)
			norm_put(&o, cp, i, i + k);
	}
	n->buf[n->len] = '\0';
	n->text = n->buf;
	free(sp);
}

/* The file offset where the byte off of the checked text came from. */
size_t
norm_start(const struct norm *n, size_t off)
{
	if (n->from == NULL)
		return off;
	return off < n->len ? n->from[off] : n->srclen;
}

/*
 * The file offset just after the source of the checked text's bytes
 * before end: norm_start(start) to norm_end(end) is the file's text of
 * the match [start, end).
 */
size_t
norm_end(const struct norm *n, size_t end)
{
	if (n->from == NULL)
		return end;
	if (end == 0)
		return norm_start(n, 0);
	return n->to[end - 1];
}

/*
 * Free what norm_text allocated.
 */
void
norm_free(struct norm *n)
{
	free(n->buf);
	free(n->from);
	free(n->to);
	memset(n, 0, sizeof(*n));
}
