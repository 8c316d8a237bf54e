/* household_actions.c — the casework a staff member records from a household's screen:
 * a visit (V), a measure (M), a task (K), the next step of its open case (C), a correction
 * (X: end or correct a measure, correct a visit, add, remove or move a member) and the
 * record as it stood on a day (O). Each asks its
 * fields on the status line (Tab offers the code tables' labels, an empty date is
 * today), then a reason, and calls the same store function as the command-line verb. */
#include "tui/household_actions.h"
#include "core/i18n.h"
#include "core/text.h"
#include "tui/view_util.h"
#include "tui/prompt.h"
#include "tui/form_ask.h"
#include "core/workflow.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ASK(call) do { if ((call) != PROMPT_OK) return REQ_DONE; } while (0)

/* The store's answer: a success line, or its refusal in the status line. */
static int done(struct ui *ui, int rc, const char *what, const char *id)
{
	if (rc)
		return ui_store_error(ui, rc);
	ui_changed(ui);
	ui_status(ui, 0, _("%s %s recorded"), _(what), id);
	return REQ_DONE;
}

#define Q(key, label, kind, codes, buf) {key, label, kind, codes, buf, sizeof buf, 0}
#define FORM(name, household, q) {name, household, q, (int)(sizeof q / sizeof q[0]), NULL, NULL}

int household_add_visit(struct ui *ui, const char *household, const struct draft *resume)
{
	char date[16] = "", visitor[sizeof ui->me.name], method[32] = "", findings[512] = "", follow[512] = "";
	char why[512] = "", id[16];
	text_copy(visitor, sizeof visitor, ui->me.name);   /* as big as a name: it fits */
	struct ask q[] = {
		Q("date", _("visit date (YYYY-MM-DD, empty = today): "), ASK_OPTIONAL, NULL, date),
		Q("visitor", _("visitor: "), ASK_TEXT, NULL, visitor),
		Q("method", _("method (Tab: 入户 电话 微信): "), ASK_CODE, &codes_visit_method, method),
		Q("findings", _("findings: "), ASK_TEXT, NULL, findings),
		Q("follow_up", _("follow-up (optional): "), ASK_OPTIONAL, NULL, follow),
		Q("why", _("reason (kept in the history): "), ASK_REASON, NULL, why),
	};
	struct form_ask f = FORM("visit", household, q);
	form_ask_resume(&f, resume);
	ASK(form_ask_run(ui, &f));
	struct visit_input v = {date[0] ? date : NULL, visitor, method, findings, follow};
	int rc = store_visit_add(ui->s, &ui->me, household, &v, why, id, sizeof id);
	return form_ask_done(ui, &f, rc) ? rc : done(ui, 0, N_("visit"), id);
}

/* The facts of h's latest case as of today into f; -1 (status set) when it has none. */
static int latest_facts(struct ui *ui, const struct household *h, struct case_facts *f)
{
	struct household_facts hf;
	struct measure_fact mf[64];
	if (!h->ncases) {
		ui_status(ui, 1, _("household %s has no case: %s opens one"), h->id,
		          ui_key(ui, "household", ACT_MOVE_CASE));
		return -1;
	}
	if (store_case_facts(ui->s, h, h->ncases - 1, store_today(ui->s), f, &hf, mf, 64))
		return ui_store_error(ui, -1);
	return 0;
}

