/* sheet.h — one writer for every table the CLI hands out as data: `export` and `report`
 * files, `list --format ...`. A sheet holds one or more tables (report: one per table)
 * and writes them as
 *   text  aligned columns for a terminal (through the output sanitiser);
 *   tsv   a header line of field names, then rows; TAB, LF, CR and \ in values as \t \n \r \\;
 *   json  an array of objects keyed by field name (several tables: an object of arrays);
 *   csv   UTF-8 with BOM, or GB18030 (--encoding gbk), Chinese titles, formula guard;
 *   xlsx  a workbook (libxlsxwriter): a sheet per table, Chinese titles in bold, ID
 *         numbers, 户编号 and phones as text cells, widths from the values, the header row
 *         frozen, an autofilter over the table.
 * Field names (tsv, json) are stable: docs/scripting.md. Output goes to standard output,
 * or to FILE opened with the caller's own rights (userfiles_fopen: a setgid bangfu must
 * never write where only the bangfu group may). */
#ifndef TUI_SHEET_H
#define TUI_SHEET_H
#include <stddef.h>

enum sheet_format { SHEET_TEXT, SHEET_TSV, SHEET_JSON, SHEET_CSV, SHEET_XLSX };
enum sheet_kind { SK_TEXT, SK_NUMBER, SK_CODE };  /* SK_CODE: digits kept as text (ID, 户编号, phone) */

struct sheet_col {
	const char *name;     /* stable field name (tsv, json) */
	const char *title;    /* Chinese column title (csv, xlsx, text) */
	enum sheet_kind kind;
};

struct sheet;

/* "text", "tsv", "json", "csv", "xlsx" → *out; -1 if not one of `allowed` (a mask of
 * 1 << SHEET_...). NULL gives `dflt`. */
int sheet_format_parse(const char *s, unsigned allowed, enum sheet_format dflt, enum sheet_format *out);
/* Open a sheet writing to `file` (NULL or "-": standard output). encoding: NULL/"utf-8"
 * or "gbk" (csv and tsv only). NULL with a message in err on failure. */
struct sheet *sheet_open(enum sheet_format f, const char *file, const char *encoding, int tables,
                         char *err, size_t n);
/* Start a table (its title names the xlsx sheet and heads it in text, csv and tsv when
 * the sheet holds several). cols must stay valid until the next sheet_table or close. */
int sheet_table(struct sheet *sh, const char *name, const char *title, const struct sheet_col *cols,
                int ncols);
/* One row: ncols values (NULL = empty). Returns 0 or -1 (out of memory, write error). */
int sheet_row(struct sheet *sh, const char *const *values);
/* Write what remains and close. Returns 0, or -1 with err filled; frees sh either way. */
int sheet_close(struct sheet *sh, char *err, size_t n);

#endif
