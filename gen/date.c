/*
 * Dates: calendar checks, the build date, and the forms pages and
 * feeds need.  Month and day names are written from our own tables,
 * never from the locale: RFC 822 wants English whatever the user's.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lcspr.h"
#include "extern.h"

static const char *const months[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};
static const char *const days[7] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
};

static int
date_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/*
 * Days in month m (1-12) of year y.
 */
static int
date_mdays(int y, int m)
{
	static const int mdays[12] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && date_leap(y) ? 29 : mdays[m - 1];
}

/*
 * Parse s as exactly YYYY-MM-DD and check it is a real calendar date.
 * Returns 1 and fills d, 0 on a malformed string, -1 on a well-formed
 * string that names no date (2021-02-30).
 */
int
date_parse(const char *s, struct date *d)
{
	int	 i;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return 0;
		} else if (s[i] < '0' || s[i] > '9')
			return 0;
	}
	if (s[10] != '\0')
		return 0;
	d->year = atoi(s);
	d->month = atoi(s + 5);
	d->day = atoi(s + 8);
	if (d->year < 1900 || d->month < 1 || d->month > 12 || d->day < 1 ||
	    d->day > date_mdays(d->year, d->month))
		return -1;
	return 1;
}

/*
 * Compare two dates: negative, zero or positive, like strcmp.
 */
int
date_cmp(const struct date *a, const struct date *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->month != b->month)
		return a->month < b->month ? -1 : 1;
	return a->day < b->day ? -1 : a->day > b->day;
}

/*
 * Days since 1970-01-01 (Howard Hinnant's days_from_civil).
 */
static long
date_days(const struct date *d)
{
	long	 y = d->year - (d->month <= 2), era, doe;
	unsigned yoe, mp;

	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	mp = (unsigned)(d->month + (d->month > 2 ? -3 : 9));
	doe = yoe * 365 + yoe / 4 - yoe / 100 + (153 * mp + 2) / 5 +
	    (unsigned)d->day - 1;
	return era * 146097 + doe - 719468;
}

/*
 * Days from a to b (negative when b is before a).
 */
long
date_diff(const struct date *a, const struct date *b)
{
	return date_days(b) - date_days(a);
}

/*
 * Is b no later than six calendar months after a?  Six months after
 * 31 August is the last day of February.
 */
int
date_within6(const struct date *a, const struct date *b)
{
	struct date	 l;
	int		 m = a->month + 6;

	l.year = a->year + (m > 12);
	l.month = m > 12 ? m - 12 : m;
	l.day = a->day > date_mdays(l.year, l.month) ?
	    date_mdays(l.year, l.month) : a->day;
	return date_cmp(b, &l) <= 0;
}

/*
 * Is name a time zone of the system's database (TZDIR, by default
 * /usr/share/zoneinfo), such as "Europe/London"?  Returns 1 if so, 0
 * when there is no such zone, -1 when there is no database at all.
 */
int
date_zone(const char *name)
{
	const char	*dir, *p;
	char		*path, magic[4];
	int		 fd, ok;

	if ((dir = getenv("TZDIR")) == NULL || *dir == '\0')
		dir = "/usr/share/zoneinfo";
	if (access(dir, F_OK) == -1)
		return -1;
	/* A name, not a path: no "..", nothing from the root. */
	if (*name == '\0' || *name == '/' || strlen(name) > 255)
		return 0;
	for (p = name; *p != '\0'; p++)
		if (strchr("abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+-/.", *p) == NULL)
			return 0;
	if (strstr(name, "..") != NULL || strstr(name, "/.") != NULL ||
	    *name == '.')
		return 0;
	path = xasprintf("%s/%s", dir, name);
	fd = open(path, O_RDONLY);
	free(path);
	if (fd == -1)
		return 0;
	/* A zone file, not a folder such as "Europe". */
	ok = read(fd, magic, sizeof(magic)) == (ssize_t)sizeof(magic) &&
	    memcmp(magic, "TZif", sizeof(magic)) == 0;
	close(fd);
	return ok;
}

/*
 * Make name (checked by date_zone) the time zone of date_from_time.
 * This sets TZ in the environment, the one piece of process-wide state
 * the C library keeps for time zones: call it before any thread starts.
 */
