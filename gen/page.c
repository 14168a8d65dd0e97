/*
 * Pages: one function per kind of page.  Each sets up the page's
 * scope (title, URL, breadcrumbs, feeds), has template.c fill the
 * site theme, and writes the result.  Runs on several threads, one
 * page at a time per thread; nothing shared is written.
 */
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

/*
 * Start a page of kind k.  Its URL path (dirfmt: "" for home, else
 * ending in '/') decides how deep it is, and so the relative prefix of
 * every link on it.  Its strings go in rd's arena, lent to it until
 * page_finish.
 */
static void
page_begin(struct pagectx *pc, struct render *rd, const struct site *s,
    enum pagekind k, const char *title, const char *dirfmt, ...)
{
	va_list		 ap;
	const char	*p;
	char		*prefix, *dir;
	size_t		 depth = 0, i;
	int		 n;

	memset(pc, 0, sizeof(*pc));
	pc->arena = rd->arena;
	rd->arena.head = NULL;
	pc->site = s;
	pc->kind = k;
	pc->title = title;
	va_start(ap, dirfmt);
	n = vsnprintf(NULL, 0, dirfmt, ap);
	va_end(ap);
	dir = arena_alloc(&pc->arena, (size_t)n + 1);
	va_start(ap, dirfmt);
	vsnprintf(dir, (size_t)n + 1, dirfmt, ap);
	va_end(ap);
	pc->dir = dir;
	if (k == PK_404) {
		pc->prefix = s->base_path;
		pc->path = xstrdup(dir);
	} else {
		for (p = dir; *p != '\0'; p++)
			depth += *p == '/';
		prefix = arena_alloc(&pc->arena, depth * 3 + 1);
		for (i = 0; i < depth; i++)
			memcpy(prefix + i * 3, "../", 3);
		prefix[depth * 3] = '\0';
		pc->prefix = prefix;
		pc->path = xasprintf("%sindex.html", dir);
	}
	pc->feeds = arena_alloc(&pc->arena,
	    (2 + s->themes.termsz) * sizeof(*pc->feeds));
	pc->feeds[0].title = arena_printf(&pc->arena, "%s: all reviews",
	    s->title);
	pc->feeds[0].url = arena_printf(&pc->arena, "%sfeed.xml",
	    pc->prefix);
	pc->feedsz = 1;
	pc->crumbs = arena_alloc(&pc->arena, 4 * sizeof(*pc->crumbs));
	if (k != PK_HOME) {
		pc->crumbs[0].title = "Home";
		pc->crumbs[0].url = *pc->prefix == '\0' ? "./" : pc->prefix;
		pc->crumbsz = 1;
	}
}

/* Add a crumb (title, URL relative to the site root). */
static void
page_crumb(struct pagectx *pc, const char *title, const char *rel)
{
	pc->crumbs[pc->crumbsz].title = title;
	pc->crumbs[pc->crumbsz++].url = arena_printf(&pc->arena, "%s%s",
	    pc->prefix, rel);
}

/* Add the feed of term t of vocabulary v to the page's feeds. */
static void
page_feed(struct pagectx *pc, const struct vocab *v, const struct term *t)
{
	pc->feeds[pc->feedsz].title = arena_printf(&pc->arena, "%s: %s",
	    pc->site->title, t->name);
	pc->feeds[pc->feedsz++].url = arena_printf(&pc->arena,
	    "%s%s/%s/feed.xml", pc->prefix, v->dir, t->slug);
}

/*
 * Fill template tk for the page, in scope obj (of kind kind) inside
 * the page's own scope, and write it.  Frees what pc holds, but for one
 * block of its arena, given back to rd for the next page (freeing it
 * cost more than filling it: glibc tidies its heap on every free that
 * large).
 */
static int
page_finish(struct pagectx *pc, struct output *o, enum tmplkind tk,
    enum ctxkind kind, const void *obj, struct render *rd)
{
	struct ctx	 top, item;
	int		 ok;

