/* test_places.c — core/places (百千万工程 places: track, town class and cluster settings,
 * exact decimals, figures, the weak-village flag), the extended pairing checks (a county
 * outside Guangdong, extendable unit kinds and programmes) and flatrec over extended
 * code lists. No database. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "core/code_lists.h"
#include "core/pairing.h"
#include "core/places.h"

static void test_keys(void **state)
{
	(void)state;
	const char *code = NULL;
	assert_int_equal(places_key("track.441821", &code), PLACE_TRACK);
	assert_string_equal(code, "441821");
	assert_int_equal(places_key("town_class.441821107", &code), PLACE_TOWN_CLASS);
	assert_string_equal(code, "441821107");
	assert_int_equal(places_key("cluster.441821", &code), PLACE_CLUSTER);
	assert_int_equal(places_key("weak_village_line", &code), PLACE_WEAK_LINE);
	assert_int_equal(places_key("visit_interval.441821", &code), PLACE_NONE);
	assert_int_equal(places_key("tracking", &code), PLACE_NONE);
}

static void test_setting_values(void **state)
{
	(void)state;
	char out[256], err[256];
	assert_int_equal(places_setting_value("track.441821", "创先", out, sizeof out, err, sizeof err), 0);
	assert_string_equal(out, "创先");
	assert_int_equal(places_setting_value("track.441821", "weak", out, sizeof out, err, sizeof err), 0);
	assert_string_equal(out, "消薄");   /* a code is stored as its label */
	assert_int_equal(places_setting_value("track.441821", "领先", out, sizeof out, err, sizeof err), -1);
	assert_non_null(strstr(err, "is not a track"));
	assert_int_equal(places_setting_value("track.4418", "创先", out, sizeof out, err, sizeof err), -1);
	assert_non_null(strstr(err, "6-digit county code"));
	/* town classes: table order, one per classification, samples any */
	assert_int_equal(places_setting_value("town_class.441821107", "美丽圩镇样板、重点帮扶，中心镇",
	                                      out, sizeof out, err, sizeof err), 0);
	assert_string_equal(out, "中心镇、重点帮扶、美丽圩镇样板");
	assert_int_equal(places_setting_value("town_class.441821107", "中心镇、特色镇", out, sizeof out,
	                                      err, sizeof err), -1);
	assert_non_null(strstr(err, "中心镇 and 特色镇 are one classification"));
	assert_int_equal(places_setting_value("town_class.441821107", "巩固提升、先行示范", out,
	                                      sizeof out, err, sizeof err), -1);
	assert_int_equal(places_setting_value("town_class.441821107", "大镇", out, sizeof out, err,
	                                      sizeof err), -1);
	assert_int_equal(places_setting_value("town_class.441821", "中心镇", out, sizeof out, err,
	                                      sizeof err), -1);
	/* clusters: names joined by 、, at most 5 */
	assert_int_equal(places_setting_value("cluster.441821", "预制菜，丝苗米, 文旅", out, sizeof out,
	                                      err, sizeof err), 0);
	assert_string_equal(out, "预制菜、丝苗米、文旅");   /* spaces trimmed */
	assert_int_equal(places_setting_value("cluster.441821", "a、b、c、d、e、f", out, sizeof out,
	                                      err, sizeof err), -1);
	assert_non_null(strstr(err, "at most 5"));
	assert_int_equal(places_setting_value("cluster.441821", "、", out, sizeof out, err, sizeof err), -1);
	/* the weak-village line: an exact number, canonical */
	assert_int_equal(places_setting_value("weak_village_line", "100000.00", out, sizeof out, err,
	                                      sizeof err), 0);
	assert_string_equal(out, "100000");
	assert_int_equal(places_setting_value("weak_village_line", "10万", out, sizeof out, err,
	                                      sizeof err), -1);
}