void
date_settz(const char *name)
{
	char	*tz;

	/* The colon: a file of the database, never a POSIX rule. */
	tz = xasprintf(":%s", name);
	setenv("TZ", tz, 1);
	free(tz);
	tzset();
}

/*
 * Fill d with the date of t in the time zone set by date_settz (the
 * environment's TZ until then).
 */
void
date_from_time(time_t t, struct date *d)
{
	struct tm tm;

	localtime_r(&t, &tm);
	d->year = tm.tm_year + 1900;
	d->month = tm.tm_mon + 1;
	d->day = tm.tm_mday;
}

/*
 * Warn about each date of review r more than a year after the build
 * date (a mistyped year would hold the review back for ever).  lines:
 * the lines of notified, commissioned, completed and published, in
 * that order; a date not given has year 0.  addedline: the line of
 * added, 0 when not given (it is then the published date, already
 * warned about).  Nothing is said while the build date is unset
 * (year 0).
 */
void
date_ahead(struct site *s, const struct review *r, const size_t *lines,
    size_t addedline)
{
	const struct date *v[5] = { &r->notified, &r->commissioned,
	    &r->completed, &r->published, &r->added };
	static const char *const names[5] = { "notified", "commissioned",
	    "completed", "published", "added" };
	struct date	 lim = s->today;
	size_t		 line;
	int		 i;

	if (lim.year == 0)	/* no build date (unit tests) */
		return;
	lim.year++;
	if (lim.month == 2 && lim.day == 29)
		lim.day = 28;
	for (i = 0; i < 5; i++) {
		line = i < 4 ? lines[i] : addedline;
		if (i == 4 && addedline == 0)
			continue;
		if (v[i]->year != 0 && date_cmp(v[i], &lim) > 0)
			diag_warn(s->diag, r->path, line, "\"%s\" is "
			    "%04d-%02d-%02d, more than a year after today "
			    "(%04d-%02d-%02d): check the year", names[i],
			    v[i]->year, v[i]->month, v[i]->day, s->today.year,
			    s->today.month, s->today.day);
	}
}

/* The last second that every date function can write: 9999-12-31T23:59:59Z. */
#define DATE_MAXEPOCH	253402300799LL

/*
 * The build time: SOURCE_DATE_EPOCH when set (reproducible builds),
 * else now.  Sets *t and returns 1 when SOURCE_DATE_EPOCH is in the
 * environment (set but empty means now), 0 when it is not; returns -1
 * if it is not a whole number of seconds from 0 to DATE_MAXEPOCH,
 * digits only (a later time has no four-digit year, and gmtime_r may
 * fail on it).
 */
int
date_build_time(time_t *t)
{
	const char	*e;
	char		*end;
	long long	 v;

	if ((e = getenv("SOURCE_DATE_EPOCH")) == NULL || *e == '\0') {
		*t = time(NULL);
		return e != NULL;
	}
	if (strspn(e, "0123456789") != strlen(e))
		return -1;
	errno = 0;
	v = strtoll(e, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0 || v > DATE_MAXEPOCH ||
	    (long long)(time_t)v != v)
		return -1;
	*t = (time_t)v;
	return 1;
}

/*
 * "12 March 2024", as GOV.UK writes dates, into buf (>= 32 bytes).
 */
void
date_human(const struct date *d, char *buf, size_t sz)
{
	snprintf(buf, sz, "%d %s %d", d->day, months[d->month - 1],
	    d->year);
}

/*
 * RFC 822 date at midnight UTC: "Tue, 12 Mar 2024 00:00:00 +0000",
 * into buf (>= 40 bytes).
 */
void
date_rfc822(const struct date *d, char *buf, size_t sz)
{
	long	 n = date_days(d);
	int	 wd = (int)((n % 7 + 7 + 4) % 7);	/* 1970-01-01: Thu */

	snprintf(buf, sz, "%s, %02d %.3s %04d 00:00:00 +0000", days[wd],
	    d->day, months[d->month - 1], d->year);
}

/*
 * RFC 822 form of a time_t, for lastBuildDate.
 */
void
date_rfc822_time(time_t t, char *buf, size_t sz)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(buf, sz, "%s, %02d %.3s %04d %02d:%02d:%02d +0000",
	    days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/*
 * "March 2026": the month of d, for the monthly updates.  Returns a
 * string the caller frees.
 */
char *
date_monthname(const struct date *d)
{
	return xasprintf("%s %d", months[d->month - 1], d->year);
}
