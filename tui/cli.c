/* cli.c — the verb table, option parsing, data-directory resolution and dispatch of
 * `bangfu [-d DIR] VERB ...`. Help for every verb is generated from the table. */
#include "tui/cli.h"
#include "core/i18n.h"
#include "tui/ui.h"
#include "tui/userfiles.h"
#include "core/buf.h"
#include "core/encoding.h"
#include "core/text.h"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef BANGFU_VERSION
#define BANGFU_VERSION "0.1.0"
#endif

/* Every verb, by subject: each file defines its own table (cli.h); the order here is
 * the order of `bangfu --help`. */
static const struct verb_table *const tables[] = {
	&admin_verbs, &register_verbs, &export_verbs, &report_verbs, &case_verbs, &warning_verbs,
	&audit_verbs, &pairing_verbs, &task_verbs, &doctor_verbs, &income_verbs, &correct_verbs,
	&places_verbs, &places_io_verbs,
	&project_verbs, &board_verbs,
	&aggregate_verbs,
};
#define TABLE_COUNT ((int)(sizeof tables / sizeof tables[0]))
#define FOR_EACH_VERB(v) \
	for (int t_ = 0; t_ < TABLE_COUNT; t_++) \
		for (const struct verb *v = tables[t_]->verbs; v < tables[t_]->verbs + tables[t_]->count; v++)

/* The options that take no value. */
static int *flag_of(struct args *a, const char *opt)
{
	return strcmp(opt, "--skip-bad") == 0 ? &a->skip_bad
	     : strcmp(opt, "--reveal") == 0 ? &a->reveal
	     : strcmp(opt, "--patch") == 0 ? &a->patch : NULL;
}

/* The flags read with cli_opt (it gives ""). */
static int extra_flag(const char *opt)
{
	return strcmp(opt, "--quick") == 0 || strcmp(opt, "--derive") == 0 || strcmp(opt, "--all") == 0;
}

/* An option that takes no value (the flags above and the extra ones). */
static int is_flag(const char *opt)
{
	struct args none;
	return flag_of(&none, opt) || extra_flag(opt);
}

/* Whether the option argument `arg` ("--why", "-o") is followed by its value in the next
 * argument, as getopt_long reads it ("--why=X" and "-oX" carry theirs). */
static int value_follows(const char *arg)
{
	if (strncmp(arg, "--", 2) == 0)
		return arg[2] && !strchr(arg, '=') && !is_flag(arg) && strcmp(arg, "--help") != 0 &&
		       strcmp(arg, "--dump-verbs") != 0 && strcmp(arg, "--dump-keys") != 0;
	return strcmp(arg, "-o") == 0 || strcmp(arg, "-d") == 0;
}

/* The global options, taken out of argv wherever they stand (before the verb, after it,
 * between its words): -d DIR, -dDIR, --dir DIR, --dir=DIR; the last one counts. argv is
 * compacted and the new argc returned, or -1 after a usage message. A value is never
 * taken for an option ("--why -d" is a reason), and "--" ends the search. */
static int take_globals(int argc, char **argv, const char **dir)
{
	int out = 1, i = 1;
	for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
		const char *arg = argv[i];
		if (strcmp(arg, "-d") == 0 || strcmp(arg, "--dir") == 0) {
			if (i + 1 == argc)
				return cli_usage(NULL, _("%s needs a directory"), arg), -1;
			*dir = argv[++i];
		} else if (strncmp(arg, "--dir=", 6) == 0 || (strncmp(arg, "-d", 2) == 0 && arg[2])) {
			*dir = arg + (arg[1] == '-' ? 6 : 2);
		} else {
			argv[out++] = argv[i];
			if (arg[0] == '-' && value_follows(arg) && i + 1 < argc)
				argv[out++] = argv[++i];
		}
	}
	while (i < argc)
		argv[out++] = argv[i++];
	argv[out] = NULL;
	return out;
}

int cli_opens_ui(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-d") == 0 || strcmp(argv[i], "--dir") == 0)
			i++;
		else if (strncmp(argv[i], "--dir=", 6) != 0 && strncmp(argv[i], "-d", 2) != 0)
			return 0;
	}
	return 1;
}

/* `bangfu --dump-verbs` (hidden): one line per verb, NAME TAB USAGE TAB OPTIONS TAB
 * SUMMARY, options space separated with "=" after those that take a value. The man page
 * and the shell completions are generated from it (man/gen.sh), so they cannot drift;
 * the summary is the English msgid whatever the language, so they stay stable. */
