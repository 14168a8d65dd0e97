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
 * Into d, the day n calendar months (n >= 0) after a: one past the end
 * of a shorter month is its last day (six months after 31 August is
 * the last day of February).
 */
static void
date_addmonths(const struct date *a, int n, struct date *d)
{
	int	 m = a->month - 1 + n;

	d->year = a->year + m / 12;
	d->month = m % 12 + 1;
	d->day = a->day > date_mdays(d->year, d->month) ?
	    date_mdays(d->year, d->month) : a->day;
}

/*
 * Is b no later than six calendar months after a?  Six months after
 * 31 August is the last day of February.
 */
int
date_within6(const struct date *a, const struct date *b)
{
	struct date	 l;

	date_addmonths(a, 6, &l);
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
	const struct date *v[6] = { &r->notified, &r->rapid_review,
	    &r->commissioned, &r->completed, &r->published, &r->added };
	static const char *const names[6] = { "notified", "rapid_review",
	    "commissioned", "completed", "published", "added" };
	struct date	 lim;
	size_t		 line;
	int		 i;

	if (s->today.year == 0)	/* no build date (unit tests) */
		return;
	date_addmonths(&s->today, 12, &lim);
	for (i = 0; i < 6; i++) {
		line = i < 5 ? lines[i] : addedline;
		if (i == 5 && addedline == 0)
			continue;
		if (v[i]->year != 0 && date_cmp(v[i], &lim) > 0)
			diag_warn(s->diag, r->path, line, "\"%s\" is "
			    "%04d-%02d-%02d, more than a year after today "
			    "(%04d-%02d-%02d): check the year", names[i],
			    v[i]->year, v[i]->month, v[i]->day, s->today.year,
			    s->today.month, s->today.day);
	}
}

/*
 * Working days (issue 15): the bank holidays of England and Wales,
 * 2018 to 2030, as gov.uk lists them, substitute days included (a
 * holiday that falls on a weekend moves to the next weekday), with the
 * one-off days: the early May holiday of 2020 moved to Friday 8 May for
 * VE day; the spring holiday of 2022 moved to Thursday 2 June and the
 * Platinum Jubilee on Friday 3 June; the State Funeral of Queen
 * Elizabeth II on 19 September 2022; the Coronation on 8 May 2023.
 * site.yaml's bank_holidays adds to them (date_holidays).
 */
static const char *const date_bankhols[] = {
	"2018-01-01", "2018-03-30", "2018-04-02", "2018-05-07",
	"2018-05-28", "2018-08-27", "2018-12-25", "2018-12-26",
	"2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06",
	"2019-05-27", "2019-08-26", "2019-12-25", "2019-12-26",
	"2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08",
	"2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28",
	"2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03",
	"2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28",
	"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02",
	"2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19",
	"2022-12-26", "2022-12-27",
	"2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01",
	"2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25",
	"2023-12-26",
	"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06",
	"2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26",
	"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05",
	"2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26",
	"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04",
	"2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
	"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03",
	"2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28",
	"2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01",
	"2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26",
	"2029-01-01", "2029-03-30", "2029-04-02", "2029-05-07",
	"2029-05-28", "2029-08-27", "2029-12-25", "2029-12-26",
	"2030-01-01", "2030-04-19", "2030-04-22", "2030-05-06",
	"2030-05-27", "2030-08-26", "2030-12-25", "2030-12-26",
};
#define DATE_BANKHOLSZ (sizeof(date_bankhols) / sizeof(date_bankhols[0]))

/* Floor division by 7, for days before 1970 too. */
static long
date_div7(long n)
{
	return n >= 0 ? n / 7 : -((-n + 6) / 7);
}

/*
 * The day of the week of d: 0 Monday to 6 Sunday.
 */
int
date_weekday(const struct date *d)
{
	long	 n = date_days(d) + 3;	/* 1970-01-01 was a Thursday */

	return (int)(n - 7 * date_div7(n));
}

/* Weekdays from a Monday long ago to day n (days since 1970), in O(1). */
static long
date_weekdays(long n)
{
	long	 t = n + 3, w = date_div7(t), r = t - 7 * w;

	return 5 * w + (r < 5 ? r + 1 : 5);
}

static int
date_longcmp(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

/*
 * The site's table of bank holidays: the built-in ones and the extra
 * ones of site.yaml (s->extraholidays), as days since 1970, those on a
 * weekday only, sorted, each once, into s->holidays.
 */
void
date_holidays(struct site *s)
{
	struct date	 d;
	size_t		 i, n = 0;
	long		*v;

	v = xcalloc(DATE_BANKHOLSZ + s->extraholidaysz + 1, sizeof(*v));
	for (i = 0; i < DATE_BANKHOLSZ + s->extraholidaysz; i++) {
		if (i < DATE_BANKHOLSZ) {
			if (date_parse(date_bankhols[i], &d) != 1)
				abort();
		} else
			d = s->extraholidays[i - DATE_BANKHOLSZ];
		if (date_weekday(&d) < 5)
			v[n++] = date_days(&d);
	}
	qsort(v, n, sizeof(*v), date_longcmp);
	for (i = 0, s->holidaysz = 0; i < n; i++)
		if (s->holidaysz == 0 || v[i] != v[s->holidaysz - 1])
			v[s->holidaysz++] = v[i];
	free(s->holidays);
	s->holidays = v;
}

/* How many of the sorted days h (n of them) are on or before x. */
static size_t
date_upto(const long *h, size_t n, long x)
{
	size_t	 lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (h[mid] <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Working days from a to b: the weekdays after a up to and including
 * b that are not bank holidays of s (date_holidays), so the next
 * working day after a is 1; negative when b is before a.  O(log h).
 */
long
date_workdays(const struct site *s, const struct date *a,
    const struct date *b)
{
	long	 x = date_days(a), y = date_days(b);

	if (y < x)
		return -date_workdays(s, b, a);
	return date_weekdays(y) - date_weekdays(x) -
	    (long)(date_upto(s->holidays, s->holidaysz, y) -
	    date_upto(s->holidays, s->holidaysz, x));
}

/*
 * The calendar months and days from a to b (b not before a): whole
 * months first, a month on from the 31st ending on the last day of a
 * shorter month, then the days left.  12 March to 20 April is one
 * month and 8 days.
 */
void
date_months(const struct date *a, const struct date *b, int *mp,
    int *dp)
{
	struct date	 m;
	int		 k;

	k = (b->year - a->year) * 12 + (b->month - a->month);
	for (;;) {
		date_addmonths(a, k, &m);
		if (k <= 0 || date_cmp(&m, b) <= 0)
			break;
		k--;
	}
	*mp = k < 0 ? 0 : k;
	*dp = (int)date_diff(&m, b);
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
 * "2024-03-12" into buf (at least 11 bytes); returns buf.
 */
char *
date_iso(const struct date *d, char *buf, size_t sz)
{
	snprintf(buf, sz, "%04d-%02d-%02d", d->year, d->month, d->day);
	return buf;
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
	/* days[] starts on Sunday, date_weekday on Monday. */
	snprintf(buf, sz, "%s, %02d %.3s %04d 00:00:00 +0000",
	    days[(date_weekday(d) + 1) % 7], d->day, months[d->month - 1],
	    d->year);
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
