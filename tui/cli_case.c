/* cli_case.c — the casework verbs: case open / move / show / queue / steps, measure add,
 * visit add, setting get / set. */
#include "tui/cli.h"
#include "core/i18n.h"
#include "tui/cli_export.h"
#include "tui/case_checks.h"
#include "core/i18n.h"
#include "core/codes.h"
#include "core/rules.h"
#include "core/workflow.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_MEASURES 64

static int need_why(struct cli *c)
{
	const char *why = cli_opt(c, "--why");
	if (!why || !why[0])
		return cli_usage(c->verb, _("--why TEXT is required: every change says why"));
	return 0;
}

static int verb_case_open(struct cli *c)
{
	struct case_open o = {cli_opt(c, "--category"), cli_opt(c, "--source"), cli_opt(c, "--risks"),
	                      cli_opt(c, "--disaster"), cli_opt(c, "--note"), cli_opt(c, "--date")};
	char id[16];
	if (need_why(c))
		return EXIT_USAGE;
	int rc = store_case_open(c->s, &c->me, c->a.pos[0], &o, cli_opt(c, "--why"), id, sizeof id);
	if (rc)
		return cli_store_fail(c, rc);
	printf(_("%s: case opened as a lead (线索); the 15-day clock runs from %s\n"), id,
	       o.date ? o.date : store_today(c->s));
	return EXIT_OK;
}

/* case move, and case withdraw (the step "withdraw" on the case). */
static int case_step(struct cli *c, const char *step)
{
	struct move_input in = {
		.date = cli_opt(c, "--date"), .reason = cli_opt(c, "--why"),
		.consent_date = cli_opt(c, "--consent"), .notice_start = cli_opt(c, "--notice-start"),
		.notice_end = cli_opt(c, "--notice-end"), .method = cli_opt(c, "--method"),
		.department = cli_opt(c, "--department"),
	};
	char result[512];
	if (need_why(c))
		return EXIT_USAGE;
	int rc = store_case_move(c->s, &c->me, c->a.pos[0], step, &in, cli_opt(c, "--risks"),
	                         result, sizeof result);
	if (rc)
		return cli_store_fail(c, rc);
	printf("%s\n", result);
	return EXIT_OK;
}

static int verb_case_move(struct cli *c)
{
	return case_step(c, c->a.pos[1]);
}

static int verb_case_withdraw(struct cli *c)
{
	return case_step(c, "withdraw");
}

/* The label of code in the table in effect for t, else the code itself. */
static const char *label_or(struct cli *c, const struct code_table *t, const char *code)
{
	const char *l = code_lists_label(store_code_lists(c->s), t, code);
	return l ? codes_shown(l) : code;
}

static const char *head_name(const struct household *h)
{
	for (int i = 0; i < h->nmembers; i++)
		if (strcmp(member_get(&h->members[i], MF_RELATION), "head") == 0)
			return member_get(&h->members[i], MF_NAME);
	return "?";
}

/* The rule flags of a monitored case as of today: visit due, development measure. */
static void print_flags(struct cli *c, const struct household *h, const struct case_facts *f,
                        const struct household_facts *hf)
{
	struct rules_due due;
	char key[32];
	snprintf(key, sizeof key, "visit_interval.%s", household_get(h, HF_COUNTY));
	int interval = (int)store_setting_number(c->s, key, "visit_interval.default",
	                                         RULES_SAMPLE_VISIT_INTERVAL);
	int dev_days = (int)store_setting_number(c->s, "dev_measure_days", NULL,
	                                         RULES_SAMPLE_DEV_MEASURE_DAYS);
	if (!workflow_is_monitored(f->state))
		return;
	if (rules_visit_due(hf->last_visit, f->approval_date, interval, store_today(c->s), &due) == 0 &&
	    due.applies)
		printf(_("  next visit due %s%s (every %d days)\n"), due.due,
		       due.overdue ? _(" — OVERDUE 走访逾期") : "", interval);
	if (rules_dev_measure_due(hf, f->approval_date, dev_days, store_today(c->s), &due) == 0 &&
	    due.applies && due.overdue) {
		char groups[256] = "";   /* the groups of setting dev_measure_groups, by label */
		const char *p = hf->dev_groups[0] ? hf->dev_groups : RULES_DEV_GROUPS_NATIONAL;
		for (size_t used = 0, k; *p; p += k + (p[k] == ',')) {
			char code[32];
			k = strcspn(p, ",");
			snprintf(code, sizeof code, "%.*s", (int)k, p);
			const char *label = codes_label(&codes_measure_group, code);
			used += (size_t)snprintf(groups + used, used < sizeof groups ? sizeof groups - used : 0,
			                         "%s%s", used ? "/" : "", label ? codes_shown(label) : code);
		}
		printf(_("  FLAG: a household with labour and no development measure (%s) since %s "
		       "缺发展类措施\n"), groups, due.due);
	}
}

