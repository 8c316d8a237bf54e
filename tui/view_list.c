/* view_list.c — the households in the user's scope, page by page (the first view).
 *
 * The view never loads the whole table: it holds a window of at most WINDOW_MAX rows and
 * reads CHUNK more at either end with keyset queries (list_rows.c), dropping rows at the
 * far end of the window. The first screen costs one query of CHUNK rows; the title's
 * "row N of M" comes from a cheap count (list_extra.c).
 *
 * `l` limits with the query language of `bangfu list` (shown in the title); `/` and n/N
 * are store queries (the limit plus the search terms) starting after / before the cursor,
 * wrapping at the ends; `t` tags, `T` tags every match of a query, `;` applies the next
 * action (edit-field, tag) to all tagged households after confirming the count; '' goes
 * back to the row before the last search or jump; w writes the list to a file. */
#include "tui/view_list.h"
#include "core/i18n.h"
#include "core/grow.h"
#include "tui/form.h"
#include "tui/prompt.h"
#include "tui/place_choices.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK LIST_CHUNK
#define WINDOW_MAX 1024
#define TAG_MAX 5000

static int ensure_cap(struct ui *ui, struct list *L, long n)
{
	if (GROW(L->rows, L->cap, n, CHUNK)) {
		ui_status(ui, 1, _("out of memory"));
		return -1;
	}
	return 0;
}

/* --- the window ------------------------------------------------------------------ */

