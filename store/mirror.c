/* mirror.c — the outside witness. Whoever can write both bangfu.db and audit.git can
 * rewrite both consistently, and no local check can tell; a copy of the history kept
 * elsewhere, or one line written down, can:
 *   audit mirror-init PATH   a bare repository that refuses non-fast-forward updates and
 *                            deletions (when pushed to over ssh: git receive-pack obeys
 *                            receive.denyNonFastForwards / receive.denyDeletes)
 *   audit push REMOTE        main → the mirror's main through libgit2, never forced; bangfu
 *                            itself refuses unless the mirror's main is in our history
 *                            (libgit2 pushing to a local path runs no receive-pack, so the
 *                            mirror's settings would not be asked)
 *   audit verify --against   the local history must extend the mirror's: the first event
 *                            whose commit differs is named
 *   audit head / --head N:ID "bangfu-head N:ID" now; later, event N must still be ID. */
#include "store/verify.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define BRANCH "refs/heads/main"


/* ssh: the agent, then ~/.ssh/id_ed25519 and ~/.ssh/id_rsa (keys without a passphrase,
 * for cron). The host must be in ~/.ssh/known_hosts: libgit2 1.5.1 checks it. */
static int credentials(git_credential **out, const char *url, const char *user,
                       unsigned int allowed, void *payload)
{
	struct remote_ctx *r = payload;
	const char *home = getenv("HOME");
	char key[PATH_MAX];
	(void)url;
	if (!(allowed & GIT_CREDENTIAL_SSH_KEY))
		return -1;
	if (!user)
		user = "git";
	switch (r->tries++) {
	case 0:
		if (getenv("SSH_AUTH_SOCK"))
			return git_credential_ssh_key_from_agent(out, user);
		/* fall through */
	case 1:
		r->tries = 2;
		snprintf(key, sizeof key, "%s/.ssh/id_ed25519", home ? home : "");
		return git_credential_ssh_key_new(out, user, NULL, key, NULL);
	case 2:
		snprintf(key, sizeof key, "%s/.ssh/id_rsa", home ? home : "");
		return git_credential_ssh_key_new(out, user, NULL, key, NULL);
	default:
		git_error_set_str(GIT_ERROR_SSH, _("no ssh key the mirror accepts (agent, id_ed25519, id_rsa)"));
		return -1;
	}
}

static int push_status(const char *ref, const char *status, void *payload)
{
	struct remote_ctx *r = payload;
	if (status)
		snprintf(r->status, sizeof r->status, "%s: %s", ref, status);
	return 0;
}

static void remote_callbacks(git_remote_callbacks *cb, struct remote_ctx *ctx)
{
	git_remote_init_callbacks(cb, GIT_REMOTE_CALLBACKS_VERSION);
	ctx->tries = 0;           /* each connection tries the keys from the first */
	cb->credentials = credentials;
	cb->push_update_reference = push_status;
	cb->payload = ctx;
}

int remote_main(struct store *s, const char *url, struct remote_ctx *ctx, git_remote **r,
                       git_oid *main, int *has)
{
	git_remote_callbacks cb;
	const git_remote_head **heads;
	size_t n;
	struct stat sb;
	remote_callbacks(&cb, ctx);
	*has = 0;
	const char *colon = strchr(url, ':'), *slash = strchr(url, '/');
	int local = !colon || (slash && slash < colon);   /* not a URL nor user@host:path */
	if (local && stat(url, &sb) != 0)
		return store_fail(s, STORE_EINVAL, "%s: no such mirror (`audit mirror-init %s` makes "
		                  "one): %s", url, url, strerror(errno));
	git_remote_create_options o;
	git_remote_create_options_init(&o, GIT_REMOTE_CREATE_OPTIONS_VERSION);
	o.repository = s->repo;
	/* anonymous, and no url.*.insteadOf from any config may redirect the witness (nor
	 * leak: libgit2 1.5.1's regex match loses its match data on every config entry) */
	o.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF | GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC;
	if (git_lazy_tls() < 0 || git_remote_create_with_opts(r, url, &o) < 0 ||
	    git_remote_connect(*r, GIT_DIRECTION_FETCH, &cb, NULL, NULL) < 0 ||
	    git_remote_ls(&heads, &n, *r) < 0)
		return store_gitfail(s, url);
	for (size_t i = 0; i < n; i++)
		if (strcmp(heads[i]->name, BRANCH) == 0) {
			git_oid_cpy(main, &heads[i]->oid);
			*has = 1;
		}
	return 0;
}

