/* workflow_states.c — the monitoring case's states (see workflow.h): their codes, the
 * role owning each and the step a send-back returns to (the WF_STATES X-macro), and
 * their Chinese labels, listed here so that the catalog's extraction finds them. */
#include "core/workflow.h"
#include "core/i18n.h"
#include <string.h>

struct state_info { const char *code; enum role owner; enum wf_state prev; };

#define WF_STATE_ROW_(id, code, owner, prev) {code, owner, WF_##prev},
static const struct state_info states[WF_STATE_COUNT] = { WF_STATES(WF_STATE_ROW_) };
#undef WF_STATE_ROW_

/* The national form's names of the states: what CSV and the audit text carry and what
 * staff may type; shown through codes_shown. */
static const char *const state_labels[WF_STATE_COUNT] = {
	[WF_LEAD] = N_("线索"),
	[WF_VISITED] = N_("入户核实"),
	[WF_CHECKED] = N_("数据比对"),
	[WF_VILLAGE_REVIEW] = N_("村级评议公示"),
	[WF_TOWNSHIP_REVIEW] = N_("镇级审核"),
	[WF_COUNTY_APPROVAL] = N_("县级审批"),
	[WF_ASSISTING] = N_("帮扶中"),
	[WF_ELIM_REQUESTED] = N_("申请消除"),
	[WF_ELIM_VILLAGE] = N_("消除村级评议公示"),
	[WF_ELIM_TOWNSHIP] = N_("消除镇级审核"),
	[WF_ELIM_COUNTY] = N_("消除县级审批"),
	[WF_ELIMINATED] = N_("已消除"),
	[WF_NOT_TAKEN] = N_("不纳入"),
	[WF_REFERRED] = N_("转部门"),
};

static int state_ok(enum wf_state s) { return s >= 0 && s < WF_STATE_COUNT; }

const char *workflow_state_code(enum wf_state s)  { return state_ok(s) ? states[s].code : "?"; }
const char *workflow_state_label(enum wf_state s) { return state_ok(s) ? state_labels[s] : "?"; }
enum role workflow_state_owner(enum wf_state s)
{
	return state_ok(s) ? states[s].owner : ROLE_ADMIN;
}
enum wf_state workflow_state_previous(enum wf_state s)
{
	return state_ok(s) ? states[s].prev : WF_NONE;
}

int workflow_state_parse(const char *s, enum wf_state *out)
{
	for (int i = 0; s && i < WF_STATE_COUNT; i++)
		if (strcmp(s, states[i].code) == 0 || strcmp(s, state_labels[i]) == 0) {
			*out = (enum wf_state)i;
			return 0;
		}
	return -1;
}
