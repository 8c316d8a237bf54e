/* event_scope.c — which audit events, and which of their files, a user may see: the one
 * rule every reader of the history (`audit log`, the UI's history) applies, as an SQL
 * condition on an event file (alias f) of an event (alias e). docs/security.md "Scope".
 *
 * Each audit file has a region: a household's is the county and town in its path
 * (households/<county>/<town>/[<village>/]<id>.txt: either layout, store/relayout.c, is
 * matched by the same globs) and, for a village scope, its row's village; a
 * task's, unit's or pair's its `region` column, a project's its place (a county pair also its helper's city or
 * district, as pair_visible_load sees it); a team's its town; a user's her scope;
 * a figure's its place; a team person's her team's town; settings.txt's the county of a visit_interval.CCCCCC or
 * cluster.CCCCCC change, the town of a town_class.TTTTTTTTT one, else the province (44); an
 * access record's (access/...) the village of any household it names that lies in scope.
 * A file lies in scope when its region lies inside the user's scope; an event is listed
 * when one of its files does, and only those files are named or counted. */
#include "store/entity.h"
#include "store/projects.h"
#include <string.h>

/* The file's name less its directory and ".txt": the record's id (a user's login). */
#define FILE_BASE "substr(f.path, length(rtrim(f.path, replace(f.path, '/', ''))) + 1)"
#define FILE_ID "substr(" FILE_BASE ", 1, length(" FILE_BASE ") - 4)"

/* settings.c's setting_region() in SQL, on the event's subject (its first key). */
#define SETTING_REGION \
	"CASE WHEN e.subject GLOB 'visit_interval.[0-9][0-9][0-9][0-9][0-9][0-9]' " \
	"THEN substr(e.subject, 16) " \
	"WHEN e.subject GLOB 'cluster.[0-9][0-9][0-9][0-9][0-9][0-9]' THEN substr(e.subject, 9) " \
	"WHEN e.subject GLOB 'town_class.[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]' " \
	"THEN substr(e.subject, 12) ELSE '44' END"

/* The region of a file other than a household's. */
#define RECORD_REGION \
	"CASE WHEN f.path LIKE 'tasks/%' THEN (SELECT region FROM tasks WHERE id = " FILE_ID ") " \
	"WHEN f.path LIKE 'pairs/%' THEN (SELECT CASE WHEN p.kind = 'county' AND p.helper NOT LIKE 'U%' " \
	"  AND p.helper LIKE :scope THEN p.helper ELSE p.region END FROM pairs p WHERE p.id = " FILE_ID ") " \
	"WHEN f.path LIKE 'teams/%' THEN (SELECT town_code FROM teams WHERE id = " FILE_ID ") " \
	"WHEN f.path LIKE 'team_people/%' THEN (SELECT region FROM team_people WHERE id = " FILE_ID ") " \
	"WHEN f.path LIKE 'figures/%' THEN (SELECT place FROM figures WHERE id = " FILE_ID ") " \
	"WHEN f.path LIKE 'projects/%' THEN (SELECT place FROM projects WHERE id = " FILE_ID ") " \
	"WHEN f.path LIKE 'units/%' THEN (SELECT region FROM units WHERE id = " FILE_ID ") " \
	"WHEN f.path LIKE 'users/%' THEN (SELECT scope FROM users WHERE login = " FILE_ID ") " \
	"WHEN f.path = 'settings.txt' THEN " SETTING_REGION " " \
	"WHEN f.path LIKE 'access/%' THEN (SELECT h.village_code FROM access_households a " \
	"  JOIN households h ON h.id = a.household_id WHERE a.path = f.path " \
	"  AND h.village_code LIKE :scope LIMIT 1) " \
	"ELSE '44' END"

/* :scope is entity_scope_like's pattern ("%" for the province, which sees everything
 * without a lookup; a record whose row is gone counts as the province's). A household
 * file is matched on its path first (:hglob, no lookup: an import of 100,000 households
 * is one event), then for a village scope (:village) on its row. Nested WHENs, not AND:
 * SQLite ran the row lookup of `A AND (B OR lookup)` even where A was false (40x slower). */
