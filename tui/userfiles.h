/* userfiles.h — files that belong to the person running bangfu, not to the data: the CSV
 * files they import and the files bangfu writes for them (rejected rows, unmatched
 * warnings). On a shared server bangfu is installed setgid to the bangfu group, which
 * reaches the data directory (docs/deploy.md); a file named on the command line must be
 * reached with the person's own group instead, or `import households DIR/bangfu.db` would
 * read the data around the roles and scopes. So such a file is opened with the group
 * dropped back to the person's own for the open, and taken back after. Without setgid
 * the two groups are the same and nothing changes. (The UI's drafts, keys
 * and seen marks are kept only in directories the person owns: ui_state.c, keys.c.) */
#ifndef TUI_USERFILES_H
#define TUI_USERFILES_H
#include <stdio.h>

/* At start: make the bangfu group (the effective one of a setgid binary) the real one
 * too, keeping the person's own group as the saved one. No-op without setgid. */
void userfiles_setup(void);

/* fopen(path, mode) with the person's own group. */
FILE *userfiles_fopen(const char *path, const char *mode);
/* Create or truncate path for writing, with the person's own group, never through a
 * symbolic link (ELOOP: the link is refused, not followed): the files bangfu writes for
 * the person (exports, the UI's `w`). */
FILE *userfiles_create(const char *path);
/* Run fn(ctx) with the person's own group in effect (a library that opens a path of
 * its own, e.g. libxlsxwriter's workbook file), and take the bangfu group back after.
 * Returns fn's result, or -1 if the group could not be dropped (fn not run). */
int userfiles_run(int (*fn)(void *ctx), void *ctx);

#endif
