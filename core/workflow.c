/* workflow.c — the monitoring case state machine (see workflow.h): the transition
 * table (the states: workflow_states.c), the checks a step must pass, and the case
 * after a step. */
#include "core/workflow.h"
#include "core/code_lists.h"
#include "core/i18n.h"
#include <stdio.h>
#include <string.h>

/* --- states (their table: workflow_states.c) -------------------------------------- */

static int state_ok(enum wf_state s) { return s >= 0 && s < WF_STATE_COUNT; }

int workflow_is_monitored(enum wf_state s) { return s >= WF_ASSISTING && s <= WF_ELIM_COUNTY; }
int workflow_is_closed(enum wf_state s)
{
	return s == WF_ELIMINATED || s == WF_NOT_TAKEN || s == WF_REFERRED;
}

int workflow_may_record_measure(const struct case_facts *c)
{
	return workflow_is_monitored(c->state) || c->state == WF_ELIMINATED ||
	       (c->green_channel && !workflow_is_closed(c->state));
}

/* --- the transition table ------------------------------------------------------- */

#define S(x) WF_STATE_BIT(WF_##x)
#define R(x) (1u << ROLE_##x)
/* The identification procedure before the county's decision. */
#define PRE_APPROVAL (S(LEAD) | S(VISITED) | S(CHECKED) | S(VILLAGE_REVIEW) | \
                      S(TOWNSHIP_REVIEW) | S(COUNTY_APPROVAL))
/* The elimination procedure before the county's decision. */
#define ELIM_PENDING (S(ELIM_REQUESTED) | S(ELIM_VILLAGE) | S(ELIM_TOWNSHIP) | S(ELIM_COUNTY))
/* States with a previous step to send back to. */
#define HAS_PREVIOUS ((PRE_APPROVAL & ~S(LEAD)) | ELIM_PENDING)

/* States a withdrawable step leads to: where a withdrawal may start. */
#define WITHDRAWN_TO (PRE_APPROVAL | S(ASSISTING) | ELIM_PENDING)

