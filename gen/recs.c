/*
 * Recommendations: read and check a review's front-matter list of
 * recommendations (each a group of fields: text, to, status, due,
 * updated, evidence, reason), render each one's evidence as the body
 * is rendered, and warn when the body has its own "Recommendations"
 * heading too.  Called by review.c on several threads at once: it
 * only reads the site and reports through the diagnostics funnel.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

/* The statuses as written in front matter, in enum recstatus order. */
static const char *const recs_statuses[REC__MAX] = {
	"accepted", "not accepted", "in progress", "completed"
};

/* The statuses as the site shows them. */
static const char *const recs_words[REC__MAX] = {
	"Accepted", "Not accepted", "In progress", "Completed"
};

/* The fields of one recommendation, in the order messages list them. */
enum reckey {
	RK_TEXT, RK_TO, RK_STATUS, RK_DUE, RK_UPDATED, RK_EVIDENCE,
	RK_REASON, RK__MAX
};

static const char *const recs_keys[RK__MAX] = {
	"text", "to", "status", "due", "updated", "evidence", "reason"
};

/* What people write for a recommendation's field. */
static const struct synonym recs_synonyms[] = {
	{ "recommendation", "text" }, { "title", "text" },
	{ "description", "text" }, { "action", "text" },
	{ "agency", "to" }, { "agencies", "to" }, { "owner", "to" },
	{ "owners", "to" }, { "lead", "to" }, { "for", "to" },
	{ "state", "status" }, { "progress", "status" },
	{ "deadline", "due" }, { "due_date", "due" }, { "due_by", "due" },
	{ "by", "due" }, { "target", "due" }, { "target_date", "due" },
	{ "last_updated", "updated" }, { "update", "updated" },
	{ "date_updated", "updated" }, { "impact", "evidence" },
	{ "outcome", "evidence" }, { "evaluation", "evidence" },
	{ "why", "reason" }, { "rationale", "reason" },
	{ "reasons", "reason" },
	{ NULL, NULL }
};

/*
 * The status as the site shows it: "In progress".  Static.
 */
const char *
recs_word(enum recstatus st)
{
	return recs_words[st];
}

/*
 * The status as front matter and the open data write it: "in
 * progress".  Static.
 */
const char *
recs_status(enum recstatus st)
{
	return recs_statuses[st];
}

/*
 * Is recommendation rc past its due date on the build day, and not
 * completed?  One that was not accepted is never due.
 */
int
recs_pastdue(const struct site *s, const struct rec *rc)
{
	return rc->due.year != 0 && date_cmp(&rc->due, &s->today) < 0 &&
	    (rc->status == REC_ACCEPTED || rc->status == REC_INPROGRESS);
}

/*
 * Append the agencies of rc to b, joined by "; " as the open data and
 * the recommendations page write them.  Returns b->data: NULL when b
 * was never written to and rc names none.
 */
const char *
recs_to(const struct rec *rc, struct buf *b)
{
	size_t	 i;

	for (i = 0; i < rc->tosz; i++) {
		if (i > 0)
			buf_puts(b, "; ");
		buf_puts(b, rc->to[i]);
	}
	return b->data;
}

/* Is s the status name w, in any case, with "-" or "_" for a space? */
static int
recs_same(const char *s, const char *w)
{
	for (; *s != '\0' && *w != '\0'; s++, w++)
		if (*w == ' ' && (*s == '-' || *s == '_' || *s == ' '))
			continue;
		else if (tolower((unsigned char)*s) != *w)
			return 0;
	return *s == *w;
}

/* The text of node n, or NULL (reported as what) when not text. */
static const char *
recs_text(struct diag *d, struct front *f, yaml_node_t *n, size_t num,
    const char *key)
{
	const char	*v;

	if (front_isnull(n) || ((v = front_scalar(n)) != NULL &&
	    v[strspn(v, " \t\r\n")] == '\0')) {
		diag_error(d, f->path, front_line(f, n), "recommendation %zu: "
		    "\"%s\" is empty", num, key);
		return NULL;
	}
	if (v == NULL) {
		diag_error(d, f->path, front_line(f, n), "recommendation %zu: "
		    "\"%s\" must be text, not a list or a group of fields",
		    num, key);
		return NULL;
	}
	return v;
}

