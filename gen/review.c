/*
 * Reviews: read one review file, check every front-matter field
 * against the vocabulary, and fill a struct review.  Runs on several
 * threads at once: it only reads the site and reports through the
 * (locked) diagnostics funnel.
 */
#include <assert.h>
#include <libxml/uri.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

#define RO(m)	offsetof(struct review, m)
#define SO(m)	offsetof(struct site, m)

/* The lists of choices of RF_CHOICE fields (a row's vocab). */
enum { RC_VOICE, RC_PUBLICATION };

/*
 * The review fields, in the order messages and the documentation list
 * them; colpos orders the open data's columns, a published format.
 * Adding an optional field: a row here, a member of struct review, and
 * the man page and README (see README, "Changing lcspr").
 */
static const struct rfield review_fieldtab[] = {
	/* key, kind, off, nof, vocab, required, col, colpos, doc */
	{ "title", RF_TEXT, RO(title), 0, 0, 1, "title", 3,
	    "the title" },
	{ "published", RF_DATE, RO(published), 0, 0, 1, "published", 4,
	    "publication date (YYYY-MM-DD)" },
	{ "region", RF_TERM, RO(region), 0, SO(regions), 1, "region", 8,
	    "English region" },
	{ "themes", RF_TERMS, RO(themes), RO(themesz), SO(themes), 1,
	    "themes", 10, "learning themes (a list in JSON; separated by "
	    "\"; \" in CSV)" },
	{ "ethnicity_recorded", RF_BOOL, RO(ethnicity), 0, 0, 1,
	    "ethnicity_recorded", 13, "true or false" },
	{ "local_area", RF_TEXT, RO(local_area), 0, 0, 0, "local_area", 9,
	    "safeguarding partnership or local authority" },
	{ "age_group", RF_TERM, RO(agegroup), 0, SO(agegroups), 0,
	    "age_group", 11, "age group, if given" },
	{ "review_type", RF_TERM, RO(reviewtype), 0, SO(reviewtypes), 0,
	    "review_type", 12, "review type" },
	{ "summary", RF_TEXT, RO(summary), 0, 0, 0, "summary", 15,
	    "the summary shown in lists and feeds" },
	{ "report_url", RF_URL, RO(report_url), 0, 0, 0, "report_url", 14,
	    "the full report, if given" },
	{ "draft", RF_BOOL, RO(draft), 0, 0, 0, NULL, 0, NULL },
	{ "allow", RF_ALLOW, RO(allow), RO(allowsz), 0, 0, NULL, 0, NULL },
	{ "notified", RF_DATE, RO(notified), 0, 0, 0, "notified", 5,
	    "serious incident notification date, if given" },
	{ "commissioned", RF_DATE, RO(commissioned), 0, 0, 0,
	    "commissioned", 6, "date the review was commissioned, if given" },
	{ "completed", RF_DATE, RO(completed), 0, 0, 0, "completed", 7,
	    "date the report was finalised, if given" },
	{ "withdrawn", RF_DATE, RO(withdrawn), 0, 0, 0, NULL, 0, NULL },
	/* A list of groups of fields: recs.c; its own open data. */
	{ "recommendations", RF_RECS, RO(recs), RO(recsz), 0, 0, NULL, 0,
	    NULL },
	{ "added", RF_DATE, RO(added), 0, 0, 0, "added", 16,
	    "date the review was added to this site (published, if not "
	    "given)" },
	/* What the national Panel asks of every review (issue 15). */
	{ "ethnicity_analysed", RF_TRI, RO(ethnicity_analysed), 0, 0, 0,
	    "ethnicity_analysed", 17, "true or false: the review considers "
	    "how ethnicity, culture and race affected the child's "
	    "experience and the response; empty (null in JSON) if not "
	    "given" },
	{ "faith_recorded", RF_TRI, RO(faith_recorded), 0, 0, 0,
	    "faith_recorded", 18, "true or false: the review records the "
	    "child's faith or religion; empty if not given" },
	{ "faith_analysed", RF_TRI, RO(faith_analysed), 0, 0, 0,
	    "faith_analysed", 19, "true or false: the review considers how "
	    "faith affected the child's experience; empty if not given" },
	{ "child_voice", RF_CHOICE, RO(child_voice), 0, RC_VOICE, 0,
	    "child_voice", 20, "quoted (the child's own words), reported "
	    "(described by others) or absent; empty if not given" },
	{ "family_views", RF_TRI, RO(family_views), 0, 0, 0,
	    "family_views", 21, "true or false: the review gives the "
	    "family's views; empty if not given" },
	{ "rapid_review", RF_DATE, RO(rapid_review), 0, 0, 0,
	    "rapid_review", 22, "date of the rapid review, if given" },
	{ "publication", RF_CHOICE, RO(publication), 0, RC_PUBLICATION, 0,
	    "publication", 23, "full, improvements (information about the "
	    "improvements made instead of the report) or withheld-for-now; "
	    "empty if not given (full)" },
	{ "publication_reason", RF_TEXT, RO(publication_reason), 0, 0, 0,
	    "publication_reason", 24, "why the full report is not "
	    "published, if it is not" },
	/* Columns of the open data not read from the front matter. */
	{ NULL, RF_TEXT, RO(slug), 0, 0, 0, "slug", 1,
	    "the review's name in its web address" },
	{ NULL, RF_PAGEURL, 0, 0, 0, 0, "url", 2, "the review's page" },
};
#define REVIEW_FIELDTABSZ \
	(sizeof(review_fieldtab) / sizeof(review_fieldtab[0]))

