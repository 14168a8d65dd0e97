# Sourced by tests/run.  lcspr digest: the e-mail of tests/digest
# (worked out by hand in its site.yaml) read back with Python's email
# module (tests/tools/digestcheck.py): both parts, in order; the
# Subject; exactly the period's reviews in the HTML part and in the
# text part; a hostile title and summary escaped in HTML and intact in
# text; the HTML part valid for xmllint --html.  Then: standard output
# and -o agree and are the same each run; a period with more reviews
# than fit under 100 KB lists the first and counts the rest; no
# reviews, or a folder that cannot be written, leave no file.  The
# messages are error fixtures (tests/errors/digest-*).
L=$ROOT/lcspr
D=$OUT/digest
rm -rf "$D"
mkdir -p "$D"
C=$ROOT/tests/digest/content
CHECK="python3 $ROOT/tests/tools/digestcheck.py"
HOSTILE="<script>alert(1)</script> & \"quotes\" 'single' Café — Ünïcode Supercalifragilisticexpialidociousandmuchlongerthanonelineoftextcanholdinanemail"
SUMMARY="A summary with <b>bold</b> & a < sign, ]]> and &amp; too, =3D and =?UTF-8?B?QQ==?= — “curly” Ünïcode"

# digest_ok NAME FILE CHECK-ARGS...: digestcheck.py, then xmllint.
digest_ok() {
	local name=$1 file=$2 out
	shift 2
	if ! out=$($CHECK "$file" "$@" 2>&1); then
		fail "digest: $name" "$out"
	elif ! out=$(xmllint --html --noout "$file.html" 2>&1) || [ -n "$out" ]; then
		fail "digest: $name: xmllint --html reports errors" "$out"
	else
		pass "digest: $name"
	fi
}

if out=$("$L" digest -C "$C" --since 2026-11-01 --until 2026-11-15 -o "$D/nov.eml" 2>&1); then
	digest_ok "1 to 15 November: the since and until days in, the days around out, added over published, no draft, withdrawn or future review" \
		"$D/nov.eml" --base https://example.org/learning/ \
		--slugs child-b,child-e,child-j,child-a \
		--subject "Northshire Safeguarding Children Partnership — Café Test: reviews added 1 to 15 November 2026" \
		--text-has "$HOSTILE" --text-has "$SUMMARY" \
		--text-has "Published: 1 May 2024, added to the site 10 November 2026" \
		--text-has "Content note: These fictional reviews describe harm to children." \
		--html-has '&lt;script&gt;alert(1)&lt;/script&gt; &amp; "quotes" '"'single'"' Café — Ünïcode Supercalifragilistic' \
		--html-has 'a &lt; sign, ]]&gt; and &amp;amp; too, =3D and =?UTF-8?B?QQ==?= — “curly”' \
		--html-not '<script' --html-not '<b>'
else
	fail "digest: 1 to 15 November" "$out"
fi
[ "$out" = "lcspr: wrote $D/nov.eml: 4 reviews added between 1 November 2026 and 15 November 2026" ] &&
	pass "digest: says what it wrote" || fail "digest: says what it wrote" "$out"

# Up to the end of the month: Child I, added after the build date, stays out.
if out=$("$L" digest -q -C "$C" --since 2026-11-01 --until 2026-11-30 -o "$D/month.eml" 2>&1) && [ -z "$out" ]; then
	digest_ok "the whole month, past the build date" "$D/month.eml" \
		--base https://example.org/learning/ \
		--slugs child-f,child-d,child-b,child-e,child-j,child-a \
		--subject "Northshire Safeguarding Children Partnership — Café Test: reviews added 1 to 30 November 2026"
else
	fail "digest: the whole month, past the build date (-q says nothing)" "$out"
fi

# Without --until: up to the build date (2026-11-18); one day: "on".
if "$L" digest -q -C "$C" --since 2026-11-16 -o "$D/since.eml" 2>"$D/err"; then
	digest_ok "without --until, up to the build date" "$D/since.eml" \
		--base https://example.org/learning/ --slugs child-f,child-d \
		--subject "Northshire Safeguarding Children Partnership — Café Test: reviews added 16 to 18 November 2026"
else
	fail "digest: without --until" "$(cat "$D/err")"
fi
if "$L" digest -q -C "$C" --since 2026-11-10 --until 2026-11-10 -o "$D/day.eml" 2>"$D/err"; then
	digest_ok "one day" "$D/day.eml" --base https://example.org/learning/ \
		--slugs child-e \
		--subject "Northshire Safeguarding Children Partnership — Café Test: reviews added on 10 November 2026"
