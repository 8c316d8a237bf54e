/* confine.h — what a setgid bangfu may open (confine.c) and the checks `bangfu doctor`
 * shares with it. Nothing outside store/ includes this. */
#ifndef STORE_CONFINE_H
#define STORE_CONFINE_H
#include <limits.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

/* Why a data directory is being opened: only root makes one on a shared install (init);
 * rebuild.c decides who may remake one (root, a province administrator in the history). */
enum confine_use { CONFINE_OPEN, CONFINE_INIT, CONFINE_REBUILD };

#define CONFINE_MAX_DIRS 16
#define CONFINE_PATH 1024
#define CONFINE_ERR 1024

/* The administrator's list of data directories, from SYSCONFDIR/bangfu.conf. */
struct confine_conf {
	int n;
	char dir[CONFINE_MAX_DIRS][CONFINE_PATH];
};

/* Read the conf file after checking it and every directory above it (root's, nobody
 * else may write them, no symlink on the way). Returns 0, or -1 with err filled. */
int confine_conf_load(struct confine_conf *c, char *err, size_t n);

/* Check the data directory path (absolute, normalised) of a shared install: every
 * component a real directory, root's and not writable by others (a sticky directory of
 * root's may be above a root-owned entry), the last one of `group`; the files bangfu
 * opens in it (bangfu.db and its -wal/-shm, audit.git, the lock files) no symlinks.
 * missing_ok: the directory itself (and missing parents) may not exist yet (init). */
int confine_check_dir(const char *path, gid_t group, int missing_ok, char *err, size_t n);

/* The directory path and all above it: real directories, root's, writable by root and
 * `group` alone ((gid_t)-1: root alone). Returns 0, or -1 with err filled. */
int confine_check_path(const char *path, gid_t group, char *err, size_t n);

/* Lexically normalise path (relative ones against the working directory): no "//",
 * "/./", "/../" or trailing "/". Returns 0, or -1 when it does not fit. */
int confine_normalise(const char *path, char *out, size_t n);

struct store;
/* The one gate (called by store_alloc): on a shared install, `given` must select a
 * directory of the conf file and pass confine_check_dir, and init is root's;
 * s->dir becomes the listed path. Elsewhere s->dir is `given`. STORE_EDENIED otherwise. */
int confine_dir(struct store *s, const char *given, enum confine_use use);
/* On a shared install, make libgit2 read no git config but the repository's own (called
 * once libgit2 is initialised). */
void confine_git_side_doors(void);
/* STORE_EDENIED unless root or not a shared install ("demo on a shared server ..."). */
int confine_root_only(struct store *s, const char *what);

#endif
