/*
 * Site-theme templates: load each once with libxml2's XML parser,
 * check every marker attribute (data-lcspr-*) against the fields, then
 * fill a copy for each page.  Values go into the tree as text and
 * attribute nodes only, so the HTML serialiser escapes every one.
 * Rendered Markdown (already HTML, from cmark) is spliced into the
 * serialised page where a placeholder element stands.
 *
 * The cache lives here too.  From what each field depends on (field.c's
 * table), the loader marks the parts of a template that are the same on
 * every page with the same URL prefix (the header, the footer) and the
 * lists of reviews whose items are the same wherever the review is
 * listed at that prefix.  The first page to fill such a part serialises
 * it into the cache under its page's prefix; later pages splice it in.
 * A review's item is kept once for every prefix made of "../" (pages of
 * lists are at several depths): it is filled with a stand-in for the
 * prefix, which splicing replaces with the page's.  On the pages of a
 * list, the parts that depend on the list's own object too (its
 * sidebars) are kept once for all its pages at one prefix.  Filling is
 * the same with the cache or without it (LCSPR_NOCACHE).
 */
#include <sys/stat.h>

#include <errno.h>
#include <libxml/HTMLtree.h>
#include <libxml/dict.h>
#include <libxml/xmlIO.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

#define MARK		"data-lcspr-"
#define MARKSZ		(sizeof(MARK) - 1)
#define SPLICE		"lcspr-splice"
#define SPLICETAG	"<" SPLICE "></" SPLICE ">"
/* The stand-in for a prefix: characters that the serialiser writes as
 * they are, in text and in addresses, and a random part no content
 * can know (the output does not depend on it). */
#define STANDIN		"._lcspr_%016llx_."

/* The markers of one template element (its node's _private). */
struct marker {
	int		 each;		/* list field, or -1 */
	int		 cond;		/* if/unless field, or -1 */
	int		 negate;	/* cond is "unless" */
	int		 text;		/* text field, or -1 */
	int		 html;		/* html field, or -1 */
	int		 content;	/* the layout's content slot */
	int		 row;		/* each: its row of cached items, or -1 */
	int		 shared;	/* same at one prefix: its slot, or -1 */
	int		 own;		/* same for one list at one prefix: its
					 * slot, or -1 */
	size_t		 attrsz;	/* attributes set from fields */
	struct {
		char	*name;		/* attribute to set */
		int	 field;		/* field giving its value */
		int	 url;		/* holds an address: safe ones only */
	}		*attrs;
};

/* Lists nested deeper than this are filled afresh on every page. */
#define LEVELS		16

/* A loaded site theme. */
struct sitetheme {
	char		*dir;		/* the site theme's folder */
	xmlDocPtr	 docs[TK__MAX];	/* parsed templates */
	struct marker	**marks;	/* every marker, for freeing */
	size_t		 marksz;	/* number of markers */
	int		 slots;		/* content slots in the layout */
	size_t		 rowsz;		/* lists whose review items are kept */
	size_t		 sharedsz;	/* parts the same at one prefix */
	size_t		 ownsz;		/* parts the same for one list */
};

static const char *const tmpl_files[TK__MAX] = {
	"layout.html", "home.html", "review.html", "list.html",
	"terms.html", "page.html", "search.html",
	"updates.html", "month.html",
};

/* Loader state: where messages go. */
struct tload {
	struct diag	*diag;		/* the funnel */
	struct sitetheme *st;		/* theme being loaded */
	const char	*path;		/* template being loaded */
	int		 ok;		/* no error so far */
};

/* libxml2's structured errors, reported as path:line: message. */
static void
tmpl_xmlerror(void *arg, xmlErrorPtr e)
{
	struct tload	*tl = arg;
	char		*msg;
	size_t		 n;

	if (e == NULL || e->level == XML_ERR_NONE)
		return;
	msg = xstrdup(e->message != NULL ? e->message : "error");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	if (n > 0 && msg[0] >= 'A' && msg[0] <= 'Z' &&
	    !(msg[1] >= 'A' && msg[1] <= 'Z'))
		msg[0] = (char)(msg[0] - 'A' + 'a');
	if (e->level == XML_ERR_WARNING)
		diag_warn(tl->diag, tl->path, (size_t)e->line, "%s", msg);
	else {
		diag_error(tl->diag, tl->path, (size_t)e->line, "%s (a "
		    "template must be well-formed XHTML: close every element, "
		    "write <br/> and &amp;)", msg);
		tl->ok = 0;
	}
	free(msg);
}

/* Look up a marker's field, checking it can be used that way. */
static int
tmpl_field(struct tload *tl, xmlNodePtr n, const char *marker,
    const char *name, int want)
{
	enum ftype	 type;
	int		 id;
	static const char *const tnames[] = { "text", "HTML", "a flag",
	    "a list" };

	if ((id = field_find(name, &type)) == -1) {
		diag_error(tl->diag, tl->path, (size_t)xmlGetLineNo(n),
		    "%s%s: unknown field \"%s\" (the fields are listed in "
		    "lcspr(5))", MARK, marker, name);
		tl->ok = 0;
		return -1;
	}
	if (want >= 0 && (int)type != want) {
		diag_error(tl->diag, tl->path, (size_t)xmlGetLineNo(n),
		    "%s%s: field \"%s\" is %s, not %s", MARK, marker, name,
		    tnames[type], tnames[want]);
		tl->ok = 0;
		return -1;
	}
	return id;
}

