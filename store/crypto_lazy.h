/* crypto_lazy.h — OpenSSL's libcrypto, loaded only by the pack writer (store/
 * audit_packw.c: a pack's and its index's SHA-1 trailers), so that no other command
 * pays for loading and relocating it (store/lazylib.h; docs/performance.md, "Loading
 * libraries only when used"). A libcrypto function bangfu calls must be listed here
 * (there is no -lcrypto). Include this header, never <openssl/evp.h> directly. */
#ifndef STORE_CRYPTO_LAZY_H
#define STORE_CRYPTO_LAZY_H
#include "store/lazylib.h"
#include <openssl/evp.h>

#define CRYPTO_LAZY_FUNCS(X) \
	X(EVP_DigestFinal_ex) \
	X(EVP_DigestInit_ex) \
	X(EVP_DigestUpdate) \
	X(EVP_MD_CTX_free) \
	X(EVP_MD_CTX_new) \
	X(EVP_sha1) \
	/* end */

struct crypto_lazy {
	CRYPTO_LAZY_FUNCS(LAZYLIB_MEMBER)
};

/* Load libcrypto and resolve the table, once per process; 0, or -1 with a message. */
int crypto_lazy_load(char *err, size_t errlen);
/* The table (loading it if need be; see lazylib_table). */
const struct crypto_lazy *crypto_lazy_fns(void);

#ifndef CRYPTO_LAZY_NO_NAMES
#include "crypto_lazy_defs.h"
#endif
#endif
