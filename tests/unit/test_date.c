/* test_date.c — core/date: parsing and validating "YYYY-MM-DD", day numbers, adding
 * days and months (with month-end clamping). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core/date.h"

static void test_parse_valid(void **state)
{
	struct date d;
	assert_int_equal(date_parse("2024-02-29", &d), 0);
	assert_int_equal(d.year, 2024);
	assert_int_equal(d.month, 2);
	assert_int_equal(d.day, 29);
	assert_int_equal(date_parse("1900-01-01", NULL), 0);
	assert_int_equal(date_parse("9999-12-31", NULL), 0);
	assert_true(date_valid("2000-02-29"));       /* divisible by 400: leap */
}

static void test_parse_invalid(void **state)
{
	static const char *const bad[] = {
		"", "2024-2-29", "2024/02/29", "2024-02-30", "2023-02-29", "1900-02-29",
		"2024-13-01", "2024-00-10", "2024-04-31", "2024-01-00", "2024-01-01 ",
		" 2024-01-01", "20240101", "2024-01-1a", "1899-12-31", "+024-01-01",
		"2024-01-011", "２０２４-01-01",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(date_parse(bad[i], NULL), -1);
		assert_false(date_valid(bad[i]));
	}
	assert_false(date_valid(NULL));
}

static void test_empty(void **state)
{
	assert_true(date_empty(NULL));
	assert_true(date_empty(""));
	assert_false(date_empty("2024-01-01"));
}

static void test_leap_and_month_days(void **state)
{
	assert_true(date_is_leap(2024));
	assert_false(date_is_leap(2023));
	assert_false(date_is_leap(2100));
	assert_true(date_is_leap(2000));
	assert_int_equal(date_month_days(2024, 2), 29);
	assert_int_equal(date_month_days(2025, 2), 28);
	assert_int_equal(date_month_days(2025, 4), 30);
	assert_int_equal(date_month_days(2025, 12), 31);
	assert_int_equal(date_month_days(2025, 13), 0);
	assert_int_equal(date_month_days(2025, 0), 0);
}

static void test_day_numbers(void **state)
{
	struct date epoch = {1970, 1, 1}, before = {1969, 12, 31}, y2k = {2000, 3, 1};
	assert_int_equal(date_to_days(epoch), 0);
	assert_int_equal(date_to_days(before), -1);
	assert_int_equal(date_to_days(y2k), 11017);
	/* Round trip over every day from 1900 to 2100. */
	struct date first = {1900, 1, 1}, last = {2100, 12, 31};
	long prev_year = 1900;
	for (long n = date_to_days(first); n <= date_to_days(last); n++) {
		struct date d = date_from_days(n);
		assert_int_equal(date_to_days(d), n);
		assert_true(d.day >= 1 && d.day <= date_month_days(d.year, d.month));
		assert_true(d.year == prev_year || d.year == prev_year + 1);
		prev_year = d.year;
	}
}

static void test_format(void **state)
{
	char out[DATE_LEN];
	struct date d = {2024, 3, 5};
	date_format(d, out);
	assert_string_equal(out, "2024-03-05");
	struct date e = {1900, 12, 31};
	date_format(e, out);
	assert_string_equal(out, "1900-12-31");
}

static void test_diff(void **state)
{
	long days;
	assert_int_equal(date_diff("2024-01-01", "2024-01-16", &days), 0);
	assert_int_equal(days, 15);
	assert_int_equal(date_diff("2024-03-01", "2024-02-28", &days), 0);
	assert_int_equal(days, -2);                 /* across the leap day */
	assert_int_equal(date_diff("2023-12-31", "2024-12-31", &days), 0);
	assert_int_equal(days, 366);
	assert_int_equal(date_diff("2024-01-01", "2024-01-01", &days), 0);
	assert_int_equal(days, 0);
	assert_int_equal(date_diff("2024-02-30", "2024-03-01", &days), -1);
	assert_int_equal(date_diff("2024-03-01", "x", &days), -1);
	long n;
	assert_int_equal(date_days("1970-01-02", &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(date_days("nope", &n), -1);
}

static void test_add_days(void **state)
{
	char out[DATE_LEN];
	assert_int_equal(date_add_days("2024-02-28", 1, out), 0);
	assert_string_equal(out, "2024-02-29");
	assert_int_equal(date_add_days("2023-02-28", 1, out), 0);
	assert_string_equal(out, "2023-03-01");
	assert_int_equal(date_add_days("2024-12-25", 30, out), 0);
	assert_string_equal(out, "2025-01-24");
	assert_int_equal(date_add_days("2024-01-10", -15, out), 0);
	assert_string_equal(out, "2023-12-26");
	assert_int_equal(date_add_days("2024-01-10", 0, out), 0);
	assert_string_equal(out, "2024-01-10");
	assert_int_equal(date_add_days("1900-01-01", -1, out), -1);   /* leaves the range */
	assert_int_equal(date_add_days("9999-12-31", 1, out), -1);
	assert_int_equal(date_add_days("2024-01-10", 100000000L, out), -1);
	assert_int_equal(date_add_days("bad", 1, out), -1);
}

static void test_add_months(void **state)
{
	char out[DATE_LEN];
	assert_int_equal(date_add_months("2024-01-15", 6, out), 0);
	assert_string_equal(out, "2024-07-15");
	assert_int_equal(date_add_months("2024-08-31", 6, out), 0);
	assert_string_equal(out, "2025-02-28");                /* clamped to month end */
	assert_int_equal(date_add_months("2023-08-31", 6, out), 0);
	assert_string_equal(out, "2024-02-29");                /* leap February */
	assert_int_equal(date_add_months("2024-03-31", 1, out), 0);
	assert_string_equal(out, "2024-04-30");
	assert_int_equal(date_add_months("2024-11-30", 2, out), 0);
	assert_string_equal(out, "2025-01-30");
	assert_int_equal(date_add_months("2024-03-31", -1, out), 0);
	assert_string_equal(out, "2024-02-29");
	assert_int_equal(date_add_months("2024-01-31", -13, out), 0);
	assert_string_equal(out, "2022-12-31");
	assert_int_equal(date_add_months("2024-05-05", 0, out), 0);
	assert_string_equal(out, "2024-05-05");
	assert_int_equal(date_add_months("1900-01-01", -1, out), -1);
	assert_int_equal(date_add_months("9999-12-01", 1, out), -1);
	assert_int_equal(date_add_months("2024-05-05", 2000000000, out), -1);
	assert_int_equal(date_add_months("2024-02-30", 1, out), -1);
}

static void test_today(void **state)
{
	char out[DATE_LEN];
	assert_int_equal(date_today(out), 0);
	assert_true(date_valid(out));
	assert_true(strcmp(out, "2024-01-01") > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_invalid),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_leap_and_month_days),
		cmocka_unit_test(test_day_numbers),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_diff),
		cmocka_unit_test(test_add_days),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_today),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
