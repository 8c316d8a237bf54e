/* cli_correct.c — the correction verbs: measure end/edit, visit edit, member
 * add/remove/move, task assign/due, user edit/disable, and `show --as-of` (the record as
 * it stood at the end of a day, from the audit history). Each change needs --why;
 * --version V refuses it if the record is no longer at version V. Also unit/team/pair
 * edit and team/pair end. docs/casework.md
 * "Corrections". */
#include "tui/cli.h"
#include "core/i18n.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --why present and --version (if any) a number; *version 0 when not given. */
static int change_usage(struct cli *c, long *version)
{
	const char *why = cli_opt(c, "--why");
	*version = 0;
	if (!why || !why[0])
		return cli_usage(c->verb, _("--why TEXT is required: every change says why"));
	if (c->a.version && (*version = atol(c->a.version)) <= 0)
		return cli_usage(c->verb, _("--version needs a version number"));
	return 0;
}

static int done(struct cli *c, int rc, const char *what, const char *id)
{
	if (rc)
		return cli_store_fail(c, rc);
	printf("%s: %s\n", id, what);
	return EXIT_OK;
}

static int verb_measure_edit(struct cli *c)
{
	long version;
	struct measure_input m = {cli_opt(c, "--group"), cli_opt(c, "--detail"), cli_opt(c, "--start"),
	                          cli_opt(c, "--end"), cli_opt(c, "--amount"), cli_opt(c, "--responsible")};
	if (change_usage(c, &version))
		return EXIT_USAGE;
	return done(c, store_measure_edit(c->s, &c->me, c->a.pos[0], &m, version, cli_opt(c, "--why")),
	            _("measure corrected"), c->a.pos[0]);
}

static int verb_measure_end(struct cli *c)
{
	long version;
	if (change_usage(c, &version))
		return EXIT_USAGE;
	return done(c, store_measure_end(c->s, &c->me, c->a.pos[0], cli_opt(c, "--end"), version,
	                                 cli_opt(c, "--why")), _("measure ended"), c->a.pos[0]);
}

static int verb_visit_edit(struct cli *c)
{
	long version;
	struct visit_input v = {cli_opt(c, "--date"), cli_opt(c, "--visitor"), cli_opt(c, "--method"),
	                        cli_opt(c, "--findings"), cli_opt(c, "--follow-up")};
	if (change_usage(c, &version))
		return EXIT_USAGE;
	return done(c, store_visit_edit(c->s, &c->me, c->a.pos[0], &v, version, cli_opt(c, "--why")),
	            _("visit corrected"), c->a.pos[0]);
}

static int member_number(struct cli *c, const char *arg, int *out)
{
	char *end;
	long n = strtol(arg, &end, 10);
	if (!*arg || *end || n < 1 || n > 1000)
		return cli_usage(c->verb, _("MEMBER is the member's number in the household (1, 2, ...)"));
	*out = (int)n;
	return 0;
}

static int need_kind(struct cli *c)
{
	return cli_opt(c, "--kind") ? 0 : cli_usage(c->verb, _("--kind is required (birth, death, "
	                                           "marriage, moved_in, moved_out, correction)"));
}

static int verb_member_add(struct cli *c)
{
	long version;
	if (change_usage(c, &version) || need_kind(c))
		return EXIT_USAGE;
	return done(c, store_member_add(c->s, &c->me, c->a.pos[0], c->a.pos + 1, c->a.npos - 1,
	                                cli_opt(c, "--kind"), version, cli_opt(c, "--why")),
	            _("member added"), c->a.pos[0]);
}

static int verb_member_remove(struct cli *c)
{
	long version;
	int m;
	if (change_usage(c, &version) || need_kind(c) || member_number(c, c->a.pos[1], &m))
		return EXIT_USAGE;
	return done(c, store_member_remove(c->s, &c->me, c->a.pos[0], m, cli_opt(c, "--kind"),
	                                   version, cli_opt(c, "--why")), _("member removed"), c->a.pos[0]);
}

static int verb_member_move(struct cli *c)
{
	long version;
	int m;
	if (change_usage(c, &version) || need_kind(c) || member_number(c, c->a.pos[1], &m))
		return EXIT_USAGE;
	return done(c, store_member_move(c->s, &c->me, c->a.pos[0], m, c->a.pos[2],
	                                 cli_opt(c, "--relation"), cli_opt(c, "--kind"), version,
	                                 cli_opt(c, "--why")), _("member moved"), c->a.pos[0]);
}

