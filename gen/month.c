/*
 * Months: the monthly updates (updates/YYYY-MM/), one per month with
 * published reviews added in it (by added, which is published when not
 * given), newest first, each with its reviews grouped by learning
 * theme in site.yaml's order.  A review with several themes is in the
 * group of each.  A month is paged as the lists of reviews are:
 * page_length of its reviews a page, newest added first, each page
 * with the groups of its own reviews.  Made from site->recent (newest
 * added first) in O(n log n): the months are runs of it, their groups
 * one sort of the (month, theme, review) pairs, and their pages'
 * groups a counting sort of those pairs by page, which keeps each
 * page's pairs in the order of theme and review.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lcspr.h"
#include "extern.h"

/* One review in one of its themes, in one month or one month's page. */
struct mpair {
	size_t		 group;		/* index in site->months, then in
					 * site->monthpages */
	size_t		 theme;		/* index in site->themes.terms */
	size_t		 pos;		/* index in site->recent */
	size_t		 total;		/* the month's reviews with theme */
};

static int
month_paircmp(const void *a, const void *b)
{
	const struct mpair *x = a, *y = b;

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if (x->theme != y->theme)
		return x->theme < y->theme ? -1 : 1;
	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	return 0;
}

/* Is review r added in the month of d? */
static int
month_same(const struct review *r, const struct date *d)
{
	return r->added.year == d->year && r->added.month == d->month;
}

/* Do pairs i - 1 and i (i > 0) start different runs of one theme? */
static int
month_newrun(const struct mpair *p, size_t i)
{
	return i == 0 || p[i].group != p[i - 1].group ||
	    p[i].theme != p[i - 1].theme;
}

/*
 * The runs of one theme in one group of the pairs p[0..np-1], sorted
 * by group, theme and review: a struct monththeme each, from mt on
 * (zeroed), with its reviews from revs on.  gstart[g] is the first of
 * group g's (gstart[ngroup] one past the last).  Returns how many.
 */
static size_t
month_runs(const struct site *s, const struct mpair *p, size_t np,
    struct monththeme *mt, const struct review **revs, size_t *gstart,
    size_t ngroup)
{
	size_t	 i, g = 0, n = 0;

	for (i = 0; i < np; i++) {
		if (month_newrun(p, i)) {
			while (g <= p[i].group)
				gstart[g++] = n;
			mt[n].theme = &s->themes.terms[p[i].theme];
			mt[n].reviews = &revs[i];
			mt[n++].total = p[i].total;
		}
		revs[i] = s->recent[p[i].pos];
		mt[n - 1].reviewsz++;
	}
	while (g <= ngroup)
		gstart[g++] = n;
	return n;
}

/* The first page (in site->monthpages) of the month of pair p. */
static size_t
month_pageof(const struct site *s, const size_t *first,
    const struct mpair *p, size_t len)
{
	const struct month *m = &s->months[p->group];

	return first[p->group] +
	    (p->pos - (size_t)(m->reviews - s->recent)) / len;
}

/*
 * Make site->months from site->recent, their pages
 * (site->monthpages), and the number of pages of updates/ (page_length
 * months a page, at least one page).  A month has ended when it is
 * before the build date's month.
 */
