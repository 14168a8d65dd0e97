/*
 * lcspr: publish the learning from child safeguarding practice
 * reviews as a static website.  This file reads the command line.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lcspr.h"
#include "extern.h"

#ifndef SHAREDIR
#define SHAREDIR "/usr/local/share/lcspr"
#endif
#ifndef VERSION
#define VERSION "0.0"
#endif

static const char usage_text[] =
"usage: lcspr build [-C content-dir] [-t theme-dir] [-o output-dir]\n"
"                   [--drafts] [--future] [--no-check] [--no-search]\n"
"                   [-j jobs] [-q | -v]\n"
"       lcspr check [-C content-dir] [-j jobs] [-q | -v]\n"
"       lcspr init dir\n"
"       lcspr new TITLE [--region R] [--theme T]... [--date YYYY-MM-DD]\n"
"                 [-C content-dir]\n"
"       lcspr serve [-p port] [-C content-dir] [-t theme-dir] [--drafts]\n"
"                   [--future] [-j jobs] [-q | -v]\n"
"       lcspr digest --since YYYY-MM-DD [--until YYYY-MM-DD] [-o file]\n"
"                    [-C content-dir] [-q | -v]\n"
"       lcspr --help | --version\n";

static const char help_text[] =
"lcspr builds a website of child safeguarding practice review summaries.\n"
"\n"
"Commands:\n"
"  build         read content, check it, and write the site\n"
"  check         read and check content, including for details that\n"
"                could identify a child or family; write nothing\n"
"  init DIR      make a new site in the folder DIR (new or empty): settings\n"
"                and pages to fill in, an example review, the site theme\n"
"                and files to publish from GitHub or GitLab\n"
"  new TITLE     start a review: write content/reviews/<slug>.md, the\n"
"                slug made from TITLE, with every field and a note on\n"
"                each, today's date and draft: true; never replaces a\n"
"                file.  --region R and --theme T (repeatable) fill\n"
"                those fields (else the first in site.yaml, to change);\n"
"                --date YYYY-MM-DD sets the publication date\n"
"  serve         preview the site at http://127.0.0.1:8000/ (this computer\n"
"                only), built into a temporary folder and rebuilt, with\n"
"                open pages reloaded, whenever content or the site theme\n"
"                changes; messages show at the top of every page while\n"
"                the content has errors; Ctrl-C stops it\n"
"  digest        check the content as check does, then write one e-mail\n"
"                (a MIME message: plain text and HTML) listing the\n"
"                reviews added to the site from --since YYYY-MM-DD to\n"
"                --until YYYY-MM-DD (default: the build date), to send\n"
"                through the partnership's mailing tool; -o FILE writes\n"
"                it to FILE (replaced whole), else to standard output\n"
"\n"
"Options for build:\n"
"  -C DIR        content folder (default: content)\n"
"  -t DIR        site theme folder (default: themes/default, else the\n"
"                installed default theme, else the one built into lcspr)\n"
"  -o DIR        output folder (default: site); replaced whole on success,\n"
"                left untouched when content has errors; a rebuild lists\n"
"                the pages the old site had and the new one has not\n"
"  --drafts      include reviews marked draft: true\n"
"  --future      include reviews published (or added) after the build date\n"
"  --no-check    build without the checks for identifying details\n"
"                (attachments are then copied unchecked)\n""  --no-search   build as if site.yaml said search: false (search: true\n"
"                makes a search page and runs Pagefind, found with\n"
"                LCSPR_PAGEFIND, else scripts/search/pagefind, else the\n"
"                installed copy, else on PATH)\n"
"  -j N          use N threads (default: the number of processors)\n"
"  -q            print only problems (errors and warnings)\n"
"  -v            also print how long each stage took\n"
"\n"
"Options for serve: -C, -t, --drafts, --future, -j, -q and -v as for\n"
"build, and\n"
"  -p PORT       the port, from 1024 to 65535 (default: 8000)\n"
"A preview (serve, or a build with --drafts or --future) shows the banner\n"
"\"Preview: not for publication\" on every page and asks search engines\n"
"not to index it: do not upload it.\n"
"\n"
"The site: a page for each review; all reviews, newest first; a page for\n"
"each theme, region and year, and for each theme within a region or a\n"
"year (with a feed for each theme within a region); every list split\n"
"into pages of page_length reviews (site.yaml, default 20) at page/N/.\n"
"The home page and the feeds show first the reviews added to the site\n"
"last (\"added: YYYY-MM-DD\" in a review, default its published date).\n"
"follow/ says how to follow the site (Outlook, a feed reader, e-mail) and\n"
"lists every feed with its address; feeds.opml lists them for readers.\n"
"Monthly updates: updates/ lists the months with reviews added, newest\n"
"first; updates/YYYY-MM/ has a month's reviews by theme, page_length a\n"
"page; updates/feed.xml has one item for each month that has ended, for a\n"
"monthly e-mail, listing at most feed_length of its reviews.\n"
"\n"
"Attachments: a link or image in content to a local file (PDF, PNG, JPEG,\n"
"SVG, WebP, DOCX, ODT, XLSX, CSV) inside the content folder publishes that\n"
"file at the same path in the site.  PDFs are checked with Poppler's\n"
"pdftotext and pdfinfo (sudo apt-get install poppler-utils), images for\n"
"EXIF author and GPS data.\n"
"\n"
"The build date is today, or SOURCE_DATE_EPOCH when it is set, in the\n"
"time zone of \"timezone\" in site.yaml (default Europe/London).  A build\n"
"names each review it leaves out; a date more than a year ahead is a\n"
"warning.\n"
"\n"
"Exit status: 0 built (check: no errors), 1 errors in content, site theme\n"
"or output folder, 2 usage error, 128 + the signal's number (130 for\n"
"Ctrl-C) when SIGINT, SIGTERM or SIGHUP stopped a build: the unfinished\n"
"copy is removed and the output folder is unchanged.  serve exits 0 when\n"
"Ctrl-C stops it, 1 when its port is in use.  digest exits 1, writing\n"
"nothing, when no review was added in the period.\n"
"See lcspr(1) and lcspr(5).\n";

static char progname[] = "lcspr build";
static char checkname[] = "lcspr check";

static int
usage(void)
{
	fputs(usage_text, stderr);
	return 2;
}

/*
 * Set the defaults every command that builds shares: the content
 * folder, the output folder and one thread per processor (up to 16).
 */
