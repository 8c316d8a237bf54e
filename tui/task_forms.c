/* task_forms.c — the tasks view's corrections: a task given to someone else (task-assign)
 * or its due date moved (task-due), the same store call as `bangfu task assign|due`.
 * Whether the user may change the task is checked before anything is asked, and the new
 * owner or date when typed (asked again when refused), so nothing is refused after the
 * reason; the save carries the version read first. */
#include "tui/task_forms.h"
#include "tui/view_util.h"
#include "tui/prompt.h"
#include <stdio.h>
#include <string.h>

int task_correct_form(struct ui *ui, const char *id, const char *action)
{
	int due = strcmp(action, "due") == 0;
	char value[64] = "", why[512] = "", label[160];
	struct task t = {0};
	if (store_task_correct_check(ui->s, &ui->me, id, action, NULL))
		return ui_store_error(ui, -1);
	if (store_task_get(ui->s, &ui->me, id, &t))
		return ui_store_error(ui, -1);
	long version = t.version;
	if (due)
		snprintf(value, sizeof value, "%s", t.due);
	snprintf(label, sizeof label, due ? "%s due (YYYY-MM-DD; empty = none; now %s): "
	                                  : "%s to (a login; now %s's): ",
	         id, due ? (t.due[0] ? t.due : "none") : t.owner);
	task_free(&t);
	for (;;) {
		if (view_ask_text(ui, label, due, value, sizeof value) != PROMPT_OK)
			return REQ_DONE;
		if (!store_task_correct_check(ui->s, &ui->me, id, action, value))
			break;
		ui_status(ui, 1, "%s", store_error(ui->s));   /* asked again, the answer kept */
	}
	snprintf(label, sizeof label, "%s %s %s, reason: ", due ? "move" : "give", id,
	         due ? (value[0] ? value : "to no due date") : value);
	if (view_ask_reason(ui, label, why, sizeof why) != PROMPT_OK)
		return REQ_DONE;
	if (store_task_correct(ui->s, &ui->me, id, action, value, version, why))
		return ui_store_error(ui, -1);
	ui_changed(ui);
	ui_status(ui, 0, due ? "task %s: due %s (%s)" : "task %s: now %s's (%s)", id,
	          value[0] ? value : "none", why);
	return REQ_DONE;
}