static void print_case(struct cli *c, const struct household *h, int ci)
{
	const struct hcase *cs = &h->cases[ci];
	struct case_facts f;
	struct household_facts hf;
	struct measure_fact mf[MAX_MEASURES];
	char risks[256];
	if (store_case_facts(c->s, h, ci, store_today(c->s), &f, &hf, mf, MAX_MEASURES))
		return;
	model_value_onscreen(store_code_lists(c->s), CF_RISKS, case_get(cs, CF_RISKS), risks, sizeof risks);
	printf(_("\ncase %s  %s  %s (%s)\n"), cs->id, label_or(c, &codes_category, case_get(cs, CF_CATEGORY)),
	       codes_shown(workflow_state_label(f.state)), workflow_state_code(f.state));
	printf(_("  risks: %s%s%s   source: %s\n"), risks, case_get(cs, CF_NOTE)[0] ? " — " : "",
	       case_get(cs, CF_NOTE), label_or(c, &codes_source, case_get(cs, CF_SOURCE)));
	if (case_get(cs, CF_LINKED)[0])
		printf(_("  re-marked from case %s\n"), case_get(cs, CF_LINKED));
	struct wf_clock clock;
	if (f.lead_date[0] && workflow_clock(&f, store_today(c->s), &clock) == 0) {
		int limit = workflow_decision_days(&f);
		char late[48] = "";
		if (clock.late)
			snprintf(late, sizeof late, _(" — LATE 超过%d天"), limit);
		printf(ngettext("  %d-day clock: %ld day from lead %s to %s%s\n",
		                "  %d-day clock: %ld days from lead %s to %s%s\n", (unsigned long)clock.days),
		       limit, clock.days, f.lead_date, clock.running ? _("today") : _("decision"), late);
	}
	if (f.green_channel)
		printf(_("  green channel 绿色通道: assistance recorded before approval\n"));
	struct refusal flags;
	refusal_clear(&flags);
	rules_household_flags(&hf, store_today(c->s), &flags);
	for (int i = 0; i < flags.count; i++)
		printf(_("  flag: %s\n"), flags.reasons[i]);
	for (int i = 0; i < h->nsub[SUB_STEP]; i++) {
		const struct subrec *r = &h->sub[SUB_STEP][i];
		enum wf_state to;
		if (strcmp(subrec_get(r, SUB_STEP, "case_id"), cs->id) != 0)
			continue;
		workflow_state_parse(subrec_get(r, SUB_STEP, "to_state"), &to);
		const char *details = subrec_get(r, SUB_STEP, "details");
		printf(_("  %s  %-16s → %-10s by %s: %s%s%s%s\n"), subrec_get(r, SUB_STEP, "happened"),
		       subrec_get(r, SUB_STEP, "step"), codes_shown(workflow_state_label(to)),
		       subrec_get(r, SUB_STEP, "login"), subrec_get(r, SUB_STEP, "reason"),
		       details[0] ? " [" : "", details, details[0] ? "]" : "");
	}
	const struct wf_transition *next[32];
	int n = workflow_offered(&f, &c->me, next, 32);
	if (n) {
		printf(_("  your next steps:"));
		for (int i = 0; i < n; i++)
			printf(" %s", next[i]->name);
		printf("\n");
	}
	print_flags(c, h, &f, &hf);
}