	top.kind = CTX_PAGE;
	top.obj = NULL;
	top.up = NULL;
	top.page = pc;
	item.kind = kind;
	item.obj = obj;
	item.up = &top;
	item.page = pc;
	/* Make the page's folder first: no failed open to retry. */
	ok = (pc->kind == PK_HOME || pc->kind == PK_404 ||
	    output_mkdir(o, pc->dir)) &&
	    template_render(pc->site->sitetheme, pc->site->run->cache, tk,
	    obj != NULL ? &item : &top, rd) &&
	    output_write(o, pc->path, rd->out.data, rd->out.len);
	arena_reset(&pc->arena);
	rd->arena = pc->arena;
	free(pc->path);
	return ok;
}

/*
 * The home page: the newest reviews, and the ways in by theme, region
 * and year.  Returns 1 on success, 0 when reported.
 */
int
page_home(const struct site *s, struct output *o, struct render *rd)
{
	struct pagectx	 pc;

	page_begin(&pc, rd, s, PK_HOME, s->title, "");
	pc.description = s->description;
	return page_finish(&pc, o, TK_HOME, CTX_PAGE, NULL, rd);
}

/*
 * The page of review r, which also offers its region's and themes'
 * feeds.  Returns 1 on success, 0 when reported.
 */
int
page_review(const struct site *s, const struct review *r,
    struct output *o, struct render *rd)
{
	struct pagectx	 pc;
	size_t		 i;

	page_begin(&pc, rd, s, PK_REVIEW, r->title, "reviews/%s/", r->slug);
	pc.review = r;
	if (r->body == NULL) {
		if (!spool_get(&s->run->spool, r->bodyoff,
		    r->bodylen, &rd->body)) {
			diag_error(s->diag, r->path, 0,
			    "cannot read the rendered body back from the "
			    "temporary file");
			arena_free(&pc.arena);
			free(pc.path);
			return 0;
		}
		pc.body = rd->body.data;
	}
	pc.description = *r->summary != '\0' ? r->summary : NULL;
	page_feed(&pc, &s->regions, r->region);
	for (i = 0; i < r->themesz; i++)
		page_feed(&pc, &s->themes, r->themes[i]);
	return page_finish(&pc, o, TK_REVIEW, CTX_REVIEW, r, rd);
}

/*
 * The page of withdrawn review r: a notice in its place, saying so with
 * the date and the title, with a link home, and marked noindex (the
 * layout's "noindex" field).  None of the review's text, summary or
 * details is on it.  Returns 1 on success, 0 when reported.
 */
int
page_withdrawn(const struct site *s, const struct review *r,
    struct output *o, struct render *rd)
{
	struct page	 notice;
	struct pagectx	 pc;
	xmlDocPtr	 doc;
	xmlNodePtr	 root, p, k;
	char		 date[64];
	int		 ok;

	memset(&notice, 0, sizeof(notice));
	notice.title = xstrdup("This review has been withdrawn");
	page_begin(&pc, rd, s, PK_WITHDRAWN, notice.title, "reviews/%s/",
	    r->slug);
	date_human(&r->withdrawn, date, sizeof(date));
	doc = htmlNewDocNoDtD(NULL, NULL);
	root = xmlNewDocNode(doc, NULL, (const xmlChar *)"div", NULL);
	xmlDocSetRootElement(doc, root);
	p = html_el(root, "p", "The review ");
	html_el(p, "cite", r->title);
	xmlNodeAddContent(p, (const xmlChar *)arena_printf(&pc.arena,
	    " was withdrawn on %s. It is no longer published on this "
	    "site.", date));
	p = html_el(root, "p", NULL);
	k = html_el(p, "a", "Go to the home page");
	html_attr(k, "href", *pc.prefix == '\0' ? "./" : pc.prefix);
	xmlNodeAddContent(p, (const xmlChar *)" to find the reviews that "
	    "are published.");
	notice.body = html_dump(doc, root);
	pc.page = &notice;
	ok = page_finish(&pc, o, TK_PAGE, CTX_PAGE, NULL, rd);
	free(notice.title);
	free(notice.body);
	return ok;
}

