/*
 * Indexes over the published reviews (site->pub, newest first): the
 * reviews of each theme, region and year; the themes that occur most
 * with each theme, region and year; and each review's related reviews.
 * Every step is linear in the number of reviews.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lcspr.h"
#include "extern.h"

#define SUBSET_MAX	6	/* themes per review used for relatedness */

/* The reviews sharing one exact set of themes (a subset key). */
struct subset {
	uint64_t	 hash;		/* of the ids, 0 when the slot is free */
	uint16_t	 ids[SUBSET_MAX]; /* theme indexes, ascending */
	size_t		 idsz;		/* number of ids */
	size_t		*revs;		/* owned: indexes into pub, newest first */
	size_t		 revsz;		/* number of reviews */
	size_t		 revmax;	/* allocated */
};

/* Open-addressing table of subsets. */
struct subsets {
	struct subset	*v;		/* owned slots */
	size_t		 max;		/* slots, a power of two */
	size_t		 used;		/* slots taken */
};

static uint64_t
subset_hash(const uint16_t *ids, size_t n)
{
	uint64_t	 h = 1469598103934665603ULL;
	size_t		 i;

	for (i = 0; i < n; i++) {
		h ^= ids[i] + 1;
		h *= 1099511628211ULL;
	}
	return h == 0 ? 1 : h;
}

static struct subset *
subset_slot(struct subset *v, size_t max, const uint16_t *ids, size_t n,
    uint64_t h)
{
	size_t	 i;

	for (i = h & (max - 1); v[i].hash != 0; i = (i + 1) & (max - 1))
		if (v[i].hash == h && v[i].idsz == n &&
		    memcmp(v[i].ids, ids, n * sizeof(*ids)) == 0)
			break;
	return &v[i];
}

/* The subset with these ids, created empty when absent. */
static struct subset *
subset_get(struct subsets *t, const uint16_t *ids, size_t n, int create)
{
	struct subset	*e, *nv;
	uint64_t	 h = subset_hash(ids, n);
	size_t		 i, nmax;

	if (create && (t->used + 1) * 2 > t->max) {
		nmax = t->max ? t->max * 2 : 1024;
		nv = xcalloc(nmax, sizeof(*nv));
		for (i = 0; i < t->max; i++)
			if (t->v[i].hash != 0)
				*subset_slot(nv, nmax, t->v[i].ids,
				    t->v[i].idsz, t->v[i].hash) = t->v[i];
		free(t->v);
		t->v = nv;
		t->max = nmax;
	}
	if (t->max == 0)
		return NULL;
	e = subset_slot(t->v, t->max, ids, n, h);
	if (e->hash == 0) {
		if (!create)
			return NULL;
		e->hash = h;
		memcpy(e->ids, ids, n * sizeof(*ids));
		e->idsz = n;
		t->used++;
	}
	return e;
}

static int
index_u16cmp(const void *a, const void *b)
{
	uint16_t x = *(const uint16_t *)a, y = *(const uint16_t *)b;

	return x < y ? -1 : x > y;
}

/* A review's theme indexes, ascending, at most SUBSET_MAX. */
static size_t
index_ids(const struct site *s, const struct review *r, uint16_t *ids)
{
	size_t	 i, n = r->themesz < SUBSET_MAX ? r->themesz : SUBSET_MAX;

	for (i = 0; i < n; i++)
		ids[i] = (uint16_t)(r->themes[i] - s->themes.terms);
	qsort(ids, n, sizeof(*ids), index_u16cmp);
	return n;
}

/* The ids picked out of ids by the bits of mask. */
static size_t
index_pick(const uint16_t *ids, size_t n, unsigned mask, uint16_t *out)
{
	size_t	 i, k = 0;

	for (i = 0; i < n; i++)
		if (mask & (1u << i))
			out[k++] = ids[i];
	return k;
}

static int
index_sizecmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Related reviews: those sharing the most themes with r, then the
 * newest.  For each number of shared themes, from all of r's down to
 * one, each subset of r's themes of that size names (through the
 * table) the reviews that have all of them, newest first; taking a few
 * from the front of each is enough, so the work per review is bounded.
 */
