/*
 * lcspr: the machinery the stages share beside the model (lcspr.h):
 * buffers, the diagnostics funnel, the build's changing state (struct
 * run), the parsers' types (YAML, patterns), the output folder and the
 * template engine's values.  Include after lcspr.h, before extern.h.
 */
#ifndef INTERNAL_H
#define INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <pthread.h>
#include <signal.h>
#include <yaml.h>

/* FNV-1a's offset basis: where util_fnv starts. */
#define UTIL_FNV0	14695981039346656037ULL

/* A growable byte buffer, always NUL-terminated once used. */
struct buf {
	char		*data;		/* owned, or NULL when empty */
	size_t		 len;		/* bytes used, without the NUL */
	size_t		 max;		/* bytes allocated */
};

/* How util_run runs a program (Poppler's tools, Pagefind). */
struct runspec {
	const char	*dir;		/* its working folder, or NULL */
	int		 errout;	/* its stderr into the output too (else
					 * to /dev/null) */
	int		 secs;		/* stopped after this many seconds */
	const int	*stop;		/* stopped when *stop > 0, or NULL */
	size_t		 max;		/* output kept, in bytes; 0: all */
};

/* What util_run returns besides an exit status. */
#define RUN_NOSTART	(-1)	/* it could not be started (errno) */
#define RUN_TIMEOUT	(-2)	/* it took longer than secs */
#define RUN_STOPPED	(-3)	/* *stop was set */

/*
 * Rendered review bodies wait in an unlinked temporary file until
 * their page is written, so they do not all sit in memory at once.
 */
struct spool {
	int		 fd;		/* the file, or -1: bodies stay in memory */
	off_t		 end;		/* bytes written, taken atomically */
};

/* One block of an arena. */
struct arenachunk {
	struct arenachunk *next;	/* older chunk */
	size_t		 size;		/* bytes in mem */
	size_t		 used;		/* bytes handed out */
	char		 mem[];		/* the storage */
};

/* Short-lived allocations freed together (one page's strings). */
struct arena {
	struct arenachunk *head;	/* newest chunk, or NULL */
};

/* One thread's scratch space for writing pages. */
struct render {
	struct buf	 raw;		/* the page as serialised */
	struct buf	 out;		/* the page with the HTML spliced in */
	void		*dict;		/* xmlDictPtr: names, template text */
	struct buf	 body;		/* the review body read back */
	struct arena	 arena;		/* lent to each page (page.c) */
};

/* One diagnostic, held until the stage that raised it is flushed. */
struct diagmsg {
	char		*path;		/* file the message is about */
	size_t		 line;		/* 1-based line, 0 when none */
	size_t		 col;		/* 1-based column, 0 when none */
	int		 error;		/* 1 error, 0 warning */
	size_t		 seq;		/* order raised, for stable sorting */
	char		*text;		/* the message, lower case, no period */
};

/* The diagnostics funnel: collects, sorts, prints, counts. */
struct diag {
	pthread_mutex_t	 lock;		/* stages run on several threads */
	struct diagmsg	*msgs;		/* pending, not yet printed */
	size_t		 msgsz;		/* number pending */
	size_t		 msgmax;	/* allocated */
	size_t		 errors;	/* errors printed or pending */
	size_t		 warnings;	/* warnings printed or pending */
	size_t		 seq;		/* next sequence number */
};

/* A content check: a pattern for what must not be published. */
struct rule {
	char		*name;		/* e.g. "nhs-number" */
	char		*message;	/* what a match is, for the finding */
	int		 error;		/* 1 error, 0 warning */
	int		 off;		/* switched off in site.yaml */
	pcre2_code	*re;		/* compiled (JIT where available) */
	int		(*confirm)(const char *, size_t); /* or NULL */
	unsigned	 prefilter;	/* facts a file needs, or 0 */
	size_t		 line;		/* site.yaml line, 0 for built-ins */
};

/* One top-level key of a YAML mapping (front matter or site.yaml). */
struct field {
	const char	*key;		/* borrowed from the yaml document */
	size_t		 line;		/* line of the key in the file */
	yaml_node_t	*value;		/* borrowed from the yaml document */
	int		 reported;	/* front_load reported its value */
};

/* A file split into YAML and body, and the YAML loaded. */
struct front {
	const char	*path;		/* borrowed: the file */
	const char	*yaml;		/* borrowed: start of the YAML text */
	size_t		 yamlsz;	/* its length */
	size_t		 yamlline;	/* file line of the YAML's first line */
	const char	*body;		/* borrowed: text after the closing --- */
	size_t		 bodysz;	/* its length */
	size_t		 bodyline;	/* file line where the body starts */
	yaml_document_t	 doc;		/* owned once loaded */
	int		 loaded;	/* doc must be deleted */
	int		 mapping;	/* the top level is a mapping */
	struct field	*fields;	/* owned array of top-level keys */
	size_t		 fieldsz;	/* number of keys */
};

