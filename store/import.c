/* import.c — bulk writes: a checked register batch, or the synthetic demo register,
 * written as one audit event. Before anything is written, the batch is checked against
 * the database too (an ID number registered in another household, a county outside the
 * importer's scope); in all-or-nothing mode any defect leaves the store untouched. */
#include "store/internal.h"
#include "core/demo.h"
#include <malloc.h>
#include <stdio.h>
#include <string.h>

/* The household (id) holding ID number `id` other than the one numbered `number`. */
static int id_elsewhere(struct store *s, sqlite3_stmt *st, const char *id, const char *number,
                        char *owner, size_t n)
{
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, number, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(owner, n, "%s", db_col_text(st, 0));
	return rc == SQLITE_ROW;
}

/* Check the batch against the database; report defects by line. */
static int check_against_store(struct store *s, const struct user *u, struct register_batch *b,
                               register_report_fn report, void *ctx)
{
	sqlite3_stmt *st;
	int defects = 0;
	if (db_cached(s, "SELECT h.id, h.household_no FROM members m JOIN households h ON "
	                  "h.id = m.household_id WHERE m.id_number = ? AND h.household_no != ?", &st))
		return -1;
	int *seen = calloc((size_t)b->nhouseholds + 1, sizeof *seen);   /* rows seen per household */
	if (!seen) {
		db_finalize(s, st);
		return store_fail(s, STORE_EFAIL, "out of memory"), -1;
	}
	for (int r = 0; r < b->nrows; r++) {
		struct register_row *row = &b->rows[r];
		int hi = row->household;
		if (hi < 0 || b->bad[hi])
			continue;
		struct household *h = &b->households[hi];
		int mi = seen[hi]++;
		char msg[256], owner[64];
		if (mi == 0 && !access_in_scope(u, household_get(h, HF_COUNTY)) &&
		    !(household_get(h, HF_TOWNCODE)[0] && access_in_scope(u, household_get(h, HF_TOWNCODE)))) {
			snprintf(msg, sizeof msg, "county %s is outside your scope %s",
			         household_get(h, HF_COUNTY), u->scope);
			report(ctx, row->line, NULL, msg);
			b->bad[hi] = 1;
			defects++;
		}
		if (mi < h->nmembers &&
		    id_elsewhere(s, st, member_get(&h->members[mi], MF_ID), household_get(h, HF_NO),
		                 owner, sizeof owner)) {
			snprintf(msg, sizeof msg, "ID number %s is already registered in household %s",
			         member_get(&h->members[mi], MF_ID), owner);
			report(ctx, row->line, NULL, msg);
			if (!row->reason)
				row->reason = strdup(msg);
			b->bad[hi] = 1;
			defects++;
		}
	}
	free(seen);
	db_finalize(s, st);
	b->defects += defects;
	return defects;
}

/* The bangfu id, version and case ids of an already registered household with the same
 * 户编号, so that a re-import updates it rather than failing. */
static int match_existing(struct store *s, struct household *h, long *version)
{
	sqlite3_stmt *st;
	*version = 0;
	if (db_cached(s, "SELECT id, version FROM households WHERE household_no = ?", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, household_get(h, HF_NO), -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(h->id, sizeof h->id, "%s", db_col_text(st, 0));
		*version = sqlite3_column_int64(st, 1);
	}
	db_finalize(s, st);
	if (*version && h->ncases) {
		if (db_cached(s, "SELECT id FROM cases WHERE household_id = ? ORDER BY seq DESC LIMIT 1", &st))
			return STORE_EFAIL;
		sqlite3_bind_text(st, 1, h->id, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			snprintf(h->cases[0].id, sizeof h->cases[0].id, "%s", db_col_text(st, 0));
		db_finalize(s, st);
	}
	return 0;
}

/* Write one household inside the open event. */
static int import_one(struct store *s, struct household *h, int synthetic, struct import_result *res)
{
	long version = 0;
	int rc;
	if ((rc = match_existing(s, h, &version)) || (rc = regions_resolve(s, h, synthetic)) ||
	    (rc = household_save(s, h, version)) || (rc = household_text_file(s, h)))
		return rc;
	if (version)
		res->households_updated++;
	else
		res->households_new++;
	res->members += h->nmembers;
	return 0;
}

int store_import(struct store *s, const struct user *u, struct register_batch *b, int skip_bad,
                 const char *why, register_report_fn report, void *ctx, struct import_result *res)
{
	memset(res, 0, sizeof *res);
	if (!access_is_admin(u))
		return store_fail(s, STORE_EDENIED, "only an administrator may import (you are %s)",
		                  access_role_code(u->role));
	int defects = check_against_store(s, u, b, report, ctx);
	if (defects < 0)
		return STORE_EFAIL;
	int bad = 0;
	for (int i = 0; i < b->nhouseholds; i++)
		bad += b->bad[i];
	if (bad && !skip_bad)
		return store_fail(s, STORE_EINVAL, "%d defect%s found: nothing was imported",
		                  b->defects, b->defects == 1 ? "" : "s");
	res->rejected = bad;
	if (bad == b->nhouseholds)
		return store_fail(s, STORE_EINVAL, "no household without defects: nothing was imported");
	char subject[64];
	snprintf(subject, sizeof subject, "%d households", b->nhouseholds - bad);
	if (write_begin(s, u, "import", subject, why))
		return STORE_EFAIL;
	for (int i = 0; i < b->nhouseholds; i++) {
		if (b->bad[i])
			continue;
		int rc = import_one(s, &b->households[i], 0, res);
		if (rc) {
			write_rollback(s);
			return rc;
		}
	}
	return write_commit(s);
}

int store_demo(struct store *s, const struct user *u, long n, unsigned long seed,
               struct import_result *res)
{
	struct demo d;
	char why[96];
	memset(res, 0, sizeof *res);
	if (!access_is_admin(u))
		return store_fail(s, STORE_EDENIED, "only an administrator may load demo data");
	/* bulk path: keep freed memory instead of trimming the heap after every household */
	mallopt(M_TOP_PAD, 64 << 20);
	mallopt(M_TRIM_THRESHOLD, 128 << 20);
	snprintf(why, sizeof why, "synthetic demo register: %ld households, seed %lu", n, seed);
	char subject[64];
	snprintf(subject, sizeof subject, "%ld synthetic households", n);
	if (write_begin(s, u, "demo", subject, why))
		return STORE_EFAIL;
	demo_init(&d, seed, s->today);
	int rc = 0;
	for (long i = 0; i < n && !rc; i++) {
		struct household h;
		if (demo_next(&d, &h))
			rc = store_fail(s, STORE_EFAIL, "out of memory");
		else
			rc = import_one(s, &h, 1, res);
		household_free(&h);
	}
	demo_free(&d);
	if (rc) {
		write_rollback(s);
		return rc;
	}
	return write_commit(s);
}
