# Sourced by tests/run.  lcspr init writes a new site from the files
# built into the program alone; the site's placeholders stop check and
# build until replaced; then both are silent; the built-in theme builds
# the same site as -t themes/default.  Run with the sanitizer flavour,
# from a folder without themes/ and with no installed theme.
A=$OUT/bin/lcspr-asan
W=$OUT/init
rm -rf "$W"
mkdir -p "$W/empty"
export LCSPR_SHAREDIR=/nonexistent

# A new site: every built-in file, modes 0644 and 0755, the theme and
# the skeleton as they are in the tool's folder, the version filled in.
if (cd "$W" && "$A" init site1) >"$W/out" 2>"$W/err" && [ ! -s "$W/err" ] &&
   (cd "$W/empty" && "$A" init ../site2 && "$A" init .) >/dev/null 2>&1; then
	pass "init: makes a new site, in a new folder and in an empty one"
else
	fail "init: makes a new site, in a new folder and in an empty one" "$(cat "$W/out" "$W/err")"
fi
want=$( (cd gen/skel && find . -type f; cd "$ROOT" && find themes/default -type f | sed 's|^|./|') | LC_ALL=C sort)
got=$(cd "$W/site1" && find . -type f | LC_ALL=C sort)
modes=$(cd "$W/site1" && find . \( -type f ! -perm 0644 \) -o \( -type d ! -perm 0755 \) -o ! \( -type f -o -type d \))
if [ "$got" = "$want" ] && [ -z "$modes" ] && [ -n "$got" ]; then
	pass "init: the tree, files 0644 and folders 0755"
else
	fail "init: the tree, files 0644 and folders 0755" "$(diff <(echo "$want") <(echo "$got")) $modes"
fi
v=$(sed -n 's/^VERSION[ \t]*= *//p' Makefile)
if d=$(diff -r themes/default "$W/site1/themes/default") &&
   d=$(diff -r -x .github -x .gitlab-ci.yml -x themes gen/skel "$W/site1") &&
   d=$(diff <(sed "s/@LCSPR_VERSION@/$v/" gen/skel/.gitlab-ci.yml) "$W/site1/.gitlab-ci.yml") &&
   d=$(diff <(sed "s/@LCSPR_VERSION@/$v/" gen/skel/.github/workflows/lcspr.yml) "$W/site1/.github/workflows/lcspr.yml") &&
   grep -q "LCSPR_VERSION: \"$v\"" "$W/site1/.gitlab-ci.yml" &&
   d=$(diff -r "$W/site1" "$W/site2") && d=$(diff -r "$W/site1" "$W/empty"); then
	pass "init: the theme and skeleton as in the tool's folder, the CI files name this version"
else
	fail "init: the theme and skeleton as in the tool's folder, the CI files name this version" "$d"
fi
if grep -q '^  lcspr new ' "$W/out" && grep -q '^  cd site1$' "$W/out" && grep -q '^  lcspr serve$' "$W/out" &&
   grep -q '^  content/site.yaml$' "$W/out"; then
	pass "init: says what it made and the next steps"
else
	fail "init: says what it made and the next steps" "$(cat "$W/out")"
fi

# Refusals: a folder with a file in it (even a hidden one), a file, a
# symbolic link; nothing changes.
mkdir -p "$W/full" "$W/hidden"
echo keep >"$W/full/notes.txt"
echo keep >"$W/hidden/.keep"
echo keep >"$W/file"
ln -s "$W/site1" "$W/link"
before=$(cd "$W" && find full hidden file link site1 -printf '%p %s %T@ %m\n' | sort)
ok=1
msgs=""
for d in full hidden file link/content; do
	(cd "$W" && "$A" init "$d") >"$W/out" 2>"$W/err"
	rc=$?
	[ "$rc" -eq 1 ] && [ ! -s "$W/out" ] && [ "$(wc -l <"$W/err")" -eq 1 ] || ok=0
	msgs="$msgs$rc $(cat "$W/err")"$'\n'
done
after=$(cd "$W" && find full hidden file link site1 -printf '%p %s %T@ %m\n' | sort)
if [ "$ok" = 1 ] && [ "$before" = "$after" ] &&
   grep -q '^1 hidden: this folder is not empty' <<<"$msgs" && grep -q '^1 file: this is a file' <<<"$msgs"; then
	pass "init: refuses a non-empty folder, a file, and changes nothing"
else
	fail "init: refuses a non-empty folder, a file, and changes nothing" "$msgs$(diff <(echo "$before") <(echo "$after"))"
fi

# A fresh site: check reports every placeholder, exactly, and build
# refuses it.
cat >"$W/want" <<'EOW'
content/site.yaml:8: placeholder: "title" still holds the text of a new site; write your own, then delete this line
content/site.yaml:11: placeholder: "description" still holds the text of a new site; write your own, then delete this line
content/site.yaml:16: placeholder: "base_url" still holds the text of a new site; write your own, then delete this line
content/site.yaml:25: placeholder: "partnership" still holds the text of a new site; write your own, then delete this line
content/site.yaml:29: placeholder: "logo" still holds the text of a new site; write your own, then delete this line
content/site.yaml:37: placeholder: "content_note" still holds the text of a new site; write your own, then delete this line
content/pages/about.md:5: placeholder: "about.md" still holds the text of a new site; write your own, then delete this line
content/pages/accessibility.md:5: placeholder: "accessibility.md" still holds the text of a new site; write your own, then delete this line
lcspr: checked 1 review and 2 pages: 8 errors, 0 warnings
EOW
(cd "$W/site1" && "$A" check) >"$W/out" 2>"$W/err"
rc=$?
if [ "$rc" -eq 1 ] && d=$(diff -u "$W/want" "$W/err"); then
	pass "init: check on a new site reports every placeholder"