void
main_defaults(struct opts *o)
{
	long	 n;

	memset(o, 0, sizeof(*o));
	o->contentdir = "content";
	o->outdir = "site";
	n = sysconf(_SC_NPROCESSORS_ONLN);
	o->jobs = n < 1 ? 1 : n > 16 ? 16 : (int)n;
}

/*
 * Read -j's argument into o->jobs.  Returns 0 after a message when it
 * is not a number from 1 to 64.
 */
int
main_jobs(const char *arg, struct opts *o)
{
	char	*end;
	long	 n;

	n = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || n < 1 || n > 64) {
		fprintf(stderr, "lcspr: -j needs a number from 1 to 64\n");
		return 0;
	}
	o->jobs = (int)n;
	return 1;
}

/*
 * Read the developers' environment variables into o (README: output
 * must not change with them).  Returns 0 after a usage message.
 */
int
main_env(struct opts *o)
{
	const char	*e;

	o->nocache = (e = getenv("LCSPR_NOCACHE")) != NULL && *e != '\0' &&
	    strcmp(e, "0") != 0;
	if ((e = getenv("LCSPR_JOBORDER")) != NULL && *e != '\0') {
		if (strcmp(e, "reverse") != 0 && strcmp(e, "forward") != 0) {
			fprintf(stderr, "lcspr: LCSPR_JOBORDER is \"%s\": set "
			    "it to \"forward\" or \"reverse\", or unset it\n", e);
			return 0;
		}
		o->reverse = strcmp(e, "reverse") == 0;
	}
	return 1;
}

/*
 * Without -t: themes/default here, else the installed one (in
 * LCSPR_SHAREDIR when set, which lets the tests try an installed copy
 * without compiling again), else NULL: the one built into the program.
 * Returns what the caller frees, or NULL.
 */
