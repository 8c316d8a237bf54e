/* history.c — one household's audit history for the UI: its changes newest first (from
 * the events table, which knows each event's files and commit, so this is one indexed
 * query rather than a walk of the git log), and the unified diff a change made to the
 * household's audit file, read from the git repository with libgit2. */
#include "store/internal.h"
#include "core/mask.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The audit paths of a household in u's scope: in the history's layout now, and in the
 * other (its file's path before or after `audit relayout`, store/relayout.c). */
static int household_file(struct store *s, const struct user *u, const char *household,
                          char paths[2][256])
{
	struct household h;
	int rc = store_household_find(s, u, household, &h);
	if (rc)
		return rc;
	household_paths(s, &h, paths);
	household_free(&h);
	return 0;
}

#define ENTRY_COLUMNS "SELECT e.id, e.at, e.login, e.name, e.verb, e.subject, e.reason, " \
	"coalesce(e.commit_id, ''), "

/* Columns 0-8 of a history query (id, at, login, name, verb, subject, reason, commit,
 * files in scope) into e; the reason masked into why. */
static void entry_from(sqlite3_stmt *st, struct history_entry *e, struct buf *why)
{
	memset(e, 0, sizeof *e);
	e->event = (long)sqlite3_column_int64(st, 0);
	e->at = (long)sqlite3_column_int64(st, 1);
	snprintf(e->login, sizeof e->login, "%s", db_col_text(st, 2));
	snprintf(e->name, sizeof e->name, "%s", db_col_text(st, 3));
	snprintf(e->verb, sizeof e->verb, "%s", db_col_text(st, 4));
	snprintf(e->subject, sizeof e->subject, "%s", db_col_text(st, 5));
	buf_reset(why);
	mask_text(db_col_text(st, 6), why);   /* a reason may hold a number */
	e->why = buf_str(why) ? why->s : "";
	snprintf(e->commit, sizeof e->commit, "%s", db_col_text(st, 7));
	e->files = (long)sqlite3_column_int64(st, 8);
}

int store_history_list(struct store *s, const struct user *u, const char *household,
                       long limit, int (*fn)(void *ctx, const struct history_entry *e),
                       void *ctx)
{
	char paths[2][256];
	sqlite3_stmt *st;
	int rc = household_file(s, u, household, paths);
	if (rc)
		return rc;
	/* the household's file is in scope, so is the event; its files in scope are counted
	 * when asked (store_history_files, store/event_scope.c). Its file at either path, but not the removal
	 * of its old path by a relayout (whose event is listed once, by its new path): a
	 * household's file is never removed otherwise. */
	struct buf q = {0};
	buf_adds(&q, ENTRY_COLUMNS);
	buf_adds(&q, "-1, hf.path FROM event_files hf JOIN events e ON e.id = hf.event_id "
	             "WHERE hf.path IN (:path, :path2) AND (hf.text IS NOT NULL OR hf.blob IS NOT NULL) "
	             "ORDER BY e.id DESC LIMIT :limit");
	if (db_cached_buf(s, &q, &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":path"), paths[0], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":path2"), paths[1], -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":limit"), limit > 0 ? limit : -1);
	int stop = 0;
	struct buf why = {0};
	rc = SQLITE_DONE;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct history_entry e;
		entry_from(st, &e, &why);
		const char *path = db_col_text(st, 9);
		if (history_what(s, e.event, path, strcmp(path, paths[0]) ? paths[0] : paths[1],
		                 e.what, sizeof e.what))
			e.what[0] = '\0';   /* not known (a file git cannot give): the verb says it */
		stop = fn(ctx, &e);
	}
	rc = stop || rc == SQLITE_DONE ? 0 : store_sqlfail(s, "reading the history");
	buf_free(&why);
	db_finalize(s, st);
	return rc;
}

int store_history_files(struct store *s, const struct user *u, long event, long *files)
{
	sqlite3_stmt *st;
	struct buf q = {0};
	buf_adds(&q, "SELECT ");
	event_files_sql(&q, "count(*)");
	buf_adds(&q, " FROM events e WHERE e.id = :event");
	if (db_cached_buf(s, &q, &st))
		return STORE_EFAIL;
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":event"), event);
	int rc = event_scope_bind(s, st, u);
	if (!rc)
		rc = sqlite3_step(st) == SQLITE_ROW ? 0 : store_sqlfail(s, "reading the history");
	*files = rc ? 0 : (long)sqlite3_column_int64(st, 0);
	db_finalize(s, st);
	return rc;
}

