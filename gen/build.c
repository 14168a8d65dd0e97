/*
 * Build: run the stages in order, on several threads where the work
 * is per file or per page, and report.  Content problems stop the
 * build before anything is written; the old site stays as it was.
 */
#include <sys/stat.h>

#include <assert.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/dict.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

/* What a job counts as in the closing line. */
enum jobcount { JC_NONE, JC_PAGE, JC_FEED };

/*
 * A kind of output (jobtypes[]): how many there are, and how to write
 * the i-th.  Each writes its own folders (output_write, output_mkdir),
 * so jobs may run in any order.
 */
struct jobtype {
	size_t		(*count)(const struct site *);
	int		(*run)(const struct site *, struct output *,
			    struct render *, size_t);
	enum jobcount	 counts;	/* a page, a feed, or neither */
};

struct job {
	const struct jobtype *type;	/* what to write */
	size_t		 i;		/* which one */
};

/* What the worker threads share. */
struct pool {
	const struct site *site;	/* the site */
	struct site	*reading;	/* the site whose reviews to read,
					 * or NULL: page jobs */
	struct output	*out;		/* for page jobs */
	struct job	*jobs;		/* page jobs, or NULL: read reviews */
	size_t		 jobsz;		/* number of jobs */
	size_t		 next;		/* next job, taken atomically */
	size_t		 pages;		/* pages written, atomically */
	size_t		 feeds;		/* feeds written, atomically */
	int		 failed;	/* a job failed (reported) */
};

static size_t
build_one(const struct site *s)
{
	(void)s;
	return 1;
}

/* The vocabulary with pages (site->vocabs) that item *i is in. */
static const struct vocab *
build_vocab(const struct site *s, size_t *i, int feeds)
{
	const struct vocab *v;
	size_t		 k;

	for (k = 0; k < VOCAB_PAGED; k++) {
		v = s->vocabs[k];
		if (feeds && !v->hasfeed)
			continue;
		if (*i < v->onsitesz)
			return v;
		*i -= v->onsitesz;
	}
	abort();
}

/* Terms with a page and a feed. */
static size_t
build_nfeeds(const struct site *s)
{
	size_t	 k, n = 0;

	for (k = 0; k < VOCAB_PAGED; k++)
		if (s->vocabs[k]->hasfeed)
			n += s->vocabs[k]->onsitesz;
	return n;
}

static size_t
build_nvocabs(const struct site *s)
{
	(void)s;
	return VOCAB_PAGED;
}

static size_t
build_npages(const struct site *s)
{
	return s->pagesz;
}

static size_t
build_npub(const struct site *s)
{
	return s->pubsz;
}

/* Every page of every list of reviews (index.c's site->lists). */
static size_t
build_nlists(const struct site *s)
{
	return s->listsz;
}

static int
build_list(const struct site *s, struct output *o, struct render *rd,
    size_t i)
{
	return page_list(s, &s->lists[i], o, rd);
}

static int
build_termfeed(const struct site *s, struct output *o, struct render *rd,
    size_t i)
{
	const struct vocab *v = build_vocab(s, &i, 1);

	(void)rd;
	return feed_term(s, o, v, v->onsite[i]);
}

/* The facets with a feed: theme x region, the first facets. */
static size_t
build_nfacetfeeds(const struct site *s)
{
	return s->regionfacetsz;
}

static int
build_facetfeed(const struct site *s, struct output *o, struct render *rd,
    size_t i)
{
	(void)rd;
	return feed_facet(s, o, &s->facets[i]);
}

static int
build_terms(const struct site *s, struct output *o, struct render *rd,
    size_t i)
{
	return page_terms(s, s->vocabs[i], o, rd);
}

static int
build_sitemap(const struct site *s, struct output *o, struct render *rd,
    size_t i)
{
	(void)rd, (void)i;
	return page_sitemap(s, o);
}

static int
build_robots(const struct site *s, struct output *o, struct render *rd,
    size_t i)
{
	(void)rd, (void)i;
	return page_robots(s, o);
}

static int
build_json(const struct site *s, struct output *o, struct render *rd,
    size_t i)
{
	(void)rd, (void)i;
	return data_json(s, o);
}

