# Sourced by tests/run.  The command line, --help and the man pages agree.
L=$ROOT/lcspr
"$L" >/dev/null 2>&1; [ $? -eq 2 ] && pass "cli: no command exits 2" || fail "cli: no command exits 2"
"$L" build --bogus >/dev/null 2>&1; [ $? -eq 2 ] && pass "cli: unknown option exits 2" || fail "cli: unknown option exits 2"
"$L" build extra >/dev/null 2>&1; [ $? -eq 2 ] && pass "cli: extra argument exits 2" || fail "cli: extra argument exits 2"
"$L" build -j 0 >/dev/null 2>&1; [ $? -eq 2 ] && pass "cli: bad -j exits 2" || fail "cli: bad -j exits 2"
if [ "$("$L" --version)" = "lcspr $(sed -n 's/^VERSION[ \t]*= *//p' Makefile)" ]; then
	pass "cli: --version"
else
	fail "cli: --version" "$("$L" --version)"
fi
help=$("$L" --help)
missing=""
for opt in -C -t -o -p --drafts --future -j -q -v --help --version --since --until; do
	grep -q -- "$opt" <<<"$help" || missing="$missing help:$opt"
	[ -f man/lcspr.1 ] && ! grep -q -- "^\.\(Fl\|It Fl\|Op Fl\).*${opt#-}" man/lcspr.1 && missing="$missing man:$opt"
done
[ -z "$missing" ] && pass "cli: every option in --help and lcspr.1" || fail "cli: options missing:$missing"
if command -v mandoc >/dev/null 2>&1; then
	if out=$(mandoc -Tlint -W warning man/lcspr.1 man/lcspr.5 2>&1) && [ -f man/lcspr.5 ]; then
		pass "cli: man pages clean under mandoc -Tlint"
	else
		fail "cli: man pages clean under mandoc -Tlint" "$out"
	fi
else
	fail "cli: mandoc is not installed (scripts/install-deps installs it)"
fi
if grep -q 'make site' README.md && grep -q 'make test' README.md; then
	pass "cli: README shows the two commands"
else
	fail "cli: README shows the two commands"
fi
# make install honours PREFIX and DESTDIR.
I=$OUT/install
rm -rf "$I"
if make -s install DESTDIR="$I" PREFIX=/opt/lcspr >/dev/null 2>&1 &&
   [ -x "$I/opt/lcspr/bin/lcspr" ] && [ -f "$I/opt/lcspr/share/man/man1/lcspr.1" ] &&
   [ -f "$I/opt/lcspr/share/man/man5/lcspr.5" ] && [ -f "$I/opt/lcspr/share/lcspr/themes/default/layout.html" ] &&
   [ -f "$I/opt/lcspr/share/lcspr/themes/default/assets/style.css" ]; then
	pass "cli: make install with PREFIX and DESTDIR"
else
	fail "cli: make install with PREFIX and DESTDIR" "$(find "$I" | head -20)"
fi
# With no themes/default here, the installed lcspr uses the installed
# default theme (found through LCSPR_SHAREDIR, as the copy is installed
# under DESTDIR), and `lcspr check` still takes no -t (it was once
# refused then).
F=$OUT/fallback
rm -rf "$F"
mkdir -p "$F/work"
cp -R "$SAMPLE/content" "$F/work/content"
if [ -x "$I/opt/lcspr/bin/lcspr" ] &&
   (cd "$F/work" && export LCSPR_SHAREDIR="$I/opt/lcspr/share/lcspr" &&
    "$I/opt/lcspr/bin/lcspr" check -q && "$I/opt/lcspr/bin/lcspr" build -q) >"$F/log" 2>&1 &&
   [ -f "$F/work/site/assets/style.css" ]; then
	pass "cli: the installed default theme, for build and check"
else
	fail "cli: the installed default theme, for build and check" "$(cat "$F/log")"
fi
