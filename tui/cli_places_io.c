/* cli_places_io.c — the 百千万 sheets (docs/baiqianwan.md): `import indicators FILE`
 * (a county's indicators and villages' collective income, one audit event for the whole
 * file, all or nothing, every row inside the importer's scope) and `export indicators`,
 * `export team_people` (csv, xlsx, tsv, json through cli_export.c's sheet writer; rows
 * from the store's scoped reads, phones masked as every list shows them). The columns of
 * the indicators sheet are one table for both directions, so an export reads back. */
#include "tui/cli.h"
#include "core/i18n.h"
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

/* X(field, title, sheet kind, required on import); unit: an id or a name (unit_name is
 * read when unit is empty, as a working group's own sheet may only name it). */
#define PEOPLE_COLS(X) \
	X(person, "人员编号", SK_CODE, 0) \
	X(team, "工作队", SK_CODE, 1) \
	X(name, "姓名", SK_TEXT, 1) \
	X(unit, "派出单位编号", SK_CODE, 0) \
	X(unit_name, "派出单位", SK_TEXT, 0) \
	X(role, "职务", SK_TEXT, 0) \
	X(phone, "联系电话", SK_CODE, 0) \
	X(start, "开始日期", SK_TEXT, 0) \
	X(end, "结束日期", SK_TEXT, 0) \
	X(login, "登录名", SK_TEXT, 0) \
	X(town, "乡镇代码", SK_CODE, 0)

#define AS_PENUM(f, t, k, r) PC_##f,
enum { PEOPLE_COLS(AS_PENUM) PC_COUNT };
static const struct sheet_col people_sheet[] = {PEOPLE_COLS(AS_SHEET)};
static const struct csv_table_col people_read[] = {PEOPLE_COLS(AS_READ)};

/* A sheet being imported: the file read to UTF-8, its rows by the columns, the reason. */
struct sheet_in {
	const char *file, *used, *why;
	char *utf8, dflt[512];
	struct cli_report rep;
	struct csv_table t;
};

static void sheet_free(struct sheet_in *in)
{
	csv_table_free(&in->t);
	free(in->utf8);
	in->utf8 = NULL;
}

/* Out of memory for the rows: nothing imported. */
static int sheet_oom(struct sheet_in *in, void *a, void *b)
{
	fprintf(stderr, _("bangfu: out of memory: nothing was imported\n"));
	free(a);
	free(b);
	sheet_free(in);
	return EXIT_FAIL;
}

/* Read c's FILE against cols; 0, or the exit code after saying why (nothing imported). */
static int sheet_read(struct cli *c, const struct csv_table_col *cols, int ncols, struct sheet_in *in)
{
	size_t len;
	memset(in, 0, sizeof *in);
	in->file = c->a.pos[0];
	in->rep = (struct cli_report){in->file, 0};
	if (cli_read_utf8(in->file, c->a.encoding, &in->utf8, &len, &in->used))
		return EXIT_FAIL;
	int defects = csv_table_read(in->utf8, len, cols, ncols, &in->t, cli_report_defect, &in->rep);
	if (defects < 0)
		fprintf(stderr, _("bangfu: out of memory\n"));
	else if (defects)
		fprintf(stderr, ngettext("bangfu: %s: %d defect: nothing was imported\n",
		                         "bangfu: %s: %d defects: nothing was imported\n", (unsigned long)defects),
		        in->file, defects);
	if (defects) {
		sheet_free(in);
		return EXIT_FAIL;
	}
	const char *base = strrchr(in->file, '/') ? strrchr(in->file, '/') + 1 : in->file;
	snprintf(in->dflt, sizeof in->dflt, "import %s (%s)", base, in->used ? in->used : "UTF-8");
	in->why = c->a.why && c->a.why[0] ? c->a.why : in->dflt;
	return 0;
}

/* The store's answer: what was written (done: "imported %d figures (%d unchanged) from
 * %s [%s]\n" in the plural form for written), or nothing. */
static int sheet_done(struct cli *c, struct sheet_in *in, int store_rc, int written, const char *done)
{
	int rc = EXIT_OK;
	if (store_rc)
		rc = cli_store_fail(c, store_rc);
	else if (written)
		printf(done, written, in->t.nrows - written, in->file, in->used ? in->used : "UTF-8");
	else
		printf(_("nothing to change: the %d rows of %s are already as it says\n"), in->t.nrows,
		       in->file);
	sheet_free(in);
	return rc;
}

static int verb_import_indicators(struct cli *c)
{
	struct sheet_in in;
	int written = 0, rc = sheet_read(c, figure_read, FC_COUNT, &in);
	if (rc)
		return rc;
	struct figure_row *rows = calloc((size_t)in.t.nrows + 1, sizeof *rows);
	if (!rows)
		return sheet_oom(&in, NULL, NULL);
	for (int i = 0; i < in.t.nrows; i++) {
		const char *const *v = in.t.rows[i].v;
		rows[i] = (struct figure_row){in.t.rows[i].line, v[FC_place], v[FC_year], v[FC_kind],
		                              v[FC_target], v[FC_actual]};
	}
	rc = store_figure_import(c->s, &c->me, rows, in.t.nrows, in.why, cli_report_defect, &in.rep,
	                         &written);
	free(rows);
	return sheet_done(c, &in, rc, written,
	                  ngettext("imported %d figure (%d unchanged) from %s [%s]\n",
	                           "imported %d figures (%d unchanged) from %s [%s]\n", (unsigned long)written));
}

