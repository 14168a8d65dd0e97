# Sourced by tests/run.  Issue 10, part G: the feed channel's
# description is HTML like an item's; the site theme's assets/ copies
# only regular files and folders; SIGINT, SIGTERM and SIGHUP during the
# write stage remove the staging folder and leave the old site.

# A feed reader reads the channel description as HTML: the hostile
# site's "<b>tags</b> & an ampersand" must show as text, not markup.
h=$OUT/build/hostile-lcspr/site/feed.xml
if out=$(/usr/bin/python3 - "$h" 2>&1 <<'PY'
import html, sys
import feedparser
f = feedparser.parse(sys.argv[1])
d = f.feed.subtitle_detail
want = 'Description with <b>tags</b> & an ampersand Note <img src=x onerror=alert(1)> & "quoted"'
if d.type != "text/html" or "<" in d.value or html.unescape(d.value) != want:
    sys.exit("channel description read as %s: %r" % (d.type, d.value))
PY
); then
	pass "feed: the channel description is shown as text"
else
	fail "feed: the channel description is shown as text" "$out"
fi
