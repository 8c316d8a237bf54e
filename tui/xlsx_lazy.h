/* xlsx_lazy.h — libxlsxwriter, loaded only by an xlsx export (store/lazylib.h): it
 * brings OpenSSL's libcrypto, minizip and zlib, which every other command would load
 * for nothing. sheet_xlsx_open loads it by the soname the build found (XLSX_SONAME).
 * A libxlsxwriter function bangfu calls must be listed here (there is no
 * -lxlsxwriter). Include this header, never <xlsxwriter.h> directly. */
#ifndef TUI_XLSX_LAZY_H
#define TUI_XLSX_LAZY_H
#include "store/lazylib.h"
#include <xlsxwriter.h>

#define XLSX_LAZY_FUNCS(X) \
	X(format_set_bg_color) \
	X(format_set_bold) \
	X(format_set_num_format) \
	X(lxw_strerror) \
	X(workbook_add_format) \
	X(workbook_add_worksheet) \
	X(workbook_close) \
	X(workbook_new_opt) \
	X(worksheet_autofilter) \
	X(worksheet_freeze_panes) \
	X(worksheet_set_column) \
	X(worksheet_write_number) \
	X(worksheet_write_string) \
	/* end */

struct xlsx_lazy {
	XLSX_LAZY_FUNCS(LAZYLIB_MEMBER)
};

/* Load libxlsxwriter and resolve the table, once per process; 0, or -1 with a message. */
int xlsx_lazy_load(char *err, size_t errlen);
/* The table (loading it if need be; see lazylib_table). */
const struct xlsx_lazy *xlsx_lazy_fns(void);

#ifndef XLSX_LAZY_NO_NAMES
#include "xlsx_lazy_defs.h"
#endif
#endif
