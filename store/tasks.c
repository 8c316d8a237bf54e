/* tasks.c — tasks in SQLite: the `tasks` row and its `task_log` entries, one audit file
 * per task with its log (tasks/NNNN/T0000001.txt). Adding a task (what it concerns
 * decides its region, hence who sees it), reading one, listing them in scope; changes
 * are in task_change.c, rule-made tasks in today.c. */
#include "store/entity.h"
#include "core/text.h"
#include "core/mask.h"
#include "core/regions.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

static const struct entity_col task_cols[] = {
	{"id", NULL}, {"title", NULL}, {"kind", NULL}, {"owner", NULL}, {"household_id", NULL},
	{"case_id", NULL}, {"town_code", NULL}, {"pair_id", NULL}, {"region", NULL}, {"due", NULL},
	{"status", NULL}, {"rule_key", NULL}, {"created", NULL},
};
static void render_task(const struct code_lists *l, const void *rec, struct buf *out)
{
	task_render(l, rec, out);
}

static int load_task(struct store *s, const char *id, void *rec)
{
	return task_load(s, id, rec);
}

static int parse_task(const struct code_lists *l, const char *text, void *rec, char *err,
                      size_t errlen)
{
	return task_parse(l, text, rec, err, errlen);
}

static int insert_task(struct store *s, void *rec)
{
	return task_insert(s, rec);
}

static void release_task(void *rec)
{
	task_free(rec);
}

/* A task's file holds its log too: the hooks load, render and restore the whole task. */
const struct entity_kind entity_tasks = {
	.table = "tasks", .dir = "tasks", .prefix = "T", .what = N_("task"),
	.fields = task_fields, .nfields = &task_field_count, .cols = task_cols,
	.size = sizeof(struct task), .render = render_task, .load = load_task,
	.parse = parse_task, .insert = insert_task, .release = release_task,
};

void task_entry_now(struct task_entry *e, const char *login, const char *action, const char *text)
{
	memset(e, 0, sizeof *e);
	task_time_format((long long)time(NULL), e->at);
	snprintf(e->by, sizeof e->by, "%s", login);
	snprintf(e->action, sizeof e->action, "%s", action);
	snprintf(e->text, sizeof e->text, "%s", text);
}

static int load_log(struct store *s, struct task *t)
{
	sqlite3_stmt *st;
	if (db_cached(s, "SELECT at, login, action, text FROM task_log WHERE task_id = ? "
	                  "ORDER BY seq", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, t->id, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct task_entry e;
		task_entry_now(&e, db_col_text(st, 1), db_col_text(st, 2), db_col_text(st, 3));
		task_time_format((long long)sqlite3_column_int64(st, 0), e.at);
		if (task_add_entry(t, &e)) {
			db_finalize(s, st);
			return store_fail(s, STORE_EFAIL, "out of memory");
		}
	}
	db_finalize(s, st);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, "reading a task's log");
}

int task_load(struct store *s, const char *id, struct task *out)
{
	sqlite3_stmt *st;
	int rc = entity_load(s, &entity_tasks, id, out);
	if (rc || (rc = load_log(s, out)))
		return rc;
	if (db_cached(s, "SELECT version FROM tasks WHERE id = ?", &st)) {
		task_free(out);
		return STORE_EFAIL;
	}
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		out->version = (long)sqlite3_column_int64(st, 0);
	db_finalize(s, st);
	return 0;
}