/* The dates in the order they must run, as messages name them. */
#define REVIEW_DATESZ	5
static const char *const review_dates[REVIEW_DATESZ] = { "notified",
    "rapid_review", "commissioned", "completed", "published" };

static const char *const review_choices[][4] = {
	[RC_VOICE] = { "quoted", "reported", "absent", NULL },
	[RC_PUBLICATION] = { "full", "improvements", "withheld-for-now",
	    NULL },
};

/* What people write for a field, and the field they mean. */
static const struct synonym review_synonyms[] = {
	{ "date", "published" }, { "publication_date", "published" },
	{ "published_date", "published" }, { "date_published", "published" },
	{ "publish_date", "published" },
	{ "ethnicity_analyzed", "ethnicity_analysed" },
	{ "faith_analyzed", "faith_analysed" },
	{ "faith", "faith_recorded" }, { "religion", "faith_recorded" },
	{ "religion_recorded", "faith_recorded" },
	{ "voice", "child_voice" }, { "childs_voice", "child_voice" },
	{ "voice_of_the_child", "child_voice" },
	{ "family_view", "family_views" }, { "family_voice", "family_views" },
	{ "rapid_review_date", "rapid_review" },
	{ "rapid_review_held", "rapid_review" },
	{ "publication_status", "publication" },
	{ "published_as", "publication" },
	{ "reason", "publication_reason" },
	{ "date_added", "added" }, { "added_date", "added" },
	{ "added_on", "added" },
	{ "theme", "themes" }, { "tags", "themes" }, { "tag", "themes" },
	{ "learning_themes", "themes" }, { "topics", "themes" },
	{ "area", "local_area" }, { "location", "local_area" },
	{ "place", "local_area" }, { "local_authority", "local_area" },
	{ "type", "review_type" }, { "kind", "review_type" },
	{ "recommendation", "recommendations" },
	{ "recs", "recommendations" }, { "actions", "recommendations" },
	{ "age", "age_group" }, { "ages", "age_group" },
	{ "ethnicity", "ethnicity_recorded" },
	{ "url", "report_url" }, { "report", "report_url" },
	{ "link", "report_url" }, { "report_link", "report_url" },
	{ "name", "title" }, { "description", "summary" },
	{ "exceptions", "allow" },
	{ NULL, NULL }
};

/* The front-matter keys, in the table's order, into keys; how many. */
static size_t
review_keys(const char **keys)
{
	size_t	 i, n = 0;

	for (i = 0; i < REVIEW_FIELDTABSZ; i++)
		if (review_fieldtab[i].key != NULL)
			keys[n++] = review_fieldtab[i].key;
	return n;
}

