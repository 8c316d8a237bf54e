/* write.c — the one family every change goes through. write_begin opens a
 * BEGIN IMMEDIATE transaction (unless write_open already did, so that the record was
 * read inside it) and appends the event (the real Unix user, the time, the verb, the
 * subject id and the reason); the caller updates rows (checking versions) and adds the
 * new canonical text of every audit file it touches with write_file; write_commit
 * commits, then flushes the outbox into git. A crash after the SQLite commit loses
 * nothing: the next start flushes. Once SQLite has committed the change is saved: a
 * flush that fails then (a full disk) is a notice, not a failure. */
#include "store/internal.h"
#include "core/text.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>

/* An event's time (and so its commit's): now; in the test-hooks build BANGFU_TEST_NOW
 * (unix seconds) dates it, so a test can make a history over months (show --as-of). */
static time_t event_time(void)
{
#ifdef BANGFU_TEST_HOOKS
	const char *fake = getenv("BANGFU_TEST_NOW");
	if (fake && *fake)
		return (time_t)strtoll(fake, NULL, 10);
#endif
	return time(NULL);
}

int write_open(struct store *s)
{
	if (s->read_only)   /* every change comes here first (write_begin too) */
		return aggregate_refuse(s);
	return sqlite3_get_autocommit(s->db) ? db_exec(s, "BEGIN IMMEDIATE") : 0;
}

int write_close(struct store *s, int rc)
{
	if (rc)
		write_rollback(s);
	return rc;
}

void write_hold_signals(sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGQUIT);
	sigprocmask(SIG_BLOCK, &set, old);
}

void write_release_signals(const sigset_t *old)
{
	/* a signal that came meanwhile is delivered now, with whatever action is set (the
	 * default ends the process; the UI's handler saves its drafts) */
	sigprocmask(SIG_SETMASK, old, NULL);
}

int write_begin(struct store *s, const struct user *actor, const char *verb,
                const char *subject, const char *why)
{
	char login[64];
	unsigned uid;
	sqlite3_stmt *st;
	char err[256];
	if (!why || !why[0])
		return store_fail(s, STORE_EINVAL, "a reason is required (--why TEXT)");
	/* The one place every change goes through: its reason follows the input rule. */
	if (text_check_input("--why", why, TEXT_MAX_REASON, 0, err, sizeof err))
		return store_fail(s, STORE_EINVAL, "%s", err);
	if (identity_login(s, login, sizeof login, &uid))
		return STORE_ENOUSER;
	/* The history is checked (not moved back) at write_commit, before the COMMIT, not
	 * here: the edit's SQLite work then runs while libgit2 is still being loaded on the
	 * preload thread (store_expect_change), and in the usual case the COMMIT too
	 * (audit_tip_recorded). Nothing is saved either way on a history moved back. */
	int rc;
	if (write_open(s))
		return STORE_EFAIL;
	store_code_lists(s);   /* an entry added since we read them must render with its label */
	if (db_cached(s, "INSERT INTO events(at, uid, login, name, verb, subject, reason) "
	                  "VALUES (?,?,?,?,?,?,?)", &st))
		goto fail;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)event_time());
	sqlite3_bind_int64(st, 2, uid);
	sqlite3_bind_text(st, 3, login, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, actor && actor->name[0] ? actor->name : login, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, verb, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, subject, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, why, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	db_finalize(s, st);
	if (rc != SQLITE_DONE) {
		store_sqlfail(s, "recording the event");
		goto fail;
	}
	s->event_id = (long)sqlite3_last_insert_rowid(s->db);
	return 0;
fail:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return STORE_EFAIL;
}

int write_file(struct store *s, const char *path, const char *text)
{
	static const char sql[] = "INSERT OR REPLACE INTO event_files(event_id, path, text, blob) "
	                          "VALUES (?,?,?,?)";
	sqlite3_stmt *st;
	char hex[GIT_OID_HEXSZ + 1] = "";
	if (text && s->pack) {   /* an import or the demo: the blob now, its id kept (defer.c) */
		git_oid id;
		if (packw_add(s->pack, GIT_OBJECT_BLOB, text, strlen(text), &id))
			return STORE_EFAIL;
		git_oid_tostr(hex, sizeof hex, &id);
		text = NULL;
	}
	if (db_cached(s, sql, &st))   /* bulk imports call this per household */
		return STORE_EFAIL;
	sqlite3_bind_int64(st, 1, s->event_id);
	sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
	if (text)
		sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
	if (hex[0])
		sqlite3_bind_text(st, 4, hex, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	db_finalize(s, st);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, "recording the event file");
}

int write_subject(struct store *s, const char *subject)
{
	sqlite3_stmt *st;
	if (db_cached(s, "UPDATE events SET subject = ? WHERE id = ?", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, subject, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, s->event_id);
	int rc = sqlite3_step(st);
	db_finalize(s, st);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, "recording the event's subject");
}

int write_commit(struct store *s)
{
	sigset_t old;
	/* nothing is written on a history moved back; known at once in the usual case (the
	 * branch is the commit recorded last), when the COMMIT need not wait for libgit2 if
	 * it is loaded or on its way (a libgit2 that failed to load, or was not begun, is
	 * loaded now, by audit_need, and a failure refuses the edit as before) */
	int rc = 0;
	if (git_lazy_coming() && audit_tip_recorded(s))
		s->git_checked = 1;
	else
		rc = audit_need(s);
	if (rc) {
		write_rollback(s);
		return rc;
	}
	write_hold_signals(&old);
	if (db_exec(s, "COMMIT")) {
		write_rollback(s);
		write_release_signals(&old);
		return STORE_EFAIL;
	}
	s->event_id = 0;
	identity_fault("after-sqlite-commit");
	if (store_flush(s))
		store_note(s, "saved; the audit history could not be written now (%s) and will "
		           "catch up at the next command",
		           store_disk_full(s) ? strerror(ENOSPC) : s->err);
	write_release_signals(&old);
	return 0;
}

void write_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->event_id = 0;
	s->layout_event = 0;   /* an event id may be given again after a rollback */
	defer_abort(s);
}