static int insert_entry(struct store *s, const char *id, int seq, const struct task_entry *e)
{
	sqlite3_stmt *st;
	long long at = 0;
	if (task_time_parse(e->at, &at))
		return store_fail(s, STORE_EFAIL, "task %s: log entry %d: bad time \"%s\"", id, seq, e->at);
	if (db_cached(s, "INSERT INTO task_log(task_id, seq, at, login, action, text) "
	                  "VALUES (?,?,?,?,?,?)", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, seq);
	sqlite3_bind_int64(st, 3, at);
	sqlite3_bind_text(st, 4, e->by, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, e->action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, e->text, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	db_finalize(s, st);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, "saving a task's log");
}

int task_insert(struct store *s, struct task *t)
{
	sqlite3_stmt *st;
	int rc = entity_insert(s, &entity_tasks, t);
	for (int i = 0; !rc && i < t->nlog; i++)
		rc = insert_entry(s, t->id, i + 1, &t->log[i]);
	if (rc || (rc = db_cached(s, "UPDATE tasks SET version = ? WHERE id = ?", &st)))
		return rc;
	sqlite3_bind_int(st, 1, t->nlog);
	sqlite3_bind_text(st, 2, t->id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	db_finalize(s, st);
	t->version = t->nlog;
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, "saving a task");
}

int task_append(struct store *s, struct task *t, const struct task_entry *e,
                const char *new_status)
{
	sqlite3_stmt *st;
	char path[128];
	if (db_cached(s, "UPDATE tasks SET status = ?, version = version + 1 "
	                  "WHERE id = ? AND version = ?", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, new_status, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, t->id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, t->version);
	int rc = sqlite3_step(st);
	db_finalize(s, st);
	if (rc != SQLITE_DONE)
		return store_sqlfail(s, "saving a task");
	if (sqlite3_changes(s->db) == 0) {
		entity_path(&entity_tasks, t->id, path, sizeof path);
		return entity_stale(s, path, _("task"), t->id, t->version);
	}
	if ((rc = insert_entry(s, t->id, t->nlog + 1, e)))
		return rc;
	if (task_add_entry(t, e))
		return store_fail(s, STORE_EFAIL, "out of memory");
	t->version++;
	snprintf(t->status, sizeof t->status, "%s", new_status);
	return entity_write_file(s, &entity_tasks, t);
}

/* --- what a new task concerns ------------------------------------------------------ */

/* The regions of the records a task concerns; the most specific is the task's region,
 * and every other must contain it (a case on that household, a town around it). */
struct related { int n; char region[4][16]; const char *what[4]; };

static int relate(struct store *s, struct related *r, const char *what, const char *region)
{
	if (text_copy(r->region[r->n], sizeof r->region[0], region))
		return store_fail(s, STORE_EFAIL, "the %s's region \"%s\" is not a region code", what,
		                  region);
	r->what[r->n++] = what;
	return 0;
}

static int case_household(struct store *s, const struct user *u, struct task *t, struct related *r)
{
	sqlite3_stmt *st;
	if (db_cached(s, "SELECT c.household_id, h.village_code FROM cases c "
	                  "JOIN households h ON h.id = c.household_id WHERE c.id = ?", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, t->case_id, -1, SQLITE_STATIC);
	char household[24] = "", village[16] = "";
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(household, sizeof household, "%s", db_col_text(st, 0));
		snprintf(village, sizeof village, "%s", db_col_text(st, 1));
	}
	db_finalize(s, st);
	if (!household[0] || !access_in_scope(u, village))
		return store_fail(s, STORE_ENOTFOUND, "no case %s in your scope (%s)", t->case_id, u->scope);
	if (t->household[0] && strcmp(t->household, household) != 0)
		return store_fail(s, STORE_EINVAL, "case %s is on household %s, not %s", t->case_id,
		                  household, t->household);
	snprintf(t->household, sizeof t->household, "%s", household);
	return relate(s, r, _("case"), village);
}

static int resolve_related(struct store *s, const struct user *u, struct task *t,
                           struct related *r)
{
	char name[128];
	int rc = 0;
	if (t->household[0]) {
		struct household h;
		if ((rc = store_household_find(s, u, t->household, &h)))
			return rc;
		snprintf(t->household, sizeof t->household, "%s", h.id);
		rc = relate(s, r, _("household"), household_get(&h, HF_VILLCODE));
		household_free(&h);
		if (rc)
			return rc;
	}
	if (t->case_id[0] && (rc = case_household(s, u, t, r)))
		return rc;
	if (t->town[0]) {
		if ((rc = town_resolve(s, u, t->town, t->town, name, sizeof name)))
			return rc;
		if (!access_in_scope(u, t->town))
			return store_fail(s, STORE_EDENIED, "town %s is outside your scope %s", t->town,
			                  u->scope);
		if ((rc = relate(s, r, _("town"), t->town)))
			return rc;
	}
	if (t->pair[0]) {
		struct pair p;
		if ((rc = pair_visible_load(s, u, t->pair, &p)))
			return rc;
		if ((rc = relate(s, r, _("pair"), p.region)))
			return rc;
	}
	return 0;
}

/* The task's region: the most specific related region, or the narrower of the actor's
 * and the owner's scopes when it concerns nothing in particular. */
static int task_region(struct store *s, const struct user *u, const struct user *owner,
                       struct task *t, const struct related *r)
{
	int best = -1;
	for (int i = 0; i < r->n; i++)
		if (best < 0 || strlen(r->region[i]) > strlen(r->region[best]))
			best = i;
	for (int i = 0; i < r->n; i++)
		if (!regions_code_in_scope(r->region[best], r->region[i]))
			return store_fail(s, STORE_EINVAL, "the %s (region %s) and the %s (region %s) "
			                  "are not in the same place", r->what[i], r->region[i],
			                  r->what[best], r->region[best]);
	const char *region = best >= 0 ? r->region[best]
	                   : access_in_scope(u, owner->scope) ? owner->scope : u->scope;
	snprintf(t->region, sizeof t->region, "%s", region);
	return 0;
}

int store_task_add(struct store *s, const struct user *u, struct task *in, const char *why)
{
	struct user owner;
	struct related r = {0};
	char err[256];
	int rc;
	if (!access_may_write(u))
		return store_fail(s, STORE_EDENIED, "an auditor may read but not change tasks");
	const struct code *kind = codes_find(code_lists_table(&s->lists, &codes_task_kind), in->kind);
	if (kind)
		snprintf(in->kind, sizeof in->kind, "%s", kind->code);
	if (!in->owner[0])
		snprintf(in->owner, sizeof in->owner, "%s", u->login);
	/* a user whose scope neither holds nor lies in yours is refused as one that does not
	 * exist: no message tells an out-of-scope caller that a login is taken */
	rc = user_load(s, in->owner, &owner);
	if (rc == STORE_ENOTFOUND ||
	    (rc == 0 && !access_in_scope(u, owner.scope) && !access_in_scope(&owner, u->scope)))
		return store_fail(s, STORE_EINVAL, "owner %s: no bangfu user of that login in your "
		                  "scope (%s)", in->owner, u->scope);
	if (rc || (rc = resolve_related(s, u, in, &r)) || (rc = task_region(s, u, &owner, in, &r)))
		return rc;
	if (task_check_new(&s->lists, in, &owner, err, sizeof err))
		return store_fail(s, STORE_EINVAL, "%s", err);
	if (!access_in_scope(u, in->region))
		return store_fail(s, STORE_EDENIED, "region %s of this task is outside your scope %s",
		                  in->region, u->scope);
	snprintf(in->status, sizeof in->status, "open");
	snprintf(in->created, sizeof in->created, "%s", store_today(s));
	in->rule[0] = '\0';
	struct task_entry e;
	task_entry_now(&e, u->login, "add", why ? why : "");
	if (task_add_entry(in, &e))
		return store_fail(s, STORE_EFAIL, "out of memory");
	if ((rc = entity_begin_new(s, u, "task add", &entity_tasks, in->id, sizeof in->id, why)))
		return rc;
	if ((rc = task_insert(s, in)) || (rc = entity_write_file(s, &entity_tasks, in))) {
		write_rollback(s);
		return rc;
	}
	return write_commit(s);
}

int task_get(struct store *s, const struct user *u, const char *id, struct task *out)
{
	int rc = task_load(s, id, out);
	if (rc == 0 && !access_in_scope(u, out->region)) {
		task_free(out);
		rc = STORE_ENOTFOUND;
	}
	if (rc == STORE_ENOTFOUND)
		return store_fail(s, STORE_ENOTFOUND, "no task %s in your scope (%s)", id, u->scope);
	return rc;
}

int store_task_get(struct store *s, const struct user *u, const char *id, struct task *out)
{
	int rc = task_get(s, u, id, out);
	if (!rc)
		mask_task(out);   /* numbers typed into a title or comment */
	return rc;
}

struct task_list { const struct user *u; int (*fn)(void *ctx, const struct task *t); void *ctx; };

static int list_one(void *ctx, void *rec)
{
	struct task_list *l = ctx;
	struct task *t = rec;
	if (!access_in_scope(l->u, t->region))
		return 0;
	mask_task(t);
	return l->fn(l->ctx, t);
}

/* f->unlisted_on: the rule keys of her tasks of each status (open, in progress) that no
 * kept row she owns of that status lists on that day in u's scope (a row's owner and
 * status are its task's, kept by the triggers on tasks), as a JSON array into json.
 * Not a probe per task nor an EXCEPT (which builds a b-tree of all her keys: 37 ms for
 * the 67,803 rule tasks the demo gives root at 1M): both sides are read in key order
 * from their indexes (tasks_owner_rule, today_rules_owner) and merged here. */
static int unlisted_keys(struct store *s, const struct user *u, const char *owner,
                         const char *day, struct buf *json)
{
	static const char *const open[] = {"open", "in_progress"};
	char scope[32];
	struct buf rows = {0};
	sqlite3_stmt *a, *b;
	int rc = 0, n = 0;
	buf_adds(&rows, "SELECT h.key FROM today_rules h WHERE h.owner = ?1 AND h.status = ?2 AND "
	         "h.show_from <= ?3 AND h.until > ?3 AND (");
	scope_sql_at(u, 4, scope, sizeof scope, &rows);
	buf_adds(&rows, ") ORDER BY h.key");
	buf_adds(json, "[");
	for (int i = 0; i < 2 && !rc; i++) {
		if (db_cached(s, "SELECT rule_key FROM tasks WHERE owner = ?1 AND status = ?2 AND "
		                 "rule_key IS NOT NULL ORDER BY rule_key", &a)) {
			rc = STORE_EFAIL;
			break;
		}
		if (!buf_str(&rows) || db_cached(s, buf_str(&rows), &b)) {
			db_finalize(s, a);
			rc = buf_str(&rows) ? STORE_EFAIL : store_fail(s, STORE_EFAIL, "out of memory");
			break;
		}
		sqlite3_bind_text(a, 1, owner, -1, SQLITE_STATIC);
		sqlite3_bind_text(a, 2, open[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(b, 1, owner, -1, SQLITE_STATIC);
		sqlite3_bind_text(b, 2, open[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(b, 3, day, -1, SQLITE_STATIC);
		sqlite3_bind_text(b, 4, scope, -1, SQLITE_STATIC);
		int sa = sqlite3_step(a), sb = sqlite3_step(b);
		while (sa == SQLITE_ROW) {
			const char *key = db_col_text(a, 0);
			int c = sb == SQLITE_ROW ? strcmp(db_col_text(b, 0), key) : 1;
			if (c < 0) {          /* a row of a key she has no task of: none in step */
				sb = sqlite3_step(b);
				continue;
			}
			if (c > 0) {          /* not listed */
				if (n++)
					buf_adds(json, ",");
				buf_add_json_str(json, key);
			} else
				sb = sqlite3_step(b);
			sa = sqlite3_step(a);
		}
		if (sa != SQLITE_DONE || (sb != SQLITE_DONE && sb != SQLITE_ROW))
			rc = store_sqlfail(s, "reading today's rule items");
		db_finalize(s, a);
		db_finalize(s, b);
	}
	buf_adds(json, "]");
	buf_free(&rows);
	return rc;
}

int store_task_list(struct store *s, const struct user *u, const struct task_filter *f,
                    int (*fn)(void *ctx, const struct task *t), void *ctx)
{
	char like[32], hid[24] = "";
	const char *status = f && f->status && f->status[0] ? f->status : "";
	const struct code *st = status[0] && strcmp(status, "all") != 0
	                      ? codes_find(&codes_task_status, status) : NULL;
	if (status[0] && strcmp(status, "all") != 0 && !st)
		return store_fail(s, STORE_EINVAL, "status \"%s\": give open, in_progress, done, "
		                  "cancelled or all", status);
	if (f && f->household && f->household[0]) {
		struct household h;
		int rc = store_household_find(s, u, f->household, &h);
		if (rc)
			return rc;
		snprintf(hid, sizeof hid, "%s", h.id);
		household_free(&h);
	}
	entity_scope_like(u, like, sizeof like);
	/* no status given: what is still to do (open and in progress) */
	struct buf keys = {0};
	int rc = f && f->unlisted_on ? unlisted_keys(s, u, f->owner, f->unlisted_on, &keys) : 0;
	if (rc) {
		buf_free(&keys);
		return rc;
	}
	const char *params[6] = {like, f ? f->owner : NULL, hid, st ? st->code : NULL,
	                         status[0] ? "1" : NULL, buf_str(&keys)};
	struct task_list l = {u, fn, ctx};
	/* each filter given is a plain equality the planner can seek an index with
	 * (tasks_owner, tasks_household); an `(? IS NULL OR col = ?)` would make it scan */
	struct buf where = {0};
	buf_addf(&where, "t.region LIKE ?1 AND %s AND %s AND "
	         "(?4 IS NULL OR t.status = ?4) AND (?5 IS NOT NULL OR t.status IN ('open', 'in_progress'))",
	         /* unlisted_on: her few tasks drive (the rowids below), not all she owns */
	         !params[1] || !params[1][0] ? "?2 IS NULL"
	                                     : f->unlisted_on ? "+t.owner = ?2" : "t.owner = ?2",
	         hid[0] ? "t.household_id = ?3" : "?3 IS NULL");
	/* unlisted_on: her tasks without a rule key, and those of the keys no row lists */
	buf_adds(&where, f && f->unlisted_on
	         ? " AND t.rowid IN (SELECT rowid FROM tasks WHERE owner = ?2 AND status IN ('open', "
	           "'in_progress') AND rule_key IS NULL UNION ALL SELECT rowid FROM tasks WHERE rule_key "
	           "IN (SELECT value FROM json_each(?6)))"
	         : " AND ?6 IS NULL");   /* "" is bound as NULL */
	rc = buf_str(&where) && buf_str(&keys)
	   ? entity_each(s, &entity_tasks, where.s, "t.due IS NULL, t.due, t.id", params, 6, list_one, &l)
	   : store_fail(s, STORE_EFAIL, "out of memory");
	buf_free(&keys);
	buf_free(&where);
	return rc;
}

int tasks_expect_all(struct store *s, kind_emit_fn emit, void *ctx)
{
	return entity_expect_all(s, &entity_tasks, emit, ctx);
}

int tasks_restore(struct store *s, const char *path, const char *text)
{
	return entity_restore(s, &entity_tasks, path, text);
}
