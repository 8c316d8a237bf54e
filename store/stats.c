/* stats.c — counts for the dashboard: households in the caller's scope grouped by the
 * state or category of their latest case (the same case `list state:` and `category:`
 * look at, so a count equals what that limit shows), by county, or by household type.
 * Read from the counters household_save keeps (store/counts.c): a few hundred rows per
 * county or village in scope, never a scan of the households. Households without a case
 * count under "". */
#include "store/internal.h"
#include "core/regions.h"
#include <stdio.h>
#include <string.h>

/* The counter level for u's scope ("county" or "village") and the condition on region,
 * its bound value in param ("" binds nothing: the province). */
static const char *scope_counts(const struct user *u, const char **level, char *param, size_t n)
{
	size_t len = strlen(u->scope);
	*level = len <= 6 ? "county" : "village";
	snprintf(param, n, "%s", u->scope);
	if (strcmp(u->scope, "44") == 0) {
		param[0] = '\0';
		return "?2 IS NULL";
	}
	if (len == 6 && regions_city(u->scope) && strcmp(u->scope, "441900") != 0 &&
	    strcmp(u->scope, "442000") != 0) {
		snprintf(param, n, "%.4s", u->scope);
		return "region >= ?2 AND region < ?2 || '~'";
	}
	/* a town's villages are the codes that start with the town's */
	return len == 9 ? "region >= ?2 AND region < ?2 || '~'" : "region = ?2";
}

int store_stats(struct store *s, const struct user *u, enum stats_dim dim,
                int (*fn)(void *ctx, const char *code, long count), void *ctx)
{
	char scope[32], dimkey[32];
	struct buf q = {0};
	const char *level, *what;
	sqlite3_stmt *st;
	const char *cond = scope_counts(u, &level, scope, sizeof scope);
	switch (dim) {
	case STATS_STATE: what = "state"; break;
	case STATS_CATEGORY: what = "category"; break;
	case STATS_COUNTY:
	case STATS_TYPE: what = "type"; break;
	default:
		return store_fail(s, STORE_EINVAL, "unknown statistic %d", (int)dim);
	}
	snprintf(dimkey, sizeof dimkey, "%s.%s", level, what);
	buf_addf(&q, "SELECT %s AS g, sum(n) FROM household_counts WHERE dim = ?1 AND %s "
	         "GROUP BY g HAVING sum(n) > 0 ORDER BY 2 DESC, 1",
	         dim != STATS_COUNTY ? "k" : level[0] == 'c' ? "region" : "substr(region, 1, 6)", cond);
	if (db_cached_buf(s, &q, &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, dimkey, -1, SQLITE_STATIC);
	db_bind_text(st, 2, scope);
	int rc = SQLITE_DONE, stop = 0;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(ctx, db_col_text(st, 0), (long)sqlite3_column_int64(st, 1));
	db_finalize(s, st);
	return stop || rc == SQLITE_DONE ? 0 : store_sqlfail(s, "counting households");
}
