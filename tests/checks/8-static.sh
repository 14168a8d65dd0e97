# Sourced by tests/run.  The program links as one static file from
# Debian's static libraries (make lcspr-static), and that file works.
rm -f lcspr-static
if out=$(make -s lcspr-static 2>&1) && [ -x lcspr-static ] &&
   ! readelf -d lcspr-static | grep -q NEEDED &&
   (cd tests/build/subpath && "$ROOT/lcspr-static" check -q -C content) >/dev/null 2>&1; then
	pass "static: lcspr links as one static file, which checks a site"
else
	fail "static: lcspr links as one static file, which checks a site" "$(grep -v 'warning: Using' <<<"$out" | head -20)"
fi
rm -f lcspr-static
