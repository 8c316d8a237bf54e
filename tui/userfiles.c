/* userfiles.c — the groups of a setgid bangfu (userfiles.h). After userfiles_setup the
 * real and effective group are bangfu's and the saved group is the person's own: libgit2
 * checks files with access(), which asks with the real IDs, so the real group must be
 * bangfu's too; the person's files are opened with the saved group made effective. */
#define _GNU_SOURCE
#include "tui/userfiles.h"
#include "core/i18n.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

void userfiles_setup(void)
{
	gid_t person = getgid(), data = getegid();
	if (person != data && setresgid(data, data, person) != 0) {
		perror("bangfu: cannot set up the bangfu group");
		exit(1);
	}
}

/* The person's own group: the saved one after userfiles_setup (the real one before). */
static gid_t person_group(void)
{
	gid_t r, e, s;
	if (getresgid(&r, &e, &s) != 0)
		return getgid();
	return r == e ? s : r;
}

FILE *userfiles_fopen(const char *path, const char *mode)
{
	gid_t data = getegid(), person = person_group();
	if (person != data && setegid(person) != 0)
		return NULL;                   /* errno says why; nothing opened with bangfu's group */
	FILE *f = fopen(path, mode);
	int err = errno;
	if (person != data && setegid(data) != 0) {   /* a group we held: always allowed */
		perror(_("bangfu: cannot take the bangfu group back"));
		abort();
	}
	errno = err;
	return f;
}

static int create_file(void *ctx)
{
	return open((const char *)ctx, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
}

FILE *userfiles_create(const char *path)
{
	int fd = userfiles_run(create_file, (void *)path);
	if (fd < 0)
		return NULL;
	FILE *f = fdopen(fd, "wb");
	if (!f) {
		int err = errno;
		close(fd);
		errno = err;
	}
	return f;
}

int userfiles_run(int (*fn)(void *ctx), void *ctx)
{
	gid_t data = getegid(), person = person_group();
	if (person != data && setegid(person) != 0)
		return -1;
	int rc = fn(ctx);
	int err = errno;
	if (person != data && setegid(data) != 0) {
		perror(_("bangfu: cannot take the bangfu group back"));
		abort();
	}
	errno = err;
	return rc;
}
