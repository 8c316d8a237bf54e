/* today.c — `bangfu today`: what is overdue and due soon for the calling user, most
 * urgent first. Two sources: the tasks she owns (open or in progress, due within the
 * due-soon window or overdue), and the tasks the monitoring rules derive for the open
 * cases in her scope (core/tasks_rules.c: a visit falling due, a lead near its 15-day
 * limit, a missing development measure).
 *
 * A rule task is kept as a task with a unique rule key ("visit_due:C0000001:2026-03-10"),
 * so it can be started, commented and closed like any other. When a user who may write
 * runs `today`, the rule tasks not yet kept are created, and the kept ones whose rule no
 * longer applies (the visit was recorded, the measure put in place, the lead decided)
 * are resolved — all as one audit event "tasks: N rule tasks", and only when something
 * changes, so running `today` twice adds nothing. A rule task gets an owner from the
 * users: the most local user of the role that acts on it (a caseworker for visits and
 * measures; the role owning the case's current step for a lead), else the most local
 * user who may write. An auditor sees the same list; nothing is written for her.
 *
 * The rule items are read from the rows today_keep.c keeps per case as dates (those in
 * scope that hold today, each with its kept task: one indexed read), so neither an edit
 * nor a new day makes `today` derive them again. `today --derive` derives them again
 * from every open case in scope (as a database whose kept rows cannot be built does) and
 * writes nothing: an auditor's check that the kept rows list exactly that. The list
 * itself is read by today_list.c. */
#include "store/projects.h"
#include "core/grow.h"
#include "store/entity.h"
#include "core/text.h"
#include "core/date.h"
#include "core/strmap.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct derived {
	enum rule_task_kind kind;
	char due[DATE_LEN];
	long days;                    /* today - due */
	char key[96];
	char case_id[24], household[24], region[16];   /* region: the household's village */
	char county[16];
	enum wf_state state;
	char task[TASK_ID_LEN], owner[64], status[16];   /* its kept task, if any */
};

struct today {
	struct store *s;
	const struct user *u;
	const char *date;
	int kept;                     /* read from today_keep.c's rows, else derived again */
	struct derived *d;
	int nd, cap_d;
	struct gone { char task[TASK_ID_LEN], key[96]; } *gone;   /* kept rule tasks to resolve */
	int ngone, cap_gone;
	struct user *users;           /* candidates for owning rule tasks, most local first */
	int nusers;
	int created, resolved;
};

static struct derived *new_derived(struct today *t)
{
	if (t->nd == t->cap_d) {   /* doubling: no copy per case */
		int cap = t->cap_d ? t->cap_d * 2 : 64;
		struct derived *grown = realloc(t->d, (size_t)cap * sizeof *grown);
		if (!grown)
			return NULL;
		t->d = grown;
		t->cap_d = cap;
	}
	memset(&t->d[t->nd], 0, sizeof t->d[0]);
	return &t->d[t->nd++];
}

/* Fill d's kept task, if there is one. Returns 1 if found, 0 if not, or an error. */
static int find_kept(struct today *t, struct derived *d)
{
	sqlite3_stmt *st;
	if (db_cached(t->s, "SELECT id, owner, status FROM tasks WHERE rule_key = ?", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, d->key, -1, SQLITE_STATIC);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		snprintf(d->task, sizeof d->task, "%s", db_col_text(st, 0));
		snprintf(d->owner, sizeof d->owner, "%s", db_col_text(st, 1));
		snprintf(d->status, sizeof d->status, "%s", db_col_text(st, 2));
	}
	db_finalize(t->s, st);
	return found;
}

/* The rule tasks derived again from every open case in scope (`today --derive`, or a
 * database whose kept rows cannot be built), with their kept tasks. */
static int derive_all(struct today *t)
{
	struct case_source *cases;
	int ncases, rc = today_cases(t->s, t->u, NULL, &cases, &ncases);
	for (int i = 0; !rc && i < ncases; i++) {
		const struct case_source *c = &cases[i];
		struct rule_task out[RULE_TASK_KIND_COUNT];
		struct task_source src = {i, 0, &c->c};
		int n = tasks_rules_derive(&src, &c->rules, t->date, out, RULE_TASK_KIND_COUNT);
		for (int k = 0; !rc && k < n; k++) {
			struct derived *d = new_derived(t);
			if (!d) {
				rc = store_fail(t->s, STORE_EFAIL, "out of memory");
				break;
			}
			d->kind = out[k].kind;
			memcpy(d->due, out[k].due, DATE_LEN);
			d->days = out[k].days_overdue;
			today_rule_key(d->kind, c->id, d->due, d->key, sizeof d->key);
			snprintf(d->case_id, sizeof d->case_id, "%s", c->id);
			snprintf(d->household, sizeof d->household, "%s", c->household);
			snprintf(d->region, sizeof d->region, "%s", c->region);
			d->state = c->c.state;
			int found = find_kept(t, d);
			rc = found < 0 ? found : 0;
		}
	}
	today_cases_free(cases, ncases);
	return rc;
}

