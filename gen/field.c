/*
 * Fields: the names a site theme's templates use, and their values for
 * the page being written.  A name is looked up in the innermost scope
 * (a list item) first; the first scope that has the field answers,
 * even with an empty value, so an item never shows its page's value.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

enum fid {
	F_SITE_TITLE, F_SITE_DESCRIPTION, F_PARTNERSHIP, F_LOGO_URL, F_LANG,
	F_ACCENT_STYLE, F_CONTENT_NOTE, F_ROOT_URL, F_ASSETS_URL,
	F_STYLESHEET_URL, F_SITE_FEED_URL, F_THEMES_URL, F_REGIONS_URL,
	F_YEARS_URL, F_REVIEWS_URL, F_PAGE_TITLE, F_HEAD_TITLE,
	F_PAGE_DESCRIPTION, F_CANONICAL_URL, F_FEEDS, F_BREADCRUMBS, F_PAGES, F_IS_HOME,
	F_REVIEW_COUNT, F_TERMS, F_TERMS_KIND, F_REVIEWS, F_THEMES,
	F_REGIONS, F_YEARS, F_BODY, F_INTRO,
	F_TITLE, F_URL, F_PUBLISHED, F_PUBLISHED_ISO, F_REGION,
	F_REGION_URL, F_LOCAL_AREA, F_REVIEW_TYPE, F_SUMMARY, F_RELATED,
	F_REPORT_URL, F_REPORT_PDF, F_AGE_GROUP, F_ETHNICITY_RECORDED,
	F_ETHNICITY_NOT_RECORDED,
	F_NAME, F_COUNT, F_COUNT_LABEL, F_DESCRIPTION, F_FEED_URL,
	F_TOP_THEMES, F_TOP_THEMES_HEADING,
	F_INSIGHTS_URL, F_GLANCE_YEARS, F_GLANCE_ETHNICITY, F_GLANCE_MEDIAN,
	F_NOINDEX,
	F_PREVIEW,
	F_PAGE_LINKS, F_PREVIOUS_URL, F_PREVIOUS_LABEL, F_NEXT_URL,
	F_NEXT_LABEL, F_SHOWING, F_IS_CURRENT, F_IS_GAP, F_IS_LINK,
	F_FACET_REGIONS, F_FACET_YEARS, F_FACET_THEMES, F_WIDER,
	F_SEARCH, F_SEARCH_URL, F_PUBLISHED_YEAR,
	/* What the national Panel asks of every review (issue 15). */
	F_ETHNICITY_ANALYSED, F_FAITH_RECORDED, F_FAITH_ANALYSED,
	F_CHILD_VOICE, F_FAMILY_VIEWS, F_TIME_RAPID_REVIEW, F_TIME_REVIEW,
	F_TIME_PUBLICATION, F_PUBLICATION_NOTE, F_REPORT_LABEL,
	F_FOLLOW_URL, F_FOLLOW_FEED_URL,
	/* The monthly updates (month.c). */
	F_MONTHS, F_MONTH_THEMES, F_SO_FAR, F_UPDATES_URL, F_UPDATES_FEED_URL,
	F_PREVIOUS_MONTH_URL, F_PREVIOUS_MONTH, F_NEXT_MONTH_URL, F_NEXT_MONTH,
	F_ADDED, F_ADDED_ISO,
	/* A month's page of the monthly updates: a theme's reviews on it. */
	F_PAGE_COUNT,
	/* Recommendations: a review's (its items), and their page. */
	F_RECOMMENDATIONS, F_REC_NUMBER, F_REC_TEXT, F_REC_TO, F_REC_STATUS,
	F_REC_STATUS_CLASS, F_REC_DUE, F_REC_DUE_ISO, F_REC_UPDATED,
	F_REC_UPDATED_ISO, F_REC_EVIDENCE, F_REC_REASON, F_REC_PAST_DUE,
	F_RECOMMENDATIONS_URL,
	F__MAX
};

/* The scopes that can answer a field: the page, or a list item. */
#define S_PAGE		(1u << CTX_PAGE)
#define S_REVIEW	(1u << CTX_REVIEW)
#define S_THEME		(1u << CTX_THEME)
#define S_REGION	(1u << CTX_REGION)
#define S_YEAR		(1u << CTX_YEAR)
#define S_TERM		(S_THEME | S_REGION | S_YEAR)
#define S_TOP		(1u << CTX_TOPTHEME)
#define S_LINK		(1u << CTX_LINK)
#define S_FACET		(1u << CTX_FACET)
#define S_LIST		(S_TERM | S_FACET)
#define S_PLINK		(1u << CTX_PAGELINK)
#define S_FREF		(1u << CTX_FACETREF)
#define S_MONTH		(1u << CTX_MONTH)
#define S_MTHEME	(1u << CTX_MONTHTHEME)
#define S_REC		(1u << CTX_REC)

/*
 * Every field: its name in templates, what it holds, the scopes that
 * answer it (the innermost one that does answers), what its value
 * depends on (template.c caches from this alone: see enum fdep), and
 * for a list the kinds of its items.
 */
