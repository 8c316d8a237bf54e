/* ui_write.h — `w` in the list, queue and tasks views: the file the user names is
 * asked on the status line, its extension picks the format (.csv: UTF-8 with BOM, as
 * `export`; .xlsx: a workbook), and it is written by the exporters' sheet writer
 * (cli_export.h), opened with the user's own group (a setgid bangfu's is dropped for the
 * open) and never through a symbolic link. An existing file is overwritten only after y. */
#ifndef TUI_UI_WRITE_H
#define TUI_UI_WRITE_H
#include "tui/ui_view.h"
#include "tui/cli_export.h"

/* Ask where to write `what` ("the 340 households") and open the sheet of table t there.
 * Returns the sheet, or NULL (cancelled or refused: the status line says why). */
struct sheet *ui_write_open(struct ui *ui, const char *what, enum export_table t,
                            char *path, size_t n);
/* Close the sheet and say what was written (rows) or why not (failed: a row could not be
 * written, store_rc: the read failed). Returns REQ_DONE or < 0. */
int ui_write_close(struct ui *ui, struct sheet *sh, const char *path, long rows, int failed,
                   int store_rc);
/* Open, write rows 0..n-1 (row(ctx, sheet, i): 0, or non-zero when the row could not be
 * written) and close: the w of a view whose rows are already in memory. */
int ui_write_rows(struct ui *ui, const char *what, enum export_table t, long n,
                  int (*row)(void *ctx, struct sheet *sh, long i), void *ctx);

#endif