/* A YYYY-MM-DD value into out.  Returns 1 if good, 0 reported. */
static int
recs_date(struct diag *d, struct front *f, yaml_node_t *n, size_t num,
    const char *key, struct date *out)
{
	const char	*v;
	int		 rc;

	if ((v = recs_text(d, f, n, num, key)) == NULL)
		return 0;
	if ((rc = date_parse(v, out)) == 0)
		diag_error(d, f->path, front_line(f, n), "recommendation %zu: "
		    "\"%s\" must be a date written YYYY-MM-DD, such as "
		    "2024-03-12, not \"%s\"", num, key, v);
	else if (rc < 0)
		diag_error(d, f->path, front_line(f, n), "recommendation %zu: "
		    "\"%s\" is %s, which is not a real date", num, key, v);
	if (rc <= 0)
		memset(out, 0, sizeof(*out));
	return rc > 0;
}

/* status: one of recs_statuses.  Returns 1 if good, 0 reported. */
static int
recs_readstatus(struct diag *d, struct front *f, yaml_node_t *n,
    size_t num, enum recstatus *out)
{
	const char	*v, *near;
	char		*list;
	size_t		 i;

	if ((v = recs_text(d, f, n, num, "status")) == NULL)
		return 0;
	for (i = 0; i < REC__MAX; i++)
		if (recs_same(v, recs_statuses[i])) {
			*out = (enum recstatus)i;
			return 1;
		}
	near = vocab_nearest(v, recs_statuses, REC__MAX);
	list = near != NULL ? vocab_didyoumean(&near, 1) :
	    vocab_list(recs_statuses, REC__MAX, "or");
	diag_error(d, f->path, front_line(f, n), "recommendation %zu: "
	    "unknown status \"%s\": %s%s", num, v, near != NULL ? "" :
	    "write ", list);
	free(list);
	return 0;
}

/* to: an agency, or a list of them.  Returns 1 if good, 0 reported. */
static int
recs_readto(struct diag *d, struct front *f, yaml_node_t *n, size_t num,
    struct rec *rc)
{
	yaml_node_item_t *it;
	yaml_node_t	*e;
	const char	*v;
	int		 ok = 1;

	if (n->type != YAML_SEQUENCE_NODE) {
		if ((v = recs_text(d, f, n, num, "to")) == NULL)
			return 0;
		rc->to = xcalloc(1, sizeof(*rc->to));
		rc->to[rc->tosz++] = xstrdup(v);
		return 1;
	}
	if (n->data.sequence.items.top == n->data.sequence.items.start) {
		diag_error(d, f->path, front_line(f, n), "recommendation %zu: "
		    "\"to\" is empty: name the agency, or list the agencies "
		    "in square brackets", num);
		return 0;
	}
	rc->to = xcalloc((size_t)(n->data.sequence.items.top -
	    n->data.sequence.items.start), sizeof(*rc->to));
	for (it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++) {
		e = front_node(f, *it);
		if (front_isnull(e) || (v = front_scalar(e)) == NULL ||
		    v[strspn(v, " \t\r\n")] == '\0') {
			diag_error(d, f->path, front_line(f, e),
			    "recommendation %zu: each agency in \"to\" must be "
			    "text", num);
			ok = 0;
			continue;
		}
		rc->to[rc->tosz++] = xstrdup(v);
	}
	return ok;
}

/*
 * evidence: Markdown, checked and rendered as the body is (the
 * identifying-details checks ran over the whole file already, front
 * matter included), its messages at its own lines and columns: a
 * block ("evidence: |") starts on the line after its key, indented
 * as its first line is (ls: the byte offset of each line of the YAML,
 * lsz of them).  A value folded over several lines without a block
 * has its messages on its lines but at columns of its own text.
 */
static int
recs_evidence(struct site *s, struct front *f, yaml_node_t *n,
    struct review *r, size_t num, struct rec *rc, const size_t *ls,
    size_t lsz)
{
	struct mdlinks	 ml;
	const char	*v;
	size_t		 line, col0 = 0, o;
	int		 linksok;

	if ((v = recs_text(s->diag, f, n, num, "evidence")) == NULL)
		return 0;
	rc->evidence = xstrdup(v);
	line = front_line(f, n);
	if (n->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
	    n->data.scalar.style == YAML_FOLDED_SCALAR_STYLE) {
		line++;
		if (n->start_mark.line + 1 < lsz)
			for (o = ls[n->start_mark.line + 1]; o < f->yamlsz &&
			    f->yaml[o] == ' '; o++)
				col0++;
	} else if (n->start_mark.line == n->end_mark.line)
		col0 = n->start_mark.column +
		    (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE);
	if (!doc_body(s->diag, f->path, v, strlen(v), line))
		return 0;
	ml.site = s;
	ml.path = f->path;
	ml.line0 = line;
	ml.prefix = "../../";
	ml.from = r;
	ml.col0 = col0;
	rc->evidencehtml = markdown_render(v, strlen(v), s->allow_raw_html,
	    NULL, NULL, &ml, &linksok);
	return linksok;
}

