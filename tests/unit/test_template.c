/*
 * Unit tests for template.c: which addresses a field may put in an
 * attribute that holds one (href, src, action...); pages filled through
 * the cache are what they are without it, in any order.
 */
#include <libxml/parser.h>
#include <libxml/dict.h>
#include <stdlib.h>

#include "harness.h"

#include "../../gen/lcspr.h"
#include "../../gen/internal.h"
#include "../../gen/extern.h"

void
test_template(void)
{
	static const char *const safe[] = {
		"", "./", "../../reviews/child-a/", "reviews/a:b/", "#top",
		"?q=1", "/x", "https://example.org/", "HTTP://example.org/",
		"mailto:team@example.org", "file.pdf", "a b", "1x:y",
		"//example.org/", NULL
	};
	static const char *const unsafe[] = {
		"javascript:alert(1)", "JavaScript:alert(1)",
		" \x01javascript:alert(1)", "java\tscript:alert(1)",
		"java\nscript:alert(1)", "data:text/html,<b>", "vbscript:x",
		"x:y.svg", "blob:https://example.org/", "ftp://example.org/",
		"httpsx:x", "a+b.c-d:x", NULL
	};
	size_t	 i;

	for (i = 0; safe[i] != NULL; i++)
		CHECK(template_safeurl(safe[i]), "\"%s\" is refused", safe[i]);
	for (i = 0; unsafe[i] != NULL; i++)
		CHECK(!template_safeurl(unsafe[i]), "\"%s\" is allowed",
		    unsafe[i]);
}

/* What the pages of the cache tests share. */
struct tpage {
	const struct sitetheme *st;	/* the default site theme */
	const struct site *s;		/* the test site */
	struct render	 rd;		/* scratch space */
};

/*
 * Fill fragment tk for a page at URL path dir whose links start with
 * prefix (as page.c sets them up), through cache tc or none.  Returns
 * the page, to free.
 */
static char *
tpage(struct tpage *t, struct tmplcache *tc, enum pagekind k,
    enum tmplkind tk, const char *dir, const char *prefix)
{
	struct pagectx	 pc;
	struct page	 body;
	struct ctx	 top;

	memset(&pc, 0, sizeof(pc));
	memset(&body, 0, sizeof(body));
	body.title = (char *)"Page";
	body.body = (char *)"<p>Body</p>\n";
	pc.site = t->s;
	pc.kind = k;
	pc.dir = dir;
	pc.prefix = prefix;
	pc.title = body.title;
	pc.page = &body;
	pc.feeds = arena_alloc(&pc.arena, sizeof(*pc.feeds));
	pc.feeds[0].title = "Test site: all reviews";
	pc.feeds[0].url = arena_printf(&pc.arena, "%sfeed.xml", prefix);
	pc.feedsz = 1;
	pc.crumbs = arena_alloc(&pc.arena, sizeof(*pc.crumbs));
	pc.crumbs[0].title = "Home";
	pc.crumbs[0].url = *prefix == '\0' ? "./" : prefix;
	pc.crumbsz = k != PK_HOME;
	top.kind = CTX_PAGE;
	top.obj = NULL;
	top.up = NULL;
	top.page = &pc;
	template_render(t->st, tc, tk, &top, &t->rd);
	arena_free(&pc.arena);
	return xstrdup(t->rd.out.data != NULL ? t->rd.out.data : "");
}

/* Does page (named what) hold s? */
static void
tholds(const char *page, const char *what, const char *s, int want)
{
	CHECK((strstr(page, s) != NULL) == want, "%s %s \"%s\"", what,
	    want ? "lacks" : "has", s);
}

/*
 * The cache is keyed by the page's real URL prefix: 404.html (links
 * from base_url's path) and a page three folders deep, filled through
 * one cache in either order, are what they are without a cache.  With
 * the old key (a depth class, where 404.html and every page three or
 * more folders deep shared one slot), the page filled second took the
 * first one's links.  No page kind is that deep yet, so the deep page
 * is a scratch one (a/b/c/), set up as page.c sets up every page.
 * A review's item is kept once for every prefix made of "../": the
 * home template one and four folders deep share it.
 */