/*
 * The breadcrumbs, feed and wider lists of facet f's page: its theme's
 * page, its region's or year's, and all reviews.
 */
static void
page_facet(struct pagectx *pc, const struct facet *f)
{
	const struct site *s = pc->site;

	page_crumb(pc, s->themes.crumb, "themes/");
	page_crumb(pc, f->theme->name, arena_printf(&pc->arena, "themes/%s/",
	    f->theme->slug));
	if (f->vocab->hasfeed) {
		pc->feeds[pc->feedsz].title = arena_printf(&pc->arena,
		    "%s: %s", s->title, f->name);
		pc->feeds[pc->feedsz++].url = arena_printf(&pc->arena,
		    "%s%sfeed.xml", pc->prefix, f->dir);
	}
	pc->wider = arena_alloc(&pc->arena, 3 * sizeof(*pc->wider));
	pc->wider[0].title = arena_printf(&pc->arena, "All reviews on %s",
	    f->theme->name);
	pc->wider[0].url = arena_printf(&pc->arena, "%sthemes/%s/",
	    pc->prefix, f->theme->slug);
	pc->wider[1].title = arena_printf(&pc->arena, "All reviews %s %s",
	    f->vocab->phrase, f->other->name);
	pc->wider[1].url = arena_printf(&pc->arena, "%s%s/%s/", pc->prefix,
	    f->vocab->dir, f->other->slug);
	pc->wider[2].title = "All reviews";
	pc->wider[2].url = arena_printf(&pc->arena, "%sreviews/",
	    pc->prefix);
	pc->widersz = 3;
}

/*
 * The pagination of page n of the list at dir (from the site's root)
 * with of pages: the first, the last, the page and its neighbours, and
 * a gap for each run of pages left out (a page alone is shown instead).
 */
static void
page_links(struct pagectx *pc, const char *dir, size_t n, size_t of)
{
	size_t	 want[5], i, k, last = 0;

	pc->plinks = arena_alloc(&pc->arena, 9 * sizeof(*pc->plinks));
	if (of < 2)
		return;
	/* Ascending; some may repeat or be out of range. */
	want[0] = 1;
	want[1] = n - 1;
	want[2] = n;
	want[3] = n + 1;
	want[4] = of;
	for (i = 0; i < 5; i++) {
		if (want[i] <= last || want[i] > of)
			continue;
		if (want[i] > last + 2)
			pc->plinks[pc->plinksz++] = (struct pagelink){ 0, NULL,
			    NULL };
		for (k = want[i] == last + 2 ? last + 1 : want[i];
		    k <= want[i]; k++) {
			pc->plinks[pc->plinksz].n = k;
			pc->plinks[pc->plinksz].title = arena_printf(&pc->arena,
			    "Page %zu", k);
			pc->plinks[pc->plinksz++].url = k == 1 ?
			    arena_printf(&pc->arena, "%s%s", pc->prefix, dir) :
			    arena_printf(&pc->arena, "%s%spage/%zu/",
			    pc->prefix, dir, k);
		}
		last = want[i];
	}
	for (i = 0; i < pc->plinksz; i++) {
		if (pc->plinks[i].n != 0 && pc->plinks[i].n + 1 == n)
			pc->prevurl = pc->plinks[i].url;
		if (pc->plinks[i].n == n + 1)
			pc->nexturl = pc->plinks[i].url;
	}
}

/*
 * Start page lp->n of a list at dir (from the site root, ending in
 * '/') of lp->of pages: the first at dir, the others at page/N/ in it,
 * titled name, then ", page N of M", with its pagination.  Returns dir,
 * copied in the page's arena.
 */
