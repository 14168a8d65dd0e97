# tests/run: beside the others, once the golden sites are built
# Sourced by tests/run.  Issue 12, part C: lcspr serve (127.0.0.1 only,
# rebuilds on changes, messages on every page while the content has
# errors, no path outside its temporary folder, clean stop), and the
# preview banner and noindex of serve, --drafts and --future.
V=$OUT/serve
rm -rf "$V"
mkdir -p "$V/tmp"
SB=$OUT/bin/lcspr-asan
# The subpath golden site: its base_url has a path, /learning/reviews/.
cp -R tests/build/subpath/content "$V/content"
spid=""
stop_serve() { [ -n "$spid" ] && kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null; spid=""; }
trap stop_serve EXIT

# start_serve ARGS...: starts lcspr serve in $V on a free port ($port),
# waits until it answers; 1 if it never does.
start_serve() {
	local try i
	for try in 1 2 3 4 5; do
		port=$((20000 + RANDOM % 20000))
		(cd "$V" && exec env TMPDIR="$V/tmp" "$SB" serve -p "$port" \
		    -t "$ROOT/themes/default" "$@" >"$V/stdout" 2>"$V/stderr") &
		spid=$!
		for i in $(seq 1 100); do
			grep -q '^lcspr: serving ' "$V/stdout" 2>/dev/null && return 0
			kill -0 "$spid" 2>/dev/null || break
			sleep 0.1
		done
		stop_serve
		grep -q 'is in use' "$V/stderr" || return 1
	done
	return 1
}
B() { echo "http://127.0.0.1:$port$1"; }
code() { curl -s --path-as-is -o /dev/null -w '%{http_code}' "$@"; }
# until_page URL PATTERN [present|absent]: waits up to 2 s.
# until_page URL TEXT [absent]: wait up to 10 s (the sanitizer flavour
# on a busy machine; the time itself is measured by make bench).
until_page() {
	local i
	for i in $(seq 1 100); do
		if curl -s "$1" | grep -q -- "$2"; then
			[ "${3:-present}" = present ] && return 0
		else
			[ "${3:-present}" = absent ] && return 0
		fi
		sleep 0.1
	done
	return 1
}

if ! start_serve; then
	fail "serve: starts" "$(cat "$V/stdout" "$V/stderr")"
else
	pass "serve: starts"
	if grep -qx "lcspr: serving http://127.0.0.1:$port/learning/reviews/ (Ctrl-C to stop)" "$V/stdout"; then
		pass "serve: prints its address with the base path"
	else
		fail "serve: prints its address with the base path" "$(cat "$V/stdout")"
	fi
	tmp=$(ls -d "$V"/tmp/lcspr-serve.* 2>/dev/null)
	[ -d "$tmp/site" ] && [ ! -e "$V/site" ] && pass "serve: builds into a temporary folder, not site/" ||
	    fail "serve: builds into a temporary folder, not site/" "$(ls -R "$V/tmp" | head)"
	# Only on 127.0.0.1.
	# Every listening socket on the port (ss, or /proc/net/tcp*).
	if command -v ss >/dev/null 2>&1; then
		l=$(ss -Hltn "sport = :$port" 2>&1 | awk '{ print $4 }')
	else
		l=$(awk -v p="$(printf '%04X' "$port")" -v n="$port" '$4 == "0A" && $2 ~ (":" p "$") {
			print ($2 == "0100007F:" p) ? "127.0.0.1:" n : $2 }' /proc/net/tcp /proc/net/tcp6)
	fi
	[ "$l" = "127.0.0.1:$port" ] && pass "serve: listens on 127.0.0.1 only" ||
	    fail "serve: listens on 127.0.0.1 only" "$l"
	# The root redirects to the base path; pages and their types.
	r=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$(B /)")
	[ "$r" = "302 $(B /learning/reviews/)" ] && pass "serve: / redirects to the base path" ||
	    fail "serve: / redirects to the base path" "$r"
	: >"$tmp/site/t.pdf"; : >"$tmp/site/t.svg"; : >"$tmp/site/t.PNG"; : >"$tmp/site/t.webp"; : >"$tmp/site/t.bin"
	out=""
	for t in "/learning/reviews/t.pdf application/pdf" "/learning/reviews/t.svg image/svg+xml" \
	    "/learning/reviews/t.PNG image/png" "/learning/reviews/t.webp image/webp" \
	    "/learning/reviews/t.bin application/octet-stream" \
	    "/learning/reviews/ text/html; charset=utf-8" \
	    "/learning/reviews/reviews/child-1/ text/html; charset=utf-8" \
	    "/learning/reviews/assets/style.css text/css; charset=utf-8" \
	    "/learning/reviews/feed.xml application/xml" \
	    "/learning/reviews/sitemap.xml application/xml" \
	    "/learning/reviews/feeds.opml text/x-opml; charset=utf-8" \
	    "/learning/reviews/data/reviews.json application/json" \
	    "/learning/reviews/data/reviews.csv text/csv; charset=utf-8" \
	    "/learning/reviews/robots.txt text/plain; charset=utf-8"; do
		u=${t%% *}
		got=$(curl -s -o /dev/null -w '%{http_code} %{content_type}' "$(B "$u")")
		[ "$got" = "200 ${t#* }" ] || out="$out