void
test_template_cache(void)
{
	struct diag	 d;
	struct site	 s;
	struct tpage	 t;
	struct tmplcache *tc;
	struct term	 region;
	struct review	 rv[2];
	const struct review *pub[2];
	struct page	 about;
	char		*ref[5], *got;
	size_t		 i, k, run;
	static const struct {
		enum pagekind	 k;
		enum tmplkind	 tk;
		const char	*dir, *prefix;
	} pages[5] = {
		{ PK_PAGE, TK_PAGE, "a/b/c/", "../../../" },
		{ PK_404, TK_PAGE, "404.html", "/sub/" },
		{ PK_PAGE, TK_HOME, "a/b/c/d/", "../../../../" },
		{ PK_HOME, TK_HOME, "", "" },
		{ PK_PAGE, TK_HOME, "a/", "../" },
	};
	/* The orders the pages are filled in, through one cache each. */
	static const size_t order[3][5] = {
		{ 0, 1, 2, 3, 4 }, { 1, 0, 4, 3, 2 }, { 3, 4, 2, 1, 0 },
	};

	diag_init(&d);
	memset(&s, 0, sizeof(s));
	memset(&t, 0, sizeof(t));
	memset(&region, 0, sizeof(region));
	memset(rv, 0, sizeof(rv));
	memset(&about, 0, sizeof(about));
	t.st = template_load(&d, "themes/default");
	CHECK(t.st != NULL, "cannot load themes/default (run from the top "
	    "folder)");
	if (t.st == NULL) {
		diag_free(&d);
		return;
	}
	s.title = (char *)"Test site";
	s.base_url = (char *)"https://example.org/sub/";
	s.base_path = (char *)"/sub/";
	s.language = (char *)"en-GB";
	s.home_length = 10;
	about.title = (char *)"About";
	about.slug = (char *)"about";
	s.pages = &about;
	s.pagesz = 1;
	region.name = (char *)"North East";
	region.slug = (char *)"north-east";
	for (i = 0; i < 2; i++) {
		rv[i].slug = (char *)(i == 0 ? "child-a" : "child-b");
		rv[i].title = (char *)(i == 0 ? "Child A" : "Child B");
		rv[i].summary = (char *)"A summary.";
		snprintf(rv[i].iso, sizeof(rv[i].iso), "2024-05-01");
		rv[i].published.year = 2024;
		rv[i].published.month = 5;
		rv[i].published.day = 1;
		rv[i].region = &region;
		pub[i] = &rv[i];
	}
	s.reviews = rv;
	s.reviewsz = 2;
	s.pub = pub;
	s.recent = pub;		/* as index_build makes it */
	s.pubsz = 2;
	t.s = &s;
	t.rd.dict = xmlDictCreate();

	for (i = 0; i < 5; i++)
		ref[i] = tpage(&t, NULL, pages[i].k, pages[i].tk,
		    pages[i].dir, pages[i].prefix);
	tholds(ref[0], "the deep page", "href=\"../../../themes/\"", 1);
	tholds(ref[0], "the deep page", "href=\"../../../about/\"", 1);
	tholds(ref[1], "404.html", "href=\"/sub/themes/\"", 1);
	tholds(ref[1], "404.html", "href=\"/sub/about/\"", 1);
	tholds(ref[1], "404.html", "href=\"../", 0);
	tholds(ref[2], "the deeper page",
	    "href=\"../../../../reviews/child-a/\"", 1);
	tholds(ref[3], "the home page", "href=\"reviews/child-a/\"", 1);
	tholds(ref[4], "the page one folder deep",
	    "href=\"../reviews/child-a/\"", 1);

	for (run = 0; run < 3; run++) {
		tc = template_cache_new(t.st, &s);
		/* Twice: filled into the cache, then taken from it. */
		for (i = 0; i < 10; i++) {
			k = order[run][i % 5];
			got = tpage(&t, tc, pages[k].k, pages[k].tk,
			    pages[k].dir, pages[k].prefix);
			CHECK(strcmp(got, ref[k]) == 0, "order %zu, \"%s\" "
			    "%s the cache differs", run, pages[k].dir,
			    i < 5 ? "filled into" : "taken from");
			free(got);
		}
		template_cache_free(tc);
	}

	/*
	 * What is kept is kept for one prefix, a review's item for every
	 * "../" prefix.  With the site's and a review's titles changed, the
	 * home page (filled before) keeps the old ones in its header and in
	 * the review's item, which come from the cache, but not in its
	 * <title>, filled for each page; a page with a new prefix has the
	 * new ones throughout.  Changed again, a page two folders deep has
	 * a new header but the item kept one folder deep, at its prefix.
	 */
	tc = template_cache_new(t.st, &s);
	free(tpage(&t, tc, PK_HOME, TK_HOME, "", ""));
	s.title = (char *)"Changed site";
	rv[0].title = (char *)"Changed child";
	got = tpage(&t, tc, PK_HOME, TK_HOME, "", "");
	tholds(got, "the home page again", ">Test site</a>", 1);
	tholds(got, "the home page again", ">Child A</a>", 1);
	tholds(got, "the home page again", "<title>Changed site</title>", 1);
	free(got);
	got = tpage(&t, tc, PK_PAGE, TK_HOME, "a/", "../");
	tholds(got, "a page one folder deep", ">Changed site</a>", 1);
	tholds(got, "a page one folder deep", ">Changed child</a>", 1);
	tholds(got, "a page one folder deep", ">Test site<", 0);
	free(got);
	s.title = (char *)"Site changed again";
	rv[0].title = (char *)"Child changed again";
	got = tpage(&t, tc, PK_PAGE, TK_HOME, "a/b/", "../../");
	tholds(got, "a page two folders deep", ">Site changed again</a>", 1);
	tholds(got, "a page two folders deep", "<a class=\"lcspr-link\" "
	    "href=\"../../reviews/child-a/\">Changed child</a>", 1);
	tholds(got, "a page two folders deep", "Child changed again", 0);
	free(got);
	template_cache_free(tc);

	for (i = 0; i < 5; i++)
		free(ref[i]);
	buf_free(&t.rd.raw);
	buf_free(&t.rd.out);
	xmlDictFree(t.rd.dict);
	template_free((struct sitetheme *)t.st);
	diag_free(&d);
}

