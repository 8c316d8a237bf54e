/* corrections_tasks.c — a task given to someone else (`task assign`) or its due date moved
 * (`task due`): one audit event each with a reason, and one log entry saying what it was
 * before. The task must be in the caller's scope (outside reads as missing), open or in
 * progress, and the caller may change it as she may start it (core/task.c); a new owner
 * must be an active bangfu user who may work on tasks and sees the task's region. */
#include "store/entity.h"
#include "core/date.h"
#include "core/text.h"
#include <stdio.h>
#include <string.h>

static int set_owner_due(struct store *s, const struct task *t)
{
	sqlite3_stmt *st;
	if (db_cached(s, "UPDATE tasks SET owner = ?, due = ? WHERE id = ? AND version = ?", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, t->owner, -1, SQLITE_STATIC);
	db_bind_text(st, 2, t->due);
	sqlite3_bind_text(st, 3, t->id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, t->version);
	int rc = sqlite3_step(st);
	db_finalize(s, st);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, "saving a task");
}

/* The new owner or due date, checked, into t; the log line into text. */
static int apply(struct store *s, struct task *t, const char *action, const char *value,
                 const char *why, char *text, size_t n)
{
	char err[256];
	if (strcmp(action, "due") == 0) {
		if (value[0] && !date_valid(value))
			return store_fail(s, STORE_EINVAL, "due \"%s\" is not a date (YYYY-MM-DD)", value);
		if (strcmp(value, t->due) == 0)
			return store_fail(s, STORE_EINVAL, "task %s is already due %s", t->id,
			                  value[0] ? value : "never");
		snprintf(text, n, "due %s -> %s: %s", t->due[0] ? t->due : "-", value[0] ? value : "-", why);
		snprintf(t->due, sizeof t->due, "%s", value);
		return 0;
	}
	struct user owner;
	int rc = user_load(s, value, &owner);
	if (rc == STORE_ENOTFOUND || (!rc && !access_in_scope(&owner, t->region)))
		return store_fail(s, STORE_EINVAL, "owner %s: no bangfu user of that login who sees "
		                  "this task's region (%s)", value, t->region);
	if (rc)
		return rc;
	if (owner.disabled[0])
		return store_fail(s, STORE_EINVAL, "owner %s was disabled on %s", value, owner.disabled);
	if (strcmp(owner.login, t->owner) == 0)
		return store_fail(s, STORE_EINVAL, "task %s is already %s's", t->id, value);
	snprintf(text, n, "owner %s -> %s: %s", t->owner, owner.login, why);
	snprintf(t->owner, sizeof t->owner, "%s", owner.login);
	if (task_check_new(&s->lists, t, &owner, err, sizeof err))
		return store_fail(s, STORE_EINVAL, "%s", err);
	return 0;
}

/* The task, the caller's right to change it and (value non-NULL) the new value, checked
 * into t and text without writing; t is freed on failure. */
static int prepare(struct store *s, const struct user *u, const char *id, const char *action,
                   const char *value, long expected_version, const char *why, struct task *t,
                   char *text, size_t n)
{
	char err[512];
	int rc = task_get_current(s, u, id, expected_version, t);
	if (rc)
		return rc;
	/* whoever may start or cancel the task may give it away or move it */
	if (task_may_change(u, t, "cancel", err, sizeof err))
		rc = store_fail(s, STORE_EDENIED, "%s", err);
	else if (value)
		rc = apply(s, t, action, value, why ? why : "", text, n);
	if (rc)
		task_free(t);
	return rc;
}

static int change_in(struct store *s, const struct user *u, const char *id, const char *action,
                     const char *value, long expected_version, const char *why)
{
	struct task t = {0};
	char text[sizeof t.log[0].text];
	if (!why || !why[0])
		return store_fail(s, STORE_EINVAL, "a reason is required (--why TEXT)");
	int rc = prepare(s, u, id, action, value, expected_version, why, &t, text, sizeof text);
	if (rc)
		return rc;
	rc = task_log_change(s, u, &t, action, text, why, t.status, set_owner_due);
	task_free(&t);
	return rc;
}

static int known_action(struct store *s, const char *action)
{
	if (strcmp(action, "assign") != 0 && strcmp(action, "due") != 0)
		return store_fail(s, STORE_EINVAL, "unknown task correction \"%s\"", action);
	return 0;
}

int store_task_correct(struct store *s, const struct user *u, const char *id, const char *action,
                       const char *value, long expected_version, const char *why)
{
	int rc = known_action(s, action);
	if (!rc)
		rc = write_open(s);
	return rc ? rc : write_close(s, change_in(s, u, id, action, value ? value : "",
	                                          expected_version, why));
}

int store_task_correct_check(struct store *s, const struct user *u, const char *id,
                             const char *action, const char *value)
{
	struct task t = {0};
	char text[sizeof t.log[0].text];
	int rc = known_action(s, action);
	if (!rc && !(rc = prepare(s, u, id, action, value, 0, NULL, &t, text, sizeof text)))
		task_free(&t);
	return rc;
}
