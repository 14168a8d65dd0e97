/*
 * Reviews: read one review file, check every front-matter field
 * against the vocabulary, and fill a struct review.  Runs on several
 * threads at once: it only reads the site and reports through the
 * (locked) diagnostics funnel.
 */
#include <ctype.h>
#include <libxml/uri.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lcspr.h"
#include "extern.h"

static const char *const review_keys[] = {
	"title", "published", "region", "themes", "ethnicity_recorded",
	"local_area", "age_group", "review_type", "summary", "report_url",
	"draft", "allow", "notified", "commissioned", "completed",
};
#define REVIEW_KEYSZ (sizeof(review_keys) / sizeof(review_keys[0]))

enum rkey {
	RK_TITLE, RK_PUBLISHED, RK_REGION, RK_THEMES, RK_ETHNICITY,
	RK_LOCAL_AREA, RK_AGE_GROUP, RK_REVIEW_TYPE, RK_SUMMARY,
	RK_REPORT_URL, RK_DRAFT, RK_ALLOW, RK_NOTIFIED, RK_COMMISSIONED,
	RK_COMPLETED
};

/* What people write for a field, and the field they mean. */
static const struct synonym review_synonyms[] = {
	{ "date", "published" }, { "publication_date", "published" },
	{ "published_date", "published" }, { "date_published", "published" },
	{ "publish_date", "published" }, { "publication", "published" },
	{ "theme", "themes" }, { "tags", "themes" }, { "tag", "themes" },
	{ "learning_themes", "themes" }, { "topics", "themes" },
	{ "area", "local_area" }, { "location", "local_area" },
	{ "place", "local_area" }, { "local_authority", "local_area" },
	{ "type", "review_type" }, { "kind", "review_type" },
	{ "age", "age_group" }, { "ages", "age_group" },
	{ "ethnicity", "ethnicity_recorded" },
	{ "url", "report_url" }, { "report", "report_url" },
	{ "link", "report_url" }, { "report_link", "report_url" },
	{ "name", "title" }, { "description", "summary" },
	{ "exceptions", "allow" },
	{ NULL, NULL }
};

/* "title, published, ... and completed", for messages, into buf. */
static const char *
review_keylist(char *buf, size_t sz)
{
	size_t	 i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < REVIEW_KEYSZ && n < sz; i++)
		n += (size_t)snprintf(buf + n, sz - n, "%s%s",
		    i == 0 ? "" : i + 1 == REVIEW_KEYSZ ? " and " : ", ",
		    review_keys[i]);
	return buf;
}

/* The value as text, or NULL (reported) when empty or not text. */
static const char *
review_text(struct diag *d, struct front *f, const struct field *fl)
{
	const char	*v;

	if (front_isnull(fl->value) || ((v = front_scalar(fl->value)) !=
	    NULL && v[strspn(v, " \t\r\n")] == '\0')) {
		diag_error(d, f->path, fl->line, "\"%s\" is empty",
		    fl->key);
		return NULL;
	}
	if (v == NULL) {
		diag_error(d, f->path, fl->line, "\"%s\" must be text, not "
		    "a list or a group of fields", fl->key);
		return NULL;
	}
	return v;
}

/* Look up one vocabulary entry, suggesting the nearest when unknown. */
static const struct term *
review_term(struct diag *d, struct front *f, const struct vocab *v,
    const char *s, size_t line)
{
	const struct term *t;
	char		*hint;

	if ((t = vocab_find(v, s)) != NULL)
		return t;
	hint = vocab_hint(v, s);
	diag_error(d, f->path, line, "unknown %s \"%s\": %s", v->what, s,
	    hint);
	free(hint);
	return NULL;
}

/*
 * themes: Neglect, Domestic abuse (a list without its brackets): when
 * the whole is no theme and every part is one, say to add brackets.
 * Returns 1 when reported.
 */
static int
review_commas(struct diag *d, struct front *f, const struct field *fl,
    const struct vocab *v)
{
	const char	*val = front_scalar(fl->value), *p, *e;
	char		*part;
	int		 known = 1;

	if (strchr(val, ',') == NULL || vocab_find(v, val) != NULL)
		return 0;
	for (p = val; known && *p != '\0'; p = *e == ',' ? e + 1 : e) {
		e = p + strcspn(p, ",");
		part = xstrndup(p, (size_t)(e - p));
		known = vocab_find(v, part) != NULL;
		free(part);
	}
	if (!known)
		return 0;
	diag_error(d, f->path, fl->line, "\"%s\" is a list, so put it in "
	    "square brackets: %s: [%s]", fl->key, fl->key, val);
	return 1;
}

