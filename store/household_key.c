/* household_key.c — households.rowid kept as the register-order key (internal.h KEY_BITS):
 * a saved household whose key no longer lies between its neighbours' in its village
 * (added, 户编号 changed, moved) gets the midpoint of the gap, its search row moved with
 * it; a village with no gap left is numbered again, KEY_GAP apart. No table keeps a
 * household's rowid but household_search (every other refers to households by id), so
 * a key may change at any write. */
#include "store/internal.h"
#include <stdlib.h>
#include <string.h>

/* Run one statement of the numbering: ?1 the village (or unused), ?2 the largest rowid
 * of a household a bulk did not add (defer_end has ended the bulk: defer_after). */
static int number_step(struct store *s, struct buf *sql, const char *village)
{
	sqlite3_int64 limit = village ? defer_limit(s) : s->defer_after;
	sqlite3_stmt *st;
	if (db_cached_buf(s, sql, &st))
		return STORE_EFAIL;
	if (sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_text(st, 1, village, -1, SQLITE_STATIC);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, limit);
	int rc = sqlite3_step(st);
	db_finalize(s, st);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, "numbering the households");
}

/* Number again the households matching cond (village: ?1), their search rows with them. */
static int number_where(struct store *s, const char *cond, const char *village)
{
	struct buf sql = {0};
	/* the old keys' search rows go; the old keys step aside (negative, below any key and
	 * any new household's) so that the new ones never meet one still in place */
	buf_addf(&sql, "DELETE FROM household_search WHERE rowid IN (SELECT rowid FROM "
	         "households WHERE %s AND rowid > 0 AND rowid <= ?2)", cond);
	int rc = number_step(s, &sql, village);
	if (!rc) {
		buf_addf(&sql, "UPDATE households SET rowid = -rowid WHERE %s AND rowid > 0 AND "
		         "rowid <= ?2", cond);
		rc = number_step(s, &sql, village);
	}
	if (!rc) {
		buf_addf(&sql, KEYS_SET("%s"), cond);
		rc = number_step(s, &sql, village);
	}
	return rc ? rc : search_rows_where(s, cond, village);
}

/* A bulk's end in a register that held households: each new one placed among the
 * others as household_save places one (household_key_place, in register order, so the
 * next new one of a gap follows the last), a village numbered again only when a gap
 * runs out; then the search rows of those still without one, in key order. Numbering
 * every touched village instead rewrote every old household of them and its search row
 * (an import of a third of 100k households touching every village: +3.5 s). */
static int place_new(struct store *s)
{
	sqlite3_stmt *st;
	struct buf sql = {0};
	char **ids = NULL;
	size_t n = 0, cap = 0;
	buf_addf(&sql, "CREATE TEMP TABLE IF NOT EXISTS bulk_new(id TEXT PRIMARY KEY)");
	int rc = number_step(s, &sql, NULL);
	if (!rc) {
		buf_addf(&sql, "DELETE FROM temp.bulk_new");
		rc = number_step(s, &sql, NULL);
	}
	if (!rc) {
		buf_addf(&sql, "INSERT INTO temp.bulk_new SELECT id FROM households WHERE rowid > ?2");
		rc = number_step(s, &sql, NULL);
	}
	/* read whole before any moves: the statement walks the rows it would move */
	if (!rc && db_cached(s, "SELECT id FROM households WHERE rowid > ?1 ORDER BY county_code, "
	                        "town_code, village_code, household_no", &st))
		rc = STORE_EFAIL;
	if (!rc) {
		sqlite3_bind_int64(st, 1, s->defer_after);
		int step;
		while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
			char **more = n < cap ? ids : realloc(ids, (cap = cap ? 2 * cap : 1024) * sizeof *ids);
			if (!more || !(more[n] = strdup(db_col_text(st, 0)))) {
				ids = more ? more : ids;
				rc = store_fail(s, STORE_EFAIL, "out of memory");
			} else
				ids = more, n++;
		}
		if (!rc && step != SQLITE_DONE)
			rc = store_sqlfail(s, "reading the households added");
		db_finalize(s, st);
	}
	for (size_t i = 0; !rc && i < n; i++)
		rc = household_key_place(s, ids[i], 0);
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	if (!rc)
		rc = search_rows_where(s, "h.id IN (SELECT id FROM temp.bulk_new) AND NOT EXISTS (SELECT "
		                          "1 FROM household_search_content c WHERE c.id = h.rowid)", NULL);
	if (!rc) {
		buf_addf(&sql, "DELETE FROM temp.bulk_new");
		rc = number_step(s, &sql, NULL);
	}
	return rc;
}

int household_keys_number(struct store *s, const char *village)
{
	/* one village: its households up to defer_limit (a bulk's new ones wait for its end,
	 * or, at its end, are numbered with it) */
	return village ? number_where(s, "village_code = ?1 AND rowid <= ?2", village) : place_new(s);
}

int household_keys_all(struct store *s)
{
	struct buf sql = {0};
	buf_adds(&sql, KEYS_SET("1"));
	return number_step(s, &sql, NULL);
}

/* The rowid of household id's neighbour in its village before (dir < 0) or after it in
 * 户编号 order, a bulk's new ones not yet placed (above KEY_TEMP) aside; 0 if none. */
