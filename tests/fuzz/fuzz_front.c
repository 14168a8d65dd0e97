/*
 * libFuzzer entry for the front-matter splitter and loader, and the
 * content checks: whatever the bytes, no crash, no leak, no hang.
 * Build and run with `make fuzz` (clang).  Seeds: tests/fuzz/corpus.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../gen/lcspr.h"
#include "../../gen/extern.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct site s;
	static struct opts o;
	static int	 init;
	struct front	 f;
	char		*text;
	size_t		 off;
	FILE		*null;

	if (!init) {
		s.opts = &o;
		diag_init(&s.diag);
		scan_patterns_init(&s.re);
		check_init(&s);
		init = 1;
	}
	text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	if (front_split(&s.diag, "fuzz.md", text, size, &f)) {
		front_load(&s.diag, &f);
		front_free(&f);
	}
	if (scan_utf8(&s.re, text, size, &off) && strlen(text) == size)
		check_text(&s, "fuzz.md", text, size, NULL, 0);
	null = fopen("/dev/null", "w");
	diag_flush(&s.diag, null);
	fclose(null);
	free(text);
	return 0;
}
