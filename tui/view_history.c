/* view_history.c — a household's audit history, newest first: when, who, what (the
 * fields, step or record the change touched: 家庭住址, 入户核实), why and the commit,
 * one change a line (store_history_list reads it from the events table, so
 * it costs one indexed query however long the repository's log is). Enter shows the
 * diff that change made to the household's audit file, read from git. Changes newer
 * than the user's last look at this history (tui/seen.c) are marked `+`, and `s` shows
 * all of them as one page of diffs.
 *
 * The same view without a household is "recent changes" (c): every change in the user's
 * scope of the last RECENT_DAYS days (store_recent_list, scoped as `audit log`), the
 * household it touched before what it did; Enter shows that change's diff. A value cut by
 * its column ends in DRAW_CUT; Enter shows the change whole. */
#include "tui/ui_view.h"
#include "core/i18n.h"
#include "core/grow.h"
#include "tui/seen.h"
#include "tui/household_actions.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RECENT_DAYS 7
#define RECENT_MAX 5000

struct hentry {
	long event, at, files;
	char commit[41], login[64], name[128], verb[32], subject[64], what[128], household[24];
	char *why;
};

struct hist {
	char household[32];       /* "": recent changes in scope */
	long since;               /* recent: from this unix time */
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
	snprintf(e->subject, sizeof e->subject, "%s", x->subject);
	snprintf(e->what, sizeof e->what, "%s", x->what);
	snprintf(e->household, sizeof e->household, "%s", x->household);
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
	int rc = H->household[0] ? store_history_list(ui->s, &ui->me, H->household, 0, keep_entry, H)
	                         : store_recent_list(ui->s, &ui->me, H->since, RECENT_MAX, keep_entry, H);
	if (rc)
		return ui_store_error(ui, rc);
	if (!H->household[0]) {
		H->seen = LONG_MAX;       /* recent changes mark nothing as new */
		H->seen_read = 1;
	} else if (!H->seen_read) {
		/* what was new when the user came: marked for this whole visit */
		H->seen = seen_get(ui, H->household);
		H->seen_read = 1;
	}
	if (H->household[0] && H->n && seen_set(ui, H->household, H->e[0].event))
		ui_log(ui, _("could not remember what you have seen of %s"), H->household);
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

/* The what column: the fields or step, else the verb and subject; in recent changes
 * after the household it touched. */
static void what_text(const struct hist *H, const struct hentry *e, char *out, size_t n)
{
	if (e->what[0])
		snprintf(out, n, "%s%s%s", H->household[0] ? "" : e->household,
		         H->household[0] ? "" : " ", e->what);
	else
		snprintf(out, n, "%s %s", e->verb, e->subject);
}

/* The columns when, who, what, why, commit: their widths at the screen's width (why
 * takes the rest; recent changes at 80 columns leave the commit out for the what). */
enum { HC_WHEN, HC_WHO, HC_WHAT, HC_WHY, HC_COMMIT, HC_COUNT };
static void layout(const struct hist *H, int w[HC_COUNT])
{
	int wide = COLS >= 100, recent = !H->household[0];
	w[HC_WHEN] = 16;
	w[HC_WHO] = wide ? 20 : 12;
	w[HC_WHAT] = recent ? (wide ? 40 : 30) : (wide ? 24 : 16);
	w[HC_COMMIT] = recent && !wide ? 0 : 8;
	w[HC_WHY] = COLS - 1 - (w[HC_WHEN] + 1) - (w[HC_WHO] + 1) - (w[HC_WHAT] + 1) -
	            (w[HC_COMMIT] ? w[HC_COMMIT] + 1 : 0);
}

static void hist_draw(struct ui *ui, struct view *v, long line, int y, int selected)
{
	struct hist *H = v->priv;
	const struct hentry *e = &H->e[line];
	attr_t base = selected ? draw_style(ST_CURSOR) : A_NORMAL;
	char cell[HC_COUNT][256];
	int w[HC_COUNT], x = 1;
	layout(H, w);
	when(e->at, cell[HC_WHEN], sizeof cell[0]);
	snprintf(cell[HC_WHO], sizeof cell[0], "%s %s", e->login, e->name);
	what_text(H, e, cell[HC_WHAT], sizeof cell[0]);
	snprintf(cell[HC_WHY], sizeof cell[0], "%s", e->why);
	snprintf(cell[HC_COMMIT], sizeof cell[0], "%.8s", e->commit[0] ? e->commit : _("pending"));
	draw_blank(y, 0, COLS, base);
	if (e->event > H->seen)   /* new since the user last looked */
		draw_text(y, 0, 1, "+", base | (selected ? 0 : draw_style(ST_SECTION)), 0);
	for (int c = 0; c < HC_COUNT; c++) {
		attr_t a = base | (selected ? 0 : c == HC_WHAT ? draw_style(ST_SECTION)
		                              : c == HC_COMMIT ? draw_style(ST_DIM) : 0);
		if (w[c] > 0)
			draw_cell(y, x, w[c], cell[c], a, 0);
		x += w[c] + 1;
	}
}

static void hist_header(struct ui *ui, struct view *v, int y)
{
	static const char *const titles[HC_COUNT] = {N_("when"), N_("who"), N_("what"), N_("why"), N_("commit")};
	attr_t a = draw_style(ST_HEADER);
	int w[HC_COUNT], x = 1;
	layout(v->priv, w);
	draw_blank(y, 0, COLS, a);
	for (int c = 0; c < HC_COUNT; c++) {
		if (w[c] > 0)
			draw_text(y, x, w[c], _(titles[c]), a, 0);
		x += w[c] + 1;
	}
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
	if (!H->household[0]) {
		long today = 0;
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
		long midnight = (long)mktime(&tm);
		for (long i = 0; i < H->n; i++)
			today += H->e[i].at >= midnight;
		snprintf(out, n, _("Recent changes in your scope  (%ld today, %ld in %d days%s; Enter diff)"),
		         today, H->n, RECENT_DAYS, H->n >= RECENT_MAX ? _(", the newest only") : "");
		return;
	}
	if (!H->seen)
		snprintf(since, sizeof since, _("first look"));
	else
		snprintf(since, sizeof since, _("%ld new since you last looked"), fresh);
	snprintf(out, n, ngettext("History of %s  (%ld change, %s; %s diff, %s all new)",
	                          "History of %s  (%ld changes, %s; %s diff, %s all new)", (unsigned long)H->n),
	         H->household, H->n, since, ui_key(ui, "history", ACT_OPEN),
	         ui_key(ui, "history", ACT_SINCE));
}

/* s: every change since the user last looked, as one page of diffs, oldest first. */
static int show_since(struct ui *ui, struct hist *H)
{
	struct buf text = {0};
	char title[256];
	long fresh = new_count(H);
	if (!H->seen || !fresh) {
		ui_status(ui, 0, H->seen ? _("nothing changed since you last looked")
		                         : _("your first look: every change is new (Enter shows one)"));
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
	snprintf(title, sizeof title, ngettext("%ld change to %s since you last looked",
	                                       "%ld changes to %s since you last looked", (unsigned long)fresh),
	         fresh, H->household);
	int rc = view_pager_push(ui, title, buf_str(&text) ? text.s : "", PAGER_DIFF | PAGER_WRAP);
	buf_free(&text);
	return rc;
}

static int hist_text(struct view *v, long line, char *out, size_t n)
{
	const struct hentry *e = &((struct hist *)v->priv)->e[line];
	char date[32];
	when(e->at, date, sizeof date);
	snprintf(out, n, "%s %s %s %s %s %s %s %s %s", date, e->login, e->name, e->household, e->what,
	         e->verb, e->subject, e->why, e->commit);
	return 0;
}

/* Enter: the change as `git show` would print it, for this household's file. */
static int show_diff(struct ui *ui, struct hist *H, const struct hentry *e)
{
	struct buf text = {0};
	char date[32], title[256];
	const char *household = H->household[0] ? H->household : e->household;
	if (!e->commit[0]) {
		ui_status(ui, 1, _("event %ld is not in the audit history yet (it is written at the next "
		          "start or save)"), e->event);
		return -1;
	}
	long files = e->files;   /* a household's history leaves them to be counted now */
	int counted = files < 0 ? store_history_files(ui->s, &ui->me, e->event, &files) : 0;
	if (counted)
		return ui_store_error(ui, counted);
	when(e->at, date, sizeof date);
	/* "commit " starts the first line as in git show (the pager colours it) */
	buf_addf(&text, ngettext("commit %s\nAuthor: %s <%s@bangfu>\nDate:   %s\nEvent:  %ld (%s: %s, %ld file "
	                         "in your scope)\n",
	                         "commit %s\nAuthor: %s <%s@bangfu>\nDate:   %s\nEvent:  %ld (%s: %s, %ld files "
	                         "in your scope)\n", (unsigned long)files),
	         e->commit, e->name, e->login, date, e->event, e->verb, e->subject, files);
	buf_addf(&text, "%s%s%s\n    %s\n\n", e->what[0] ? _("What:   ") : "", e->what,
	         e->what[0] ? "\n" : "", e->why);
	int rc = household[0] ? store_history_diff(ui->s, &ui->me, household, e->commit, &text) : 0;
	if (rc) {
		buf_free(&text);
		return ui_store_error(ui, rc);
	}
	if (household[0])
		snprintf(title, sizeof title, _("Change %.10s to %s"), e->commit, household);
	else
		snprintf(title, sizeof title, _("Change %.10s"), e->commit);
	rc = view_pager_push(ui, title, buf_str(&text) ? text.s : "", PAGER_DIFF | PAGER_WRAP);
	buf_free(&text);
	return rc;
}

static int hist_request(struct ui *ui, struct view *v, enum action a)
{
	struct hist *H = v->priv;
	if (a == ACT_OPEN)
		return show_diff(ui, H, &H->e[v->pos]);
	if (a == ACT_SINCE && H->household[0])
		return show_since(ui, H);
	if (a == ACT_AS_OF) {   /* the household as it stood at the end of that change's day */
		const struct hentry *e = &H->e[v->pos];
		char day[32];
		when(e->at, day, sizeof day);
		day[10] = '\0';
		if (!H->household[0] && !e->household[0]) {
			ui_status(ui, 1, _("this change is not to one household"));
			return -1;
		}
		return household_as_of_day(ui, H->household[0] ? H->household : e->household, day);
	}
	if (a == ACT_HISTORY && !H->household[0]) {   /* recent changes: that household's history */
		if (!H->e[v->pos].household[0]) {
			ui_status(ui, 1, _("this change is not to one household"));
			return -1;
		}
		return view_history_push(ui, H->e[v->pos].household);
	}
	return REQ_PASS;
}

static void hist_close(struct view *v)
{
	struct hist *H = v->priv;
	entries_clear(H);
	free(H->e);
}

/* One household's history and the recent changes: the same view under two names (two
 * keymap sections). */
#define HIST_OPS(view_name) {                                                            \
	.name = view_name, .priv_size = sizeof(struct hist), .open = hist_open,           \
	.draw = hist_draw, .request = hist_request, .title = hist_title,                  \
	.header = hist_header, .text = hist_text, .close = hist_close,                    \
}
const struct view_ops view_history_ops = HIST_OPS("history");
const struct view_ops view_recent_ops = HIST_OPS("recent");

int view_recent_push(struct ui *ui)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_mday -= RECENT_DAYS - 1;   /* today and the six days before */
	tm.tm_isdst = -1;
	struct hist H = {.since = (long)mktime(&tm)};
	return ui_push(ui, &view_recent_ops, &H);
}

int view_history_push(struct ui *ui, const char *household)
{
	struct hist H = {0};
	snprintf(H.household, sizeof H.household, "%s", household);
	return ui_push(ui, &view_history_ops, &H);
}