/* themes: one name, or a flow or block list of names. */
static int
review_themes(struct site *s, struct front *f, const struct field *fl,
    struct review *r)
{
	yaml_node_item_t *it;
	yaml_node_t	*n;
	const struct term *t;
	size_t		 i, max;
	int		 ok = 1;

	if (fl->value->type == YAML_SCALAR_NODE) {
		if (review_text(&s->diag, f, fl) == NULL)
			return 0;
		if (review_commas(&s->diag, f, fl, &s->themes))
			return 0;
		if ((t = review_term(&s->diag, f, &s->themes,
		    front_scalar(fl->value), fl->line)) == NULL)
			return 0;
		r->themes = xcalloc(1, sizeof(*r->themes));
		r->themes[r->themesz++] = t;
		return 1;
	}
	if (fl->value->type != YAML_SEQUENCE_NODE) {
		diag_error(&s->diag, f->path, fl->line, "\"themes\" must be "
		    "a list of learning themes, such as [Neglect, Domestic "
		    "abuse]");
		return 0;
	}
	max = (size_t)(fl->value->data.sequence.items.top -
	    fl->value->data.sequence.items.start);
	if (max == 0) {
		diag_error(&s->diag, f->path, fl->line, "\"themes\" is "
		    "empty: give at least one learning theme");
		return 0;
	}
	r->themes = xcalloc(max, sizeof(*r->themes));
	for (it = fl->value->data.sequence.items.start;
	    it < fl->value->data.sequence.items.top; it++) {
		n = front_node(f, *it);
		if (front_isnull(n) || front_scalar(n) == NULL) {
			diag_error(&s->diag, f->path, front_line(f, n),
			    "each learning theme in \"themes\" must be text");
			ok = 0;
			continue;
		}
		if ((t = review_term(&s->diag, f, &s->themes,
		    front_scalar(n), front_line(f, n))) == NULL) {
			ok = 0;
			continue;
		}
		for (i = 0; i < r->themesz; i++)
			if (r->themes[i] == t)
				break;
		if (i < r->themesz) {
			diag_warn(&s->diag, f->path, front_line(f, n),
			    "learning theme \"%s\" is listed twice", t->name);
			continue;
		}
		r->themes[r->themesz++] = t;
	}
	return ok;
}

/* report_url: an absolute http(s) address, by libxml2's URI parser. */
static int
review_url(struct diag *d, struct front *f, const struct field *fl,
    char **out)
{
	const char	*v;
	xmlURIPtr	 u;
	int		 ok;

	if ((v = review_text(d, f, fl)) == NULL)
		return 0;
	u = xmlParseURI(v);
	ok = u != NULL && u->scheme != NULL && u->server != NULL &&
	    (strcasecmp(u->scheme, "http") == 0 ||
	    strcasecmp(u->scheme, "https") == 0) &&
	    strpbrk(v, " \t\r\n") == NULL;
	xmlFreeURI(u);
	if (!ok) {
		diag_error(d, f->path, fl->line, "\"%s\" must be a web "
		    "address starting with https:// or http://, not \"%s\"",
		    fl->key, v);
		return 0;
	}
	*out = xstrdup(v);
	return 1;
}

/*
 * allow: [RULE, ...], the content checks this file is excused from.
 * Fills *out and *outsz.  Shared with standalone pages (intro.c).
 */
int
review_allow(struct site *s, struct front *f, const struct field *fl,
    struct allow **out, size_t *outsz)
{
	yaml_node_item_t *it;
	yaml_node_t	*n;
	const char	*v;
	int		 ok = 1;

