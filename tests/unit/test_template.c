/*
 * Unit tests for template.c: which addresses a field may put in an
 * attribute that holds one (href, src, action...).
 */
#include "harness.h"

#include "../../gen/lcspr.h"
#include "../../gen/extern.h"

void
test_template(void)
{
	static const char *const safe[] = {
		"", "./", "../../reviews/child-a/", "reviews/a:b/", "#top",
		"?q=1", "/x", "https://example.org/", "HTTP://example.org/",
		"mailto:team@example.org", "file.pdf", "a b", "1x:y",
		"//example.org/", NULL
	};
	static const char *const unsafe[] = {
		"javascript:alert(1)", "JavaScript:alert(1)",
		" \x01javascript:alert(1)", "java\tscript:alert(1)",
		"java\nscript:alert(1)", "data:text/html,<b>", "vbscript:x",
		"x:y.svg", "blob:https://example.org/", "ftp://example.org/",
		"httpsx:x", "a+b.c-d:x", NULL
	};
	size_t	 i;

	for (i = 0; safe[i] != NULL; i++)
		CHECK(template_safeurl(safe[i]), "\"%s\" is refused", safe[i]);
	for (i = 0; unsafe[i] != NULL; i++)
		CHECK(!template_safeurl(unsafe[i]), "\"%s\" is allowed",
		    unsafe[i]);
}
