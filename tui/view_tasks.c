/* view_tasks.c — tasks / today: what `bangfu today` lists for the user (store_today_list),
 * overdue first, most urgent first: due date, how overdue, kind, title, household and
 * status. Enter opens the household when the item has one (an overdue project milestone:
 * the project); `S` starts the task and `D`
 * marks it done (store_task_change), each asking a reason. The household flags in the
 * user's scope follow, a row each (count, flag, first household). After a change the list is
 * read again with the cursor on the same line, so the next item is selected. Reading it
 * keeps the rule-derived tasks in step, as `bangfu today` does.
 * Only the first items are held (a province lists tens of thousands): the list is counted
 * whole and read again further (twice as far) when the cursor or a screen goes past them. */
#include "tui/view_util.h"
#include "core/i18n.h"
#include "core/grow.h"
#include "tui/prompt.h"
#include "tui/ui_write.h"
#include "tui/task_forms.h"
#include "core/codes.h"
#include "core/task.h"
#include "core/tasks_rules.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tasks_view {
	struct ui *ui;
	const char *today;
	const struct code_lists *lists;   /* task kinds shipped and added (task_kind.CODE) */
	struct today_item *it;    /* the first n of the total items */
	long n, cap, want, total;
	int oom;
	int urgency_cells;        /* the widest urgency text, so "overdue 1765d" is never cut */
	int kind_cells, status_cells;   /* the widest kind and status labels (capped) */
	int flag_rows;            /* the household flag rows at the end */
	struct today_item flag_it[TODAY_FLAG_COUNT];
	struct today_flag flags[TODAY_FLAG_COUNT];   /* theirs (w writes count and first ones) */
};

static void widths(struct tasks_view *T);

#define TASKS_FIRST 256       /* items read at first; then twice as many each time */

static int keep_item(void *ctx, const struct today_item *it)
{
	struct tasks_view *T = ctx;
	if (T->n >= T->want)
		return 1;             /* the rest is only counted */
	if (GROW(T->it, T->cap, T->n + 1, 32)) {
		T->oom = 1;
		return 1;
	}
	T->it[T->n++] = *it;
	return 0;
}

/* Read the first T->want items again (and how many there are); the status says what
 * the run kept in step. */
static int read_items(struct tasks_view *T)
{
	struct ui *ui = T->ui;
	struct today_summary sum = {0};
	T->n = 0;
	T->oom = 0;
	int rc = store_today_list(ui->s, &ui->me, T->want, keep_item, T, &sum);
	if (rc)
		return ui_store_error(ui, rc);
	/* ended before T->want: the items counted are those read (never read again in vain) */
	T->total = T->oom || T->n < T->want ? T->n : sum.listed;
	if (T->oom)
		ui_status(ui, 1, _("out of memory: the list is shown in part"));
	else if (sum.created || sum.resolved)
		ui_status(ui, 0, _("rule tasks: %d made, %d resolved"), sum.created, sum.resolved);
	widths(T);
	return 0;
}

/* Line `line`: an item (read further first if it is past those held), else a flag row. */
static const struct today_item *item_of(struct tasks_view *T, long line)
{
	if (line >= T->total)
		return &T->flag_it[line - T->total < T->flag_rows ? line - T->total : 0];
	if (line >= T->n) {
		T->want = T->want * 2 > line + TASKS_FIRST ? T->want * 2 : line + TASKS_FIRST;
		if (read_items(T) < 0 || line >= T->n) {
			static const struct today_item none;
			return &none;
		}
	}
	return &T->it[line];
}

/* An item's identity across reloads: its task, else its rule and case. */
static int same_item(const struct today_item *a, const struct today_item *b)
{
	if (a->task[0] || b->task[0])
		return strcmp(a->task, b->task) == 0;
	return strcmp(a->rule, b->rule) == 0 && strcmp(a->case_id, b->case_id) == 0 &&
	       strcmp(a->due, b->due) == 0;
}

/* The household flags in the user's scope (store_today_flags) after the tasks: one row
 * per flag, its count and text, on its first household (Enter opens it). */
static int add_flag_rows(struct ui *ui, struct tasks_view *T)
{
	struct today_flag *f = T->flags;
	int rc = store_today_flags(ui->s, &ui->me, f);
	for (int i = 0; !rc && i < TODAY_FLAG_COUNT; i++) {
		if (!f[i].count)
			continue;
		struct today_item *it = &T->flag_it[T->flag_rows++];
		memset(it, 0, sizeof *it);
		snprintf(it->rule, sizeof it->rule, "flag");
		snprintf(it->kind, sizeof it->kind, "%s", f[i].code);
		snprintf(it->household, sizeof it->household, "%s", f[i].first[0]);
		rules_flag_counted((enum rules_flag)f[i].flag, f[i].count, it->title, sizeof it->title);
	}
	return rc;
}


