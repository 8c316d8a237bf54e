/* test_find_plan.c — household_find (show, set, the UI's open by key) looks a key up
 * through indexes only, at every scope: the household's id, its 户编号, a member's ID
 * number and a member's 15-digit original one (migration 17's partial index). Without
 * that index the OR of the last two read every member: 450 ms a `show` at 1M. Checked on
 * the statement household_find leaves in the cache, by SQLite's own plan of it, and by
 * finding a household through each key. */
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

/* the number of full scans in SQLite's plan of the cached statement household_find
 * prepared (the one that reads id_original); fails if there is none */
static int scans_in_find(void)
{
	const char *find = NULL;
	for (sqlite3_stmt *st = sqlite3_next_stmt(s->db, NULL); st; st = sqlite3_next_stmt(s->db, st))
		if (strstr(sqlite3_sql(st), "id_original = "))
			find = sqlite3_sql(st);
	assert_non_null(find);
	char q[2048];
	snprintf(q, sizeof q, "EXPLAIN QUERY PLAN %s", find);
	sqlite3_stmt *plan;
	assert_int_equal(sqlite3_prepare_v2(s->db, q, -1, &plan, NULL), SQLITE_OK);
	int scans = 0;
	while (sqlite3_step(plan) == SQLITE_ROW) {
		const char *detail = (const char *)sqlite3_column_text(plan, 3);
		if (detail && strncmp(detail, "SCAN ", 5) == 0) {
			fprintf(stderr, "full scan in household_find: %s\n", detail);
			scans++;
		}
	}
	sqlite3_finalize(plan);
	return scans;
}

static void find_as(const char *scope, const char *key, const char *want)
{
	struct user u = {.id = 1, .login = "t", .role = ROLE_ADMIN};
	snprintf(u.scope, sizeof u.scope, "%s", scope);
	struct household h;
	int rc = household_find(s, &u, key, &h);
	if (want) {
		assert_int_equal(rc, 0);
		assert_string_equal(h.id, want);
		household_free(&h);
	} else {
		assert_int_equal(rc, STORE_ENOTFOUND);
	}
	assert_int_equal(scans_in_find(), 0);
}

static void test_find_by_index(void **state)
{
	(void)state;
	sql("INSERT OR IGNORE INTO regions(code, level, name, parent) VALUES "
	    "('440103004', 3, '多宝街道', '440103'), ('440103004101', 4, '恒宝社区', '440103004')");
	sql("INSERT INTO households(id, household_no, county_code, town_code, village_code, "
	    "version) VALUES ('H1', '440103004101000001', '440103', '440103004', "
	    "'440103004101', 1)");
	sql("INSERT INTO members(household_id, seq, name, id_number, id_original, relation) "
	    "VALUES ('H1', 1, '陈秀英', '440103199001011234', '440103900101123', '户主')");
	/* every scope bangfu gives: the province, a city, a county, a town, a village */
	const char *const scopes[] = {"44", "440100", "440103", "440103004", "440103004101"};
	for (size_t i = 0; i < sizeof scopes / sizeof scopes[0]; i++) {
		find_as(scopes[i], "H1", "H1");
		find_as(scopes[i], "440103004101000001", "H1");
		find_as(scopes[i], "440103199001011234", "H1");
		find_as(scopes[i], "440103900101123", "H1");
		find_as(scopes[i], "440103199001019999", NULL);
	}
	find_as("440104", "440103199001011234", NULL);   /* out of scope: not found */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_by_index),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
