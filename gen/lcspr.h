/*
 * lcspr: the model.  The domain types the pipeline passes between
 * stages; the stages' own machinery is in internal.h.
 * Ownership: a `char *` field is owned and freed by its struct's _free
 * function; a `const` pointer is borrowed from the owner named beside it.
 */
#ifndef LCSPR_H
#define LCSPR_H

#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#define RELATED_MAX	5	/* related reviews listed on a review page */
#define TOPTHEMES_MAX	5	/* themes listed as "often occur with" */

/*
 * Limits on what is parsed, checked before parsing so that no input
 * takes more than linear time (lcspr(5) lists them with their messages).
 */
#define FILE_MAX	(1024 * 1024)		/* bytes of a content file */
#define CONFIG_MAX	(8 * 1024 * 1024)	/* bytes of site.yaml */
#define FRONT_MAX	(64 * 1024)		/* bytes of front matter */
#define FRONT_DEPTH	20	/* [ and { nested in YAML */
#define FRONT_FIELDS	200	/* top-level fields of one YAML block */
#define MARKDOWN_BRACKETS 5000	/* [ in one Markdown text (cmark) */

/* A calendar date, checked. */
struct date {
	int		 year;		/* e.g. 2024 */
	int		 month;		/* 1-12 */
	int		 day;		/* 1-31, valid for the month */
};

struct review;

/* What became of a recommendation (recs.c names them). */
enum recstatus {
	REC_ACCEPTED,		/* accepted */
	REC_NOTACCEPTED,	/* not accepted */
	REC_INPROGRESS,		/* in progress */
	REC_COMPLETED,		/* completed */
	REC__MAX
};

#define RECS_MAX	200	/* recommendations of one review */

/* One recommendation of a review: front matter "recommendations". */
struct rec {
	size_t		 n;		/* its number in the review, from 1 */
	size_t		 line;		/* line of its entry */
	char		*text;		/* the recommendation */
	char	       **to;		/* owned: the agencies it is made to */
	size_t		 tosz;		/* number of agencies, 0: not given */
	enum recstatus	 status;	/* what became of it */
	struct date	 due;		/* to be done by, or year 0 */
	struct date	 updated;	/* progress last updated, or year 0 */
	char		*evidence;	/* what changed in practice: Markdown,
					 * or NULL */
	char		*evidencehtml;	/* evidence rendered, or NULL */
	char		*reason;	/* why it was not accepted, or NULL */
};

/* A whole-file exception: front matter "allow: [RULE]". */
struct allow {
	char		*rule;		/* the rule allowed */
	size_t		 line;		/* line of the allow */
	int		 used;		/* it excused a finding */
};

/* A link from a text to a review, kept to check it is published. */
struct xref {
	char		*path;		/* the file with the link */
	size_t		 line;		/* its line */
	size_t		 col;		/* its column */
	char		*slug;		/* the review (or term) linked to */
	const struct term *term;	/* the theme or region, or NULL */
	const struct review *from;	/* the review linking, or NULL */
};

/* A local file linked from content, published at the same path. */
struct attach {
	char		*real;		/* realpath: the key */
	char		*path;		/* contentdir/rel, for messages */
	char		*rel;		/* path below the content folder */
	const char	*type;		/* attach_type's label, static */
	off_t		 size;		/* bytes */
	int		 pub;		/* linked from a published text */
	size_t		 next;		/* hash chain: index + 1, 0 ends */
};

/* A link to an attachment: it is published with the text linking. */
struct attachref {
	size_t		 idx;		/* into site->attach */
	const struct review *from;	/* the review linking, or NULL */
};

/* A theme's count in some set of reviews (co-occurrence, region). */
struct termcount {
	const struct term *term;	/* borrowed from site->themes */
	size_t		 count;		/* reviews in the set with it */
};

struct facet;

/* A facet as listed on the page of one of its terms. */
struct facetref {
	const struct term *term;	/* the facet's other term: shown */
	const struct facet *facet;	/* borrowed from site->facets */
};

