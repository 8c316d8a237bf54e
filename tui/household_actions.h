/* household_actions.h — recording a visit, a measure or a case step from the household
 * view (see household_actions.c). Each returns REQ_DONE, or < 0 with the status set. */
#ifndef TUI_HOUSEHOLD_ACTIONS_H
#define TUI_HOUSEHOLD_ACTIONS_H
#include "tui/ui_view.h"

int household_add_visit(struct ui *ui, const char *household);
int household_add_measure(struct ui *ui, const struct household *h);
int household_add_task(struct ui *ui, const char *household);
int household_move_case(struct ui *ui, const struct household *h);

#endif