/*
 * Page n of the list of theme th (page_length 1) at dir with prefix,
 * through cache tc or none, as page.c's page_list sets it up.  Returns
 * the page, to free.
 */
static char *
tlist(struct tpage *t, struct tmplcache *tc, const struct term *th,
    size_t n, const char *dir, const char *prefix)
{
	struct pagectx	 pc;
	struct listpage	 lp;
	struct ctx	 top, item;

	memset(&pc, 0, sizeof(pc));
	lp.vocab = t->s->vocabs[0];
	lp.term = th;
	lp.facet = NULL;
	lp.n = n;
	lp.of = th->reviewsz;
	pc.site = t->s;
	pc.kind = PK_TERM;
	pc.dir = dir;
	pc.prefix = prefix;
	pc.title = th->name;
	pc.list = &lp;
	pc.term = th;
	pc.revs = th->reviews + (n - 1);
	pc.revsz = 1;
	top.kind = CTX_PAGE;
	top.obj = NULL;
	top.up = NULL;
	top.page = &pc;
	item.kind = CTX_THEME;
	item.obj = th;
	item.up = &top;
	item.page = &pc;
	template_render(t->st, tc, TK_LIST, &item, &t->rd);
	arena_free(&pc.arena);
	return xstrdup(t->rd.out.data != NULL ? t->rd.out.data : "");
}

/*
 * A list's sidebars (its facets, its commonest themes) are kept once
 * for all its pages at one prefix, but not its reviews, which differ
 * from page to page: pages 2 and 3 of a theme, and page 2 of another,
 * filled through one cache in two orders, are what they are without
 * it; with the theme's facet count changed, page 3 keeps the sidebar
 * of page 2 (kept) and shows its own review.
 */
