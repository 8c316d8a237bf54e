/* cases.c — the monitoring procedure in the store: open a case on a household, move it
 * a step (every rule and role checked by core/workflow.c, every reason for a refusal
 * listed), find it, and gather the facts the rules need (income against the year's line,
 * 三保障 and 饮水, labour, measures, last visit). Each step is one audit event on the
 * household's file: the case's dates change and a [step] record is added, so
 * `git log` of the household reads as the story of the case. */
#include "store/kinds.h"
#include "core/codes.h"
#include "core/text.h"
#include "core/date.h"
#include "core/income.h"
#include "core/workflow.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_MEASURES 64

/* The household facts behind the rules, as of `as_of`'s year. */
static int household_facts_fill(struct store *s, const struct household *h, const char *as_of,
                                struct household_facts *hf, struct measure_fact *mf, int max)
{
	char key[32];
	int latest[2];
	memset(hf, 0, sizeof *hf);
	hf->has_income = household_get(h, HF_INCOME)[0] != '\0';
	hf->income_per_capita = atof(household_get(h, HF_INCOME));
	snprintf(key, sizeof key, "monitoring_line.%.4s", as_of);
	hf->income_assessments = income_latest(h, as_of, latest, 2);
	hf->stable_months = (int)store_setting_number(s, "income_stable_months", NULL,
	                                              RULES_INCOME_STABLE_MONTHS);
	hf->elim_min_months = (int)store_setting_number(s, "elim_min_months", NULL,
	                                                RULES_ELIM_MIN_MONTHS);
	if (hf->income_assessments > 0) {   /* the latest against its own year's line */
		const struct subrec *r = &h->sub[SUB_INCOME][latest[0]];
		hf->has_income = 1;
		hf->income_per_capita = atof(subrec_get(r, SUB_INCOME, "per_capita"));
		snprintf(key, sizeof key, "monitoring_line.%.4s", subrec_get(r, SUB_INCOME, "year"));
	}
	hf->monitoring_line = store_setting_number(s, key, NULL, -1);
	snprintf(hf->line_year, sizeof hf->line_year, "%.4s", key + strlen("monitoring_line."));
	if (hf->income_assessments > 1) {
		const struct subrec *p = &h->sub[SUB_INCOME][latest[1]];
		char prev_key[32];
		snprintf(prev_key, sizeof prev_key, "monitoring_line.%.4s", subrec_get(p, SUB_INCOME, "year"));
		hf->prev_income_per_capita = atof(subrec_get(p, SUB_INCOME, "per_capita"));
		hf->prev_monitoring_line = store_setting_number(s, prev_key, NULL, -1);
		hf->income_months_apart = income_months_between(subrec_get(p, SUB_INCOME, "assessed"),
		    subrec_get(&h->sub[SUB_INCOME][latest[0]], SUB_INCOME, "assessed"));
	}
	hf->housing_ok = strcmp(household_get(h, HF_HOUSING), "yes") == 0;
	hf->school_ok = strcmp(household_get(h, HF_SCHOOL), "yes") == 0;
	hf->medical_ok = strcmp(household_get(h, HF_MEDICAL), "yes") == 0;
	hf->water_ok = strcmp(household_get(h, HF_WATER), "yes") == 0;
	hf->costs_ok = strcmp(household_get(h, HF_COSTS), "yes") == 0;
	for (int m = 0; m < h->nmembers; m++) {
		const struct member *mb = &h->members[m];
		hf->able_to_work += rules_labour_able(member_get(mb, MF_LABOUR));
		hf->workplace_missing += atoi(member_get(mb, MF_MONTHS)) > 0 &&
		                         !member_get(mb, MF_WORKPLACE)[0];
	}
	hf->lifted = strcmp(household_get(h, HF_TYPE), "lifted") == 0;
	settings_dev_groups(s, hf->dev_groups, sizeof hf->dev_groups);
	hf->has_cadre = household_get(h, HF_CADRE)[0] != '\0';
	int n = 0;
	for (int i = 0; i < h->nsub[SUB_MEASURE] && n < max; i++, n++) {
		const struct subrec *r = &h->sub[SUB_MEASURE][i];
		memset(&mf[n], 0, sizeof mf[n]);
		snprintf(mf[n].group, sizeof mf[n].group, "%s", subrec_get(r, SUB_MEASURE, "grp"));
		snprintf(mf[n].start, sizeof mf[n].start, "%s", subrec_get(r, SUB_MEASURE, "start_date"));
		snprintf(mf[n].end, sizeof mf[n].end, "%s", subrec_get(r, SUB_MEASURE, "end_date"));
	}
	hf->measures = mf;
	hf->measure_count = n;
	for (int i = 0; i < h->nsub[SUB_VISIT]; i++) {
		const char *d = subrec_get(&h->sub[SUB_VISIT][i], SUB_VISIT, "date");
		if (strcmp(d, hf->last_visit) > 0)
			snprintf(hf->last_visit, sizeof hf->last_visit, "%s", d);
	}
	return hf->monitoring_line < 0 ? STORE_ENOTFOUND : 0;
}