static void
index_related(struct site *s, struct subsets *t, size_t ri)
{
	/* pub borrows from reviews: the same review, to write to. */
	struct review	*r = &s->reviews[s->pub[ri] - s->reviews];
	uint16_t	 ids[SUBSET_MAX], sub[SUBSET_MAX];
	size_t		 n, k, level, cand[64 * (RELATED_MAX + 1)], candsz;
	size_t		 i, j, taken, want;
	unsigned	 mask;
	struct subset	*e;

	n = index_ids(s, r, ids);
	r->relatedsz = 0;
	for (level = n; level > 0 && r->relatedsz < RELATED_MAX; level--) {
		want = RELATED_MAX - r->relatedsz;
		candsz = 0;
		for (mask = 1; mask < (1u << n); mask++) {
			if ((size_t)__builtin_popcount(mask) != level)
				continue;
			k = index_pick(ids, n, mask, sub);
			if ((e = subset_get(t, sub, k, 0)) == NULL)
				continue;
			for (i = taken = 0; i < e->revsz && taken < want;
			    i++) {
				if (e->revs[i] == ri)
					continue;
				for (j = 0; j < r->relatedsz; j++)
					if (r->related[j] == s->pub[e->revs[i]])
						break;
				if (j < r->relatedsz)
					continue;
				cand[candsz++] = e->revs[i];
				taken++;
			}
		}
		qsort(cand, candsz, sizeof(*cand), index_sizecmp);
		for (i = 0; i < candsz && r->relatedsz < RELATED_MAX; i++)
			if (i == 0 || cand[i] != cand[i - 1])
				r->related[r->relatedsz++] = s->pub[cand[i]];
	}
}

/* Build the subset table and every review's related list. */
static void
index_relate(struct site *s)
{
	struct subsets	 t = { NULL, 0, 0 };
	struct subset	*e;
	uint16_t	 ids[SUBSET_MAX], sub[SUBSET_MAX];
	size_t		 ri, n, k, i;
	unsigned	 mask;

	for (ri = 0; ri < s->pubsz; ri++) {
		n = index_ids(s, s->pub[ri], ids);
		for (mask = 1; mask < (1u << n); mask++) {
			k = index_pick(ids, n, mask, sub);
			e = subset_get(&t, sub, k, 1);
			if (e->revsz == e->revmax) {
				e->revmax = e->revmax ? e->revmax * 2 : 4;
				e->revs = xreallocarray(e->revs, e->revmax,
				    sizeof(*e->revs));
			}
			e->revs[e->revsz++] = ri;
		}
	}
	for (ri = 0; ri < s->pubsz; ri++)
		index_related(s, &t, ri);
	for (i = 0; i < t.max; i++)
		free(t.v[i].revs);
	free(t.v);
}

/* Order theme counts: most frequent first, then vocabulary order. */
static int
index_countcmp(const void *a, const void *b)
{
	const struct termcount *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->term < y->term ? -1 : x->term > y->term;
}

/*
 * Set *top to the most frequent themes in counts (one per theme),
 * leaving out the theme self (or NULL), and *topsz to how many of
 * them are shown.
 */
static void
index_top(const struct site *s, struct termcount **top, size_t *topsz,
    const size_t *counts, const struct term *self)
{
	struct termcount *all;
	size_t		 i, n = 0;

	all = xcalloc(s->themes.termsz, sizeof(*all));
	for (i = 0; i < s->themes.termsz; i++)
		if (counts[i] > 0 && &s->themes.terms[i] != self) {
			all[n].term = &s->themes.terms[i];
			all[n++].count = counts[i];
		}
	qsort(all, n, sizeof(*all), index_countcmp);
	*topsz = n < TOPTHEMES_MAX ? n : TOPTHEMES_MAX;
	*top = all;
}

/* Append review r to term t's list (sized beforehand by counting). */
static void
index_add(struct term *t, const struct review *r)
{
	t->reviews[t->reviewsz++] = r;
}