char *
main_themedir(struct opts *o)
{
	char		*installed;
	const char	*share;

	if (o->themedir != NULL)
		return NULL;
	o->themedir = "themes/default";
	if ((share = getenv("LCSPR_SHAREDIR")) == NULL || *share == '\0')
		share = SHAREDIR;
	installed = xasprintf("%s/themes/default", share);
	if (access(o->themedir, F_OK) == -1)
		o->themedir = access(installed, F_OK) == 0 ? installed : NULL;
	return installed;
}

/*
 * lcspr build and lcspr check: argv[0] is the command.
 */
static int
cmd_build(int argc, char *argv[])
{
	struct opts	 o;
	int		 c, rc, buildopt = 0;
	char		*installed;
	enum { OPT_DRAFTS = 256, OPT_FUTURE, OPT_HELP, OPT_VERSION,
	    OPT_NOCHECK, OPT_NOSEARCH };
	static const struct option lopts[] = {
		{ "drafts", no_argument, NULL, OPT_DRAFTS },
		{ "future", no_argument, NULL, OPT_FUTURE },
		{ "no-check", no_argument, NULL, OPT_NOCHECK },
		{ "no-search", no_argument, NULL, OPT_NOSEARCH },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};

	main_defaults(&o);
	o.checkonly = strcmp(argv[0], "check") == 0;
	/* getopt's messages say "lcspr build:" or "lcspr check:" */
	argv[0] = o.checkonly ? checkname : progname;
	while ((c = getopt_long(argc, argv, "C:t:o:j:qv", lopts, NULL)) != -1)
		switch (c) {
		case 'C':
			o.contentdir = optarg;
			break;
		case 't':
			o.themedir = optarg;
			buildopt = 1;
			break;
		case 'o':
			o.outdir = optarg;
			buildopt = 1;
			break;
		case 'j':
			if (!main_jobs(optarg, &o))
				return usage();
			break;
		case 'q':
			o.verbose = -1;
			break;
		case 'v':
			o.verbose = 1;
			break;
		case OPT_DRAFTS:
			o.drafts = 1;
			break;
		case OPT_FUTURE:
			o.future = 1;
			break;
		case OPT_NOCHECK:
			o.nocheck = 1;
			break;
		case OPT_NOSEARCH:
			o.nosearch = 1;
			buildopt = 1;
			break;
		case OPT_HELP:
			fputs(usage_text, stdout);
			fputs("\n", stdout);
			fputs(help_text, stdout);
			return 0;
		case OPT_VERSION:
			puts("lcspr " VERSION);
			return 0;
		default:
			return usage();
		}
	if (o.checkonly && (o.nocheck || o.drafts || o.future || buildopt)) {
		fprintf(stderr, "lcspr: check takes only -C, -j, -q and -v\n");
		return usage();
	}
	if (optind < argc) {
		fprintf(stderr, "lcspr: unexpected argument \"%s\"\n",
		    argv[optind]);
		return usage();
	}
	if (*o.outdir == '\0' || *o.contentdir == '\0' ||
	    (o.themedir != NULL && *o.themedir == '\0'))
		return usage();
	if (!main_env(&o))
		return usage();
	installed = main_themedir(&o);
	rc = o.checkonly ? build_check(&o) : build_run(&o);
	free(installed);
	return rc;
}

/* The commands, each with its own options. */
static const struct command {
	const char	*name;
	int		(*run)(int, char *[]);	/* argv[0] is the name */
} commands[] = {
	{ "build", cmd_build },
	{ "check", cmd_build },
	{ "init", init_main },
	{ "new", new_cmd },
	{ "serve", serve_main },
	{ "digest", digest_cmd },
};

int
main(int argc, char *argv[])
{
	size_t	 i;

	if (argc >= 2 && strcmp(argv[1], "--help") == 0) {
		fputs(usage_text, stdout);
		fputs("\n", stdout);
		fputs(help_text, stdout);
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		puts("lcspr " VERSION);
		return 0;
	}
	for (i = 0; argc >= 2 && i < sizeof(commands) / sizeof(commands[0]);
	    i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	if (argc >= 2)
		fprintf(stderr, "lcspr: unknown command \"%s\"\n", argv[1]);
	return usage();
}
