# Sourced by tests/run.  The output folder: a lock keeps two builds
# apart, staging folders of stopped builds are removed, a link to a
# folder not there yet is kept, and a folder that cannot be listed is
# never replaced.
d=$OUT/output
rm -rf "$d" && mkdir -p "$d/content/reviews"
cp tests/errors/site.yaml "$d/content/site.yaml"
printf -- '---\ntitle: "Child A: a review"\npublished: 2024-03-12\nregion: London\nthemes: [Neglect]\nethnicity_recorded: true\n---\nChild A was known to services.\n' >"$d/content/reviews/child-a.md"
T=$ROOT/themes/default
# Another build holds the lock: refused at once, with a clear message.
if command -v flock >/dev/null 2>&1; then
	: >"$d/.site.lock"
	out=$(cd "$d" && flock .site.lock "$ROOT/lcspr" build -t "$T" -o site 2>&1)
	rc=$?
	if [ "$rc" -eq 1 ] && grep -qx 'site: another build is writing this site now: wait for it to finish, then build again' <<<"$out" &&
	   [ ! -e "$d/site" ] && ! ls -a "$d" | grep -q '^\.site\.new'; then
		pass "output: a second build at once is refused by the lock"
	else
		fail "output: a second build at once is refused by the lock" "exit $rc: $out"
	fi
else
	fail "output: flock(1) is missing (util-linux)"
fi
# A staging folder left by a killed build is removed, with a message.
mkdir -p "$d/.site.new-AbC123/reviews/old"
echo old >"$d/.site.new-AbC123/reviews/old/index.html"
out=$(cd "$d" && "$ROOT/lcspr" build -q -t "$T" -o site 2>&1)
rc=$?
if [ "$rc" -eq 0 ] && [ "$out" = ".site.new-AbC123: warning: removed: the unfinished copy of a build that was stopped before it ended" ] &&
   ! ls -a "$d" | grep -q '^\.site\.new' && [ -f "$d/site/index.html" ]; then
	pass "output: staging folders of stopped builds are removed"
else
	fail "output: staging folders of stopped builds are removed" "exit $rc: $out"
fi
# A link to a folder that is not there yet: the link stays, the folder is made.
ln -s "$d/webroot" "$d/linked"
out=$(cd "$d" && "$ROOT/lcspr" build -q -t "$T" -o linked 2>&1)
rc=$?
if [ "$rc" -eq 0 ] && [ -L "$d/linked" ] && [ -f "$d/webroot/index.html" ]; then
	pass "output: a link to a folder not there yet is kept and its folder made"
else
	fail "output: a link to a folder not there yet is kept and its folder made" "exit $rc: $out $(ls -ld "$d/linked")"
fi
# A folder that cannot be listed is not replaced (needs a user other than
# root, as root can list any folder).
u=""
if [ "$(id -u)" -eq 0 ]; then id nobody >/dev/null 2>&1 && command -v runuser >/dev/null && u="runuser -u nobody --"; fi
if [ "$(id -u)" -ne 0 ] || [ -n "$u" ]; then
	e=$OUT/output-unlistable
	rm -rf "$e" && mkdir -p "$e" && cp -R "$d/content" "$e/content"
	mkdir "$e/site" && echo "someone's data" >"$e/site/important.txt"
	chmod -R a+rwX "$e" && chmod 777 "$e"
	[ -n "$u" ] && chown -R nobody "$e/site"
	chmod 0300 "$e/site"
	out=$(cd "$e" && $u "$ROOT/lcspr" build -t "$T" -o site 2>&1)
	rc=$?
	chmod 0700 "$e/site"
	if [ "$rc" -eq 1 ] && grep -q '^site: this folder cannot be listed (Permission denied), so it cannot be checked and will not be replaced' <<<"$out" &&
	   [ -f "$e/site/important.txt" ] && ! ls -a "$e" | grep -q '^\.site\.new'; then
		pass "output: a folder that cannot be listed is not replaced"
	else
		fail "output: a folder that cannot be listed is not replaced" "exit $rc: $out"
	fi
else
	fail "output: cannot test an unlistable folder (root without the user nobody or runuser)"
fi
