/* task.c — tasks: canonical text, status moves, permissions, urgency (see task.h). */
#include "core/task.h"
#include "core/i18n.h"
#include "core/record.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct flatrec_field task_fields[] = {
	FLATREC(struct task, "task", id, NULL, FR_REQUIRED),
	FLATREC(struct task, "title", title, NULL, FR_REQUIRED),
	FLATREC(struct task, "kind", kind, &codes_task_kind, FR_REQUIRED),
	FLATREC(struct task, "owner", owner, NULL, FR_REQUIRED),
	FLATREC(struct task, "household", household, NULL, 0),
	FLATREC(struct task, "case", case_id, NULL, 0),
	FLATREC(struct task, "town", town, NULL, 0),
	FLATREC(struct task, "pair", pair, NULL, 0),
	FLATREC(struct task, "region", region, NULL, FR_REQUIRED),
	FLATREC(struct task, "due", due, NULL, 0),
	FLATREC(struct task, "status", status, &codes_task_status, FR_REQUIRED),
	FLATREC(struct task, "rule", rule, NULL, 0),
	FLATREC(struct task, "created", created, NULL, FR_REQUIRED),
};
const int task_field_count = (int)(sizeof task_fields / sizeof task_fields[0]);

const struct flatrec_field task_entry_fields[] = {
	FLATREC(struct task_entry, "at", at, NULL, FR_REQUIRED),
	FLATREC(struct task_entry, "by", by, NULL, FR_REQUIRED),
	FLATREC(struct task_entry, "action", action, &codes_task_action, FR_REQUIRED),
	FLATREC(struct task_entry, "text", text, NULL, FR_REQUIRED),
};
const int task_entry_field_count = (int)(sizeof task_entry_fields / sizeof task_entry_fields[0]);

int task_add_entry(struct task *t, const struct task_entry *e)
{
	struct task_entry *grown = realloc(t->log, (size_t)(t->nlog + 1) * sizeof *grown);
	if (!grown)
		return -1;
	t->log = grown;
	t->log[t->nlog++] = *e;
	return 0;
}

void task_free(struct task *t)
{
	free(t->log);
	t->log = NULL;
	t->nlog = 0;
}

void task_render(const struct code_lists *l, const struct task *t, struct buf *out)
{
	flatrec_render(l, task_fields, task_field_count, t, out);
	for (int i = 0; i < t->nlog; i++) {
		buf_addf(out, "\n[log %d]\n", i + 1);
		flatrec_render(l, task_entry_fields, task_entry_field_count, &t->log[i], out);
	}
}

/* Close the entry being parsed: check it and append it to t. */
static int finish_entry(struct task *t, struct task_entry *e, int open, char *err, size_t errlen)
{
	char why[128];
	if (!open)
		return 0;
	if (flatrec_check_required(task_entry_fields, task_entry_field_count, e, why, sizeof why))
		return text_errorf(err, errlen, "[log %d]: %s", t->nlog + 1, why);
	if (task_add_entry(t, e))
		return text_errorf(err, errlen, "out of memory");
	return 0;
}

int task_parse(const struct code_lists *l, const char *text, struct task *t, char *err, size_t errlen)
{
	char key[64], value[2048], why[256];
	size_t pos = 0;
	long line = 0;
	int r, in_log = 0;
	struct task_entry e;
	while ((r = record_next_line(text, &pos, &line, key, sizeof key, value, sizeof value)) > 0) {
		if (r == 2) {
			int n = 0;
			if (sscanf(key, "log %d", &n) != 1 || n != t->nlog + in_log + 1)
				return text_errorf(err, errlen, "line %ld: expected [log %d]", line,
				                   t->nlog + in_log + 1);
			if (finish_entry(t, &e, in_log, err, errlen))
				return -1;
			memset(&e, 0, sizeof e);
			in_log = 1;
			continue;
		}
		int rc = in_log ? flatrec_set(l, task_entry_fields, task_entry_field_count, &e, key, value,
		                              why, sizeof why)
		                : flatrec_set(l, task_fields, task_field_count, t, key, value, why, sizeof why);
		if (rc == 1)
			return text_errorf(err, errlen, "line %ld: unknown key %s", line, key);
		if (rc)
			return text_errorf(err, errlen, "line %ld: %s", line, why);
	}
	if (r < 0)
		return text_errorf(err, errlen, "line %ld: malformed line", line);
	if (finish_entry(t, &e, in_log, err, errlen) ||
	    flatrec_check_required(task_fields, task_field_count, t, err, errlen))
		return -1;
	t->version = t->nlog;
	return 0;
}

int task_is_closed(const char *status)
{
	return strcmp(status, "done") == 0 || strcmp(status, "cancelled") == 0;
}

