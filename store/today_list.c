/* today_list.c — the list `bangfu today` prints (today.c keeps its rule tasks in step
 * first), most urgent first: the rule items in scope that hold today, the user's own tasks
 * due soon or overdue that are not listed as rule items, the overdue project milestones
 * in scope.
 *
 * Streamed: the rule items come from one statement over the rows today_keep.c keeps, in
 * the list's order, merged with the others (few, sorted in memory), so no item is held
 * and a caller that stops (a first page) ends the reading: the rest is only counted. The
 * user's own rule tasks that the rule items list are left out inside the task list's
 * statement (an anti-join on the rule key's index), not loaded and skipped. `today
 * --derive` derives the rule items again (today.c) and sorts everything in memory. */
#include "store/projects.h"
#include "core/grow.h"
#include "core/text.h"
#include "core/date.h"
#include "core/strmap.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* snprintf(to, n, "%s", from) without the format's cost (once per field of every item) */
#define PUT(to, from) put(to, sizeof to, from)
static void put(char *to, size_t n, const char *from)
{
	size_t len = strlen(from);
	if (len >= n)
		len = n - 1;
	memcpy(to, from, len);
	to[len] = '\0';
}

void today_rule_item(struct today_item *it, enum rule_task_kind kind, const char *due, long days,
                     const char *task, const char *owner, const char *status,
                     const char *household, const char *case_id)
{
	it->days_overdue = days;
	PUT(it->due, due);
	PUT(it->kind, tasks_rules_task_kind(kind));
	PUT(it->rule, tasks_rules_code(kind));
	PUT(it->task, task);
	PUT(it->owner, owner);
	PUT(it->status, task[0] ? status : "");
	PUT(it->household, household);
	PUT(it->case_id, case_id);
	it->project[0] = '\0';
	snprintf(it->title, sizeof it->title, "%s %s", tasks_rules_label(kind), household);
}

/* The items held in memory: the user's own tasks and the milestones (and, derived again,
 * the rule items, their task ids in `listed` so an own task listed by one is left out). */
struct extra {
	struct today_item *v;
	int n, cap;
	struct strmap listed;
	struct store *s;
	const char *date;
	int soon, later, rc;
};

static struct today_item *new_item(struct extra *x)
{
	if (GROW(x->v, x->cap, x->n + 1, 64)) {
		x->rc = store_fail(x->s, STORE_EFAIL, "out of memory");
		return NULL;
	}
	memset(&x->v[x->n], 0, sizeof x->v[0]);
	return &x->v[x->n++];
}

static int add_derived(void *ctx, const struct today_item *it)
{
	struct extra *x = ctx;
	struct today_item *to = new_item(x);
	if (!to)
		return x->rc;
	*to = *it;
	if (it->task[0] && strmap_put(&x->listed, it->task, 1))
		return store_fail(x->s, STORE_EFAIL, "out of memory");
	return 0;
}