static const struct {
	const char	*name;		/* as templates write it */
	enum ftype	 type;		/* what it holds */
	unsigned	 scope;		/* S_*: the scopes that answer it */
	enum fdep	 dep;		/* what its value depends on */
	unsigned	 items;		/* FT_LIST: S_* of its items, else 0 */
} fields[F__MAX] = {
	[F_SITE_TITLE] = { "site-title", FT_TEXT, S_PAGE, FD_SITE, 0 },
	[F_SITE_DESCRIPTION] = { "site-description", FT_TEXT,
	    S_PAGE, FD_SITE, 0 },
	[F_PARTNERSHIP] = { "partnership", FT_TEXT, S_PAGE, FD_SITE, 0 },
	[F_LOGO_URL] = { "logo-url", FT_TEXT, S_PAGE, FD_PREFIX, 0 },
	[F_LANG] = { "lang", FT_TEXT, S_PAGE, FD_SITE, 0 },
	[F_ACCENT_STYLE] = { "accent-style", FT_TEXT, S_PAGE, FD_SITE, 0 },
	[F_CONTENT_NOTE] = { "content-note", FT_TEXT, S_PAGE, FD_SITE, 0 },
	[F_ROOT_URL] = { "root-url", FT_TEXT, S_PAGE, FD_PREFIX, 0 },
	[F_ASSETS_URL] = { "assets-url", FT_TEXT, S_PAGE, FD_PREFIX, 0 },
	[F_STYLESHEET_URL] = { "stylesheet-url", FT_TEXT,
	    S_PAGE, FD_PREFIX, 0 },
	[F_SITE_FEED_URL] = { "site-feed-url", FT_TEXT, S_PAGE, FD_PREFIX, 0 },
	[F_THEMES_URL] = { "themes-url", FT_TEXT, S_PAGE, FD_PREFIX, 0 },
	[F_REGIONS_URL] = { "regions-url", FT_TEXT, S_PAGE, FD_PREFIX, 0 },
	[F_YEARS_URL] = { "years-url", FT_TEXT, S_PAGE, FD_PREFIX, 0 },
	[F_REVIEWS_URL] = { "reviews-url", FT_TEXT, S_PAGE, FD_PREFIX, 0 },
	[F_PAGE_TITLE] = { "page-title", FT_TEXT, S_PAGE, FD_PAGE, 0 },
	[F_HEAD_TITLE] = { "head-title", FT_TEXT, S_PAGE, FD_PAGE, 0 },
	[F_PAGE_DESCRIPTION] = { "page-description", FT_TEXT,
	    S_PAGE, FD_PAGE, 0 },
	[F_CANONICAL_URL] = { "canonical-url", FT_TEXT, S_PAGE, FD_PAGE, 0 },
	[F_FEEDS] = { "feeds", FT_LIST, S_PAGE, FD_PAGE, S_LINK },
	[F_BREADCRUMBS] = { "breadcrumbs", FT_LIST, S_PAGE, FD_PAGE, S_LINK },
	[F_PAGES] = { "pages", FT_LIST, S_PAGE, FD_PREFIX, S_LINK },
	/* The home page is the one page whose prefix is empty. */
	[F_IS_HOME] = { "is-home", FT_FLAG, S_PAGE, FD_PREFIX, 0 },
	[F_REVIEW_COUNT] = { "review-count", FT_TEXT,
	    S_PAGE | S_LIST | S_TOP, FD_ITEM, 0 },
	[F_TERMS] = { "terms", FT_LIST, S_PAGE, FD_PAGE, S_TERM },
	[F_TERMS_KIND] = { "terms-kind", FT_TEXT, S_PAGE, FD_PAGE, 0 },
	/* A list's reviews, but on its own pages only those of the page:
	 * from the page (a row of the cache is its items, not the list). */
	[F_REVIEWS] = { "reviews", FT_LIST,
	    S_PAGE | S_LIST | S_MONTH | S_MTHEME, FD_PAGE, S_REVIEW },
	[F_THEMES] = { "themes", FT_LIST, S_PAGE | S_REVIEW, FD_ITEM, S_THEME },
	[F_REGIONS] = { "regions", FT_LIST, S_PAGE, FD_SITE, S_REGION },
	[F_YEARS] = { "years", FT_LIST, S_PAGE, FD_SITE, S_YEAR },
	[F_BODY] = { "body", FT_HTML, S_PAGE | S_REVIEW, FD_PAGE, 0 },
	[F_INTRO] = { "intro", FT_HTML, S_PAGE | S_LIST, FD_ITEM, 0 },
	[F_TITLE] = { "title", FT_TEXT, S_REVIEW | S_LINK | S_PLINK,
	    FD_ITEM, 0 },
	[F_URL] = { "url", FT_TEXT,
	    S_REVIEW | S_LIST | S_TOP | S_LINK | S_PLINK | S_FREF |
	    S_MONTH | S_MTHEME, FD_ITEM, 0 },
	[F_PUBLISHED] = { "published", FT_TEXT, S_REVIEW, FD_ITEM, 0 },
	[F_PUBLISHED_ISO] = { "published-iso", FT_TEXT, S_REVIEW, FD_ITEM, 0 },
	[F_REGION] = { "region", FT_TEXT, S_REVIEW, FD_ITEM, 0 },
	[F_REGION_URL] = { "region-url", FT_TEXT, S_REVIEW, FD_ITEM, 0 },
	[F_LOCAL_AREA] = { "local-area", FT_TEXT, S_REVIEW, FD_ITEM, 0 },
	[F_REVIEW_TYPE] = { "review-type", FT_TEXT, S_REVIEW, FD_ITEM, 0 },
	[F_SUMMARY] = { "summary", FT_TEXT, S_REVIEW, FD_ITEM, 0 },
	[F_RELATED] = { "related", FT_LIST, S_REVIEW, FD_ITEM, S_REVIEW },
	[F_REPORT_URL] = { "report-url", FT_TEXT, S_REVIEW, FD_ITEM, 0 },
	[F_REPORT_PDF] = { "report-pdf", FT_FLAG, S_REVIEW, FD_ITEM, 0 },
	[F_AGE_GROUP] = { "age-group", FT_TEXT, S_REVIEW, FD_ITEM, 0 },
	[F_ETHNICITY_RECORDED] = { "ethnicity-recorded", FT_TEXT,
	    S_REVIEW, FD_ITEM, 0 },
	[F_ETHNICITY_NOT_RECORDED] = { "ethnicity-not-recorded", FT_FLAG,
	    S_REVIEW, FD_ITEM, 0 },
	[F_NAME] = { "name", FT_TEXT,
	    S_LIST | S_TOP | S_LINK | S_PLINK | S_FREF | S_MONTH | S_MTHEME,
	    FD_ITEM, 0 },
	[F_COUNT] = { "count", FT_TEXT,
	    S_LIST | S_TOP | S_FREF | S_MONTH | S_MTHEME, FD_ITEM, 0 },
	[F_COUNT_LABEL] = { "count-label", FT_TEXT,
	    S_LIST | S_TOP | S_FREF | S_MONTH | S_MTHEME, FD_ITEM, 0 },
	[F_DESCRIPTION] = { "description", FT_TEXT,
	    S_LIST | S_TOP, FD_ITEM, 0 },
	[F_FEED_URL] = { "feed-url", FT_TEXT, S_LIST | S_TOP | S_FREF,
	    FD_ITEM, 0 },
	[F_TOP_THEMES] = { "top-themes", FT_LIST, S_LIST, FD_ITEM, S_TOP },
	[F_TOP_THEMES_HEADING] = { "top-themes-heading", FT_TEXT,
	    S_LIST | S_TOP, FD_ITEM, 0 },
	[F_INSIGHTS_URL] = { "insights-url", FT_TEXT, S_PAGE, FD_PREFIX, 0 },
	[F_GLANCE_YEARS] = { "glance-years", FT_TEXT,
	    S_LIST | S_TOP, FD_ITEM, 0 },
	[F_GLANCE_ETHNICITY] = { "glance-ethnicity", FT_TEXT,
	    S_LIST | S_TOP, FD_ITEM, 0 },
	[F_GLANCE_MEDIAN] = { "glance-median", FT_TEXT,
	    S_LIST | S_TOP, FD_ITEM, 0 },
	/* Search engines are asked to leave the page out of results:
	 * a withdrawn review's notice, and every page of a preview. */
	[F_NOINDEX] = { "noindex", FT_FLAG, S_PAGE, FD_PAGE, 0 },
	/* serve, --drafts or --future: not for publication */
	[F_PREVIEW] = { "preview", FT_FLAG, S_PAGE, FD_SITE, 0 },
	/* The pagination of a list's page; empty when it has one page. */
	[F_PAGE_LINKS] = { "page-links", FT_LIST, S_PAGE, FD_PAGE, S_PLINK },
	[F_PREVIOUS_URL] = { "previous-url", FT_TEXT, S_PAGE, FD_PAGE, 0 },
	[F_PREVIOUS_LABEL] = { "previous-label", FT_TEXT,
	    S_PAGE, FD_PAGE, 0 },
	[F_NEXT_URL] = { "next-url", FT_TEXT, S_PAGE, FD_PAGE, 0 },
	[F_NEXT_LABEL] = { "next-label", FT_TEXT, S_PAGE, FD_PAGE, 0 },
	[F_SHOWING] = { "showing", FT_TEXT, S_PAGE, FD_PAGE, 0 },
	[F_IS_CURRENT] = { "is-current", FT_FLAG, S_PLINK, FD_PAGE, 0 },
	[F_IS_GAP] = { "is-gap", FT_FLAG, S_PLINK, FD_ITEM, 0 },
	[F_IS_LINK] = { "is-link", FT_FLAG, S_PLINK, FD_PAGE, 0 },
	/* A term's facets: a theme's by region and by year, a region's or
	 * a year's by theme. */
	[F_FACET_REGIONS] = { "facet-regions", FT_LIST,
	    S_TERM, FD_ITEM, S_FREF },
	[F_FACET_YEARS] = { "facet-years", FT_LIST, S_TERM, FD_ITEM, S_FREF },
	[F_FACET_THEMES] = { "facet-themes", FT_LIST,
	    S_TERM, FD_ITEM, S_FREF },
	/* A facet's page: the wider lists it narrows. */
	[F_WIDER] = { "wider", FT_LIST, S_PAGE, FD_PAGE, S_LINK },
	/* Search is on: a search page, and a search box on every page. */
	[F_SEARCH] = { "search", FT_FLAG, S_PAGE, FD_SITE, 0 },
	[F_SEARCH_URL] = { "search-url", FT_TEXT, S_PAGE, FD_PREFIX, 0 },
	[F_PUBLISHED_YEAR] = { "published-year", FT_TEXT,
	    S_REVIEW, FD_ITEM, 0 },
	/* What the national Panel asks of every review (issue 15): each
	 * empty when the review does not say. */
	[F_ETHNICITY_ANALYSED] = { "ethnicity-analysed", FT_TEXT,
	    S_REVIEW, FD_ITEM, 0 },
	[F_FAITH_RECORDED] = { "faith-recorded", FT_TEXT,
	    S_REVIEW, FD_ITEM, 0 },
	[F_FAITH_ANALYSED] = { "faith-analysed", FT_TEXT,
	    S_REVIEW, FD_ITEM, 0 },
	[F_CHILD_VOICE] = { "child-voice", FT_TEXT, S_REVIEW, FD_ITEM, 0 },
	[F_FAMILY_VIEWS] = { "family-views", FT_TEXT, S_REVIEW, FD_ITEM, 0 },
	[F_TIME_RAPID_REVIEW] = { "time-rapid-review", FT_TEXT,
	    S_REVIEW, FD_ITEM, 0 },
	[F_TIME_REVIEW] = { "time-review", FT_TEXT, S_REVIEW, FD_ITEM, 0 },
	[F_TIME_PUBLICATION] = { "time-publication", FT_TEXT,
	    S_REVIEW, FD_ITEM, 0 },
	[F_PUBLICATION_NOTE] = { "publication-note", FT_TEXT,
	    S_REVIEW, FD_ITEM, 0 },
	[F_REPORT_LABEL] = { "report-label", FT_TEXT, S_REVIEW, FD_ITEM, 0 },
	/* The follow page, and a feed's entry on it (links offer that
	 * rather than the feed's XML, which browsers show as code). */
	[F_FOLLOW_URL] = { "follow-url", FT_TEXT, S_PAGE, FD_PREFIX, 0 },
	[F_FOLLOW_FEED_URL] = { "follow-feed-url", FT_TEXT,
	    S_LIST | S_TOP | S_FREF, FD_ITEM, 0 },
	/* The monthly updates: the months of a page of updates/, a
	 * month's themes, the month still going on, its neighbours. */
	[F_MONTHS] = { "months", FT_LIST, S_PAGE, FD_PAGE, S_MONTH },
	/* On a month's page, the themes of the page's reviews. */
	[F_MONTH_THEMES] = { "month-themes", FT_LIST,
	    S_MONTH, FD_PAGE, S_MTHEME },
	[F_SO_FAR] = { "so-far", FT_FLAG, S_MONTH, FD_ITEM, 0 },
	[F_UPDATES_URL] = { "updates-url", FT_TEXT, S_PAGE, FD_PREFIX, 0 },
	[F_UPDATES_FEED_URL] = { "updates-feed-url", FT_TEXT,
	    S_PAGE, FD_PREFIX, 0 },
	[F_PREVIOUS_MONTH_URL] = { "previous-month-url", FT_TEXT,
	    S_MONTH, FD_ITEM, 0 },
	[F_PREVIOUS_MONTH] = { "previous-month", FT_TEXT,
	    S_MONTH, FD_ITEM, 0 },
	[F_NEXT_MONTH_URL] = { "next-month-url", FT_TEXT,
	    S_MONTH, FD_ITEM, 0 },
	[F_NEXT_MONTH] = { "next-month", FT_TEXT, S_MONTH, FD_ITEM, 0 },
	/* The day a review was added to the site (published if not
	 * given). */
	[F_ADDED] = { "added", FT_TEXT, S_REVIEW, FD_ITEM, 0 },
	[F_ADDED_ISO] = { "added-iso", FT_TEXT, S_REVIEW, FD_ITEM, 0 },
	[F_PAGE_COUNT] = { "page-count", FT_TEXT, S_MTHEME, FD_ITEM, 0 },
	/* A review's recommendations, on its own page: never kept. */
	[F_RECOMMENDATIONS] = { "recommendations", FT_LIST,
	    S_REVIEW, FD_PAGE, S_REC },
	[F_REC_NUMBER] = { "rec-number", FT_TEXT, S_REC, FD_PAGE, 0 },
	[F_REC_TEXT] = { "rec-text", FT_TEXT, S_REC, FD_PAGE, 0 },
	[F_REC_TO] = { "rec-to", FT_TEXT, S_REC, FD_PAGE, 0 },
	[F_REC_STATUS] = { "rec-status", FT_TEXT, S_REC, FD_PAGE, 0 },
	[F_REC_STATUS_CLASS] = { "rec-status-class", FT_TEXT,
	    S_REC, FD_PAGE, 0 },
	[F_REC_DUE] = { "rec-due", FT_TEXT, S_REC, FD_PAGE, 0 },
	[F_REC_DUE_ISO] = { "rec-due-iso", FT_TEXT, S_REC, FD_PAGE, 0 },
	[F_REC_UPDATED] = { "rec-updated", FT_TEXT, S_REC, FD_PAGE, 0 },
	[F_REC_UPDATED_ISO] = { "rec-updated-iso", FT_TEXT,
	    S_REC, FD_PAGE, 0 },
	[F_REC_EVIDENCE] = { "rec-evidence", FT_HTML, S_REC, FD_PAGE, 0 },
	[F_REC_REASON] = { "rec-reason", FT_TEXT, S_REC, FD_PAGE, 0 },
	[F_REC_PAST_DUE] = { "rec-past-due", FT_FLAG, S_REC, FD_PAGE, 0 },
	/* The site's recommendations page, or empty when it has none. */
	[F_RECOMMENDATIONS_URL] = { "recommendations-url", FT_TEXT,
	    S_PAGE, FD_PREFIX, 0 },
};

