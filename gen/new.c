/*
 * New: lcspr new TITLE writes content/reviews/<slug>.md to start a
 * review from: every field with a note above it saying what to write,
 * today's date, draft: true and headings for the text.  The file
 * passes lcspr check as written.  Nothing is ever overwritten.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

/* A slug longer than this is cut at a hyphen: web addresses stay short. */
#define NEW_SLUGMAX	80

static const char new_usage[] =
"usage: lcspr new TITLE [--region R] [--theme T]... [--date YYYY-MM-DD]\n"
"                 [-C content-dir]\n";

static int
new_usagerr(void)
{
	fputs(new_usage, stderr);
	return 2;
}

/*
 * Can s be written as a plain YAML scalar, in a flow list too, and be
 * read back as the same text?  Conservative: letters first, then
 * letters, digits, spaces and a few marks, and not a word YAML reads
 * as true, false or null.
 */
static int
new_plain(const char *s)
{
	static const char *const words[] = { "y", "n", "yes", "no", "on",
	    "off", "true", "false", "null" };
	const char	*p;
	size_t		 i;

	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		return 0;
	for (p = s; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr(" '()./&-", *p) != NULL))
			return 0;
	if (p[-1] == ' ' || strstr(s, "  ") != NULL)
		return 0;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcasecmp(s, words[i]) == 0)
			return 0;
	return 1;
}

/*
 * Add s to b as a YAML double-quoted scalar: backslash, double quote,
 * control characters and the characters YAML reads as line breaks
 * (U+0085, U+2028, U+2029) and the byte order mark are escaped, so the
 * text reads back exactly whatever it holds.  When plain is set and s
 * needs no quotes, it is added bare.
 */
static void
new_yaml(struct buf *b, const char *s, int plain)
{
	const unsigned char *p;
	char		 esc[8];

	if (plain && new_plain(s)) {
		buf_puts(b, s);
		return;
	}
	buf_puts(b, "\"");
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\') {
			esc[0] = '\\';
			esc[1] = (char)*p;
			buf_add(b, esc, 2);
		} else if (*p < 0x20 || *p == 0x7f) {
			snprintf(esc, sizeof(esc), "\\x%02x", *p);
			buf_puts(b, esc);
		} else if (p[0] == 0xc2 && p[1] == 0x85) {
			buf_puts(b, "\\N");
			p++;
		} else if (p[0] == 0xe2 && p[1] == 0x80 &&
		    (p[2] == 0xa8 || p[2] == 0xa9)) {
			buf_puts(b, p[2] == 0xa8 ? "\\L" : "\\P");
			p += 2;
		} else if (p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
			buf_puts(b, "\\uFEFF");
			p += 2;
		} else
			buf_add(b, p, 1);
	}
	buf_puts(b, "\"");
}

/* Add s to b for a comment: on one line, whatever it holds. */
static void
new_comment(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		buf_add(b, (unsigned char)*s < 0x20 ? " " : s, 1);
}

/*
 * A note listing the names of vocabulary v, "A, B or C", or where they
 * are when there are many.
 */
static void
new_choices(struct buf *b, const struct vocab *v)
{
	size_t	 i;

	if (v->termsz >= VOCAB_LISTMAX) {
		buf_puts(b, "one of the ");
		buf_puts(b, v->what);
		buf_puts(b, "s listed in site.yaml");
		return;
	}
	for (i = 0; i < v->termsz; i++) {
		if (i > 0)
			buf_puts(b, i + 1 == v->termsz ? " or " : ", ");
		new_comment(b, v->terms[i].name);
	}
}

/*
 * The review file: the front matter with a note above each field, then
 * headings for the text.  title is the title as given, region and
 * themes the terms to write, date the publication date.
 */
