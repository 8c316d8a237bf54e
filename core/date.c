/* date.c — "YYYY-MM-DD" dates and day arithmetic (see date.h). The day-number
 * conversion is the usual era-based civil-calendar algorithm: 400-year eras of 146097
 * days, with the year starting in March so the leap day falls at its end. */
#include "core/date.h"
#include <string.h>
#include <time.h>

int date_is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_month_days(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (month < 1 || month > 12)
		return 0;
	return days[month - 1] + (month == 2 && date_is_leap(year));
}

/* Value of n ASCII digits at s, or -1 if one of them is not a digit. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int in_range(struct date d)
{
	return d.year >= DATE_MIN_YEAR && d.year <= DATE_MAX_YEAR && d.month >= 1 &&
	       d.month <= 12 && d.day >= 1 && d.day <= date_month_days(d.year, d.month);
}

int date_parse(const char *s, struct date *out)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	struct date d = {digits(s, 4), digits(s + 5, 2), digits(s + 8, 2)};
	if (!in_range(d))
		return -1;
	if (out)
		*out = d;
	return 0;
}

int date_valid(const char *s) { return date_parse(s, NULL) == 0; }
int date_empty(const char *s) { return !s || !*s; }

long date_to_days(struct date d)
{
	long y = d.year - (d.month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;                                   /* [0, 399] */
	long mp = (d.month + 9) % 12;                               /* March = 0 */
	long doy = (153 * mp + 2) / 5 + d.day - 1;                  /* [0, 365] */
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* [0, 146096] */
	return era * 146097 + doe - 719468;
}

struct date date_from_days(long days)
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	struct date d;
	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(yoe + era * 400 + (d.month <= 2));
	return d;
}

/* Write the low n decimal digits of v (taken as non-negative) at out. */
static void put_digits(char *out, int v, int n)
{
	unsigned u = v < 0 ? 0u : (unsigned)v;
	for (int i = n - 1; i >= 0; i--, u /= 10)
		out[i] = (char)('0' + u % 10);
}

void date_format(struct date d, char out[DATE_LEN])
{
	put_digits(out, d.year, 4);
	out[4] = '-';
	put_digits(out + 5, d.month, 2);
	out[7] = '-';
	put_digits(out + 8, d.day, 2);
	out[10] = '\0';
}

int date_days(const char *s, long *out)
{
	struct date d;
	if (date_parse(s, &d) != 0)
		return -1;
	*out = date_to_days(d);
	return 0;
}

int date_diff(const char *from, const char *to, long *days)
{
	long a, b;
	if (date_days(from, &a) != 0 || date_days(to, &b) != 0)
		return -1;
	*days = b - a;
	return 0;
}

/* Format d into out if it lies in the supported years; -1 otherwise. */
static int emit(struct date d, char out[DATE_LEN])
{
	if (!in_range(d))
		return -1;
	date_format(d, out);
	return 0;
}

int date_add_days(const char *s, long n, char out[DATE_LEN])
{
	long days;
	if (date_days(s, &days) != 0)
		return -1;
	/* Beyond a few thousand years the result is out of range anyway; this keeps the
	 * addition from overflowing. */
	if (n > 4000L * 366 || n < -4000L * 366)
		return -1;
	return emit(date_from_days(days + n), out);
}

int date_add_months(const char *s, int n, char out[DATE_LEN])
{
	struct date d;
	if (date_parse(s, &d) != 0 || n > 12 * 10000 || n < -12 * 10000)
		return -1;
	long index = (long)d.year * 12 + (d.month - 1) + n;   /* months since year 0 */
	long year = index >= 0 ? index / 12 : (index - 11) / 12;
	if (year < DATE_MIN_YEAR || year > DATE_MAX_YEAR)
		return -1;
	d.year = (int)year;
	d.month = (int)(index - year * 12) + 1;
	int last = date_month_days(d.year, d.month);
	if (d.day > last)
		d.day = last;
	return emit(d, out);
}

int date_today(char out[DATE_LEN])
{
	time_t now = time(NULL);
	struct tm tm;
	if (now == (time_t)-1 || !localtime_r(&now, &tm))
		return -1;
	struct date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
	return emit(d, out);
}
