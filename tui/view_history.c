/* view_history.c — a household's audit history, newest first: when, who, what, why and
 * the commit, one change a line (store_history_list reads it from the events table, so
 * it costs one indexed query however long the repository's log is). Enter shows the
 * diff that change made to the household's audit file, read from git. Changes newer
 * than the user's last look at this history (tui/seen.c) are marked `+`, and `s` shows
 * all of them as one page of diffs. */
#include "tui/ui_view.h"
#include "core/grow.h"
#include "tui/seen.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct hentry {
	long event, at, files;
	char commit[41], login[64], name[128], verb[32];
	char *why;
};

struct hist {
	char household[32];
	struct hentry *e;
	long n, cap;
	long seen;            /* the newest event seen when this view opened (0: never) */
	int seen_read;
};

static void entries_clear(struct hist *H)
{
	for (long i = 0; i < H->n; i++)
		free(H->e[i].why);
	H->n = 0;
}

static int keep_entry(void *ctx, const struct history_entry *x)
{
	struct hist *H = ctx;
	if (GROW(H->e, H->cap, H->n + 1, 32))
		return -1;
	struct hentry *e = &H->e[H->n];
	e->event = x->event;
	e->at = x->at;
	e->files = x->files;
	snprintf(e->commit, sizeof e->commit, "%s", x->commit);
	snprintf(e->login, sizeof e->login, "%s", x->login);
	snprintf(e->name, sizeof e->name, "%s", x->name);
	snprintf(e->verb, sizeof e->verb, "%s", x->verb);
	if (!(e->why = strdup(x->why ? x->why : "")))
		return -1;
	H->n++;
	return 0;
}

static int hist_open(struct ui *ui, struct view *v)
{
	struct hist *H = v->priv;
	long keep = v->lines ? H->e[v->pos].event : 0;
	entries_clear(H);
	int rc = store_history_list(ui->s, &ui->me, H->household, 0, keep_entry, H);
	if (rc)
		return ui_store_error(ui, rc);
	if (!H->seen_read) {
		/* what was new when the user came: marked for this whole visit */
		H->seen = seen_get(ui, H->household);
		H->seen_read = 1;
	}
	if (H->n && seen_set(ui, H->household, H->e[0].event))
		ui_log(ui, "could not remember what you have seen of %s", H->household);
	v->lines = H->n;
	v->at_start = v->at_end = 1;
	for (long i = 0; keep && i < H->n; i++)
		if (H->e[i].event == keep)
			view_select(ui, v, i);
	v->dirty = 1;
	return 0;
}

static void when(long at, char *out, size_t n)
{
	time_t t = (time_t)at;
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, n, "%Y-%m-%d %H:%M", &tm);
}

static void hist_draw(struct ui *ui, struct view *v, long line, int y, int selected)
{
	const struct hentry *e = &((struct hist *)v->priv)->e[line];
	attr_t base = selected ? draw_style(ST_CURSOR) : A_NORMAL;
	char date[32], who[256], commit[16];
	when(e->at, date, sizeof date);
	snprintf(who, sizeof who, "%s %s", e->login, e->name);
	snprintf(commit, sizeof commit, "%.8s", e->commit[0] ? e->commit : "pending");
	struct hist *H = v->priv;
	int x = 0;
	draw_blank(y, 0, COLS, base);
	if (e->event > H->seen)   /* new since the user last looked */
		draw_text(y, 0, 1, "+", base | (selected ? 0 : draw_style(ST_SECTION)), 0);
	draw_text(y, x + 1, 16, date, base, 0);
	x += 18;
	int whow = COLS >= 100 ? 20 : 12;
	draw_text(y, x, whow, who, base, 0);
	x += whow + 1;
	draw_text(y, x, 8, e->verb, base | (selected ? 0 : draw_style(ST_SECTION)), 0);
	x += 9;
	int whyw = COLS - x - 10;
	draw_text(y, x, whyw, e->why, base, 0);
	draw_text(y, COLS - 9, 8, commit, base | (selected ? 0 : draw_style(ST_DIM)), 0);
}

static void hist_header(struct ui *ui, struct view *v, int y)
{
	attr_t a = draw_style(ST_HEADER);
	int whow = COLS >= 100 ? 20 : 12;
	draw_blank(y, 0, COLS, a);
	draw_text(y, 1, 16, "when", a, 0);
	draw_text(y, 18, whow, "who", a, 0);
	draw_text(y, 19 + whow, 8, "what", a, 0);
	draw_text(y, 28 + whow, 20, "why", a, 0);
	draw_text(y, COLS - 9, 8, "commit", a, 0);
}

