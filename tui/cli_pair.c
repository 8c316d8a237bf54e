/* cli_pair.c — the pairing-assistance verbs (结对帮扶): unit add / list, team add / list,
 * pair add / list. Adding is for administrators and county approvers within their scope;
 * everyone reads (docs/pairing.md). */
#include "tui/cli.h"
#include "core/i18n.h"
#include <stdio.h>
#include <string.h>

/* Copy an argument (NULL = "") into a record field; a usage error if it does not fit. */
static int arg_into(struct cli *c, const char *what, const char *v, char *field, size_t size)
{
	if (v && strlen(v) >= size)
		return cli_usage(c->verb, _("%s \"%s\" is too long (at most %zu bytes)"), what, v, size - 1);
	snprintf(field, size, "%s", v ? v : "");
	return 0;
}
#define OPT(c, field, name) arg_into(c, name, cli_opt(c, name), field, sizeof field)
#define POS(c, field, i, what) arg_into(c, what, (c)->a.pos[i], field, sizeof field)

/* The label of code in the table in effect (unit kinds and programmes are extendable). */
static const char *label_in(struct cli *c, const struct code_table *t, const char *code)
{
	const char *l = code_lists_label(store_code_lists(c->s), t, code);
	return l ? l : "?";
}
#define label_of(t, code) label_in(c, t, code)

static int need_why(struct cli *c)
{
	const char *why = cli_opt(c, "--why");
	if (!why || !why[0])
		return cli_usage(c->verb, _("--why TEXT is required: every change says why"));
	return 0;
}

/* "2023-06-01..2025-12-31", "2023-06-01.." (open-ended) */
static void print_period(const char *start, const char *end)
{
	printf("%s..%s", start, end);
}

/* --- units ------------------------------------------------------------------------ */

static int verb_unit_add(struct cli *c)
{
	struct unit u = {0};
	if (need_why(c))
		return EXIT_USAGE;
	if (!cli_opt(c, "--kind"))
		return cli_usage(c->verb, _("--kind is required: e.g. 省直机关, 事业单位, 省属国企, 其他企业, "
		                 "高校, 科研院所, 社会组织 (`bangfu setting lists`)"));
	if (POS(c, u.name, 0, "NAME") || OPT(c, u.kind, "--kind") || OPT(c, u.region, "--region") ||
	    OPT(c, u.level, "--level"))
		return EXIT_USAGE;
	int rc = store_unit_add(c->s, &c->me, &u, cli_opt(c, "--why"));
	if (rc)
		return cli_store_fail(c, rc);
	printf(_("added unit %s %s (%s %s, region %s%s%s)\n"), u.id, u.name, u.kind,
	       label_of(&codes_unit_kind, u.kind), u.region, u.level[0] ? ", " : "",
	       u.level[0] ? codes_label(&codes_unit_level, u.level) : "");
	return EXIT_OK;
}

static int print_unit(void *ctx, const struct unit *u)
{
	struct cli *c = ctx;
	const char *level = codes_label(&codes_unit_level, u->level);
	printf("%-9s %-11s %-8s %s (%s%s%s)", u->id, u->kind, u->region, u->name,
	       label_of(&codes_unit_kind, u->kind), level ? ", " : "", level ? level : "");
	if (u->end[0])
		printf(_("  ended %s"), u->end);
	putchar('\n');
	return 0;
}

static int verb_unit_list(struct cli *c)
{
	int rc = store_unit_list(c->s, &c->me, cli_opt(c, "--kind"), c->a.npos ? c->a.pos[0] : NULL,
	                         print_unit, c);
	return rc ? cli_store_fail(c, rc) : EXIT_OK;
}

/* --- town teams ------------------------------------------------------------------- */

static int verb_team_add(struct cli *c)
{
	struct team t = {0};
	if (need_why(c))
		return EXIT_USAGE;
	if (POS(c, t.town, 0, "TOWN") || OPT(c, t.lead_unit, "--lead") || OPT(c, t.member_units, "--members") ||
	    OPT(c, t.leader, "--leader") || OPT(c, t.round, "--round") ||
	    OPT(c, t.start, "--start") || OPT(c, t.end, "--end"))
		return EXIT_USAGE;
	int rc = store_team_add(c->s, &c->me, &t, cli_opt(c, "--why"));
	if (rc)
		return cli_store_fail(c, rc);
	printf(_("added town team %s for %s %s, led by %s %s\n"), t.id, t.town, t.town_name,
	       t.lead_unit, t.lead_unit_name);
	return EXIT_OK;
}

