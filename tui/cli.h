/* cli.h — the command-line face: a table of verbs in each file by subject
 * (cli_register.c, cli_admin.c, cli_audit.c, ...: the *_verbs below), which cli.c looks a
 * verb up in, in turn. Exit codes: 0 success, 1 refused or failed, 2 usage error.
 * Messages go to stderr. */
#ifndef TUI_CLI_H
#define TUI_CLI_H
#include "store/store.h"
#include "tui/progress.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* Options every verb may take; which ones a verb accepts is listed in its table row. */
/* Arguments a verb may be given: aggregate takes a province's counties (Guangdong has
 * 122 county-level divisions), every other verb a handful. */
#define CLI_MAX_POS 160
struct args {
	const char *pos[CLI_MAX_POS];
	int npos;
	const char *why, *encoding, *name, *role, *scope, *member, *version, *limit;
	long households;
	unsigned long seed;
	int skip_bad, help, have_households, have_seed;
	int reveal;               /* --reveal: full ID numbers and phones (needs --why; recorded) */
	int patch;                /* --patch, -p: audit log prints each change's diff */
	/* any other --option VALUE the verb's table row lists (read with cli_opt) */
	const char *extra_name[24], *extra_value[24];
	int nextra;
};

struct cli {
	const char *dir;          /* the data directory */
	const struct verb *verb;
	struct args a;
	struct store *s;          /* open store (verbs with needs & NEED_STORE) */
	struct user me;           /* the calling bangfu user (needs & NEED_USER) */
	struct progress pg;       /* the progress line on a terminal's stderr (tui/progress.c) */
	struct store_progress progress;   /* its listener, given to the store */
};

#define NEED_STORE 1
#define NEED_USER  3          /* implies the store */

struct verb {
	const char *name;         /* "import households", "audit log", ... */
	const char *usage;        /* arguments after the name */
	const char *options;      /* accepted --options, space separated */
	int min_pos, max_pos;
	int needs;
	const char *summary;
	const char *help;
	int (*run)(struct cli *c);
};

/* Read FILE and bring it to UTF-8 (encoding NULL = detect); messages name the file.
 * Returns 0, or -1 after printing why. */
int cli_read_utf8(const char *file, const char *encoding, char **utf8, size_t *len,
                  const char **used);
/* Print "FILE:LINE: COLUMN: message" defects to stderr; ctx is a struct cli_report. */
struct cli_report { const char *file; long count; };
void cli_report_defect(void *ctx, long line, const char *column, const char *msg);

/* Print s on stdout cut or padded to `cells` terminal cells (a Chinese character takes
 * two), then at least one space: a column of a terminal table. */
void cli_put_cell(const char *s, int cells);
/* The value of option `name` ("--date") given to the verb, or NULL. */
const char *cli_opt(const struct cli *c, const char *name);

/* The progress of a verb that loops itself (export): done of total units (0: unknown). */
void cli_progress(struct cli *c, const char *unit, long done, long total);
/* Print "bangfu: <message>" for a store failure and return the exit code for rc. */
int cli_store_fail(struct cli *c, int rc);
int cli_usage(const struct verb *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int cli_main(int argc, char **argv);
/* 1 when argv names no verb (only -d DIR and the like): `bangfu` opens the UI. */
int cli_opens_ui(int argc, char **argv);

struct verb_table { const struct verb *verbs; int count; };
extern const struct verb_table admin_verbs;     /* cli_admin.c: init, demo, user */
extern const struct verb_table register_verbs;  /* cli_register.c: import, export, list, show, set */
extern const struct verb_table audit_verbs;     /* cli_audit.c: audit log/verify, rebuild */
extern const struct verb_table case_verbs;      /* cli_case.c: case, measure, visit, setting */
extern const struct verb_table warning_verbs;   /* cli_warnings.c: import warnings, notice */
extern const struct verb_table pairing_verbs;   /* cli_pair.c: unit, team, pair */
extern const struct verb_table task_verbs;      /* cli_task.c: today, task */
extern const struct verb_table doctor_verbs;    /* cli_doctor.c: doctor */
extern const struct verb_table income_verbs;    /* cli_income.c: income add */
extern const struct verb_table places_verbs;    /* cli_places.c: indicator, county */
extern const struct verb_table places_io_verbs; /* cli_places_io.c: import/export indicators */
extern const struct verb_table correct_verbs;   /* cli_correct.c: edit, end, member, ... */
/* cli_correct.c: `show HOUSEHOLD --as-of DATE` */
int cli_show_as_of(struct cli *c);
extern const struct verb_table export_verbs;    /* cli_export.c: export households, cases, ... */
extern const struct verb_table report_verbs;    /* cli_report.c: report */
extern const struct verb_table project_verbs;   /* cli_project.c: project add, set, list, ... */
extern const struct verb_table board_verbs;     /* cli_board.c: export/import projects, board */
/* project list and export --format: --status (or overdue), --kind, --group, --match */
void cli_project_filter(struct cli *c, struct project_filter *f);
/* The projects in scope as the projects sheet, in one of `allowed` (1 << SHEET_...). */
int cli_project_sheet(struct cli *c, unsigned allowed, int dflt);
extern const struct verb_table aggregate_verbs; /* cli_aggregate.c: aggregate */

/* --reveal without --why: a usage error (EXIT_USAGE after saying why), else 0. */
int cli_reveal_usage(struct cli *c);

#endif
