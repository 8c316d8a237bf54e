/* csv.c — RFC 4180 CSV reading and writing (see csv.h).
 *
 * The reader walks the buffer once: every byte is looked at a bounded number of times
 * (a quoted field is scanned once to find its end and once to copy it), and a record's
 * field strings are reused with realloc from one record to the next, so a file of
 * 100k rows costs one pass and no per-row allocation churn beyond a realloc per field.
 *
 * A line break is LF, CRLF or a lone CR (old Mac Excel), both for ending records and
 * for counting physical lines, so line numbers match what an editor shows. Quoted
 * fields keep their line breaks byte for byte. Leniencies (what Excel and WPS do): a
 * quote inside an unquoted field is kept as a literal character. Errors: a quoted field
 * never closed, anything but , or a line break after a closing quote, and a NUL byte
 * (a binary or UTF-16 file). After an error the reader has moved past the offending
 * physical line (or to the end), so a caller may keep reading to report more. */
#include "core/csv.h"
#include "core/grow.h"
#include "core/i18n.h"
#include "core/text.h"
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void csv_reader_init(struct csv_reader *r, const char *buf, size_t len)
{
	r->buf = buf;
	r->len = buf != NULL ? len : 0;
	r->pos = 0;
	r->line = 1;
	r->err_line = 0;
	if (r->len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		r->pos = 3;
}

/* Report an error on `line`: "line N: message" in err, N in r->err_line. */
static int __attribute__((format(printf, 5, 6)))
syntax_error(struct csv_reader *r, long line, char *err, size_t errlen, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	r->err_line = line;
	return text_errorf(err, errlen, "line %ld: %s", line, msg);
}

static int is_break(char c)
{
	return c == '\n' || c == '\r';
}

/* Consume the line break at r->pos (LF, CRLF or CR) and count it. */
static void eat_break(struct csv_reader *r)
{
	if (r->buf[r->pos] == '\r' && r->pos + 1 < r->len && r->buf[r->pos + 1] == '\n')
		r->pos++;
	r->pos++;
	r->line++;
}

/* Error recovery: move past the end of the current physical line. */
static void skip_line(struct csv_reader *r)
{
	while (r->pos < r->len && !is_break(r->buf[r->pos]))
		r->pos++;
	if (r->pos < r->len)
		eat_break(r);
}

/* Describe the character at p (n bytes left) for an error message. */
static void describe(const char *p, size_t n, char *out, size_t outlen)
{
	uint32_t cp;
	int k = text_decode(p, n, &cp);

	if (k > 1 && text_cp_width(cp) > 0 && text_cp_width(cp) <= 2)
		snprintf(out, outlen, "'%.*s'", k, p);
	else if (k == 1 && cp >= 0x20 && cp < 0x7F)
		snprintf(out, outlen, "'%c'", (char)cp);
	else
		snprintf(out, outlen, _("byte 0x%02X"), (unsigned)(unsigned char)p[0]);
}

/* Make rec->fields[idx] a buffer of n+1 bytes, growing the array as needed. `nalloc`
 * is how many entries of rec->fields hold a string the record owns. Returns the
 * buffer or NULL when out of memory. */
static char *field_slot(struct csv_record *rec, int idx, int *nalloc, size_t n)
{
	if (idx >= rec->cap) {
		int old = rec->cap, cap = rec->cap;
		if (GROW(rec->fields, cap, (size_t)idx + 1, 16))
			return NULL;
		size_t *room = realloc(rec->room, (size_t)cap * sizeof *room);
		if (room == NULL)
			return NULL;   /* fields has grown; cap says what both hold */
		rec->room = room;
		for (int i = old; i < cap; i++) {
			rec->fields[i] = NULL;
			room[i] = 0;
		}
		rec->cap = cap;
	}
	if (n == SIZE_MAX)
		return NULL;
	/* a field's buffer is kept for the next record's: a realloc per field and record
	 * was a twentieth of an import (two passes over four million rows at 1M) */
	if (n + 1 > rec->room[idx]) {
		size_t want = n + 1 < 32 ? 32 : n + 1;
		char *s = realloc(rec->fields[idx], want);
		if (s == NULL)
			return NULL;
		rec->fields[idx] = s;
		rec->room[idx] = want;
	}
	if (idx >= *nalloc)
		*nalloc = idx + 1;
	return rec->fields[idx];
}

/* Read an unquoted field: up to , or a line break or the end. */
static int read_plain(struct csv_reader *r, struct csv_record *rec, int idx, int *nalloc,
                      char *err, size_t errlen)
{
	size_t start = r->pos;

	while (r->pos < r->len) {
		char c = r->buf[r->pos];
		if (c == ',' || is_break(c))
			break;
		if (c == '\0') {
			long line = r->line;
			skip_line(r);
			return syntax_error(r, line, err, errlen,
			                    _("NUL byte in a field (binary or UTF-16 file?)"));
		}
		r->pos++;
	}
	size_t n = r->pos - start;
	char *s = field_slot(rec, idx, nalloc, n);
	if (s == NULL)
		return syntax_error(r, r->line, err, errlen, _("out of memory"));
	memcpy(s, r->buf + start, n);
	s[n] = '\0';
	return 0;
}

/* First pass over a quoted field (r->pos at its opening quote): find the closing
 * quote (*end) and the length once doubled quotes are undone (*n), counting the
 * line breaks inside. Returns 0, or -1 on an unclosed field or a NUL byte. */
static int scan_quoted(struct csv_reader *r, size_t *end, size_t *n, char *err, size_t errlen)
{
	const char *b = r->buf;
	long opened = r->line;
	size_t i = r->pos + 1;

	*n = 0;
	for (; i < r->len; i++, (*n)++) {
		char c = b[i];
		if (c == '"' && i + 1 < r->len && b[i + 1] == '"')
			i++;                    /* a doubled quote: one character */
		else if (c == '"')
			break;
		else if (c == '\n' || (c == '\r' && (i + 1 >= r->len || b[i + 1] != '\n')))
			r->line++;
		else if (c == '\0') {
			long line = r->line;
			r->pos = i;
			skip_line(r);
			return syntax_error(r, line, err, errlen,
			                    _("NUL byte in a field (binary or UTF-16 file?)"));
		}
	}
	if (i >= r->len) {
		/* Name the last line with content, not the empty one after a final break. */
		long last = r->line;
		if (is_break(b[r->len - 1]) && last > opened)
			last--;
		r->pos = r->len;
		return syntax_error(r, last, err, errlen,
		                    _("quoted field never closed (opened at line %ld)"), opened);
	}
	*end = i;
	return 0;
}

/* Read a quoted field, r->pos at its opening quote: scan it, then copy it undoing
 * doubled quotes, then check what follows the closing quote. */
static int read_quoted(struct csv_reader *r, struct csv_record *rec, int idx, int *nalloc,
                       char *err, size_t errlen)
{
	const char *b = r->buf;
	size_t end = 0, n = 0;

	if (scan_quoted(r, &end, &n, err, errlen) < 0)
		return -1;
	char *s = field_slot(rec, idx, nalloc, n);
	if (s == NULL) {
		r->pos = r->len;                /* lines were counted: cannot resume */
		return syntax_error(r, r->line, err, errlen, _("out of memory"));
	}
	size_t o = 0;
	for (size_t j = r->pos + 1; j < end; j++) {
		s[o++] = b[j];
		if (b[j] == '"')
			j++;                    /* the second of a doubled quote */
	}
	s[o] = '\0';
	r->pos = end + 1;

	if (r->pos < r->len && b[r->pos] != ',' && !is_break(b[r->pos])) {
		char what[32];
		long line = r->line;
		describe(b + r->pos, r->len - r->pos, what, sizeof what);
		skip_line(r);
		return syntax_error(r, line, err, errlen, _("unexpected %s after a closing quote"),
		                    what);
	}
	return 0;
}

/* Free the strings of fields[from..to). */
static void drop_fields(struct csv_record *rec, int from, int to)
{
	for (int i = from; i < to; i++) {
		free(rec->fields[i]);
		rec->fields[i] = NULL;
		rec->room[i] = 0;
	}
}

int csv_read(struct csv_reader *r, struct csv_record *rec, char *err, size_t errlen)
{
	int nalloc = rec->nfields, idx = 0, rc = 0;

	while (r->pos < r->len && is_break(r->buf[r->pos]))
		eat_break(r);                   /* blank lines */
	if (r->pos >= r->len) {
		drop_fields(rec, 0, nalloc);
		rec->nfields = 0;
		return 0;
	}
	rec->line = r->line;
	for (;;) {
		/* At the end of input after a comma, read_plain reads the last, empty field. */
		if (r->pos < r->len && r->buf[r->pos] == '"')
			rc = read_quoted(r, rec, idx, &nalloc, err, errlen);
		else
			rc = read_plain(r, rec, idx, &nalloc, err, errlen);
		if (rc < 0)
			break;
		idx++;
		if (r->pos >= r->len)
			break;
		if (is_break(r->buf[r->pos])) {
			eat_break(r);
			break;
		}
		r->pos++;                       /* the comma */
	}
	/* Keep exactly the fields read (on error, those before the bad one). */
	drop_fields(rec, idx, nalloc);
	rec->nfields = idx;
	return rc < 0 ? -1 : 1;
}

void csv_record_free(struct csv_record *rec)
{
	if (rec == NULL)
		return;
	drop_fields(rec, 0, rec->nfields);
	free(rec->fields);
	free(rec->room);
	rec->fields = NULL;
	rec->room = NULL;
	rec->nfields = rec->cap = 0;
}

static int is_blank_text(const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t')
			continue;
		if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 &&
		    (unsigned char)s[2] == 0x80) {
			s += 2;
			continue;
		}
		return 0;
	}
	return 1;
}

