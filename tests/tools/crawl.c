/*
 * crawl: follow the <a href> links of a built site from its home page,
 * as a reader (or a search engine) would, and say which pages it never
 * reaches.  Only links inside the site are followed: relative ones, and
 * those starting with base-path; a query or #fragment is dropped, a
 * folder means its index.html.  Parses with libxml2's HTML parser.
 * usage: crawl site-dir base-path
 * Prints "not reached: reviews/<slug>/index.html" for each review page
 * never reached, "note: not reached: PATH" for any other HTML page
 * (404.html never is), and a summary line on standard error.  Exits 1
 * when a review page is not reached, 0 when all are, 2 on usage.
 * Linear in the size of the site: each page is parsed once.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* nftw, also when built without -D_GNU_SOURCE */
#endif
#include <sys/stat.h>

#include <ctype.h>
#include <ftw.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

static const char *root;
static const char *basepath;

/* The pages reached, in the order reached; also the queue. */
static char	**pages;
static size_t	  pagesz, pagemax;

/* Open-addressing set of the pages reached (pointers into pages). */
static char	**set;
static size_t	  setmax;

static size_t	  reviewsreached, unreached, notes, links;

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n)) == NULL) {
		perror("crawl");
		exit(2);
	}
	return p;
}

static uint64_t
hash(const char *s)
{
	uint64_t	 h = 1469598103934665603ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static char **
slot(char **v, size_t max, const char *s)
{
	size_t	 i;

	for (i = hash(s) & (max - 1); v[i] != NULL; i = (i + 1) & (max - 1))
		if (strcmp(v[i], s) == 0)
			break;
	return &v[i];
}

/* Add page p (owned) to the set and the queue unless already there. */
static void
reach(char *p)
{
	char	**nv, **e;
	size_t	  i, nmax;

	if ((pagesz + 1) * 2 > setmax) {
		nmax = setmax ? setmax * 2 : 4096;
		nv = xrealloc(NULL, nmax * sizeof(*nv));
		memset(nv, 0, nmax * sizeof(*nv));
		for (i = 0; i < setmax; i++)
			if (set[i] != NULL)
				*slot(nv, nmax, set[i]) = set[i];
		free(set);
		set = nv;
		setmax = nmax;
	}
	if (*(e = slot(set, setmax, p)) != NULL) {
		free(p);
		return;
	}
	*e = p;
	if (pagesz == pagemax) {
		pagemax = pagemax ? pagemax * 2 : 1024;
		pages = xrealloc(pages, pagemax * sizeof(*pages));
	}
	pages[pagesz++] = p;
}

/* Decode %XX in a URL path, in place. */
static void
pctdecode(char *p)
{
	char	*o = p, h[3] = { 0, 0, 0 };

	for (; *p != '\0'; p++)
		if (p[0] == '%' && isxdigit((unsigned char)p[1]) &&
		    isxdigit((unsigned char)p[2])) {
			h[0] = p[1];
			h[1] = p[2];
			*o++ = (char)strtol(h, NULL, 16);
			p += 2;
		} else
			*o++ = *p;
	*o = '\0';
}

/*
 * The site-relative path ("reviews/x/index.html") of the page that url,
 * found on page from, leads to; NULL when it leads outside the site or
 * to no HTML page.
 */
static char *
resolve(const char *from, const char *url)
{
	char	 buf[PATH_MAX * 2], out[PATH_MAX * 2], *seg, *save, *p;
	size_t	 n, o = 0;
	struct stat st;
	char	 full[PATH_MAX * 3];

	if (strstr(url, "://") != NULL || strncmp(url, "//", 2) == 0 ||
	    strchr(url, ':') != NULL || url[0] == '#')
		return NULL;
	if (url[0] == '/') {
		n = strlen(basepath);
		if (strncmp(url, basepath, n) != 0)
			return NULL;
		snprintf(buf, sizeof(buf), "%s", url + n);
	} else {
		snprintf(buf, sizeof(buf), "%s", from);
		if ((p = strrchr(buf, '/')) != NULL)
			p[1] = '\0';
		else
			buf[0] = '\0';
		n = strlen(buf);
		snprintf(buf + n, sizeof(buf) - n, "%s", url);
	}
	if ((p = strpbrk(buf, "?#")) != NULL)
		*p = '\0';
	pctdecode(buf);
	/* Normalise . and .. segments; above the root is outside. */
	out[0] = '\0';
	for (seg = strtok_r(buf, "/", &save); seg != NULL;
	    seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			if (o == 0)
				return NULL;
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
			out[o] = '\0';
			continue;
		}
		o += (size_t)snprintf(out + o, sizeof(out) - o, "%s%s",
		    o > 0 ? "/" : "", seg);
		if (o >= sizeof(out))
			return NULL;
	}
	snprintf(full, sizeof(full), "%s/%s", root, out);
	/* A folder (with or without its final /) means its index.html. */
	if (o == 0 || (stat(full, &st) == 0 && S_ISDIR(st.st_mode)))
		o += (size_t)snprintf(out + o, sizeof(out) - o, "%s",
		    o > 0 ? "/index.html" : "index.html");
	if (o < 5 || strcmp(out + o - 5, ".html") != 0)
		return NULL;
	snprintf(full, sizeof(full), "%s/%s", root, out);
	if (stat(full, &st) != 0 || !S_ISREG(st.st_mode))
		return NULL;
	return strdup(out);
}