/*
 * The id of the field called name, or -1 if there is none; *type gets
 * what it holds.
 */
int
field_find(const char *name, enum ftype *type)
{
	int	 i;

	for (i = 0; i < F__MAX; i++)
		if (strcmp(fields[i].name, name) == 0) {
			*type = fields[i].type;
			return i;
		}
	return -1;
}

/*
 * What the value of field id depends on; *scope gets the scopes that
 * answer it and *items, for a list, the kinds of its items (bits
 * 1 << enum ctxkind).
 */
enum fdep
field_dep(int id, unsigned *scope, unsigned *items)
{
	*scope = fields[id].scope;
	*items = fields[id].items;
	return fields[id].dep;
}

/* A URL relative to the page: the root prefix, then rel. */
static const char *
field_url(struct pagectx *pc, const char *rel)
{
	if (*pc->prefix == '\0' && *rel == '\0')
		return "./";
	return arena_printf(&pc->arena, "%s%s", pc->prefix, rel);
}

static void
field_text(struct val *v, const char *s)
{
	v->type = FT_TEXT;
	v->text = s;
}

static void
field_list(struct val *v, enum ctxkind kind, const void *items,
    size_t stride, size_t n)
{
	v->type = FT_LIST;
	v->item = kind;
	v->items = items;
	v->stride = stride;
	v->n = n;
}

