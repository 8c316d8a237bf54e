/* projects.c — projects (项目) in SQLite: the `projects` row, its `project_milestones`
 * and its `project_money` per year (fen), one audit file per project with its
 * milestones and money (projects/NNNN/PJ0000001.txt). A project's region is its place
 * (a county, town or village): who sees it is decided there, as for a household, with
 * entity_scope_like then access_in_scope. Adding, reading, listing, verify and rebuild
 * here; changes in project_change.c, the import in project_import.c. */
#include "store/projects.h"
#include "core/mask.h"
#include "core/regions.h"
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int project_fill(struct store *s, void *rec);
static int place_name(struct store *s, const char *code, char *name, size_t n);

static const struct entity_col project_cols[] = {
	{"id", NULL}, {"title", NULL}, {"level", NULL}, {"place", NULL},
	{NULL, "''"},   /* place_name: project_fill */
	{"kind", NULL}, {NULL, "''"}, {"grp", NULL}, {NULL, "''"},
	{"unit", NULL}, {NULL, "(SELECT name FROM units WHERE id = t.unit)"},
	{"person", NULL}, {"pair_id", NULL}, {"programme", NULL}, {"status", NULL},
	{"tasks", NULL}, {"created", NULL},
};
static void render_project(const struct code_lists *l, const void *rec, struct buf *out)
{
	project_render(rec, out);
}

static int parse_project(const struct code_lists *l, const char *text, void *rec, char *err,
                         size_t errlen)
{
	return project_parse(text, rec, err, errlen);
}

static int insert_project(struct store *s, void *rec)
{
	return project_save(s, rec, 1);
}

/* A project's file holds its milestones and money (project_fill reads them with the row). */
const struct entity_kind entity_projects = {
	.table = "projects", .dir = "projects", .prefix = "PJ", .what = N_("project"),
	.fields = project_fields, .nfields = &project_field_count, .cols = project_cols,
	.size = sizeof(struct project), .fill = project_fill, .render = render_project,
	.parse = parse_project, .insert = insert_project,
};

static void fen_text(sqlite3_stmt *st, int col, char out[PROJECT_MONEY_LEN])
{
	out[0] = '\0';
	if (sqlite3_column_type(st, col) != SQLITE_NULL)
		project_money_format(sqlite3_column_int64(st, col), out);
}

/* Shown labels of kind and group from the lists in effect, then milestones and money. */
static int project_fill(struct store *s, void *rec)
{
	struct project *p = rec;
	const struct code_lists *l = store_code_lists(s);
	const char *kind = code_lists_label(l, &codes_project_kind, p->kind);
	const char *group = code_lists_label(l, &codes_project_group, p->group);
	snprintf(p->kind_name, sizeof p->kind_name, "%s", kind ? kind : "");
	snprintf(p->group_name, sizeof p->group_name, "%s", group ? group : "");
	if (place_name(s, p->place, p->place_name, sizeof p->place_name))
		p->place_name[0] = '\0';
	sqlite3_stmt *st;
	if (db_cached(s, "SELECT name, planned, actual FROM project_milestones WHERE project_id = ? "
	                  "ORDER BY seq", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, p->id, -1, SQLITE_TRANSIENT);
	int rc;
	p->nms = p->nmoney = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && p->nms < PROJECT_MAX_MILESTONES) {
		struct project_milestone *m = &p->ms[p->nms++];
		snprintf(m->name, sizeof m->name, "%s", db_col_text(st, 0));
		snprintf(m->planned, sizeof m->planned, "%s", db_col_text(st, 1));
		snprintf(m->actual, sizeof m->actual, "%s", db_col_text(st, 2));
	}
	db_finalize(s, st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_sqlfail(s, "reading a project's milestones");
	if (db_cached(s, "SELECT year, planned, allocated, spent FROM project_money "
	                  "WHERE project_id = ? ORDER BY year", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, p->id, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && p->nmoney < PROJECT_MAX_YEARS) {
		struct project_money *m = &p->money[p->nmoney++];
		snprintf(m->year, sizeof m->year, "%s", db_col_text(st, 0));
		fen_text(st, 1, m->planned);
		fen_text(st, 2, m->allocated);
		fen_text(st, 3, m->spent);
	}
	db_finalize(s, st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : store_sqlfail(s, "reading a project's money");
}

/* --- saving ------------------------------------------------------------------------ */

static int bind_fen(sqlite3_stmt *st, int i, const char *text)
{
	long long fen;
	if (!text[0])
		return sqlite3_bind_null(st, i), 0;
	if (project_money_fen(text, &fen))
		return -1;
	sqlite3_bind_int64(st, i, fen);
	return 0;
}

static int insert_children(struct store *s, const struct project *p)
{
	sqlite3_stmt *st;
	int rc = SQLITE_DONE;
	if (db_cached(s, "INSERT INTO project_milestones(project_id, seq, name, planned, actual) "
	                  "VALUES (?,?,?,?,?)", &st))
		return STORE_EFAIL;
	for (int i = 0; rc == SQLITE_DONE && i < p->nms; i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, i + 1);
		sqlite3_bind_text(st, 3, p->ms[i].name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, p->ms[i].planned, -1, SQLITE_STATIC);
		db_bind_text(st, 5, p->ms[i].actual);
		rc = sqlite3_step(st);
	}
	db_finalize(s, st);
	if (rc != SQLITE_DONE)
		return store_sqlfail(s, "saving a project's milestones");
	if (db_cached(s, "INSERT INTO project_money(project_id, year, planned, allocated, spent) "
	                  "VALUES (?,?,?,?,?)", &st))
		return STORE_EFAIL;
	for (int i = 0; rc == SQLITE_DONE && i < p->nmoney; i++) {
		const struct project_money *m = &p->money[i];
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, m->year, -1, SQLITE_STATIC);
		if (bind_fen(st, 3, m->planned) || bind_fen(st, 4, m->allocated) ||
		    bind_fen(st, 5, m->spent)) {
			db_finalize(s, st);
			return store_fail(s, STORE_EFAIL, "project %s: year %s: bad amount", p->id, m->year);
		}
		rc = sqlite3_step(st);
	}
	db_finalize(s, st);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, "saving a project's money");
}

