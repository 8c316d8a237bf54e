/* test_today_counts.c — today_rule_counts, kept by triggers on today_rules (migration 15),
 * stays equal to a count made from the rows however a row changes: added, replaced by an
 * INSERT OR REPLACE of the same key (its DELETE triggers fire: db_open sets
 * recursive_triggers), closed, opened again, deleted; at the province, county and village
 * levels. */
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

static long long one(const char *q)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(s->db, q, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* the counts the triggers keep, less the rows' own count, level by level: rows where they
 * differ (0 when they agree) */
static long long disagreements(void)
{
	return one("WITH kept AS (SELECT level, county_code c, town_code t, village_code v, kind,"
	           "  show_from, due, until, sum(n) n FROM today_rule_counts GROUP BY 1, 2, 3, 4, 5, 6, 7, 8"
	           "  HAVING sum(n) != 0),"
	           " rows AS (SELECT * FROM today_rules WHERE kind >= 0 AND"
	           "  coalesce(status, '') NOT IN ('done', 'cancelled')),"
	           " made AS (SELECT 0 level, '' c, '' t, '' v, kind, show_from, due, until, count(*) n"
	           "  FROM rows GROUP BY 5, 6, 7, 8"
	           "  UNION ALL SELECT 1, coalesce(county_code, ''), '', '', kind, show_from, due, until,"
	           "  count(*) FROM rows GROUP BY 2, 5, 6, 7, 8"
	           "  UNION ALL SELECT 2, coalesce(county_code, ''), coalesce(town_code, ''),"
	           "  coalesce(village_code, ''), kind, show_from, due, until, count(*) FROM rows"
	           "  GROUP BY 2, 3, 4, 5, 6, 7, 8)"
	           " SELECT (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM made))"
	           " + (SELECT count(*) FROM (SELECT * FROM made EXCEPT SELECT * FROM kept))");
}

static long long province(void)
{
	return one("SELECT coalesce(sum(n), 0) FROM today_rule_counts WHERE level = 0");
}

#define ROW(key, due, status) \
	"INSERT OR REPLACE INTO today_rules(show_from, key, kind, case_id, household, state," \
	" county_code, town_code, village_code, due, until, status) VALUES ('2026-11-01', '" key \
	"', 1, 'C1', 'H1', 'assisting', '440111', '440111001', '440111001001', '" due "'," \
	" '9999-12-31', " status ")"

static void test_replace_fires_delete(void **state)
{
	(void)state;
	sql(ROW("k1", "2026-12-10", "NULL"));
	sql(ROW("k2", "2026-12-10", "'open'"));
	assert_int_equal(province(), 2);
	assert_int_equal(disagreements(), 0);
	/* the same key again, with another due date: one row, counted once, at its new date */
	sql(ROW("k1", "2026-12-20", "NULL"));
	assert_int_equal(one("SELECT count(*) FROM today_rules"), 2);
	assert_int_equal(province(), 2);
	assert_int_equal(disagreements(), 0);
	/* replaced by a closed one: it leaves the counts */
	sql(ROW("k2", "2026-12-10", "'done'"));
	assert_int_equal(province(), 1);
	assert_int_equal(disagreements(), 0);
	/* opened again and closed by UPDATE, then deleted */
	sql("UPDATE today_rules SET status = 'open' WHERE key = 'k2'");
	assert_int_equal(province(), 2);
	sql("UPDATE today_rules SET status = 'cancelled' WHERE key = 'k1'");
	assert_int_equal(province(), 1);
	assert_int_equal(disagreements(), 0);
	sql("DELETE FROM today_rules");
	assert_int_equal(province(), 0);
	assert_int_equal(disagreements(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_replace_fires_delete),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
