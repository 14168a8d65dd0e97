/* date.c: calendar checks and the C-locale date forms. */
#include <stdlib.h>
#include <string.h>

#include "../../gen/lcspr.h"
#include "../../gen/internal.h"
#include "../../gen/extern.h"
#include "harness.h"

static void	test_build_time(void);

void
test_date(void)
{
	struct date	 d, e;
	char		 buf[64];

	CHECK(date_parse("2024-03-12", &d) == 1 && d.year == 2024 &&
	    d.month == 3 && d.day == 12, "plain date");
	CHECK(date_parse("2021-02-30", &d) == -1, "30 February");
	CHECK(date_parse("2021-02-29", &d) == -1, "29 February, not leap");
	CHECK(date_parse("2024-02-29", &d) == 1, "29 February, leap");
	CHECK(date_parse("1900-02-29", &d) == -1, "1900 not leap");
	CHECK(date_parse("2000-02-29", &d) == 1, "2000 leap");
	CHECK(date_parse("2024-13-01", &d) == -1, "month 13");
	CHECK(date_parse("2024-04-31", &d) == -1, "31 April");
	CHECK(date_parse("2024-00-10", &d) == -1, "month 0");
	CHECK(date_parse("2024-3-12", &d) == 0, "short month");
	CHECK(date_parse("12/03/2024", &d) == 0, "UK slashes");
	CHECK(date_parse("2024-03-12x", &d) == 0, "trailing text");
	CHECK(date_parse("", &d) == 0, "empty");

	date_parse("2024-03-12", &d);
	date_rfc822(&d, buf, sizeof(buf));
	CHECK_STR(buf, "Tue, 12 Mar 2024 00:00:00 +0000");
	date_parse("1970-01-01", &d);
	date_rfc822(&d, buf, sizeof(buf));
	CHECK_STR(buf, "Thu, 01 Jan 1970 00:00:00 +0000");
	date_parse("2000-02-29", &d);
	date_rfc822(&d, buf, sizeof(buf));
	CHECK_STR(buf, "Tue, 29 Feb 2000 00:00:00 +0000");
	date_parse("2026-11-24", &d);
	date_rfc822(&d, buf, sizeof(buf));
	CHECK_STR(buf, "Tue, 24 Nov 2026 00:00:00 +0000");
	date_human(&d, buf, sizeof(buf));
	CHECK_STR(buf, "24 November 2026");
	date_rfc822_time(1795000000, buf, sizeof(buf));
	CHECK_STR(buf, "Wed, 18 Nov 2026 11:06:40 +0000");
	date_from_time(1795000000, &e);
	CHECK(e.year == 2026 && e.month == 11 && e.day == 18, "from time");
	CHECK(date_cmp(&d, &e) > 0 && date_cmp(&e, &d) < 0 &&
	    date_cmp(&d, &d) == 0, "compare");

	/* The build date is taken in the site's time zone. */
	CHECK(date_zone("Europe/London") == 1, "Europe/London is a zone");
	CHECK(date_zone("UTC") == 1, "UTC is a zone");
	CHECK(date_zone("Europe/Londres") == 0, "no such zone");
	CHECK(date_zone("Europe") == 0, "a folder is not a zone");
	CHECK(date_zone("../zoneinfo/UTC") == 0, "a path is not a zone");
	CHECK(date_zone("/etc/localtime") == 0, "nor an absolute path");
	CHECK(date_zone("") == 0, "nor nothing");
	date_settz("Europe/London");
	date_from_time(1782948600, &e);		/* 2026-07-01 23:30 UTC */
	CHECK(e.year == 2026 && e.month == 7 && e.day == 2,
	    "23:30 UTC on 1 July is 2 July in London, got %d-%d-%d",
	    e.year, e.month, e.day);
	date_from_time(1767310200, &e);		/* 2026-01-01 23:30 UTC */
	CHECK(e.year == 2026 && e.month == 1 && e.day == 1,
	    "23:30 UTC on 1 January is 1 January in London, got %d-%d-%d",
	    e.year, e.month, e.day);
	date_settz("UTC");
	date_from_time(1782948600, &e);
	CHECK(e.year == 2026 && e.month == 7 && e.day == 1,
	    "23:30 UTC on 1 July is 1 July in UTC");
	test_build_time();
}

