/* test_code_lists.c — lists extended by settings (core/code_lists.h): which entries may be
 * added and which are refused, and that every reader of codes (normalisation, the audit
 * text, the register CSV both ways, the query language, department warning files) uses
 * the tables it is given, while NULL still means the shipped tables. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/query.h"
#include "core/record.h"
#include "core/register.h"
#include "core/warning_file.h"

#define TODAY "2026-11-29"

static struct code_lists lists;

static int setup(void **state)
{
	char err[256];
	code_lists_init(&lists);
	if (code_lists_add(&lists, "category.low_income", "低收入边缘户", err, sizeof err) ||
	    code_lists_add(&lists, "risk.elderly", "因老", err, sizeof err) ||
	    code_lists_add(&lists, "warning_kind.pension_stop", "养老金停发", err, sizeof err)) {
		print_message("setup: %s\n", err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	code_lists_free(&lists);
	return 0;
}

/* code_lists_add on a scratch copy of the shipped tables: 0, or -1 with err holding `want`. */
static void refused(const char *key, const char *label, const char *want)
{
	struct code_lists l;
	char err[512] = "";
	code_lists_init(&l);
	int rc = code_lists_add(&l, key, label, err, sizeof err);
	if (rc != -1 || !strstr(err, want))
		print_message("  %s = %s: rc %d, \"%s\", wanted \"%s\"\n", key, label, rc, err, want);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err, want));
	assert_int_equal(l.table[0].count, codes_category.count);   /* nothing was added */
	code_lists_free(&l);
}

static void test_added_entries(void **state)
{
	const struct code_table *cat = code_lists_table(&lists, &codes_category);
	assert_int_equal(cat->count, codes_category.count + 1);
	assert_string_equal(codes_find(cat, "低收入边缘户")->code, "low_income");
	assert_string_equal(codes_find(cat, "marginal")->label, "边缘易致贫户");   /* shipped stay */
	assert_string_equal(code_lists_label(&lists, &codes_risk, "elderly"), "因老");
	assert_null(code_lists_label(NULL, &codes_risk, "elderly"));
	assert_null(code_lists_label(&lists, &codes_risk, NULL));
	/* tables that are not extensible are the shipped ones */
	assert_ptr_equal(code_lists_table(&lists, &codes_sex), &codes_sex);
	assert_ptr_equal(code_lists_table(NULL, &codes_category), &codes_category);
	assert_true(code_lists_is_key("warning_kind.x"));
	assert_true(code_lists_is_key("department.x"));
	assert_false(code_lists_is_key("measure_group.x"));   /* fixed national codes */
	assert_false(code_lists_is_key("relation.x"));
	assert_false(code_lists_is_key("category"));
	assert_false(code_lists_is_key("visit_interval.default"));
	char choices[64];
	codes_choices(code_lists_table(&lists, &codes_category), choices, sizeof choices);
	assert_string_equal(choices, "脱贫不稳定户 边缘易致贫户 突发严重困难户 ...");
}

static void test_refusals(void **state)
{
	refused("relation.cousin", "表亲", "not a list entry");
	refused("category.", "某类", "the code \"\"");
	refused("category.Low", "某类", "lower-case");
	refused("category.1st", "某类", "lower-case");
	refused("category.a-b", "某类", "lower-case");
	refused("category.abcdefghijklmnopqrstuvwx", "某类", "at most 23 bytes");
	refused("category.x", "", "is empty");
	refused("category.x", "低收入 户", "holds a space");
	refused("category.x", "低收入\u3000户", "holds a space");
	refused("category.x", "甲,乙", "separator");
	refused("risk.x", "因老、因病", "separator");
	refused("risk.x", "因老#1", "separator");
	refused("risk.x", "因\x01老", "control character");
	refused("risk.x", "因\xff老", "not valid UTF-8");
	refused("risk.x", "一二三四五六七八九十一二三四五六七", "longer than 16");
	/* an entry is never redefined: not a shipped code, not a shipped label */
	refused("category.marginal", "边缘户", "already has marginal 边缘易致贫户");
	refused("risk.x", "因病", "already has illness 因病");
	refused("risk.因病", "因病", "lower-case");
	refused("risk.x", "illness", "already has illness 因病");
	/* nor an added one */
	char err[512];
	assert_int_equal(code_lists_add(&lists, "risk.elderly", "因年老", err, sizeof err), -1);
	assert_non_null(strstr(err, "never changed or removed"));
	/* a list holds at most CODE_LISTS_MAX entries */
	struct code_lists l;
	code_lists_init(&l);
	int added = 0;
	for (int i = 0; i < 100; i++) {
		char key[32], label[16];
		snprintf(key, sizeof key, "risk.r%d", i);
		snprintf(label, sizeof label, "风险%d", i);
		if (code_lists_add(&l, key, label, err, sizeof err))
			break;
		added++;
	}
	assert_int_equal(added, CODE_LISTS_MAX - codes_risk.count);
	assert_non_null(strstr(err, "the most it may hold"));
	code_lists_free(&l);
	assert_int_equal(l.table[1].count, codes_risk.count);
}

