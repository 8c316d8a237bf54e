/* test_csv_table.c — a CSV sheet read by its header (core/csv_table.c): columns by field
 * name or Chinese title in any order, unknown columns ignored, cells trimmed and
 * unguarded, missing required columns, repeated columns, rows wider than the header and
 * syntax errors reported by line, blank rows skipped. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "core/csv_table.h"

static const struct csv_table_col cols[] = {
	{"place", "地区代码", 1}, {"year", "年度", 1}, {"target", "目标值", 0},
};

struct log { int n; long line[8]; char msg[8][200]; };

static void report(void *ctx, long line, const char *column, const char *msg)
{
	struct log *l = ctx;
	if (l->n < 8) {
		l->line[l->n] = line;
		snprintf(l->msg[l->n], sizeof l->msg[0], "%s", msg);
	}
	l->n++;
}

static int read_text(const char *text, struct csv_table *t, struct log *l)
{
	memset(l, 0, sizeof *l);
	return csv_table_read(text, strlen(text), cols, 3, t, report, l);
}

static void test_titles_any_order_unknown_ignored(void **state)
{
	struct csv_table t;
	struct log l;
	assert_int_equal(read_text("\xEF\xBB\xBF年度,备注,地区代码\r\n 2024 ,x,'=441821\r\n\r\n,,\r\n"
	                           "2025,,佛冈县\r\n", &t, &l), 0);
	assert_int_equal(t.nrows, 2);
	assert_int_equal(t.rows[0].line, 2);
	assert_string_equal(t.rows[0].v[0], "=441821");      /* the formula guard's quote gone */
	assert_string_equal(t.rows[0].v[1], "2024");         /* trimmed */
	assert_string_equal(t.rows[0].v[2], "");             /* no target column: empty */
	assert_int_equal(t.rows[1].line, 5);                 /* blank and empty rows skipped */
	assert_string_equal(t.rows[1].v[0], "佛冈县");
	csv_table_free(&t);
}

static void test_field_names(void **state)
{
	struct csv_table t;
	struct log l;
	assert_int_equal(read_text("place,year,target\n441821,2024,12.5\n", &t, &l), 0);
	assert_int_equal(t.nrows, 1);
	assert_string_equal(t.rows[0].v[2], "12.5");
	csv_table_free(&t);
}

static void test_header_defects(void **state)
{
	struct csv_table t;
	struct log l;
	assert_int_equal(read_text("place,目标值,target\n441821,1,2\n", &t, &l), 2);
	assert_int_equal(l.line[0], 1);
	assert_string_equal(l.msg[0], "column target appears twice in the header");
	assert_string_equal(l.msg[1], "the header has no column year (年度)");
	csv_table_free(&t);
}

static void test_row_defects(void **state)
{
	struct csv_table t;
	struct log l;
	assert_int_equal(read_text("place,year\n441821,2024,extra\n\"open,2024\n", &t, &l), 2);
	assert_int_equal(l.line[0], 2);
	assert_string_equal(l.msg[0], "more cells than the header has columns");
	assert_int_equal(l.line[1], 3);
	assert_non_null(strstr(l.msg[1], "never closed"));
	csv_table_free(&t);
}

static void test_empty_file(void **state)
{
	struct csv_table t;
	struct log l;
	assert_int_equal(read_text("", &t, &l), 1);
	assert_string_equal(l.msg[0], "the file is empty: no header");
	csv_table_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_titles_any_order_unknown_ignored),
		cmocka_unit_test(test_field_names),
		cmocka_unit_test(test_header_defects),
		cmocka_unit_test(test_row_defects),
		cmocka_unit_test(test_empty_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
