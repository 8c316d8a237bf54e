/* cli_export.h — the table output of the CLI (cli_export.c) that other verbs share:
 * `list --format` and `task list --format` print their rows through the same sheet
 * writer as the exports. */
#ifndef TUI_CLI_EXPORT_H
#define TUI_CLI_EXPORT_H
#include "tui/cli.h"
#include "tui/sheet.h"

/* The households of `list` matching q (up to limit, 0 = all) as --format tsv|json|csv. */
int cli_list_sheet(struct cli *c, const struct query *q, long limit);
/* The tasks in scope (--owner, --status or else status_dflt, --household) in one of the
 * formats of `allowed` (1 << SHEET_...), dflt when --format is not given. */
int cli_task_sheet(struct cli *c, unsigned allowed, enum sheet_format dflt, const char *status_dflt);

/* show --format: h's register rows, one per member. */
int cli_show_sheet(struct cli *c, const struct household *h);
/* today --format: the items `today` lists, the first `limit` (0 = all; how many more is
 * said on standard error). */
int cli_today_sheet(struct cli *c, long limit);
/* case queue --format: a sheet with the queue's columns (case, household, head, state,
 * since, checks), or NULL with *rc the exit code; rows go in with sheet_row, and
 * cli_sheet_finish closes it (store_rc: the store call's result). */
struct sheet *cli_queue_sheet_open(struct cli *c, int *rc);
int cli_sheet_finish(struct cli *c, struct sheet *sh, int store_rc);
/* An export's sheet (--format csv|xlsx|tsv|json, --encoding, --output) holding one table
 * with cols, or NULL with *rc the exit code; closed by cli_sheet_finish. */
struct sheet *cli_export_sheet_open(struct cli *c, const char *name, const char *title,
                                    const struct sheet_col *cols, int ncols, int *rc);

/* The same tables for the UI's `w` (ui_write.c): a sheet writing `file` (opened with the
 * caller's own rights, never through a symlink) with the table's columns, or NULL with
 * err; rows go in with the row functions (or sheet_row: the queue's six columns). */
enum export_table { EXPORT_HOUSEHOLDS, EXPORT_QUEUE, EXPORT_TODAY };
struct sheet *export_sheet_open(enum export_table t, enum sheet_format f, const char *file,
                                char *err, size_t n);
struct code_lists;
struct today_item;
int export_household_row(struct sheet *sh, const struct code_lists *lists, const struct household *h);
int export_today_row(struct sheet *sh, const struct today_item *it);
/* A household flag of `today` as a row of that table (rule "flag"). */
struct today_flag;
int export_today_flag_row(struct sheet *sh, const struct today_flag *f);

#endif
