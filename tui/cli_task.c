/* cli_task.c — the task verbs: task add / list / show / start / done / cancel / comment,
 * and `today` (what is overdue and due soon for you, most urgent first). */
#include "tui/cli.h"
#include "core/codes.h"
#include "core/tasks_rules.h"
#include "core/text.h"
#include "core/i18n.h"
#include "tui/cli_export.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TODAY_PAGE 100   /* as list's first page (the verb's help says 100) */

/* A code's label as shown, else `unknown` (the code itself in a table's column). */
static const char *shown_or(struct cli *c, const struct code_table *t, const char *code,
                            const char *unknown)
{
	const char *l = code_lists_label(store_code_lists(c->s), t, code);
	return l ? codes_shown(l) : unknown;
}
#define label_of(c, t, code) shown_or(c, t, code, "?")
#define column_label(c, t, code) shown_or(c, t, code, code)

/* The kind column of `today` and its counts: a rule's label, else the task kind's. */
static const char *what_shown(struct cli *c, const char *what)
{
	const char *rule = tasks_rules_shown(what);
	return rule ? rule : column_label(c, &codes_task_kind, what);
}

/* --version V as a number (0 = not given); -1 after a usage message. */
static long version_opt(struct cli *c)
{
	char *end;
	if (!c->a.version)
		return 0;
	long v = strtol(c->a.version, &end, 10);
	if (!c->a.version[0] || *end || v <= 0)
		return cli_usage(c->verb, _("--version needs a positive number (see `bangfu task show`)")), -1;
	return v;
}

static int verb_task_add(struct cli *c)
{
	struct task t = {0};
	char why[128];
	const char *kind = cli_opt(c, "--kind");
	if (!kind)
		return cli_usage(c->verb, _("--kind is required: visit 走访, verification 核实, measure "
		                 "落实措施, paperwork 材料报送, project 项目 or a kind added by setting "
		                 "task_kind.CODE"));
	struct { const char *what, *value; char *field; size_t size; } args[] = {
		{"TITLE", c->a.pos[0], t.title, sizeof t.title},
		{"--kind", kind, t.kind, sizeof t.kind},
		{"--owner", cli_opt(c, "--owner"), t.owner, sizeof t.owner},
		{"--due", cli_opt(c, "--due"), t.due, sizeof t.due},
		{"--household", cli_opt(c, "--household"), t.household, sizeof t.household},
		{"--case", cli_opt(c, "--case"), t.case_id, sizeof t.case_id},
		{"--town", cli_opt(c, "--town"), t.town, sizeof t.town},
		{"--pair", cli_opt(c, "--pair"), t.pair, sizeof t.pair},
	};
	for (size_t i = 0; i < sizeof args / sizeof args[0]; i++) {
		if (args[i].value && strlen(args[i].value) >= args[i].size)
			return cli_usage(c->verb, _("%s \"%s\" is too long (at most %zu bytes)"), args[i].what,
			                 args[i].value, args[i].size - 1);
		snprintf(args[i].field, args[i].size, "%s", args[i].value ? args[i].value : "");
	}
	snprintf(why, sizeof why, "new %s task", kind);
	int rc = store_task_add(c->s, &c->me, &t, c->a.why && c->a.why[0] ? c->a.why : why);
	if (rc) {
		task_free(&t);
		return cli_store_fail(c, rc);
	}
	if (t.due[0])
		printf(_("added task %s for %s (%s %s, due %s)\n"), t.id, t.owner, t.kind,
		       label_of(c, &codes_task_kind, t.kind), t.due);
	else
		printf(_("added task %s for %s (%s %s)\n"), t.id, t.owner, t.kind,
		       label_of(c, &codes_task_kind, t.kind));
	task_free(&t);
	return EXIT_OK;
}

static int print_task(void *ctx, const struct task *t)
{
	struct cli *c = ctx;
	char urgency[32];
	task_urgency(t->due, store_today(c->s), urgency, sizeof urgency);
	printf("%-9s ", t->id);
	cli_put_cell(column_label(c, &codes_task_status, t->status), 11);
	printf("%-10s ", t->due[0] ? t->due : "-");
	cli_put_cell(task_is_closed(t->status) ? "" : urgency, 13);
	cli_put_cell(column_label(c, &codes_task_kind, t->kind), 12);
	printf("%-12s %-15s %s\n", t->owner,
	       t->household[0] ? t->household : t->town[0] ? t->town : t->pair[0] ? t->pair : t->region,
	       t->title);
	return 0;
}

