/* test_relayout.c — a household's history as the UI reads it (store_history_list,
 * store_history_diff, store/history.c) across `audit relayout` (store/relayout.c): the
 * events from before the move (its file at households/COUNTY/TOWN/ID.txt), the move
 * itself once (not also as the removal of its old path) and those after it (at
 * households/COUNTY/TOWN/VILLAGE/ID.txt), each with the diff of its own commit and its
 * files counted when asked (store_history_files: the list leaves them uncounted). The
 * register is put in the town layout an older bangfu made by removing the setting
 * before any household is written (init writes it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>
#include "tests/unit/store_fixture.h"

struct seen { int n; char why[8][64], commit[8][41], verb[8][32]; long event[8], files[8]; };

static int keep(void *ctx, const struct history_entry *e)
{
	struct seen *w = ctx;
	if (w->n < 8) {
		snprintf(w->why[w->n], sizeof w->why[0], "%s", e->why);
		snprintf(w->commit[w->n], sizeof w->commit[0], "%s", e->commit);
		snprintf(w->verb[w->n], sizeof w->verb[0], "%s", e->verb);
		w->event[w->n] = e->event;
		w->files[w->n] = e->files;
	}
	w->n++;
	return 0;
}

static void diff_of(const struct user *u, const char *id, const char *commit, struct buf *out)
{
	buf_reset(out);
	assert_int_equal(store_history_diff(s, u, id, commit, out), 0);
}

static void history_across_relayout(void **state)
{
	(void)state;
	char login[64], id[24], path[256];
	unsigned uid;
	struct user u;
	struct import_result res;
	long moved = 0;
	assert_int_equal(identity_login(s, login, sizeof login, &uid), 0);
	assert_int_equal(user_load(s, login, &u), 0);
	sql("DELETE FROM settings WHERE key = 'history_layout'");
	assert_int_equal(store_history_layout(s), LAYOUT_TOWN);
	memset(&res, 0, sizeof res);
	assert_int_equal(store_demo(s, &u, 12, 3, &res), 0);
	assert_int_equal(db_lookup(s, id, sizeof id, "SELECT min(id) FROM households", NULL), 0);
	assert_int_equal(store_household_set(s, &u, id, 0, "hamlet", "甲村", 0, "before the move"), 0);
	assert_int_equal(db_lookup(s, path, sizeof path, "SELECT path FROM event_files WHERE "
	                           "event_id = (SELECT max(id) FROM events)", NULL), 0);
	assert_int_equal(strlen(path), strlen("households/440000/440000000/H4400000000000.txt"));
	assert_int_equal(store_audit_relayout(s, &u, "by village", &moved), 0);
	assert_int_equal(moved, 12);
	assert_int_equal(store_history_layout(s), LAYOUT_VILLAGE);
	assert_int_equal(store_household_set(s, &u, id, 0, "hamlet", "乙村", 0, "after the move"), 0);
	assert_int_equal(db_lookup(s, path, sizeof path, "SELECT path FROM event_files WHERE "
	                           "event_id = (SELECT max(id) FROM events)", NULL), 0);
	assert_int_equal(strlen(path), strlen("households/440000/440000000/440000000000/H4400000000000.txt"));

	struct seen w = {0};
	assert_int_equal(store_history_list(s, &u, id, 0, keep, &w), 0);
	assert_int_equal(w.n, 4);   /* after, the move, before, the demo: each once */
	assert_string_equal(w.why[0], "after the move");
	assert_string_equal(w.why[1], "by village");
	assert_string_equal(w.verb[1], "audit relayout");
	assert_string_equal(w.why[2], "before the move");
	assert_string_equal(w.verb[3], "demo");
	for (int i = 0; i < 4; i++) {
		assert_int_equal(strlen(w.commit[i]), 40);
		assert_int_equal(w.files[i], -1);   /* counted when an entry is opened */
	}
	long files = 0;
	assert_int_equal(store_history_files(s, &u, w.event[0], &files), 0);
	assert_int_equal(files, 1);
	assert_int_equal(store_history_files(s, &u, w.event[1], &files), 0);
	assert_int_equal(files, 2 * 12 + 1);   /* each file removed and added, settings.txt */
	assert_int_equal(store_history_files(s, &u, w.event[3], &files), 0);
	assert_int_equal(files, 12);

	struct buf d = {0};
	diff_of(&u, id, w.commit[0], &d);
	assert_non_null(strstr(d.s, "+hamlet: 乙村"));
	assert_non_null(strstr(d.s, "-hamlet: 甲村"));
	diff_of(&u, id, w.commit[1], &d);   /* the move: the same text at its new path */
	assert_null(d.s && strstr(d.s, "hamlet:") ? d.s : NULL);
	diff_of(&u, id, w.commit[2], &d);
	assert_non_null(strstr(d.s, "+hamlet: 甲村"));
	buf_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(history_across_relayout)};
	return cmocka_run_group_tests(tests, setup, teardown);
}
