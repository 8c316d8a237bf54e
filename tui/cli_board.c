/* cli_board.c — the projects sheet and the board: `export projects` (and `project list
 * --format`) through the one table writer (sheet.h), `import projects FILE` through the
 * one CSV reader (core/csv.h; the file accepted or refused whole, each problem named by
 * line and column), and `bangfu board [county|track|programme] [NAME]` as a terminal
 * table or tsv, json, csv (docs/projects.md). */
#include "tui/cli.h"
#include "core/i18n.h"
#include "core/grow.h"
#include "tui/cli_export.h"
#include "tui/board_rows.h"
#include "core/csv.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT_FORMATS ((1u << SHEET_CSV) | (1u << SHEET_XLSX) | (1u << SHEET_TSV) | (1u << SHEET_JSON))

/* sheet columns from a store table's columns (report_col) */
static void sheet_cols(const struct report_col *rc, int n, struct sheet_col *out)
{
	for (int i = 0; i < n; i++)
		out[i] = (struct sheet_col){rc[i].name, rc[i].title, rc[i].number ? SK_NUMBER : SK_TEXT};
}

static int open_sheet(struct cli *c, unsigned allowed, enum sheet_format dflt, const char *name,
                      const char *title, const struct report_col *rc, int n,
                      struct sheet_col *cols, struct sheet **sh)
{
	enum sheet_format f;
	char err[512];
	if (sheet_format_parse(cli_opt(c, "--format"), allowed, dflt, &f))
		return cli_usage(c->verb, _("--format: give one of %s%s%s%s%s"),
		                 allowed & (1u << SHEET_TEXT) ? "text " : "", allowed & (1u << SHEET_TSV) ? "tsv " : "",
		                 allowed & (1u << SHEET_JSON) ? "json " : "", allowed & (1u << SHEET_CSV) ? "csv " : "",
		                 allowed & (1u << SHEET_XLSX) ? "xlsx" : "");
	if (!(*sh = sheet_open(f, cli_opt(c, "--output"), c->a.encoding, 1, err, sizeof err))) {
		fprintf(stderr, "bangfu: %s\n", err);
		return EXIT_FAIL;
	}
	sheet_cols(rc, n, cols);
	sheet_table(*sh, name, title, cols, n);
	return 0;
}

struct rows_job { struct sheet *sh; const char *today; int failed; };

static int put_row(void *ctx, const char *const *v)
{
	struct rows_job *j = ctx;
	if (sheet_row(j->sh, v))
		return j->failed = 1;
	return 0;
}

static int project_rows(void *ctx, const struct project *p)
{
	struct rows_job *j = ctx;
	return project_sheet_rows(p, j->today, put_row, j);
}

int cli_project_sheet(struct cli *c, unsigned allowed, int dflt)
{
	struct sheet_col cols[PS_COUNT];
	struct project_filter f;
	struct rows_job j = {.today = store_today(c->s)};
	int rc = open_sheet(c, allowed, (enum sheet_format)dflt, "projects", "项目", project_sheet_cols, PS_COUNT, cols, &j.sh);
	if (rc)
		return rc;
	cli_project_filter(c, &f);
	rc = cli_sheet_finish(c, j.sh, store_project_list(c->s, &c->me, &f, project_rows, &j));
	if (rc == EXIT_OK && j.failed)
		rc = (fprintf(stderr, _("bangfu: export failed: out of memory or a write error\n")), EXIT_FAIL);
	return rc;
}

static int verb_export_projects(struct cli *c)
{
	return cli_project_sheet(c, EXPORT_FORMATS, SHEET_CSV);
}

/* --- import ------------------------------------------------------------------------ */

/* The sheet column a header cell names (title or field name), -1 if none. */
static int column_of(const char *header)
{
	for (int i = 0; i < PS_COUNT; i++)
		if (strcmp(header, project_sheet_cols[i].title) == 0 ||
		    strcmp(header, project_sheet_cols[i].name) == 0)
			return i;
	return -1;
}

/* header[PS_*]: the column as the file's header names it (NULL: the file lacks it) */
struct import_job { const char *file; long problems; const char *header[PS_COUNT]; };

static void report_at(struct import_job *j, long line, const char *column, const char *msg)
{
	fprintf(stderr, "%s:%ld: %s%s%s\n", j->file, line, column, column[0] ? ": " : "", msg);
	j->problems++;
}