static void
new_text(struct buf *b, const struct site *s, const char *title,
    const struct term *region, int regiongiven, const struct term **themes,
    size_t themesz, const struct date *date)
{
	char	 iso[16];
	size_t	 i;

	date_iso(date, iso, sizeof(iso));
	buf_puts(b, "---\n"
	    "# Started by \"lcspr new\". Each line starting with # is a note "
	    "on the field\n"
	    "# below it; it is not published. To give an optional field, "
	    "delete the\n"
	    "# \"# \" at the start of its line and write the value after the "
	    "colon.\n"
	    "# \"lcspr check\" says what is wrong, if anything.\n"
	    "\n"
	    "# The title, as on the report, in double quotes\n"
	    "title: ");
	new_yaml(b, title, 0);
	buf_puts(b, "\n# The date the review was published, YYYY-MM-DD\n"
	    "published: ");
	buf_puts(b, iso);
	buf_puts(b, "\n# Optional: the date it is added to this site, if later "
	    "(an older review\n"
	    "# added now is shown as new on the home page and in feeds), "
	    "YYYY-MM-DD\n"
	    "# added:");
	buf_puts(b, "\n# The region: ");
	new_choices(b, &s->regions);
	if (!regiongiven)
		buf_puts(b, " (the first was put here: change it)");
	buf_puts(b, "\nregion: ");
	new_yaml(b, region->name, 1);
	buf_puts(b, "\n# Learning themes, in square brackets, separated by "
	    "commas: ");
	new_choices(b, &s->themes);
	if (themesz == 0)
		buf_puts(b, " (the first was put here: change it)");
	buf_puts(b, "\nthemes: [");
	if (themesz == 0)
		new_yaml(b, s->themes.terms[0].name, 1);
	for (i = 0; i < themesz; i++) {
		if (i > 0)
			buf_puts(b, ", ");
		new_yaml(b, themes[i]->name, 1);
	}
	buf_puts(b, "]\n"
	    "# true if the report records the child's ethnicity, else false\n"
	    "ethnicity_recorded: false\n"
	    "# Optional: the safeguarding partnership or local authority\n"
	    "# local_area:\n");
	if (s->agegroups.termsz > 0) {
		buf_puts(b, "# Optional: the age group: ");
		new_choices(b, &s->agegroups);
		buf_puts(b, "\n# age_group:\n");
	}
	if (s->reviewtypes.termsz > 0) {
		buf_puts(b, "# The review type: ");
		new_choices(b, &s->reviewtypes);
		buf_puts(b, "\nreview_type: ");
		new_yaml(b, s->reviewtypes.terms[0].name, 1);
		buf_puts(b, "\n");
	}
	buf_puts(b, "# Optional: one or two sentences for lists and feeds "
	    "(else the first\n"
	    "# paragraph of the text below), in double quotes\n"
	    "# summary:\n"
	    "# Optional: the web address of the full report, https://...\n"
	    "# report_url:\n"
	    "# Optional: when the incident was notified, the review "
	    "commissioned and\n"
	    "# the report completed, YYYY-MM-DD\n"
	    "# notified:\n"
	    "# commissioned:\n"
	    "# completed:\n"
	    /* What the national Panel asks of every review (issue 15). */
	    "# Optional: the date of the rapid review, YYYY-MM-DD\n"
	    "# rapid_review:\n"
	    "# Optional: true if the review considers how ethnicity, culture "
	    "and race\n"
	    "# affected the child (needs ethnicity_recorded: true)\n"
	    "# ethnicity_analysed:\n"
	    "# Optional: true if the review records the child's faith or "
	    "religion\n"
	    "# faith_recorded:\n"
	    "# Optional: true if it considers how faith affected the child "
	    "(needs\n"
	    "# faith_recorded: true)\n"
	    "# faith_analysed:\n"
	    "# Optional: the child's voice: quoted (own words), reported "
	    "(described) or absent\n"
	    "# child_voice:\n"
	    "# Optional: true if the review gives the family's views\n"
	    "# family_views:\n"
	    "# Optional: full, improvements (what was improved, instead of the "
	    "report)\n"
	    "# or withheld-for-now\n"
	    "# publication:\n"
	    "# Unless publication is full: why, to follow \"because\"\n"
	    "# publication_reason:\n"
	    "# Only to take the review down after it is published: the date, "
	    "YYYY-MM-DD\n"
	    "# (its page becomes a short notice)\n"
	    "# withdrawn:\n"
	    "# Optional: checks this file is excused from, such as [email] "
	    "(see lcspr(5))\n"
	    "# allow:\n"
	    "# Optional: the recommendations and what has become of each, "
	    "shown as a table\n"
	    "# (then delete the \"Recommendations\" section below). Each has "
	    "text, to (the\n"
	    "# agency or agencies), status (accepted, not accepted, in "
	    "progress or\n"
	    "# completed) and, if known, due and updated (YYYY-MM-DD) and "
	    "evidence of what\n"
	    "# changed in practice; one not accepted needs a reason.\n"
	    "# recommendations:\n"
	    "#   - text: \"Health visitors should see every baby at home "
	    "before eight weeks\"\n"
	    "#     to: [Health visiting]\n"
	    "#     status: in progress\n"
	    "#     due: 2026-12-31\n"
	    "#   - text: \"Schools should share attendance concerns with the "
	    "health visitor\"\n"
	    "#     to: Education\n"
	    "#     status: not accepted\n"
	    "#     reason: \"An existing protocol already covers this\"\n"
	    "# true keeps the review off the site; make it false when it is "
	    "ready\n"
	    "draft: true\n"
	    "---\n"
	    "<!-- lcspr: placeholder: replace the advice below with your own "
	    "text, then delete this line -->\n"
	    "Write one or two sentences here saying what happened and what "
	    "the review\n"
	    "looked at. Refer to the child as in the report (such as "
	    "\"Child A\"), never\n"
	    "by name.\n"
	    "\n"
	    "## Summary of the case\n"
	    "\n"
	    "Write the summary of the case here.\n"
	    "\n"
	    "## Key learning\n"
	    "\n"
	    "- Write each point of learning as an item of this list.\n"
	    "\n"
	    "## Recommendations\n"
	    "\n"
	    "1. Write each recommendation as an item of this numbered list.\n");
}

