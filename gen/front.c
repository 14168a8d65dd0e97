/*
 * Front matter: split a file into its YAML block and its body, load
 * the YAML with libyaml, and list the top-level keys with their lines.
 * No meaning is given to any key here (review.c and config.c do that).
 */
#include <ctype.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

/* Length of the line starting at p (without its newline). */
static size_t
front_linelen(const char *p, const char *end)
{
	const char	*nl;

	nl = memchr(p, '\n', (size_t)(end - p));
	return nl == NULL ? (size_t)(end - p) : (size_t)(nl - p);
}

/* Is the line at p, of length n, a "---" fence (trailing blanks ok)? */
static int
front_isfence(const char *p, size_t n)
{
	if (n > 0 && p[n - 1] == '\r')
		n--;
	if (n < 3 || strncmp(p, "---", 3) != 0)
		return 0;
	for (p += 3, n -= 3; n > 0; p++, n--)
		if (*p != ' ' && *p != '\t')
			return 0;
	return 1;
}

/*
 * Split text (len bytes) into front matter and body, filling f.
 * Returns 1 on success; 0 (reported) when the file does not open with
 * a "---" line or the block is never closed.
 */
int
front_split(struct diag *d, const char *path, const char *text,
    size_t len, struct front *f)
{
	const char	*p = text, *end = text + len;
	size_t		 n, line = 1;

	memset(f, 0, sizeof(*f));
	f->path = path;
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	n = front_linelen(p, end);
	if (!front_isfence(p, n)) {
		diag_error(d, path, 1, "no front matter: the file must start "
		    "with a line of three dashes (---), then the fields, then "
		    "another --- line");
		return 0;
	}
	p += n + (p + n < end);
	f->yaml = p;
	f->yamlline = ++line;
	while (p < end) {
		n = front_linelen(p, end);
		if (front_isfence(p, n)) {
			f->yamlsz = (size_t)(p - f->yaml);
			p += n + (p + n < end);
			f->body = p;
			f->bodysz = (size_t)(end - p);
			f->bodyline = line + 1;
			if (f->yamlsz > FRONT_MAX) {
				diag_error(d, path, 1, "the front matter is %zu "
				    "KB, more than the limit of %d KB: keep the "
				    "fields short and put the text after the "
				    "closing ---", (f->yamlsz + 1023) / 1024,
				    FRONT_MAX / 1024);
				return 0;
			}
			return 1;
		}
		p += n + (p + n < end);
		line++;
	}
	diag_error(d, path, 1, "front matter is not closed: add a line of "
	    "three dashes (---) after the last field");
	return 0;
}

/*
 * Line in the file of a node of the loaded document.
 */
size_t
front_line(const struct front *f, const yaml_node_t *n)
{
	return f->yamlline + n->start_mark.line;
}

/*
 * The node at index i of the loaded document.
 */
yaml_node_t *
front_node(struct front *f, int i)
{
	return yaml_document_get_node(&f->doc, i);
}

/*
 * The text of a scalar node, or NULL if the node is not a scalar.
 */
const char *
front_scalar(const yaml_node_t *n)
{
	if (n == NULL || n->type != YAML_SCALAR_NODE)
		return NULL;
	return (const char *)n->data.scalar.value;
}

/*
 * Is the node YAML's null (an empty value, ~ or null, unquoted)?
 */
