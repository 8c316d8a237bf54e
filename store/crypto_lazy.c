/* crypto_lazy.c — libcrypto's table of functions, filled by store/lazylib.c on first
 * use (store/crypto_lazy.h says why). */
#define CRYPTO_LAZY_NO_NAMES
#include "store/crypto_lazy.h"

#ifndef CRYPTO_SONAME
#error "CRYPTO_SONAME (libcrypto's soname, e.g. \"libcrypto.so.3\") comes from the Makefile"
#endif
_Static_assert(sizeof CRYPTO_SONAME > 1, "CRYPTO_SONAME is empty: the Makefile could not read the soname (objdump?)");

#define LAZYLIB_STRUCT struct crypto_lazy
LAZYLIB_DEFINE(crypto_lazy, CRYPTO_LAZY_FUNCS, CRYPTO_SONAME)
