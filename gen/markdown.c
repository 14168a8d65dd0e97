/*
 * Markdown: cmark parses each body; raw HTML is left out unless the
 * site allows it (cmark's safe mode); the first paragraph is taken as
 * plain text for listings and feeds when the review has no summary.
 * Links to content files become links to their pages, and links and
 * images to other local files links to their copies (attach.c).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>
#include <stdio.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

static int
markdown_slugcmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

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
 * Would cmark's safe mode blank this URL?  The same test as cmark's
 * (javascript:, vbscript:, file:, and data: other than four image
 * types), so that such links and images can be left out whole rather
 * than written as href="" or src="" (an empty src is invalid HTML).
 */
static int
markdown_dangerous(const char *url)
{
	static const char *const ok[] = { "data:image/png",
	    "data:image/gif", "data:image/jpeg", "data:image/webp" };
	size_t	 i;

	if (url == NULL)
		return 0;
	if (strncasecmp(url, "javascript:", 11) == 0 ||
	    strncasecmp(url, "vbscript:", 9) == 0 ||
	    strncasecmp(url, "file:", 5) == 0)
		return 1;
	if (strncasecmp(url, "data:", 5) != 0)
		return 0;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strncasecmp(url, ok[i], strlen(ok[i])) == 0)
			return 0;
	return 1;
}

/*
 * Leave out links and images with dangerous URLs: a link becomes its
 * text, an image its alternative text.
 */
static void
markdown_defang(cmark_node *doc)
{
	cmark_iter	*it;
	cmark_event_type ev;
	cmark_node	*n, *k, **v = NULL;
	size_t		 vsz = 0, i;

	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER &&
		    (cmark_node_get_type(n) == CMARK_NODE_LINK ||
		    cmark_node_get_type(n) == CMARK_NODE_IMAGE) &&
		    markdown_dangerous(cmark_node_get_url(n))) {
			v = xreallocarray(v, vsz + 1, sizeof(*v));
			v[vsz++] = n;
		}
	}
	cmark_iter_free(it);
	/* Innermost last found: unwrap in reverse, children first. */
	for (i = vsz; i-- > 0; ) {
		n = v[i];
		while ((k = cmark_node_first_child(n)) != NULL)
			cmark_node_insert_before(n, k);
		cmark_node_free(n);
	}
	free(v);
}

/* The slug of a vocabulary entry near slug, for "did you mean". */
static const char *
markdown_nearslug(const struct vocab *v, const char *slug)
{
	const char	*near = vocab_suggest(v, slug);
	const struct term *t;

	if (near == NULL || (t = vocab_find(v, near)) == NULL)
		return NULL;
	return t->slug;
}

/*
 * The column in characters of cmark's (byte) column col on line line
 * of text: messages count characters, as editors do.
 */
static size_t
markdown_col(const char *text, size_t len, int line, int col)
{
	size_t	 i = 0, c = 1;
	int	 l = 1, k;

	while (l < line && i < len)
		if (text[i++] == '\n')
			l++;
	for (k = 1; k < col && i < len; k++, i++)
		c += ((unsigned char)text[i] & 0xc0) != 0x80;
	return c;
}

/*
 * A link or image to a local file that is not a content file: an
 * attachment, published with the site (attach.c).  The link's text
 * gets its type and size, in *label (owned by the caller) to add once
 * the tree is no longer walked.  Returns 0 when reported.
 */
static int
markdown_attach(const struct mdlinks *ml, cmark_node *n, const char *url,
    const char *text, size_t textlen, char **label)
{
	char	*newurl, *lab;
	size_t	 line, col;

	line = ml->line0 + (size_t)cmark_node_get_start_line(n) - 1;
	col = markdown_col(text, textlen, cmark_node_get_start_line(n),
	    cmark_node_get_start_column(n)) + ml->col0;
	if (!attach_link(ml->site, ml, url, line, col, &newurl, &lab))
		return 0;
	if (newurl == NULL)
		return 1;	/* a link to a page of the site */
	cmark_node_set_url(n, newurl);
	free(newurl);
	if (cmark_node_get_type(n) == CMARK_NODE_LINK)
		*label = lab;
	else
		free(lab);
	return 1;
}

/*
 * A link to a content file ("child-b.md", "../reviews/child-b.md",
 * "../themes/neglect.md#x") becomes a link to that page of the built
 * site; a link to a file that is not there is reported.  A link or
 * image to another local file is an attachment (markdown_attach), and
 * *label may get the text to add to the link.  Other links are left
 * alone.  Returns 0 when a link was reported.
 */
