/* cli_report.c — `bangfu report`: the tables of store/report.c (cases by state, category
 * and risk per county and town, households and people, leads past 15 days, overdue
 * visits and tasks, new cases and eliminations per month, measures by group), cut to the
 * caller's scope, as a terminal table with bars (default), tsv, json, csv or xlsx (a
 * sheet per table), through the one table writer (sheet.h). */
#include "tui/cli.h"
#include "core/i18n.h"
#include "tui/sheet.h"
#include <string.h>

struct report_job { struct sheet *sh; int failed; };

static int report_row(void *ctx, const char *const *v)
{
	struct report_job *j = ctx;
	if (sheet_row(j->sh, v)) {
		j->failed = 1;
		return 1;
	}
	return 0;
}

/* The tables asked for (--table NAME, else all): 1 if table t is one. */
static int wanted(struct cli *c, const struct report_table *t)
{
	const char *only = cli_opt(c, "--table");
	return !only || strcmp(only, t->name) == 0;
}

static int verb_report(struct cli *c)
{
	enum sheet_format f;
	const unsigned all = (1u << SHEET_TEXT) | (1u << SHEET_TSV) | (1u << SHEET_JSON) |
	                     (1u << SHEET_CSV) | (1u << SHEET_XLSX);
	if (sheet_format_parse(cli_opt(c, "--format"), all, SHEET_TEXT, &f))
		return cli_usage(c->verb, _("--format takes text, tsv, json, csv or xlsx"));
	const struct report_table *t;
	int n = 0;
	for (int i = 0; store_report_table(i, &t) == 0; i++)
		n += wanted(c, t);
	if (!n)
		return cli_usage(c->verb, _("no report table \"%s\" (bangfu report --help lists them)"),
		                 cli_opt(c, "--table"));
	char err[512];
	struct report_job j = {0};
	j.sh = sheet_open(f, cli_opt(c, "--output"), NULL, n, err, sizeof err);
	if (!j.sh) {
		fprintf(stderr, "bangfu: %s\n", err);
		return EXIT_FAIL;
	}
	struct sheet_col cols[REPORT_MAX_COLS];
	int rc = 0;
	for (int i = 0; !rc && !j.failed && store_report_table(i, &t) == 0; i++) {
		if (!wanted(c, t))
			continue;
		for (int k = 0; k < t->ncols; k++)
			cols[k] = (struct sheet_col){t->cols[k].name, t->cols[k].title,
			                             t->cols[k].number ? SK_NUMBER : SK_TEXT};
		if (sheet_table(j.sh, t->name, t->title, cols, t->ncols))
			j.failed = 1;
		else
			rc = store_report(c->s, &c->me, i, report_row, &j);
	}
	int cerr = sheet_close(j.sh, err, sizeof err);
	if (rc)
		return cli_store_fail(c, rc);
	if (cerr || j.failed) {
		fprintf(stderr, _("bangfu: report failed: %s\n"), cerr ? err : _("out of memory"));
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

static const struct verb verbs[] = {
	{"report", "", "--format --output --table", 0, 0, NEED_USER,
	 N_("counts for your scope: cases by state, category and risk, overdue work, months, measures"),
	 N_("Tables (--table NAME for one): places (households, people, monitored per town),\n"
	 "states (cases by state per county and town), categories, risks (per county),\n"
	 "leads_overdue (past the 15-day clock), visits_overdue, tasks_overdue, monthly (new\n"
	 "cases and eliminations), measures (by group). --format text (default, with bars),\n"
	 "tsv, json, csv or xlsx (a sheet per table); -o FILE. Field names: docs/scripting.md."),
	 verb_report},
};
const struct verb_table report_verbs = {verbs, (int)(sizeof verbs / sizeof verbs[0])};
