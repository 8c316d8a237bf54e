/* test_household_key.c — households.rowid is the register-order key (store/household_key.c):
 * after households are added between neighbours, at a village's ends, a 户编号 changed,
 * a household moved to another village, a village with no gap left numbered again, and
 * a bulk write's end (into an empty register and into one with households), the rowid
 * order is exactly the order (county, town, village, 户编号), every key lies in its
 * village's range, and every household's search row sits at its rowid with its doc. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/internal.h"
#include "tests/unit/store_fixture.h"

/* the key order is the register order, each key in its village's range, each search
 * row at its household's rowid holding its members */
static void check_keys(int households)
{
	assert_int_equal(sql_int("SELECT count(*) FROM households"), households);
	assert_int_equal(sql_int("SELECT count(*) FROM (SELECT rowid AS r, lag(rowid) OVER (ORDER BY "
	                       "county_code, town_code, village_code, household_no) AS p FROM "
	                       "households) WHERE p >= r"), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM households WHERE rowid >> 23 <> "
	                       "CAST(village_code AS INTEGER) OR rowid & 8388607 = 0"), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM household_search"), households);
	assert_int_equal(sql_int("SELECT count(*) FROM households h LEFT JOIN household_search s ON "
	                       "s.rowid = h.rowid WHERE s.doc IS NOT (SELECT group_concat(name || ' ' "
	                       "|| id_number, ' ') FROM members WHERE household_id = h.id)"), 0);
}

static void add_places(void)
{
	sql("INSERT OR IGNORE INTO regions(code, level, name, parent) VALUES "
	    "('440103', 2, '荔湾区', '440100'), ('440103002', 3, '岭南街道', '440103'), "
	    "('440103002108', 4, '清平社区', '440103002'), "
	    "('440103002109', 4, '华林社区', '440103002')");
}

/* a household as household_save adds one: the row (rowid NULL, or a bulk's temporary
 * one), its key placed, its member and its search row */
static void add(const char *id, const char *no, const char *village, const char *name)
{
	char q[1024];
	char rowid[32] = "NULL";
	if (s->defer)
		snprintf(rowid, sizeof rowid, "%lld", (long long)s->defer_next++);
	snprintf(q, sizeof q, "INSERT INTO households(rowid, id, household_no, county_code, town_code, "
	         "village_code) VALUES (%s, '%s', '%s', '440103', '440103002', '%s')", rowid, id,
	         no, village);
	sql(q);
	snprintf(q, sizeof q, "INSERT INTO members(household_id, seq, name, id_number, relation) "
	         "VALUES ('%s', 1, '%s', '4401031990%s', '户主')", id, name, id + 7);
	sql(q);
	if (household_key_place(s, id, 1) || search_row_write(s, id, 1))
		fail_msg("%s: %s", id, s->err);
}

/* a bulk into the empty register: its households, added out of register order, keyed
 * at its end (one statement) with their search rows */
static void bulk_into_empty(void **state)
{
	(void)state;
	add_places();
	sql("BEGIN IMMEDIATE");
	assert_int_equal(defer_begin(s), 0);
	assert_true(s->defer_empty);
	add("H4401030000101", "4401030021090500", "440103002109", "孙甲");
	add("H4401030000102", "4401030021080500", "440103002108", "周乙");
	add("H4401030000103", "4401030021090400", "440103002109", "吴丙");
	assert_int_equal(defer_end(s), 0);
	check_keys(3);
	sql("COMMIT");
}

static void keys_follow_the_register(void **state)
{
	(void)state;
	sql("BEGIN IMMEDIATE");
	add("H4401030000001", "4401030021080010", "440103002108", "陈甲");
	add("H4401030000002", "4401030021080030", "440103002108", "陈乙");
	add("H4401030000003", "4401030021080020", "440103002108", "李丙");   /* between */
	add("H4401030000004", "4401030021080005", "440103002108", "王丁");   /* at the start */
	add("H4401030000005", "4401030021090001", "440103002109", "黄戊");   /* another village */
	check_keys(8);
	/* a 户编号 changed: from the middle to the end */
	sql("UPDATE households SET household_no = '4401030021080040' WHERE id = 'H4401030000003'");
	assert_int_equal(household_key_place(s, "H4401030000003", 0), 0);
	check_keys(8);
	/* moved to the other village, before its one household */
	sql("UPDATE households SET village_code = '440103002109', household_no = "
	    "'4401030021090000' WHERE id = 'H4401030000002'");
	assert_int_equal(household_key_place(s, "H4401030000002", 0), 0);
	check_keys(8);
	assert_int_equal(sql_int("SELECT rowid >> 23 FROM households WHERE id = 'H4401030000002'"),
	                 440103002109LL);
	/* no gap left between two neighbours: the village is numbered again */
	sqlite3_int64 first = sql_int("SELECT rowid FROM households WHERE id = 'H4401030000004'");
	char q[256];
	snprintf(q, sizeof q, "UPDATE households SET rowid = %lld WHERE id = 'H4401030000001'",
	         (long long)first + 1);
	sql("DELETE FROM household_search WHERE rowid = (SELECT rowid FROM households WHERE id = "
	    "'H4401030000001')");
	sql(q);
	assert_int_equal(search_row_write(s, "H4401030000001", 1), 0);
	check_keys(8);
	add("H4401030000006", "4401030021080007", "440103002108", "陈己");   /* into the no-gap */
	check_keys(9);
	assert_int_equal(sql_int("SELECT rowid FROM households WHERE id = 'H4401030000004'"),
	                 (440103002108LL << 23) + KEY_GAP);   /* numbered again from the start */
	sql("COMMIT");
}

/* a bulk write's new households numbered at its end with the old ones of their villages */
static void bulk_numbered_at_the_end(void **state)
{
	(void)state;
	sql("BEGIN IMMEDIATE");
	assert_int_equal(defer_begin(s), 0);
	add("H4401030000007", "4401030021080006", "440103002108", "赵庚");
	add("H4401030000008", "4401030021080050", "440103002108", "钱辛");
	assert_true(sql_int("SELECT min(rowid) FROM households WHERE id IN ('H4401030000007', "
	                  "'H4401030000008')") > KEY_TEMP);
	/* an old household saved again in the bulk: placed among the old ones at once */
	sql("UPDATE households SET household_no = '4401030021080060' WHERE id = 'H4401030000006'");
	assert_int_equal(household_key_place(s, "H4401030000006", 0), 0);
	assert_int_equal(defer_end(s), 0);
	check_keys(11);
	sql("COMMIT");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bulk_into_empty),
		cmocka_unit_test(keys_follow_the_register),
		cmocka_unit_test(bulk_numbered_at_the_end),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
