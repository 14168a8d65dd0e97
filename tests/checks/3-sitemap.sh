# Sourced by tests/run, after the golden sites are built.
# The sitemap names every page of a site and nothing else: each
# index.html (the search page, 404.html and a withdrawn review's noindex
# notice aside) has its <loc>, later
# pages of lists (page/N/) included, and each <loc> is a page of the
# site.  On tests/build/pages (lists of many pages), facets and updates
# (a month on several pages).
for c in pages facets updates; do
	site=$OUT/build/$c-lcspr/site
	base=$(sed -n 's/^base_url: *//p' "tests/build/$c/content/site.yaml" | tr -d '"')
	pages=$(cd "$site" && find . -name index.html ! -path './search/*' \
	    -exec grep -L '<meta name="robots" content="noindex">' {} + |
	    sed 's#^\./##; s#index\.html$##' | sort)
	locs=$(grep -o '<loc>[^<]*</loc>' "$site/sitemap.xml" |
	    sed "s#<loc>##; s#</loc>##; s#^$base##" | sort)
	if [ "$pages" = "$locs" ]; then
		pass "sitemap: $c: every page and only pages ($(wc -l <<<"$locs") addresses)"
	else
		fail "sitemap: $c: every page and only pages" "$(diff <(echo "$pages") <(echo "$locs") | head -20)"
	fi
done