/* Allocate each term's review list from the counts in reviewsz. */
static void
index_alloc(struct vocab *v)
{
	size_t	 i;

	for (i = 0; i < v->termsz; i++) {
		free(v->terms[i].reviews);
		v->terms[i].reviews = xcalloc(v->terms[i].reviewsz,
		    sizeof(*v->terms[i].reviews));
		v->terms[i].reviewsz = 0;
	}
}

/* List the terms of v marked onsite. */
static void
index_list(struct vocab *v)
{
	size_t	 i;

	free(v->onsite);
	v->onsite = xcalloc(v->termsz + 1, sizeof(*v->onsite));
	v->onsitesz = 0;
	for (i = 0; i < v->termsz; i++)
		if (v->terms[i].onsite)
			v->onsite[v->onsitesz++] = &v->terms[i];
}

/*
 * Decide which themes and regions have a page (and a feed, and links
 * to them): those with a published review in site->pub, or, in a
 * vocabulary with intros, with an intro.  Each vocabulary's onsite
 * lists them in site.yaml order (years: index_build).
 */
void
index_onsite(struct site *s)
{
	size_t		 i, j, k;
	const struct review *r;
	struct vocab	*v;

	for (i = 0; i < s->pubsz; i++) {
		/* A review with errors may lack them (nothing is written). */
		r = s->pub[i];
		if (r->region != NULL)
			vocab_own(&s->regions, r->region)->onsite = 1;
		for (j = 0; j < r->themesz; j++)
			if (r->themes[j] != NULL)
				vocab_own(&s->themes, r->themes[j])->onsite = 1;
	}
	for (k = 0; k < VOCAB_PAGED; k++) {
		v = s->vocabs[k];
		if (!v->hasintro)
			continue;
		for (i = 0; i < v->termsz; i++)
			v->terms[i].onsite |= v->terms[i].intro != NULL;
		index_list(v);
	}
}

/* A review's theme with its region or year, sorted into facets. */
struct facetkey {
	size_t		 theme;		/* index in site->themes */
	size_t		 other;		/* index in the region's or year's
					 * vocabulary */
	size_t		 rev;		/* index in site->pub */
};

/* By theme, then region or year, then newest first. */
static int
index_keycmp(const void *a, const void *b)
{
	const struct facetkey *x = a, *y = b;

	if (x->theme != y->theme)
		return x->theme < y->theme ? -1 : 1;
	if (x->other != y->other)
		return x->other < y->other ? -1 : 1;
	return x->rev < y->rev ? -1 : x->rev > y->rev;
}

/* Does key i start a facet (a run of one theme and region or year)? */
static int
index_newrun(const struct facetkey *k, size_t i)
{
	return i == 0 || k[i].theme != k[i - 1].theme ||
	    k[i].other != k[i - 1].other;
}

/*
 * The keys of every published review's themes with its region (years
 * 0) or year (years 1), sorted: each run is a facet.  *n gets their
 * number, the sum over reviews of their themes.
 */
static struct facetkey *
index_keys(const struct site *s, int years, size_t *n)
{
	struct facetkey	*k;
	const struct review *r;
	size_t		 i, j, y = 0, max = 0;

	for (i = 0; i < s->pubsz; i++)
		max += s->pub[i]->themesz;
	k = xcalloc(max + 1, sizeof(*k));
	*n = 0;
	for (i = 0; i < s->pubsz; i++) {
		r = s->pub[i];
		/* pub and years are both newest first. */
		if (atoi(s->years.terms[y].name) != r->published.year)
			y++;
		for (j = 0; j < r->themesz; j++) {
			k[*n].theme = (size_t)(r->themes[j] - s->themes.terms);
			k[*n].other = years ? y :
			    (size_t)(r->region - s->regions.terms);
			k[(*n)++].rev = i;
		}
	}
	qsort(k, *n, sizeof(*k), index_keycmp);
	return k;
}