/* The "at a glance" figures of a list of reviews (insight_glance). */
enum glance {
	GLANCE_YEARS,		/* years covered */
	GLANCE_ETHNICITY,	/* share recording the child's ethnicity */
	GLANCE_MEDIAN,		/* median time to publication */
	GLANCE__MAX
};

/*
 * One vocabulary entry: a learning theme, a region, an age group,
 * a review type, or (made from the reviews) a year.
 */
struct term {
	char		*name;		/* display name */
	char		*slug;		/* URL segment, [a-z0-9-] */
	char	       **aliases;	/* other accepted spellings */
	size_t		 aliasesz;	/* number of aliases */
	char		*description;	/* one line, or NULL */
	char		*intro;		/* HTML of the intro file, or NULL */
	size_t		 line;		/* line in site.yaml, 0 for years */
	const struct review **reviews;	/* borrowed, newest first */
	size_t		 reviewsz;	/* number of reviews */
	struct termcount *top;		/* most frequent (other) themes */
	size_t		 topsz;		/* entries in top */
	int		 onsite;	/* has a page (published review, intro) */
	struct facetref	*byregion;	/* owned: a theme's facets by region */
	size_t		 byregionsz;	/* entries in byregion */
	struct facetref	*byyear;	/* owned: a theme's facets by year */
	size_t		 byyearsz;	/* entries in byyear */
	struct facetref	*bytheme;	/* owned: a region's or year's facets
					 * by theme */
	size_t		 bythemesz;	/* entries in bytheme */
	char		*glance[GLANCE__MAX]; /* owned: at a glance, or NULL */
};

/*
 * A list of reviews with pages beside the terms' own: all reviews
 * (site->all: theme NULL), or a facet, the reviews with one theme and
 * one region or year (site->facets).
 */
struct facet {
	const struct term *theme;	/* borrowed, or NULL: all reviews */
	const struct term *other;	/* the region or year, or NULL */
	const struct vocab *vocab;	/* other's vocabulary, or NULL */
	char		*name;		/* "Neglect in London", owned */
	char		*description;	/* one line, owned */
	char		*dir;		/* URL folder, ends in '/', owned */
	const struct review **reviews;	/* borrowed, newest first */
	size_t		 reviewsz;	/* number of reviews */
	struct termcount *top;		/* owned: most frequent themes */
	size_t		 topsz;		/* entries in top shown */
	char		*glance[GLANCE__MAX]; /* owned: at a glance, or NULL */
};

/* A learning theme's reviews added in one month (struct month). */
struct monththeme {
	const struct term *theme;	/* borrowed from site->themes */
	const struct review **reviews;	/* borrowed, in site->monthrevs:
					 * newest added first */
	size_t		 reviewsz;	/* number of reviews */
	size_t		 total;		/* the theme's reviews in the whole
					 * month (reviewsz but on a page) */
};

/*
 * A month with published reviews added in it: updates/YYYY-MM/
 * (month.c).  A review with several themes is in the group of each.
 */
struct month {
	struct date	 first;		/* its first day */
	char		 slug[8];	/* "2026-03": its folder */
	char		*name;		/* "March 2026", owned */
	const struct review **reviews;	/* borrowed, in site->recent:
					 * newest added first */
	size_t		 reviewsz;	/* number of reviews */
	struct monththeme *themes;	/* borrowed, in site->monththemes:
					 * in site.yaml order */
	size_t		 themesz;	/* themes with reviews that month */
	int		 ended;		/* before the build date's month */
	size_t		 pagesz;	/* its pages: page_length reviews
					 * each, at least one */
};

/*
 * One page of a month of the monthly updates (month.c): page_length of
 * its reviews, newest added first, grouped by their themes.  The first
 * is updates/YYYY-MM/, the others updates/YYYY-MM/page/N/.
 */
struct monthpage {
	const struct month *month;	/* borrowed from site->months */
	size_t		 n;		/* this page, from 1 */
	const struct review **reviews;	/* borrowed, in month->reviews */
	size_t		 reviewsz;	/* reviews on this page */
	struct monththeme *themes;	/* borrowed, in site->monththemes:
					 * in site.yaml order */
	size_t		 themesz;	/* themes of this page's reviews */
};

