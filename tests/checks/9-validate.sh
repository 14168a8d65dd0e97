# tests/run: beside the others, once ./lcspr is built
# Sourced by tests/run: the independent validators (tests/validate/all),
# whose own "N passed, N failed" is added to the totals.
out=$(tests/validate/all 2>&1)
rc=$?
last=$(tail -n 1 <<<"$out")
if [[ "$last" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
	passed=$((passed + BASH_REMATCH[1]))
	failed=$((failed + BASH_REMATCH[2]))
	[ "${BASH_REMATCH[2]}" -gt 0 ] && grep -v '^pass: ' <<<"$out" | sed '$d'
	[ "$rc" -ne 0 ] && [ "${BASH_REMATCH[2]}" -eq 0 ] && fail "validate exit $rc" "$out"
else
	fail "validate ended early (exit $rc)" "$out"
fi