/*
 * Attributes whose value is an address: a field may set them only with
 * an address (url or a field ending in -url), and only a safe one.
 */
static const char *const tmpl_urlattrs[] = {
	"action", "archive", "background", "cite", "classid", "codebase",
	"data", "dynsrc", "formaction", "href", "icon", "imagesrcset",
	"longdesc", "lowsrc", "manifest", "ping", "poster", "profile", "src",
	"srcset", "usemap", NULL
};

/* Attributes no field may set: they run script or change the page. */
static const char *const tmpl_badattrs[] = {
	"http-equiv", "srcdoc", NULL
};

/* Elements whose attributes no field may set: <base> changes every
 * address on the page, SVG animations set other attributes. */
static const char *const tmpl_badelems[] = {
	"animate", "animatemotion", "animatetransform", "base", "set", NULL
};

/* Is name (any case) in the list? */
static int
tmpl_inlist(const char *const *list, const char *name)
{
	for (; *list != NULL; list++)
		if (strcasecmp(*list, name) == 0)
			return 1;
	return 0;
}

/*
 * May field (of that name) set the attribute attr of element n?
 * Reports why not.  *url is set for an attribute holding an address.
 */
static int
tmpl_attrok(struct tload *tl, xmlNodePtr n, const char *attr,
    const char *field, int *url)
{
	const char	*p;
	size_t		 len = strlen(field), line = (size_t)xmlGetLineNo(n);

	*url = 0;
	for (p = attr; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_')) {
			diag_error(tl->diag, tl->path, line, "%sattr-%s: an "
			    "attribute name is letters, digits and hyphens "
			    "only", MARK, attr);
			return 0;
		}
	if (tmpl_inlist(tmpl_badelems, (const char *)n->name)) {
		diag_error(tl->diag, tl->path, line, "%sattr-%s: a field may "
		    "not set attributes of <%s>, which %s", MARK, attr,
		    (const char *)n->name, strcasecmp((const char *)n->name,
		    "base") == 0 ? "changes every address on the page" :
		    "sets other attributes, such as an address");
		return 0;
	}
	if (strncasecmp(attr, "on", 2) == 0 ||
	    tmpl_inlist(tmpl_badattrs, attr)) {
		diag_error(tl->diag, tl->path, line, "%sattr-%s: a field may "
		    "not set the attribute \"%s\", which can run script or send "
		    "readers elsewhere (lcspr(5) lists the attributes a field "
		    "may not set)",
		    MARK, attr, attr);
		return 0;
	}
	if (strcasecmp(attr, "style") == 0 &&
	    strcmp(field, "accent-style") != 0) {
		diag_error(tl->diag, tl->path, line, "%sattr-style: only the "
		    "field \"accent-style\" may set a style attribute (a "
		    "style from content could hide or change the page)", MARK);
		return 0;
	}
	if (strcasecmp(attr, "content") == 0 &&
	    strcasecmp((const char *)n->name, "meta") == 0 &&
	    xmlHasProp(n, (const xmlChar *)"http-equiv") != NULL) {
		diag_error(tl->diag, tl->path, line, "%sattr-content: a field "
		    "may not set the content of <meta http-equiv>, which could "
		    "send readers to another address", MARK);
		return 0;
	}
	if (tmpl_inlist(tmpl_urlattrs, attr)) {
		if (strcmp(field, "url") != 0 &&
		    (len < 4 || strcmp(field + len - 4, "-url") != 0)) {
			diag_error(tl->diag, tl->path, line, "%sattr-%s: field "
			    "\"%s\" is not an address (the attribute \"%s\" "
			    "takes url or a field ending in -url)", MARK, attr,
			    field, attr);
			return 0;
		}
		*url = 1;
	}
	return 1;
}

/*
 * Is the address s safe in an attribute: relative, or with the scheme
 * http, https or mailto?  Read as browsers read it: leading spaces
 * and control characters skipped, tabs and newlines ignored.
 */
int
template_safeurl(const char *s)
{
	char		 scheme[8];
	size_t		 n = 0;
	unsigned char	 c;

	while (*s != '\0' && (unsigned char)*s <= ' ')
		s++;
	for (; (c = (unsigned char)*s) != '\0'; s++) {
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == ':')
			break;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (n > 0 && ((c >= '0' && c <= '9') || c == '+' ||
		    c == '-' || c == '.'))))
			return 1;	/* no scheme: a relative address */
		if (n < sizeof(scheme) - 1)
			scheme[n] = (char)(c >= 'A' && c <= 'Z' ?
			    c - 'A' + 'a' : c);
		n++;
	}
	if (c != ':')
		return 1;
	if (n >= sizeof(scheme))
		return 0;
	scheme[n] = '\0';
	return strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0 ||
	    strcmp(scheme, "mailto") == 0;
}

/* The markers of element n, made empty if it has none yet. */
static struct marker *
tmpl_newmark(struct tload *tl, xmlNodePtr n)
{
	struct marker	*m;

	if ((m = n->_private) != NULL)
		return m;
	m = xcalloc(1, sizeof(*m));
	m->each = m->cond = m->text = m->html = -1;
	m->row = m->shared = m->own = -1;
	tl->st->marks = xreallocarray(tl->st->marks, tl->st->marksz + 1,
	    sizeof(*tl->st->marks));
	tl->st->marks[tl->st->marksz++] = m;
	n->_private = m;
	return m;
}

