/*
 * libFuzzer entry for the front-matter splitter and loader, and the
 * content checks on the text the reader sees (norm.c decodes the
 * escapes of the loaded front matter's quoted values, entities and
 * Unicode spaces): whatever the bytes, no crash, no leak, no hang, and
 * every byte of the decoded text maps back inside the input, in order.
 * Build and run with `make fuzz` (clang).  Seeds: tests/fuzz/corpus.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../gen/lcspr.h"
#include "../../gen/internal.h"
#include "../../gen/extern.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct site s;
	static struct run run;
	static struct patterns re;
	static struct opts o;
	static int	 init;
	struct front	 f;
	struct norm	 n;
	char		*text;
	size_t		 off, i;
	FILE		*null;
	int		 utf8;

	if (!init) {
		s.opts = &o;
		s.run = &run;
		s.diag = &run.diag;
		diag_init(s.diag);
		s.re = &re;
		scan_patterns_init(s.re);
		check_init(&s);
		/* A site rule too: its match context and limits. */
		check_add(&s, "site.yaml", 1, "school", "\\bFennmarsh\\s+"
		    "(?:Primary|Academy)\\b", "a school", 1);
		init = 1;
	}
	text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	/* The checks need UTF-8, as scan_read makes sure. */
	utf8 = scan_utf8(s.re, text, size, &off) && strlen(text) == size;
	if (front_split(s.diag, "fuzz.md", text, size, &f)) {
		front_load(s.diag, &f);
		if (utf8)
			check_text(&s, "fuzz.md", text, size, &f, NULL, 0);
		front_free(&f);
	} else if (utf8)
		check_text(&s, "fuzz.md", text, size, NULL, NULL, 0);
	if (utf8) {
		check_document(&s, "fuzz.pdf", text, size, NULL);
		norm_text(&n, text, size, NULL);
		for (i = 0; i < n.len; i++)
			assert(norm_start(&n, i) < norm_end(&n, i + 1) &&
			    norm_end(&n, i + 1) <= size && (i == 0 ||
			    norm_start(&n, i - 1) <= norm_start(&n, i)));
		assert(n.text[n.len] == '\0' || n.buf == NULL);
		norm_free(&n);
	}
	null = fopen("/dev/null", "w");
	diag_flush(s.diag, null);
	fclose(null);
	free(text);
	return 0;
}