static int tasks_open(struct ui *ui, struct view *v)
{
	struct tasks_view *T = v->priv;
	struct today_item keep;
	int had = v->pos < v->lines && v->lines > 0;
	long old = v->pos;
	T->ui = ui;
	if (had)
		keep = *item_of(T, v->pos);
	T->flag_rows = 0;
	T->today = store_today(ui->s);
	T->lists = store_code_lists(ui->s);
	/* as far as the cursor was, at least a first read */
	T->want = had && old + TASKS_FIRST > TASKS_FIRST ? old + TASKS_FIRST : TASKS_FIRST;
	if (read_items(T) < 0)
		return -1;
	if (add_flag_rows(ui, T))
		return ui_store_error(ui, -1);
	v->lines = T->total + T->flag_rows;
	v->at_start = v->at_end = 1;
	widths(T);
	long found = -1;
	for (long i = 0; had && i < T->n && found < 0; i++)
		if (same_item(&T->it[i], &keep))
			found = i;
	for (int k = 0; had && k < T->flag_rows && found < 0; k++)
		if (same_item(&T->flag_it[k], &keep))
			found = T->total + k;
	view_keep_cursor(ui, v, found, old);
	v->dirty = 1;
	return 0;
}

static void layout(const struct tasks_view *T, struct vcol c[7])
{
	int wide = COLS >= 100;
	c[0] = (struct vcol){N_("due"), 10, 0};
	c[1] = (struct vcol){N_("urgency"), T->urgency_cells, 0};
	c[2] = (struct vcol){N_("kind"), T->kind_cells < (wide ? 24 : 12) ? T->kind_cells : wide ? 24 : 12, 0};
	c[3] = (struct vcol){N_("task"), 8, 0};
	c[4] = (struct vcol){N_("status"), T->status_cells, 0};
	c[5] = (struct vcol){N_("household"), wide ? 15 : 0, 0};
	c[6] = (struct vcol){N_("title"), 0, 0};
}

/* The cells of an item (kind and status as their labels, a rule item's rule as its label). */
static void cells_of(const struct tasks_view *T, const struct today_item *it, char urgency[32],
                     const char *cells[7])
{
	const char *kind = codes_shown(code_lists_label(T->lists, &codes_task_kind, it->kind));
	const char *rule = tasks_rules_shown(it->rule);
	const char *status = codes_shown(code_lists_label(T->lists, &codes_task_status, it->status));
	task_urgency(it->due, T->today, urgency, 32);
	cells[0] = it->due[0] ? it->due : "-";
	cells[1] = urgency;
	cells[2] = !strcmp(it->rule, "flag") ? _("flag") : rule ? rule : it->rule[0] ? it->rule
	         : kind ? kind : it->kind;
	cells[3] = it->task[0] ? it->task : "-";
	cells[4] = !it->status[0] ? "-" : status ? status : it->status;
	cells[5] = it->household[0] ? it->household : "-";
	cells[6] = it->title;
}

/* The columns' widths from the items: the widest urgency (never cut), kind and status
 * (at least their headers'; layout caps the kind). */
static void widths(struct tasks_view *T)
{
	T->urgency_cells = 11;
	T->kind_cells = text_width(_("kind")) > 8 ? text_width(_("kind")) : 8;
	T->status_cells = text_width(_("status")) > 6 ? text_width(_("status")) : 6;
	for (long i = 0; i < T->n + T->flag_rows; i++) {   /* the items held, the flag rows */
		const char *cells[7];
		char u[32];
		cells_of(T, i < T->n ? &T->it[i] : &T->flag_it[i - T->n], u, cells);
		if (text_width(u) > T->urgency_cells)
			T->urgency_cells = text_width(u);
		if (text_width(cells[2]) > T->kind_cells)
			T->kind_cells = text_width(cells[2]);
		if (text_width(cells[4]) > T->status_cells)
			T->status_cells = text_width(cells[4]) < 11 ? text_width(cells[4]) : 11;
	}
}

static void tasks_draw(struct ui *ui, struct view *v, long line, int y, int selected)
{
	struct tasks_view *T = v->priv;
	struct vcol c[7];
	const char *cells[7];
	char urgency[32];
	layout(T, c);
	cells_of(T, item_of(T, line), urgency, cells);
	vcols_draw(y, c, 7, cells, selected ? draw_style(ST_CURSOR) : A_NORMAL);
}

static void tasks_header(struct ui *ui, struct view *v, int y)
{
	struct vcol c[7];
	layout(v->priv, c);
	vcols_header(y, c, 7);
}

static int tasks_text(struct view *v, long line, char *out, size_t n)
{
	struct tasks_view *T = v->priv;
	const char *cells[7];
	char urgency[32];
	cells_of(T, item_of(T, line), urgency, cells);
	snprintf(out, n, "%s %s %s %s %s %s %s", cells[0], cells[1], cells[2], cells[3], cells[4],
	         cells[5], cells[6]);
	return 0;
}

