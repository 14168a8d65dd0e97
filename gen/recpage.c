/*
 * The recommendations page: every recommendation of the published
 * reviews with its review, how many there are by status, by learning
 * theme and by agency, and those past their due date and not
 * completed.  Built through libxml2 as text nodes, like the insights
 * page; linear in the recommendations but for sorting the agencies.
 */
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

/* One agency named by a recommendation, to count them by sorting. */
struct recpage_agency {
	const char	*name;		/* borrowed from the recommendation */
	int		 done;		/* the recommendation is completed */
};

/* An agency's counts, as listed. */
struct recpage_count {
	const char	*name;		/* borrowed: the first spelling */
	size_t		 n;		/* recommendations made to it */
	size_t		 done;		/* of which completed */
};

/* "1 recommendation", "3 recommendations": into buf. */
static const char *
recpage_recs(size_t n, char *buf, size_t sz)
{
	snprintf(buf, sz, "%zu recommendation%s", n, n == 1 ? "" : "s");
	return buf;
}

/*
 * A section with heading id and a table with caption, in a region that
 * scrolls sideways when the screen is too narrow and so takes the
 * keyboard focus, its column headings heads.  Returns the tbody.
 */
static xmlNodePtr
recpage_table(xmlNodePtr parent, const char *id, const char *heading,
    const char *intro, const char *caption, const char *const *heads,
    size_t cols)
{
	return html_table(html_section(parent, "lcspr-insight", id, heading,
	    intro), id, "lcspr-recs__table", caption, heads, cols);
}

/* "12 (40%)": n recommendations of all. */
static const char *
recpage_share(size_t k, size_t n, char *buf, size_t sz)
{
	snprintf(buf, sz, "%zu (%d%%)", k, insight_pct(k, n));
	return buf;
}

static int
recpage_agencycmp(const void *a, const void *b)
{
	const struct recpage_agency *x = a, *y = b;
	int		 c;

	if ((c = strcasecmp(x->name, y->name)) != 0)
		return c;
	return strcmp(x->name, y->name);
}

static int
recpage_countcmp(const void *a, const void *b)
{
	const struct recpage_count *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcasecmp(x->name, y->name);
}

/* A date as the site shows it, or "Not set", into buf. */
static const char *
recpage_date(const struct date *d, char *buf, size_t sz)
{
	if (d->year == 0)
		snprintf(buf, sz, "Not set");
	else
		date_human(d, buf, sz);
	return buf;
}

/*
 * A row of tbody for recommendation rc of review r: the review (a link
 * to its page; prefix leads to the site root), the number, the text,
 * the agencies, the status (with "(past due)" when mark and it is) and
 * the due date.  Returns the row, for more cells.
 */
static xmlNodePtr
recpage_rec(const struct site *s, xmlNodePtr tbody, const char *prefix,
    const struct review *r, const struct rec *rc, int mark)
{
	struct buf	 b = { NULL, 0, 0 };
	xmlNodePtr	 tr, th;
	char		*url, buf[64];

	tr = html_el(tbody, "tr", NULL);
	th = html_el(tr, "th", NULL);
	html_attr(th, "scope", "row");
	url = xasprintf("reviews/%s/", r->slug);
	html_attr(html_link(th, r->title, prefix, url), "class", "lcspr-link");
	free(url);
	snprintf(buf, sizeof(buf), "%zu", rc->n);
	html_el(tr, "td", buf);
	html_el(tr, "td", rc->text);
	html_el(tr, "td", recs_to(rc, &b) != NULL ? b.data : "Not named");
	buf_free(&b);
	snprintf(buf, sizeof(buf), "%s%s", recs_word(rc->status),
	    mark && recs_pastdue(s, rc) ? " (past due)" : "");
	html_el(tr, "td", buf);
	html_el(tr, "td", recpage_date(&rc->due, buf, sizeof(buf)));
	return tr;
}

