/*
 * Insights: what the published reviews say as a whole, from their
 * front matter.  Counts by year and region, the commonest learning
 * themes and how they move over the years, the share of reviews that
 * record the child's ethnicity, and how long reviews take.  Each figure
 * is an SVG chart built through libxml2 (text labels, a title and a
 * description, no script) beside the same numbers as an HTML table.
 * The "at a glance" figures of one theme or region come from here too.
 */
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

#define TOPTHEMES	20	/* themes in the chart of the commonest */

/* One row of a figure: a label and its numbers. */
struct irow {
	const char	*label;		/* borrowed */
	size_t		 n;		/* reviews in the row */
	size_t		 k;		/* of which counted (a share), or 0 */
	double		 value;		/* what the bar shows */
	char		 text[64];	/* the value as shown */
	size_t		 order;		/* vocabulary order, to sort stably */
};

/* Timeliness of a set of reviews. */
struct itime {
	double		 pubmed;	/* median days notified to published */
	size_t		 pubn;		/* reviews with both dates */
	double		 commed;	/* median days commissioned-completed */
	size_t		 comn;		/* reviews with both dates */
	size_t		 six;		/* completed within six months */
};

static int
insight_longcmp(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

/* The median of v (n > 0), sorting v. */
static double
insight_median(long *v, size_t n)
{
	qsort(v, n, sizeof(*v), insight_longcmp);
	return n % 2 ? (double)v[n / 2] :
	    (double)(v[n / 2 - 1] + v[n / 2]) / 2.0;
}

/* "412" or "412.5": medians of an even count can end in a half. */
static void
insight_days(double d, char *buf, size_t sz)
{
	if (d == (double)(long)d)
		snprintf(buf, sz, "%ld", (long)d);
	else
		snprintf(buf, sz, "%.1f", d);
}

/* "1 day", "412 days", "412.5 days". */
static void
insight_daysw(double d, char *buf, size_t sz)
{
	char	 n[24];

	insight_days(d, n, sizeof(n));
	snprintf(buf, sz, "%s %s", n, d == 1.0 ? "day" : "days");
}

/* "review" or "reviews", to follow the number n. */
static const char *
insight_revs(size_t n)
{
	return n == 1 ? "review" : "reviews";
}

/*
 * A generous estimate of the width of text in a chart (13px in the
 * style sheet, so 13 user units a em), from the widths of broad sans
 * serif faces (DejaVu Sans, the widest common one) by kind of
 * character, so that no label is ever cut off: wide letters a full
 * em, capitals 0.8, narrow ones 0.42, others 0.66, anything beyond
 * ASCII a full em.  The layout check of the validators measures it.
 */
static double
insight_textw(const char *s)
{
	double	 w = 0;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c & 0xc0) == 0x80)
			continue;
		if (c >= 0x80 || strchr("mwMW%@", c) != NULL)
			w += 1.0;
		else if (strchr(" ilj.,:;'!|()[]-/ftrI", c) != NULL)
			w += 0.42;
		else if (c >= 'A' && c <= 'Z')
			w += 0.8;
		else
			w += 0.66;
	}
	return w * 13.0;
}

/*
 * k of n as a whole percentage, halves rounded up (67 for 2 of 3), 0
 * when n is 0: the one rounding of every share the site shows.
 */
int
insight_pct(size_t k, size_t n)
{
	return n == 0 ? 0 : (int)((200 * k + n) / (2 * n));
}

/* Timeliness of the reviews revs. */
static void
insight_time(const struct review *const *revs, size_t n, struct itime *t)
{
	long	*a = xcalloc(n + 1, sizeof(*a)), *b = xcalloc(n + 1, sizeof(*b));
	size_t	 i;
	const struct review *r;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < n; i++) {
		r = revs[i];
		if (r->notified.year != 0)
			a[t->pubn++] = date_diff(&r->notified, &r->published);
		if (r->commissioned.year != 0 && r->completed.year != 0) {
			b[t->comn++] = date_diff(&r->commissioned,
			    &r->completed);
			t->six += date_within6(&r->commissioned,
			    &r->completed);
		}
	}
	if (t->pubn > 0)
		t->pubmed = insight_median(a, t->pubn);
	if (t->comn > 0)
		t->commed = insight_median(b, t->comn);
	free(a);
	free(b);
}

/*
 * A figure for the chart whose title has the id "<id>-title": on a
 * narrow screen it scrolls sideways, so it can take the keyboard focus
 * (WCAG: a scrollable region must be reachable without a mouse).
 */
static xmlNodePtr
insight_figure(xmlNodePtr sec, const char *id)
{
	xmlNodePtr	 fig;

	fig = html_el(sec, "figure", NULL);
	html_attrf(fig, "class", "lcspr-figure");
	html_attrf(fig, "tabindex", "0");
	html_attrf(fig, "aria-labelledby", "%s-title", id);
	return fig;
}

/*
 * A horizontal bar chart of rows (bars to the largest value, or to
 * 100 for shares), with a title, a description and a text label at
 * each bar.  The chart is as wide as its longest label and value need;
 * a row whose value is zero has no bar, only its label and value.
 */
