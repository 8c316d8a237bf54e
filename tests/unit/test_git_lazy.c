/* test_git_lazy.c — the preload thread (store/lazylib.c, store/git_lazy.c): a library
 * loaded on its own thread runs its `then` hook there once, with the table filled, and
 * not after a failed load; libgit2's init made on that thread is adopted by the next
 * git_lazy_init (one init in all, not two), and shut down by git_lazy_release when no
 * store adopted it. Each libgit2 case runs in a child process: a library is loaded and
 * initialised once per process. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "store/git_lazy.h"

struct z_table { const char *(*zlibVersion)(void); };
static const char *const z_names[] = { "zlibVersion" };
static const size_t z_offsets[] = { offsetof(struct z_table, zlibVersion) };
static struct z_table z_table;
static int then_runs, then_saw_table;

static void then_hook(void)
{
	then_runs++;
	then_saw_table = z_table.zlibVersion != NULL;
}

static void test_then_runs_once_on_the_thread(void **state)
{
	(void)state;
	static struct lazylib z = {
		.soname = "libz.so.1", .names = z_names, .offsets = z_offsets, .n = 1,
		.table = &z_table, .lock = PTHREAD_MUTEX_INITIALIZER, .then = then_hook,
	};
	char err[300];
	lazylib_preload(&z);
	lazylib_settle(&z);
	assert_int_equal(then_runs, 1);
	assert_true(then_saw_table);
	assert_int_equal(lazylib_load(&z, err, sizeof err), 0);
	lazylib_preload(&z);   /* loaded already: no thread, no second run */
	lazylib_settle(&z);
	assert_int_equal(then_runs, 1);
	assert_non_null(z_table.zlibVersion());
}

static void test_no_then_after_a_failed_load(void **state)
{
	(void)state;
	static struct z_table none_table;
	static struct lazylib none = {
		.soname = "libbangfu-no-such-library.so.0", .names = z_names, .offsets = z_offsets,
		.n = 1, .table = &none_table, .lock = PTHREAD_MUTEX_INITIALIZER, .then = then_hook,
	};
	char err[300];
	int before = then_runs;
	lazylib_preload(&none);
	lazylib_settle(&none);
	assert_int_equal(then_runs, before);
	assert_int_equal(lazylib_load(&none, err, sizeof err), -1);
	assert_non_null(strstr(err, "libbangfu-no-such-library.so.0"));
}

/* run FN in a child; its exit status */
static int in_child(int (*fn)(void))
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0)
		_exit(fn());
	int st = 0;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

/* libgit2's own count of inits: init once more, then undo it */
static int git_inits(void)
{
	int n = git_libgit2_init();
	git_libgit2_shutdown();
	return n - 1;
}

static int adopted(void)
{
	git_lazy_expect();
	git_lazy_settle();
	if (git_inits() != 1)
		return 10;   /* the thread did not init */
	if (git_lazy_init() < 0)
		return 11;
	if (git_inits() != 1)
		return 12;   /* git_lazy_init made a second init instead of adopting */
	git_lazy_release();   /* nothing left to release: the store holds the one init */
	if (git_inits() != 1)
		return 13;
	return git_libgit2_shutdown() == 0 ? 0 : 14;
}

static int released(void)
{
	git_lazy_expect();   /* an edit refused before it reached the history */
	git_lazy_release();
	return git_inits() == 0 ? 0 : 20;
}

static void test_init_adopted(void **state)
{
	(void)state;
	assert_int_equal(in_child(adopted), 0);
}

static void test_init_released(void **state)
{
	(void)state;
	assert_int_equal(in_child(released), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_then_runs_once_on_the_thread),
		cmocka_unit_test(test_no_then_after_a_failed_load),
		cmocka_unit_test(test_init_adopted),
		cmocka_unit_test(test_init_released),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
