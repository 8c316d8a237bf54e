/* bench_search.c — `make bench` only: a search beside a LIKE scan inside one process, so
 * that the ratio compares query with query (a whole process start, about 2 ms, is in
 * neither). Opens DIR as `bangfu list` does (store_open, the calling user's scope), then
 * for each TERM alternates, REPS times each:
 *   - the search: store_household_list(TERM, --limit 40), the households of the page
 *     loaded as `list TERM --limit 40` loads them (nothing printed);
 *   - the scan: SELECT count(DISTINCT household_id) FROM members WHERE name LIKE
 *     '%TERM%' on the same connection (what the bench's sqlite3 baseline runs).
 *   - the search again at once: the same, with SQLite's page cache holding what the
 *     first read (the scan, a gigabyte at 1M, has pushed it out before the first).
 * Prints one line a term: "TERM search-us scan-us rows search-again-us" (medians, wall
 * time, CLOCK_MONOTONIC); alternating them keeps a busy machine's share even.
 *
 * `bench_search DIR REPS --keyed TERM...` (a COPY of a register: it writes into it) is
 * the experiment of docs/performance.md "Search rows in register order": it adds, once,
 * a search index whose rowid is an order key (keyed_build), checks that its pages are
 * the list's (every scope down to the first match's village, both directions, cursors
 * on matches and not), and times its page of 40 beside the list's and the scan. */
#include "store/internal.h"
#include "core/query.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static long now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000L + t.tv_nsec / 1000;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return x < y ? -1 : x > y;
}

static long median(long *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_long);
	return v[(n - 1) / 2];
}

static int count_row(void *ctx, const struct household *h)
{
	(void)h;
	++*(long *)ctx;
	return 0;
}

/* One search as `list TERM --limit 40` makes it; its rows into *rows. */
static int search_once(struct store *s, const struct user *me, const char *term, long *rows)
{
	struct query q;
	char err[256];
	if (query_parse(store_code_lists(s), term, &q, err, sizeof err)) {
		fprintf(stderr, "bench_search: %s\n", err);
		return -1;
	}
	*rows = 0;
	return store_household_list(s, me, &q, NULL, 40, count_row, rows);
}

static int scan_once(struct store *s, const char *term)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT count(DISTINCT household_id) FROM members "
	                       "WHERE name LIKE '%' || ? || '%'", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, term, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* --- the keyed experiment --- */

/* The order key: the village's 12-digit code (< 2^40, its town's and county's codes its
 * prefixes) shifted by 23 bits, plus a slot in 户编号 order, 4,096 apart (closer in a
 * village of more than 2,047 households). The index: its rowid the key, the household's
 * rowid an unindexed column; the documents copied from household_search. */
#define KEY_SHIFT 23
static const char *const keyed_sql =
	"CREATE TABLE search_keys(hid INTEGER PRIMARY KEY, key INTEGER NOT NULL);"
	"INSERT INTO search_keys(hid, key) SELECT rowid, (CAST(village_code AS INTEGER) << 23) + "
	"  row_number() OVER w * min(4096, 8388607 / (count(*) OVER v + 1)) FROM households "
	"  WINDOW w AS (PARTITION BY village_code ORDER BY household_no), "
	"  v AS (PARTITION BY village_code) ORDER BY rowid;"
	"CREATE VIRTUAL TABLE search_ordered USING fts5(doc, hid UNINDEXED, tokenize = 'bangfu');"
	"INSERT INTO search_ordered(search_ordered, rank) VALUES ('hashsize', 16777216);"
	"INSERT INTO search_ordered(rowid, doc, hid) SELECT k.key, c.c0, c.id FROM "
	"  household_search_content c JOIN search_keys k ON k.hid = c.id;"
	"INSERT INTO search_ordered(search_ordered, rank) VALUES ('hashsize', 1048576);";

static int keyed_build(struct store *s)
{
	sqlite3_stmt *st;
	int have = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM sqlite_master WHERE name = 'search_keys'",
	                       -1, &st, NULL) != SQLITE_OK)
		return -1;
	have = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (have)
		return 0;
	long t0 = now_us();
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(s->db, keyed_sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_search: %s\n", sqlite3_errmsg(s->db));
		return -1;
	}
	printf("keyed index built in %ld ms\n", (now_us() - t0) / 1000);
	return 0;
}

/* The key range of a scope: everything at the province, else the codes it prefixes. */
static void keyed_range(const char *scope, sqlite3_int64 *lo, sqlite3_int64 *hi)
{
	size_t n = strlen(scope);
	if (n <= 2) {
		*lo = 0;
		*hi = INT64_MAX;
		return;
	}
	sqlite3_int64 d = atoll(scope), p = 1;
	for (size_t i = n; i < 12; i++)
		p *= 10;
	*lo = (d * p) << KEY_SHIFT;
	*hi = ((d + 1) * p) << KEY_SHIFT;
}

struct idlist {
	char (*id)[20];
	int n;
};

