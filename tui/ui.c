/* ui.c — the terminal UI's main loop: start-up (keymap, first view, drafts offered),
 * one render and one doupdate() per input, and the one dispatch: key -> action (keymap)
 * -> the action's flags checked -> the view's request() -> the generic handler. Also the
 * view stack, the status line and its message ring. */
#include "tui/ui.h"
#include "tui/ui_term.h"
#include "tui/ui_view.h"
#include "tui/drafts.h"
#include "tui/prompt.h"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Every view: its name is its keymap section. A new view is one line here. */
const struct view_ops *const ui_views[] = {
	&view_list_ops, &view_household_ops, &view_history_ops, &view_dashboard_ops,
	&view_drafts_ops, &view_pager_ops, NULL,
};

static void remember(struct ui *ui, const char *msg)
{
	free(ui->messages[ui->message_next]);
	ui->messages[ui->message_next] = strdup(msg);
	ui->message_next = (ui->message_next + 1) % UI_MESSAGES;
	if (ui->nmessages < UI_MESSAGES)
		ui->nmessages++;
}

void ui_status(struct ui *ui, int error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->status, sizeof ui->status, fmt, ap);
	va_end(ap);
	ui->status_error = error;
	ui->status_dirty = 1;
	remember(ui, ui->status);
}

void ui_log(struct ui *ui, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	remember(ui, msg);
}

int ui_store_error(struct ui *ui, int rc)
{
	ui_status(ui, 1, "%s", store_error(ui->s));
	return rc;
}

struct view *ui_top(struct ui *ui)
{
	return ui->depth ? ui->stack[ui->depth - 1] : NULL;
}

static void view_free(struct view *v)
{
	if (v->ops->close)
		v->ops->close(v);
	free(v);
}

int ui_push(struct ui *ui, const struct view_ops *ops, void *priv)
{
	struct view *v = calloc(1, sizeof *v);
	if (!v || ui->depth == UI_MAX_VIEWS) {
		ui_status(ui, 1, v ? "too many views open: q closes one" : "out of memory");
		if (v) {
			v->ops = ops;
			v->priv = priv;
			view_free(v);
		} else if (ops->close) {
			struct view tmp = {.ops = ops, .priv = priv};
			ops->close(&tmp);
		}
		return -1;
	}
	v->ops = ops;
	v->priv = priv;
	v->base = -1;
	v->generation = ui->generation;
	v->dirty = 1;
	int rc = ops->open(ui, v);
	if (rc < 0) {
		view_free(v);
		return rc;
	}
	ui->stack[ui->depth++] = v;
	ui->full = 1;
	return 0;
}

void ui_pop(struct ui *ui)
{
	if (!ui->depth)
		return;
	view_free(ui->stack[--ui->depth]);
	ui->full = 1;
	if (!ui->depth)
		ui->quit = 1;
}

void ui_changed(struct ui *ui)
{
	ui->generation++;
}

int ui_body_y(struct ui *ui, struct view *v)
{
	return v->ops->header ? 2 : 1;
}

int ui_body_rows(struct ui *ui, struct view *v)
{
	int rows = LINES - 1 - ui_body_y(ui, v);
	return rows > 0 ? rows : 0;
}

void ui_repaint(struct ui *ui, int clear_terminal)
{
	if (clear_terminal)
		clearok(curscr, TRUE);
	erase();
	ui->full = 1;
	for (int i = 0; i < ui->depth; i++)
		ui->stack[i]->dirty = 1;
}

static void draw_title(struct ui *ui, struct view *v)
{
	char title[512] = "", line[600], who[256];
	v->ops->title(ui, v, title, sizeof title);
	snprintf(line, sizeof line, " bangfu  %s", title);
	snprintf(who, sizeof who, " %s %s (%s %s) ", ui->me.login, ui->me.name,
	         access_role_code(ui->me.role), ui->me.scope);
	int ww = draw_width(who);
	if (ww > COLS / 3)
		ww = 0;
	draw_text(0, 0, COLS - ww, line, draw_style(ST_TITLE), 0);
	if (ww)
		draw_text(0, COLS - ww, ww, who, draw_style(ST_TITLE), 0);
}

