/*
 * site.yaml: the site's settings and its controlled vocabularies,
 * read with libyaml.  Every problem is reported with its line.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libxml/uri.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

static const char *const config_keys[] = {
	"title", "description", "base_url", "language", "feed_length",
	"home_length", "page_length", "partnership", "logo", "accent",
	"content_note", "allow_raw_html", "regions", "themes", "age_groups",
	"review_types", "checks", "timezone", "search",
	"bank_holidays",
	"feed_ttl",
};
#define CONFIG_KEYSZ (sizeof(config_keys) / sizeof(config_keys[0]))

/* What people write for a field of site.yaml, and the field they mean. */
static const struct synonym config_synonyms[] = {
	{ "url", "base_url" }, { "site_url", "base_url" },
	{ "address", "base_url" }, { "web_address", "base_url" },
	{ "website", "base_url" }, { "baseurl", "base_url" },
	{ "name", "title" }, { "site_name", "title" },
	{ "site_title", "title" }, { "lang", "language" },
	{ "colour", "accent" }, { "color", "accent" },
	{ "accent_colour", "accent" }, { "accent_color", "accent" },
	{ "brand_colour", "accent" }, { "brand_color", "accent" },
	{ "raw_html", "allow_raw_html" }, { "html", "allow_raw_html" },
	{ "note", "content_note" }, { "content_warning", "content_note" },
	{ "trigger_warning", "content_note" }, { "warning", "content_note" },
	{ "theme", "themes" }, { "tags", "themes" },
	{ "learning_themes", "themes" }, { "areas", "regions" },
	{ "ages", "age_groups" }, { "types", "review_types" },
	{ "rules", "checks" }, { "summary", "description" },
	{ "partner", "partnership" }, { "lscp", "partnership" },
	{ "per_page", "page_length" }, { "page_size", "page_length" },
	{ "pagefind", "search" }, { "site_search", "search" },
	{ "ttl", "feed_ttl" }, { "feed_cache", "feed_ttl" },
	{ NULL, NULL }
};

/*
 * Report an unknown key, suggesting the nearest known one (by syn, a
 * table of synonyms, or NULL, then by spelling) or listing them all.
 * Returns the suggestion, borrowed, or NULL.
 */
static const char *
config_unknown(struct diag *d, const char *path, size_t line,
    const char *key, const char *const *known, size_t n,
    const struct synonym *syn)
{
	const char	*near = vocab_nearkey(key, known, n, syn);

	vocab_unknownfield(d, path, line, key, near, known, n);
	return near;
}

/* A bank holiday of site.yaml and its line, to sort and compare. */
struct cfghol {
	struct date	 d;		/* the date */
	size_t		 line;		/* its line */
};