void
month_index(struct site *s)
{
	struct mpair	*pairs, *bypage;
	struct month	*m;
	struct monthpage *mp;
	const struct review *r;
	size_t		*first, *at, *gstart;
	size_t		 i, j, k, g, len, n = 0, np = 0, nmt = 0;

	len = s->page_length;
	s->monthsz = s->monthpagesz = 0;
	for (i = 0; i < s->pubsz; i++) {
		np += s->recent[i]->themesz;
		if (i == 0 || !month_same(s->recent[i],
		    &s->recent[i - 1]->added))
			n++;
	}
	s->months = xcalloc(n > 0 ? n : 1, sizeof(*s->months));
	pairs = xcalloc(np > 0 ? np : 1, sizeof(*pairs));
	bypage = xcalloc(np > 0 ? np : 1, sizeof(*bypage));
	np = 0;
	for (i = 0; i < s->pubsz; i++) {
		r = s->recent[i];
		if (s->monthsz == 0 || !month_same(r,
		    &s->months[s->monthsz - 1].first)) {
			m = &s->months[s->monthsz++];
			m->first.year = r->added.year;
			m->first.month = r->added.month;
			m->first.day = 1;
			snprintf(m->slug, sizeof(m->slug), "%04d-%02d",
			    r->added.year, r->added.month);
			m->name = date_monthname(&m->first);
			m->reviews = &s->recent[i];
			m->ended = m->first.year < s->today.year ||
			    (m->first.year == s->today.year &&
			    m->first.month < s->today.month);
		}
		s->months[s->monthsz - 1].reviewsz++;
		for (j = 0; j < r->themesz; j++) {
			pairs[np].group = s->monthsz - 1;
			pairs[np].theme = (size_t)(r->themes[j] -
			    s->themes.terms);
			pairs[np++].pos = i;
		}
	}
	qsort(pairs, np, sizeof(*pairs), month_paircmp);
	/* Each pair's total: the length of its run in its month. */
	for (i = 0; i < np; i = j) {
		for (j = i + 1; j < np && !month_newrun(pairs, j); j++)
			;
		for (k = i; k < j; k++)
			pairs[k].total = j - i;
		nmt++;
	}

	/* The months' pages, page_length reviews each. */
	first = xcalloc(s->monthsz + 1, sizeof(*first));
	for (k = 0; k < s->monthsz; k++) {
		first[k] = s->monthpagesz;
		s->months[k].pagesz = (s->months[k].reviewsz + len - 1) / len;
		s->monthpagesz += s->months[k].pagesz;
	}
	s->monthpages = xcalloc(s->monthpagesz > 0 ? s->monthpagesz : 1,
	    sizeof(*s->monthpages));
	for (k = 0; k < s->monthsz; k++) {
		m = &s->months[k];
		for (j = 0; j < m->pagesz; j++) {
			mp = &s->monthpages[first[k] + j];
			mp->month = m;
			mp->n = j + 1;
			mp->reviews = m->reviews + j * len;
			mp->reviewsz = m->reviewsz - j * len < len ?
			    m->reviewsz - j * len : len;
		}
	}
	/* A counting sort of the pairs by page: each page's pairs stay in
	 * the order of theme and review, since they share their month. */
	at = xcalloc(s->monthpagesz + 1, sizeof(*at));
	for (i = 0; i < np; i++)
		at[month_pageof(s, first, &pairs[i], len) + 1]++;
	for (g = 0; g < s->monthpagesz; g++)
		at[g + 1] += at[g];
	for (i = 0; i < np; i++) {
		g = month_pageof(s, first, &pairs[i], len);
		bypage[at[g]] = pairs[i];
		bypage[at[g]++].group = g;
	}
	for (i = 0; i < np; i++)
		nmt += month_newrun(bypage, i);

	/* The groups: the months', then their pages'. */
	s->monththemes = xcalloc(nmt > 0 ? nmt : 1, sizeof(*s->monththemes));
	s->monthrevs = xcalloc(np > 0 ? 2 * np : 1, sizeof(*s->monthrevs));
	gstart = xcalloc((s->monthsz > s->monthpagesz ? s->monthsz :
	    s->monthpagesz) + 1, sizeof(*gstart));
	nmt = month_runs(s, pairs, np, s->monththemes, s->monthrevs, gstart,
	    s->monthsz);
	for (k = 0; k < s->monthsz; k++) {
		s->months[k].themes = s->monththemes + gstart[k];
		s->months[k].themesz = gstart[k + 1] - gstart[k];
	}
	month_runs(s, bypage, np, s->monththemes + nmt, s->monthrevs + np,
	    gstart, s->monthpagesz);
	for (g = 0; g < s->monthpagesz; g++) {
		s->monthpages[g].themes = s->monththemes + nmt + gstart[g];
		s->monthpages[g].themesz = gstart[g + 1] - gstart[g];
	}
	free(gstart);
	free(at);
	free(first);
	free(bypage);
	free(pairs);
	s->updatepagesz = s->monthsz == 0 ? 1 : (s->monthsz + len - 1) / len;
}

/*
 * Free what month_index made.
 */
void
month_free(struct site *s)
{
	size_t	 i;

	for (i = 0; i < s->monthsz; i++)
		free(s->months[i].name);
	free(s->months);
	free(s->monthrevs);
	free(s->monththemes);
	free(s->monthpages);
	s->months = NULL;
	s->monthsz = 0;
	s->monthrevs = NULL;
	s->monththemes = NULL;
	s->monthpages = NULL;
	s->monthpagesz = 0;
}
