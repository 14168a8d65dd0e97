/*
 * Feeds: RSS 2.0 for the whole site, each learning theme, each region
 * and each theme in a region, built as libxml2 trees.  A feed reader
 * shows an item's description, and the channel's, as HTML, so the
 * summary goes in as a small HTML fragment serialised by libxml2, and
 * the channel's text as HTML text: a "<" reaches the reader as "&lt;",
 * never as markup.
 */
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lcspr.h"
#include "extern.h"

#define ATOM_NS	"http://www.w3.org/2005/Atom"

/* Add a text child: the serialiser escapes the value. */
static void
feed_text(xmlNodePtr parent, const char *name, const char *value)
{
	xmlNewTextChild(parent, NULL, (const xmlChar *)name,
	    (const xmlChar *)value);
}

/*
 * Plain text as HTML, serialised by libxml2: in a paragraph (an item's
 * summary) or as text alone (the channel's description).  Feed readers
 * read both descriptions as HTML, so both are escaped twice.  The
 * caller owns the string.
 */
static char *
feed_html(const char *text, int para)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 root;

	doc = htmlNewDocNoDtD(NULL, NULL);
	root = xmlNewDocNode(doc, NULL, (const xmlChar *)"div", NULL);
	xmlDocSetRootElement(doc, root);
	if (para)
		html_el(root, "p", text);
	else
		xmlAddChild(root, xmlNewDocText(doc, (const xmlChar *)text));
	return html_dump(doc, root);
}

/*
 * Start the RSS 2.0 document *docp of the feed at rel, whose page is at
 * dir: its channel's title, link, description (desc, as HTML text),
 * language, atom:link to itself, lastBuildDate (the build time when
 * SOURCE_DATE_EPOCH is set, else newest unless NULL) and ttl.  Returns
 * the channel, for its items.
 */
static xmlNodePtr
feed_channel(const struct site *s, xmlDocPtr *docp, const char *rel,
    const char *dir, const char *title, const char *desc,
    const struct date *newest)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 rss, ch, self;
	xmlNsPtr	 atom;
	char		*t, *html, date[64];

	doc = xmlNewDoc((const xmlChar *)"1.0");
	rss = xmlNewNode(NULL, (const xmlChar *)"rss");
	xmlDocSetRootElement(doc, rss);
	xmlNewProp(rss, (const xmlChar *)"version", (const xmlChar *)"2.0");
	atom = xmlNewNs(rss, (const xmlChar *)ATOM_NS,
	    (const xmlChar *)"atom");
	ch = xmlNewChild(rss, NULL, (const xmlChar *)"channel", NULL);
	feed_text(ch, "title", title);
	t = xasprintf("%s%s", s->base_url, dir);
	feed_text(ch, "link", t);
	free(t);
	html = feed_html(desc, 0);
	feed_text(ch, "description", html);
	free(html);
	feed_text(ch, "language", s->language);
	self = xmlNewChild(ch, atom, (const xmlChar *)"link", NULL);
	t = xasprintf("%s%s", s->base_url, rel);
	xmlNewProp(self, (const xmlChar *)"href", (const xmlChar *)t);
	free(t);
	xmlNewProp(self, (const xmlChar *)"rel", (const xmlChar *)"self");
	xmlNewProp(self, (const xmlChar *)"type",
	    (const xmlChar *)"application/rss+xml");
	if (s->nowset) {
		date_rfc822_time(s->now, date, sizeof(date));
		feed_text(ch, "lastBuildDate", date);
	} else if (newest != NULL) {
		date_rfc822(newest, date, sizeof(date));
		feed_text(ch, "lastBuildDate", date);
	}
	/* How long a reader or mailing tool may keep it before asking. */
	snprintf(date, sizeof(date), "%zu", s->feed_ttl);
	feed_text(ch, "ttl", date);
	*docp = doc;
	return ch;
}

/*
 * Add an item to channel ch: its title, and its link to the page at
 * rel (from the site root), which is also its permanent guid.  Returns
 * the item.
 */
static xmlNodePtr
feed_item(const struct site *s, xmlNodePtr ch, const char *title,
    const char *rel)
{
	xmlNodePtr	 it, guid;
	char		*t;

	it = xmlNewChild(ch, NULL, (const xmlChar *)"item", NULL);
	feed_text(it, "title", title);
	t = xasprintf("%s%s", s->base_url, rel);
	feed_text(it, "link", t);
	guid = xmlNewTextChild(it, NULL, (const xmlChar *)"guid",
	    (const xmlChar *)t);
	xmlNewProp(guid, (const xmlChar *)"isPermaLink",
	    (const xmlChar *)"true");
	free(t);
	return it;
}

