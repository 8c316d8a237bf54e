/* register.h — turn a household-register CSV (one row per person, FORMATS.md) into
 * checked households, reporting every defect with its line and column; and the reverse,
 * households to CSV rows in the same columns (the export).
 *
 * The check sees the whole file before anything is written (read whole, or in pieces by
 * a register_stream that keeps only what crosses households): headers matched by Chinese
 * name or English alias, every value normalised through the field table, rows grouped by
 * 户编号, household-level values equal on every row of a household, sex agreeing with the
 * ID, 在校生状况 xor 文化程度, exactly one 户主, no ID number twice in the file. */
#ifndef CORE_REGISTER_H
#define CORE_REGISTER_H
#include "core/buf.h"
#include "core/csv.h"
#include "core/model.h"

/* Receives each defect: physical line (0 for the file as a whole), the column as the
 * file names it (NULL when it concerns the row or household), and a message. */
typedef void (*register_report_fn)(void *ctx, long line, const char *column, const char *msg);

struct register_row {
	long line;            /* physical line where the row starts */
	int household;        /* index into households */
	char **raw;           /* the row's fields as read (for the rejected-rows file) */
	int nraw;
	char *reason;         /* first defect of this row, if any */
};

struct register_batch {
	struct household *households;
	int nhouseholds;
	char *bad;            /* per household: 1 if any of its rows has a defect */
	struct register_row *rows;
	int nrows, cap_rows;
	char **header;        /* the header as read */
	int nheader;
	int header_owned;     /* 0: the header belongs to the stream the batch came from */
	int defects;          /* number of defects reported */
	int warnings;
	char present[FIELD_COUNT];   /* 1 for each field whose column the file has */
	char income_year[8];  /* set by the caller: 家庭人均纯收入 is that year's assessment */
	char (*income_years)[8];     /* per household, the file's 收入年度 column ("" if none) */
};

/* Parse and check utf8[0..len) as of today ("YYYY-MM-DD"), codes from the tables in
 * effect (lists; NULL: the shipped tables). Every defect goes to report.
 * Returns 0 when the file could be read (defects may still have been found: see
 * batch->defects and batch->bad), -1 when it could not be read at all (no header, a CSV
 * syntax error, out of memory), also reported. */
int register_read_csv(const struct code_lists *lists, const char *utf8, size_t len,
                      const char *today,
                      struct register_batch *batch, register_report_fn report, void *ctx);
void register_batch_free(struct register_batch *batch);

/* The same checks over a file read a piece at a time, for a file too large to hold
 * parsed (import households, docs/performance-write.md). register_stream_open reads
 * the header (its defects and notes in register_stream_head()->defects/warnings);
 * with pieces, the first register_stream_next reads the whole file once for each
 * 户编号's number of rows.
 * register_stream_next then fills batch with the next households: at least `want`
 * (unless the file ends), each with all of its rows wherever they are in the file, so
 * that the household-wide rules hold per piece; an ID number seen in an earlier piece
 * is still reported (only the ID numbers and their lines are kept across pieces).
 * Returns 1 with a piece, 0 at the end, -1 when the file cannot be read (reported).
 * With checked (a second pass over a file already checked: the write), nothing is
 * reported and ID numbers are not kept. Without pieces the first batch is the whole
 * file (register_read_csv). utf8 must stay valid until register_stream_free. */
struct register_stream;
int register_stream_open(struct register_stream **st, const struct code_lists *lists,
                         const char *utf8, size_t len, const char *today, int pieces,
                         int checked, register_report_fn report, void *ctx);
int register_stream_next(struct register_stream *st, int want, struct register_batch *batch);
/* The households of the file (its distinct 户编号), once the first piece is read; 0 before. */
int register_stream_households(const struct register_stream *st);
const struct register_batch *register_stream_head(const struct register_stream *st);
/* past(ctx, offset) is called now and then with how far into utf8 the reader has come:
 * nothing before it is read again (the caller may drop it from memory). */
void register_stream_on_read(struct register_stream *st, void (*past)(void *ctx, size_t offset),
                             void *ctx);
void register_stream_free(struct register_stream *st);

/* The export: the CSV header (Chinese column names) and the rows of one household, in
 * the same columns the import reads. */
void register_csv_header(struct buf *out);
/* The same with national = 1: the national system's column names where they differ
 * (core/register_columns.c), which import reads back. */
void register_csv_header_names(struct buf *out, int national);
void register_csv_rows(const struct code_lists *lists, const struct household *h,
                       struct buf *out);

/* Merge household `in`, read from a register file whose columns are marked in present[],
 * into `kept`, the same household as bangfu holds it (loaded whole). The file is the
 * register's truth for what it carries: household fields whose column it has replace
 * bangfu's, and its members become the members (one missing from the file leaves), each
 * completed from bangfu's member with the same ID number for what the file does not
 * carry (absent columns, the original 15-digit number). Everything else stays as bangfu
 * has it: absent columns, and all the casework — cases with their state, procedure
 * dates, steps, measures, visits and warnings. A file's case columns start a case only
 * on a household without one; otherwise each that differs from the latest case goes to
 * note (column, message) and is not applied. Returns 0, or -1 out of memory. */
typedef void (*register_note_fn)(void *ctx, const char *column, const char *msg);
int register_merge(struct household *kept, const struct household *in,
                   const char present[FIELD_COUNT], register_note_fn note, void *ctx);

#endif
