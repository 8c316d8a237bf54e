/* browse.c — keyset help for lists that page backwards. store_household_list reads
 * forwards from an `after` key; to read the page before a row, the UI asks here for the
 * household n places earlier in plain register order (one indexed query, no OFFSET from
 * the start of the table) and then reads forwards from it with its own query. The order
 * below must stay the order of store_household_list (county, town, village, 户编号). */
#include "store/internal.h"
#include <stdio.h>
#include <string.h>

int store_household_seek_back(struct store *s, const struct user *u, const char *before,
                              long n, char *out, size_t outlen)
{
	char scope[32];
	struct buf q = {0};
	sqlite3_stmt *st;
	if (n < 1 || outlen == 0)
		return store_fail(s, STORE_EINVAL, "seek back needs n >= 1");
	out[0] = '\0';
	const char *cond = scope_sql(u, scope, sizeof scope);
	buf_addf(&q,
	         "SELECT h.id FROM households h WHERE (%s)%s ORDER BY h.county_code DESC, "
	         "h.town_code DESC, h.village_code DESC, h.household_no DESC LIMIT 1 OFFSET ?2",
	         cond, before ? " AND (h.county_code, h.town_code, h.village_code, h.household_no) < "
	                        "(SELECT county_code, town_code, village_code, household_no "
	                        "FROM households WHERE id = ?3)" : "");
	if (db_cached_buf(s, &q, &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, scope, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, n - 1);
	if (before)
		sqlite3_bind_text(st, 3, before, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(out, outlen, "%s", db_col_text(st, 0));
	db_finalize(s, st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sqlfail(s, "paging backwards");
}

int store_browse_tune(struct store *s)
{
	/* A UI session draws a screen of rows at a time: each comes from a few indexed
	 * lookups (searches go through member_search, pages seek by key), so it needs no map
	 * of the database and only a small page cache. 8 MiB holds the index pages one
	 * screen and its neighbours touch; the OS cache, shared by every session on the
	 * server, holds the rest. (A 256 MiB map plus the 64 MiB cache the command line
	 * keeps made a session 265-333 MB RSS at a million households.) */
	return db_exec(s, "PRAGMA mmap_size=0; PRAGMA cache_size=-8192") ? STORE_EFAIL : 0;
}
