/* view_list.c — the households in the user's scope, page by page (the first view).
 *
 * The view never loads the whole table: it holds a window of at most WINDOW_MAX rows and
 * reads CHUNK more at either end with keyset queries. Forwards, store_household_list
 * reads after the last row's id. Backwards, store_household_seek_back names the household
 * k places before the first row in plain register order, and a forward read from there
 * (with the limit query) keeps the rows before the first one; k grows until enough rows
 * match. The first screen therefore costs one query of CHUNK rows, and no count is made.
 *
 * `l` limits with the query language of `bangfu list` (shown in the title); `/` and n/N
 * are store queries (the limit plus the search terms) starting after / before the cursor,
 * wrapping at the ends; `t` tags, `T` tags every match of a query, `;` applies the next
 * action (edit-field, tag) to all tagged households after confirming the count. */
#include "tui/ui_view.h"
#include "tui/form.h"
#include "tui/prompt.h"
#include "core/workflow.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK 64
#define WINDOW_MAX 1024
#define TAG_MAX 5000

struct lrow {
	char id[20];
	char key[96];             /* county \1 town \1 village \1 户编号: the store's order */
	long version;
	int size;
	char head[96], village[96], type[32], category[48], state[48], income[24];
};

struct list {
	struct lrow *rows;        /* the window: rows[0 .. v->lines) */
	long cap;
	char limit[256];          /* the `l` query text, shown in the title */
	struct query q;
	char (*tags)[20];         /* tagged ids, sorted */
	long ntags, tagcap;
	int widths[16], xs[16];   /* column layout for `laid_out` columns */
	int laid_out;
};

/* --- rows ------------------------------------------------------------------------ */

static void row_from(struct lrow *r, const struct household *h)
{
	memset(r, 0, sizeof *r);
	snprintf(r->id, sizeof r->id, "%s", h->id);
	snprintf(r->key, sizeof r->key, "%s\1%s\1%s\1%s", household_get(h, HF_COUNTY),
	         household_get(h, HF_TOWNCODE), household_get(h, HF_VILLCODE), household_get(h, HF_NO));
	r->version = h->version;
	r->size = h->nmembers;
	for (int m = 0; m < h->nmembers; m++)
		if (strcmp(member_get(&h->members[m], MF_RELATION), "head") == 0 || !r->head[0])
			snprintf(r->head, sizeof r->head, "%s", member_get(&h->members[m], MF_NAME));
	snprintf(r->village, sizeof r->village, "%s", household_get(h, HF_VILLAGE));
	model_value_display(HF_TYPE, household_get(h, HF_TYPE), r->type, sizeof r->type);
	snprintf(r->income, sizeof r->income, "%s", household_get(h, HF_INCOME));
	if (h->ncases > 0) {
		const struct hcase *c = &h->cases[h->ncases - 1];
		enum wf_state st;
		model_value_display(CF_CATEGORY, case_get(c, CF_CATEGORY), r->category, sizeof r->category);
		snprintf(r->state, sizeof r->state, "%s", c->state && workflow_state_parse(c->state, &st) == 0
		         ? workflow_state_label(st) : (c->state ? c->state : ""));
	}
}

/* A forward read that keeps the last `want` rows (a ring) and stops at the first row at
 * or after `stop` in register order. */
struct collect {
	struct lrow *ring;
	long want, count;
	const char *stop;
	int stopped;
};

static int collect_row(void *ctx, const struct household *h)
{
	struct collect *c = ctx;
	struct lrow r;
	row_from(&r, h);
	if (c->stop && strcmp(r.key, c->stop) >= 0) {
		c->stopped = 1;
		return 1;
	}
	c->ring[c->count % c->want] = r;
	c->count++;
	return 0;
}

/* The ring's rows in order into out (room for c->want); returns how many. */
static long ring_rows(const struct collect *c, struct lrow *out)
{
	long n = c->count < c->want ? c->count : c->want;
	long start = c->count <= c->want ? 0 : c->count % c->want;
	for (long i = 0; i < n; i++)
		out[i] = c->ring[(start + i) % c->want];
	return n;
}

/* Up to `want` rows matching q just before row `before` (NULL: the end), in order, into
 * out. *at_start: nothing matching precedes them. Returns the count or < 0.
 * Each round reads forwards from k households back (plain order) and keeps the matches
 * before `before`; a round costs one scan for its query, so there are at most three: a
 * near one (dense queries end here), a far one (skipped for one row: a search), then
 * from the start. */
