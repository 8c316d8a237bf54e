/* test_project.c — core/project: money typed in yuan kept exactly as fen (commas, 万,
 * decimals, refusals), milestones (planned/actual rules, overdue days), money per year in
 * order, the whole-project checks and the canonical text's round trip. No database. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "core/codes.h"
#include "core/project.h"

static long long fen_of(const char *text)
{
	long long fen = -1;
	char err[256];
	assert_int_equal(project_money_parse("planned", text, &fen, err, sizeof err), 0);
	return fen;
}

static void refused(const char *text, const char *why)
{
	long long fen;
	char err[256] = "";
	assert_int_equal(project_money_parse("planned", text, &fen, err, sizeof err), -1);
	if (!strstr(err, why))
		fail_msg("\"%s\": expected \"%s\" in \"%s\"", text, why, err);
}

static void test_money_parse(void **state)
{
	(void)state;
	assert_true(fen_of("1200000") == 120000000LL);
	assert_true(fen_of("1,200,000.50") == 120000050LL);
	assert_true(fen_of("0.07") == 7);
	assert_true(fen_of("120万") == 120000000LL);
	assert_true(fen_of("1.5万元") == 1500000LL);
	assert_true(fen_of("0.000001万") == 1);          /* one fen, exactly */
	assert_true(fen_of("300000.5元") == 30000050LL);
	/* no floating point: 0.1 + 0.2 style sums stay exact */
	assert_true(fen_of("0.1") + fen_of("0.2") == fen_of("0.3"));
	refused("", "give an amount");
	refused("-5", "not an amount");
	refused("1.234", "at most 2 decimal places");
	refused("1.0000001万", "at most 6 decimal places");
	refused("12,34", "not an amount");
	refused("1,2345", "not an amount");
	refused("1.", "not an amount");
	refused("abc", "not an amount");
	refused("1e6", "not an amount");
	refused("99999999999999999999", "too large");
	char out[PROJECT_MONEY_LEN];
	project_money_format(120000050LL, out);
	assert_string_equal(out, "1200000.50");
	project_money_format(7, out);
	assert_string_equal(out, "0.07");
	long long fen;
	assert_int_equal(project_money_fen("", &fen), 0);
	assert_true(fen == 0);
}

static void test_milestones(void **state)
{
	(void)state;
	struct project p = {0};
	char err[256];
	assert_int_equal(project_milestone_set(&p, "开工", NULL, "2026-03-01", "2026-03-20", NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, "give its planned date"));
	assert_int_equal(project_milestone_set(&p, "开工", "2026-03-01", NULL, "2026-03-20", NULL, err, sizeof err), 0);
	assert_int_equal(project_milestone_set(&p, "开工", "2026-02-30", NULL, "2026-03-20", NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, "not a date"));
	/* an actual date may not lie in the future */
	assert_int_equal(project_milestone_set(&p, "开工", NULL, "2026-03-21", "2026-03-20", NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, "after today"));
	assert_int_equal(project_milestone_set(&p, "[x]", "2026-03-01", NULL, "2026-03-20", NULL, err, sizeof err), -1);
	/* overdue: planned date past, no actual date */
	assert_int_equal(project_milestone_overdue(&p.ms[0], "2026-03-20"), 19);
	assert_int_equal(project_milestone_overdue(&p.ms[0], "2026-03-01"), 0);
	assert_int_equal(project_milestone_set(&p, "验收", "2026-12-31", NULL, "2026-03-20", NULL, err, sizeof err), 0);
	snprintf(p.status, sizeof p.status, "building");
	assert_int_equal(project_overdue_count(&p, "2026-03-20"), 1);
	assert_int_equal(project_milestone_set(&p, "开工", NULL, "2026-03-05", "2026-03-20", NULL, err, sizeof err), 0);
	assert_int_equal(p.nms, 2);
	assert_int_equal(project_overdue_count(&p, "2026-03-20"), 0);
	assert_int_equal(project_milestone_set(&p, "开工", NULL, "", "2026-03-20", NULL, err, sizeof err), 0);
	assert_int_equal(project_overdue_count(&p, "2026-03-20"), 1);
	snprintf(p.status, sizeof p.status, "cancelled");   /* a cancelled project is never late */
	assert_int_equal(project_overdue_count(&p, "2026-03-20"), 0);
}

