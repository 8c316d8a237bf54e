/* warning_file.h — department warning files (预警线索, FORMATS.md): one row per warning,
 * columns matched by Chinese name or English alias, each value checked. */
#ifndef CORE_WARNING_FILE_H
#define CORE_WARNING_FILE_H
#include "core/register.h"
#include <stddef.h>

struct warning_row {
	long line;
	char id_number[19], name[257], kind[24], amount[32], date[11], department[32], note[512];
	/* name[]: TEXT_MAX_NAME characters of up to 4 bytes (a longer one is refused) */
	char fingerprint[160];   /* the same warning imported twice has the same fingerprint */
};

/* Parse and check utf8[0..len), kinds and departments from the tables in effect (lists;
 * NULL: the shipped tables); defects go to report (same callback as the register).
 * Returns the number of rows read (*rows allocated, caller frees) or -1 if the file
 * could not be read at all. */
int warnings_read_csv(const struct code_lists *lists, const char *utf8, size_t len,
                      const char *today,
                      struct warning_row **rows, int *defects,
                      register_report_fn report, void *ctx);

#endif