/*
 * Write the XML document doc (a feed, feeds.opml, sitemap.xml) as rel,
 * and free it.
 * Returns 1 on success, 0 when reported.
 */
int
feed_save(struct output *o, const char *rel, xmlDocPtr doc)
{
	xmlChar		*mem;
	int		 len, ok;

	xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
	ok = output_write(o, rel, mem, (size_t)len);
	xmlFree(mem);
	xmlFreeDoc(doc);
	return ok;
}

/*
 * Write the feed rel ("feed.xml", "themes/<slug>/feed.xml") of the
 * reviews revs (any order: the feed_length added to the site last are
 * used, newest added first, dated the day they were added), titled
 * name (NULL for the site feed) and described as reviews published
 * "phrase name", linking to the page at dir.
 * Returns 1 on success, 0 when reported.
 */
static int
feed_write(const struct site *s, struct output *o, const char *rel,
    const char *dir, const char *phrase, const char *name,
    const struct review *const *given, size_t revsz)
{
	const struct review **revs;
	xmlDocPtr	 doc;
	xmlNodePtr	 ch, it;
	size_t		 i, j;
	char		*t, *desc, *html, date[64];
	const struct review *r;

	/* A review added today is new to the reader, whenever published. */
	revs = xcalloc(revsz > 0 ? revsz : 1, sizeof(*revs));
	if (revsz > 0)
		memcpy(revs, given, revsz * sizeof(*revs));
	index_recent(revs, revsz);
	t = name == NULL ? xstrdup(s->title) :
	    xasprintf("%s: %s", s->title, name);
	desc = name == NULL ? xasprintf("%s %s", s->description,
	    s->content_note) : xasprintf("Reviews published %s %s. %s",
	    phrase, name, s->content_note);
	ch = feed_channel(s, &doc, rel, dir, t, desc, revsz > 0 ?
	    &revs[0]->added : NULL);
	free(t);
	free(desc);
	for (i = 0; i < revsz && i < s->feed_length; i++) {
		r = revs[i];
		t = xasprintf("reviews/%s/", r->slug);
		it = feed_item(s, ch, r->title, t);
		free(t);
		date_rfc822(&r->added, date, sizeof(date));
		feed_text(it, "pubDate", date);
		html = feed_html(r->summary, 1);
		feed_text(it, "description", html);
		free(html);
		for (j = 0; j < r->themesz; j++)
			feed_text(it, "category", r->themes[j]->name);
	}
	free(revs);
	return feed_save(o, rel, doc);
}

/*
 * The site-wide feed, feed.xml.
 */
int
feed_site(const struct site *s, struct output *o)
{
	return feed_write(s, o, "feed.xml", "", NULL, NULL, s->recent,
	    s->pubsz);
}

/*
 * The feed of term t of vocabulary v (one with feeds: a theme or a
 * region).
 */
int
feed_term(const struct site *s, struct output *o, const struct vocab *v,
    const struct term *t)
{
	char	 rel[512], page[512];

	snprintf(rel, sizeof(rel), "%s/%s/feed.xml", v->dir, t->slug);
	snprintf(page, sizeof(page), "%s/%s/", v->dir, t->slug);
	return feed_write(s, o, rel, page, v->feedphrase, t->name,
	    t->reviews, t->reviewsz);
}

/*
 * The feed of facet f, a theme in a region (the facets with a feed).
 */
int
feed_facet(const struct site *s, struct output *o, const struct facet *f)
{
	char	*rel;
	int	 ok;

	rel = xasprintf("%sfeed.xml", f->dir);
	ok = feed_write(s, o, rel, f->dir, s->themes.feedphrase, f->name,
	    f->reviews, f->reviewsz);
	free(rel);
	return ok;
}

/*
 * The HTML of month m's item in the updates' feed: how many reviews
 * were added, then under a heading per learning theme each review's
 * title (linked to its page) and region, then the content note.  At
 * most feed_length reviews are listed (the newest added), however many
 * the month has, then "And N more", linking to the month's page: an
 * item stays the size of a feed of reviews.  The caller owns the
 * string.
 */
