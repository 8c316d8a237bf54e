/* view_review.c — the review queue: the cases waiting for the user's role in her scope,
 * oldest first (store_case_queue), one a line: case, household head, village, state,
 * waiting since, and the rule checks `bangfu case queue` prints (income against the
 * year's monitoring line, days of public notice, measures, last visit). `A` takes the
 * next forward step the user may take on the case (workflow_offered: township_pass,
 * approve, elim_township_pass, eliminate — asking the method), `B` sends it back; both
 * ask a reason and date the step today. After a step the queue is read again and the
 * cursor stays on the same line, so the next case is selected; Enter opens its
 * household. The store's refusals (every reason) go to the status line. The queue is
 * bounded by role and scope, so it is held in memory (no windowed fetch). */
#include "tui/view_util.h"
#include "core/i18n.h"
#include "core/grow.h"
#include "tui/case_checks.h"
#include "tui/list_rows.h"
#include "tui/prompt.h"
#include "tui/household_actions.h"
#include "tui/ui_write.h"
#include "core/text.h"
#include "core/workflow.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_MEASURES 64

struct qrow {
	char case_id[24], household[24], head[96], village[96], since[DATE_LEN];
	char checks[256];         /* failing checks marked "!" (drawn highlighted) */
	char clock[16];           /* the 15-day clock: "12d", "16d LATE", "-" when stopped */
	int late;
	struct case_facts f;      /* as read (household facts not kept): the step to offer */
};

struct review {
	struct store *s;
	struct qrow *r;
	long n, cap;
	int oom;
	int checks_cells;         /* the widest checks text, for narrow screens */
	char moved[24];           /* the case last moved from this queue (U withdraws it) */
};

static int keep_row(void *ctx, const struct household *h, int ci)
{
	struct review *R = ctx;
	struct household_facts hf;
	struct measure_fact mf[MAX_MEASURES];
	if (GROW(R->r, R->cap, R->n + 1, 32)) {
		R->oom = 1;
		return 1;
	}
	struct qrow *q = &R->r[R->n];
	memset(q, 0, sizeof *q);
	if (store_case_facts(R->s, h, ci, store_today(R->s), &q->f, &hf, mf, MAX_MEASURES))
		return 0;                 /* as the command line does: a case it cannot judge is left out */
	q->f.household = NULL;
	struct lrow lr;
	lrow_from(store_code_lists(R->s), &lr, h);
	snprintf(q->case_id, sizeof q->case_id, "%s", h->cases[ci].id);
	snprintf(q->household, sizeof q->household, "%s", h->id);
	snprintf(q->head, sizeof q->head, "%s", lr.head);
	snprintf(q->village, sizeof q->village, "%s", lr.village);
	snprintf(q->since, sizeof q->since, "%s", q->f.last_step_date[0] ? q->f.last_step_date : q->f.lead_date);
	case_checks_marked(h, &q->f, &hf, q->checks, sizeof q->checks);
	struct wf_clock clk;
	if (workflow_clock(&q->f, store_today(R->s), &clk) == 0 && clk.running) {
		q->late = clk.late;
		snprintf(q->clock, sizeof q->clock, _("%ldd%s"), clk.days, clk.late ? _(" LATE") : "");
	} else {
		snprintf(q->clock, sizeof q->clock, "-");
	}
	if (text_width(q->checks) > R->checks_cells)
		R->checks_cells = text_width(q->checks);
	R->n++;
	return 0;
}

static int rv_open(struct ui *ui, struct view *v)
{
	struct review *R = v->priv;
	char keep[24] = "";
	long old = v->pos;
	if (v->pos < R->n)
		snprintf(keep, sizeof keep, "%s", R->r[v->pos].case_id);
	R->n = 0;
	R->oom = 0;
	R->checks_cells = 0;
	int rc = store_case_queue(ui->s, &ui->me, keep_row, R);
	if (rc)
		return ui_store_error(ui, rc);
	if (R->oom) {
		ui_status(ui, 1, _("out of memory: the queue is shown in part"));
	}
	v->lines = R->n;
	v->at_start = v->at_end = 1;
	long found = -1;
	for (long i = 0; keep[0] && i < R->n && found < 0; i++)
		if (strcmp(R->r[i].case_id, keep) == 0)
			found = i;
	view_keep_cursor(ui, v, found, old);
	v->dirty = 1;
	return 0;
}