/* One entry n, recommendation num, into rc.  Returns 1 if good. */
static int
recs_item(struct site *s, struct front *f, yaml_node_t *n,
    struct review *r, size_t num, struct rec *rc, const size_t *ls,
    size_t lsz)
{
	yaml_node_pair_t *pair;
	yaml_node_t	*k, *v, *given[RK__MAX];
	const char	*key, *near;
	char		*hint;
	size_t		 i, line[RK__MAX];
	int		 ok = 1;

	rc->n = num;
	rc->line = front_line(f, n);
	if (n->type != YAML_MAPPING_NODE) {
		diag_error(s->diag, f->path, rc->line, "recommendation %zu "
		    "must be a group of fields under its dash (text, to, "
		    "status...), such as: - text: \"...\"", num);
		return 0;
	}
	if (n->data.mapping.pairs.top - n->data.mapping.pairs.start >
	    FRONT_FIELDS) {
		diag_error(s->diag, f->path, rc->line, "recommendation %zu "
		    "has more than %d fields, which is more than lcspr reads: "
		    "check the indentation of the lines under it", num,
		    FRONT_FIELDS);
		return 0;
	}
	memset(given, 0, sizeof(given));
	memset(line, 0, sizeof(line));
	for (pair = n->data.mapping.pairs.start;
	    pair < n->data.mapping.pairs.top; pair++) {
		k = front_node(f, pair->key);
		v = front_node(f, pair->value);
		if ((key = front_scalar(k)) == NULL) {
			diag_error(s->diag, f->path, front_line(f, k),
			    "recommendation %zu: a field name must be plain "
			    "text", num);
			ok = 0;
			continue;
		}
		for (i = 0; i < RK__MAX; i++)
			if (strcmp(key, recs_keys[i]) == 0)
				break;
		if (i == RK__MAX) {
			near = vocab_nearkey(key, recs_keys, RK__MAX,
			    recs_synonyms);
			hint = near != NULL ? vocab_didyoumean(&near, 1) :
			    vocab_list(recs_keys, RK__MAX, "and");
			diag_error(s->diag, f->path, front_line(f, k),
			    "recommendation %zu: unknown field \"%s\": %s%s",
			    num, key, near != NULL ? "" : "the fields are ",
			    hint);
			free(hint);
			ok = 0;
			continue;
		}
		if (given[i] != NULL) {
			diag_error(s->diag, f->path, front_line(f, k),
			    "recommendation %zu: duplicate field \"%s\" (first "
			    "given on line %zu)", num, key, line[i]);
			ok = 0;
			continue;
		}
		given[i] = v;
		line[i] = front_line(f, k);
	}
	if (given[RK_TEXT] == NULL) {
		diag_error(s->diag, f->path, rc->line, "recommendation %zu has "
		    "no \"text\": write the recommendation as text: \"...\"",
		    num);
		ok = 0;
	} else if ((key = recs_text(s->diag, f, given[RK_TEXT], num,
	    "text")) != NULL)
		rc->text = xstrdup(key);
	else
		ok = 0;
	if (given[RK_TO] != NULL)
		ok &= recs_readto(s->diag, f, given[RK_TO], num, rc);
	if (given[RK_STATUS] == NULL) {
		hint = vocab_list(recs_statuses, REC__MAX, "or");
		diag_error(s->diag, f->path, rc->line, "recommendation %zu has "
		    "no \"status\": add status: with %s", num, hint);
		free(hint);
		ok = 0;
	} else if (!recs_readstatus(s->diag, f, given[RK_STATUS], num,
	    &rc->status))
		ok = 0;
	if (given[RK_DUE] != NULL)
		ok &= recs_date(s->diag, f, given[RK_DUE], num, "due",
		    &rc->due);
	if (given[RK_UPDATED] != NULL)
		ok &= recs_date(s->diag, f, given[RK_UPDATED], num,
		    "updated", &rc->updated);
	if (given[RK_REASON] != NULL) {
		if ((key = recs_text(s->diag, f, given[RK_REASON], num,
		    "reason")) != NULL)
			rc->reason = xstrdup(key);
		else
			ok = 0;
	}
	if (given[RK_EVIDENCE] != NULL)
		ok &= recs_evidence(s, f, given[RK_EVIDENCE], r, num, rc,
		    ls, lsz);
	if (given[RK_STATUS] != NULL && rc->status == REC_NOTACCEPTED &&
	    given[RK_EVIDENCE] == NULL && given[RK_REASON] == NULL) {
		diag_error(s->diag, f->path, line[RK_STATUS], "recommendation "
		    "%zu is \"not accepted\": give the \"reason\" (or the "
		    "\"evidence\" of what was done instead)", num);
		ok = 0;
	}
	return ok;
}

