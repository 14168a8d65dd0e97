/*
 * Open data: every published review's metadata as JSON (written with
 * jansson) and as CSV (RFC 4180: every field quoted, quotes doubled,
 * CRLF line ends; a UTF-8 byte-order mark first, so spreadsheets read
 * the accents right).  Newest first, like the site.
 */
#include <err.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

/* A date as YYYY-MM-DD into b, or NULL when not given. */
static const char *
data_date(const struct date *d, struct buf *b)
{
	char	 tmp[32];

	if (d->year == 0)
		return NULL;
	buf_puts(b, date_iso(d, tmp, sizeof(tmp)));
	return b->data;
}

/*
 * Column c of review r as text (NULL when empty); themes are joined
 * with "; ".  Strings live in the scratch buffer b (emptied first, any
 * length) or in the review.
 */
static const char *
data_value(const struct site *s, const struct review *r,
    const struct rfield *c, struct buf *b)
{
	const char	*p = (const char *)r + c->off;
	const struct term *t, *const *ts;
	size_t		 k, n;

	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
	switch (c->kind) {
	case RF_TEXT:
	case RF_URL:
		return *(char *const *)p;
	case RF_DATE:
		return data_date((const struct date *)p, b);
	case RF_TERM:
		t = *(const struct term *const *)p;
		return t != NULL ? t->name : NULL;
	case RF_TERMS:
		ts = *(const struct term *const *const *)p;
		n = *(const size_t *)((const char *)r + c->nof);
		for (k = 0; k < n; k++) {
			if (k > 0)
				buf_puts(b, "; ");
			buf_puts(b, ts[k]->name);
		}
		return b->data;
	case RF_BOOL:
		return *(const int *)p ? "true" : "false";
	case RF_PAGEURL:
		buf_puts(b, s->base_url);
		buf_puts(b, "reviews/");
		buf_puts(b, r->slug);
		buf_puts(b, "/");
		return b->data;
	case RF_TRI:
		return *(const int *)p == TRI_NONE ? NULL :
		    *(const int *)p == TRI_YES ? "true" : "false";
	case RF_CHOICE:
		return *(const char *const *)p;
	case RF_ALLOW:
	case RF_RECS:
		break;
	}
	return NULL;
}

/* Column c of review r as JSON: a list of names, a boolean, or text. */
static json_t *
data_jsonvalue(const struct site *s, const struct review *r,
    const struct rfield *c, struct buf *b)
{
	const char	*p = (const char *)r + c->off, *v;
	const struct term *const *ts;
	json_t		*a;
	size_t		 k, n;

	switch (c->kind) {
	case RF_TERMS:
		ts = *(const struct term *const *const *)p;
		n = *(const size_t *)((const char *)r + c->nof);
		a = json_array();
		for (k = 0; k < n; k++)
			json_array_append_new(a, json_string(ts[k]->name));
		return a;
	case RF_BOOL:
		return json_boolean(*(const int *)p);
	case RF_TRI:
		return *(const int *)p == TRI_NONE ? json_null() :
		    json_boolean(*(const int *)p == TRI_YES);
	default:
		v = data_value(s, r, c, b);
		return v != NULL ? json_string(v) : json_null();
	}
}

/*
 * The top of an open-data JSON file: the site's title and address and
 * the columns (a JSON array, taken).
 */
static json_t *
data_jsonroot(const struct site *s, json_t *cols)
{
	json_t	*root;

	root = json_object();
	json_object_set_new(root, "title", json_string(s->title));
	json_object_set_new(root, "url", json_string(s->base_url));
	json_object_set_new(root, "columns", cols);
	return root;
}

/*
 * Write the JSON document root (freed) as rel, indented, with a final
 * newline.  Returns 1 on success, 0 when reported.
 */
static int
data_jsonwrite(struct output *o, const char *rel, json_t *root)
{
	struct buf	 b = { NULL, 0, 0 };
	char		*text;
	int		 ok;

	text = json_dumps(root, JSON_INDENT(2));
	json_decref(root);
	if (text == NULL)
		errx(2, "json_dumps: out of memory");
	buf_puts(&b, text);
	buf_puts(&b, "\n");
	free(text);
	ok = output_write(o, rel, b.data, b.len);
	buf_free(&b);
	return ok;
}

