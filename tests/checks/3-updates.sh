# Sourced by tests/run, after the golden sites are built.  The monthly
# updates of tests/build/updates and of the sample, counted again from
# their open data (the "added" column) by tests/tools/updatecheck.py,
# against the sites built: the month pages and their pages (page_length
# reviews each), their reviews by theme, updates/ and its pages, and the
# feed of the months that have ended (at most feed_length reviews an
# item, then "And N more").
month=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m)
site=$OUT/build/updates-lcspr/site
# updatelen KEY SITE.YAML: site.yaml's page_length or feed_length (20).
updatelen() {
	local n
	n=$(sed -n "s/^$1: *\([0-9]*\).*/\1/p" "$2")
	echo "${n:-20}"
}
if ! command -v python3 >/dev/null 2>&1; then
	fail "updates: python3 is not installed (scripts/install-deps installs it)"
else
	for s in "$site" "$OUT/sample/lcspr"; do
		if [ "$s" = "$site" ]; then
			y=tests/build/updates/content/site.yaml
		else
			y=$SAMPLE/content/site.yaml
		fi
		if out=$(python3 tests/tools/updatecheck.py "$s" "$month" "$(updatelen page_length "$y")" "$(updatelen feed_length "$y")" 2>&1); then
			pass "updates: months, counts and feed agree with the open data, ${s#"$OUT"/} ($(tail -n 1 <<<"$out"))"
		else
			fail "updates: months, counts and feed agree with the open data, ${s#"$OUT"/}" "$out"
		fi
	done
	# The check itself: a page for a month with none (July), a month
	# still going on in the feed, a month's last page missing, a review
	# on the wrong page and a feed item over the cap are caught.
	d=$OUT/updates-selftest
	rm -rf "$d" && cp -r "$site" "$d" && cp -r "$d/updates/2026-06" "$d/updates/2026-07"
	if ! out=$(python3 tests/tools/updatecheck.py "$d" "$month" 2 4 2>&1) &&
	   grep -q "updates/: month pages \['2026-06', '2026-07'," <<<"$out" &&
	   ! out=$(python3 tests/tools/updatecheck.py "$site" 2026-10 2 4 2>&1) &&
	   grep -q "updates/feed.xml: months \['2026-10', '2026-09', '2026-08', '2026-06'\], want \['2026-09'" <<<"$out" &&
	   rm -rf "$d" && cp -r "$site" "$d" && rm -r "$d/updates/2026-09/page/3" &&
	   ! out=$(python3 tests/tools/updatecheck.py "$d" "$month" 2 4 2>&1) &&
	   grep -q "updates/2026-09/: 2 pages, want 3" <<<"$out" &&
	   rm -rf "$d" && cp -r "$site" "$d" && cp "$d/updates/2026-09/page/3/index.html" "$d/updates/2026-09/index.html" &&
	   ! out=$(python3 tests/tools/updatecheck.py "$d" "$month" 2 4 2>&1) &&
	   grep -q "updates/2026-09/: its pages list" <<<"$out" &&
	   ! out=$(python3 tests/tools/updatecheck.py "$site" "$month" 2 3 2>&1) &&
	   grep -q "updates/feed.xml: 2026-09: lists 4 reviews, want 3" <<<"$out"; then
		pass "updates: the check finds a page for a month with none, a month not ended in the feed, a month's page missing or wrong, and an item over the cap"
	else
		fail "updates: the check finds a page for a month with none, a month not ended in the feed, a month's page missing or wrong, and an item over the cap" "$out"
	fi
fi
# A site theme made before updates.html and month.html: the built-in
# ones are used, and the pages are the same.
d=$OUT/updates-oldtheme
rm -rf "$d" && mkdir -p "$d" && cp -r themes/default "$d/theme" && rm "$d/theme/updates.html" "$d/theme/month.html"
if out=$(cd tests/build/updates && "$ROOT/lcspr" build -q -C content -t "$d/theme" -o "$d/site" 2>&1) && [ -z "$out" ] &&
   out=$(diff -r tests/build/updates/expected/updates "$d/site/updates" 2>&1); then
	pass "updates: a site theme without updates.html and month.html gets the built-in ones"
else
	fail "updates: a site theme without updates.html and month.html gets the built-in ones" "$out"
fi
