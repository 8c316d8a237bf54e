/* income_form.h — recording an income assessment (收入核算) from the household view: the
 * form asks each line, checks it as typed and keeps a draft (see income_form.c). */
#ifndef TUI_INCOME_FORM_H
#define TUI_INCOME_FORM_H
#include "tui/drafts.h"

/* Ask the assessment of h (resume: a draft's answers to start from, or NULL), then
 * record it. Returns REQ_DONE; the status says what happened. */
int income_form(struct ui *ui, const struct household *h, const struct draft *resume);

#endif
