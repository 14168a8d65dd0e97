/*
 * Attachments: the local files (reports, images, data) that reviews,
 * pages and intros link to.  Each link is resolved against the folder
 * of the file that has it and must lead to a file of an allowed type
 * inside the content folder; each file is checked once, on the thread
 * that first links it (a PDF's text and properties through Poppler's
 * pdftotext and pdfinfo, run as child processes with a time limit; an
 * image's EXIF data through libexif; the text of SVG and CSV files),
 * and copied to the same path in the site as below content/.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libexif/exif-data.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

#define ATTACH_TIMEOUT	30	/* seconds a PDF tool may take */

/* The types that can be published, by file name extension. */
static const struct {
	const char	*ext;		/* lower case, with the dot */
	const char	*label;		/* as the link text says it */
} attach_types[] = {
	{ ".pdf", "PDF" },
	{ ".png", "PNG image" },
	{ ".jpg", "JPEG image" },
	{ ".jpeg", "JPEG image" },
	{ ".svg", "SVG image" },
	{ ".webp", "WebP image" },
	{ ".docx", "Word document" },
	{ ".odt", "OpenDocument text" },
	{ ".xlsx", "Excel spreadsheet" },
	{ ".csv", "CSV" },
};
#define ATTACH_TYPESZ (sizeof(attach_types) / sizeof(attach_types[0]))

#define ATTACH_ALLOWED "PDF, PNG, JPEG (.jpg), SVG, WebP, DOCX, ODT, XLSX " \
	"and CSV"

/* Words that show a PDF's author is an organisation, not a person. */
static const char *const attach_orgwords[] = {
	"agency", "authority", "board", "borough", "college", "council",
	"county", "department", "group", "limited", "ltd", "nhs",
	"office", "partnership", "police", "safeguarding", "school",
	"service", "services", "team", "trust", "university",
};
#define ATTACH_ORGWORDSZ \
	(sizeof(attach_orgwords) / sizeof(attach_orgwords[0]))

/*
 * The label of the attachment type of the file name (its extension,
 * in any case), such as "PDF", or NULL when that type cannot be
 * published.  The label is static.
 */
const char *
attach_type(const char *name)
{
	const char	*dot = strrchr(name, '.');
	size_t		 i;

	if (dot == NULL || strchr(dot, '/') != NULL)
		return NULL;
	for (i = 0; i < ATTACH_TYPESZ; i++)
		if (strcasecmp(dot, attach_types[i].ext) == 0)
			return attach_types[i].label;
	return NULL;
}

/*
 * Set up the attachment registry of s.  Free with attach_free.
 */
void
attach_init(struct site *s)
{
	pthread_mutex_init(&s->run->attachlock, NULL);
	s->contentreal = realpath(s->opts->contentdir, NULL);
}

/* The hash of an attachment's real path, for its table. */
static uint64_t
attach_hash(const char *p)
{
	return util_fnv(UTIL_FNV0, p, strlen(p));
}

/* The index of the attachment real, or -1.  Hold the lock. */
static ssize_t
attach_lookup(const struct site *s, const char *real)
{
	size_t	 i;

	if (s->run->attachhashsz == 0)
		return -1;
	for (i = s->run->attachhash[attach_hash(real) %
	    s->run->attachhashsz]; i != 0;
	    i = s->run->attach[i - 1]->next)
		if (strcmp(s->run->attach[i - 1]->real, real) == 0)
			return (ssize_t)(i - 1);
	return -1;
}

/* Add a to the registry (hold the lock); returns its index. */
static size_t
attach_insert(struct site *s, struct attach *a)
{
	size_t	 i, b;

	if (s->run->attachsz + 1 > s->run->attachhashsz) {
		free(s->run->attachhash);
		s->run->attachhashsz = s->run->attachhashsz ?
		    s->run->attachhashsz * 2 : 64;
		s->run->attachhash = xcalloc(s->run->attachhashsz,
		    sizeof(*s->run->attachhash));
		for (i = 0; i < s->run->attachsz; i++) {
			b = attach_hash(s->run->attach[i]->real) %
			    s->run->attachhashsz;
			s->run->attach[i]->next = s->run->attachhash[b];
			s->run->attachhash[b] = i + 1;
		}
	}
	s->run->attach = xreallocarray(s->run->attach, s->run->attachsz + 1,
	    sizeof(*s->run->attach));
	s->run->attach[s->run->attachsz] = a;
	b = attach_hash(a->real) % s->run->attachhashsz;
	a->next = s->run->attachhash[b];
	s->run->attachhash[b] = ++s->run->attachsz;
	return s->run->attachsz - 1;
}

