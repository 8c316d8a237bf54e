/* cli_aggregate.c — `bangfu aggregate DIR [REMOTE...]`: a province's read-only database
 * from its counties' audit histories (store/aggregate.c, docs/aggregate.md). */
#include "tui/cli.h"
#include "core/i18n.h"

static int verb_aggregate(struct cli *c)
{
	return store_aggregate(c->a.pos[0], (char *const *)&c->a.pos[1], c->a.npos - 1, stderr,
	                       &c->progress) ? EXIT_FAIL : EXIT_OK;
}

static const struct verb verbs[] = {
	{"aggregate", "DIR [REMOTE...]", "", 1, CLI_MAX_POS, 0,
	 N_("a province's read-only database from its counties' histories"),
	 N_("Fetches each REMOTE (a county's audit.git or its mirror: a path, file:// or\n"
	 "ssh://user@host/path) through libgit2 into DIR/audit.git as refs/counties/NAME and\n"
	 "applies its commits to DIR/bangfu.db: households, users and settings of every\n"
	 "county, for list, show, today, report and the UI (bangfu -d DIR); every change is\n"
	 "refused there. A later run applies only the commits after each county's last;\n"
	 "without REMOTE it updates every county recorded. Refused, with nothing applied,\n"
	 "when a county's history no longer extends what was fetched, or a household is in\n"
	 "two counties. On a shared server: root, or a province (44) administrator without\n"
	 "REMOTE. See docs/aggregate.md."),
	 verb_aggregate},
};
const struct verb_table aggregate_verbs = {verbs, (int)(sizeof verbs / sizeof verbs[0])};