static void first_word(char *s)
{
	char *sp = strchr(s, ' ');
	if (sp)
		*sp = '\0';
}

static void draw_status(struct ui *ui)
{
	char hint[256], help[64] = "?", back[64] = "q", quit[64] = "Q";
	const char *text = ui->status;
	if (!text[0]) {
		keymap_keys_of(&ui->keys, "generic", ACT_HELP, help, sizeof help);
		keymap_keys_of(&ui->keys, "generic", ACT_BACK, back, sizeof back);
		keymap_keys_of(&ui->keys, "generic", ACT_QUIT, quit, sizeof quit);
		first_word(help);
		first_word(back);
		first_word(quit);
		snprintf(hint, sizeof hint, "%s help   %s back   %s quit", help, back, quit);
		text = hint;
	}
	draw_text(LINES - 1, 0, COLS - 1, text,
	          draw_style(ui->status[0] ? (ui->status_error ? ST_ERROR : ST_STATUS) : ST_DIM), 0);
}

static void draw_line(struct ui *ui, struct view *v, long line, int y)
{
	if (line >= 0 && line < v->lines)
		v->ops->draw(ui, v, line, y, line == v->pos);
	else
		draw_blank(y, 0, COLS, A_NORMAL);
}

void ui_draw(struct ui *ui)
{
	struct view *v = ui_top(ui);
	if (!v)
		return;
	if (v->generation != ui->generation) {   /* data changed underneath: read again */
		v->generation = ui->generation;
		v->dirty = 1;
		if (v->ops->open(ui, v) < 0 && !ui->status[0])
			ui_status(ui, 1, "cannot read this view again");
	}
	view_settle(ui, v);
	int y0 = ui_body_y(ui, v), rows = ui_body_rows(ui, v);
	if (LINES < 3 || COLS < 20) {
		erase();
		mvaddstr(0, 0, "bangfu: window too small");
		return;
	}
	draw_title(ui, v);
	if (v->ops->header && (ui->full || v->dirty))
		v->ops->header(ui, v, 1);
	if (ui->full || v->dirty || v->top != v->drawn_top) {
		for (int y = 0; y < rows; y++)
			draw_line(ui, v, v->top + y, y0 + y);
	} else if (v->pos != v->drawn_pos) {
		if (v->drawn_pos >= v->top && v->drawn_pos < v->top + rows)
			draw_line(ui, v, v->drawn_pos, y0 + (int)(v->drawn_pos - v->top));
		draw_line(ui, v, v->pos, y0 + (int)(v->pos - v->top));
	}
	if (ui->full || ui->status_dirty)
		draw_status(ui);
	v->drawn_pos = v->pos;
	v->drawn_top = v->top;
	v->dirty = 0;
	ui->full = 0;
	ui->status_dirty = 0;
}

void ui_render(struct ui *ui)
{
	ui_draw(ui);
	wnoutrefresh(stdscr);
	doupdate();
}

/* One input as a key (keys.h): Enter, Backspace and keypad keys made the same. */
static int normalise(int r, wint_t wc)
{
	if (r == KEY_CODE_YES) {
		if (wc == KEY_ENTER)
			return KEY_ENTER_;
		if (wc == KEY_BACKSPACE)
			return KEY_BS_;
		return KEY_FN((int)wc);
	}
	if (wc == '\r' || wc == '\n')
		return KEY_ENTER_;
	if (wc == 8)
		return KEY_BS_;
	return (int)wc;
}

int ui_read_key(struct ui *ui, int *key)
{
	/* A blocking get_wch returns ERR only at end of input, on an error, or when a
	 * signal interrupted it: after an SSH hang-up the terminal reads EOF forever, so
	 * any ERR that is not a harmless interruption ends the program (no busy loop). */
	for (int interrupted = 0; interrupted < 8; interrupted++) {
		if (term_signalled())
			return -1;
		wint_t wc;
		errno = 0;
		int r = get_wch(&wc);
		if (r != ERR) {
			*key = normalise(r, wc);
			return 0;
		}
		if (errno != EINTR)
			return -1;
	}
	(void)ui;
	return -1;
}

