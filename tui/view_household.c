/* view_household.c — one household: its register fields, each member's fields (ID and
 * phone numbers masked, as the store hands them out, until R reveals them with a
 * recorded reason: core/mask.h, store_household_reveal), and its monitoring cases. One line a
 * field, so `E` edits the field under the cursor through the form (tui/form.h) with the
 * version this view read: a save someone else made in between is refused, not lost.
 * Below them: each case's steps, the measures, visits, department warnings and open tasks; V, M and
 * C record a visit, a measure or the case's next step (tui/household_actions.c). */
#include "tui/ui_view.h"
#include "core/codes.h"
#include "core/i18n.h"
#include "core/grow.h"
#include "tui/form.h"
#include "tui/household_actions.h"
#include "tui/income_form.h"
#include "tui/prompt.h"
#include "core/mask.h"
#include "core/workflow.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum hkind { HL_SECTION, HL_FIELD, HL_MEMBER, HL_MFIELD, HL_CASE, HL_CFIELD, HL_SUBHEAD, HL_SUB,
             HL_TASKHEAD, HL_TASK };

/* An open task of the household, as the tasks section shows it. */
struct htask { char id[16], due[16], status[16], title[256]; };

/* kase: the case index; for HL_SUBHEAD / HL_SUB, field is the sub-record kind and
 * member the record's index. */
struct hline { enum hkind kind; int field, member, kase; };

static const char *const subrec_titles[SUB_COUNT] = {
	[SUB_STEP] = N_("Steps 办理环节"), [SUB_MEASURE] = N_("Measures 帮扶措施"),
	[SUB_VISIT] = N_("Visits 走访"), [SUB_WARNING] = N_("Department warnings 部门预警"),
	[SUB_INCOME] = N_("Income assessments 收入核算"),
};

struct hview {
	char key[32];             /* what the view was opened with (the bangfu id) */
	struct household h;
	int loaded, masked;
	struct hline *lines;
	long n, cap;
	int want_field, want_member;   /* where the cursor goes on the first load */
	struct htask *tasks;
	int ntasks, captasks;
	const struct code_lists *lists;   /* the code tables in effect, read at each load */
};

#define LABEL_CELLS 16

static int add(struct hview *H, enum hkind kind, int field, int member, int kase)
{
	if (GROW(H->lines, H->cap, H->n + 1, 64))
		return -1;
	H->lines[H->n++] = (struct hline){kind, field, member, kase};
	return 0;
}

/* One line per field that has a value (household and member fields also when empty:
 * they can be filled in). */
static int build(struct hview *H)
{
	const struct household *h = &H->h;
	int rc = 0;
	H->n = 0;
	rc |= add(H, HL_SECTION, -1, 0, -1);
	for (int f = HF_FIRST; f < HF_FIRST + HF_COUNT; f++)
		rc |= add(H, HL_FIELD, f, 0, -1);
	for (int m = 0; m < h->nmembers; m++) {
		rc |= add(H, HL_MEMBER, -1, m + 1, -1);
		for (int f = MF_FIRST; f < MF_FIRST + MF_COUNT; f++)
			rc |= add(H, HL_MFIELD, f, m + 1, -1);
	}
	for (int c = 0; c < h->ncases; c++) {
		rc |= add(H, HL_CASE, -1, 0, c);
		for (int f = CF_FIRST; f < CF_FIRST + CF_COUNT; f++)
			if (case_get(&h->cases[c], (enum field_id)f)[0])
				rc |= add(H, HL_CFIELD, f, 0, c);
		for (int i = 0; i < h->nsub[SUB_STEP]; i++)
			if (strcmp(subrec_get(&h->sub[SUB_STEP][i], SUB_STEP, "case_id"), h->cases[c].id) == 0)
				rc |= add(H, HL_SUB, SUB_STEP, i, c);
	}
	for (int k = SUB_MEASURE; k < SUB_COUNT; k++) {
		if (!h->nsub[k])
			continue;
		rc |= add(H, HL_SUBHEAD, k, 0, -1);
		for (int i = 0; i < h->nsub[k]; i++)
			rc |= add(H, HL_SUB, k, i, -1);
	}
	if (H->ntasks)
		rc |= add(H, HL_TASKHEAD, -1, 0, -1);
	for (int i = 0; i < H->ntasks; i++)
		rc |= add(H, HL_TASK, -1, i, -1);
	return rc ? -1 : 0;
}

