/* ui.c — the terminal UI's main loop: start-up (keymap, first view, drafts offered),
 * reading keys (ending on input EOF or a stop signal), one render per input, and the one
 * dispatch: key -> action (keymap) -> the action's flags checked -> the view's request()
 * -> the generic handler. */
#include "tui/ui.h"
#include "core/i18n.h"
#include "tui/ui_term.h"
#include "tui/ui_view.h"
#include "tui/drafts.h"
#include "tui/prompt.h"
#include <assert.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* How long the main loop waits for a key before looking for other processes' writes;
 * the test-hooks build takes BANGFU_UI_IDLE_MS (0: never, for tests of stale screens). */
static int idle_ms(void)
{
#ifdef BANGFU_TEST_HOOKS
	const char *e = getenv("BANGFU_UI_IDLE_MS");
	if (e && *e)
		return atoi(e);
#endif
	return UI_IDLE_MS;
}

/* Idle in the main loop: when another process has committed since (PRAGMA
 * data_version), every view reads its data again, keeping its cursor. */
static void idle_check(struct ui *ui)
{
	long v = store_data_version(ui->s);
	if (v >= 0 && ui->data_version >= 0 && v != ui->data_version)
		ui_changed(ui);
	ui->data_version = v;
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
	case ACT_SUSPEND:             /* ^Z arrives as a key in raw mode: stop as the shell would */
		def_prog_mode();
		term_paste(0);
		endwin();
		raise(SIGTSTP);
		reset_prog_mode();
		term_paste(1);
		ui_repaint(ui, 1);
		return REQ_DONE;
	case ACT_RELOAD:
		v->dirty = 1;
		if (v->ops->open(ui, v) < 0)
			return -1;
		ui_status(ui, 0, _("read again"));
		return REQ_DONE;
	case ACT_HELP: return view_help_push(ui, v->ops);
	case ACT_COMMAND: return ui_command(ui);
	case ACT_DASHBOARD: return view_dashboard_push(ui);
	case ACT_DRAFTS: return view_drafts_push(ui);
	case ACT_RECENT: return view_recent_push(ui);
	case ACT_REVIEW: return view_review_push(ui);
	case ACT_TODAY: return view_tasks_push(ui);
	case ACT_PROJECTS: return view_projects_push(ui);
	case ACT_COUNTY: return view_county_push(ui, NULL);
	case ACT_BOARD: return view_board_push(ui);
	case ACT_MESSAGES: {
		struct buf text = {0};
		for (int i = 0; i < ui->nmessages; i++) {
			int k = (ui->message_next - ui->nmessages + i + UI_MESSAGES) % UI_MESSAGES;
			buf_addf(&text, "%s\n", ui->messages[k] ? ui->messages[k] : "");
		}
		int rc = view_pager_push(ui, _("messages (oldest first)"), buf_str(&text) ? text.s : "", PAGER_WRAP);
		buf_free(&text);
		return rc;
	}
	case ACT_SEARCH: {
		int rc = prompt_line(ui, "/", what, sizeof what, NULL);
		if (rc != PROMPT_OK || !what[0])
			return REQ_DONE;
		snprintf(ui->search, sizeof ui->search, "%s", what);
		return view_search_text(ui, v, ui->search, 0);
	}
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		if (!ui->search[0]) {
			ui_status(ui, 1, _("no search yet: %s searches"), ui_key(ui, v->ops->name, ACT_SEARCH));
			return -1;
		}
		return view_search_text(ui, v, ui->search, a == ACT_SEARCH_PREV);
	case ACT_OPEN:
		ui_status(ui, 0, _("nothing to open here"));
		return REQ_DONE;
	default:
		ui_status(ui, 1, _("%s does nothing in the %s view"), actions[a].name, v->ops->name);
		return -1;
	}
}

