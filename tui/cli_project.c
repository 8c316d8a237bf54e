/* cli_project.c — the project verbs: project add / set / list / show / milestone / money
 * (docs/projects.md). Each change is one audit event with its reason; the money and
 * milestone rules are core/project.c's, references and scope the store's. The sheet
 * verbs (import and export projects) and the board are in cli_board.c. */
#include "tui/cli.h"
#include "core/i18n.h"
#include "tui/cli_export.h"
#include "core/text.h"
#include "core/codes.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The four milestones by the options that plan them in `project add`, and by the English
 * names `project milestone` also takes. */
static const struct { const char *opt, *alias; } ms_opts[4] = {
	{"--approval", "approval"}, {"--start", "start"}, {"--finish", "finish"},
	{"--acceptance", "acceptance"},
};

static const char *milestone_name(const char *typed)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(typed, ms_opts[i].alias) == 0)
			return project_milestone_names[i];
	return typed;
}

/* Copy option values into the project's fields; a usage error for one too long. */
struct field_opt { const char *opt; char *field; size_t size; };

static int copy_opts(struct cli *c, const struct field_opt *f, int n, int *given)
{
	for (int i = 0; i < n; i++) {
		const char *v = cli_opt(c, f[i].opt);
		if (!v)
			continue;
		if (strlen(v) >= f[i].size)
			return cli_usage(c->verb, _("%s \"%s\" is too long (at most %zu bytes)"), f[i].opt, v,
			                 f[i].size - 1);
		snprintf(f[i].field, f[i].size, "%s", v);
		(*given)++;
	}
	return 0;
}

#define FIELD_OPTS(p) { \
	{"--title", (p)->title, sizeof (p)->title}, {"--place", (p)->place, sizeof (p)->place}, \
	{"--kind", (p)->kind, sizeof (p)->kind}, {"--group", (p)->group, sizeof (p)->group}, \
	{"--unit", (p)->unit, sizeof (p)->unit}, {"--person", (p)->person, sizeof (p)->person}, \
	{"--pair", (p)->pair, sizeof (p)->pair}, {"--programme", (p)->programme, sizeof (p)->programme}, \
	{"--status", (p)->status, sizeof (p)->status}, {"--tasks", (p)->tasks, sizeof (p)->tasks}}

/* --year with --planned/--allocated/--spent: one year's money (NULL = not given). */
static int money_opts(struct cli *c, struct project *p, char *err, size_t errlen, int *given)
{
	const char *year = cli_opt(c, "--year"), *planned = cli_opt(c, "--planned"),
	           *allocated = cli_opt(c, "--allocated"), *spent = cli_opt(c, "--spent");
	if (!planned && !allocated && !spent)
		return year ? snprintf(err, errlen, "%s", _("--year needs --planned, --allocated or "
		                       "--spent")), -1 : 0;
	if (!year)
		return snprintf(err, errlen, "%s", _("money needs --year YYYY")), -1;
	(*given)++;
	return project_money_set(p, year, planned, allocated, spent, NULL, err, errlen);
}

/* s left-aligned in `cells` terminal cells (a Chinese character takes two), then a space. */
static void put_cell(const char *s, int cells)
{
	int pad = cells - text_width(s);
	printf("%s%*s ", s, pad > 0 ? pad : 0, "");
}

/* The widest status name in the user's language (在建 or "under construction"), in cells. */
static int status_cells(void)
{
	int wide = 0;
	for (int i = 0; i < codes_project_status.count; i++)
		if (text_width(codes_shown(codes_project_status.items[i].label)) > wide)
			wide = text_width(codes_shown(codes_project_status.items[i].label));
	return wide;
}

