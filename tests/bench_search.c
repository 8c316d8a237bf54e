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
 * on matches and not), and times its page of 40 beside the list's and the scan.
 * `--list-page TERM` and `--keyed-page TERM`: one page of 40 of either, loaded, nothing
 * printed, for timings of whole processes. */
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
static const char *const keyed_steps[] = {
	"CREATE TABLE search_keys(hid INTEGER PRIMARY KEY, key INTEGER NOT NULL)",
	"INSERT INTO search_keys(hid, key) SELECT rowid, (CAST(village_code AS INTEGER) << 23) + "
	"  row_number() OVER w * min(%d, 8388607 / (count(*) OVER v + 1)) FROM households "
	"  WINDOW w AS (PARTITION BY village_code ORDER BY household_no), "
	"  v AS (PARTITION BY village_code) ORDER BY rowid",
	"CREATE VIRTUAL TABLE search_ordered USING fts5(doc, hid UNINDEXED, tokenize = 'bangfu');"
	"INSERT INTO search_ordered(search_ordered, rank) VALUES ('hashsize', 16777216)",
	/* in key order, which is the register order of households_order: FTS5 flushes what
	 * it holds as a segment whenever a rowid is not above the last (45 s at 1M fed in
	 * the households' rowid order) */
	"INSERT INTO search_ordered(rowid, doc, hid) SELECT k.key, c.c0, c.id FROM households h "
	"  CROSS JOIN search_keys k ON k.hid = h.rowid CROSS JOIN household_search_content c ON "
	"  c.id = h.rowid ORDER BY h.county_code, h.town_code, h.village_code, h.household_no",
	"INSERT INTO search_ordered(search_ordered, rank) VALUES ('hashsize', 1048576)",
};

/* Once (again with KEYED_REBUILD set): the keys 4,096 apart, or KEYED_GAP; each step
 * timed. */
static int keyed_build(struct store *s)
{
	sqlite3_stmt *st;
	int have = 0, gap = getenv("KEYED_GAP") ? atoi(getenv("KEYED_GAP")) : 4096;
	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM sqlite_master WHERE name = 'search_keys'",
	                       -1, &st, NULL) != SQLITE_OK)
		return -1;
	have = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (have && getenv("KEYED_REBUILD") &&
	    sqlite3_exec(s->db, "DROP TABLE search_keys; DROP TABLE search_ordered", NULL, NULL,
	                 NULL) != SQLITE_OK)
		return -1;
	else if (have && !getenv("KEYED_REBUILD"))
		return 0;
	long t0 = now_us();
	int rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	for (size_t i = 0; rc == SQLITE_OK && i < sizeof keyed_steps / sizeof keyed_steps[0]; i++) {
		char sql[1024];
		long t = now_us();
		snprintf(sql, sizeof sql, keyed_steps[i], gap);
		if (i == 3 && getenv("KEYED_SORT"))   /* sorted, the documents read in their order */
			snprintf(sql, sizeof sql, "INSERT INTO search_ordered(rowid, doc, hid) SELECT "
			         "k.key, c.c0, c.id FROM household_search_content c CROSS JOIN search_keys k "
			         "ON k.hid = c.id ORDER BY k.key");
		rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
		printf("keyed build step %zu: %ld ms\n", i, (now_us() - t) / 1000);
	}
	if (rc != SQLITE_OK || sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_search: %s\n", sqlite3_errmsg(s->db));
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	printf("keyed index built in %ld ms (gap %d)\n", (now_us() - t0) / 1000, gap);
	if (getenv("KEYED_CONTROL")) {   /* the index as it is, built the same way, for scale */
		long t = now_us();
		rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE; DROP TABLE IF EXISTS search_control; "
		                  "CREATE VIRTUAL TABLE search_control USING fts5(doc, tokenize = 'bangfu');"
		                  "INSERT INTO search_control(search_control, rank) VALUES ('hashsize', 16777216);"
		                  "INSERT INTO search_control(rowid, doc) SELECT id, c0 FROM "
		                  "household_search_content; COMMIT", NULL, NULL, NULL);
		printf("the same documents by households' rowid (household_search as it is): %ld ms%s\n",
		       (now_us() - t) / 1000, rc == SQLITE_OK ? "" : sqlite3_errmsg(s->db));
	}
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

