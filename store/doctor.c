/* doctor.c — `bangfu doctor`: how an administrator checks a shared server. It reports
 * every problem it finds with the install docs/deploy.md describes: the binary (root's,
 * setgid to the bangfu group, writable by root alone), the conf file and the directories
 * above it, each listed data directory and every file under it (the bangfu group's, no
 * rights for others, no symlinks, no foreign hard links), and the members of the bangfu
 * group (staff must not be in it: their shells would read every household). The same
 * checks that confine.c refuses to start on are reported here, plus the ones it does
 * not need to stop for (modes of files inside). */
#include "store/internal.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define MAX_SHOWN 20      /* problems printed per data directory; the rest are counted */
#define MAX_DEPTH 8       /* audit.git/objects/pack is 3 deep: deeper is not bangfu's */

struct doctor { FILE *out; long problems, shown; gid_t group; };

static void problem(struct doctor *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(struct doctor *d, const char *fmt, ...)
{
	d->problems++;
	if (d->shown++ >= MAX_SHOWN)
		return;
	va_list ap;
	va_start(ap, fmt);
	fputs(_("PROBLEM "), d->out);
	vfprintf(d->out, fmt, ap);
	fputc('\n', d->out);
	va_end(ap);
}

static const char *group_name(gid_t g)
{
	struct group *gr = getgrgid(g);
	return gr ? gr->gr_name : "?";
}

static void check_binary(struct doctor *d)
{
	char path[PATH_MAX], err[CONFINE_ERR];
	ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
	struct stat st;
	if (n <= 0 || stat("/proc/self/exe", &st) != 0) {
		problem(d, _("cannot find this binary (/proc/self/exe): %s"), strerror(errno));
		return;
	}
	path[n] = '\0';
	fprintf(d->out, _("binary   %s  uid %u group %s mode %04o\n"), path, (unsigned)st.st_uid,
	        group_name(st.st_gid), (unsigned)(st.st_mode & 07777));
	if (st.st_uid != 0 || (st.st_mode & (S_IWGRP | S_IWOTH)))
		problem(d, _("%s must be root's and writable by root alone (install -o root -g bangfu -m 2755)"), path);
	if (!(st.st_mode & S_ISGID) || st.st_gid != d->group)
		problem(d, _("%s is not setgid to the %s group"), path, group_name(d->group));
	*strrchr(path, '/') = '\0';
	if (confine_check_path(path[0] ? path : "/", (gid_t)-1, err, sizeof err))
		problem(d, _("the binary's directory: %s"), err);
}

/* One entry under a data directory (st from fstatat without following). */
static void check_entry(struct doctor *d, const char *path, const struct stat *st)
{
	if (S_ISLNK(st->st_mode)) {
		problem(d, _("%s is a symbolic link"), path);
		return;
	}
	if (!S_ISREG(st->st_mode) && !S_ISDIR(st->st_mode))
		problem(d, _("%s is neither a file nor a directory"), path);
	if (st->st_gid != d->group)
		problem(d, _("%s belongs to group %s, not %s (chgrp -R %s)"), path, group_name(st->st_gid),
		        group_name(d->group), group_name(d->group));
	if (st->st_mode & S_IRWXO)
		problem(d, _("%s is open to others (mode %04o; chmod -R o-rwx)"), path,
		        (unsigned)(st->st_mode & 07777));
	mode_t need = S_ISDIR(st->st_mode) ? S_IRWXG : S_IRGRP;
	if ((st->st_mode & need) != need)
		problem(d, _("%s: the group lacks %s (mode %04o)"), path, S_ISDIR(st->st_mode) ? "rwx" : "r",
		        (unsigned)(st->st_mode & 07777));
	if (S_ISREG(st->st_mode) && st->st_nlink != 1)
		problem(d, _("%s has %lu hard links"), path, (unsigned long)st->st_nlink);
}

/* Every entry under the directory open as dfd (named path), never following a link. */
static void scan(struct doctor *d, int dfd, const char *path, int depth)
{
	DIR *dir = fdopendir(dfd);
	if (!dir) {
		problem(d, "%s: %s", path, strerror(errno));
		close(dfd);
		return;
	}
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char sub[PATH_MAX];
		struct stat st;
		snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
		if (fstatat(dirfd(dir), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			problem(d, "%s: %s", sub, strerror(errno));
			continue;
		}
		check_entry(d, sub, &st);
		if (!S_ISDIR(st.st_mode))
			continue;
		int fd = depth < MAX_DEPTH ? openat(dirfd(dir), e->d_name,
		                                    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : -1;
		if (fd < 0)
			problem(d, _("%s: cannot look inside: %s"), sub, depth < MAX_DEPTH ? strerror(errno) : _("too deep"));
		else
			scan(d, fd, sub, depth + 1);
	}
	closedir(dir);
}

static void check_data_dir(struct doctor *d, const char *dir)
{
	char err[CONFINE_ERR];
	struct stat st;
	long before = d->problems;
	d->shown = 0;
	fprintf(d->out, _("data     %s\n"), dir);
	if (confine_check_dir(dir, d->group, 0, err, sizeof err)) {
		problem(d, "%s", err);
		return;
	}
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0) {
		problem(d, "%s: %s", dir, strerror(errno));
		if (fd >= 0)
			close(fd);
		return;
	}
	if (st.st_mode & S_IRWXO)
		problem(d, _("%s is open to others (mode %04o)"), dir, (unsigned)(st.st_mode & 07777));
	scan(d, fd, dir, 0);
	if (d->shown > MAX_SHOWN)
		fprintf(d->out, _("         ... and %ld more problems under %s\n"), d->shown - MAX_SHOWN, dir);
	if (d->problems == before)
		fprintf(d->out, _("         ok: every file the %s group's, nothing for others, no symlinks\n"),
		        group_name(d->group));
}

/* Staff must not be in the bangfu group: listed members and accounts whose own group it is. */
static void check_members(struct doctor *d)
{
	struct group *g = getgrgid(d->group);
	fprintf(d->out, _("group    %s (gid %u)\n"), group_name(d->group), (unsigned)d->group);
	for (char **m = g ? g->gr_mem : NULL; m && *m; m++)
		if (strcmp(*m, "root") != 0)
			problem(d, _("user %s is a member of the %s group: their shell reads every household "
			        "(gpasswd -d %s %s)"), *m, group_name(d->group), *m, group_name(d->group));
	setpwent();
	for (struct passwd *pw; (pw = getpwent()); )
		if (pw->pw_gid == d->group && pw->pw_uid != 0)
			problem(d, _("user %s has the %s group as their own group: their shell reads every "
			        "household"), pw->pw_name, group_name(d->group));
	endpwent();
}

int store_doctor(FILE *out)
{
	struct doctor d = {out, 0, 0, getegid()};
	struct confine_conf c;
	char err[CONFINE_ERR];
	if (!store_shared()) {
		fprintf(out, _("PROBLEM this bangfu is not running setgid: it is one user's own copy, "
		        "not a shared install (docs/deploy.md); run the installed binary\n"));
		return 1;
	}
	check_binary(&d);
	d.shown = 0;
	fprintf(out, _("conf     %s\n"), store_conf_path());
	if (confine_conf_load(&c, err, sizeof err))
		problem(&d, "%s", err);
	else
		for (int i = 0; i < c.n; i++)
			check_data_dir(&d, c.dir[i]);
	d.shown = 0;
	check_members(&d);
	if (d.problems)
		fprintf(out, d.problems == 1 ? _("%ld problem found\n") : _("%ld problems found\n"),
		        d.problems);
	else
		fputs(_("no problems found\n"), out);
	return d.problems ? 1 : 0;
}
