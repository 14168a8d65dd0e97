/*
 * Scanning content: compile the patterns, list review files in sorted
 * order, read files whole and check they are UTF-8, check slugs.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

static pcre2_code *
scan_compile(const char *pat, uint32_t flags)
{
	pcre2_code	*re;
	int		 e;
	PCRE2_SIZE	 off;

	re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, flags,
	    &e, &off, NULL);
	if (re == NULL)
		errx(2, "pcre2_compile: %s: error %d", pat, e);
	return re;
}

/*
 * Compile the build's patterns.  Free with scan_patterns_free.
 */
void
scan_patterns_init(struct patterns *re)
{
	re->slug = scan_compile("^[a-z0-9]+(?:-[a-z0-9]+)*\\z", 0);
	re->colour = scan_compile("^#[0-9a-fA-F]{6}\\z", 0);
	re->utf8 = scan_compile("", PCRE2_UTF);
	re->ethnic = scan_compile("\\b(?:ethnic\\w*|race|racis\\w*|"
	    "cultur\\w*|religio\\w*|faith|heritage)\\b",
	    PCRE2_UTF | PCRE2_CASELESS);
}

/*
 * Free the compiled patterns.
 */
void
scan_patterns_free(struct patterns *re)
{
	pcre2_code_free(re->slug);
	pcre2_code_free(re->colour);
	pcre2_code_free(re->utf8);
	pcre2_code_free(re->ethnic);
}

/*
 * Does s match the whole pattern re?  Thread-safe.
 */
int
scan_match(const pcre2_code *re, const char *s)
{
	pcre2_match_data *md;
	int		 rc;

	md = pcre2_match_data_create(4, NULL);
	rc = pcre2_match(re, (PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED, 0, 0,
	    md, NULL);
	pcre2_match_data_free(md);
	return rc >= 0;
}

/*
 * Check that text is UTF-8 (pcre2 validates the whole subject in UTF
 * mode).  Returns 1 if it is; else 0 with *off the offset of the first
 * bad byte.
 */
int
scan_utf8(const struct patterns *re, const char *text, size_t len,
    size_t *off)
{
	pcre2_match_data *md;
	int		 rc;

	md = pcre2_match_data_create(1, NULL);
	rc = pcre2_match(re->utf8, (PCRE2_SPTR)text, len, 0, 0, md, NULL);
	if (rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21) {
		*off = pcre2_get_startchar(md);
		pcre2_match_data_free(md);
		return 0;
	}
	pcre2_match_data_free(md);
	return 1;
}

/*
 * Report each character of text that no web page or feed may hold: a
 * control character other than tab, newline and carriage return, and
 * the non-characters U+FFFE and U+FFFF (XML 1.0 forbids them, so one
 * would make every feed unreadable).  One pass, counting lines and
 * columns (in characters) as it goes.  Returns 1 if there are none.
 */
static int
scan_controls(struct diag *d, const char *path, const char *text,
    size_t len)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t		 i, line = 1, col = 1, found = 0;

	for (i = 0; i < len; i++) {
		if (p[i] == '\n') {
			line++;
			col = 1;
			continue;
		}
		if ((p[i] & 0xc0) == 0x80)
			continue;	/* inside a character */
		if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\r') {
			if (found++ < 10)
				diag_finding(d, 1, path, line, col, "the "
				    "invisible control character \\x%02x is "
				    "not allowed in text (no feed reader would "
				    "read the feeds): remove it", p[i]);
		} else if (p[i] == 0xef && i + 2 < len && p[i + 1] == 0xbf &&
		    (p[i + 2] == 0xbe || p[i + 2] == 0xbf)) {
			if (found++ < 10)
				diag_finding(d, 1, path, line, col, "the "
				    "character \\u%s is not a character and is "
				    "not allowed in text (no feed reader would "
				    "read the feeds): remove it",
				    p[i + 2] == 0xbe ? "FFFE" : "FFFF");
		}
		col++;
	}
	return found == 0;
}

/*
 * Read path whole, if it has at most max bytes, into *text
 * (NUL-terminated, owned by the caller) and check it is UTF-8 without
 * NUL bytes or control characters.  what and fix complete the message
 * of a file too large.  Returns 1 on success, 0 when reported.
 */
