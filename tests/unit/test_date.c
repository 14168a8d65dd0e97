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
	/* notified, rapid_review, commissioned, completed, published */
	size_t		 lines[5] = { 5, 0, 0, 0, 3 };

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

/* Working days from a to b (YYYY-MM-DD) with the holidays of s. */
static long
wd(const struct site *s, const char *a, const char *b)
{
	struct date	 x, y;

	date_parse(a, &x);
	date_parse(b, &y);
	return date_workdays(s, &x, &y);
}

/*
 * Working days (issue 15): England's bank holidays of 2018 to 2030,
 * each year's count of working days (worked out from gov.uk's lists:
 * the weekdays of the year less its bank holidays), across Easter and
 * the other long weekends, and a holiday added by site.yaml.
 */
void
test_workdays(void)
{
	static const long peryear[13] = { 253, 253, 254, 253, 250, 251,
	    254, 253, 253, 253, 252, 253, 253 };
	struct site	 s;
	struct date	 a, b, extra[2];
	char		 x[32], y[32];
	int		 year, m, d;

	memset(&s, 0, sizeof(s));
	date_holidays(&s);
	CHECK(s.holidaysz == 107, "107 bank holidays 2018-2030, got %zu",
	    s.holidaysz);
	for (year = 2018; year <= 2030; year++) {
		snprintf(x, sizeof(x), "%04d-12-31", year - 1);
		snprintf(y, sizeof(y), "%04d-12-31", year);
		CHECK(wd(&s, x, y) == peryear[year - 2018], "%d: %ld working "
		    "days, want %ld", year, wd(&s, x, y), peryear[year - 2018]);
	}
	date_parse("2024-03-28", &a);
	CHECK(date_weekday(&a) == 3, "28 March 2024 was a Thursday");
	/* Thursday before Easter: Good Friday and Easter Monday off. */
	CHECK(wd(&s, "2024-03-28", "2024-04-02") == 1, "Easter 2024");
	CHECK(wd(&s, "2024-03-28", "2024-04-22") == 15, "15 days on");
	CHECK(wd(&s, "2024-03-28", "2024-03-28") == 0, "same day");
	CHECK(wd(&s, "2024-04-02", "2024-03-28") == -1, "backwards");
	CHECK(wd(&s, "2024-03-29", "2024-04-01") == 0, "holiday to holiday");
	CHECK(wd(&s, "2024-03-30", "2024-04-02") == 1, "Saturday to Tuesday");
	/* The Platinum Jubilee: Thursday and Friday, 2 and 3 June 2022. */
	CHECK(wd(&s, "2022-06-01", "2022-06-22") == 13, "jubilee");
	CHECK(wd(&s, "2020-12-24", "2021-01-19") == 15, "Christmas 2020");
	CHECK(wd(&s, "2022-09-16", "2022-09-20") == 1, "state funeral");
	CHECK(wd(&s, "2023-05-05", "2023-05-09") == 1, "coronation");
	CHECK(wd(&s, "2020-05-07", "2020-05-11") == 1, "VE day");
	CHECK(wd(&s, "2020-05-01", "2020-05-04") == 1, "not 4 May 2020");
	/* Before 1970 too (days since 1970 are negative). */
	CHECK(wd(&s, "1969-12-26", "1969-12-29") == 1, "1969, no table");
	/* site.yaml's bank_holidays: a weekday added, one listed twice. */
	CHECK(wd(&s, "2030-12-31", "2031-01-02") == 2, "2031 unknown");
	date_parse("2031-01-01", &extra[0]);
	date_parse("2030-12-25", &extra[1]);
	s.extraholidays = extra;
	s.extraholidaysz = 2;
	date_holidays(&s);
	CHECK(s.holidaysz == 108, "one added, one known");
	CHECK(wd(&s, "2030-12-31", "2031-01-02") == 1, "2031 added");
	free(s.holidays);

	/* Months and days, as the review page says how long a stage took. */
	date_parse("2024-03-12", &a);
	date_parse("2024-04-20", &b);
	date_months(&a, &b, &m, &d);
	CHECK(m == 1 && d == 8, "12 March to 20 April: %d, %d", m, d);
	date_parse("2022-12-31", &a);
	date_parse("2023-06-01", &b);
	date_months(&a, &b, &m, &d);
	CHECK(m == 5 && d == 1, "31 December to 1 June: %d, %d", m, d);
	date_parse("2022-07-01", &a);
	date_parse("2022-12-31", &b);
	date_months(&a, &b, &m, &d);
	CHECK(m == 5 && d == 30, "1 July to 31 December: %d, %d", m, d);
	date_parse("2024-01-31", &a);
	date_parse("2024-02-29", &b);
	date_months(&a, &b, &m, &d);
	CHECK(m == 1 && d == 0, "31 January to 29 February: %d, %d", m, d);
	date_months(&a, &a, &m, &d);
	CHECK(m == 0 && d == 0, "the same day");
}
