/* case_open_form.c — C on a household without an open case: open one as a lead (线索).
 * Whether the user may open a case here (role, scope) is checked before anything is
 * asked; then the category, the source and the risks (Tab completes each from the
 * tables in effect, the risks one after another: 因病、因残), the disaster when a risk
 * is 因自然灾害, the day the lead came in and a reason, each checked as it is given. The
 * form is kept as a draft on a hang-up (tui/form_ask.h); it saves with store_case_open,
 * as `bangfu case open` does. */
#include "tui/household_actions.h"
#include "core/i18n.h"
#include "tui/form_ask.h"
#include "tui/prompt.h"
#include "core/workflow.h"
#include <stdio.h>
#include <string.h>

enum { O_CATEGORY, O_SOURCE, O_RISKS, O_DISASTER, O_DATE, O_WHY, O_COUNT };

int household_may_open(struct ui *ui, const struct household *h, const char *date)
{
	struct case_facts f = {.state = WF_NONE};
	struct move_input in = {.today = store_today(ui->s), .date = date, .reason = "-"};
	struct refusal why_not;
	snprintf(f.region, sizeof f.region, "%s", household_get(h, HF_VILLCODE));
	if (workflow_check(&f, &ui->me, "open", &in, &why_not) == 0)
		return 0;
	char joined[1024];
	refusal_join(&why_not, "; ", joined, sizeof joined);
	ui_status(ui, 1, _("no case can be opened on %s: %s"), h->id, joined);
	return -1;
}

/* After each answer: a disaster is asked only with 因自然灾害; the date is checked. */
static int after(struct ui *ui, struct form_ask *f, int i)
{
	if (i == O_RISKS)
		f->q[O_DISASTER].skip = !strstr(f->q[O_RISKS].buf, "disaster");
	if (i == O_DATE && f->q[O_DATE].buf[0])
		return household_may_open(ui, f->ctx, f->q[O_DATE].buf);
	return 0;
}

int household_open_case(struct ui *ui, const struct household *h, const struct draft *resume)
{
	if (household_may_open(ui, h, NULL))         /* before anything is asked */
		return -1;
	char category[64] = "", source[64] = "", risks[256] = "", disaster[64] = "", date[16] = "";
	char why[512] = "", id[16];
	struct ask q[O_COUNT] = {
		[O_CATEGORY] = {"category", _("category 监测类别 (Tab: 脱贫不稳定户 边缘易致贫户 突发严重困难户): "),
		                ASK_CODE, &codes_category, category, sizeof category, 0},
		[O_SOURCE] = {"source", _("source 识别来源 (Tab: 农户自主申报 基层干部排查 部门筛查预警): "),
		              ASK_CODE, &codes_source, source, sizeof source, 0},
		[O_RISKS] = {"risks", _("risks 风险类型, up to five (Tab each: 因病、因残 ...): "), ASK_CODES,
		             &codes_risk, risks, sizeof risks, 0},
		[O_DISASTER] = {"disaster", _("disaster 灾害类型 (Tab: 洪涝 地质 旱灾 ...): "), ASK_CODE,
		                &codes_disaster, disaster, sizeof disaster, 1},
		[O_DATE] = {"date", _("the day the lead came in (YYYY-MM-DD, empty = today): "), ASK_OPTIONAL,
		            NULL, date, sizeof date, 0},
		[O_WHY] = {"why", _("reason (kept in the history): "), ASK_REASON, NULL, why, sizeof why, 0},
	};
	struct form_ask f = {"case-open", h->id, q, O_COUNT, after, h};
	form_ask_resume(&f, resume);
	q[O_DISASTER].skip = !strstr(risks, "disaster");
	int rc = form_ask_run(ui, &f);
	if (rc != PROMPT_OK)
		return REQ_DONE;
	struct case_open o = {category, source, risks, q[O_DISASTER].skip ? NULL : disaster, NULL,
	                      date[0] ? date : NULL};
	rc = store_case_open(ui->s, &ui->me, h->id, &o, why, id, sizeof id);
	if (form_ask_done(ui, &f, rc))
		return rc;
	ui_changed(ui);
	ui_status(ui, 0, _("%s: case opened on %s as a lead (线索); the 15-day clock runs from %s"), id,
	          h->id, date[0] ? date : store_today(ui->s));
	return REQ_DONE;
}
