/* corrections.c — correcting and ending what was recorded on a household: a measure's
 * fields or its end date, a visit's fields. Each is one version-checked audit event on
 * the household's file, with a reason, under the same role and scope rules as the add
 * verbs (measures.c); a measure or visit outside the caller's scope is refused exactly
 * as one that does not exist. corrections_members.c does the members. */
#include "store/corrections.h"
#include "core/date.h"
#include "core/text.h"
#include <stdio.h>
#include <string.h>

/* What a sub-record is called in a message (its section word, which the audit text keeps). */
static const char *const subrec_words[SUB_COUNT] = {
	[SUB_STEP] = N_("step"), [SUB_MEASURE] = N_("measure"), [SUB_VISIT] = N_("visit"),
	[SUB_WARNING] = N_("warning"), [SUB_INCOME] = N_("income"),
};

static const char *subrec_word(enum subrec_kind k) { return _(subrec_words[k]); }

int corrections_change(struct store *s, const struct user *u, const char *key,
                       long expected_version, const char *verb, const char *subject_item,
                       const char *why, corrections_apply_fn apply, void *ctx)
{
	struct household h;
	int rc = write_open(s);
	if (rc)
		return rc;
	if (!access_may_write(u)) {
		rc = store_fail(s, STORE_EDENIED, "an %s may read but not change the register",
		                access_role_code(u->role));
		return write_close(s, rc);
	}
	if ((rc = household_find(s, u, key, &h)))
		return write_close(s, rc);
	if (expected_version <= 0)
		expected_version = h.version;
	char subject[64];
	snprintf(subject, sizeof subject, "%s%s%s", h.id, subject_item ? " " : "",
	         subject_item ? subject_item : "");
	if (!(rc = apply(s, &h, ctx)) && !(rc = corrections_check(s, &h)) &&
	    !(rc = write_begin(s, u, verb, subject, why))) {
		if ((rc = household_save(s, &h, expected_version)) || (rc = household_text_file(s, &h)))
			write_rollback(s);
		else
			rc = write_commit(s);
	}
	household_free(&h);
	return write_close(s, rc);
}

static void collect_problem(void *ctx, int member, const char *msg)
{
	struct buf *b = ctx;
	(void)member;
	buf_addf(b, "%s%s", b->len ? "; " : "", msg);
}

int corrections_check(struct store *s, const struct household *h)
{
	struct buf problems = {0};
	if (!household_check(h, collect_problem, &problems))
		return 0;
	int rc = store_fail(s, STORE_EINVAL, "%s", buf_str(&problems) ? problems.s : _("invalid household"));
	buf_free(&problems);
	return rc;
}

int corrections_household_of(struct store *s, const struct user *u, const char *table,
                             const char *what, const char *id, char *out, size_t n)
{
	struct buf sql = {0};
	buf_addf(&sql, "SELECT household_id FROM %s WHERE id = ?", table);
	const char *q = buf_str(&sql);
	int rc = q ? db_lookup(s, out, n, q, id, (const char *)NULL)
	                       : store_fail(s, STORE_EFAIL, "out of memory");
	buf_free(&sql);
	if (!rc) {
		/* in scope iff its household is: found the way every household is */
		struct household h;
		if (!(rc = household_find(s, u, out, &h)))
			household_free(&h);
	}
	if (rc == STORE_ENOTFOUND)   /* missing or outside: the same words (no oracle) */
		return store_fail(s, STORE_ENOTFOUND, "no %s %s in your scope (%s)", what, id, u->scope);
	return rc;
}

/* The sub-record of kind k with that id in h, or NULL. */
static struct subrec *find_subrec(struct household *h, enum subrec_kind k, const char *id)
{
	for (int i = 0; i < h->nsub[k]; i++)
		if (strcmp(subrec_get(&h->sub[k][i], k, "id"), id) == 0)
			return &h->sub[k][i];
	return NULL;
}

static int check_text(struct store *s, const char *what, const char *v, int required, int note)
{
	char err[256];
	if (!v)
		return 0;
	if (!v[0])
		return required ? store_fail(s, STORE_EINVAL, "%s must not be empty", what) : 0;
	if (text_check_input(what, v, note ? TEXT_MAX_NOTE : TEXT_MAX_NAME,
	                     note ? TEXT_MULTILINE : 0, err, sizeof err))
		return store_fail(s, STORE_EINVAL, "%s", err);
	return 0;
}

static int check_date(struct store *s, const char *what, const char *v, int may_be_empty)
{
	if (!v || (!v[0] && may_be_empty))
		return 0;
	if (!date_valid(v))
		return store_fail(s, STORE_EINVAL, "%s: \"%s\" is not a date (YYYY-MM-DD)", what, v);
	if (strcmp(v, s->today) > 0)
		return store_fail(s, STORE_EINVAL, "%s: %s is in the future", what, v);
	return 0;
}

