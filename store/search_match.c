/* search_match.c — bangfu_matches(rowid, v, limit), the question the dense walk of
 * household_list.c asks of each household it passes in register order: whether the
 * search value v matches it. Answered from the matches gathered once per run of the
 * statement, or, while the page will be full sooner than a gather would be done, from
 * the household's own search row (search_doc_has). Registered on every connection by
 * search_register (store/search.c), with bangfu_rowset, the aggregate of the gather. */
#include "store/internal.h"
#include <stdlib.h>

/* The rowids a search value matches, in ascending order (FTS5 gives them so). */
struct rowset {
	sqlite3_int64 *id;
	size_t n, cap;
};

static void rowset_free(void *p)
{
	struct rowset *r = p;
	free(r->id);
	free(r);
}

/* bangfu_rowset(r, rowid), an aggregate: appends each rowid to the rowset r (a pointer
 * bound by rowset_read). Gathering in one step of an aggregate, not a row handed back
 * per match: 1.3 ms where stepping the 52,245 rows of 陈 at 1M took 1.85. */
static void rowset_step(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	struct rowset *r = sqlite3_value_pointer(argv[0], "bangfu_rowset");
	(void)argc;
	if (!r)
		return;
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 1024;
		sqlite3_int64 *id = realloc(r->id, cap * sizeof *id);
		if (!id) {
			sqlite3_result_error_nomem(c);
			return;
		}
		r->id = id;
		r->cap = cap;
	}
	r->id[r->n++] = sqlite3_value_int64(argv[1]);
}

static void rowset_final(sqlite3_context *c)
{
	sqlite3_result_null(c);
}

/* Gather the rowids of household_search matching v (the statement runs on the caller's
 * connection, inside its read). NULL with *rc set when it fails. */
static struct rowset *rowset_read(sqlite3 *db, sqlite3_value *v, int *rc)
{
	sqlite3_stmt *st;
	struct rowset *r = calloc(1, sizeof *r);
	*rc = r ? sqlite3_prepare_v2(db, "SELECT bangfu_rowset(?2, rowid) FROM household_search "
	                             "WHERE household_search MATCH bangfu_match(?1)", -1, &st, NULL)
	        : SQLITE_NOMEM;
	if (*rc != SQLITE_OK) {
		free(r);
		return NULL;
	}
	sqlite3_bind_value(st, 1, v);
	sqlite3_bind_pointer(st, 2, r, "bangfu_rowset", NULL);
	*rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (*rc != SQLITE_ROW) {
		rowset_free(r);
		return NULL;
	}
	*rc = SQLITE_OK;
	return r;
}

static int rowset_has(const struct rowset *r, sqlite3_int64 id)
{
	size_t lo = 0, hi = r->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->n && r->id[lo] == id;
}

/* A dense walk (household_list.c) asks bangfu_matches of each household it passes in
 * register order until its page is full. Gathering every match first costs about 30 ns
 * a match (1.6 ms for the 52,245 households with a 陈 at 1M, SQLite's cache cold), however
 * few the page needs; reading the search row of each household asked about and looking
 * for v in it costs about SEARCH_WALK_RATIO times that (a page read a household: the rowids of
 * one village are anywhere in the table), but only for the households walked — about 20
 * for the next 陈 (`n` in the UI), 800 for a page of 40. So the walk first estimates how
 * dense the term is: FTS5 gives its matches by rowid (the register-order key), names are
 * spread over the register, so SEARCH_SAMPLE matches up to the r-th household (r from
 * household_keys_before) mean about SEARCH_SAMPLE / r of
 * the register. It reads rows when the page's walk (limit over that density) costs less
 * than the gather (that density times the register's size), and gathers once it has
 * walked twice what it expected (another condition of the query refusing its matches).
 * Either way the answers are the same; the worst is a gather after a walk that cost about
 * twice what the gather does. */

struct matcher {
	struct rowset *r;      /* the gathered matches, once gathered */
	sqlite3_stmt *doc;     /* while walking: the search row of ?1 */
	long walked, budget;
};

static void matcher_free(void *p)
{
	struct matcher *m = p;
	if (m->r)
		rowset_free(m->r);
	sqlite3_finalize(m->doc);
	free(m);
}

/* How many households a walk for a page of `limit` rows with v should read before it
 * gathers; 0: gather at once. */