/* %XX decoded (a bad escape is kept as it is); owned by the caller. */
static char *
attach_decode(const char *p, size_t len)
{
	char	*o = xmalloc(len + 1), h[3] = { 0, 0, 0 };
	size_t	 i, k = 0;

	for (i = 0; i < len; i++)
		if (p[i] == '%' && i + 2 < len &&
		    isxdigit((unsigned char)p[i + 1]) &&
		    isxdigit((unsigned char)p[i + 2])) {
			h[0] = p[i + 1];
			h[1] = p[i + 2];
			o[k++] = (char)strtol(h, NULL, 16);
			i += 2;
		} else
			o[k++] = p[i];
	o[k] = '\0';
	return o;
}

/* p with "." and "name/.." removed, as text; owned by the caller. */
static char *
attach_normal(const char *p)
{
	char	*o = xmalloc(strlen(p) + 2);
	size_t	*seg = NULL, segsz = 0, k = 0, n;
	int	 abs = *p == '/';

	if (abs)
		o[k++] = '/';
	for (; *p != '\0'; p += n + (p[n] == '/')) {
		n = strcspn(p, "/");
		if (n == 0 || (n == 1 && *p == '.'))
			continue;
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (segsz > 0 && strcmp(o + seg[segsz - 1], "..") != 0) {
				k = seg[--segsz];
				k -= k > (size_t)abs;	/* the slash before */
				o[k] = '\0';
				continue;
			}
			if (abs)
				continue;
		}
		if (k > (size_t)abs)
			o[k++] = '/';
		seg = xreallocarray(seg, segsz + 1, sizeof(*seg));
		seg[segsz++] = k;
		memcpy(o + k, p, n);
		k += n;
		o[k] = '\0';
	}
	o[k] = '\0';
	free(seg);
	return o;
}

/* Percent-encoded for a URL path; owned by the caller. */
static char *
attach_encode(const char *p)
{
	struct buf	 b = { NULL, 0, 0 };
	char		 e[4];

	for (; *p != '\0'; p++)
		if (isalnum((unsigned char)*p) || strchr("-._~/", *p) != NULL)
			buf_add(&b, p, 1);
		else {
			snprintf(e, sizeof(e), "%%%02X", (unsigned char)*p);
			buf_add(&b, e, 3);
		}
	return b.data != NULL ? b.data : xstrdup("");
}

/* "45 KB" or "1.2 MB", as GOV.UK gives sizes. */
static void
attach_size(off_t size, char *out, size_t outsz)
{
	if (size < 1024 * 1024)
		snprintf(out, outsz, "%lld KB", size <= 1024 ? 1LL :
		    ((long long)size + 1023) / 1024);
	else
		snprintf(out, outsz, "%.1f MB", (double)size / (1024 * 1024));
}