int household_add_measure(struct ui *ui, const struct household *h, const struct draft *resume)
{
	struct case_facts f;
	if (latest_facts(ui, h, &f))      /* refused before any field is asked */
		return -1;
	if (!workflow_may_record_measure(&f)) {
		ui_status(ui, 1, _("case %s is %s: measures are recorded once it is monitored (or on "
		          "the green channel 绿色通道)"), h->cases[h->ncases - 1].id,
		          workflow_state_label(f.state));
		return -1;
	}
	const char *household = h->id;
	char group[32] = "", detail[512] = "", start[16] = "", amount[32] = "", resp[128] = "";
	char why[512] = "", id[16];
	struct ask q[] = {
		Q("group", _("measure group (Tab: 产业 就业 金融 公益岗位 ...): "), ASK_CODE,
		  &codes_measure_group, group),
		Q("detail", _("detail: "), ASK_TEXT, NULL, detail),
		Q("start", _("start date (empty = today): "), ASK_OPTIONAL, NULL, start),
		Q("amount", _("amount in yuan (optional): "), ASK_OPTIONAL, NULL, amount),
		Q("responsible", _("responsible unit or person (optional): "), ASK_OPTIONAL, NULL, resp),
		Q("why", _("reason (kept in the history): "), ASK_REASON, NULL, why),
	};
	struct form_ask form = FORM("measure", household, q);
	form_ask_resume(&form, resume);
	ASK(form_ask_run(ui, &form));
	struct measure_input m = {group, detail, start[0] ? start : NULL, NULL, amount, resp};
	int rc = store_measure_add(ui->s, &ui->me, household, &m, why, id, sizeof id);
	return form_ask_done(ui, &form, rc) ? rc : done(ui, 0, N_("measure"), id);
}

int household_add_task(struct ui *ui, const char *household)
{
	struct task t;
	char why[512] = "";
	memset(&t, 0, sizeof t);
	ASK(view_ask_text(ui, _("task title: "), 0, t.title, sizeof t.title));
	ASK(view_ask_code(ui, _("kind (Tab: 走访 核实 落实措施 ...): "), &codes_task_kind, 0, t.kind, sizeof t.kind));
	ASK(view_ask_text(ui, _("owner login (empty = you): "), 1, t.owner, sizeof t.owner));
	ASK(view_ask_text(ui, _("due date (YYYY-MM-DD, optional): "), 1, t.due, sizeof t.due));
	ASK(view_ask_reason(ui, _("reason (kept in the history): "), why, sizeof why));
	snprintf(t.household, sizeof t.household, "%s", household);
	int rc = store_task_add(ui->s, &ui->me, &t, why);
	char id[sizeof t.id];
	snprintf(id, sizeof id, "%s", t.id);
	task_free(&t);
	return done(ui, rc, N_("task"), id);
}

/* The inputs a step takes beyond its date and reason, asked as its flags say. */
static int step_inputs(struct ui *ui, const struct wf_transition *t, struct move_input *in,
                       char bufs[6][64])
{
	if ((t->flags & WF_TAKES_CONSENT) &&
	    view_ask_text(ui, _("consent form signed on (optional): "), 1, bufs[0], 64) != PROMPT_OK)
		return -1;
	if (t->flags & (WF_NEED_NOTICE_START | WF_TAKES_NOTICE)) {
		int optional = !(t->flags & WF_NEED_NOTICE_START);
		if (view_ask_text(ui, optional ? _("public notice start (optional): ") : _("public notice start: "),
		                  optional, bufs[1], 64) != PROMPT_OK ||
		    view_ask_text(ui, _("public notice end (optional): "), 1, bufs[2], 64) != PROMPT_OK)
			return -1;
	}
	if ((t->flags & WF_NEED_METHOD) &&
	    view_ask_code(ui, _("elimination method (Tab: 帮扶消除 自然消除): "), &codes_elim_method, 0,
	                  bufs[3], 64) != PROMPT_OK)
		return -1;
	if ((t->flags & WF_NEED_DEPARTMENT) &&
	    view_ask_code(ui, _("department (Tab: 医保 民政 ...): "), &codes_department, 0, bufs[4], 64) != PROMPT_OK)
		return -1;
	if ((t->flags & WF_NEW_CASE) &&
	    view_ask_text(ui, _("the new risks (e.g. 因病、因残): "), 0, bufs[5], 64) != PROMPT_OK)
		return -1;
	in->consent_date = bufs[0];
	in->notice_start = bufs[1];
	in->notice_end = bufs[2];
	in->method = bufs[3];
	in->department = bufs[4];
	return 0;
}

