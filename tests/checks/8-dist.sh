# Sourced by tests/run.  make dist (one static, stripped program) and
# make deb (a Debian package), written into tests/out/dist/ so that a
# release in the top folder is left alone: each is static, says its
# version and builds the tests' sample byte-identical to ./lcspr; the
# package holds what it should, and its program, extracted with
# dpkg-deb -x, builds the sample with its own installed theme.  Each
# target links once; the package is compressed with gzip -1 here (xz,
# dpkg-deb's default, takes ten times as long).
X=$OUT/dist
rm -rf "$X"
mkdir -p "$X"
version=$(make -s print-version)
dist=$X/lcspr-$version-linux-x86_64
deb=$X/lcspr_${version}_amd64.deb
if out=$(make -s dist deb DISTFILE="$dist" DEBFILE="$deb" DEBFLAGS="-Zgzip -z1" 2>&1) &&
   [ -x "$dist" ] && [ -f "$deb" ]; then
	pass "dist: make dist and make deb"
else
	fail "dist: make dist and make deb" "$out"
fi
# Its checksum, beside it as the CI files of lcspr init fetch it: the
# file name and the form sha256sum -c reads.
if [ "$(cat "$dist.sha256" 2>&1)" = "$(cd "$X" && sha256sum "$(basename "$dist")")" ] &&
   (cd "$X" && sha256sum -c --status "$(basename "$dist").sha256") &&
   grep -q 'curl -fsSLO "$LCSPR_RELEASES/v$LCSPR_VERSION/$file.sha256"' gen/skel/.github/workflows/lcspr.yml &&
   grep -q 'file="lcspr-$LCSPR_VERSION-linux-x86_64"' gen/skel/.github/workflows/lcspr.yml gen/skel/.gitlab-ci.yml; then
	pass "dist: make dist writes the checksum the CI files check"
else
	fail "dist: make dist writes the checksum the CI files check" "$(cat "$dist.sha256" 2>&1)"
fi
# static_ok FILE: a static, stripped x86-64 program.
static_ok() {
	local lddout
	lddout=$(ldd "$1" 2>&1)
	readelf -h "$1" | grep -q 'Machine: *Advanced Micro Devices X86-64' &&
	    ! readelf -l "$1" | grep -q INTERP && ! readelf -d "$1" | grep -q NEEDED &&
	    ! readelf -S "$1" | grep -q '\.symtab' && grep -q 'not a dynamic executable' <<<"$lddout"
}
# The reference: the tests' sample built by ./lcspr.
"$ROOT/lcspr" build -q -C "$SAMPLE/content" -t "$ROOT/themes/default" -o "$X/ref" >"$X/ref.log" 2>&1
for f in "$dist" "$X/root/usr/bin/lcspr"; do
	if [ "$f" != "$dist" ]; then
		mkdir -p "$X/root"
		dpkg-deb -x "$deb" "$X/root" 2>/dev/null
	fi
	what=$([ "$f" = "$dist" ] && echo "make dist" || echo "make deb")
	if static_ok "$f"; then
		pass "dist: $what: static and stripped (ldd: not a dynamic executable)"
	else
		fail "dist: $what: static and stripped (ldd: not a dynamic executable)" "$(ldd "$f" 2>&1; readelf -l "$f" 2>&1 | grep -i interp)"
	fi
	if [ "$("$f" --version 2>&1)" = "lcspr $version" ]; then
		pass "dist: $what: --version"
	else
		fail "dist: $what: --version" "$("$f" --version 2>&1)"
	fi
done
# The static program builds the sample as ./lcspr does, byte for byte,
# and checks it.
if out=$("$dist" build -q -C "$SAMPLE/content" -t "$ROOT/themes/default" -o "$X/dist-site" 2>&1) && [ -z "$out" ] &&
   d=$(diff -r "$X/ref" "$X/dist-site"); then
	pass "dist: make dist: the sample site, identical to ./lcspr's"
else
	fail "dist: make dist: the sample site, identical to ./lcspr's" "$out${d:-}"
fi
if out=$("$dist" check -C "$SAMPLE/content" 2>&1) && [ "$out" = "lcspr: checked 21 reviews and 2 pages: 0 errors, 0 warnings" ]; then
	pass "dist: make dist: check"
else
	fail "dist: make dist: check" "$out"