static void
insight_bars(xmlNodePtr parent, const char *id, const char *title,
    const char *desc, const struct irow *rows, size_t n, int share)
{
	xmlNodePtr	 svg, g, t;
	double		 max = share ? 100.0 : 0.0, w, bar;
	double		 lw = 0, vw = 0;
	size_t		 i, h;
	const int	 bw = 240, rh = 26;

	for (i = 0; i < n; i++) {
		if (!share && rows[i].value > max)
			max = rows[i].value;
		if ((w = insight_textw(rows[i].label)) > lw)
			lw = w;
		if ((w = insight_textw(rows[i].text)) > vw)
			vw = w;
	}
	if (max <= 0)
		max = 1;
	lw = (double)(long)lw + 12;	/* 4 left, 8 to the bar */
	vw = (double)(long)vw + 11;	/* 6 after the bar, 4 right */
	h = n * (size_t)rh + 8;
	svg = html_el(parent, "svg", NULL);
	html_attrf(svg, "xmlns", "http://www.w3.org/2000/svg");
	html_attrf(svg, "class", "lcspr-chart");
	html_attrf(svg, "viewBox", "0 0 %.0f %zu", lw + bw + vw, h);
	html_attrf(svg, "width", "%.0f", lw + bw + vw);
	html_attrf(svg, "height", "%zu", h);
	html_attrf(svg, "role", "img");
	html_attrf(svg, "aria-labelledby", "%s-title %s-desc", id, id);
	t = html_el(svg, "title", title);
	html_attrf(t, "id", "%s-title", id);
	t = html_el(svg, "desc", desc);
	html_attrf(t, "id", "%s-desc", id);
	for (i = 0; i < n; i++) {
		bar = rows[i].value > 0 ? rows[i].value / max * bw : 0;
		if (rows[i].value > 0 && bar < 1)
			bar = 1;
		g = html_el(svg, "g", NULL);
		t = html_el(g, "text", rows[i].label);
		html_attrf(t, "x", "%.0f", lw - 8);
		html_attrf(t, "y", "%zu", i * (size_t)rh + 18);
		html_attrf(t, "text-anchor", "end");
		html_attrf(t, "class", "lcspr-chart__label");
		if (bar > 0) {
			t = html_el(g, "rect", NULL);
			html_attrf(t, "x", "%.0f", lw);
			html_attrf(t, "y", "%zu", i * (size_t)rh + 4);
			html_attrf(t, "width", "%.1f", bar);
			html_attrf(t, "height", "%d", rh - 8);
			html_attrf(t, "class", "lcspr-chart__bar");
		}
		t = html_el(g, "text", rows[i].text);
		html_attrf(t, "x", "%.1f", lw + bar + 6);
		html_attrf(t, "y", "%zu", i * (size_t)rh + 18);
		html_attrf(t, "class", "lcspr-chart__value");
	}
}

/* Row r is a count of n: its bar and its text. */
static void
insight_rowcount(struct irow *r, size_t n)
{
	r->n = n;
	r->value = (double)n;
	snprintf(r->text, sizeof(r->text), "%zu", n);
}

/*
 * Row r is k of n (a share, its bar out of 100): "67% (2 of 3)", or
 * none when n is 0.
 */
static void
insight_rowshare(struct irow *r, size_t k, size_t n, const char *none)
{
	r->n = n;
	r->k = k;
	r->value = (double)insight_pct(k, n);
	if (n == 0)
		snprintf(r->text, sizeof(r->text), "%s", none);
	else
		snprintf(r->text, sizeof(r->text), "%d%% (%zu of %zu)",
		    insight_pct(k, n), k, n);
}

/* A section of the insights page, with its heading and first words. */
static xmlNodePtr
insight_section(xmlNodePtr parent, const char *id, const char *heading,
    const char *intro)
{
	return html_section(parent, "lcspr-insight", id, heading, intro);
}

/* Counts per term of v, as chart rows, in vocabulary order. */
static size_t
insight_counts(const struct vocab *v, struct irow *rows)
{
	size_t	 i;

	for (i = 0; i < v->termsz; i++) {
		rows[i].label = v->terms[i].name;
		rows[i].order = i;
		insight_rowcount(&rows[i], v->terms[i].reviewsz);
	}
	return v->termsz;
}

/* The chart and table of a simple count. */
static void
insight_countfig(xmlNodePtr sec, const char *id, const char *what,
    const char *headcol, const struct irow *rows, size_t n)
{
	xmlNodePtr	 fig, tb;
	const char	*heads[2] = { headcol, "Reviews" };
	const char	*cell[1];
	char		 title[160], desc[200];
	size_t		 i;

	fig = insight_figure(sec, id);
	snprintf(title, sizeof(title), "Reviews published %s", what);
	snprintf(desc, sizeof(desc), "A bar for each %s, as long as the "
	    "number of reviews; the numbers are in the table below.",
	    strcmp(headcol, "Year") == 0 ? "year" : "region");
	insight_bars(fig, id, title, desc, rows, n, 0);
	snprintf(desc, sizeof(desc), "%s-table", id);
	tb = html_table(sec, desc, NULL, title, heads, 2);
	for (i = 0; i < n; i++) {
		cell[0] = rows[i].text;
		html_row(tb, rows[i].label, cell, 1);
	}
}

