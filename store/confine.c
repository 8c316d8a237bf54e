/* confine.c — what a setgid bangfu may open. On a shared server (docs/deploy.md) the
 * binary runs with the bangfu group, which can read and write every household; so a path
 * its caller names must never decide what it opens. A shared install opens only the data
 * directories root listed in SYSCONFDIR/bangfu.conf (`data DIR` lines), after proving
 * that nobody but root and the bangfu group can change the conf file, the directories
 * or anything above them, and that no component on the way, nor any file bangfu opens
 * inside, is a symlink. Only root makes a database there (init); a rebuild is root's or
 * a province administrator's as the history records them (rebuild.c).
 *
 * The one call site is store_alloc (open.c), which every store_open, store_init and
 * store_rebuild goes through: a new verb cannot reach a database without passing here.
 *
 * "Shared" means the process runs with a group that is not the caller's: the real or
 * saved group differs from the effective one (after userfiles_setup the real group is
 * bangfu's too and the caller's is the saved one). A person whose own group is the
 * bangfu group is in it and needs no bangfu to read the files; `bangfu doctor` reports
 * such accounts.
 *
 * Why the checks hold after they ran: each component was proved writable by root and
 * the bangfu group alone, so only root or bangfu itself could swap one afterwards.
 * A world-writable directory above is accepted only when sticky and root's, with a
 * root-owned entry below it (/tmp/x): others may then not rename or remove that entry. */
#define _GNU_SOURCE
#include "store/internal.h"
#include "store/confine.h"
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif
#define CONF_FILE SYSCONFDIR "/bangfu.conf"
#define CONF_MAX_BYTES 65536

const char *store_conf_path(void)
{
	return CONF_FILE;
}

int store_shared(void)
{
	gid_t r, e, sv;
	if (getresgid(&r, &e, &sv) != 0)
		return 1;   /* cannot tell: treat as shared, the stricter case */
	return r != e || sv != e;
}

static int say(char *err, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int say(char *err, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, n, fmt, ap);
	va_end(ap);
	return -1;
}

int confine_normalise(const char *path, char *out, size_t n)
{
	char in[2 * CONFINE_PATH];
	if (path[0] == '/') {
		if (snprintf(in, sizeof in, "%s", path) >= (int)sizeof in)
			return -1;
	} else {
		char cwd[CONFINE_PATH];
		if (!getcwd(cwd, sizeof cwd) || snprintf(in, sizeof in, "%s/%s", cwd, path) >= (int)sizeof in)
			return -1;
	}
	size_t len = 0;
	for (char *save = NULL, *c = strtok_r(in, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
		if (strcmp(c, ".") == 0)
			continue;
		if (strcmp(c, "..") == 0) {
			while (len > 0 && out[--len] != '/')
				;
			continue;
		}
		size_t cl = strlen(c);
		if (len + 1 + cl + 1 > n)
			return -1;
		out[len++] = '/';
		memcpy(out + len, c, cl);
		len += cl;
	}
	if (n < 2)
		return -1;
	if (len == 0)
		out[len++] = '/';
	out[len] = '\0';
	return 0;
}

/* May the directory `at` (stat dir) hold `next` (stat, NULL when nothing below)? Root's,
 * group-writable only by root's or `group` (-1: root's only), world-writable only when
 * sticky above a root-owned entry. */
static int dir_ok(const char *at, const struct stat *dir, const struct stat *next, gid_t group,
                  char *err, size_t n)
{
	if (dir->st_uid != 0)
		return say(err, n, _("%s belongs to uid %u, not root"), at, (unsigned)dir->st_uid);
	if ((dir->st_mode & S_IWGRP) && dir->st_gid != 0 && dir->st_gid != group)
		return say(err, n, _("%s is writable by group %u (mode %04o): only root and the bangfu "
		           "group may write it"), at, (unsigned)dir->st_gid, (unsigned)(dir->st_mode & 07777));
	if ((dir->st_mode & S_IWOTH) && !((dir->st_mode & S_ISVTX) && next && next->st_uid == 0))
		return say(err, n, _("%s is writable by everyone (mode %04o)"), at,
		           (unsigned)(dir->st_mode & 07777));
	return 0;
}

/* Walk the absolute path from "/" by descriptor, never following a symlink, checking
 * each directory against the next (dir_ok). Returns an O_PATH descriptor of the last
 * directory with its stat in *last (not yet checked: the caller knows what is below),
 * or -1 with err filled. missing_ok: stop at the first missing component, *missing = 1. */
static int walk(const char *path, gid_t group, int missing_ok, int *missing, struct stat *last,
                char *err, size_t n)
{
	char copy[CONFINE_PATH], at[CONFINE_PATH] = "/";
	if (snprintf(copy, sizeof copy, "%s", path) >= (int)sizeof copy)
		return say(err, n, _("%s: path too long"), path);
	int fd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, last) != 0)
		return say(err, n, "/: %s", strerror(errno));
	*missing = 0;
	for (char *save = NULL, *c = strtok_r(copy, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
		struct stat st;
		int next = openat(fd, c, O_PATH | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0 && errno == ENOENT && missing_ok) {
			*missing = 1;
			return fd;
		}
		size_t al = strlen(at);
		snprintf(at + al, sizeof at - al, "%s%s", al > 1 ? "/" : "", c);
		if (next < 0 || fstat(next, &st) != 0) {
			say(err, n, "%s: %s", at, strerror(errno));
			goto fail;
		}
		if (S_ISLNK(st.st_mode) || !S_ISDIR(st.st_mode)) {
			say(err, n, S_ISLNK(st.st_mode) ? _("%s is a symbolic link") : _("%s is not a directory"), at);
			close(next);
			goto fail;
		}
		char parent[CONFINE_PATH];
		snprintf(parent, sizeof parent, "%.*s", (int)(strrchr(at, '/') - at), at);
		if (dir_ok(parent[0] ? parent : "/", last, &st, group, err, n)) {
			close(next);
			goto fail;
		}
		close(fd);
		fd = next;
		*last = st;
	}
	return fd;
fail:
	close(fd);
	return -1;
}