static int
build_csv(const struct site *s, struct output *o, struct render *rd,
    size_t i)
{
	(void)rd, (void)i;
	return data_csv(s, o);
}

static int
build_insights(const struct site *s, struct output *o, struct render *rd,
    size_t i)
{
	(void)i;
	return page_insights(s, o, rd);
}

static int
build_home(const struct site *s, struct output *o, struct render *rd,
    size_t i)
{
	(void)i;
	return page_home(s, o, rd);
}

static int
build_404(const struct site *s, struct output *o, struct render *rd,
    size_t i)
{
	(void)i;
	return page_404(s, o, rd);
}

static int
build_feed(const struct site *s, struct output *o, struct render *rd,
    size_t i)
{
	(void)rd, (void)i;
	return feed_site(s, o);
}

static int
build_page(const struct site *s, struct output *o, struct render *rd,
    size_t i)
{
	return page_standalone(s, &s->pages[i], o, rd);
}

static int
build_review(const struct site *s, struct output *o, struct render *rd,
    size_t i)
{
	return page_review(s, s->pub[i], o, rd);
}

static int
build_follow(const struct site *s, struct output *o, struct render *rd,
    size_t i)
{
	(void)i;
	return page_follow(s, o, rd);
}

static int
build_opml(const struct site *s, struct output *o, struct render *rd,
    size_t i)
{
	(void)rd, (void)i;
	return follow_opml(s, o);
}

static size_t
build_nsearch(const struct site *s)
{
	return s->search ? 1 : 0;
}

static int
build_search(const struct site *s, struct output *o, struct render *rd,
    size_t i)
{
	(void)i;
	return page_search(s, o, rd);
}

static size_t
build_ngone(const struct site *s)
{
	return s->gonesz;
}

static int
build_gone(const struct site *s, struct output *o, struct render *rd,
    size_t i)
{
	return page_withdrawn(s, s->gone[i], o, rd);
}

static size_t
build_nupdates(const struct site *s)
{
	return s->updatepagesz;
}

static int
build_updates(const struct site *s, struct output *o, struct render *rd,
    size_t i)
{
	return page_updates(s, i, o, rd);
}

static size_t
build_nmonths(const struct site *s)
{
	return s->monthpagesz;
}

static int
build_month(const struct site *s, struct output *o, struct render *rd,
    size_t i)
{
	return page_month(s, &s->monthpages[i], o, rd);
}

static int
build_updatefeed(const struct site *s, struct output *o, struct render *rd,
    size_t i)
{
	(void)rd, (void)i;
	return feed_updates(s, o);
}

/* The recommendations page and open data: only when there are some. */
static size_t
build_nrecs(const struct site *s)
{
	return s->recsz > 0 ? 1 : 0;
}

static int
build_recs(const struct site *s, struct output *o, struct render *rd,
    size_t i)
{
	(void)i;
	return page_recs(s, o, rd);
}

static int
build_recjson(const struct site *s, struct output *o, struct render *rd,
    size_t i)
{
	(void)rd, (void)i;
	return data_recjson(s, o);
}

static int
build_reccsv(const struct site *s, struct output *o, struct render *rd,
    size_t i)
{
	(void)rd, (void)i;
	return data_reccsv(s, o);
}

/*
 * Everything the build writes, one row per kind, in the order queued:
 * big pages first, to balance threads.  A new kind of page is a row.
 */
static const struct jobtype jobtypes[] = {
	{ build_nlists, build_list, JC_PAGE },
	{ build_one, build_sitemap, JC_NONE },
	{ build_one, build_robots, JC_NONE },
	{ build_one, build_json, JC_NONE },
	{ build_one, build_csv, JC_NONE },
	{ build_one, build_insights, JC_PAGE },
	{ build_one, build_home, JC_PAGE },
	{ build_nvocabs, build_terms, JC_PAGE },
	{ build_one, build_404, JC_PAGE },
	{ build_one, build_feed, JC_FEED },
	{ build_nfeeds, build_termfeed, JC_FEED },
	{ build_nfacetfeeds, build_facetfeed, JC_FEED },
	{ build_npages, build_page, JC_PAGE },
	{ build_npub, build_review, JC_PAGE },
	{ build_ngone, build_gone, JC_PAGE },
	{ build_nsearch, build_search, JC_PAGE },
	/* Every feed is listed by follow_feeds (follow.c). */
	{ build_one, build_follow, JC_PAGE },
	{ build_one, build_opml, JC_NONE },
	{ build_nmonths, build_month, JC_PAGE },
	{ build_nupdates, build_updates, JC_PAGE },
	{ build_one, build_updatefeed, JC_FEED },
	{ build_nrecs, build_recs, JC_PAGE },
	{ build_nrecs, build_recjson, JC_NONE },
	{ build_nrecs, build_reccsv, JC_NONE },
};

