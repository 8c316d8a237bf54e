/* task_forms.c — the tasks view's corrections: a task given to someone else (task-assign)
 * or its due date moved (task-due), the same store call as `bangfu task assign|due`.
 * Whether the user may change the task is checked before anything is asked, and the new
 * owner or date when typed (asked again when refused), so nothing is refused after the
 * reason; the save carries the version read first. */
#include "tui/task_forms.h"
#include "core/i18n.h"
#include "tui/view_util.h"
#include "tui/prompt.h"
#include <stdio.h>
#include <string.h>

int task_correct_form(struct ui *ui, const char *id, const char *action)
{
	int due = strcmp(action, "due") == 0;
	char value[64] = "", why[512] = "", label[400];
	struct task t = {0};
	if (store_task_correct_check(ui->s, &ui->me, id, action, NULL))
		return ui_store_error(ui, -1);
	if (store_task_get(ui->s, &ui->me, id, &t))
		return ui_store_error(ui, -1);
	long version = t.version;
	if (due)
		snprintf(value, sizeof value, "%s", t.due);
	snprintf(label, sizeof label, due ? _("%s due (YYYY-MM-DD; empty = none; now %s): ")
	                                  : _("%s to (a login; now %s's): "),
	         id, due ? (t.due[0] ? t.due : _("none")) : t.owner);
	task_free(&t);
	for (;;) {
		if (view_ask_text(ui, label, due, value, sizeof value) != PROMPT_OK)
			return REQ_DONE;
		if (!store_task_correct_check(ui->s, &ui->me, id, action, value))
			break;
		ui_status(ui, 1, "%s", store_error(ui->s));   /* asked again, the answer kept */
	}
	if (!due)
		snprintf(label, sizeof label, _("give %s %s, reason: "), id, value);
	else if (value[0])
		snprintf(label, sizeof label, _("move %s %s, reason: "), id, value);
	else
		snprintf(label, sizeof label, _("move %s to no due date, reason: "), id);
	if (view_ask_reason(ui, label, why, sizeof why) != PROMPT_OK)
		return REQ_DONE;
	if (store_task_correct(ui->s, &ui->me, id, action, value, version, why))
		return ui_store_error(ui, -1);
	ui_changed(ui);
	ui_status(ui, 0, due ? _("task %s: due %s (%s)") : _("task %s: now %s's (%s)"), id,
	          value[0] ? value : _("none"), why);
	return REQ_DONE;
}