static long read_before(struct ui *ui, const struct query *q, const struct lrow *before,
                        long want, struct lrow *out, int *at_start)
{
	long k = 2 * (want < CHUNK ? CHUNK : want);
	struct lrow *ring = malloc((size_t)want * sizeof *ring);
	if (!ring) {
		ui_status(ui, 1, "out of memory");
		return -1;
	}
	for (int round = 0;; round++) {
		char anchor[32] = "";
		int rc = 0;
		if (round < 2 && !(round == 1 && want == 1))   /* a search goes to the start at once */
			rc = store_household_seek_back(ui->s, &ui->me, before ? before->id : NULL, k + 1,
			                               anchor, sizeof anchor);
		struct collect c = {ring, want, 0, before ? before->key : NULL, 0};
		if (!rc)
			rc = store_household_list(ui->s, &ui->me, q, anchor[0] ? anchor : NULL,
			                          anchor[0] ? k + 1 : 0, collect_row, &c);
		if (rc) {
			free(ring);
			return ui_store_error(ui, rc);
		}
		if (c.count >= want || !anchor[0]) {
			*at_start = !anchor[0] && c.count <= want;
			long n = ring_rows(&c, out);
			free(ring);
			return n;
		}
		k *= 32;
	}
}

/* Up to `want` rows matching q after `after` (NULL: from the start) into out. */
static long read_after(struct ui *ui, const struct query *q, const char *after, long want,
                       struct lrow *out)
{
	struct collect c = {out, want, 0, NULL, 0};
	int rc = store_household_list(ui->s, &ui->me, q, after, want, collect_row, &c);
	return rc ? ui_store_error(ui, rc) : c.count;
}

static int ensure_cap(struct ui *ui, struct list *L, long n)
{
	if (n <= L->cap)
		return 0;
	long cap = L->cap ? L->cap : CHUNK;
	while (cap < n)
		cap *= 2;
	struct lrow *grown = realloc(L->rows, (size_t)cap * sizeof *grown);
	if (!grown) {
		ui_status(ui, 1, "out of memory");
		return -1;
	}
	L->rows = grown;
	L->cap = cap;
	return 0;
}

/* --- the window ------------------------------------------------------------------ */

static int fetch_down(struct ui *ui, struct view *v, struct list *L)
{
	if (ensure_cap(ui, L, v->lines + CHUNK))
		return -1;
	long n = read_after(ui, &L->q, v->lines ? L->rows[v->lines - 1].id : NULL, CHUNK,
	                    L->rows + v->lines);
	if (n < 0)
		return -1;
	if (v->lines == 0) {
		v->at_start = 1;
		v->base = 0;
	}
	v->lines += n;
	v->at_end = n < CHUNK;
	long drop = v->lines - WINDOW_MAX;   /* keep the window bounded: drop above the screen */
	if (drop > v->top)
		drop = v->top;
	if (drop > 0) {
		memmove(L->rows, L->rows + drop, (size_t)(v->lines - drop) * sizeof *L->rows);
		v->lines -= drop;
		v->pos -= drop;
		v->top -= drop;
		v->at_start = 0;
		if (v->base >= 0)
			v->base += drop;
	}
	return (int)n;
}

static int fetch_up(struct ui *ui, struct view *v, struct list *L)
{
	struct lrow *got = malloc(CHUNK * sizeof *got);
	int at_start = 0;
	long n = got ? read_before(ui, &L->q, v->lines ? &L->rows[0] : NULL, CHUNK, got, &at_start) : -1;
	if (n < 0 || ensure_cap(ui, L, v->lines + n)) {
		free(got);
		return -1;
	}
	memmove(L->rows + n, L->rows, (size_t)v->lines * sizeof *L->rows);
	memcpy(L->rows, got, (size_t)n * sizeof *got);
	free(got);
	v->lines += n;
	v->pos += n;
	v->top += n;
	v->at_start = at_start;
	v->base = at_start ? 0 : v->base >= 0 ? v->base - n : -1;
	long rows = ui_body_rows(ui, v);
	long drop = v->lines - WINDOW_MAX, below = v->lines - (v->top + rows);
	if (drop > below)
		drop = below;
	if (drop > 0) {
		v->lines -= drop;
		v->at_end = 0;
	}
	return (int)n;
}

