/* date.h — calendar dates as the casework records them: "YYYY-MM-DD" strings naming the
 * day a step happened (never a timestamp, never a time zone). Arithmetic goes through a
 * day number (days since 1970-01-01, proleptic Gregorian), so rules can ask "how many
 * days from the lead to today" or "six months after approval" without libc time
 * functions. Everything here is pure except date_today. */
#ifndef CORE_DATE_H
#define CORE_DATE_H

#define DATE_LEN 11          /* "YYYY-MM-DD" and its NUL */
#define DATE_MIN_YEAR 1900   /* dates outside these years are refused as implausible */
#define DATE_MAX_YEAR 9999

struct date { int year, month, day; };

/* 1 for a leap year of the Gregorian calendar. */
int date_is_leap(int year);
/* Days in month (1-12) of year; 0 for a month out of range. */
int date_month_days(int year, int month);
/* Parse exactly "YYYY-MM-DD" (ten characters, a real day, year in range). Returns 0 and
 * fills *out (may be NULL), or -1. */
int date_parse(const char *s, struct date *out);
/* 1 when s (may be NULL) is a real date in the form above. */
int date_valid(const char *s);
/* 1 when s is NULL or "": a date that was not given. */
int date_empty(const char *s);

/* Day number of d (1970-01-01 is 0, earlier days negative) and back. */
long date_to_days(struct date d);
struct date date_from_days(long days);
/* Write d as "YYYY-MM-DD" into out (DATE_LEN bytes). */
void date_format(struct date d, char out[DATE_LEN]);

/* Parse s into a day number. Returns 0, or -1 if s is not a valid date. */
int date_days(const char *s, long *out);
/* *days = to - from (positive when `to` is later). Returns 0, or -1 if either is invalid. */
int date_diff(const char *from, const char *to, long *days);
/* out = s + n days (n may be negative). Returns 0, or -1 if s is invalid or the result
 * leaves the supported years. */
int date_add_days(const char *s, long n, char out[DATE_LEN]);
/* out = s + n calendar months (n may be negative), the day clamped to the end of a
 * shorter month: 2024-08-31 + 6 months = 2025-02-28. Returns 0 or -1 as above. */
int date_add_months(const char *s, int n, char out[DATE_LEN]);

/* The local date now, for a step's default date. Returns 0, or -1 if the clock fails. */
int date_today(char out[DATE_LEN]);

#endif