static int keep_task(void *ctx, const struct task *t)
{
	struct hview *H = ctx;
	if (H->ntasks == H->captasks) {
		int cap = H->captasks ? H->captasks * 2 : 8;
		struct htask *grown = realloc(H->tasks, (size_t)cap * sizeof *grown);
		if (!grown)
			return -1;
		H->tasks = grown;
		H->captasks = cap;
	}
	struct htask *x = &H->tasks[H->ntasks++];
	snprintf(x->id, sizeof x->id, "%s", t->id);
	snprintf(x->due, sizeof x->due, "%s", t->due[0] ? t->due : "-");
	snprintf(x->status, sizeof x->status, "%s", t->status);
	snprintf(x->title, sizeof x->title, "%s", t->title);
	return 0;
}

/* The household's open tasks (those still to do), soonest due first. */
static int load_tasks(struct ui *ui, struct hview *H)
{
	struct task_filter f = {.household = H->h.id};
	H->ntasks = 0;
	return store_task_list(ui->s, &ui->me, &f, keep_task, H);
}

static const char *raw_value(const struct hview *H, const struct hline *l)
{
	const struct household *h = &H->h;
	switch (l->kind) {
	case HL_FIELD: return household_get(h, (enum field_id)l->field);
	case HL_MFIELD: return member_get(&h->members[l->member - 1], (enum field_id)l->field);
	case HL_CFIELD: return case_get(&h->cases[l->kase], (enum field_id)l->field);
	default: return "";
	}
}

/* The value as shown: code labels (ID numbers and phones come masked from the store). */
static void shown_value(const struct hview *H, const struct hline *l, char *out, size_t n)
{
	model_value_onscreen(H->lists, (enum field_id)l->field, raw_value(H, l), out, (int)n);
}

/* One sub-record: its id (or a step's date) as the label, its other columns as the value,
 * with the code columns shown by their labels. */
static void subrec_line(const struct code_lists *lists, const struct household *h,
                        enum subrec_kind k, int i, char *label, size_t ln, char *value, size_t vn)
{
	const struct subrec *r = &h->sub[k][i];
	value[0] = '\0';
	if (k == SUB_STEP) {
		enum wf_state to;
		const char *st = subrec_get(r, k, "to_state");
		snprintf(label, ln, "  %s", subrec_get(r, k, "happened"));
		snprintf(value, vn, _("%s → %s  by %s: %s"), subrec_get(r, k, "step"),
		         workflow_state_parse(st, &to) == 0 ? codes_shown(workflow_state_label(to)) : st,
		         subrec_get(r, k, "login"), subrec_get(r, k, "reason"));
		return;
	}
	snprintf(label, ln, "  %s", r->v[0] ? r->v[0] : "");
	subrec_show(lists, k, r, value, vn);
}

static void line_text(const struct hview *H, const struct hline *l, char *label, size_t ln,
                      char *value, size_t vn)
{
	const struct household *h = &H->h;
	label[0] = value[0] = '\0';
	switch (l->kind) {
	case HL_SECTION:
		snprintf(label, ln, _("Household %s  (version %ld%s)"), h->id, h->version,
		         h->synthetic ? _(", synthetic demo data") : "");
		break;
	case HL_MEMBER: {
		const struct member *m = &h->members[l->member - 1];
		char rel[64];
		model_value_onscreen(H->lists, MF_RELATION, member_get(m, MF_RELATION), rel, sizeof rel);
		snprintf(label, ln, _("Member %d: %s  %s"), l->member, member_get(m, MF_NAME), rel);
		break;
	}
	case HL_CASE: {
		const struct hcase *c = &h->cases[l->kase];
		enum wf_state st;
		const char *state = c->state ? c->state : "";
		snprintf(label, ln, _("Case %s  %s (%s)"), c->id,
		         workflow_state_parse(state, &st) == 0 ? codes_shown(workflow_state_label(st)) : state, state);
		break;
	}
	case HL_SUBHEAD:
		snprintf(label, ln, "%s", _(subrec_titles[l->field]));
		break;
	case HL_TASKHEAD:
		snprintf(label, ln, _("Tasks 任务 (still to do)"));
		break;
	case HL_TASK: {
		const struct htask *t = &H->tasks[l->member];
		snprintf(label, ln, "  %s", t->id);
		snprintf(value, vn, _("due %s  %s  %s"), t->due, t->status, t->title);
		break;
	}
	case HL_SUB:
		subrec_line(H->lists, h, (enum subrec_kind)l->field, l->member, label, ln, value, vn);
		break;
	default:
		snprintf(label, ln, "%s%s", l->kind == HL_FIELD ? "" : "  ", model_fields[l->field].zh);
		shown_value(H, l, value, vn);
	}
}

