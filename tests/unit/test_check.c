/*
 * check.c: each rule finds its true positives and none of the near
 * misses; masking; exceptions.
 */
#include <stdlib.h>

#include "../../gen/lcspr.h"
#include "../../gen/extern.h"
#include "harness.h"

static const struct {
	const char	*rule;
	const char	*text;
	int		 found;		/* findings of rule expected */
} cases[] = {
	{ "email", "write to sam.worker@example.org today", 1 },
	{ "email", "a.b+c@mail.example.co.uk", 1 },
	{ "email", "the @ sign and user@localhost", 0 },
	{ "phone", "call 07700 900123 now", 1 },
	{ "phone", "call 07700900123", 1 },
	{ "phone", "+44 7700 900123", 1 },
	{ "phone", "+44 (0)20 7946 0018", 1 },
	{ "phone", "020 7946 0018 or 01632 960983", 2 },
	{ "phone", "report LCSPR-2023-0145-778", 0 },
	{ "phone", "case reference 0123 456", 0 },
	{ "phone", "ref 0123-4567890-1", 0 },
	{ "phone", "in 2019 and 2020 there were 12 345 contacts", 0 },
	{ "postcode", "lived in AB1 2CD for years", 1 },
	{ "postcode", "SW1A 1AA and M1 1AE", 2 },
	{ "postcode", "an office in SW1 and NE1", 0 },
	{ "postcode", "COVID 19 and NHS 111", 0 },
	{ "nhs-number", "NHS number 943 476 5919", 1 },
	{ "nhs-number", "9434765919", 1 },
	{ "nhs-number", "943-476-5919", 1 },
	{ "nhs-number", "1234567890 fails the check digit", 0 },
	{ "nhs-number", "943 476 5918 fails it too", 0 },
	{ "ni-number", "NI number AB 12 34 56 C", 1 },
	{ "ni-number", "AB123456C", 1 },
	{ "ni-number", "QQ 12 34 56 C has a first letter never used", 0 },
	{ "ni-number", "GB 12 34 56 A is not issued", 0 },
	{ "date-of-birth", "Child A was born on 3 March 2019.", 1 },
	{ "date-of-birth", "DOB: 03/03/2019", 1 },
	{ "date-of-birth", "date of birth 2019-03-03", 1 },
	{ "date-of-birth", "born 21st Jan 2020", 1 },
	{ "date-of-birth", "DO.B: 03/03/2019", 1 },
	{ "date-of-birth", "D.O.B. 3 March 2019", 1 },
	{ "date-of-birth", "born in 2019, and born prematurely", 0 },
	{ "date-of-birth", "seen on 3 March 2019", 0 },
	{ "street-address", "they lived at 14 Willow Tree Close", 1 },
	{ "street-address", "12a High Street", 1 },
	{ "street-address", "Child B's school on the main road", 0 },
	{ "street-address", "12 Agencies Working Together", 0 },
	{ "social-media", "https://www.facebook.com/some.person", 1 },
	{ "social-media", "see instagram.com/someone.", 1 },
	{ "social-media", "tiktok.com/@someone and x.com/handle", 2 },
	{ "social-media", "the NSPCC's guide on social media and facebook", 0 },
	{ "social-media", "https://example.com/facebook", 0 },
	{ "social-media", "youtube.com/@someone and youtube.com/c/name", 2 },
	{ "social-media", "https://www.youtube.com/channel/UCabc123", 1 },
};

/* How many pending messages name rule, then forget them. */
static size_t
found(struct diag *d, const char *rule)
{
	size_t	 i, n = 0, len = strlen(rule);
	FILE	*f;

	for (i = 0; i < d->msgsz; i++)
		if (strncmp(d->msgs[i].text, rule, len) == 0 &&
		    d->msgs[i].text[len] == ':')
			n++;
	f = fopen("/dev/null", "w");
	diag_flush(d, f);
	fclose(f);
	return n;
}

void
test_check(void)
{
	struct site	 s;
	struct opts	 o;
	struct allow	 fa;
	size_t		 i, n;
	char		*m;
	const char	*t;

	memset(&s, 0, sizeof(s));
	memset(&o, 0, sizeof(o));
	s.opts = &o;
	diag_init(&s.diag);
	check_init(&s);
	CHECK(s.diag.msgsz == 0, "built-in patterns compile");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		check_text(&s, "t.md", cases[i].text, strlen(cases[i].text),
		    NULL, 0);
		n = found(&s.diag, cases[i].rule);
		CHECK(n == (size_t)cases[i].found, "%s in \"%s\": %zu "
		    "findings, want %d", cases[i].rule, cases[i].text, n,
		    cases[i].found);
	}

	m = check_mask("AB123456D", 9);
	CHECK_STR(m, "AB1*****D");
	free(m);
	m = check_mask("Jojo", 4);
	CHECK_STR(m, "J***");
	free(m);
	m = check_mask("Zo\xc3\xab Smith", 10);
	CHECK_STR(m, "Zo\xc3\xab*****h");
	free(m);

	/* An exception on the line before excuses the next line only. */
	t = "<!-- lcspr: allow email -->\na@example.org\nb@example.org\n";
	check_text(&s, "t.md", t, strlen(t), NULL, 0);
	CHECK(s.diag.msgsz == 1 && s.diag.msgs[0].line == 3,
	    "inline allow covers one line");
	found(&s.diag, "email");
	t = "nothing to see\n<!-- lcspr: allow phone -->\nstill nothing\n";
	check_text(&s, "t.md", t, strlen(t), NULL, 0);
	CHECK(s.diag.msgsz == 1 && s.diag.msgs[0].line == 2 &&
	    strstr(s.diag.msgs[0].text, "stale exception") != NULL,
	    "stale inline allow reported");
	found(&s.diag, "x");
	t = "<!-- lcspr: allow emial -->\n";
	check_text(&s, "t.md", t, strlen(t), NULL, 0);
	CHECK(s.diag.msgsz == 1 && strstr(s.diag.msgs[0].text,
	    "did you mean \"email\"") != NULL, "unknown rule in an allow");
	found(&s.diag, "x");
	fa.rule = xstrdup("email");
	fa.line = 2;
	fa.used = 0;
	t = "x@example.org and y@example.org\n";
	check_text(&s, "t.md", t, strlen(t), &fa, 1);
	CHECK(s.diag.msgsz == 0 && fa.used, "front-matter allow");
	free(fa.rule);

	CHECK(check_add(&s, "site.yaml", 7, "school", "(?:Eastmoor",
	    "a school", 1) == 0 && s.diag.msgsz == 1 &&
	    s.diag.msgs[0].line == 7 && strstr(s.diag.msgs[0].text,
	    "at character") != NULL, "bad site pattern reported: %s",
	    s.diag.msgsz ? s.diag.msgs[0].text : "");
	found(&s.diag, "x");
	o.nocheck = 1;
	t = "sam@example.org\n";
	CHECK(check_text(&s, "t.md", t, strlen(t), NULL, 0) == 1 &&
	    s.diag.msgsz == 0, "--no-check skips the rules");
	check_free(&s);
	diag_free(&s.diag);
}
