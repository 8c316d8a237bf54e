/* cli_income.c — `income add`: record a household's yearly income assessment (收入核算)
 * through the store's write family (one audit event with its reason). */
#include "tui/cli.h"
#include "core/i18n.h"
#include <stdio.h>
#include <stdlib.h>

static int verb_income_add(struct cli *c)
{
	struct income_input in = {cli_opt(c, "--year"), cli_opt(c, "--assessed"), cli_opt(c, "--months"),
	                          {cli_opt(c, "--wage"), cli_opt(c, "--business"),
	                           cli_opt(c, "--property"), cli_opt(c, "--transfer"),
	                           cli_opt(c, "--business-costs"), cli_opt(c, "--compliant-costs")}};
	const char *why = cli_opt(c, "--why");
	char id[16];
	if (!why || !why[0])
		return cli_usage(c->verb, _("--why TEXT is required: every change says why"));
	int rc = store_income_add(c->s, &c->me, c->a.pos[0], &in, why, id, sizeof id);
	if (rc)
		return cli_store_fail(c, rc);
	printf(_("%s: income assessment recorded\n"), id);
	return EXIT_OK;
}

static const struct verb verbs[] = {
	{"income add", "HOUSEHOLD",
	 "--year --assessed --months --wage --business --property --transfer --business-costs "
	 "--compliant-costs --why", 1, 1, NEED_USER,
	 N_("record a yearly income assessment (收入核算) of a household"),
	 N_("--year YYYY the year the income is counted for (compared with monitoring_line.YYYY);\n"
	 "--assessed the day assessed (default today); --months months counted (default 12).\n"
	 "Lines in yuan: --wage 工资性收入, --business 生产经营性收入, --property 财产性收入,\n"
	 "--transfer 转移性收入, --business-costs 生产经营性支出, --compliant-costs 合规自付支出.\n"
	 "Per-capita net income = (wage + business + property + transfer - business costs)\n"
	 "/ household size x 12 / months; kept with the lines. Elimination needs the two latest\n"
	 "assessments above their years' lines, at least income_stable_months apart (default 6)."),
	 verb_income_add},
};

const struct verb_table income_verbs = {verbs, (int)(sizeof verbs / sizeof verbs[0])};
