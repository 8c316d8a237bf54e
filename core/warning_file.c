/* warning_file.c — read a department warning CSV (see warning_file.h). */
#include "core/warning_file.h"
#include "core/i18n.h"
#include "core/grow.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/idcard.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum wcol { W_ID, W_NAME, W_KIND, W_AMOUNT, W_DATE, W_DEPT, W_NOTE, W_COUNT };
static const struct { const char *zh, *key; int required; } wcols[W_COUNT] = {
	[W_ID] = {"证件号码", "id_number", 1},   [W_NAME] = {"姓名", "name", 0},
	[W_KIND] = {"预警类型", "kind", 1},      [W_AMOUNT] = {"金额", "amount", 0},
	[W_DATE] = {"发生日期", "date", 1},      [W_DEPT] = {"来源部门", "department", 1},
	[W_NOTE] = {"说明", "note", 0},
};

static int map_header(const struct csv_record *rec, int col[W_COUNT], register_report_fn report,
                      void *ctx)
{
	int missing = 0;
	for (int w = 0; w < W_COUNT; w++)
		col[w] = -1;
	for (int c = 0; c < rec->nfields; c++) {
		char name[128];
		snprintf(name, sizeof name, "%s", rec->fields[c]);
		text_trim(name);
		int found = 0;
		for (int w = 0; w < W_COUNT; w++)
			if (strcmp(name, wcols[w].zh) == 0 || strcmp(name, wcols[w].key) == 0) {
				col[w] = c;
				found = 1;
			}
		if (!found)
			report(ctx, rec->line, rec->fields[c], _("unknown column, ignored"));
	}
	for (int w = 0; w < W_COUNT; w++)
		if (wcols[w].required && col[w] < 0) {
			char msg[128];
			text_errorf(msg, sizeof msg, "required column %s (%s) is missing", wcols[w].zh, wcols[w].key);
			report(ctx, rec->line, NULL, msg);
			missing++;
		}
	return missing;
}

/* Check one row into w; returns the number of defects reported. */
/* Look value up in the table in effect for shipped; report it if it is unknown. */
static const struct code *row_code(const struct code_lists *lists, const struct code_table *shipped,
                                   const char *value, long line, const char *column,
                                   int *defects, register_report_fn report, void *ctx)
{
	const struct code_table *t = code_lists_table(lists, shipped);
	const struct code *c = value[0] ? codes_find(t, value) : NULL;
	if (value[0] && !c) {
		char choices[1024], msg[1200];
		codes_choices(t, choices, sizeof choices);
		text_errorf(msg, sizeof msg, "unknown %s \"%s\" (%s)", codes_shown(t->name), value, choices);
		report(ctx, line, column, msg);
		(*defects)++;
	}
	return c;
}

