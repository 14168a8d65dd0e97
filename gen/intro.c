/*
 * The Markdown beside the reviews: intros for learning-theme and
 * region pages (content/themes/<slug>.md, content/regions/<slug>.md),
 * and standalone pages (content/pages/<slug>.md, with a title).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

/* The fields of a standalone page. */
static const char *const intro_keys[] = { "title", "summary", "allow" };
#define INTRO_KEYSZ (sizeof(intro_keys) / sizeof(intro_keys[0]))

/* A standalone page being read, with its exceptions. */
struct intropage {
	struct page	*p;		/* the page */
	struct allow	*allow;		/* owned: front-matter exceptions */
	size_t		 allowsz;	/* their number */
};

/* The front matter of a standalone page (doc_read's fields). */
static int
intro_pagefields(struct site *s, struct doc *d, void *arg, int ok)
{
	struct intropage *ip = arg;
	struct page	*p = ip->p;
	struct front	*f = &d->f;
	const char	*v, *near;
	size_t		 i;
	int		 titled = 0;

	for (i = 0; i < f->fieldsz; i++) {
		v = front_scalar(f->fields[i].value);
		titled |= strcmp(f->fields[i].key, "title") == 0;
		if (f->fields[i].reported)	/* by front_load */
			ok = 0;
		else if (strcmp(f->fields[i].key, "allow") == 0)
			ok &= review_allow(s, f, &f->fields[i], &ip->allow,
			    &ip->allowsz);
		else if (strcmp(f->fields[i].key, "title") != 0 &&
		    strcmp(f->fields[i].key, "summary") != 0) {
			near = vocab_nearkey(f->fields[i].key, intro_keys,
			    INTRO_KEYSZ, NULL);
			vocab_unknownfield(s->diag, p->path, f->fields[i].line,
			    f->fields[i].key, near, intro_keys, INTRO_KEYSZ);
			/* Not also "missing": this is it, misspelt. */
			titled |= near != NULL && strcmp(near, "title") == 0;
			ok = 0;
		} else if (v == NULL || front_isnull(f->fields[i].value) ||
		    *v == '\0') {
			diag_error(s->diag, p->path, f->fields[i].line,
			    "\"%s\" must be text and not empty",
			    f->fields[i].key);
			ok = 0;
		} else if (strcmp(f->fields[i].key, "title") == 0)
			p->title = xstrdup(v);
		else
			p->summary = xstrdup(v);
	}
	if (f->loaded && f->mapping && !titled) {
		diag_error(s->diag, p->path, 1, "required field \"title\" "
		    "is missing");
		ok = 0;
	}
	d->allow = ip->allow;
	d->allowsz = ip->allowsz;
	return ok;
}

/* The rendered body of a standalone page (doc_read's done). */
static int
intro_pagedone(struct site *s, struct doc *d, void *arg, int ok)
{
	struct intropage *ip = arg;

	(void)s;
	ip->p->body = d->html;
	return ok;
}

/* The rendered intro of a theme or region (doc_read's done). */
static int
intro_termdone(struct site *s, struct doc *d, void *arg, int ok)
{
	struct term	*t = arg;

	(void)s;
	t->intro = d->html;
	return ok;
}

/* A standalone page: rendered only when all of it is good. */
static const struct dockind intro_pagekind = {
	1, "../", NULL, 1, 1, intro_pagefields, intro_pagedone
};

/* A theme or region intro: Markdown alone, no front matter. */
static const struct dockind intro_termkind = {
	0, "../../", NULL, 0, 0, NULL, intro_termdone
};

/* Read one standalone page into p. */
static int
intro_page(struct site *s, struct page *p)
{
	struct intropage ip;
	size_t		 i;
	int		 ok;

	memset(&ip, 0, sizeof(ip));
	ip.p = p;
	ok = doc_read(s, &intro_pagekind, p->path, &ip);
	for (i = 0; i < ip.allowsz; i++)
		free(ip.allow[i].rule);
	free(ip.allow);
	return ok;
}

