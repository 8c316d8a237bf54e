/* cli_audit.c — the history verbs: audit log, audit verify (whole chain, --quick,
 * --head, --against), audit head, audit push, audit mirror-init, audit repack, rebuild. */
#include "tui/cli.h"
#include "core/i18n.h"
#include <stdlib.h>
#include <unistd.h>

static int verb_audit_log(struct cli *c)
{
	long limit = c->a.limit ? atol(c->a.limit) : 0;
	int rc = store_audit_log_range(c->s, &c->me, c->a.npos ? c->a.pos[0] : NULL,
	                               cli_opt(c, "--since"), cli_opt(c, "--until"), limit,
	                               c->a.patch, stdout);
	return rc ? cli_store_fail(c, rc) : EXIT_OK;
}

/* A mirror is a path or URL the person names. Administrators (for --against auditors
 * too) may; on a shared server, where bangfu runs setgid to the bangfu group and would
 * reach that path with the group's rights, only root may (docs/deploy.md). */
static int mirror_allowed(struct cli *c, int auditor_too, const char *what)
{
	if (!access_is_admin(&c->me) && !(auditor_too && c->me.role == ROLE_AUDITOR)) {
		fprintf(stderr, auditor_too ? _("bangfu: only an administrator or an auditor may %s\n")
		                            : _("bangfu: only an administrator may %s\n"), what);
		return EXIT_FAIL;
	}
	if (store_shared() && getuid() != 0) {
		fprintf(stderr, _("bangfu: on a shared server only root may %s (from root's cron: "
		        "docs/deploy.md, Outside witness)\n"), what);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

static int print_reveal(void *ctx, const struct reveal_entry *e)
{
	long *n = ctx;
	printf(ngettext("%s %s  event %ld  %s (%s, %s)  %s %ld household: %s\n    why: %s\n",
	                "%s %s  event %ld  %s (%s, %s)  %s %ld households: %s\n    why: %s\n",
	                (unsigned long)e->households), e->date,
	       e->time, e->event, e->name, e->login, e->role, e->what, e->households,
	       e->in_scope, e->why);
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
	fprintf(stderr, ngettext("%ld access record\n", "%ld access records\n", (unsigned long)n), n);
	return EXIT_OK;
}

static int verb_audit_verify(struct cli *c)
{
	struct verify_opts o = {cli_opt(c, "--quick") != NULL, cli_opt(c, "--head"),
	                        cli_opt(c, "--against")};
	if (o.against && mirror_allowed(c, 1, _("verify against a mirror")))
		return EXIT_FAIL;
	int rc = store_audit_verify(c->s, &o, stdout);
	if (rc)
		return cli_store_fail(c, rc);
	printf(_("audit verify: the database and the audit history agree\n"));
	return EXIT_OK;
}

static int verb_audit_head(struct cli *c)
{
	char line[128];
	if (!access_is_admin(&c->me) && c->me.role != ROLE_AUDITOR) {
		fprintf(stderr, _("bangfu: only an administrator or an auditor takes the history's head "
		        "(anyone may check one: audit verify --head N:ID)\n"));
		return EXIT_FAIL;
	}
	int rc = store_audit_head(c->s, line, sizeof line);
	if (rc)
		return cli_store_fail(c, rc);
	printf("%s\n", line);
	return EXIT_OK;
}

static int verb_audit_push(struct cli *c)
{
	if (mirror_allowed(c, 0, _("push the history to a mirror")))
		return EXIT_FAIL;
	int rc = store_audit_push(c->s, c->a.pos[0], stdout);
	return rc ? cli_store_fail(c, rc) : EXIT_OK;
}

static int verb_mirror_init(struct cli *c)
{
	if (mirror_allowed(c, 0, _("make a mirror")))
		return EXIT_FAIL;
	int rc = store_mirror_init(c->s, c->a.pos[0], stdout);
	return rc ? cli_store_fail(c, rc) : EXIT_OK;
}

static int verb_rebuild(struct cli *c)
{
	return store_rebuild(c->dir, stderr, &c->progress) ? EXIT_FAIL : EXIT_OK;
}

static int verb_audit_repack(struct cli *c)
{
	struct repack_result r;
	int rc = store_audit_repack(c->s, &c->me, &r);
	if (rc)
		return cli_store_fail(c, rc);
	printf(_("%zu objects packed into %s; "), r.objects, r.pack);
	printf(ngettext("%ld loose object", "%ld loose objects", (unsigned long)r.loose_removed),
	       r.loose_removed);
	printf(ngettext(" and %ld older pack removed", " and %ld older packs removed",
	                (unsigned long)r.packs_removed), r.packs_removed);
	if (r.loose_kept)
		printf(ngettext("; %ld loose object outside the history kept",
		                "; %ld loose objects outside the history kept", (unsigned long)r.loose_kept),
		       r.loose_kept);
	printf("\n");
	return EXIT_OK;
}

static int verb_audit_relayout(struct cli *c)
{
	long moved;
	const char *why = c->a.why && c->a.why[0] ? c->a.why
	                  : "the history's households by village (audit relayout)";
	int rc = store_audit_relayout(c->s, &c->me, why, &moved);
	if (rc)
		return cli_store_fail(c, rc);
	printf(ngettext("%ld household's file moved to the village layout of the history\n",
	                "%ld households' files moved to the village layout of the history\n",
	                (unsigned long)moved), moved);
	return EXIT_OK;
}

static const struct verb verbs[] = {
	{"audit log", "[HOUSEHOLD|PROJECT|TASK]", "--limit --patch --since --until", 0, 1, NEED_USER,
	 N_("the history: who changed what, when and why"),
	 N_("Newest first. With HOUSEHOLD (id, 户编号 or ID number), PROJECT (PJ0000001) or TASK\n"
	 "(T0000001), only the changes to that record, if it is in your scope. --patch (-p)\n"
	 "prints each change's diff, ID numbers and phones masked. --since/--until DATE: only\n"
	 "the changes of those days (local time). The same history is in\n"
	 "DIR/audit.git: git --git-dir=DIR/audit.git log -p"), verb_audit_log},
	{"audit reveals", "", "--since --login", 0, 0, NEED_USER,
	 N_("who saw full ID numbers and phones, when, of which households, and why"),
	 N_("Auditors and administrators: the access records that `show --reveal`,\n"
	 "`export households --reveal` and the UI's R wrote, oldest first, of households in\n"
	 "your scope. --since YYYY-MM-DD, --login LOGIN narrow the list."),
	 verb_audit_reveals},
	{"audit verify", "", "--quick --head --against", 0, 0, NEED_USER,
	 N_("prove the database and the audit history agree"),
	 N_("Checks that HEAD's tree holds exactly the canonical text of every row, then walks\n"
	 "every commit from the root: commit N carries event N, with its author, time and\n"
	 "message, the commit id the database records, and a tree that is commit N-1's with\n"
	 "exactly event N's files applied. Names the first event where they part.\n"
	 "  --quick        only HEAD's tree and events 1..N once each (the old check)\n"
	 "  --head N:ID    event N must still be commit ID (a line `audit head` printed)\n"
	 "  --against M    the local history must extend the mirror M's (path, file://,\n"
	 "                 ssh://user@host/path); administrators and auditors\n"
	 "Exit 1 with a report otherwise. Only a mirror or a written-down head can catch a\n"
	 "database and history rewritten together (docs/reliability.md)."),
	 verb_audit_verify},
	{"audit head", "", "", 0, 0, NEED_USER, N_("print the history's head as a line to keep elsewhere"),
	 N_("Prints `bangfu-head N:ID`: HEAD's event N and commit ID. Write it down or send it\n"
	 "away; `audit verify --head N:ID` later proves event N is still that commit.\n"
	 "Administrators and auditors."), verb_audit_head},
	{"audit push", "REMOTE", "", 1, 1, NEED_USER, N_("push the history to a mirror (administrators)"),
	 N_("Pushes main to REMOTE's main (a path, file:// or ssh://user@host/path) through\n"
	 "libgit2, never forced: refused unless the mirror's main is in the local history.\n"
	 "ssh uses the agent or ~/.ssh/id_ed25519 / id_rsa; the host must be in\n"
	 "~/.ssh/known_hosts. On a shared server, root only (docs/deploy.md)."), verb_audit_push},
	{"audit mirror-init", "PATH", "", 1, 1, NEED_USER, N_("make a mirror repository (administrators)"),
	 N_("Makes a bare repository at PATH set to refuse non-fast-forward updates and deletions\n"
	 "(git receive-pack obeys that when it is pushed to over ssh). On a shared server,\n"
	 "root only."), verb_mirror_init},
	{"audit repack", "", "", 0, 0, NEED_USER, N_("pack the audit history (administrators)"),
	 N_("libgit2 has no gc: every change leaves loose objects (4 KiB or more on disk each).\n"
	 "This packs everything reachable into one pack and removes what it replaces; staff\n"
	 "may keep working meanwhile (nothing is removed that the new pack does not hold).\n"
	 "Run it from cron, e.g. nightly: 30 2 * * * root bangfu -d DIR audit repack."),
	 verb_audit_repack},
	{"audit relayout", "", "--why", 0, 0, NEED_USER,
	 N_("move the history's household files into village folders (administrators)"),
	 N_("An older register keeps each household's file in its town's folder\n"
	 "(households/COUNTY/TOWN/ID.txt), whose tree every edit there rewrites (thousands\n"
	 "of entries in a large town). This moves every file to households/COUNTY/TOWN/\n"
	 "VILLAGE/ID.txt as one event (the texts unchanged) and sets history_layout; a new\n"
	 "register has that layout from `init`. Province (44) administrators; run it once,\n"
	 "when no import is running (about a minute at 1,000,000 households)."),
	 verb_audit_relayout},
	{"rebuild", "", "", 0, 0, 0, N_("make a new bangfu.db from the audit history alone"),
	 N_("DIR must hold audit.git and no bangfu.db. On a shared server (bangfu installed\n"
	 "setgid) only root or a province (44) administrator in the history runs it, and\n"
	 "only on a directory listed in bangfu.conf."),
	 verb_rebuild},
};
const struct verb_table audit_verbs = {verbs, (int)(sizeof verbs / sizeof verbs[0])};
