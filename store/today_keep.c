/* today_keep.c — what `bangfu today` lists, kept per case and per household in the
 * writer's transaction, as dates, so that `today` is one indexed read of the rows that
 * hold on its day (today.c, today_flags.c) and a new day needs no recomputation:
 *   - today_rules: a row per rule task a case may give (core/tasks_rules.c
 *     tasks_rules_spans: due on `due`, listed from show_from until `until`), keyed by
 *     its rule key, with its kept task's id, owner and status (set here from tasks,
 *     then kept by the triggers on tasks of migration 13); and a "gone" row (until
 *     TODAY_GONE) for each open rule task of a case the rules read whose key no longer
 *     applies, so that the next writer's `today` resolves it;
 *   - today_flags: a row per household flag a household has, until the day it ends (the
 *     综合保障 measure's start) or TODAY_NEVER; today_flag_counts counts them per county
 *     and per village and end day (the counters pattern of counts.c), so a count in any
 *     scope on any day is a sum of a few hundred rows.
 * household_save calls today_keep_household for every household it writes (every
 * write of households, cases, members, visits and measures goes through it), so no
 * write path can forget it. A settings change may change every row (visit intervals,
 * windows, development groups): it marks the rows stale (today_keep_setting) and the
 * next `today` builds them all again (today_keep_ready); so does a migration. */
#include "store/entity.h"
#include "core/strmap.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The rule key of a span of case c ("visit_due:C0000001:2026-03-10"). */
void today_rule_key(enum rule_task_kind kind, const char *case_id, const char *due,
                    char *out, size_t n)
{
	snprintf(out, n, "%s:%s:%s", tasks_rules_code(kind), case_id, due);
}

/* The rows of case c's spans sp[0..n); each key into live. later: the case of a household
 * an import or the demo adds, whose rows wait in today_rules_later (today_keep_after). */
static int keep_case(struct store *s, const struct case_source *c, const struct rule_span *sp,
                     int n, int later, struct strmap *live)
{
	sqlite3_stmt *st;
	if (n <= 0)
		return 0;
	if (db_cached(s, later ? "INSERT OR REPLACE INTO temp.today_rules_later(key, kind, case_id, "
	                         "state, due, show_from, until, household) VALUES (?1, ?2, ?3, ?4, ?5, "
	                         "?6, ?7, ?8)"
	                 : "INSERT OR REPLACE INTO today_rules(key, kind, case_id, household, state, "
	                 "county_code, town_code, village_code, due, show_from, until, task, owner, "
	                 "status) SELECT ?1, ?2, ?3, h.id, ?4, h.county_code, h.town_code, "
	                 "h.village_code, ?5, ?6, ?7, k.id, k.owner, k.status FROM households h "
	                 "LEFT JOIN tasks k ON k.rule_key = ?1 WHERE h.id = ?8", &st))
		return STORE_EFAIL;
	int rc = 0;
	for (int i = 0; !rc && i < n; i++) {
		char key[96];
		today_rule_key(sp[i].kind, c->id, sp[i].due, key, sizeof key);
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, sp[i].kind);
		sqlite3_bind_text(st, 3, c->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, workflow_state_code(c->c.state), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, sp[i].due, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 6, sp[i].show_from, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 7, sp[i].until[0] ? sp[i].until : TODAY_NEVER, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 8, c->household, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_sqlfail(s, "keeping today's rule items");
		else if (strmap_put(live, key, 1))
			rc = store_fail(s, STORE_EFAIL, "out of memory");
	}
	db_finalize(s, st);
	return rc;
}

/* The open cases of one household (or all when household is NULL) as rows; the cases the
 * rules read go into readable and the keys kept into live. */
static int keep_cases(struct store *s, const char *household, int later,
                      struct strmap *readable, struct strmap *live)
{
	struct user all = {.role = ROLE_ADMIN};
	struct case_source *cases;
	int n, rc;
	snprintf(all.scope, sizeof all.scope, "44");
	rc = today_cases(s, &all, household, &cases, &n);
	for (int i = 0; !rc && i < n; i++) {
		struct rule_span sp[RULE_TASK_KIND_COUNT];
		struct task_source src = {0, 0, &cases[i].c};
		int k = tasks_rules_spans(&src, &cases[i].rules, sp, RULE_TASK_KIND_COUNT);
		if (k < 0)
			continue;   /* dates the rules cannot read: no task, and its kept tasks stay */
		if (strmap_put(readable, cases[i].id, 1))
			rc = store_fail(s, STORE_EFAIL, "out of memory");
		else
			rc = keep_case(s, &cases[i], sp, k, later, live);
	}
	today_cases_free(cases, n);
	return rc;
}

