/* seen.h — "what changed since I last looked": per user and data directory, the newest
 * event of each household's history the user has seen (a small file of
 * "HOUSEHOLD EVENT" lines under the UI state directory, see ui_state.h). */
#ifndef TUI_SEEN_H
#define TUI_SEEN_H
#include "tui/ui_view.h"

/* The newest event of household h the user saw, 0 if never looked. */
long seen_get(struct ui *ui, const char *household);
/* Remember that the user has now seen household h up to event; 0 or -1. */
int seen_set(struct ui *ui, const char *household, long event);

#endif
