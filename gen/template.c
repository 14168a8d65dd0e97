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
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	size_t		 attrsz;	/* attributes set from fields */
	struct {
		char	*name;		/* attribute to set */
		int	 field;		/* field giving its value */
	}		*attrs;
};

/* A loaded site theme. */
struct sitetheme {
	char		*dir;		/* the site theme's folder */
	xmlDocPtr	 docs[TK__MAX];	/* parsed templates */
	struct marker	**marks;	/* every marker, for freeing */
	size_t		 marksz;	/* number of markers */
	int		 slots;		/* content slots in the layout */
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

/* Read the markers of element n into a struct marker, if any. */
static void
tmpl_mark(struct tload *tl, xmlNodePtr n, enum tmplkind tk)
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
		if (m == NULL) {
			m = xcalloc(1, sizeof(*m));
			m->each = m->cond = m->text = m->html = -1;
			tl->st->marks = xreallocarray(tl->st->marks,
			    tl->st->marksz + 1, sizeof(*tl->st->marks));
			tl->st->marks[tl->st->marksz++] = m;
			n->_private = m;
		}
		val = xmlNodeListGetString(n->doc, a->children, 1);
		if (val == NULL)
			val = xmlStrdup((const xmlChar *)"");
		if (strcmp(name, "each") == 0)
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
			m->attrs[m->attrsz++].field =
			    tmpl_field(tl, n, name, (char *)val, FT_TEXT);
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

/* Mark every element under n. */
static void
tmpl_walk(struct tload *tl, xmlNodePtr n, enum tmplkind tk)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		n->_private = NULL;
		tmpl_mark(tl, n, tk);
		tmpl_walk(tl, n->children, tk);
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
		} else
			tmpl_walk(&tl, xmlDocGetRootElement(st->docs[i]),
			    (enum tmplkind)i);
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

/* One page being filled. */
struct fill {
	xmlDocPtr	 doc;		/* output document */
	const struct sitetheme *st;	/* templates */
	enum tmplkind	 frag;		/* the page kind's fragment */
	struct pagectx	*pc;		/* the page */
};

static void tmpl_nodes(struct fill *, xmlNodePtr, xmlNodePtr,
    const struct ctx *);

/* Fill one copy of element n (each already expanded) into out. */
static void
tmpl_element(struct fill *f, xmlNodePtr out, xmlNodePtr n,
    const struct ctx *c)
{
	const struct marker *m = n->_private;
	struct pagectx	*pc = f->pc;
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
			xmlNewProp(el, a->name, a->children->content);
		else {
			val = xmlNodeListGetString(n->doc, a->children, 1);
			xmlNewProp(el, a->name, val);
			xmlFree(val);
		}
	}
	for (i = 0; m != NULL && i < m->attrsz; i++) {
		field_get(c, m->attrs[i].field, &v);
		if (!field_empty(&v))
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
		if (!field_empty(&v)) {
			if (pc->splicesz == pc->splicemax) {
				pc->splicemax = pc->splicemax ?
				    pc->splicemax * 2 : 4;
				pc->splice = xreallocarray(pc->splice,
				    pc->splicemax, sizeof(*pc->splice));
			}
			pc->splice[pc->splicesz++] = v.text;
			xmlNewChild(el, NULL, (const xmlChar *)SPLICE, NULL);
		}
	} else if (m != NULL && m->content)
		tmpl_nodes(f, el, xmlDocGetRootElement(f->st->docs[f->frag]),
		    c);
	else
		tmpl_nodes(f, el, n->children, c);
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

	for (; n != NULL; n = n->next) {
		switch (n->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			xmlAddChild(out, xmlNewDocText(f->doc, n->content));
			break;
		case XML_ELEMENT_NODE:
			m = n->_private;
			if (m == NULL || m->each < 0) {
				tmpl_element(f, out, n, c);
				break;
			}
			field_get(c, m->each, &v);
			ic.up = c;
			ic.page = f->pc;
			ic.kind = v.item;
			for (i = 0; i < v.n; i++) {
				ic.obj = field_item(&v, i);
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
 * for the page of scope c, and serialise it as HTML5 into out (reset
 * first).  Returns 1.
 */
int
template_render(const struct sitetheme *st, enum tmplkind frag,
    const struct ctx *c, struct buf *out)
{
	struct fill	 f;
	xmlChar		*mem = NULL;
	int		 len = 0;
	const char	*p, *end, *q;
	size_t		 i = 0;

	f.doc = htmlNewDocNoDtD(NULL, NULL);
	xmlCreateIntSubset(f.doc, (const xmlChar *)"html", NULL, NULL);
	f.st = st;
	f.frag = frag;
	f.pc = c->page;
	tmpl_nodes(&f, (xmlNodePtr)f.doc,
	    xmlDocGetRootElement(st->docs[TK_LAYOUT]), c);
	htmlDocDumpMemoryFormat(f.doc, &mem, &len, 0);
	xmlFreeDoc(f.doc);
	out->len = 0;
	p = (const char *)mem;
	end = p + len;
	while (i < c->page->splicesz &&
	    (q = memmem(p, (size_t)(end - p), SPLICETAG,
	    sizeof(SPLICETAG) - 1)) != NULL) {
		buf_add(out, p, (size_t)(q - p));
		buf_puts(out, c->page->splice[i++]);
		p = q + sizeof(SPLICETAG) - 1;
	}
	buf_add(out, p, (size_t)(end - p));
	xmlFree(mem);
	return 1;
}