static const struct wf_transition transitions[] = {
	{"open", N_("登记线索"), 0, WF_LEAD, R(CASEWORKER), WF_SETS_LEAD,
	 N_("opens a case as a lead, dated when the lead came in")},
	{"visit", N_("入户核实"), S(LEAD), WF_VISITED, R(CASEWORKER), WF_TAKES_CONSENT,
	 N_("home visit done; --consent DATE if the consent form was signed")},
	{"check", N_("数据比对"), S(VISITED), WF_CHECKED, R(CASEWORKER), WF_TAKES_CONSENT,
	 N_("data cross-check done")},
	{"village_review", N_("村级评议公示"), S(CHECKED), WF_VILLAGE_REVIEW, R(CASEWORKER),
	 WF_TAKES_CONSENT | WF_RULE_CONSENT | WF_NEED_NOTICE_START | WF_TAKES_NOTICE,
	 N_("village review held; needs the consent date and the notice start (end optional)")},
	{"to_township", N_("报镇级审核"), S(VILLAGE_REVIEW), WF_TOWNSHIP_REVIEW, R(CASEWORKER),
	 WF_TAKES_NOTICE | WF_RULE_NOTICE_DONE,
	 N_("notice ran at least 5 days and has ended; sends the case to the township")},
	{"township_pass", N_("镇级审核通过"), S(TOWNSHIP_REVIEW), WF_COUNTY_APPROVAL, R(TOWNSHIP),
	 WF_WITHDRAWABLE,
	 N_("township review passed; sends the case to the county")},
	{"approve", N_("县级审批纳入"), S(COUNTY_APPROVAL), WF_ASSISTING, R(COUNTY), WF_SETS_APPROVAL,
	 N_("county approves: the household is monitored from this date")},
	{"not_take", N_("不纳入"), PRE_APPROVAL, WF_NOT_TAKEN, WF_ROLE_OWNER,
	 WF_NEED_REASON | WF_SETS_CLOSED,
	 N_("the lead is not taken in (by whoever holds the case now); needs a reason")},
	{"refer", N_("转部门"), S(LEAD) | S(VISITED) | S(CHECKED), WF_REFERRED, R(CASEWORKER),
	 WF_NEED_DEPARTMENT | WF_SETS_CLOSED, N_("referred to another department; needs it")},
	{"green_channel", N_("绿色通道"), PRE_APPROVAL, WF_TO_SAME, R(CASEWORKER) | R(TOWNSHIP),
	 WF_NEED_REASON | WF_RULE_GREEN | WF_SETS_GREEN,
	 N_("sudden hardship: assistance may be recorded before approval; needs a reason")},
	{"send_back", N_("退回上一步"), HAS_PREVIOUS, WF_TO_PREVIOUS, WF_ROLE_OWNER,
	 WF_NEED_REASON | WF_WITHDRAWABLE,
	 N_("returns the case one step (by whoever holds it now); needs a reason")},
	{"request_elim", N_("申请风险消除"), S(ASSISTING), WF_ELIM_REQUESTED, R(CASEWORKER),
	 WF_RULE_ELIMINATION | WF_CLEARS_NOTICE,
	 N_("starts risk elimination; every elimination condition must hold")},
	{"elim_village", N_("消除村级评议公示"), S(ELIM_REQUESTED), WF_ELIM_VILLAGE, R(CASEWORKER),
	 WF_NEED_NOTICE_START | WF_TAKES_NOTICE,
	 N_("village review of the elimination held; needs the notice start (end optional)")},
	{"elim_to_township", N_("消除报镇级审核"), S(ELIM_VILLAGE), WF_ELIM_TOWNSHIP, R(CASEWORKER),
	 WF_TAKES_NOTICE | WF_RULE_NOTICE_DONE,
	 N_("elimination notice ran at least 5 days and has ended")},
	{"elim_township_pass", N_("消除镇级审核通过"), S(ELIM_TOWNSHIP), WF_ELIM_COUNTY, R(TOWNSHIP),
	 WF_WITHDRAWABLE,
	 N_("township agrees to the elimination; sends it to the county")},
	{"eliminate", N_("县级审批消除"), S(ELIM_COUNTY), WF_ELIMINATED, R(COUNTY),
	 WF_NEED_METHOD | WF_RULE_ELIMINATION | WF_SETS_CLOSED,
	 N_("county eliminates the risk; needs the method, every condition must still hold")},
	{"keep_monitoring", N_("不予消除"), ELIM_PENDING, WF_ASSISTING, WF_ROLE_OWNER,
	 WF_NEED_REASON | WF_CLEARS_NOTICE,
	 N_("the elimination is refused or withdrawn (by whoever holds it now); needs a reason")},
	{"rollback", N_("消除回退"), S(ELIMINATED), WF_ASSISTING, R(COUNTY),
	 WF_NEED_REASON | WF_REOPENS | WF_CLEARS_NOTICE,
	 N_("an elimination is rolled back: monitored again; needs a reason")},
	{"withdraw", N_("撤回"), WITHDRAWN_TO, WF_TO_WITHDRAWN,
	 R(CASEWORKER) | R(TOWNSHIP) | R(COUNTY), WF_NEED_REASON | WF_RULE_WITHDRAW,
	 N_("takes back your own township pass or send-back before the next level acts; needs a "
	 "reason")},
	{"remark", N_("新风险再次纳入"), S(ELIMINATED) | S(NOT_TAKEN) | S(REFERRED), WF_TO_SAME,
	 R(CASEWORKER), WF_NEED_REASON | WF_NEW_CASE,
	 N_("a new risk: opens a new lead linked to this case; needs a reason")},
};
#define TRANSITION_COUNT ((int)(sizeof transitions / sizeof transitions[0]))

int workflow_transition_count(void) { return TRANSITION_COUNT; }

const struct wf_transition *workflow_transition_at(int i)
{
	return i >= 0 && i < TRANSITION_COUNT ? &transitions[i] : NULL;
}

const struct wf_transition *workflow_transition_find(const char *name)
{
	for (int i = 0; name && i < TRANSITION_COUNT; i++)
		if (strcmp(name, transitions[i].name) == 0 || strcmp(name, transitions[i].label) == 0)
			return &transitions[i];
	return NULL;
}

static int starts_from(const struct wf_transition *t, enum wf_state s)
{
	return state_ok(s) && (t->from & WF_STATE_BIT(s));
}

unsigned workflow_transition_roles(const struct wf_transition *t, enum wf_state s)
{
	if (!(t->roles & WF_ROLE_OWNER))
		return t->roles;
	if (starts_from(t, s))
		return 1u << workflow_state_owner(s);
	/* From a wrong state, name every owner the step could have. */
	unsigned roles = 0;
	for (int i = 0; i < WF_STATE_COUNT; i++)
		if (t->from & WF_STATE_BIT(i))
			roles |= 1u << workflow_state_owner((enum wf_state)i);
	return roles;
}

