/* today_flags.c — the household flags `bangfu today` shows (the cross-field rules of
 * rules_household_flags in core/rules.c, found by SQL over the caller's scope, the same
 * scope_sql every household read uses): per flag a count and the first few households,
 * so a scope of 100,000 households gives three lines, not one line per household.
 *   - no member able to work and no 综合保障 measure in place, for a household whose case
 *     is monitored (assisting .. elimination steps: when measures are due);
 *   - a former poor household (脱贫户) without a 帮扶责任人;
 *   - members with months worked but no work place.
 * They are kept in the today cache, stamped like the rule items (today_cache.c): a run
 * with nothing changed reads three rows back instead of querying every household. */
#include "store/internal.h"
#include "core/rules.h"
#include "core/workflow.h"
#include <stdio.h>
#include <string.h>

/* The condition on household h of each flag (?2 is today). */
static void flag_condition(int flag, struct buf *sql)
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
		buf_adds(sql, ")) AND NOT EXISTS (SELECT 1 FROM measures x WHERE x.household_id = h.id "
		              "AND x.grp = 'social_security' AND x.start_date <> '' AND x.start_date <= ?2)");
		break;
	case TODAY_FLAG_NO_CADRE:
		buf_adds(sql, "h.household_type = 'lifted' AND coalesce(h.cadre, '') = '' AND ?2 <> ''");
		break;
	default:
		buf_adds(sql, "EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id AND "
		              "CAST(m.months_worked AS INTEGER) > 0 AND coalesce(m.work_place, '') = '') "
		              "AND ?2 <> ''");
	}
}

static const char *const flag_code[TODAY_FLAG_COUNT] = {
	"no_social_security", "no_cadre", "no_work_place",
};
static const char *const flag_text[TODAY_FLAG_COUNT] = {
	RULES_FLAG_NO_SOCIAL, RULES_FLAG_NO_CADRE, "members " RULES_FLAG_WORKPLACE,
};

/* One flag: how many households in scope have it, and the first by id. */
static int flag_read(struct store *s, const struct user *u, int flag, struct today_flag *out)
{
	char scope[32];
	struct buf sql = {0};
	sqlite3_stmt *st;
	memset(out, 0, sizeof *out);
	out->code = flag_code[flag];
	out->text = flag_text[flag];
	buf_addf(&sql, "SELECT h.id, count(*) OVER () FROM households h WHERE (%s) AND (",
	         scope_sql(u, scope, sizeof scope));
	flag_condition(flag, &sql);
	buf_addf(&sql, ") ORDER BY h.id LIMIT %d", TODAY_FLAG_FIRST);
	if (db_cached_buf(s, &sql, &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, scope, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, store_today(s), -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->count = sqlite3_column_int64(st, 1);
		snprintf(out->first[out->nfirst++], sizeof out->first[0], "%s", db_col_text(st, 0));
	}
	db_finalize(s, st);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, "reading household flags");
}

/* Kept in the today cache (today_cache.c) as one item a flag, in flag order: its count
 * in days_overdue, its first households joined by spaces in title. */
struct kept { struct today_flag *out; int n; };

static int from_kept(void *ctx, const struct today_item *it)
{
	struct kept *k = ctx;
	if (k->n == TODAY_FLAG_COUNT)
		return 1;                     /* more than bangfu keeps: derive again */
	struct today_flag *f = &k->out[k->n];
	memset(f, 0, sizeof *f);
	f->code = flag_code[k->n];
	f->text = flag_text[k->n];
	f->count = it->days_overdue;
	for (const char *p = it->title; *p && f->nfirst < TODAY_FLAG_FIRST;) {
		size_t len = strcspn(p, " ");
		if (len && len < sizeof f->first[0])
			snprintf(f->first[f->nfirst++], sizeof f->first[0], "%.*s", (int)len, p);
		p += len + (p[len] == ' ');
	}
	k->n++;
	return 0;
}

static void keep(struct store *s, const struct user *u, long event,
                 const struct today_flag out[TODAY_FLAG_COUNT])
{
	struct today_item v[TODAY_FLAG_COUNT];
	memset(v, 0, sizeof v);
	for (int f = 0; f < TODAY_FLAG_COUNT; f++) {
		snprintf(v[f].kind, sizeof v[f].kind, "flag");
		v[f].days_overdue = out[f].count;
		for (int i = 0; i < out[f].nfirst; i++) {
			size_t at = strlen(v[f].title);
			snprintf(v[f].title + at, sizeof v[f].title - at, "%s%s", i ? " " : "", out[f].first[i]);
		}
	}
	today_cache_write(s, u, TODAY_CACHE_FLAGS, store_today(s), event, v, TODAY_FLAG_COUNT);
}

int store_today_flags(struct store *s, const struct user *u, struct today_flag out[TODAY_FLAG_COUNT])
{
	long event;
	struct kept k = {out, 0};
	int stamped = today_cache_stamp(s, &event) == 0;
	if (stamped && today_cache_read(s, u, TODAY_CACHE_FLAGS, store_today(s), event, from_kept,
	                                &k) == 1 && k.n == TODAY_FLAG_COUNT)
		return 0;                     /* nothing changed since they were read: kept */
	int rc = 0;
	for (int f = 0; !rc && f < TODAY_FLAG_COUNT; f++)
		rc = flag_read(s, u, f, &out[f]);
	if (!rc && stamped)
		keep(s, u, event, out);
	return rc;
}
