/* audit.c — the audit history: a bare git repository (DIR/audit.git) written only
 * through libgit2. The outbox flush takes every event not yet in git, in id order, under
 * an flock on DIR/audit.lock, and writes one commit per event: its files as blobs, the
 * trees along their paths rebuilt with git_tree_create_updated (a single edit rewrites
 * one blob and a handful of small trees), author = the acting user at the event's time,
 * and trailers `Bangfu-Event: N` and `Bangfu-Uid: U`. The branch moves by
 * compare-and-swap. Every event's objects are written as packs on disk: one small pack
 * for an edit (audit_bulk.c; the small packs are folded together now and then,
 * audit_packs.c); an import or the demo streams its blobs and trees into packs as its
 * files are read, each folder's tree written once its paths are done (audit_stream.c,
 * audit_packw.c), and its commit in a small pack. */
#include "store/internal.h"
#include "core/grow.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#define BULK_FILES 64   /* events touching more files than this are packed in chunks */

int audit_open(struct store *s, int create)
{
	char path[PATH_MAX + 16];
	if (s->repo)
		return 0;
	if (!s->git_on) {
		char why[300];
		if (git_lazy_load(why, sizeof why))
			return store_fail(s, STORE_EFAIL, "audit history: %s", why);
		if (git_lazy_init() < 0)
			return store_gitfail(s, "initialising libgit2");
		s->git_on = 1;
		confine_git_side_doors();
	}
	snprintf(path, sizeof path, "%s/audit.git", s->dir);
	/* bangfu opens no repository but its own; on a shared server the repository belongs
	 * to the bangfu group, not to the user running bangfu (docs/deploy.md). */
	git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	if (create) {
		git_repository_init_options o;
		git_repository_init_options_init(&o, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
		o.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
		o.mode = 02770;   /* shared with the group, nothing for others (core.sharedRepository) */
		o.initial_head = "main";
		o.description = "bangfu audit history: one commit per change, written by bangfu";
		if (git_repository_init_ext(&s->repo, path, &o) < 0)
			return store_gitfail(s, path);
		return 0;
	}
	if (git_repository_open_bare(&s->repo, path) < 0)
		return store_gitfail(s, path);
	return 0;
}

int audit_need(struct store *s)
{
	if (audit_open(s, 0))
		return STORE_EFAIL;
	if (s->git_checked || s->read_only)   /* an aggregate has no main: aggregate.c */
		return 0;
	int rc = audit_check_rewound(s);
	s->git_checked = !rc;
	return rc;
}

int audit_pending(struct store *s)
{
	char missing[8] = "";
	int rc = db_lookup(s, missing, sizeof missing, "SELECT commit_id IS NULL FROM events "
	                   "ORDER BY id DESC LIMIT 1", NULL);
	if (rc == STORE_ENOTFOUND)
		return 0;
	return rc ? -1 : missing[0] == '1';
}

int audit_lock_file(struct store *s, const char *name, int *fd)
{
	char path[PATH_MAX + 64];
	snprintf(path, sizeof path, "%s/%s", s->dir, name);
	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0660);
	int rc = *fd < 0 ? -1 : flock(*fd, LOCK_EX);
	while (rc != 0 && *fd >= 0 && errno == EINTR)   /* the UI's signal handler ran */
		rc = flock(*fd, LOCK_EX);
	if (rc != 0) {
		if (*fd >= 0)
			close(*fd);
		*fd = -1;
		return store_fail(s, STORE_EFAIL, "%s: cannot lock it: %s", path, strerror(errno));
	}
	return 0;
}

void audit_unlock_file(int *fd)
{
	if (*fd >= 0) {
		flock(*fd, LOCK_UN);
		close(*fd);
		*fd = -1;
	}
}

int audit_lock(struct store *s)
{
	return audit_lock_file(s, "audit.lock", &s->lock_fd);
}

void audit_unlock(struct store *s)
{
	audit_unlock_file(&s->lock_fd);
}

struct event {
	long id, at, uid;
	char login[64], name[256], verb[128], subject[256];
	char *reason;
};

/* Local time zone offset in minutes at time t (commits carry it, as git does). */
static int tz_offset(time_t t)
{
	struct tm tm;
	localtime_r(&t, &tm);
	return (int)(tm.tm_gmtoff / 60);
}

/* Build the updates of one event (a blob per file, or a removal) against `base`. */
static int event_tree(struct store *s, git_repository *repo, struct bulk *bk, long event,
                      const git_tree *base, struct event_files *f, git_oid *tree_out)
{
	if (bk && !bk->single)   /* a large event: its files streamed into packs */
		return audit_stream_tree(s, repo, event, base, tree_out);
	if (event_files_read(s, repo, bk, event, f))
		return STORE_EFAIL;
	if (f->n == 0 && base) {
		git_oid_cpy(tree_out, git_tree_id(base));
	} else if (f->n == 0) {
		git_treebuilder *tb;
		int err = git_treebuilder_new(&tb, repo, NULL) < 0 || git_treebuilder_write(tree_out, tb) < 0;
		git_treebuilder_free(tb);
		if (err)
			return store_gitfail(s, "writing the empty tree");
	} else if (git_tree_create_updated(tree_out, repo, (git_tree *)base, f->n, f->up) < 0) {
		return store_gitfail(s, "updating the tree");
	}
	return 0;
}