/* One page of a list of reviews: the jobs of list pages. */
struct listpage {
	const struct vocab *vocab;	/* the term's vocabulary, or NULL */
	const struct term *term;	/* a term's list, or NULL */
	const struct facet *facet;	/* or else a facet's (all reviews) */
	size_t		 n;		/* this page, from 1 */
	size_t		 of;		/* the list's number of pages */
};

/* A likely synonym of a field name, for "did you mean". */
struct synonym {
	const char	*word;		/* what people write: "date" */
	const char	*key;		/* the field they mean: "published" */
};

/* Lists of choices are given in messages when shorter than this. */
#define VOCAB_LISTMAX	15

/* "did you mean" is looked for among at most this many entries. */
#define VOCAB_SUGGESTMAX 1000

/* One spelling of a term (its name, slug or an alias), for lookups. */
struct vocabkey {
	const char	*word;		/* borrowed from the term */
	size_t		 term;		/* index in the vocabulary's terms */
	int		 kind;		/* 0 name, 1 slug, 2 alias */
	size_t		 alias;		/* which alias, when kind is 2 */
	size_t		 first;		/* term of the first equal spelling */
};

/* What a context (the page, or one list item) is. */
enum ctxkind {
	CTX_PAGE,		/* struct pagectx */
	CTX_REVIEW,		/* struct review */
	CTX_THEME,		/* struct term in site->themes */
	CTX_REGION,		/* struct term in site->regions */
	CTX_YEAR,		/* struct term in site->years */
	CTX_TOPTHEME,		/* struct termcount */
	CTX_LINK,		/* struct link */
	CTX_FACET,		/* struct facet: all reviews, a facet */
	CTX_FACETREF,		/* struct facetref */
	CTX_PAGELINK,		/* struct pagelink: a page of a list */
	CTX_MONTH,		/* struct month */
	CTX_MONTHTHEME,		/* struct monththeme: a month's theme */
	CTX_REC			/* struct rec: a review's recommendation */
};

/* Vocabularies with pages: themes, regions, years (site->vocabs). */
#define VOCAB_PAGED	3

/*
 * A controlled vocabulary: an owning array of terms.  One with a dir
 * (site->vocabs) has a page per term on the site and an index page;
 * the fields from dir on say how and in what words.
 */
struct vocab {
	const char	*what;		/* "region", "theme", ... */
	const char	*dir;		/* URL folder "themes", or NULL */
	enum ctxkind	 ctx;		/* what its terms are in templates */
	int		 hasfeed;	/* a feed per term */
	int		 hasintro;	/* content/<dir>/<slug>.md intros */
	const char	*listtitle;	/* index title "Learning themes" */
	const char	*listdesc;	/* index page's description */
	const char	*crumb;		/* breadcrumb to the index */
	const char	*phrase;	/* "on the theme" <name> */
	const char	*feedphrase;	/* "on" <name>, in feeds */
	struct term	*terms;		/* owned, in site.yaml order */
	size_t		 termsz;	/* number of terms */
	struct vocabkey	*index;		/* owned: every spelling, sorted */
	size_t		 indexsz;	/* spellings in index, 0: none made */
	const struct term **onsite;	/* owned: the terms with a page */
	size_t		 onsitesz;	/* number of them */
};

