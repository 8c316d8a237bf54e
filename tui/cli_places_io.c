/* cli_places_io.c — the 百千万 sheets (docs/baiqianwan.md): `import indicators FILE`
 * (a county's indicators and villages' collective income, one audit event for the whole
 * file, all or nothing, every row inside the importer's scope) and `export indicators`,
 * `export team_people` (csv, xlsx, tsv, json through cli_export.c's sheet writer; rows
 * from the store's scoped reads, phones masked as every list shows them). The columns of
 * the indicators sheet are one table for both directions, so an export reads back. */
#include "tui/cli.h"
#include "tui/cli_export.h"
#include "core/csv_table.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* X(field, title, sheet kind, required on import) */
#define FIGURE_COLS(X) \
	X(place, "地区代码", SK_CODE, 1) \
	X(place_name, "地区名称", SK_TEXT, 0) \
	X(year, "年度", SK_TEXT, 1) \
	X(kind, "指标", SK_TEXT, 1) \
	X(kind_label, "指标名称", SK_TEXT, 0) \
	X(target, "目标值", SK_NUMBER, 0) \
	X(actual, "实际值", SK_NUMBER, 0) \
	X(weak, "薄弱村", SK_TEXT, 0)

#define AS_ENUM(f, t, k, r) FC_##f,
enum { FIGURE_COLS(AS_ENUM) FC_COUNT };
#define AS_SHEET(f, t, k, r) {#f, t, k},
static const struct sheet_col figure_sheet[] = {FIGURE_COLS(AS_SHEET)};
#define AS_READ(f, t, k, r) {#f, t, r},
static const struct csv_table_col figure_read[] = {FIGURE_COLS(AS_READ)};

static int verb_import_indicators(struct cli *c)
{
	const char *file = c->a.pos[0];
	char *utf8 = NULL, dflt[512];
	size_t len;
	const char *used = NULL;
	struct cli_report rep = {file, 0};
	struct csv_table t;
	int written = 0, rc = EXIT_FAIL;
	if (cli_read_utf8(file, c->a.encoding, &utf8, &len, &used))
		return EXIT_FAIL;
	int defects = csv_table_read(utf8, len, figure_read, FC_COUNT, &t, cli_report_defect, &rep);
	struct figure_row *rows = defects ? NULL : calloc((size_t)t.nrows + 1, sizeof *rows);
	if (defects < 0 || (!defects && !rows)) {
		fprintf(stderr, "bangfu: out of memory\n");
		goto out;
	}
	if (defects) {
		fprintf(stderr, "bangfu: %s: %d defect%s: nothing was imported\n", file, defects,
		        defects == 1 ? "" : "s");
		goto out;
	}
	for (int i = 0; i < t.nrows; i++) {
		const char *const *v = t.rows[i].v;
		rows[i] = (struct figure_row){t.rows[i].line, v[FC_place], v[FC_year], v[FC_kind],
		                              v[FC_target], v[FC_actual]};
	}
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	snprintf(dflt, sizeof dflt, "import %s (%s)", base, used ? used : "UTF-8");
	int src = store_figure_import(c->s, &c->me, rows, t.nrows, c->a.why && c->a.why[0]
	                              ? c->a.why : dflt, cli_report_defect, &rep, &written);
	if (src) {
		cli_store_fail(c, src);
		goto out;
	}
	if (written)
		printf("imported %d figure%s (%d unchanged) from %s [%s]\n", written,
		       written == 1 ? "" : "s", t.nrows - written, file, used ? used : "UTF-8");
	else
		printf("nothing to change: the %d figures of %s are already as it says\n", t.nrows, file);
	rc = EXIT_OK;
out:
	free(rows);
	csv_table_free(&t);
	free(utf8);
	return rc;
}

struct export_rows { struct cli *c; struct sheet *sh; char weak_line[32]; long n; int failed; };

static int figure_row(void *ctx, const struct figure *f)
{
	struct export_rows *e = ctx;
	const char *label = code_lists_label(store_code_lists(e->c->s), &codes_indicator, f->kind);
	const char *v[FC_COUNT] = {f->place, f->place_name, f->year, f->kind, label ? label : "",
	                           f->target, f->actual,
	                           places_figure_weak(f, e->weak_line) ? "薄弱村" : ""};
	e->n++;
	return (e->failed = sheet_row(e->sh, v) != 0);
}

