/* xlsx_lazy.c — libxlsxwriter's table of functions, filled by store/lazylib.c on first
 * use (tui/xlsx_lazy.h says why). */
#define XLSX_LAZY_NO_NAMES
#include "tui/xlsx_lazy.h"

#ifndef XLSX_SONAME
#error "XLSX_SONAME (libxlsxwriter's soname, e.g. \"libxlsxwriter.so.4\") comes from the Makefile"
#endif
_Static_assert(sizeof XLSX_SONAME > 1, "XLSX_SONAME is empty: the Makefile could not read the soname (objdump?)");

#define XLSX_LAZY_OFFSET(f) offsetof(struct xlsx_lazy, f),
static const char *const names[] = { XLSX_LAZY_FUNCS(LAZYLIB_NAME) };
static const size_t offsets[] = { XLSX_LAZY_FUNCS(XLSX_LAZY_OFFSET) };
static struct xlsx_lazy fns;
static struct lazylib lib = {
	.soname = XLSX_SONAME, .names = names, .offsets = offsets,
	.n = sizeof names / sizeof *names, .table = &fns, .lock = PTHREAD_MUTEX_INITIALIZER,
};

int xlsx_lazy_load(char *err, size_t errlen)
{
	return lazylib_load(&lib, err, errlen);
}

const struct xlsx_lazy *xlsx_lazy_fns(void)
{
	return lazylib_table(&lib);
}
