/* measures.c — assistance measures (帮扶措施, 14 groups) and visits (走访) recorded on a
 * household, each one audit event on the household's file. A measure needs a case on
 * which measures may be recorded (monitored, eliminated, or on the green channel); a
 * visit needs any case in scope that is not closed, or a monitored household. */
#include "store/kinds.h"
#include "core/codes.h"
#include "core/date.h"
#include "core/text.h"
#include "core/workflow.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_MEASURES 64

/* The latest case of h and its facts; STORE_EINVAL if h has none. */
static int latest_case(struct store *s, const struct household *h, struct case_facts *f,
                       struct household_facts *hf, struct measure_fact *mf)
{
	if (!h->ncases)
		return store_fail(s, STORE_EINVAL, "household %s has no monitoring case: open one "
		                  "first (bangfu case open)", h->id);
	return store_case_facts(s, h, h->ncases - 1, s->today, f, hf, mf, MAX_MEASURES);
}

/* Check one free-text input by the input rule (a note may hold tabs and line breaks). */
static int text_value(struct store *s, const char *what, const char *v, int required, int note)
{
	char err[256];
	if (!v || !v[0])
		return required ? store_fail(s, STORE_EINVAL, "%s is required", what) : 0;
	if (text_check_input(what, v, note ? TEXT_MAX_NOTE : TEXT_MAX_NAME,
	                     note ? TEXT_MULTILINE : 0, err, sizeof err))
		return store_fail(s, STORE_EINVAL, "%s", err);
	return 0;
}

static int date_value(struct store *s, const char *what, const char *v, int required,
                      char out[DATE_LEN])
{
	out[0] = '\0';
	if (!v || !v[0]) {
		if (required)
			snprintf(out, DATE_LEN, "%s", s->today);
		return 0;
	}
	if (!date_valid(v))
		return store_fail(s, STORE_EINVAL, "%s: \"%s\" is not a date (YYYY-MM-DD)", what, v);
	if (strcmp(v, s->today) > 0)
		return store_fail(s, STORE_EINVAL, "%s: %s is in the future", what, v);
	snprintf(out, DATE_LEN, "%s", v);
	return 0;
}

/* Add sub-record r of kind k to household `key` as one event, after check(). */
static int add_subrec_in(struct store *s, const struct user *u, const char *key, enum subrec_kind k,
                         const char *const *cols, const char *const *values, int n,
                         int (*check)(struct store *, const struct household *, const char *const *),
                         const char *verb, const char *why, char *id_out, size_t idn)
{
	struct household h;
	char id[16], prefix[2] = {(char)(k == SUB_MEASURE ? 'M' : k == SUB_VISIT ? 'V'
	                                 : k == SUB_INCOME ? 'I' : 'W'), 0};
	int rc;
	if (!access_may_write(u))
		return store_fail(s, STORE_EDENIED, "an %s may read but not record", access_role_code(u->role));
	if ((rc = household_find(s, u, key, &h)))
		return rc;
	if ((rc = check(s, &h, values)) ||
	    (rc = store_next_id(s, subrec_info(k)->table, prefix, 7, id, sizeof id)))
		goto out;
	struct subrec *r = household_add_subrec(&h, k);
	rc = !r || subrec_set(r, k, "id", id);
	for (int i = 0; !rc && i < n; i++)
		rc = subrec_set(r, k, cols[i], values[i]);
	if (rc) {
		rc = store_fail(s, STORE_EFAIL, "out of memory");
		goto out;
	}
	char subject[48];
	snprintf(subject, sizeof subject, "%s %s", h.id, id);
	if (!(rc = write_begin(s, u, verb, subject, why))) {
		if ((rc = household_save(s, &h, h.version)) || (rc = household_text_file(s, &h)))
			write_rollback(s);
		else
			rc = write_commit(s);
	}
	if (!rc)
		snprintf(id_out, idn, "%s", id);
out:
	household_free(&h);
	return rc;
}

/* The same inside the write transaction: the household and the next id are read as they
 * are when written (store/kinds.h: store/income.c records assessments through it). */
int add_subrec(struct store *s, const struct user *u, const char *key, enum subrec_kind k,
                      const char *const *cols, const char *const *values, int n,
                      int (*check)(struct store *, const struct household *, const char *const *),
                      const char *verb, const char *why, char *id_out, size_t idn)
{
	int rc = write_open(s);
	return rc ? rc : write_close(s, add_subrec_in(s, u, key, k, cols, values, n, check, verb,
	                                              why, id_out, idn));
}