static void print_subrecs(struct cli *c, const struct household *h, enum subrec_kind k,
                          const char *title)
{
	if (!h->nsub[k])
		return;
	printf(_("\n%s:\n"), title);
	for (int i = 0; i < h->nsub[k]; i++) {
		char line[2048];
		subrec_show(store_code_lists(c->s), k, &h->sub[k][i], line, sizeof line);
		printf("  %s  %s\n", h->sub[k][i].v[0], line);
	}
}

static int verb_case_show(struct cli *c)
{
	struct household h;
	int ci = -1;
	const char *key = c->a.pos[0];
	int rc = key[0] == 'C' ? store_case_find(c->s, &c->me, key, &h, &ci)
	                       : store_household_find(c->s, &c->me, key, &h);
	if (rc)
		return cli_store_fail(c, rc);
	printf(_("household %s (户编号 %s), head %s, %d people, %s%s\n"), h.id, household_get(&h, HF_NO),
	       head_name(&h), h.nmembers, household_get(&h, HF_TOWN), household_get(&h, HF_VILLAGE));
	if (!h.ncases)
		printf(_("no monitoring case\n"));
	for (int i = 0; i < h.ncases; i++)
		if (ci < 0 || i == ci)
			print_case(c, &h, i);
	print_subrecs(c, &h, SUB_MEASURE, _("measures 帮扶措施"));
	print_subrecs(c, &h, SUB_VISIT, _("visits 走访"));
	print_subrecs(c, &h, SUB_WARNING, _("department warnings 部门预警"));
	print_subrecs(c, &h, SUB_INCOME, _("income assessments 收入核算"));
	household_free(&h);
	return EXIT_OK;
}

/* One queue row: case, household, state, waiting since, and the rule checks; printed,
 * or into the sheet of --format. */
struct queue_out { struct cli *c; struct sheet *sh; };

static int queue_row(void *ctx, const struct household *h, int ci)
{
	struct queue_out *q = ctx;
	struct cli *c = q->c;
	struct case_facts f;
	struct household_facts hf;
	struct measure_fact mf[MAX_MEASURES];
	if (store_case_facts(c->s, h, ci, store_today(c->s), &f, &hf, mf, MAX_MEASURES))
		return 0;
	char checks[256];
	case_checks_text(h, &f, &hf, q->sh == NULL, checks, sizeof checks);
	if (q->sh) {
		const char *v[] = {h->cases[ci].id, h->id, head_name(h), workflow_state_label(f.state),
		                   f.last_step_date[0] ? f.last_step_date : f.lead_date, checks};
		return sheet_row(q->sh, v) ? 1 : 0;
	}
	printf(_("%s  %s  %s  %s  since %s  %s\n"), h->cases[ci].id, h->id, head_name(h),
	       codes_shown(workflow_state_label(f.state)), f.last_step_date[0] ? f.last_step_date : f.lead_date,
	       checks);
	return 0;
}

static int verb_case_queue(struct cli *c)
{
	struct queue_out q = {c, NULL};
	int rc = 0;
	if (cli_opt(c, "--format") && !(q.sh = cli_queue_sheet_open(c, &rc)))
		return rc;
	rc = store_case_queue(c->s, &c->me, queue_row, &q);
	if (q.sh)
		return cli_sheet_finish(c, q.sh, rc);
	return rc ? cli_store_fail(c, rc) : EXIT_OK;
}

/* One row of `case steps`, the Chinese name padded by its width on screen. */
/* One row: the label padded to `cells` terminal cells (the widest shown label). */
static void step_row(const char *name, const char *label, int cells, const char *help)
{
	int npad = 18 - text_width(name), pad = cells - text_width(label);
	printf("%s%*s %s%*s %s\n", name, npad > 0 ? npad : 0, "", label, pad > 0 ? pad : 0, "", help);
}

static int verb_case_steps(struct cli *c)
{
	(void)c;
	int cells = 16;
	for (int i = 0; i < workflow_transition_count(); i++) {
		int w = text_width(codes_shown(workflow_transition_at(i)->label)) + 1;
		cells = w > cells ? w : cells;
	}
	step_row(_("STEP"), _("名称"), cells, _("WHAT IT NEEDS"));
	for (int i = 0; i < workflow_transition_count(); i++) {
		const struct wf_transition *t = workflow_transition_at(i);
		step_row(t->name, codes_shown(t->label), cells, t->help && t->help[0] ? _(t->help) : "");
	}
	return EXIT_OK;
}