static void hh_draw(struct ui *ui, struct view *v, long line, int y, int selected)
{
	struct hview *H = v->priv;
	const struct hline *l = &H->lines[line];
	char label[256], value[2048];
	attr_t base = selected ? draw_style(ST_CURSOR) : A_NORMAL;
	line_text(H, l, label, sizeof label, value, sizeof value);
	if (l->kind == HL_SECTION || l->kind == HL_MEMBER || l->kind == HL_CASE ||
	    l->kind == HL_SUBHEAD || l->kind == HL_TASKHEAD) {
		draw_text(y, 0, COLS, label, base | draw_style(ST_SECTION), 0);
		return;
	}
	draw_blank(y, 0, 1, base);
	draw_text(y, 1, LABEL_CELLS + 2, label,
	          base | (l->kind == HL_CFIELD || l->kind == HL_SUB || l->kind == HL_TASK
	                  ? draw_style(ST_DIM) : 0), 0);
	draw_text(y, LABEL_CELLS + 3, COLS - LABEL_CELLS - 3, value, base, 0);
}

static int hh_text(struct view *v, long line, char *out, size_t n)
{
	struct hview *H = v->priv;
	char label[256], value[2048];
	line_text(H, &H->lines[line], label, sizeof label, value, sizeof value);
	snprintf(out, n, "%s %s", label, value);
	return 0;
}

static long find_line(const struct hview *H, int field, int member)
{
	for (long i = 0; i < H->n; i++)
		if (H->lines[i].field == field && H->lines[i].member == member &&
		    (H->lines[i].kind == HL_FIELD || H->lines[i].kind == HL_MFIELD))
			return i;
	return -1;
}

static int hh_open(struct ui *ui, struct view *v)
{
	struct hview *H = v->priv;
	struct hline keep = {HL_SECTION, H->want_field, H->want_member, -1};
	if (H->loaded && v->pos < H->n)
		keep = H->lines[v->pos];
	struct household fresh;
	int rc = store_household_find(ui->s, &ui->me, H->key, &fresh);
	if (rc)
		return ui_store_error(ui, rc);
	if (H->loaded)
		household_free(&H->h);
	H->h = fresh;
	H->loaded = 1;
	H->masked = 1;   /* store_household_find masks; only R reveals */
	H->lists = store_code_lists(ui->s);
	if ((rc = load_tasks(ui, H)))
		return ui_store_error(ui, rc);
	if (build(H)) {
		ui_status(ui, 1, _("out of memory"));
		return -1;
	}
	v->lines = H->n;
	v->at_start = v->at_end = 1;
	long at = keep.field >= 0 ? find_line(H, keep.field, keep.member) : -1;
	if (at >= 0)
		view_select(ui, v, at);
	v->dirty = 1;
	return 0;
}

static void hh_title(struct ui *ui, struct view *v, char *out, size_t n)
{
	struct hview *H = v->priv;
	const struct household *h = &H->h;
	const char *head = "";
	for (int m = 0; m < h->nmembers; m++)
		if (strcmp(member_get(&h->members[m], MF_RELATION), "head") == 0)
			head = member_get(&h->members[m], MF_NAME);
	snprintf(out, n, _("Household %s  %s  [ID/phone %s]  %s%s"), h->id, head,
	         H->masked ? _("masked") : _("revealed"),
	         household_get(h, HF_TOWN), household_get(h, HF_VILLAGE));
}

/* E: edit the field under the cursor. */
static int edit_here(struct ui *ui, struct view *v, struct hview *H)
{
	const struct hline *l = &H->lines[v->pos];
	if (l->kind != HL_FIELD && l->kind != HL_MFIELD) {
		ui_status(ui, 1, l->kind == HL_CFIELD || l->kind == HL_CASE
		          ? _("a case changes through the case procedure (the casework verbs), not E")
		          : _("move the cursor to a field to change it"));
		return -1;
	}
	struct edit e;
	memset(&e, 0, sizeof e);
	snprintf(e.household, sizeof e.household, "%s", H->h.id);
	e.member = l->kind == HL_MFIELD ? l->member : 0;
	e.field = l->field;
	e.version = H->h.version;
	if (!(H->masked && mask_is_masked(raw_value(H, l))))   /* never prefill a masked value */
		model_value_display(H->lists, (enum field_id)l->field, raw_value(H, l), e.value, sizeof e.value);
	form_edit(ui, &e);
	return REQ_DONE;
}

/* R: the full ID numbers and phones, after a reason (a role that may not reveal is
 * refused first); the store records who looked. They stay on screen until the view
 * reads the household again. */
