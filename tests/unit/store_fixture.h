/* store_fixture.h — a cmocka group fixture for unit tests that need a real store: a new
 * data directory under /tmp made by store_init (setup), removed with the store (teardown),
 * and sql() to run statements on its database, failing the test with SQLite's message.
 * Included by one test file each (static definitions). */
#ifndef TESTS_UNIT_STORE_FIXTURE_H
#define TESTS_UNIT_STORE_FIXTURE_H
#include <stdio.h>
#include <stdlib.h>
#include "store/internal.h"

static struct store *s;
static char dir[] = "/tmp/bangfu-test-store.XXXXXX";

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	char sub[sizeof dir + 8];
	snprintf(sub, sizeof sub, "%s/d", dir);
	if (store_init(sub, &s)) {
		fprintf(stderr, "init: %s\n", s ? s->err : "?");
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(s);
	char cmd[sizeof dir + 16];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd);
}

static void sql(const char *q)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, q, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", q, msg ? msg : "?");
}

/* The one integer a query gives; fails the test on an error. */
static inline sqlite3_int64 sql_int(const char *q)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(s->db, q, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	sqlite3_int64 n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}
#endif
