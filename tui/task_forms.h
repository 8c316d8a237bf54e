/* task_forms.h — giving a task to someone else or moving its due date from the tasks
 * view (see task_forms.c). */
#ifndef TUI_TASK_FORMS_H
#define TUI_TASK_FORMS_H
#include "tui/ui_view.h"

/* action "assign" or "due" on task id: checked first, then the value (asked again when
 * refused), then a reason. REQ_DONE, or < 0 with the status set. */
int task_correct_form(struct ui *ui, const char *id, const char *action);

#endif
