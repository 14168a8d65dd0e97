# Sourced by tests/run.  The open data parses back with Python's json and
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
	if out=$(python3 tests/tools/datacheck.py "$OUT/build/subpath-lcspr/site" \
	    "child-1=url=https://example.org/learning/reviews/reviews/child-1/" 2>&1); then
		pass "data: URLs under the base_url sub-path"
	else
		fail "data: URLs under the base_url sub-path" "$out"
	fi
fi