enum wf_state workflow_transition_target(const struct wf_transition *t, enum wf_state s)
{
	if (t->from == 0)
		return (enum wf_state)t->to;
	if (!starts_from(t, s))
		return WF_NONE;
	if (t->to == WF_TO_SAME)
		return s;
	if (t->to == WF_TO_PREVIOUS)
		return workflow_state_previous(s);
	if (t->to == WF_TO_WITHDRAWN)
		return WF_NONE;      /* depends on the latest step: workflow_move says */
	return (enum wf_state)t->to;
}

/* --- the checks ------------------------------------------------------------------ */

/* s when it holds a value, else NULL. */
static const char *given(const char *s) { return s && *s ? s : NULL; }

/* The input's today when it is a valid date, else NULL. */
static const char *today_of(const struct move_input *in)
{
	return date_valid(in->today) ? in->today : NULL;
}

static int has_text(const char *s)
{
	for (; s && *s; s++)
		if (!strchr(" \t\r\n", *s))
			return 1;
	return 0;
}

/* "a (甲), b (乙)" for a mask of states or roles. */
static void state_list(unsigned mask, char *out, size_t outlen)
{
	size_t len = 0;
	out[0] = '\0';
	for (int i = 0; i < WF_STATE_COUNT && len < outlen; i++)
		if (mask & WF_STATE_BIT(i))
			len += (size_t)snprintf(out + len, outlen - len, "%s%s (%s)", len ? ", " : "",
			                        codes_shown(workflow_state_label((enum wf_state)i)),
			                        workflow_state_code((enum wf_state)i));
}

static void role_list(unsigned mask, char *out, size_t outlen)
{
	size_t len = 0;
	out[0] = '\0';
	for (int i = 0; i < ROLE_COUNT && len < outlen; i++)
		if (mask & (1u << i))
			len += (size_t)snprintf(out + len, outlen - len, "%s%s (%s)", len ? _(" or ") : "",
			                        codes_shown(access_role_label((enum role)i)),
			                        access_role_code((enum role)i));
}

static void check_role(const struct wf_transition *t, const struct case_facts *c,
                       const struct user *u, struct refusal *out)
{
	if (u->role == ROLE_ADMIN)
		return;
	if (u->role == ROLE_AUDITOR || u->role >= ROLE_COUNT) {
		refusal_add(out, _("role %s (%s) reads only and changes nothing: %s refused"),
		            codes_shown(access_role_label(u->role)), access_role_code(u->role), t->name);
		return;
	}
	unsigned roles = workflow_transition_roles(t, c->state);
	if (roles & (1u << u->role))
		return;
	char need[160];
	role_list(roles, need, sizeof need);
	refusal_add(out, _("role %s (%s) may not take %s (%s): needs %s"),
	            codes_shown(access_role_label(u->role)), access_role_code(u->role), t->name,
	            codes_shown(t->label), need);
}

static void check_scope(const struct case_facts *c, const struct user *u, struct refusal *out)
{
	if (!c->region[0])
		refusal_add(out, _("the case has no region: scope cannot be checked"));
	else if (!access_in_scope(u, c->region))
		refusal_add(out, _("region %s is outside your scope %s"), c->region,
		            u->scope);
}

static void check_state(const struct wf_transition *t, const struct case_facts *c,
                        struct refusal *out)
{
	if (t->from == 0 || starts_from(t, c->state))
		return;
	char need[400];
	state_list(t->from, need, sizeof need);
	refusal_add(out, _("the case is %s (%s): %s (%s) needs %s%s"),
	            codes_shown(workflow_state_label(c->state)), workflow_state_code(c->state), t->name,
	            codes_shown(t->label), (t->from & (t->from - 1)) ? _("one of: ") : "", need);
}

/* A date given as input: valid, and not after today when it must have happened. */
static int check_input_date(const char *what, const char *value, const char *today,
                            int may_be_future, struct refusal *out)
{
	if (!date_valid(value)) {
		refusal_add(out, _("%s \"%s\" is not a valid YYYY-MM-DD date"), _(what), value);
		return -1;
	}
	if (!may_be_future && today && strcmp(value, today) > 0) {
		refusal_add(out, _("%s %s is in the future (today is %s)"), _(what), value, today);
		return -1;
	}
	return 0;
}