static int read_row(const struct code_lists *lists, const struct csv_record *rec,
                    const int col[W_COUNT], const char *today, struct warning_row *w,
                    register_report_fn report, void *ctx)
{
	char v[W_COUNT][512], err[256];
	int defects = 0;
	memset(w, 0, sizeof *w);
	w->line = rec->line;
	for (int c = 0; c < W_COUNT; c++) {
		const char *cell = col[c] >= 0 && col[c] < rec->nfields ? rec->fields[col[c]] : "";
		if (strlen(cell) >= sizeof v[c]) {   /* refused, never cut */
			text_errorf(err, sizeof err, "too long (%zu bytes, at most %zu)", strlen(cell),
			         sizeof v[c] - 1);
			cell = "";
		} else {
			err[0] = '\0';
		}
		snprintf(v[c], sizeof v[c], "%s", cell);
		text_trim(v[c]);
		memmove(v[c], csv_formula_unguard(v[c]), strlen(csv_formula_unguard(v[c])) + 1);
		if (err[0] || text_check_input(NULL, v[c], c == W_NOTE ? TEXT_MAX_NOTE : TEXT_MAX_LINE,
		                               c == W_NOTE ? TEXT_MULTILINE : 0, err, sizeof err)) {
			report(ctx, rec->line, wcols[c].zh, err);
			defects++;
		} else if (wcols[c].required && !v[c][0]) {
			report(ctx, rec->line, wcols[c].zh, _("is required"));
			defects++;
		}
	}
	struct idcard id;
	if (v[W_ID][0] && idcard_parse(v[W_ID], today, &id, err, sizeof err) == 0)
		snprintf(w->id_number, sizeof w->id_number, "%s", id.id);
	else if (v[W_ID][0]) {
		report(ctx, rec->line, wcols[W_ID].zh, err);
		defects++;
	}
	const struct code *kind = row_code(lists, &codes_warning_kind, v[W_KIND], rec->line,
	                                   wcols[W_KIND].zh, &defects, report, ctx);
	const struct code *dept = row_code(lists, &codes_department, v[W_DEPT], rec->line,
	                                   wcols[W_DEPT].zh, &defects, report, ctx);
	if (v[W_DATE][0] && (!date_valid(v[W_DATE]) || strcmp(v[W_DATE], today) > 0)) {
		report(ctx, rec->line, wcols[W_DATE].zh, _("not a date (YYYY-MM-DD) up to today"));
		defects++;
	} else {
		text_copy(w->date, sizeof w->date, v[W_DATE]);   /* a date or "": it fits */
	}
	if (v[W_AMOUNT][0] && model_value_normalise(lists, HF_INCOME, v[W_AMOUNT], today, w->amount,
	                                            sizeof w->amount, err, sizeof err)) {
		report(ctx, rec->line, wcols[W_AMOUNT].zh, err);
		defects++;
	}
	if (text_copy(w->name, sizeof w->name, v[W_NAME])) {   /* refused, never cut */
		text_errorf(err, sizeof err, "too long for a name (%zu bytes, at most %zu)",
		         strlen(v[W_NAME]), sizeof w->name - 1);
		report(ctx, rec->line, wcols[W_NAME].zh, err);
		defects++;
	}
	snprintf(w->kind, sizeof w->kind, "%s", kind ? kind->code : "");
	snprintf(w->department, sizeof w->department, "%s", dept ? dept->code : "");
	snprintf(w->note, sizeof w->note, "%s", v[W_NOTE]);
	snprintf(w->fingerprint, sizeof w->fingerprint, "%s|%s|%s|%s|%s", w->id_number, w->kind,
	         w->date, w->department, w->amount);
	return defects;
}

int warnings_read_csv(const struct code_lists *lists, const char *utf8, size_t len,
                      const char *today,
                      struct warning_row **rows, int *defects,
                      register_report_fn report, void *ctx)
{
	struct csv_reader r;
	struct csv_record rec = {0};
	char err[256];
	int col[W_COUNT], n = 0, cap = 0, got;
	*rows = NULL;
	*defects = 0;
	csv_reader_init(&r, utf8, len);
	if ((got = csv_read(&r, &rec, err, sizeof err)) <= 0 || map_header(&rec, col, report, ctx)) {
		if (got <= 0)
			report(ctx, got < 0 ? r.err_line : 0, NULL,
			       got < 0 ? csv_error_text(err) : _("empty file: no header row"));
		csv_record_free(&rec);
		return -1;
	}
	while ((got = csv_read(&r, &rec, err, sizeof err)) > 0) {
		if (GROW(*rows, cap, n + 1, 64)) {
			report(ctx, rec.line, NULL, _("out of memory"));
			got = -2;
			break;
		}
		*defects += read_row(lists, &rec, col, today, &(*rows)[n++], report, ctx);
	}
	if (got == -1)
		report(ctx, r.err_line, NULL, csv_error_text(err));
	csv_record_free(&rec);
	if (got < 0) {
		free(*rows);
		*rows = NULL;
		return -1;
	}
	return n;
}
