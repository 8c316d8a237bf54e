/* today_flags.c — the household flags `bangfu today` shows (the cross-field rules of
 * rules_household_flags in core/rules.c, found by SQL over the caller's scope, the same
 * scope_sql every household read uses): per flag a count and the first few households,
 * so a scope of 100,000 households gives three lines, not one line per household.
 *   - no member able to work and no 综合保障 measure in place, for a household whose case
 *     is monitored (assisting .. elimination steps: when measures are due);
 *   - a former poor household (脱贫户) without a 帮扶责任人;
 *   - members with months worked but no work place.
 * They are kept per household in today_flags (today_keep.c, in the writer's transaction),
 * so a run counts the rows in scope through an index; deriving them again from every
 * household (three queries over the register) is left for `today --derive` and for a
 * database whose kept rows cannot be built. */
#include "store/internal.h"
#include "core/rules.h"
#include "core/workflow.h"
#include <stdio.h>
#include <string.h>

/* The condition on household h of each flag; dated: with the 综合保障 measure's start
 * compared to ?2 (today), else without it (today_keep.c keeps that start as the day the
 * flag ends). A household's or member's column read here must be in today_keep_reads
 * (today_keep.c): `set` of any other field leaves the kept flags alone. */
void today_flag_condition(int flag, int dated, struct buf *sql)
{
	switch (flag) {
	case TODAY_FLAG_NO_SOCIAL:
		buf_adds(sql, "EXISTS (SELECT 1 FROM cases c WHERE c.household_id = h.id AND c.state IN (");
		for (int st = WF_ASSISTING; st <= WF_ELIM_COUNTY; st++)
			buf_addf(sql, "%s'%s'", st == WF_ASSISTING ? "" : ", ",
			         workflow_state_code((enum wf_state)st));
		buf_adds(sql, ")) AND NOT EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id "
		              "AND m.labour IN (");
		for (int i = 0; i < RULES_LABOUR_ABLE_COUNT; i++)
			buf_addf(sql, "%s'%s'", i ? ", " : "", rules_labour_able_codes[i]);
		buf_adds(sql, "))");
		if (dated)
			buf_adds(sql, " AND NOT EXISTS (SELECT 1 FROM measures x WHERE x.household_id = "
			              "h.id AND x.grp = 'social_security' AND x.start_date <> '' AND "
			              "x.start_date <= ?2)");
		break;
	case TODAY_FLAG_NO_CADRE:
		buf_adds(sql, "h.household_type = 'lifted' AND coalesce(h.cadre, '') = ''");
		break;
	default:
		buf_adds(sql, "EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id AND "
		              "CAST(m.months_worked AS INTEGER) > 0 AND coalesce(m.work_place, '') = '')");
	}
}

/* The index of a county's, town's or village's flagged households, in household order
 * (its primary key's suffix): their first few without walking the province's households
 * in order until the scope's come (the planner's choice for ORDER BY ... LIMIT: 45 ms a
 * flag for a county at 1M). */
static const char *scope_index(const char *cond)
{
	return !strcmp(cond, "h.county_code = ?1") ? " INDEXED BY today_flags_county"
	     : !strcmp(cond, "h.town_code = ?1") ? " INDEXED BY today_flags_town"
	     : !strcmp(cond, "h.village_code = ?1") ? " INDEXED BY today_flags_village" : "";
}

/* One flag: how many households in scope have it, and the first by id — from the kept
 * rows (kept = 1), or derived from the households. */
static int flag_read(struct store *s, const struct user *u, int flag, int kept,
                     struct today_flag *out)
{
	char scope[32];
	struct buf sql = {0};
	sqlite3_stmt *st;
	memset(out, 0, sizeof *out);
	out->flag = flag;
	out->code = rules_flag_code((enum rules_flag)flag);
	out->title = rules_flag_title((enum rules_flag)flag);
	const char *cond = scope_sql(u, scope, sizeof scope);
	if (kept) {
		/* the count from the counters (county rows unless the scope is a town or village),
		 * the first households by the flag's index, stopping at the last one shown */
		buf_addf(&sql, "SELECT h.household, (SELECT coalesce(sum(h.n), 0) FROM "
		         "today_flag_counts h WHERE h.level = %d AND h.flag = %d AND (%s) AND h.until "
		         "> ?2) FROM today_flags h%s WHERE h.flag = %d AND (%s) AND h.until > ?2 ORDER BY "
		         "h.household", strlen(u->scope) > 6, flag, cond, scope_index(cond), flag, cond);
	} else {
		buf_addf(&sql, "SELECT h.id, count(*) OVER () FROM households h WHERE (%s) AND ("
		         "?2 <> '') AND (", cond);
		today_flag_condition(flag, 1, &sql);
		buf_adds(&sql, ") ORDER BY h.id");
	}
	buf_addf(&sql, " LIMIT %d", TODAY_FLAG_FIRST);
	if (db_cached_buf(s, &sql, &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, scope, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, store_today(s), -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->count = sqlite3_column_int64(st, 1);   /* the same on every row */
		snprintf(out->first[out->nfirst++], sizeof out->first[0], "%s", db_col_text(st, 0));
	}
	db_finalize(s, st);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, "reading household flags");
}

int store_today_flags(struct store *s, const struct user *u,
                      struct today_flag out[TODAY_FLAG_COUNT])
{
	int kept = !s->today_derive && today_keep_ready(s) == 0;
	int rc = 0;
	for (int f = 0; !rc && f < TODAY_FLAG_COUNT; f++)
		rc = flag_read(s, u, f, kept, &out[f]);
	return rc;
}