static int add_id(void *ctx, const struct household *h)
{
	struct idlist *l = ctx;
	snprintf(l->id[l->n++], sizeof l->id[0], "%s", h->id);
	return 0;
}

/* A page of the keyed index: the ids of at most `limit` households matching term in
 * u's scope after (before, descending) household `from`, in key order; loaded and handed
 * out as household_list does when load is set. */
static int keyed_page(struct store *s, const struct user *u, const char *term, const char *from,
                      int descending, int limit, int load, struct idlist *out)
{
	char sql[1024], scope[32];
	sqlite3_int64 lo, hi;
	sqlite3_stmt *st;
	const char *cond = scope_sql(u, scope, sizeof scope);
	keyed_range(u->scope, &lo, &hi);
	snprintf(sql, sizeof sql, "SELECT h.id FROM search_ordered f CROSS JOIN households h ON "
	         "h.rowid = f.hid WHERE search_ordered MATCH bangfu_match(?2) AND f.rowid >= ?4 AND "
	         "f.rowid < ?5%s AND (%s) ORDER BY f.rowid%s LIMIT ?6", !from ? "" : descending
	         ? " AND f.rowid < (SELECT key FROM search_keys WHERE hid = (SELECT rowid FROM households WHERE id = ?3))"
	         : " AND f.rowid > (SELECT key FROM search_keys WHERE hid = (SELECT rowid FROM households WHERE id = ?3))",
	         cond, descending ? " DESC" : "");
	if (db_cached(s, sql, &st))
		return -1;
	sqlite3_bind_text(st, 1, scope, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, term, -1, SQLITE_STATIC);
	if (from)
		sqlite3_bind_text(st, 3, from, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, lo);
	sqlite3_bind_int64(st, 5, hi);
	sqlite3_bind_int(st, 6, limit);
	out->n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(out->id[out->n++], sizeof out->id[0], "%s", db_col_text(st, 0));
	db_finalize(s, st);
	if (rc != SQLITE_DONE)
		return -1;
	if (!load || !out->n)
		return 0;
	struct household hs[64];
	if (household_load_chunk(s, (const char (*)[20])out->id, out->n, STORE_SUBS_ALL, hs))
		return -1;
	for (int i = 0; i < out->n; i++)
		if (household_hand_out(s, &hs[i]) == 0)
			household_free(&hs[i]);
	return 0;
}

/* The list's page (store_household_list_dir) beside the keyed one: 0 when the same. */
static int keyed_same(struct store *s, const struct user *u, const char *term, const char *from,
                      int descending, int limit, const char *what)
{
	char a[64][20], b[64][20], err[256];
	struct idlist la = { a, 0 }, lb = { b, 0 };
	struct query q;
	if (query_parse(store_code_lists(s), term, &q, err, sizeof err) ||
	    store_household_list_dir(s, u, &q, from, limit, descending, add_id, &la) ||
	    keyed_page(s, u, term, from, descending, limit, 0, &lb)) {
		fprintf(stderr, "bench_search: %s\n", store_error(s));
		return -1;
	}
	int same = la.n == lb.n;
	for (int i = 0; same && i < la.n; i++)
		same = strcmp(a[i], b[i]) == 0;
	printf("%s %s scope %s %s%s: %d rows %s\n", term, what, u->scope, descending ? "before " : "after ",
	       from ? from : "-", la.n, same ? "same" : "DIFFERENT");
	return same ? 0 : 1;
}

/* Each scope from the province down to the village of the term's first match, pages of
 * 1 and 40 from the start, after the 40th match, before it, and after a household that
 * is not a match (the scope's first). */
static int keyed_check(struct store *s, const struct user *me, const char *term)
{
	char first[64][20], village[16] = "", other[20] = "";
	struct idlist l = { first, 0 };
	int bad = keyed_page(s, me, term, NULL, 0, 40, 0, &l) ? -1 : 0;
	if (!bad && l.n && db_lookup(s, village, sizeof village, "SELECT village_code FROM "
	                             "households WHERE id = ?", first[0], NULL))
		bad = -1;
	for (size_t len = 2; !bad && len <= 12; len += len == 2 ? 4 : 3) {
		struct user u = *me;
		if (len > 2)
			snprintf(u.scope, sizeof u.scope, "%.*s", (int)len, village);
		if (len > 2 && !village[0])
			break;
		char scope[32], sql[256];
		snprintf(sql, sizeof sql, "SELECT id FROM households h WHERE %s ORDER BY county_code, "
		         "town_code, village_code, household_no LIMIT 1", scope_sql(&u, scope, sizeof scope));
		if (db_lookup(s, other, sizeof other, sql, scope, NULL))
			other[0] = 0;
		l.n = 0;
		bad = keyed_page(s, &u, term, NULL, 0, 40, 0, &l) ? -1 : 0;
		const char *mid = l.n ? first[l.n - 1] : NULL;
		int d[6] = {
			keyed_same(s, &u, term, NULL, 0, 1, "page 1"),
			keyed_same(s, &u, term, NULL, 0, 40, "page 40"),
			mid ? keyed_same(s, &u, term, mid, 0, 40, "page 40") : 0,
			mid ? keyed_same(s, &u, term, mid, 1, 40, "page 40") : 0,
			other[0] ? keyed_same(s, &u, term, other, 0, 1, "n") : 0,
			other[0] ? keyed_same(s, &u, term, other, 1, 1, "N") : 0 };
		for (int i = 0; i < 6 && bad >= 0; i++)
			bad = d[i] < 0 ? -1 : bad + d[i];
	}
	/* the list's term also matches the households of villages named with it (and a
	 * household id): the keyed index alone does not */
	if (bad > 0 && db_lookup(s, NULL, 0, "SELECT 1 FROM regions WHERE level = 4 AND "
	                         "instr(name, ?)", term, NULL) == 0)
		printf("%s: villages are named with it, whose households the list also gives\n", term);
	return bad < 0 ? -1 : 0;
}

