#!/usr/bin/python3
"""Count a site's facets again from its reviews and compare with the built
site.  usage: facetcheck.py SITE CONTENT

Reads CONTENT/reviews/*.md (front matter written with slugs: region,
themes, published, draft), counts the published reviews of each theme
with each region and each year, and checks in SITE: each combination's
page (over all its pages of results) lists exactly those reviews; a theme
x region page has a feed with them; no page for any other combination;
each theme page lists its regions and years, and each region and year
page its themes, with those counts.  Prints what differs; exit 1 if any.
"""
import glob, os, re, sys
from collections import Counter, defaultdict

site, content = sys.argv[1], sys.argv[2]
bad = []
pairs = {'regions': defaultdict(set), 'years': defaultdict(set)}
for path in sorted(glob.glob(os.path.join(content, 'reviews', '*.md'))):
    front = open(path, encoding='utf-8').read().split('---\n')[1]
    f = dict(l.split(': ', 1) for l in front.splitlines() if ': ' in l)
    if f.get('draft') == 'true':
        continue
    slug = os.path.basename(path)[:-3]
    for t in f['themes'].strip('[]').split(', '):
        pairs['regions'][(t, f['region'])].add(slug)
        pairs['years'][(t, f['published'][:4])].add(slug)

def listed(d):
    """The review slugs listed on every page of the list in folder d."""
    got, page = [], os.path.join(d, 'index.html')
    n = 1
    while os.path.exists(page):
        html = open(page, encoding='utf-8').read()
        got += re.findall(r'<h3 class="lcspr-review-list__title"><a class="lcspr-link" href="[./]*reviews/([^/]+)/"', html)
        n += 1
        page = os.path.join(d, 'page', str(n), 'index.html')
    return got

def counts(html, kind):
    """The facet links of a kind (regions, years) in a page, with counts."""
    return {(m[0], m[1]): int(m[2]) for m in re.findall(
        r'href="[./]*themes/([^/]+)/' + kind + r'/([^/]+)/">[^<]*</a> '
        r'<span class="lcspr-term-links__count">(\d+) reviews?</span>', html)}

for kind, want in pairs.items():
    for (t, o), revs in sorted(want.items()):
        d = os.path.join(site, 'themes', t, kind, o)
        got = listed(d)
        if sorted(got) != sorted(revs) or len(got) != len(set(got)):
            bad.append(f'themes/{t}/{kind}/{o}/: lists {sorted(got)}, want {sorted(revs)}')
        feed = os.path.join(d, 'feed.xml')
        if kind == 'regions':
            items = re.findall(r'<link>[^<]*/reviews/([^/]+)/</link>', open(feed, encoding='utf-8').read()) if os.path.exists(feed) else None
            if items is None or sorted(items) != sorted(revs):
                bad.append(f'themes/{t}/{kind}/{o}/feed.xml: has {items}, want {sorted(revs)}')
        elif os.path.exists(feed):
            bad.append(f'themes/{t}/{kind}/{o}/feed.xml: a year has no feed')
    # No page for a combination without a published review.
    for d in glob.glob(os.path.join(site, 'themes', '*', kind, '*')):
        t, o = d.split(os.sep)[-3], d.split(os.sep)[-1]
        if (t, o) not in want:
            bad.append(f'themes/{t}/{kind}/{o}/: a page for an empty combination')
    # Theme pages list their regions and years; region and year pages
    # their themes; with the counts.
    want_n = {k: len(v) for k, v in want.items()}
    for t in {t for t, _ in want}:
        got = counts(open(os.path.join(site, 'themes', t, 'index.html'), encoding='utf-8').read(), kind)
        exp = {k: n for k, n in want_n.items() if k[0] == t}
        if got != exp:
            bad.append(f'themes/{t}/: {kind} {got}, want {exp}')
    for o in {o for _, o in want}:
        got = counts(open(os.path.join(site, kind, o, 'index.html'), encoding='utf-8').read(), kind)
        exp = {k: n for k, n in want_n.items() if k[1] == o}
        if got != exp:
            bad.append(f'{kind}/{o}/: themes {got}, want {exp}')
for b in bad:
    print(b)
print(f"facets: {sum(len(v) for v in pairs.values())} combinations, {len(bad)} differences")
sys.exit(1 if bad else 0)