/* Follow the <a href> links under n, found on page from. */
static void
walk(const char *from, xmlNodePtr n)
{
	xmlChar	*v;
	char	*p;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcasecmp(n->name, (const xmlChar *)"a") == 0 &&
		    (v = xmlGetProp(n, (const xmlChar *)"href")) != NULL) {
			links++;
			if ((p = resolve(from, (const char *)v)) != NULL)
				reach(p);
			xmlFree(v);
		}
		walk(from, n->children);
	}
}

/* An HTML file of the site: is it reached? */
static int
visit(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	const char	*rel = path + strlen(root) + 1, *slash;
	size_t		 n = strlen(path);

	(void)st;
	(void)f;
	if (flag != FTW_F || n < 5 || strcmp(path + n - 5, ".html") != 0)
		return 0;
	if (strcmp(rel, "404.html") == 0)
		return 0;
	if (*slot(set, setmax, rel) != NULL)
		return 0;
	/* reviews/<slug>/index.html is a review page. */
	if (strncmp(rel, "reviews/", 8) == 0 &&
	    (slash = strchr(rel + 8, '/')) != NULL &&
	    strcmp(slash, "/index.html") == 0) {
		printf("not reached: %s\n", rel);
		unreached++;
	} else {
		printf("note: not reached: %s\n", rel);
		notes++;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	htmlDocPtr	 doc;
	char		 path[PATH_MAX * 3];
	const char	*p, *slash;
	size_t		 i;

	if (argc != 3) {
		fprintf(stderr, "usage: crawl site-dir base-path\n");
		return 2;
	}
	root = argv[1];
	basepath = argv[2];
	reach(strdup("index.html"));
	for (i = 0; i < pagesz; i++) {
		p = pages[i];
		if (strncmp(p, "reviews/", 8) == 0 &&
		    (slash = strchr(p + 8, '/')) != NULL &&
		    strcmp(slash, "/index.html") == 0)
			reviewsreached++;
		snprintf(path, sizeof(path), "%s/%s", root, p);
		doc = htmlReadFile(path, "UTF-8", HTML_PARSE_NOERROR |
		    HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
		if (doc == NULL) {
			printf("%s: cannot read or parse\n", p);
			unreached++;
			continue;
		}
		walk(p, xmlDocGetRootElement(doc));
		xmlFreeDoc(doc);
	}
	nftw(root, visit, 16, FTW_PHYS);
	fprintf(stderr, "crawl: %zu pages reached (%zu review pages) by "
	    "%zu links; %zu review pages and %zu other pages not reached\n",
	    pagesz, reviewsreached, links, unreached, notes);
	printf("reached %zu review pages\n", reviewsreached);
	return unreached > 0;
}