static int
scan_readn(struct diag *d, const struct patterns *re, const char *path,
    size_t max, const char *what, const char *fix, char **text,
    size_t *len)
{
	int		 fd;
	struct stat	 st;
	char		*buf;
	ssize_t		 n;
	size_t		 got = 0, off, line, col, i;

	*text = NULL;
	/* O_NONBLOCK: a FIFO or a device must not hang the build. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK)) == -1 ||
	    fstat(fd, &st) == -1) {
		diag_error(d, path, 0, "cannot read: %s", strerror(errno));
		if (fd != -1)
			close(fd);
		return 0;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_error(d, path, 0, "cannot read: not a regular file (only "
		    "ordinary files are read, not devices, pipes or sockets)");
		close(fd);
		return 0;
	}
	if ((size_t)st.st_size > max) {
		diag_error(d, path, 0, "this file is %zu KB, more than the "
		    "limit of %zu MB for %s: %s",
		    ((size_t)st.st_size + 1023) / 1024, max / (1024 * 1024),
		    what, fix);
		close(fd);
		return 0;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size &&
	    (n = read(fd, buf + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)n;
	close(fd);
	buf[got] = '\0';
	if (!scan_utf8(re, buf, got, &off) ||
	    (off = strlen(buf)) < got) {
		for (line = 1, col = 1, i = 0; i < off; i++, col++)
			if (buf[i] == '\n')
				line++, col = 0;
		diag_error(d, path, line, "this file is not UTF-8 text (bad "
		    "byte at column %zu): save it as UTF-8 in your editor",
		    col);
		free(buf);
		return 0;
	}
	if (!scan_controls(d, path, buf, got)) {
		free(buf);
		return 0;
	}
	*text = buf;
	*len = got;
	return 1;
}

/*
 * Is the line at p (up to end) a placeholder marker, which marks text
 * lcspr init wrote to be replaced: after spaces, "#" or "<!--", then
 * "lcspr:" and the word "placeholder", each after any spaces?
 */
static int
scan_ismarker(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p < end && *p == '#')
		p++;
	else if (end - p >= 4 && strncmp(p, "<!--", 4) == 0)
		p += 4;
	else
		return 0;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (end - p < 6 || strncmp(p, "lcspr:", 6) != 0)
		return 0;
	for (p += 6; p < end && (*p == ' ' || *p == '\t'); p++)
		;
	return end - p >= 11 && strncmp(p, "placeholder", 11) == 0 &&
	    (end - p == 11 || !(isalnum((unsigned char)p[11]) ||
	    p[11] == '_'));
}

/*
 * The length of the YAML key the line at p (up to end) sets, such as
 * "title" in "title: x", or 0 when it is blank, a comment or no key.
 */
static size_t
scan_key(const char *p, const char *end)
{
	const char	*k;

	while (p < end && *p == ' ')
		p++;
	for (k = p; k < end && (isalnum((unsigned char)*k) || *k == '_' ||
	    *k == '-'); k++)
		;
	return k > p && k < end && *k == ':' ? (size_t)(k - p) : 0;
}

/*
 * Report every placeholder marker left in text (len bytes), read from
 * path: each is an error at its line.  In site.yaml (yaml set) the
 * message names the setting of the next line that sets one; elsewhere
 * the file.  One pass: markers wait in a list for their setting.
 */
void
scan_marks(struct diag *d, const char *path, const char *text,
    size_t len, int yaml)
{
	const char	*p = text, *end = text + len, *eol, *base;
	size_t		 line = 1, k, i, *wait = NULL, waitsz = 0, waitmax = 0;

	if ((base = strrchr(path, '/')) != NULL)
		base++;
	else
		base = path;
	for (; p < end; p = eol + 1, line++) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if (!yaml && scan_ismarker(p, eol))
			diag_error(d, path, line, "placeholder: \"%s\" still "
			    "holds the text of a new site; write your own, then "
			    "delete this line", base);
		else if (yaml && scan_ismarker(p, eol)) {
			if (waitsz == waitmax) {
				waitmax = waitmax ? waitmax * 2 : 4;
				wait = xreallocarray(wait, waitmax,
				    sizeof(*wait));
			}
			wait[waitsz++] = line;
		} else if (waitsz > 0 && (k = scan_key(p, eol)) > 0) {
			for (i = 0; i < waitsz; i++)
				diag_error(d, path, wait[i], "placeholder: "
				    "\"%.*s\" still holds the text of a new "
				    "site; write your own, then delete this line",
				    (int)k, p + strspn(p, " "));
			waitsz = 0;
		}
		if (eol == end)
			break;
	}
	for (i = 0; i < waitsz; i++)
		diag_error(d, path, wait[i], "placeholder: \"%s\" still holds "
		    "the text of a new site; write your own, then delete this "
		    "line", base);
	free(wait);
}

