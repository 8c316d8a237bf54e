/* history_what.c — the "what" of a change to a household file, for the history views:
 * the file's text as that event left it and as the event before it on the same path
 * left it, from event_files (the text while it waits for git, else its blob id, read
 * from the repository), described by core/audit_what.c. Callers pass only a path they
 * found through the scoped readers (store_history_list, store_recent_list). A household's
 * file that `audit relayout` moved had two paths: the text before an event is the latest
 * on either (a move's removal row after its new row of the same event). */
#include "store/internal.h"
#include "core/audit_what.h"
#include <stdlib.h>
#include <string.h>

/* The text of the row (text, blob) at columns 0 and 1: *out malloc'd, NULL when the
 * file was removed. */
static int row_text(struct store *s, sqlite3_stmt *st, char **out)
{
	*out = NULL;
	if (sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*out = strdup(db_col_text(st, 0));
		return *out ? 0 : store_fail(s, STORE_EFAIL, "out of memory");
	}
	if (sqlite3_column_type(st, 1) == SQLITE_NULL)
		return 0;
	git_oid oid;
	git_blob *b = NULL;
	if (audit_need(s))
		return STORE_EFAIL;
	if (git_oid_fromstr(&oid, db_col_text(st, 1)) < 0 || git_blob_lookup(&b, s->repo, &oid) < 0)
		return store_gitfail(s, "reading a file of the history");
	size_t len = (size_t)git_blob_rawsize(b);
	if ((*out = malloc(len + 1))) {
		memcpy(*out, git_blob_rawcontent(b), len);
		(*out)[len] = '\0';
	}
	git_blob_free(b);
	return *out ? 0 : store_fail(s, STORE_EFAIL, "out of memory");
}

/* The file's text after event (at = 1: that event's row at path; 0: the latest row before
 * it at path or path2). */
static int text_at(struct store *s, long event, const char *path, const char *path2, int at,
                   char **out, int *found)
{
	sqlite3_stmt *st;
	*out = NULL;
	*found = 0;
	if (db_cached(s, at ? "SELECT text, blob FROM event_files WHERE event_id = ?1 AND path = ?2"
	                    : "SELECT text, blob FROM event_files WHERE path IN (?2, ?3) AND "
	                      "event_id < ?1 ORDER BY event_id DESC, text IS NULL AND blob IS NULL "
	                      "LIMIT 1", &st))
		return STORE_EFAIL;
	sqlite3_bind_int64(st, 1, event);
	sqlite3_bind_text(st, 2, path, -1, SQLITE_TRANSIENT);
	if (!at && path2)
		sqlite3_bind_text(st, 3, path2, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st), out_rc = 0;
	if (rc == SQLITE_ROW) {
		*found = 1;
		out_rc = row_text(s, st, out);
	} else if (rc != SQLITE_DONE) {
		out_rc = store_sqlfail(s, "reading the history");
	}
	db_finalize(s, st);
	return out_rc;
}

int history_what(struct store *s, long event, const char *path, const char *path2, char *out,
                 size_t n)
{
	char *now = NULL, *before = NULL;
	int found, had;
	out[0] = '\0';
	int rc = text_at(s, event, path, NULL, 1, &now, &found);
	if (!rc && found)
		rc = text_at(s, event, path, path2, 0, &before, &had);
	if (!rc && found)
		audit_what(had ? before : NULL, now, out, n);
	free(now);
	free(before);
	return rc;
}