/*
 * recommendations: a list of groups of fields, into r->recs and
 * r->recsz (fl is its front-matter field).  Every problem is
 * reported.  Returns 1 if all good, 0 when reported.
 */
int
recs_read(struct site *s, struct front *f, const struct field *fl,
    struct review *r)
{
	yaml_node_item_t *it;
	size_t		 n, i, *ls, lsz = 0;
	int		 ok = 1;

	if (front_isnull(fl->value)) {
		diag_error(s->diag, f->path, fl->line, "\"recommendations\" "
		    "is empty: list them (each with text, to and status), or "
		    "remove the field");
		return 0;
	}
	if (fl->value->type != YAML_SEQUENCE_NODE) {
		diag_error(s->diag, f->path, fl->line, "\"recommendations\" "
		    "must be a list, each entry a dash and then its fields "
		    "(text, to, status...)");
		return 0;
	}
	n = (size_t)(fl->value->data.sequence.items.top -
	    fl->value->data.sequence.items.start);
	if (n > RECS_MAX) {
		diag_error(s->diag, f->path, fl->line, "more than %d "
		    "recommendations, which is more than lcspr reads: list the "
		    "main ones and leave the rest to the full report",
		    RECS_MAX);
		return 0;
	}
	/* Where each line of the YAML starts, for the evidence. */
	for (n = 1, i = 0; i < f->yamlsz; i++)
		n += f->yaml[i] == '\n';
	ls = xcalloc(n, sizeof(*ls));
	ls[lsz++] = 0;
	for (i = 0; i < f->yamlsz; i++)
		if (f->yaml[i] == '\n' && lsz < n)
			ls[lsz++] = i + 1;
	n = (size_t)(fl->value->data.sequence.items.top -
	    fl->value->data.sequence.items.start);
	r->recs = xcalloc(n + 1, sizeof(*r->recs));
	for (it = fl->value->data.sequence.items.start;
	    it < fl->value->data.sequence.items.top; it++) {
		r->recsz++;
		ok &= recs_item(s, f, front_node(f, *it), r, r->recsz,
		    &r->recs[r->recsz - 1], ls, lsz);
	}
	free(ls);
	return ok;
}

/*
 * A review with recommendations in its front matter whose body
 * (Markdown, bodysz bytes from file line bodyline) also has a heading
 * "Recommendations": a warning at the heading, as the page shows
 * both.  Parses the body again only for such reviews.
 */
void
recs_check(struct site *s, const struct review *r, const char *body,
    size_t bodysz, size_t bodyline)
{
	cmark_node	*doc, *h;
	struct buf	 b = { NULL, 0, 0 };
	cmark_node	*t;
	const char	*lit;

	if (r->recsz == 0)
		return;
	doc = cmark_parse_document(body, bodysz, CMARK_OPT_DEFAULT);
	for (h = cmark_node_first_child(doc); h != NULL;
	    h = cmark_node_next(h)) {
		if (cmark_node_get_type(h) != CMARK_NODE_HEADING)
			continue;
		b.len = 0;
		for (t = cmark_node_first_child(h); t != NULL;
		    t = cmark_node_next(t))
			if ((lit = cmark_node_get_literal(t)) != NULL)
				buf_puts(&b, lit);
		if (b.data == NULL || strncasecmp(b.data + strspn(b.data,
		    " \t"), "recommendation", 14) != 0)
			continue;
		diag_warn(s->diag, r->path, bodyline +
		    (size_t)cmark_node_get_start_line(h) - 1, "the text has "
		    "a \"Recommendations\" heading, and the recommendations "
		    "in the front matter are shown as a table too: remove "
		    "this section, or the front matter's list");
		break;
	}
	buf_free(&b);
	cmark_node_free(doc);
}

/*
 * Free the n recommendations of recs, and the array.
 */
void
recs_free(struct rec *recs, size_t n)
{
	size_t	 i, j;

	for (i = 0; i < n; i++) {
		free(recs[i].text);
		for (j = 0; j < recs[i].tosz; j++)
			free(recs[i].to[j]);
		free(recs[i].to);
		free(recs[i].evidence);
		free(recs[i].evidencehtml);
		free(recs[i].reason);
	}
	free(recs);
}

/*
 * After index_build: the number of recommendations of the published
 * reviews, into s->recsz (no page or link for them when 0).
 */
void
recs_index(struct site *s)
{
	size_t	 i;

	s->recsz = 0;
	for (i = 0; i < s->pubsz; i++)
		s->recsz += s->pub[i]->recsz;
}
