/*
 * linkcheck: check that every internal href and src in the HTML files
 * of a built site resolves to a file in it (a folder to its
 * index.html), and that every same-page #fragment names an id.
 * usage: linkcheck site-dir base-path
 * Parses with libxml2's HTML parser.  Prints "file: broken link: url"
 * for each problem; exits 1 if any, 0 if none, 2 on usage.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* nftw, also when built without -D_GNU_SOURCE */
#endif
#include <sys/stat.h>

#include <ctype.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

static const char *root;
static const char *basepath;
static size_t	 broken, links, files;

static int
exists(const char *path)
{
	struct stat	 st;
	char		 idx[PATH_MAX * 3];

	if (stat(path, &st) != 0)
		return 0;
	if (!S_ISDIR(st.st_mode))
		return 1;
	snprintf(idx, sizeof(idx), "%s/index.html", path);
	return stat(idx, &st) == 0;
}

static int
hasid(xmlNodePtr n, const char *id)
{
	xmlChar	*v;
	int	 found;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if ((v = xmlGetProp(n, (const xmlChar *)"id")) != NULL) {
			found = strcmp((char *)v, id) == 0;
			xmlFree(v);
			if (found)
				return 1;
		}
		if (hasid(n->children, id))
			return 1;
	}
	return 0;
}

/* Decode %XX in a URL path, in place: "clean%20photo.jpg". */
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

static void
check(const char *file, xmlDocPtr doc, const char *url)
{
	char	 path[PATH_MAX * 2], dir[PATH_MAX], *p;
	size_t	 n;

	links++;
	if (strstr(url, "://") != NULL || strncmp(url, "mailto:", 7) == 0 ||
	    strncmp(url, "tel:", 4) == 0 || strncmp(url, "data:", 5) == 0)
		return;
	if (url[0] == '#') {
		if (url[1] != '\0' && !hasid(xmlDocGetRootElement(doc), url + 1)) {
			printf("%s: broken link: %s (no such id)\n", file, url);
			broken++;
		}
		return;
	}
	if (url[0] == '/') {
		n = strlen(basepath);
		if (strncmp(url, basepath, n) != 0) {
			printf("%s: broken link: %s (outside %s)\n", file,
			    url, basepath);
			broken++;
			return;
		}
		snprintf(path, sizeof(path), "%s/%s", root, url + n);
	} else {
		snprintf(dir, sizeof(dir), "%s", file);
		if ((p = strrchr(dir, '/')) != NULL)
			*p = '\0';
		snprintf(path, sizeof(path), "%s/%s", dir, url);
	}
	if ((p = strpbrk(path, "?#")) != NULL)
		*p = '\0';
	pctdecode(path);
	if (!exists(path)) {
		printf("%s: broken link: %s\n", file, url);
		broken++;
	}
}

static void
walk(const char *file, xmlDocPtr doc, xmlNodePtr n)
{
	static const char *const attrs[] = { "href", "src" };
	xmlChar	*v;
	size_t	 i;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (i = 0; i < 2; i++)
			if ((v = xmlGetProp(n, (const xmlChar *)attrs[i])) !=
			    NULL) {
				/* canonical links are absolute by design */
				check(file, doc, (char *)v);
				xmlFree(v);
			}
		walk(file, doc, n->children);
	}
}

static int
visit(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	size_t	 n = strlen(path);
	htmlDocPtr doc;

	(void)st;
	(void)f;
	if (flag != FTW_F || n < 5 || strcmp(path + n - 5, ".html") != 0)
		return 0;
	files++;
	doc = htmlReadFile(path, "UTF-8", HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	if (doc == NULL) {
		printf("%s: cannot parse\n", path);
		broken++;
		return 0;
	}
	walk(path, doc, xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	return 0;
}

int
main(int argc, char *argv[])
{
	if (argc != 3) {
		fprintf(stderr, "usage: linkcheck site-dir base-path\n");
		return 2;
	}
	root = argv[1];
	basepath = argv[2];
	nftw(root, visit, 16, FTW_PHYS);
	if (files == 0) {
		printf("%s: no HTML files\n", root);
		return 1;
	}
	fprintf(stderr, "linkcheck: %zu files, %zu links, %zu broken\n",
	    files, links, broken);
	return broken > 0;
}
