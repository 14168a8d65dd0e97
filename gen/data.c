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
#include "extern.h"

/* The columns, in order, of both files. */
static const char *const data_cols[] = {
	"slug", "url", "title", "published", "notified", "commissioned",
	"completed", "region", "local_area", "themes", "age_group",
	"review_type", "ethnicity_recorded", "report_url", "summary",
};
#define DATA_COLSZ (sizeof(data_cols) / sizeof(data_cols[0]))

/* A date as YYYY-MM-DD into b, or NULL when not given. */
static const char *
data_date(const struct date *d, struct buf *b)
{
	char	 tmp[32];

	if (d->year == 0)
		return NULL;
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", d->year, d->month,
	    d->day);
	buf_puts(b, tmp);
	return b->data;
}

/*
 * Column i of review r as text (NULL when empty); themes are joined
 * with "; ".  Strings live in the scratch buffer b (emptied first, any
 * length) or in the review.
 */
static const char *
data_value(const struct site *s, const struct review *r, size_t i,
    struct buf *b)
{
	size_t	 k;

	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
	switch (i) {
	case 0:
		return r->slug;
	case 1:
		buf_puts(b, s->base_url);
		buf_puts(b, "reviews/");
		buf_puts(b, r->slug);
		buf_puts(b, "/");
		return b->data;
	case 2:
		return r->title;
	case 3:
		return r->iso;
	case 4:
		return data_date(&r->notified, b);
	case 5:
		return data_date(&r->commissioned, b);
	case 6:
		return data_date(&r->completed, b);
	case 7:
		return r->region->name;
	case 8:
		return r->local_area;
	case 9:
		for (k = 0; k < r->themesz; k++) {
			if (k > 0)
				buf_puts(b, "; ");
			buf_puts(b, r->themes[k]->name);
		}
		return b->data;
	case 10:
		return r->agegroup != NULL ? r->agegroup->name : NULL;
	case 11:
		return r->reviewtype != NULL ? r->reviewtype->name : NULL;
	case 12:
		return r->ethnicity ? "true" : "false";
	case 13:
		return r->report_url;
	default:
		return r->summary;
	}
}

/*
 * data/reviews.json: {"title", "url", "columns", "reviews": [...]}
 * with null for a value not given.  Returns 1 on success, 0 reported.
 */
int
data_json(const struct site *s, struct output *o)
{
	json_t		*root, *arr, *obj, *themes, *cols;
	const struct review *r;
	const char	*v;
	char		*text;
	size_t		 i, k, t;
	int		 ok;
	struct buf	 b = { NULL, 0, 0 }, scratch = { NULL, 0, 0 };

	root = json_object();
	json_object_set_new(root, "title", json_string(s->title));
	json_object_set_new(root, "url", json_string(s->base_url));
	cols = json_array();
	for (k = 0; k < DATA_COLSZ; k++)
		json_array_append_new(cols, json_string(data_cols[k]));
	json_object_set_new(root, "columns", cols);
	arr = json_array();
	for (i = 0; i < s->pubsz; i++) {
		r = s->pub[i];
		obj = json_object();
		for (k = 0; k < DATA_COLSZ; k++) {
			if (k == 9) {
				themes = json_array();
				for (t = 0; t < r->themesz; t++)
					json_array_append_new(themes,
					    json_string(r->themes[t]->name));
				json_object_set_new(obj, data_cols[k], themes);
			} else if (k == 12)
				json_object_set_new(obj, data_cols[k],
				    json_boolean(r->ethnicity));
			else {
				v = data_value(s, r, k, &scratch);
				json_object_set_new(obj, data_cols[k],
				    v != NULL ? json_string(v) : json_null());
			}
		}
		json_array_append_new(arr, obj);
	}
	json_object_set_new(root, "reviews", arr);
	buf_free(&scratch);
	text = json_dumps(root, JSON_INDENT(2));
	json_decref(root);
	if (text == NULL)
		errx(2, "json_dumps: out of memory");
	buf_puts(&b, text);
	buf_puts(&b, "\n");
	free(text);
	ok = output_write(o, "data/reviews.json", b.data, b.len);
	buf_free(&b);
	return ok;
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
	size_t		 i, k;
	int		 ok;

	buf_puts(&b, "\xef\xbb\xbf");
	for (k = 0; k < DATA_COLSZ; k++)
		data_field(&b, data_cols[k], k == 0);
	buf_puts(&b, "\r\n");
	for (i = 0; i < s->pubsz; i++) {
		for (k = 0; k < DATA_COLSZ; k++)
			data_field(&b, data_value(s, s->pub[i], k, &scratch),
			    k == 0);
		buf_puts(&b, "\r\n");
	}
	buf_free(&scratch);
	ok = output_write(o, "data/reviews.csv", b.data, b.len);
	buf_free(&b);
	return ok;
}
