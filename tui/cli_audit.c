/* cli_audit.c — the history verbs: audit log, audit verify, rebuild. */
#include "tui/cli.h"
#include <stdlib.h>

int verb_audit_log(struct cli *c)
{
	long limit = c->a.limit ? atol(c->a.limit) : 0;
	int rc = store_audit_log(c->s, &c->me, c->a.npos ? c->a.pos[0] : NULL, limit, stdout);
	return rc ? cli_store_fail(c, rc) : EXIT_OK;
}

int verb_audit_verify(struct cli *c)
{
	int rc = store_audit_verify(c->s, stdout);
	if (rc)
		return cli_store_fail(c, rc);
	printf("audit verify: the database and the audit history agree\n");
	return EXIT_OK;
}

int verb_rebuild(struct cli *c)
{
	return store_rebuild(c->dir, stderr) ? EXIT_FAIL : EXIT_OK;
}
