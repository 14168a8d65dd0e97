/*
 * Following the site: the list of every feed it writes (follow_feeds,
 * the one place that enumerates them), the follow page's body (how to
 * follow in Outlook, a feed reader or by e-mail, then every feed with
 * its address in a field to copy) and feeds.opml, the same list for
 * feed readers that import one.  Both are libxml2 trees.
 */
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lcspr.h"
#include "extern.h"

/* The feeds being listed, grown as follow_add adds them. */
struct feedlist {
	struct feedref	*v;		/* owned entries */
	size_t		 n;		/* entries used */
	size_t		 max;		/* entries allocated */
};

/* The groups of feeds on the follow page, by enum feedkind. */
static const struct {
	const char	*id;		/* the heading's id */
	const char	*heading;	/* its text */
} follow_groups[FEED__MAX] = {
	{ "feeds-site", "The whole site" },
	{ "feeds-updates", "Once a month" },
	{ "feeds-themes", "By learning theme" },
	{ "feeds-regions", "By region" },
	{ "feeds-facets", "By learning theme in a region" },
};

/*
 * The id of the entry of the feed at rel on the follow page: "feed-"
 * and the feed's folder with '_' for '/' ("feed-themes_neglect"),
 * "feed-site" for feed.xml.  Slugs have no '_', so ids never collide.
 * The caller owns it.
 */
char *
follow_id(const char *rel)
{
	char	*id, *p;
	size_t	 n = strlen(rel);

	if (n >= 8 && strcmp(rel + n - 8, "feed.xml") == 0)
		n -= 8;
	while (n > 0 && rel[n - 1] == '/')
		n--;
	if (n == 0)
		return xstrdup("feed-site");
	id = xasprintf("feed-%.*s", (int)n, rel);
	for (p = id; *p != '\0'; p++)
		if (*p == '/')
			*p = '_';
	return id;
}

/* Add one feed: its group, name, file and page (from the site root). */
static void
follow_add(struct feedlist *l, enum feedkind kind, const char *name,
    const char *rel, const char *dir, size_t count)
{
	struct feedref	*f;

	if (l->n == l->max) {
		l->max = l->max == 0 ? 16 : l->max * 2;
		l->v = xreallocarray(l->v, l->max, sizeof(*l->v));
	}
	f = &l->v[l->n++];
	f->kind = kind;
	f->name = xstrdup(name);
	f->rel = xstrdup(rel);
	f->dir = xstrdup(dir);
	f->id = follow_id(rel);
	f->count = count;
}

/*
 * Every feed the site writes, in the order the follow page and
 * feeds.opml list them: the site's, each theme's and region's (those
 * with a page), each theme in a region.  *out gets the owned array
 * (free it with follow_free); returns its length.  A new feed is one
 * follow_add here, beside the job that writes it (build.c).
 */
size_t
follow_feeds(const struct site *s, struct feedref **out)
{
	struct feedlist	 l;
	const struct vocab *v;
	const struct term *t;
	const struct facet *f;
	char		*rel, *dir;
	size_t		 k, i, n;

	memset(&l, 0, sizeof(l));
	follow_add(&l, FEED_SITE, "All reviews", "feed.xml", "", s->pubsz);
	/* Its items are the months that have ended: count their reviews. */
	for (n = i = 0; i < s->monthsz; i++)
		if (s->months[i].ended)
			n += s->months[i].reviewsz;
	follow_add(&l, FEED_UPDATES, "Monthly updates",
	    "updates/feed.xml", "updates/", n);
	for (k = 0; k < VOCAB_PAGED; k++) {
		v = s->vocabs[k];
		if (!v->hasfeed)
			continue;
		for (i = 0; i < v->onsitesz; i++) {
			t = v->onsite[i];
			rel = xasprintf("%s/%s/feed.xml", v->dir, t->slug);
			dir = xasprintf("%s/%s/", v->dir, t->slug);
			follow_add(&l, v == &s->themes ? FEED_THEME :
			    FEED_REGION, t->name, rel, dir, t->reviewsz);
			free(rel);
			free(dir);
		}
	}
	for (i = 0; i < s->regionfacetsz; i++) {
		f = &s->facets[i];
		rel = xasprintf("%sfeed.xml", f->dir);
		follow_add(&l, FEED_FACET, f->name, rel, f->dir, f->reviewsz);
		free(rel);
	}
	*out = l.v;
	return l.n;
}

/*
 * Free the n feeds of fr (follow_feeds).
 */
void
follow_free(struct feedref *fr, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(fr[i].name);
		free(fr[i].rel);
		free(fr[i].dir);
		free(fr[i].id);
	}
	free(fr);
}

/* A link to href with text, at the end of parent. */
static xmlNodePtr
follow_link(xmlNodePtr parent, const char *href, const char *text)
{
	xmlNodePtr	 a;

	a = html_el(parent, "a", text);
	html_attr(a, "class", "lcspr-link");
	html_attr(a, "href", href);
	return a;
}

