/* defer.c — what an import or the demo writes once, at the end of its transaction, for
 * the households it adds (those past KEY_TEMP, household_key.c): their keys and search
 * rows (search.c; FTS5 flushed a segment of its own at every statement savepoint, so
 * written a household at a time every one became a segment to merge again), their
 * counters (counts.c; six upserts a household) and the household flags `today` lists
 * with their counters (today_keep.c; three statements a household, a sixth of an
 * import's time). household_save leaves all three alone for such a household, even
 * when it is saved again in the same transaction (a file naming it twice), so each is
 * written once, from its final rows. A household registered
 * before is written as ever, at once. The result is the rows a household at a time
 * would have left, in the same transaction: a crash before COMMIT leaves none of it.
 *
 * The texts of the event's files go into packs as blobs as they are written
 * (write_file, audit_packw.c), event_files keeping each blob id as the flush leaves it
 * for any event: the texts are not written into the database, read back by the flush
 * and dropped again. defer_end finishes and syncs the packs before the COMMIT, so a
 * committed event's blobs are on disk; a crash before leaves packs no commit names
 * (harmless, as a killed flush leaves). */
#include "store/internal.h"
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFER_CACHE "-196608"   /* KiB: 192 MiB, the bulk of the import's memory */

/* Indexes no statement of an import or the demo reads, dropped while it writes into an
 * empty register and made again from every row at its end (a sort, not an insert in
 * random order a row: the members' names at 1M were pages read and written again
 * through the WAL), in the same transaction: a crash before COMMIT leaves them as they
 * were. Each is made again from its own CREATE statement, read from sqlite_master.
 * Kept while it writes, because a statement of the write reads them: the primary keys
 * and UNIQUE constraints (the conflicts of INSERT OR REPLACE and ON CONFLICT, the
 * foreign keys' parents, store_next_id), today_rules_key (keep_case's REPLACE, the
 * triggers on tasks), cases_household, measures_household and visits_household (a
 * household's facts for its rule items, today_facts.c; the flags at the end).
 * members_id_number (a UNIQUE index since migration 16) is dropped too: nothing of
 * the write looks an ID number up (the import's check did, before, through its own
 * connection), and CREATE UNIQUE INDEX at the end refuses a duplicate as the insert
 * would have, the whole transaction then rolled back.
 * The indexes of the tables written by defer_end's bulk statements (today_flags) are
 * made after them (late), the others before, so those statements read what they read
 * before. */
static const struct { const char *name; int late; } later_indexes[] = {
	{"members_name_household", 0}, {"members_id_number", 0}, {"households_order", 0},
	{"households_village", 0}, {"cases_state", 0}, {"case_steps_case", 0},
	{"case_steps_household", 0}, {"warnings_household", 0}, {"incomes_household", 0},
	{"event_files_path", 0}, {"today_rules_household", 0}, {"today_rules_gone", 0},
	{"today_rules_county", 0}, {"today_rules_town", 0}, {"today_rules_village", 0},
	{"today_rules_owner", 0}, {"today_rules_untasked", 0}, {"today_rules_due", 0},
	{"today_flags_household", 1}, {"today_flags_county", 1}, {"today_flags_town", 1},
	{"today_flags_village", 1},
};

static int drop_indexes(struct store *s)
{
	sqlite3_stmt *st;
	struct buf sql[2] = {{0}, {0}};
	int rc = 0;
	for (size_t i = 0; !rc && i < sizeof later_indexes / sizeof later_indexes[0]; i++) {
		if (db_cached(s, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", &st)) {
			rc = STORE_EFAIL;
			break;
		}
		sqlite3_bind_text(st, 1, later_indexes[i].name, -1, SQLITE_STATIC);
		int found = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0);
		if (found)
			buf_addf(&sql[later_indexes[i].late], "%s;", db_col_text(st, 0));
		db_finalize(s, st);
		if (found) {
			char drop[128];
			snprintf(drop, sizeof drop, "DROP INDEX %s", later_indexes[i].name);
			rc = db_exec(s, drop);
		}
	}
	for (int k = 0; k < 2; k++) {
		if (!rc && sql[k].len && !(s->defer_indexes[k] = buf_str(&sql[k]) ? strdup(sql[k].s) : NULL))
			rc = store_fail(s, STORE_EFAIL, "out of memory");
		buf_free(&sql[k]);
	}
	return rc;
}

/* Make again the indexes of group k (the rollback of a failure brings them all back). */
static int make_indexes(struct store *s, int k)
{
	int rc = 0;
	if (s->defer_indexes[k] && sqlite3_exec(s->db, s->defer_indexes[k], NULL, NULL, NULL) != SQLITE_OK)
		rc = sqlite3_errcode(s->db) == SQLITE_CONSTRAINT
		   ? store_fail(s, STORE_EINVAL, "two members have the same ID number: nothing was written")
		   : store_sqlfail(s, "making the indexes again");
	free(s->defer_indexes[k]);
	s->defer_indexes[k] = NULL;
	return rc;
}

