/*
 * lcspr: the prototypes shared between files, grouped by file in
 * pipeline order.  Everything else is static.
 */
#ifndef EXTERN_H
#define EXTERN_H

#include <stdint.h>
#include <stdio.h>

/* libxml2's trees (xmlNode, xmlDoc), for html.c's parts of pages. */
struct _xmlDoc;
struct _xmlNode;

/* Types of internal.h, for the files that do not include it. */
struct arena;
struct buf;
struct ctx;
struct diag;
struct doc;
struct embedfile;
struct dockind;
struct field;
struct front;
struct link;
struct mdlinks;
struct norm;
struct output;
struct pagectx;
struct patterns;
struct render;
struct rule;
struct run;
struct runspec;
struct spool;
struct val;

/* diag.c */
void		 diag_init(struct diag *);
void		 diag_error(struct diag *, const char *, size_t,
		    const char *, ...) __attribute__((format(printf, 4, 5)));
void		 diag_warn(struct diag *, const char *, size_t,
		    const char *, ...) __attribute__((format(printf, 4, 5)));
void		 diag_finding(struct diag *, int, const char *, size_t,
		    size_t, const char *, ...)
		    __attribute__((format(printf, 6, 7)));
void		 diag_flush(struct diag *, FILE *);
void		 diag_puts(FILE *, const char *);
void		 diag_free(struct diag *);