/* Write the objects of one event's commit into `repo` (whose odb may be an in-memory
 * pack), giving the commit id; the branch is not moved here. */
static int write_commit_objects(struct store *s, git_repository *repo, struct bulk *bk,
                                const struct event *e, const git_oid *parent,
                                struct event_files *f, git_oid *commit_out)
{
	git_commit *parent_commit = NULL;
	git_tree *base = NULL, *tree = NULL;
	git_signature *sig = NULL;
	git_oid tree_id;
	struct buf msg = {0};
	int rc = STORE_EFAIL;
	if (parent && (git_commit_lookup(&parent_commit, repo, parent) < 0 ||
	               git_commit_tree(&base, parent_commit) < 0)) {
		store_gitfail(s, "reading HEAD");
		goto out;
	}
	if (event_tree(s, repo, bk, e->id, base, f, &tree_id))
		goto out;
	if (git_tree_lookup(&tree, repo, &tree_id) < 0) {
		store_gitfail(s, "reading the new tree");
		goto out;
	}
	char email[128];
	snprintf(email, sizeof email, "%s@bangfu", e->login);
	if (git_signature_new(&sig, e->name, email, (git_time_t)e->at, tz_offset((time_t)e->at)) < 0) {
		store_gitfail(s, "making the author signature");
		goto out;
	}
	if (audit_commit_message(e->verb, e->subject, e->reason, e->id, e->uid, &msg)) {
		store_fail(s, STORE_EFAIL, "out of memory");
		goto out;
	}
	const git_commit *parents[1] = {parent_commit};
	if (git_commit_create(commit_out, repo, NULL, sig, sig, "UTF-8", msg.s, tree,
	                      parent_commit ? 1 : 0, parents) < 0) {
		store_gitfail(s, "writing the commit");
		goto out;
	}
	rc = 0;
out:
	buf_free(&msg);
	git_signature_free(sig);
	git_tree_free(tree);
	git_tree_free(base);
	git_commit_free(parent_commit);
	return rc;
}

/* An event's objects as packs on disk (audit_bulk.c): a small event as one pack (four
 * syncs; six loose objects took twelve, docs/performance-write.md), a large one in
 * chunks. */
static int write_commit_packed(struct store *s, const struct event *e, const git_oid *parent,
                               struct event_files *f, int single, git_oid *commit_out)
{
	struct bulk b;
	int rc = bulk_begin(s, &b, single);
	if (!rc)
		rc = write_commit_objects(s, b.repo, &b, e, parent, f, commit_out);
	if (!rc)
		rc = bulk_end(&b, commit_out);
	bulk_free(&b);
	if (!rc) {
		/* make the main handle see the new packs */
		git_odb *main_odb;
		if (git_repository_odb(&main_odb, s->repo) == 0) {
			git_odb_refresh(main_odb);
			git_odb_free(main_odb);
		}
	}
	return rc;
}

/* Move the branch from `old` (NULL: unborn) to `new` — fails if someone else moved it. */
static int move_branch(struct store *s, const git_oid *old, const git_oid *new_id, long event)
{
	git_reference *ref = NULL;
	char log[64];
	snprintf(log, sizeof log, "bangfu event %ld", event);
	int err = old ? git_reference_create_matching(&ref, s->repo, AUDIT_BRANCH, new_id, 1, old, log)
	              : git_reference_create(&ref, s->repo, AUDIT_BRANCH, new_id, 0, log);
	git_reference_free(ref);
	return err < 0 ? store_gitfail(s, "moving the branch (another writer moved it?)") : 0;
}

static int read_event(sqlite3_stmt *st, struct event *e)
{
	memset(e, 0, sizeof *e);
	e->id = sqlite3_column_int64(st, 0);
	e->at = sqlite3_column_int64(st, 1);
	e->uid = sqlite3_column_int64(st, 2);
	snprintf(e->login, sizeof e->login, "%s", db_col_text(st, 3));
	snprintf(e->name, sizeof e->name, "%s", db_col_text(st, 4));
	snprintf(e->verb, sizeof e->verb, "%s", db_col_text(st, 5));
	snprintf(e->subject, sizeof e->subject, "%s", db_col_text(st, 6));
	e->reason = strdup(db_col_text(st, 7));
	return e->reason ? 0 : -1;
}

static int record_commit_id(struct store *s, long event, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];
	sqlite3_stmt *st;
	git_oid_tostr(hex, sizeof hex, id);
	if (db_cached(s, "UPDATE events SET commit_id = ? WHERE id = ?", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, event);
	int rc = sqlite3_step(st);
	db_finalize(s, st);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, "recording the commit id");
}