else
	fail "init: check on a new site reports every placeholder (exit $rc)" "$d"
fi
(cd "$W/site1" && "$A" build) >"$W/out" 2>"$W/err"
rc=$?
if [ "$rc" -eq 1 ] && [ ! -e "$W/site1/site" ] && [ "$(grep -c ': placeholder: ' "$W/err")" -eq 8 ]; then
	pass "init: build refuses a new site's placeholders"
else
	fail "init: build refuses a new site's placeholders (exit $rc)" "$(cat "$W/err")"
fi

# What a person does: write their own settings and pages, deleting
# the marker lines.  Then check and build say nothing on stderr, with
# and without the example draft.
(cd "$W/site1/content" &&
 sed -i -e '/lcspr: placeholder/d' \
     -e 's|^title: .*|title: Learning from reviews in Westshire|' \
     -e 's|^base_url: .*|base_url: https://learning.westshire.example/|' \
     -e 's|^partnership: .*|partnership: Westshire Safeguarding Children Partnership|' site.yaml &&
 sed -i -e '/lcspr: placeholder/d' -e 's/Your Safeguarding Children Partnership/Westshire Safeguarding Children Partnership/' pages/*.md)
if (cd "$W/site1" && "$A" check -q && "$A" build -q && "$A" build -q --drafts -o drafts) 2>"$W/err" >/dev/null &&
   [ ! -s "$W/err" ] && [ -f "$W/site1/site/about/index.html" ] && [ -f "$W/site1/drafts/reviews/child-a-example-review/index.html" ] &&
   ! grep -rq 'placeholder' "$W/site1/site"; then
	pass "init: after the placeholders are replaced, check and build say nothing"
else
	fail "init: after the placeholders are replaced, check and build say nothing" "$(cat "$W/err")"
fi

# The built-in theme: no themes/ here, none installed.  The same site
# as with -t, byte for byte, for a new site and a golden fixture.
mkdir -p "$W/bare"
cp -R "$W/site1/content" "$W/bare/content"
cp -R tests/build/insights/content "$W/bare/insights"
if (cd "$W/bare" && "$A" build -q --drafts -o builtin && "$A" build -q --drafts -t "$ROOT/themes/default" -o withtheme &&
    "$A" build -q -C insights -o builtin2 && "$A" build -q -C insights -t "$ROOT/themes/default" -o withtheme2) >"$W/out" 2>&1 &&
   d=$(diff -r "$W/bare/builtin" "$W/bare/withtheme") && d=$(diff -r "$W/bare/builtin2" "$W/bare/withtheme2") &&
   [ -f "$W/bare/builtin2/assets/style.css" ]; then
	pass "init: the built-in theme builds the same site as -t themes/default"
else
	fail "init: the built-in theme builds the same site as -t themes/default" "$(cat "$W/out") $d"
fi
unset LCSPR_SHAREDIR

# lcspr new works in a new site whose placeholders are still there (as
# the steps printed by init say), and what it wrote passes the checks of
# reviews: the placeholders are the only errors left.
if (cd "$W" && LCSPR_SHAREDIR=/nonexistent "$A" init site3 >/dev/null &&
    cd site3 && LCSPR_SHAREDIR=/nonexistent "$A" new "Child B: neglect" --region "north west" --theme neglect) >"$W/out" 2>&1 &&
   [ -f "$W/site3/content/reviews/child-b-neglect.md" ] &&
   (cd "$W/site3" && LCSPR_SHAREDIR=/nonexistent "$A" check) >"$W/out2" 2>&1; [ $? -eq 1 ] &&
   ! grep -v 'placeholder: \|lcspr: checked 2 reviews and 2 pages' "$W/out2" | grep -q .; then
	pass "init: lcspr new works before the placeholders are replaced"
else
	fail "init: lcspr new works before the placeholders are replaced" "$(cat "$W/out" "$W/out2" 2>/dev/null)"
fi

# The example review may stay as a draft; published, it is refused at
# its placeholder line.
if (cd "$W" && LCSPR_SHAREDIR=/nonexistent "$A" init site4 >/dev/null) &&
   sed -i 's/^draft: true$/draft: false/' "$W/site4/content/reviews/child-a-example-review.md" &&
   out=$(cd "$W/site4" && LCSPR_SHAREDIR=/nonexistent "$A" check 2>&1); [ $? -eq 1 ] &&
   grep -q '^content/reviews/child-a-example-review.md:[0-9]*: placeholder: ' <<<"$out"; then
	pass "init: the example review cannot be published as it is"
else
	fail "init: the example review cannot be published as it is" "$out"
fi
