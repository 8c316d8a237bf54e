/* today_cache.c — the rule items `today` derived last, kept per scope so that the next
 * run with nothing changed reads them back instead of deriving them again from every
 * open case in the scope (three reads a case: 0.15 s at 100,000 households, ten times
 * that at a million). An entry is stamped with the date and the last event id: every
 * change of the data the rules read (cases, visits, measures, members, tasks, users,
 * settings) is an event, so an entry whose stamp is still the last event of the same day
 * holds what deriving again would give. It is a cache and not history: written without
 * a sync of its own, not in the audit history, absent after a rebuild (the first run
 * derives again); a run that cannot write it (another writer holds the lock) just
 * derives next time too. The stamp does not know the rules' code: a release that
 * changes what core/tasks_rules.c derives must clear today_cache_mark in a migration
 * (else the old items stand until the next change or the next day). The household
 * flags (today_flags.c) are kept the same way, under their own key: three queries over
 * every household in scope, 6 s for the province at a million households. */
#include "store/internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A user's entry of one kind (TODAY_CACHE_RULES, TODAY_CACHE_FLAGS): the rules derive
 * over her scope; a user who may write has the rule tasks kept (their ids and owners in
 * the items), one who may not sees them unkept. */
static void key(const struct user *u, const char *what, char *out, size_t n)
{
	snprintf(out, n, "%s:%s:%d", what, u->scope, access_may_write(u) ? 1 : 0);
}

int today_cache_stamp(struct store *s, long *event)
{
	char v[32] = "";
	int rc = db_lookup(s, v, sizeof v, "SELECT coalesce(max(id), 0) FROM events", NULL);
	*event = rc ? -1 : atol(v);
	return rc;
}

int today_cache_read(struct store *s, const struct user *u, const char *what, const char *date,
                     long event, int (*add)(void *ctx, const struct today_item *it), void *ctx)
{
	char k[64], stamp[64] = "", want[64];
	key(u, what, k, sizeof k);
	snprintf(want, sizeof want, "%s %ld", date, event);
	if (event < 0 || db_lookup(s, stamp, sizeof stamp, "SELECT stamp FROM today_cache_mark "
	                           "WHERE key = ?", k, NULL) || strcmp(stamp, want) != 0)
		return 0;
	sqlite3_stmt *st;
	if (db_cached(s, "SELECT due, days, kind, rule, task, owner, status, household, case_id, "
	                 "title FROM today_cache WHERE key = ? ORDER BY seq", &st))
		return -1;
	sqlite3_bind_text(st, 1, k, -1, SQLITE_TRANSIENT);
	int rc = 0, step;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct today_item it;
		memset(&it, 0, sizeof it);
		snprintf(it.due, sizeof it.due, "%s", db_col_text(st, 0));
		it.days_overdue = sqlite3_column_int64(st, 1);
		snprintf(it.kind, sizeof it.kind, "%s", db_col_text(st, 2));
		snprintf(it.rule, sizeof it.rule, "%s", db_col_text(st, 3));
		snprintf(it.task, sizeof it.task, "%s", db_col_text(st, 4));
		snprintf(it.owner, sizeof it.owner, "%s", db_col_text(st, 5));
		snprintf(it.status, sizeof it.status, "%s", db_col_text(st, 6));
		snprintf(it.household, sizeof it.household, "%s", db_col_text(st, 7));
		snprintf(it.case_id, sizeof it.case_id, "%s", db_col_text(st, 8));
		snprintf(it.title, sizeof it.title, "%s", db_col_text(st, 9));
		rc = add(ctx, &it);
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_sqlfail(s, "reading the rule items kept by today");
	db_finalize(s, st);
	return rc ? -1 : 1;
}

static int write_items(struct store *s, const char *k, const char *stamp,
                       const struct today_item *v, int n)
{
	sqlite3_stmt *st;
	if (db_cached(s, "DELETE FROM today_cache WHERE key = ?", &st))
		return -1;
	sqlite3_bind_text(st, 1, k, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	db_finalize(s, st);
	if (rc || db_cached(s, "INSERT INTO today_cache(key, seq, due, days, kind, rule, task, owner, "
	                       "status, household, case_id, title) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", &st))
		return -1;
	for (int i = 0; i < n && !rc; i++) {
		const struct today_item *it = &v[i];
		const char *text[] = {it->kind, it->rule, it->task, it->owner, it->status,
		                      it->household, it->case_id, it->title};
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, k, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, i);
		sqlite3_bind_text(st, 3, it->due, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, it->days_overdue);
		for (int c = 0; c < 8; c++)
			sqlite3_bind_text(st, 5 + c, text[c], -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	}
	db_finalize(s, st);
	if (rc || db_cached(s, "INSERT OR REPLACE INTO today_cache_mark(key, stamp) VALUES (?, ?)", &st))
		return -1;
	sqlite3_bind_text(st, 1, k, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, stamp, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	db_finalize(s, st);
	return rc;
}

void today_cache_write(struct store *s, const struct user *u, const char *what, const char *date,
                       long event, const struct today_item *v, int n)
{
	char k[64], stamp[64];
	if (event < 0 || !sqlite3_get_autocommit(s->db))
		return;
	key(u, what, k, sizeof k);
	snprintf(stamp, sizeof stamp, "%s %ld", date, event);
	/* a cache: no wait for the lock and no sync of its own; a failure leaves it stale,
	 * which the stamp tells */
	sqlite3_busy_timeout(s->db, 0);
	if (sqlite3_exec(s->db, "PRAGMA synchronous=NORMAL; BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK) {
		if (write_items(s, k, stamp, v, n) == 0)
			sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
		if (!sqlite3_get_autocommit(s->db))
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	}
	sqlite3_exec(s->db, "PRAGMA synchronous=FULL", NULL, NULL, NULL);
	sqlite3_busy_timeout(s->db, DB_BUSY_MS);
	s->err[0] = '\0';
}