static const char *
page_beginlist(struct pagectx *pc, struct render *rd, const struct site *s,
    enum pagekind k, const char *name, const char *dir,
    const struct listpage *lp)
{
	if (lp->n == 1)
		page_begin(pc, rd, s, k, NULL, "%s", dir);
	else
		page_begin(pc, rd, s, k, NULL, "%spage/%zu/", dir, lp->n);
	pc->title = lp->n == 1 ? arena_printf(&pc->arena, "%s", name) :
	    arena_printf(&pc->arena, "%s, page %zu of %zu", name, lp->n,
	    lp->of);
	pc->list = lp;
	dir = arena_printf(&pc->arena, "%s", dir);
	page_links(pc, dir, lp->n, lp->of);
	return dir;
}

/*
 * The folder of the list whose page is lp, from the site root
 * ("themes/neglect/", "reviews/"); the caller frees it.
 */
static char *
page_listdir(const struct listpage *lp)
{
	return lp->term != NULL ? xasprintf("%s/%s/", lp->vocab->dir,
	    lp->term->slug) : xstrdup(lp->facet->dir);
}

/*
 * Page lp->n of a list of reviews: a term's (a theme, region or year:
 * its intro, the themes most often found with it) or a facet's (all
 * reviews, a theme with a region or a year).  The first page is at the
 * list's folder, the others at page/N/ in it.  Returns 1 on success,
 * 0 when reported.
 */
int
page_list(const struct site *s, const struct listpage *lp,
    struct output *o, struct render *rd)
{
	struct pagectx	 pc;
	const struct vocab *v = lp->vocab;
	const struct review **revs;
	const char	*name, *dir, *desc;
	enum pagekind	 k = lp->term != NULL ? PK_TERM : PK_FACET;
	char		*d;
	size_t		 n, first;

	d = page_listdir(lp);
	if (lp->term != NULL) {
		name = lp->term->name;
		desc = lp->term->description;
		revs = lp->term->reviews;
		n = lp->term->reviewsz;
	} else {
		name = lp->facet->name;
		desc = lp->facet->description;
		revs = lp->facet->reviews;
		n = lp->facet->reviewsz;
	}
	dir = page_beginlist(&pc, rd, s, k, name, d, lp);
	free(d);
	pc.term = lp->term;
	pc.facet = lp->facet;
	first = (lp->n - 1) * s->page_length;
	pc.revs = revs + first;
	pc.revsz = n - first < s->page_length ? n - first : s->page_length;
	if (lp->term != NULL) {
		pc.description = desc != NULL ? desc : arena_printf(&pc.arena,
		    "Practice reviews published %s %s.", v->phrase, name);
		page_crumb(&pc, v->crumb, arena_printf(&pc.arena, "%s/",
		    v->dir));
		if (v->hasfeed)
			page_feed(&pc, v, lp->term);
	} else {
		pc.description = desc;
		if (lp->facet->theme != NULL)
			page_facet(&pc, lp->facet);
	}
	if (lp->n > 1)
		page_crumb(&pc, name, dir);
	return page_finish(&pc, o, TK_LIST, lp->term != NULL ? v->ctx :
	    CTX_FACET, lp->term != NULL ? (const void *)lp->term :
	    (const void *)lp->facet, rd);
}

/*
 * The index of every term of vocabulary v with a page.  Returns 1 on
 * success, 0 when reported.
 */
int
page_terms(const struct site *s, const struct vocab *v, struct output *o,
    struct render *rd)
{
	struct pagectx	 pc;

	page_begin(&pc, rd, s, PK_TERMS, v->listtitle, "%s/", v->dir);
	pc.terms = v;
	pc.description = v->listdesc;
	return page_finish(&pc, o, TK_TERMS, CTX_PAGE, NULL, rd);
}

/*
 * A standalone page from content/pages/.
 */
int
page_standalone(const struct site *s, const struct page *p,
    struct output *o, struct render *rd)
{
	struct pagectx	 pc;

