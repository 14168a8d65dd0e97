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
 * Set t->top to the most frequent themes in counts (one per theme),
 * leaving out the theme self (or NULL).
 */
static void
index_top(const struct site *s, struct term *t, const size_t *counts,
    const struct term *self)
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
	t->topsz = n < TOPTHEMES_MAX ? n : TOPTHEMES_MAX;
	t->top = all;
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

static int
index_addedcmp(const void *a, const void *b)
{
	const struct review *x = *(const struct review *const *)a;
	const struct review *y = *(const struct review *const *)b;
	int		 c;

	if ((c = date_cmp(&y->added, &x->added)) != 0)
		return c;
	if ((c = date_cmp(&y->published, &x->published)) != 0)
		return c;
	return strcmp(x->slug, y->slug);
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
		index_top(s, &s->themes.terms[i], cooc + i * T,
		    &s->themes.terms[i]);
	for (i = 0; i < s->regions.termsz; i++)
		index_top(s, &s->regions.terms[i], reg + i * T, NULL);
	for (i = 0; i < s->years.termsz; i++)
		index_top(s, &s->years.terms[i], yr + i * T, NULL);
	free(cooc);
	free(reg);
	free(yr);
	index_relate(s);
}