static void test_money_years(void **state)
{
	(void)state;
	struct project p = {0};
	char err[256];
	long long a, b, c;
	assert_int_equal(project_money_set(&p, "2026", "120万", "800,000", NULL, NULL, err, sizeof err), 0);
	assert_int_equal(project_money_set(&p, "2025", "1000", NULL, NULL, NULL, err, sizeof err), 0);
	assert_int_equal(project_money_set(&p, "2026", NULL, NULL, "300000.5", NULL, err, sizeof err), 0);
	assert_int_equal(p.nmoney, 2);
	assert_string_equal(p.money[0].year, "2025");      /* kept in year order */
	assert_string_equal(p.money[1].planned, "1200000.00");
	assert_string_equal(p.money[1].spent, "300000.50");
	project_money_totals(&p, &a, &b, &c);
	assert_true(a == 120100000LL && b == 80000000LL && c == 30000050LL);
	assert_int_equal(project_money_set(&p, "26", "1", NULL, NULL, NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, "give a year"));
	assert_int_equal(project_money_set(&p, "2026", "x", NULL, NULL, NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, "2026 planned \"x\""));
	assert_int_equal(project_money_set(&p, "2026", "", NULL, NULL, NULL, err, sizeof err), 0);
	assert_string_equal(p.money[1].planned, "");
}

static struct project sample(void)
{
	struct project p = {0};
	char err[256];
	snprintf(p.id, sizeof p.id, "PJ0000001");
	snprintf(p.title, sizeof p.title, "水头镇污水处理设施");
	snprintf(p.level, sizeof p.level, "town");
	snprintf(p.place, sizeof p.place, "441821107");
	snprintf(p.place_name, sizeof p.place_name, "迳头镇");
	snprintf(p.kind, sizeof p.kind, "sewage");
	snprintf(p.group, sizeof p.group, "town_building");
	snprintf(p.status, sizeof p.status, "building");
	snprintf(p.created, sizeof p.created, "2026-03-20");
	assert_int_equal(project_milestone_set(&p, "立项", "2026-01-10", "2026-01-12", "2026-03-20", NULL, err, sizeof err), 0);
	assert_int_equal(project_money_set(&p, "2026", "120万", NULL, "1", NULL, err, sizeof err), 0);
	return p;
}

static void test_check(void **state)
{
	(void)state;
	char err[256];
	struct project p = sample();
	assert_int_equal(project_check(&p, NULL, NULL, "2026-03-20", NULL, err, sizeof err), 0);
	snprintf(p.level, sizeof p.level, "village");
	assert_int_equal(project_check(&p, NULL, NULL, "2026-03-20", NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, "does not agree"));
	p = sample();
	snprintf(p.kind, sizeof p.kind, "rocket");
	assert_int_equal(project_check(&p, NULL, NULL, "2026-03-20", NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, "not a project kind"));
	p = sample();
	snprintf(p.status, sizeof p.status, "done");
	assert_int_equal(project_check(&p, NULL, NULL, "2026-03-20", NULL, err, sizeof err), -1);
	p = sample();
	p.ms[p.nms++] = p.ms[0];
	assert_int_equal(project_check(&p, NULL, NULL, "2026-03-20", NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, "given twice"));
	assert_string_equal(project_level_of("441821"), "county");
	assert_string_equal(project_level_of("441821107202"), "village");
	assert_null(project_level_of("4418"));
	assert_null(project_level_of("44182110x"));
}

static void test_text_round_trip(void **state)
{
	(void)state;
	struct project p = sample(), back = {0};
	struct buf a = {0}, b = {0};
	char err[256];
	project_render(&p, &a);
	assert_non_null(strstr(buf_str(&a), "project: PJ0000001\n"));
	assert_non_null(strstr(buf_str(&a), "level: town 镇级\n"));
	assert_non_null(strstr(buf_str(&a), "place_name: 迳头镇\n"));
	assert_non_null(strstr(buf_str(&a), "\n[milestone 1]\nname: 立项\nplanned: 2026-01-10\nactual: 2026-01-12\n"));
	assert_non_null(strstr(buf_str(&a), "\n[money 1]\nyear: 2026\nplanned: 1200000.00\nspent: 1.00\n"));
	assert_int_equal(project_parse(buf_str(&a), &back, err, sizeof err), 0);
	assert_string_equal(back.place_name, "");     /* shown: the store fills it */
	snprintf(back.place_name, sizeof back.place_name, "%s", p.place_name);
	project_render(&back, &b);
	assert_string_equal(buf_str(&a), buf_str(&b));
	struct project bad = {0};
	assert_int_equal(project_parse("project: PJ1\n[money 2]\nyear: 2026\n", &bad, err, sizeof err), -1);
	assert_non_null(strstr(err, "expected [milestone 1] or [money 1]"));
	memset(&bad, 0, sizeof bad);
	assert_int_equal(project_parse("project: PJ1\nsize: 3\n", &bad, err, sizeof err), -1);
	assert_non_null(strstr(err, "unknown key size"));
	buf_free(&a);
	buf_free(&b);
}