	page_begin(&pc, rd, s, PK_PAGE, p->title, "%s/", p->slug);
	pc.page = p;
	pc.description = p->summary;
	return page_finish(&pc, o, TK_PAGE, CTX_PAGE, NULL, rd);
}

/*
 * 404.html: links on it start from base_url's path, as a host serves
 * it for any missing address.
 */
int
page_404(const struct site *s, struct output *o, struct render *rd)
{
	struct page	 notfound;
	struct pagectx	 pc;
	int		 ok;

	memset(&notfound, 0, sizeof(notfound));
	notfound.title = xstrdup("Page not found");
	notfound.body = xstrdup("<p>There is no page at this address. If "
	    "you typed it, check it is correct. If you followed a link, the "
	    "page may have moved: start again from the home page, or find "
	    "reviews by theme, region or year.</p>\n");
	page_begin(&pc, rd, s, PK_404, notfound.title, "404.html");
	pc.page = &notfound;
	ok = page_finish(&pc, o, TK_PAGE, CTX_PAGE, NULL, rd);
	free(notfound.title);
	free(notfound.body);
	return ok;
}

/*
 * The insights page: figures over all the reviews, each a chart and a
 * table (insight.c), in the standalone page template.
 */
int
page_insights(const struct site *s, struct output *o, struct render *rd)
{
	struct page	 ins;
	struct pagectx	 pc;
	int		 ok;

	memset(&ins, 0, sizeof(ins));
	page_begin(&pc, rd, s, PK_INSIGHTS, "Insights", "insights/");
	ins.title = xstrdup("Insights");
	ins.body = insight_html(s, pc.prefix);
	pc.page = &ins;
	pc.description = "What the published reviews say as a whole: "
	    "themes, regions, years, ethnicity recorded and timeliness.";
	ok = page_finish(&pc, o, TK_PAGE, CTX_PAGE, NULL, rd);
	free(ins.title);
	free(ins.body);
	return ok;
}

/*
 * The recommendations page, when the published reviews have any: each
 * with its review, and their counts (recpage.c), in the standalone
 * page template.
 */
int
page_recs(const struct site *s, struct output *o, struct render *rd)
{
	struct page	 rp;
	struct pagectx	 pc;
	int		 ok;

	memset(&rp, 0, sizeof(rp));
	rp.title = xstrdup("Recommendations and their progress");
	page_begin(&pc, rd, s, PK_RECS, rp.title, "recommendations/");
	page_crumb(&pc, "Insights", "insights/");
	rp.body = recpage_html(s, pc.prefix);
	pc.page = &rp;
	pc.description = "Every recommendation of the published reviews, "
	    "what has become of it, and the ones past their due date.";
	ok = page_finish(&pc, o, TK_PAGE, CTX_PAGE, NULL, rd);
	free(rp.title);
	free(rp.body);
	return ok;
}

/*
 * The search page (search.html), when search is on: Pagefind's
 * interface, with what to do without JavaScript.  Not in the sitemap:
 * it has nothing of its own to index.
 */
int
page_search(const struct site *s, struct output *o, struct render *rd)
{
	struct pagectx	 pc;

	page_begin(&pc, rd, s, PK_SEARCH, "Search", "search/");
	pc.description = "Search the text of every review, and narrow the "
	    "results by theme, region, year, review type and age group.";
	return page_finish(&pc, o, TK_SEARCH, CTX_PAGE, NULL, rd);
}

/*
 * The follow page: how to follow the site (in Outlook, a feed reader,
 * by e-mail) and every feed with its address (follow.c), in the
 * standalone page template.
 */