int store_recent_list(struct store *s, const struct user *u, long since, long limit,
                      int (*fn)(void *ctx, const struct history_entry *e), void *ctx)
{
	sqlite3_stmt *st;
	struct buf q = {0};
	buf_adds(&q, ENTRY_COLUMNS);
	event_files_sql(&q, "count(*)");
	buf_adds(&q, ", ");
	event_files_sql(&q, "min(f.path)");
	buf_adds(&q, " FROM events e WHERE e.at >= :from AND ");
	event_visible_sql(&q);   /* only events with a file in scope (store/event_scope.c) */
	buf_adds(&q, " ORDER BY e.id DESC LIMIT :limit");
	if (db_cached_buf(s, &q, &st))
		return STORE_EFAIL;
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":from"), since);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":limit"), limit > 0 ? limit : -1);
	int rc = event_scope_bind(s, st, u), stop = 0;
	if (rc) {
		db_finalize(s, st);
		return rc;
	}
	struct buf why = {0};
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct history_entry e;
		entry_from(st, &e, &why);
		const char *path = db_col_text(st, 9), *base = strrchr(path, '/');
		if (e.files == 1 && strncmp(path, "households/", 11) == 0 && base) {
			snprintf(e.household, sizeof e.household, "%.*s", (int)strcspn(base + 1, "."), base + 1);
			if (history_what(s, e.event, path, NULL, e.what, sizeof e.what))
				e.what[0] = '\0';
		}
		stop = fn(ctx, &e);
	}
	rc = stop || rc == SQLITE_DONE ? 0 : store_sqlfail(s, "reading the changes");
	buf_free(&why);
	db_finalize(s, st);
	return rc;
}

/* The blob at path in commit's tree (NULL when the path is absent); *out owned by caller. */
static int blob_at(struct store *s, const git_commit *c, const char *path, git_blob **out)
{
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	*out = NULL;
	if (git_commit_tree(&tree, c) < 0)
		return store_gitfail(s, "reading a tree");
	int err = git_tree_entry_bypath(&entry, tree, path);
	int rc = 0;
	if (err == 0 && git_blob_lookup(out, git_commit_owner(c), git_tree_entry_id(entry)) < 0)
		rc = store_gitfail(s, "reading a blob");
	else if (err < 0 && err != GIT_ENOTFOUND)
		rc = store_gitfail(s, "reading a tree entry");
	git_tree_entry_free(entry);
	git_tree_free(tree);
	return rc;
}

/* The blob of a household's file in commit c at paths[0] or, absent there, at paths[1]
 * (its path in the other layout); *path_out the one found (paths[0] when neither). */
static int blob_at_either(struct store *s, const git_commit *c, char paths[2][256],
                          git_blob **out, const char **path_out)
{
	int rc = blob_at(s, c, paths[0], out);
	*path_out = paths[0];
	if (!rc && !*out && !(rc = blob_at(s, c, paths[1], out)) && *out)
		*path_out = paths[1];
	return rc;
}

int store_history_diff(struct store *s, const struct user *u, const char *household,
                       const char *commit, struct buf *out)
{
	char paths[2][256];
	const char *path = NULL, *old_path = NULL;
	git_oid oid;
	git_commit *c = NULL, *parent = NULL;
	git_blob *old_blob = NULL, *new_blob = NULL;
	git_patch *patch = NULL;
	git_buf text = {0};
	if (audit_need(s))
		return STORE_EFAIL;
	int rc = household_file(s, u, household, paths);
	if (rc)
		return rc;
	if (!commit || strlen(commit) != GIT_OID_HEXSZ || git_oid_fromstr(&oid, commit) < 0)
		return store_fail(s, STORE_EINVAL, "\"%s\" is not a commit id (the change may not be "
		                  "in the audit history yet)", commit ? commit : "");
	if (git_commit_lookup(&c, s->repo, &oid) < 0) {
		rc = store_gitfail(s, "reading the commit");
		goto out;
	}
	if (git_commit_parentcount(c) > 0 && git_commit_parent(&parent, c, 0) < 0) {
		rc = store_gitfail(s, "reading the parent commit");
		goto out;
	}
	if ((rc = blob_at_either(s, c, paths, &new_blob, &path)) ||
	    (parent && (rc = blob_at_either(s, parent, paths, &old_blob, &old_path))))
		goto out;
	git_diff_options opts;
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	opts.context_lines = 3;
	if (git_patch_from_blobs(&patch, old_blob, old_path ? old_path : path, new_blob, path,
	                         &opts) < 0 ||
	    git_patch_to_buf(&text, patch) < 0) {
		rc = store_gitfail(s, "making the diff");
		goto out;
	}
	mask_text(text.ptr ? text.ptr : "", out);   /* masked, as everything shown */
	if (!buf_str(out))
		rc = store_fail(s, STORE_EFAIL, "out of memory");
out:
	git_buf_dispose(&text);
	git_patch_free(patch);
	git_blob_free(old_blob);
	git_blob_free(new_blob);
	git_commit_free(parent);
	git_commit_free(c);
	return rc;
}