/* The generic handling of an action, after the view passed on it. */
static int generic(struct ui *ui, struct view *v, enum action a)
{
	char what[256] = "";
	switch (a) {
	case ACT_MOVE_DOWN: return view_move(ui, v, 1);
	case ACT_MOVE_UP: return view_move(ui, v, -1);
	case ACT_PAGE_DOWN: return view_page(ui, v, 1);
	case ACT_PAGE_UP: return view_page(ui, v, 0);
	case ACT_FIRST: return view_first(ui, v);
	case ACT_LAST: return view_last(ui, v);
	case ACT_BACK: ui_pop(ui); return REQ_DONE;
	case ACT_QUIT: ui->quit = 1; return REQ_DONE;
	case ACT_REPAINT: ui_repaint(ui, 1); return REQ_DONE;
	case ACT_RELOAD:
		v->dirty = 1;
		if (v->ops->open(ui, v) < 0)
			return -1;
		ui_status(ui, 0, "read again");
		return REQ_DONE;
	case ACT_HELP: return view_help_push(ui, v->ops);
	case ACT_COMMAND: return ui_command(ui);
	case ACT_DASHBOARD: return view_dashboard_push(ui);
	case ACT_DRAFTS: return view_drafts_push(ui);
	case ACT_MESSAGES: {
		struct buf text = {0};
		for (int i = 0; i < ui->nmessages; i++) {
			int k = (ui->message_next - ui->nmessages + i + UI_MESSAGES) % UI_MESSAGES;
			buf_addf(&text, "%s\n", ui->messages[k] ? ui->messages[k] : "");
		}
		int rc = view_pager_push(ui, "messages (oldest first)", buf_str(&text) ? text.s : "", PAGER_WRAP);
		buf_free(&text);
		return rc;
	}
	case ACT_SEARCH: {
		int rc = prompt_line(ui, "/", what, sizeof what, NULL);
		if (rc == PROMPT_END)
			ui->quit = 1;
		if (rc != PROMPT_OK || !what[0])
			return REQ_DONE;
		snprintf(ui->search, sizeof ui->search, "%s", what);
		return view_search_text(ui, v, ui->search, 0);
	}
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		if (!ui->search[0]) {
			ui_status(ui, 1, "no search yet: / searches");
			return -1;
		}
		return view_search_text(ui, v, ui->search, a == ACT_SEARCH_PREV);
	case ACT_OPEN:
		ui_status(ui, 0, "nothing to open here");
		return REQ_DONE;
	default:
		ui_status(ui, 1, "%s does nothing in the %s view", actions[a].name, v->ops->name);
		return -1;
	}
}

int ui_do(struct ui *ui, struct view *v, enum action a)
{
	int flags = actions[a].flags;
	if ((flags & A_ROW) && v->lines == 0) {
		ui_status(ui, 1, "%s: nothing is selected", actions[a].name);
		return -1;
	}
	if ((flags & A_WRITE) && !access_may_write(&ui->me)) {
		ui_status(ui, 1, "%s: an %s may read but not change the register", actions[a].name,
		          access_role_code(ui->me.role));
		return -1;
	}
	int rc = v->ops->request ? v->ops->request(ui, v, a) : REQ_PASS;
	return rc == REQ_PASS ? generic(ui, v, a) : rc;
}

static void dispatch(struct ui *ui, int key)
{
	struct view *v = ui_top(ui);
	if (key == KEY_FN(KEY_RESIZE)) {
		ui_repaint(ui, 0);
		return;
	}
	if (ui->status[0]) {          /* a message stays until the next key */
		ui->status[0] = '\0';
		ui->status_dirty = 1;
	}
	enum action a = keymap_lookup(&ui->keys, v->ops->name, key);
	if (a == ACT_NONE) {
		char name[32];
		key_describe(key, name, sizeof name);
		ui_status(ui, 1, "%s is not bound in the %s view (? lists the keys)", name, v->ops->name);
		return;
	}
	ui_do(ui, v, a);
}

static void report_key_problem(void *ctx, const char *origin, int line, const char *msg)
{
	ui_status(ctx, 1, "%s:%d: %s", origin, line, msg);
}

