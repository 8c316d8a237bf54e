/* cli_pair.c — the pairing-assistance verbs (结对帮扶): unit add / list, team add / list,
 * pair add / list. Adding is for administrators and county approvers within their scope;
 * everyone reads (docs/pairing.md). */
#include "tui/cli.h"
#include <stdio.h>
#include <string.h>

/* Copy an argument (NULL = "") into a record field; a usage error if it does not fit. */
static int arg_into(struct cli *c, const char *what, const char *v, char *field, size_t size)
{
	if (v && strlen(v) >= size)
		return cli_usage(c->verb, "%s \"%s\" is too long (at most %zu bytes)", what, v, size - 1);
	snprintf(field, size, "%s", v ? v : "");
	return 0;
}
#define OPT(c, field, name) arg_into(c, name, cli_opt(c, name), field, sizeof field)
#define POS(c, field, i, what) arg_into(c, what, (c)->a.pos[i], field, sizeof field)

static const char *label_of(const struct code_table *t, const char *code)
{
	const char *l = codes_label(t, code);
	return l ? l : "?";
}

static int need_why(struct cli *c)
{
	const char *why = cli_opt(c, "--why");
	if (!why || !why[0])
		return cli_usage(c->verb, "--why TEXT is required: every change says why");
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
		return cli_usage(c->verb, "--kind is required: government 党政机关, enterprise 企业, "
		                 "university 高校 or institute 科研院所");
	if (POS(c, u.name, 0, "NAME") || OPT(c, u.kind, "--kind") || OPT(c, u.region, "--region"))
		return EXIT_USAGE;
	int rc = store_unit_add(c->s, &c->me, &u, cli_opt(c, "--why"));
	if (rc)
		return cli_store_fail(c, rc);
	printf("added unit %s %s (%s %s, region %s)\n", u.id, u.name, u.kind,
	       label_of(&codes_unit_kind, u.kind), u.region);
	return EXIT_OK;
}

static int print_unit(void *ctx, const struct unit *u)
{
	(void)ctx;
	printf("%-9s %-11s %-8s %s (%s)\n", u->id, u->kind, u->region, u->name,
	       label_of(&codes_unit_kind, u->kind));
	return 0;
}

static int verb_unit_list(struct cli *c)
{
	int rc = store_unit_list(c->s, &c->me, cli_opt(c, "--kind"), c->a.npos ? c->a.pos[0] : NULL,
	                         print_unit, NULL);
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
	printf("added town team %s for %s %s, led by %s %s\n", t.id, t.town, t.town_name,
	       t.lead_unit, t.lead_unit_name);
	return EXIT_OK;
}

static int print_team(void *ctx, const struct team *t)
{
	(void)ctx;
	printf("%s  %s %s  round %s  ", t->id, t->town, t->town_name, t->round[0] ? t->round : "-");
	print_period(t->start, t->end);
	printf("  leader %s\n    lead   %s %s\n", t->leader, t->lead_unit, t->lead_unit_name);
	if (t->member_units[0])
		printf("    with   %s (%s)\n", t->member_unit_names, t->member_units);
	return 0;
}

static int verb_team_list(struct cli *c)
{
	int rc = store_team_list(c->s, &c->me, c->a.npos ? c->a.pos[0] : NULL, print_team, NULL);
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
	    OPT(c, p.phone, "--phone"))
		return EXIT_USAGE;
	int rc = store_pair_add(c->s, &c->me, &p, cli_opt(c, "--why"));
	if (rc)
		return cli_store_fail(c, rc);
	if (strcmp(p.kind, "county") == 0)
		printf("added county pair %s: %s %s → %s %s\n", p.id, p.helper, p.helper_name, p.helped,
		       p.helped_name);
	else
		printf("added cadre pair %s: %s (%s %s) → household %s\n", p.id, p.helper, p.unit,
		       p.unit_name, p.helped);
	return EXIT_OK;
}

static int print_pair(void *ctx, const struct pair *p)
{
	(void)ctx;
	printf("%s  %s %s  ", p->id, p->kind, label_of(&codes_pair_kind, p->kind));
	if (strcmp(p->kind, "county") == 0)
		printf("%s %s → %s %s  %s %s  round %s  ", p->helper, p->helper_name, p->helped,
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
	                         cli_opt(c, "--household"), print_pair, NULL);
	return rc ? cli_store_fail(c, rc) : EXIT_OK;
}

static const struct verb verbs[] = {
	{"unit add", "NAME", "--kind --region !--why", 1, 1, NEED_USER,
	 "add an assistance unit (帮扶单位): administrators and county approvers",
	 "--kind government 党政机关 | enterprise 企业 | university 高校 | institute 科研院所.\n"
	 "--region the unit's home region (default your scope; must be inside it).\n"
	 "Units are shared: every user can name any unit in a team or a pair. --why required.",
	 verb_unit_add},
	{"unit list", "[TEXT]", "--kind", 0, 1, NEED_USER,
	 "list assistance units (all regions), optionally by kind or name fragment", "",
	 verb_unit_list},
	{"team add", "TOWN", "--lead --members --leader --round --start --end !--why", 1, 1, NEED_USER,
	 "add a town team (驻镇工作队): administrators and county approvers of the town",
	 "TOWN is a 9-digit town code or a town name, looked up in the county of your scope\n"
	 "(refused when several match: put the county first, e.g. 东莞市东城街道).\n"
	 "--lead UNIT (id or exact name) is the\n"
	 "lead unit, --members U1,U2 the other units (组团式帮扶), --leader the team leader's\n"
	 "name, --round e.g. 2023, --start YYYY-MM-DD (required), --end (optional, not before\n"
	 "start). One team per town and round. --why required.",
	 verb_team_add},
	{"team list", "[TOWN]", "", 0, 1, NEED_USER, "list the town teams in your scope", "",
	 verb_team_list},
	{"pair add", "county HELPER COUNTY | cadre NAME HOUSEHOLD",
	 "--programme --round --start --end --unit --phone !--why", 3, 3, NEED_USER,
	 "add a county pair (对口帮扶) or a cadre ↔ household pair (帮扶责任人)",
	 "county: HELPER is a city or district (code or name) or a unit, COUNTY the helped\n"
	 "county (code or name); --programme assistance 对口帮扶协作 (default) | industry 产业协作\n"
	 "| other 其他, --round, --start/--end a date or a year (2023..2025). Administrators\n"
	 "and county approvers of the helped county.\n"
	 "cadre: NAME is the cadre (帮扶责任人), HOUSEHOLD a bangfu id, 户编号 or ID number;\n"
	 "--unit the cadre's unit (required), --phone, --start (default today), --end.\n"
	 "Administrators and county approvers of the household's village. --why required.",
	 verb_pair_add},
	{"pair list", "[county|cadre]", "--household", 0, 1, NEED_USER,
	 "list the pairs in your scope (county pairs also from the helper's side)",
	 "--household HOUSEHOLD: only that household's cadre pairs.", verb_pair_list},
};
const struct verb_table pairing_verbs = {verbs, (int)(sizeof verbs / sizeof verbs[0])};