static char *
feed_monthhtml(const struct site *s, const struct month *m)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 root, ul = NULL, li, a, p;
	const struct monththeme *mt;
	const struct review *r, *last;
	size_t		 i, j, n;
	char		*t;

	n = m->reviewsz < s->feed_length ? m->reviewsz : s->feed_length;
	last = m->reviews[n - 1];
	doc = htmlNewDocNoDtD(NULL, NULL);
	root = xmlNewDocNode(doc, NULL, (const xmlChar *)"div", NULL);
	xmlDocSetRootElement(doc, root);
	if (n < m->reviewsz)
		t = n == 1 ? xasprintf("%zu reviews were added to %s in %s. "
		    "The newest is below.", m->reviewsz, s->title, m->name) :
		    xasprintf("%zu reviews were added to %s in %s. The "
		    "newest %zu are below, by learning theme. A review with "
		    "more than one theme is listed under each.", m->reviewsz,
		    s->title, m->name, n);
	else
		t = xasprintf("%zu review%s added to %s in %s, by learning "
		    "theme. A review with more than one theme is listed under "
		    "each.", m->reviewsz, m->reviewsz == 1 ? " was" :
		    "s were", s->title, m->name);
	html_el(root, "p", t);
	free(t);
	/* The month's groups (month.c), each cut after the newest n: each
	 * group is newest added first, so they are its first ones. */
	for (i = 0; i < m->themesz; i++) {
		mt = &m->themes[i];
		for (j = 0; j < mt->reviewsz; j++) {
			r = mt->reviews[j];
			if (index_recentcmp(r, last) > 0)
				break;
			if (j == 0) {
				html_el(root, "h2", mt->theme->name);
				ul = html_el(root, "ul", NULL);
			}
			li = html_el(ul, "li", NULL);
			a = html_el(li, "a", r->title);
			t = xasprintf("%sreviews/%s/", s->base_url, r->slug);
			html_attr(a, "href", t);
			free(t);
			t = xasprintf(" (%s)", r->region->name);
			xmlNodeAddContent(li, (const xmlChar *)t);
			free(t);
		}
	}
	if (n < m->reviewsz) {
		t = xasprintf("And %zu more: see ", m->reviewsz - n);
		p = html_el(root, "p", t);
		free(t);
		t = xasprintf("all %zu reviews added in %s", m->reviewsz,
		    m->name);
		a = html_el(p, "a", t);
		free(t);
		t = xasprintf("%supdates/%s/", s->base_url, m->slug);
		html_attr(a, "href", t);
		free(t);
		xmlNodeAddContent(p, (const xmlChar *)".");
	}
	html_el(root, "p", s->content_note);
	return html_dump(doc, root);
}

/*
 * The feed of the monthly updates, updates/feed.xml: one item a month,
 * linking to the month's page, newest first, for an RSS-to-e-mail
 * service to send as a monthly digest.  Such a service sends an item
 * once, so a month is in the feed only once it has ended (before the
 * build date's month), dated the first day of the next month.
 * Returns 1 on success, 0 when reported.
 */
int
feed_updates(const struct site *s, struct output *o)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 ch, it;
	const struct month *m;
	struct date	 next;
	size_t		 i, j, n = 0;
	char		*t, *desc, *rel, *html, date[64];

	t = xasprintf("%s: monthly updates", s->title);
	desc = xasprintf("The reviews added to this site each month, one "
	    "item a month once the month has ended. %s", s->content_note);
	ch = feed_channel(s, &doc, "updates/feed.xml", "updates/", t, desc,
	    NULL);
	free(t);
	free(desc);
	for (i = 0; i < s->monthsz && n < s->feed_length; i++) {
		m = &s->months[i];
		if (!m->ended)
			continue;
		n++;
		t = xasprintf("Reviews added in %s", m->name);
		rel = xasprintf("updates/%s/", m->slug);
		it = feed_item(s, ch, t, rel);
		free(t);
		free(rel);
		next = m->first;
		if (++next.month > 12) {
			next.month = 1;
			next.year++;
		}
		date_rfc822(&next, date, sizeof(date));
		feed_text(it, "pubDate", date);
		html = feed_monthhtml(s, m);
		feed_text(it, "description", html);
		free(html);
		for (j = 0; j < m->themesz; j++)
			feed_text(it, "category", m->themes[j].theme->name);
	}
	return feed_save(o, "updates/feed.xml", doc);
}