static void dump_verbs(FILE *out)
{
	FOR_EACH_VERB(v) {
		fprintf(out, "%s\t%s\t", v->name, v->usage);
		char opts[512];
		snprintf(opts, sizeof opts, "%s", v->options);
		int first = 1;
		for (char *o = strtok(opts, " "); o; o = strtok(NULL, " "), first = 0)
			fprintf(out, "%s%s%s", first ? "" : " ", o + (*o == '!'), is_flag(o + (*o == '!')) ? "" : "=");
		fprintf(out, "\t%s\n", v->summary);
	}
}

/* The usage line: options marked "!" in the verb's table are required (no brackets). */
static void print_usage_line(FILE *out, const struct verb *v)
{
	struct args none;
	fprintf(out, "bangfu [-d DIR] %s%s%s", v->name, v->usage[0] ? " " : "", v->usage);
	char opts[512];
	snprintf(opts, sizeof opts, "%s", v->options);
	for (char *o = strtok(opts, " "); o; o = strtok(NULL, " ")) {
		int required = o[0] == '!';
		o += required;
		fprintf(out, flag_of(&none, o) ? (required ? " %s" : " [%s]")
		                               : (required ? " %s X" : " [%s X]"), o);
	}
	fputc('\n', out);
}

static void print_help(FILE *out)
{
	fprintf(out, _("bangfu %s — 帮扶 case management for 防止返贫动态监测 and 结对帮扶\n\n"
	        "usage: bangfu [-d DIR] VERB [ARGS...]     bangfu VERB --help\n\n"
	        "DIR defaults to $BANGFU_HOME, else (installed setgid) the first directory in\n"
	        "bangfu.conf, else $XDG_DATA_HOME/bangfu.\n\n"), BANGFU_VERSION);
	FOR_EACH_VERB(v)
		fprintf(out, "  %-20s %s\n", v->name, _(v->summary));
	fprintf(out, _("\nExit status: 0 done, 1 refused or failed, 2 usage error.\n"));
}

