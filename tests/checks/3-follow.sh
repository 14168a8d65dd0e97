# Sourced by tests/run, after the golden sites and the sample are built.
# The follow page and feeds.opml list exactly the feeds each site wrote
# (tests/tools/followcheck.py: addresses, entries, counts, OPML outlines,
# every feed's ttl and items, no link to a feed's XML), for
# tests/build/facets (themes, regions, themes in a region; feed_ttl: 60),
# tests/build/subpath (base_url with a path; feed_length 2) and the
# sample (the default ttl, 1440 minutes).
# followsite NAME SITE BASE_URL TTL FEED_LENGTH
followsite() {
	local out
	if [ ! -f "$2/feeds.opml" ]; then
		fail "follow: $1: feeds.opml was not written"
	elif out=$(xmllint --noout "$2/feeds.opml" 2>&1); then
		pass "follow: $1: feeds.opml well-formed (xmllint)"
	else
		fail "follow: $1: feeds.opml well-formed (xmllint)" "$out"
	fi
	if out=$(python3 tests/tools/followcheck.py "$2" "$3" "$4" "$5" 2>&1); then
		pass "follow: $1: the follow page and feeds.opml list exactly the feeds written ($(tail -n 1 <<<"$out"))"
	else
		fail "follow: $1: the follow page and feeds.opml list exactly the feeds written" "$out"
	fi
}
followsite facets "$OUT/build/facets-lcspr/site" https://example.org/ 60 20
followsite subpath "$OUT/build/subpath-lcspr/site" https://example.org/learning/reviews/ 1440 2
followsite sample "$OUT/sample/lcspr" https://learning.example.org.uk/ 1440 20
# A browser shows an OPML file as text: its links download it.
f=$OUT/build/facets-lcspr/site/follow/index.html
if [ "$(grep -o '<a [^>]*href="../feeds.opml"[^>]*>' "$f" | grep -c 'download="feeds.opml"')" -eq 2 ] &&
   ! grep -o '<a [^>]*href="../feeds.opml"[^>]*>' "$f" | grep -vq download; then
	pass "follow: both links to feeds.opml download it"
else
	fail "follow: both links to feeds.opml download it" "$(grep -o '<a [^>]*feeds.opml[^>]*>' "$f")"
fi
if grep -q '<loc>https://example.org/follow/</loc>' "$OUT/build/facets-lcspr/site/sitemap.xml"; then
	pass "follow: the follow page is in the sitemap"
else
	fail "follow: the follow page is in the sitemap"
fi

# The check itself, on doctored copies of the facets site: a feed
# written but not listed, one listed but not written, a wrong ttl and
# a link straight to a feed's XML are each caught.
# followself WHAT EXPECT: run the check on $d, which must fail with EXPECT.
followself() {
	local out
	if ! out=$(python3 tests/tools/followcheck.py "$d" https://example.org/ 60 20 2>&1) &&
	   grep -qF "$2" <<<"$out"; then
		pass "follow: the check finds $1"
	else
		fail "follow: the check finds $1" "$out"
	fi
}
site=$OUT/build/facets-lcspr/site
d=$OUT/follow-selftest
rm -rf "$d" && cp -r "$site" "$d" && mkdir -p "$d/themes/neglect/years/2024" &&
    cp "$d/themes/neglect/feed.xml" "$d/themes/neglect/years/2024/feed.xml"
followself "a feed the follow page does not list" 'follow page: no entry for themes/neglect/years/2024/feed.xml'
rm -rf "$d" && cp -r "$site" "$d" && rm "$d/regions/london/feed.xml"
followself "an entry for a feed not written" 'follow page: entry "feed-regions_london" is not a feed the site wrote'
rm -rf "$d" && cp -r "$site" "$d" && sed -i 's|<ttl>60</ttl>|<ttl>1440</ttl>|' "$d/themes/neglect/feed.xml"
followself "a feed without the ttl of feed_ttl" "themes/neglect/feed.xml: ttl '1440', not '60'"
rm -rf "$d" && cp -r "$site" "$d" && sed -i 's|href="../../follow/#feed-themes_neglect"|href="feed.xml"|' "$d/themes/neglect/index.html"
followself "a Subscribe link to a feed's XML" "themes/neglect/index.html: a link to a feed's XML, not the follow page: feed.xml"
rm -rf "$d"
