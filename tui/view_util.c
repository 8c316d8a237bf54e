/* view_util.c — columns, the reason prompt and cursor keeping for the work views
 * (view_util.h). Text reaches the screen only through draw.c. */
#include "tui/view_util.h"
#include "core/i18n.h"
#include "tui/prompt.h"
#include "core/text.h"
#include <stdio.h>
#include <string.h>

static void columns(int y, const struct vcol *c, int n, const char *const *cells, attr_t a, int head)
{
	int x = 0;
	draw_blank(y, 0, COLS, a);
	for (int i = 0; i < n && x + 1 < COLS; i++) {
		if (i < n - 1 && c[i].cells <= 0)      /* left out at this width */
			continue;
		int w = i == n - 1 ? COLS - x - 1 : c[i].cells;
		if (w > COLS - x - 1)
			w = COLS - x - 1;
		if (head)
			draw_text(y, x + 1, w, _(c[i].title), a, c[i].right);   /* N_() marked */
		else
			draw_cell(y, x + 1, w, cells[i], a, c[i].right);   /* a cut value ends in > */
		x += w + 1;
	}
}

void vcols_draw(int y, const struct vcol *c, int n, const char *const *cells, attr_t a)
{
	columns(y, c, n, cells, a, 0);
}

void vcols_header(int y, const struct vcol *c, int n)
{
	columns(y, c, n, NULL, draw_style(ST_HEADER), 1);
}

static int stopped(struct ui *ui, int rc);

int view_ask_reason(struct ui *ui, const char *label, char *buf, size_t n)
{
	int rc = prompt_reason(ui, label, buf, n);
	return rc == PROMPT_OK ? rc : stopped(ui, rc);
}

/* The prompt's end: PROMPT_CANCEL says nothing changed (PROMPT_END has set ui->quit). */
static int stopped(struct ui *ui, int rc)
{
	if (rc == PROMPT_CANCEL)
		ui_status(ui, 0, _("cancelled: nothing was changed"));
	return rc;
}

/* The labels of table t as Tab's choices (NULL-terminated; CODE_LISTS_MAX + 1 slots). */
static void label_choices(const struct code_table *t, const char **choices)
{
	int k = 0;
	for (int i = 0; i < t->count && k < CODE_LISTS_MAX; i++)
		choices[k++] = t->items[i].label;
	choices[k] = NULL;
}

int view_ask_code(struct ui *ui, const char *label, const struct code_table *shipped,
                  int optional, char *buf, size_t n)
{
	const struct code_table *t = code_lists_table(store_code_lists(ui->s), shipped);
	const char *choices[CODE_LISTS_MAX + 1];
	label_choices(t, choices);
	const struct code *given = buf[0] ? codes_find(t, buf) : NULL;
	if (given)                      /* a draft's answer is offered as its label */
		snprintf(buf, n, "%s", given->label);
	for (;;) {
		int rc = prompt_line(ui, label, buf, n, choices);
		if (rc != PROMPT_OK)
			return stopped(ui, rc);
		text_trim(buf);
		if (!buf[0] && optional)
			return PROMPT_OK;
		const struct code *c = codes_find(t, buf);
		if (c) {
			snprintf(buf, n, "%s", c->code);
			return PROMPT_OK;
		}
		ui_status(ui, 1, _("not a %s: Tab offers them"), t->name);
	}
}

int view_ask_codes(struct ui *ui, const char *label, const struct code_table *shipped,
                   char *buf, size_t n)
{
	const struct code_table *t = code_lists_table(store_code_lists(ui->s), shipped);
	const char *choices[CODE_LISTS_MAX + 1];
	char codes[1024], err[300];
	label_choices(t, choices);
	if (buf[0] && codes_labels_multi(t, buf, codes, sizeof codes) >= 0)
		snprintf(buf, n, "%s", codes);  /* a draft's codes are offered as labels */
	for (;;) {
		int rc = prompt_line(ui, label, buf, n, choices);
		if (rc != PROMPT_OK)
			return stopped(ui, rc);
		int count = codes_parse_multi(t, buf, 5, codes, sizeof codes, err, sizeof err);
		if (count < 0)
			ui_status(ui, 1, _("%s: Tab offers them"), err);
		else if (count == 0)
			ui_status(ui, 1, _("this one is required"));
		else {
			snprintf(buf, n, "%s", codes);
			return PROMPT_OK;
		}
	}
}

int view_ask_text(struct ui *ui, const char *label, int optional, char *buf, size_t n)
{
	for (;;) {
		int rc = prompt_line(ui, label, buf, n, NULL);
		if (rc != PROMPT_OK)
			return stopped(ui, rc);
		text_trim(buf);
		if (buf[0] || optional)
			return PROMPT_OK;
		ui_status(ui, 1, _("this one is required"));
	}
}

void view_keep_cursor(struct ui *ui, struct view *v, long found, long old_pos)
{
	if (found >= 0) {
		view_select(ui, v, found);
		return;
	}
	v->pos = old_pos < v->lines ? old_pos : v->lines - 1;
	if (v->pos < 0)
		v->pos = 0;
	view_settle(ui, v);
}