int ui_do(struct ui *ui, struct view *v, enum action a)
{
	assert(a >= 0 && a < ACT_COUNT);   /* keymap_lookup's answer, never a raw key */
	int flags = actions[a].flags;
	if ((flags & A_ROW) && v->lines == 0) {
		ui_status(ui, 1, _("%s: nothing is selected"), actions[a].name);
		return -1;
	}
	if ((flags & A_WRITE) && !access_may_write(&ui->me)) {
		ui_status(ui, 1, _("%s: an %s may read but not change the register"), actions[a].name,
		          ui_role(ui));
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
	if (key == KEY_PASTE_BEGIN_) {   /* text pasted outside a prompt runs nothing */
		if (ui_skip_paste(ui))
			ui->quit = 1;
		return;
	}
	if (key == KEY_PASTE_END_)
		return;
	if (ui->status[0]) {          /* a message stays until the next key */
		ui->status[0] = '\0';
		ui->status_dirty = 1;
	}
	enum action a = keymap_lookup(&ui->keys, v->ops->name, key);
	ui->key = key;
	if (a == ACT_NONE) {
		char name[32];
		key_describe(key, name, sizeof name);
		ui_status(ui, 1, _("%s is not bound in the %s view (%s lists the keys)"), name, v->ops->name,
		          ui_key(ui, v->ops->name, ACT_HELP));
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
	const char *names[UI_NVIEWS + 1];
	int n = 0;
	for (int i = 0; ui_views[i]; i++)
		names[n++] = ui_views[i]->name;
	names[n] = NULL;
	if (keymap_parse(&ui->keys, keymap_defaults, "defaults", names, report_key_problem, ui)) {
		fprintf(stderr, "bangfu: %s\n", ui->status);
		return -1;
	}
	char path[4096] = "";
	int problems = keymap_load_user(&ui->keys, names, report_key_problem, ui, path, sizeof path);
	if (problems < 0)
		ui_status(ui, 1, _("%s: cannot be read; using the default keys"), path);
	else if (problems > 1)
		ui_status(ui, 1, _("%s: %d problems (%s shows them); the other bindings apply"), path, problems,
		          ui_key(ui, "generic", ACT_MESSAGES));
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
	ui_status(ui, 0, ngettext("%d unsaved draft from an earlier session: %s resumes, %s discards, "
	                          "%s goes to the list",
	                          "%d unsaved drafts from an earlier session: %s resumes, %s discards, "
	                          "%s goes to the list", n), n, ui_key(ui, "drafts", ACT_OPEN),
	          ui_key(ui, "drafts", ACT_DISCARD), ui_key(ui, "drafts", ACT_BACK));
}

/* The test-hooks build logs how long each key took, from reading it to the screen
 * update, to the file named by BANGFU_UI_TIMING (the responsiveness measurements). */
struct timing { FILE *f; struct timespec t0; int key, on; };
#ifdef BANGFU_TEST_HOOKS
static void timing_open(struct timing *t)
{
	const char *path = getenv("BANGFU_UI_TIMING");
	t->f = path && *path ? fopen(path, "a") : NULL;
	t->on = t->f != NULL;         /* the first line: start-up to the first screen */
	t->key = 0;
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
	if (t->key)
		key_describe(t->key, name, sizeof name);
	else
		snprintf(name, sizeof name, "start");
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
	struct timing tm = {0};
	timing_open(&tm);
	clock_gettime(CLOCK_MONOTONIC, &tm.t0);
	if (view_list_push(&ui) < 0) {
		term_end();
		fprintf(stderr, "bangfu: %s\n", ui.status);
		ui.exit_code = EXIT_FAIL;
	} else {
		ui.data_version = store_data_version(ui.s);
		int idle = idle_ms();
		offer_drafts(&ui);
		while (!ui.quit && ui.depth > 0) {
			ui_render(&ui);
			timing_done(&tm);
			int key, rc_key = ui_wait_key(&ui, &key, idle);
			if (rc_key == 1) {
				idle_check(&ui);
				continue;
			}
			if (rc_key) {
				ui.exit_code = EXIT_FAIL;   /* input ended or a signal: not a user's quit */
				break;
			}
			timing_start(&tm, key);
			dispatch(&ui, key);
		}
	}
	timing_close(&tm);
	ui_pop_all(&ui);
	term_end();
	keymap_free(&ui.keys);
	return ui.exit_code;
}