static int conf_parse(struct confine_conf *c, char *text, char *err, size_t n)
{
	int line = 0;
	c->n = 0;
	for (char *l = text, *nl; l; l = nl) {
		line++;
		if ((nl = strchr(l, '\n')))
			*nl++ = '\0';
		char *hash = strchr(l, '#');
		if (hash)
			*hash = '\0';
		char *word = l + strspn(l, " \t\r");
		if (!*word)
			continue;
		char *end = word + strcspn(word, " \t\r");
		char *arg = end + strspn(end, " \t\r");
		*end = '\0';
		arg[strcspn(arg, "\r")] = '\0';
		for (char *e = arg + strlen(arg); e > arg && (e[-1] == ' ' || e[-1] == '\t'); )
			*--e = '\0';
		if (strcmp(word, "data") != 0)
			return say(err, n, _("%s: line %d: unknown setting \"%s\" (only `data DIR`)"), CONF_FILE,
			           line, word);
		if (arg[0] != '/')
			return say(err, n, _("%s: line %d: `data` needs an absolute directory"), CONF_FILE, line);
		if (c->n == CONFINE_MAX_DIRS)
			return say(err, n, _("%s: more than %d data directories"), CONF_FILE, CONFINE_MAX_DIRS);
		if (confine_normalise(arg, c->dir[c->n], sizeof c->dir[c->n]) || strcmp(c->dir[c->n], "/") == 0)
			return say(err, n, _("%s: line %d: not a usable directory: %s"), CONF_FILE, line, arg);
		c->n++;
	}
	return 0;
}

/* Read the opened conf file (at most CONF_MAX_BYTES) into a string. */
static char *read_conf(int fd, char *err, size_t n)
{
	char *text = malloc(CONF_MAX_BYTES + 1);
	size_t len = 0;
	ssize_t got = 1;
	while (text && len < CONF_MAX_BYTES && (got = read(fd, text + len, CONF_MAX_BYTES - len)) > 0)
		len += (size_t)got;
	if (!text || got < 0) {
		say(err, n, "%s: %s", CONF_FILE, text ? strerror(errno) : "out of memory");
		free(text);
		return NULL;
	}
	text[len] = '\0';
	return text;
}

