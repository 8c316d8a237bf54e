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
 * `bench_search DIR REPS --check TERM...` compares, for each TERM, the keyed page of a
 * name (store/household_keyed.c) with the list statement's (the term given twice) at
 * every scope down to its first match's village, from the start, both directions and
 * from cursors on matches and not; `--list-page TERM`: one page of 40, loaded, nothing
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

/* --- the keyed page checked (store/household_keyed.c) --- */

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

/* A page of `text` (store_household_list_dir: for one name, the keyed page) into l. */
static int page(struct store *s, const struct user *u, const char *text, const char *from,
                int descending, int limit, struct idlist *l)
{
	struct query q;
	char err[256];
	l->n = 0;
	if (query_parse(store_code_lists(s), text, &q, err, sizeof err)) {
		fprintf(stderr, "bench_search: %s\n", err);
		return -1;
	}
	return store_household_list_dir(s, u, &q, from, limit, descending, add_id, l);
}

/* The keyed page of term beside the list statement's (the same term twice: two terms
 * take the statement): 0 when the same. */
static int same_page(struct store *s, const struct user *u, const char *term, const char *from,
                     int descending, int limit, const char *what)
{
	static char a[300][20], b[300][20];
	struct idlist la = { a, 0 }, lb = { b, 0 };
	char twice[128];
	snprintf(twice, sizeof twice, "%s %s", term, term);
	if (page(s, u, term, from, descending, limit, &la) ||
	    page(s, u, twice, from, descending, limit, &lb)) {
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

/* Each scope from the province down to the village of the term's first match (the
 * caller's scope first): pages of 1, 40 and 300 (two chunks) from the start, 40 after
 * and before the 40th match, and 1 after and before a household that is not a match
 * (the scope's first: `n` and `N` in the UI). Returns how many differed, -1 on error. */
static int check_term(struct store *s, const struct user *me, const char *term)
{
	char first[300][20], village[16] = "", other[20] = "";
	struct idlist l = { first, 0 };
	int bad = page(s, me, term, NULL, 0, 40, &l) ? -1 : 0;
	if (!bad && l.n && db_lookup(s, village, sizeof village, "SELECT village_code FROM "
	                             "households WHERE id = ?", first[0], NULL))
		bad = -1;
	for (size_t len = 2; bad >= 0 && len <= 12; len += len == 2 ? 4 : 3) {
		struct user u = *me;
		if (len > 2 && !village[0])
			break;
		if (len > 2)
			snprintf(u.scope, sizeof u.scope, "%.*s", (int)len, village);
		char scope[32], sql[256];
		snprintf(sql, sizeof sql, "SELECT id FROM households h WHERE %s ORDER BY county_code, "
		         "town_code, village_code, household_no LIMIT 1", scope_sql(&u, scope, sizeof scope));
		if (db_lookup(s, other, sizeof other, sql, scope, NULL))
			other[0] = 0;
		if (page(s, &u, term, NULL, 0, 40, &l))
			return -1;
		char mid[20] = "";
		if (l.n)
			snprintf(mid, sizeof mid, "%s", first[l.n - 1]);
		int d[7] = {
			same_page(s, &u, term, NULL, 0, 1, "page 1"),
			same_page(s, &u, term, NULL, 0, 40, "page 40"),
			same_page(s, &u, term, NULL, 0, 300, "page 300"),
			mid[0] ? same_page(s, &u, term, mid, 0, 40, "page 40") : 0,
			mid[0] ? same_page(s, &u, term, mid, 1, 40, "page 40") : 0,
			other[0] ? same_page(s, &u, term, other, 0, 1, "n") : 0,
			other[0] ? same_page(s, &u, term, other, 1, 1, "N") : 0 };
		for (int i = 0; i < 7 && bad >= 0; i++)
			bad = d[i] < 0 ? -1 : bad + d[i];
	}
	return bad;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: bench_search DIR REPS [--check|--list-page] TERM...\n");
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
	/* one page and out, for whole-process timings */
	if (!rc && strcmp(argv[3], "--list-page") == 0) {
		for (int t = 4; t < argc && !rc; t++)
			rc = search_once(s, &me, argv[t], &rows);
		argc = 0;
	}
	/* the keyed pages beside the list statement's, every term */
	if (!rc && strcmp(argv[3], "--check") == 0) {
		int bad = 0;
		for (int t = 4; t < argc && bad >= 0; t++) {
			int d = check_term(s, &me, argv[t]);
			bad = d < 0 ? -1 : bad + d;
		}
		printf("pages differing: %d\n", bad);
		rc = bad != 0;
		argc = 0;
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
