/* cli.h — the command-line face: one table of verbs (cli.c), each verb's handler in a
 * file by subject (cli_register.c, cli_admin.c, cli_audit.c). Exit codes: 0 success,
 * 1 refused or failed, 2 usage error. Messages go to stderr. */
#ifndef TUI_CLI_H
#define TUI_CLI_H
#include "store/store.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* Options every verb may take; which ones a verb accepts is listed in its table row. */
struct args {
	const char *pos[8];
	int npos;
	const char *why, *encoding, *name, *role, *scope, *member, *version, *limit;
	long households;
	unsigned long seed;
	int skip_bad, help, have_households, have_seed;
};

struct cli {
	const char *dir;          /* the data directory */
	const struct verb *verb;
	struct args a;
	struct store *s;          /* open store (verbs with needs & NEED_STORE) */
	struct user me;           /* the calling bangfu user (needs & NEED_USER) */
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

/* Print "bangfu: <message>" for a store failure and return the exit code for rc. */
int cli_store_fail(struct cli *c, int rc);
int cli_usage(const struct verb *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int cli_main(int argc, char **argv);

int verb_init(struct cli *c);
int verb_demo(struct cli *c);
int verb_user_add(struct cli *c);
int verb_user_list(struct cli *c);
int verb_import_households(struct cli *c);
int verb_export_households(struct cli *c);
int verb_list(struct cli *c);
int verb_show(struct cli *c);
int verb_set(struct cli *c);
int verb_audit_log(struct cli *c);
int verb_audit_verify(struct cli *c);
int verb_rebuild(struct cli *c);

#endif