static int verb_household_add(struct cli *c)
{
	long version;
	char id[24] = "";
	if (change_usage(c, &version))
		return EXIT_USAGE;
	int rc = store_household_add(c->s, &c->me, c->a.pos[0], c->a.pos + 1, c->a.npos - 1,
	                             cli_opt(c, "--why"), id, sizeof id);
	return done(c, rc, _("household added"), id);
}

static int verb_task_assign(struct cli *c)
{
	long version;
	if (change_usage(c, &version))
		return EXIT_USAGE;
	return done(c, store_task_correct(c->s, &c->me, c->a.pos[0], "assign", c->a.pos[1], version,
	                                  cli_opt(c, "--why")), _("task reassigned"), c->a.pos[0]);
}

static int verb_task_due(struct cli *c)
{
	long version;
	if (change_usage(c, &version))
		return EXIT_USAGE;
	const char *due = strcmp(c->a.pos[1], "none") == 0 ? "" : c->a.pos[1];
	return done(c, store_task_correct(c->s, &c->me, c->a.pos[0], "due", due, version,
	                                  cli_opt(c, "--why")), _("due date moved"), c->a.pos[0]);
}

static int verb_user_edit(struct cli *c)
{
	long version;
	struct user_change u = {c->a.name, c->a.role, c->a.scope, 0};
	if (change_usage(c, &version))
		return EXIT_USAGE;
	if (!u.name && !u.role && !u.scope)
		return cli_usage(c->verb, _("give --name, --role or --scope"));
	return done(c, store_user_change(c->s, &c->me, c->a.pos[0], &u, version, cli_opt(c, "--why")),
	            _("user changed"), c->a.pos[0]);
}

/* user disable|enable LOGIN: the verb's second word says which. */
static int verb_user_disable(struct cli *c)
{
	long version;
	int enable = strcmp(c->verb->name, "user enable") == 0;
	struct user_change u = {NULL, NULL, NULL, enable ? -1 : 1};
	if (change_usage(c, &version))
		return EXIT_USAGE;
	return done(c, store_user_change(c->s, &c->me, c->a.pos[0], &u, version, cli_opt(c, "--why")),
	            enable ? _("user enabled (may act again)") : _("user disabled (kept in the history)"),
	            c->a.pos[0]);
}

/* unit|team|pair|person edit ID FIELD=VALUE..., unit|team|pair end ID [--end DATE] and
 * team leave PERSON [--end DATE] */
static int pairing_correct(struct cli *c, int end)
{
	long version;
	char kind[8];
	if (change_usage(c, &version))
		return EXIT_USAGE;
	snprintf(kind, sizeof kind, "%.*s", (int)strcspn(c->verb->name, " "), c->verb->name);
	if (strcmp(c->verb->name, "team leave") == 0)   /* a person leaves her team */
		snprintf(kind, sizeof kind, "person");
	const char *e = end ? (cli_opt(c, "--end") ? cli_opt(c, "--end") : "") : NULL;
	return done(c, store_pairing_correct(c->s, &c->me, kind, c->a.pos[0], c->a.pos + 1,
	                                     c->a.npos - 1, e, version, cli_opt(c, "--why")),
	            end ? _("ended") : _("corrected"), c->a.pos[0]);
}

static int verb_pairing_edit(struct cli *c)
{
	return pairing_correct(c, 0);
}

static int verb_pairing_end(struct cli *c)
{
	return pairing_correct(c, 1);
}

int cli_show_as_of(struct cli *c)
{
	struct buf text = {0};
	char commit[48];
	if (c->a.reveal)
		return cli_usage(c->verb, _("--as-of shows the masked record; --reveal is for today's"));
	int rc = store_household_as_of(c->s, &c->me, c->a.pos[0], cli_opt(c, "--as-of"), &text,
	                               commit, sizeof commit);
	if (rc) {
		buf_free(&text);
		return cli_store_fail(c, rc);
	}
	printf(_("as-of: %s (commit %s)\n%s"), cli_opt(c, "--as-of"), commit,
	       buf_str(&text) ? text.s : "");
	buf_free(&text);
	return EXIT_OK;
}

