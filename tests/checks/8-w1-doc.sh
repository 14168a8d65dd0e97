# Sourced by tests/run.  Every kind of content file goes through the same
# reader (doc.c): reviews, theme and region intros and standalone pages
# get the same body checks, each at its own line; and the feeds' build
# date comes from the site's build time, not from the environment again.
d=$OUT/w1-doc
rm -rf "$d" && mkdir -p "$d/content/reviews" "$d/content/pages" "$d/content/themes" "$d/content/regions"
cp tests/errors/site.yaml "$d/content/site.yaml"
printf -- '---\ntitle: "Child A: a review"\npublished: 2024-03-12\nregion: London\nthemes: [Neglect]\nethnicity_recorded: true\n---\nChild A was known &#1; to services.\n' >"$d/content/reviews/child-a.md"
printf -- '---\ntitle: About\n---\nThis site &#2; lists reviews.\n' >"$d/content/pages/about.md"
printf -- 'Neglect is &#3; the most common theme.\n' >"$d/content/themes/neglect.md"
printf -- '\nThe capital &#4; has many partnerships.\n' >"$d/content/regions/london.md"
(cd "$d" && "$ROOT/lcspr" check >"$d/out" 2>&1)
want=$(cat <<'W'
content/pages/about.md:4:11: "&#2;" stands for the invisible control character \x02, which is not allowed in text (no feed reader would read the feeds): remove it
content/regions/london.md:2:13: "&#4;" stands for the invisible control character \x04, which is not allowed in text (no feed reader would read the feeds): remove it
content/reviews/child-a.md:8:19: "&#1;" stands for the invisible control character \x01, which is not allowed in text (no feed reader would read the feeds): remove it
content/themes/neglect.md:1:12: "&#3;" stands for the invisible control character \x03, which is not allowed in text (no feed reader would read the feeds): remove it
lcspr: checked 1 review and 1 page: 4 errors, 0 warnings
W
)
if [ "$(cat "$d/out")" = "$want" ]; then
	pass "doc: reviews, intros and pages get the same body checks"
else
	fail "doc: reviews, intros and pages get the same body checks" "$(diff <(echo "$want") "$d/out")"
fi

# Without SOURCE_DATE_EPOCH the feeds' lastBuildDate is the newest
# review's date (not the clock); with it, the build time it gives.
e=$d/feed
mkdir -p "$e/content/reviews"
cp tests/errors/site.yaml "$e/content/site.yaml"
printf -- '---\ntitle: "Child A: a review"\npublished: 2024-03-12\nregion: London\nthemes: [Neglect]\nethnicity_recorded: true\n---\nChild A was known to services.\n' >"$e/content/reviews/child-a.md"
if (cd "$e" && env -u SOURCE_DATE_EPOCH "$ROOT/lcspr" build -q -t "$ROOT/themes/default" -o clock) &&
    (cd "$e" && SOURCE_DATE_EPOCH=1764000000 "$ROOT/lcspr" build -q -t "$ROOT/themes/default" -o fixed) &&
    grep -q '<lastBuildDate>Tue, 12 Mar 2024 00:00:00 +0000</lastBuildDate>' "$e/clock/feed.xml" &&
    grep -q '<lastBuildDate>Tue, 12 Mar 2024 00:00:00 +0000</lastBuildDate>' "$e/clock/themes/neglect/feed.xml" &&
    grep -q '<lastBuildDate>Mon, 24 Nov 2025 16:00:00 +0000</lastBuildDate>' "$e/fixed/feed.xml" &&
    grep -q '<lastBuildDate>Mon, 24 Nov 2025 16:00:00 +0000</lastBuildDate>' "$e/fixed/regions/london/feed.xml"; then
	pass "doc: lastBuildDate from the build time only when SOURCE_DATE_EPOCH is set"
else
	fail "doc: lastBuildDate from the build time only when SOURCE_DATE_EPOCH is set" "$(grep -h lastBuildDate "$e"/*/feed.xml)"
fi