static long new_count(const struct hist *H)
{
	long n = 0;
	for (long i = 0; i < H->n; i++)
		n += H->e[i].event > H->seen;
	return n;
}

static void hist_title(struct ui *ui, struct view *v, char *out, size_t n)
{
	struct hist *H = v->priv;
	long fresh = new_count(H);
	char since[64];
	if (!H->seen)
		snprintf(since, sizeof since, "first look");
	else
		snprintf(since, sizeof since, "%ld new since you last looked", fresh);
	snprintf(out, n, "History of %s  (%ld change%s, %s; %s diff, %s all new)", H->household,
	         H->n, H->n == 1 ? "" : "s", since, ui_key(ui, "history", ACT_OPEN),
	         ui_key(ui, "history", ACT_SINCE));
}

/* s: every change since the user last looked, as one page of diffs, oldest first. */
static int show_since(struct ui *ui, struct hist *H)
{
	struct buf text = {0};
	char title[128];
	long fresh = new_count(H);
	if (!H->seen || !fresh) {
		ui_status(ui, 0, H->seen ? "nothing changed since you last looked"
		                         : "your first look: every change is new (Enter shows one)");
		return REQ_DONE;
	}
	for (long i = fresh - 1; i >= 0; i--) {
		const struct hentry *e = &H->e[i];
		char date[32];
		when(e->at, date, sizeof date);
		buf_addf(&text, "%s  %s %s  %s: %s\n", date, e->login, e->name, e->verb, e->why);
		if (e->commit[0]) {
			int rc = store_history_diff(ui->s, &ui->me, H->household, e->commit, &text);
			if (rc) {
				buf_free(&text);
				return ui_store_error(ui, rc);
			}
		}
		buf_adds(&text, "\n");
	}
	snprintf(title, sizeof title, "%ld change%s to %s since you last looked", fresh,
	         fresh == 1 ? "" : "s", H->household);
	int rc = view_pager_push(ui, title, buf_str(&text) ? text.s : "", PAGER_DIFF);
	buf_free(&text);
	return rc;
}

static int hist_text(struct view *v, long line, char *out, size_t n)
{
	const struct hentry *e = &((struct hist *)v->priv)->e[line];
	char date[32];
	when(e->at, date, sizeof date);
	snprintf(out, n, "%s %s %s %s %s %s", date, e->login, e->name, e->verb, e->why, e->commit);
	return 0;
}

/* Enter: the change as `git show` would print it, for this household's file. */
static int show_diff(struct ui *ui, struct hist *H, const struct hentry *e)
{
	struct buf text = {0};
	char date[32], title[128];
	if (!e->commit[0]) {
		ui_status(ui, 1, "event %ld is not in the audit history yet (it is written at the next "
		          "start or save)", e->event);
		return -1;
	}
	when(e->at, date, sizeof date);
	buf_addf(&text, "commit %s\nAuthor: %s <%s@bangfu>\nDate:   %s\nEvent:  %ld (%s, %ld file%s)\n\n"
	         "    %s\n\n", e->commit, e->name, e->login, date, e->event, e->verb, e->files,
	         e->files == 1 ? "" : "s", e->why);
	int rc = store_history_diff(ui->s, &ui->me, H->household, e->commit, &text);
	if (rc) {
		buf_free(&text);
		return ui_store_error(ui, rc);
	}
	snprintf(title, sizeof title, "Change %.10s to %s", e->commit, H->household);
	rc = view_pager_push(ui, title, buf_str(&text) ? text.s : "", PAGER_DIFF);
	buf_free(&text);
	return rc;
}

static int hist_request(struct ui *ui, struct view *v, enum action a)
{
	struct hist *H = v->priv;
	if (a == ACT_OPEN)
		return show_diff(ui, H, &H->e[v->pos]);
	if (a == ACT_SINCE)
		return show_since(ui, H);
	return REQ_PASS;
}

static void hist_close(struct view *v)
{
	struct hist *H = v->priv;
	if (!H)
		return;
	entries_clear(H);
	free(H->e);
	free(H);
}

const struct view_ops view_history_ops = {
	.name = "history",
	.open = hist_open,
	.draw = hist_draw,
	.request = hist_request,
	.title = hist_title,
	.header = hist_header,
	.text = hist_text,
	.close = hist_close,
};

int view_history_push(struct ui *ui, const char *household)
{
	struct hist *H = calloc(1, sizeof *H);
	if (!H) {
		ui_status(ui, 1, "out of memory");
		return -1;
	}
	snprintf(H->household, sizeof H->household, "%s", household);
	return ui_push(ui, &view_history_ops, H);
}