$u: $got"
	done
	[ -z "$out" ] && pass "serve: pages, files and their types" || fail "serve: pages, files and their types" "$out"
	r=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$(B /learning/reviews/reviews/child-1)")
	[ "$r" = "302 $(B /learning/reviews/reviews/child-1/)" ] && pass "serve: a folder without / redirects" ||
	    fail "serve: a folder without / redirects" "$r"
	# Preview: the banner and noindex; the reload script.
	p=$(curl -s "$(B /learning/reviews/)")
	if grep -q 'Preview: not for publication' <<<"$p" && grep -q '<meta name="robots" content="noindex">' <<<"$p" &&
	    grep -q '/_lcspr/wait?gen=' <<<"$p"; then
		pass "serve: the banner, noindex and the reload script"
	else
		fail "serve: the banner, noindex and the reload script" "$(head -20 <<<"$p")"
	fi
	# Missing paths get 404.html with 404; nothing outside the folder.
	echo secret >"$V/secret.txt"
	ln -s "$V/secret.txt" "$tmp/site/link.txt"
	ln -s "$V" "$tmp/site/linkdir"
	out=""
	for u in /learning/reviews/nope /learning/reviews/../../secret.txt \
	    /learning/reviews/%2e%2e/%2e%2e/%2e%2e/secret.txt /learning/reviews/..%2f..%2f..%2fsecret.txt \
	    /learning/reviews/%2fetc%2fpasswd /learning/reviews//etc/passwd /learning/reviews/link.txt \
	    /learning/reviews/linkdir/secret.txt /learning/reviews/index.html%00.css /nope/ \
	    /learning/reviews/reviews/./child-1/; do
		b=$(curl -s --path-as-is -w '\n%{http_code}' "$(B "$u")")
		[ "${b##*$'\n'}" = 404 ] && grep -q 'lcspr-body' <<<"$b" && ! grep -q secret <<<"$b" ||
		    out="$out