/* The URL of the entry of the feed at rel on the follow page. */
static const char *
field_follow(struct pagectx *pc, const char *rel)
{
	char		*id;
	const char	*u;

	id = follow_id(rel);
	u = field_url(pc, arena_printf(&pc->arena, "follow/#%s", id));
	free(id);
	return u;
}

/*
 * The URL of the feed at rel, or with follow of its entry on the
 * follow page; NULL when rel is NULL (no feed).
 */
static const char *
field_feed(struct pagectx *pc, const char *rel, int follow)
{
	if (rel == NULL)
		return NULL;
	return follow ? field_follow(pc, rel) : field_url(pc, rel);
}

static const char *
field_count(struct pagectx *pc, size_t n, int label)
{
	if (!label)
		return arena_printf(&pc->arena, "%zu", n);
	return arena_printf(&pc->arena, "%zu review%s", n, n == 1 ? "" : "s");
}

/* Fields of a theme, region or year (count: its count, or n). */
static int
field_term(struct pagectx *pc, const struct term *t, size_t count,
    enum fid id, struct val *v)
{
	const struct site *s = pc->site;
	const struct vocab *tv = vocab_paged(s, t);

	switch (id) {
	case F_NAME:
		field_text(v, t->name);
		return 1;
	case F_URL:
		field_text(v, tv == NULL ? NULL : field_url(pc,
		    arena_printf(&pc->arena, "%s/%s/", tv->dir, t->slug)));
		return 1;
	case F_COUNT:
	case F_REVIEW_COUNT:
		field_text(v, field_count(pc, count, 0));
		return 1;
	case F_COUNT_LABEL:
		field_text(v, field_count(pc, count, 1));
		return 1;
	case F_DESCRIPTION:
		field_text(v, t->description);
		return 1;
	case F_FEED_URL:
	case F_FOLLOW_FEED_URL:
		field_text(v, field_feed(pc, tv == NULL || !tv->hasfeed ?
		    NULL : arena_printf(&pc->arena, "%s/%s/feed.xml", tv->dir,
		    t->slug), id == F_FOLLOW_FEED_URL));
		return 1;
	case F_INTRO:
		v->type = FT_HTML;
		v->text = t->intro;
		return 1;
	case F_REVIEWS:
		/* On its own page: the reviews of this page of the list. */
		if (t == pc->term && pc->list != NULL)
			field_list(v, CTX_REVIEW, pc->revs, 0, pc->revsz);
		else
			field_list(v, CTX_REVIEW, t->reviews, 0, t->reviewsz);
		return 1;
	case F_TOP_THEMES:
		field_list(v, CTX_TOPTHEME, t->top, sizeof(*t->top), t->topsz);
		return 1;
	case F_FACET_REGIONS:
		field_list(v, CTX_FACETREF, t->byregion, sizeof(*t->byregion),
		    t->byregionsz);
		return 1;
	case F_FACET_YEARS:
		field_list(v, CTX_FACETREF, t->byyear, sizeof(*t->byyear),
		    t->byyearsz);
		return 1;
	case F_FACET_THEMES:
		field_list(v, CTX_FACETREF, t->bytheme, sizeof(*t->bytheme),
		    t->bythemesz);
		return 1;
	case F_GLANCE_YEARS:
	case F_GLANCE_ETHNICITY:
	case F_GLANCE_MEDIAN:
		field_text(v, t->glance[id - F_GLANCE_YEARS]);
		return 1;
	case F_TOP_THEMES_HEADING:
		if (tv == &s->themes)
			field_text(v, arena_printf(&pc->arena, "Themes that "
			    "often occur with %s", t->name));
		else
			field_text(v, arena_printf(&pc->arena, "Most frequent "
			    "themes in %s", t->name));
		return 1;
	default:
		return 0;
	}
}

