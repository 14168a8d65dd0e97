# Sourced by tests/run.  Only regular files inside their folder are read:
# a FIFO does not hang check or build, a symbolic link to a file outside
# the folder or to nothing is an error, and every error stops the build
# (check and build agree), leaving the previous site as it was.
d=$OUT/files
rm -rf "$d" && mkdir -p "$d/content/reviews/2024" "$d/elsewhere"
cp tests/errors/site.yaml "$d/content/site.yaml"
printf -- '---\ntitle: "Child A: a review"\npublished: 2024-03-12\nregion: London\nthemes: [Neglect]\nethnicity_recorded: true\n---\nChild A was known to services.\n' >"$d/content/reviews/child-a.md"
sed 's/Child A/Child B/' "$d/content/reviews/child-a.md" >"$d/content/reviews/2024/child-b.md"
ln -s 2024/child-b.md "$d/content/reviews/child-b-link.md"	# inside: read
(cd "$d" && "$ROOT/lcspr" build -q -t "$ROOT/themes/default" -o site >"$d/log0" 2>&1)
rc=$?
if [ "$rc" -eq 0 ] && [ -f "$d/site/reviews/child-b-link/index.html" ]; then
	pass "files: a link to a review inside the folder is read"
else
	fail "files: a link to a review inside the folder is read" "exit $rc: $(cat "$d/log0")"
fi
cp -R "$d/site" "$d/site.before"
echo 'CI_DEPLOY_TOKEN=ghp_fictionalSecret' >"$d/elsewhere/secret.md"
ln -s "$d/elsewhere/secret.md" "$d/content/reviews/child-c.md"
ln -s /nonexistent/child-d.md "$d/content/reviews/child-d.md"
mkfifo "$d/content/reviews/child-e.md"
for cmd in check build; do
	args=""
	[ "$cmd" = build ] && args="-t $ROOT/themes/default -o site"
	# shellcheck disable=SC2086
	(cd "$d" && timeout 20 "$ROOT/lcspr" $cmd $args >"$d/out.$cmd" 2>&1)
	rc=$?
	if [ "$rc" -eq 1 ] &&
	   grep -qx 'content/reviews/child-c.md: not read: a symbolic link to a file outside this folder, which might not be meant for the public; copy the file here instead' "$d/out.$cmd" &&
	   grep -qx 'content/reviews/child-d.md: cannot read: a symbolic link to a file that is not there (No such file or directory)' "$d/out.$cmd" &&
	   grep -qx 'content/reviews/child-e.md: cannot read: not a regular file (only ordinary files are read, not devices, pipes or sockets)' "$d/out.$cmd" &&
	   diff -r "$d/site.before" "$d/site" >/dev/null; then
		pass "files: $cmd refuses links outside, dangling links and FIFOs, without hanging"
	else
		fail "files: $cmd refuses links outside, dangling links and FIFOs, without hanging" "exit $rc: $(cat "$d/out.$cmd")"
	fi
done