/* The counts by agency: each agency a recommendation is made to. */
static void
recpage_agencies(const struct site *s, xmlNodePtr main)
{
	static const char *const heads[] = { "Agency", "Recommendations",
	    "Completed" };
	struct recpage_agency *v;
	struct recpage_count *c;
	const struct review *r;
	const char	*cell[2];
	char		 b1[64], b2[64];
	size_t		 i, j, k, n = 0, cn = 0, none = 0;
	xmlNodePtr	 tb;

	for (i = 0; i < s->pubsz; i++)
		for (j = 0; j < s->pub[i]->recsz; j++)
			n += s->pub[i]->recs[j].tosz;
	v = xcalloc(n + 1, sizeof(*v));
	for (n = 0, i = 0; i < s->pubsz; i++) {
		r = s->pub[i];
		for (j = 0; j < r->recsz; j++) {
			none += r->recs[j].tosz == 0;
			for (k = 0; k < r->recs[j].tosz; k++) {
				v[n].name = r->recs[j].to[k];
				v[n++].done = r->recs[j].status ==
				    REC_COMPLETED;
			}
		}
	}
	qsort(v, n, sizeof(*v), recpage_agencycmp);
	c = xcalloc(n + 1, sizeof(*c));
	for (i = 0; i < n; i++) {
		if (i == 0 || strcasecmp(v[i].name, v[i - 1].name) != 0)
			c[cn++].name = v[i].name;
		c[cn - 1].n++;
		c[cn - 1].done += v[i].done;
	}
	qsort(c, cn, sizeof(*c), recpage_countcmp);
	tb = recpage_table(main, "by-agency", "By agency", "A recommendation "
	    "made to several agencies counts once for each of them; agencies "
	    "are matched by name, whatever the capitals.",
	    "Recommendations by agency", heads, 3);
	for (i = 0; i < cn; i++) {
		snprintf(b1, sizeof(b1), "%zu", c[i].n);
		cell[0] = b1;
		cell[1] = recpage_share(c[i].done, c[i].n, b2, sizeof(b2));
		html_row(tb, c[i].name, cell, 2);
	}
	if (none > 0) {
		snprintf(b1, sizeof(b1), "%zu", none);
		cell[0] = b1;
		cell[1] = "-";
		html_row(tb, "No agency named", cell, 2);
	}
	free(c);
	free(v);
}

/*
 * The body of the recommendations page (its URL prefix to the site
 * root is prefix), as HTML serialised by libxml2.  The caller owns it.
 */
