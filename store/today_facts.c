/* today_facts.c — what the task rules need to know, read (never written) from the
 * casework tables other parts of the store keep: every open case in a user's scope with
 * its procedure dates, its household's last visit, measures and labour, and the rule
 * settings of its county (visit_interval.<county>, else visit_interval.default; the
 * other windows by key), each falling back to its SAMPLE value from core/rules.h. */
#include "store/entity.h"
#include "core/grow.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A positive whole number of days from settings key, or fallback when the key is absent. */
static int setting_days(struct store *s, const char *key, int fallback, int *out)
{
	sqlite3_stmt *st;
	*out = fallback;
	if (db_cached(s, "SELECT value FROM settings WHERE key = ?", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	int rc = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		char *end;
		double v = strtod(db_col_text(st, 0), &end);
		if (end == db_col_text(st, 0) || *end || v < 1 || v > 3650)
			rc = store_fail(s, STORE_EINVAL, "setting %s = \"%s\" is not a number of days "
			                "(fix it with `bangfu setting set`)", key, db_col_text(st, 0));
		else
			*out = (int)(v + 0.5);
	}
	db_finalize(s, st);
	return rc;
}

int today_settings(struct store *s, const char *county, struct rules_settings *r)
{
	char key[64];
	int fallback, rc;
	rules_settings_sample(r);
	snprintf(key, sizeof key, "visit_interval.%s", county);
	if ((rc = setting_days(s, "visit_interval.default", r->visit_interval_days, &fallback)) ||
	    (rc = setting_days(s, key, fallback, &r->visit_interval_days)) ||
	    (rc = setting_days(s, "dev_measure_days", r->dev_measure_days, &r->dev_measure_days)) ||
	    (rc = setting_days(s, "lead_warn_days", r->lead_warn_days, &r->lead_warn_days)) ||
	    (rc = setting_days(s, "due_soon_days", r->due_soon_days, &r->due_soon_days)))
		return rc;
	return 0;
}

/* A date column as the rules take it: a valid YYYY-MM-DD, else "". */
static void date_col(sqlite3_stmt *st, int i, char out[DATE_LEN])
{
	const char *v = db_col_text(st, i);
	snprintf(out, DATE_LEN, "%s", date_valid(v) ? v : "");
}

/* A household's or member's column read here or by today_cases must be in
 * today_keep_reads (today_keep.c): `set` of any other field leaves the kept rows alone. */
static int household_facts(struct store *s, struct case_source *c)
{
	sqlite3_stmt *st;
	int rc;
	if (db_cached(s, "SELECT labour FROM members WHERE household_id = ?", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, c->household, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		c->h.able_to_work += rules_labour_able(db_col_text(st, 0));
	db_finalize(s, st);
	if (rc != SQLITE_DONE || db_cached(s, "SELECT max(date) FROM visits WHERE household_id = ?", &st))
		return store_sqlfail(s, "reading members");
	sqlite3_bind_text(st, 1, c->household, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		date_col(st, 0, c->h.last_visit);
	db_finalize(s, st);
	if (db_cached(s, "SELECT grp, start_date, end_date FROM measures WHERE household_id = ? "
	                  "ORDER BY start_date, id", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, c->household, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct measure_fact *m = realloc(c->measures, (size_t)(c->h.measure_count + 1) * sizeof *m);
		if (!m) {
			db_finalize(s, st);
			return store_fail(s, STORE_EFAIL, "out of memory");
		}
		c->measures = m;
		m += c->h.measure_count++;
		memset(m, 0, sizeof *m);
		snprintf(m->group, sizeof m->group, "%s", db_col_text(st, 0));
		date_col(st, 1, m->start);
		date_col(st, 2, m->end);
	}
	db_finalize(s, st);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, "reading measures");
}

/* Monitoring starts at county approval; a case imported from the national register has
 * only its identification month (识别监测时间, YYYY-MM): count from its first day. */
static void monitoring_start(sqlite3_stmt *st, int approval, int identified, char out[DATE_LEN])
{
	date_col(st, approval, out);
	const char *month = db_col_text(st, identified);
	char first[DATE_LEN + 4];
	snprintf(first, sizeof first, "%.7s-01", month);
	if (!out[0] && strlen(month) == 7 && date_valid(first))
		text_copy(out, DATE_LEN, first);   /* a valid date: it fits */
}

/* The settings of the county read last (s->today_memo): cases come in county order, so
 * each county's settings are read once; a save of one household after another in the
 * same county (import, demo) reads them once too. */
static int county_settings(struct store *s, const char *county)
{
	struct today_memo *m = &s->today_memo;
	if (m->valid && strcmp(m->county, county) == 0)
		return 0;
	m->valid = 0;
	int rc = today_settings(s, county, &m->rules);
	if (rc)
		return rc;
	snprintf(m->county, sizeof m->county, "%s", county);
	settings_dev_groups(s, m->dev_groups, sizeof m->dev_groups);
	m->gen = s->settings_gen;
	m->data_version = store_data_version(s);
	m->valid = 1;
	return 0;
}

static int read_case(struct store *s, sqlite3_stmt *st, struct case_source *c)
{
	memset(c, 0, sizeof *c);
	snprintf(c->id, sizeof c->id, "%s", db_col_text(st, 0));
	snprintf(c->household, sizeof c->household, "%s", db_col_text(st, 1));
	snprintf(c->region, sizeof c->region, "%s", db_col_text(st, 3));
	if (workflow_state_parse(db_col_text(st, 2), &c->c.state))
		return 1;   /* a state these rules do not know: no task */
	snprintf(c->c.category, sizeof c->c.category, "%s", db_col_text(st, 4));
	snprintf(c->c.region, sizeof c->c.region, "%s", c->region);
	date_col(st, 5, c->c.lead_date);
	date_col(st, 6, c->c.last_step_date);
	date_col(st, 7, c->c.consent_date);
	date_col(st, 8, c->c.notice_start);
	date_col(st, 9, c->c.notice_end);
	monitoring_start(st, 10, 13, c->c.approval_date);
	date_col(st, 11, c->c.closed_date);
	const char *green = db_col_text(st, 12);
	c->c.green_channel = strcmp(green, "yes") == 0 || strcmp(green, "1") == 0;
	int rc = county_settings(s, db_col_text(st, 14));
	if (rc)
		return rc;
	c->rules = s->today_memo.rules;
	snprintf(c->h.dev_groups, sizeof c->h.dev_groups, "%s", s->today_memo.dev_groups);
	return household_facts(s, c);
}

int today_cases(struct store *s, const struct user *u, const char *household,
                struct case_source **out, int *n)
{
	char scope[32];
	struct buf q = {0};
	sqlite3_stmt *st;
	const char *cond = household ? "h.id = ?1" : scope_sql(u, scope, sizeof scope);
	if (household)
		snprintf(scope, sizeof scope, "%s", household);
	*out = NULL;
	*n = 0;
	buf_addf(&q, "SELECT c.id, c.household_id, c.state, h.village_code, c.category, "
	         "c.lead_date, c.last_step_date, c.consent_date, c.notice_start, c.notice_end, "
	         "c.approval_date, c.closed_date, c.green_channel, c.identified, h.county_code "
	         "FROM cases c JOIN households h ON h.id = c.household_id WHERE (%s) AND "
	         "c.state NOT IN ('eliminated', 'not_taken', 'referred') "
	         "ORDER BY h.county_code, h.village_code, c.household_id, c.id", cond);
	if (db_cached_buf(s, &q, &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, scope, -1, SQLITE_STATIC);
	int rc = 0, step = SQLITE_DONE, cap = 0;
	struct today_memo *m = &s->today_memo;
	if (m->valid && (m->gen != s->settings_gen || m->data_version != store_data_version(s)))
		m->valid = 0;   /* a setting written since, here or by another connection */
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		if (GROW(*out, cap, *n + 1, 64)) {
			rc = store_fail(s, STORE_EFAIL, "out of memory");
			break;
		}
		int r = read_case(s, st, &(*out)[*n]);
		if (r < 0)
			rc = r;
		if (r == 0 || r < 0)
			(*n)++;   /* kept even on error so its measures are freed */
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_sqlfail(s, "reading cases");
	db_finalize(s, st);
	for (int i = 0; i < *n; i++) {   /* the array is final: point the facts at it */
		(*out)[i].h.measures = (*out)[i].measures;
		(*out)[i].c.household = &(*out)[i].h;
	}
	return rc;
}

void today_cases_free(struct case_source *c, int n)
{
	for (int i = 0; i < n; i++)
		free(c[i].measures);
	free(c);
}
