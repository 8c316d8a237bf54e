/* xlsx_lazy.c — libxlsxwriter's table of functions, filled by store/lazylib.c on first
 * use (tui/xlsx_lazy.h says why). */
#define XLSX_LAZY_NO_NAMES
#include "tui/xlsx_lazy.h"

#define LAZYLIB_STRUCT struct xlsx_lazy
LAZYLIB_DEFINE(xlsx_lazy, XLSX_LAZY_FUNCS, XLSX_SONAME)