/* Make the facets of the sorted keys k (n of them) of vocabulary v. */
static void
index_runs(struct site *s, const struct facetkey *k, size_t n,
    const struct vocab *v, size_t *revs)
{
	struct facet	*f = NULL;
	size_t		 i;

	for (i = 0; i < n; i++) {
		if (index_newrun(k, i)) {
			f = &s->facets[s->facetsz++];
			f->theme = &s->themes.terms[k[i].theme];
			f->other = &v->terms[k[i].other];
			f->vocab = v;
			f->name = xasprintf("%s %s %s", f->theme->name,
			    v->phrase, f->other->name);
			f->description = xasprintf("Practice reviews published "
			    "on the theme %s %s %s.", f->theme->name, v->phrase,
			    f->other->name);
			f->dir = xasprintf("themes/%s/%s/%s/", f->theme->slug,
			    v->dir, f->other->slug);
			f->reviews = s->facetrevs + *revs;
		}
		s->facetrevs[(*revs)++] = s->pub[k[i].rev];
		f->reviewsz++;
	}
}

/*
 * List facets lo to hi (by theme) on the pages of their terms: on the
 * theme's (*own: byregion or byyear, named by the other term) and on
 * the other term's (bytheme, named by the theme, in theme order).
 */
static void
index_refs(struct site *s, size_t lo, size_t hi, int years)
{
	struct facet	*f;
	struct term	*th, *ot;
	struct vocab	*v = years ? &s->years : &s->regions;
	size_t		 i;

	for (i = lo; i < hi; i++) {
		f = &s->facets[i];
		th = vocab_own(&s->themes, f->theme);
		ot = vocab_own(v, f->other);
		if (years)
			th->byyearsz++;
		else
			th->byregionsz++;
		ot->bythemesz++;
	}
	for (i = 0; i < s->themes.termsz; i++) {
		th = &s->themes.terms[i];
		if (years) {
			th->byyear = xcalloc(th->byyearsz, sizeof(*th->byyear));
			th->byyearsz = 0;
		} else {
			th->byregion = xcalloc(th->byregionsz,
			    sizeof(*th->byregion));
			th->byregionsz = 0;
		}
	}
	for (i = 0; i < v->termsz; i++) {
		v->terms[i].bytheme = xcalloc(v->terms[i].bythemesz,
		    sizeof(*v->terms[i].bytheme));
		v->terms[i].bythemesz = 0;
	}
	for (i = lo; i < hi; i++) {
		f = &s->facets[i];
		th = vocab_own(&s->themes, f->theme);
		ot = vocab_own(v, f->other);
		if (years)
			th->byyear[th->byyearsz++] =
			    (struct facetref){ f->other, f };
		else
			th->byregion[th->byregionsz++] =
			    (struct facetref){ f->other, f };
		ot->bytheme[ot->bythemesz++] = (struct facetref){ f->theme, f };
	}
}

/*
 * The facets: each theme with each region and each year in which it
 * has a published review, and no others.  Sorting the pairs of a
 * review's themes with its region or year makes them in O(k log k),
 * k the sum over reviews of their themes.
 */
static void
index_facets(struct site *s)
{
	struct facetkey	*reg, *yr;
	size_t		 nreg, nyr, i, runs = 0, revs = 0;

	reg = index_keys(s, 0, &nreg);
	yr = index_keys(s, 1, &nyr);
	for (i = 0; i < nreg; i++)
		runs += index_newrun(reg, i);
	for (i = 0; i < nyr; i++)
		runs += index_newrun(yr, i);
	s->facets = xcalloc(runs + 1, sizeof(*s->facets));
	s->facetrevs = xcalloc(nreg + nyr + 1, sizeof(*s->facetrevs));
	index_runs(s, reg, nreg, &s->regions, &revs);
	s->regionfacetsz = s->facetsz;
	index_runs(s, yr, nyr, &s->years, &revs);
	index_refs(s, 0, s->regionfacetsz, 0);
	index_refs(s, s->regionfacetsz, s->facetsz, 1);
	free(reg);
	free(yr);
}

/* Add the pages of the list of n reviews (at least one page). */
static void
index_pages(struct site *s, size_t *max, const struct vocab *v,
    const struct term *t, const struct facet *f, size_t n)
{
	size_t	 of, i;

	of = n == 0 ? 1 : (n - 1) / s->page_length + 1;
	if (s->listsz + of > *max) {
		*max = (s->listsz + of) * 2;
		s->lists = xreallocarray(s->lists, *max, sizeof(*s->lists));
	}
	for (i = 1; i <= of; i++)
		s->lists[s->listsz++] = (struct listpage){ v, t, f, i, of };
}

