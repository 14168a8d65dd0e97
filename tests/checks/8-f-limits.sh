# Sourced by tests/run.  Limits on what lcspr reads (issue 10): the
# build time, the size of a content file, and the logo.
D=$OUT/limits
rm -rf "$D"
mkdir -p "$D"
L=$ROOT/lcspr

# SOURCE_DATE_EPOCH: up to the last second of 9999; beyond, or not
# digits, a usage error with the range (it crashed or wrote year
# -2147481749), and no staging folder left behind.
cp -R tests/build/empty/content "$D/content" 2>/dev/null || { mkdir -p "$D/content/reviews"; cp tests/errors/site.yaml "$D/content/site.yaml"; }
if (cd "$D" && SOURCE_DATE_EPOCH=253402300799 "$L" build -q -t "$ROOT/themes/default" -o last) &&
    grep -q '<lastBuildDate>Fri, 31 Dec 9999 23:59:59 +0000</lastBuildDate>' "$D/last/feed.xml"; then
	pass "limits: SOURCE_DATE_EPOCH up to 9999-12-31 23:59:59"
else
	fail "limits: SOURCE_DATE_EPOCH up to 9999-12-31 23:59:59"
fi
want='lcspr: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, from 0 to 253402300799 (9999-12-31 23:59:59 UTC)'
for v in 253402300800 67768036191676799 67768036191676800 9223372036854775807 99999999999999999999 -1 +1 ' 1' soon; do
	got=$(cd "$D" && SOURCE_DATE_EPOCH=$v "$L" build -q -t "$ROOT/themes/default" -o bad 2>&1)
	rc=$?
	if [ "$rc" -eq 2 ] && [ "$got" = "$want" ] && [ ! -e "$D/bad" ] && ! ls -a "$D" | grep -q '^\.bad\.new'; then
		pass "limits: SOURCE_DATE_EPOCH=\"$v\" refused"
	else
		fail "limits: SOURCE_DATE_EPOCH=\"$v\" refused (exit $rc)" "$got"
	fi
done

# A content file over 1 MB is refused with the limit, before parsing.
F=$D/big
mkdir -p "$F/content/reviews"
cp tests/errors/site.yaml "$F/content/site.yaml"
{ printf -- '---\ntitle: "Child A: a fictional review"\npublished: 2024-03-12\nregion: London\nthemes: [Neglect]\nethnicity_recorded: true\n---\n'
  head -c 1048576 /dev/zero | tr '\0' 'x'; echo; } >"$F/content/reviews/child-a.md"
want='content/reviews/child-a.md: this file is 1025 KB, more than the limit of 1 MB for a content file: split it, or link to the full report instead of copying it in
lcspr: checked 1 review and 0 pages: 1 error, 0 warnings'
got=$(cd "$F" && "$L" check 2>&1)
if [ $? -eq 1 ] && [ "$got" = "$want" ]; then
	pass "limits: a content file over 1 MB"
else
	fail "limits: a content file over 1 MB" "$got"
fi

# The logo: a plain image file name, a regular file inside the content
# folder after links are resolved; check and build say the same.
G=$D/logo
logo_case() {	# name, logo value, setup command, expected message ("" = fine)
	rm -rf "$G" && mkdir -p "$G/content/reviews"
	cp tests/errors/site.yaml "$G/content/site.yaml"
	printf '<svg xmlns="http://www.w3.org/2000/svg"/>\n' >"$G/content/logo.svg"
	printf 'SECRET_TOKEN=fictional\n' >"$G/secret.svg"
	printf 'logo: "%s"\n' "$2" >>"$G/content/site.yaml"
	(cd "$G" && eval "$3")
	c=$(cd "$G" && "$L" check 2>&1 | grep -v '^lcspr:')
	b=$(cd "$G" && "$L" build -q -t "$ROOT/themes/default" -o site 2>&1 | grep -v '^lcspr:')
	if [ "$c" = "$4" ] && [ "$b" = "$4" ] && { [ -n "$4" ] || cmp -s "$G/site/$2" "$G/content/brand/logo.svg" || cmp -s "$G/site/$2" "$G/content/logo.svg"; } &&
	    ! grep -rq SECRET_TOKEN "$G/site" 2>/dev/null; then
		pass "limits: logo $1"
	else
		fail "limits: logo $1" "check: $c
build: $b"
	fi
}
logo_case "a plain file" logo.svg : ""
logo_case "a link inside the content folder" logo.svg 'mkdir content/brand && mv content/logo.svg content/brand/ && ln -s brand/logo.svg content/logo.svg' ""
logo_case "a link to a file outside" logo.svg 'rm content/logo.svg && ln -s "$G/secret.svg" content/logo.svg' \
    'content/site.yaml:27: the logo file content/logo.svg is a symbolic link to a file outside the content folder, which might not be meant for the public: copy the logo into the content folder instead'
logo_case "a link to nothing" logo.svg 'rm content/logo.svg && ln -s gone.svg content/logo.svg' \
    'content/site.yaml:27: the logo file content/logo.svg is a symbolic link to a file that is not there'
logo_case "a FIFO" logo.svg 'rm content/logo.svg && mkfifo content/logo.svg' \
    'content/site.yaml:27: the logo file content/logo.svg is not a regular file (only ordinary files are published, not folders, devices, pipes or sockets)'
logo_case "a folder" logo.svg 'rm content/logo.svg && mkdir content/logo.svg' \
    'content/site.yaml:27: the logo file content/logo.svg is not a regular file (only ordinary files are published, not folders, devices, pipes or sockets)'
logo_case "missing" logo.png : \
    'content/site.yaml:27: the logo file content/logo.png cannot be read: No such file or directory'
logo_case "with a scheme" 'javascript:alert(1).svg' 'cp content/logo.svg "content/javascript:alert(1).svg"' \
    'content/site.yaml:27: "logo" must be the name of a file in the content folder, such as logo.svg, made of letters, digits, hyphens, underscores and dots, not "javascript:alert(1).svg"'
logo_case "in a folder" '../secret.svg' : \
    'content/site.yaml:27: "logo" must be the name of a file in the content folder, such as logo.svg, made of letters, digits, hyphens, underscores and dots, not "../secret.svg"'
logo_case "called index.html" index.html 'cp content/logo.svg content/index.html' \
    'content/site.yaml:27: "logo" must be an image whose name ends in .svg, .png, .jpg, .jpeg, .webp or .gif, not "index.html": convert it to one of these, or rename it if it is one'