/* Resolve and check the step date (default today); returns it, copied into buf, or NULL
 * when it is unusable, so that the rules comparing against it stay quiet. */
static const char *check_step_date(const struct wf_transition *t, const struct case_facts *c,
                                   const struct move_input *in, char buf[DATE_LEN],
                                   struct refusal *out)
{
	const char *today = today_of(in);
	if (!today)
		refusal_add(out, _("today's date is missing or invalid"));
	const char *date = given(in->date) ? in->date : today;
	if (!date || check_input_date(N_("step date"), date, today, 0, out) != 0)
		return NULL;
	if (t->from != 0 && date_valid(c->last_step_date) && strcmp(date, c->last_step_date) < 0) {
		refusal_add(out, _("step date %s is before the previous step's date %s"),
		            date, c->last_step_date);
		return NULL;
	}
	snprintf(buf, DATE_LEN, "%s", date);
	return buf;
}

static void check_code_input(const char *what, const char *value,
                             const struct code_table *table, struct refusal *out)
{
	char choices[400];
	int len = 0;
	choices[0] = '\0';
	for (int i = 0; i < table->count && len < (int)sizeof choices; i++)
		len += snprintf(choices + len, sizeof choices - (size_t)len, "%s%s (%s)",
		                i ? ", " : "", codes_shown(table->items[i].label), table->items[i].code);
	if (!given(value))
		refusal_add(out, _("%s missing: one of %s"), _(what), choices);
	else if (!codes_find(table, value))
		refusal_add(out, _("unknown %s \"%s\": one of %s"), _(what), value, choices);
}

static void check_needs(const struct wf_transition *t, const struct move_input *in,
                        struct refusal *out)
{
	if ((t->flags & WF_NEED_REASON) && !has_text(in->reason))
		refusal_add(out, _("%s (%s) needs a reason"), t->name, codes_shown(t->label));
	if (t->flags & WF_NEED_METHOD)
		check_code_input(N_("elimination method"), in->method, &codes_elim_method, out);
	if (t->flags & WF_NEED_DEPARTMENT)
		check_code_input(N_("department"), in->department,
		                 code_lists_table(in->lists, &codes_department), out);
}

static void check_consent(const struct wf_transition *t, const struct case_facts *c,
                          const struct move_input *in, const char *date, struct refusal *out)
{
	const char *consent = NULL;
	if ((t->flags & WF_TAKES_CONSENT) && given(in->consent_date)) {
		if (check_input_date(N_("consent date"), in->consent_date, today_of(in), 0, out) != 0)
			return;
		consent = in->consent_date;
		if (date_valid(c->lead_date) && strcmp(consent, c->lead_date) < 0)
			refusal_add(out, _("consent date %s is before the lead date %s"),
			            consent, c->lead_date);
	} else if (given(c->consent_date)) {
		consent = c->consent_date;
	}
	if (!(t->flags & WF_RULE_CONSENT))
		return;
	if (!consent)
		refusal_add(out, _("no consent date: the household's signed consent "
		            "is needed before the village review"));
	else if (date && strcmp(consent, date) > 0)
		refusal_add(out, _("consent signed %s, after the review date %s"),
		            consent, date);
}

/* The notice dates in force for this step: the input's where given, else the case's.
 * Returns -1 if an input date is invalid (already reported). */
static int notice_dates(const struct wf_transition *t, const struct case_facts *c,
                        const struct move_input *in, const char **start, const char **end,
                        struct refusal *out)
{
	int bad = 0;
	*start = given(c->notice_start);
	*end = given(c->notice_end);
	if (t->flags & WF_NEED_NOTICE_START) {   /* a new round: the case's dates are stale */
		*start = NULL;
		*end = NULL;
	}
	if (!(t->flags & WF_TAKES_NOTICE))
		return 0;
	if (given(in->notice_start)) {
		bad |= check_input_date(N_("notice start"), in->notice_start, NULL, 1, out);
		*start = in->notice_start;
	}
	if (given(in->notice_end)) {
		bad |= check_input_date(N_("notice end"), in->notice_end, NULL, 1, out);
		*end = in->notice_end;
	}
	return bad ? -1 : 0;
}