static int neighbour(struct store *s, sqlite3_stmt *h, int dir, sqlite3_int64 *out)
{
	sqlite3_stmt *st;
	*out = 0;
	if (db_cached(s, dir < 0
	        ? "SELECT rowid FROM households WHERE county_code = ?1 AND town_code = ?2 AND "
	          "village_code = ?3 AND household_no < ?4 AND rowid <= ?5 ORDER BY county_code "
	          "DESC, town_code DESC, village_code DESC, household_no DESC LIMIT 1"
	        : "SELECT rowid FROM households WHERE county_code = ?1 AND town_code = ?2 AND "
	          "village_code = ?3 AND household_no > ?4 AND rowid <= ?5 ORDER BY county_code, "
	          "town_code, village_code, household_no LIMIT 1", &st))
		return STORE_EFAIL;
	for (int i = 1; i <= 4; i++)
		sqlite3_bind_value(st, i, sqlite3_column_value(h, i));
	sqlite3_bind_int64(st, 5, KEY_TEMP);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	db_finalize(s, st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sqlfail(s, "reading a household's key");
}

/* Give household `from` (and its search row) the key `to`. */
static int key_move(struct store *s, sqlite3_int64 from, sqlite3_int64 to)
{
	static const char *const sql[] = {"UPDATE households SET rowid = ?2 WHERE rowid = ?1",
	                                  "UPDATE household_search SET rowid = ?2 WHERE rowid = ?1"};
	for (int i = 0; i < 2; i++) {
		sqlite3_stmt *st;
		if (db_cached(s, sql[i], &st))
			return STORE_EFAIL;
		sqlite3_bind_int64(st, 1, from);
		sqlite3_bind_int64(st, 2, to);
		int rc = sqlite3_step(st);
		db_finalize(s, st);
		if (rc != SQLITE_DONE)
			return store_sqlfail(s, "moving a household's key");
	}
	return 0;
}

int household_key_place(struct store *s, const char *id, int fresh)
{
	sqlite3_stmt *h;
	if (db_cached(s, "SELECT rowid, county_code, town_code, village_code, household_no FROM "
	                 "households WHERE id = ?", &h))
		return STORE_EFAIL;
	sqlite3_bind_text(h, 1, id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(h);
	if (rc != SQLITE_ROW) {
		db_finalize(s, h);
		return rc == SQLITE_DONE ? store_fail(s, STORE_EFAIL, "household %s is not stored", id)
		                         : store_sqlfail(s, "reading a household's key");
	}
	sqlite3_int64 key = sqlite3_column_int64(h, 0), lo, hi;
	const char *v = db_col_text(h, 3);
	char village[16];
	snprintf(village, sizeof village, "%s", v);
	if (key > defer_limit(s)) {   /* a bulk's new household: numbered at its end */
		db_finalize(s, h);
		return 0;
	}
	if (strlen(v) != 12 || strspn(v, "0123456789") != 12) {
		db_finalize(s, h);
		return store_fail(s, STORE_EINVAL, "village code %s is not 12 digits", village);
	}
	sqlite3_int64 base = strtoll(v, NULL, 10) << KEY_BITS, end = base + ((sqlite3_int64)1 << KEY_BITS);
	rc = neighbour(s, h, -1, &lo);
	if (!rc)
		rc = neighbour(s, h, 1, &hi);
	db_finalize(s, h);
	if (rc)
		return rc;
	lo = lo ? lo : base;
	hi = hi ? hi : end;
	/* a fresh one's rowid is SQLite's (the largest + 1): placed whatever it is */
	if (!fresh && key > lo && key < hi)
		return 0;
	if (hi - lo < 2) {   /* no gap: the village numbered again, this household with it */
		rc = household_keys_number(s, village);
		/* a fresh one has no search row yet: its saver writes it (search_row_write) */
		return rc || !fresh ? rc : db_run_id(s, "DELETE FROM household_search WHERE rowid = "
		                                     "(SELECT rowid FROM households WHERE id = ?1)", id,
		                                     "numbering the households");
	}
	/* at either end of the village a gap's width from the neighbour (households are
	 * mostly added with the next 户编号), else the midpoint */
	sqlite3_int64 to = hi == end && hi - lo > 2 * KEY_GAP ? lo + KEY_GAP
	                 : lo == base && hi - lo > 2 * KEY_GAP ? hi - KEY_GAP : lo + (hi - lo) / 2;
	return key_move(s, key, to);
}

double household_keys_before(sqlite3 *db, sqlite3_int64 key)
{
	sqlite3_stmt *st;
	double n = 0;
	/* the counties before key's whole (household_counts: one row a county and type), its
	 * own by the share of its keys' span key has reached */
	if (sqlite3_prepare_v2(db, "WITH c(code, lo, hi) AS (SELECT CAST((?1 >> 23) / 1000000 AS TEXT), "
	                       "((?1 >> 23) / 1000000 * 1000000) << 23, "
	                       "((?1 >> 23) / 1000000 + 1) * 1000000 << 23), "
	                       "s(lo, hi) AS (SELECT (SELECT min(rowid) FROM households WHERE rowid >= "
	                       "c.lo), (SELECT max(rowid) FROM households WHERE rowid < c.hi) FROM c) "
	                       "SELECT coalesce((SELECT sum(n) FROM household_counts WHERE dim = "
	                       "'county.type' AND region < (SELECT code FROM c)), 0) + coalesce((SELECT "
	                       "sum(n) FROM household_counts WHERE dim = 'county.type' AND region = "
	                       "(SELECT code FROM c)), 0) * (?1 - s.lo + 1.0) / (s.hi - "
	                       "s.lo + 1.0) FROM s", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, key);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_double(st, 0);
	}
	sqlite3_finalize(st);
	return n;
}
