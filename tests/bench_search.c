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
 * time, CLOCK_MONOTONIC); alternating them keeps a busy machine's share even. */
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

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: bench_search DIR REPS TERM...\n");
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