/* util.c */
double		 util_now(void);
uint64_t	 util_fnv(uint64_t, const void *, size_t);
void		*xmalloc(size_t);
void		*xcalloc(size_t, size_t);
void		*xreallocarray(void *, size_t, size_t);
char		*xstrdup(const char *);
char		*xstrndup(const char *, size_t);
char		*xasprintf(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
void		 buf_add(struct buf *, const void *, size_t);
void		 buf_puts(struct buf *, const char *);
void		 buf_free(struct buf *);
int		 util_write(int, const void *, size_t);
int		 util_run(char *const [], const struct runspec *,
		    struct buf *);
void		 spool_open(struct spool *);
int		 spool_put(struct spool *, const char *, size_t, off_t *);
int		 spool_get(const struct spool *, off_t, size_t, struct buf *);
void		 spool_close(struct spool *);
void		*arena_alloc(struct arena *, size_t);
char		*arena_printf(struct arena *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
void		 arena_reset(struct arena *);
void		 arena_free(struct arena *);

/* embed.c */
const struct embedfile *embed_list(size_t *);
const struct embedfile *embed_find(const char *);
int		 embed_copy(struct output *, const char *, const char *);

/* date.c */
int		 date_parse(const char *, struct date *);
int		 date_cmp(const struct date *, const struct date *);
long		 date_diff(const struct date *, const struct date *);
int		 date_within6(const struct date *, const struct date *);
int		 date_zone(const char *);
void		 date_settz(const char *);
void		 date_from_time(time_t, struct date *);
void		 date_ahead(struct site *, const struct review *,
		    const size_t *, size_t);
int		 date_build_time(time_t *);
char		*date_iso(const struct date *, char *, size_t);
void		 date_human(const struct date *, char *, size_t);
void		 date_rfc822(const struct date *, char *, size_t);
void		 date_rfc822_time(time_t, char *, size_t);
int		 date_weekday(const struct date *);
void		 date_holidays(struct site *);
long		 date_workdays(const struct site *, const struct date *,
		    const struct date *);
void		 date_months(const struct date *, const struct date *, int *,
		    int *);
/* date.c: monthly updates */
char		*date_monthname(const struct date *);

/* scan.c */
void		 scan_patterns_init(struct patterns *);
void		 scan_patterns_free(struct patterns *);
int		 scan_utf8(const struct patterns *, const char *, size_t,
		    size_t *);
int		 scan_read(struct diag *, const struct patterns *,
		    const char *, char **, size_t *);
void		 scan_marks(struct diag *, const char *, const char *,
		    size_t, int);
int		 scan_readconfig(struct diag *, const struct patterns *,
		    const char *, int, char **, size_t *);
size_t		 scan_dir(struct diag *, const char *, char ***);
int		 scan_content(struct diag *, const char *, const char *);
int		 scan_reviewslug(const char *);
char		*scan_slug(struct diag *, const struct patterns *,
		    const char *);

/* front.c */
int		 front_split(struct diag *, const char *, const char *,
		    size_t, struct front *);
int		 front_load(struct diag *, struct front *);
int		 front_bool(struct diag *, const struct front *,
		    const struct field *, int *);
void		 front_free(struct front *);

/* vocab.c */
void		 vocab_index(struct vocab *);
struct term	*vocab_own(struct vocab *, const struct term *);
const struct term *vocab_find(const struct vocab *, const char *);
size_t		 vocab_distance(const char *, const char *, size_t);
const char	*vocab_nearest(const char *, const char *const *, size_t);
const char	*vocab_suggest(const struct vocab *, const char *);
size_t		 vocab_bywords(const struct vocab *, const char *,
		    const char **, size_t);
char		*vocab_didyoumean(const char *const *, size_t);
char		*vocab_list(const char *const *, size_t, const char *);
char		*vocab_hint(const struct vocab *, const char *);
int		 vocab_samekey(const char *, const char *);
const char	*vocab_nearkey(const char *, const char *const *, size_t,
		    const struct synonym *);
char		*vocab_slugify(const char *);
const struct vocab *vocab_paged(const struct site *, const struct term *);
void		 vocab_unknownfield(struct diag *, const char *, size_t,
		    const char *, const char *, const char *const *, size_t);
void		 term_free(struct term *);
void		 vocab_free(struct vocab *);

/* config.c */
void		 config_vocabs(struct site *);
int		 config_read(struct site *);
void		 config_free(struct site *);

/* markdown.c */
char		*markdown_render(const char *, size_t, int, char **,
		    size_t *, const struct mdlinks *, int *);

/* attach.c */
void		 attach_init(struct site *);
const char	*attach_type(const char *);
int		 attach_link(struct site *, const struct mdlinks *,
		    const char *, size_t, size_t, char **, char **);
int		 attach_finish(struct site *);
int		 attach_copy(const struct site *, struct output *);
void		 attach_free(struct site *);

/* norm.c */
void		 norm_text(struct norm *, const char *, size_t,
		    const struct front *);
size_t		 norm_start(const struct norm *, size_t);
size_t		 norm_end(const struct norm *, size_t);
void		 norm_free(struct norm *);

/* check.c */
void		 check_init(struct site *);
const struct rule *check_find(const struct site *, const char *, int *);
int		 check_known(struct site *, const char *, size_t,
		    const char *);
int		 check_add(struct site *, const char *, size_t, const char *,
		    const char *, const char *, int);
char		*check_mask(const char *, size_t);
int		 check_allowed(const char *, struct allow *, size_t);
void		 check_meta(struct site *, const char *, size_t, size_t,
		    struct allow *, size_t, const char *, const char *);
int		 check_text(struct site *, const char *, const char *, size_t,
		    const struct front *, struct allow *, size_t);
void		 check_review(struct site *, struct review *, const char *,
		    size_t, size_t, int, size_t, size_t);
int		 check_document(struct site *, const char *, const char *,
		    size_t, const char *);
const struct rule *check_on(const struct site *, const char *);
void		 check_stale(struct site *, const char *, struct allow *,
		    size_t);
int		 check_reviews(struct site *);
int		 check_links(struct site *);
void		 check_free(struct site *);

/* doc.c */
int		 doc_body(struct diag *, const char *, const char *, size_t,
		    size_t);
int		 doc_read(struct site *, const struct dockind *, const char *,
		    void *);

/* review.c */
int		 review_allow(struct site *, struct front *,
		    const struct field *, struct allow **, size_t *);
int		 review_read(struct site *, struct review *);
const struct rfield **review_columns(size_t *);
void		 review_free(struct review *);

/* recs.c */
int		 recs_read(struct site *, struct front *,
		    const struct field *, struct review *);
void		 recs_check(struct site *, const struct review *,
		    const char *, size_t, size_t);
void		 recs_free(struct rec *, size_t);
void		 recs_index(struct site *);
const char	*recs_word(enum recstatus);
const char	*recs_status(enum recstatus);
int		 recs_pastdue(const struct site *, const struct rec *);
const char	*recs_to(const struct rec *, struct buf *);

/* intro.c */
int		 intro_scan(struct site *);
int		 intro_read(struct site *);
void		 intro_free(struct site *);

/* index.c */
void		 index_onsite(struct site *);
void		 index_build(struct site *);
void		 index_free(struct site *);
void		 index_recent(const struct review **, size_t);
int		 index_recentcmp(const struct review *, const struct review *);

/* month.c */
void		 month_index(struct site *);
void		 month_free(struct site *);

/* html.c */
struct _xmlNode	*html_el(struct _xmlNode *, const char *, const char *);
void		 html_attr(struct _xmlNode *, const char *, const char *);
void		 html_attrf(struct _xmlNode *, const char *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
struct _xmlNode	*html_link(struct _xmlNode *, const char *, const char *,
		    const char *);
struct _xmlNode	*html_section(struct _xmlNode *, const char *, const char *,
		    const char *, const char *);
struct _xmlNode	*html_tablebox(struct _xmlNode *, const char *, const char *,
		    const char *);
struct _xmlNode	*html_table(struct _xmlNode *, const char *, const char *,
		    const char *, const char *const *, size_t);
struct _xmlNode	*html_row(struct _xmlNode *, const char *, const char *const *,
		    size_t);
char		*html_dump(struct _xmlDoc *, struct _xmlNode *);

/* insight.c */
char		*insight_html(const struct site *, const char *);
char		*insight_glance(const struct review *const *, size_t,
		    enum glance);
int		 insight_pct(size_t, size_t);

/* recpage.c */
char		*recpage_html(const struct site *, const char *);

/* field.c */
void		 field_get(const struct ctx *, int, struct val *);
int		 field_empty(const struct val *);
const void	*field_item(const struct val *, size_t);

/* template.c */
struct sitetheme *template_load(struct diag *, const char *);
void		 template_free(struct sitetheme *);
int		 template_safeurl(const char *);
struct tmplcache *template_cache_new(const struct sitetheme *,
		    const struct site *);
void		 template_cache_free(struct tmplcache *);
int		 template_render(const struct sitetheme *, struct tmplcache *,
		    enum tmplkind, const struct ctx *, struct render *);

/* page.c */
int		 page_home(const struct site *, struct output *,
		    struct render *);
int		 page_review(const struct site *, const struct review *,
		    struct output *, struct render *);
int		 page_withdrawn(const struct site *, const struct review *,
		    struct output *, struct render *);
int		 page_list(const struct site *, const struct listpage *,
		    struct output *, struct render *);
int		 page_terms(const struct site *, const struct vocab *,
		    struct output *, struct render *);
int		 page_standalone(const struct site *, const struct page *,
		    struct output *, struct render *);
int		 page_404(const struct site *, struct output *, struct render *);
int		 page_search(const struct site *, struct output *, struct render *);
int		 page_insights(const struct site *, struct output *,
		    struct render *);
int		 page_recs(const struct site *, struct output *,
		    struct render *);
int		 page_sitemap(const struct site *, struct output *);
int		 page_robots(const struct site *, struct output *);
int		 page_follow(const struct site *, struct output *,
		    struct render *);
/* page.c: monthly updates */
int		 page_updates(const struct site *, size_t, struct output *,
		    struct render *);
int		 page_month(const struct site *, const struct monthpage *,
		    struct output *, struct render *);

/* feed.c */
int		 feed_site(const struct site *, struct output *);
int		 feed_term(const struct site *, struct output *,
		    const struct vocab *, const struct term *);
int		 feed_facet(const struct site *, struct output *,
		    const struct facet *);
int		 feed_save(struct output *, const char *, struct _xmlDoc *);
/* feed.c: monthly updates */
int		 feed_updates(const struct site *, struct output *);

/* follow.c */
char		*follow_id(const char *);
size_t		 follow_feeds(const struct site *, struct feedref **);
void		 follow_free(struct feedref *, size_t);
char		*follow_html(const struct site *, const char *);
int		 follow_opml(const struct site *, struct output *);

/* data.c */
int		 data_json(const struct site *, struct output *);
int		 data_csv(const struct site *, struct output *);
const char	*data_reccol(size_t, const char **);
int		 data_recjson(const struct site *, struct output *);
int		 data_reccsv(const struct site *, struct output *);

/* output.c */
int		 output_open(const struct site *, struct output *);
int		 output_mkdir(struct output *, const char *);
int		 output_write(struct output *, const char *, const void *,
		    size_t);
int		 output_copyfile(struct output *, const char *, const char *);
int		 output_copytree(struct output *, const char *, const char *);
int		 output_commit(struct output *);
int		 output_stopped(struct output *);
void		 output_gone(const struct output *, FILE *);
void		 output_free(struct output *);
void		 output_rmtree(const char *);

/* search.c */
int		 search_index(const struct site *, struct output *);

/* main.c */
void		 main_defaults(struct opts *);
int		 main_env(struct opts *);
int		 main_jobs(const char *, struct opts *);
char		*main_themedir(struct opts *);

/* build.c */
int		 build_start(struct site *, const struct opts *);
void		 build_free(struct site *);

/* new.c */
int		 new_cmd(int, char *[]);
int		 build_check(const struct opts *);
int		 build_run(const struct opts *);
char		*build_basepath(const struct opts *);
int		 build_load(struct site *);

/* serve.c */
int		 serve_main(int, char *[]);

/* init.c */
int		 init_main(int, char *[]);

/* mime.c */
size_t		 mime_qplen(const char *, size_t);
void		 mime_qp(struct buf *, const char *, size_t);
void		 mime_header(struct buf *, const char *, const char *);

/* digest.c */
int		 digest_cmd(int, char *[]);

#endif /* !EXTERN_H */