/*
 * The text a reader sees of a file, for the content checks (norm.c):
 * escapes and entities decoded, Unicode spaces made spaces, invisible
 * characters dropped, each byte knowing where in the file it came from.
 */
struct norm {
	const char	*text;		/* buf, or borrowed: the file as it is */
	size_t		 len;		/* length of text */
	size_t		 srclen;	/* length of the file */
	char		*buf;		/* owned copy, or NULL: no change */
	size_t		*from;		/* owned: each byte's file offset */
	size_t		*to;		/* owned: the end of its source */
};

/* Where a Markdown text sits, to rewrite its links to content files. */
struct mdlinks {
	struct site	*site;		/* slugs, vocabularies, pages, diag */
	const char	*path;		/* the file, for messages */
	size_t		 line0;		/* file line of the text's first line */
	const char	*prefix;	/* relative URL of the site root */
	const struct review *from;	/* the review linking, or NULL */
	size_t		 col0;		/* columns before the text on each of
					 * its lines (an indented YAML block
					 * in front matter), or 0 */
};

/* A content file while doc_read reads it. */
struct doc {
	const char	*path;		/* borrowed: the file */
	char		*text;		/* owned: the whole file */
	size_t		 len;		/* its length */
	struct front	 f;		/* its front matter, if the kind has one */
	const char	*body;		/* borrowed: the Markdown after it */
	size_t		 bodysz;	/* its length */
	size_t		 bodyline;	/* file line where the body starts */
	struct allow	*allow;		/* borrowed: front-matter exceptions */
	size_t		 allowsz;	/* their number */
	int		 fieldsok;	/* the front matter was read cleanly */
	int		 draft;		/* a draft review: its placeholders
					 * may stay until it is published */
	const struct review *from;	/* the review whose body it is, or NULL */
	int		 wantpara;	/* keep the first paragraph in para */
	char		*para;		/* for done to take: first paragraph */
	char		*html;		/* for done to take: body, or NULL */
};

/* A kind of content file: what doc_read does differently for it. */
struct dockind {
	int		 front;		/* it starts with front matter */
	const char	*prefix;	/* relative URL of the site root */
	const char	*notext;	/* error for a blank body, or NULL */
	int		 strict;	/* render only when nothing else failed */
	int		 stale;		/* report unused exceptions at once */
	int		(*fields)(struct site *, struct doc *, void *, int);
					/* front matter into the object: ok */
	int		(*done)(struct site *, struct doc *, void *, int);
					/* take the result: the final ok */
};

/* Patterns compiled once per build, shared read-only by threads. */
struct patterns {
	pcre2_code	*slug;		/* [a-z0-9]+(-[a-z0-9]+)* */
	pcre2_code	*colour;	/* #rrggbb */
	pcre2_code	*utf8;		/* empty pattern in UTF mode */
	pcre2_code	*ethnic;	/* ethnicity, race, culture, religion */
};

/*
 * What changes while the build's threads run, beside the model: pages
 * get a const struct site and reach this through site->run.
 */
struct run {
	struct diag	 diag;		/* the diagnostics funnel */
	struct spool	 spool;		/* rendered bodies */
	struct xref	*xrefs;		/* owned: links to reviews */
	size_t		 xrefsz;	/* number of links */
	pthread_mutex_t	 xreflock;	/* reviews are read on threads */
	struct attach	**attach;	/* owned: linked local files */
	size_t		 attachsz;	/* number of attachments */
	size_t		*attachhash;	/* buckets: index + 1, 0 empty */
	size_t		 attachhashsz;	/* number of buckets */
	struct attachref *attachrefs;	/* owned: links to attachments */
	size_t		 attachrefsz;	/* number of links */
	pthread_mutex_t	 attachlock;	/* attachments are linked on threads */
	int		 attachfailed;	/* an attachment had an error */
	struct tmplcache *cache;	/* while writing pages, or NULL */
};

/* The output folder while a build writes into its staging folder. */
struct output {
	struct diag	*diag;		/* borrowed funnel */
	char		*final;		/* the output folder, as given */
	char		*stage;		/* staging folder beside it */
	int		 dirfd;		/* open on stage */
	int		 lockfd;	/* the lock beside final, or -1 */
	int		 failed;	/* a write failed (reported) */
	int		 stop;		/* signal that stops the build, or 0;
					 * -1 once too late (atomic) */
	int		 sigon;		/* the signal thread runs */
	pthread_t	 sigtid;	/* the signal thread */
	sigset_t	 sigs;		/* SIGINT, SIGTERM, SIGHUP */
	sigset_t	 oldmask;	/* the signal mask before */
	double		 removesecs;	/* time to remove the old site */
	char		**gone;		/* owned: what the old site had and
					 * the new has not ("reviews/x/") */
	size_t		 gonesz;	/* number of names in gone */
	size_t		 gonemax;	/* allocated length of gone */
	size_t		 gonepages;	/* those that are page folders */
};

