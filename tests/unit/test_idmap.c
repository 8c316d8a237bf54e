/* test_idmap.c — the import's ID number → line map: 18-character IDs kept as numbers
 * (with X, across growth, replaced), any other form kept as a string, nothing found that
 * was not put. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "core/idmap.h"

static void test_many_and_x(void **state)
{
	(void)state;
	struct idmap m = {0};
	char id[24];
	long line;
	for (long i = 0; i < 100000; i++) {
		snprintf(id, sizeof id, "44182119%09ld%c", i, i % 11 == 10 ? 'X' : (char)('0' + i % 11));
		assert_int_equal(idmap_put(&m, id, i + 2), 0);
	}
	for (long i = 0; i < 100000; i++) {
		snprintf(id, sizeof id, "44182119%09ld%c", i, i % 11 == 10 ? 'X' : (char)('0' + i % 11));
		assert_true(idmap_get(&m, id, &line));
		assert_int_equal(line, i + 2);
	}
	/* the same digits with another check character is another ID */
	assert_false(idmap_get(&m, "441821190000000101", &line));
	assert_false(idmap_get(&m, "441821190000000109", &line));
	assert_true(idmap_get(&m, "44182119000000010X", &line));
	assert_int_equal(line, 12);
	assert_int_equal(idmap_put(&m, "44182119000000010X", 7), 0);
	assert_true(idmap_get(&m, "44182119000000010X", &line));
	assert_int_equal(line, 7);
	idmap_free(&m);
}

static void test_other_forms(void **state)
{
	(void)state;
	struct idmap m = {0};
	long line;
	assert_int_equal(idmap_put(&m, "441821680312123", 3), 0);        /* 15 digits */
	assert_int_equal(idmap_put(&m, "E12345678", 4), 0);              /* not a resident ID */
	assert_int_equal(idmap_put(&m, "4418211968031212321", 5), 0);    /* 19 characters */
	assert_true(idmap_get(&m, "441821680312123", &line));
	assert_int_equal(line, 3);
	assert_true(idmap_get(&m, "E12345678", &line));
	assert_int_equal(line, 4);
	assert_true(idmap_get(&m, "4418211968031212321", &line));
	assert_int_equal(line, 5);
	assert_false(idmap_get(&m, "441821196803121232", &line));
	assert_int_equal(m.count, 0);
	idmap_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_many_and_x),
		cmocka_unit_test(test_other_forms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