/*
 * data/reviews.json: {"title", "url", "columns", "reviews": [...]}
 * with null for a value not given.  Returns 1 on success, 0 reported.
 */
int
data_json(const struct site *s, struct output *o)
{
	json_t		*root, *arr, *obj, *cols;
	const struct rfield **col;
	size_t		 i, k, colsz;
	struct buf	 scratch = { NULL, 0, 0 };

	col = review_columns(&colsz);
	cols = json_array();
	for (k = 0; k < colsz; k++)
		json_array_append_new(cols, json_string(col[k]->col));
	root = data_jsonroot(s, cols);
	arr = json_array();
	for (i = 0; i < s->pubsz; i++) {
		obj = json_object();
		for (k = 0; k < colsz; k++)
			json_object_set_new(obj, col[k]->col,
			    data_jsonvalue(s, s->pub[i], col[k], &scratch));
		json_array_append_new(arr, obj);
	}
	json_object_set_new(root, "reviews", arr);
	buf_free(&scratch);
	free(col);
	return data_jsonwrite(o, "data/reviews.json", root);
}

/*
 * Append one CSV field: quoted, with quotes doubled.  A value that a
 * spreadsheet would run as a formula (starting with = + - @, a tab or
 * a carriage return) gets a leading ' (OWASP's advice on CSV
 * injection), so it is shown as text.
 */
static void
data_field(struct buf *b, const char *v, int first)
{
	const char	*q;

	if (!first)
		buf_puts(b, ",");
	buf_puts(b, "\"");
	if (v != NULL && strchr("=+-@\t\r", *v) != NULL && *v != '\0')
		buf_puts(b, "'");
	for (; v != NULL && (q = strchr(v, '"')) != NULL; v = q + 1) {
		buf_add(b, v, (size_t)(q - v) + 1);
		buf_puts(b, "\"");
	}
	if (v != NULL)
		buf_puts(b, v);
	buf_puts(b, "\"");
}

/*
 * data/reviews.csv: a header row, then a row per review.  Returns 1 on
 * success, 0 when reported.
 */
int
data_csv(const struct site *s, struct output *o)
{
	struct buf	 b = { NULL, 0, 0 }, scratch = { NULL, 0, 0 };
	const struct rfield **col;
	size_t		 i, k, colsz;
	int		 ok;

	col = review_columns(&colsz);
	buf_puts(&b, "\xef\xbb\xbf");
	for (k = 0; k < colsz; k++)
		data_field(&b, col[k]->col, k == 0);
	buf_puts(&b, "\r\n");
	for (i = 0; i < s->pubsz; i++) {
		for (k = 0; k < colsz; k++)
			data_field(&b, data_value(s, s->pub[i], col[k],
			    &scratch), k == 0);
		buf_puts(&b, "\r\n");
	}
	buf_free(&scratch);
	free(col);
	ok = output_write(o, "data/reviews.csv", b.data, b.len);
	buf_free(&b);
	return ok;
}

/*
 * The open data of the recommendations: one row per recommendation of
 * a published review, newest review first, in its order.  The columns
 * are a published format: new ones go at the end.
 */
static const struct {
	const char	*col;		/* column name */
	const char	*doc;		/* as the insights page says */
} data_reccols[] = {
	{ "slug", "the review's name in its web address" },
	{ "title", "the review's title" },
	{ "number", "the recommendation's number in its review, from 1" },
	{ "text", "the recommendation" },
	{ "to", "the agencies it is made to (a list in JSON; separated by "
	    "\"; \" in CSV)" },
	{ "status", "accepted, not accepted, in progress or completed" },
	{ "due", "the date it is due by (YYYY-MM-DD), if given" },
	{ "updated", "the date its progress was last updated, if given" },
	{ "evidence", "what changed in practice, as written (Markdown), if "
	    "given" },
	{ "reason", "why it was not accepted, if given" },
	{ "past_due", "true when it is past its due date on the day the "
	    "site was built and not completed (one not accepted never is)" },
};
#define DATA_RECCOLSZ	(sizeof(data_reccols) / sizeof(data_reccols[0]))