/* No open case on h: offer to open one. 1 when that settled C (opened, refused or
 * cancelled), 0 to go on with the steps of the latest (closed) case. */
static int offer_open(struct ui *ui, const struct household *h, const struct case_facts *f)
{
	char question[400];
	if (household_may_open(ui, h, NULL))      /* not the user's to open: said at once */
		return !h->ncases;
	if (h->ncases)
		snprintf(question, sizeof question, _("%s has no open case (%s is %s): open a new one as a lead?"),
		         h->id, h->cases[h->ncases - 1].id, workflow_state_label(f->state));
	else
		snprintf(question, sizeof question, _("%s has no case: open one as a lead (线索)?"), h->id);
	int yes = prompt_yesno(ui, question);
	if (yes == PROMPT_END)
		return 1;
	if (yes == 1) {
		household_open_case(ui, h, NULL);
		return 1;
	}
	if (h->ncases)
		return 0;
	ui_status(ui, 0, _("cancelled: nothing was changed"));
	return 1;
}

int household_move_case(struct ui *ui, const struct household *h)
{
	struct case_facts f = {.state = WF_NONE};
	if (h->ncases && latest_facts(ui, h, &f))
		return -1;
	if ((!h->ncases || workflow_is_closed(f.state)) && offer_open(ui, h, &f))
		return REQ_DONE;
	int ci = h->ncases - 1;
	const struct wf_transition *offered[32];
	const char *names[33];
	int n = workflow_offered(&f, &ui->me, offered, 32);
	if (n == 0) {
		ui_status(ui, 1, _("case %s is %s: no step is yours to take"), h->cases[ci].id,
		          workflow_state_label(f.state));
		return -1;
	}
	for (int i = 0; i < n; i++)
		names[i] = offered[i]->name;
	names[n] = NULL;
	char step[64] = "", label[400], date[16] = "", why[512] = "", result[512], bufs[6][64] = {{0}};
	snprintf(label, sizeof label, _("%s is %s; step (Tab: %s%s): "), h->cases[ci].id,
	         workflow_state_label(f.state), names[0], n > 1 ? " ..." : "");
	const struct wf_transition *t = NULL;
	while (!t) {
		if (prompt_line(ui, label, step, sizeof step, names) != PROMPT_OK)
			return REQ_DONE;
		if (!(t = workflow_transition_find(step)))
			ui_status(ui, 1, _("no step \"%s\": Tab offers yours"), step);
	}
	ASK(view_ask_text(ui, _("the day it happened (YYYY-MM-DD, empty = today): "), 1, date, sizeof date));
	struct move_input in = {.date = date[0] ? date : NULL};
	if (step_inputs(ui, t, &in, bufs))
		return REQ_DONE;
	ASK(view_ask_reason(ui, _("reason (kept in the history): "), why, sizeof why));
	in.reason = why;
	int rc = store_case_move(ui->s, &ui->me, h->cases[ci].id, t->name, &in, bufs[5], result,
	                         sizeof result);
	if (rc)
		return ui_store_error(ui, rc);
	ui_changed(ui);
	ui_status(ui, 0, "%s", result);
	return REQ_DONE;
}