/* Copy a case field into a fixed date slot; a register "YYYY-MM" becomes the 1st. */
static void date_slot(char *slot, const char *v)
{
	if (strlen(v) == 7)
		snprintf(slot, DATE_LEN, "%s-01", v);
	else
		snprintf(slot, DATE_LEN, "%s", v);
}

/* The latest step of case c (the highest id: C0000001.003 after .002) into f. */
static void last_step_fill(const struct household *h, const struct hcase *c, struct case_facts *f)
{
	const struct subrec *last = NULL;
	for (int i = 0; i < h->nsub[SUB_STEP]; i++) {
		const struct subrec *r = &h->sub[SUB_STEP][i];
		if (strcmp(subrec_get(r, SUB_STEP, "case_id"), c->id) == 0 &&
		    (!last || strcmp(subrec_get(r, SUB_STEP, "id"), subrec_get(last, SUB_STEP, "id")) > 0))
			last = r;
	}
	f->last_from = WF_NONE;
	if (!last)
		return;
	snprintf(f->last_step, sizeof f->last_step, "%s", subrec_get(last, SUB_STEP, "step"));
	snprintf(f->last_login, sizeof f->last_login, "%s", subrec_get(last, SUB_STEP, "login"));
	if (workflow_state_parse(subrec_get(last, SUB_STEP, "from_state"), &f->last_from))
		f->last_from = WF_NONE;
}

int store_case_facts(struct store *s, const struct household *h, int ci, const char *as_of,
                     struct case_facts *f, struct household_facts *hf, struct measure_fact *mf,
                     int max)
{
	const struct hcase *c = &h->cases[ci];
	memset(f, 0, sizeof *f);
	if (workflow_state_parse(c->state ? c->state : "", &f->state))
		return store_fail(s, STORE_EFAIL, "case %s has an unknown state \"%s\"", c->id,
		                  c->state ? c->state : "");
	snprintf(f->category, sizeof f->category, "%s", case_get(c, CF_CATEGORY));
	snprintf(f->region, sizeof f->region, "%s", household_get(h, HF_VILLCODE));
	date_slot(f->lead_date, case_get(c, CF_LEAD));
	date_slot(f->last_step_date, case_get(c, CF_LAST_STEP));
	date_slot(f->consent_date, case_get(c, CF_CONSENT));
	date_slot(f->notice_start, case_get(c, CF_NOTICE_START));
	date_slot(f->notice_end, case_get(c, CF_NOTICE_END));
	date_slot(f->approval_date, case_get(c, CF_APPROVAL));
	date_slot(f->closed_date, case_get(c, CF_CLOSED));
	/* a case imported from the national register was approved when it was identified */
	if (!f->approval_date[0] && workflow_is_monitored(f->state))
		date_slot(f->approval_date, case_get(c, CF_IDENTIFIED));
	f->green_channel = strcmp(case_get(c, CF_GREEN), "yes") == 0;
	last_step_fill(h, c, f);
	f->notice_days = (int)store_setting_number(s, "notice_days", NULL, WORKFLOW_NOTICE_MIN_DAYS);
	f->decision_days = (int)store_setting_number(s, "decision_days", NULL, WORKFLOW_DECISION_DAYS);
	household_facts_fill(s, h, as_of, hf, mf, max);
	f->household = hf;
	return 0;
}

