/* household_actions.h — recording a visit, a measure or a case step from the household
 * view (see household_actions.c). Each returns REQ_DONE, or < 0 with the status set. */
#ifndef TUI_HOUSEHOLD_ACTIONS_H
#define TUI_HOUSEHOLD_ACTIONS_H
#include "tui/ui_view.h"

/* V and M: resume (may be NULL) is a draft of the same form to start from. */
struct draft;
int household_add_visit(struct ui *ui, const char *household, const struct draft *resume);
int household_add_measure(struct ui *ui, const struct household *h, const struct draft *resume);
int household_add_task(struct ui *ui, const char *household);
/* C: the next step of the household's open case; without one, offers to open one. */
int household_move_case(struct ui *ui, const struct household *h);
/* May the user open a case on h dated date (NULL: today)? 0, or -1 with the status set. */
int household_may_open(struct ui *ui, const struct household *h, const char *date);
/* Open a case on h (tui/case_open_form.c); resume (may be NULL) a draft of the form. */
int household_open_case(struct ui *ui, const struct household *h, const struct draft *resume);
/* U: withdraw the user's own latest step on case_id (撤回), refused before the reason is
 * asked when the rule forbids it (someone acted since, not yours, not withdrawable). */
int case_withdraw_form(struct ui *ui, const char *case_id);
/* X: end or correct a measure, correct a visit, add, remove or move a member (asks which,
 * its fields and a reason; checked against the version on screen). */
int household_correct(struct ui *ui, const struct household *h);
/* O: the household as it stood at the end of a day, from the audit history, in a pager. */
int household_as_of(struct ui *ui, const char *household);
/* The same for a given day (the history's O: the day of the change under the cursor). */
int household_as_of_day(struct ui *ui, const char *household, const char *date);

#endif