/* Do one page job.  Returns 1 on success. */
static int
build_job(struct pool *p, const struct job *j, struct render *rd)
{
	if (!j->type->run(p->site, p->out, rd, j->i))
		return 0;
	if (j->type->counts != JC_NONE)
		__atomic_fetch_add(j->type->counts == JC_FEED ? &p->feeds :
		    &p->pages, 1, __ATOMIC_RELAXED);
	return 1;
}

/* A worker: take jobs (or reviews to read) until none are left. */
static void *
build_worker(void *arg)
{
	struct pool	*p = arg;
	struct render	 rd;
	size_t		 i, n = p->jobs != NULL ? p->jobsz : p->site->reviewsz;

	memset(&rd, 0, sizeof(rd));
	rd.dict = xmlDictCreate();
	while ((i = __atomic_fetch_add(&p->next, 1, __ATOMIC_RELAXED)) < n) {
		/* A signal stops the build: take no more jobs. */
		if (p->out != NULL &&
		    __atomic_load_n(&p->out->stop, __ATOMIC_RELAXED) > 0)
			break;
		if (p->jobs == NULL)
			review_read(p->reading, &p->reading->reviews[i]);
		else if (!build_job(p, &p->jobs[i], &rd))
			__atomic_store_n(&p->failed, 1, __ATOMIC_RELAXED);
	}
	buf_free(&rd.raw);
	buf_free(&rd.out);
	buf_free(&rd.body);
	arena_free(&rd.arena);
	xmlDictFree(rd.dict);
	return NULL;
}

/* Run the pool's work on the configured number of threads. */
static void
build_pool(struct pool *p)
{
	pthread_t	*t;
	int		 i, n = p->site->opts->jobs;

	p->next = 0;
	if (n <= 1) {
		build_worker(p);
		return;
	}
	t = xcalloc((size_t)n, sizeof(*t));
	for (i = 0; i < n; i++)
		if (pthread_create(&t[i], NULL, build_worker, p) != 0)
			errx(2, "pthread_create");
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	free(t);
}

static int
build_slugcmp(const void *a, const void *b)
{
	const struct review *x = *(const struct review *const *)a;
	const struct review *y = *(const struct review *const *)b;
	int		 c;

	if ((c = strcmp(x->slug, y->slug)) != 0)
		return c;
	return strcmp(x->path, y->path);
}

/* Newest first; the same day by slug, so the order is stable. */
static int
build_datecmp(const void *a, const void *b)
{
	const struct review *x = *(const struct review *const *)a;
	const struct review *y = *(const struct review *const *)b;
	int		 c;

	if ((c = date_cmp(&y->published, &x->published)) != 0)
		return c;
	return strcmp(x->slug, y->slug);
}