/*
 * A file built into the program (embed.c; scripts/embed writes the
 * table): the default site theme and the skeleton of a new site.
 */
struct embedfile {
	const char	*name;		/* path in a new site, e.g.
					 * "themes/default/layout.html" */
	const unsigned char *data;	/* its bytes, then a NUL */
	size_t		 size;		/* bytes, without the NUL */
};

/* The built-in site theme's files are named under this folder. */
#define EMBED_THEME	"themes/default"

/* What a template field holds. */
enum ftype {
	FT_TEXT,		/* text, escaped as text or attribute */
	FT_HTML,		/* rendered HTML (Markdown) */
	FT_FLAG,		/* true or false, for if/unless */
	FT_LIST			/* items, for each */
};

/*
 * What a field's value depends on (field.c's table): template.c keeps
 * a filled part of a template for other pages from this alone.
 */
enum fdep {
	FD_SITE,		/* the site: the same on every page */
	FD_PREFIX,		/* the site and the page's URL prefix */
	FD_ITEM,		/* the list item that answers it (else the
				 * page's own review or term), and the prefix */
	FD_PAGE			/* the page itself */
};

/* A link in a list: a feed, a breadcrumb, a standalone page. */
struct link {
	const char	*title;		/* borrowed text */
	const char	*url;		/* relative URL, arena-owned */
};

/* A link to a page of a list, in its pagination. */
struct pagelink {
	size_t		 n;		/* the page, from 1; 0: a gap */
	const char	*url;		/* relative URL, arena-owned */
	const char	*title;		/* "Page 3", arena-owned */
};

/* A field's value, borrowed from the model or the page's arena. */
struct val {
	enum ftype	 type;		/* what it holds */
	const char	*text;		/* FT_TEXT, FT_HTML; NULL is empty */
	int		 flag;		/* FT_FLAG */
	enum ctxkind	 item;		/* FT_LIST: the items' kind */
	const void	*items;		/* FT_LIST: the array */
	size_t		 stride;	/* FT_LIST: bytes an item, 0: pointers */
	size_t		 n;		/* FT_LIST: number of items */
};

/* A scope for field lookups: an item inside its enclosing scopes. */
struct ctx {
	enum ctxkind	 kind;		/* what obj is */
	const void	*obj;		/* borrowed */
	const struct ctx *up;		/* enclosing scope, NULL at the top */
	struct pagectx	*page;		/* the page being written */
};

/* One page being written: what the page-wide fields need. */
struct pagectx {
	const struct site *site;	/* borrowed */
	enum pagekind	 kind;		/* what page this is */
	char		*path;		/* output file, relative to site/ */
	const char	*dir;		/* the page's URL path, "" for home */
	const char	*prefix;	/* relative URL of the site root */
	const char	*title;		/* page-title */
	const char	*description;	/* page-description, or NULL */
	const struct review *review;	/* PK_REVIEW */
	const struct term *term;	/* PK_TERM */
	const struct facet *facet;	/* PK_FACET */
	const struct listpage *list;	/* PK_TERM, PK_FACET: which page */
	const struct review **revs;	/* the list's reviews on this page */
	size_t		 revsz;		/* their number */
	struct pagelink	*plinks;	/* arena: the pagination's pages */
	size_t		 plinksz;	/* their number, 0 with one page */
	const char	*prevurl;	/* the page before, or NULL */
	const char	*nexturl;	/* the page after, or NULL */
	struct link	*wider;		/* arena: the lists around a facet */
	size_t		 widersz;	/* their number */
	const struct page *page;	/* PK_PAGE */
	const struct vocab *terms;	/* PK_TERMS: the vocabulary */
	struct link	*feeds;		/* arena: this page's feeds */
	size_t		 feedsz;	/* number of feeds */
	struct link	*crumbs;	/* arena: breadcrumbs above it */
	size_t		 crumbsz;	/* number of crumbs */
	struct arena	 arena;		/* this page's strings */
	const char	*body;		/* PK_REVIEW: its body, read back */
	const struct month *months;	/* PK_UPDATES: this page's months */
	size_t		 monthsz;	/* their number */
	const struct monthpage *mpage;	/* PK_MONTH: which month, which page */
};

/* scan.c, front.c: the prototypes with pcre2 and yaml types */
int		 scan_match(const pcre2_code *, const char *);
size_t		 front_line(const struct front *, const yaml_node_t *);
yaml_node_t	*front_node(struct front *, int);
const char	*front_scalar(const yaml_node_t *);
int		 front_isnull(const yaml_node_t *);

/* field.c: the prototypes with template engine types */
int		 field_find(const char *, enum ftype *);
enum fdep	 field_dep(int, unsigned *, unsigned *);

#endif /* !INTERNAL_H */