/*
 * Read the markers of element n into a struct marker, if any.  raw:
 * the script or style element n is in (or is), else NULL.
 */
static void
tmpl_mark(struct tload *tl, xmlNodePtr n, enum tmplkind tk,
    const char *raw)
{
	struct marker	*m = NULL;
	xmlAttrPtr	 a;
	const char	*name;
	xmlChar		*val;

	for (a = n->properties; a != NULL; a = a->next) {
		name = (const char *)a->name;
		if (strncmp(name, MARK, MARKSZ) != 0)
			continue;
		name += MARKSZ;
		if (m == NULL)
			m = tmpl_newmark(tl, n);
		val = xmlNodeListGetString(n->doc, a->children, 1);
		if (val == NULL)
			val = xmlStrdup((const xmlChar *)"");
		if (raw != NULL && (strcmp(name, "text") == 0 ||
		    strcmp(name, "html") == 0 ||
		    strncmp(name, "attr-", 5) == 0)) {
			diag_error(tl->diag, tl->path, (size_t)xmlGetLineNo(n),
			    "%s%s inside <%s>: a browser reads a script or "
			    "style element as code, so no field may be used "
			    "there; put the value in an ordinary element",
			    MARK, name, raw);
			tl->ok = 0;
		} else if (strcmp(name, "each") == 0)
			m->each = tmpl_field(tl, n, name, (char *)val, FT_LIST);
		else if (strcmp(name, "if") == 0 ||
		    strcmp(name, "unless") == 0) {
			m->cond = tmpl_field(tl, n, name, (char *)val, -1);
			m->negate = name[0] == 'u';
		} else if (strcmp(name, "text") == 0)
			m->text = tmpl_field(tl, n, name, (char *)val, FT_TEXT);
		else if (strcmp(name, "html") == 0)
			m->html = tmpl_field(tl, n, name, (char *)val, FT_HTML);
		else if (strcmp(name, "content") == 0) {
			if (tk != TK_LAYOUT) {
				diag_error(tl->diag, tl->path,
				    (size_t)xmlGetLineNo(n), "%scontent may "
				    "only be used in layout.html", MARK);
				tl->ok = 0;
			}
			m->content = 1;
			tl->st->slots++;
		} else if (strncmp(name, "attr-", 5) == 0 && name[5] != '\0') {
			m->attrs = xreallocarray(m->attrs, m->attrsz + 1,
			    sizeof(*m->attrs));
			m->attrs[m->attrsz].name = xstrdup(name + 5);
			m->attrs[m->attrsz].field =
			    tmpl_field(tl, n, name, (char *)val, FT_TEXT);
			if (m->attrs[m->attrsz].field >= 0 &&
			    !tmpl_attrok(tl, n, name + 5, (char *)val,
			    &m->attrs[m->attrsz].url))
				tl->ok = 0;
			m->attrsz++;
		} else {
			diag_error(tl->diag, tl->path, (size_t)xmlGetLineNo(n),
			    "unknown marker \"%s%s\" (the markers are "
			    "text, html, attr-NAME, each, if, unless and "
			    "content)", MARK, name);
			tl->ok = 0;
		}
		xmlFree(val);
	}
	if (strcmp((const char *)n->name, SPLICE) == 0) {
		diag_error(tl->diag, tl->path, (size_t)xmlGetLineNo(n),
		    "the element name <%s> is reserved", SPLICE);
		tl->ok = 0;
	}
}

/*
 * Mark every element under n.  raw: the script or style element they
 * are in, else NULL (libxml2's HTML serialiser writes the text of
 * those unescaped, whatever their namespace or case).
 */
static void
tmpl_walk(struct tload *tl, xmlNodePtr n, enum tmplkind tk,
    const char *raw)
{
	const char	*r;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		n->_private = NULL;
		r = raw;
		if (r == NULL && (strcasecmp((const char *)n->name,
		    "script") == 0 || strcasecmp((const char *)n->name,
		    "style") == 0))
			r = (const char *)n->name;
		tmpl_mark(tl, n, tk, r);
		tmpl_walk(tl, n->children, tk, r);
	}
}

/* A list page's own object: a term or a facet (page.c, page_list). */
#define OWNLIST		(1u << CTX_THEME | 1u << CTX_REGION | \
			 1u << CTX_YEAR | 1u << CTX_FACET)

/* tmpl_dep: from the page's own object, the same on all its pages. */
#define OWN		(-2)

/*
 * Where the value of field id comes from, inside lists whose items are
 * of the kinds kinds[0..depth-1] (bits 1 << enum ctxkind, innermost
 * last): 0 from the site and the URL prefix alone, j >= 1 from the item
 * of list j, -1 from the page (its own review or term, or itself).
 * With own, the kinds the page's own object may be, OWN from it (or
 * from nothing when it is not of a kind that answers).
 */