/* List, read and check every review. */
static int
build_reviews(struct site *s)
{
	char		**paths, *dir;
	size_t		 n, i;
	struct pool	 p;
	int		 ok = 1;

	dir = xasprintf("%s/reviews", s->opts->contentdir);
	n = scan_dir(s->diag, dir, &paths);
	free(dir);
	s->reviews = xcalloc(n, sizeof(*s->reviews));
	for (i = 0; i < n; i++) {
		s->reviews[s->reviewsz].path = paths[i];
		if ((s->reviews[s->reviewsz].slug =
		    scan_slug(s->diag, s->re, paths[i])) == NULL) {
			ok = 0;
			free(paths[i]);
			continue;
		}
		if (!scan_reviewslug(s->reviews[s->reviewsz].slug)) {
			diag_error(s->diag, paths[i], 1, "a review cannot be "
			    "called \"page\": that web address holds the "
			    "later pages of the list of all reviews; rename "
			    "the file, such as child-a-page.md");
			ok = 0;
			free(s->reviews[s->reviewsz].slug);
			free(paths[i]);
			continue;
		}
		s->reviewsz++;
	}
	free(paths);
	/* The sorted slugs, for links between reviews. */
	s->byslug = xcalloc(s->reviewsz, sizeof(*s->byslug));
	for (i = 0; i < s->reviewsz; i++)
		s->byslug[i] = &s->reviews[i];
	qsort(s->byslug, s->reviewsz, sizeof(*s->byslug), build_slugcmp);
	s->slugs = xcalloc(s->reviewsz, sizeof(*s->slugs));
	for (i = 0; i < s->reviewsz; i++)
		if (i == 0 || strcmp(s->byslug[i]->slug,
		    s->byslug[i - 1]->slug) != 0)
			s->slugs[s->slugsz++] = s->byslug[i]->slug;
	memset(&p, 0, sizeof(p));
	p.site = s;
	p.reading = s;
	build_pool(&p);
	ok &= check_reviews(s);
	for (i = 0; i < s->reviewsz; i++)
		ok &= s->reviews[i].ok;
	return ok;
}

/*
 * Choose the published reviews, newest first, and the withdrawn ones
 * (a notice in place of the page), by slug.  A draft or a review added
 * later (added, which is published when not given, after the build
 * date) stays left out even when withdrawn: it was never on the site.
 */
static void
build_publish(struct site *s, size_t *drafts, size_t *future)
{
	size_t		 i;
	struct review	*r;

	s->pub = xcalloc(s->reviewsz, sizeof(*s->pub));
	s->gone = xcalloc(s->reviewsz, sizeof(*s->gone));
	*drafts = *future = 0;
	for (i = 0; i < s->reviewsz; i++) {
		r = &s->reviews[i];
		if (r->draft && !s->opts->drafts)
			(*drafts)++;
		else if (date_cmp(&r->added, &s->today) > 0 &&
		    !s->opts->future)
			(*future)++;
		else if (r->withdrawn.year != 0) {
			s->gone[s->gonesz++] = r;
			r->gone = 1;
		} else {
			s->pub[s->pubsz++] = r;
			r->published_ok = 1;
		}
	}
	qsort(s->pub, s->pubsz, sizeof(*s->pub), build_datecmp);
	qsort(s->gone, s->gonesz, sizeof(*s->gone), build_slugcmp);
}

/* Make the list of jobs from jobtypes[], in its order. */
static struct job *
build_jobs(const struct site *s, size_t *n)
{
	struct job	*j;
	size_t		 k = 0, t, i, c, max = 0;

	for (t = 0; t < sizeof(jobtypes) / sizeof(jobtypes[0]); t++)
		max += jobtypes[t].count(s);
	j = xcalloc(max + 1, sizeof(*j));
	for (t = 0; t < sizeof(jobtypes) / sizeof(jobtypes[0]); t++)
		for (i = 0, c = jobtypes[t].count(s); i < c; i++)
			j[k++] = (struct job){ &jobtypes[t], i };
	*n = k;
	return j;
}

/* Write everything into the staging folder and swap it in. */
static int
build_write(const struct site *s, struct output *o, size_t *pages,
    size_t *feeds)
{
	struct pool	 p;
	struct job	 j;
	char		*src;
	size_t		 i;
	int		 ok = 1;

	/* Without the cache (LCSPR_NOCACHE) the output is the same. */
	if (!s->opts->nocache)
		s->run->cache = template_cache_new(s->sitetheme, s);
	memset(&p, 0, sizeof(p));
	p.site = s;
	p.out = o;
	p.jobs = build_jobs(s, &p.jobsz);
	/* LCSPR_JOBORDER=reverse: tests show the output is the same. */
	for (i = 0; s->opts->reverse && i < p.jobsz / 2; i++) {
		j = p.jobs[i];
		p.jobs[i] = p.jobs[p.jobsz - 1 - i];
		p.jobs[p.jobsz - 1 - i] = j;
	}
	build_pool(&p);
	free(p.jobs);
	template_cache_free(s->run->cache);
	s->run->cache = NULL;
	ok = !p.failed;
	*pages = p.pages;
	*feeds = p.feeds;
	if (__atomic_load_n(&o->stop, __ATOMIC_RELAXED) > 0)
		return 0;	/* stopped by a signal */
	ok &= attach_copy(s, o);
	if (s->opts->themedir == NULL)
		ok &= embed_copy(o, EMBED_THEME "/assets", "assets");
	else {
		src = xasprintf("%s/assets", s->opts->themedir);
		ok &= output_copytree(o, src, "assets");
		free(src);
	}
	/* Checked by config_logo: a regular file in the content folder. */
	if (s->logo != NULL)
		ok &= output_copyfile(o, s->logopath, s->logo);
	return ok;
}

