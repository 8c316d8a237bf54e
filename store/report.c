/* report.c — the tables of `bangfu report` (and what a dashboard may draw from): cases
 * by state per county and town, by category and by risk per county; households and
 * people per town; leads past the 15-day clock; overdue visits and tasks; new cases and
 * eliminations per month; measures by group. Each table is one SQL statement cut to the
 * caller's scope (scope_sql: the same condition every household read uses; tasks by
 * their region), counted in SQLite; codes are turned into their Chinese labels here, as
 * the lists in effect say. No names, ID numbers or phones appear in any table. */
#include "core/i18n.h"
#include "store/internal.h"
#include "core/codes.h"
#include "core/workflow.h"
#include <stdio.h>
#include <string.h>

enum label { L_NONE, L_STATE, L_CATEGORY, L_RISK, L_GROUP };

struct rtable {
	struct report_table pub;
	const char *sql;          /* @S: the scope condition on h; ?1 scope, ?2 today, ?3 task region */
	enum label label[REPORT_MAX_COLS];
};

#define LATEST "c.seq = (SELECT max(seq) FROM cases c2 WHERE c2.household_id = c.household_id)"
#define PLACE_JOIN " LEFT JOIN regions ct ON ct.code = h.county_code LEFT JOIN regions tw ON tw.code = h.town_code"
#define PRE_DECISION "('lead','visited','checked','village_review','township_review','county_approval')"
#define VISITED_STATES "('assisting','elim_requested','elim_village','elim_township','elim_county')"

#define COLS(...) (const struct report_col[]){__VA_ARGS__}, \
	(int)(sizeof (const struct report_col[]){__VA_ARGS__} / sizeof(struct report_col))

