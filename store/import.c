/* import.c — bulk writes: a checked register batch, or the synthetic demo register,
 * written as one audit event. Before anything is written, the batch is checked against
 * the database too (an ID number registered in another household, a county outside the
 * importer's scope); in all-or-nothing mode any defect leaves the store untouched. */
#include "store/internal.h"
#include "core/record.h"
#include <stdio.h>
#include <string.h>

/* The household (id) holding ID number `id` other than the one numbered `number`; one
 * outside u's scope is not named (docs/security.md "Scope"). */
static int id_elsewhere(struct store *s, const struct user *u, sqlite3_stmt *st, const char *id,
                        const char *number, char *owner, size_t n)
{
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, number, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(owner, n, access_in_scope(u, db_col_text(st, 2)) ? _("household %s")
		                   : _("a household outside your scope"), db_col_text(st, 0));
	return rc == SQLITE_ROW;
}

/* 1 when the 户编号 of h is registered to a household outside u's scope (an import
 * would merge into it: a write outside the importer's scope). */
static int number_outside(struct store *s, const struct user *u, const struct household *h)
{
	char village[16];
	return db_lookup(s, village, sizeof village, "SELECT village_code FROM households "
	                 "WHERE household_no = ?", household_get(h, HF_NO), NULL) == 0 &&
	       !access_in_scope(u, village);
}

