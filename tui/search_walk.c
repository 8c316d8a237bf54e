/* search_walk.c — the kept result of the last search in the households list, walked by
 * `n`/`N` with a binary search on the register key (see search_walk.h). */
#include "tui/search_walk.h"
#include "core/i18n.h"
#include "core/grow.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fill { struct search_walk *w; long cap; int oom; };

static int add_hit(void *ctx, const char *id, const char *key)
{
	struct fill *f = ctx;
	struct search_walk *w = f->w;
	if (w->n == WALK_MAX + 1)
		return 1;   /* too many to keep */
	if (GROW(w->hits, f->cap, w->n + 1, 64)) {
		f->oom = 1;
		return 1;
	}
	snprintf(w->hits[w->n].id, sizeof w->hits[0].id, "%s", id);
	snprintf(w->hits[w->n].key, sizeof w->hits[0].key, "%s", key);
	w->n++;
	return 0;
}

static int refill(struct ui *ui, struct search_walk *w, const char *text, const struct query *q)
{
	struct fill f = {w, 0, 0};
	free(w->hits);
	w->hits = NULL;
	w->n = 0;
	w->kept = 0;
	snprintf(w->text, sizeof w->text, "%s", text);
	int many = 0;
	int rc = store_household_keys(ui->s, &ui->me, q, WALK_MAX + 1, add_hit, &f, &many);
	if (rc) {
		w->text[0] = '\0';
		return ui_store_error(ui, rc);
	}
	if (f.oom) {
		w->text[0] = '\0';
		ui_status(ui, 1, _("out of memory"));
		return -1;
	}
	w->kept = !many && w->n <= WALK_MAX;
	return 0;
}

/* The first hit whose key is > cur (or >= when !strict); w->n when none. */
static long first_after(const struct search_walk *w, const char *cur)
{
	long lo = 0, hi = w->n;
	while (lo < hi) {
		long mid = lo + (hi - lo) / 2;
		if (strcmp(w->hits[mid].key, cur) > 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* The index of the last hit whose key is < cur; -1 when none. */
static long last_before(const struct search_walk *w, const char *cur)
{
	long lo = 0, hi = w->n;
	while (lo < hi) {
		long mid = lo + (hi - lo) / 2;
		if (strcmp(w->hits[mid].key, cur) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo - 1;
}

int search_walk_step(struct ui *ui, struct search_walk *w, const char *text,
                     const struct query *q, const char *cur, int backward, int fresh,
                     struct lrow *out, int *wrapped)
{
	if ((fresh || strcmp(w->text, text) != 0) && refill(ui, w, text, q))
		return -1;
	if (!w->kept)
		return WALK_NOT_KEPT;
	if (w->n == 0)
		return WALK_NONE;
	long i;
	*wrapped = 0;
	if (backward) {
		i = cur ? last_before(w, cur) : w->n - 1;
		if (i < 0) {
			i = w->n - 1;
			*wrapped = 1;
		}
	} else {
		i = cur ? first_after(w, cur) : 0;
		if (i == w->n) {
			i = 0;
			*wrapped = 1;
		}
	}
	struct household h;
	if (store_household_find(ui->s, &ui->me, w->hits[i].id, &h)) {
		w->text[0] = '\0';   /* changed since: ask the store */
		return WALK_NOT_KEPT;
	}
	lrow_from(store_code_lists(ui->s), out, &h);
	lrow_match(out, &h, q);
	household_free(&h);
	return WALK_FOUND;
}

void search_walk_free(struct search_walk *w)
{
	free(w->hits);
	w->hits = NULL;
	w->n = 0;
	w->text[0] = '\0';
}