static void reset(struct view *v)
{
	v->lines = v->pos = v->top = 0;
	v->at_start = v->at_end = 0;
	v->base = -1;
	v->dirty = 1;
}

static int fetch_end(struct ui *ui, struct view *v, struct list *L)
{
	int at_start = 0;
	if (ensure_cap(ui, L, CHUNK))
		return -1;
	long n = read_before(ui, &L->q, NULL, CHUNK, L->rows, &at_start);
	if (n < 0)
		return -1;
	reset(v);
	v->lines = n;
	v->at_start = at_start;
	v->at_end = 1;
	v->base = at_start ? 0 : -1;
	return (int)n;
}

static int list_fetch(struct ui *ui, struct view *v, enum fetch_dir d)
{
	struct list *L = v->priv;
	switch (d) {
	case FETCH_DOWN: return fetch_down(ui, v, L);
	case FETCH_UP: return fetch_up(ui, v, L);
	case FETCH_START: reset(v); return fetch_down(ui, v, L);
	case FETCH_END: return fetch_end(ui, v, L);
	}
	return 0;
}

/* Fill the window around row `at`: `above` rows before it, then it (if it still matches)
 * and what follows. The cursor goes to it, or to the next row if it no longer matches. */
static int window_around(struct ui *ui, struct view *v, struct list *L, const struct lrow *at,
                         long above)
{
	struct lrow key = *at;
	int at_start = 0;
	if (above < 1)
		above = 1;
	if (ensure_cap(ui, L, above + CHUNK))
		return -1;
	long n = read_before(ui, &L->q, &key, above, L->rows, &at_start);
	if (n < 0)
		return -1;
	long m = read_after(ui, &L->q, n ? L->rows[n - 1].id : NULL, CHUNK, L->rows + n);
	if (m < 0)
		return -1;
	reset(v);
	v->lines = n + m;
	v->at_start = at_start;
	v->at_end = m < CHUNK;
	v->base = at_start ? 0 : -1;
	v->pos = n < v->lines ? n : v->lines - 1;
	for (long i = n; i < v->lines; i++)
		if (strcmp(L->rows[i].id, key.id) == 0)
			v->pos = i;
	v->top = v->pos - (above < v->pos ? above : v->pos);
	return 0;
}

static long find_row(const struct view *v, const struct list *L, const char *id)
{
	for (long i = 0; i < v->lines; i++)
		if (strcmp(L->rows[i].id, id) == 0)
			return i;
	return -1;
}

/* (Re)load, keeping the cursor on the same household and at the same screen row. */
static int list_open(struct ui *ui, struct view *v)
{
	struct list *L = v->priv;
	if (v->lines == 0) {
		reset(v);
		return fetch_down(ui, v, L) < 0 ? -1 : 0;
	}
	struct lrow at = L->rows[v->pos];
	return window_around(ui, v, L, &at, v->pos - v->top);
}

/* --- tags ------------------------------------------------------------------------ */

static long tag_find(const struct list *L, const char *id, int *found)
{
	long lo = 0, hi = L->ntags;
	while (lo < hi) {
		long mid = (lo + hi) / 2;
		int c = strcmp(L->tags[mid], id);
		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0) lo = mid + 1;
		else hi = mid;
	}
	*found = 0;
	return lo;
}

static int is_tagged(const struct list *L, const char *id)
{
	int found;
	tag_find(L, id, &found);
	return found;
}

/* Tag (on = 1), untag (0) or toggle (-1). Returns 0 or -1. */
static int tag_set(struct list *L, const char *id, int on)
{
	int found;
	long i = tag_find(L, id, &found);
	if (on < 0)
		on = !found;
	if (found && !on) {
		memmove(L->tags + i, L->tags + i + 1, (size_t)(L->ntags - i - 1) * sizeof *L->tags);
		L->ntags--;
	} else if (!found && on) {
		if (L->ntags == L->tagcap) {
			long cap = L->tagcap ? L->tagcap * 2 : 64;
			void *grown = realloc(L->tags, (size_t)cap * sizeof *L->tags);
			if (!grown)
				return -1;
			L->tags = grown;
			L->tagcap = cap;
		}
		memmove(L->tags + i + 1, L->tags + i, (size_t)(L->ntags - i) * sizeof *L->tags);
		snprintf(L->tags[i], sizeof L->tags[i], "%s", id);
		L->ntags++;
	}
	return 0;
}

