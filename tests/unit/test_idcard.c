/* test_idcard.c — GB 11643 ID numbers: check character, birth dates, 15-digit
 * conversion and the wording of every rejection. Expected check characters were
 * computed outside bangfu (by hand from the weights, and with a short Python script). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core/idcard.h"

#define TODAY "2025-06-15"

/* Parse and expect success. */
static struct idcard ok(const char *text)
{
	struct idcard c;
	char err[160] = "";
	int rc = idcard_parse(text, TODAY, &c, err, sizeof err);
	if (rc != 0)
		print_error("unexpected rejection of %s: %s\n", text, err);
	assert_int_equal(rc, 0);
	return c;
}

/* Parse and expect the given message (prefix: the Chinese gloss follows). */
static void rejected(const char *text, const char *today, const char *msg)
{
	struct idcard c;
	char err[160] = "";
	assert_int_equal(idcard_parse(text, today, &c, err, sizeof err), -1);
	if (strncmp(err, msg, strlen(msg)) != 0)
		print_error("for %s\n  got:  %s\n  want: %s...\n", text, err, msg);
	assert_true(strncmp(err, msg, strlen(msg)) == 0);
	assert_string_equal(c.id, "");          /* out is cleared on failure */
}

static void test_check_char(void **state)
{
	(void)state;
	assert_int_equal(idcard_check_char("11010519491231002"), 'X');
	assert_int_equal(idcard_check_char("44052419800101001"), '3');
	assert_int_equal(idcard_check_char("44010619900307008"), '7');
	assert_int_equal(idcard_check_char("44182119680312001"), '0');
	assert_int_equal(idcard_check_char("4418211968031200A"), '?');
}

static void test_standard_sample(void **state)
{
	(void)state;
	struct idcard c = ok("11010519491231002X");
	assert_string_equal(c.id, "11010519491231002X");
	assert_string_equal(c.original, "");
	assert_string_equal(c.birth, "1949-12-31");
	assert_int_equal(c.sex, 'F');
	assert_string_equal(c.address, "110105");
}

static void test_lowercase_x_stored_upper(void **state)
{
	(void)state;
	struct idcard c = ok("11010519491231002x");
	assert_string_equal(c.id, "11010519491231002X");
}

static void test_male_from_17th_digit(void **state)
{
	(void)state;
	struct idcard c = ok("440106199003070087");   /* 17th digit 8: female */
	assert_int_equal(c.sex, 'F');
	c = ok("440524198001010013");                 /* 17th digit 1: male */
	assert_int_equal(c.sex, 'M');
	assert_string_equal(c.birth, "1980-01-01");
	c = ok("441821199912319997");
	assert_int_equal(c.sex, 'M');
}

static void test_legacy_15_digits(void **state)
{
	(void)state;
	/* The standard's sample without "19" and the check character. */
	struct idcard c = ok("110105491231002");
	assert_string_equal(c.id, "11010519491231002X");
	assert_string_equal(c.original, "110105491231002");
	assert_string_equal(c.birth, "1949-12-31");
	assert_int_equal(c.sex, 'F');

	c = ok("440524800101001");
	assert_string_equal(c.id, "440524198001010013");
	assert_string_equal(c.original, "440524800101001");
	assert_int_equal(c.sex, 'M');
	assert_string_equal(c.address, "440524");
}

static void test_legacy_bad(void **state)
{
	(void)state;
	rejected("44052480010100X", TODAY, "character 15 ('X') is not a digit");
	rejected("440524800230001", TODAY, "birth date 19800230 does not exist");
	/* 1900 is not a leap year (divisible by 100, not by 400). */
	rejected("441821000229001", TODAY, "birth date 19000229 does not exist");
}

static void test_feb_29(void **state)
{
	(void)state;
	struct idcard c = ok("441821200402290026");
	assert_string_equal(c.birth, "2004-02-29");
	c = ok("441821200002290035");                 /* 2000: divisible by 400 */
	assert_string_equal(c.birth, "2000-02-29");
	rejected("441821200102290024", TODAY, "birth date 20010229 does not exist");
	rejected("441821190002290012", TODAY, "birth date 19000229 does not exist");
}

static void test_impossible_dates(void **state)
{
	(void)state;
	rejected("441821199013010013", TODAY, "birth date 19901301 does not exist");
	rejected("441821199001000010", TODAY, "birth date 19900100 does not exist");
	rejected("441821199004310014", TODAY, "birth date 19900431 does not exist");
}

