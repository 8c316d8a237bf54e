/* cli_audit.c — the history verbs: audit log, audit verify, rebuild. */
#include "tui/cli.h"
#include <stdlib.h>

static int verb_audit_log(struct cli *c)
{
	long limit = c->a.limit ? atol(c->a.limit) : 0;
	int rc = store_audit_log(c->s, &c->me, c->a.npos ? c->a.pos[0] : NULL, limit, c->a.patch,
	                         stdout);
	return rc ? cli_store_fail(c, rc) : EXIT_OK;
}

static int print_reveal(void *ctx, const struct reveal_entry *e)
{
	long *n = ctx;
	printf("%s %s  event %ld  %s (%s, %s)  %s %ld household%s: %s\n    why: %s\n", e->date,
	       e->time, e->event, e->name, e->login, e->role, e->what, e->households,
	       e->households == 1 ? "" : "s", e->in_scope, e->why);
	(*n)++;
	return 0;
}

static int verb_audit_reveals(struct cli *c)
{
	long n = 0;
	int rc = store_reveal_list(c->s, &c->me, cli_opt(c, "--since"), cli_opt(c, "--login"),
	                           print_reveal, &n);
	if (rc)
		return cli_store_fail(c, rc);
	fprintf(stderr, "%ld access record%s\n", n, n == 1 ? "" : "s");
	return EXIT_OK;
}

static int verb_audit_verify(struct cli *c)
{
	int rc = store_audit_verify(c->s, stdout);
	if (rc)
		return cli_store_fail(c, rc);
	printf("audit verify: the database and the audit history agree\n");
	return EXIT_OK;
}

static int verb_rebuild(struct cli *c)
{
	return store_rebuild(c->dir, stderr) ? EXIT_FAIL : EXIT_OK;
}

static int verb_audit_repack(struct cli *c)
{
	struct repack_result r;
	int rc = store_audit_repack(c->s, &c->me, &r);
	if (rc)
		return cli_store_fail(c, rc);
	printf("%zu objects packed into %s; %ld loose object%s and %ld older pack%s removed",
	       r.objects, r.pack, r.loose_removed, r.loose_removed == 1 ? "" : "s", r.packs_removed,
	       r.packs_removed == 1 ? "" : "s");
	if (r.loose_kept)
		printf("; %ld loose object%s outside the history kept", r.loose_kept,
		       r.loose_kept == 1 ? "" : "s");
	printf("\n");
	return EXIT_OK;
}

static const struct verb verbs[] = {
	{"audit log", "[HOUSEHOLD]", "--limit --patch", 0, 1, NEED_USER,
	 "the history: who changed what, when and why",
	 "Newest first. With HOUSEHOLD, only the changes to that household. --patch (-p)\n"
	 "prints each change's diff, ID numbers and phones masked. The same history is in\n"
	 "DIR/audit.git: git --git-dir=DIR/audit.git log -p", verb_audit_log},
	{"audit reveals", "", "--since --login", 0, 0, NEED_USER,
	 "who saw full ID numbers and phones, when, of which households, and why",
	 "Auditors and administrators: the access records that `show --reveal`,\n"
	 "`export households --reveal` and the UI's R wrote, oldest first, of households in\n"
	 "your scope. --since YYYY-MM-DD, --login LOGIN narrow the list.",
	 verb_audit_reveals},
	{"audit verify", "", "", 0, 0, NEED_STORE,
	 "prove the database and the audit history agree",
	 "Checks that HEAD's tree holds exactly the canonical text of every row and that the\n"
	 "history carries events 1..N once each. Exit 1 with a report otherwise.",
	 verb_audit_verify},
	{"audit repack", "", "", 0, 0, NEED_USER, "pack the audit history (administrators)",
	 "libgit2 has no gc: every change leaves loose objects (4 KiB or more on disk each).\n"
	 "This packs everything reachable into one pack and removes what it replaces; staff\n"
	 "may keep working meanwhile (nothing is removed that the new pack does not hold).\n"
	 "Run it from cron, e.g. nightly: 30 2 * * * root bangfu -d DIR audit repack.",
	 verb_audit_repack},
	{"rebuild", "", "", 0, 0, 0, "make a new bangfu.db from the audit history alone",
	 "DIR must hold audit.git and no bangfu.db.", verb_rebuild},
};
const struct verb_table audit_verbs = {verbs, (int)(sizeof verbs / sizeof verbs[0])};