/* One project for people: names in the user's language (the codes: --format tsv). */
static void print_project_line(const struct project *p, const char *today)
{
	long long planned, allocated, spent;
	char pl[PROJECT_MONEY_LEN], sp[PROJECT_MONEY_LEN];
	const char *status = codes_label(&codes_project_status, p->status);
	project_money_totals(p, &planned, &allocated, &spent);
	project_money_format(planned, pl);
	project_money_format(spent, sp);
	int overdue = project_overdue_count(p, today);
	put_cell(p->id, 9);
	put_cell(status ? codes_shown(status) : p->status, status_cells());
	put_cell(p->place_name[0] ? p->place_name : p->place, 12);
	put_cell(codes_shown(p->kind_name), 12);
	put_cell(codes_shown(p->group_name), 24);
	printf("%14s %14s %s%s\n", pl, sp, p->title, overdue ? _(" [milestone overdue]") : "");
}

static int verb_project_add(struct cli *c)
{
	struct project p = {0};
	char err[512];
	int given = 0;
	const struct field_opt f[] = FIELD_OPTS(&p);
	snprintf(p.title, sizeof p.title, "%s", c->a.pos[0]);
	if (strlen(c->a.pos[0]) >= sizeof p.title)
		return cli_usage(c->verb, _("TITLE is too long"));
	if (copy_opts(c, f, (int)(sizeof f / sizeof f[0]), &given))
		return EXIT_USAGE;
	if (!p.place[0] || !p.kind[0] || !p.group[0])
		return cli_usage(c->verb, _("--place, --kind and --group are required (bangfu project add "
		                 "--help lists the kinds and working groups)"));
	for (int i = 0; i < 4; i++) {
		const char *date = cli_opt(c, ms_opts[i].opt);
		if (date && project_milestone_set(&p, project_milestone_names[i], date, NULL,
		                                  store_today(c->s), NULL, err, sizeof err))
			return cli_usage(c->verb, "%s: %s", ms_opts[i].opt, err);
	}
	if (money_opts(c, &p, err, sizeof err, &given))
		return cli_usage(c->verb, "%s", err);
	int rc = store_project_add(c->s, &c->me, &p, c->a.why && c->a.why[0] ? c->a.why : "new project");
	if (rc)
		return cli_store_fail(c, rc);
	const char *level = codes_label(&codes_project_level, p.level);
	printf(_("added project %s: %s (%s %s, %s)\n"), p.id, p.title, level ? codes_shown(level) : p.level,
	       p.place_name, codes_shown(p.kind_name));
	return EXIT_OK;
}

/* --- changes ----------------------------------------------------------------------- */

struct set_job { struct cli *c; };

static int edit_set(void *ctx, struct project *p, const char *today, char *err, size_t errlen)
{
	struct set_job *j = ctx;
	const struct field_opt f[] = FIELD_OPTS(p);
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		const char *v = cli_opt(j->c, f[i].opt);
		if (v && strlen(v) >= f[i].size)
			return snprintf(err, errlen, _("%s is too long"), f[i].opt), -1;
		if (v)
			snprintf(f[i].field, f[i].size, "%s", v);
	}
	(void)today;
	return 0;
}

static int change(struct cli *c, const char *verb, project_edit_fn edit, void *ctx)
{
	if (!c->a.why || !c->a.why[0])
		return cli_usage(c->verb, _("--why TEXT is required: say why the project changes"));
	int rc = store_project_change(c->s, &c->me, c->a.pos[0], verb, edit, ctx, c->a.why);
	if (rc)
		return cli_store_fail(c, rc);
	struct project p;
	if (store_project_get(c->s, &c->me, c->a.pos[0], &p) == 0)
		print_project_line(&p, store_today(c->s));
	return EXIT_OK;
}

static int verb_project_set(struct cli *c)
{
	struct set_job j = {c};
	struct project probe = {0};
	const struct field_opt f[] = FIELD_OPTS(&probe);
	int given = 0;
	if (copy_opts(c, f, (int)(sizeof f / sizeof f[0]), &given))
		return EXIT_USAGE;
	if (!given)
		return cli_usage(c->verb, _("give what to change: --title, --place, --kind, --group, "
		                 "--unit, --person, --pair, --programme, --status or --tasks"));
	return change(c, "set", edit_set, &j);
}

