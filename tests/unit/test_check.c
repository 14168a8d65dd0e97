/*
 * check.c: each rule finds its true positives and none of the near
 * misses; masking; exceptions.
 */
#include <stdlib.h>

#include "../../gen/lcspr.h"
#include "../../gen/internal.h"
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
	/* As the reader sees them: spaces, invisible characters, entities. */
	{ "phone", "call 07700\xc2\xa0" "900123 now", 1 },
	{ "phone", "call 07700\xe2\x80\xaf" "900123 now", 1 },
	{ "phone", "call 0770\xe2\x80\x8b" "0 900123 now", 1 },
	{ "phone", "call 07700&nbsp;900123 or 07700&#32;900124", 2 },
	{ "phone", "call 07700&thinsp;900123 or 07700&numsp;900124", 2 },
	{ "phone", "call 07700&zwsp;&shy;9001&#x2060;23", 1 },
	{ "email", "write to jo&#64;example.org", 1 },
	{ "email", "write to jo&#x40;example&period;org", 1 },
	{ "email", "write to jo&commat;example.org or jo\\@example.org", 2 },
	{ "email", "write to jo&amp;#64;example.org", 0 },
	{ "email", "write to jo@example.org.", 1 },
	{ "email", "write to jo@mail.example.co.uk, today", 1 },
	{ "postcode", "lived in AB1\xc2\xa0" "2CD and SW1A\t1AA", 2 },
	{ "nhs-number", "NHS 943\xe2\x80\x89" "476\xe2\x80\x89" "5919", 1 },
	{ "ni-number", "AB\xe2\x80\x8d" "12 34 56\xef\xbb\xbf C", 1 },
	{ "date-of-birth", "born\xc2\xa0on\xc2\xa0" "3\xc2\xa0March 2019", 1 },
	{ "street-address", "at 14\xc2\xa0Willow\xe3\x80\x80Tree Close", 1 },
	/* Digits are ASCII: Arabic-Indic digits are not a phone number. */
	{ "phone", "\xd9\xa0\xd9\xa7\xd9\xa7\xd9\xa0\xd9\xa0 "
	  "\xd9\xa9\xd9\xa0\xd9\xa0\xd9\xa1\xd9\xa2\xd9\xa3", 0 },
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

/* A rule from site.yaml that cannot finish: reported, and scanning goes
 * on; a built-in pattern never reaches pcre2's limits. */
static void
test_check_limits(struct site *s)
{
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i;
	const char	*t;

	buf_puts(&b, "Reference: x@");
	for (i = 0; i < 100000; i++)
		buf_puts(&b, "b.");
	buf_puts(&b, "` and ");
	for (i = 0; i < 100000; i++)
		buf_puts(&b, "a");
	buf_puts(&b, " then jo@example.org\nborn");
	for (i = 0; i < 100000; i++)
		buf_puts(&b, " ");
	buf_puts(&b, "x, and 1 Aaaaaaaaaaaaa\n");
	CHECK(check_text(s, "t.md", b.data, b.len, NULL, NULL, 0) == 0 &&
	    s->diag->msgsz == 1 && s->diag->msgs[0].line == 1 &&
	    strncmp(s->diag->msgs[0].text, "email:", 6) == 0,
	    "built-in patterns on long tokens: %zu messages", s->diag->msgsz);
	found(s->diag, "x");
	buf_free(&b);

	CHECK(check_add(s, "site.yaml", 9, "school", "(?:\\w+\\s?)+ "
	    "Academy\\b", "a school", 1), "a site rule");
	t = "The family moved several times and the children attended a "
	    "number of settings over the period under review.\n\n"
	    "Later, Child A attended Fennmarsh Academy, jo@example.org.\n";
	check_text(s, "t.md", t, strlen(t), NULL, NULL, 0);
	/* The e-mail rule first, then the site rule's two messages. */
	CHECK(s->diag->msgsz == 3 && s->diag->msgs[0].line == 3 &&
	    s->diag->msgs[1].line == 1 && strstr(s->diag->msgs[1].text,
	    "the check \"school\" could not finish here (PCRE2 error: "
	    "match limit exceeded): simplify its pattern at site.yaml "
	    "line 9") != NULL && s->diag->msgs[2].line == 3 &&
	    strncmp(s->diag->msgs[2].text, "school:", 7) == 0,
	    "limit reported, scanning goes on: %zu messages, %s",
	    s->diag->msgsz, s->diag->msgsz > 1 ? s->diag->msgs[1].text : "");
	found(s->diag, "x");
	s->rulesz--;		/* forget the site rule */
	free(s->rules[s->rulesz].name);
	free(s->rules[s->rulesz].message);
	pcre2_code_free(s->rules[s->rulesz].re);
}

/* Escapes of double-quoted front-matter values, at their line and
 * column, with the file's text masked. */
static void
test_check_front(void)
{
	struct site	 s;
	struct run	 run;
	struct opts	 o;
	struct front	 f;
	const char	*t = "---\ntitle: \"T\"\nsummary: \"Call 07700"
	    "\\u00a0900126 or jo\\x40example.org\"\nx: 'jo\\x40example.org'"
	    "\n---\nText.\n";

	memset(&s, 0, sizeof(s));
	memset(&run, 0, sizeof(run));
	s.run = &run;
	s.diag = &run.diag;
	memset(&o, 0, sizeof(o));
	s.opts = &o;
	diag_init(s.diag);
	check_init(&s);
	CHECK(front_split(s.diag, "t.md", t, strlen(t), &f) &&
	    front_load(s.diag, &f), "front matter loads");
	check_text(&s, "t.md", t, strlen(t), &f, NULL, 0);
	/* The rules run in order: e-mail, then phone. */
	CHECK(s.diag->msgsz == 2 && s.diag->msgs[0].line == 3 &&
	    s.diag->msgs[0].col == 37 && s.diag->msgs[1].line == 3 &&
	    s.diag->msgs[1].col == 16, "escapes in a quoted value: %zu",
	    s.diag->msgsz);
	if (s.diag->msgsz == 2) {
		CHECK_STR(s.diag->msgs[0].text,
		    "email: an e-mail address \"jo\\*************g\"");
		CHECK_STR(s.diag->msgs[1].text,
		    "phone: a UK phone number \"077*************6\"");
	}
	found(s.diag, "x");
	front_free(&f);
	check_free(&s);
	diag_free(s.diag);
}

