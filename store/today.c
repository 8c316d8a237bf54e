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
 * user who may write. An auditor sees the same list; nothing is written for her. */
#include "store/entity.h"
#include "core/strmap.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct derived {
	struct rule_task rt;          /* rt.case_id indexes the cases array */
	char key[96];
	char task[TASK_ID_LEN], owner[64], status[16];   /* its kept task, if any */
};

struct today {
	struct store *s;
	const struct user *u;
	const char *date;
	struct case_source *cases;
	int ncases;
	struct derived *d;
	int nd, cap_d;
	struct strmap keys;           /* rule key → index into d */
	struct strmap derived_cases;  /* case id → 1 when its rules were derived */
	struct user *users;           /* candidates for owning rule tasks, most local first */
	int nusers;
	int created, resolved;
};

static int derive_case(struct today *t, int i)
{
	struct rule_task out[RULE_TASK_KIND_COUNT];
	struct task_source src = {i, 0, &t->cases[i].c};
	int n = tasks_rules_derive(&src, &t->cases[i].rules, t->date, out, RULE_TASK_KIND_COUNT);
	if (n < 0)
		return 0;   /* dates the rules cannot read: no task, and its kept tasks stay */
	if (strmap_put(&t->derived_cases, t->cases[i].id, 1))
		return -1;
	if (n == 0)
		return 0;
	if (t->nd + n > t->cap_d) {   /* doubling: no copy per case */
		int cap = t->cap_d ? t->cap_d * 2 : 64;
		struct derived *grown = realloc(t->d, (size_t)cap * sizeof *grown);
		if (!grown)
			return -1;
		t->d = grown;
		t->cap_d = cap;
	}
	for (int k = 0; k < n; k++) {
		struct derived *d = &t->d[t->nd];
		memset(d, 0, sizeof *d);
		d->rt = out[k];
		snprintf(d->key, sizeof d->key, "%s:%s:%s", tasks_rules_code(out[k].kind),
		         t->cases[i].id, out[k].due);
		if (strmap_put(&t->keys, d->key, t->nd++))
			return -1;
	}
	return 0;
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
	const struct case_source *c = &t->cases[d->rt.case_id];
	enum role want = d->rt.kind == RULE_TASK_LEAD_LIMIT ? workflow_state_owner(c->c.state)
	                                                    : ROLE_CASEWORKER;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < t->nusers; i++)
			if ((pass || t->users[i].role == want) && access_in_scope(&t->users[i], c->region))
				return t->users[i].login;
	return t->u->login;
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