int case_withdraw_form(struct ui *ui, const char *case_id)
{
	struct household h;
	struct case_facts f;
	struct household_facts hf;
	struct measure_fact mf[64];
	struct refusal why_not;
	char why[512] = "", label[400], result[512];
	int ci = -1;
	int rc = store_case_find(ui->s, &ui->me, case_id, &h, &ci);
	if (rc)
		return ui_store_error(ui, rc);
	rc = store_case_facts(ui->s, &h, ci, store_today(ui->s), &f, &hf, mf, 64);
	household_free(&h);
	if (rc)
		return ui_store_error(ui, rc);
	if (workflow_withdraw_check(&f, &ui->me, &why_not)) {   /* before asking anything */
		char joined[1024];
		refusal_join(&why_not, "; ", joined, sizeof joined);
		ui_status(ui, 1, _("%s: nothing to withdraw: %s"), case_id, joined);
		return -1;
	}
	const struct wf_transition *last = workflow_transition_find(f.last_step);
	snprintf(label, sizeof label, _("%s withdraw your %s (%s), reason: "), case_id,
	         last ? last->name : f.last_step, last ? last->label : "");
	ASK(view_ask_reason(ui, label, why, sizeof why));
	struct move_input in = {.reason = why};
	if ((rc = store_case_move(ui->s, &ui->me, case_id, "withdraw", &in, NULL, result, sizeof result)))
		return ui_store_error(ui, rc);
	ui_changed(ui);
	ui_status(ui, 0, "%s", result);
	return REQ_DONE;
}

/* --- corrections (X) and the record as it stood (O) ------------------------------------ */

/* The store's answer to a correction: its line, or its refusal in the status line. */
static int corrected(struct ui *ui, int rc, const char *what)
{
	if (rc)
		return ui_store_error(ui, rc);
	ui_changed(ui);
	ui_status(ui, 0, "%s", what);
	return REQ_DONE;
}

/* An optional answer: NULL when left empty (the value is kept). */
static const char *given(const char *buf)
{
	return buf[0] ? buf : NULL;
}

static int correct_measure(struct ui *ui, const struct household *h, int end_only, const char *why_label)
{
	char id[16] = "", end[16] = "", detail[512] = "", amount[32] = "", resp[128] = "", why[512] = "";
	ASK(view_ask_text(ui, _("measure (M...): "), 0, id, sizeof id));
	if (end_only) {
		ASK(view_ask_text(ui, _("ended on (YYYY-MM-DD, empty = today): "), 1, end, sizeof end));
		ASK(view_ask_reason(ui, why_label, why, sizeof why));
		return corrected(ui, store_measure_end(ui->s, &ui->me, id, given(end), h->version, why),
		                 _("measure ended"));
	}
	ASK(view_ask_text(ui, _("detail (empty = keep): "), 1, detail, sizeof detail));
	ASK(view_ask_text(ui, _("amount in yuan (empty = keep): "), 1, amount, sizeof amount));
	ASK(view_ask_text(ui, _("responsible (empty = keep): "), 1, resp, sizeof resp));
	ASK(view_ask_reason(ui, why_label, why, sizeof why));
	struct measure_input m = {NULL, given(detail), NULL, NULL, given(amount), given(resp)};
	return corrected(ui, store_measure_edit(ui->s, &ui->me, id, &m, h->version, why),
	                 _("measure corrected"));
}

static int correct_visit(struct ui *ui, const struct household *h, const char *why_label)
{
	char id[16] = "", method[32] = "", findings[512] = "", follow[512] = "", why[512] = "";
	ASK(view_ask_text(ui, _("visit (V...): "), 0, id, sizeof id));
	ASK(view_ask_code(ui, _("method (Tab: 入户 电话 微信; empty = keep): "), &codes_visit_method, 1,
	                  method, sizeof method));
	ASK(view_ask_text(ui, _("findings (empty = keep): "), 1, findings, sizeof findings));
	ASK(view_ask_text(ui, _("follow-up (empty = keep): "), 1, follow, sizeof follow));
	ASK(view_ask_reason(ui, why_label, why, sizeof why));
	struct visit_input v = {NULL, NULL, given(method), given(findings), given(follow)};
	return corrected(ui, store_visit_edit(ui->s, &ui->me, id, &v, h->version, why),
	                 _("visit corrected"));
}

