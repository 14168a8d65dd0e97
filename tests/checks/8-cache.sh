# Sourced by tests/run.  The template cache and the order of the page
# jobs change no byte of the output: every golden site and the sample,
# built with the cache off and on (LCSPR_NOCACHE), on one thread and on
# two, in forward and reverse job order (LCSPR_JOBORDER), are the same
# as the build with no cache, one thread, forward order.  404.html keeps
# its absolute links whatever was built before it (with the cache keyed
# by page depth it once took the links of a page three folders deep).
C=$OUT/cache
rm -rf "$C"
mkdir -p "$C"
for dir in tests/build/*/ sample; do
	if [ "$dir" = sample ]; then
		name=sample dir=$ROOT args=""
	else
		dir=${dir%/} name=$(basename "$dir") args=""
		[ -d "$dir/content" ] || continue
		[ -f "$dir/args" ] && args=$(cat "$dir/args")
	fi
	ref=$C/$name-off-j1-forward
	bad=""
	for cache in off on; do
		nocache=""
		[ "$cache" = off ] && nocache=1
		for j in 1 2; do
			for order in forward reverse; do
				v=$name-$cache-j$j-$order
				if ! (cd "$dir" && eval "LCSPR_NOCACHE=$nocache LCSPR_JOBORDER=$order \"$ROOT/lcspr\" build -q -j $j -C content -t \"$ROOT/themes/default\" -o \"$C/$v\" $args") >"$C/$v.log" 2>&1; then
					bad="$bad$v: build failed: $(head -n 5 "$C/$v.log")
"
				elif [ "$C/$v" != "$ref" ] &&
				    ! d=$(diff -r "$ref" "$C/$v"); then
					bad="$bad$v differs from $(basename "$ref"):
$d
"
				elif [ -f "$C/$v/404.html" ] &&
				    grep -q 'href="\.\./' "$C/$v/404.html"; then
					bad="$bad$v: 404.html has relative links: $(grep -o 'href="\.\./[^"]*"' "$C/$v/404.html" | head -3)
"
				fi
			done
		done
	done
	if [ -z "$bad" ]; then
		pass "cache on and off, -j 1 and 2, jobs forward and reversed: the same site ($name)"
	else
		fail "cache on and off, -j 1 and 2, jobs forward and reversed: the same site ($name)" "$bad"
	fi
done
rm -rf "$C"

# The switches are checked: a mistyped job order is a usage error.
out=$(LCSPR_JOBORDER=backwards "$ROOT/lcspr" build -C "$SAMPLE/content" -o "$OUT/cache-never" 2>&1)
rc=$?
if [ "$rc" -eq 2 ] && [ "$(printf '%s\n' "$out" | head -n 1)" = 'lcspr: LCSPR_JOBORDER is "backwards": set it to "forward" or "reverse", or unset it' ] &&
    [ ! -e "$OUT/cache-never" ]; then
	pass "LCSPR_JOBORDER=backwards is refused"
else
	fail "LCSPR_JOBORDER=backwards is refused" "$out"
fi