static const char event_file_in_scope_sql[] =
	"(:scope = '%' OR CASE "
	"  WHEN f.path NOT GLOB 'households/*' THEN coalesce(" RECORD_REGION ", '44') LIKE :scope "
	"  WHEN f.path NOT GLOB :hglob THEN 0 "
	"  WHEN :village IS NULL THEN 1 "
	"  ELSE (SELECT village_code FROM households WHERE id = " FILE_ID ") IS :village END)";

void event_visible_sql(struct buf *sql)
{
	buf_addf(sql, "EXISTS (SELECT 1 FROM event_files f WHERE f.event_id = e.id AND %s)",
	         event_file_in_scope_sql);
}

void event_files_sql(struct buf *sql, const char *aggregate)
{
	buf_addf(sql, "(SELECT %s FROM event_files f WHERE f.event_id = e.id AND %s)", aggregate,
	         event_file_in_scope_sql);
}

void event_of_file_sql(struct buf *sql)
{
	/* the IN finds the events by the path's index; the EXISTS checks the file's scope */
	buf_addf(sql, "e.id IN (SELECT event_id FROM event_files WHERE path IN (:path, :path2)) AND "
	         "EXISTS (SELECT 1 FROM event_files f WHERE f.event_id = e.id AND f.path IN (:path, "
	         ":path2) AND %s)",
	         event_file_in_scope_sql);
}

/* Project ids are PJ and seven digits, task ids T and seven digits (core/project.h,
 * core/task.h); anything else is a household key. */
static int id_of(const char *key, const char *prefix)
{
	size_t n = strlen(prefix);
	return strncmp(key, prefix, n) == 0 && strlen(key) == n + 7 && strspn(key + n, "0123456789") == 7;
}

void household_paths(struct store *s, const struct household *h, char paths[2][256])
{
	enum history_layout now = store_history_layout(s);
	household_path(h, now, paths[0], 256);
	household_path(h, now == LAYOUT_TOWN ? LAYOUT_VILLAGE : LAYOUT_TOWN, paths[1], 256);
}

int event_subject_path(struct store *s, const struct user *u, const char *key,
                       char paths[2][256])
{
	int rc;
	paths[1][0] = '\0';
	if (id_of(key, "PJ")) {
		struct project p;
		if (!(rc = store_project_get(s, u, key, &p)))
			entity_path(&entity_projects, p.id, paths[0], 256);
		return rc;
	}
	if (id_of(key, "T")) {
		struct task t = {0};
		if (!(rc = store_task_get(s, u, key, &t)))
			entity_path(&entity_tasks, t.id, paths[0], 256);
		task_free(&t);
		return rc;
	}
	struct household h;
	if (!(rc = store_household_find(s, u, key, &h))) {
		household_paths(s, &h, paths);
		household_free(&h);
	}
	return rc;
}

/* Bind a text parameter by name (every query here names its parameters). */
static int bind_named(sqlite3_stmt *st, const char *name, const char *value)
{
	int i = sqlite3_bind_parameter_index(st, name);
	return i > 0 && sqlite3_bind_text(st, i, value, -1, SQLITE_TRANSIENT) == SQLITE_OK ? 0 : -1;
}

int event_scope_bind(struct store *s, sqlite3_stmt *st, const struct user *u)
{
	char like[32], hglob[64];
	size_t n = strlen(u->scope);
	entity_scope_like(u, like, sizeof like);
	if (strcmp(like, "%") == 0 || strlen(like) == 5)   /* the province, a city's prefix */
		snprintf(hglob, sizeof hglob, "households/%.*s*", (int)strlen(like) - 1, like);
	else if (n == 6)
		snprintf(hglob, sizeof hglob, "households/%s/*", u->scope);
	else
		snprintf(hglob, sizeof hglob, "households/%.6s/%.9s/*", u->scope, u->scope);
	int village = sqlite3_bind_parameter_index(st, ":village");
	if (bind_named(st, ":scope", like) || bind_named(st, ":hglob", hglob) || village <= 0 ||
	    (n == 12 && sqlite3_bind_text(st, village, u->scope, -1, SQLITE_TRANSIENT) != SQLITE_OK))
		return store_fail(s, STORE_EFAIL, "binding the scope of a history query");
	return 0;
}
