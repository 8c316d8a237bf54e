/* view_util.h — what the work views (the review queue, tasks/today) share: a row drawn
 * as columns whose widths fit the screen (the last column takes what is left), a reason
 * asked on the status line until one is given, and the cursor kept on the same item
 * after a reload — or, when that item left the list (approved, done), on the same line
 * number, so the next item is selected by itself. */
#ifndef TUI_VIEW_UTIL_H
#define TUI_VIEW_UTIL_H
#include "tui/ui_view.h"
#include "core/codes.h"

struct vcol {
	const char *title;
	int cells;                /* width in cells (0: left out); the last takes the rest */
	int right;                /* right-aligned */
};

/* Draw cells[0..n) at row y in the columns c (one blank cell before each), padded to
 * the screen's width, in attribute a. */
void vcols_draw(int y, const struct vcol *c, int n, const char *const *cells, attr_t a);
/* The header row of those columns. */
void vcols_header(int y, const struct vcol *c, int n);

/* Ask `label` until a non-empty reason is typed into buf. Returns PROMPT_OK, or
 * PROMPT_CANCEL (status says nothing changed) or PROMPT_END (ui->quit is set). */
int view_ask_reason(struct ui *ui, const char *label, char *buf, size_t n);

/* Ask for one entry of the table in effect for `shipped` (Tab offers the Chinese labels,
 * entries added by settings too) into buf as its code; with `optional` an empty answer
 * is accepted (buf ""). Returns as above. */
int view_ask_code(struct ui *ui, const char *label, const struct code_table *shipped,
                  int optional, char *buf, size_t n);
/* Ask one to five entries of the table, separated by 、 ， or , (Tab completes the last
 * one), into buf as their codes joined by ",". Returns as above. */
int view_ask_codes(struct ui *ui, const char *label, const struct code_table *shipped,
                   char *buf, size_t n);
/* Ask free text (required unless optional). Returns as above. */
int view_ask_text(struct ui *ui, const char *label, int optional, char *buf, size_t n);

/* After a view reloaded its lines: the cursor on line `found` (>= 0), else on line
 * `old_pos` clamped to the lines there are. */
void view_keep_cursor(struct ui *ui, struct view *v, long found, long old_pos);

#endif
