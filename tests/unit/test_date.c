/* date.c: calendar checks and the C-locale date forms. */
#include "../../gen/lcspr.h"
#include "../../gen/extern.h"
#include "harness.h"

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
}