/* The row of the field called key (one the table has). */
static size_t
review_row(const char *key)
{
	size_t	 i;

	for (i = 0; i < REVIEW_FIELDTABSZ; i++)
		if (review_fieldtab[i].key != NULL &&
		    strcmp(review_fieldtab[i].key, key) == 0)
			break;
	assert(i < REVIEW_FIELDTABSZ);
	return i;
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

/*
 * themes: one name, or a flow or block list of names of v, into the
 * owned array *out of *outsz terms.
 */
static int
review_themes(struct site *s, struct front *f, const struct field *fl,
    const struct vocab *v, const struct term ***out, size_t *outsz)
{
	yaml_node_item_t *it;
	yaml_node_t	*n;
	const struct term *t;
	size_t		 i, max;
	int		 ok = 1;

	if (fl->value->type == YAML_SCALAR_NODE) {
		if (review_text(s->diag, f, fl) == NULL)
			return 0;
		if (review_commas(s->diag, f, fl, v))
			return 0;
		if ((t = review_term(s->diag, f, v,
		    front_scalar(fl->value), fl->line)) == NULL)
			return 0;
		*out = xcalloc(1, sizeof(**out));
		(*out)[(*outsz)++] = t;
		return 1;
	}
	if (fl->value->type != YAML_SEQUENCE_NODE) {
		diag_error(s->diag, f->path, fl->line, "\"themes\" must be "
		    "a list of learning themes, such as [Neglect, Domestic "
		    "abuse]");
		return 0;
	}
	max = (size_t)(fl->value->data.sequence.items.top -
	    fl->value->data.sequence.items.start);
	if (max == 0) {
		diag_error(s->diag, f->path, fl->line, "\"themes\" is "
		    "empty: give at least one learning theme");
		return 0;
	}
	*out = xcalloc(max, sizeof(**out));
	for (it = fl->value->data.sequence.items.start;
	    it < fl->value->data.sequence.items.top; it++) {
		n = front_node(f, *it);
		if (front_isnull(n) || front_scalar(n) == NULL) {
			diag_error(s->diag, f->path, front_line(f, n),
			    "each learning theme in \"themes\" must be text");
			ok = 0;
			continue;
		}
		if ((t = review_term(s->diag, f, v,
		    front_scalar(n), front_line(f, n))) == NULL) {
			ok = 0;
			continue;
		}
		for (i = 0; i < *outsz; i++)
			if ((*out)[i] == t)
				break;
		if (i < *outsz) {
			diag_warn(s->diag, f->path, front_line(f, n),
			    "learning theme \"%s\" is listed twice", t->name);
			continue;
		}
		(*out)[(*outsz)++] = t;
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
		diag_error(s->diag, f->path, fl->line, "\"allow\" must be a "
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
				diag_error(s->diag, f->path, front_line(f, n),
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
	const struct date *v[REVIEW_DATESZ];
	char		 a[16], b[16];
	int		 i, prev = -1, ok = 1;

	for (i = 0; i < REVIEW_DATESZ; i++)
		v[i] = (const struct date *)((const char *)r +
		    review_fieldtab[review_row(review_dates[i])].off);
	/* prev: the latest of the dates given before this one. */
	for (i = 0; i < REVIEW_DATESZ; i++) {
		if (v[i]->year == 0)
			continue;
		if (prev >= 0 && date_cmp(v[i], v[prev]) < 0) {
			date_iso(v[i], a, sizeof(a));
			date_iso(v[prev], b, sizeof(b));
			diag_error(d, f->path, lines[i], "\"%s\" (%s) is "
			    "before \"%s\" (%s): the dates run notified, "
			    "rapid_review, commissioned, completed, published",
			    review_dates[i], a, review_dates[prev], b);
			ok = 0;
		} else
			prev = i;
	}
	return ok;
}

/*
 * A review is withdrawn, or added to this site (long after, for an old
 * review), on or after the day it is published: the date dt of field
 * name (on line) must not come before the published one; what says
 * what happens on it.  Returns 1 if good (or either date is missing).
 */
static int
review_notbefore(struct diag *d, const struct front *f,
    const struct review *r, const char *name, const struct date *dt,
    size_t line, const char *what)
{
	char	 a[16];

	/* Given but not a date: reported by review_date. */
	if (dt->year == 0 || r->published.year == 0 ||
	    date_cmp(dt, &r->published) >= 0)
		return 1;
	date_iso(dt, a, sizeof(a));
	diag_error(d, f->path, line, "\"%s\" (%s) is before \"published\" "
	    "(%s): a review is %s on or after the day it is published", name,
	    a, r->iso, what);
	return 0;
}

/*
 * One of the choices (a list ending in NULL) for field fl, whose value
 * is v: *out gets the choice as written in the list (static).
 */
static int
review_choice(struct diag *d, struct front *f, const struct field *fl,
    const char *const *choices, const char *v, const char **out)
{
	const char	*near;
	char		*list, *hint;
	size_t		 n;

	for (n = 0; choices[n] != NULL; n++)
		if (vocab_samekey(v, choices[n])) {
			*out = choices[n];
			return 1;
		}
	list = vocab_list(choices, n, "or");
	near = vocab_nearest(v, choices, n);
	hint = near != NULL ? vocab_didyoumean(&near, 1) : NULL;
	diag_error(d, f->path, fl->line, "\"%s\" must be %s, not \"%s\"%s%s",
	    fl->key, list, v, hint != NULL ? ": " : "",
	    hint != NULL ? hint : "");
	free(hint);
	free(list);
	return 0;
}

/*
 * What the national Panel asks (issue 15): "X_analysed: true" needs
 * "X_recorded: true", and a publication other than full needs its
 * reason (and only then has one).  line: each row's line, 0 if not
 * given.  Returns 1 if good.
 */
static int
review_panel(struct diag *d, const struct front *f, const struct review *r,
    const size_t *line)
{
	size_t	 ea = line[review_row("ethnicity_analysed")];
	size_t	 fa = line[review_row("faith_analysed")];
	size_t	 pl = line[review_row("publication")];
	size_t	 rl = line[review_row("publication_reason")];
	size_t	 ul = line[review_row("report_url")];
	int	 ok = 1;

	if (r->ethnicity_analysed == TRI_YES && !r->ethnicity &&
	    line[review_row("ethnicity_recorded")] != 0) {
		diag_error(d, f->path, ea, "\"ethnicity_analysed\" is true "
		    "but \"ethnicity_recorded\" is false: a review that "
		    "analyses the child's ethnicity records it, so set "
		    "\"ethnicity_recorded: true\" (or \"ethnicity_analysed: "
		    "false\")");
		ok = 0;
	}
	if (r->faith_analysed == TRI_YES && r->faith_recorded != TRI_YES &&
	    !(r->faith_recorded == TRI_NONE &&
	    line[review_row("faith_recorded")] != 0)) {
		diag_error(d, f->path, fa, "\"faith_analysed\" is true but "
		    "\"faith_recorded\" is %s: a review that analyses the "
		    "child's faith records it, so %s \"faith_recorded: true\" "
		    "(or \"faith_analysed: false\")",
		    r->faith_recorded == TRI_NO ? "false" : "not given",
		    r->faith_recorded == TRI_NO ? "set" : "add");
		ok = 0;
	}
	if (r->publication != NULL && strcmp(r->publication, "full") != 0 &&
	    rl == 0) {
		diag_error(d, f->path, pl, "\"publication\" is \"%s\", so "
		    "\"publication_reason\" is needed: add it, saying in a "
		    "few words why the full report is not published, such as "
		    "\"publication_reason: criminal proceedings are not yet "
		    "over\"", r->publication);
		ok = 0;
	}
	if (rl != 0 && r->publication_reason != NULL &&
	    (r->publication == NULL ? pl == 0 :
	    strcmp(r->publication, "full") == 0)) {
		diag_error(d, f->path, rl, "\"publication_reason\" is only "
		    "for a report not published in full: remove it, or set "
		    "\"publication\" to \"improvements\" or "
		    "\"withheld-for-now\"");
		ok = 0;
	}
	if (ul != 0 && r->publication != NULL &&
	    strcmp(r->publication, "withheld-for-now") == 0) {
		diag_error(d, f->path, ul, "\"report_url\" is given, but "
		    "\"publication\" is \"withheld-for-now\": leave the "
		    "address out until the report is published, then set "
		    "\"publication: full\"");
		ok = 0;
	}
	return ok;
}

/* Read field fl, the field of row rf, into r.  Returns 1 if good. */
static int
review_field(struct site *s, struct front *f, const struct field *fl,
    const struct rfield *rf, struct review *r)
{
	char		*p = (char *)r + rf->off;
	const struct vocab *voc;
	const char	*v;
	int		 b;

	voc = (const struct vocab *)((const char *)s + rf->vocab);
	switch (rf->kind) {
	case RF_TEXT:
		if ((v = review_text(s->diag, f, fl)) == NULL)
			return 0;
		*(char **)p = xstrdup(v);
		return 1;
	case RF_DATE:
		return review_date(s->diag, f, fl, (struct date *)p);
	case RF_TERM:
		v = review_text(s->diag, f, fl);
		return v != NULL && (*(const struct term **)p =
		    review_term(s->diag, f, voc, v, fl->line)) != NULL;
	case RF_TERMS:
		return review_themes(s, f, fl, voc, (const struct term ***)p,
		    (size_t *)((char *)r + rf->nof));
	case RF_BOOL:
		return front_bool(s->diag, f, fl, (int *)p);
	case RF_URL:
		return review_url(s->diag, f, fl, (char **)p);
	case RF_ALLOW:
		return review_allow(s, f, fl, (struct allow **)p,
		    (size_t *)((char *)r + rf->nof));
	case RF_TRI:
		if (!front_bool(s->diag, f, fl, &b))
			return 0;
		*(int *)p = b ? TRI_YES : TRI_NO;
		return 1;
	case RF_CHOICE:
		return (v = review_text(s->diag, f, fl)) != NULL &&
		    review_choice(s->diag, f, fl, review_choices[rf->vocab], v,
		    (const char **)p);
	case RF_RECS:
		return recs_read(s, f, fl, r);
	case RF_PAGEURL:
		break;
	}
	return 0;
}

/* Check each front-matter field and fill r.  Returns 1 if all good. */
static int
review_fields(struct site *s, struct front *f, struct review *r)
{
	const struct field *fl;
	const char	*v, *near, *keys[REVIEW_FIELDTABSZ];
	size_t		 i, k, nk;
	int		 ok = 1, seen[REVIEW_FIELDTABSZ];
	size_t		 line[REVIEW_FIELDTABSZ], lines[REVIEW_DATESZ];

	memset(seen, 0, sizeof(seen));
	memset(line, 0, sizeof(line));
	for (i = 0; i < f->fieldsz; i++) {
		fl = &f->fields[i];
		for (k = 0; k < REVIEW_FIELDTABSZ; k++)
			if (review_fieldtab[k].key != NULL &&
			    strcmp(fl->key, review_fieldtab[k].key) == 0)
				break;
		if (k < REVIEW_FIELDTABSZ && fl->reported) {
			/* Its value was reported by front_load. */
			seen[k] = 1;
			ok = 0;
			continue;
		}
		if (k == REVIEW_FIELDTABSZ) {
			nk = review_keys(keys);
			near = vocab_nearkey(fl->key, keys, nk,
			    review_synonyms);
			/* An area that is a region is meant as the region. */
			if (near != NULL && strcmp(near, "local_area") == 0 &&
			    (v = front_scalar(fl->value)) != NULL &&
			    vocab_find(&s->regions, v) != NULL)
				near = "region";
			vocab_unknownfield(s->diag, f->path, fl->line,
			    fl->key, near, keys, nk);
			/* Not also "missing": this is it, misspelt. */
			if (near != NULL)
				seen[review_row(near)] = 1;
			ok = 0;
			continue;
		}
		seen[k] = 1;
		line[k] = fl->line;
		ok &= review_field(s, f, fl, &review_fieldtab[k], r);
	}
	for (k = 0; k < REVIEW_FIELDTABSZ; k++)
		if (review_fieldtab[k].required && !seen[k]) {
			diag_error(s->diag, f->path, f->yamlline - 1,
			    "required field \"%s\" is missing",
			    review_fieldtab[k].key);
			ok = 0;
		}
	r->titleline = line[review_row("title")];
	if (r->published.year != 0)
		date_iso(&r->published, r->iso, sizeof(r->iso));
	if (r->reviewtype == NULL && s->reviewtypes.termsz > 0)
		r->reviewtype = &s->reviewtypes.terms[0];
	for (i = 0; i < REVIEW_DATESZ; i++)
		lines[i] = line[review_row(review_dates[i])];
	ok &= review_order(s->diag, f, r, lines);
	ok &= review_panel(s->diag, f, r, line);
	ok &= review_notbefore(s->diag, f, r, "withdrawn", &r->withdrawn,
	    line[review_row("withdrawn")], "withdrawn");
	/* Not given, the added date is the published one. */
	if (line[review_row("added")] == 0)
		r->added = r->published;
	ok &= review_notbefore(s->diag, f, r, "added", &r->added,
	    line[review_row("added")], "added to this site");
	date_ahead(s, r, lines, line[review_row("added")]);
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

/* The front matter of a review into r (doc_read's fields). */
static int
review_docfields(struct site *s, struct doc *d, void *arg, int ok)
{
	struct review	*r = arg;
	struct front	*f = &d->f;

	if (f->loaded && ok && (yaml_document_get_root_node(&f->doc) ==
	    NULL || (f->mapping && f->fieldsz == 0))) {
		diag_error(s->diag, r->path, 1, "the front matter is empty: "
		    "a review needs title, published, region, themes and "
		    "ethnicity_recorded");
		ok = 0;
	} else if (f->loaded && (f->mapping || yaml_document_get_root_node(
	    &f->doc) == NULL)) {
		d->fieldsok = review_fields(s, f, r) && ok;
		ok = d->fieldsok;
	}
	d->allow = r->allow;
	d->allowsz = r->allowsz;
	d->from = r;
	d->wantpara = r->summary == NULL;
	d->draft = r->draft;
	return ok;
}

/*
 * The rendered body into r, then the metadata checks, which need the
 * whole file (doc_read's done).  Sets r->ok.
 */
static int
review_docdone(struct site *s, struct doc *d, void *arg, int ok)
{
	struct review	*r = arg;
	struct front	*f = &d->f;
	size_t		 i, urlline = 0, themesline = 0;
	int		 summarygiven = 0;

	if (d->html != NULL) {
		r->body = d->html;
		if (r->summary == NULL)
			r->summary = d->para != NULL ? d->para : xstrdup("");
		for (i = 0; i < f->fieldsz; i++) {
			summarygiven |= strcmp(f->fields[i].key,
			    "summary") == 0;
			if (strcmp(f->fields[i].key, "report_url") == 0)
				urlline = f->fields[i].line;
			if (strcmp(f->fields[i].key, "themes") == 0)
				themesline = f->fields[i].line;
		}
		/* Whole-file checks need fields that loaded: a file whose
		 * front matter failed gets no warning made of defaults. */
		if (d->fieldsok)
			check_review(s, r, d->body, d->bodysz, d->bodyline,
			    summarygiven, urlline, themesline);
		else
			review_unchecked(r);
		recs_check(s, r, d->body, d->bodysz, d->bodyline);
		r->bodylen = strlen(r->body);
		if (ok && spool_put(&s->run->spool, r->body, r->bodylen,
		    &r->bodyoff)) {
			free(r->body);
			r->body = NULL;
		}
	}
	r->ok = ok;
	return ok;
}

/* A review: its stale exceptions wait for check_reviews. */
static const struct dockind review_kind = {
	1, "../../", "the review has no text: write the summary, key "
	"learning and recommendations after the front matter", 0, 0,
	review_docfields, review_docdone
};

/*
 * Read, check and render the review file r->path into r (r->path and
 * r->slug are set by the caller).  Sets r->ok.  Returns 1 on success,
 * 0 when problems were reported (all of them, not just the first).
 */
int
review_read(struct site *s, struct review *r)
{
	return doc_read(s, &review_kind, r->path, r);
}

/*
 * The open data's columns, in order (a published format: see colpos),
 * as an array the caller frees; *n gets their number.
 */
const struct rfield **
review_columns(size_t *n)
{
	const struct rfield **cols;
	size_t		 i;

	cols = xcalloc(REVIEW_FIELDTABSZ, sizeof(*cols));
	*n = 0;
	for (i = 0; i < REVIEW_FIELDTABSZ; i++)
		if (review_fieldtab[i].col != NULL) {
			assert(review_fieldtab[i].colpos >= 1 &&
			    review_fieldtab[i].colpos <= REVIEW_FIELDTABSZ &&
			    cols[review_fieldtab[i].colpos - 1] == NULL);
			cols[review_fieldtab[i].colpos - 1] =
			    &review_fieldtab[i];
			(*n)++;
		}
	for (i = 0; i < *n; i++)
		assert(cols[i] != NULL);	/* no gap in colpos */
	return cols;
}

/*
 * Free a review's owned fields (not the review itself).
 */
void
review_free(struct review *r)
{
	const struct rfield *rf;
	struct allow	*a;
	char		*p;
	size_t		 i;

	free(r->path);
	free(r->body);
	for (rf = review_fieldtab; rf < review_fieldtab + REVIEW_FIELDTABSZ;
	    rf++) {
		p = (char *)r + rf->off;
		switch (rf->kind) {
		case RF_TEXT:
		case RF_URL:
			free(*(char **)p);
			break;
		case RF_TERMS:
			free(*(const struct term ***)p);
			break;
		case RF_RECS:
			recs_free(*(struct rec **)p,
			    *(size_t *)((char *)r + rf->nof));
			break;
		case RF_ALLOW:
			a = *(struct allow **)p;
			for (i = 0; i < *(size_t *)((char *)r + rf->nof); i++)
				free(a[i].rule);
			free(a);
			break;
		default:
			break;
		}
	}
}