/* A gone row for each open rule task of a readable case whose key is not live. */
static int keep_gone(struct store *s, const char *household, const struct strmap *readable,
                     const struct strmap *live)
{
	sqlite3_stmt *st, *ins;
	long v;
	/* by the household's index when there is one (an OR would scan every task) */
#define OPEN_RULE_TASKS "SELECT rule_key, case_id, household_id, id, owner, status FROM tasks " \
                        "WHERE rule_key IS NOT NULL AND status IN ('open', 'in_progress')"
	if (db_cached(s, household ? OPEN_RULE_TASKS " AND household_id = ?1" : OPEN_RULE_TASKS, &st))
		return STORE_EFAIL;
	if (household)
		sqlite3_bind_text(st, 1, household, -1, SQLITE_STATIC);
	if (db_cached(s, "INSERT OR REPLACE INTO today_rules(key, kind, case_id, household, state, "
	                 "county_code, town_code, village_code, due, show_from, until, task, owner, "
	                 "status) SELECT ?1, -1, ?2, h.id, '', h.county_code, h.town_code, "
	                 "h.village_code, '', '', '" TODAY_GONE "', ?4, ?5, ?6 FROM households h "
	                 "WHERE h.id = ?3", &ins)) {
		db_finalize(s, st);
		return STORE_EFAIL;
	}
	int rc = 0, step;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		if (!strmap_get(readable, db_col_text(st, 1), &v) || strmap_get(live, db_col_text(st, 0), &v))
			continue;
		sqlite3_reset(ins);
		for (int i = 0; i < 6; i++)
			sqlite3_bind_value(ins, i + 1, sqlite3_column_value(st, i));
		if (sqlite3_step(ins) != SQLITE_DONE)
			rc = store_sqlfail(s, "keeping today's rule items");
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_sqlfail(s, "reading rule tasks");
	db_finalize(s, ins);
	db_finalize(s, st);
	return rc;
}

/* The household flags of one household (its rowid at most defer_limit: the households an
 * import adds get theirs at its end, today_keep_after), of the households past rowid
 * `after` (household NULL, after >= 0) or of all (NULL, after < 0), as today_flags.c
 * counts them. */
static int keep_flags(struct store *s, const char *household, sqlite3_int64 after)
{
	struct buf sql = {0};
	sqlite3_stmt *st;
	buf_adds(&sql, "INSERT INTO today_flags(flag, household, county_code, town_code, "
	               "village_code, until) ");
	for (int f = 0; f < TODAY_FLAG_COUNT; f++) {
		buf_addf(&sql, "%sSELECT %d, h.id, h.county_code, h.town_code, h.village_code, ",
		         f ? " UNION ALL " : "", f);
		if (f == TODAY_FLAG_NO_SOCIAL)
			buf_adds(&sql, "coalesce((SELECT min(x.start_date) FROM measures x WHERE "
			               "x.household_id = h.id AND x.grp = 'social_security' AND "
			               "x.start_date <> ''), '" TODAY_NEVER "')");
		else
			buf_adds(&sql, "'" TODAY_NEVER "'");
		buf_adds(&sql, household ? " FROM households h WHERE h.id = ?1 AND h.rowid <= ?3 AND ("
		             : after >= 0 ? " FROM households h WHERE h.rowid > ?3 AND ("
		                          : " FROM households h WHERE (");
		today_flag_condition(f, 0, &sql);
		buf_adds(&sql, ")");
	}
	/* many households: written in the primary key's order, a sort and then appends
	 * (at 100k, 0.6 s of CPU against 1.1 s in the households' order) */
	if (!household)
		buf_adds(&sql, " ORDER BY 1, 2");
	if (db_cached_buf(s, &sql, &st))
		return STORE_EFAIL;
	if (household)
		sqlite3_bind_text(st, 1, household, -1, SQLITE_STATIC);
	if (household || after >= 0)
		sqlite3_bind_int64(st, 3, household ? defer_limit(s) : after);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_sqlfail(s, "keeping household flags");
	db_finalize(s, st);
	return rc;
}

