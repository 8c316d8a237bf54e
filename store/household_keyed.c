/* household_keyed.c — a page of households matching one name term (CJK characters only)
 * read in register order straight from the keys (store/household_key.c: households.rowid
 * sorts as (county, town, village, 户编号), and household_search's rowid is the same):
 * the term as the list statement has it (household_list.c term_template) is the search
 * index's matches OR the households of the villages named with it (an id never is CJK),
 * so the page merges two streams in key order within the scope's key range after the
 * cursor's key — FTS5 gives its matches by rowid and takes the range and the LIMIT, a
 * village's households are one range of keys — and stops with the page: no gather of
 * every match, no sort, no page read a match (docs/performance.md, branch search5). */
#include "store/internal.h"
#include "core/query.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One stream of (key, id) rows in key order: a statement and its current row. */
struct stream {
	sqlite3_stmt *st;
	sqlite3_int64 key;
	char id[20];
	int live;
};

static int stream_next(struct store *s, struct stream *x)
{
	int rc = x->st ? sqlite3_step(x->st) : SQLITE_DONE;
	x->live = rc == SQLITE_ROW;
	if (x->live) {
		x->key = sqlite3_column_int64(x->st, 0);
		snprintf(x->id, sizeof x->id, "%s", db_col_text(x->st, 1));
	}
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sqlfail(s, "listing households");
}

/* The key range [*lo, *hi) of u's scope: every key at the province, else those of the
 * village codes the scope's code (a city's: its four digits) prefixes. */
static void scope_range(const char *param, sqlite3_int64 *lo, sqlite3_int64 *hi)
{
	size_t n = strspn(param, "0123456789");
	*lo = INT64_MIN;
	*hi = INT64_MAX;
	if (n <= 2 || n > 12)
		return;
	sqlite3_int64 p = 1;
	for (size_t i = n; i < 12; i++)
		p *= 10;
	*lo = (strtoll(param, NULL, 10) * p) << KEY_BITS;
	*hi = ((strtoll(param, NULL, 10) + 1) * p) << KEY_BITS;
}

/* Prepare one stream's statement: "%s" in fmt takes the scope's condition (written with
 * unary +, so that no index on it drives the statement: the rowid range does). */
static int stream_sql(struct store *s, const char *fmt, const char *cond, const char *dir,
                      sqlite3_stmt **st)
{
	struct buf sql = {0};
	buf_addf(&sql, fmt, cond, dir);
	return db_cached_buf(s, &sql, st);
}

/* The households of the next village (of vil's rows) named with the term that has any
 * in [lo, hi): v on its first. */
static int village_next(struct store *s, struct stream *v, sqlite3_stmt *vil, const char *scope,
                        sqlite3_int64 lo, sqlite3_int64 hi, long n)
{
	int rc = 0, step;
	while (!rc && !v->live && (step = sqlite3_step(vil)) == SQLITE_ROW) {
		sqlite3_int64 base = sqlite3_column_int64(vil, 0) << KEY_BITS;
		sqlite3_int64 end = base + ((sqlite3_int64)1 << KEY_BITS);
		sqlite3_reset(v->st);
		sqlite3_bind_text(v->st, 1, scope, -1, SQLITE_TRANSIENT);
		sqlite3_bind_value(v->st, 2, sqlite3_column_value(vil, 1));
		sqlite3_bind_int64(v->st, 3, base > lo ? base : lo);
		sqlite3_bind_int64(v->st, 4, end < hi ? end : hi);
		sqlite3_bind_int64(v->st, 5, n);
		rc = stream_next(s, v);
	}
	if (!rc && !v->live && step != SQLITE_DONE)
		rc = store_sqlfail(s, "listing households");
	return rc;
}

