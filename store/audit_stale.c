/* audit_stale.c — what an interrupted writer leaves in audit.git. libgit2 moves the
 * branch by writing refs/heads/main.lock and renaming it; a writer killed in between
 * (SIGKILL, a power cut) leaves the .lock behind and every later move fails with
 * "failed to lock file". Every writer of the history holds the flock on DIR/audit.lock,
 * so a lock file found while holding it can only be stale: it is removed, saying so.
 * Temporary object and pack files are also written by `audit repack`, which holds
 * DIR/repack.lock instead: they are removed only when that lock is free too. */
#include "store/internal.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

/* The lock files libgit2 makes in a bare repository (refdb_fs, config, filebuf). */
static const char *const lock_files[] = {
	"refs/heads/main.lock", "HEAD.lock", "packed-refs.lock", "config.lock", "index.lock",
	"logs/HEAD.lock", "logs/refs/heads/main.lock",
};

static void remove_stale(struct store *s, const char *git, const char *name)
{
	char path[PATH_MAX + 64];
	snprintf(path, sizeof path, "%s/%s", git, name);
	if (unlink(path) == 0)
		store_note(s, "removed a stale lock left by an interrupted writer: %s", name);
}

/* Remove the files in dir whose names start with prefix or end with suffix; count them. */
static int remove_temporaries(const char *dir, const char *prefix, const char *suffix)
{
	DIR *dp = opendir(dir);
	int n = 0;
	if (!dp)
		return 0;
	struct dirent *e;
	while ((e = readdir(dp))) {
		size_t len = strlen(e->d_name), sl = suffix ? strlen(suffix) : 0;
		int match = strncmp(e->d_name, prefix, strlen(prefix)) == 0 ||
		            (suffix && len > sl && strcmp(e->d_name + len - sl, suffix) == 0);
		char path[PATH_MAX + 300];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (match && unlink(path) == 0)
			n++;
	}
	closedir(dp);
	return n;
}

void audit_clear_stale(struct store *s)
{
	char git[PATH_MAX + 16], dir[PATH_MAX + 32], path[PATH_MAX + 32];
	snprintf(git, sizeof git, "%s/audit.git", s->dir);
	for (size_t i = 0; i < sizeof lock_files / sizeof lock_files[0]; i++)
		remove_stale(s, git, lock_files[i]);
	/* a live repack holds repack.lock while its pack is being written: leave it be */
	snprintf(path, sizeof path, "%s/repack.lock", s->dir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0660);
	if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (fd >= 0)
			close(fd);
		return;
	}
	snprintf(dir, sizeof dir, "%s/objects", git);
	int n = remove_temporaries(dir, "tmp_object_git2_", NULL);
	snprintf(dir, sizeof dir, "%s/objects/pack", git);
	n += remove_temporaries(dir, "pack_git2_", ".lock");
	n += remove_temporaries(dir, "tmp_pack_", NULL);   /* audit_packw.c */
	flock(fd, LOCK_UN);
	close(fd);
	if (n)
		store_note(s, n == 1 ? N_("removed %d temporary file left by an interrupted writer in "
		                          "audit.git/objects")
		                     : N_("removed %d temporary files left by an interrupted writer in "
		                          "audit.git/objects"), n);
}
