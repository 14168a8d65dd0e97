#!/usr/bin/python3
"""Check 2, feeds: every feed.xml of a site, read by Debian's feedparser
and by ElementTree.

usage: /usr/bin/python3 feeds.py SITE BASEPATH

For each feed: not bozo; RSS 2.0 with a channel title, link and
description and an atom:link rel="self" whose address is this feed's own
(BASEPATH plus the feed's path in the site); lastBuildDate and every
pubDate in RFC 822 form (day name, two-digit day, month name, four-digit
year, time and zone) with the right day of the week; every item with a
title, link, guid and published date; item and channel links inside
BASEPATH point at pages that exist in the site.  Well-formedness is
checked separately with xmllint by the caller.

Prints "feeds: FILE:LINE: problem" for each problem and a closing
"feeds: N feeds, N items, N problems" line.  Exits 0 when clean, 1 on
problems, 2 when it cannot run (no feeds, no feedparser).
"""
import email.utils
import os
import re
import sys
import urllib.parse
import xml.etree.ElementTree as ET

try:
    import feedparser
except ImportError:
    print("feeds: python3-feedparser is not installed (scripts/install-test-deps)")
    sys.exit(2)

ATOM = "{http://www.w3.org/2005/Atom}"
RFC822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) "
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) "
    r"(\d{2}):(\d{2}):(\d{2}) ([+-]\d{4}|GMT|UT)$")
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

problems = 0


def report(where, msg):
    global problems
    problems += 1
    print(f"feeds: {where}: {msg}")