/* SOURCE_DATE_EPOCH: digits only, up to 9999-12-31T23:59:59Z. */
static void
test_build_time(void)
{
	static const char *const bad[] = { "67768036191676800",
	    "67768036191676799", "9223372036854775807", "253402300800",
	    "99999999999999999999", "-1", "+1", " 1", "1 ", "soon", "0x10" };
	time_t		 t;
	size_t		 i;
	char		 rfc[64];

	setenv("SOURCE_DATE_EPOCH", "253402300799", 1);
	CHECK(date_build_time(&t) == 1 && t == 253402300799LL,
	    "the last second of 9999");
	date_rfc822_time(t, rfc, sizeof(rfc));
	CHECK_STR(rfc, "Fri, 31 Dec 9999 23:59:59 +0000");
	setenv("SOURCE_DATE_EPOCH", "0", 1);
	CHECK(date_build_time(&t) == 1 && t == 0, "0 is 1970");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		setenv("SOURCE_DATE_EPOCH", bad[i], 1);
		CHECK(date_build_time(&t) == -1, "SOURCE_DATE_EPOCH=\"%s\" "
		    "refused", bad[i]);
	}
	unsetenv("SOURCE_DATE_EPOCH");
}

/* Dates more than a year after the build date are warned about. */
void
test_date_ahead(void)
{
	struct site	 s;
	struct run	 run;
	struct review	 r;
	size_t		 lines[4] = { 5, 0, 0, 3 };

	memset(&s, 0, sizeof(s));
	memset(&run, 0, sizeof(run));
	s.run = &run;
	s.diag = &run.diag;
	memset(&r, 0, sizeof(r));
	diag_init(s.diag);
	r.path = "content/reviews/child-b.md";
	date_parse("2026-11-18", &s.today);
	date_parse("2027-11-18", &r.published);
	date_parse("2020-01-01", &r.notified);
	date_ahead(&s, &r, lines, 0);
	CHECK(s.diag->warnings == 0, "a year ahead, to the day, is fine");
	date_parse("2027-11-19", &r.published);
	date_ahead(&s, &r, lines, 0);
	CHECK(s.diag->warnings == 1, "a year and a day ahead is warned");
	date_parse("2204-09-02", &r.published);
	date_parse("2205-01-01", &r.notified);
	date_ahead(&s, &r, lines, 0);
	CHECK(s.diag->warnings == 3, "each date is warned about");
	CHECK(s.diag->msgsz == 3 && s.diag->msgs[2].line == 3 &&
	    strcmp(s.diag->msgs[2].text, "\"published\" is 2204-09-02, more "
	    "than a year after today (2026-11-18): check the year") == 0,
	    "the message, at the field's line");
	date_parse("2028-02-29", &s.today);
	date_parse("2029-02-28", &r.published);
	memset(&r.notified, 0, sizeof(r.notified));
	date_ahead(&s, &r, lines, 0);
	CHECK(s.diag->warnings == 3, "29 February: a year is 28 February");
	/* added: warned about at its line only when given. */
	date_parse("2028-02-29", &r.published);
	date_parse("2031-05-01", &r.added);
	date_ahead(&s, &r, lines, 0);
	CHECK(s.diag->warnings == 3, "added not given: not warned twice");
	date_ahead(&s, &r, lines, 7);
	CHECK(s.diag->warnings == 4 && s.diag->msgs[3].line == 7 &&
	    strcmp(s.diag->msgs[3].text, "\"added\" is 2031-05-01, more "
	    "than a year after today (2028-02-29): check the year") == 0,
	    "a given added date ahead is warned, at its line");
	diag_free(s.diag);
}