static const struct rtable tables[] = {
	{{"places", N_("各镇户数人数"), COLS({"county", N_("县区"), 0}, {"town", N_("乡镇"), 0}, {"households", N_("户数"), 1},
	  {"people", N_("人数"), 1}, {"monitored", N_("监测中户数"), 1})},
	 "SELECT ct.name, tw.name, count(*), sum((SELECT count(*) FROM members m WHERE m.household_id = h.id)),"
	 " sum(EXISTS (SELECT 1 FROM cases c WHERE c.household_id = h.id AND c.state NOT IN"
	 " ('eliminated','not_taken','referred'))) FROM households h" PLACE_JOIN
	 " WHERE (@S) GROUP BY h.county_code, h.town_code ORDER BY h.county_code, h.town_code", {0}},
	{{"states", N_("监测对象按状态"), COLS({"county", N_("县区"), 0}, {"town", N_("乡镇"), 0}, {"state", N_("状态"), 0},
	  {"cases", N_("户数"), 1})},
	 "SELECT ct.name, tw.name, c.state, count(*) FROM cases c JOIN households h ON h.id = c.household_id"
	 PLACE_JOIN " WHERE (@S) AND " LATEST " GROUP BY h.county_code, h.town_code, c.state"
	 " ORDER BY h.county_code, h.town_code, 4 DESC", {0, 0, L_STATE}},
	{{"categories", N_("监测对象按类别"), COLS({"county", N_("县区"), 0}, {"category", N_("监测对象类别"), 0},
	  {"cases", N_("户数"), 1})},
	 "SELECT ct.name, coalesce(c.category, ''), count(*) FROM cases c JOIN households h"
	 " ON h.id = c.household_id" PLACE_JOIN " WHERE (@S) AND " LATEST
	 " GROUP BY h.county_code, c.category ORDER BY h.county_code, 3 DESC", {0, L_CATEGORY}},
	{{"risks", N_("监测对象按风险类型"), COLS({"county", N_("县区"), 0}, {"risk", N_("风险类型"), 0}, {"cases", N_("户数"), 1})},
	 "WITH RECURSIVE split(county, rest, risk) AS ("
	 " SELECT h.county_code, coalesce(c.risks, '') || ',', '' FROM cases c JOIN households h"
	 " ON h.id = c.household_id WHERE (@S) AND " LATEST
	 " UNION ALL SELECT county, substr(rest, instr(rest, ',') + 1), substr(rest, 1, instr(rest, ',') - 1)"
	 " FROM split WHERE rest <> '')"
	 " SELECT ct.name, risk, count(*) FROM split LEFT JOIN regions ct ON ct.code = county"
	 " WHERE risk <> '' GROUP BY county, risk ORDER BY county, 3 DESC", {0, L_RISK}},
	{{"leads_overdue", N_("超过15天未决的线索"), COLS({"case", N_("案例编号"), 0}, {"household", N_("帮扶编号"), 0},
	  {"county", N_("县区"), 0}, {"town", N_("乡镇"), 0}, {"state", N_("状态"), 0}, {"lead_date", N_("线索日期"), 0},
	  {"days", N_("天数"), 1})},
	 "SELECT c.id, h.id, ct.name, tw.name, c.state, c.lead_date,"
	 " CAST(julianday(?2) - julianday(c.lead_date) AS INTEGER) FROM cases c JOIN households h"
	 " ON h.id = c.household_id" PLACE_JOIN " WHERE (@S) AND c.state IN " PRE_DECISION
	 " AND c.lead_date <> '' AND julianday(?2) - julianday(c.lead_date) > 15 ORDER BY c.lead_date, c.id",
	 {0, 0, 0, 0, L_STATE}},
	{{"visits_overdue", N_("走访逾期"), COLS({"case", N_("案例编号"), 0}, {"household", N_("帮扶编号"), 0},
	  {"county", N_("县区"), 0}, {"town", N_("乡镇"), 0}, {"last", N_("上次走访或纳入"), 0}, {"interval", N_("走访间隔(天)"), 1},
	  {"days", N_("已过天数"), 1})},
	 "SELECT cid, hid, cname, tname, last, iv, CAST(julianday(?2) - julianday(last) AS INTEGER) FROM ("
	 " SELECT c.id AS cid, h.id AS hid, ct.name AS cname, tw.name AS tname,"
	 " coalesce((SELECT max(v.date) FROM visits v WHERE v.household_id = h.id),"
	 " nullif(c.approval_date, ''), c.lead_date) AS last,"
	 " CAST(coalesce((SELECT value FROM settings WHERE key = 'visit_interval.' || h.county_code),"
	 " (SELECT value FROM settings WHERE key = 'visit_interval.default'), 30) AS INTEGER) AS iv"
	 " FROM cases c JOIN households h ON h.id = c.household_id" PLACE_JOIN
	 " WHERE (@S) AND " LATEST " AND c.state IN " VISITED_STATES ")"
	 " WHERE julianday(?2) - julianday(last) > iv ORDER BY last, cid", {0}},
	{{"tasks_overdue", N_("任务逾期"), COLS({"task", N_("任务编号"), 0}, {"kind", N_("类型"), 0}, {"owner", N_("负责人"), 0},
	  {"status", N_("状态"), 0}, {"due", N_("截止日期"), 0}, {"days", N_("逾期天数"), 1})},
	 "SELECT t.id, t.kind, t.owner, t.status, t.due, CAST(julianday(?2) - julianday(t.due) AS INTEGER)"
	 " FROM tasks t WHERE t.region LIKE ?3 AND t.status IN ('open','in_progress')"
	 " AND coalesce(t.due, '') <> '' AND t.due < ?2 ORDER BY t.due, t.id", {0}},
	{{"monthly", N_("每月新增与消除"), COLS({"month", N_("月份"), 0}, {"new_cases", N_("新增线索"), 1},
	  {"eliminated", N_("风险消除"), 1})},
	 "SELECT month, sum(n), sum(e) FROM ("
	 " SELECT substr(c.lead_date, 1, 7) AS month, 1 AS n, 0 AS e FROM cases c JOIN households h"
	 " ON h.id = c.household_id WHERE (@S) AND coalesce(c.lead_date, '') <> ''"
	 " UNION ALL SELECT substr(st.happened, 1, 7), 0, 1 FROM case_steps st JOIN households h"
	 " ON h.id = st.household_id WHERE (@S) AND st.to_state = 'eliminated')"
	 " GROUP BY month ORDER BY month", {0}},
	{{"measures", N_("帮扶措施按类别"), COLS({"group", N_("措施类别"), 0}, {"measures", N_("措施数"), 1},
	  {"households", N_("户数"), 1}, {"amount", N_("金额(元)"), 1})},
	 "SELECT m.grp, count(*), count(DISTINCT m.household_id),"
	 " round(coalesce(sum(CAST(nullif(m.amount, '') AS REAL)), 0), 2)"
	 " FROM measures m JOIN households h ON h.id = m.household_id WHERE (@S)"
	 " GROUP BY m.grp ORDER BY 2 DESC, 1", {L_GROUP}},
};
#define TABLE_COUNT ((int)(sizeof tables / sizeof tables[0]))