struct ms_job { const char *name, *planned, *actual; };

static int edit_milestone(void *ctx, struct project *p, const char *today, char *err, size_t errlen)
{
	struct ms_job *j = ctx;
	return project_milestone_set(p, j->name, j->planned, j->actual, today, NULL, err, errlen);
}

static int verb_project_milestone(struct cli *c)
{
	struct ms_job j = {milestone_name(c->a.pos[1]), cli_opt(c, "--planned"), cli_opt(c, "--actual")};
	if (!j.planned && !j.actual)
		return cli_usage(c->verb, _("give --planned YYYY-MM-DD and/or --actual YYYY-MM-DD "
		                 "(--actual \"\" clears it)"));
	return change(c, "milestone", edit_milestone, &j);
}

struct money_job { struct cli *c; };

static int edit_money(void *ctx, struct project *p, const char *today, char *err, size_t errlen)
{
	struct money_job *j = ctx;
	int given = 0;
	(void)today;
	return money_opts(j->c, p, err, errlen, &given);
}

static int verb_project_money(struct cli *c)
{
	struct money_job j = {c};
	if (!cli_opt(c, "--year") || (!cli_opt(c, "--planned") && !cli_opt(c, "--allocated") &&
	                              !cli_opt(c, "--spent")))
		return cli_usage(c->verb, _("give --year YYYY and --planned, --allocated and/or --spent "
		                 "(yuan: 1200000, 1,200,000.50 or 120万)"));
	return change(c, "money", edit_money, &j);
}

/* --- reading ----------------------------------------------------------------------- */

struct list_job { struct cli *c; long limit, shown; };

static int list_one(void *ctx, const struct project *p)
{
	struct list_job *j = ctx;
	if (j->limit > 0 && j->shown >= j->limit)
		return 1;
	print_project_line(p, store_today(j->c->s));
	j->shown++;
	return 0;
}

void cli_project_filter(struct cli *c, struct project_filter *f)
{
	const char *status = cli_opt(c, "--status");
	memset(f, 0, sizeof *f);
	f->overdue = status && strcmp(status, "overdue") == 0;
	f->status = f->overdue ? NULL : status;
	f->kind = cli_opt(c, "--kind");
	f->group = cli_opt(c, "--group");
	f->match = cli_opt(c, "--match");
}

static int verb_project_list(struct cli *c)
{
	if (cli_opt(c, "--format"))
		return cli_project_sheet(c, (1u << SHEET_TSV) | (1u << SHEET_JSON) | (1u << SHEET_CSV),
		                         SHEET_TSV);
	struct project_filter f;
	struct list_job j = {c, c->a.limit ? atol(c->a.limit) : 0, 0};
	cli_project_filter(c, &f);
	int rc = store_project_list(c->s, &c->me, &f, list_one, &j);
	if (rc)
		return cli_store_fail(c, rc);
	if (!j.shown)
		printf("%s\n", f.status || f.kind || f.group || f.match || f.overdue
		       ? _("no projects in your scope match") : _("no projects in your scope"));
	return EXIT_OK;
}

static int verb_project_show(struct cli *c)
{
	struct project p;
	struct buf text = {0};
	int rc = store_project_get(c->s, &c->me, c->a.pos[0], &p);
	if (rc)
		return cli_store_fail(c, rc);
	project_describe(&p, store_today(c->s), &text);
	fputs(buf_str(&text) ? text.s : "", stdout);
	buf_free(&text);
	return EXIT_OK;
}

#define FIELD_OPTIONS "--place --kind --group --unit --person --pair --programme --status --tasks"

