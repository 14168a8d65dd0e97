/* front.c: splitting front matter and loading it. */
#include <stdlib.h>

#include "../../gen/lcspr.h"
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

	t = "---\na: true\nb: No\nc: 'true'\nd:\ne: ~\nf: ''\ng: maybe\n---\n";
	front_split(&d, "a.md", t, strlen(t), &f);
	CHECK(front_load(&d, &f) == 1 && f.fieldsz == 7, "scalars");
	CHECK(front_bool(f.fields[0].value, &b) && b == 1, "true");
	CHECK(front_bool(f.fields[1].value, &b) && b == 0, "No");
	CHECK(!front_bool(f.fields[2].value, &b), "quoted true is text");
	CHECK(front_isnull(f.fields[3].value), "empty is null");
	CHECK(front_isnull(f.fields[4].value), "~ is null");
	CHECK(!front_isnull(f.fields[5].value) &&
	    strcmp(front_scalar(f.fields[5].value), "") == 0, "'' is text");
	CHECK(!front_bool(f.fields[6].value, &b), "maybe is not a flag");
	CHECK(front_line(&f, f.fields[6].value) == 8, "value line");
	front_free(&f);
	diag_free(&d);
}
