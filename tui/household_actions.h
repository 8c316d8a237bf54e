/* household_actions.h — recording a visit, a measure or a case step from the household
 * view (see household_actions.c). Each returns REQ_DONE, or < 0 with the status set. */
#ifndef TUI_HOUSEHOLD_ACTIONS_H
#define TUI_HOUSEHOLD_ACTIONS_H
#include "tui/ui_view.h"

int household_add_visit(struct ui *ui, const char *household);
int household_add_measure(struct ui *ui, const struct household *h);
int household_add_task(struct ui *ui, const char *household);
int household_move_case(struct ui *ui, const struct household *h);
/* U: withdraw the user's own latest step on case_id (撤回), refused before the reason is
 * asked when the rule forbids it (someone acted since, not yours, not withdrawable). */
int case_withdraw_form(struct ui *ui, const char *case_id);
/* X: end or correct a measure, correct a visit, add, remove or move a member (asks which,
 * its fields and a reason; checked against the version on screen). */
int household_correct(struct ui *ui, const struct household *h);
/* O: the household as it stood at the end of a day, from the audit history, in a pager. */
int household_as_of(struct ui *ui, const char *household);

#endif
