/* task_change.c — changing a task: start, done, cancel and comment. Each is one audit
 * event "task <action>: <id>" whose reason is the comment or the reason given, and one
 * log entry; the role, scope, owner and status rules are core/task.c's, the version
 * check is the store's (a change to a task someone else changed since you read it is
 * refused, naming who). */
#include "store/entity.h"
#include "core/text.h"
#include <stdio.h>
#include <string.h>

int task_get_current(struct store *s, const struct user *u, const char *id,
                     long expected_version, struct task *t)
{
	char path[128];
	int rc = task_get(s, u, id, t);
	if (rc || expected_version <= 0 || expected_version == t->version)
		return rc;
	entity_path(&entity_tasks, t->id, path, sizeof path);
	rc = entity_stale(s, path, _("task"), t->id, expected_version);
	task_free(t);
	return rc;
}

int task_log_change(struct store *s, const struct user *u, struct task *t, const char *action,
                    const char *text, const char *why, const char *status,
                    int (*update)(struct store *s, const struct task *t))
{
	struct task_entry e;
	char verb[32], next[sizeof t->status];
	int rc;
	if (text_copy(next, sizeof next, status))   /* a copy: status may be t->status */
		return store_fail(s, STORE_EFAIL, "\"%s\" is not a task status", status);
	task_entry_now(&e, u->login, action, text);
	snprintf(verb, sizeof verb, "task %s", action);
	if ((rc = write_begin(s, u, verb, t->id, why)))
		return rc;
	if ((update && (rc = update(s, t))) || (rc = task_append(s, t, &e, next))) {
		write_rollback(s);
		return rc;
	}
	return write_commit(s);
}

/* The change, inside the write transaction: the task and its log are read as they are
 * now (the new entry's seq follows the last one saved). */
static int change_in(struct store *s, const struct user *u, const char *id, const char *action,
                     const char *text, long expected_version)
{
	struct task t = {0};
	char err[512], next[16];
	int rc = task_get_current(s, u, id, expected_version, &t);
	if (rc)
		return rc;
	if (task_may_change(u, &t, action, err, sizeof err) ||
	    task_next_status(&t, action, next, err, sizeof err))
		rc = store_fail(s, STORE_EDENIED, "%s", err);
	else if (flatrec_check_text(strcmp(action, "comment") == 0 ? _("comment") : _("reason"), text,
	                            sizeof t.log[0].text, TEXT_MAX_REASON, 1, err, sizeof err))
		rc = store_fail(s, STORE_EINVAL, "%s", err);
	else
		rc = task_log_change(s, u, &t, action, text, text, next, NULL);
	task_free(&t);
	return rc;
}

int store_task_change(struct store *s, const struct user *u, const char *id, const char *action,
                      const char *text, long expected_version)
{
	int rc = write_open(s);
	return rc ? rc : write_close(s, change_in(s, u, id, action, text, expected_version));
}