int household_keyed_chunk(struct store *s, const struct user *u, const struct query *q,
                          const char *after, int descending, long n, char (*ids)[20],
                          long *got, int *done)
{
	*done = 0;
	*got = 0;
	if (!q || q->n != 1 || q->terms[0].kind != Q_TEXT || !search_cjk_only(q->terms[0].value) ||
	    n <= 0)
		return 0;
	*done = 1;
	const char *v = q->terms[0].value, *dir = descending ? " DESC" : "";
	char scope[32], cond[160];
	sqlite3_int64 lo, hi;
	snprintf(cond, sizeof cond, "+%s", scope_sql(u, scope, sizeof scope));
	scope_range(scope, &lo, &hi);
	if (after) {   /* the cursor's key: the page lies beyond it */
		char key[32];
		int rc = db_lookup(s, key, sizeof key, "SELECT rowid FROM households WHERE id = ?", after,
		                   NULL);
		if (rc)
			return rc == STORE_ENOTFOUND ? 0 : rc;   /* as the keyset's NULL: no rows */
		sqlite3_int64 k = strtoll(key, NULL, 10);
		if (descending)
			hi = k < hi ? k : hi;
		else
			lo = k + 1 > lo ? k + 1 : lo;
	}
	if (lo >= hi)
		return 0;
	struct stream f = {0}, vh = {0};
	sqlite3_stmt *vil = NULL;
	int rc = stream_sql(s, "SELECT f.rowid, h.id FROM household_search f CROSS JOIN households h "
	                       "ON h.rowid = f.rowid WHERE household_search MATCH bangfu_match(?2) AND "
	                       "f.rowid >= ?3 AND f.rowid < ?4 AND (%s) ORDER BY f.rowid%s LIMIT ?5",
	                    cond, dir, &f.st);
	if (!rc) {
		sqlite3_bind_text(f.st, 1, scope, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(f.st, 2, v, -1, SQLITE_STATIC);
		sqlite3_bind_int64(f.st, 3, lo);
		sqlite3_bind_int64(f.st, 4, hi);
		sqlite3_bind_int64(f.st, 5, n);
		rc = stream_next(s, &f);
	}
	/* the villages named with v whose keys meet the range, in code order; each one's
	 * households in scope by their keys' range */
	if (!rc)
		rc = stream_sql(s, "SELECT CAST(code AS INTEGER), code FROM regions WHERE code IN ("
		                   SEARCH_VILLAGES_INDEXED("?1") ") AND CAST(code AS INTEGER) >= ?2 >> 23 "
		                   "AND CAST(code AS INTEGER) <= (?3 - 1) >> 23 %.0sORDER BY code%s",
		                cond, dir, &vil);
	if (!rc) {
		sqlite3_bind_text(vil, 1, v, -1, SQLITE_STATIC);
		sqlite3_bind_int64(vil, 2, lo);
		sqlite3_bind_int64(vil, 3, hi);
		rc = stream_sql(s, "SELECT h.rowid, h.id FROM households h WHERE h.rowid >= ?3 AND "
		                   "h.rowid < ?4 AND +h.village_code = ?2 AND (%s) ORDER BY h.rowid%s "
		                   "LIMIT ?5", cond, dir, &vh.st);
	}
	if (!rc)
		rc = village_next(s, &vh, vil, scope, lo, hi, n);
	while (!rc && *got < n) {
		struct stream *best = !vh.live ? &f : !f.live ? &vh
		                    : (descending ? vh.key > f.key : vh.key < f.key) ? &vh : &f;
		if (!best->live)
			break;
		sqlite3_int64 key = best->key;
		snprintf(ids[(*got)++], sizeof ids[0], "%s", best->id);
		/* the same household in both streams: once */
		if (f.live && f.key == key)
			rc = stream_next(s, &f);
		if (!rc && vh.live && vh.key == key && !(rc = stream_next(s, &vh)) && !vh.live)
			rc = village_next(s, &vh, vil, scope, lo, hi, n);
	}
	if (f.st)
		db_finalize(s, f.st);
	if (vh.st)
		db_finalize(s, vh.st);
	if (vil)
		db_finalize(s, vil);
	return rc;
}