static int print_team(void *ctx, const struct team *t)
{
	(void)ctx;
	printf(_("%s  %s %s  round %s  "), t->id, t->town, t->town_name, t->round[0] ? t->round : "-");
	print_period(t->start, t->end);
	printf(_("  leader %s\n    lead   %s %s\n"), t->leader, t->lead_unit, t->lead_unit_name);
	if (t->member_units[0])
		printf(_("    with   %s (%s)\n"), t->member_unit_names, t->member_units);
	return 0;
}

static int verb_team_list(struct cli *c)
{
	int rc = store_team_list(c->s, &c->me, c->a.npos ? c->a.pos[0] : NULL, print_team, NULL);
	return rc ? cli_store_fail(c, rc) : EXIT_OK;
}

/* --- the people of town teams ----------------------------------------------------- */

static int verb_team_join(struct cli *c)
{
	struct team_person p = {0};
	if (need_why(c))
		return EXIT_USAGE;
	if (POS(c, p.team, 0, "TEAM") || POS(c, p.name, 1, "NAME") || OPT(c, p.unit, "--unit") ||
	    arg_into(c, "--role", c->a.role, p.role, sizeof p.role) || OPT(c, p.phone, "--phone") ||
	    OPT(c, p.start, "--start") ||
	    OPT(c, p.end, "--end") || OPT(c, p.login, "--login"))
		return EXIT_USAGE;
	int rc = store_person_add(c->s, &c->me, &p, cli_opt(c, "--why"));
	if (rc)
		return cli_store_fail(c, rc);
	printf(_("added %s %s (%s) to team %s, from %s %s\n"), p.id, p.name,
	       codes_label(&codes_team_role, p.role), p.team, p.unit, p.unit_name);
	return EXIT_OK;
}

static int print_person(void *ctx, const struct team_person *p)
{
	(void)ctx;
	printf("%s  %s  %s  %-4s %-8s %s %s  %s  ", p->id, p->team, p->region,
	       codes_label(&codes_team_role, p->role), p->name, p->unit, p->unit_name,
	       p->phone[0] ? p->phone : "-");
	print_period(p->start, p->end);
	printf("%s%s\n", p->login[0] ? _("  login ") : "", p->login);
	return 0;
}

static int verb_team_people(struct cli *c)
{
	int rc = store_person_list(c->s, &c->me, c->a.npos ? c->a.pos[0] : NULL, print_person, NULL);
	return rc ? cli_store_fail(c, rc) : EXIT_OK;
}

/* --- pairs ------------------------------------------------------------------------ */

static int verb_pair_add(struct cli *c)
{
	struct pair p = {0};
	if (need_why(c))
		return EXIT_USAGE;
	if (POS(c, p.kind, 0, "KIND") || POS(c, p.helper, 1, "HELPER") ||
	    POS(c, p.helped, 2, "HELPED") || OPT(c, p.programme, "--programme") || OPT(c, p.round, "--round") ||
	    OPT(c, p.start, "--start") || OPT(c, p.end, "--end") || OPT(c, p.unit, "--unit") ||
	    OPT(c, p.phone, "--phone") || arg_into(c, "--name", c->a.name, p.helped_name,
	                                           sizeof p.helped_name))
		return EXIT_USAGE;
	int rc = store_pair_add(c->s, &c->me, &p, cli_opt(c, "--why"));
	if (rc)
		return cli_store_fail(c, rc);
	if (strcmp(p.kind, "county") == 0)
		printf(_("added county pair %s: %s %s → %s %s\n"), p.id, p.helper, p.helper_name, p.helped,
		       p.helped_name);
	else
		printf(_("added cadre pair %s: %s (%s %s) → household %s\n"), p.id, p.helper, p.unit,
		       p.unit_name, p.helped);
	return EXIT_OK;
}

static int print_pair(void *ctx, const struct pair *p)
{
	struct cli *c = ctx;
	printf("%s  %s %s  ", p->id, p->kind, label_of(&codes_pair_kind, p->kind));
	if (strcmp(p->kind, "county") == 0)
		printf(_("%s %s → %s %s  %s %s  round %s  "), p->helper, p->helper_name, p->helped,
		       p->helped_name, p->programme, label_of(&codes_pair_programme, p->programme),
		       p->round[0] ? p->round : "-");
	else
		printf("%s (%s %s%s%s) → %s  ", p->helper, p->unit, p->unit_name, p->phone[0] ? ", " : "",
		       p->phone, p->helped);
	print_period(p->start, p->end);
	putchar('\n');
	return 0;
}