int confine_conf_load(struct confine_conf *c, char *err, size_t n)
{
	char dir[CONFINE_PATH];
	struct stat dst, st;
	int missing, rc = -1;
	snprintf(dir, sizeof dir, "%.*s", (int)(strrchr(CONF_FILE, '/') - CONF_FILE), CONF_FILE);
	/* group -1: no group but root's may write the conf file or the directories above */
	int dfd = walk(dir[0] ? dir : "/", (gid_t)-1, 0, &missing, &dst, err, n);
	if (dfd < 0) {
		char why[CONFINE_ERR];
		snprintf(why, sizeof why, "%s", err);
		return say(err, n, "%s: %s", CONF_FILE, why);
	}
	int fd = openat(dfd, strrchr(CONF_FILE, '/') + 1, O_RDONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		say(err, n, "%s: %s", CONF_FILE, errno == ELOOP ? _("is a symbolic link") : strerror(errno));
	} else if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		say(err, n, _("%s: not a regular file"), CONF_FILE);
	} else if (st.st_uid != 0 || (st.st_mode & S_IWOTH) || ((st.st_mode & S_IWGRP) && st.st_gid != 0)) {
		say(err, n, _("%s must be root's and writable by root alone (it is uid %u, group %u, mode %04o)"),
		    CONF_FILE, (unsigned)st.st_uid, (unsigned)st.st_gid, (unsigned)(st.st_mode & 07777));
	} else if (dir_ok(dir, &dst, &st, (gid_t)-1, err, n) == 0) {
		char *text = read_conf(fd, err, n);
		rc = text ? conf_parse(c, text, err, n) : -1;
		free(text);
		if (!rc && c->n == 0)
			rc = say(err, n, _("%s lists no data directory (add a line `data /srv/bangfu/data`)"),
			         CONF_FILE);
	}
	if (fd >= 0)
		close(fd);
	close(dfd);
	return rc;
}

/* What bangfu opens inside a data directory, and what each must be when present. A
 * symlink or a second hard link planted there would make the bangfu group's rights
 * reach another file. Listed parents come before what is under them. */
static const struct inner { const char *path; mode_t type; } inner[] = {
	{"bangfu.db", S_IFREG},            {"bangfu.db-wal", S_IFREG},
	{"bangfu.db-shm", S_IFREG},        {"bangfu.db-journal", S_IFREG},
	{"bangfu.db.rebuilding", S_IFREG}, {"bangfu.db.rebuilding-wal", S_IFREG},
	{"bangfu.db.rebuilding-shm", S_IFREG}, {"bangfu.db.rebuilding-journal", S_IFREG},
	{"audit.lock", S_IFREG},           {"repack.lock", S_IFREG},
	{"audit.git", S_IFDIR},            {"audit.git/HEAD", S_IFREG},
	{"audit.git/config", S_IFREG},     {"audit.git/packed-refs", S_IFREG},
	{"audit.git/objects", S_IFDIR},    {"audit.git/objects/pack", S_IFDIR},
	{"audit.git/refs", S_IFDIR},       {"audit.git/refs/heads", S_IFDIR},
	{"audit.git/refs/heads/main", S_IFREG},
};