/* Store the case facts after a step back into the case's fields. */
static int apply_facts(struct hcase *c, const struct case_facts *f, const struct move_input *in)
{
	return model_strset(&c->state, workflow_state_code(f->state)) ||
	       case_set(c, CF_LEAD, f->lead_date) || case_set(c, CF_LAST_STEP, f->last_step_date) ||
	       case_set(c, CF_CONSENT, f->consent_date) ||
	       case_set(c, CF_NOTICE_START, f->notice_start) ||
	       case_set(c, CF_NOTICE_END, f->notice_end) ||
	       case_set(c, CF_APPROVAL, f->approval_date) ||
	       case_set(c, CF_CLOSED, f->closed_date) ||
	       case_set(c, CF_GREEN, f->green_channel ? "yes" : NULL) ||
	       case_set(c, CF_ELIMINATED, f->state == WF_ELIMINATED ? "yes" : "no") ||
	       (in->method && in->method[0] && case_set(c, CF_METHOD, in->method)) ||
	       (in->department && in->department[0] && case_set(c, CF_DEPARTMENT, in->department));
}

/* "consent 2026-01-02; notice 2026-01-03..2026-01-08; method assisted" */
static void step_details(const struct move_input *in, struct buf *out)
{
	if (in->consent_date && in->consent_date[0])
		buf_addf(out, "%sconsent %s", out->len ? "; " : "", in->consent_date);
	if (in->notice_start && in->notice_start[0])
		buf_addf(out, "%snotice %s..%s", out->len ? "; " : "", in->notice_start,
		         in->notice_end && in->notice_end[0] ? in->notice_end : "");
	if (in->method && in->method[0])
		buf_addf(out, "%smethod %s", out->len ? "; " : "", in->method);
	if (in->department && in->department[0])
		buf_addf(out, "%sdepartment %s", out->len ? "; " : "", in->department);
}