/* Read the intros in contentdir/sub for the terms of v. */
static int
intro_vocab(struct site *s, const char *sub, struct vocab *v)
{
	char		**paths, *dir, *slug;
	size_t		 n, i;
	struct term	*t;
	int		 ok = 1;

	dir = xasprintf("%s/%s", s->opts->contentdir, sub);
	n = scan_dir(s->diag, dir, &paths);
	for (i = 0; i < n; i++) {
		if ((slug = scan_slug(s->diag, s->re, paths[i])) == NULL) {
			ok = 0;
			goto next;
		}
		t = vocab_own(v, vocab_find(v, slug));
		if (t == NULL || strcmp(t->slug, slug) != 0) {
			const char *near = vocab_suggest(v, slug);

			const struct term *nt = near != NULL ?
			    vocab_find(v, near) : NULL;

			if (t != NULL)
				nt = t;
			if (nt != NULL)
				diag_error(s->diag, paths[i], 1, "no %s has "
				    "the slug \"%s\": to write the intro for "
				    "\"%s\", rename this file %s.md", v->what,
				    slug, nt->name, nt->slug);
			else
				diag_error(s->diag, paths[i], 1, "no %s has "
				    "the slug \"%s\": name the file after a "
				    "slug in site.yaml, or add the %s there",
				    v->what, slug, v->what);
			ok = 0;
		} else
			ok &= doc_read(s, &intro_termkind, paths[i], t);
		free(slug);
next:
		free(paths[i]);
	}
	free(paths);
	free(dir);
	return ok;
}

/* Output folders a standalone page may not take, and what uses them. */
static const struct {
	const char	*slug;		/* the folder */
	const char	*what;		/* "the %s" in the message */
} intro_reserved[] = {
	{ "assets", "site's styles and images" }, { "data", "open data" },
	{ "insights", "insights page" }, { "regions", "list of regions" },
	{ "reviews", "reviews" }, { "themes", "list of themes" },
	{ "years", "list of years" },
	{ "follow", "follow page" }, { "updates", "monthly updates" },
	{ "recommendations", "recommendations page" },
	{ "search", "search page" },
};
#define INTRO_RESERVEDSZ (sizeof(intro_reserved) / sizeof(intro_reserved[0]))

/*
 * List the standalone pages (their paths and slugs, checked), before
 * any content is read, so that links to them can be checked.  Returns
 * 1 on success, 0 when problems were reported.
 */
int
intro_scan(struct site *s)
{
	char		**paths, *dir;
	size_t		 n, i, j;
	int		 ok = 1;
	struct page	*p;

	dir = xasprintf("%s/pages", s->opts->contentdir);
	n = scan_dir(s->diag, dir, &paths);
	free(dir);
	s->pages = xcalloc(n, sizeof(*s->pages));
	for (i = 0; i < n; i++) {
		p = &s->pages[s->pagesz];
		p->path = paths[i];
		if ((p->slug = scan_slug(s->diag, s->re, p->path)) == NULL) {
			ok = 0;
			free(p->path);
			continue;
		}
		for (j = 0; j < INTRO_RESERVEDSZ; j++)
			if (strcmp(p->slug, intro_reserved[j].slug) == 0)
				break;
		if (j < INTRO_RESERVEDSZ) {
			diag_error(s->diag, p->path, 1, "a page cannot be "
			    "called \"%s\": that web address is used for the "
			    "%s", p->slug, intro_reserved[j].what);
			ok = 0;
		}
		for (j = 0; j < s->pagesz; j++)
			if (strcmp(s->pages[j].slug, p->slug) == 0) {
				diag_error(s->diag, p->path, 1, "duplicate "
				    "page name \"%s\": %s has the same file "
				    "name, and each page needs its own web "
				    "address", p->slug, s->pages[j].path);
				ok = 0;
			}
		s->pagesz++;
	}
	free(paths);
	return ok;
}

/*
 * Read the theme and region intros and the standalone pages listed by
 * intro_scan.  Returns 1 on success, 0 when problems were reported.
 */
int
intro_read(struct site *s)
{
	size_t		 i;
	int		 ok = 1;

	for (i = 0; i < VOCAB_PAGED; i++)
		if (s->vocabs[i]->hasintro)
			ok &= intro_vocab(s, s->vocabs[i]->dir, s->vocabs[i]);
	for (i = 0; i < s->pagesz; i++)
		ok &= intro_page(s, &s->pages[i]);
	return ok;
}

/*
 * Free the standalone pages.
 */
void
intro_free(struct site *s)
{
	size_t	 i;

	for (i = 0; i < s->pagesz; i++) {
		free(s->pages[i].path);
		free(s->pages[i].slug);
		free(s->pages[i].title);
		free(s->pages[i].summary);
		free(s->pages[i].body);
	}
	free(s->pages);
}