static int fetch_down(struct ui *ui, struct view *v, struct list *L)
{
	if (ensure_cap(ui, L, v->lines + CHUNK))
		return -1;
	long n = lrow_read_after(ui, &L->q, v->lines ? L->rows[v->lines - 1].id : NULL, CHUNK,
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
	long n = got ? lrow_read_before(ui, &L->q, v->lines ? &L->rows[0] : NULL, CHUNK, got, &at_start) : -1;
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
	long n = lrow_read_before(ui, &L->q, NULL, CHUNK, L->rows, &at_start);
	if (n < 0)
		return -1;
	reset(v);
	v->lines = n;
	v->at_start = at_start;
	v->at_end = 1;
	v->base = at_start ? 0 : -1;
	list_find_base(ui, v, L);
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
	long n = lrow_read_before(ui, &L->q, &key, above, L->rows, &at_start);
	if (n < 0)
		return -1;
	long m = lrow_read_after(ui, &L->q, n ? L->rows[n - 1].id : NULL, CHUNK, L->rows + n);
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
	list_find_base(ui, v, L);
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
	list_count(ui, L);
	if (v->lines == 0) {
		reset(v);
		return fetch_down(ui, v, L) < 0 ? -1 : 0;
	}
	struct lrow at = L->rows[v->pos];
	return window_around(ui, v, L, &at, v->pos - v->top);
}

struct tagger { struct tags *tags; long seen; };

static int tag_match(void *ctx, const struct household *h)
{
	struct tagger *t = ctx;
	if (++t->seen > TAG_MAX)
		return 1;
	return tags_set(t->tags, h->id, 1);
}

static int list_text(struct view *v, long line, char *out, size_t n)
{
	const struct lrow *r = &((struct list *)v->priv)->rows[line];
	snprintf(out, n, "%s %s %s %s", r->id, r->head, r->village, r->no);
	return 0;
}

/* --- actions ----------------------------------------------------------------------- */

/* The limit plus extra terms, parsed. */
static int query_with(struct ui *ui, const struct list *L, const char *extra, struct query *q)
{
	char text[600], err[256];
	snprintf(text, sizeof text, "%s %s", L->limit, extra ? extra : "");
	if (query_parse(store_code_lists(ui->s), text, q, err, sizeof err)) {
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

struct first { struct lrow row; int found; const struct code_lists *lists; const struct query *q; };

static int first_match(void *ctx, const struct household *h)
{
	struct first *f = ctx;
	lrow_from(f->lists, &f->row, h);
	lrow_match(&f->row, h, f->q);
	f->found = 1;
	return 1;
}

/* Before a search or a jump: where the cursor was, for ''. */
static void remember(struct view *v, struct list *L)
{
	if (v->lines) {
		L->back = L->rows[v->pos];
		L->has_back = 1;
	}
}

/* '': back to the row before the last search or jump (and '' again returns). */
static int jump_back(struct ui *ui, struct view *v, struct list *L)
{
	int key = '\'', rc = PROMPT_OK;
	if (ui->key == '\'')      /* '' as in vi: the second quote; ^O needs none */
		rc = prompt_key(ui, "'", &key);
	if (rc != PROMPT_OK)
		return REQ_DONE;
	if (key != '\'') {
		ui_status(ui, 1, _("'' (the key twice) goes back to where you were before a search or jump"));
		return -1;
	}
	if (!L->has_back) {
		ui_status(ui, 1, _("no search or jump yet: '' goes back to where you were before one"));
		return -1;
	}
	struct lrow to = L->back;
	remember(v, L);
	return go_to(ui, v, L, &to);
}

static int list_search(struct ui *ui, struct view *v, struct list *L, int backward, int fresh)
{
	struct query q;
	char text[600];
	if (query_with(ui, L, ui->search, &q))
		return -1;
	snprintf(text, sizeof text, "%s\1%s", L->limit, ui->search);
	const struct lrow *cur = v->lines ? &L->rows[v->pos] : NULL;
	struct first f = {.found = 0, .lists = store_code_lists(ui->s), .q = &q};
	int wrapped = 0, rc = search_walk_step(ui, &L->walk, text, &q, cur ? cur->key : NULL,
	                                       backward, fresh, &f.row, &wrapped);
	if (rc < 0)
		return -1;
	f.found = rc == WALK_FOUND;
	int ask_store = rc == WALK_NOT_KEPT;   /* a dense result: the store finds the next */
	rc = 0;
	for (int pass = 0; ask_store && pass < 2 && !f.found; pass++) {
		const struct lrow *from = pass == 0 ? cur : NULL;
		wrapped = pass == 1;
		if ((rc = store_household_rows(ui->s, &ui->me, &q, from ? from->id : NULL, 1,
		                                   backward, first_match, &f)))
			return ui_store_error(ui, rc);
		if (!cur)
			break;
	}
	if (!f.found) {
		ui_status(ui, 1, L->limit[0] ? _("no household matches \"%s\" within the limit")
		                             : _("no household matches \"%s\""), ui->search);
		return -1;
	}
	snprintf(L->match_id, sizeof L->match_id, "%s", f.row.id);
	snprintf(L->match_name, sizeof L->match_name, "%s", f.row.matched);
	v->dirty = 1;             /* the match's row shows the member, also where the cursor stays */
	remember(v, L);
	if (wrapped)
		ui_status(ui, 0, backward ? _("search hit TOP, continuing at BOTTOM: %s")
		                          : _("search hit BOTTOM, continuing at TOP: %s"), ui->search);
	return go_to(ui, v, L, &f.row);
}

static int ask_choices(struct ui *ui, const char *label, char *buf, size_t n,
                       const char *const *choices)
{
	return prompt_line(ui, label, buf, n, choices) == PROMPT_OK ? 0 : -1;
}

static int ask(struct ui *ui, const char *label, char *buf, size_t n)
{
	return ask_choices(ui, label, buf, n, NULL);
}

static int set_limit(struct ui *ui, struct view *v, struct list *L, const char *text)
{
	struct query q;
	char err[256];
	if (query_parse(store_code_lists(ui->s), text, &q, err, sizeof err)) {
		ui_status(ui, 1, "%s", err);
		return -1;
	}
	snprintf(L->limit, sizeof L->limit, "%s", text);
	L->q = q;
	L->match_id[0] = '\0';
	list_count(ui, L);
	reset(v);
	if (fetch_down(ui, v, L) < 0)
		return -1;
	if (v->lines == 0)
		ui_status(ui, 0, _("no household matches \"%s\""), text);
	return REQ_DONE;
}

static int tag_pattern(struct ui *ui, struct view *v, struct list *L)
{
	char pattern[256] = "";
	struct query q;
	if (ask(ui, _("tag households matching: "), pattern, sizeof pattern) || !pattern[0] ||
	    query_with(ui, L, pattern, &q))
		return REQ_DONE;
	struct tagger t = {&L->tags, 0};
	long before = L->tags.n;
	int rc = store_household_rows(ui->s, &ui->me, &q, NULL, TAG_MAX + 1, 0, tag_match, &t);
	if (rc)
		return ui_store_error(ui, rc);
	v->dirty = 1;
	if (t.seen > TAG_MAX)
		ui_status(ui, 1, _("tagged the first %d matches only: narrow the query"), TAG_MAX);
	else
		ui_status(ui, 0, _("%ld newly tagged (%ld match \"%s\"); %ld tagged in all"),
		          L->tags.n - before, t.seen, pattern, L->tags.n);
	return REQ_DONE;
}

static int tag_prefix(struct ui *ui, struct view *v, struct list *L)
{
	if (L->tags.n == 0) {
		ui_status(ui, 1, _("no household is tagged (%s tags, %s tags by query)"), ui_key(ui, "list", ACT_TAG), ui_key(ui, "list", ACT_TAG_PATTERN));
		return -1;
	}
	char label[400];
	int key;
	snprintf(label, sizeof label, _("apply to %ld tagged: press the action's key (%s edit, %s untag) "),
	         L->tags.n, ui_key(ui, "list", ACT_EDIT), ui_key(ui, "list", ACT_TAG));
	int rc = prompt_key(ui, label, &key);
	if (rc != PROMPT_OK)
		return REQ_DONE;
	enum action a = keymap_lookup(&ui->keys, v->ops->name, key);
	if (!(actions[a].flags & A_TAGGABLE)) {
		char name[32];
		key_describe(key, name, sizeof name);
		ui_status(ui, 1, _("%s (%s) cannot be applied to tagged households"), name, actions[a].name);
		return -1;
	}
	if ((actions[a].flags & A_WRITE) && !access_may_write(&ui->me)) {
		ui_status(ui, 1, _("an %s may read but not change the register"), ui_role(ui));
		return -1;
	}
	v->dirty = 1;
	if (a == ACT_TAG) {
		long n = L->tags.n;
		tags_clear(&L->tags);
		ui_status(ui, 0, _("untagged %ld households"), n);
		return REQ_DONE;
	}
	/* ACT_EDIT: a copy of the ids, the tags may change while the form runs */
	char (*ids)[20] = malloc((size_t)L->tags.n * sizeof *ids);
	if (!ids) {
		ui_status(ui, 1, _("out of memory"));
		return -1;
	}
	memcpy(ids, L->tags.id, (size_t)L->tags.n * sizeof *ids);
	form_edit_many(ui, ids, L->tags.n);
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
		const char **places = place_choices(ui->me.scope);   /* town:龙 Tab: town:龙山镇 */
		int asked = ask_choices(ui, _("limit (e.g. county:佛冈县 category:边缘易致贫户 income<6000): "),
		                        text, sizeof text, places);
		free(places);
		if (asked)
			return REQ_DONE;
		return set_limit(ui, v, L, text);
	case ACT_SEARCH:
		text[0] = '\0';
		if (ask(ui, _("/ (name, ID digits, village): "), text, sizeof text) || !text[0])
			return REQ_DONE;
		snprintf(ui->search, sizeof ui->search, "%s", text);
		return list_search(ui, v, L, 0, 1);
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		if (!ui->search[0]) {
			ui_status(ui, 1, _("no search yet: %s searches"), ui_key(ui, "list", ACT_SEARCH));
			return -1;
		}
		return list_search(ui, v, L, a == ACT_SEARCH_PREV, 0);
	case ACT_TAG:
		if (tags_set(&L->tags, r->id, -1))
			return -1;
		v->dirty = 1;
		return view_move(ui, v, 1);
	case ACT_TAG_PATTERN: return tag_pattern(ui, v, L);
	case ACT_JUMP_BACK: return jump_back(ui, v, L);
	case ACT_WRITE: return list_write(ui, L);
	case ACT_FIRST:
	case ACT_LAST:
		remember(v, L);
		return REQ_PASS;
	case ACT_TAG_PREFIX: return tag_prefix(ui, v, L);
	case ACT_EDIT: {
		struct edit e;
		if (!r)
			return REQ_PASS;          /* an empty list: nothing to edit */
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
	free(L->rows);
	tags_free(&L->tags);
	search_walk_free(&L->walk);
}

const struct view_ops view_list_ops = {
	.name = "list",
	.priv_size = sizeof(struct list),
	.open = list_open,
	.draw = list_draw,
	.request = list_request,
	.fetch = list_fetch,
	.title = list_title,
	.header = list_header,
	.text = list_text,
	.close = list_close,
};

/* A new list view on the stack, limited to query when not NULL (the dashboard's
 * drill-down: q goes back to the view under it). */
int view_list_push_limited(struct ui *ui, const char *query)
{
	struct list L = {.total = -1};
	if (query) {
		char err[256];
		if (query_parse(store_code_lists(ui->s), query, &L.q, err, sizeof err)) {
			ui_status(ui, 1, "%s", err);
			return -1;
		}
		snprintf(L.limit, sizeof L.limit, "%s", query);
	}
	return ui_push(ui, &view_list_ops, &L);
}

int view_list_push(struct ui *ui)
{
	return view_list_push_limited(ui, NULL);
}