static const struct verb verbs[] = {
	{"project add", "TITLE", "!--place !--kind !--group --unit --person --pair --programme "
	 "--status --tasks --year --planned --allocated --spent --approval --start --finish "
	 "--acceptance --why", 1, 1, NEED_USER,
	 N_("add a 百千万 project (项目) with its place, kind, working group, money and milestones"),
	 N_("--place: a county, town or village (code, or a name only one place has); it must lie\n"
	 "in your scope, and decides who sees the project. --unit: the responsible unit (id or\n"
	 "name); --person: the responsible person; funding: --pair P0000001 and/or --programme\n"
	 "NAME; --tasks T0000001,T0000002: linked tasks.\n"
	 "Money (yuan, exact: 1200000, 1,200,000.50 or 120万): --year YYYY with --planned,\n"
	 "--allocated and --spent for that year (more years: bangfu project money).\n"
	 "Milestones, planned dates YYYY-MM-DD: --approval (立项), --start (开工), --finish (完工),\n"
	 "--acceptance (验收); actual dates and custom milestones: bangfu project milestone.\n"
	 "Kinds (--kind, code or label): old_estates 老旧小区, sewage 污水处理, refuse 垃圾处理,\n"
	 "black_water 黑臭水体, pipes 管网, farmhouse 农房试点, trad_village 传统村落,\n"
	 "industrial_park 产业园区, prepared_food 预制菜, ocean_ranch 海洋牧场, transport 交通,\n"
	 "energy 能源, transfer_park 产业转移园区, industry_cluster 特色产业集群, other 其他.\n"
	 "Working groups (--group, 专班 and its lead department): county_economy 县域经济/发展改革委,\n"
	 "town_building 城镇建设/住房城乡建设厅, rural 乡村振兴/农业农村厅. An administrator adds\n"
	 "kinds and groups: bangfu setting set project_kind.CODE LABEL --why ... (project_group.CODE\n"
	 "\"专班/牵头部门\"). Status (--status): planned 谋划, approved 已立项, building 在建,\n"
	 "completed 已完工, accepted 已验收, suspended 暂停, cancelled 已取消.\n"),
	 verb_project_add},
	{"project set", "PROJECT", "--title " FIELD_OPTIONS " !--why", 1, 1, NEED_USER,
	 N_("change a project's title, place, kind, group, unit, person, funding, status or tasks"),
	 N_("Each option given replaces that field; --why is required (one audit event).\n"
	    "Kinds, working groups and statuses: bangfu project add --help."),
	 verb_project_set},
	{"project milestone", "PROJECT NAME", "--planned --actual !--why", 2, 2, NEED_USER,
	 N_("record a milestone's planned or actual date (立项, 开工, 完工, 验收 or a custom one)"),
	 N_("NAME: 立项 (approval), 开工 (start), 完工 (finish), 验收 (acceptance) or a name of your\n"
	 "own (a new milestone needs --planned). --planned YYYY-MM-DD, --actual YYYY-MM-DD (not\n"
	 "after today; \"\" clears it). A milestone whose planned date has passed with no actual\n"
	 "date is overdue: bangfu today lists it for everyone whose scope holds the project."),
	 verb_project_milestone},
	{"project money", "PROJECT", "!--year --planned --allocated --spent !--why", 1, 1, NEED_USER,
	 N_("record a year's money of a project: planned, allocated, spent (yuan, exact)"),
	 N_("Amounts in yuan: 1200000, 1,200,000.50 or 120万 (万 = 10,000 yuan), at most two\n"
	 "decimals of a yuan; kept exactly (fen), never rounded. \"\" clears an amount."),
	 verb_project_money},
	{"project list", "", "--status --kind --group --match --limit --format", 0, 0, NEED_USER,
	 N_("list the projects in your scope with their money and overdue milestones"),
	 N_("--status CODE|overdue|all (overdue: with a milestone past its planned date), --kind,\n"
	 "--group, --match TEXT (title, id or place name). Columns: id, status, place, kind,\n"
	 "working group, planned and spent yuan (all years), title. --format tsv|json|csv."),
	 verb_project_list},
	{"project show", "PROJECT", "", 1, 1, NEED_USER,
	 N_("show a project with its milestones and money per year"), "", verb_project_show},
};
const struct verb_table project_verbs = {verbs, (int)(sizeof verbs / sizeof verbs[0])};