/* The commit's tree and its first parent's (NULL for the first commit). */
static int commit_trees(struct store *s, const char *commit, git_tree **tree, git_tree **parent)
{
	git_oid oid;
	git_commit *c = NULL, *p = NULL;
	int rc = 0;
	*tree = *parent = NULL;
	if (git_oid_fromstr(&oid, commit) < 0 || git_commit_lookup(&c, s->repo, &oid) < 0 ||
	    git_commit_tree(tree, c) < 0 ||
	    (git_commit_parentcount(c) > 0 &&
	     (git_commit_parent(&p, c, 0) < 0 || git_commit_tree(parent, p) < 0)))
		rc = store_gitfail(s, "reading a commit");
	git_commit_free(p);
	git_commit_free(c);
	return rc;
}

int history_commit_patch(struct store *s, const char *commit, char **paths, size_t npaths,
                         struct buf *out)
{
	git_tree *tree, *parent;
	git_diff *diff = NULL;
	git_buf text = {0};
	if (audit_need(s))
		return STORE_EFAIL;
	git_diff_options opts;
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	opts.pathspec.strings = paths;
	opts.pathspec.count = npaths;
	opts.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
	int rc = commit_trees(s, commit, &tree, &parent);
	if (!rc && (git_diff_tree_to_tree(&diff, s->repo, parent, tree, &opts) < 0 ||
	            git_diff_to_buf(&text, diff, GIT_DIFF_FORMAT_PATCH) < 0))
		rc = store_gitfail(s, "making the diff");
	if (!rc)
		mask_text(text.ptr ? text.ptr : "", out);   /* masked, as everything shown */
	if (!rc && !buf_str(out))
		rc = store_fail(s, STORE_EFAIL, "out of memory");
	git_buf_dispose(&text);
	git_diff_free(diff);
	git_tree_free(tree);
	git_tree_free(parent);
	return rc;
}

int history_day_bounds(const char *date, long *start, long *end)
{
	struct tm tm = {0};
	char rest;
	if (strlen(date) != 10 ||
	    sscanf(date, "%4d-%2d-%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &rest) != 3 ||
	    tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31)
		return -1;
	int mday = tm.tm_mday;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_isdst = -1;
	*start = (long)mktime(&tm);
	if (tm.tm_mday != mday)   /* 2026-02-30 rolled over: not a date */
		return -1;
	tm.tm_hour = 23;
	tm.tm_min = 59;
	tm.tm_sec = 59;
	tm.tm_isdst = -1;
	*end = (long)mktime(&tm);
	return 0;
}

int store_household_as_of(struct store *s, const struct user *u, const char *household,
                          const char *date, struct buf *out, char *commit, size_t n)
{
	char paths[2][256];
	const char *path;
	long from, until;
	if (history_day_bounds(date ? date : "", &from, &until))
		return store_fail(s, STORE_EINVAL, "--as-of: \"%s\" is not a date (YYYY-MM-DD)",
		                  date ? date : "");
	int rc = household_file(s, u, household, paths);
	if (rc)
		return rc;
	/* the household's last change on or before that day: its commit holds the file as
	 * it stood at the end of the day (commit times are event times) */
	char at[32];
	snprintf(at, sizeof at, "%ld", until);
	rc = db_lookup(s, commit, n, "SELECT coalesce(e.commit_id, '') FROM event_files f "
	               "JOIN events e ON e.id = f.event_id WHERE f.path IN (?, ?) AND "
	               "e.at <= CAST(? AS INTEGER) ORDER BY e.id DESC LIMIT 1", paths[0], paths[1], at,
	               (const char *)NULL);
	if (rc == STORE_ENOTFOUND)
		return store_fail(s, STORE_ENOTFOUND, "household %s was not yet registered on %s",
		                  household, date);
	if (rc)
		return rc;
	git_oid oid;
	git_commit *c = NULL;
	git_blob *blob = NULL;
	if (!commit[0] || git_oid_fromstr(&oid, commit) < 0)
		return store_fail(s, STORE_EFAIL, "the audit history has not caught up yet: try again");
	if (audit_need(s))
		return STORE_EFAIL;
	if (git_commit_lookup(&c, s->repo, &oid) < 0)
		return store_gitfail(s, "reading the commit");
	if (!(rc = blob_at_either(s, c, paths, &blob, &path)) && !blob)
		rc = store_fail(s, STORE_ENOTFOUND, "household %s had no record on %s", household, date);
	if (!rc) {
		struct buf text = {0};
		buf_add(&text, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
		mask_text(buf_str(&text) ? text.s : "", out);   /* masked, as everything shown */
		buf_free(&text);
		if (!buf_str(out))
			rc = store_fail(s, STORE_EFAIL, "out of memory");
	}
	git_blob_free(blob);
	git_commit_free(c);
	return rc;
}