int cli_usage(const struct verb *v, const char *fmt, ...)
{
	va_list ap;
	fputs("bangfu: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(_("\nusage: "), stderr);
	if (v)
		print_usage_line(stderr, v);
	else
		fputs(_("bangfu [-d DIR] VERB [ARGS...]   (bangfu --help lists the verbs)\n"), stderr);
	return EXIT_USAGE;
}

/* The store's notices (a stale lock removed, a history that will catch up), each line
 * "bangfu: ..." on stderr, once. */
static void print_notices(struct cli *c)
{
	const char *n = c->s ? store_notices(c->s) : "";
	for (const char *nl; *n && (nl = strchr(n, '\n')); n = nl + 1)
		fprintf(stderr, "bangfu: %.*s\n", (int)(nl - n), n);
	store_notices_clear(c->s);
}

int cli_store_fail(struct cli *c, int rc)
{
	print_notices(c);
	fprintf(stderr, "bangfu: %s\n", store_error(c->s));
	(void)rc;
	return EXIT_FAIL;
}

static int accepts(const struct verb *v, const char *opt)
{
	size_t n = strlen(opt);
	for (const char *p = strstr(v->options, opt); p; p = strstr(p + 1, opt))
		if ((p == v->options || p[-1] == ' ' || p[-1] == '!') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

static int parse_number(const struct verb *v, const char *opt, const char *s, unsigned long *out)
{
	char *end;
	unsigned long n = strtoul(s, &end, 10);
	if (!*s || *end || s[0] == '-')
		return cli_usage(v, _("%s needs a non-negative whole number, got \"%s\""), opt, s);
	*out = n;
	return 0;
}

/* Parse a verb's arguments (after its name) into c->a. */
static int parse_args(struct cli *c, int argc, char **argv)
{
	const struct verb *v = c->verb;
	struct args *a = &c->a;
	static const struct { const char *opt; size_t off; } text_opts[] = {
		{"--why", offsetof(struct args, why)},         {"--encoding", offsetof(struct args, encoding)},
		{"--name", offsetof(struct args, name)},       {"--role", offsetof(struct args, role)},
		{"--scope", offsetof(struct args, scope)},     {"--member", offsetof(struct args, member)},
		{"--version", offsetof(struct args, version)}, {"--limit", offsetof(struct args, limit)},
	};
	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i];
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			a->help = 1;
			continue;
		}
		char *eq = strncmp(arg, "--", 2) == 0 ? strchr(argv[i], '=') : NULL;
		if (eq) {   /* --opt=value: the value is the rest, even when it starts with "-" */
			*eq = '\0';
			if (!accepts(v, arg) || is_flag(arg))
				return cli_usage(v, _("%s does not take %s="), v->name, arg);
			argv[i] = eq + 1;   /* read below as the value after the option */
			i--;
		}
		if (strncmp(arg, "-o", 2) == 0 && arg[2]) {   /* -oFILE, as getopt reads it */
			argv[i] = (char *)arg + 2;
			i--;
			arg = "-o";
		}
		if (strcmp(arg, "-p") == 0)   /* as git log -p */
			arg = "--patch";
		if (strcmp(arg, "-o") == 0)   /* as sort -o */
			arg = "--output";
		if (strcmp(arg, "--") == 0) {   /* the rest are arguments, even "-x" */
			if (argc - i - 1 > CLI_MAX_POS - a->npos)
				return cli_usage(v, _("too many arguments"));
			for (i++; i < argc; i++)
				a->pos[a->npos++] = argv[i];
			break;
		}
		/* "-500" is a value (a negative income), not options 5, 0 and 0 */
		if (arg[0] == '-' && arg[1] && arg[1] != '-' && !(arg[1] >= '0' && arg[1] <= '9'))
			return cli_usage(v, _("%s does not take %s (put -- before an argument that "
			                 "starts with -)"), v->name, arg);
		if (strncmp(arg, "--", 2) != 0) {
			if (a->npos == CLI_MAX_POS)
				return cli_usage(v, _("too many arguments"));
			a->pos[a->npos++] = arg;
			continue;
		}
		if (!accepts(v, arg))
			return cli_usage(v, _("%s does not take %s"), v->name, arg);
		if (flag_of(a, arg)) {
			*flag_of(a, arg) = 1;
			continue;
		}
		if (extra_flag(arg)) {   /* a flag: cli_opt gives "" */
			if (a->nextra < (int)(sizeof a->extra_name / sizeof a->extra_name[0])) {
				a->extra_name[a->nextra] = arg;
				a->extra_value[a->nextra++] = "";
			}
			continue;
		}
		if (i + 1 >= argc)
			return cli_usage(v, _("%s needs a value"), arg);
		const char *val = argv[++i];
		if (strcmp(arg, "--households") == 0) {
			unsigned long n = 0;
			if (parse_number(v, arg, val, &n))
				return EXIT_USAGE;
			a->households = (long)n;
			a->have_households = 1;
			continue;
		}
		if (strcmp(arg, "--seed") == 0) {
			if (parse_number(v, arg, val, &a->seed))
				return EXIT_USAGE;
			a->have_seed = 1;
			continue;
		}
		int known = 0;
		for (size_t k = 0; k < sizeof text_opts / sizeof text_opts[0]; k++)
			if (strcmp(arg, text_opts[k].opt) == 0) {
				*(const char **)((char *)a + text_opts[k].off) = val;
				known = 1;
			}
		if (!known && a->nextra < (int)(sizeof a->extra_name / sizeof a->extra_name[0])) {
			a->extra_name[a->nextra] = arg;
			a->extra_value[a->nextra++] = val;
		}
	}
	if (a->help)
		return 0;
	if (a->npos < v->min_pos)
		return cli_usage(v, _("%s needs %s"), v->name, v->usage);
	if (a->npos > v->max_pos)
		return cli_usage(v, _("too many arguments for %s"), v->name);
	return 0;
}

/* Read a whole file; returns 0 or -1 with errno set. */
static int read_whole(const char *path, char **out, size_t *len)
{
	int from_stdin = strcmp(path, "-") == 0;   /* "-": standard input */
	FILE *f = from_stdin ? stdin : userfiles_fopen(path, "rb");
	if (!f)
		return -1;
	struct buf b = {0};
	int rc = read_whole_file(f, &b, 0), err = errno;
	if (!from_stdin)
		fclose(f);
	if (rc) {
		buf_free(&b);
		errno = err;
		return -1;
	}
	*out = b.s;
	*len = b.len;
	return 0;
}

int cli_read_utf8(const char *file, const char *encoding, char **utf8, size_t *len,
                  const char **used)
{
	char *raw, err[512];
	size_t rawlen;
	if (read_whole(file, &raw, &rawlen)) {
		fprintf(stderr, "bangfu: %s: %s\n", file, strerror(errno));
		return -1;
	}
	int rc = encoding_to_utf8(raw, rawlen, encoding, utf8, len, used, err, sizeof err);
	free(raw);
	if (rc)
		fprintf(stderr, "bangfu: %s: %s\n", file, err);
	return rc;
}

void cli_put_cell(const char *s, int cells)
{
	char fitted[512];
	int w = text_fit(s, cells, fitted, sizeof fitted);
	fputs(fitted, stdout);
	for (; w < cells + 1; w++)
		putchar(' ');
}