/* Column widths for the screen's width: on a wide screen the checks get what is left;
 * on a narrow one "since" drops the year, LATE stands for the clock when late, and the
 * names give way first so the checks are seen whole. */
enum { NCOL = 7, COL_CLOCK = 5, COL_CHECKS = 6 };
static void layout(const struct review *R, struct vcol c[NCOL])
{
	int wide = COLS >= 100;
	c[0] = (struct vcol){N_("case"), 8, 0};
	c[1] = (struct vcol){"户主", 8, 0};
	c[2] = (struct vcol){"行政村", wide ? 10 : 8, 0};
	c[3] = (struct vcol){"状态", COLS >= 120 ? 16 : wide ? 12 : 8, 0};
	c[4] = (struct vcol){N_("since"), wide ? 10 : 5, 0};
	c[COL_CLOCK] = (struct vcol){wide ? N_("clock") : N_("days"), wide ? 8 : 4, 0};
	c[COL_CHECKS] = (struct vcol){N_("checks: income/line, notice, measures, last visit"), 0, 0};
	int used = 0;
	for (int i = 0; i < COL_CHECKS; i++)
		used += c[i].cells + 1;
	int short_by = R->checks_cells + 2 - (COLS - used);   /* a blank before, one after */
	int least = wide ? 8 : 4;
	for (int i = 2; i >= 1 && short_by > 0; i--) {      /* village, then the name */
		int give = c[i].cells - least < short_by ? c[i].cells - least : short_by;
		if (give < 0)
			give = 0;
		c[i].cells -= give;
		short_by -= give;
	}
}

/* The checks from x on row y, the failing ones (marked "!") highlighted; checks too
 * wide for what is left of the row end in DRAW_CUT, as any cut value. */
static void draw_checks(int y, int x, const char *checks, attr_t a)
{
	char word[256];
	const char *p = checks;
	int end = COLS - 1;
	int cut = draw_width(checks) > end - x && end - x >= 2;
	if (cut)
		end--;                              /* a cell for the mark */
	while (*p && x < end) {
		size_t len = strcspn(p, " ");
		snprintf(word, sizeof word, "%.*s", (int)len, p);
		attr_t wa = word[0] == '!' ? a | A_BOLD | draw_style(ST_ERROR) : a;
		x += draw_text(y, x, end - x, word, wa, 0);
		p += len;
		if (*p == ' ' && x < end)
			x += draw_text(y, x, 1, " ", a, 0), p++;
	}
	if (cut)
		draw_text(y, x, 1, DRAW_CUT, a | A_BOLD, 0);
}

static void rv_draw(struct ui *ui, struct view *v, long line, int y, int selected)
{
	const struct review *R = v->priv;
	const struct qrow *q = &R->r[line];
	struct vcol c[NCOL];
	layout(R, c);
	const char *since = c[4].cells < 10 && strlen(q->since) == 10 ? q->since + 5 : q->since;
	const char *clock = q->late && c[COL_CLOCK].cells < 8 ? _("LATE") : q->clock;
	const char *cells[NCOL] = {q->case_id, q->head, q->village, workflow_state_label(q->f.state),
	                           since, clock, ""};
	attr_t a = selected ? draw_style(ST_CURSOR) : A_NORMAL;
	vcols_draw(y, c, NCOL, cells, a);
	int x = 0;
	for (int i = 0; i < COL_CHECKS; i++)
		x += c[i].cells > 0 ? c[i].cells + 1 : 0;
	draw_checks(y, x + 1, q->checks, a);
	if (q->late)
		draw_text(y, x - c[COL_CLOCK].cells, c[COL_CLOCK].cells, clock,
		          a | A_BOLD | draw_style(ST_ERROR), 0);
}

