/* verify_chain.c — `audit verify` proves the whole history, not only HEAD: it walks the
 * commits from the root and holds each against its events row. Commit N must carry
 * `Bangfu-Event: N`, have the event's author (name, login@bangfu) and time as author and
 * committer, the message audit.c writes for the event, and a tree that is commit N-1's
 * with exactly the event's files (event_files: path, text or, once flushed, the blob id;
 * both NULL = delete) applied;
 * the events row must record commit N's id. The walk stops at the first event where
 * database and history part and says what differs.
 *
 * The expected tree is built as the flush builds it (git_tree_create_updated on the
 * parent's tree), with blob ids hashed from the event's texts (git_odb_hash, no blob is
 * read or written) and the new trees written to an in-memory object database on a second
 * handle, emptied after each commit: nothing is written to audit.git. Equal tree ids
 * prove equal trees, so an event of 100,000 files costs one tree build, no diff. */
#include "store/verify.h"
#include "core/grow.h"
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

long chain_event_of(git_repository *repo, const git_oid *id)
{
	git_commit *c;
	if (git_commit_lookup(&c, repo, id) < 0)
		return 0;
	long ev = audit_trailer_event(git_commit_message(c));
	git_commit_free(c);
	return ev;
}

int chain_first_parent(git_commit *c, git_oid *id)
{
	int more = git_commit_parentcount(c) > 0;
	if (more)
		git_oid_cpy(id, git_commit_parent_id(c, 0));
	git_commit_free(c);
	return more;
}

int chain_collect(struct store *s, git_repository *repo, const git_oid *tip, git_oid **oids,
                  long *n)
{
	long cap = 0;
	git_oid id = *tip;
	*n = 0;
	*oids = NULL;
	for (;;) {
		git_commit *c;
		if (GROW(*oids, cap, *n + 1, 1024))
			return store_fail(s, STORE_EFAIL, "out of memory");
		if (git_commit_lookup(&c, repo, &id) < 0)
			return store_gitfail(s, "walking history");
		(*oids)[(*n)++] = id;
		if (!chain_first_parent(c, &id))
			break;
	}
	for (long i = 0; i < *n / 2; i++) {   /* oldest first */
		git_oid t = (*oids)[i];
		(*oids)[i] = (*oids)[*n - 1 - i];
		(*oids)[*n - 1 - i] = t;
	}
	return 0;
}

struct row {
	long id, at, uid;
	const char *login, *name, *verb, *subject, *reason, *commit;
};

struct chain {
	struct store *s;
	FILE *report;
	git_repository *scratch;   /* a second handle whose writes go to memory */
	git_odb_backend *mem;
	git_tree_update *up;       /* one event's updates, reused */
	char **paths;
	size_t cap;
	long problems;             /* differences found at the current event */
	char hex[GIT_OID_HEXSZ + 1];
};