	if (fl->value->type == YAML_SCALAR_NODE && !front_isnull(fl->value)) {
		if (!check_known(s, f->path, fl->line,
		    front_scalar(fl->value)))
			return 0;
		*out = xcalloc(1, sizeof(**out));
		(*out)[0].rule = xstrdup(front_scalar(fl->value));
		(*out)[0].line = fl->line;
		*outsz = 1;
		return 1;
	}
	if (fl->value->type != YAML_SEQUENCE_NODE) {
		diag_error(&s->diag, f->path, fl->line, "\"allow\" must be a "
		    "list of checks, such as [email]");
		return 0;
	}
	*out = xcalloc((size_t)(fl->value->data.sequence.items.top -
	    fl->value->data.sequence.items.start), sizeof(**out));
	for (it = fl->value->data.sequence.items.start;
	    it < fl->value->data.sequence.items.top; it++) {
		n = front_node(f, *it);
		if ((v = front_scalar(n)) == NULL || front_isnull(n) ||
		    !check_known(s, f->path, front_line(f, n), v)) {
			if (v == NULL || front_isnull(n))
				diag_error(&s->diag, f->path, front_line(f, n),
				    "each entry of \"allow\" must be the name "
				    "of a check");
			ok = 0;
			continue;
		}
		(*out)[*outsz].rule = xstrdup(v);
		(*out)[(*outsz)++].line = front_line(f, n);
	}
	return ok;
}

/*
 * Report the numeric character reference at text[i] ("&#1;",
 * "&#xFFFE;") when it stands for a character no page or feed may hold:
 * cmark 0.30 writes a control character as it is, and U+FFFE or U+FFFF
 * as a byte that is not UTF-8.  ls is the offset where its line starts.
 * Returns 1 when reported.
 */
static int
review_charref(struct diag *d, const char *path, const char *text,
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
 * reported.  Shared with introductions and pages (intro.c).
 */
int
review_body(struct diag *d, const char *path, const char *text,
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
			    review_charref(d, path, text, len, i, ls, line)) {
				refs++;
				ok = 0;
			}
			break;
		}
	return ok;
}

/* A YYYY-MM-DD field: fills d, or reports and returns 0. */
static int
review_date(struct diag *d, struct front *f, const struct field *fl,
    struct date *out)
{
	const char	*v;
	int		 rc;

	if ((v = review_text(d, f, fl)) == NULL)
		return 0;
	if ((rc = date_parse(v, out)) == 0)
		diag_error(d, f->path, fl->line, "\"%s\" must be a date "
		    "written YYYY-MM-DD, such as 2024-03-12, not \"%s\"",
		    fl->key, v);
	else if (rc < 0)
		diag_error(d, f->path, fl->line, "\"%s\" is %s, which is not "
		    "a real date", fl->key, v);
	if (rc <= 0)
		memset(out, 0, sizeof(*out));
	return rc > 0;
}

/*
 * The dates must run notified, commissioned, completed, published:
 * each one given is compared with the one before it that is given.
 */
static int
review_order(struct diag *d, struct front *f, struct review *r,
    const size_t *lines)
{
	const struct date *v[4] = { &r->notified, &r->commissioned,
	    &r->completed, &r->published };
	static const char *const names[4] = { "notified", "commissioned",
	    "completed", "published" };
	char		 a[16], b[16];
	int		 i, prev = -1, ok = 1;

	/* prev: the latest of the dates given before this one. */
	for (i = 0; i < 4; i++) {
		if (v[i]->year == 0)
			continue;
		if (prev >= 0 && date_cmp(v[i], v[prev]) < 0) {
			snprintf(a, sizeof(a), "%04d-%02d-%02d", v[i]->year,
			    v[i]->month, v[i]->day);
			snprintf(b, sizeof(b), "%04d-%02d-%02d",
			    v[prev]->year, v[prev]->month, v[prev]->day);
			diag_error(d, f->path, lines[i], "\"%s\" (%s) is "
			    "before \"%s\" (%s): the dates run notified, "
			    "commissioned, completed, published", names[i], a,
			    names[prev], b);
			ok = 0;
		} else
			prev = i;
	}
	return ok;
}