static int verb_measure_add(struct cli *c)
{
	struct measure_input m = {cli_opt(c, "--group"), cli_opt(c, "--detail"), cli_opt(c, "--start"),
	                          cli_opt(c, "--end"), cli_opt(c, "--amount"), cli_opt(c, "--responsible")};
	char id[16];
	if (need_why(c))
		return EXIT_USAGE;
	int rc = store_measure_add(c->s, &c->me, c->a.pos[0], &m, cli_opt(c, "--why"), id, sizeof id);
	if (rc)
		return cli_store_fail(c, rc);
	printf(_("%s: measure recorded\n"), id);
	return EXIT_OK;
}

static int verb_visit_add(struct cli *c)
{
	struct visit_input v = {cli_opt(c, "--date"), cli_opt(c, "--visitor"), cli_opt(c, "--method"),
	                        cli_opt(c, "--findings"), cli_opt(c, "--follow-up")};
	char id[16];
	if (need_why(c))
		return EXIT_USAGE;
	int rc = store_visit_add(c->s, &c->me, c->a.pos[0], &v, cli_opt(c, "--why"), id, sizeof id);
	if (rc)
		return cli_store_fail(c, rc);
	printf(_("%s: visit recorded\n"), id);
	return EXIT_OK;
}

static int print_setting(void *ctx, const char *key, const char *value)
{
	const char *only = ctx;
	if (!only || strcmp(only, key) == 0)
		printf("%s = %s\n", key, value);
	return 0;
}

static int verb_setting_get(struct cli *c)
{
	int rc = store_setting_list(c->s, print_setting, c->a.npos ? (void *)c->a.pos[0] : NULL);
	return rc ? cli_store_fail(c, rc) : EXIT_OK;
}

static int verb_setting_set(struct cli *c)
{
	if (need_why(c))
		return EXIT_USAGE;
	char stored[512];
	int rc = store_setting_set(c->s, &c->me, c->a.pos[0], c->a.pos[1], cli_opt(c, "--why"));
	if (rc)
		return cli_store_fail(c, rc);
	/* as stored: a town class or cluster list is put in its canonical form */
	if (store_setting_get(c->s, c->a.pos[0], stored, sizeof stored))
		snprintf(stored, sizeof stored, "%s", c->a.pos[1]);
	printf("%s = %s\n", c->a.pos[0], stored);
	return EXIT_OK;
}

/* The lists an administrator may extend, as in effect: shipped entries, then the
 * ones added by settings (marked with the setting that added them). */
static int verb_setting_lists(struct cli *c)
{
	const struct code_list_info *lists = code_lists_info;
	const struct code_lists *l = store_code_lists(c->s);
	for (int i = 0; i < CODE_LISTS_COUNT; i++) {
		const struct code_table *t = code_lists_table(l, lists[i].shipped);
		printf("%s%s (%s):\n", i ? "\n" : "", codes_shown(t->name), lists[i].key);
		for (int k = 0; k < t->count; k++)
			if (k < lists[i].shipped->count)
				printf("  %-18s %s\n", t->items[k].code, codes_shown(t->items[k].label));
			else
				printf(_("  %-18s %s   (added: setting %s.%s)\n"), t->items[k].code,
				       codes_shown(t->items[k].label), lists[i].key, t->items[k].code);
	}
	return EXIT_OK;
}