struct tagger { struct list *L; long seen; };

static int tag_match(void *ctx, const struct household *h)
{
	struct tagger *t = ctx;
	if (++t->seen > TAG_MAX)
		return 1;
	return tag_set(t->L, h->id, 1);
}

/* --- drawing ----------------------------------------------------------------------- */

enum { C_ID, C_HEAD, C_SIZE, C_VILLAGE, C_TYPE, C_CATEGORY, C_STATE, C_INCOME, C_COUNT };
static const struct column {
	const char *title;
	int min, max, priority, right;    /* priority 0 is kept longest when narrow */
} columns[C_COUNT] = {
	[C_ID]       = {"ID",         14, 14, 0, 0},
	[C_HEAD]     = {"户主",        8, 12, 1, 0},
	[C_SIZE]     = {"人数",        4,  4, 5, 1},
	[C_VILLAGE]  = {"行政村",     10, 24, 4, 0},
	[C_TYPE]     = {"户类型",      8,  8, 7, 0},
	[C_CATEGORY] = {"监测类别",   12, 12, 6, 0},
	[C_STATE]    = {"状态",        8, 12, 2, 0},
	[C_INCOME]   = {"人均纯收入", 10, 10, 3, 1},
};
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
	for (int p = 7; p > 0 && need > width; p--)
		for (int c = 0; c < C_COUNT; c++)
			if (on[c] && columns[c].priority == p) {
				on[c] = 0;
				need -= columns[c].min + 1;
			}
	static const int grow_order[C_COUNT] = {C_HEAD, C_STATE, C_VILLAGE, C_ID, C_SIZE, C_TYPE,
	                                        C_CATEGORY, C_INCOME};
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
	}
	return "";
}

static void list_draw(struct ui *ui, struct view *v, long line, int y, int selected)
{
	struct list *L = v->priv;
	const struct lrow *r = &L->rows[line];
	attr_t base = selected ? draw_style(ST_CURSOR) : A_NORMAL;
	if (L->laid_out != COLS)
		layout(L, COLS);
	draw_blank(y, 0, COLS, base);
	if (is_tagged(L, r->id))
		draw_text(y, 0, TAG_CELLS, "*", base | draw_style(ST_TAG), 0);
	for (int c = 0; c < C_COUNT; c++) {
		char buf[32];
		if (L->widths[c])
			draw_text(y, L->xs[c], L->widths[c], cell(r, c, buf, sizeof buf), base, columns[c].right);
	}
}

static void list_header(struct ui *ui, struct view *v, int y)
{
	struct list *L = v->priv;
	if (L->laid_out != COLS)
		layout(L, COLS);
	attr_t a = draw_style(ST_HEADER);
	draw_blank(y, 0, COLS, a);
	for (int c = 0; c < C_COUNT; c++)
		if (L->widths[c])
			draw_text(y, L->xs[c], L->widths[c], columns[c].title, a, columns[c].right);
}

static void list_title(struct ui *ui, struct view *v, char *out, size_t n)
{
	struct list *L = v->priv;
	char where[64] = "", tags[32] = "";
	if (v->lines && v->base >= 0 && v->at_end)
		snprintf(where, sizeof where, "  row %ld of %ld", v->base + v->pos + 1, v->base + v->lines);
	else if (v->lines && v->base >= 0)
		snprintf(where, sizeof where, "  row %ld", v->base + v->pos + 1);
	if (L->ntags)
		snprintf(tags, sizeof tags, "  %ld tagged", L->ntags);
	snprintf(out, n, "Households%s%s%s%s%s", L->limit[0] ? "  [limit: " : "", L->limit,
	         L->limit[0] ? "]" : "", where, tags);
	if (v->lines == 0)
		snprintf(out + strlen(out), n - strlen(out), "  (none%s)", L->limit[0] ? " match: l changes the limit" : "");
}

static int list_text(struct view *v, long line, char *out, size_t n)
{
	const struct lrow *r = &((struct list *)v->priv)->rows[line];
	snprintf(out, n, "%s %s %s", r->id, r->head, r->village);
	return 0;
}