/* One cell into a fixed field of a person. */
static void cell(char *field, size_t n, const char *value)
{
	snprintf(field, n, "%s", value);
}

static int verb_import_people(struct cli *c)
{
	struct sheet_in in;
	int added = 0, rc = sheet_read(c, people_read, PC_COUNT, &in);
	if (rc)
		return rc;
	struct team_person *p = calloc((size_t)in.t.nrows + 1, sizeof *p);
	long *lines = calloc((size_t)in.t.nrows + 1, sizeof *lines);
	if (!p || !lines)
		return sheet_oom(&in, p, lines);
	for (int i = 0; i < in.t.nrows; i++) {
		const char *const *v = in.t.rows[i].v;
		struct team_person *to = &p[i];
		cell(to->id, sizeof to->id, v[PC_person]);
		cell(to->team, sizeof to->team, v[PC_team]);
		cell(to->name, sizeof to->name, v[PC_name]);
		cell(to->unit, sizeof to->unit, v[PC_unit][0] ? v[PC_unit] : v[PC_unit_name]);
		cell(to->role, sizeof to->role, v[PC_role]);
		cell(to->phone, sizeof to->phone, v[PC_phone]);
		cell(to->start, sizeof to->start, v[PC_start]);
		cell(to->end, sizeof to->end, v[PC_end]);
		cell(to->login, sizeof to->login, v[PC_login]);
		lines[i] = in.t.rows[i].line;
	}
	rc = store_person_import(c->s, &c->me, p, lines, in.t.nrows, in.why, cli_report_defect,
	                         &in.rep, &added);
	free(p);
	free(lines);
	return sheet_done(c, &in, rc, added,
	                  ngettext("imported %d team member (%d unchanged) from %s [%s]\n",
	                           "imported %d team members (%d unchanged) from %s [%s]\n", (unsigned long)added));
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
	fprintf(stderr, ngettext("bangfu: exported %ld figure\n", "bangfu: exported %ld figures\n",
	                         (unsigned long)e.n), e.n);
	return EXIT_OK;
}

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
	if (!(e.sh = cli_export_sheet_open(c, "team_people", "驻镇工作队员", people_sheet, PC_COUNT,
	                                   &rc)))
		return rc;
	rc = store_person_list(c->s, &c->me, c->a.npos ? c->a.pos[0] : NULL, person_row, &e);
	if ((rc = cli_sheet_finish(c, e.sh, rc ? rc : e.failed ? STORE_EFAIL : 0)))
		return rc;
	fprintf(stderr, ngettext("bangfu: exported %ld team member (phones masked)\n",
	                         "bangfu: exported %ld team members (phones masked)\n", (unsigned long)e.n),
	        e.n);
	return EXIT_OK;
}

#define SHEET_OPTS "--format --encoding --output"
static const struct verb verbs[] = {
	{"import indicators", "FILE", "--encoding --why", 1, 1, NEED_USER,
	 N_("import a sheet of yearly indicators and village collective incomes (CSV)"),
	 N_("Columns by header (field name or Chinese title, as `export indicators` writes\n"
	 "them): place 地区代码 (a county code or name, or a village's 12-digit code), year\n"
	 "年度, kind 指标 (code or label), target 目标值, actual 实际值 (exact decimals; an empty\n"
	 "cell leaves that value as it is); other columns are ignored. The whole file is\n"
	 "checked first and imported as ONE audit event, or not at all: every defect is\n"
	 "named by line and column, and a row whose place is outside your scope refuses the\n"
	 "file. Administrators and county approvers. --why defaults to \"import FILE\"."),
	 verb_import_indicators},
	{"import team_people", "FILE", "--encoding --why", 1, 1, NEED_USER,
	 N_("import a sheet of town team people (CSV): adds the people it lists"),
	 N_("Columns by header (field name or title, as `export team_people` writes them): team\n"
	 "工作队 and name 姓名 required; unit 派出单位编号 or unit_name 派出单位 (an id or a\n"
	 "name), role 职务 (队长 / 队员), phone 联系电话, start 开始日期, end 结束日期, login 登录名.\n"
	 "A row without person 人员编号 adds a person; a row with one must read as she does (a\n"
	 "masked phone matches), so an export reads back unchanged: `person edit` changes\n"
	 "people. All or nothing, ONE audit event, defects by line; every team in your scope."),
	 verb_import_people},
	{"export indicators", "[PLACE]", SHEET_OPTS " --year --kind", 0, 1, NEED_USER,
	 N_("write the yearly indicators and village incomes in scope as CSV or xlsx"),
	 N_("The columns import indicators reads, and the indicator's label and the 薄弱村 mark.\n"
	 "PLACE, --year, --kind as for indicator list; --format csv (default), xlsx, tsv or\n"
	 "json; --encoding gbk; -o FILE (--output)."), verb_export_indicators},
	{"export team_people", "[TEAM]", SHEET_OPTS, 0, 1, NEED_USER,
	 N_("write the town teams' people in scope as CSV or xlsx"),
	 N_("One row per person (as team people lists them, phones masked); options as for\n"
	 "export indicators."), verb_export_people},
};
const struct verb_table places_io_verbs = {verbs, (int)(sizeof verbs / sizeof verbs[0])};
