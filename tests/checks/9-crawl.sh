# Sourced by tests/run, after the golden sites and 1-sample.sh.  Every
# review page is reachable by following links from the home page: a
# generated site of 2,000 reviews (scripts/make-corpus 2000) is built
# and crawled from index.html through <a href> links inside the site only
# (tests/tools/crawl.c), which must reach all 2,000 review pages (the
# corpus, build and crawl take about 5 s; the pass line says how long).
# The crawler itself is checked on a site with a review page that
# nothing links to (a withdrawn notice), and under a sub-path.
C=$OUT/crawl
rm -rf "$C"
mkdir -p "$C"
if ! out=$(make -s tests/out/bin/crawl 2>&1); then
	fail "crawl: make tests/out/bin/crawl" "$out"
else
	t=$EPOCHREALTIME
	if ! scripts/make-corpus 2000 "$C/content" >"$C/log" 2>&1; then
		fail "crawl: make-corpus 2000" "$(cat "$C/log")"
	elif ! "$ROOT/lcspr" build -q -C "$C/content" -o "$C/site" >"$C/log" 2>&1; then
		fail "crawl: the 2,000-review site builds" "$(cat "$C/log")"
	else
		want=$(find "$C/content/reviews" -name '*.md' | wc -l)
		got=$("$OUT/bin/crawl" "$C/site" / 2>"$C/summary")
		rc=$?
		secs=$(awk -v a="$t" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
		if [ "$rc" -eq 0 ] && [ "$want" -eq 2000 ] &&
		   printf '%s\n' "$got" | grep -qx "reached $want review pages"; then
			# The time is said, never asserted: the machine may be busy.
			pass "crawl: all $want review pages of a 2,000-review site reached from the home page ($secs s)"
		else
			fail "crawl: all $want review pages of a 2,000-review site reached from the home page" \
			    "$(cat "$C/summary"; printf '%s\n' "$got" | head -20)"
		fi
	fi
	# The crawler finds a page nothing links to: a withdrawn review's
	# notice (tests/build/withdrawn: Child B) is in no list.
	got=$("$OUT/bin/crawl" "$OUT/build/withdrawn-lcspr/site" / 2>&1)
	rc=$?
	if [ "$rc" -eq 1 ] && printf '%s\n' "$got" | grep -qx 'not reached: reviews/child-b/index.html' &&
	   ! printf '%s\n' "$got" | grep -q 'child-a'; then
		pass "crawl: a review page nothing links to is found"
	else
		fail "crawl: a review page nothing links to is found" "$got"
	fi
	# Links under a base_url with a path (tests/build/subpath).
	sub=$OUT/build/subpath-lcspr/site
	base=$(basepath tests/build/subpath/content/site.yaml)
	case "$base" in */) ;; *) base="$base/" ;; esac
	got=$("$OUT/bin/crawl" "$sub" "$base" 2>&1)
	rc=$?
	n=$(find "$sub/reviews" -mindepth 2 -maxdepth 2 -name index.html | wc -l)	# not reviews/index.html
	if [ "$rc" -eq 0 ] && [ "$n" -gt 0 ] && printf '%s\n' "$got" | grep -qx "reached $n review pages"; then
		pass "crawl: every review page of a site under a sub-path"
	else
		fail "crawl: every review page of a site under a sub-path" "$got"
	fi
fi
rm -rf "$C"