/* Print one difference at event (the first one under a heading naming the event). */
static void differ(struct chain *ch, long event, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void differ(struct chain *ch, long event, const char *fmt, ...)
{
	va_list ap;
	if (!ch->problems)
		fprintf(ch->report, _("the database and the history part at event %ld (commit %.12s):\n"),
		        event, ch->hex);
	fprintf(ch->report, _("  event %ld: "), event);
	va_start(ap, fmt);
	vfprintf(ch->report, fmt, ap);
	va_end(ap);
	fputc('\n', ch->report);
	ch->problems++;
}

static int open_scratch(struct chain *ch)
{
	char path[PATH_MAX + 16];
	git_odb *odb = NULL;
	snprintf(path, sizeof path, "%s/audit.git", ch->s->dir);
	int err = git_repository_open_bare(&ch->scratch, path);
	if (!err)
		err = git_repository_odb(&odb, ch->scratch);
	if (!err)
		err = git_mempack_new(&ch->mem);
	if (!err && (err = git_odb_add_backend(odb, ch->mem, 1000)) < 0) {
		ch->mem->free(ch->mem);
		ch->mem = NULL;
	}
	git_odb_free(odb);   /* the repository keeps it, and it the backend */
	return err < 0 ? store_gitfail(ch->s, "opening a scratch copy of the history") : 0;
}

/* Which line of the commit message differs from the one the flush writes for the event
 * (audit_commit_message; a history written before may carry the first form,
 * audit_commit_message_v1): 0 when none, -1 when out of memory. */
static long message_differs(const struct row *e, const char *msg)
{
	struct buf want = {0}, v1 = {0};
	if (audit_commit_message(e->verb, e->subject, e->reason, e->id, e->uid, &want) ||
	    audit_commit_message_v1(e->verb, e->subject, e->reason, e->id, e->uid, &v1)) {
		buf_free(&want);
		buf_free(&v1);
		return -1;
	}
	long line = 0;
	if (strcmp(msg, want.s) != 0 && strcmp(msg, v1.s) != 0) {
		const char *w = want.s;
		line = 1;
		for (; *msg && *msg == *w; msg++, w++)
			line += *msg == '\n';
	}
	buf_free(&want);
	buf_free(&v1);
	return line;
}

static void check_signature(struct chain *ch, const struct row *e, const git_signature *sig,
                            const char *who)
{
	char email[128];
	snprintf(email, sizeof email, "%s@bangfu", e->login);
	if (strcmp(sig->name, e->name) != 0)
		differ(ch, e->id, _("the commit %s's name is not the event's (events.name)"), who);
	if (strcmp(sig->email, email) != 0)
		differ(ch, e->id, _("the commit %s's login is not the event's (events.login)"), who);
	if ((long)sig->when.time != e->at)
		differ(ch, e->id, _("the commit %s's time is not the event's (events.at)"), who);
}

/* Read the event's files into ch->up (blob ids hashed from the texts). */
static int event_updates(struct chain *ch, long event, size_t *n)
{
	sqlite3_stmt *st;
	int step;
	*n = 0;
	if (db_cached(ch->s, "SELECT path, text, blob FROM event_files WHERE event_id = ? ORDER BY path",
	              &st))
		return STORE_EFAIL;
	sqlite3_bind_int64(st, 1, event);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == ch->cap) {
			size_t cap = grow_cap(ch->cap, *n + 1, 64, sizeof *ch->up);
			if (!cap || grow_array(&ch->up, sizeof *ch->up, cap) ||
			    grow_array(&ch->paths, sizeof *ch->paths, cap))
				break;
			ch->cap = cap;
		}
		git_tree_update *u = &ch->up[*n];
		memset(u, 0, sizeof *u);
		if (!(ch->paths[*n] = strdup(db_col_text(st, 0))))
			break;
		u->path = ch->paths[(*n)++];
		if (*n >= 1000)   /* a large event (an import): its files take a while */
			store_progress(ch->s, N_("files of one event checked"), (long)*n, 0);
		int pruned = sqlite3_column_type(st, 1) == SQLITE_NULL &&
		             sqlite3_column_type(st, 2) != SQLITE_NULL;
		if (sqlite3_column_type(st, 1) == SQLITE_NULL && !pruned) {
			u->action = GIT_TREE_UPDATE_REMOVE;
			continue;
		}
		u->action = GIT_TREE_UPDATE_UPSERT;
		u->filemode = GIT_FILEMODE_BLOB;
		if (pruned) {   /* the text is in git only: compare the blob id kept (audit.c) */
			if (git_oid_fromstr(&u->id, db_col_text(st, 2)) < 0)
				memset(&u->id, 0, sizeof u->id);   /* a forged id: differs from any */
			continue;
		}
		const void *text = sqlite3_column_blob(st, 1);
		git_odb_hash(&u->id, text ? text : "", (size_t)sqlite3_column_bytes(st, 1), GIT_OBJECT_BLOB);
	}
	db_finalize(ch->s, st);
	return step == SQLITE_DONE ? 0 : store_fail(ch->s, STORE_EFAIL, "reading event %ld's files: "
	                                             "out of memory or I/O error", event);
}

/* Name (up to five of) the paths where the commit's tree and the expected one differ. */
static void name_paths(struct chain *ch, long event, const git_oid *want, const git_oid *got)
{
	git_tree *a = NULL, *b = NULL;
	git_diff *d = NULL;
	if (git_tree_lookup(&a, ch->scratch, want) == 0 && git_tree_lookup(&b, ch->scratch, got) == 0 &&
	    git_diff_tree_to_tree(&d, ch->scratch, a, b, NULL) == 0) {
		size_t n = git_diff_num_deltas(d);
		for (size_t i = 0; i < n && i < 5; i++) {
			const git_diff_delta *x = git_diff_get_delta(d, i);
			const char *how = x->status == GIT_DELTA_ADDED ? _("in the commit but not in the event")
			                : x->status == GIT_DELTA_DELETED ? _("in the event but not in the commit")
			                : _("the commit's text is not the event's");
			fprintf(ch->report, "    %s: %s\n", x->new_file.path ? x->new_file.path : x->old_file.path, how);
		}
		if (n > 5)
			fprintf(ch->report, _("    ... %zu paths in all\n"), n);
	}
	git_diff_free(d);
	git_tree_free(a);
	git_tree_free(b);
}