static int
insight_rowcmp(const void *a, const void *b)
{
	const struct irow *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/*
 * The commonest themes, and a heat map of themes by year.  A theme no
 * published review has is left out of both.
 */
static void
insight_themes(const struct site *s, xmlNodePtr main)
{
	xmlNodePtr	 sec, tb, svg, t, tr, th, fig;
	struct irow	*rows;
	size_t		 i, k, n, y, cnt, max = 0, *grid;
	const char	*heads[2] = { "Learning theme", "Reviews" };
	const char	*cell[1];
	char		 buf[32];
	double		 lw = 0, w;
	const int	 cw = 56, rh = 26;

	rows = xcalloc(s->themes.termsz + 1, sizeof(*rows));
	n = insight_counts(&s->themes, rows);
	/* Most reviews first, in vocabulary order among equal counts. */
	qsort(rows, n, sizeof(*rows), insight_rowcmp);
	while (n > 0 && rows[n - 1].n == 0)
		n--;
	if (n > TOPTHEMES)
		n = TOPTHEMES;
	sec = insight_section(main, "themes", "The commonest learning themes",
	    n == 0 ? "No published review has a learning theme yet." :
	    "The learning themes found in the most reviews; a review can "
	    "have several.");
	if (n == 0) {
		free(rows);
		return;
	}
	fig = insight_figure(sec, "themes-chart");
	insight_bars(fig, "themes-chart", "Reviews per learning theme",
	    "A bar for each of the commonest learning themes, as long as "
	    "the number of reviews on it.", rows, n, 0);
	tb = html_table(sec, "themes-table", NULL, "Reviews per learning theme",
	    heads, 2);
	for (i = 0; i < n; i++) {
		cell[0] = rows[i].text;
		html_row(tb, rows[i].label, cell, 1);
	}

	/* Themes by year: counts in a grid, oldest year first. */
	grid = xcalloc(n * s->years.termsz + 1, sizeof(*grid));
	for (i = 0; i < n; i++) {
		const struct term *th0 = vocab_find(&s->themes, rows[i].label);

		for (k = 0; th0 != NULL && k < th0->reviewsz; k++)
			for (y = 0; y < s->years.termsz; y++)
				if (atoi(s->years.terms[y].name) ==
				    th0->reviews[k]->published.year) {
					cnt = ++grid[i * s->years.termsz + y];
					if (cnt > max)
						max = cnt;
				}
	}
	sec = insight_section(main, "themes-years", "Learning themes by "
	    "year", "How often each of the commonest themes appears in the "
	    "reviews of each year: darker cells are more reviews, and each "
	    "cell shows its number.");
	for (i = 0; i < n; i++)
		if ((w = insight_textw(rows[i].label)) > lw)
			lw = w;
	lw = (double)(long)lw + 12;	/* 4 left, 8 to the cells */
	fig = insight_figure(sec, "heat");
	svg = html_el(fig, "svg", NULL);
	html_attrf(svg, "xmlns", "http://www.w3.org/2000/svg");
	html_attrf(svg, "class", "lcspr-chart lcspr-chart--heat");
	html_attrf(svg, "viewBox", "0 0 %.0f %zu",
	    lw + (double)(s->years.termsz * (size_t)cw), (n + 1) * (size_t)rh);
	html_attrf(svg, "width", "%.0f",
	    lw + (double)(s->years.termsz * (size_t)cw));
	html_attrf(svg, "height", "%zu", (n + 1) * (size_t)rh);
	html_attrf(svg, "role", "img");
	html_attrf(svg, "aria-labelledby", "heat-title heat-desc");
	t = html_el(svg, "title", "Learning themes by year");
	html_attrf(t, "id", "heat-title");
	t = html_el(svg, "desc", "A grid with a row for each theme and a "
	    "column for each year; each cell gives the number of reviews.");
	html_attrf(t, "id", "heat-desc");
	for (y = 0; y < s->years.termsz; y++) {
		t = html_el(svg, "text",
		    s->years.terms[s->years.termsz - 1 - y].name);
		html_attrf(t, "x", "%.0f", lw + (double)(y * cw + cw / 2));
		html_attrf(t, "y", "18");
		html_attrf(t, "text-anchor", "middle");
		html_attrf(t, "class", "lcspr-chart__label");
	}
	for (i = 0; i < n; i++) {
		t = html_el(svg, "text", rows[i].label);
		html_attrf(t, "x", "%.0f", lw - 8);
		html_attrf(t, "y", "%zu", (i + 1) * (size_t)rh + 18);
		html_attrf(t, "text-anchor", "end");
		html_attrf(t, "class", "lcspr-chart__label");
		for (y = 0; y < s->years.termsz; y++) {
			cnt = grid[i * s->years.termsz +
			    (s->years.termsz - 1 - y)];
			/* Five shades; the number is always written. */
			k = cnt == 0 ? 0 : 1 + (cnt * 4 - 1) / (max ? max : 1);
			t = html_el(svg, "rect", NULL);
			html_attrf(t, "x", "%.0f", lw + (double)(y * cw + 2));
			html_attrf(t, "y", "%zu", (i + 1) * (size_t)rh + 2);
			html_attrf(t, "width", "%d", cw - 4);
			html_attrf(t, "height", "%d", rh - 4);
			html_attrf(t, "class", "lcspr-heat lcspr-heat--%zu",
			    k);
			snprintf(buf, sizeof(buf), "%zu", cnt);
			t = html_el(svg, "text", buf);
			html_attrf(t, "x", "%.0f",
			    lw + (double)(y * cw + cw / 2));
			html_attrf(t, "y", "%zu", (i + 1) * (size_t)rh + 18);
			html_attrf(t, "text-anchor", "middle");
			html_attrf(t, "class", "lcspr-heat__value "
			    "lcspr-heat__value--%s", k >= 3 ? "dark" : "light");
		}
	}
	/* The same grid as a table. */
	tb = html_tablebox(sec, "heat-table", NULL,
	    "Reviews per learning theme and year");
	tr = html_el(html_el(tb, "thead", NULL), "tr", NULL);
	th = html_el(tr, "th", "Learning theme");
	html_attrf(th, "scope", "col");
	for (y = 0; y < s->years.termsz; y++) {
		th = html_el(tr, "th",
		    s->years.terms[s->years.termsz - 1 - y].name);
		html_attrf(th, "scope", "col");
	}
	t = html_el(tb, "tbody", NULL);
	for (i = 0; i < n; i++) {
		tr = html_el(t, "tr", NULL);
		th = html_el(tr, "th", rows[i].label);
		html_attrf(th, "scope", "row");
		for (y = 0; y < s->years.termsz; y++) {
			snprintf(buf, sizeof(buf), "%zu", grid[i *
			    s->years.termsz + (s->years.termsz - 1 - y)]);
			html_el(tr, "td", buf);
		}
	}
	free(grid);
	free(rows);
}

/* Share recording ethnicity, overall, per region and per year. */
static void
insight_ethnicity(const struct site *s, xmlNodePtr main)
{
	xmlNodePtr	 sec, tb, fig;
	struct irow	*rows;
	const struct vocab *v;
	const char	*heads[4] = { NULL, "Reviews", "Recording ethnicity",
	    "Share" };
	const char	*cell[3];
	char		 nb[32], kb[32], buf[256];
	size_t		 i, j, k, pass, all = 0, n;

	for (i = 0; i < s->pubsz; i++)
		all += s->pub[i]->ethnicity != 0;
	snprintf(buf, sizeof(buf), "%zu of %zu %s (%d%%) %s the child's "
	    "ethnicity. The national Panel has found that too many reviews "
	    "do not.", all, s->pubsz, insight_revs(s->pubsz),
	    insight_pct(all, s->pubsz), s->pubsz == 1 ? "records" : "record");
	sec = insight_section(main, "ethnicity", "Reviews that record the "
	    "child's ethnicity", buf);
	for (pass = 0; pass < 2; pass++) {
		v = pass == 0 ? &s->regions : &s->years;
		heads[0] = pass == 0 ? "Region" : "Year";
		n = v->termsz;
		rows = xcalloc(n + 1, sizeof(*rows));
		for (i = 0; i < n; i++) {
			const struct term *t = &v->terms[pass == 0 ? i :
			    n - 1 - i];

			rows[i].label = t->name;
			for (k = 0, j = 0; j < t->reviewsz; j++)
				k += t->reviews[j]->ethnicity != 0;
			insight_rowshare(&rows[i], k, t->reviewsz,
			    "no reviews");
		}
		fig = insight_figure(sec, pass == 0 ? "eth-region" :
		    "eth-year");
		snprintf(buf, sizeof(buf), "Share of reviews recording "
		    "ethnicity, by %s", pass == 0 ? "region" : "year");
		insight_bars(fig, pass == 0 ? "eth-region" : "eth-year", buf,
		    "A bar for each, as long as the share (out of 100%) of "
		    "its reviews that record the child's ethnicity; each bar "
		    "is labelled with the share and the counts.", rows, n, 1);
		tb = html_table(sec, pass == 0 ? "eth-region-table" :
		    "eth-year-table", NULL, buf, heads, 4);
		for (i = 0; i < n; i++) {
			snprintf(nb, sizeof(nb), "%zu", rows[i].n);
			snprintf(kb, sizeof(kb), "%zu", rows[i].k);
			cell[0] = nb;
			cell[1] = kb;
			snprintf(buf, sizeof(buf), "%d%%",
			    insight_pct(rows[i].k, rows[i].n));
			cell[2] = rows[i].n ? buf : "-";
			html_row(tb, rows[i].label, cell, 3);
		}
		free(rows);
	}
}

/* Fill the timeliness cells of one row. */
static void
insight_timecells(const struct itime *t, char c[4][64])
{
	char	 d[32];

	if (t->pubn > 0) {
		insight_daysw(t->pubmed, d, sizeof(d));
		snprintf(c[0], 64, "%s (%zu)", d, t->pubn);
	} else
		snprintf(c[0], 64, "- (0)");
	if (t->comn > 0) {
		insight_daysw(t->commed, d, sizeof(d));
		snprintf(c[1], 64, "%s (%zu)", d, t->comn);
		snprintf(c[2], 64, "%d%% (%zu of %zu)",
		    insight_pct(t->six, t->comn), t->six, t->comn);
	} else {
		snprintf(c[1], 64, "- (0)");
		snprintf(c[2], 64, "- (0)");
	}
}

/* Timeliness: medians per region and per year, and the six months. */
static void
insight_timeliness(const struct site *s, xmlNodePtr main)
{
	xmlNodePtr	 sec, tb, fig;
	struct itime	 all, t;
	struct irow	*rows;
	const struct vocab *v;
	const char	*heads[4] = { NULL, "Notification to publication: "
	    "median (reviews)", "Commissioning to completion: median "
	    "(reviews)", "Completed within six months" };
	const char	*cell[3];
	char		 c[4][64], buf[512], d1[32], d2[32];
	size_t		 i, n, pass;

	insight_time(s->pub, s->pubsz, &all);
	insight_daysw(all.pubmed, d1, sizeof(d1));
	insight_daysw(all.commed, d2, sizeof(d2));
	n = (size_t)snprintf(buf, sizeof(buf), "The national Panel expects "
	    "a review to be completed within six months of being "
	    "commissioned. ");
	if (all.comn > 0)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "Of the %zu "
		    "%s that %s both dates, %zu (%d%%) %s; the median time "
		    "from commissioning to completion was %s. ", all.comn,
		    insight_revs(all.comn), all.comn == 1 ? "gives" : "give",
		    all.six, insight_pct(all.six, all.comn),
		    all.six == 1 ? "was" : "were", d2);
	else
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "No review "
		    "here gives both the commissioning and the completion "
		    "date. ");
	if (all.pubn > 0)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "The median "
		    "time from the serious incident notification to "
		    "publication was %s, over %zu %s that %s the notification "
		    "date. ", d1, all.pubn, insight_revs(all.pubn),
		    all.pubn == 1 ? "gives" : "give");
	else
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "No review "
		    "here gives the notification date. ");
	snprintf(buf + n, sizeof(buf) - n, "Each figure below says how many "
	    "reviews it rests on.");
	sec = insight_section(main, "timeliness", "How long reviews take",
	    buf);
	for (pass = 0; pass < 2; pass++) {
		v = pass == 0 ? &s->regions : &s->years;
		heads[0] = pass == 0 ? "Region" : "Year";
		n = v->termsz;
		rows = xcalloc(n + 1, sizeof(*rows));
		snprintf(buf, sizeof(buf), "How long reviews take, by %s",
		    pass == 0 ? "region" : "year");
		tb = NULL;
		for (i = 0; i < n; i++) {
			const struct term *tm = &v->terms[pass == 0 ? i :
			    n - 1 - i];

			insight_time(tm->reviews, tm->reviewsz, &t);
			rows[i].label = tm->name;
			rows[i].n = t.pubn;
			rows[i].value = t.pubn ? t.pubmed : 0;
			insight_daysw(t.pubmed, d1, sizeof(d1));
			if (t.pubn > 0)
				snprintf(rows[i].text, sizeof(rows[i].text),
				    "%s (%zu %s)", d1, t.pubn,
				    insight_revs(t.pubn));
			else
				snprintf(rows[i].text, sizeof(rows[i].text),
				    "no dates");
		}
		snprintf(d2, sizeof(d2), "%s", pass == 0 ? "time-region" :
		    "time-year");
		fig = insight_figure(sec, d2);
		insight_bars(fig, d2, pass == 0 ? "Median days from "
		    "notification to publication, by region" : "Median days "
		    "from notification to publication, by year", "A bar for "
		    "each, as long as the median number of days; each bar is "
		    "labelled with the days and the number of reviews it "
		    "rests on.", rows, n, 0);
		tb = html_table(sec, pass == 0 ? "time-region-table" :
		    "time-year-table", NULL, buf, heads, 4);
		for (i = 0; i < n; i++) {
			const struct term *tm = &v->terms[pass == 0 ? i :
			    n - 1 - i];

			insight_time(tm->reviews, tm->reviewsz, &t);
			insight_timecells(&t, c);
			cell[0] = c[0];
			cell[1] = c[1];
			cell[2] = c[2];
			html_row(tb, tm->name, cell, 3);
		}
		free(rows);
	}
}

