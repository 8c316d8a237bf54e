/* rebuild.c — `bangfu rebuild`: a new database from the audit history alone. The rows
 * come from HEAD's tree (each file's canonical text parsed back), the events from the
 * commits (author, time, message, trailers) and each event's files from the diff with
 * its parent, so that afterwards `audit verify` passes and `audit log` reads as before.
 * The database is built under a temporary name and renamed into place at the end: a
 * failed rebuild leaves no half-made bangfu.db behind. */
#include "store/kinds.h"
#include "store/rebuild.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct rebuild { struct store *s; FILE *report; long files; int rc; int settings_done; };

/* settings.txt is read before the walk: it holds the list entries (categories, risks)
 * that the households' texts are parsed with. */
#define FIRST_PATH "settings.txt"

int rebuild_blob(struct store *s, const git_oid *id, char **text)
{
	git_blob *blob;
	if (git_blob_lookup(&blob, s->repo, id) < 0)
		return store_gitfail(s, "reading a blob");
	size_t n = (size_t)git_blob_rawsize(blob);
	*text = malloc(n + 1);
	if (*text) {
		memcpy(*text, git_blob_rawcontent(blob), n);
		(*text)[n] = '\0';
	}
	git_blob_free(blob);
	return *text ? 0 : store_fail(s, STORE_EFAIL, "out of memory");
}

static int restore_entry(const char *root, const git_tree_entry *e, void *payload)
{
	struct rebuild *r = payload;
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		return 0;
	char path[512], *text = NULL;
	snprintf(path, sizeof path, "%s%s", root, git_tree_entry_name(e));
	if (strcmp(path, FIRST_PATH) == 0 && r->settings_done++)
		return 0;
	if ((r->rc = rebuild_blob(r->s, git_tree_entry_id(e), &text)))
		return -1;
	const struct record_kind *kind = kind_for_path(path);
	if (kind) {
		r->rc = kind->restore(r->s, path, text);
		store_progress(r->s, N_("records restored"), ++r->files, 0);
	} else {
		fprintf(r->report, _("rebuild: %s: not a known record kind, skipped\n"), path);
	}
	free(text);
	return r->rc ? -1 : 0;
}

/* Insert the files an event changed: the diff between the commit's tree and its parent's. */
static int restore_event_files(struct store *s, git_commit *c, long event)
{
	git_tree *tree = NULL, *parent_tree = NULL;
	git_diff *diff = NULL;
	sqlite3_stmt *st = NULL;
	int rc = STORE_EFAIL;
	if (git_commit_tree(&tree, c) < 0)
		goto git;
	if (git_commit_parentcount(c) > 0) {
		git_commit *p;
		if (git_commit_parent(&p, c, 0) < 0)
			goto git;
		int err = git_commit_tree(&parent_tree, p);
		git_commit_free(p);
		if (err < 0)
			goto git;
	}
	if (git_diff_tree_to_tree(&diff, s->repo, parent_tree, tree, NULL) < 0)
		goto git;
	/* the texts stay in git: the event keeps each file's blob id (as a flush leaves it) */
	if (db_cached(s, "INSERT INTO event_files(event_id, path, blob) VALUES (?,?,?)", &st))
		goto out;
	for (size_t i = 0; i < git_diff_num_deltas(diff); i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		char hex[GIT_OID_HEXSZ + 1];
		if (git_diff_num_deltas(diff) >= 1000)   /* an import: many files in one event */
			store_progress(s, N_("files of one event restored"), (long)i + 1,
			               (long)git_diff_num_deltas(diff));
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, event);
		sqlite3_bind_text(st, 2, d->status == GIT_DELTA_DELETED ? d->old_file.path : d->new_file.path,
		                  -1, SQLITE_TRANSIENT);
		if (d->status != GIT_DELTA_DELETED)
			sqlite3_bind_text(st, 3, git_oid_tostr(hex, sizeof hex, &d->new_file.id), -1,
			                  SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(st, 3);
		if (sqlite3_step(st) != SQLITE_DONE) {
			rc = store_sqlfail(s, "restoring event files");
			goto out;
		}
	}
	rc = 0;
	goto out;
git:
	rc = store_gitfail(s, "reading a commit's changes");
out:
	db_finalize(s, st);
	git_diff_free(diff);
	git_tree_free(tree);
	git_tree_free(parent_tree);
	return rc;
}