/*
 * The title: not empty, UTF-8, on one line.  Returns 1 when good, else
 * 0 after saying why.
 */
static int
new_title(const struct site *s, const char *title)
{
	const unsigned char *p;
	size_t		 off;

	if (title[strspn(title, " \t")] == '\0') {
		fprintf(stderr, "lcspr: the title is empty: give it in "
		    "quotes, such as lcspr new \"Child A: neglect\"\n");
		return 0;
	}
	if (!scan_utf8(s->re, title, strlen(title), &off)) {
		fprintf(stderr, "lcspr: the title is not UTF-8 text (byte "
		    "%zu): type it again, or set the terminal to UTF-8\n",
		    off + 1);
		return 0;
	}
	for (p = (const unsigned char *)title; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f) {
			fprintf(stderr, "lcspr: the title has the control "
			    "character \\x%02x: write it on one line, with "
			    "no control characters\n", *p);
			return 0;
		}
	return 1;
}

/*
 * title with the accented letters of Latin-1 (U+00C0 to U+00FF) made
 * their ASCII letters, so that "Café" gives "cafe", not "caf".  The
 * caller owns the result.
 */
static char *
new_ascii(const char *title)
{
	static const char *const latin1[64] = {
		"A", "A", "A", "A", "A", "A", "AE", "C",
		"E", "E", "E", "E", "I", "I", "I", "I",
		"D", "N", "O", "O", "O", "O", "O", " ",
		"O", "U", "U", "U", "U", "Y", "TH", "ss",
		"a", "a", "a", "a", "a", "a", "ae", "c",
		"e", "e", "e", "e", "i", "i", "i", "i",
		"d", "n", "o", "o", "o", "o", "o", " ",
		"o", "u", "u", "u", "u", "y", "th", "y",
	};
	const unsigned char *p;
	struct buf	 b;

	memset(&b, 0, sizeof(b));
	buf_puts(&b, "");
	for (p = (const unsigned char *)title; *p != '\0'; p++)
		if (p[0] == 0xc3 && p[1] >= 0x80 && p[1] <= 0xbf) {
			buf_puts(&b, latin1[p[1] - 0x80]);
			p++;
		} else
			buf_add(&b, p, 1);
	return b.data;
}

/*
 * The slug of title (vocab_slugify), cut at a hyphen to at most
 * NEW_SLUGMAX characters.  The caller owns it; NULL after saying why
 * when the title has no letter or digit.
 */
static char *
new_slug(const char *title)
{
	char	*slug, *p, *ascii;

	ascii = new_ascii(title);
	slug = vocab_slugify(ascii);
	free(ascii);
	if (*slug == '\0') {
		fputs("lcspr: the title \"", stderr);
		diag_puts(stderr, title);
		fputs("\" gives no file name: use letters or digits, "
		    "such as \"Child A: neglect\"\n", stderr);
		free(slug);
		return NULL;
	}
	if (strlen(slug) > NEW_SLUGMAX) {
		slug[NEW_SLUGMAX] = '\0';
		if ((p = strrchr(slug, '-')) != NULL)
			*p = '\0';
	}
	if (!scan_reviewslug(slug)) {
		fputs("lcspr: the title \"", stderr);
		diag_puts(stderr, title);
		fputs("\" gives the file name page.md, and that web address "
		    "holds the later pages of the list of all reviews: give "
		    "a longer title, such as \"Child A: neglect\"\n", stderr);
		free(slug);
		return NULL;
	}
	return slug;
}

