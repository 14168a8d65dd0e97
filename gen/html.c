/*
 * Parts of HTML built as libxml2 trees, for the bodies that lcspr
 * writes itself rather than from a site theme (insights, the
 * recommendations page, the follow page): elements with text, sections
 * with a heading, tables in a region that scrolls sideways on a narrow
 * screen, and the serialising of a body.  Text always goes in as a text
 * node, so the serialiser escapes it.
 */
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lcspr.h"
#include "extern.h"

/*
 * Add element name to parent, with text (a text node) unless NULL.
 * Returns the element.
 */
xmlNodePtr
html_el(xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr	 n;

	n = xmlNewDocNode(parent->doc, NULL, (const xmlChar *)name, NULL);
	if (text != NULL)
		xmlAddChild(n, xmlNewDocText(parent->doc,
		    (const xmlChar *)text));
	xmlAddChild(parent, n);
	return n;
}

/*
 * Set attribute name of n to value.
 */
void
html_attr(xmlNodePtr n, const char *name, const char *value)
{
	xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

/*
 * Set attribute name of n from a printf format (numbers, ids made from
 * an id); the value is cut at 255 bytes.
 */
void
html_attrf(xmlNodePtr n, const char *name, const char *fmt, ...)
{
	va_list	 ap;
	char	 buf[256];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	html_attr(n, name, buf);
}

/*
 * Add a link to parent: an a element with text, whose href is prefix
 * (the way up to the site root) then rel.  Returns the element.
 */
xmlNodePtr
html_link(xmlNodePtr parent, const char *text, const char *prefix,
    const char *rel)
{
	xmlNodePtr	 a;
	char		*url;

	a = html_el(parent, "a", text);
	url = xasprintf("%s%s", prefix, rel);
	html_attr(a, "href", url);
	free(url);
	return a;
}

/*
 * Add a section to parent, of class cls (or none), labelled by its h2
 * heading, whose id is id, and with a first paragraph intro unless
 * NULL.  Returns the section.
 */
xmlNodePtr
html_section(xmlNodePtr parent, const char *cls, const char *id,
    const char *heading, const char *intro)
{
	xmlNodePtr	 sec;

	sec = html_el(parent, "section", NULL);
	if (cls != NULL)
		html_attr(sec, "class", cls);
	html_attr(sec, "aria-labelledby", id);
	html_attr(html_el(sec, "h2", heading), "id", id);
	if (intro != NULL)
		html_el(sec, "p", intro);
	return sec;
}

/*
 * Add a table of class "lcspr-table" and cls (unless NULL) with its
 * caption, in a region that scrolls sideways when the screen is too
 * narrow, and so takes the keyboard focus, labelled by the caption (id
 * "<id>-caption").  Returns the table.
 */
xmlNodePtr
html_tablebox(xmlNodePtr parent, const char *id, const char *cls,
    const char *caption)
{
	xmlNodePtr	 box, tb;

	box = html_el(parent, "div", NULL);
	html_attr(box, "class", "lcspr-table-scroll");
	html_attr(box, "role", "region");
	html_attr(box, "tabindex", "0");
	html_attrf(box, "aria-labelledby", "%s-caption", id);
	tb = html_el(box, "table", NULL);
	if (cls != NULL)
		html_attrf(tb, "class", "lcspr-table %s", cls);
	else
		html_attr(tb, "class", "lcspr-table");
	html_attrf(html_el(tb, "caption", caption), "id", "%s-caption", id);
	return tb;
}

/*
 * A table as html_tablebox makes it, with a row of the cols column
 * headings heads.  Returns its tbody.
 */
xmlNodePtr
html_table(xmlNodePtr parent, const char *id, const char *cls,
    const char *caption, const char *const *heads, size_t cols)
{
	xmlNodePtr	 tb, tr;
	size_t		 i;

	tb = html_tablebox(parent, id, cls, caption);
	tr = html_el(html_el(tb, "thead", NULL), "tr", NULL);
	for (i = 0; i < cols; i++)
		html_attr(html_el(tr, "th", heads[i]), "scope", "col");
	return html_el(tb, "tbody", NULL);
}

/*
 * Add a row to tbody: a header cell label, then the n cells.  Returns
 * the row.
 */
xmlNodePtr
html_row(xmlNodePtr tbody, const char *label, const char *const *cells,
    size_t n)
{
	xmlNodePtr	 tr;
	size_t		 i;

	tr = html_el(tbody, "tr", NULL);
	html_attr(html_el(tr, "th", label), "scope", "row");
	for (i = 0; i < n; i++)
		html_el(tr, "td", cells[i]);
	return tr;
}

/*
 * The children of root, in document doc, serialised as HTML; frees doc.
 * The caller owns the string.
 */
char *
html_dump(xmlDocPtr doc, xmlNodePtr root)
{
	xmlBufferPtr	 b;
	xmlNodePtr	 k;
	char		*s;

	b = xmlBufferCreate();
	for (k = root->children; k != NULL; k = k->next)
		htmlNodeDump(b, doc, k);
	s = xstrdup((const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	xmlFreeDoc(doc);
	return s;
}
