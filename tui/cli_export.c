/* cli_export.c — `export households|cases|measures|visits|tasks` as csv (UTF-8 with BOM,
 * or GB18030 with --encoding gbk) or xlsx (-o FILE or standard output), and `list
 * --format tsv|json`. Every row comes from the store's scoped, masked reads
 * (store_household_list_parts, store_household_rows, store_task_list); `export households --reveal --why` goes
 * through store_export_reveal and its access record. Columns walk core/model.h's field
 * table and the sub-record columns, so a new field appears here by itself. */
#include "tui/cli.h"
#include "core/i18n.h"
#include "tui/cli_export.h"
#include "tui/out.h"
#include "tui/sheet.h"
#include "core/codes.h"
#include "core/record.h"
#include "core/regions.h"
#include "core/register_columns.h"
#include <stdlib.h>
#include <string.h>

#define EXPORT_FORMATS ((1u << SHEET_CSV) | (1u << SHEET_XLSX) | (1u << SHEET_TSV) | (1u << SHEET_JSON))
#define LIST_FORMATS ((1u << SHEET_TSV) | (1u << SHEET_JSON) | (1u << SHEET_CSV))
#define MAX_COLS 64

struct export_job {
	struct cli *c;
	struct sheet *sh;
	const struct code_lists *lists;
	struct sheet_col cols[MAX_COLS];
	int ncols;
	enum subrec_kind sub;     /* export measures / visits */
	long n;                   /* households read */
	long total;               /* households in scope matching the query (progress), or 0 */
	long rows;
	long limit;               /* today: at most this many rows, or 0 */
	int failed;
};

static int put_table(struct sheet *sh, enum export_table t);

static enum sheet_kind kind_of(enum field_kind k)
{
	switch (k) {
	case FK_NUMBER: case FK_COUNTY: case FK_TOWNCODE: case FK_VILLCODE: case FK_IDNUM: case FK_PHONE:
		return SK_CODE;
	case FK_INT: case FK_MONEY:
		return SK_NUMBER;
	default:
		return SK_TEXT;
	}
}

static void add_col(struct export_job *j, const char *name, const char *title, enum sheet_kind k)
{
	if (j->ncols < MAX_COLS)
		j->cols[j->ncols++] = (struct sheet_col){name, title, k};
}

/* The household's place columns that lead every row of cases, measures and visits. */
static void place_cols(struct export_job *j)
{
	add_col(j, "household", "帮扶编号", SK_CODE);
	add_col(j, "household_no", "户编号", SK_CODE);
	add_col(j, "county", "县区", SK_TEXT);
	add_col(j, "town", "乡镇", SK_TEXT);
	add_col(j, "village", "行政村", SK_TEXT);
}

static int place_values(const struct household *h, const char **v)
{
	const char *county = regions_county_name(household_get(h, HF_COUNTY));
	v[0] = h->id;
	v[1] = household_get(h, HF_NO);
	v[2] = county ? county : household_get(h, HF_COUNTY);
	v[3] = household_get(h, HF_TOWN);
	v[4] = household_get(h, HF_VILLAGE);
	return 5;
}

/* households: the register's columns (as import reads them), one row per member */
static int household_rows(struct export_job *j, const struct household *h)
{
	char shown[MAX_COLS][512];
	const char *v[MAX_COLS];
	const struct hcase *kase = h->ncases ? &h->cases[h->ncases - 1] : NULL;
	for (int m = 0; m < h->nmembers; m++) {
		int n = 0;
		for (int f = 0; f < FIELD_COUNT && n < MAX_COLS; f++) {
			if (model_fields[f].flags & F_NOCSV)
				continue;
			const char *raw = f < MF_FIRST ? household_get(h, (enum field_id)f)
			                : f < CF_FIRST ? member_get(&h->members[m], (enum field_id)f)
			                : kase ? case_get(kase, (enum field_id)f) : "";
			v[n] = model_value_shown(j->lists, (enum field_id)f, raw, shown[n], sizeof shown[n]);
			n++;
		}
		if (sheet_row(j->sh, v))
			return -1;
		j->rows++;
	}
	return 0;
}