/* One review, parsed and validated. */
struct review {
	char		*path;		/* content file, as given */
	char		*slug;		/* file name without .md */
	char		*title;		/* required text */
	size_t		 titleline;	/* line of the title */
	struct date	 published;	/* publication date */
	char		 iso[11];	/* published as YYYY-MM-DD */
	struct date	 notified;	/* incident notified; year 0: not given */
	struct date	 commissioned;	/* review commissioned, or year 0 */
	struct date	 completed;	/* report finalised, or year 0 */
	struct date	 withdrawn;	/* taken down, or year 0: not given */
	struct date	 added;		/* on this site from; published if not
					 * given */
	const struct term *region;	/* borrowed from site->regions */
	const struct term **themes;	/* owned array, borrowed terms */
	size_t		 themesz;	/* number of themes, >= 1 */
	int		 ethnicity;	/* ethnicity_recorded */
	char		*local_area;	/* or NULL */
	const struct term *agegroup;	/* or NULL */
	const struct term *reviewtype;	/* never NULL once valid */
	char		*summary;	/* front matter or first paragraph */
	char		*report_url;	/* http(s) or NULL */
	int		 draft;		/* draft: true */
	int		 published_ok;	/* on the site (not draft or embargo,
					 * not withdrawn) */
	int		 gone;		/* withdrawn: its page is a notice */
	struct allow	*allow;		/* owned: front matter exceptions */
	size_t		 allowsz;	/* number of exceptions */
	char		*body;		/* rendered HTML, or NULL when spooled */
	off_t		 bodyoff;	/* spooled body: offset in the spool */
	size_t		 bodylen;	/* spooled body: length */
	int		 ok;		/* parsed without errors */
	const struct review *related[RELATED_MAX]; /* borrowed */
	size_t		 relatedsz;	/* entries in related */
	/* What the national Panel asks of every review (issue 15). */
	int		 ethnicity_analysed; /* TRI_*: ethnicity analysed */
	int		 faith_recorded; /* TRI_*: the child's faith recorded */
	int		 faith_analysed; /* TRI_*: faith analysed */
	const char	*child_voice;	/* "quoted", "reported", "absent"
					 * (static) or NULL: not given */
	int		 family_views;	/* TRI_*: the family's views */
	struct date	 rapid_review;	/* rapid review held, or year 0 */
	const char	*publication;	/* "full", "improvements",
					 * "withheld-for-now" (static) or
					 * NULL: not given (full) */
	char		*publication_reason; /* why not full, or NULL */
	struct rec	*recs;		/* owned: its recommendations */
	size_t		 recsz;		/* number of recommendations */
};

/* An optional true or false (RF_TRI): not given, false or true. */
#define TRI_NONE	0
#define TRI_NO		1
#define TRI_YES		2

/* How a review field is read from the front matter and written out. */
enum rfkind {
	RF_TEXT,	/* text: a char * */
	RF_DATE,	/* YYYY-MM-DD: a struct date, year 0: none */
	RF_TERM,	/* one term of a vocabulary: a const struct term * */
	RF_TERMS,	/* themes: const struct term **, count at nof */
	RF_BOOL,	/* true or false: an int */
	RF_URL,		/* an http(s) address: a char * */
	RF_ALLOW,	/* excused checks: struct allow *, count at nof */
	RF_PAGEURL,	/* not read: the review page's full address */
	RF_TRI,		/* optional true or false: an int, TRI_* */
	RF_CHOICE,	/* one of a fixed list (vocab: its row in
			 * review.c's review_choices): a static
			 * const char *, NULL: not given */
	RF_RECS		/* recommendations: struct rec *, count at nof */
};

/*
 * One review field, declared once (review.c's review_fieldtab): the
 * row drives reading the front matter, freeing, the open data and the
 * insights page's list of columns.
 */
struct rfield {
	const char	*key;	/* front-matter key, or NULL: not read */
	enum rfkind	 kind;	/* how it is read and written */
	size_t		 off;	/* offsetof(struct review, its member) */
	size_t		 nof;	/* RF_TERMS, RF_ALLOW: the count's offset */
	size_t		 vocab;	/* RF_TERM(S): offsetof(struct site, v);
				 * RF_CHOICE: its list of choices */
	int		 required; /* the front matter must give it */
	const char	*col;	/* open-data column name, or NULL */
	size_t		 colpos; /* its place among the columns, from 1 */
	const char	*doc;	/* the column, as the insights page says */
};

/* A standalone page from content/pages/. */
struct page {
	char		*path;		/* content file */
	char		*slug;		/* output folder name */
	char		*title;		/* required text */
	char		*summary;	/* meta description, or NULL */
	char		*body;		/* rendered HTML */
};