static int reveal(struct ui *ui, struct view *v, struct hview *H)
{
	char why[512] = "";
	struct household full;
	if (store_may_reveal(ui->s, &ui->me))
		return ui_store_error(ui, -1);
	if (prompt_reason(ui, _("reason to see the full ID numbers and phones (recorded): "), why,
	                  sizeof why) != PROMPT_OK)
		return REQ_DONE;
	int rc = store_household_reveal(ui->s, &ui->me, H->h.id, why, &full);
	if (rc)
		return ui_store_error(ui, rc);
	household_free(&H->h);
	H->h = full;
	H->masked = 0;
	if (build(H)) {
		ui_status(ui, 1, _("out of memory"));
		return -1;
	}
	v->lines = H->n;
	v->dirty = 1;
	ui_status(ui, 0, _("revealed: this look is recorded in the audit history"));
	return REQ_DONE;
}

static int hh_request(struct ui *ui, struct view *v, enum action a)
{
	struct hview *H = v->priv;
	switch (a) {
	case ACT_EDIT: return edit_here(ui, v, H);
	case ACT_ADD_VISIT: return household_add_visit(ui, H->h.id, NULL);
	case ACT_ADD_MEASURE: return household_add_measure(ui, &H->h, NULL);
	case ACT_ADD_TASK: return household_add_task(ui, H->h.id);
	case ACT_MOVE_CASE: return household_move_case(ui, &H->h);
	case ACT_WITHDRAW:
		if (!H->h.ncases) {
			ui_status(ui, 1, _("household %s has no case: nothing to withdraw"), H->h.id);
			return -1;
		}
		return case_withdraw_form(ui, H->h.cases[H->h.ncases - 1].id);
	case ACT_HISTORY: return view_history_push(ui, H->h.id);
	case ACT_REVEAL: return reveal(ui, v, H);
	case ACT_CORRECT: return household_correct(ui, &H->h);
	case ACT_AS_OF: return household_as_of(ui, H->h.id);
	case ACT_ADD_INCOME: return income_form(ui, &H->h, NULL);
	case ACT_COUNTY: return view_county_push(ui, household_get(&H->h, HF_COUNTY));
	case ACT_OPEN:
		ui_status(ui, 0, _("%s changes the field under the cursor, %s visit, %s measure, %s income, "
		          "%s task, %s case step, %s withdraw, %s history"), ui_key(ui, "household", ACT_EDIT),
		          ui_key(ui, "household", ACT_ADD_VISIT), ui_key(ui, "household", ACT_ADD_MEASURE),
		          ui_key(ui, "household", ACT_ADD_INCOME),
		          ui_key(ui, "household", ACT_ADD_TASK), ui_key(ui, "household", ACT_MOVE_CASE),
		          ui_key(ui, "household", ACT_WITHDRAW), ui_key(ui, "household", ACT_HISTORY));
		return REQ_DONE;
	default: return REQ_PASS;
	}
}

static void hh_close(struct view *v)
{
	struct hview *H = v->priv;
	if (H->loaded)
		household_free(&H->h);
	free(H->lines);
	free(H->tasks);
}

const struct view_ops view_household_ops = {
	.name = "household",
	.priv_size = sizeof(struct hview),
	.open = hh_open,
	.draw = hh_draw,
	.request = hh_request,
	.title = hh_title,
	.text = hh_text,
	.close = hh_close,
};

int view_household_push(struct ui *ui, const char *household, int field, int member)
{
	struct hview H = {.want_field = field, .want_member = member};
	snprintf(H.key, sizeof H.key, "%s", household);
	return ui_push(ui, &view_household_ops, &H);
}

int view_household_resume(struct ui *ui, const struct draft *d)
{
	int edit = strcmp(d->form, DRAFT_EDIT) == 0;
	if (view_household_push(ui, d->e.household, edit ? d->e.field : -1, edit ? d->e.member : 0) < 0)
		return -1;
	struct view *v = ui_top(ui);
	struct hview *H = v->priv;
	ui_render(ui);
	if (strcmp(d->form, "visit") == 0)
		return household_add_visit(ui, H->h.id, d);
	if (strcmp(d->form, "measure") == 0)
		return household_add_measure(ui, &H->h, d);
	if (strcmp(d->form, "income") == 0)
		return income_form(ui, &H->h, d);
	if (strcmp(d->form, "case-open") == 0)
		return household_open_case(ui, &H->h, d);
	if (!edit) {
		ui_status(ui, 1, _("a draft of an unknown form \"%s\": discard it (%s)"), d->form,
		          ui_key(ui, "drafts", ACT_DISCARD));
		return -1;
	}
	struct edit e = d->e;
	e.version = H->h.version;     /* the data on screen is what the edit now applies to */
	form_edit(ui, &e);
	return REQ_DONE;
}
