/* list_draw.c — the households list's columns, fitted to the width by importance, its
 * rows (a value cut by its column ends in DRAW_CUT; the member a search matched follows
 * the head's name), the column header and the title with "row N of M". */
#include "tui/view_list.h"
#include "core/i18n.h"
#include <stdio.h>
#include <string.h>

/* --- drawing ----------------------------------------------------------------------- */

enum { C_ID, C_HEAD, C_SIZE, C_PLACE, C_VILLAGE, C_TYPE, C_CATEGORY, C_STATE, C_RISKS,
       C_INCOME, C_NO, C_COUNT };
static const struct column {
	const char *title;
	int min, max, priority, right;    /* priority 0 is kept longest when narrow */
} columns[C_COUNT] = {
	[C_ID]       = {N_("ID"),     14, 14, 0, 0},   /* the national form's names stay Chinese */
	[C_HEAD]     = {"户主",        8, 20, 1, 0},
	[C_SIZE]     = {"人数",        4,  4, 5, 1},
	[C_PLACE]    = {"县区 乡镇",  14, 24, 9, 0},
	[C_VILLAGE]  = {"行政村",     10, 30, 4, 0},
	[C_TYPE]     = {"户类型",      8,  8, 8, 0},
	[C_CATEGORY] = {"监测类别",   12, 14, 6, 0},
	[C_STATE]    = {"状态",        8, 16, 2, 0},
	[C_RISKS]    = {"风险",       10, 30, 7, 0},
	[C_INCOME]   = {"人均纯收入", 10, 10, 3, 1},
	[C_NO]       = {"户编号",     12, 20, 10, 0},
};
#define LOWEST_PRIORITY 10
#define TAG_CELLS 2

/* Fit the columns to the width: drop the least important until the rest fit at their
 * minimum, then widen by importance up to each maximum. */
static void layout(struct list *L, int width)
{
	int on[C_COUNT], need = TAG_CELLS;
	for (int c = 0; c < C_COUNT; c++) {
		on[c] = 1;
		need += columns[c].min + 1;
	}
	for (int p = LOWEST_PRIORITY; p > 0 && need > width; p--)
		for (int c = 0; c < C_COUNT; c++)
			if (on[c] && columns[c].priority == p) {
				on[c] = 0;
				need -= columns[c].min + 1;
			}
	static const int grow_order[C_COUNT] = {C_HEAD, C_VILLAGE, C_STATE, C_RISKS, C_PLACE,
	                                        C_CATEGORY, C_NO, C_ID, C_SIZE, C_TYPE, C_INCOME};
	int spare = width - need;
	for (int i = 0; i < C_COUNT; i++) {
		int c = grow_order[i];
		int grow = columns[c].max - columns[c].min;
		if (grow > spare)
			grow = spare > 0 ? spare : 0;
		L->widths[c] = on[c] ? columns[c].min + grow : 0;
		if (on[c])
			spare -= grow;
	}
	int x = TAG_CELLS;
	for (int c = 0; c < C_COUNT; c++) {
		if (!on[c])
			L->widths[c] = 0;
		L->xs[c] = x;
		if (on[c])
			x += L->widths[c] + 1;
	}
	L->laid_out = width;
}

static const char *cell(const struct lrow *r, int c, char *buf, size_t n)
{
	switch (c) {
	case C_ID: return r->id;
	case C_HEAD: return r->head;
	case C_SIZE: snprintf(buf, n, "%d", r->size); return buf;
	case C_VILLAGE: return r->village;
	case C_TYPE: return r->type;
	case C_CATEGORY: return r->category;
	case C_STATE: return r->state;
	case C_INCOME: return r->income;
	case C_RISKS: return r->risks;
	case C_PLACE: return r->place;
	case C_NO: return r->no;
	}
	return "";
}

void list_draw(struct ui *ui, struct view *v, long line, int y, int selected)
{
	struct list *L = v->priv;
	const struct lrow *r = &L->rows[line];
	attr_t base = selected ? draw_style(ST_CURSOR) : A_NORMAL;
	if (L->laid_out != COLS)
		layout(L, COLS);
	draw_blank(y, 0, COLS, base);
	if (tags_has(&L->tags, r->id))
		draw_text(y, 0, TAG_CELLS, "*", base | draw_style(ST_TAG), 0);
	for (int c = 0; c < C_COUNT; c++) {
		char buf[224];
		const char *text = cell(r, c, buf, sizeof buf);
		if (c == C_HEAD && L->match_name[0] && strcmp(r->id, L->match_id) == 0) {
			/* the search matched another member: named after the head */
			snprintf(buf, sizeof buf, "%s/%s", r->head, L->match_name);
			text = buf;
		}
		if (L->widths[c])
			draw_cell(y, L->xs[c], L->widths[c], text, base, columns[c].right);
	}
}

void list_header(struct ui *ui, struct view *v, int y)
{
	struct list *L = v->priv;
	if (L->laid_out != COLS)
		layout(L, COLS);
	attr_t a = draw_style(ST_HEADER);
	draw_blank(y, 0, COLS, a);
	for (int c = 0; c < C_COUNT; c++)
		if (L->widths[c])
			draw_text(y, L->xs[c], L->widths[c], _(columns[c].title), a, columns[c].right);
}

void list_title(struct ui *ui, struct view *v, char *out, size_t n)
{
	struct list *L = v->priv;
	char where[96] = "", tags[64] = "", of[32] = "";
	if (v->lines && v->base >= 0 && v->at_end)
		snprintf(of, sizeof of, "%ld", v->base + v->lines);
	else if (L->total >= 0)
		snprintf(of, sizeof of, "%s%ld", L->total_over ? "~" : "", L->total);
	if (v->lines && v->base >= 0 && of[0])
		snprintf(where, sizeof where, _("  row %ld of %s"), v->base + v->pos + 1, of);
	else if (v->lines && v->base >= 0)
		snprintf(where, sizeof where, _("  row %ld"), v->base + v->pos + 1);
	else if (v->lines && of[0])
		snprintf(where, sizeof where, _("  %s rows"), of);
	if (L->tags.n)
		snprintf(tags, sizeof tags, _("  %ld tagged"), L->tags.n);
	snprintf(out, n, "%s", _("Households"));
	if (L->limit[0])
		snprintf(out + strlen(out), n - strlen(out), _("  [limit: %s]"), L->limit);
	snprintf(out + strlen(out), n - strlen(out), "%s%s", where, tags);
	if (v->lines == 0 && L->limit[0])
		snprintf(out + strlen(out), n - strlen(out), _("  (none match: %s changes the limit)"),
		         ui_key(ui, "list", ACT_LIMIT));
	else if (v->lines == 0)
		snprintf(out + strlen(out), n - strlen(out), "%s", _("  (none)"));
}