/* Check the batch against the database; report defects by line. */
static int check_against_store(struct store *s, const struct user *u, struct register_batch *b,
                               register_report_fn report, void *ctx)
{
	sqlite3_stmt *st;
	int defects = 0;
	if (db_cached(s, "SELECT h.id, h.household_no, h.village_code FROM members m JOIN households h ON "
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
		} else if (mi == 0 && regions_check(s, h, row->line, report, ctx)) {
			b->bad[hi] = 1;
			defects++;
		} else if (mi == 0 && number_outside(s, u, h)) {
			snprintf(msg, sizeof msg, _("户编号 %s is registered to a household outside your "
			         "scope %s"), household_get(h, HF_NO), u->scope);
			report(ctx, row->line, NULL, msg);
			b->bad[hi] = 1;
			defects++;
		}
		if (mi < h->nmembers &&
		    id_elsewhere(s, u, st, member_get(&h->members[mi], MF_ID), household_get(h, HF_NO),
		                 owner, sizeof owner)) {
			snprintf(msg, sizeof msg, _("ID number %s is already registered in %s"),
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

/* The bangfu id and version of an already registered household with the same 户编号
 * (version 0: none). */
static int match_existing(struct store *s, const struct household *h, char *id, size_t n,
                          long *version)
{
	sqlite3_stmt *st;
	*version = 0;
	if (db_cached(s, "SELECT id, version FROM households WHERE household_no = ?", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, household_get(h, HF_NO), -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(id, n, "%s", db_col_text(st, 0));
		*version = sqlite3_column_int64(st, 1);
	}
	db_finalize(s, st);
	return 0;
}

/* Where a household of the file comes from, for the notes of a merge. */
struct source {
	const char *present;      /* the file's columns (register_batch.present) */
	register_report_fn report;
	void *ctx;
	const struct register_batch *batch;   /* NULL for the demo */
	int household;            /* its index in batch */
};

/* The line of household i's first row in the file (looked up only for a note). */
static long first_line(const struct register_batch *b, int i)
{
	for (int r = 0; b && r < b->nrows; r++)
		if (b->rows[r].household == i)
			return b->rows[r].line;
	return 0;
}

static void merge_note(void *ctx, const char *column, const char *msg)
{
	const struct source *src = ctx;
	if (src->report)
		src->report(src->ctx, first_line(src->batch, src->household), column, msg);
}

/* Write one household inside the open event: a new one as it is, one already registered
 * merged into what bangfu keeps (register_merge: the casework stays). */
static int import_one(struct store *s, struct household *h, int synthetic,
                      struct source *src, struct import_result *res)
{
	char id[20] = "";
	long version = 0;
	int rc;
	const char *year = import_income_year(src->batch, src->household);
	/* a file's household into an empty register: nothing to match (the file holds each
	 * 户编号 once; household_no's UNIQUE refuses a second one all the same) */
	if (!(src->batch && store_import_fresh(s)) &&
	    (rc = match_existing(s, h, id, sizeof id, &version)))
		return rc;
	if (!version) {
		if ((rc = import_income(s, h, year, &res->incomes)) ||
		    (rc = regions_resolve(s, h, synthetic)) || (rc = household_save(s, h, 0)) ||
		    (rc = household_text_file(s, h)))
			return rc;
		res->households_new++;
		res->members += h->nmembers;
		return 0;
	}
	struct household kept;
	struct buf before = {0}, after = {0};
	if ((rc = household_load(s, id, &kept)))
		return rc;
	record_render(&s->lists, &kept, &before);
	if (register_merge(&kept, h, src->present, merge_note, src))
		rc = store_fail(s, STORE_EFAIL, "out of memory");
	else if (!(rc = import_income(s, &kept, year, &res->incomes)) &&
	         !(rc = regions_resolve(s, &kept, kept.synthetic))) {
		record_render(&s->lists, &kept, &after);
		if (buf_str(&before) && buf_str(&after) && strcmp(before.s, after.s) == 0)
			res->households_unchanged++;       /* the file says what bangfu has */
		else if (!(rc = household_save(s, &kept, version)) &&
		         !(rc = household_text_file(s, &kept))) {
			res->households_updated++;
			res->members += kept.nmembers;
		}
	}
	buf_free(&before);
	buf_free(&after);
	household_free(&kept);
	return rc;
}

/* Only an administrator imports. */
static int import_allowed(struct store *s, const struct user *u)
{
	return access_is_admin(u) ? 0 : store_fail(s, STORE_EDENIED, "only an administrator may "
	                                           "import (you are %s)", access_role_code(u->role));
}

int store_import_check(struct store *s, const struct user *u, struct register_batch *b,
                       register_report_fn report, void *ctx)
{
	if (import_allowed(s, u))
		return STORE_EDENIED;
	/* the piece's lookups in one read transaction: alone, each took and dropped the
	 * WAL's read lock (fcntl) and ended a transaction of its own (4 % of an import) */
	int own = sqlite3_get_autocommit(s->db) && db_exec(s, "BEGIN") == 0;
	int rc = import_income_years_check(s, b) ? STORE_EINVAL
	       : check_against_store(s, u, b, report, ctx) < 0 ? STORE_EFAIL : 0;
	if (own)
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);   /* read only: nothing to lose */
	return rc;
}

int store_import_begin(struct store *s, const struct user *u, int households, const char *why,
                       struct import_result *res)
{
	char subject[64];
	int rejected = res->rejected;
	memset(res, 0, sizeof *res);
	res->rejected = rejected;
	res->total = households;
	snprintf(subject, sizeof subject, "%d households", households);
	if (import_allowed(s, u))
		return STORE_EDENIED;
	if (write_begin(s, u, "import", subject, why))
		return STORE_EFAIL;
	return write_close(s, defer_begin(s));
}

int store_import_write(struct store *s, struct register_batch *b, register_report_fn report,
                       void *ctx, struct import_result *res)
{
	for (int i = 0; i < b->nhouseholds; i++) {
		if (b->bad[i])
			continue;
		struct source src = {b->present, report, ctx, b, i};
		store_progress(s, N_("households"), ++res->done, res->total);
		/* the parsed households stay the batch's, freed with it by its owner (the one
		 * pass: on the thread that read them, store/register_ahead.c) */
		int rc = import_one(s, &b->households[i], 0, &src, res);
		if (rc) {
			write_rollback(s);
			return rc;
		}
	}
	return 0;
}

void store_import_abort(struct store *s)
{
	store_progress(s, NULL, 0, 0);
	write_rollback(s);
}

int store_import_fresh(const struct store *s)
{
	return s->defer && s->defer_empty;
}

/* KiB of page cache for an import checked and written in one pass: a quarter less than
 * defer.c's 192 MiB, for what the pass holds besides (every ID number of the file and
 * each household's rows left, some 150 MB at 1M households; with 192 MiB the 1M import
 * peaked at 513 MB) */
#define ONE_PASS_CACHE "-131072"

int store_import_checker(struct store *s, struct store **out)
{
	if (db_exec(s, "PRAGMA cache_size=" ONE_PASS_CACHE))
		return STORE_EFAIL;
	int rc = store_open(s->dir, out);
	/* a few lookups a household: the page cache of an edit, not of a bulk write */
	if (!rc && db_exec(*out, "PRAGMA cache_size=-8192"))
		rc = STORE_EFAIL;
	if (rc) {
		rc = store_fail(s, rc, "%s", *out ? store_error(*out) : "out of memory");
		store_close(*out);
		*out = NULL;
	}
	return rc;
}

int store_import_end(struct store *s, struct import_result *res)
{
	char subject[64];
	store_progress(s, NULL, 0, 0);
	if (res->households_new + res->households_updated == 0) {
		write_rollback(s);        /* nothing changed: no event, no commit */
		return 0;
	}
	snprintf(subject, sizeof subject, "%d households (%d new, %d updated)",
	         res->households_new + res->households_updated, res->households_new,
	         res->households_updated);
	if (write_subject(s, subject) || defer_end(s)) {
		write_rollback(s);
		return STORE_EFAIL;
	}
	return write_commit(s);
}

int store_import(struct store *s, const struct user *u, struct register_batch *b, int skip_bad,
                 const char *why, register_report_fn report, void *ctx, struct import_result *res)
{
	memset(res, 0, sizeof *res);
	int rc = store_import_check(s, u, b, report, ctx);
	if (rc)
		return rc;
	int bad = 0;
	for (int i = 0; i < b->nhouseholds; i++)
		bad += b->bad[i];
	if (bad && !skip_bad)
		return store_fail(s, STORE_EINVAL, b->defects == 1 ? N_("%d defect found: nothing was imported")
		                  : N_("%d defects found: nothing was imported"), b->defects);
	res->rejected = bad;
	if (bad == b->nhouseholds)
		return store_fail(s, STORE_EINVAL, "no household without defects: nothing was imported");
	if ((rc = store_import_begin(s, u, b->nhouseholds - bad, why, res)) ||
	    (rc = store_import_write(s, b, report, ctx, res)))
		return rc;
	return store_import_end(s, res);
}

int import_synthetic(struct store *s, struct household *h, struct import_result *res)
{
	/* a generated household carries every register field; one already there (the same
	 * seed loaded twice) keeps its casework like a re-imported one */
	char present[FIELD_COUNT];
	for (int f = 0; f < FIELD_COUNT; f++)
		present[f] = !(model_fields[f].flags & F_NOCSV);
	struct source src = {present, NULL, NULL, NULL, 0};
	return import_one(s, h, 1, &src, res);
}
