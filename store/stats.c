/* stats.c — counts for the dashboard: households in the caller's scope grouped by the
 * state or category of their latest case (the same case `list state:` and `category:`
 * look at, so a count equals what that limit shows), by county, or by household type.
 * One GROUP BY each; nothing is loaded row by row. */
#include "store/internal.h"
#include <stdio.h>

int store_stats(struct store *s, const struct user *u, enum stats_dim dim,
                int (*fn)(void *ctx, const char *code, long count), void *ctx)
{
	static const char *const key_sql[] = {
		[STATS_STATE] = "(SELECT state FROM cases WHERE household_id = h.id ORDER BY seq DESC LIMIT 1)",
		[STATS_CATEGORY] = "(SELECT category FROM cases WHERE household_id = h.id ORDER BY seq DESC LIMIT 1)",
		[STATS_COUNTY] = "h.county_code",
		[STATS_TYPE] = "h.household_type",
	};
	char scope[32], q[768];
	sqlite3_stmt *st;
	if ((int)dim < 0 || (int)dim >= (int)(sizeof key_sql / sizeof key_sql[0]))
		return store_fail(s, STORE_EINVAL, "unknown statistic %d", (int)dim);
	const char *cond = scope_sql(u, scope, sizeof scope);
	snprintf(q, sizeof q, "SELECT coalesce(%s, '') AS k, count(*) FROM households h WHERE (%s) "
	         "GROUP BY k ORDER BY 2 DESC, 1", key_sql[dim], cond);
	if (db_prepare(s, q, &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, scope, -1, SQLITE_STATIC);
	int rc = SQLITE_DONE, stop = 0;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(ctx, db_col_text(st, 0), (long)sqlite3_column_int64(st, 1));
	sqlite3_finalize(st);
	return stop || rc == SQLITE_DONE ? 0 : store_sqlfail(s, "counting households");
}