/*
 * What the national Panel asks of every review (issue 15): identity
 * and voice, rapid reviews, how reports were published.  Each figure
 * rests on the reviews that say (an optional field not given is not
 * counted either way), and says how many those are.
 */

/* k of n as "67% (2 of 3)", or "-" when n is 0. */
static void
insight_share(size_t k, size_t n, char *buf, size_t sz)
{
	if (n == 0)
		snprintf(buf, sz, "-");
	else
		snprintf(buf, sz, "%d%% (%zu of %zu)", insight_pct(k, n), k, n);
}

/* One figure of identity and voice over some reviews: k of n say yes. */
struct ipanel {
	size_t		 k[8];		/* reviews saying yes, by figure */
	size_t		 n[8];		/* reviews that say, by figure */
};

/* The figures of struct ipanel, in order, as the page names them. */
static const char *const insight_panelnames[8] = {
	"Ethnicity recorded", "Ethnicity analysed", "Faith recorded",
	"Faith analysed", "Child's voice quoted", "Child's voice reported",
	"Child's voice absent", "Family's views given"
};

/* Count the identity and voice figures of the reviews revs. */
static void
insight_panel(const struct review *const *revs, size_t n, struct ipanel *p)
{
	const struct review *r;
	const int	*tri[4];
	size_t		 i, j;

	memset(p, 0, sizeof(*p));
	for (i = 0; i < n; i++) {
		r = revs[i];
		p->n[0]++;
		p->k[0] += r->ethnicity != 0;
		tri[0] = &r->ethnicity_analysed;
		tri[1] = &r->faith_recorded;
		tri[2] = &r->faith_analysed;
		tri[3] = &r->family_views;
		for (j = 0; j < 4; j++) {
			if (*tri[j] == TRI_NONE)
				continue;
			p->n[j < 3 ? j + 1 : 7]++;
			p->k[j < 3 ? j + 1 : 7] += *tri[j] == TRI_YES;
		}
		if (r->child_voice != NULL) {
			for (j = 4; j < 7; j++)
				p->n[j]++;
			p->k[4] += strcmp(r->child_voice, "quoted") == 0;
			p->k[5] += strcmp(r->child_voice, "reported") == 0;
			p->k[6] += strcmp(r->child_voice, "absent") == 0;
		}
	}
}

