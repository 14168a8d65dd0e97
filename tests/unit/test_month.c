/*
 * month.c: the months of the monthly updates agree with counting by
 * hand on random data (reviews added over three years, one to three
 * themes each): one month per month with a review added, newest first,
 * each with its reviews and their themes in the vocabulary's order, a
 * review under each of its themes, newest added first; which months
 * have ended; the pages of updates/; each month's pages (page_length
 * of its reviews each, newest added first), each page's themes those of
 * its own reviews, counting the month's too.  And a site with no review.
 */
#include <stdlib.h>

#include "../../gen/lcspr.h"
#include "../../gen/extern.h"
#include "harness.h"

#define NREV	2000
#define NTHEME	6
#define NMONTH	36

static unsigned long rng = 777;

static unsigned
rnd(unsigned n)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((rng >> 33) % n);
}

void
test_month(void)
{
	struct site	 s;
	struct review	*r;
	const struct month *m;
	const struct monththeme *mt;
	const struct monthpage *mp;
	size_t		 i, j, k, pos, n, bad = 0, months = 0, pages = 0;
	size_t		 g = 0, h, here[NTHEME];
	size_t		 count[NMONTH], bytheme[NMONTH][NTHEME];
	char		 name[32];
	static const char *const names[] = { "January", "February",
	    "March", "April", "May", "June", "July", "August", "September",
	    "October", "November", "December" };

	memset(&s, 0, sizeof(s));
	memset(count, 0, sizeof(count));
	memset(bytheme, 0, sizeof(bytheme));
	s.themes.terms = xcalloc(NTHEME, sizeof(*s.themes.terms));
	for (i = 0; i < NTHEME; i++) {
		snprintf(name, sizeof(name), "Theme %zu", i);
		s.themes.terms[i].name = xstrdup(name);
	}
	s.themes.termsz = NTHEME;
	s.reviews = xcalloc(NREV, sizeof(*s.reviews));
	s.recent = xcalloc(NREV, sizeof(*s.recent));
	for (i = 0; i < NREV; i++) {
		r = &s.reviews[i];
		r->slug = xasprintf("r-%04zu", i);
		/* Months 0-35 from January 2024; every 10th one skipped
		 * (a month with no review). */
		do
			k = rnd(NMONTH);
		while (k % 10 == 3);
		r->added.year = 2024 + (int)(k / 12);
		r->added.month = 1 + (int)(k % 12);
		r->added.day = 1 + (int)rnd(28);
		r->published = r->added;
		r->published.year -= (int)rnd(3);
		r->themes = xcalloc(NTHEME, sizeof(*r->themes));
		for (j = 0; j < NTHEME; j++)
			if (r->themesz < 3 && rnd(3) == 0)
				r->themes[r->themesz++] = &s.themes.terms[j];
		if (r->themesz == 0)
			r->themes[r->themesz++] = &s.themes.terms[rnd(NTHEME)];
		count[k]++;
		for (j = 0; j < r->themesz; j++)
			bytheme[k][r->themes[j] - s.themes.terms]++;
		s.recent[i] = r;
	}
	s.pubsz = NREV;
	index_recent(s.recent, s.pubsz);
	s.page_length = 7;
	s.today.year = 2025;
	s.today.month = 3;
	s.today.day = 10;
	month_index(&s);

	for (k = NMONTH; k-- > 0;)
		months += count[k] > 0;
	CHECK(s.monthsz == months, "%zu months, want %zu", s.monthsz, months);
	CHECK(s.updatepagesz == (months + 6) / 7, "%zu pages of updates/, "
	    "want %zu", s.updatepagesz, (months + 6) / 7);
	/* Newest first: month k, from the last, in order. */
	for (i = 0, k = NMONTH; k-- > 0 && i < s.monthsz;) {
		if (count[k] == 0)
			continue;
		m = &s.months[i++];
		CHECK(m->first.year == 2024 + (int)(k / 12) &&
		    m->first.month == 1 + (int)(k % 12) && m->first.day == 1,
		    "month %zu is %d-%d-%d", i - 1, m->first.year,
		    m->first.month, m->first.day);
		snprintf(name, sizeof(name), "%04d-%02d", m->first.year,
		    m->first.month);
		CHECK_STR(m->slug, name);
		snprintf(name, sizeof(name), "%s %d",
		    names[m->first.month - 1], m->first.year);
		CHECK_STR(m->name, name);
		CHECK(m->reviewsz == count[k], "%s: %zu reviews, want %zu",
		    m->slug, m->reviewsz, count[k]);
		CHECK(m->ended == (k < 14), "%s: ended %d", m->slug,
		    m->ended);
		for (j = 0; j < m->reviewsz; j++)
			bad += m->reviews[j]->added.year != m->first.year ||
			    m->reviews[j]->added.month != m->first.month;
		/* Its themes: in vocabulary order, each with exactly the
		 * month's reviews that have it, newest added first. */
		for (j = 0, n = 0; j < NTHEME; j++)
			n += bytheme[k][j] > 0;
		CHECK(m->themesz == n, "%s: %zu themes, want %zu", m->slug,
		    m->themesz, n);
		for (j = 0; j < m->themesz; j++) {
			mt = &m->themes[j];
			pos = (size_t)(mt->theme - s.themes.terms);
			bad += j > 0 && mt->theme <= m->themes[j - 1].theme;
			bad += mt->reviewsz != bytheme[k][pos];
			for (n = 0; n < mt->reviewsz; n++) {
				r = (struct review *)mt->reviews[n];
				bad += r->added.year != m->first.year ||
				    r->added.month != m->first.month;
				for (pos = 0; pos < r->themesz &&
				    r->themes[pos] != mt->theme; pos++)
					;
				bad += pos == r->themesz;
				bad += n > 0 && date_cmp(&r->added,
				    &mt->reviews[n - 1]->added) > 0;
			}
		}
	}
	CHECK(bad == 0, "%zu reviews in the wrong month, theme or order", bad);

	/* Each month's pages: 7 reviews each (the last fewer), in order;
	 * each page's themes exactly those of its reviews, in vocabulary
	 * order, newest added first, counting the month's reviews too. */
	for (i = 0; i < s.monthsz; i++)
		pages += (s.months[i].reviewsz + 6) / 7;
	CHECK(s.monthpagesz == pages, "%zu month pages, want %zu",
	    s.monthpagesz, pages);
	for (i = 0; i < s.monthsz && g < s.monthpagesz; i++) {
		m = &s.months[i];
		CHECK(m->pagesz == (m->reviewsz + 6) / 7, "%s: %zu pages",
		    m->slug, m->pagesz);
		for (n = 1; n <= m->pagesz && g < s.monthpagesz; n++) {
			mp = &s.monthpages[g++];
			bad += mp->month != m || mp->n != n ||
			    mp->reviews != m->reviews + (n - 1) * 7 ||
			    mp->reviewsz != (n < m->pagesz ? 7 :
			    m->reviewsz - (n - 1) * 7);
			memset(here, 0, sizeof(here));
			for (j = 0; j < mp->reviewsz; j++)
				for (k = 0; k < mp->reviews[j]->themesz; k++)
					here[mp->reviews[j]->themes[k] -
					    s.themes.terms]++;
			for (j = 0, h = 0; j < NTHEME; j++)
				h += here[j] > 0;
			bad += mp->themesz != h;
			for (j = 0; j < mp->themesz; j++) {
				mt = &mp->themes[j];
				pos = (size_t)(mt->theme - s.themes.terms);
				bad += j > 0 && mt->theme <= mp->themes[j - 1].theme;
				bad += mt->reviewsz != here[pos];
				for (k = 0; k < m->themesz &&
				    m->themes[k].theme != mt->theme; k++)
					;
				bad += k == m->themesz ||
				    mt->total != m->themes[k].reviewsz;
				for (h = 0; h < mt->reviewsz; h++) {
					/* On this page, with this theme. */
					for (k = 0; k < mp->reviewsz &&
					    mp->reviews[k] != mt->reviews[h]; k++)
						;
					bad += k == mp->reviewsz;
					r = (struct review *)mt->reviews[h];
					for (k = 0; k < r->themesz &&
					    r->themes[k] != mt->theme; k++)
						;
					bad += k == r->themesz;
					bad += h > 0 && date_cmp(&r->added,
					    &mt->reviews[h - 1]->added) > 0;
				}
			}
		}
	}
	CHECK(g == s.monthpagesz, "%zu month pages seen", g);
	CHECK(bad == 0, "%zu month pages wrong", bad);
	month_free(&s);
	CHECK(s.months == NULL && s.monthsz == 0, "month_free leaves months");

	/* No review: no month, one page of updates/ (it says so). */
	s.pubsz = 0;
	month_index(&s);
	CHECK(s.monthsz == 0 && s.updatepagesz == 1 && s.monthpagesz == 0,
	    "no review: %zu months, %zu pages, %zu month pages", s.monthsz,
	    s.updatepagesz, s.monthpagesz);
	month_free(&s);

	for (i = 0; i < NREV; i++) {
		free(s.reviews[i].slug);
		free(s.reviews[i].themes);
	}
	free(s.reviews);
	free(s.recent);
	for (i = 0; i < NTHEME; i++)
		free(s.themes.terms[i].name);
	free(s.themes.terms);
}
