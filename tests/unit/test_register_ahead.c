/* test_register_ahead.c — pieces made on a thread ahead of their writer: every piece
 * comes in order with its reports in the order they were made (a column or none), never
 * more than three pieces held, the making stopped when the writer gives up early, and
 * the error of the last piece handed on. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "store/register_ahead.h"

struct maker {
	int pieces;          /* how many to make */
	int fail_at;         /* the piece that fails (its rc), -1: none */
	int made;            /* the maker's count */
	int taken;           /* the writer's count (read by the maker: atomics) */
	int most_ahead;      /* the most pieces made and not yet given back */
	struct ahead *a;
};

static int make(void *ctx, struct ahead_piece *p)
{
	struct maker *m = ctx;
	int taken = __atomic_load_n(&m->taken, __ATOMIC_SEQ_CST);
	if (m->made - taken + 1 > m->most_ahead)
		m->most_ahead = m->made - taken + 1;
	if (m->made == m->pieces)
		return 1;   /* the end: got 0 */
	int i = m->made++;
	p->got = 1;
	p->total = i;
	p->b.households = calloc(2, sizeof *p->b.households);   /* freed with the batch */
	p->b.nhouseholds = p->b.households ? 2 : 0;
	char msg[32];
	for (int k = 0; k < i % 3; k++) {   /* 0, 1 or 2 reports a piece */
		snprintf(msg, sizeof msg, "piece %d report %d", i, k);
		ahead_report(m->a, 100L * i + k, k ? "列" : NULL, msg);
	}
	if (i == m->fail_at) {
		p->rc = -1;
		buf_adds(&p->fail, "bangfu: failed\n");
		return 1;
	}
	return 0;
}

struct heard {
	int n;
	long lines[256];
	char text[256][40];
	int column[256];
};

static void hear(void *ctx, long line, const char *column, const char *msg)
{
	struct heard *h = ctx;
	if (h->n < 256) {
		h->lines[h->n] = line;
		h->column[h->n] = column != NULL;
		snprintf(h->text[h->n], sizeof h->text[0], "%s", msg);
	}
	h->n++;
}

static void run(int pieces, int fail_at, int stop_after, struct maker *m, struct heard *h,
                int *last_rc)
{
	memset(m, 0, sizeof *m);
	memset(h, 0, sizeof *h);
	m->pieces = pieces;
	m->fail_at = fail_at;
	assert_int_equal(ahead_start(&m->a, make, m, hear, h), 0);
	ahead_report(m->a, 1, NULL, "before the first piece");   /* straight on */
	assert_int_equal(h->n, 1);
	struct ahead_piece *p;
	int n = 0;
	*last_rc = 0;
	while (n != stop_after && (p = ahead_next(m->a, hear, h))) {
		if (!p->got) {   /* the end, made like a piece: nothing in it */
			assert_int_equal(p->b.nhouseholds, 0);
			continue;
		}
		assert_int_equal(p->total, n);
		assert_int_equal(p->b.nhouseholds, 2);
		*last_rc = p->rc;
		if (p->rc)
			assert_string_equal(p->fail.s, "bangfu: failed\n");
		n++;
		usleep(2000);   /* a slow writer: the maker runs ahead, up to the bound */
		__atomic_store_n(&m->taken, n, __ATOMIC_SEQ_CST);
	}
	ahead_free(m->a);
}

static void test_order_and_bound(void **state)
{
	(void)state;
	struct maker m;
	struct heard h;
	int rc;
	run(40, -1, -1, &m, &h, &rc);
	assert_int_equal(m.made, 40);
	assert_int_equal(rc, 0);
	assert_true(m.most_ahead <= 3);
	/* 1 + 13 pieces with one report + 13 with two (i % 3), in order */
	assert_int_equal(h.n, 1 + 13 + 2 * 13);
	int at = 1;
	for (int i = 0; i < 40; i++)
		for (int k = 0; k < i % 3; k++, at++) {
			char want[32];
			snprintf(want, sizeof want, "piece %d report %d", i, k);
			assert_string_equal(h.text[at], want);
			assert_int_equal(h.lines[at], 100L * i + k);
			assert_int_equal(h.column[at], k != 0);
		}
}

static void test_writer_gives_up(void **state)
{
	(void)state;
	struct maker m;
	struct heard h;
	int rc;
	run(1000, -1, 5, &m, &h, &rc);
	assert_true(m.made >= 5 && m.made <= 8);   /* stopped a few pieces on, not at the end */
}

static void test_error_ends(void **state)
{
	(void)state;
	struct maker m;
	struct heard h;
	int rc;
	run(40, 7, -1, &m, &h, &rc);
	assert_int_equal(m.made, 8);
	assert_int_equal(rc, -1);   /* the last piece taken is the failed one */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_and_bound),
		cmocka_unit_test(test_writer_gives_up),
		cmocka_unit_test(test_error_ends),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