static int verb_pair_list(struct cli *c)
{
	int rc = store_pair_list(c->s, &c->me, c->a.npos ? c->a.pos[0] : NULL,
	                         cli_opt(c, "--household"), print_pair, c);
	return rc ? cli_store_fail(c, rc) : EXIT_OK;
}

static const struct verb verbs[] = {
	{"unit add", "NAME", "--kind --level --region !--why", 1, 1, NEED_USER,
	 N_("add an assistance unit (帮扶单位): administrators and county approvers"),
	 N_("--kind 省直机关 | 事业单位 | 省属国企 | 其他企业 | 高校 | 科研院所 | 社会组织 (also the\n"
	 "older 党政机关 | 企业; more with the setting unit_kind.CODE, `bangfu setting lists`).\n"
	 "--level 省直 | 市直 | 县直 (province, city, county).\n"
	 "--region the unit's home region (default your scope; must be inside it).\n"
	 "Units are shared: every user can name any unit in a team or a pair. --why required."),
	 verb_unit_add},
	{"unit list", "[TEXT]", "--kind", 0, 1, NEED_USER,
	 N_("list assistance units (all regions), optionally by kind or name fragment"), "",
	 verb_unit_list},
	{"team add", "TOWN", "--lead --members --leader --round --start --end !--why", 1, 1, NEED_USER,
	 N_("add a town team (驻镇工作队): administrators and county approvers of the town"),
	 N_("TOWN is a 9-digit town code or a town name, looked up in the county of your scope\n"
	 "(refused when several match: put the county first, e.g. 东莞市东城街道).\n"
	 "--lead UNIT (id or exact name) is the\n"
	 "lead unit, --members U1,U2 the other units (组团式帮扶), --leader the team leader's\n"
	 "name (required), --round e.g. 2023, --start YYYY-MM-DD (required), --end (optional,\n"
	 "not before start). One team per town and round. --why required."),
	 verb_team_add},
	{"team list", "[TOWN]", "", 0, 1, NEED_USER, N_("list the town teams in your scope"), "",
	 verb_team_list},
	{"team join", "TEAM NAME", "--unit --role --phone --start --end --login !--why", 2, 2,
	 NEED_USER, N_("add a person to a town team (驻镇工作队员)"),
	 N_("--unit her home unit (id or exact name, required), --role 队长 | 队员 (leader,\n"
	 "member; default 队员), --phone (shown masked), --start (default today), --end,\n"
	 "--login the bangfu user she acts as, if any. As for team add; --why required."),
	 verb_team_join},
	{"team people", "[TEAM]", "", 0, 1, NEED_USER,
	 N_("list the people of the town teams in your scope (phones masked)"), "", verb_team_people},
	{"pair add", "county HELPER COUNTY | cadre NAME HOUSEHOLD",
	 "--programme --round --start --end --name --unit --phone !--why", 3, 3, NEED_USER,
	 N_("add a county pair (对口帮扶) or a cadre ↔ household pair (帮扶责任人)"),
	 N_("county: HELPER is a city or district (code or name) or a unit, COUNTY the helped\n"
	 "county (code or name), a town (组团式帮扶, 驻镇帮镇扶村), or a county outside Guangdong\n"
	 "by its 6-digit code with --name (东西部协作: 522301 --name 兴义市); --programme\n"
	 "对口帮扶协作 (assistance, default) | 产业协作 | 营商环境 | 老区苏区对口支援 | 东西部协作 |\n"
	 "驻镇帮镇扶村 | 组团式帮扶 | 其他 (more: setting programme.CODE), --round, --start/--end a\n"
	 "date or a year (2023..2025). Administrators and county approvers of the helped side.\n"
	 "cadre: NAME is the cadre (帮扶责任人), HOUSEHOLD a bangfu id, 户编号 or ID number;\n"
	 "--unit the cadre's unit (required), --phone, --start (default today), --end.\n"
	 "Administrators and county approvers of the household's village. --why required."),
	 verb_pair_add},
	{"pair list", "[county|cadre]", "--household", 0, 1, NEED_USER,
	 N_("list the pairs in your scope (county pairs also from the helper's side)"),
	 N_("--household HOUSEHOLD: only that household's cadre pairs."), verb_pair_list},
};
const struct verb_table pairing_verbs = {verbs, (int)(sizeof verbs / sizeof verbs[0])};