/*
 * Is there a review named slug already, in content/reviews or a
 * folder below it?  Says so and returns 1; returns 0 when there is
 * none.  One pass over the review files.
 */
static int
new_taken(struct site *s, const char *slug, const char *path)
{
	char	**paths, *dir;
	const char *base;
	size_t	 n, i, len = strlen(slug);
	int	 taken = 0;

	dir = xasprintf("%s/reviews", s->opts->contentdir);
	n = access(dir, F_OK) == 0 ? scan_dir(s->diag, dir, &paths) : 0;
	free(dir);
	for (i = 0; i < n; i++) {
		base = (base = strrchr(paths[i], '/')) != NULL ? base + 1 :
		    paths[i];
		if (!taken && strncmp(base, slug, len) == 0 &&
		    strcmp(base + len, ".md") == 0) {
			if (strcmp(paths[i], path) == 0)
				diag_error(s->diag, paths[i], 0, "already "
				    "exists: lcspr new never replaces a file; "
				    "edit this one, or give another title");
			else
				diag_error(s->diag, paths[i], 0, "already "
				    "has the name \"%s\" that the title gives: "
				    "edit that review, or give another title",
				    slug);
			taken = 1;
		}
		free(paths[i]);
	}
	if (n > 0)
		free(paths);
	return taken;
}

/*
 * Write text to path, a file that must not exist yet (O_EXCL: never
 * one in place, nor through a symbolic link).  Returns 1 on success,
 * else 0 after reporting, with no file left behind.
 */
static int
new_write(struct site *s, const char *path, const struct buf *text)
{
	char	*dir;
	int	 fd, written;

	dir = xasprintf("%s/reviews", s->opts->contentdir);
	if (mkdir(dir, 0777) == -1 && errno != EEXIST) {
		diag_error(s->diag, dir, 0, "cannot make the folder: %s",
		    strerror(errno));
		free(dir);
		return 0;
	}
	free(dir);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0666)) == -1) {
		if (errno == EEXIST)
			diag_error(s->diag, path, 0, "already exists: lcspr "
			    "new never replaces a file; edit this one, or "
			    "give another title");
		else
			diag_error(s->diag, path, 0, "cannot write: %s",
			    strerror(errno));
		return 0;
	}
	if (!(written = util_write(fd, text->data, text->len)) ||
	    close(fd) == -1) {
		diag_error(s->diag, path, 0, "cannot write: %s",
		    strerror(errno));
		if (!written)
			close(fd);
		unlink(path);
		return 0;
	}
	return 1;
}

/* Say that arg, given with option opt, is not in vocabulary v. */
static void
new_unknown(const struct site *s, const char *opt, const struct vocab *v,
    const char *arg)
{
	char	*hint;

	hint = vocab_hint(v, arg);
	fprintf(stderr, "lcspr: %s: unknown %s \"", opt, v->what);
	diag_puts(stderr, arg);
	fprintf(stderr, "\" (not in ");
	diag_puts(stderr, s->configpath);
	fputs("): ", stderr);
	diag_puts(stderr, hint);
	fputs("\n", stderr);
	free(hint);
}

/*
 * Find the terms named on the command line: region (or NULL) and the
 * themes (n of them) into *out.  Each unknown one is reported with the
 * nearest names, as in front matter.  Returns 1 when all are known.
 */
static int
new_terms(struct site *s, const char *region, const struct term **r,
    char *const *themes, size_t n, const struct term **out, size_t *outsz)
{
	const struct term *t;
	size_t		 i, k;
	int		 ok = 1;

	*r = &s->regions.terms[0];
	if (region != NULL && (*r = vocab_find(&s->regions, region)) == NULL) {
		new_unknown(s, "--region", &s->regions, region);
		ok = 0;
	}
	*outsz = 0;
	for (i = 0; i < n; i++) {
		if ((t = vocab_find(&s->themes, themes[i])) == NULL) {
			new_unknown(s, "--theme", &s->themes, themes[i]);
			ok = 0;
			continue;
		}
		for (k = 0; k < *outsz; k++)
			if (out[k] == t)
				break;
		if (k == *outsz)
			out[(*outsz)++] = t;
	}
	return ok;
}

/*
 * lcspr new TITLE [--region R] [--theme T]... [--date YYYY-MM-DD]
 * [-C content-dir]: argv[0] is "new".  Returns the exit status: 0
 * written, 1 when site.yaml, a name or the file was wrong (reported;
 * nothing written), 2 for a usage error.
 */
