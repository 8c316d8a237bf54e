/* git_lazy.c — libgit2's table of functions, filled by store/lazylib.c on first use
 * (store/git_lazy.h says why). */
#define GIT_LAZY_NO_NAMES
#include "store/git_lazy.h"
#include <dlfcn.h>
#include <pthread.h>
#include <string.h>

#define LAZYLIB_STRUCT struct git_lazy
LAZYLIB_DEFINE(git_lazy, GIT_LAZY_FUNCS, GIT2_SONAME)

/* The CA bundle, parsed only for a network connection. Debian's libgit2 1.5 is built
 * with mbedTLS, and git_libgit2_init() runs git_mbedtls_stream_global_init()
 * unconditionally, which parses every certificate of its fixed bundle
 * (/etc/ssl/certs/ca-certificates.crt) into its CA chain through
 * mbedtls_x509_crt_parse_file: about 2.5 ms of CPU, a fifth of an edit, for TLS that an
 * edit never uses. No option runs before it. bangfu's executable exports this function
 * (Makefile: --export-dynamic-symbol), so libgit2's call binds here: while git_lazy_init
 * runs, the parse is put off (the chain stays empty, which trusts nothing: a connection
 * made without git_lazy_tls fails its certificate check, it does not skip it), and
 * git_lazy_tls parses the same file into the same chain, which libgit2's TLS
 * configuration already points at. Every other call goes to mbedTLS's own function,
 * found through libgit2's handle (its dependencies). Where the symbol is not exported
 * (the unit tests) or libgit2 does not use mbedTLS, this is never called and libgit2
 * parses the bundle itself, as before. */
static struct {
	int deferring;        /* git_lazy_init is running */
	void *chain;          /* the chain whose parse was put off, or NULL */
	char path[4096];
} tls;

int mbedtls_x509_crt_parse_file(void *chain, const char *path);

static int real_parse_file(void *chain, const char *path)
{
	int (*real)(void *, const char *) = NULL;
	void *p = git_lazy_lib.handle ? dlsym(git_lazy_lib.handle, "mbedtls_x509_crt_parse_file") : NULL;
	memcpy(&real, &p, sizeof p);
	return real && real != mbedtls_x509_crt_parse_file ? real(chain, path) : -1;
}

int mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
	if (tls.deferring && strlen(path) < sizeof tls.path) {
		tls.chain = chain;
		memcpy(tls.path, path, strlen(path) + 1);
		return 0;
	}
	return real_parse_file(chain, path);
}

/* git_libgit2_init() is made on the preload thread too, right after the load (its
 * OpenSSL and mbedTLS set-up, about 0.5 ms of an edit, then overlaps the edit's SQLite
 * work). Each such init is counted until a store adopts it in git_lazy_init, in place of
 * an init of its own, so that libgit2's count of inits and shutdowns stays matched. */
static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;
static int preinits;   /* inits the preload thread made that no store has adopted yet */
static int inited;     /* some git_libgit2_init() succeeded */

static int init_locked(void)
{
	tls.deferring = 1;
	int rc = git_lazy_fns()->git_libgit2_init();
	tls.deferring = 0;
	inited |= rc > 0;
	return rc;
}

static void preinit(void)   /* on the preload thread, under the library's lock */
{
	pthread_mutex_lock(&init_lock);
	if (!inited && init_locked() > 0)
		preinits++;
	pthread_mutex_unlock(&init_lock);
}

int git_lazy_init(void)
{
	pthread_mutex_lock(&init_lock);
	int rc = preinits ? (preinits--, 1) : init_locked();
	pthread_mutex_unlock(&init_lock);
	return rc;
}

void git_lazy_expect(void)
{
	git_lazy_lib.then = preinit;
	git_lazy_preload();
}

int git_lazy_coming(void)
{
	return lazylib_coming(&git_lazy_lib);
}

void git_lazy_release(void)
{
	git_lazy_settle();
	pthread_mutex_lock(&init_lock);
	for (; preinits > 0; preinits--)
		git_lazy_fns()->git_libgit2_shutdown();
	pthread_mutex_unlock(&init_lock);
}

int git_lazy_tls(void)
{
	if (!tls.chain)
		return 0;
	int rc = real_parse_file(tls.chain, tls.path);
	if (rc < 0) {
		git_lazy_fns()->git_error_set_str(GIT_ERROR_SSL, "cannot load the CA certificates");
		return -1;
	}
	tls.chain = NULL;
	return 0;
}