/*
 * Read the content file path (a review, page or introduction) with
 * scan_readn: at most FILE_MAX bytes.  Its placeholders are for the
 * caller to report (scan_marks), as a draft may keep them.  Returns 1
 * on success, 0 when reported.
 */
int
scan_read(struct diag *d, const struct patterns *re, const char *path,
    char **text, size_t *len)
{
	return scan_readn(d, re, path, FILE_MAX, "a content file", "split "
	    "it, or link to the full report instead of copying it in", text,
	    len);
}

/*
 * Read site.yaml with scan_readn: at most CONFIG_MAX bytes, reporting
 * placeholders left when marks is set.  Returns 1 on success, 0 when
 * reported.
 */
int
scan_readconfig(struct diag *d, const struct patterns *re,
    const char *path, int marks, char **text, size_t *len)
{
	if (!scan_readn(d, re, path, CONFIG_MAX, "site.yaml", "keep only "
	    "the settings and the lists in it", text, len))
		return 0;
	if (marks)
		scan_marks(d, path, *text, *len, 1);
	return 1;
}

struct pathlist {
	char	**v;	/* owned paths */
	size_t	  n;	/* used */
	size_t	  max;	/* allocated */
};

/* The folders of content/ that are read, and what goes in each. */
static const char *const scan_known[] = {
	"reviews", "pages", "themes", "regions",
};
#define SCAN_KNOWNSZ (sizeof(scan_known) / sizeof(scan_known[0]))

/* The warning for a file that is neither read nor published. */
#define SCAN_IGNORED "ignored: neither Markdown nor a type of file that " \
	"can be published (PDF, PNG, JPEG, SVG, WebP, DOCX, ODT, XLSX or CSV)"

/* Does name end in suffix, ignoring ASCII case? */
static int
scan_endcase(const char *name, const char *suffix)
{
	size_t	 n = strlen(name), k = strlen(suffix);

	return n > k && strcasecmp(name + n - k, suffix) == 0;
}

/*
 * Is name an attachment's (attach.c warns if nothing links it), a
 * backup or a file system's own file?
 */
static int
scan_quiet(const char *name)
{
	size_t	 n = strlen(name);

	return name[n - 1] == '~' || strcasecmp(name, "Thumbs.db") == 0 ||
	    strcasecmp(name, "desktop.ini") == 0 || attach_type(name) != NULL;
}

/* Does the file at path start with a "---" line (a BOM allowed)? */
static int
scan_hasfront(const char *path)
{
	char	 b[8];
	ssize_t	 n;
	int	 fd;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW)) == -1)
		return 0;
	n = read(fd, b, sizeof(b));
	close(fd);
	if (n >= 3 && memcmp(b, "\xef\xbb\xbf", 3) == 0) {
		memmove(b, b + 3, (size_t)n - 3);
		n -= 3;
	}
	return n >= 4 && memcmp(b, "---", 3) == 0 &&
	    (b[3] == '\n' || b[3] == '\r' || b[3] == ' ');
}

/*
 * A file that was meant to be Markdown but is not named *.md: report
 * it with the name it should have.  Returns 1 when reported.
 */
static int
scan_lookalike(struct diag *d, const char *path, const char *name)
{
	static const char *const ends[] = { ".md.txt", ".markdown",
	    ".mdown", ".mkd", ".md", ".txt" };
	size_t		 i, n = strlen(name);
	const char	*why;

	for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
		if (scan_endcase(name, ends[i]))
			break;
	if (i == sizeof(ends) / sizeof(ends[0]))
		return 0;
	n -= strlen(ends[i]);
	if (strcmp(ends[i], ".md.txt") == 0)
		why = " (Notepad adds .txt unless \"Save as type\" is \"All "
		    "files\", and Windows may hide the ending)";
	else if (strcmp(ends[i], ".md") == 0)
		why = " (the ending must be lower-case .md)";
	else if (strcmp(ends[i], ".txt") != 0)
		why = "";
	else if (scan_hasfront(path))
		why = " (it starts with front matter, like a review)";
	else
		return 0;
	diag_error(d, path, 0, "not read, because its name ends in \"%s\" "
	    "instead of \".md\": rename it %.*s.md%s", name + n, (int)n, name,
	    why);
	return 1;
}

