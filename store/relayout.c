/* relayout.c — `bangfu audit relayout`: an older register's history moved from the town
 * layout (households/COUNTY/TOWN/ID.txt, one folder a town: up to thousands of entries,
 * the whole folder's tree rewritten by every edit in it) to the village layout
 * (households/COUNTY/TOWN/VILLAGE/ID.txt, tens to hundreds of entries a folder), as one
 * event, like every change: the setting history_layout = village, settings.txt and, for
 * every household, its file removed at the old path and its blob (unchanged: the same
 * text) at the new one, all in one SQLite transaction; the flush then writes them into
 * git as one commit, streamed as a large import's is (audit_stream.c: the event's files
 * read in path order, only the folders along the current path held). A crash before the
 * COMMIT leaves nothing; after it, the next command's flush writes the commit, as for
 * any event; `audit verify` and `rebuild` read the layout from the history's own
 * settings.txt. The blobs are those of HEAD's tree, so HEAD must hold every event
 * before this one: the flush runs first and the event is refused if another writer's
 * event is still on its way into git. */
#include "store/internal.h"
#include "core/access.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mover {
	struct store *s;
	git_tree *root, *town;     /* HEAD's tree, and the town folder read last */
	char town_key[32];         /* its COUNTY/TOWN */
	sqlite3_stmt *ins;
	long moved;
};

/* The town folder households/COUNTY/TOWN of HEAD into m->town (once a town). */
static int town_tree(struct mover *m, const char *county, const char *town)
{
	char key[32], path[64];
	snprintf(key, sizeof key, "%s/%s", county, town);
	if (m->town && strcmp(key, m->town_key) == 0)
		return 0;
	git_tree_free(m->town);
	m->town = NULL;
	snprintf(m->town_key, sizeof m->town_key, "%s", key);
	snprintf(path, sizeof path, "households/%s", key);
	git_tree_entry *e = NULL;
	int err = git_tree_entry_bypath(&e, m->root, path);
	if (!err)
		err = git_tree_lookup(&m->town, m->s->repo, git_tree_entry_id(e));
	git_tree_entry_free(e);
	return err < 0 ? store_fail(m->s, STORE_EFAIL, "%s: not in the history's tree (run `bangfu "
	                            "audit verify`)", path) : 0;
}

/* One row of event_files: path with blob (hex), or path removed (blob NULL). */
static int add_row(struct mover *m, const char *path, const char *blob)
{
	sqlite3_bind_int64(m->ins, 1, m->s->event_id);
	sqlite3_bind_text(m->ins, 2, path, -1, SQLITE_TRANSIENT);
	if (blob)
		sqlite3_bind_text(m->ins, 3, blob, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(m->ins, 3);
	int rc = sqlite3_step(m->ins);
	sqlite3_reset(m->ins);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(m->s, "recording the event file");
}

/* The household on row st (id, county, town, village): its file moved. */
static int move_one(struct mover *m, sqlite3_stmt *st)
{
	const char *id = db_col_text(st, 0), *county = db_col_text(st, 1),
	           *town = db_col_text(st, 2), *village = db_col_text(st, 3);
	char name[64], from[256], to[256], hex[GIT_OID_HEXSZ + 1];
	int rc = town_tree(m, county, town);
	if (rc)
		return rc;
	snprintf(name, sizeof name, "%s.txt", id);
	const git_tree_entry *e = git_tree_entry_byname(m->town, name);
	household_path_of(LAYOUT_TOWN, county, town, village, id, from, sizeof from);
	household_path_of(LAYOUT_VILLAGE, county, town, village, id, to, sizeof to);
	if (!e)
		return store_fail(m->s, STORE_EFAIL, "%s: not in the history's tree (run `bangfu audit "
		                  "verify`)", from);
	git_oid_tostr(hex, sizeof hex, git_tree_entry_id(e));
	if ((rc = add_row(m, from, NULL)) || (rc = add_row(m, to, hex)))
		return rc;
	store_progress(m->s, N_("households moved"), ++m->moved, 0);
	return 0;
}

/* Every household's file to its village folder, inside the open event. */
static int move_all(struct store *s, long *moved)
{
	struct mover m = {.s = s};
	git_oid head;
	git_commit *c = NULL;
	sqlite3_stmt *st = NULL;
	int rc = 0, step = SQLITE_DONE;
	if (git_reference_name_to_id(&head, s->repo, AUDIT_BRANCH) < 0)
		return 0;   /* no history yet: nothing to move (no household either) */
	if (git_commit_lookup(&c, s->repo, &head) < 0 || git_commit_tree(&m.root, c) < 0)
		rc = store_gitfail(s, "reading HEAD");
	if (!rc && db_cached(s, "INSERT INTO event_files(event_id, path, text, blob) "
	                        "VALUES (?, ?, NULL, ?)", &m.ins))
		rc = STORE_EFAIL;
	/* town by town (the households_order index): each town folder read once */
	if (!rc && db_cached(s, "SELECT id, county_code, town_code, village_code FROM households "
	                        "ORDER BY county_code, town_code", &st))
		rc = STORE_EFAIL;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = move_one(&m, st);
	if (!rc && step != SQLITE_DONE)
		rc = store_sqlfail(s, "listing households");
	store_progress(s, NULL, 0, 0);
	if (st)
		db_finalize(s, st);
	if (m.ins)
		db_finalize(s, m.ins);
	git_tree_free(m.town);
	git_tree_free(m.root);
	git_commit_free(c);
	*moved = m.moved;
	return rc;
}

/* Inside the open event: refused if the history is in the village layout already (another
 * administrator's relayout came first) or an earlier event is not in git yet. */
static int relayout_in(struct store *s, long *moved)
{
	char n[24];
	if (store_history_layout(s) == LAYOUT_VILLAGE)
		return store_fail(s, STORE_EINVAL, "the history is in the village layout already");
	char ev[24];
	snprintf(ev, sizeof ev, "%ld", s->event_id);
	int rc = db_lookup(s, n, sizeof n, "SELECT count(*) FROM events WHERE id < CAST(? AS INTEGER) "
	                   "AND commit_id IS NULL", ev, NULL);
	if (!rc && atol(n) > 0)
		rc = store_fail(s, STORE_EFAIL, "another change is still on its way into the history: "
		                "run `bangfu audit relayout` again");
	if (!rc)
		rc = move_all(s, moved);
	if (!rc)
		rc = settings_put_row(s, HISTORY_LAYOUT_KEY, "village");
	return rc ? rc : settings_file(s);
}

int store_audit_relayout(struct store *s, const struct user *u, const char *why, long *moved)
{
	*moved = 0;
	if (!access_is_admin(u) || !access_in_scope(u, "44"))
		return store_fail(s, STORE_EDENIED, "only a province (44) administrator may move the "
		                  "history's files");
	if (store_history_layout(s) == LAYOUT_VILLAGE)
		return store_fail(s, STORE_EINVAL, "the history is in the village layout already");
	int rc = store_flush(s);   /* HEAD then holds every event before ours */
	if (!rc)
		rc = write_begin(s, u, "audit relayout", HISTORY_LAYOUT_KEY, why);
	if (rc)
		return rc;
	if ((rc = relayout_in(s, moved))) {
		write_rollback(s);
		return rc;
	}
	return write_commit(s);
}