/* What a store does when it reads the settings again: entries already there are
 * recognised, new ones go after them, and nothing handed out before moves. */
static void test_only_adds(void **state)
{
	struct code_lists l;
	char err[256];
	code_lists_init(&l);
	assert_int_equal(code_lists_add(&l, "risk.elderly", "因老", err, sizeof err), 0);
	const struct code_table *t = code_lists_table(&l, &codes_risk);
	const char *label = code_lists_label(&l, &codes_risk, "elderly");
	const struct code *items = t->items;
	assert_true(code_lists_contains(&l, "risk.elderly", "因老"));
	assert_false(code_lists_contains(&l, "risk.elderly", "因年老"));
	assert_false(code_lists_contains(&l, "risk.frail", "体弱"));
	assert_int_equal(code_lists_check(&l, "risk.frail", "体弱", err, sizeof err), 0);
	assert_int_equal(t->count, codes_risk.count + 1);           /* check adds nothing */
	for (int i = 0; i < 40; i++) {
		char key[32], lb[16];
		snprintf(key, sizeof key, "risk.r%d", i);
		snprintf(lb, sizeof lb, "风险%d", i);
		assert_int_equal(code_lists_add(&l, key, lb, err, sizeof err), 0);
	}
	assert_ptr_equal(code_lists_table(&l, &codes_risk), t);
	assert_ptr_equal(t->items, items);
	assert_ptr_equal(code_lists_label(&l, &codes_risk, "elderly"), label);
	assert_string_equal(label, "因老");
	code_lists_free(&l);
}

static void test_normalise_and_display(void **state)
{
	char out[256], err[256];
	assert_int_equal(model_value_normalise(&lists, CF_CATEGORY, "低收入边缘户", TODAY, out,
	                                       sizeof out, err, sizeof err), 0);
	assert_string_equal(out, "low_income");
	assert_int_equal(model_value_normalise(NULL, CF_CATEGORY, "低收入边缘户", TODAY, out,
	                                       sizeof out, err, sizeof err), -1);
	assert_string_equal(err, "unknown 监测对象类别 \"低收入边缘户\"");
	/* multi-value: table order, added entries after the shipped ones */
	assert_int_equal(model_value_normalise(&lists, CF_RISKS, "因老、因病", TODAY, out,
	                                       sizeof out, err, sizeof err), 0);
	assert_string_equal(out, "illness,elderly");
	assert_int_equal(model_value_display(&lists, CF_RISKS, "illness,elderly", out, sizeof out),
	                 (int)strlen("因病、因老"));
	assert_string_equal(out, "因病、因老");
	model_value_display(NULL, CF_RISKS, "illness,elderly", out, sizeof out);
	assert_string_equal(out, "因病、elderly");
}

static void test_record_text(void **state)
{
	struct household h = {0}, back = {0};
	struct buf text = {0}, again = {0};
	char err[256];
	snprintf(h.id, sizeof h.id, "H4418210000001");
	household_set(&h, HF_COUNTY, "441821");
	struct hcase *c = household_add_case(&h);
	snprintf(c->id, sizeof c->id, "C000001");
	case_set(c, CF_CATEGORY, "low_income");
	case_set(c, CF_RISKS, "illness,elderly");
	record_render(&lists, &h, &text);
	assert_non_null(strstr(buf_str(&text), "category: low_income 低收入边缘户\n"));
	assert_non_null(strstr(buf_str(&text), "risks: illness 因病, elderly 因老\n"));
	/* read back with the same lists: same record, same bytes */
	assert_int_equal(record_parse(&lists, buf_str(&text), &back, err, sizeof err), 0);
	record_render(&lists, &back, &again);
	assert_string_equal(buf_str(&again), buf_str(&text));
	household_free(&back);
	/* without the entry the text is not canonical: refused, never read half */
	memset(&back, 0, sizeof back);
	assert_int_equal(record_parse(NULL, buf_str(&text), &back, err, sizeof err), -1);
	assert_non_null(strstr(err, "not in canonical form"));
	household_free(&back);
	household_free(&h);
	buf_free(&text);
	buf_free(&again);
}