/*
 * Is the symbolic link p to a file inside the folder whose real path
 * is root?  Reports it when not (or when it leads nowhere).
 */
static int
scan_linkok(struct diag *d, const char *p, const char *root)
{
	char	*r;
	size_t	 n = strlen(root);
	int	 ok;

	if ((r = realpath(p, NULL)) == NULL) {
		diag_error(d, p, 0, "cannot read: a symbolic link to a file "
		    "that is not there (%s)", strerror(errno));
		return 0;
	}
	ok = strncmp(r, root, n) == 0 && r[n] == '/';
	if (!ok)
		diag_error(d, p, 0, "not read: a symbolic link to a file "
		    "outside this folder, which might not be meant for the "
		    "public; copy the file here instead");
	free(r);
	return ok;
}

static void
scan_walk(struct diag *d, const char *dir, const char *root,
    struct pathlist *pl)
{
	DIR		*dp;
	struct dirent	*de;
	struct stat	 st;
	char		*p;
	size_t		 len;
	int		 link;

	if ((dp = opendir(dir)) == NULL) {
		if (errno != ENOENT)
			diag_error(d, dir, 0, "cannot read folder: %s",
			    strerror(errno));
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		link = lstat(p, &st) == 0 && S_ISLNK(st.st_mode);
		if (link && stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			diag_warn(d, p, 0, "ignored: a link to a folder is not "
			    "followed");
			free(p);
			continue;
		}
		if ((link && !scan_linkok(d, p, root)) ||
		    (!link && lstat(p, &st) == -1)) {
			if (!link)
				diag_error(d, p, 0, "cannot read: %s",
				    strerror(errno));
			free(p);
			continue;
		}
		len = strlen(de->d_name);
		if (S_ISDIR(st.st_mode)) {
			scan_walk(d, p, root, pl);
			free(p);
		} else if (!S_ISREG(st.st_mode)) {
			diag_error(d, p, 0, "cannot read: not a regular file "
			    "(only ordinary files are read, not devices, pipes "
			    "or sockets)");
			free(p);
		} else if (len > 3 &&
		    strcmp(de->d_name + len - 3, ".md") == 0) {
			if (pl->n == pl->max) {
				pl->max = pl->max ? pl->max * 2 : 256;
				pl->v = xreallocarray(pl->v, pl->max,
				    sizeof(*pl->v));
			}
			pl->v[pl->n++] = p;
		} else {
			if (!scan_lookalike(d, p, de->d_name) &&
			    !scan_quiet(de->d_name))
				diag_warn(d, p, 0, SCAN_IGNORED);
			free(p);
		}
	}
	closedir(dp);
}