static void test_decimals(void **state)
{
	(void)state;
	long long v;
	char out[32], err[128];
	assert_int_equal(places_decimal_parse("12.5", &v, err, sizeof err), 0);
	assert_true(v == 125000);
	assert_int_equal(places_decimal_parse("0.0001", &v, err, sizeof err), 0);
	assert_true(v == 1);
	assert_int_equal(places_decimal_parse("-3.25", &v, err, sizeof err), 0);
	assert_true(v == -32500);
	/* 0.1 + 0.2 is exactly 0.3: no floating point */
	long long a, b;
	places_decimal_parse("0.1", &a, err, sizeof err);
	places_decimal_parse("0.2", &b, err, sizeof err);
	places_decimal_format(a + b, out, sizeof out);
	assert_string_equal(out, "0.3");
	places_decimal_format(125000, out, sizeof out);
	assert_string_equal(out, "12.5");
	places_decimal_format(-32500, out, sizeof out);
	assert_string_equal(out, "-3.25");
	places_decimal_format(90000000000000LL * PLACES_SCALE / 10, out, sizeof out);
	assert_string_equal(out, "9000000000000");
	assert_int_equal(places_decimal_parse("99999999999999.9999", &v, err, sizeof err), 0);
	places_decimal_format(v, out, sizeof out);
	assert_string_equal(out, "99999999999999.9999");
	const char *bad[] = {"", "-", "1.", ".5", "1.23456", "6,800", "1e3", "123456789012345", "1 2"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(places_decimal_parse(bad[i], &v, err, sizeof err), -1);
}

static void test_figures(void **state)
{
	(void)state;
	char err[256];
	struct figure f = {.place = "441821", .year = "2024", .kind = "sewage_capacity",
	                   .target = "12000.50", .actual = "09500"};
	assert_int_equal(places_figure_check(NULL, &f, err, sizeof err), 0);
	assert_string_equal(f.target, "12000.5");
	assert_string_equal(f.actual, "9500");
	/* met: the actual reaches the target, compared exactly; unknown without both */
	assert_int_equal(places_figure_met(&f), 0);
	struct figure m = f;
	snprintf(m.actual, sizeof m.actual, "12000.5");
	assert_int_equal(places_figure_met(&m), 1);
	snprintf(m.actual, sizeof m.actual, "12000.4999");
	assert_int_equal(places_figure_met(&m), 0);
	m.target[0] = '\0';
	assert_int_equal(places_figure_met(&m), -1);
	struct figure bad = f;
	snprintf(bad.place, sizeof bad.place, "4418211");
	assert_int_equal(places_figure_check(NULL, &bad, err, sizeof err), -1);
	bad = f;
	snprintf(bad.year, sizeof bad.year, "24");
	assert_int_equal(places_figure_check(NULL, &bad, err, sizeof err), -1);
	bad = f;
	bad.target[0] = bad.actual[0] = '\0';
	assert_int_equal(places_figure_check(NULL, &bad, err, sizeof err), -1);
	assert_non_null(strstr(err, "target or an actual"));
	/* an added indicator is known only through the lists in effect */
	struct code_lists l;
	code_lists_init(&l);
	bad = f;
	snprintf(bad.kind, sizeof bad.kind, "farm_houses");
	assert_int_equal(places_figure_check(&l, &bad, err, sizeof err), -1);
	assert_non_null(strstr(err, "indicator.CODE"));
	assert_int_equal(code_lists_add(&l, "indicator.farm_houses", "农房风貌提升(户)", err, sizeof err), 0);
	assert_int_equal(places_figure_check(&l, &bad, err, sizeof err), 0);
	/* rendered with its label, parsed back only with the same lists */
	struct buf text = {0};
	snprintf(bad.id, sizeof bad.id, "F0000001");
	flatrec_render(&l, places_figure_fields, places_figure_field_count, &bad, &text);
	assert_non_null(strstr(text.s, "kind: farm_houses 农房风貌提升(户)\n"));
	struct figure back = {0};
	assert_int_equal(flatrec_parse(NULL, places_figure_fields, places_figure_field_count, text.s,
	                               &back, err, sizeof err), -1);
	assert_int_equal(flatrec_parse(&l, places_figure_fields, places_figure_field_count, text.s,
	                               &back, err, sizeof err), 0);
	assert_string_equal(back.target, "12000.5");
	buf_free(&text);
	code_lists_free(&l);
	/* the weak-village flag */
	assert_int_equal(places_weak_village("85000", "100000"), 1);
	assert_int_equal(places_weak_village("100000", "100000"), 0);
	assert_int_equal(places_weak_village("x", "100000"), -1);
}

static void test_pairing_extended(void **state)
{
	(void)state;
	char err[256];
	assert_true(pairing_outside_county("522301"));
	assert_true(pairing_outside_county("450100"));
	assert_false(pairing_outside_county("441821"));
	assert_false(pairing_outside_county("520000"));
	assert_false(pairing_outside_county("990101"));
	struct pair p = {.kind = "county", .helper = "440100", .helped = "522301",
	                 .programme = "east_west", .start = "2023", .end = "2025", .region = "440100"};
	assert_int_equal(pairing_pair_check(NULL, &p, err, sizeof err), -1);
	assert_non_null(strstr(err, "--name"));
	snprintf(p.helped_name, sizeof p.helped_name, "兴义市");
	assert_int_equal(pairing_pair_check(NULL, &p, err, sizeof err), 0);
	snprintf(p.programme, sizeof p.programme, "hk_macao");
	assert_int_equal(pairing_pair_check(NULL, &p, err, sizeof err), -1);
	assert_non_null(strstr(err, "programme.CODE"));
	struct code_lists l;
	code_lists_init(&l);
	assert_int_equal(code_lists_add(&l, "programme.hk_macao", "港澳帮扶", err, sizeof err), 0);
	assert_int_equal(pairing_pair_check(&l, &p, err, sizeof err), 0);
	/* units: the new kinds, a level, an end date */
	struct unit u = {.name = "某集团", .kind = "provincial_soe", .level = "province", .region = "44"};
	assert_int_equal(pairing_unit_check(NULL, &u, err, sizeof err), 0);
	snprintf(u.level, sizeof u.level, "town");
	assert_int_equal(pairing_unit_check(NULL, &u, err, sizeof err), -1);
	assert_non_null(strstr(err, "unit level"));
	snprintf(u.level, sizeof u.level, "county");
	snprintf(u.end, sizeof u.end, "2025-02-30");
	assert_int_equal(pairing_unit_check(NULL, &u, err, sizeof err), -1);
	snprintf(u.end, sizeof u.end, "2025-12-31");
	snprintf(u.kind, sizeof u.kind, "coop");
	assert_int_equal(pairing_unit_check(NULL, &u, err, sizeof err), -1);
	assert_int_equal(code_lists_add(&l, "unit_kind.coop", "农民合作社", err, sizeof err), 0);
	assert_int_equal(pairing_unit_check(&l, &u, err, sizeof err), 0);
	code_lists_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_setting_values),
		cmocka_unit_test(test_decimals),
		cmocka_unit_test(test_figures),
		cmocka_unit_test(test_pairing_extended),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