static void check_notice(const struct wf_transition *t, const struct case_facts *c,
                         const struct move_input *in, const char *date, struct refusal *out)
{
	const char *start, *end;
	if (!(t->flags & (WF_TAKES_NOTICE | WF_NEED_NOTICE_START | WF_RULE_NOTICE_DONE)))
		return;
	if (notice_dates(t, c, in, &start, &end, out) != 0)
		return;
	if ((t->flags & WF_NEED_NOTICE_START) && !start) {
		refusal_add(out, _("notice start date missing"));
		return;
	}
	if ((t->flags & WF_NEED_NOTICE_START) && date && strcmp(start, date) < 0)
		refusal_add(out, _("notice starts %s, before the review meeting %s"),
		            start, date);
	long days = 0;
	if (start && end && date_diff(start, end, &days) == 0 && days < 0) {
		refusal_add(out, _("notice ends %s before it starts %s"), end, start);
		return;
	}
	if (!(t->flags & WF_RULE_NOTICE_DONE))
		return;
	if (!start || !end || date_diff(start, end, &days) != 0) {
		refusal_add(out, start ? _("notice end date missing: the public notice must have run "
		                           "before review")
		                       : _("notice start date missing: the public notice must have run "
		                           "before review"));
		return;
	}
	days += 1;   /* both ends count: the 1st to the 5th is 5 days */
	int min = workflow_notice_days(c);
	if (days < min)
		refusal_add(out, _("the notice ran %ld of the %d days needed"), days, min);
	if (date && strcmp(date, end) < 0)
		refusal_add(out, _("the notice runs until %s, after the step date %s"),
		            end, date);
}

static void check_green(const struct wf_transition *t, const struct case_facts *c,
                        struct refusal *out)
{
	if (!(t->flags & WF_RULE_GREEN))
		return;
	if (strcmp(c->category, "sudden") != 0) {
		const char *label = codes_label(&codes_category, c->category);
		refusal_add(out, _("the green channel is for cases of a household in sudden severe "
		            "difficulty (sudden); this case is %s"), label ? codes_shown(label)
		            : c->category[0] ? c->category : _("without a category"));
	}
	if (c->green_channel)
		refusal_add(out, _("the case is already on the green channel"));
}

static void check_withdraw(const struct wf_transition *t, const struct case_facts *c,
                           const struct user *u, struct refusal *out)
{
	if (!(t->flags & WF_RULE_WITHDRAW) || !starts_from(t, c->state))
		return;              /* (a wrong state is said by check_state) */
	const struct wf_transition *last = c->last_step[0] ? workflow_transition_find(c->last_step) : NULL;
	char which[300] = "";
	for (int i = 0, len = 0; i < TRANSITION_COUNT && len < (int)sizeof which; i++)
		if (transitions[i].flags & WF_WITHDRAWABLE)
			len += snprintf(which + len, sizeof which - (size_t)len, "%s%s (%s)", len ? ", " : "",
			                transitions[i].name, codes_shown(transitions[i].label));
	if (!last)
		refusal_add(out, _("the case has no step to withdraw"));
	else if (strcmp(c->last_login, u->login) != 0)
		refusal_add(out, _("the latest step, %s (%s) on %s, was taken by %s, not you: you may "
		            "withdraw only your own step, before anyone acts after it"), last->name,
		            codes_shown(last->label), c->last_step_date[0] ? c->last_step_date : "?",
		            c->last_login[0] ? c->last_login : _("someone else"));
	else if (!(last->flags & WF_WITHDRAWABLE) || !state_ok(c->last_from))
		refusal_add(out, _("your latest step on the case is %s (%s), which cannot be withdrawn: "
		            "only %s"), last->name, codes_shown(last->label), which);
}

int workflow_withdraw_check(const struct case_facts *c, const struct user *u, struct refusal *out)
{
	refusal_clear(out);
	check_withdraw(workflow_transition_find("withdraw"), c, u, out);
	return out->count + out->dropped ? -1 : 0;
}

static void check_elimination(const struct wf_transition *t, const struct case_facts *c,
                              const char *date, struct refusal *out)
{
	if ((t->flags & WF_RULE_ELIMINATION) && date)
		rules_elimination_check(c->household, c->approval_date, date, out);
}

/* All checks; on success *date holds the step date. */
static int check_all(const struct wf_transition *t, const struct case_facts *c,
                     const struct user *u, const struct move_input *in, char date[DATE_LEN],
                     struct refusal *out)
{
	check_role(t, c, u, out);
	check_scope(c, u, out);
	check_state(t, c, out);
	const char *step = check_step_date(t, c, in, date, out);
	check_needs(t, in, out);
	check_consent(t, c, in, step, out);
	check_notice(t, c, in, step, out);
	check_green(t, c, out);
	check_elimination(t, c, step, out);
	check_withdraw(t, c, u, out);
	return out->count + out->dropped ? -1 : 0;
}