static int verb_task_list(struct cli *c)
{
	if (cli_opt(c, "--format"))
		return cli_task_sheet(c, (1u << SHEET_TSV) | (1u << SHEET_JSON) | (1u << SHEET_CSV),
		                      SHEET_TSV, NULL);
	const char *owner = cli_opt(c, "--owner");
	struct task_filter f = {owner && strcmp(owner, "me") == 0 ? c->me.login : owner,
	                        cli_opt(c, "--status"), cli_opt(c, "--household"), NULL};
	int rc = store_task_list(c->s, &c->me, &f, print_task, c);
	return rc ? cli_store_fail(c, rc) : EXIT_OK;
}

static int verb_task_show(struct cli *c)
{
	struct task t;
	char urgency[32];
	int rc = store_task_get(c->s, &c->me, c->a.pos[0], &t);
	if (rc)
		return cli_store_fail(c, rc);
	printf(_("task: %s\ntitle: %s\nkind: %s %s\nowner: %s\nstatus: %s %s\n"), t.id, t.title, t.kind,
	       label_of(c, &codes_task_kind, t.kind), t.owner, t.status,
	       label_of(c, &codes_task_status, t.status));
	if (t.due[0]) {
		task_urgency(t.due, store_today(c->s), urgency, sizeof urgency);
		if (task_is_closed(t.status))
			printf(_("due: %s\n"), t.due);
		else
			printf(_("due: %s (%s)\n"), t.due, urgency);
	}
	const char *rel[][2] = {{_("household"), t.household}, {_("case"), t.case_id}, {_("town"), t.town},
	                        {_("pair"), t.pair}, {_("rule"), t.rule}};
	for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++)
		if (rel[i][1][0])
			printf(_("%s: %s\n"), rel[i][0], rel[i][1]);
	printf(_("region: %s\ncreated: %s\nversion: %ld\n"), t.region, t.created, t.version);
	int cells = 8;   /* the log: each action by its label, as wide as the widest; the text is the record's */
	for (int i = 0; i < t.nlog; i++)
		if (text_width(column_label(c, &codes_task_action, t.log[i].action)) > cells)
			cells = text_width(column_label(c, &codes_task_action, t.log[i].action));
	for (int i = 0; i < t.nlog; i++) {
		printf("  %s  %-10s ", t.log[i].at, t.log[i].by);
		cli_put_cell(column_label(c, &codes_task_action, t.log[i].action), cells);
		printf("%s\n", t.log[i].text);
	}
	task_free(&t);
	return EXIT_OK;
}

/* start, done, cancel and comment: the verb's last word is the action. */
static int verb_task_change(struct cli *c)
{
	const char *action = strchr(c->verb->name, ' ') + 1;
	const char *text = c->a.why;
	long version = version_opt(c);
	if (version < 0)
		return EXIT_USAGE;
	if (strcmp(action, "comment") == 0)
		text = c->a.pos[1];
	else if (!text && strcmp(action, "start") == 0)
		text = "started (开始办理)";
	else if (!text && strcmp(action, "done") == 0)
		text = "done (办结)";
	else if (!text || !text[0])
		return cli_usage(c->verb, _("--why TEXT is required: say why the task is cancelled"));
	int rc = store_task_change(c->s, &c->me, c->a.pos[0], action, text, version);
	if (rc)
		return cli_store_fail(c, rc);
	struct task t;
	if (store_task_get(c->s, &c->me, c->a.pos[0], &t) == 0) {
		printf(_("%s: %s %s (version %ld)\n"), t.id, t.status, label_of(c, &codes_task_status, t.status),
		       t.version);
		task_free(&t);
	}
	return EXIT_OK;
}

struct today_out { struct cli *c; long limit, shown; int kind_cells; };

/* The kind column of `today`: 12 cells, or the widest rule label (shown whole). */
static int rule_cells(void)
{
	int w = text_width(tasks_rules_shown("milestone"));
	for (int k = 0; k < RULE_TASK_KIND_COUNT; k++)
		if (text_width(tasks_rules_shown(tasks_rules_code((enum rule_task_kind)k))) > w)
			w = text_width(tasks_rules_shown(tasks_rules_code((enum rule_task_kind)k)));
	return w > 12 ? w : 12;
}