int project_save(struct store *s, const struct project *p, int is_new)
{
	sqlite3_stmt *st;
	int rc;
	if (!is_new) {   /* the row and its children are replaced as a whole */
		if (db_cached(s, "DELETE FROM projects WHERE id = ?", &st))
			return STORE_EFAIL;
		sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		db_finalize(s, st);
		if (rc != SQLITE_DONE)
			return store_sqlfail(s, "saving a project");
	}
	if ((rc = entity_insert(s, &entity_projects, p)) || (rc = insert_children(s, p)))
		return rc;
	return 0;
}

/* --- references -------------------------------------------------------------------- */

/* The name of a county, town or village code: the shipped edition's, else the regions
 * table's (a place added by a place.CODE setting); STORE_ENOTFOUND if neither knows it. */
static int place_name(struct store *s, const char *code, char *name, size_t n)
{
	const char *level = project_level_of(code);
	const struct ref_place *ref = level && strcmp(level, "county") != 0 ? regions_place(code) : NULL;
	if (level && strcmp(level, "county") == 0 && regions_is_county_level(code))
		return snprintf(name, n, "%s", regions_county_name(code)), 0;
	if (ref)
		return snprintf(name, n, "%s", regions_place_name(ref)), 0;
	if (!level || strcmp(level, "county") == 0)
		return STORE_ENOTFOUND;
	return db_lookup(s, name, n, "SELECT name FROM regions WHERE code = ? AND level >= 3", code, NULL);
}

/* Add code to the matches of a name (codes joined by ", " in out). */
static void add_code(const char *code, char *out, size_t n, int *found)
{
	if (strstr(out, code))
		return;
	size_t used = strlen(out);
	snprintf(out + used, n - used, "%s%s", *found ? ", " : "", code);
	(*found)++;
}

/* A county, town or village of the region table by code, or by a name only one place
 * in u's scope has (only one place at all, for a name none in the scope has). */
static int place_resolve(struct store *s, const struct user *u, struct project *p)
{
	char name[128], codes[256] = "";
	int found = 0;
	sqlite3_stmt *st;
	if (project_level_of(p->place)) {
		if (place_name(s, p->place, name, sizeof name))
			return store_fail(s, STORE_EINVAL, "place \"%s\": no county, town or village of "
			                  "that code", p->place);
		snprintf(p->level, sizeof p->level, "%s", project_level_of(p->place));
		return 0;
	}
	const struct ref_place *first;
	int n = regions_places_under("44", &first);
	for (int pass = 0; pass < 2 && !found; pass++) {   /* in scope first, then anywhere */
		for (int i = 0; i < n && found < 8; i++)
			if (regions_same_name(regions_place_name(&first[i]), p->place) &&
			    (pass || access_in_scope(u, first[i].code)))
				add_code(first[i].code, codes, sizeof codes, &found);
		if (db_cached(s, "SELECT code FROM regions WHERE level >= 2 AND name = ? ORDER BY code", &st))
			return STORE_EFAIL;
		sqlite3_bind_text(st, 1, p->place, -1, SQLITE_TRANSIENT);
		while (sqlite3_step(st) == SQLITE_ROW && found < 8)
			if (project_level_of(db_col_text(st, 0)) && (pass || access_in_scope(u, db_col_text(st, 0))))
				add_code(db_col_text(st, 0), codes, sizeof codes, &found);
		db_finalize(s, st);
	}
	if (found > 1)
		return store_fail(s, STORE_EINVAL, "place \"%s\": several places have that name (%s): "
		                  "give its code", p->place, codes);
	if (!found)
		return store_fail(s, STORE_EINVAL, "place \"%s\": no county, town or village of that "
		                  "code or name", p->place);
	snprintf(p->place, sizeof p->place, "%s", codes);
	snprintf(p->level, sizeof p->level, "%s", project_level_of(p->place));
	return 0;
}

