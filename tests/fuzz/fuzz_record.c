/* fuzz_record.c — parsing canonical audit text (what `rebuild` reads) from arbitrary
 * bytes: never crashes; what it accepts renders to text that parses back identically. */
#include "core/record.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	struct household h = {0}, back = {0};
	char err[256];
	if (record_parse(NULL, text, &h, err, sizeof err) == 0) {
		struct buf one = {0}, two = {0};
		record_render(NULL, &h, &one);
		if (record_parse(NULL, buf_str(&one), &back, err, sizeof err) != 0)
			abort();
		record_render(NULL, &back, &two);
		if (strcmp(buf_str(&one), buf_str(&two)) != 0)
			abort();
		buf_free(&one);
		buf_free(&two);
	}
	household_free(&h);
	household_free(&back);
	free(text);
	return 0;
}