/* s padded with blanks to w bytes (printf's "%-*s"), then sep */
static char *cell(char *at, const char *s, size_t w, char sep)
{
	size_t len = strlen(s);
	memcpy(at, s, len);
	if (len < w)
		memset(at + len, ' ', w - len), len = w;
	at[len] = sep;
	return at + len + 1;
}

/* s fitted to w terminal cells (a Chinese character takes two) and padded to them,
 * then a blank: cli_put_cell into the line buffer (at has room for CELL_ROOM bytes) */
#define CELL_ROOM 256
static char *cell_fit(char *at, const char *s, int w)
{
	int used = text_fit(s, w, at, CELL_ROOM);
	at += strlen(at);
	for (; used < w + 1; used++)
		*at++ = ' ';
	return at;
}

/* One line per item, as printf("%-13s %-10s %-12s %-9s %-10s %-15s %s\n") would write it:
 * tens of thousands of lines for a province, so without the format's cost per line. */
static int print_item(void *ctx, const struct today_item *it)
{
	struct today_out *o = ctx;
	char urgency[32], line[sizeof *it + 2 * CELL_ROOM + 128];
	if (o->limit > 0 && o->shown >= o->limit)
		return 1;
	task_urgency(it->due, store_today(o->c->s), urgency, sizeof urgency);
	char *at = cell_fit(line, urgency, 13);
	at = cell(at, it->due, 10, ' ');
	at = cell_fit(at, what_shown(o->c, it->rule[0] ? it->rule : it->kind), o->kind_cells);
	at = cell(at, it->task[0] ? it->task : "-", 9, ' ');
	at = cell(at, it->owner[0] ? it->owner : "-", 10, ' ');
	at = cell(at, it->household[0] ? it->household : "-", 15, ' ');
	at = cell(at, it->title, 0, '\n');
	fwrite(line, 1, (size_t)(at - line), stdout);
	o->shown++;
	return ferror(stdout) != 0;   /* the reader has gone: stop */
}

/* A list cut short (a page, --limit): how many more, and every item by kind. */
static void print_rest(struct cli *c, const struct today_summary *sum, long shown, int cells)
{
	printf(_("... %ld more of %d: bangfu today --all (or --limit N)\n"), sum->listed - shown,
	       sum->listed);
	for (int i = 0; i < sum->nby; i++) {
		fputs("  ", stdout);
		cli_put_cell(what_shown(c, sum->by[i].what), cells);
		printf(_("%7d, %d overdue\n"), sum->by[i].n, sum->by[i].overdue);
	}
}

/* The household flags in the caller's scope: a count line per flag with the first few. */
static int print_flags(struct cli *c)
{
	struct today_flag f[TODAY_FLAG_COUNT];
	int rc = store_today_flags(c->s, &c->me, f);
	if (rc)
		return cli_store_fail(c, rc);
	for (int i = 0; i < TODAY_FLAG_COUNT; i++) {
		if (!f[i].count)
			continue;
		char text[256];
		rules_flag_counted((enum rules_flag)f[i].flag, f[i].count, text, sizeof text);
		printf(_("flag: %s:"), text);
		for (int k = 0; k < f[i].nfirst; k++)
			printf(" %s", f[i].first[k]);
		if (f[i].count > f[i].nfirst)
			printf(_(" and %ld more"), f[i].count - f[i].nfirst);
		printf("\n");
	}
	return EXIT_OK;
}

static int verb_today(struct cli *c)
{
	/* on a terminal a page by default (a province lists tens of thousands of items),
	 * then how many more by kind; into a pipe or a file every item, streamed */
	int paged = !c->a.limit && !cli_opt(c, "--all") && isatty(STDOUT_FILENO);
	long limit = cli_opt(c, "--all") ? 0 : c->a.limit ? atol(c->a.limit) : paged ? TODAY_PAGE : 0;
	store_today_derive(c->s, cli_opt(c, "--derive") != NULL);
	if (cli_opt(c, "--format"))
		return cli_today_sheet(c, limit);
	struct today_out o = {c, limit, 0, rule_cells()};
	struct today_summary sum = {0};
	printf(_("today %s — %s (%s %s, scope %s): overdue and due soon, most urgent first\n"),
	       store_today(c->s), c->me.login, access_role_code(c->me.role),
	       codes_shown(access_role_label(c->me.role)), c->me.scope);
	int rc = store_today_list(c->s, &c->me, limit, print_item, &o, &sum);
	if (rc)
		return cli_store_fail(c, rc);
	if (!sum.listed)
		printf(_("nothing overdue or due soon\n"));
	else if (o.shown < sum.listed)
		print_rest(c, &sum, o.shown, o.kind_cells);
	if (sum.created || sum.resolved)
		printf(_("rule tasks: %d made, %d resolved (one audit event)\n"), sum.created, sum.resolved);
	if (sum.later)
		printf(ngettext("%d more open task of yours not due soon: bangfu task list --owner me\n",
		                "%d more open tasks of yours not due soon: bangfu task list --owner me\n",
		                (unsigned long)sum.later), sum.later);
	return print_flags(c);
}