/* A refusal names its field (what the projects sheet turns into a column), never through
 * the words of the message. */
static void test_fault(void **state)
{
	(void)state;
	char err[256];
	struct project_fault at = {0};
	struct project p = sample();
	assert_int_equal(project_money_set(&p, "2026", NULL, "1.234", NULL, &at, err, sizeof err), -1);
	assert_int_equal(at.field, PJF_ALLOCATED);
	assert_int_equal(project_money_set(&p, "26", "1", NULL, NULL, &at, err, sizeof err), -1);
	assert_int_equal(at.field, PJF_YEAR);
	assert_int_equal(project_milestone_set(&p, "开工", "2026-03-01", "2026-03-21", "2026-03-20", &at,
	                                       err, sizeof err), -1);
	assert_int_equal(at.field, PJF_MS_ACTUAL);
	assert_string_equal(at.milestone, "开工");
	assert_int_equal(project_milestone_set(&p, "验收", NULL, NULL, "2026-03-20", &at, err, sizeof err), -1);
	assert_int_equal(at.field, PJF_MS_PLANNED);
	assert_string_equal(at.milestone, "验收");
	snprintf(p.kind, sizeof p.kind, "rocket");
	assert_int_equal(project_check(&p, NULL, NULL, "2026-03-20", &at, err, sizeof err), -1);
	assert_int_equal(at.field, PJF_KIND);
	p = sample();
	snprintf(p.status, sizeof p.status, "done");
	assert_int_equal(project_check(&p, NULL, NULL, "2026-03-20", &at, err, sizeof err), -1);
	assert_int_equal(at.field, PJF_STATUS);
	assert_non_null(strstr(err, "谋划"));            /* what may be typed instead */
	p = sample();
	p.title[0] = '\0';
	assert_int_equal(project_check(&p, NULL, NULL, "2026-03-20", &at, err, sizeof err), -1);
	assert_int_equal(at.field, PJF_TITLE);
	p = sample();
	p.ms[p.nms++] = p.ms[0];
	assert_int_equal(project_check(&p, NULL, NULL, "2026-03-20", &at, err, sizeof err), -1);
	assert_int_equal(at.field, PJF_MS_NAME);
	assert_string_equal(at.milestone, "立项");
	/* NULL: not wanted */
	assert_int_equal(project_money_set(&p, "26", "1", NULL, NULL, NULL, err, sizeof err), -1);
}

/* project show: every line a whole sentence of the catalog, the overdue milestone with
 * its days (English here: the unit tests load no catalog). */
static void test_describe(void **state)
{
	(void)state;
	struct project p = sample();
	struct buf out = {0};
	char err[256];
	assert_int_equal(project_milestone_set(&p, "开工", "2026-03-01", NULL, "2026-03-20", NULL, err,
	                                       sizeof err), 0);
	project_describe(&p, "2026-03-20", &out);
	const char *s = buf_str(&out);
	assert_non_null(strstr(s, "project: PJ0000001\ntitle: 水头镇污水处理设施\n"));
	assert_non_null(strstr(s, "place: 441821107 迳头镇 (镇级)\n"));
	assert_non_null(strstr(s, "status: 在建\n"));
	assert_non_null(strstr(s, "\n  立项     planned 2026-01-10  actual 2026-01-12\n"));
	assert_non_null(strstr(s, "\n  开工     planned 2026-03-01  actual -  OVERDUE 19 days\n"));
	assert_non_null(strstr(s, "\n  year            planned        allocated            spent\n"));
	assert_non_null(strstr(s, "\n  2026         1200000.00                -             1.00\n"));
	assert_null(strstr(s, "total"));                  /* one year: no total line */
	buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_money_parse),
		cmocka_unit_test(test_milestones),
		cmocka_unit_test(test_money_years),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_text_round_trip),
		cmocka_unit_test(test_fault),
		cmocka_unit_test(test_describe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
