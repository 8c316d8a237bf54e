/* ui_state.c — the user's own UI state directory and file names (see ui_state.h). */
#include "tui/ui_state.h"
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* mkdir -p with mode 0700 for the parts it creates. */
static int make_dirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int rc = mkdir(path, 0700);
		*p = '/';
		if (rc && errno != EEXIST)
			return -1;
	}
	return mkdir(path, 0700) && errno != EEXIST ? -1 : 0;
}

int ui_state_dir(struct ui *ui, const char *what, char *out, size_t n)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	if (xdg && *xdg)
		snprintf(out, n, "%s/bangfu/%s", xdg, what);
	else if (home && *home)
		snprintf(out, n, "%s/.local/share/bangfu/%s", home, what);
	else
		snprintf(out, n, "%s/%s", ui->dir, what);
	if (make_dirs(out))
		return -1;
	/* Only a directory of the person's own: on a shared server the setgid binary must
	 * not be pointed (XDG_DATA_HOME=...) at places only the bangfu group may write. */
	struct stat st;
	if (stat(out, &st) != 0)
		return -1;
	if (st.st_uid != getuid()) {
		errno = EACCES;
		return -1;
	}
	return 0;
}

void ui_state_data_dir(struct ui *ui, char *out, size_t n)
{
	char real[PATH_MAX];
	snprintf(out, n, "%s", realpath(ui->dir, real) ? real : ui->dir);
}

/* FNV-1a of the data directory: short, stable, part of the file name. */
static unsigned long dir_hash(const char *dir)
{
	unsigned long h = 2166136261u;
	for (const unsigned char *p = (const unsigned char *)dir; *p; p++)
		h = ((h ^ *p) * 16777619u) & 0xffffffffu;
	return h;
}

void ui_state_owner(struct ui *ui, char *out, size_t n)
{
	char id[PATH_MAX];
	ui_state_data_dir(ui, id, sizeof id);
	snprintf(out, n, "%s-%08lx", ui->me.login, dir_hash(id));
}