int
page_follow(const struct site *s, struct output *o, struct render *rd)
{
	struct page	 fol;
	struct pagectx	 pc;
	int		 ok;

	memset(&fol, 0, sizeof(fol));
	page_begin(&pc, rd, s, PK_FOLLOW, "Follow new reviews", "follow/");
	fol.title = xstrdup("Follow new reviews");
	fol.body = follow_html(s, pc.prefix);
	pc.page = &fol;
	pc.description = "Hear when a review is added: in Outlook, in a "
	    "feed reader or by e-mail, for the whole site, a learning theme "
	    "or a region.";
	ok = page_finish(&pc, o, TK_PAGE, CTX_PAGE, NULL, rd);
	free(fol.title);
	free(fol.body);
	return ok;
}

/* Add one <url> to the sitemap, last changed on lastmod if not NULL. */
static void
page_url(const struct site *s, xmlNodePtr set, const char *rel,
    const struct date *lastmod)
{
	xmlNodePtr	 u;
	char		*loc, iso[16];

	u = xmlNewChild(set, NULL, (const xmlChar *)"url", NULL);
	loc = xasprintf("%s%s", s->base_url, rel);
	xmlNewTextChild(u, NULL, (const xmlChar *)"loc", (xmlChar *)loc);
	free(loc);
	if (lastmod != NULL) {
		xmlNewTextChild(u, NULL, (const xmlChar *)"lastmod",
		    (const xmlChar *)date_iso(lastmod, iso, sizeof(iso)));
	}
}

/*
 * sitemap.xml: every page, with the absolute URLs of base_url.
 */
int
page_sitemap(const struct site *s, struct output *o)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 set;
	const struct listpage *lp;
	const struct monthpage *mp;
	size_t		 i, k;
	char		 rel[512], *d;

	doc = xmlNewDoc((const xmlChar *)"1.0");
	set = xmlNewNode(NULL, (const xmlChar *)"urlset");
	xmlDocSetRootElement(doc, set);
	xmlNewNs(set, (const xmlChar *)
	    "http://www.sitemaps.org/schemas/sitemap/0.9", NULL);
	/* A page is new on the site the day its review is added. */
	page_url(s, set, "", s->pubsz > 0 ? &s->recent[0]->added : NULL);
	for (k = 0; k < VOCAB_PAGED; k++) {
		snprintf(rel, sizeof(rel), "%s/", s->vocabs[k]->dir);
		page_url(s, set, rel, NULL);
	}
	page_url(s, set, "insights/", NULL);
	page_url(s, set, "follow/", NULL);
	if (s->recsz > 0)
		page_url(s, set, "recommendations/", NULL);
	for (i = 0; i < s->pubsz; i++) {
		snprintf(rel, sizeof(rel), "reviews/%s/", s->pub[i]->slug);
		page_url(s, set, rel, &s->pub[i]->added);
	}
	/* Every page of every list: all reviews, the terms, the facets. */
	for (i = 0; i < s->listsz; i++) {
		lp = &s->lists[i];
		d = page_listdir(lp);
		if (lp->n == 1)
			snprintf(rel, sizeof(rel), "%s", d);
		else
			snprintf(rel, sizeof(rel), "%spage/%zu/", d, lp->n);
		free(d);
		page_url(s, set, rel, lp->facet == &s->all && lp->n == 1 &&
		    s->pubsz > 0 ? &s->recent[0]->added : NULL);
	}
	for (i = 0; i < s->pagesz; i++) {
		snprintf(rel, sizeof(rel), "%s/", s->pages[i].slug);
		page_url(s, set, rel, NULL);
	}
	/* The monthly updates: each changes when a review is added. */
	page_url(s, set, "updates/", s->monthsz > 0 ?
	    &s->months[0].reviews[0]->added : NULL);
	for (i = 2; i <= s->updatepagesz; i++) {
		snprintf(rel, sizeof(rel), "updates/page/%zu/", i);
		page_url(s, set, rel, NULL);
	}
	for (i = 0; i < s->monthpagesz; i++) {
		mp = &s->monthpages[i];
		if (mp->n == 1)
			snprintf(rel, sizeof(rel), "updates/%s/",
			    mp->month->slug);
		else
			snprintf(rel, sizeof(rel), "updates/%s/page/%zu/",
			    mp->month->slug, mp->n);
		page_url(s, set, rel, &mp->month->reviews[0]->added);
	}
	return feed_save(o, "sitemap.xml", doc);
}

