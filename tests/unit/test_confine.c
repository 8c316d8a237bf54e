/* test_confine.c — the path rules of a setgid bangfu (store/confine.c) without setgid:
 * lexical normalisation of -d, and confine_check_dir on directories made here (a sound
 * one; a symlink on the way and planted inside; group- and world-writable parents; a
 * sticky world-writable parent above a root-owned entry). The ownership cases need root
 * (the rules ask for root's directories) and are skipped otherwise. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "store/confine.h"

static void expect_norm(const char *in, const char *want)
{
	char out[CONFINE_PATH];
	assert_int_equal(confine_normalise(in, out, sizeof out), 0);
	assert_string_equal(out, want);
}

static void test_normalise(void **state)
{
	(void)state;
	expect_norm("/srv/bangfu/data", "/srv/bangfu/data");
	expect_norm("/srv//bangfu/./data/", "/srv/bangfu/data");
	expect_norm("/srv/bangfu/x/../data", "/srv/bangfu/data");
	expect_norm("/../..", "/");
	expect_norm("/", "/");
	char cwd[CONFINE_PATH], want[CONFINE_PATH + 8];
	assert_non_null(getcwd(cwd, sizeof cwd));
	snprintf(want, sizeof want, "%s/d", strcmp(cwd, "/") ? cwd : "");
	expect_norm("./d", want);
	char tiny[4];
	assert_int_equal(confine_normalise("/srv/bangfu", tiny, sizeof tiny), -1);
}

struct tmp { char top[64], data[128], path[256]; };

static void run(const char *cmd)
{
	assert_int_equal(system(cmd), 0);
}

static int setup_dirs(void **state)
{
	static struct tmp t;
	snprintf(t.top, sizeof t.top, "/tmp/bangfu-confine.XXXXXX");
	if (!mkdtemp(t.top))
		return -1;
	snprintf(t.data, sizeof t.data, "%s/data", t.top);
	if (mkdir(t.data, 0770) != 0 || chmod(t.top, 0755) != 0)
		return -1;
	*state = &t;
	return 0;
}

static int teardown_dirs(void **state)
{
	struct tmp *t = *state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->top);
	return system(cmd) == 0 ? 0 : -1;
}

static int check(const char *dir, int missing_ok, char *err)
{
	return confine_check_dir(dir, getegid(), missing_ok, err, CONFINE_ERR);
}

static void test_check_dir(void **state)
{
	struct tmp *t = *state;
	char err[CONFINE_ERR], cmd[512];
	if (getuid() != 0)
		skip();
	assert_int_equal(check(t->data, 0, err), 0);       /* /tmp sticky, root's entries */
	snprintf(t->path, sizeof t->path, "%s/new", t->data);
	assert_int_equal(check(t->path, 1, err), 0);       /* init: the last one to make */
	assert_int_equal(check(t->path, 0, err), -1);
	/* a symlink planted inside, and a symlink on the way */
	snprintf(cmd, sizeof cmd, "ln -s /etc/passwd %s/bangfu.db-wal", t->data);
	run(cmd);
	assert_int_equal(check(t->data, 0, err), -1);
	assert_non_null(strstr(err, "bangfu.db-wal is a symbolic link"));
	snprintf(cmd, sizeof cmd, "rm %s/bangfu.db-wal && ln -s data %s/link", t->data, t->top);
	run(cmd);
	snprintf(t->path, sizeof t->path, "%s/link", t->top);
	assert_int_equal(check(t->path, 0, err), -1);
	assert_non_null(strstr(err, "link is a symbolic link"));
	/* a hard link to a file elsewhere */
	snprintf(cmd, sizeof cmd, "touch %s/x && ln %s/x %s/audit.lock", t->top, t->top, t->data);
	run(cmd);
	assert_int_equal(check(t->data, 0, err), -1);
	assert_non_null(strstr(err, "hard links"));
	snprintf(cmd, sizeof cmd, "rm %s/audit.lock", t->data);
	run(cmd);
	/* the parent writable by everyone (not sticky), then sticky: fine above root's data */
	chmod(t->top, 0777);
	assert_int_equal(check(t->data, 0, err), -1);
	assert_non_null(strstr(err, "writable by everyone"));
	chmod(t->top, 01777);
	assert_int_equal(check(t->data, 0, err), 0);
	snprintf(t->path, sizeof t->path, "%s/new", t->top);
	assert_int_equal(check(t->path, 1, err), -1);      /* anyone could make it first */
	/* the parent writable by a group that is not bangfu's */
	chmod(t->top, 0775);
	assert_int_equal(chown(t->top, 0, getegid() + 1), 0);
	assert_int_equal(check(t->data, 0, err), -1);
	assert_non_null(strstr(err, "writable by group"));
	/* the data directory of another owner or group */
	assert_int_equal(chown(t->top, 0, 0), 0);
	chmod(t->top, 0755);
	assert_int_equal(chown(t->data, 0, getegid() + 1), 0);
	assert_int_equal(check(t->data, 0, err), -1);
	assert_non_null(strstr(err, "must be root's and the"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalise),
		cmocka_unit_test_setup_teardown(test_check_dir, setup_dirs, teardown_dirs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