static int
markdown_link(const struct mdlinks *ml, cmark_node *n, const char *text,
    size_t textlen, char **label)
{
	struct site	*s = ml->site;
	const char	*url = cmark_node_get_url(n), *frag, *base, *near;
	const char	*kind = "reviews", *what = "review";
	char		*path, *slug, *seg, *newurl;
	const struct term *t = NULL;
	const struct vocab *pv, *lv = NULL;
	size_t		 len, dl, i, vk, line, col;
	int		 found = 0, ispage = 0;

	/* Only relative links: no scheme, not from the host's root. */
	if (url == NULL || *url == '\0' || *url == '/' || *url == '#' ||
	    url[strcspn(url, ":/?#")] == ':')
		return 1;
	frag = url + strcspn(url, "?#");
	path = xstrndup(url, (size_t)(frag - url));
	len = strlen(path);
	if (len < 4 || strcmp(path + len - 3, ".md") != 0) {
		free(path);
		return markdown_attach(ml, n, url, text, textlen, label);
	}
	if (cmark_node_get_type(n) == CMARK_NODE_IMAGE) {
		free(path);
		return 1;
	}
	base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	slug = xstrndup(base, strlen(base) - 3);
	for (seg = path; seg < base; seg += strcspn(seg, "/") + 1) {
		for (vk = 0; vk < VOCAB_PAGED; vk++) {
			pv = s->vocabs[vk];
			dl = strlen(pv->dir);
			if (pv->hasintro && strncmp(seg, pv->dir, dl) == 0 &&
			    seg[dl] == '/')
				lv = pv, ispage = 0, kind = pv->dir,
				    what = pv->what;
		}
		if (strncmp(seg, "pages/", 6) == 0)
			lv = NULL, ispage = 1, kind = "pages", what = "page";
	}
	if (lv != NULL) {
		t = vocab_find(lv, slug);
		found = t != NULL && strcmp(t->slug, slug) == 0;
		near = found ? NULL : markdown_nearslug(lv, slug);
	} else if (ispage) {
		for (i = 0; i < s->pagesz; i++)
			if (s->pages[i].slug != NULL &&
			    strcmp(s->pages[i].slug, slug) == 0)
				found = 1;
		near = NULL;
		if (!found) {
			const char **v = xcalloc(s->pagesz + 1, sizeof(*v));
			size_t	 k = 0;

			for (i = 0; i < s->pagesz; i++)
				if (s->pages[i].slug != NULL)
					v[k++] = s->pages[i].slug;
			near = vocab_nearest(slug, v, k);
			free(v);
		}
	} else {
		found = bsearch(&slug, s->slugs, s->slugsz, sizeof(*s->slugs),
		    markdown_slugcmp) != NULL;
		near = found ? NULL : vocab_nearest(slug, s->slugs,
		    s->slugsz);
	}
	if (found && !ispage) {
		/* Kept to check, once known, that it is on the site. */
		struct xref	*x;

		pthread_mutex_lock(&s->run->xreflock);
		s->run->xrefs = xreallocarray(s->run->xrefs, s->run->xrefsz + 1,
		    sizeof(*s->run->xrefs));
		x = &s->run->xrefs[s->run->xrefsz++];
		x->path = xstrdup(ml->path);
		x->line = ml->line0 + (size_t)cmark_node_get_start_line(n) - 1;
		x->col = markdown_col(text, textlen,
		    cmark_node_get_start_line(n),
		    cmark_node_get_start_column(n)) + ml->col0;
		x->slug = xstrdup(slug);
		x->term = t;
		x->from = ml->from;
		pthread_mutex_unlock(&s->run->xreflock);
	}
	if (found) {
		if (ispage)
			newurl = xasprintf("%s%s/%s", ml->prefix, slug, frag);
		else
			newurl = xasprintf("%s%s/%s/%s", ml->prefix, kind, slug,
			    frag);
		cmark_node_set_url(n, newurl);
		free(newurl);
	} else {
		line = ml->line0 + (size_t)cmark_node_get_start_line(n) - 1;
		col = markdown_col(text, textlen, cmark_node_get_start_line(n),
		    cmark_node_get_start_column(n)) + ml->col0;
		if (near != NULL)
			diag_finding(s->diag, 1, ml->path, line, col, "broken "
			    "link \"%s\": no %s has the file name %s.md: did "
			    "you mean %s.md?", url, what, slug, near);
		else
			diag_finding(s->diag, 1, ml->path, line, col, "broken "
			    "link \"%s\": no %s has the file name %s.md", url,
			    what, slug);
	}
	free(slug);
	free(path);
	return found;
}

/*
 * Raw HTML that safe mode leaves out: a warning at each opening tag,
 * so pasted HTML does not vanish without a word.  Comments
 * (exceptions, notes) are meant to be invisible and are not reported.
 */