/*
 * A link to feeds.opml (prefix: the page's way to the site root) with
 * text, at the end of parent: downloaded, as a browser would show the
 * file as text.
 */
static void
follow_opmllink(xmlNodePtr parent, const char *prefix, const char *text)
{
	char	*t;

	t = xasprintf("%sfeeds.opml", prefix);
	html_attr(follow_link(parent, t, text), "download", "feeds.opml");
	free(t);
}

/* Text at the end of parent. */
static void
follow_text(xmlNodePtr parent, const char *text)
{
	xmlNodeAddContent(parent, (const xmlChar *)text);
}

/* A list item made of text, then strong text, then text. */
static void
follow_step(xmlNodePtr ol, const char *before, const char *strong,
    const char *after)
{
	xmlNodePtr	 li;

	li = html_el(ol, "li", before);
	if (strong != NULL)
		html_el(li, "strong", strong);
	if (after != NULL)
		follow_text(li, after);
}

/* How to follow: what a feed is, Outlook, a reader, e-mail. */
static void
follow_howto(const struct site *s, xmlNodePtr root, const char *prefix)
{
	xmlNodePtr	 sec, p, ol;

	p = html_el(root, "p", "Follow this site to hear when a review is "
	    "added: in Outlook, in a feed reader, or by e-mail. Choose a "
	    "feed from ");
	follow_link(p, "#feeds", "the list of feeds");
	follow_text(p, ": the whole site, or only the reviews on a "
	    "learning theme or in a region.");

	sec = html_section(root, NULL, "what", "What a feed is", NULL);
	html_el(sec, "p", "A feed (also called RSS) is a web address that "
	    "lists the newest reviews on this site, each with its title, "
	    "summary, the date it was added and its learning themes. "
	    "Outlook, feed readers and mailing tools check a feed for you "
	    "and show or send each new review. You do not need an account "
	    "on this site, and it does not know who follows it.");
	html_el(sec, "p", "Opening a feed's address in a web browser shows "
	    "code rather than a page: copy the address into one of the "
	    "programs below instead. To copy it, select the text in its "
	    "box and copy it (Ctrl+C, or Cmd+C on a Mac; on a phone, "
	    "press and hold).");

	sec = html_section(root, NULL, "outlook", "Follow in Outlook", NULL);
	html_el(sec, "p", "In Outlook for Windows (the classic desktop "
	    "program):");
	ol = html_el(sec, "ol", NULL);
	follow_step(ol, "Copy the address of a feed from the list below.",
	    NULL, NULL);
	follow_step(ol, "Right-click the ", "RSS Subscriptions",
	    " folder and choose Add a New RSS Feed. Or go to File, Account "
	    "Settings, Account Settings, open the RSS Feeds tab and choose "
	    "New.");
	follow_step(ol, "Paste the address, choose ", "Add",
	    ", then Yes.");
	html_el(sec, "p", "New reviews then arrive in the RSS Subscriptions "
	    "folder like e-mails. The new Outlook and Outlook on the web "
	    "cannot follow feeds: follow by e-mail instead.");

	sec = html_section(root, NULL, "reader", "Follow in a feed reader",
	    NULL);
	html_el(sec, "p", "A feed reader, such as Feedly, Inoreader, "
	    "NetNewsWire or Thunderbird, collects the news of many sites in "
	    "one place. Choose Add or Subscribe in it and paste a feed's "
	    "address.");
	p = html_el(sec, "p", "To add every feed of this site at once, "
	    "download ");
	follow_opmllink(p, prefix, "the list of all feeds (OPML)");
	follow_text(p, " and import it in the reader (often Import OPML, "
	    "under Settings).");

	sec = html_section(root, NULL, "email", "Follow by e-mail", NULL);
	p = html_el(sec, "p", "Ask ");
	follow_text(p, s->partnership != NULL ? s->partnership :
	    "the safeguarding partnership");
	follow_text(p, " whether it sends new reviews by e-mail, and to "
	    "add you to its list.");
	html_el(sec, "p", "A partnership can send them with the mailing "
	    "tool it uses for newsletters: most can turn a feed into "
	    "e-mails, sent when a review is added or as a weekly or monthly "
	    "digest. In Mailchimp, make an RSS campaign and give it a "
	    "feed's address; in Buttondown, turn on RSS-to-email with the "
	    "address; other tools call it RSS to e-mail or blog updates. "
	    "Each e-mail then lists the new reviews with their titles, "
	    "summaries and links.");
	p = html_el(sec, "p", "For one e-mail a month, give the tool ");
	follow_link(p, "#feed-updates", "the monthly updates feed");
	follow_text(p, ": it has one item as each month ends, listing the "
	    "reviews added that month by learning theme.");
}