static int check_inner(int dfd, const char *dir, char *err, size_t n)
{
	for (size_t i = 0; i < sizeof inner / sizeof inner[0]; i++) {
		struct stat st;
		if (fstatat(dfd, inner[i].path, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			if (errno == ENOENT)
				continue;
			return say(err, n, "%s/%s: %s", dir, inner[i].path, strerror(errno));
		}
		if (S_ISLNK(st.st_mode))
			return say(err, n, _("%s/%s is a symbolic link"), dir, inner[i].path);
		if ((st.st_mode & S_IFMT) != inner[i].type)
			return say(err, n, inner[i].type == S_IFDIR ? _("%s/%s is not a directory")
			                   : _("%s/%s is not a regular file"), dir, inner[i].path);
		if (S_ISREG(st.st_mode) && st.st_nlink != 1)
			return say(err, n, _("%s/%s has %lu hard links (a file of bangfu's has one)"), dir,
			           inner[i].path, (unsigned long)st.st_nlink);
	}
	return 0;
}

int confine_check_dir(const char *path, gid_t group, int missing_ok, char *err, size_t n)
{
	struct stat st;
	int missing;
	int fd = walk(path, group, missing_ok, &missing, &st, err, n);
	if (fd < 0)
		return -1;
	int rc = 0;
	if (missing) {   /* root will make it: what is above must be sound for that */
		char above[CONFINE_PATH + 16];
		snprintf(above, sizeof above, _("the directory above %s"), path);
		rc = dir_ok(above, &st, NULL, group, err, n);
	} else if (st.st_uid != 0 || st.st_gid != group) {
		struct group *g = getgrgid(group);
		rc = say(err, n, _("%s must be root's and the %s group's (it is uid %u, group %u)"), path,
		         g ? g->gr_name : "bangfu", (unsigned)st.st_uid, (unsigned)st.st_gid);
	} else if (!(rc = dir_ok(path, &st, NULL, group, err, n))) {
		rc = check_inner(fd, path, err, n);
	}
	close(fd);
	return rc;
}

int confine_check_path(const char *path, gid_t group, char *err, size_t n)
{
	struct stat st;
	int missing;
	int fd = walk(path, group, 0, &missing, &st, err, n);
	if (fd < 0)
		return -1;
	int rc = dir_ok(path, &st, NULL, group, err, n);
	close(fd);
	return rc;
}

/* What else the caller's environment would make the libraries touch with the bangfu
 * group. SQLite puts temporary files (large sorts, temp tables) in $SQLITE_TMPDIR or
 * /var/tmp, made as the caller's own files there and readable by them until unlinked:
 * they go to the data directory instead, which only the group may enter. libgit2 reads
 * ~/.gitconfig, the XDG and system git configs (include.path could name any file): it
 * reads only audit.git/config (confine_git_side_doors, called by audit_open right after
 * libgit2 is initialised: it is loaded only when a command touches the history).
 * Called before the first database is opened. */
static void shut_side_doors(const char *dir)
{
	setenv("SQLITE_TMPDIR", dir, 1);
}

void confine_git_side_doors(void)
{
	static const int levels[] = {GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG,
	                             GIT_CONFIG_LEVEL_GLOBAL, GIT_CONFIG_LEVEL_PROGRAMDATA};
	if (!store_shared())
		return;
	for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++)
		git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, levels[i], "");
}

/* The listed directory `given` selects, or a refusal naming the conf file. */
static int select_dir(const char *given, const struct confine_conf *c, char *out, size_t outn,
                      char *err, size_t n)
{
	char want[CONFINE_PATH];
	if (confine_normalise(given, want, sizeof want) == 0)
		for (int i = 0; i < c->n; i++)
			if (strcmp(want, c->dir[i]) == 0) {
				snprintf(out, outn, "%s", c->dir[i]);
				return 0;
			}
	size_t len = (size_t)snprintf(err, n, _("%s: bangfu here runs setgid for the shared data and "
	                              "opens only the data directories listed in %s:"), given, CONF_FILE);
	for (int i = 0; i < c->n && len < n; i++)
		len += (size_t)snprintf(err + len, n - len, " %s", c->dir[i]);
	return -1;
}

int confine_dir(struct store *s, const char *given, enum confine_use use)
{
	char err[CONFINE_ERR];
	struct confine_conf c;
	if (!store_shared()) {   /* one user's own data: -d is theirs to choose */
		snprintf(s->dir, sizeof s->dir, "%s", given);
		return 0;
	}
	if (use == CONFINE_INIT && getuid() != 0)   /* rebuild asks its history: rebuild.c */
		return store_fail(s, STORE_EDENIED, "bangfu init on a shared server is for root only: "
		                  "ask the administrator (bangfu runs setgid here, %s)", CONF_FILE);
	if (confine_conf_load(&c, err, sizeof err) ||
	    select_dir(given, &c, s->dir, sizeof s->dir, err, sizeof err) ||
	    confine_check_dir(s->dir, getegid(), use == CONFINE_INIT, err, sizeof err))
		return store_fail(s, STORE_EDENIED, "refusing to start: %s", err);
	shut_side_doors(s->dir);
	return 0;
}

int confine_root_only(struct store *s, const char *what)
{
	if (store_shared() && getuid() != 0)
		return store_fail(s, STORE_EDENIED, "%s on a shared server is for root only "
		                  "(bangfu runs setgid here)", what);
	return 0;
}

int store_default_dir(char *out, size_t n)
{
	struct confine_conf c;
	char err[CONFINE_ERR];
	if (!store_shared() || confine_conf_load(&c, err, sizeof err))
		return -1;
	snprintf(out, n, "%s", c.dir[0]);
	return 0;
}