int remote_download(struct store *s, git_remote *r, struct remote_ctx *ctx, const char *url)
{
	char *spec[] = {BRANCH};
	git_strarray specs = {spec, 1};
	git_fetch_options fo;
	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	remote_callbacks(&fo.callbacks, ctx);
	fo.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
	if (git_remote_download(r, &specs, &fo) < 0)
		return store_gitfail(s, url);
	git_odb *odb;
	if (git_repository_odb(&odb, s->repo) == 0) {
		git_odb_refresh(odb);
		git_odb_free(odb);
	}
	return 0;
}

static int have_object(git_repository *repo, const git_oid *id)
{
	git_odb *odb;
	if (git_repository_odb(&odb, repo) < 0)
		return 0;
	int yes = git_odb_exists(odb, id);
	git_odb_free(odb);
	return yes;
}

int store_audit_push(struct store *s, const char *url, FILE *report)
{
	struct remote_ctx ctx = {.s = s};
	git_remote *r = NULL;
	git_oid head, theirs;
	int has = 0, rc;
	if ((rc = audit_need(s)))
		return rc;
	char hex[GIT_OID_HEXSZ + 1];
	if (git_reference_name_to_id(&head, s->repo, BRANCH) < 0)
		return store_fail(s, STORE_EINVAL, "the audit history has no commits yet: nothing to push");
	git_oid_tostr(hex, sizeof hex, &head);
	long event = chain_event_of(s->repo, &head);
	if ((rc = remote_main(s, url, &ctx, &r, &theirs, &has)))
		goto out;
	if (has && git_oid_equal(&theirs, &head)) {
		fprintf(report, _("%s already holds event %ld (commit %.12s)\n"), url, event, hex);
		goto out;
	}
	if (has && (!have_object(s->repo, &theirs) ||
	            git_graph_descendant_of(s->repo, &head, &theirs) != 1)) {
		rc = store_fail(s, STORE_EVERIFY, "%s holds commit %.12s, which the local history does not "
		                "contain: the local history was rewritten or moved back, or the mirror "
		                "belongs to another data directory. Nothing pushed; `audit verify --against "
		                "%s` names the event", url, git_oid_tostr_s(&theirs), url);
		goto out;
	}
	git_remote_disconnect(r);
	char *spec[] = {BRANCH ":" BRANCH};   /* no leading +: never forced */
	git_strarray specs = {spec, 1};
	git_push_options po;
	git_push_options_init(&po, GIT_PUSH_OPTIONS_VERSION);
	remote_callbacks(&po.callbacks, &ctx);
	if (git_remote_push(r, &specs, &po) < 0)
		rc = store_gitfail(s, url);
	else if (ctx.status[0])
		rc = store_fail(s, STORE_EFAIL, "%s refused the push: %s", url, ctx.status);
	else
		fprintf(report, _("pushed to %s: event %ld (commit %s)\n"), url, event, hex);
out:
	git_remote_free(r);
	return rc;
}