/* The kept rows in scope that hold today, each with its kept task (one indexed read, no
 * join: the task's id, owner and status are kept in the row). */
/* A statement over today_rules in t's scope (?1) on t's day (?2): fmt's one %s is where
 * the scope's condition goes. */
static int prepare_in_scope(struct today *t, const char *fmt, sqlite3_stmt **st)
{
	char scope[32];
	struct buf q = {0};
	buf_addf(&q, fmt, scope_sql(t->u, scope, sizeof scope));
	if (db_cached_buf(t->s, &q, st))
		return STORE_EFAIL;
	sqlite3_bind_text(*st, 1, scope, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(*st, 2, t->date, -1, SQLITE_STATIC);
	return 0;
}

static int read_kept(struct today *t)
{
	sqlite3_stmt *st;
	/* the province: one range of the table (clustered by show_from); a narrower scope:
	 * its region's index (the + keeps any until index out of it) */
	if (prepare_in_scope(t, "SELECT h.kind, h.due, h.case_id, h.household, h.village_code, "
	                     "h.state, h.key, h.task, h.owner, h.status, h.county_code FROM "
	                     "today_rules h WHERE (%s) AND h.show_from <= ?2 AND +h.until > ?2", &st))
		return STORE_EFAIL;
	int rc = 0, step;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct derived *d = new_derived(t);
		if (!d) {
			rc = store_fail(t->s, STORE_EFAIL, "out of memory");
			break;
		}
		d->kind = (enum rule_task_kind)sqlite3_column_int(st, 0);
		snprintf(d->due, sizeof d->due, "%s", db_col_text(st, 1));
		snprintf(d->case_id, sizeof d->case_id, "%s", db_col_text(st, 2));
		snprintf(d->household, sizeof d->household, "%s", db_col_text(st, 3));
		snprintf(d->region, sizeof d->region, "%s", db_col_text(st, 4));
		workflow_state_parse(db_col_text(st, 5), &d->state);
		snprintf(d->key, sizeof d->key, "%s", db_col_text(st, 6));
		snprintf(d->task, sizeof d->task, "%s", db_col_text(st, 7));
		snprintf(d->owner, sizeof d->owner, "%s", db_col_text(st, 8));
		snprintf(d->status, sizeof d->status, "%s", db_col_text(st, 9));
		snprintf(d->county, sizeof d->county, "%s", db_col_text(st, 10));
		if (date_diff(d->due, t->date, &d->days))
			rc = store_fail(t->s, STORE_EFAIL, "rule item %s: not a date", d->key);
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_sqlfail(t->s, "reading today's rule items");
	db_finalize(t->s, st);
	return rc;
}

/* Kept rule tasks still to do in scope whose rule no longer applies (gone or ended), by
 * the partial index of the rows whose task is still to do (usually none). */
static int read_gone(struct today *t)
{
	sqlite3_stmt *st;
	if (prepare_in_scope(t, "SELECT h.task, h.key FROM today_rules h WHERE (%s) AND "
	                     "h.until <= ?2 AND h.status IN ('open', 'in_progress') ORDER BY h.task",
	                     &st))
		return STORE_EFAIL;
	int rc = 0, step;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		if (GROW(t->gone, t->cap_gone, t->ngone + 1, 64))
			rc = store_fail(t->s, STORE_EFAIL, "out of memory");
		else {
			struct gone *g = &t->gone[t->ngone++];
			snprintf(g->task, sizeof g->task, "%s", db_col_text(st, 0));
			snprintf(g->key, sizeof g->key, "%s", db_col_text(st, 1));
		}
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_sqlfail(t->s, "reading rule tasks");
	db_finalize(t->s, st);
	return rc;
}

/* 1 if a kept row in scope holding today has no task yet, or a kept rule task in scope is
 * to be resolved; else 0 (two indexed reads that find nothing on most runs), or an error. */
static int pending(struct today *t)
{
	static const char *const what[] = {
		/* by today_rules_untasked: the rows without a task not ended (most still to come) */
		"SELECT 1 FROM today_rules h WHERE (%s) AND h.until > ?2 AND h.show_from <= ?2 AND "
		"h.task IS NULL LIMIT 1",
		"SELECT 1 FROM today_rules h WHERE (%s) AND h.until <= ?2 AND h.status IN ('open', "
		"'in_progress') LIMIT 1",
	};
	int found = 0;
	for (size_t i = 0; !found && i < sizeof what / sizeof what[0]; i++) {
		sqlite3_stmt *st;
		if (prepare_in_scope(t, what[i], &st))
			return STORE_EFAIL;
		int step = sqlite3_step(st);
		found = step == SQLITE_ROW;
		db_finalize(t->s, st);
		if (!found && step != SQLITE_DONE)
			return store_sqlfail(t->s, "reading today's rule items");
	}
	return found;
}

/* For a user who may write, how many tasks to make and resolve (the rule items read only
 * when there are some); derived again, the rule items. */
static int collect(struct today *t)
{
	int writer = access_may_write(t->u) && !t->s->read_only && t->kept;
	t->nd = t->ngone = t->created = t->resolved = 0;
	if (t->kept && !writer)
		return 0;
	int rc = t->kept ? pending(t) : 0;
	if (rc <= 0 && t->kept)
		return rc;
	rc = t->kept ? read_kept(t) : derive_all(t);
	if (!rc && writer)
		rc = read_gone(t);
	for (int i = 0; !rc && writer && i < t->nd; i++)
		t->created += !t->d[i].task[0];
	t->resolved = rc ? 0 : t->ngone;
	return rc;
}

static int load_users(struct today *t)
{
	sqlite3_stmt *st;
	if (db_cached(t->s, "SELECT login, role, scope FROM users WHERE role <> 'auditor' "
	                     "ORDER BY length(scope) DESC, login", &st))
		return STORE_EFAIL;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct user *grown = realloc(t->users, (size_t)(t->nusers + 1) * sizeof *grown);
		if (!grown) {
			db_finalize(t->s, st);
			return store_fail(t->s, STORE_EFAIL, "out of memory");
		}
		t->users = grown;
		struct user *u = &t->users[t->nusers++];
		memset(u, 0, sizeof *u);
		snprintf(u->login, sizeof u->login, "%s", db_col_text(st, 0));
		access_role_parse(db_col_text(st, 1), &u->role);
		snprintf(u->scope, sizeof u->scope, "%s", db_col_text(st, 2));
	}
	db_finalize(t->s, st);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(t->s, "reading users");
}

