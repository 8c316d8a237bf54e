/* draw.h — the one place text reaches the screen. Widths are measured in terminal cells
 * with core/text.h (never bytes, never the locale's wcwidth), text is cut so a wide
 * character never straddles an edge, and control characters in data appear as ^X. Every
 * element of the screen has a style; without colour (NO_COLOR, a monochrome terminal)
 * the styles fall back to reverse video and bold, so the cursor and tags stay visible. */
#ifndef TUI_DRAW_H
#define TUI_DRAW_H
#include <curses.h>

enum style {
	ST_NORMAL, ST_TITLE, ST_STATUS, ST_ERROR, ST_CURSOR, ST_HEADER, ST_SECTION, ST_TAG,
	ST_DIM, ST_ADD, ST_DEL, ST_HUNK, ST_BAR, ST_COUNT
};

/* Choose the styles: colour when the terminal has it and NO_COLOR is unset or empty. */
void draw_init(int want_colour);
int draw_has_colour(void);
attr_t draw_style(enum style st);

/* Draw s at row y, column x, fitted into `cells` cells and padded with spaces (right-
 * aligned when right is non-zero), in attribute attr. Returns the cells the text used. */
int draw_text(int y, int x, int cells, const char *s, attr_t attr, int right);
/* draw_text for a cell of a table: a value wider than `cells` is cut one cell earlier
 * and ends in DRAW_CUT, so a cut value never passes for a whole one (the row's view
 * shows it whole on Enter). Returns 1 when the value was cut. */
#define DRAW_CUT ">"
int draw_cell(int y, int x, int cells, const char *s, attr_t attr, int right);
/* printf, then draw_text. */
int draw_textf(int y, int x, int cells, attr_t attr, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Fill cells with spaces in attr. */
void draw_blank(int y, int x, int cells, attr_t attr);

/* Width of s in cells (core text_width). */
int draw_width(const char *s);

#endif