/* "rests on 3 reviews that say" (all: no "that say"). */
static void
insight_rests(size_t n, int all, char *buf, size_t sz)
{
	snprintf(buf, sz, "%zu %s%s", n, insight_revs(n),
	    all ? "" : n == 1 ? " that says" : " that say");
}

/* Identity and voice: overall, then recorded and analysed by region
 * and by year. */
static void
insight_identity(const struct site *s, xmlNodePtr main)
{
	xmlNodePtr	 sec, tb, fig;
	struct ipanel	 all, t;
	struct irow	 rows[8];
	const struct vocab *v;
	const char	*heads[3] = { "Figure", "Share", "Rests on" };
	const char	*rheads[6] = { NULL, "Reviews", "Ethnicity recorded",
	    "Ethnicity analysed", "Faith recorded", "Faith analysed" };
	const char	*cell[5];
	char		 c[5][64], buf[512];
	size_t		 i, j, n, pass;

	insight_panel(s->pub, s->pubsz, &all);
	snprintf(buf, sizeof(buf), "The national Panel has found that "
	    "reviews record the child's ethnicity more often than they "
	    "consider how ethnicity, culture, race and faith affected the "
	    "child's experience and the help given, and that the child's "
	    "own words and the family's views are often missing. A review "
	    "that does not say is left out of a figure: each figure says "
	    "how many reviews it rests on (%zu %s whether %s analyse "
	    "ethnicity, %zu how the child's voice is heard).",
	    all.n[1], all.n[1] == 1 ? "says" : "say",
	    all.n[1] == 1 ? "it" : "they", all.n[4]);
	sec = insight_section(main, "identity", "Identity and the child's "
	    "voice", buf);
	memset(rows, 0, sizeof(rows));
	for (i = 0; i < 8; i++) {
		rows[i].label = insight_panelnames[i];
		insight_rowshare(&rows[i], all.k[i], all.n[i],
		    "no reviews say");
	}
	fig = insight_figure(sec, "identity-chart");
	insight_bars(fig, "identity-chart", "Identity and the child's voice",
	    "A bar for each figure, as long as its share (out of 100%) of "
	    "the reviews that say; each bar is labelled with the share and "
	    "the counts.", rows, 8, 1);
	tb = html_table(sec, "identity-table", NULL, "Identity and the child's "
	    "voice, all reviews", heads, 3);
	for (i = 0; i < 8; i++) {
		insight_share(all.k[i], all.n[i], c[0], sizeof(c[0]));
		insight_rests(all.n[i], i == 0, c[1], sizeof(c[1]));
		cell[0] = c[0];
		cell[1] = c[1];
		html_row(tb, rows[i].label, cell, 2);
	}
	for (pass = 0; pass < 2; pass++) {
		v = pass == 0 ? &s->regions : &s->years;
		rheads[0] = pass == 0 ? "Region" : "Year";
		n = v->termsz;
		snprintf(buf, sizeof(buf), "Ethnicity and faith recorded and "
		    "analysed, by %s", pass == 0 ? "region" : "year");
		tb = html_table(sec, pass == 0 ? "identity-region-table" :
		    "identity-year-table", NULL, buf, rheads, 6);
		for (i = 0; i < n; i++) {
			const struct term *tm = &v->terms[pass == 0 ? i :
			    n - 1 - i];

			insight_panel(tm->reviews, tm->reviewsz, &t);
			snprintf(c[0], sizeof(c[0]), "%zu", tm->reviewsz);
			for (j = 0; j < 4; j++)
				insight_share(t.k[j], t.n[j], c[j + 1],
				    sizeof(c[j + 1]));
			for (j = 0; j < 5; j++)
				cell[j] = c[j];
			html_row(tb, tm->name, cell, 5);
		}
	}
}

