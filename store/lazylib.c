/* lazylib.c — dlopen a library by its soname and resolve a list of functions into a
 * table (store/lazylib.h). The soname is fixed at build time and has no slash, so the
 * dynamic loader looks for it exactly as for a linked library: its cache and the system
 * directories, and LD_LIBRARY_PATH only when bangfu does not run setgid (in secure mode
 * ld.so ignores it for dlopen as for linking; tests/e2e/shared_server.sh checks it).
 * The handle and the table are per process, as the libraries' own initialisation is;
 * a library is never unloaded. */
#include "store/lazylib.h"
#include <dlfcn.h>
#include "core/i18n.h"
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int load(struct lazylib *l)
{
	void *h = dlopen(l->soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *e = dlerror();
		snprintf(l->why, sizeof l->why, _("cannot load %s: %s"), l->soname, e ? e : _("unknown error"));
		return -1;
	}
	for (size_t i = 0; i < l->n; i++) {
		void *p = dlsym(h, l->names[i]);
		if (!p) {
			snprintf(l->why, sizeof l->why, _("%s has no %s (not the version bangfu was "
			         "built with?)"), l->soname, l->names[i]);
			return -1;   /* h stays loaded: harmless, and dlclose of a half-used library is not */
		}
		memcpy((char *)l->table + l->offsets[i], &p, sizeof p);
	}
	l->handle = h;
	return 1;
}

int lazylib_load(struct lazylib *l, char *err, size_t errlen)
{
	int state = __atomic_load_n(&l->state, __ATOMIC_ACQUIRE);
	if (!state) {
		pthread_mutex_lock(&l->lock);
		if (!(state = l->state))
			__atomic_store_n(&l->state, state = load(l), __ATOMIC_RELEASE);
		pthread_mutex_unlock(&l->lock);
	}
	if (state > 0)
		return 0;
	snprintf(err, errlen, "%s", l->why);
	return -1;
}

static void *preload_main(void *arg)
{
	struct lazylib *l = arg;
	/* l->then runs under the lock, so a caller of lazylib_load meanwhile waits for it
	 * too (state is set first: l->then uses the table); a failed load leaves the message
	 * to the caller's own lazylib_load */
	pthread_mutex_lock(&l->lock);
	if (!l->state) {
		int state = load(l);
		__atomic_store_n(&l->state, state, __ATOMIC_RELEASE);
		if (state > 0 && l->then)
			l->then();
	}
	pthread_mutex_unlock(&l->lock);
	return NULL;
}

void lazylib_preload(struct lazylib *l)
{
	sigset_t all, old;
	if (l->preloading || __atomic_load_n(&l->state, __ATOMIC_ACQUIRE))
		return;
	/* blocked on the thread: a signal held off by the main thread (write_hold_signals:
	 * a commit and its flush) must not be delivered here instead */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	l->preloading = pthread_create(&l->preloader, NULL, preload_main, l) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

void lazylib_settle(struct lazylib *l)
{
	if (l->preloading)
		pthread_join(l->preloader, NULL);
	l->preloading = 0;
}

int lazylib_coming(struct lazylib *l)
{
	int state = __atomic_load_n(&l->state, __ATOMIC_ACQUIRE);
	return state > 0 || (state == 0 && l->preloading);
}

void *lazylib_table(struct lazylib *l)
{
	char why[sizeof l->why];
	if (__atomic_load_n(&l->state, __ATOMIC_ACQUIRE) > 0 || !lazylib_load(l, why, sizeof why))
		return l->table;
	fprintf(stderr, "bangfu: %s\n", why);
	exit(1);
}
