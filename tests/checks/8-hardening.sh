# tests/run: beside the others, once the golden sites are built
# Sourced by tests/run.  Issue 10, part G: the feed channel's
# description is HTML like an item's; the site theme's assets/ copies
# only regular files and folders; SIGINT, SIGTERM and SIGHUP during the
# write stage remove the staging folder and leave the old site.

# A feed reader reads the channel description as HTML: the hostile
# site's "<b>tags</b> & an ampersand" must show as text, not markup.
h=$OUT/build/hostile-lcspr/site/feed.xml
if out=$(/usr/bin/python3 - "$h" 2>&1 <<'PY'
import html, sys
import feedparser
f = feedparser.parse(sys.argv[1])
d = f.feed.subtitle_detail
want = 'Description with <b>tags</b> & an ampersand Note <img src=x onerror=alert(1)> & "quoted"'
if d.type != "text/html" or "<" in d.value or html.unescape(d.value) != want:
    sys.exit("channel description read as %s: %r" % (d.type, d.value))
PY
); then
	pass "feed: the channel description is shown as text"
else
	fail "feed: the channel description is shown as text" "$out"
fi

# The site theme's assets: a symbolic link (to a file or folder outside
# the theme, or to the folder itself) and a FIFO are errors, and
# nothing is published; the old site stays.
A=$OUT/assets
rm -rf "$A"
mkdir -p "$A"
cp -R "$ROOT/themes/default" "$A/theme"
echo "db_password=not-for-publication" >"$A/secret.ini"
mkdir "$A/theme/assets/fonts"
cat >"$A/want" <<EOT
$A/theme/assets/app.css: a symbolic link in the site theme's assets: copy the real file or folder in its place (links are not followed, so that nothing from outside the site theme is published)
$A/theme/assets/fonts/loop: a symbolic link in the site theme's assets: copy the real file or folder in its place (links are not followed, so that nothing from outside the site theme is published)
$A/theme/assets/pipe.css: not a regular file or folder: only files and folders are copied from the site theme's assets; copy the real file in its place
lcspr: 3 errors; nothing was written and $A/site is unchanged
EOT
"$ROOT/lcspr" build -q -C "$SAMPLE/content" -t "$A/theme" -o "$A/site" >/dev/null 2>&1
cp -R "$A/site" "$A/site.before"
ln -s "$A/secret.ini" "$A/theme/assets/app.css"
ln -s . "$A/theme/assets/fonts/loop"
mkfifo "$A/theme/assets/pipe.css"
for bin in $BINS; do
	b=$(basename "$bin")
	timeout 60 "$bin" build -q -C "$SAMPLE/content" -t "$A/theme" -o "$A/site" >/dev/null 2>"$A/err"
	rc=$?
	if [ "$rc" -eq 1 ] && d=$(diff -u "$A/want" "$A/err") && diff -r "$A/site.before" "$A/site" >/dev/null &&
	   ! grep -rq not-for-publication "$A/site" && [ -z "$(ls -a "$A" | grep '^\.site\.new')" ]; then
		pass "assets: links and FIFOs are refused, nothing published ($b)"
	else
		fail "assets: links and FIFOs are refused, nothing published ($b)" "exit $rc; ${d:-$(cat "$A/err")}"
	fi
done
# The assets folder itself through a link, and a FIFO as the logo.
rm -f "$A/theme/assets/app.css" "$A/theme/assets/fonts/loop" "$A/theme/assets/pipe.css"
mv "$A/theme/assets" "$A/realassets"
ln -s "$A/realassets" "$A/theme/assets"
timeout 60 "$ROOT/lcspr" build -q -C "$SAMPLE/content" -t "$A/theme" -o "$A/site" >/dev/null 2>"$A/err"
rc=$?
if [ "$rc" -eq 1 ] && grep -q "^$A/theme/assets: a symbolic link: copy the real folder in its place" "$A/err" &&
   diff -r "$A/site.before" "$A/site" >/dev/null; then
	pass "assets: an assets folder that is a link is refused"
else
	fail "assets: an assets folder that is a link is refused" "exit $rc; $(cat "$A/err")"
fi
rm "$A/theme/assets"
mv "$A/realassets" "$A/theme/assets"
cp -R "$SAMPLE/content" "$A/content"
rm "$A/content/logo.svg"
mkfifo "$A/content/logo.svg"
timeout 60 "$ROOT/lcspr" build -q -C "$A/content" -t "$A/theme" -o "$A/site" >/dev/null 2>"$A/err"
rc=$?
if [ "$rc" -eq 1 ] && grep -q "logo.svg" "$A/err" && diff -r "$A/site.before" "$A/site" >/dev/null &&
   [ -z "$(ls -a "$A" | grep '^\.site\.new')" ]; then
	pass "assets: a FIFO as the logo is an error, not a hang"
else
	fail "assets: a FIFO as the logo is an error, not a hang" "exit $rc; $(cat "$A/err")"
fi

# SIGINT, SIGTERM and SIGHUP during the write stage: the build removes
# its staging folder, exits with 128 + the signal, and the previous
# site is unchanged.  The build is frozen (SIGSTOP) as soon as its
# staging folder has its first files, so that the signal lands in the
# write stage however fast the machine; it is then signalled and let go.
G=$OUT/signals
rm -rf "$G"
mkdir -p "$G"
"$ROOT/scripts/make-corpus" 20 "$G/small" >/dev/null
"$ROOT/scripts/make-corpus" 3000 "$G/big" >/dev/null
"$ROOT/lcspr" build -q -C "$G/small" -o "$G/site" >/dev/null 2>&1
cp -R "$G/site" "$G/site.before"
sigtest() {	# sigtest binary signal number
	local bin=$1 sig=$2 num=$3 pid stage="" i rc tag
	tag="signals: SIG$sig in the write stage ($(basename "$bin"))"
	env --default-signal "$bin" build -q -C "$G/big" -o "$G/site" >/dev/null 2>"$G/err" &
	pid=$!
	# Up to 5 minutes for reading 3,000 reviews on a slow machine.
	for i in $(seq 1 30000); do
		stage=$(ls -d "$G"/.site.new-* 2>/dev/null | head -n 1)
		[ -n "$stage" ] && [ -e "$stage/sitemap.xml" ] && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.01
	done
	kill -STOP "$pid" 2>/dev/null
	if [ -z "$stage" ] || [ ! -d "$stage" ]; then
		kill -KILL "$pid" 2>/dev/null
		wait "$pid"
		fail "$tag" "the write stage was not seen: $(cat "$G/err")"
		return
	fi
	kill -"$sig" "$pid"
	kill -CONT "$pid"
	wait "$pid"
	rc=$?
	if [ "$rc" -ne $((128 + num)) ]; then
		fail "$tag" "exit $rc, want $((128 + num)): $(cat "$G/err")"
	elif [ -n "$(ls -a "$G" | grep '^\.site\.new')" ]; then
		fail "$tag" "a staging folder was left: $(ls -a "$G")"
	elif ! d=$(diff -r "$G/site.before" "$G/site"); then
		fail "$tag" "the previous site changed: $(head -5 <<<"$d")"
	elif [ "$(cat "$G/err")" != "lcspr: stopped by SIG$sig: nothing was written and $G/site is unchanged" ]; then
		fail "$tag" "$(cat "$G/err")"
	else
		pass "$tag"
	fi
}
sigtest "$ROOT/lcspr" INT 2
sigtest "$ROOT/lcspr" TERM 15
sigtest "$ROOT/lcspr" HUP 1
sigtest "$OUT/bin/lcspr-asan" INT 2