static int
tmpl_dep(const unsigned *kinds, size_t depth, int id, unsigned own)
{
	unsigned	 scope, items;
	size_t		 j;

	if (id < 0)
		return 0;
	switch (field_dep(id, &scope, &items)) {
	case FD_SITE:
	case FD_PREFIX:
		return 0;
	case FD_ITEM:
		break;
	default:
		return -1;
	}
	for (j = depth; j > 0; j--) {
		if ((kinds[j - 1] & scope) == kinds[j - 1] && kinds[j - 1] != 0)
			return (int)j;
		if ((kinds[j - 1] & scope) != 0)
			return -1;	/* some of its kinds answer: unknown */
	}
	if (own != 0 && ((own & ~scope) == 0 ||
	    (scope & 1u << CTX_PAGE) == 0))
		return OWN;
	return -1;
}

/*
 * May a part keyed by the items from list lo inwards (and by the page's
 * own object, of the kinds own, if not 0) use field id?
 */
static int
tmpl_keyed(const unsigned *kinds, size_t depth, size_t lo, int id,
    unsigned own)
{
	int	 d = tmpl_dep(kinds, depth, id, own);

	return d == 0 || d == OWN || (d > 0 && (size_t)d >= lo);
}

/*
 * Does all that is filled from element n depend only on the site, the
 * URL prefix and the items of the lists from level lo inwards (so it
 * may be kept for every page with that prefix)?  kinds[0..depth-1]:
 * the item kinds of the lists around n.  row: n is a list whose items
 * are asked about, not the list itself.  own: the page's own object
 * (of those kinds) may be used too, or 0.
 */
static int
tmpl_pure(xmlNodePtr n, unsigned *kinds, size_t depth, size_t lo, int row,
    unsigned own)
{
	const struct marker *m = n->_private;
	unsigned	 scope;
	xmlNodePtr	 k;
	size_t		 i;
	int		 ok = 1;

	if (m != NULL) {
		if (m->content)
			return 0;	/* the page's own fragment goes there */
		if (m->each >= 0) {
			if (!row && !tmpl_keyed(kinds, depth, lo, m->each, own))
				return 0;
			if (depth == LEVELS)
				return 0;
			field_dep(m->each, &scope, &kinds[depth++]);
		}
		ok = tmpl_keyed(kinds, depth, lo, m->cond, own) &&
		    tmpl_keyed(kinds, depth, lo, m->text, own) &&
		    tmpl_keyed(kinds, depth, lo, m->html, own);
		for (i = 0; ok && i < m->attrsz; i++)
			ok = tmpl_keyed(kinds, depth, lo, m->attrs[i].field,
			    own);
	}
	for (k = n->children; ok && k != NULL; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			ok = tmpl_pure(k, kinds, depth, lo, 0, own);
	return ok;
}

/*
 * Mark what a page may take from the cache, from the siblings from n
 * on, inside lists whose items are of kinds[0..depth-1]: each list of
 * reviews whose items depend only on the review and the URL prefix (a
 * row of the cache), and the largest parts that depend only on the
 * site and the prefix (the header, the footer, and smaller ones down
 * to one element: a shared part).  Even one element is cheaper
 * spliced than filled and serialised on every page (the 10,000-review
 * build: 4% less time than with parts of 8 nodes or more only).  With
 * own (a list's fragment, outside its lists), also the largest parts
 * that depend on the list's own object too (its sidebars: an own part),
 * the same on all its pages at one prefix.
 */
static void
tmpl_caches(struct tload *tl, xmlNodePtr n, unsigned *kinds, size_t depth,
    unsigned own)
{
	struct marker	*m;
	unsigned	 scope, items;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		m = n->_private;
		if (m != NULL && m->each >= 0) {
			if (depth == LEVELS)
				continue;
			field_dep(m->each, &scope, &items);
			if (items == 1u << CTX_REVIEW &&
			    tmpl_pure(n, kinds, depth, depth + 1, 1, 0))
				m->row = (int)tl->st->rowsz++;
			kinds[depth] = items;
			tmpl_caches(tl, n->children, kinds, depth + 1, 0);
		} else if (tmpl_pure(n, kinds, depth, depth + 1, 0, 0))
			tmpl_newmark(tl, n)->shared = (int)tl->st->sharedsz++;
		else if (own != 0 &&
		    tmpl_pure(n, kinds, depth, depth + 1, 0, own))
			tmpl_newmark(tl, n)->own = (int)tl->st->ownsz++;
		else
			tmpl_caches(tl, n->children, kinds, depth, own);
	}
}

/*
 * Load and check the templates of the site theme in dir, or of the
 * built-in one (embed.c) when dir is NULL.  Returns the theme (free
 * with template_free), or NULL when problems were reported.
 */
