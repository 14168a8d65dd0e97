/*
 * Markdown: cmark parses each body; raw HTML is left out unless the
 * site allows it (cmark's safe mode); the first paragraph is taken as
 * plain text for listings and feeds when the review has no summary.
 */
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "lcspr.h"
#include "extern.h"

/* Append the plain text of node's inlines to b. */
static void
markdown_text(cmark_node *node, struct buf *b)
{
	cmark_iter	*it;
	cmark_event_type ev;
	cmark_node	*n;
	const char	*lit;

	it = cmark_iter_new(node);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if ((lit = cmark_node_get_literal(n)) != NULL)
				buf_puts(b, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_puts(b, " ");
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/*
 * Render Markdown text (len bytes) to HTML.  A level-1 heading becomes
 * level 2, as the page title is the page's only h1.  If para is not
 * NULL, *para gets the first paragraph as plain text (owned by the
 * caller, NULL when there is none).  *blocks gets the number of blocks.
 * Returns the HTML, owned by the caller.
 */
char *
markdown_render(const char *text, size_t len, int unsafe, char **para,
    size_t *blocks)
{
	cmark_node	*doc, *n;
	struct buf	 b = { NULL, 0, 0 };
	char		*html;
	size_t		 nb = 0;

	doc = cmark_parse_document(text, len,
	    unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT);
	if (para != NULL)
		*para = NULL;
	for (n = cmark_node_first_child(doc); n != NULL;
	    n = cmark_node_next(n)) {
		nb++;
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(n) == 1)
			cmark_node_set_heading_level(n, 2);
		if (para != NULL && *para == NULL &&
		    cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH) {
			markdown_text(n, &b);
			*para = b.data != NULL ? b.data : xstrdup("");
		}
	}
	if (blocks != NULL)
		*blocks = nb;
	html = cmark_render_html(doc,
	    unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT);
	cmark_node_free(doc);
	return html;
}
