/* sanitizer_options.c — for AddressSanitizer builds only (make SANITIZE=1). A setgid
 * bangfu (docs/deploy.md) can neither be traced nor read its own /proc/self/environ, so
 * LeakSanitizer cannot run in it and ASAN_OPTIONS is not seen: leak detection is turned
 * off for a setgid run alone; everything else is still checked. */
#if defined(__SANITIZE_ADDRESS__)
#include <sys/auxv.h>

const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return getauxval(AT_SECURE) ? "detect_leaks=0" : "";
}
#else
typedef int sanitizer_options_unused;   /* ISO C wants something in a translation unit */
#endif