static int
config_holcmp(const void *a, const void *b)
{
	const struct cfghol *x = a, *y = b;
	int		 c;

	if ((c = date_cmp(&x->d, &y->d)) != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

/*
 * bank_holidays: [YYYY-MM-DD, ...], weekdays that are bank holidays in
 * England beyond the built-in ones (date.c), into s->extraholidays.
 * Every entry is checked; one listed twice is a warning.
 */
static int
config_holidays(struct site *s, struct front *f, const struct field *fl)
{
	static const char *const wd[7] = { "Monday", "Tuesday",
	    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
	yaml_node_item_t *it;
	yaml_node_t	*n;
	struct cfghol	*h;
	const char	*v;
	size_t		 i, hn = 0, line;
	int		 rc, ok = 1;

	if (fl->value->type != YAML_SEQUENCE_NODE) {
		diag_error(s->diag, f->path, fl->line, "\"bank_holidays\" "
		    "must be a list of dates written YYYY-MM-DD, such as "
		    "[2031-01-01, 2031-04-11]");
		return 0;
	}
	h = xcalloc((size_t)(fl->value->data.sequence.items.top -
	    fl->value->data.sequence.items.start) + 1, sizeof(*h));
	for (it = fl->value->data.sequence.items.start;
	    it < fl->value->data.sequence.items.top; it++) {
		n = front_node(f, *it);
		line = front_line(f, n);
		if (front_isnull(n) || (v = front_scalar(n)) == NULL) {
			diag_error(s->diag, f->path, line, "an entry of "
			    "\"bank_holidays\" is empty or not a date: write "
			    "a date YYYY-MM-DD, such as 2031-01-01, or remove "
			    "the line");
			ok = 0;
			continue;
		}
		if ((rc = date_parse(v, &h[hn].d)) == 0) {
			diag_error(s->diag, f->path, line, "each entry of "
			    "\"bank_holidays\" must be a date written "
			    "YYYY-MM-DD, such as 2031-01-01, not \"%s\"", v);
			ok = 0;
			continue;
		}
		if (rc < 0) {
			diag_error(s->diag, f->path, line, "\"%s\" in "
			    "\"bank_holidays\" is not a real date", v);
			ok = 0;
			continue;
		}
		if (date_weekday(&h[hn].d) >= 5) {
			diag_error(s->diag, f->path, line, "\"%s\" in "
			    "\"bank_holidays\" is a %s: a bank holiday that "
			    "falls at a weekend is taken on a weekday, so give "
			    "that day", v, wd[date_weekday(&h[hn].d)]);
			ok = 0;
			continue;
		}
		h[hn++].line = line;
	}
	qsort(h, hn, sizeof(*h), config_holcmp);
	free(s->extraholidays);
	s->extraholidays = xcalloc(hn + 1, sizeof(*s->extraholidays));
	s->extraholidaysz = 0;
	for (i = 0; i < hn; i++) {
		if (i > 0 && date_cmp(&h[i].d, &h[i - 1].d) == 0) {
			diag_warn(s->diag, f->path, h[i].line, "\"%04d-%02d-"
			    "%02d\" is listed twice in \"bank_holidays\"",
			    h[i].d.year, h[i].d.month, h[i].d.day);
			continue;
		}
		s->extraholidays[s->extraholidaysz++] = h[i].d;
	}
	free(h);
	return ok;
}

/*
 * A required or optional text value: copies it into *out.  Returns 1
 * on success (an absent optional value leaves *out NULL), 0 reported.
 */
static int
config_text(struct site *s, struct front *f, const struct field *fl,
    char **out)
{
	const char	*v;

	if (front_isnull(fl->value)) {
		diag_error(s->diag, f->path, fl->line, "\"%s\" is empty",
		    fl->key);
		return 0;
	}
	if ((v = front_scalar(fl->value)) == NULL) {
		diag_error(s->diag, f->path, fl->line, "\"%s\" must be "
		    "text, not a list or a group of fields", fl->key);
		return 0;
	}
	free(*out);
	*out = xstrdup(v);
	return 1;
}

/*
 * A whole number from 1 to max; the message names the unit (" of
 * minutes", or "") and ends with more (such as an example, or "").
 */
static int
config_count(struct site *s, struct front *f, const struct field *fl,
    size_t *out, long max, const char *unit, const char *more)
{
	const char	*v;
	char		*end;
	long		 n;

	if ((v = front_scalar(fl->value)) == NULL || *v == '\0' ||
	    (n = strtol(v, &end, 10)) < 1 || n > max || *end != '\0') {
		diag_error(s->diag, f->path, fl->line, "\"%s\" must be a "
		    "whole number%s from 1 to %ld%s", fl->key, unit, max,
		    more);
		return 0;
	}
	*out = (size_t)n;
	return 1;
}

/* Relative luminance of an sRGB channel value (WCAG 2). */
static double
config_lum(unsigned v)
{
	double	 c = v / 255.0;

	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

/* Contrast ratio of #rrggbb against white. */
static double
config_contrast(const char *hex)
{
	unsigned	 r, g, b;
	double		 l;

	sscanf(hex + 1, "%2x%2x%2x", &r, &g, &b);
	l = 0.2126 * config_lum(r) + 0.7152 * config_lum(g) +
	    0.0722 * config_lum(b);
	return 1.05 / (l + 0.05);
}

/*
 * base_url as it should be (v already parsed as an http(s) address):
 * no user name or password, no query or fragment, no file name at the
 * end of the path, and a final "/".  The caller owns the result.
 */
static char *
config_folder(const char *v)
{
	const char	*auth, *host, *path, *end, *p, *cut, *at;
	int		 dot = 0;

	auth = strstr(v, "://") + 3;
	end = v + strcspn(v, "?#");
	path = auth + strcspn(auth, "/?#");
	at = memchr(auth, '@', (size_t)(path - auth));
	host = at != NULL ? at + 1 : auth;
	for (p = cut = path; p < end; p++)
		if (*p == '/') {
			cut = p + 1;
			dot = 0;
		} else
			dot |= *p == '.';
	/* A last segment with a dot is a file: index.html, page.php. */
	if (!dot)
		cut = end;
	return xasprintf("%.*s%.*s%s", (int)(auth - v), v, (int)(cut - host),
	    host, cut > path && cut[-1] == '/' ? "" : "/");
}

/* Check base_url with libxml2's URI parser and split off its path. */
static int
config_base_url(struct site *s, struct front *f, const struct field *fl)
{
	xmlURIPtr	 u;
	const char	*path;
	char		*fix = NULL, *old;
	size_t		 lf, lb;
	int		 ok = 0;

	if (!config_text(s, f, fl, &s->base_url))
		return 0;
	u = xmlParseURI(s->base_url);
	if (u == NULL || u->scheme == NULL || u->server == NULL ||
	    (strcasecmp(u->scheme, "http") != 0 &&
	    strcasecmp(u->scheme, "https") != 0) ||
	    strstr(s->base_url, "://") == NULL) {
		diag_error(s->diag, f->path, fl->line, "\"base_url\" must "
		    "be the site's full web address, such as "
		    "https://learning.example.org.uk/");
		goto out;
	}
	fix = config_folder(s->base_url);
	if (u->user != NULL || strchr(s->base_url, '@') != NULL) {
		diag_error(s->diag, f->path, fl->line, "\"base_url\" must not "
		    "contain a user name or password, which would be written "
		    "into every page: write %s", fix);
		goto out;
	}
	/* The same but for the final "/", or a page of the folder. */
	lf = strlen(fix) - 1;
	lb = strlen(s->base_url);
	lb -= s->base_url[lb - 1] == '/';
	if (lf != lb || strncmp(fix, s->base_url, lf) != 0) {
		diag_error(s->diag, f->path, fl->line, "\"base_url\" must be "
		    "the address of the site's folder, not of a page in it: "
		    "write %s", fix);
		goto out;
	}
	path = u->path != NULL ? u->path : "/";
	if (path[strlen(path) - 1] == '/')
		s->base_path = xstrdup(path);
	else
		s->base_path = xasprintf("%s/", path);
	if (s->base_url[strlen(s->base_url) - 1] != '/') {
		old = s->base_url;
		s->base_url = xasprintf("%s/", old);
		free(old);
	}
	ok = 1;
out:
	free(fix);
	xmlFreeURI(u);
	return ok;
}

/* The text of a vocabulary entry's sub-field, or NULL (reported). */
static char *
config_subtext(struct site *s, struct front *f, yaml_node_t *v,
    const char *key)
{
	const char	*t;

	if (front_isnull(v) || (t = front_scalar(v)) == NULL) {
		diag_error(s->diag, f->path, front_line(f, v), "\"%s\" "
		    "must be text", key);
		return NULL;
	}
	return xstrdup(t);
}

/* Fill one term from a scalar (its name) or a mapping of fields. */
static int
config_term(struct site *s, struct front *f, yaml_node_t *n,
    struct term *t, int full)
{
	static const char *const keys[] =
	    { "name", "slug", "aliases", "description" };
	yaml_node_pair_t *p;
	yaml_node_item_t *it;
	yaml_node_t	*k, *v, *a;
	const char	*key;
	int		 ok = 1;

	t->line = front_line(f, n);
	if (n->type == YAML_SCALAR_NODE) {
		if (front_isnull(n)) {
			diag_error(s->diag, f->path, t->line,
			    "empty entry in the list");
			return 0;
		}
		t->name = xstrdup(front_scalar(n));
		return 1;
	}
	if (n->type != YAML_MAPPING_NODE) {
		diag_error(s->diag, f->path, t->line, "expected a name, or "
		    "name: with slug:, aliases: and description:");
		return 0;
	}
	for (p = n->data.mapping.pairs.start;
	    p < n->data.mapping.pairs.top; p++) {
		k = front_node(f, p->key);
		v = front_node(f, p->value);
		key = front_scalar(k) != NULL ? front_scalar(k) : "";
		if (strcmp(key, "name") == 0) {
			free(t->name);
			ok &= (t->name = config_subtext(s, f, v, key)) != NULL;
		} else if (strcmp(key, "slug") == 0) {
			free(t->slug);
			ok &= (t->slug = config_subtext(s, f, v, key)) != NULL;
		} else if (full && strcmp(key, "description") == 0) {
			free(t->description);
			ok &= (t->description =
			    config_subtext(s, f, v, key)) != NULL;
		} else if (full && strcmp(key, "aliases") == 0) {
			if (v->type != YAML_SEQUENCE_NODE) {
				diag_error(s->diag, f->path,
				    front_line(f, v), "\"aliases\" must be "
				    "a list, such as [CCE, county lines]");
				ok = 0;
				continue;
			}
			for (it = v->data.sequence.items.start;
			    it < v->data.sequence.items.top; it++) {
				a = front_node(f, *it);
				if (front_isnull(a) ||
				    front_scalar(a) == NULL) {
					diag_error(s->diag, f->path,
					    front_line(f, a), "each alias "
					    "must be text");
					ok = 0;
					continue;
				}
				t->aliases = xreallocarray(t->aliases,
				    t->aliasesz + 1, sizeof(*t->aliases));
				t->aliases[t->aliasesz++] =
				    xstrdup(front_scalar(a));
			}
		} else {
			config_unknown(s->diag, f->path, front_line(f, k),
			    key, keys, full ? 4 : 2, NULL);
			ok = 0;
		}
	}
	if (t->name == NULL) {
		diag_error(s->diag, f->path, t->line, "this entry has no "
		    "\"name\"");
		ok = 0;
	}
	return ok;
}

/*
 * Each spelling (name, slug, alias, any case) must name one entry
 * only: report each entry whose name or slug an earlier entry has, and
 * each alias an earlier entry has, using the sorted index (equal
 * spellings sit together, the earliest entry's first).  n log n, where
 * comparing each entry with those before it was quadratic.  Returns 1
 * if there are none.
 */
static int
config_twice(struct site *s, struct front *f, const struct field *fl,
    const struct vocab *v)
{
	size_t		*name, *slug, *alias, *aliasoff, i, j, n = 0;
	size_t		 none = (size_t)-1;
	const struct vocabkey *k;
	const struct term *t;
	int		 ok = 1;

	name = xcalloc(v->termsz + 1, sizeof(*name));
	slug = xcalloc(v->termsz + 1, sizeof(*slug));
	aliasoff = xcalloc(v->termsz + 1, sizeof(*aliasoff));
	for (i = 0; i < v->termsz; i++) {
		name[i] = slug[i] = none;
		aliasoff[i] = n;
		n += v->terms[i].aliasesz;
	}
	alias = xcalloc(n + 1, sizeof(*alias));
	for (i = 0; i < n; i++)
		alias[i] = none;
	for (i = 0; i < v->indexsz; i++) {
		k = &v->index[i];
		if (k->first == k->term)
			continue;
		if (k->kind == 0)
			name[k->term] = k->first;
		else if (k->kind == 1)
			slug[k->term] = k->first;
		else
			alias[aliasoff[k->term] + k->alias] = k->first;
	}
	for (i = 0; i < v->termsz; i++) {
		t = &v->terms[i];
		if (name[i] != none || slug[i] != none) {
			diag_error(s->diag, f->path, t->line, "\"%s\" is "
			    "listed twice in \"%s\" (see line %zu)", t->name,
			    fl->key, v->terms[name[i] != none ? name[i] :
			    slug[i]].line);
			ok = 0;
		}
		for (j = 0; j < t->aliasesz; j++)
			if (alias[aliasoff[i] + j] != none) {
				diag_error(s->diag, f->path, t->line,
				    "alias \"%s\" already names \"%s\" (line "
				    "%zu)", t->aliases[j],
				    v->terms[alias[aliasoff[i] + j]].name,
				    v->terms[alias[aliasoff[i] + j]].line);
				ok = 0;
			}
	}
	free(name);
	free(slug);
	free(alias);
	free(aliasoff);
	return ok;
}

/*
 * Read a vocabulary list: names, or mappings with name, slug, aliases
 * and description (full).  Checks slugs and that no two entries share
 * a name, alias or slug.
 */
static int
config_vocab(struct site *s, struct front *f, const struct field *fl,
    struct vocab *v, int full)
{
	yaml_node_item_t *it;
	struct term	*t;
	size_t		 i, j;
	int		 ok = 1;

	vocab_free(v);
	if (fl->value->type != YAML_SEQUENCE_NODE ||
	    fl->value->data.sequence.items.top ==
	    fl->value->data.sequence.items.start) {
		diag_error(s->diag, f->path, fl->line, "\"%s\" must be a "
		    "list with at least one entry", fl->key);
		return 0;
	}
	v->terms = xcalloc((size_t)(fl->value->data.sequence.items.top -
	    fl->value->data.sequence.items.start), sizeof(*v->terms));
	for (it = fl->value->data.sequence.items.start;
	    it < fl->value->data.sequence.items.top; it++) {
		t = &v->terms[v->termsz];
		if (!config_term(s, f, front_node(f, *it), t, full)) {
			term_free(t);
			memset(t, 0, sizeof(*t));
			ok = 0;
			continue;
		}
		if (t->slug == NULL)
			t->slug = vocab_slugify(t->name);
		if (!scan_match(s->re->slug, t->slug)) {
			diag_error(s->diag, f->path, t->line, "bad slug "
			    "\"%s\" for \"%s\": use only lower-case letters "
			    "a-z, digits and single hyphens", t->slug,
			    t->name);
			ok = 0;
		}
		v->termsz++;
	}
	vocab_index(v);
	ok &= config_twice(s, f, fl, v);
	for (i = 0; i < v->termsz; i++)
		for (j = 0; j < v->terms[i].aliasesz; j++)
			if (strcasecmp(v->terms[i].aliases[j],
			    v->terms[i].name) == 0)
				diag_warn(s->diag, f->path, v->terms[i].line,
				    "alias \"%s\" is the same as the name",
				    v->terms[i].aliases[j]);
	return ok;
}

/* One site-specific check: name, pattern, message, severity. */
static int
config_rule(struct site *s, struct front *f, yaml_node_t *n)
{
	static const char *const keys[] =
	    { "name", "pattern", "message", "severity" };
	const char	*v[4] = { NULL, NULL, NULL, NULL };
	yaml_node_pair_t *p;
	yaml_node_t	*k, *val;
	size_t		 i;
	int		 ok = 1, error = 1;

	if (n->type != YAML_MAPPING_NODE) {
		diag_error(s->diag, f->path, front_line(f, n), "a check is "
		    "written with name:, pattern:, message: and severity:");
		return 0;
	}
	for (p = n->data.mapping.pairs.start;
	    p < n->data.mapping.pairs.top; p++) {
		k = front_node(f, p->key);
		val = front_node(f, p->value);
		for (i = 0; i < 4; i++)
			if (front_scalar(k) != NULL &&
			    strcmp(front_scalar(k), keys[i]) == 0)
				break;
		if (i == 4) {
			config_unknown(s->diag, f->path, front_line(f, k),
			    front_scalar(k) != NULL ? front_scalar(k) : "?",
			    keys, 4, NULL);
			ok = 0;
		} else if (front_isnull(val) || front_scalar(val) == NULL ||
		    *front_scalar(val) == '\0') {
			diag_error(s->diag, f->path, front_line(f, val),
			    "\"%s\" must be text", keys[i]);
			ok = 0;
		} else
			v[i] = front_scalar(val);
	}
	for (i = 0; i < 3; i++)
		if (ok && v[i] == NULL) {
			diag_error(s->diag, f->path, front_line(f, n),
			    "this check has no \"%s\"", keys[i]);
			ok = 0;
		}
	if (v[3] != NULL && strcmp(v[3], "error") != 0 &&
	    strcmp(v[3], "warning") != 0) {
		diag_error(s->diag, f->path, front_line(f, n), "\"severity\" "
		    "must be error or warning, not \"%s\"", v[3]);
		ok = 0;
	} else if (v[3] != NULL)
		error = strcmp(v[3], "error") == 0;
	if (ok && !scan_match(s->re->slug, v[0])) {
		diag_error(s->diag, f->path, front_line(f, n), "bad check "
		    "name \"%s\": use lower-case letters, digits and "
		    "hyphens", v[0]);
		ok = 0;
	}
	return ok && check_add(s, f->path, front_line(f, n), v[0], v[1], v[2],
	    error);
}

/* checks: off: [RULE, ...] and rules: [{name, pattern, ...}, ...]. */
static int
config_checks(struct site *s, struct front *f, const struct field *fl)
{
	static const char *const keys[] = { "off", "rules" };
	yaml_node_pair_t *p;
	yaml_node_item_t *it;
	yaml_node_t	*k, *v, *e;
	const struct rule *r;
	const char	*key;
	int		 ok = 1, meta;

	if (fl->value->type != YAML_MAPPING_NODE) {
		diag_error(s->diag, f->path, fl->line, "\"checks\" has "
		    "\"off\" (a list of checks) and \"rules\" (a list of "
		    "your own checks)");
		return 0;
	}
	for (p = fl->value->data.mapping.pairs.start;
	    p < fl->value->data.mapping.pairs.top; p++) {
		k = front_node(f, p->key);
		v = front_node(f, p->value);
		key = front_scalar(k) != NULL ? front_scalar(k) : "?";
		if (strcmp(key, "off") != 0 && strcmp(key, "rules") != 0) {
			config_unknown(s->diag, f->path, front_line(f, k),
			    key, keys, 2, NULL);
			ok = 0;
			continue;
		}
		if (v->type != YAML_SEQUENCE_NODE) {
			diag_error(s->diag, f->path, front_line(f, k),
			    "\"%s\" must be a list", key);
			ok = 0;
			continue;
		}
		for (it = v->data.sequence.items.start;
		    it < v->data.sequence.items.top; it++) {
			e = front_node(f, *it);
			if (strcmp(key, "rules") == 0) {
				ok &= config_rule(s, f, e);
				continue;
			}
			if (front_scalar(e) == NULL ||
			    !check_known(s, f->path, front_line(f, e),
			    front_scalar(e))) {
				ok = 0;
				continue;
			}
			if ((r = check_find(s, front_scalar(e), &meta)) !=
			    NULL)
				s->rules[r - s->rules].off = 1;
			else {
				diag_error(s->diag, f->path,
				    front_line(f, e), "\"%s\" cannot be "
				    "switched off (its findings are warnings)",
				    front_scalar(e));
				ok = 0;
			}
		}
	}
	return ok;
}

/* The endings of a logo: images a browser shows in an <img>. */
static const char *const config_logoext[] = {
	".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif",
};
#define CONFIG_LOGOEXTSZ (sizeof(config_logoext) / sizeof(config_logoext[0]))

/*
 * The logo: a plain file name (it becomes the src of the home page's
 * <img> as it is, so no folder, no colon that would read as a scheme
 * such as "javascript:", nothing that is not safe in an address) with
 * an image's ending, naming a regular file inside the content folder
 * once symbolic links are resolved (a link could publish any file the
 * build can read; a pipe would hang the build).  Sets s->logopath to
 * the file's real path, which is what the build copies.  The same for
 * check and build.  Returns 1 if good, 0 when reported.
 */
static int
config_logo(struct site *s, const char *path, size_t line)
{
	const char	*v = s->logo, *ext;
	char		*p, *root = NULL, *real = NULL;
	size_t		 i, n = strlen(v), k;
	struct stat	 st;
	int		 fd, ok = 0;

	if (*v == '.' || strspn(v, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") != n) {
		diag_error(s->diag, path, line, "\"logo\" must be the name "
		    "of a file in the content folder, such as logo.svg, made of "
		    "letters, digits, hyphens, underscores and dots, not "
		    "\"%s\"", v);
		return 0;
	}
	for (i = 0; i < CONFIG_LOGOEXTSZ; i++) {
		k = strlen(config_logoext[i]);
		if (n > k && strcasecmp(v + n - k, config_logoext[i]) == 0)
			break;
	}
	if (i == CONFIG_LOGOEXTSZ) {
		ext = strrchr(v, '.');
		diag_error(s->diag, path, line, "\"logo\" must be an image "
		    "whose name ends in .svg, .png, .jpg, .jpeg, .webp or .gif, "
		    "not \"%s\"%s", v, ext == NULL ? "" : ": convert it to "
		    "one of these, or rename it if it is one");
		return 0;
	}
	p = xasprintf("%s/%s", s->opts->contentdir, v);
	if (lstat(p, &st) == -1) {
		diag_error(s->diag, path, line, "the logo file %s cannot be "
		    "read: %s", p, strerror(errno));
		goto out;
	}
	if (S_ISLNK(st.st_mode)) {
		root = realpath(s->opts->contentdir, NULL);
		real = realpath(p, NULL);
		if (root == NULL || real == NULL) {
			diag_error(s->diag, path, line, "the logo file %s is "
			    "a symbolic link to a file that is not there",
			    p);
			goto out;
		}
		k = strlen(root);
		if (strncmp(real, root, k) != 0 || real[k] != '/') {
			diag_error(s->diag, path, line, "the logo file %s is "
			    "a symbolic link to a file outside the content "
			    "folder, which might not be meant for the public: "
			    "copy the logo into the content folder instead", p);
			goto out;
		}
		free(p);
		p = real;
		real = NULL;
		if (lstat(p, &st) == -1) {
			diag_error(s->diag, path, line, "the logo file %s "
			    "cannot be read: %s", p, strerror(errno));
			goto out;
		}
	}
	if (!S_ISREG(st.st_mode))
		goto notreg;
	/* O_NONBLOCK: a pipe put there meanwhile must not hang the check. */
	if ((fd = open(p, O_RDONLY | O_NONBLOCK | O_NOFOLLOW)) == -1 ||
	    fstat(fd, &st) == -1) {
		diag_error(s->diag, path, line, "the logo file %s cannot be "
		    "read: %s", p, strerror(errno));
		if (fd != -1)
			close(fd);
		goto out;
	}
	close(fd);
	if (!S_ISREG(st.st_mode)) {
notreg:
		diag_error(s->diag, path, line, "the logo file %s is not a "
		    "regular file (only ordinary files are published, not "
		    "folders, devices, pipes or sockets)", p);
		goto out;
	}
	s->logopath = p;
	p = NULL;
	ok = 1;
out:
	free(p);
	free(real);
	free(root);
	return ok;
}

/* What makes folder dir look like a content folder, or NULL. */
static const char *
config_looks(const char *dir)
{
	char		 p[32];
	struct stat	 st;

	snprintf(p, sizeof(p), "%s/site.yaml", dir);
	if (access(p, F_OK) == 0)
		return "site.yaml";
	snprintf(p, sizeof(p), "%s/reviews", dir);
	if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
		return "a reviews folder";
	return NULL;
}

/*
 * Read contentdir/site.yaml into the site.  Returns 1 on success, 0
 * when any problem was reported (all of them are).
 */
int
config_read(struct site *s)
{
	struct front	 f;
	char		*text = NULL;
	size_t		 len, i, k, meantsz = 0;
	const struct field *fl;
	const char	*near, **meant = NULL;
	int		 ok = 1, b, e;
	struct stat	 st;
	const char	*has;
	static const char *const required[] =
	    { "title", "description", "base_url", "content_note",
	      "regions", "themes", "age_groups", "review_types" };

	errno = 0;
	s->language = xstrdup("en-GB");
	s->feed_length = 20;
	s->feed_ttl = 1440;
	s->home_length = 10;
	s->page_length = 20;
	s->configpath = xasprintf("%s/site.yaml", s->opts->contentdir);
	if (stat(s->opts->contentdir, &st) == -1 || !S_ISDIR(st.st_mode)) {
		/* Run from inside the content folder (or one below it)? */
		e = errno;
		if (e == ENOENT && (has = config_looks(".")) != NULL)
			diag_error(s->diag, s->opts->contentdir, 0, "there is "
			    "no content folder here, but this folder has %s: "
			    "it looks like the content folder itself, so run "
			    "lcspr from the folder above it (\"cd ..\"), or "
			    "name the content folder with -C", has);
		else if (e == ENOENT && (has = config_looks("..")) != NULL)
			diag_error(s->diag, s->opts->contentdir, 0, "there is "
			    "no content folder here, but the folder above has "
			    "%s: it looks like the content folder, so run "
			    "lcspr from the folder above that (\"cd ../..\"), "
			    "or name the content folder with -C", has);
		else
			diag_error(s->diag, s->opts->contentdir, 0, "cannot "
			    "read the content folder: %s", e != 0 ?
			    strerror(e) : "not a folder");
		return 0;
	}
	if (access(s->configpath, F_OK) == -1) {
		diag_error(s->diag, s->configpath, 0, "missing: every "
		    "content folder needs a site.yaml with the site's title, "
		    "address and vocabularies");
		return 0;
	}
	if (!scan_readconfig(s->diag, s->re, s->configpath,
	    !s->opts->nomarks, &text, &len))
		return 0;
	memset(&f, 0, sizeof(f));
	f.path = s->configpath;
	f.yaml = text;
	f.yamlsz = len;
	f.yamlline = 1;
	if (!front_load(s->diag, &f)) {
		ok = 0;
		goto out;
	}
	meant = xcalloc(f.fieldsz + 1, sizeof(*meant));
	for (i = 0; i < f.fieldsz; i++) {
		fl = &f.fields[i];
		if (strcmp(fl->key, "title") == 0)
			ok &= config_text(s, &f, fl, &s->title);
		else if (strcmp(fl->key, "description") == 0)
			ok &= config_text(s, &f, fl, &s->description);
		else if (strcmp(fl->key, "base_url") == 0)
			ok &= config_base_url(s, &f, fl);
		else if (strcmp(fl->key, "language") == 0)
			ok &= config_text(s, &f, fl, &s->language);
		else if (strcmp(fl->key, "feed_length") == 0)
			ok &= config_count(s, &f, fl, &s->feed_length, 100000,
			    "", "");
		else if (strcmp(fl->key, "feed_ttl") == 0)
			ok &= config_count(s, &f, fl, &s->feed_ttl, 10080,
			    " of minutes", " (a week), such as 1440 for a day");
		else if (strcmp(fl->key, "home_length") == 0)
			ok &= config_count(s, &f, fl, &s->home_length, 100000,
			    "", "");
		else if (strcmp(fl->key, "page_length") == 0)
			ok &= config_count(s, &f, fl, &s->page_length, 1000,
			    "", "");
		else if (strcmp(fl->key, "partnership") == 0)
			ok &= config_text(s, &f, fl, &s->partnership);
		else if (strcmp(fl->key, "logo") == 0)
			ok &= config_text(s, &f, fl, &s->logo) &&
			    config_logo(s, f.path, fl->line);
		else if (strcmp(fl->key, "accent") == 0) {
			if (!config_text(s, &f, fl, &s->accent))
				ok = 0;
			else if (!scan_match(s->re->colour, s->accent)) {
				diag_error(s->diag, f.path, fl->line,
				    "\"accent\" must be a colour written "
				    "#rrggbb, such as \"#1d70b8\" (in quotes)");
				ok = 0;
			} else if (config_contrast(s->accent) < 4.5) {
				diag_error(s->diag, f.path, fl->line,
				    "accent colour \"%s\" is too light: white "
				    "text on it has a contrast of %.1f:1, and "
				    "WCAG AA needs at least 4.5:1", s->accent,
				    config_contrast(s->accent));
				ok = 0;
			}
		} else if (strcmp(fl->key, "content_note") == 0)
			ok &= config_text(s, &f, fl, &s->content_note);
		else if (strcmp(fl->key, "allow_raw_html") == 0) {
			if (!front_bool(s->diag, &f, fl, &b))
				ok = 0;
			else
				s->allow_raw_html = b;
		} else if (strcmp(fl->key, "regions") == 0)
			ok &= config_vocab(s, &f, fl, &s->regions, 1);
		else if (strcmp(fl->key, "themes") == 0)
			ok &= config_vocab(s, &f, fl, &s->themes, 1);
		else if (strcmp(fl->key, "age_groups") == 0)
			ok &= config_vocab(s, &f, fl, &s->agegroups, 0);
		else if (strcmp(fl->key, "review_types") == 0)
			ok &= config_vocab(s, &f, fl, &s->reviewtypes, 0);
		else if (strcmp(fl->key, "checks") == 0)
			ok &= config_checks(s, &f, fl);
		else if (strcmp(fl->key, "timezone") == 0)
			ok &= config_text(s, &f, fl, &s->zone);
		else if (strcmp(fl->key, "search") == 0) {
			if (!front_bool(s->diag, &f, fl, &b))
				ok = 0;
			else {
				s->search = b && !s->opts->nosearch;
				s->searchline = fl->line;
			}
		} else if (strcmp(fl->key, "bank_holidays") == 0)
			ok &= config_holidays(s, &f, fl);
		else {
			near = config_unknown(s->diag, f.path, fl->line,
			    fl->key, config_keys, CONFIG_KEYSZ,
			    config_synonyms);
			/* Not also "missing": this is it, misnamed. */
			if (near != NULL)
				meant[meantsz++] = near;
			ok = 0;
		}
	}
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		size_t	 j;

		for (j = 0; j < f.fieldsz; j++)
			if (strcmp(f.fields[j].key, required[i]) == 0)
				break;
		for (k = 0; k < meantsz; k++)
			if (strcmp(meant[k], required[i]) == 0)
				break;
		if (j == f.fieldsz && k == meantsz) {
			diag_error(s->diag, f.path, 1, "required field "
			    "\"%s\" is missing", required[i]);
			ok = 0;
		}
	}
	if (s->zone == NULL)
		s->zone = xstrdup("Europe/London");
	if ((b = date_zone(s->zone)) <= 0) {
		for (i = 0; i < f.fieldsz; i++)
			if (strcmp(f.fields[i].key, "timezone") == 0)
				break;
		if (b == 0)
			diag_error(s->diag, f.path, i < f.fieldsz ?
			    f.fields[i].line : 1, "unknown time zone \"%s\": "
			    "write a time zone name such as \"Europe/London\"",
			    s->zone);
		else
			diag_error(s->diag, f.path, i < f.fieldsz ?
			    f.fields[i].line : 1, "cannot find the time zone "
			    "database for \"%s\": install it (on Debian, the "
			    "tzdata package)", s->zone);
		ok = 0;
	}
out:
	date_holidays(s);
	free(meant);
	front_free(&f);
	free(text);
	return ok;
}

/*
 * Give each vocabulary of the empty site s its identity: its name in
 * messages and, for those with pages (listed in site->vocabs, in the
 * order of the site's pages, sitemap and jobs), their folder, template
 * scope, feeds, intros and wording.
 */
void
config_vocabs(struct site *s)
{
	s->agegroups.what = "age group";
	s->reviewtypes.what = "review type";
	s->themes = (struct vocab){ .what = "learning theme",
	    .dir = "themes", .ctx = CTX_THEME, .hasfeed = 1, .hasintro = 1,
	    .listtitle = "Learning themes", .listdesc = "Every learning "
	    "theme, with the number of reviews on it.", .crumb = "Themes",
	    .phrase = "on the theme", .feedphrase = "on" };
	s->regions = (struct vocab){ .what = "region", .dir = "regions",
	    .ctx = CTX_REGION, .hasfeed = 1, .hasintro = 1,
	    .listtitle = "Regions", .listdesc = "Reviews by English region.",
	    .crumb = "Regions", .phrase = "in", .feedphrase = "in" };
	s->years = (struct vocab){ .what = "year", .dir = "years",
	    .ctx = CTX_YEAR, .listtitle = "Years", .listdesc = "Reviews by "
	    "year of publication.", .crumb = "Years", .phrase = "in",
	    .feedphrase = "in" };
	s->vocabs[0] = &s->themes;
	s->vocabs[1] = &s->regions;
	s->vocabs[2] = &s->years;
}

/*
 * Free what config_read stored in the site.
 */
void
config_free(struct site *s)
{
	free(s->configpath);
	free(s->title);
	free(s->description);
	free(s->base_url);
	free(s->base_path);
	free(s->language);
	free(s->partnership);
	free(s->logo);
	free(s->logopath);
	free(s->accent);
	free(s->content_note);
	free(s->zone);
	vocab_free(&s->regions);
	vocab_free(&s->themes);
	vocab_free(&s->agegroups);
	vocab_free(&s->reviewtypes);
	free(s->holidays);
	free(s->extraholidays);
}
