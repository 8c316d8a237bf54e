/* view_util.c — columns, the reason prompt and cursor keeping for the work views
 * (view_util.h). Text reaches the screen only through draw.c. */
#include "tui/view_util.h"
#include "tui/prompt.h"
#include "core/text.h"

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
		draw_text(y, x + 1, w, head ? c[i].title : cells[i], a, c[i].right);
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

int view_ask_reason(struct ui *ui, const char *label, char *buf, size_t n)
{
	int rc = prompt_reason(ui, label, buf, n);
	if (rc == PROMPT_END)
		ui->quit = 1;
	else if (rc != PROMPT_OK)
		ui_status(ui, 0, "cancelled: nothing was changed");
	return rc;
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