struct sitetheme *
template_load(struct diag *d, const char *dir)
{
	struct sitetheme *st;
	struct tload	 tl;
	char		*path;
	int		 i;
	unsigned	 kinds[LEVELS];
	struct stat	 sb;
	const struct embedfile *ef = NULL;

	errno = 0;
	if (dir != NULL && (stat(dir, &sb) == -1 || !S_ISDIR(sb.st_mode))) {
		diag_error(d, dir, 0, "cannot read the site theme folder: %s",
		    errno != 0 ? strerror(errno) : "not a folder");
		return NULL;
	}
	st = xcalloc(1, sizeof(*st));
	st->dir = xstrdup(dir != NULL ? dir : EMBED_THEME);
	tl.diag = d;
	tl.st = st;
	tl.ok = 1;
	for (i = 0; i < TK__MAX; i++) {
		path = xasprintf("%s/%s", st->dir, tmpl_files[i]);
		ef = NULL;
		/* A site theme made before there was search.html (or
		 * updates.html, month.html): the built-in one. */
		if (dir != NULL && (i == TK_SEARCH || i == TK_UPDATES ||
		    i == TK_MONTH) && access(path, F_OK) == -1) {
			free(path);
			path = xasprintf("%s/%s", EMBED_THEME, tmpl_files[i]);
			ef = embed_find(path);
		}
		tl.path = path;
		if (dir == NULL && (ef = embed_find(path)) == NULL) {
			diag_error(d, path, 0, "missing template: the built-in "
			    "site theme has no %s", tmpl_files[i]);
			tl.ok = 0;
			free(path);
			continue;
		}
		if (dir != NULL && ef == NULL && access(path, R_OK) == -1) {
			diag_error(d, path, 0, "missing template: a site theme "
			    "needs %s", tmpl_files[i]);
			tl.ok = 0;
			free(path);
			continue;
		}
		xmlSetStructuredErrorFunc(&tl, tmpl_xmlerror);
		if (ef != NULL)
			st->docs[i] = xmlReadMemory((const char *)ef->data,
			    (int)ef->size, path, "UTF-8", XML_PARSE_NONET);
		else
			st->docs[i] = xmlReadFile(path, "UTF-8",
			    XML_PARSE_NONET);
		xmlSetStructuredErrorFunc(NULL, NULL);
		if (st->docs[i] == NULL) {
			if (tl.ok)
				diag_error(d, path, 0, "cannot read the "
				    "template");
			tl.ok = 0;
		} else {
			tmpl_walk(&tl, xmlDocGetRootElement(st->docs[i]),
			    (enum tmplkind)i, NULL);
			/* A fragment goes in the layout's content slot, maybe
			 * inside lists there: their items are in no key, so
			 * it is marked as if at the top (and an own part is
			 * taken from the cache only when it is). */
			tmpl_caches(&tl, xmlDocGetRootElement(st->docs[i]),
			    kinds, 0, i == TK_LIST ? OWNLIST : 0);
		}
		if (i == TK_LAYOUT && st->docs[i] != NULL && st->slots != 1) {
			diag_error(d, path, 0, "layout.html needs exactly one "
			    "element with %scontent (it has %d)", MARK,
			    st->slots);
			tl.ok = 0;
		}
		free(path);
	}
	if (!tl.ok) {
		template_free(st);
		return NULL;
	}
	return st;
}

/*
 * Free a loaded site theme.
 */
void
template_free(struct sitetheme *st)
{
	size_t	 i, j;

	if (st == NULL)
		return;
	for (i = 0; i < TK__MAX; i++)
		if (st->docs[i] != NULL)
			xmlFreeDoc(st->docs[i]);
	for (i = 0; i < st->marksz; i++) {
		for (j = 0; j < st->marks[i]->attrsz; j++)
			free(st->marks[i]->attrs[j].name);
		free(st->marks[i]->attrs);
		free(st->marks[i]);
	}
	free(st->marks);
	free(st->dir);
	free(st);
}

/* The cache's prefixes: pages with others are filled afresh. */
#define PREFIXES	16

/* What the cache keeps for the pages with one URL prefix. */
struct tcprefix {
	char		*prefix;	/* e.g. "../../", 404's "/", standin */
	char		**shared;	/* per shared part: HTML, or NULL */
	char		**items;	/* per row and review: HTML, or NULL
					 * (none for a movable prefix) */
	char		**own;		/* per own part and list: HTML, or
					 * NULL */
};

/*
 * Filled parts kept between pages, by URL prefix.  A prefix's entry is
 * made whole, then published with one compare-and-swap; each slot is
 * filled once, by whichever thread gets there first.
 */
struct tmplcache {
	const struct sitetheme *st;	/* borrowed: the templates */
	const struct review *base;	/* borrowed: site->reviews */
	size_t		 reviewsz;	/* number of reviews */
	const struct site *site;	/* borrowed: the lists' objects */
	size_t		 listsz;	/* all reviews, facets, paged terms */
	char		 standin[32];	/* the stand-in for a prefix */
	struct tcprefix	*pre[PREFIXES];	/* owned, each set once */
};

/*
 * A cache for filling the templates of st with the reviews of s.  Free
 * it with template_cache_free once no page is being filled.
 */
struct tmplcache *
template_cache_new(const struct sitetheme *st, const struct site *s)
{
	struct tmplcache *tc;
	unsigned long long r;
	size_t		 k;

	tc = xcalloc(1, sizeof(*tc));
	tc->st = st;
	tc->base = s->reviews;
	tc->reviewsz = s->reviewsz;
	tc->site = s;
	tc->listsz = 1 + s->facetsz;
	for (k = 0; k < VOCAB_PAGED; k++)
		if (s->vocabs[k] != NULL)
			tc->listsz += s->vocabs[k]->termsz;
	if (getentropy(&r, sizeof(r)) == -1)
		r = (unsigned long long)time(NULL) ^
		    (unsigned long long)(uintptr_t)tc ^
		    (unsigned long long)getpid() << 32;
	snprintf(tc->standin, sizeof(tc->standin), STANDIN, r);
	return tc;
}

/*
 * Is prefix "../" repeated: a page whose review items are kept for
 * every such prefix?  (The home page's "" and 404's base path are not:
 * at the root, the root's address is "./".)
 */