static const struct verb verbs[] = {
	{"today", "", "--limit --all --format --derive", 0, 0, NEED_USER,
	 N_("what is overdue and due soon for you, most urgent first"),
	 N_("Your open tasks due within the due-soon window (setting due_soon_days, sample 7) or\n"
	 "overdue, and what the rules derive for the open cases in your scope: visits falling\n"
	 "due (visit_interval.<county>), leads near their 15-day limit, households with labour\n"
	 "still lacking a development measure. Rule items are kept as tasks (one audit event\n"
	 "\"tasks: N rule tasks\" when new ones appear; those whose rule no longer applies are\n"
	 "resolved), so running it twice adds nothing. An auditor's run writes nothing.\n"
	 "Then the household flags in your scope, a count and the first few each: no member\n"
	 "able to work and no 综合保障 measure (monitored cases), a 脱贫户 without a 帮扶责任人,\n"
	 "members with months worked and no work place.\n"
	 "On a terminal the first 100 items, then how many more of each kind\n"
	 "(--limit N for N, --all or --limit 0 for every one); into a pipe or a file every item.\n"
	 "--format tsv|json|csv: the items as rows, then a row per household flag (docs/scripting.md);\n"
	 "paged the same way.\n"
	 "--derive: derive the rule items and flags again from every case and household in\n"
	 "your scope instead of reading what each save keeps, and write nothing (a check: the\n"
	 "two lists are the same)."),
	 verb_today},
	{"task add", "TITLE", "--kind --owner --due --household --case --town --pair --why", 1, 1,
	 NEED_USER, N_("add a task"),
	 N_("--kind visit 走访 | verification 核实 | measure 落实措施 | paperwork 材料报送 | project 项目\n"
	 "| an added kind (setting task_kind.CODE) (required); --owner LOGIN (default you; must see the task's region); --due YYYY-MM-DD;\n"
	 "what it concerns: --household (bangfu id, 户编号 or ID number), --case, --town (code or\n"
	 "name), --pair; the most specific of them is the task's region. --why (default\n"
	 "\"new KIND task\"). Auditors cannot add tasks."),
	 verb_task_add},
	{"task list", "", "--owner --status --household --format", 0, 0, NEED_USER,
	 N_("list tasks in your scope, soonest due first"),
	 N_("--owner LOGIN|me, --status open|in_progress|done|cancelled|all (default: open and\n"
	 "in progress), --household HOUSEHOLD. --format tsv|json|csv (docs/scripting.md)."),
	 verb_task_list},
	{"task show", "TASK", "", 1, 1, NEED_USER, N_("show a task with its log and version"), "",
	 verb_task_show},
	{"task start", "TASK", "--why --version", 1, 1, NEED_USER,
	 N_("open → in progress (the owner, or a township/county/admin user in scope)"),
	 N_("--why defaults to \"started\". --version V refuses the change if someone changed the\n"
	 "task since you read version V."),
	 verb_task_change},
	{"task done", "TASK", "--why --version", 1, 1, NEED_USER,
	 N_("open or in progress → done (the owner, or a township/county/admin user in scope)"),
	 N_("--why defaults to \"done\". A closed task (done or cancelled) never moves again."),
	 verb_task_change},
	{"task cancel", "TASK", "!--why --version", 1, 1, NEED_USER,
	 N_("open or in progress → cancelled; --why required"), "", verb_task_change},
	{"task comment", "TASK TEXT", "--version", 2, 2, NEED_USER,
	 N_("add a comment to a task's log (anyone who may write in scope)"),
	 N_("The comment is also the audit event's reason."), verb_task_change},
};
const struct verb_table task_verbs = {verbs, (int)(sizeof verbs / sizeof verbs[0])};
