/* fuzz_record.c — parsing canonical audit text (what `rebuild` reads) from arbitrary
 * bytes: never crashes; what it accepts renders to text that parses back identically. */
#include "tests/fuzz/fuzz_common.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	if (!text)
		return 0;
	struct household h = {0};
	char err[256];
	if (record_parse(NULL, text, &h, err, sizeof err) == 0) {
		struct buf one = {0};
		fuzz_round_trip(NULL, &h, &one);
		buf_free(&one);
	}
	household_free(&h);
	free(text);
	return 0;
}