static int setup_keys(struct ui *ui)
{
	const char *names[16];
	int n = 0;
	for (int i = 0; ui_views[i] && n < 15; i++)
		names[n++] = ui_views[i]->name;
	names[n] = NULL;
	if (keymap_parse(&ui->keys, keymap_defaults, "defaults", names, report_key_problem, ui)) {
		fprintf(stderr, "bangfu: %s\n", ui->status);
		return -1;
	}
	char path[4096] = "";
	int problems = keymap_load_user(&ui->keys, names, report_key_problem, ui, path, sizeof path);
	if (problems < 0)
		ui_status(ui, 1, "%s: cannot be read; using the default keys", path);
	else if (problems > 1)
		ui_status(ui, 1, "%s: %d problems (m shows them); the other bindings apply", path, problems);
	return 0;
}

/* Offer the drafts an earlier session left. */
static void offer_drafts(struct ui *ui)
{
	struct draft *d;
	int n;
	drafts_list(ui, &d, &n);
	free(d);
	if (n == 0 || view_drafts_push(ui) < 0)
		return;
	ui_status(ui, 0, "%d unsaved draft%s from an earlier session: Enter resumes, X discards, "
	          "q goes to the list", n, n == 1 ? "" : "s");
}

/* The test-hooks build logs how long each key took, from reading it to the screen
 * update, to the file named by BANGFU_UI_TIMING (the responsiveness measurements). */
struct timing { FILE *f; struct timespec t0; int key, on; };
#ifdef BANGFU_TEST_HOOKS
static void timing_open(struct timing *t)
{
	const char *path = getenv("BANGFU_UI_TIMING");
	t->f = path && *path ? fopen(path, "a") : NULL;
}
static void timing_start(struct timing *t, int key)
{
	t->key = key;
	t->on = t->f != NULL;
	clock_gettime(CLOCK_MONOTONIC, &t->t0);
}
static void timing_done(struct timing *t)
{
	struct timespec t1;
	char name[32];
	if (!t->on)
		return;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	key_describe(t->key, name, sizeof name);
	fprintf(t->f, "%s %.1f\n", name, (double)(t1.tv_sec - t->t0.tv_sec) * 1e3 +
	        (double)(t1.tv_nsec - t->t0.tv_nsec) / 1e6);
	fflush(t->f);
	t->on = 0;
}
static void timing_close(struct timing *t)
{
	if (t->f)
		fclose(t->f);
}
#else
static void timing_open(struct timing *t) { (void)t; }
static void timing_start(struct timing *t, int key) { (void)t; (void)key; }
static void timing_done(struct timing *t) { (void)t; }
static void timing_close(struct timing *t) { (void)t; }
#endif

int ui_main(struct cli *c)
{
	struct ui ui;
	memset(&ui, 0, sizeof ui);
	ui.s = c->s;
	ui.me = c->me;
	ui.dir = c->dir;
	int rc = ui_preflight();
	if (rc)
		return rc;
	if (store_browse_tune(ui.s))           /* only slower without it: say so, go on */
		ui_log(&ui, "%s", store_error(ui.s));
	if (setup_keys(&ui) || term_start()) {
		keymap_free(&ui.keys);
		return EXIT_FAIL;
	}
	ui.exit_code = EXIT_OK;
	if (view_list_push(&ui) < 0) {
		term_end();
		fprintf(stderr, "bangfu: %s\n", ui.status);
		ui.exit_code = EXIT_FAIL;
	} else {
		offer_drafts(&ui);
		struct timing tm = {0};
		timing_open(&tm);
		while (!ui.quit && ui.depth > 0) {
			ui_render(&ui);
			timing_done(&tm);
			int key;
			if (ui_read_key(&ui, &key)) {
				ui.exit_code = EXIT_FAIL;   /* input ended or a signal: not a user's quit */
				break;
			}
			timing_start(&tm, key);
			dispatch(&ui, key);
		}
		timing_close(&tm);
	}
	while (ui.depth)
		view_free(ui.stack[--ui.depth]);
	term_end();
	for (int i = 0; i < UI_MESSAGES; i++)
		free(ui.messages[i]);
	keymap_free(&ui.keys);
	return ui.exit_code;
}