int csv_record_is_empty(const struct csv_record *rec)
{
	for (int i = 0; i < rec->nfields; i++)
		if (!is_blank_text(rec->fields[i]))
			return 0;
	return 1;
}

/* --- writer ----------------------------------------------------------------------- */

/* Room for n more bytes and the terminating NUL. */
static int reserve(struct csv_out *o, size_t n)
{
	if (n > SIZE_MAX - o->len - 1)
		return -1;
	if (o->len + n + 1 > o->cap) {
		size_t cap = o->cap > 0 ? o->cap : 256;
		while (cap < o->len + n + 1)
			cap = cap > SIZE_MAX / 2 ? o->len + n + 1 : cap * 2;
		char *b = realloc(o->buf, cap);
		if (b == NULL)
			return -1;
		o->buf = b;
		o->cap = cap;
	}
	return 0;
}

int csv_out_append(struct csv_out *o, const char *s, size_t n)
{
	if (reserve(o, n) < 0)
		return -1;
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';                  /* buf is always a C string too */
	return 0;
}

static int needs_quotes(const char *f, size_t n)
{
	if (n == 0)
		return 0;
	if (f[0] == ' ' || f[n - 1] == ' ')
		return 1;
	if (n >= 3 && memcmp(f, "\xEF\xBB\xBF", 3) == 0)
		return 1;                       /* else read back as a BOM at file start */
	return strpbrk(f, ",\"\r\n") != NULL;
}