static const struct wf_transition *find_or_refuse(const char *name, struct refusal *out)
{
	const struct wf_transition *t = workflow_transition_find(name);
	if (!t)
		refusal_add(out, _("unknown step \"%s\": see `case move --help`"),
		            name ? name : "");
	return t;
}

int workflow_check(const struct case_facts *c, const struct user *u, const char *transition,
                   const struct move_input *in, struct refusal *out)
{
	static const struct move_input nothing;
	char date[DATE_LEN];
	refusal_clear(out);
	const struct wf_transition *t = find_or_refuse(transition, out);
	return t ? check_all(t, c, u, in ? in : &nothing, date, out) : -1;
}

/* --- the case after a step ------------------------------------------------------ */

static void set_date(char dst[DATE_LEN], const char *value)
{
	snprintf(dst, DATE_LEN, "%s", value ? value : "");
}

/* A new lead on the same household and region, dated `date`. */
static void fresh_lead(const struct case_facts *c, const char *date, struct case_facts *out)
{
	memset(out, 0, sizeof *out);
	out->state = WF_LEAD;
	memcpy(out->category, c->category, sizeof out->category);
	memcpy(out->region, c->region, sizeof out->region);
	out->household = c->household;
	set_date(out->lead_date, date);
	set_date(out->last_step_date, date);
}

static void apply_notice(const struct wf_transition *t, const struct move_input *in,
                         struct case_facts *n)
{
	if (t->flags & (WF_CLEARS_NOTICE | WF_NEED_NOTICE_START)) {
		n->notice_start[0] = '\0';
		n->notice_end[0] = '\0';
	}
	if (!(t->flags & WF_TAKES_NOTICE))
		return;
	if (given(in->notice_start))
		set_date(n->notice_start, in->notice_start);
	if (given(in->notice_end))
		set_date(n->notice_end, in->notice_end);
}

static void apply(const struct wf_transition *t, const struct case_facts *c,
                  const struct move_input *in, const char *date, struct move_result *res)
{
	struct case_facts *n = &res->next;
	memset(res, 0, sizeof *res);
	res->transition = t;
	set_date(res->date, date);
	res->from = t->from ? c->state : WF_NONE;
	if (t->flags & WF_SETS_LEAD) {
		fresh_lead(c, date, n);
		return;
	}
	*n = *c;
	n->state = t->to == WF_TO_WITHDRAWN ? c->last_from : workflow_transition_target(t, c->state);
	set_date(n->last_step_date, date);
	if ((t->flags & WF_TAKES_CONSENT) && given(in->consent_date))
		set_date(n->consent_date, in->consent_date);
	apply_notice(t, in, n);
	if (t->flags & WF_SETS_APPROVAL)
		set_date(n->approval_date, date);
	if (t->flags & WF_SETS_CLOSED)
		set_date(n->closed_date, date);
	if (t->flags & WF_REOPENS)
		n->closed_date[0] = '\0';
	if (t->flags & WF_SETS_GREEN)
		n->green_channel = 1;
	if (t->flags & WF_NEW_CASE) {
		res->new_case = 1;
		fresh_lead(c, date, &res->linked);
	}
}

int workflow_move(const struct case_facts *c, const struct user *u, const char *transition,
                  const struct move_input *in, struct move_result *res, struct refusal *out)
{
	static const struct move_input nothing;
	char date[DATE_LEN];
	refusal_clear(out);
	in = in ? in : &nothing;
	const struct wf_transition *t = find_or_refuse(transition, out);
	if (!t || check_all(t, c, u, in, date, out) != 0)
		return -1;
	apply(t, c, in, date, res);
	return 0;
}

int workflow_offered(const struct case_facts *c, const struct user *u,
                     const struct wf_transition **out, int max)
{
	int n = 0;
	for (int i = 0; i < TRANSITION_COUNT && n < max; i++) {
		const struct wf_transition *t = &transitions[i];
		struct refusal r;
		refusal_clear(&r);
		if (t->from == 0)
			continue;
		check_role(t, c, u, &r);
		check_scope(c, u, &r);
		check_state(t, c, &r);
		check_withdraw(t, c, u, &r);
		if (r.count == 0)
			out[n++] = t;
	}
	return n;
}