/* Fields of a facet, or of all reviews. */
static int
field_facet(struct pagectx *pc, const struct facet *f, enum fid id,
    struct val *v)
{
	switch (id) {
	case F_NAME:
		field_text(v, f->name);
		return 1;
	case F_URL:
		field_text(v, field_url(pc, f->dir));
		return 1;
	case F_COUNT:
	case F_REVIEW_COUNT:
	case F_COUNT_LABEL:
		field_text(v, field_count(pc, f->reviewsz,
		    id == F_COUNT_LABEL));
		return 1;
	case F_DESCRIPTION:
		field_text(v, f->description);
		return 1;
	case F_FEED_URL:
	case F_FOLLOW_FEED_URL:
		/* All reviews' feed is the site's. */
		field_text(v, field_feed(pc, f->theme == NULL ? "feed.xml" :
		    f->vocab->hasfeed ? arena_printf(&pc->arena, "%sfeed.xml",
		    f->dir) : NULL, id == F_FOLLOW_FEED_URL));
		return 1;
	case F_INTRO:
		v->type = FT_HTML;
		v->text = NULL;
		return 1;
	case F_REVIEWS:
		if (f == pc->facet && pc->list != NULL)
			field_list(v, CTX_REVIEW, pc->revs, 0, pc->revsz);
		else
			field_list(v, CTX_REVIEW, f->reviews, 0, f->reviewsz);
		return 1;
	case F_TOP_THEMES:
		field_list(v, CTX_TOPTHEME, f->top, sizeof(*f->top), f->topsz);
		return 1;
	case F_TOP_THEMES_HEADING:
		field_text(v, "Most frequent themes");
		return 1;
	case F_GLANCE_YEARS:
	case F_GLANCE_ETHNICITY:
	case F_GLANCE_MEDIAN:
		field_text(v, f->glance[id - F_GLANCE_YEARS]);
		return 1;
	default:
		return 0;
	}
}

/* Fields of a facet as listed on a page of one of its terms. */
static void
field_facetref(struct pagectx *pc, const struct facetref *fr, enum fid id,
    struct val *v)
{
	const struct facet *f = fr->facet;

	switch (id) {
	case F_NAME:
		field_text(v, fr->term->name);
		break;
	case F_URL:
		field_text(v, field_url(pc, f->dir));
		break;
	case F_COUNT:
	case F_COUNT_LABEL:
		field_text(v, field_count(pc, f->reviewsz,
		    id == F_COUNT_LABEL));
		break;
	case F_FEED_URL:
	case F_FOLLOW_FEED_URL:
		field_text(v, field_feed(pc, !f->vocab->hasfeed ? NULL :
		    arena_printf(&pc->arena, "%sfeed.xml", f->dir),
		    id == F_FOLLOW_FEED_URL));
		break;
	default:
		break;
	}
}

/* Fields of a page's link in the pagination of a list. */
static void
field_pagelink(struct pagectx *pc, const struct pagelink *l, enum fid id,
    struct val *v)
{
	switch (id) {
	case F_NAME:
		field_text(v, l->n == 0 ? NULL : arena_printf(&pc->arena,
		    "%zu", l->n));
		break;
	case F_TITLE:
		field_text(v, l->title);
		break;
	case F_URL:
		field_text(v, l->url);
		break;
	case F_IS_CURRENT:
	case F_IS_GAP:
	case F_IS_LINK:
		v->type = FT_FLAG;
		v->flag = id == F_IS_GAP ? l->n == 0 : id == F_IS_CURRENT ?
		    l->n == pc->list->n : l->n != 0 && l->n != pc->list->n;
		break;
	default:
		break;
	}
}

/* "Yes", "No" or NULL (not given) for a TRI_* value. */
static const char *
field_tri(int t)
{
	return t == TRI_NONE ? NULL : t == TRI_YES ? "Yes" : "No";
}

/* "10 months and 19 days", "1 month", "3 days", "the same day". */
static const char *
field_span(struct pagectx *pc, const struct date *a, const struct date *b)
{
	int	 m, d;

	if (a->year == 0 || b->year == 0 || date_cmp(a, b) > 0)
		return NULL;
	date_months(a, b, &m, &d);
	if (m == 0 && d == 0)
		return "the same day";
	if (m == 0)
		return arena_printf(&pc->arena, "%d day%s", d, d == 1 ? "" :
		    "s");
	if (d == 0)
		return arena_printf(&pc->arena, "%d month%s", m, m == 1 ? "" :
		    "s");
	return arena_printf(&pc->arena, "%d month%s and %d day%s", m,
	    m == 1 ? "" : "s", d, d == 1 ? "" : "s");
}

/*
 * The fields of what the national Panel asks of every review (issue
 * 15): identity and voice, how long each stage took, how the report
 * was published.  Returns 0 for a field that is not one of them.
 */
static int
field_panel(struct pagectx *pc, const struct review *r, enum fid id,
    struct val *v)
{
	const char	*reason = r->publication_reason, *end;
	long		 n;

	switch (id) {
	case F_ETHNICITY_ANALYSED:
		field_text(v, field_tri(r->ethnicity_analysed));
		return 1;
	case F_FAITH_RECORDED:
		field_text(v, field_tri(r->faith_recorded));
		return 1;
	case F_FAITH_ANALYSED:
		field_text(v, field_tri(r->faith_analysed));
		return 1;
	case F_CHILD_VOICE:
		field_text(v, r->child_voice == NULL ? NULL :
		    strcmp(r->child_voice, "quoted") == 0 ? "Quoted in the "
		    "review, in the child's own words" :
		    strcmp(r->child_voice, "reported") == 0 ? "Reported: "
		    "described by others, not in the child's own words" :
		    "Not heard in the review");
		return 1;
	case F_FAMILY_VIEWS:
		field_text(v, r->family_views == TRI_NONE ? NULL :
		    r->family_views == TRI_YES ? "Given in the review" :
		    "Not given in the review");
		return 1;
	case F_TIME_RAPID_REVIEW:
		if (r->notified.year == 0 || r->rapid_review.year == 0) {
			field_text(v, NULL);
			return 1;
		}
		n = date_workdays(pc->site, &r->notified, &r->rapid_review);
		field_text(v, arena_printf(&pc->arena, "%ld working day%s%s",
		    n, n == 1 ? "" : "s", n <= 15 ? " (within the 15 "
		    "expected)" : " (more than the 15 expected)"));
		return 1;
	case F_TIME_REVIEW:
		field_text(v, field_span(pc, &r->commissioned, &r->completed));
		return 1;
	case F_TIME_PUBLICATION:
		field_text(v, field_span(pc, &r->completed, &r->published));
		return 1;
	case F_PUBLICATION_NOTE:
		if (r->publication == NULL || reason == NULL ||
		    strcmp(r->publication, "full") == 0) {
			field_text(v, NULL);
			return 1;
		}
		/* The reason ends the sentence: one full stop. */
		end = reason + strlen(reason);
		field_text(v, arena_printf(&pc->arena, "%s, because %s%s",
		    strcmp(r->publication, "improvements") == 0 ?
		    "The partnership published the improvements made rather "
		    "than the full report" : "The full report is not yet "
		    "published", reason, end > reason && strchr(".!?",
		    end[-1]) != NULL ? "" : "."));
		return 1;
	case F_REPORT_LABEL:
		field_text(v, r->publication != NULL &&
		    strcmp(r->publication, "improvements") == 0 ?
		    "Read the improvements briefing" : "Read the full report");
		return 1;
	default:
		return 0;
	}
}