/* A refused row (store_project_import): its column as the user's file names it, the
 * sheet's own title for a column the file lacks (an updated project's kept field). */
static void report(void *ctx, long line, int col, const char *msg)
{
	struct import_job *j = ctx;
	report_at(j, line, col < 0 || col >= PS_COUNT ? ""
	                   : j->header[col] ? j->header[col] : project_sheet_cols[col].title, msg);
}

static int verb_import_projects(struct cli *c)
{
	const char *file = c->a.pos[0], *used;
	char *text = NULL, err[256];
	size_t len;
	if (cli_read_utf8(file, c->a.encoding, &text, &len, &used))
		return EXIT_FAIL;
	struct csv_reader r;
	struct csv_record rec = {0}, head = {0};
	struct project_row *rows = NULL;
	struct csv_record *keep = NULL;
	int map[64], ncols = 0, nrows = 0, cap = 0, rc = EXIT_FAIL, got;
	struct import_job j = {file, 0, {0}};
	csv_reader_init(&r, text, len);
	if ((got = csv_read(&r, &rec, err, sizeof err)) <= 0) {
		fprintf(stderr, "%s: %s\n", file, got < 0 ? err : _("empty file: no header row"));
		goto out;
	}
	head = rec;   /* the header names the columns in the problems reported */
	memset(&rec, 0, sizeof rec);
	for (int i = 0; i < head.nfields && i < 64; i++, ncols++)
		if ((map[i] = column_of(head.fields[i])) < 0 && head.fields[i][0])
			report_at(&j, head.line, head.fields[i], _("not a column of the projects sheet "
			          "(bangfu export projects writes one)"));
		else if (map[i] >= 0 && !j.header[map[i]])
			j.header[map[i]] = head.fields[i];
	if (!j.problems) {
		int has_title = 0;
		for (int i = 0; i < ncols; i++)
			has_title |= map[i] == PS_TITLE || map[i] == PS_ID;
		if (!has_title)
			report_at(&j, head.line, "", _("the header has neither 项目名称 nor 项目编号"));
	}
	while ((got = csv_read(&r, &rec, err, sizeof err)) != 0) {
		if (got < 0) {
			report_at(&j, r.err_line, "", csv_error_text(err));
			continue;
		}
		if (csv_record_is_empty(&rec))
			continue;
		if (nrows == cap) {   /* rows and keep share one capacity */
			size_t room = grow_cap((size_t)cap, (size_t)nrows + 1, 64, sizeof *rows);
			if (!room || grow_array(&rows, sizeof *rows, room) ||
			    grow_array(&keep, sizeof *keep, room)) {
				fprintf(stderr, _("bangfu: out of memory\n"));
				goto out;
			}
			cap = (int)room;
		}
		keep[nrows] = rec;   /* the row keeps its fields; the reader starts a new record */
		memset(&rec, 0, sizeof rec);
		struct project_row *row = &rows[nrows];
		memset(row, 0, sizeof *row);
		row->line = keep[nrows].line;
		for (int i = 0; i < keep[nrows].nfields && i < ncols; i++)
			if (map[i] >= 0)
				row->v[map[i]] = csv_formula_unguard(keep[nrows].fields[i]);
		if (keep[nrows].nfields > ncols)
			report_at(&j, row->line, "", _("more cells than the header has columns"));
		nrows++;
	}
	if (j.problems) {
		fprintf(stderr, ngettext("bangfu: %s: %ld problem: nothing was imported\n",
		                         "bangfu: %s: %ld problems: nothing was imported\n",
		                         (unsigned long)j.problems), file, j.problems);
		goto out;
	}
	int added, updated;
	const char *why = c->a.why && c->a.why[0] ? c->a.why : "import projects sheet";
	int st = store_project_import(c->s, &c->me, rows, nrows, why, report, &j, &added, &updated);
	if (st) {
		rc = cli_store_fail(c, st);
		goto out;
	}
	printf(ngettext("imported %s: %d project added, %d updated (one audit event)\n",
	                "imported %s: %d projects added, %d updated (one audit event)\n",
	                (unsigned long)added), file, added, updated);
	rc = EXIT_OK;
out:
	for (int i = 0; i < nrows; i++)
		csv_record_free(&keep[i]);
	free(keep);
	free(rows);
	csv_record_free(&rec);
	csv_record_free(&head);
	free(text);
	return rc;
}

/* --- board ------------------------------------------------------------------------- */

