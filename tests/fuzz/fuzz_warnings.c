/* fuzz_warnings.c — department warning files from arbitrary bytes: never crashes or
 * leaks; every accepted row has a valid 18-character ID number and a fingerprint. */
#include "core/warning_file.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void ignore(void *ctx, long line, const char *column, const char *msg)
{
	(void)ctx; (void)line; (void)column; (void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct warning_row *rows = NULL;
	int defects = 0;
	int n = warnings_read_csv(NULL, (const char *)data, size, "2026-11-29", &rows, &defects, ignore, NULL);
	if (n > 0 && defects == 0)
		for (int i = 0; i < n; i++)
			if (strlen(rows[i].id_number) != 18 || !rows[i].fingerprint[0])
				abort();
	free(rows);
	return 0;
}