/*
 * Say which reviews the build left out, one line each under a summary
 * line, so that a mistyped date or a forgotten draft: true is seen.
 */
static void
build_heldback(const struct site *s, size_t drafts, size_t future)
{
	const struct review *r;
	size_t		 i;

	if (drafts == 0 && future == 0)
		return;
	printf("lcspr: left out ");
	if (drafts > 0)
		printf("%zu draft%s (use --drafts)%s", drafts,
		    drafts == 1 ? "" : "s", future > 0 ? " and " : "");
	if (future > 0)
		printf("%zu review%s dated after %04d-%02d-%02d (use "
		    "--future)", future, future == 1 ? "" : "s",
		    s->today.year, s->today.month, s->today.day);
	printf(":\n");
	for (i = 0; i < s->reviewsz; i++) {
		r = &s->reviews[i];
		if (r->published_ok || r->gone)
			continue;
		fputs("  ", stdout);
		diag_puts(stdout, r->path);
		if (r->draft && !s->opts->drafts)
			fputs(": draft\n", stdout);
		else if (date_cmp(&r->added, &r->published) != 0)
			printf(": added %04d-%02d-%02d\n", r->added.year,
			    r->added.month, r->added.day);
		else
			printf(": dated %s\n", r->iso);
	}
}

/*
 * Say which reviews are withdrawn: their pages are now a notice, and
 * they are in no list, feed or data file.
 */
static void
build_gonelist(const struct site *s)
{
	size_t	 i;

	if (s->gonesz == 0)
		return;
	printf("lcspr: %zu withdrawn review%s, each page now a notice and "
	    "in no list, feed or data:\n", s->gonesz,
	    s->gonesz == 1 ? "" : "s");
	for (i = 0; i < s->gonesz; i++) {
		fputs("  ", stdout);
		diag_puts(stdout, s->gone[i]->path);
		printf(": withdrawn %04d-%02d-%02d\n",
		    s->gone[i]->withdrawn.year, s->gone[i]->withdrawn.month,
		    s->gone[i]->withdrawn.day);
	}
}

/* The name of a signal that stops a build. */
static const char *
build_signame(int sig)
{
	switch (sig) {
	case SIGINT:
		return "SIGINT";
	case SIGTERM:
		return "SIGTERM";
	case SIGHUP:
		return "SIGHUP";
	default:
		return "a signal";
	}
}

/*
 * Free everything build_start and what followed allocated in s (lcspr
 * new shares it).
 */
void
build_free(struct site *s)
{
	size_t	 i;

	for (i = 0; i < s->reviewsz; i++)
		review_free(&s->reviews[i]);
	free(s->reviews);
	free(s->pub);
	free(s->recent);
	free(s->gone);
	index_free(s);
	vocab_free(&s->years);
	intro_free(s);
	config_free(s);
	template_free(s->sitetheme);
	scan_patterns_free(s->re);
	free(s->re);
	spool_close(&s->run->spool);
	check_free(s);
	free(s->slugs);
	free(s->byslug);
	for (i = 0; i < s->run->xrefsz; i++) {
		free(s->run->xrefs[i].path);
		free(s->run->xrefs[i].slug);
	}
	free(s->run->xrefs);
	pthread_mutex_destroy(&s->run->xreflock);
	attach_free(s);
	diag_free(s->diag);
	free(s->run);
}

/*
 * Set up s for opts and take the build time.  Returns 0 when
 * SOURCE_DATE_EPOCH is wrong (said on stderr, s freed), else 1 (the
 * caller then frees s with build_free).  lcspr new shares it.
 */