/*
 * Column i of the recommendations' open data, or NULL past the last;
 * *doc gets its description.
 */
const char *
data_reccol(size_t i, const char **doc)
{
	if (i >= DATA_RECCOLSZ)
		return NULL;
	*doc = data_reccols[i].doc;
	return data_reccols[i].col;
}

/* Column k of recommendation rc of review r as text, or NULL. */
static const char *
data_recvalue(const struct site *s, const struct review *r,
    const struct rec *rc, size_t k, struct buf *b)
{
	char	 num[32];

	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
	switch (k) {
	case 0:
		return r->slug;
	case 1:
		return r->title;
	case 2:
		snprintf(num, sizeof(num), "%zu", rc->n);
		buf_puts(b, num);
		return b->data;
	case 3:
		return rc->text;
	case 4:
		return recs_to(rc, b);
	case 5:
		return recs_status(rc->status);
	case 6:
		return data_date(&rc->due, b);
	case 7:
		return data_date(&rc->updated, b);
	case 8:
		return rc->evidence;
	case 9:
		return rc->reason;
	default:
		return recs_pastdue(s, rc) ? "true" : "false";
	}
}

/*
 * data/recommendations.json: {"title", "url", "columns",
 * "recommendations": [...]}, null for a value not given, "to" a list,
 * "number" a number and "past_due" a boolean.  Returns 1 on success,
 * 0 when reported.
 */
int
data_recjson(const struct site *s, struct output *o)
{
	json_t		*root, *arr, *obj, *cols, *to, *v;
	const struct review *r;
	const struct rec *rc;
	const char	*t;
	size_t		 i, j, k, a;
	struct buf	 scratch = { NULL, 0, 0 };

	cols = json_array();
	for (k = 0; k < DATA_RECCOLSZ; k++)
		json_array_append_new(cols, json_string(data_reccols[k].col));
	root = data_jsonroot(s, cols);
	arr = json_array();
	for (i = 0; i < s->pubsz; i++)
		for (r = s->pub[i], j = 0; j < r->recsz; j++) {
			rc = &r->recs[j];
			obj = json_object();
			for (k = 0; k < DATA_RECCOLSZ; k++) {
				if (k == 2)
					v = json_integer((json_int_t)rc->n);
				else if (k == 4) {
					v = to = json_array();
					for (a = 0; a < rc->tosz; a++)
						json_array_append_new(to,
						    json_string(rc->to[a]));
				} else if (k == DATA_RECCOLSZ - 1)
					v = json_boolean(recs_pastdue(s, rc));
				else {
					t = data_recvalue(s, r, rc, k,
					    &scratch);
					v = t != NULL ? json_string(t) :
					    json_null();
				}
				json_object_set_new(obj, data_reccols[k].col,
				    v);
			}
			json_array_append_new(arr, obj);
		}
	json_object_set_new(root, "recommendations", arr);
	buf_free(&scratch);
	return data_jsonwrite(o, "data/recommendations.json", root);
}

/*
 * data/recommendations.csv: a header row, then a row per
 * recommendation, by the rules of data/reviews.csv.  Returns 1 on
 * success, 0 when reported.
 */
int
data_reccsv(const struct site *s, struct output *o)
{
	struct buf	 b = { NULL, 0, 0 }, scratch = { NULL, 0, 0 };
	const struct review *r;
	size_t		 i, j, k;
	int		 ok;

	buf_puts(&b, "\xef\xbb\xbf");
	for (k = 0; k < DATA_RECCOLSZ; k++)
		data_field(&b, data_reccols[k].col, k == 0);
	buf_puts(&b, "\r\n");
	for (i = 0; i < s->pubsz; i++)
		for (r = s->pub[i], j = 0; j < r->recsz; j++) {
			for (k = 0; k < DATA_RECCOLSZ; k++)
				data_field(&b, data_recvalue(s, r,
				    &r->recs[j], k, &scratch), k == 0);
			buf_puts(&b, "\r\n");
		}
	buf_free(&scratch);
	ok = output_write(o, "data/recommendations.csv", b.data, b.len);
	buf_free(&b);
	return ok;
}
