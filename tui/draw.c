/* draw.c — width-aware drawing on stdscr and the screen's styles (see draw.h). Each
 * piece of text is placed with an explicit move, so even if the terminal's idea of a
 * character's width differs from ours, the next column still starts where it should. */
#include "tui/draw.h"
#include "core/text.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static attr_t styles[ST_COUNT];
static int colour;

void draw_init(int want_colour)
{
	colour = want_colour && has_colors() && start_color() == OK;
	for (int i = 0; i < ST_COUNT; i++)
		styles[i] = A_NORMAL;
	styles[ST_TITLE] = A_REVERSE | A_BOLD;
	styles[ST_STATUS] = A_NORMAL;
	styles[ST_ERROR] = A_BOLD;
	styles[ST_CURSOR] = A_REVERSE;
	styles[ST_HEADER] = A_BOLD | A_UNDERLINE;
	styles[ST_SECTION] = A_BOLD;
	styles[ST_TAG] = A_BOLD;
	styles[ST_BAR] = A_NORMAL;
	if (!colour)
		return;
	use_default_colors();
	static const struct { enum style st; short fg, bg; attr_t extra; } pairs[] = {
		{ST_TITLE, COLOR_WHITE, COLOR_BLUE, A_BOLD},
		{ST_ERROR, COLOR_RED, -1, A_BOLD},
		{ST_HEADER, COLOR_YELLOW, -1, A_BOLD},
		{ST_SECTION, COLOR_CYAN, -1, A_BOLD},
		{ST_TAG, COLOR_MAGENTA, -1, A_BOLD},
		{ST_DIM, COLOR_BLUE, -1, 0},
		{ST_ADD, COLOR_GREEN, -1, 0},
		{ST_DEL, COLOR_RED, -1, 0},
		{ST_HUNK, COLOR_CYAN, -1, 0},
		{ST_BAR, COLOR_GREEN, -1, A_BOLD},
	};
	for (int i = 0; i < (int)(sizeof pairs / sizeof pairs[0]); i++) {
		init_pair((short)(i + 1), pairs[i].fg, pairs[i].bg);
		styles[pairs[i].st] = COLOR_PAIR(i + 1) | pairs[i].extra;
	}
}

int draw_has_colour(void)
{
	return colour;
}

attr_t draw_style(enum style st)
{
	return st >= 0 && st < ST_COUNT ? styles[st] : A_NORMAL;
}

int draw_width(const char *s)
{
	return text_width(s ? s : "");
}


/* Blanks are written as text, never with hline: after whline next to a wide character,
 * ncurses 6.4's line-shifting update (when a view scrolls) rewrote the wide character's
 * second cell as a blank, and the terminal then erased the whole character. */
static void spaces(int n)
{
	static const char blanks[] = "                                                                ";
	while (n > 0) {
		int k = n < (int)sizeof blanks - 1 ? n : (int)sizeof blanks - 1;
		addnstr(blanks, k);
		n -= k;
	}
}

void draw_blank(int y, int x, int cells, attr_t attr)
{
	if (cells <= 0)
		return;
	attrset(attr);
	move(y, x);
	spaces(cells);
	attrset(A_NORMAL);
}

int draw_text(int y, int x, int cells, const char *s, attr_t attr, int right)
{
	char small[1024], *out = small;
	if (cells <= 0)
		return 0;
	/* at most 4 bytes a cell, plus zero-width marks: a generous bound, heap if large */
	size_t need = (size_t)cells * 4 + 256;
	if (need > sizeof small && !(out = malloc(need)))
		return 0;
	int used = text_fit(s ? s : "", cells, out, out == small ? sizeof small : need);
	int pad = cells - used;
	attrset(attr);
	move(y, x);
	if (right)
		spaces(pad);
	addstr(out);
	if (!right)
		spaces(pad);
	attrset(A_NORMAL);
	if (out != small)
		free(out);
	return used;
}

int draw_cell(int y, int x, int cells, const char *s, attr_t attr, int right)
{
	if (cells < 2 || text_width(s ? s : "") <= cells) {
		draw_text(y, x, cells, s, attr, right);
		return 0;
	}
	int used = draw_text(y, x, cells - 1, s, attr, 0);
	draw_text(y, x + used, cells - used, DRAW_CUT, attr | A_BOLD, 0);
	return 1;
}

int draw_textf(int y, int x, int cells, attr_t attr, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return draw_text(y, x, cells, buf, attr, 0);
}
