/* form.h — changing one field from the UI: choose the field (when not given), type the
 * new value (Chinese input, Tab offers the code labels), give the reason, and save with
 * store_household_set against the version that was read. A value the store rejects is
 * offered again to fix; a save refused because someone else saved first (or failing) is
 * kept as a draft; input ending mid-form (hang-up) keeps the draft too. */
#ifndef TUI_FORM_H
#define TUI_FORM_H
#include "tui/drafts.h"

enum { FORM_SAVED, FORM_CANCELLED, FORM_REFUSED, FORM_DRAFTED, FORM_END };

/* Edit e (household, member, field or -1, version; value and why prefilled). Returns a
 * FORM_* result; the status line says what happened. */
int form_edit(struct ui *ui, struct edit *e);
/* Set one household-level field to one value on n households (tagged), one reason,
 * after confirming the count. */
int form_edit_many(struct ui *ui, char (*ids)[20], long n);

#endif
