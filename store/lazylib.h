/* lazylib.h — a shared library that bangfu does not link but loads by its soname on
 * first use, resolving all its listed functions into a table at once (libgit2:
 * store/git_lazy.h; libxlsxwriter: tui/xlsx_lazy.h). What every process does not load
 * it does not pay for: docs/performance.md, "Loading libraries only when used".
 *
 * A user of it lists the library's functions once, as an X-macro of names; the
 * Makefile generates $(BUILD)/gen/NAME_defs.h from that list, defining each name as a
 * call through the table, so the calling code is unchanged and type-checked against the
 * library's own headers. */
#ifndef STORE_LAZYLIB_H
#define STORE_LAZYLIB_H
#include <pthread.h>
#include <stddef.h>

struct lazylib {
	const char *soname;          /* fixed at build time, no slash: never from the environment */
	const char *const *names;    /* the functions, n of them */
	const size_t *offsets;       /* where each one's pointer goes in *table */
	size_t n;
	void *table;
	pthread_mutex_t lock;
	int state;                   /* 0 not tried, 1 loaded, -1 failed (why) */
	void *handle;                /* dlopen's, once loaded */
	char why[256];
	pthread_t preloader;         /* lazylib_preload's thread, until lazylib_settle */
	int preloading;
	void (*then)(void);          /* run on that thread once the library is loaded, or NULL */
};

/* The table's description: NAMES and OFFSETS arrays from the list, for a struct of
 * one pointer per function (LAZYLIB_MEMBER), e.g.
 *   static const char *const names[] = { LIST(LAZYLIB_NAME) };
 *   static const size_t offs[] = { LIST(LAZYLIB_OFFSET_IN_TABLE) }; */
#define LAZYLIB_MEMBER(f) __typeof__(f) *f;
#define LAZYLIB_NAME(f) #f,

/* In NAME.c: `#define LAZYLIB_STRUCT struct NAME` (the table's type, NAME.h), then
 * `LAZYLIB_DEFINE(NAME, LIST, SONAME)` (SONAME a string the Makefile defines, e.g.
 * GIT2_SONAME "libgit2.so.1.5") defines the table and the functions every
 * lazy library has (NAME_preload and NAME_settle too, below): int NAME_load(char *err, size_t errlen), which loads it (0, or -1
 * with a message), and const struct NAME *NAME_fns(void), its table. */
#define LAZYLIB_OFFSET(f) offsetof(LAZYLIB_STRUCT, f),
#define LAZYLIB_DEFINE(name, LIST, soname_) \
	_Static_assert(sizeof soname_ > 1, #soname_ " is empty: the Makefile could not read " \
	               "the library's soname (objdump?)"); \
	static const char *const name##_names[] = { LIST(LAZYLIB_NAME) }; \
	static const size_t name##_offsets[] = { LIST(LAZYLIB_OFFSET) }; \
	static LAZYLIB_STRUCT name##_table; \
	static struct lazylib name##_lib = { \
		.soname = soname_, .names = name##_names, .offsets = name##_offsets, \
		.n = sizeof name##_names / sizeof *name##_names, .table = &name##_table, \
		.lock = PTHREAD_MUTEX_INITIALIZER, \
	}; \
	int name##_load(char *err, size_t errlen) { return lazylib_load(&name##_lib, err, errlen); } \
	const LAZYLIB_STRUCT *name##_fns(void) { return lazylib_table(&name##_lib); } \
	void name##_preload(void) { lazylib_preload(&name##_lib); } \
	void name##_settle(void) { lazylib_settle(&name##_lib); }

/* Load the library and fill the table, once per process; 0, or -1 with a message in
 * err (every later call gives the same answer). */
int lazylib_load(struct lazylib *l, char *err, size_t errlen);

/* Start loading the library on a thread of its own (then running l->then there, if set) (every signal blocked there), so that
 * a process that will need it soon loads it on the second core while it does other
 * work: lazylib_load waits for that thread (the lock) and gives its answer.
 * lazylib_settle waits for the thread to end; call it before the process exits.
 * NAME_preload and NAME_settle (LAZYLIB_DEFINE) are the two for one library. */
void lazylib_preload(struct lazylib *l);
void lazylib_settle(struct lazylib *l);
/* 1 when the library is loaded or its preload thread is still loading it (not failed,
 * as far as is known now); 0 when its load failed or was never begun. */
int lazylib_coming(struct lazylib *l);

/* The filled table, loading it first if need be; a library that cannot be loaded ends
 * the process with the message (a user calls lazylib_load first where it can fail
 * cleanly). */
void *lazylib_table(struct lazylib *l);
#endif
