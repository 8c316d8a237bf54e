/* audit_files.c — an event's files on their way into git: read from event_files as tree
 * updates (a blob written for each text, or the blob id kept once the text was pruned;
 * a removal), and, once the commit is on the branch, the texts dropped from the database
 * with each file's blob id kept (verify compares it; history, diffs and rebuild read
 * git): the database holds no second copy of what git holds. */
#include "store/internal.h"
#include "core/grow.h"
#include <stdlib.h>
#include <string.h>

void event_files_free(struct event_files *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->paths[i]);
	free(f->paths);
	free(f->up);
	memset(f, 0, sizeof *f);
}

static int grow(struct event_files *f)
{
	if (f->n < f->cap)
		return 0;
	size_t cap = grow_cap(f->cap, f->n + 1, 16, sizeof *f->up);
	if (!cap || grow_array(&f->up, sizeof *f->up, cap) ||
	    grow_array(&f->paths, sizeof *f->paths, cap))
		return -1;
	f->cap = cap;
	return 0;
}

/* One row (path, text, blob) as an update; the blob written into repo or through bk. */
static int read_row(struct store *s, git_repository *repo, struct bulk *bk, sqlite3_stmt *st,
                    struct event_files *f)
{
	if (grow(f) || !(f->paths[f->n] = strdup(db_col_text(st, 0))))
		return store_fail(s, STORE_EFAIL, "out of memory");
	git_tree_update *u = &f->up[f->n];
	memset(u, 0, sizeof *u);
	u->path = f->paths[f->n++];
	int has_text = sqlite3_column_type(st, 1) != SQLITE_NULL;
	if (!has_text && sqlite3_column_type(st, 2) == SQLITE_NULL) {
		u->action = GIT_TREE_UPDATE_REMOVE;
		return 0;
	}
	u->action = GIT_TREE_UPDATE_UPSERT;
	u->filemode = GIT_FILEMODE_BLOB;
	if (!has_text) {   /* pruned: already in git (an event written again after a reset) */
		if (git_oid_fromstr(&u->id, db_col_text(st, 2)) < 0)
			return store_fail(s, STORE_EFAIL, "%s: a bad blob id in event_files", u->path);
		return 0;
	}
	const void *text = sqlite3_column_blob(st, 1);
	size_t len = (size_t)sqlite3_column_bytes(st, 1);
	if (bk)
		return bulk_blob(bk, text ? text : "", len, &u->id);
	if (git_blob_create_from_buffer(&u->id, repo, text ? text : "", len) < 0)
		return store_gitfail(s, "writing a blob");
	return 0;
}

int event_file_count(struct store *s, long event)
{
	sqlite3_stmt *st;
	int n = 0;
	if (db_cached(s, "SELECT count(*) FROM event_files WHERE event_id = ?", &st))
		return -1;
	sqlite3_bind_int64(st, 1, event);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	db_finalize(s, st);
	return n;
}

int event_files_read(struct store *s, git_repository *repo, struct bulk *bk, long event,
                     struct event_files *f)
{
	sqlite3_stmt *st;
	int rc = 0, step;
	if (db_cached(s, "SELECT path, text, blob FROM event_files WHERE event_id = ? ORDER BY path",
	              &st))
		return STORE_EFAIL;
	sqlite3_bind_int64(st, 1, event);
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = read_row(s, repo, bk, st, f);
	if (!rc && step != SQLITE_DONE)
		rc = store_sqlfail(s, "reading event files");
	db_finalize(s, st);
	return rc;
}

/* bangfu_blob_id(text): the git blob id of a text, in hex. */
static void blob_id_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid id;
	const void *text = sqlite3_value_blob(argv[0]);
	(void)argc;
	if (git_odb_hash(&id, text ? text : "", (size_t)sqlite3_value_bytes(argv[0]),
	                 GIT_OBJECT_BLOB) < 0) {
		sqlite3_result_error(cx, "cannot hash a text", -1);
		return;
	}
	sqlite3_result_text(cx, git_oid_tostr(hex, sizeof hex, &id), -1, SQLITE_TRANSIENT);
}

int event_files_register(struct store *s)
{
	if (sqlite3_create_function(s->db, "bangfu_blob_id", 1,
	                            SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
	                            NULL, blob_id_fn, NULL, NULL) != SQLITE_OK)
		return store_sqlfail(s, "registering the blob id function");
	return 0;
}

int event_files_prune(struct store *s, long event)
{
	sqlite3_stmt *st;
	if (db_cached(s, "UPDATE event_files SET blob = bangfu_blob_id(text), text = NULL "
	                 "WHERE event_id = ? AND text IS NOT NULL", &st))
		return STORE_EFAIL;
	sqlite3_bind_int64(st, 1, event);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_sqlfail(s, "dropping the texts now in git");
	db_finalize(s, st);
	return rc;
}
