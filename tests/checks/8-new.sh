# Sourced by tests/run.  lcspr new: the file it writes passes lcspr
# check as written (with and without --region, --theme and --date), and
# a hostile title comes back on the built page exactly as it was given.
# The bad inputs are error fixtures (tests/errors/new-*).
L=$ROOT/lcspr
N=$OUT/new
rm -rf "$N"
mkdir -p "$N/content"
cp tests/errors/site.yaml "$N/content/site.yaml"

# The titles, one a line: quotes, a backslash, ": ", " #", a leading
# "-", YAML's own words, non-ASCII, a YAML line break (U+2028).
printf '%s\n' 'Child A: neglect' \
	'He said "no" \ then left' \
	'Child B: a # is not a comment' \
	'- Child C, [not] a {list}' \
	'true' \
	"Child D's review & 'more'" \
	'Café Ünïcode — “curly” quotes' \
	'%TAG ! @ & * ? | > ` ~' \
	"$(printf 'Child E\342\200\250line separator')" >"$N/titles"

ok=1
log=""
i=0
while IFS= read -r title; do
	i=$((i + 1))
	case $i in
	1) newargs=(--region "north west" --theme neglect --theme CCE --date 2024-02-29) ;;
	2) newargs=(--theme "Domestic abuse") ;;
	*) newargs=() ;;
	esac
	if ! out=$(cd "$N" && "$L" new "${newargs[@]}" -- "$title" 2>&1); then
		ok=0
		log="$log
new \"$title\": $out"
	fi
done <"$N/titles"
n=$(find "$N/content/reviews" -name '*.md' | wc -l)
if [ "$ok" -eq 1 ] && [ "$n" -eq "$i" ]; then
	pass "new: wrote $i review files"
else
	fail "new: wrote $n of $i review files" "$log"
fi

# The first file has what the options said.
f=$N/content/reviews/child-a-neglect.md
if grep -qx 'region: North West' "$f" && grep -qx 'themes: \[Neglect, Criminal exploitation of adolescents\]' "$f" &&
   grep -qx 'published: 2024-02-29' "$f" && grep -qx 'draft: true' "$f"; then
	pass "new: --region, --theme and --date are written"
else
	fail "new: --region, --theme and --date are written" "$(cat "$f")"
fi
# "added" is there, commented out, and works once uncommented (a date
# after published: an older review added to the site now).
if grep -qx '# added:' "$f"; then
	pass "new: writes added, commented out"
else
	fail "new: writes added, commented out" "$(cat "$f")"
fi
# Without --date: today in the site's time zone (SOURCE_DATE_EPOCH).
if grep -qx 'published: 2026-11-18' "$N/content/reviews/true.md"; then
	pass "new: today's date from SOURCE_DATE_EPOCH"
else
	fail "new: today's date from SOURCE_DATE_EPOCH" "$(grep published "$N/content/reviews/true.md")"
fi
# Accented Latin letters become their plain letters in the file name.
if [ -f "$N/content/reviews/cafe-unicode-curly-quotes.md" ]; then
	pass "new: the file name of an accented title"
else
	fail "new: the file name of an accented title" "$(ls "$N/content/reviews")"
fi

# As written, every file passes lcspr check with nothing on stderr.
if out=$(cd "$N" && "$L" check -q 2>&1) && [ -z "$out" ]; then
	pass "new: the files pass lcspr check as written"
else
	fail "new: the files pass lcspr check as written" "$out"
fi

# Uncommented with a later date, added passes lcspr check too.
sed 's/^# added:$/added: 2026-11-01/' "$f" >"$N/added.md" && mv "$N/added.md" "$f"
if grep -qx 'added: 2026-11-01' "$f" && out=$(cd "$N" && "$L" check -q 2>&1) && [ -z "$out" ]; then
	pass "new: added, uncommented, passes lcspr check"
else
	fail "new: added, uncommented, passes lcspr check" "$out"
fi

# Uncommented, with the body's Recommendations section deleted, the
# recommendations example passes lcspr check too.
sed -e 's/^# recommendations:$/recommendations:/' -e 's/^#   /  /' \
    -e '/^## Recommendations$/,$d' "$f" >"$N/recs.md"
