/* ui_move.c — generic movement over a view's lines: the cursor, paging, first/last and
 * keeping the screen filled, asking windowed views (ops->fetch) for more lines at either
 * end; and the generic text search for views whose lines are all in memory. */
#include "tui/ui_view.h"
#include "core/i18n.h"
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

static int fetch(struct ui *ui, struct view *v, enum fetch_dir d)
{
	if (!v->ops->fetch)
		return 0;
	int n = v->ops->fetch(ui, v, d);
	v->dirty = 1;             /* line numbers may have shifted */
	return n;
}

/* Top within range and the cursor on screen. */
static void keep_visible(struct ui *ui, struct view *v)
{
	long rows = ui_body_rows(ui, v);
	if (rows < 1)
		rows = 1;
	if (v->lines == 0) {
		v->pos = v->top = 0;
		return;
	}
	if (v->pos >= v->lines)
		v->pos = v->lines - 1;
	if (v->pos < 0)
		v->pos = 0;
	if (v->top > v->lines - rows)
		v->top = v->lines - rows;
	if (v->top < 0)
		v->top = 0;
	if (v->pos < v->top)
		v->top = v->pos;
	if (v->pos >= v->top + rows)
		v->top = v->pos - rows + 1;
	/* the contract every view's draw and actions rely on: the cursor is on a line, shown */
	assert(v->pos >= 0 && v->pos < v->lines && v->top <= v->pos && v->pos < v->top + rows);
}

int view_settle(struct ui *ui, struct view *v)
{
	long rows = ui_body_rows(ui, v);
	while (v->top + rows > v->lines && v->ops->fetch && !v->at_end)
		if (fetch(ui, v, FETCH_DOWN) <= 0)
			break;
	keep_visible(ui, v);
	return REQ_DONE;
}

int view_move(struct ui *ui, struct view *v, long delta)
{
	long want = v->pos + delta;
	while (want >= v->lines && v->ops->fetch && !v->at_end) {
		long before = v->pos;
		if (fetch(ui, v, FETCH_DOWN) <= 0)
			break;
		want -= before - v->pos;          /* lines dropped at the top */
	}
	while (want < 0 && v->ops->fetch && !v->at_start) {
		long before = v->pos;
		if (fetch(ui, v, FETCH_UP) <= 0)
			break;
		want += v->pos - before;          /* lines added at the top */
	}
	v->pos = want;
	keep_visible(ui, v);
	return REQ_DONE;
}

int view_page(struct ui *ui, struct view *v, int down)
{
	long rows = ui_body_rows(ui, v);
	long row = v->pos - v->top;          /* the cursor keeps its screen row */
	view_move(ui, v, down ? rows : -rows);
	v->top = v->pos - row;
	return view_settle(ui, v);
}

int view_first(struct ui *ui, struct view *v)
{
	if (v->ops->fetch && !v->at_start && fetch(ui, v, FETCH_START) < 0)
		return -1;
	v->pos = v->top = 0;
	return view_settle(ui, v);
}

int view_last(struct ui *ui, struct view *v)
{
	if (v->ops->fetch && !v->at_end && fetch(ui, v, FETCH_END) < 0)
		return -1;
	v->pos = v->lines - 1;
	v->top = v->lines;
	return view_settle(ui, v);
}

void view_select(struct ui *ui, struct view *v, long line)
{
	long row = v->pos - v->top;
	v->pos = line;
	v->top = line - row;
	view_settle(ui, v);
}

/* ASCII case-insensitive substring test (Chinese text has no case). */
static int contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i] && tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return 1;
	}
	return n == 0;
}

int view_search_text(struct ui *ui, struct view *v, const char *what, int backward)
{
	if (!v->ops->text) {
		ui_status(ui, 1, _("the %s view cannot be searched"), v->ops->name);
		return -1;
	}
	char text[2048];
	for (long k = 1; k <= v->lines; k++) {
		long line = backward ? v->pos - k : v->pos + k;
		int wrapped = line < 0 || line >= v->lines;
		line = (line % v->lines + v->lines) % v->lines;
		if (v->ops->text(v, line, text, sizeof text) == 0 && contains(text, what)) {
			view_select(ui, v, line);
			if (wrapped)
				ui_status(ui, 0, _("search wrapped: %s"), what);
			return REQ_DONE;
		}
	}
	ui_status(ui, 1, _("not found: %s"), what);
	return -1;
}
