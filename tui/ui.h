/* ui.h — the terminal UI's face to the command line: `bangfu` without a verb opens it
 * (tui/cli.c), on the data directory, as the calling bangfu user. */
#ifndef TUI_UI_H
#define TUI_UI_H
#include "tui/cli.h"

/* Refuse clearly (on stderr) when the UI cannot run here: stdin or stdout is not a
 * terminal, or the locale is not UTF-8 and C.UTF-8 cannot be set instead. Returns
 * EXIT_OK or EXIT_FAIL. */
int ui_preflight(void);
/* `bangfu --dump-keys` (hidden): the default keys, one line per action and keymap
 * section binding it, ACTION TAB SECTION TAB KEYS TAB HELP (keys space separated,
 * sections generic then the views in VIEW_LIST order). docs/keys.sh makes docs/ui.md's
 * key table from it. Returns 0, or -1 when the defaults do not parse. */
#include <stdio.h>
int ui_dump_keys(FILE *out);
/* The UI as a verb handler: runs on c->s as c->me until the user quits or input ends.
 * The terminal is restored on every way out. */
int ui_main(struct cli *c);

#endif
