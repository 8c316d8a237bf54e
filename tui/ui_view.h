/* ui_view.h — the terminal UI's view model, in one page (after tig's view.h).
 *
 * The screen is a stack of full-screen views: a title row, the view's lines (with an
 * optional column header), and the status row, where prompts also appear. A view is a
 * `struct view_ops` table plus private state of ops->priv_size bytes that ui_push allocates
 * (zeroed, or copied from the opener's first contents) and frees; ops->close frees only what
 * that state holds. A new screen is one new view_*.c file with its ops table, named once in
 * VIEW_LIST below (its extern, ui_views.c's table of views, key sections and help).
 *
 * Lines: the generic code knows only how many lines are loaded (v->lines), the cursor
 * (v->pos) and the first visible line (v->top). Views that hold all their lines in memory
 * leave ops->fetch NULL. Views over large tables (the households list) hold a window of
 * lines and load more through ops->fetch with keyset queries, so a million rows cost what
 * one screen costs; v->at_start / v->at_end say whether the window reaches either end.
 *
 * Dispatch (ui.c): key -> action by the keymap (view section, then generic) -> checks
 * of the action's flags -> the view's request() gets the first look -> the generic
 * handler (movement, search in text views, back, quit, help, ...).
 *
 * The work views (view_review.c, view_tasks.c) hold their lists in memory (bounded by
 * role and scope) and share view_util.h: columns, the reason prompt, keeping the cursor
 * on the same line after a step so the next item is selected. */
#ifndef TUI_UI_VIEW_H
#define TUI_UI_VIEW_H
#include "tui/actions.h"
#include "tui/draw.h"
#include "tui/keys.h"
#include "store/store.h"

#define UI_MAX_VIEWS 16
#define UI_MESSAGES 64
#define UI_IDLE_MS 2000   /* idle this long: read again if another process wrote */

enum { REQ_DONE = 0, REQ_PASS = 1 };              /* request() results; < 0: failed */
enum fetch_dir { FETCH_DOWN, FETCH_UP, FETCH_START, FETCH_END };

struct ui;
struct view;

struct view_ops {
	const char *name;     /* its keymap section and help heading: "list", "household" */
	size_t priv_size;     /* the private state's size (v->priv), allocated by ui_push */
	/* (Re)load the data. Called on open, on reload and when data changed underneath;
	 * a view keeps its cursor on the same item (household) when it can. */
	int (*open)(struct ui *ui, struct view *v);
	/* Draw line `line` at screen row y across the whole width; `selected` for the
	 * cursor line (reverse video). */
	void (*draw)(struct ui *ui, struct view *v, long line, int y, int selected);
	/* The view's own handling of an action: REQ_DONE, REQ_PASS, or < 0 (status set). */
	int (*request)(struct ui *ui, struct view *v, enum action a);
	/* Windowed views: load more lines (see fetch_dir). Returns the number of lines
	 * added (0 at an end) or < 0. FETCH_UP prepends and shifts pos/top itself; a view
	 * that drops lines at the other end of its window adjusts pos/top too. */
	int (*fetch)(struct ui *ui, struct view *v, enum fetch_dir dir);
	/* The title text (after "bangfu  "). */
	void (*title)(struct ui *ui, struct view *v, char *out, size_t n);
	/* Optional: a column header drawn on the row under the title. */
	void (*header)(struct ui *ui, struct view *v, int y);
	/* Optional: the plain text of a line, for the generic search. */
	int (*text)(struct view *v, long line, char *out, size_t n);
	/* Optional: free what the private state holds (ui_pop frees the state itself). */
	void (*close)(struct view *v);
};

struct view {
	const struct view_ops *ops;
	void *priv;
	long lines, pos, top;
	int at_start, at_end;
	long base;            /* absolute number of line 0 when known, else -1 */
	long generation;      /* ui->generation its data was read at */
	int dirty;            /* redraw every line */
	long drawn_pos, drawn_top;
};

struct ui {
	struct store *s;
	struct user me;
	const char *dir;
	struct keymap keys;
	struct view *stack[UI_MAX_VIEWS];
	int depth;
	char status[512];
	int status_error, status_dirty;
	char *messages[UI_MESSAGES];   /* ring of recent status messages */
	int nmessages, message_next;
	long generation;               /* bumped by every write, so views reload */
	int quit, full, exit_code;
	char search[256];              /* the last search, for n / N */
	int key;                       /* the key of the action running (0: ui_do's caller) */
	long data_version;             /* the store's when last looked at (idle refresh) */
	char key_names[8][40];         /* ui_key's answers, in turn (several in one message) */
	int key_name_next;
};

/* ui_views.c */
extern const struct view_ops *const ui_views[];   /* every view, NULL-terminated */

/* ui_input.c — the keyboard */
/* Read one key (normalised, see keys.h). Returns 0, or -1 when input ended or a signal
 * asked bangfu to stop (hang-up, SIGTERM). A resize arrives as KEY_FN(KEY_RESIZE). */
int ui_read_key(struct ui *ui, int *key);
/* The same, or 1 when idle_ms (> 0) passed without a key (the main loop's idle check). */
int ui_wait_key(struct ui *ui, int *key, int idle_ms);
/* After KEY_PASTE_BEGIN_ outside a prompt: read the pasted text up to its end and drop
 * it (the status says so). 0, or -1 when input ended. */
int ui_skip_paste(struct ui *ui);