static int create_rule_task(struct today *t, struct derived *d)
{
	const struct case_source *c = &t->cases[d->rt.case_id];
	const char *label = tasks_rules_label(d->rt.kind);
	struct task k = {0};
	struct task_entry e;
	char text[256];
	snprintf(k.title, sizeof k.title, "%s %s", label, c->household);
	snprintf(k.kind, sizeof k.kind, "%s", tasks_rules_task_kind(d->rt.kind));
	snprintf(k.owner, sizeof k.owner, "%s", pick_owner(t, d));
	snprintf(k.household, sizeof k.household, "%s", c->household);
	snprintf(k.case_id, sizeof k.case_id, "%s", c->id);
	snprintf(k.region, sizeof k.region, "%s", c->region);
	snprintf(k.due, sizeof k.due, "%s", d->rt.due);
	snprintf(k.status, sizeof k.status, "open");
	snprintf(k.rule, sizeof k.rule, "%s", d->key);
	snprintf(k.created, sizeof k.created, "%s", t->date);
	snprintf(text, sizeof text, "made by the rules: %s (%s), due %s", label,
	         tasks_rules_code(d->rt.kind), d->rt.due);
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

static int resolve_rule_task(struct today *t, const char *id)
{
	struct task k;
	struct task_entry e;
	int rc = task_load(t->s, id, &k);
	if (rc)
		return rc;
	task_entry_now(&e, t->u->login, "resolve", "the rule no longer applies (visit recorded, "
	               "measure in place or case decided)");
	rc = task_append(t->s, &k, &e, "done");
	task_free(&k);
	return rc;
}

/* Kept rule tasks still to do in scope whose case was derived but whose key was not. */
static int sync_resolved(struct today *t, int apply)
{
	sqlite3_stmt *st;
	char like[32];
	long idx;
	entity_scope_like(t->u, like, sizeof like);
	if (db_cached(t->s, "SELECT id, rule_key, case_id, region FROM tasks WHERE rule_key IS NOT "
	                     "NULL AND status IN ('open', 'in_progress') AND region LIKE ? ORDER BY id",
	               &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, like, -1, SQLITE_STATIC);
	char (*ids)[TASK_ID_LEN] = NULL;
	int n = 0, cap = 0, rc = 0, step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (!access_in_scope(t->u, db_col_text(st, 3)) ||
		    !strmap_get(&t->derived_cases, db_col_text(st, 2), &idx) ||
		    strmap_get(&t->keys, db_col_text(st, 1), &idx))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			void *grown = realloc(ids, (size_t)cap * sizeof *ids);
			if (!grown) {
				rc = store_fail(t->s, STORE_EFAIL, "out of memory");
				break;
			}
			ids = grown;
		}
		snprintf(ids[n++], sizeof ids[0], "%s", db_col_text(st, 0));
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_sqlfail(t->s, "reading rule tasks");
	db_finalize(t->s, st);
	for (int i = 0; !rc && i < n; i++)
		rc = apply ? resolve_rule_task(t, ids[i]) : 0;
	free(ids);
	t->resolved = rc ? 0 : n;
	return rc;
}

/* Count (apply = 0) or make (apply = 1) the changes that keep rule tasks in step. */
static int sync(struct today *t, int apply)
{
	int rc = 0;
	t->created = 0;
	for (int i = 0; !rc && i < t->nd; i++) {
		int found = find_kept(t, &t->d[i]);
		if (found < 0)
			rc = found;
		else if (!found && access_may_write(t->u)) {
			t->created++;
			if (apply)
				rc = create_rule_task(t, &t->d[i]);
		}
	}
	return rc ? rc : access_may_write(t->u) ? sync_resolved(t, apply) : 0;
}

static int keep_in_step(struct today *t)
{
	char why[160], subject[64];
	if (t->s->read_only)   /* an aggregate: each county's server makes its own rule tasks */
		return 0;
	int rc = sync(t, 0);
	if (rc || t->created + t->resolved == 0)
		return rc;
	snprintf(why, sizeof why, "rule tasks as of %s (bangfu today)", t->date);
	if ((rc = write_begin(t->s, t->u, "tasks", "rule tasks", why)))
		return rc;
	if ((rc = sync(t, 1)))   /* again inside the transaction: another user may have run */
		goto fail;
	if (t->created + t->resolved == 0) {
		write_rollback(t->s);
		return 0;
	}
	if (t->resolved)
		snprintf(subject, sizeof subject, "%d rule tasks, %d resolved", t->created, t->resolved);
	else
		snprintf(subject, sizeof subject, "%d rule tasks", t->created);
	if ((rc = entity_set_subject(t->s, subject)))
		goto fail;
	return write_commit(t->s);
fail:
	write_rollback(t->s);
	return rc;
}

/* --- the list ---------------------------------------------------------------------- */

/* The listed items, grown by doubling; `tasks` holds the kept task ids among them so an
 * own task already listed as a rule task is found in one lookup (no pass over the list). */
struct items {
	struct today_item *v;
	int n, cap;
	struct strmap tasks;
	struct store *s;
	const char *date;
	int soon, later, rc;
};

static struct today_item *new_item(struct items *l)
{
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 64;
		struct today_item *grown = realloc(l->v, (size_t)cap * sizeof *grown);
		if (!grown)
			return NULL;
		l->v = grown;
		l->cap = cap;
	}
	memset(&l->v[l->n], 0, sizeof l->v[0]);
	return &l->v[l->n++];
}

