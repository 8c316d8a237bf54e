/* case_checks.h — the rule checks of a case in one short line, as the review queue
 * shows them in the UI and `bangfu case queue` prints them: income against the year's
 * monitoring line, days of public notice, measures in place, last visit. */
#ifndef TUI_CASE_CHECKS_H
#define TUI_CASE_CHECKS_H
#include "core/model.h"
#include "core/workflow.h"
#include <stddef.h>

/* shown: in the user's language (a terminal); else the form's Chinese words (a sheet) */
void case_checks_text(const struct household *h, const struct case_facts *f,
                      const struct household_facts *hf, int shown, char *out, size_t n);
/* Shown, each failing check marked with a leading "!" (the UI highlights them): income
 * above the line on the way in (at or below it on the way out), public notice shorter
 * than the rule's days, no measure or no visit on the way out. */
void case_checks_marked(const struct household *h, const struct case_facts *f,
                        const struct household_facts *hf, char *out, size_t n);

#endif