struct seen { char text[1024]; int n; };

static void collect(void *ctx, long line, const char *column, const char *msg)
{
	struct seen *s = ctx;
	size_t len = strlen(s->text);
	snprintf(s->text + len, sizeof s->text - len, "%ld: %s: %s\n", line, column ? column : "-", msg);
	s->n++;
}

static void test_register_csv(void **state)
{
	const char *csv = "户编号,county_code,乡镇,行政村,姓名,证件号码,与户主关系,性别,"
	                  "家庭人均纯收入,监测对象类别,风险类型\n"
	                  "1,441821,迳头镇,青竹村,李秀英,441821197501011008,户主,女,6800,"
	                  "低收入边缘户,因老、因病\n";
	struct register_batch b = {0};
	struct seen s = {"", 0};
	assert_int_equal(register_read_csv(&lists, csv, strlen(csv), TODAY, &b, collect, &s), 0);
	assert_int_equal(b.defects, 0);
	assert_string_equal(case_get(&b.households[0].cases[0], CF_CATEGORY), "low_income");
	struct buf out = {0};
	register_csv_rows(&lists, &b.households[0], &out);
	assert_non_null(strstr(buf_str(&out), ",低收入边缘户,因病、因老"));
	buf_free(&out);
	register_batch_free(&b);
	/* the shipped tables do not know the entries: both named, by line and column */
	memset(&b, 0, sizeof b);
	assert_int_equal(register_read_csv(NULL, csv, strlen(csv), TODAY, &b, collect, &s), 0);
	assert_int_equal(b.defects, 2);
	assert_non_null(strstr(s.text, "2: 监测对象类别: unknown 监测对象类别 \"低收入边缘户\""));
	assert_non_null(strstr(s.text, "2: 风险类型: unknown 风险类型 \"因老\""));
	register_batch_free(&b);
}

static void test_query(void **state)
{
	struct query q;
	char err[256];
	assert_int_equal(query_parse(&lists, "category:低收入边缘户 risk:因老", &q, err, sizeof err), 0);
	assert_int_equal(q.n, 2);
	assert_string_equal(q.terms[0].value, "low_income");
	assert_string_equal(q.terms[1].value, "elderly");
	assert_int_equal(query_parse(NULL, "risk:因老", &q, err, sizeof err), -1);
	assert_string_equal(err, "unknown 风险类型 \"因老\"");
}

static void test_warning_file(void **state)
{
	const char *csv = "证件号码,姓名,预警类型,发生日期,来源部门\n"
	                  "441821197501011008,李秀英,养老金停发,2026-11-01,人社\n";
	struct warning_row *rows = NULL;
	struct seen s = {"", 0};
	int defects;
	assert_int_equal(warnings_read_csv(&lists, csv, strlen(csv), TODAY, &rows, &defects, collect,
	                                   &s), 1);
	assert_int_equal(defects, 0);
	assert_string_equal(rows[0].kind, "pension_stop");
	free(rows);
	rows = NULL;
	assert_int_equal(warnings_read_csv(NULL, csv, strlen(csv), TODAY, &rows, &defects, collect,
	                                   &s), 1);
	assert_int_equal(defects, 1);
	/* the message offers the kinds in effect */
	assert_non_null(strstr(s.text, "2: 预警类型: unknown 预警类型 \"养老金停发\" (大额医疗支出 "
	                               "自然灾害 新增残疾 失业 辍学 住房安全 饮水安全 其他)"));
	free(rows);
	/* a name longer than a warning keeps (100 characters, 300 bytes) is refused, not cut */
	char longcsv[1024] = "证件号码,姓名,预警类型,发生日期,来源部门\n441821197501011008,";
	for (int i = 0; i < 100; i++)
		strcat(longcsv, "李");
	strcat(longcsv, ",养老金停发,2026-11-01,人社\n");
	rows = NULL;
	s.text[0] = '\0';
	assert_int_equal(warnings_read_csv(&lists, longcsv, strlen(longcsv), TODAY, &rows, &defects,
	                                   collect, &s), 1);
	assert_int_equal(defects, 1);
	assert_non_null(strstr(s.text, "2: 姓名: too long for a name (300 bytes, at most 256)"));
	free(rows);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_added_entries),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_only_adds),
		cmocka_unit_test(test_normalise_and_display),
		cmocka_unit_test(test_record_text),
		cmocka_unit_test(test_register_csv),
		cmocka_unit_test(test_query),
		cmocka_unit_test(test_warning_file),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