static int correct_member(struct ui *ui, const struct household *h, const char *what,
                          const char *why_label)
{
	static const char *const kinds[] = {"birth", "death", "marriage", "moved_in", "moved_out",
	                                    "correction", NULL};
	char kind[32] = "", why[512] = "", no[8] = "", to[32] = "", rel[32] = "";
	char name[128] = "", idno[32] = "", f[3][192];
	if (prompt_line(ui, _("kind (Tab: birth death marriage moved_in moved_out correction): "),
	                kind, sizeof kind, kinds) != PROMPT_OK)
		return REQ_DONE;
	if (strcmp(what, "member-add") == 0) {
		ASK(view_ask_text(ui, _("name 姓名: "), 0, name, sizeof name));
		ASK(view_ask_text(ui, _("ID number 证件号码: "), 0, idno, sizeof idno));
		ASK(view_ask_code(ui, _("relation to the head (Tab: 之子 之女 配偶 ...): "), &codes_relation, 0,
		                  rel, sizeof rel));
		ASK(view_ask_reason(ui, why_label, why, sizeof why));
		snprintf(f[0], sizeof f[0], "name=%s", name);
		snprintf(f[1], sizeof f[1], "id_number=%s", idno);
		snprintf(f[2], sizeof f[2], "relation=%s", rel);
		const char *fields[] = {f[0], f[1], f[2]};
		return corrected(ui, store_member_add(ui->s, &ui->me, h->id, fields, 3, kind, h->version,
		                                      why), _("member added"));
	}
	ASK(view_ask_text(ui, _("member number (as listed): "), 0, no, sizeof no));
	if (strcmp(what, "member-move") == 0) {
		ASK(view_ask_text(ui, _("to household (id, 户编号 or an ID number): "), 0, to, sizeof to));
		ASK(view_ask_code(ui, _("relation to that head (Tab: 配偶 之子 ...): "), &codes_relation, 0,
		                  rel, sizeof rel));
	}
	ASK(view_ask_reason(ui, why_label, why, sizeof why));
	int m = atoi(no);
	if (to[0])
		return corrected(ui, store_member_move(ui->s, &ui->me, h->id, m, to, rel, kind, h->version,
		                                       why), _("member moved"));
	return corrected(ui, store_member_remove(ui->s, &ui->me, h->id, m, kind, h->version, why),
	                 _("member removed"));
}

int household_correct(struct ui *ui, const struct household *h)
{
	static const char *const what[] = {"measure-end", "measure-edit", "visit-edit", "member-add",
	                                   "member-remove", "member-move", NULL};
	const char *why_label = _("reason (kept in the history): ");
	char choice[32] = "";
	for (;;) {
		if (prompt_line(ui, _("correct (Tab: measure-end measure-edit visit-edit member-add "
		                "member-remove member-move): "), choice, sizeof choice, what) != PROMPT_OK)
			return REQ_DONE;
		for (int i = 0; what[i]; i++)
			if (strcmp(choice, what[i]) == 0)
				return i < 2 ? correct_measure(ui, h, i == 0, why_label)
				     : i == 2 ? correct_visit(ui, h, why_label)
				              : correct_member(ui, h, choice, why_label);
		ui_status(ui, 1, _("no correction \"%s\": Tab offers them"), choice);
	}
}

int household_as_of_day(struct ui *ui, const char *household, const char *date)
{
	char commit[48], title[256];
	struct buf text = {0};
	int rc = store_household_as_of(ui->s, &ui->me, household, date, &text, commit, sizeof commit);
	if (rc) {
		buf_free(&text);
		return ui_store_error(ui, rc);
	}
	snprintf(title, sizeof title, _("%s as of %s (commit %.10s)"), household, date, commit);
	rc = view_pager_push(ui, title, buf_str(&text) ? text.s : "", 0);
	buf_free(&text);
	return rc;
}

int household_as_of(struct ui *ui, const char *household)
{
	char date[16] = "";
	ASK(view_ask_text(ui, _("as it stood at the end of (YYYY-MM-DD): "), 0, date, sizeof date));
	return household_as_of_day(ui, household, date);
}