int rebuild_event(struct store *s, git_commit *c, int renumber)
{
	const char *msg = git_commit_message(c);
	const git_signature *a = git_commit_author(c);
	long id = audit_trailer_event(msg);
	struct audit_message m;
	if (id <= 0 || audit_message_parse(msg, &m))
		return store_fail(s, STORE_EFAIL, "commit %.10s was not written by bangfu", git_oid_tostr_s(git_commit_id(c)));
	const char *at = strchr(a->email, '@');
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof hex, git_commit_id(c));
	sqlite3_stmt *st;
	if (db_cached(s, "INSERT INTO events(id, at, uid, login, name, verb, subject, reason, commit_id) "
	                  "VALUES (?,?,?,?,?,?,?,?,?)", &st))
		return STORE_EFAIL;
	if (renumber)   /* an aggregate: the next number of its own (AUTOINCREMENT) */
		sqlite3_bind_null(st, 1);
	else
		sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)a->when.time);
	sqlite3_bind_int64(st, 3, m.uid);
	sqlite3_bind_text(st, 4, a->email, at ? (int)(at - a->email) : -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, a->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, m.verb.s, (int)m.verb.n, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, m.subject.s, (int)m.subject.n, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, m.reason.s, (int)m.reason.n, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 9, hex, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	db_finalize(s, st);
	if (rc != SQLITE_DONE)
		return store_sqlfail(s, "restoring an event");
	return restore_event_files(s, c, renumber ? (long)sqlite3_last_insert_rowid(s->db) : id);
}

static int restore_events(struct store *s, const git_oid *head, long *count)
{
	git_revwalk *walk;
	git_oid id;
	int rc = 0;
	if (git_revwalk_new(&walk, s->repo) < 0 || git_revwalk_push(walk, head) < 0)
		return store_gitfail(s, "walking history");
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	git_revwalk_simplify_first_parent(walk);
	while (!rc && git_revwalk_next(&id, walk) == 0) {
		git_commit *c;
		if (git_commit_lookup(&c, s->repo, &id) < 0) {
			rc = store_gitfail(s, "reading a commit");
			break;
		}
		rc = rebuild_event(s, c, 0);
		git_commit_free(c);
		store_progress(s, N_("events restored"), ++*count, 0);
	}
	git_revwalk_free(walk);
	if (!rc)   /* keep AUTOINCREMENT going on from the last event */
		rc = db_exec(s, "DELETE FROM sqlite_sequence WHERE name = 'events';"
		                "INSERT INTO sqlite_sequence(name, seq) SELECT 'events', max(id) FROM events;");
	return rc;
}

/* On a shared install a rebuild is root's, or an administrator's of the whole province
 * (44) as the history at HEAD records them: there is no database yet to ask, and the
 * history is what the rebuild trusts anyway. Nothing is made before this passes. */
static int rebuild_allowed(struct store *s, git_tree *tree)
{
	char login[64], path[128], err[128], *text = NULL;
	unsigned uid;
	struct user u;
	git_tree_entry *e = NULL;
	if (!store_shared() || getuid() == 0)
		return 0;
	if (identity_login(s, login, sizeof login, &uid))
		return STORE_ENOUSER;
	user_path(login, path, sizeof path);
	int ok = git_tree_entry_bypath(&e, tree, path) == 0 &&
	         rebuild_blob(s, git_tree_entry_id(e), &text) == 0 &&
	         user_parse(text, &u, err, sizeof err) == 0 && strcmp(u.login, login) == 0 &&
	         u.role == ROLE_ADMIN && strcmp(u.scope, "44") == 0;
	git_tree_entry_free(e);
	free(text);
	return ok ? 0 : store_fail(s, STORE_EDENIED, "bangfu rebuild on a shared server is for root "
	                           "or an administrator of the whole province (44): %s is neither",
	                           login);
}

