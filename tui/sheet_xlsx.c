/* sheet_xlsx.c — a sheet's tables as an xlsx workbook through libxlsxwriter: a
 * worksheet per table, the Chinese titles bold in a frozen first row, an autofilter over
 * the table, widths from the longest value, ID numbers / 户编号 / phones (SK_CODE) and
 * all text as string cells (Excel would show 18 digits as 4.4E+17 and lose the last
 * three), SK_NUMBER as numbers. libxlsxwriter writes to a path of its own choosing, so
 * the workbook is made in a private temporary file (mode 0600) and then copied to the
 * destination, which sheet.c opened with the caller's own rights. The caller owns that
 * temporary file and could swap it for a symlink to the data, so libxlsxwriter writes it
 * and we read it back with the caller's own group only (userfiles_run, userfiles_fopen):
 * the swap then reaches nothing the caller could not reach anyway. */
#include "tui/sheet_impl.h"
#include "core/i18n.h"
#include "tui/userfiles.h"
#include "tui/xlsx_lazy.h"
#include "core/text.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int sheet_xlsx_open(struct sheet *sh, char *err, size_t n)
{
	if (xlsx_lazy_load(err, n))
		return -1;
	const char *dir = getenv("TMPDIR");
	snprintf(sh->tmp, sizeof sh->tmp, "%s/bangfu-xlsx.XXXXXX",
	         dir && *dir && strlen(dir) < 40 ? dir : "/tmp");
	int fd = mkstemp(sh->tmp);
	if (fd < 0) {
		snprintf(err, n, "%s: %s", sh->tmp, strerror(errno));
		return -1;
	}
	close(fd);
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_TRUE};
	lxw_workbook *wb = workbook_new_opt(sh->tmp, &opt);
	if (!wb) {
		unlink(sh->tmp);
		snprintf(err, n, "%s", _("cannot start a workbook"));
		return -1;
	}
	sh->wb = wb;
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_bg_color(bold, 0xDDEBF7);
	lxw_format *text = workbook_add_format(wb);
	format_set_num_format(text, "@");   /* a text column: typed digits stay text too */
	sh->bold = bold;
	sh->textfmt = text;
	return 0;
}

/* Widths of the finished table, its frozen header and its autofilter. */
static void finish_table(struct sheet *sh)
{
	lxw_worksheet *ws = sh->ws;
	if (!ws)
		return;
	for (int i = 0; i < sh->ncols; i++) {
		double w = sh->colw[i] + 2 > 60 ? 60 : sh->colw[i] + 2;
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, w,
		                     sh->cols[i].kind == SK_CODE ? sh->textfmt : NULL);
	}
	if (sh->ncols)
		worksheet_autofilter(ws, 0, 0, (lxw_row_t)sh->nrows, (lxw_col_t)(sh->ncols - 1));
}

int sheet_xlsx_table(struct sheet *sh, const char *title, const struct sheet_col *cols, int ncols)
{
	finish_table(sh);
	char name[32];   /* Excel: at most 31 characters, none of []:*?/\ */
	int k = 0;
	for (const char *p = title; *p && k < 28; ) {
		uint32_t cp;
		int len = text_decode(p, strlen(p), &cp);
		if (len <= 0 || k + len > 28)
			break;
		if (!strchr("[]:*?/\\", *p) || len > 1) {
			memcpy(name + k, p, (size_t)len);
			k += len;
		}
		p += len;
	}
	snprintf(name + k, sizeof name - (size_t)k, "%s", k ? "" : "sheet");
	lxw_worksheet *ws = workbook_add_worksheet(sh->wb, name);
	if (!ws)
		ws = workbook_add_worksheet(sh->wb, NULL);   /* a duplicate name: Sheet2... */
	if (!ws)
		return -1;
	sh->ws = ws;
	memcpy(sh->colbuf, cols, (size_t)ncols * sizeof *cols);
	sh->cols = cols = sh->colbuf;
	sh->ncols = ncols;
	sh->nrows = 0;
	for (int i = 0; i < ncols; i++) {
		worksheet_write_string(ws, 0, (lxw_col_t)i, cols[i].title, sh->bold);
		sh->colw[i] = text_width(cols[i].title);
	}
	worksheet_freeze_panes(ws, 1, 0);
	return 0;
}

int sheet_xlsx_row(struct sheet *sh, const char *const *v)
{
	lxw_row_t r = (lxw_row_t)++sh->nrows;
	for (int i = 0; i < sh->ncols; i++) {
		const char *s = v[i] ? v[i] : "";
		char *end;
		double x = strtod(s, &end);
		lxw_error e;
		if (sh->cols[i].kind == SK_NUMBER && *s && *end == '\0')
			e = worksheet_write_number(sh->ws, r, (lxw_col_t)i, x, NULL);
		else if (*s)
			e = worksheet_write_string(sh->ws, r, (lxw_col_t)i, s,
			                           sh->cols[i].kind == SK_CODE ? sh->textfmt : NULL);
		else
			e = LXW_NO_ERROR;
		if (e != LXW_NO_ERROR)
			return -1;
		int w = text_width(s);
		if (w > sh->colw[i])
			sh->colw[i] = w;
	}
	return 0;
}

static int close_workbook(void *wb)
{
	return (int)workbook_close(wb);
}

int sheet_xlsx_close(struct sheet *sh, char *err, size_t n)
{
	if (!sh->ntables)
		workbook_add_worksheet(sh->wb, NULL);   /* a workbook needs one sheet */
	finish_table(sh);
	int e = userfiles_run(close_workbook, sh->wb);
	int rc = 0;
	FILE *in = e == LXW_NO_ERROR ? userfiles_fopen(sh->tmp, "rb") : NULL;
	if (!in) {
		snprintf(err, n, _("writing the workbook: %s"), e > 0 ? lxw_strerror((lxw_error)e) : strerror(errno));
		rc = -1;
	}
	char chunk[65536];
	size_t got;
	while (in && !rc && (got = fread(chunk, 1, sizeof chunk, in)) > 0)
		if (sheet_emit(sh, chunk, got)) {
			snprintf(err, n, "%s: %s", sh->name ? sh->name : _("standard output"), strerror(errno));
			rc = -1;
		}
	if (in)
		fclose(in);
	unlink(sh->tmp);
	return rc;
}
