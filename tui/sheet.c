/* sheet.c — the table writer of sheet.h: text, tsv, json, csv (UTF-8 or GB18030) and
 * xlsx (sheet_xlsx.c). Rows are gathered in a buffer and written out a megabyte at a
 * time at row boundaries (a GB18030 conversion never sees half a character). */
#include "tui/sheet.h"
#include "tui/sheet_impl.h"
#include "core/i18n.h"
#include "tui/out.h"
#include "tui/userfiles.h"
#include "core/csv.h"
#include "core/text.h"
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const format_names[] = {"text", "tsv", "json", "csv", "xlsx"};

int sheet_format_parse(const char *s, unsigned allowed, enum sheet_format dflt, enum sheet_format *out)
{
	if (!s) {
		*out = dflt;
		return 0;
	}
	for (unsigned i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
		if (strcmp(s, format_names[i]) == 0 && (allowed & (1u << i))) {
			*out = (enum sheet_format)i;
			return 0;
		}
	return -1;
}

static int say(char *err, size_t n, const char *what, const char *why)
{
	snprintf(err, n, "%s: %s", what, why);
	return -1;
}

struct sheet *sheet_open(enum sheet_format f, const char *file, const char *encoding, int tables,
                         char *err, size_t n)
{
	int gbk = 0;
	if (encoding && strcmp(encoding, "gbk") != 0 && strcmp(encoding, "utf-8") != 0) {
		say(err, n, encoding, _("not an output encoding (utf-8 or gbk)"));
		return NULL;
	}
	if (encoding && strcmp(encoding, "gbk") == 0) {
		if (f != SHEET_CSV && f != SHEET_TSV) {
			say(err, n, "--encoding gbk", _("only for csv and tsv"));
			return NULL;
		}
		gbk = 1;
	}
	struct sheet *sh = calloc(1, sizeof *sh);
	if (!sh) {
		say(err, n, _("sheet"), _("out of memory"));
		return NULL;
	}
	sh->format = f;
	sh->gbk = gbk;
	sh->multi = tables > 1;
	if (file && strcmp(file, "-") != 0) {
		sh->file = userfiles_create(file);
		if (!sh->file) {
			say(err, n, file, errno == ELOOP ? _("a symbolic link: not written through")
			                                 : strerror(errno));
			free(sh);
			return NULL;
		}
		sh->name = file;
	}
	if (f == SHEET_XLSX && sheet_xlsx_open(sh, err, n)) {
		if (sh->file)
			fclose(sh->file);
		free(sh);
		return NULL;
	}
	if (f == SHEET_CSV && !gbk)
		buf_add(&sh->out, "\xEF\xBB\xBF", 3);
	if (f == SHEET_JSON && sh->multi)
		buf_adds(&sh->out, "{");
	return sh;
}

/* Bytes for the destination: the file as they are, standard output through out.c. */
int sheet_emit(struct sheet *sh, const char *p, size_t n)
{
	if (sh->file)
		return fwrite(p, 1, n, sh->file) == n ? 0 : -1;
	if (sh->format == SHEET_CSV || sh->format == SHEET_XLSX)
		return out_write_data(p, n);   /* data for a file: byte for byte unless a terminal */
	return fwrite(p, 1, n, stdout) == n ? 0 : -1;
}

static int flush_out(struct sheet *sh)
{
	if (!sh->out.len)
		return 0;
	int rc = 0;
	if (!sh->gbk)
		rc = sheet_emit(sh, sh->out.s, sh->out.len);
	else {
		iconv_t cd = iconv_open("GB18030", "UTF-8");
		if (cd == (iconv_t)-1)
			return -1;
		char chunk[8192], *in = sh->out.s;
		size_t left = sh->out.len;
		while (!rc && left) {
			char *o = chunk;
			size_t room = sizeof chunk;
			size_t r = iconv(cd, &in, &left, &o, &room);
			if (r == (size_t)-1 && errno != E2BIG)
				rc = -1;   /* GB18030 encodes all of Unicode: only bad UTF-8 gets here */
			else
				rc = sheet_emit(sh, chunk, (size_t)(o - chunk));
		}
		iconv_close(cd);
	}
	buf_reset(&sh->out);
	return rc;
}

static void tsv_value(struct buf *b, const char *v)
{
	for (; v && *v; v++)
		switch (*v) {
		case '\t': buf_adds(b, "\\t"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\\': buf_adds(b, "\\\\"); break;
		default: buf_add(b, v, 1);
		}
}

static void json_string(struct buf *b, const char *v)
{
	buf_adds(b, "\"");
	for (; v && *v; v++) {
		unsigned char ch = (unsigned char)*v;
		if (ch == '"' || ch == '\\')
			buf_addf(b, "\\%c", ch);
		else if (ch < 0x20)
			buf_addf(b, "\\u%04x", ch);
		else
			buf_add(b, v, 1);
	}
	buf_adds(b, "\"");
}

static void json_value(struct buf *b, const struct sheet_col *c, const char *v)
{
	char *end;
	if (c->kind == SK_NUMBER && v && *v && (strtod(v, &end), *end == '\0'))
		buf_adds(b, v);
	else if (c->kind == SK_NUMBER && (!v || !*v))
		buf_adds(b, "null");
	else
		json_string(b, v ? v : "");
}

static void text_header(struct sheet *sh)
{
	for (int i = 0; i < sh->ncols; i++)
		sh->width[i] = text_width(sh->cols[i].title) > 6 ? text_width(sh->cols[i].title) : 6;
}

int sheet_table(struct sheet *sh, const char *name, const char *title, const struct sheet_col *cols,
                int ncols)
{
	if (ncols > SHEET_MAX_COLS)
		return -1;
	int first = sh->ntables++ == 0;
	if (sh->format == SHEET_XLSX)
		return sheet_xlsx_table(sh, title, cols, ncols);
	if (sh->format == SHEET_TEXT)
		sheet_text_flush(sh);
	if (sh->format == SHEET_JSON && !first)
		buf_adds(&sh->out, sh->multi ? "\n]," : "");
	memcpy(sh->colbuf, cols, (size_t)ncols * sizeof *cols);
	sh->cols = cols = sh->colbuf;
	sh->ncols = ncols;
	sh->nrows = 0;
	switch (sh->format) {
	case SHEET_TSV:
		if (sh->multi)
			buf_addf(&sh->out, "%s# %s\n", first ? "" : "\n", name);
		for (int i = 0; i < ncols; i++)
			buf_addf(&sh->out, "%s%s", i ? "\t" : "", cols[i].name);
		buf_adds(&sh->out, "\n");
		break;
	case SHEET_JSON:
		if (sh->multi) {
			json_string(&sh->out, name);
			buf_adds(&sh->out, ":");
		}
		buf_adds(&sh->out, "[");
		break;
	case SHEET_CSV: {
		struct csv_out o = {0};
		if (sh->multi) {
			csv_put_field(&o, title, 1);
			csv_end_row(&o);
		}
		for (int i = 0; i < ncols; i++)
			csv_put_field(&o, cols[i].title, i == 0);
		csv_end_row(&o);
		buf_add(&sh->out, o.buf, o.len);
		csv_out_free(&o);
		break;
	}
	case SHEET_TEXT:   /* for people: the titles in their language (csv and xlsx keep theirs) */
		for (int i = 0; i < ncols; i++)
			sh->colbuf[i].title = cols[i].title && cols[i].title[0] ? _(cols[i].title) : "";
		sh->title = title && title[0] ? _(title) : title;
		text_header(sh);
		break;
	default:
		break;
	}
	return sh->out.oom ? -1 : 0;
}

int sheet_row(struct sheet *sh, const char *const *v)
{
	switch (sh->format) {
	case SHEET_XLSX:
		return sheet_xlsx_row(sh, v);
	case SHEET_TEXT:
		return sheet_text_row(sh, v);
	case SHEET_TSV:
		for (int i = 0; i < sh->ncols; i++) {
			if (i)
				buf_adds(&sh->out, "\t");
			tsv_value(&sh->out, v[i]);
		}
		buf_adds(&sh->out, "\n");
		break;
	case SHEET_JSON:
		buf_adds(&sh->out, sh->nrows ? ",\n{" : "\n{");
		for (int i = 0; i < sh->ncols; i++) {
			if (i)
				buf_adds(&sh->out, ",");
			json_string(&sh->out, sh->cols[i].name);
			buf_adds(&sh->out, ":");
			json_value(&sh->out, &sh->cols[i], v[i]);
		}
		buf_adds(&sh->out, "}");
		break;
	case SHEET_CSV: {
		struct csv_out *o = &sh->row;
		o->len = 0;
		for (int i = 0; i < sh->ncols; i++)
			csv_put_field(o, v[i] ? v[i] : "", i == 0);
		csv_end_row(o);
		buf_add(&sh->out, o->buf, o->len);
		break;
	}
	}
	sh->nrows++;
	if (sh->out.oom)
		return -1;
	return sh->out.len > (1u << 20) ? flush_out(sh) : 0;
}

int sheet_close(struct sheet *sh, char *err, size_t n)
{
	int rc = 0;
	if (sh->format == SHEET_XLSX)
		rc = sheet_xlsx_close(sh, err, n);
	else {
		if (sh->format == SHEET_TEXT)
			sheet_text_flush(sh);
		if (sh->format == SHEET_JSON)
			buf_adds(&sh->out, sh->ntables ? "\n]" : "[]");
		if (sh->format == SHEET_JSON)
			buf_adds(&sh->out, sh->multi ? "}\n" : "\n");
		if (sh->out.oom || flush_out(sh))
			rc = say(err, n, sh->name ? sh->name : _("output"), sh->out.oom ? _("out of memory") : strerror(errno));
	}
	if (sh->file && fclose(sh->file) != 0 && !rc)
		rc = say(err, n, sh->name, strerror(errno));
	if (!sh->file && fflush(stdout) != 0 && !rc)
		rc = say(err, n, _("standard output"), strerror(errno));
	buf_free(&sh->out);
	csv_out_free(&sh->row);
	sheet_text_free(sh);
	free(sh);
	return rc;
}