static void tasks_title(struct ui *ui, struct view *v, char *out, size_t n)
{
	struct tasks_view *T = v->priv;
	/* two whole sentences, not a fragment glued into one */
	const char *fmt = T->flag_rows ? _("Today %s  %ld due or overdue, household flags last  %s start  %s done")
	                               : _("Today %s  %ld due or overdue  %s start  %s done");
	snprintf(out, n, fmt, T->today ? T->today : "", v->lines - T->flag_rows,
	         ui_key(ui, "tasks", ACT_TASK_START), ui_key(ui, "tasks", ACT_TASK_DONE));
}

/* The task read again and checked for the change before anything is asked (a rule
 * task is not marked done, a caseworker changes only her own): 0 and its version, or
 * -1 with the refusal on the status line. */
static int may_change(struct ui *ui, const char *id, const char *action, long *version)
{
	struct task t = {0};
	char err[512];
	if (store_task_get(ui->s, &ui->me, id, &t))
		return ui_store_error(ui, -1);
	int rc = task_may_change(&ui->me, &t, action, err, sizeof err);
	*version = t.version;
	task_free(&t);
	if (rc)
		ui_status(ui, 1, "%s", err);
	return rc ? -1 : 0;
}

/* S or D: check, ask the reason, change the task, read the list again. */
static int change(struct ui *ui, struct view *v, struct tasks_view *T, const char *action)
{
	struct today_item it = *item_of(T, v->pos);   /* a copy: the list is read again below */
	char why[512] = "", label[400];
	long version = 0;
	int done = strcmp(action, "done") == 0;
	if (!it.task[0]) {
		ui_status(ui, 1, done ? _("this item is not kept as a task: nothing to mark done")
		                      : _("this item is not kept as a task: nothing to start"));
		return -1;
	}
	if (may_change(ui, it.task, action, &version))
		return -1;
	snprintf(label, sizeof label, done ? _("done %s, reason: ") : _("start %s, reason: "), it.task);
	if (view_ask_reason(ui, label, why, sizeof why) != PROMPT_OK)
		return REQ_DONE;
	int rc = store_task_change(ui->s, &ui->me, it.task, action, why, version);
	if (rc)
		return ui_store_error(ui, rc);
	ui_changed(ui);
	v->generation = ui->generation;
	if (tasks_open(ui, v) < 0)
		return -1;
	ui_status(ui, 0, done ? _("task %s: done (%s)") : _("task %s: started (%s)"), it.task, why);
	return REQ_DONE;
}

/* Item i: a flag in the flag sheet's columns, else a today row. */
static int item_row(void *ctx, struct sheet *sh, long i)
{
	struct tasks_view *T = ctx;
	const struct today_item *it = item_of(T, i);
	const struct today_flag *f = NULL;
	for (int k = 0; k < TODAY_FLAG_COUNT && strcmp(it->rule, "flag") == 0; k++)
		if (T->flags[k].code && strcmp(T->flags[k].code, it->kind) == 0)
			f = &T->flags[k];
	return f ? export_today_flag_row(sh, f) : export_today_row(sh, it);
}

/* w: the items as on screen, in the columns of `today --format` (all of them read). */
static int write_items(struct ui *ui, struct tasks_view *T)
{
	char what[128];
	long n = T->total + T->flag_rows;
	snprintf(what, sizeof what, ngettext("the %ld item", "the %ld items", (unsigned long)n), n);
	return ui_write_rows(ui, what, EXPORT_TODAY, n, item_row, T);
}

static int tasks_request(struct ui *ui, struct view *v, enum action a)
{
	struct tasks_view *T = v->priv;
	const struct today_item *it = v->lines ? item_of(T, v->pos) : NULL;
	switch (a) {
	case ACT_TASK_START: return change(ui, v, T, "start");
	case ACT_TASK_DONE: return change(ui, v, T, "done");
	case ACT_WRITE: return write_items(ui, T);
	case ACT_TASK_ASSIGN:
	case ACT_TASK_DUE:
		if (!it->task[0]) {
			ui_status(ui, 1, _("this item is not kept as a task: nothing to change"));
			return -1;
		}
		return task_correct_form(ui, it->task, a == ACT_TASK_DUE ? "due" : "assign");
	case ACT_OPEN:
	case ACT_HISTORY:
		if (a == ACT_OPEN && it->project[0])   /* an overdue milestone: its project */
			return view_project_show(ui, it->project);
		if (!it->household[0]) {
			ui_status(ui, 0, _("%s concerns no household"), it->task[0] ? it->task : _("this item"));
			return REQ_DONE;
		}
		return a == ACT_OPEN ? view_household_push(ui, it->household, -1, 0)
		                     : view_history_push(ui, it->household);
	default: return REQ_PASS;
	}
}

static void tasks_close(struct view *v)
{
	struct tasks_view *T = v->priv;
	free(T->it);
}

const struct view_ops view_tasks_ops = {
	.name = "tasks",
	.priv_size = sizeof(struct tasks_view),
	.open = tasks_open,
	.draw = tasks_draw,
	.request = tasks_request,
	.title = tasks_title,
	.header = tasks_header,
	.text = tasks_text,
	.close = tasks_close,
};

int view_tasks_push(struct ui *ui)
{
	return ui_push(ui, &view_tasks_ops, NULL);
}