void
test_template_own(void)
{
	struct diag	 d;
	struct site	 s;
	struct tpage	 t;
	struct tmplcache *tc;
	struct vocab	 themes, regions, years;
	struct term	 th[2], region;
	struct facet	 fa;
	struct facetref	 ref;
	struct review	 rv[3];
	const struct review *pub[3];
	char		*want[3], *got;
	size_t		 i, k, run;
	static const char *const slug[3] = { "child-a", "child-b", "child-c" };
	static const char *const title[3] = { "Child A", "Child B", "Child C" };
	static const size_t order[2][3] = { { 0, 1, 2 }, { 2, 1, 0 } };
	static const struct {
		size_t		 term, n;
		const char	*dir, *prefix;
	} pages[3] = {
		{ 0, 2, "themes/neglect/page/2/", "../../../../" },
		{ 0, 3, "themes/neglect/page/3/", "../../../../" },
		{ 1, 2, "themes/housing/page/2/", "../../../../" },
	};

	diag_init(&d);
	memset(&s, 0, sizeof(s));
	memset(&t, 0, sizeof(t));
	memset(&themes, 0, sizeof(themes));
	memset(&regions, 0, sizeof(regions));
	memset(&years, 0, sizeof(years));
	memset(th, 0, sizeof(th));
	memset(&region, 0, sizeof(region));
	memset(&fa, 0, sizeof(fa));
	memset(rv, 0, sizeof(rv));
	t.st = template_load(&d, "themes/default");
	CHECK(t.st != NULL, "cannot load themes/default (run from the top "
	    "folder)");
	if (t.st == NULL) {
		diag_free(&d);
		return;
	}
	s.title = (char *)"Test site";
	s.base_url = (char *)"https://example.org/";
	s.base_path = (char *)"/";
	s.language = (char *)"en-GB";
	s.page_length = 1;
	region.name = (char *)"North East";
	region.slug = (char *)"north-east";
	regions.dir = "regions";
	regions.ctx = CTX_REGION;
	regions.terms = &region;
	regions.termsz = 1;
	years.dir = "years";
	years.ctx = CTX_YEAR;
	themes.dir = "themes";
	themes.ctx = CTX_THEME;
	themes.hasfeed = 1;
	themes.terms = th;
	themes.termsz = 2;
	s.vocabs[0] = &themes;
	s.vocabs[1] = &regions;
	s.vocabs[2] = &years;
	for (i = 0; i < 3; i++) {
		rv[i].slug = (char *)slug[i];
		rv[i].title = (char *)title[i];
		snprintf(rv[i].iso, sizeof(rv[i].iso), "2024-05-01");
		rv[i].published.year = 2024;
		rv[i].published.month = 5;
		rv[i].published.day = 1;
		rv[i].region = &region;
		pub[i] = &rv[i];
	}
	th[0].name = (char *)"Neglect";
	th[0].slug = (char *)"neglect";
	th[0].reviews = pub;
	th[0].reviewsz = 3;
	th[1].name = (char *)"Housing";
	th[1].slug = (char *)"housing";
	th[1].reviews = pub;
	th[1].reviewsz = 2;
	/* Neglect in the North East: its pages' sidebar links there. */
	fa.theme = &th[0];
	fa.other = &region;
	fa.vocab = &regions;
	fa.dir = (char *)"themes/neglect/regions/north-east/";
	fa.reviews = pub;
	fa.reviewsz = 3;
	ref.term = &region;
	ref.facet = &fa;
	th[0].byregion = &ref;
	th[0].byregionsz = 1;
	s.reviews = rv;
	s.reviewsz = 3;
	s.pub = pub;
	s.pubsz = 3;
	t.s = &s;
	t.rd.dict = xmlDictCreate();

	for (i = 0; i < 3; i++)
		want[i] = tlist(&t, NULL, &th[pages[i].term], pages[i].n,
		    pages[i].dir, pages[i].prefix);
	tholds(want[0], "page 2", ">Child B</a>", 1);
	tholds(want[0], "page 2", ">Child C</a>", 0);
	tholds(want[1], "page 3", ">Child C</a>", 1);
	tholds(want[0], "page 2", ">3 reviews</span>", 1);
	tholds(want[2], "the other theme's page 2", ">3 reviews</span>", 0);
	for (run = 0; run < 2; run++) {
		tc = template_cache_new(t.st, &s);
		for (i = 0; i < 6; i++) {
			k = order[run][i % 3];
			got = tlist(&t, tc, &th[pages[k].term], pages[k].n,
			    pages[k].dir, pages[k].prefix);
			CHECK(strcmp(got, want[k]) == 0, "order %zu, \"%s\" "
			    "through the cache differs", run, pages[k].dir);
			free(got);
		}
		template_cache_free(tc);
	}

	tc = template_cache_new(t.st, &s);
	free(tlist(&t, tc, &th[0], 2, pages[0].dir, pages[0].prefix));
	fa.reviewsz = 2;
	got = tlist(&t, tc, &th[0], 3, pages[1].dir, pages[1].prefix);
	tholds(got, "page 3 after page 2", ">3 reviews</span>", 1);
	tholds(got, "page 3 after page 2", ">Child C</a>", 1);
	tholds(got, "page 3 after page 2", ">Child B</a>", 0);
	free(got);
	template_cache_free(tc);

	for (i = 0; i < 3; i++)
		free(want[i]);
	buf_free(&t.rd.raw);
	buf_free(&t.rd.out);
	xmlDictFree(t.rd.dict);
	template_free((struct sitetheme *)t.st);
	diag_free(&d);
}
