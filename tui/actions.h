/* actions.h — every action of the terminal UI, named once. ACTION_LIST generates the
 * enum, the names keys bind to (keys.c, the config file), the help screen (view_help.c)
 * and the table in docs/ui.md, so they cannot drift apart. The flags say what an action
 * needs; ui.c checks them centrally before any view sees the action. */
#ifndef TUI_ACTIONS_H
#define TUI_ACTIONS_H
#include "core/i18n.h"   /* N_ marks the help texts; shown through _() */

#define A_ROW      1   /* needs a selected line */
#define A_WRITE    2   /* changes data: needs write access and asks a reason */
#define A_TAGGABLE 4   /* may follow ';' to apply to every tagged household */

/* X(ID, name, flags, help) */
#define ACTION_LIST(X) \
	X(MOVE_DOWN,   "move-down",   0, N_("move the cursor down one line")) \
	X(MOVE_UP,     "move-up",     0, N_("move the cursor up one line")) \
	X(PAGE_DOWN,   "page-down",   0, N_("move down one screen")) \
	X(PAGE_UP,     "page-up",     0, N_("move up one screen")) \
	X(FIRST,       "first",       0, N_("go to the first line")) \
	X(LAST,        "last",        0, N_("go to the last line")) \
	X(OPEN,        "open",        A_ROW, N_("open the selected line")) \
	X(BACK,        "back",        0, N_("close this view and go back (quits from the first view)")) \
	X(QUIT,        "quit",        0, N_("leave bangfu")) \
	X(REPAINT,     "repaint",     0, N_("repaint the whole screen")) \
	X(SUSPEND,     "suspend",     0, N_("suspend bangfu to the shell (fg brings it back)")) \
	X(RELOAD,      "reload",      0, N_("read this view's data again")) \
	X(HELP,        "help",        0, N_("the keys of this view (this screen)")) \
	X(COMMAND,     "command",     0, N_("run a command-line verb, e.g. :list 李 or :audit log H...")) \
	X(SEARCH,      "search",      0, N_("search forward: the cursor moves to the match")) \
	X(SEARCH_NEXT, "search-next", 0, N_("the next match of the last search")) \
	X(SEARCH_PREV, "search-prev", 0, N_("the previous match of the last search")) \
	X(JUMP_BACK,   "jump-back",   0, N_("'' (the key twice, as in vi): back to the row you were on before the last search or jump")) \
	X(WRITE,       "write",       0, N_("write this list (all rows of the limit), the queue or the tasks to a .csv or .xlsx file you name")) \
	X(RECENT,      "recent",      0, N_("recent changes in your scope: who did what today and this week, newest first")) \
	X(LIMIT,       "limit",       0, N_("show only households matching a query (as bangfu list); projects holding a text")) \
	X(TAG,         "tag",         A_ROW | A_TAGGABLE, N_("tag or untag the household (;t untags all)")) \
	X(TAG_PATTERN, "tag-pattern", 0, N_("tag every household matching a query")) \
	X(TAG_PREFIX,  "tag-prefix",  0, N_("apply the next action to every tagged household")) \
	X(EDIT,        "edit-field",  A_ROW | A_WRITE | A_TAGGABLE, N_("change one field (asks a reason)")) \
	X(HISTORY,     "history",     A_ROW, N_("the household's audit history: who, when, why")) \
	X(DASHBOARD,   "dashboard",   0, N_("counts by state, category and county in your scope")) \
	X(DRAFTS,      "drafts",      0, N_("edits that could not be saved, kept as drafts")) \
	X(DISCARD,     "discard",     A_ROW, N_("discard the selected draft")) \
	X(MESSAGES,    "messages",    0, N_("the recent status messages in full")) \
	X(REVIEW,      "review-queue", 0, N_("the cases waiting for your role, oldest first, with the rule checks")) \
	X(TODAY,       "today",       0, N_("your overdue and due tasks and visits, most urgent first")) \
	X(APPROVE,     "approve",     A_ROW | A_WRITE, N_("take the case's next step forward (pass, approve, eliminate; asks a reason)")) \
	X(SEND_BACK,   "send-back",   A_ROW | A_WRITE, N_("send the case back one step (asks a reason)")) \
	X(WITHDRAW,    "withdraw",    A_WRITE, N_("take back your own pass or send-back before the next level acts (asks a reason)")) \
	X(TASK_START,  "task-start",  A_ROW | A_WRITE, N_("start the task (asks a reason)")) \
	X(TASK_DONE,   "task-done",   A_ROW | A_WRITE, N_("mark the task done (asks a reason)")) \
	X(ADD_VISIT,   "add-visit",   A_WRITE, N_("record a visit to this household (asks its fields and a reason)")) \
	X(ADD_MEASURE, "add-measure", A_WRITE, N_("record an assistance measure (asks its fields and a reason)")) \
	X(ADD_TASK,    "add-task",    A_WRITE, N_("add a task about this household (asks title, kind, owner, due date and a reason)")) \
	X(SINCE,       "since",       0, N_("every change since you last looked at this history, as diffs")) \
	X(MOVE_CASE,   "move-case",   A_WRITE, N_("take a step of this household's open case (asks the step and a reason)")) \
	X(REVEAL,      "reveal",      0, N_("show this household's full ID numbers and phones (asks a reason; recorded for the auditors)")) \
	X(CORRECT,     "correct",     A_WRITE, N_("end or correct a measure, correct a visit, add, remove or move a member (asks a reason)")) \
	X(AS_OF,       "as-of",       0, N_("the household as it stood at the end of a day (in the history: that change's day), from the audit history")) \
	X(PROJECTS,    "projects",    0, N_("the 百千万 projects in your scope: money, milestones, overdue ones")) \
	X(ADD_INCOME,  "add-income",  A_WRITE, N_("record an income assessment (收入核算): each line checked as typed, then a reason")) \
	X(COUNTY,      "county",      0, N_("the county's 百千万 page: track, clusters, indicators, town classes, village incomes (read-only)")) \
	X(TASK_ASSIGN, "task-assign", A_ROW | A_WRITE, N_("give the task to someone else (asks the login, then a reason)")) \
	X(TASK_DUE,    "task-due",    A_ROW | A_WRITE, N_("move the task's due date (asks the date, empty = none, then a reason)")) \
	X(BOARD,       "board",       0, N_("the 百千万 board (bangfu board): households, cases, projects, money, overdue milestones per county, track or programme")) \
	X(BOARD_BY,    "board-by",    0, N_("the board by county, by track, by programme in turn"))

enum action {
	ACT_NONE = 0,
#define X(id, name, flags, help) ACT_##id,
	ACTION_LIST(X)
#undef X
	ACT_COUNT
};

struct action_info { const char *name; int flags; const char *help; };
extern const struct action_info actions[ACT_COUNT];

/* The action of that name; ACT_NONE for "none", -1 if unknown. */
int action_find(const char *name);

#endif