/* Report a missing file path, with the nearest name in its folder. */
static void
attach_missing(struct site *s, const struct mdlinks *ml, size_t line,
    size_t col, const char *url, const char *path)
{
	const char	*base = strrchr(path, '/'), *near = NULL;
	char		*dir, **names = NULL;
	size_t		 n = 0, i;
	DIR		*dp;
	struct dirent	*de;

	dir = base != NULL ? xstrndup(path, (size_t)(base - path)) :
	    xstrdup(".");
	base = base != NULL ? base + 1 : path;
	if ((dp = opendir(dir)) != NULL) {
		while ((de = readdir(dp)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			names = xreallocarray(names, n + 1, sizeof(*names));
			names[n++] = xstrdup(de->d_name);
		}
		closedir(dp);
		near = vocab_nearest(base, (const char *const *)names, n);
	}
	if (near != NULL)
		diag_finding(s->diag, 1, ml->path, line, col, "broken link "
		    "\"%s\": there is no file %s: did you mean %s?", url,
		    path, near);
	else if (dp == NULL)
		diag_finding(s->diag, 1, ml->path, line, col, "broken link "
		    "\"%s\": there is no file %s (there is no folder %s)",
		    url, path, dir);
	else
		diag_finding(s->diag, 1, ml->path, line, col, "broken link "
		    "\"%s\": there is no file %s", url, path);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(dir);
}

/*
 * Run argv[0] (found on PATH) with argv (util_run), stderr left out,
 * reading its standard output into out, and stop it after
 * ATTACH_TIMEOUT seconds.  Returns 1 when it ran and exited 0; 0 when
 * it was not found (*why "missing"), exited non-zero ("failed") or
 * took too long ("timeout").
 */
static int
attach_run(char *const argv[], struct buf *out, const char **why)
{
	const struct runspec rs = { NULL, 0, ATTACH_TIMEOUT, NULL, 0 };
	int		 rc;

	if ((rc = util_run(argv, &rs, out)) == 0) {
		if (out->data == NULL)
			buf_add(out, "", 0);
		return 1;
	}
	if (rc == RUN_NOSTART && (errno == ENOENT || errno == EACCES))
		*why = "missing";
	else
		*why = rc == RUN_TIMEOUT ? "timeout" : "failed";
	return 0;
}

/* Length of the valid UTF-8 sequence at p (n bytes left), or 0. */
static size_t
attach_utf8len(const unsigned char *p, size_t n)
{
	size_t		 k, i;
	unsigned	 c;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		k = 2, c = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		k = 3, c = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		k = 4, c = p[0] & 0x07;
	else
		return 0;
	if (n < k)
		return 0;
	for (i = 1; i < k; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if ((k == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
	    (k == 4 && (c < 0x10000 || c > 0x10ffff)))
		return 0;
	return k;
}

/* Replace each byte that is not UTF-8 (and NUL) by '?', in place. */
static void
attach_utf8fix(char *p, size_t len)
{
	size_t	 i = 0, k;

	while (i < len) {
		if (p[i] == '\0' || (k = attach_utf8len((unsigned char *)p +
		    i, len - i)) == 0) {
			p[i++] = '?';
			continue;
		}
		i += k;
	}
}

/* Report why a PDF tool did not give an answer for a. */
static void
attach_toolerr(struct site *s, const struct attach *a, const char *tool,
    const char *why)
{
	if (strcmp(why, "missing") == 0)
		diag_error(s->diag, a->path, 0, "a PDF is published only "
		    "once checked for identifying details by Poppler's "
		    "pdftotext and pdfinfo, which are not installed: install "
		    "them (Debian, Ubuntu: sudo apt-get install "
		    "poppler-utils; Mac: brew install poppler; Windows: "
		    "Poppler for Windows, its bin folder on PATH)");
	else if (strcmp(why, "timeout") == 0)
		diag_error(s->diag, a->path, 0, "%s took longer than %d "
		    "seconds to read this PDF and was stopped: save the PDF "
		    "again (for example with \"Save as PDF\") and rebuild",
		    tool, ATTACH_TIMEOUT);
	else
		diag_error(s->diag, a->path, 0, "%s cannot read this file "
		    "as a PDF: save it again as PDF, or check that it is "
		    "not damaged or password-protected", tool);
}

/* Does the author's name say it is an organisation's? */
static int
attach_orgname(const char *v)
{
	const char	*p;
	size_t		 i, n;

	for (p = v; *p != '\0'; p += n) {
		p += strspn(p, " \t,.&()-/");
		for (n = 0; p[n] != '\0' && isalpha((unsigned char)p[n]); n++)
			;
		if (n == 0) {
			n = *p != '\0';
			continue;
		}
		for (i = 0; i < ATTACH_ORGWORDSZ; i++)
			if (strlen(attach_orgwords[i]) == n &&
			    strncasecmp(p, attach_orgwords[i], n) == 0)
				return 1;
	}
	return 0;
}

/* Check a PDF's properties (pdfinfo) and text (pdftotext). */
static int
attach_pdf(struct site *s, const struct attach *a)
{
	static const char *const props[] = { "Title", "Author", "Subject",
	    "Keywords", "Creator" };
	char		*argv[6], *line, *end, *v, *m;
	/* execvp's arguments are not const: writable copies. */
	char		 pdfinfo[] = "pdfinfo", pdftotext[] = "pdftotext";
	char		 enc[] = "-enc", utf8[] = "UTF-8", dash[] = "-";
	struct buf	 info = { NULL, 0, 0 }, text = { NULL, 0, 0 };
	const char	*why;
	const struct rule *ru;
	size_t		 i, n;
	int		 ok = 1;

	argv[0] = pdfinfo;
	argv[1] = enc;
	argv[2] = utf8;
	argv[3] = a->real;	/* absolute: never read as an option */
	argv[4] = NULL;
	if (!attach_run(argv, &info, &why)) {
		attach_toolerr(s, a, "pdfinfo", why);
		ok = 0;
		goto out;
	}
	attach_utf8fix(info.data, info.len);
	for (line = info.data; *line != '\0'; line = end + (*end != '\0')) {
		end = line + strcspn(line, "\n");
		for (i = 0; i < sizeof(props) / sizeof(props[0]); i++) {
			n = strlen(props[i]);
			if (strncmp(line, props[i], n) != 0 || line[n] != ':')
				continue;
			for (v = line + n + 1; *v == ' '; v++)
				;
			if (v >= end)
				continue;
			v = xstrndup(v, (size_t)(end - v));
			ok &= check_document(s, a->path, v, strlen(v),
			    props[i]);
			if (i == 1 && !attach_orgname(v) &&
			    (ru = check_on(s, "document-author")) != NULL) {
				m = check_mask(v, strlen(v));
				diag_error(s->diag, a->path, 0, "the \"Author\" "
				    "property: %s: it holds a person's name "
				    "\"%s\": clear it in the program that made "
				    "the PDF (in Word: File, Info, Check for "
				    "Issues, Inspect Document) and save the "
				    "PDF again", ru->name, m);
				free(m);
				ok = 0;
			}
			free(v);
		}
	}
	/* Pages end in form feeds, so a finding can name its page. */
	argv[0] = pdftotext;
	argv[1] = enc;
	argv[2] = utf8;
	argv[3] = a->real;
	argv[4] = dash;
	argv[5] = NULL;
	if (!attach_run(argv, &text, &why)) {
		attach_toolerr(s, a, "pdftotext", why);
		ok = 0;
		goto out;
	}
	attach_utf8fix(text.data, text.len);
	ok &= check_document(s, a->path, text.data, text.len, NULL);
out:
	buf_free(&info);
	buf_free(&text);
	return ok;
}

/* Read the whole file path into b.  Returns 1 on success. */
static int
attach_read(struct site *s, const struct attach *a, struct buf *b)
{
	char	 chunk[65536];
	ssize_t	 n;
	int	 fd;

	if ((fd = open(a->real, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC)) == -1) {
		diag_error(s->diag, a->path, 0, "cannot read: %s",
		    strerror(errno));
		return 0;
	}
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		buf_add(b, chunk, (size_t)n);
	close(fd);
	if (n == -1) {
		diag_error(s->diag, a->path, 0, "cannot read: %s",
		    strerror(errno));
		return 0;
	}
	if (b->data == NULL)
		buf_add(b, "", 0);
	return 1;
}

/*
 * The EXIF block of a PNG (eXIf chunk) or WebP (EXIF chunk) file, as
 * libexif reads it (starting "Exif\0\0"), or NULL.  Owned by the
 * caller.
 */
static unsigned char *
attach_exifchunk(const unsigned char *p, size_t len, size_t *outlen)
{
	size_t		 off, n, hdr;
	int		 png = len >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0;
	unsigned char	*o;

	if (png)
		off = 8;
	else if (len >= 12 && memcmp(p, "RIFF", 4) == 0 &&
	    memcmp(p + 8, "WEBP", 4) == 0)
		off = 12;
	else
		return NULL;
	while (off + 8 <= len) {
		if (png)
			n = (size_t)p[off] << 24 | (size_t)p[off + 1] << 16 |
			    (size_t)p[off + 2] << 8 | p[off + 3];
		else
			n = (size_t)p[off + 7] << 24 | (size_t)p[off + 6] << 16 |
			    (size_t)p[off + 5] << 8 | p[off + 4];
		if (n > len - off - 8)
			return NULL;
		if (memcmp(p + off + (png ? 4 : 0), png ? "eXIf" : "EXIF",
		    4) == 0) {
			p += off + 8;
			hdr = n >= 6 && memcmp(p, "Exif\0\0", 6) == 0 ? 0 : 6;
			o = xmalloc(n + hdr);
			memcpy(o, "Exif\0\0", hdr);
			memcpy(o + hdr, p, n);
			*outlen = n + hdr;
			return o;
		}
		off += 8 + n + (png ? 4 : (n & 1));
	}
	return NULL;
}

/* Check an image's EXIF data: no author, no GPS position. */
static int
attach_exif(struct site *s, const struct attach *a)
{
	static const ExifTag authors[] = { EXIF_TAG_ARTIST,
	    EXIF_TAG_XP_AUTHOR, EXIF_TAG_CAMERA_OWNER_NAME };
	static const char *const authornames[] = { "Artist", "XPAuthor",
	    "CameraOwnerName" };
	struct buf	 b = { NULL, 0, 0 };
	ExifData	*ed = NULL;
	ExifEntry	*e;
	const struct rule *ru;
	unsigned char	*chunk;
	size_t		 chunklen, i, k;
	char		 val[256], *m;
	int		 ok = 1;

	if (check_on(s, "image-author") == NULL &&
	    check_on(s, "image-location") == NULL)
		return 1;
	if (!attach_read(s, a, &b))
		return 0;
	if ((chunk = attach_exifchunk((unsigned char *)b.data, b.len,
	    &chunklen)) != NULL) {
		ed = exif_data_new_from_data(chunk, (unsigned)chunklen);
		free(chunk);
	} else if (b.len > 2 && (unsigned char)b.data[0] == 0xff &&
	    (unsigned char)b.data[1] == 0xd8)
		ed = exif_data_new_from_data((unsigned char *)b.data,
		    (unsigned)b.len);
	buf_free(&b);
	if (ed == NULL)
		return 1;
	if ((ru = check_on(s, "image-author")) != NULL)
		for (i = 0; i < sizeof(authors) / sizeof(authors[0]); i++) {
			if ((e = exif_data_get_entry(ed, authors[i])) == NULL)
				continue;
			exif_entry_get_value(e, val, sizeof(val));
			for (k = strlen(val); k > 0 && isspace(
			    (unsigned char)val[k - 1]); k--)
				val[k - 1] = '\0';
			if (val[strspn(val, " ")] == '\0')
				continue;
			attach_utf8fix(val, strlen(val));
			m = check_mask(val + strspn(val, " "),
			    strlen(val + strspn(val, " ")));
			diag_error(s->diag, a->path, 0, "%s: the image's EXIF "
			    "data names its author or owner (\"%s\" is "
			    "\"%s\"): export the image again without its "
			    "metadata", ru->name, authornames[i], m);
			free(m);
			ok = 0;
		}
	if ((ru = check_on(s, "image-location")) != NULL &&
	    (exif_content_get_entry(ed->ifd[EXIF_IFD_GPS],
	    (ExifTag)EXIF_TAG_GPS_LATITUDE) != NULL ||
	    exif_content_get_entry(ed->ifd[EXIF_IFD_GPS],
	    (ExifTag)EXIF_TAG_GPS_LONGITUDE) != NULL)) {
		diag_error(s->diag, a->path, 0, "%s: the image's EXIF data "
		    "holds the place where it was taken (a GPS position): "
		    "export the image again without its location or "
		    "metadata", ru->name);
		ok = 0;
	}
	exif_data_unref(ed);
	return ok;
}

/* Does an SVG's text hold a script (which would run on the site)? */
static int
attach_svgscript(const char *p, size_t len)
{
	size_t	 i, k;

	for (i = 0; i < len; i++) {
		if (p[i] == '<' && i + 7 <= len &&
		    strncasecmp(p + i + 1, "script", 6) == 0)
			return 1;
		if ((p[i] == 'j' || p[i] == 'J') && i + 11 <= len &&
		    strncasecmp(p + i, "javascript:", 11) == 0)
			return 1;
		/* An event attribute: " onload=", " onclick =". */
		if (isspace((unsigned char)p[i]) && i + 3 < len &&
		    tolower((unsigned char)p[i + 1]) == 'o' &&
		    tolower((unsigned char)p[i + 2]) == 'n') {
			for (k = i + 3; k < len &&
			    isalpha((unsigned char)p[k]); k++)
				;
			while (k < len && isspace((unsigned char)p[k]))
				k++;
			if (k > i + 3 && k < len && p[k] == '=')
				return 1;
		}
	}
	return 0;
}

/* Check the text of an SVG or CSV file, as content is checked. */
static int
attach_text(struct site *s, const struct attach *a, int svg)
{
	struct buf	 b = { NULL, 0, 0 };
	int		 ok;

	if (!attach_read(s, a, &b))
		return 0;
	attach_utf8fix(b.data, b.len);
	ok = check_text(s, a->path, b.data, b.len, NULL, NULL, 0);
	if (svg && attach_svgscript(b.data, b.len)) {
		diag_error(s->diag, a->path, 0, "this SVG image holds a "
		    "script, which would run on the site: export it again "
		    "as a plain SVG, or as PNG");
		ok = 0;
	}
	buf_free(&b);
	return ok;
}

/* Check an attachment once, by its type.  Returns 1 when no error. */
static int
attach_check(struct site *s, const struct attach *a)
{
	const char	*t = a->type;

	if (strcmp(t, "SVG image") == 0)
		return attach_text(s, a, 1);
	if (s->opts->nocheck)
		return 1;
	if (strcmp(t, "PDF") == 0)
		return attach_pdf(s, a);
	if (strcmp(t, "CSV") == 0)
		return attach_text(s, a, 0);
	if (strcmp(t, "PNG image") == 0 || strcmp(t, "JPEG image") == 0 ||
	    strcmp(t, "WebP image") == 0)
		return attach_exif(s, a);
	return 1;
}

/*
 * A relative link or image url (not to a .md file) at line and col of
 * the text ml: resolve it against the folder of ml->path, check that
 * it leads to a file of an allowed type inside the content folder,
 * check the file once (on this thread, if it is the first link to it)
 * and record that ml links it.  *newurl gets its URL in the site (with
 * url's query and fragment kept), *label the " (PDF, 1.2 MB)" for a
 * link's text; both owned by the caller.  A url whose name is not of
 * an attachment type and that is not a file (such as "../", a page of
 * the site) is left alone: *newurl is then NULL.  Safe on several
 * threads.  Returns 1 on success, 0 when the link was reported.
 */
int
attach_link(struct site *s, const struct mdlinks *ml, const char *url,
    size_t line, size_t col, char **newurl, char **label)
{
	const char	*suffix, *slash, *type;
	char		*dec = NULL, *join = NULL, *norm = NULL, *croot = NULL;
	char		*real = NULL, *enc, size[32];
	struct attach	*a;
	struct stat	 st;
	ssize_t		 idx;
	size_t		 n;
	int		 isnew = 0, ok = 0;

	*newurl = *label = NULL;
	suffix = url + strcspn(url, "?#");
	dec = attach_decode(url, (size_t)(suffix - url));
	slash = strrchr(ml->path, '/');
	join = slash != NULL ? xasprintf("%.*s/%s", (int)(slash - ml->path),
	    ml->path, dec) : xstrdup(dec);
	norm = attach_normal(join);
	/* Not of a type published and not a file: a link to a page of
	 * the site ("../", "../regions/london/"), left alone. */
	if (attach_type(norm) == NULL && (stat(norm, &st) == -1 ||
	    !S_ISREG(st.st_mode))) {
		ok = 1;
		goto out;
	}
	croot = attach_normal(s->opts->contentdir);
	n = strlen(croot);
	if (n == 0 ? strncmp(norm, "..", 2) == 0 && (norm[2] == '/' ||
	    norm[2] == '\0') : strncmp(norm, croot, n) != 0 ||
	    norm[n] != '/') {
		diag_finding(s->diag, 1, ml->path, line, col, "link \"%s\" "
		    "leads outside the content folder, which is never "
		    "published: copy the file into %s and link it there",
		    url, s->opts->contentdir);
		goto out;
	}
	if ((real = realpath(norm, NULL)) == NULL) {
		if (errno == ENOENT || errno == ENOTDIR)
			attach_missing(s, ml, line, col, url, norm);
		else
			diag_finding(s->diag, 1, ml->path, line, col, "link "
			    "\"%s\": cannot read %s: %s", url, norm,
			    strerror(errno));
		goto out;
	}
	n = s->contentreal != NULL ? strlen(s->contentreal) : 0;
	if (n == 0 || strncmp(real, s->contentreal, n) != 0 ||
	    real[n] != '/') {
		diag_finding(s->diag, 1, ml->path, line, col, "link \"%s\": "
		    "%s is a symbolic link to a file outside the content "
		    "folder, which is never published: copy the file itself "
		    "into the content folder", url, norm);
		goto out;
	}
	if (stat(real, &st) == -1 || !S_ISREG(st.st_mode)) {
		diag_finding(s->diag, 1, ml->path, line, col, "link \"%s\": "
		    "%s is not a file: link a file such as a PDF or an "
		    "image", url, norm);
		goto out;
	}
	if ((type = attach_type(real)) == NULL ||
	    attach_type(norm) == NULL) {
		slash = strrchr(norm, '/');
		slash = slash != NULL ? slash + 1 : norm;
		if (strrchr(slash, '.') != NULL)
			diag_finding(s->diag, 1, ml->path, line, col, "link "
			    "\"%s\": a %s file cannot be published: the types "
			    "that can are " ATTACH_ALLOWED, url,
			    strrchr(slash, '.'));
		else
			diag_finding(s->diag, 1, ml->path, line, col, "link "
			    "\"%s\": a file without an extension cannot be "
			    "published: the types that can are "
			    ATTACH_ALLOWED, url);
		goto out;
	}
	if (strncmp(real + n + 1, "assets/", 7) == 0 ||
	    strncmp(real + n + 1, "data/", 5) == 0) {
		diag_finding(s->diag, 1, ml->path, line, col, "link \"%s\": "
		    "the site's %.*s folder is made by lcspr, so files in "
		    "%s/%.*s cannot be published: move the file to another "
		    "folder", url, real[n + 1] == 'a' ? 7 : 5, real + n + 1,
		    s->opts->contentdir, real[n + 1] == 'a' ? 6 : 4,
		    real + n + 1);
		goto out;
	}
	pthread_mutex_lock(&s->run->attachlock);
	if ((idx = attach_lookup(s, real)) == -1) {
		a = xcalloc(1, sizeof(*a));
		a->real = real;
		real = NULL;
		a->rel = xstrdup(a->real + n + 1);
		a->path = *croot == '\0' ? xstrdup(a->rel) :
		    xasprintf("%s/%s", croot, a->rel);
		a->type = type;
		a->size = st.st_size;
		idx = (ssize_t)attach_insert(s, a);
		isnew = 1;
	} else
		a = s->run->attach[idx];
	s->run->attachrefs = xreallocarray(s->run->attachrefs,
	    s->run->attachrefsz + 1, sizeof(*s->run->attachrefs));
	s->run->attachrefs[s->run->attachrefsz].idx = (size_t)idx;
	s->run->attachrefs[s->run->attachrefsz++].from = ml->from;
	pthread_mutex_unlock(&s->run->attachlock);
	/* The first link checks it; a's fields are not changed again. */
	if (isnew && !attach_check(s, a))
		__atomic_store_n(&s->run->attachfailed, 1, __ATOMIC_RELAXED);
	enc = attach_encode(a->rel);
	*newurl = xasprintf("%s%s%s", ml->prefix, enc, suffix);
	free(enc);
	attach_size(a->size, size, sizeof(size));
	*label = xasprintf(" (%s, %s)", a->type, size);
	ok = 1;
out:
	free(dec);
	free(join);
	free(norm);
	free(croot);
	free(real);
	return ok;
}

/* Warn about files of the attachment types that nothing links. */
static void
attach_unlinked(struct site *s, const char *dir, const char *logo)
{
	DIR		*dp;
	struct dirent	*de;
	struct stat	 st;
	char		*p, *real;
	size_t		 n;
	int		 isdir;

	if ((dp = opendir(dir)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		isdir = de->d_type == DT_DIR;
		if (de->d_type == DT_UNKNOWN) {
			p = xasprintf("%s/%s", dir, de->d_name);
			isdir = lstat(p, &st) == 0 && S_ISDIR(st.st_mode);
			free(p);
		}
		if (!isdir && attach_type(de->d_name) == NULL)
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		if (isdir)
			attach_unlinked(s, p, logo);
		else if ((real = realpath(p, NULL)) != NULL) {
			/* Not a link to outside, which a link would refuse. */
			n = s->contentreal != NULL ? strlen(s->contentreal) : 0;
			if (n > 0 && strncmp(real, s->contentreal, n) == 0 &&
			    real[n] == '/' && attach_lookup(s, real) == -1 &&
			    (logo == NULL || strcmp(real, logo) != 0))
				diag_warn(s->diag, p, 0, "not linked from any "
				    "review or page, so not published: link it "
				    "where it belongs, or move it out of the "
				    "content folder");
			free(real);
		}
		free(p);
	}
	closedir(dp);
}

/*
 * After every text is read and the published reviews are chosen: mark
 * the attachments that a published text links, and warn about files
 * of the attachment types that nothing links.  Returns 1 when no
 * attachment had an error.
 */
int
attach_finish(struct site *s)
{
	const struct attachref *r;
	char		*lp, *logo = NULL;
	size_t		 i;

	for (i = 0; i < s->run->attachrefsz; i++) {
		r = &s->run->attachrefs[i];
		if (r->from == NULL || r->from->published_ok)
			s->run->attach[r->idx]->pub = 1;
	}
	if (s->logo != NULL) {
		lp = xasprintf("%s/%s", s->opts->contentdir, s->logo);
		logo = realpath(lp, NULL);
		free(lp);
	}
	attach_unlinked(s, s->opts->contentdir, logo);
	free(logo);
	return !s->run->attachfailed;
}

/*
 * Copy the published attachments into the output, each at its path
 * below the content folder (the logo is copied by the build).
 * Returns 1 on success, 0 when reported.
 */
int
attach_copy(const struct site *s, struct output *o)
{
	size_t	 i;
	int	 ok = 1;

	for (i = 0; i < s->run->attachsz; i++)
		if (s->run->attach[i]->pub && (s->logo == NULL ||
		    strcmp(s->run->attach[i]->rel, s->logo) != 0))
			ok &= output_copyfile(o, s->run->attach[i]->real,
			    s->run->attach[i]->rel);
	return ok;
}

/*
 * Free the attachment registry.
 */
void
attach_free(struct site *s)
{
	size_t	 i;

	for (i = 0; i < s->run->attachsz; i++) {
		free(s->run->attach[i]->real);
		free(s->run->attach[i]->path);
		free(s->run->attach[i]->rel);
		free(s->run->attach[i]);
	}
	free(s->run->attach);
	free(s->run->attachhash);
	free(s->run->attachrefs);
	free(s->contentreal);
	pthread_mutex_destroy(&s->run->attachlock);
}
