/* csv_table.c — a CSV sheet read by its header (see csv_table.h). */
#include "core/csv_table.h"
#include "core/i18n.h"
#include "core/grow.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *keep(struct csv_table *t, const char *cell)
{
	if (GROW(t->cells, t->cap, t->ncells + 1, 64))
		return NULL;
	char *c = strdup(csv_formula_unguard(cell));
	if (c)
		t->cells[t->ncells++] = text_trim(c);
	return c;
}

static struct csv_table_row *new_row(struct csv_table *t)
{
	if (t->nrows == t->caprows) {
		int cap = t->caprows ? t->caprows * 2 : 64;
		struct csv_table_row *p = realloc(t->rows, (size_t)cap * sizeof *p);
		if (!p)
			return NULL;
		t->rows = p;
		t->caprows = cap;
	}
	struct csv_table_row *r = &t->rows[t->nrows++];
	memset(r, 0, sizeof *r);
	return r;
}

/* The caller's column a header cell names (field name or title), or -1. */
static int col_of(const struct csv_table_col *cols, int ncols, const char *cell)
{
	char name[128];
	snprintf(name, sizeof name, "%s", cell);
	text_trim(name);
	for (int i = 0; i < ncols; i++)
		if (strcmp(name, cols[i].name) == 0 || strcmp(name, cols[i].title) == 0)
			return i;
	return -1;
}

/* The header: which caller column each file column is (map), and the missing ones. */
static int read_header(const struct csv_record *rec, const struct csv_table_col *cols, int ncols,
                       int *map, register_report_fn report, void *ctx)
{
	int seen[CSV_TABLE_MAX_COLS] = {0}, defects = 0;
	char msg[256];
	for (int i = 0; i < rec->nfields && i < 64; i++) {
		map[i] = col_of(cols, ncols, rec->fields[i]);
		if (map[i] >= 0 && seen[map[i]]++) {
			text_errorf(msg, sizeof msg, "column %s appears twice in the header", cols[map[i]].name);
			report(ctx, rec->line, NULL, msg);
			defects++;
		}
	}
	for (int i = 0; i < ncols; i++)
		if (cols[i].required && !seen[i]) {
			text_errorf(msg, sizeof msg, "the header has no column %s (%s)", cols[i].name,
			         cols[i].title);
			report(ctx, rec->line, NULL, msg);
			defects++;
		}
	return defects;
}

int csv_table_read(const char *utf8, size_t len, const struct csv_table_col *cols, int ncols,
                   struct csv_table *out, register_report_fn report, void *ctx)
{
	struct csv_reader r;
	struct csv_record rec = {0};
	char err[256];
	int map[64], nheader = -1, defects = 0, got;
	memset(out, 0, sizeof *out);
	if (ncols > CSV_TABLE_MAX_COLS)
		return -1;
	csv_reader_init(&r, utf8, len);
	while ((got = csv_read(&r, &rec, err, sizeof err)) != 0) {
		if (got < 0) {
			report(ctx, r.err_line, NULL, csv_error_text(err));
			defects++;
			continue;
		}
		if (nheader < 0) {
			nheader = rec.nfields < 64 ? rec.nfields : 64;
			defects += read_header(&rec, cols, ncols, map, report, ctx);
			continue;
		}
		if (csv_record_is_empty(&rec))
			continue;
		if (rec.nfields > nheader) {
			report(ctx, rec.line, NULL, _("more cells than the header has columns"));
			defects++;
			continue;
		}
		struct csv_table_row *row = new_row(out);
		if (!row)
			goto oom;
		row->line = rec.line;
		for (int i = 0; i < ncols; i++)
			row->v[i] = "";
		for (int i = 0; i < rec.nfields; i++)
			if (map[i] >= 0 && !(row->v[map[i]] = keep(out, rec.fields[i])))
				goto oom;
	}
	if (nheader < 0) {
		report(ctx, 0, NULL, _("the file is empty: no header"));
		defects++;
	}
	csv_record_free(&rec);
	return defects;
oom:
	csv_record_free(&rec);
	csv_table_free(out);
	return -1;
}

void csv_table_free(struct csv_table *t)
{
	for (int i = 0; i < t->ncells; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->rows);
	memset(t, 0, sizeof *t);
}