static void test_bad_check_character(void **state)
{
	(void)state;
	rejected("440106199003070085", TODAY, "check character should be 7, not 5");
	rejected("110105194912310025", TODAY, "check character should be X, not 5");
	rejected("44052419800101001X", TODAY, "check character should be 3, not X");
	/* Two digits swapped: the weights catch it. */
	rejected("440524198001010031", TODAY, "check character should be");
}

static void test_future_and_too_old(void **state)
{
	(void)state;
	rejected("441821203001010015", TODAY, "birth date 20300101 is in the future");
	ok("441821202506150035");                     /* born today */
	rejected("441821202506160030", TODAY, "birth date 20250616 is in the future");
	rejected("441821187912310011", TODAY, "birth date 18791231 is before 1880");
	ok("441821188001010012");
	/* "today" decides: the same number is fine a year later. */
	struct idcard c;
	char err[160];
	assert_int_equal(idcard_parse("441821202506160030", "2026-06-15", &c, err, sizeof err), 0);
	assert_int_equal(idcard_parse("441821202506160030", "20260615", &c, err, sizeof err), 0);
}

static void test_unknown_address_accepted(void **state)
{
	(void)state;
	struct idcard c = ok("990000199001010017");
	assert_string_equal(c.address, "990000");
	ok("000000199001010018");
}

static void test_wrong_length(void **state)
{
	(void)state;
	rejected("11010519491231002", TODAY, "must be 18 characters (or 15), got 17");
	rejected("11010519491231002X ", TODAY, "must be 18 characters (or 15), got 19");
	rejected(" 11010519491231002X", TODAY, "must be 18 characters (or 15), got 19");
	rejected("1234", TODAY, "must be 18 characters (or 15), got 4");
	rejected("", TODAY, "is empty");
	rejected(NULL, TODAY, "is empty");
	/* 18 Chinese characters are 18 characters, not 54 bytes. */
	rejected("一二三四五六七八九十一二三四五六七八", TODAY, "character 1 (U+4E00) is not a digit");
	rejected("一二三四五六七八九十一二三四五六七", TODAY, "must be 18 characters (or 15), got 17");
}

static void test_bad_characters(void **state)
{
	(void)state;
	rejected("4418211968A3120010", TODAY, "character 11 ('A') is not a digit");
	rejected("44182119680312X010", TODAY, "character 15 ('X') is not a digit");
	rejected("44182119680312001Y", TODAY, "last character must be a digit or X, not 'Y'");
	rejected("4418211968 3120010", TODAY, "character 11 is a space");
	rejected("4418211968\x01" "3120010", TODAY, "character 11 (U+0001) is not a digit");
	rejected("4418211968\xff" "3120010", TODAY, "character 11 is not valid UTF-8");
	/* Typed with a Chinese input method: full-width digits. */
	rejected("４４1821196803120010", TODAY, "character 1 is a full-width digit 4");
	rejected("11010519491231002Ｘ", TODAY, "character 18 is a full-width X");
}

static void test_errors_and_out_optional(void **state)
{
	(void)state;
	char tiny[8];
	struct idcard c;
	/* A short err buffer truncates, never overflows; NULL err and out are fine. */
	assert_int_equal(idcard_parse("110105194912310025", TODAY, &c, tiny, sizeof tiny), -1);
	assert_int_equal(strlen(tiny), sizeof tiny - 1);
	assert_int_equal(idcard_parse("110105194912310025", TODAY, NULL, NULL, 0), -1);
	assert_int_equal(idcard_parse("11010519491231002X", TODAY, NULL, NULL, 0), 0);
	/* No today: the current date. */
	assert_int_equal(idcard_parse("11010519491231002X", NULL, &c, NULL, 0), 0);
	assert_int_equal(idcard_parse("441821209912310013", NULL, &c, NULL, 0), -1);
	rejected("11010519491231002X", "15/06/2025", "today's date is not YYYY-MM-DD");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_char),
		cmocka_unit_test(test_standard_sample),
		cmocka_unit_test(test_lowercase_x_stored_upper),
		cmocka_unit_test(test_male_from_17th_digit),
		cmocka_unit_test(test_legacy_15_digits),
		cmocka_unit_test(test_legacy_bad),
		cmocka_unit_test(test_feb_29),
		cmocka_unit_test(test_impossible_dates),
		cmocka_unit_test(test_bad_check_character),
		cmocka_unit_test(test_future_and_too_old),
		cmocka_unit_test(test_unknown_address_accepted),
		cmocka_unit_test(test_wrong_length),
		cmocka_unit_test(test_bad_characters),
		cmocka_unit_test(test_errors_and_out_optional),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
