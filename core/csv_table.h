/* csv_table.h — a CSV sheet read by its header: the first record names the columns (by
 * field name or Chinese title, as the exporters write them), the rest are rows whose
 * cells are handed out by column. Unknown columns are ignored (an export's shown names
 * read back); a required column missing, or a row with more cells than the header, is a
 * defect naming the line and the column. Used by `import indicators|team_people`. */
#ifndef CORE_CSV_TABLE_H
#define CORE_CSV_TABLE_H
#include "core/register.h"
#include <stddef.h>

struct csv_table_col {
	const char *name;     /* field name: "place" */
	const char *title;    /* Chinese title: "地区代码" */
	int required;         /* the header must have it */
};

#define CSV_TABLE_MAX_COLS 16
struct csv_table_row {
	long line;                                /* physical line the row starts on */
	const char *v[CSV_TABLE_MAX_COLS];        /* by the caller's column index; "" if absent */
};

struct csv_table {
	struct csv_table_row *rows;
	int nrows;
	char **cells;                             /* the cells' text, owned */
	int ncells, cap, caprows;
};

/* Read utf8 (a BOM is skipped) against cols[0..ncols). Each defect is reported through
 * report; returns the number of defects (0: every row read), or -1 out of memory. Cells
 * are trimmed of spaces and the formula guard's quote. Free with csv_table_free. */
int csv_table_read(const char *utf8, size_t len, const struct csv_table_col *cols, int ncols,
                   struct csv_table *out, register_report_fn report, void *ctx);
void csv_table_free(struct csv_table *t);

#endif