static int case_rows(struct export_job *j, const struct household *h)
{
	char shown[MAX_COLS][512];
	const char *v[MAX_COLS];
	for (int k = 0; k < h->ncases; k++) {
		int n = place_values(h, v);
		v[n++] = h->cases[k].id;
		v[n++] = h->cases[k].state ? h->cases[k].state : "";
		for (int f = CF_FIRST; f < FIELD_COUNT && n < MAX_COLS; f++, n++) {
			model_value_display(j->lists, (enum field_id)f, case_get(&h->cases[k], (enum field_id)f),
			                    shown[n], sizeof shown[n]);
			v[n] = shown[n];
		}
		if (sheet_row(j->sh, v))
			return -1;
		j->rows++;
	}
	return 0;
}

static int sub_rows(struct export_job *j, const struct household *h)
{
	const struct subrec_kind_info *info = subrec_info(j->sub);
	const char *v[MAX_COLS];
	for (int k = 0; k < h->nsub[j->sub]; k++) {
		int n = place_values(h, v);
		for (int col = 0; col < info->ncols && n < MAX_COLS; col++) {
			const char *raw = h->sub[j->sub][k].v[col] ? h->sub[j->sub][k].v[col] : "";
			const struct code_table *codes = strcmp(info->cols[col], "grp") == 0 ? &codes_measure_group
			                               : strcmp(info->cols[col], "method") == 0 ? &codes_visit_method : NULL;
			const char *label = codes && *raw ? code_lists_label(j->lists, codes, raw) : NULL;
			v[n++] = label ? label : raw;
		}
		if (sheet_row(j->sh, v))
			return -1;
		j->rows++;
	}
	return 0;
}

static const char *const sub_titles[][2] = {
	{"id", "编号"}, {"case_id", "案例编号"}, {"grp", "措施类别"}, {"detail", "措施内容"},
	{"start_date", "开始日期"}, {"end_date", "结束日期"}, {"amount", "金额(元)"},
	{"responsible", "责任人"}, {"green_channel", "绿色通道"}, {"date", "走访日期"},
	{"visitor", "走访人"}, {"method", "走访方式"}, {"findings", "走访情况"},
	{"follow_up", "后续安排"},
};

static const char *sub_title(const char *col)
{
	for (size_t i = 0; i < sizeof sub_titles / sizeof sub_titles[0]; i++)
		if (strcmp(sub_titles[i][0], col) == 0)
			return sub_titles[i][1];
	return col;
}

static int export_one(void *ctx, const struct household *h)
{
	struct export_job *j = ctx;
	const char *what = j->c->verb->name + strlen("export ");
	int rc = strcmp(what, "households") == 0 ? household_rows(j, h)
	       : strcmp(what, "cases") == 0 ? case_rows(j, h) : sub_rows(j, h);
	cli_progress(j->c, "households", ++j->n, j->total);
	if (rc)
		j->failed = 1;
	return rc;
}

/* national: the households' columns under the national system's header names
 * (docs/formats.md), which import reads too. */
static void columns_for(struct export_job *j, const char *what, int national)
{
	if (strcmp(what, "households") == 0) {
		for (int f = 0; f < FIELD_COUNT; f++)
			if (!(model_fields[f].flags & F_NOCSV))
				add_col(j, model_fields[f].key, register_column_name((enum field_id)f, national),
				        kind_of(model_fields[f].kind));
		return;
	}
	place_cols(j);
	if (strcmp(what, "cases") == 0) {
		add_col(j, "case", "案例编号", SK_CODE);
		add_col(j, "state", "状态", SK_TEXT);
		for (int f = CF_FIRST; f < FIELD_COUNT; f++)
			add_col(j, model_fields[f].key, model_fields[f].zh, kind_of(model_fields[f].kind));
		return;
	}
	j->sub = strcmp(what, "measures") == 0 ? SUB_MEASURE : SUB_VISIT;
	const struct subrec_kind_info *info = subrec_info(j->sub);
	for (int col = 0; col < info->ncols; col++)
		add_col(j, info->cols[col], sub_title(info->cols[col]),
		        strcmp(info->cols[col], "amount") == 0 ? SK_NUMBER : SK_TEXT);
}