/* After a crash between a git commit and recording its id, fill in the missing ids by
 * walking back from HEAD. */
static int backfill_commit_ids(struct store *s, const git_oid *head, long last)
{
	sqlite3_stmt *st;
	long missing = 0;
	if (db_cached(s, "SELECT count(*) FROM events WHERE commit_id IS NULL AND id <= ?", &st))
		return STORE_EFAIL;
	sqlite3_bind_int64(st, 1, last);
	if (sqlite3_step(st) == SQLITE_ROW)
		missing = sqlite3_column_int64(st, 0);
	db_finalize(s, st);
	git_oid id = *head;
	while (missing > 0) {
		git_commit *c;
		if (git_commit_lookup(&c, s->repo, &id) < 0)
			return store_gitfail(s, "walking history");
		long ev = audit_trailer_event(git_commit_message(c));
		int rc = ev ? record_commit_id(s, ev, &id) : 0;
		missing--;
		int has_parent = git_commit_parentcount(c) > 0;
		if (has_parent)
			git_oid_cpy(&id, git_commit_parent_id(c, 0));
		git_commit_free(c);
		if (rc)
			return rc;
		if (!has_parent)
			break;
	}
	return 0;
}

static int flush_locked(struct store *s);

int store_flush(struct store *s)
{
	int rc;
	if (!s->db)
		return store_fail(s, STORE_EFAIL, "store is not open");
	if ((rc = audit_need(s)))
		return rc;
	if (audit_lock(s))
		return STORE_EFAIL;
	sigset_t old;
	write_hold_signals(&old);   /* a Ctrl-C now would leave refs/heads/main.lock */
	audit_clear_stale(s);
	/* the commit ids are written without a sync of their own: what a power cut takes
	 * of them, backfill_commit_ids reads back from the history; the next durable
	 * commit (or the checkpoint at close) syncs them with itself */
	rc = db_exec(s, "PRAGMA synchronous=NORMAL");
	if (!rc)
		rc = flush_locked(s);
	if (db_exec(s, "PRAGMA synchronous=FULL") && !rc)
		rc = STORE_EFAIL;
	audit_unlock(s);
	write_release_signals(&old);
	return rc;
}

/* The flush proper, under audit.lock with signals held. */
static int flush_locked(struct store *s)
{
	git_oid head, *parent = NULL;
	long last = 0;
	int rc = 0;
	if (git_reference_name_to_id(&head, s->repo, AUDIT_BRANCH) == 0) {
		git_commit *c;
		if (git_commit_lookup(&c, s->repo, &head) < 0)
			return store_gitfail(s, "reading HEAD");
		last = audit_trailer_event(git_commit_message(c));
		git_commit_free(c);
		parent = &head;
		if ((rc = backfill_commit_ids(s, &head, last)))
			return rc;
	}
	sqlite3_stmt *st;
	if (db_cached(s, "SELECT id, at, uid, login, name, verb, subject, reason FROM events "
	                  "WHERE id > ? ORDER BY id", &st))
		return STORE_EFAIL;
	sqlite3_bind_int64(st, 1, last);
	/* Read the pending events first, then write: no read transaction stays open while
	 * git works. */
	struct event *pending = NULL;
	size_t n = 0, cap = 0;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (GROW(pending, cap, n + 1, 8))
			break;
		if (read_event(st, &pending[n]))
			break;
		n++;
	}
	db_finalize(s, st);
	if (step != SQLITE_DONE)
		rc = store_fail(s, STORE_EFAIL, "reading pending events: out of memory or I/O error");
	for (size_t i = 0; i < n && !rc; i++) {
		git_oid commit;
		struct event_files f = {0};
		int files = event_file_count(s, pending[i].id);
		rc = files < 0 ? STORE_EFAIL
		               : write_commit_packed(s, &pending[i], parent, &f, files <= BULK_FILES, &commit);
		identity_fault("before-branch-move");
		if (!rc)
			rc = move_branch(s, parent, &commit, pending[i].id);
		identity_fault("after-git-commit");
		/* the commit id and the pruning of the texts now in git: one transaction */
		if (!rc && !(rc = db_exec(s, "BEGIN IMMEDIATE"))) {
			rc = record_commit_id(s, pending[i].id, &commit);
			if (!rc)
				rc = event_files_prune(s, pending[i].id);
			rc = rc ? (sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL), rc) : db_exec(s, "COMMIT");
		}
		event_files_free(&f);
		if (!rc) {
			head = commit;
			parent = &head;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(pending[i].reason);
	free(pending);
	/* the history is complete without it: a fold that fails is tried again next time */
	if (!rc && n && audit_fold_small_packs(s))
		store_note(s, "the small packs of the audit history could not be folded now (%s)", s->err);
	return rc;
}
