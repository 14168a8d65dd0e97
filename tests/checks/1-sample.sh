# Sourced by tests/run.  The tests' copy of the sample site
# (tests/sample/content, never the team's content/) builds with both
# binaries, is reproducible, links resolve, drafts and embargoes work,
# and the output folder is replaced whole or not at all.
S=$OUT/sample
rm -rf "$S"
mkdir -p "$S"
for bin in $BINS; do
	b=$(basename "$bin")
	if out=$("$bin" build -q -C "$SAMPLE/content" -o "$S/$b" 2>&1) && [ -z "$out" ]; then
		pass "sample site builds ($b)"
	else
		fail "sample site builds ($b)" "$out"
	fi
done
site=$S/lcspr
if out=$(find "$site" -name '*.xml' -print0 | xargs -0 xmllint --noout 2>&1); then
	pass "sample: feeds and sitemap well-formed"
else
	fail "sample: feeds and sitemap well-formed" "$out"
fi
if out=$("$OUT/bin/linkcheck" "$site" / 2>&1); then
	pass "sample: internal links resolve"
else
	fail "sample: internal links resolve" "$out"
fi
if out=$(diff -r "$S/lcspr" "$S/lcspr-asan"); then
	pass "sample: two builds are byte-identical"
else
	fail "sample: two builds are byte-identical" "$out"
fi
n=$(find "$site" -name index.html | wc -l)
m=$(grep -l 'rel="alternate" type="application/rss+xml" href="[^"]*feed.xml"' -r "$site" --include='*.html' | wc -l)
if [ "$n" -gt 20 ] && [ "$m" -eq "$((n + 1))" ]; then
	pass "sample: every page links the feeds ($m pages)"
else
	fail "sample: every page links the feeds" "$m of $((n + 1)) pages"
