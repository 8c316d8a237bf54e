/* cli_doctor.c — `bangfu doctor`: check a shared server's install (store/doctor.c). Root
 * runs it, or an administrator through bangfu: it shows who is in the bangfu group and
 * how files are kept, which is for the people who keep the server. */
#include "tui/cli.h"
#include "core/i18n.h"
#include <stdio.h>
#include <unistd.h>

static int verb_doctor(struct cli *c)
{
	if (getuid() != 0) {
		int rc = store_open(c->dir, &c->s);
		if (!rc)
			rc = store_whoami(c->s, &c->me);
		if (rc)
			return cli_store_fail(c, rc);
		if (!access_is_admin(&c->me)) {
			fprintf(stderr, _("bangfu: doctor is for root and administrators\n"));
			return EXIT_FAIL;
		}
	}
	return store_doctor(stdout) ? EXIT_FAIL : EXIT_OK;
}

static const struct verb verbs[] = {
	{"doctor", "", "", 0, 0, 0, N_("check a shared server's install (root, administrators)"),
	 N_("Reports wrong owners and modes of the binary, the conf file (bangfu.conf), each data\n"
	 "directory it lists and every file under them, symlinks, and members of the bangfu\n"
	 "group (staff must not be in it). Exit 1 when it finds a problem. docs/security.md"),
	 verb_doctor},
};
const struct verb_table doctor_verbs = {verbs, (int)(sizeof verbs / sizeof verbs[0])};
