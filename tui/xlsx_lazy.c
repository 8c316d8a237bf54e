/* xlsx_lazy.c — libxlsxwriter's table of functions, filled by store/lazylib.c on first
 * use (tui/xlsx_lazy.h says why). */
#define XLSX_LAZY_NO_NAMES
#include "tui/xlsx_lazy.h"

#ifndef XLSX_SONAME
#error "XLSX_SONAME (libxlsxwriter's soname, e.g. \"libxlsxwriter.so.4\") comes from the Makefile"
#endif
_Static_assert(sizeof XLSX_SONAME > 1, "XLSX_SONAME is empty: the Makefile could not read the soname (objdump?)");

#define LAZYLIB_STRUCT struct xlsx_lazy
LAZYLIB_DEFINE(xlsx_lazy, XLSX_LAZY_FUNCS, XLSX_SONAME)
