# tests/run: beside the others, once ./lcspr is built
# Sourced by tests/run: the pathological inputs (tests/pathological/run),
# each under a time limit, whose own "N passed, N failed" is added to the
# totals.
out=$(LCSPR=$ROOT/lcspr tests/pathological/run 2>&1)
rc=$?
last=$(tail -n 1 <<<"$out")
if [[ "$last" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
	passed=$((passed + BASH_REMATCH[1]))
	failed=$((failed + BASH_REMATCH[2]))
	[ "${BASH_REMATCH[2]}" -gt 0 ] && grep -v '^pass: ' <<<"$out" | sed '$d'
	[ -n "${VERBOSE:-}" ] && grep '^pass: ' <<<"$out"
	[ "$rc" -ne 0 ] && [ "${BASH_REMATCH[2]}" -eq 0 ] && fail "pathological exit $rc" "$out"
else
	fail "pathological ended early (exit $rc)" "$out"
fi
