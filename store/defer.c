/* defer.c — what an import or the demo writes once, at the end of its transaction, for
 * the households it adds (those past the largest rowid when it began): their search
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
 * were. Each is made again from its own CREATE statement, read from sqlite_master. */
static const char *const later_indexes[] = {"members_name_household"};

static int drop_indexes(struct store *s)
{
	sqlite3_stmt *st;
	struct buf sql = {0};
	int rc = 0;
	for (size_t i = 0; !rc && i < sizeof later_indexes / sizeof later_indexes[0]; i++) {
		if (db_cached(s, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", &st))
			return STORE_EFAIL;
		sqlite3_bind_text(st, 1, later_indexes[i], -1, SQLITE_STATIC);
		int found = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0);
		if (found)
			buf_addf(&sql, "%s;", db_col_text(st, 0));
		db_finalize(s, st);
		if (found) {
			char drop[128];
			snprintf(drop, sizeof drop, "DROP INDEX %s", later_indexes[i]);
			rc = db_exec(s, drop);
		}
	}
	if (!rc && sql.len && !(s->defer_indexes = buf_str(&sql) ? strdup(sql.s) : NULL))
		rc = store_fail(s, STORE_EFAIL, "out of memory");
	buf_free(&sql);
	return rc;
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
	s->defer_after = strtoll(last, NULL, 10);
	s->defer = 1;
	/* the one transaction touches most of the database: with the usual 64 MiB cache
	 * SQLite spilled pages to the WAL and read them back through its index, whose lookups
	 * grow with the WAL (at 1M, most of the time went there) */
	if (db_exec(s, "PRAGMA cache_size=" DEFER_CACHE))
		return STORE_EFAIL;
	if (s->defer_after == 0 && (rc = drop_indexes(s)))
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
	free(s->defer_indexes);   /* the rollback brings the indexes back */
	s->defer_indexes = NULL;
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

int defer_end(struct store *s)
{
	if (!s->defer)
		return 0;
	s->defer = 0;
	cache_back(s);   /* before the two statements over every new household: at 1M the
	                  * search rows' with the larger cache made the peak (637 MB) */
	/* the pages the smaller cache let go are free chunks in the heap: given back, so that
	 * the index sort and the FTS5 hash that follow do not add to them (+30 MB at 1M) */
	malloc_trim(0);
	/* FTS5 writes what it holds as a segment each time its hash passes hashsize (1 MiB)
	 * and merges them as they gather: 16 MiB for the one statement writing every new
	 * row (a fifth less CPU for it, tried with sqlite3; 30 MB more at that moment, when
	 * the page cache is back to 64 MiB), then the default again for every later write */
	int rc = db_exec(s, "INSERT INTO household_search(household_search, rank) "
	                    "VALUES ('hashsize', 16777216)");
	if (!rc)
		rc = search_rows_after(s, s->defer_after);
	if (!rc)
		rc = db_exec(s, "INSERT INTO household_search(household_search, rank) "
		                "VALUES ('hashsize', 1048576)");
	if (!rc)
		rc = counts_add_after(s, s->defer_after);
	if (!rc)
		rc = today_keep_after(s, s->defer_after);
	if (!rc && s->defer_indexes && db_exec(s, s->defer_indexes))
		rc = STORE_EFAIL;
	free(s->defer_indexes);
	s->defer_indexes = NULL;
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
