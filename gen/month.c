/*
 * Months: the monthly updates (updates/YYYY-MM/), one per month with
 * published reviews added in it (by added, which is published when not
 * given), newest first, each with its reviews grouped by learning
 * theme in site.yaml's order.  A review with several themes is in the
 * group of each.  Made from site->recent (newest added first) in
 * O(n log n): the months are runs of it, and the groups one sort of
 * the (month, theme, review) pairs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lcspr.h"
#include "extern.h"

/* One review in one of its themes, in one month. */
struct mpair {
	size_t		 month;		/* index in site->months */
	size_t		 theme;		/* index in site->themes.terms */
	size_t		 pos;		/* index in site->recent */
};

static int
month_paircmp(const void *a, const void *b)
{
	const struct mpair *x = a, *y = b;

	if (x->month != y->month)
		return x->month < y->month ? -1 : 1;
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

/*
 * Make site->months from site->recent, and the number of pages of
 * updates/ (page_length months a page, at least one page).  A month
 * has ended when it is before the build date's month.
 */
void
month_index(struct site *s)
{
	struct mpair	*pairs;
	struct month	*m;
	const struct review *r;
	size_t		 i, j, k, n = 0, np = 0;

	for (i = 0; i < s->pubsz; i++) {
		np += s->recent[i]->themesz;
		if (i == 0 || !month_same(s->recent[i],
		    &s->recent[i - 1]->added))
			n++;
	}
	s->months = xcalloc(n > 0 ? n : 1, sizeof(*s->months));
	s->monthrevs = xcalloc(np > 0 ? np : 1, sizeof(*s->monthrevs));
	pairs = xcalloc(np > 0 ? np : 1, sizeof(*pairs));
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
			pairs[np].month = s->monthsz - 1;
			pairs[np].theme = (size_t)(r->themes[j] -
			    s->themes.terms);
			pairs[np++].pos = i;
		}
	}
	qsort(pairs, np, sizeof(*pairs), month_paircmp);
	/* Count each month's themes, then fill them: runs of pairs. */
	for (i = 0; i < np; i++)
		if (i == 0 || pairs[i].month != pairs[i - 1].month ||
		    pairs[i].theme != pairs[i - 1].theme)
			s->months[pairs[i].month].themesz++;
	for (k = 0; k < s->monthsz; k++) {
		s->months[k].themes = xcalloc(s->months[k].themesz,
		    sizeof(*s->months[k].themes));
		s->months[k].themesz = 0;
	}
	for (i = 0; i < np; i++) {
		m = &s->months[pairs[i].month];
		if (i == 0 || pairs[i].month != pairs[i - 1].month ||
		    pairs[i].theme != pairs[i - 1].theme) {
			m->themes[m->themesz].theme =
			    &s->themes.terms[pairs[i].theme];
			m->themes[m->themesz++].reviews = &s->monthrevs[i];
		}
		s->monthrevs[i] = s->recent[pairs[i].pos];
		m->themes[m->themesz - 1].reviewsz++;
	}
	free(pairs);
	k = s->page_length > 0 ? s->page_length : 1;
	s->updatepagesz = s->monthsz == 0 ? 1 : (s->monthsz + k - 1) / k;
}

/*
 * Free what month_index made.
 */
void
month_free(struct site *s)
{
	size_t	 i;

	for (i = 0; i < s->monthsz; i++) {
		free(s->months[i].name);
		free(s->months[i].themes);
	}
	free(s->months);
	free(s->monthrevs);
	s->months = NULL;
	s->monthsz = 0;
	s->monthrevs = NULL;
}
