/* ui_state.h — where the UI keeps a user's own state between sessions (drafts, what was
 * last looked at): $XDG_DATA_HOME/bangfu/<what>, else ~/.local/share/bangfu/<what>, else
 * DIR/<what>; directories mode 0700, and only ones the user owns (a shared server's
 * setgid binary must not write where only the bangfu group may: docs/deploy.md). Files
 * are named after the user and the data directory, so two directories or two users
 * never mix. */
#ifndef TUI_UI_STATE_H
#define TUI_UI_STATE_H
#include "tui/ui_view.h"

/* The directory for `what` ("drafts", "seen"), created if missing; 0 or -1 (errno). */
int ui_state_dir(struct ui *ui, const char *what, char *out, size_t n);
/* "<login>-<8 hex digits of the data directory's absolute path>" */
void ui_state_owner(struct ui *ui, char *out, size_t n);
/* The data directory as an absolute path. */
void ui_state_data_dir(struct ui *ui, char *out, size_t n);

#endif