/* code or label in the list in effect → code; refused naming the list (项目类型) */
static int list_code(struct store *s, const struct code_table *shipped, char *value, size_t n)
{
	const struct code_table *t = code_lists_table(store_code_lists(s), shipped);
	const struct code *c = codes_find(t, value);
	if (!c && strchr(value, '/') == NULL)   /* a working group by its name alone: 县域经济 */
		for (int i = 0; i < t->count && !c; i++)
			if (strncmp(t->items[i].label, value, strlen(value)) == 0 &&
			    t->items[i].label[strlen(value)] == '/')
				c = &t->items[i];
	if (!c)
		return store_fail(s, STORE_EINVAL, "%s \"%s\": not in the list (bangfu project add "
		                  "--help; an administrator adds entries with bangfu setting set)",
		                  codes_shown(shipped->name), value);
	snprintf(value, n, "%s", c->code);
	return 0;
}

/* Each linked task must exist in u's scope. */
static int tasks_resolve(struct store *s, const struct user *u, struct project *p)
{
	char list[sizeof p->tasks], *save = NULL;
	struct buf out = {0};
	snprintf(list, sizeof list, "%s", p->tasks);
	for (char *id = strtok_r(list, ", ", &save); id; id = strtok_r(NULL, ", ", &save)) {
		struct task t;
		int rc = task_get(s, u, id, &t);
		if (rc) {
			buf_free(&out);
			return rc;
		}
		task_free(&t);
		buf_addf(&out, "%s%s", out.len ? "," : "", id);
	}
	const char *joined = buf_str(&out);
	snprintf(p->tasks, sizeof p->tasks, "%s", joined ? joined : "");
	buf_free(&out);
	return 0;
}

int project_resolve(struct store *s, const struct user *u, struct project *p,
                    struct project_fault *at)
{
	char err[512];
	int rc;
	project_fault(at, PJF_NONE, NULL, 0);
	if (!access_may_write(u))
		return store_fail(s, STORE_EDENIED, "an auditor may read but not change projects");
	if (mask_is_masked(p->title) || mask_is_masked(p->person))
		return project_fault(at, mask_is_masked(p->title) ? PJF_TITLE : PJF_PERSON, NULL,
		                     store_fail(s, STORE_EINVAL, "title or person holds a masked number "
		                                "(copied from a list or an export?): type it in full"));
	if ((rc = place_resolve(s, u, p)))
		return project_fault(at, PJF_PLACE, NULL, rc);
	if (!access_in_scope(u, p->place))
		return project_fault(at, PJF_PLACE, NULL,
		                     store_fail(s, STORE_EDENIED, "place %s of this project is outside "
		                                "your scope %s", p->place, u->scope));
	if (!p->status[0])
		snprintf(p->status, sizeof p->status, "planned");
	const struct code *st = codes_find(&codes_project_status, p->status);
	if (st)
		snprintf(p->status, sizeof p->status, "%s", st->code);
	if ((rc = list_code(s, &codes_project_kind, p->kind, sizeof p->kind)))
		return project_fault(at, PJF_KIND, NULL, rc);
	if ((rc = list_code(s, &codes_project_group, p->group, sizeof p->group)))
		return project_fault(at, PJF_GROUP, NULL, rc);
	if (p->unit[0]) {
		struct unit unit;
		if ((rc = unit_resolve(s, p->unit, &unit)))
			return project_fault(at, PJF_UNIT, NULL, rc);
		snprintf(p->unit, sizeof p->unit, "%s", unit.id);
	}
	if (p->pair[0]) {
		struct pair pair;
		if ((rc = pair_visible_load(s, u, p->pair, &pair)))
			return project_fault(at, PJF_PAIR, NULL, rc);
	}
	if ((rc = tasks_resolve(s, u, p)))
		return project_fault(at, PJF_TASKS, NULL, rc);
	const struct code_lists *l = store_code_lists(s);
	if (project_check(p, code_lists_table(l, &codes_project_kind),
	                  code_lists_table(l, &codes_project_group), store_today(s), at, err,
	                  sizeof err))
		return store_fail(s, STORE_EINVAL, "%s", err);
	return 0;
}