/* Check each front-matter field and fill r.  Returns 1 if all good. */
static int
review_fields(struct site *s, struct front *f, struct review *r)
{
	const struct field *fl;
	const char	*v, *near;
	char		*hint;
	size_t		 i, k;
	int		 ok = 1, seen[REVIEW_KEYSZ], rc;
	size_t		 lines[4] = { 0, 0, 0, 0 };
	char		 keys[512];
	static const enum rkey required[] =
	    { RK_TITLE, RK_PUBLISHED, RK_REGION, RK_THEMES, RK_ETHNICITY };

	memset(seen, 0, sizeof(seen));
	for (i = 0; i < f->fieldsz; i++) {
		fl = &f->fields[i];
		for (k = 0; k < REVIEW_KEYSZ; k++)
			if (strcmp(fl->key, review_keys[k]) == 0)
				break;
		if (k < REVIEW_KEYSZ && fl->reported) {
			/* Its value was reported by front_load. */
			seen[k] = 1;
			ok = 0;
			continue;
		}
		if (k == REVIEW_KEYSZ) {
			near = vocab_nearkey(fl->key, review_keys,
			    REVIEW_KEYSZ, review_synonyms);
			/* An area that is a region is meant as the region. */
			if (near != NULL && strcmp(near, "local_area") == 0 &&
			    (v = front_scalar(fl->value)) != NULL &&
			    vocab_find(&s->regions, v) != NULL)
				near = "region";
			if (near != NULL) {
				hint = vocab_didyoumean(&near, 1);
				diag_error(&s->diag, f->path, fl->line,
				    "unknown field \"%s\": %s", fl->key, hint);
				free(hint);
				/* Not also "missing": this is it, misspelt. */
				for (k = 0; k < REVIEW_KEYSZ; k++)
					if (strcmp(review_keys[k], near) == 0)
						seen[k] = 1;
			} else
				diag_error(&s->diag, f->path, fl->line,
				    "unknown field \"%s\" (the fields are %s)",
				    fl->key, review_keylist(keys, sizeof(keys)));
			ok = 0;
			continue;
		}
		seen[k] = 1;
		switch ((enum rkey)k) {
		case RK_TITLE:
			if ((v = review_text(&s->diag, f, fl)) == NULL)
				ok = 0;
			else
				r->title = xstrdup(v);
			r->titleline = fl->line;
			break;
		case RK_PUBLISHED:
			if ((v = review_text(&s->diag, f, fl)) == NULL) {
				ok = 0;
				break;
			}
			rc = date_parse(v, &r->published);
			if (rc == 0)
				diag_error(&s->diag, f->path, fl->line,
				    "\"published\" must be a date written "
				    "YYYY-MM-DD, such as 2024-03-12, not "
				    "\"%s\"", v);
			else if (rc < 0)
				diag_error(&s->diag, f->path, fl->line,
				    "\"published\" is %s, which is not a real "
				    "date", v);
			else
				memcpy(r->iso, v, 11);
			if (rc <= 0)
				memset(&r->published, 0,
				    sizeof(r->published));
			lines[3] = fl->line;
			ok &= rc > 0;
			break;
		case RK_REGION:
			if ((v = review_text(&s->diag, f, fl)) == NULL ||
			    (r->region = review_term(&s->diag, f,
			    &s->regions, v, fl->line)) == NULL)
				ok = 0;
			break;
		case RK_THEMES:
			ok &= review_themes(s, f, fl, r);
			break;
		case RK_ETHNICITY:
			ok &= front_bool(&s->diag, f, fl, &r->ethnicity);
			break;
		case RK_LOCAL_AREA:
			if ((v = review_text(&s->diag, f, fl)) == NULL)
				ok = 0;
			else
				r->local_area = xstrdup(v);
			break;
		case RK_AGE_GROUP:
			if ((v = review_text(&s->diag, f, fl)) == NULL ||
			    (r->agegroup = review_term(&s->diag, f,
			    &s->agegroups, v, fl->line)) == NULL)
				ok = 0;
			break;
		case RK_REVIEW_TYPE:
			if ((v = review_text(&s->diag, f, fl)) == NULL ||
			    (r->reviewtype = review_term(&s->diag, f,
			    &s->reviewtypes, v, fl->line)) == NULL)
				ok = 0;
			break;
		case RK_SUMMARY:
			if ((v = review_text(&s->diag, f, fl)) == NULL)
				ok = 0;
			else
				r->summary = xstrdup(v);
			break;
		case RK_REPORT_URL:
			ok &= review_url(&s->diag, f, fl, &r->report_url);
			break;
		case RK_DRAFT:
			ok &= front_bool(&s->diag, f, fl, &r->draft);
			break;
		case RK_ALLOW:
			ok &= review_allow(s, f, fl, &r->allow, &r->allowsz);
			break;
		case RK_NOTIFIED:
			ok &= review_date(&s->diag, f, fl, &r->notified);
			lines[0] = fl->line;
			break;
		case RK_COMMISSIONED:
			ok &= review_date(&s->diag, f, fl, &r->commissioned);
			lines[1] = fl->line;
			break;
		case RK_COMPLETED:
			ok &= review_date(&s->diag, f, fl, &r->completed);
			lines[2] = fl->line;
			break;
		}
	}
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (!seen[required[i]]) {
			diag_error(&s->diag, f->path, f->yamlline - 1,
			    "required field \"%s\" is missing",
			    review_keys[required[i]]);
			ok = 0;
		}
	if (r->reviewtype == NULL && s->reviewtypes.termsz > 0)
		r->reviewtype = &s->reviewtypes.terms[0];
	ok &= review_order(&s->diag, f, r, lines);
	date_ahead(s, r, lines);
	return ok;
}