/* Rapid reviews of revs: working days from notification, in *med. */
static void
insight_rapid(const struct site *s, const struct review *const *revs,
    size_t n, size_t *k, size_t *m, double *med)
{
	long	*a = xcalloc(n + 1, sizeof(*a));
	size_t	 i;

	*k = *m = 0;
	*med = 0;
	for (i = 0; i < n; i++)
		if (revs[i]->notified.year != 0 &&
		    revs[i]->rapid_review.year != 0) {
			a[*m] = date_workdays(s, &revs[i]->notified,
			    &revs[i]->rapid_review);
			*k += a[(*m)++] <= 15;
		}
	if (*m > 0)
		*med = insight_median(a, *m);
	free(a);
}

/* "11 working days", "1 working day", "10.5 working days". */
static void
insight_workdays(double d, char *buf, size_t sz)
{
	char	 n[24];

	insight_days(d, n, sizeof(n));
	snprintf(buf, sz, "%s working %s", n, d == 1.0 ? "day" : "days");
}

/* Rapid reviews within 15 working days: overall, by region, by year. */
static void
insight_rapids(const struct site *s, xmlNodePtr main)
{
	xmlNodePtr	 sec, tb;
	const struct vocab *v;
	const char	*heads[3] = { NULL, "Within 15 working days",
	    "Median working days (reviews)" };
	const char	*cell[2];
	char		 c[2][96], buf[640], d[64];
	size_t		 i, n, k, m, pass;
	double		 med;

	insight_rapid(s, s->pub, s->pubsz, &k, &m, &med);
	n = (size_t)snprintf(buf, sizeof(buf), "A rapid review is expected "
	    "within 15 working days of the serious incident notification. "
	    "Working days leave out weekends and bank holidays in "
	    "England. ");
	if (m > 0) {
		insight_workdays(med, d, sizeof(d));
		snprintf(buf + n, sizeof(buf) - n, "Of the %zu %s that %s "
		    "both dates, %zu (%d%%) held the rapid review within 15 "
		    "working days; the median was %s. These figures rest on "
		    "those %zu %s.", m, insight_revs(m), m == 1 ? "gives" :
		    "give", k, insight_pct(k, m), d, m, insight_revs(m));
	} else
		snprintf(buf + n, sizeof(buf) - n, "No review here gives both "
		    "the notification and the rapid review date.");
	sec = insight_section(main, "rapid", "Rapid reviews", buf);
	for (pass = 0; pass < 2; pass++) {
		v = pass == 0 ? &s->regions : &s->years;
		heads[0] = pass == 0 ? "Region" : "Year";
		n = v->termsz;
		snprintf(buf, sizeof(buf), "Rapid reviews within 15 working "
		    "days, by %s", pass == 0 ? "region" : "year");
		tb = html_table(sec, pass == 0 ? "rapid-region-table" :
		    "rapid-year-table", NULL, buf, heads, 3);
		for (i = 0; i < n; i++) {
			const struct term *tm = &v->terms[pass == 0 ? i :
			    n - 1 - i];

			insight_rapid(s, tm->reviews, tm->reviewsz, &k, &m,
			    &med);
			insight_share(k, m, c[0], sizeof(c[0]));
			if (m > 0) {
				insight_workdays(med, d, sizeof(d));
				snprintf(c[1], sizeof(c[1]), "%s (%zu)", d, m);
			} else
				snprintf(c[1], sizeof(c[1]), "- (0)");
			cell[0] = c[0];
			cell[1] = c[1];
			html_row(tb, tm->name, cell, 2);
		}
	}
}

