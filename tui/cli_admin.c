/* cli_admin.c — the administrative verbs: init, demo, user add, user list. */
#include "tui/cli.h"
#include "core/i18n.h"
#include "core/regions.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

static int verb_init(struct cli *c)
{
	int rc = store_init(c->dir, &c->s);
	if (rc)
		return cli_store_fail(c, rc);
	struct user me;
	if (store_whoami(c->s, &me) == 0)
		printf(_("initialised %s: %s is its administrator (scope 44 广东省)\n"), c->dir, me.login);
	return EXIT_OK;
}

static int verb_demo(struct cli *c)
{
	struct import_result res;
	long n = c->a.have_households ? c->a.households : 2000;
	unsigned long seed = c->a.have_seed ? c->a.seed : 1;
	if (n <= 0 || n > 2000000)
		return cli_usage(c->verb, _("--households must be 1..2000000"));
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc = store_demo(c->s, &c->me, n, seed, &res);
	if (rc)
		return cli_store_fail(c, rc);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf(_("added %d synthetic households (%d people, seed %lu) in %.1f s\n"),
	       res.households_new + res.households_updated, res.members, seed,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	return EXIT_OK;
}

static int verb_user_add(struct cli *c)
{
	enum role role;
	if (!c->a.name || !c->a.role || !c->a.scope)
		return cli_usage(c->verb, _("user add needs --name, --role and --scope"));
	if (access_role_parse(c->a.role, &role))
		return cli_usage(c->verb, _("--role must be caseworker, township, county, auditor or admin"));
	char dflt[64];   /* --why is passed as given: write_begin refuses it if too long */
	snprintf(dflt, sizeof dflt, "new %s user", access_role_code(role));
	const char *why = c->a.why && c->a.why[0] ? c->a.why : dflt;
	int rc = store_user_add(c->s, &c->me, c->a.pos[0], c->a.name, role, c->a.scope, why);
	if (rc)
		return cli_store_fail(c, rc);
	char place[256];
	store_place_describe(c->s, c->a.scope, place, sizeof place);
	printf(_("added user %s (%s, scope %s %s)\n"), c->a.pos[0], access_role_code(role), c->a.scope,
	       place);
	return EXIT_OK;
}

static int print_user(void *ctx, const struct user *u)
{
	(void)ctx;
	printf("%-16s %-12s %-10s %s\n", u->login, access_role_code(u->role), u->scope, u->name);
	return 0;
}

static int verb_user_list(struct cli *c)
{
	int rc = store_user_list(c->s, &c->me, print_user, NULL);
	return rc ? cli_store_fail(c, rc) : EXIT_OK;
}

static const struct verb verbs[] = {
	{"init", "", "", 0, 0, 0, N_("create a data directory; you become its first administrator"),
	 N_("Creates DIR/bangfu.db and the audit repository DIR/audit.git. The Unix user who runs\n"
	 "it becomes the first administrator, with the whole province (44) in scope.\n"
	 "On a shared server (bangfu installed setgid) only root runs it, and only on a\n"
	 "directory listed in bangfu.conf (docs/deploy.md)."),
	 verb_init},
	{"demo", "", "--households --seed", 0, 0, NEED_USER,
	 N_("add a synthetic demo register (deterministic)"),
	 N_("Generates N households (default 2000) in real villages of Guangdong's 122\n"
	 "counties (2023 statistical codes; mostly 村委会), with invented people, all marked\n"
	 "as synthetic. The same --seed gives the same register. On a shared server only\n"
	 "root loads it."),
	 verb_demo},
	{"user add", "LOGIN", "!--name !--role !--scope --why", 1, 1, NEED_USER,
	 N_("add a bangfu user (administrators only)"),
	 N_("--role caseworker|township|county|auditor|admin, --scope 44 | a city or county code\n"
	 "| a 9-digit town code | a 12-digit village code. LOGIN is the Unix login."),
	 verb_user_add},
	{"user list", "", "", 0, 0, NEED_USER, N_("list bangfu users in your scope"), "", verb_user_list},
};
const struct verb_table admin_verbs = {verbs, (int)(sizeof verbs / sizeof verbs[0])};
