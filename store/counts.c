/* counts.c — the dashboard's counters: households per county and per village by type
 * and by the state and category of their latest case (households with no case count
 * under ""), kept in household_counts by household_save in the writer's transaction —
 * the household's old contribution taken away before it changes and the new one added
 * after. store_stats reads a few hundred counter rows instead of scanning a million
 * households. Every write of households or cases goes through household_save; a bulk
 * writer that did not would have to call counts_apply too. An import or the demo
 * counts the households it adds once, at the end (counts_add_after, defer.c): six
 * upserts a household were a tenth of the demo's time. */
#include "store/internal.h"
#include <stdio.h>

static const char *const dims[] = {"type", "state", "category"};

int counts_apply(struct store *s, const char *id, int delta)
{
	sqlite3_stmt *st, *up;
	if (db_cached(s, "SELECT h.county_code, h.village_code, coalesce(h.household_type, ''), "
	                  "coalesce(c.state, ''), coalesce(c.category, '') FROM households h "
	                  "LEFT JOIN cases c ON c.household_id = h.id AND c.seq = (SELECT max(seq) "
	                  "FROM cases WHERE household_id = h.id) WHERE h.id = ? AND h.rowid <= ?", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, defer_limit(s));   /* past it: counted by counts_add_after */
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		db_finalize(s, st);
		return rc == SQLITE_DONE ? 0 : store_sqlfail(s, "reading a household's counts");
	}
	if (db_cached(s, "INSERT INTO household_counts(dim, region, k, n) VALUES (?, ?, ?, ?) "
	                  "ON CONFLICT DO UPDATE SET n = n + excluded.n", &up)) {
		db_finalize(s, st);
		return STORE_EFAIL;
	}
	rc = SQLITE_DONE;
	for (int level = 0; level < 2 && rc == SQLITE_DONE; level++)
		for (int d = 0; d < 3 && rc == SQLITE_DONE; d++) {
			char dim[32];
			snprintf(dim, sizeof dim, "%s.%s", level ? "village" : "county", dims[d]);
			sqlite3_reset(up);
			sqlite3_bind_text(up, 1, dim, -1, SQLITE_TRANSIENT);
			sqlite3_bind_value(up, 2, sqlite3_column_value(st, level));
			sqlite3_bind_value(up, 3, sqlite3_column_value(st, 2 + d));
			sqlite3_bind_int(up, 4, delta);
			rc = sqlite3_step(up);
		}
	db_finalize(s, up);
	db_finalize(s, st);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, "counting households");
}

int counts_reads(enum field_id f)
{
	/* the household's columns counts_apply's SELECT reads (its cases aside) */
	return f == HF_COUNTY || f == HF_VILLCODE || f == HF_TYPE;
}

int counts_add_after(struct store *s, sqlite3_int64 after)
{
	sqlite3_stmt *st;
	/* one GROUP BY over the new households into the few (county, village, type, state,
	 * category) groups, the six counters summed from those: six sorts of every new
	 * household held some 200 MB at 1M */
	if (db_cached(s, "WITH g AS MATERIALIZED (SELECT h.county_code AS c, h.village_code AS v, "
	                 "coalesce(h.household_type, '') AS t, coalesce(cs.state, '') AS st, "
	                 "coalesce(cs.category, '') AS ca, count(*) AS n FROM households h "
	                 "LEFT JOIN cases cs ON cs.household_id = h.id AND cs.seq = (SELECT "
	                 "max(seq) FROM cases WHERE household_id = h.id) WHERE h.rowid > ?1 "
	                 "GROUP BY 1, 2, 3, 4, 5) "
	                 "INSERT INTO household_counts(dim, region, k, n) SELECT * FROM ("
	                 "SELECT 'county.type', c, t, sum(n) FROM g GROUP BY c, t UNION ALL "
	                 "SELECT 'county.state', c, st, sum(n) FROM g GROUP BY c, st UNION ALL "
	                 "SELECT 'county.category', c, ca, sum(n) FROM g GROUP BY c, ca UNION ALL "
	                 "SELECT 'village.type', v, t, sum(n) FROM g GROUP BY v, t UNION ALL "
	                 "SELECT 'village.state', v, st, sum(n) FROM g GROUP BY v, st UNION ALL "
	                 "SELECT 'village.category', v, ca, sum(n) FROM g GROUP BY v, ca) "
	                 "WHERE true ON CONFLICT DO UPDATE SET n = n + excluded.n", &st))
		return STORE_EFAIL;
	sqlite3_bind_int64(st, 1, after);
	int rc = sqlite3_step(st);
	db_finalize(s, st);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, "counting the households added");
}