/*
 * Every page of every list of reviews (site->lists), one a job: all
 * reviews, then each term with a page, then each facet.  Linear in
 * the number of lists and pages.
 */
static void
index_lists(struct site *s)
{
	const struct vocab *v;
	size_t		 k, i, max = 0;

	index_pages(s, &max, NULL, NULL, &s->all, s->all.reviewsz);
	for (k = 0; k < VOCAB_PAGED; k++) {
		v = s->vocabs[k];
		for (i = 0; i < v->onsitesz; i++)
			index_pages(s, &max, v, v->onsite[i], NULL,
			    v->onsite[i]->reviewsz);
	}
	for (i = 0; i < s->facetsz; i++)
		index_pages(s, &max, NULL, NULL, &s->facets[i],
		    s->facets[i].reviewsz);
}

/*
 * The "at a glance" figures of every list: each term of the paged
 * vocabularies (a term is also shown as an item of other pages), all
 * reviews and each facet.  Once per list, as every page of the list
 * shows them.
 */
static void
index_glances(struct site *s)
{
	struct vocab	*v;
	struct facet	*f;
	size_t		 k, i, g;

	for (k = 0; k < VOCAB_PAGED; k++) {
		v = s->vocabs[k];
		for (i = 0; i < v->termsz; i++)
			for (g = 0; g < GLANCE__MAX; g++)
				v->terms[i].glance[g] = insight_glance(
				    v->terms[i].reviews, v->terms[i].reviewsz,
				    (enum glance)g);
	}
	for (i = 0; i <= s->facetsz; i++) {
		f = i < s->facetsz ? &s->facets[i] : &s->all;
		for (g = 0; g < GLANCE__MAX; g++)
			f->glance[g] = insight_glance(f->reviews, f->reviewsz,
			    (enum glance)g);
	}
}

/*
 * Compare reviews x and y in the order of site->recent (index_recent):
 * less than 0 when x comes first, 0 when they are the same review.
 */
int
index_recentcmp(const struct review *x, const struct review *y)
{
	int		 c;

	if ((c = date_cmp(&y->added, &x->added)) != 0)
		return c;
	if ((c = date_cmp(&y->published, &x->published)) != 0)
		return c;
	return strcmp(x->slug, y->slug);
}

static int
index_addedcmp(const void *a, const void *b)
{
	return index_recentcmp(*(const struct review *const *)a,
	    *(const struct review *const *)b);
}

/*
 * Sort the n reviews of v newest added to the site first; of the same
 * day, newest published first, then by slug (so the order does not
 * depend on the input's).  O(n log n).
 */
void
index_recent(const struct review **v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), index_addedcmp);
}

/*
 * Build every index over site->pub, and site->recent, the newest added
 * first (for the home page and the feeds).  Years become the vocabulary
 * site->years, newest first.
 */