/* --format and --encoding of an export: 0, or EXIT_USAGE after saying why. */
static int export_format(struct cli *c, unsigned allowed, enum sheet_format dflt, enum sheet_format *f)
{
	if (sheet_format_parse(cli_opt(c, "--format"), allowed, dflt, f))
		return cli_usage(c->verb, _("--format takes %s"), allowed & (1u << SHEET_XLSX)
		                 ? _("csv, xlsx, tsv or json") : _("text, tsv or json"));
	const char *enc = c->a.encoding;
	if (enc && strcmp(enc, "utf-8") != 0 && strcmp(enc, "gbk") != 0)
		return cli_usage(c->verb, _("--encoding takes utf-8 or gbk, not %s"), enc);
	if (enc && strcmp(enc, "gbk") == 0 && *f != SHEET_CSV && *f != SHEET_TSV)
		return cli_usage(c->verb, _("--encoding gbk is only for csv and tsv"));
	return 0;
}

static int export_finish(struct cli *c, struct export_job *j, int rc)
{
	char err[512];
	int cerr = sheet_close(j->sh, err, sizeof err);
	if (rc)
		return cli_store_fail(c, rc);
	if (cerr || j->failed) {
		fprintf(stderr, _("bangfu: export failed: %s\n"), cerr ? err : _("out of memory"));
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

static int query_of(struct cli *c, struct query *q)
{
	struct buf text = {0};
	char err[256];
	for (int i = 0; i < c->a.npos; i++)
		buf_addf(&text, "%s%s", i ? " " : "", c->a.pos[i]);
	int rc = query_parse(store_code_lists(c->s), buf_str(&text) ? buf_str(&text) : "", q, err, sizeof err);
	buf_free(&text);
	return rc ? cli_usage(c->verb, "%s", err) : 0;
}

static int verb_export(struct cli *c)
{
	const char *what = c->verb->name + strlen("export ");
	struct export_job j = {.c = c, .lists = store_code_lists(c->s)};
	enum sheet_format f;
	struct query q;
	char err[512];
	const char *columns = cli_opt(c, "--columns");
	if (columns && strcmp(columns, "national") != 0 && strcmp(columns, "bangfu") != 0)
		return cli_usage(c->verb, _("--columns is national or bangfu"));
	if (cli_reveal_usage(c) || export_format(c, EXPORT_FORMATS, SHEET_CSV, &f) || query_of(c, &q))
		return EXIT_USAGE;
	columns_for(&j, what, columns && strcmp(columns, "national") == 0);
	j.sh = sheet_open(f, cli_opt(c, "--output"), c->a.encoding, 1, err, sizeof err);
	if (!j.sh) {
		fprintf(stderr, "bangfu: %s\n", err);
		return EXIT_FAIL;
	}
	static const char *const titles[][2] = {{"households", "农户信息"}, {"cases", "监测对象"},
	                                        {"measures", "帮扶措施"}, {"visits", "走访记录"}};
	const char *title = what;
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
		if (strcmp(titles[i][0], what) == 0)
			title = titles[i][1];
	if (sheet_table(j.sh, what, title, j.cols, j.ncols)) {
		sheet_close(j.sh, err, sizeof err);
		fprintf(stderr, _("bangfu: export failed: too many columns\n"));
		return EXIT_FAIL;
	}
	/* the sub-records an export writes: only measures' or visits' (members and cases
	 * are always read) */
	unsigned subs = strcmp(what, "measures") == 0 ? STORE_SUB(SUB_MEASURE)
	              : strcmp(what, "visits") == 0 ? STORE_SUB(SUB_VISIT) : 0;
	int rc = 0;
	if (c->progress.fn)   /* a terminal shows "12,345 / 100,000 households" */
		rc = store_household_count(c->s, &c->me, &q, NULL, 0, &j.total);
	if (!rc)
		rc = c->a.reveal ? store_export_reveal(c->s, &c->me, &q, c->a.why, subs, export_one, &j)
		                 : store_household_list_parts(c->s, &c->me, &q, subs, export_one, &j);
	if ((rc = export_finish(c, &j, rc)))
		return rc;
	const char *rows = strcmp(what, "households") == 0 ? _("people") : strcmp(what, "cases") == 0
	                   ? _("cases") : strcmp(what, "measures") == 0 ? _("measures") : _("visits");
	fprintf(stderr, ngettext("bangfu: exported %ld %s of %ld household%s\n",
	                         "bangfu: exported %ld %s of %ld households%s\n", (unsigned long)j.n),
	        j.rows, rows, j.n, c->a.reveal
	        ? _(" with full ID numbers and phones (recorded: audit reveals)")
	        : _(" (ID numbers and phones masked: --reveal --why TEXT for full ones)"));
	return EXIT_OK;
}

static int task_row(void *ctx, const struct task *t)
{
	struct export_job *j = ctx;
	const char *v[] = {t->id, t->title, t->kind, t->status, t->owner, t->due, t->household,
	                   t->case_id, t->town, t->pair, t->rule, t->created};
	if (sheet_row(j->sh, v)) {
		j->failed = 1;
		return -1;
	}
	j->rows++;
	return 0;
}

static const struct sheet_col task_cols[] = {
	{"id", "任务编号", SK_CODE}, {"title", "任务", SK_TEXT}, {"kind", "类型", SK_TEXT},
	{"status", "状态", SK_TEXT}, {"owner", "负责人", SK_TEXT}, {"due", "截止日期", SK_TEXT},
	{"household", "帮扶编号", SK_CODE}, {"case", "案例编号", SK_CODE}, {"town", "乡镇", SK_TEXT},
	{"pair", "结对", SK_CODE}, {"rule", "规则", SK_TEXT}, {"created", "创建日期", SK_TEXT},
};

/* The tasks in scope (all statuses unless --status), as export or as task list --format. */
int cli_task_sheet(struct cli *c, unsigned allowed, enum sheet_format dflt, const char *status_dflt)
{
	struct export_job j = {.c = c};
	enum sheet_format f;
	char err[512];
	if (export_format(c, allowed, dflt, &f))
		return EXIT_USAGE;
	const char *owner = cli_opt(c, "--owner");
	struct task_filter tf = {owner && strcmp(owner, "me") == 0 ? c->me.login : owner,
	                         cli_opt(c, "--status") ? cli_opt(c, "--status") : status_dflt,
	                         cli_opt(c, "--household"), NULL};
	j.sh = sheet_open(f, cli_opt(c, "--output"), c->a.encoding, 1, err, sizeof err);
	if (!j.sh) {
		fprintf(stderr, "bangfu: %s\n", err);
		return EXIT_FAIL;
	}
	sheet_table(j.sh, "tasks", "任务", task_cols, (int)(sizeof task_cols / sizeof task_cols[0]));
	return export_finish(c, &j, store_task_list(c->s, &c->me, &tf, task_row, &j));
}

static int verb_export_tasks(struct cli *c)
{
	return cli_task_sheet(c, EXPORT_FORMATS, SHEET_CSV, "all");
}

/* list --format tsv|json: the households of `list`, one row each. */
static const struct sheet_col list_cols[] = {
	{"id", N_("帮扶编号"), SK_CODE}, {"household_no", N_("户编号"), SK_CODE}, {"head", N_("户主"), SK_TEXT},
	{"members", N_("人数"), SK_NUMBER}, {"county", N_("县区"), SK_TEXT}, {"town", N_("乡镇"), SK_TEXT},
	{"village", N_("行政村"), SK_TEXT}, {"type", N_("户类型"), SK_TEXT}, {"income", N_("家庭人均纯收入"), SK_NUMBER},
	{"case", N_("案例编号"), SK_CODE}, {"category", N_("监测对象类别"), SK_TEXT}, {"state", N_("状态"), SK_TEXT},
};

int export_household_row(struct sheet *sh, const struct code_lists *lists, const struct household *h)
{
	const char *head = "";
	char size[16], cat[64] = "";
	for (int i = 0; i < h->nmembers; i++)
		if (strcmp(member_get(&h->members[i], MF_RELATION), "head") == 0)
			head = member_get(&h->members[i], MF_NAME);
	snprintf(size, sizeof size, "%d", h->nmembers);
	const struct hcase *cs = h->ncases ? &h->cases[h->ncases - 1] : NULL;
	if (cs)
		model_value_display(lists, CF_CATEGORY, case_get(cs, CF_CATEGORY), cat, sizeof cat);
	const char *county = regions_county_name(household_get(h, HF_COUNTY));
	const char *type = codes_label(&codes_household_type, household_get(h, HF_TYPE));
	const char *v[] = {h->id, household_get(h, HF_NO), head, size, county ? county : "",
	                   household_get(h, HF_TOWN), household_get(h, HF_VILLAGE), type ? type : "",
	                   household_get(h, HF_INCOME), cs ? cs->id : "", cat,
	                   cs && cs->state ? cs->state : ""};
	return sheet_row(sh, v);
}

static int list_row(void *ctx, const struct household *h)
{
	struct export_job *j = ctx;
	j->n++;
	if (export_household_row(j->sh, j->lists, h)) {
		j->failed = 1;
		return -1;
	}
	return 0;
}

int cli_list_sheet(struct cli *c, const struct query *q, long limit)
{
	struct export_job j = {.c = c, .lists = store_code_lists(c->s)};
	enum sheet_format f;
	char err[512];
	if (export_format(c, LIST_FORMATS, SHEET_TSV, &f))
		return EXIT_USAGE;
	j.sh = sheet_open(f, NULL, NULL, 1, err, sizeof err);
	if (!j.sh) {
		fprintf(stderr, "bangfu: %s\n", err);
		return EXIT_FAIL;
	}
	put_table(j.sh, EXPORT_HOUSEHOLDS);
	return export_finish(c, &j, store_household_rows(c->s, &c->me, q, NULL, limit, 0, list_row, &j));
}

/* show --format: the household's register rows (one per member), as export writes them. */
int cli_show_sheet(struct cli *c, const struct household *h)
{
	struct export_job j = {.c = c, .lists = store_code_lists(c->s)};
	enum sheet_format f;
	char err[512];
	if (export_format(c, LIST_FORMATS, SHEET_TSV, &f))
		return EXIT_USAGE;
	columns_for(&j, "households", 0);
	if (!(j.sh = sheet_open(f, NULL, NULL, 1, err, sizeof err))) {
		fprintf(stderr, "bangfu: %s\n", err);
		return EXIT_FAIL;
	}
	if (sheet_table(j.sh, "household", "农户信息", j.cols, j.ncols) || household_rows(&j, h))
		j.failed = 1;
	return export_finish(c, &j, 0);
}

/* today --format: what today lists, one row per item, then one row per household flag of
 * the caller's scope (rule "flag": its stable name, count and first households). */
static const struct sheet_col today_cols[] = {
	{"due", N_("截止日期"), SK_TEXT}, {"days_overdue", N_("逾期天数"), SK_NUMBER}, {"kind", N_("类型"), SK_TEXT},
	{"rule", N_("规则"), SK_TEXT}, {"task", N_("任务编号"), SK_CODE}, {"owner", N_("负责人"), SK_TEXT},
	{"status", N_("状态"), SK_TEXT}, {"household", N_("帮扶编号"), SK_CODE}, {"case", N_("案例编号"), SK_CODE},
	{"title", N_("事项"), SK_TEXT}, {"flag", N_("标记"), SK_TEXT}, {"count", N_("户数"), SK_NUMBER},
	{"households", N_("前几户"), SK_TEXT},
};

int export_today_row(struct sheet *sh, const struct today_item *it)
{
	char days[24];
	snprintf(days, sizeof days, "%ld", it->days_overdue);
	const char *v[] = {it->due, days, it->kind, it->rule, it->task, it->owner, it->status,
	                   it->household, it->case_id, it->title, "", "", ""};
	return sheet_row(sh, v);
}

int export_today_flag_row(struct sheet *sh, const struct today_flag *f)
{
	char count[24], first[TODAY_FLAG_FIRST * 25] = "";
	size_t at = 0;
	snprintf(count, sizeof count, "%ld", f->count);
	for (int k = 0; k < f->nfirst && at < sizeof first; k++)
		at += (size_t)snprintf(first + at, sizeof first - at, "%s%s", k ? " " : "", f->first[k]);
	const char *v[] = {"", "", "flag", "flag", "", "", "", f->nfirst ? f->first[0] : "", "", f->title,
	                   f->code, count, first};
	return sheet_row(sh, v);
}

/* The flag rows after the items (only flags some household has). */
static int today_flag_rows(struct export_job *j)
{
	struct today_flag f[TODAY_FLAG_COUNT];
	int rc = store_today_flags(j->c->s, &j->c->me, f);
	for (int i = 0; !rc && i < TODAY_FLAG_COUNT; i++)
		if (f[i].count && export_today_flag_row(j->sh, &f[i]))
			j->failed = 1;
	return rc;
}

static int today_row(void *ctx, const struct today_item *it)
{
	struct export_job *j = ctx;
	if (j->limit > 0 && j->rows >= j->limit)
		return 1;   /* the first `limit` */
	j->rows++;
	if (export_today_row(j->sh, it)) {
		j->failed = 1;
		return 1;
	}
	return 0;
}

int cli_today_sheet(struct cli *c, long limit)
{
	struct export_job j = {.c = c, .limit = limit};
	struct today_summary sum = {0};
	enum sheet_format f;
	char err[512];
	if (export_format(c, LIST_FORMATS, SHEET_TSV, &f))
		return EXIT_USAGE;
	if (!(j.sh = sheet_open(f, NULL, NULL, 1, err, sizeof err))) {
		fprintf(stderr, "bangfu: %s\n", err);
		return EXIT_FAIL;
	}
	put_table(j.sh, EXPORT_TODAY);
	int rc = store_today_list(c->s, &c->me, limit, today_row, &j, &sum);
	if (!rc && j.rows < sum.listed)
		fprintf(stderr, _("... %ld more of %d: bangfu today --all (or --limit N)\n"),
		        sum.listed - j.rows, sum.listed);
	return export_finish(c, &j, rc ? rc : today_flag_rows(&j));
}

/* case queue --format: the queue's columns, filled by cli_case.c's row function. */
static const struct sheet_col queue_cols[] = {
	{"case", N_("案例编号"), SK_CODE}, {"household", N_("帮扶编号"), SK_CODE}, {"head", N_("户主"), SK_TEXT},
	{"state", N_("状态"), SK_TEXT}, {"since", N_("起始日期"), SK_TEXT}, {"checks", N_("规则检查"), SK_TEXT},
};

struct sheet *cli_queue_sheet_open(struct cli *c, int *rc)
{
	enum sheet_format f;
	char err[512];
	struct sheet *sh;
	if ((*rc = export_format(c, LIST_FORMATS, SHEET_TSV, &f)))
		return NULL;
	if (!(sh = sheet_open(f, NULL, NULL, 1, err, sizeof err))) {
		fprintf(stderr, "bangfu: %s\n", err);
		*rc = EXIT_FAIL;
		return NULL;
	}
	put_table(sh, EXPORT_QUEUE);
	return sh;
}

/* The tables of `w` in the UI, as list, today and case queue --format write them. */
static const struct {
	const char *name, *title;
	const struct sheet_col *cols;
	int ncols;
} tables[] = {
	[EXPORT_HOUSEHOLDS] = {"households", N_("户"), list_cols, (int)(sizeof list_cols / sizeof list_cols[0])},
	[EXPORT_QUEUE] = {"queue", N_("待办案例"), queue_cols, (int)(sizeof queue_cols / sizeof queue_cols[0])},
	[EXPORT_TODAY] = {"today", N_("今日事项"), today_cols, (int)(sizeof today_cols / sizeof today_cols[0])},
};

static int put_table(struct sheet *sh, enum export_table t)
{
	return sheet_table(sh, tables[t].name, tables[t].title, tables[t].cols, tables[t].ncols);
}

struct sheet *export_sheet_open(enum export_table t, enum sheet_format f, const char *file,
                                char *err, size_t n)
{
	struct sheet *sh = sheet_open(f, file, NULL, 1, err, n);
	if (sh && put_table(sh, t)) {
		sheet_close(sh, err, n);
		snprintf(err, n, "%s", _("out of memory"));
		return NULL;
	}
	return sh;
}

struct sheet *cli_export_sheet_open(struct cli *c, const char *name, const char *title,
                                    const struct sheet_col *cols, int ncols, int *rc)
{
	enum sheet_format f;
	char err[512];
	struct sheet *sh;
	if ((*rc = export_format(c, EXPORT_FORMATS, SHEET_CSV, &f)))
		return NULL;
	if (!(sh = sheet_open(f, cli_opt(c, "--output"), c->a.encoding, 1, err, sizeof err))) {
		fprintf(stderr, "bangfu: %s\n", err);
		*rc = EXIT_FAIL;
		return NULL;
	}
	sheet_table(sh, name, title, cols, ncols);
	return sh;
}

int cli_sheet_finish(struct cli *c, struct sheet *sh, int store_rc)
{
	struct export_job j = {.c = c, .sh = sh};
	return export_finish(c, &j, store_rc);
}

#define EXPORT_OPTS "--format --encoding --output"
static const struct verb verbs[] = {
	{"export households", "[QUERY]", EXPORT_OPTS " --reveal --why --columns", 0, 8, NEED_USER,
	 N_("write the register in scope (one row per person) as CSV or xlsx"),
	 N_("Same columns as import. ID numbers and phones are masked; --reveal --why TEXT\n"
	 "writes them in full (not for auditors) and records one access record naming the\n"
	 "households. Exporting with --reveal, then importing into an empty data directory,\n"
	 "gives the same records; a masked export cannot be imported. QUERY as for `list`.\n"
	 "--format csv (default: UTF-8 with BOM; --encoding gbk for old Excel) or xlsx\n"
	 "(ID numbers, 户编号 and phones as text cells); -o FILE (--output) instead of\n"
	 "standard output, opened with your own rights. --columns national: the national\n"
	 "system's header names (县(市、区), 乡(镇), ...: docs/formats.md)."),
	 verb_export},
	{"export cases", "[QUERY]", EXPORT_OPTS, 0, 8, NEED_USER,
	 N_("write the monitoring cases of the households in scope as CSV or xlsx"),
	 N_("One row per case, with its household's place; options as for export households."),
	 verb_export},
	{"export measures", "[QUERY]", EXPORT_OPTS, 0, 8, NEED_USER,
	 N_("write the assistance measures of the households in scope as CSV or xlsx"),
	 N_("One row per measure, with its household's place; options as for export households."),
	 verb_export},
	{"export visits", "[QUERY]", EXPORT_OPTS, 0, 8, NEED_USER,
	 N_("write the visits to the households in scope as CSV or xlsx"),
	 N_("One row per visit, with its household's place; options as for export households."),
	 verb_export},
	{"export tasks", "", EXPORT_OPTS " --owner --status --household", 0, 0, NEED_USER,
	 N_("write the tasks in scope (every status unless --status) as CSV or xlsx"),
	 N_("Titles are masked as task list shows them; options as for export households."),
	 verb_export_tasks},
};
const struct verb_table export_verbs = {verbs, (int)(sizeof verbs / sizeof verbs[0])};
