/* sheet_text.c — a sheet's tables as aligned columns for a terminal (sheet.h), each
 * held until its column widths are known, with a bar after each row scaled to the
 * table's last number column. Printed to stdout, so through the output sanitiser. */
#include "tui/sheet_impl.h"
#include "core/i18n.h"
#include "core/grow.h"
#include "core/text.h"
#include <stdlib.h>
#include <string.h>

#define BAR_CELLS 24

int sheet_text_row(struct sheet *sh, const char *const *v)
{
	if (GROW(sh->cells, sh->capcells, sh->ncells + sh->ncols, 256))
		return -1;
	for (int i = 0; i < sh->ncols; i++) {
		char *s = strdup(v[i] ? v[i] : "");
		if (!s)
			return -1;
		sh->cells[sh->ncells++] = s;
		int w = text_width(s);
		if (w > sh->width[i])
			sh->width[i] = w < 40 ? w : 40;
	}
	return 0;
}

static void cell(const char *s, int cells, int right)
{
	char fitted[512];
	int w = text_fit(s, cells, fitted, sizeof fitted);
	if (right)
		printf("%*s%s  ", cells - w, "", fitted);
	else
		printf("%s%*s  ", fitted, cells - w, "");
}

void sheet_text_flush(struct sheet *sh)
{
	if (!sh->cols)
		return;
	int bar = -1;
	for (int i = 0; i < sh->ncols; i++)
		if (sh->cols[i].kind == SK_NUMBER)
			bar = i;
	double max = 0;
	long rows = sh->ncols ? sh->ncells / sh->ncols : 0;
	for (long r = 0; bar >= 0 && r < rows; r++) {
		double x = atof(sh->cells[r * sh->ncols + bar]);
		max = x > max ? x : max;
	}
	if (sh->title)
		printf("%s%s\n", sh->flushed++ ? "\n" : "", sh->title);
	for (int i = 0; i < sh->ncols; i++)
		cell(sh->cols[i].title, sh->width[i], sh->cols[i].kind == SK_NUMBER);
	putchar('\n');
	for (long r = 0; r < rows; r++) {
		for (int i = 0; i < sh->ncols; i++)
			cell(sh->cells[r * sh->ncols + i], sh->width[i], sh->cols[i].kind == SK_NUMBER);
		if (bar >= 0 && max > 0) {
			int n = (int)(atof(sh->cells[r * sh->ncols + bar]) / max * BAR_CELLS + 0.5);
			for (int k = 0; k < n; k++)
				fputs("█", stdout);
		}
		putchar('\n');
	}
	if (!rows)
		puts(_("(none)"));
	sheet_text_free(sh);
	sh->cols = NULL;
}

void sheet_text_free(struct sheet *sh)
{
	for (long i = 0; i < sh->ncells; i++)
		free(sh->cells[i]);
	free(sh->cells);
	sh->cells = NULL;
	sh->ncells = sh->capcells = 0;
}