/* One change to one sub-record: the columns to set (NULL values are left as they are). */
struct subrec_change {
	enum subrec_kind kind;
	const char *id;
	const char *cols[8], *values[8];
	int n;
};

static int apply_subrec(struct store *s, struct household *h, void *ctx)
{
	struct subrec_change *c = ctx;
	struct subrec *r = find_subrec(h, c->kind, c->id);
	int changed = 0;
	if (!r)   /* the id was found in the table: this is a race with a deletion */
		return store_fail(s, STORE_ENOTFOUND, "no %s %s", subrec_word(c->kind), c->id);
	for (int i = 0; i < c->n; i++) {
		if (!c->values[i] || strcmp(subrec_get(r, c->kind, c->cols[i]), c->values[i]) == 0)
			continue;
		if (subrec_set(r, c->kind, c->cols[i], c->values[i]))
			return store_fail(s, STORE_EFAIL, "out of memory");
		changed = 1;
	}
	if (!changed)
		return store_fail(s, STORE_EINVAL, "%s %s already reads so: nothing to change",
		                  subrec_word(c->kind), c->id);
	if (c->kind == SUB_MEASURE) {
		const char *start = subrec_get(r, c->kind, "start_date"), *end = subrec_get(r, c->kind, "end_date");
		if (end[0] && strcmp(end, start) < 0)
			return store_fail(s, STORE_EINVAL, "the end %s is before the start %s", end, start);
	}
	return 0;
}

static int change_subrec(struct store *s, const struct user *u, struct subrec_change *c,
                         long expected_version, const char *verb, const char *why)
{
	char hid[32];
	const struct subrec_kind_info *info = subrec_info(c->kind);
	int rc = write_open(s);
	if (rc)
		return rc;
	if ((rc = corrections_household_of(s, u, info->table, subrec_word(c->kind), c->id, hid, sizeof hid)))
		return write_close(s, rc);
	return corrections_change(s, u, hid, expected_version, verb, c->id, why, apply_subrec, c);
}

int store_measure_edit(struct store *s, const struct user *u, const char *id,
                       const struct measure_input *m, long expected_version, const char *why)
{
	const struct code *grp = NULL;
	char amount[32] = "", err[200];
	int rc;
	if (m->group && !(grp = codes_find(&codes_measure_group, m->group)))
		return store_fail(s, STORE_EINVAL, "--group: \"%s\" is not one of the 14 measure groups",
		                  m->group);
	if ((rc = check_text(s, "--detail", m->detail, 1, 1)) ||
	    (rc = check_text(s, "--responsible", m->responsible, 0, 0)) ||
	    (rc = check_date(s, "--start", m->start, 0)) || (rc = check_date(s, "--end", m->end, 1)))
		return rc;
	if (m->amount && m->amount[0] &&
	    model_value_normalise(store_code_lists(s), HF_INCOME, m->amount, s->today, amount,
	                          sizeof amount, err, sizeof err))
		return store_fail(s, STORE_EINVAL, "--amount: %s", err);
	struct subrec_change c = {SUB_MEASURE, id,
	                          {"grp", "detail", "start_date", "end_date", "amount", "responsible"},
	                          {grp ? grp->code : NULL, m->detail, m->start, m->end,
	                           m->amount ? amount : NULL, m->responsible}, 6};
	return change_subrec(s, u, &c, expected_version, "measure edit", why);
}

int store_measure_end(struct store *s, const struct user *u, const char *id, const char *end,
                      long expected_version, const char *why)
{
	const char *date = end && end[0] ? end : s->today;
	int rc = check_date(s, "--end", date, 0);
	if (rc)
		return rc;
	struct subrec_change c = {SUB_MEASURE, id, {"end_date"}, {date}, 1};
	return change_subrec(s, u, &c, expected_version, "measure end", why);
}

int store_visit_edit(struct store *s, const struct user *u, const char *id,
                     const struct visit_input *v, long expected_version, const char *why)
{
	const struct code *method = NULL;
	int rc;
	if (v->method && !(method = codes_find(&codes_visit_method, v->method)))
		return store_fail(s, STORE_EINVAL, "--method must be 入户 (home), 电话 (phone) or 微信 (wechat)");
	if ((rc = check_date(s, "--date", v->date, 0)) ||
	    (rc = check_text(s, "--visitor", v->visitor, 1, 0)) ||
	    (rc = check_text(s, "--findings", v->findings, 1, 1)) ||
	    (rc = check_text(s, "--follow-up", v->follow_up, 0, 1)))
		return rc;
	struct subrec_change c = {SUB_VISIT, id, {"date", "visitor", "method", "findings", "follow_up"},
	                          {v->date, v->visitor, method ? method->code : NULL, v->findings,
	                           v->follow_up}, 5};
	return change_subrec(s, u, &c, expected_version, "visit edit", why);
}