static void rv_header(struct ui *ui, struct view *v, int y)
{
	struct vcol c[NCOL];
	layout(v->priv, c);
	vcols_header(y, c, NCOL);
}

static int rv_text(struct view *v, long line, char *out, size_t n)
{
	const struct qrow *q = &((struct review *)v->priv)->r[line];
	snprintf(out, n, "%s %s %s %s %s %s %s %s", q->case_id, q->household, q->head, q->village,
	         workflow_state_label(q->f.state), q->since, q->clock, q->checks);
	return 0;
}

static void rv_title(struct ui *ui, struct view *v, char *out, size_t n)
{
	char who[128] = "";
	if (COLS >= 100)    /* who you are: on a wide screen only */
		snprintf(who, sizeof who, _(" for %s %s"), ui_role(ui), ui->me.scope);
	if (!access_may_write(&ui->me))
		snprintf(out, n, _("Review queue  %ld waiting%s  (read only)"), v->lines, who);
	else
		snprintf(out, n, _("Review queue  %ld waiting%s  %s approve  %s send back"), v->lines, who,
		         ui_key(ui, "review", ACT_APPROVE), ui_key(ui, "review", ACT_SEND_BACK));
}

/* The next forward step on a case in state f->state: the first one offered to u that
 * goes to a new state and needs no reason or department (township_pass, approve,
 * elim_township_pass, eliminate...); when none is u's, the state's forward step anyway,
 * so the store says why u may not take it. */
static const struct wf_transition *forward_step(const struct case_facts *f, const struct user *u)
{
	const struct wf_transition *t[32];
	int n = workflow_offered(f, u, t, 32);
	for (int pass = 0; pass < 2; pass++) {
		int count = pass ? workflow_transition_count() : n;
		for (int i = 0; i < count; i++) {
			const struct wf_transition *x = pass ? workflow_transition_at(i) : t[i];
			if (x->from && x->to >= 0 && !(x->flags & (WF_NEED_REASON | WF_NEED_DEPARTMENT)) &&
			    workflow_transition_target(x, f->state) != WF_NONE)
				return x;
		}
	}
	return NULL;
}

/* Before asking anything: is the case still where the queue saw it? Someone else may
 * have moved it meanwhile; then nothing is asked and the status says where it is now. */
static int still_waiting(struct ui *ui, const struct qrow *q)
{
	struct household h;
	struct case_facts f;
	struct household_facts hf;
	struct measure_fact mf[MAX_MEASURES];
	int ci = -1;
	int rc = store_case_find(ui->s, &ui->me, q->case_id, &h, &ci);
	if (rc)
		return ui_store_error(ui, rc);
	rc = store_case_facts(ui->s, &h, ci, store_today(ui->s), &f, &hf, mf, MAX_MEASURES);
	household_free(&h);
	if (rc)
		return ui_store_error(ui, rc);
	if (f.state != q->f.state) {
		ui_status(ui, 1, _("%s was moved meanwhile: it is now %s (%s), not %s; %s reads the "
		          "queue again"), q->case_id, workflow_state_label(f.state),
		          workflow_state_code(f.state), workflow_state_label(q->f.state),
		          ui_key(ui, "review", ACT_RELOAD));
		return -1;
	}
	return 0;
}