static const struct verb verbs[] = {
	{"measure edit", "MEASURE", "--group --detail --start --end --amount --responsible --version --why",
	 1, 1, NEED_USER, N_("correct an assistance measure (M...)"),
	 N_("Only the options given change; each is checked as on `measure add`."), verb_measure_edit},
	{"measure end", "MEASURE", "--end --version --why", 1, 1, NEED_USER,
	 N_("end an assistance measure (--end default today)"), "", verb_measure_end},
	{"visit edit", "VISIT", "--date --visitor --method --findings --follow-up --version --why",
	 1, 1, NEED_USER, N_("correct a visit (V...)"), N_("Only the options given change."), verb_visit_edit},
	{"household add", "VILLAGE FIELD=VALUE...", "--why", 2, 8, NEED_USER,
	 N_("add a household outside a CSV, with its head"),
	 N_("VILLAGE: the 12-digit village code, or its name in the county of your scope (its town\n"
	 "first when several match: 迳头镇青竹村). FIELD=VALUE as `set` takes them; the household's\n"
	 "户编号 and its head's 姓名 and 证件号码 are required, e.g.\n"
	 "household add 441821107202 户编号=4418211072020099 姓名=张三 证件号码=... --why 新增户.\n"
	 "More members: member add."), verb_household_add},
	{"member add", "HOUSEHOLD FIELD=VALUE...", "--kind --version --why", 2, 8, NEED_USER,
	 N_("add a member (birth, marriage, moved_in, correction)"),
	 N_("FIELD=VALUE as `set` takes them, e.g. 姓名=张小明 证件号码=... 与户主关系=之子;\n"
	 "name, ID number and relation are required. --kind birth|marriage|moved_in|correction."),
	 verb_member_add},
	{"member remove", "HOUSEHOLD MEMBER", "--kind --version --why", 2, 2, NEED_USER,
	 N_("remove member N (death, marriage, moved_out, correction)"),
	 N_("MEMBER is the member's number as `show` lists them. A 户主 is removed only after\n"
	 "another member became 户主 (`set ... relation 户主 --member N`)."), verb_member_remove},
	{"member move", "HOUSEHOLD MEMBER TO", "--relation --kind --version --why", 3, 3, NEED_USER,
	 N_("move member N to household TO (marriage, moved_out, correction)"),
	 N_("--relation: her relation to TO's head. One event on both households."), verb_member_move},
	{"task assign", "TASK LOGIN", "--version --why", 2, 2, NEED_USER, N_("give a task to someone else"),
	 N_("Its owner, a township reviewer, county approver or administrator may."), verb_task_assign},
	{"task due", "TASK DATE", "--version --why", 2, 2, NEED_USER,
	 N_("move a task's due date (DATE or none)"), "", verb_task_due},
	{"unit edit", "UNIT FIELD=VALUE...", "--version --why", 2, 8, NEED_USER,
	 N_("correct a unit (name= kind= level= end=)"),
	 N_("Administrators and county approvers, as for unit add."), verb_pairing_edit},
	{"unit end", "UNIT", "--end --version --why", 1, 1, NEED_USER,
	 N_("end a unit's help (--end default today; --why says why)"), "", verb_pairing_end},
	{"team edit", "TEAM FIELD=VALUE...", "--version --why", 2, 8, NEED_USER,
	 N_("correct a town team (leader= round= start= end=)"), "", verb_pairing_edit},
	{"team end", "TEAM", "--end --version --why", 1, 1, NEED_USER,
	 N_("end a town team's service (--end default today)"), "", verb_pairing_end},
	{"person edit", "PERSON FIELD=VALUE...", "--version --why", 2, 8, NEED_USER,
	 N_("correct a town team's person (name= role= phone= start= end= login=)"),
	 N_("role=leader|member (队长, 队员). As for team join."), verb_pairing_edit},
	{"team leave", "PERSON", "--end --version --why", 1, 1, NEED_USER,
	 N_("a person (TP...) leaves her town team (--end default today)"), "", verb_pairing_end},
	{"pair edit", "PAIR FIELD=VALUE...", "--version --why", 2, 8, NEED_USER,
	 N_("correct a pair (programme= round= start= end= phone=)"), "", verb_pairing_edit},
	{"pair end", "PAIR", "--end --version --why", 1, 1, NEED_USER,
	 N_("end a pair (--end default today)"), "", verb_pairing_end},
	{"user edit", "LOGIN", "--name --role --scope --version --why", 1, 1, NEED_USER,
	 N_("change a user's name, role or scope (administrators)"), "", verb_user_edit},
	{"user disable", "LOGIN", "--version --why", 1, 1, NEED_USER,
	 N_("disable a user (administrators): she can no longer act, her history stays"), "",
	 verb_user_disable},
	{"user enable", "LOGIN", "--version --why", 1, 1, NEED_USER,
	 N_("enable a disabled user again (administrators, in their scope)"), "", verb_user_disable},
};
const struct verb_table correct_verbs = {verbs, (int)(sizeof verbs / sizeof verbs[0])};
