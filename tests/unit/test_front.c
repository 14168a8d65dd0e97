/* front.c: splitting front matter and loading it. */
#include <stdlib.h>

#include "../../gen/lcspr.h"
#include "../../gen/internal.h"
#include "../../gen/extern.h"
#include "harness.h"

/* The first pending message, as "line: text", or "" if none. */
static const char *
first(struct diag *d, char *buf, size_t sz)
{
	if (d->msgsz == 0)
		return "";
	snprintf(buf, sz, "%zu: %s", d->msgs[0].line, d->msgs[0].text);
	return buf;
}

/* A line made with printf, added to b. */
static void
addf(struct buf *b, const char *fmt, size_t i)
{
	char	 line[64];

	snprintf(line, sizeof(line), fmt, i);
	buf_puts(b, line);
}

static void
drop(struct diag *d)
{
	FILE	*f = fopen("/dev/null", "w");

	diag_flush(d, f);
	fclose(f);
	d->errors = d->warnings = 0;
}

void
test_front(void)
{
	struct diag	 d;
	struct front	 f;
	char		 buf[512];
	const char	*t;
	int		 b;

	diag_init(&d);
	t = "---\ntitle: x\n---\nbody\n";
	CHECK(front_split(&d, "a.md", t, strlen(t), &f) == 1, "split");
	CHECK(f.yamlline == 2 && f.bodyline == 4 && f.yamlsz == 9 &&
	    strcmp(f.body, "body\n") == 0, "split parts");

	t = "\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nbody";
	CHECK(front_split(&d, "a.md", t, strlen(t), &f) == 1 &&
	    f.bodyline == 4 && strcmp(f.body, "body") == 0, "BOM and CRLF");

	t = "title: x\n---\n";
	CHECK(front_split(&d, "a.md", t, strlen(t), &f) == 0, "no opener");
	CHECK(strstr(first(&d, buf, sizeof(buf)), "1: no front matter") ==
	    buf, "no opener message: %s", buf);
	drop(&d);

	t = "---\ntitle: x\nbody\n";
	CHECK(front_split(&d, "a.md", t, strlen(t), &f) == 0, "unclosed");
	CHECK(strstr(first(&d, buf, sizeof(buf)), "not closed") != NULL,
	    "unclosed message: %s", buf);
	drop(&d);

	t = "---\n---\n";
	CHECK(front_split(&d, "a.md", t, strlen(t), &f) == 1 &&
	    f.yamlsz == 0 && f.bodysz == 0, "empty block");
	CHECK(front_load(&d, &f) == 1 && f.fieldsz == 0, "empty loads");
	front_free(&f);

	t = "---\ntitle: a\nregion: b\ntitle: c\n---\nx\n";
	front_split(&d, "a.md", t, strlen(t), &f);
	CHECK(front_load(&d, &f) == 0, "duplicate key fails");
	CHECK_STR(first(&d, buf, sizeof(buf)),
	    "4: duplicate field \"title\" (first given on line 2)");
	CHECK(f.fieldsz == 2 && f.fields[1].line == 3, "fields kept");
	front_free(&f);
	drop(&d);

	t = "---\ntitle: ok\nsummary: Child A: a colon\n---\nx\n";
	front_split(&d, "a.md", t, strlen(t), &f);
	CHECK(front_load(&d, &f) == 0, "yaml error");
	CHECK(strncmp(first(&d, buf, sizeof(buf)), "3: this is not valid "
	    "YAML: mapping values are not allowed", 40) == 0,
	    "yaml error line and text: %s", buf);
	front_free(&f);
	drop(&d);

	t = "---\n- a\n- b\n---\nx\n";
	front_split(&d, "a.md", t, strlen(t), &f);
	CHECK(front_load(&d, &f) == 0, "not a mapping");
	front_free(&f);
	drop(&d);

	t = "---\na: true\nb: No\nc: 'true'\nd:\ne: ~\nf: ''\ng: maybe\n"
	    "h: \"YES\"\ni: [true]\nj: 1\n---\n";
	front_split(&d, "a.md", t, strlen(t), &f);
	CHECK(front_load(&d, &f) == 1 && f.fieldsz == 10, "scalars");
	CHECK(front_bool(&d, &f, &f.fields[0], &b) && b == 1, "true");
	CHECK(front_bool(&d, &f, &f.fields[1], &b) && b == 0, "No");
	CHECK(front_bool(&d, &f, &f.fields[2], &b) && b == 1,
	    "quoted true is true");
	CHECK(front_bool(&d, &f, &f.fields[7], &b) && b == 1,
	    "quoted YES is true");
	CHECK(d.msgsz == 0, "no message for a good flag");
	CHECK(front_isnull(f.fields[3].value), "empty is null");
	CHECK(front_isnull(f.fields[4].value), "~ is null");
	CHECK(!front_isnull(f.fields[5].value) &&
	    strcmp(front_scalar(f.fields[5].value), "") == 0, "'' is text");
	CHECK(!front_bool(&d, &f, &f.fields[6], &b), "maybe is not a flag");
	CHECK_STR(first(&d, buf, sizeof(buf)), "8: \"g\" must be true or "
	    "false (or yes or no), not \"maybe\"");
	drop(&d);
	CHECK(!front_bool(&d, &f, &f.fields[3], &b), "empty is not a flag");
	CHECK_STR(first(&d, buf, sizeof(buf)), "5: \"d\" is empty: write "
	    "true or false (or yes or no)");
	drop(&d);
	CHECK(!front_bool(&d, &f, &f.fields[8], &b), "a list is no flag");
	drop(&d);
	CHECK(!front_bool(&d, &f, &f.fields[9], &b), "1 is not a flag");
	drop(&d);
	CHECK(front_line(&f, f.fields[6].value) == 8, "value line");
	front_free(&f);

	/* A " #" after an unquoted value cuts it short. */
	t = "---\ntitle: Child B and the #SeeMe campaign\nregion: x\n---\n";
	front_split(&d, "a.md", t, strlen(t), &f);
	CHECK(front_load(&d, &f) == 0 && f.fields[0].reported &&
	    !f.fields[1].reported, "comment cuts short");
	CHECK_STR(first(&d, buf, sizeof(buf)), "2: \"title\" is cut short "
	    "at \"Child B and the\": a # after a space starts a comment, "
	    "which is left out, so put the whole value in double quotes: "
	    "title: \"Child B and the #SeeMe campaign\"");
	front_free(&f);
	drop(&d);

	t = "accent: #5b2a86\n";
	memset(&f, 0, sizeof(f));
	f.path = "site.yaml";
	f.yaml = t;
	f.yamlsz = strlen(t);
	f.yamlline = 1;
	CHECK(front_load(&d, &f) == 0, "comment empties");
	CHECK_STR(first(&d, buf, sizeof(buf)), "1: \"accent\" is empty: "
	    "a # after a space starts a comment, which is left out, so put "
	    "the whole value in double quotes: accent: \"#5b2a86\"");
	front_free(&f);
	drop(&d);

	/* Comments that stay legal; a # inside a word or quotes. */
	t = "---\n# a note\nregions:  # the nine\n  - North East\n"
	    "  # more\n  - \"North West\"  # quoted\ntitle: C#\n"
	    "accent: \"#5b2a86\" # hex\nempty:\n# below\n---\n";
	front_split(&d, "a.md", t, strlen(t), &f);
	CHECK(front_load(&d, &f) == 1 && d.msgsz == 0, "legal comments: %s",
	    first(&d, buf, sizeof(buf)));
	front_free(&f);
	drop(&d);

	/* Curly quotes, parsed or not. */
	t = "---\ntitle: \xe2\x80\x9c" "Child B: neglect\xe2\x80\x9d\n---\n";
	front_split(&d, "a.md", t, strlen(t), &f);
	CHECK(front_load(&d, &f) == 0, "curly quotes with a colon");
	CHECK_STR(first(&d, buf, sizeof(buf)), "2: \"title\" is in curly "
	    "quotes (\xe2\x80\x9c \xe2\x80\x9d), which are not read as "
	    "quotes: use straight quotes (\") instead: title: \"Child B: "
	    "neglect\"");
	front_free(&f);
	drop(&d);
	t = "---\na: 1\nsummary: \xe2\x80\x98" "Child B\xe2\x80\x99s\xe2\x80\x99"
	    "\n---\n";
	front_split(&d, "a.md", t, strlen(t), &f);
	CHECK(front_load(&d, &f) == 0 && f.fields[1].reported,
	    "curly quotes parsed");
	CHECK(strncmp(first(&d, buf, sizeof(buf)), "3: \"summary\" is in "
	    "curly quotes (\xe2\x80\x98 \xe2\x80\x99)", 40) == 0 &&
	    strstr(buf, "summary: \"Child B\xe2\x80\x99s\"") != NULL,
	    "curly single: %s", buf);
	front_free(&f);
	drop(&d);
	t = "---\nsummary: Child B\xe2\x80\x99s review\n---\n";
	front_split(&d, "a.md", t, strlen(t), &f);
	CHECK(front_load(&d, &f) == 1, "an apostrophe is not a quote");
	front_free(&f);
	drop(&d);

	/* YAML slips, at the line to change. */
	t = "---\ntitle: x\nsummary: A long summary that\nwraps here.\n"
	    "---\n";
	front_split(&d, "a.md", t, strlen(t), &f);
	CHECK(front_load(&d, &f) == 0, "wrapped");
	CHECK_STR(first(&d, buf, sizeof(buf)), "4: this line is not a field "
	    "(name: value): if it continues the line above, join it to that "
	    "line, or indent it with spaces");
	front_free(&f);
	drop(&d);
	t = "---\ntitle: x\nregion:north west\nthemes: [a]\n---\n";
	front_split(&d, "a.md", t, strlen(t), &f);
	CHECK(front_load(&d, &f) == 0, "no space after colon");
	CHECK_STR(first(&d, buf, sizeof(buf)), "3: a field needs a space "
	    "after its colon: region: north west");
	front_free(&f);
	drop(&d);
	t = "---\nregion:north west\ntitle: x\n---\n";
	front_split(&d, "a.md", t, strlen(t), &f);
	CHECK(front_load(&d, &f) == 0, "no space after colon, first line");
	CHECK_STR(first(&d, buf, sizeof(buf)), "2: a field needs a space "
	    "after its colon: region: north west");
	front_free(&f);
	drop(&d);
	t = "---\nurl: https://example.org/a\nb: c\n---\n";
	front_split(&d, "a.md", t, strlen(t), &f);
	CHECK(front_load(&d, &f) == 1, "a web address is not a slip");
	front_free(&f);
	drop(&d);
	t = "---\nthemes:\n  -Neglect\n  - Domestic abuse\nb: c\n---\n";
	front_split(&d, "a.md", t, strlen(t), &f);
	CHECK(front_load(&d, &f) == 0 && f.fields[0].reported, "dash");
	CHECK_STR(first(&d, buf, sizeof(buf)), "3: a list entry needs a "
	    "space after its dash: - Neglect");
	front_free(&f);
	drop(&d);
	t = "---\nthemes:\n  - Neglect\n  -Domestic abuse\n---\n";
	front_split(&d, "a.md", t, strlen(t), &f);
	CHECK(front_load(&d, &f) == 0, "dash, second entry");
	CHECK_STR(first(&d, buf, sizeof(buf)), "4: a list entry needs a "
	    "space after its dash: - Domestic abuse");
	front_free(&f);
	drop(&d);
	t = "---\nthemes:\n- Neglect\n-Domestic abuse\nb: c\n---\n";
	front_split(&d, "a.md", t, strlen(t), &f);
	CHECK(front_load(&d, &f) == 0, "dash, not indented");
	CHECK_STR(first(&d, buf, sizeof(buf)), "4: a list entry needs a "
	    "space after its dash: - Domestic abuse");
	front_free(&f);
	drop(&d);
	/* Limits checked before libyaml parses (issue 10). */
	{
		struct buf	 big;
		size_t		 i;

		memset(&big, 0, sizeof(big));
		buf_puts(&big, "---\n");
		for (i = 0; i < 10000; i++)
			addf(&big, "k%zu: v\n", i);
		buf_puts(&big, "---\nText.\n");
		CHECK(front_split(&d, "a.md", big.data, big.len, &f) == 0,
		    "front matter over the size limit");
		CHECK_STR(first(&d, buf, sizeof(buf)), "1: the front matter "
		    "is 87 KB, more than the limit of 64 KB: keep the fields "
		    "short and put the text after the closing ---");
		drop(&d);
		big.len = 0;
		buf_puts(&big, "---\n");
		for (i = 0; i < 201; i++)
			addf(&big, "k%zu: v\n", i);
		buf_puts(&big, "k0: again\n---\n");
		front_split(&d, "a.md", big.data, big.len, &f);
		CHECK(front_load(&d, &f) == 0 && f.fieldsz == 0,
		    "more than 200 fields");
		CHECK_STR(first(&d, buf, sizeof(buf)), "202: more than 200 "
		    "fields, which is more than lcspr reads: check that this "
		    "is the file you meant");
		front_free(&f);
		drop(&d);
		/* Duplicates found by sorting, each against the first. */
		big.len = 0;
		buf_puts(&big, "---\n");
		for (i = 0; i < 150; i++)
			addf(&big, "k%zu: v\n", i % 100);
		buf_puts(&big, "---\n");
		front_split(&d, "a.md", big.data, big.len, &f);
		CHECK(front_load(&d, &f) == 0 && f.fieldsz == 100 &&
		    d.msgsz == 50, "50 duplicates of 100 fields");
		CHECK_STR(first(&d, buf, sizeof(buf)), "102: duplicate field "
		    "\"k0\" (first given on line 2)");
		front_free(&f);
		drop(&d);
		buf_free(&big);
	}
	t = "---\nx: [[[[[[[[[[[[[[[[[[[[a]]]]]]]]]]]]]]]]]]]]\n"
	    "y: {a: [[[[[[[[[[[[[[[[[[[[\n ]]]]]]]]]]]]]]]]]]]]}\n---\n";
	front_split(&d, "a.md", t, strlen(t), &f);
	CHECK(front_load(&d, &f) == 0, "nested 21 deep");
	CHECK(strncmp(first(&d, buf, sizeof(buf)), "3: lists or groups of "
	    "fields are nested more than 20 deep", 56) == 0, "depth: %s", buf);
	front_free(&f);
	drop(&d);
	/* 20 deep, brackets in quotes and text, a comment: all fine. */
	t = "---\nx: [[[[[[[[[[[[[[[[[[[[a]]]]]]]]]]]]]]]]]]]]\n"
	    "y: [\"]]]]]]]]]]]]]]]]]]]]\", 'a''[', \"\\\"]\"]\n"
	    "title: Child A [[[[[[[[[[[[[[[[[[[[[[[[[[[\n"
	    "z: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['\n"
	    "w: [a] # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n"
	    "v: &a !!seq [[[[[[[[[[[[[[[[[[[[a]]]]]]]]]]]]]]]]]]]]\n---\n";
	front_split(&d, "a.md", t, strlen(t), &f);
	CHECK(front_load(&d, &f) == 1, "20 deep and brackets as text: %s",
	    first(&d, buf, sizeof(buf)));
	front_free(&f);
	drop(&d);
	/* A "]" in quotes does not close a bracket. */
	t = "---\nx: [\"]\", [\"]\", [\"]\", [\"]\", [\"]\", [\"]\", [\"]\", "
	    "[\"]\", [\"]\", [\"]\", [\"]\", [\"]\", [\"]\", [\"]\", [\"]\", "
	    "[\"]\", [\"]\", [\"]\", [\"]\", [\"]\", [\"]\"]]]]]]]]]]]]]]]]]]]]\n"
	    "---\n";
	front_split(&d, "a.md", t, strlen(t), &f);
	CHECK(front_load(&d, &f) == 0, "quoted ] hides no depth");
	front_free(&f);
	drop(&d);
	t = "---\nx: &a [[[[[[[[[[[[[[[[[[[[[a]]]]]]]]]]]]]]]]]]]]]\n---\n";
	front_split(&d, "a.md", t, strlen(t), &f);
	CHECK(front_load(&d, &f) == 0, "an anchor hides no depth");
	front_free(&f);
	drop(&d);
	/* A second document, or anything after "...", is refused. */
	t = "---\ntitle: x\n...\ndraft: true\n---\n";
	front_split(&d, "a.md", t, strlen(t), &f);
	CHECK(front_load(&d, &f) == 0 && f.fieldsz == 1, "after ...");
	CHECK_STR(first(&d, buf, sizeof(buf)), "3: a line of three dots "
	    "(...) ends the front matter here, so everything below it would "
	    "be ignored: remove it");
	front_free(&f);
	drop(&d);
	t = "---\ntitle: x\n...\n# a comment\n---\n";
	front_split(&d, "a.md", t, strlen(t), &f);
	CHECK(front_load(&d, &f) == 1, "nothing after ...: %s",
	    first(&d, buf, sizeof(buf)));
	front_free(&f);
	drop(&d);
	memset(&f, 0, sizeof(f));
	f.path = "site.yaml";
	f.yaml = "title: x\n---\n---\n# checks:\n---\nchecks: {}\n";
	f.yamlsz = strlen(f.yaml);
	f.yamlline = 1;
	CHECK(front_load(&d, &f) == 0 && f.fieldsz == 1, "second document");
	CHECK_STR(first(&d, buf, sizeof(buf)), "5: a line of three dashes "
	    "(---) ends the settings here, so everything below it would be "
	    "ignored: remove it");
	front_free(&f);
	drop(&d);
	f.yaml = "---\ntitle: x\n---\n";
	f.yamlsz = strlen(f.yaml);
	CHECK(front_load(&d, &f) == 1, "an empty second document: %s",
	    first(&d, buf, sizeof(buf)));
	front_free(&f);
	drop(&d);
	t = "---\nb: -5\nc: -- x\nsummary: a long line\n  -5 degrees\n---\n";
	front_split(&d, "a.md", t, strlen(t), &f);
	CHECK(front_load(&d, &f) == 1, "negative numbers, double dash: %s",
	    first(&d, buf, sizeof(buf)));
	front_free(&f);
	drop(&d);
	diag_free(&d);
}