/* The board's rows are read whole before the sheet is opened (board_rows.h): a refused
 * county or track prints its reason alone, not an empty table before it. */
static int verb_board(struct cli *c)
{
	struct sheet_col cols[BOARD_COLS];
	struct board_rows b = {0};
	struct rows_job j = {0};
	const char *by = c->a.npos > 0 ? c->a.pos[0] : "county";
	const unsigned all = (1u << SHEET_TEXT) | (1u << SHEET_TSV) | (1u << SHEET_JSON) |
	                     (1u << SHEET_CSV) | (1u << SHEET_XLSX);
	int rc = board_rows_read(c->s, &c->me, by, c->a.npos > 1 ? c->a.pos[1] : NULL, &b);
	if (rc)
		rc = cli_store_fail(c, rc);
	else if (b.oom)
		rc = (fprintf(stderr, _("bangfu: out of memory\n")), EXIT_FAIL);
	else {
		/* the title heads the text table (translated there) and names the xlsx sheet */
		const char *title = strcmp(by, "track") == 0 ? N_("百千万工程 board by track")
		                  : strcmp(by, "programme") == 0 ? N_("百千万工程 board by programme")
		                  : N_("百千万工程 board by county");
		rc = open_sheet(c, all, SHEET_TEXT, "board", title, board_cols, BOARD_COLS, cols, &j.sh);
		for (int i = 0; !rc && i < b.n && !j.failed; i++)
			put_row(&j, board_row(&b, i));
		if (!rc && (rc = cli_sheet_finish(c, j.sh, 0)) == EXIT_OK && j.failed)
			rc = (fprintf(stderr, _("bangfu: board failed: out of memory or a write error\n")), EXIT_FAIL);
	}
	board_rows_free(&b);
	return rc;
}

static const struct verb verbs[] = {
	{"export projects", "", "--format --encoding --output --status --kind --group --match", 0, 0,
	 NEED_USER, N_("write the projects in scope as a sheet (one row per project and year of money)"),
	 N_("The projects sheet: 项目编号, 项目名称, 地区代码, 地区, 层级, 项目类型, 工作专班, 责任单位,\n"
	 "责任人, 结对编号, 资金来源, 状态, 关联任务, 年度, 计划投资(元), 已下达(元), 已支出(元), the\n"
	 "planned and actual dates of 立项, 开工, 完工 and 验收, 逾期节点. Fill it in and give it\n"
	 "back with bangfu import projects. --format csv (default), xlsx, tsv or json; -o FILE;\n"
	 "filters as for project list."),
	 verb_export_projects},
	{"import projects", "FILE", "--encoding --why", 1, 1, NEED_USER,
	 N_("import a projects sheet (CSV): new rows add projects, rows with an id update them"),
	 N_("The columns of bangfu export projects (Chinese titles or field names; any subset,\n"
	 "in any order). A row without 项目编号 adds a project (项目名称, 地区代码 or 地区, 项目类型\n"
	 "and 工作专班 required); a row with one updates it: non-empty cells replace, money goes\n"
	 "to its 年度, milestone dates are recorded. Every row is checked; any problem (named\n"
	 "FILE:LINE: column: reason) refuses the whole file. One audit event; --why (default\n"
	 "\"import projects sheet\")."),
	 verb_import_projects},
	{"board", "[county|track|programme] [NAME]", "--format --output", 0, 2, NEED_USER,
	 N_("the 百千万 board: households, cases, projects, money, overdue milestones, indicators per county, track or programme"),
	 N_("Per county (default), per track (创先, 进位, 消薄 from the setting track.CCCCCC, else\n"
	 "the published track; 未分类 when none) or per programme (the programmes of the county\n"
	 "pairs helping each county or one of its towns; 无结对 when none): households,\n"
	 "monitored households, cases by state, projects and projects by status, money planned,\n"
	 "allocated and spent (yuan), overdue milestones, this year's county indicators reached\n"
	 "of those with a target (1/2), and the row's code. NAME: one county (code or name, e.g.\n"
	 "佛冈县), track or programme. Cut to your scope: a county office sees its county, the\n"
	 "province all. The UI shows the same rows (o). --format text (default), tsv, json,\n"
	 "csv or xlsx; -o FILE."),
	 verb_board},
};
const struct verb_table board_verbs = {verbs, (int)(sizeof verbs / sizeof verbs[0])};
