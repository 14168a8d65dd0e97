#!/usr/bin/python3
"""Count a site's monthly updates again from its open data and compare
with the built site.
usage: updatecheck.py SITE YYYY-MM [PAGE_LENGTH [FEED_LENGTH]]

YYYY-MM is the build date's month; PAGE_LENGTH and FEED_LENGTH are
site.yaml's (20 each when not given).  Reads SITE/data/reviews.json (the
published reviews, with their "added" and "themes" columns), groups the
reviews by the month they were added, and checks in SITE: a page
updates/YYYY-MM/ for exactly those months; each month in
ceil(reviews / PAGE_LENGTH) pages (page/N/ after the first, no more),
titled "Reviews added in <month>[ so far][, page N of P]", with the
month's count in each lead, linking to each other when more than one;
page N holding PAGE_LENGTH of the month's reviews (fewer on the last),
each on exactly one page and no page's added later than one on the page
before (newest added first); under each theme's heading exactly the
page's reviews with that theme, the heading counting the month's and
the page's; the pages of updates/ (page/N/ after the first) list the
months newest first with their counts; updates/feed.xml has one item
for each month before YYYY-MM, newest first (at most FEED_LENGTH),
linking to the month's page, its description listing under each theme
the month's newest FEED_LENGTH reviews with it (all of them in a
smaller month), then "And N more" linking to the month's page when
there are more.  Prints what differs; exit 1 if any.
"""
import glob, html, json, os, re, sys
import xml.etree.ElementTree as ET
from collections import defaultdict

site, today = sys.argv[1], sys.argv[2]
page_length = int(sys.argv[3]) if len(sys.argv) > 3 else 20
feed_length = int(sys.argv[4]) if len(sys.argv) > 4 else 20
bad = []
data = json.load(open(os.path.join(site, 'data', 'reviews.json'), encoding='utf-8'))
months = defaultdict(list)
added = {}
for r in data['reviews']:
    months[r['added'][:7]].append(r)
    added[r['slug']] = r['added']
MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
          'August', 'September', 'October', 'November', 'December']


def name(m):
    return f'{MONTHS[int(m[5:]) - 1]} {m[:4]}'


def label(n):
    return f'{n} review' + ('' if n == 1 else 's')


def slugs(text):
    return re.findall(r'<a class="lcspr-link lcspr-month-list__title" href="[./]*reviews/([^/]+)/"', text)


def bytheme(revs):
    want = defaultdict(list)
    for r in revs:
        for t in r['themes']:
            want[t].append(r['slug'])
    return {t: sorted(v) for t, v in want.items()}


# One page a month with reviews added, none for another month.
got = sorted(os.path.basename(d) for d in glob.glob(os.path.join(site, 'updates', '[0-9][0-9][0-9][0-9]-[0-9][0-9]')))
if got != sorted(months):
    bad.append(f'updates/: month pages {got}, want {sorted(months)}')