void
index_build(struct site *s)
{
	size_t		 i, j, y, T = s->themes.termsz, *cooc, *reg, *yr;
	const struct review *r;
	struct term	*th, *rg;

	s->recent = xcalloc(s->pubsz > 0 ? s->pubsz : 1, sizeof(*s->recent));
	if (s->pubsz > 0)
		memcpy(s->recent, s->pub, s->pubsz * sizeof(*s->recent));
	index_recent(s->recent, s->pubsz);

	/* Years: pub is newest first, so new years appear in order. */
	for (i = 0; i < s->pubsz; i++) {
		r = s->pub[i];
		if (s->years.termsz > 0 && atoi(s->years.terms
		    [s->years.termsz - 1].name) == r->published.year)
			continue;
		s->years.terms = xreallocarray(s->years.terms,
		    s->years.termsz + 1, sizeof(*s->years.terms));
		memset(&s->years.terms[s->years.termsz], 0,
		    sizeof(*s->years.terms));
		s->years.terms[s->years.termsz].name =
		    xasprintf("%d", r->published.year);
		s->years.terms[s->years.termsz].slug =
		    xasprintf("%d", r->published.year);
		s->years.termsz++;
	}

	/* Count, allocate, fill: newest first because pub is. */
	for (i = 0; i < s->pubsz; i++) {
		r = s->pub[i];
		vocab_own(&s->regions, r->region)->reviewsz++;
		for (j = 0; j < r->themesz; j++)
			vocab_own(&s->themes, r->themes[j])->reviewsz++;
	}
	index_alloc(&s->themes);
	index_alloc(&s->regions);
	cooc = xcalloc(T * T, sizeof(*cooc));
	reg = xcalloc(s->regions.termsz * T, sizeof(*reg));
	yr = xcalloc(s->years.termsz * T, sizeof(*yr));
	for (i = 0, y = 0; i < s->pubsz; i++) {
		r = s->pub[i];
		if (atoi(s->years.terms[y].name) != r->published.year)
			y++;
		rg = vocab_own(&s->regions, r->region);
		index_add(rg, r);
		s->years.terms[y].reviewsz++;
		for (j = 0; j < r->themesz; j++) {
			size_t	 a = (size_t)(r->themes[j] - s->themes.terms);
			size_t	 k;

			th = vocab_own(&s->themes, r->themes[j]);
			index_add(th, r);
			reg[(size_t)(rg - s->regions.terms) * T + a]++;
			yr[y * T + a]++;
			for (k = 0; k < r->themesz; k++)
				cooc[a * T + (size_t)(r->themes[k] -
				    s->themes.terms)]++;
		}
	}
	/* Years' lists are runs of pub; every year has a page. */
	for (i = 0, y = 0; y < s->years.termsz; y++) {
		s->years.terms[y].onsite = 1;
		s->years.terms[y].reviews = xcalloc(s->years.terms[y].reviewsz,
		    sizeof(*s->years.terms[y].reviews));
		for (j = 0; j < s->years.terms[y].reviewsz; j++)
			s->years.terms[y].reviews[j] = s->pub[i++];
	}
	index_list(&s->years);
	for (i = 0; i < T; i++)
		index_top(s, &s->themes.terms[i].top,
		    &s->themes.terms[i].topsz, cooc + i * T,
		    &s->themes.terms[i]);
	for (i = 0; i < s->regions.termsz; i++)
		index_top(s, &s->regions.terms[i].top,
		    &s->regions.terms[i].topsz, reg + i * T, NULL);
	for (i = 0; i < s->years.termsz; i++)
		index_top(s, &s->years.terms[i].top, &s->years.terms[i].topsz,
		    yr + i * T, NULL);
	/* All reviews: every published one, and the commonest themes. */
	for (i = 0; i < T; i++)
		cooc[i] = s->themes.terms[i].reviewsz;
	s->all.name = xstrdup("All reviews");
	s->all.description = xstrdup("Every review published on this "
	    "site, newest first.");
	s->all.dir = xstrdup("reviews/");
	s->all.reviews = s->pub;
	s->all.reviewsz = s->pubsz;
	index_top(s, &s->all.top, &s->all.topsz, cooc, NULL);
	free(cooc);
	free(reg);
	free(yr);
	index_relate(s);
	index_facets(s);
	index_lists(s);
	index_glances(s);
	month_index(s);
}

/*
 * Free what index_build made that the vocabularies do not hold.
 */
void
index_free(struct site *s)
{
	size_t	 i, g;

	for (g = 0; g < GLANCE__MAX; g++)
		free(s->all.glance[g]);
	free(s->all.name);
	free(s->all.description);
	free(s->all.dir);
	free(s->all.top);
	free(s->lists);
	for (i = 0; i < s->facetsz; i++) {
		free(s->facets[i].name);
		free(s->facets[i].description);
		free(s->facets[i].dir);
		for (g = 0; g < GLANCE__MAX; g++)
			free(s->facets[i].glance[g]);
	}
	free(s->facets);
	free(s->facetrevs);
	month_free(s);
}