int
build_start(struct site *s, const struct opts *opts)
{
	memset(s, 0, sizeof(*s));
	s->opts = opts;
	s->run = xcalloc(1, sizeof(*s->run));
	s->diag = &s->run->diag;
	diag_init(s->diag);
	s->re = xcalloc(1, sizeof(*s->re));
	scan_patterns_init(s->re);
	spool_open(&s->run->spool);
	check_init(s);
	pthread_mutex_init(&s->run->xreflock, NULL);
	attach_init(s);
	config_vocabs(s);
	if ((s->nowset = date_build_time(&s->now)) == -1) {
		fprintf(stderr, "lcspr: SOURCE_DATE_EPOCH must be a whole "
		    "number of seconds since 1970, from 0 to 253402300799 "
		    "(9999-12-31 23:59:59 UTC)\n");
		build_free(s);
		return 0;
	}
	xmlInitParser();
	return 1;
}

/*
 * Read and check the configuration, the site theme (when building)
 * and all content, and choose what is published.  Returns 1 when
 * nothing reported an error.
 */
static int
build_read(struct site *s, size_t *drafts, size_t *future)
{
	const struct opts *opts = s->opts;
	int		 ok;

	/* The reviews need the vocabulary, not the site theme: with a
	 * broken theme they are still checked, so all comes out at once. */
	if (opts->nocheck)
		fprintf(stderr, "lcspr: --no-check: content is not checked "
		    "for identifying details\n");
	ok = config_read(s);
	/* "Today" in the site's time zone, set before any thread starts. */
	if (ok) {
		date_settz(s->zone);
		date_from_time(s->now, &s->today);
	}
	if (!opts->checkonly)
		s->sitetheme = template_load(s->diag, opts->themedir);
	diag_flush(s->diag, stderr);
	if (!ok)
		return 0;
	/* Pages, then reviews, then intros and page texts: each text's
	 * links are checked against all that is listed. */
	ok &= scan_content(s->diag, opts->contentdir, s->logo);
	ok &= intro_scan(s);
	ok &= build_reviews(s);
	ok &= intro_read(s);
	ok &= opts->checkonly || s->sitetheme != NULL;
	/* Which reviews are on the site decides which links work. */
	build_publish(s, drafts, future);
	index_onsite(s);
	ok &= check_links(s);
	ok &= attach_finish(s);
	/* Whatever reported an error, check and build agree. */
	ok &= s->diag->errors == 0;
	diag_flush(s->diag, stderr);
	return ok;
}

/*
 * Read and check the content of s as lcspr check does, for a command
 * that writes from it (lcspr digest): s was set up by build_start with
 * checkonly set, and is freed by build_free.  The published reviews
 * are then in s->pub.  Returns 1 when no error was reported (all were
 * printed).
 */
int
build_load(struct site *s)
{
	size_t	 drafts, future;

	return build_read(s, &drafts, &future);
}

/*
 * Check the content described by opts and write nothing (lcspr
 * check).  Returns the exit status: 0 when there were no errors, 1
 * when there were (all reported), 2 for a bad SOURCE_DATE_EPOCH.
 */
int
build_check(const struct opts *opts)
{
	struct site	 s;
	double		 t0;
	size_t		 drafts, future;
	int		 ok, rc;

	t0 = util_now();
	if (!build_start(&s, opts))
		return 2;
	ok = build_read(&s, &drafts, &future);
	if (opts->verbose >= 0 || s.diag->errors > 0)
		fprintf(s.diag->errors > 0 ? stderr : stdout,
		    "lcspr: checked %zu review%s and %zu page%s: "
		    "%zu error%s, %zu warning%s\n",
		    s.reviewsz, s.reviewsz == 1 ? "" : "s", s.pagesz,
		    s.pagesz == 1 ? "" : "s", s.diag->errors,
		    s.diag->errors == 1 ? "" : "s", s.diag->warnings,
		    s.diag->warnings == 1 ? "" : "s");
	if (opts->verbose > 0)
		printf("lcspr: read and checked in %.2f s\n",
		    util_now() - t0);
	rc = s.diag->errors > 0 || !ok;
	build_free(&s);
	return rc;
}

