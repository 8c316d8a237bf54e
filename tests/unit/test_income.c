/* test_income.c — income assessments (core/income.c: per-capita net income from the
 * lines, the latest assessments as of a day, months between days) and the rules that
 * read them (core/rules.c: stably above the line, the household flags). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "core/income.h"
#include "core/rules.h"

static void per_capita(const char *wage, const char *business, const char *costs, int size,
                       int months, const char *want)
{
	const char *lines[INC_LINES] = {wage, business, "", "", costs, "3000"};
	char out[32], err[128] = "";
	int rc = income_per_capita(lines, size, months, out, sizeof out, err, sizeof err);
	if (rc)
		print_message("%s\n", err);
	assert_int_equal(rc, 0);
	assert_string_equal(out, want);
}

static void test_per_capita(void **state)
{
	(void)state;
	per_capita("20000", "5000", "1000", 3, 12, "8000");       /* compliant costs not deducted */
	per_capita("10000", "", "", 3, 12, "3333.33");
	per_capita("20000", "", "", 3, 12, "6666.67");             /* rounded half up to the fen */
	per_capita("6000", "", "", 1, 6, "12000");                 /* 6 months scaled to a year */
	per_capita("1000", "", "3000", 2, 12, "-1000");            /* business losses */
	per_capita("", "", "", 4, 12, "0");
	per_capita("100.5", "", "", 1, 12, "100.5");
	const char *lines[INC_LINES] = {"1000", "", "", "", "", ""};
	char out[32], err[128];
	assert_int_equal(income_per_capita(lines, 0, 12, out, sizeof out, err, sizeof err), -1);
	assert_int_equal(income_per_capita(lines, 2, 13, out, sizeof out, err, sizeof err), -1);
	lines[0] = "1,000";
	assert_int_equal(income_per_capita(lines, 2, 12, out, sizeof out, err, sizeof err), -1);
	assert_non_null(strstr(err, "wage"));
}

static void add(struct household *h, const char *id, const char *year, const char *assessed)
{
	struct subrec *r = household_add_subrec(h, SUB_INCOME);
	assert_non_null(r);
	assert_int_equal(subrec_set(r, SUB_INCOME, "id", id), 0);
	assert_int_equal(subrec_set(r, SUB_INCOME, "year", year), 0);
	assert_int_equal(subrec_set(r, SUB_INCOME, "assessed", assessed), 0);
}

static void test_latest(void **state)
{
	(void)state;
	struct household h = {0};
	int idx[2];
	add(&h, "I1", "2025", "2026-01-10");
	add(&h, "I2", "2026", "2026-08-01");
	add(&h, "I3", "2024", "2025-01-05");
	add(&h, "I4", "2026", "2026-03-01");
	assert_int_equal(income_latest(&h, "2026-12-31", idx, 2), 2);
	assert_int_equal(idx[0], 1);   /* 2026, assessed 08-01 */
	assert_int_equal(idx[1], 3);   /* 2026, assessed 03-01 */
	assert_int_equal(income_latest(&h, "2026-05-01", idx, 2), 2);
	assert_int_equal(idx[0], 3);
	assert_int_equal(idx[1], 0);
	assert_int_equal(income_latest(&h, "2025-01-04", idx, 2), 0);
	household_free(&h);
	assert_int_equal(income_months_between("2026-01-31", "2026-07-30"), 5);
	assert_int_equal(income_months_between("2026-01-31", "2026-07-31"), 6);
	assert_int_equal(income_months_between("2026-01-31", "x"), -1);
}

static const struct measure_fact industry = {"industry", "2024-02-01", ""};
static const struct measure_fact social = {"social_security", "2024-02-01", ""};

static struct household_facts eligible(void)
{
	struct household_facts h = {
		.has_income = 1, .income_per_capita = 9000, .monitoring_line = 8000,
		.housing_ok = 1, .school_ok = 1, .medical_ok = 1, .water_ok = 1, .costs_ok = 1,
		.able_to_work = 2, .measures = &industry, .measure_count = 1,
		.income_assessments = 2, .prev_income_per_capita = 8500, .prev_monitoring_line = 8000,
		.income_months_apart = 6, .stable_months = 6,
	};
	return h;
}