/* The flag counters (today_flag_counts: per county and per village, the flags' end day
 * kept so a count on any day is a sum): household's contribution added (delta 1) or taken
 * away (-1), or every household's counted (household NULL, after DELETE). */
#define COUNT_FLAGS(n, where) \
	"INSERT INTO today_flag_counts(level, flag, county_code, town_code, village_code, " \
	"until, n) SELECT 0, flag, county_code, '', '', until, " n " FROM today_flags WHERE " \
	where " GROUP BY 2, 3, 4, 5, 6 UNION ALL SELECT 1, flag, county_code, town_code, " \
	"village_code, until, " n " FROM today_flags WHERE " where " GROUP BY 2, 3, 4, 5, 6 " \
	"ON CONFLICT DO UPDATE SET n = n + excluded.n"

static int count_step(struct store *s, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_sqlfail(s, "counting household flags");
	db_finalize(s, st);
	return rc;
}

static int count_flags(struct store *s, const char *household, int delta)
{
	sqlite3_stmt *st;
	if (db_cached(s, household ? COUNT_FLAGS("count(*) * ?2", "household = ?1")
	                           : COUNT_FLAGS("count(*)", "1"), &st))
		return STORE_EFAIL;
	if (household) {
		sqlite3_bind_text(st, 1, household, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, delta);
	}
	return count_step(s, st);
}

/* The flags of the households past rowid `after` counted (they had none before). */
static int count_flags_after(struct store *s, sqlite3_int64 after)
{
	sqlite3_stmt *st;
	if (db_cached(s, COUNT_FLAGS("count(*)", "household IN (SELECT id FROM households WHERE "
	                             "rowid > ?1)"), &st))
		return STORE_EFAIL;
	sqlite3_bind_int64(st, 1, after);
	return count_step(s, st);
}