/* Does the folder path hold a Markdown file, at any depth below? */
static int
scan_hasmd(const char *path, int depth)
{
	DIR		*dp;
	struct dirent	*de;
	struct stat	 st;
	char		*p;
	int		 found = 0;

	if (depth > 32 || (dp = opendir(path)) == NULL)
		return 0;
	while (!found && (de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", path, de->d_name);
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			found = scan_hasmd(p, depth + 1);
		else
			found = scan_endcase(de->d_name, ".md") ||
			    scan_endcase(de->d_name, ".md.txt") ||
			    scan_endcase(de->d_name, ".markdown");
		free(p);
	}
	closedir(dp);
	return found;
}

/*
 * A folder outside the folders lcspr reads (or a file in one): every
 * Markdown file in it is reported, as it would silently be left out.
 */
static void
scan_stray(struct diag *d, const char *path, const char *name)
{
	DIR		*dp;
	struct dirent	*de;
	struct stat	 st;
	char		*p;
	size_t		 len = strlen(name);

	if (lstat(path, &st) == -1) {
		diag_error(d, path, 0, "cannot read: %s", strerror(errno));
		return;
	}
	if (S_ISLNK(st.st_mode))
		return;
	if (!S_ISDIR(st.st_mode)) {
		if (len > 3 && strcmp(name + len - 3, ".md") == 0)
			diag_error(d, path, 0, "not read, because it is not in "
			    "a folder lcspr reads: move a review to "
			    "content/reviews/, a page to content/pages/ and "
			    "the introduction of a learning theme or region "
			    "to content/themes/ or content/regions/");
		else if (!scan_lookalike(d, path, name) && !scan_quiet(name))
			diag_warn(d, path, 0, SCAN_IGNORED);
		return;
	}
	if ((dp = opendir(path)) == NULL) {
		diag_error(d, path, 0, "cannot read folder: %s",
		    strerror(errno));
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", path, de->d_name);
		scan_stray(d, p, de->d_name);
		free(p);
	}
	closedir(dp);
}

/*
 * Report what in the content folder dir would be silently left out:
 * Markdown files outside the folders that are read, folders whose
 * names nearly match one (Reviews, review), and files named like
 * Markdown but not *.md.  The folders that are read are listed by
 * scan_dir; logo is the logo's file name, or NULL.  Returns 1 when no
 * error was reported.
 */
int
scan_content(struct diag *d, const char *dir, const char *logo)
{
	DIR		*dp;
	struct dirent	*de;
	struct stat	 st;
	char		*p;
	size_t		 i, errors = d->errors;
	const char	*near;

	if ((dp = opendir(dir)) == NULL)
		return 1;	/* reported when site.yaml is read */
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.' ||
		    strcmp(de->d_name, "site.yaml") == 0 ||
		    (logo != NULL && strcmp(de->d_name, logo) == 0))
			continue;
		for (i = 0; i < SCAN_KNOWNSZ; i++)
			if (strcmp(de->d_name, scan_known[i]) == 0)
				break;
		if (i < SCAN_KNOWNSZ)
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		/* A near miss starts with the same letter and holds text. */
		near = vocab_nearest(de->d_name, scan_known, SCAN_KNOWNSZ);
		if (near != NULL && tolower((unsigned char)*near) !=
		    tolower((unsigned char)de->d_name[0]))
			near = NULL;
		if (near != NULL && lstat(p, &st) == 0 && S_ISDIR(st.st_mode) &&
		    scan_hasmd(p, 0))
			diag_error(d, p, 0, "this folder is not read: did "
			    "you mean \"%s\"? rename it %s, spelt exactly so "
			    "in lower case", near, near);
		else
			scan_stray(d, p, de->d_name);
		free(p);
	}
	closedir(dp);
	return d->errors == errors;
}

static int
scan_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * List the .md files under dir (and its subfolders), sorted by path.
 * A missing folder gives an empty list.  The caller owns *paths and
 * each string.  Returns the number of files.
 */
size_t
scan_dir(struct diag *d, const char *dir, char ***paths)
{
	struct pathlist	 pl = { NULL, 0, 0 };
	char		*root;

	if ((root = realpath(dir, NULL)) == NULL) {
		if (errno != ENOENT)
			diag_error(d, dir, 0, "cannot read folder: %s",
			    strerror(errno));
		*paths = NULL;
		return 0;
	}
	scan_walk(d, dir, root, &pl);
	free(root);
	if (pl.n > 1)
		qsort(pl.v, pl.n, sizeof(*pl.v), scan_cmp);
	*paths = pl.v;
	return pl.n;
}

/*
 * May a review be called slug?  Not "page": reviews/page/ holds the
 * later pages of the list of all reviews (reviews/page/2/).
 */
int
scan_reviewslug(const char *slug)
{
	return strcmp(slug, "page") != 0;
}

/*
 * The slug of a content file: its base name without ".md", checked
 * against the slug pattern.  Returns an owned string, or NULL when
 * reported.
 */
char *
scan_slug(struct diag *d, const struct patterns *re, const char *path)
{
	const char	*base;
	char		*slug;

	base = (base = strrchr(path, '/')) != NULL ? base + 1 : path;
	slug = xstrndup(base, strlen(base) - 3);
	if (!scan_match(re->slug, slug)) {
		diag_error(d, path, 0, "bad file name \"%s\": the name "
		    "becomes the web address, so use only lower-case "
		    "letters a-z, digits and single hyphens, such as "
		    "child-a-2024.md", base);
		free(slug);
		return NULL;
	}
	return slug;
}
