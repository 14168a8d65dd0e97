# Sourced by tests/run.  A rebuild lists what the old site had and the
# new one has not (an upload on top of the old site would leave it on
# the web host): a page as its folder, another file by its path, in
# name order, the first 20 and "and N more"; nothing on a first build,
# with -q, or when a build fails.
G=$OUT/gone
T=$ROOT/themes/default
tail='remove them from your web host, or upload the whole folder in place of the old one'
rm -rf "$G"
mkdir -p "$G"
# gone_build DIR BIN: builds DIR/content into DIR/site; stdout in DIR/out.
gone_build() {
	(cd "$1" && "$2" build -t "$T" >out 2>err)
}
# Two reviews of the tests' sample taken out, with each program.
for bin in $BINS; do
	b=$(basename "$bin")
	d=$G/sample-$b
	mkdir -p "$d"
	cp -R "$SAMPLE/content" "$d/content"
	gone_build "$d" "$bin"
	first=$(grep -c 'no longer on the site' "$d/out")
	rm "$d/content/reviews/2023/child-h-exploitation-and-school-exclusion.md" \
	    "$d/content/reviews/2023/child-k-disabled-child-in-residential-care.md"
	# With them go the themes in a region or year that only they had,
	# and the months of the monthly updates.
	want="lcspr: 13 pages are no longer on the site: reviews/child-h-exploitation-and-school-exclusion/, reviews/child-k-disabled-child-in-residential-care/, themes/criminal-exploitation/regions/london/, themes/criminal-exploitation/years/2023/, themes/disabled-children-residential/regions/south-west/, themes/disabled-children-residential/years/2023/, themes/ethnicity-culture-identity/years/2023/, themes/information-sharing/regions/south-west/, themes/information-sharing/years/2023/, themes/risk-assessment-and-decision-making/regions/london/, themes/risk-assessment-and-decision-making/years/2023/, updates/2023-01/, updates/2023-07/ — $tail"
	if gone_build "$d" "$bin" && [ "$first" = 0 ] && [ "$(tail -n 1 "$d/out")" = "$want" ] &&
	   [ ! -s "$d/err" ] && [ ! -e "$d/site/reviews/child-h-exploitation-and-school-exclusion" ]; then
		pass "gone: a rebuild lists the reviews taken out ($b)"
	else
		fail "gone: a rebuild lists the reviews taken out ($b)" "first build: $first; $(cat "$d/out" "$d/err")"
	fi
done
# Unchanged content: nothing to say, with each program (the sanitizers
# once stopped a rebuild that had nothing to list); with -q nothing
# either.
for bin in $BINS; do
	d=$G/sample-$(basename "$bin")
	if gone_build "$d" "$bin" && ! grep -q 'no longer' "$d/out" && [ ! -s "$d/err" ]; then
		pass "gone: nothing listed when nothing went ($(basename "$bin"))"
	else
		fail "gone: nothing listed when nothing went ($(basename "$bin"))" "$(cat "$d/out" "$d/err")"
	fi
done
d=$G/sample-lcspr
rm "$d/content/reviews/2024/child-n-online-sexual-abuse.md"
if out=$(cd "$d" && "$ROOT/lcspr" build -q -t "$T" 2>&1) && [ -z "$out" ] && [ ! -e "$d/site/reviews/child-n-online-sexual-abuse" ]; then
	pass "gone: -q says nothing"
else
	fail "gone: -q says nothing" "$out"
fi
# A failed build lists nothing and keeps the old site.
printf -- '---\ntitle: broken\n' >"$d/content/reviews/child-broken.md"
echo stale >"$d/site/stale.html"
if ! gone_build "$d" "$ROOT/lcspr" && ! grep -q 'no longer' "$d/out" "$d/err" && [ -f "$d/site/stale.html" ]; then
	pass "gone: a failed build lists nothing"
else
	fail "gone: a failed build lists nothing" "$(cat "$d/out" "$d/err")"
fi
# A page and a file: a review and the attachment only it linked.
d=$G/attach
mkdir -p "$d/content/reviews" "$d/content/files"
cp tests/errors/site.yaml "$d/content/site.yaml"
cp tests/build/attachments/content/files/child-a-report.pdf tests/build/attachments/content/files/figures.csv "$d/content/files/"
printf -- '---\ntitle: "Child A: a review"\npublished: 2024-03-12\nregion: London\nthemes: [Neglect]\nethnicity_recorded: true\n---\nRead [the report](../files/child-a-report.pdf).\n' >"$d/content/reviews/child-a.md"
printf -- '---\ntitle: "Child B: a review"\npublished: 2024-03-12\nregion: London\nthemes: [Neglect]\nethnicity_recorded: true\n---\nSee [the figures](../files/figures.csv).\n' >"$d/content/reviews/child-b.md"
gone_build "$d" "$ROOT/lcspr"
rm "$d/content/reviews/child-a.md" "$d/content/files/child-a-report.pdf"
echo old >"$d/site/notes.txt"
want="lcspr: 1 page and 2 files are no longer on the site: files/child-a-report.pdf, notes.txt, reviews/child-a/ — $tail"
if gone_build "$d" "$ROOT/lcspr" && [ "$(tail -n 1 "$d/out")" = "$want" ]; then
	pass "gone: a page and files"
else
	fail "gone: a page and files" "$(cat "$d/out" "$d/err")"
fi
# One: "is", "it".
rm "$d/content/reviews/child-b.md" "$d/content/files/figures.csv"
printf -- '---\ntitle: "Child C: a review"\npublished: 2024-03-12\nregion: London\nthemes: [Neglect]\nethnicity_recorded: true\n---\nText.\n' >"$d/content/reviews/child-c.md"
gone_build "$d" "$ROOT/lcspr"
rm "$d/content/reviews/child-c.md"
printf -- '---\ntitle: "Child D: a review"\npublished: 2024-03-12\nregion: London\nthemes: [Neglect]\nethnicity_recorded: true\n---\nText.\n' >"$d/content/reviews/child-d.md"
want="lcspr: 1 page is no longer on the site: reviews/child-c/ — remove it from your web host, or upload the whole folder in place of the old one"
if gone_build "$d" "$ROOT/lcspr" && [ "$(tail -n 1 "$d/out")" = "$want" ]; then
	pass "gone: one page"
else
	fail "gone: one page" "$(cat "$d/out" "$d/err")"
fi
# Many: the first 20 in name order, then how many more.
d=$G/many
mkdir -p "$d/content/reviews"
cp tests/errors/site.yaml "$d/content/site.yaml"
echo 'page_length: 100' >>"$d/content/site.yaml"	# one page per list
for i in $(seq 1 25); do
	printf -- '---\ntitle: "Child %s: a review"\npublished: 2024-03-12\nregion: London\nthemes: [Neglect]\nethnicity_recorded: true\n---\nText.\n' "$i" >"$d/content/reviews/child-$i.md"
done
gone_build "$d" "$ROOT/lcspr"
names=$(for i in $(seq 1 25); do
	case $i in 3|4) continue ;; esac
	rm "$d/content/reviews/child-$i.md"
	echo "reviews/child-$i/"
done | LC_ALL=C sort | head -n 20 | paste -sd, - | sed 's/,/, /g')
want="lcspr: 23 pages are no longer on the site: $names and 3 more — $tail"
if gone_build "$d" "$ROOT/lcspr" && [ "$(tail -n 1 "$d/out")" = "$want" ]; then
	pass "gone: a long list is cut after 20 names"
else
	fail "gone: a long list is cut after 20 names" "want: $want
got:  $(tail -n 1 "$d/out")"
fi
