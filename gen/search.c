/*
 * Search: when site.yaml says "search: true", run Pagefind on the
 * staging folder once every page is written and before the swap, so
 * that the index (the folder pagefind/) is part of the new site, and a
 * failed index fails the build with the previous site kept.  Pagefind
 * runs as a child process, without a shell, in the staging folder (so
 * that no pagefind.yml of the caller's folder is read), with a time
 * limit; a signal that stops the build stops it too.
 */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

#ifndef SHAREDIR
#define SHAREDIR "/usr/local/share/lcspr"
#endif

/* Seconds Pagefind may take before it is stopped. */
#define SEARCH_TIMEOUT	600

/* What the messages say about how to get Pagefind. */
#define SEARCH_HOWTO	"run scripts/install-search-deps in lcspr's " \
	"source folder, or install Node.js and run \"npm install --global " \
	"pagefind@1.6.0\", or set LCSPR_PAGEFIND to the pagefind program; " \
	"or set \"search: false\" to build without search"

/* path, if it is a file that can be run, resolved; else NULL. */
static char *
search_runnable(const char *path)
{
	struct stat	 st;

	if (stat(path, &st) == -1 || !S_ISREG(st.st_mode) ||
	    access(path, X_OK) == -1)
		return NULL;
	return realpath(path, NULL);
}

/* The first of pagefind_extended and pagefind on PATH, or NULL. */
static char *
search_onpath(void)
{
	static const char *const names[] = { "pagefind_extended",
	    "pagefind" };
	const char	*path, *p, *end;
	char		*cand, *found;
	size_t		 i;

	if ((path = getenv("PATH")) == NULL || *path == '\0')
		return NULL;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		for (p = path; ; p = end + 1) {
			end = strchr(p, ':');
			if (end == NULL)
				end = p + strlen(p);
			if (end > p) {
				cand = xasprintf("%.*s/%s", (int)(end - p), p,
				    names[i]);
				found = search_runnable(cand);
				free(cand);
				if (found != NULL)
					return found;
			}
			if (*end == '\0')
				break;
		}
	return NULL;
}

/*
 * Find the pagefind program: LCSPR_PAGEFIND when set, else the copy of
 * scripts/install-search-deps (scripts/search/pagefind, from the
 * folder lcspr runs in), else the installed one (pagefind/pagefind in
 * the share folder, or LCSPR_SHAREDIR), else pagefind_extended or
 * pagefind on PATH.  Returns its absolute path, which the caller
 * frees, or NULL when reported.
 */
static char *
search_find(const struct site *s)
{
	const char	*e, *share;
	char		*p, *cand;

	if ((e = getenv("LCSPR_PAGEFIND")) != NULL && *e != '\0') {
		if ((p = search_runnable(e)) == NULL)
			diag_error(s->diag, s->configpath, s->searchline,
			    "LCSPR_PAGEFIND is \"%s\", which is not a program "
			    "that can be run: set it to the pagefind program, "
			    "or unset it", e);
		return p;
	}
	if ((p = search_runnable("scripts/search/pagefind")) != NULL)
		return p;
	if ((share = getenv("LCSPR_SHAREDIR")) == NULL || *share == '\0')
		share = SHAREDIR;
	cand = xasprintf("%s/pagefind/pagefind", share);
	p = search_runnable(cand);
	free(cand);
	if (p != NULL || (p = search_onpath()) != NULL)
		return p;
	diag_error(s->diag, s->configpath, s->searchline, "search is on "
	    "(\"search: true\") but Pagefind, which makes the search index, "
	    "is not installed: " SEARCH_HOWTO);
	return NULL;
}

/*
 * The last line of Pagefind's output that says something, made
 * printable, in a new string, or NULL.
 */
static char *
search_lastline(struct buf *b)
{
	char	*p, *start, *end, *r;

	if (b->data == NULL || b->len == 0)
		return NULL;
	end = b->data + b->len;
	while (end > b->data && (end[-1] == '\n' || end[-1] == '\r' ||
	    end[-1] == ' '))
		end--;
	if (end == b->data)
		return NULL;
	for (start = end; start > b->data && start[-1] != '\n'; start--)
		;
	r = xasprintf("%.*s", (int)(end - start), start);
	for (p = r; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return r;
}

/*
 * Run Pagefind prog in o's staging folder (util_run), on the review
 * pages only (when reviews is not 0), its output (standard output and
 * error) into out.  Returns what util_run returns.
 */
static int
search_spawn(struct output *o, char *prog, int reviews, struct buf *out)
{
	const struct runspec rs = { o->stage, 1, SEARCH_TIMEOUT, &o->stop,
	    65536 };
	char		*argv[7];
	/* posix_spawn's arguments are not const: writable copies. */
	char		 site[] = "--site", dot[] = ".", silent[] = "--silent";
	char		 glob[] = "--glob", pages[] = "reviews/*/index.html";

	argv[0] = prog;
	argv[1] = site;
	argv[2] = dot;
	argv[3] = silent;
	/* Only review pages are indexed (data-pagefind-body): the others
	 * are not read at all, which saves the time of the long lists.  With
	 * none, Pagefind would stop: it then reads every page. */
	argv[4] = reviews ? glob : NULL;
	argv[5] = reviews ? pages : NULL;
	argv[6] = NULL;
	return util_run(argv, &rs, out);
}

/*
 * Make the search index of the site written in o's staging folder,
 * when search is on (and not in lcspr serve, whose rebuilds must be
 * quick); with -v, say how long it took.  Returns 1 on success or when
 * there is nothing to do, 0 when reported (or stopped by a signal,
 * which build_run reports).
 */
int
search_index(const struct site *s, struct output *o)
{
	struct buf	 out = { NULL, 0, 0 };
	char		*prog, *last;
	double		 t0;
	int		 rc;

	if (!s->search || s->opts->serve)
		return 1;
	t0 = util_now();
	if ((prog = search_find(s)) == NULL)
		return 0;
	rc = search_spawn(o, prog, s->pubsz > 0, &out);
	last = search_lastline(&out);
	if (rc == RUN_NOSTART)
		diag_error(s->diag, s->configpath, s->searchline, "cannot run "
		    "Pagefind (\"%s\"): %s: " SEARCH_HOWTO, prog,
		    strerror(errno));
	else if (rc == RUN_TIMEOUT)
		diag_error(s->diag, s->configpath, s->searchline, "Pagefind "
		    "(\"%s\") took longer than %d seconds to make the search "
		    "index and was stopped: build again, or set \"search: "
		    "false\"", prog, SEARCH_TIMEOUT);
	else if (rc > 0 && last != NULL)
		diag_error(s->diag, s->configpath, s->searchline, "Pagefind "
		    "(\"%s\") could not make the search index (exit status "
		    "%d): \"%s\": fix what it says, or set \"search: false\" "
		    "to build without search", prog, rc, last);
	else if (rc > 0)
		diag_error(s->diag, s->configpath, s->searchline, "Pagefind "
		    "(\"%s\") could not make the search index (exit status "
		    "%d, with no message): check that it is Pagefind 1.6 or "
		    "later, or set \"search: false\" to build without search",
		    prog, rc);
	else if (rc == 0 && s->opts->verbose > 0)
		printf("lcspr: made the search index (Pagefind) in %.2f s\n",
		    util_now() - t0);
	free(last);
	free(prog);
	buf_free(&out);
	return rc == 0;
}
