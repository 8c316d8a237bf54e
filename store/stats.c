/* stats.c — counts for the dashboard: households in the caller's scope grouped by the
 * state or category of their latest case (the same case `list state:` and `category:`
 * look at, so a count equals what that limit shows), by county, or by household type.
 * One statement each, over an index or the (smaller) cases table; nothing is loaded row
 * by row. Households without a case count under "". */
#include "store/internal.h"
#include <stdio.h>

int store_stats(struct store *s, const struct user *u, enum stats_dim dim,
                int (*fn)(void *ctx, const char *code, long count), void *ctx)
{
	char scope[32], q[2048];
	sqlite3_stmt *st;
	const char *cond = scope_sql(u, scope, sizeof scope);
	switch (dim) {
	case STATS_STATE:
	case STATS_CATEGORY: {
		const char *col = dim == STATS_STATE ? "c.state" : "c.category";
		snprintf(q, sizeof q,
		         "SELECT k, sum(n) FROM ("
		         " SELECT coalesce(%s, '') AS k, count(*) AS n FROM cases c"
		         " JOIN households h ON h.id = c.household_id WHERE (%s) AND c.seq ="
		         " (SELECT max(seq) FROM cases c2 WHERE c2.household_id = c.household_id) GROUP BY k"
		         " UNION ALL SELECT '', (SELECT count(*) FROM households h WHERE (%s)) -"
		         " (SELECT count(DISTINCT c.household_id) FROM cases c JOIN households h"
		         " ON h.id = c.household_id WHERE (%s)))"
		         " GROUP BY k HAVING sum(n) > 0 ORDER BY 2 DESC, 1", col, cond, cond, cond);
		break;
	}
	case STATS_COUNTY:
	case STATS_TYPE:
		snprintf(q, sizeof q, "SELECT coalesce(%s, '') AS k, count(*) FROM households h "
		         "WHERE (%s) GROUP BY k ORDER BY 2 DESC, 1",
		         dim == STATS_COUNTY ? "h.county_code" : "h.household_type", cond);
		break;
	default:
		return store_fail(s, STORE_EINVAL, "unknown statistic %d", (int)dim);
	}
	if (db_prepare(s, q, &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, scope, -1, SQLITE_STATIC);
	int rc = SQLITE_DONE, stop = 0;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(ctx, db_col_text(st, 0), (long)sqlite3_column_int64(st, 1));
	sqlite3_finalize(st);
	return stop || rc == SQLITE_DONE ? 0 : store_sqlfail(s, "counting households");
}