/* The owner of a new rule task: see the top of the file. */
static const char *pick_owner(const struct today *t, const struct derived *d)
{
	enum role want = d->kind == RULE_TASK_LEAD_LIMIT ? workflow_state_owner(d->state)
	                                                 : ROLE_CASEWORKER;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < t->nusers; i++)
			if ((pass || t->users[i].role == want) && access_in_scope(&t->users[i], d->region))
				return t->users[i].login;
	return t->u->login;
}

static int create_rule_task(struct today *t, struct derived *d)
{
	const char *label = tasks_rules_label(d->kind);
	struct task k = {0};
	struct task_entry e;
	char text[256];
	snprintf(k.title, sizeof k.title, "%s %s", label, d->household);
	snprintf(k.kind, sizeof k.kind, "%s", tasks_rules_task_kind(d->kind));
	snprintf(k.owner, sizeof k.owner, "%s", pick_owner(t, d));
	snprintf(k.household, sizeof k.household, "%s", d->household);
	snprintf(k.case_id, sizeof k.case_id, "%s", d->case_id);
	snprintf(k.region, sizeof k.region, "%s", d->region);
	snprintf(k.due, sizeof k.due, "%s", d->due);
	snprintf(k.status, sizeof k.status, "open");
	snprintf(k.rule, sizeof k.rule, "%s", d->key);
	snprintf(k.created, sizeof k.created, "%s", t->date);
	snprintf(text, sizeof text, "made by the rules: %s (%s), due %s", label,
	         tasks_rules_code(d->kind), d->due);
	task_entry_now(&e, t->u->login, "add", text);
	int rc = task_add_entry(&k, &e) ? store_fail(t->s, STORE_EFAIL, "out of memory") : 0;
	if (!rc && !(rc = entity_next_id(t->s, &entity_tasks, k.id, sizeof k.id)) &&
	    !(rc = task_insert(t->s, &k)) && !(rc = entity_write_file(t->s, &entity_tasks, &k))) {
		snprintf(d->task, sizeof d->task, "%s", k.id);
		snprintf(d->owner, sizeof d->owner, "%s", k.owner);
		snprintf(d->status, sizeof d->status, "open");
	}
	task_free(&k);
	return rc;
}