static int keyed_main(struct store *s, const struct user *me, int reps, int nterms, char **terms)
{
	long *k = calloc((size_t)reps, sizeof *k), *ka = calloc((size_t)reps, sizeof *ka);
	long *a = calloc((size_t)reps, sizeof *a), *aa = calloc((size_t)reps, sizeof *aa);
	long *b = calloc((size_t)reps, sizeof *b), rows = 0;
	char ids[64][20];
	struct idlist l = { ids, 0 };
	int rc = k && ka && a && aa && b ? keyed_build(s) : -1;
	for (int t = 0; t < nterms && !rc; t++)
		rc = keyed_check(s, me, terms[t]);
	for (int t = 0; t < nterms && !rc; t++) {
		for (int i = 0; i < reps && !rc; i++) {
			long t0 = now_us();
			rc = search_once(s, me, terms[t], &rows);
			long t1 = now_us();
			rc = rc ? rc : search_once(s, me, terms[t], &rows);
			long t2 = now_us();
			rc = rc ? rc : scan_once(s, terms[t]);
			long t3 = now_us();
			rc = rc ? rc : keyed_page(s, me, terms[t], NULL, 0, 40, 1, &l);
			long t4 = now_us();
			rc = rc ? rc : keyed_page(s, me, terms[t], NULL, 0, 40, 1, &l);
			long t5 = now_us();
			rc = rc ? rc : scan_once(s, terms[t]);
			long t6 = now_us();
			a[i] = t1 - t0, aa[i] = t2 - t1, b[i] = t3 - t2;
			k[i] = t4 - t3, ka[i] = t5 - t4;
			b[i] = (b[i] + t6 - t5) / 2;
		}
		if (!rc)
			printf("%s list %ld again %ld | keyed %ld again %ld | scan %ld | rows %ld/%d\n",
			       terms[t], median(a, reps), median(aa, reps), median(k, reps),
			       median(ka, reps), median(b, reps), rows, l.n);
	}
	free(k), free(ka), free(a), free(aa), free(b);
	return rc ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: bench_search DIR REPS [--keyed] TERM...\n");
		return 2;
	}
	int reps = atoi(argv[2]);
	if (reps < 1 || reps > 1000)
		reps = 5;
	struct store *s = NULL;
	struct user me;
	if (store_open(argv[1], &s) || store_whoami(s, &me)) {
		fprintf(stderr, "bench_search: %s\n", s ? store_error(s) : "cannot open");
		store_close(s);
		return 1;
	}
	long *a = calloc((size_t)reps, sizeof *a), *b = calloc((size_t)reps, sizeof *b);
	long *c = calloc((size_t)reps, sizeof *c), rows = 0;
	int rc = a && b && c ? 0 : 1;
	if (!rc && strcmp(argv[3], "--keyed") == 0) {
		rc = keyed_main(s, &me, reps, argc - 4, argv + 4);
		argc = 0;   /* the usual lines are not printed */
	}
	for (int t = 3; t < argc && !rc; t++) {
		/* once each before timing: the statements compiled, the pages read */
		if (search_once(s, &me, argv[t], &rows) || scan_once(s, argv[t])) {
			fprintf(stderr, "bench_search: %s\n", store_error(s));
			rc = 1;
			break;
		}
		for (int i = 0; i < reps && !rc; i++) {
			long t0 = now_us();
			rc = search_once(s, &me, argv[t], &rows);
			long t1 = now_us();
			rc = rc ? rc : search_once(s, &me, argv[t], &rows);
			long t2 = now_us();
			rc = rc ? rc : scan_once(s, argv[t]);
			long t3 = now_us();
			a[i] = t1 - t0;
			c[i] = t2 - t1;
			b[i] = t3 - t2;
		}
		if (!rc)
			printf("%s %ld %ld %ld %ld\n", argv[t], median(a, reps), median(b, reps), rows,
			       median(c, reps));
	}
	free(a);
	free(b);
	free(c);
	store_close(s);
	return rc;
}