static int add_step(struct store *s, struct household *h, const char *case_id,
                    const struct move_result *res, const struct move_input *in, const char *login)
{
	int seq = 1;
	for (int i = 0; i < h->nsub[SUB_STEP]; i++)
		if (strcmp(subrec_get(&h->sub[SUB_STEP][i], SUB_STEP, "case_id"), case_id) == 0)
			seq++;
	char id[32], entered[32];
	struct buf details = {0};
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(entered, sizeof entered, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(id, sizeof id, "%s.%03d", case_id, seq);
	step_details(in, &details);
	struct subrec *r = household_add_subrec(h, SUB_STEP);
	int rc = !r || subrec_set(r, SUB_STEP, "id", id) || subrec_set(r, SUB_STEP, "case_id", case_id) ||
	         subrec_set(r, SUB_STEP, "step", res->transition->name) ||
	         subrec_set(r, SUB_STEP, "from_state", res->from == WF_NONE ? NULL : workflow_state_code(res->from)) ||
	         subrec_set(r, SUB_STEP, "to_state", workflow_state_code(res->next.state)) ||
	         subrec_set(r, SUB_STEP, "happened", res->date) ||
	         subrec_set(r, SUB_STEP, "entered", entered) || subrec_set(r, SUB_STEP, "login", login) ||
	         subrec_set(r, SUB_STEP, "reason", in->reason) ||
	         subrec_set(r, SUB_STEP, "details", buf_str(&details));
	buf_free(&details);
	return rc ? store_fail(s, STORE_EFAIL, "out of memory") : 0;
}

/* The reasons of a refusal, one "\n  - " line each, into buf (4096 bytes): the caller's
 * message says what was refused. */
static const char *reasons(const struct refusal *r, char buf[4096])
{
	refusal_join(r, "\n  - ", buf, 4096);
	return buf;
}

/* Write household h (version-checked) as the one file of a new event. */
static int save_household_event(struct store *s, const struct user *u, struct household *h,
                                const char *verb, const char *subject, const char *why)
{
	int rc = write_begin(s, u, verb, subject, why);
	if (rc)
		return rc;
	if ((rc = household_save(s, h, h->version)) || (rc = household_text_file(s, h))) {
		write_rollback(s);
		return rc;
	}
	return write_commit(s);
}

/* A new case on h (its id assigned now), with the facts of an allowed open/remark. */
static int new_case(struct store *s, struct household *h, const struct case_facts *f,
                    const char *risks, const char *source, const char *disaster,
                    const char *note, const char *linked, char *id_out, size_t n)
{
	char id[16];
	if (household_next_case_id(s, id, sizeof id))
		return STORE_EFAIL;
	struct hcase *c = household_add_case(h);
	struct move_input none = {0};
	if (!c)
		return store_fail(s, STORE_EFAIL, "out of memory");
	snprintf(c->id, sizeof c->id, "%s", id);
	if (apply_facts(c, f, &none) || case_set(c, CF_CATEGORY, f->category) ||
	    case_set(c, CF_RISKS, risks) || case_set(c, CF_SOURCE, source) ||
	    case_set(c, CF_IDENTIFIED, f->lead_date) || case_set(c, CF_DISASTER, disaster) ||
	    case_set(c, CF_NOTE, note) || case_set(c, CF_LINKED, linked))
		return store_fail(s, STORE_EFAIL, "out of memory");
	snprintf(id_out, n, "%s", id);
	return 0;
}

/* Normalise a case input value through the field table ("" stays ""). */
static int case_value(struct store *s, enum field_id f, const char *raw, char *out, int n)
{
	char err[300];
	if (!raw || !raw[0]) {
		out[0] = '\0';
		return 0;
	}
	if (model_value_normalise(store_code_lists(s), f, raw, s->today, out, n, err, sizeof err))
		return store_fail(s, STORE_EINVAL, "%s (%s): %s", model_fields[f].zh,
		                  model_fields[f].key, err);
	return 0;
}

/* The open case of h (not closed), or -1. */
int case_open_index(const struct household *h)
{
	for (int i = 0; i < h->ncases; i++) {
		enum wf_state st;
		if (workflow_state_parse(h->cases[i].state ? h->cases[i].state : "", &st) == 0 &&
		    !workflow_is_closed(st))
			return i;
	}
	return -1;
}

int cases_open_in(struct store *s, const struct user *u, struct household *h,
                  const struct case_open *o, const char *why, char *case_id, size_t n)
{
	char category[32], source[32], risks[256], disaster[32], login[64], note[2048];
	unsigned uid;
	int rc;
	if ((rc = case_value(s, CF_NOTE, o->note, note, sizeof note)) ||   /* the input rule */
	    (rc = case_value(s, CF_CATEGORY, o->category, category, sizeof category)) ||
	    (rc = case_value(s, CF_SOURCE, o->source, source, sizeof source)) ||
	    (rc = case_value(s, CF_RISKS, o->risks, risks, sizeof risks)) ||
	    (rc = case_value(s, CF_DISASTER, o->disaster, disaster, sizeof disaster)))
		return rc;
	if (!category[0] || !source[0] || !risks[0])
		return store_fail(s, STORE_EINVAL, "a case needs --category, --source and --risks");
	if (strstr(risks, "disaster") && !disaster[0])
		return store_fail(s, STORE_EINVAL, "因自然灾害 needs --disaster (洪涝/地质/旱灾/生物/气象/地震/其他)");
	int open = case_open_index(h);
	if (open >= 0) {
		enum wf_state st;
		const char *state = h->cases[open].state ? h->cases[open].state : "";
		return store_fail(s, STORE_EINVAL, "household %s already has an open case %s (%s): "
		                  "move that one instead", h->id, h->cases[open].id,
		                  workflow_state_parse(state, &st) == 0
		                  ? codes_shown(workflow_state_label(st)) : state);
	}
	struct case_facts f = {.state = WF_NONE};
	struct move_input in = {.today = s->today, .date = o->date, .reason = why};
	struct move_result res;
	struct refusal why_not;
	char joined[4096];
	if (text_copy(f.category, sizeof f.category, category))
		return store_fail(s, STORE_EINVAL, "--category \"%s\" is not a category", category);
	snprintf(f.region, sizeof f.region, "%s", household_get(h, HF_VILLCODE));
	if (workflow_move(&f, u, "open", &in, &res, &why_not))
		return store_fail(s, STORE_EDENIED, "opening a case refused:\n  - %s",
		                  reasons(&why_not, joined));
	if ((rc = identity_login(s, login, sizeof login, &uid)) ||
	    (rc = new_case(s, h, &res.next, risks, source, disaster, note, NULL, case_id, n)))
		return rc;
	return add_step(s, h, case_id, &res, &in, login);
}

static int case_open_in(struct store *s, const struct user *u, const char *household,
                        const struct case_open *o, const char *why, char *case_id, size_t n)
{
	struct household h;
	int rc = household_find(s, u, household, &h);
	if (rc)
		return rc;
	if (!(rc = cases_open_in(s, u, &h, o, why, case_id, n)))
		rc = save_household_event(s, u, &h, "case open", case_id, why);
	household_free(&h);
	return rc;
}

/* A case change applies to the household as it is when written: read inside the write
 * transaction. */
int store_case_open(struct store *s, const struct user *u, const char *household,
                    const struct case_open *o, const char *why, char *case_id, size_t n)
{
	int rc = write_open(s);
	return rc ? rc : write_close(s, case_open_in(s, u, household, o, why, case_id, n));
}

/* store_case_find with full values, for the store's own changes. */
static int case_find(struct store *s, const struct user *u, const char *case_id,
                     struct household *h, int *index)
{
	char hid[32];
	int rc = db_lookup(s, hid, sizeof hid, "SELECT household_id FROM cases WHERE id = ?", case_id, NULL);
	if (rc == 0)
		rc = household_find(s, u, hid, h);
	if (rc == STORE_ENOTFOUND)
		return store_fail(s, STORE_ENOTFOUND, "no case \"%s\" in your scope (%s)", case_id, u->scope);
	if (rc)
		return rc;
	for (int i = 0; i < h->ncases; i++)
		if (strcmp(h->cases[i].id, case_id) == 0) {
			*index = i;
			return 0;
		}
	household_free(h);
	return store_fail(s, STORE_EFAIL, "case %s is not in its household's record", case_id);
}

int store_case_find(struct store *s, const struct user *u, const char *case_id,
                    struct household *h, int *index)
{
	int rc = case_find(s, u, case_id, h, index);
	return rc ? rc : household_hand_out(s, h);
}

static int case_move_in(struct store *s, const struct user *u, const char *case_id,
                        const char *step, struct move_input *in, const char *remark_risks,
                        char *result, size_t n)
{
	struct household h;
	struct household_facts hf;
	struct measure_fact mf[MAX_MEASURES];
	struct case_facts f;
	struct move_result res;
	struct refusal why_not;
	char joined[4096];
	char login[64], method[32] = "", dept[32] = "", risks[256] = "";
	unsigned uid;
	int ci, rc;
	in->today = s->today;
	if ((rc = case_value(s, CF_METHOD, in->method, method, sizeof method)) ||
	    (rc = case_value(s, CF_DEPARTMENT, in->department, dept, sizeof dept)) ||
	    (rc = case_value(s, CF_RISKS, remark_risks, risks, sizeof risks)))
		return rc;
	in->method = method;
	in->department = dept;
	in->lists = store_code_lists(s);
	if ((rc = case_find(s, u, case_id, &h, &ci)))
		return rc;
	const struct wf_transition *t = workflow_transition_find(step);
	const char *as_of = in->date && in->date[0] ? in->date : s->today;
	if ((rc = store_case_facts(s, &h, ci, as_of, &f, &hf, mf, MAX_MEASURES)))
		goto out;
	if (t && (t->flags & WF_RULE_ELIMINATION) && hf.monitoring_line < 0) {
		rc = store_fail(s, STORE_EDENIED, "no monitoring line for %s in settings: an "
		                "administrator sets monitoring_line.%s first", hf.line_year, hf.line_year);
		goto out;
	}
	if (t && (t->flags & WF_NEW_CASE) && !risks[0]) {
		rc = store_fail(s, STORE_EINVAL, "re-marking needs the new risks (--risks)");
		goto out;
	}
	if (workflow_move(&f, u, step, in, &res, &why_not)) {
		rc = store_fail(s, STORE_EDENIED, "step %s on case %s refused:\n  - %s",
		                t ? codes_shown(t->label) : step, case_id, reasons(&why_not, joined));
		goto out;
	}
	struct hcase *c = &h.cases[ci];
	if (apply_facts(c, &res.next, in) || (rc = identity_login(s, login, sizeof login, &uid))) {
		rc = rc ? rc : store_fail(s, STORE_EFAIL, "out of memory");
		goto out;
	}
	char new_id[16] = "";
	if ((rc = add_step(s, &h, case_id, &res, in, login)))
		goto out;
	if (res.new_case) {
		struct move_result opened = res;
		opened.from = WF_NONE;
		opened.next = res.linked;
		if ((rc = new_case(s, &h, &res.linked, risks, case_get(c, CF_SOURCE), NULL, NULL,
		                   case_id, new_id, sizeof new_id)) ||
		    (rc = add_step(s, &h, new_id, &opened, in, login)))
			goto out;
	}
	char subject[64];
	snprintf(subject, sizeof subject, "%s %s", res.transition->label, case_id);   /* 镇级审核通过 C0000206 */
	if ((rc = save_household_event(s, u, &h, "case move", subject, in->reason)))
		goto out;
	if (res.new_case)
		snprintf(result, n, _("%s: %s on %s; new case %s opened as a lead, linked to it"), case_id,
		         codes_shown(res.transition->label), res.date, new_id);
	else
		snprintf(result, n, _("%s: %s → %s (%s) on %s"), case_id,
		         res.from == WF_NONE ? "-" : codes_shown(workflow_state_label(res.from)),
		         codes_shown(workflow_state_label(res.next.state)), codes_shown(res.transition->label), res.date);
out:
	household_free(&h);
	return rc;
}

int store_case_move(struct store *s, const struct user *u, const char *case_id, const char *step,
                    struct move_input *in, const char *remark_risks, char *result, size_t n)
{
	int rc = write_open(s);
	return rc ? rc : write_close(s, case_move_in(s, u, case_id, step, in, remark_risks, result, n));
}

int store_case_queue(struct store *s, const struct user *u,
                     int (*fn)(void *ctx, const struct household *h, int case_index), void *ctx)
{
	struct buf states = {0};
	char scope[32];
	for (int st = 0; st < WF_STATE_COUNT; st++) {
		if (workflow_is_closed((enum wf_state)st) || st == WF_ASSISTING)
			continue;
		if (u->role == ROLE_ADMIN || workflow_state_owner((enum wf_state)st) == u->role)
			buf_addf(&states, "%s'%s'", states.len ? "," : "", workflow_state_code((enum wf_state)st));
	}
	if (!states.len) {
		buf_free(&states);
		return 0;   /* an auditor's queue is empty */
	}
	const char *cond = scope_sql(u, scope, sizeof scope);
	struct buf q = {0};
	buf_addf(&q, "SELECT c.id, h.id FROM cases c JOIN households h ON h.id = c.household_id "
	         "WHERE (%s) AND c.state IN (%s) ORDER BY coalesce(c.last_step_date, c.lead_date), c.id",
	         cond, buf_str(&states));
	buf_free(&states);
	sqlite3_stmt *st;
	if (db_cached_buf(s, &q, &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, scope, -1, SQLITE_STATIC);
	int rc = 0, step;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct household h;
		char cid[16];
		snprintf(cid, sizeof cid, "%s", db_col_text(st, 0));
		if ((rc = household_load(s, db_col_text(st, 1), &h)) || (rc = household_hand_out(s, &h)))
			break;
		for (int i = 0; i < h.ncases; i++)
			if (strcmp(h.cases[i].id, cid) == 0 && fn(ctx, &h, i))
				rc = 1;
		household_free(&h);
	}
	db_finalize(s, st);
	return rc == 1 ? 0 : rc;
}
