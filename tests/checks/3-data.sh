# Sourced by tests/run, after 1-sample.sh (it reads the sample site).  The open data parses back with Python's json and
# csv modules, the two files agree, and hostile values survive intact.
if ! command -v python3 >/dev/null 2>&1; then
	fail "data: python3 is not installed (scripts/install-deps installs it)"
else
	if out=$(python3 tests/tools/datacheck.py "$OUT/sample/lcspr" 2>&1); then
		pass "data: sample JSON and CSV parse and agree"
	else
		fail "data: sample JSON and CSV parse and agree" "$out"
	fi
	if out=$(python3 tests/tools/datacheck.py "$OUT/build/hostile-lcspr/site" \
	    "child-a=title=<script>alert(1)</script> & \"quotes\" 'single'" \
	    "child-a=themes=Neglect <script>alert(2)</script>; Domestic abuse & \"coercion\"" \
	    "child-a=ethnicity_recorded=False" "child-b=report_url=None" \
	    "child-a=summary=A summary with <b>bold</b> & a < sign and ]]> too" 2>&1); then
		pass "data: hostile values round-trip through JSON and CSV"
	else
		fail "data: hostile values round-trip through JSON and CSV" "$out"
	fi
	# CSV injection: values a spreadsheet would run as formulas.
	csv=$OUT/build/hostile-lcspr/site/data/reviews.csv
	if grep -q "\"'=HYPERLINK(\"\"https://evil" "$csv" && grep -q "\"'@SUM(1+1)\"" "$csv" &&
	   grep -q "\"'-2+3+cmd|' /C calc'!A0\"" "$csv" &&
	   out=$(python3 tests/tools/datacheck.py "$OUT/build/hostile-lcspr/site" "child-c=local_area=@SUM(1+1)" 2>&1); then
		pass "data: formula-like values start with ' in the CSV only"
	else
		fail "data: formula-like values start with ' in the CSV only" "$(grep child-c "$csv") $out"
	fi
	# No fixed-size buffers: a 4,100-character base_url and themes of
	# 1,500 accented letters reach both files whole.
	d=$OUT/data-long
	rm -rf "$d" && mkdir -p "$d/content/reviews"
	long=$(head -c 4100 /dev/zero | tr '\0' p)
	acc=$(printf '\303\251%.0s' $(seq 1 1500))
	sed -e "s#^base_url: .*#base_url: https://example.org/$long/#" \
	    -e "s#^themes:\$#themes:\n  - name: \"One $acc\"\n    slug: t-one\n  - name: \"Two $acc\"\n    slug: t-two#" \
	    tests/errors/site.yaml >"$d/content/site.yaml"
	printf -- '---\ntitle: "Child A: long values"\npublished: 2024-03-12\nregion: London\nthemes: [t-one, t-two]\nethnicity_recorded: true\n---\nChild A was known to services.\n' >"$d/content/reviews/child-a.md"
	if "$ROOT/lcspr" build -q -C "$d/content" -t "$ROOT/themes/default" -o "$d/site" >"$d/log" 2>&1 &&
	   out=$(python3 tests/tools/datacheck.py "$d/site" "child-a=url=https://example.org/$long/reviews/child-a/" \
	    "child-a=themes=One $acc; Two $acc" 2>&1); then
		pass "data: long values are not cut short"
	else
		fail "data: long values are not cut short" "$(cat "$d/log") $out"
	fi
	if out=$(python3 tests/tools/datacheck.py "$OUT/build/subpath-lcspr/site" \
	    "child-1=url=https://example.org/learning/reviews/reviews/child-1/" 2>&1); then
		pass "data: URLs under the base_url sub-path"
	else
		fail "data: URLs under the base_url sub-path" "$out"
	fi
