/* csv.h — RFC 4180 CSV: a reader over a UTF-8 buffer that reports the physical line a
 * record starts on (quoted fields may hold commas, doubled quotes, CR/LF newlines), and
 * a writer that quotes only what needs it. CRLF and LF are both accepted. */
#ifndef CORE_CSV_H
#define CORE_CSV_H
#include <stddef.h>

struct csv_reader {
	const char *buf;
	size_t len, pos;
	long line;          /* physical line of the next byte, 1-based */
	long err_line;      /* after csv_read returned -1: the line the error is on */
};

struct csv_record {
	char **fields;      /* NUL-terminated copies, owned by the record */
	size_t *room;       /* bytes allocated for each of fields, reused by the next record */
	int nfields, cap;
	long line;          /* physical line the record started on */
};

/* Start reading buf (a leading UTF-8 BOM is skipped). */
void csv_reader_init(struct csv_reader *r, const char *buf, size_t len);
/* Read the next record into rec (reusing its storage; start from a zeroed record).
 * Returns 1 on a record, 0 at end of input, -1 on a syntax error (unterminated quote,
 * text after a closing quote, a NUL byte) with a message in err naming the line, e.g.
 * "line 7: quoted field never closed (opened at line 5)" (the number alone is in
 * r->err_line; r->line has moved on). Blank lines are skipped. After -1 the reader
 * has skipped the rest of the bad physical line, so reading on reports further errors. Line breaks are LF, CRLF or a lone CR; a quote inside an
 * unquoted field is kept literally. */
int csv_read(struct csv_reader *r, struct csv_record *rec, char *err, size_t errlen);
void csv_record_free(struct csv_record *rec);
/* A csv_read error message without its leading "line N: " (for callers that print
 * FILE:LINE: themselves). */
const char *csv_error_text(const char *err);
/* 1 if every field is empty or only spaces/tabs/U+3000: the ",,,,," rows spreadsheets
 * write for formatted but empty rows. */
int csv_record_is_empty(const struct csv_record *rec);

/* Formula guard (docs/text.md). A spreadsheet (Excel, WPS, LibreOffice) runs a cell
 * that starts with = + - @ (or a tab or CR before them) as a formula: "=HYPERLINK(...)"
 * in a name would act when the export is opened. Such a cell is written with a single
 * quote in front ('=1+1), which spreadsheets show as text; so is one that already
 * starts with quotes before such a character, so that reading strips exactly one quote
 * and gets back the value byte for byte. A plain number ("-500", "+86", "-0.5") is no
 * formula and is left as it is. */
int csv_formula_guard(const char *value);          /* 1: write "'" + value */
const char *csv_formula_unguard(const char *cell); /* the value a written cell holds */

/* Append field to a growable buffer, quoting when it holds , " CR or LF or starts/ends
 * with a space; with the formula guard. Returns 0, or -1 on allocation failure. buf stays NUL-terminated.
 * A NULL field is written as empty. */
struct csv_out { char *buf; size_t len, cap; };
int csv_put_field(struct csv_out *o, const char *field, int first_in_row);
/* Appends "\r\n". A row with no text at all (one empty field) is written as "" so the
 * reader does not skip it as a blank line. */
int csv_end_row(struct csv_out *o);
int csv_out_append(struct csv_out *o, const char *s, size_t n);
void csv_out_free(struct csv_out *o);

#endif