/* A date as "1 March 2025" or "2025-03-01" in the arena, or NULL. */
static const char *
field_date(struct pagectx *pc, const struct date *d, int iso)
{
	char	 buf[64];

	if (d->year == 0)
		return NULL;
	if (iso)
		return arena_printf(&pc->arena, "%s", date_iso(d, buf,
		    sizeof(buf)));
	date_human(d, buf, sizeof(buf));
	return arena_printf(&pc->arena, "%s", buf);
}

/* Fields of a review. */
static int
field_review(struct pagectx *pc, const struct review *r, enum fid id,
    struct val *v)
{
	switch (id) {
	case F_TITLE:
		field_text(v, r->title);
		return 1;
	case F_URL:
		field_text(v, field_url(pc, arena_printf(&pc->arena,
		    "reviews/%s/", r->slug)));
		return 1;
	case F_PUBLISHED:
		field_text(v, field_date(pc, &r->published, 0));
		return 1;
	case F_PUBLISHED_ISO:
		field_text(v, r->iso);
		return 1;
	case F_PUBLISHED_YEAR:
		field_text(v, arena_printf(&pc->arena, "%04d",
		    r->published.year));
		return 1;
	case F_REGION:
		field_text(v, r->region->name);
		return 1;
	case F_REGION_URL:
		field_text(v, field_url(pc, arena_printf(&pc->arena,
		    "regions/%s/", r->region->slug)));
		return 1;
	case F_LOCAL_AREA:
		field_text(v, r->local_area);
		return 1;
	case F_REVIEW_TYPE:
		field_text(v, r->reviewtype != NULL ? r->reviewtype->name :
		    NULL);
		return 1;
	case F_SUMMARY:
		field_text(v, r->summary);
		return 1;
	case F_THEMES:
		field_list(v, CTX_THEME, r->themes, 0, r->themesz);
		return 1;
	case F_BODY:
		v->type = FT_HTML;
		v->text = r->body != NULL ? r->body :
		    r == pc->review ? pc->body : NULL;
		return 1;
	case F_RELATED:
		field_list(v, CTX_REVIEW, r->related, 0, r->relatedsz);
		return 1;
	case F_REPORT_URL:
		field_text(v, r->report_url);
		return 1;
	case F_REPORT_PDF:
		/* The address's path ends ".pdf", before any ? or #. */
		v->type = FT_FLAG;
		v->flag = 0;
		if (r->report_url != NULL) {
			size_t	 n = strcspn(r->report_url, "?#");

			v->flag = n >= 4 && strncasecmp(r->report_url + n - 4,
			    ".pdf", 4) == 0;
		}
		return 1;
	case F_AGE_GROUP:
		field_text(v, r->agegroup != NULL ? r->agegroup->name : NULL);
		return 1;
	case F_ETHNICITY_RECORDED:
		field_text(v, r->ethnicity ? "Yes" : "No");
		return 1;
	case F_ETHNICITY_NOT_RECORDED:
		v->type = FT_FLAG;
		v->flag = !r->ethnicity;
		return 1;
	case F_ADDED:
	case F_ADDED_ISO:
		field_text(v, field_date(pc, &r->added, id == F_ADDED_ISO));
		return 1;
	case F_RECOMMENDATIONS:
		field_list(v, CTX_REC, r->recs, sizeof(*r->recs), r->recsz);
		return 1;
	default:
		return field_panel(pc, r, id, v);
	}
}

/* Fields of a review's recommendation. */
static int
field_rec(struct pagectx *pc, const struct rec *rc, enum fid id,
    struct val *v)
{
	struct buf	 to = { NULL, 0, 0 };

	switch (id) {
	case F_REC_NUMBER:
		field_text(v, arena_printf(&pc->arena, "%zu", rc->n));
		return 1;
	case F_REC_TEXT:
		field_text(v, rc->text);
		return 1;
	case F_REC_TO:
		recs_to(rc, &to);
		field_text(v, to.data == NULL ? NULL :
		    arena_printf(&pc->arena, "%s", to.data));
		buf_free(&to);
		return 1;
	case F_REC_STATUS:
		field_text(v, recs_word(rc->status));
		return 1;
	case F_REC_STATUS_CLASS:
		field_text(v, arena_printf(&pc->arena, "lcspr-tag "
		    "lcspr-tag--%s", rc->status == REC_ACCEPTED ? "accepted" :
		    rc->status == REC_NOTACCEPTED ? "not-accepted" :
		    rc->status == REC_INPROGRESS ? "in-progress" :
		    "completed"));
		return 1;
	case F_REC_DUE:
	case F_REC_DUE_ISO:
		field_text(v, field_date(pc, &rc->due, id == F_REC_DUE_ISO));
		return 1;
	case F_REC_UPDATED:
	case F_REC_UPDATED_ISO:
		field_text(v, field_date(pc, &rc->updated,
		    id == F_REC_UPDATED_ISO));
		return 1;
	case F_REC_EVIDENCE:
		v->type = FT_HTML;
		v->text = rc->evidencehtml;
		return 1;
	case F_REC_REASON:
		field_text(v, rc->reason);
		return 1;
	case F_REC_PAST_DUE:
		v->type = FT_FLAG;
		v->flag = recs_pastdue(pc->site, rc);
		return 1;
	default:
		return 0;
	}
}

/* The URL of month m's page of the monthly updates. */
static const char *
field_monthurl(struct pagectx *pc, const struct month *m)
{
	return field_url(pc, arena_printf(&pc->arena, "updates/%s/",
	    m->slug));
}

/* Fields of a month of the monthly updates. */
static void
field_month(struct pagectx *pc, const struct month *m, enum fid id,
    struct val *v)
{
	const struct site *s = pc->site;
	const struct month *o;

