/* ui_render.c — drawing a frame: the title row, the top view's lines (all of them after
 * a scroll, a resize or Ctrl-L; only the old and new cursor lines after a cursor move),
 * the status row, then one doupdate(). No clear() per frame: curses sends only what
 * changed. */
#include "tui/ui_view.h"
#include "core/i18n.h"
#include <stdio.h>
#include <string.h>

int ui_body_y(struct ui *ui, struct view *v)
{
	return v->ops->header ? 2 : 1;
}

int ui_body_rows(struct ui *ui, struct view *v)
{
	int rows = LINES - 1 - ui_body_y(ui, v);
	return rows > 0 ? rows : 0;
}

void ui_repaint(struct ui *ui, int clear_terminal)
{
	if (clear_terminal)
		clearok(curscr, TRUE);
	erase();
	ui->full = 1;
	for (int i = 0; i < ui->depth; i++)
		ui->stack[i]->dirty = 1;
}

static void draw_title(struct ui *ui, struct view *v)
{
	char title[512] = "", line[600], who[400];
	v->ops->title(ui, v, title, sizeof title);
	snprintf(line, sizeof line, " bangfu  %s", title);
	/* who is working: in full, else login and name, else the login alone — whichever
	 * fits first (the view's title comes first; never half a name) */
	int ww = 0;
	for (int form = 0; form < 3 && !ww; form++) {
		int cut = (form == 0 ? snprintf(who, sizeof who, _(" %s %s (%s %s) "), ui->me.login,
		                                ui->me.name, ui_role(ui), ui->me.scope)
		           : form == 1 ? snprintf(who, sizeof who, " %s %s ", ui->me.login, ui->me.name)
		                       : snprintf(who, sizeof who, " %s ", ui->me.login)) >= (int)sizeof who;
		ww = cut ? 0 : draw_width(who);
		if (ww > COLS / 3 || draw_width(line) + ww + 1 > COLS)   /* two spaces between */
			ww = 0;
	}
	draw_text(0, 0, COLS - ww, line, draw_style(ST_TITLE), 0);
	if (ww)
		draw_text(0, COLS - ww, ww, who, draw_style(ST_TITLE), 0);
}


static void draw_status(struct ui *ui)
{
	char hint[256];
	const char *text = ui->status;
	if (!text[0]) {
		snprintf(hint, sizeof hint, _("%s help   %s back   %s quit"), ui_key(ui, NULL, ACT_HELP),
		         ui_key(ui, NULL, ACT_BACK), ui_key(ui, NULL, ACT_QUIT));
		text = hint;
	}
	draw_cell(LINES - 1, 0, COLS - 1, text,
	          draw_style(ui->status[0] ? (ui->status_error ? ST_ERROR : ST_STATUS) : ST_DIM), 0);
}

static void draw_line(struct ui *ui, struct view *v, long line, int y)
{
	if (line >= 0 && line < v->lines)
		v->ops->draw(ui, v, line, y, line == v->pos);
	else
		draw_blank(y, 0, COLS, A_NORMAL);
}

void ui_draw(struct ui *ui)
{
	struct view *v = ui_top(ui);
	if (!v)
		return;
	if (v->generation != ui->generation) {   /* data changed underneath: read again */
		v->generation = ui->generation;
		v->dirty = 1;
		if (v->ops->open(ui, v) < 0 && !ui->status[0])
			ui_status(ui, 1, _("cannot read this view again"));
	}
	view_settle(ui, v);
	int y0 = ui_body_y(ui, v), rows = ui_body_rows(ui, v);
	if (LINES < 3 || COLS < 20) {
		erase();
		mvaddstr(0, 0, _("bangfu: window too small"));
		return;
	}
	draw_title(ui, v);
	if (v->ops->header && (ui->full || v->dirty))
		v->ops->header(ui, v, 1);
	if (ui->full || v->dirty || v->top != v->drawn_top) {
		for (int y = 0; y < rows; y++)
			draw_line(ui, v, v->top + y, y0 + y);
	} else if (v->pos != v->drawn_pos) {
		if (v->drawn_pos >= v->top && v->drawn_pos < v->top + rows)
			draw_line(ui, v, v->drawn_pos, y0 + (int)(v->drawn_pos - v->top));
		draw_line(ui, v, v->pos, y0 + (int)(v->pos - v->top));
	}
	if (ui->full || ui->status_dirty)
		draw_status(ui);
	v->drawn_pos = v->pos;
	v->drawn_top = v->top;
	v->dirty = 0;
	ui->full = 0;
	ui->status_dirty = 0;
}

void ui_render(struct ui *ui)
{
	ui_draw(ui);
	wnoutrefresh(stdscr);
	doupdate();
}