static long walk_budget(sqlite3 *db, sqlite3_value *v, long limit)
{
	sqlite3_stmt *st;
	double n = 0, last = 0, size = 0;
	if (limit <= 0 || sqlite3_value_type(v) != SQLITE_TEXT ||
	    !search_walkable((const char *)sqlite3_value_text(v)))
		return 0;
	if (sqlite3_prepare_v2(db, "SELECT count(*), max(rowid), (" HOUSEHOLDS_COUNTED ") "
	                       "FROM (SELECT rowid FROM household_search WHERE household_search "
	                       "MATCH bangfu_match(?1) LIMIT ?2)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_value(st, 1, v);
		sqlite3_bind_int(st, 2, SEARCH_SAMPLE);
		if (sqlite3_step(st) == SQLITE_ROW) {
			n = sqlite3_column_double(st, 0);
			last = (double)sqlite3_column_int64(st, 1);
			size = sqlite3_column_double(st, 2);
		}
	}
	sqlite3_finalize(st);
	if (n < 1 || size < 1)
		return 0;
	double before = n < SEARCH_SAMPLE ? 0 : household_keys_before(db, (sqlite3_int64)last);
	double density = n < SEARCH_SAMPLE || before < 1 ? n / size : n / before;
	if ((double)limit * SEARCH_WALK_RATIO >= density * density * size)
		return 0;
	return (long)(2 * (double)limit / density) + 64;
}

/* Whether household rowid's search row holds v (m->doc reads household_search's content
 * table, FTS5's own: rowid `id`, the document `c0`). */
static int row_has(struct matcher *m, sqlite3_int64 rowid, sqlite3_value *v, int *rc)
{
	sqlite3_bind_int64(m->doc, 1, rowid);
	int found = 0;
	*rc = sqlite3_step(m->doc);
	if (*rc == SQLITE_ROW)
		found = search_doc_has((const char *)sqlite3_column_text(m->doc, 0),
		                       sqlite3_column_bytes(m->doc, 0),
		                       (const char *)sqlite3_value_text(v), sqlite3_value_bytes(v));
	*rc = *rc == SQLITE_ROW || *rc == SQLITE_DONE ? sqlite3_reset(m->doc) : *rc;
	return found;
}

/* bangfu_matches(rowid, v, limit): whether household rowid is among those v matches —
 * the same as `rowid IN (SELECT rowid FROM household_search WHERE household_search MATCH
 * bangfu_match(v))`, for the dense walk of household_list.c (limit: how many rows its
 * statement wants, negative for all). For that IN, SQLite gathers the matches into a
 * b-tree of its own (6 ms for the 50,000 households with a 陈 at 1M, where the match
 * itself takes 1.6 ms); here, unless reading rows while walking pays (above), they are
 * gathered once per run of the statement (bangfu_rowset, in FTS5's order: ascending)
 * into a sorted array, and each question is a binary search. The state is the
 * function's auxiliary data (v is a bound parameter, constant through the run; SQLite
 * frees it when the statement is reset; should SQLite drop it sooner, the walk starts
 * again, with the same answers). */
static void matches_fn(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	struct matcher *m = sqlite3_get_auxdata(c, 1), *made = NULL;
	sqlite3 *db = sqlite3_context_db_handle(c);
	int rc = SQLITE_OK, found = 0;
	if (!m) {
		if (!(m = made = calloc(1, sizeof *m))) {
			sqlite3_result_error_nomem(c);
			return;
		}
		m->budget = walk_budget(db, argv[1], argc > 2 ? (long)sqlite3_value_int64(argv[2]) : -1);
		if (m->budget && sqlite3_prepare_v2(db, "SELECT c0 FROM household_search_content "
		                                    "WHERE id = ?1", -1, &m->doc, NULL) != SQLITE_OK) {
			sqlite3_finalize(m->doc);   /* no such table: gathered */
			m->doc = NULL;
		}
	}
	if (!m->r && (!m->doc || m->walked >= m->budget) &&
	    (m->r = rowset_read(db, argv[1], &rc)) != NULL) {
		sqlite3_finalize(m->doc);
		m->doc = NULL;
	}
	if (m->r) {
		found = rowset_has(m->r, sqlite3_value_int64(argv[0]));
	} else if (rc == SQLITE_OK) {
		found = row_has(m, sqlite3_value_int64(argv[0]), argv[1], &rc);
		m->walked++;
	}
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(c, rc);
		if (made)
			matcher_free(made);
		return;
	}
	sqlite3_result_int(c, found);
	if (made)   /* kept for the next rows, or freed at once if SQLite cannot keep it */
		sqlite3_set_auxdata(c, 1, made, matcher_free);
}

int search_match_register(sqlite3 *db)
{
	int rc = sqlite3_create_function(db, "bangfu_matches", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY,
	                                 NULL, matches_fn, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db, "bangfu_matches", 3, SQLITE_UTF8 | SQLITE_DIRECTONLY,
		                             NULL, matches_fn, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db, "bangfu_rowset", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY,
		                             NULL, NULL, rowset_step, rowset_final);
	return rc;
}