/* Command-line options for a build. */
struct opts {
	const char	*contentdir;	/* -C, default "content" */
	const char	*themedir;	/* -t, default "themes/default";
					 * NULL: the built-in one */
	const char	*outdir;	/* -o, default "site" */
	int		 drafts;	/* --drafts */
	int		 future;	/* --future */
	int		 verbose;	/* -1 quiet, 0 normal, 1 verbose */
	int		 jobs;		/* worker threads, >= 1 */
	int		 checkonly;	/* lcspr check: write nothing */
	int		 nocheck;	/* --no-check: skip the content checks */
	int		 nocache;	/* LCSPR_NOCACHE: fill every part afresh */
	int		 reverse;	/* LCSPR_JOBORDER=reverse: last job first */
	int		 nomarks;	/* lcspr new: placeholders are no error */
	int		 serve;		/* lcspr serve: a preview, in a
					 * temporary folder */
	int		 nosearch;	/* --no-search: as if search: false */
};

struct sitetheme;

/* Filled parts of templates kept for other pages (template.c). */
struct tmplcache;

/*
 * Everything one build knows: what is read and derived, const once
 * indexed (index_build); what changes after that is in run.
 */
struct site {
	const struct opts *opts;	/* borrowed from main */
	struct run	*run;		/* owned: the build's changing state */
	struct diag	*diag;		/* the funnel, in run */
	struct patterns	*re;		/* owned: compiled patterns */
	struct rule	*rules;		/* owned: content checks */
	size_t		 rulesz;	/* number of checks */
	const char	**slugs;	/* borrowed: review slugs, sorted */
	size_t		 slugsz;	/* number of slugs */
	struct review	**byslug;	/* borrowed reviews, by slug */
	char		*contentreal;	/* realpath of the content folder */
	char		*configpath;	/* contentdir/site.yaml */
	char		*title;		/* site title */
	char		*description;	/* site description */
	char		*base_url;	/* absolute, ends in '/' */
	char		*base_path;	/* path part of base_url, ends in '/' */
	char		*language;	/* e.g. en-GB */
	size_t		 feed_length;	/* items per feed */
	size_t		 feed_ttl;	/* feeds' <ttl>, minutes */
	size_t		 home_length;	/* reviews on the home page */
	size_t		 page_length;	/* reviews on a page of a list */
	char		*partnership;	/* or NULL */
	char		*logo;		/* file name in contentdir, or NULL */
	char		*logopath;	/* the logo's file, links resolved */
	char		*accent;	/* #rrggbb or NULL */
	char		*content_note;	/* shown on review pages and feeds */
	int		 allow_raw_html; /* raw HTML in Markdown kept */
	int		 search;	/* search: true, and no --no-search:
					 * a search page, box and index */
	size_t		 searchline;	/* line of "search" in site.yaml,
					 * or 0 */
	char		*zone;		/* time zone of the build date */
	struct vocab	 regions;	/* the nine regions */
	struct vocab	 themes;	/* learning themes */
	struct vocab	 agegroups;	/* age groups */
	struct vocab	 reviewtypes;	/* review types, first is default */
	struct review	*reviews;	/* owned: every review file read */
	size_t		 reviewsz;	/* number read */
	const struct review **pub;	/* borrowed: published, newest first */
	size_t		 pubsz;		/* number published */
	const struct review **recent;	/* owned array, borrowed reviews:
					 * pub, newest added first */
	const struct review **gone;	/* borrowed: withdrawn, by slug */
	size_t		 gonesz;	/* number withdrawn */
	struct vocab	 years;		/* years with reviews, newest first */
	struct vocab	*vocabs[VOCAB_PAGED]; /* those with pages */
	struct facet	 all;		/* all reviews: reviews/ */
	struct facet	*facets;	/* owned: theme x region, then theme
					 * x year, each by theme */
	size_t		 facetsz;	/* number of facets */
	size_t		 regionfacetsz;	/* the first ones: theme x region */
	const struct review **facetrevs; /* owned: the facets' reviews */
	struct listpage	*lists;		/* owned: every page of every list */
	size_t		 listsz;	/* number of list pages */
	struct page	*pages;		/* owned standalone pages */
	size_t		 pagesz;	/* number of pages */
	struct month	*months;	/* owned: months with reviews added,
					 * newest first (month.c) */
	size_t		 monthsz;	/* number of months */
	const struct review **monthrevs; /* owned: the months' themes'
					 * reviews, then their pages' */
	struct monththeme *monththemes;	/* owned: the months' themes, then
					 * their pages' */
	struct monthpage *monthpages;	/* owned: every page of every
					 * month, newest month first */
	size_t		 monthpagesz;	/* number of month pages */
	size_t		 updatepagesz;	/* pages of updates/, >= 1 */
	struct date	 today;		/* build date */
	time_t		 now;		/* build time (SOURCE_DATE_EPOCH) */
	int		 nowset;	/* SOURCE_DATE_EPOCH was set */
	struct sitetheme *sitetheme;	/* loaded templates */
	long		*holidays;	/* owned: bank holidays on weekdays,
					 * days since 1970, sorted, unique
					 * (date_holidays) */
	size_t		 holidaysz;	/* number of holidays */
	struct date	*extraholidays;	/* owned: site.yaml's bank_holidays */
	size_t		 extraholidaysz; /* number given there */
	size_t		 recsz;		/* recommendations of the published
					 * reviews (recs_index) */
};

