/* crypto_lazy.c — libcrypto's table of functions, filled by store/lazylib.c on first
 * use (store/crypto_lazy.h says why). */
#define CRYPTO_LAZY_NO_NAMES
#include "store/crypto_lazy.h"

#define LAZYLIB_STRUCT struct crypto_lazy
LAZYLIB_DEFINE(crypto_lazy, CRYPTO_LAZY_FUNCS, CRYPTO_SONAME)