/* One stream of (key, id) rows in key order: a statement, its current row. */
struct stream {
	sqlite3_stmt *st;
	sqlite3_int64 key;
	char id[20];
	int live;
};

static void stream_next(struct stream *x)
{
	x->live = x->st && sqlite3_step(x->st) == SQLITE_ROW;
	if (x->live) {
		x->key = sqlite3_column_int64(x->st, 0);
		snprintf(x->id, sizeof x->id, "%s", (const char *)sqlite3_column_text(x->st, 1));
	}
}

/* The households of the next village named with the term that has any in scope. */
static void village_next(struct stream *v, struct stream *vil)
{
	while (!v->live) {
		stream_next(vil);
		if (!vil->live)
			return;
		sqlite3_reset(v->st);
		sqlite3_bind_text(v->st, 4, vil->id, -1, SQLITE_TRANSIENT);
		stream_next(v);
	}
}

/* Bind a stream's common parameters: ?1 the scope, ?2 the term, ?3 the cursor's id. */
static int stream_open(struct store *s, struct stream *x, const char *sql, const char *scope,
                       const char *term, const char *from)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, &x->st, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_search: %s\n", sqlite3_errmsg(s->db));
		return -1;
	}
	sqlite3_bind_text(x->st, 1, scope, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(x->st, 2, term, -1, SQLITE_STATIC);
	if (from)
		sqlite3_bind_text(x->st, 3, from, -1, SQLITE_STATIC);
	return 0;
}

/* A page of the keyed index: the ids of at most `limit` households matching term in
 * u's scope after (before, descending) household `from`, in key order; loaded and handed
 * out as household_list does when load is set. The term as the list has it: the index's
 * matches (a stream in key order: FTS5 takes the range and the order), the households of
 * the villages named with it (one village after another, each in 户编号 order: its keys'
 * order) and the household of that id, merged in C. */
