/* workflow_clock.c — the procedure's numbers in effect (notice days, decision days) and
 * the 15-day clock from lead to county decision (see workflow.h). */
#include "core/workflow.h"
#include <string.h>

int workflow_notice_days(const struct case_facts *c)
{
	return c->notice_days > 0 ? c->notice_days : WORKFLOW_NOTICE_MIN_DAYS;
}

int workflow_decision_days(const struct case_facts *c)
{
	return c->decision_days > 0 ? c->decision_days : WORKFLOW_DECISION_DAYS;
}

int workflow_clock(const struct case_facts *c, const char *as_of, struct wf_clock *out)
{
	memset(out, 0, sizeof *out);
	const char *stop = c->approval_date[0] ? c->approval_date
	                 : c->closed_date[0]   ? c->closed_date : NULL;
	out->running = stop == NULL;
	if (!stop)
		stop = as_of;
	if (date_diff(c->lead_date, stop, &out->days) != 0 ||
	    date_add_days(c->lead_date, workflow_decision_days(c), out->deadline) != 0) {
		memset(out, 0, sizeof *out);
		return -1;
	}
	out->late = out->days > workflow_decision_days(c);
	return 0;
}