fi
# The content note comes before the body on every review page.
bad=0
for f in "$site"/reviews/*/index.html; do
	note=$(grep -n 'lcspr-content-note__text' "$f" | head -1 | cut -d: -f1)
	body=$(grep -n 'lcspr-review__body' "$f" | head -1 | cut -d: -f1)
	[ -n "$note" ] && [ -n "$body" ] && [ "$note" -lt "$body" ] || bad=$((bad + 1))
done
[ "$bad" -eq 0 ] && pass "sample: content note above every review body" || fail "sample: content note missing or below the body on $bad pages"
# Drafts and embargoed reviews stay out unless asked for.
draft=reviews/child-y-escalation-and-professional-challenge/index.html
future=reviews/baby-z-pre-birth-assessment-and-care-leavers/index.html
if [ ! -e "$site/$draft" ] && [ ! -e "$site/$future" ] && ! grep -q 'child-y-escalation' "$site/feed.xml" "$site/sitemap.xml"; then
	pass "sample: draft and embargoed reviews left out"
else
	fail "sample: draft or embargoed review published"
fi
"$ROOT/lcspr" build -q --drafts --future -C "$SAMPLE/content" -o "$S/all" >/dev/null 2>&1
if [ -e "$S/all/$draft" ] && [ -e "$S/all/$future" ]; then
	pass "sample: --drafts and --future include them"
else
	fail "sample: --drafts and --future include them"
fi
# A rebuild replaces the old site whole; no staging folder is left.
touch "$S/all/stale.html"
if "$ROOT/lcspr" build -q -C "$SAMPLE/content" -o "$S/all" && [ ! -e "$S/all/stale.html" ] && [ ! -e "$S/all/$draft" ] &&
   [ -z "$(ls -a "$S" | grep '^\.all\.new')" ]; then
	pass "sample: rebuild replaces the old site"
else
	fail "sample: rebuild replaces the old site"
fi
# A folder lcspr did not make is never replaced.
mkdir -p "$S/mine"
echo precious >"$S/mine/notes.txt"
if ! "$ROOT/lcspr" build -q -C "$SAMPLE/content" -o "$S/mine" 2>"$S/mine.err" && [ "$(cat "$S/mine/notes.txt")" = precious ] &&
   grep -q 'was not made by lcspr' "$S/mine.err"; then
	pass "sample: refuses to replace a folder lcspr did not make"
else
	fail "sample: refuses to replace a folder lcspr did not make" "$(cat "$S/mine.err")"
fi
# SOURCE_DATE_EPOCH moves the build date: before 2026-02-16 the newest
# sample review is embargoed.
if SOURCE_DATE_EPOCH=1767225600 "$ROOT/lcspr" build -q -C "$SAMPLE/content" -o "$S/early" 2>/dev/null &&
   [ ! -e "$S/early/reviews/child-w-a-pandemic-baby-not-seen" ] && [ -e "$S/early/reviews/child-u-home-education-and-domestic-abuse" ]; then
	pass "sample: SOURCE_DATE_EPOCH sets the build date"
else
	fail "sample: SOURCE_DATE_EPOCH sets the build date"
fi
if SOURCE_DATE_EPOCH=soon "$ROOT/lcspr" build -q -C "$SAMPLE/content" -o "$S/bad" 2>/dev/null; [ $? -eq 2 ] && [ ! -e "$S/bad" ]; then
	pass "sample: a bad SOURCE_DATE_EPOCH is a usage error"
else
	fail "sample: a bad SOURCE_DATE_EPOCH is a usage error"
fi
# lcspr check: the sample content is clean; a finding stops a build
# unless --no-check, which says so.
if out=$("$ROOT/lcspr" check -C "$SAMPLE/content" 2>&1) && [ "$out" = "lcspr: checked 21 reviews and 2 pages: 0 errors, 0 warnings" ]; then
	pass "check: the sample content is clean"
else
	fail "check: the sample content is clean" "$out"
fi
N=$OUT/nocheck
rm -rf "$N"
mkdir -p "$N"
cp -R tests/errors/check-stops-build/content "$N/content"
cp tests/errors/site.yaml "$N/content/site.yaml"
if (cd "$N" && "$ROOT/lcspr" build --no-check -q -t "$ROOT/themes/default" 2>err) &&
   grep -q -- '--no-check: content is not checked' "$N/err" && [ -f "$N/site/reviews/child-a/index.html" ]; then
	pass "check: --no-check builds and says so"
else
	fail "check: --no-check builds and says so" "$(cat "$N/err")"
fi
s=$OUT/build/subpath-lcspr/site/reviews/child-1/index.html
if grep -q 'href="../../reviews/child-2/#key-learning"' "$s" && grep -q 'href="../../themes/neglect/"' "$s" &&
   grep -q 'href="../../reviews/child-3/"' "$s"; then
	pass "check: links to content files become links to their pages"
else
	fail "check: links to content files become links to their pages"
fi
# The marker that lets a later build replace the folder says what it is.
if [ "$(cat "$site/.lcspr-site")" = "made by lcspr: this folder is replaced whole at each build" ]; then
	pass "sample: the .lcspr-site marker is written whole"
else
	fail "sample: the .lcspr-site marker is written whole" "$(cat "$site/.lcspr-site")"
fi
# An output folder reached through a symbolic link: the folder is
# replaced and the link stays a link.
L=$OUT/linked
rm -rf "$L"
mkdir -p "$L"
"$ROOT/lcspr" build -q -C "$SAMPLE/content" -o "$L/real" && ln -s real "$L/site"
if "$ROOT/lcspr" build -q -C "$SAMPLE/content" -o "$L/site" && [ -L "$L/site" ] && [ -f "$L/real/index.html" ] &&
   [ -z "$(ls -a "$L" | grep '^\.')" -o "$(ls -a "$L" | grep -c '^\.real\.new')" = 0 ]; then
	pass "sample: an output folder behind a symbolic link"
else
	fail "sample: an output folder behind a symbolic link" "$(ls -la "$L")"
fi
# content/ is the publishing team's to replace, so no test reads it:
# the tests build their own copy, tests/sample/content.  While content/
# is still the sample the two are the same; once a team has put its own
# content there, this says nothing.
if diff -r content "$SAMPLE/content" >/dev/null 2>&1; then
	pass "sample: content/ is still the tests' copy of the sample"
fi
out=$(grep -rnE '\$ROOT/content([/" ]|$)|cp -R content|\(content/\)' tests/run tests/lib.sh \
    tests/regen tests/checks tests/validate/all tests/validate/run scripts/bench 2>&1 | grep -v '^tests/checks/1-sample\.sh:'
    sed -n '/^valgrind:/,/^$/p' Makefile | grep -v -e '-C tests/sample/content' | grep -E ' (build|check) ')
if [ -n "$out" ]; then
	fail "sample: a test reads content/ (use \$SAMPLE/content)" "$out"
else
	pass "sample: no test reads content/"
fi