int
front_isnull(const yaml_node_t *n)
{
	const char	*s;

	if (n == NULL)
		return 1;
	if (n->type != YAML_SCALAR_NODE ||
	    n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	s = front_scalar(n);
	return *s == '\0' || strcmp(s, "~") == 0 ||
	    strcasecmp(s, "null") == 0;
}

/*
 * Read a true/false field: true or false, yes or no, in any case,
 * quoted or not, and nothing else.  Returns 1 and sets *v, or 0 when
 * reported.
 */
int
front_bool(struct diag *d, const struct front *f, const struct field *fl,
    int *v)
{
	const char	*s;

	if ((s = front_scalar(fl->value)) != NULL) {
		if (strcasecmp(s, "true") == 0 || strcasecmp(s, "yes") == 0) {
			*v = 1;
			return 1;
		}
		if (strcasecmp(s, "false") == 0 || strcasecmp(s, "no") == 0) {
			*v = 0;
			return 1;
		}
	}
	if (s == NULL)
		diag_error(d, f->path, fl->line, "\"%s\" must be true or false "
		    "(or yes or no), not a list or a group of fields", fl->key);
	else if (front_isnull(fl->value) || s[strspn(s, " \t")] == '\0')
		diag_error(d, f->path, fl->line, "\"%s\" is empty: write true "
		    "or false (or yes or no)", fl->key);
	else
		diag_error(d, f->path, fl->line, "\"%s\" must be true or false "
		    "(or yes or no), not \"%s\"", fl->key, s);
	return 0;
}

/* What front_load knows of the place of each node. */
struct front_where {
	size_t		 field;		/* 1 + index in fields, or 0 */
	const char	*key;		/* key of the value or of the list */
	int		 entry;		/* a list entry (of key) */
	int		 iskey;		/* a mapping key */
	int		 set;		/* filled in */
};

/*
 * Byte offsets of the characters of the YAML text, as libyaml's marks
 * count characters (a leading byte-order mark not counted).  *n gets
 * the number of characters; the array has one more entry, the end.
 * The caller owns the result.
 */
static size_t *
front_cmap(const struct front *f, size_t *n)
{
	size_t	*m, i = 0, k = 0;

	m = xcalloc(f->yamlsz + 1, sizeof(*m));
	if (f->yamlsz >= 3 && memcmp(f->yaml, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	for (; i < f->yamlsz; i++)
		if (((unsigned char)f->yaml[i] & 0xc0) != 0x80)
			m[k++] = i;
	m[k] = f->yamlsz;
	*n = k;
	return m;
}

/* The byte offset of character index i. */
static size_t
front_off(const size_t *m, size_t n, size_t i)
{
	return m[i < n ? i : n];
}

/* Bytes of the line starting at off, without blanks and \r at its end. */
static size_t
front_trimlen(const struct front *f, size_t off)
{
	size_t	 n = front_linelen(f->yaml + off, f->yaml + f->yamlsz);

	while (n > 0 && strchr(" \t\r", f->yaml[off + n - 1]) != NULL)
		n--;
	return n;
}

/* The first non-blank byte of the line starting at off. */
static size_t
front_indent(const struct front *f, size_t off)
{
	while (off < f->yamlsz && (f->yaml[off] == ' ' ||
	    f->yaml[off] == '\t'))
		off++;
	return off;
}

/*
 * pre (n bytes), then val (vn bytes) in double quotes with its quotes
 * and backslashes escaped: a corrected line.  The caller owns it.
 */
static char *
front_quoted(const char *pre, size_t n, const char *val, size_t vn)
{
	char	*s, *p;
	size_t	 i;

	p = s = xmalloc(n + 2 * vn + 3);
	memcpy(p, pre, n);
	p += n;
	*p++ = '"';
	for (i = 0; i < vn; i++) {
		if (val[i] == '"' || val[i] == '\\')
			*p++ = '\\';
		*p++ = val[i];
	}
	*p++ = '"';
	*p = '\0';
	return s;
}

/* Does p (n bytes left) start with a curly quote?  Which one? */
static int
front_curly(const char *p, size_t n, const char **pair)
{
	if (n < 3 || (unsigned char)p[0] != 0xe2 ||
	    (unsigned char)p[1] != 0x80)
		return 0;
	switch ((unsigned char)p[2]) {
	case 0x9c:
	case 0x9d:
		*pair = "\xe2\x80\x9c \xe2\x80\x9d";
		return 1;
	case 0x98:
	case 0x99:
		*pair = "\xe2\x80\x98 \xe2\x80\x99";
		return 1;
	}
	return 0;
}

/*
 * If the value on the line at off ("key: value" or "- value") opens
 * with a curly quote, report it at line, with the line corrected.
 * Returns 1 when reported.
 */
static int
front_curlyline(struct diag *d, const struct front *f, size_t off,
    size_t line)
{
	const char	*p, *e, *v, *pair, *k;
	char		*fix, *what;

	p = f->yaml + front_indent(f, off);
	e = f->yaml + off + front_trimlen(f, off);
	if (p >= e)
		return 0;
	k = p;
	if (*p == '-' && p + 1 < e && (p[1] == ' ' || p[1] == '\t'))
		v = p + 1;
	else if ((v = memchr(p, ':', (size_t)(e - p))) == NULL)
		return 0;
	for (v++; v < e && (*v == ' ' || *v == '\t'); v++)
		continue;
	if (!front_curly(v, (size_t)(e - v), &pair))
		return 0;
	if (*k == '-')
		what = xstrdup("this list entry");
	else
		what = xasprintf("\"%.*s\"", (int)(strchr(k, ':') - k), k);
	v += 3;
	if (e - v >= 3 && front_curly(e - 3, 3, &k))
		e -= 3;
	fix = front_quoted(p, (size_t)(v - 3 - p), v, (size_t)(e - v));
	diag_error(d, f->path, line, "%s is in curly quotes (%s), which are "
	    "not read as quotes: use straight quotes (\") instead: %s",
	    what, pair, fix);
	free(fix);
	free(what);
	return 1;
}

/*
 * Is the line at off a field with no space after its colon
 * ("region:north west")?  Not a web address ("https://").
 */
static int
front_nospace(const struct front *f, size_t off, size_t *colon)
{
	const char	*p = f->yaml + front_indent(f, off), *e;

	e = f->yaml + off + front_trimlen(f, off);
	if (p >= e || !(isalpha((unsigned char)*p) || *p == '_'))
		return 0;
	while (p < e && (isalnum((unsigned char)*p) || *p == '_' ||
	    *p == '-'))
		p++;
	if (p + 1 >= e || *p != ':' || p[1] == ' ' || p[1] == '\t' ||
	    (p[1] == '/' && p + 2 < e && p[2] == '/'))
		return 0;
	*colon = (size_t)(p - f->yaml);
	return 1;
}

/* Is the line at off a list entry with no space after its dash? */
static int
front_nodash(const struct front *f, size_t off)
{
	size_t	 p = front_indent(f, off);

	return p + 1 < f->yamlsz && f->yaml[p] == '-' &&
	    strchr(" \t\r\n-", f->yaml[p + 1]) == NULL &&
	    !isdigit((unsigned char)f->yaml[p + 1]);
}

/* Report a list dash with no space after it, on the line at off. */
static void
front_dashmsg(struct diag *d, const struct front *f, size_t off,
    size_t line)
{
	size_t	 p = front_indent(f, off), e = off + front_trimlen(f, off);

	diag_error(d, f->path, line, "a list entry needs a space after its "
	    "dash: - %.*s", (int)(e - p - 1), f->yaml + p + 1);
}

/* A plain-language hint for libyaml's commonest complaints. */
static const char *
front_hint(const char *problem, const char *context, int tab)
{
	if (tab)
		return " (indent with spaces, not tabs)";
	if (context != NULL && strstr(context, "quoted scalar") != NULL)
		return " (a quote opened here is never closed)";
	if (context != NULL && strstr(context, "flow sequence") != NULL)
		return " (a list opened with [ here must end with ])";
	if (context != NULL && strstr(context, "flow mapping") != NULL)
		return " (a group opened with { here must end with })";
	if (problem == NULL)
		return "";
	if (strstr(problem, "mapping values are not allowed") != NULL)
		return " (a value that contains \": \" must be in quotes)";
	if (strstr(problem, "found character that cannot start") != NULL)
		return " (a value that starts with @, ` or % must be in "
		    "quotes)";
	if (strstr(problem, "did not find expected key") != NULL)
		return " (check the indentation and the quotes on the "
		    "lines above)";
	if (strstr(problem, "undefined alias") != NULL)
		return " (a value that starts with * or & must be in quotes)";
	return "";
}

/*
 * Report libyaml's failure p at the line where the person must act,
 * with a hint for the common slips: a line wrapped without indenting,
 * no space after a colon or a list dash, curly quotes, tabs, a quote
 * or bracket never closed.
 */
static void
front_yamlerror(struct diag *d, const struct front *f, yaml_parser_t *p)
{
	size_t		*m, n, off, prev, colon, line;
	int		 opened, tab;
	const char	*prob = p->problem, *ctx = p->context;

	m = front_cmap(f, &n);
	if (prob != NULL && ctx != NULL &&
	    strstr(prob, "could not find expected ':'") != NULL &&
	    strstr(ctx, "simple key") != NULL) {
		/* A line that is no "name: value": say why. */
		off = front_off(m, n, p->context_mark.index -
		    p->context_mark.column);
		line = f->yamlline + p->context_mark.line;
		if (front_nodash(f, off))
			front_dashmsg(d, f, off, line);
		else if (front_nospace(f, off, &colon))
			diag_error(d, f->path, line, "a field needs a space "
			    "after its colon: %.*s: %.*s",
			    (int)(colon - front_indent(f, off)),
			    f->yaml + front_indent(f, off),
			    (int)(off + front_trimlen(f, off) - colon - 1),
			    f->yaml + colon + 1);
		else if (!front_curlyline(d, f, off, line))
			diag_error(d, f->path, line, "this line is not a field "
			    "(name: value): if it continues the line above, "
			    "join it to that line, or indent it with spaces");
		goto out;
	}
	if (prob != NULL && strstr(prob, "mapping values are not allowed") !=
	    NULL) {
		off = front_off(m, n, p->problem_mark.index -
		    p->problem_mark.column);
		line = f->yamlline + p->problem_mark.line;
		if (front_curlyline(d, f, off, line))
			goto out;
		/* "region:north west" above runs into this line's key. */
		if (off > 0 && !front_nospace(f, off, &colon) &&
		    memchr(f->yaml + off, ':', front_off(m, n,
		    p->problem_mark.index) - off) == NULL) {
			for (prev = off - 1; prev > 0 &&
			    f->yaml[prev - 1] != '\n'; prev--)
				continue;
			if (front_nospace(f, prev, &colon)) {
				diag_error(d, f->path, line - 1, "a field "
				    "needs a space after its colon: %.*s: %.*s",
				    (int)(colon - front_indent(f, prev)),
				    f->yaml + front_indent(f, prev),
				    (int)(prev + front_trimlen(f, prev) -
				    colon - 1), f->yaml + colon + 1);
				goto out;
			}
		}
	}
	/* An unclosed quote or list: point where it opened. */
	opened = ctx != NULL && (strstr(ctx, "quoted scalar") != NULL ||
	    strstr(ctx, "flow") != NULL);
	line = opened ? p->context_mark.line : p->problem_mark.line;
	off = front_off(m, n, p->problem_mark.index);
	tab = off < f->yamlsz && f->yaml[off] == '\t';
	diag_error(d, f->path, f->yamlline + line, "this is not valid YAML: "
	    "%s%s", prob != NULL ? prob : "unknown error",
	    front_hint(prob, opened ? ctx : NULL, tab));
out:
	free(m);
}

/* How a node is named in messages: "title", or an entry in "themes". */
static char *
front_what(const struct front_where *w)
{
	if (w->key == NULL)
		return xstrdup("a value");
	if (w->entry)
		return xasprintf("an entry in \"%s\"", w->key);
	return xasprintf("\"%s\"", w->key);
}

/*
 * Check one unquoted value for what YAML silently does to common
 * slips: a " #" that cuts it short (a comment), curly quotes kept as
 * part of it, a list dash with no space ("-Neglect" read as text).
 * Returns 1 if good, 0 when reported.
 */
static int
front_plain(struct diag *d, const struct front *f, const size_t *m,
    size_t n, const yaml_node_t *nd, const struct front_where *w,
    size_t *curlyline)
{
	size_t		 s, e, q, ls, k, line;
	const char	*pair, *v = (const char *)nd->data.scalar.value;
	char		*what, *fix;
	int		 ok = 1;

	s = front_off(m, n, nd->start_mark.index);
	e = front_off(m, n, nd->end_mark.index);
	for (q = e; q < f->yamlsz && (f->yaml[q] == ' ' ||
	    f->yaml[q] == '\t'); q++)
		continue;
	what = front_what(w);
	if (q < f->yamlsz && f->yaml[q] == '#' && (q > e || s == e)) {
		/* The value, and where its line starts. */
		for (ls = s; ls > 0 && f->yaml[ls - 1] != '\n'; ls--)
			continue;
		if (s == e)
			s = q;
		line = f->yamlline + nd->end_mark.line;
		fix = nd->start_mark.line != nd->end_mark.line ? NULL :
		    front_quoted(f->yaml + front_indent(f, ls),
		    s - front_indent(f, ls), f->yaml + s,
		    ls + front_trimlen(f, ls) - s);
		if (*v == '\0')
			diag_error(d, f->path, line, "%s is empty: a # after "
			    "a space starts a comment, which is left out, so "
			    "put the whole value in double quotes%s%s", what,
			    fix != NULL ? ": " : "", fix != NULL ? fix : "");
		else
			diag_error(d, f->path, line, "%s is cut short at "
			    "\"%s\": a # after a space starts a comment, which "
			    "is left out, so put the whole value in double "
			    "quotes%s%s", what, v, fix != NULL ? ": " : "",
			    fix != NULL ? fix : "");
		free(fix);
		ok = 0;
	} else if (front_curly(v, strlen(v), &pair) ||
	    (strlen(v) >= 3 && front_curly(v + strlen(v) - 3, 3, &pair) &&
	    ((unsigned char)v[strlen(v) - 1] == 0x9d))) {
		/* Once a line: a line of many stays linear. */
		if (*curlyline == nd->start_mark.line + 1) {
			free(what);
			return 0;
		}
		*curlyline = nd->start_mark.line + 1;
		for (ls = s; ls > 0 && f->yaml[ls - 1] != '\n'; ls--)
			continue;
		if (!front_curlyline(d, f, ls, f->yamlline +
		    nd->start_mark.line))
			diag_error(d, f->path, f->yamlline +
			    nd->start_mark.line, "%s is in curly quotes "
			    "(%s), which are not read as quotes: use straight "
			    "quotes (\") instead", what, pair);
		ok = 0;
	} else {
		/* A dash at the start of any of its lines. */
		for (k = s, line = f->yamlline + nd->start_mark.line; k < e;
		    line++) {
			for (ls = k; ls > 0 && (f->yaml[ls - 1] == ' ' ||
			    f->yaml[ls - 1] == '\t'); ls--)
				continue;
			if ((ls == 0 || f->yaml[ls - 1] == '\n') &&
			    front_nodash(f, k)) {
				front_dashmsg(d, f, ls, line);
				ok = 0;
				break;
			}
			k += front_linelen(f->yaml + k, f->yaml + e) + 1;
			k = front_indent(f, k);
		}
	}
	free(what);
	return ok;
}

/*
 * A value (or key) holding a character that no page or feed may hold:
 * a control character other than tab, newline and carriage return
 * (a NUL too), or U+FFFE or U+FFFF.  Only a backslash escape in double
 * quotes makes one ("S:\files" holds a form feed), as the file's raw
 * text was checked when read.  Returns 1 if good, 0 when reported.
 */
static int
front_controls(struct diag *d, const struct front *f, const yaml_node_t *nd,
    const struct front_where *w)
{
	const unsigned char *v = nd->data.scalar.value;
	size_t		 i, n = nd->data.scalar.length;
	char		 esc[8];
	char		*what;

	for (i = 0; i < n; i++) {
		if (v[i] < 0x20 && v[i] != '\t' && v[i] != '\n' &&
		    v[i] != '\r') {
			snprintf(esc, sizeof(esc), "\\x%02x", v[i]);
			break;
		}
		if (v[i] == 0xef && i + 2 < n && v[i + 1] == 0xbf &&
		    (v[i + 2] == 0xbe || v[i + 2] == 0xbf)) {
			snprintf(esc, sizeof(esc), "\\u%s",
			    v[i + 2] == 0xbe ? "FFFE" : "FFFF");
			break;
		}
	}
	if (i == n)
		return 1;
	what = w->iskey ? xstrdup("a field name") : front_what(w);
	if (nd->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
		diag_error(d, f->path, front_line(f, nd), "%s contains the "
		    "character %s, which is not allowed in text: in double "
		    "quotes a backslash starts an escape (\\f, \\b, \\u...), "
		    "so put a Windows path in single quotes ('S:\\files') or "
		    "use forward slashes (S:/files)", what, esc);
	else
		diag_error(d, f->path, front_line(f, nd), "%s contains the "
		    "character %s, which is not allowed in text: remove it",
		    what, esc);
	free(what);
	return 0;
}

/*
 * Check every unquoted value of the loaded document (front_plain),
 * marking the fields whose values were reported.  Linear in the
 * number of nodes and the size of the text.  Returns 1 if all good.
 */
static int
front_scan(struct diag *d, struct front *f, struct front_where *w)
{
	yaml_node_t	*nd, *c;
	yaml_node_pair_t *pair;
	yaml_node_item_t *it;
	size_t		*m, n, i, sz, curlyline = 0;
	int		 ok = 1;

	sz = (size_t)(f->doc.nodes.top - f->doc.nodes.start);
	/* Parents come before their children in libyaml's array. */
	for (i = 0; i < sz; i++) {
		nd = &f->doc.nodes.start[i];
		if (nd->type == YAML_MAPPING_NODE)
			for (pair = nd->data.mapping.pairs.start;
			    pair < nd->data.mapping.pairs.top; pair++) {
				w[pair->key - 1].iskey = 1;
				w[pair->key - 1].set = 1;
				if (w[pair->value - 1].set)
					continue;
				c = front_node(f, pair->key);
				w[pair->value - 1].field = w[i].field;
				w[pair->value - 1].key = front_scalar(c);
				w[pair->value - 1].set = 1;
			}
		else if (nd->type == YAML_SEQUENCE_NODE)
			for (it = nd->data.sequence.items.start;
			    it < nd->data.sequence.items.top; it++) {
				if (w[*it - 1].set)
					continue;
				w[*it - 1] = w[i];
				w[*it - 1].entry = 1;
				w[*it - 1].set = 1;
			}
	}
	m = front_cmap(f, &n);
	for (i = 0; i < sz; i++) {
		nd = &f->doc.nodes.start[i];
		if (nd->type == YAML_SCALAR_NODE &&
		    !front_controls(d, f, nd, &w[i])) {
			if (w[i].field > 0)
				f->fields[w[i].field - 1].reported = 1;
			ok = 0;
			continue;
		}
		if (nd->type != YAML_SCALAR_NODE || w[i].iskey ||
		    nd->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
			continue;
		if (!front_plain(d, f, m, n, nd, &w[i], &curlyline)) {
			if (w[i].field > 0)
				f->fields[w[i].field - 1].reported = 1;
			ok = 0;
		}
	}
	free(m);
	return ok;
}

/*
 * Refuse brackets [ and braces { nested more than FRONT_DEPTH deep
 * before libyaml sees them: its scan for simple keys takes time that
 * grows with the square of the nesting.  One pass; quotes are followed
 * inside brackets (a "]" in quotes closes nothing), and outside them a
 * bracket counts where a value can start (start: at the start of a line,
 * after "key: ", "- ", an anchor or a tag), so "Child A [1" is text.
 * Returns 1 if good.
 */
static int
front_depth(struct diag *d, const struct front *f)
{
	const char	*p = f->yaml, *e = f->yaml + f->yamlsz;
	size_t		 line = f->yamlline, depth = 0;
	int		 start = 1, blank;
	char		 q;

	for (; p < e; p++) {
		blank = p + 1 == e || strchr(" \t\r\n", p[1]) != NULL;
		switch (*p) {
		case '\n':
			line++;
			start = 1;
			continue;
		case ' ':
		case '\t':
		case '\r':
			continue;
		case '&':
		case '!':
			/* An anchor or a tag: the value comes after it. */
			if (!start)
				continue;
			while (p + 1 < e && strchr(" \t\r\n", p[1]) == NULL)
				p++;
			continue;
		case '#':
			if (p == f->yaml || strchr(" \t\r\n", p[-1]) != NULL)
				while (p + 1 < e && p[1] != '\n')
					p++;
			start = 0;
			continue;
		case '"':
		case '\'':
			if (depth == 0 || !start) {
				start = 0;
				continue;
			}
			for (q = *p++; p < e; p++)
				if (*p == '\n')
					line++;
				else if (q == '"' && *p == '\\' && p + 1 < e) {
					if (*++p == '\n')
						line++;
				} else if (*p == q && q == '\'' && p + 1 < e &&
				    p[1] == '\'')
					p++;
				else if (*p == q)
					break;
			start = 0;
			continue;
		case '[':
		case '{':
			if (depth == 0 && !start)
				continue;
			if (++depth > FRONT_DEPTH) {
				diag_error(d, f->path, line, "lists or groups "
				    "of fields are nested more than %d deep "
				    "here (the brackets [ and braces {), which "
				    "is more than lcspr reads: a value that "
				    "contains [ or { must be in quotes",
				    FRONT_DEPTH);
				return 0;
			}
			start = 1;
			continue;
		case ']':
		case '}':
			if (depth > 0)
				depth--;
			start = 0;
			continue;
		case ',':
			start = depth > 0;
			continue;
		case ':':
		case '-':
		case '?':
			start = blank || (depth > 0 && *p != '-');
			continue;
		default:
			start = 0;
			continue;
		}
	}
	return 1;
}

/*
 * libyaml's loader reads one document: report what follows the first
 * (after a "---" or a "..." line), which would be silently ignored.
 * Empty documents are harmless.  Returns 1 when there is nothing more.
 */
static int
front_more(struct diag *d, const struct front *f, yaml_parser_t *p)
{
	yaml_document_t	 more;
	yaml_node_t	*root;
	size_t		 line;
	int		 dots, empty;
	const char	*what;

	line = f->yamlline + f->doc.end_mark.line;
	dots = !f->doc.end_implicit;
	for (;;) {
		if (!yaml_parser_load(p, &more))
			break;
		if ((root = yaml_document_get_root_node(&more)) == NULL) {
			yaml_document_delete(&more);
			return 1;
		}
		empty = root->type == YAML_SCALAR_NODE &&
		    root->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
		    root->data.scalar.length == 0;
		if (!empty) {
			yaml_document_delete(&more);
			break;
		}
		line = f->yamlline + more.end_mark.line;
		dots = !more.end_implicit;
		yaml_document_delete(&more);
	}
	what = f->body == NULL ? "the settings" : "the front matter";
	if (dots)
		diag_error(d, f->path, line, "a line of three dots (...) ends "
		    "%s here, so everything below it would be ignored: remove "
		    "it", what);
	else
		diag_error(d, f->path, line, "a line of three dashes (---) "
		    "ends %s here, so everything below it would be ignored: "
		    "remove it", what);
	return 0;
}

/* A field name and where it is, to find duplicates by sorting. */
struct front_key {
	const char	*key;		/* borrowed from the document */
	size_t		 pair;		/* index in the root mapping */
};

static int
front_keycmp(const void *a, const void *b)
{
	const struct front_key *x = a, *y = b;
	int		 c;

	if ((c = strcmp(x->key, y->key)) != 0)
		return c;
	return x->pair < y->pair ? -1 : x->pair > y->pair;
}

/*
 * For each pair of the root mapping, the index of the first pair with
 * the same key (its own index when it is the first, or when its key is
 * not text).  Sorting makes it n log n.  The caller owns the result.
 */
static size_t *
front_dups(struct front *f, yaml_node_t *root)
{
	struct front_key *k;
	size_t		*first, i, n, kn = 0;
	const char	*key;

	n = (size_t)(root->data.mapping.pairs.top -
	    root->data.mapping.pairs.start);
	first = xcalloc(n + 1, sizeof(*first));
	k = xcalloc(n + 1, sizeof(*k));
	for (i = 0; i < n; i++) {
		first[i] = i;
		key = front_scalar(front_node(f,
		    root->data.mapping.pairs.start[i].key));
		if (key != NULL) {
			k[kn].key = key;
			k[kn++].pair = i;
		}
	}
	qsort(k, kn, sizeof(*k), front_keycmp);
	for (i = 1; i < kn; i++)
		if (strcmp(k[i].key, k[i - 1].key) == 0)
			first[k[i].pair] = first[k[i - 1].pair];
	free(k);
	return first;
}

/*
 * Load f->yaml with libyaml and list its top-level keys into
 * f->fields, reporting YAML errors (at the line to change, with a hint
 * for the common slips), a top level that is not a mapping, non-text
 * and duplicate keys, and unquoted values YAML quietly changes (a
 * " #" comment, curly quotes, "-Neglect"): such a field is marked
 * reported.  An empty block gives no fields and succeeds.  Returns 1
 * on success, 0 when reported.  Free with front_free.
 */
int
front_load(struct diag *d, struct front *f)
{
	yaml_parser_t	 p;
	yaml_node_t	*root, *k;
	yaml_node_pair_t *pair;
	struct front_where *w;
	size_t		 i, n, *first;
	int		 ok = 1;
	const char	*key;

	if (!front_depth(d, f))
		return 0;
	if (!yaml_parser_initialize(&p))
		errx(2, "out of memory");
	yaml_parser_set_input_string(&p, (const unsigned char *)f->yaml,
	    f->yamlsz);
	if (!yaml_parser_load(&p, &f->doc)) {
		front_yamlerror(d, f, &p);
		yaml_parser_delete(&p);
		return 0;
	}
	f->loaded = 1;
	ok = front_more(d, f, &p);
	yaml_parser_delete(&p);
	if ((root = yaml_document_get_root_node(&f->doc)) == NULL)
		return ok;
	if (root->type != YAML_MAPPING_NODE) {
		diag_error(d, f->path, front_line(f, root), "expected "
		    "fields written as \"name: value\", one a line");
		return 0;
	}
	f->mapping = 1;
	n = (size_t)(root->data.mapping.pairs.top -
	    root->data.mapping.pairs.start);
	if (n > FRONT_FIELDS) {
		k = front_node(f, root->data.mapping.pairs.start[FRONT_FIELDS].key);
		diag_error(d, f->path, front_line(f, k), "more than %d "
		    "fields, which is more than lcspr reads: check that "
		    "this is the file you meant", FRONT_FIELDS);
		return 0;
	}
	f->fields = xcalloc(n, sizeof(*f->fields));
	w = xcalloc((size_t)(f->doc.nodes.top - f->doc.nodes.start),
	    sizeof(*w));
	first = front_dups(f, root);
	for (pair = root->data.mapping.pairs.start;
	    pair < root->data.mapping.pairs.top; pair++) {
		k = front_node(f, pair->key);
		if ((key = front_scalar(k)) == NULL) {
			diag_error(d, f->path, front_line(f, k),
			    "a field name must be plain text");
			ok = 0;
			continue;
		}
		i = first[pair - root->data.mapping.pairs.start];
		if (i != (size_t)(pair - root->data.mapping.pairs.start)) {
			diag_error(d, f->path, front_line(f, k),
			    "duplicate field \"%s\" (first given on line %zu)",
			    key, front_line(f, front_node(f,
			    root->data.mapping.pairs.start[i].key)));
			ok = 0;
			continue;
		}
		if (!w[pair->value - 1].set) {
			w[pair->value - 1].field = f->fieldsz + 1;
			w[pair->value - 1].key = key;
			w[pair->value - 1].set = 1;
		}
		f->fields[f->fieldsz].key = key;
		f->fields[f->fieldsz].line = front_line(f, k);
		f->fields[f->fieldsz].value = front_node(f, pair->value);
		f->fieldsz++;
	}
	ok &= front_scan(d, f, w);
	free(first);
	free(w);
	return ok;
}

/*
 * Free what front_load allocated (f itself belongs to the caller).
 */
void
front_free(struct front *f)
{
	if (f->loaded)
		yaml_document_delete(&f->doc);
	free(f->fields);
	f->fields = NULL;
	f->fieldsz = 0;
	f->loaded = 0;
}