/* values: case_id grp detail start end amount responsible green_channel */
static int check_measure(struct store *s, const struct household *h, const char *const *v)
{
	struct case_facts f;
	struct household_facts hf;
	struct measure_fact mf[MAX_MEASURES];
	int rc = latest_case(s, h, &f, &hf, mf);
	if (rc)
		return rc;
	if (!workflow_may_record_measure(&f))
		return store_fail(s, STORE_EDENIED, "case %s is %s: measures are recorded once it is "
		                  "monitored (or on the green channel 绿色通道)", h->cases[h->ncases - 1].id,
		                  codes_shown(workflow_state_label(f.state)));
	if (v[4][0] && strcmp(v[4], v[3]) < 0)
		return store_fail(s, STORE_EINVAL, "--end %s is before --start %s", v[4], v[3]);
	return 0;
}

int store_measure_add(struct store *s, const struct user *u, const char *household,
                      const struct measure_input *m, const char *why, char *id, size_t n)
{
	static const char *const cols[] = {"case_id", "grp", "detail", "start_date", "end_date",
	                                   "amount", "responsible", "green_channel"};
	const struct code *grp = m->group ? codes_find(&codes_measure_group, m->group) : NULL;
	char start[DATE_LEN], end[DATE_LEN], amount[32] = "", err[200];
	int rc;
	if (!grp)
		return store_fail(s, STORE_EINVAL, "--group: \"%s\" is not one of the 14 measure groups "
		                  "(产业 就业 金融 公益岗位 住房安全 饮水安全 健康 义务教育 其他教育 综合保障 "
		                  "社会帮扶 搬迁 生产生活条件 基础设施)", m->group ? m->group : "");
	if ((rc = text_value(s, "--detail", m->detail, 1, 1)) ||
	    (rc = text_value(s, "--responsible", m->responsible, 0, 0)) ||
	    (rc = date_value(s, "--start", m->start, 1, start)) ||
	    (rc = date_value(s, "--end", m->end, 0, end)))
		return rc;
	if (m->amount && m->amount[0] &&
	    model_value_normalise(&s->lists, HF_INCOME, m->amount, s->today, amount, sizeof amount, err, sizeof err))
		return store_fail(s, STORE_EINVAL, "--amount: %s", err);
	struct household h;
	char case_id[16] = "", green[4] = "";
	if ((rc = household_find(s, u, household, &h)))
		return rc;
	if (h.ncases) {
		snprintf(case_id, sizeof case_id, "%s", h.cases[h.ncases - 1].id);
		enum wf_state st;
		if (strcmp(case_get(&h.cases[h.ncases - 1], CF_GREEN), "yes") == 0 &&
		    workflow_state_parse(h.cases[h.ncases - 1].state, &st) == 0 && !workflow_is_monitored(st) &&
		    st != WF_ELIMINATED)
			snprintf(green, sizeof green, "yes");   /* recorded before approval */
	}
	household_free(&h);
	const char *values[] = {case_id, grp->code, m->detail, start, end, amount, m->responsible, green};
	return add_subrec(s, u, household, SUB_MEASURE, cols, values, 8, check_measure,
	                  "measure add", why, id, n);
}

/* values: case_id date visitor method findings follow_up */
static int check_visit(struct store *s, const struct household *h, const char *const *v)
{
	struct case_facts f;
	struct household_facts hf;
	struct measure_fact mf[MAX_MEASURES];
	(void)v;
	return latest_case(s, h, &f, &hf, mf);
}

int store_visit_add(struct store *s, const struct user *u, const char *household,
                    const struct visit_input *v, const char *why, char *id, size_t n)
{
	static const char *const cols[] = {"case_id", "date", "visitor", "method", "findings", "follow_up"};
	const struct code_table *methods = code_lists_table(&s->lists, &codes_visit_method);
	const struct code *method = v->method ? codes_find(methods, v->method) : NULL;
	char date[DATE_LEN], choices[512];
	int rc;
	if (!method) {
		codes_choices(methods, choices, sizeof choices);
		return store_fail(s, STORE_EINVAL, "--method must be one of %s", choices);
	}
	if ((rc = date_value(s, "--date", v->date, 1, date)) ||
	    (rc = text_value(s, "--visitor", v->visitor, 1, 0)) ||
	    (rc = text_value(s, "--findings", v->findings, 1, 1)) ||
	    (rc = text_value(s, "--follow-up", v->follow_up, 0, 1)))
		return rc;
	struct household h;
	char case_id[16] = "";
	if ((rc = household_find(s, u, household, &h)))
		return rc;
	if (h.ncases)
		snprintf(case_id, sizeof case_id, "%s", h.cases[h.ncases - 1].id);
	household_free(&h);
	const char *values[] = {case_id, date, v->visitor, method->code, v->findings, v->follow_up};
	return add_subrec(s, u, household, SUB_VISIT, cols, values, 6, check_visit, "visit add",
	                  why, id, n);
}
