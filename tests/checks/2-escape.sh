# Sourced by tests/run.  Hostile values in every field of
# tests/build/hostile come out escaped, in pages and in feeds.
h=$OUT/build/hostile-lcspr/site
if [ ! -d "$h" ]; then
	fail "escape: hostile site was not built"
else
	if out=$(grep -rIl -i --include='*.html' '<script\|<iframe\|<img src=x\|<div onclick' "$h"); then
		fail "escape: markup from content reached a page" "$out"
	else
		pass "escape: no markup from content in any page"
	fi
	if out=$(grep -rIo -i '\(href\|src\)="[^"]*\(javascript\|data\):[^"]*"' "$h"); then
		fail "escape: javascript: or data: link in a page" "$out"
	else
		pass "escape: no javascript: or data: links"
	fi
	if grep -q '<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; "quotes"' "$h/reviews/child-a/index.html" 2>/dev/null ||
	   grep -q '&lt;script&gt;alert(1)&lt;/script&gt; &amp; "quotes"' "$h/reviews/child-a/index.html"; then
		pass "escape: hostile title shown as text"
	else
		fail "escape: hostile title not found as escaped text"
	fi
	# In a feed, a summary's "<" must reach the reader as "&lt;": so the
	# XML holds "&amp;lt;" and never a bare "<b>".
	if grep -q 'A summary with &amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt; &amp;amp; a &amp;lt; sign' "$h/feed.xml" &&
	   ! grep -q '<b>' "$h/feed.xml"; then
		pass "escape: feed summary is HTML-escaped text"
	else
		fail "escape: feed summary not escaped as HTML text" "$(grep -o '<description>[^<]*' "$h/feed.xml")"
	fi
	if grep -q '<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; "quotes"' "$h/feed.xml"; then
		pass "escape: feed title escaped"
	else
		fail "escape: feed title not escaped"
	fi
fi
# allow_raw_html: true keeps raw HTML; the default (the hostile site) drops it.
r=$OUT/build/rawhtml-lcspr/site/reviews/child-a/index.html
if grep -q '<caption>Contacts with agencies</caption>' "$r" && grep -q '<abbr title=' "$r"; then
	pass "escape: allow_raw_html keeps raw HTML"
else
	fail "escape: allow_raw_html keeps raw HTML"
fi
