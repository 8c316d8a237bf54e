/* task.h — a task (任务): title, kind, owner, what it concerns (household, case, town,
 * pair), due date, status and a log. The canonical audit text (field tables, see
 * flatrec.h; one `[log N]` section per log entry), the status moves and who may make
 * them, and how urgent a due date is. Pure.
 *
 * Status: open → in_progress → done / cancelled; open → done / cancelled directly;
 * done and cancelled are closed (a closed task is never reopened: add a new one).
 * Every change appends one log entry, so a task's version is its number of entries. */
#ifndef CORE_TASK_H
#define CORE_TASK_H
#include "core/access.h"
#include "core/date.h"
#include "core/flatrec.h"
#include <stddef.h>

#define TASK_ID_LEN 16
#define TASK_TIME_LEN 24      /* "2026-03-01T08:00:00Z" */

struct task_entry {
	char at[TASK_TIME_LEN];   /* when it was entered, UTC */
	char by[64];              /* login */
	char action[16];          /* codes_task_action */
	char text[1024];          /* the comment, or the reason of the change */
};

struct task {
	char id[TASK_ID_LEN];     /* T0000001 */
	char title[256];
	char kind[24];            /* codes_task_kind */
	char owner[64];           /* a bangfu login */
	char household[24];       /* related records, "" when none */
	char case_id[24];
	char town[64];            /* a town code (as typed: a code or a name) */
	char pair[TASK_ID_LEN];
	char region[16];          /* the most specific region of what it concerns: scope */
	char due[DATE_LEN];       /* "" = no due date */
	char status[16];          /* codes_task_status */
	char rule[96];            /* rule-made tasks: "visit_due:C0000001:2026-03-10" */
	char created[DATE_LEN];
	long version;             /* = nlog */
	struct task_entry *log;
	int nlog;
};

extern const struct flatrec_field task_fields[];
extern const int task_field_count;
extern const struct flatrec_field task_entry_fields[];
extern const int task_entry_field_count;

/* Append one log entry (copied); 0 or -1 out of memory. */
int task_add_entry(struct task *t, const struct task_entry *e);
void task_free(struct task *t);

/* The canonical text: the task's fields, then "[log N]" and each entry's fields. */
void task_render(const struct code_lists *l, const struct task *t, struct buf *out);
/* Parse it back into t (zeroed by the caller; free with task_free). version = nlog.
 * Returns 0, or -1 with a message naming the line. */
int task_parse(const struct code_lists *l, const char *text, struct task *t, char *err, size_t errlen);

/* 1 for done and cancelled. */
int task_is_closed(const char *status);
/* The status a change leads to: action start, done, cancel or resolve from `status`,
 * or comment (the status stays). Returns 0 and fills next (16 bytes), or -1 with the
 * refusal, e.g. "task T0000001 is done: it cannot be started again (add a new task)". */
int task_next_status(const struct task *t, const char *action, char *next,
                     char *err, size_t errlen);
/* May u make change `action` to task t? An auditor changes nothing; the task's region
 * must be in u's scope; start, done and cancel are for the owner or a township reviewer,
 * county approver or administrator; anyone else who may write may comment. Then the
 * status move must be legal. 0, or -1 with the refusal in err. */
int task_may_change(const struct user *u, const struct task *t, const char *action,
                    char *err, size_t errlen);
/* Checks on a new task: title, kind, due date, and that owner (a bangfu user who may
 * write) has the task's region in scope. 0, or -1 with the problem in err. */
int task_check_new(const struct code_lists *l, const struct task *t, const struct user *owner,
                   char *err, size_t errlen);

/* Epoch seconds ↔ "YYYY-MM-DDTHH:MM:SSZ" (UTC, no time zone rules). */
void task_time_format(long long epoch, char out[TASK_TIME_LEN]);
int task_time_parse(const char *s, long long *epoch);

/* How urgent `due` is on `today`: "overdue 12d", "due today", "in 3d", or "-" when there
 * is no due date. Returns days overdue (> 0 overdue, <= 0 days left; 0 without a date). */
long task_urgency(const char *due, const char *today, char *out, int outlen);

#endif