char *
recpage_html(const struct site *s, const char *prefix)
{
	static const char *const sheads[] = { "Status", "Recommendations" };
	static const char *const theads[] = { "Learning theme",
	    "Recommendations", "Completed" };
	static const char *const oheads[] = { "Review", "Number",
	    "Recommendation", "To", "Status", "Due" };
	static const char *const aheads[] = { "Review", "Number",
	    "Recommendation", "To", "Status", "Due", "Updated" };
	xmlDocPtr	 doc;
	xmlNodePtr	 main, tb, tr, p;
	const struct review *r;
	const char	*cell[2];
	char		*html, buf[512], b1[64], b2[64];
	size_t		 i, j, t, st[REC__MAX], *th, *thdone, done;
	size_t		 over = 0, nrev = 0;

	memset(st, 0, sizeof(st));
	th = xcalloc(s->themes.termsz + 1, sizeof(*th));
	thdone = xcalloc(s->themes.termsz + 1, sizeof(*thdone));
	for (i = 0; i < s->pubsz; i++) {
		r = s->pub[i];
		nrev += r->recsz > 0;
		for (done = 0, j = 0; j < r->recsz; j++) {
			st[r->recs[j].status]++;
			over += recs_pastdue(s, &r->recs[j]);
			done += r->recs[j].status == REC_COMPLETED;
		}
		for (t = 0; t < r->themesz; t++) {
			th[r->themes[t] - s->themes.terms] += r->recsz;
			thdone[r->themes[t] - s->themes.terms] += done;
		}
	}
	doc = htmlNewDocNoDtD(NULL, NULL);
	main = xmlNewDocNode(doc, NULL, (const xmlChar *)"div", NULL);
	xmlDocSetRootElement(doc, main);
	html_attr(main, "class", "lcspr-insights lcspr-recs");
	snprintf(buf, sizeof(buf), "The %s that %zu published %s made, and "
	    "what has become of each as the partnership last recorded it. "
	    "The national Child Safeguarding Practice Review Panel asks "
	    "partnerships to show the learning they have taken forward and "
	    "its impact on practice, not only to list recommendations.",
	    recpage_recs(s->recsz, b1, sizeof(b1)), nrev,
	    nrev == 1 ? "review" : "reviews");
	html_el(main, "p", buf);

	tb = recpage_table(main, "by-status", "By status", NULL,
	    "Recommendations by status", sheads, 2);
	for (i = 0; i < REC__MAX; i++) {
		cell[0] = recpage_share(st[i], s->recsz, b1, sizeof(b1));
		html_row(tb, recs_word((enum recstatus)i), cell, 1);
	}

	date_human(&s->today, b2, sizeof(b2));
	snprintf(buf, sizeof(buf), "%s past the date %s due by, on %s when "
	    "this site was built, and not completed (one that was not "
	    "accepted is never due).", recpage_recs(over, b1, sizeof(b1)),
	    over == 1 ? "it was" : "they were", b2);
	if (over == 0) {
		html_section(main, "lcspr-insight", "past-due",
		    "Past their due date", buf);
		tb = NULL;
	} else
		tb = recpage_table(main, "past-due", "Past their due date",
		    buf, "Recommendations past their due date and not "
		    "completed", oheads, 6);
	for (i = 0; tb != NULL && i < s->pubsz; i++)
		for (r = s->pub[i], j = 0; j < r->recsz; j++)
			if (recs_pastdue(s, &r->recs[j]))
				recpage_rec(s, tb, prefix, r, &r->recs[j], 0);

	tb = recpage_table(main, "by-theme", "By learning theme", "Each "
	    "recommendation counts once for each learning theme of its "
	    "review.", "Recommendations by learning theme", theads, 3);
	for (t = 0; t < s->themes.termsz; t++) {
		if (th[t] == 0)
			continue;
		snprintf(b1, sizeof(b1), "%zu", th[t]);
		cell[0] = b1;
		cell[1] = recpage_share(thdone[t], th[t], b2, sizeof(b2));
		html_row(tb, s->themes.terms[t].name, cell, 2);
	}
	recpage_agencies(s, main);

	tb = recpage_table(main, "all", "Every recommendation", "Newest "
	    "review first; each review's page has the evidence of what "
	    "changed.", "Every recommendation and its progress", aheads, 7);
	for (i = 0; i < s->pubsz; i++)
		for (r = s->pub[i], j = 0; j < r->recsz; j++) {
			tr = recpage_rec(s, tb, prefix, r, &r->recs[j], 1);
			html_el(tr, "td", recpage_date(&r->recs[j].updated, b2,
			    sizeof(b2)));
		}

	p = html_el(main, "p", "Open data: ");
	html_link(p, "recommendations.csv", prefix, "data/recommendations.csv");
	xmlNodeAddContent(p, (const xmlChar *)" and ");
	html_link(p, "recommendations.json", prefix,
	    "data/recommendations.json");
	xmlNodeAddContent(p, (const xmlChar *)" (their columns are listed on "
	    "the ");
	html_link(p, "insights page", prefix, "insights/#recommendations");
	xmlNodeAddContent(p, (const xmlChar *)").");

	html = html_dump(doc, main);
	free(th);
	free(thdone);
	return html;
}