/* How the reports were published: a count of each kind. */
static void
insight_publication(const struct site *s, xmlNodePtr main)
{
	static const char *const kinds[3] = { "full", "improvements",
	    "withheld-for-now" };
	static const char *const names[3] = { "Full report",
	    "Improvements made, instead of the report", "Withheld for now" };
	xmlNodePtr	 sec, tb, fig;
	struct irow	 rows[3];
	const char	*heads[2] = { "Published as", "Reviews" };
	const char	*cell[1];
	char		 buf[512];
	size_t		 i, j, said = 0;

	memset(rows, 0, sizeof(rows));
	for (j = 0; j < 3; j++)
		rows[j].label = names[j];
	for (i = 0; i < s->pubsz; i++) {
		said += s->pub[i]->publication != NULL;
		for (j = 0; j < 3; j++)
			if (s->pub[i]->publication != NULL ?
			    strcmp(s->pub[i]->publication, kinds[j]) == 0 :
			    j == 0)
				rows[j].n++;
	}
	for (j = 0; j < 3; j++)
		insight_rowcount(&rows[j], rows[j].n);
	snprintf(buf, sizeof(buf), "Partners must publish the report unless "
	    "they consider it inappropriate, and then publish information "
	    "about the improvements made instead; some wait until criminal "
	    "proceedings are over. %zu of the %zu %s say how the report was "
	    "published; one that does not say is counted as a full report.",
	    said, s->pubsz, insight_revs(s->pubsz));
	sec = insight_section(main, "publication", "How reports were "
	    "published", buf);
	fig = insight_figure(sec, "publication-chart");
	insight_bars(fig, "publication-chart", "Reviews by how the report "
	    "was published", "A bar for each way, as long as the number of "
	    "reviews.", rows, 3, 0);
	tb = html_table(sec, "publication-table", NULL, "Reviews by how the "
	    "report was published", heads, 2);
	for (j = 0; j < 3; j++) {
		cell[0] = rows[j].text;
		html_row(tb, rows[j].label, cell, 1);
	}
}

/*
 * Recommendations (recs.c): by year of the review, the share completed
 * and the share with evidence of what changed in practice, each with
 * the counts it rests on; a link to the recommendations page, and the
 * columns of their open data.
 */
static void
insight_recs(const struct site *s, xmlNodePtr main, const char *prefix)
{
	const char	*heads[4] = { "Year", "Recommendations", "Completed",
	    "With evidence of impact" };
	const char	*cell[3], *col, *doc;
	xmlNodePtr	 sec, tb, fig, p, dl;
	struct irow	*rows;
	size_t		*evs;
	const struct term *tm;
	const struct rec *rc;
	char		 buf[640], nb[32], cb[64], eb[64];
	size_t		 i, j, k, m, n, done, ev, alldone = 0, allev = 0;
	size_t		 nrev = 0;

	for (i = 0; i < s->pubsz; i++) {
		nrev += s->pub[i]->recsz > 0;
		for (j = 0; j < s->pub[i]->recsz; j++) {
			rc = &s->pub[i]->recs[j];
			alldone += rc->status == REC_COMPLETED;
			allev += rc->evidence != NULL;
		}
	}
	snprintf(buf, sizeof(buf), "%zu of the %zu published %s %s "
	    "recommendations in %s front matter: %zu %s, of which %zu (%d%%) "
	    "%s completed and %zu (%d%%) %s evidence of what changed in "
	    "practice. Reviews that list none are not counted.", nrev,
	    s->pubsz, insight_revs(s->pubsz), nrev == 1 ? "lists" : "list",
	    nrev == 1 ? "its" : "their", s->recsz, s->recsz == 1 ?
	    "recommendation" : "recommendations", alldone,
	    insight_pct(alldone, s->recsz), alldone == 1 ? "is" : "are",
	    allev, insight_pct(allev, s->recsz), allev == 1 ? "has" : "have");
	sec = insight_section(main, "recommendations", "Recommendations and "
	    "their impact", buf);
	n = s->years.termsz;
	rows = xcalloc(n + 1, sizeof(*rows));
	evs = xcalloc(n + 1, sizeof(*evs));
	for (i = 0; i < n; i++) {
		tm = &s->years.terms[n - 1 - i];
		rows[i].label = tm->name;
		for (m = 0, done = 0, ev = 0, j = 0; j < tm->reviewsz; j++)
			for (k = 0; k < tm->reviews[j]->recsz; k++) {
				rc = &tm->reviews[j]->recs[k];
				m++;
				done += rc->status == REC_COMPLETED;
				ev += rc->evidence != NULL;
			}
		insight_rowshare(&rows[i], done, m, "no recommendations");
		evs[i] = ev;
	}
	fig = insight_figure(sec, "recs-year");
	insight_bars(fig, "recs-year", "Share of recommendations completed, "
	    "by year of the review", "A bar for each year, as long as the "
	    "share (out of 100%) of its reviews' recommendations that are "
	    "completed; each bar is labelled with the share and the counts.",
	    rows, n, 1);
	tb = html_table(sec, "recs-year-table", NULL, "Recommendations "
	    "completed and with evidence of impact, by year of the review",
	    heads, 4);
	for (i = 0; i < n; i++) {
		snprintf(nb, sizeof(nb), "%zu", rows[i].n);
		insight_share(rows[i].k, rows[i].n, cb, sizeof(cb));
		insight_share(evs[i], rows[i].n, eb, sizeof(eb));
		cell[0] = nb;
		cell[1] = cb;
		cell[2] = eb;
		html_row(tb, rows[i].label, cell, 3);
	}
	free(rows);
	free(evs);
	p = html_el(sec, "p", "Every recommendation, by status, theme "
	    "and agency, and those past their due date: ");
	html_link(p, "recommendations and their progress", prefix,
	    "recommendations/");
	xmlNodeAddContent(p, (const xmlChar *)". Open data: ");
	html_link(p, "recommendations.csv", prefix, "data/recommendations.csv");
	xmlNodeAddContent(p, (const xmlChar *)" and ");
	html_link(p, "recommendations.json", prefix,
	    "data/recommendations.json");
	xmlNodeAddContent(p, (const xmlChar *)", with these columns:");
	dl = html_el(sec, "dl", NULL);
	html_attrf(dl, "class", "lcspr-data-columns");
	for (i = 0; (col = data_reccol(i, &doc)) != NULL; i++) {
		html_el(dl, "dt", col);
		html_el(dl, "dd", doc);
	}
}

