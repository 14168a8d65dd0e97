# Sourced by tests/run, after the golden sites are built.  The facets of
# tests/build/facets, counted again from its reviews by
# tests/tools/facetcheck.py, against the site the golden run built:
# every combination's pages and feed, no page for an empty one, and the
# counts on the theme, region and year pages.
site=$OUT/build/facets-lcspr/site
if ! command -v python3 >/dev/null 2>&1; then
	fail "facets: python3 is not installed (scripts/install-deps installs it)"
elif out=$(python3 tests/tools/facetcheck.py "$site" tests/build/facets/content 2>&1); then
	pass "facets: pages, feeds and counts agree with the reviews ($(tail -n 1 <<<"$out"))"
else
	fail "facets: pages, feeds and counts agree with the reviews" "$out"
fi
# The check itself: a page for an empty combination is caught.
d=$OUT/facets-selftest
rm -rf "$d" && cp -r "$site" "$d" && mkdir -p "$d/themes/neglect/regions/south-west" &&
    cp "$d/themes/neglect/index.html" "$d/themes/neglect/regions/south-west/"
if ! out=$(python3 tests/tools/facetcheck.py "$d" tests/build/facets/content 2>&1) &&
   grep -q 'themes/neglect/regions/south-west/: a page for an empty combination' <<<"$out"; then
	pass "facets: the check finds a page for an empty combination"
else
	fail "facets: the check finds a page for an empty combination" "$out"
fi
