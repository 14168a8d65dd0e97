# Sourced by tests/run, after 1-sample.sh (it reads the sample site and
# the golden sites).  The recommendations' open data parses back with
# Python's csv and json modules and the two files agree; the
# recommendations page and the insights page's table by year are worked
# out again from the open data alone; and for the fixture
# tests/build/recommendations the figures worked out by hand (the build
# day is 2026-11-18): 6 recommendations from 2 of 3 reviews; accepted 2
# (B1, B3), not accepted 1 (A3, never due), in progress 1 (A2, due
# 2025-03-31: the one past due), completed 2 (A1, B2); Neglect 6 (A's 3
# and B's 3, 2 completed), Domestic abuse 3 (A's, 1 completed);
# "Children's social care" 2 (A1 and B1's "children's social care", 1
# completed), Police 2 (A1, B2, both completed), Education 1, Health
# visiting 1, no agency named 1 (B3); by year 2023: 1 of 3 completed
# and 1 of 3 with evidence (A1), 2024: 1 of 3 and 0 of 3, 2025: none.
if ! command -v python3 >/dev/null 2>&1; then
	fail "recs: python3 is not installed (scripts/install-deps installs it)"
else
	g=$OUT/build/recommendations-lcspr/site
	cap="Recommendations completed and with evidence of impact, by year of the review"
	if out=$(python3 tests/tools/reccheck.py "$g" 2026-11-18 \
	    "Recommendations by status|Accepted|2 (33%)" \
	    "Recommendations by status|Not accepted|1 (17%)" \
	    "Recommendations by status|In progress|1 (17%)" \
	    "Recommendations by status|Completed|2 (33%)" \
	    "Recommendations past their due date and not completed|Child A: a fictional review|2|Health visitors should see every baby at home at least once before eight weeks.|Health visiting|In progress|31 March 2025" \
	    "Recommendations by learning theme|Neglect|6|2 (33%)" \
	    "Recommendations by learning theme|Domestic abuse|3|1 (33%)" \
	    "Recommendations by agency|Children's social care|2|1 (50%)" \
	    "Recommendations by agency|Police|2|2 (100%)" \
	    "Recommendations by agency|Education|1|0 (0%)" \
	    "Recommendations by agency|Health visiting|1|0 (0%)" \
	    "Recommendations by agency|No agency named|1|-" \
	    "$cap|2023|3|33% (1 of 3)|33% (1 of 3)" \
	    "$cap|2024|3|33% (1 of 3)|0% (0 of 3)" \
	    "$cap|2025|0|-|-" \
	    "1 recommendation past the date it was due by, on 18 November 2026" \
	    "2 of the 3 published reviews list recommendations in their front matter: 6 recommendations, of which 2 (33%) are completed and 1 (17%) has evidence" 2>&1) &&
	   [ "$(grep -c 'past_due": true' "$g/data/recommendations.json")" -eq 1 ]; then
		pass "recs: fixture figures worked out by hand, and worked out again from the open data"
	else
		fail "recs: fixture figures worked out by hand, and worked out again from the open data" "$out"
	fi
	# The hand-written parts: a value a spreadsheet would run starts
	# with ' in the CSV only; evidence is Markdown source in the data
	# and HTML on the review page; the page and link are in the sitemap,
	# the footer and the insights page.
	if grep -q "\"'=SUM(1+1) is text" "$g/data/recommendations.csv" &&
	   grep -q '"text": "=SUM(1+1) is text' "$g/data/recommendations.json" &&
	   grep -q '"evidence": "An audit of 40 cases in \*March 2025\*' "$g/data/recommendations.json" &&
	   grep -q '<em>March 2025</em>' "$g/reviews/child-a/index.html" &&
	   grep -q 'recommendations/</loc>' "$g/sitemap.xml" &&
	   grep -q 'href="recommendations/">Recommendations and their progress' "$g/index.html" &&
	   grep -q 'href="../recommendations/">recommendations and their progress' "$g/insights/index.html"; then
		pass "recs: formula guard, evidence as Markdown and as HTML, links to the page"
	else
		fail "recs: formula guard, evidence as Markdown and as HTML, links to the page"
	fi
	# A site whose reviews list none has no page, no data and no link.
	g=$OUT/build/insights-lcspr/site
	if [ ! -e "$g/recommendations" ] && [ ! -e "$g/data/recommendations.csv" ] &&
	   ! grep -q 'recommendations' "$g/index.html" "$g/sitemap.xml" "$g/insights/index.html"; then
		pass "recs: no recommendations, no page, data or link"
	else
		fail "recs: no recommendations, no page, data or link"
	fi
	if out=$(python3 tests/tools/reccheck.py "$OUT/sample/lcspr" 2026-11-18 2>&1); then
		pass "recs: sample figures worked out again from the open data"
	else
		fail "recs: sample figures worked out again from the open data" "$out"
	fi
	# The checker itself must catch a wrong count and a missing row.
	bad=$OUT/reccheck-bad
	rm -rf "$bad" && mkdir -p "$bad/recommendations" "$bad/insights"
	g=$OUT/build/recommendations-lcspr/site
	cp -R "$g/data" "$bad/"
	cp "$g/insights/index.html" "$bad/insights/"
	sed -e 's|<td>2 (100%)</td>|<td>1 (50%)</td>|' -e 's|<td>Health visiting</td>|<td>Health</td>|' \
	    "$g/recommendations/index.html" >"$bad/recommendations/index.html"
	out=$(python3 tests/tools/reccheck.py "$bad" 2026-11-18 2>&1)
	if [ $? -ne 0 ] && grep -q "table 'Recommendations by agency'" <<<"$out" &&
	   grep -q "table 'Recommendations past their due date and not completed'" <<<"$out"; then
		pass "recs: the checker catches a wrong count and a wrong row"
	else
		fail "recs: the checker catches a wrong count and a wrong row" "$out"
	fi
	rm -rf "$bad"
fi