	switch (id) {
	case F_NAME:
		field_text(v, m->name);
		break;
	case F_URL:
		field_text(v, field_monthurl(pc, m));
		break;
	case F_COUNT:
	case F_COUNT_LABEL:
		field_text(v, field_count(pc, m->reviewsz, id == F_COUNT_LABEL));
		break;
	case F_REVIEWS:
		if (pc->mpage != NULL && pc->mpage->month == m)
			field_list(v, CTX_REVIEW, pc->mpage->reviews, 0,
			    pc->mpage->reviewsz);
		else
			field_list(v, CTX_REVIEW, m->reviews, 0, m->reviewsz);
		break;
	case F_MONTH_THEMES:
		/* On one of the month's pages, that page's themes. */
		if (pc->mpage != NULL && pc->mpage->month == m)
			field_list(v, CTX_MONTHTHEME, pc->mpage->themes,
			    sizeof(*pc->mpage->themes), pc->mpage->themesz);
		else
			field_list(v, CTX_MONTHTHEME, m->themes,
			    sizeof(*m->themes), m->themesz);
		break;
	case F_SO_FAR:
		v->type = FT_FLAG;
		v->flag = !m->ended;
		break;
	case F_PREVIOUS_MONTH_URL:
	case F_PREVIOUS_MONTH:
	case F_NEXT_MONTH_URL:
	case F_NEXT_MONTH:
		/* Newest first: the month before is the next in months. */
		o = id == F_PREVIOUS_MONTH_URL || id == F_PREVIOUS_MONTH ?
		    (m + 1 < s->months + s->monthsz ? m + 1 : NULL) :
		    (m > s->months ? m - 1 : NULL);
		if (o == NULL)
			break;
		field_text(v, id == F_PREVIOUS_MONTH || id == F_NEXT_MONTH ?
		    o->name : field_monthurl(pc, o));
		break;
	default:
		break;
	}
}

/* Fields of a learning theme's reviews in one month. */
static void
field_monththeme(struct pagectx *pc, const struct monththeme *mt,
    enum fid id, struct val *v)
{
	switch (id) {
	case F_NAME:
		field_text(v, mt->theme->name);
		break;
	case F_URL:
		field_text(v, field_url(pc, arena_printf(&pc->arena,
		    "themes/%s/", mt->theme->slug)));
		break;
	case F_COUNT:
	case F_COUNT_LABEL:
		field_text(v, field_count(pc, mt->total, id == F_COUNT_LABEL));
		break;
	case F_PAGE_COUNT:
		field_text(v, field_count(pc, mt->reviewsz, 0));
		break;
	case F_REVIEWS:
		field_list(v, CTX_REVIEW, mt->reviews, 0, mt->reviewsz);
		break;
	default:
		break;
	}
}

/* serve, --drafts or --future: a preview, not for publication. */
static int
field_preview(const struct site *s)
{
	return s->opts != NULL && (s->opts->drafts || s->opts->future ||
	    s->opts->serve);
}

/*
 * "Showing 21 to 40 of 45 reviews" (or months, on updates/) on a page
 * of a list of more than one page, else NULL.
 */
static const char *
field_showing(struct pagectx *pc)
{
	const struct site *s = pc->site;
	size_t		 first, n, total;

	if (pc->list == NULL || pc->list->of < 2)
		return NULL;
	if (pc->kind == PK_UPDATES) {
		n = pc->monthsz;
		total = s->monthsz;
	} else {
		n = pc->revsz;
		total = pc->kind == PK_MONTH ? pc->mpage->month->reviewsz :
		    pc->term != NULL ? pc->term->reviewsz :
		    pc->facet->reviewsz;
	}
	first = (pc->list->n - 1) * s->page_length + 1;
	return arena_printf(&pc->arena, "Showing %zu to %zu of %zu %s",
	    first, first + n - 1, total, pc->kind == PK_UPDATES ? "months" :
	    "reviews");
}