static int add_own(void *ctx, const struct task *k)
{
	struct extra *x = ctx;
	char urgency[32];
	long listed;
	if (x->listed.count && strmap_get(&x->listed, k->id, &listed))
		return 0;   /* derived again: a rule task already listed */
	long overdue = task_urgency(k->due, x->date, urgency, sizeof urgency);
	if (!k->due[0] || overdue < -(long)x->soon) {
		x->later++;
		return 0;
	}
	struct today_item *it = new_item(x);
	if (!it)
		return 1;
	snprintf(it->due, sizeof it->due, "%s", k->due);
	it->days_overdue = overdue;
	snprintf(it->kind, sizeof it->kind, "%s", k->kind);
	/* the rule's code, before the colon that names its subject, fits; never a cut code */
	if (text_copy(it->rule, sizeof it->rule, k->rule) && !strchr(it->rule, ':')) {
		x->rc = store_fail(x->s, STORE_EFAIL, "task %s: rule \"%s\" is not a rule", k->id, k->rule);
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
	struct extra *x = ctx;
	struct today_item *it = new_item(x);
	if (!it)
		return 1;
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
 * the task or case. Each due date is read once (days). */
struct sorted { long days; int dated; const struct today_item *it; };

static void sorted_of(struct sorted *o, const struct today_item *it)
{
	o->it = it;
	o->dated = date_days(it->due, &o->days) == 0;
}

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

/* The kept rule items in scope that hold today, in item_cmp's order (the task kind
 * compared as its code, a rule item without a task first), those whose kept task
 * someone closed left out. */
struct stream {
	struct store *s;
	sqlite3_stmt *st;
	long today;
	int more;
	struct today_item it;
	struct sorted at;
};

/* paged: the caller takes a first page; for the province the rows are then walked in due
 * order (today_rules_due: the first ones without reading the others), else read in one
 * range (show_from) or through the scope's index and sorted. */
static int stream_open(struct stream *r, const struct user *u, const char *date, int paged)
{
	char scope[32];
	struct buf q = {0};
	int walk = paged && strcmp(u->scope, "44") == 0;
	buf_addf(&q, "SELECT h.kind, h.due, h.case_id, h.household, h.task, h.owner, h.status FROM "
	         "today_rules h%s WHERE (%s) AND h.show_from <= ?2 AND +h.until > ?2 AND "
	         "coalesce(h.status, '') NOT IN ('done', 'cancelled') ORDER BY %s, CASE h.kind",
	         walk ? " INDEXED BY today_rules_due" : "", scope_sql(u, scope, sizeof scope),
	         walk ? "h.due" : "+h.due");
	for (int k = 0; k < RULE_TASK_KIND_COUNT; k++)
		buf_addf(&q, " WHEN %d THEN '%s'", k, tasks_rules_task_kind((enum rule_task_kind)k));
	buf_adds(&q, " END, coalesce(h.task, ''), h.case_id");
	if (date_days(date, &r->today))
		return store_fail(r->s, STORE_EFAIL, "today \"%s\" is not a date", date);
	if (db_cached_buf(r->s, &q, &r->st))
		return STORE_EFAIL;
	sqlite3_bind_text(r->st, 1, scope, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(r->st, 2, date, -1, SQLITE_STATIC);
	r->more = 1;
	return 0;
}

/* The kept rule items in scope on the day, by rule, from today_rule_counts (a few hundred
 * or thousand counts of the scope's level, not the rows): into sum. */
static int count_rules(struct store *s, const struct user *u, const char *date,
                       struct today_summary *sum)
{
	char scope[32];
	struct buf q = {0};
	sqlite3_stmt *st;
	size_t len = strlen(u->scope);
	buf_addf(&q, "SELECT h.kind, sum(h.n), sum(CASE WHEN h.due < ?2 THEN h.n ELSE 0 END) FROM "
	         "today_rule_counts h WHERE h.level = %d AND (%s) AND h.show_from <= ?2 AND "
	         "h.until > ?2 GROUP BY h.kind ORDER BY h.kind", len <= 2 ? 0 : len <= 6 ? 1 : 2,
	         scope_sql(u, scope, sizeof scope));
	if (db_cached_buf(s, &q, &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, scope, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int n = sqlite3_column_int(st, 1);
		if (n <= 0 || sum->nby == TODAY_WHAT_MAX)
			continue;
		struct today_what *w = &sum->by[sum->nby++];
		snprintf(w->what, sizeof w->what, "%s",
		         tasks_rules_code((enum rule_task_kind)sqlite3_column_int(st, 0)));
		w->n = n;
		w->overdue = sqlite3_column_int(st, 2);
		sum->listed += n;
	}
	db_finalize(s, st);
	return step == SQLITE_DONE ? 0 : store_sqlfail(s, "counting today's rule items");
}

/* Step to the next rule item; full = 0: only its kind and due date are read (counting). */
static int stream_next(struct stream *r, int full)
{
	int step = r->st ? sqlite3_step(r->st) : SQLITE_DONE;
	r->more = step == SQLITE_ROW;
	if (!r->more)
		return step == SQLITE_DONE ? 0 : store_sqlfail(r->s, "reading today's rule items");
	const char *due = db_col_text(r->st, 1);
	long days;
	if (date_days(due, &days))
		return store_fail(r->s, STORE_EFAIL, "rule item of %s: \"%s\" is not a date",
		                  db_col_text(r->st, 2), due);
	enum rule_task_kind kind = (enum rule_task_kind)sqlite3_column_int(r->st, 0);
	if (full)
		today_rule_item(&r->it, kind, due, r->today - days, db_col_text(r->st, 4),
		                db_col_text(r->st, 5), db_col_text(r->st, 6), db_col_text(r->st, 3),
		                db_col_text(r->st, 2));
	else {
		snprintf(r->it.rule, sizeof r->it.rule, "%s", tasks_rules_code(kind));
		r->it.days_overdue = r->today - days;
	}
	r->at = (struct sorted){days, 1, &r->it};
	return 0;
}

/* Count it into sum->by under what the list's column shows. */
static void tally(struct today_summary *sum, const struct today_item *it)
{
	const char *what = it->rule[0] ? it->rule : it->kind;
	int i = 0;
	while (i < sum->nby && strcmp(sum->by[i].what, what) != 0)
		i++;
	if (i == sum->nby) {
		if (sum->nby == TODAY_WHAT_MAX)
			i = TODAY_WHAT_MAX - 1;   /* the rest in the last */
		else
			snprintf(sum->by[sum->nby++].what, sizeof sum->by[0].what, "%s", what);
	}
	sum->by[i].n++;
	sum->by[i].overdue += it->days_overdue > 0;
	sum->listed++;
}

/* The rule items (r) and the others (order[0..n)) merged in item_cmp's order, each to fn
 * until it stops, then counted; counted: the rule items are counted already (only the
 * others are, and the rule items are not read past the caller's stop). */
static int merge(struct stream *r, const struct sorted *order, int n,
                 int (*fn)(void *ctx, const struct today_item *it), void *ctx,
                 struct today_summary *sum, int counted)
{
	int rc = stream_next(r, 1), e = 0, go = 1;
	while (!rc && go && (r->more || e < n)) {
		int mine = r->more && (e == n || item_cmp(&r->at, &order[e]) <= 0);
		const struct today_item *it = mine ? &r->it : order[e++].it;
		if (!mine || !counted)
			tally(sum, it);
		go = !fn(ctx, it);
		if (mine && (go || !counted))
			rc = stream_next(r, go);
	}
	while (!rc && r->more && !counted) {   /* stopped: count the rest without reading it whole */
		tally(sum, &r->it);
		rc = stream_next(r, 0);
	}
	while (!rc && e < n)
		tally(sum, order[e++].it);
	return rc;
}

void store_today_derive(struct store *s, int on)
{
	s->today_derive = on;
}

int store_today_list(struct store *s, const struct user *u, long first,
                     int (*fn)(void *ctx, const struct today_item *it), void *ctx,
                     struct today_summary *sum)
{
	const char *date = store_today(s);
	struct extra x = {.s = s, .date = date};
	struct stream r = {.s = s};
	struct rules_settings defaults;
	struct today_summary local;
	int kept = !s->today_derive && today_keep_ready(s) == 0;
	if (!sum)
		sum = &local;
	memset(sum, 0, sizeof *sum);
	int rc = today_rules_in_step(s, u, date, kept, add_derived, &x, &sum->created, &sum->resolved);
	if (!rc && !(rc = today_settings(s, "", &defaults))) {
		/* kept: the own rule tasks the rule items list are left out by the statement */
		struct task_filter own = {.owner = u->login, .unlisted_on = kept ? date : NULL};
		x.soon = defaults.due_soon_days;
		if (!(rc = store_task_list(s, u, &own, add_own, &x)) && !(rc = x.rc) &&
		    !(rc = project_overdue_each(s, u, add_milestone, &x)))
			rc = x.rc;
	}
	struct sorted *order = !rc && x.n ? malloc((size_t)x.n * sizeof *order) : NULL;
	if (!rc && x.n && !order)
		rc = store_fail(s, STORE_EFAIL, "out of memory");
	if (!rc) {
		for (int i = 0; i < x.n; i++)
			sorted_of(&order[i], &x.v[i]);
		if (x.n > 1)
			qsort(order, (size_t)x.n, sizeof *order, item_cmp);
	}
	/* a first page of the kept rows: the rest counted from the counts, not read */
	int counted = kept && first > 0;
	if (!rc && counted)
		rc = count_rules(s, u, date, sum);
	if (!rc && kept)
		rc = stream_open(&r, u, date, counted);
	if (!rc)
		rc = merge(&r, order, x.n, fn, ctx, sum, counted);
	if (r.st)
		db_finalize(s, r.st);
	sum->later = x.later;
	free(order);
	free(x.v);
	strmap_free(&x.listed);
	return rc;
}