else
	fail "digest: one day" "$(cat "$D/err")"
fi

# Standard output and -o give the same bytes, each run.
if "$L" digest -C "$C" --since 2026-11-01 --until 2026-11-15 >"$D/stdout.eml" 2>"$D/err" &&
   cmp -s "$D/stdout.eml" "$D/nov.eml" &&
   [ "$(cat "$D/err")" = "lcspr: wrote the digest: 4 reviews added between 1 November 2026 and 15 November 2026" ]; then
	pass "digest: standard output is the -o file, the note on stderr"
else
	fail "digest: standard output is the -o file, the note on stderr" "$(cat "$D/err")"
fi

# A period with far more reviews than fit in 100 KB of HTML: the first
# ones (newest added first: here by slug) and "And N more reviews".
B=$D/big/content
mkdir -p "$B/reviews"
cp "$ROOT/tests/errors/site.yaml" "$B/site.yaml"
slugs=""
for i in $(seq -w 1 600); do
	slugs="$slugs,r$i"
	printf -- '---\ntitle: "Child %s: a long title for a fictional review of neglect"\npublished: 2026-11-01\nregion: London\nthemes: [Neglect, Domestic abuse]\nethnicity_recorded: false\nsummary: "A fictional summary of review %s, about as long as a real one: the child, the agencies involved, what went wrong and what the partnership will change."\n---\nText.\n' "$i" "$i" >"$B/reviews/r$i.md"
done
if out=$("$L" digest -C "$B" --since 2026-11-01 --until 2026-11-02 -o "$D/big.eml" 2>&1); then
	digest_ok "600 reviews: under 100 KB, the first listed and the rest counted" \
		"$D/big.eml" --base https://example.org/ --slugs "${slugs#,}" --capped
	grep -q '^lcspr: wrote .*: [0-9]* of the 600 reviews added between 1 November 2026 and 2 November 2026 (the others would make the e-mail too long for Gmail: it links to the site for them)$' <<<"$out" &&
		pass "digest: says how many of the 600 it listed" || fail "digest: says how many of the 600 it listed" "$out"
else
	fail "digest: 600 reviews" "$out"
fi

# No reviews, or a folder that cannot be written: no file, no temporary.
"$L" digest -C "$C" --since 2026-01-01 --until 2026-01-31 -o "$D/none.eml" >/dev/null 2>&1
rc=$?
if [ "$rc" -eq 1 ] && [ ! -e "$D/none.eml" ] && [ -z "$(ls -A "$D" | grep '^\.none')" ]; then
	pass "digest: no reviews: exit 1, no file"
else
	fail "digest: no reviews: exit 1, no file" "exit $rc; $(ls -A "$D")"
fi
"$L" digest -C "$C" --since 2026-11-01 -o "$D/no/such/folder.eml" >/dev/null 2>"$D/err"
rc=$?
if [ "$rc" -eq 1 ] && [ ! -e "$D/no" ] &&
   grep -qxF "$D/no/such/folder.eml: cannot write the digest: the folder \"$D/no/such\" does not exist; make it first, or give -o a file in a folder that exists" "$D/err"; then
	pass "digest: a folder that does not exist: exit 1, message"
else
	fail "digest: a folder that does not exist: exit 1, message" "exit $rc; $(cat "$D/err")"
fi
# An existing file is replaced whole, not appended to.
printf 'old\n' >"$D/old.eml"
if "$L" digest -q -C "$C" --since 2026-11-01 --until 2026-11-15 -o "$D/old.eml" 2>/dev/null &&
   cmp -s "$D/old.eml" "$D/nov.eml"; then
	pass "digest: -o replaces a file whole"
else
	fail "digest: -o replaces a file whole"
fi
# The sanitizers' build writes the same e-mail (and finds no error).
if [ -x "$OUT/bin/lcspr-asan" ] &&
   "$OUT/bin/lcspr-asan" digest -q -C "$C" --since 2026-11-01 --until 2026-11-15 -o "$D/asan.eml" 2>"$D/err" &&
   cmp -s "$D/asan.eml" "$D/nov.eml" &&
   "$OUT/bin/lcspr-asan" digest -q -C "$B" --since 2026-11-01 --until 2026-11-02 -o "$D/asan-big.eml" 2>>"$D/err" &&
   cmp -s "$D/asan-big.eml" "$D/big.eml"; then
	pass "digest: the same e-mail under the sanitizers"
else
	fail "digest: the same e-mail under the sanitizers" "$(cat "$D/err")"
fi