const char *cli_opt(const struct cli *c, const char *name)
{
	for (int i = c->a.nextra - 1; i >= 0; i--)
		if (strcmp(c->a.extra_name[i], name) == 0)
			return c->a.extra_value[i];
	return strcmp(name, "--why") == 0 ? c->a.why : NULL;
}

/* -d DIR, else $BANGFU_HOME, else (setgid) the first directory of bangfu.conf, else
 * $XDG_DATA_HOME/bangfu, else ~/.local/share/bangfu. Only a choice: on a shared install
 * the store opens none but the listed directories whatever this says (store/confine.c). */
static const char *data_dir(const char *given, char *buf, size_t n)
{
	if (given)
		return given;
	const char *home = getenv("BANGFU_HOME");
	if (home && *home)
		return home;
	if (store_default_dir(buf, n) == 0)
		return buf;
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg)
		snprintf(buf, n, "%s/bangfu", xdg);
	else
		snprintf(buf, n, "%s/.local/share/bangfu", getenv("HOME") ? getenv("HOME") : ".");
	return buf;
}

/* Match argv[0..] against verb names of one or two words. */
static const struct verb *find_verb(int argc, char **argv, int *words)
{
	FOR_EACH_VERB(v) {
		const char *name = v->name, *sp = strchr(name, ' ');
		if (!sp && strcmp(argv[0], name) == 0) {
			*words = 1;
			return v;
		}
		if (sp && argc >= 2 && strncmp(argv[0], name, (size_t)(sp - name)) == 0 &&
		    argv[0][sp - name] == '\0' && strcmp(argv[1], sp + 1) == 0) {
			*words = 2;
			return v;
		}
	}
	return NULL;
}

void cli_progress(struct cli *c, const char *unit, long done, long total)
{
	if (c->progress.fn)
		c->progress.fn(c->progress.ctx, unit, done, total);
}

static int run_verb(struct cli *c)
{
	int rc;
	if (c->verb->name[0])   /* not in the UI: ncurses owns that terminal */
		progress_init(&c->pg, &c->progress);
	if (c->verb->needs & NEED_STORE) {
		if (c->a.why)   /* a change: its audit commit needs libgit2 */
			store_expect_change();
		rc = store_open(c->dir, &c->s);
		if (rc)
			return cli_store_fail(c, rc);
		store_set_progress(c->s, &c->progress);
	}
	if ((c->verb->needs & NEED_USER) == NEED_USER) {
		rc = store_whoami(c->s, &c->me);
		if (rc)
			return cli_store_fail(c, rc);
	}
	rc = c->verb->run(c);
	cli_progress(c, NULL, 0, 0);
	print_notices(c);
	return rc;
}

int cli_main(int argc, char **argv)
{
	struct cli c = {0};
	const char *given = NULL;
	char dirbuf[4096];
	int i = 1;
	if ((argc = take_globals(argc, argv, &given)) < 0)
		return EXIT_USAGE;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--dump-verbs") == 0) {
			dump_verbs(stdout);
			return EXIT_OK;
		} else if (strcmp(argv[i], "--dump-keys") == 0) {
			return ui_dump_keys(stdout) ? EXIT_FAIL : EXIT_OK;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("bangfu %s\n", BANGFU_VERSION);
			return EXIT_OK;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			print_help(stdout);
			return EXIT_OK;
		} else
			return cli_usage(NULL, _("unknown option %s"), argv[i]);
	}
	if (i == argc) {
		/* No verb: the terminal UI (tui/ui.c), as the calling bangfu user. */
		static const struct verb ui_verb = {"", "", "", 0, 0, NEED_USER,
		                                    N_("open the terminal UI"), "", ui_main};
		if (ui_preflight())
			return EXIT_FAIL;
		c.verb = &ui_verb;
	} else {
		int words = 0;
		c.verb = find_verb(argc - i, argv + i, &words);
		if (!c.verb)
			return cli_usage(NULL, _("unknown verb \"%s\""), argv[i]);
		int rc = parse_args(&c, argc - i - words, argv + i + words);
		if (rc)
			return rc;
		if (c.a.help) {
			print_usage_line(stdout, c.verb);
			const char *help = c.verb->help[0] ? _(c.verb->help) : "";   /* _("") is the header */
			printf("\n%s\n%s%s", _(c.verb->summary), help, help[0] ? "\n" : "");
			return EXIT_OK;
		}
	}
	c.dir = data_dir(given, dirbuf, sizeof dirbuf);
	int rc = run_verb(&c);
	store_close(c.s);
	return rc;
}