/*
 * The path part of base_url in the site.yaml of opts ("/" or "/sub/"),
 * for lcspr serve; NULL when site.yaml has errors (a build reports
 * them).  The caller frees it.
 */
char *
build_basepath(const struct opts *opts)
{
	struct site	 s;
	char		*p = NULL;

	if (!build_start(&s, opts))
		return NULL;
	if (config_read(&s) && s.base_path != NULL)
		p = xstrdup(s.base_path);
	build_free(&s);
	return p;
}

/*
 * Build the site described by opts.  Returns the exit status: 0 on
 * success, 1 when content or the site theme had errors (all reported,
 * the previous site untouched), 2 for a bad SOURCE_DATE_EPOCH, 128
 * plus the signal when stopped by one.
 */
int
build_run(const struct opts *opts)
{
	struct site	 s;
	struct output	 o;
	double		 t0, t1, t2;
	size_t		 drafts = 0, future = 0, pages = 0, feeds = 0;
	int		 ok, rc = 1, sig;

	t0 = util_now();
	if (!build_start(&s, opts))
		return 2;
	memset(&o, 0, sizeof(o));
	o.dirfd = -1;
	o.lockfd = -1;
	ok = build_read(&s, &drafts, &future);
	t1 = util_now();
	if (ok) {
		index_build(&s);
		recs_index(&s);
		ok = output_open(&s, &o);
		if (ok)
			ok = build_write(&s, &o, &pages, &feeds) &&
			    search_index(&s, &o) && output_commit(&o);
		diag_flush(s.diag, stderr);
	}
	t2 = util_now();
	if ((sig = output_stopped(&o)) != 0) {
		rc = 128 + sig;
		if (ok)	/* The signal came after the swap. */
			fprintf(stderr, "lcspr: stopped by %s after the new "
			    "site was put in %s\n", build_signame(sig),
			    opts->outdir);
		else
			fprintf(stderr, "lcspr: stopped by %s: nothing was "
			    "written and %s is unchanged\n",
			    build_signame(sig), opts->outdir);
	} else if (ok) {
		rc = 0;
		if (opts->verbose >= 0)
			printf("lcspr: wrote %zu review%s, %zu page%s and %zu "
			    "feed%s to %s in %.2f s\n", s.pubsz,
			    s.pubsz == 1 ? "" : "s", pages,
			    pages == 1 ? "" : "s", feeds, feeds == 1 ? "" : "s",
			    opts->serve ? "the preview" : opts->outdir,
			    t2 - t0);
		if (opts->verbose >= 0) {
			build_heldback(&s, drafts, future);
			build_gonelist(&s);
		}
		/* Not in serve: its folder is a private one. */
		if (opts->verbose >= 0 && !opts->serve)
			output_gone(&o, stdout);
		/* Even with -q: a preview must not go live by mistake. */
		if (!opts->serve && (opts->drafts || opts->future))
			printf("lcspr: this is a preview (%s): do not upload "
			    "it\n", opts->drafts && opts->future ?
			    "--drafts --future" : opts->drafts ? "--drafts" :
			    "--future");
		if (opts->verbose > 0)
			printf("lcspr: read and checked in %.2f s, wrote in "
			    "%.2f s, removed the previous site in %.2f s\n",
			    t1 - t0, t2 - t1 - o.removesecs, o.removesecs);
	} else if (opts->serve && access(opts->outdir, F_OK) == 0)
		fprintf(stderr, "lcspr: %zu error%s; the preview shows the "
		    "last good build\n", s.diag->errors,
		    s.diag->errors == 1 ? "" : "s");
	else if (opts->serve)	/* No good build yet. */
		fprintf(stderr, "lcspr: %zu error%s; there is nothing to "
		    "preview until %s fixed\n", s.diag->errors,
		    s.diag->errors == 1 ? "" : "s",
		    s.diag->errors == 1 ? "it is" : "they are");
	else
		fprintf(stderr, "lcspr: %zu error%s; nothing was written and "
		    "%s is unchanged\n", s.diag->errors,
		    s.diag->errors == 1 ? "" : "s", opts->outdir);
	output_free(&o);
	build_free(&s);
	return rc;
}
