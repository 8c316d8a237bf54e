/* open.c — opening, creating and closing a data directory. */
#include "store/kinds.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Every way into a data directory starts here, so the confinement of a setgid bangfu
 * (confine.c) cannot be skipped by a new verb: on failure *out is still set for the
 * message and s->dir is empty. */
int store_alloc(const char *dir, enum confine_use use, struct store **out)
{
	struct store *s = *out = calloc(1, sizeof *s);
	if (!s)
		return STORE_EFAIL;
	s->lock_fd = -1;
	code_lists_init(&s->lists);
	identity_set_today(s);
	return confine_dir(s, dir, use);
}

/* mkdir -p: create dir and its missing parents. */
static int mkdir_p(const char *dir)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s", dir);
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0775) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(path, 0770) != 0 && errno != EEXIST ? -1 : 0;
}

/* 1 if dir holds a bangfu.db, 0 if not, -1 with errno when it cannot be told (EACCES:
 * the directory may not be searched by this user). */
static int is_store_dir(const char *dir)
{
	char path[PATH_MAX + 16];
	snprintf(path, sizeof path, "%s/bangfu.db", dir);
	struct stat sb;   /* not access(): it asks with the real group, not the bangfu group */
	if (stat(path, &sb) == 0)
		return 1;
	return errno == ENOENT || errno == ENOTDIR ? 0 : -1;
}

int store_open(const char *given, struct store **out)
{
	int rc = store_alloc(given, CONFINE_OPEN, out);
	struct store *s = *out;
	if (rc)
		return rc;
	const char *dir = s->dir;
	struct stat sb;
	int is = stat(dir, &sb) == 0 ? is_store_dir(dir) : errno == ENOENT || errno == ENOTDIR ? -2 : -1;
	if (is == -2)
		return store_fail(s, STORE_EFAIL, "%s: no such data directory (create one with "
		                  "`bangfu -d %s init`)", dir, dir);
	if (is < 0)
		return store_fail(s, STORE_EFAIL, "%s: cannot read the data directory: %s (ask the "
		                  "administrator for access, e.g. the bangfu group)", dir, strerror(errno));
	if (!is)
		return store_fail(s, STORE_EFAIL, "%s: not a bangfu data directory (no bangfu.db; "
		                  "`bangfu -d %s init` makes one, `bangfu rebuild` restores one)", dir, dir);
	if (db_open(s, "bangfu.db", 0) || settings_load_lists(s))
		return STORE_EFAIL;
	s->read_only = aggregate_detect(s);
	/* libgit2 is loaded only when there is something to flush (a crash left it) or
	 * when a command touches the history (audit_need) */
	int pending = audit_pending(s);
	if (pending <= 0)
		return pending < 0 ? STORE_EFAIL : 0;
	if (store_flush(s) == 0)
		return 0;
	if (!store_disk_full(s))
		return STORE_EFAIL;
	/* the saved changes are all in the database: reading them need not wait for room */
	store_note(s, "the audit history is behind the saved changes (%s); it will catch up at "
	           "a command run when there is room", s->err);
	return 0;
}

int store_init(const char *given, struct store **out)
{
	int rc = store_alloc(given, CONFINE_INIT, out);
	struct store *s = *out;
	if (rc)
		return rc;
	const char *dir = s->dir;
	if (mkdir_p(dir))
		return store_fail(s, STORE_EFAIL, "%s: %s", dir, strerror(errno));
	if (is_store_dir(dir) > 0)
		return store_fail(s, STORE_EFAIL, "%s already holds a bangfu data directory", dir);
	char login[64];
	unsigned uid;
	if (identity_login(s, login, sizeof login, &uid))
		return STORE_ENOUSER;
	if (db_open(s, "bangfu.db", 1) || audit_open(s, 1) || regions_seed(s))
		return STORE_EFAIL;
	rc = store_user_add(s, NULL, login, login, ROLE_ADMIN, "44",
	                        "bangfu init: first administrator");
	struct user admin;
	if (!rc && !(rc = user_load(s, login, &admin)))
		rc = settings_seed(s, &admin, s->today);
	return rc;
}

void store_set_progress(struct store *s, const struct store_progress *p)
{
	s->progress = p ? *p : (struct store_progress){0};
}

void store_progress(struct store *s, const char *unit, long done, long total)
{
	if (s->progress.fn)
		s->progress.fn(s->progress.ctx, unit ? _(unit) : NULL, done, total);   /* N_() words */
}

void store_expect_change(void)
{
	git_lazy_expect();
}

void store_close(struct store *s)
{
	git_lazy_release();
	if (!s)
		return;
	db_close_statements(s);
	if (s->db) {
		identity_fault("before-db-close");   /* the WAL not yet folded in nor emptied */
		db_close(s);
	}
	if (s->repo)
		git_repository_free(s->repo);
	if (s->lock_fd >= 0)
		close(s->lock_fd);
	code_lists_free(&s->lists);
	if (s->git_on)
		git_libgit2_shutdown();
	free(s);
}

const char *store_error(const struct store *s)
{
	return s ? s->err : "out of memory";
}

int store_whoami(struct store *s, struct user *out)
{
	char login[64];
	unsigned uid;
	if (identity_login(s, login, sizeof login, &uid))
		return STORE_ENOUSER;
	int rc = user_load(s, login, out);
	if (rc == STORE_ENOTFOUND)
		return store_fail(s, STORE_ENOUSER, "not a bangfu user: ask an administrator "
		                  "(Unix user %s)", login);
	if (!rc && out->disabled[0])
		return store_fail(s, STORE_ENOUSER, "bangfu user %s was disabled on %s and can no longer "
		                  "act: ask an administrator", login, out->disabled);
	return rc;
}
