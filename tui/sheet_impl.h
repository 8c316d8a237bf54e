/* sheet_impl.h — the inside of a sheet (sheet.c), shared with its text (sheet_text.c)
 * and xlsx (sheet_xlsx.c) parts. Not for other callers: they use sheet.h. */
#ifndef TUI_SHEET_IMPL_H
#define TUI_SHEET_IMPL_H
#include "tui/sheet.h"
#include "core/buf.h"
#include "core/csv.h"
#include <stdio.h>

#define SHEET_MAX_COLS 64

struct sheet {
	enum sheet_format format;
	int gbk, multi, ntables;
	FILE *file;                 /* -o FILE (the caller's own rights), else NULL: stdout */
	const char *name;           /* FILE, for messages */
	struct buf out;             /* pending bytes (text, tsv, json, csv) */
	struct csv_out row;         /* csv: the row being written, kept from row to row */
	const struct sheet_col *cols;   /* = colbuf: the caller may reuse its array */
	struct sheet_col colbuf[SHEET_MAX_COLS];
	int ncols, flushed;
	long nrows;
	/* text: the table is held until its widths are known */
	const char *title;
	int width[SHEET_MAX_COLS];
	char **cells;
	long ncells, capcells;
	/* xlsx */
	void *wb, *ws, *bold, *textfmt;
	char tmp[64];               /* the private temporary file the workbook is made in */
	double colw[SHEET_MAX_COLS];
};

int sheet_emit(struct sheet *sh, const char *p, size_t n);
int sheet_text_row(struct sheet *sh, const char *const *v);
void sheet_text_flush(struct sheet *sh);
void sheet_text_free(struct sheet *sh);
int sheet_xlsx_open(struct sheet *sh, char *err, size_t n);
int sheet_xlsx_table(struct sheet *sh, const char *title, const struct sheet_col *cols, int ncols);
int sheet_xlsx_row(struct sheet *sh, const char *const *v);
int sheet_xlsx_close(struct sheet *sh, char *err, size_t n);

#endif
