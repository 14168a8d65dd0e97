/*
 * index.c: related reviews (the subset index) agree with a brute-force
 * ranking on random data; term lists and co-occurrence counts agree
 * with counting by hand.
 */
#include <stdlib.h>

#include "../../gen/lcspr.h"
#include "../../gen/extern.h"
#include "harness.h"

#define NREV	600
#define NTHEME	9

static unsigned long rng = 12345;

static unsigned
rnd(unsigned n)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((rng >> 33) % n);
}

static size_t
shared(const struct review *a, const struct review *b)
{
	size_t	 i, j, n = 0;

	for (i = 0; i < a->themesz; i++)
		for (j = 0; j < b->themesz; j++)
			n += a->themes[i] == b->themes[j];
	return n;
}

void
test_index(void)
{
	struct site	 s;
	struct opts	 o;
	struct review	*r;
	size_t		 i, j, k, best[RELATED_MAX], bestsh[RELATED_MAX], nb;
	size_t		 sh, mism = 0, count, cooc;
	char		 name[32];

	memset(&s, 0, sizeof(s));
	memset(&o, 0, sizeof(o));
	s.opts = &o;
	s.themes.terms = xcalloc(NTHEME, sizeof(*s.themes.terms));
	for (i = 0; i < NTHEME; i++) {
		snprintf(name, sizeof(name), "Theme %zu", i);
		s.themes.terms[i].name = xstrdup(name);
		s.themes.terms[i].slug = vocab_slugify(name);
	}
	s.themes.termsz = NTHEME;
	s.regions.terms = xcalloc(2, sizeof(*s.regions.terms));
	s.regions.terms[0].name = xstrdup("North");
	s.regions.terms[1].name = xstrdup("South");
	s.regions.terms[0].slug = xstrdup("north");
	s.regions.terms[1].slug = xstrdup("south");
	s.regions.termsz = 2;
	s.reviews = xcalloc(NREV, sizeof(*s.reviews));
	s.pub = xcalloc(NREV, sizeof(*s.pub));
	for (i = 0; i < NREV; i++) {
		r = &s.reviews[i];
		r->published.year = 2025 - (int)(i / 100);
		r->published.month = 1;
		r->published.day = 1;
		r->slug = xasprintf("r-%04zu", i);
		/* Every 50th older review is added to the site later. */
		r->added = r->published;
		if (i % 50 == 49) {
			r->added.year = 2026;
			r->added.month = 1 + (int)(i % 12);
		}
		r->region = &s.regions.terms[i % 2];
		r->themes = xcalloc(NTHEME, sizeof(*r->themes));
		/* Skewed: themes 0-2 common; 1 to 5 themes; no repeats. */
		for (j = 1 + rnd(5); r->themesz < j;) {
			const struct term *t = &s.themes.terms[rnd(3) == 0 ?
			    rnd(NTHEME) : rnd(3)];

			for (k = 0; k < r->themesz; k++)
				if (r->themes[k] == t)
					break;
			if (k == r->themesz)
				r->themes[r->themesz++] = t;
			else if (r->themesz >= 3)
				break;
		}
		s.pub[i] = r;	/* already newest first */
	}
	s.pubsz = NREV;
	s.page_length = 20;
	s.themes.dir = "themes";
	s.regions.dir = "regions";
	s.regions.phrase = "in";
	s.regions.hasfeed = 1;
	s.years.dir = "years";
	s.years.phrase = "in";
	s.vocabs[0] = &s.themes;
	s.vocabs[1] = &s.regions;
	s.vocabs[2] = &s.years;
	index_build(&s);

	for (i = 0; i < NREV; i++) {
		r = &s.reviews[i];
		/* Brute force: pub order is newest first. */
		for (nb = 0, j = 0; j < NREV; j++) {
			if (j == i || (sh = shared(r, &s.reviews[j])) == 0)
				continue;
			for (k = nb; k > 0 && bestsh[k - 1] < sh; k--)
				if (k < RELATED_MAX) {
					best[k] = best[k - 1];
					bestsh[k] = bestsh[k - 1];
				}
			if (k < RELATED_MAX) {
				best[k] = j;
				bestsh[k] = sh;
				if (nb < RELATED_MAX)
					nb++;
			}
		}
		if (nb != r->relatedsz)
			mism++;
		else
			for (k = 0; k < nb; k++)
				if (r->related[k] != &s.reviews[best[k]]) {
					mism++;
					break;
				}
	}
	CHECK(mism == 0, "related reviews differ from brute force for %zu "
	    "of %d reviews", mism, NREV);

	for (i = 0, count = 0, cooc = 0; i < NREV; i++) {
		for (j = 0; j < s.reviews[i].themesz; j++)
			if (s.reviews[i].themes[j] == &s.themes.terms[0])
				break;
		if (j == s.reviews[i].themesz)
			continue;
		count++;
		for (j = 0; j < s.reviews[i].themesz; j++)
			cooc += s.reviews[i].themes[j] == &s.themes.terms[1];
	}
	CHECK(s.themes.terms[0].reviewsz == count, "theme 0 has %zu reviews, "
	    "want %zu", s.themes.terms[0].reviewsz, count);
	for (i = 1; i < s.themes.terms[0].reviewsz; i++)
		if (date_cmp(&s.themes.terms[0].reviews[i - 1]->published,
		    &s.themes.terms[0].reviews[i]->published) < 0)
			break;
	CHECK(i >= s.themes.terms[0].reviewsz, "theme list newest first");
	for (i = 0; i < s.themes.terms[0].topsz; i++)
		if (s.themes.terms[0].top[i].term == &s.themes.terms[1])
			break;
	CHECK(i < s.themes.terms[0].topsz &&
	    s.themes.terms[0].top[i].count == cooc,
	    "co-occurrence of themes 0 and 1: want %zu", cooc);
	CHECK(s.themes.terms[0].top[0].term != &s.themes.terms[0],
	    "a theme is not listed as occurring with itself");

	/* Facets: one per theme and region (or year) with a review, with
	 * the count a brute-force count gives, newest first. */
	for (i = 0, mism = 0, nb = 0; i < NTHEME; i++)
		for (k = 0; k < 2 + s.years.termsz; k++) {
			const struct term *o = k < 2 ? &s.regions.terms[k] :
			    &s.years.terms[k - 2];
			const struct facet *f = NULL;
			size_t	 m, has;

			for (j = count = 0; j < NREV; j++) {
				r = &s.reviews[j];
				for (m = has = 0; m < r->themesz; m++)
					has |= r->themes[m] ==
					    &s.themes.terms[i];
				if (has && (k < 2 ? r->region == o :
				    r->published.year == atoi(o->name)))
					count++;
			}
			for (j = 0; j < s.facetsz; j++)
				if (s.facets[j].theme == &s.themes.terms[i] &&
				    s.facets[j].other == o)
					f = &s.facets[j];
			nb += count > 0;
			if (count == 0 ? f != NULL : f == NULL ||
			    f->reviewsz != count)
				mism++;
			for (j = 1; f != NULL && j < f->reviewsz; j++)
				if (date_cmp(&f->reviews[j - 1]->published,
				    &f->reviews[j]->published) < 0)
					mism++;
		}
	CHECK(mism == 0 && nb == s.facetsz, "facets differ from a count by "
	    "hand (%zu differences, %zu facets, want %zu)", mism, s.facetsz,
	    nb);
	for (i = 0, count = 0; i < NTHEME; i++)
		count += s.themes.terms[i].byregionsz +
		    s.themes.terms[i].byyearsz;
	for (i = 0; i < 2; i++)
		count += s.regions.terms[i].bythemesz;
	for (i = 0; i < s.years.termsz; i++)
		count += s.years.terms[i].bythemesz;
	CHECK(count == 2 * s.facetsz, "each facet is listed on its two "
	    "terms' pages (%zu listings, %zu facets)", count, s.facetsz);
	CHECK(s.years.termsz == 6 && strcmp(s.years.terms[0].name, "2025") == 0
	    && s.years.terms[0].reviewsz == 100, "years");

	/* recent: every published review once, newest added first. */
	for (i = 1, mism = 0; i < NREV; i++) {
		int	 c = date_cmp(&s.recent[i - 1]->added,
		    &s.recent[i]->added);

		if (c < 0 || (c == 0 && date_cmp(&s.recent[i - 1]->published,
		    &s.recent[i]->published) < 0) || s.recent[i - 1] ==
		    s.recent[i])
			mism++;
	}
	CHECK(mism == 0, "recent: %zu out of order", mism);
	CHECK(s.recent[0] == &s.reviews[299] &&
	    s.recent[0]->added.month == 12 && s.recent[NREV - 1] ==
	    &s.reviews[NREV - 2], "recent: the latest added first (%s), "
	    "the oldest not added later last (%s)", s.recent[0]->slug,
	    s.recent[NREV - 1]->slug);
	CHECK(s.pub[0] == &s.reviews[0], "pub keeps the order of published");

	for (i = 0; i < NREV; i++) {
		free(s.reviews[i].themes);
		free(s.reviews[i].slug);
	}
	free(s.reviews);
	free(s.pub);
	index_free(&s);
	free(s.recent);
	vocab_free(&s.themes);
	vocab_free(&s.regions);
	vocab_free(&s.years);
}
