/* git_lazy.c — libgit2's table of functions, filled by store/lazylib.c on first use
 * (store/git_lazy.h says why). */
#define GIT_LAZY_NO_NAMES
#include "store/git_lazy.h"

#ifndef GIT2_SONAME
#error "GIT2_SONAME (libgit2's soname, e.g. \"libgit2.so.1.5\") comes from the Makefile"
#endif
_Static_assert(sizeof GIT2_SONAME > 1, "GIT2_SONAME is empty: the Makefile could not read the soname (objdump?)");

#define GIT_LAZY_OFFSET(f) offsetof(struct git_lazy, f),
static const char *const names[] = { GIT_LAZY_FUNCS(LAZYLIB_NAME) };
static const size_t offsets[] = { GIT_LAZY_FUNCS(GIT_LAZY_OFFSET) };
static struct git_lazy fns;
static struct lazylib lib = {
	.soname = GIT2_SONAME, .names = names, .offsets = offsets,
	.n = sizeof names / sizeof *names, .table = &fns, .lock = PTHREAD_MUTEX_INITIALIZER,
};

int git_lazy_load(char *err, size_t errlen)
{
	return lazylib_load(&lib, err, errlen);
}

const struct git_lazy *git_lazy_fns(void)
{
	return lazylib_table(&lib);
}