fi
# The insights: every table worked out again from the data, and for the
# fixture tests/build/insights the figures worked out by hand (A: 365
# days notified to published, 183 commissioned to completed, within six
# months; B: 366 and 184, not within (limit 2023-10-01); D: 395 and 181,
# within (limit 2023-02-28, the end of February); C gives no dates).
if command -v python3 >/dev/null 2>&1; then
	if out=$(python3 tests/tools/insightcheck.py "$OUT/sample/lcspr" 2>&1); then
		pass "insights: sample figures agree with an independent count"
	else
		fail "insights: sample figures agree with an independent count" "$out"
	fi
	if out=$(python3 tests/tools/insightcheck.py "$OUT/build/insights-lcspr/site" \
	    "2 of 4 reviews (50%) record the child's ethnicity" \
	    "Of the 3 reviews that give both dates, 2 (67%) were; the median time from commissioning to completion was 183 days" \
	    "from the serious incident notification to publication was 366 days, over 3 reviews" \
	    "London 365.5 days (2) 183.5 days (2) 50% (1 of 2)" \
	    "North East 395 days (1) 181 days (1) 100% (1 of 1)" 2>&1); then
		pass "insights: fixture figures worked out by hand"
	else
		fail "insights: fixture figures worked out by hand" "$out"
	fi
	# The fixture's South West and Bullying have no review: no bar, no
	# row in the themes; North East rests on one review.  The checker
	# itself must catch a wrong plural, a bar for zero and a theme with
	# no review.
	f=$OUT/build/insights-lcspr/site/insights/index.html
	if grep -q '395 days (1 review)<' "$f" && ! grep -q 'Bullying' "$f" &&
	   grep -q '>South West<' "$f"; then
		pass "insights: one review, a region and a theme with none"
	else
		fail "insights: one review, a region and a theme with none"
	fi
	bad=$OUT/insightcheck-bad
	rm -rf "$bad"
	mkdir -p "$bad/insights"
	cp -R "$OUT/build/insights-lcspr/site/data" "$bad/"
	sed -e 's/(1 review)</(1 reviews)</' \
	    -e 's|<g><text \([^>]*\)>Neglect</text>|<g><text \1>Bullying</text><text \1>0</text></g>&|' \
	    -e 's|<text x="\([0-9.]*\)" y="\([0-9]*\)" class="lcspr-chart__value">no reviews</text>|<rect x="0" y="0" width="0" height="18" class="lcspr-chart__bar"/>&|' \
	    "$f" >"$bad/insights/index.html"
	out=$(python3 tests/tools/insightcheck.py "$bad" 2>&1)
	if [ $? -ne 0 ] && grep -q "wrong plural: '1 reviews'" <<<"$out" &&
	   grep -q "themes chart: 'Bullying' has no review but is in the chart" <<<"$out" &&
	   grep -q "chart eth-region-title: a bar for 'South West', whose value is 'no reviews'" <<<"$out"; then
		pass "insights: the checker catches a wrong plural, a bar for zero and a theme with no review"
	else
		fail "insights: the checker catches a wrong plural, a bar for zero and a theme with no review" "$out"
	fi
	rm -rf "$bad"
	# Issue 15, worked out by hand.  Rapid reviews: A notified Wednesday
	# 1 June 2022, rapid review 22 June: 15 weekdays less the jubilee's
	# Thursday and Friday = 13; B 1 to 22 March 2023: 15, within (the
	# limit itself); D Monday 1 August 2022 to 31 August: 22 weekdays
	# less the summer bank holiday (29 August) = 21, not within.  So 2
	# of 3 (67%), median 15; London A and B: median 14; 2023 (A, D): 17.
	# Identity: analysed is said by A (true), B and C (false): 1 of 3;
	# faith recorded by A (true) and B (false); faith analysed by A only
	# (false); the child's voice: A quoted, B absent, C reported.
	if out=$(python3 tests/tools/insightcheck.py "$OUT/build/insights-lcspr/site" \
	    "Of the 3 reviews that give both dates, 2 (67%) held the rapid review within 15 working days; the median was 15 working days" \
	    "London 100% (2 of 2) 14 working days (2)" \
	    "North East 0% (0 of 1) 21 working days (1)" \
	    "2023 50% (1 of 2) 17 working days (2)" \
	    "Ethnicity recorded 50% (2 of 4) 4 reviews" \
	    "Ethnicity analysed 33% (1 of 3) 3 reviews that say" \
	    "Faith recorded 50% (1 of 2) 2 reviews that say" \
	    "Faith analysed 0% (0 of 1) 1 review that says" \
	    "Child's voice quoted 33% (1 of 3) 3 reviews that say" \
	    "Family's views given 50% (1 of 2) 2 reviews that say" \
	    "London 2 50% (1 of 2) 50% (1 of 2) 50% (1 of 2) 0% (0 of 1)" \
	    "3 of the 4 reviews say how the report was published" \
	    "Full report 2" "Improvements made, instead of the report 1" "Withheld for now 1" 2>&1); then
		pass "insights: identity, rapid reviews and publication worked out by hand"
	else
		fail "insights: identity, rapid reviews and publication worked out by hand" "$out"
	fi
	# The review pages: how long each stage took (A: 1 July to 31
	# December 2022 is 5 months and 30 days; 31 December to 1 June 2023
	# is 5 months and 1 day, a month from the 31st ending on the 31st
	# of May), and how the report was published.
	a=$OUT/build/insights-lcspr/site/reviews/child-a/index.html
	b=$OUT/build/insights-lcspr/site/reviews/child-b/index.html
	c=$OUT/build/insights-lcspr/site/reviews/child-c/index.html
	if grep -q '>13 working days (within the 15 expected)<' "$a" &&
	   grep -q '>5 months and 30 days<' "$a" && grep -q '>5 months and 1 day<' "$a" &&
	   grep -q "Quoted in the review, in the child's own words" "$a" &&
	   grep -q '>15 working days (within the 15 expected)<' "$b" &&
	   grep -q 'The partnership published the improvements made rather than the full report, because the family asked that the full report is not published\.<' "$b" &&
	   grep -q '>Read the improvements briefing<' "$b" &&
	   grep -q 'The full report is not yet published, because criminal proceedings are not yet over\.<' "$c" &&
	   ! grep -q 'working day' "$c"; then
		pass "insights: a review page says how long each stage took and how it was published"
	else
		fail "insights: a review page says how long each stage took and how it was published"
	fi
	g=$OUT/build/insights-lcspr/site/regions/london/index.html
	if grep -q '2023 to 2024' "$g" && grep -q '50% (1 of 2)' "$g" && grep -q '365.5 days (from 2 reviews)' "$g"; then
		pass "insights: a region's figures at a glance"
	else
		fail "insights: a region's figures at a glance"
	fi
fi