/*
 * robots.txt: every crawler may read everything, and is pointed to the
 * sitemap.  Crawlers read it only at the root of a host, so a site in
 * a sub-folder needs the host's own robots.txt to name the sitemap.
 */
int
page_robots(const struct site *s, struct output *o)
{
	char	*t;
	int	 ok;

	t = xasprintf("User-agent: *\nAllow: /\n\nSitemap: %ssitemap.xml\n",
	    s->base_url);
	ok = output_write(o, "robots.txt", t, strlen(t));
	free(t);
	return ok;
}

/* The monthly updates' feed, offered by their pages. */
static void
page_updatefeed(struct pagectx *pc)
{
	pc->feeds[pc->feedsz].title = arena_printf(&pc->arena,
	    "%s: monthly updates", pc->site->title);
	pc->feeds[pc->feedsz++].url = arena_printf(&pc->arena,
	    "%supdates/feed.xml", pc->prefix);
}

/*
 * Page i (from 0) of updates/: the months with reviews added, newest
 * first, page_length of them a page, paged as the lists of reviews
 * are (the first page at updates/, the others at updates/page/N/).
 * Returns 1 on success, 0 when reported.
 */
int
page_updates(const struct site *s, size_t i, struct output *o,
    struct render *rd)
{
	struct pagectx	 pc;
	struct listpage	 lp;
	size_t		 first;

	memset(&lp, 0, sizeof(lp));
	lp.n = i + 1;
	lp.of = s->updatepagesz;
	page_beginlist(&pc, rd, s, PK_UPDATES, "Monthly updates",
	    "updates/", &lp);
	first = i * s->page_length;
	if (first < s->monthsz) {
		pc.months = s->months + first;
		pc.monthsz = s->monthsz - first < s->page_length ?
		    s->monthsz - first : s->page_length;
	}
	pc.description = "The reviews added to this site each month, "
	    "newest month first.";
	page_updatefeed(&pc);
	if (lp.n > 1)
		page_crumb(&pc, "Monthly updates", "updates/");
	return page_finish(&pc, o, TK_UPDATES, CTX_PAGE, NULL, rd);
}

/*
 * Page mp->n of a month of the monthly updates, updates/YYYY-MM/ (then
 * page/N/ in it): page_length of the month's reviews, newest added
 * first, by learning theme ("so far" while the month is going on).
 * Returns 1 on success, 0 when reported.
 */
int
page_month(const struct site *s, const struct monthpage *mp,
    struct output *o, struct render *rd)
{
	struct pagectx	 pc;
	struct listpage	 lp;
	const struct month *m = mp->month;
	const char	*sofar = m->ended ? "" : " so far";
	char		*name, dir[32];

	memset(&lp, 0, sizeof(lp));
	lp.n = mp->n;
	lp.of = m->pagesz;
	snprintf(dir, sizeof(dir), "updates/%s/", m->slug);
	name = xasprintf("Reviews added in %s%s", m->name, sofar);
	page_beginlist(&pc, rd, s, PK_MONTH, name, dir, &lp);
	free(name);
	pc.description = arena_printf(&pc.arena, "%zu review%s added to "
	    "this site in %s%s, by learning theme.", m->reviewsz,
	    m->reviewsz == 1 ? "" : "s", m->name, sofar);
	pc.mpage = mp;
	pc.revs = mp->reviews;
	pc.revsz = mp->reviewsz;
	page_crumb(&pc, "Monthly updates", "updates/");
	if (lp.n > 1)
		page_crumb(&pc, m->name, dir);
	page_updatefeed(&pc);
	return page_finish(&pc, o, TK_MONTH, CTX_MONTH, m, rd);
}
