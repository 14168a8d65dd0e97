#!/usr/bin/python3
"""Check a built site's follow page and feeds.opml against the feeds it
wrote.  usage: followcheck.py SITE BASE_URL TTL FEED_LENGTH

Finds every feed.xml under SITE and checks:
 - follow/index.html lists exactly those feeds: one entry each (an
   element with the id follow_id gives), its address BASE_URL + the
   feed's path in a readonly <input> with a <label>, and a count of
   reviews that agrees with the feed (all of them when there are no
   more than FEED_LENGTH);
 - feeds.opml (OPML 2.0) has one outline per feed, type="rss", with
   text, title, an xmlUrl that is BASE_URL + the feed's path and an
   htmlUrl that is a page of the site;
 - every feed has <ttl>TTL</ttl>, and every item a pubDate, a
   description and, when it is a review, at least one category;
 - no <a href> of any page points at a feed's XML (they point at the
   follow page), each points at an entry that is there, and the pages'
   <link rel="alternate" type="application/rss+xml"> point at feeds.
Prints what differs; exit 1 if anything does.
"""
import os, re, sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

site, base, ttl, feedlen = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
bad = []


def follow_id(rel):
    """The id of a feed's entry on the follow page (gen/follow.c)."""
    d = rel[:-len('feed.xml')].rstrip('/')
    return 'feed-' + d.replace('/', '_') if d else 'feed-site'


feeds = set()
for root, dirs, files in os.walk(site):
    if 'feed.xml' in files:
        feeds.add(os.path.relpath(os.path.join(root, 'feed.xml'), site).replace(os.sep, '/'))
if not feeds:
    bad.append('no feed.xml in the site')


class Page(HTMLParser):
    """The ids, the follow page's entries, links and alternates of a page."""

    def __init__(self):
        super().__init__()
        self.ids, self.hrefs, self.alternates = set(), [], []
        self.entries = {}       # entry id -> {'count', 'address', 'label'}
        self.labels = {}        # for -> text
        self.entry = None
        self.incount = self.inlabel = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get('class') or '').split()
        if 'id' in a:
            self.ids.add(a['id'])
        if tag == 'a' and 'href' in a:
            self.hrefs.append(a['href'])
        if tag == 'link' and a.get('rel') == 'alternate' and \
                a.get('type') == 'application/rss+xml':
            self.alternates.append(a.get('href'))
        if tag == 'li' and 'lcspr-feed-list__item' in cls:
            self.entry = a.get('id')
            self.entries[self.entry] = {'count': '', 'address': None}
        if tag == 'p' and 'lcspr-feed-list__count' in cls and self.entry:
            self.incount = self.entry
        if tag == 'label' and 'for' in a:
            self.inlabel = a['for']
            self.labels[self.inlabel] = ''
        if tag == 'input' and 'lcspr-feed-list__address' in cls and self.entry:
            e = self.entries[self.entry]
            e['address'] = a.get('value')
            e['input'] = a.get('id')
            e['readonly'] = 'readonly' in a

    def handle_endtag(self, tag):
        if tag == 'p':
            self.incount = None
        if tag == 'label':
            self.inlabel = None
        if tag == 'li':
            self.entry = None

    def handle_data(self, data):
        if self.incount:
            self.entries[self.incount]['count'] += data
        if self.inlabel:
            self.labels[self.inlabel] += data


def parse(path):
    p = Page()
    with open(path, encoding='utf-8') as f:
        p.feed(f.read())
    return p


def review_item(it):
    """Is a feed's item a review (its link a review's page)?"""
    return (it.findtext('link') or '').startswith(base + 'reviews/')


def items(rel):
    """The <item>s of a feed, and its channel."""
    ch = ET.parse(os.path.join(site, rel)).getroot().find('channel')
    return ch, ch.findall('item')


# The follow page.
fpath = os.path.join(site, 'follow', 'index.html')
if not os.path.exists(fpath):
    bad.append('follow/index.html: missing')
    fp = Page()
else:
    fp = parse(fpath)