static void
markdown_rawhtml(const struct mdlinks *ml, cmark_node *doc,
    const char *text, size_t len)
{
	cmark_iter	*it;
	cmark_event_type ev;
	cmark_node	*n, *p;
	cmark_node_type	 type;
	const char	*lit, *what;
	size_t		 line, k;
	int		 sl, sc;

	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		type = cmark_node_get_type(n);
		if (ev != CMARK_EVENT_ENTER || (type != CMARK_NODE_HTML_BLOCK &&
		    type != CMARK_NODE_HTML_INLINE))
			continue;
		if ((lit = cmark_node_get_literal(n)) == NULL)
			continue;
		lit += strspn(lit, " \t\r\n");
		/* A closing tag was reported with its opening one. */
		if (strncmp(lit, "<!--", 4) == 0 || strncmp(lit, "</", 2) == 0)
			continue;
		/* Inlines may lack a position: take their block's. */
		for (p = n; p != NULL &&
		    (sl = cmark_node_get_start_line(p)) == 0;
		    p = cmark_node_parent(p))
			;
		if (p == NULL)
			continue;
		sc = p == n ? cmark_node_get_start_column(n) : 0;
		line = ml->line0 + (size_t)sl - 1;
		for (k = 0; lit[k] != '\0' && lit[k] != '\n' &&
		    lit[k] != '\r' && k < 40; k++)
			;
		if (strncasecmp(lit, "<br", 3) == 0)
			what = "is left out, so the words either side of it "
			    "run together: for a line break, end the line with "
			    "a backslash (\\)";
		else if (type == CMARK_NODE_HTML_BLOCK)
			what = "is left out of the page, with all the text up "
			    "to the next blank line: write it in Markdown "
			    "instead (HTML is kept only when site.yaml has "
			    "allow_raw_html: true)";
		else
			what = "is left out of the page (the text around it "
			    "stays): write it in Markdown instead (HTML is kept "
			    "only when site.yaml has allow_raw_html: true)";
		diag_finding(ml->site->diag, 0, ml->path, line,
		    sc > 0 ? markdown_col(text, len, sl, sc) + ml->col0 : 0,
		    "HTML \"%.*s\" %s", (int)k, lit, what);
	}
	cmark_iter_free(it);
}

/*
 * Render Markdown text (len bytes) to HTML.  A level-1 heading becomes
 * level 2, as the page title is the page's only h1.  If para is not
 * NULL, *para gets the first paragraph as plain text (owned by the
 * caller, NULL when there is none).  *blocks gets the number of blocks.
 * With ml, links to content files become links to their pages, links
 * and images to other local files become links to their copies in the
 * site (attachments), and links to missing files are reported
 * (*linksok then 0).
 * Returns the HTML, owned by the caller.
 */
char *
markdown_render(const char *text, size_t len, int unsafe, char **para,
    size_t *blocks, const struct mdlinks *ml, int *linksok)
{
	cmark_node	*doc, *n, *t;
	cmark_iter	*it;
	cmark_event_type ev;
	struct buf	 b = { NULL, 0, 0 };
	char		*html, *label;
	size_t		 nb = 0, lvsz = 0, i;
	struct {
		cmark_node	*node;		/* an attachment link */
		char		*label;		/* text to add, owned */
	}		*lv = NULL;

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
	if (linksok != NULL)
		*linksok = 1;
	if (!unsafe && ml != NULL)
		markdown_rawhtml(ml, doc, text, len);
	if (!unsafe)
		markdown_defang(doc);
	if (ml != NULL) {
		it = cmark_iter_new(doc);
		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			n = cmark_iter_get_node(it);
			if (ev != CMARK_EVENT_ENTER ||
			    (cmark_node_get_type(n) != CMARK_NODE_LINK &&
			    cmark_node_get_type(n) != CMARK_NODE_IMAGE))
				continue;
			label = NULL;
			if (!markdown_link(ml, n, text, len, &label) &&
			    linksok != NULL)
				*linksok = 0;
			if (label != NULL) {
				lv = xreallocarray(lv, lvsz + 1, sizeof(*lv));
				lv[lvsz].node = n;
				lv[lvsz++].label = label;
			}
		}
		cmark_iter_free(it);
		/* "(PDF, 1.2 MB)" after each attachment link's text. */
		for (i = 0; i < lvsz; i++) {
			t = cmark_node_new(CMARK_NODE_TEXT);
			cmark_node_set_literal(t, lv[i].label);
			cmark_node_append_child(lv[i].node, t);
			free(lv[i].label);
		}
		free(lv);
	}
	html = cmark_render_html(doc,
	    unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT);
	cmark_node_free(doc);
	return html;
}