/* Sign, digits, and a decimal part: what a spreadsheet reads as a number. */
static int plain_number(const char *s)
{
	if (*s == '+' || *s == '-')
		s++;
	size_t whole = strspn(s, "0123456789");
	s += whole;
	if (*s == '.') {
		size_t frac = strspn(s + 1, "0123456789");
		if (frac == 0)
			return 0;
		s += 1 + frac;
	}
	return whole > 0 && *s == '\0';
}

int csv_formula_guard(const char *value)
{
	const char *r = value ? value : "";
	while (*r == '\'')
		r++;
	return *r && strchr("=+-@\t\r", *r) && !plain_number(r);
}

const char *csv_formula_unguard(const char *cell)
{
	return cell[0] == '\'' && csv_formula_guard(cell + 1) ? cell + 1 : cell;
}

/* Append f between quotes (after the formula guard's quote when guard), doubling each
 * quote inside. */
static int put_quoted(struct csv_out *o, const char *f, size_t n, int guard)
{
	if (csv_out_append(o, guard ? "\"'" : "\"", guard ? 2 : 1) < 0)
		return -1;
	for (;;) {
		const char *q = memchr(f, '"', n);
		size_t k = q != NULL ? (size_t)(q - f) + 1 : n;
		if (csv_out_append(o, f, k) < 0)
			return -1;
		if (q == NULL)
			break;
		if (csv_out_append(o, "\"", 1) < 0)
			return -1;
		f += k;
		n -= k;
	}
	return csv_out_append(o, "\"", 1);
}

int csv_put_field(struct csv_out *o, const char *field, int first_in_row)
{
	if (field == NULL)
		field = "";
	size_t n = strlen(field);
	int guard = csv_formula_guard(field);
	if (needs_quotes(field, n))
		return !first_in_row && csv_out_append(o, ",", 1) < 0 ? -1 : put_quoted(o, field, n, guard);
	/* the common field, plain: one reservation for the comma, the guard and the text */
	if (n > SIZE_MAX - 2 || reserve(o, n + 2) < 0)
		return -1;
	if (!first_in_row)
		o->buf[o->len++] = ',';
	if (guard)
		o->buf[o->len++] = '\'';
	memcpy(o->buf + o->len, field, n);
	o->len += n;
	o->buf[o->len] = '\0';
	return 0;
}

/* A row that is so far empty (one empty field) is written as "" : an empty line
 * would be skipped as blank by the reader, and the row would be lost. */
int csv_end_row(struct csv_out *o)
{
	int empty = o->len == 0 || o->buf[o->len - 1] == '\n' ||
	            (o->len == 3 && memcmp(o->buf, "\xEF\xBB\xBF", 3) == 0);
	if (empty && csv_out_append(o, "\"\"", 2) < 0)
		return -1;
	return csv_out_append(o, "\r\n", 2);
}

void csv_out_free(struct csv_out *o)
{
	if (o == NULL)
		return;
	free(o->buf);
	o->buf = NULL;
	o->len = o->cap = 0;
}

const char *csv_error_text(const char *err)
{
	/* the prefix as syntax_error wrote it, in the language of the messages: the text of
	 * "line %ld: %s" before %ld, the number, then the text between %ld and %s */
	const char *fmt = _("line %ld: %s"), *num = strstr(fmt, "%ld"), *msg = strstr(fmt, "%s");
	if (!num || !msg || msg < num)
		return err;
	size_t before = (size_t)(num - fmt), between = (size_t)(msg - num - 3);
	const char *p = err;
	if (strncmp(p, fmt, before) != 0)
		return err;
	p += before;
	if (*p < '0' || *p > '9')
		return err;
	while (*p >= '0' && *p <= '9')
		p++;
	return strncmp(p, num + 3, between) == 0 ? p + between : err;
}