static int
tmpl_movable(const char *prefix)
{
	if (*prefix == '\0')
		return 0;
	for (; *prefix != '\0'; prefix += 3)
		if (strncmp(prefix, "../", 3) != 0)
			return 0;
	return 1;
}

/* Free what one prefix's entry holds. */
static void
tmpl_prefixfree(const struct tmplcache *tc, struct tcprefix *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	for (i = 0; i < tc->st->sharedsz; i++)
		free(p->shared[i]);
	for (i = 0; p->items != NULL && i < tc->st->rowsz * tc->reviewsz; i++)
		free(p->items[i]);
	for (i = 0; i < tc->st->ownsz * tc->listsz; i++)
		free(p->own[i]);
	free(p->own);
	free(p->shared);
	free(p->items);
	free(p->prefix);
	free(p);
}

/*
 * Free a cache and everything in it.
 */
void
template_cache_free(struct tmplcache *tc)
{
	size_t	 i;

	if (tc == NULL)
		return;
	for (i = 0; i < PREFIXES; i++)
		tmpl_prefixfree(tc, tc->pre[i]);
	free(tc);
}

/*
 * The cache's entry for pages with prefix, made if there is none yet,
 * or NULL when every entry is taken by other prefixes.
 */
static struct tcprefix *
tmpl_prefix(struct tmplcache *tc, const char *prefix)
{
	struct tcprefix	*p, *mine = NULL;
	size_t		 i;

	for (i = 0; i < PREFIXES; i++) {
		if ((p = __atomic_load_n(&tc->pre[i], __ATOMIC_ACQUIRE)) ==
		    NULL) {
			if (mine == NULL) {
				mine = xcalloc(1, sizeof(*mine));
				mine->prefix = xstrdup(prefix);
				mine->shared = xcalloc(tc->st->sharedsz,
				    sizeof(*mine->shared));
				if (!tmpl_movable(prefix))
					mine->items = xcalloc(tc->st->rowsz *
					    tc->reviewsz, sizeof(*mine->items));
				mine->own = xcalloc(tc->st->ownsz *
				    tc->listsz, sizeof(*mine->own));
			}
			if (__atomic_compare_exchange_n(&tc->pre[i], &p, mine,
			    0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
				return mine;
		}
		if (strcmp(p->prefix, prefix) == 0) {
			tmpl_prefixfree(tc, mine);
			return p;
		}
	}
	tmpl_prefixfree(tc, mine);
	return NULL;
}

/* HTML put in where a placeholder stands. */
struct splice {
	const char	*html;		/* serialised HTML */
	int		 moved;		/* the stand-in in it is the prefix */
};

/* One page being filled. */
struct fill {
	xmlDocPtr	 doc;		/* output document */
	const struct sitetheme *st;	/* templates */
	enum tmplkind	 frag;		/* the page kind's fragment */
	xmlDictPtr	 dict;		/* the thread's dictionary */
	const struct tmplcache *cache;	/* the cache, or NULL */
	struct tcprefix	*pre;		/* its entry for the page, or NULL */
	struct tcprefix	*any;		/* the stand-in's entry: items for a
					 * movable prefix, or NULL */
	const char	*prefix;	/* the page's prefix */
	struct splice	*splice;	/* to put in, in document order */
	size_t		 splicesz;	/* entries used */
	size_t		 splicemax;	/* entries allocated */
};

/*
 * A text node for template text, a copy of s (setting the content to a
 * string of the thread's dictionary saved nothing measurable and needed
 * a cast that drops const).
 */
static xmlNodePtr
tmpl_text(struct fill *f, const xmlChar *s)
{
	xmlNodePtr	 n;

	n = xmlNewDocText(f->doc, s);
	return n;
}

static void tmpl_nodes(struct fill *, xmlNodePtr, xmlNodePtr,
    const struct ctx *);

/*
 * Stand a placeholder for html (already serialised) in out; moved: the
 * stand-in in html is to be replaced with the page's prefix.
 */
static void
tmpl_splice(struct fill *f, xmlNodePtr out, const char *html, int moved)
{
	if (f->splicesz == f->splicemax) {
		f->splicemax = f->splicemax ? f->splicemax * 2 : 4;
		f->splice = xreallocarray(f->splice, f->splicemax,
		    sizeof(*f->splice));
	}
	f->splice[f->splicesz].html = html;
	f->splice[f->splicesz++].moved = moved;
	xmlNewChild(out, NULL, (const xmlChar *)SPLICE, NULL);
}

/* Append s to out with each stand-in in it replaced by prefix. */
static void
tmpl_move(const char *s, const char *standin, const char *prefix,
    struct buf *out)
{
	const char	*q;
	size_t		 len = strlen(standin);

	while ((q = strstr(s, standin)) != NULL) {
		buf_add(out, s, (size_t)(q - s));
		buf_puts(out, prefix);
		s = q + len;
	}
	buf_puts(out, s);
}

/*
 * Copy the serialised raw (len bytes) into out, with the HTML of
 * f's splice[from..] in place of its placeholders, in order.
 */
static void
tmpl_unsplice(const struct fill *f, const char *raw, size_t len,
    size_t from, struct buf *out)
{
	const char	*p = raw, *end = raw + len, *q;
	size_t		 i = from;

	while (i < f->splicesz && (q = memmem(p, (size_t)(end - p),
	    SPLICETAG, sizeof(SPLICETAG) - 1)) != NULL) {
		buf_add(out, p, (size_t)(q - p));
		if (f->splice[i].moved)
			tmpl_move(f->splice[i].html, f->cache->standin,
			    f->prefix, out);
		else
			buf_puts(out, f->splice[i].html);
		i++;
		p = q + sizeof(SPLICETAG) - 1;
	}
	buf_add(out, p, (size_t)(end - p));
}

/* libxml2's output callback: append to a buffer. */
static int
tmpl_write(void *arg, const char *p, int len)
{
	buf_add(arg, p, (size_t)len);
	return len;
}

/* Fill one copy of element n (each already expanded) into out. */
static void
tmpl_element(struct fill *f, xmlNodePtr out, xmlNodePtr n,
    const struct ctx *c)
{
	const struct marker *m = n->_private;
	xmlNodePtr	 el;
	xmlAttrPtr	 a;
	xmlChar		*val;
	struct val	 v;
	size_t		 i;

	if (m != NULL && m->cond >= 0) {
		field_get(c, m->cond, &v);
		if (field_empty(&v) != m->negate)
			return;
	}
	el = xmlNewDocNode(f->doc, NULL, n->name, NULL);
	for (a = n->properties; a != NULL; a = a->next) {
		if (strncmp((const char *)a->name, MARK, MARKSZ) == 0)
			continue;
		if (a->children != NULL && a->children->next == NULL &&
		    a->children->type == XML_TEXT_NODE)
			xmlAddChild((xmlNodePtr)xmlNewProp(el, a->name, NULL),
			    tmpl_text(f, a->children->content));
		else {
			val = xmlNodeListGetString(n->doc, a->children, 1);
			xmlNewProp(el, a->name, val);
			xmlFree(val);
		}
	}
	for (i = 0; m != NULL && i < m->attrsz; i++) {
		field_get(c, m->attrs[i].field, &v);
		/* A second line of defence: the fields are checked. */
		if (!field_empty(&v) &&
		    (!m->attrs[i].url || template_safeurl(v.text)))
			xmlSetProp(el, (const xmlChar *)m->attrs[i].name,
			    (const xmlChar *)v.text);
	}
	xmlAddChild(out, el);
	if (m != NULL && m->text >= 0) {
		field_get(c, m->text, &v);
		if (!field_empty(&v))
			xmlAddChild(el, xmlNewDocText(f->doc,
			    (const xmlChar *)v.text));
	} else if (m != NULL && m->html >= 0) {
		field_get(c, m->html, &v);
		if (!field_empty(&v))
			tmpl_splice(f, el, v.text, 0);
	} else if (m != NULL && m->content)
		tmpl_nodes(f, el, xmlDocGetRootElement(f->st->docs[f->frag]),
		    c);
	else
		tmpl_nodes(f, el, n->children, c);
}

/*
 * Fill element n in scope c into out through the cache slot: the first
 * page to get there fills and serialises it, and every later one
 * splices the same HTML in.  moved: the slot is kept for any movable
 * prefix, so it is filled with the stand-in as the prefix.
 */
static void
tmpl_through(struct fill *f, xmlNodePtr out, xmlNodePtr n,
    const struct ctx *c, char **slot, int moved)
{
	char		*html, *expect = NULL;
	const char	*prefix = c->page->prefix;
	xmlNodePtr	 tmp, k;
	xmlOutputBufferPtr ob;
	struct buf	 raw = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	size_t		 nsplice = f->splicesz;
	struct tcprefix	*pre = f->pre;

	if ((html = __atomic_load_n(slot, __ATOMIC_ACQUIRE)) == NULL) {
		tmp = xmlNewDocNode(f->doc, NULL, (const xmlChar *)"div",
		    NULL);
		if (moved) {
			/* The parts inside are the stand-in's too. */
			c->page->prefix = f->cache->standin;
			f->pre = f->any;
		}
		tmpl_element(f, tmp, n, c);
		c->page->prefix = prefix;
		f->pre = pre;
		ob = xmlOutputBufferCreateIO(tmpl_write, NULL, &raw, NULL);
		for (k = tmp->children; k != NULL; k = k->next)
			htmlNodeDumpFormatOutput(ob, f->doc, k, NULL, 0);
		xmlOutputBufferClose(ob);
		xmlFreeNode(tmp);
		/* What this part spliced in goes into its HTML. */
		tmpl_unsplice(f, raw.data != NULL ? raw.data : "", raw.len,
		    nsplice, &b);
		f->splicesz = nsplice;
		buf_free(&raw);
		/* Kept for the whole build: no more than it needs (a
		 * buffer starts at 4 KB, an item is about 1.4 KB). */
		html = xstrdup(b.data != NULL ? b.data : "");
		buf_free(&b);
		if (!__atomic_compare_exchange_n(slot, &expect, html, 0,
		    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
			free(html);
			html = expect;
		}
	}
	tmpl_splice(f, out, html, moved);
}

/*
 * The cache slot of item obj of the list element with marker m, or
 * NULL when it is not kept: the stand-in's when the page's prefix is
 * movable (*moved set) or when filling for the stand-in, else the
 * page's prefix's.
 */
static char **
tmpl_itemslot(const struct fill *f, const struct marker *m,
    const void *obj, int *moved)
{
	const struct review *r = obj;
	struct tcprefix	*p = f->pre;

	*moved = 0;
	if (f->any != NULL && f->pre != f->any) {
		p = f->any;
		*moved = 1;
	}
	if (m->row < 0 || p == NULL || p->items == NULL ||
	    r < f->cache->base || r >= f->cache->base + f->cache->reviewsz)
		return NULL;
	return &p->items[(size_t)m->row * f->cache->reviewsz +
	    (size_t)(r - f->cache->base)];
}

/*
 * The cache slot of own part m for the page's own object, scope c, or
 * NULL when it is not kept (c is not the page's own object, a list's).
 */
static char **
tmpl_ownslot(const struct fill *f, const struct marker *m,
    const struct ctx *c)
{
	const struct site *s;
	const struct vocab *v;
	const struct term *t = c->obj;
	const struct facet *fc = c->obj;
	size_t		 i, k;

	if (f->pre == NULL || c->up == NULL || c->up->kind != CTX_PAGE ||
	    c->up->up != NULL)
		return NULL;
	s = f->cache->site;
	if (c->kind == CTX_FACET && fc == &s->all)
		i = 0;
	else if (c->kind == CTX_FACET && fc >= s->facets &&
	    fc < s->facets + s->facetsz)
		i = 1 + (size_t)(fc - s->facets);
	else {
		i = 1 + s->facetsz;
		for (k = 0; k < VOCAB_PAGED; k++) {
			if ((v = s->vocabs[k]) == NULL)
				continue;
			if (c->kind == v->ctx && t >= v->terms &&
			    t < v->terms + v->termsz)
				break;
			i += v->termsz;
		}
		if (k == VOCAB_PAGED)
			return NULL;
		i += (size_t)(t - v->terms);
	}
	return &f->pre->own[(size_t)m->own * f->cache->listsz + i];
}

/* Fill the siblings from n on into out. */
static void
tmpl_nodes(struct fill *f, xmlNodePtr out, xmlNodePtr n,
    const struct ctx *c)
{
	const struct marker *m;
	struct ctx	 ic;
	struct val	 v;
	char		**slot;
	size_t		 i;
	int		 moved;

	for (; n != NULL; n = n->next) {
		switch (n->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			xmlAddChild(out, tmpl_text(f, n->content));
			break;
		case XML_ELEMENT_NODE:
			m = n->_private;
			if (m != NULL && m->shared >= 0 && f->pre != NULL) {
				tmpl_through(f, out, n, c,
				    &f->pre->shared[m->shared], 0);
				break;
			}
			if (m != NULL && m->own >= 0 &&
			    (slot = tmpl_ownslot(f, m, c)) != NULL) {
				tmpl_through(f, out, n, c, slot, 0);
				break;
			}
			if (m == NULL || m->each < 0) {
				tmpl_element(f, out, n, c);
				break;
			}
			field_get(c, m->each, &v);
			ic.up = c;
			ic.page = c->page;
			ic.kind = v.item;
			for (i = 0; i < v.n; i++) {
				ic.obj = field_item(&v, i);
				if ((slot = tmpl_itemslot(f, m, ic.obj,
				    &moved)) != NULL)
					tmpl_through(f, out, n, &ic, slot,
					    moved);
				else
					tmpl_element(f, out, n, &ic);
			}
			break;
		default:
			break;
		}
		if (n->parent == (xmlNodePtr)n->doc)
			break;	/* a document's root element only */
	}
}

/*
 * Fill the layout, with the fragment of kind frag in its content slot,
 * for the page of scope c, and serialise it as HTML5 (UTF-8) into
 * rd->out, using rd's scratch space.  With a cache (else NULL), parts
 * filled before for a page with the same URL prefix are taken from it,
 * and parts filled now are kept in it.  Returns 1.
 */
int
template_render(const struct sitetheme *st, struct tmplcache *cache,
    enum tmplkind frag, const struct ctx *c, struct render *rd)
{
	struct fill	 f;
	xmlOutputBufferPtr ob;

	memset(&f, 0, sizeof(f));
	f.doc = htmlNewDocNoDtD(NULL, NULL);
	f.dict = rd->dict;
	f.doc->dict = f.dict;
	xmlDictReference(f.dict);
	xmlCreateIntSubset(f.doc, (const xmlChar *)"html", NULL, NULL);
	f.st = st;
	f.frag = frag;
	f.cache = cache;
	f.prefix = c->page->prefix;
	if (cache != NULL && cache->st == st) {
		f.pre = tmpl_prefix(cache, f.prefix);
		if (f.pre != NULL && tmpl_movable(f.prefix))
			f.any = tmpl_prefix(cache, cache->standin);
	}
	tmpl_nodes(&f, (xmlNodePtr)f.doc,
	    xmlDocGetRootElement(st->docs[TK_LAYOUT]), c);
	rd->raw.len = 0;
	rd->out.len = 0;
	ob = xmlOutputBufferCreateIO(tmpl_write, NULL,
	    f.splicesz > 0 ? &rd->raw : &rd->out, NULL);
	htmlDocContentDumpFormatOutput(ob, f.doc, NULL, 0);
	xmlOutputBufferClose(ob);
	xmlFreeDoc(f.doc);
	if (f.splicesz > 0)
		tmpl_unsplice(&f, rd->raw.data, rd->raw.len, 0, &rd->out);
	free(f.splice);
	return 1;
}