want = {follow_id(r): r for r in sorted(feeds)}
for i, rel in want.items():
    e = fp.entries.get(i)
    if e is None:
        bad.append(f'follow page: no entry for {rel} (id "{i}")')
        continue
    if e['address'] != base + rel:
        bad.append(f'follow page: {i}: address {e["address"]!r}, not {base + rel!r}')
    if not e.get('readonly'):
        bad.append(f'follow page: {i}: the address field is not readonly')
    if not fp.labels.get(e.get('input'), '').startswith('Feed address'):
        bad.append(f'follow page: {i}: the address field has no label "Feed address"')
    m = re.fullmatch(r'\s*(\d+) reviews?\s*', e['count'])
    if not m:
        bad.append(f'follow page: {i}: no count of reviews ({e["count"]!r})')
        continue
    n = int(m.group(1))
    _, its = items(rel)
    # A feed of reviews (not, say, one of monthly updates) has an item
    # for each of its newest reviews.
    if all(review_item(it) for it in its) and len(its) != min(n, feedlen):
        bad.append(f'follow page: {i}: says {n} reviews, the feed has {len(its)} items (feed_length {feedlen})')
for i in fp.entries:
    if i not in want:
        bad.append(f'follow page: entry "{i}" is not a feed the site wrote')

# feeds.opml
opath = os.path.join(site, 'feeds.opml')
try:
    opml = ET.parse(opath).getroot()
except (OSError, ET.ParseError) as e:
    bad.append(f'feeds.opml: {e}')
    opml = ET.Element('opml')
if opml.get('version') != '2.0':
    bad.append(f'feeds.opml: version {opml.get("version")!r}, not "2.0"')
if opml.find('head/title') is None or not opml.find('head/title').text:
    bad.append('feeds.opml: no head/title')
seen = []
for o in opml.iter('outline'):
    for k in ('text', 'title', 'xmlUrl', 'htmlUrl'):
        if not o.get(k):
            bad.append(f'feeds.opml: an outline has no {k}: {o.attrib}')
    if o.get('type') != 'rss':
        bad.append(f'feeds.opml: outline type {o.get("type")!r}, not "rss"')
    x = o.get('xmlUrl') or ''
    if not x.startswith(base) or x[len(base):] not in feeds:
        bad.append(f'feeds.opml: xmlUrl {x!r} is not a feed of the site')
    seen.append(x[len(base):])
    h = o.get('htmlUrl') or ''
    if not h.startswith(base) or not os.path.exists(os.path.join(site, h[len(base):], 'index.html')):
        bad.append(f'feeds.opml: htmlUrl {h!r} is not a page of the site')
if sorted(seen) != sorted(feeds):
    bad.append(f'feeds.opml: lists {len(seen)} feeds ({len(set(seen))} different), the site has {len(feeds)}')

# Every feed: ttl, and what mail tools read in each item.
for rel in sorted(feeds):
    ch, its = items(rel)
    t = ch.findtext('ttl')
    if t != ttl:
        bad.append(f'{rel}: ttl {t!r}, not {ttl!r}')
    for it in its:
        name = it.findtext('link')
        if not it.findtext('pubDate'):
            bad.append(f'{rel}: {name}: no pubDate')
        if not it.findtext('description'):
            bad.append(f'{rel}: {name}: no description')
        if review_item(it) and not it.findall('category'):
            bad.append(f'{rel}: {name}: no category')

# Links of every page: none at a feed's XML; entries that are there;
# the alternates at feeds.
follow_url = base + 'follow/'
for root, dirs, files in os.walk(site):
    for fn in files:
        if not fn.endswith('.html'):
            continue
        path = os.path.join(root, fn)
        rel = os.path.relpath(path, site).replace(os.sep, '/')
        url = base + (rel[:-len('index.html')] if fn == 'index.html' else rel)
        p = parse(path)
        for h in p.hrefs:
            u = urljoin(url, h)
            if u.endswith('.xml'):
                bad.append(f'{rel}: a link to a feed\'s XML, not the follow page: {h}')
            if u.startswith(follow_url + '#'):
                frag = urlsplit(u).fragment
                if frag.startswith('feed-') and frag not in fp.entries:
                    bad.append(f'{rel}: a link to a missing entry of the follow page: {h}')
        for h in p.alternates:
            u = urljoin(url, h)
            if not u.startswith(base) or u[len(base):] not in feeds:
                bad.append(f'{rel}: <link rel="alternate"> to {h}, not a feed of the site')

for b in bad:
    print(b)
print(f'{len(feeds)} feeds, {len(fp.entries)} entries on the follow page, {len(seen)} in feeds.opml')
sys.exit(1 if bad else 0)