for m, revs in sorted(months.items()):
    first = os.path.join(site, 'updates', m, 'index.html')
    if not os.path.exists(first):
        continue
    npages = (len(revs) + page_length - 1) // page_length
    got = 1 + len(glob.glob(os.path.join(site, 'updates', m, 'page', '*', 'index.html')))
    if got != npages:
        bad.append(f'updates/{m}/: {got} pages, want {npages}')
    total = bytheme(revs)
    seen, before = [], None
    for n in range(1, npages + 1):
        rel = f'updates/{m}/' + (f'page/{n}/' if n > 1 else '')
        page = os.path.join(site, rel, 'index.html')
        if not os.path.exists(page):
            bad.append(f'{rel}: missing')
            continue
        text = open(page, encoding='utf-8').read()
        title = f'Reviews added in {name(m)}' + ('' if m < today else ' so far') + \
            (f', page {n} of {npages}' if n > 1 else '')
        h1 = re.search(r'<h1 class="lcspr-heading-xl">([^<]*)</h1>', text)
        if h1 is None or html.unescape(h1.group(1)) != title:
            bad.append(f'{rel}: title {h1 and h1.group(1)!r}, want {title!r}')
        lead = re.search(r'<p class="lcspr-lead"><span>([^<]*)</span> added to this site in <span>([^<]*)</span>', text)
        if lead is None or lead.groups() != (label(len(revs)), name(m)):
            bad.append(f'{rel}: lead {lead and lead.groups()}, want {(label(len(revs)), name(m))}')
        # The pages of the month are linked as a list's are: the first,
        # the last, this one and those next to it, a gap of one filled.
        links = set(re.findall(r'href="[./]*(updates/\d{4}-\d{2}/(?:page/\d+/)?)" aria-label="Page \d+"', text))
        want = set()
        if npages > 1:
            ks = {k for k in (1, n - 1, n, n + 1, npages) if 1 <= k <= npages}
            ks |= {k + 1 for k in ks if k + 2 in ks}
            want = {f'updates/{m}/' + (f'page/{k}/' if k > 1 else '') for k in ks}
        if links != want:
            bad.append(f'{rel}: links to pages {sorted(links)}, want {sorted(want)}')
        here = sorted(set(slugs(text)))
        if len(here) != (page_length if n < npages else len(revs) - (npages - 1) * page_length):
            bad.append(f'{rel}: {len(here)} reviews')
        if before is not None and here and before and min(added[s] for s in before) < max(added[s] for s in here):
            bad.append(f'{rel}: a review added after one on the page before')
        before = here
        seen += here
        # Under each theme's heading, the page's reviews with that theme,
        # and the heading's counts: the month's, then the page's.
        themes = {}
        for part in text.split('<h2 class="lcspr-heading-l">')[1:]:
            t = html.unescape(part.split('</h2>', 1)[0])
            themes[t] = sorted(slugs(part))
            c = re.search(r'<span>([^<]*)</span> this month(?:<span>, <span>(\d+)</span> on this page</span>)?\.', part)
            want = (label(len(total.get(t, []))), str(len(themes[t])) if npages > 1 else None)
            if c is None or c.groups() != want:
                bad.append(f'{rel}: {t}: counts {c and c.groups()}, want {want}')
        want = bytheme([r for r in revs if r['slug'] in here])
        if themes != want:
            bad.append(f'{rel}: by theme {themes}, want {want}')
    if sorted(seen) != sorted(r['slug'] for r in revs):
        bad.append(f'updates/{m}/: its pages list {sorted(seen)}, want {sorted(r["slug"] for r in revs)}')
    if os.path.exists(os.path.join(site, 'updates', m, 'page', str(npages + 1))):
        bad.append(f'updates/{m}/: a page {npages + 1}')

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
# its page and to its newest reviews by theme, at most feed_length.
feed = ET.parse(os.path.join(site, 'updates', 'feed.xml')).getroot()
items = feed.findall('./channel/item')
got = [re.sub(r'.*/updates/([^/]+)/$', r'\1', i.findtext('link')) for i in items]
want = [m for m in sorted(months, reverse=True) if m < today][:feed_length]
if got != want:
    bad.append(f'updates/feed.xml: months {got}, want {want}')
capped = 0
for i in items:
    m = re.sub(r'.*/updates/([^/]+)/$', r'\1', i.findtext('link'))
    if i.findtext('guid') != i.findtext('link'):
        bad.append(f'updates/feed.xml: {m}: guid {i.findtext("guid")}, want the link')
    desc = i.findtext('description')
    revs = sorted(months.get(m, []), key=lambda r: r['added'], reverse=True)
    listed = sorted(set(re.findall(r'href="[^"]*/reviews/([^/]+)/"', desc)))
    if len(listed) != min(len(revs), feed_length):
        bad.append(f'updates/feed.xml: {m}: lists {len(listed)} reviews, want {min(len(revs), feed_length)}')
    rest = [r for r in revs if r['slug'] not in listed]
    if listed and rest and min(added[s] for s in listed) < max(r['added'] for r in rest):
        bad.append(f'updates/feed.xml: {m}: not the newest reviews')
    themes = {}
    for part in desc.split('<h2>')[1:]:
        t = html.unescape(part.split('</h2>', 1)[0])
        themes[t] = sorted(re.findall(r'href="[^"]*/reviews/([^/]+)/"', part))
    want = bytheme([r for r in revs if r['slug'] in listed])
    if themes != want:
        bad.append(f'updates/feed.xml: {m}: by theme {themes}, want {want}')
    more = re.search(r'And (\d+) more: see <a href="([^"]*)">', desc)
    want = (str(len(revs) - feed_length), i.findtext('link')) if len(revs) > feed_length else None
    if (more and more.groups()) != want:
        bad.append(f'updates/feed.xml: {m}: "And N more" {more and more.groups()}, want {want}')
    capped += more is not None
for b in bad:
    print(b)
print(f"updates: {len(months)} months, {len(data['reviews'])} reviews, {len(items)} feed items ({capped} capped), {len(bad)} differences")
sys.exit(1 if bad else 0)
