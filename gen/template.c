/*
 * Site-theme templates: load each once with libxml2's XML parser,
 * check every marker attribute (data-lcspr-*) against the fields, then
 * fill a copy for each page.  Values go into the tree as text and
 * attribute nodes only, so the HTML serialiser escapes every one.
 * Rendered Markdown (already HTML, from cmark) is spliced into the
 * serialised page where a placeholder element stands.
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
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lcspr.h"
#include "extern.h"

#define MARK		"data-lcspr-"
#define MARKSZ		(sizeof(MARK) - 1)
#define SPLICE		"lcspr-splice"
#define SPLICETAG	"<" SPLICE "></" SPLICE ">"

/* The markers of one template element (its node's _private). */
struct marker {
	int		 each;		/* list field, or -1 */
	int		 cond;		/* if/unless field, or -1 */
	int		 negate;	/* cond is "unless" */
	int		 text;		/* text field, or -1 */
	int		 html;		/* html field, or -1 */
	int		 content;	/* the layout's content slot */
	int		 cacheid;	/* each: its item cache row, else -1 */
	int		 staticid;	/* same on every page: cache row, or -1 */
	size_t		 attrsz;	/* attributes set from fields */
	struct {
		char	*name;		/* attribute to set */
		int	 field;		/* field giving its value */
		int	 url;		/* holds an address: safe ones only */
	}		*attrs;
};

/* A loaded site theme. */
struct sitetheme {
	char		*dir;		/* the site theme's folder */
	xmlDocPtr	 docs[TK__MAX];	/* parsed templates */
	struct marker	**marks;	/* every marker, for freeing */
	size_t		 marksz;	/* number of markers */
	int		 slots;		/* content slots in the layout */
	size_t		 eachsz;	/* each markers, for the item cache */
	size_t		 staticsz;	/* subtrees the same on every page */
};

static const char *const tmpl_files[TK__MAX] = {
	"layout.html", "home.html", "review.html", "list.html",
	"terms.html", "page.html",
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
	m->cacheid = m->staticid = -1;
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
		} else if (strcmp(name, "each") == 0) {
			m->each = tmpl_field(tl, n, name, (char *)val, FT_LIST);
			m->cacheid = (int)tl->st->eachsz++;
		}
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

/* May field id be used in a subtree that is the same on every page? */
static int
tmpl_fieldok(int id, int inlink)
{
	return id < 0 || field_sitewide(id) || (inlink && field_linkfield(id));
}

/*
 * Is the subtree of element n the same on every page at one depth
 * (its fields depend only on the site and the page's depth)?  Counts
 * its nodes into *count.  inlink: inside a list of site-wide links.
 */
static int
tmpl_sitewide(xmlNodePtr n, int inlink, size_t *count)
{
	const struct marker *m = n->_private;
	xmlNodePtr	 k;
	size_t		 i;
	int		 ok = 1;

	(*count)++;
	if (m != NULL) {
		if (m->content || m->html >= 0)
			return 0;
		if (m->each >= 0) {
			if (!field_sitewide(m->each))
				return 0;
			inlink = 1;
		}
		ok = tmpl_fieldok(m->cond, inlink) &&
		    tmpl_fieldok(m->text, inlink);
		for (i = 0; i < m->attrsz; i++)
			ok &= tmpl_fieldok(m->attrs[i].field, inlink);
	}
	for (k = n->children; k != NULL; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			ok &= tmpl_sitewide(k, inlink, count);
		else
			(*count)++;
	return ok;
}

/*
 * Mark the largest subtrees that are the same on every page at one
 * depth (the header, the navigation, the footer, the content note):
 * each is serialised once per depth and spliced into every page.
 */
static void
tmpl_statics(struct tload *tl, xmlNodePtr n)
{
	const struct marker *m;
	size_t		 count;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		m = n->_private;
		count = 0;
		if ((m == NULL || m->each < 0) &&
		    tmpl_sitewide(n, 0, &count) && count >= 8) {
			tmpl_newmark(tl, n)->staticid =
			    (int)tl->st->staticsz++;
			continue;
		}
		tmpl_statics(tl, n->children);
	}
}