/* The WAL side files of the database file DB. */
static void unlink_sides(const char *db)
{
	char side[PATH_MAX + 48];
	snprintf(side, sizeof side, "%s-wal", db);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", db);
	unlink(side);
}

int store_rebuild(const char *given, FILE *report, const struct store_progress *progress)
{
	struct store *s;
	char final[PATH_MAX + 16], temp[PATH_MAX + 32];
	git_oid head;
	git_commit *c = NULL;
	git_tree *tree = NULL;
	long events = 0;
	int made_temp = 0;
	int rc = store_alloc(given, CONFINE_REBUILD, &s);
	if (rc) {
		fprintf(report, "bangfu: %s\n", store_error(s));
		store_close(s);
		return rc;
	}
	store_set_progress(s, progress);
	const char *dir = s->dir;
	snprintf(final, sizeof final, "%s/bangfu.db", dir);
	snprintf(temp, sizeof temp, "%s/bangfu.db.rebuilding", dir);
	struct stat sb;   /* not access(): see open.c */
	if (stat(final, &sb) == 0) {
		fprintf(report, _("bangfu: %s exists: rebuild makes a database only where there is "
		        "none (move it away first)\n"), final);
		store_close(s);
		return STORE_EINVAL;
	}
	if ((rc = audit_open(s, 0)))
		goto out;
	if (git_reference_name_to_id(&head, s->repo, "refs/heads/main") < 0 ||
	    git_commit_lookup(&c, s->repo, &head) < 0 || git_commit_tree(&tree, c) < 0) {
		rc = store_gitfail(s, "reading HEAD");
		goto out;
	}
	if ((rc = rebuild_allowed(s, tree)))
		goto out;
	made_temp = 1;   /* from here a failure removes what this rebuild made */
	unlink(temp);
	if ((rc = db_open(s, "bangfu.db.rebuilding", 1)) || (rc = regions_seed(s)) ||
	    (rc = db_exec(s, "BEGIN IMMEDIATE")))
		goto out;
	struct rebuild r = {s, report, 0, 0, 0};
	git_tree_entry *first = NULL;
	if (git_tree_entry_bypath(&first, tree, FIRST_PATH) == 0) {
		if (restore_entry("", first, &r) < 0)
			rc = r.rc;
		git_tree_entry_free(first);
	}
	if (!rc && git_tree_walk(tree, GIT_TREEWALK_PRE, restore_entry, &r) < 0)
		rc = r.rc ? r.rc : store_gitfail(s, "walking HEAD's tree");
	store_progress(s, NULL, 0, 0);
	if (!rc)
		rc = restore_events(s, &head, &events);
	if (!rc)   /* what `today` keeps, now that the tasks are back too */
		rc = today_keep_build(s);
	if (!rc)
		rc = db_exec(s, "COMMIT");
	if (!rc) {
		db_close_statements(s);
		sqlite3_close_v2(s->db);
		s->db = NULL;
		/* the lost database's WAL (kept between processes, store/db.c; frames in it
		 * if its last writer was killed) would be read into the new one at its first
		 * open: its pages are another file's */
		unlink_sides(final);
		if (rename(temp, final) != 0)
			rc = store_fail(s, STORE_EFAIL, "renaming %s to %s failed", temp, final);
	}
	if (!rc)
		fprintf(report, _("rebuilt %s: %ld records, %ld events\n"), final, r.files, events);
out:
	if (rc) {
		fprintf(report, _("bangfu: rebuild failed: %s\n"), store_error(s));
		if (made_temp)
			unlink(temp);
	}
	git_tree_free(tree);
	git_commit_free(c);
	store_close(s);
	if (made_temp)   /* WAL side files of the temporary name */
		unlink_sides(temp);
	return rc;
}
