# Sourced by tests/run.  What a build says about the reviews it leaves
# out, the build date in site.yaml's time zone, and the hint given when
# lcspr runs from inside the content folder.
D=$OUT/dates
rm -rf "$D"
mkdir -p "$D"
L=$ROOT/lcspr

# The build names every review it holds back, one line each; -q hides it.
cp -R tests/errors/future-date/content "$D/content"
cp tests/errors/site.yaml "$D/content/site.yaml"
want='lcspr: left out 1 draft (use --drafts) and 2 reviews dated after 2026-11-18 (use --future):
  content/reviews/child-b.md: dated 2204-09-02
  content/reviews/child-c.md: dated 2027-06-01
  content/reviews/child-d.md: draft'
got=$(cd "$D" && "$L" build -t "$ROOT/themes/default" 2>/dev/null | sed 1d)
if [ "$got" = "$want" ]; then
	pass "dates: the build names each review it leaves out"
else
	fail "dates: the build names each review it leaves out" "$(diff <(echo "$want") <(echo "$got"))"
fi
got=$(cd "$D" && "$L" build -q -t "$ROOT/themes/default" 2>/dev/null)
[ -z "$got" ] && pass "dates: -q hides the reviews left out" || fail "dates: -q hides the reviews left out" "$got"

# 2026-07-01 23:30 UTC is 2 July in London (BST): a review published on
# 2 July is on a site built then, unless site.yaml says "timezone: UTC".
Z=$D/zone
mkdir -p "$Z/content/reviews"
cp tests/errors/site.yaml "$Z/content/site.yaml"
cat >"$Z/content/reviews/child-a.md" <<'EOR'
---
title: "Child A: published on 2 July"
published: 2026-07-02
region: London
themes: [Neglect]
ethnicity_recorded: true
---
Child A is fictional.
EOR
if (cd "$Z" && SOURCE_DATE_EPOCH=1782948600 "$L" build -q -t "$ROOT/themes/default") &&
   [ -f "$Z/site/reviews/child-a/index.html" ]; then
	pass "dates: the build date is taken in Europe/London by default"
else
	fail "dates: the build date is taken in Europe/London by default"
fi
printf 'timezone: UTC\n' >>"$Z/content/site.yaml"
if (cd "$Z" && SOURCE_DATE_EPOCH=1782948600 "$L" build -q -t "$ROOT/themes/default" -o utc) &&
   [ -d "$Z/utc" ] && [ ! -e "$Z/utc/reviews/child-a" ]; then
	pass "dates: timezone in site.yaml sets the build date's zone"
else
	fail "dates: timezone in site.yaml sets the build date's zone"
fi

# Run from inside the content folder, or from a folder in it.
want='content: there is no content folder here, but this folder has site.yaml: it looks like the content folder itself, so run lcspr from the folder above it ("cd .."), or name the content folder with -C'
got=$(cd "$Z/content" && "$L" check 2>&1 | head -1)
[ "$got" = "$want" ] && pass "dates: hint when run from the content folder" || fail "dates: hint when run from the content folder" "$got"
want='content: there is no content folder here, but the folder above has site.yaml: it looks like the content folder, so run lcspr from the folder above that ("cd ../.."), or name the content folder with -C'
got=$(cd "$Z/content/reviews" && "$L" build 2>&1 | head -1)
[ "$got" = "$want" ] && pass "dates: hint when run from a folder in the content folder" || fail "dates: hint when run from a folder in the content folder" "$got"