int store_mirror_init(struct store *s, const char *path, FILE *report)
{
	struct stat sb;
	git_repository *repo = NULL;
	git_config *cfg = NULL, *local = NULL;
	git_repository_init_options o;
	if (audit_need(s))
		return STORE_EFAIL;
	if (stat(path, &sb) == 0)
		return store_fail(s, STORE_EINVAL, "%s exists: a mirror is made where there is nothing", path);
	if (errno != ENOENT)
		return store_fail(s, STORE_EFAIL, "%s: %s", path, strerror(errno));
	git_repository_init_options_init(&o, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	o.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKDIR | GIT_REPOSITORY_INIT_NO_REINIT;
	o.initial_head = "main";
	o.description = "bangfu audit history mirror: fast-forward pushes only (bangfu audit push)";
	int rc = 0;
	if (git_repository_init_ext(&repo, path, &o) < 0 || git_repository_config(&cfg, repo) < 0 ||
	    git_config_open_level(&local, cfg, GIT_CONFIG_LEVEL_LOCAL) < 0 ||
	    git_config_set_bool(local, "receive.denyNonFastForwards", 1) < 0 ||
	    git_config_set_bool(local, "receive.denyDeletes", 1) < 0 ||
	    git_config_set_bool(local, "core.logAllRefUpdates", 1) < 0)
		rc = store_gitfail(s, path);
	else
		fprintf(report, _("made the mirror %s: a bare repository refusing non-fast-forward updates "
		        "and deletions of its branches over ssh; fill it with `bangfu audit push %s`\n"),
		        path, path);
	git_config_free(local);
	git_config_free(cfg);
	git_repository_free(repo);
	return rc;
}

int store_audit_head(struct store *s, char *out, size_t n)
{
	git_oid head;
	if (audit_need(s))
		return STORE_EFAIL;
	if (git_reference_name_to_id(&head, s->repo, BRANCH) < 0)
		return store_fail(s, STORE_EINVAL, "the audit history has no commits yet");
	snprintf(out, n, "bangfu-head %ld:%s", chain_event_of(s->repo, &head), git_oid_tostr_s(&head));
	return 0;
}

int mirror_head_parse(const char *line, long *event, char *hex, size_t n)
{
	char *end;
	if (strncmp(line, "bangfu-head ", 12) == 0)
		line += 12;
	*event = strtol(line, &end, 10);
	if (*event <= 0 || *end != ':')
		return -1;
	size_t len = strspn(end + 1, "0123456789abcdef");
	if (len < 7 || len > GIT_OID_HEXSZ || end[1 + len] != '\0' || len >= n)
		return -1;
	snprintf(hex, n, "%s", end + 1);
	return 0;
}

int mirror_head_invalid(struct store *s, const char *line)
{
	return store_fail(s, STORE_EINVAL, "--head takes N:ID as `audit head` prints it (bangfu-head "
	                  "N:ID), ID of 7 to 40 lower-case hex digits; got \"%s\"", line);
}

int mirror_check_head(struct store *s, const git_oid *head, const char *line, FILE *report,
                      long *problems)
{
	char want[GIT_OID_HEXSZ + 1], got[GIT_OID_HEXSZ + 1];
	long event, n = 0;
	git_oid *oids = NULL;
	if (mirror_head_parse(line, &event, want, sizeof want))
		return mirror_head_invalid(s, line);
	int rc = chain_collect(s, s->repo, head, &oids, &n);
	if (rc) {
		free(oids);
		return rc;
	}
	if (event > n) {
		fprintf(report, _("--head: event %ld is not in the history, which ends at its %ld. commit: "
		        "the history was cut back (events erased?) since %.12s was written down\n"),
		        event, n, want);
		(*problems)++;
	} else {
		git_oid_tostr(got, sizeof got, &oids[event - 1]);
		long carried = chain_event_of(s->repo, &oids[event - 1]);
		if (strncmp(got, want, strlen(want)) != 0 || carried != event) {
			fprintf(report, _("--head: event %ld was commit %s when written down; the history's "
			        "commit in its place is now %.12s (carrying event %ld): the history was rewritten "
			        "at or before event %ld\n"), event, want, got, carried, event);
			(*problems)++;
		} else {
			fprintf(report, _("--head: event %ld is still commit %.12s, an ancestor of HEAD\n"), event, got);
		}
	}
	free(oids);
	return 0;
}

/* Compare the two chains commit by commit: the first index where they differ names the
 * rewritten event; a mirror longer than the local history means events were erased. */
static void compare_chains(struct store *s, const git_oid *ours, long n, const git_oid *theirs,
                           long m, const char *url, FILE *report, long *problems)
{
	char a[GIT_OID_HEXSZ + 1], b[GIT_OID_HEXSZ + 1];
	for (long i = 0; i < n && i < m; i++)
		if (!git_oid_equal(&ours[i], &theirs[i])) {
			git_oid_tostr(a, sizeof a, &theirs[i]);
			git_oid_tostr(b, sizeof b, &ours[i]);
			fprintf(report, _("--against %s: event %ld was rewritten: the mirror has commit %.12s "
			        "(event %ld), the local history %.12s (event %ld)\n"), url, i + 1, a,
			        chain_event_of(s->repo, &theirs[i]), b, chain_event_of(s->repo, &ours[i]));
			(*problems)++;
			return;
		}
	if (m > n) {
		git_oid_tostr(a, sizeof a, &theirs[n]);
		fprintf(report, _("--against %s: the mirror holds %ld events, the local history %ld: event %ld "
		        "(the mirror's commit %.12s) and later were erased here\n"), url, m, n, n + 1, a);
		(*problems)++;
		return;
	}
	fprintf(report, _("--against %s: the local history extends the mirror's (%ld of %ld events "
	        "pushed)\n"), url, m, n);
}

int mirror_check_against(struct store *s, const git_oid *head, const char *url, FILE *report,
                         long *problems)
{
	struct remote_ctx ctx = {.s = s};
	git_remote *r = NULL;
	git_oid theirs, *ours = NULL, *mirror = NULL;
	long n = 0, m = 0;
	int has = 0;
	int rc = remote_main(s, url, &ctx, &r, &theirs, &has);
	if (!rc && !has) {
		fprintf(report, _("--against %s: the mirror holds no history yet (audit push fills it)\n"), url);
		(*problems)++;
	}
	if (!rc && has && !have_object(s->repo, &theirs))
		rc = remote_download(s, r, &ctx, url);
	if (!rc && has && !(rc = chain_collect(s, s->repo, head, &ours, &n)) &&
	    !(rc = chain_collect(s, s->repo, &theirs, &mirror, &m)))
		compare_chains(s, ours, n, mirror, m, url, report, problems);
	free(ours);
	free(mirror);
	git_remote_free(r);
	return rc;
}