/* --- actions ----------------------------------------------------------------------- */

/* The limit plus extra terms, parsed. */
static int query_with(struct ui *ui, const struct list *L, const char *extra, struct query *q)
{
	char text[600], err[256];
	snprintf(text, sizeof text, "%s %s", L->limit, extra ? extra : "");
	if (query_parse(text, q, err, sizeof err)) {
		ui_status(ui, 1, "%s", err);
		return -1;
	}
	return 0;
}

/* Put the cursor on row r (in the window, or a new window around it). */
static int go_to(struct ui *ui, struct view *v, struct list *L, const struct lrow *r)
{
	long i = find_row(v, L, r->id);
	if (i >= 0) {
		view_select(ui, v, i);
		return REQ_DONE;
	}
	if (window_around(ui, v, L, r, ui_body_rows(ui, v) / 2) < 0)
		return -1;
	return view_settle(ui, v);
}

struct first { struct lrow row; int found; };

static int first_match(void *ctx, const struct household *h)
{
	struct first *f = ctx;
	row_from(&f->row, h);
	f->found = 1;
	return 1;
}

static int list_search(struct ui *ui, struct view *v, struct list *L, int backward)
{
	struct query q;
	if (query_with(ui, L, ui->search, &q))
		return -1;
	const struct lrow *cur = v->lines ? &L->rows[v->pos] : NULL;
	struct first f = {.found = 0};
	int wrapped = 0, rc = 0;
	for (int pass = 0; pass < 2 && !f.found; pass++) {
		const struct lrow *from = pass == 0 ? cur : NULL;
		wrapped = pass == 1;
		if (backward) {
			int at_start;
			long n = read_before(ui, &q, from, 1, &f.row, &at_start);
			if (n < 0)
				return -1;
			f.found = n > 0;
		} else if ((rc = store_household_list(ui->s, &ui->me, &q, from ? from->id : NULL, 1,
		                                      first_match, &f))) {
			return ui_store_error(ui, rc);
		}
		if (!cur)
			break;
	}
	if (!f.found) {
		ui_status(ui, 1, "no household matches \"%s\"%s", ui->search, L->limit[0] ? " within the limit" : "");
		return -1;
	}
	if (wrapped)
		ui_status(ui, 0, "search hit %s, continuing at %s: %s", backward ? "TOP" : "BOTTOM",
		          backward ? "BOTTOM" : "TOP", ui->search);
	return go_to(ui, v, L, &f.row);
}

static int ask(struct ui *ui, const char *label, char *buf, size_t n)
{
	int rc = prompt_line(ui, label, buf, n, NULL);
	if (rc == PROMPT_END)
		ui->quit = 1;
	return rc == PROMPT_OK ? 0 : -1;
}

static int set_limit(struct ui *ui, struct view *v, struct list *L, const char *text)
{
	struct query q;
	char err[256];
	if (query_parse(text, &q, err, sizeof err)) {
		ui_status(ui, 1, "%s", err);
		return -1;
	}
	snprintf(L->limit, sizeof L->limit, "%s", text);
	L->q = q;
	reset(v);
	if (fetch_down(ui, v, L) < 0)
		return -1;
	if (v->lines == 0)
		ui_status(ui, 0, "no household matches \"%s\"", text);
	return REQ_DONE;
}

int view_list_limit(struct ui *ui, struct view *v, const char *query)
{
	return set_limit(ui, v, v->priv, query);
}

static int tag_pattern(struct ui *ui, struct view *v, struct list *L)
{
	char pattern[256] = "";
	struct query q;
	if (ask(ui, "tag households matching: ", pattern, sizeof pattern) || !pattern[0] ||
	    query_with(ui, L, pattern, &q))
		return REQ_DONE;
	struct tagger t = {L, 0};
	long before = L->ntags;
	int rc = store_household_list(ui->s, &ui->me, &q, NULL, TAG_MAX + 1, tag_match, &t);
	if (rc)
		return ui_store_error(ui, rc);
	v->dirty = 1;
	if (t.seen > TAG_MAX)
		ui_status(ui, 1, "tagged the first %d matches only: narrow the query", TAG_MAX);
	else
		ui_status(ui, 0, "%ld newly tagged (%ld match \"%s\"); %ld tagged in all",
		          L->ntags - before, t.seen, pattern, L->ntags);
	return REQ_DONE;
}