static int eliminable(const struct household_facts *h, const char *needle)
{
	struct refusal r;
	refusal_clear(&r);
	int rc = rules_elimination_check(h, "2024-01-15", "2024-08-01", &r);
	if (needle && !refusal_has(&r, needle))
		fail_msg("missing reason: %s", needle);
	return rc;
}

static void test_stably_above(void **state)
{
	(void)state;
	struct household_facts h = eligible();
	assert_int_equal(eliminable(&h, NULL), 0);
	h.income_months_apart = 5;
	assert_int_equal(eliminable(&h, "5 months apart, 6 needed"), -1);
	h = eligible();
	h.prev_income_per_capita = 7000;
	assert_int_equal(eliminable(&h, "the previous assessment, 7000.00, was not above"), -1);
	h = eligible();
	h.income_assessments = 1;
	assert_int_equal(eliminable(&h, "one assessment"), -1);
	h.stable_months = 0;           /* the stability test off: one assessment above will do */
	assert_int_equal(eliminable(&h, NULL), 0);
	h = eligible();
	h.income_assessments = 0;      /* only the register's figure: judged as before */
	assert_int_equal(eliminable(&h, NULL), 0);
	h = eligible();
	h.income_per_capita = 7900;    /* the latest below its line */
	assert_int_equal(eliminable(&h, "not above the monitoring line"), -1);
}

/* The procedure's numbers are settings: 8 months of monitoring where a place asks it. */
static void test_elim_min_months_setting(void **state)
{
	(void)state;
	struct household_facts h = eligible();
	assert_int_equal(eliminable(&h, NULL), 0);   /* 2024-01-15 to 2024-08-01: 6 months */
	h.elim_min_months = 8;
	assert_int_equal(eliminable(&h, "less than 8 months"), -1);
}

static void test_flags(void **state)
{
	(void)state;
	struct household_facts h = eligible();
	struct refusal r;
	refusal_clear(&r);
	assert_int_equal(rules_household_flags(&h, "2024-08-01", &r), 0);
	h.able_to_work = 0;
	h.lifted = 1;
	h.workplace_missing = 2;
	assert_int_equal(rules_household_flags(&h, "2024-08-01", &r), 3);
	/* whole sentences (their msgids: the unit tests load no catalog) */
	assert_true(refusal_has(&r, "no member able to work and no social security measure in place"));
	assert_true(refusal_has(&r, "former poor household without a responsible cadre"));
	assert_true(refusal_has(&r, "2 members with months worked but no work place"));
	h.workplace_missing = 1;
	refusal_clear(&r);
	rules_household_flags(&h, "2024-08-01", &r);
	assert_true(refusal_has(&r, "1 member with months worked but no work place"));
	/* today's counted sentences, the stable names and the Chinese titles (data) */
	char text[160];
	rules_flag_counted(RULES_FLAG_NO_CADRE, 1, text, sizeof text);
	assert_string_equal(text, "1 former poor household without a responsible cadre");
	rules_flag_counted(RULES_FLAG_WORKPLACE, 212, text, sizeof text);
	assert_string_equal(text, "212 households with members who have months worked but no work place");
	assert_string_equal(rules_flag_code(RULES_FLAG_NO_SOCIAL), "no_social_security");
	assert_string_equal(rules_flag_title(RULES_FLAG_NO_SOCIAL), "无劳动能力户未落实综合保障");
	assert_string_equal(rules_flag_title(RULES_FLAG_WORKPLACE), "务工地点未填");
	refusal_clear(&r);
	h.measures = &social;          /* 综合保障 in place, 帮扶责任人 named */
	h.has_cadre = 1;
	h.workplace_missing = 0;
	assert_int_equal(rules_household_flags(&h, "2024-08-01", &r), 0);
	assert_int_equal(rules_household_flags(&h, "2024-01-31", &r), 1);   /* not yet in place */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_per_capita),
		cmocka_unit_test(test_latest),
		cmocka_unit_test(test_stably_above),
		cmocka_unit_test(test_elim_min_months_setting),
		cmocka_unit_test(test_flags),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