static void free_indexes(struct store *s)
{
	for (int k = 0; k < 2; k++) {
		free(s->defer_indexes[k]);
		s->defer_indexes[k] = NULL;
	}
}

int defer_begin(struct store *s)
{
	char last[32] = "";
	int rc = audit_need(s);   /* the packs below go into the history (write_begin leaves it) */
	if (rc)
		return rc;
	rc = db_lookup(s, last, sizeof last, "SELECT coalesce(max(rowid), 0) FROM households", NULL);
	if (rc)
		return rc == STORE_ENOTFOUND ? store_fail(s, STORE_EFAIL, "no largest rowid") : rc;
	/* the new households' rowids from KEY_TEMP up, above every key (household_key.c) */
	s->defer_empty = strtoll(last, NULL, 10) == 0;
	s->defer_after = KEY_TEMP;
	s->defer_next = KEY_TEMP + 1;
	s->defer = 1;
	/* the one transaction touches most of the database: with the usual 64 MiB cache
	 * SQLite spilled pages to the WAL and read them back through its index, whose lookups
	 * grow with the WAL (at 1M, most of the time went there) */
	if (db_exec(s, "PRAGMA cache_size=" DEFER_CACHE))
		return STORE_EFAIL;
	if (s->defer_empty && (rc = drop_indexes(s)))
		return rc;
	identity_fault("bulk-indexes-dropped");   /* killed here: the rollback keeps them */
	if (!(s->pack = malloc(sizeof *s->pack)))
		return store_fail(s, STORE_EFAIL, "out of memory");
	return packw_begin(s, s->repo, s->pack);
}

/* Back to the cache every connection has (db.c). */
static void cache_back(struct store *s)
{
	sqlite3_exec(s->db, "PRAGMA cache_size=" DB_CACHE, NULL, NULL, NULL);
}

void defer_abort(struct store *s)
{
	if (s->defer)
		cache_back(s);
	s->defer = 0;
	free_indexes(s);   /* the rollback brings the indexes back */
	if (s->pack) {
		packw_free(s->pack);
		free(s->pack);
		s->pack = NULL;
	}
}

sqlite3_int64 defer_limit(const struct store *s)
{
	return s->defer ? s->defer_after : INT64_MAX;
}

/* The keys of the households the bulk added (household_key.c), their search rows in
 * key order. FTS5 writes what it holds as a segment each time its hash passes hashsize
 * (1 MiB) and merges them as they gather: 16 MiB for the statement writing every new
 * row (a fifth less CPU for it, tried with sqlite3; 30 MB more at that moment, when
 * the page cache is back to 64 MiB), then the default again for every later write. */
static int keys_and_search_rows(struct store *s)
{
	int rc = db_exec(s, "INSERT INTO household_search(household_search, rank) "
	                 "VALUES ('hashsize', 16777216)");
	if (!rc)
		rc = s->defer_empty ? search_rows_where(s, "1", NULL) : household_keys_number(s, NULL);
	return rc ? rc : db_exec(s, "INSERT INTO household_search(household_search, rank) "
	                         "VALUES ('hashsize', 1048576)");
}

int defer_end(struct store *s)
{
	if (!s->defer)
		return 0;
	s->defer = 0;
	/* into an empty register every household is new and moves to its key: with the
	 * bulk's page cache (each key moves a row, and the entries of the indexes kept) and
	 * before the indexes dropped are made again (then one sort each, from the keys) */
	int rc = s->defer_empty ? household_keys_all(s) : 0;
	cache_back(s);   /* before the two statements over every new household: at 1M the
	                  * search rows' with the larger cache made the peak (637 MB) */
	/* the pages the smaller cache let go are free chunks in the heap: given back, so that
	 * the index sort and the FTS5 hash that follow do not add to them (+30 MB at 1M) */
	malloc_trim(0);
	/* its search rows in key order; every household counted below as "past 0" */
	if (!rc && s->defer_empty)
		rc = keys_and_search_rows(s);
	sqlite3_int64 after = s->defer_empty ? 0 : s->defer_after;
	/* made again first: the bulk statements below read what they read before */
	if (!rc)
		rc = make_indexes(s, 0);
	/* counted while the new households are still told by their rowids */
	if (!rc)
		rc = counts_add_after(s, after);
	if (!rc)
		rc = today_keep_after(s, after);
	if (!rc && !s->defer_empty)
		rc = keys_and_search_rows(s);
	if (!rc)
		rc = make_indexes(s, 1);
	free_indexes(s);
	if (!rc && s->pack)
		rc = packw_end(s->pack);
	identity_fault("bulk-packs-written");   /* before the COMMIT */
	if (!rc) {
		packw_free(s->pack);
		free(s->pack);
		s->pack = NULL;
	}
	return rc;
}