/* A or B on the selected case: ask, take the step, read the queue again. */
static int take_step(struct ui *ui, struct view *v, struct review *R, int approve)
{
	struct qrow q = R->r[v->pos];         /* a copy: the queue is read again below */
	const struct wf_transition *t = approve ? forward_step(&q.f, &ui->me)
	                                        : workflow_transition_find("send_back");
	if (!t) {
		ui_status(ui, 1, _("%s is %s: there is no step forward to take from the queue"), q.case_id,
		          workflow_state_label(q.f.state));
		return -1;
	}
	if (still_waiting(ui, &q))
		return -1;
	char method[64] = "", why[512] = "", label[400], result[512];
	if ((t->flags & WF_NEED_METHOD) &&
	    view_ask_code(ui, _("elimination method (Tab: 帮扶消除 自然消除): "), &codes_elim_method, 0,
	                  method, sizeof method) != PROMPT_OK)
		return REQ_DONE;
	snprintf(label, sizeof label, approve ? _("%s approve (%s %s), reason: ")
	                                      : _("%s send back (%s %s), reason: "), q.case_id,
	         t->name, t->label);
	if (view_ask_reason(ui, label, why, sizeof why) != PROMPT_OK)
		return REQ_DONE;
	struct move_input in = {.reason = why, .method = method[0] ? method : NULL};
	int rc = store_case_move(ui->s, &ui->me, q.case_id, t->name, &in, NULL, result, sizeof result);
	if (rc)
		return ui_store_error(ui, rc);
	ui_changed(ui);
	text_copy(R->moved, sizeof R->moved, q.case_id);
	v->generation = ui->generation;
	if (rv_open(ui, v) < 0)
		return -1;
	if (v->lines)
		ui_status(ui, 0, _("%s — next: %s %s"), result, R->r[v->pos].case_id, R->r[v->pos].head);
	else
		ui_status(ui, 0, _("%s — the queue is empty"), result);
	return REQ_DONE;
}

/* Row i of the queue, as `case queue --format` writes it. */
static int queue_row(void *ctx, struct sheet *sh, long i)
{
	const struct qrow *q = &((struct review *)ctx)->r[i];
	const char *v[] = {q->case_id, q->household, q->head, workflow_state_label(q->f.state),
	                   q->since, q->checks};
	return sheet_row(sh, v);
}

/* w: the queue as on screen, in the columns of `case queue --format`. */
static int write_queue(struct ui *ui, struct review *R)
{
	char what[128];
	snprintf(what, sizeof what, ngettext("the %ld case of the queue", "the %ld cases of the queue",
	                                     (unsigned long)R->n), R->n);
	return ui_write_rows(ui, what, EXPORT_QUEUE, R->n, queue_row, R);
}

static int rv_request(struct ui *ui, struct view *v, enum action a)
{
	struct review *R = v->priv;
	switch (a) {
	case ACT_APPROVE: return take_step(ui, v, R, 1);
	case ACT_SEND_BACK: return take_step(ui, v, R, 0);
	case ACT_WITHDRAW:
		if (!R->moved[0]) {
			ui_status(ui, 1, _("no case moved from this queue yet: %s withdraws the last one you "
			          "pass or send back here (or %s on its household)"), ui_key(ui, "review", ACT_WITHDRAW),
			          ui_key(ui, "household", ACT_WITHDRAW));
			return -1;
		}
		if (case_withdraw_form(ui, R->moved) != REQ_DONE || ui->quit)
			return -1;
		v->generation = ui->generation;
		return rv_open(ui, v) < 0 ? -1 : REQ_DONE;
	case ACT_WRITE: return write_queue(ui, R);
	case ACT_OPEN: return view_household_push(ui, R->r[v->pos].household, -1, 0);
	case ACT_HISTORY: return view_history_push(ui, R->r[v->pos].household);
	default: return REQ_PASS;
	}
}

static void rv_close(struct view *v)
{
	struct review *R = v->priv;
	free(R->r);
}

const struct view_ops view_review_ops = {
	.name = "review",
	.priv_size = sizeof(struct review),
	.open = rv_open,
	.draw = rv_draw,
	.request = rv_request,
	.title = rv_title,
	.header = rv_header,
	.text = rv_text,
	.close = rv_close,
};

int view_review_push(struct ui *ui)
{
	struct review R = {.s = ui->s};
	return ui_push(ui, &view_review_ops, &R);
}
