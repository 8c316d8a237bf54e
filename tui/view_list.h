/* view_list.h — the households list's private parts, shared by its files: the window
 * and the actions (view_list.c), the columns and drawing (list_draw.c), and the extras
 * (list_extra.c): where the cursor was before a jump (''), the row count of the title
 * and writing the list to a file (w). */
#ifndef TUI_VIEW_LIST_H
#define TUI_VIEW_LIST_H
#include "tui/list_rows.h"
#include "tui/search_walk.h"
#include "tui/tags.h"

struct list {
	struct lrow *rows;        /* the window: rows[0 .. v->lines) */
	long cap;
	char limit[256];          /* the `l` query text, shown in the title */
	struct query q;
	struct tags tags;
	int widths[16], xs[16];   /* column layout, made for a width of `laid_out` cells */
	int laid_out;
	struct search_walk walk;  /* the last search's result, for n / N */
	struct lrow back;         /* the row before the last jump, for '' */
	int has_back;
	char match_id[20];        /* the last search's household and the member it matched */
	char match_name[96];      /*   when that was not the head ("" none) */
	long total;               /* households matching the limit; -1 unknown */
	int total_over;           /* total is a lower bound (counting stopped there) */
};

/* list_draw.c */
void list_draw(struct ui *ui, struct view *v, long line, int y, int selected);
void list_header(struct ui *ui, struct view *v, int y);
void list_title(struct ui *ui, struct view *v, char *out, size_t n);

/* list_extra.c */
/* Count the households matching the limit into L->total (cheap: the dashboard's
 * counters without a limit or with one state/category/type term, else a count that
 * stops at LIST_COUNT_MAX). */
void list_count(struct ui *ui, struct list *L);
/* v->base from the number of matching households before the window's first row, when
 * it is not known (after a jump into the middle). */
void list_find_base(struct ui *ui, struct view *v, struct list *L);
/* w: write every household matching the limit to a CSV or xlsx file the user names. */
int list_write(struct ui *ui, struct list *L);

#endif