$u: ${b##*$'\n'}"
	done
	[ -z "$out" ] && pass "serve: 404.html for missing paths, .., %2e%2e, %2f and symbolic links" ||
	    fail "serve: 404.html for missing paths, .., %2e%2e, %2f and symbolic links" "$out"
	rm -f "$tmp/site/link.txt" "$tmp/site/linkdir"
	[ "$(code -H 'Host: evil.example' "$(B /learning/reviews/)")" = 403 ] &&
	    pass "serve: another host name is refused" || fail "serve: another host name is refused"
	[ "$(code -X POST "$(B /learning/reviews/)")" = 405 ] && [ "$(code -I "$(B /learning/reviews/)")" = 200 ] &&
	    pass "serve: only GET and HEAD" || fail "serve: only GET and HEAD"
	# An edit shows; a waiting page is answered.
	gen=$(curl -s "$(B /learning/reviews/)" | sed -n 's/.*})(\([0-9]*\));<\/script>.*/\1/p')
	[ "$(curl -s -m 2 "$(B "/_lcspr/wait?gen=0")")" = "$gen" ] && pass "serve: a page of an older build learns at once" ||
	    fail "serve: a page of an older build learns at once"
	# A page that goes away while it waits (the server forgets it).
	curl -s -m 0.3 "$(B "/_lcspr/wait?gen=$gen")" >/dev/null
	curl -s -m 15 "$(B "/_lcspr/wait?gen=$gen")" >"$V/wait" &
	wpid=$!
	f=$V/content/reviews/child-1.md
	cp "$f" "$V/child-1.md"
	sed -i 's/^title: .*/title: "Child One, edited"/' "$f"
	if until_page "$(B /learning/reviews/reviews/child-1/)" 'Child One, edited'; then
		pass "serve: an edited review shows"
	else
		fail "serve: an edited review shows" "$(cat "$V/stderr")"
	fi
	wait "$wpid"
	[ "$(cat "$V/wait")" = $((gen + 1)) ] && pass "serve: a waiting page learns of the new build" ||
	    fail "serve: a waiting page learns of the new build" "$(cat "$V/wait")"
	# Broken front matter: the messages, escaped, above the last good page.
	sed -i 's/^region: .*/region: "<script>alert(1)<\/script>"/' "$f"
	u=$(B /learning/reviews/reviews/child-2/)
	if until_page "$u" 'lcspr-serve-errors'; then
		p=$(curl -s "$u")
		if grep -q 'content/reviews/child-1.md:[0-9]*: unknown region "&lt;script&gt;alert(1)&lt;/script&gt;"' <<<"$p" &&
		    ! grep -q '<script>alert' <<<"$p" && grep -q 'lcspr-header' <<<"$p" &&
		    [ "$(grep -n 'lcspr-serve-errors' <<<"$p" | cut -d: -f1)" -lt "$(grep -n 'lcspr-header' <<<"$p" | head -1 | cut -d: -f1)" ]; then
			pass "serve: a build error shows, escaped, at the top of the last good page"
		else
			fail "serve: a build error shows, escaped, at the top of the last good page" "$(grep -A4 'lcspr-serve-errors' <<<"$p")"
		fi
	else
		fail "serve: a build error shows on the page" "$(cat "$V/stderr")"
	fi
	grep -q 'lcspr: 1 error; the preview shows the last good build' "$V/stderr" &&
	    pass "serve: the terminal shows the messages" || fail "serve: the terminal shows the messages" "$(cat "$V/stderr")"
	cp "$V/child-1.md" "$f"
	until_page "$u" 'lcspr-serve-errors' absent && until_page "$u" 'lcspr-body' &&
	    pass "serve: fixed, the page comes back" || fail "serve: fixed, the page comes back"
	# A symbolic link to a file outside the content: the build's
	# message on every page above the last good build, serve keeps
	# running, and nothing of that file can be fetched.
	sed 's/^title: .*/title: "Secret Outside"/' "$V/child-1.md" >"$V/outside.md"
	ln -s "$V/outside.md" "$V/content/reviews/child-6.md"
	if until_page "$u" 'lcspr-serve-errors'; then
		p=$(curl -s "$u")
		grep -q 'content/reviews/child-6.md: not read: a symbolic link to a file outside this folder, which might not be meant for the public; copy the file here instead' <<<"$p" &&
		    grep -q 'lcspr-body' <<<"$p" && kill -0 "$spid" 2>/dev/null &&
		    pass "serve: a symbolic link to outside the content shows the error above the last good page" ||
		    fail "serve: a symbolic link to outside the content shows the error above the last good page" \
		    "$(grep -A4 'lcspr-serve-errors' <<<"$p"; tail -3 "$V/stderr")"
	else
		fail "serve: a symbolic link to outside the content shows the error" "$(tail -3 "$V/stderr")"
	fi
	out=""
	for x in /learning/reviews/reviews/child-6/ /learning/reviews/reviews/child-6.md \
	    /learning/reviews/content/reviews/child-6.md /learning/reviews/../../content/reviews/child-6.md \
	    /learning/reviews/%2e%2e/%2e%2e/content/reviews/child-6.md /learning/reviews/../../outside.md; do
		b=$(curl -s --path-as-is -w '\n%{http_code}' "$(B "$x")")
		[ "${b##*$'\n'}" = 404 ] && ! grep -q 'Secret Outside' <<<"$b" || out="$out
$x: ${b##*$'\n'}"
	done
	grep -rl 'Secret Outside' "$tmp" >/dev/null && out="$out
in the temporary folder: $(grep -rl 'Secret Outside' "$tmp")"
	[ -z "$out" ] && pass "serve: nothing of a linked file outside the content can be fetched" ||
	    fail "serve: nothing of a linked file outside the content can be fetched" "$out"
	rm "$V/content/reviews/child-6.md"
	until_page "$u" 'lcspr-serve-errors' absent && until_page "$u" 'lcspr-body' && kill -0 "$spid" 2>/dev/null &&
	    pass "serve: the link removed, the page comes back" ||
	    fail "serve: the link removed, the page comes back" "$(tail -3 "$V/stderr")"
	# A new folder is watched; a deleted file and folder.
	mkdir "$V/content/reviews/2024"
	sleep 0.3
	cp "$V/child-1.md" "$V/content/reviews/2024/child-4.md"
	sed -i 's/^title: .*/title: "Child Four"/' "$V/content/reviews/2024/child-4.md"
	until_page "$(B /learning/reviews/reviews/child-4/)" 'Child Four' &&
	    pass "serve: a new folder is watched" || fail "serve: a new folder is watched" "$(cat "$V/stderr")"
	cp "$V/content/reviews/2024/child-4.md" "$V/content/reviews/2024/child-5.md"
	sed -i 's/^title: .*/title: "Child Five"/' "$V/content/reviews/2024/child-5.md"
	until_page "$(B /learning/reviews/reviews/child-5/)" 'Child Five' &&
	    rm "$V/content/reviews/2024/child-5.md" &&
	    until_page "$(B /learning/reviews/reviews/child-5/)" 'Child Five' absent &&
	    [ "$(code "$(B /learning/reviews/reviews/child-5/)")" = 404 ] &&
	    pass "serve: a deleted review goes" || fail "serve: a deleted review goes" "$(cat "$V/stderr")"
	rm -r "$V/content/reviews/2024"
	until_page "$(B /learning/reviews/reviews/child-4/)" 'Child Four' absent && kill -0 "$spid" 2>/dev/null &&
	    [ "$(code "$(B /learning/reviews/)")" = 200 ] &&
	    pass "serve: a deleted folder does not stop it" || fail "serve: a deleted folder does not stop it"
	# The port in use: a clear message, exit 1.
	out=$(cd "$V" && "$ROOT/lcspr" serve -p "$port" -t "$ROOT/themes/default" 2>&1)
	rc=$?
	[ $rc -eq 1 ] && [ "$out" = "lcspr: port $port is in use on 127.0.0.1 (another lcspr serve?): stop that program or choose another port, such as -p $((port + 1))" ] &&
	    pass "serve: port in use" || fail "serve: port in use ($rc)" "$out"
	# SIGINT: exit 0, no process, no temporary folder left; more
	# signals while it stops (an impatient second Ctrl-C) neither
	# kill it nor leave the temporary folder half removed.
	kill -INT "$spid"
	for i in $(seq 1 20000); do
		kill -TERM "$spid" 2>/dev/null && read -r st <"/proc/$spid/stat" 2>/dev/null || break
		[[ $st == *") Z "* ]] && break
	done
	wait "$spid"
	rc=$?
	spid=""
	left=$(ps -eo args | grep -c "[s]erve -p $port ")
	if [ $rc -eq 0 ] && [ "$left" -eq 0 ] && [ -z "$(ls -A "$V/tmp")" ] &&
	    grep -qx 'lcspr: stopped; the preview is removed' "$V/stdout"; then
		pass "serve: SIGINT stops it cleanly, even with more signals while it stops"
	else
		fail "serve: SIGINT stops it cleanly, even with more signals while it stops (status $rc, $left left)" "$(ls -A "$V/tmp"; tail -5 "$V/stderr")"
	fi
fi

# Before any good build: a page with the messages; SIGTERM stops it
# while it builds nothing.
sed -i 's/^region: .*/region: Nowhere/' "$V/content/reviews/child-1.md"
if start_serve; then
	b=$(curl -s -w '\n%{http_code}' "$(B /learning/reviews/anything)")
	[ "${b##*$'\n'}" = 503 ] && grep -q 'unknown region "Nowhere"' <<<"$b" &&
	    pass "serve: before a good build, the messages alone" ||
	    fail "serve: before a good build, the messages alone" "$b"
	# In its main landmark under an h1 (axe: landmark-one-main,
	# page-has-heading-one); nothing promises a last good build.
	grep -q '<body><main><div id="lcspr-serve-errors"[^>]*>.<h1[^>]*>lcspr: the site cannot be built yet' <<<"$(tr '\n' ' ' <<<"$b")" &&
	    grep -q '</main></body>' <<<"$b" && ! grep -q 'last good build' <<<"$b" &&
	    grep -qx 'lcspr: 1 error; there is nothing to preview until it is fixed' "$V/stderr" &&
	    pass "serve: before a good build, a page with a main landmark and an h1; no last good build promised" ||
	    fail "serve: before a good build, a page with a main landmark and an h1; no last good build promised" \
	    "$b
$(cat "$V/stderr")"
	kill -TERM "$spid"
	wait "$spid"
	rc=$?
	spid=""
	[ $rc -eq 0 ] && [ -z "$(ls -A "$V/tmp")" ] && pass "serve: SIGTERM stops it cleanly" ||
	    fail "serve: SIGTERM stops it cleanly ($rc)"
else
	fail "serve: starts with errors in content" "$(cat "$V/stdout" "$V/stderr")"
fi

# Bad ports: usage errors.
for t in "80:lcspr: port 80 is reserved for the system (ports below 1024): choose one from 1024 to 65535, such as -p 8000" \
    "0:lcspr: -p needs a port number from 1024 to 65535, such as -p 8000" \
    "http:lcspr: -p needs a port number from 1024 to 65535, such as -p 8000" \
    "65536:lcspr: -p needs a port number from 1024 to 65535, such as -p 8000"; do
	out=$("$ROOT/lcspr" serve -p "${t%%:*}" 2>&1)
	rc=$?
	[ $rc -eq 2 ] && [ "$(head -1 <<<"$out")" = "${t#*:}" ] && pass "serve: -p ${t%%:*}" ||
	    fail "serve: -p ${t%%:*} ($rc)" "$out"
done
trap - EXIT

# Preview builds: the banner and noindex on every page with --drafts
# or --future, a line saying not to upload; neither in a normal build.
P=$OUT/preview
rm -rf "$P"
ok=1
for a in --drafts --future; do
	out=$("$ROOT/lcspr" build -q -C tests/build/subpath/content -t themes/default -o "$P$a" "$a" 2>&1)
	[ "$out" = "lcspr: this is a preview ($a): do not upload it" ] || { ok=0; echo "$a: $out"; }
	for h in $(find "$P$a" -name '*.html'); do
		grep -q 'Preview: not for publication' "$h" && grep -q '<meta name="robots" content="noindex">' "$h" || { ok=0; echo "$h"; }
	done
done >"$P.log"
[ $ok -eq 1 ] && pass "preview: --drafts and --future builds carry the banner and noindex" ||
    fail "preview: --drafts and --future builds carry the banner and noindex" "$(cat "$P.log")"
"$ROOT/lcspr" build -q -C tests/build/subpath/content -t themes/default -o "$P-normal" >"$P.log" 2>&1
if [ -s "$P-normal/index.html" ] && [ ! -s "$P.log" ] &&
    ! grep -rlq 'Preview: not for publication\|noindex' "$P-normal" --include='*.html'; then
	pass "preview: a normal build has neither banner nor noindex"
else
	fail "preview: a normal build has neither banner nor noindex" "$(cat "$P.log"; grep -rl 'Preview: not\|noindex' "$P-normal" | head)"
fi
