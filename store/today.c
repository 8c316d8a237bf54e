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
		if (GROW(ids, cap, n + 1, 64)) {
			rc = store_fail(t->s, STORE_EFAIL, "out of memory");
			break;
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
	if (GROW(l->v, l->cap, l->n + 1, 64))
		return NULL;
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
	/* the rule's code, before the colon that names its subject, fits; never a cut code */
	if (text_copy(it->rule, sizeof it->rule, k->rule) && !strchr(it->rule, ':')) {
		l->rc = store_fail(l->s, STORE_EFAIL, "task %s: rule \"%s\" is not a rule", k->id, k->rule);
		return 1;
	}
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

/* An overdue milestone of a project in scope (project_today.c). */
static int add_milestone(void *ctx, const struct project_overdue *o)
{
	struct items *l = ctx;
	struct today_item *it = new_item(l);
	if (!it) {
		l->rc = store_fail(l->s, STORE_EFAIL, "out of memory");
		return 1;
	}
	snprintf(it->due, sizeof it->due, "%s", o->planned);
	it->days_overdue = o->days;
	snprintf(it->kind, sizeof it->kind, "project");
	snprintf(it->rule, sizeof it->rule, "milestone");
	snprintf(it->project, sizeof it->project, "%s", o->project);
	char title[sizeof o->project + sizeof o->milestone + sizeof o->title + 4];
	snprintf(title, sizeof title, "%s %s %s", o->project, o->milestone, o->title);
	text_copy(it->title, sizeof it->title, title);   /* a display line: cut at a character */
	return 0;
}

/* Most urgent first: the earliest due date (the longest overdue) first, then kind, then
 * the task or case. */
struct sorted { long days; int dated; const struct today_item *it; };

static int item_cmp(const void *pa, const void *pb)
{
	const struct sorted *x = pa, *y = pb;
	const struct today_item *a = x->it, *b = y->it;
	/* tasks_rules_due_cmp with each date read once: one without a date after one with */
	int c = x->dated != y->dated ? y->dated - x->dated : (x->days > y->days) - (x->days < y->days);
	if (!c)
		c = strcmp(a->kind, b->kind);
	if (!c)
		c = strcmp(a->task, b->task);
	return c ? c : strcmp(a->case_id, b->case_id);
}

/* An item read back from today_cache.c, listed as add_derived lists it. */
static int add_cached(void *ctx, const struct today_item *it)
{
	struct items *l = ctx;
	struct today_item *to = new_item(l);
	if (!to || (it->task[0] && strmap_put(&l->tasks, it->task, 1)))
		return store_fail(l->s, STORE_EFAIL, "out of memory");
	*to = *it;
	return 0;
}

/* The rule items: read back when nothing changed since they were derived last
 * (today_cache.c), else derived from every open case in scope, the rule tasks kept in
 * step, and kept for the next run. */
static int rule_items(struct today *t, struct items *l)
{
	long before, after;
	int rc = today_cache_stamp(t->s, &before) ? -1 : today_cache_read(t->s, t->u, TODAY_CACHE_RULES, t->date, before, add_cached, l);
	if (rc)
		return rc < 0 ? STORE_EFAIL : 0;
	rc = today_cases(t->s, t->u, &t->cases, &t->ncases);
	for (int i = 0; !rc && i < t->ncases; i++)
		if (derive_case(t, i))
			rc = store_fail(t->s, STORE_EFAIL, "out of memory");
	if (!rc && !(rc = load_users(t)))
		rc = access_may_write(t->u) ? keep_in_step(t) : sync(t, 0);
	if (!rc)
		rc = add_derived(t, l);
	/* kept only when the one event this run may have made is the only one since */
	if (!rc && !today_cache_stamp(t->s, &after) && after == before + (t->created + t->resolved > 0))
		today_cache_write(t->s, t->u, TODAY_CACHE_RULES, t->date, after, l->v, l->n);
	return rc;
}

int store_today_list(struct store *s, const struct user *u,
                     int (*fn)(void *ctx, const struct today_item *it), void *ctx,
                     struct today_summary *sum)
{
	struct today t = {.s = s, .u = u, .date = store_today(s)};
	struct items l = {.s = s, .date = t.date};
	struct rules_settings defaults;
	int rc = rule_items(&t, &l);
	if (!rc && !(rc = today_settings(s, "", &defaults))) {
		struct task_filter own = {.owner = u->login};
		l.soon = defaults.due_soon_days;
		if (!(rc = store_task_list(s, u, &own, add_own, &l)) && !(rc = l.rc) &&
		    !(rc = project_overdue_each(s, u, add_milestone, &l)))
			rc = l.rc;
	}
	/* sorted by reference (an item is some 450 bytes), each due date read once */
	struct sorted *order = !rc && l.n ? malloc((size_t)l.n * sizeof *order) : NULL;
	if (!rc && l.n && !order)
		rc = store_fail(s, STORE_EFAIL, "out of memory");
	if (!rc) {
		for (int i = 0; i < l.n; i++) {
			order[i].it = &l.v[i];
			order[i].dated = date_days(l.v[i].due, &order[i].days) == 0;
		}
		if (l.n > 1)
			qsort(order, (size_t)l.n, sizeof *order, item_cmp);
		for (int i = 0; i < l.n && !fn(ctx, order[i].it); i++)
			;
	}
	free(order);
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