static int tag_prefix(struct ui *ui, struct view *v, struct list *L)
{
	if (L->ntags == 0) {
		ui_status(ui, 1, "no household is tagged (t tags, T tags by query)");
		return -1;
	}
	char label[128];
	int key;
	snprintf(label, sizeof label, "apply to %ld tagged: press the action's key (E edit, t untag) ",
	         L->ntags);
	int rc = prompt_key(ui, label, &key);
	if (rc == PROMPT_END)
		ui->quit = 1;
	if (rc != PROMPT_OK)
		return REQ_DONE;
	enum action a = keymap_lookup(&ui->keys, v->ops->name, key);
	if (!(actions[a].flags & A_TAGGABLE)) {
		char name[32];
		key_describe(key, name, sizeof name);
		ui_status(ui, 1, "%s (%s) cannot be applied to tagged households", name, actions[a].name);
		return -1;
	}
	if ((actions[a].flags & A_WRITE) && !access_may_write(&ui->me)) {
		ui_status(ui, 1, "an %s may read but not change the register", access_role_code(ui->me.role));
		return -1;
	}
	v->dirty = 1;
	if (a == ACT_TAG) {
		long n = L->ntags;
		L->ntags = 0;
		ui_status(ui, 0, "untagged %ld households", n);
		return REQ_DONE;
	}
	/* ACT_EDIT: a copy of the ids, the tags may change while the form runs */
	char (*ids)[20] = malloc((size_t)L->ntags * sizeof *ids);
	if (!ids) {
		ui_status(ui, 1, "out of memory");
		return -1;
	}
	memcpy(ids, L->tags, (size_t)L->ntags * sizeof *ids);
	form_edit_many(ui, ids, L->ntags);
	free(ids);
	return REQ_DONE;
}

static int list_request(struct ui *ui, struct view *v, enum action a)
{
	struct list *L = v->priv;
	const struct lrow *r = v->lines ? &L->rows[v->pos] : NULL;
	char text[256];
	switch (a) {
	case ACT_OPEN: return view_household_push(ui, r->id, -1, 0);
	case ACT_HISTORY: return view_history_push(ui, r->id);
	case ACT_LIMIT:
		snprintf(text, sizeof text, "%s", L->limit);
		if (ask(ui, "limit (e.g. county:佛冈县 category:边缘易致贫户 income<6000): ", text, sizeof text))
			return REQ_DONE;
		return set_limit(ui, v, L, text);
	case ACT_SEARCH:
		text[0] = '\0';
		if (ask(ui, "/ (name, ID digits, village): ", text, sizeof text) || !text[0])
			return REQ_DONE;
		snprintf(ui->search, sizeof ui->search, "%s", text);
		return list_search(ui, v, L, 0);
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		if (!ui->search[0]) {
			ui_status(ui, 1, "no search yet: / searches");
			return -1;
		}
		return list_search(ui, v, L, a == ACT_SEARCH_PREV);
	case ACT_TAG:
		if (tag_set(L, r->id, -1))
			return -1;
		v->dirty = 1;
		return view_move(ui, v, 1);
	case ACT_TAG_PATTERN: return tag_pattern(ui, v, L);
	case ACT_TAG_PREFIX: return tag_prefix(ui, v, L);
	case ACT_EDIT: {
		struct edit e;
		memset(&e, 0, sizeof e);
		snprintf(e.household, sizeof e.household, "%s", r->id);
		e.field = -1;
		e.version = r->version;
		form_edit(ui, &e);
		return REQ_DONE;
	}
	default:
		return REQ_PASS;
	}
}

static void list_close(struct view *v)
{
	struct list *L = v->priv;
	if (L) {
		free(L->rows);
		free(L->tags);
		free(L);
	}
}

const struct view_ops view_list_ops = {
	.name = "list",
	.open = list_open,
	.draw = list_draw,
	.request = list_request,
	.fetch = list_fetch,
	.title = list_title,
	.header = list_header,
	.text = list_text,
	.close = list_close,
};

int view_list_push(struct ui *ui)
{
	struct list *L = calloc(1, sizeof *L);
	if (!L) {
		ui_status(ui, 1, "out of memory");
		return -1;
	}
	return ui_push(ui, &view_list_ops, L);
}