static int verb_export_indicators(struct cli *c)
{
	struct export_rows e = {.c = c};
	int rc;
	if (store_weak_line(c->s, e.weak_line, sizeof e.weak_line))
		return cli_store_fail(c, STORE_EFAIL);
	if (!(e.sh = cli_export_sheet_open(c, "indicators", "县域指标", figure_sheet, FC_COUNT, &rc)))
		return rc;
	rc = store_figure_list(c->s, &c->me, c->a.npos ? c->a.pos[0] : NULL, cli_opt(c, "--year"),
	                       cli_opt(c, "--kind"), figure_row, &e);
	if ((rc = cli_sheet_finish(c, e.sh, rc ? rc : e.failed ? STORE_EFAIL : 0)))
		return rc;
	fprintf(stderr, "bangfu: exported %ld figure%s\n", e.n, e.n == 1 ? "" : "s");
	return EXIT_OK;
}

static const struct sheet_col people_sheet[] = {
	{"person", "人员编号", SK_CODE}, {"team", "工作队", SK_CODE}, {"name", "姓名", SK_TEXT},
	{"unit", "派出单位编号", SK_CODE}, {"unit_name", "派出单位", SK_TEXT}, {"role", "职务", SK_TEXT},
	{"phone", "联系电话", SK_CODE}, {"start", "开始日期", SK_TEXT}, {"end", "结束日期", SK_TEXT},
	{"login", "登录名", SK_TEXT}, {"town", "乡镇代码", SK_CODE},
};

static int person_row(void *ctx, const struct team_person *p)
{
	struct export_rows *e = ctx;
	const char *role = codes_label(&codes_team_role, p->role);
	const char *v[] = {p->id, p->team, p->name, p->unit, p->unit_name, role ? role : p->role,
	                   p->phone, p->start, p->end, p->login, p->region};
	e->n++;
	return (e->failed = sheet_row(e->sh, v) != 0);
}

static int verb_export_people(struct cli *c)
{
	struct export_rows e = {.c = c};
	int rc;
	if (!(e.sh = cli_export_sheet_open(c, "team_people", "驻镇工作队员", people_sheet,
	                                   (int)(sizeof people_sheet / sizeof people_sheet[0]), &rc)))
		return rc;
	rc = store_person_list(c->s, &c->me, c->a.npos ? c->a.pos[0] : NULL, person_row, &e);
	if ((rc = cli_sheet_finish(c, e.sh, rc ? rc : e.failed ? STORE_EFAIL : 0)))
		return rc;
	fprintf(stderr, "bangfu: exported %ld team member%s (phones masked)\n", e.n,
	        e.n == 1 ? "" : "s");
	return EXIT_OK;
}

#define SHEET_OPTS "--format --encoding --output"
static const struct verb verbs[] = {
	{"import indicators", "FILE", "--encoding --why", 1, 1, NEED_USER,
	 "import a sheet of yearly indicators and village collective incomes (CSV)",
	 "Columns by header (field name or Chinese title, as `export indicators` writes\n"
	 "them): place 地区代码 (a county code or name, or a village's 12-digit code), year\n"
	 "年度, kind 指标 (code or label), target 目标值, actual 实际值 (exact decimals; an empty\n"
	 "cell leaves that value as it is); other columns are ignored. The whole file is\n"
	 "checked first and imported as ONE audit event, or not at all: every defect is\n"
	 "named by line and column, and a row whose place is outside your scope refuses the\n"
	 "file. Administrators and county approvers. --why defaults to \"import FILE\".",
	 verb_import_indicators},
	{"export indicators", "[PLACE]", SHEET_OPTS " --year --kind", 0, 1, NEED_USER,
	 "write the yearly indicators and village incomes in scope as CSV or xlsx",
	 "The columns import indicators reads, and the indicator's label and the 薄弱村 mark.\n"
	 "PLACE, --year, --kind as for indicator list; --format csv (default), xlsx, tsv or\n"
	 "json; --encoding gbk; -o FILE (--output).", verb_export_indicators},
	{"export team_people", "[TEAM]", SHEET_OPTS, 0, 1, NEED_USER,
	 "write the town teams' people in scope as CSV or xlsx",
	 "One row per person (as team people lists them, phones masked); options as for\n"
	 "export indicators.", verb_export_people},
};
const struct verb_table places_io_verbs = {verbs, (int)(sizeof verbs / sizeof verbs[0])};