/* --- add, get, list ---------------------------------------------------------------- */

int project_add_in(struct store *s, const struct user *u, struct project *in,
                   struct project_fault *at)
{
	int rc;
	snprintf(in->created, sizeof in->created, "%s", store_today(s));
	if ((rc = project_resolve(s, u, in, at)))
		return rc;
	if ((rc = entity_next_id(s, &entity_projects, in->id, sizeof in->id)) ||
	    (rc = project_save(s, in, 1)) || (rc = entity_load(s, &entity_projects, in->id, in)))
		return rc;
	return entity_write_file(s, &entity_projects, in);
}

int store_project_add(struct store *s, const struct user *u, struct project *in, const char *why)
{
	int rc = write_open(s);
	if (rc || (rc = write_begin(s, u, "project add", "new", why)))
		return write_close(s, rc);
	/* the event names the id it created: "project add: PJ0000001" */
	if ((rc = project_add_in(s, u, in, NULL)) || (rc = entity_set_subject(s, in->id)))
		write_rollback(s);
	else
		rc = write_commit(s);
	return write_close(s, rc);
}

int project_get(struct store *s, const struct user *u, const char *id, struct project *out)
{
	int rc = entity_load(s, &entity_projects, id, out);
	if (rc == 0 && !access_in_scope(u, out->place))
		rc = STORE_ENOTFOUND;
	/* one message for a project outside the scope and one that does not exist */
	if (rc == STORE_ENOTFOUND)
		return store_fail(s, STORE_ENOTFOUND, "no project %s in your scope (%s)", id, u->scope);
	return rc;
}

int store_project_get(struct store *s, const struct user *u, const char *id, struct project *out)
{
	int rc = project_get(s, u, id, out);
	if (!rc)
		mask_project(out);
	return rc;
}

struct project_list {
	const struct user *u;
	const char *today, *match;
	int overdue;
	int (*fn)(void *ctx, const struct project *p);
	void *ctx;
};

static int list_one(void *ctx, void *rec)
{
	struct project_list *l = ctx;
	struct project *p = rec;
	if (!access_in_scope(l->u, p->place) ||
	    (l->overdue && project_overdue_count(p, l->today) == 0))
		return 0;
	if (l->match && l->match[0] && !strstr(p->title, l->match) && !strstr(p->place_name, l->match) &&
	    strcasecmp(p->id, l->match) != 0)
		return 0;
	mask_project(p);
	return l->fn(l->ctx, p);
}

static int filter_code(struct store *s, const struct code_table *shipped, const char *value,
                       char *out, size_t n)
{
	out[0] = '\0';
	if (!value || !value[0] || strcmp(value, "all") == 0)
		return 0;
	snprintf(out, n, "%s", value);
	return list_code(s, shipped, out, n);
}

int store_project_list(struct store *s, const struct user *u, const struct project_filter *f,
                       int (*fn)(void *ctx, const struct project *p), void *ctx)
{
	static const struct project_filter none = {0};
	char like[32], status[64], kind[64], group[64];
	int rc;
	if (!f)
		f = &none;
	if ((rc = filter_code(s, &codes_project_status, f->status, status, sizeof status)) ||
	    (rc = filter_code(s, &codes_project_kind, f->kind, kind, sizeof kind)) ||
	    (rc = filter_code(s, &codes_project_group, f->group, group, sizeof group)))
		return rc;
	entity_scope_like(u, like, sizeof like);
	const char *params[4] = {like, status, kind, group};
	struct project_list l = {u, store_today(s), f->match, f->overdue, fn, ctx};
	return entity_each(s, &entity_projects,
	                   "t.place LIKE ?1 AND (?2 IS NULL OR t.status = ?2) AND "
	                   "(?3 IS NULL OR t.kind = ?3) AND (?4 IS NULL OR t.grp = ?4)",
	                   "t.place, t.id", params, 4, list_one, &l);
}

/* --- verify and rebuild ------------------------------------------------------------ */

int projects_expect_all(struct store *s, kind_emit_fn emit, void *ctx)
{
	return entity_expect_all(s, &entity_projects, emit, ctx);
}

int projects_restore(struct store *s, const char *path, const char *text)
{
	return entity_restore(s, &entity_projects, path, text);
}