/* The entry of feed f in the list ul: name, count, address. */
static void
follow_entry(const struct site *s, xmlNodePtr ul, const struct feedref *f,
    const char *prefix)
{
	xmlNodePtr	 li, h, p, lab, span, in;
	char		*t;

	li = html_el(ul, "li", NULL);
	html_attr(li, "class", "lcspr-feed-list__item");
	html_attr(li, "id", f->id);
	h = html_el(li, "h4", NULL);
	html_attr(h, "class", "lcspr-feed-list__name");
	t = *f->dir == '\0' && *prefix == '\0' ? xstrdup("./") :
	    xasprintf("%s%s", prefix, f->dir);
	follow_link(h, t, f->name);
	free(t);
	t = xasprintf("%zu review%s", f->count, f->count == 1 ? "" : "s");
	p = html_el(li, "p", t);
	free(t);
	html_attr(p, "class", "lcspr-feed-list__count");
	t = xasprintf("%s-address", f->id);
	lab = html_el(li, "label", "Feed address");
	html_attr(lab, "class", "lcspr-feed-list__label");
	html_attr(lab, "for", t);
	span = html_el(lab, "span", " for ");
	html_attr(span, "class", "lcspr-visually-hidden");
	follow_text(span, f->name);
	in = html_el(li, "input", NULL);
	html_attr(in, "class", "lcspr-feed-list__address");
	html_attr(in, "id", t);
	free(t);
	html_attr(in, "type", "text");
	html_attr(in, "readonly", "");
	html_attr(in, "spellcheck", "false");
	html_attr(in, "autocomplete", "off");
	t = xasprintf("%s%s", s->base_url, f->rel);
	html_attr(in, "value", t);
	free(t);
}

/*
 * The body of the follow page (its URL prefix to the site root is
 * prefix), as HTML serialised by libxml2.  The caller owns it.
 */
char *
follow_html(const struct site *s, const char *prefix)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 root, sec, ul, h, p;
	struct feedref	*fr;
	size_t		 n, i;
	int		 g;
	char		*t;

	n = follow_feeds(s, &fr);
	doc = htmlNewDocNoDtD(NULL, NULL);
	root = xmlNewDocNode(doc, NULL, (const xmlChar *)"div", NULL);
	xmlDocSetRootElement(doc, root);
	follow_howto(s, root, prefix);

	sec = html_section(root, NULL, "feeds", "All the feeds of this site",
	    NULL);
	t = xasprintf("Each feed lists the newest %zu reviews added to it. "
	    "The monthly updates feed is different: it has one item for "
	    "each of the last %zu months that have ended, each listing up "
	    "to %zu of that month's reviews. The same list for a feed "
	    "reader: ", s->feed_length, s->feed_length, s->feed_length);
	p = html_el(sec, "p", t);
	free(t);
	follow_opmllink(p, prefix, "all feeds as one file (OPML)");
	follow_text(p, ".");
	for (g = 0; g < FEED__MAX; g++) {
		for (i = 0; i < n && fr[i].kind != (enum feedkind)g; i++)
			continue;
		if (i == n)
			continue;
		h = html_el(sec, "h3", follow_groups[g].heading);
		html_attr(h, "id", follow_groups[g].id);
		ul = html_el(sec, "ul", NULL);
		html_attr(ul, "class", "lcspr-feed-list");
		for (; i < n; i++)
			if (fr[i].kind == (enum feedkind)g)
				follow_entry(s, ul, &fr[i], prefix);
	}
	follow_free(fr, n);

	return html_dump(doc, root);
}

/*
 * feeds.opml: every feed of the site as an OPML 2.0 outline, for feed
 * readers that import a list.  Returns 1 on success, 0 when reported.
 */
int
follow_opml(const struct site *s, struct output *o)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 opml, head, body, out;
	struct feedref	*fr;
	size_t		 n, i;
	char		*t;

	n = follow_feeds(s, &fr);
	doc = xmlNewDoc((const xmlChar *)"1.0");
	opml = xmlNewNode(NULL, (const xmlChar *)"opml");
	xmlDocSetRootElement(doc, opml);
	html_attr(opml, "version", "2.0");
	head = html_el(opml, "head", NULL);
	t = xasprintf("%s: all feeds", s->title);
	html_el(head, "title", t);
	free(t);
	html_el(head, "docs", "http://opml.org/spec2.opml");
	body = html_el(opml, "body", NULL);
	for (i = 0; i < n; i++) {
		out = html_el(body, "outline", NULL);
		t = xasprintf("%s: %s", s->title, fr[i].name);
		html_attr(out, "text", t);
		html_attr(out, "title", t);
		free(t);
		html_attr(out, "type", "rss");
		t = xasprintf("%s%s", s->base_url, fr[i].rel);
		html_attr(out, "xmlUrl", t);
		free(t);
		t = xasprintf("%s%s", s->base_url, fr[i].dir);
		html_attr(out, "htmlUrl", t);
		free(t);
	}
	follow_free(fr, n);
	return feed_save(o, "feeds.opml", doc);
}