static int run(struct store *s, const char *sql, const char *household)
{
	sqlite3_stmt *st;
	if (db_cached(s, sql, &st))
		return STORE_EFAIL;
	if (household)
		sqlite3_bind_text(st, 1, household, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_sqlfail(s, "keeping today's items");
	db_finalize(s, st);
	return rc;
}

/* The rule items of the households an import or the demo adds wait here, a row a span
 * (their households' places and any kept task joined at the end), and go into
 * today_rules at its end in one statement in today_rules' key order (today_keep_after):
 * a row at a time, each with its ten indexes and the three counter upserts of its
 * trigger, they were 6 % of the demo at 100k. A temporary table: a crash or a rollback
 * leaves nothing of it. */
static int later_table(struct store *s)
{
	return run(s, "CREATE TEMP TABLE IF NOT EXISTS today_rules_later(key TEXT PRIMARY KEY, "
	              "kind INTEGER NOT NULL, case_id TEXT NOT NULL, household TEXT NOT NULL, "
	              "state TEXT NOT NULL, due TEXT NOT NULL, show_from TEXT NOT NULL, "
	              "until TEXT NOT NULL)", NULL) ||
	       run(s, "CREATE INDEX IF NOT EXISTS temp.today_rules_later_household ON "
	              "today_rules_later(household)", NULL) ? STORE_EFAIL : 0;
}

static int rules_after(struct store *s)
{
	return later_table(s) ||
	       run(s, "INSERT OR REPLACE INTO today_rules(key, kind, case_id, household, state, "
	              "county_code, town_code, village_code, due, show_from, until, task, owner, "
	              "status) SELECT l.key, l.kind, l.case_id, h.id, l.state, h.county_code, "
	              "h.town_code, h.village_code, l.due, l.show_from, l.until, k.id, k.owner, "
	              "k.status FROM temp.today_rules_later l JOIN households h ON h.id = l.household "
	              "LEFT JOIN tasks k ON k.rule_key = l.key ORDER BY l.show_from, l.key", NULL) ||
	       run(s, "DELETE FROM temp.today_rules_later", NULL) ? STORE_EFAIL : 0;
}

/* The rows of one household (fresh: saved for the first time, so it has none yet and
 * no tasks; cases: it may have cases, else a fresh one has none to read), or all of them
 * when household is NULL. */
static int keep(struct store *s, const char *household, int fresh, int cases)
{
	struct strmap readable = {0}, live = {0};
	int rc = 0, bulk = household && defer_limit(s) != INT64_MAX;
	/* a household an import or the demo adds gets its rule items, its flags and their
	 * counters at the end (today_keep_after); keep_flags would leave it alone, this skips
	 * the statements */
	int later = bulk && fresh;
	if (!household)
		rc = run(s, "DELETE FROM today_rules", NULL) || run(s, "DELETE FROM today_flags", NULL) ||
		     run(s, "DELETE FROM today_flag_counts", NULL) ? STORE_EFAIL : 0;
	else if (!fresh)   /* in a bulk write, also what it left waiting if it added it before */
		rc = count_flags(s, household, -1) ||
		     run(s, "DELETE FROM today_rules WHERE household = ?1", household) ||
		     run(s, "DELETE FROM today_flags WHERE household = ?1", household) ||
		     (bulk && (later_table(s) || run(s, "DELETE FROM temp.today_rules_later WHERE "
		                                     "household = ?1", household))) ? STORE_EFAIL : 0;
	if (!rc && later && cases)
		rc = later_table(s);
	/* a new household without cases: no rule item (its query was a tenth of the demo) */
	if (!rc && (cases || !fresh) && !(rc = keep_cases(s, household, later, &readable, &live)) &&
	    !fresh)
		rc = keep_gone(s, household, &readable, &live);
	if (!rc && !later && !(rc = keep_flags(s, household, -1)))
		rc = count_flags(s, household, 1);
	strmap_free(&readable);
	strmap_free(&live);
	return rc;
}

int today_keep_reads(enum field_id f)
{
	switch (f) {
	case HF_COUNTY: case HF_TOWNCODE: case HF_VILLCODE:   /* kept in the rows */
	case HF_TYPE: case HF_CADRE:                          /* today_flag_condition */
	case MF_LABOUR: case MF_MONTHS: case MF_WORKPLACE:    /* the same, and household_facts */
		return 1;
	default:
		return 0;
	}
}

int today_keep_household(struct store *s, const char *id, int fresh, int cases)
{
	return keep(s, id, fresh, cases);
}

int today_keep_after(struct store *s, sqlite3_int64 after)
{
	int rc = rules_after(s);
	if (!rc)
		rc = keep_flags(s, NULL, after);
	/* into a register that held no household every flag is a new household's: counted
	 * without looking each one's household up among the new (half the CPU at 100k) */
	return rc ? rc : after == 0 ? count_flags(s, NULL, 1) : count_flags_after(s, after);
}

int today_keep_setting(struct store *s, const char *key)
{
	/* the keys today_facts.c reads */
	static const char *const keys[] = {"visit_interval.", "dev_measure_days", "lead_warn_days",
	                                   "due_soon_days", "dev_measure_groups"};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strncmp(key, keys[i], strlen(keys[i])) == 0)
			return run(s, "UPDATE today_kept SET built = 0", NULL);
	return 0;
}

int today_keep_ready(struct store *s)
{
	char built[8] = "";
	if (db_lookup(s, built, sizeof built, "SELECT built FROM today_kept", NULL))
		return STORE_EFAIL;
	if (strcmp(built, "1") == 0)
		return 0;
	if (!sqlite3_get_autocommit(s->db) || db_exec(s, "BEGIN IMMEDIATE"))
		return STORE_EFAIL;   /* s->err says why; the caller derives instead */
	/* again under the lock: another process may have built them while this one waited */
	int rc = db_lookup(s, built, sizeof built, "SELECT built FROM today_kept", NULL);
	if (!rc && strcmp(built, "1") != 0 && !(rc = keep(s, NULL, 0, 1)))
		rc = run(s, "UPDATE today_kept SET built = 1", NULL);
	if (!rc && db_exec(s, "COMMIT"))
		rc = STORE_EFAIL;
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int today_keep_build(struct store *s)
{
	int rc = keep(s, NULL, 0, 1);
	return rc ? rc : run(s, "UPDATE today_kept SET built = 1", NULL);
}
