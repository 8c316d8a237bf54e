/* project_today.c — the overdue milestones `today` lists: a milestone whose planned date
 * has passed with no actual date, of a project (not cancelled) whose place lies in the
 * user's scope — the same scope test every project read makes. */
#include "store/projects.h"
#include "core/mask.h"
#include <stdio.h>
#include <string.h>

int project_overdue_each(struct store *s, const struct user *u,
                         int (*fn)(void *ctx, const struct project_overdue *o), void *ctx)
{
	char like[32];
	sqlite3_stmt *st;
	entity_scope_like(u, like, sizeof like);
	if (db_cached(s, "SELECT p.id, p.place, m.name, m.planned, p.title FROM project_milestones m "
	                  "JOIN projects p ON p.id = m.project_id WHERE m.actual IS NULL "
	                  "AND m.planned < ?2 AND p.place LIKE ?1 AND p.status <> 'cancelled' "
	                  "ORDER BY m.planned, p.id, m.seq", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, like, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, store_today(s), -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct project_overdue o = {0};
		struct project_milestone m = {0};
		if (!access_in_scope(u, db_col_text(st, 1)))
			continue;
		snprintf(o.project, sizeof o.project, "%s", db_col_text(st, 0));
		snprintf(m.name, sizeof m.name, "%s", db_col_text(st, 2));
		snprintf(m.planned, sizeof m.planned, "%s", db_col_text(st, 3));
		snprintf(o.milestone, sizeof o.milestone, "%s", m.name);
		snprintf(o.planned, sizeof o.planned, "%s", m.planned);
		snprintf(o.title, sizeof o.title, "%s", db_col_text(st, 4));
		mask_field(o.title);   /* numbers typed into a title, as every list shows it */
		mask_field(o.milestone);
		o.days = project_milestone_overdue(&m, store_today(s));
		if (fn(ctx, &o))
			break;
	}
	db_finalize(s, st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : store_sqlfail(s, "reading overdue milestones");
}
