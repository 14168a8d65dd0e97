# Sourced by tests/run.  Search (Pagefind): how lcspr finds the program
# and runs it on the staging folder, and what it does when it fails or
# is stopped; --no-search; a site theme without search.html.  The
# error fixtures tests/errors/search-* hold the messages for a missing
# program and LCSPR_PAGEFIND; the golden site tests/build/search the
# pages; tests/validate/search.mjs the search page in a browser.
S=$OUT/search
T=$ROOT/themes/default
rm -rf "$S"
mkdir -p "$S/bin"
# oldsite DIR: a stand-in previous site, kept when a build fails.
search_old() {
	mkdir -p "$1"
	printf 'made by lcspr: this folder is replaced whole at each build\n' >"$1/.lcspr-site"
	printf 'old\n' >"$1/index.html"
}

# The sample (search: true): the index, the page and the box.
if out=$("$ROOT/lcspr" build -q -C "$SAMPLE/content" -o "$S/on" 2>&1) && [ -z "$out" ] &&
   [ -f "$S/on/pagefind/pagefind-ui.js" ] && [ -f "$S/on/pagefind/pagefind-entry.json" ] &&
   [ -f "$S/on/search/index.html" ] && grep -q 'class="lcspr-header__search"' "$S/on/index.html" &&
   grep -q 'data-pagefind-body' "$S/on/reviews/child-f-nobody-asked-me/index.html" &&
   ! grep -q 'data-pagefind-body' "$S/on/index.html" && ! grep -q 'search/' "$S/on/sitemap.xml"; then
	pass "search: the sample has its index, search page and header box"
else
	fail "search: the sample has its index, search page and header box" "$out"
fi
# -v says how long the index took.
if out=$("$ROOT/lcspr" build -v -C "$SAMPLE/content" -o "$S/on" 2>&1) &&
   grep -q '^lcspr: made the search index (Pagefind) in [0-9.]* s$' <<<"$out"; then
	pass "search: -v says how long Pagefind took"
else
	fail "search: -v says how long Pagefind took" "$out"
fi
# --no-search: no index, no page, no box.
if out=$("$ROOT/lcspr" build -q --no-search -C "$SAMPLE/content" -o "$S/off" 2>&1) && [ -z "$out" ] &&
   [ ! -e "$S/off/pagefind" ] && [ ! -e "$S/off/search" ] && ! grep -q 'lcspr-header__search' "$S/off/index.html"; then
	pass "search: --no-search builds without search"
else
	fail "search: --no-search builds without search" "$out"
fi
# Turning search off lists the index once among what is gone.
if out=$(cd "$S" && LCSPR_PAGEFIND= "$ROOT/lcspr" build --no-search -C "$SAMPLE/content" -o on 2>&1) &&
   grep -q 'lcspr: 1 page and 1 file are no longer on the site: pagefind/, search/ —' <<<"$out" &&
   ! grep -q 'pagefind/fragment' <<<"$out"; then
	pass "search: turning it off lists pagefind/ once as gone"
else
	fail "search: turning it off lists pagefind/ once as gone" "$out"
fi

# Where lcspr finds Pagefind: scripts/search/pagefind from the folder
# it runs in, then PATH (pagefind_extended or pagefind).
if out=$(cd "$ROOT" && LCSPR_PAGEFIND= PATH=/nonexistent "$ROOT/lcspr" build -q -C "$SAMPLE/content" -o "$S/here" 2>&1) &&
   [ -z "$out" ] && [ -f "$S/here/pagefind/pagefind-ui.js" ]; then
	pass "search: finds scripts/search/pagefind"
else
	fail "search: finds scripts/search/pagefind" "$out"
fi
ln -s "$ROOT/scripts/search/pagefind" "$S/bin/pagefind"
if out=$(cd "$S" && LCSPR_PAGEFIND= LCSPR_SHAREDIR=/nonexistent PATH="/nonexistent:$S/bin" \
    "$ROOT/lcspr" build -q -C "$SAMPLE/content" -o "$S/path" 2>&1) &&
   [ -z "$out" ] && [ -f "$S/path/pagefind/pagefind-ui.js" ]; then
	pass "search: finds pagefind on PATH"
else
	fail "search: finds pagefind on PATH" "$out"
fi

# A Pagefind that fails: its last line in the message, the build
# failed, the previous site kept, no staging folder left.
printf '#!/bin/sh\necho "Running Pagefind"\necho "Error: cannot write the index" >&2\nexit 3\n' >"$S/bin/failing"
chmod +x "$S/bin/failing"
search_old "$S/kept"
cp -R "$S/kept" "$S/kept.before"
sl=$(grep -n '^search:' "$SAMPLE/content/site.yaml" | cut -d: -f1)
want="$SAMPLE/content/site.yaml:$sl: Pagefind (\"$S/bin/failing\") could not make the search index (exit status 3): \"Error: cannot write the index\": fix what it says, or set \"search: false\" to build without search
lcspr: 1 error; nothing was written and $S/kept is unchanged"
out=$(LCSPR_PAGEFIND="$S/bin/failing" "$ROOT/lcspr" build -q -C "$SAMPLE/content" -o "$S/kept" 2>&1)
rc=$?
if [ "$rc" -eq 1 ] && [ "$out" = "$want" ] && diff -r "$S/kept.before" "$S/kept" >/dev/null &&
   ! ls -a "$S" | grep -q '^\.kept\.new'; then
	pass "search: a failing Pagefind fails the build and keeps the previous site"
else
	fail "search: a failing Pagefind fails the build and keeps the previous site" "exit $rc: $out"
fi

# A signal while Pagefind runs stops it and the build; the previous
# site stays.
printf '#!/bin/sh\necho $$ >"%s/pid"\nexec sleep 30\n' "$S" >"$S/bin/slow"
chmod +x "$S/bin/slow"
LCSPR_PAGEFIND="$S/bin/slow" "$ROOT/lcspr" build -q -C "$SAMPLE/content" -o "$S/kept" >"$S/slow.out" 2>&1 &
lp=$!
for _ in $(seq 1 100); do [ -s "$S/pid" ] && break; sleep 0.1; done
sleep 0.2
kill -TERM "$lp" 2>/dev/null
wait "$lp"
rc=$?
child=$(cat "$S/pid" 2>/dev/null)
if [ "$rc" -eq 143 ] && [ -n "$child" ] && ! kill -0 "$child" 2>/dev/null &&
   diff -r "$S/kept.before" "$S/kept" >/dev/null && ! ls -a "$S" | grep -q '^\.kept\.new'; then
	pass "search: SIGTERM while Pagefind runs stops it, the previous site kept"
else
	[ -n "$child" ] && kill "$child" 2>/dev/null
	fail "search: SIGTERM while Pagefind runs stops it, the previous site kept" "exit $rc, child $child: $(cat "$S/slow.out")"
fi

# A site theme made before search.html: the built-in one is used.
cp -R "$T" "$S/oldtheme"
rm "$S/oldtheme/search.html"
if out=$("$ROOT/lcspr" build -q -C "$SAMPLE/content" -t "$S/oldtheme" -o "$S/old" 2>&1) && [ -z "$out" ] &&
   cmp -s "$S/old/search/index.html" "$S/here/search/index.html"; then
	pass "search: a site theme without search.html gets the built-in search page"
else
	fail "search: a site theme without search.html gets the built-in search page" "$out"
fi