int store_report_table(int i, const struct report_table **out)
{
	if (i < 0 || i >= TABLE_COUNT)
		return -1;
	*out = &tables[i].pub;
	return 0;
}

static void labelled(struct store *s, enum label l, const char *code, char *out, size_t n)
{
	enum wf_state st;
	const struct code_lists *lists = store_code_lists(s);
	const char *lbl = NULL;
	switch (l) {
	case L_STATE:
		lbl = workflow_state_parse(code, &st) == 0 ? workflow_state_label(st) : NULL;
		break;
	case L_CATEGORY:
		model_value_display(lists, CF_CATEGORY, code, out, (int)n);
		return;
	case L_RISK:
		model_value_display(lists, CF_RISKS, code, out, (int)n);
		return;
	case L_GROUP:
		lbl = codes_label(code_lists_table(lists, &codes_measure_group), code);
		break;
	default:
		break;
	}
	snprintf(out, n, "%s", lbl ? lbl : code);
}

/* The statement of table t with @S replaced by the scope condition. */
static int table_sql(const char *sql, const char *cond, char *out, size_t n)
{
	size_t len = 0, cl = strlen(cond);
	for (const char *p = sql; *p; p++) {
		if (p[0] == '@' && p[1] == 'S') {
			if (len + cl >= n)
				return -1;
			memcpy(out + len, cond, cl);
			len += cl;
			p++;
		} else {
			if (len + 1 >= n)
				return -1;
			out[len++] = *p;
		}
	}
	out[len] = '\0';
	return 0;
}

int store_report(struct store *s, const struct user *u, int table,
                 int (*fn)(void *ctx, const char *const *values), void *ctx)
{
	if (table < 0 || table >= TABLE_COUNT)
		return store_fail(s, STORE_EINVAL, "no report table %d", table);
	const struct rtable *t = &tables[table];
	char scope[32], region[40], sql[4096];
	const char *cond = scope_sql(u, scope, sizeof scope);
	snprintf(region, sizeof region, "%s%%", strcmp(u->scope, "44") == 0 ? "" : u->scope);
	sqlite3_stmt *st;
	if (table_sql(t->sql, cond, sql, sizeof sql))
		return store_fail(s, STORE_EFAIL, "report %s: statement too long", t->pub.name);
	if (db_prepare(s, sql, &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, scope, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, store_today(s), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, region, -1, SQLITE_STATIC);
	int rc, stop = 0;
	char cells[REPORT_MAX_COLS][256];
	const char *v[REPORT_MAX_COLS];
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < t->pub.ncols; i++) {
			if (t->label[i] != L_NONE)
				labelled(s, t->label[i], db_col_text(st, i), cells[i], sizeof cells[i]);
			else
				snprintf(cells[i], sizeof cells[i], "%s", db_col_text(st, i));
			v[i] = cells[i];
		}
		stop = fn(ctx, v);
	}
	sqlite3_finalize(st);
	return stop || rc == SQLITE_DONE ? 0 : store_sqlfail(s, "making the report");
}
