/* view_board.c — the 百千万 board in the UI (docs/ui.md, docs/baiqianwan.md "The
 * board"): the rows of `bangfu board` per county, per track or per programme, read by
 * the same store call (store_board through board_rows.h, cut to the user's scope: a
 * county office sees its county, the province all). Tab (board-by) switches the
 * grouping; Enter on a county row opens that county's page (view_county.c); paging and
 * `/` search are the generic ones. */
#include "tui/view_util.h"
#include "core/i18n.h"
#include "tui/board_rows.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BY_COUNTY, BY_TRACK, BY_PROGRAMME, BY_COUNT };
static const char *const by_name[BY_COUNT] = {"county", "track", "programme"};
static const char *const by_label[BY_COUNT] = {N_("county"), N_("track"), N_("programme")};

/* the board's columns (store_board's order) */
enum { BC_NAME, BC_TRACK, BC_COUNTIES, BC_HOUSEHOLDS, BC_MONITORED, BC_CASES, BC_PROJECTS,
       BC_PSTATUS, BC_PLANNED, BC_ALLOCATED, BC_SPENT, BC_OVERDUE, BC_INDICATORS, BC_CODE };

struct board_view {
	int by;
	struct board_rows rows;
};

static int board_open(struct ui *ui, struct view *v)
{
	struct board_view *B = v->priv;
	char keep[32] = "";
	long old = v->pos, found = -1;
	if (v->pos < B->rows.n)
		snprintf(keep, sizeof keep, "%s", board_row(&B->rows, (int)v->pos)[BC_CODE]);
	int rc = board_rows_read(ui->s, &ui->me, by_name[B->by], NULL, &B->rows);
	if (rc)
		return ui_store_error(ui, rc);
	if (B->rows.oom)
		ui_status(ui, 1, _("out of memory: the board is shown in part"));
	v->lines = B->rows.n;
	v->at_start = v->at_end = 1;
	for (int i = 0; keep[0] && i < B->rows.n && found < 0; i++)
		if (strcmp(board_row(&B->rows, i)[BC_CODE], keep) == 0)
			found = i;
	view_keep_cursor(ui, v, found, old);
	v->dirty = 1;
	return 0;
}

/* The columns shown, in order: which board column each is and how it is drawn. */
#define SHOWN 11
static int layout(const struct board_view *B, struct vcol c[SHOWN], int col[SHOWN])
{
	int wide = COLS >= 110, wider = COLS >= 140, n = 0;
#define COL(which, title, cells, right) (col[n] = (which), c[n++] = (struct vcol){title, cells, right})
	COL(BC_NAME, B->by == BY_COUNTY ? "县区" : B->by == BY_TRACK ? "赛道" : "结对项目",
	    wide ? 16 : 12, 0);
	COL(BC_TRACK, "赛道", B->by == BY_COUNTY ? 6 : 0, 0);
	COL(BC_COUNTIES, "县数", B->by == BY_COUNTY ? 0 : 4, 1);
	COL(BC_HOUSEHOLDS, "户数", 6, 1);
	COL(BC_MONITORED, wide ? "监测中户数" : "监测中", wide ? 10 : 6, 1);
	COL(BC_PROJECTS, "项目数", 6, 1);
	COL(BC_PSTATUS, "项目按状态", wider ? 16 : 0, 0);
	COL(BC_PLANNED, "计划投资(元)", 14, 1);
	COL(BC_SPENT, "已支出(元)", wide ? 14 : 0, 1);
	COL(BC_OVERDUE, wide ? "逾期节点" : "逾期", wide ? 8 : 4, 1);
	COL(BC_INDICATORS, "指标达标", 8, 1);
#undef COL
	return n;
}

static int board_columns(const struct board_view *B, const char *const *row, struct vcol c[SHOWN + 1],
                         const char *cells[SHOWN + 1])
{
	int col[SHOWN], n = layout(B, c, col);
	for (int i = 0; i < n; i++)
		cells[i] = row ? row[col[i]] : NULL;
	c[n] = (struct vcol){"监测对象按状态", 0, 0};   /* the last column takes the rest */
	cells[n] = row ? row[BC_CASES] : NULL;
	return n + 1;
}

static void board_draw(struct ui *ui, struct view *v, long line, int y, int selected)
{
	struct board_view *B = v->priv;
	struct vcol c[SHOWN + 1];
	const char *cells[SHOWN + 1];
	int n = board_columns(B, board_row(&B->rows, (int)line), c, cells);
	vcols_draw(y, c, n, cells, selected ? draw_style(ST_CURSOR) : A_NORMAL);
}

static void board_header(struct ui *ui, struct view *v, int y)
{
	struct vcol c[SHOWN + 1];
	const char *cells[SHOWN + 1];
	vcols_header(y, c, board_columns(v->priv, NULL, c, cells));
}

static int board_text(struct view *v, long line, char *out, size_t n)
{
	const char *const *row = board_row(&((struct board_view *)v->priv)->rows, (int)line);
	size_t at = 0;
	out[0] = '\0';
	for (int i = 0; i < BOARD_COLS && at < n; i++)
		at += (size_t)snprintf(out + at, n - at, "%s%s", i ? " " : "", row[i]);
	return 0;
}

static void board_title(struct ui *ui, struct view *v, char *out, size_t n)
{
	struct board_view *B = v->priv;
	snprintf(out, n, ngettext("Board by %s  %ld row in scope %s  %s: by %s",
	                          "Board by %s  %ld rows in scope %s  %s: by %s", (unsigned long)v->lines),
	         _(by_label[B->by]), v->lines, ui->me.scope, ui_key(ui, "board", ACT_BOARD_BY),
	         _(by_label[(B->by + 1) % BY_COUNT]));
}

static int board_request(struct ui *ui, struct view *v, enum action a)
{
	struct board_view *B = v->priv;
	switch (a) {
	case ACT_OPEN:
		if (B->by == BY_COUNTY)
			return view_county_push(ui, board_row(&B->rows, (int)v->pos)[BC_CODE]);
		ui_status(ui, 0, _("a %s row sums counties: %s shows the board by county"), _(by_label[B->by]),
		          ui_key(ui, "board", ACT_BOARD_BY));
		return REQ_DONE;
	case ACT_BOARD_BY:
		B->by = (B->by + 1) % BY_COUNT;
		v->pos = v->top = 0;
		if (board_open(ui, v) < 0)
			return -1;
		ui_status(ui, 0, _("the board by %s"), _(by_label[B->by]));
		return REQ_DONE;
	default: return REQ_PASS;
	}
}

static void board_close(struct view *v)
{
	struct board_view *B = v->priv;
	board_rows_free(&B->rows);
}

const struct view_ops view_board_ops = {
	.name = "board",
	.priv_size = sizeof(struct board_view),
	.open = board_open,
	.draw = board_draw,
	.request = board_request,
	.title = board_title,
	.header = board_header,
	.text = board_text,
	.close = board_close,
};

int view_board_push(struct ui *ui)
{
	return ui_push(ui, &view_board_ops, NULL);
}
