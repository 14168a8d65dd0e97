# Sourced by tests/run.  Limits on what lcspr reads (issue 10): the
# build time, the size of a content file, and the logo.
D=$OUT/limits
rm -rf "$D"
mkdir -p "$D"
L=$ROOT/lcspr

# SOURCE_DATE_EPOCH: up to the last second of 9999; beyond, or not
# digits, a usage error with the range (it crashed or wrote year
# -2147481749), and no staging folder left behind.
cp -R tests/build/empty/content "$D/content" 2>/dev/null || { mkdir -p "$D/content/reviews"; cp tests/errors/site.yaml "$D/content/site.yaml"; }
if (cd "$D" && SOURCE_DATE_EPOCH=253402300799 "$L" build -q -t "$ROOT/themes/default" -o last) &&
    grep -q '<lastBuildDate>Fri, 31 Dec 9999 23:59:59 +0000</lastBuildDate>' "$D/last/feed.xml"; then
	pass "limits: SOURCE_DATE_EPOCH up to 9999-12-31 23:59:59"
else
	fail "limits: SOURCE_DATE_EPOCH up to 9999-12-31 23:59:59"
fi
want='lcspr: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, from 0 to 253402300799 (9999-12-31 23:59:59 UTC)'
for v in 253402300800 67768036191676799 67768036191676800 9223372036854775807 99999999999999999999 -1 +1 ' 1' soon; do
	got=$(cd "$D" && SOURCE_DATE_EPOCH=$v "$L" build -q -t "$ROOT/themes/default" -o bad 2>&1)
	rc=$?
	if [ "$rc" -eq 2 ] && [ "$got" = "$want" ] && [ ! -e "$D/bad" ] && ! ls -a "$D" | grep -q '^\.bad\.new'; then
		pass "limits: SOURCE_DATE_EPOCH=\"$v\" refused"
	else
		fail "limits: SOURCE_DATE_EPOCH=\"$v\" refused (exit $rc)" "$got"
	fi
done

# A content file over 1 MB is refused with the limit, before parsing.
F=$D/big
mkdir -p "$F/content/reviews"
cp tests/errors/site.yaml "$F/content/site.yaml"
{ printf -- '---\ntitle: "Child A: a fictional review"\npublished: 2024-03-12\nregion: London\nthemes: [Neglect]\nethnicity_recorded: true\n---\n'
  head -c 1048576 /dev/zero | tr '\0' 'x'; echo; } >"$F/content/reviews/child-a.md"
want='content/reviews/child-a.md: this file is 1025 KB, more than the limit of 1 MB for a content file: split it, or link to the full report instead of copying it in
lcspr: checked 1 review and 0 pages: 1 error, 0 warnings'
got=$(cd "$F" && "$L" check 2>&1)
if [ $? -eq 1 ] && [ "$got" = "$want" ]; then
	pass "limits: a content file over 1 MB"
else
	fail "limits: a content file over 1 MB" "$got"
fi