/* The open data files and their columns (review.c's table). */
static void
insight_data(xmlNodePtr main, const char *prefix)
{
	xmlNodePtr	 sec, p, dl;
	const struct rfield **cols;
	size_t		 i, colsz;

	sec = insight_section(main, "data", "Open data", "Every published "
	    "review's details, for your own analysis. The CSV file opens in "
	    "a spreadsheet (UTF-8, every field in quotes); the JSON file "
	    "holds the same columns.");
	p = html_el(sec, "p", NULL);
	html_link(p, "reviews.csv", prefix, "data/reviews.csv");
	xmlNodeAddContent(p, (const xmlChar *)" and ");
	html_link(p, "reviews.json", prefix, "data/reviews.json");
	dl = html_el(sec, "dl", NULL);
	html_attrf(dl, "class", "lcspr-data-columns");
	cols = review_columns(&colsz);
	for (i = 0; i < colsz; i++) {
		html_el(dl, "dt", cols[i]->col);
		html_el(dl, "dd", cols[i]->doc);
	}
	free(cols);
}

/*
 * The body of the insights page (its URL prefix to the site root is
 * prefix), as HTML serialised by libxml2.  The caller owns it.
 */
char *
insight_html(const struct site *s, const char *prefix)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 main, sec;
	struct irow	*rows;
	char		 buf[256];
	size_t		 n;

	doc = htmlNewDocNoDtD(NULL, NULL);
	main = xmlNewDocNode(doc, NULL, (const xmlChar *)"div", NULL);
	xmlDocSetRootElement(doc, main);
	html_attrf(main, "class", "lcspr-insights");
	snprintf(buf, sizeof(buf), "What the %zu %s published on this site "
	    "%s as a whole, from the details each one records. Every chart "
	    "has a table with the same numbers.", s->pubsz,
	    insight_revs(s->pubsz), s->pubsz == 1 ? "says" : "say");
	html_el(main, "p", buf);

	rows = xcalloc(s->years.termsz + s->regions.termsz + 1,
	    sizeof(*rows));
	sec = insight_section(main, "years", "Reviews by year", NULL);
	n = insight_counts(&s->years, rows);
	/* Oldest year first reads left to right as time. */
	for (size_t i = 0; i < n / 2; i++) {
		struct irow tmp = rows[i];

		rows[i] = rows[n - 1 - i];
		rows[n - 1 - i] = tmp;
	}
	insight_countfig(sec, "years-chart", "by year", "Year", rows, n);
	sec = insight_section(main, "regions", "Reviews by region", NULL);
	n = insight_counts(&s->regions, rows);
	insight_countfig(sec, "regions-chart", "by region", "Region", rows,
	    n);
	free(rows);
	insight_themes(s, main);
	insight_ethnicity(s, main);
	insight_timeliness(s, main);
	/* What the national Panel asks of every review (issue 15). */
	insight_identity(s, main);
	insight_rapids(s, main);
	insight_publication(s, main);
	if (s->recsz > 0)
		insight_recs(s, main, prefix);
	insight_data(main, prefix);
	return html_dump(doc, main);
}

/*
 * The "at a glance" figure what of the reviews revs (newest first, n
 * of them: a theme's, a region's, a facet's), as text the caller owns,
 * or NULL when there is nothing to say.  O(n log n): made once per
 * list (index.c), not once per page.
 */
char *
insight_glance(const struct review *const *revs, size_t n,
    enum glance what)
{
	struct itime	 tm;
	size_t		 i, k = 0;
	char		 d[32];

	if (n == 0)
		return NULL;
	switch (what) {
	case GLANCE_YEARS:
		if (revs[0]->published.year == revs[n - 1]->published.year)
			return xasprintf("%d", revs[0]->published.year);
		return xasprintf("%d to %d", revs[n - 1]->published.year,
		    revs[0]->published.year);
	case GLANCE_ETHNICITY:
		for (i = 0; i < n; i++)
			k += revs[i]->ethnicity != 0;
		return xasprintf("%d%% (%zu of %zu)", insight_pct(k, n), k,
		    n);
	default:
		insight_time(revs, n, &tm);
		if (tm.pubn == 0)
			return NULL;
		insight_daysw(tm.pubmed, d, sizeof(d));
		return xasprintf("%s (from %zu %s)", d, tm.pubn,
		    insight_revs(tm.pubn));
	}
}