/* The commit's tree must be its parent's with exactly the event's files applied. */
static int check_tree(struct chain *ch, long event, git_commit *c)
{
	git_commit *parent = NULL;
	git_tree *base = NULL;
	git_oid want;
	size_t n = 0;
	int rc = event_updates(ch, event, &n);
	if (!rc && git_commit_parentcount(c) > 0 &&
	    (git_commit_parent(&parent, c, 0) < 0 || git_commit_tree(&base, parent) < 0))
		rc = store_gitfail(ch->s, "reading a parent commit");
	if (!rc) {
		int err;
		if (n == 0 && base) {
			git_oid_cpy(&want, git_tree_id(base));
			err = 0;
		} else if (n == 0) {
			git_treebuilder *tb = NULL;
			err = git_treebuilder_new(&tb, ch->scratch, NULL);
			if (!err)
				err = git_treebuilder_write(&want, tb);
			git_treebuilder_free(tb);
		} else {
			err = git_tree_create_updated(&want, ch->scratch, base, n, ch->up);
		}
		if (err < 0) {
			const git_error *e = git_error_last();
			differ(ch, event, _("its files do not apply to the previous commit's tree (%s)"),
			       e && e->message ? e->message : _("libgit2 error"));
		} else if (!git_oid_equal(&want, git_commit_tree_id(c))) {
			differ(ch, event, "%s", _("the commit's tree is not the previous tree with the event's files "
			       "(event_files) applied:"));
			name_paths(ch, event, &want, git_commit_tree_id(c));
		}
	}
	for (size_t i = 0; i < n; i++)
		free(ch->paths[i]);
	git_tree_free(base);
	git_commit_free(parent);
	git_mempack_reset(ch->mem);
	return rc;
}

/* Commit `id`, the index-th from the root, against the events row e (NULL: none). */
static int check_commit(struct chain *ch, long index, const git_oid *id, const struct row *e)
{
	git_commit *c;
	long want = index + 1;
	git_oid_tostr(ch->hex, sizeof ch->hex, id);
	if (git_commit_lookup(&c, ch->s->repo, id) < 0)
		return store_gitfail(ch->s, "reading a commit");
	long ev = audit_trailer_event(git_commit_message(c));
	if (git_commit_parentcount(c) > 1)
		differ(ch, want, "%s", _("its commit has more than one parent: the history is not a straight line"));
	if (ev != want)
		differ(ch, want, ev > 0 ? _("the commit in its place carries Bangfu-Event %ld (a commit added, "
		                            "dropped or moved by hand)")
		                        : _("the commit in its place carries no Bangfu-Event trailer, read as %ld "
		                            "(a commit added, dropped or moved by hand)"), ev);
	if (!e || e->id != want) {
		differ(ch, want, "%s", _("the database has no such event (a row deleted?)"));
		git_commit_free(c);
		return 0;
	}
	int rc = 0;
	if (ev == want) {
		if (!e->commit[0])
			differ(ch, want, "%s", _("the database records no commit id for it"));
		else if (strcmp(e->commit, ch->hex) != 0)
			differ(ch, want, _("the database records commit %.12s, not the history's"), e->commit);
		check_signature(ch, e, git_commit_author(c), _("author"));
		check_signature(ch, e, git_commit_committer(c), _("committer"));
		long line = message_differs(e, git_commit_message_raw(c));
		if (line)
			differ(ch, want, _("the commit message is not the event's (verb: subject, reason, "
			       "trailers) from its line %ld on"), line);
		rc = check_tree(ch, want, c);
	}
	git_commit_free(c);
	return rc;
}

static void read_row(sqlite3_stmt *st, struct row *e)
{
	e->id = sqlite3_column_int64(st, 0);
	e->at = sqlite3_column_int64(st, 1);
	e->uid = sqlite3_column_int64(st, 2);
	e->login = db_col_text(st, 3);
	e->name = db_col_text(st, 4);
	e->verb = db_col_text(st, 5);
	e->subject = db_col_text(st, 6);
	e->reason = db_col_text(st, 7);
	e->commit = db_col_text(st, 8);
}

static int walk(struct chain *ch, const git_oid *oids, long n, long *events)
{
	sqlite3_stmt *st;
	struct row e;
	int rc = 0, step = SQLITE_DONE;
	if (db_prepare(ch->s, "SELECT id, at, uid, login, name, verb, subject, reason, commit_id "
	                      "FROM events ORDER BY id", &st))
		return STORE_EFAIL;
	int have = (step = sqlite3_step(st)) == SQLITE_ROW;
	long i = 0;
	for (; i < n && !rc && !ch->problems; i++) {
		if (have)
			read_row(st, &e);
		rc = check_commit(ch, i, &oids[i], have ? &e : NULL);
		store_progress(ch->s, N_("commits checked"), i + 1, n);
		if (have && e.id == i + 1)
			have = (step = sqlite3_step(st)) == SQLITE_ROW;
	}
	if (!rc && !ch->problems && have) {
		ch->hex[0] = '\0';
		fprintf(ch->report, _("the database and the history part at event %lld:\n  event %lld is in "
		        "the database but not in the history (a commit dropped, or never written)\n"),
		        sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 0));
		ch->problems++;
	} else if (!rc && !ch->problems && step != SQLITE_DONE) {
		rc = store_sqlfail(ch->s, "reading the events");
	}
	*events = i;
	store_progress(ch->s, NULL, 0, 0);
	sqlite3_finalize(st);
	return rc;
}