int task_next_status(const struct task *t, const char *action, char *next,
                     char *err, size_t errlen)
{
	const char *st = t->status, *label = codes_label(&codes_task_status, st);
	static const struct { const char *action, *to, *verb; } moves[] = {
		{"start", "in_progress", N_("started")},
		{"done", "done", N_("marked done")},
		{"cancel", "cancelled", N_("cancelled")},
		{"resolve", "done", N_("resolved")},
	};
	if (strcmp(action, "comment") == 0) {
		snprintf(next, 16, "%s", st);
		return 0;
	}
	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++) {
		if (strcmp(action, moves[i].action) != 0)
			continue;
		if (task_is_closed(st))
			return text_errorf(err, errlen, "task %s is %s (%s): a closed task cannot be %s "
			                   "again (add a new task instead)", t->id, st, label ? codes_shown(label) : "?",
			                   _(moves[i].verb));
		if (strcmp(action, "start") == 0 && strcmp(st, "in_progress") == 0)
			return text_errorf(err, errlen, "task %s is already in progress", t->id);
		snprintf(next, 16, "%s", moves[i].to);
		return 0;
	}
	return text_errorf(err, errlen, "unknown task change \"%s\"", action);
}

int task_may_change(const struct user *u, const struct task *t, const char *action,
                    char *err, size_t errlen)
{
	char next[16];
	if (!access_may_write(u))
		return text_errorf(err, errlen, "an auditor may read but not change tasks");
	if (!access_in_scope(u, t->region))
		return text_errorf(err, errlen, "task %s (region %s) is outside your scope %s", t->id,
		                   t->region, u->scope);
	if (strcmp(action, "comment") != 0 && strcmp(u->login, t->owner) != 0 &&
	    u->role == ROLE_CASEWORKER)
		return text_errorf(err, errlen, "task %s belongs to %s: only its owner or a township "
		                   "reviewer, county approver or administrator may start, finish or "
		                   "cancel it (anyone may comment)", t->id, t->owner);
	/* A rule task is done when its condition ends, not by hand: else it would stay done
	 * while the condition holds and never come back. */
	if (t->rule[0] && strcmp(action, "done") == 0)
		return text_errorf(err, errlen, "task %s was made by the rules (%s): it is resolved by "
		                   "itself once the condition ends (the visit recorded, a development "
		                   "measure in place, the lead decided); cancel it with a reason if it "
		                   "does not apply", t->id, t->rule);
	return task_next_status(t, action, next, err, errlen);
}

int task_check_new(const struct code_lists *l, const struct task *t, const struct user *owner,
                   char *err, size_t errlen)
{
	if (flatrec_check_text("title", t->title, sizeof t->title, TEXT_MAX_TITLE, 1, err, errlen))
		return -1;
	if (!code_lists_label(l, &codes_task_kind, t->kind)) {
		char kinds[400];
		codes_choices(code_lists_table(l, &codes_task_kind), kinds, sizeof kinds);
		return text_errorf(err, errlen, "task kind \"%s\": give one of %s (setting "
		                   "task_kind.CODE adds one)", t->kind, kinds);
	}
	if (t->due[0] && !date_valid(t->due))
		return text_errorf(err, errlen, "due \"%s\" is not a date (YYYY-MM-DD)", t->due);
	if (!access_may_write(owner))
		return text_errorf(err, errlen, "owner %s is an auditor and cannot work on tasks",
		                   owner->login);
	if (!access_in_scope(owner, t->region))
		return text_errorf(err, errlen, "owner %s (scope %s) cannot see region %s of this task",
		                   owner->login, owner->scope, t->region);
	return 0;
}

void task_time_format(long long epoch, char out[TASK_TIME_LEN])
{
	long long days = epoch >= 0 ? epoch / 86400 : -((-epoch + 86399) / 86400);
	long long secs = epoch - days * 86400;
	char date[DATE_LEN];
	date_format(date_from_days((long)days), date);
	snprintf(out, TASK_TIME_LEN, "%sT%02d:%02d:%02dZ", date, (int)(secs / 3600),
	         (int)(secs / 60 % 60), (int)(secs % 60));
}

int task_time_parse(const char *s, long long *epoch)
{
	char date[DATE_LEN];
	int h, m, sec;
	long days;
	char z = 0, extra = 0;
	if (strlen(s) != 20 || s[10] != 'T')
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (date_days(date, &days) != 0 ||
	    sscanf(s + 11, "%2d:%2d:%2d%c%c", &h, &m, &sec, &z, &extra) != 4 || z != 'Z' ||
	    h > 23 || m > 59 || sec > 59 || h < 0 || m < 0 || sec < 0)
		return -1;
	*epoch = (long long)days * 86400 + h * 3600 + m * 60 + sec;
	return 0;
}

long task_urgency(const char *due, const char *today, char *out, int outlen)
{
	long overdue;
	if (!due || !due[0] || date_diff(due, today, &overdue) != 0) {
		snprintf(out, (size_t)outlen, "-");
		return 0;
	}
	if (overdue > 0)
		snprintf(out, (size_t)outlen, _("overdue %ldd"), overdue);
	else if (overdue == 0)
		snprintf(out, (size_t)outlen, "%s", _("due today"));
	else
		snprintf(out, (size_t)outlen, _("in %ldd"), -overdue);
	return overdue;
}