/* ui.c — the main loop and dispatch */
/* Run action a on view v as if its key was pressed (flags checked first). */
int ui_do(struct ui *ui, struct view *v, enum action a);

/* ui_stack.c — the views and the status line */
/* Set the status line (also kept in the messages ring). */
void ui_status(struct ui *ui, int error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The name of the key that runs action a in view (NULL: the view on top), from the live
 * keymap, for messages and titles ("E changes the field"): a rebound key is named as
 * bound, a named key without its brackets (Enter, F4), an action no key runs as "(unbound)". The text stays valid for the next
 * seven calls. */
const char *ui_key(struct ui *ui, const char *view, enum action a);
/* The user's role as the frame names it: its Chinese label (镇级审核) for staff, its code
 * (township) in English, the word an administrator sets with `user add --role`. */
const char *ui_role(const struct ui *ui);
/* Keep a message in the ring only (m shows it). */
void ui_log(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Report a store failure in the status line; returns rc. */
int ui_store_error(struct ui *ui, int rc);
/* Open a view with ops: its private state (ops->priv_size bytes) starts as a copy of
 * *init, or zeroed when init is NULL; what init points to is owned by the view from now
 * (ops->close frees it, on failure too). */
int ui_push(struct ui *ui, const struct view_ops *ops, const void *init);
void ui_pop(struct ui *ui);
/* Close every view and forget the messages (at exit). */
void ui_pop_all(struct ui *ui);
struct view *ui_top(struct ui *ui);
/* After a write: every view reloads when it is next shown. */
void ui_changed(struct ui *ui);

/* ui_render.c — drawing a frame */
/* Draw what changed and send it with one doupdate(); ui_draw only draws. */
void ui_render(struct ui *ui);
void ui_draw(struct ui *ui);
/* The first screen row of view v's body, and how many rows it has. */
int ui_body_y(struct ui *ui, struct view *v);
int ui_body_rows(struct ui *ui, struct view *v);
/* Handle a resize or Ctrl-L: everything is drawn again. */
void ui_repaint(struct ui *ui, int clear_terminal);

/* ui_move.c — generic movement and search over a view's lines */
int view_move(struct ui *ui, struct view *v, long delta);
int view_page(struct ui *ui, struct view *v, int down);
int view_first(struct ui *ui, struct view *v);
int view_last(struct ui *ui, struct view *v);
/* Top within range, cursor visible, screen filled (fetching if needed). */
int view_settle(struct ui *ui, struct view *v);
/* Put the cursor on line, keeping it at the same screen row when possible. */
void view_select(struct ui *ui, struct view *v, long line);
/* Search the lines' text (ops->text) forward or backward from the cursor, wrapping. */
int view_search_text(struct ui *ui, struct view *v, const char *what, int backward);

/* The views' openers (one per view file). */
int view_list_push(struct ui *ui);
/* A new list view over the current one, limited to query (NULL: the whole scope). */
int view_list_push_limited(struct ui *ui, const char *query);
int view_household_push(struct ui *ui, const char *household, int field, int member);
/* Open the household of a draft and run its form (E, V, M, C) with it, against the data
 * now on screen. */
struct draft;
int view_household_resume(struct ui *ui, const struct draft *d);
int view_history_push(struct ui *ui, const char *household);
/* Recent changes in the user's scope (who did what today and this week). */
int view_recent_push(struct ui *ui);
int view_dashboard_push(struct ui *ui);
/* The help, generated from the keymap, for the view `of` (shown in the pager). */
int view_help_push(struct ui *ui, const struct view_ops *of);
int view_drafts_push(struct ui *ui);
/* The review queue (cases waiting for the user's role) and tasks/today. */
int view_review_push(struct ui *ui);
int view_tasks_push(struct ui *ui);
/* The projects in scope (view_projects.c): Enter shows one, l limits the list. */
int view_projects_push(struct ui *ui);
/* One project as `project show` prints it, in the pager (from the list and today). */
int view_project_show(struct ui *ui, const char *id);
/* A county's 百千万 page (view_county.c): county a code or name; NULL: the user's own
 * county, asked for when the scope is a city or the province. */
int view_county_push(struct ui *ui, const char *county);
/* The 百千万 board (view_board.c): the rows of `bangfu board`, Tab regroups, Enter on a
 * county opens its page. */
int view_board_push(struct ui *ui);
/* A pager over a text (copied). */
#define PAGER_DIFF 1      /* colour it as a unified diff */
#define PAGER_WRAP 2      /* wrap long lines at the current width */
#define PAGER_WORDS 4     /* wrap them at spaces, the rest indented (the help) */
int view_pager_push(struct ui *ui, const char *title, const char *text, int flags);

/* Every view, by the name of its ops table (view_<name>_ops): its name is its keymap
 * section. A new view is one entry here. */
#define VIEW_LIST(X) X(list) X(household) X(history) X(dashboard) X(drafts) X(pager) \
	X(review) X(tasks) X(projects) X(recent) X(county) X(board)
#define VIEW_EXTERN_(name) extern const struct view_ops view_##name##_ops;
VIEW_LIST(VIEW_EXTERN_)
#undef VIEW_EXTERN_
#define VIEW_ONE_(name) + 1
enum { UI_NVIEWS = 0 VIEW_LIST(VIEW_ONE_) };   /* how many views there are */
#undef VIEW_ONE_

/* ui_cmd.c — ':' runs a command-line verb, its output in a pager */
int ui_command(struct ui *ui);

#endif
