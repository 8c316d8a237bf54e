/* case_checks.c — one line of rule checks for a case (see case_checks.h). */
#include "tui/case_checks.h"
#include "core/model.h"
#include "core/i18n.h"
#include <stdio.h>

/* Leaving monitoring (the elim_ states) wants the income above the line; entering wants
 * it at or below. */
static int leaving(const struct case_facts *f)
{
	return f->state >= WF_ELIM_REQUESTED && f->state <= WF_ELIM_COUNTY;
}

/* The checks are the national form's words (Chinese msgids, as the code labels): in the
 * user's language on screen (shown), as they are in a sheet (data, the same in every
 * language). */
#define WORDS(s) (shown ? gettext(s) : (s))

static void checks(const struct household *h, const struct case_facts *f,
                   const struct household_facts *hf, int mark, int shown, char *out, size_t n)
{
	size_t used = 0;
	long days;
	out[0] = '\0';
	if (hf->monitoring_line >= 0) {
		char income[32] = "?";   /* the latest assessment's, else the register's figure */
		if (hf->has_income)
			snprintf(income, sizeof income, "%.0f", hf->income_per_capita);
		int above = hf->income_per_capita > hf->monitoring_line;
		used += (size_t)snprintf(out, n, WORDS(N_("%s收入%s%s线%.0f ")), mark && above != leaving(f) ? "!" : "",
		                         income, above ? ">" : "<=", hf->monitoring_line);
	}
	if (used < n && f->notice_start[0] && f->notice_end[0] &&
	    date_diff(f->notice_start, f->notice_end, &days) == 0)
		used += (size_t)snprintf(out + used, n - used, WORDS(N_("%s公示%ld天 ")),
		                         mark && days + 1 < WORKFLOW_NOTICE_MIN_DAYS ? "!" : "", days + 1);
	if (used < n)
		used += (size_t)snprintf(out + used, n - used, WORDS(N_("%s措施%d %s走访%s")),
		         mark && leaving(f) && hf->measure_count == 0 ? "!" : "", hf->measure_count,
		         mark && leaving(f) && !hf->last_visit[0] ? "!" : "",
		         hf->last_visit[0] ? hf->last_visit : WORDS(N_("无")));
	if (used < n && hf->able_to_work < 1)
		used += (size_t)snprintf(out + used, n - used, "%s", WORDS(N_(" 无劳力")));
	if (used < n && hf->lifted && !hf->has_cadre)
		snprintf(out + used, n - used, "%s", WORDS(N_(" 缺帮扶责任人")));
}

void case_checks_text(const struct household *h, const struct case_facts *f,
                      const struct household_facts *hf, int shown, char *out, size_t n)
{
	checks(h, f, hf, 0, shown, out, n);
}

void case_checks_marked(const struct household *h, const struct case_facts *f,
                        const struct household_facts *hf, char *out, size_t n)
{
	checks(h, f, hf, 1, 1, out, n);
}