if grep -qx 'recommendations:' "$N/recs.md" && grep -qx '    status: not accepted' "$N/recs.md" &&
   cp "$f" "$N/recs.before" && mv "$N/recs.md" "$f" &&
   out=$(cd "$N" && "$L" check -q 2>&1) && [ -z "$out" ]; then
	pass "new: recommendations, uncommented, pass lcspr check"
else
	fail "new: recommendations, uncommented, pass lcspr check" "$out"
fi
[ -f "$N/recs.before" ] && mv "$N/recs.before" "$f"

# Built with --drafts, nothing on stderr (stdout says it is a preview),
# and each page's heading is the title given.
if out=$(cd "$N" && "$L" build -q --drafts -t "$ROOT/themes/default" 2>&1 >/dev/null) && [ -z "$out" ]; then
	pass "new: the files build"
	for p in "$N"/site/reviews/*/index.html; do
		xmllint --html --xpath 'string(//h1)' "$p" 2>/dev/null
	done | sort >"$N/got"
	sort "$N/titles" >"$N/want"
	if d=$(diff -u "$N/want" "$N/got"); then
		pass "new: each built title is the title given"
	else
		fail "new: each built title is the title given" "$d"
	fi
else
	fail "new: the files build" "$out"
fi

# Nothing is replaced: the same title again fails and the file stays.
cp "$f" "$N/before"
if ! (cd "$N" && "$L" new "Child A: neglect") >/dev/null 2>&1 && cmp -s "$f" "$N/before"; then
	pass "new: an existing file is kept"
else
	fail "new: an existing file is kept"
fi
# Nor written through a symbolic link.
ln -s "$N/target" "$N/content/reviews/child-f.md"
if ! (cd "$N" && "$L" new "Child F") >/dev/null 2>&1 && [ ! -e "$N/target" ]; then
	pass "new: no file written through a symbolic link"
else
	fail "new: no file written through a symbolic link"
fi
rm -f "$N/content/reviews/child-f.md"

# A long title gives a file name cut at a hyphen, at most 80 characters.
long="Child G: $(printf 'word%.0s ' $(seq 1 40))end"
if (cd "$N" && "$L" new -- "$long") >/dev/null 2>&1 &&
   longname=$(cd "$N/content/reviews" && ls child-g-*.md) && [ "${#longname}" -le 83 ] &&
   [ "${longname%-.md}" = "$longname" ]; then
	pass "new: a long title's file name is cut"
else
	fail "new: a long title's file name is cut" "$(ls "$N/content/reviews")"
fi

# The help and the man page name the command and its options.
missing=""
for opt in new --region --theme --date; do
	"$L" --help | grep -q -- "$opt" || missing="$missing help:$opt"
	grep -q -- "^\.\(Fl\|It Fl\|Op Fl\|Cm\|It Cm\|Nm lcspr Cm\).*${opt#--}" man/lcspr.1 || missing="$missing man:$opt"
done
[ -z "$missing" ] && pass "new: in --help and lcspr.1" || fail "new: missing:$missing"

# Its advice to the writer is a placeholder: fine in a draft, an error
# at its line once the review is no longer a draft, so the advice is
# never published by mistake; gone once the marker line is deleted.
P=$OUT/new-marks
rm -rf "$P"
mkdir -p "$P/content"
cp tests/errors/site.yaml "$P/content/site.yaml"
(cd "$P" && "$L" new "Child Z: advice left") >/dev/null 2>&1
f=$P/content/reviews/child-z-advice-left.md
ml=$(grep -n 'lcspr: placeholder' "$f" | cut -d: -f1)
sed -i 's/^draft: true$/draft: false/' "$f"
out=$(cd "$P" && "$L" check -q 2>&1)
rc=$?
want="content/reviews/child-z-advice-left.md:$ml: placeholder: \"child-z-advice-left.md\" still holds the text of a new site; write your own, then delete this line"
sed -i '/lcspr: placeholder/d' "$f"
if [ "$rc" -eq 1 ] && [ -n "$ml" ] && [ "$(head -n 1 <<<"$out")" = "$want" ] &&
   (cd "$P" && "$L" check -q) >/dev/null 2>&1; then
	pass "new: its advice is a placeholder once the review is no longer a draft"
else
	fail "new: its advice is a placeholder once the review is no longer a draft" "rc $rc: $out"
fi