int
new_cmd(int argc, char *argv[])
{
	static char	 name[] = "lcspr new";
	struct opts	 o;
	struct site	 s;
	struct date	 date;
	struct buf	 text;
	const struct term *region, **themes = NULL;
	const char	*regionarg = NULL, *datearg = NULL, *title;
	char		**themeargs, *slug = NULL, *path = NULL;
	size_t		 themeargsz = 0, themesz = 0;
	int		 c, rc = 1, dr;
	enum { OPT_REGION = 256, OPT_THEME, OPT_DATE, OPT_HELP };
	static const struct option lopts[] = {
		{ "region", required_argument, NULL, OPT_REGION },
		{ "theme", required_argument, NULL, OPT_THEME },
		{ "date", required_argument, NULL, OPT_DATE },
		{ "help", no_argument, NULL, OPT_HELP },
		{ NULL, 0, NULL, 0 },
	};

	/* Not main_defaults: the unit tests link every file but main.c. */
	memset(&o, 0, sizeof(o));
	o.contentdir = "content";
	o.outdir = "site";
	o.jobs = 1;
	/* A new site's settings may wait until it is published. */
	o.nomarks = 1;
	argv[0] = name;
	themeargs = xcalloc((size_t)argc, sizeof(*themeargs));
	while ((c = getopt_long(argc, argv, "C:", lopts, NULL)) != -1)
		switch (c) {
		case 'C':
			o.contentdir = optarg;
			break;
		case OPT_REGION:
			regionarg = optarg;
			break;
		case OPT_THEME:
			themeargs[themeargsz++] = optarg;
			break;
		case OPT_DATE:
			datearg = optarg;
			break;
		case OPT_HELP:
			fputs(new_usage, stdout);
			free(themeargs);
			return 0;
		default:
			free(themeargs);
			return new_usagerr();
		}
	if (optind == argc || argc - optind > 1 || *o.contentdir == '\0') {
		if (optind == argc)
			fprintf(stderr, "lcspr: new needs the review's title, "
			    "in quotes, such as lcspr new \"Child A: "
			    "neglect\"\n");
		else if (argc - optind > 1) {
			fputs("lcspr: new takes one title: put it in quotes, "
			    "such as lcspr new \"", stderr);
			for (c = optind; c < argc; c++) {
				diag_puts(stderr, argv[c]);
				fputs(c + 1 < argc ? " " : "\"\n", stderr);
			}
		}
		free(themeargs);
		return new_usagerr();
	}
	title = argv[optind];
	if (datearg != NULL && (dr = date_parse(datearg, &date)) <= 0) {
		if (dr == 0)
			fprintf(stderr, "lcspr: --date must be a date written "
			    "YYYY-MM-DD, such as 2024-03-12, not \"%s\"\n",
			    datearg);
		else
			fprintf(stderr, "lcspr: --date is %s, which is not a "
			    "real date\n", datearg);
		free(themeargs);
		return new_usagerr();
	}
	if (!build_start(&s, &o)) {
		free(themeargs);
		return 2;
	}
	if (!new_title(&s, title) || (slug = new_slug(title)) == NULL) {
		rc = new_usagerr();
		goto out;
	}
	if (!config_read(&s))
		goto out;
	date_settz(s.zone);
	date_from_time(s.now, &s.today);
	if (datearg == NULL)
		date = s.today;
	themes = xcalloc(themeargsz + 1, sizeof(*themes));
	if (!new_terms(&s, regionarg, &region, themeargs, themeargsz,
	    themes, &themesz))
		goto out;
	path = xasprintf("%s/reviews/%s.md", o.contentdir, slug);
	/* scan_dir may have reported a folder it cannot read. */
	if (new_taken(&s, slug, path) || s.diag->errors > 0)
		goto out;
	memset(&text, 0, sizeof(text));
	new_text(&text, &s, title, region, regionarg != NULL, themes,
	    themesz, &date);
	if (new_write(&s, path, &text)) {
		rc = 0;
		printf("lcspr: wrote ");
		diag_puts(stdout, path);
		printf("\nNext: write the review in it (each field has a note "
		    "on what to write),\nthen see it with \"lcspr serve --drafts\"; set "
		    "draft: false when it is ready\n");
	}
	buf_free(&text);
out:
	diag_flush(s.diag, stderr);
	if (rc == 1)
		fprintf(stderr, "lcspr: nothing was written\n");
	free(path);
	free(slug);
	free(themes);
	free(themeargs);
	build_free(&s);
	return rc;
}
