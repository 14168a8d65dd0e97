#!/usr/bin/python3
"""Count a site's monthly updates again from its open data and compare
with the built site.  usage: updatecheck.py SITE YYYY-MM

YYYY-MM is the build date's month.  Reads SITE/data/reviews.json (the
published reviews, with their "added" and "themes" columns), groups the
reviews by the month they were added, and checks in SITE: a page
updates/YYYY-MM/ for exactly those months; each lists exactly its
month's reviews, with the count in its lead, and under each theme's
heading exactly the month's reviews with that theme; the pages of
updates/ (page/N/ after the first) list the months newest first with
their counts; updates/feed.xml has one item for each month before
YYYY-MM, newest first, linking to the month's page and to exactly its
reviews.  Prints what differs; exit 1 if any.
"""
import glob, html, json, os, re, sys
import xml.etree.ElementTree as ET
from collections import defaultdict

site, today = sys.argv[1], sys.argv[2]
bad = []
data = json.load(open(os.path.join(site, 'data', 'reviews.json'), encoding='utf-8'))
months = defaultdict(list)
for r in data['reviews']:
    months[r['added'][:7]].append(r)
MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
          'August', 'September', 'October', 'November', 'December']


def name(m):
    return f'{MONTHS[int(m[5:]) - 1]} {m[:4]}'


def label(n):
    return f'{n} review' + ('' if n == 1 else 's')


def slugs(text):
    return re.findall(r'<h3 class="lcspr-review-list__title"><a class="lcspr-link" href="[./]*reviews/([^/]+)/"', text)


# One page a month with reviews added, none for another month.
got = sorted(os.path.basename(d) for d in glob.glob(os.path.join(site, 'updates', '[0-9][0-9][0-9][0-9]-[0-9][0-9]')))
if got != sorted(months):
    bad.append(f'updates/: month pages {got}, want {sorted(months)}')
for m, revs in sorted(months.items()):
    page = os.path.join(site, 'updates', m, 'index.html')
    if not os.path.exists(page):
        continue
    text = open(page, encoding='utf-8').read()
    want = sorted(r['slug'] for r in revs)
    if sorted(set(slugs(text))) != want:
        bad.append(f'updates/{m}/: lists {sorted(set(slugs(text)))}, want {want}')
    lead = re.search(r'<p class="lcspr-lead"><span>([^<]*)</span> added to this site in <span>([^<]*)</span>', text)
    if lead is None or lead.groups() != (label(len(revs)), name(m)):
        bad.append(f'updates/{m}/: lead {lead and lead.groups()}, want {(label(len(revs)), name(m))}')
    # Under each theme's heading, the month's reviews with that theme.
    themes = {}
    for part in text.split('<h2 class="lcspr-heading-l">')[1:]:
        t = html.unescape(part.split('</h2>', 1)[0])
        themes[t] = sorted(slugs(part))
    want = defaultdict(list)
    for r in revs:
        for t in r['themes']:
            want[t].append(r['slug'])
    if themes != {t: sorted(v) for t, v in want.items()}:
        bad.append(f'updates/{m}/: by theme {themes}, want {dict(want)}')

# updates/ and its pages: the months newest first, with their counts.
listed, page, n = [], os.path.join(site, 'updates', 'index.html'), 1
while os.path.exists(page):
    listed += re.findall(r'href="[./]*updates/(\d{4}-\d{2})/">([^<]*)</a> <span class="lcspr-term-list__count"><span>([^<]*)</span>',
                         open(page, encoding='utf-8').read())
    n += 1
    page = os.path.join(site, 'updates', 'page', str(n), 'index.html')
want = [(m, name(m), label(len(months[m]))) for m in sorted(months, reverse=True)]
if listed != want:
    bad.append(f'updates/: lists {listed}, want {want}')

# The feed: the months that have ended, newest first, each linking to
# its page and to its reviews.
feed = ET.parse(os.path.join(site, 'updates', 'feed.xml')).getroot()
items = feed.findall('./channel/item')
got = [re.sub(r'.*/updates/([^/]+)/$', r'\1', i.findtext('link')) for i in items]
want = [m for m in sorted(months, reverse=True) if m < today]
if got != want:
    bad.append(f'updates/feed.xml: months {got}, want {want}')
for i in items:
    m = re.sub(r'.*/updates/([^/]+)/$', r'\1', i.findtext('link'))
    if i.findtext('guid') != i.findtext('link'):
        bad.append(f'updates/feed.xml: {m}: guid {i.findtext("guid")}, want the link')
    revs = sorted(set(re.findall(r'href="[^"]*/reviews/([^/]+)/"', i.findtext('description'))))
    if revs != sorted(r['slug'] for r in months.get(m, [])):
        bad.append(f'updates/feed.xml: {m}: links {revs}, want {sorted(r["slug"] for r in months.get(m, []))}')
for b in bad:
    print(b)
print(f"updates: {len(months)} months, {len(data['reviews'])} reviews, {len(items)} feed items, {len(bad)} differences")
sys.exit(1 if bad else 0)