/* The kinds of output page, each written by one function in page.c. */
enum pagekind {
	PK_HOME,		/* index.html */
	PK_REVIEW,		/* reviews/<slug>/ */
	PK_TERM,		/* <vocab dir>/<slug>/: a theme, region, year */
	PK_TERMS,		/* <vocab dir>/: the index of a vocabulary */
	PK_PAGE,		/* <slug>/, a standalone page */
	PK_404,			/* 404.html */
	PK_INSIGHTS,		/* insights/ */
	PK_WITHDRAWN,		/* reviews/<slug>/ of a withdrawn review */
	PK_FACET,		/* reviews/, themes/<t>/regions/<r>/ and
				 * themes/<t>/years/<y>/ */
	PK_SEARCH,		/* search/, when search is on */
	PK_FOLLOW,		/* follow/: how to follow, every feed */
	PK_UPDATES,		/* updates/, and its page/N/ */
	PK_MONTH,		/* updates/YYYY-MM/, and its page/N/ */
	PK_RECS,		/* recommendations/, when there are any */
	PK__MAX
};

/* The groups of feeds on the follow page (follow.c). */
enum feedkind {
	FEED_SITE,		/* the whole site: feed.xml */
	FEED_UPDATES,		/* one item a month: updates/feed.xml */
	FEED_THEME,		/* themes/<slug>/feed.xml */
	FEED_REGION,		/* regions/<slug>/feed.xml */
	FEED_FACET,		/* themes/<t>/regions/<r>/feed.xml */
	FEED__MAX
};

/* One feed the site writes (follow_feeds): the follow page, OPML. */
struct feedref {
	enum feedkind	 kind;		/* its group */
	char		*name;		/* "Neglect in London", owned */
	char		*rel;		/* "themes/neglect/feed.xml", owned */
	char		*dir;		/* its page, "themes/neglect/", owned */
	char		*id;		/* its entry's id on the follow page,
					 * owned (follow_id) */
	size_t		 count;		/* reviews in it, all of them */
};

/* The template files of a site theme. */
enum tmplkind {
	TK_LAYOUT,		/* layout.html: the whole document */
	TK_HOME,		/* home.html */
	TK_REVIEW,		/* review.html */
	TK_LIST,		/* list.html: a theme, region, year, facet
				 * or all reviews */
	TK_TERMS,		/* terms.html: the themes, regions, years */
	TK_PAGE,		/* page.html: standalone pages and 404 */
	TK_SEARCH,		/* search.html, else the built-in one */
	TK_UPDATES,		/* updates.html, else the built-in one */
	TK_MONTH,		/* month.html, else the built-in one */
	TK__MAX
};

#endif /* !LCSPR_H */