def line_of(path, needle):
    """The first line of the file holding needle, for a file:line."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for n, text in enumerate(f, 1):
                if needle in text:
                    return n
    except OSError:
        pass
    return 1


def check_date(where, text, what):
    if text is None or not text.strip():
        report(where, f"{what} missing")
        return
    m = RFC822.match(text)
    if not m:
        report(where, f"{what} not in RFC 822 form: {text!r}")
        return
    if email.utils.parsedate_tz(text) is None:
        report(where, f"{what} not a valid date: {text!r}")
        return
    try:
        t = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        report(where, f"{what} not a valid date: {text!r}")
        return
    if DAYS[t.weekday()] != m.group(1):
        report(where, f"{what} names the wrong day of the week: {text!r} "
               f"(was a {DAYS[t.weekday()]})")


def site_path(site, base, url):
    """The file in the site that an absolute URL inside base names, or
    None when the URL is outside base (not ours to check)."""
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
    if not path.startswith(base):
        return None
    rel = path[len(base):]
    full = os.path.join(site, rel)
    if os.path.isdir(full):
        full = os.path.join(full, "index.html")
    return full


def check_link(site, base, where, url, what):
    if not url:
        report(where, f"{what} missing")
        return
    u = urllib.parse.urlsplit(url)
    if u.scheme not in ("http", "https") or not u.netloc:
        report(where, f"{what} is not an absolute http(s) address: {url!r}")
        return
    full = site_path(site, base, url)
    if full is None:
        report(where, f"{what} is outside the site's base path {base}: {url}")
    elif not os.path.isfile(full):
        report(where, f"{what} names no page in the site: {url}")


def check_feed(site, base, path):
    rel = os.path.relpath(path, site)
    shown = os.path.relpath(path)
    items = 0
    d = feedparser.parse(path)
    if d.bozo:
        report(f"{shown}:1", f"feedparser: not well-formed or not a feed: "
               f"{d.bozo_exception}")
    if d.get("version") != "rss20":
        report(f"{shown}:1", f"not RSS 2.0 (feedparser says {d.get('version')!r})")
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        report(f"{shown}:1", f"cannot parse: {e}")
        return 0
    if root.tag != "rss" or root.get("version") != "2.0":
        report(f"{shown}:1", 'root element is not <rss version="2.0">')
    chan = root.find("channel")
    if chan is None:
        report(f"{shown}:1", "no <channel>")
        return 0
    cw = f"{shown}:{line_of(path, '<channel')}"
    for tag in ("title", "link", "description"):
        el = chan.find(tag)
        if el is None or not (el.text or "").strip():
            report(cw, f"channel <{tag}> missing or empty")
    if not d.feed.get("title"):
        report(cw, "feedparser finds no channel title")
    if not d.feed.get("link"):
        report(cw, "feedparser finds no channel link")
    if not d.feed.get("subtitle"):
        report(cw, "feedparser finds no channel description")
    link = chan.find("link")
    if link is not None and link.text:
        check_link(site, base, cw, link.text.strip(), "channel <link>")
    selfs = [a for a in chan.findall(ATOM + "link") if a.get("rel") == "self"]
    if not selfs:
        report(cw, 'no <atom:link rel="self">')
    for a in selfs:
        href = a.get("href") or ""
        want = base + rel.replace(os.sep, "/")
        got = urllib.parse.unquote(urllib.parse.urlsplit(href).path)
        if not href.startswith(("http://", "https://")):
            report(cw, f'atom:link rel="self" is not absolute: {href!r}')
        elif got != want:
            report(cw, f'atom:link rel="self" is {href}, not this feed ({want})')
        if a.get("type") != "application/rss+xml":
            report(cw, 'atom:link rel="self" lacks type="application/rss+xml"')
    lbd = chan.find("lastBuildDate")
    if lbd is not None:
        check_date(f"{shown}:{line_of(path, '<lastBuildDate')}", lbd.text,
                   "lastBuildDate")
    pub = chan.find("pubDate")
    if pub is not None:
        check_date(f"{shown}:{line_of(path, '<pubDate')}", pub.text,
                   "channel pubDate")

    raw = chan.findall("item")
    if len(raw) != len(d.entries):
        report(cw, f"{len(raw)} <item> elements but feedparser reads "
               f"{len(d.entries)} entries")
    guids = set()
    for n, (it, e) in enumerate(zip(raw, d.entries), 1):
        items += 1
        title = (it.findtext("title") or "").strip()
        key = title or it.findtext("link") or f"item {n}"
        iw = f"{shown}:{line_of(path, '<title>' + key[:30]) if title else line_of(path, '<item')}"
        name = f"item {n} ({key[:60]})"
        if not e.get("title"):
            report(iw, f"{name}: no title")
        if not e.get("link"):
            report(iw, f"{name}: no link")
        else:
            check_link(site, base, iw, e.get("link"), f"{name}: link")
        if not e.get("id"):
            report(iw, f"{name}: no guid")
        elif e.get("id") in guids:
            report(iw, f"{name}: guid {e.get('id')} used twice")
        guids.add(e.get("id"))
        if it.find("guid") is None:
            report(iw, f"{name}: no <guid> element")
        if not e.get("published_parsed"):
            report(iw, f"{name}: no published date (pubDate)")
        check_date(iw, it.findtext("pubDate"), f"{name}: pubDate")
        if not (e.get("summary") or "").strip():
            report(iw, f"{name}: no description")
    return items


def main():
    if len(sys.argv) != 3:
        print("feeds: usage: feeds.py SITE BASEPATH")
        return 2
    site, base = sys.argv[1], sys.argv[2]
    if not base.endswith("/"):
        base += "/"
    feeds = []
    for dirpath, _, names in os.walk(site):
        feeds += [os.path.join(dirpath, n) for n in names if n == "feed.xml"]
    feeds.sort()
    if not os.path.isfile(os.path.join(site, "feed.xml")):
        report(f"{site}", "the site has no feed.xml")
    if not feeds:
        print(f"feeds: {site}: no feeds to check")
        return 2
    items = 0
    for f in feeds:
        items += check_feed(site, base, f)
    print(f"feeds: {len(feeds)} feeds, {items} items, {problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