/* Resolve g's task; its row, kept only to find it, goes with it. */
static int resolve_rule_task(struct today *t, const struct gone *g)
{
	struct task k;
	struct task_entry e;
	sqlite3_stmt *st;
	int rc = task_load(t->s, g->task, &k);
	if (rc)
		return rc;
	task_entry_now(&e, t->u->login, "resolve", "the rule no longer applies (visit recorded, "
	               "measure in place or case decided)");
	rc = task_append(t->s, &k, &e, "done");
	task_free(&k);
	if (rc || db_cached(t->s, "DELETE FROM today_rules WHERE key = ?", &st))
		return rc ? rc : STORE_EFAIL;
	sqlite3_bind_text(st, 1, g->key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_sqlfail(t->s, "dropping a rule item");
	db_finalize(t->s, st);
	return rc;
}

/* The order tasks are made in (so their ids follow it): by county, village, household,
 * case and rule, as the cases were derived before they were kept. */
static int make_cmp(const void *pa, const void *pb)
{
	const struct derived *a = *(const struct derived *const *)pa;
	const struct derived *b = *(const struct derived *const *)pb;
	int c = strcmp(a->county, b->county);
	if (!c)
		c = strcmp(a->region, b->region);
	if (!c)
		c = strcmp(a->household, b->household);
	if (!c)
		c = strcmp(a->case_id, b->case_id);
	return c ? c : (a->kind > b->kind) - (a->kind < b->kind);
}

/* Make the rule tasks not yet kept and resolve those whose rule no longer applies. */
static int apply(struct today *t)
{
	struct derived **make = t->created ? malloc((size_t)t->created * sizeof *make) : NULL;
	int n = 0, rc = t->created && !make ? store_fail(t->s, STORE_EFAIL, "out of memory")
	                                    : load_users(t);
	for (int i = 0; !rc && i < t->nd; i++)
		if (!t->d[i].task[0])
			make[n++] = &t->d[i];
	if (n > 1)
		qsort(make, (size_t)n, sizeof *make, make_cmp);
	for (int i = 0; !rc && i < n; i++)
		rc = create_rule_task(t, make[i]);
	free(make);
	for (int i = 0; !rc && i < t->ngone; i++)
		rc = resolve_rule_task(t, &t->gone[i]);
	return rc;
}

/* The items, the rule tasks kept in step as one audit event when something changes. */
static int keep_in_step(struct today *t)
{
	char why[160], subject[64];
	int rc = collect(t);
	if (rc || t->created + t->resolved == 0)
		return rc;
	snprintf(why, sizeof why, "rule tasks as of %s (bangfu today)", t->date);
	if ((rc = write_begin(t->s, t->u, "tasks", "rule tasks", why)))
		return rc;
	if ((rc = collect(t)))   /* again inside the transaction: another user may have run */
		goto fail;
	if (t->created + t->resolved == 0) {
		write_rollback(t->s);
		return 0;
	}
	if (t->resolved)
		snprintf(subject, sizeof subject, "%d rule tasks, %d resolved", t->created, t->resolved);
	else
		snprintf(subject, sizeof subject, "%d rule tasks", t->created);
	if ((rc = apply(t)) || (rc = entity_set_subject(t->s, subject)))
		goto fail;
	return write_commit(t->s);
fail:
	write_rollback(t->s);
	return rc;
}

/* --- for today_list.c ------------------------------------------------------------ */

int today_rules_in_step(struct store *s, const struct user *u, const char *date, int kept,
                        int (*fn)(void *ctx, const struct today_item *it), void *ctx,
                        int *created, int *resolved)
{
	struct today t = {.s = s, .u = u, .date = date, .kept = kept};
	int rc = keep_in_step(&t);
	for (int i = 0; !rc && !kept && i < t.nd; i++) {
		const struct derived *d = &t.d[i];
		struct today_item it;
		if (d->task[0] && task_is_closed(d->status))
			continue;   /* someone closed the kept task: respect that */
		today_rule_item(&it, d->kind, d->due, d->days, d->task, d->owner, d->status,
		                d->household, d->case_id);
		rc = fn(ctx, &it);
	}
	*created = rc ? 0 : t.created;
	*resolved = rc ? 0 : t.resolved;
	free(t.d);
	free(t.gone);
	free(t.users);
	return rc;
}