static int keyed_page(struct store *s, const struct user *u, const char *term, const char *from,
                      int descending, int limit, int load, struct idlist *out)
{
	char sql[1200], scope[32], cur[256];
	sqlite3_int64 lo, hi;
	const char *cond = scope_sql(u, scope, sizeof scope), *dir = descending ? " DESC" : "";
	struct stream f = {0}, v = {0}, one = {0}, vil = {0};
	keyed_range(u->scope, &lo, &hi);
	snprintf(cur, sizeof cur, !from ? "" : " AND %%s %c (SELECT key FROM search_keys WHERE "
	         "hid = (SELECT rowid FROM households WHERE id = ?3))", descending ? '<' : '>');
	char cur_f[256], cur_k[256];
	snprintf(cur_f, sizeof cur_f, cur, "f.rowid");
	snprintf(cur_k, sizeof cur_k, cur, "k.key");
	int rc = 0;
	snprintf(sql, sizeof sql, "SELECT f.rowid, h.id FROM search_ordered f CROSS JOIN households h "
	         "ON h.rowid = f.hid WHERE search_ordered MATCH bangfu_match(?2) AND f.rowid >= %lld "
	         "AND f.rowid < %lld%s AND (%s) ORDER BY f.rowid%s LIMIT %d", (long long)lo,
	         (long long)hi, cur_f, cond, dir, limit);
	rc = stream_open(s, &f, sql, scope, term, from);
	snprintf(sql, sizeof sql, "SELECT k.key, h.id FROM households h CROSS JOIN search_keys k ON "
	         "k.hid = h.rowid WHERE h.id = ?2%s AND (%s)", cur_k, cond);
	rc = rc ? rc : stream_open(s, &one, sql, scope, term, from);
	snprintf(sql, sizeof sql, "SELECT 0, code FROM regions WHERE code IN ("
	         SEARCH_VILLAGES_INDEXED("?2") ") AND code LIKE substr(?1, 1, 12) || '%%' "
	         "ORDER BY code%s", dir);
	rc = rc ? rc : stream_open(s, &vil, sql, u->scope, term, NULL);
	snprintf(sql, sizeof sql, "SELECT k.key, h.id FROM households h CROSS JOIN search_keys k ON "
	         "k.hid = h.rowid WHERE h.county_code = substr(?4, 1, 6) AND h.town_code = "
	         "substr(?4, 1, 9) AND h.village_code = ?4%s AND (%s) ORDER BY h.household_no%s "
	         "LIMIT %d", cur_k, cond, dir, limit);
	rc = rc ? rc : stream_open(s, &v, sql, scope, term, from);
	out->n = 0;
	if (!rc) {
		stream_next(&f);
		stream_next(&one);
		v.live = 0;
		village_next(&v, &vil);
	}
	while (!rc && out->n < limit) {
		struct stream *x[3] = { &f, &v, &one }, *best = NULL;
		for (int i = 0; i < 3; i++)
			if (x[i]->live && (!best || (descending ? x[i]->key > best->key : x[i]->key < best->key)))
				best = x[i];
		if (!best)
			break;
		sqlite3_int64 key = best->key;
		snprintf(out->id[out->n++], sizeof out->id[0], "%s", best->id);
		for (int i = 0; i < 3; i++)   /* the same household from two streams: once */
			while (x[i]->live && x[i]->key == key) {
				stream_next(x[i]);
				if (x[i] == &v && !v.live)
					village_next(&v, &vil);
			}
	}
	sqlite3_finalize(f.st);
	sqlite3_finalize(v.st);
	sqlite3_finalize(one.st);
	sqlite3_finalize(vil.st);
	if (rc || !load || !out->n)
		return rc;
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
	/* the keys sort as the register does: no household's key at or below the one before
	 * it in register order */
	char bad[32] = "";
	if (!rc && db_lookup(s, bad, sizeof bad, "SELECT count(*) FROM (SELECT k.key, lag(k.key) "
	                     "OVER (ORDER BY h.county_code, h.town_code, h.village_code, "
	                     "h.household_no) AS prev FROM households h CROSS JOIN search_keys k ON "
	                     "k.hid = h.rowid) WHERE prev >= key", NULL) == 0)
		printf("households whose key is out of register order: %s\n", bad);
	rc = rc ? rc : strcmp(bad, "0") != 0;
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
		long g0 = now_us(), g1 = 0, g2 = 0;
		for (int i = 0; !rc && i < 2; i++) {
			sqlite3_stmt *st;
			const char *q = i ? "SELECT count(hid) FROM search_ordered WHERE search_ordered MATCH bangfu_match(?)"
			                  : "SELECT count(*) FROM search_ordered WHERE search_ordered MATCH bangfu_match(?)";
			if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL) != SQLITE_OK)
				rc = -1;
			else {
				sqlite3_bind_text(st, 1, terms[t], -1, SQLITE_STATIC);
				sqlite3_step(st);
				sqlite3_finalize(st);
			}
			*(i ? &g2 : &g1) = now_us();
		}
		if (!rc)
			printf("%s the keys of every match %ld us, with each one's household (hid) %ld us\n",
			       terms[t], g1 - g0, g2 - g1);
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
	/* one page and out, for whole-process timings: the list's or the keyed index's */
	if (!rc && (strcmp(argv[3], "--list-page") == 0 || strcmp(argv[3], "--keyed-page") == 0)) {
		char ids[64][20];
		struct idlist l = { ids, 0 };
		for (int t = 4; t < argc && !rc; t++)
			rc = argv[3][2] == 'l' ? search_once(s, &me, argv[t], &rows)
			                      : keyed_page(s, &me, argv[t], NULL, 0, 40, 1, &l);
		argc = 0;
	}
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