int chain_verify(struct store *s, const git_oid *head, FILE *report, long *problems,
                 long *events)
{
	struct chain ch = {.s = s, .report = report};
	git_oid *oids = NULL;
	long n = 0;
	int rc = chain_collect(s, s->repo, head, &oids, &n);
	if (!rc)
		rc = open_scratch(&ch);
	if (!rc) {
		/* the blobs of the expected trees are hashed, not written: let libgit2 take their
		 * ids without looking for them (the tree ids are compared, that is the proof) */
		git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 0);
		rc = walk(&ch, oids, n, events);
		git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 1);
	}
	*problems += ch.problems;
	if (ch.mem)
		git_mempack_reset(ch.mem);
	git_repository_free(ch.scratch);
	free(ch.up);
	free(ch.paths);
	free(oids);
	return rc;
}

/* The database records an event's commit id only after the branch has moved to it, and
 * the branch only moves forward: an event past HEAD's with a commit id recorded means the
 * history was moved back (reset, or a commit put on top by hand). Flushing would then
 * write those events again, as if nothing had happened; refuse instead. The database is
 * read before HEAD, so a flush running meanwhile cannot make it look so. */
int audit_check_rewound(struct store *s)
{
	char ahead[24] = "", commit[GIT_OID_HEXSZ + 1] = "", tip[GIT_OID_HEXSZ + 1] = "none";
	git_oid head;
	if (db_lookup(s, ahead, sizeof ahead, "SELECT id FROM events WHERE commit_id IS NOT NULL "
	              "ORDER BY id DESC LIMIT 1", NULL) == STORE_EFAIL)
		return STORE_EFAIL;
	long recorded = atol(ahead), last = 0;
	if (recorded <= 0)
		return 0;
	if (git_reference_name_to_id(&head, s->repo, "refs/heads/main") == 0) {
		last = chain_event_of(s->repo, &head);
		git_oid_tostr(tip, sizeof tip, &head);
	}
	if (recorded <= last)
		return 0;
	db_lookup(s, commit, sizeof commit, "SELECT commit_id FROM events WHERE id = "
	          "CAST(? AS INTEGER)", ahead, NULL);
	return store_fail(s, STORE_EVERIFY, last ? N_("the audit history was moved back: event %ld was "
	                  "committed as %.12s, but the branch now ends at commit %.12s, which carries "
	                  "event %ld (a reset, or a commit put on top by hand). Nothing is written until "
	                  "it is put right: see docs/reliability.md, Tampering")
	                  : N_("the audit history was moved back: event %ld was committed as %.12s, but "
	                  "the branch now ends at commit %.12s, which carries no event: %ld (a reset, or a "
	                  "commit put on top by hand). Nothing is written until it is put right: see "
	                  "docs/reliability.md, Tampering"), recorded, commit, tip, last);
}

/* audit_check_rewound's answer where it is sure without libgit2: the branch's loose ref
 * (read as a file) names exactly the commit recorded for the last event that has one, so
 * the branch carries that event and has not been moved back. An edit then commits while
 * libgit2 may still be loading on the preload thread (store_expect_change). Anything
 * else (a packed or symbolic ref, no commit recorded yet, another tip) is left to
 * audit_check_rewound. The database is read first, as there. */
int audit_tip_recorded(struct store *s)
{
	char commit[GIT_OID_HEXSZ + 1] = "", tip[GIT_OID_HEXSZ + 2], path[PATH_MAX + 32];
	if (db_lookup(s, commit, sizeof commit, "SELECT commit_id FROM events WHERE commit_id "
	              "IS NOT NULL ORDER BY id DESC LIMIT 1", NULL) || strlen(commit) != GIT_OID_HEXSZ)
		return 0;
	snprintf(path, sizeof path, "%s/audit.git/refs/heads/main", s->dir);
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, tip, sizeof tip);
	close(fd);
	return n == GIT_OID_HEXSZ + 1 && tip[GIT_OID_HEXSZ] == '\n' &&
	       memcmp(tip, commit, GIT_OID_HEXSZ) == 0;
}