static const struct verb verbs[] = {
	{"case open", "HOUSEHOLD", "--category --source --risks --disaster --note --date !--why", 1, 1,
	 NEED_USER, N_("open a monitoring case (a lead 线索) on a household"),
	 N_("--category 脱贫不稳定户|边缘易致贫户|突发严重困难户, --source 农户自主申报|基层干部排查|\n"
	 "部门筛查预警, --risks up to five of 因病 因残 因学 因自然灾害 因意外事故 因产业项目失败\n"
	 "因务工就业不稳 缺劳动力 其他 (--disaster 洪涝|地质|旱灾|生物|气象|地震|其他 with 因自然灾害),\n"
	 "--note free text, --date the day the lead came in (default today). Categories and\n"
	 "risks an administrator added are taken too (`bangfu setting lists`)."),
	 verb_case_open},
	{"case move", "CASE STEP", "--date --consent --notice-start --notice-end --method --department "
	 "--risks !--why", 2, 2, NEED_USER, N_("take a step of the procedure on a case"),
	 N_("STEP is one of `bangfu case steps` (visit, check, village_review, to_township,\n"
	 "township_pass, approve, not_take, refer, green_channel, send_back, request_elim,\n"
	 "elim_village, elim_to_township, elim_township_pass, eliminate, keep_monitoring,\n"
	 "rollback, remark, withdraw). --date is the day it happened (default today). Refusals\n"
	 "list every reason: wrong role, out of scope, notice too short, elimination conditions..."),
	 verb_case_move},
	{"case withdraw", "CASE", "--date !--why", 1, 1, NEED_USER,
	 N_("take back your own township pass or send-back before the next level acts"),
	 N_("A step of its own (撤回, recorded with the reason): the case returns to the state your\n"
	 "latest step started from. Refused when someone acted on the case after you, or the\n"
	 "latest step is not yours or cannot be withdrawn (docs/casework.md)."),
	 verb_case_withdraw},
	{"case show", "CASE|HOUSEHOLD", "", 1, 1, NEED_USER,
	 N_("a household's cases with every step, the 15-day clock, flags and your next steps"), "",
	 verb_case_show},
	{"case queue", "", "--format", 0, 0, NEED_USER,
	 N_("cases waiting for your role in your scope, oldest first, with the rule checks"),
	 N_("--format tsv|json|csv: one row per case (docs/scripting.md)."),
	 verb_case_queue},
	{"case steps", "", "", 0, 0, 0, N_("the steps of the procedure and what each needs"), "",
	 verb_case_steps},
	{"measure add", "HOUSEHOLD", "--group --detail --start --end --amount --responsible !--why", 1, 1,
	 NEED_USER, N_("record an assistance measure (帮扶措施) on a monitored household"),
	 N_("--group one of 产业 就业 金融 公益岗位 住房安全 饮水安全 健康 义务教育 其他教育 综合保障\n"
	 "社会帮扶 搬迁 生产生活条件 基础设施; --start default today; --amount yuan."),
	 verb_measure_add},
	{"visit add", "HOUSEHOLD", "--date --visitor --method --findings --follow-up !--why", 1, 1,
	 NEED_USER, N_("record a visit (走访) to a monitored household"),
	 N_("--method 入户|电话|微信; --date default today. The next visit falls due after the\n"
	 "county's interval (setting visit_interval.COUNTY, else visit_interval.default)."),
	 verb_visit_add},
	{"setting get", "[KEY]", "", 0, 1, NEED_USER, N_("show the settings (monitoring line, intervals)"),
	 N_("The seeded values are SAMPLES, not confirmed Guangdong figures."), verb_setting_get},
	{"setting set", "KEY VALUE", "!--why", 2, 2, NEED_USER, N_("change a setting (administrators)"),
	 N_("Keys: monitoring_line.YYYY, visit_interval.default, visit_interval.COUNTY,\n"
	 "dev_measure_days, lead_warn_days, due_soon_days, and the procedure's numbers\n"
	 "notice_days (5), decision_days (15), elim_min_months (6), income_stable_months (6)\n"
	 "(positive numbers; national defaults when unset); dev_measure_groups, the measure\n"
	 "groups that count as development measures (e.g. 产业,就业,金融,公益岗位; province);\n"
	 "place.CODE with a place's name; and\n"
	 "category.CODE, risk.CODE, warning_kind.CODE, department.CODE, visit_method.CODE,\n"
	 "source.CODE, task_kind.CODE with a Chinese label\n"
	 "as VALUE, to add an entry to that list (e.g. `setting set risk.elderly 因老`).\n"
	 "Entries are only added, never changed or removed: every record's history carries\n"
	 "its label."),
	 verb_setting_set},
	{"setting lists", "", "", 0, 0, NEED_USER,
	 N_("the category, risk, warning-kind and department lists in effect (shipped and added)"), "",
	 verb_setting_lists},
};
const struct verb_table case_verbs = {verbs, (int)(sizeof verbs / sizeof verbs[0])};