static int add_derived(struct today *t, struct items *l)
{
	for (int i = 0; i < t->nd; i++) {
		const struct derived *d = &t->d[i];
		const struct case_source *c = &t->cases[d->rt.case_id];
		if (d->task[0] && task_is_closed(d->status))
			continue;   /* someone closed the kept task: respect that */
		struct today_item *it = new_item(l);
		if (!it)
			return store_fail(t->s, STORE_EFAIL, "out of memory");
		snprintf(it->due, sizeof it->due, "%s", d->rt.due);
		it->days_overdue = d->rt.days_overdue;
		snprintf(it->kind, sizeof it->kind, "%s", tasks_rules_task_kind(d->rt.kind));
		snprintf(it->rule, sizeof it->rule, "%s", tasks_rules_code(d->rt.kind));
		snprintf(it->task, sizeof it->task, "%s", d->task);
		snprintf(it->owner, sizeof it->owner, "%s", d->owner);
		snprintf(it->status, sizeof it->status, "%s", d->task[0] ? d->status : "");
		snprintf(it->household, sizeof it->household, "%s", c->household);
		snprintf(it->case_id, sizeof it->case_id, "%s", c->id);
		snprintf(it->title, sizeof it->title, "%s %s", tasks_rules_label(d->rt.kind), c->household);
		if (d->task[0] && strmap_put(&l->tasks, d->task, 1))
			return store_fail(t->s, STORE_EFAIL, "out of memory");
	}
	return 0;
}

static int add_own(void *ctx, const struct task *k)
{
	struct items *l = ctx;
	char urgency[32];
	long listed;
	if (strmap_get(&l->tasks, k->id, &listed))
		return 0;   /* a rule task already listed */
	long overdue = task_urgency(k->due, l->date, urgency, sizeof urgency);
	if (!k->due[0] || overdue < -(long)l->soon) {
		l->later++;
		return 0;
	}
	struct today_item *it = new_item(l);
	if (!it) {
		l->rc = store_fail(l->s, STORE_EFAIL, "out of memory");
		return 1;
	}
	snprintf(it->due, sizeof it->due, "%s", k->due);
	it->days_overdue = overdue;
	snprintf(it->kind, sizeof it->kind, "%s", k->kind);
	snprintf(it->rule, sizeof it->rule, "%s", k->rule[0] ? k->rule : "");
	char *colon = strchr(it->rule, ':');
	if (colon)
		*colon = '\0';
	snprintf(it->task, sizeof it->task, "%s", k->id);
	snprintf(it->owner, sizeof it->owner, "%s", k->owner);
	snprintf(it->status, sizeof it->status, "%s", k->status);
	snprintf(it->household, sizeof it->household, "%s", k->household);
	snprintf(it->case_id, sizeof it->case_id, "%s", k->case_id);
	snprintf(it->title, sizeof it->title, "%s", k->title);
	return 0;
}

/* Most urgent first: the earliest due date (the longest overdue) first, then kind, then
 * the task or case. */
static int item_cmp(const void *pa, const void *pb)
{
	const struct today_item *a = pa, *b = pb;
	int c = tasks_rules_due_cmp(a->due, b->due);
	if (!c)
		c = strcmp(a->kind, b->kind);
	if (!c)
		c = strcmp(a->task, b->task);
	return c ? c : strcmp(a->case_id, b->case_id);
}

int store_today_list(struct store *s, const struct user *u,
                     int (*fn)(void *ctx, const struct today_item *it), void *ctx,
                     struct today_summary *sum)
{
	struct today t = {.s = s, .u = u, .date = store_today(s)};
	struct items l = {.s = s, .date = t.date};
	struct rules_settings defaults;
	int rc = today_cases(s, u, &t.cases, &t.ncases);
	for (int i = 0; !rc && i < t.ncases; i++)
		if (derive_case(&t, i))
			rc = store_fail(s, STORE_EFAIL, "out of memory");
	if (!rc && !(rc = load_users(&t)))
		rc = access_may_write(u) ? keep_in_step(&t) : sync(&t, 0);
	if (!rc && !(rc = today_settings(s, "", &defaults))) {
		struct task_filter own = {.owner = u->login};
		l.soon = defaults.due_soon_days;
		if (!(rc = add_derived(&t, &l)) && !(rc = store_task_list(s, u, &own, add_own, &l)))
			rc = l.rc;
	}
	if (!rc) {
		if (l.n > 1)
			qsort(l.v, (size_t)l.n, sizeof *l.v, item_cmp);
		for (int i = 0; i < l.n && !fn(ctx, &l.v[i]); i++)
			;
	}
	if (sum) {
		sum->created = t.created;
		sum->resolved = t.resolved;
		sum->later = l.later;
		sum->listed = l.n;
	}
	free(l.v);
	strmap_free(&l.tasks);
	free(t.d);
	free(t.users);
	strmap_free(&t.keys);
	strmap_free(&t.derived_cases);
	today_cases_free(t.cases, t.ncases);
	return rc;
}
