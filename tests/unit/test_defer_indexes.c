/* test_defer_indexes.c — an import or the demo into an empty register drops its secondary
 * indexes while it writes and makes them again at its end (store/defer.c). Two members
 * with one ID number cannot come through the import (its check refuses the file first)
 * nor the demo, so here they are put in by hand inside the bulk write: making
 * members_id_number again must refuse the write with the message that says so, and the
 * rollback must bring back every index of the register with nothing written. */
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

/* the county, town and village the households below are in */
static void add_places(void)
{
	sql("INSERT OR IGNORE INTO regions(code, level, name, parent) VALUES "
	    "('440103', 2, '荔湾区', '440100'), ('440103002', 3, '岭南街道', '440103'), "
	    "('440103002108', 4, '清平社区', '440103002')");
}

#define INDEXES "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
#define ID_INDEX "SELECT count(*) FROM sqlite_master WHERE name = 'members_id_number'"

static void same_id_number_refused_at_the_end(void **state)
{
	(void)state;
	int before = sql_int(INDEXES);
	assert_int_equal(sql_int(ID_INDEX), 1);
	sql("BEGIN IMMEDIATE");
	assert_int_equal(defer_begin(s), 0);
	assert_int_equal(sql_int(ID_INDEX), 0);   /* dropped for the bulk write */
	assert_true(sql_int(INDEXES) < before);
	add_places();
	sql("INSERT INTO households(id, household_no, county_code, town_code, village_code) VALUES "
	    "('H4401030000001', '4401030021083701', '440103', '440103002', '440103002108'), "
	    "('H4401030000002', '4401030021083702', '440103', '440103002', '440103002108')");
	sql("INSERT INTO members(household_id, seq, name, id_number, relation) VALUES "
	    "('H4401030000001', 1, '陈甲', '440103199001011236', '户主'), "
	    "('H4401030000002', 1, '陈乙', '440103199001011236', '户主')");
	assert_int_equal(defer_end(s), STORE_EINVAL);
	if (!strstr(s->err, "same ID number") && !strstr(s->err, "证件号码相同"))
		fail_msg("unexpected message: %s", s->err);
	defer_abort(s);
	sql("ROLLBACK");
	assert_int_equal(sql_int(INDEXES), before);
	assert_int_equal(sql_int(ID_INDEX), 1);
	assert_int_equal(sql_int("SELECT count(*) FROM members"), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM households"), 0);
}

/* the same bulk write with distinct ID numbers: every index made again, the rows kept */
static void distinct_id_numbers_kept(void **state)
{
	(void)state;
	int before = sql_int(INDEXES);
	sql("BEGIN IMMEDIATE");
	assert_int_equal(defer_begin(s), 0);
	add_places();
	sql("INSERT INTO households(id, household_no, county_code, town_code, village_code) VALUES "
	    "('H4401030000001', '4401030021083701', '440103', '440103002', '440103002108')");
	sql("INSERT INTO members(household_id, seq, name, id_number, relation) VALUES "
	    "('H4401030000001', 1, '陈甲', '440103199001011236', '户主'), "
	    "('H4401030000001', 2, '陈乙', '440103199202021234', '配偶')");
	assert_int_equal(defer_end(s), 0);
	sql("ROLLBACK");   /* nothing committed: only the indexes' return is checked here */
	assert_int_equal(sql_int(INDEXES), before);
	assert_int_equal(sql_int(ID_INDEX), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_id_number_refused_at_the_end),
		cmocka_unit_test(distinct_id_numbers_kept),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