/* Fields every page has, and the page kind's own. */
static int
field_page(struct pagectx *pc, enum fid id, struct val *v)
{
	const struct site *s = pc->site;
	struct link	*l;
	size_t		 i;

	switch (id) {
	case F_SITE_TITLE:
		field_text(v, s->title);
		return 1;
	case F_SITE_DESCRIPTION:
		field_text(v, s->description);
		return 1;
	case F_PARTNERSHIP:
		field_text(v, s->partnership);
		return 1;
	case F_LOGO_URL:
		field_text(v, s->logo == NULL ? NULL : field_url(pc, s->logo));
		return 1;
	case F_LANG:
		field_text(v, s->language);
		return 1;
	case F_ACCENT_STYLE:
		field_text(v, s->accent == NULL ? NULL :
		    arena_printf(&pc->arena, "--accent: %s", s->accent));
		return 1;
	case F_CONTENT_NOTE:
		field_text(v, s->content_note);
		return 1;
	case F_ROOT_URL:
		field_text(v, field_url(pc, ""));
		return 1;
	case F_ASSETS_URL:
		field_text(v, field_url(pc, "assets/"));
		return 1;
	case F_STYLESHEET_URL:
		field_text(v, field_url(pc, "assets/style.css"));
		return 1;
	case F_SITE_FEED_URL:
		field_text(v, field_url(pc, "feed.xml"));
		return 1;
	case F_THEMES_URL:
		field_text(v, field_url(pc, "themes/"));
		return 1;
	case F_REGIONS_URL:
		field_text(v, field_url(pc, "regions/"));
		return 1;
	case F_YEARS_URL:
		field_text(v, field_url(pc, "years/"));
		return 1;
	case F_REVIEWS_URL:
		field_text(v, field_url(pc, "reviews/"));
		return 1;
	case F_INSIGHTS_URL:
		field_text(v, field_url(pc, "insights/"));
		return 1;
	case F_FOLLOW_URL:
		field_text(v, field_url(pc, "follow/"));
		return 1;
	case F_RECOMMENDATIONS_URL:
		field_text(v, s->recsz > 0 ? field_url(pc, "recommendations/") :
		    NULL);
		return 1;
	case F_SEARCH:
		v->type = FT_FLAG;
		v->flag = s->search;
		return 1;
	case F_SEARCH_URL:
		field_text(v, s->search ? field_url(pc, "search/") : NULL);
		return 1;
	case F_PAGE_TITLE:
		field_text(v, pc->title);
		return 1;
	case F_HEAD_TITLE:
		field_text(v, pc->kind == PK_HOME ? s->title :
		    arena_printf(&pc->arena, "%s - %s", pc->title, s->title));
		return 1;
	case F_PAGE_DESCRIPTION:
		field_text(v, pc->description);
		return 1;
	case F_CANONICAL_URL:
		/* 404.html stands in for every missing address: no one;
		 * a withdrawn review's notice is not to be indexed. */
		field_text(v, pc->kind == PK_404 ||
		    pc->kind == PK_WITHDRAWN ? NULL :
		    arena_printf(&pc->arena, "%s%s", s->base_url, pc->dir));
		return 1;
	case F_FEEDS:
		field_list(v, CTX_LINK, pc->feeds, sizeof(*pc->feeds),
		    pc->feedsz);
		return 1;
	case F_BREADCRUMBS:
		field_list(v, CTX_LINK, pc->crumbs, sizeof(*pc->crumbs),
		    pc->crumbsz);
		return 1;
	case F_PAGES:
		/* Made when asked, with the prefix of the moment: a part
		 * kept for any prefix is filled with a stand-in (template.c). */
		l = arena_alloc(&pc->arena, (s->pagesz + 1) * sizeof(*l));
		for (i = 0; i < s->pagesz; i++) {
			l[i].title = s->pages[i].title;
			l[i].url = field_url(pc, arena_printf(&pc->arena, "%s/",
			    s->pages[i].slug));
		}
		field_list(v, CTX_LINK, l, sizeof(*l), s->pagesz);
		return 1;
	case F_IS_HOME:
		v->type = FT_FLAG;
		v->flag = pc->kind == PK_HOME;
		return 1;
	case F_NOINDEX:
		v->type = FT_FLAG;
		v->flag = pc->kind == PK_WITHDRAWN || field_preview(s);
		return 1;
	case F_PREVIEW:
		v->type = FT_FLAG;
		v->flag = field_preview(s);
		return 1;
	case F_REVIEW_COUNT:
		field_text(v, field_count(pc, s->pubsz, 0));
		return 1;
	case F_PAGE_LINKS:
		field_list(v, CTX_PAGELINK, pc->plinks, sizeof(*pc->plinks),
		    pc->plinksz);
		return 1;
	case F_PREVIOUS_URL:
		field_text(v, pc->prevurl);
		return 1;
	case F_NEXT_URL:
		field_text(v, pc->nexturl);
		return 1;
	case F_PREVIOUS_LABEL:
	case F_NEXT_LABEL:
		field_text(v, (id == F_PREVIOUS_LABEL ? pc->prevurl :
		    pc->nexturl) == NULL ? NULL : arena_printf(&pc->arena,
		    "%zu of %zu", pc->list->n + (id == F_NEXT_LABEL ? 1 : -1),
		    pc->list->of));
		return 1;
	case F_WIDER:
		field_list(v, CTX_LINK, pc->wider, sizeof(*pc->wider),
		    pc->widersz);
		return 1;
	case F_SHOWING:
		field_text(v, field_showing(pc));
		return 1;
	case F_TERMS:
		if (pc->terms == NULL)
			return 0;
		field_list(v, pc->terms->ctx, pc->terms->onsite, 0,
		    pc->terms->onsitesz);
		return 1;
	case F_TERMS_KIND:
		field_text(v, pc->terms != NULL ? pc->terms->dir : NULL);
		return 1;
	case F_REVIEWS:
		field_list(v, CTX_REVIEW, s->recent, 0,
		    s->pubsz < s->home_length ? s->pubsz : s->home_length);
		return 1;
	case F_THEMES:
		field_list(v, CTX_THEME, s->themes.onsite, 0,
		    s->themes.onsitesz);
		return 1;
	case F_REGIONS:
		field_list(v, CTX_REGION, s->regions.onsite, 0,
		    s->regions.onsitesz);
		return 1;
	case F_YEARS:
		field_list(v, CTX_YEAR, s->years.terms,
		    sizeof(*s->years.terms), s->years.termsz);
		return 1;
	case F_BODY:
		v->type = FT_HTML;
		v->text = pc->page != NULL ? pc->page->body : NULL;
		return 1;
	case F_MONTHS:
		field_list(v, CTX_MONTH, pc->months, sizeof(*pc->months),
		    pc->monthsz);
		return 1;
	case F_UPDATES_URL:
		field_text(v, field_url(pc, "updates/"));
		return 1;
	case F_UPDATES_FEED_URL:
		field_text(v, field_follow(pc, "updates/feed.xml"));
		return 1;
	case F_INTRO:
		v->type = FT_HTML;
		v->text = NULL;
		return 1;
	default:
		return 0;
	}
}

/*
 * The value of field id in scope c or the nearest enclosing scope that
 * answers it (the field table says which do); v is empty when none
 * does.  Strings made for the value live in the page's arena.
 */
void
field_get(const struct ctx *c, int id, struct val *v)
{
	const struct termcount *tc;
	const struct link *l;

	memset(v, 0, sizeof(*v));
	while (c != NULL && !(fields[id].scope & (1u << c->kind)))
		c = c->up;
	if (c == NULL)
		return;
	switch (c->kind) {
	case CTX_PAGE:
		field_page(c->page, id, v);
		break;
	case CTX_REVIEW:
		field_review(c->page, c->obj, id, v);
		break;
	case CTX_THEME:
	case CTX_REGION:
	case CTX_YEAR:
		field_term(c->page, c->obj,
		    ((const struct term *)c->obj)->reviewsz, id, v);
		break;
	case CTX_TOPTHEME:
		tc = c->obj;
		field_term(c->page, tc->term, tc->count, id, v);
		break;
	case CTX_LINK:
		l = c->obj;
		field_text(v, id == F_URL ? l->url : l->title);
		break;
	case CTX_FACET:
		field_facet(c->page, c->obj, id, v);
		break;
	case CTX_PAGELINK:
		field_pagelink(c->page, c->obj, id, v);
		break;
	case CTX_FACETREF:
		field_facetref(c->page, c->obj, id, v);
		break;
	case CTX_MONTH:
		field_month(c->page, c->obj, id, v);
		break;
	case CTX_MONTHTHEME:
		field_monththeme(c->page, c->obj, id, v);
		break;
	case CTX_REC:
		field_rec(c->page, c->obj, id, v);
		break;
	}
}

/*
 * Is the value empty (no text, an empty list, a false flag)?
 */
int
field_empty(const struct val *v)
{
	switch (v->type) {
	case FT_TEXT:
	case FT_HTML:
		return v->text == NULL || *v->text == '\0';
	case FT_FLAG:
		return !v->flag;
	case FT_LIST:
		return v->n == 0;
	}
	return 1;
}

/*
 * Item i of a list value.
 */
const void *
field_item(const struct val *v, size_t i)
{
	if (v->stride == 0)
		return ((const void *const *)v->items)[i];
	return (const char *)v->items + i * v->stride;
}