fi
# The package: its fields, every file owned by root, and its contents.
info=$(dpkg-deb -f "$deb" Package Version Architecture Depends 2>&1)
if [ "$info" = "Package: lcspr
Version: $version
Architecture: amd64
Depends: poppler-utils, tzdata" ]; then
	pass "dist: make deb: control fields"
else
	fail "dist: make deb: control fields" "$info"
fi
list=$(dpkg-deb -c "$deb" 2>&1)
want=$( (printf '%s\n' '-rw-r--r-- ./usr/share/doc/lcspr/copyright' '-rw-r--r-- ./usr/share/man/man1/lcspr.1.gz' \
	'-rw-r--r-- ./usr/share/man/man5/lcspr.5.gz' '-rwxr-xr-x ./usr/bin/lcspr'
	(cd themes && find default -type f) | sed 's|^|-rw-r--r-- ./usr/share/lcspr/themes/|') | sort)
if ! grep -qv ' root/root ' <<<"$list" && [ "$(awk '{ print $1, $6 }' <<<"$list" | grep -v '/$' | sort)" = "$want" ]; then
	pass "dist: make deb: the files, owned by root, with their modes"
else
	fail "dist: make deb: the files, owned by root, with their modes" "$list"
fi
r=$X/root/usr/share
if gzip -dc "$r/man/man1/lcspr.1.gz" | cmp -s - man/lcspr.1 && gzip -dc "$r/man/man5/lcspr.5.gz" | cmp -s - man/lcspr.5 &&
   diff -r themes/default "$r/lcspr/themes/default" >/dev/null &&
   grep -q '^==== libxml2-dev (libxml2.a)$' "$r/doc/lcspr/copyright" && grep -q '^==== libexif-dev' "$r/doc/lcspr/copyright" &&
   grep -aq '/usr/share/lcspr' "$X/root/usr/bin/lcspr"; then
	pass "dist: make deb: manual pages, theme, copyright, SHAREDIR /usr/share/lcspr"
else
	fail "dist: make deb: manual pages, theme, copyright, SHAREDIR /usr/share/lcspr" "$(ls -lR "$X/root" | head -30)"
fi
# The extracted program, from a folder with no themes/, finds the theme
# installed beside it (LCSPR_SHAREDIR: /usr/share/lcspr is not there).
w=$X/work
mkdir -p "$w"
cp -R "$SAMPLE/content" "$w/content"
if out=$(cd "$w" && LCSPR_SHAREDIR="$r/lcspr" "$X/root/usr/bin/lcspr" build -q 2>&1) && [ -z "$out" ] &&
   d=$(diff -r "$X/ref" "$w/site"); then
	pass "dist: make deb: the installed program and theme build the sample, identical to ./lcspr's"
else
	fail "dist: make deb: the installed program and theme build the sample, identical to ./lcspr's" "$out${d:-}"
fi
# The static program alone, from a folder with no themes/ and no
# installed theme, builds the sample with its built-in theme, identical
# to ./lcspr's.
i=$X/alone
mkdir -p "$i/sample"
cp -R "$SAMPLE/content" "$i/sample/content"
if (cd "$i/sample" && LCSPR_SHAREDIR=/nonexistent "$dist" build -q) >"$i/log" 2>&1 && [ ! -s "$i/log" ] &&
   d=$(diff -r "$X/ref" "$i/sample/site"); then
	pass "dist: make dist: the built-in theme builds the sample, identical to ./lcspr's"
else
	fail "dist: make dist: the built-in theme builds the sample, identical to ./lcspr's" "$(cat "$i/log")${d:-}"
fi
# A team's path with each program, in a scratch folder: init, new,
# check (refused while the placeholders are there), the placeholders
# replaced as a person would, then check and build with nothing on
# stderr, and the new review in a --drafts build.
team_path() {	# team_path WHAT PROGRAM SHAREDIR
	local t=$X/team-$1 rc=0
	rm -rf "$t"
	mkdir -p "$t"
	(
		export LCSPR_SHAREDIR=$3
		cd "$t" && "$2" init our-site && cd our-site &&
		"$2" new "Child Q: neglect and school attendance" --region "north west" --theme neglect || exit 1
		"$2" check -q 2>"$t/placeholders" && exit 1
		sed -i -e '/lcspr: placeholder/d' -e 's|^base_url: .*|base_url: https://learning.westshire.example/|' \
		    -e 's|^partnership: .*|partnership: Westshire Safeguarding Children Partnership|' content/site.yaml &&
		sed -i -e '/lcspr: placeholder/d' content/pages/*.md &&
		"$2" check -q 2>"$t/err" && "$2" build -q 2>>"$t/err" && "$2" build -q --drafts -o preview 2>>"$t/err"
	) >"$t/log" 2>&1 || rc=1
	if [ $rc -eq 0 ] && [ ! -s "$t/err" ] && [ "$(grep -c 'placeholder: ' "$t/placeholders")" -eq 8 ] &&
	   [ -f "$t/our-site/site/index.html" ] && [ ! -e "$t/our-site/site/reviews/child-q-neglect-and-school-attendance" ] &&
	   grep -q 'Child Q: neglect and school attendance' "$t/our-site/preview/reviews/child-q-neglect-and-school-attendance/index.html"; then
		pass "dist: $1: init, new, check, build in a scratch folder"
	else
		fail "dist: $1: init, new, check, build in a scratch folder" "$(cat "$t/log" "$t/placeholders" "$t/err" 2>/dev/null)"
	fi
}
team_path "make dist" "$dist" /nonexistent
team_path "make deb" "$X/root/usr/bin/lcspr" "$X/root/usr/share/lcspr"
