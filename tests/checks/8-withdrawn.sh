# Sourced by tests/run, after the golden sites.  A withdrawn review
# (tests/build/withdrawn: Child B withdrawn, Child C a withdrawn draft):
# its page is a notice with noindex and no canonical link, nothing of
# its text or details is anywhere in the site, it is in no list, feed,
# sitemap entry or open data, and the build names it.
S=$OUT/build/withdrawn-lcspr/site
P=$S/reviews/child-b/index.html
if [ -f "$P" ] && grep -q '<meta name="robots" content="noindex">' "$P" &&
   ! grep -q 'rel="canonical"' "$P" &&
   grep -q '<h1 class="lcspr-heading-xl">This review has been withdrawn</h1>' "$P" &&
   grep -q 'was withdrawn on 1 June 2024' "$P" &&
   grep -qF '<cite>Child B: &lt;b&gt;domestic&lt;/b&gt; abuse &amp; "more"</cite>' "$P" &&
   grep -q '<a href="../../">Go to the home page</a>' "$P"; then
	pass "withdrawn: the page is a notice, noindex, with title, date and a link home"
else
	fail "withdrawn: the page is a notice, noindex, with title, date and a link home" "$(cat "$P" 2>&1 | head -40)"
fi
# No other page asks not to be indexed.
if out=$(grep -rl 'noindex' "$S" | grep -v "^$P\$"); [ -z "$out" ]; then
	pass "withdrawn: only the notice has noindex"
else
	fail "withdrawn: only the notice has noindex" "$out"
fi
# Nothing of Child B's text, summary or details; nothing of Child C.
if out=$(grep -rlE 'WITHDRAWN-|child-b\.pdf|reviews/child-c|Child C' "$S"); [ -z "$out" ] &&
   [ ! -e "$S/reviews/child-c" ] && [ ! -e "$S/files/child-b.csv" ]; then
	pass "withdrawn: no text, detail or attachment of it is published"
else
	fail "withdrawn: no text, detail or attachment of it is published" "$out"
fi
# In no list, feed, sitemap entry or open data: only its own page names it.
if out=$(grep -rl 'child-b\|Child B' "$S" | grep -v "^$P\$"); [ -z "$out" ] &&
   [ ! -e "$S/regions/north-east" ] && [ ! -e "$S/themes/domestic-abuse" ] && [ ! -e "$S/years/2023" ]; then
	pass "withdrawn: in no list, feed, sitemap or data; its terms and year get no page"
else
	fail "withdrawn: in no list, feed, sitemap or data; its terms and year get no page" "$out"
fi
# The build names it, after the drafts it left out.
W=$OUT/withdrawn
rm -rf "$W"
mkdir -p "$W"
if out=$(cd tests/build/withdrawn && "$ROOT/lcspr" build -C content -t "$ROOT/themes/default" -o "$W/site" 2>&1 | sed 1d) &&
   [ "$out" = "lcspr: left out 1 draft (use --drafts):
  content/reviews/child-c.md: draft
lcspr: 1 withdrawn review, each page now a notice and in no list, feed or data:
  content/reviews/child-b.md: withdrawn 2024-06-01" ]; then
	pass "withdrawn: the build names it"
else
	fail "withdrawn: the build names it" "$out"
fi
# With --drafts the withdrawn draft gets a notice too.
if (cd tests/build/withdrawn && "$ROOT/lcspr" build -q --drafts -C content -t "$ROOT/themes/default" -o "$W/drafts") >"$W/drafts.out" &&
   [ "$(cat "$W/drafts.out")" = "lcspr: this is a preview (--drafts): do not upload it" ] &&
   grep -q 'noindex' "$W/drafts/reviews/child-c/index.html" && ! grep -rq 'WITHDRAWN-' "$W/drafts"; then
	pass "withdrawn: a withdrawn draft with --drafts is a notice"
else
	fail "withdrawn: a withdrawn draft with --drafts is a notice"
fi