/* The normaliser's text, and where each of its bytes came from. */
static void
test_check_norm(void)
{
	struct norm	 n;
	const char	*t;
	size_t		 i;
	/* "a b c" from "a&nbsp;b\u00a0c", then ZWSP, "&#64;", "\\@". */
	static const size_t from[] = { 0, 1, 7, 8, 10, 14, 15, 20, 21, 23 };
	static const size_t to[] = { 1, 7, 8, 10, 11, 15, 20, 21, 23, 24 };

	t = "plain ASCII text";
	norm_text(&n, t, strlen(t), NULL);
	CHECK(n.text == t && n.buf == NULL && n.len == strlen(t) &&
	    norm_start(&n, 3) == 3 && norm_end(&n, 5) == 5,
	    "no copy of plain text");
	norm_free(&n);

	t = "a&nbsp;b\xc2\xa0" "c\xe2\x80\x8b" "d&#64;e\\@f";
	norm_text(&n, t, strlen(t), NULL);
	CHECK_STR(n.text, "a b cd@e@f");
	CHECK(n.len == 10, "length %zu", n.len);
	for (i = 0; i < 10 && n.len == 10; i++)
		CHECK(norm_start(&n, i) == from[i] &&
		    norm_end(&n, i + 1) == to[i], "byte %zu: %zu-%zu, want "
		    "%zu-%zu", i, norm_start(&n, i), norm_end(&n, i + 1),
		    from[i], to[i]);
	CHECK(norm_start(&n, n.len) == strlen(t), "end maps to the end");
	norm_free(&n);

	/* Multibyte results keep their source for every byte. */
	t = "x&eacute;&#x1F600;&bogus;&#;";
	norm_text(&n, t, strlen(t), NULL);
	CHECK_STR(n.text, "x\xc3\xa9\xf0\x9f\x98\x80&bogus;&#;");
	CHECK(norm_start(&n, 2) == 1 && norm_end(&n, 3) == 9 &&
	    norm_start(&n, 3) == 9 && norm_end(&n, 7) == 18,
	    "multibyte sources");
	norm_free(&n);
}

void
test_check(void)
{
	struct site	 s;
	struct run	 run;
	struct opts	 o;
	struct allow	 fa;
	size_t		 i, n;
	char		*m;
	const char	*t;

	memset(&s, 0, sizeof(s));
	memset(&run, 0, sizeof(run));
	s.run = &run;
	s.diag = &run.diag;
	memset(&o, 0, sizeof(o));
	s.opts = &o;
	diag_init(s.diag);
	check_init(&s);
	CHECK(s.diag->msgsz == 0, "built-in patterns compile");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		check_text(&s, "t.md", cases[i].text, strlen(cases[i].text),
		    NULL, NULL, 0);
		n = found(s.diag, cases[i].rule);
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
	check_text(&s, "t.md", t, strlen(t), NULL, NULL, 0);
	CHECK(s.diag->msgsz == 1 && s.diag->msgs[0].line == 3,
	    "inline allow covers one line");
	found(s.diag, "email");
	t = "nothing to see\n<!-- lcspr: allow phone -->\nstill nothing\n";
	check_text(&s, "t.md", t, strlen(t), NULL, NULL, 0);
	CHECK(s.diag->msgsz == 1 && s.diag->msgs[0].line == 2 &&
	    strstr(s.diag->msgs[0].text, "stale exception") != NULL,
	    "stale inline allow reported");
	found(s.diag, "x");
	t = "<!-- lcspr: allow emial -->\n";
	check_text(&s, "t.md", t, strlen(t), NULL, NULL, 0);
	CHECK(s.diag->msgsz == 1 && strstr(s.diag->msgs[0].text,
	    "did you mean \"email\"") != NULL, "unknown rule in an allow");
	found(s.diag, "x");
	fa.rule = xstrdup("email");
	fa.line = 2;
	fa.used = 0;
	t = "x@example.org and y@example.org\n";
	check_text(&s, "t.md", t, strlen(t), NULL, &fa, 1);
	CHECK(s.diag->msgsz == 0 && fa.used, "front-matter allow");
	free(fa.rule);

	CHECK(check_add(&s, "site.yaml", 7, "school", "(?:Eastmoor",
	    "a school", 1) == 0 && s.diag->msgsz == 1 &&
	    s.diag->msgs[0].line == 7 && strstr(s.diag->msgs[0].text,
	    "at character") != NULL, "bad site pattern reported: %s",
	    s.diag->msgsz ? s.diag->msgs[0].text : "");
	found(s.diag, "x");
	o.nocheck = 1;
	t = "sam@example.org\n";
	CHECK(check_text(&s, "t.md", t, strlen(t), NULL, NULL, 0) == 1 &&
	    s.diag->msgsz == 0, "--no-check skips the rules");
	o.nocheck = 0;
	test_check_limits(&s);
	check_free(&s);
	diag_free(s.diag);
	test_check_front();
	test_check_norm();
}