/*
 * Load and check the templates of the site theme in dir.  Returns the
 * theme (free with template_free), or NULL when problems were reported.
 */
struct sitetheme *
template_load(struct diag *d, const char *dir)
{
	struct sitetheme *st;
	struct tload	 tl;
	char		*path;
	int		 i;
	struct stat	 sb;

	errno = 0;
	if (stat(dir, &sb) == -1 || !S_ISDIR(sb.st_mode)) {
		diag_error(d, dir, 0, "cannot read the site theme folder: %s",
		    errno != 0 ? strerror(errno) : "not a folder");
		return NULL;
	}
	st = xcalloc(1, sizeof(*st));
	st->dir = xstrdup(dir);
	tl.diag = d;
	tl.st = st;
	tl.ok = 1;
	for (i = 0; i < TK__MAX; i++) {
		path = xasprintf("%s/%s", dir, tmpl_files[i]);
		tl.path = path;
		if (access(path, R_OK) == -1) {
			diag_error(d, path, 0, "missing template: a site theme "
			    "needs %s", tmpl_files[i]);
			tl.ok = 0;
			free(path);
			continue;
		}
		xmlSetStructuredErrorFunc(&tl, tmpl_xmlerror);
		st->docs[i] = xmlReadFile(path, "UTF-8", XML_PARSE_NONET);
		xmlSetStructuredErrorFunc(NULL, NULL);
		if (st->docs[i] == NULL) {
			if (tl.ok)
				diag_error(d, path, 0, "cannot read the "
				    "template");
			tl.ok = 0;
		} else {
			tmpl_walk(&tl, xmlDocGetRootElement(st->docs[i]),
			    (enum tmplkind)i, NULL);
			tmpl_statics(&tl, xmlDocGetRootElement(st->docs[i]));
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
 * The number of list (each) markers in the site theme: the rows of an
 * item cache.
 */
size_t
template_eachsz(const struct sitetheme *st)
{
	return st->eachsz;
}

/*
 * The number of subtrees the same on every page at one depth: the
 * rows of the cache of site-wide parts (four depths each).
 */
size_t
template_staticsz(const struct sitetheme *st)
{
	return st->staticsz;
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

/* One page being filled. */
struct fill {
	xmlDocPtr	 doc;		/* output document */
	const struct sitetheme *st;	/* templates */
	enum tmplkind	 frag;		/* the page kind's fragment */
	struct pagectx	*pc;		/* the page */
	xmlDictPtr	 dict;		/* the thread's dictionary */
	const struct ctx *cachetop;	/* item being cached, or NULL */
	int		 escaped;	/* it used a field from outside */
};

/*
 * A text node for template text: the string is kept once in the
 * thread's dictionary, which the document uses, so it is neither
 * copied nor freed for each page.
 */
static xmlNodePtr
tmpl_text(struct fill *f, const xmlChar *s)
{
	xmlNodePtr	 n;

	n = xmlNewDocText(f->doc, NULL);
	n->content = (xmlChar *)xmlDictLookup(f->dict, s, -1);
	return n;
}

static void tmpl_nodes(struct fill *, xmlNodePtr, xmlNodePtr,
    const struct ctx *);

/*
 * Look a field up.  While an item is being cached, note when the value
 * came from outside the item (the page): then the item cannot be
 * shared between pages.
 */
static void
tmpl_get(struct fill *f, const struct ctx *c, int id, struct val *v)
{
	const struct ctx *a, *x;

	a = field_get(c, id, v);
	if (f->cachetop == NULL)
		return;
	for (x = c; x != NULL; x = x->up) {
		if (x == a)
			return;
		if (x == f->cachetop)
			break;
	}
	f->escaped = 1;
}

/* Stand a placeholder for html (already serialised) in out. */
static void
tmpl_splice(struct fill *f, xmlNodePtr out, const char *html)
{
	struct pagectx	*pc = f->pc;

	if (pc->splicesz == pc->splicemax) {
		pc->splicemax = pc->splicemax ? pc->splicemax * 2 : 4;
		pc->splice = xreallocarray(pc->splice, pc->splicemax,
		    sizeof(*pc->splice));
	}
	pc->splice[pc->splicesz++] = html;
	xmlNewChild(out, NULL, (const xmlChar *)SPLICE, NULL);
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
		tmpl_get(f, c, m->cond, &v);
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
		tmpl_get(f, c, m->attrs[i].field, &v);
		/* A second line of defence: the fields are checked. */
		if (!field_empty(&v) &&
		    (!m->attrs[i].url || template_safeurl(v.text)))
			xmlSetProp(el, (const xmlChar *)m->attrs[i].name,
			    (const xmlChar *)v.text);
	}
	xmlAddChild(out, el);
	if (m != NULL && m->text >= 0) {
		tmpl_get(f, c, m->text, &v);
		if (!field_empty(&v))
			xmlAddChild(el, xmlNewDocText(f->doc,
			    (const xmlChar *)v.text));
	} else if (m != NULL && m->html >= 0) {
		tmpl_get(f, c, m->html, &v);
		if (!field_empty(&v))
			tmpl_splice(f, el, v.text);
	} else if (m != NULL && m->content)
		tmpl_nodes(f, el, xmlDocGetRootElement(f->st->docs[f->frag]),
		    c);
	else
		tmpl_nodes(f, el, n->children, c);
}

/*
 * Fill element n in scope c into out through the cache slot: the first
 * page to get there renders and serialises it, and every later one
 * splices the same HTML in.  cachetop, when not NULL, is the item whose
 * fields alone may be used: if the element used any other (or rendered
 * HTML), nothing is stored, *escaped is set, and the nodes are kept.
 */
static void
tmpl_through(struct fill *f, xmlNodePtr out, xmlNodePtr n,
    const struct ctx *c, const struct ctx *cachetop, char **slot,
    int *escaped)
{
	char		*html, *expect = NULL;
	xmlNodePtr	 tmp, k;
	xmlOutputBufferPtr ob;
	struct buf	 b = { NULL, 0, 0 };
	size_t		 nsplice = f->pc->splicesz;

	if ((html = __atomic_load_n(slot, __ATOMIC_ACQUIRE)) != NULL) {
		tmpl_splice(f, out, html);
		return;
	}
	tmp = xmlNewDocNode(f->doc, NULL, (const xmlChar *)"div", NULL);
	f->cachetop = cachetop;
	f->escaped = 0;
	tmpl_element(f, tmp, n, c);
	f->cachetop = NULL;
	if (f->escaped || f->pc->splicesz != nsplice) {
		*escaped = 1;
		while ((k = tmp->children) != NULL) {
			xmlUnlinkNode(k);
			xmlAddChild(out, k);
		}
		xmlFreeNode(tmp);
		return;
	}
	ob = xmlOutputBufferCreateIO(tmpl_write, NULL, &b, NULL);
	for (k = tmp->children; k != NULL; k = k->next)
		htmlNodeDumpFormatOutput(ob, f->doc, k, NULL, 0);
	xmlOutputBufferClose(ob);
	xmlFreeNode(tmp);
	html = b.data != NULL ? b.data : xstrdup("");
	if (!__atomic_compare_exchange_n(slot, &expect, html, 0,
	    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		free(html);
		html = expect;
	}
	tmpl_splice(f, out, html);
}

/*
 * Fill review item ic of list element n into out through the item
 * cache: the first page to list the review renders and serialises it;
 * every later page at the same depth splices the same HTML in.
 */
static void
tmpl_cached(struct fill *f, xmlNodePtr out, xmlNodePtr n,
    const struct ctx *ic, int row)
{
	struct itemcache *ch = f->pc->cache;
	const struct review *r = ic->obj;
	int		 escaped = 0;

	tmpl_through(f, out, n, ic, ic, &ch->html[(size_t)row * ch->items +
	    (size_t)(r - ch->base)], &escaped);
	if (escaped)	/* It depends on the page: never cache this list. */
		__atomic_store_n(&ch->off[row], 1, __ATOMIC_RELAXED);
}

/*
 * Fill element n, the same on every page at this depth, through the
 * cache: serialised by the first page of each depth, spliced later.
 */
static void
tmpl_static(struct fill *f, xmlNodePtr out, xmlNodePtr n,
    const struct ctx *c)
{
	const struct marker *m = n->_private;
	const char	*p = f->pc->prefix;
	size_t		 depth;
	int		 escaped = 0;

	depth = *p == '\0' ? 0 : strcmp(p, "../") == 0 ? 1 :
	    strcmp(p, "../../") == 0 ? 2 : 3;
	tmpl_through(f, out, n, c, NULL,
	    &f->pc->cache->statics[(size_t)m->staticid * 4 + depth], &escaped);
}

/* Fill the siblings from n on into out. */
static void
tmpl_nodes(struct fill *f, xmlNodePtr out, xmlNodePtr n,
    const struct ctx *c)
{
	const struct marker *m;
	struct ctx	 ic;
	struct val	 v;
	size_t		 i;
	int		 cache;

	for (; n != NULL; n = n->next) {
		switch (n->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			xmlAddChild(out, tmpl_text(f, n->content));
			break;
		case XML_ELEMENT_NODE:
			m = n->_private;
			if (m != NULL && m->staticid >= 0 &&
			    f->pc->cache != NULL && f->cachetop == NULL) {
				tmpl_static(f, out, n, c);
				break;
			}
			if (m == NULL || m->each < 0) {
				tmpl_element(f, out, n, c);
				break;
			}
			tmpl_get(f, c, m->each, &v);
			ic.up = c;
			ic.page = f->pc;
			ic.kind = v.item;
			/* Review items on pages two folders deep (every
			 * review and list page) come from the cache. */
			cache = v.item == CTX_REVIEW && f->pc->cache != NULL &&
			    f->cachetop == NULL &&
			    strcmp(f->pc->prefix, "../../") == 0 &&
			    !__atomic_load_n(&f->pc->cache->off[m->cacheid],
			    __ATOMIC_RELAXED);
			for (i = 0; i < v.n; i++) {
				ic.obj = field_item(&v, i);
				if (cache)
					tmpl_cached(f, out, n, &ic, m->cacheid);
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
 * rd->out, using rd's scratch space.  Returns 1.
 */
int
template_render(const struct sitetheme *st, enum tmplkind frag,
    const struct ctx *c, struct render *rd)
{
	struct fill	 f;
	xmlOutputBufferPtr ob;
	const char	*p, *end, *q;
	size_t		 i = 0;

	f.doc = htmlNewDocNoDtD(NULL, NULL);
	f.dict = rd->dict;
	f.doc->dict = f.dict;
	xmlDictReference(f.dict);
	xmlCreateIntSubset(f.doc, (const xmlChar *)"html", NULL, NULL);
	f.st = st;
	f.frag = frag;
	f.pc = c->page;
	f.cachetop = NULL;
	f.escaped = 0;
	tmpl_nodes(&f, (xmlNodePtr)f.doc,
	    xmlDocGetRootElement(st->docs[TK_LAYOUT]), c);
	rd->raw.len = 0;
	rd->out.len = 0;
	ob = xmlOutputBufferCreateIO(tmpl_write, NULL,
	    c->page->splicesz > 0 ? &rd->raw : &rd->out, NULL);
	htmlDocContentDumpFormatOutput(ob, f.doc, NULL, 0);
	xmlOutputBufferClose(ob);
	xmlFreeDoc(f.doc);
	if (c->page->splicesz == 0)
		return 1;
	p = rd->raw.data;
	end = p + rd->raw.len;
	while (i < c->page->splicesz &&
	    (q = memmem(p, (size_t)(end - p), SPLICETAG,
	    sizeof(SPLICETAG) - 1)) != NULL) {
		buf_add(&rd->out, p, (size_t)(q - p));
		buf_puts(&rd->out, c->page->splice[i++]);
		p = q + sizeof(SPLICETAG) - 1;
	}
	buf_add(&rd->out, p, (size_t)(end - p));
	return 1;
}