/*
 * The metadata checks did not run (the front matter failed): its
 * exceptions to them are not stale, only unknown.
 */
static void
review_unchecked(struct review *r)
{
	static const char *const meta[] = { "long-summary",
	    "insecure-report-url", "ethnicity-mentioned" };
	size_t	 i, j;

	for (i = 0; i < r->allowsz; i++)
		for (j = 0; j < sizeof(meta) / sizeof(meta[0]); j++)
			if (strcmp(r->allow[i].rule, meta[j]) == 0)
				r->allow[i].used = 1;
}

/*
 * Read, check and render the review file r->path into r (r->path and
 * r->slug are set by the caller).  Sets r->ok.  Returns 1 on success,
 * 0 when problems were reported (all of them, not just the first).
 */
int
review_read(struct site *s, struct review *r)
{
	struct front	 f;
	char		*text = NULL, *para = NULL;
	size_t		 len, blocks, i, urlline = 0;
	int		 ok, fieldsok = 0, summarygiven = 0, linksok;
	struct mdlinks	 ml;

	if (!scan_read(&s->diag, &s->re, r->path, &text, &len))
		return 0;
	if (!front_split(&s->diag, r->path, text, len, &f)) {
		free(text);
		return 0;
	}
	ok = front_load(&s->diag, &f);
	if (f.loaded && ok && (yaml_document_get_root_node(&f.doc) == NULL ||
	    (f.mapping && f.fieldsz == 0))) {
		diag_error(&s->diag, r->path, 1, "the front matter is empty: "
		    "a review needs title, published, region, themes and "
		    "ethnicity_recorded");
		ok = 0;
	} else if (f.loaded && (f.mapping || yaml_document_get_root_node(
	    &f.doc) == NULL)) {
		fieldsok = review_fields(s, &f, r) && ok;
		ok = fieldsok;
	}
	ok &= check_text(s, r->path, text, len, &f, r->allow,
	    r->allowsz);
	for (i = 0; i < f.fieldsz; i++) {
		summarygiven |= strcmp(f.fields[i].key, "summary") == 0;
		if (strcmp(f.fields[i].key, "report_url") == 0)
			urlline = f.fields[i].line;
	}
	if (f.body[strspn(f.body, " \t\r\n")] == '\0') {
		diag_error(&s->diag, r->path, f.bodyline, "the review has no "
		    "text: write the summary, key learning and "
		    "recommendations after the front matter");
		ok = 0;
	} else if (!review_body(&s->diag, r->path, f.body, f.bodysz,
	    f.bodyline))
		ok = 0;
	else {
		/* Rendered even when fields are wrong: its links and the
		 * metadata checks are reported in the same run. */
		ml.site = s;
		ml.path = r->path;
		ml.line0 = f.bodyline;
		ml.prefix = "../../";
		ml.from = r;
		r->body = markdown_render(f.body, f.bodysz,
		    s->allow_raw_html, r->summary == NULL ? &para : NULL,
		    &blocks, &ml, &linksok);
		ok &= linksok;
		if (r->summary == NULL)
			r->summary = para != NULL ? para : xstrdup("");
		/* Whole-file checks need fields that loaded: a file whose
		 * front matter failed gets no warning made of defaults. */
		if (fieldsok)
			check_review(s, r, f.body, f.bodysz, f.bodyline,
			    summarygiven, urlline);
		else
			review_unchecked(r);
		r->bodylen = strlen(r->body);
		if (ok && spool_put(&s->spool, r->body, r->bodylen,
		    &r->bodyoff)) {
			free(r->body);
			r->body = NULL;
		}
	}
	front_free(&f);
	free(text);
	r->ok = ok;
	return ok;
}

/*
 * Free a review's owned fields (not the review itself).
 */
void
review_free(struct review *r)
{
	size_t	 i;

	free(r->path);
	free(r->slug);
	free(r->title);
	free(r->themes);
	free(r->local_area);
	free(r->summary);
	free(r->report_url);
	free(r->body);
	for (i = 0; i < r->allowsz; i++)
		free(r->allow[i].rule);
	free(r->allow);
}
