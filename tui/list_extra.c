/* list_extra.c — the households list's title count and `w` (view_list.h). The count is
 * cheap at any size: without a limit, or with one state:/category:/type: term, it is the
 * dashboard's counters (store_stats, a few hundred rows); any other limit is counted by
 * the store, stopping at LIST_COUNT_MAX (the title then shows "~" and that bound). The
 * row number after a jump into the middle is the count of matches before the window. */
#include "tui/view_list.h"
#include "core/i18n.h"
#include "tui/ui_write.h"
#include <stdio.h>
#include <string.h>

#define LIST_COUNT_MAX 200000

struct stat_sum { const char *code; long n; };

static int add_stat(void *ctx, const char *code, long count)
{
	struct stat_sum *t = ctx;
	if (!t->code || strcmp(code, t->code) == 0)
		t->n += count;
	return 0;
}

/* The counters' dimension for a limit of one term, else -1. */
static int counted_by_stats(const struct query *q, enum stats_dim *dim)
{
	if (q->n == 0) {
		*dim = STATS_COUNTY;
		return 0;
	}
	if (q->n > 1)
		return -1;
	switch (q->terms[0].kind) {
	case Q_STATE: *dim = STATS_STATE; return 0;
	case Q_CATEGORY: *dim = STATS_CATEGORY; return 0;
	case Q_TYPE: *dim = STATS_TYPE; return 0;
	default: return -1;
	}
}

void list_count(struct ui *ui, struct list *L)
{
	enum stats_dim dim;
	L->total = -1;
	L->total_over = 0;
	if (counted_by_stats(&L->q, &dim) == 0) {
		struct stat_sum t = {L->q.n ? L->q.terms[0].value : NULL, 0};
		if (store_stats(ui->s, &ui->me, dim, add_stat, &t) == 0)
			L->total = t.n;
		return;
	}
	long n;
	if (store_household_count(ui->s, &ui->me, &L->q, NULL, LIST_COUNT_MAX, &n) == 0) {
		L->total = n;
		L->total_over = n >= LIST_COUNT_MAX;
	}
}

void list_find_base(struct ui *ui, struct view *v, struct list *L)
{
	long n;
	if (v->base >= 0 || v->lines == 0)
		return;
	if (v->at_end && L->total >= 0 && !L->total_over) {
		v->base = L->total - v->lines;
		return;
	}
	if (store_household_count(ui->s, &ui->me, &L->q, L->rows[0].id, LIST_COUNT_MAX, &n) == 0 &&
	    n < LIST_COUNT_MAX)
		v->base = n;
}

struct writer { struct sheet *sh; const struct code_lists *lists; long rows; int failed; };

static int write_row(void *ctx, const struct household *h)
{
	struct writer *w = ctx;
	if (export_household_row(w->sh, w->lists, h)) {
		w->failed = 1;
		return 1;
	}
	w->rows++;
	return 0;
}

int list_write(struct ui *ui, struct list *L)
{
	char what[256], path[1024];
	if (L->total >= 0)
		snprintf(what, sizeof what, L->limit[0] ? _("the %s%ld households of the limit")
		                                        : _("the %s%ld households"), L->total_over ? "~" : "",
		         L->total);
	else
		snprintf(what, sizeof what, "%s", L->limit[0] ? _("the households of the limit")
		                                              : _("the households"));
	struct writer w = {.lists = store_code_lists(ui->s)};
	if (!(w.sh = ui_write_open(ui, what, EXPORT_HOUSEHOLDS, path, sizeof path)))
		return REQ_DONE;
	int rc = store_household_rows(ui->s, &ui->me, &L->q, NULL, 0, 0, write_row, &w);
	return ui_write_close(ui, w.sh, path, w.rows, w.failed, rc);
}
